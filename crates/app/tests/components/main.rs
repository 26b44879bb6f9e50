//! The playground's state logic that needs a real browser: IndexedDB, the
//! ZIP round trip, re-encoding with the browser's codecs and the mask, in
//! headless Chromium (`cargo xtask test` runs them).
#![cfg(target_arch = "wasm32")]

mod archive;
mod images;
mod store;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, HtmlCanvasElement};

/// A `width` x `height` canvas (in the document), filled with `colour`.
pub fn canvas(width: u32, height: u32, colour: &str) -> HtmlCanvasElement {
    let canvas: HtmlCanvasElement =
        web_sys::window().unwrap().document().unwrap().create_element("canvas").unwrap().unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    context.set_fill_style_str(colour);
    context.fill_rect(0.0, 0.0, width.into(), height.into());
    canvas
}

/// A canvas encoded as `mime_type` by the browser.
pub async fn encoded(canvas: &HtmlCanvasElement, mime_type: &str) -> Blob {
    let (sender, receiver) = futures_channel();
    let callback = wasm_bindgen::closure::Closure::once_into_js(move |blob: Blob| sender(blob));
    canvas.to_blob_with_type(callback.unchecked_ref(), mime_type).unwrap();
    receiver.await
}

/// A one-shot channel made of a promise: the sender resolves it.
fn futures_channel() -> (impl FnOnce(Blob), impl std::future::Future<Output = Blob>) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |ok, _| resolve = Some(ok));
    let resolve = resolve.unwrap();
    let send = move |blob: Blob| drop(resolve.call1(&wasm_bindgen::JsValue::NULL, &blob));
    let receive = async move { JsFuture::from(promise).await.unwrap().unchecked_into::<Blob>() };
    (send, receive)
}

/// The bytes of a blob.
pub async fn bytes(blob: &Blob) -> Vec<u8> {
    js_sys::Uint8Array::new(&JsFuture::from(blob.array_buffer()).await.unwrap()).to_vec()
}

/// The RGBA of pixel (x, y) of an image blob, decoded by the browser.
pub async fn pixel(image: &Blob, x: u32, y: u32) -> [u8; 4] {
    let window = web_sys::window().unwrap();
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob(image).unwrap()).await.unwrap().unchecked_into();
    let canvas = canvas(bitmap.width(), bitmap.height(), "transparent");
    let context: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    context.clear_rect(0.0, 0.0, bitmap.width().into(), bitmap.height().into());
    context.draw_image_with_image_bitmap(&bitmap, 0.0, 0.0).unwrap();
    let data = context.get_image_data(x.into(), y.into(), 1.0, 1.0).unwrap().data();
    [data[0], data[1], data[2], data[3]]
}

/// Width and height of an image blob, decoded by the browser.
pub async fn dimensions(image: &Blob) -> (u32, u32) {
    let window = web_sys::window().unwrap();
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob(image).unwrap()).await.unwrap().unchecked_into();
    (bitmap.width(), bitmap.height())
}
