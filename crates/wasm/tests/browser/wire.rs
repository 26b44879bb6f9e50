//! What reaches the wire: every field a request holds, those the parameter
//! list names and those in `extra`, on each path of the Rust API (generate
//! as JSON, as `Blob`s and as a stream; edits as multipart and as JSON, as
//! `Blob`s and as a stream). A spy on `fetch` keeps a copy of each request
//! as the browser sends it; the local server answers it for real.

use base64::Engine as _;
use gpt_image_wasm::core::{
    Background, Complexity, EditRequest, Extra, GenerateRequest, ImageInput, ImageStreamEvent, SvgOptions,
};
use gpt_image_wasm::{CallOptions, Edit, Upload};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{blob_bytes, blob_of, client, small};

#[wasm_bindgen(inline_js = r#"
export function spy_on_fetch() {
  const original = globalThis.fetch;
  const sent = [];
  globalThis.fetch = function (request, init) {
    if (request instanceof Request && request.method === 'POST') sent.push(request.clone());
    return original.call(this, request, init);
  };
  return async function stop() {
    globalThis.fetch = original;
    const bodies = [];
    for (const request of sent) {
      if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
        const fields = {};
        for (const [name, value] of await request.formData()) {
          fields[name] = typeof value === 'string' ? value : { file: value.name, type: value.type, size: value.size };
        }
        bodies.push(fields);
      } else {
        bodies.push(JSON.parse(await request.text()));
      }
    }
    return JSON.stringify(bodies);
  };
}
"#)]
extern "C" {
    /// Wraps the page's `fetch`; the function it returns puts it back and
    /// resolves to the JSON text of the POST bodies sent meanwhile: JSON
    /// bodies as sent, multipart forms as `{ name: text }` with each file as
    /// `{ file, type, size }`.
    fn spy_on_fetch() -> js_sys::Function;
}

/// The bodies of the POST requests `call` sends.
async fn sent_by<F: std::future::Future<Output = ()>>(call: F) -> Vec<Value> {
    let stop = spy_on_fetch();
    call.await;
    let text = JsFuture::from(js_sys::Promise::from(stop.call0(&JsValue::NULL).unwrap())).await.unwrap();
    serde_json::from_str(&text.as_string().unwrap()).unwrap()
}

/// What a caller may write that this package does not name, nested objects included.
fn provider_hint() -> Extra {
    let mut extra = Extra::new();
    extra.insert("x_provider_hint".into(), json!({"region": "eu", "tier": 2}));
    extra
}

fn svg_options() -> SvgOptions {
    SvgOptions(json!({"model": "gpt-5-mini", "reasoning": {"effort": "low"}}).as_object().unwrap().clone())
}

/// A GPT Image 2.6 generation with its new fields and one this package does not know.
fn generation() -> GenerateRequest {
    GenerateRequest {
        model: Some("gpt-image-2.6-flare".into()),
        complexity: Some(Complexity::Low),
        frame_count: Some(4),
        frame_duration_ms: Some(100),
        svg: Some(svg_options()),
        extra: provider_hint(),
        ..small("a lighthouse, on the wire")
    }
}

/// The JSON body of [`generation`], written out by hand.
fn generation_json(stream: bool) -> Value {
    let mut body = json!({
        "prompt": "a lighthouse, on the wire", "model": "gpt-image-2.6-flare", "size": "1024x640", "quality": "low",
        "complexity": "low", "frame_count": 4, "frame_duration_ms": 100,
        "svg": {"model": "gpt-5-mini", "reasoning": {"effort": "low"}},
        "x_provider_hint": {"region": "eu", "tier": 2},
    });
    if stream {
        body["stream"] = json!(true);
    }
    body
}

#[wasm_bindgen_test]
async fn a_generation_sends_every_field_as_json() {
    let sent = sent_by(async {
        let response = client().generate(&generation(), &CallOptions::default()).await.unwrap();
        assert_eq!(response.data.len(), 1);
    })
    .await;
    assert_eq!(sent, [generation_json(false)]);
}

#[wasm_bindgen_test]
async fn generate_blobs_sends_every_field() {
    let sent = sent_by(async {
        let response = client().generate_blobs(&generation(), &CallOptions::default(), |_| {}).await.unwrap();
        assert_eq!(response.data[0].mime_type, "image/png");
    })
    .await;
    assert_eq!(sent, [generation_json(false)]);
}

#[wasm_bindgen_test]
async fn a_streamed_generation_sends_every_field() {
    let sent = sent_by(async {
        let mut stream = client().generate_stream(&generation(), &CallOptions::default()).await.unwrap();
        let mut completed = 0;
        while let Some(event) = stream.next().await.unwrap() {
            completed += usize::from(matches!(event, ImageStreamEvent::GenerationCompleted(_)));
        }
        assert_eq!(completed, 1);
    })
    .await;
    assert_eq!(sent, [generation_json(true)]);
}

