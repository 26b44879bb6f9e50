//! `POST /v1/images/edits`: multipart uploads (`image`, `image[]`, `mask`,
//! `markup`) or JSON with `images: [{image_url}]`, `mask` and `markup` (data URLs).

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use gpt_image_core::{EditRequest, HEAD_LEN, ImageFormat, ImageInput, ModelSpec};
use image::RgbaImage;

use super::job::{Job, check_model};
use super::retouch::Source;
use super::state::Emulator;
use super::stream::StreamEnd;
use crate::error::{ApiFailure, internal, read_json_body, unreadable_body};

/// The files of an edit, as bytes.
struct Inputs {
    images: Vec<Bytes>,
    mask: Option<Bytes>,
    markup: Option<Bytes>,
}

/// Checks the request and answers with edited images, ending a stream as
/// the fault layer asks.
pub async fn handle(
    State(emulator): State<Arc<Emulator>>,
    end: Option<Extension<StreamEnd>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let end = end.map(|Extension(end)| end).unwrap_or_default();
    let limit = emulator.body_limit;
    let body = Bytes::from_request(request, &())
        .await
        .map_err(|rejection| unreadable_body(rejection.status(), &rejection.body_text(), limit));
    match prepare(&headers, body).await {
        Ok(job) => super::respond::answer(&emulator, job, &headers, end).await,
        Err(failure) => failure.into_response(),
    }
}

async fn prepare(headers: &HeaderMap, body: Result<Bytes, ApiFailure>) -> Result<Job, ApiFailure> {
    let body = body?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    let multipart = content_type.starts_with("multipart/form-data");
    let (edit, uploaded) = if multipart {
        let form = crate::form::read(content_type, body).await?;
        (form.request, Some(Inputs { images: form.images, mask: form.mask, markup: form.markup }))
    } else {
        (read_json_body(&body, EditRequest::read_json::<serde_json::Value>)?, None)
    };
    let spec = check(&edit, multipart)?;
    let inputs = match uploaded {
        Some(inputs) => inputs,
        None => fetch_all(&edit)?,
    };
    let first = inputs
        .images
        .first()
        .cloned()
        .ok_or_else(|| ApiFailure::invalid("add an image to edit", Some("image"), "invalid_value"))?;
    let (mask, markup) = (inputs.mask.clone(), inputs.markup.clone());
    let (image, mask, markup) = tokio::task::spawn_blocking(move || {
        let image = decode("image", &first)?;
        let mask = mask.map(|mask| decode_drawn("mask", &mask, image.dimensions())).transpose()?;
        let markup = markup.map(|markup| decode_drawn("markup", &markup, image.dimensions())).transpose()?;
        Ok::<_, ApiFailure>((image, mask, markup))
    })
    .await
    .map_err(|error| internal(error.to_string()))??;
    let mut job = Job::edit(&edit, spec, image.dimensions());
    job.input_sizes = inputs.images.iter().filter_map(|bytes| gpt_image_core::dimensions(head(bytes))).collect();
    let (width, height) = (job.width, job.height);
    let source = tokio::task::spawn_blocking(move || Source {
        image: super::retouch::fit(image, width, height),
        mask: match (mask, markup) {
            (Some(mask), _) => Some(super::retouch::mask_alpha(&mask, width, height)),
            (None, Some(markup)) => Some(super::retouch::markup_region(&markup, width, height)),
            (None, None) => None,
        },
        tint: super::retouch::EDIT_TINT,
    })
    .await
    .map_err(|error| internal(error.to_string()))?;
    job.source = Some(Arc::new(source));
    Ok(job)
}

/// Decodes one file of an edit; a file that is not an image is a 400 naming `field`.
pub fn decode(field: &str, bytes: &[u8]) -> Result<RgbaImage, ApiFailure> {
    super::encode::decode(bytes).map_err(|error| {
        ApiFailure::invalid(
            format!("The {field} could not be decoded as PNG, JPEG or WebP: {error}"),
            Some(field),
            "invalid_image",
        )
    })
}

