//! Pixels from a prompt: a palette and shapes hashed from its text, colour
//! words it names, and its first words written in a bitmap font.
//!
//! Everything is deterministic: the same prompt, index and size always give
//! the same pixels, and a different prompt gives a visibly different picture.

use font8x8::UnicodeFonts;
use image::RgbaImage;

/// How many of the prompt's words are written on the image.
const TITLE_WORDS: usize = 3;
/// The most characters of the title.
const TITLE_CHARS: usize = 18;

/// Colours named in prompts, so `a red apple` is mostly red.
const COLOUR_WORDS: &[(&str, [u8; 3])] = &[
    ("red", [214, 39, 40]),
    ("orange", [255, 127, 14]),
    ("yellow", [240, 210, 40]),
    ("gold", [212, 175, 55]),
    ("green", [44, 160, 44]),
    ("forest", [34, 100, 34]),
    ("teal", [0, 128, 128]),
    ("blue", [31, 90, 200]),
    ("ocean", [0, 105, 148]),
    ("sky", [135, 206, 235]),
    ("purple", [128, 60, 170]),
    ("pink", [240, 120, 170]),
    ("brown", [140, 86, 55]),
    ("black", [20, 20, 20]),
    ("white", [245, 245, 245]),
    ("snow", [235, 240, 250]),
    ("gray", [128, 128, 128]),
    ("grey", [128, 128, 128]),
    ("sunset", [250, 110, 60]),
    ("night", [20, 24, 70]),
    ("fire", [230, 80, 20]),
];

/// FNV-1a over some byte strings: a hash that never changes between builds.
pub fn hash(parts: &[&[u8]]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for part in parts {
        for &byte in part.iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// A small deterministic random number generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: u32) -> u32 {
        if bound == 0 { 0 } else { (self.next_u64() % u64::from(bound)) as u32 }
    }
}

/// An RGB colour from hue (degrees), saturation and lightness (0 to 1).
pub fn hsl(hue: f32, saturation: f32, lightness: f32) -> [u8; 3] {
    let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let h = hue.rem_euclid(360.0) / 60.0;
    let x = chroma * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = lightness - chroma / 2.0;
    [r, g, b].map(|c| ((c + m) * 255.0).round().clamp(0.0, 255.0) as u8)
}

/// The colours of a prompt: two for the background, the rest for shapes.
/// Colour words in the prompt come first among the shape colours and tint the background.
pub fn palette(prompt: &str, index: u32) -> Vec<[u8; 3]> {
    let seed = hash(&[prompt.as_bytes()]);
    let hue = (seed % 360) as f32 + index as f32 * 23.0;
    let lower = prompt.to_lowercase();
    let named: Vec<[u8; 3]> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|word| COLOUR_WORDS.iter().find(|(name, _)| *name == word).map(|(_, rgb)| *rgb))
        .collect();
    let mut top = hsl(hue, 0.55, 0.78);
    let mut bottom = hsl(hue + 35.0, 0.6, 0.42);
    if let Some(first) = named.first() {
        top = mix(top, *first, 0.35);
        bottom = mix(bottom, *first, 0.6);
    }
    let mut colours = vec![top, bottom];
    colours.extend(named.iter().take(3));
    for step in 0..4 {
        colours.push(hsl(hue + 150.0 + step as f32 * 55.0, 0.7, 0.5));
    }
    colours
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    [0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t).round() as u8)
}

/// Blends `rgb` at `alpha` over one RGBA pixel ("over" compositing).
pub fn blend(pixel: &mut [u8], rgb: [u8; 3], alpha: u8) {
    let a = u32::from(alpha);
    let below = u32::from(pixel[3]);
    let out = a + below * (255 - a) / 255;
    if out == 0 {
        return;
    }
    for i in 0..3 {
        let mixed = (u32::from(rgb[i]) * a * 255 + u32::from(pixel[i]) * below * (255 - a)) / (out * 255);
        pixel[i] = mixed.min(255) as u8;
    }
    pixel[3] = out as u8;
}

/// A new image for `prompt`: gradient background (or fully transparent),
/// shapes, the prompt's first words and the image's number. `shift` moves
/// the shapes right by so many pixels, wrapping around (an animation's frames).
pub fn generate(prompt: &str, index: u32, width: u32, height: u32, transparent: bool, shift: u32) -> RgbaImage {
    let colours = palette(prompt, index);
    let mut image = RgbaImage::new(width, height);
    if !transparent {
        let span = height.max(2) - 1;
        for (y, row) in image.chunks_exact_mut(width as usize * 4).enumerate() {
            let rgb = mix(colours[0], colours[1], y as f32 / span as f32);
            let pixel = [rgb[0], rgb[1], rgb[2], 255];
            for out in row.chunks_exact_mut(4) {
                out.copy_from_slice(&pixel);
            }
        }
    }
    paint(&mut image, &layout(prompt, index, width, height, &colours[2..], shift), 255);
    caption(&mut image, prompt, index);
    image
}

