//! Image files in and out: PNG, JPEG and WebP encoding, animated GIFs (and
//! base64 for `b64_json`), decoding of uploads with bounded memory, and the
//! coarse versions streamed as partial images.

use std::io::Cursor;

use base64::Engine;
use gpt_image_core::ImageFormat;
use image::codecs::gif::{GifEncoder, Repeat};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{Delay, ExtendedColorType, Frame, ImageEncoder, ImageReader, Limits, RgbaImage};

/// The most pixels on either side of an uploaded image.
const MAX_DECODE_SIDE: u32 = 8192;
/// The most memory one decode may allocate.
const MAX_DECODE_ALLOC: u64 = 512 * 1024 * 1024;
/// The GIF encoder's colour quantization speed: 30, the fastest (1 is the slowest and best).
const GIF_SPEED: i32 = 30;

/// How one image is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoding {
    /// PNG, JPEG, WebP, or GIF and SVG, which are written whole (see `Job::file`).
    pub format: ImageFormat,
    /// `output_compression`: the JPEG and WebP quality, 0 to 100.
    pub compression: u8,
    /// Whether to keep the alpha channel (a transparent background).
    pub alpha: bool,
}

/// Encodes an image. PNG uses fast compression; JPEG and WebP are lossy at
/// quality `compression` (WebP keeps alpha when asked).
pub fn encode(image: &RgbaImage, encoding: &Encoding) -> Result<Vec<u8>, String> {
    let (width, height) = image.dimensions();
    let mut out = Vec::new();
    match encoding.format {
        ImageFormat::Png => {
            let encoder = PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Sub);
            if encoding.alpha {
                encoder.write_image(image, width, height, ExtendedColorType::Rgba8)
            } else {
                encoder.write_image(&rgb(image), width, height, ExtendedColorType::Rgb8)
            }
            .map_err(|error| error.to_string())?;
        }
        ImageFormat::Jpeg => {
            let encoder = JpegEncoder::new_with_quality(&mut out, encoding.compression.clamp(1, 100));
            encoder
                .write_image(&rgb(image), width, height, ExtendedColorType::Rgb8)
                .map_err(|error| error.to_string())?;
        }
        ImageFormat::Webp => {
            let quality = f32::from(encoding.compression.min(100));
            let encoded = if encoding.alpha {
                webp::Encoder::from_rgba(image, width, height).encode(quality)
            } else {
                webp::Encoder::from_rgb(&rgb(image), width, height).encode(quality)
            };
            out.extend_from_slice(&encoded);
        }
        ImageFormat::Gif | ImageFormat::Svg | ImageFormat::Other(_) => {
            return Err(format!("cannot write one picture as {}", encoding.format));
        }
    }
    Ok(out)
}

/// An animated GIF of `frames`, each shown `frame_ms` milliseconds, looping
/// forever. With `alpha`, pixels less than half opaque are transparent and
/// the rest opaque (GIF's alpha is one bit); without, every pixel is opaque.
pub fn gif(frames: &[RgbaImage], frame_ms: u32, alpha: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut encoder = GifEncoder::new_with_speed(&mut out, GIF_SPEED);
        encoder.set_repeat(Repeat::Infinite).map_err(|error| error.to_string())?;
        for picture in frames {
            let mut picture = picture.clone();
            for pixel in picture.pixels_mut() {
                pixel[3] = if alpha && pixel[3] < 128 { 0 } else { 255 };
            }
            let delay = Delay::from_numer_denom_ms(frame_ms, 1);
            encoder.encode_frame(Frame::from_parts(picture, 0, 0, delay)).map_err(|error| error.to_string())?;
        }
    }
    Ok(out)
}

/// The RGB bytes of an RGBA image (alpha dropped).
fn rgb(image: &RgbaImage) -> Vec<u8> {
    image.chunks_exact(4).flat_map(|pixel| [pixel[0], pixel[1], pixel[2]]).collect()
}

