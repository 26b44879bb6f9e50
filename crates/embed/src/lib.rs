//! `<gpt-image-generator>`: the playground's generator as a custom element.
//! `js/embed.js` defines the element (shadow root, attributes, DOM events);
//! this crate mounts the generator into it and steers it.

use std::any::Any;
use std::rc::Rc;

use gpt_image_app::Generator;
use gpt_image_app::embedding::{Embedding, Theme, options_from_js};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// A generator mounted in an element's shadow root.
#[wasm_bindgen]
pub struct EmbeddedGenerator {
    generator: Generator,
    /// Unmounts the generator when dropped (`free()` from JavaScript).
    _mounted: Box<dyn Any>,
}

/// `config[key]` as text.
fn text(config: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(config, &key.into()).ok().and_then(|value| value.as_string())
}

#[wasm_bindgen]
impl EmbeddedGenerator {
    /// Mounts a generator into `root`. `config` holds the element's
    /// attributes (`controls`, `theme`, `gallery`, `edit`) and options
    /// (`baseURL`, `apiKey`, `model`, `size`, `quality`); `listener` is
    /// called with `{type, …}` for each happening.
    #[wasm_bindgen(constructor)]
    pub fn new(root: HtmlElement, config: JsValue, listener: js_sys::Function) -> EmbeddedGenerator {
        let flag = |key: &str| text(&config, key).is_some_and(|value| value != "false" && value != "0");
        let controls = text(&config, "controls")
            .map(|list| list.split([',', ' ']).filter(|item| !item.is_empty()).map(str::to_owned).collect());
        let embedding = Embedding {
            compact: true,
            controls,
            edit: flag("edit"),
            gallery: flag("gallery"),
            settings: false,
            theme: Theme::parse(&text(&config, "theme").unwrap_or_default()),
            listener: Some(Rc::new(move |happening| drop(listener.call1(&JsValue::NULL, &happening.to_js())))),
        };
        let (generator, mounted) = gpt_image_app::mount_generator(root, embedding);
        generator.configure(options_from_js(&config));
        EmbeddedGenerator { generator, _mounted: Box::new(mounted) }
    }

    /// Changes options (`baseURL`, `apiKey`, `model`, `size`, `quality`, `prompt`).
    pub fn configure(&self, options: JsValue) {
        self.generator.configure(options_from_js(&options));
    }

    /// Applies `options` (as [`EmbeddedGenerator::configure`]), then generates.
    pub fn generate(&self, options: JsValue) {
        self.generator.configure(options_from_js(&options));
        self.generator.generate();
    }
}
