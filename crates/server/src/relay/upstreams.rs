//! The providers the relay forwards to, in the order given, each with its
//! own key and, optionally, the models it serves; and which of them rest
//! after a failure. The rests live in the counters' store, so relay
//! processes that share Redis agree on them.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use gpt_image_core::catalogue::ModelSpec;

use super::ask::Ask;
use super::clock;
use super::counters::{Counters, Keys};
use crate::error::ApiFailure;

/// A real provider to relay to.
#[derive(Debug, Clone)]
pub struct Upstream {
    /// The base URL, as the OpenAI clients take it: `https://api.openai.com/v1`.
    /// A request for `/v1/images/generations` goes to `BASE/images/generations`.
    pub base_url: String,
    /// The key added as `Authorization: Bearer …`; read from the environment, never from the command line.
    pub api_key: Option<String>,
    /// The catalogue models it serves (with their snapshots); empty: every model.
    pub models: Vec<&'static ModelSpec>,
}

impl Upstream {
    /// An upstream at `base_url` that serves every model.
    pub fn new(base_url: impl Into<String>, api_key: Option<String>) -> Self {
        Upstream { base_url: base_url.into(), api_key, models: Vec::new() }
    }

    /// Whether it serves an image request for `model` (`None`: a model
    /// outside the catalogue, served only by upstreams without a list).
    fn serves(&self, model: Option<&ModelSpec>) -> bool {
        self.models.is_empty() || model.is_some_and(|model| self.models.iter().any(|spec| spec.id == model.id))
    }
}

/// The upstreams and their rests.
pub struct Upstreams {
    list: Vec<Upstream>,
    rest: Duration,
    store: Arc<dyn Counters>,
    keys: Keys,
}

impl Upstreams {
    /// `list`, in order; an upstream that fails rests for `rest`, marked in `store`.
    pub fn new(list: Vec<Upstream>, rest: Duration, store: Arc<dyn Counters>, keys: Keys) -> Self {
        Upstreams { list, rest, store, keys }
    }

    /// The upstreams to try for an image request (`ask`; `None` for other
    /// requests, which every upstream serves), in order: those at rest are
    /// left out, unless every one that serves it rests (then all of them are
    /// tried, in order, rather than none). An error when none serves its model.
    pub async fn order(&self, ask: Option<&Ask>) -> Result<Vec<&Upstream>, ApiFailure> {
        let serving: Vec<&Upstream> = match ask {
            Some(ask) => self.list.iter().filter(|upstream| upstream.serves(ask.spec)).collect(),
            None => self.list.iter().collect(),
        };
        if let (true, Some(ask)) = (serving.is_empty(), ask) {
            let message = format!(
                "No upstream of this relay serves the model `{}`. They serve: {}.",
                ask.model,
                self.list
                    .iter()
                    .flat_map(|upstream| upstream.models.iter().map(|spec| spec.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            return Err(ApiFailure::invalid(message, Some("model"), "model_not_found"));
        }
        let now = clock::now_ms();
        let mut healthy = Vec::with_capacity(serving.len());
        for upstream in &serving {
            match self.store.marked(&self.keys.rest(&upstream.base_url), now).await {
                Ok(true) => {}
                Ok(false) => healthy.push(*upstream),
                Err(error) => {
                    eprintln!("{error}: {} is taken as healthy", upstream.base_url);
                    healthy.push(*upstream);
                }
            }
        }
        Ok(if healthy.is_empty() { serving } else { healthy })
    }

    /// Rests `upstream` after a failure.
    pub async fn rest(&self, upstream: &Upstream) {
        let for_ms = self.rest.as_millis() as u64;
        if for_ms == 0 {
            return;
        }
        if let Err(error) = self.store.mark(&self.keys.rest(&upstream.base_url), clock::now_ms(), for_ms).await {
            eprintln!("{error}: {} could not be set to rest", upstream.base_url);
        }
    }
}

/// Whether an answer with `status` sends the request on to the next
/// upstream: a server error, or a 429 (a rate limit or an exhausted quota).
pub fn fails_over(status: StatusCode) -> bool {
    status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS
}
