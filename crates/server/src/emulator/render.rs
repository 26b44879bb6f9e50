//! Drawing and encoding off the async threads, for whole answers and streams alike.

use std::sync::Arc;

use axum::body::Bytes;
use gpt_image_core::ImageFormat;
use image::RgbaImage;

use super::job::Job;
use crate::error::{ApiFailure, internal};

/// Draws image `index`.
pub async fn render(job: Arc<Job>, index: u32) -> Result<Arc<RgbaImage>, ApiFailure> {
    tokio::task::spawn_blocking(move || Arc::new(job.render(index)))
        .await
        .map_err(|error| internal(format!("drawing the image failed: {error}")))
}

/// Encodes an image, or with `block > 1` a coarse version of it (a partial image).
pub async fn encode(job: Arc<Job>, image: Arc<RgbaImage>, block: u32) -> Result<Bytes, ApiFailure> {
    tokio::task::spawn_blocking(move || {
        let coarse;
        let image = if block > 1 {
            coarse = super::encode::pixelate(&image, block);
            &coarse
        } else {
            &*image
        };
        super::encode::encode(image, &job.encoding).map(Bytes::from)
    })
    .await
    .map_err(|error| internal(format!("encoding the image failed: {error}")))?
    .map_err(|error| internal(format!("encoding the image failed: {error}")))
}

/// Draws and writes final image `index`'s file in one step (see [`file`]).
pub async fn render_file(job: Arc<Job>, index: u32) -> Result<Bytes, ApiFailure> {
    tokio::task::spawn_blocking(move || file(&job, index).map(Bytes::from))
        .await
        .map_err(|error| internal(format!("drawing the image failed: {error}")))?
        .map_err(|error| internal(format!("encoding the image failed: {error}")))
}

/// The file of image `index`: a GIF whose frames move the shapes across
/// the picture, an SVG document of it, or the picture encoded.
pub fn file(job: &Job, index: u32) -> Result<Vec<u8>, String> {
    match (&job.encoding.format, job.animation) {
        (ImageFormat::Gif, Some(animation)) => {
            let frames: Vec<RgbaImage> =
                (0..animation.frames).map(|frame| job.draw(index, frame * job.width / animation.frames)).collect();
            super::encode::gif(&frames, animation.frame_ms, job.encoding.alpha)
        }
        (ImageFormat::Svg, _) => Ok(super::svg::document(job, index).into_bytes()),
        _ => super::encode::encode(&job.render(index), &job.encoding),
    }
}

/// A file of `job` that this server can decode again (a later turn edits
/// it): the file itself, or for an SVG the picture it shows, as a PNG.
pub async fn decodable(job: Arc<Job>, file: Bytes) -> Result<Bytes, ApiFailure> {
    if job.encoding.format != ImageFormat::Svg {
        return Ok(file);
    }
    tokio::task::spawn_blocking(move || {
        let png = super::encode::Encoding { format: ImageFormat::Png, ..job.encoding.clone() };
        super::encode::encode(&job.render(0), &png).map(Bytes::from)
    })
    .await
    .map_err(|error| internal(format!("drawing the image failed: {error}")))?
    .map_err(|error| internal(format!("encoding the image failed: {error}")))
}
