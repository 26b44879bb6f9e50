//! Decoding an `ImagesResponse` body straight into image bytes, as it arrives.
//!
//! [`ResponseDecoder`] never holds the base64 text of an image: it decodes each
//! `data[i].b64_json` string chunk by chunk and hands the image over the
//! moment its closing quote arrives. Everything else of the body (a few
//! hundred bytes: `created`, `usage`, `revised_prompt`, …) is copied into a
//! skeleton in which each such string is left empty, and parsed at the end
//! (by `serde_json` here, `JSON.parse` in the browser) and read by
//! [`FromJson`], so the result always equals [`decode_whole`]: the same
//! over the whole body, then `base64`, same images, same errors.
//!
//! Written by hand because the streaming JSON crates (actson, struson,
//! json-event-parser) all hand over a string only once it is complete.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::json::FromJson;
use crate::response::ImagesResponse;

/// One image, complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedImage {
    /// Its position in `data`.
    pub index: usize,
    /// The image file (PNG, JPEG or WebP bytes).
    pub bytes: Vec<u8>,
}

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The body is not JSON (`serde_json`'s message), or not an images
    /// response (which member is wrong).
    Json(String),
    /// `data[index].b64_json` is not valid base64 (the first such image).
    Base64 {
        /// The position of the image in `data`.
        index: usize,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Json(message) => write!(f, "the response is not valid JSON: {message}"),
            DecodeError::Base64 { index } => write!(f, "data[{index}].b64_json is not valid base64"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A decoded body: the response without its base64 text, and the images.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// Every field of the response; each `data[i].b64_json` is `None`.
    pub response: ImagesResponse,
    /// The bytes of `data[i].b64_json`, for each `i` that had one.
    pub images: Vec<Option<Vec<u8>>>,
}

/// The reference: `serde_json` over the whole body, then `base64` over each image.
pub fn decode_whole(body: &[u8]) -> Result<Decoded, DecodeError> {
    let mut response = read_response(body).map_err(DecodeError::Json)?;
    let mut images = Vec::with_capacity(response.data.len());
    for (index, image) in response.data.iter_mut().enumerate() {
        images.push(match image.b64_json.take() {
            Some(text) => Some(STANDARD.decode(text).map_err(|_| DecodeError::Base64 { index })?),
            None => None,
        });
    }
    Ok(Decoded { response, images })
}

/// An images response parsed by `serde_json` and read in place by [`FromJson`].
fn read_response(body: &[u8]) -> Result<ImagesResponse, String> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|error| error.to_string())?;
    ImagesResponse::from_json(&&value)
}

/// Decodes a body delivered in `chunks` with a [`ResponseDecoder`].
pub fn decode_chunks<'a>(chunks: impl IntoIterator<Item = &'a [u8]>) -> Result<Decoded, DecodeError> {
    let mut decoder = ResponseDecoder::new();
    let mut ready = Vec::new();
    for chunk in chunks {
        ready.extend(decoder.push(chunk));
    }
    let response = decoder.finish()?;
    let mut images = vec![None; response.data.len()];
    for image in ready {
        if let Some(slot) = images.get_mut(image.index) {
            *slot = Some(image.bytes);
        }
    }
    Ok(Decoded { response, images })
}

/// Where the lexer is in the body.
#[derive(Debug)]
enum State {
    /// Between tokens, or inside a number or literal.
    Structure,
    /// Inside a string other than an image's base64.
    Text { key: Option<KeyOf>, escaped: bool },
    /// Inside `data[i].b64_json`.
    Base64(Escape),
    /// A JSON error inside an image string: the answer is already known.
    Failed(String),
}

/// Whose key a string is, when the key matters.
#[derive(Debug, Clone, Copy, PartialEq)]
enum KeyOf {
    /// A key of the root object (looking for `data`).
    Root,
    /// A key of an object in `data` (looking for `b64_json`).
    Item,
}

/// What an object at a depth we follow expects next.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum Expect {
    #[default]
    Key,
    Colon,
    Value,
    Comma,
}

