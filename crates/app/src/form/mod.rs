//! The request form, to generate or to edit: every parameter as a control,
//! validated by `gpt-image-core` as the user types, each problem shown once,
//! by its control, which is marked invalid; a custom size that breaks a
//! rule offers the nearest one that keeps them all. An edit's size follows
//! its first input image.
//!
//! The parameters' values are core's one list ([`crate::values`]): the
//! request is built from them by name, so only a control's layout is
//! written here; a parameter without one is offered under "More
//! parameters" (`advanced.rs`).
//!
//! One job per file, each importing only the ones above it:
//!
//! - `extra.rs`: the extra fields (JSON the list does not name);
//! - `state.rs`: [`Form`], the values and how they change;
//! - `request.rs`: the request they describe, its validation, the job sent;
//! - `storage.rs`: the form kept in `localStorage` across reloads;
//! - `controls.rs`: the form's own controls ([`Shown`] among them);
//! - `advanced.rs`: "More parameters" and "Extra fields (JSON)";
//! - `view.rs`: [`RequestForm`], the form on the page.

mod advanced;
mod controls;
mod extra;
mod request;
mod state;
mod storage;
mod view;

pub use controls::Shown;
pub use state::{Form, Mode};
pub use view::RequestForm;
