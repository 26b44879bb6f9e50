//! A failed or cancelled request on the page: the advice of [`crate::errors`],
//! Retry where it can help, Dismiss, and the offer to turn streaming on for
//! the provider in use where a gateway cut a long wait.

use gpt_image_wasm::ErrorClass;
use leptos::prelude::*;

use crate::errors::Advice;
use crate::i18n::words;
use crate::settings::Providers;

/// A failed or cancelled request: what happened, and Retry where it can
/// help. `on_retry` sends the same request again.
#[component]
pub fn Failure(
    /// What to say, and whether to offer Retry.
    advice: Advice,
    /// Sends the same request again.
    on_retry: Callback<()>,
    /// Takes the failed request off the screen.
    on_dismiss: Callback<()>,
) -> impl IntoView {
    let Advice { message, retry, class, offer_stream } = advice;
    let cancelled = class == ErrorClass::UserAbort;
    let (kind, role) = if cancelled { ("failure cancelled", "status") } else { ("failure", "alert") };
    let providers = use_context::<Providers>().filter(|_| offer_stream);
    view! {
        <div class=kind role=role data-class=class.name()>
            <p>{message}</p>
            <div class="failure-actions">
                {providers.map(|providers| view! { <TurnOnStreaming providers /> })}
                {retry.then(|| view! { <button type="button" on:click=move |_| on_retry.run(())>{move || words().failure_retry}</button> })}
                <button type="button" class="secondary" on:click=move |_| on_dismiss.run(())>{move || words().dismiss}</button>
            </div>
        </div>
    }
}

/// The offer to stream from the provider in use: one click turns streaming
/// on for it (and in the form), then says so.
#[component]
fn TurnOnStreaming(
    /// Where the provider's streaming is kept.
    providers: Providers,
) -> impl IntoView {
    let done = RwSignal::new(false);
    let name = move || providers.provider().name;
    let turn_on = move |_| {
        providers.set_streaming(true);
        done.set(true);
    };
    view! {
        {move || if done.get() {
            view! { <p class="stream-on" role="status">{move || (words().failure_stream_on)(&name())}</p> }.into_any()
        } else {
            view! { <button type="button" on:click=turn_on>{move || (words().failure_stream_offer)(&name())}</button> }.into_any()
        }}
    }
}
