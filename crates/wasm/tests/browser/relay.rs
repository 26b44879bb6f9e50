//! The client against a relay on the internet: `cargo xtask test` starts
//! one in front of the local server, allowing this page's origin
//! (`http://127.0.0.1:*`), with the tokens below, `--max-n 2` and limits,
//! and passes its URL at build time in `GPT_IMAGE_RELAY_URL`. Each refusal
//! arrives as the official client's error class, and the client retries
//! exactly where the answer says so.

use gpt_image_wasm::core::GenerateRequest;
use gpt_image_wasm::{CallOptions, Client, ClientOptions, Error};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{now, small};

// The tokens `RELAY_TOKENS` in crates/xtask/src/test.rs gives the relay.
/// No limit of its own.
const OK: &str = "sk-relay-browser-ok-000001";
/// `requests=1/s`.
const QUICK: &str = "sk-relay-browser-quick-0001";
/// `images=1/day`.
const DAILY: &str = "sk-relay-browser-daily-0001";
/// `usd=0.008/day`: one small generation (about $0.005), not two.
const THRIFTY: &str = "sk-relay-browser-thrifty-01";

/// A retry's shortest wait when the answer names none it may honour
/// (0.5 s less a quarter of jitter): a refusal answered faster was not retried.
const SHORTEST_BACKOFF_MS: f64 = 375.0;

/// The relay's root URL.
fn relay() -> &'static str {
    match option_env!("GPT_IMAGE_RELAY_URL") {
        Some(url) => url,
        None => panic!("GPT_IMAGE_RELAY_URL is not set: run these tests with `cargo xtask test`"),
    }
}

/// A client of the relay with `token` as its key.
fn client(token: Option<&str>) -> Client {
    Client::new(ClientOptions::new(format!("{}/v1", relay()), token.map(str::to_owned)))
}

fn retries(max_retries: u32) -> CallOptions {
    CallOptions { max_retries: Some(max_retries), ..CallOptions::default() }
}

/// The API error of a failed call.
fn api(error: &Error) -> &gpt_image_wasm::ApiFailure {
    match error {
        Error::Api(failure) => failure,
        other => panic!("not an API error: {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_token_from_an_allowed_origin_goes_through() {
    let response = client(Some(OK)).generate(&small("through the relay"), &retries(0)).await.expect("relayed");
    assert_eq!(response.data.len(), 1);
}

#[wasm_bindgen_test]
async fn without_a_token_the_client_gets_an_authentication_error_at_once() {
    let start = now();
    let error = client(None).generate(&small("no token"), &retries(2)).await.expect_err("no token");
    assert_eq!(error.class_name(), "AuthenticationError");
    assert_eq!(api(&error).error.error.code.as_deref(), Some("invalid_api_key"));
    assert!(now() - start < SHORTEST_BACKOFF_MS, "a 401 is not retried");
}

#[wasm_bindgen_test]
async fn a_cap_is_a_bad_request_naming_the_field() {
    let request = GenerateRequest { n: Some(3), ..small("three at once") };
    let error = client(Some(OK)).generate(&request, &retries(2)).await.expect_err("over the cap");
    assert_eq!(error.class_name(), "BadRequestError");
    let body = &api(&error).error.error;
    assert_eq!((body.param.as_deref(), body.code.as_deref()), (Some("n"), Some("cap_exceeded")));
    assert!(body.message.contains("at most 2"), "{}", body.message);
}

#[wasm_bindgen_test]
async fn a_rate_limit_is_waited_out_as_the_relay_says() {
    let client = client(Some(QUICK));
    client.generate(&small("the first this second"), &retries(0)).await.expect("admitted");
    let error = client.generate(&small("one too many"), &retries(0)).await.expect_err("limited");
    assert_eq!(error.class_name(), "RateLimitError");
    assert_eq!(api(&error).error.error.code.as_deref(), Some("rate_limit_exceeded"));
    let wait_ms = error.retry_after_seconds().expect("retry-after-ms is exposed") * 1000.0;
    assert!(wait_ms > 0.0 && wait_ms <= 1000.0, "{wait_ms} ms");
    // Allowed to retry, the client waits as told and gets through.
    let start = now();
    client.generate(&small("after the wait"), &retries(2)).await.expect("retried after retry-after-ms");
    assert!(now() - start >= wait_ms - 100.0, "waited {} ms of {wait_ms}", now() - start);
}

#[wasm_bindgen_test]
async fn a_daily_image_limit_is_final() {
    let client = client(Some(DAILY));
    client.generate(&small("today's one image"), &retries(0)).await.expect("admitted");
    let start = now();
    let error = client.generate(&small("one more today"), &retries(2)).await.expect_err("over the day's images");
    assert!(now() - start < SHORTEST_BACKOFF_MS, "x-should-retry: false was not honoured");
    assert_eq!(error.class_name(), "RateLimitError");
    let failure = api(&error);
    assert_eq!(failure.error.error.code.as_deref(), Some("rate_limit_exceeded"));
    let should_retry = failure.headers.as_ref().and_then(|headers| headers.get("x-should-retry").ok().flatten());
    assert_eq!(should_retry.as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn a_spending_ceiling_is_insufficient_quota_and_final() {
    let client = client(Some(THRIFTY));
    client.generate(&small("within the budget"), &retries(0)).await.expect("admitted");
    let start = now();
    let error = client.generate(&small("past the budget"), &retries(2)).await.expect_err("over the ceiling");
    assert!(now() - start < SHORTEST_BACKOFF_MS, "insufficient_quota was retried");
    assert_eq!(error.class_name(), "RateLimitError");
    let body = &api(&error).error.error;
    assert_eq!(body.code.as_deref(), Some("insufficient_quota"));
    assert!(body.message.contains("spending ceiling"), "{}", body.message);
}
