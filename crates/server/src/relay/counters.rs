//! The relay's counters behind one interface, [`Counters`], with two
//! stores: [`MemoryCounters`] (the default, one process) and
//! [`super::redis_store::RedisCounters`] (shared by every relay process that
//! uses the same Redis).
//!
//! Both keep the same three kinds of value under the same keys, as Redis
//! would: request rates (a GCRA "theoretical arrival time" per key), daily
//! hashes of named counts, and daily sets of token names. [`Counters::apply`]
//! checks a list of [`Check`]s and applies all of them or none, atomically.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::Mutex;

use futures_util::future::BoxFuture;

/// How long daily counts are kept, for the spend summary.
pub const DAY_KEEP_SECS: u64 = 35 * 86_400;

/// One thing to check and count.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The store key.
    pub key: String,
    /// What to do there.
    pub op: Op,
}

/// What a [`Check`] does.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Admits one request if fewer than `limit` arrived in the last
    /// `period_ms` (GCRA: bursts of up to `limit`, then one every `period_ms / limit`).
    Rate {
        /// How many per period.
        limit: u32,
        /// The period, in milliseconds.
        period_ms: u64,
    },
    /// Adds `add` to the hash field `field`; refused when `add` is positive
    /// and the sum would pass `limit`.
    Add {
        /// The field (`requests`, `images`, `usd_micros`, `refused`).
        field: &'static str,
        /// How much (negative to settle down or refund).
        add: i64,
        /// The most the field may hold.
        limit: Option<i64>,
    },
    /// Adds `member` to a set.
    Member {
        /// The member (a token name).
        member: String,
    },
}

/// What [`Counters::apply`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every check passed, and all were applied.
    Admitted,
    /// The check at `index` failed; nothing was applied.
    Refused {
        /// Which check.
        index: usize,
        /// For a rate: milliseconds until one more request is admitted.
        retry_after_ms: u64,
        /// For an `Add`: what the field holds.
        used: i64,
    },
}

/// The store could not be reached or answered nonsense.
#[derive(Debug, Clone)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the relay's counters are unavailable: {}", self.0)
    }
}

/// The counters, wherever they live.
pub trait Counters: Send + Sync {
    /// Checks every check at the time `now_ms`; applies all of them only if all pass.
    fn apply<'a>(&'a self, now_ms: u64, checks: &'a [Check]) -> BoxFuture<'a, Result<Verdict, StoreError>>;
    /// The members of a set.
    fn members<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<String>, StoreError>>;
    /// The fields of a hash.
    fn fields<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<(String, i64)>, StoreError>>;
    /// Sets a mark on `key` that lasts `for_ms` from `now_ms` (an upstream at rest).
    fn mark<'a>(&'a self, key: &'a str, now_ms: u64, for_ms: u64) -> BoxFuture<'a, Result<(), StoreError>>;
    /// Whether a mark on `key` still lasts at `now_ms`.
    fn marked<'a>(&'a self, key: &'a str, now_ms: u64) -> BoxFuture<'a, Result<bool, StoreError>>;
}

/// Where each count lives, below a prefix.
#[derive(Debug, Clone)]
pub struct Keys {
    prefix: String,
}

impl Keys {
    /// Keys below `prefix` (`gpt-image-relay:`).
    pub fn new(prefix: &str) -> Self {
        Keys { prefix: prefix.to_owned() }
    }

    /// The request rate of a scope (`token:alice`, `address:203.0.113.7`, `total`).
    pub fn rate(&self, scope: &str) -> String {
        format!("{}rate:{scope}", self.prefix)
    }

    /// The counts of a scope on a day.
    pub fn day(&self, day: &str, scope: &str) -> String {
        format!("{}day:{day}:{scope}", self.prefix)
    }

    /// The names of the tokens that called on a day.
    pub fn tokens(&self, day: &str) -> String {
        format!("{}day:{day}:tokens", self.prefix)
    }

    /// The upstreams that answered or failed on a day.
    pub fn upstreams(&self, day: &str) -> String {
        format!("{}day:{day}:upstreams", self.prefix)
    }

