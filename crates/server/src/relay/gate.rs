//! The gate every API request passes: who may call (origin, token), what
//! they may ask (caps), how much (rates, daily images and dollars, counted
//! in the store), and one log line when the answer has gone out, with what
//! it cost as its `usage` says.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::ask::{Ask, route_of, text_usd};
use super::clock;
use super::counters::{Check, Counters, Keys, MemoryCounters, Op, Verdict};
use super::forward::{Attempts, Relayed};
use super::limits::Limits;
use super::origins::{address_scope, allowed, client_address};
use super::policy::{Policy, StoreConfig};
use super::refusal::{Meaning, Refusal, refusal, to_micros, unavailable};
use super::tally::{Counted, Tally, Tapped};
use super::tokens::{self, ANONYMOUS_NAME, SHARED_NAME};
use crate::error::{ApiFailure, invalid_api_key, whole_body};

/// The gate's rules and state.
pub struct Gate {
    policy: Policy,
    shared_key: Option<String>,
    counters: Arc<dyn Counters>,
    keys: Keys,
    log: Option<super::access_log::AccessLog>,
    body_limit: usize,
}

/// Who is calling.
struct Caller {
    name: String,
    limits: Limits,
}

/// What the log line and the settling need to know about a request.
struct Entry {
    started: Instant,
    at_ms: u64,
    day: String,
    token: Option<String>,
    address: Option<IpAddr>,
    origin: Option<String>,
    method: Method,
    path: String,
    ask: Option<Ask>,
    estimate: Option<f64>,
}

