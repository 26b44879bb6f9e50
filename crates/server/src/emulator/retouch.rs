//! Edits: the input image fitted to the output size, tinted and drawn over
//! with the prompt's shapes and words, only where the mask lets it, or
//! with markup, only around the marks.

use image::imageops::{self, FilterType};
use image::{GrayImage, RgbaImage};

use super::draw;

/// The input of an edit, already at the output size.
#[derive(Debug)]
pub struct Source {
    /// The first input image, scaled and cropped to the output size.
    pub image: RgbaImage,
    /// What to keep at the output size: 255 keeps a pixel, 0 edits it (from
    /// a mask's alpha, or around markup's marks).
    pub mask: Option<GrayImage>,
    /// How strongly the prompt's colour tints the input, 0 to 255.
    pub tint: u8,
}

/// The tint of an Images API edit: the input visibly recoloured.
pub const EDIT_TINT: u8 = 80;

/// The tint of a conversation's later turn, half an edit's: its image
/// keeps the thread's colours while the turn's shapes and words change it.
pub const TURN_TINT: u8 = 40;

/// Scales an image to cover `width` x `height` and crops the middle; an
/// image already at that size is returned unchanged, pixel for pixel.
pub fn fit(image: RgbaImage, width: u32, height: u32) -> RgbaImage {
    let (w, h) = image.dimensions();
    if (w, h) == (width, height) {
        return image;
    }
    let scale = (f64::from(width) / f64::from(w)).max(f64::from(height) / f64::from(h));
    let (scaled_w, scaled_h) =
        (((f64::from(w) * scale).ceil() as u32).max(width), ((f64::from(h) * scale).ceil() as u32).max(height));
    let scaled = imageops::resize(&image, scaled_w, scaled_h, FilterType::Triangle);
    imageops::crop_imm(&scaled, (scaled_w - width) / 2, (scaled_h - height) / 2, width, height).to_image()
}

/// The alpha channel of a mask at the output size (nearest neighbour, so
/// fully opaque areas stay exactly 255).
pub fn mask_alpha(mask: &RgbaImage, width: u32, height: u32) -> GrayImage {
    let alpha = GrayImage::from_fn(mask.width(), mask.height(), |x, y| image::Luma([mask.get_pixel(x, y)[3]]));
    if alpha.dimensions() == (width, height) {
        alpha
    } else {
        imageops::resize(&alpha, width, height, FilterType::Nearest)
    }
}

/// What markup asks to change, at the output size: the box around its
/// marks (every pixel that is not fully transparent), with a margin of a
/// sixteenth of the shorter side, is edited (0) and the rest kept (255). A
/// markup without marks changes the whole image.
pub fn markup_region(markup: &RgbaImage, width: u32, height: u32) -> GrayImage {
    let scaled;
    let markup = if markup.dimensions() == (width, height) {
        markup
    } else {
        scaled = imageops::resize(markup, width, height, FilterType::Nearest);
        &scaled
    };
    let marked = markup.enumerate_pixels().filter(|(_, _, pixel)| pixel[3] > 0);
    let bounds =
        marked.fold(None, |bounds: Option<(u32, u32, u32, u32)>, (x, y, _)| {
            Some(bounds.map_or((x, y, x, y), |(left, top, right, bottom)| {
                (left.min(x), top.min(y), right.max(x), bottom.max(y))
            }))
        });
    let Some((left, top, right, bottom)) = bounds else { return GrayImage::new(width, height) };
    let margin = width.min(height) / 16;
    let (left, top) = (left.saturating_sub(margin), top.saturating_sub(margin));
    let (right, bottom) = (right + margin, bottom + margin);
    GrayImage::from_fn(width, height, |x, y| {
        let inside = (left..=right).contains(&x) && (top..=bottom).contains(&y);
        image::Luma([if inside { 0 } else { 255 }])
    })
}

/// Image `index` of an edit: the input tinted with the prompt's colour,
/// its shapes and its words drawn over, then put back wherever the mask is
/// opaque (alpha 255 keeps the input, 0 takes the edit, values between blend).
/// `shift` moves the shapes right (an animation's frames).
pub fn retouch(source: &Source, prompt: &str, index: u32, transparent: bool, shift: u32) -> RgbaImage {
    let colours = draw::palette(prompt, index);
    let mut edited = source.image.clone();
    let tint = colours[2];
    for pixel in edited.chunks_exact_mut(4) {
        let alpha = pixel[3];
        draw::blend(pixel, tint, source.tint);
        if transparent {
            pixel[3] = alpha;
        }
    }
    let (width, height) = edited.dimensions();
    draw::paint(&mut edited, &draw::layout(prompt, index, width, height, &colours[2..], shift), 190);
    draw::caption(&mut edited, prompt, index);
    if let Some(mask) = &source.mask {
        for ((out, input), keep) in edited.chunks_exact_mut(4).zip(source.image.chunks_exact(4)).zip(mask.iter()) {
            let keep = u32::from(*keep);
            for channel in 0..4 {
                let mixed = (u32::from(input[channel]) * keep + u32::from(out[channel]) * (255 - keep) + 127) / 255;
                out[channel] = mixed as u8;
            }
        }
    }
    if !transparent {
        for pixel in edited.chunks_exact_mut(4) {
            pixel[3] = 255;
        }
    }
    edited
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker(width: u32, height: u32) -> RgbaImage {
        RgbaImage::from_fn(width, height, |x, y| {
            if (x / 8 + y / 8) % 2 == 0 { image::Rgba([255, 255, 255, 255]) } else { image::Rgba([0, 0, 0, 255]) }
        })
    }

    #[test]
    fn fit_covers_and_crops_and_leaves_the_right_size_alone() {
        assert_eq!(fit(checker(100, 50), 64, 64).dimensions(), (64, 64));
        assert_eq!(fit(checker(64, 64), 64, 64), checker(64, 64));
    }

    #[test]
    fn opaque_mask_pixels_keep_the_input_and_transparent_ones_change() {
        let mask = RgbaImage::from_fn(128, 128, |x, _| image::Rgba([0, 0, 0, if x < 64 { 255 } else { 0 }]));
        let source = Source { image: checker(128, 128), mask: Some(mask_alpha(&mask, 128, 128)), tint: EDIT_TINT };
        let out = retouch(&source, "a green hat", 0, false, 0);
        for (x, y) in [(0, 0), (10, 100), (63, 127)] {
            assert_eq!(out.get_pixel(x, y), source.image.get_pixel(x, y));
        }
        let changed = (64..128).filter(|&x| out.get_pixel(x, 5) != source.image.get_pixel(x, 5)).count();
        assert!(changed > 32, "{changed}");
        let whole =
            retouch(&Source { image: checker(128, 128), mask: None, tint: EDIT_TINT }, "a green hat", 0, false, 0);
        assert_ne!(whole.get_pixel(0, 0), source.image.get_pixel(0, 0));
    }

    #[test]
    fn markup_changes_the_box_around_its_marks() {
        let mut markup = RgbaImage::new(128, 128);
        for x in 90..100 {
            markup.put_pixel(x, 20, image::Rgba([255, 0, 0, 255]));
        }
        let region = markup_region(&markup, 128, 128);
        assert_eq!(region.get_pixel(95, 20)[0], 0);
        assert_eq!(region.get_pixel(85, 25)[0], 0, "within the margin");
        assert_eq!(region.get_pixel(10, 100)[0], 255);
        assert!(markup_region(&RgbaImage::new(64, 64), 64, 64).pixels().all(|pixel| pixel[0] == 0));
    }
}
