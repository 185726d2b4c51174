//! Moderation by city staff, on the command line: what arrived, one story whole (contact
//! included: staff only), approve or reject, and the export of the approved stories whose
//! authors agreed to publication into a source bundle's `stories`, with their photos beside it.
//!
//! ```text
//! city-comms-receiver review list --db DB
//! city-comms-receiver review show ID --db DB
//! city-comms-receiver review approve ID --db DB
//! city-comms-receiver review reject ID --reason TEXT --db DB
//! city-comms-receiver review export SOURCE.json --db DB [--site DIR]
//! ```

use crate::service::check_jpeg;
use crate::store::{Decision, Dumped, Location, Store, APPROVED};
use city_comms::domain::i18n::Lang;
use city_comms::domain::story::{Field, FieldError};
use city_comms::domain::validate::parse_bundle;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What staff asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    List,
    Show(String),
    Approve(String),
    Reject {
        id: String,
        reason: String,
    },
    Export {
        bundle: PathBuf,
        site: Option<PathBuf>,
    },
}

/// A `review` command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub db: Location,
    pub command: Command,
}

/// Reads the arguments after `review`.
pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Review, String> {
    let action = args
        .next()
        .ok_or("review takes list, show, approve, reject or export")?;
    let mut db = Location::File(PathBuf::from("target/receiver/stories.sqlite3"));
    let mut subject = None;
    let mut reason = None;
    let mut site = None;
    while let Some(arg) = args.next() {
        if !arg.starts_with("--") {
            if subject.replace(arg.clone()).is_some() {
                return Err(format!("review {action} takes one subject, not also {arg}"));
            }
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--db" => db = Location::parse(&value),
            "--reason" => reason = Some(value),
            "--site" => site = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {arg}")),
        }
    }
    let subject = |what: &str| {
        subject
            .clone()
            .ok_or(format!("review {action} needs {what}"))
    };
    let command = match action.as_str() {
        "list" => Command::List,
        "show" => Command::Show(subject("a story id")?),
        "approve" => Command::Approve(subject("a story id")?),
        "reject" => Command::Reject {
            id: subject("a story id")?,
            reason: reason
                .filter(|reason| !reason.trim().is_empty())
                .ok_or("review reject needs --reason TEXT")?,
        },
        "export" => Command::Export {
            bundle: PathBuf::from(subject("the source bundle")?),
            site,
        },
        _ => return Err(format!("unknown review command {action}")),
    };
    Ok(Review { db, command })
}

/// Runs the command; gives what to print.
pub async fn run(review: Review) -> Result<String, String> {
    let store = Store::open(&review.db)
        .await
        .map_err(|e| format!("{}: {e}", review.db.describe()))?;
    let stories = || async { store.stories().await.map_err(|e| e.to_string()) };
    match review.command {
        Command::List => Ok(list(&stories().await?)),
        Command::Show(id) => {
            let stories = stories().await?;
            let story = find(&stories, &id)?;
            serde_json::to_string_pretty(&story.to_json_with(false)).map_err(|e| e.to_string())
        }
        Command::Approve(id) => decide(&store, &id, Decision::Approve).await,
        Command::Reject { id, reason } => decide(&store, &id, Decision::Reject { reason }).await,
        Command::Export { bundle, site } => {
            let site = site.unwrap_or_else(|| site_of(&bundle));
            let done = export(&stories().await?, &bundle, &site)?;
            Ok(format!(
                "{}: {} stories published, {} taken out, {} photos written under {}",
                bundle.display(),
                done.published,
                done.withdrawn,
                done.photos,
                site.join(IMAGES).display()
            ))
        }
    }
}

