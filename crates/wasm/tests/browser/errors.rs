//! Every error the server can send, as the client reports it.

use gpt_image_wasm::Error;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{client, fault, small};

/// The error of a generation that fails with `fault`, without retries.
async fn failure(fault_name: &str) -> Error {
    client().generate(&small(fault_name), &fault(fault_name, 0)).await.expect_err(fault_name)
}

#[wasm_bindgen_test]
async fn error_statuses_carry_the_body_and_headers() {
    for (name, status, code, class) in [
        ("unauthorized", 401, Some("invalid_api_key"), "AuthenticationError"),
        ("permission_denied", 403, Some("unsupported_country_region_territory"), "PermissionDeniedError"),
        ("not_found", 404, Some("model_not_found"), "NotFoundError"),
        ("request_timeout", 408, None, "APIError"),
        ("conflict", 409, None, "ConflictError"),
        ("unprocessable", 422, None, "UnprocessableEntityError"),
        ("rate_limit", 429, Some("rate_limit_exceeded"), "RateLimitError"),
        ("insufficient_quota", 429, Some("insufficient_quota"), "RateLimitError"),
        ("server_error", 500, None, "InternalServerError"),
        ("unavailable", 503, None, "InternalServerError"),
    ] {
        let error = failure(name).await;
        assert_eq!(error.class_name(), class, "{name}");
        let Error::Api(failure) = error else { panic!("{name}: not an API error") };
        assert_eq!(failure.error.status, status, "{name}");
        assert_eq!(failure.error.error.code.as_deref(), code, "{name}");
        assert!(failure.error.is_json && !failure.error.message().is_empty(), "{name}");
        assert!(failure.request_id.as_deref().is_some_and(|id| id.starts_with("req_")), "{name}");
        assert!(failure.headers.is_some(), "{name}");
    }
}

#[wasm_bindgen_test]
async fn rate_limits_say_how_long_to_wait() {
    let error = failure("rate_limit").await;
    assert_eq!(error.retry_after_seconds(), Some(0.25));
}

#[wasm_bindgen_test]
async fn moderation_refusals_expose_their_details() {
    let error = failure("moderation").await;
    let Error::Api(failure) = &error else { panic!("not an API error") };
    assert_eq!(failure.error.status, 400);
    assert_eq!(failure.error.error.code.as_deref(), Some("moderation_blocked"));
    assert!(error.moderation_details().is_some());
}

#[wasm_bindgen_test]
async fn an_html_page_from_a_proxy_gives_a_short_clear_error() {
    let Error::Api(failure) = failure("bad_gateway").await else { panic!("not an API error") };
    assert_eq!(failure.error.status, 502);
    assert!(!failure.error.is_json);
    let message = failure.error.message();
    assert!(message.starts_with("HTTP 502 Bad Gateway"), "{message}");
    assert!(message.len() < 300 && !message.contains('<'), "{message}");
}

#[wasm_bindgen_test]
async fn broken_bodies_are_bad_responses_on_both_paths() {
    for name in ["malformed", "truncated"] {
        let error = failure(name).await;
        assert_eq!(error.class_name(), "APIError", "{name}");
        assert!(matches!(error, Error::BadResponse { status: 200, .. }), "{name}");
        let blobs = client().generate_blobs(&small(name), &fault(name, 0), |_| {}).await;
        assert!(matches!(blobs, Err(Error::BadResponse { status: 200, .. })), "{name} as blobs");
    }
}

#[wasm_bindgen_test]
async fn a_reset_connection_is_a_connection_error() {
    let error = failure("reset").await;
    assert_eq!(error.class_name(), "APIConnectionError");
    assert!(matches!(error, Error::Connection(_)));
}
