//! The page: settings, the form, the requests of this session, and the gallery.

use std::time::Duration;

use leptos::prelude::*;
use web_sys::Blob;

use crate::form::{Form, Mode, RequestForm};
use crate::gallery::{Gallery, GalleryView, Handlers};
use crate::run::{Job, Run, RunView};
use crate::settings::{Settings, SettingsPanel};
use crate::store::Entry;

/// The playground.
#[component]
pub fn App() -> impl IntoView {
    let settings = Settings::load();
    let client = Signal::derive_local(move || settings.client());
    let form = Form::new();
    let gallery = Gallery::new();
    let runs = RwSignal::new(Vec::<Run>::new());
    let next_id = StoredValue::new(1_u64);
    let (now, set_now) = signal(js_sys::Date::now());
    let _ = set_interval_with_handle(move || set_now.set(js_sys::Date::now()), Duration::from_millis(100));

    let on_job = Callback::new(move |job: Job| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        let run = Run::new(id, job, gallery);
        runs.update(|runs| runs.insert(0, run));
        run.start(client.get_untracked());
    });
    let handlers = Handlers {
        reuse: Callback::new(move |entry: Entry| form.load(&entry)),
        edit: Callback::new(move |image: Blob| {
            form.mode.set(Mode::Edit);
            form.inputs.add(image, None);
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }),
    };
    let total_tokens = move || runs.get().iter().filter_map(|run| run.tokens.get()).sum::<u64>();
    // `0.0 +`: an empty sum of floats is -0.0, shown as "-0.000".
    let total_cost = move || 0.0 + runs.get().iter().filter_map(|run| run.cost.get()).sum::<f64>();

    view! {
        <header class="top">
            <h1>"gpt-image playground"</h1>
            <p class="totals" aria-live="polite">
                {move || format!("This session: {} tokens · ≈ ${:.3}", total_tokens(), total_cost())}
            </p>
            <SettingsPanel settings />
        </header>
        <main>
            <RequestForm form on_job />
            <div class="results">
                <section class="runs" aria-label="Requests">
                    <For each=move || runs.get() key=|run| run.id children=move |run| view! { <RunView run now client handlers /> } />
                </section>
                <GalleryView gallery handlers />
            </div>
        </main>
    }
}
