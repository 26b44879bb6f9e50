//! Every parameter of core's one list (`gpt_image_core::PARAMETERS`) is read by the
//! server's parsers by its kind: a value of the wrong kind, in JSON and in a
//! multipart form, is a 400 naming it, and a field the list does not name is
//! taken as written. A parameter added to the list is covered here with
//! nothing written by hand.

mod common;

use common::{client, expect_error, png, start};
use gpt_image_core::Endpoint;
use gpt_image_core::parameters::{self, Kind};
use gpt_image_server::Config;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// A value of another kind than `kind`, as JSON and as a form field's text
/// (`None` where any text is of the kind).
fn wrong(kind: Kind) -> (Value, Option<&'static str>) {
    match kind {
        Kind::Text => (json!(5), None),
        Kind::Whole => (json!("many"), Some("many")),
        Kind::Flag => (json!("yes"), Some("yes")),
        Kind::Object => (json!("plain"), Some("plain")),
    }
}

fn url(base: &str, endpoint: Endpoint) -> String {
    format!("{base}/v1{}", endpoint.path())
}

#[tokio::test]
async fn every_parameter_is_read_by_its_kind_on_both_endpoints() {
    let base = start(Config::default()).await;
    let data_url = format!("data:image/png;base64,{}", base64_png());
    for endpoint in Endpoint::ALL {
        for parameter in parameters::of(endpoint) {
            let mut body = json!({"prompt": "x"});
            if endpoint == Endpoint::Edit {
                body["images"] = json!([{"image_url": data_url}]);
            }
            body[parameter.name] = wrong(parameter.kind).0;
            let response = client().post(url(&base, endpoint)).json(&body).send().await.unwrap();
            let error = expect_error(response, 400, Some("invalid_type")).await;
            assert_eq!(error["param"], parameter.name, "{body}: {error}");
        }
    }
    for parameter in parameters::of(Endpoint::Edit) {
        let Some(text) = wrong(parameter.kind).1 else { continue };
        let form = Form::new()
            .text("prompt", "x")
            .text(parameter.name, text)
            .part("image", Part::bytes(png(64, 64)).file_name("a.png"));
        let response = client().post(url(&base, Endpoint::Edit)).multipart(form).send().await.unwrap();
        let error = expect_error(response, 400, Some("invalid_value")).await;
        assert_eq!(error["param"], parameter.name, "{error}");
    }
}

#[tokio::test]
async fn fields_the_list_does_not_name_are_taken_as_written() {
    let base = start(Config::default()).await;
    let body = json!({"model": "gpt-image-2.6-flare", "prompt": "x", "size": "1024x640", "quality": "low", "x_provider_hint": {"fast": true}});
    let response = client().post(url(&base, Endpoint::Generate)).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let form = Form::new()
        .text("model", "gpt-image-2.6-flare")
        .text("prompt", "x")
        .text("quality", "low")
        .text("x_provider_hint", "fast")
        .part("image", Part::bytes(png(64, 64)).file_name("a.png"));
    let response = client().post(url(&base, Endpoint::Edit)).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 200);
}

fn base64_png() -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(png(64, 64))
}
