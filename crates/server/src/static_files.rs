//! `--static DIR`: a built playground served at `/`, on the API's origin,
//! compressed where a precompressed copy sits beside a file.

use std::path::Path;

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Cache headers for files whose names carry a content hash: never stale.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache headers for everything else: always revalidate.
const REVALIDATE: &str = "no-cache";

/// The files of a built playground. An unknown path without an extension
/// gets `index.html` (client-side routing); an unknown file (`config.json`
/// a site did not write, an old build's script) gets a 404, not a page of
/// HTML the client would have to see through.
pub struct StaticFiles {
    pages: ServeDir<ServeFile>,
    files: ServeDir,
    headers: HeaderMap,
}

impl StaticFiles {
    /// Serves `dir`, adding `headers` (name, value) to every file; invalid ones are skipped.
    pub fn new(dir: &Path, headers: &[(String, String)]) -> Self {
        let headers = headers
            .iter()
            .filter_map(|(name, value)| Some((HeaderName::try_from(name).ok()?, HeaderValue::try_from(value).ok()?)))
            .collect();
        // A precompressed copy (`app.wasm.br`, `app.wasm.gz`, written by
        // `cargo xtask dist`) is sent when the request accepts its encoding.
        let index = ServeFile::new(dir.join("index.html")).precompressed_br().precompressed_gzip();
        let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
        StaticFiles { pages: files.clone().fallback(index), files, headers }
    }

    /// Answers a request for a file, with its content type and cache headers.
    pub async fn serve(&self, request: Request) -> Response {
        let path = request.uri().path();
        let hashed = is_hashed(path);
        let file = path.rsplit('/').next().is_some_and(|name| name.contains('.'));
        let answered = if file {
            self.files.clone().oneshot(request).await.map(IntoResponse::into_response)
        } else {
            self.pages.clone().oneshot(request).await.map(IntoResponse::into_response)
        };
        let mut response = match answered {
            Ok(response) => response,
            Err(never) => match never {},
        };
        if response.status().is_success() {
            let html = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .is_some_and(|value| value.starts_with("text/html"));
            let policy = if hashed && !html { IMMUTABLE } else { REVALIDATE };
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
            // Caches must keep the compressed and the plain answer apart.
            response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            response.headers_mut().extend(self.headers.clone());
        }
        response
    }
}

/// Whether a file name carries a content hash, as bundlers write them:
/// `app-3f2a1b9c8d7e6f5a.js`, `app-3f2a1b9c8d7e6f5a_bg.wasm`, `index-DiwrgTda.js`.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    stem.split('-').skip(1).any(|part| {
        let part = part.trim_end_matches("_bg");
        part.len() >= 8
            && part.chars().all(|c| c.is_ascii_alphanumeric())
            && part.chars().any(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("/app-3f2a1b9c8d7e6f5a.js"));
        assert!(is_hashed("/pkg/app-3f2a1b9c8d7e6f5a_bg.wasm"));
        assert!(is_hashed("/assets/index-DiwrgTda.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/gpt-image-playground.js"));
    }
}
