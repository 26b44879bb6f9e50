//! `--upstream`: `/v1/images/*`, `/v1/responses` and `/v1/models` relayed to real providers,
//! with each one's key added here so a browser never sees it. A request goes
//! to the first healthy upstream that serves its model and on to the next
//! while nothing of an answer has been sent; answers stream back, kept
//! alive while the provider works.

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::ask::{Ask, route_of};
use super::keep_alive::{self, KeepAlive, Kind, Outcome};
use super::upstreams::{Upstream, Upstreams, fails_over};
use crate::error::{ApiFailure, internal, whole_body};

/// Headers that belong to one connection, not to the message.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Which upstreams a request was sent to, in order, and what the last one
/// answered: found in a relayed answer's extensions, filled in as the
/// attempts go on (after the answer has begun when it is kept alive).
#[derive(Debug, Clone, Default)]
pub struct Relayed(Arc<Mutex<Attempts>>);

/// What [`Relayed`] holds.
#[derive(Debug, Clone, Default)]
pub struct Attempts {
    /// The base URLs tried, in order.
    pub tried: Vec<String>,
    /// The one whose answer went to the client.
    pub answered: Option<String>,
    /// Its status (what the provider said, even under a kept-alive `200`).
    pub status: Option<StatusCode>,
}

impl Relayed {
    /// What has happened so far.
    pub fn attempts(&self) -> Attempts {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    fn update(&self, change: impl FnOnce(&mut Attempts)) {
        change(&mut self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
    }
}

/// The client that talks to the providers.
pub struct Forwarder {
    client: reqwest::Client,
    upstreams: Upstreams,
    keep_alive: KeepAlive,
    body_limit: usize,
}

/// The parts of a request sent to each upstream in turn.
struct Outgoing {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

impl Forwarder {
    /// A relay to `upstreams`, keeping answers alive as `keep_alive` says,
    /// for bodies of up to `body_limit` bytes.
    pub fn new(upstreams: Upstreams, keep_alive: KeepAlive, body_limit: usize) -> io::Result<Self> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(15))
            .build()
            .map_err(|error| io::Error::other(format!("cannot build the relay client: {error}")))?;
        Ok(Forwarder { client, upstreams, keep_alive, body_limit })
    }

    /// Sends the request on to the providers and streams an answer back.
    async fn forward(self: Arc<Self>, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let body = match whole_body(body, self.body_limit).await {
            Ok(body) => body,
            Err(failure) => return failure.into_response(),
        };
        let route = route_of(&parts.method, parts.uri.path());
        let ask = match (parts.extensions.get::<Ask>(), route) {
            (Some(ask), _) => Some(ask.clone()),
            (None, Some(route)) => {
                let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok());
                Ask::read(route, content_type.unwrap_or_default(), &body).await.ok()
            }
            (None, None) => None,
        };
        let streamed = ask.as_ref().is_some_and(|ask| ask.shared().stream == Some(&true));
        // A turn that draws no image is not an image request: any upstream serves it.
        let order = match self.upstreams.order(ask.as_ref().filter(|ask| ask.draws())).await {
            Ok(order) => order.into_iter().cloned().collect::<Vec<_>>(),
            Err(failure) => return failure.into_response(),
        };
        let outgoing = Outgoing { method: parts.method, uri: parts.uri, headers: parts.headers, body };
        let relayed = Relayed::default();
        let kept = match (route, self.keep_alive.interval) {
            (Some(_), Some(interval)) if streamed => Some((Kind::Events, interval)),
            (Some(_), Some(interval)) if self.keep_alive.json => Some((Kind::Json, interval)),
            _ => None,
        };
        let attempt = {
            let (forwarder, relayed) = (self.clone(), relayed.clone());
            async move { forwarder.attempt(&order, &outgoing, &relayed).await }
        };
        let mut response = match kept {
            None => relay_answer(attempt.await, None),
            Some((kind, interval)) => {
                let mut attempt = Box::pin(attempt);
                tokio::select! {
                    outcome = &mut attempt => {
                        relay_answer(outcome, (kind == Kind::Events).then_some(interval))
                    }
                    _ = tokio::time::sleep(interval) => keep_alive::answer_early(kind, interval, attempt),
                }
            }
        };
        response.extensions_mut().insert(relayed);
        response
    }

