//! An image the provider answered only as a link, which this page could
//! not fetch (a host that sends no CORS headers, a refused or expired
//! link): paid for, so shown from its link with what went wrong, and Open
//! and Download while the link lasts. Its bytes never reached the page, so
//! the gallery cannot keep it.

use leptos::prelude::*;

use crate::i18n::words;

/// The image at `url`, and why it could not be kept (`reason`).
#[component]
pub fn LinkImage(
    /// The link the provider sent.
    url: String,
    /// What went wrong when the page fetched it.
    reason: String,
    /// The image's alternative text.
    alt: String,
    /// The CSS aspect ratio of the placeholder, `W / H`.
    ratio: String,
) -> impl IntoView {
    view! {
        <figure class="picture link-image" style:--ratio=ratio>
            <img src=url.clone() alt=alt referrerpolicy="no-referrer" />
            <figcaption role="status">
                <span>{move || (words().link_not_kept)(&reason)}</span>
                <span class="link-actions">
                    <a href=url.clone() target="_blank" rel="noopener noreferrer">{move || words().open_link}</a>
                    <a href=url download="">{move || words().download_link}</a>
                </span>
            </figcaption>
        </figure>
    }
}
