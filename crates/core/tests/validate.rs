//! Every validation rule, one table row at a time, and all problems at once.

use gpt_image_core::Severity::{Error, Warning};
use gpt_image_core::validate::nearest_valid_size;
use gpt_image_core::{
    Background, EditRequest, GenerateRequest, ImageFormat, ImageInput, InputFidelity, Issue, Model, Quality, Report,
    ResponseFormat, Rule, Severity, Size, Style, UploadedFile,
};

/// Validation without the retirement notes, which `retired_models_are_a_warning` covers.
trait Check {
    fn check(&self) -> Report;
}

impl Check for GenerateRequest {
    fn check(&self) -> Report {
        without_retirement(self.validate())
    }
}

impl Check for EditRequest {
    fn check(&self) -> Report {
        without_retirement(self.validate())
    }
}

/// Every issue carries the values a sentence of its rule is made of, so
/// that a program can write it in another language from the rule and the
/// values (the playground's Chinese does): checked on every report here.
fn has_its_values(issue: &Issue) {
    let values = &issue.values;
    let needs: &[(&str, &Option<String>)] = match issue.rule {
        Rule::Required | Rule::Experimental | Rule::ProviderSpecific => &[],
        Rule::MaxLength | Rule::SizeMultipleOf16 | Rule::AspectRatio | Rule::MaxEdge | Rule::PixelCount => {
            &[("given", &values.given), ("allowed", &values.allowed)]
        }
        Rule::FileType | Rule::Dimensions => &[("given", &values.given), ("allowed", &values.allowed)],
        Rule::Range | Rule::SizeFormat | Rule::Malformed | Rule::UnknownModel | Rule::Retired => {
            &[("given", &values.given)]
        }
        Rule::UnknownParameter => &[("given", &values.given)],
        Rule::UnknownValue | Rule::FileSize => &[("allowed", &values.allowed)],
        Rule::UnsupportedByModel => &[("model", &values.model)],
        Rule::Requires | Rule::Conflict => &[("other", &values.other)],
    };
    for (name, value) in needs {
        assert!(value.is_some(), "{} ({}): no {name} value in {:?}", issue.field, issue.rule.name(), issue.message);
    }
}

fn without_retirement(report: Report) -> Report {
    report.issues.iter().for_each(has_its_values);
    Report { issues: report.issues.into_iter().filter(|issue| issue.rule != Rule::Retired).collect() }
}

fn found(report: &Report) -> Vec<(&str, Rule, Severity)> {
    report.issues.iter().map(|issue| (issue.field.as_str(), issue.rule, issue.severity)).collect()
}

fn generate(model: Model) -> GenerateRequest {
    GenerateRequest { model: Some(model), ..GenerateRequest::new("a red fox in the snow") }
}

fn sized(model: Model, size: &str) -> Vec<(String, Rule, Severity)> {
    let report = GenerateRequest { size: Some(Size::parse(size)), ..generate(model) }.check();
    report.issues.into_iter().map(|issue| (issue.field, issue.rule, issue.severity)).collect()
}

#[test]
fn a_plain_request_has_no_issues() {
    for model in gpt_image_core::catalogue::known_names() {
        assert_eq!(generate(Model::from(model)).check(), Report::default(), "{model}");
    }
    let unknown = generate(Model::from("flux")).check();
    assert_eq!(found(&unknown), [("model", Rule::UnknownModel, Warning)], "an unknown model is named, not refused");
    assert_eq!(GenerateRequest::new("no model at all").check(), Report::default());
}

