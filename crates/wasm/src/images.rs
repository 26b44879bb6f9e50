//! The Rust face of `client.images`: generate and edit, as JSON, as
//! `Blob`s or as a stream of events.

use gpt_image_core::{EditRequest, GenerateRequest, ImageInput, ImagesResponse};
use wasm_bindgen::JsValue;
use web_sys::FormData;

use crate::Error;
use crate::blobs::{BlobsResponse, ImageBlob, read_blobs};
use crate::client::{Client, Payload};
use crate::events::EventStream;
use crate::options::CallOptions;
use crate::upload::Upload;

pub(crate) const GENERATIONS: &str = "/images/generations";
pub(crate) const EDITS: &str = "/images/edits";

/// An edit ready to send: the request, and the files of its uploads.
#[derive(Debug, Clone)]
pub struct Edit {
    /// The request; its `images` and `mask` describe `uploads` and `mask_upload`.
    pub request: EditRequest,
    uploads: Vec<Upload>,
    mask_upload: Option<Upload>,
}

impl Edit {
    /// An edit of uploaded files (sent as `multipart/form-data`): the
    /// request's `images` and `mask` are set from `images` and `mask`.
    pub fn with_uploads(mut request: EditRequest, images: Vec<Upload>, mask: Option<Upload>) -> Self {
        request.images = images.iter().map(|upload| ImageInput::Upload(upload.file.clone())).collect();
        request.mask = mask.as_ref().map(|upload| ImageInput::Upload(upload.file.clone()));
        Edit { request, uploads: images, mask_upload: mask }
    }

    /// An edit of images given by URL or file id (sent as JSON).
    pub fn with_references(request: EditRequest) -> Self {
        Edit { request, uploads: Vec::new(), mask_upload: None }
    }

    /// The body: multipart with the text `fields` and the files, or JSON of `fields`.
    pub(crate) fn payload(&self, fields: &JsValue) -> Result<Payload, Error> {
        if !self.request.is_multipart() {
            return json_payload(fields);
        }
        let form = FormData::new().map_err(|_| Error::Connection("FormData is missing".into()))?;
        let entries = js_sys::Object::entries(&fields.clone().into());
        for entry in entries.iter() {
            let entry: js_sys::Array = entry.into();
            let (name, value) = (entry.get(0).as_string().unwrap_or_default(), entry.get(1));
            if matches!(name.as_str(), "image" | "images" | "mask") || value.is_null() || value.is_undefined() {
                continue;
            }
            let text = match value.as_string() {
                Some(text) => text,
                None => js_sys::JSON::stringify(&value).map(String::from).unwrap_or_default(),
            };
            let _ = form.append_with_str(&name, &text);
        }
        let image_field = self.request.image_field_name();
        let files = self
            .uploads
            .iter()
            .map(|upload| (image_field, upload))
            .chain(self.mask_upload.iter().map(|upload| ("mask", upload)));
        for (field, upload) in files {
            let _ = form.append_with_blob_and_filename(field, &upload.blob, &upload.file.filename);
        }
        Ok(Payload::Form(form))
    }
}

/// A JSON body of a JavaScript value.
pub(crate) fn json_payload(value: &JsValue) -> Result<Payload, Error> {
    js_sys::JSON::stringify(value)
        .map(|text| Payload::Json(text.into()))
        .map_err(|_| Error::Connection("the request could not be written as JSON".into()))
}

/// A request as the JavaScript object it is sent as.
pub(crate) fn to_js<T: serde::Serialize>(request: &T) -> Result<JsValue, Error> {
    request
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| Error::Connection(format!("the request could not be written: {error}")))
}

/// Checks a request; its errors stop it before the network.
fn checked(report: gpt_image_core::Report) -> Result<(), Error> {
    report.into_result().map(drop).map_err(Error::Validation)
}

impl Client {
    /// `POST /images/generations`, answered as JSON.
    pub async fn generate(&self, request: &GenerateRequest, call: &CallOptions) -> Result<ImagesResponse, Error> {
        checked(request.validate())?;
        let body = self.send(GENERATIONS, &json_payload(&to_js(request)?)?, call).await?.json().await?;
        from_js(&body)
    }

    /// `POST /images/generations`, answered as `Blob`s: `on_image` gets each
    /// image as soon as its bytes have arrived.
    pub async fn generate_blobs(
        &self,
        request: &GenerateRequest,
        call: &CallOptions,
        mut on_image: impl FnMut(&ImageBlob),
    ) -> Result<BlobsResponse, Error> {
        checked(request.validate())?;
        let answer = self.send(GENERATIONS, &json_payload(&to_js(request)?)?, call).await?;
        read_blobs(answer, &mut on_image).await
    }

    /// `POST /images/generations` with `stream: true`: partial images, then the final one.
    pub async fn generate_stream(&self, request: &GenerateRequest, call: &CallOptions) -> Result<EventStream, Error> {
        let request = GenerateRequest { stream: Some(true), ..request.clone() };
        checked(request.validate())?;
        EventStream::new(self.send(GENERATIONS, &json_payload(&to_js(&request)?)?, call).await?)
    }

    /// `POST /images/edits`, answered as JSON.
    pub async fn edit(&self, edit: &Edit, call: &CallOptions) -> Result<ImagesResponse, Error> {
        checked(edit.request.validate())?;
        let body = self.send(EDITS, &edit.payload(&edit_fields(&edit.request)?)?, call).await?.json().await?;
        from_js(&body)
    }

    /// `POST /images/edits`, answered as `Blob`s; see [`Client::generate_blobs`].
    pub async fn edit_blobs(
        &self,
        edit: &Edit,
        call: &CallOptions,
        mut on_image: impl FnMut(&ImageBlob),
    ) -> Result<BlobsResponse, Error> {
        checked(edit.request.validate())?;
        let answer = self.send(EDITS, &edit.payload(&edit_fields(&edit.request)?)?, call).await?;
        read_blobs(answer, &mut on_image).await
    }

    /// `POST /images/edits` with `stream: true`.
    pub async fn edit_stream(&self, edit: &Edit, call: &CallOptions) -> Result<EventStream, Error> {
        let mut edit = edit.clone();
        edit.request.stream = Some(true);
        checked(edit.request.validate())?;
        EventStream::new(self.send(EDITS, &edit.payload(&edit_fields(&edit.request)?)?, call).await?)
    }
}

/// The fields of an edit as a JavaScript object; uploads are left out
/// (they travel as files).
fn edit_fields(request: &EditRequest) -> Result<JsValue, Error> {
    if request.is_multipart() {
        to_js(&EditRequest { images: Vec::new(), mask: None, ..request.clone() })
    } else {
        to_js(request)
    }
}

/// An images response from its JSON.
fn from_js(body: &JsValue) -> Result<ImagesResponse, Error> {
    serde_wasm_bindgen::from_value(body.clone())
        .map_err(|error| Error::BadResponse { status: 200, message: format!("not an images response: {error}") })
}
