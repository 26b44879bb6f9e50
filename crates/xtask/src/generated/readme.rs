//! The README's table of models, and the model option of the page's
//! first paint, from the catalogue.

use std::fmt::Write as _;

use gpt_image_core::catalogue::{self, Lifecycle, MODELS, Pricing, SizeRule};

use super::{qualities_of, sizes_of};

/// The first paint's model picker (`web/index.html`): the model the
/// playground starts with, labelled as the app labels it.
pub(super) fn suggested_model_option() -> String {
    let model = catalogue::find(catalogue::SUGGESTED_MODEL).expect("the suggested model is in the catalogue");
    format!("<option>{} — {}</option>\n", model.id, model.summary)
}

/// The README's table: one row per model.
pub(super) fn readme_table() -> String {
    let mut out = String::from(
        "| model | what it is | sizes | qualities | price per 1M tokens (text in / image in / image out) | at OpenAI |\n|---|---|---|---|---|---|\n",
    );
    for model in MODELS {
        let names = std::iter::once(format!("`{}`", model.id))
            .chain(model.snapshots.iter().map(|s| format!("`{s}`")))
            .collect::<Vec<_>>()
            .join("<br>");
        let sizes = match model.sizes {
            SizeRule::Standard(_) => sizes_of(model),
            SizeRule::Custom(limits) => format!("custom, up to {} on the longest edge", limits.max_edge),
        };
        let price = match &model.prices {
            Pricing::Tokens(p) => format!("${} / ${} / ${}", p.text_input, p.image_input, p.image_output),
            Pricing::PerImage(_) => "per image".to_owned(),
        };
        let status = match model.lifecycle(None) {
            Lifecycle::Current => "current".to_owned(),
            Lifecycle::Retiring(day) => format!("retiring {day}"),
            Lifecycle::Retired(day) => format!("retired {day}"),
        };
        let _ =
            writeln!(out, "| {names} | {} | {sizes} | {} | {price} | {status} |", model.summary, qualities_of(model));
    }
    out
}
