//! Where requests go: the providers (each a name, a base URL and a key; the
//! dialog calls them endpoints), the timeout and the retries, edited in the
//! Settings dialog; the provider in use is shown on the main screen. Kept in
//! `localStorage`, except API keys: a key lives in this tab's memory unless
//! its provider says to remember it, an explicit choice with a plain
//! warning. Keys are never put in a URL, logged or exported.
//!
//! A base URL is checked as it is typed, by the client's own rule
//! ([`gpt_image_wasm::ClientOptions::report`]): one that is not an absolute
//! `http(s)` URL is named at its field and nothing is sent to it
//! (`api.openai.com` without its scheme would otherwise go to this page's
//! own server, with the key), and a key about to cross the network over
//! plain `http` is warned about.
//!
//! One job per file, each importing only the ones above it:
//!
//! - `state.rs`: a [`Provider`], and [`Providers`], the list with one
//!   signal per control, the client it makes and the form's stream control
//!   that follows the provider in use;
//! - `storage.rs`: what is read from `localStorage` and written back;
//! - `setup.rs`: what the site's `config.json`, a shared link and the
//!   page's address set up;
//! - `connection.rs`: the dialog's connection test (`GET {base}/models`);
//! - `share.rs`: the dialog's link to the provider in use;
//! - `addressing.rs`: the dialog's kind (Azure OpenAI or not), headers and query;
//! - `view.rs`: the provider in use on the main screen, and the dialog.

mod addressing;
mod connection;
mod setup;
mod share;
mod state;
mod storage;
mod view;

pub use state::{Providers, base_url_issue};
pub use view::SettingsPanel;
