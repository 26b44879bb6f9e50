//! The conversations' two stores: `threads` holds each thread's record
//! ([`Thread`], keyed by its id), `thread-files` the files pasted or dropped
//! into its turns (keyed `THREAD/TURN/N`). A thread's images are the
//! gallery's own, linked to it from their entries.

use idb::{Database, KeyPath, KeyRange, ObjectStoreParams, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use super::{Store, StoreError, finish, to_js};
use crate::js_json::from_js;
use crate::thread::Thread;

const THREADS: &str = "threads";
const FILES: &str = "thread-files";

/// Creates the stores that are not among `existing` (in an upgrade).
pub(super) fn create_stores(db: &Database, existing: &[String]) {
    if !existing.iter().any(|store| store == THREADS) {
        let mut threads = ObjectStoreParams::new();
        threads.key_path(Some(KeyPath::new_single("id")));
        let _ = db.create_object_store(THREADS, threads);
    }
    if !existing.iter().any(|store| store == FILES) {
        let _ = db.create_object_store(FILES, ObjectStoreParams::new());
    }
}

/// The keys of thread `id`'s files: `id/` up to `id/\u{ffff}`.
fn files_of(id: &str) -> Result<KeyRange, StoreError> {
    let (lower, upper) = (JsValue::from(format!("{id}/")), JsValue::from(format!("{id}/\u{ffff}")));
    Ok(KeyRange::bound(&lower, &upper, None, None)?)
}

impl Store {
    /// Every conversation, most recently changed first.
    pub async fn threads(&self) -> Result<Vec<Thread>, StoreError> {
        let transaction = self.db.transaction(&[THREADS], TransactionMode::ReadOnly)?;
        let values = transaction.object_store(THREADS)?.get_all(None, None)?.await?;
        let mut threads: Vec<Thread> = values.iter().filter_map(from_js).collect();
        threads.sort_by(|a, b| b.updated.total_cmp(&a.updated));
        Ok(threads)
    }

    /// Writes a conversation (new, or changed).
    pub async fn put_thread(&self, thread: &Thread) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[THREADS], TransactionMode::ReadWrite)?;
        transaction.object_store(THREADS)?.put(&to_js(thread)?, None)?.await?;
        finish(transaction).await
    }

    /// Deletes conversation `id` and its files (not its images: they are the gallery's).
    pub async fn delete_thread(&self, id: &str) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[THREADS, FILES], TransactionMode::ReadWrite)?;
        transaction.object_store(THREADS)?.delete(JsValue::from(id))?.await?;
        transaction.object_store(FILES)?.delete(files_of(id)?)?.await?;
        finish(transaction).await
    }

    /// Keeps a file of a turn under `key` (`THREAD/TURN/N`).
    pub async fn put_file(&self, key: &str, file: &Blob) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[FILES], TransactionMode::ReadWrite)?;
        transaction.object_store(FILES)?.put(file, Some(&JsValue::from(key)))?.await?;
        finish(transaction).await
    }

    /// The file kept under `key`.
    pub async fn file(&self, key: &str) -> Result<Option<Blob>, StoreError> {
        let transaction = self.db.transaction(&[FILES], TransactionMode::ReadOnly)?;
        let value = transaction.object_store(FILES)?.get(JsValue::from(key))?.await?;
        Ok(value.and_then(|value| value.dyn_into::<Blob>().ok()))
    }
}