    /// The mark of an upstream at rest, by its base URL.
    pub fn rest(&self, upstream: &str) -> String {
        format!("{}rest:{upstream}", self.prefix)
    }
}

/// The GCRA step shared by both stores: the new arrival time if admitted,
/// else how long until it would be.
pub fn gcra(stored: Option<f64>, now: f64, limit: u32, period_ms: u64) -> Result<f64, u64> {
    let period = period_ms as f64;
    let next = stored.unwrap_or(now).max(now) + period / f64::from(limit.max(1));
    if next - now > period { Err((next - period - now).ceil() as u64) } else { Ok(next) }
}

/// Counters in this process.
#[derive(Default)]
pub struct MemoryCounters {
    state: Mutex<Memory>,
}

#[derive(Default)]
struct Memory {
    rates: HashMap<String, f64>,
    hashes: HashMap<String, (u64, HashMap<String, i64>)>,
    sets: HashMap<String, (u64, BTreeSet<String>)>,
    /// Marks and when they end.
    marks: HashMap<String, u64>,
    /// When entries that ran out were last dropped.
    swept_ms: u64,
}

/// How often expired entries are dropped.
const SWEEP_EVERY_MS: u64 = 60_000;

impl Memory {
    fn apply(&mut self, now_ms: u64, checks: &[Check]) -> Verdict {
        self.sweep(now_ms);
        let now = now_ms as f64;
        let mut arrivals = Vec::with_capacity(checks.len());
        for (index, check) in checks.iter().enumerate() {
            match &check.op {
                Op::Rate { limit, period_ms } => {
                    match gcra(self.rates.get(&check.key).copied(), now, *limit, *period_ms) {
                        Ok(next) => arrivals.push(next),
                        Err(retry_after_ms) => return Verdict::Refused { index, retry_after_ms, used: 0 },
                    }
                }
                Op::Add { field, add, limit } => {
                    let used = self.hashes.get(&check.key).and_then(|(_, hash)| hash.get(*field)).copied().unwrap_or(0);
                    if let Some(limit) = limit
                        && *add > 0
                        && used + add > *limit
                    {
                        return Verdict::Refused { index, retry_after_ms: 0, used };
                    }
                }
                Op::Member { .. } => {}
            }
        }
        let expires = now_ms + DAY_KEEP_SECS * 1000;
        let mut arrivals = arrivals.into_iter();
        for check in checks {
            match &check.op {
                Op::Rate { .. } => {
                    if let Some(next) = arrivals.next() {
                        self.rates.insert(check.key.clone(), next);
                    }
                }
                Op::Add { field, add, .. } => {
                    let (expiry, hash) = self.hashes.entry(check.key.clone()).or_default();
                    *expiry = expires;
                    *hash.entry((*field).to_owned()).or_default() += add;
                }
                Op::Member { member } => {
                    let (expiry, set) = self.sets.entry(check.key.clone()).or_default();
                    *expiry = expires;
                    set.insert(member.clone());
                }
            }
        }
        Verdict::Admitted
    }

    /// Drops rates that have fully replenished and days past keeping.
    fn sweep(&mut self, now_ms: u64) {
        if now_ms < self.swept_ms + SWEEP_EVERY_MS {
            return;
        }
        self.swept_ms = now_ms;
        let now = now_ms as f64;
        self.rates.retain(|_, arrival| *arrival > now);
        self.hashes.retain(|_, (expiry, _)| *expiry > now_ms);
        self.sets.retain(|_, (expiry, _)| *expiry > now_ms);
        self.marks.retain(|_, until| *until > now_ms);
    }
}

impl MemoryCounters {
    fn state(&self) -> std::sync::MutexGuard<'_, Memory> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Counters for MemoryCounters {
    fn apply<'a>(&'a self, now_ms: u64, checks: &'a [Check]) -> BoxFuture<'a, Result<Verdict, StoreError>> {
        let verdict = self.state().apply(now_ms, checks);
        Box::pin(async move { Ok(verdict) })
    }

    fn members<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<String>, StoreError>> {
        let members = self.state().sets.get(key).map(|(_, set)| set.iter().cloned().collect()).unwrap_or_default();
        Box::pin(async move { Ok(members) })
    }

