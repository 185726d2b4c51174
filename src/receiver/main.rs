//! The reference receiver of the story API (`story-api.md`): it stores each citizen's story
//! exactly once, however many times the app retries it, in SQLite or in a PostgreSQL database
//! that several receivers share; checks every story by the same rules the app uses; and can
//! inject faults so that tests can prove that no story is lost or stored twice.
//!
//! ```text
//! city-comms-receiver [--listen 127.0.0.1:8081] [--db stories.sqlite3 | --db postgres://user@host:port/db]
//!                     [--bundle public/data/bundle.json]
//!                     [--max-body-bytes N] [--seed N] [--fail-rate R] [--busy-rate R]
//!                     [--delay-rate R] [--delay-ms MS] [--drop-rate R]
//!                     [--rate-limit PER_MINUTE] [--client-header X-Forwarded-For [--trusted-proxies N]]
//! city-comms-receiver dump --db stories.sqlite3      # every stored story as JSON (either database)
//! city-comms-receiver review list|show ID|approve ID|reject ID --reason TEXT|export SOURCE.json --db …
//! ```

mod faults;
mod limit;
mod review;
mod service;
mod store;

use faults::Faults;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use service::{ClientHeader, Receiver};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use store::{Location, Store};

struct Options {
    listen: String,
    db: Location,
    bundle: PathBuf,
    faults: Faults,
    max_body_bytes: usize,
    /// Stories per minute from one client (0: no limit).
    rate_limit: u32,
    client_header: Option<ClientHeader>,
}

/// Stories per minute one client may post unless told otherwise: far more than a person
/// writes, far fewer than a script would send.
const RATE_LIMIT_DEFAULT: u32 = 30;

fn parse_options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        listen: "127.0.0.1:8081".into(),
        db: Location::File(PathBuf::from("target/receiver/stories.sqlite3")),
        bundle: PathBuf::from("public/data/bundle.json"),
        faults: Faults::new(1),
        max_body_bytes: city_comms::domain::story::REQUEST_MAX_BYTES,
        rate_limit: RATE_LIMIT_DEFAULT,
        client_header: None,
    };
    let mut trusted_proxies = None;
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let rate = || -> Result<f64, String> {
            value
                .parse::<f64>()
                .ok()
                .filter(|rate| (0.0..=1.0).contains(rate))
                .ok_or_else(|| format!("{flag} takes a share between 0 and 1, not {value}"))
        };
        let faults = &mut options.faults;
        match flag.as_str() {
            "--listen" => options.listen = value.clone(),
            "--db" => options.db = Location::parse(&value),
            "--bundle" => options.bundle = PathBuf::from(&value),
            "--seed" => {
                faults.reseed(
                    value
                        .parse()
                        .map_err(|_| format!("--seed takes a number, not {value}"))?,
                );
            }
            "--max-body-bytes" => {
                options.max_body_bytes = value
                    .parse()
                    .map_err(|_| format!("--max-body-bytes takes a number, not {value}"))?;
            }
            "--rate-limit" => {
                options.rate_limit = value
                    .parse()
                    .map_err(|_| format!("--rate-limit takes stories per minute, not {value}"))?;
            }
            "--client-header" => {
                let name = hyper::header::HeaderName::from_bytes(value.as_bytes())
                    .map_err(|_| format!("--client-header takes a header name, not {value}"))?;
                options.client_header = Some(ClientHeader {
                    name,
                    trusted_proxies: 1,
                });
            }
            "--trusted-proxies" => {
                trusted_proxies = Some(
                    value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| {
                            format!("--trusted-proxies takes a number of proxies (1 or more), not {value}")
                        })?,
                );
            }
            "--fail-rate" => faults.fail = rate()?,
            "--busy-rate" => faults.busy = rate()?,
            "--delay-rate" => faults.delay = rate()?,
            "--drop-rate" => faults.drop = rate()?,
            "--delay-ms" => {
                faults.delay_ms = value
                    .parse()
                    .map_err(|_| format!("--delay-ms takes milliseconds, not {value}"))?;
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if let Some(proxies) = trusted_proxies {
        let header = options
            .client_header
            .as_mut()
            .ok_or("--trusted-proxies needs --client-header")?;
        header.trusted_proxies = proxies;
    }
    Ok(options)
}

