//! Streams of events (`stream: true`), read from server-sent events as they
//! arrive: an Images API call's partial images then completed ones, or a
//! response's events up to its `response.completed`.

use std::collections::VecDeque;

use gpt_image_core::responses::RESPONSES_PATH;
use gpt_image_core::{Endpoint, ImageStreamEvent, SseEvent, SseParser, StreamItem, Usage};

use crate::body::BodyReader;
use crate::client::Answer;
use crate::timer::Attempt;
use crate::{Error, ImageBlob};

/// The events of one streamed generation or edit. The timeout covered the
/// wait for the answer; reading the events is ended by the caller's signal
/// or by [`EventStream::cancel`].
///
/// A stream that ends before an image's `completed` event (or with no event
/// at all) ends with [`Error::BadResponse`] saying what was missing: the
/// partial images it sent were already handed over.
pub struct EventStream {
    reader: Option<BodyReader>,
    attempt: Attempt,
    status: u16,
    parser: SseParser,
    pending: VecDeque<SseEvent>,
    progress: Progress,
}

/// An image of a stream, decoded into a `Blob` as its event arrives.
#[derive(Debug, Clone)]
pub struct StreamImage {
    /// The image; its `index` counts the stream's completed images, from 0.
    pub image: ImageBlob,
    /// `Some(k)` for partial image `k` (from 0) of the image still to come;
    /// `None` for a completed image.
    pub partial: Option<u32>,
    /// The usage a completed image's event reported.
    pub usage: Option<Usage>,
}

/// The API a stream answers, which says when it is complete.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
    /// An Images API call: complete when every image it began is completed.
    Images(Endpoint),
    /// `POST /responses`: complete at `response.completed` (or `.failed`, `.incomplete`).
    Response,
}

/// The events that end a response stream.
pub(crate) const RESPONSE_ENDS: [&str; 3] = ["response.completed", "response.failed", "response.incomplete"];

/// What a stream has sent so far, to tell a complete stream from a cut one.
#[derive(Debug)]
struct Progress {
    source: Source,
    /// Partial images, in all.
    partials: u32,
    /// Partial images since the last completed image.
    partials_pending: u32,
    /// Completed images.
    completed: u32,
    /// The end was reported (or the reader cancelled): later reads give nothing.
    over: bool,
}

impl Progress {
    fn new(source: Source) -> Self {
        Progress { source, partials: 0, partials_pending: 0, completed: 0, over: false }
    }
}

impl Progress {
    /// Counts an event of the API, by its `type`.
    fn saw(&mut self, event_type: &str) {
        if RESPONSE_ENDS.contains(&event_type) {
            self.completed += 1;
        } else if Endpoint::ALL.iter().any(|endpoint| endpoint.completed_event() == event_type) {
            self.completed += 1;
            self.partials_pending = 0;
        } else if Endpoint::ALL.iter().any(|endpoint| endpoint.partial_image_event() == event_type) {
            self.partials += 1;
            self.partials_pending += 1;
        }
    }

    /// The end of the stream: nothing more, or what was missing.
    fn end(&mut self, status: u16) -> Result<(), Error> {
        if std::mem::replace(&mut self.over, true) || (self.completed > 0 && self.partials_pending == 0) {
            return Ok(());
        }
        let completed = match self.source {
            Source::Images(endpoint) => endpoint.completed_event(),
            Source::Response => {
                let message = format!("the stream of {RESPONSES_PATH} ended before its {} event", RESPONSE_ENDS[0]);
                return Err(Error::BadResponse { status, message });
            }
        };
        let partials = |count: u32| match count {
            1 => "1 partial image".to_owned(),
            count => format!("{count} partial images"),
        };
        let message = if self.partials == 0 && self.completed == 0 {
            format!("the stream ended without any event: no {completed} event, so no image arrived")
        } else if self.completed == 0 {
            format!(
                "the stream ended without its {completed} event, after {} (already handed over: the last is the closest to the final image)",
                partials(self.partials)
            )
        } else {
            format!(
                "the stream ended without the {completed} event of image {}, after {} of it (already handed over)",
                self.completed + 1,
                partials(self.partials_pending)
            )
        };
        Err(Error::BadResponse { status, message })
    }
}

