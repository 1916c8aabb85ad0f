//! `spoor serve-chain`: the explorer stand-in over HTTP, on 127.0.0.1 only.
//!
//! API requests (under `--api-prefix`) are answered by the pure `standin::answer`, after the
//! injected trouble: `--rate-limit` (429 like mempool.space's nginx: HTML, no CORS header),
//! `--latency-ms`, and the seeded faults of `standin::faults` (`--fail-rate`, `--burst-429`,
//! `--slow-rate`, `--truncate-rate`, `--malformed-rate`). `--static DIR` serves the built app
//! beside the API.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use std::net::TcpListener;

use super::http_server::{self, HttpRequest, HttpResponse};

use crate::standin::{
    answer, content_type_for, parse_rate_limit, static_file_path, ChainIndex, Fault, FaultInjector, TokenBucket,
};

/// nginx's own 429 page, which is what mempool.space answers when it rate-limits.
const TOO_MANY_REQUESTS_HTML: &str = "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n\
<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// Everything the workers share.
struct State {
    index: ChainIndex,
    /// Starts with `/`, no trailing `/`; empty means every path is an API path.
    api_prefix: String,
    /// Other coins' chains, each under `/<coin><api_prefix>`.
    others: Vec<(String, ChainIndex)>,
    latency: Duration,
    limiter: Option<Mutex<TokenBucket>>,
    faults: Mutex<FaultInjector>,
    /// config.json's `request_timeout_ms` (`--request-timeout-ms`).
    request_timeout_ms: Option<u32>,
    static_dir: Option<PathBuf>,
    /// `--labels` files by the name they are served under (`/extra-labels/<name>`).
    extra_labels: Vec<(String, PathBuf)>,
    start: Option<String>,
    demo_routes: Vec<String>,
    started: Instant,
}

/// One reply before it becomes an HTTP response.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    /// Whether to send `Access-Control-Allow-Origin: *`.
    cors: bool,
    /// `Retry-After` seconds (Blockbook's rate limiter sends it).
    retry_after: Option<u32>,
}

impl Reply {
    fn text(status: u16, body: &str, cors: bool) -> Reply {
        Reply {
            status,
            content_type: "text/plain",
            body: body.as_bytes().to_vec(),
            cors,
            retry_after: None,
        }
    }
}

