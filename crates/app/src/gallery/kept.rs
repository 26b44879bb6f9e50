//! One image from the moment it arrives until the gallery holds everything
//! there is to know about it: Arrived → Stored → Settled.
//!
//! [`Gallery::keep`] writes an image the moment it arrives (Arrived) and
//! returns a [`Kept`] handle. The gallery gives it an id (Stored). Once the
//! answer's usage and revised prompt are known as well, [`Kept::settle`]
//! writes them (Settled). These facts may come before the id: a whole
//! answer's usage arrives with its last image, while the first may still be
//! being written; an Arrived image then holds them until its id comes.
//!
//! While its run shows it, a stored image is in the gallery's
//! [`Gallery::shown`] set and its own list leaves it out, so each image is
//! on the page once; [`Kept::release`] hands it back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Blob;

use super::Gallery;
use crate::store::Entry;

/// What the answer says about an image after its bytes: its share of the
/// usage and the prompt as the model rewrote it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Its share of the answer's tokens.
    pub tokens: Option<u64>,
    /// Its share of the estimated cost, in US dollars.
    pub cost: Option<f64>,
    /// The prompt as the model rewrote it.
    pub revised_prompt: Option<String>,
}

impl Facts {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_none() && self.cost.is_none() && self.revised_prompt.is_none()
    }

    /// Writes what is known into `entry`, keeping what it knew of the rest.
    pub fn apply(&self, entry: &mut Entry) {
        entry.tokens = self.tokens.or(entry.tokens);
        entry.cost = self.cost.or(entry.cost);
        entry.revised_prompt = self.revised_prompt.clone().or(entry.revised_prompt.take());
    }
}

/// Where an image is on its way into the gallery.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// Shown, and being written; `facts` came early and wait for its id.
    Arrived { facts: Option<Facts> },
    /// In the gallery under `id`; its facts are not known yet.
    Stored { id: u32 },
    /// Nothing more to write: in the gallery with its facts, or not kept
    /// (`None`: no gallery, or it could not store the image).
    Settled { id: Option<u32> },
}

/// What happens to an image after it arrived.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The gallery wrote it under this id (`None`: it could not, or there is no gallery).
    Stored(Option<u32>),
    /// The answer's facts about it are known.
    Facts(Facts),
}

/// Facts to write to gallery entry `id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Amend {
    /// The entry.
    pub id: u32,
    /// What to write into it.
    pub facts: Facts,
}

impl Stage {
    /// A new image.
    pub const ARRIVED: Stage = Stage::Arrived { facts: None };

    /// The stage after `step`, and what to write to the gallery, if anything.
    /// A step that comes too late (a second id, facts once settled) changes nothing.
    pub fn next(self, step: Step) -> (Stage, Option<Amend>) {
        match (self, step) {
            (Stage::Arrived { facts: None }, Step::Stored(Some(id))) => (Stage::Stored { id }, None),
            (Stage::Arrived { facts: Some(facts) }, Step::Stored(Some(id))) => {
                (Stage::Settled { id: Some(id) }, Some(Amend { id, facts }))
            }
            (Stage::Arrived { .. }, Step::Stored(None)) => (Stage::Settled { id: None }, None),
            (Stage::Arrived { .. }, Step::Facts(facts)) => (Stage::Arrived { facts: Some(facts) }, None),
            (Stage::Stored { id }, Step::Facts(facts)) => (Stage::Settled { id: Some(id) }, Some(Amend { id, facts })),
            (stage, _) => (stage, None),
        }
    }

    /// The gallery id, once it has one.
    pub fn id(&self) -> Option<u32> {
        match self {
            Stage::Arrived { .. } => None,
            Stage::Stored { id } => Some(*id),
            Stage::Settled { id } => *id,
        }
    }
}

/// Where a kept image is, and what its run asked of it meanwhile.
#[derive(Clone, Debug, PartialEq)]
struct State {
    stage: Stage,
    /// Deleted by its run: it goes from the gallery once written.
    deleted: bool,
    /// No longer shown by its run: the gallery's own list shows it.
    released: bool,
}

/// What waits for an image's id ([`Kept::when_stored`]).
type OnStored = Box<dyn FnOnce(Option<u32>)>;

/// An image the gallery is keeping, as its run holds it: settles the
/// facts learnt after its bytes, deletes it, or hands it back to the
/// gallery's own list when the run leaves the page.
#[derive(Clone, Copy)]
pub struct Kept {
    gallery: Gallery,
    state: RwSignal<State>,
    /// Called once with the id (or `None`) when the gallery has written it.
    on_stored: StoredValue<Option<OnStored>, LocalStorage>,
}

impl Gallery {
    /// Starts keeping an image the moment it arrives; the handle settles
    /// what is learnt of it later. Until [`Kept::release`], a run shows it,
    /// and the gallery's own list leaves it out.
    pub fn keep(&self, entry: Entry, image: Blob) -> Kept {
        let state = State { stage: Stage::ARRIVED, deleted: false, released: false };
        let kept = Kept { gallery: *self, state: RwSignal::new(state), on_stored: StoredValue::new_local(None) };
        let gallery = *self;
        spawn_local(async move {
            let id = gallery.write(entry, image).await;
            kept.step(Step::Stored(id));
        });
        kept
    }
}

