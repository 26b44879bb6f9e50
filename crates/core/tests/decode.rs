//! The incremental decoder against the reference (`serde_json` + `base64` over
//! the whole body): same images and same errors, for every body and every way
//! of cutting it into chunks.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use gpt_image_core::{DecodeError, Decoded, ResponseDecoder, decode_chunks, decode_whole};
use proptest::prelude::*;

/// Same outcome: equal results, or errors of the same kind (serde_json's
/// message may name a different position, which is not what users branch on).
fn assert_same(body: &[u8], whole: &Result<Decoded, DecodeError>, chunked: &Result<Decoded, DecodeError>) {
    match (whole, chunked) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "body: {}", String::from_utf8_lossy(body)),
        (Err(DecodeError::Json(_)), Err(DecodeError::Json(_))) => {}
        (Err(a), Err(b)) => assert_eq!(a, b, "body: {}", String::from_utf8_lossy(body)),
        _ => panic!("whole {whole:?} but chunked {chunked:?} for {}", String::from_utf8_lossy(body)),
    }
}

fn chunked(body: &[u8], sizes: &[usize]) -> Result<Decoded, DecodeError> {
    let mut chunks = Vec::new();
    let mut rest = body;
    let mut sizes = sizes.iter().cycle();
    while !rest.is_empty() {
        let size = (*sizes.next().unwrap_or(&1)).clamp(1, rest.len());
        chunks.push(&rest[..size]);
        rest = &rest[size..];
    }
    decode_chunks(chunks)
}

fn check(body: &[u8]) {
    let whole = decode_whole(body);
    for sizes in [&[1][..], &[2], &[3], &[7], &[4096], &[1, 5, 2, 64]] {
        assert_same(body, &whole, &chunked(body, sizes));
    }
}

fn response(items: &[String]) -> String {
    format!(
        r#"{{"created": 1713833628, "data": [{}], "size": "1024x1024", "usage": {{"total_tokens": 3}}}}"#,
        items.join(",")
    )
}

