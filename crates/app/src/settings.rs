//! Where requests go: named endpoints (base URL and key), the timeout and
//! the retries, edited in a dialog; the endpoint in use is shown on the main
//! screen. Kept in `localStorage`, except API keys: a key lives in this
//! tab's memory unless its endpoint says to remember it, an explicit choice
//! with a plain warning. Keys are never put in a URL, logged or exported.
//!
//! A base URL is checked as it is typed, by the client's own rule
//! ([`ClientOptions::report`]): one that is not an absolute `http(s)` URL is
//! named at its field and nothing is sent to it (`api.openai.com` without
//! its scheme would otherwise go to this page's own server, with the key),
//! and a key about to cross the network over plain `http` is warned about.

use gpt_image_wasm::core::Issue;
use gpt_image_wasm::core::{Fields, FromJson, JsonValue};
use gpt_image_wasm::{
    ApiFailure, Client, ClientOptions, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, Error,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::browser_storage;
use crate::errors::explain;

/// The longest timeout the panel accepts: an hour per attempt.
const MAX_TIMEOUT_SECONDS: u32 = 3600;

/// The most retries the panel accepts.
const MAX_RETRIES: u32 = 10;

/// How long the connection test waits for an answer.
const TEST_TIMEOUT_MS: i32 = 15_000;

/// One provider.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Endpoint {
    /// A name to pick it by.
    pub name: String,
    /// The API root, such as `https://api.openai.com/v1`.
    pub base_url: String,
    /// Empty: no `Authorization` header (the server or a relay adds the key).
    pub api_key: String,
    /// Whether the key is written to `localStorage` too.
    pub remember_key: bool,
    /// Whether requests to it stream: the form's stream control takes this
    /// when the endpoint is chosen or the setting changes (a stream keeps
    /// the connection busy through proxies that cut quiet ones).
    pub stream: bool,
}

impl FromJson for Endpoint {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "an endpoint")?;
        Ok(Endpoint {
            name: fields.required_text("name")?,
            base_url: fields.required_text("base_url")?,
            api_key: fields.text("api_key")?.unwrap_or_default(),
            remember_key: fields.flag("remember_key")?.unwrap_or_default(),
            stream: fields.flag("stream")?.unwrap_or_default(),
        })
    }
}

impl Endpoint {
    /// The key to send, if any.
    fn key(&self) -> Option<String> {
        Some(self.api_key.trim().to_owned()).filter(|key| !key.is_empty())
    }

    /// The client options for this endpoint (base URL and key).
    fn options(&self) -> ClientOptions {
        ClientOptions::new(self.base_url.trim().to_owned(), self.key())
    }

    /// What is wrong with the base URL (an error: nothing is sent) or
    /// risky about it (a warning), by the client's own rule.
    pub fn base_url_issue(&self) -> Option<Issue> {
        base_url_issue(self.base_url.trim(), self.key().is_some())
    }
}

/// The problem with `base_url` for a client with or without a key: an
/// error when it is not an absolute `http(s)` URL, a warning when a key
/// would go over plain `http` to another machine ([`ClientOptions::report`]).
pub fn base_url_issue(base_url: &str, with_key: bool) -> Option<Issue> {
    let key = with_key.then(|| "key".to_owned());
    let report = ClientOptions::new(base_url.to_owned(), key).report();
    report.issues.into_iter().find(|issue| issue.field == "baseURL")
}

/// An issue of the base URL as said at a field labelled `label`:
/// `Base URL must be an absolute http:// or https:// URL …`.
pub fn at_field(issue: &Issue, label: &str) -> String {
    match issue.message.strip_prefix("baseURL ") {
        Some(rest) => format!("{label} {rest}."),
        None => format!("{label}: {}.", issue.message),
    }
}

/// What is stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
struct Saved {
    endpoints: Vec<Endpoint>,
    current: usize,
    timeout_seconds: u32,
    max_retries: u32,
}