async fn decide(store: &Store, id: &str, decision: Decision) -> Result<String, String> {
    let found = store
        .decide(id, &decision)
        .await
        .map_err(|e| e.to_string())?;
    if !found {
        return Err(format!("no story with id {id}"));
    }
    let stories = store.stories().await.map_err(|e| e.to_string())?;
    let story = find(&stories, id)?;
    let mut line = format!("{} {id}", decision.state());
    if story.review_state == APPROVED && !story.publish_allowed {
        line.push_str(" (its author did not agree to publication: it will not be exported)");
    }
    Ok(line)
}

fn find<'a>(stories: &'a [Dumped], id: &str) -> Result<&'a Dumped, String> {
    stories
        .iter()
        .find(|story| story.id == id)
        .ok_or_else(|| format!("no story with id {id}"))
}

/// One line per story, tab-separated, under a header.
pub fn list(stories: &[Dumped]) -> String {
    let mut out = String::from("id\treceived\tdistrict\ttitle\tpublication\treview\n");
    for story in stories {
        let publication = match (story.publish_allowed, story.publish_name.as_deref()) {
            (true, Some("given")) => "allowed, under the name given",
            (true, _) => "allowed, anonymously",
            (false, _) => "not allowed",
        };
        let review = match (story.review_state.as_str(), &story.review_reason) {
            (APPROVED, _) if !story.publish_allowed => {
                "approved (not exported: no consent to publish)".to_owned()
            }
            (state, Some(reason)) => format!("{state}: {reason}"),
            (state, None) => state.to_owned(),
        };
        let title: String = story
            .title
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            story.id, story.received_at, story.district, title, publication, review
        ));
    }
    out
}

/// Where exported photos go, under the site's folder; also the start of their `src`.
const IMAGES: &str = "images/stories";

/// The folder the app is served from, which relative `src`s are resolved against: the
/// bundle's folder, or the one above it when the bundle sits in `data/` as the app's does.
pub fn site_of(bundle: &Path) -> PathBuf {
    let dir = bundle
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (dir.file_name(), dir.parent()) {
        (Some(name), Some(parent)) if name == "data" => {
            if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent.to_path_buf()
            }
        }
        _ => dir.to_path_buf(),
    }
}

/// What an export did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub published: usize,
    /// Stories of this receiver that were in the bundle and may no longer be published.
    pub withdrawn: usize,
    pub photos: usize,
}

/// Writes the publishable `stories` into the source bundle at `bundle`, their photos under
/// `site`. A story of the bundle with the same id is replaced where it stands; one of this
/// receiver's stories that is no longer publishable (rejected since) is taken out; the
/// bundle's other stories stay. Nothing is written unless the result passes the app's
/// validation with every exported story in it.
pub fn export(stories: &[Dumped], bundle: &Path, site: &Path) -> Result<Exported, String> {
    let shown = bundle.display();
    let source = std::fs::read_to_string(bundle).map_err(|e| format!("{shown}: {e}"))?;
    let before = parse_bundle(&source)
        .map_err(|refused| format!("{shown}: the bundle is refused: {refused:?}"))?;
    let mut doc: Value = serde_json::from_str(&source).map_err(|e| format!("{shown}: {e}"))?;
    let ours: HashSet<&str> = stories.iter().map(|story| story.id.as_str()).collect();
    let mut entries = Vec::new();
    let mut photos = Vec::new();
    for story in stories.iter().filter(|story| story.publishable()) {
        let (entry, files) = published(story, site)?;
        entries.push((story.id.as_str(), entry));
        photos.extend(files);
    }
    let Some(top) = doc.as_object_mut() else {
        return Err(format!("{shown}: not a JSON object"));
    };
    let listed = top
        .get("stories")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut kept = Vec::with_capacity(listed.len() + entries.len());
    let mut placed = HashSet::new();
    let mut withdrawn = 0;
    for item in listed {
        let id = item.get("id").and_then(Value::as_str).unwrap_or_default();
        if let Some((id, entry)) = entries.iter().find(|(known, _)| *known == id) {
            if placed.insert(*id) {
                kept.push(entry.clone());
            }
        } else if ours.contains(id) {
            withdrawn += 1;
        } else {
            kept.push(item);
        }
    }
    for (id, entry) in &entries {
        if !placed.contains(id) {
            kept.push(entry.clone());
        }
    }
    top.insert("stories".into(), Value::Array(kept));
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    text.push('\n');

    let after = parse_bundle(&text).map_err(|refused| {
        format!("nothing written: the exported bundle would be refused: {refused:?}")
    })?;
    let missing: Vec<&str> = entries
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| !after.bundle.stories.iter().any(|story| story.id == *id))
        .collect();
    if !missing.is_empty() || after.dropped > before.dropped {
        return Err(format!(
            "nothing written: the app would leave out {missing:?}: {:?}",
            after.warnings
        ));
    }

    for (path, bytes) in &photos {
        write_aside(path, bytes)?;
    }
    write_aside(bundle, text.as_bytes())?;
    Ok(Exported {
        published: entries.len(),
        withdrawn,
        photos: photos.len(),
    })
}

