//! The catalogue, entry by entry: names that resolve to themselves, rules
//! that agree with each other, and validation that follows the table.

use gpt_image_core::catalogue::{
    self, Edits, FAMILIES, IMAGE_INPUT_TOKENS, Lifecycle, MODELS, Match, Pricing, Support,
};
use gpt_image_core::{
    Complexity, GenerateRequest, Model, Quality, Rule, Severity, Size, ValidationMode, ValidationOptions,
};

#[test]
fn every_name_is_listed_once_and_resolves_to_its_model() {
    let names: Vec<&str> = catalogue::known_names().collect();
    for (i, name) in names.iter().enumerate() {
        assert!(!names[..i].contains(name), "{name} is listed twice");
    }
    for model in MODELS {
        for name in model.names() {
            assert_eq!(catalogue::resolve(name).matched, Match::Known(model), "{name}");
            let routed = format!("openai/{name}");
            assert_eq!(catalogue::resolve(&routed).matched, Match::Known(model), "{routed}");
        }
    }
}

#[test]
fn every_model_belongs_to_a_family_whose_prefix_its_unknown_relatives_share() {
    for family in FAMILIES {
        assert!(family.family.members().next().is_some(), "{} has no members", family.name);
    }
    for model in MODELS {
        let relative = format!("{}-experimental", model.id);
        assert_eq!(
            catalogue::resolve(&relative).family(),
            Some(model.family),
            "{relative} should fall back to {}",
            model.family.spec().name
        );
    }
}

