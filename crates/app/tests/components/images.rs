//! Re-encoding with the browser's codecs, and the mask drawn in a canvas.

use gpt_image_app::mask_png;
use gpt_image_app::reencode::{as_png, thumbnail};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::{bytes, canvas, dimensions, encoded, pixel};

#[wasm_bindgen_test]
async fn a_thumbnail_is_a_320_pixel_wide_webp_with_the_aspect_ratio_kept() {
    let image = encoded(&canvas(1536, 1024, "#3060c0"), "image/png").await;
    let thumb = thumbnail(&image).await.unwrap();
    assert_eq!(thumb.type_(), "image/webp");
    let (width, height) = dimensions(&thumb).await;
    assert_eq!(width, 320);
    assert!(height.abs_diff(213) <= 1, "1024 * 320 / 1536 = 213.3, rounded by the browser: {height}");
    assert!(thumb.size() < image.size() / 2.0, "{} vs {}", thumb.size(), image.size());
}

#[wasm_bindgen_test]
async fn as_png_converts_other_formats_and_keeps_pngs() {
    let jpeg = encoded(&canvas(64, 48, "#ff0000"), "image/jpeg").await;
    let png = as_png(&jpeg).await.unwrap();
    assert_eq!(png.type_(), "image/png");
    assert_eq!(&bytes(&png).await[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(dimensions(&png).await, (64, 48));
    let already = encoded(&canvas(8, 8, "#00ff00"), "image/png").await;
    let same = as_png(&already).await.unwrap();
    assert_eq!(bytes(&same).await, bytes(&already).await, "a PNG is passed through untouched");
}

#[wasm_bindgen_test]
async fn the_mask_is_opaque_and_transparent_exactly_where_painted() {
    let drawing = canvas(300, 200, "transparent");
    let context: web_sys::CanvasRenderingContext2d = drawing.get_context("2d").unwrap().unwrap().unchecked_into();
    context.clear_rect(0.0, 0.0, 300.0, 200.0);
    context.set_fill_style_str("#ff2d55");
    context.fill_rect(0.0, 0.0, 100.0, 100.0);
    let mask = mask_png(&drawing).await.unwrap();
    assert_eq!(mask.type_(), "image/png");
    assert_eq!(dimensions(&mask).await, (300, 200), "the drawing's exact size");
    assert_eq!(pixel(&mask, 50, 50).await[3], 0, "painted: transparent, so the model may change it");
    assert_eq!(pixel(&mask, 250, 150).await[3], 255, "unpainted: opaque, so it is kept");
}

/// A blob of `text` typed `mime_type`.
fn typed(text: &[u8], mime_type: &str) -> web_sys::Blob {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text));
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
}

/// An SVG of 40x30 pixels, blue.
const SVG: &[u8] = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#0000ff"/></svg>"##;

#[wasm_bindgen_test]
async fn an_animated_gif_and_an_svg_are_their_own_thumbnails() {
    // GIF89a, 1x1, two frames: a thumbnail re-encoded as WebP would keep only the first.
    let gif = typed(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00!\xf9\x04\x00\x0a\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00!\xf9\x04\x00\x0a\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02L\x01\x00;", "image/gif");
    let svg = typed(SVG, "image/svg+xml");
    for image in [gif, svg] {
        let thumb = thumbnail(&image).await.unwrap();
        assert_eq!(thumb.type_(), image.type_());
        assert_eq!(bytes(&thumb).await, bytes(&image).await, "{}", image.type_());
    }
}

#[wasm_bindgen_test]
async fn an_svg_becomes_a_png_of_its_size_for_the_clipboard() {
    let png = as_png(&typed(SVG, "image/svg+xml")).await.unwrap();
    assert_eq!(png.type_(), "image/png");
    assert_eq!(dimensions(&png).await, (40, 30));
    assert_eq!(pixel(&png, 20, 15).await, [0, 0, 255, 255]);
}