/// An amount added to a daily count at admission, settled when the answer is known.
type Reserved = (String, &'static str, i64);

impl Gate {
    /// The gate of `policy`, with one `shared_key` besides its tokens, for
    /// bodies of up to `body_limit` bytes: connects to Redis and opens the
    /// log as configured.
    pub async fn new(policy: Policy, shared_key: Option<String>, body_limit: usize) -> io::Result<Gate> {
        let (counters, keys): (Arc<dyn Counters>, Keys) = match &policy.store {
            StoreConfig::Memory => (Arc::new(MemoryCounters::default()), Keys::new("")),
            StoreConfig::Redis { url, prefix } => {
                let redis = super::redis_store::RedisCounters::connect(url)
                    .await
                    .map_err(|error| io::Error::other(error.to_string()))?;
                (Arc::new(redis), Keys::new(prefix))
            }
        };
        let log = policy.log.as_ref().map(super::access_log::AccessLog::start).transpose()?;
        Ok(Gate { shared_key: shared_key.filter(|key| !key.is_empty()), counters, keys, log, body_limit, policy })
    }

    /// The rules.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The counters' store and its keys, to share (the upstreams' rests live there too).
    pub fn store(&self) -> (Arc<dyn Counters>, Keys) {
        (self.counters.clone(), self.keys.clone())
    }

    /// The counters and their keys (for the spend summary).
    pub fn counters(&self) -> (&dyn Counters, &Keys) {
        (self.counters.as_ref(), &self.keys)
    }

    /// Whether callers must send a key or a token.
    fn authenticates(&self) -> bool {
        self.shared_key.is_some() || !self.policy.tokens.is_empty()
    }

    /// Lets `request` through to `next` or refuses it, and counts and logs it.
    pub async fn handle(&self, mut request: Request, next: Next) -> Response {
        let mut entry = self.entry(&request);
        let caller = match self.identify(request.headers(), entry.origin.as_deref()) {
            Ok(caller) => caller,
            Err(failure) => return self.refuse(entry, failure.into()),
        };
        entry.token = Some(caller.name.clone());
        if self.authenticates() {
            // The relay's own tokens are not the provider's keys.
            request.headers_mut().remove(header::AUTHORIZATION);
        }
        if !self.policy.inspects() {
            return next.run(request).await;
        }
        if let Some(route) = route_of(request.method(), request.uri().path()) {
            let (parts, body) = request.into_parts();
            let bytes = match whole_body(body, self.body_limit).await {
                Ok(bytes) => bytes,
                Err(failure) => return self.refuse(entry, failure.into()),
            };
            let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok());
            let ask = match Ask::read(route, content_type.unwrap_or_default(), &bytes).await {
                Ok(ask) => ask,
                Err(failure) => return self.refuse(entry, failure.into()),
            };
            let checked = ask.check(&self.policy.caps);
            entry.estimate = ask.estimate_usd(self.policy.text_usd_per_million);
            entry.ask = Some(ask.clone());
            if let Err(failure) = checked {
                return self.refuse_counted(entry, failure.into()).await;
            }
            request = Request::from_parts(parts, Body::from(bytes));
            // The relay routes by it, without reading the body again.
            request.extensions_mut().insert(ask);
        }
        let reserved = match self.admit(&caller, &entry).await {
            Ok(reserved) => reserved,
            Err(refusal) => return self.refuse_counted(entry, refusal).await,
        };
        let response = next.run(request).await;
        self.follow(entry, reserved, response)
    }

    fn entry(&self, request: &Request) -> Entry {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| *peer);
        let at_ms = clock::now_ms();
        let origin = request.headers().get(header::ORIGIN).and_then(|value| value.to_str().ok()).map(str::to_owned);
        Entry {
            started: Instant::now(),
            at_ms,
            day: clock::day(at_ms),
            token: None,
            address: client_address(peer, request.headers(), &self.policy.trusted_proxies),
            origin,
            method: request.method().clone(),
            path: request.uri().path().to_owned(),
            ask: None,
            estimate: None,
        }
    }

    /// Checks the origin and the token.
    fn identify(&self, headers: &HeaderMap, origin: Option<&str>) -> Result<Caller, ApiFailure> {
        let origins = &self.policy.origins;
        if let Some(origin) = origin
            && !origins.is_empty()
            && !allowed(origins, origin)
        {
            let message = format!(
                "This relay does not take requests from web pages on {origin}. Its operator can allow them with --allow-origin {origin}."
            );
            return Err(ApiFailure::new(StatusCode::FORBIDDEN, "invalid_request_error", message)
                .with_code("origin_not_allowed"));
        }
        if self.authenticates() {
            let sent = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
            let Some(sent) = sent.and_then(|value| value.strip_prefix("Bearer ")).map(str::trim) else {
                return Err(invalid_api_key(None));
            };
            if let Some(key) = &self.shared_key
                && tokens::same(key.as_bytes(), sent.as_bytes())
            {
                return Ok(Caller { name: SHARED_NAME.into(), limits: self.policy.limits_of(None) });
            }
            return match tokens::find(&self.policy.tokens, sent) {
                Some(token) => Ok(Caller { name: token.name.clone(), limits: self.policy.limits_of(Some(token)) }),
                None => Err(invalid_api_key(Some(sent))),
            };
        }
        // A browser names no origin on a same-origin GET; it says where the request came from instead.
        let same_origin = headers.get("sec-fetch-site").is_some_and(|value| value == "same-origin");
        if !origins.is_empty() && origin.is_none() && !same_origin {
            let message = "This relay answers web pages on the origins it allows, and this request names none (no Origin header). Other programs need a token from the relay's operator.";
            return Err(
                ApiFailure::new(StatusCode::FORBIDDEN, "invalid_request_error", message).with_code("origin_required")
            );
        }
        Ok(Caller { name: ANONYMOUS_NAME.into(), limits: Limits::default() })
    }

    /// Checks and counts the request in every scope at once; returns what
    /// was reserved for settling.
    async fn admit(&self, caller: &Caller, entry: &Entry) -> Result<Vec<Reserved>, Refusal> {
        let address = entry.address.map(address_scope);
        let mut scopes =
            vec![(format!("token:{}", caller.name), format!("token {}", caller.name), caller.limits, true)];
        if let Some(address) = address {
            scopes.push((format!("address:{address}"), format!("address {address}"), self.policy.per_address, false));
        }
        scopes.push(("total".into(), "all callers together".into(), self.policy.total, true));
        let micros = entry.estimate.map(to_micros);
        let (mut checks, mut meanings, mut reserved) = (Vec::new(), Vec::new(), Vec::new());
        for (scope, who, limits, record) in scopes {
            if let Some(rate) = limits.requests {
                let op = Op::Rate { limit: rate.count, period_ms: rate.period.as_millis() as u64 };
                checks.push(Check { key: self.keys.rate(&scope), op });
                meanings.push(Meaning::Requests { who: who.clone(), rate });
            }
            let day = self.keys.day(&entry.day, &scope);
            if record {
                checks.push(Check { key: day.clone(), op: Op::Add { field: "requests", add: 1, limit: None } });
                meanings.push(Meaning::Record);
            }
            let Some(ask) = &entry.ask else { continue };
            if record || limits.images_per_day.is_some() {
                let (add, limit) = (i64::from(ask.images()), limits.images_per_day.map(|limit| limit as i64));
                checks.push(Check { key: day.clone(), op: Op::Add { field: "images", add, limit } });
                meanings.push(Meaning::Images { who: who.clone(), limit: limits.images_per_day });
                reserved.push((day.clone(), "images", add));
            }
            // A turn's text tokens need the operator's rate to be counted in dollars.
            let unpriced =
                micros.is_none() || (ask.text_model().is_some() && self.policy.text_usd_per_million.is_none());
            match (micros, limits.usd_per_day) {
                (_, Some(_)) if unpriced => return Err(ask.unpriced(self.policy.text_usd_per_million).into()),
                (Some(add), limit) if record || limit.is_some() => {
                    let op = Op::Add { field: "usd_micros", add, limit: limit.map(to_micros) };
                    checks.push(Check { key: day.clone(), op });
                    meanings.push(Meaning::Usd { who, limit });
                    reserved.push((day, "usd_micros", add));
                }
                _ => {}
            }
        }
        checks.push(Check { key: self.keys.tokens(&entry.day), op: Op::Member { member: caller.name.clone() } });
        meanings.push(Meaning::Record);
        match self.counters.apply(entry.at_ms, &checks).await {
            Ok(Verdict::Admitted) => Ok(reserved),
            Ok(Verdict::Refused { index, retry_after_ms, used }) => Err(refusal(
                &meanings[index],
                entry.at_ms,
                entry.ask.as_ref().map_or(0, Ask::images),
                entry.estimate,
                retry_after_ms,
                used,
            )),
            Err(error) => Err(unavailable(&error).into()),
        }
    }

    /// Answers a refusal, and counts it for the caller's token.
    async fn refuse_counted(&self, entry: Entry, refusal: Refusal) -> Response {
        if let Some(token) = &entry.token {
            let checks = [
                Check {
                    key: self.keys.day(&entry.day, &format!("token:{token}")),
                    op: Op::Add { field: "refused", add: 1, limit: None },
                },
                Check { key: self.keys.tokens(&entry.day), op: Op::Member { member: token.clone() } },
            ];
            if let Err(error) = self.counters.apply(entry.at_ms, &checks).await {
                eprintln!("{error}");
            }
        }
        self.refuse(entry, refusal)
    }

    /// Answers a refusal and logs it.
    fn refuse(&self, entry: Entry, refusal: Refusal) -> Response {
        let code = refusal.failure.error.code.clone();
        let mut response = refusal.failure.into_response();
        for (name, value) in refusal.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().insert(name, value);
            }
        }
        let request_id = request_id(&mut response);
        if let Some(log) = &self.log {
            let status = response.status();
            log.write(&line(&entry, status, code.as_deref(), &request_id, None, None, self.policy.log_prompts));
        }
        response
    }

    /// Passes the answer on, reading what it cost as it streams; settles and
    /// logs once it has gone out.
    fn follow(&self, entry: Entry, reserved: Vec<Reserved>, mut response: Response) -> Response {
        let request_id = request_id(&mut response);
        let status = response.status();
        let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok());
        let tally = match &entry.ask {
            Some(ask) if status.is_success() => Tally::new(content_type.unwrap_or_default(), ask.route),
            _ => Tally::Ignored,
        };
        let relayed = response.extensions().get::<Relayed>().cloned();
        let (counters, keys) = (self.counters.clone(), self.keys.clone());
        let (log, log_prompts) = (self.log.clone(), self.policy.log_prompts);
        let text_rate = self.policy.text_usd_per_million;
        let length = response.headers().get(header::CONTENT_LENGTH).and_then(|value| value.to_str().ok()?.parse().ok());
        let (parts, body) = response.into_parts();
        let tapped = Tapped::new(body, length, tally, move |counted, complete| {
            let attempts = relayed.map(|relayed| relayed.attempts());
            // Under a kept-alive 200, what the provider answered.
            let status = attempts.as_ref().and_then(|attempts| attempts.status).unwrap_or(status);
            let (settled, images) = settle(&entry, status, &counted, text_rate);
            let mut adjustments: Vec<Check> = reserved
                .into_iter()
                .filter_map(|(key, field, reserved)| {
                    let now = if field == "images" { images } else { settled.map_or(reserved, to_micros) };
                    (now != reserved).then_some(Check { key, op: Op::Add { field, add: now - reserved, limit: None } })
                })
                .collect();
            if let (Some(attempts), Some(_)) = (&attempts, &entry.ask) {
                adjustments.extend(upstream_counts(&keys, &entry.day, attempts, images, settled));
            }
            if !adjustments.is_empty()
                && let Ok(runtime) = tokio::runtime::Handle::try_current()
            {
                let at_ms = clock::now_ms();
                runtime.spawn(async move {
                    if let Err(error) = counters.apply(at_ms, &adjustments).await {
                        eprintln!("{error}");
                    }
                });
            }
            if let Some(log) = log {
                let counted = Some(&counted).filter(|_| entry.ask.is_some());
                let mut line = line(&entry, status, None, &request_id, counted, settled, log_prompts);
                line["complete"] = complete.into();
                if let Some(attempts) = attempts {
                    line["upstream"] = attempts.answered.into();
                    line["tried"] = attempts.tried.into();
                }
                log.write(&line);
            }
        });
        Response::from_parts(parts, Body::new(tapped))
    }
}

