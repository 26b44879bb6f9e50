//! Providers set up for the person, before they type anything:
//!
//! - **the site's `config.json`**, beside `index.html`: named endpoints with
//!   a base URL, a default model and a short description, each optionally
//!   `locked` (only the key can be changed). Read at start; when the site
//!   changes it, what the person changed is kept unless the entry is locked;
//! - **a shared link**: an endpoint in the URL's fragment
//!   (`#endpoint=…`, never sent to any server), its key only when the
//!   person who shared it ticked that;
//! - **URL parameters**: `?base_url=…&model=…` picks (or adds) the endpoint
//!   with that base URL and the model.
//!
//! Bad input in any of them is a notice naming the field; nothing of the
//! person's own settings is lost.

use gpt_image_wasm::core::{Fields, FromJson, JsonValue, ParseJson};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::state::{Provider, Providers, SiteValues, base_url_issue};
use crate::i18n::words;

/// The site's file of endpoints, beside `index.html`.
pub const SITE_CONFIG: &str = "config.json";

/// The fragment key of a shared endpoint: `#endpoint=<JSON, URI-encoded>`.
pub const LINK_KEY: &str = "endpoint";

/// One endpoint of the site's `config.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteEndpoint {
    name: String,
    base_url: String,
    model: String,
    description: String,
    locked: bool,
}

impl FromJson for SiteEndpoint {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "an endpoint")?;
        Ok(SiteEndpoint {
            name: fields.required_text("name")?,
            base_url: fields.required_text("base_url")?,
            model: fields.text("model")?.unwrap_or_default(),
            description: fields.text("description")?.unwrap_or_default(),
            locked: fields.flag("locked")?.unwrap_or_default(),
        })
    }
}

/// `config.json`: `{ "endpoints": [ … ] }`.
#[derive(Debug, PartialEq)]
pub struct SiteConfig {
    endpoints: Vec<SiteEndpoint>,
}

impl FromJson for SiteConfig {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "config.json")?;
        let endpoints: Vec<SiteEndpoint> = fields.list("endpoints")?.ok_or_else(|| fields.missing("endpoints"))?;
        for (index, endpoint) in endpoints.iter().enumerate() {
            if let Some(issue) = base_url_issue(&endpoint.base_url, false).filter(|issue| issue.is_error()) {
                return Err(format!("`endpoints[{index}].base_url` of config.json: {}", issue.message));
            }
        }
        Ok(SiteConfig { endpoints })
    }
}

impl SiteConfig {
    /// `providers` with the site's endpoints: a new one is added; a locked
    /// one takes the site's values; an unlocked one keeps each value the
    /// person changed since the site last set it, and follows the site's
    /// new value otherwise. The key, streaming and the rest stay the person's.
    pub fn merge(&self, mut providers: Vec<Provider>) -> Vec<Provider> {
        for endpoint in &self.endpoints {
            let site = SiteValues { base_url: endpoint.base_url.clone(), model: endpoint.model.clone() };
            match providers.iter_mut().find(|provider| provider.name == endpoint.name) {
                Some(provider) => {
                    let before = provider.from_site.clone().unwrap_or_default();
                    if endpoint.locked || provider.base_url == before.base_url {
                        provider.base_url = site.base_url.clone();
                    }
                    if endpoint.locked || provider.model == before.model {
                        provider.model = site.model.clone();
                    }
                    provider.description = endpoint.description.clone();
                    provider.locked = endpoint.locked;
                    provider.from_site = Some(site);
                }
                None => providers.push(Provider {
                    model: endpoint.model.clone(),
                    description: endpoint.description.clone(),
                    locked: endpoint.locked,
                    from_site: Some(site),
                    ..Provider::named(&endpoint.name, &endpoint.base_url)
                }),
            }
        }
        // An endpoint the site no longer lists is the person's own from now on.
        for provider in &mut providers {
            if provider.from_site.is_some() && !self.endpoints.iter().any(|endpoint| endpoint.name == provider.name) {
                provider.locked = false;
                provider.from_site = None;
            }
        }
        providers
    }
}

/// What a shared link carries of an endpoint.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedEndpoint {
    /// Its name.
    pub name: String,
    /// Its base URL.
    pub base_url: String,
    /// Its default image model.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub model: String,
    /// Its key, only when the person sharing it chose to include it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub api_key: String,
}

impl FromJson for SharedEndpoint {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the shared endpoint")?;
        let shared = SharedEndpoint {
            name: fields.text("name")?.unwrap_or_else(|| "Shared endpoint".into()),
            base_url: fields.required_text("base_url")?,
            model: fields.text("model")?.unwrap_or_default(),
            api_key: fields.text("api_key")?.unwrap_or_default(),
        };
        if let Some(issue) = base_url_issue(&shared.base_url, false).filter(|issue| issue.is_error()) {
            return Err(format!("`base_url` of the shared endpoint: {}", issue.message));
        }
        Ok(shared)
    }
}

