//! A thread's branches: the turns from the first to the one in view, the
//! siblings a turn has (the branches that fork there, "‹ 2/3 ›"), switching
//! between them, and the images of the branch in view numbered for `@1`,
//! `@2` …

use super::{Thread, Turn};

/// An image of the branch in view, as `@number` names it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Numbered {
    /// Its number, from 1, in the order of the branch.
    pub number: usize,
    /// Its gallery id.
    pub id: u32,
    /// The turn that made it.
    pub turn: u32,
}

impl Thread {
    /// The branch in view: the first turn to the current one, in order.
    pub fn path(&self) -> Vec<&Turn> {
        self.path_to(self.current)
    }

    /// The first turn to turn `last` (none for `None`), in order.
    pub fn path_to(&self, last: Option<u32>) -> Vec<&Turn> {
        let mut path = Vec::new();
        let mut next = last;
        while let Some(turn) = next.and_then(|id| self.turn(id)) {
            // A damaged thread whose parents loop is read as far as it goes.
            if path.iter().any(|seen: &&Turn| seen.id == turn.id) {
                break;
            }
            path.push(turn);
            next = turn.parent;
        }
        path.reverse();
        path
    }

    /// The turns that follow `parent` (`None`: the first turns), oldest first.
    pub fn children(&self, parent: Option<u32>) -> Vec<u32> {
        self.turns.iter().filter(|turn| turn.parent == parent).map(|turn| turn.id).collect()
    }

    /// Where turn `id` is among the branches that fork before it, and how
    /// many there are (`(2, 3)`: the second of three); `None` when it has no siblings.
    pub fn fork(&self, id: u32) -> Option<(usize, usize)> {
        let siblings = self.children(self.turn(id)?.parent);
        let index = siblings.iter().position(|sibling| *sibling == id)?;
        (siblings.len() > 1).then_some((index + 1, siblings.len()))
    }

    /// The newest last turn of the branches below `id`.
    fn leaf(&self, mut id: u32) -> u32 {
        for _ in 0..self.turns.len() {
            match self.children(Some(id)).last() {
                Some(child) => id = *child,
                None => break,
            }
        }
        id
    }

    /// Shows the branch of the sibling `by` places from turn `id` (-1: the
    /// one before); `false` when there is none there.
    pub fn switch(&mut self, id: u32, by: isize) -> bool {
        let Some(turn) = self.turn(id) else { return false };
        let siblings = self.children(turn.parent);
        let Some(to) = siblings
            .iter()
            .position(|sibling| *sibling == id)
            .and_then(|index| index.checked_add_signed(by))
            .and_then(|index| siblings.get(index))
        else {
            return false;
        };
        self.current = Some(self.leaf(*to));
        true
    }

    /// Takes turn `id` out (a failed turn dismissed), when no turn follows
    /// it; the branch in view then ends at its parent's newest other branch,
    /// or at its parent. `false` when it stays.
    pub fn remove_turn(&mut self, id: u32) -> bool {
        let Some(turn) = self.turn(id) else { return false };
        let parent = turn.parent;
        if !self.children(Some(id)).is_empty() {
            return false;
        }
        self.turns.retain(|turn| turn.id != id);
        if self.current == Some(id) {
            self.current = self.children(parent).last().map(|sibling| self.leaf(*sibling)).or(parent);
        }
        true
    }

    /// The images of the branch in view, numbered from 1.
    pub fn numbered(&self) -> Vec<Numbered> {
        self.path()
            .into_iter()
            .flat_map(|turn| turn.images.iter().map(move |id| (turn.id, *id)))
            .enumerate()
            .map(|(index, (turn, id))| Numbered { number: index + 1, id, turn })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::thread;
    use super::super::{Api, Thread, Turn, TurnState};

    fn add(thread: &mut Thread, parent: Option<u32>, text: &str) -> u32 {
        let id = thread.next_id();
        let mut turn = Turn::from_parts(id, parent, text);
        turn.images = vec![id * 10];
        thread.turns.push(turn);
        thread.current = Some(id);
        id
    }

    impl Turn {
        fn from_parts(id: u32, parent: Option<u32>, text: &str) -> Turn {
            Turn {
                id,
                parent,
                created: 0.0,
                text: text.into(),
                references: Vec::new(),
                api: Api::Responses,
                state: TurnState::Done,
                response_id: None,
                reply: String::new(),
                images: Vec::new(),
                tokens: None,
                cost: None,
            }
        }
    }

    #[test]
    fn a_branch_from_the_first_turn_can_be_switched_both_ways() {
        let mut thread = thread();
        let third = add(&mut thread, Some(2), "and a boat");
        assert_eq!(thread.path().iter().map(|turn| turn.id).collect::<Vec<_>>(), [1, 2, third]);
        // Editing turn 1 starts a branch of its own.
        let edited = add(&mut thread, None, "a green kite");
        assert_eq!(thread.path().iter().map(|turn| turn.id).collect::<Vec<_>>(), [edited]);
        assert_eq!(thread.fork(edited), Some((2, 2)));
        assert_eq!(thread.fork(1), Some((1, 2)));
        assert_eq!(thread.fork(2), None);
        assert!(thread.switch(edited, -1));
        assert_eq!(thread.current, Some(third), "back to the newest end of the first branch");
        assert!(!thread.switch(1, -1), "nothing before the first");
        assert!(thread.switch(1, 1));
        assert_eq!(thread.current, Some(edited));
    }

    #[test]
    fn images_are_numbered_along_the_branch_in_view() {
        let mut thread = thread();
        let numbers =
            |thread: &Thread| thread.numbered().iter().map(|image| (image.number, image.id)).collect::<Vec<_>>();
        assert_eq!(numbers(&thread), [(1, 10), (2, 20)]);
        add(&mut thread, Some(1), "a yellow kite");
        assert_eq!(numbers(&thread), [(1, 10), (2, 30)], "@2 is this branch's second image");
    }

    #[test]
    fn a_dismissed_turn_leaves_its_branch_at_the_turn_before() {
        let mut thread = thread();
        let failed = add(&mut thread, Some(2), "and a boat");
        assert!(!thread.remove_turn(2), "a turn that others follow stays");
        assert!(thread.remove_turn(failed));
        assert_eq!(thread.current, Some(2));
        let other = add(&mut thread, Some(1), "a yellow kite");
        thread.current = Some(2);
        assert!(thread.remove_turn(2));
        assert_eq!(thread.current, Some(other), "the branch that is left");
    }

    #[test]
    fn a_loop_of_parents_ends_the_path() {
        let mut thread = thread();
        thread.turns[0].parent = Some(2);
        assert_eq!(thread.path().len(), 2);
    }
}