#[test]
fn prompt_is_required_and_limited_in_characters_per_model() {
    let empty = GenerateRequest { prompt: "  \n".into(), ..generate(Model::from("gpt-image-2")) }.check();
    assert_eq!(found(&empty), [("prompt", Rule::Required, Error)]);
    let chars = |model: Model, count: usize| {
        GenerateRequest { prompt: "é".repeat(count), ..generate(model) }
            .check()
            .issues
            .into_iter()
            .map(|i| i.rule)
            .collect::<Vec<_>>()
    };
    assert!(chars(Model::from("gpt-image-2"), 32_000).is_empty(), "32,000 two-byte characters are within the limit");
    assert_eq!(chars(Model::from("gpt-image-2"), 32_001), [Rule::MaxLength]);
    assert!(chars(Model::from("dall-e-3"), 4_000).is_empty());
    assert_eq!(chars(Model::from("dall-e-3"), 4_001), [Rule::MaxLength]);
    assert!(chars(Model::from("dall-e-2"), 1_000).is_empty());
    assert_eq!(chars(Model::from("dall-e-2"), 1_001), [Rule::MaxLength]);
    assert_eq!(chars(Model::from("flux"), 100_000), [Rule::UnknownModel], "no limit is invented for unknown models");
    let default = GenerateRequest::new("x".repeat(1_001)).check();
    assert!(default.issues[0].message.contains("dall-e-2 (the API's default"), "{}", default.issues[0].message);
    assert!(default.issues[0].message.contains("1,001"), "{}", default.issues[0].message);
}

#[test]
fn n_is_one_to_ten_and_one_for_dall_e_3() {
    for (model, n, expected) in [
        (Model::from("gpt-image-2"), 0, Some(Rule::Range)),
        (Model::from("gpt-image-2"), 1, None),
        (Model::from("gpt-image-2"), 10, None),
        (Model::from("gpt-image-2"), 11, Some(Rule::Range)),
        (Model::from("dall-e-3"), 1, None),
        (Model::from("dall-e-3"), 2, Some(Rule::UnsupportedByModel)),
    ] {
        let report = GenerateRequest { n: Some(n), ..generate(model.clone()) }.check();
        assert_eq!(report.issues.first().map(|i| i.rule), expected, "{model} n={n}");
        assert!(report.issues.iter().all(|i| i.field == "n" && i.is_error()));
    }
}

#[test]
fn partial_images_are_zero_to_three_and_need_stream() {
    let with = |partial, stream| {
        GenerateRequest { partial_images: Some(partial), stream, ..generate(Model::from("gpt-image-2")) }.check()
    };
    assert!(!with(3, Some(true)).has_errors());
    assert_eq!(found(&with(4, Some(true))), [("partial_images", Rule::Range, Error)]);
    assert_eq!(found(&with(2, None)), [("partial_images", Rule::Requires, Error)]);
    assert_eq!(found(&with(0, Some(false))), [("partial_images", Rule::Requires, Error)]);
}

#[test]
fn output_compression_is_zero_to_hundred_and_only_changes_jpeg_and_webp() {
    let with = |compression, format| {
        GenerateRequest {
            output_compression: Some(compression),
            output_format: format,
            ..generate(Model::from("gpt-image-2"))
        }
        .check()
    };
    assert_eq!(with(80, Some(ImageFormat::Jpeg)), Report::default());
    assert_eq!(with(0, Some(ImageFormat::Webp)), Report::default());
    assert_eq!(found(&with(101, Some(ImageFormat::Webp))), [("output_compression", Rule::Range, Error)]);
    assert_eq!(found(&with(50, Some(ImageFormat::Png))), [("output_compression", Rule::Conflict, Warning)]);
    assert_eq!(found(&with(50, None)), [("output_compression", Rule::Conflict, Warning)]);
}

