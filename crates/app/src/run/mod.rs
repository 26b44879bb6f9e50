//! One request and what came of it: placeholders in the shape of the asked
//! size and an elapsed-time counter while it runs, partial images as they
//! stream in ("partial 1 of 2"), then the images with their facts and
//! actions, or a message and Retry.
//!
//! `state.rs` holds the [`Run`] (it sends the [`Job`] and keeps what came
//! of it); `view.rs` the [`RunView`] that shows it.

mod state;
mod view;

pub use state::{Job, Run, Status};
pub use view::RunView;
