//! The shared corpus of requests (`tests/spec/validation-corpus.json`):
//! those the API accepts validate with no error, those it refuses are
//! stopped with exactly the fields named. The npm package's browser checks
//! read the same file.

use gpt_image_core::{EditRequest, GenerateRequest, Report};
use serde_json::Value;

const CORPUS: &str = include_str!("../../../tests/spec/validation-corpus.json");

fn validate(endpoint: &str, request: Value) -> Report {
    match endpoint {
        "generate" => serde_json::from_value::<GenerateRequest>(request).expect("a generation").validate(),
        "edit" => serde_json::from_value::<EditRequest>(request).expect("an edit").validate(),
        other => panic!("unknown endpoint {other}"),
    }
}

#[test]
fn the_corpus_is_judged_as_the_api_judges_it() {
    let corpus: Value = serde_json::from_str(CORPUS).unwrap();
    let entries = corpus["requests"].as_array().unwrap();
    assert!(entries.len() >= 20);
    for entry in entries {
        let why = entry["why"].as_str().unwrap();
        let report = validate(entry["endpoint"].as_str().unwrap(), entry["request"].clone());
        let mut fields: Vec<&str> = report.errors().map(|issue| issue.field.as_str()).collect();
        fields.dedup();
        let expected: Vec<&str> = entry["errors"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        assert_eq!(fields, expected, "{why}: {report}");
    }
}