impl Kept {
    /// The gallery id, once it has one.
    pub fn id(&self) -> Option<u32> {
        self.state.with(|state| state.stage.id())
    }

    /// The answer's facts about the image are known: written to the gallery
    /// now, or as soon as it has an id.
    pub fn settle(&self, facts: Facts) {
        self.step(Step::Facts(facts));
    }

    /// Deletes the image from the gallery (undoably): now if it is written,
    /// else as soon as it is.
    pub fn delete(&self) {
        self.state.update(|state| state.deleted = true);
        if let Some(id) = self.state.with_untracked(|state| state.stage.id()) {
            self.gallery.shown.update(|shown| {
                shown.remove(&id);
            });
            self.gallery.delete(id);
        }
    }

    /// Calls `then` with the gallery id once the image is written (`None`
    /// when it could not be): at once if it is already.
    pub fn when_stored(&self, then: impl FnOnce(Option<u32>) + 'static) {
        match self.state.with_untracked(|state| state.stage.clone()) {
            Stage::Arrived { .. } => self.on_stored.set_value(Some(Box::new(then))),
            stage => then(stage.id()),
        }
    }

    /// Its run leaves the page: the gallery's own list shows it from now on.
    pub fn release(&self) {
        self.state.update(|state| state.released = true);
        if let Some(id) = self.state.with_untracked(|state| state.stage.id()) {
            self.gallery.shown.update(|shown| {
                shown.remove(&id);
            });
        }
    }

    fn step(&self, step: Step) {
        // `Some(id)`: this step is the write's end (`id` `None` when it failed).
        let written = match step {
            Step::Stored(id) => Some(id),
            Step::Facts(_) => None,
        };
        let stored = written.flatten();
        let (amend, deleted, released) = self
            .state
            .try_update(|state| {
                let stage = std::mem::replace(&mut state.stage, Stage::ARRIVED);
                let (stage, amend) = stage.next(step);
                state.stage = stage;
                (amend, state.deleted, state.released)
            })
            .unwrap_or((None, false, true));
        if let Some(id) = written
            && let Some(then) = self.on_stored.try_update_value(Option::take).flatten()
        {
            then(id);
        }
        if let Some(id) = stored {
            if deleted {
                self.gallery.delete(id);
                return;
            }
            if !released {
                self.gallery.shown.update(|shown| {
                    shown.insert(id);
                });
            }
        }
        if let Some(Amend { id, facts }) = amend
            && !facts.is_empty()
        {
            self.gallery.amend(id, move |entry| facts.apply(entry));
        }
    }
}

/// `total` shared among `count` images in whole numbers that add up to it:
/// the first `total % count` images take one more.
pub fn shares(total: u64, count: usize) -> Vec<u64> {
    let count = count.max(1) as u64;
    (0..count).map(|index| total / count + u64::from(index < total % count)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(tokens: u64) -> Facts {
        Facts { tokens: Some(tokens), ..Facts::default() }
    }

    #[test]
    fn stored_then_settled() {
        let (stage, amend) = Stage::ARRIVED.next(Step::Stored(Some(7)));
        assert_eq!((stage.clone(), amend), (Stage::Stored { id: 7 }, None));
        let (stage, amend) = stage.next(Step::Facts(facts(614)));
        assert_eq!(stage, Stage::Settled { id: Some(7) });
        assert_eq!(amend, Some(Amend { id: 7, facts: facts(614) }));
    }

    #[test]
    fn facts_that_come_first_wait_for_the_id() {
        let (stage, amend) = Stage::ARRIVED.next(Step::Facts(facts(615)));
        assert_eq!(amend, None, "nothing to write to yet");
        let (stage, amend) = stage.next(Step::Stored(Some(3)));
        assert_eq!((stage, amend), (Stage::Settled { id: Some(3) }, Some(Amend { id: 3, facts: facts(615) })));
    }

    #[test]
    fn an_image_not_kept_settles_at_once_and_late_steps_change_nothing() {
        let (stage, _) = Stage::ARRIVED.next(Step::Stored(None));
        assert_eq!(stage, Stage::Settled { id: None });
        assert_eq!(stage.clone().next(Step::Facts(facts(1))), (stage, None));
        let settled = Stage::Settled { id: Some(2) };
        assert_eq!(settled.clone().next(Step::Stored(Some(9))), (settled, None));
    }

    #[test]
    fn facts_fill_in_and_keep_what_was_known() {
        let mut entry = Entry {
            id: Some(1),
            created: 0.0,
            edit: false,
            request: Default::default(),
            revised_prompt: Some("a harbour at dusk".into()),
            mime_type: "image/png".into(),
            width: None,
            height: None,
            bytes: 0,
            tokens: None,
            cost: None,
            favourite: false,
            thread: None,
            turn: None,
        };
        Facts { tokens: Some(274), cost: Some(0.008), revised_prompt: None }.apply(&mut entry);
        assert_eq!((entry.tokens, entry.cost), (Some(274), Some(0.008)));
        assert_eq!(entry.revised_prompt.as_deref(), Some("a harbour at dusk"));
    }

    #[test]
    fn shares_add_up() {
        assert_eq!(shares(2457, 4), [615, 614, 614, 614]);
        assert_eq!(shares(2457, 4).iter().sum::<u64>(), 2457);
        assert_eq!(shares(10, 1), [10]);
        assert_eq!(shares(3, 0), [3], "no images count as one");
    }
}
