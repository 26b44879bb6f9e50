//! Drawing and encoding off the async threads, for whole answers and streams alike.

use std::sync::Arc;

use axum::body::Bytes;
use image::RgbaImage;

use crate::error::{ApiFailure, internal};
use crate::job::Job;

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
            coarse = crate::encode::pixelate(&image, block);
            &coarse
        } else {
            &*image
        };
        crate::encode::encode(image, &job.encoding).map(Bytes::from)
    })
    .await
    .map_err(|error| internal(format!("encoding the image failed: {error}")))?
    .map_err(|error| internal(format!("encoding the image failed: {error}")))
}

/// Draws and writes final image `index`'s file in one step (see `Job::file`).
pub async fn render_file(job: Arc<Job>, index: u32) -> Result<Bytes, ApiFailure> {
    tokio::task::spawn_blocking(move || job.file(index).map(Bytes::from))
        .await
        .map_err(|error| internal(format!("drawing the image failed: {error}")))?
        .map_err(|error| internal(format!("encoding the image failed: {error}")))
}
