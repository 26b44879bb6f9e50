//! One reader for requests, wherever they are read (the server through
//! serde, the browser through [`FromJson`]): everything written reads back
//! the same, every parameter of the list and fields it does not name alike,
//! and a member of the wrong kind is refused by its name.

use gpt_image_core::parameters::{self, Kind};
use gpt_image_core::{EditRequest, Endpoint, FromJson, GenerateRequest, ImageInput};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Text for a parameter of `kind`: the wire names the enums know, or any.
fn text_of(kind: Kind) -> BoxedStrategy<String> {
    match kind {
        Kind::Text => prop_oneof![
            Just("auto".to_owned()),
            Just("high".to_owned()),
            Just("gif".to_owned()),
            Just("1536x1024".to_owned()),
            "[a-z0-9 ]{1,12}",
        ]
        .boxed(),
        Kind::Whole => (0u32..5000).prop_map(|n| n.to_string()).boxed(),
        Kind::Flag => any::<bool>().prop_map(|flag| flag.to_string()).boxed(),
        Kind::Object => "[a-z0-9.-]{1,10}".prop_map(|model| json!({"model": model, "x": [1]}).to_string()).boxed(),
    }
}

/// Parameters set by name, as form text, and fields the list does not name.
type Settings = (Vec<(&'static str, String)>, Vec<(String, Value)>);

/// Every parameter of `endpoint` set or not at random, by the list, and
/// some fields the list does not name.
fn settings(endpoint: Endpoint) -> impl Strategy<Value = Settings> {
    let each: Vec<_> = parameters::of(endpoint)
        .map(|parameter| proptest::option::of(text_of(parameter.kind)).prop_map(move |text| (parameter.name, text)))
        .collect();
    let extra = proptest::collection::vec(
        (
            "x_[a-z]{1,6}",
            prop_oneof![
                Just(json!(null)),
                Just(json!(3)),
                Just(json!({"k": ["v"]})),
                "[a-z]{0,5}".prop_map(Value::from)
            ],
        ),
        0..3,
    );
    (each, extra).prop_map(|(each, extra)| {
        (each.into_iter().filter_map(|(name, text)| text.map(|text| (name, text))).collect(), extra)
    })
}

proptest! {
    #[test]
    fn a_generation_request_reads_back_whole(prompt in "[ -~]{0,40}", (set, extra) in settings(Endpoint::Generate)) {
        let mut request = GenerateRequest::new(prompt);
        for (name, text) in &set {
            request.set_parameter_text::<Value>(name, text).unwrap();
        }
        request.extra.extend(extra);
        let written = serde_json::to_value(&request).unwrap();
        let by_serde: GenerateRequest = serde_json::from_value(written.clone()).unwrap();
        prop_assert_eq!(&by_serde, &request);
        prop_assert_eq!(GenerateRequest::from_json(&written), Ok(request));
    }

    #[test]
    fn an_edit_reads_back_whole(prompt in "[ -~]{0,40}", (set, extra) in settings(Endpoint::Edit)) {
        let mut request = EditRequest::new(prompt, vec![ImageInput::Url("https://example.com/a.png".into())]);
        for (name, text) in &set {
            request.set_parameter_text::<Value>(name, text).unwrap();
        }
        request.extra.extend(extra);
        let written = serde_json::to_value(&request).unwrap();
        prop_assert_eq!(EditRequest::from_json(&written), Ok(request));
    }
}

#[test]
fn both_refuse_a_member_of_the_wrong_kind_by_its_name() {
    for (field, value) in [
        ("prompt", json!(5)),
        ("n", json!("two")),
        ("n", json!(-1)),
        ("n", json!(1.5)),
        ("size", json!(1024)),
        ("stream", json!("yes")),
        ("output_compression", json!([50])),
        ("complexity", json!(2)),
        ("svg", json!("gpt-5")),
        ("user", json!({})),
    ] {
        let mut body = json!({"prompt": "a lighthouse"});
        body[field] = value.clone();
        assert!(serde_json::from_value::<GenerateRequest>(body.clone()).is_err(), "serde read {body}");
        let error = GenerateRequest::from_json(&body).expect_err(&body.to_string());
        assert!(error.starts_with(&format!("{field} must be ")), "{error}");
        assert!(error.ends_with(&format!("not {value}")), "{error}");
    }
    assert!(GenerateRequest::from_json_text::<Value>("[").is_err());
    assert!(GenerateRequest::from_json(&json!([1])).is_err());
}
