//! Answers real providers send that our own server does not, unless asked:
//! base URLs that would send the key astray, links a page cannot
//! read, errors inside 2xx answers, streams cut short, byte order marks,
//! error bodies in other shapes. Each on every path that can meet it.

use gpt_image_wasm::core::{EditRequest, GenerateRequest, ImageFormat, ResponseFormat, Rule, Severity, sniff_format};
use gpt_image_wasm::{BlobsResponse, CallOptions, Client, ClientOptions, Edit, Error, ImageBlob, Upload};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{blob_bytes, blob_of, client, fault, server, small, unbase64};

#[wasm_bindgen(inline_js = r#"
export function record_fetches() {
  const seen = [];
  const original = globalThis.fetch;
  globalThis.fetch = function (request, init) {
    const headers = request instanceof Request ? request.headers : new Headers(init?.headers);
    seen.push(`${request.method ?? init?.method ?? 'GET'} ${request.url ?? request} ${headers.get('authorization') ?? '-'}`);
    return original.call(this, request, init);
  };
  return { seen: () => seen.slice(), stop: () => { globalThis.fetch = original; } };
}
"#)]
extern "C" {
    /// Wraps the page's `fetch`, noting `METHOD URL AUTHORIZATION` of each request.
    type Recorder;
    fn record_fetches() -> Recorder;
    #[wasm_bindgen(method)]
    fn seen(this: &Recorder) -> Vec<String>;
    #[wasm_bindgen(method)]
    fn stop(this: &Recorder);
}

/// An edit of one small PNG made by the server. Small: some faults answer
/// before the server has read the upload, and a large one would then be cut
/// off (a connection error) before the answer is read.
async fn an_edit(prompt: &str) -> Edit {
    let input = GenerateRequest {
        model: Some("dall-e-2".into()),
        size: Some(gpt_image_wasm::core::Size::pixels(256, 256)),
        response_format: Some(ResponseFormat::B64Json),
        ..GenerateRequest::new("an input")
    };
    let made = client().generate_blobs(&input, &CallOptions::default(), |_| {}).await.unwrap();
    let bytes = blob_bytes(&made.data[0].blob).await;
    let upload = Upload::from_blob(&blob_of(&bytes, "image/png"), Some("in.png"), "image", "image").await.unwrap();
    let request = EditRequest { model: small("").model, size: small("").size, ..EditRequest::new(prompt, Vec::new()) };
    Edit::with_uploads(request, vec![upload], None, None)
}

/// The error of each path (JSON and `Blob`s, generate and edit) under `fault_name`.
async fn on_every_path(fault_name: &str) -> Vec<(&'static str, Error)> {
    let client = client();
    let options = fault(fault_name, 0);
    let edit = an_edit(fault_name).await;
    vec![
        ("generate", client.generate(&small(fault_name), &options).await.expect_err("generate")),
        ("generate_blobs", client.generate_blobs(&small(fault_name), &options, |_| {}).await.expect_err("blobs")),
        ("edit", client.edit(&edit, &options).await.expect_err("edit")),
        ("edit_blobs", client.edit_blobs(&edit, &options, |_| {}).await.expect_err("edit_blobs")),
    ]
}

#[wasm_bindgen_test]
async fn a_base_url_without_its_scheme_is_refused_before_any_key_is_sent() {
    for base_url in ["api.openai.com", "api.openai.com/v1", "/v1", "localhost:8787/v1", "https://"] {
        let options = ClientOptions::new(base_url, Some("sk-secret".into()));
        let refused = Client::try_new(options.clone()).expect_err(base_url);
        let Error::Validation(report) = &refused else { panic!("{base_url}: {refused:?}") };
        assert_eq!(report.issues[0].field, "baseURL", "{base_url}");
        assert!(report.issues[0].message.contains(&format!("not \"{base_url}\"")), "{}", report.issues[0].message);
        // A client made anyway refuses every call, before the network.
        let recorder = record_fetches();
        let client = Client::new(options);
        let error = client.generate(&small("astray"), &CallOptions::default()).await.expect_err(base_url);
        let blobs = client.generate_blobs(&small("astray"), &CallOptions::default(), |_| {}).await;
        let stream = client.generate_stream(&small("astray"), &CallOptions::default()).await.err();
        let seen = recorder.seen();
        recorder.stop();
        assert!(seen.is_empty(), "{base_url}: {seen:?}");
        assert!(matches!(&error, Error::Validation(report) if report.issues[0].field == "baseURL"), "{error:?}");
        assert!(matches!(blobs, Err(Error::Validation(_))) && matches!(stream, Some(Error::Validation(_))));
        assert!(client.last_response().is_none());
    }
}