#[test]
fn gpt_image_2_sizes_follow_each_rule() {
    let ok: &[&str] = &["auto", "1024x1024", "1536x1024", "1024x1536", "1536x864", "1024x640", "2560x1440", "2400x800"];
    for size in ok {
        assert_eq!(sized(Model::from("gpt-image-2"), size), [], "{size}");
    }
    let size_issue = |rule, severity| ("size".to_owned(), rule, severity);
    assert_eq!(sized(Model::from("gpt-image-2"), "1000x1008"), [size_issue(Rule::SizeMultipleOf16, Error)]);
    assert_eq!(sized(Model::from("gpt-image-2"), "3840x1264"), [size_issue(Rule::AspectRatio, Error)]);
    assert_eq!(sized(Model::from("gpt-image-2"), "768x768"), [size_issue(Rule::PixelCount, Error)]);
    assert_eq!(sized(Model::from("gpt-image-2"), "3840x2176"), [size_issue(Rule::PixelCount, Error)]);
    assert_eq!(sized(Model::from("gpt-image-2"), "4096x1536"), [size_issue(Rule::MaxEdge, Error)]);
    assert_eq!(sized(Model::from("gpt-image-2"), "3840x2160"), [size_issue(Rule::Experimental, Warning)]);
    assert_eq!(sized(Model::from("gpt-image-2"), "2576x1440"), [size_issue(Rule::Experimental, Warning)]);
    assert_eq!(sized(Model::from("gpt-image-2"), "0x1024"), [size_issue(Rule::Range, Error)]);
    assert_eq!(
        sized(Model::from("gpt-image-2"), "big"),
        [size_issue(Rule::SizeFormat, Warning)],
        "a new spelling is sent"
    );
    assert_eq!(
        sized(Model::from("gpt-image-2"), "1000x4000"),
        [
            size_issue(Rule::SizeMultipleOf16, Error),
            size_issue(Rule::AspectRatio, Error),
            size_issue(Rule::MaxEdge, Error)
        ],
        "every broken rule is reported, not just the first"
    );
    let report =
        GenerateRequest { size: Some(Size::pixels(1000, 1000)), ..generate(Model::from("gpt-image-2")) }.check();
    assert!(
        report.issues[0].message.contains("1008x1008"),
        "suggests the nearest valid size: {}",
        report.issues[0].message
    );
}

/// The message of the first size issue of `size` for `gpt-image-2`.
fn size_message(size: &str) -> String {
    let report = GenerateRequest { size: Some(Size::parse(size)), ..generate(Model::from("gpt-image-2")) }.check();
    report.issues.into_iter().find(|issue| issue.field == "size").map(|issue| issue.message).unwrap_or_default()
}

#[test]
fn the_suggested_size_keeps_every_rule() {
    // Not 4000x1008, which breaks the longest edge and the aspect ratio.
    assert!(
        size_message("4000x1000").ends_with("(the nearest valid size is 3840x1280)"),
        "{}",
        size_message("4000x1000")
    );
    assert!(size_message("1000x4000").ends_with("(the nearest valid size is 1280x3840)"));
    assert!(size_message("4096x1536").ends_with("(the nearest valid size is 3840x1536)"), "only the edge is too long");
    assert!(size_message("640x640").ends_with("(the nearest valid size is 816x816)"), "too few pixels");
    assert!(size_message("3840x2176").ends_with("(the nearest valid size is 3840x2160)"), "too many pixels");
    assert_eq!(size_message("1024x1024"), "", "a valid size has no message");
    let limits =
        gpt_image_core::catalogue::resolve("gpt-image-2").nearest().and_then(|model| model.custom_sizes()).unwrap();
    assert_eq!(
        nearest_valid_size(limits, 1536, 1024),
        Some(Size::pixels(1536, 1024)),
        "a valid size is its own nearest"
    );
    for width in (0..=5000).step_by(97) {
        for height in (0..=5000).step_by(89) {
            let nearest = nearest_valid_size(limits, width, height).expect("gpt-image-2's limits can be kept");
            assert_eq!(
                sized(Model::from("gpt-image-2"), &nearest.to_string())
                    .iter()
                    .filter(|(_, _, severity)| *severity == Error)
                    .count(),
                0,
                "{width}x{height} -> {nearest}"
            );
        }
    }
}

