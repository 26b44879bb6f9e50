//! An incremental parser of server-sent events, as the WHATWG HTML standard
//! defines them (`text/event-stream`), fed bytes in chunks of any size.
//!
//! Written by hand: the crates that parse SSE are tied to an HTTP client or
//! an async runtime, and this one must run on bytes from `fetch` in the
//! browser and from hyper on the server alike.

/// One dispatched event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` field, if the event had one (the standard's default is `message`).
    pub event: Option<String>,
    /// The `data:` lines, joined with `\n`.
    pub data: String,
    /// The last `id:` seen on the stream, if any.
    pub id: Option<String>,
    /// A `retry:` delay in milliseconds, if this event carried one.
    pub retry: Option<u64>,
}

impl SseEvent {
    /// Whether this is the `[DONE]` sentinel some servers send last.
    pub fn is_done(&self) -> bool {
        self.data.trim() == "[DONE]"
    }
}

/// Turns a byte stream into [`SseEvent`]s; see [`SseParser::push`].
#[derive(Debug, Default)]
pub struct SseParser {
    line: Vec<u8>,
    after_cr: bool,
    first_line: bool,
    event: Option<String>,
    data: String,
    id: Option<String>,
    retry: Option<u64>,
}

const BOM: &[u8] = "\u{feff}".as_bytes();

impl SseParser {
    /// A parser at the start of a stream.
    pub fn new() -> Self {
        SseParser { first_line: true, ..Default::default() }
    }

    /// Feeds the next bytes and returns the events they complete. Lines may
    /// end in `\n`, `\r\n` or `\r`, split anywhere between chunks; an event
    /// ends at a blank line. Comments (`:` lines) and keep-alives are skipped.
    pub fn push(&mut self, mut chunk: &[u8]) -> Vec<SseEvent> {
        let mut events = Vec::new();
        if chunk.is_empty() {
            return events;
        }
        if self.after_cr && chunk.first() == Some(&b'\n') {
            chunk = &chunk[1..];
        }
        self.after_cr = false;
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.line.extend_from_slice(&chunk[..end]);
            let crlf = chunk[end] == b'\r' && chunk.get(end + 1) == Some(&b'\n');
            if chunk[end] == b'\r' && end + 1 == chunk.len() {
                self.after_cr = true;
            }
            chunk = &chunk[end + if crlf { 2 } else { 1 }..];
            let line = std::mem::take(&mut self.line);
            if let Some(event) = self.process_line(&line) {
                events.push(event);
            }
            self.line = line;
            self.line.clear();
        }
        self.line.extend_from_slice(chunk);
        events
    }

    /// Ends the stream. An event whose lines all ended but whose closing
    /// blank line never came is dispatched (the spec's own examples end that
    /// way); a line cut off midway is dropped, and with it its event.
    pub fn finish(mut self) -> Option<SseEvent> {
        if self.line.is_empty() { self.dispatch() } else { None }
    }

    fn process_line(&mut self, mut line: &[u8]) -> Option<SseEvent> {
        if std::mem::take(&mut self.first_line) {
            line = line.strip_prefix(BOM).unwrap_or(line);
        }
        if line.is_empty() {
            return self.dispatch();
        }
        if line[0] == b':' {
            return None;
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &b""[..]),
        };
        let value = String::from_utf8_lossy(value);
        match field {
            b"event" => self.event = Some(value.into_owned()),
            b"data" => {
                self.data.push_str(&value);
                self.data.push('\n');
            }
            b"id" if !value.contains('\0') => self.id = Some(value.into_owned()),
            b"retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok();
            }
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<SseEvent> {
        let event = self.event.take();
        let retry = self.retry.take();
        if self.data.is_empty() {
            return None;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        Some(SseEvent { event, data, id: self.id.clone(), retry })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(stream: &str) -> Vec<SseEvent> {
        SseParser::new().push(stream.as_bytes())
    }

    #[test]
    fn reads_the_spec_example_of_an_image_stream() {
        let stream = "event: image_generation.partial_image\ndata: {\"partial_image_index\":0}\n\n\
                      event: image_generation.completed\ndata: {\"b64_json\":\"...\"}\n\n";
        let events = parse(stream);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].event.as_deref(), Some("image_generation.partial_image"));
        assert_eq!(events[1].data, "{\"b64_json\":\"...\"}");
    }

    #[test]
    fn joins_data_lines_and_skips_comments_and_keep_alives() {
        let events = parse(": keep-alive\n\ndata: a\ndata:b\n: note\ndata\n\n:\n\n");
        assert_eq!(events, vec![SseEvent { data: "a\nb\n".into(), ..Default::default() }]);
    }

    #[test]
    fn accepts_every_line_ending_and_a_leading_bom() {
        let events = parse("\u{feff}data: 1\r\n\r\ndata: 2\r\rdata: 3\n\n");
        let data: Vec<_> = events.iter().map(|e| e.data.as_str()).collect();
        assert_eq!(data, ["1", "2", "3"]);
    }

    #[test]
    fn a_crlf_split_between_chunks_is_one_line_ending() {
        let mut parser = SseParser::new();
        assert!(parser.push(b"data: x\r").is_empty());
        assert!(parser.push(b"\n").is_empty());
        let events = parser.push(b"\r\n");
        assert_eq!(events.len(), 1, "the blank line after the split CRLF ends the event");
    }

    #[test]
    fn recognises_done_and_keeps_ids_and_retry() {
        let events = parse("id: 7\nretry: 1500\ndata: [DONE]\n\n");
        assert!(events[0].is_done());
        assert_eq!(events[0].id.as_deref(), Some("7"));
        assert_eq!(events[0].retry, Some(1500));
    }

    #[test]
    fn an_event_without_its_blank_line_waits_for_finish() {
        let mut parser = SseParser::new();
        assert!(parser.push(b"event: x\ndata: whole line\n").is_empty());
        assert_eq!(parser.finish().unwrap().data, "whole line");
        let mut cut = SseParser::new();
        assert!(cut.push(b"data: one\ndata: cut mid-li").is_empty());
        assert_eq!(cut.finish(), None, "a line cut off midway drops its event");
        assert!(parse("event: only-a-type\n\n").is_empty());
    }

    #[test]
    fn multibyte_characters_split_across_chunks_survive() {
        let bytes = "data: héllo\n\n".as_bytes();
        let mut parser = SseParser::new();
        let mut events = Vec::new();
        for byte in bytes {
            events.extend(parser.push(std::slice::from_ref(byte)));
        }
        assert_eq!(events[0].data, "héllo");
    }
}