/// An object whose keys we follow: the root, or an item of `data`.
#[derive(Debug, Clone, Copy, Default)]
struct Followed {
    is_object: bool,
    expect: Expect,
    key_matches: bool,
}

/// Where an escape sequence inside an image string is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Escape {
    None,
    Backslash,
    /// `\u` and `digits` hex digits so far; `high` is a pending high surrogate.
    Unicode {
        digits: u8,
        value: u32,
        high: Option<u32>,
    },
    /// After a high surrogate: expecting `\`.
    LowBackslash(u32),
    /// After a high surrogate and `\`: expecting `u`.
    LowU(u32),
    /// Inside a multi-byte UTF-8 character: bytes so far.
    Utf8 {
        bytes: [u8; 4],
        len: u8,
        need: u8,
    },
}

/// The longest key text kept; `b64_json` written with `\u` escapes fits.
const MAX_KEY: usize = 64;

/// Decodes an images response as it arrives; see the [module docs](self).
#[derive(Debug)]
pub struct ResponseDecoder {
    state: State,
    depth: usize,
    root: Followed,
    item: Followed,
    in_data: bool,
    index: usize,
    key: Vec<u8>,
    skeleton: Vec<u8>,
    image: Option<ImageSink>,
    /// The size of the last image, reserved for the next one: the images of
    /// one response are much alike, and a buffer grown by doubling copies
    /// each image twice over.
    last_image_len: usize,
    base64_error: Option<usize>,
}

impl Default for ResponseDecoder {
    fn default() -> Self {
        Self::new()
    }
}

impl ResponseDecoder {
    /// A decoder at the start of a body.
    pub fn new() -> Self {
        ResponseDecoder {
            state: State::Structure,
            depth: 0,
            root: Followed::default(),
            item: Followed::default(),
            in_data: false,
            index: 0,
            key: Vec::new(),
            skeleton: Vec::new(),
            image: None,
            last_image_len: 0,
            base64_error: None,
        }
    }

