//! The crash journal: a note per image being written, so that a page
//! closed in the middle can say what was lost when it opens again.

use crate::browser_storage::{self, JOURNAL, TAB};
use crate::i18n::words;
use crate::store::Entry;

/// A note in `localStorage`, written synchronously before an image is
/// written to IndexedDB and removed once the write is over, so that a page
/// closed in between can say so when it opens again.
pub struct Journal(Option<String>);

impl Journal {
    /// This tab's name: the notes of an earlier page of the same tab are
    /// known to be over; another tab's may still be in flight.
    fn tab() -> String {
        let session = browser_storage::session_storage();
        if let Some(tab) = session.as_ref().and_then(|session| session.get_item(TAB).ok().flatten()) {
            return tab;
        }
        let tab = format!("{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u64);
        if let Some(session) = session {
            let _ = session.set_item(TAB, &tab);
        }
        tab
    }

    /// Notes that `entry` is being written.
    pub fn start(entry: &Entry) -> Self {
        let key = format!("{JOURNAL}{}.{}", Self::tab(), js_sys::Math::random());
        let prompt: String = entry.request.prompt.chars().take(60).collect();
        let note = format!("{}\n{}\n{prompt}", js_sys::Date::now(), entry.created);
        let written = browser_storage::write(&key, &note);
        Journal(written.then_some(key))
    }

    /// The write is over (done or failed, and a failure is shown).
    pub fn finish(self) {
        if let Some(key) = self.0 {
            browser_storage::remove(&key);
        }
    }

    /// What was still being written when a page closed, and is not in the
    /// gallery, said plainly; the notes are cleared. Another tab's notes
    /// younger than a minute may be writes still in flight, and wait.
    pub fn unfinished(kept: &[Entry], deleted: &[Entry]) -> Option<String> {
        let (now, mine) = (js_sys::Date::now(), format!("{JOURNAL}{}.", Self::tab()));
        let mut lost = Vec::new();
        for key in browser_storage::keys_starting(JOURNAL) {
            let note = browser_storage::read(&key).unwrap_or_default();
            let mut lines = note.splitn(3, '\n');
            let mut time = || lines.next().and_then(|time| time.parse::<f64>().ok()).unwrap_or(0.0);
            let (written, created) = (time(), time());
            let prompt = lines.next().unwrap_or_default();
            if !key.starts_with(&mine) && now - written < 60_000.0 {
                continue;
            }
            browser_storage::remove(&key);
            if !kept.iter().chain(deleted).any(|entry| entry.created == created) {
                lost.push((written, format!("“{prompt}”")));
            }
        }
        lost.sort_by(|a, b| a.0.total_cmp(&b.0));
        let lost: Vec<String> = lost.into_iter().map(|(_, prompt)| prompt).collect();
        (!lost.is_empty()).then(|| (words().storage_lost)(&lost))
    }
}
