//! `POST /v1/images/edits`: multipart uploads (`image`, `image[]`, `mask`)
//! or JSON with `images: [{image_url}]` (data URLs).

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use gpt_image_core::{EditRequest, HEAD_LEN, ImageInput, ModelSpec, UploadedFile};

use crate::app::App;
use crate::connection::ConnectionControl;
use crate::error::{ApiFailure, internal, parse_json, unreadable_body};
use crate::faults::Tuning;
use crate::job::{Job, check_model};
use crate::retouch::Source;

/// The files of an edit, as bytes.
struct Inputs {
    images: Vec<Bytes>,
    mask: Option<Bytes>,
}

/// Checks the request, applies any fault, and answers with edited images.
pub async fn handle(
    State(app): State<Arc<App>>,
    connection: Option<Extension<ConnectionControl>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    // The whole body first, as a real provider reads it: a fault answered
    // before an upload has arrived would close the connection under the
    // client, which then sees a network error instead of the answer.
    let limit = app.config.body_limit;
    let body = Bytes::from_request(request, &())
        .await
        .map_err(|rejection| unreadable_body(rejection.status(), &rejection.body_text(), limit));
    let fault = match app.faults.decide(&headers) {
        Ok(fault) => fault,
        Err(failure) => return failure.into_response(),
    };
    let tuning = Tuning::from_headers(&headers);
    let connection = connection.map(|Extension(connection)| connection);
    crate::fault_responses::run(fault, tuning, connection, |end| async move {
        match prepare(&app, &headers, body).await {
            Ok(job) => crate::respond::answer(&app, job, &headers, end).await,
            Err(failure) => failure.into_response(),
        }
    })
    .await
}

async fn prepare(app: &App, headers: &HeaderMap, body: Result<Bytes, ApiFailure>) -> Result<Job, ApiFailure> {
    let body = body?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    let (edit, spec, inputs) = if content_type.starts_with("multipart/form-data") {
        let mut request = Request::new(axum::body::Body::from(body));
        *request.headers_mut() = headers.clone();
        read_form(request, app.config.body_limit).await?
    } else {
        read_json(&body)?
    };
    let first = inputs
        .images
        .first()
        .cloned()
        .ok_or_else(|| ApiFailure::invalid("add an image to edit", Some("image"), "invalid_value"))?;
    let mask = inputs.mask.clone();
    let decoded = tokio::task::spawn_blocking(move || {
        let image = crate::encode::decode(&first).map_err(|error| format!("image: {error}"))?;
        let mask =
            mask.map(|mask| crate::encode::decode(&mask)).transpose().map_err(|error| format!("mask: {error}"))?;
        Ok::<_, String>((image, mask))
    })
    .await
    .map_err(|error| internal(error.to_string()))?;
    let (image, mask) = decoded.map_err(|error| {
        let field = if error.starts_with("mask") { "mask" } else { "image" };
        ApiFailure::invalid(
            format!("The {field} could not be decoded as PNG, JPEG or WebP: {error}"),
            Some(field),
            "invalid_image",
        )
    })?;
    let mut job = Job::edit(&edit, spec, image.dimensions());
    job.input_sizes = inputs.images.iter().filter_map(|bytes| gpt_image_core::dimensions(head(bytes))).collect();
    let (width, height) = (job.width, job.height);
    let source = tokio::task::spawn_blocking(move || Source {
        image: crate::retouch::fit(image, width, height),
        mask: mask.map(|mask| crate::retouch::mask_alpha(&mask, width, height)),
    })
    .await
    .map_err(|error| internal(error.to_string()))?;
    job.source = Some(Arc::new(source));
    Ok(job)
}

/// The first bytes of a file, as many as core needs to find its format and size.
fn head(bytes: &[u8]) -> &[u8] {
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

/// A request, its model's catalogue entry and its files.
type Read = (EditRequest, &'static ModelSpec, Inputs);

/// The multipart form: text fields, `image` / `image[]` files and `mask`.
async fn read_form(request: Request, limit: usize) -> Result<Read, ApiFailure> {
    let mut form = Multipart::from_request(request, &())
        .await
        .map_err(|rejection| unreadable_body(rejection.status(), &rejection.body_text(), limit))?;
    let mut fields = Vec::new();
    let (mut images, mut uploads, mut mask) = (Vec::new(), Vec::new(), None);
    while let Some(field) =
        form.next_field().await.map_err(|error| unreadable_body(error.status(), &error.body_text(), limit))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().unwrap_or(&name).to_owned();
        let is_image = name == "image" || name.starts_with("image[");
        if is_image || name == "mask" {
            let bytes =
                field.bytes().await.map_err(|error| unreadable_body(error.status(), &error.body_text(), limit))?;
            let file = UploadedFile::describe(filename, bytes.len() as u64, head(&bytes));
            if is_image {
                uploads.push(file);
                images.push(bytes);
            } else {
                mask = Some((file, bytes));
            }
        } else {
            let text =
                field.text().await.map_err(|error| unreadable_body(error.status(), &error.body_text(), limit))?;
            fields.push((name, text));
        }
    }
    let (mask_file, mask_bytes) = mask.unzip();
    let request = EditRequest::from_form(fields, uploads, mask_file).map_err(|issue| ApiFailure::from_issue(&issue))?;
    let spec = check(&request, true)?;
    Ok((request, spec, Inputs { images, mask: mask_bytes }))
}

/// The JSON form: `images: [{image_url}]`, data URLs only (this server fetches nothing).
fn read_json(body: &[u8]) -> Result<Read, ApiFailure> {
    let request: EditRequest = parse_json(body)?;
    let spec = check(&request, false)?;
    let images = request
        .images
        .iter()
        .enumerate()
        .map(|(index, input)| fetch(input, &format!("images[{index}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let mask = request.mask.as_ref().map(|input| fetch(input, "mask")).transpose()?;
    Ok((request, spec, Inputs { images, mask }))
}

/// The bytes of a `data:` URL; other references cannot be fetched here.
fn fetch(input: &ImageInput, field: &str) -> Result<Bytes, ApiFailure> {
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
