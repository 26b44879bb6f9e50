//! Prints every problem of a request: the example in the README.
//! `cargo run -p gpt-image-core --example validate`
use gpt_image_core::{GenerateRequest, Model, Size};

fn main() {
    let request = GenerateRequest {
        model: Some(Model::from("gpt-image-2")),
        size: Some(Size::pixels(1000, 4000)),
        n: Some(0),
        ..GenerateRequest::new("a lighthouse at dawn")
    };
    for issue in request.validate().issues {
        println!("{} [{:?} {:?}] {}", issue.field, issue.severity, issue.rule, issue.message);
    }
}
