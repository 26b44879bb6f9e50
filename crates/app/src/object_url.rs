//! `blob:` URLs for images, revoked when the view that shows them goes away.

use leptos::prelude::on_cleanup;
use web_sys::{Blob, Url};

/// A `blob:` URL for `blob`, revoked when the current reactive owner (the
/// component or row showing it) is cleaned up.
pub fn object_url(blob: &Blob) -> String {
    let url = Url::create_object_url_with_blob(blob).unwrap_or_default();
    let revoked = url.clone();
    on_cleanup(move || {
        let _ = Url::revoke_object_url(&revoked);
    });
    url
}
