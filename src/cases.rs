//! The case gallery's data: the published thefts Spoor can open (`data/cases.csv`, one row per
//! address or transaction a source names) and those it cannot (`data/cases_untraceable.csv`, with
//! the reason). Both files are compiled in, so the gallery needs no request and no `../shared`.

use crate::chain::Chain;
use crate::labels::csv;
use crate::route::{RouteError, Target};

/// `data/cases.csv`, a deliberate copy of the project's shared case list.
const CASES_CSV: &str = include_str!("../data/cases.csv");
/// `data/cases_untraceable.csv`: thefts listed with the reason Spoor cannot trace them.
const UNTRACEABLE_CSV: &str = include_str!("../data/cases_untraceable.csv");

const CASES_HEADER: [&str; 10] = [
    "case_id",
    "name",
    "date",
    "chain",
    "role",
    "address_or_txid",
    "amount",
    "confidence",
    "source_url",
    "note",
];
const UNTRACEABLE_HEADER: [&str; 7] = ["case_id", "name", "date", "chain", "amount", "reason", "source_url"];

/// Roles that name where the stolen coins first went: the trace a case opens on.
const START_ROLES: [&str; 4] = ["thief address", "ransom address", "scam address", "attacker"];

/// How sure the sources are that an address belongs to the case, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// A secondary label, disputed elsewhere.
    Low,
    /// A secondary source, or an address a few hops away.
    Medium,
    /// A primary source (a court filing, the victim, a forensic report).
    High,
}

impl Confidence {
    /// The CSV spelling (`low`, `medium`, `high`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// Parses the CSV spelling (any case).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Confidence> {
        [Confidence::Low, Confidence::Medium, Confidence::High]
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// One address or transaction a source names for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEntry {
    /// The chain it is on.
    pub chain: Chain,
    /// The date of this row (a seizure can come years after the theft).
    pub date: String,
    /// What it is in the case (`thief address`, `theft tx`, `seizure destination`, …).
    pub role: String,
    /// The address or txid as the source writes it.
    pub address_or_txid: String,
    /// What Spoor opens for it (the address in the chain's canonical form, or the transaction).
    pub target: Target,
    /// The amount as the source states it (free text; may be empty).
    pub amount: String,
    /// How sure the source is.
    pub confidence: Confidence,
    /// Where the claim comes from.
    pub source_url: String,
    /// What else is known (may be empty).
    pub note: String,
}

/// A published theft with its addresses, in the order of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The case id, e.g. `zaif-2018`.
    pub id: String,
    /// The case's name, e.g. `Zaif exchange hack`.
    pub name: String,
    /// The date of its first row (the theft), `YYYY-MM-DD` or `YYYY-MM`.
    pub date: String,
    /// The lowest confidence of its rows.
    pub confidence: Confidence,
    /// Its rows, in file order.
    pub entries: Vec<CaseEntry>,
}

/// The trace one link of a case opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseTrace {
    /// The chain of the trace.
    pub chain: Chain,
    /// The address or transaction it opens on.
    pub target: Target,
}

impl CaseTrace {
    /// The hash link the router opens, e.g. `#/btc/address/1Fmw…`.
    #[must_use]
    pub fn href(&self) -> String {
        format!("#{}", self.target.to_path())
    }
}

impl Case {
    /// One trace per chain, in the order the chains first appear: the chain's first entry whose
    /// role names where the coins went (thief, ransom, scam or attacker address), else its first
    /// entry.
    #[must_use]
    pub fn traces(&self) -> Vec<CaseTrace> {
        let mut chains: Vec<Chain> = Vec::new();
        for entry in &self.entries {
            if !chains.contains(&entry.chain) {
                chains.push(entry.chain);
            }
        }
        chains
            .into_iter()
            .filter_map(|chain| {
                let mut of_chain = self.entries.iter().filter(|e| e.chain == chain);
                let start = of_chain
                    .clone()
                    .find(|e| is_start_role(&e.role))
                    .or_else(|| of_chain.next())?;
                Some(CaseTrace {
                    chain,
                    target: start.target.clone(),
                })
            })
            .collect()
    }

    /// The distinct source URLs, in file order.
    #[must_use]
    pub fn sources(&self) -> Vec<&str> {
        let mut sources: Vec<&str> = Vec::new();
        for entry in &self.entries {
            if !sources.contains(&entry.source_url.as_str()) {
                sources.push(&entry.source_url);
            }
        }
        sources
    }
}