#[test]
fn decodes_each_image_and_keeps_every_other_field() {
    let png = b"\x89PNG\r\n\x1a\n fake image bytes \x00\xff";
    let body = response(&[
        format!(r#"{{"b64_json": "{}", "revised_prompt": "a \"cat\""}}"#, STANDARD.encode(png)),
        r#"{"url": "https://x/y.png"}"#.into(),
        format!(r#"{{"revised_prompt": "late", "b64_json": "{}"}}"#, STANDARD.encode(b"second")),
    ]);
    let decoded = chunked(body.as_bytes(), &[3]).unwrap();
    assert_eq!(decoded.images, vec![Some(png.to_vec()), None, Some(b"second".to_vec())]);
    assert_eq!(decoded.response.data[0].revised_prompt.as_deref(), Some("a \"cat\""));
    assert_eq!(decoded.response.data[0].b64_json, None);
    assert_eq!(decoded.response.data[1].url.as_deref(), Some("https://x/y.png"));
    assert_eq!(decoded.response.usage.unwrap().total_tokens, 3);
    check(body.as_bytes());
}

#[test]
fn hands_over_each_image_as_soon_as_its_string_ends() {
    let body = response(&[
        format!(r#"{{"b64_json": "{}"}}"#, STANDARD.encode(b"first image")),
        format!(r#"{{"b64_json": "{}"}}"#, STANDARD.encode(b"second image")),
    ]);
    let end_of_first = body.find("\"}").unwrap() + 1;
    let mut decoder = ResponseDecoder::new();
    assert!(decoder.push(&body.as_bytes()[..end_of_first - 1]).is_empty(), "not before the closing quote");
    let ready = decoder.push(&body.as_bytes()[end_of_first - 1..end_of_first]);
    assert_eq!(ready.len(), 1);
    assert_eq!((ready[0].index, ready[0].bytes.as_slice()), (0, &b"first image"[..]));
    let ready = decoder.push(&body.as_bytes()[end_of_first..]);
    assert_eq!(ready[0].index, 1);
    assert!(decoder.finish().is_ok());
}

#[test]
fn agrees_on_tricky_bodies() {
    let cases: &[&str] = &[
        // escapes inside the base64: `\/` is `/`, `\u0041` is `A`
        r#"{"data": [{"b64_json": "a\/8="}]}"#,
        r#"{"data": [{"b64_json": "\u0041AAA"}]}"#,
        r#"{"data": [{"b64_json": "AA\nA"}]}"#,
        r#"{"data": [{"b64_json": "AA\"A"}]}"#,
        r#"{"data": [{"b64_json": "AA\qA"}]}"#,
        r#"{"data": [{"b64_json": "AA\u00e9A"}]}"#,
        r#"{"data": [{"b64_json": "AA\ud83d\ude00"}]}"#,
        r#"{"data": [{"b64_json": "AA\ud83dAA"}]}"#,
        r#"{"data": [{"b64_json": "AA\ude00AA"}]}"#,
        r#"{"data": [{"b64_json": "AA\ud83d\u0041"}]}"#,
        r#"{"data": [{"b64_json": "AAé="}]}"#,
        // padding: only at the end, canonical
        r#"{"data": [{"b64_json": "AA==AAAA"}]}"#,
        r#"{"data": [{"b64_json": "AAA=AAAA"}]}"#,
        r#"{"data": [{"b64_json": "AAA"}]}"#,
        r#"{"data": [{"b64_json": "AAB="}]}"#,
        r#"{"data": [{"b64_json": "A"}]}"#,
        r#"{"data": [{"b64_json": ""}]}"#,
        r#"{"data": [{"b64_json": "AAAA AAAA"}]}"#,
        // keys spelled with escapes, duplicates, wrong types, wrong places
        r#"{"d\u0061ta": [{"b64\u005fjson": "QUJD"}]}"#,
        r#"{"data": [{"b64_json": "QUJD", "b64_json": "QUJD"}]}"#,
        r#"{"data": [{"b64_json": "QUJD"}], "data": []}"#,
        r#"{"data": [{"b64_json": 5}]}"#,
        r#"{"data": [{"b64_json": null}]}"#,
        r#"{"data": [["b64_json", "QUJD"]]}"#,
        r#"{"data": {"b64_json": "QUJD"}}"#,
        r#"{"x": {"data": [{"b64_json": "!!!!"}]}, "data": []}"#,
        r#"{"data": [{"nested": {"b64_json": "!!!!"}}, {"b64_json": "QUJD"}]}"#,
        r#"{"data": [{"b64_json": "!!!!"}, {"b64_json": "$$$$"}]}"#,
        r#"[{"data": [{"b64_json": "QUJD"}]}]"#,
        // broken JSON around valid and invalid images
        r#"{"data": [{"b64_json": "!!!!"}] "#,
        r#"{"data": [{"b64_json": "QUJD"}]} trailing"#,
        r#"{"data": [{"b64_json": "QUJD"},]}"#,
        r#"{"data": [{"b64_json": "QUJD"}]"#,
        r#"{"data": [{"b64_json": "QUJD"#,
        r#"{"data": [{"b64_json" "QUJD"}]}"#,
        r#"{"data": [{"b64_json": "QU\u00"}]}"#,
        "\u{feff}{\"data\": []}",
        "{\"data\": [{\"b64_json\": \"QU\u{1}JD\"}]}",
        "{\"data\": [{\"b64_json\": \"QUJD\"}], \"created\": 1.5}",
        "",
        "null",
        "{}",
    ];
    for case in cases {
        check(case.as_bytes());
    }
    check(b"{\"data\": [{\"b64_json\": \"QU\xc3JD\"}]}");
    check(b"{\"data\": [{\"b64_json\": \"QU\xff\xfeJD\"}]}");
    check(b"{\"data\": [{\"b64_json\": \"QUJD\xe2\x82\"}]}");
    let deep = format!("{{\"data\": [{{\"x\": {}{}}}]}}", "[".repeat(200), "]".repeat(200));
    check(deep.as_bytes());
}

/// A base64 string, sometimes damaged.
fn base64_text() -> impl Strategy<Value = String> {
    let valid = || proptest::collection::vec(any::<u8>(), 0..300).prop_map(|bytes| STANDARD.encode(bytes));
    let damaged = (
        valid(),
        any::<prop::sample::Index>(),
        prop::sample::select(vec!["=", "==", "!", "\\/", "\\u0041", "\\n", " ", "é", "\\ud800", "\"", "\\"]),
    )
        .prop_map(|(text, at, insert)| {
            let at = at.index(text.len() + 1);
            format!("{}{insert}{}", &text[..at], &text[at..])
        });
    // Two encodings glued together: padding in the middle, a real bug of
    // providers that concatenate chunks.
    let glued = (valid(), valid()).prop_map(|(a, b)| a + &b);
    prop_oneof![4 => valid(), 1 => damaged, 1 => glued]
}

/// A data item: an image, a link, or something a provider might send.
fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (base64_text(), proptest::option::of("[a-z \"]{0,12}")).prop_map(|(b64, revised)| match revised {
            Some(text) => format!(r#"{{"revised_prompt": {}, "b64_json": "{b64}"}}"#, serde_json::to_string(&text).unwrap()),
            None => format!(r#"{{"b64_json":"{b64}"}}"#),
        }),
        1 => Just(r#"{"url": "https://example.com/a.png"}"#.to_owned()),
        1 => Just(r#"{"b64_json": null, "extra": [1, {"b64_json": "x"}]}"#.to_owned()),
    ]
}

/// A response body as a provider writes it.
fn whole_body() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(item(), 0..4).prop_map(|items| response(&items).into_bytes())
}

/// A response body, sometimes damaged after it was written.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let whole = whole_body();
    let damaged =
        (whole_body(), any::<prop::sample::Index>(), 0..4u8, any::<u8>()).prop_map(|(mut body, at, how, byte)| {
            let at = at.index(body.len());
            match how {
                0 => body.truncate(at),
                1 => body[at] = byte,
                2 => body.insert(at, byte),
                _ => {
                    body.remove(at);
                }
            }
            body
        });
    prop_oneof![3 => whole, 2 => damaged]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_body_in_any_chunks_decodes_as_the_whole_body_does(body in body(), sizes in proptest::collection::vec(1usize..50, 1..8)) {
        let whole = decode_whole(&body);
        assert_same(&body, &whole, &chunked(&body, &sizes));
    }

    #[test]
    fn arbitrary_bytes_decode_as_the_whole_body_does(body in proptest::collection::vec(any::<u8>(), 0..200), size in 1usize..20) {
        assert_same(&body, &decode_whole(&body), &chunked(&body, &[size]));
    }
}
