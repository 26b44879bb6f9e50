//! Generations: every parameter, JSON and `Blob` answers, links, validation.

use gpt_image_wasm::core::{
    Background, GenerateRequest, ImageFormat, Model, Moderation, ResponseFormat, Rule, Size, SvgOptions, dimensions,
    sniff_format,
};
use gpt_image_wasm::{CallOptions, Error};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{blob_bytes, client, fault, now, small, unbase64};

#[wasm_bindgen_test]
async fn each_parameter_reaches_the_server_and_shapes_the_images() {
    let client = client();
    let cases = [
        (small("png"), ImageFormat::Png, (1024, 640)),
        (
            gpt_image_wasm::core::GenerateRequest {
                output_format: Some(ImageFormat::Jpeg),
                output_compression: Some(40),
                ..small("jpeg")
            },
            ImageFormat::Jpeg,
            (1024, 640),
        ),
        (
            gpt_image_wasm::core::GenerateRequest { output_format: Some(ImageFormat::Webp), ..small("webp") },
            ImageFormat::Webp,
            (1024, 640),
        ),
        (
            gpt_image_wasm::core::GenerateRequest { size: Some(Size::pixels(1280, 720)), ..small("custom size") },
            ImageFormat::Png,
            (1280, 720),
        ),
        (
            gpt_image_wasm::core::GenerateRequest {
                background: Some(Background::Transparent),
                moderation: Some(Moderation::Low),
                ..small("transparent")
            },
            ImageFormat::Png,
            (1024, 640),
        ),
    ];
    for (request, format, size) in cases {
        let response = client.generate(&request, &CallOptions::default()).await.expect("a generation");
        assert_eq!(response.data.len(), 1);
        let bytes = unbase64(response.data[0].b64_json.as_deref().expect("b64_json"));
        assert_eq!(sniff_format(&bytes), Some(format.clone()), "{request:?}");
        assert_eq!(dimensions(&bytes), Some(size), "{request:?}");
        assert_eq!(response.output_format, Some(format));
        assert!(response.usage.expect("usage").total_tokens > 0);
    }
    let transparent = client
        .generate(
            &gpt_image_wasm::core::GenerateRequest { background: Some(Background::Transparent), ..small("alpha") },
            &CallOptions::default(),
        )
        .await
        .unwrap();
    let png = unbase64(transparent.data[0].b64_json.as_deref().unwrap());
    assert_eq!(png[25], 6, "a transparent PNG is RGBA (colour type 6)");
    assert_eq!(transparent.background, Some(Background::Transparent));
}

#[wasm_bindgen_test]
async fn n_images_come_back_and_the_request_id_is_kept() {
    let client = client();
    let request = gpt_image_wasm::core::GenerateRequest { n: Some(3), ..small("three") };
    let response = client.generate(&request, &CallOptions::default()).await.unwrap();
    assert_eq!(response.data.len(), 3);
    let meta = client.last_response().expect("an answer was recorded");
    assert_eq!(meta.status, 200);
    assert!(meta.request_id.is_some_and(|id| id.starts_with("req_")));
    assert!(meta.rate_limit.remaining_requests.is_some());
}

#[wasm_bindgen_test]
async fn blobs_hold_the_same_bytes_as_the_json_answer() {
    let client = client();
    let request = gpt_image_wasm::core::GenerateRequest { n: Some(2), ..small("same bytes") };
    let json = client.generate(&request, &CallOptions::default()).await.unwrap();
    let mut seen = Vec::new();
    let blobs = client.generate_blobs(&request, &CallOptions::default(), |image| seen.push(image.index)).await.unwrap();
    assert_eq!(seen, [0, 1], "on_image gets each image once, in order");
    assert_eq!(blobs.data.len(), 2);
    for (image, blob) in json.data.iter().zip(&blobs.data) {
        assert_eq!(blob_bytes(&blob.blob).await, unbase64(image.b64_json.as_deref().unwrap()));
        assert_eq!(blob.mime_type, "image/png");
        assert_eq!(blob.blob.type_(), "image/png");
        assert_eq!((blob.width, blob.height), (Some(1024), Some(640)));
    }
    assert!(blobs.created > 0);
    assert!(blobs.usage.is_some());
}

#[wasm_bindgen_test]
async fn each_blob_is_handed_over_before_the_answer_ends() {
    let request = gpt_image_wasm::core::GenerateRequest { n: Some(3), ..small("trickled") };
    let options = CallOptions {
        headers: vec![
            ("x-fault".into(), Some("trickle".into())),
            ("x-fault-trickle-bytes".into(), Some("4096".into())),
            ("x-fault-trickle-ms".into(), Some("2".into())),
        ],
        ..CallOptions::default()
    };
    let mut arrivals = Vec::new();
    let response = client().generate_blobs(&request, &options, |_| arrivals.push(now())).await.unwrap();
    let done = now();
    assert_eq!(response.data.len(), 3);
    assert!(done - arrivals[0] > 20.0, "the first image came {} ms before the end", done - arrivals[0]);
}

