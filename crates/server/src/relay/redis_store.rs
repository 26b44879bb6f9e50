//! [`Counters`] in Redis (`--redis-url-env`): every relay process that uses
//! the same Redis (and prefix) enforces one set of limits.
//!
//! Each [`Counters::apply`] is one Lua script, so checking and counting are
//! one atomic step however many relays call at once; the `redis` crate's
//! connection manager reconnects after a failure. A request that finds
//! Redis unreachable is refused (503), never let through uncounted.

use std::time::Duration;

use futures_util::future::BoxFuture;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::counters::{Check, Counters, DAY_KEEP_SECS, Op, StoreError, Verdict};

/// The Lua twin of [`super::counters::MemoryCounters`]: check every
/// check, then apply all of them. `ARGV`: the time in milliseconds, the
/// seconds to keep daily counts, then four values per check (`KEYS[i]`):
/// `rate, limit, period_ms, -`, `add, field, amount, limit-or-empty` or
/// `member, name, -, -`. Answers `{index, retry_after_ms, used}`, index 0
/// when admitted.
const APPLY: &str = r"
local now = tonumber(ARGV[1])
local keep = tonumber(ARGV[2])
local arrivals = {}
for i = 1, #KEYS do
  local kind, a, b, c = ARGV[i * 4 - 1], ARGV[i * 4], ARGV[i * 4 + 1], ARGV[i * 4 + 2]
  if kind == 'rate' then
    local limit, period = tonumber(a), tonumber(b)
    local stored = redis.call('GET', KEYS[i])
    local tat = now
    if stored then tat = math.max(tonumber(stored), now) end
    local next = tat + period / math.max(limit, 1)
    if next - now > period then return {i, math.ceil(next - period - now), 0} end
    arrivals[i] = next
  elseif kind == 'add' then
    local used = tonumber(redis.call('HGET', KEYS[i], a) or '0')
    local amount = tonumber(b)
    if c ~= '' and amount > 0 and used + amount > tonumber(c) then return {i, 0, used} end
  end
end
for i = 1, #KEYS do
  local kind, a, b = ARGV[i * 4 - 1], ARGV[i * 4], ARGV[i * 4 + 1]
  if kind == 'rate' then
    redis.call('SET', KEYS[i], string.format('%.3f', arrivals[i]), 'PX', math.ceil(arrivals[i] - now) + 1)
  elseif kind == 'add' then
    redis.call('HINCRBY', KEYS[i], a, b)
    redis.call('EXPIRE', KEYS[i], keep)
  else
    redis.call('SADD', KEYS[i], a)
    redis.call('EXPIRE', KEYS[i], keep)
  end
end
return {0, 0, 0}
";

/// Counters in Redis.
pub struct RedisCounters {
    connection: ConnectionManager,
    script: redis::Script,
}

impl RedisCounters {
    /// Connects to `url` (`redis://HOST:PORT[/DB]`, or `rediss://` over TLS,
    /// whose certificate is checked against the system's roots, or those of
    /// `SSL_CERT_FILE`) and checks that it answers.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(|error| StoreError(format!("bad Redis URL: {error}")))?;
        // A Redis that is down or hangs answers within seconds (a refusal), never holds requests.
        let config = ConnectionManagerConfig::new()
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500))
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_secs(2)));
        let failed = |error: redis::RedisError| match error.to_string() {
            text if text.contains("certificate") => StoreError(format!(
                "Redis: {text} (a rediss:// server's certificate must be signed by an authority the system trusts, \
                 or by one in the PEM file named by SSL_CERT_FILE)"
            )),
            _ => failed(error),
        };
        let mut connection = client.get_connection_manager_with_config(config).await.map_err(failed)?;
        let _: String = redis::cmd("PING").query_async(&mut connection).await.map_err(failed)?;
        Ok(RedisCounters { connection, script: redis::Script::new(APPLY) })
    }
}

fn failed(error: redis::RedisError) -> StoreError {
    StoreError(format!("Redis: {error}"))
}

impl Counters for RedisCounters {
    fn apply<'a>(&'a self, now_ms: u64, checks: &'a [Check]) -> BoxFuture<'a, Result<Verdict, StoreError>> {
        Box::pin(async move {
            let mut invocation = self.script.prepare_invoke();
            invocation.arg(now_ms).arg(DAY_KEEP_SECS);
            for check in checks {
                invocation.key(&check.key);
                match &check.op {
                    Op::Rate { limit, period_ms } => invocation.arg("rate").arg(limit).arg(period_ms).arg(""),
                    Op::Add { field, add, limit } => {
                        let limit = limit.map(|limit| limit.to_string()).unwrap_or_default();
                        invocation.arg("add").arg(field).arg(add).arg(limit)
                    }
                    Op::Member { member } => invocation.arg("member").arg(member).arg("").arg(""),
                };
            }
            let mut connection = self.connection.clone();
            let (index, retry_after_ms, used): (usize, u64, i64) =
                invocation.invoke_async(&mut connection).await.map_err(failed)?;
            Ok(match index {
                0 => Verdict::Admitted,
                index => Verdict::Refused { index: index - 1, retry_after_ms, used },
            })
        })
    }

    fn members<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<String>, StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            let mut members: Vec<String> =
                redis::cmd("SMEMBERS").arg(key).query_async(&mut connection).await.map_err(failed)?;
            members.sort();
            Ok(members)
        })
    }

    fn fields<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<(String, i64)>, StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            redis::cmd("HGETALL").arg(key).query_async(&mut connection).await.map_err(failed)
        })
    }

    fn mark<'a>(&'a self, key: &'a str, _now_ms: u64, for_ms: u64) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            redis::cmd("SET")
                .arg(key)
                .arg(1)
                .arg("PX")
                .arg(for_ms.max(1))
                .query_async(&mut connection)
                .await
                .map_err(failed)
        })
    }

    fn marked<'a>(&'a self, key: &'a str, _now_ms: u64) -> BoxFuture<'a, Result<bool, StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            redis::cmd("EXISTS").arg(key).query_async(&mut connection).await.map_err(failed)
        })
    }
}

#[cfg(test)]
#[path = "../../tests/relay_support/redis.rs"]
mod redis_server;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relay::counters::{Keys, exercise};

    #[tokio::test]
    async fn redis_counters_behave_as_the_memory_ones() {
        let server = redis_server::Redis::start();
        let counters = RedisCounters::connect(&server.url).await.unwrap();
        exercise(&counters, &Keys::new("test:")).await;
    }

    #[tokio::test]
    async fn a_redis_over_tls_whose_certificate_is_not_trusted_says_how_to_trust_it() {
        let server = redis_server::Redis::start_tls();
        let error = RedisCounters::connect(&server.url).await.err().unwrap().to_string();
        assert!(error.contains("invalid peer certificate") && error.contains("SSL_CERT_FILE"), "{error}");
    }

    #[tokio::test]
    async fn an_unreachable_redis_is_an_error() {
        let error = RedisCounters::connect("redis://127.0.0.1:9").await.err().unwrap();
        assert!(error.to_string().contains("Redis"), "{error}");
    }
}
