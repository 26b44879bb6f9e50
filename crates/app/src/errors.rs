//! Every failure the library reports, as a sentence a person can act on,
//! and whether Retry can help: both from `gpt-image-wasm`'s one table
//! ([`Error::is_retryable`], [`Error::was_retried`], [`Error::retry_after_ms`],
//! [`Error::class`]), never from a second list of statuses here.

use gpt_image_wasm::{Error, ErrorClass};
use leptos::prelude::*;

/// What to tell a person about a failed request, and what to offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// What happened and what to do, in one or two sentences.
    pub message: String,
    /// Whether sending the same request again could succeed (offer Retry).
    pub retry: bool,
    /// The error's class (its name, as the `openai` package spells it, is
    /// the card's `data-class`: `RateLimitError`).
    pub class: ErrorClass,
}

impl Advice {
    /// A request the person cancelled: nothing is wrong with it, so it may be sent again.
    pub fn cancelled() -> Self {
        Advice { message: "Cancelled.".into(), retry: true, class: ErrorClass::UserAbort }
    }
}

/// A wait as the provider gave it: `250 ms`, `1 second`, `1.5 seconds`, `2 minutes`.
pub fn wait(ms: f64) -> String {
    let ms = ms.max(0.0);
    if ms < 1000.0 {
        return format!("{} ms", ms.round() as u64);
    }
    let seconds = ms / 1000.0;
    if seconds >= 120.0 && seconds % 60.0 == 0.0 {
        return format!("{} minutes", (seconds / 60.0) as u64);
    }
    let shown = (seconds * 10.0).round() / 10.0;
    if shown == 1.0 { "1 second".to_owned() } else { format!("{shown} seconds") }
}

/// What happened and what to do about it, for a request sent by a client
/// that retries up to `max_retries` times by itself.
pub fn advise(error: &Error, max_retries: u32) -> Advice {
    let retry = error.is_retryable();
    let mut message = match error {
        Error::Validation(report) => format!("The request was not sent: {report}."),
        Error::Api(failure) => {
            let code = failure.error.error.code.as_deref().unwrap_or("");
            let advice = match (error.class(), code) {
                (_, "moderation_blocked") => {
                    "The prompt or an input image was refused by moderation: reword it.".to_owned()
                }
                (_, "insufficient_quota") => "The account is out of credit: check its plan and billing.".to_owned(),
                (ErrorClass::Authentication, _) => "The API key was refused: check it in Settings.".to_owned(),
                (ErrorClass::PermissionDenied, _) => "This key may not use this model or region.".to_owned(),
                (ErrorClass::NotFound, _) => "The base URL or the model is wrong: check both in Settings.".to_owned(),
                (ErrorClass::RateLimit, _) => match error.retry_after_ms() {
                    Some(ms) => format!("Too many requests: try again in {}.", wait(ms)),
                    None => "Too many requests: wait a little, then retry.".to_owned(),
                },
                _ if failure.is_stream_event() && retry => "The image stream reported an error: retry.".to_owned(),
                _ if failure.is_stream_event() => "The image stream reported an error.".to_owned(),
                (ErrorClass::InternalServer, _) => "The provider failed: retry in a moment.".to_owned(),
                _ if retry => "The provider could not take the request now: retry in a moment.".to_owned(),
                _ => "The provider refused the request.".to_owned(),
            };
            let said = failure.error.message();
            match &failure.request_id {
                Some(id) => format!("{advice} ({said}; request {id})"),
                None => format!("{advice} ({said})"),
            }
        }
        Error::BadResponse { status, message } => {
            format!("The provider's answer (HTTP {status}) could not be read: {message}. Retry.")
        }
        Error::Connection(message) => {
            format!("The provider could not be reached ({message}): check the base URL and the network, then retry.")
        }
        Error::Timeout => "The provider took longer than the timeout: retry, or raise it in Settings.".to_owned(),
        Error::Aborted => "Cancelled.".to_owned(),
    };
    if max_retries > 0 && error.was_retried() {
        let times = if max_retries == 1 { "once".to_owned() } else { format!("{max_retries} times") };
        message.push_str(&format!(" It was already retried {times}."));
    }
    Advice { message, retry, class: error.class() }
}

/// What happened and what to do about it, when the retries are not known.
pub fn explain(error: &Error) -> String {
    advise(error, 0).message
}

/// A failed or cancelled request: what happened, and Retry where it can
/// help. `on_retry` sends the same request again.
#[component]
pub fn Failure(
    /// What to say, and whether to offer Retry.
    advice: Advice,
    /// Sends the same request again.
    on_retry: Callback<()>,
    /// Takes the failed request off the screen.
    on_dismiss: Callback<()>,
) -> impl IntoView {
    let Advice { message, retry, class } = advice;
    let cancelled = class == ErrorClass::UserAbort;
    let (kind, role) = if cancelled { ("failure cancelled", "status") } else { ("failure", "alert") };
    view! {
        <div class=kind role=role data-class=class.name()>
            <p>{message}</p>
            <div class="failure-actions">
                {retry.then(|| view! { <button type="button" on:click=move |_| on_retry.run(())>"Retry"</button> })}
                <button type="button" class="secondary" on:click=move |_| on_dismiss.run(())>"Dismiss"</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::wait;

    #[test]
    fn waits_keep_the_providers_units() {
        assert_eq!(wait(250.0), "250 ms");
        assert_eq!(wait(999.4), "999 ms");
        assert_eq!(wait(1000.0), "1 second");
        assert_eq!(wait(1500.0), "1.5 seconds");
        assert_eq!(wait(20_000.0), "20 seconds");
        assert_eq!(wait(120_000.0), "2 minutes");
    }
}
