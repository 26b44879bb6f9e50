//! The gallery's IndexedDB store, for real.

use gpt_image_app::store::{Entry, Store};
use gpt_image_app::{set_trash_list, trash_list};
use gpt_image_wasm::core::GenerateRequest;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::{bytes, canvas, encoded};

/// An entry for `prompt`.
pub fn entry(prompt: &str, created: f64) -> Entry {
    Entry {
        id: None,
        created,
        edit: false,
        request: GenerateRequest { prompt: prompt.into(), n: Some(1), ..GenerateRequest::default() },
        revised_prompt: None,
        mime_type: "image/png".into(),
        width: Some(16),
        height: Some(16),
        bytes: 0,
        tokens: None,
        cost: None,
        favourite: false,
        thread: None,
        turn: None,
    }
}

#[wasm_bindgen_test]
async fn entries_images_and_thumbnails_round_trip_newest_first() {
    let store = Store::open().await.unwrap();
    let before = store.entries().await.unwrap().len();
    let image = encoded(&canvas(16, 16, "#123456"), "image/png").await;
    let thumb = encoded(&canvas(4, 4, "#654321"), "image/webp").await;
    let first = store.add(entry("first", 1.0), &image, &thumb).await.unwrap();
    let second = store.add(entry("second", 2.0), &image, &thumb).await.unwrap();
    let (first_id, second_id) = (first.id.unwrap(), second.id.unwrap());
    assert!(second_id > first_id);

    let entries = store.entries().await.unwrap();
    assert_eq!(entries.len(), before + 2);
    assert_eq!(entries[0], second, "newest first, as stored");
    assert_eq!(bytes(&store.image(first_id).await.unwrap().unwrap()).await, bytes(&image).await);
    assert_eq!(bytes(&store.thumb(first_id).await.unwrap().unwrap()).await, bytes(&thumb).await);

    let favourite = Entry { favourite: true, tokens: Some(42), cost: Some(0.5), ..first.clone() };
    store.update(&favourite).await.unwrap();
    let reopened = Store::open().await.unwrap();
    let entries = reopened.entries().await.unwrap();
    assert_eq!(entries.iter().find(|entry| entry.id == Some(first_id)), Some(&favourite), "kept across connections");
    assert!(reopened.image(first_id).await.unwrap().is_some(), "updating metadata keeps the image");

    reopened.delete(first_id).await.unwrap();
    assert!(reopened.image(first_id).await.unwrap().is_none());
    assert!(reopened.thumb(first_id).await.unwrap().is_none());
    assert!(reopened.entries().await.unwrap().iter().all(|entry| entry.id != Some(first_id)));
}

#[wasm_bindgen_test]
async fn a_delete_of_several_takes_entries_thumbnails_and_images_together() {
    let store = Store::open().await.unwrap();
    let image = encoded(&canvas(16, 16, "#123456"), "image/png").await;
    let thumb = encoded(&canvas(4, 4, "#654321"), "image/webp").await;
    let mut ids = Vec::new();
    for (number, prompt) in ["one", "two", "three"].into_iter().enumerate() {
        ids.push(store.add(entry(prompt, number as f64), &image, &thumb).await.unwrap().id.unwrap());
    }
    store.delete_all(&ids[..2]).await.unwrap();
    for id in &ids[..2] {
        assert!(store.image(*id).await.unwrap().is_none());
        assert!(store.thumb(*id).await.unwrap().is_none());
        assert!(store.entries().await.unwrap().iter().all(|entry| entry.id != Some(*id)));
    }
    assert!(store.image(ids[2]).await.unwrap().is_some(), "the others stay");
    store.delete(ids[2]).await.unwrap();
}

#[wasm_bindgen_test]
fn the_trash_list_is_written_at_once_and_read_back() {
    assert!(set_trash_list(&[3, 14, 15]));
    assert_eq!(trash_list(), [3, 14, 15]);
    assert!(set_trash_list(&[]));
    assert_eq!(trash_list(), Vec::<u32>::new());
}