/// Decodes a mask or markup: a PNG the size of the first image (`first`),
/// which core checks for uploads and this checks for data URLs too.
pub fn decode_drawn(field: &str, bytes: &[u8], first: (u32, u32)) -> Result<RgbaImage, ApiFailure> {
    if let Some(format) = gpt_image_core::sniff_format(head(bytes)).filter(|format| *format != ImageFormat::Png) {
        return Err(ApiFailure::invalid(
            format!("The {field} is {format}: it must be a PNG"),
            Some(field),
            "invalid_image_format",
        ));
    }
    let drawn = decode(field, bytes)?;
    if drawn.dimensions() != first {
        let ((w, h), (fw, fh)) = (drawn.dimensions(), first);
        return Err(ApiFailure::invalid(
            format!("The {field} is {w}x{h} but the first image is {fw}x{fh}: they must be the same size"),
            Some(field),
            "invalid_image_dimensions",
        ));
    }
    Ok(drawn)
}

/// The first bytes of a file, as many as core needs to find its format and size.
pub fn head(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(HEAD_LEN)]
}

/// Checks a request's model and rules; returns the model's catalogue entry.
/// A form without any file is still a form: its missing images are `image`,
/// as the multipart field is named (core names them after the JSON field
/// when no upload is present).
fn check(request: &EditRequest, multipart: bool) -> Result<&'static ModelSpec, ApiFailure> {
    let spec = check_model(&request.effective_model())?;
    let report = request.validate();
    if !report.has_errors() {
        return Ok(spec);
    }
    let mut failure = ApiFailure::from_report(&report);
    if multipart && failure.error.param.as_deref() == Some("images") {
        failure.error.param = Some("image".into());
    }
    Err(failure)
}

/// The files of a JSON edit: data URLs only (this server fetches nothing).
fn fetch_all(request: &EditRequest) -> Result<Inputs, ApiFailure> {
    let images = request
        .images
        .iter()
        .enumerate()
        .map(|(index, input)| fetch(input, &format!("images[{index}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let mask = request.mask.as_ref().map(|input| fetch(input, "mask")).transpose()?;
    let markup = request.markup.as_ref().map(|input| fetch(input, "markup")).transpose()?;
    Ok(Inputs { images, mask, markup })
}

/// The bytes of a `data:` URL; other references cannot be fetched here.
pub fn fetch(input: &ImageInput, field: &str) -> Result<Bytes, ApiFailure> {
    let url = match input {
        ImageInput::Url(url) => url,
        ImageInput::FileId(_) => {
            return Err(ApiFailure::invalid(
                "file_id references need the Files API, which this server does not emulate: send a data: URL or upload the file",
                Some(field),
                "invalid_value",
            ));
        }
        ImageInput::Upload(_) => {
            return Err(ApiFailure::invalid("unexpected upload in a JSON body", Some(field), "invalid_value"));
        }
    };
    let Some(rest) = url.strip_prefix("data:") else {
        return Err(ApiFailure::invalid(
            format!(
                "{field}: this local server has no network access and cannot fetch image URLs; send a data: URL or a multipart upload, or start it with --upstream to relay to a provider"
            ),
            Some(field),
            "invalid_image_url",
        ));
    };
    let (meta, payload) = rest.split_once(',').unwrap_or((rest, ""));
    if !meta.ends_with(";base64") {
        return Err(ApiFailure::invalid(
            format!("{field}: data URLs must be base64-encoded"),
            Some(field),
            "invalid_image_url",
        ));
    }
    let cleaned: String = payload.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(cleaned).map(Bytes::from).map_err(|error| {
        ApiFailure::invalid(
            format!("{field}: the data URL is not valid base64: {error}"),
            Some(field),
            "invalid_image_url",
        )
    })
}
