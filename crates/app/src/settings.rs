//! Where requests go: named endpoints (base URL and key), the timeout and
//! the retries. Kept in `localStorage`, except API keys: a key lives in this
//! tab's memory unless its endpoint says to remember it, an explicit choice
//! with a plain warning. Keys are never put in a URL, logged or exported.

use gpt_image_wasm::{Client, ClientOptions, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The longest timeout the panel accepts: an hour per attempt.
const MAX_TIMEOUT_SECONDS: u32 = 3600;

/// The most retries the panel accepts.
const MAX_RETRIES: u32 = 10;

/// The `localStorage` key of the settings.
const STORAGE_KEY: &str = "gpt-image-playground.settings";

/// One provider.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    /// A name to pick it by.
    pub name: String,
    /// The API root, such as `https://api.openai.com/v1`.
    pub base_url: String,
    /// Empty: no `Authorization` header (the server or a relay adds the key).
    #[serde(default)]
    pub api_key: String,
    /// Whether the key is written to `localStorage` too.
    #[serde(default)]
    pub remember_key: bool,
}

/// What is stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Saved {
    endpoints: Vec<Endpoint>,
    current: usize,
    timeout_seconds: u32,
    max_retries: u32,
}

/// The API root of the server the page came from.
fn same_origin_api() -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/v1")
}

/// The playground's own server, as the first endpoint.
fn this_server() -> Endpoint {
    Endpoint { name: "This server".into(), base_url: same_origin_api(), api_key: String::new(), remember_key: false }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The settings, one signal per control.
#[derive(Clone, Copy)]
pub struct Settings {
    endpoints: RwSignal<Vec<Endpoint>>,
    current: RwSignal<usize>,
    timeout_seconds: RwSignal<u32>,
    max_retries: RwSignal<u32>,
}

impl Settings {
    /// The stored settings, or one endpoint: the server the page came from.
    pub fn load() -> Self {
        let saved = local_storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str::<Saved>(&text).ok())
            .filter(|saved| !saved.endpoints.is_empty());
        let saved = saved.unwrap_or_else(|| Saved {
            endpoints: vec![this_server()],
            current: 0,
            timeout_seconds: (DEFAULT_TIMEOUT_MS / 1000.0) as u32,
            max_retries: DEFAULT_MAX_RETRIES,
        });
        let settings = Settings {
            current: RwSignal::new(saved.current.min(saved.endpoints.len() - 1)),
            endpoints: RwSignal::new(saved.endpoints),
            timeout_seconds: RwSignal::new(saved.timeout_seconds.clamp(1, MAX_TIMEOUT_SECONDS)),
            max_retries: RwSignal::new(saved.max_retries.min(MAX_RETRIES)),
        };
        Effect::new(move |_| settings.save());
        settings
    }

    /// Settings for an embedded generator: one endpoint, nothing stored.
    pub fn ephemeral(base_url: String) -> Self {
        Settings {
            endpoints: RwSignal::new(vec![Endpoint { base_url, ..this_server() }]),
            current: RwSignal::new(0),
            timeout_seconds: RwSignal::new((DEFAULT_TIMEOUT_MS / 1000.0) as u32),
            max_retries: RwSignal::new(DEFAULT_MAX_RETRIES),
        }
    }

    /// Points the endpoint in use elsewhere, or changes its key.
    pub fn point(&self, base_url: Option<String>, api_key: Option<String>) {
        self.edit(|endpoint| {
            if let Some(base_url) = base_url {
                endpoint.base_url = base_url;
            }
            if let Some(api_key) = api_key {
                endpoint.api_key = api_key;
            }
        });
    }

    fn save(&self) {
        let endpoints = self.endpoints.get().into_iter().map(|endpoint| Endpoint {
            api_key: if endpoint.remember_key { endpoint.api_key.clone() } else { String::new() },
            ..endpoint
        });
        let saved = Saved {
            endpoints: endpoints.collect(),
            current: self.current.get(),
            timeout_seconds: self.timeout_seconds.get(),
            max_retries: self.max_retries.get(),
        };
        if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&saved)) {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    }

    /// The endpoint in use.
    pub fn endpoint(&self) -> Endpoint {
        self.endpoints.with(|endpoints| endpoints.get(self.current.get()).cloned().unwrap_or_else(this_server))
    }

    fn edit(&self, change: impl FnOnce(&mut Endpoint)) {
        let current = self.current.get_untracked();
        self.endpoints.update(|endpoints| {
            if let Some(endpoint) = endpoints.get_mut(current) {
                change(endpoint);
            }
        });
    }

    /// A client for the endpoint in use, with the timeout and retries.
    pub fn client(&self) -> Client {
        let endpoint = self.endpoint();
        let key = Some(endpoint.api_key.trim().to_owned()).filter(|key| !key.is_empty());
        let mut options = ClientOptions::new(endpoint.base_url.trim().to_owned(), key);
        options.timeout_ms = f64::from(self.timeout_seconds.get().max(1)) * 1000.0;
        options.max_retries = self.max_retries.get();
        Client::new(options)
    }
}

