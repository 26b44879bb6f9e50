//! Streams of image events (`stream: true`): partial images, then the
//! completed one, read from server-sent events as they arrive.

use std::collections::VecDeque;

use gpt_image_core::{ImageStreamEvent, SseEvent, SseParser, StreamItem};

use crate::Error;
use crate::body::BodyReader;
use crate::client::Answer;
use crate::timer::Attempt;

/// The events of one streamed generation or edit. The timeout covered the
/// wait for the answer; reading the events is ended by the caller's signal
/// or by [`EventStream::cancel`].
pub struct EventStream {
    reader: Option<BodyReader>,
    attempt: Attempt,
    status: u16,
    parser: SseParser,
    pending: VecDeque<SseEvent>,
}

impl EventStream {
    pub(crate) fn new(answer: Answer) -> Result<Self, Error> {
        let Answer { response, mut attempt } = answer;
        attempt.stop_clock();
        let reader = response.body().map(|body| BodyReader::new(&body, &attempt)).transpose()?;
        Ok(EventStream {
            reader,
            attempt,
            status: response.status(),
            parser: SseParser::new(),
            pending: VecDeque::new(),
        })
    }

    /// The next event of the API; `None` at the end of the stream. An
    /// `error` event becomes [`Error::Api`] (with status 0).
    pub async fn next(&mut self) -> Result<Option<ImageStreamEvent>, Error> {
        while let Some(event) = self.next_sse().await? {
            let item = StreamItem::from_sse(&event)
                .map_err(|error| Error::BadResponse { status: self.status, message: error.to_string() })?;
            match item {
                StreamItem::Event(event) => match *event {
                    ImageStreamEvent::Error(error) => {
                        return Err(Error::api(error.into_api_error(), wasm_bindgen::JsValue::UNDEFINED, None));
                    }
                    event => return Ok(Some(event)),
                },
                StreamItem::Done => return Ok(None),
                StreamItem::Unknown(_) => {}
            }
        }
        Ok(None)
    }

    /// The next server-sent event, whatever its data; `None` at the end.
    pub(crate) async fn next_sse(&mut self) -> Result<Option<SseEvent>, Error> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Ok(Some(event));
            }
            let Some(reader) = &mut self.reader else { return Ok(None) };
            if let Some(chunk) = reader.next(&self.attempt).await? {
                self.pending.extend(self.parser.push(chunk));
            } else {
                self.reader = None;
                self.pending.extend(std::mem::take(&mut self.parser).finish());
            }
        }
    }

    #[cfg(feature = "js")]
    /// The HTTP status of the answer.
    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    /// Stops reading and closes the connection.
    pub fn cancel(&mut self) {
        self.attempt.abort();
        self.reader = None;
        self.pending.clear();
    }

    #[cfg(feature = "js")]
    /// A handle that closes the connection even while a read is pending.
    pub(crate) fn canceller(&self) -> web_sys::AbortController {
        self.attempt.controller()
    }
}
