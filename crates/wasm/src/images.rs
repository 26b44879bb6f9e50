//! The Rust face of `client.images`: generate and edit, as JSON, as
//! `Blob`s or as a stream of events.

use gpt_image_core::{EditRequest, Endpoint, GenerateRequest, ImageInput, ImagesResponse};
use web_sys::FormData;

use crate::Error;
use crate::blobs::{BlobsResponse, ImageBlob, read_blobs};
use crate::client::{Client, Payload};
use crate::events::{EventStream, Source};
use crate::options::CallOptions;
use crate::upload::Upload;

/// An edit ready to send: the request, and the files of its uploads.
#[derive(Debug, Clone)]
pub struct Edit {
    /// The request; its `images`, `mask` and `markup` describe the uploads.
    pub request: EditRequest,
    uploads: Vec<Upload>,
    mask_upload: Option<Upload>,
    markup_upload: Option<Upload>,
}

impl Edit {
    /// An edit of uploaded files (sent as `multipart/form-data`): the
    /// request's `images`, `mask` and `markup` (GPT Image 2.6: a transparent
    /// PNG of marks the prompt explains, the first image's size) are set
    /// from the uploads of the same names. Every other field of `request`,
    /// `extra` included, goes as a text field.
    pub fn with_uploads(
        mut request: EditRequest,
        images: Vec<Upload>,
        mask: Option<Upload>,
        markup: Option<Upload>,
    ) -> Self {
        let input = |upload: &Upload| ImageInput::Upload(upload.file.clone());
        request.images = images.iter().map(input).collect();
        request.mask = mask.as_ref().map(input);
        request.markup = markup.as_ref().map(input);
        Edit { request, uploads: images, mask_upload: mask, markup_upload: markup }
    }

    /// An edit of images given by URL or file id (sent as JSON), `mask` and
    /// `markup` too.
    pub fn with_references(request: EditRequest) -> Self {
        Edit { request, uploads: Vec::new(), mask_upload: None, markup_upload: None }
    }

    /// A multipart body: the text `fields`, then the files.
    pub(crate) fn form(&self, fields: Vec<(String, String)>) -> Result<Payload, Error> {
        let form = FormData::new().map_err(|_| Error::Connection("FormData is missing".into()))?;
        for (name, text) in fields {
            let _ = form.append_with_str(&name, &text);
        }
        let image_field = self.request.image_field_name();
        let files = self
            .uploads
            .iter()
            .map(|upload| (image_field, upload))
            .chain(self.mask_upload.iter().map(|upload| ("mask", upload)))
            .chain(self.markup_upload.iter().map(|upload| ("markup", upload)));
        for (field, upload) in files {
            let _ = form.append_with_blob_and_filename(field, &upload.blob, &upload.file.filename);
        }
        Ok(Payload::Form(form))
    }
}

/// A JSON body of a request. Writing to a `String` fails only for maps with
/// keys that are not text, which no request has; serde_json's message is not
/// formatted, which keeps its error texts out of the wasm.
fn json_of<T: serde::Serialize>(request: &T) -> Result<Payload, Error> {
    serde_json::to_string(request)
        .map(Payload::Json)
        .map_err(|_| Error::Connection("the request could not be written as JSON".into()))
}

/// The body of an edit: multipart for uploads, else JSON.
fn edit_payload(edit: &Edit) -> Result<Payload, Error> {
    if edit.request.is_multipart() { edit.form(edit.request.form_fields()) } else { json_of(&edit.request) }
}

/// Checks a request; its errors stop it before the network.
fn checked(report: gpt_image_core::Report) -> Result<(), Error> {
    report.into_result().map(drop).map_err(Error::Validation)
}

impl Client {
    /// `POST /images/generations`, answered as JSON.
    pub async fn generate(&self, request: &GenerateRequest, call: &CallOptions) -> Result<ImagesResponse, Error> {
        checked(request.validate_with(&self.validation(call)))?;
        self.send(Endpoint::Generate.path(), &json_of(request)?, call).await?.images().await
    }

    /// `POST /images/generations`, answered as `Blob`s: `on_image` gets each
    /// image as soon as its bytes have arrived.
    pub async fn generate_blobs(
        &self,
        request: &GenerateRequest,
        call: &CallOptions,
        mut on_image: impl FnMut(&ImageBlob),
    ) -> Result<BlobsResponse, Error> {
        checked(request.validate_with(&self.validation(call)))?;
        let answer = self.send(Endpoint::Generate.path(), &json_of(request)?, call).await?;
        BlobsResponse::read(read_blobs(answer, &mut on_image).await?)
    }

    /// `POST /images/generations` with `stream: true`: partial images, then the final one.
    pub async fn generate_stream(&self, request: &GenerateRequest, call: &CallOptions) -> Result<EventStream, Error> {
        let request = GenerateRequest { stream: Some(true), ..request.clone() };
        checked(request.validate_with(&self.validation(call)))?;
        EventStream::new(
            self.send(Endpoint::Generate.path(), &json_of(&request)?, call).await?,
            Source::Images(Endpoint::Generate),
        )
    }

    /// `POST /images/edits`, answered as JSON.
    pub async fn edit(&self, edit: &Edit, call: &CallOptions) -> Result<ImagesResponse, Error> {
        checked(edit.request.validate_with(&self.validation(call)))?;
        self.send(Endpoint::Edit.path(), &edit_payload(edit)?, call).await?.images().await
    }

    /// `POST /images/edits`, answered as `Blob`s; see [`Client::generate_blobs`].
    pub async fn edit_blobs(
        &self,
        edit: &Edit,
        call: &CallOptions,
        mut on_image: impl FnMut(&ImageBlob),
    ) -> Result<BlobsResponse, Error> {
        checked(edit.request.validate_with(&self.validation(call)))?;
        let answer = self.send(Endpoint::Edit.path(), &edit_payload(edit)?, call).await?;
        BlobsResponse::read(read_blobs(answer, &mut on_image).await?)
    }

    /// `POST /images/edits` with `stream: true`.
    pub async fn edit_stream(&self, edit: &Edit, call: &CallOptions) -> Result<EventStream, Error> {
        let mut edit = edit.clone();
        edit.request.stream = Some(true);
        checked(edit.request.validate_with(&self.validation(call)))?;
        EventStream::new(
            self.send(Endpoint::Edit.path(), &edit_payload(&edit)?, call).await?,
            Source::Images(Endpoint::Edit),
        )
    }
}