    /// Feeds the next bytes of the body; returns the images they complete.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<DecodedImage> {
        let mut ready = Vec::new();
        let mut rest = chunk;
        while !rest.is_empty() {
            rest = match self.state {
                State::Failed(_) => return ready,
                State::Structure => self.structure(rest),
                State::Text { key, escaped } => self.text(rest, key, escaped),
                State::Base64(escape) => self.base64(rest, escape, &mut ready),
            };
        }
        ready
    }

    /// Ends the body: the response without its base64 text, or the error
    /// [`decode_whole`] gives for the same body.
    pub fn finish(self) -> Result<ImagesResponse, DecodeError> {
        let mut response = self.finish_with(read_response)?;
        for image in &mut response.data {
            image.b64_json = None;
        }
        Ok(response)
    }

    /// Ends the body with another JSON parser (a browser's `JSON.parse`
    /// costs a WebAssembly bundle nothing): `parse` gets the body's JSON text
    /// with every `b64_json` string emptied, and errors come in the order
    /// [`ResponseDecoder::finish`] gives them.
    pub fn finish_with<T>(self, parse: impl FnOnce(&[u8]) -> Result<T, String>) -> Result<T, DecodeError> {
        if let State::Failed(message) = self.state {
            return Err(DecodeError::Json(message));
        }
        let parsed = parse(&self.skeleton).map_err(DecodeError::Json)?;
        match self.base64_error {
            Some(index) => Err(DecodeError::Base64 { index }),
            None => Ok(parsed),
        }
    }

    /// The object followed at the current depth, if any.
    fn followed(&mut self) -> Option<&mut Followed> {
        match self.depth {
            1 if self.root.is_object => Some(&mut self.root),
            3 if self.in_data && self.item.is_object => Some(&mut self.item),
            _ => None,
        }
    }

    /// Between tokens: one byte at a time (this part of a body is small).
    fn structure<'a>(&mut self, rest: &'a [u8]) -> &'a [u8] {
        let byte = rest[0];
        self.skeleton.push(byte);
        let depth = self.depth;
        let followed = self.followed().copied();
        match byte {
            b'"' => {
                match followed {
                    Some(object) if object.expect == Expect::Key => {
                        self.key.clear();
                        self.state = State::Text {
                            key: Some(if depth == 1 { KeyOf::Root } else { KeyOf::Item }),
                            escaped: false,
                        };
                        self.set_expect(Expect::Colon);
                        return &rest[1..];
                    }
                    Some(object) if object.expect == Expect::Value && depth == 3 && object.key_matches => {
                        self.set_expect(Expect::Comma);
                        self.image = Some(ImageSink::new(self.index, self.last_image_len));
                        self.state = State::Base64(Escape::None);
                        return &rest[1..];
                    }
                    _ => {}
                }
                self.value_started();
                self.state = State::Text { key: None, escaped: false };
            }
            b':' => {
                if followed.is_some_and(|object| object.expect == Expect::Colon) {
                    self.set_expect(Expect::Value);
                }
            }
            b',' => {
                if followed.is_some() {
                    self.set_expect(Expect::Key);
                } else if depth == 2 && self.in_data {
                    self.index += 1;
                }
            }
            b'{' | b'[' => {
                let opens_data = depth == 1 && followed.is_some_and(|o| o.expect == Expect::Value && o.key_matches);
                self.value_started();
                match depth {
                    0 => self.root = Followed { is_object: byte == b'{', ..Default::default() },
                    1 => {
                        self.in_data = opens_data && byte == b'[';
                        self.index = 0;
                    }
                    2 if self.in_data => self.item = Followed { is_object: byte == b'{', ..Default::default() },
                    _ => {}
                }
                self.depth += 1;
            }
            b'}' | b']' => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 1 {
                    self.in_data = false;
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => self.value_started(),
        }
        &rest[1..]
    }

    /// A value starts at the current depth: a followed object now expects a comma.
    fn value_started(&mut self) {
        if self.followed().is_some_and(|object| object.expect == Expect::Value) {
            self.set_expect(Expect::Comma);
        }
    }

    fn set_expect(&mut self, expect: Expect) {
        if let Some(object) = self.followed() {
            object.expect = expect;
        }
    }

    /// Inside an ordinary string: copied as is; only its end matters, and
    /// for keys we follow, its text.
    fn text<'a>(&mut self, rest: &'a [u8], key: Option<KeyOf>, mut escaped: bool) -> &'a [u8] {
        for (at, &byte) in rest.iter().enumerate() {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                self.skeleton.extend_from_slice(&rest[..=at]);
                if key.is_some() {
                    self.key_text(&rest[..at]);
                    self.key_ended(key);
                }
                self.state = State::Structure;
                return &rest[at + 1..];
            }
        }
        self.skeleton.extend_from_slice(rest);
        if key.is_some() {
            self.key_text(rest);
        }
        self.state = State::Text { key, escaped };
        &[]
    }

    fn key_text(&mut self, text: &[u8]) {
        if self.key.len() <= MAX_KEY {
            self.key.extend_from_slice(&text[..text.len().min(MAX_KEY + 1 - self.key.len())]);
        }
    }

    fn key_ended(&mut self, key: Option<KeyOf>) {
        let wanted = match key {
            Some(KeyOf::Root) => "data",
            Some(KeyOf::Item) => "b64_json",
            None => return,
        };
        let matches = self.key.len() <= MAX_KEY && key_spells(&self.key, wanted);
        if let Some(object) = self.followed() {
            object.key_matches = matches;
        }
    }

    /// Inside `data[i].b64_json`: runs of plain characters go straight to the
    /// base64 decoder; escapes and non-ASCII characters are checked as
    /// `serde_json` checks them.
    fn base64<'a>(&mut self, rest: &'a [u8], escape: Escape, ready: &mut Vec<DecodedImage>) -> &'a [u8] {
        let image = self.image.as_mut().expect("an image string has a sink");
        if escape != Escape::None {
            return match step_escape(escape, rest[0]) {
                Ok((next, decoded)) => {
                    if let Some(byte) = decoded {
                        image.feed(&[byte]);
                    }
                    self.state = State::Base64(next);
                    &rest[1..]
                }
                Err(message) => {
                    self.fail(message);
                    &[]
                }
            };
        }
        let run = plain_run(rest);
        image.feed(&rest[..run]);
        let Some(&byte) = rest.get(run) else { return &[] };
        match byte {
            b'"' => {
                let image = self.image.take().expect("an image string has a sink");
                let index = image.index;
                match image.finish() {
                    Some(bytes) => {
                        self.last_image_len = bytes.len();
                        ready.push(DecodedImage { index, bytes });
                    }
                    None => {
                        self.base64_error.get_or_insert(index);
                    }
                }
                self.skeleton.push(b'"');
                self.state = State::Structure;
            }
            b'\\' => self.state = State::Base64(Escape::Backslash),
            0x00..=0x1f => self.fail("control character (\\u0000-\\u001F) found while parsing a string".into()),
            _ => match step_escape(Escape::Utf8 { bytes: [0; 4], len: 0, need: 0 }, byte) {
                Ok((next, _)) => self.state = State::Base64(next),
                Err(message) => self.fail(message),
            },
        }
        &rest[run + 1..]
    }

    fn fail(&mut self, message: String) {
        self.state = State::Failed(message);
        self.image = None;
        self.skeleton = Vec::new();
    }
}

