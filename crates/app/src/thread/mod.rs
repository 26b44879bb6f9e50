//! A conversation as it is kept: its turns (each the person's text and
//! references, the assistant's answer, the gallery ids of its images and
//! what it cost), the branches they make and the turn in view. Plain data,
//! stored in IndexedDB ([`crate::store`]) and in the gallery's ZIP
//! ([`crate::archive`]); the conversation mode (`conversation/`) sends and
//! shows it.
//!
//! Turns form a tree: each names the turn before it (`parent`). Editing or
//! regenerating a turn adds a sibling, a new branch from that point; the
//! thread's `current` turn is the last one of the branch in view
//! (`branches.rs`). How a turn's text is told to a provider that has only
//! the Images API is `prompt.rs`.

mod branches;
mod prompt;

use gpt_image_wasm::core::{Fields, FromJson, JsonValue};
use leptos::prelude::Callback;
use serde::Serialize;

use crate::i18n::words;

pub use branches::Numbered;
pub use prompt::images_prompt;

/// How a conversation's turns reach the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Api {
    /// `POST /responses` with the `image_generation` tool, each turn
    /// following the one before by `previous_response_id`.
    Responses,
    /// The Images API: each turn an edit of the previous turn's image (a
    /// generation for a first turn without references), the earlier turns'
    /// texts summed up in its prompt.
    Images,
}

impl Api {
    /// The name it is stored under (`responses`, `images`).
    pub fn as_str(self) -> &'static str {
        match self {
            Api::Responses => "responses",
            Api::Images => "images",
        }
    }

    /// The API named `name`, if it is one.
    pub fn from_name(name: &str) -> Option<Api> {
        match name {
            "responses" => Some(Api::Responses),
            "images" => Some(Api::Images),
            _ => None,
        }
    }
}

/// An image attached to a turn.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Reference {
    /// A gallery image (a thread's own images are gallery images too), by its id.
    Gallery {
        /// Its gallery id.
        id: u32,
    },
    /// A file pasted or dropped into the turn, kept with the thread
    /// ([`crate::store::Store::put_file`]) under `key`.
    File {
        /// Its key in the thread files' store.
        key: String,
        /// Its type, from its bytes.
        #[serde(rename = "mimeType")]
        mime_type: String,
    },
}

impl FromJson for Reference {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "a reference")?;
        match fields.required_text("kind")?.as_str() {
            "gallery" => Ok(Reference::Gallery { id: fields.whole("id")?.ok_or_else(|| fields.missing("id"))? }),
            "file" => {
                Ok(Reference::File { key: fields.required_text("key")?, mime_type: fields.required_text("mimeType")? })
            }
            other => Err(format!("a reference of an unknown kind ({other})")),
        }
    }
}

/// Where a turn is, as kept.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum TurnState {
    /// Sent and not answered yet (or the page closed before the answer).
    Sent,
    /// Answered.
    Done,
    /// It failed, for this reason (the advice the page showed).
    Failed {
        /// What the page said.
        message: String,
    },
}

/// One turn: what the person said, and what came of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Turn {
    /// Its number in the thread, from 1.
    pub id: u32,
    /// The turn it follows (`None`: a first turn).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<u32>,
    /// When it was sent, in milliseconds since the epoch.
    pub created: f64,
    /// What the person asked.
    pub text: String,
    /// The images attached to it.
    pub references: Vec<Reference>,
    /// The API it went through.
    pub api: Api,
    /// Where it is.
    #[serde(flatten)]
    pub state: TurnState,
    /// The response's id (Responses API): the next turn's `previous_response_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_id: Option<String>,
    /// The assistant's text.
    pub reply: String,
    /// The gallery ids of its images, in order.
    pub images: Vec<u32>,
    /// Every token it used (the answering model's and the images').
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<u64>,
    /// The estimated cost of its images, in US dollars.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
}

impl Turn {
    /// A new turn of `text`, sent now.
    pub fn new(id: u32, parent: Option<u32>, text: String, references: Vec<Reference>, api: Api) -> Self {
        Turn {
            id,
            parent,
            created: js_sys::Date::now(),
            text,
            references,
            api,
            state: TurnState::Sent,
            response_id: None,
            reply: String::new(),
            images: Vec::new(),
            tokens: None,
            cost: None,
        }
    }
}

