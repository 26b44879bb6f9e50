//! `gpt-image-server`: the OpenAI Images API on loopback.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};
use gpt_image_core::Quality;
use gpt_image_core::catalogue::ModelSpec;
use gpt_image_server::{
    Caps, Config, Fault, KeepAlive, Latency, Limits, LogTarget, OriginPattern, Policy, StoreConfig, Token, Upstream,
    parse_fault_option,
};

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
    /// How long a response of `/v1/responses` is kept for `previous_response_id`, in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    response_ttl_secs: u64,
    /// The most responses kept for `previous_response_id` (the oldest go first).
    #[arg(long, default_value_t = 256, value_name = "N")]
    response_max: usize,
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
    /// Relay `/v1/images/*` and `/v1/models` to this provider base URL (e.g.
    /// https://api.openai.com/v1); repeat for more, tried in order.
    #[arg(long = "upstream", value_name = "URL")]
    upstreams: Vec<String>,
    /// The environment variable holding the key of the `--upstream` it
    /// follows (one given before every `--upstream` belongs to the first); OPENAI_API_KEY by default.
    #[arg(long = "upstream-key-env", value_name = "NAME")]
    upstream_key_envs: Vec<String>,
    /// The models the `--upstream` it follows serves (catalogue names, `,` between them); every model by default.
    #[arg(long = "upstream-models", value_name = "MODELS", value_parser = parse_models)]
    upstream_models: Vec<ModelList>,
    /// How long an upstream that failed (unreachable, 5xx, 429) rests before it is tried again, in seconds.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS", value_parser = parse_seconds)]
    upstream_rest_secs: f64,
    /// How long a relayed answer may be silent before the relay sends a keep-alive, in seconds; 0: never.
    #[arg(long, default_value_t = 15.0, value_name = "SECONDS", value_parser = parse_seconds)]
    keep_alive_secs: f64,
    /// Keep JSON answers alive too: `200` and the headers at once, whitespace
    /// until the body (a later failure is then a JSON error body under `200`).
    #[arg(long)]
    json_keep_alive: bool,
    /// Exit after this many seconds (a safety limit for test harnesses).
    #[arg(long, value_name = "SECONDS")]
    exit_after: Option<u64>,
    /// Only web pages on this origin may call (`https://app.example.com`,
    /// `https://*.example.com`, `http://localhost:*`); repeat for more.
    #[arg(long = "allow-origin", value_name = "ORIGIN", value_parser = OriginPattern::parse)]
    allow_origins: Vec<OriginPattern>,
    /// A file of named client tokens, one `NAME SECRET [LIMITS]` a line.
    #[arg(long, value_name = "PATH")]
    tokens_file: Option<PathBuf>,
    /// The environment variable holding named client tokens (`NAME SECRET [LIMITS]`, `;` between them).
    #[arg(long, value_name = "NAME")]
    tokens_env: Option<String>,
    /// Only this model (a catalogue id or snapshot, with its snapshots) may be asked for; repeat for more.
    #[arg(long = "allow-model", value_name = "MODEL", value_parser = Caps::parse_model)]
    allow_models: Vec<&'static ModelSpec>,
    /// The most images one request may ask for (`n`).
    #[arg(long, value_name = "N")]
    max_n: Option<u32>,
    /// The most pixels per image: a number or WIDTHxHEIGHT (`1536x1024`).
    #[arg(long, value_name = "PIXELS", value_parser = Caps::parse_pixels)]
    max_pixels: Option<u64>,
    /// The most effort one request may ask for: low, medium, high, xhigh or max.
    #[arg(long, value_name = "QUALITY", value_parser = Caps::parse_quality)]
    max_quality: Option<Quality>,
    /// Refuse `stream: true`.
    #[arg(long)]
    no_stream: bool,
    /// Limits for each token: `requests=N/min,images=N/day,usd=X/day` (any subset).
    #[arg(long, value_name = "SPEC", value_parser = Limits::parse)]
    limit_per_token: Option<Limits>,
    /// Limits for each client address (IPv6 by /64), as for --limit-per-token.
    #[arg(long, value_name = "SPEC", value_parser = Limits::parse)]
    limit_per_address: Option<Limits>,
    /// Limits for all callers together, as for --limit-per-token.
    #[arg(long, value_name = "SPEC", value_parser = Limits::parse)]
    limit_total: Option<Limits>,
    /// Dollars per million text tokens of the answering model on `/v1/responses`
    /// (input and output), counted from each answer's `usage`; images are priced by the catalogue.
    #[arg(long, value_name = "USD", value_parser = parse_rate)]
    text_usd_per_million_tokens: Option<f64>,
    /// The environment variable holding a Redis URL (`redis://127.0.0.1:6379/0`) for counters
    /// shared by several relay processes; without it, counters are kept in this process.
    #[arg(long, value_name = "NAME")]
    redis_url_env: Option<String>,
    /// The prefix of every Redis key (relays with other limits use another prefix).
    #[arg(long, default_value = "gpt-image-relay:", value_name = "PREFIX")]
    redis_prefix: String,
    /// A proxy in front of this server, whose `X-Forwarded-For` names the client; repeat for more.
    #[arg(long = "trusted-proxy", value_name = "ADDR")]
    trusted_proxies: Vec<IpAddr>,
    /// Where the request log goes: a file, `-` for stderr, or `off`
    /// (default: stderr with --upstream, off without).
    #[arg(long, value_name = "PATH")]
    request_log: Option<String>,
    /// Put each request's prompt in the request log.
    #[arg(long)]
    log_prompts: bool,
    /// The environment variable holding the key for `GET /relay/spend`.
    #[arg(long, value_name = "NAME")]
    admin_key_env: Option<String>,
    /// Start a relay on a public address without origins, tokens or limits anyway.
    #[arg(long)]
    allow_open_relay: bool,
}

