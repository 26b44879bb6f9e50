//! Images re-encoded by the browser's own decoder and encoder
//! (`createImageBitmap` and an `OffscreenCanvas`): small gallery previews,
//! and PNG copies for the clipboard, which takes no other image type.
//!
//! An SVG is decoded through an `<img>` (as an image: no script in it
//! runs), since `createImageBitmap` takes no SVG file.

use gpt_image_wasm::core::ImageFormat;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, HtmlImageElement, ImageBitmap, ImageBitmapOptions, ImageEncodeOptions, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d, Url,
};

/// Width of a thumbnail in pixels (twice a card's width, for sharp previews
/// on high-density screens); the height keeps the aspect ratio.
const THUMB_WIDTH: u32 = 320;

/// A WebP thumbnail of an image (PNG, JPEG or WebP); transparency is kept.
/// An animated GIF is its own thumbnail (it keeps playing), and so is an
/// SVG (a drawing at any size).
pub async fn thumbnail(image: &Blob) -> Result<Blob, JsValue> {
    match ImageFormat::from_mime_type(&image.type_()) {
        Some(ImageFormat::Gif | ImageFormat::Svg) => Ok(image.clone()),
        _ => reencode(image, Some(THUMB_WIDTH), "image/webp").await,
    }
}

/// The image as a PNG (the blob itself when it is one; a GIF's first frame).
pub async fn as_png(image: &Blob) -> Result<Blob, JsValue> {
    if image.type_() == "image/png" { Ok(image.clone()) } else { reencode(image, None, "image/png").await }
}

/// `image` decoded, scaled to `width` (when given) and encoded as `mime_type`.
async fn reencode(image: &Blob, width: Option<u32>, mime_type: &str) -> Result<Blob, JsValue> {
    let options = ImageBitmapOptions::new();
    if let Some(width) = width {
        options.set_resize_width(width);
        options.set_resize_quality(web_sys::ResizeQuality::Medium);
    }
    let window = web_sys::window().ok_or("no window")?;
    let promise = if ImageFormat::from_mime_type(&image.type_()) == Some(ImageFormat::Svg) {
        let img = decoded(image).await?;
        window.create_image_bitmap_with_html_image_element_and_image_bitmap_options(&img, &options)?
    } else {
        window.create_image_bitmap_with_blob_and_image_bitmap_options(image, &options)?
    };
    let bitmap: ImageBitmap = JsFuture::from(promise).await?.dyn_into()?;
    let canvas = OffscreenCanvas::new(bitmap.width(), bitmap.height())?;
    let context: OffscreenCanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    context.draw_image_with_image_bitmap(&bitmap, 0.0, 0.0)?;
    bitmap.close();
    let encoding = ImageEncodeOptions::new();
    encoding.set_type(mime_type);
    encoding.set_quality(0.8);
    JsFuture::from(canvas.convert_to_blob_with_options(&encoding)?).await?.dyn_into()
}

/// An image decoded by an `<img>`.
async fn decoded(image: &Blob) -> Result<HtmlImageElement, JsValue> {
    let url = Url::create_object_url_with_blob(image)?;
    let img = HtmlImageElement::new()?;
    img.set_src(&url);
    let done = JsFuture::from(img.decode()).await;
    Url::revoke_object_url(&url)?;
    done.map(|_| img)
}