#[test]
fn other_models_take_their_standard_sizes() {
    for (model, good, bad) in [
        (
            Model::from("gpt-image-1"),
            &["auto", "1024x1024", "1536x1024", "1024x1536"][..],
            &["1536x864", "512x512", "1792x1024"][..],
        ),
        (Model::from("gpt-image-1-mini"), &["1024x1536"], &["2048x2048"]),
        (Model::from("dall-e-2"), &["256x256", "512x512", "1024x1024"], &["auto", "1536x1024"]),
        (Model::from("dall-e-3"), &["1024x1024", "1792x1024", "1024x1792"], &["auto", "512x512"]),
    ] {
        for size in good {
            assert_eq!(sized(model.clone(), size), [], "{model} {size}");
        }
        for size in bad {
            assert_eq!(
                sized(model.clone(), size),
                [("size".into(), Rule::UnsupportedByModel, Error)],
                "{model} {size}"
            );
        }
    }
    let unknown = ("model".to_owned(), Rule::UnknownModel, Warning);
    assert_eq!(sized(Model::from("flux"), "1000x3"), std::slice::from_ref(&unknown));
    assert_eq!(sized(Model::from("flux"), "1k"), [unknown, ("size".into(), Rule::SizeFormat, Warning)]);
}

#[test]
fn quality_and_style_depend_on_the_model() {
    let quality = |model, quality: &str| {
        found(&GenerateRequest { quality: Some(Quality::from(quality)), ..generate(model) }.check())
            .into_iter()
            .map(|(_, rule, severity)| (rule, severity))
            .collect::<Vec<_>>()
    };
    assert_eq!(quality(Model::from("gpt-image-2"), "high"), []);
    assert_eq!(quality(Model::from("gpt-image-2"), "hd"), [(Rule::UnsupportedByModel, Error)]);
    assert_eq!(quality(Model::from("dall-e-3"), "hd"), []);
    assert_eq!(quality(Model::from("dall-e-3"), "low"), [(Rule::UnsupportedByModel, Error)]);
    assert_eq!(quality(Model::from("dall-e-2"), "standard"), []);
    assert_eq!(quality(Model::from("gpt-image-2"), "ultra"), [(Rule::UnknownValue, Warning)], "a new quality is sent");
    assert_eq!(quality(Model::from("flux"), "ultra"), [(Rule::UnknownModel, Warning), (Rule::UnknownValue, Warning)]);
    assert_eq!(quality(Model::from("gpt-image-2"), "max"), [(Rule::UnsupportedByModel, Error)]);
    assert_eq!(quality(Model::from("gpt-image-2"), "xhigh"), [(Rule::UnsupportedByModel, Error)]);
    assert_eq!(quality(Model::from("gpt-image-2.5-flare"), "xhigh"), []);
    assert_eq!(quality(Model::from("gpt-image-2.5-sunburst"), "max"), []);
    let style = |model| found(&GenerateRequest { style: Some(Style::Natural), ..generate(model) }.check()).len();
    assert_eq!(style(Model::from("dall-e-3")), 0);
    assert_eq!(style(Model::from("gpt-image-2")), 1);
}

#[test]
fn gpt_only_parameters_are_refused_for_dall_e() {
    let request = GenerateRequest {
        background: Some(Background::Opaque),
        output_format: Some(ImageFormat::Png),
        stream: Some(true),
        ..generate(Model::from("dall-e-3"))
    };
    assert_eq!(
        found(&request.check()),
        [
            ("background", Rule::UnsupportedByModel, Error),
            ("output_format", Rule::UnsupportedByModel, Error),
            ("stream", Rule::UnsupportedByModel, Error)
        ]
    );
    let no_model = GenerateRequest { background: Some(Background::Transparent), ..GenerateRequest::new("logo") };
    assert_eq!(no_model.check(), Report::default(), "a GPT-only parameter makes the API default to a GPT image model");
}

#[test]
fn transparency_needs_png_or_webp() {
    let with = |format| {
        GenerateRequest {
            background: Some(Background::Transparent),
            output_format: Some(format),
            ..generate(Model::from("gpt-image-2"))
        }
        .check()
    };
    let preview = ("background", Rule::Experimental, Warning);
    assert_eq!(found(&with(ImageFormat::Jpeg)), [preview, ("background", Rule::Conflict, Error)]);
    assert_eq!(found(&with(ImageFormat::Png)), [preview], "transparency is a preview for gpt-image-2");
    assert_eq!(found(&with(ImageFormat::Webp)), [preview]);
    let flare = GenerateRequest {
        background: Some(Background::Transparent),
        output_format: Some(ImageFormat::Png),
        ..generate(Model::from("gpt-image-2.5-flare"))
    };
    assert_eq!(flare.check(), Report::default(), "GPT Image 2.5 supports transparency");
}