/// Loads the chain file, binds 127.0.0.1:`--port`, prints the listening line and serves forever.
///
/// # Errors
/// An unreadable or bad chain file (naming the line), bad options, or a port that cannot be bound.
pub fn run(args: &super::ServeArgs) -> Result<(), String> {
    let chain_name = args.chain.display();
    let text = std::fs::read_to_string(&args.chain).map_err(|e| format!("cannot read chain file {chain_name}: {e}"))?;
    let coin = super::trace::args::chain_of(&args.coin)?;
    let load = |coin: crate::chain::Chain, text: &str, name: &str| {
        let index = ChainIndex::from_jsonl_of(coin, text).map_err(|e| format!("{name}: {e}"))?;
        Ok::<_, String>(if args.no_spending_index {
            index.without_spending_index()
        } else {
            index
        })
    };
    let index = load(coin, &text, &chain_name.to_string())?;
    let prefix = normalise_prefix(&args.api_prefix);
    let mut others = Vec::new();
    for spec in &args.also_chains {
        let (code, file) = spec
            .split_once('=')
            .ok_or_else(|| format!("--also-chain {spec:?}: write COIN=FILE, e.g. bch=bch/chain.jsonl"))?;
        let other = super::trace::args::chain_of(code)?;
        if other == coin
            || others
                .iter()
                .any(|(_, index): &(String, ChainIndex)| index.chain() == other)
        {
            return Err(format!("--also-chain {spec:?}: {} is served already", other.code()));
        }
        let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read chain file {file}: {e}"))?;
        others.push((format!("/{}{prefix}", other.code()), load(other, &text, file)?));
    }
    let per_second = args
        .rate_limit
        .as_deref()
        .map(parse_rate_limit)
        .transpose()
        .map_err(|e| e.to_string())?;
    let fault_plan = args.faults.plan()?;
    if let Some(dir) = &args.static_dir {
        if !dir.is_dir() {
            return Err(format!("--static {} is not a directory", dir.display()));
        }
    }
    let mut extra_labels = Vec::new();
    for file in &args.labels {
        if !file.is_file() {
            return Err(format!("--labels {} is not a file", file.display()));
        }
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("labels.csv");
        extra_labels.push((format!("{}-{name}", extra_labels.len() + 1), file.clone()));
    }
    let server = TcpListener::bind(("127.0.0.1", args.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", args.port))?;
    let port = server
        .local_addr()
        .map_err(|e| format!("no local address: {e}"))?
        .port();
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "spoor serve-chain: listening on http://127.0.0.1:{port}")
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    drop(stdout);

    let started = Instant::now();
    let state = Arc::new(State {
        index,
        api_prefix: prefix,
        others,
        latency: Duration::from_millis(args.latency_ms),
        limiter: per_second.map(|n| Mutex::new(TokenBucket::new(n, 0))),
        faults: Mutex::new(FaultInjector::new(fault_plan)),
        request_timeout_ms: args.faults.request_timeout_ms,
        static_dir: args.static_dir.clone(),
        extra_labels,
        start: args.start.clone(),
        demo_routes: args.demo_routes.clone(),
        started,
    });
    let handler = Arc::new(move |request: &HttpRequest| respond(&state, request));
    http_server::serve(&server, handler);
    Ok(())
}

/// `api`, `/api/` → `/api`; `/` → empty.
fn normalise_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

fn respond(state: &State, request: &HttpRequest) -> HttpResponse {
    let url = request.url.as_str();
    // Another coin's prefix (`/bch/api`) first: the main one may be empty (every path).
    let api = state
        .others
        .iter()
        .find_map(|(prefix, index)| Some((index, api_path(prefix, url)?)))
        .or_else(|| Some((&state.index, api_path(&state.api_prefix, url)?)));
    let is_api = api.is_some();
    let reply = match request.method.as_str() {
        "GET" | "HEAD" => match api {
            Some((index, path)) => api_reply(state, index, path),
            None => app_reply(state, url),
        },
        "OPTIONS" => Reply {
            status: 204,
            content_type: "text/plain",
            body: Vec::new(),
            cors: true,
            retry_after: None,
        },
        _ => Reply::text(405, "Method not allowed", is_api),
    };
    let mut headers = vec![("Content-Type".to_string(), reply.content_type.to_string())];
    if reply.cors {
        headers.push(("Access-Control-Allow-Origin".into(), "*".into()));
    } else {
        // The app's files: the content security policy (with frame-ancestors) and the rest of
        // what docs/hosting.md asks of a host.
        headers.extend(
            crate::hosting::headers()
                .into_iter()
                .map(|(name, value)| (name.to_string(), value)),
        );
    }
    if request.method == "OPTIONS" {
        headers.push(("Access-Control-Allow-Methods".into(), "GET".into()));
    }
    if let Some(secs) = reply.retry_after {
        headers.push(("Retry-After".into(), secs.to_string()));
    }
    if reply.status == 405 {
        headers.push(("Allow".into(), "GET, HEAD, OPTIONS".into()));
    }
    let body = if request.method == "HEAD" {
        Vec::new()
    } else {
        reply.body
    };
    HttpResponse {
        status: reply.status,
        headers,
        body,
    }
}

/// The part of the URL after the API prefix (query included), if this is an API request.
fn api_path<'a>(prefix: &str, url: &'a str) -> Option<&'a str> {
    let rest = url.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with(['/', '?'])).then_some(rest)
}