/// The settings panel.
#[component]
pub fn SettingsPanel(settings: Settings) -> impl IntoView {
    let field = move |read: fn(&Endpoint) -> String| move || read(&settings.endpoint());
    let add = move |_| {
        settings.endpoints.update(|endpoints| {
            endpoints.push(Endpoint {
                name: format!("Endpoint {}", endpoints.len() + 1),
                base_url: gpt_image_wasm::DEFAULT_BASE_URL.into(),
                api_key: String::new(),
                remember_key: false,
            })
        });
        settings.current.set(settings.endpoints.with_untracked(Vec::len) - 1);
    };
    let remove = move |_| {
        let current = settings.current.get_untracked();
        settings.endpoints.update(|endpoints| {
            if endpoints.len() > 1 {
                endpoints.remove(current);
            }
        });
        settings.current.set(current.saturating_sub(1));
    };
    view! {
        <details class="settings">
            <summary>"Settings"</summary>
            <form on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="endpoint">"Endpoint"</label>
                    <select id="endpoint" on:change=move |ev| settings.current.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || settings.endpoints.get().into_iter().enumerate().map(|(index, endpoint)| view! {
                            <option value=index.to_string() selected=move || settings.current.get() == index>{endpoint.name}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="endpoint-actions">
                    <button type="button" class="secondary" on:click=add>"Add endpoint"</button>
                    <button type="button" class="secondary" on:click=remove disabled=move || settings.endpoints.with(Vec::len) < 2>
                        "Remove endpoint"
                    </button>
                </div>
                <label>
                    <span>"Name"</span>
                    <input prop:value=field(|endpoint| endpoint.name.clone()) on:input=move |ev| settings.edit(|endpoint| endpoint.name = event_target_value(&ev)) />
                </label>
                <label>
                    <span>"Base URL"</span>
                    <input type="url" prop:value=field(|endpoint| endpoint.base_url.clone()) on:input=move |ev| settings.edit(|endpoint| endpoint.base_url = event_target_value(&ev)) />
                </label>
                <label>
                    <span>"API key"</span>
                    <input
                        type="password"
                        autocomplete="off"
                        placeholder="none: the server adds it"
                        prop:value=field(|endpoint| endpoint.api_key.clone())
                        on:input=move |ev| settings.edit(|endpoint| endpoint.api_key = event_target_value(&ev))
                    />
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || settings.endpoint().remember_key
                        on:change=move |ev| settings.edit(|endpoint| endpoint.remember_key = event_target_checked(&ev))
                    />
                    <span>"Remember the key in this browser"</span>
                </label>
                <p class="hint" class:warning=move || settings.endpoint().remember_key>
                    {move || if settings.endpoint().remember_key {
                        "The key is now stored unencrypted in this browser: anyone who uses this browser profile, and any script on this site, can read it. Do this only on a computer you alone use."
                    } else {
                        "The key stays in this tab's memory and is gone when it closes. It is never put in a URL, logged or exported. Leave it empty when the server or a relay adds it."
                    }}
                </p>
                <WholeNumber label="Timeout (seconds)" id="timeout" value=settings.timeout_seconds range=1..=MAX_TIMEOUT_SECONDS />
                <WholeNumber label="Retries" id="retries" value=settings.max_retries range=0..=MAX_RETRIES />
            </form>
        </details>
    }
}

/// A whole-number setting. A value that is not a whole number in `range` is
/// named next to its control and the last good value stays in use.
#[component]
fn WholeNumber(
    label: &'static str,
    id: &'static str,
    value: RwSignal<u32>,
    range: std::ops::RangeInclusive<u32>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let (min, max) = (*range.start(), *range.end());
    let change = move |ev| match event_target_value(&ev).trim().parse::<u32>() {
        Ok(number) if range.contains(&number) => {
            value.set(number);
            problem.set(None);
        }
        _ => problem.set(Some(format!(
            "{label}: must be a whole number from {min} to {max}. Still using {}.",
            value.get_untracked()
        ))),
    };
    let problem_id = format!("{id}-problem");
    view! {
        <label class="narrow">
            <span>{label}</span>
            <input
                type="number"
                min=min
                max=max
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=problem_id.clone()
                prop:value=move || value.get().to_string()
                on:change=change
            />
        </label>
        {move || problem.get().map(|problem| view! { <p class="problem error" id=problem_id.clone() role="alert">{problem}</p> })}
    }
}
