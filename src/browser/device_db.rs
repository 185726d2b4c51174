//! The outbox and the story draft in IndexedDB, which survives reloads, crashes and a closed
//! tab. Each record is the JSON of a domain value, so the domain decides its shape.
//!
//! Every write waits for its transaction to commit: when `put` returns, the story is on the
//! device, and only then may a request for it leave. A transaction the browser aborts (its
//! storage full, say) is an error, never a quiet success.

use crate::domain::outbox::{EntryState, OutboxEntry};
use crate::domain::story::StoryDraft;
use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, Transaction, TransactionMode};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

use crate::domain::names::{
    DEVICE_DB as NAME, DEVICE_DB_VERSION as VERSION, DRAFTS_STORE as DRAFTS, OUTBOX_STORE as OUTBOX,
};

/// Why the device could not keep something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceError {
    /// No IndexedDB here (refused in a private window or a third-party frame).
    Unavailable,
    /// The device's storage is full.
    Full,
    /// Anything else that went wrong.
    Failed,
}

impl From<idb::Error> for DeviceError {
    fn from(error: idb::Error) -> DeviceError {
        let text = format!("{error:?}");
        if text.contains("QuotaExceeded") {
            DeviceError::Full
        } else {
            DeviceError::Failed
        }
    }
}

thread_local! {
    static OPEN: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
}

