//! The two endpoints of the Images API: their paths and the names of their
//! stream events, for clients and servers alike.

/// `POST /images/generations` or `POST /images/edits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `POST /images/generations`: new images from a prompt.
    Generate,
    /// `POST /images/edits`: images changed from input images.
    Edit,
}

impl Endpoint {
    /// Both endpoints.
    pub const ALL: [Endpoint; 2] = [Endpoint::Generate, Endpoint::Edit];

    /// The path below the API's base URL (`https://api.openai.com/v1`).
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::Generate => "/images/generations",
            Endpoint::Edit => "/images/edits",
        }
    }

    /// What its requests are, in words: "generations" or "edits".
    pub fn plural(self) -> &'static str {
        match self {
            Endpoint::Generate => "generations",
            Endpoint::Edit => "edits",
        }
    }

    /// The `event:` (and `type`) of a stream's partial image.
    pub fn partial_image_event(self) -> &'static str {
        match self {
            Endpoint::Generate => "image_generation.partial_image",
            Endpoint::Edit => "image_edit.partial_image",
        }
    }

    /// The `event:` (and `type`) of a stream's final image.
    pub fn completed_event(self) -> &'static str {
        match self {
            Endpoint::Generate => "image_generation.completed",
            Endpoint::Edit => "image_edit.completed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sse::SseEvent;
    use crate::stream_event::StreamItem;

    #[test]
    fn event_names_are_the_ones_the_stream_parser_reads() {
        for endpoint in Endpoint::ALL {
            for name in [endpoint.partial_image_event(), endpoint.completed_event()] {
                let data = serde_json::json!({ "type": name, "b64_json": "", "partial_image_index": 0 }).to_string();
                let item = StreamItem::from_sse::<serde_json::Value>(&SseEvent { data, ..SseEvent::default() });
                let Ok(StreamItem::Event(parsed)) = item else { panic!("{name}: {item:?}") };
                assert_eq!(parsed.is_completed(), name == endpoint.completed_event(), "{name}");
                assert_eq!(parsed.event_type(), name);
                assert_eq!(serde_json::to_value(&parsed).unwrap()["type"], name);
            }
        }
    }
}
