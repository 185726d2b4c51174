//! `POST /api/stories` as `story-api.md` describes it, with the faults a test asks for.

use crate::faults::{Fault, Faults};
use crate::limit::RateLimit;
use crate::store::{Store, Stored};
use base64::Engine as _;
use city_comms::domain::bundle::Bundle;
use city_comms::domain::story::{check_request, Field, FieldError, Problem, StoryRequest};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use hyper::HeaderMap;
use hyper::{Method, Request, Response, StatusCode};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Everything a request needs, shared by all connections.
pub struct Receiver {
    pub store: Store,
    pub bundle: Bundle,
    pub faults: Mutex<Faults>,
    /// The largest request body taken (a deployment may set it below the API's limit).
    pub max_body_bytes: usize,
    pub rate_limit: Mutex<RateLimit>,
    /// Where the client's address is read when proxies stand in front; without it, the
    /// connection's peer is the client.
    pub client_header: Option<ClientHeader>,
}

/// The header in which trusted proxies append the address they took a request from
/// (`X-Forwarded-For`), and how many of them stand between the client and the receiver.
#[derive(Debug, Clone)]
pub struct ClientHeader {
    pub name: HeaderName,
    /// At least 1.
    pub trusted_proxies: usize,
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
            let client = client_address(peer, request.headers(), receiver.client_header.as_ref());
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

/// The client's address. Behind proxies, each appends the address it took the request from
/// to the header, after whatever the client wrote there itself; so with `n` trusted proxies
/// the client is the `n`-th entry from the right, the header's lines taken in order. A header
/// that is missing, too short or unreadable there gives the connection's peer.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, from: Option<&ClientHeader>) -> IpAddr {
    from.and_then(|from| forwarded_for(headers, from))
        .unwrap_or(peer)
}

fn forwarded_for(headers: &HeaderMap, from: &ClientHeader) -> Option<IpAddr> {
    let lines: Vec<&[u8]> = headers
        .get_all(&from.name)
        .iter()
        .map(HeaderValue::as_bytes)
        .collect();
    // Read from the right, so that what the client wrote on the left is never looked at.
    let entry = lines
        .iter()
        .rev()
        .flat_map(|line| line.rsplit(|byte| *byte == b','))
        .map(|entry| entry.trim_ascii())
        .filter(|entry| !entry.is_empty())
        .nth(from.trusted_proxies.checked_sub(1)?)?;
    let entry = std::str::from_utf8(entry).ok()?;
    // Some proxies write the port too: `192.0.2.7:4711`, `[2001:db8::7]:4711`.
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
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
    let answer = match receiver.store.put(&story, &photos).await {
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
            check_jpeg(&bytes).map_err(refuse)?;
            Ok(bytes)
        })
        .collect()
}

/// Whether `bytes` are a JPEG that carries no EXIF segment, as every stored photo must be.
pub fn check_jpeg(bytes: &[u8]) -> Result<(), Problem> {
    if !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Err(Problem::NotAPhoto)
    } else if has_exif(bytes) {
        Err(Problem::PhotoMetadata)
    } else {
        Ok(())
    }
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
    #![allow(clippy::unwrap_used)]
    use super::{client_address, has_exif, ClientHeader};
    use hyper::header::{HeaderName, HeaderValue};
    use hyper::HeaderMap;
    use std::net::IpAddr;

    #[test]
    fn the_client_is_the_entry_the_trusted_proxies_appended() {
        let peer: IpAddr = "10.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let ipv6: IpAddr = "2001:db8::7".parse().unwrap();
        // (header lines, trusted proxies, the address taken)
        let cases: &[(&[&[u8]], usize, IpAddr)] = &[
            (&[], 1, peer),
            (&[b"203.0.113.7"], 1, client),
            // Whatever the client wrote itself is left of what the proxy appended.
            (&[b"198.51.100.1, 203.0.113.7"], 1, client),
            (&[b"198.51.100.1,198.51.100.2,203.0.113.7"], 1, client),
            (&[b"198.51.100.1", b"203.0.113.7"], 1, client),
            // Two proxies: the outer one appended the client, the inner one the outer one.
            (&[b"198.51.100.1, 203.0.113.7, 10.0.0.2"], 2, client),
            (&[b"198.51.100.1, 203.0.113.7", b"10.0.0.2"], 2, client),
            (&[b"203.0.113.7:4711"], 1, client),
            (&[b"[2001:db8::7]:4711"], 1, ipv6),
            (&[b" 2001:db8::7 "], 1, ipv6),
            // Unreadable bytes the client wrote on the left do not matter.
            (&[b"\xff\xfe, 203.0.113.7"], 1, client),
            (&[b"\xff\xfe", b"203.0.113.7"], 1, client),
            // Fewer entries than proxies: the request did not come through them all.
            (&[b"203.0.113.7"], 2, peer),
            // Malformed where the proxy should have written.
            (&[b"unknown"], 1, peer),
            (&[b"203.0.113.7, not-an-address"], 1, peer),
            (&[b"203.0.113.7, \xff"], 1, peer),
            (&[b""], 1, peer),
            (&[b" , ,"], 1, peer),
            (&[b"203.0.113.7, 10.0.0.2"], 0, peer),
        ];
        let name = HeaderName::from_static("x-forwarded-for");
        for (lines, trusted_proxies, expected) in cases {
            let mut headers = HeaderMap::new();
            for line in *lines {
                headers.append(&name, HeaderValue::from_bytes(line).unwrap());
            }
            let from = ClientHeader {
                name: name.clone(),
                trusted_proxies: *trusted_proxies,
            };
            assert_eq!(
                client_address(peer, &headers, Some(&from)),
                *expected,
                "{lines:?} behind {trusted_proxies}"
            );
            // Without a header to trust, the peer is the client whatever the header says.
            assert_eq!(client_address(peer, &headers, None), peer);
        }
    }

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