impl SharedEndpoint {
    /// What a link shares of `provider`: its key only when `with_key`.
    pub fn of(provider: &Provider, with_key: bool) -> Self {
        SharedEndpoint {
            name: provider.name.clone(),
            base_url: provider.base_url.trim().to_owned(),
            model: provider.model.clone(),
            api_key: if with_key { provider.api_key.clone() } else { String::new() },
        }
    }

    /// `providers` with this endpoint in them: the one of the same name
    /// and base URL takes its model (and its key, if it carries one), or it
    /// is added; returns the index of it.
    pub fn add_to(self, providers: &mut Vec<Provider>) -> usize {
        let same = |provider: &Provider| provider.name == self.name && provider.base_url.trim() == self.base_url;
        if let Some(index) = providers.iter().position(same) {
            let provider = &mut providers[index];
            if !self.model.is_empty() && !provider.locked {
                provider.model = self.model;
            }
            if !self.api_key.is_empty() {
                provider.api_key = self.api_key;
            }
            return index;
        }
        let name = if providers.iter().any(|provider| provider.name == self.name) {
            format!("{} (shared)", self.name)
        } else {
            self.name
        };
        providers.push(Provider { model: self.model, api_key: self.api_key, ..Provider::named(name, self.base_url) });
        providers.len() - 1
    }
}

/// The endpoint a `?base_url=…&model=…` names, as a shared one (named by its host).
pub fn from_parameters(base_url: &str, model: Option<String>) -> Result<SharedEndpoint, String> {
    if let Some(issue) = base_url_issue(base_url, false).filter(|issue| issue.is_error()) {
        return Err(format!("`base_url` of the page's address: {}", issue.message));
    }
    let host = base_url.split("://").nth(1).and_then(|rest| rest.split(['/', '?', '#']).next()).unwrap_or(base_url);
    Ok(SharedEndpoint {
        name: host.to_owned(),
        base_url: base_url.to_owned(),
        model: model.unwrap_or_default(),
        api_key: String::new(),
    })
}

impl Providers {
    /// Takes what the page's address sets up (a shared endpoint in the
    /// fragment, `?base_url=…&model=…`), then what the site's `config.json`
    /// lists, when it comes. The fragment is cleared once read, so a key in
    /// it does not stay in the address bar or the history.
    pub(super) fn set_up(&self) {
        let location = window().location();
        let fragment = location.hash().unwrap_or_default();
        if let Some(encoded) = fragment.trim_start_matches('#').strip_prefix(&format!("{LINK_KEY}=")) {
            let read = js_sys::decode_uri_component(encoded)
                .ok()
                .and_then(|text| <gpt_image_wasm::Json as ParseJson>::parse(&String::from(text)))
                .ok_or_else(|| words().link_not_json.to_owned())
                .and_then(|json| SharedEndpoint::from_json(&json));
            self.take(read, words().from_shared_link);
            let without =
                format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
            let _ = window()
                .history()
                .and_then(|history| history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&without)));
        }
        let params = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default()).ok();
        let param = |name: &str| params.as_ref().and_then(|params| params.get(name)).filter(|value| !value.is_empty());
        if let Some(base_url) = param("base_url").or_else(|| param("baseURL")) {
            self.take(from_parameters(&base_url, param("model")), words().from_address);
        }
        let providers = *self;
        leptos::task::spawn_local(async move {
            match site_config().await {
                Ok(Some(config)) => providers.list.update(|list| *list = config.merge(std::mem::take(list))),
                Ok(None) => {}
                Err(message) => providers.notice.set(Some((words().site_config_not_used)(SITE_CONFIG, &message))),
            }
        });
    }

    /// Adds (or picks) a shared endpoint and uses it, or says why not.
    fn take(&self, read: Result<SharedEndpoint, String>, from: &str) {
        match read {
            Ok(shared) => {
                let name = shared.name.clone();
                if !shared.model.is_empty() {
                    self.asked_model.set(Some(shared.model.clone()));
                }
                let mut index = 0;
                self.list.update(|list| index = shared.add_to(list));
                self.current.set(index);
                self.notice.set(Some((words().endpoint_set_up)(from, &name)));
            }
            Err(message) => self.notice.set(Some((words().setup_not_used)(from, &message))),
        }
    }
}

