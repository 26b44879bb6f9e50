//! The page's first paint. `web/index.html` draws the playground's frame
//! and a prompt box that takes typing while the wasm is on its way (the
//! element `#shell`, laid out by the same style sheet as the app). The app
//! then takes its place in one step: what was typed, the caret, the focus
//! and the scroll position are kept, and since the app is laid out exactly
//! as the shell was, nothing moves.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlTextAreaElement};

/// The prompt box, in the shell and in the app alike (the page has other
/// text areas: the settings dialog's, the conversation's).
const PROMPT_BOX: &str = "label.prompt textarea";

/// The page's first paint, while it is there.
pub struct Shell {
    root: Element,
    prompt: Option<HtmlTextAreaElement>,
}

impl Shell {
    /// The shell of the page, if it has one.
    pub fn find() -> Option<Shell> {
        let root = document().get_element_by_id("shell")?;
        let prompt = root.query_selector(PROMPT_BOX).ok().flatten().and_then(|element| element.dyn_into().ok());
        Some(Shell { root, prompt })
    }

    /// Takes the shell away (for the other kinds of page: the iframe mode).
    pub fn remove(self) {
        self.root.remove();
    }

    /// Puts what `mount` mounts into a new element in the shell's place,
    /// with what was typed into the shell's prompt box (when anything was)
    /// and the caret and focus, if it had them.
    pub fn hand_over(self, mount: impl FnOnce(HtmlElement)) {
        let Ok(container) = document().create_element("div") else { return self.remove() };
        mount(container.clone().unchecked_into());
        let Some(app) = container.first_element_child() else { return self.remove() };
        let (x, y) = (window().scroll_x().unwrap_or(0.0), window().scroll_y().unwrap_or(0.0));
        let focused = self.prompt.as_ref().is_some_and(|prompt| document().active_element().as_ref() == Some(prompt));
        // The app's other nodes (none today) go in after its root.
        let _ = self.root.replace_with_with_node_1(&app);
        while let Some(node) = container.first_child() {
            let _ = app.after_with_node_1(&node);
        }
        let (Some(shell), Some(prompt)) = (
            self.prompt,
            app.query_selector(PROMPT_BOX)
                .ok()
                .flatten()
                .and_then(|element| element.dyn_into::<HtmlTextAreaElement>().ok()),
        ) else {
            return;
        };
        let typed = shell.value();
        if typed != shell.default_value().unwrap_or_default() {
            prompt.set_value(&typed);
            // As typing does: the app's binding takes the text from this event.
            let init = EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
                let _ = prompt.dispatch_event(&event);
            }
        }
        // A prompt box made taller by its handle stays so.
        let height = HtmlElement::style(&shell).get_property_value("height").unwrap_or_default();
        if !height.is_empty() {
            let _ = HtmlElement::style(&prompt).set_property("height", &height);
        }
        let scroll_top = shell.scroll_top();
        let selection = match (shell.selection_start(), shell.selection_end(), shell.selection_direction()) {
            (Ok(Some(start)), Ok(Some(end)), Ok(direction)) => Some((start, end, direction.unwrap_or_default())),
            _ => None,
        };
        let restore = move || {
            if let (true, Some((start, end, direction))) = (focused, &selection) {
                let _ = prompt.focus();
                let _ = prompt.set_selection_range_with_direction(*start, *end, direction);
            }
            prompt.set_scroll_top(scroll_top);
        };
        restore();
        window().scroll_to_with_x_and_y(x, y);
        // The app's binding writes the value back once its effects run,
        // which puts the caret at the end: put it back after them.
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            restore();
        });
    }
}