fn is_start_role(role: &str) -> bool {
    let role = role.to_ascii_lowercase();
    START_ROLES.iter().any(|start| role.contains(start))
}

/// A theft Spoor lists but cannot trace, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UntraceableCase {
    /// The case id, e.g. `coincheck-2018`.
    pub id: String,
    /// The case's name.
    pub name: String,
    /// The date of the theft.
    pub date: String,
    /// The chain as people name it (it may be one Spoor does not know, e.g. `NEM (XEM)`).
    pub chain: String,
    /// The amount as the source states it.
    pub amount: String,
    /// Why Spoor cannot open a trace for it.
    pub reason: String,
    /// Where the facts come from.
    pub source_url: String,
}

/// Everything the case gallery lists: traceable cases, then untraceable ones, each in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gallery {
    /// Cases with a published address or transaction.
    pub cases: Vec<Case>,
    /// Cases listed with the reason they cannot be traced here.
    pub untraceable: Vec<UntraceableCase>,
}

/// Why a case file could not be read (the compiled-in files are checked by the tests).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseDataError {
    /// The first line is not the expected header.
    #[error("the header is not `{expected}`")]
    Header {
        /// The header the file must start with.
        expected: String,
    },
    /// A row has the wrong number of fields.
    #[error("line {line}: expected {expected} fields, found {found}")]
    Fields {
        /// The row's first line in the file.
        line: usize,
        /// How many fields a row has.
        expected: usize,
        /// How many this row has.
        found: usize,
    },
    /// The confidence is not `low`, `medium` or `high`.
    #[error("line {line}: confidence {value:?} is not low, medium or high")]
    Confidence {
        /// The row's first line in the file.
        line: usize,
        /// The confidence as written.
        value: String,
    },
    /// The chain, address or txid does not name something Spoor can open.
    #[error("line {line}: {source}")]
    Target {
        /// The row's first line in the file.
        line: usize,
        /// What is wrong with it.
        source: RouteError,
    },
}

/// The gallery of the compiled-in case files.
///
/// ```
/// let gallery = spoor::cases::gallery().unwrap();
/// let zaif = gallery.cases.iter().find(|case| case.id == "zaif-2018").unwrap();
/// let routes: Vec<String> = zaif.traces().iter().map(|t| t.href()).collect();
/// assert_eq!(routes[0], "#/btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w");
/// ```
pub fn gallery() -> Result<Gallery, CaseDataError> {
    Ok(Gallery {
        cases: parse_cases(CASES_CSV)?,
        untraceable: parse_untraceable(UNTRACEABLE_CSV)?,
    })
}

/// Reads rows of `case_id,name,date,chain,role,address_or_txid,amount,confidence,source_url,note`
/// into cases (rows of one case id need not be adjacent; cases keep the order of their first row).
pub fn parse_cases(text: &str) -> Result<Vec<Case>, CaseDataError> {
    let mut cases: Vec<Case> = Vec::new();
    for (line, fields) in rows(text, &CASES_HEADER)? {
        let [id, name, date, chain, role, address_or_txid, amount, confidence, source_url, note] = fields;
        let confidence = Confidence::from_code(&confidence).ok_or(CaseDataError::Confidence {
            line,
            value: confidence.clone(),
        })?;
        let target = target_of(&chain, &address_or_txid).map_err(|source| CaseDataError::Target { line, source })?;
        let entry = CaseEntry {
            chain: target.chain(),
            date: date.clone(),
            role,
            address_or_txid,
            target,
            amount,
            confidence,
            source_url,
            note,
        };
        match cases.iter_mut().find(|case| case.id == id) {
            Some(case) => {
                case.confidence = case.confidence.min(confidence);
                case.entries.push(entry);
            }
            None => cases.push(Case {
                id,
                name,
                date,
                confidence,
                entries: vec![entry],
            }),
        }
    }
    Ok(cases)
}

/// Reads rows of `case_id,name,date,chain,amount,reason,source_url`.
pub fn parse_untraceable(text: &str) -> Result<Vec<UntraceableCase>, CaseDataError> {
    rows(text, &UNTRACEABLE_HEADER)?
        .into_iter()
        .map(|(_, [id, name, date, chain, amount, reason, source_url])| {
            Ok(UntraceableCase {
                id,
                name,
                date,
                chain,
                amount,
                reason,
                source_url,
            })
        })
        .collect()
}

