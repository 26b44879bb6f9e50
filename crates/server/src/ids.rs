//! Random identifiers: request ids and link ids.

use std::hash::BuildHasher;

/// `bytes` random bytes as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    if getrandom::fill(&mut buffer).is_err() {
        // No system randomness: fall back to the clock and a counter, which
        // are unique enough for ids on a local server.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let seed = count ^ nanos as u64;
        for (index, byte) in buffer.iter_mut().enumerate() {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            std::hash::Hasher::write_u64(&mut hasher, seed ^ index as u64);
            *byte = std::hash::Hasher::finish(&hasher) as u8;
        }
    }
    buffer.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A request id as OpenAI writes them: `req_` and 32 hex digits.
pub fn request_id() -> String {
    format!("req_{}", random_hex(16))
}

/// The current time in Unix seconds.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_ids_look_like_openai_ones() {
        let id = super::request_id();
        assert_eq!(id.len(), 36);
        assert!(id.starts_with("req_") && id[4..].chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(id, super::request_id());
    }
}
