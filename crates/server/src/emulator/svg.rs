//! SVG output (`output_format: svg`): the picture `draw` paints, written as
//! an SVG document of the same shapes, colours and caption, as GPT Image
//! 2.6's text model writes one from its reference picture. An edit's input
//! image is its background, embedded as a PNG.

use std::fmt::Write;

use super::draw::{self, Shape};
use super::encode::{Encoding, base64, encode};
use super::job::Job;

/// The SVG document of `job`'s image `index`.
pub fn document(job: &Job, index: u32) -> String {
    let (width, height) = (job.width, job.height);
    let colours = draw::palette(&job.prompt, index);
    let mut svg = String::new();
    let _ = writeln!(svg, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(&job.prompt));
    match &job.source {
        Some(source) => {
            let png =
                Encoding { format: gpt_image_core::ImageFormat::Png, compression: 100, alpha: job.encoding.alpha };
            if let Ok(bytes) = encode(&source.image, &png) {
                let _ = writeln!(
                    svg,
                    r#"<image width="{width}" height="{height}" href="data:image/png;base64,{}"/>"#,
                    base64(&bytes)
                );
            }
        }
        None if !job.encoding.alpha => {
            let _ = writeln!(
                svg,
                r#"<defs><linearGradient id="background" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{}"/><stop offset="1" stop-color="{}"/></linearGradient></defs>"#,
                hex(colours[0]),
                hex(colours[1])
            );
            let _ = writeln!(svg, r#"<rect width="{width}" height="{height}" fill="url(#background)"/>"#);
        }
        None => {}
    }
    let _ = writeln!(svg, "<g>");
    for shape in draw::layout(&job.prompt, index, width, height, &colours[2..], 0) {
        let _ = match shape {
            Shape::Disc { cx, cy, radius, rgb } => {
                writeln!(svg, r#"<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{}"/>"#, hex(rgb))
            }
            Shape::Rect { x, y, w, h, rgb } => {
                writeln!(svg, r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{}"/>"#, hex(rgb))
            }
        };
    }
    let _ = writeln!(svg, "</g>");
    let caption = draw::caption_layout(&job.prompt, index, width, height);
    let (band_y, band_height) = caption.band;
    let (band, opacity) = draw::BAND;
    let _ = writeln!(
        svg,
        r#"<rect x="0" y="{band_y}" width="{width}" height="{band_height}" fill="{}" fill-opacity="{:.3}"/>"#,
        hex(band),
        f32::from(opacity) / 255.0
    );
    let text = |svg: &mut String, x: u32, y: u32, scale: u32, words: &str, fill: [u8; 3]| {
        let _ = writeln!(
            svg,
            r#"<text x="{x}" y="{}" font-family="monospace" font-size="{}" fill="{}">{}</text>"#,
            y + 7 * scale,
            8 * scale,
            hex(fill),
            escape(words)
        );
    };
    text(&mut svg, caption.x, caption.y, caption.scale, &caption.text, draw::TITLE_COLOUR);
    let small = caption.badge_scale;
    text(&mut svg, small * 4, small * 4, small, &caption.badge, draw::BADGE_COLOUR);
    svg.push_str("</svg>\n");
    svg
}

/// `#rrggbb`.
fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use gpt_image_core::{GenerateRequest, ImageFormat, Model, SvgOptions};

    use super::*;

    #[test]
    fn the_document_parses_and_draws_the_picture_s_shapes() {
        let request = GenerateRequest {
            model: Some(Model::from("gpt-image-2.6-flare")),
            output_format: Some(ImageFormat::Svg),
            svg: Some(SvgOptions::with_model("gpt-5")),
            ..GenerateRequest::new("a red <fox> & \"friends\"")
        };
        let job = Job::generate(&request, crate::emulator::job::check_model(&request.effective_model()).unwrap());
        let svg = document(&job, 0);
        let tree = roxmltree::Document::parse(&svg).unwrap();
        let root = tree.root_element();
        assert_eq!((root.tag_name().name(), root.attribute("width")), ("svg", Some("1024")));
        let title = root.children().find(|node| node.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some("a red <fox> & \"friends\""));
        let shapes = draw::layout(&job.prompt, 0, 1024, 1024, &draw::palette(&job.prompt, 0)[2..], 0);
        let drawn = root.descendants().filter(|node| node.has_tag_name("circle")).count();
        assert_eq!(drawn, shapes.iter().filter(|shape| matches!(shape, Shape::Disc { .. })).count());
        assert!(root.descendants().any(|node| node.text() == Some("A RED FOX")));
    }
}