/// One shape of a picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// A disc around its centre.
    Disc {
        /// Centre, x.
        cx: i64,
        /// Centre, y.
        cy: i64,
        /// Radius.
        radius: i64,
        /// Colour.
        rgb: [u8; 3],
    },
    /// A rectangle from its top-left corner.
    Rect {
        /// Left.
        x: i64,
        /// Top.
        y: i64,
        /// Width.
        w: i64,
        /// Height.
        h: i64,
        /// Colour.
        rgb: [u8; 3],
    },
}

/// The shapes of `prompt`'s picture `index`, in drawing order, moved right
/// by `shift` pixels; a shape that leaves on the right comes back on the left.
pub fn layout(prompt: &str, index: u32, width: u32, height: u32, colours: &[[u8; 3]], shift: u32) -> Vec<Shape> {
    let mut rng = Rng::new(hash(&[prompt.as_bytes(), &index.to_le_bytes()]));
    let unit = width.min(height);
    let count = 4 + rng.below(4);
    let colour = |i: u32| colours[i as usize % colours.len().max(1)];
    let mut shapes = Vec::new();
    for i in 0..count {
        let rgb = colour(i);
        let cx = i64::from((rng.below(width) + shift) % width.max(1));
        let cy = rng.below(height * 2 / 3) as i64;
        let radius = (unit / 12 + rng.below(unit / 5 + 1)) as i64;
        let drawn = match rng.below(3) {
            0 => vec![Shape::Disc { cx, cy, radius, rgb }],
            1 => vec![Shape::Rect { x: cx - radius, y: cy - radius / 2, w: radius * 2, h: radius, rgb }],
            _ => vec![
                Shape::Disc { cx, cy, radius, rgb },
                Shape::Disc { cx, cy, radius: radius * 2 / 3, rgb: colour(i + 1) },
            ],
        };
        for shape in drawn {
            shapes.push(shape);
            if shift > 0 {
                shapes.push(shape.moved(-i64::from(width)));
            }
        }
    }
    shapes
}

impl Shape {
    /// The same shape `dx` pixels to the right.
    fn moved(self, dx: i64) -> Shape {
        match self {
            Shape::Disc { cx, cy, radius, rgb } => Shape::Disc { cx: cx + dx, cy, radius, rgb },
            Shape::Rect { x, y, w, h, rgb } => Shape::Rect { x: x + dx, y, w, h, rgb },
        }
    }
}

/// Draws shapes over an image, at `alpha`.
pub fn paint(image: &mut RgbaImage, shapes: &[Shape], alpha: u8) {
    for shape in shapes {
        match *shape {
            Shape::Disc { cx, cy, radius, rgb } => fill_circle(image, cx, cy, radius, rgb, alpha),
            Shape::Rect { x, y, w, h, rgb } => fill_rect(image, x, y, w, h, rgb, alpha),
        }
    }
}

/// Fills a disc.
pub fn fill_circle(image: &mut RgbaImage, cx: i64, cy: i64, radius: i64, rgb: [u8; 3], alpha: u8) {
    let (width, height) = (i64::from(image.width()), i64::from(image.height()));
    let stride = width as usize * 4;
    let buffer: &mut [u8] = image;
    for y in (cy - radius).max(0)..(cy + radius + 1).min(height) {
        let dy = y - cy;
        let half = ((radius * radius - dy * dy) as f64).sqrt() as i64;
        let (from, to) = ((cx - half).max(0), (cx + half + 1).min(width));
        let row = &mut buffer[y as usize * stride..(y as usize + 1) * stride];
        for x in from..to {
            blend(&mut row[x as usize * 4..x as usize * 4 + 4], rgb, alpha);
        }
    }
}

/// Fills a rectangle (clipped to the image).
#[allow(clippy::too_many_arguments)]
pub fn fill_rect(image: &mut RgbaImage, x: i64, y: i64, w: i64, h: i64, rgb: [u8; 3], alpha: u8) {
    let (width, height) = (i64::from(image.width()), i64::from(image.height()));
    let stride = width as usize * 4;
    let buffer: &mut [u8] = image;
    for row_y in y.max(0)..(y + h).min(height) {
        let row = &mut buffer[row_y as usize * stride..(row_y as usize + 1) * stride];
        for col in x.max(0)..(x + w).min(width) {
            blend(&mut row[col as usize * 4..col as usize * 4 + 4], rgb, alpha);
        }
    }
}