/// The day's counts of each upstream a request went to: a request, its
/// images and dollars for the one that answered, a failure for each that
/// did not.
fn upstream_counts(keys: &Keys, day: &str, attempts: &Attempts, images: i64, settled: Option<f64>) -> Vec<Check> {
    let mut checks = Vec::new();
    for upstream in &attempts.tried {
        let key = keys.day(day, &format!("upstream:{upstream}"));
        if attempts.answered.as_ref() == Some(upstream) {
            for (field, add) in [("requests", 1), ("images", images), ("usd_micros", settled.map_or(0, to_micros))] {
                checks.push(Check { key: key.clone(), op: Op::Add { field, add, limit: None } });
            }
        } else {
            checks.push(Check { key, op: Op::Add { field: "failures", add: 1, limit: None } });
        }
        checks.push(Check { key: keys.upstreams(day), op: Op::Member { member: upstream.clone() } });
    }
    checks
}

/// What an answer cost and how many images it made (a GIF's frames each
/// count): from its `usage`; without one, as estimated (a stream cut short
/// may still be charged); nothing for a failure. A turn's text tokens are
/// priced at `text_rate`, from its `usage` once it has one.
fn settle(entry: &Entry, status: StatusCode, counted: &Counted, text_rate: Option<f64>) -> (Option<f64>, i64) {
    let Some(ask) = &entry.ask else { return (None, 0) };
    if !status.is_success() {
        return (Some(0.0), 0);
    }
    if ask.text_model().is_some() {
        let Some(text_tokens) = counted.text_tokens else { return (entry.estimate, i64::from(ask.images())) };
        let images = counted.images.unwrap_or(0).saturating_mul(ask.frames());
        let images_usd = match (&counted.usage, images) {
            (_, 0) => Some(0.0),
            (usage, _) => ask.settled_usd(usage.as_ref()),
        };
        return (images_usd.map(|usd| usd + text_usd(text_tokens, text_rate)), i64::from(images));
    }
    match &counted.usage {
        Some(usage) => {
            let images = counted.images.map_or(ask.images(), |images| images.saturating_mul(ask.frames()));
            (ask.settled_usd(Some(usage)), i64::from(images))
        }
        None => (entry.estimate, i64::from(ask.images())),
    }
}

