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
mod tests;
