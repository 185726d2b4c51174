//! The stories in one SQLite file.

use super::{Decision, Dumped, Row, Stored, APPROVED};
use rusqlite::{params, Connection};
use std::path::Path;

pub struct Sqlite {
    connection: Connection,
}

/// The columns added after the first version of the table, and how each is defined.
const ADDED_COLUMNS: [(&str, &str); 5] = [
    ("publish_allowed", "INTEGER NOT NULL DEFAULT 0"),
    ("publish_name", "TEXT"),
    ("review_state", "TEXT NOT NULL DEFAULT 'pending'"),
    ("review_reason", "TEXT"),
    ("decided_at", "TEXT"),
];

impl Sqlite {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> rusqlite::Result<Sqlite> {
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
        // Columns added since the first version, added to a database made before them.
        let mut columns = connection.prepare("SELECT name FROM pragma_table_info('stories')")?;
        let present = columns
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(columns);
        for (name, definition) in ADDED_COLUMNS {
            if !present.iter().any(|column| column == name) {
                connection.execute_batch(&format!(
                    "ALTER TABLE stories ADD COLUMN {name} {definition}"
                ))?;
            }
        }
        Ok(Sqlite { connection })
    }

    /// Records `decision` on the story `id`; `false` when there is no such story.
    pub fn decide(&mut self, id: &str, decision: &Decision) -> rusqlite::Result<bool> {
        let exists: bool = self.connection.query_row(
            "SELECT EXISTS (SELECT 1 FROM stories WHERE id = ?1)",
            [id],
            |row| row.get(0),
        )?;
        if !exists {
            return Ok(false);
        }
        self.connection.execute(
            "UPDATE stories SET review_state = ?2, review_reason = ?3,
                    decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?1 AND NOT (review_state = ?4 AND ?2 = ?4)",
            params![id, decision.state(), decision.reason(), APPROVED],
        )?;
        Ok(true)
    }

    /// Stores `row` with its photos' bytes unless its id is here already; all or nothing.
    pub fn put(&mut self, row: &Row<'_>, photos: &[Vec<u8>]) -> rusqlite::Result<Stored> {
        let transaction = self.connection.transaction()?;
        let inserted = transaction.execute(
            "INSERT INTO stories (id, created_at, lang, title, text, district, policies, author,
                                  email, phone, consent_version, consent_at, client_mode, app_version,
                                  publish_allowed, publish_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
             ON CONFLICT (id) DO UPDATE SET repeats = repeats + 1",
            params![
                row.id,
                row.created_at,
                row.lang,
                row.title,
                row.text,
                row.district,
                row.policies,
                row.author,
                row.email,
                row.phone,
                row.consent_version,
                row.consent_at,
                row.client_mode,
                row.app_version,
                row.publish_allowed,
                row.publish_name,
            ],
        )?;
        let repeats: i64 = transaction.query_row(
            "SELECT repeats FROM stories WHERE id = ?1",
            [row.id],
            |found| found.get(0),
        )?;
        let outcome = if inserted == 1 && repeats == 0 {
            for (position, ((name, mime), bytes)) in row.photos.iter().zip(photos).enumerate() {
                transaction.execute(
                    "INSERT INTO photos (story_id, position, name, type, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![row.id, position as i64, name, mime, bytes],
                )?;
            }
            Stored::New
        } else {
            Stored::Again
        };
        transaction.commit()?;
        Ok(outcome)
    }

    /// Every stored story, in the order received.
    pub fn dump(&self) -> rusqlite::Result<Vec<Dumped>> {
        let mut statement = self.connection.prepare(
            "SELECT id, received_at, created_at, lang, title, text, district, policies, author,
                    email, phone, consent_version, consent_at, client_mode, app_version, repeats,
                    publish_allowed, publish_name, review_state, review_reason, decided_at
             FROM stories ORDER BY received_at, id",
        )?;
        let mut photos = self.connection.prepare(
            "SELECT name, type, bytes FROM photos WHERE story_id = ?1 ORDER BY position",
        )?;
        let mut stories = Vec::new();
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let pictures = photos
                .query_map([&id], |photo| {
                    Ok((photo.get(0)?, photo.get(1)?, photo.get(2)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            stories.push(Dumped {
                id,
                received_at: row.get(1)?,
                created_at: row.get(2)?,
                lang: row.get(3)?,
                title: row.get(4)?,
                text: row.get(5)?,
                district: row.get(6)?,
                policies: row.get(7)?,
                author: row.get(8)?,
                email: row.get(9)?,
                phone: row.get(10)?,
                consent_version: row.get(11)?,
                consent_at: row.get(12)?,
                client_mode: row.get(13)?,
                app_version: row.get(14)?,
                repeats: row.get(15)?,
                photos: pictures,
                publish_allowed: row.get(16)?,
                publish_name: row.get(17)?,
                review_state: row.get(18)?,
                review_reason: row.get(19)?,
                decided_at: row.get(20)?,
            });
        }
        Ok(stories)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::super::{Location, Store, Stored};
    use city_comms::domain::story::{Client, Consent, StoryRequest};

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
            publication: None,
        }
    }

    fn run<T>(work: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(work)
    }

    #[test]
    fn a_story_is_stored_once_however_often_it_arrives() {
        run(async {
            let dir = std::env::temp_dir().join(format!("receiver-test-{}", std::process::id()));
            let path = dir.join("stories.sqlite3");
            let _ = std::fs::remove_file(&path);
            let location = Location::File(path);
            let store = Store::open(&location).await.unwrap();
            assert_eq!(store.put(&story("a"), &[]).await.unwrap(), Stored::New);
            assert_eq!(store.put(&story("a"), &[]).await.unwrap(), Stored::Again);
            assert_eq!(store.put(&story("b"), &[]).await.unwrap(), Stored::New);
            drop(store);
            // Reopened, as after a restart: still there, still once; and a different body
            // under a stored id is a retry too, which leaves the first one as it was.
            let store = Store::open(&location).await.unwrap();
            let mut changed = story("a");
            changed.text = "อีกเรื่อง".into();
            assert_eq!(store.put(&changed, &[]).await.unwrap(), Stored::Again);
            let dump = store.dump().await.unwrap();
            assert_eq!(dump["count"], 2);
            assert_eq!(dump["stories"][0]["repeats"], 2);
            assert_eq!(dump["stories"][0]["text"], "เรื่อง");
            assert_eq!(dump["stories"][0]["policies"][0], "society");
            std::fs::remove_dir_all(&dir).unwrap();
        });
    }
}
