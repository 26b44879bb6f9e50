//! The gallery as a ZIP file: the images under `images/`, and
//! `gallery.json` with their settings, prompts, usage and times. Images are
//! already compressed, so they are stored as they are. The archive is a
//! `Blob` joined from the images' own `Blob`s and the headers between them,
//! and an import slices the file the same way, so neither copies a whole
//! gallery into wasm memory. API keys are never in it.
//!
//! Conversations go along: `gallery.json` lists them under `threads` (each
//! image entry names its conversation and turn, and each turn its images by
//! their number in `images`) and the files pasted into their turns under
//! `threadFiles`, stored in `threads/`. A ZIP without them (made before conversations, or by another
//! tool) imports as before; how an import links them again is `threads.rs`.

mod threads;

use std::fmt;

use gpt_image_wasm::Json;
use gpt_image_wasm::core::{Fields, FromJson, JsonValue, sniff_format};
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, ReadableWritablePair, Response};

use crate::actions::extension;
use crate::i18n::{Language, Words};
use crate::model_picker::today;
use crate::names::{archive_name, entry_file};
use crate::store::Entry;
use crate::thread::Thread;
use crate::zip::{self, DosTime, Member, Method};

/// The metadata file's name inside the ZIP.
const METADATA: &str = "gallery.json";
/// What `gallery.json` says it is, so other files are told apart.
const FORMAT: &str = "gpt-image-playground/1";

/// Why an export or an import failed. The gallery says it in the language
/// in use ([`Error::say`]); `Display` says it in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The ZIP could not be written or read.
    Zip(zip::Error),
    /// The browser could not read a file.
    Unreadable,
    /// The browser made no `Blob`.
    NoBlob,
    /// The browser made no object URL for the download.
    NoObjectUrl,
    /// There is no document to download from.
    NoDocument,
    /// `gallery.json` could not be written.
    MetadataUnwritable,
    /// The ZIP has no readable `gallery.json`.
    NotGallery,
    /// `gallery.json` could not be read, with the JSON reader's reason (in English).
    MetadataDamaged(String),
    /// `gallery.json` says it is of this other format.
    OtherFormat(String),
    /// This file is listed in `gallery.json` but not in the ZIP.
    Missing(String),
    /// This member's bytes would end past the end of the file.
    CutShort(String),
    /// This member could not be decompressed.
    NotDecompressed(String),
    /// This member's size or CRC-32 does not match.
    Damaged(String),
}

impl Error {
    /// The reason in `words`.
    pub fn say(&self, words: &Words) -> String {
        match self {
            Error::Zip(error) => error.say(words),
            Error::Unreadable => words.archive_unreadable.to_owned(),
            Error::NoBlob => words.archive_no_blob.to_owned(),
            Error::NoObjectUrl => words.archive_no_object_url.to_owned(),
            Error::NoDocument => words.archive_no_document.to_owned(),
            Error::MetadataUnwritable => (words.archive_metadata_unwritable)(METADATA),
            Error::NotGallery => (words.archive_not_gallery)(METADATA),
            Error::MetadataDamaged(why) => (words.archive_metadata_damaged)(METADATA, why),
            Error::OtherFormat(format) => (words.archive_other_format)(METADATA, format),
            Error::Missing(name) => (words.archive_missing)(name, METADATA),
            Error::CutShort(name) => (words.archive_cut_short)(name),
            Error::NotDecompressed(name) => (words.archive_not_decompressed)(name),
            Error::Damaged(name) => (words.archive_damaged)(name),
        }
    }
}

/// In English.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Language::English.words()))
    }
}

impl From<zip::Error> for Error {
    fn from(error: zip::Error) -> Self {
        Error::Zip(error)
    }
}

/// What a gallery ZIP holds.
#[derive(Clone, Debug, Default)]
pub struct Archive {
    /// The images with their entries, oldest first.
    pub images: Vec<(Entry, Blob)>,
    /// The conversations.
    pub threads: Vec<Thread>,
    /// The files of the conversations' turns, by their key (`THREAD/TURN/N`).
    pub files: Vec<(String, Blob)>,
}

/// `gallery.json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    format: String,
    images: Vec<Item>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    threads: Vec<Thread>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    thread_files: Vec<FileItem>,
}

/// A conversation's file in `gallery.json`: its key, and its file in the ZIP.
#[derive(Clone, Debug, PartialEq, Serialize)]
struct FileItem {
    key: String,
    file: String,
}

impl FromJson for FileItem {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "a conversation's file")?;
        Ok(FileItem { key: fields.required_text("key")?, file: fields.required_text("file")? })
    }
}

/// One image in `gallery.json`: its file in the ZIP and its entry.
#[derive(Serialize)]
struct Item {
    file: String,
    #[serde(flatten)]
    entry: Entry,
}