#[wasm_bindgen_test]
async fn a_key_over_plain_http_is_a_warning_off_this_machine_only() {
    let report = ClientOptions::new("http://192.168.1.20:8787/v1", Some("sk-secret".into())).report();
    assert_eq!(report.issues.len(), 1);
    assert_eq!((report.issues[0].field.as_str(), report.issues[0].severity), ("baseURL", Severity::Warning));
    assert_eq!(report.issues[0].rule, Rule::Conflict);
    assert!(ClientOptions::new(format!("{}/v1", server()), Some("sk".into())).report().issues.is_empty());
}

#[wasm_bindgen_test]
async fn the_key_goes_to_the_api_and_never_to_an_image_link() {
    let client = Client::new(ClientOptions::new(format!("{}/v1", server()), Some("sk-secret".into())));
    let request = GenerateRequest { response_format: Some(ResponseFormat::Url), ..small("linked") };
    let recorder = record_fetches();
    let response = client.generate_blobs(&request, &CallOptions::default(), |_| {}).await;
    let seen = recorder.seen();
    recorder.stop();
    assert!(response.unwrap().data[0].is_fetched());
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen[0].starts_with("POST ") && seen[0].ends_with(" Bearer sk-secret"), "{seen:?}");
    assert!(
        seen[1].starts_with("GET ") && seen[1].contains("/v1/images/files/") && seen[1].ends_with(" -"),
        "{seen:?}"
    );
}

/// Checks a `Blob` answer whose links could not be fetched: every image is there, as its link and the reason.
fn all_kept_as_links(response: &BlobsResponse, told: &[ImageBlob], count: usize) {
    assert_eq!(response.data.len(), count);
    assert_eq!(told.len(), count, "on_image is told of each");
    for (index, image) in response.data.iter().enumerate() {
        assert_eq!(image.index, index);
        assert!(!image.is_fetched());
        let error = image.error.as_ref().unwrap();
        assert!(error.message.contains(&format!("data[{index}].url")) && error.message.contains("CORS"), "{error}");
        assert_eq!(error.status, None);
        assert!(image.url.as_deref().is_some_and(|url| url.starts_with("http://127.0.0.1:")), "{:?}", image.url);
        assert!(!image.url.as_deref().unwrap().starts_with(server()), "another host");
        assert_eq!((image.blob.size(), image.mime_type.as_str(), image.width), (0.0, "", None));
        assert!(image.revised_prompt.is_some(), "the revised prompt is kept");
    }
    assert!(response.usage.as_ref().is_some_and(|usage| usage.total_tokens > 0), "the usage is kept");
    assert!(response.created > 0);
}

#[wasm_bindgen_test]
async fn links_a_page_cannot_read_stay_in_the_answer_as_links() {
    let client = client();
    let request = GenerateRequest { n: Some(2), ..small("no cors") };
    let mut told = Vec::new();
    let response = client
        .generate_blobs(&request, &fault("links_without_cors", 0), |image| told.push(image.clone()))
        .await
        .expect("links that cannot be read do not fail the call");
    all_kept_as_links(&response, &told, 2);
    // The JSON path hands the links over as they are.
    let json = client.generate(&request, &fault("links_without_cors", 0)).await.unwrap();
    assert!(json.data.iter().all(|image| image.url.is_some() && image.b64_json.is_none()));

    let mut told = Vec::new();
    let edit = an_edit("no cors").await;
    let response = client
        .edit_blobs(&edit, &fault("links_without_cors", 0), |image| told.push(image.clone()))
        .await
        .expect("edits too");
    all_kept_as_links(&response, &told, 1);
}

#[wasm_bindgen_test]
async fn an_error_inside_a_200_answer_is_the_error_it_says_on_every_path() {
    for (path, error) in on_every_path("ok_with_error").await {
        assert_eq!(error.class_name(), "RateLimitError", "{path}");
        let Error::Api(failure) = &error else { panic!("{path}: {error:?}") };
        assert_eq!((failure.error.status, failure.http_status), (429, 200), "{path}");
        assert_eq!(failure.error.error.code.as_deref(), Some("insufficient_quota"), "{path}");
        assert!(failure.error.message().starts_with("You exceeded your current quota"), "{path}");
        assert!(failure.request_id.as_deref().is_some_and(|id| id.starts_with("req_")), "{path}");
        assert!(failure.body.contains("insufficient_quota"), "{path}: the body is kept");
        assert!(!error.is_retryable() && !error.was_retried(), "{path}: out of quota");
    }
}

