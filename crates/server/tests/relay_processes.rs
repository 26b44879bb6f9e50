//! The relay as its binary: two processes sharing one Redis enforce one set
//! of limits, their logs carry no key, a Redis over TLS (`rediss://`) is
//! used only when its certificate is trusted, and a relay that would be
//! open on the internet refuses to start.

mod common;
mod relay_support;

use common::expect_error;
use relay_support::{ALICE, BOB, PROVIDER_KEY, Process, Redis, generate, log_lines, log_path, row, small, spend};

const ADMIN: &str = "sk-admin-0123456789abcdef";

#[tokio::test]
async fn two_relays_sharing_one_redis_enforce_one_limit() {
    let redis = Redis::start();
    let upstream = relay_support::upstream().await;
    let tokens = format!("alice {ALICE} requests=3/min; bob {BOB} images=2/day");
    let logs = [log_path("redis-a"), log_path("redis-b")];
    let env = [
        ("TEST_PROVIDER_KEY", PROVIDER_KEY),
        ("TEST_RELAY_TOKENS", tokens.as_str()),
        ("TEST_REDIS_URL", redis.url.as_str()),
        ("TEST_ADMIN_KEY", ADMIN),
    ];
    let start = |log: &std::path::PathBuf| {
        let log = log.to_str().unwrap().to_owned();
        #[rustfmt::skip]
        let args = [
            "--upstream", &upstream, "--upstream-key-env", "TEST_PROVIDER_KEY",
            "--tokens-env", "TEST_RELAY_TOKENS", "--redis-url-env", "TEST_REDIS_URL",
            "--redis-prefix", "two-relays:", "--admin-key-env", "TEST_ADMIN_KEY", "--request-log", &log,
        ];
        Process::start(&args, &env)
    };
    let (a, b) = (start(&logs[0]), start(&logs[1]));
    for relay in [&a, &b, &a] {
        assert_eq!(generate(&relay.url, Some(ALICE), None, &small(1)).await.status(), 200);
    }
    let limited = generate(&b.url, Some(ALICE), None, &small(1)).await;
    let error = expect_error(limited, 429, Some("rate_limit_exceeded")).await;
    assert!(error["message"].as_str().unwrap().contains("3 per minute"), "{error}");
    assert_eq!(generate(&a.url, Some(BOB), None, &small(1)).await.status(), 200);
    assert_eq!(generate(&b.url, Some(BOB), None, &small(1)).await.status(), 200);
    expect_error(generate(&a.url, Some(BOB), None, &small(1)).await, 429, Some("rate_limit_exceeded")).await;
    // Either relay's summary counts what both did.
    let rows = spend(&b.url, ADMIN).await;
    assert_eq!(
        (row(&rows, Some("alice"))["requests"].as_i64(), row(&rows, Some("alice"))["refused"].as_i64()),
        (Some(3), Some(1))
    );
    assert_eq!(row(&rows, Some("bob"))["images"].as_i64(), Some(2));
    let (a_lines, b_lines) = (log_lines(&logs[0], 4).await, log_lines(&logs[1], 3).await);
    assert!(a_lines.iter().chain(&b_lines).all(|line| line["token"].is_string()));
    for log in &logs {
        let text = std::fs::read_to_string(log).unwrap();
        for secret in [ALICE, BOB, PROVIDER_KEY, ADMIN, redis.url.as_str()] {
            assert!(!text.contains(secret), "the log shows {secret}: {text}");
        }
    }
}

#[tokio::test]
async fn two_relays_sharing_one_redis_agree_on_a_resting_upstream() {
    let redis = Redis::start();
    let failing = common::start(gpt_image_server::Config {
        faults: vec![(gpt_image_server::Fault::ServerError, None)],
        ..gpt_image_server::Config::default()
    })
    .await;
    let (failing, healthy) = (format!("{failing}/v1"), relay_support::upstream().await);
    let logs = [log_path("rest-a"), log_path("rest-b")];
    let env = [("TEST_PROVIDER_KEY", PROVIDER_KEY), ("TEST_REDIS_URL", redis.url.as_str())];
    let start = |log: &std::path::PathBuf| {
        let log = log.to_str().unwrap().to_owned();
        #[rustfmt::skip]
        let args = [
            "--upstream", &failing,
            "--upstream", &healthy, "--upstream-key-env", "TEST_PROVIDER_KEY", "--upstream-rest-secs", "60",
            "--redis-url-env", "TEST_REDIS_URL", "--redis-prefix", "rest:", "--request-log", &log,
        ];
        Process::start(&args, &env)
    };
    let (a, b) = (start(&logs[0]), start(&logs[1]));
    assert_eq!(generate(&a.url, None, None, &small(1)).await.status(), 200);
    let a_lines = log_lines(&logs[0], 1).await;
    assert_eq!(a_lines[0]["tried"], serde_json::json!([failing, healthy]), "{a_lines:?}");
    // The other process finds the failing upstream resting and goes straight to the next.
    assert_eq!(generate(&b.url, None, None, &small(1)).await.status(), 200);
    let b_lines = log_lines(&logs[1], 1).await;
    assert_eq!(b_lines[0]["tried"], serde_json::json!([healthy]), "{b_lines:?}");
    assert_eq!(b_lines[0]["upstream"], healthy.as_str());
}

