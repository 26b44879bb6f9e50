//! Images answered as links (`response_format: url`): kept in memory under a
//! random id until they expire, within a bound on the bytes kept.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;

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