/// Whole numbers of a JSON array member (`images`), or none.
fn numbers<J: JsonValue>(json: &J, key: &str, what: &str) -> Result<Vec<u32>, String> {
    let Some(value) = json.member(key) else { return Ok(Vec::new()) };
    let items = value.array().ok_or_else(|| format!("`{key}` of {what} is not an array"))?;
    items
        .iter()
        .map(|item| {
            item.number()
                .filter(|number| number.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(number))
                .map(|number| number as u32)
                .ok_or_else(|| format!("`{key}` of {what} holds something other than a whole number"))
        })
        .collect()
}

impl FromJson for Turn {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "a turn")?;
        let state = match fields.text("state")?.as_deref() {
            Some("done") => TurnState::Done,
            Some("failed") => TurnState::Failed { message: fields.text("message")?.unwrap_or_default() },
            _ => TurnState::Sent,
        };
        Ok(Turn {
            id: fields.whole("id")?.ok_or_else(|| fields.missing("id"))?,
            parent: fields.whole("parent")?,
            created: fields.float("created")?.unwrap_or_default(),
            text: fields.text("text")?.unwrap_or_default(),
            references: fields.list("references")?.unwrap_or_default(),
            api: fields.text("api")?.as_deref().and_then(Api::from_name).unwrap_or(Api::Responses),
            state,
            response_id: fields.text("responseId")?,
            reply: fields.text("reply")?.unwrap_or_default(),
            images: numbers(json, "images", "a turn")?,
            tokens: fields.whole("tokens")?,
            cost: fields.float("cost")?,
        })
    }
}

/// A conversation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Thread {
    /// Its id (`t` and random letters), the key it is stored under.
    pub id: String,
    /// Its name: the first turn's text, shortened.
    pub title: String,
    /// When it was started, in milliseconds since the epoch.
    pub created: f64,
    /// When a turn was last added or answered.
    pub updated: f64,
    /// Every turn of every branch, in the order they were sent.
    pub turns: Vec<Turn>,
    /// The last turn of the branch in view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<u32>,
}

/// The longest title, in characters.
const TITLE_CHARS: usize = 60;

/// The title of a thread whose first text is empty, as it is stored
/// (shown in the language in use: [`shown_title`]).
const UNTITLED: &str = "Untitled conversation";

/// A thread's title from its first text: one line, at most [`TITLE_CHARS`].
pub fn title_of(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= TITLE_CHARS {
        return if line.is_empty() { UNTITLED.to_owned() } else { line };
    }
    let cut: String = line.chars().take(TITLE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A stored title as it is shown: [`UNTITLED`] in the language in use (tracked), any other as it is.
pub fn shown_title(title: &str) -> String {
    if title == UNTITLED { words().thread_untitled.to_owned() } else { title.to_owned() }
}

/// A new conversation id: `t` and ten random letters.
pub fn new_thread_id() -> String {
    let letters: String =
        (0..10).map(|_| char::from(b'a' + (js_sys::Math::random() * 26.0).floor().min(25.0) as u8)).collect();
    format!("t{letters}")
}

impl Thread {
    /// A new, empty thread titled after `text`.
    pub fn new(text: &str) -> Self {
        let now = js_sys::Date::now();
        Thread {
            id: new_thread_id(),
            title: title_of(text),
            created: now,
            updated: now,
            turns: Vec::new(),
            current: None,
        }
    }

    /// Turn `id`.
    pub fn turn(&self, id: u32) -> Option<&Turn> {
        self.turns.iter().find(|turn| turn.id == id)
    }

    /// Turn `id`, to change it.
    pub fn turn_mut(&mut self, id: u32) -> Option<&mut Turn> {
        self.turns.iter_mut().find(|turn| turn.id == id)
    }

    /// The number the next turn gets.
    pub fn next_id(&self) -> u32 {
        self.turns.iter().map(|turn| turn.id).max().unwrap_or(0) + 1
    }

    /// Every gallery image the thread made, in the order of its turns.
    pub fn images(&self) -> Vec<u32> {
        self.turns.iter().flat_map(|turn| turn.images.iter().copied()).collect()
    }

    /// Links the gallery images that name this thread and one of its turns
    /// (`(id, thread, turn)` of each entry) to their turns, where the turn
    /// does not list them yet (the page closed between writing the image and
    /// the turn); whether any was.
    pub fn adopt(&mut self, linked: &[(u32, &str, u32)]) -> bool {
        let mut changed = false;
        for &(id, thread, turn) in linked {
            if thread != self.id {
                continue;
            }
            if let Some(turn) = self.turn_mut(turn)
                && !turn.images.contains(&id)
            {
                turn.images.push(id);
                turn.images.sort_unstable();
                changed = true;
            }
        }
        changed
    }

    /// Every token and estimated dollar its turns spent, every branch's.
    pub fn totals(&self) -> (u64, f64) {
        self.turns
            .iter()
            .fold((0, 0.0), |(tokens, cost), turn| (tokens + turn.tokens.unwrap_or(0), cost + turn.cost.unwrap_or(0.0)))
    }
}

impl FromJson for Thread {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "a conversation")?;
        let created = fields.float("created")?.unwrap_or_default();
        Ok(Thread {
            id: fields.required_text("id")?,
            title: fields.text("title")?.unwrap_or_default(),
            created,
            updated: fields.float("updated")?.unwrap_or(created),
            turns: fields.list("turns")?.unwrap_or_default(),
            current: fields.whole("current")?,
        })
    }
}