#[tokio::test]
async fn a_key_variable_before_every_upstream_belongs_to_the_first() {
    let keyed = relay_support::upstream().await;
    let env = [("TEST_PROVIDER_KEY", PROVIDER_KEY)];
    let relay = Process::start(&["--upstream-key-env", "TEST_PROVIDER_KEY", "--upstream", &keyed], &env);
    assert_eq!(generate(&relay.url, None, None, &small(1)).await.status(), 200);
}

#[test]
fn upstream_options_belong_to_the_upstream_they_follow() {
    let (code, stderr) = Process::run(&["--upstream", "http://127.0.0.1:9/v1", "--upstream-models", "flux"], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--upstream-models") && stderr.contains("gpt-image-2"), "{stderr}");
    #[rustfmt::skip]
    let twice = ["--upstream", "http://127.0.0.1:9/v1", "--upstream-key-env", "A", "--upstream-key-env", "B"];
    let (code, stderr) = Process::run(&twice, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--upstream-key-env B") && stderr.contains("after each --upstream"), "{stderr}");
    let (code, stderr) = Process::run(&["--keep-alive-secs", "0", "--json-keep-alive"], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--json-keep-alive") && stderr.contains("--keep-alive-secs"), "{stderr}");
}

#[tokio::test]
async fn a_redis_over_tls_is_used_when_its_certificate_is_trusted_and_refused_when_not() {
    let redis = Redis::start_tls();
    let certificate = redis.certificate.as_ref().unwrap().to_str().unwrap();
    let upstream = relay_support::upstream().await;
    let tokens = format!("alice {ALICE} requests=2/min");
    #[rustfmt::skip]
    let args = [
        "--upstream", &upstream, "--upstream-key-env", "TEST_PROVIDER_KEY",
        "--tokens-env", "TEST_RELAY_TOKENS", "--redis-url-env", "TEST_REDIS_URL", "--redis-prefix", "tls:",
    ];
    let env =
        [("TEST_PROVIDER_KEY", PROVIDER_KEY), ("TEST_RELAY_TOKENS", tokens.as_str()), ("TEST_REDIS_URL", &redis.url)];
    // The system's roots do not vouch for a self-signed certificate: no start, and the reason.
    let (code, stderr) = Process::run(&args, &env);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("Redis: invalid peer certificate") && stderr.contains("SSL_CERT_FILE"), "{stderr}");
    // Trusted through `SSL_CERT_FILE`, as a private authority would be: the counters live there.
    let trusted: Vec<(&str, &str)> = env.iter().copied().chain([("SSL_CERT_FILE", certificate)]).collect();
    let relay = Process::start(&args, &trusted);
    for _ in 0..2 {
        assert_eq!(generate(&relay.url, Some(ALICE), None, &small(1)).await.status(), 200);
    }
    expect_error(generate(&relay.url, Some(ALICE), None, &small(1)).await, 429, Some("rate_limit_exceeded")).await;
    let again = Process::start(&args, &trusted);
    let refused = generate(&again.url, Some(ALICE), None, &small(1)).await;
    let error = expect_error(refused, 429, Some("rate_limit_exceeded")).await;
    assert!(
        error["message"].as_str().unwrap().contains("2 per minute"),
        "a second relay reads the same counts: {error}"
    );
}

#[test]
fn a_relay_open_to_the_internet_refuses_to_start_and_says_what_to_add() {
    let (code, stderr) = Process::run(&["--host", "0.0.0.0", "--upstream", "https://api.openai.com/v1"], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("refusing to start"), "{stderr}");
    for option in ["--allow-origin", "--tokens-file", "--api-key-env", "--limit-per-token", "--allow-open-relay"] {
        assert!(stderr.contains(option), "{option}: {stderr}");
    }
    // Loopback, or any one restriction, is enough to start (checked without binding a public address).
    let loopback = Process::start(&["--upstream", "http://127.0.0.1:9/v1"], &[]);
    assert!(loopback.url.starts_with("http://127.0.0.1:"));
}

#[test]
fn bad_tokens_and_an_unreachable_redis_stop_the_start_without_showing_secrets() {
    let (code, stderr) = Process::run(&["--tokens-env", "TEST_TOKENS"], &[("TEST_TOKENS", "alice sk-short")]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("token alice") && !stderr.contains("sk-short"), "{stderr}");
    let (code, stderr) = Process::run(&["--tokens-env", "TEST_UNSET_TOKENS"], &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("$TEST_UNSET_TOKENS is not set"), "{stderr}");
    let (code, stderr) = Process::run(&["--redis-url-env", "TEST_REDIS"], &[("TEST_REDIS", "redis://127.0.0.1:9")]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("Redis"), "{stderr}");
    let (code, stderr) = Process::run(&["--allow-model", "flux"], &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("gpt-image-2"), "{stderr}");
}
