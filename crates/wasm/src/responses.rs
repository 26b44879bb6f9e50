//! The Rust face of `client.responses`: one turn of an image conversation
//! (`POST /responses` with the `image_generation` tool), as JSON or as a
//! stream of events, its tool's image parameters checked by the catalogue.

use gpt_image_core::responses::{RESPONSES_PATH, Response, ResponseEvent, ResponseRequest};
use gpt_image_core::{ApiError, FromJson};

use crate::client::{Client, Payload};
use crate::events::{EventStream, RESPONSE_ENDS, Source};
use crate::options::CallOptions;
use crate::{Error, ImageBlob};

/// The events of one streamed turn, read as they arrive.
pub struct ResponseStream {
    events: EventStream,
}

impl ResponseStream {
    /// The next event; `None` at the end of a complete stream. An `error`
    /// event becomes [`Error::Api`]; a stream that ends before
    /// `response.completed`, [`Error::BadResponse`].
    pub async fn next(&mut self) -> Result<Option<ResponseEvent>, Error> {
        let status = self.events.status();
        let event = match self.events.next_sse().await? {
            Some(sse) => ResponseEvent::from_sse::<crate::wire::Json>(&sse)
                .map_err(|message| Error::BadResponse { status, message })?
                .map(|event| (event, sse)),
            None => None,
        };
        match event {
            None => self.events.end().map(|()| None),
            Some((ResponseEvent::Error(error), sse)) => {
                let parsed = crate::wire::parse(sse.data.as_bytes()).unwrap_or_default();
                let error = error.into_api_error();
                let raw = crate::wire::error_object(&error, &parsed);
                Err(Error::api(error, raw, None, status, sse.data))
            }
            Some((event, _)) => {
                if let ResponseEvent::Finished(_) = &event {
                    self.events.saw(RESPONSE_ENDS[0]);
                }
                Ok(Some(event))
            }
        }
    }

    /// Stops reading and closes the connection; the stream then ends without an error.
    pub fn cancel(&mut self) {
        self.events.cancel();
    }
}

/// An image of a response (a call's `result`, or a partial image's
/// `partial_image_b64`) as a `Blob`; `what` names it in the error when its
/// base64 does not decode.
pub fn response_image(index: usize, b64: &str, what: &str) -> Result<ImageBlob, Error> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| Error::BadResponse { status: 200, message: format!("{what} is not valid base64") })?;
    Ok(ImageBlob::from_bytes(index, &bytes))
}

/// A JSON body of a turn.
fn payload(request: &ResponseRequest) -> Result<Payload, Error> {
    serde_json::to_string(request)
        .map(Payload::Json)
        .map_err(|_| Error::Connection("the request could not be written as JSON".into()))
}

impl Client {
    /// `POST /responses`: one turn, answered as JSON. The tool's image
    /// parameters are checked as the Images API's are; errors stop the turn
    /// before the network.
    pub async fn create_response(&self, request: &ResponseRequest, call: &CallOptions) -> Result<Response, Error> {
        request.validate_with(&self.validation(call)).into_result().map_err(Error::Validation)?;
        let (text, answer) = self.send(RESPONSES_PATH, &payload(request)?, call).await?.text().await?;
        let status = answer.status();
        let value = crate::wire::Json(
            crate::wire::parse(text.as_bytes())
                .ok_or(Error::BadResponse { status, message: "the body is not JSON".into() })?,
        );
        if let Some(error) = ApiError::in_success(status, &value) {
            let raw = crate::wire::error_object(&error, &value.0);
            return Err(Error::api(error, raw, Some(answer.headers()), status, text));
        }
        Response::from_json(&value)
            .map_err(|message| Error::BadResponse { status, message: format!("not a response: {message}") })
    }

    /// `POST /responses` with `stream: true`: the turn's events as they arrive.
    pub async fn create_response_stream(
        &self,
        request: &ResponseRequest,
        call: &CallOptions,
    ) -> Result<ResponseStream, Error> {
        let request = ResponseRequest { stream: Some(true), ..request.clone() };
        request.validate_with(&self.validation(call)).into_result().map_err(Error::Validation)?;
        let answer = self.send(RESPONSES_PATH, &payload(&request)?, call).await?;
        Ok(ResponseStream { events: EventStream::new(answer, Source::Response)? })
    }
}