#[test]
fn url_results_are_a_warning_for_gpt_image_models_only() {
    let with = |model| GenerateRequest { response_format: Some(ResponseFormat::Url), ..generate(model) }.check();
    assert_eq!(found(&with(Model::from("gpt-image-2"))), [("response_format", Rule::ProviderSpecific, Warning)]);
    assert_eq!(with(Model::from("dall-e-3")), Report::default());
    assert!(with(Model::from("gpt-image-2")).into_result().is_ok(), "warnings do not stop a request");
}

#[test]
fn every_problem_is_reported_at_once() {
    let request = GenerateRequest {
        prompt: String::new(),
        n: Some(0),
        size: Some(Size::pixels(1000, 4000)),
        partial_images: Some(5),
        ..generate(Model::from("gpt-image-2"))
    };
    let report = request.check();
    let fields: Vec<_> = report.errors().map(|i| i.field.as_str()).collect();
    assert_eq!(fields, ["prompt", "n", "size", "size", "size", "partial_images", "partial_images"]);
    assert!(report.to_string().contains("n must be between 1 and 10, not 0"), "{report}");
}

fn upload(name: &str, head: &[u8], len: u64) -> ImageInput {
    ImageInput::Upload(UploadedFile::describe(name, len, head))
}

/// The head of a `width`x`height` PNG: signature and IHDR.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut head = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    head.extend(width.to_be_bytes());
    head.extend(height.to_be_bytes());
    head.extend(b"\x08\x06\0\0\0\0\0\0\0");
    head
}

fn edit(model: Model, images: Vec<ImageInput>) -> EditRequest {
    EditRequest { model: Some(model), ..EditRequest::new("add a hat", images) }
}

#[test]
fn edits_take_one_to_sixteen_images_of_the_right_types() {
    let pngs = |count| (0..count).map(|i| upload(&format!("{i}.png"), &png(64, 64), 100)).collect::<Vec<_>>();
    assert_eq!(edit(Model::from("gpt-image-2"), pngs(16)).check(), Report::default());
    assert_eq!(found(&edit(Model::from("gpt-image-2"), pngs(0)).check()), [("images", Rule::Required, Error)]);
    assert_eq!(found(&edit(Model::from("gpt-image-2"), pngs(17)).check()), [("image", Rule::Range, Error)]);
    let gif = upload("cat.gif", b"GIF89a\x01\0\x01\0\0\0\0\0\0\0", 100);
    let text = upload("notes.png", b"hello world, not an image", 100);
    let huge = upload("huge.png", &png(64, 64), 60 * 1024 * 1024);
    let report = edit(Model::from("gpt-image-2"), vec![gif, text, huge]).check();
    assert_eq!(
        found(&report),
        [("image[0]", Rule::FileType, Error), ("image[1]", Rule::FileType, Error), ("image[2]", Rule::FileSize, Error)]
    );
    assert!(report.issues[0].message.contains("cat.gif is GIF"), "{}", report.issues[0].message);
    let jpeg = upload("photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01", 100);
    assert_eq!(edit(Model::from("gpt-image-1"), vec![jpeg]).check(), Report::default());
}

#[test]
fn masks_are_pngs_of_the_first_images_size() {
    let with_mask = |mask| EditRequest {
        mask: Some(mask),
        ..edit(Model::from("gpt-image-2"), vec![upload("a.png", &png(64, 48), 10)])
    };
    assert_eq!(with_mask(upload("m.png", &png(64, 48), 10)).check(), Report::default());
    assert_eq!(
        found(&with_mask(upload("m.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01", 10)).check()),
        [("mask", Rule::FileType, Error)]
    );
    let wrong_size = with_mask(upload("m.png", &png(32, 32), 10)).check();
    assert_eq!(found(&wrong_size), [("mask", Rule::Dimensions, Error)]);
    assert!(wrong_size.issues[0].message.contains("32x32") && wrong_size.issues[0].message.contains("64x48"));
}

