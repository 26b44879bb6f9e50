//! What Trunk leaves for `cargo xtask dist` to trim: the wasm-bindgen glue
//! unminified, and custom sections in the wasm that no browser reads
//! (`name`, `producers`, `target_features`, ...). Trunk 0.21 has no option
//! for either, and `wasm-opt` is not run (see `web/index.html`), so they are
//! trimmed here, and `index.html`'s `integrity` attributes are written again
//! for the trimmed files. A wasm that holds a serde deserializer is refused
//! (see [`refuse_serde_deserializers`]).

use std::fs;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::cmd::Result;

/// Minifies every wasm-bindgen `.js` file in `dir` (not its subfolders),
/// strips the custom sections of every `.wasm` file, and renews the
/// integrity hashes of `dir/index.html` if there is one.
pub fn trim(dir: &Path, scripts: impl Fn(&str) -> bool) -> Result {
    for entry in fs::read_dir(dir).map_err(|error| format!("{}: {error}", dir.display()))? {
        let path = entry.map_err(|error| error.to_string())?.path();
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
        if name.ends_with(".wasm") {
            let bytes = fs::read(&path).map_err(|error| format!("{}: {error}", path.display()))?;
            let stripped = without_custom_sections(&bytes).ok_or(format!("{}: not a wasm module", path.display()))?;
            refuse_serde_deserializers(&stripped).map_err(|error| format!("{}: {error}", path.display()))?;
            fs::write(&path, stripped).map_err(|error| format!("{}: {error}", path.display()))?;
        } else if name.ends_with(".js") && scripts(&name) {
            crate::pkg::minify(&path, &path)?;
        }
    }
    let index = dir.join("index.html");
    if index.exists() {
        let html = fs::read_to_string(&index).map_err(|error| format!("{}: {error}", index.display()))?;
        fs::write(&index, renew_integrity(&html, dir)?).map_err(|error| format!("{}: {error}", index.display()))?;
    }
    Ok(())
}

/// The text serde's derived `Deserialize` links in (its `missing_field` error).
const SERDE_DESERIALIZE_TEXT: &[u8] = b"missing field";

/// Refuses a browser wasm that holds a serde deserializer: what the browser
/// reads goes through core's `FromJson` over `JSON.parse`, and one derived
/// `Deserialize` reached from the app brings serde_json's parser and the
/// visitors back (about 30 KB of Brotli).
fn refuse_serde_deserializers(wasm: &[u8]) -> Result {
    if wasm.windows(SERDE_DESERIALIZE_TEXT.len()).any(|window| window == SERDE_DESERIALIZE_TEXT) {
        return Err("holds a serde deserializer (its text \"missing field\"): read JSON with core's FromJson over \
             gpt_image_wasm::Json, and find the caller with `twiggy paths` on a build with names"
            .into());
    }
    Ok(())
}

/// A wasm module without its custom sections (id 0); `None` if `bytes` is not one.
fn without_custom_sections(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..8)? != b"\0asm\x01\0\0\0" {
        return None;
    }
    let mut out = bytes[..8].to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        let (size, size_len) = leb128(bytes.get(at + 1..)?)?;
        let end = at + 1 + size_len + size;
        let section = bytes.get(at..end)?;
        if id != 0 {
            out.extend_from_slice(section);
        }
        at = end;
    }
    Some(out)
}

/// An unsigned LEB128 number and how many bytes it took.
fn leb128(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for (index, byte) in bytes.iter().take(5).enumerate() {
        value |= usize::from(byte & 0x7f) << (7 * index);
        if byte & 0x80 == 0 {
            return Some((value, index + 1));
        }
    }
    None
}

/// `html` with each `integrity="sha384-…"` of a tag that names a local
/// file (`href="./NAME"` or `src="./NAME"`) computed again from the file in `dir`.
fn renew_integrity(html: &str, dir: &Path) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = start + rest[start..].find('>').unwrap_or(rest.len() - start);
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        out.push_str(&match (attribute(tag, "integrity"), attribute(tag, "href").or(attribute(tag, "src"))) {
            (Some(old), Some(file)) if old.starts_with("sha384-") && file.starts_with("./") => {
                let path = dir.join(&file[2..]);
                let bytes = fs::read(&path).map_err(|error| format!("{}: {error}", path.display()))?;
                let hash = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes));
                tag.replacen(old, &format!("sha384-{hash}"), 1)
            }
            _ => tag.to_owned(),
        });
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_sections_go_and_the_rest_stays() {
        let type_section = [1, 4, 1, 0x60, 0, 0];
        let name_section = [0, 6, 4, b'n', b'a', b'm', b'e', 9];
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        module.extend(name_section);
        module.extend(type_section);
        module.extend(name_section);
        let mut expected = b"\0asm\x01\0\0\0".to_vec();
        expected.extend(type_section);
        assert_eq!(without_custom_sections(&module), Some(expected));
        assert_eq!(without_custom_sections(b"not wasm"), None);
        assert_eq!(without_custom_sections(&module[..module.len() - 1]), None, "cut short");
    }

    #[test]
    fn a_serde_deserializer_is_refused() {
        let with = b"\0asm\x01\0\0\0 ... missing field `prompt` ...";
        assert!(refuse_serde_deserializers(with).is_err_and(|error| error.contains("FromJson")));
        assert!(refuse_serde_deserializers(b"\0asm\x01\0\0\0 `prompt` of a generation request is missing").is_ok());
    }

    #[test]
    fn integrity_follows_the_file() {
        let dir = std::env::temp_dir().join(format!("xtask-slim-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("app.js"), "export {}").unwrap();
        let html = r#"<head><link rel="modulepreload" href="./app.js" integrity="sha384-old"><link rel="icon" href="x.ico"></head>"#;
        let renewed = renew_integrity(html, &dir).unwrap();
        // `printf 'export {}' | openssl dgst -sha384 -binary | base64`
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(b"export {}"));
        assert_eq!(renewed, html.replace("sha384-old", &format!("sha384-{hash}")));
        fs::remove_dir_all(dir).unwrap();
    }
}
