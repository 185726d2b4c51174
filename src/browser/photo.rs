//! Photos chosen in the form, shrunk and re-encoded on the device before they go anywhere.
//! Drawing the decoded picture onto a canvas and encoding the canvas as JPEG keeps the pixels
//! and nothing else: the EXIF block, with any GPS position, is left behind.

use crate::domain::story::{
    is_hidden_character, Photo, Problem, PHOTO_FILE_MAX_BYTES, PHOTO_MAX_BYTES, PHOTO_MAX_SIDE,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file the citizen picked in a file input.
pub struct PickedFile(web_sys::File);

/// Takes the files picked in the file input that `event` came from, and empties the input
/// so that the same file can be picked again.
pub fn take_picked(event: &web_sys::Event) -> Vec<PickedFile> {
    let Some(input) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| {
            (0..list.length())
                .filter_map(|at| list.get(at))
                .map(PickedFile)
                .collect()
        })
        .unwrap_or_default();
    input.set_value("");
    files
}

/// The photo `file` shrunk to at most [`PHOTO_MAX_SIDE`] pixels on its longest side, as a
/// JPEG in base64, or why it cannot be used.
pub async fn shrink(PickedFile(file): &PickedFile) -> Result<Photo, Problem> {
    if file.size() > PHOTO_FILE_MAX_BYTES {
        return Err(Problem::PhotoFileTooLarge);
    }
    let window = web_sys::window().ok_or(Problem::NotAPhoto)?;
    let decoding = window
        .create_image_bitmap_with_blob(file)
        .map_err(|_| Problem::NotAPhoto)?;
    // Decoding fails for anything that is not a picture, whatever its name says.
    let bitmap: web_sys::ImageBitmap = JsFuture::from(decoding)
        .await
        .ok()
        .and_then(|value| value.dyn_into().ok())
        .ok_or(Problem::NotAPhoto)?;
    let (width, height) = fit(bitmap.width(), bitmap.height());
    let canvas: web_sys::HtmlCanvasElement = window
        .document()
        .and_then(|document| document.create_element("canvas").ok())
        .and_then(|element| element.dyn_into().ok())
        .ok_or(Problem::NotAPhoto)?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into().ok())
        .ok_or(Problem::NotAPhoto)?;
    // JPEG has no transparency: a transparent PNG gets white behind it, not black.
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(
            &bitmap,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .map_err(|_| Problem::NotAPhoto)?;
    bitmap.close();
    for quality in [0.85, 0.7, 0.5] {
        let url = canvas
            .to_data_url_with_type_and_encoder_options("image/jpeg", &quality.into())
            .map_err(|_| Problem::NotAPhoto)?;
        let data = url
            .strip_prefix("data:image/jpeg;base64,")
            .ok_or(Problem::NotAPhoto)?;
        if data.len() / 4 * 3 <= PHOTO_MAX_BYTES {
            return Ok(Photo {
                name: jpeg_name(&file.name()),
                mime: "image/jpeg".into(),
                data: data.to_owned(),
            });
        }
    }
    Err(Problem::PhotoTooLarge)
}

/// The size that keeps the proportions and fits the longest side within the limit.
fn fit(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height).max(1);
    if longest <= PHOTO_MAX_SIDE {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(PHOTO_MAX_SIDE) / f64::from(longest);
    let side = |value: u32| ((f64::from(value) * scale).round() as u32).max(1);
    (side(width), side(height))
}

/// The file's name with a `.jpg` ending, without characters that have no place in a name.
fn jpeg_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let clean: String = stem
        .chars()
        .filter(|c| !c.is_control() && !is_hidden_character(*c) && !matches!(c, '/' | '\\'))
        .take(80)
        .collect();
    let stem = if clean.trim().is_empty() {
        "photo"
    } else {
        clean.trim()
    };
    format!("{stem}.jpg")
}