/// A photo file to write: where, and its bytes.
type PhotoFile<'a> = (PathBuf, &'a [u8]);

/// A story as the bundle publishes it, and its photo files: never its contact, and its
/// author only when they chose to be named.
fn published<'a>(story: &'a Dumped, site: &Path) -> Result<(Value, Vec<PhotoFile<'a>>), String> {
    let published = story
        .decided_at
        .as_deref()
        .ok_or_else(|| format!("story {}: approved, but with no time of approval", story.id))?;
    let mut images = Vec::new();
    let mut files = Vec::new();
    for (at, (_, _, bytes)) in story.photos.iter().enumerate() {
        let n = at + 1;
        check_jpeg(bytes).map_err(|problem| {
            let error = FieldError {
                field: Field::Photos,
                problem,
            };
            format!("story {}, photo {n}: {}", story.id, error.message(Lang::En))
        })?;
        let name = format!("{}-{n}.jpg", story.id);
        files.push((site.join(IMAGES).join(&name), bytes.as_slice()));
        images.push(json!({
            "src": format!("{IMAGES}/{name}"),
            "alt": {
                "th": format!("รูปที่ {n} ของเรื่องเล่า “{}”", story.title),
                "en": format!("Photo {n} of the story “{}”", story.title),
            },
        }));
    }
    let mut entry = json!({
        "id": story.id,
        "title": story.title,
        "text": story.text,
        "district": story.district,
        "published": published,
    });
    if let Some(author) = story.published_author() {
        entry["author"] = json!(author);
    }
    if !images.is_empty() {
        entry["images"] = Value::Array(images);
    }
    Ok((entry, files))
}

