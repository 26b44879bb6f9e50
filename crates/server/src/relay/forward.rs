//! `--upstream`: `/v1/images/*` and `/v1/models` relayed to a real provider,
//! with the key added here so a browser never sees it. Bodies stream through
//! in both directions.

use std::io;
use std::time::Duration;

use axum::body::Body;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::{ApiFailure, internal};

/// A real provider to relay to.
#[derive(Debug, Clone)]
pub struct Upstream {
    /// The base URL, as the OpenAI clients take it: `https://api.openai.com/v1`.
    /// A request for `/v1/images/generations` goes to `BASE/images/generations`.
    pub base_url: String,
    /// The key added as `Authorization: Bearer …`; read from the environment, never from the command line.
    pub api_key: Option<String>,
}

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

/// The client that talks to the provider.
pub struct Forwarder {
    client: reqwest::Client,
    base_url: String,
    api_key: Option<String>,
}

impl Forwarder {
    /// A relay to `upstream`.
    pub fn new(upstream: &Upstream) -> io::Result<Self> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(15))
            .build()
            .map_err(|error| io::Error::other(format!("cannot build the relay client: {error}")))?;
        Ok(Forwarder {
            client,
            base_url: upstream.base_url.trim_end_matches('/').to_owned(),
            api_key: upstream.api_key.clone().filter(|key| !key.is_empty()),
        })
    }

    /// Sends the request on to the provider and streams its answer back.
    pub async fn forward(&self, request: Request) -> Response {
        let path = request.uri().path_and_query().map_or("/", |path| path.as_str());
        let url = format!("{}{}", self.base_url, path.strip_prefix("/v1").unwrap_or(path));
        let (parts, body) = request.into_parts();
        let mut outgoing = self.client.request(parts.method, url);
        for (name, value) in &parts.headers {
            let own_key = name == header::AUTHORIZATION && self.api_key.is_some();
            if relayed(name) && !own_key {
                outgoing = outgoing.header(name, value);
            }
        }
        if let Some(key) = &self.api_key {
            outgoing = outgoing.bearer_auth(key);
        }
        let outgoing = outgoing.body(reqwest::Body::wrap_stream(body.into_data_stream()));
        match outgoing.send().await {
            Ok(answer) => {
                let mut response = Response::builder().status(answer.status().as_u16());
                for (name, value) in answer.headers() {
                    if relayed(name) && !name.as_str().starts_with("access-control-") {
                        response = response.header(name.as_str(), value.as_bytes());
                    }
                }
                response.body(Body::from_stream(answer.bytes_stream())).unwrap_or_else(|error| {
                    internal(format!("the upstream answer could not be relayed: {error}")).into_response()
                })
            }
            Err(error) => ApiFailure::new(
                StatusCode::BAD_GATEWAY,
                "server_error",
                format!("The upstream provider could not be reached: {error}"),
            )
            .with_code("upstream_unreachable")
            .into_response(),
        }
    }
}

/// `--upstream`: everything under `/v1/images/` and `/v1/models` goes to the provider.
pub async fn handle(State(forwarder): State<Arc<Forwarder>>, request: Request) -> Response {
    forwarder.forward(request).await
}

fn relayed(name: &HeaderName) -> bool {
    !HOP_BY_HOP.contains(&name.as_str()) && name != header::HOST
}
