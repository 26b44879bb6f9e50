//! The page: settings, the form, the requests of this session, and the
//! gallery, laid out for the playground or for an embedding.

use std::time::Duration;

use leptos::prelude::*;
use web_sys::Blob;

use crate::actions::Handlers;
use crate::conversation::{ConversationView, Conversations};
use crate::embedding::{Embedding, Happening, HostOptions};
use crate::form::{Form, Mode, RequestForm, Shown};
use crate::gallery::{Gallery, GalleryView};
use crate::i18n::{LanguageSwitch, format, words};
use crate::run::{Job, Run, RunView, Status};
use crate::settings::{Providers, SettingsPanel};
use crate::store::Entry;
use crate::thread::ThreadLinks;

/// The handle a host steers a mounted generator with.
#[derive(Clone, Copy)]
pub struct Generator {
    providers: Providers,
    form: Form,
    on_job: Callback<Job>,
    failure: RwSignal<Option<String>>,
    embedding: StoredValue<Embedding, LocalStorage>,
}

impl Generator {
    /// Applies a host's options; the form's validation runs on them as on typing.
    pub fn configure(&self, options: HostOptions) {
        self.providers.point(options.base_url, options.api_key);
        let set = |signal: RwSignal<String>, value: Option<String>| {
            if let Some(value) = value {
                signal.set(value);
            }
        };
        if let Some(model) = options.model {
            self.form.set_model(&model);
            self.form.fit_to_model();
        }
        set(self.form.prompt, options.prompt);
        set(self.form.value("quality"), options.quality);
        if let Some(size) = options.size {
            self.form.set_size(&size);
        }
    }

    /// Sends what the form describes, as the Generate button does; a request
    /// that cannot be sent is reported as a `ValidationError`.
    pub fn generate(&self) {
        self.form.mode.set(Mode::Generate);
        if let Err(message) = self.form.send(self.on_job, self.failure) {
            let happening = Happening::not_sent(message);
            self.embedding.with_value(|embedding| embedding.tell(happening));
        }
    }
}

/// Where a mounted generator hands its host the [`Generator`].
pub type HandleOut = std::rc::Rc<dyn Fn(Generator)>;