#[test]
fn input_fidelity_is_not_for_gpt_image_1_mini() {
    let with = |model| EditRequest {
        input_fidelity: Some(InputFidelity::High),
        ..edit(model, vec![upload("a.png", &png(8, 8), 10)])
    };
    assert_eq!(
        found(&with(Model::from("gpt-image-1-mini")).check()),
        [("input_fidelity", Rule::UnsupportedByModel, Error)]
    );
    assert_eq!(with(Model::from("gpt-image-1")).check(), Report::default());
}

#[test]
fn image_references_and_uploads_do_not_mix() {
    let url = ImageInput::Url("https://example.com/a.png".into());
    let report = edit(Model::from("gpt-image-2"), vec![upload("a.png", &png(8, 8), 10), url.clone()]).check();
    assert_eq!(found(&report), [("image", Rule::Conflict, Error)]);
    let refs = vec![
        url,
        ImageInput::Url("data:image/webp;base64,UklGR".into()),
        ImageInput::Url("data:image/gif;base64,R0lG".into()),
        ImageInput::Url("ftp://example.com/a.png".into()),
        ImageInput::FileId(" ".into()),
    ];
    assert_eq!(
        found(&edit(Model::from("gpt-image-2"), refs).check()),
        [
            ("images[2]", Rule::FileType, Error),
            ("images[3]", Rule::UnknownValue, Error),
            ("images[4]", Rule::Required, Error)
        ]
    );
}

#[test]
fn dall_e_edits_have_their_own_limits() {
    let square = || upload("a.png", &png(512, 512), 10);
    assert_eq!(edit(Model::from("dall-e-2"), vec![square()]).check(), Report::default());
    assert_eq!(
        found(&edit(Model::from("dall-e-2"), vec![square(), square()]).check()),
        [("image", Rule::UnsupportedByModel, Error)]
    );
    assert_eq!(
        found(&edit(Model::from("dall-e-2"), vec![upload("w.png", &png(512, 256), 10)]).check()),
        [("image[0]", Rule::Dimensions, Error)]
    );
    assert_eq!(
        found(&edit(Model::from("dall-e-2"), vec![upload("a.webp", b"RIFF\0\0\0\0WEBPVP8 ", 10)]).check()),
        [("image[0]", Rule::FileType, Error)]
    );
    assert_eq!(
        found(&edit(Model::from("dall-e-2"), vec![ImageInput::Url("https://x/a.png".into())]).check()),
        [("images", Rule::UnsupportedByModel, Error)]
    );
    assert_eq!(
        found(&edit(Model::from("dall-e-3"), vec![square()]).check()),
        [("model", Rule::UnsupportedByModel, Error)]
    );
}

