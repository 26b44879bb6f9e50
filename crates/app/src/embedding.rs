//! The generator inside another web app: what the host configures, what it
//! hears back, and the handle it steers the generator with. The custom
//! element (`crates/embed`) and the playground's iframe mode both use it.

use std::rc::Rc;

use gpt_image_wasm::Error;
use gpt_image_wasm::core::{GenerateRequest, Issue, Report};
use web_sys::Blob;

use crate::errors::explain;

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// `light`, `dark`; anything else is `Auto`.
    pub fn parse(text: &str) -> Self {
        match text.trim() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The root's CSS class.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Theme::Auto => "theme-auto",
            Theme::Light => "theme-light",
            Theme::Dark => "theme-dark",
        }
    }
}

/// Settings a host may change at any time (each `None` leaves it as it is).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostOptions {
    /// The API root requests go to.
    pub base_url: Option<String>,
    /// The key; an empty one sends no `Authorization` (a relay adds it).
    pub api_key: Option<String>,
    /// The model in the form.
    pub model: Option<String>,
    /// The size in the form (`1024x1024`, `auto`, or a custom `WxH`).
    pub size: Option<String>,
    /// The quality in the form.
    pub quality: Option<String>,
    /// The prompt in the form.
    pub prompt: Option<String>,
}

impl HostOptions {
    /// What is wrong with the base URL these options give, if they give
    /// one: an error when it is not an absolute `http(s)` URL (it is taken
    /// all the same, so that nothing at all is sent until it is fixed: the
    /// key never goes to a URL that was not meant), a warning when the key
    /// they give would go over plain `http` to another machine.
    pub fn base_url_issue(&self) -> Option<Issue> {
        let base_url = self.base_url.as_deref()?;
        let with_key = self.api_key.as_deref().is_some_and(|key| !key.trim().is_empty());
        crate::settings::base_url_issue(base_url.trim(), with_key)
    }
}

/// Something a host hears about.
pub enum Happening {
    /// A request was sent.
    Started(GenerateRequest),
    /// An image arrived.
    Image {
        /// The image file.
        blob: Blob,
        /// Its MIME type.
        mime_type: String,
        /// The request it was made with (`settings` to the host).
        request: GenerateRequest,
        /// The prompt as the model rewrote it, when known on arrival.
        revised_prompt: Option<String>,
    },
    /// A request failed.
    Failed {
        /// The error's class, as the `openai` package names it (`RateLimitError`).
        class: &'static str,
        /// The HTTP status, when there was an answer.
        status: Option<u16>,
        /// What happened and what to do, for people.
        message: String,
        /// Whether the client had already sent the request again (as often
        /// as `max_retries` allows) before giving up.
        retried: bool,
    },
    /// A request was cancelled.
    Cancelled,
}

impl Happening {
    /// The failure of a request.
    pub(crate) fn failed(error: &Error) -> Self {
        let status = match error {
            Error::Api(failure) => Some(failure.error.status).filter(|status| *status != 0),
            Error::BadResponse { status, .. } => Some(*status),
            _ => None,
        };
        Happening::Failed { class: error.class_name(), status, message: explain(error), retried: error.was_retried() }
    }

    /// A request the form could not send, as it breaks a rule: a `ValidationError`.
    pub(crate) fn not_sent(message: String) -> Self {
        Happening::Failed {
            class: Error::Validation(Report::default()).class_name(),
            status: None,
            message,
            retried: false,
        }
    }

    /// A base URL the host gave that cannot be used: a `ValidationError`
    /// that names `baseURL` and its rule, told at once.
    pub fn bad_base_url(issue: &Issue) -> Self {
        let message = format!("{}: nothing is sent until it is fixed", issue.message);
        let error = Error::Validation(Report { issues: vec![issue.clone()] });
        Happening::Failed { class: error.class_name(), status: None, message, retried: false }
    }

    /// The DOM event name: `generate-start`, `image`, `error` or `cancel`.
    pub fn name(&self) -> &'static str {
        match self {
            Happening::Started(_) => "generate-start",
            Happening::Image { .. } => "image",
            Happening::Failed { .. } => "error",
            Happening::Cancelled => "cancel",
        }
    }
}

