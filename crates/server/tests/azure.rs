//! The Images API under Azure OpenAI's paths: `/openai/deployments/NAME/…`
//! with `?api-version=…` and the key in `api-key`.

mod common;

use common::{client, start};
use gpt_image_server::Config;
use image::GenericImageView;
use serde_json::{Value, json};

#[tokio::test]
async fn a_deployment_path_with_its_api_version_generates() {
    let base = start(Config::default()).await;
    let url = format!("{base}/openai/deployments/gpt-image-2/images/generations?api-version=2025-04-01-preview");
    let body = json!({"model": "gpt-image-2", "prompt": "a kite", "size": "1024x640", "quality": "low"});
    let response = client().post(&url).header("api-key", "azure-key").json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    let bytes = base64_bytes(answer["data"][0]["b64_json"].as_str().unwrap());
    assert_eq!(common::decode(&bytes).0.dimensions(), (1024, 640));
}

#[tokio::test]
async fn without_an_api_version_it_is_refused_naming_it() {
    let base = start(Config::default()).await;
    let url = format!("{base}/openai/deployments/gpt-image-2/images/generations");
    let response = client().post(&url).json(&json!({"prompt": "a kite"})).send().await.unwrap();
    let error = common::expect_error(response, 400, Some("missing_api_version")).await;
    assert_eq!(error["param"], "api-version");
}

#[tokio::test]
async fn the_resource_lists_its_models() {
    let base = start(Config::default()).await;
    let response = client().get(format!("{base}/openai/models?api-version=2025-04-01-preview")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let list: Value = response.json().await.unwrap();
    assert!(
        list["data"].as_array().is_some_and(|models| models.iter().any(|model| model["id"] == "gpt-image-2")),
        "{list}"
    );
}

fn base64_bytes(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).unwrap()
}
