//! `GET /relay/spend`: requests, images, refusals and estimated dollars per
//! token and per upstream per UTC day, from the counters (shared by every relay process when
//! they live in Redis). Answered only to `Authorization: Bearer <admin key>`
//! (`--admin-key-env`).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::clock;
use super::counters::StoreError;
use super::gate::Gate;
use crate::error::{ApiFailure, invalid_api_key, not_found};

/// The most days one summary covers (the counters keep 35).
const MAX_DAYS: u64 = 35;

/// `?days=N` (the last N days, today first; 1 by default) or `?day=YYYY-MM-DD`.
#[derive(Deserialize)]
pub struct SpendQuery {
    days: Option<u64>,
    day: Option<String>,
}

/// Answers the summary.
pub async fn handle(State(gate): State<Arc<Gate>>, headers: HeaderMap, Query(query): Query<SpendQuery>) -> Response {
    let Some(admin) = gate.policy().admin_key.as_deref() else {
        return not_found("The spend summary (start the server with --admin-key-env to serve it)");
    };
    let sent = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    match sent.and_then(|value| value.strip_prefix("Bearer ")).map(str::trim) {
        Some(sent) if super::tokens::same(sent.as_bytes(), admin.as_bytes()) => {}
        sent => return invalid_api_key(sent).into_response(),
    }
    let now = clock::now_ms();
    let days: Vec<String> = match query.day {
        Some(day) => vec![day],
        None => (0..query.days.unwrap_or(1).clamp(1, MAX_DAYS)).map(|back| clock::day_before(now, back)).collect(),
    };
    match rows(&gate, &days).await {
        Ok((data, upstreams)) => {
            axum::Json(json!({"object": "list", "data": data, "upstreams": upstreams})).into_response()
        }
        Err(error) => ApiFailure::new(StatusCode::SERVICE_UNAVAILABLE, "server_error", error.to_string())
            .with_code("relay_counters_unavailable")
            .into_response(),
    }
}

/// One row per token per day, then the day's total (token `null`); and one
/// row per upstream per day.
async fn rows(gate: &Gate, days: &[String]) -> Result<(Vec<Value>, Vec<Value>), StoreError> {
    let (counters, keys) = gate.counters();
    let (mut rows, mut upstream_rows) = (Vec::new(), Vec::new());
    for day in days {
        for upstream in counters.members(&keys.upstreams(day)).await? {
            let fields = counters.fields(&keys.day(day, &format!("upstream:{upstream}"))).await?;
            let field = |name: &str| fields.iter().find(|(field, _)| field == name).map_or(0, |(_, value)| *value);
            upstream_rows.push(json!({
                "day": day,
                "upstream": upstream,
                "requests": field("requests"),
                "images": field("images"),
                "failures": field("failures"),
                "usd": field("usd_micros") as f64 / 1_000_000.0,
            }));
        }
        let tokens = counters.members(&keys.tokens(day)).await?;
        let scopes = tokens.iter().map(|token| (Some(token.as_str()), format!("token:{token}")));
        for (token, scope) in scopes.chain([(None, "total".to_owned())]) {
            let fields = counters.fields(&keys.day(day, &scope)).await?;
            let field = |name: &str| fields.iter().find(|(field, _)| field == name).map_or(0, |(_, value)| *value);
            if token.is_none() && fields.is_empty() {
                continue;
            }
            rows.push(json!({
                "day": day,
                "token": token,
                "requests": field("requests"),
                "images": field("images"),
                "refused": field("refused"),
                "usd": field("usd_micros") as f64 / 1_000_000.0,
            }));
        }
    }
    Ok((rows, upstream_rows))
}
