//! Answers a resolved job: latency, rendering off the async threads, and the
//! `ImagesResponse` with inline images or links.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use gpt_image_core::{Image, ImageFormat, ImagesResponse, ResponseFormat};
use serde_json::{Value, json};

use super::job::Job;
use super::state::Emulator;
use super::stream::StreamEnd;

/// The request header that overrides the simulated latency, in milliseconds.
pub const LATENCY_HEADER: &str = "x-latency-ms";

/// The longest latency a request may ask for.
const MAX_LATENCY: Duration = Duration::from_secs(600);

/// Answers `job`: a JSON body, or a stream of events when it asks for one.
pub async fn answer(emulator: &Emulator, job: Job, headers: &HeaderMap, end: StreamEnd) -> Response {
    let delay = latency(emulator, &job, headers);
    let job = Arc::new(job);
    if job.stream {
        return super::stream::respond(job, delay, end);
    }
    tokio::time::sleep(delay).await;
    let renders = (0..job.n).map(|index| super::render::render_file(job.clone(), index));
    let files = match futures_util::future::try_join_all(renders).await {
        Ok(files) => files,
        Err(failure) => return failure.into_response(),
    };
    let base = base_url(emulator, headers);
    let svg_usage = (job.encoding.format == ImageFormat::Svg).then(|| svg_usage(&job, &files));
    let data = files
        .into_iter()
        .map(|bytes| {
            let mut image = Image { revised_prompt: Some(job.prompt.clone()), ..Image::default() };
            if job.response_format == ResponseFormat::Url {
                let id = emulator.links.insert(bytes, job.encoding.format.mime_type());
                image.url = Some(format!("{base}/v1/images/files/{id}.{}", job.encoding.format.extension()));
            } else {
                image.b64_json = Some(super::encode::base64(&bytes));
            }
            image
        })
        .collect();
    let gpt = job.is_gpt_image();
    let response = ImagesResponse {
        created: crate::ids::unix_now(),
        data,
        background: gpt.then(|| job.background.clone()),
        output_format: Some(job.encoding.format.clone()),
        size: gpt.then(|| job.size()),
        quality: gpt.then(|| job.quality.clone()),
        usage: Some(job.usage()),
    };
    let mut body = serde_json::to_value(response).unwrap_or_default();
    if let (Some(svg_usage), Value::Object(body)) = (svg_usage, &mut body) {
        body.insert("svg_usage".into(), svg_usage);
    }
    axum::Json(body).into_response()
}

/// What the text model that wrote the SVGs used, as an SDK reports it
/// (`svg_usage`): the prompt and the reference picture in, the documents out.
fn svg_usage(job: &Job, files: &[Bytes]) -> Value {
    let prompt = crate::usage::text_tokens(&job.prompt);
    let picture = crate::usage::image_input_tokens(job.width, job.height);
    let input = (prompt + picture) * files.len() as u64;
    let output: u64 = files.iter().map(|file| crate::usage::text_tokens(&String::from_utf8_lossy(file))).sum();
    json!({
        "model": job.svg_model,
        "input_tokens": input,
        "output_tokens": output,
        "total_tokens": input + output,
        "input_tokens_details": {"text_tokens": prompt * files.len() as u64, "image_tokens": picture * files.len() as u64},
    })
}

/// The simulated generation time: `x-latency-ms`, else the configured time
/// for the quality, in the share the job's complexity takes.
pub fn latency(emulator: &Emulator, job: &Job, headers: &HeaderMap) -> Duration {
    let configured = || emulator.latency.for_quality(&job.quality) * job.latency_percent() / 100;
    asked_latency(headers).unwrap_or_else(configured).min(MAX_LATENCY)
}

/// The latency a request asks for with `x-latency-ms`, at most [`MAX_LATENCY`].
pub fn asked_latency(headers: &HeaderMap) -> Option<Duration> {
    let asked = headers.get(LATENCY_HEADER).and_then(|value| value.to_str().ok()?.trim().parse::<u64>().ok());
    asked.map(|millis| Duration::from_millis(millis).min(MAX_LATENCY))
}

/// `http://HOST` of the request, for links back to this server.
fn base_url(emulator: &Emulator, headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|value| value.to_str().ok()).map(str::to_owned);
    let scheme = headers.get("x-forwarded-proto").and_then(|value| value.to_str().ok()).unwrap_or("http");
    let scheme = if scheme == "https" { "https" } else { "http" };
    format!("{scheme}://{}", host.unwrap_or_else(|| emulator.local_addr.to_string()))
}
