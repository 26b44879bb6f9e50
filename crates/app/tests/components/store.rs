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
