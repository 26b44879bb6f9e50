//! MIME types, file extensions and dimensions of image files.

use crate::params::ImageFormat;

impl ImageFormat {
    /// The MIME type: `image/png`, `image/jpeg`, `image/webp`, else `image/<name>`.
    pub fn mime_type(&self) -> &str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Webp => "image/webp",
            ImageFormat::Other(name) => match name.as_str() {
                "gif" => "image/gif",
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
            _ => None,
        }
    }
}

/// How many of a file's first bytes to read to find its format and its
/// dimensions (a JPEG's size can sit behind large metadata segments).
pub const HEAD_LEN: usize = 64 * 1024;

/// The format of an image file, from its first bytes (its magic number).
/// PNG, JPEG and WebP are the known formats; other recognised image formats
/// come back as [`ImageFormat::Other`] (`gif`, `bmp`, …); anything else is `None`.
pub fn sniff_format(head: &[u8]) -> Option<ImageFormat> {
    use imagesize::ImageType;
    // The three formats the API speaks are recognised from their signatures
    // alone; `imagesize` wants a longer head before it names anything.
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(ImageFormat::Png);
    }
    if head.starts_with(b"\xff\xd8\xff") {
        return Some(ImageFormat::Jpeg);
    }
    if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        return Some(ImageFormat::Webp);
    }
    Some(match imagesize::image_type(head).ok()? {
        ImageType::Png => ImageFormat::Png,
        ImageType::Jpeg => ImageFormat::Jpeg,
        ImageType::Webp => ImageFormat::Webp,
        ImageType::Gif => ImageFormat::Other("gif".into()),
        ImageType::Bmp => ImageFormat::Other("bmp".into()),
        // Only the formats above are compiled into `imagesize`: the API takes
        // three of them, and every other one costs the browser bundle bytes.
        _ => return None,
    })
}

/// Width and height of a PNG, JPEG, WebP, GIF or BMP from its
/// header; `None` when the bytes are not an image or the header is cut short.
pub fn dimensions(head: &[u8]) -> Option<(u32, u32)> {
    let size = imagesize::blob_size(head).ok()?;
    Some((u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?))
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
        assert_eq!(sniff_format(b"GIF89a\x01\0\x01\0\0\0\0\0\0\0"), Some(ImageFormat::Other("gif".into())));
        assert_eq!(sniff_format(b"<html>"), None);
        assert_eq!(dimensions(b"\x89PNG"), None);
    }
}