/// The site's `config.json`: `None` when there is none, an error
/// naming the field when it cannot be used.
async fn site_config() -> Result<Option<SiteConfig>, String> {
    // No answer (offline): the site's endpoints are already among the stored ones.
    let Ok(answer) = JsFuture::from(window().fetch_with_str(SITE_CONFIG)).await else { return Ok(None) };
    let response: web_sys::Response = answer.dyn_into().map_err(|_| words().config_not_fetched.to_owned())?;
    // None: a 404, or the page itself (hosts that answer every path with index.html).
    let html = response.headers().get("content-type").ok().flatten().is_some_and(|kind| kind.starts_with("text/html"));
    if response.status() == 404 || html {
        return Ok(None);
    }
    if !response.ok() {
        return Err((words().config_answered)(response.status()));
    }
    let unread = || words().config_not_read.to_owned();
    let text = response.text().map_err(|_| unread())?;
    let text = JsFuture::from(text).await.map_err(|_| unread())?.as_string().unwrap_or_default();
    let json = <gpt_image_wasm::Json as ParseJson>::parse(&text).ok_or_else(|| words().config_not_json.to_owned())?;
    SiteConfig::from_json(&json).map(Some)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn provider(name: &str, base_url: &str) -> Provider {
        Provider::named(name, base_url)
    }

    fn config(value: serde_json::Value) -> Result<SiteConfig, String> {
        SiteConfig::from_json(&value)
    }

    #[test]
    fn a_bad_config_names_its_field() {
        assert_eq!(config(json!([])), Err("config.json is not an object".into()));
        let error = config(json!({"endpoints": [{"name": "A", "base_url": "api.example.com"}]})).unwrap_err();
        assert!(error.starts_with("`endpoints[0].base_url` of config.json: baseURL must be an absolute"), "{error}");
        let error = config(json!({"endpoints": [{"name": 3, "base_url": "https://a.example/v1"}]})).unwrap_err();
        assert!(error.contains("`name` of an endpoint is not a string"), "{error}");
        assert!(config(json!({"endpoint": []})).unwrap_err().contains("endpoints"));
    }

    #[test]
    fn the_persons_changes_survive_a_new_config_unless_locked() {
        let first = config(json!({"endpoints": [
            {"name": "Acme", "base_url": "https://acme.example/v1", "model": "gpt-image-2"},
            {"name": "Acme EU", "base_url": "https://eu.acme.example/v1", "model": "gpt-image-2", "locked": true},
        ]}))
        .unwrap();
        let mut providers = first.merge(vec![provider("Mine", "https://mine.example/v1")]);
        assert_eq!(providers.len(), 3);
        assert!(providers[2].locked && providers[2].model == "gpt-image-2");
        // The person changes Acme's model and EU's base URL (which the dialog does not allow, but storage could hold).
        providers[1].model = "gpt-image-1.5".into();
        providers[1].api_key = "sk-mine".into();
        providers[2].base_url = "https://elsewhere.example/v1".into();
        let second = config(json!({"endpoints": [
            {"name": "Acme", "base_url": "https://api.acme.example/v1", "model": "gpt-image-2.5"},
            {"name": "Acme EU", "base_url": "https://eu2.acme.example/v1", "model": "gpt-image-2.5", "locked": true},
        ]}))
        .unwrap();
        let merged = second.merge(providers);
        assert_eq!(merged[0], provider("Mine", "https://mine.example/v1"), "the person's own endpoint is untouched");
        assert_eq!(merged[1].base_url, "https://api.acme.example/v1", "not changed by the person: follows the site");
        assert_eq!(merged[1].model, "gpt-image-1.5", "changed by the person: kept");
        assert_eq!(merged[1].api_key, "sk-mine", "the key stays");
        assert_eq!(
            (merged[2].base_url.as_str(), merged[2].model.as_str()),
            ("https://eu2.acme.example/v1", "gpt-image-2.5"),
            "locked"
        );
        let dropped = config(json!({"endpoints": []})).unwrap().merge(merged);
        assert!(
            dropped.iter().all(|provider| !provider.locked && provider.from_site.is_none()),
            "no longer the site's"
        );
        assert_eq!(dropped.len(), 3, "nothing is deleted");
    }

    #[test]
    fn a_shared_endpoint_is_added_once_and_keeps_the_key_only_when_shared() {
        let mut providers = vec![provider("Acme", "https://acme.example/v1")];
        let shared = SharedEndpoint { model: "gpt-image-2".into(), ..SharedEndpoint::of(&providers[0], false) };
        assert_eq!(
            serde_json::to_value(&shared).unwrap(),
            json!({"name": "Acme", "base_url": "https://acme.example/v1", "model": "gpt-image-2"})
        );
        assert_eq!(shared.clone().add_to(&mut providers), 0, "the same endpoint");
        assert_eq!(providers[0].model, "gpt-image-2");
        let other = SharedEndpoint { base_url: "https://other.example/v1".into(), api_key: "sk-x".into(), ..shared };
        assert_eq!(other.add_to(&mut providers), 1);
        assert_eq!((providers[1].name.as_str(), providers[1].api_key.as_str()), ("Acme (shared)", "sk-x"));
        let error = SharedEndpoint::from_json(&json!({"base_url": "ftp://x"})).unwrap_err();
        assert!(error.starts_with("`base_url` of the shared endpoint"), "{error}");
    }

    #[test]
    fn parameters_name_an_endpoint_by_its_host() {
        let shared = from_parameters("https://api.acme.example/v1", Some("gpt-image-2".into())).unwrap();
        assert_eq!((shared.name.as_str(), shared.model.as_str()), ("api.acme.example", "gpt-image-2"));
        assert!(from_parameters("acme.example", None).unwrap_err().starts_with("`base_url` of the page's address"));
    }
}
