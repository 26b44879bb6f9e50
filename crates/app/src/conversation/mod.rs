//! The conversation mode: refine an image turn by turn. Each turn is the
//! person's text and attached images; its answer is the assistant's text
//! and an image that changes the one before, made with the form's image
//! parameters, streamed with partial images when the form streams. Editing
//! or regenerating a turn starts a branch; `@` attaches an earlier image of
//! the branch in view. Every image goes to the gallery, linked to its
//! conversation and turn; conversations are kept in IndexedDB, exported
//! with the gallery's ZIP, and deleted undoably.
//!
//! A turn goes through the Responses API (`previous_response_id` chains the
//! turns) or, on a provider that has only the Images API, as an edit of the
//! previous turn's image with the earlier turns summed up in its prompt:
//! the provider's settings say which, and a provider not known yet is
//! tried on the Responses API and kept on the Images API once its
//! `/responses` answers 404 or 405.
//!
//! One job per file, each importing only the ones above it:
//!
//! - `state.rs`: [`Conversations`], the conversations, the one in view and
//!   the turns under way;
//! - `storage.rs`: reading, writing and deleting them (with Undo);
//! - `references.rs`: attached images and `@` mentions;
//! - `send.rs`: one turn on the wire, by either API;
//! - `turn.rs`: sending, retrying, cancelling and dismissing turns;
//! - `thumbs.rs`, `picker.rs`, `composer.rs`, `turn_view.rs`, `view.rs`:
//!   the page ([`ConversationView`]).

mod composer;
mod picker;
mod references;
mod send;
mod state;
mod storage;
mod thumbs;
mod turn;
mod turn_view;
mod view;

pub use state::Conversations;
pub use view::ConversationView;
