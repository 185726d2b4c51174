//! Photos chosen in the form, shrunk and re-encoded on the device before they go anywhere.
//! Drawing the decoded picture onto a canvas and encoding the canvas as JPEG keeps the pixels
//! and nothing else: the EXIF block, with any GPS position, is left behind.

use super::document;
use crate::domain::story::{
    is_hidden_character, photo_fits, shrunk_size, Photo, Problem, PHOTO_FILE_MAX_BYTES,
    PHOTO_JPEG_QUALITIES, PHOTO_MAX_BYTES,
};
use wasm_bindgen::{JsCast, JsValue};
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

/// The photo `file` shrunk to at most `PHOTO_MAX_SIDE` pixels on its longest side, as a
/// JPEG in base64, or why it cannot be used. The drawing and encoding run in a worker
/// (`src/build/photo-worker.js`), so a large photo never holds the page; a browser without
/// `OffscreenCanvas` does it on the page instead.
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
    let (width, height) = shrunk_size(bitmap.width(), bitmap.height());
    let data = if workers_can_draw() {
        // The bitmap goes to the worker (transferred, not copied): no way back from here.
        match in_worker(&bitmap, width, height).await {
            Encoded::Data(data) => Some(data),
            Encoded::TooLarge => None,
            Encoded::Failed => return Err(Problem::NotAPhoto),
        }
    } else {
        on_page(&bitmap, width, height)?
    };
    bitmap.close();
    match data {
        Some(data) if photo_fits(&data) => Ok(Photo {
            name: jpeg_name(&file.name()),
            mime: "image/jpeg".into(),
            data,
        }),
        _ => Err(Problem::PhotoTooLarge),
    }
}

/// What encoding a photo came to.
enum Encoded {
    /// The JPEG in base64, within the limit.
    Data(String),
    /// Too large at every quality tried.
    TooLarge,
    /// The worker could not do it.
    Failed,
}

/// Whether this browser can draw in a worker (`Worker` and `OffscreenCanvas`).
fn workers_can_draw() -> bool {
    let global = js_sys::global();
    ["Worker", "OffscreenCanvas"]
        .iter()
        .all(|name| js_sys::Reflect::has(&global, &JsValue::from_str(name)).unwrap_or(false))
}

/// Draws and encodes the photo in a worker of its own, which is ended afterwards. The bitmap
/// is transferred, not copied.
async fn in_worker(bitmap: &web_sys::ImageBitmap, width: u32, height: u32) -> Encoded {
    let Ok(worker) = web_sys::Worker::new(&document::resolve("photo-worker.js")) else {
        return Encoded::Failed;
    };
    let message = js_sys::Object::new();
    let qualities: js_sys::Array = PHOTO_JPEG_QUALITIES
        .iter()
        .map(|q| JsValue::from(*q))
        .collect();
    for (key, value) in [
        ("bitmap", JsValue::from(bitmap)),
        ("width", width.into()),
        ("height", height.into()),
        ("qualities", qualities.into()),
        ("maxBytes", (PHOTO_MAX_BYTES as f64).into()),
    ] {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &value);
    }
    let answered = js_sys::Promise::new(&mut |resolve, _reject| {
        let failed = resolve.clone();
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&failed));
    });
    let transfer = js_sys::Array::of1(bitmap);
    if worker
        .post_message_with_transfer(&message, &transfer)
        .is_err()
    {
        worker.terminate();
        return Encoded::Failed;
    }
    let answer = JsFuture::from(answered).await;
    worker.terminate();
    let data = answer
        .ok()
        .and_then(|event| event.dyn_into::<web_sys::MessageEvent>().ok())
        .map(|event| event.data())
        .unwrap_or(JsValue::UNDEFINED);
    let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok();
    if let Some(text) = field("data").and_then(|value| value.as_string()) {
        Encoded::Data(text)
    } else if field("tooLarge").is_some_and(|value| value.is_truthy()) {
        Encoded::TooLarge
    } else {
        Encoded::Failed
    }
}

/// The same drawing and encoding on the page itself, for a browser without `OffscreenCanvas`
/// in workers: `Ok(None)` when every quality is too large.
fn on_page(
    bitmap: &web_sys::ImageBitmap,
    width: u32,
    height: u32,
) -> Result<Option<String>, Problem> {
    let canvas: web_sys::HtmlCanvasElement = web_sys::window()
        .and_then(|window| window.document())
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
            bitmap,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .map_err(|_| Problem::NotAPhoto)?;
    for quality in PHOTO_JPEG_QUALITIES {
        let url = canvas
            .to_data_url_with_type_and_encoder_options("image/jpeg", &quality.into())
            .map_err(|_| Problem::NotAPhoto)?;
        let data = url
            .strip_prefix("data:image/jpeg;base64,")
            .ok_or(Problem::NotAPhoto)?;
        if photo_fits(data) {
            return Ok(Some(data.to_owned()));
        }
    }
    Ok(None)
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
