//! QR codes for handing an address from a kiosk to a phone, drawn as one SVG path.

use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of light margin around the code, as scanners expect.
const QUIET_ZONE: i32 = 4;

/// A QR code ready to draw: the side of its square (margin included) in modules, and an SVG
/// path that fills each dark module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrDrawing {
    pub side: i32,
    pub path: String,
}

/// Encodes `text` with medium error correction (a smudged kiosk screen still scans); `None`
/// if it is too long for any QR code.
pub fn draw(text: &str) -> Option<QrDrawing> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            // One rectangle per run of dark modules in a row keeps the path short.
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            path.push_str(&format!(
                "M{} {}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            ));
        }
    }
    Some(QrDrawing {
        side: size + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_becomes_a_square_with_a_margin() {
        let drawing = draw("https://news.bangkok.go.th/news/n-1001-0001?lang=th").unwrap();
        // Version 4 (33 modules) holds this address at medium correction.
        assert_eq!(drawing.side, 33 + 8);
        // The three finder patterns start at the corners, inside the margin.
        assert!(drawing.path.starts_with("M4 4h7v1h-7z"));
    }

    #[test]
    fn the_same_address_gives_the_same_code() {
        assert_eq!(draw("https://x.test/"), draw("https://x.test/"));
        assert_ne!(draw("https://x.test/a"), draw("https://x.test/b"));
    }

    #[test]
    fn too_long_a_text_gives_none() {
        assert_eq!(draw(&"x".repeat(5_000)), None);
    }
}
