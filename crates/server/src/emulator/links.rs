//! Images answered as links (`response_format: url`): kept in memory under a
//! random id until they expire, within a bound on the bytes kept.
//!
//! Also a second host for the `links_without_cors` fault: links served with
//! no CORS headers at all, as many storage buckets and CDNs serve them, so
//! that a page on another origin cannot read them with `fetch` (an `<img>`
//! still shows them).

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// One stored image.
struct Entry {
    bytes: Bytes,
    content_type: String,
    expires: Instant,
}

#[derive(Default)]
struct Store {
    entries: HashMap<String, Entry>,
    /// Ids, oldest first.
    order: VecDeque<String>,
    total: usize,
}

/// The images behind links, with their expiry.
pub struct Links {
    ttl: Duration,
    max_bytes: usize,
    store: Mutex<Store>,
}

impl Links {
    /// A store whose links last `ttl` and that keeps at most `max_bytes`.
    pub fn new(ttl: Duration, max_bytes: usize) -> Self {
        Links { ttl, max_bytes, store: Mutex::default() }
    }

    /// Keeps an image and returns its new id. Expired images, then the
    /// oldest ones, make room.
    pub fn insert(&self, bytes: Bytes, content_type: &str) -> String {
        let id = crate::ids::random_hex(16);
        let now = Instant::now();
        let mut store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while let Some(oldest) = store.order.front().cloned() {
            let expired = store.entries.get(&oldest).is_none_or(|entry| entry.expires <= now);
            if !expired && store.total + bytes.len() <= self.max_bytes {
                break;
            }
            store.order.pop_front();
            if let Some(entry) = store.entries.remove(&oldest) {
                store.total -= entry.bytes.len();
            }
        }
        store.total += bytes.len();
        store.order.push_back(id.clone());
        let entry = Entry { bytes, content_type: content_type.to_owned(), expires: now + self.ttl };
        store.entries.insert(id.clone(), entry);
        id
    }

    /// The image and its content type, unless it never existed, expired or was dropped.
    pub fn get(&self, id: &str) -> Option<(Bytes, String)> {
        let store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let entry = store.entries.get(id).filter(|entry| entry.expires > Instant::now())?;
        Some((entry.bytes.clone(), entry.content_type.clone()))
    }
}

/// How long a link of the CORS-less host lasts.
const BARE_TTL: Duration = Duration::from_secs(3600);
/// The memory the CORS-less host keeps images in; the oldest go first.
const BARE_MAX_BYTES: usize = 64 << 20;

/// A host on `127.0.0.1` that serves images and nothing else: no CORS
/// headers, no `x-request-id`, no API. One per process, shared by every
/// server in it, started on first use on a thread of its own (so that it
/// outlives the runtime of whichever server started it).
struct BareHost {
    links: Links,
    base: String,
}

/// The CORS-less host, once started.
static BARE_HOST: OnceLock<Result<BareHost, String>> = OnceLock::new();

/// Keeps an image on the CORS-less host; returns its link,
/// `http://127.0.0.1:PORT/files/ID.EXT`, or why the host could not start.
pub fn without_cors(bytes: Bytes, content_type: &str, extension: &str) -> Result<String, String> {
    let host = BARE_HOST
        .get_or_init(|| start_bare_host().map_err(|error| format!("the CORS-less host could not start: {error}")));
    let host = host.as_ref().map_err(Clone::clone)?;
    let id = host.links.insert(bytes, content_type);
    Ok(format!("{}/files/{id}.{extension}", host.base))
}

fn start_bare_host() -> std::io::Result<BareHost> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let base = format!("http://{}", listener.local_addr()?);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    std::thread::Builder::new().name("cors-less-links".into()).spawn(move || {
        runtime.block_on(async move {
            let router = Router::new().route("/files/{file}", get(bare_file));
            if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                let _ = axum::serve(listener, router).await;
            }
        })
    })?;
    Ok(BareHost { links: Links::new(BARE_TTL, BARE_MAX_BYTES), base })
}

/// `GET /files/{id}.{ext}` on the CORS-less host.
async fn bare_file(Path(file): Path<String>) -> Response {
    let id = file.split('.').next().unwrap_or_default();
    let found = BARE_HOST.get().and_then(|host| host.as_ref().ok()).and_then(|host| host.links.get(id));
    match found {
        Some((bytes, content_type)) => ([(header::CONTENT_TYPE, content_type)], bytes).into_response(),
        None => (StatusCode::NOT_FOUND, "This link has expired or never existed.").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_expire() {
        let links = Links::new(Duration::from_millis(30), 1000);
        let id = links.insert(Bytes::from_static(b"png"), "image/png");
        assert_eq!(links.get(&id).unwrap().1, "image/png");
        std::thread::sleep(Duration::from_millis(40));
        assert!(links.get(&id).is_none());
        assert!(links.get("nope").is_none());
    }

    #[test]
    fn the_oldest_make_room() {
        let links = Links::new(Duration::from_secs(60), 10);
        let first = links.insert(Bytes::from_static(b"123456"), "image/png");
        let second = links.insert(Bytes::from_static(b"789012"), "image/png");
        assert!(links.get(&first).is_none());
        assert!(links.get(&second).is_some());
    }
}