/// How many bytes at the start of `text` are plain characters: neither a
/// quote, a backslash, a control character nor the start of a non-ASCII one.
/// Checks blocks of 32 bytes without branches, which the compiler vectorises.
fn plain_run(text: &[u8]) -> usize {
    // `b < 0x20 || b >= 0x80` as one unsigned comparison, and `|` rather
    // than `||`, so that the whole block is checked without a branch.
    let special = |b: u8| (b == b'"') | (b == b'\\') | (b.wrapping_sub(0x20) >= 0x60);
    let mut run = 0;
    for block in text.chunks_exact(32) {
        if block.iter().fold(false, |found, &b| found | special(b)) {
            break;
        }
        run += 32;
    }
    run + text[run..].iter().position(|&b| special(b)).unwrap_or(text.len() - run)
}

/// Whether a key's JSON text (escapes included, quotes not) spells `wanted`,
/// an ASCII name. Written by hand rather than asking `serde_json`, which
/// would pull its parser into the browser bundle for this one comparison;
/// the property tests check it against `serde_json` on random keys.
fn key_spells(raw: &[u8], wanted: &str) -> bool {
    let mut spelled = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte != b'\\' {
            spelled.push(byte);
            rest = tail;
            continue;
        }
        let (unescaped, tail) = match tail.split_first() {
            Some((b'u', tail)) if tail.len() >= 4 => {
                let code = std::str::from_utf8(&tail[..4]).ok().and_then(|hex| u8::from_str_radix(hex, 16).ok());
                match code {
                    Some(code) if code.is_ascii() && tail[..4].iter().all(u8::is_ascii_hexdigit) => (code, &tail[4..]),
                    _ => return false,
                }
            }
            Some((&escaped @ (b'"' | b'\\' | b'/'), tail)) => (escaped, tail),
            Some((b'b', tail)) => (0x08, tail),
            Some((b'f', tail)) => (0x0c, tail),
            Some((b'n', tail)) => (b'\n', tail),
            Some((b'r', tail)) => (b'\r', tail),
            Some((b't', tail)) => (b'\t', tail),
            _ => return false,
        };
        spelled.push(unescaped);
        rest = tail;
    }
    spelled == wanted.as_bytes()
}