impl EventStream {
    pub(crate) fn new(answer: Answer, source: Source) -> Result<Self, Error> {
        let Answer { response, mut attempt } = answer;
        attempt.stop_clock();
        let reader = response.body().map(|body| BodyReader::new(&body, &attempt)).transpose()?;
        Ok(EventStream {
            reader,
            attempt,
            status: response.status(),
            parser: SseParser::new(),
            pending: VecDeque::new(),
            progress: Progress::new(source),
        })
    }

    /// The next event of the API; `None` at the end of a complete stream.
    /// An `error` event becomes [`Error::Api`] (with status 0); a stream
    /// that ends before its `completed` event, [`Error::BadResponse`].
    pub async fn next(&mut self) -> Result<Option<ImageStreamEvent>, Error> {
        while let Some(sse) = self.next_sse().await? {
            let item = StreamItem::from_sse::<crate::wire::Json>(&sse)
                .map_err(|message| Error::BadResponse { status: self.status, message })?;
            match item {
                StreamItem::Event(event) => match *event {
                    ImageStreamEvent::Error(error) => {
                        let parsed = crate::wire::parse(sse.data.as_bytes()).unwrap_or_default();
                        let error = error.into_api_error();
                        let raw = crate::wire::error_object(&error, &parsed);
                        return Err(Error::api(error, raw, None, self.status, sse.data));
                    }
                    event => {
                        self.saw(event.event_type());
                        return Ok(Some(event));
                    }
                },
                StreamItem::Done => break,
                StreamItem::Unknown(_) => {}
            }
        }
        self.end().map(|()| None)
    }

    /// The next image, partial or completed, decoded into a `Blob`; `None`
    /// at the end of a complete stream. Errors as [`EventStream::next`]; a
    /// completed image whose base64 does not decode is an
    /// [`Error::BadResponse`] naming its event (a partial one is skipped:
    /// the completed image still follows).
    pub async fn next_image(&mut self) -> Result<Option<StreamImage>, Error> {
        while let Some(event) = self.next().await? {
            let completed = self.progress.completed as usize;
            let (partial, usage, index) = match &event {
                ImageStreamEvent::GenerationPartialImage(partial) | ImageStreamEvent::EditPartialImage(partial) => {
                    (Some(partial.partial_image_index), None, completed)
                }
                ImageStreamEvent::GenerationCompleted(image) | ImageStreamEvent::EditCompleted(image) => {
                    (None, image.usage.clone(), completed.saturating_sub(1))
                }
                ImageStreamEvent::Error(_) => continue,
            };
            match event.image_bytes() {
                Some(Ok(bytes)) => {
                    return Ok(Some(StreamImage { image: ImageBlob::from_bytes(index, &bytes), partial, usage }));
                }
                Some(Err(message)) if partial.is_none() => {
                    return Err(Error::BadResponse { status: self.status, message });
                }
                _ => {}
            }
        }
        Ok(None)
    }

    /// Counts an event of the API, by its `type`.
    pub(crate) fn saw(&mut self, event_type: &str) {
        self.progress.saw(event_type);
    }

    /// The end of the stream (its last byte, or `[DONE]`): `Ok` when every
    /// image it began was completed, else the error that says what was missing.
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        self.reader = None;
        self.pending.clear();
        self.progress.end(self.status)
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

    /// The HTTP status of the answer.
    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    /// Stops reading and closes the connection; the stream then ends without an error.
    pub fn cancel(&mut self) {
        self.attempt.abort();
        self.reader = None;
        self.pending.clear();
        self.progress.over = true;
    }

    #[cfg(feature = "js")]
    /// A handle that closes the connection even while a read is pending.
    pub(crate) fn canceller(&self) -> web_sys::AbortController {
        self.attempt.controller()
    }
}
