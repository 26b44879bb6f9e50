//! Retries (which, how many, how long between), timeouts and aborts.

use gpt_image_wasm::{CallOptions, Error, Failure};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{abort_after, client, fault, now, small, unique_key};

/// Options for a fault that fails the first `times` attempts, then lets them through.
fn failing_first(name: &str, times: u32, max_retries: u32) -> CallOptions {
    fault(&format!("{name}; times={times}; key={}", unique_key()), max_retries)
}

#[wasm_bindgen_test]
async fn retryable_failures_are_retried_until_success() {
    for name in ["rate_limit", "server_error", "bad_gateway", "unavailable", "request_timeout", "conflict", "reset"] {
        let mut options = failing_first(name, 2, 2);
        options.headers.push(("x-fault-retry-after-ms".into(), Some("10".into())));
        let response = client().generate(&small(name), &options).await;
        assert!(response.is_ok(), "{name}: {response:?}");
    }
}

#[wasm_bindgen_test]
async fn retries_stop_at_max_retries() {
    let options = failing_first("server_error", 2, 1);
    let error = client().generate(&small("one retry"), &options).await.expect_err("2 failures, 1 retry");
    assert!(matches!(error, Error::Api(failure) if failure.error.status == 500));
}

#[wasm_bindgen_test]
async fn final_errors_and_insufficient_quota_are_not_retried() {
    for name in ["unauthorized", "moderation", "insufficient_quota", "not_found", "unprocessable"] {
        // Had the client tried again, the second attempt would have succeeded.
        let options = failing_first(name, 1, 2);
        assert!(client().generate(&small(name), &options).await.is_err(), "{name} was retried");
    }
}

#[wasm_bindgen_test]
async fn retry_after_ms_sets_the_wait() {
    let mut options = failing_first("rate_limit", 2, 2);
    options.headers.push(("x-fault-retry-after-ms".into(), Some("400".into())));
    let start = now();
    client().generate(&small("patient"), &options).await.unwrap();
    let elapsed = now() - start;
    assert!(elapsed >= 800.0, "two waits of 400 ms took {elapsed} ms in all");
    assert!(elapsed < 3000.0, "{elapsed} ms");
}

#[wasm_bindgen_test]
async fn without_retry_after_the_backoff_starts_at_half_a_second() {
    let start = now();
    client().generate(&small("backoff"), &failing_first("server_error", 1, 1)).await.unwrap();
    let elapsed = now() - start;
    assert!((375.0..3000.0).contains(&elapsed), "0.5 s less up to 25% jitter, then the answer: {elapsed} ms");
}

#[wasm_bindgen_test]
async fn stalled_headers_time_out_per_attempt() {
    let options = CallOptions { timeout_ms: Some(300.0), ..fault("stall_headers", 1) };
    let start = now();
    let error = client().generate(&small("stalled"), &options).await.expect_err("stalled");
    let elapsed = now() - start;
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(error.class_name(), "APIConnectionTimeoutError");
    assert!((600.0..5000.0).contains(&elapsed), "two attempts of 300 ms and a wait took {elapsed} ms");
}

#[wasm_bindgen_test]
async fn a_stalled_body_times_out_and_is_not_retried() {
    // Part of the answer has arrived (on the Blob path, maybe whole images):
    // trying again could hand the same images over twice.
    let options = CallOptions { timeout_ms: Some(300.0), ..fault("stall_body", 2) };
    let start = now();
    let error = client().generate(&small("stalled body"), &options).await.expect_err("stalled");
    let elapsed = now() - start;
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!((300.0..1500.0).contains(&elapsed), "one attempt of 300 ms took {elapsed} ms");
}

#[wasm_bindgen_test]
async fn aborting_ends_the_request_at_once() {
    let controller = abort_after(150);
    let options = CallOptions { signal: Some(controller.signal()), ..fault("stall_headers", 2) };
    let start = now();
    let error = client().generate(&small("aborted"), &options).await.expect_err("aborted");
    assert!(matches!(error, Error::Aborted), "{error:?}");
    assert_eq!(error.class_name(), "APIUserAbortError");
    assert!(now() - start < 2000.0);
}

#[wasm_bindgen_test]
async fn aborting_ends_the_wait_between_attempts() {
    let controller = abort_after(300);
    let mut options = CallOptions { signal: Some(controller.signal()), ..failing_first("rate_limit", 3, 3) };
    options.headers.push(("x-fault-retry-after-ms".into(), Some("10000".into())));
    let start = now();
    let error = client().generate(&small("abort while waiting"), &options).await.expect_err("aborted");
    assert!(matches!(error, Error::Aborted), "{error:?}");
    assert!(now() - start < 2000.0, "the 10 s wait was cut short");
}

#[wasm_bindgen_test]
async fn an_aborted_signal_sends_nothing() {
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let client = client();
    let options = CallOptions { signal: Some(controller.signal()), ..CallOptions::default() };
    assert!(matches!(client.generate(&small("never"), &options).await, Err(Error::Aborted)));
    assert!(client.last_response().is_none());
}

#[wasm_bindgen_test]
fn retry_after_dates_in_every_form_rfc_9110_asks_recipients_to_read() {
    // `Date.parse` reads them; 1994-11-06 08:49:37 GMT, in milliseconds.
    const SENT: f64 = 784_111_777_000.0;
    let wait = |date: &'static str| {
        let failure = Failure { status: Some(503), retry_after: Some(date), ..Failure::default() };
        failure.server_delay_ms(SENT - 3_000.0)
    };
    for date in [
        "Sun, 06 Nov 1994 08:49:37 GMT",  // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT", // RFC 850
        "Sun Nov  6 08:49:37 1994",       // asctime: no zone, and GMT all the same
        " Sun, 06 Nov 1994 08:49:37 GMT ",
    ] {
        assert_eq!(wait(date), Some(3_000.0), "{date:?}");
    }
    for bad in ["soon", "Wed, 21 Foo 2015 07:28:00 GMT", ""] {
        assert_eq!(wait(bad), None, "{bad:?}");
    }
    // Dates land where the epoch says (a leap day among them).
    for (date, milliseconds) in [
        ("Thu, 01 Jan 1970 00:00:01 GMT", 1_000.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_480_000.0),
        ("Tue, 29 Feb 2028 23:59:59 GMT", 1_835_481_599_000.0),
    ] {
        let failure = Failure { status: Some(429), retry_after: Some(date), ..Failure::default() };
        assert_eq!(failure.server_delay_ms(milliseconds - 1_000.0), Some(1_000.0), "{date}");
    }
    // A date within the minute is waited for as given; a past one falls back to the backoff.
    let soon = Failure { status: Some(503), retry_after: Some("Sun, 06 Nov 1994 08:49:40 GMT"), ..Failure::default() };
    assert_eq!(soon.delay_ms(2, 2, SENT, 0.5), 3_000.0);
    let past = Failure { status: Some(503), retry_after: Some("Sun, 06 Nov 1994 08:49:30 GMT"), ..Failure::default() };
    assert_eq!(past.delay_ms(2, 2, SENT, 0.0), 500.0);
}