impl FromJson for Saved {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the settings")?;
        let required = |key: &str| fields.whole::<u32>(key)?.ok_or_else(|| fields.missing(key));
        Ok(Saved {
            endpoints: fields.list("endpoints")?.ok_or_else(|| fields.missing("endpoints"))?,
            current: required("current")? as usize,
            timeout_seconds: required("timeout_seconds")?,
            max_retries: required("max_retries")?,
        })
    }
}

/// The page's own origin, as `http://127.0.0.1:8787`.
fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// The API root of the server the page came from.
fn same_origin_api() -> String {
    format!("{}/v1", origin())
}

/// The playground's own server, as the first endpoint.
fn this_server() -> Endpoint {
    Endpoint {
        name: "This server".into(),
        base_url: same_origin_api(),
        api_key: String::new(),
        remember_key: false,
        stream: false,
    }
}

/// Whether `base_url` is on the page's own server (which adds the key itself).
fn is_own_server(base_url: &str) -> bool {
    let origin = origin();
    let base_url = base_url.trim();
    !origin.is_empty() && base_url.strip_prefix(&origin).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether `base_url` is OpenAI's API.
fn is_openai(base_url: &str) -> bool {
    let rest = base_url.trim().strip_prefix("https://").unwrap_or_default();
    rest.split(['/', '?', '#']).next().is_some_and(|host| host.eq_ignore_ascii_case("api.openai.com"))
}

/// What the key field suggests for an endpoint.
fn key_placeholder(base_url: &str) -> &'static str {
    if is_own_server(base_url) {
        "none: the server adds it"
    } else if is_openai(base_url) {
        "sk-…"
    } else {
        "the provider's key (none if a relay adds it)"
    }
}

/// The base URL as the main screen's endpoint shows it on hover.
fn shown_url(base_url: &str) -> String {
    match base_url.trim() {
        "" => "no base URL yet".into(),
        base_url => base_url.to_owned(),
    }
}

/// The settings, one signal per control.
#[derive(Clone, Copy)]
pub struct Settings {
    endpoints: RwSignal<Vec<Endpoint>>,
    current: RwSignal<usize>,
    timeout_seconds: RwSignal<u32>,
    max_retries: RwSignal<u32>,
    /// The form's `stream` value, once it follows the endpoint ([`Settings::follow_stream`]).
    stream_field: StoredValue<Option<RwSignal<String>>>,
    /// Whether these settings are kept in `localStorage` (the playground's
    /// own page; an embedded generator keeps nothing). The form is kept
    /// where the settings are ([`crate::persist`]).
    pub kept: bool,
}

impl Settings {
    /// The stored settings, or one endpoint: the server the page came from.
    /// They are provided as context, for the form's keeping.
    pub fn load() -> Self {
        let saved =
            browser_storage::read_json::<Saved>(browser_storage::SETTINGS).filter(|saved| !saved.endpoints.is_empty());
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
            stream_field: StoredValue::new(None),
            kept: true,
        };
        Effect::new(move |_| settings.save());
        provide_context(settings);
        settings
    }

    /// Settings for an embedded generator: one endpoint, nothing stored.
    pub fn ephemeral(base_url: String) -> Self {
        let settings = Settings {
            endpoints: RwSignal::new(vec![Endpoint { base_url, ..this_server() }]),
            current: RwSignal::new(0),
            timeout_seconds: RwSignal::new((DEFAULT_TIMEOUT_MS / 1000.0) as u32),
            max_retries: RwSignal::new(DEFAULT_MAX_RETRIES),
            stream_field: StoredValue::new(None),
            kept: false,
        };
        provide_context(settings);
        settings
    }

    /// Points the endpoint in use elsewhere, or changes its key. A base URL
    /// that is not an absolute `http(s)` URL is taken as it is, so that no
    /// request goes anywhere until it is fixed (see [`Endpoint::base_url_issue`]).
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

    /// Makes the form's `stream` value (`"true"` or empty) follow the
    /// endpoint's streaming: it takes the endpoint's setting when another
    /// endpoint is chosen or the setting changes, and stays as the person
    /// sets it in between (a kept form keeps its own at load).
    pub fn follow_stream(&self, field: RwSignal<String>) {
        self.stream_field.set_value(Some(field));
        let settings = *self;
        Effect::new(move |previous: Option<usize>| {
            let current = settings.current.get();
            if previous.is_some_and(|previous| previous != current) {
                settings.show_streaming(settings.endpoint_untracked().stream);
            }
            current
        });
    }

    /// Turns streaming on or off for the endpoint in use, which remembers
    /// it, and in the form.
    pub fn set_streaming(&self, on: bool) {
        self.edit(|endpoint| endpoint.stream = on);
        self.show_streaming(on);
    }

    fn show_streaming(&self, on: bool) {
        if let Some(field) = self.stream_field.get_value() {
            field.set(if on { "true".into() } else { String::new() });
        }
    }

    fn endpoint_untracked(&self) -> Endpoint {
        untrack(|| self.endpoint())
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
        browser_storage::write_json(browser_storage::SETTINGS, &saved);
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

    /// A client for the endpoint in use, with the timeout and retries. With
    /// a base URL in error, every call fails with [`Error::Validation`]
    /// before anything is sent.
    pub fn client(&self) -> Client {
        let mut options = self.endpoint().options();
        options.timeout_ms = f64::from(self.timeout_seconds.get().max(1)) * 1000.0;
        options.max_retries = self.max_retries.get();
        Client::new(options)
    }
}

