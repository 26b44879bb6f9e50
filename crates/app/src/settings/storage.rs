//! The providers as `localStorage` keeps them (under
//! [`browser_storage::SETTINGS`]): read when the page opens, written back on
//! every change, each key only when its provider says to remember it.

use gpt_image_wasm::core::{Fields, FromJson, JsonValue};
use gpt_image_wasm::{DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS};
use leptos::prelude::*;
use serde::Serialize;

use super::state::{MAX_RETRIES, MAX_TIMEOUT_SECONDS, Provider, Providers, SiteValues, this_server};
use crate::browser_storage;
use crate::thread::Api;

/// What is stored of the providers (as `endpoints`, the name they were
/// first stored under), the one in use, the timeout and the retries.
#[derive(Clone, Debug, PartialEq, Serialize)]
struct SavedProviders {
    #[serde(rename = "endpoints")]
    providers: Vec<Provider>,
    current: usize,
    timeout_seconds: u32,
    max_retries: u32,
}

impl FromJson for Provider {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "an endpoint")?;
        Ok(Provider {
            name: fields.required_text("name")?,
            base_url: fields.required_text("base_url")?,
            api_key: fields.text("api_key")?.unwrap_or_default(),
            remember_key: fields.flag("remember_key")?.unwrap_or_default(),
            stream: fields.flag("stream")?.unwrap_or_default(),
            conversations: fields.text("conversations")?.as_deref().and_then(Api::from_name),
            chat_model: fields.text("chat_model")?.unwrap_or_default(),
            model: fields.text("model")?.unwrap_or_default(),
            description: fields.text("description")?.unwrap_or_default(),
            locked: fields.flag("locked")?.unwrap_or_default(),
            from_site: fields.read("from_site")?,
            azure_api_version: fields.text("azure_api_version")?.unwrap_or_default(),
            headers: fields.text("headers")?.unwrap_or_default(),
            query: fields.text("query")?.unwrap_or_default(),
        })
    }
}

impl FromJson for SiteValues {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "what the site set")?;
        Ok(SiteValues {
            base_url: fields.text("base_url")?.unwrap_or_default(),
            model: fields.text("model")?.unwrap_or_default(),
        })
    }
}

impl FromJson for SavedProviders {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the settings")?;
        let required = |key: &str| fields.whole::<u32>(key)?.ok_or_else(|| fields.missing(key));
        Ok(SavedProviders {
            providers: fields.list("endpoints")?.ok_or_else(|| fields.missing("endpoints"))?,
            current: required("current")? as usize,
            timeout_seconds: required("timeout_seconds")?,
            max_retries: required("max_retries")?,
        })
    }
}

impl Providers {
    /// The stored providers, or one: the server the page came from. Every
    /// change is stored from then on.
    pub fn load() -> Self {
        let saved = browser_storage::read_json::<SavedProviders>(browser_storage::SETTINGS)
            .filter(|saved| !saved.providers.is_empty());
        let saved = saved.unwrap_or_else(|| SavedProviders {
            providers: vec![this_server()],
            current: 0,
            timeout_seconds: (DEFAULT_TIMEOUT_MS / 1000.0) as u32,
            max_retries: DEFAULT_MAX_RETRIES,
        });
        let current = saved.current.min(saved.providers.len() - 1);
        let providers = Providers::new(
            saved.providers,
            current,
            saved.timeout_seconds.clamp(1, MAX_TIMEOUT_SECONDS),
            saved.max_retries.min(MAX_RETRIES),
            true,
        );
        providers.set_up();
        Effect::new(move |_| providers.save());
        providers
    }

    /// Stores the providers as they are now (tracked: the effect that calls
    /// it reruns on each change), leaving out the keys not to remember.
    fn save(&self) {
        let providers = self.list.get().into_iter().map(|provider| Provider {
            api_key: if provider.remember_key { provider.api_key.clone() } else { String::new() },
            ..provider
        });
        let saved = SavedProviders {
            providers: providers.collect(),
            current: self.current.get(),
            timeout_seconds: self.timeout_seconds.get(),
            max_retries: self.max_retries.get(),
        };
        browser_storage::write_json(browser_storage::SETTINGS, &saved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_settings_read_back_as_they_were_written() {
        let saved = SavedProviders {
            providers: vec![
                Provider::named(crate::settings::state::THIS_SERVER, "/v1"),
                Provider {
                    api_key: "sk-test".into(),
                    remember_key: true,
                    stream: true,
                    conversations: Some(Api::Images),
                    chat_model: "gpt-5.1-mini".into(),
                    model: "gpt-image-2".into(),
                    description: "OpenAI's own API".into(),
                    locked: true,
                    from_site: Some(SiteValues {
                        base_url: "https://api.openai.com/v1".into(),
                        model: "gpt-image-2".into(),
                    }),
                    azure_api_version: "2025-04-01-preview".into(),
                    headers: "x-team: images".into(),
                    query: "tenant=a".into(),
                    ..Provider::named("OpenAI", "https://api.openai.com/v1")
                },
            ],
            current: 1,
            timeout_seconds: 600,
            max_retries: 2,
        };
        assert_eq!(SavedProviders::from_json(&serde_json::to_value(&saved).unwrap()), Ok(saved));
    }

    #[test]
    fn an_endpoint_without_a_key_reads_as_keyless() {
        let provider = Provider::from_json(&json!({"name": "Relay", "base_url": "https://relay.example/v1"}));
        assert_eq!(
            provider.map(|provider| (provider.api_key, provider.remember_key, provider.stream)),
            Ok((String::new(), false, false))
        );
        let saved =
            json!({"endpoints": [{"name": 1, "base_url": "x"}], "current": 0, "timeout_seconds": 1, "max_retries": 0});
        assert_eq!(
            SavedProviders::from_json(&saved),
            Err("`endpoints[0]` of the settings: `name` of an endpoint is not a string".into())
        );
    }
}
