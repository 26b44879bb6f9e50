//! `gpt-image-server`: the OpenAI Images API on loopback.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use gpt_image_server::{Config, Fault, Latency, Upstream, parse_fault_option};

/// A local OpenAI Images API: real images, streaming, faults on demand, relay to a real provider.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// The environment variable holding the API key clients must send; no key is required when it is unset or empty.
    #[arg(long, value_name = "NAME")]
    api_key_env: Option<String>,
    /// The largest request body accepted, in MiB (larger ones get 413).
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    body_limit_mb: usize,
    /// Simulated generation time in milliseconds: `low=…,medium=…,high=…,xhigh=…,max=…`
    /// (`xhigh` and `max` default to twice the step below), or one number for all.
    #[arg(long, value_name = "SPEC", value_parser = Latency::parse)]
    latency_ms: Option<Latency>,
    /// How long `response_format: url` links answer, in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    url_ttl_secs: u64,
    /// The most MiB of images kept for links (the oldest go first).
    #[arg(long, default_value_t = 256, value_name = "MIB")]
    url_max_mb: usize,
    /// Fail image requests: `NAME` for all of them, `NAME:COUNT` for the next COUNT; repeat to chain steps.
    #[arg(long = "fault", value_name = "NAME[:COUNT]", value_parser = parse_fault_option)]
    faults: Vec<(Fault, Option<u32>)>,
    /// A built playground to serve at `/`.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// A header added to every `--static` file, as a static host would
    /// (`Content-Security-Policy: ...`); repeat for more.
    #[arg(long = "header", value_name = "NAME: VALUE", value_parser = parse_header)]
    static_headers: Vec<(String, String)>,
    /// Relay `/v1/images/*` and `/v1/models` to this provider base URL (e.g. https://api.openai.com/v1).
    #[arg(long, value_name = "URL")]
    upstream: Option<String>,
    /// The environment variable holding the provider key for `--upstream`.
    #[arg(long, default_value = "OPENAI_API_KEY", value_name = "NAME")]
    upstream_key_env: String,
    /// Exit after this many seconds (a safety limit for test harnesses).
    #[arg(long, value_name = "SECONDS")]
    exit_after: Option<u64>,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let upstream = cli.upstream.map(|base_url| {
        let api_key = env(&cli.upstream_key_env);
        if api_key.is_none() {
            eprintln!(
                "warning: ${} is not set: requests are relayed with the client's own Authorization",
                cli.upstream_key_env
            );
        }
        Upstream { base_url, api_key }
    });
    let config = Config {
        api_key: cli.api_key_env.as_deref().and_then(env),
        body_limit: cli.body_limit_mb.saturating_mul(1024 * 1024),
        latency: cli.latency_ms.unwrap_or_default(),
        url_ttl: Duration::from_secs(cli.url_ttl_secs),
        url_max_bytes: cli.url_max_mb.saturating_mul(1024 * 1024),
        faults: cli.faults,
        static_dir: cli.static_dir,
        static_headers: cli.static_headers,
        upstream,
        ..Config::default()
    };
    let listener = tokio::net::TcpListener::bind((cli.host, cli.port)).await?;
    let address = listener.local_addr()?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{address}")?;
    stdout.flush()?;
    if let Some(seconds) = cli.exit_after {
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(seconds)).await;
            eprintln!("exiting after {seconds} s (--exit-after)");
            std::process::exit(0);
        });
    }
    gpt_image_server::serve(config, listener).await
}

/// `Name: value`, checked to be a valid header.
fn parse_header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text.split_once(':').ok_or_else(|| format!("{text:?} is not `Name: value`"))?;
    let (name, value) = (name.trim(), value.trim());
    axum::http::HeaderName::try_from(name).map_err(|_| format!("{name:?} is not a header name"))?;
    axum::http::HeaderValue::try_from(value).map_err(|_| format!("the value of {name} is not a header value"))?;
    Ok((name.to_owned(), value.to_owned()))
}
