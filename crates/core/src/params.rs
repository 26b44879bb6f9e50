//! The string-valued parameters of the Images API.

use crate::wire_enum::wire_enum;

wire_enum! {
    /// The model that makes the image. Open: any other name is kept as
    /// [`Model::Other`] and treated by its family (see [`Model::family`]).
    pub enum Model {
        /// `gpt-image-2`: custom sizes, up to 3840 pixels on the longest edge.
        GptImage2 = "gpt-image-2",
        /// The dated snapshot of `gpt-image-2`.
        GptImage2_2026_04_21 = "gpt-image-2-2026-04-21",
        /// `gpt-image-1.5`, the API's default for edits.
        GptImage1_5 = "gpt-image-1.5",
        /// `gpt-image-1`.
        GptImage1 = "gpt-image-1",
        /// `gpt-image-1-mini`: no `input_fidelity`.
        GptImage1Mini = "gpt-image-1-mini",
        /// `chatgpt-image-latest`: follows the GPT image models' rules.
        ChatgptImageLatest = "chatgpt-image-latest",
        /// `dall-e-2`: the API's default for generations when no GPT-only
        /// parameter is given.
        DallE2 = "dall-e-2",
        /// `dall-e-3`: one image per request.
        DallE3 = "dall-e-3",
    }
}

/// Which set of rules a model follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelFamily {
    /// `gpt-image-2` and its snapshots: arbitrary `WIDTHxHEIGHT` sizes.
    GptImage2,
    /// The other GPT image models: three standard sizes and `auto`.
    GptImage,
    /// `dall-e-2`.
    DallE2,
    /// `dall-e-3`.
    DallE3,
    /// A model this crate does not know: only the rules every model shares apply.
    Unknown,
}

impl Model {
    /// The family whose rules this model follows.
    ///
    /// Unknown names are matched by prefix after any `provider/` part, so
    /// `openai/gpt-image-2` or a future `gpt-image-2-2027-01-01` snapshot
    /// follow `gpt-image-2`'s rules.
    pub fn family(&self) -> ModelFamily {
        match self {
            Self::GptImage2 | Self::GptImage2_2026_04_21 => ModelFamily::GptImage2,
            Self::GptImage1_5 | Self::GptImage1 | Self::GptImage1Mini | Self::ChatgptImageLatest => {
                ModelFamily::GptImage
            }
            Self::DallE2 => ModelFamily::DallE2,
            Self::DallE3 => ModelFamily::DallE3,
            Self::Other(name) => {
                let name = name.rsplit('/').next().unwrap_or(name);
                match Model::from(name) {
                    Self::Other(_) if name.starts_with("gpt-image-2-") => ModelFamily::GptImage2,
                    Self::Other(_) if name.starts_with("gpt-image-") || name.starts_with("chatgpt-image-") => {
                        ModelFamily::GptImage
                    }
                    Self::Other(_) => ModelFamily::Unknown,
                    known => known.family(),
                }
            }
        }
    }

    /// Whether this is one of the GPT image models (either GPT family).
    pub fn is_gpt_image(&self) -> bool {
        matches!(self.family(), ModelFamily::GptImage | ModelFamily::GptImage2)
    }
}

wire_enum! {
    /// How much effort goes into the image.
    pub enum Quality {
        /// The model picks (the default).
        Auto = "auto",
        /// GPT image models: fastest and cheapest.
        Low = "low",
        /// GPT image models.
        Medium = "medium",
        /// GPT image models: slowest and most detailed.
        High = "high",
        /// `dall-e-2` and `dall-e-3`.
        Standard = "standard",
        /// `dall-e-3` only.
        Hd = "hd",
    }
}

wire_enum! {
    /// The background of the image (GPT image models only).
    pub enum Background {
        /// The model picks (the default).
        Auto = "auto",
        /// A transparent background: needs `png` or `webp` output.
        Transparent = "transparent",
        /// An opaque background.
        Opaque = "opaque",
    }
}

wire_enum! {
    /// How strictly content is filtered (GPT image models only).
    pub enum Moderation {
        /// Standard filtering (the default).
        Auto = "auto",
        /// Less restrictive filtering.
        Low = "low",
    }
}

wire_enum! {
    /// An image file format: the `output_format` of a request, and what an
    /// uploaded file or returned image turns out to be.
    pub enum ImageFormat {
        /// PNG (the default output format).
        Png = "png",
        /// JPEG: no transparency.
        Jpeg = "jpeg",
        /// WebP.
        Webp = "webp",
    }
}

wire_enum! {
    /// How images come back: inline base64, or a link.
    pub enum ResponseFormat {
        /// A link to the image; OpenAI's links expire after 60 minutes.
        Url = "url",
        /// The image bytes, base64-encoded (what GPT image models return).
        B64Json = "b64_json",
    }
}

wire_enum! {
    /// The look of a `dall-e-3` image.
    pub enum Style {
        /// Hyper-real and dramatic (the default).
        Vivid = "vivid",
        /// More natural.
        Natural = "natural",
    }
}

wire_enum! {
    /// How closely an edit keeps the style and features of its input images.
    pub enum InputFidelity {
        /// Closer to the input (more input tokens).
        High = "high",
        /// The default.
        Low = "low",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_round_trip_through_their_wire_names() {
        for name in Model::KNOWN {
            let model: Model = serde_json::from_value(serde_json::json!(name)).unwrap();
            assert!(model.is_known(), "{name}");
            assert_eq!(serde_json::to_value(&model).unwrap(), serde_json::json!(name));
        }
    }

    #[test]
    fn unknown_values_are_kept_as_sent() {
        let model: Model = serde_json::from_str("\"flux-pro\"").unwrap();
        assert_eq!(model, Model::Other("flux-pro".into()));
        assert_eq!(serde_json::to_string(&model).unwrap(), "\"flux-pro\"");
        assert_eq!(Quality::from("ultra").as_str(), "ultra");
    }

    #[test]
    fn families_follow_prefixes_of_unknown_names() {
        assert_eq!(Model::GptImage2.family(), ModelFamily::GptImage2);
        assert_eq!(Model::from("openai/gpt-image-2").family(), ModelFamily::GptImage2);
        assert_eq!(Model::from("gpt-image-2-2027-01-01").family(), ModelFamily::GptImage2);
        assert_eq!(Model::from("gpt-image-1.6").family(), ModelFamily::GptImage);
        assert_eq!(Model::from("azure/dall-e-3").family(), ModelFamily::DallE3);
        assert_eq!(Model::from("flux-pro").family(), ModelFamily::Unknown);
        assert!(!Model::DallE2.is_gpt_image());
    }
}
