//! The gallery's ZIP: what `pack` writes, `import` reads back.

use gpt_image_app::archive::{Archive, import, pack};
use gpt_image_app::store::Entry;
use gpt_image_app::thread::{Api, Reference, Thread, Turn, TurnState};
use gpt_image_app::zip;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::store::entry;
use crate::{bytes, canvas, encoded};

fn blob_of(data: &[u8]) -> web_sys::Blob {
    web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&js_sys::Uint8Array::from(data))).unwrap()
}

/// A ZIP of text files, from the playground's writer (which `unzip -t` checks in its own tests).
fn zip_with(files: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::Writer::default();
    let mut out = Vec::new();
    for (name, text) in files {
        let crc = zip::crc32(0, text.as_bytes());
        out.extend(writer.header(name, crc, text.len() as u64, zip::DosTime::EARLIEST).unwrap());
        out.extend_from_slice(text.as_bytes());
    }
    out.extend(writer.end());
    out
}

#[wasm_bindgen_test]
async fn a_packed_gallery_imports_back_with_its_images_and_metadata() {
    let png = encoded(&canvas(16, 16, "#abcdef"), "image/png").await;
    let jpeg = encoded(&canvas(16, 16, "#fedcba"), "image/jpeg").await;
    let mut second = entry("a jpeg", 2.0);
    second.mime_type = "image/jpeg".into();
    second.favourite = true;
    second.tokens = Some(7);
    let items = vec![(entry("a png", 1_700_000_000_000.0), png.clone()), (second.clone(), jpeg.clone())];
    let archive = Archive { images: items.clone(), ..Archive::default() };
    let zip = pack(&archive).await.unwrap();
    let zip = bytes(&zip).await;
    assert_eq!(&zip[..4], b"PK\x03\x04");
    assert_eq!(zip.len() as f64, pack(&archive).await.unwrap().size());

    let back = import(&blob_of(&zip)).await.unwrap().images;
    assert!(!String::from_utf8_lossy(&zip).contains("\"threads\""), "no conversations, no list of them");
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].0, items[0].0, "metadata, oldest first");
    assert_eq!(back[1].0, second);
    assert_eq!(bytes(&back[0].1).await, bytes(&png).await, "the image bytes, stored as they were");
    assert_eq!(bytes(&back[1].1).await, bytes(&jpeg).await);
    assert_eq!(back[1].1.type_(), "image/jpeg");
}

#[wasm_bindgen_test]
async fn files_that_are_not_gallery_zips_are_named_as_such() {
    let error = import(&blob_of(b"hello")).await.unwrap_err().to_string();
    assert!(error.starts_with("this is not a ZIP file"), "{error}");
    let error = import(&blob_of(&zip_with(&[("notes.txt", "hi")]))).await.unwrap_err().to_string();
    assert!(error.starts_with("this is not a gallery ZIP"), "{error}");
    let other = zip_with(&[("gallery.json", r#"{"format": "another-app/2", "images": []}"#)]);
    let error = import(&blob_of(&other)).await.unwrap_err().to_string();
    assert_eq!(error, "gallery.json is of another format (another-app/2)");
    let missing = zip_with(&[(
        "gallery.json",
        r#"{"format": "gpt-image-playground/1", "images": [{"file": "images/0001.png"}]}"#,
    )]);
    let error = import(&blob_of(&missing)).await.unwrap_err().to_string();
    assert!(error.starts_with("gallery.json is damaged"), "{error}");
    let listed = r#"{"format": "gpt-image-playground/1", "images": [{"file": "images/0001.png", "created": 1,
        "settings": {"prompt": "p"}, "mimeType": "image/png", "bytes": 1}]}"#;
    let error = import(&blob_of(&zip_with(&[("gallery.json", listed)]))).await.unwrap_err().to_string();
    assert_eq!(error, "images/0001.png is listed in gallery.json but not in the ZIP");
}

/// The same gallery zipped again by other tools (`tests/fixtures/README.md`),
/// stored and deflated: the deflated ones are inflated by the browser.
#[wasm_bindgen_test]
async fn galleries_zipped_by_other_tools_import() {
    let zips: [&[u8]; 3] = [
        include_bytes!("../fixtures/python-stored.zip"),
        include_bytes!("../fixtures/python-deflated.zip"),
        include_bytes!("../fixtures/info-zip.zip"),
    ];
    for zip in zips {
        let back = import(&blob_of(zip)).await.unwrap();
        assert!(back.threads.is_empty(), "a ZIP made before conversations has none");
        let back = back.images;
        assert_eq!(back.len(), 1);
        let (entry, image) = &back[0];
        assert_eq!(entry.request.prompt, "a red square");
        assert!(entry.favourite);
        assert_eq!(image.type_(), "image/png");
        let png = bytes(image).await;
        assert_eq!(png.len() as u64, entry.bytes);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
}

#[wasm_bindgen_test]
async fn a_damaged_image_is_named() {
    let mut zip = include_bytes!("../fixtures/python-stored.zip").to_vec();
    let png = zip.windows(4).position(|four| four == b"IHDR").unwrap();
    zip[png + 6] ^= 0xff;
    let error = import(&blob_of(&zip)).await.unwrap_err().to_string();
    assert_eq!(error, "images/0001-a-red-square.png is damaged (its size or CRC-32 does not match)");
}

#[wasm_bindgen_test]
async fn an_imported_image_is_typed_by_its_bytes() {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>"#;
    let mut listed = entry("a drawing", 1.0);
    listed.mime_type = "image/png".into();
    let archive = Archive { images: vec![(listed, blob_of(svg))], ..Archive::default() };
    let zip = bytes(&pack(&archive).await.unwrap()).await;
    let back = import(&blob_of(&zip)).await.unwrap().images;
    assert_eq!(back[0].0.mime_type, "image/svg+xml", "what its bytes say, not what it was listed as");
    assert_eq!(back[0].1.type_(), "image/svg+xml");
}

#[wasm_bindgen_test]
async fn conversations_and_their_files_go_along() {
    let png = encoded(&canvas(16, 16, "#abcdef"), "image/png").await;
    let pasted = encoded(&canvas(8, 8, "#123123"), "image/png").await;
    let mut made = entry("a red kite", 1.0);
    (made.id, made.thread, made.turn) = (Some(41), Some("tkite".into()), Some(1));
    let mut turn = Turn::new(1, None, "a red kite".into(), Vec::new(), Api::Images);
    turn.state = TurnState::Done;
    turn.images = vec![41];
    turn.references = vec![Reference::File { key: "tkite/1/0".into(), mime_type: "image/png".into() }];
    let mut thread = Thread::new("a red kite");
    thread.id = "tkite".into();
    thread.turns = vec![turn];
    thread.current = Some(1);
    let archive = Archive {
        images: vec![(made.clone(), png)],
        threads: vec![thread.clone()],
        files: vec![("tkite/1/0".into(), pasted.clone())],
    };
    let zip = bytes(&pack(&archive).await.unwrap()).await;
    assert!(!String::from_utf8_lossy(&zip).contains("\"id\": 41"), "no database ids");
    let back = import(&blob_of(&zip)).await.unwrap();
    assert_eq!(back.images[0].0, Entry { id: None, ..made }, "the image names its conversation and turn");
    thread.turns[0].images = vec![1];
    assert_eq!(back.threads, [thread], "the turn names its image by its number in the ZIP");
    assert_eq!(back.files[0].0, "tkite/1/0");
    assert_eq!(bytes(&back.files[0].1).await, bytes(&pasted).await);
}
