//! The request types the server reads with serde and the browser reads with
//! [`FromJson`] read every value the same through both, and refuse the same
//! members of the wrong kind.

use gpt_image_core::{FromJson, GenerateRequest, Model, Size};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Some text, or the wire names the enums know.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("auto".to_owned()),
        Just("high".to_owned()),
        Just("png".to_owned()),
        Just("transparent".to_owned()),
        Just("1536x1024".to_owned()),
        "[a-z0-9 ]{0,12}",
    ]
}

fn request() -> impl Strategy<Value = GenerateRequest> {
    let text = || proptest::option::of(word());
    let number = || proptest::option::of(0u32..5000);
    (
        ("[ -~]{0,40}", text(), number(), text(), text(), text(), text()),
        (text(), number(), text(), proptest::option::of(any::<bool>()), number(), text(), text()),
    )
        .prop_map(|((prompt, model, n, size, quality, background, moderation), rest)| {
            let (output_format, output_compression, response_format, stream, partial_images, style, user) = rest;
            GenerateRequest {
                prompt,
                model: model.map(Model::from),
                n,
                size: size.as_deref().map(Size::from),
                quality: quality.as_deref().map(Into::into),
                background: background.as_deref().map(Into::into),
                moderation: moderation.as_deref().map(Into::into),
                output_format: output_format.as_deref().map(Into::into),
                output_compression,
                response_format: response_format.as_deref().map(Into::into),
                stream,
                partial_images,
                style: style.as_deref().map(Into::into),
                user,
            }
        })
}

proptest! {
    #[test]
    fn a_generation_request_reads_the_same_through_both(request in request()) {
        let written = serde_json::to_value(&request).unwrap();
        let by_serde: GenerateRequest = serde_json::from_value(written.clone()).unwrap();
        prop_assert_eq!(GenerateRequest::from_json(&written), Ok(by_serde));
    }
}

#[test]
fn both_refuse_a_member_of_the_wrong_kind() {
    for (field, value) in [
        ("prompt", json!(5)),
        ("n", json!("two")),
        ("n", json!(-1)),
        ("n", json!(1.5)),
        ("size", json!(1024)),
        ("stream", json!("yes")),
        ("output_compression", json!([50])),
        ("user", json!({})),
    ] {
        let mut body = json!({"prompt": "a lighthouse"});
        body[field] = value;
        assert!(serde_json::from_value::<GenerateRequest>(body.clone()).is_err(), "serde read {body}");
        let error = GenerateRequest::from_json(&body).expect_err(&body.to_string());
        assert!(error.starts_with(&format!("`{field}` of a generation request is not")), "{error}");
    }
    let missing = json!({"n": 1});
    assert!(serde_json::from_value::<GenerateRequest>(missing.clone()).is_err());
    assert_eq!(GenerateRequest::from_json(&missing), Err("`prompt` of a generation request is missing".into()));
    assert!(GenerateRequest::from_json_text::<Value>("[").is_err());
}