/// The generator. `out` receives its handle, for the host.
#[component]
pub fn App(embedding: Embedding, #[prop(default = None)] out: Option<HandleOut>) -> impl IntoView {
    let providers = if embedding.settings { Providers::load() } else { Providers::ephemeral(String::new()) };
    let client = Signal::derive_local(move || providers.client());
    let form = Form::new();
    providers.follow_stream(form.value("stream"));
    providers.follow_model(form.value("model"));
    let gallery = embedding.gallery.then(Gallery::new);
    // Conversations live beside the gallery, in its database: the playground's.
    let conversations = gallery
        .filter(|_| embedding.settings && !embedding.compact)
        .map(|gallery| Conversations::new(gallery, providers, form, client));
    let talking = move || conversations.is_some() && form.mode.get() == Mode::Conversation;
    let runs = RwSignal::new(Vec::<Run>::new());
    let next_id = StoredValue::new(1_u64);
    let failure = RwSignal::new(None::<String>);
    let (now, set_now) = signal(js_sys::Date::now());
    let ticker = set_interval_with_handle(move || set_now.set(js_sys::Date::now()), Duration::from_millis(100));
    on_cleanup(move || ticker.map(|ticker| ticker.clear()).unwrap_or_default());
    provide_context(Shown(embedding.controls.clone()));
    // What the runs taken off the screen spent: it was spent all the same.
    let dismissed = RwSignal::new((0_u64, 0.0_f64));

    let listener = StoredValue::new_local(embedding.listener.clone());
    let on_job = Callback::new(move |job: Job| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        let run = Run::new(id, job, gallery, listener.get_value());
        runs.update(|runs| runs.insert(0, run));
        run.start(client.get_untracked());
    });
    provide_context(Handlers {
        reuse: Callback::new(move |entry: Entry| form.load(&entry)),
        edit: Callback::new(move |image: Blob| {
            form.mode.set(Mode::Edit);
            form.inputs.add(image, None);
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }),
        view: gallery.map(|gallery| {
            Callback::new(move |(id, paging): (u32, Vec<u32>)| {
                gallery.paging.set(paging);
                gallery.opened.set(Some(id));
            })
        }),
    });
    if let Some(conversations) = conversations {
        provide_context(ThreadLinks {
            title: Callback::new(move |id: String| conversations.title(&id)),
            open: Callback::new(move |id: String| {
                form.mode.set(Mode::Conversation);
                conversations.open.set(Some(id));
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }),
            imported: Callback::new(move |()| conversations.reload()),
        });
    }
    if let Some(out) = out {
        let embedding = StoredValue::new_local(embedding.clone());
        out(Generator { providers, form, on_job, failure, embedding });
    }
    if !embedding.compact {
        // A request still running is paid for but not here yet, and an image
        // being stored is not safe yet: ask before the tab closes or reloads.
        let busy = move || {
            runs.with_untracked(|runs| {
                runs.iter().any(|run| run.status.with_untracked(|status| *status == Status::Running))
            }) || gallery.is_some_and(|gallery| gallery.storing.get_untracked() > 0)
                || conversations.is_some_and(|conversations| {
                    conversations.live.with_untracked(|live| {
                        live.values().any(|turn| turn.status.with_untracked(|status| *status == Status::Running))
                    })
                })
        };
        let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if busy() {
                ev.prevent_default();
            }
        });
        on_cleanup(move || leaving.remove());
    }
    let total_tokens = move || dismissed.get().0 + runs.get().iter().filter_map(|run| run.tokens.get()).sum::<u64>();
    // `0.0 +`: an empty sum of floats is -0.0, shown as "-0.000".
    let total_cost = move || dismissed.get().1 + 0.0 + runs.get().iter().filter_map(|run| run.cost.get()).sum::<f64>();
    let dismiss = move |run: Run| {
        run.release();
        let spent = (run.tokens.get_untracked().unwrap_or(0), run.cost.get_untracked().unwrap_or(0.0));
        dismissed.update(|(tokens, cost)| (*tokens, *cost) = (*tokens + spent.0, *cost + spent.1));
        runs.update(|runs| runs.retain(|other| other.id != run.id));
    };
    let class = format!("gpt-image {}{}", embedding.theme.class(), if embedding.compact { " compact" } else { "" });
    let compact = embedding.compact;

    view! {
        <div class=class>
            <header class="top" hidden=embedding.compact && !embedding.settings>
                <h1 hidden=embedding.compact>{move || words().page_title}</h1>
                <p class="totals" aria-live="polite" hidden=embedding.compact>
                    {move || (words().session_totals)(&format::count(total_tokens()), &format::usd(total_cost()))}
                </p>
                <LanguageSwitch />
                {embedding.settings.then(|| view! { <SettingsPanel providers /> })}
            </header>
            <main class:talking=talking>
                <RequestForm form on_job edit=embedding.edit conversation=conversations.is_some() failure />
                <div class="results">
                    {conversations.map(|conversations| view! {
                        <Show when=talking>
                            <ConversationView conversations />
                        </Show>
                    })}
                    <section class="runs" aria-label=move || words().requests hidden=move || talking() || runs.with(Vec::is_empty)>
                        <For
                            each=move || runs.get()
                            key=|run| run.id
                            children=move |run| {
                                let on_dismiss = Callback::new(move |()| dismiss(run));
                                view! { <RunView run now client on_dismiss reveal=!compact /> }
                            }
                        />
                    </section>
                    {gallery.map(|gallery| view! { <GalleryView gallery /> })}
                </div>
            </main>
        </div>
    }
}
