//! `--static DIR`: the playground and its API on one origin.

mod common;

use common::{client, start};
use gpt_image_server::Config;

#[tokio::test]
async fn files_index_fallback_and_the_api_side_by_side() {
    let dir = std::env::temp_dir().join(format!("gpt-image-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>playground</title>").unwrap();
    std::fs::write(dir.join("pkg/app-3f2a1b9c8d7e6f5a_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let csp = ("Content-Security-Policy".to_owned(), "default-src 'self'".to_owned());
    let base = start(Config { static_dir: Some(dir.clone()), static_headers: vec![csp], ..Config::default() }).await;
    let index = client().get(format!("{base}/")).send().await.unwrap();
    assert_eq!(index.status(), 200);
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert_eq!(index.headers()["content-security-policy"], "default-src 'self'", "--header is added");
    assert_eq!(index.headers()["access-control-allow-origin"], "*", "files load from other origins");
    assert!(index.text().await.unwrap().contains("playground"));
    let wasm = client().get(format!("{base}/pkg/app-3f2a1b9c8d7e6f5a_bg.wasm")).send().await.unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert!(wasm.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    let route = client().get(format!("{base}/history/42")).send().await.unwrap();
    assert_eq!(route.status(), 200);
    assert!(route.text().await.unwrap().contains("playground"));
    // A missing file is a 404, not the page: a site without a config.json,
    // an old build's script.
    for missing in ["config.json", "pkg/app-0000000000000000.js"] {
        let answer = client().get(format!("{base}/{missing}")).send().await.unwrap();
        assert_eq!(answer.status(), 404, "{missing}");
    }
    let api = client().get(format!("{base}/v1/models")).send().await.unwrap();
    assert_eq!(api.status(), 200);
    assert!(api.headers().get("content-security-policy").is_none(), "only static files get --header");
    let missing_api = client().get(format!("{base}/v1/unknown")).send().await.unwrap();
    assert_eq!(missing_api.status(), 404);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn precompressed_copies_are_sent_to_clients_that_accept_them() {
    let dir = std::env::temp_dir().join(format!("gpt-image-static-br-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = "console.log('the playground');\n".repeat(50);
    std::fs::write(dir.join("index.html"), "<!doctype html><title>playground</title>").unwrap();
    std::fs::write(dir.join("app-3f2a1b9c8d7e6f5a.js"), &script).unwrap();
    std::fs::write(dir.join("app-3f2a1b9c8d7e6f5a.js.br"), b"brotli bytes").unwrap();
    std::fs::write(dir.join("app-3f2a1b9c8d7e6f5a.js.gz"), b"gzip bytes").unwrap();
    let base = start(Config { static_dir: Some(dir.clone()), ..Config::default() }).await;
    let get = |encoding: &'static str| {
        let url = format!("{base}/app-3f2a1b9c8d7e6f5a.js");
        async move { client().get(url).header("accept-encoding", encoding).send().await.unwrap() }
    };
    let br = get("gzip, deflate, br").await;
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["content-type"], "text/javascript", "the type of the file, not of its copy");
    assert_eq!(br.headers()["vary"], "accept-encoding");
    assert!(br.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"brotli bytes");
    let gzip = get("gzip").await;
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    assert_eq!(gzip.bytes().await.unwrap().as_ref(), b"gzip bytes");
    let plain = get("identity").await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.text().await.unwrap(), script);
    std::fs::remove_dir_all(dir).ok();
}