#[wasm_bindgen_test]
async fn error_bodies_in_other_shapes_give_the_provider_s_words_on_every_path() {
    for (fault_name, class, status, message, param) in [
        (
            "error_string",
            "BadRequestError",
            400,
            "The prompt is too long for this provider (an error given as a plain string).",
            None,
        ),
        ("message_only", "AuthenticationError", 401, "Invalid authentication credentials", None),
        ("detail_string", "PermissionDeniedError", 403, "Not authenticated", None),
        (
            "detail_list",
            "UnprocessableEntityError",
            422,
            "prompt: Field required; n: Input should be less than or equal to 10",
            Some("prompt"),
        ),
    ] {
        for (path, error) in on_every_path(fault_name).await {
            assert_eq!(error.class_name(), class, "{fault_name} {path}");
            let Error::Api(failure) = &error else { panic!("{fault_name} {path}: {error:?}") };
            assert_eq!(failure.error.status, status, "{fault_name} {path}");
            assert!(failure.error.is_json, "{fault_name} {path}");
            assert_eq!(failure.error.message(), message, "{fault_name} {path}");
            assert_eq!(error.to_string(), format!("{status} {message}"), "{fault_name} {path}");
            assert_eq!(failure.error.error.param.as_deref(), param, "{fault_name} {path}");
            let raw: serde_json::Value = serde_json::from_str(&failure.body).expect("the raw body is kept");
            assert!(raw.is_object(), "{fault_name} {path}");
            assert!(!error.is_retryable(), "{fault_name} {path}");
        }
    }
}

#[wasm_bindgen_test]
async fn a_byte_order_mark_is_skipped_on_every_path() {
    let client = client();
    let options = fault("bom", 0);
    let request = GenerateRequest { n: Some(2), ..small("marked") };
    let json = client.generate(&request, &options).await.expect("generate");
    let blobs = client.generate_blobs(&request, &options, |_| {}).await.expect("generate_blobs");
    assert_eq!(blobs.data.len(), 2);
    for (image, blob) in json.data.iter().zip(&blobs.data) {
        assert_eq!(blob_bytes(&blob.blob).await, unbase64(image.b64_json.as_deref().unwrap()));
    }
    assert_eq!(blobs.usage, json.usage);
    let edit = an_edit("marked").await;
    assert_eq!(client.edit(&edit, &options).await.expect("edit").data.len(), 1);
    assert_eq!(client.edit_blobs(&edit, &options, |_| {}).await.expect("edit_blobs").data.len(), 1);
    let streamed = GenerateRequest { partial_images: Some(1), ..small("marked stream") };
    let mut stream = client.generate_stream(&streamed, &options).await.unwrap();
    let mut types = Vec::new();
    while let Some(event) = stream.next().await.expect("a stream after a BOM") {
        types.push(event.event_type());
        assert_eq!(sniff_format(&unbase64(event.b64_json().unwrap())), Some(ImageFormat::Png));
    }
    assert_eq!(types, ["image_generation.partial_image", "image_generation.completed"]);
}

#[wasm_bindgen_test]
async fn an_edit_stream_cut_short_ends_with_an_error_too() {
    let mut edit = an_edit("cut edit").await;
    edit.request.partial_images = Some(1);
    let mut stream = client().edit_stream(&edit, &fault("stream_no_completed", 0)).await.unwrap();
    let mut partials = 0;
    let error = loop {
        match stream.next().await {
            Ok(Some(event)) => {
                assert!(!event.is_completed());
                partials += 1;
            }
            Ok(None) => panic!("an edit stream without completed ended quietly"),
            Err(error) => break error,
        }
    };
    assert_eq!(partials, 1);
    let message = error.to_string();
    assert!(message.contains("image_edit.completed") && message.contains("1 partial image"), "{message}");
}

#[wasm_bindgen_test]
async fn what_to_do_about_each_failure_comes_from_one_table() {
    let client = client();
    let failure = |name: &'static str| {
        let client = client.clone();
        async move { client.generate(&small(name), &fault(name, 0)).await.expect_err(name) }
    };
    for (name, retryable) in [
        ("rate_limit", true),
        ("server_error", true),
        ("unavailable", true),
        ("request_timeout", true),
        ("reset", true),
        ("insufficient_quota", false),
        ("moderation", false),
        ("unauthorized", false),
        ("permission_denied", false),
        ("not_found", false),
        ("unprocessable", false),
        ("malformed", true),
    ] {
        let error = failure(name).await;
        assert_eq!(error.is_retryable(), retryable, "{name}: {error}");
        // Retried by the client itself, had max_retries allowed: the answers with an error status worth it.
        assert_eq!(error.was_retried(), retryable && name != "malformed", "{name}");
    }
    assert_eq!(failure("rate_limit").await.retry_after_ms(), Some(250.0));
    assert_eq!(failure("server_error").await.retry_after_ms(), None);
    let invalid = client.generate(&GenerateRequest::new(""), &CallOptions::default()).await.unwrap_err();
    assert!(!invalid.is_retryable() && !invalid.was_retried());
    assert!(Error::Aborted.is_retryable() && !Error::Aborted.was_retried(), "a cancelled run can be run again");
    for status in [400, 401, 403, 404, 409, 422, 429, 500, 503, 418, 200] {
        let class = gpt_image_wasm::status_class(status);
        assert!(class.ends_with("Error"), "{status}: {class}");
    }
}