/// Writes `bytes` beside `path` and renames it into place, so that a reader never sees half.
fn write_aside(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let name = path
        .file_name()
        .ok_or_else(|| format!("{shown}: not a file name"))?;
    let mut aside = name.to_os_string();
    aside.push(format!(".{}.tmp", std::process::id()));
    let aside = path.with_file_name(aside);
    std::fs::write(&aside, bytes).map_err(|e| format!("{}: {e}", aside.display()))?;
    std::fs::rename(&aside, path).map_err(|e| {
        let _ = std::fs::remove_file(&aside);
        format!("{shown}: {e}")
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use city_comms::domain::story::{
        Client, Consent, Contact, Photo, Publication, PublishAs, StoryRequest,
    };

    const EMAIL: &str = "somying.private@example.com";
    const PHONE: &str = "0812345678";
    /// The smallest start of a JPEG the checks look at: SOI, a JFIF APP0, then the scan.
    const JPEG: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9,
    ];

    fn story(id: &str, publication: Option<PublishAs>, photos: usize) -> StoryRequest {
        StoryRequest {
            id: id.into(),
            created_at: "2026-11-21T10:15:00+07:00".into(),
            lang: "th".into(),
            title: format!("เรื่อง {id}"),
            text: "สวนใหม่ริมคลอง".into(),
            district: "1020".into(),
            policies: vec![],
            author: Some("ป้าแดง".into()),
            contact: Some(Contact {
                email: Some(EMAIL.into()),
                phone: Some(PHONE.into()),
            }),
            consent: Consent {
                privacy_notice_version: "pn-1".into(),
                given_at: "2026-11-21T10:15:00+07:00".into(),
            },
            photos: (0..photos)
                .map(|n| Photo {
                    name: format!("p{n}.jpg"),
                    mime: "image/jpeg".into(),
                    data: String::new(),
                })
                .collect(),
            client: Client {
                mode: "default".into(),
                app_version: "0.1.0".into(),
            },
            publication: publication.map(|name| Publication {
                allowed: true,
                name,
            }),
        }
    }

    struct Setup {
        dir: PathBuf,
        store: Store,
        bundle: PathBuf,
    }

    impl Drop for Setup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    async fn setup(name: &str) -> Setup {
        let dir = std::env::temp_dir().join(format!("review-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let bundle = dir.join("data/bundle.json");
        std::fs::copy(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/bundle.json"),
            &bundle,
        )
        .unwrap();
        let store = Store::open(&Location::File(dir.join("stories.sqlite3")))
            .await
            .unwrap();
        Setup { dir, store, bundle }
    }

    fn run<T>(work: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(work)
    }

    const GIVEN: &str = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a01";
    const ANONYMOUS: &str = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a02";
    const NO_CONSENT: &str = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a03";
    const REJECTED: &str = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a04";
    const PENDING: &str = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a05";

    async fn stories_of_every_kind(setup: &Setup) {
        let store = &setup.store;
        store
            .put(
                &story(GIVEN, Some(PublishAs::Given), 2),
                &[JPEG.to_vec(), JPEG.to_vec()],
            )
            .await
            .unwrap();
        store
            .put(&story(ANONYMOUS, Some(PublishAs::Anonymous), 0), &[])
            .await
            .unwrap();
        store.put(&story(NO_CONSENT, None, 0), &[]).await.unwrap();
        store
            .put(&story(REJECTED, Some(PublishAs::Given), 0), &[])
            .await
            .unwrap();
        store
            .put(&story(PENDING, Some(PublishAs::Given), 0), &[])
            .await
            .unwrap();
        for id in [GIVEN, ANONYMOUS, NO_CONSENT] {
            assert!(store.decide(id, &Decision::Approve).await.unwrap());
        }
        let reject = Decision::Reject {
            reason: "names a neighbour".into(),
        };
        assert!(store.decide(REJECTED, &reject).await.unwrap());
        assert!(!store
            .decide("no-such-story", &Decision::Approve)
            .await
            .unwrap());
    }

    fn exported_stories(bundle: &Path) -> Vec<Value> {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(bundle).unwrap()).unwrap();
        doc["stories"].as_array().unwrap().clone()
    }

    #[test]
    fn only_approved_stories_with_consent_are_exported_and_the_name_only_when_chosen() {
        run(async {
            let setup = setup("rules").await;
            stories_of_every_kind(&setup).await;
            let before = exported_stories(&setup.bundle).len();
            let stories = setup.store.stories().await.unwrap();
            let site = site_of(&setup.bundle);
            assert_eq!(site, setup.dir);
            let done = export(&stories, &setup.bundle, &site).unwrap();
            assert_eq!(
                done,
                Exported {
                    published: 2,
                    withdrawn: 0,
                    photos: 2
                }
            );
            let listed = exported_stories(&setup.bundle);
            assert_eq!(listed.len(), before + 2, "the bundle's own stories stay");
            let find = |id: &str| listed.iter().find(|s| s["id"] == id).cloned();
            let given = find(GIVEN).unwrap();
            assert_eq!(given["author"], "ป้าแดง");
            assert_eq!(given["district"], "1020");
            let decided = stories.iter().find(|s| s.id == GIVEN).unwrap();
            assert_eq!(given["published"].as_str(), decided.decided_at.as_deref());
            let anonymous = find(ANONYMOUS).unwrap();
            assert!(anonymous.get("author").is_none(), "{anonymous}");
            assert!(find(NO_CONSENT).is_none(), "no consent: never exported");
            assert!(find(REJECTED).is_none());
            assert!(find(PENDING).is_none());

            // Photos are written beside the bundle and referenced by it.
            let images = given["images"].as_array().unwrap();
            assert_eq!(images.len(), 2);
            for (n, image) in images.iter().enumerate() {
                let src = format!("images/stories/{GIVEN}-{}.jpg", n + 1);
                assert_eq!(image["src"], src.as_str());
                assert!(!image["alt"]["th"].as_str().unwrap().is_empty());
                assert_eq!(std::fs::read(setup.dir.join(&src)).unwrap(), JPEG);
            }

            // The contact appears nowhere in what was written.
            let text = std::fs::read_to_string(&setup.bundle).unwrap();
            assert!(!text.contains(EMAIL) && !text.contains(PHONE));
            assert!(!text.contains("somying"));

            // The app reads the result with every exported story in it.
            let loaded = parse_bundle(&text).unwrap();
            assert!(loaded.bundle.stories.iter().any(|s| s.id == GIVEN));
        });
    }

    #[test]
    fn exporting_twice_gives_the_same_bundle_and_a_later_rejection_takes_a_story_out() {
        run(async {
            let setup = setup("twice").await;
            stories_of_every_kind(&setup).await;
            let site = site_of(&setup.bundle);
            let stories = setup.store.stories().await.unwrap();
            export(&stories, &setup.bundle, &site).unwrap();
            let first = std::fs::read_to_string(&setup.bundle).unwrap();
            // Approving again keeps the first approval time.
            setup.store.decide(GIVEN, &Decision::Approve).await.unwrap();
            let stories = setup.store.stories().await.unwrap();
            export(&stories, &setup.bundle, &site).unwrap();
            assert_eq!(std::fs::read_to_string(&setup.bundle).unwrap(), first);

            let reject = Decision::Reject {
                reason: "asked to withdraw".into(),
            };
            setup.store.decide(ANONYMOUS, &reject).await.unwrap();
            let stories = setup.store.stories().await.unwrap();
            let done = export(&stories, &setup.bundle, &site).unwrap();
            assert_eq!(done.withdrawn, 1);
            let listed = exported_stories(&setup.bundle);
            assert!(listed.iter().all(|s| s["id"] != ANONYMOUS));
            assert!(listed.iter().any(|s| s["id"] == GIVEN));
        });
    }

    #[test]
    fn a_photo_with_exif_stops_the_export_and_nothing_is_written() {
        run(async {
            let setup = setup("exif").await;
            let mut exif = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x0A];
            exif.extend_from_slice(b"Exif\0\0MM\0*");
            setup
                .store
                .put(&story(GIVEN, Some(PublishAs::Given), 1), &[exif])
                .await
                .unwrap();
            setup.store.decide(GIVEN, &Decision::Approve).await.unwrap();
            let before = std::fs::read_to_string(&setup.bundle).unwrap();
            let stories = setup.store.stories().await.unwrap();
            let error = export(&stories, &setup.bundle, &setup.dir).unwrap_err();
            assert!(error.contains("EXIF"), "{error}");
            assert_eq!(std::fs::read_to_string(&setup.bundle).unwrap(), before);
            assert!(!setup.dir.join(IMAGES).exists());
        });
    }

    #[test]
    fn the_list_says_what_arrived_and_what_will_not_be_exported() {
        run(async {
            let setup = setup("list").await;
            stories_of_every_kind(&setup).await;
            let stories = setup.store.stories().await.unwrap();
            let text = list(&stories);
            let line = |id: &str| text.lines().find(|l| l.starts_with(id)).unwrap().to_owned();
            assert!(line(NO_CONSENT).contains("not allowed"));
            assert!(line(NO_CONSENT).contains("not exported: no consent to publish"));
            assert!(line(GIVEN).contains("allowed, under the name given\tapproved"));
            assert!(line(REJECTED).contains("rejected: names a neighbour"));
            assert!(line(PENDING).ends_with("pending"));
            assert!(!text.contains(EMAIL), "the list shows no contact");
        });
    }

    #[test]
    fn a_database_made_before_review_gains_its_columns() {
        run(async {
            let dir = std::env::temp_dir().join(format!("review-old-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("stories.sqlite3");
            {
                let old = rusqlite::Connection::open(&path).unwrap();
                old.execute_batch(
                    "CREATE TABLE stories (
                       id TEXT PRIMARY KEY,
                       received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                       created_at TEXT NOT NULL, lang TEXT NOT NULL, title TEXT NOT NULL,
                       text TEXT NOT NULL, district TEXT NOT NULL, policies TEXT NOT NULL,
                       author TEXT, email TEXT, phone TEXT, consent_version TEXT NOT NULL,
                       consent_at TEXT NOT NULL, client_mode TEXT NOT NULL,
                       app_version TEXT NOT NULL, repeats INTEGER NOT NULL DEFAULT 0);
                     INSERT INTO stories (id, created_at, lang, title, text, district, policies,
                       consent_version, consent_at, client_mode, app_version)
                     VALUES ('old', '2026-01-01T00:00:00Z', 'th', 't', 'x', '1020', '',
                       'pn-1', '2026-01-01T00:00:00Z', 'default', '0.1.0');",
                )
                .unwrap();
            }
            let store = Store::open(&Location::File(path.clone())).await.unwrap();
            let stories = store.stories().await.unwrap();
            assert_eq!(stories[0].review_state, "pending");
            assert!(!stories[0].publish_allowed);
            assert!(store.decide("old", &Decision::Approve).await.unwrap());
            drop(store);
            // Opening it again finds the columns there and adds nothing.
            let store = Store::open(&Location::File(path)).await.unwrap();
            assert_eq!(store.stories().await.unwrap()[0].review_state, APPROVED);
            drop(store);
            std::fs::remove_dir_all(&dir).unwrap();
        });
    }

    #[test]
    fn review_command_lines_are_read_or_refused_with_a_reason() {
        let parse = |args: &[&str]| parse(args.iter().map(|a| a.to_string()));
        assert_eq!(
            parse(&[
                "reject",
                "abc",
                "--reason",
                "off topic",
                "--db",
                "x.sqlite3"
            ])
            .unwrap(),
            Review {
                db: Location::File("x.sqlite3".into()),
                command: Command::Reject {
                    id: "abc".into(),
                    reason: "off topic".into()
                }
            }
        );
        assert_eq!(
            parse(&[
                "export",
                "dist/data/bundle.json",
                "--db",
                "postgres://c@h/s"
            ])
            .unwrap()
            .command,
            Command::Export {
                bundle: "dist/data/bundle.json".into(),
                site: None
            }
        );
        for (args, message) in [
            (&["reject", "abc"][..], "--reason"),
            (&["approve"][..], "story id"),
            (&["approve", "a", "b"][..], "one subject"),
            (&["publish", "a"][..], "unknown review command"),
            (&["list", "--db"][..], "needs a value"),
        ] {
            let error = parse(args).unwrap_err();
            assert!(error.contains(message), "{args:?}: {error}");
        }
        assert_eq!(site_of(Path::new("data/bundle.json")), PathBuf::from("."));
        assert_eq!(site_of(Path::new("bundle.json")), PathBuf::from("."));
        assert_eq!(
            site_of(Path::new("/srv/site/b.json")),
            PathBuf::from("/srv/site")
        );
    }
}
