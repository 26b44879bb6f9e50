//! The playground in an iframe: `?embed` gives a compact generator that
//! talks to the page around it with `postMessage`, and only with the
//! origins the embedder lists (`origins=https://a.example,https://b.example`).
//!
//! It posts `{type: "ready"}`, then `generate-start`, `image` (with the
//! `Blob`), `error` and `cancel` as they happen. It accepts
//! `{type: "configure", baseURL, apiKey, model, size, quality, prompt}` and
//! `{type: "generate", prompt}`; messages from other origins are ignored.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{MessageEvent, UrlSearchParams};

use crate::embedding::{Embedding, Happening, Theme, options_from_js};
use crate::i18n::words;

/// The iframe mode's settings, from the page's URL.
pub struct Frame {
    embedding: Embedding,
    origins: Rc<Vec<String>>,
}

/// Posts `message` to the parent page, for each allowed origin (the browser
/// delivers it only if the parent has that origin).
fn post(origins: &[String], message: &JsValue) {
    let Ok(Some(parent)) = window().parent() else { return };
    for origin in origins {
        let _ = parent.post_message(message, origin);
    }
}

impl Frame {
    /// The iframe mode, when the URL has `embed`.
    pub fn from_location() -> Option<Frame> {
        let params = UrlSearchParams::new_with_str(&window().location().search().ok()?).ok()?;
        if !params.has("embed") {
            return None;
        }
        let list = |key: &str| -> Option<Vec<String>> {
            let text = params.get(key)?;
            Some(text.split([',', ' ']).map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect())
        };
        let flag = |key: &str| params.get(key).is_some_and(|value| value != "0" && value != "false");
        let origins = Rc::new(list("origins").unwrap_or_default());
        let posted = origins.clone();
        let embedding = Embedding {
            compact: true,
            controls: list("controls"),
            edit: flag("edit"),
            gallery: flag("gallery"),
            settings: false,
            theme: Theme::parse(&params.get("theme").unwrap_or_default()),
            listener: Some(Rc::new(move |happening| post(&posted, &happening.to_js()))),
        };
        Some(Frame { embedding, origins })
    }

    /// Mounts the generator and starts listening to the allowed origins.
    pub fn mount(self) {
        let Frame { embedding, origins } = self;
        let base_url = format!("{}/v1", window().location().origin().unwrap_or_default());
        let (generator, mounted) = crate::mount_generator(document().body().expect("a page has a body"), embedding);
        generator.configure(crate::embedding::HostOptions { base_url: Some(base_url), ..Default::default() });
        mounted.forget();
        let allowed = origins.clone();
        let listener = window_event_listener(leptos::ev::message, move |event: MessageEvent| {
            if !allowed.iter().any(|origin| *origin == event.origin()) {
                return;
            }
            let data = event.data();
            let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|kind| kind.as_string());
            let generate = match kind.as_deref() {
                Some("configure") => false,
                Some("generate") => true,
                _ => return,
            };
            let options = options_from_js(&data);
            // A base URL that cannot be used is named to the host at once (and
            // taken all the same: nothing is sent until it is fixed).
            if let Some(issue) = options.base_url_issue().filter(|issue| issue.is_error()) {
                post(&allowed, &Happening::bad_base_url(&issue).to_js());
            }
            generator.configure(options);
            if generate {
                generator.generate();
            }
        });
        std::mem::forget(listener);
        let ready = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&ready, &"type".into(), &"ready".into());
        post(&origins, &ready);
    }
}

/// Whether this page is inside another page's frame.
pub fn framed() -> bool {
    window().top().ok().flatten().is_some_and(|top| top != window())
}

/// What the full playground shows inside another page's frame.
#[component]
pub fn OwnTab() -> impl IntoView {
    let href = window().location().href().unwrap_or_default();
    view! {
        <main class="gpt-image own-tab">
            <p>{move || words().own_tab}</p>
            <a href=href target="_blank" rel="noopener">{move || words().open_playground}</a>
        </main>
    }
}
