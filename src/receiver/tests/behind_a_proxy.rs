//! The receiver behind a proxy, as a client that forges `X-Forwarded-For` sees it: the rate
//! limit keys on the address the proxy appended, not on what the client wrote.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// A receiver process on a free port, with a database of its own, killed when dropped.
struct Running {
    child: Child,
    address: String,
    dir: std::path::PathBuf,
}

impl Running {
    fn start(name: &str, flags: &[&str]) -> Running {
        let dir =
            std::env::temp_dir().join(format!("city-comms-receiver-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("stories.sqlite3");
        let bundle = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/bundle.json");
        let mut child = Command::new(env!("CARGO_BIN_EXE_city-comms-receiver"))
            .args(["--listen", "127.0.0.1:0", "--bundle", bundle])
            .arg("--db")
            .arg(&db)
            .args(flags)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .trim()
            .strip_prefix("receiver listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_owned();
        Running {
            child,
            address,
            dir,
        }
    }

    /// Posts a valid story with the given id and `X-Forwarded-For` line; the status.
    fn post(&self, id: &str, forwarded_for: &str) -> u16 {
        let body = serde_json::json!({
            "id": id,
            "created_at": "2026-11-21T10:15:00+07:00",
            "lang": "th",
            "title": "เรื่องดี",
            "text": "เล่าเรื่อง",
            "district": "1020",
            "consent": { "privacy_notice_version": "pn-1", "given_at": "2026-11-21T10:15:00+07:00" },
            "client": { "mode": "default", "app_version": "0.1.0" },
        })
        .to_string();
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "POST /api/stories HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Idempotency-Key: {id}\r\nX-Forwarded-For: {forwarded_for}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.address,
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
            .split(' ')
            .nth(1)
            .and_then(|status| status.parse().ok())
            .unwrap_or_else(|| panic!("no status in {answer}"))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn story_id(n: usize) -> String {
    format!("6f1c2a3b-4d5e-4f60-8a7b-{n:012}")
}

#[test]
fn a_client_that_forges_the_first_forwarded_address_is_still_limited() {
    let receiver = Running::start(
        "forged",
        &["--rate-limit", "3", "--client-header", "X-Forwarded-For"],
    );
    // Ten posts, each claiming a new address of its own, through a proxy that appends the
    // one it really saw.
    let statuses: Vec<u16> = (0..10)
        .map(|n| receiver.post(&story_id(n), &format!("198.51.100.{n}, 203.0.113.7")))
        .collect();
    assert_eq!(statuses, [201, 201, 201, 429, 429, 429, 429, 429, 429, 429]);
    // Another client behind the same proxy has a bucket of its own.
    assert_eq!(receiver.post(&story_id(10), "203.0.113.8"), 201);
}

#[test]
fn behind_two_proxies_the_client_is_the_second_address_from_the_right() {
    let receiver = Running::start(
        "two-proxies",
        &[
            "--rate-limit",
            "2",
            "--client-header",
            "X-Forwarded-For",
            "--trusted-proxies",
            "2",
        ],
    );
    let statuses: Vec<u16> = (0..4)
        .map(|n| {
            // The inner proxy's address changes (several of them behind a balancer); the
            // client's does not.
            receiver.post(
                &story_id(n),
                &format!("198.51.100.{n}, 203.0.113.7, 10.0.0.{n}"),
            )
        })
        .collect();
    assert_eq!(statuses, [201, 201, 429, 429]);
}