async fn open_store(location: &Location) -> Result<Store, String> {
    Store::open(location)
        .await
        .map_err(|e| format!("{}: {e}", location.describe()))
}

fn load_bundle(path: &Path) -> Result<city_comms::domain::bundle::Bundle, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    city_comms::domain::validate::parse_bundle(&text)
        .map(|loaded| loaded.bundle)
        .map_err(|refused| format!("{}: the bundle is refused: {refused:?}", path.display()))
}

async fn serve(options: Options) -> Result<(), String> {
    let receiver = Arc::new(Receiver {
        store: open_store(&options.db).await?,
        bundle: load_bundle(&options.bundle)?,
        faults: Mutex::new(options.faults),
        max_body_bytes: options.max_body_bytes,
        rate_limit: Mutex::new(limit::RateLimit::new(options.rate_limit)),
        client_header: options.client_header,
    });
    let listener = tokio::net::TcpListener::bind(&options.listen)
        .await
        .map_err(|e| format!("{}: {e}", options.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    // Tests read this line to learn the port.
    println!("receiver listening on http://{address}");
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            continue;
        };
        let receiver = receiver.clone();
        tokio::spawn(async move {
            let service =
                service_fn(move |request| service::handle(receiver.clone(), peer.ip(), request));
            // A connection closed by a fault or by the client is not the receiver's error.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// `review …`: moderation by staff (see `review.rs`).
fn review_main(args: impl Iterator<Item = String>) -> Result<(), String> {
    let review = review::parse(args)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let output = runtime.block_on(review::run(review))?;
    println!("{}", output.trim_end());
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|first| first == "review") {
        args.next();
        return match review_main(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("city-comms-receiver: {message}");
                ExitCode::FAILURE
            }
        };
    }
    let dump = args.peek().is_some_and(|first| first == "dump");
    if dump {
        args.next();
    }
    let result = parse_options(args).and_then(|options| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        if dump {
            runtime.block_on(async {
                let store = open_store(&options.db).await?;
                let stories = store.dump().await.map_err(|e| e.to_string())?;
                println!("{stories}");
                Ok(())
            })
        } else {
            runtime.block_on(serve(options))
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("city-comms-receiver: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        parse_options(args.iter().map(|arg| arg.to_string()))
    }

    #[test]
    fn a_client_header_trusts_one_proxy_unless_told_more() {
        let one = parse(&["--client-header", "X-Forwarded-For"]).unwrap();
        let header = one.client_header.unwrap();
        assert_eq!(header.name.as_str(), "x-forwarded-for");
        assert_eq!(header.trusted_proxies, 1);
        let two = parse(&[
            "--trusted-proxies",
            "2",
            "--client-header",
            "X-Forwarded-For",
        ])
        .unwrap();
        assert_eq!(two.client_header.unwrap().trusted_proxies, 2);
        assert!(parse(&[]).unwrap().client_header.is_none());
    }

    #[test]
    fn proxy_options_that_cannot_work_are_refused() {
        let cases = [
            (&["--trusted-proxies", "2"][..], "needs --client-header"),
            (
                &[
                    "--client-header",
                    "X-Forwarded-For",
                    "--trusted-proxies",
                    "0",
                ][..],
                "1 or more",
            ),
            (
                &[
                    "--client-header",
                    "X-Forwarded-For",
                    "--trusted-proxies",
                    "x",
                ][..],
                "not x",
            ),
            (&["--client-header", "not a header"][..], "header name"),
        ];
        for (args, message) in cases {
            let error = parse(args).err().unwrap_or_default();
            assert!(error.contains(message), "{args:?}: {error}");
        }
    }
}
