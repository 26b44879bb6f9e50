//! The gallery: every stored image, newest first, with search by prompt,
//! favourites, a selection to export or delete, and import from a ZIP.
//!
//! Only the entries' metadata is read when the page opens; each card reads
//! its thumbnail when it is first shown, and cards are added a screenful at
//! a time, so hundreds of images open fast. A card's `blob:` URL is revoked
//! when the card goes away.
//!
//! Nothing is lost by a slip or an unload: a delete can be undone for
//! [`trash::UNDO_SECONDS`] (and after a reload, see [`trash`]); an image
//! still being written when the page goes is reported when it comes back
//! ([`journal`]); and the gallery says how much the browser stores and
//! whether it may evict it.
//!
//! The gallery also owns an image's life from the moment a run hands it
//! over: [`Gallery::keep`] returns the [`Kept`] handle the run settles its
//! late facts with ([`kept`]).
//!
//! Its viewer is the page's one viewer: an image shown by a run or a
//! conversation opens there too ([`Gallery::opened`]), with what was asked
//! for it and when it was made.

mod card;
mod export;
mod journal;
mod kept;
mod state;
mod storage_note;
mod trash;
mod undo_bar;
mod view;
mod viewer;
mod viewer_image;

pub use export::Imported;
pub use kept::{Facts, Kept, shares};
pub use state::Gallery;
pub use trash::{UNDO_SECONDS, set_trash_list, trash_list};
pub use view::GalleryView;
