//! 简体中文.

use super::Words;

/// Every word in Chinese.
pub static CHINESE: Words = Words {
    // The page.
    page_title: "gpt-image 演练场",
    language: "语言",
    session_totals: |tokens, cost| format!("本次会话：{tokens} 个 token · 约 {cost}"),
    // The form.
    // Settings.
    // Runs.
    // The gallery.
    // Conversations.
    // Errors and advice.
    // Validation.
};
