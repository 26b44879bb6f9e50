//! How a model name, as a person or a router spells it, resolves to the
//! catalogue: `openai/gpt-image-2.5-flare` is Flare, an unlisted dated
//! snapshot follows its model, an unknown relative falls back to its family.

use super::{FAMILIES, Family, ModelSpec, find};

/// How a name matched the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// A listed id or snapshot (after any `provider/` part): every rule of the model is certain.
    Known(&'static ModelSpec),
    /// A dated snapshot the catalogue does not list (`gpt-image-2-2027-01-15`):
    /// it follows the model it is a snapshot of.
    Snapshot(&'static ModelSpec),
    /// An unknown member of a family (`gpt-image-2.5-blaze`): only what every
    /// known member of the family refuses is certain.
    Family(Family),
    /// A name the catalogue cannot place: only the rules of the API itself apply.
    Unknown,
}

/// A model name and what it resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved<'a> {
    /// The name as given.
    pub name: &'a str,
    /// What it matched.
    pub matched: Match,
}

/// Resolves a model name: a `provider/` part is dropped, then the name is
/// looked up as an id or snapshot, then as a dated snapshot (`-YYYY-MM-DD`)
/// of a known model, then by the longest family prefix.
pub fn resolve(name: &str) -> Resolved<'_> {
    let bare = name.rsplit('/').next().unwrap_or(name).trim();
    let matched = if let Some(model) = find(bare) {
        Match::Known(model)
    } else if let Some(model) = snapshot_of(bare) {
        Match::Snapshot(model)
    } else {
        FAMILIES
            .iter()
            .flat_map(|family| family.prefixes.iter().map(move |prefix| (prefix, family.family)))
            .filter(|(prefix, _)| bare.starts_with(**prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map_or(Match::Unknown, |(_, family)| Match::Family(family))
    };
    Resolved { name, matched }
}

/// The model that `name` is an unlisted dated snapshot of: `ID-YYYY-MM-DD`.
fn snapshot_of(name: &str) -> Option<&'static ModelSpec> {
    let (id, date) = name.split_at_checked(name.len().checked_sub(11)?)?;
    let date = date.strip_prefix('-')?;
    let digits = |part: &str, len| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    let mut parts = date.split('-');
    let is_date = matches!((parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(y), Some(m), Some(d), None) if digits(y, 4) && digits(m, 2) && digits(d, 2));
    is_date.then(|| super::MODELS.iter().find(|model| model.id == id)).flatten()
}

impl Resolved<'_> {
    /// The catalogue entry whose rules apply in full, for a known name or a snapshot.
    pub fn spec(&self) -> Option<&'static ModelSpec> {
        match self.matched {
            Match::Known(model) | Match::Snapshot(model) => Some(model),
            Match::Family(_) | Match::Unknown => None,
        }
    }

    /// The family, known or inferred from the name.
    pub fn family(&self) -> Option<Family> {
        match self.matched {
            Match::Known(model) | Match::Snapshot(model) => Some(model.family),
            Match::Family(family) => Some(family),
            Match::Unknown => None,
        }
    }

    /// The known models whose rules bear on this name: the model itself, or
    /// every member of its family, or none.
    pub fn candidates(&self) -> Vec<&'static ModelSpec> {
        match self.matched {
            Match::Known(model) | Match::Snapshot(model) => vec![model],
            Match::Family(family) => family.members().collect(),
            Match::Unknown => Vec::new(),
        }
    }

    /// A model whose rules stand for this name when one is needed (a
    /// picker's options, a price): the model, or its family's newest member.
    pub fn nearest(&self) -> Option<&'static ModelSpec> {
        self.candidates().into_iter().next()
    }

    /// Whether the model takes the GPT image models' parameters; unknown
    /// models are given the benefit of the doubt.
    pub fn takes_gpt_parameters(&self) -> bool {
        self.nearest().is_none_or(|model| model.gpt_parameters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str) -> Option<&'static str> {
        resolve(name).spec().map(|model| model.id)
    }

    #[test]
    fn names_resolve_like_the_api() {
        assert_eq!(id("gpt-image-2.5-flare"), Some("gpt-image-2.5-flare"));
        assert_eq!(id("gpt-image-2.5-sunburst-2026-09-08"), Some("gpt-image-2.5-sunburst"));
        assert_eq!(id("openai/gpt-image-2.5-flare"), Some("gpt-image-2.5-flare"));
        assert!(matches!(resolve("openai/gpt-image-2.5-flare").matched, Match::Known(_)));
        assert!(
            matches!(resolve("gpt-image-2.5-flare-2027-01-15").matched, Match::Snapshot(m) if m.id == "gpt-image-2.5-flare")
        );
        assert!(matches!(resolve("gpt-image-2-2027-01-15").matched, Match::Snapshot(m) if m.id == "gpt-image-2"));
        assert_eq!(resolve("gpt-image-2.5-blaze").matched, Match::Family(Family::GptImage2_5));
        assert_eq!(resolve("gpt-image-2.5-flare-preview").matched, Match::Family(Family::GptImage2_5));
        assert_eq!(resolve("gpt-image-1.6").matched, Match::Family(Family::GptImage1));
        assert_eq!(resolve("azure/dall-e-3-hd").matched, Match::Family(Family::DallE3));
        assert_eq!(resolve("gpt-image-3").matched, Match::Unknown, "a new generation is not gpt-image-2's");
        assert_eq!(resolve("gpt-image-2.6").matched, Match::Unknown, "2.6 is not a snapshot of 2");
        assert_eq!(resolve("flux-pro").matched, Match::Unknown);
        assert_eq!(resolve("gpt-image-2-2027-13").matched, Match::Family(Family::GptImage2), "not a date");
    }
}