#[test]
fn each_entry_is_consistent() {
    let is_date = |day: &str| {
        day.len() == 10
            && day.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
    };
    for model in MODELS {
        let id = model.id;
        assert!(model.qualities.contains(&Quality::Auto), "{id} takes auto");
        for (quality, tokens) in model.output_tokens {
            assert!(model.takes_quality(quality), "{id}: tokens for {quality}, which it does not take");
            assert!(*tokens > 0);
        }
        let tokens: Vec<u32> = model.output_tokens.iter().map(|(_, tokens)| *tokens).collect();
        assert!(tokens.windows(2).all(|pair| pair[0] < pair[1]), "{id}: more effort, more tokens");
        assert!(model.created > 1_600_000_000, "{id}");
        assert!(model.retired.is_none_or(is_date), "{id}");
        assert!(model.max_n >= 1 && model.max_n <= 10 && model.prompt_limit >= 1000, "{id}");
        assert!(model.gpt_parameters || model.transparency == Support::No, "{id}");
        assert!(model.gpt_parameters == matches!(model.edits, Edits::Images(_)), "{id}");
        // A model plans (its planning is data) exactly when it documents complexity.
        assert_eq!(model.planning.is_some(), model.complexity == Support::Yes, "{id}");
        if let Some(planning) = model.planning {
            assert_eq!(planning.level(None).complexity, planning.default, "{id}");
            let levels = planning.levels;
            assert!(levels.windows(2).all(|pair| pair[0].tokens < pair[1].tokens), "{id}: more planning, more tokens");
            assert!(levels.windows(2).all(|pair| pair[0].latency_percent < pair[1].latency_percent), "{id}");
        }
        match &model.prices {
            Pricing::Tokens(prices) => {
                assert!(prices.text_input_cached < prices.text_input && prices.image_input_cached < prices.image_input);
            }
            Pricing::PerImage(prices) => {
                for size in model.size_presets() {
                    let standard = Some(&Quality::Standard);
                    assert!(
                        prices.iter().any(|(q, s, _)| Some(q) == standard && s == size),
                        "{id} has no price for {size}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_size_and_quality_a_model_offers_validates_without_errors() {
    for model in MODELS {
        for size in model.size_presets() {
            for quality in model.qualities {
                let request = GenerateRequest {
                    model: Some(Model::from(model.id)),
                    size: Some(size.clone()),
                    quality: Some(quality.clone()),
                    ..GenerateRequest::new("a fox")
                };
                let report = request.validate();
                assert!(!report.has_errors(), "{} {size} {quality}: {report}", model.id);
            }
        }
    }
}

#[test]
fn retired_models_are_a_warning_that_says_since_when() {
    let with = |model: &str, today: Option<&str>| {
        let request = GenerateRequest { model: Some(Model::from(model)), ..GenerateRequest::new("a fox") };
        let options = ValidationOptions { today: today.map(str::to_owned), ..ValidationOptions::default() };
        request.validate_with(&options).issues
    };
    let gone = with("gpt-image-1", None);
    assert_eq!(gone.len(), 1);
    assert_eq!((gone[0].field.as_str(), gone[0].rule, gone[0].severity), ("model", Rule::Retired, Severity::Warning));
    assert!(gone[0].message.contains("retired at OpenAI on 2026-10-23"), "{}", gone[0].message);
    assert!(gone[0].message.contains("other providers may still serve it"));
    for shut_down in ["gpt-image-1.5", "gpt-image-1-mini", "chatgpt-image-latest"] {
        let issues = with(shut_down, None);
        assert!(issues[0].message.contains("retired at OpenAI on 2026-12-01"), "{}", issues[0].message);
    }
    assert!(with("gpt-image-2.5-flare", Some("2027-06-01")).is_empty());
    assert!(with("gpt-image-2.6-sunburst", Some("2027-06-01")).is_empty());
    assert_eq!(catalogue::find("dall-e-2").unwrap().lifecycle(None), Lifecycle::Retired("2026-05-12"));
    assert!(
        GenerateRequest::new("no model named").validate().issues.is_empty(),
        "the API's default is not the user's choice"
    );
}

#[test]
fn an_unknown_family_member_is_stopped_only_where_every_member_agrees() {
    let issues = |model: &str, size: &str, quality: &str| {
        let request = GenerateRequest {
            model: Some(Model::from(model)),
            size: Some(Size::parse(size)),
            quality: Some(Quality::from(quality)),
            ..GenerateRequest::new("a fox")
        };
        request.validate().issues.into_iter().map(|issue| (issue.field, issue.rule, issue.severity)).collect::<Vec<_>>()
    };
    let unknown = ("model".to_owned(), Rule::UnknownModel, Severity::Warning);
    assert_eq!(issues("gpt-image-2.5-blaze", "2048x1152", "max"), std::slice::from_ref(&unknown));
    assert_eq!(
        issues("gpt-image-2.5-blaze", "2050x1152", "hd"),
        [
            unknown.clone(),
            ("size".into(), Rule::SizeMultipleOf16, Severity::Error),
            ("quality".into(), Rule::UnsupportedByModel, Severity::Error)
        ]
    );
    // gpt-image-1's family: every member refuses 2048x1152.
    assert_eq!(
        issues("gpt-image-1.6", "2048x1152", "low"),
        [unknown.clone(), ("size".into(), Rule::UnsupportedByModel, Severity::Error)]
    );
    // A future snapshot follows its model, with a note.
    let snapshot = issues("gpt-image-2-2027-01-15", "1024x1024", "max");
    assert_eq!(snapshot[1], ("quality".into(), Rule::UnsupportedByModel, Severity::Error));
    assert_eq!(snapshot[0].1, Rule::UnknownModel);
}

#[test]
fn validation_can_be_relaxed_per_call() {
    let request = GenerateRequest {
        model: Some(Model::from("gpt-image-2")),
        quality: Some(Quality::Max),
        n: Some(11),
        ..GenerateRequest::new("a fox")
    };
    assert_eq!(request.validate().errors().count(), 2);
    let warn = request.validate_with(&ValidationOptions { mode: ValidationMode::WarningsOnly, today: None });
    assert_eq!(warn.issues.len(), 2, "every problem is still named");
    assert!(!warn.has_errors());
    let off = request.validate_with(&ValidationOptions { mode: ValidationMode::Off, today: None });
    assert!(off.issues.is_empty());
    assert_eq!(
        ValidationMode::NAMES.map(ValidationMode::parse),
        [Some(ValidationMode::Full), Some(ValidationMode::WarningsOnly), Some(ValidationMode::Off)]
    );
}

#[test]
fn prices_estimate_tokens_and_images() {
    let flare = catalogue::find("gpt-image-2.5-flare").unwrap();
    let cost = flare.prices.estimate(Some((1_000_000, 0, 1_000_000)), None, None, 1).unwrap();
    assert!((cost - 35.0).abs() < 1e-9, "$5 text in + $30 image out: {cost}");
    let dalle = catalogue::find("dall-e-3").unwrap();
    let hd = dalle.prices.estimate(None, Some(&Quality::Hd), Some(&Size::WIDE), 1).unwrap();
    assert!((hd - 0.12).abs() < 1e-9);
    assert_eq!(flare.output_tokens(Some(&Quality::Max), 1024, 1024, 2), 2 * 7024);
    assert!(
        flare.output_tokens(Some(&Quality::Low), 2048, 1152, 1)
            > flare.output_tokens(Some(&Quality::Low), 1024, 1024, 1)
    );
}

#[test]
fn gif_rules_resolve_frames_and_durations_as_providers_do() {
    let gif = catalogue::find("gpt-image-2.6-flare").unwrap().gif.unwrap();
    assert_eq!((gif.frames(None), gif.frames(Some(4)), gif.frames(Some(16))), (9, 4, 16));
    // Out of range falls back to the default, as a gateway saw.
    assert_eq!((gif.frames(Some(1)), gif.frames(Some(17))), (9, 9));
    assert_eq!(
        (gif.frame_ms(None), gif.frame_ms(Some(124)), gif.frame_ms(Some(125)), gif.frame_ms(Some(5))),
        (200, 120, 130, 20)
    );
}

#[test]
fn planning_and_input_tokens_are_looked_up_in_the_table() {
    let planning = catalogue::find("gpt-image-2.6-sunburst").unwrap().planning.unwrap();
    assert_eq!(planning.level(Some(&Complexity::Low)).complexity, Complexity::Low);
    assert_eq!(planning.level(Some(&Complexity::from("extreme"))).complexity, Complexity::High);
    // 1024x1024 is scaled to 768x768: 2x2 tiles; the costliest unseen image is 4x2.
    assert_eq!(IMAGE_INPUT_TOKENS.tokens(1024, 1024), 65 + 129 * 4);
    let (width, height) = IMAGE_INPUT_TOKENS.costliest();
    assert_eq!(IMAGE_INPUT_TOKENS.tokens(width, height), 65 + 129 * 8);
    assert!(IMAGE_INPUT_TOKENS.tokens(4000, 3000) <= IMAGE_INPUT_TOKENS.tokens(width, height));
}
