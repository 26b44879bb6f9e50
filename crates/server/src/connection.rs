//! A handle on the connection a request came in on, so that a fault can drop
//! it without an answer (`reset`).

use std::sync::Arc;

use tokio::sync::Notify;

/// Found in each request's extensions: [`ConnectionControl::reset`] closes
/// the connection without an answer.
#[derive(Debug, Clone, Default)]
pub struct ConnectionControl(Arc<Notify>);

impl ConnectionControl {
    /// Closes the connection at once: the client sees it drop with no response.
    pub fn reset(&self) {
        self.0.notify_one();
    }

    /// Resolves when [`ConnectionControl::reset`] was called.
    pub async fn reset_requested(&self) {
        self.0.notified().await;
    }
}
