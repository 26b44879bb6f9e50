//! What wasm-bindgen leaves for `cargo xtask dist` to trim in the
//! playground and the embed: the glue unminified, and custom sections in
//! the wasm that no browser reads (`name`, `producers`, `target_features`,
//! ...); `wasm-opt` is not run there (see [`crate::web`]). A wasm that holds
//! a serde deserializer is refused (see [`refuse_serde_deserializers`]).

use std::fs;
use std::path::Path;

use crate::cmd::Result;

/// Minifies every wasm-bindgen `.js` file in `dir` (not its subfolders)
/// that `scripts` names, and strips the custom sections of every `.wasm` file.
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
}