/// The outcome of a connection test, for a person.
#[derive(Clone, Debug, PartialEq)]
enum Tested {
    Running,
    Passed(String),
    Failed(String),
}

/// `GET {base}/models` with the endpoint's key: whether the provider
/// answers, takes the key, and which image models it lists.
async fn test_connection(endpoint: Endpoint) -> Tested {
    let options = endpoint.options();
    if let Some(issue) = options.report().errors().next() {
        return Tested::Failed(at_field(issue, "Base URL"));
    }
    let url = format!("{}/models", options.base_url.trim_end_matches('/'));
    let controller = web_sys::AbortController::new().ok();
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    if let (Some(key), Ok(headers)) = (&options.api_key, web_sys::Headers::new()) {
        let _ = headers.set("authorization", &format!("Bearer {key}"));
        init.set_headers(&headers);
    }
    let timer = controller.clone().map(|controller| {
        set_timeout_with_handle(move || controller.abort(), std::time::Duration::from_millis(TEST_TIMEOUT_MS as u64))
    });
    let answer = JsFuture::from(window().fetch_with_str_and_init(&url, &init)).await;
    let outcome = match answer.and_then(|response| response.dyn_into::<web_sys::Response>()) {
        Err(error) => {
            let message = error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
                .unwrap_or_else(|| "no answer".into());
            if controller.as_ref().is_some_and(|controller| controller.signal().aborted()) {
                Tested::Failed(explain(&Error::Timeout))
            } else {
                Tested::Failed(explain(&Error::Connection(message)))
            }
        }
        Ok(response) => read_models(&url, response).await,
    };
    if let Some(Ok(timer)) = timer {
        timer.clear();
    }
    outcome
}

/// What an answer to `GET /models` says.
async fn read_models(url: &str, response: web_sys::Response) -> Tested {
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|text| text.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if !response.ok() {
        let error = gpt_image_wasm::read_api_error(status, text.as_bytes());
        let headers = response.headers();
        let request_id = headers.get("x-request-id").ok().flatten();
        let failure = ApiFailure {
            error,
            http_status: status,
            request_id,
            headers: Some(headers),
            raw: JsValue::UNDEFINED,
            body: text,
        };
        return Tested::Failed(format!("{url} answered HTTP {status}. {}", explain(&Error::Api(Box::new(failure)))));
    }
    let ids: Vec<String> = js_sys::JSON::parse(&text)
        .ok()
        .map(|body| js_sys::Reflect::get(&body, &"data".into()).unwrap_or_default())
        .filter(js_sys::Array::is_array)
        .map(|data| {
            js_sys::Array::from(&data)
                .iter()
                .filter_map(|model| js_sys::Reflect::get(&model, &"id".into()).ok()?.as_string())
                .collect()
        })
        .unwrap_or_default();
    // Image models by name, without their dated snapshots (`gpt-image-1-2025-04-15`).
    let snapshot = |id: &str| {
        let tail = id.rsplitn(4, '-').take(3).collect::<Vec<_>>();
        tail.len() == 3 && tail.iter().all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()))
    };
    let images: Vec<&str> =
        ids.iter().map(String::as_str).filter(|id| id.contains("image") && !snapshot(id)).take(4).collect();
    Tested::Passed(match (ids.len(), images.is_empty()) {
        (0, _) => format!("Connected: {url} answered HTTP {status}, without a list of models."),
        (count, true) => format!("Connected: {count} models, none of them an image model by its name."),
        (count, false) => format!("Connected: {count} models, among them {}.", images.join(", ")),
    })
}