    fn fields<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<(String, i64)>, StoreError>> {
        let fields = self
            .state()
            .hashes
            .get(key)
            .map(|(_, hash)| hash.iter().map(|(name, value)| (name.clone(), *value)).collect())
            .unwrap_or_default();
        Box::pin(async move { Ok(fields) })
    }

    fn mark<'a>(&'a self, key: &'a str, now_ms: u64, for_ms: u64) -> BoxFuture<'a, Result<(), StoreError>> {
        self.state().marks.insert(key.to_owned(), now_ms + for_ms);
        Box::pin(async move { Ok(()) })
    }

    fn marked<'a>(&'a self, key: &'a str, now_ms: u64) -> BoxFuture<'a, Result<bool, StoreError>> {
        let marked = self.state().marks.get(key).is_some_and(|until| *until > now_ms);
        Box::pin(async move { Ok(marked) })
    }
}

/// The behaviour both stores must share, run against each in the tests.
#[cfg(test)]
pub async fn exercise(counters: &dyn Counters, keys: &Keys) {
    let rate = |limit| Check { key: keys.rate("token:a"), op: Op::Rate { limit, period_ms: 60_000 } };
    let images =
        |add, limit| Check { key: keys.day("2026-12-01", "token:a"), op: Op::Add { field: "images", add, limit } };
    let t = 1_000_000;
    // Two requests a minute: two at once, then one every 30 s.
    assert_eq!(counters.apply(t, &[rate(2)]).await.unwrap(), Verdict::Admitted);
    assert_eq!(counters.apply(t, &[rate(2)]).await.unwrap(), Verdict::Admitted);
    assert_eq!(
        counters.apply(t + 10_000, &[rate(2)]).await.unwrap(),
        Verdict::Refused { index: 0, retry_after_ms: 20_000, used: 0 }
    );
    assert_eq!(counters.apply(t + 30_000, &[rate(2)]).await.unwrap(), Verdict::Admitted);
    // All or nothing: the refused image count leaves the rate untouched.
    assert_eq!(counters.apply(t + 60_000, &[images(3, Some(5))]).await.unwrap(), Verdict::Admitted);
    let refused = counters.apply(t + 60_000, &[rate(2), images(3, Some(5))]).await.unwrap();
    assert_eq!(refused, Verdict::Refused { index: 1, retry_after_ms: 0, used: 3 });
    assert_eq!(counters.apply(t + 60_000, &[rate(2), images(2, Some(5))]).await.unwrap(), Verdict::Admitted);
    // Settling down is never refused.
    assert_eq!(counters.apply(t + 60_000, &[images(-1, None)]).await.unwrap(), Verdict::Admitted);
    let member = Check { key: keys.tokens("2026-12-01"), op: Op::Member { member: "a".into() } };
    counters.apply(t, &[member.clone(), member]).await.unwrap();
    assert_eq!(counters.members(&keys.tokens("2026-12-01")).await.unwrap(), vec!["a".to_owned()]);
    assert_eq!(counters.fields(&keys.day("2026-12-01", "token:a")).await.unwrap(), vec![("images".to_owned(), 4)]);
    assert!(counters.members(&keys.tokens("2026-11-30")).await.unwrap().is_empty());
    let now = super::clock::now_ms();
    counters.mark(&keys.rest("http://a/v1"), now, 60_000).await.unwrap();
    assert!(counters.marked(&keys.rest("http://a/v1"), now).await.unwrap());
    assert!(!counters.marked(&keys.rest("http://b/v1"), now).await.unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_counters_check_all_then_apply_all() {
        exercise(&MemoryCounters::default(), &Keys::new("test:")).await;
    }

    #[test]
    fn gcra_admits_bursts_then_evenly() {
        assert_eq!(gcra(None, 0.0, 3, 3000), Ok(1000.0));
        assert_eq!(gcra(Some(3000.0), 0.0, 3, 3000), Err(1000));
        assert_eq!(gcra(Some(3000.0), 1000.0, 3, 3000), Ok(4000.0));
    }
}