/// The database's name (`browser_storage::DATABASE`).
const DATABASE: &str = "gpt-image-playground";

#[wasm_bindgen_test]
async fn an_upgrade_from_version_1_keeps_the_gallery_and_adds_the_conversations() {
    use idb::{DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
    // The connections this page opened close when another asks (Store::open's handler).
    let factory = Factory::new().unwrap();
    factory.delete(DATABASE).unwrap().await.unwrap();
    let mut request = factory.open(DATABASE, Some(1)).unwrap();
    request.on_upgrade_needed(|event| {
        let db = event.database().unwrap();
        let mut entries = ObjectStoreParams::new();
        entries.auto_increment(true).key_path(Some(KeyPath::new_single("id")));
        db.create_object_store("entries", entries).unwrap();
        db.create_object_store("thumbs", ObjectStoreParams::new()).unwrap();
        db.create_object_store("images", ObjectStoreParams::new()).unwrap();
    });
    let old = request.await.unwrap();
    let image = encoded(&canvas(16, 16, "#123456"), "image/png").await;
    let kept = entry("kept across the upgrade", 5.0);
    let transaction = old.transaction(&["entries", "images"], TransactionMode::ReadWrite).unwrap();
    let value = js_sys::JSON::parse(&serde_json::to_string(&kept).unwrap()).unwrap();
    let key = transaction.object_store("entries").unwrap().add(&value, None).unwrap().await.unwrap();
    transaction.object_store("images").unwrap().put(&image, Some(&key)).unwrap().await.unwrap();
    transaction.commit().unwrap().await.unwrap();
    old.close();

    let store = Store::open().await.unwrap();
    let entries = store.entries().await.unwrap();
    let id = key.as_f64().unwrap() as u32;
    assert_eq!(entries, [Entry { id: Some(id), ..kept }], "version 1's entries are kept");
    assert_eq!(bytes(&store.image(id).await.unwrap().unwrap()).await, bytes(&image).await);
    assert_eq!(store.threads().await.unwrap(), [], "and the conversations' store is new");
}

#[wasm_bindgen_test]
async fn conversations_and_their_files_round_trip_and_are_deleted_together() {
    use gpt_image_app::thread::{Api, Reference, Thread, Turn};
    let store = Store::open().await.unwrap();
    let mut thread = Thread::new("a red kite over the sea");
    let mut turn = Turn::new(1, None, "a red kite over the sea".into(), Vec::new(), Api::Responses);
    turn.images = vec![3];
    turn.references = vec![Reference::File { key: format!("{}/1/0", thread.id), mime_type: "image/png".into() }];
    thread.turns.push(turn);
    thread.current = Some(1);
    let file = encoded(&canvas(4, 4, "#abcdef"), "image/png").await;
    store.put_file(&format!("{}/1/0", thread.id), &file).await.unwrap();
    store.put_thread(&thread).await.unwrap();
    let older = Thread { id: "tolder".into(), updated: 1.0, ..Thread::new("older") };
    store.put_thread(&older).await.unwrap();

    let reopened = Store::open().await.unwrap();
    let threads = reopened.threads().await.unwrap();
    let position = |id: &str| threads.iter().position(|each| each.id == id).unwrap();
    assert_eq!(threads[position(&thread.id)], thread, "read back as written");
    assert!(position(&thread.id) < position("tolder"), "most recently changed first");
    let key = format!("{}/1/0", thread.id);
    assert_eq!(bytes(&reopened.file(&key).await.unwrap().unwrap()).await, bytes(&file).await);

    reopened.delete_thread(&thread.id).await.unwrap();
    assert!(reopened.file(&key).await.unwrap().is_none(), "its files go with it");
    assert!(reopened.threads().await.unwrap().iter().all(|each| each.id != thread.id));
    reopened.delete_thread("tolder").await.unwrap();
}
