//! The header's one-click language switch.

use leptos::prelude::*;

use super::{Language, choose, language, words};

impl Language {
    /// Its name in itself, as the switch offers it.
    fn own_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Chinese => "中文",
        }
    }

    /// The language the switch offers from this one.
    fn other(self) -> Language {
        match self {
            Language::English => Language::Chinese,
            Language::Chinese => Language::English,
        }
    }
}

/// A button naming the other language, in that language; a click switches to it.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let other = move || language().other();
    view! {
        <button
            type="button"
            class="secondary language-switch"
            lang=move || other().tag()
            title=move || words().language
            on:click=move |_| choose(other())
        >
            {move || other().own_name()}
        </button>
    }
}
