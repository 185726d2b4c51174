//! The stories the receiver has taken: one row per story id, whatever the number of attempts
//! that carried it. In SQLite (one file: one receiver on one machine) or in PostgreSQL (one
//! database that several receivers, on several machines, share).

mod postgres;
mod sqlite;

use city_comms::domain::story::{Publication, StoryRequest};
use std::path::PathBuf;
use std::sync::Mutex;

/// What storing a story came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// A story this database had not seen.
    New,
    /// A retry of a story it already has; nothing new was stored (the first one stays).
    Again,
}

/// Where the stories are kept, as `--db` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file.
    File(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@host:port/db`).
    Postgres(String),
}

impl Location {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else a file path.
    pub fn parse(value: &str) -> Location {
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Location::Postgres(value.to_owned())
        } else {
            Location::File(PathBuf::from(value))
        }
    }

    /// The location for messages: a URL's password is left out.
    pub fn describe(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Postgres(url) => without_password(url),
        }
    }
}

/// `url` with the password of its user information, if any, replaced by `***`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

/// Why the database could not be used.
#[derive(Debug)]
pub enum StoreError {
    Sqlite(rusqlite::Error),
    Postgres(tokio_postgres::Error),
    /// The folder for the SQLite file could not be made.
    Folder(std::io::Error),
    /// A thread panicked while it held the SQLite connection.
    Poisoned,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Sqlite(error) => write!(f, "SQLite: {error}"),
            // The error's own text is only its kind ("db error"): the server's message is
            // its source.
            StoreError::Postgres(error) => match std::error::Error::source(error) {
                Some(source) => write!(f, "PostgreSQL: {error}: {source}"),
                None => write!(f, "PostgreSQL: {error}"),
            },
            StoreError::Folder(error) => write!(f, "{error}"),
            StoreError::Poisoned => f.write_str("the database connection was lost to a panic"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        StoreError::Sqlite(error)
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> StoreError {
        StoreError::Postgres(error)
    }
}

/// The database.
pub enum Store {
    Sqlite(Mutex<sqlite::Sqlite>),
    Postgres(Box<postgres::Postgres>),
}

impl Store {
    /// Opens (or creates) the database at `location`, with its tables.
    pub async fn open(location: &Location) -> Result<Store, StoreError> {
        match location {
            Location::File(path) => {
                if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(StoreError::Folder)?;
                }
                Ok(Store::Sqlite(Mutex::new(sqlite::Sqlite::open(path)?)))
            }
            Location::Postgres(url) => Ok(Store::Postgres(Box::new(
                postgres::Postgres::open(url).await?,
            ))),
        }
    }

    /// Stores `story` with its decoded photos, unless a story with its id is already here;
    /// all or nothing, and once however many receivers put it at the same moment.
    pub async fn put(
        &self,
        story: &StoryRequest,
        photos: &[Vec<u8>],
    ) -> Result<Stored, StoreError> {
        match self {
            Store::Sqlite(sqlite) => {
                let mut sqlite = sqlite.lock().map_err(|_| StoreError::Poisoned)?;
                Ok(sqlite.put(&Row::of(story), photos)?)
            }
            Store::Postgres(postgres) => Ok(postgres.put(&Row::of(story), photos).await?),
        }
    }

    /// Every stored story as JSON, photos in base64, for `dump` and the tests; the same shape
    /// from either database.
    pub async fn dump(&self) -> Result<serde_json::Value, StoreError> {
        let stories = self.stories().await?;
        let stories: Vec<serde_json::Value> = stories.iter().map(Dumped::to_json).collect();
        Ok(serde_json::json!({ "count": stories.len(), "stories": stories }))
    }

    /// Every stored story, with its photos and review, in the order received.
    pub async fn stories(&self) -> Result<Vec<Dumped>, StoreError> {
        Ok(match self {
            Store::Sqlite(sqlite) => sqlite.lock().map_err(|_| StoreError::Poisoned)?.dump()?,
            Store::Postgres(postgres) => postgres.dump().await?,
        })
    }

    /// Records staff's decision on the story `id`, stamped with the database's clock; `false`
    /// when there is no such story. Approving an approved story keeps its first approval time.
    pub async fn decide(&self, id: &str, decision: &Decision) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(sqlite) => Ok(sqlite
                .lock()
                .map_err(|_| StoreError::Poisoned)?
                .decide(id, decision)?),
            Store::Postgres(postgres) => Ok(postgres.decide(id, decision).await?),
        }
    }
}

/// Staff's decision on a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject { reason: String },
}

impl Decision {
    /// The review state it leads to, as stored.
    pub fn state(&self) -> &'static str {
        match self {
            Decision::Approve => APPROVED,
            Decision::Reject { .. } => "rejected",
        }
    }

    /// The reason stored with it.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Decision::Approve => None,
            Decision::Reject { reason } => Some(reason),
        }
    }
}

/// The review state of an approved story.
pub const APPROVED: &str = "approved";

/// A story as its columns hold it.
pub struct Row<'a> {
    id: &'a str,
    created_at: &'a str,
    lang: &'a str,
    title: &'a str,
    text: &'a str,
    district: &'a str,
    /// Comma-separated.
    policies: String,
    author: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    consent_version: &'a str,
    consent_at: &'a str,
    client_mode: &'a str,
    app_version: &'a str,
    /// Each photo's name and type, beside the decoded bytes passed with the row.
    photos: Vec<(&'a str, &'a str)>,
    /// Whether the citizen let the city publish the story.
    publish_allowed: bool,
    /// `given` or `anonymous`, when a publication choice came with the story.
    publish_name: Option<&'a str>,
}

impl<'a> Row<'a> {
    fn of(story: &'a StoryRequest) -> Row<'a> {
        let contact = story.contact.as_ref();
        Row {
            id: &story.id,
            created_at: &story.created_at,
            lang: &story.lang,
            title: &story.title,
            text: &story.text,
            district: &story.district,
            policies: story.policies.join(","),
            author: story.author.as_deref(),
            email: contact.and_then(|contact| contact.email.as_deref()),
            phone: contact.and_then(|contact| contact.phone.as_deref()),
            consent_version: &story.consent.privacy_notice_version,
            consent_at: &story.consent.given_at,
            client_mode: &story.client.mode,
            app_version: &story.client.app_version,
            photos: story
                .photos
                .iter()
                .map(|photo| (photo.name.as_str(), photo.mime.as_str()))
                .collect(),
            publish_allowed: Publication::allows(story.publication.as_ref()),
            publish_name: story.publication.as_ref().map(|p| p.name.as_str()),
        }
    }
}

/// A stored story as read back.
pub struct Dumped {
    pub id: String,
    pub received_at: String,
    created_at: String,
    lang: String,
    pub title: String,
    pub text: String,
    pub district: String,
    policies: String,
    pub author: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    consent_version: String,
    consent_at: String,
    client_mode: String,
    app_version: String,
    repeats: i64,
    /// Name, type and bytes of each photo, in order.
    pub photos: Vec<(String, String, Vec<u8>)>,
    pub publish_allowed: bool,
    /// `given` or `anonymous`; `None` for a story sent without a publication choice.
    pub publish_name: Option<String>,
    /// `pending`, `approved` or `rejected`.
    pub review_state: String,
    pub review_reason: Option<String>,
    /// When staff decided, RFC 3339 in UTC.
    pub decided_at: Option<String>,
}

impl Dumped {
    /// Approved, and the citizen let the city publish it: the only stories exported.
    pub fn publishable(&self) -> bool {
        self.review_state == APPROVED && self.publish_allowed
    }

    /// The name a published story carries: the author's, only when they chose it.
    pub fn published_author(&self) -> Option<&str> {
        (self.publish_name.as_deref() == Some("given"))
            .then_some(self.author.as_deref())
            .flatten()
            .map(str::trim)
            .filter(|author| !author.is_empty())
    }

    /// The story as JSON; photos in base64 when `with_photo_data`.
    pub fn to_json_with(&self, with_photo_data: bool) -> serde_json::Value {
        let mut json = self.to_json();
        if !with_photo_data {
            if let Some(photos) = json["photos"].as_array_mut() {
                for photo in photos {
                    if let Some(photo) = photo.as_object_mut() {
                        photo.remove("data");
                    }
                }
            }
        }
        json
    }

    fn to_json(&self) -> serde_json::Value {
        use base64::Engine as _;
        let photos: Vec<serde_json::Value> = self
            .photos
            .iter()
            .map(|(name, mime, bytes)| {
                serde_json::json!({
                    "name": name,
                    "type": mime,
                    "size": bytes.len(),
                    "data": base64::engine::general_purpose::STANDARD.encode(bytes),
                })
            })
            .collect();
        serde_json::json!({
            "id": self.id,
            "received_at": self.received_at,
            "created_at": self.created_at,
            "lang": self.lang,
            "title": self.title,
            "text": self.text,
            "district": self.district,
            "policies": self.policies.split(',').filter(|p| !p.is_empty()).collect::<Vec<_>>(),
            "author": self.author,
            "email": self.email,
            "phone": self.phone,
            "consent_version": self.consent_version,
            "consent_at": self.consent_at,
            "client_mode": self.client_mode,
            "app_version": self.app_version,
            "repeats": self.repeats,
            "photos": photos,
            "publication": self.publish_name.as_ref().map(|name| {
                serde_json::json!({ "allowed": self.publish_allowed, "name": name })
            }),
            "review": {
                "state": self.review_state,
                "reason": self.review_reason,
                "decided_at": self.decided_at,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_selects_postgres_and_anything_else_is_a_file() {
        let cases = [
            ("postgres://city@127.0.0.1:5432/stories", true),
            ("postgresql://city@db.internal/stories", true),
            ("POSTGRES://city@db/stories", true),
            ("stories.sqlite3", false),
            ("target/receiver/stories.sqlite3", false),
            ("postgres.sqlite3", false),
        ];
        for (value, postgres) in cases {
            let location = Location::parse(value);
            assert_eq!(
                matches!(location, Location::Postgres(_)),
                postgres,
                "{value}"
            );
        }
    }

    #[test]
    fn a_described_location_never_shows_the_password() {
        let cases = [
            (
                "postgres://city:s3cret@db:5432/stories",
                "postgres://city:***@db:5432/stories",
            ),
            (
                "postgres://city:p@ss@db/stories",
                "postgres://city:***@db/stories",
            ),
            ("postgres://city@db/stories", "postgres://city@db/stories"),
            (
                "postgres://db/stories?user=a",
                "postgres://db/stories?user=a",
            ),
            ("stories.sqlite3", "stories.sqlite3"),
        ];
        for (url, shown) in cases {
            assert_eq!(Location::parse(url).describe(), shown);
        }
    }
}
