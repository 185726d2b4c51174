//! The stories the receiver has taken, in SQLite: one row per story id, whatever the number
//! of attempts that carried it.

use city_comms::domain::story::StoryRequest;
use rusqlite::{params, Connection};
use std::path::Path;

/// What storing a story came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// A story this receiver had not seen.
    New,
    /// A retry of a story it already has; nothing new was stored.
    Again,
}

/// The database.
pub struct Store {
    connection: Connection,
}

impl Store {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        let connection = Connection::open(path)?;
        connection.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS stories (
               id          TEXT PRIMARY KEY,
               received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
               created_at  TEXT NOT NULL,
               lang        TEXT NOT NULL,
               title       TEXT NOT NULL,
               text        TEXT NOT NULL,
               district    TEXT NOT NULL,
               policies    TEXT NOT NULL,
               author      TEXT,
               email       TEXT,
               phone       TEXT,
               consent_version TEXT NOT NULL,
               consent_at  TEXT NOT NULL,
               client_mode TEXT NOT NULL,
               app_version TEXT NOT NULL,
               repeats     INTEGER NOT NULL DEFAULT 0
             );
             CREATE TABLE IF NOT EXISTS photos (
               story_id TEXT NOT NULL REFERENCES stories(id),
               position INTEGER NOT NULL,
               name     TEXT NOT NULL,
               type     TEXT NOT NULL,
               bytes    BLOB NOT NULL,
               PRIMARY KEY (story_id, position)
             );",
        )?;
        Ok(Store { connection })
    }

    /// Stores `story` with its decoded photos, unless a story with its id is already here;
    /// all or nothing.
    pub fn put(&mut self, story: &StoryRequest, photos: &[Vec<u8>]) -> rusqlite::Result<Stored> {
        let transaction = self.connection.transaction()?;
        let contact = story.contact.clone().unwrap_or_default();
        let inserted = transaction.execute(
            "INSERT INTO stories (id, created_at, lang, title, text, district, policies, author,
                                  email, phone, consent_version, consent_at, client_mode, app_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (id) DO UPDATE SET repeats = repeats + 1",
            params![
                story.id,
                story.created_at,
                story.lang,
                story.title,
                story.text,
                story.district,
                story.policies.join(","),
                story.author,
                contact.email,
                contact.phone,
                story.consent.privacy_notice_version,
                story.consent.given_at,
                story.client.mode,
                story.client.app_version,
            ],
        )?;
        let repeats: i64 = transaction.query_row(
            "SELECT repeats FROM stories WHERE id = ?1",
            [&story.id],
            |row| row.get(0),
        )?;
        let outcome = if inserted == 1 && repeats == 0 {
            for (position, (photo, bytes)) in story.photos.iter().zip(photos).enumerate() {
                transaction.execute(
                    "INSERT INTO photos (story_id, position, name, type, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![story.id, position as i64, photo.name, photo.mime, bytes],
                )?;
            }
            Stored::New
        } else {
            Stored::Again
        };
        transaction.commit()?;
        Ok(outcome)
    }

    /// Every stored story as JSON, photos in base64, for `dump` and the tests.
    pub fn dump(&self) -> rusqlite::Result<serde_json::Value> {
        use base64::Engine as _;
        let mut statement = self.connection.prepare(
            "SELECT id, received_at, created_at, lang, title, text, district, policies, author,
                    email, phone, consent_version, consent_at, client_mode, app_version, repeats
             FROM stories ORDER BY received_at, id",
        )?;
        let mut photos = self.connection.prepare(
            "SELECT name, type, bytes FROM photos WHERE story_id = ?1 ORDER BY position",
        )?;
        let mut stories = Vec::new();
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let policies: String = row.get(7)?;
            let pictures = photos
                .query_map([&id], |photo| {
                    let bytes: Vec<u8> = photo.get(2)?;
                    Ok(serde_json::json!({
                        "name": photo.get::<_, String>(0)?,
                        "type": photo.get::<_, String>(1)?,
                        "size": bytes.len(),
                        "data": base64::engine::general_purpose::STANDARD.encode(&bytes),
                    }))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            stories.push(serde_json::json!({
                "id": id,
                "received_at": row.get::<_, String>(1)?,
                "created_at": row.get::<_, String>(2)?,
                "lang": row.get::<_, String>(3)?,
                "title": row.get::<_, String>(4)?,
                "text": row.get::<_, String>(5)?,
                "district": row.get::<_, String>(6)?,
                "policies": policies.split(',').filter(|p| !p.is_empty()).collect::<Vec<_>>(),
                "author": row.get::<_, Option<String>>(8)?,
                "email": row.get::<_, Option<String>>(9)?,
                "phone": row.get::<_, Option<String>>(10)?,
                "consent_version": row.get::<_, String>(11)?,
                "consent_at": row.get::<_, String>(12)?,
                "client_mode": row.get::<_, String>(13)?,
                "app_version": row.get::<_, String>(14)?,
                "repeats": row.get::<_, i64>(15)?,
                "photos": pictures,
            }));
        }
        Ok(serde_json::json!({ "count": stories.len(), "stories": stories }))
    }

    /// Whether a story with this id is stored.
    #[cfg(test)]
    pub fn has(&self, id: &str) -> rusqlite::Result<bool> {
        use rusqlite::OptionalExtension as _;
        self.connection
            .query_row("SELECT 1 FROM stories WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map(|found| found.is_some())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use city_comms::domain::story::{Client, Consent};

    fn story(id: &str) -> StoryRequest {
        StoryRequest {
            id: id.into(),
            created_at: "2026-11-21T10:15:00+07:00".into(),
            lang: "th".into(),
            title: "ชื่อ".into(),
            text: "เรื่อง".into(),
            district: "1020".into(),
            policies: vec!["society".into()],
            author: None,
            contact: None,
            consent: Consent {
                privacy_notice_version: "pn-1".into(),
                given_at: "2026-11-21T10:15:00+07:00".into(),
            },
            photos: vec![],
            client: Client {
                mode: "default".into(),
                app_version: "0.1.0".into(),
            },
        }
    }

    #[test]
    fn a_story_is_stored_once_however_often_it_arrives() {
        let dir = std::env::temp_dir().join(format!("receiver-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("stories.sqlite3");
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.put(&story("a"), &[]).unwrap(), Stored::New);
        assert_eq!(store.put(&story("a"), &[]).unwrap(), Stored::Again);
        assert_eq!(store.put(&story("b"), &[]).unwrap(), Stored::New);
        drop(store);
        // Reopened, as after a restart: still there, still once.
        let mut store = Store::open(&path).unwrap();
        assert!(store.has("a").unwrap());
        assert_eq!(store.put(&story("a"), &[]).unwrap(), Stored::Again);
        let dump = store.dump().unwrap();
        assert_eq!(dump["count"], 2);
        assert_eq!(dump["stories"][0]["repeats"], 2);
        assert_eq!(dump["stories"][0]["policies"][0], "society");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
