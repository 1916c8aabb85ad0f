//! Turns the `spoor trace` options into a [`TraceRequest`] and a [`SchedulerConfig`], checking
//! everything that can be checked before the first request.

use super::super::TraceArgs;
use crate::chain::{Address, Chain, Txid};
use crate::explorer::{ApiKind, Provider, SchedulerConfig};
use crate::labels::Category;
use crate::trace::{Direction, Outpoint, StopRules, TaintMethod, TraceRequest, TraceStart};

/// The engine's default stop categories, as `--stop` spells them (shown in `--help`).
pub fn default_stop_codes() -> String {
    StopRules::default()
        .stop_categories
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// The chain named by `--chain` (or `--coin`).
pub fn chain_of(code: &str) -> Result<Chain, String> {
    let known: Vec<&str> = Chain::ALL.iter().map(|c| c.code()).collect();
    Chain::from_code(code).ok_or_else(|| format!("unknown chain {code:?} (known: {})", known.join(", ")))
}

/// The chain named by `--chain`.
pub fn chain(args: &TraceArgs) -> Result<Chain, String> {
    chain_of(&args.chain)
}

/// The explorer `--api` and `--api-kind` name.
pub fn provider(api: &str, api_kind: &str) -> Result<Provider, String> {
    let kind = ApiKind::from_code(api_kind)
        .ok_or_else(|| format!("unknown API kind {api_kind:?}: use esplora or blockbook"))?;
    Ok(Provider {
        kind,
        base_url: api.to_string(),
    })
}

/// The trace the options ask for.
pub fn request(args: &TraceArgs, chain: Chain) -> Result<TraceRequest, String> {
    let method = method(&args.rules.method)?;
    let direction = direction(&args.rules.direction)?;
    if let (Some(min), Some(max)) = (args.min_height, args.max_height) {
        if min > max {
            return Err(format!("--min-height {min} is above --max-height {max}"));
        }
    }
    let rules = StopRules {
        chain,
        stop_categories: stop_categories(&args.rules.stop)?,
        max_hops: args.rules.hops,
        min_taint_sats: crate::chain::Sats(args.rules.min_sats),
        max_txs: args.max_txs,
        min_height: args.min_height,
        max_height: args.max_height,
        ..StopRules::default()
    };
    Ok(TraceRequest {
        start: start(args, chain)?,
        direction,
        method,
        rules,
        max_history_txs: args.max_history_txs,
    })
}

/// `--method`.
pub fn method(code: &str) -> Result<TaintMethod, String> {
    match code {
        "poison" => Ok(TaintMethod::Poison),
        "fifo" => Ok(TaintMethod::Fifo),
        "haircut" => Ok(TaintMethod::Haircut),
        other => Err(format!("unknown method {other:?}: use poison, haircut or fifo")),
    }
}

/// `--direction`.
pub fn direction(code: &str) -> Result<Direction, String> {
    match code {
        "forward" => Ok(Direction::Forward),
        "backward" => Ok(Direction::Backward),
        other => Err(format!("unknown direction {other:?}: use forward or backward")),
    }
}

/// The scheduler limits: the host's defaults, overridden by `--rate` and `--in-flight`.
pub fn scheduler_config(args: &TraceArgs) -> Result<SchedulerConfig, String> {
    if args.request_timeout_ms == Some(0) {
        return Err("--request-timeout-ms must be at least 1".to_string());
    }
    Ok(limits(&args.api, args.rate, args.in_flight)?.with_request_timeout_ms(args.request_timeout_ms))
}

/// The host's limits for `api`, overridden by `--rate` and `--in-flight` when given.
pub fn limits(api: &str, rate: Option<f64>, in_flight: Option<usize>) -> Result<SchedulerConfig, String> {
    let mut config = SchedulerConfig::for_base_url(api);
    if let Some(rate) = rate {
        if !(rate.is_finite() && rate > 0.0) {
            return Err(format!(
                "--rate must be a positive number of requests per second, not {rate}"
            ));
        }
        config.max_per_second = rate;
    }
    if let Some(in_flight) = in_flight {
        if in_flight == 0 {
            return Err("--in-flight must be at least 1".to_string());
        }
        config.max_in_flight = in_flight;
    }
    Ok(config)
}

/// `--from-address A`, or `--from-tx TXID` (all outputs), or one or more `--from-tx TXID:VOUT`.
fn start(args: &TraceArgs, chain: Chain) -> Result<TraceStart, String> {
    if let Some(address) = &args.from_address {
        let address =
            Address::parse(chain, address.trim()).map_err(|err| format!("--from-address {address:?}: {err}"))?;
        return Ok(TraceStart::Address(address.as_str().to_string()));
    }
    let mut whole: Vec<Txid> = Vec::new();
    let mut outpoints: Vec<Outpoint> = Vec::new();
    for text in &args.from_tx {
        match text.trim().split_once(':') {
            Some((txid, vout)) => {
                let vout: u32 = vout
                    .parse()
                    .map_err(|_| format!("--from-tx {text:?}: the output index after ':' must be a number"))?;
                outpoints.push(Outpoint::new(parse_txid(txid)?, vout));
            }
            None => whole.push(parse_txid(text)?),
        }
    }
    match (whole.as_slice(), outpoints.is_empty()) {
        ([], false) => {
            outpoints.sort();
            outpoints.dedup();
            Ok(TraceStart::Outpoints(outpoints))
        }
        ([txid], true) => Ok(TraceStart::Tx(txid.clone())),
        ([], true) => Err("give --from-address ADDRESS or --from-tx TXID[:VOUT]".to_string()),
        _ => Err(
            "--from-tx TXID (every output) cannot be combined with other --from-tx; \
                  name outputs as TXID:VOUT instead"
                .to_string(),
        ),
    }
}

fn parse_txid(text: &str) -> Result<Txid, String> {
    Txid::parse(text.trim()).map_err(|err| format!("--from-tx {text:?}: {err}"))
}

/// `--stop exchange,mixer`; `none` (or nothing) stops at no label.
pub fn stop_categories(codes: &str) -> Result<Vec<Category>, String> {
    let mut categories = Vec::new();
    for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        if code.eq_ignore_ascii_case("none") {
            continue;
        }
        let category = Category::from_code(code).ok_or_else(|| {
            let known: Vec<&str> = Category::ALL.iter().map(|c| c.code()).collect();
            format!(
                "--stop: unknown category {code:?} (known: {}, or none)",
                known.join(", ")
            )
        })?;
        if !categories.contains(&category) {
            categories.push(category);
        }
    }
    Ok(categories)
}