/// Who hears about happenings.
pub type Listener = Rc<dyn Fn(Happening)>;

/// How the generator is shown, fixed when it is mounted.
#[derive(Clone)]
pub struct Embedding {
    /// The compact layout: the form above the results, no page header.
    pub compact: bool,
    /// The controls shown besides the prompt (`model`, `size`, `quality`,
    /// `complexity`, `background`, `format` (with the GIF and SVG fields),
    /// `compression`, `moderation`, `n`, `stream`, `fidelity`, `more` (More
    /// parameters and the extra fields)); `None` shows them all.
    pub controls: Option<Vec<String>>,
    /// Whether the edit mode is offered.
    pub edit: bool,
    /// Whether images are kept in the gallery (IndexedDB of the page's origin).
    pub gallery: bool,
    /// Whether the settings panel (endpoints, keys) is shown and stored.
    pub settings: bool,
    /// The colour scheme.
    pub theme: Theme,
    /// Told about each happening.
    pub listener: Option<Listener>,
}

impl Embedding {
    /// The full playground on its own page.
    pub fn playground() -> Self {
        Embedding {
            compact: false,
            controls: None,
            edit: true,
            gallery: true,
            settings: true,
            theme: Theme::Auto,
            listener: None,
        }
    }

    /// Tells the listener, if there is one.
    pub(crate) fn tell(&self, happening: Happening) {
        if let Some(listener) = &self.listener {
            listener(happening);
        }
    }
}

impl Happening {
    /// As a plain object for JavaScript: `{ type, … }`, where `type` is the
    /// DOM event name and the rest is the event's detail.
    pub fn to_js(&self) -> wasm_bindgen::JsValue {
        use wasm_bindgen::JsValue;
        let object = js_sys::Object::new();
        let put = |target: &js_sys::Object, key: &str, value: &JsValue| {
            drop(js_sys::Reflect::set(target, &key.into(), value))
        };
        let set = |key: &str, value: &JsValue| put(&object, key, value);
        let settings = |request: &GenerateRequest| crate::js_json::to_js(request).unwrap_or(JsValue::NULL);
        set("type", &self.name().into());
        match self {
            Happening::Started(request) => set("settings", &settings(request)),
            Happening::Image { blob, mime_type, request, revised_prompt } => {
                set("blob", blob);
                set("mimeType", &mime_type.into());
                set("settings", &settings(request));
                set("revisedPrompt", &revised_prompt.as_deref().map_or(JsValue::NULL, JsValue::from));
            }
            Happening::Failed { class, status, message, retried } => {
                let error = js_sys::Object::new();
                put(&error, "name", &(*class).into());
                put(&error, "status", &status.map_or(JsValue::NULL, JsValue::from));
                put(&error, "message", &message.into());
                put(&error, "retried", &(*retried).into());
                set("error", &error);
            }
            Happening::Cancelled => {}
        }
        object.into()
    }
}

/// Reads a host's options from a JavaScript object (`baseURL`, `apiKey`,
/// `model`, `size`, `quality`, `prompt`; other keys are ignored). A base
/// URL with a problem (see [`HostOptions::base_url_issue`]) is named on the
/// console at once, as the custom element's `base-url` attribute has no
/// other place to say it; every request then fails with that
/// `ValidationError` (an `error` event) and nothing is sent.
pub fn options_from_js(value: &wasm_bindgen::JsValue) -> HostOptions {
    let text = |key: &str| js_sys::Reflect::get(value, &key.into()).ok().and_then(|value| value.as_string());
    let options = HostOptions {
        base_url: text("baseURL"),
        api_key: text("apiKey"),
        model: text("model"),
        size: text("size"),
        quality: text("quality"),
        prompt: text("prompt"),
    };
    if let Some(issue) = options.base_url_issue() {
        let said = format!("gpt-image generator: base-url (baseURL): {}", issue.message);
        if issue.is_error() {
            leptos::logging::error!("{said}: nothing is sent until it is fixed");
        } else {
            leptos::logging::warn!("{said}");
        }
    }
    options
}
