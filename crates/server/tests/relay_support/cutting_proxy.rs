//! A proxy that cuts a connection on which nothing has come back for a
//! while, as nginx (`proxy_read_timeout`) and CDNs do.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Starts a proxy on loopback in front of `target` (`127.0.0.1:PORT`) that
/// closes a connection once `idle` passes without a byte from the target;
/// returns its root URL. It lives as long as the test's runtime.
pub async fn start(target: &str, idle: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let target = target.trim_start_matches("http://").to_owned();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let target = target.clone();
            tokio::spawn(async move {
                if let Ok(server) = TcpStream::connect(&target).await {
                    pipe(client, server, idle).await;
                }
            });
        }
    });
    format!("http://{address}")
}

/// Copies both ways until either side closes or the server is silent for `idle`.
async fn pipe(client: TcpStream, server: TcpStream, idle: Duration) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let upload = async move {
        let mut buffer = vec![0u8; 64 * 1024];
        while let Ok(read @ 1..) = client_read.read(&mut buffer).await {
            if server_write.write_all(&buffer[..read]).await.is_err() {
                break;
            }
        }
        // Keep the server's side open: the answer may still be coming.
        std::future::pending::<()>().await;
    };
    let download = async move {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            match tokio::time::timeout(idle, server_read.read(&mut buffer)).await {
                Ok(Ok(read @ 1..)) => {
                    if client_write.write_all(&buffer[..read]).await.is_err() {
                        return;
                    }
                }
                // Closed, failed, or silent for too long: cut.
                _ => return,
            }
        }
    };
    tokio::select! {
        _ = upload => {}
        _ = download => {}
    }
}
