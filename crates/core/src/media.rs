//! MIME types, file extensions and dimensions of image files.

use crate::params::ImageFormat;

impl ImageFormat {
    /// The MIME type: `image/png`, `image/jpeg`, `image/webp`, else `image/<name>`.
    pub fn mime_type(&self) -> &str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Webp => "image/webp",
            ImageFormat::Gif => "image/gif",
            ImageFormat::Svg => "image/svg+xml",
            ImageFormat::Other(name) => match name.as_str() {
                "bmp" => "image/bmp",
                "tiff" => "image/tiff",
                "avif" => "image/avif",
                "heif" => "image/heif",
                _ => "application/octet-stream",
            },
        }
    }

    /// The usual file extension, without the dot: `png`, `jpg`, `webp`.
    pub fn extension(&self) -> &str {
        match self {
            ImageFormat::Jpeg => "jpg",
            other => other.as_str(),
        }
    }

    /// The format a MIME type names (`image/jpeg`, `image/jpg`, …), if known.
    pub fn from_mime_type(mime: &str) -> Option<Self> {
        let essence = mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        match essence.as_str() {
            "image/png" => Some(ImageFormat::Png),
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(ImageFormat::Jpeg),
            "image/webp" => Some(ImageFormat::Webp),
            "image/gif" => Some(ImageFormat::Gif),
            "image/svg+xml" => Some(ImageFormat::Svg),
            _ => None,
        }
    }

    /// The format a file name's extension names (`.png`, `.jpg`, `.jpeg`, `.webp`), if known.
    pub fn from_extension(filename: &str) -> Option<Self> {
        let (_, extension) = filename.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "png" => Some(ImageFormat::Png),
            "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
            "webp" => Some(ImageFormat::Webp),
            "gif" => Some(ImageFormat::Gif),
            "svg" => Some(ImageFormat::Svg),
            _ => None,
        }
    }
}

/// How many of a file's first bytes to read to find its format and its
/// dimensions (a JPEG's size can sit behind large metadata segments).
pub const HEAD_LEN: usize = 64 * 1024;

/// The format of an image file, from its first bytes (its magic number):
/// PNG, JPEG, WebP, GIF, and SVG (text whose first element is `<svg`, after
/// any byte order mark, XML declaration, comments and doctype); BMP comes
/// back as [`ImageFormat::Other`] (`bmp`); anything else is `None`.
pub fn sniff_format(head: &[u8]) -> Option<ImageFormat> {
    Some(if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if head.starts_with(b"\xff\xd8\xff") {
        ImageFormat::Jpeg
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        ImageFormat::Webp
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        ImageFormat::Gif
    } else if head.starts_with(b"BM") {
        ImageFormat::Other("bmp".into())
    } else if is_svg(head) {
        ImageFormat::Svg
    } else {
        return None;
    })
}

/// Whether text starts with an `<svg` element: a byte order mark, white
/// space, an XML declaration, comments and a doctype may come first.
fn is_svg(head: &[u8]) -> bool {
    let mut rest = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        let end: &[u8] = if rest.starts_with(b"<?") {
            b"?>"
        } else if rest.starts_with(b"<!--") {
            b"-->"
        } else if rest.starts_with(b"<!") {
            b">"
        } else {
            let after_name = rest.get(4).copied();
            return rest.starts_with(b"<svg")
                && after_name.is_some_and(|byte| byte.is_ascii_whitespace() || byte == b'>' || byte == b'/');
        };
        match rest.windows(end.len()).position(|window| window == end) {
            Some(at) => rest = &rest[at + end.len()..],
            None => return false,
        }
    }
}