/// The answer's `x-request-id` (the provider's, when relayed), added if missing.
fn request_id(response: &mut Response) -> String {
    if let Some(id) = response.headers().get("x-request-id").and_then(|value| value.to_str().ok()) {
        return id.to_owned();
    }
    let id = crate::ids::request_id();
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    id
}

/// One log line: never a key, the prompt only when asked for.
fn line(
    entry: &Entry,
    status: StatusCode,
    code: Option<&str>,
    request_id: &str,
    counted: Option<&Counted>,
    settled: Option<f64>,
    with_prompt: bool,
) -> Value {
    let ask = entry.ask.as_ref();
    let usage = counted.and_then(|counted| counted.usage.as_ref());
    let mut line = json!({
        "time": clock::rfc3339(entry.at_ms),
        "request_id": request_id,
        "token": entry.token,
        "address": entry.address.map(|address| address.to_string()),
        "origin": entry.origin,
        "method": entry.method.as_str(),
        "path": entry.path,
        "model": ask.map(|ask| ask.model.clone()),
        "text_model": ask.and_then(Ask::text_model),
        "size": ask.map(|ask| ask.shared().size.map_or("auto".to_owned(), ToString::to_string)),
        "n": ask.map(Ask::n),
        "quality": ask.map(|ask| ask.shared().quality.map_or("auto", |quality| quality.as_str()).to_owned()),
        "output_format": ask.map(|ask| ask.shared().output_format.map_or("png", |format| format.as_str()).to_owned()),
        "frames": ask.map(Ask::frames),
        "stream": ask.map(|ask| ask.shared().stream == Some(&true)),
        "status": status.as_u16(),
        "error": code,
        "duration_ms": entry.started.elapsed().as_millis() as u64,
        "images": counted.and_then(|counted| counted.images),
        "tokens": usage.map(|usage| json!({"input": usage.input_tokens, "output": usage.output_tokens, "total": usage.total_tokens})),
        "text_tokens": counted.and_then(|counted| counted.text_tokens),
        "usd_estimated": entry.estimate.map(round_usd),
        "usd": settled.map(round_usd),
    });
    if with_prompt && let (Some(ask), Some(object)) = (ask, line.as_object_mut()) {
        object.insert("prompt".into(), ask.prompt().into());
    }
    line
}

fn round_usd(usd: f64) -> f64 {
    (usd * 1_000_000.0).round() / 1_000_000.0
}
