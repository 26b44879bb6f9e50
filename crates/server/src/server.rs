//! The accept loop: one task per connection, each able to drop its
//! connection without an answer (the `reset` fault).

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::app::App;
use crate::config::Config;
use crate::connection::ConnectionControl;
use crate::relay::Gate;

/// Serves the API on `listener` until the process ends.
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// gpt_image_server::serve(gpt_image_server::Config::default(), listener).await
/// # }
/// ```
pub async fn serve(config: Config, listener: TcpListener) -> io::Result<()> {
    Ready::new(config).await?.serve(listener).await
}

/// A server ready to serve: its counters' store reached and its request
/// log open, so that a binary can fail before it says where it listens.
pub struct Ready {
    config: Config,
    gate: Gate,
}

impl Ready {
    /// Connects the store and opens the log that `config` names.
    pub async fn new(config: Config) -> io::Result<Ready> {
        let gate = Gate::new(config.policy.clone(), config.api_key.clone(), config.body_limit).await?;
        Ok(Ready { config, gate })
    }

    /// Serves the API on `listener` until the process ends.
    pub async fn serve(self, listener: TcpListener) -> io::Result<()> {
        let app = Arc::new(App::new(self.config, listener.local_addr()?, self.gate)?);
        accept(crate::routes::router(app), listener).await
    }
}

/// The accept loop.
async fn accept(router: Router, listener: TcpListener) -> io::Result<()> {
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors and the like: wait, then go on.
                eprintln!("accept failed: {error}");
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                continue;
            }
        };
        tokio::spawn(serve_connection(router.clone(), stream, peer));
    }
}

async fn serve_connection(router: Router, stream: tokio::net::TcpStream, peer: SocketAddr) {
    let _ = stream.set_nodelay(true);
    let control = ConnectionControl::default();
    let for_requests = control.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(for_requests.clone());
        request.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(request)
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        _ = control.reset_requested() => {}
    }
}
