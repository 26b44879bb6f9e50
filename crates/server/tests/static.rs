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
    let api = client().get(format!("{base}/v1/models")).send().await.unwrap();
    assert_eq!(api.status(), 200);
    assert!(api.headers().get("content-security-policy").is_none(), "only static files get --header");
    let missing_api = client().get(format!("{base}/v1/unknown")).send().await.unwrap();
    assert_eq!(missing_api.status(), 404);
    std::fs::remove_dir_all(dir).ok();
}