/// The data rows (with their line numbers) of a file that starts with `header`, fields trimmed.
fn rows<const N: usize>(text: &str, header: &[&str; N]) -> Result<Vec<(usize, [String; N])>, CaseDataError> {
    let mut records = csv::records(text);
    let header_matches = records
        .next()
        .is_some_and(|(_, fields)| fields.iter().map(|f| f.trim()).eq(header.iter().copied()));
    if !header_matches {
        return Err(CaseDataError::Header {
            expected: header.join(","),
        });
    }
    records
        .map(|(line, fields)| {
            let found = fields.len();
            let fields: Vec<String> = fields.into_iter().map(|f| f.trim().to_string()).collect();
            <[String; N]>::try_from(fields)
                .map(|fields| (line, fields))
                .map_err(|_| CaseDataError::Fields {
                    line,
                    expected: N,
                    found,
                })
        })
        .collect()
}

/// A txid (64 hex digits) opens the transaction; anything else is read as an address.
fn target_of(chain: &str, address_or_txid: &str) -> Result<Target, RouteError> {
    let is_txid = crate::chain::Txid::parse(address_or_txid).is_ok();
    let kind = if is_txid { "tx" } else { "address" };
    Target::from_segments(chain, kind, address_or_txid)
}

/// The synthetic demo's traces from config.json's `demo_routes`; routes that do not parse are
/// left out (the demo is optional, and a bad route must not hide the real cases).
///
/// ```
/// let traces = spoor::cases::demo_traces(&["/btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w".into(), "/x".into()]);
/// assert_eq!(traces.len(), 1);
/// assert_eq!(traces[0].chain, spoor::chain::Chain::Btc);
/// ```
#[must_use]
pub fn demo_traces(routes: &[String]) -> Vec<CaseTrace> {
    routes
        .iter()
        .filter_map(|route| Target::from_path(route).ok())
        .map(|target| CaseTrace {
            chain: target.chain(),
            target,
        })
        .collect()
}

/// A short, descriptive text for a source link: its host, and for GitHub the repository.
///
/// ```
/// use spoor::cases::source_label;
/// assert_eq!(source_label("https://www.justice.gov/opa/pr/x"), "justice.gov");
/// assert_eq!(source_label("https://github.com/owner/repo/blob/main/a.md"), "github.com/owner/repo");
/// ```
#[must_use]
pub fn source_label(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let mut segments = rest.split('/').filter(|s| !s.is_empty());
    let host = segments.next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    match (host, segments.next(), segments.next()) {
        ("github.com", Some(owner), Some(repo)) => format!("{host}/{owner}/{repo}"),
        _ => host.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "case_id,name,date,chain,role,address_or_txid,amount,confidence,source_url,note\n";

    #[test]
    fn a_case_opens_its_thief_address_else_its_first_entry_and_a_txid_opens_the_transaction() {
        let txid = "c3b9a4a0831a65523c81e6a04f6ddf5a7a89f344d990e8a13e5278efe57f4280";
        let text = format!(
            "{HEADER}a,A,2020-01-01,btc,exchange deposit,1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s,,high,https://x/1,\n\
             a,A,2020-01-01,btc,thief address,1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w,,low,https://x/2,\n\
             a,A,2020-01-01,mona,theft tx,{txid},,medium,https://x/1,\n"
        );
        let cases = parse_cases(&text).unwrap();
        let routes: Vec<String> = cases[0].traces().iter().map(CaseTrace::href).collect();
        assert_eq!(
            routes,
            [
                "#/btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w".to_string(),
                format!("#/mona/tx/{txid}")
            ]
        );
        assert_eq!(cases[0].confidence, Confidence::Low);
        assert_eq!(cases[0].sources(), ["https://x/1", "https://x/2"]);
    }

    #[test]
    fn bad_rows_name_their_line_and_what_is_wrong() {
        let short = format!("{HEADER}a,A,2020,btc\n");
        assert!(matches!(
            parse_cases(&short),
            Err(CaseDataError::Fields { line: 2, found: 4, .. })
        ));
        let typo = format!("{HEADER}a,A,2020,btc,thief address,1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9W,,high,u,\n");
        assert!(matches!(parse_cases(&typo), Err(CaseDataError::Target { line: 2, .. })));
        let sure = format!("{HEADER}a,A,2020,btc,thief address,1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w,,sure,u,\n");
        let err = parse_cases(&sure).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: confidence \"sure\" is not low, medium or high"
        );
        assert!(matches!(parse_cases("id,name\n"), Err(CaseDataError::Header { .. })));
    }
}