/// Base64 (standard alphabet, padded), as `b64_json` holds an image file.
pub fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes an uploaded PNG, JPEG or WebP, refusing images that would take
/// too much memory.
pub fn decode(bytes: &[u8]) -> Result<RgbaImage, String> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODE_SIDE);
    limits.max_image_height = Some(MAX_DECODE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|error| error.to_string())?;
    reader.limits(limits);
    Ok(reader.decode().map_err(|error| error.to_string())?.to_rgba8())
}

/// A coarse version of an image: blocks of `block` pixels, each the colour
/// of its top-left pixel. Same size as the input.
pub fn pixelate(image: &RgbaImage, block: u32) -> RgbaImage {
    let block = block.max(1);
    let (width, height) = image.dimensions();
    RgbaImage::from_fn(width, height, |x, y| *image.get_pixel(x - x % block, y - y % block))
}

/// The block size of partial image `index` of `count`: coarse first, finer after.
pub fn partial_block(index: u32, count: u32) -> u32 {
    1 << (3 + count.saturating_sub(index)).min(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RgbaImage {
        RgbaImage::from_fn(40, 30, |x, y| image::Rgba([x as u8 * 6, y as u8 * 8, 90, if x < 20 { 0 } else { 255 }]))
    }

    #[test]
    fn every_format_decodes_back_at_the_same_size() {
        for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Webp] {
            let bytes = encode(&sample(), &Encoding { format: format.clone(), compression: 80, alpha: false }).unwrap();
            assert_eq!(gpt_image_core::sniff_format(&bytes), Some(format.clone()));
            assert_eq!(decode(&bytes).unwrap().dimensions(), (40, 30), "{format}");
        }
    }

    #[test]
    fn alpha_survives_png_and_webp() {
        for format in [ImageFormat::Png, ImageFormat::Webp] {
            let bytes = encode(&sample(), &Encoding { format, compression: 90, alpha: true }).unwrap();
            let image = decode(&bytes).unwrap();
            assert_eq!(image.get_pixel(2, 2)[3], 0);
            assert_eq!(image.get_pixel(35, 2)[3], 255);
        }
    }

    #[test]
    fn compression_changes_lossy_encodings() {
        for format in [ImageFormat::Jpeg, ImageFormat::Webp] {
            let small = encode(&sample(), &Encoding { format: format.clone(), compression: 10, alpha: false }).unwrap();
            let large = encode(&sample(), &Encoding { format, compression: 100, alpha: false }).unwrap();
            assert!(small.len() < large.len());
        }
    }

    #[test]
    fn gifs_keep_their_frames_durations_and_one_bit_alpha() {
        use image::AnimationDecoder;
        let frames = [sample(), pixelate(&sample(), 4), sample()];
        let bytes = gif(&frames, 120, true).unwrap();
        assert_eq!(gpt_image_core::sniff_format(&bytes), Some(ImageFormat::Gif));
        let decoded = image::codecs::gif::GifDecoder::new(Cursor::new(bytes)).unwrap().into_frames();
        let decoded = decoded.collect_frames().unwrap();
        assert_eq!(decoded.len(), 3);
        for frame in &decoded {
            assert_eq!(frame.delay().numer_denom_ms(), (120, 1));
            assert_eq!(frame.buffer().get_pixel(2, 2)[3], 0);
            assert_eq!(frame.buffer().get_pixel(35, 2)[3], 255);
        }
        let opaque = gif(&frames, 20, false).unwrap();
        let first = image::load_from_memory(&opaque).unwrap().to_rgba8();
        assert!(first.pixels().all(|pixel| pixel[3] == 255));
    }

    #[test]
    fn partials_get_finer() {
        assert!(partial_block(0, 3) > partial_block(2, 3));
        assert_eq!(pixelate(&sample(), 1), sample());
        assert!(decode(b"not an image").is_err());
    }
}
