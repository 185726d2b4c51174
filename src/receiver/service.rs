//! `POST /api/stories` as `story-api.md` describes it, with the faults a test asks for.

use crate::faults::{Fault, Faults};
use crate::limit::RateLimit;
use crate::store::{Store, Stored};
use base64::Engine as _;
use city_comms::domain::bundle::Bundle;
use city_comms::domain::story::{check_request, Field, FieldError, Problem, StoryRequest};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use hyper::{Method, Request, Response, StatusCode};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Everything a request needs, shared by all connections.
pub struct Receiver {
    pub store: Mutex<Store>,
    pub bundle: Bundle,
    pub faults: Mutex<Faults>,
    /// The largest request body taken (a deployment may set it below the API's limit).
    pub max_body_bytes: usize,
    pub rate_limit: Mutex<RateLimit>,
    /// The header that names the client when a proxy stands in front (`X-Forwarded-For`);
    /// without it, the connection's peer is the client.
    pub client_header: Option<String>,
}

/// Why a connection is closed without an answer (a fault the test asked for).
#[derive(Debug)]
pub struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose after storing")
    }
}

impl std::error::Error for Dropped {}

type Answer = Response<Full<Bytes>>;

fn json(status: StatusCode, body: serde_json::Value) -> Answer {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn refuse(status: StatusCode, error: &str, error_th: &str, field: Option<&str>) -> Answer {
    json(
        status,
        serde_json::json!({ "error": error, "error_th": error_th, "field": field }),
    )
}

/// Answers one request from the connection's `peer`.
pub async fn handle(
    receiver: Arc<Receiver>,
    peer: IpAddr,
    request: Request<Incoming>,
) -> Result<Answer, Dropped> {
    match (request.method(), request.uri().path()) {
        (&Method::GET, "/api/health") => {
            Ok(json(StatusCode::OK, serde_json::json!({ "ok": true })))
        }
        (&Method::POST, "/api/stories") => {
            let client = client_of(&receiver, peer, &request);
            let allowed = receiver
                .rate_limit
                .lock()
                .map_or(Ok(()), |mut limit| limit.take(client, Instant::now()));
            match allowed {
                Ok(()) => receive(&receiver, request).await,
                Err(wait) => Ok(slow_down(wait)),
            }
        }
        (_, "/api/stories") => Ok(refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only POST is accepted here",
            "รับเฉพาะคำขอแบบ POST",
            None,
        )),
        _ => Ok(refuse(StatusCode::NOT_FOUND, "Not found", "ไม่พบ", None)),
    }
}

/// The client's address: the first one in the proxy's header if the receiver was told to
/// trust one, else the connection's peer.
fn client_of(receiver: &Receiver, peer: IpAddr, request: &Request<Incoming>) -> IpAddr {
    receiver
        .client_header
        .as_deref()
        .and_then(|name| request.headers().get(name))
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(',').next())
        .and_then(|first| first.trim().parse().ok())
        .unwrap_or(peer)
}

/// 429 with the seconds to wait, which the app honours.
fn slow_down(wait_secs: u64) -> Answer {
    let mut answer = refuse(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many stories from this device at once; the app will send it again shortly",
        "ส่งเรื่องเล่าจากอุปกรณ์นี้ถี่เกินไป แอปจะส่งให้อีกครั้งในไม่ช้า",
        None,
    );
    if let Ok(value) = HeaderValue::from_str(&wait_secs.to_string()) {
        answer.headers_mut().insert(RETRY_AFTER, value);
    }
    answer
}