fn api_reply(state: &State, index: &ChainIndex, path: &str) -> Reply {
    if let Some(limiter) = &state.limiter {
        let now_ms = u64::try_from(state.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let allowed = limiter.lock().unwrap_or_else(PoisonError::into_inner).try_take(now_ms);
        if !allowed {
            // Blockbook's limiter answers JSON with `Retry-After`; mempool.space's nginx an HTML
            // page without CORS headers.
            if path.starts_with("/v2") || path.starts_with("/status") {
                return Reply {
                    status: 429,
                    content_type: "application/json",
                    body: br#"{"error":"rate limit exceeded"}"#.to_vec(),
                    cors: true,
                    retry_after: Some(1),
                };
            }
            let body = TOO_MANY_REQUESTS_HTML.as_bytes().to_vec();
            return Reply {
                status: 429,
                content_type: "text/html",
                body,
                cors: false,
                retry_after: None,
            };
        }
    }
    let now_ms = u64::try_from(state.started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let fault = state
        .faults
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .decide(path, now_ms);
    if let Fault::TooManyRequests { retry_after_secs } = fault {
        return Reply {
            status: 429,
            content_type: "application/json",
            body: br#"{"error":"rate limit exceeded"}"#.to_vec(),
            cors: true,
            retry_after: Some(retry_after_secs),
        };
    }
    let delay = match fault {
        Fault::Slow { delay_ms } => state.latency + Duration::from_millis(delay_ms),
        _ => state.latency,
    };
    if !delay.is_zero() {
        thread::sleep(delay);
    }
    if let Fault::ServerError { status } = fault {
        return Reply::text(status, "Internal server error", true);
    }
    let answer = fault.spoil(answer(index, path));
    Reply {
        status: answer.status,
        content_type: answer.content_type,
        body: answer.body.into_bytes(),
        cors: true,
        retry_after: None,
    }
}

/// Non-API requests: our own `/config.json`, else the `--static` app.
fn app_reply(state: &State, url: &str) -> Reply {
    let path = url.split_once('?').map_or(url, |(before, _)| before);
    if path == "/config.json" {
        let config = app_config(state);
        return Reply {
            status: 200,
            content_type: "application/json",
            body: config.to_string().into_bytes(),
            cors: true,
            retry_after: None,
        };
    }
    if let Some(name) = path.strip_prefix("/extra-labels/") {
        return extra_label_file(state, name);
    }
    let Some(dir) = &state.static_dir else {
        return Reply::text(404, "Not found", false);
    };
    match static_file_path(path) {
        Ok(relative) => static_file(dir, &relative),
        Err(e) => Reply::text(400, &format!("Bad request: {e}"), false),
    }
}

/// The app's config.json: this server's API, the label files to load, the start route and the
/// synthetic demo's routes.
fn app_config(state: &State) -> serde_json::Value {
    // The bundled label data when the served app has it (dist/labels/index.json), and the
    // --labels files.
    let label_index = state
        .static_dir
        .as_ref()
        .filter(|dir| dir.join("labels").join("index.json").is_file())
        .map_or("", |_| "labels/index.json");
    let labels: Vec<String> = state
        .extra_labels
        .iter()
        .map(|(name, _)| format!("extra-labels/{name}"))
        .collect();
    // Bitcoin through the Esplora API; the other coins through the Blockbook API, whose root is
    // where that coin's prefix (`/api`, or `/bch/api` for an `--also-chain`) minus `/api` is.
    let mut explorers = serde_json::Map::new();
    let mains = std::iter::once((String::new(), &state.index));
    let others = state.others.iter().map(|(prefix, index)| {
        let root = prefix
            .strip_suffix(state.api_prefix.as_str())
            .unwrap_or(prefix)
            .to_string();
        (root, index)
    });
    for (root, index) in mains.chain(others) {
        let coin = index.chain();
        let explorer = if coin == crate::chain::Chain::Btc {
            serde_json::Value::String(format!("{root}{}", state.api_prefix))
        } else {
            serde_json::json!({ "kind": "blockbook", "url": if root.is_empty() { "/".to_string() } else { root } })
        };
        explorers.insert(coin.code().to_string(), explorer);
    }
    let mut config = serde_json::json!({ "explorers": explorers, "labels": labels, "label_index": label_index });
    if let Some(start) = &state.start {
        config["start"] = serde_json::Value::String(start.clone());
    }
    if !state.demo_routes.is_empty() {
        config["demo_routes"] = serde_json::json!(state.demo_routes);
    }
    if let Some(timeout_ms) = state.request_timeout_ms {
        config["request_timeout_ms"] = serde_json::json!(timeout_ms);
    }
    config
}

/// One of the `--labels` files, by its served name.
fn extra_label_file(state: &State, name: &str) -> Reply {
    match state.extra_labels.iter().find(|(served, _)| served == name) {
        Some((_, file)) => match std::fs::read(file) {
            Ok(body) => Reply {
                status: 200,
                content_type: "text/csv",
                body,
                cors: true,
                retry_after: None,
            },
            Err(e) => Reply::text(500, &format!("cannot read {}: {e}", file.display()), true),
        },
        None => Reply::text(404, "Not found", true),
    }
}

/// A file of DIR; an extension-less path that is not a file is an app route, so it gets
/// `index.html` (the router reads the URL); a missing file with an extension is 404.
fn static_file(dir: &Path, relative: &str) -> Reply {
    let file = dir.join(relative);
    let looks_like_route = !relative.rsplit('/').next().unwrap_or("").contains('.');
    let (file, name) = if !file.is_file() && looks_like_route {
        (dir.join("index.html"), "index.html")
    } else {
        (file, relative)
    };
    match std::fs::read(&file) {
        Ok(body) => Reply {
            status: 200,
            content_type: content_type_for(name),
            body,
            cors: false,
            retry_after: None,
        },
        Err(_) => Reply::text(404, "Not found", false),
    }
}
