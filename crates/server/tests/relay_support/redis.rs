//! A `redis-server` of a test's own (Debian's `redis-server`, installed by
//! `cargo xtask setup`), shared by the unit and the integration tests
//! (each uses part of it).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `redis-server` of the test's own on 127.0.0.1 and a free port, without
/// persistence; stopped when dropped.
pub struct Redis {
    child: Child,
    /// `redis://127.0.0.1:PORT`, or `rediss://` for [`Redis::start_tls`].
    pub url: String,
    /// The PEM certificate a client must trust, for [`Redis::start_tls`].
    pub certificate: Option<PathBuf>,
}

impl Redis {
    /// Starts it and waits until it answers `PING`.
    pub fn start() -> Redis {
        let port = free_port();
        let child = spawn(&["--port", &port.to_string()]);
        let redis = Redis { child, url: format!("redis://127.0.0.1:{port}"), certificate: None };
        wait_for(port, pong);
        redis
    }

    /// Starts one that speaks only TLS, with a self-signed certificate for
    /// 127.0.0.1 made for it (no client certificates asked for).
    pub fn start_tls() -> Redis {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("gpt-image-redis-tls-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder for the certificate");
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).expect("a certificate");
        let (certificate, key) = (dir.join("redis.crt"), dir.join("redis.key"));
        std::fs::write(&certificate, made.cert.pem()).expect("the certificate written");
        std::fs::write(&key, made.signing_key.serialize_pem()).expect("the key written");
        let (certificate_text, key_text) = (certificate.to_str().unwrap(), key.to_str().unwrap());
        #[rustfmt::skip]
        let child = spawn(&[
            "--port", "0", "--tls-port", &port.to_string(), "--tls-cert-file", certificate_text,
            "--tls-key-file", key_text, "--tls-ca-cert-file", certificate_text, "--tls-auth-clients", "no",
        ]);
        let redis = Redis { child, url: format!("rediss://127.0.0.1:{port}"), certificate: Some(certificate) };
        wait_for(port, |port| TcpStream::connect(("127.0.0.1", port)).is_ok());
        redis
    }
}

/// A free port below the kernel's ephemeral range (32768 and up on Linux),
/// which is where every server of the other tests binds (port 0): between
/// this check and redis-server's own bind, none of them can take it, and a
/// readiness probe cannot reach another test's listener on it.
fn free_port() -> u16 {
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().subsec_nanos();
    (0..1000u32)
        .map(|attempt| 20_000 + ((seed / 7 + attempt * 7919 + std::process::id()) % 10_000) as u16)
        .find(|&port| std::net::TcpListener::bind(("127.0.0.1", port)).is_ok())
        .expect("a free port between 20000 and 30000")
}

/// `redis-server` on 127.0.0.1 with `args`, without persistence.
fn spawn(args: &[&str]) -> Child {
    Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        .args(args)
        .arg("--dir")
        .arg(std::env::temp_dir())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server is not installed: run `cargo xtask setup` (it installs Debian's redis-server)")
}

fn wait_for(port: u16, ready: impl Fn(u16) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ready(port) {
        assert!(Instant::now() < deadline, "redis-server did not answer on port {port}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn pong(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let mut answer = [0u8; 7];
    stream.write_all(b"PING\r\n").is_ok() && stream.read_exact(&mut answer).is_ok() && &answer == b"+PONG\r\n"
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