/// What sources dispute about GPT Image 2.6, and what this package does not
/// know, is a warning that names the field; nothing of it stops a request.
#[test]
fn what_sources_dispute_about_2_6_is_a_warning() {
    let generate = |body: serde_json::Value| serde_json::from_value::<GenerateRequest>(body).unwrap().validate();
    let cases = [
        (
            serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "a kite", "output_format": "gif", "frame_count": 1}),
            "frame_count",
            Rule::Range,
        ),
        (
            serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "an icon", "output_format": "svg"}),
            "svg",
            Rule::Requires,
        ),
        (
            serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "an icon", "output_format": "svg", "svg": {"model": "gpt-5.1"}, "n": 2}),
            "n",
            Rule::Range,
        ),
        (
            serde_json::json!({"model": "gpt-image-2.5-flare", "prompt": "a fox", "complexity": "low"}),
            "complexity",
            Rule::ProviderSpecific,
        ),
        (
            serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "a fox", "frame_count": 4}),
            "frame_count",
            Rule::Requires,
        ),
        (
            serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "a fox", "seed": 7}),
            "seed",
            Rule::UnknownParameter,
        ),
        (
            serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "a fox", "input_fidelity": "high"}),
            "input_fidelity",
            Rule::UnknownParameter,
        ),
        (
            serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "a kite", "output_format": "gif", "frame_count": 16, "size": "1024x1024"}),
            "size",
            Rule::PixelCount,
        ),
    ];
    for (body, field, rule) in cases {
        let report = generate(body.clone());
        assert!(!report.has_errors(), "{body}: {report}");
        let issue = report.for_field(field).find(|issue| issue.rule == rule);
        assert!(issue.is_some_and(|issue| issue.severity == Severity::Warning), "{body}: {report}");
    }
    let seed = generate(serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "a fox", "seed": 7}));
    assert!(seed.issues[0].message.contains("seed is not a parameter this package knows"), "{seed}");
    let fidelity =
        generate(serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "a fox", "input_fidelity": "high"}));
    assert!(fidelity.issues[0].message.contains("a parameter of edits, not of generations"), "{fidelity}");
    let edit = |body: serde_json::Value| serde_json::from_value::<EditRequest>(body).unwrap().validate();
    let image = serde_json::json!([{"image_url": "https://example.com/a.png"}]);
    let gif_edit = edit(
        serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "wave", "images": image, "output_format": "gif"}),
    );
    assert!(
        !gif_edit.has_errors() && gif_edit.for_field("output_format").any(|issue| issue.rule == Rule::ProviderSpecific),
        "{gif_edit}"
    );
    let gif_mask = edit(
        serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "wave", "images": image, "output_format": "gif", "mask": {"file_id": "m"}}),
    );
    assert!(gif_mask.errors().any(|issue| issue.field == "mask" && issue.rule == Rule::Conflict), "{gif_mask}");
    let compressed = generate(
        serde_json::json!({"model": "gpt-image-2.6-flare", "prompt": "a kite", "output_format": "gif", "output_compression": 50}),
    );
    assert!(compressed.errors().any(|issue| issue.field == "output_compression"), "{compressed}");
}

#[test]
fn resolution_presets_keep_their_ratio_within_the_models_limits() {
    use gpt_image_core::validate::{ASPECT_RATIOS, Resolution, resolution_size};
    let limits = gpt_image_core::catalogue::find("gpt-image-2").unwrap().custom_sizes().unwrap();
    let size = |ratio, resolution| resolution_size(limits, ratio, resolution).map(|size| size.to_string());
    assert_eq!(size((1, 1), Resolution::K1).as_deref(), Some("1024x1024"));
    assert_eq!(size((16, 9), Resolution::K2).as_deref(), Some("2048x1152"));
    assert_eq!(size((16, 9), Resolution::K4).as_deref(), Some("3840x2160"), "4K is the longest edge");
    assert_eq!(size((9, 16), Resolution::K4).as_deref(), Some("2160x3840"));
    // A 4K square has more pixels than the model takes: shrunk as a whole, still square.
    let square = size((1, 1), Resolution::K4).unwrap();
    let (w, h) = square.split_once('x').map(|(w, h)| (w.parse::<u64>().unwrap(), h.parse::<u64>().unwrap())).unwrap();
    assert_eq!(w, h, "{square}");
    assert!(w * h <= limits.max_pixels && w % 16 == 0, "{square}");
    for ratio in ASPECT_RATIOS {
        for resolution in Resolution::ALL {
            let made = resolution_size(limits, ratio, resolution).unwrap_or_else(|| panic!("{ratio:?} {resolution:?}"));
            let request = gpt_image_core::GenerateRequest {
                model: Some("gpt-image-2".into()),
                size: Some(made.clone()),
                ..gpt_image_core::GenerateRequest::new("a kite")
            };
            assert!(!request.validate().has_errors(), "{made} ({}) breaks a rule", resolution.label());
        }
    }
    assert_eq!(resolution_size(limits, (4, 1), Resolution::K2), None, "wider than the model allows");
}