/// Ends the process with a message on stderr (a startup error).
fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("gpt-image-server: {message}");
    std::process::exit(2)
}

/// The variable's value, or an error naming it and the option.
fn required_env(name: &str, option: &str) -> String {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => value,
        _ => fail(format!("{option} {name}: ${name} is not set")),
    }
}

/// The named tokens of --tokens-file and --tokens-env, read at startup.
fn tokens(cli: &Cli) -> Vec<Token> {
    let mut text = String::new();
    if let Some(path) = &cli.tokens_file {
        match std::fs::read_to_string(path) {
            Ok(file) => text.push_str(&file),
            Err(error) => fail(format!("--tokens-file {}: {error}", path.display())),
        }
    }
    if let Some(name) = &cli.tokens_env {
        text.push('\n');
        text.push_str(&required_env(name, "--tokens-env"));
    }
    let tokens = Token::parse_list(&text).unwrap_or_else(|error| fail(format!("tokens: {error}")));
    if (cli.tokens_file.is_some() || cli.tokens_env.is_some()) && tokens.is_empty() {
        fail("--tokens-file or --tokens-env was given, but it holds no token");
    }
    tokens
}

/// The relay's rules from the options.
fn policy(cli: &Cli) -> Policy {
    let store = match &cli.redis_url_env {
        Some(name) => {
            StoreConfig::Redis { url: required_env(name, "--redis-url-env"), prefix: cli.redis_prefix.clone() }
        }
        None => StoreConfig::Memory,
    };
    let log = match cli.request_log.as_deref() {
        Some("off") => None,
        Some(target) => Some(LogTarget::parse(target)),
        None => (!cli.upstreams.is_empty()).then_some(LogTarget::Stderr),
    };
    Policy {
        origins: cli.allow_origins.clone(),
        tokens: tokens(cli),
        caps: Caps {
            models: cli.allow_models.clone(),
            max_n: cli.max_n,
            max_pixels: cli.max_pixels,
            max_quality: cli.max_quality.clone(),
            no_stream: cli.no_stream,
        },
        per_token: cli.limit_per_token.unwrap_or_default(),
        per_address: cli.limit_per_address.unwrap_or_default(),
        total: cli.limit_total.unwrap_or_default(),
        store,
        trusted_proxies: cli.trusted_proxies.clone(),
        log,
        log_prompts: cli.log_prompts,
        admin_key: cli.admin_key_env.as_deref().map(|name| required_env(name, "--admin-key-env")),
        text_usd_per_million: cli.text_usd_per_million_tokens,
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let policy = policy(&cli);
    let own_keys = cli.api_key_env.as_deref().and_then(env).is_some() || !policy.tokens.is_empty();
    let upstreams = upstreams(&matches, &cli, own_keys);
    if cli.json_keep_alive && cli.keep_alive_secs == 0.0 {
        fail("--json-keep-alive needs a --keep-alive-secs above 0");
    }
    let config = Config {
        api_key: cli.api_key_env.as_deref().and_then(env),
        body_limit: cli.body_limit_mb.saturating_mul(1024 * 1024),
        latency: cli.latency_ms.unwrap_or_default(),
        url_ttl: Duration::from_secs(cli.url_ttl_secs),
        url_max_bytes: cli.url_max_mb.saturating_mul(1024 * 1024),
        response_ttl: Duration::from_secs(cli.response_ttl_secs),
        response_max: cli.response_max,
        faults: cli.faults,
        static_dir: cli.static_dir,
        static_headers: cli.static_headers,
        upstreams,
        upstream_rest: Duration::from_secs_f64(cli.upstream_rest_secs),
        keep_alive: KeepAlive {
            interval: (cli.keep_alive_secs > 0.0).then(|| Duration::from_secs_f64(cli.keep_alive_secs)),
            json: cli.json_keep_alive,
        },
        policy,
        ..Config::default()
    };
    if !cli.allow_open_relay
        && let Err(message) = config.check_exposure(cli.host)
    {
        fail(message);
    }
    let ready = gpt_image_server::Ready::new(config).await.unwrap_or_else(|error| fail(error));
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
    ready.serve(listener).await
}

/// The `--upstream`s, each with the `--upstream-key-env` and
/// `--upstream-models` that follow it (those before every `--upstream`
/// belong to the first).
fn upstreams(matches: &ArgMatches, cli: &Cli, own_keys: bool) -> Vec<Upstream> {
    let at = |id: &str| matches.indices_of(id).map(Iterator::collect::<Vec<usize>>).unwrap_or_default();
    let starts = at("upstreams");
    let owner = |index: usize| starts.iter().rposition(|start| *start < index).unwrap_or(0);
    let mut key_envs: Vec<Option<&str>> = vec![None; starts.len()];
    let mut models: Vec<Option<&ModelList>> = vec![None; starts.len()];
    for (index, name) in at("upstream_key_envs").into_iter().zip(&cli.upstream_key_envs) {
        if starts.is_empty() {
            break;
        }
        let slot = &mut key_envs[owner(index)];
        if slot.replace(name).is_some() {
            fail(format!(
                "--upstream-key-env {name}: --upstream {} has a key variable already (give one after each --upstream)",
                cli.upstreams[owner(index)]
            ));
        }
    }
    for (index, list) in at("upstream_models").into_iter().zip(&cli.upstream_models) {
        if starts.is_empty() {
            fail("--upstream-models needs an --upstream to belong to");
        }
        if models[owner(index)].replace(list).is_some() {
            fail(format!(
                "--upstream-models: --upstream {} has a model list already (give one after each --upstream)",
                cli.upstreams[owner(index)]
            ));
        }
    }
    let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let mut upstreams = Vec::new();
    for ((base_url, key_env), models) in cli.upstreams.iter().zip(key_envs).zip(models) {
        let key_env = key_env.unwrap_or("OPENAI_API_KEY");
        let api_key = env(key_env);
        if api_key.is_none() {
            let how = match own_keys {
                true => "without a key (the relay's own key and tokens are never sent on)",
                false => "with the client's own Authorization",
            };
            eprintln!("warning: ${key_env} is not set: requests to {base_url} are relayed {how}");
        }
        upstreams.push(Upstream {
            base_url: base_url.clone(),
            api_key,
            models: models.map(|list| list.0.clone()).unwrap_or_default(),
        });
    }
    upstreams
}

/// The models of one `--upstream-models`.
#[derive(Clone)]
struct ModelList(Vec<&'static ModelSpec>);

/// `gpt-image-2,gpt-image-1-mini`: catalogue names.
fn parse_models(text: &str) -> Result<ModelList, String> {
    text.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(Caps::parse_model)
        .collect::<Result<_, _>>()
        .map(ModelList)
}

/// A number of seconds, fractions allowed, not negative.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => Ok(seconds),
        _ => Err(format!("{text:?} is not a number of seconds (0 or more)")),
    }
}

/// Dollars, not negative.
fn parse_rate(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(usd) if usd.is_finite() && usd >= 0.0 => Ok(usd),
        _ => Err(format!("{text:?} is not an amount of dollars (0 or more)")),
    }
}

/// `Name: value`, checked to be a valid header.
fn parse_header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text.split_once(':').ok_or_else(|| format!("{text:?} is not `Name: value`"))?;
    let (name, value) = (name.trim(), value.trim());
    axum::http::HeaderName::try_from(name).map_err(|_| format!("{name:?} is not a header name"))?;
    axum::http::HeaderValue::try_from(value).map_err(|_| format!("the value of {name} is not a header value"))?;
    Ok((name.to_owned(), value.to_owned()))
}
