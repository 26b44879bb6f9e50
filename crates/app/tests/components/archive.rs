//! The gallery's ZIP: what `pack` writes, `import` reads back.

use gpt_image_app::archive::{import, pack};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::store::entry;
use crate::{bytes, canvas, encoded};

fn blob_of(data: &[u8]) -> web_sys::Blob {
    web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&js_sys::Uint8Array::from(data))).unwrap()
}

/// A ZIP of text files, made by the `zip` crate directly.
fn zip_with(files: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
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
    let zip = pack(&items).await.unwrap();
    assert_eq!(&zip[..4], b"PK\x03\x04");

    let back = import(&blob_of(&zip)).await.unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].0, items[0].0, "metadata, oldest first");
    assert_eq!(back[1].0, second);
    assert_eq!(bytes(&back[0].1).await, bytes(&png).await, "the image bytes, stored as they were");
    assert_eq!(bytes(&back[1].1).await, bytes(&jpeg).await);
    assert_eq!(back[1].1.type_(), "image/jpeg");
}

#[wasm_bindgen_test]
async fn files_that_are_not_gallery_zips_are_named_as_such() {
    let error = import(&blob_of(b"hello")).await.unwrap_err();
    assert!(error.starts_with("this is not a ZIP file"), "{error}");
    let error = import(&blob_of(&zip_with(&[("notes.txt", "hi")]))).await.unwrap_err();
    assert!(error.starts_with("this is not a gallery ZIP"), "{error}");
    let other = zip_with(&[("gallery.json", r#"{"format": "another-app/2", "images": []}"#)]);
    let error = import(&blob_of(&other)).await.unwrap_err();
    assert_eq!(error, "gallery.json is of another format (another-app/2)");
    let missing = zip_with(&[(
        "gallery.json",
        r#"{"format": "gpt-image-playground/1", "images": [{"file": "images/0001.png"}]}"#,
    )]);
    let error = import(&blob_of(&missing)).await.unwrap_err();
    assert!(error.starts_with("gallery.json is damaged"), "{error}");
}