    /// Tries each upstream of `order` in turn until one answers with
    /// something other than a failure to fail over from (the last one's
    /// answer is taken whatever it is); an upstream that fails rests.
    async fn attempt(&self, order: &[Upstream], outgoing: &Outgoing, relayed: &Relayed) -> Outcome {
        let mut unreachable = None;
        for (index, upstream) in order.iter().enumerate() {
            let last = index + 1 == order.len();
            relayed.update(|attempts| attempts.tried.push(upstream.base_url.clone()));
            match self.send(upstream, outgoing).await {
                Ok(answer) if last || !fails_over(answer.status()) => {
                    if fails_over(answer.status()) {
                        self.upstreams.rest(upstream).await;
                    }
                    relayed.update(|attempts| {
                        attempts.answered = Some(upstream.base_url.clone());
                        attempts.status = Some(answer.status());
                    });
                    return Ok(answer);
                }
                Ok(_) => self.upstreams.rest(upstream).await,
                Err(error) => {
                    self.upstreams.rest(upstream).await;
                    unreachable = Some(error);
                }
            }
        }
        relayed.update(|attempts| attempts.status = Some(StatusCode::BAD_GATEWAY));
        let reason = unreachable.map_or_else(|| "no upstream was tried".to_owned(), |error| error.to_string());
        Err(ApiFailure::new(
            StatusCode::BAD_GATEWAY,
            "server_error",
            format!("The upstream provider could not be reached: {reason}"),
        )
        .with_code("upstream_unreachable"))
    }

    /// Sends the request to one upstream, with its key.
    async fn send(&self, upstream: &Upstream, outgoing: &Outgoing) -> reqwest::Result<reqwest::Response> {
        let path = outgoing.uri.path_and_query().map_or("/", |path| path.as_str());
        let base = upstream.base_url.trim_end_matches('/');
        let url = format!("{base}{}", path.strip_prefix("/v1").unwrap_or(path));
        let api_key = upstream.api_key.as_deref().filter(|key| !key.is_empty());
        let mut request = self.client.request(outgoing.method.clone(), url);
        for (name, value) in &outgoing.headers {
            let own_key = name == header::AUTHORIZATION && api_key.is_some();
            if relayed(name) && !own_key {
                request = request.header(name, value);
            }
        }
        if let Some(key) = api_key {
            request = request.bearer_auth(key);
        }
        request.body(outgoing.body.clone()).send().await
    }
}

/// The provider's answer as it came (status, headers, body), its event
/// stream kept alive every `events_interval`; or why none came.
fn relay_answer(outcome: Outcome, events_interval: Option<Duration>) -> Response {
    let answer = match outcome {
        Ok(answer) => answer,
        Err(failure) => return failure.into_response(),
    };
    let mut response = Response::builder().status(answer.status().as_u16());
    for (name, value) in answer.headers() {
        if relayed(name) && !name.as_str().starts_with("access-control-") {
            response = response.header(name.as_str(), value.as_bytes());
        }
    }
    let is_events = answer
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/event-stream"));
    let body = match events_interval {
        Some(interval) if is_events && answer.status().is_success() => {
            keep_alive::events(answer.bytes_stream(), interval)
        }
        _ => Body::from_stream(answer.bytes_stream()),
    };
    response
        .body(body)
        .unwrap_or_else(|error| internal(format!("the upstream answer could not be relayed: {error}")).into_response())
}

/// `--upstream`: everything under `/v1/images/`, `/v1/responses` and `/v1/models` goes to a provider.
pub async fn handle(State(forwarder): State<Arc<Forwarder>>, request: Request) -> Response {
    forwarder.forward(request).await
}

fn relayed(name: &HeaderName) -> bool {
    !HOP_BY_HOP.contains(&name.as_str()) && name != header::HOST
}