impl FromJson for Metadata {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, METADATA)?;
        Ok(Metadata {
            format: fields.required_text("format")?,
            images: fields.list("images")?.ok_or_else(|| fields.missing("images"))?,
            threads: fields.list("threads")?.unwrap_or_default(),
            thread_files: fields.list("threadFiles")?.unwrap_or_default(),
        })
    }
}

/// The entry's members and `file` side by side.
impl FromJson for Item {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        Ok(Item { file: Fields::of(json, "an image")?.required_text("file")?, entry: Entry::from_json(json)? })
    }
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `DecompressionStream` (web-sys has it only behind `web_sys_unstable_apis`).
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// The bytes of a blob.
async fn bytes(blob: &Blob) -> Result<Vec<u8>, Error> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|_| Error::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Bytes `start..end` of a blob.
async fn bytes_at(blob: &Blob, start: u64, end: u64) -> Result<Vec<u8>, Error> {
    bytes(&blob.slice_with_f64_and_f64(start as f64, end as f64).map_err(|_| Error::Unreadable)?).await
}

/// A ZIP's modification time from milliseconds since the epoch (local time).
fn zip_time(millis: f64) -> DosTime {
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    DosTime::new(
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
    )
}

/// A file's member in the ZIP: its header, then the file itself.
async fn add_member(
    writer: &mut zip::Writer,
    parts: &js_sys::Array,
    name: &str,
    file: &Blob,
    time: f64,
) -> Result<(), Error> {
    // Only the CRC needs the bytes in wasm memory, one file at a time.
    let data = bytes(file).await?;
    let header = writer.header(name, zip::crc32(0, &data), data.len() as u64, zip_time(time))?;
    parts.push(&js_sys::Uint8Array::from(&header[..]));
    parts.push(file);
    Ok(())
}

/// The ZIP of `archive`: what [`export`] saves.
pub async fn pack(archive: &Archive) -> Result<Blob, Error> {
    let mut writer = zip::Writer::default();
    let parts = js_sys::Array::new();
    let mut metadata = Metadata {
        format: FORMAT.into(),
        images: Vec::new(),
        threads: archive.numbered_threads(),
        thread_files: Vec::new(),
    };
    for (number, (entry, image)) in archive.images.iter().enumerate() {
        let file = format!("images/{}", entry_file(number + 1, &entry.request.prompt, &extension(&entry.mime_type)));
        add_member(&mut writer, &parts, &file, image, entry.created).await?;
        metadata.images.push(Item { file, entry: Entry { id: None, ..entry.clone() } });
    }
    for (number, (key, blob)) in archive.files.iter().enumerate() {
        let file = format!("threads/{:04}.{}", number + 1, extension(&blob.type_()));
        add_member(&mut writer, &parts, &file, blob, js_sys::Date::now()).await?;
        metadata.thread_files.push(FileItem { key: key.clone(), file });
    }
    // Writing to memory fails only on a map with non-text keys, which these types have none of.
    let json = serde_json::to_vec_pretty(&metadata).map_err(|_| Error::MetadataUnwritable)?;
    let header = writer.header(METADATA, zip::crc32(0, &json), json.len() as u64, zip_time(js_sys::Date::now()))?;
    for piece in [header, json, writer.end()] {
        parts.push(&js_sys::Uint8Array::from(&piece[..]));
    }
    blob_of(&parts, "application/zip")
}

/// Saves `archive` as `gpt-image-gallery-YYYY-MM-DD.zip` (today) through the browser's download.
pub async fn export(archive: &Archive) -> Result<(), Error> {
    let blob = pack(archive).await?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Error::NoObjectUrl)?;
    let link: HtmlAnchorElement =
        leptos::prelude::document().create_element("a").map_err(|_| Error::NoDocument)?.unchecked_into();
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

/// What a gallery ZIP holds: one [`export`] made, or the same files zipped
/// again by another tool (stored or deflated).
pub async fn import(file: &Blob) -> Result<Archive, Error> {
    let len = file.size() as u64;
    let tail = bytes_at(file, len.saturating_sub(zip::TAIL_LEN as u64), len).await?;
    let directory = zip::find_directory(&tail, len)?;
    let members = zip::members(&bytes_at(file, directory.offset, directory.offset + directory.size).await?)?;
    let member = |name: &str| members.iter().find(|member| member.name == name);

    let json = read(file, member(METADATA).ok_or(Error::NotGallery)?).await?;
    let metadata = Metadata::from_json_text::<Json>(&String::from_utf8_lossy(&json)).map_err(Error::MetadataDamaged)?;
    if metadata.format != FORMAT {
        return Err(Error::OtherFormat(metadata.format));
    }
    let mut items = Vec::new();
    for Item { file: name, mut entry } in metadata.images {
        let found = member(&name).ok_or_else(|| Error::Missing(name.clone()))?;
        let image = read(file, found).await?;
        // An image is what its bytes say (an SVG listed as a PNG is still shown only as an image).
        if let Some(format) = sniff_format(&image) {
            entry.mime_type = format.mime_type().to_owned();
        }
        let blob = blob_of(&js_sys::Array::of1(&js_sys::Uint8Array::from(&image[..])), &entry.mime_type)?;
        items.push((entry, blob));
    }
    let mut files = Vec::new();
    for FileItem { key, file: name } in metadata.thread_files {
        let found = member(&name).ok_or_else(|| Error::Missing(name.clone()))?;
        let data = read(file, found).await?;
        let mime_type =
            sniff_format(&data).map_or_else(|| "application/octet-stream".to_owned(), |f| f.mime_type().to_owned());
        files.push((key, blob_of(&js_sys::Array::of1(&js_sys::Uint8Array::from(&data[..])), &mime_type)?));
    }
    Ok(Archive { images: items, threads: metadata.threads, files })
}