/// A PNG of 1024x640 made by the server; transparent for markup.
async fn png(prompt: &str, background: Option<Background>) -> Vec<u8> {
    let request = GenerateRequest { background, ..small(prompt) };
    let response = client().generate_blobs(&request, &CallOptions::default(), |_| {}).await.unwrap();
    blob_bytes(&response.data[0].blob).await
}

/// A GPT Image 2.6 edit with its new fields and one this package does not know.
fn edit_request() -> EditRequest {
    EditRequest {
        model: Some("gpt-image-2.6-flare".into()),
        size: small("").size,
        complexity: Some(Complexity::Medium),
        frame_count: Some(3),
        svg: Some(svg_options()),
        extra: provider_hint(),
        ..EditRequest::new("circle the door", Vec::new())
    }
}

/// The text fields of [`edit_request`]'s multipart form, written out by hand.
fn edit_fields() -> serde_json::Map<String, Value> {
    json!({
        "prompt": "circle the door", "model": "gpt-image-2.6-flare", "size": "1024x640", "complexity": "medium",
        "frame_count": "3", "svg": r#"{"model":"gpt-5-mini","reasoning":{"effort":"low"}}"#,
        "x_provider_hint": r#"{"region":"eu","tier":2}"#,
    })
    .as_object()
    .unwrap()
    .clone()
}

/// An edit of an uploaded image with uploaded markup of its size.
async fn multipart_edit() -> (Edit, usize, usize) {
    let (image, markup) = (png("a door", None).await, png("marks", Some(Background::Transparent)).await);
    let sizes = (image.len(), markup.len());
    let image = Upload::from_blob(&blob_of(&image, "image/png"), Some("door.png"), "image", "image").await.unwrap();
    let markup = Upload::from_blob(&blob_of(&markup, ""), None, "markup", "markup").await.unwrap();
    (Edit::with_uploads(edit_request(), vec![image], None, Some(markup)), sizes.0, sizes.1)
}

/// The multipart body of [`multipart_edit`], written out by hand.
fn multipart_body(image: usize, markup: usize, stream: bool) -> Value {
    let mut fields = edit_fields();
    fields.insert("image".into(), json!({"file": "door.png", "type": "image/png", "size": image}));
    fields.insert("markup".into(), json!({"file": "markup.png", "type": "image/png", "size": markup}));
    if stream {
        fields.insert("stream".into(), json!("true"));
    }
    Value::Object(fields)
}

#[wasm_bindgen_test]
async fn a_multipart_edit_sends_every_field_and_the_markup_file() {
    let (edit, image, markup) = multipart_edit().await;
    let sent = sent_by(async {
        let response = client().edit(&edit, &CallOptions::default()).await.unwrap();
        assert_eq!(response.data.len(), 1);
    })
    .await;
    assert_eq!(sent, [multipart_body(image, markup, false)]);
}

#[wasm_bindgen_test]
async fn edit_blobs_and_a_streamed_edit_send_every_field() {
    let (edit, image, markup) = multipart_edit().await;
    let sent = sent_by(async {
        let response = client().edit_blobs(&edit, &CallOptions::default(), |_| {}).await.unwrap();
        assert_eq!(response.data[0].mime_type, "image/png");
        let mut stream = client().edit_stream(&edit, &CallOptions::default()).await.unwrap();
        while stream.next().await.unwrap().is_some() {}
    })
    .await;
    assert_eq!(sent, [multipart_body(image, markup, false), multipart_body(image, markup, true)]);
}

#[wasm_bindgen_test]
async fn a_json_edit_sends_every_field_and_the_markup_reference() {
    let data_url =
        |bytes: &[u8]| format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes));
    let image = data_url(&png("a door", None).await);
    let markup = data_url(&png("marks", Some(Background::Transparent)).await);
    let request = EditRequest {
        images: vec![ImageInput::Url(image.clone())],
        markup: Some(ImageInput::Url(markup.clone())),
        ..edit_request()
    };
    let sent = sent_by(async {
        let response = client().edit(&Edit::with_references(request), &CallOptions::default()).await.unwrap();
        assert_eq!(response.data.len(), 1);
    })
    .await;
    let mut expected = json!({
        "prompt": "circle the door", "model": "gpt-image-2.6-flare", "size": "1024x640", "complexity": "medium",
        "frame_count": 3, "svg": {"model": "gpt-5-mini", "reasoning": {"effort": "low"}},
        "x_provider_hint": {"region": "eu", "tier": 2},
    });
    expected["images"] = json!([{"image_url": image}]);
    expected["markup"] = json!({"image_url": markup});
    assert_eq!(sent, [expected]);
}
