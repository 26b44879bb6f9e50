//! `POST /v1/images/edits`: multipart and JSON forms, masks, sizes.

mod common;

use base64::Engine;
use common::{client, decode_b64, expect_error, png, start};
use gpt_image_server::Config;
use image::GenericImageView;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

fn file(bytes: Vec<u8>, name: &str) -> Part {
    Part::bytes(bytes).file_name(name.to_owned()).mime_str("image/png").unwrap()
}

async fn send(base: &str, form: Form) -> reqwest::Response {
    client().post(format!("{base}/v1/images/edits")).multipart(form).send().await.unwrap()
}

#[tokio::test]
async fn a_masked_edit_keeps_the_opaque_area_exactly() {
    let base = start(Config::default()).await;
    let input = png(1024, 1024);
    let mask = image::RgbaImage::from_fn(1024, 1024, |x, _| image::Rgba([0, 0, 0, if x < 512 { 255 } else { 0 }]));
    let mut mask_png = std::io::Cursor::new(Vec::new());
    mask.write_to(&mut mask_png, image::ImageFormat::Png).unwrap();
    let form = Form::new()
        .text("model", "gpt-image-1")
        .text("prompt", "add a purple moon")
        .text("quality", "low")
        .part("image", file(input.clone(), "input.png"))
        .part("mask", file(mask_png.into_inner(), "mask.png"));
    let response = send(&base, form).await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    let (out, _) = decode_b64(answer["data"][0]["b64_json"].as_str().unwrap());
    let (source, _) = common::decode(&input);
    let (out, source) = (out.to_rgba8(), source.to_rgba8());
    assert!((0..1024).step_by(7).all(|y| (0..512).step_by(5).all(|x| out.get_pixel(x, y) == source.get_pixel(x, y))));
    let changed = (512..1024).filter(|&x| out.get_pixel(x, 300) != source.get_pixel(x, 300)).count();
    assert!(changed > 256, "{changed}");
    assert!(answer["usage"]["input_tokens_details"]["image_tokens"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn several_images_auto_size_and_formats() {
    let base = start(Config::default()).await;
    let form = Form::new()
        .text("model", "gpt-image-1")
        .text("prompt", "make it snowy")
        .text("quality", "low")
        .text("output_format", "jpeg")
        .text("n", "2")
        .part("image[]", file(png(600, 400), "a.png"))
        .part("image[]", file(png(300, 300), "b.png"));
    let answer: Value = send(&base, form).await.json().await.unwrap();
    assert_eq!(answer["size"], "1536x1024");
    assert_eq!(answer["data"].as_array().unwrap().len(), 2);
    let (image, format) = decode_b64(answer["data"][1]["b64_json"].as_str().unwrap());
    assert_eq!((image.dimensions(), format), ((1536, 1024), image::ImageFormat::Jpeg));
}

#[tokio::test]
async fn the_json_form_takes_data_urls_and_refuses_remote_urls() {
    let base = start(Config::default()).await;
    let data_url = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png(512, 512)));
    let body = json!({"model": "gpt-image-1", "prompt": "paint it", "images": [{"image_url": data_url}], "size": "1024x1024", "quality": "low"});
    let response = client().post(format!("{base}/v1/images/edits")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    let (image, _) = decode_b64(answer["data"][0]["b64_json"].as_str().unwrap());
    assert_eq!(image.dimensions(), (1024, 1024));
    let remote =
        json!({"model": "gpt-image-1", "prompt": "paint it", "images": [{"image_url": "https://example.com/a.png"}]});
    let response = client().post(format!("{base}/v1/images/edits")).json(&remote).send().await.unwrap();
    let error = expect_error(response, 400, Some("invalid_image_url")).await;
    assert_eq!(error["param"], "images[0]");
}

#[tokio::test]
async fn bad_forms_name_the_field() {
    let base = start(Config::default()).await;
    let not_a_number = Form::new().text("prompt", "x").text("n", "two").part("image", file(png(64, 64), "a.png"));
    assert_eq!(expect_error(send(&base, not_a_number).await, 400, Some("invalid_value")).await["param"], "n");
    let no_image = Form::new().text("prompt", "x").text("model", "gpt-image-1");
    assert_eq!(expect_error(send(&base, no_image).await, 400, Some("invalid_value")).await["param"], "image");
    let not_an_image = Form::new().text("prompt", "x").part("image", Part::bytes(b"hello".to_vec()).file_name("a.txt"));
    assert_eq!(expect_error(send(&base, not_an_image).await, 400, Some("invalid_value")).await["param"], "image[0]");
    let dalle3 = Form::new().text("prompt", "x").text("model", "dall-e-3").part("image", file(png(64, 64), "a.png"));
    assert_eq!(expect_error(send(&base, dalle3).await, 400, Some("invalid_value")).await["param"], "model");
}