#[wasm_bindgen_test]
async fn links_from_providers_become_blobs_too() {
    let request =
        gpt_image_wasm::core::GenerateRequest { response_format: Some(ResponseFormat::Url), ..small("linked") };
    let client = client();
    let json = client.generate(&request, &CallOptions::default()).await.unwrap();
    assert!(json.data[0].url.as_deref().is_some_and(|url| url.starts_with("http")));
    let blobs = client.generate_blobs(&request, &CallOptions::default(), |_| {}).await.unwrap();
    let image = &blobs.data[0];
    assert!(image.url.is_some());
    assert_eq!(sniff_format(&blob_bytes(&image.blob).await), Some(ImageFormat::Png));
}

#[wasm_bindgen_test]
async fn invalid_requests_fail_before_the_network_naming_every_field() {
    let client = client();
    let request = gpt_image_wasm::core::GenerateRequest {
        model: Some(Model::from("gpt-image-2")),
        prompt: String::new(),
        size: Some(Size::pixels(1000, 1000)),
        n: Some(11),
        ..Default::default()
    };
    let error = client.generate(&request, &fault("server_error", 0)).await.expect_err("invalid");
    assert_eq!(error.class_name(), "ValidationError");
    let Error::Validation(report) = error else { panic!("expected a validation error") };
    let fields: Vec<&str> = report.errors().map(|issue| issue.field.as_str()).collect();
    assert!(fields.contains(&"prompt") && fields.contains(&"size") && fields.contains(&"n"), "{fields:?}");
    assert!(report.issues.iter().any(|issue| issue.rule == Rule::SizeMultipleOf16));
    assert!(client.last_response().is_none(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn validation_can_be_relaxed_per_call_and_per_client() {
    use gpt_image_wasm::core::{GenerateRequest, Quality, ValidationMode};
    use gpt_image_wasm::{Client, ClientOptions};
    let request = GenerateRequest { quality: Some(Quality::Max), ..crate::support::small("max for gpt-image-2") };
    let stopped = crate::support::client().generate(&request, &CallOptions::default()).await.unwrap_err();
    assert!(matches!(&stopped, Error::Validation(report) if report.errors().any(|issue| issue.field == "quality")));
    // Sent as asked: the server itself refuses it, which proves it went out.
    let warn = CallOptions { validation: Some(ValidationMode::WarningsOnly), ..CallOptions::default() };
    let sent = crate::support::client().generate(&request, &warn).await.unwrap_err();
    assert!(matches!(&sent, Error::Api(failure) if failure.error.status == 400), "{sent:?}");
    let options = ClientOptions {
        validation: ValidationMode::Off,
        ..ClientOptions::new(format!("{}/v1", crate::support::server()), None)
    };
    let sent = Client::new(options).generate(&request, &CallOptions::default()).await.unwrap_err();
    assert!(matches!(&sent, Error::Api(failure) if failure.error.status == 400), "{sent:?}");
}

#[wasm_bindgen_test]
async fn gpt_image_2_5_makes_custom_sizes_at_max_quality() {
    use gpt_image_wasm::core::{GenerateRequest, Model, Quality, Size};
    let request = GenerateRequest {
        model: Some(Model::from("gpt-image-2.5-sunburst")),
        size: Some(Size::pixels(2048, 1152)),
        quality: Some(Quality::Max),
        ..GenerateRequest::new("a lighthouse at dawn")
    };
    let response = crate::support::client().generate_blobs(&request, &CallOptions::default(), |_| {}).await.unwrap();
    assert_eq!((response.data[0].width, response.data[0].height), (Some(2048), Some(1152)));
}

#[wasm_bindgen_test]
async fn gif_and_svg_blobs_are_typed_from_their_bytes() {
    let gif = GenerateRequest {
        model: Some(Model::from("gpt-image-2.6-flare")),
        output_format: Some(ImageFormat::Gif),
        frame_count: Some(3),
        ..small("a blinking lamp")
    };
    let svg = GenerateRequest {
        model: Some(Model::from("gpt-image-2.6-flare")),
        output_format: Some(ImageFormat::Svg),
        svg: Some(SvgOptions::with_model("gpt-5-mini")),
        ..small("a flat icon of a lamp")
    };
    let cases = [(gif, "image/gif", Some(1024), &b"GIF8"[..]), (svg, "image/svg+xml", None, &b"<"[..])];
    for (request, mime_type, width, start) in cases {
        let mut seen = Vec::new();
        let response = client()
            .generate_blobs(&request, &CallOptions::default(), |image| seen.push(image.mime_type.clone()))
            .await;
        let image = &response.unwrap().data[0];
        assert_eq!((image.mime_type.as_str(), image.blob.type_()), (mime_type, mime_type.to_owned()));
        assert_eq!(seen, [mime_type]);
        assert_eq!(image.width, width, "{mime_type}: width from the file, none for an SVG");
        assert!(blob_bytes(&image.blob).await.starts_with(start), "{mime_type}");
    }
}
