//! The string-valued parameters of the Images API with a known set of
//! values (the model, which is any name, is [`crate::model`]).

use crate::wire_enum::wire_enum;

wire_enum! {
    /// How much effort goes into the image.
    pub enum Quality {
        /// The model picks (the default).
        Auto = "auto",
        /// GPT image models: fastest and cheapest.
        Low = "low",
        /// GPT image models.
        Medium = "medium",
        /// GPT image models.
        High = "high",
        /// GPT Image 2.5: more effort than `high`.
        Xhigh = "xhigh",
        /// GPT Image 2.5: the most effort.
        Max = "max",
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
        /// An animated GIF (GPT Image 2.6): `frame_count` frames of
        /// `frame_duration_ms` each; transparency is 1-bit.
        Gif = "gif",
        /// An SVG document (GPT Image 2.6), written by the text model named in
        /// `svg.model`. It can hold scripts: show it only as an image.
        Svg = "svg",
    }
}

wire_enum! {
    /// How much the model plans the picture before drawing it (GPT Image 2.6).
    pub enum Complexity {
        /// The least planning: the fastest.
        Low = "low",
        /// Some planning.
        Medium = "medium",
        /// The most planning (the default).
        High = "high",
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
        for name in Quality::KNOWN {
            let quality: Quality = serde_json::from_value(serde_json::json!(name)).unwrap();
            assert!(quality.is_known(), "{name}");
            assert_eq!(serde_json::to_value(&quality).unwrap(), serde_json::json!(name));
        }
    }

    #[test]
    fn unknown_values_are_kept_as_sent() {
        let model: crate::Model = serde_json::from_str("\"flux-pro\"").unwrap();
        assert_eq!(model.as_str(), "flux-pro");
        assert!(!model.is_known());
        assert_eq!(serde_json::to_string(&model).unwrap(), "\"flux-pro\"");
        assert_eq!(Quality::from("ultra").as_str(), "ultra");
        assert!(crate::Model::from("openai/gpt-image-2.5-flare").is_known());
    }
}
