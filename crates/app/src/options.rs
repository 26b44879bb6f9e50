//! What the form offers for a model name: the options that every model the
//! name may be takes. A catalogue model offers its own; an unknown member of
//! a family (`gpt-image-2.6-blaze`) what every known member shares; a name
//! the catalogue cannot place (another provider's model) what every model
//! of the catalogue shares, and any `WIDTHxHEIGHT`, whose rules are then the
//! server's.

use gpt_image_wasm::core::catalogue::{self, CustomSizes, GifRules, MODELS, ModelSpec, Support};
use gpt_image_wasm::core::{ImageFormat, Size};

/// The options of one model name.
#[derive(Clone, Debug)]
pub struct ModelOptions {
    /// The models whose rules bear on the name (every model when it is unknown).
    candidates: Vec<&'static ModelSpec>,
    /// Whether the catalogue cannot place the name at all.
    unknown: bool,
}

impl PartialEq for ModelOptions {
    fn eq(&self, other: &Self) -> bool {
        self.unknown == other.unknown
            && self.candidates.len() == other.candidates.len()
            && self.candidates.iter().zip(&other.candidates).all(|(a, b)| std::ptr::eq(*a, *b))
    }
}

impl ModelOptions {
    /// The options of `name` (trimmed; empty is the API's default model).
    pub fn of(name: &str) -> Self {
        let candidates = catalogue::resolve(name.trim()).candidates();
        let unknown = candidates.is_empty();
        ModelOptions { candidates: if unknown { MODELS.iter().collect() } else { candidates }, unknown }
    }

    /// Whether every candidate says yes.
    fn all(&self, test: impl Fn(&ModelSpec) -> bool) -> bool {
        self.candidates.iter().all(|model| test(model))
    }

    /// The values every candidate lists, in the first one's order.
    fn shared<T: PartialEq + Clone>(&self, list: impl Fn(&'static ModelSpec) -> Vec<T>) -> Vec<T> {
        let mut lists = self.candidates.iter().map(|model| list(model));
        let first = lists.next().unwrap_or_default();
        lists.fold(first, |kept, other| kept.into_iter().filter(|value| other.contains(value)).collect())
    }

    /// The standard sizes to offer, and whether any `WIDTHxHEIGHT` works too.
    pub fn sizes(&self) -> (Vec<String>, bool) {
        let presets = self.shared(|model| model.size_presets().iter().map(ToString::to_string).collect());
        (presets, self.unknown || self.all(|model| model.custom_sizes().is_some()))
    }

    /// The limits of custom sizes, when every candidate has the same ones.
    pub fn custom_limits(&self) -> Option<&'static CustomSizes> {
        let first = self.candidates.first()?.custom_sizes()?;
        (!self.unknown && self.all(|model| model.custom_sizes().is_some_and(|limits| std::ptr::eq(limits, first))))
            .then_some(first)
    }

    /// The qualities to offer.
    pub fn qualities(&self) -> Vec<String> {
        self.shared(|model| model.qualities.iter().map(|quality| quality.as_str().to_owned()).collect())
    }

    /// The output formats to offer: GIF and SVG where every candidate makes them.
    pub fn formats(&self) -> Vec<String> {
        let gif = self.gif().is_some();
        let svg = self.takes(|model| model.svg);
        ImageFormat::KNOWN
            .iter()
            .filter(|format| match **format {
                "gif" => gif,
                "svg" => svg,
                _ => true,
            })
            .map(|format| (*format).to_owned())
            .collect()
    }

    /// The rules of animated GIFs, when every candidate makes them.
    pub fn gif(&self) -> Option<&'static GifRules> {
        let first = self.candidates.first()?.gif?;
        self.all(|model| model.gif.is_some()).then_some(first)
    }

    /// Whether every candidate supports a feature (`Support::No` is the one no).
    pub fn takes(&self, feature: impl Fn(&ModelSpec) -> Support) -> bool {
        self.all(|model| feature(model) != Support::No)
    }

    /// Whether every candidate is documented to support a feature (`Support::Yes` or `Preview`).
    pub fn supports(&self, feature: impl Fn(&ModelSpec) -> Support) -> bool {
        self.all(|model| matches!(feature(model), Support::Yes | Support::Preview))
    }

    /// The most images one request makes, when the name is placed.
    pub fn max_n(&self) -> Option<u32> {
        (!self.unknown).then(|| self.candidates.iter().map(|model| model.max_n).min()).flatten()
    }

    /// Whether the model takes the GPT image models' parameters (an unknown
    /// name is given the benefit of the doubt).
    pub fn gpt_parameters(&self) -> bool {
        self.unknown || self.all(|model| model.gpt_parameters)
    }

    /// Whether `size` is offered: one of the standard sizes, or a `WIDTHxHEIGHT` where those work.
    pub fn offers_size(&self, size: &str) -> bool {
        let (presets, custom) = self.sizes();
        presets.iter().any(|preset| preset == size) || (custom && Size::parse(size).dimensions().is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_model_offers_its_own_options() {
        let flare = ModelOptions::of("gpt-image-2.6-flare");
        assert_eq!(flare.candidates.iter().map(|model| model.id).collect::<Vec<_>>(), ["gpt-image-2.6-flare"]);
        assert!(!flare.sizes().0.contains(&"256x256".to_owned()));
        assert!(flare.sizes().1, "custom sizes");
        assert!(!flare.qualities().iter().any(|quality| quality == "hd" || quality == "standard"));
        assert!(flare.formats().contains(&"gif".to_owned()) && flare.formats().contains(&"svg".to_owned()));
        let two_five = ModelOptions::of("gpt-image-2.5-flare");
        assert!(!two_five.formats().contains(&"gif".to_owned()), "GIF is GPT Image 2.6's");
        assert!(flare.supports(|model| model.complexity) && !two_five.supports(|model| model.complexity));
        assert!(flare.supports(|model| model.markup) && !two_five.supports(|model| model.markup));
    }

    #[test]
    fn a_name_outside_the_catalogue_is_offered_only_what_every_model_shares() {
        let other = ModelOptions::of("flux-pro");
        let (sizes, custom) = other.sizes();
        for never in ["256x256", "1792x1024"] {
            assert!(!sizes.contains(&never.to_owned()), "{never} is not every model's");
        }
        assert!(sizes.contains(&"1024x1024".to_owned()) && custom);
        for never in ["standard", "hd", "low"] {
            assert!(!other.qualities().contains(&never.to_owned()), "{never} is not every model's");
        }
        assert!(other.gif().is_none() && other.custom_limits().is_none() && other.max_n().is_none());
        assert!(other.gpt_parameters(), "the benefit of the doubt");
    }

    #[test]
    fn an_unknown_member_of_a_family_is_offered_what_the_family_shares() {
        let blaze = ModelOptions::of("openai/gpt-image-2.6-blaze");
        assert_eq!(blaze.candidates.len(), 2, "both 2.6 models");
        assert_eq!(blaze.qualities(), ModelOptions::of("gpt-image-2.6-flare").qualities());
        assert!(blaze.gif().is_some() && blaze.custom_limits().is_some());
        assert!(!blaze.sizes().0.contains(&"1792x1024".to_owned()));
    }
}
