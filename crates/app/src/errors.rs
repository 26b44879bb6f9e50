//! Every failure the library reports, as a sentence a person can act on.

use gpt_image_wasm::Error;

/// What happened and what to do about it.
pub fn explain(error: &Error) -> String {
    match error {
        Error::Validation(report) => format!("The request was not sent: {report}."),
        Error::Api(failure) => {
            let status = failure.error.status;
            let code = failure.error.error.code.as_deref().unwrap_or("");
            let said = failure.error.message();
            let advice = match (status, code) {
                (_, "moderation_blocked") => {
                    "The prompt or an input image was refused by moderation: reword it.".to_owned()
                }
                (_, "insufficient_quota") => "The account is out of credit: check its plan and billing.".to_owned(),
                (401, _) => "The API key was refused: check it in Settings.".to_owned(),
                (403, _) => "This key may not use this model or region.".to_owned(),
                (404, _) => "The base URL or the model is wrong: check both in Settings.".to_owned(),
                (429, _) => match error.retry_after_seconds() {
                    Some(seconds) => match seconds.ceil().max(1.0) as u64 {
                        1 => "Too many requests: wait 1 second, then retry.".to_owned(),
                        seconds => format!("Too many requests: wait {seconds} seconds, then retry."),
                    },
                    None => "Too many requests: wait a little, then retry.".to_owned(),
                },
                (0, _) => "The image stream reported an error: retry.".to_owned(),
                (status, _) if status >= 500 => "The provider failed: retry in a moment.".to_owned(),
                _ => "The provider refused the request.".to_owned(),
            };
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
    }
}