async fn receive(receiver: &Receiver, request: Request<Incoming>) -> Result<Answer, Dropped> {
    let fault = receiver
        .faults
        .lock()
        .map(|mut f| f.roll())
        .unwrap_or(Fault::None);
    match fault {
        Fault::Busy => {
            let mut answer = refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "Busy, try again soon",
                "ระบบไม่ว่าง โปรดลองใหม่",
                None,
            );
            answer
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
            return Ok(answer);
        }
        Fault::Fail => {
            return Ok(refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "Injected failure",
                "ระบบขัดข้อง",
                None,
            ));
        }
        Fault::None | Fault::Delay(_) | Fault::DropAfterStoring => {}
    }

    let key = request
        .headers()
        .get("idempotency-key")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let is_json = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("application/json"));
    if !is_json {
        return Ok(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the story as application/json",
            "โปรดส่งเรื่องเล่าในรูปแบบ application/json",
            None,
        ));
    }
    let body = match Limited::new(request.into_body(), receiver.max_body_bytes)
        .collect()
        .await
    {
        Ok(body) => body.to_bytes(),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => {
            return Ok(refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "The story and its photos are too large",
                "เรื่องเล่าและรูปภาพมีขนาดใหญ่เกินไป",
                Some("photos"),
            ));
        }
        // The client went away mid-upload: nothing to answer.
        Err(_) => return Err(Dropped),
    };
    let story: StoryRequest = match serde_json::from_slice(&body) {
        Ok(story) => story,
        Err(error) => {
            let english = format!("The story is not in the expected form: {error}");
            return Ok(refuse(
                StatusCode::BAD_REQUEST,
                &english,
                "ข้อมูลเรื่องเล่าไม่อยู่ในรูปแบบที่กำหนด",
                None,
            ));
        }
    };
    if key.as_deref() != Some(story.id.as_str()) {
        return Ok(refuse(
            StatusCode::BAD_REQUEST,
            "The Idempotency-Key header must equal the story's id",
            "ส่วนหัว Idempotency-Key ต้องตรงกับรหัสของเรื่องเล่า",
            Some("id"),
        ));
    }
    if let Some(error) = check_request(&story, &receiver.bundle).into_iter().next() {
        return Ok(json(StatusCode::UNPROCESSABLE_ENTITY, error.to_refusal()));
    }
    let photos = match decode_photos(&story) {
        Ok(photos) => photos,
        Err(error) => return Ok(json(StatusCode::UNPROCESSABLE_ENTITY, error.to_refusal())),
    };

    // A slow answer: the story is stored late, often after the app has given up waiting.
    if let Fault::Delay(millis) = fault {
        tokio::time::sleep(Duration::from_millis(millis)).await;
    }
    let stored = match receiver.store.lock() {
        Ok(mut store) => store.put(&story, &photos),
        Err(_) => {
            return Ok(refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Storage unavailable",
                "ระบบจัดเก็บขัดข้อง",
                None,
            ))
        }
    };
    let answer = match stored {
        Ok(Stored::New) => json(
            StatusCode::CREATED,
            serde_json::json!({ "id": story.id, "stored": true }),
        ),
        Ok(Stored::Again) => json(
            StatusCode::OK,
            serde_json::json!({ "id": story.id, "stored": true, "repeat": true }),
        ),
        Err(error) => {
            eprintln!("receiver: could not store {}: {error}", story.id);
            return Ok(refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Could not store the story",
                "จัดเก็บเรื่องเล่าไม่สำเร็จ",
                None,
            ));
        }
    };
    if fault == Fault::DropAfterStoring {
        return Err(Dropped);
    }
    Ok(answer)
}

/// The photos' bytes, each a JPEG that carries no EXIF segment.
fn decode_photos(story: &StoryRequest) -> Result<Vec<Vec<u8>>, FieldError> {
    let refuse = |problem| FieldError {
        field: Field::Photos,
        problem,
    };
    story
        .photos
        .iter()
        .map(|photo| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&photo.data)
                .map_err(|_| refuse(Problem::NotAPhoto))?;
            if !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
                return Err(refuse(Problem::NotAPhoto));
            }
            if has_exif(&bytes) {
                return Err(refuse(Problem::PhotoMetadata));
            }
            Ok(bytes)
        })
        .collect()
}

/// Whether a JPEG has an APP1 segment holding EXIF, looked for in the segments before the
/// image data.
pub fn has_exif(jpeg: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let length = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        if marker == 0xE1 && jpeg.get(at + 4..at + 10) == Some(b"Exif\0\0".as_slice()) {
            return true;
        }
        at += 2 + length;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::has_exif;

    #[test]
    fn exif_is_found_only_in_an_app1_exif_segment() {
        let jfif = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0, 0xFF, 0xDA, 0, 2,
        ];
        assert!(!has_exif(&jfif));
        let mut exif = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x0A];
        exif.extend_from_slice(b"Exif\0\0MM\0*");
        assert!(has_exif(&exif));
        // An XMP APP1 is not EXIF; a truncated file ends the search.
        let xmp = [
            0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08, b'h', b't', b't', b'p', 0, 0,
        ];
        assert!(!has_exif(&xmp));
        assert!(!has_exif(&[0xFF, 0xD8, 0xFF]));
    }
}
