//! The gallery's storage in IndexedDB (through the `idb` crate): every image
//! is written the moment it arrives, so a reload, a crash or a closed tab
//! loses nothing already paid for.
//!
//! Three object stores share one key, the entry's id: `entries` holds the
//! metadata (small, read whole when the gallery opens), `thumbs` a small
//! preview `Blob` (read lazily, per card on screen) and `images` the image
//! itself (read when it is opened, downloaded or exported).
//!
//! Deleting several images is one transaction ([`Store::delete_all`]):
//! entries, thumbnails and images go together or not at all. The undoable
//! delete before it, with its trash list in `localStorage`, is the
//! gallery's (`gallery/trash.rs`).
//!
//! Version 2 of the database adds the conversations (`threads.rs`): an
//! upgrade from version 1 creates their two stores and leaves the gallery's
//! as they are. A page that holds the database open closes it when another
//! page asks for a newer version, so an upgrade is never blocked by an old tab.

mod threads;

use std::rc::Rc;

use gpt_image_wasm::core::GenerateRequest;
use gpt_image_wasm::core::{Fields, FromJson, JsonValue};
use idb::{Database, DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use crate::browser_storage::DATABASE;
use crate::js_json::from_js;

const ENTRIES: &str = "entries";
const THUMBS: &str = "thumbs";
const IMAGES: &str = "images";

/// The database's version: 1 held the gallery, 2 added the conversations.
const VERSION: u32 = 2;

/// What is kept of one image besides its bytes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Given by IndexedDB when the entry is first stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    /// When it arrived, in milliseconds since the epoch.
    pub created: f64,
    /// Whether it came from an edit (its request is then an edit's, less the inputs).
    pub edit: bool,
    /// The request it was made with, its prompt and parameters (stored as
    /// `settings`, as galleries and their ZIP exports have always had it).
    #[serde(rename = "settings")]
    pub request: GenerateRequest,
    /// The prompt as the model rewrote it, when it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revised_prompt: Option<String>,
    /// The image's type, from its bytes: `image/png`, `image/jpeg`,
    /// `image/webp`, `image/gif` or `image/svg+xml`.
    pub mime_type: String,
    /// Pixel size, when the header could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// See `width`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Size of the image file.
    pub bytes: u64,
    /// This image's share of the request's tokens, once the usage is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<u64>,
    /// This image's share of the request's estimated cost, in dollars.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    /// Marked as a favourite.
    pub favourite: bool,
    /// The conversation that made it (its id), if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    /// The turn of that conversation that made it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn: Option<u32>,
}

impl FromJson for Entry {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "a gallery entry")?;
        Ok(Entry {
            id: fields.whole("id")?,
            created: fields.float("created")?.ok_or_else(|| fields.missing("created"))?,
            edit: fields.flag("edit")?.unwrap_or_default(),
            request: fields.read("settings")?.ok_or_else(|| fields.missing("settings"))?,
            revised_prompt: fields.text("revisedPrompt")?,
            mime_type: fields.required_text("mimeType")?,
            width: fields.whole("width")?,
            height: fields.whole("height")?,
            bytes: fields.whole("bytes")?.ok_or_else(|| fields.missing("bytes"))?,
            tokens: fields.whole("tokens")?,
            cost: fields.float("cost")?,
            favourite: fields.flag("favourite")?.unwrap_or_default(),
            thread: fields.text("thread")?,
            turn: fields.whole("turn")?,
        })
    }
}

/// Why the store could not do something.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// The browser's storage quota is used up.
    Full,
    /// IndexedDB is missing (some private modes) or failed.
    Failed(String),
}

/// In the words of the language in use.
impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = crate::i18n::words();
        match self {
            StoreError::Full => f.write_str(words.store_full),
            StoreError::Failed(message) => f.write_str(&(words.store_failed)(message)),
        }
    }
}

impl From<idb::Error> for StoreError {
    fn from(error: idb::Error) -> Self {
        let message = error.to_string();
        if message.contains("QuotaExceeded") { StoreError::Full } else { StoreError::Failed(message) }
    }
}

/// The open database.
#[derive(Clone)]
pub struct Store {
    db: Rc<Database>,
}