/// The endpoint in use, on the main screen, and the Settings button that
/// opens the settings dialog.
#[component]
pub fn SettingsPanel(settings: Settings) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let problem = move || settings.endpoint().base_url_issue().filter(Issue::is_error);
    view! {
        <div class="endpoint-bar">
            <p class="active-endpoint" class:invalid=move || problem().is_some() title=move || shown_url(&settings.endpoint().base_url)>
                "Endpoint: "
                <strong>{move || settings.endpoint().name}</strong>
                {move || problem().map(|_| view! { <span class="endpoint-problem">" — base URL not valid: nothing is sent"</span> })}
            </p>
            <button type="button" class="secondary" aria-haspopup="dialog" on:click=open>"Settings"</button>
        </div>
        <dialog class="settings" node_ref=dialog aria-labelledby="settings-title">
            <SettingsForm settings dialog />
        </dialog>
    }
}

/// The settings themselves, inside their dialog.
#[component]
fn SettingsForm(settings: Settings, dialog: NodeRef<leptos::html::Dialog>) -> impl IntoView {
    let field = move |read: fn(&Endpoint) -> String| move || read(&settings.endpoint());
    let tested = RwSignal::new(None::<Tested>);
    // A test's result is about the endpoint it tested.
    Effect::new(move |_| {
        settings.endpoint();
        tested.set(None);
    });
    let add = move |_| {
        settings.endpoints.update(|endpoints| {
            endpoints.push(Endpoint {
                name: format!("Endpoint {}", endpoints.len() + 1),
                base_url: String::new(),
                api_key: String::new(),
                remember_key: false,
                stream: false,
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
    let close = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let issue = Memo::new(move |_| {
        let endpoint = settings.endpoint();
        (!endpoint.base_url.trim().is_empty()).then(|| endpoint.base_url_issue()).flatten()
    });
    let empty = move || settings.endpoint().base_url.trim().is_empty();
    // `api.openai.com` → `https://api.openai.com`, when that is a good base URL.
    let suggestion = move || {
        let typed = settings.endpoint().base_url.trim().to_owned();
        let error = issue.with(|issue| issue.as_ref().is_some_and(Issue::is_error));
        let with_scheme = format!("https://{}", typed.trim_start_matches('/'));
        (error && !typed.contains("://") && !typed.is_empty() && base_url_issue(&with_scheme, false).is_none())
            .then_some(with_scheme)
    };
    let run_test = move |_| {
        let endpoint = settings.endpoint();
        tested.set(Some(Tested::Running));
        spawn_local(async move { tested.set(Some(test_connection(endpoint).await)) });
    };
    let own_api = same_origin_api();
    view! {
        <div class="dialog-head">
            <h2 id="settings-title">"Settings"</h2>
            <button type="button" class="secondary" on:click=close>"Close"</button>
        </div>
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
                <input
                    type="url"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    list="base-urls"
                    placeholder="https://provider.example/v1"
                    aria-invalid=move || issue.with(|issue| issue.as_ref().is_some_and(Issue::is_error)).to_string()
                    aria-describedby="base-url-problem"
                    prop:value=field(|endpoint| endpoint.base_url.clone())
                    on:input=move |ev| settings.edit(|endpoint| endpoint.base_url = event_target_value(&ev))
                />
            </label>
            <datalist id="base-urls">
                <option value=DEFAULT_BASE_URL>"OpenAI"</option>
                <option value=own_api>"This server"</option>
            </datalist>
            <div id="base-url-problem" class="base-url-problem" aria-live="polite">
                {move || issue.get().map(|issue| {
                    let class = if issue.is_error() { "problem error" } else { "problem warning" };
                    view! { <p class=class data-rule=issue.rule.name()>{at_field(&issue, "Base URL")}</p> }
                })}
                {move || empty().then(|| view! {
                    <p class="hint">{format!("The provider's API root, such as {DEFAULT_BASE_URL}: nothing is sent until it is set.")}</p>
                })}
                {move || suggestion().map(|url| {
                    let shown = format!("Use {url}");
                    view! {
                        <button type="button" class="secondary" on:click=move |_| settings.edit(|endpoint| endpoint.base_url = url.clone())>
                            {shown}
                        </button>
                    }
                })}
            </div>
            <label>
                <span>"API key"</span>
                <input
                    type="password"
                    autocomplete="off"
                    placeholder=move || key_placeholder(&settings.endpoint().base_url)
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
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || settings.endpoint().stream
                    on:change=move |ev| settings.set_streaming(event_target_checked(&ev))
                />
                <span>"Stream images"</span>
            </label>
            <p class="hint">
                "Images arrive as they are made, with partial images on the way. A stream keeps the connection busy, so a proxy or gateway that cuts quiet connections (often after 60 or 100 seconds) lets a long generation finish."
            </p>
            <div class="connection">
                <button
                    type="button"
                    class="secondary"
                    on:click=run_test
                    disabled=move || tested.get() == Some(Tested::Running) || issue.with(|issue| issue.as_ref().is_some_and(Issue::is_error)) || empty()
                >
                    "Test connection"
                </button>
                <p class="connection-result" role="status" class:error=move || matches!(tested.get(), Some(Tested::Failed(_)))>
                    {move || match tested.get() {
                        None => String::new(),
                        Some(Tested::Running) => "Asking for the provider's models…".into(),
                        Some(Tested::Passed(text) | Tested::Failed(text)) => text,
                    }}
                </p>
            </div>
            <WholeNumber label="Timeout (seconds)" id="timeout" value=settings.timeout_seconds range=1..=MAX_TIMEOUT_SECONDS />
            <WholeNumber label="Retries" id="retries" value=settings.max_retries range=0..=MAX_RETRIES />
        </form>
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_settings_read_back_as_they_were_written() {
        let saved = Saved {
            endpoints: vec![
                Endpoint {
                    name: "This server".into(),
                    base_url: "/v1".into(),
                    api_key: String::new(),
                    remember_key: false,
                    stream: false,
                },
                Endpoint {
                    name: "OpenAI".into(),
                    base_url: "https://api.openai.com/v1".into(),
                    api_key: "sk-test".into(),
                    remember_key: true,
                    stream: true,
                },
            ],
            current: 1,
            timeout_seconds: 600,
            max_retries: 2,
        };
        assert_eq!(Saved::from_json(&serde_json::to_value(&saved).unwrap()), Ok(saved));
    }

    #[test]
    fn an_endpoint_without_a_key_reads_as_keyless() {
        let endpoint = Endpoint::from_json(&json!({"name": "Relay", "base_url": "https://relay.example/v1"}));
        assert_eq!(
            endpoint.map(|endpoint| (endpoint.api_key, endpoint.remember_key, endpoint.stream)),
            Ok((String::new(), false, false))
        );
        let saved =
            json!({"endpoints": [{"name": 1, "base_url": "x"}], "current": 0, "timeout_seconds": 1, "max_retries": 0});
        assert_eq!(
            Saved::from_json(&saved),
            Err("`endpoints[0]` of the settings: `name` of an endpoint is not a string".into())
        );
    }
}
