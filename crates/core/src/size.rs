//! `size`: `auto`, or `WIDTHxHEIGHT` in pixels.

use std::fmt;

/// The size of the images, as the API spells it.
///
/// Standard sizes are [`Size::Pixels`] values with names below
/// ([`Size::SQUARE`], …); `gpt-image-2` accepts any `WIDTHxHEIGHT` within its
/// rules (see [`crate::validate`]). Anything else is kept as [`Size::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Size {
    /// Let the model choose.
    Auto,
    /// `WIDTHxHEIGHT`.
    Pixels {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// A value that is neither `auto` nor `WIDTHxHEIGHT`, kept exactly as sent.
    Other(String),
}

impl Size {
    /// `256x256` (`dall-e-2`).
    pub const S256: Size = Size::pixels(256, 256);
    /// `512x512` (`dall-e-2`).
    pub const S512: Size = Size::pixels(512, 512);
    /// `1024x1024`: every model.
    pub const SQUARE: Size = Size::pixels(1024, 1024);
    /// `1536x1024`: GPT image models' landscape.
    pub const LANDSCAPE: Size = Size::pixels(1536, 1024);
    /// `1024x1536`: GPT image models' portrait.
    pub const PORTRAIT: Size = Size::pixels(1024, 1536);
    /// `1792x1024`: `dall-e-3`'s landscape.
    pub const WIDE: Size = Size::pixels(1792, 1024);
    /// `1024x1792`: `dall-e-3`'s portrait.
    pub const TALL: Size = Size::pixels(1024, 1792);

    /// A `WIDTHxHEIGHT` size.
    pub const fn pixels(width: u32, height: u32) -> Self {
        Size::Pixels { width, height }
    }

    /// Width and height, unless the size is `auto` or not `WIDTHxHEIGHT`.
    pub fn dimensions(&self) -> Option<(u32, u32)> {
        match self {
            Size::Pixels { width, height } => Some((*width, *height)),
            _ => None,
        }
    }

    /// Parses a wire value. Never fails: anything that is not `auto` or a
    /// canonical `WIDTHxHEIGHT` (digits, no leading zeros) becomes [`Size::Other`].
    pub fn parse(value: &str) -> Self {
        if value == "auto" {
            return Size::Auto;
        }
        let canonical = |part: &str| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) && !(part.len() > 1 && part.starts_with('0'))
        };
        match value.split_once('x') {
            Some((w, h)) if canonical(w) && canonical(h) => match (w.parse(), h.parse()) {
                (Ok(width), Ok(height)) => Size::Pixels { width, height },
                _ => Size::Other(value.to_owned()),
            },
            _ => Size::Other(value.to_owned()),
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Size::Auto => f.write_str("auto"),
            Size::Pixels { width, height } => write!(f, "{width}x{height}"),
            Size::Other(value) => f.write_str(value),
        }
    }
}

impl From<&str> for Size {
    fn from(value: &str) -> Self {
        Size::parse(value)
    }
}

impl serde::Serialize for Size {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|value| Size::parse(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_auto_pixels_and_keeps_anything_else() {
        assert_eq!(Size::parse("auto"), Size::Auto);
        assert_eq!(Size::parse("1536x864"), Size::pixels(1536, 864));
        for odd in ["", "x", "1024", "1024x", "01024x1024", "1024X1024", "-1x5", "99999999999x1", "1k"] {
            assert_eq!(Size::parse(odd), Size::Other(odd.into()), "{odd:?}");
        }
    }

    #[test]
    fn every_value_round_trips_unchanged() {
        for wire in ["auto", "1024x1024", "3840x2160", "0x0", "1024X1024", "square"] {
            let size: Size = serde_json::from_value(serde_json::json!(wire)).unwrap();
            assert_eq!(serde_json::to_value(&size).unwrap(), serde_json::json!(wire));
        }
    }
}
