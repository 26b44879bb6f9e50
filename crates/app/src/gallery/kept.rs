//! One image of a run, from the moment it arrives until the gallery holds
//! everything there is to know about it: Arrived → Stored → Settled.
//!
//! An image is shown the moment it arrives, while the gallery writes it
//! (Arrived). The gallery gives it an id (Stored). Once the answer's usage
//! and revised prompt are known as well, they are written to the gallery
//! (Settled). These facts may come before the id: a whole answer's usage
//! arrives with its last image, while the first may still be being written;
//! an Arrived image then holds them until its id comes.
//!
//! While its run is on the page, a stored image is in [`InRuns`], and the
//! gallery leaves it out: each image is shown once.

use std::collections::HashSet;

use leptos::prelude::{RwSignal, With};

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

/// The gallery ids of the images the runs of this session show, which the
/// gallery leaves out so that each image is on the page once (in context).
#[derive(Clone, Copy)]
pub struct InRuns(pub RwSignal<HashSet<u32>>);

impl InRuns {
    /// Whether gallery entry `id` is shown by a run.
    pub fn shows(&self, id: Option<u32>) -> bool {
        id.is_some_and(|id| self.0.with(|ids| ids.contains(&id)))
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
    fn shares_add_up() {
        assert_eq!(shares(2457, 4), [615, 614, 614, 614]);
        assert_eq!(shares(2457, 4).iter().sum::<u64>(), 2457);
        assert_eq!(shares(10, 1), [10]);
        assert_eq!(shares(3, 0), [3], "no images count as one");
    }
}
