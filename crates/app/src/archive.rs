//! The gallery as a ZIP file (through the `zip` crate): the images under
//! `images/`, and `gallery.json` with their settings, prompts, usage and
//! times. Images are already compressed, so entries are stored as they are;
//! that also keeps the deflate code out of the page. API keys are never in it.

use std::io::{Cursor, Read, Write};

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::actions::extension;
use crate::model_picker::today;
use crate::names::{archive_name, entry_file};
use crate::store::Entry;

/// The metadata file's name inside the ZIP.
const METADATA: &str = "gallery.json";
/// What `gallery.json` says it is, so other files are told apart.
const FORMAT: &str = "gpt-image-playground/1";

/// `gallery.json`.
#[derive(Serialize, Deserialize)]
struct Metadata {
    format: String,
    images: Vec<Item>,
}

/// One image in `gallery.json`: its file in the ZIP and its entry.
#[derive(Serialize, Deserialize)]
struct Item {
    file: String,
    #[serde(flatten)]
    entry: Entry,
}

/// The bytes of a blob.
async fn bytes(blob: &Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|_| "a file could not be read".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A ZIP's modification time from milliseconds since the epoch (local time).
fn zip_time(millis: f64) -> DateTime {
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let part = |value: u32| value as u8;
    DateTime::from_date_and_time(
        date.get_full_year() as u16,
        part(date.get_month() + 1),
        part(date.get_date()),
        part(date.get_hours()),
        part(date.get_minutes()),
        part(date.get_seconds()),
    )
    .unwrap_or_default()
}

/// The ZIP of `items` (oldest first), as bytes: what [`export`] saves.
pub async fn pack(items: &[(Entry, Blob)]) -> Result<Vec<u8>, String> {
    let failed = |error: zip::result::ZipError| error.to_string();
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut metadata = Metadata { format: FORMAT.into(), images: Vec::new() };
    for (number, (entry, image)) in items.iter().enumerate() {
        let file = format!("images/{}", entry_file(number + 1, &entry.settings.prompt, &extension(&entry.mime_type)));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(zip_time(entry.created));
        zip.start_file(file.as_str(), options).map_err(failed)?;
        zip.write_all(&bytes(image).await?).map_err(|error| error.to_string())?;
        metadata.images.push(Item { file, entry: Entry { id: None, ..entry.clone() } });
    }
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file(METADATA, options).map_err(failed)?;
    let json = serde_json::to_vec_pretty(&metadata).map_err(|error| error.to_string())?;
    zip.write_all(&json).map_err(|error| error.to_string())?;
    Ok(zip.finish().map_err(failed)?.into_inner())
}

/// Saves `items` (oldest first) as `gpt-image-gallery-YYYY-MM-DD.zip` (today) through the browser's download.
pub async fn export(items: &[(Entry, Blob)]) -> Result<(), String> {
    let zip = pack(items).await?;
    let blob = blob_of(&zip, "application/zip")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL".to_owned())?;
    let link: HtmlAnchorElement =
        leptos::prelude::document().create_element("a").map_err(|_| "no document".to_owned())?.unchecked_into();
    link.set_href(&url);
    link.set_download(&archive_name(&today()));
    link.click();
    // The download has started from the URL; give it a moment before revoking.
    leptos::prelude::set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// The entries and images of a ZIP made by [`export`], oldest first.
pub async fn import(file: &Blob) -> Result<Vec<(Entry, Blob)>, String> {
    let data = bytes(file).await?;
    let not_ours = || format!("this is not a gallery ZIP (it has no readable {METADATA})");
    let mut zip = ZipArchive::new(Cursor::new(data)).map_err(|error| format!("this is not a ZIP file ({error})"))?;
    let mut json = String::new();
    zip.by_name(METADATA).map_err(|_| not_ours())?.read_to_string(&mut json).map_err(|_| not_ours())?;
    let metadata: Metadata = serde_json::from_str(&json).map_err(|error| format!("{METADATA} is damaged: {error}"))?;
    if metadata.format != FORMAT {
        return Err(format!("{METADATA} is of another format ({})", metadata.format));
    }
    let mut items = Vec::new();
    for Item { file, entry } in metadata.images {
        let mut image = Vec::new();
        let mut member = zip.by_name(&file).map_err(|error| format!("{file}: {error}"))?;
        member.read_to_end(&mut image).map_err(|error| format!("{file}: {error}"))?;
        let blob = blob_of(&image, &entry.mime_type)?;
        items.push((entry, blob));
    }
    Ok(items)
}

/// A blob of `bytes` typed `mime_type`.
fn blob_of(bytes: &[u8], mime_type: &str) -> Result<Blob, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime_type);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| "no Blob".to_owned())
}
