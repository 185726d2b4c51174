#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! Review over a real store: the export of approved stories (consent, chosen names, photos
//! without EXIF, the same bundle twice), the list, an older database gaining its columns,
//! and the command lines.

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