/// Width and height of a PNG, JPEG, WebP, GIF or BMP from its header;
/// `None` when the bytes are not an image or the header is cut short.
///
/// Read by hand, in 60 lines: the `imagesize` crate did it before, and with
/// `io::Error` and string formatting cost the npm package 1.8 KB gzipped.
pub fn dimensions(head: &[u8]) -> Option<(u32, u32)> {
    let bytes = |at: usize, len: usize| head.get(at..at + len);
    let le16 = |at| bytes(at, 2).map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])));
    let le24 = |at| bytes(at, 3).map(|b| u32::from_le_bytes([b[0], b[1], b[2], 0]));
    let be32 = |at| bytes(at, 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let le32 = |at| bytes(at, 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let size = match sniff_format(head)? {
        // IHDR, the first chunk: width and height, big-endian.
        ImageFormat::Png if bytes(12, 4)? == b"IHDR" => (be32(16)?, be32(20)?),
        ImageFormat::Png => return None,
        ImageFormat::Jpeg => return jpeg_dimensions(head),
        // The first chunk: lossy (a key frame's header), lossless (14-bit
        // sizes less one, packed), or extended (24-bit canvas sizes less one).
        ImageFormat::Webp => match bytes(12, 4)? {
            b"VP8 " if bytes(23, 3)? == b"\x9d\x01\x2a" => (le16(26)? & 0x3fff, le16(28)? & 0x3fff),
            b"VP8L" if head.get(20) == Some(&0x2f) => {
                let bits = le32(21)?;
                ((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1)
            }
            b"VP8X" => (le24(24)? + 1, le24(27)? + 1),
            _ => return None,
        },
        ImageFormat::Gif => (le16(6)?, le16(8)?),
        // An SVG's size is in its text (`width`, `viewBox`), not a header.
        ImageFormat::Svg => return None,
        // BMP: 16-bit sizes in the old 12-byte header, else signed 32-bit (a
        // negative height is a top-down image).
        ImageFormat::Other(_) if le32(14)? == 12 => (le16(18)?, le16(20)?),
        ImageFormat::Other(_) => (le32(18)?, (le32(22)? as i32).unsigned_abs()),
    };
    Some(size)
}

/// A JPEG's size, from its first start-of-frame segment (markers `C0`–`CF`
/// but `C4`, `C8` and `CC`): the segments before it are skipped by their lengths.
fn jpeg_dimensions(head: &[u8]) -> Option<(u32, u32)> {
    let be16 = |at: usize| head.get(at..at + 2).map(|b| u32::from(u16::from_be_bytes([b[0], b[1]])));
    let mut at = 2;
    loop {
        if *head.get(at)? != 0xff {
            return None;
        }
        let marker = *head.get(at + 1)?;
        match marker {
            // Fill bytes before a marker.
            0xff => at += 1,
            // Markers without a length.
            0x01 | 0xd0..=0xd9 => at += 2,
            0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => return Some((be16(at + 7)?, be16(at + 5)?)),
            _ => at += 2 + be16(at + 2)? as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3x2 PNG, written by hand: signature, IHDR, IDAT, IEND.
    const PNG_3X2: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x03\0\0\0\x02\x08\x06\0\0\0\0\0\0\0";

    #[test]
    fn formats_know_their_mime_types_and_extensions() {
        assert_eq!(ImageFormat::Jpeg.mime_type(), "image/jpeg");
        assert_eq!(ImageFormat::Jpeg.extension(), "jpg");
        assert_eq!(ImageFormat::Webp.extension(), "webp");
        assert_eq!(ImageFormat::from_mime_type("Image/JPG; q=1"), Some(ImageFormat::Jpeg));
        assert_eq!(ImageFormat::from_extension("Cat.JPEG"), Some(ImageFormat::Jpeg));
        assert_eq!(ImageFormat::from_extension("README"), None);
    }

    #[test]
    fn sniffs_magic_numbers_and_reads_dimensions() {
        assert_eq!(sniff_format(PNG_3X2), Some(ImageFormat::Png));
        assert_eq!(dimensions(PNG_3X2), Some((3, 2)));
        assert_eq!(sniff_format(b"\xff\xd8\xff\xe0\0\x10JFIF\0"), Some(ImageFormat::Jpeg));
        assert_eq!(sniff_format(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageFormat::Webp));
        assert_eq!(sniff_format(b"GIF89a\x01\0\x01\0\0\0\0\0\0\0"), Some(ImageFormat::Gif));
        assert_eq!(sniff_format(b"<html>"), None);
        for svg in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..],
            b"\xef\xbb\xbf  <?xml version=\"1.0\"?>\n<!-- made by a model -->\n<!DOCTYPE svg>\n<svg>",
            b"<svg\nwidth='1'>",
        ] {
            assert_eq!(sniff_format(svg), Some(ImageFormat::Svg), "{}", String::from_utf8_lossy(svg));
        }
        for not_svg in [&b"<svgx>"[..], b"<?xml version='1.0'?><html/>", b"<!-- never closed <svg>", b"text <svg>"] {
            assert_eq!(sniff_format(not_svg), None, "{}", String::from_utf8_lossy(not_svg));
        }
        assert_eq!(ImageFormat::Svg.mime_type(), "image/svg+xml");
        assert_eq!(ImageFormat::from_mime_type("image/gif"), Some(ImageFormat::Gif));
        assert_eq!(ImageFormat::from_extension("loop.GIF"), Some(ImageFormat::Gif));
        assert_eq!(dimensions(b"\x89PNG"), None);
    }

    #[test]
    fn reads_the_size_from_each_header() {
        // JPEG: an APP0 segment, then a baseline start of frame of 640x480.
        let mut jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec();
        jpeg.extend_from_slice(b"\xff\xc0\0\x11\x08\x01\xe0\x02\x80\x03");
        assert_eq!(dimensions(&jpeg), Some((640, 480)));
        assert_eq!(dimensions(&jpeg[..jpeg.len() - 4]), None, "cut short");
        // WebP, lossy (VP8 key frame of 300x200), lossless (VP8L) and extended (VP8X).
        let lossy = b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0\x30\x01\0\x9d\x01\x2a\x2c\x01\xc8\x00";
        assert_eq!(dimensions(lossy), Some((300, 200)));
        let packed: u32 = (300 - 1) | ((200 - 1) << 14);
        let mut lossless = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f".to_vec();
        lossless.extend_from_slice(&packed.to_le_bytes());
        assert_eq!(dimensions(&lossless), Some((300, 200)));
        let extended = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0\x2b\x01\0\xc7\0\0";
        assert_eq!(dimensions(extended), Some((300, 200)));
        // GIF, and BMP with its 40-byte header (a top-down image: negative height) and the old 12-byte one.
        assert_eq!(dimensions(b"GIF89a\x2c\x01\xc8\0\0\0\0"), Some((300, 200)));
        let mut bmp = b"BM\0\0\0\0\0\0\0\0\0\0\0\0\x28\0\0\0".to_vec();
        bmp.extend_from_slice(&300i32.to_le_bytes());
        bmp.extend_from_slice(&(-200i32).to_le_bytes());
        assert_eq!(dimensions(&bmp), Some((300, 200)));
        let old_bmp = b"BM\0\0\0\0\0\0\0\0\0\0\0\0\x0c\0\0\0\x2c\x01\xc8\0";
        assert_eq!(dimensions(old_bmp), Some((300, 200)));
        assert_eq!(dimensions(b"RIFF\0\0\0\0WEBPVP8 "), None, "cut short");
    }
}