/// A member's bytes, inflated if need be and checked against its CRC-32.
async fn read(file: &Blob, member: &Member) -> Result<Vec<u8>, Error> {
    let header = bytes_at(file, member.header_offset, member.header_offset + zip::LOCAL_HEADER_LEN as u64).await?;
    let start = zip::data_offset(member, &header)?;
    let end = start + member.compressed_size;
    if end > file.size() as u64 {
        return Err(Error::CutShort(member.name.clone()));
    }
    let data = match member.method {
        Method::Stored => bytes_at(file, start, end).await?,
        Method::Deflated => {
            inflate(file, start, end).await.ok_or_else(|| Error::NotDecompressed(member.name.clone()))?
        }
    };
    if data.len() as u64 != member.size || zip::crc32(0, &data) != member.crc {
        return Err(Error::Damaged(member.name.clone()));
    }
    Ok(data)
}

/// Bytes `start..end` of a blob, inflated (raw deflate) by the browser; `None` if they could not be.
async fn inflate(file: &Blob, start: u64, end: u64) -> Option<Vec<u8>> {
    let slice = file.slice_with_f64_and_f64(start as f64, end as f64).ok()?;
    let inflater = DecompressionStream::new("deflate-raw").ok()?;
    let readable = slice.stream().pipe_through(inflater.unchecked_ref::<ReadableWritablePair>());
    let response = Response::new_with_opt_readable_stream(Some(&readable)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A blob of `parts` (each a `Blob` or bytes) typed `mime_type`.
fn blob_of(parts: &js_sys::Array, mime_type: &str) -> Result<Blob, Error> {
    let options = BlobPropertyBag::new();
    options.set_type(mime_type);
    Blob::new_with_blob_sequence_and_options(parts, &options).map_err(|_| Error::NoBlob)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::full_entry;
    use crate::thread::tests::thread;

    /// A reason is English where it is shown as text (the tests read it so),
    /// and in the gallery in the language in use, a ZIP's own reasons too.
    #[test]
    fn reasons_are_said_in_both_languages() {
        let missing = Error::Missing("images/0001.png".into());
        assert_eq!(missing.to_string(), "images/0001.png is listed in gallery.json but not in the ZIP");
        assert_eq!(
            missing.say(Language::Chinese.words()),
            "gallery.json 中列出了 images/0001.png，但 ZIP 里没有这个文件"
        );
        let encrypted = Error::from(zip::Error::Encrypted("a.png".into()));
        assert_eq!(encrypted.to_string(), "a.png is encrypted, which is not read");
        assert_eq!(encrypted.say(Language::Chinese.words()), "a.png 已加密，无法读取");
        let damaged = Error::MetadataDamaged("`format` is missing".into());
        assert_eq!(damaged.say(Language::Chinese.words()), "gallery.json 已损坏（`format` is missing）");
    }

    #[test]
    fn gallery_json_reads_back_as_it_was_written() {
        let metadata = Metadata {
            format: FORMAT.into(),
            images: vec![
                Item { file: "0001-a-lighthouse.webp".into(), entry: Entry { id: None, ..full_entry() } },
                Item { file: "0002.png".into(), entry: Entry { id: None, tokens: None, edit: false, ..full_entry() } },
            ],
            threads: vec![thread()],
            thread_files: vec![FileItem { key: "tabc/2/0".into(), file: "threads/0001.png".into() }],
        };
        let text = String::from_utf8(serde_json::to_vec_pretty(&metadata).unwrap()).unwrap();
        let read = Metadata::from_json_text::<serde_json::Value>(&text).unwrap();
        assert_eq!(read.format, metadata.format);
        let pairs = |metadata: &Metadata| -> Vec<(String, Entry)> {
            metadata.images.iter().map(|item| (item.file.clone(), item.entry.clone())).collect()
        };
        assert_eq!(pairs(&read), pairs(&metadata));
        assert_eq!((read.threads, read.thread_files), (metadata.threads, metadata.thread_files));
        let broken = text.replace("\"file\": \"0002.png\"", "\"file\": 2");
        assert!(
            Metadata::from_json_text::<serde_json::Value>(&broken)
                .is_err_and(|error| error == "`images[1]` of gallery.json: `file` of an image is not a string")
        );
    }
}
