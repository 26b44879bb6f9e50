//! The playground's app icons, drawn when `dist/` is built: a picture (a
//! frame, a sun and two hills) on the playground's accent colour, as PNGs
//! at the sizes a web manifest names (`web/manifest.webmanifest`). The
//! maskable one fills its square and keeps the picture inside the safe
//! circle (80 % of the width), so a launcher may cut any shape from it.

use std::fs;
use std::path::Path;

use crate::cmd::Result;

/// The icons: file name, size in pixels, and whether it is maskable.
const ICONS: [(&str, u32, bool); 4] = [
    ("icon-192.png", 192, false),
    ("icon-512.png", 512, false),
    ("icon-maskable-192.png", 192, true),
    ("icon-maskable-512.png", 512, true),
];

/// The accent colour of the light theme (`--accent` in `web/style.css`).
const ACCENT: [f32; 3] = [11.0, 87.0, 208.0];
/// The sun's colour.
const SUN: [f32; 3] = [255.0, 209.0, 102.0];
/// The picture's lines and hills.
const WHITE: [f32; 3] = [255.0, 255.0, 255.0];

/// Samples per pixel along each axis, for smooth edges.
const SAMPLES: u32 = 4;

/// Writes every icon into `dir/icons/`.
pub fn write(dir: &Path) -> Result {
    let icons = dir.join("icons");
    fs::create_dir_all(&icons).map_err(|error| format!("{}: {error}", icons.display()))?;
    for (name, size, maskable) in ICONS {
        let path = icons.join(name);
        fs::write(&path, png(size, &draw(size, maskable))?).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(())
}

/// The icon's RGBA pixels.
fn draw(size: u32, maskable: bool) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            let mut sum = [0.0f32; 4];
            for sy in 0..SAMPLES {
                for sx in 0..SAMPLES {
                    // The sample's place in a square from 0 to 1.
                    let u = (x as f32 + (sx as f32 + 0.5) / SAMPLES as f32) / size as f32;
                    let v = (y as f32 + (sy as f32 + 0.5) / SAMPLES as f32) / size as f32;
                    if let Some(colour) = colour_at(u, v, maskable) {
                        for (total, channel) in sum.iter_mut().zip(colour.iter().chain([&1.0])) {
                            *total += channel;
                        }
                    }
                }
            }
            let count = (SAMPLES * SAMPLES) as f32;
            let alpha = sum[3] / count;
            for channel in &sum[..3] {
                pixels.push(if alpha > 0.0 { (channel / sum[3]).round() as u8 } else { 0 });
            }
            pixels.push((alpha * 255.0).round() as u8);
        }
    }
    pixels
}

/// The colour at (`u`, `v`) of the unit square, or `None` where the icon is transparent.
fn colour_at(u: f32, v: f32, maskable: bool) -> Option<[f32; 3]> {
    // The background: the whole square when maskable, else a rounded one.
    if !maskable && !in_rounded_rect(u, v, 0.0, 0.0, 1.0, 1.0, 0.22) {
        return None;
    }
    // The picture sits in the middle; smaller when maskable (the safe circle).
    let (half, centre) = (if maskable { 0.27 } else { 0.32 }, 0.5);
    let (left, top, right, bottom) = (centre - half, centre - half * 0.8, centre + half, centre + half * 0.8);
    let (px, py) = ((u - left) / (right - left), (v - top) / (bottom - top));
    let stroke = 0.075;
    let in_frame = in_rounded_rect(px, py, 0.0, 0.0, 1.0, 1.0, 0.14);
    let inside = in_rounded_rect(px, py, stroke, stroke * 1.25, 1.0 - stroke, 1.0 - stroke * 1.25, 0.08);
    if in_frame && !inside {
        return Some(WHITE);
    }
    if inside {
        if (px - 0.7).powi(2) + ((py - 0.33) * 0.8).powi(2) < 0.11f32.powi(2) {
            return Some(SUN);
        }
        // Two hills: peaks at (0.35, 0.45) and (0.68, 0.6).
        let hill = |peak_x: f32, peak_y: f32, slope: f32| py > peak_y + (px - peak_x).abs() * slope;
        if hill(0.35, 0.45, 1.2) || hill(0.7, 0.6, 1.0) {
            return Some(WHITE);
        }
    }
    Some(ACCENT)
}

/// Whether (`x`, `y`) is inside the rectangle with corners of radius `r`.
fn in_rounded_rect(x: f32, y: f32, left: f32, top: f32, right: f32, bottom: f32, r: f32) -> bool {
    if x < left || x > right || y < top || y > bottom {
        return false;
    }
    let dx = (left + r - x).max(x - (right - r)).max(0.0);
    let dy = (top + r - y).max(y - (bottom - r)).max(0.0);
    dx * dx + dy * dy <= r * r
}

/// A PNG of `size`×`size` RGBA pixels.
fn png(size: u32, pixels: &[u8]) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, size, size);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().map_err(|error| error.to_string())?;
    writer.write_image_data(pixels).map_err(|error| error.to_string())?;
    writer.finish().map_err(|error| error.to_string())?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_icon_has_round_corners_and_the_maskable_one_fills_its_square() {
        assert_eq!(colour_at(0.01, 0.01, false), None, "a corner of the plain icon is transparent");
        assert_eq!(colour_at(0.01, 0.01, true), Some(ACCENT), "the maskable one is filled to its corners");
        assert_eq!(colour_at(0.5, 0.5, false).map(|_| ()), Some(()));
    }

    #[test]
    fn the_maskable_picture_stays_inside_the_safe_circle() {
        for i in 0..=100 {
            for j in 0..=100 {
                let (u, v) = (i as f32 / 100.0, j as f32 / 100.0);
                if colour_at(u, v, true) != Some(ACCENT) {
                    let radius = ((u - 0.5).powi(2) + (v - 0.5).powi(2)).sqrt();
                    assert!(radius <= 0.4, "({u}, {v}) is outside the safe circle");
                }
            }
        }
    }
}