/// What the gallery's viewer asks of conversations about an image linked to
/// one (given through context by the app): the thread's title, and opening it.
#[derive(Clone, Copy)]
pub struct ThreadLinks {
    /// The title of thread `id`, while it exists.
    pub title: Callback<String, Option<String>>,
    /// Opens thread `id` in the conversation mode.
    pub open: Callback<String>,
    /// Conversations were imported into the database: read them again.
    pub imported: Callback<()>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A thread of two turns, the second with a reference of each kind.
    pub(crate) fn thread() -> Thread {
        let turn = |id: u32, parent: Option<u32>, text: &str| Turn {
            id,
            parent,
            created: 1_764_547_200_000.0 + f64::from(id),
            text: text.into(),
            references: Vec::new(),
            api: Api::Responses,
            state: TurnState::Done,
            response_id: Some(format!("resp_{id}")),
            reply: "Here it is.".into(),
            images: vec![id * 10],
            tokens: Some(100),
            cost: Some(0.01),
        };
        let mut second = turn(2, Some(1), "now make it blue");
        second.references = vec![
            Reference::Gallery { id: 7 },
            Reference::File { key: "tabc/2/0".into(), mime_type: "image/png".into() },
        ];
        second.state = TurnState::Failed { message: "The provider failed: retry in a moment.".into() };
        second.api = Api::Images;
        Thread {
            id: "tabc".into(),
            title: "a red kite".into(),
            created: 1_764_547_200_000.0,
            updated: 1_764_547_300_000.0,
            turns: vec![turn(1, None, "a red kite"), second],
            current: Some(2),
        }
    }

    #[test]
    fn a_thread_reads_back_as_it_was_written() {
        let thread = thread();
        assert_eq!(Thread::from_json(&serde_json::to_value(&thread).unwrap()), Ok(thread));
    }

    #[test]
    fn a_damaged_turn_names_its_member() {
        let mut written = serde_json::to_value(thread()).unwrap();
        written["turns"][1]["images"] = serde_json::json!([1, "two"]);
        assert_eq!(
            Thread::from_json(&written),
            Err("`turns[1]` of a conversation: `images` of a turn holds something other than a whole number".into())
        );
    }

    #[test]
    fn titles_are_one_short_line() {
        assert_eq!(title_of("  a red\nkite  "), "a red kite");
        assert_eq!(title_of(""), "Untitled conversation");
        let long = "word ".repeat(30);
        let title = title_of(&long);
        assert_eq!(title.chars().count(), TITLE_CHARS);
        assert!(title.ends_with('…'));
    }

    #[test]
    fn images_written_before_their_turn_are_adopted() {
        let mut thread = thread();
        assert!(
            !thread.adopt(&[(10, "tabc", 1), (99, "tother", 1), (98, "tabc", 7)]),
            "known, another thread's, no such turn"
        );
        assert!(thread.adopt(&[(21, "tabc", 2)]));
        assert_eq!(thread.turns[1].images, [20, 21]);
    }

    #[test]
    fn totals_count_every_branch() {
        assert_eq!(thread().totals(), (200, 0.02));
        assert_eq!(thread().next_id(), 3);
        assert_eq!(thread().images(), [10, 20]);
    }
}