/// The words written on an image: the prompt's first words, upper case.
pub fn title(prompt: &str) -> String {
    let words: Vec<String> = prompt
        .split_whitespace()
        .map(|word| word.chars().filter(|c| c.is_alphanumeric() || *c == '\'').collect::<String>())
        .filter(|word| !word.is_empty())
        .take(TITLE_WORDS)
        .collect();
    words.join(" ").to_uppercase().chars().take(TITLE_CHARS).collect()
}

/// Where the caption goes: the title on a dark band, and the image's number.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    /// The prompt's first words.
    pub text: String,
    /// Font pixels per pixel of the 8x8 font.
    pub scale: u32,
    /// The title's left edge.
    pub x: u32,
    /// The title's top.
    pub y: u32,
    /// The band's top and height (it spans the width).
    pub band: (i64, i64),
    /// The image's number, `#1`, in the top-left corner.
    pub badge: String,
    /// The badge's font scale (and its margin, four times that).
    pub badge_scale: u32,
}

/// The RGB colour of the caption band and its opacity.
pub const BAND: ([u8; 3], u8) = ([20, 20, 28], 200);
/// The colour of the prompt's words.
pub const TITLE_COLOUR: [u8; 3] = [250, 250, 250];
/// The colour of the image's number.
pub const BADGE_COLOUR: [u8; 3] = [255, 255, 255];

/// The caption of `prompt`'s image `index` on an image of this size.
pub fn caption_layout(prompt: &str, index: u32, width: u32, height: u32) -> Caption {
    let text = title(prompt);
    let chars = text.chars().count().max(1) as u32;
    let scale = (width * 9 / 10 / (chars * 8)).min(height / 7 / 8).max(1);
    let text_height = 8 * scale;
    let y = (height * 3 / 4).saturating_sub(text_height / 2);
    let pad = scale * 2;
    Caption {
        x: (width - (chars * 8 * scale).min(width)) / 2,
        y,
        band: (i64::from(y) - i64::from(pad), i64::from(text_height + 2 * pad)),
        scale,
        text,
        badge: format!("#{}", index + 1),
        badge_scale: (height / 40 / 8).max(1),
    }
}

/// Writes the prompt's first words on a dark band, and the image's number in a corner.
pub fn caption(image: &mut RgbaImage, prompt: &str, index: u32) {
    let (width, height) = image.dimensions();
    let caption = caption_layout(prompt, index, width, height);
    let (band_y, band_height) = caption.band;
    fill_rect(image, 0, band_y, i64::from(width), band_height, BAND.0, BAND.1);
    write(image, caption.x, caption.y, caption.scale, &caption.text, TITLE_COLOUR);
    let small = caption.badge_scale;
    write(image, small * 4, small * 4, small, &caption.badge, BADGE_COLOUR);
}

/// Writes text with the 8x8 bitmap font, each font pixel `scale` pixels wide.
pub fn write(image: &mut RgbaImage, x: u32, y: u32, scale: u32, text: &str, rgb: [u8; 3]) {
    for (i, c) in text.chars().enumerate() {
        let glyph = font8x8::BASIC_FONTS.get(c).or_else(|| font8x8::LATIN_FONTS.get(c)).unwrap_or([0x3c; 8]);
        let left = i64::from(x) + (i as i64) * 8 * i64::from(scale);
        for (row, bits) in glyph.iter().enumerate() {
            for col in 0..8 {
                if bits & (1 << col) != 0 {
                    let (px, py) = (left + col * i64::from(scale), i64::from(y) + row as i64 * i64::from(scale));
                    fill_rect(image, px, py, i64::from(scale), i64::from(scale), rgb, 255);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_prompt_gives_the_same_pixels_and_another_prompt_does_not() {
        let a = generate("a red fox", 0, 64, 48, false, 0);
        assert_eq!(a, generate("a red fox", 0, 64, 48, false, 0));
        assert_ne!(a, generate("a blue whale", 0, 64, 48, false, 0));
        assert_ne!(a, generate("a red fox", 1, 64, 48, false, 0));
        assert_ne!(a, generate("a red fox", 0, 64, 48, false, 16));
        assert_eq!(a.dimensions(), (64, 48));
    }

    #[test]
    fn colour_words_colour_the_image_and_titles_take_the_first_words() {
        assert_eq!(palette("a RED car", 0)[2], [214, 39, 40]);
        assert_eq!(title("a lighthouse, at dawn in fog"), "A LIGHTHOUSE AT");
        assert_eq!(title(&"x".repeat(40)).len(), TITLE_CHARS);
    }

    #[test]
    fn transparent_images_keep_an_empty_background() {
        let image = generate("logo", 0, 256, 256, true, 0);
        assert!(image.pixels().any(|p| p[3] == 0));
        assert!(image.pixels().any(|p| p[3] == 255));
    }
}