/// One byte of an escape sequence or multi-byte character inside an image
/// string. Returns the next state and, when a character ends, its byte for the
/// base64 decoder (a non-ASCII character gives a byte base64 rejects).
fn step_escape(escape: Escape, byte: u8) -> Result<(Escape, Option<u8>), String> {
    const NOT_BASE64: u8 = b'!';
    let char_byte = |c: u32| if c < 0x80 { c as u8 } else { NOT_BASE64 };
    match escape {
        Escape::None => unreachable!("plain characters are handled in runs"),
        Escape::Backslash => match byte {
            b'"' | b'\\' | b'/' => Ok((Escape::None, Some(byte))),
            b'b' | b'f' | b'n' | b'r' | b't' => Ok((Escape::None, Some(NOT_BASE64))),
            b'u' => Ok((Escape::Unicode { digits: 0, value: 0, high: None }, None)),
            _ => Err("invalid escape".into()),
        },
        Escape::Unicode { digits, value, high } => {
            let digit = (byte as char).to_digit(16).ok_or("invalid escape")?;
            let value = value * 16 + digit;
            if digits < 3 {
                return Ok((Escape::Unicode { digits: digits + 1, value, high }, None));
            }
            match (high, value) {
                (None, 0xD800..=0xDBFF) => Ok((Escape::LowBackslash(value), None)),
                (None, 0xDC00..=0xDFFF) => Err("lone leading surrogate in hex escape".into()),
                (None, _) => Ok((Escape::None, Some(char_byte(value)))),
                (Some(_), 0xDC00..=0xDFFF) => Ok((Escape::None, Some(NOT_BASE64))),
                (Some(_), _) => Err("lone leading surrogate in hex escape".into()),
            }
        }
        Escape::LowBackslash(high) if byte == b'\\' => Ok((Escape::LowU(high), None)),
        Escape::LowU(high) if byte == b'u' => Ok((Escape::Unicode { digits: 0, value: 0, high: Some(high) }, None)),
        Escape::LowBackslash(_) | Escape::LowU(_) => Err("unexpected end of hex escape".into()),
        Escape::Utf8 { mut bytes, len, need } => {
            let need = if len == 0 {
                match byte {
                    0xC2..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    0xF0..=0xF4 => 4,
                    _ => return Err("invalid unicode code point".into()),
                }
            } else {
                need
            };
            bytes[len as usize] = byte;
            let len = len + 1;
            if len < need {
                return Ok((Escape::Utf8 { bytes, len, need }, None));
            }
            std::str::from_utf8(&bytes[..len as usize]).map_err(|_| "invalid unicode code point".to_owned())?;
            Ok((Escape::None, Some(NOT_BASE64)))
        }
    }
}

/// Base64 text of one image, decoded as it comes. It keeps back the last
/// one to four characters so that padding is only ever accepted at the end,
/// as decoding the whole string at once would.
#[derive(Debug)]
struct ImageSink {
    index: usize,
    bytes: Vec<u8>,
    pending: Vec<u8>,
    failed: bool,
}

impl ImageSink {
    fn new(index: usize, expected_len: usize) -> Self {
        ImageSink { index, bytes: Vec::with_capacity(expected_len), pending: Vec::with_capacity(4), failed: false }
    }

    fn feed(&mut self, mut text: &[u8]) {
        if self.failed || text.is_empty() {
            return;
        }
        if !self.pending.is_empty() {
            let take = ((4 - self.pending.len() % 4) % 4).min(text.len());
            self.pending.extend_from_slice(&text[..take]);
            text = &text[take..];
            if text.is_empty() {
                return;
            }
            let group = std::mem::take(&mut self.pending);
            self.decode_middle(&group);
            self.pending = group;
            self.pending.clear();
        }
        let middle = (text.len() - 1) / 4 * 4;
        self.decode_middle(&text[..middle]);
        self.pending.extend_from_slice(&text[middle..]);
    }

    /// Decodes whole groups of four that are known not to be the last.
    fn decode_middle(&mut self, text: &[u8]) {
        if self.failed || text.is_empty() {
            return;
        }
        // Padding here would be accepted by the engine as an ending; more
        // text follows, so the whole string would be rejected.
        if text[text.len() - 2..].contains(&b'=') || STANDARD.decode_vec(text, &mut self.bytes).is_err() {
            self.failed = true;
        }
    }

    /// The image, or `None` if its text was not valid base64.
    fn finish(mut self) -> Option<Vec<u8>> {
        if !self.failed && !self.pending.is_empty() {
            let last = std::mem::take(&mut self.pending);
            self.failed = STANDARD.decode_vec(&last, &mut self.bytes).is_err();
        }
        (!self.failed).then_some(self.bytes)
    }
}
