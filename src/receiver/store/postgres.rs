//! The stories in a PostgreSQL database that several receivers share. Exactly once holds
//! across them because the database decides: `INSERT … ON CONFLICT (id) DO NOTHING` makes a
//! second insert of an id wait for the first one's transaction and then insert nothing.

use super::{Decision, Dumped, Row, Stored, APPROVED};
use std::time::Duration;
use tokio::sync::Mutex;
use tokio_postgres::{Client, Config, NoTls};

/// Taken while the tables are created, so that receivers starting together do not race.
const SCHEMA_LOCK: i64 = 0x6369_7479_636f_6d6d;

pub struct Postgres {
    config: Config,
    /// One connection, opened again on the next request if it was lost (a database
    /// restart); `None` until then.
    client: Mutex<Option<Client>>,
}

impl Postgres {
    /// Connects to `url` and creates the tables if they are missing.
    pub async fn open(url: &str) -> Result<Postgres, tokio_postgres::Error> {
        let mut config: Config = url.parse()?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        config.application_name("city-comms-receiver");
        let mut client = connect(&config).await?;
        let transaction = client.transaction().await?;
        transaction
            .execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
            .await?;
        transaction
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS stories (
                   id          TEXT PRIMARY KEY,
                   received_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
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
                   bytes    BYTEA NOT NULL,
                   PRIMARY KEY (story_id, position)
                 );
                 ALTER TABLE stories ADD COLUMN IF NOT EXISTS publish_allowed BOOLEAN NOT NULL DEFAULT FALSE;
                 ALTER TABLE stories ADD COLUMN IF NOT EXISTS publish_name TEXT;
                 ALTER TABLE stories ADD COLUMN IF NOT EXISTS review_state TEXT NOT NULL DEFAULT 'pending';
                 ALTER TABLE stories ADD COLUMN IF NOT EXISTS review_reason TEXT;
                 ALTER TABLE stories ADD COLUMN IF NOT EXISTS decided_at TEXT;",
            )
            .await?;
        transaction.commit().await?;
        Ok(Postgres {
            config,
            client: Mutex::new(Some(client)),
        })
    }

    /// Stores `row` with its photos' bytes unless its id is here already; all or nothing.
    pub async fn put(
        &self,
        row: &Row<'_>,
        photos: &[Vec<u8>],
    ) -> Result<Stored, tokio_postgres::Error> {
        let mut slot = self.client.lock().await;
        let client = self.connected(&mut slot).await?;
        let transaction = client.transaction().await?;
        let inserted = transaction
            .execute(
                "INSERT INTO stories (id, created_at, lang, title, text, district, policies, author,
                                      email, phone, consent_version, consent_at, client_mode, app_version,
                                      publish_allowed, publish_name)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                 ON CONFLICT (id) DO NOTHING",
                &[
                    &row.id,
                    &row.created_at,
                    &row.lang,
                    &row.title,
                    &row.text,
                    &row.district,
                    &row.policies,
                    &row.author,
                    &row.email,
                    &row.phone,
                    &row.consent_version,
                    &row.consent_at,
                    &row.client_mode,
                    &row.app_version,
                    &row.publish_allowed,
                    &row.publish_name,
                ],
            )
            .await?;
        let outcome = if inserted == 1 {
            for (position, ((name, mime), bytes)) in row.photos.iter().zip(photos).enumerate() {
                let position = i32::try_from(position).unwrap_or(i32::MAX);
                transaction
                    .execute(
                        "INSERT INTO photos (story_id, position, name, type, bytes)
                         VALUES ($1, $2, $3, $4, $5)",
                        &[&row.id, &position, name, mime, bytes],
                    )
                    .await?;
            }
            Stored::New
        } else {
            // The row is committed by now (the insert waited for it), so this counts a retry
            // that any receiver answered.
            transaction
                .execute(
                    "UPDATE stories SET repeats = repeats + 1 WHERE id = $1",
                    &[&row.id],
                )
                .await?;
            Stored::Again
        };
        transaction.commit().await?;
        Ok(outcome)
    }

    /// Every stored story, in the order received.
    pub async fn dump(&self) -> Result<Vec<Dumped>, tokio_postgres::Error> {
        let mut slot = self.client.lock().await;
        let client = self.connected(&mut slot).await?;
        let rows = client
            .query(
                "SELECT id, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),
                        created_at, lang, title, text, district, policies, author, email, phone,
                        consent_version, consent_at, client_mode, app_version, repeats,
                        publish_allowed, publish_name, review_state, review_reason, decided_at
                 FROM stories ORDER BY received_at, id",
                &[],
            )
            .await?;
        let photos = client
            .prepare("SELECT name, type, bytes FROM photos WHERE story_id = $1 ORDER BY position")
            .await?;
        let mut stories = Vec::with_capacity(rows.len());
        for row in rows {
            let id: String = row.try_get(0)?;
            let pictures = client
                .query(&photos, &[&id])
                .await?
                .iter()
                .map(|photo| Ok((photo.try_get(0)?, photo.try_get(1)?, photo.try_get(2)?)))
                .collect::<Result<Vec<_>, tokio_postgres::Error>>()?;
            stories.push(Dumped {
                id,
                received_at: row.try_get(1)?,
                created_at: row.try_get(2)?,
                lang: row.try_get(3)?,
                title: row.try_get(4)?,
                text: row.try_get(5)?,
                district: row.try_get(6)?,
                policies: row.try_get(7)?,
                author: row.try_get(8)?,
                email: row.try_get(9)?,
                phone: row.try_get(10)?,
                consent_version: row.try_get(11)?,
                consent_at: row.try_get(12)?,
                client_mode: row.try_get(13)?,
                app_version: row.try_get(14)?,
                repeats: i64::from(row.try_get::<_, i32>(15)?),
                photos: pictures,
                publish_allowed: row.try_get(16)?,
                publish_name: row.try_get(17)?,
                review_state: row.try_get(18)?,
                review_reason: row.try_get(19)?,
                decided_at: row.try_get(20)?,
            });
        }
        Ok(stories)
    }

    /// Records `decision` on the story `id`; `false` when there is no such story.
    pub async fn decide(
        &self,
        id: &str,
        decision: &Decision,
    ) -> Result<bool, tokio_postgres::Error> {
        let mut slot = self.client.lock().await;
        let client = self.connected(&mut slot).await?;
        let exists = client
            .query_opt("SELECT 1 FROM stories WHERE id = $1", &[&id])
            .await?
            .is_some();
        if !exists {
            return Ok(false);
        }
        client
            .execute(
                "UPDATE stories SET review_state = $2, review_reason = $3,
                        decided_at = to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                 WHERE id = $1 AND NOT (review_state = $4 AND $2 = $4)",
                &[&id, &decision.state(), &decision.reason(), &APPROVED],
            )
            .await?;
        Ok(true)
    }

    /// The connection in `slot`, opened again if it was lost.
    async fn connected<'a>(
        &self,
        slot: &'a mut Option<Client>,
    ) -> Result<&'a mut Client, tokio_postgres::Error> {
        let client = match slot.take() {
            Some(client) if !client.is_closed() => client,
            _ => connect(&self.config).await?,
        };
        Ok(slot.insert(client))
    }
}

/// A new connection, with the task that drives it.
async fn connect(config: &Config) -> Result<Client, tokio_postgres::Error> {
    let (client, connection) = config.connect(NoTls).await?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            let error = super::StoreError::Postgres(error);
            eprintln!("receiver: the connection to the database closed: {error}");
        }
    });
    Ok(client)
}
