//! English.

use super::Words;

/// Every word in English.
pub static ENGLISH: Words = Words {
    // The page.
    page_title: "gpt-image playground",
    language: "Language",
    session_totals: |tokens, cost| format!("This session: {tokens} tokens · ≈ {cost}"),
    // The form.
    // Settings.
    // Runs.
    // The gallery.
    // Conversations.
    // Errors and advice.
    // Validation.
};