async fn database() -> Result<Rc<Database>, DeviceError> {
    if let Some(database) = OPEN.with(|open| open.borrow().clone()) {
        return Ok(database);
    }
    let factory = Factory::new().map_err(|_| DeviceError::Unavailable)?;
    let mut request = factory
        .open(NAME, Some(VERSION))
        .map_err(|_| DeviceError::Unavailable)?;
    request.on_upgrade_needed(|event| {
        let Ok(database) = event.database() else {
            return;
        };
        for store in [OUTBOX, DRAFTS] {
            if !database.store_names().iter().any(|name| name == store) {
                // A failure here aborts the upgrade, and the open request reports it.
                let _ = database.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    let database = Rc::new(request.await.map_err(|_| DeviceError::Unavailable)?);
    OPEN.with(|open| *open.borrow_mut() = Some(database.clone()));
    Ok(database)
}

/// Commits `transaction` and waits until it has: one the browser aborted instead (a write that
/// does not fit in the device's storage aborts at commit, with no error on its request) is
/// an error.
async fn commit(transaction: Transaction) -> Result<(), DeviceError> {
    let raw = web_sys::IdbTransaction::from(transaction);
    if Transaction::from(raw.clone())
        .commit()?
        .await?
        .is_committed()
    {
        return Ok(());
    }
    Err(match raw.error() {
        Some(error) if error.name() == "QuotaExceededError" => DeviceError::Full,
        _ => DeviceError::Failed,
    })
}

fn decode<T: serde::de::DeserializeOwned>(value: &JsValue) -> Option<T> {
    // From bytes, as every JSON the app reads (see `validate::parse_bundle`'s reason).
    serde_json::from_slice(value.as_string()?.as_bytes()).ok()
}

fn encode<T: serde::Serialize>(value: &T) -> Result<JsValue, DeviceError> {
    serde_json::to_string(value)
        .map(|text| JsValue::from_str(&text))
        .map_err(|_| DeviceError::Failed)
}

/// Every entry of the outbox (unreadable records are skipped, never deleted).
pub async fn outbox() -> Result<Vec<OutboxEntry>, DeviceError> {
    let database = database().await?;
    let transaction = database.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
    let values = transaction
        .object_store(OUTBOX)?
        .get_all(None, None)?
        .await?;
    Ok(values.iter().filter_map(decode).collect())
}

/// Whether the outbox has no entry, known without reading one.
pub async fn outbox_is_empty() -> Result<bool, DeviceError> {
    let database = database().await?;
    let transaction = database.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
    let count = transaction.object_store(OUTBOX)?.count(None)?.await?;
    Ok(count == 0)
}

/// Stores `entry`, replacing any entry with its id; returns once it is committed.
pub async fn put(entry: &OutboxEntry) -> Result<(), DeviceError> {
    let database = database().await?;
    let transaction = database.transaction(&[OUTBOX], TransactionMode::ReadWrite)?;
    transaction
        .object_store(OUTBOX)?
        .put(&encode(entry)?, Some(&JsValue::from_str(&entry.id)))?
        .await?;
    commit(transaction).await?;
    Ok(())
}

/// Reads the entry `id`, lets `change` alter it, and writes it back, all in one transaction
/// (so two tabs never both start sending it). Gives the entry as written, or `None` if there
/// is no such entry or `change` declined.
pub async fn update(
    id: &str,
    change: impl FnOnce(&mut OutboxEntry) -> bool,
) -> Result<Option<OutboxEntry>, DeviceError> {
    let database = database().await?;
    let transaction = database.transaction(&[OUTBOX], TransactionMode::ReadWrite)?;
    let store = transaction.object_store(OUTBOX)?;
    let key = JsValue::from_str(id);
    let Some(mut entry) = store
        .get(key.clone())?
        .await?
        .as_ref()
        .and_then(decode::<OutboxEntry>)
    else {
        transaction.abort()?;
        return Ok(None);
    };
    if !change(&mut entry) {
        transaction.abort()?;
        return Ok(None);
    }
    store.put(&encode(&entry)?, Some(&key))?.await?;
    commit(transaction).await?;
    Ok(Some(entry))
}

/// Removes the entry `id`.
pub async fn delete(id: &str) -> Result<(), DeviceError> {
    let database = database().await?;
    let transaction = database.transaction(&[OUTBOX], TransactionMode::ReadWrite)?;
    transaction
        .object_store(OUTBOX)?
        .delete(JsValue::from_str(id))?
        .await?;
    commit(transaction).await?;
    Ok(())
}

/// The saved draft of form `key`.
pub async fn draft(key: &str) -> Result<Option<StoryDraft>, DeviceError> {
    let database = database().await?;
    let transaction = database.transaction(&[DRAFTS], TransactionMode::ReadOnly)?;
    let value = transaction
        .object_store(DRAFTS)?
        .get(JsValue::from_str(key))?
        .await?;
    Ok(value.as_ref().and_then(decode))
}

/// Saves the draft of form `key`, or forgets it when `draft` is `None`.
pub async fn save_draft(key: &str, draft: Option<&StoryDraft>) -> Result<(), DeviceError> {
    let database = database().await?;
    let transaction = database.transaction(&[DRAFTS], TransactionMode::ReadWrite)?;
    let store = transaction.object_store(DRAFTS)?;
    let key = JsValue::from_str(key);
    match draft {
        Some(draft) => {
            store.put(&encode(draft)?, Some(&key))?.await?;
        }
        None => store.delete(key)?.await?,
    }
    commit(transaction).await?;
    Ok(())
}

/// Leaves a shared kiosk fit for the next person without the code that reads whole stories
/// (its module could not be fetched): of the outbox only the stories still on their way stay,
/// whole; delivered and refused ones are deleted, not stripped.
pub async fn forget_all_but_stories_on_their_way() -> Result<(), DeviceError> {
    forget_drafts_and_then(|value| Ok(by_state(value))).await
}

/// Leaves a shared kiosk fit for the next person: of the outbox only what
/// [`OutboxEntry::for_next_person`] keeps. A record too new to read whole is judged by its
/// state alone, as without this code.
pub async fn forget_for_next_person() -> Result<(), DeviceError> {
    forget_drafts_and_then(|value| {
        let Some(entry) = decode::<OutboxEntry>(value) else {
            return Ok(by_state(value));
        };
        Ok(Some(match entry.clone().for_next_person() {
            // Unchanged, so not written again (which would drop what a later version added).
            Some(kept) if kept == entry => Fate::Stays,
            Some(kept) => Fate::Becomes(encode(&kept)?),
            None => Fate::Deleted,
        }))
    })
    .await
}

/// What a kiosk's reset does with one record of the outbox.
enum Fate {
    Stays,
    Becomes(JsValue),
    Deleted,
}

/// A record's fate by its id and state alone ([`EntryState`]): on its way, it stays whole;
/// delivered or refused, it goes whole; a state this version does not know, it stays.
fn by_state(value: &JsValue) -> Option<Fate> {
    let on_its_way = decode::<EntryState>(value)?.on_its_way()?;
    Some(if on_its_way {
        Fate::Stays
    } else {
        Fate::Deleted
    })
}

/// A kiosk's reset, in one transaction: no drafts, and each record of the outbox as `fate`
/// decides. A record `fate` cannot read (`None`) stays as it is, as everywhere in the app:
/// it may be a later version's story, which that version will deliver. Every record is
/// decided before the first write, and a failed write aborts the transaction, so an error
/// leaves the device as it was.
async fn forget_drafts_and_then(
    fate: impl Fn(&JsValue) -> Result<Option<Fate>, DeviceError>,
) -> Result<(), DeviceError> {
    let database = database().await?;
    let transaction = database.transaction(&[OUTBOX, DRAFTS], TransactionMode::ReadWrite)?;
    let writes = async {
        let store = transaction.object_store(OUTBOX)?;
        let keys = store.get_all_keys(None, None)?.await?;
        let values = store.get_all(None, None)?.await?;
        let fates = values.iter().map(&fate).collect::<Result<Vec<_>, _>>()?;
        transaction.object_store(DRAFTS)?.clear()?.await?;
        for (key, fate) in keys.into_iter().zip(fates) {
            match fate {
                None | Some(Fate::Stays) => {}
                Some(Fate::Becomes(kept)) => {
                    store.put(&kept, Some(&key))?.await?;
                }
                Some(Fate::Deleted) => store.delete(key)?.await?,
            }
        }
        Ok::<(), DeviceError>(())
    };
    match writes.await {
        Ok(()) => {
            commit(transaction).await?;
            Ok(())
        }
        Err(error) => {
            // (Dropped, an IndexedDB transaction commits what it has done.)
            let _ = transaction.abort();
            Err(error)
        }
    }
}
