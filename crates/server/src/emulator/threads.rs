//! The responses the emulator keeps for `previous_response_id`: each turn's
//! image and what the thread said so far, for a while (a time to live) and
//! within a bound on how many, the oldest dropped first.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;

/// What a later turn needs of an earlier one.
#[derive(Debug, Clone)]
pub struct Kept {
    /// The thread's current image (a file this server can decode): the
    /// last one drawn in the thread, if any.
    pub image: Option<Bytes>,
    /// Every user text of the thread, oldest first, joined by lines.
    pub text: String,
    /// The tokens the answering model reads of the thread so far: every
    /// earlier turn's input and output, and the images it saw.
    pub context_tokens: u64,
}

struct Entry {
    kept: Kept,
    expires: Instant,
}

#[derive(Default)]
struct Store {
    entries: HashMap<String, Entry>,
    /// Ids, oldest first.
    order: VecDeque<String>,
}

/// The kept responses.
pub struct Threads {
    ttl: Duration,
    max: usize,
    store: Mutex<Store>,
}

impl Threads {
    /// Keeps at most `max` responses, each for `ttl`.
    pub fn new(ttl: Duration, max: usize) -> Self {
        Threads { ttl, max, store: Mutex::default() }
    }

    /// Keeps a response under `id`; expired ones, then the oldest, make room.
    pub fn insert(&self, id: String, kept: Kept) {
        if self.max == 0 {
            return;
        }
        let now = Instant::now();
        let mut store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while let Some(oldest) = store.order.front().cloned() {
            let expired = store.entries.get(&oldest).is_none_or(|entry| entry.expires <= now);
            if !expired && store.entries.len() < self.max {
                break;
            }
            store.order.pop_front();
            store.entries.remove(&oldest);
        }
        store.order.push_back(id.clone());
        store.entries.insert(id, Entry { kept, expires: now + self.ttl });
    }

    /// The response kept under `id`, unless it never existed, expired or was dropped.
    pub fn get(&self, id: &str) -> Option<Kept> {
        let store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        store.entries.get(id).filter(|entry| entry.expires > Instant::now()).map(|entry| entry.kept.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Kept {
        Kept { image: None, text: text.into(), context_tokens: 1 }
    }

    #[test]
    fn the_oldest_go_first_and_expired_ones_are_gone() {
        let threads = Threads::new(Duration::from_secs(60), 2);
        for id in ["a", "b", "c"] {
            threads.insert(id.into(), kept(id));
        }
        assert!(threads.get("a").is_none());
        assert_eq!(threads.get("c").unwrap().text, "c");
        let brief = Threads::new(Duration::ZERO, 5);
        brief.insert("x".into(), kept("x"));
        assert!(brief.get("x").is_none());
        let none = Threads::new(Duration::from_secs(60), 0);
        none.insert("y".into(), kept("y"));
        assert!(none.get("y").is_none());
    }
}