impl Store {
    /// Opens (and on first use creates) the gallery's database, upgrading
    /// an older one: each store that is missing is created, and those that
    /// exist are kept with everything in them.
    pub async fn open() -> Result<Store, StoreError> {
        let mut request = Factory::new()?.open(DATABASE, Some(VERSION))?;
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            let existing = db.store_names();
            let missing = |name: &str| !existing.iter().any(|store| store == name);
            if missing(ENTRIES) {
                let mut entries = ObjectStoreParams::new();
                entries.auto_increment(true).key_path(Some(KeyPath::new_single("id")));
                let _ = db.create_object_store(ENTRIES, entries);
            }
            for store in [THUMBS, IMAGES] {
                if missing(store) {
                    let _ = db.create_object_store(store, ObjectStoreParams::new());
                }
            }
            threads::create_stores(&db, &existing);
        });
        let mut db = request.await?;
        // Another page wants a newer version (or to delete it): let it have the
        // database. The handler outlives this value, as the connection does.
        db.on_version_change(|event| {
            if let Some(db) = event.target().and_then(|target| Database::try_from(target).ok()) {
                db.close();
            }
        });
        db.forget_callbacks();
        Ok(Store { db: Rc::new(db) })
    }

    /// Stores a new image with its thumbnail; returns the entry with its id.
    pub async fn add(&self, mut entry: Entry, image: &Blob, thumb: &Blob) -> Result<Entry, StoreError> {
        let transaction = self.db.transaction(&[ENTRIES, THUMBS, IMAGES], TransactionMode::ReadWrite)?;
        let key = transaction.object_store(ENTRIES)?.add(&to_js(&entry)?, None)?.await?;
        transaction.object_store(THUMBS)?.put(thumb, Some(&key))?.await?;
        transaction.object_store(IMAGES)?.put(image, Some(&key))?.await?;
        finish(transaction).await?;
        entry.id = key.as_f64().map(|id| id as u32);
        Ok(entry)
    }

    /// Rewrites an entry's metadata (favourite, usage).
    pub async fn update(&self, entry: &Entry) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[ENTRIES], TransactionMode::ReadWrite)?;
        transaction.object_store(ENTRIES)?.put(&to_js(entry)?, None)?.await?;
        finish(transaction).await
    }

    /// Every entry, newest first.
    pub async fn entries(&self) -> Result<Vec<Entry>, StoreError> {
        let transaction = self.db.transaction(&[ENTRIES], TransactionMode::ReadOnly)?;
        let values = transaction.object_store(ENTRIES)?.get_all(None, None)?.await?;
        let mut entries: Vec<Entry> = values.iter().filter_map(from_js).collect();
        entries.reverse();
        Ok(entries)
    }

    /// The thumbnail of entry `id`.
    pub async fn thumb(&self, id: u32) -> Result<Option<Blob>, StoreError> {
        self.blob(THUMBS, id).await
    }

    /// The image of entry `id`.
    pub async fn image(&self, id: u32) -> Result<Option<Blob>, StoreError> {
        self.blob(IMAGES, id).await
    }

    async fn blob(&self, store: &str, id: u32) -> Result<Option<Blob>, StoreError> {
        let transaction = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let value = transaction.object_store(store)?.get(JsValue::from(id))?.await?;
        Ok(value.and_then(|value| value.dyn_into::<Blob>().ok()))
    }

    /// Deletes entry `id`, its thumbnail and its image.
    pub async fn delete(&self, id: u32) -> Result<(), StoreError> {
        self.delete_all(&[id]).await
    }

    /// Deletes entries `ids`, their thumbnails and their images, all in one
    /// transaction: either everything goes or nothing does.
    pub async fn delete_all(&self, ids: &[u32]) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[ENTRIES, THUMBS, IMAGES], TransactionMode::ReadWrite)?;
        for store in [ENTRIES, THUMBS, IMAGES] {
            let store = transaction.object_store(store)?;
            for id in ids {
                store.delete(JsValue::from(*id))?.await?;
            }
        }
        finish(transaction).await
    }
}

/// Waits for a transaction to commit; an abort is reported with its reason.
async fn finish(transaction: idb::Transaction) -> Result<(), StoreError> {
    // A second handle on the same transaction, to read why it aborted.
    let store_name = transaction.store_names().into_iter().next().unwrap_or_default();
    let watcher = transaction.object_store(&store_name)?.transaction();
    if transaction.await?.is_committed() {
        return Ok(());
    }
    Err(match watcher.error().map(|error| error.name()) {
        Some(name) if name == "QuotaExceededError" => StoreError::Full,
        Some(name) => StoreError::Failed(name),
        None => StoreError::Failed("the write was aborted".into()),
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    crate::js_json::to_js(value).ok_or_else(|| StoreError::Failed("a record could not be written as JSON".into()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use gpt_image_wasm::core::{Model, Quality, Size};
    use serde_json::{Value, json};

    /// An entry with every member set.
    pub(crate) fn full_entry() -> Entry {
        Entry {
            id: Some(7),
            created: 1_764_547_200_123.0,
            edit: true,
            request: GenerateRequest {
                model: Some(Model::from("gpt-image-2.5")),
                size: Some(Size::pixels(1536, 1024)),
                quality: Some(Quality::High),
                n: Some(2),
                ..GenerateRequest::new("a lighthouse at dawn")
            },
            revised_prompt: Some("a lighthouse at dawn, watercolour".into()),
            mime_type: "image/webp".into(),
            width: Some(1536),
            height: Some(1024),
            bytes: 123_456,
            tokens: Some(614),
            cost: Some(0.0421),
            favourite: true,
            thread: Some("tabc".into()),
            turn: Some(2),
        }
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let entry = full_entry();
        assert_eq!(Entry::from_json(&serde_json::to_value(&entry).unwrap()), Ok(entry));
        let sparse = Entry {
            id: None,
            revised_prompt: None,
            width: None,
            tokens: None,
            cost: None,
            thread: None,
            turn: None,
            ..full_entry()
        };
        assert_eq!(Entry::from_json(&serde_json::to_value(&sparse).unwrap()), Ok(sparse));
    }

    #[test]
    fn a_damaged_entry_names_its_member() {
        let mut written = serde_json::to_value(full_entry()).unwrap();
        written["mimeType"] = json!(5);
        assert_eq!(Entry::from_json(&written), Err("`mimeType` of a gallery entry is not a string".into()));
        written["mimeType"] = Value::Null;
        assert_eq!(Entry::from_json(&written), Err("`mimeType` of a gallery entry is missing".into()));
        let mut written = serde_json::to_value(full_entry()).unwrap();
        written["settings"]["n"] = json!("two");
        assert_eq!(Entry::from_json(&written), Err("n must be a whole number, not \"two\"".into()));
    }
}
