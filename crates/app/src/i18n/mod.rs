//! The playground's two languages, 简体中文 and English: which one is in
//! use, and every word it shows in each.
//!
//! A view reads its words through [`words`], which tracks the language in
//! use: `{move || words().generate}`. The words of each language are one
//! [`Words`] value, [`en::ENGLISH`] and [`zh::CHINESE`], each in its own file;
//! a word missing from either does not compile. Numbers, prices and
//! durations go through [`format`], which asks the browser's `Intl` for the
//! language's way of writing them.
//!
//! The language follows the browser's preference (`navigator.languages`)
//! until the person picks one with [`LanguageSwitch`]; the pick is kept in
//! `localStorage`. On its own page the playground also sets `<html lang>`
//! and the title; embedded, it leaves the host's page alone.

mod en;
pub mod format;
mod switch;
mod words;
mod zh;

use std::cell::Cell;

use leptos::prelude::*;

pub use switch::LanguageSwitch;
pub use words::Words;

use crate::browser_storage::{self, LANGUAGE};

/// A language the playground speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// English.
    English,
    /// 简体中文.
    Chinese,
}

impl Language {
    /// Both, in the order the switch offers them.
    pub const ALL: [Language; 2] = [Language::English, Language::Chinese];

    /// Its BCP 47 tag, for `<html lang>`, `Intl` and `localStorage`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Chinese => "zh-CN",
        }
    }

    /// The language a BCP 47 tag names (`zh`, `zh-Hans-CN`, `en-GB`), if
    /// the playground speaks it.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::English),
            "zh" => Some(Language::Chinese),
            _ => None,
        }
    }

    /// Its words.
    pub fn words(self) -> &'static Words {
        match self {
            Language::English => &en::ENGLISH,
            Language::Chinese => &zh::CHINESE,
        }
    }

    /// The one the person picked before, else the first of the browser's
    /// preferred languages the playground speaks, else English.
    fn initial() -> Language {
        let picked = browser_storage::read(LANGUAGE).and_then(|tag| Language::from_tag(&tag));
        picked.or_else(preferred).unwrap_or(Language::English)
    }
}

/// The first of `navigator.languages` the playground speaks.
fn preferred() -> Option<Language> {
    let navigator = web_sys::window()?.navigator();
    navigator.languages().iter().filter_map(|tag| tag.as_string()).find_map(|tag| Language::from_tag(&tag))
}

thread_local! {
    /// The language in use, for every generator on the page.
    static IN_USE: ArcRwSignal<Language> = ArcRwSignal::new(Language::initial());
    /// Whether the page is the playground's own (not a host's).
    static OWN_PAGE: Cell<bool> = const { Cell::new(false) };
}

/// The language in use (tracked: a view that reads it follows a switch).
pub fn language() -> Language {
    IN_USE.with(|in_use| in_use.get())
}

/// The words of the language in use (tracked, as [`language`]).
pub fn words() -> &'static Words {
    language().words()
}

/// Switches to `language` and keeps the choice for the next visit.
pub fn choose(language: Language) {
    browser_storage::write(LANGUAGE, language.tag());
    IN_USE.with(|in_use| in_use.set(language));
    if OWN_PAGE.get() {
        label_page(language);
    }
}

/// Marks the page as the playground's own (its page, or its iframe's):
/// `<html lang>` and the title follow the language from now on. A host's
/// page is never touched.
pub fn own_page() {
    OWN_PAGE.set(true);
    label_page(IN_USE.with(|in_use| in_use.get_untracked()));
}

fn label_page(language: Language) {
    let document = document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", language.tag());
    }
    document.set_title(language.words().page_title);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixed texts that are the same in both languages: names, formats and
    /// symbols. Every other Chinese text has Chinese in it, so an English
    /// text copied into the Chinese table fails here.
    const SAME_IN_BOTH: &[&str] = &[];

    #[test]
    fn every_chinese_text_is_chinese() {
        let english = Language::English.words().texts();
        let chinese = Language::Chinese.words().texts();
        assert_eq!(english.len(), chinese.len());
        for ((name, english), (_, chinese)) in english.into_iter().zip(chinese) {
            if SAME_IN_BOTH.contains(&name) {
                assert_eq!(english, chinese, "{name} is listed as the same in both languages");
                continue;
            }
            let han = chinese
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c));
            assert!(han, "{name}: the Chinese text {chinese:?} has no Chinese in it (English: {english:?})");
        }
    }

    #[test]
    fn tags_are_read_by_their_primary_language() {
        assert_eq!(Language::from_tag("zh"), Some(Language::Chinese));
        assert_eq!(Language::from_tag("zh-Hans-CN"), Some(Language::Chinese));
        assert_eq!(Language::from_tag("zh_TW"), Some(Language::Chinese));
        assert_eq!(Language::from_tag("en-GB"), Some(Language::English));
        assert_eq!(Language::from_tag("fr-FR"), None);
        assert_eq!(Language::from_tag(""), None);
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
        }
    }
}
