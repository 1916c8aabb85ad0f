#![cfg(not(target_arch = "wasm32"))]
//! The content security policy is one policy: `index.html`'s `<meta>`, the headers `spoor
//! serve-chain` sends and docs/hosting.md say the same; it allows no inline script or style; and
//! it lets the page reach every explorer it is configured for (and only explorer origins).

use std::path::Path;

use spoor::chain::Chain;
use spoor::config::AppConfig;
use spoor::explorer::Provider;
use spoor::hosting::{self, CONTENT_SECURITY_POLICY, FRAME_ANCESTORS};

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The origin of a URL: `https://host[:port]`.
fn origin(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.split('/').next().unwrap();
    format!("{scheme}://{host}")
}

#[test]
fn index_html_carries_the_policy_as_a_meta() {
    let page = read("index.html");
    let meta = page
        .lines()
        .find(|l| l.contains("http-equiv=\"Content-Security-Policy\""))
        .expect("index.html has a CSP meta");
    let content = meta.split("content=\"").nth(1).unwrap().split('"').next().unwrap();
    assert_eq!(content, CONTENT_SECURITY_POLICY);
    // No inline script in the source page either (Trunk's loader is moved out after the build).
    assert!(!page.contains("<script"), "no script in index.html");
}

#[test]
fn the_policy_allows_no_inline_script_or_style() {
    assert_eq!(hosting::directive("script-src"), ["'self'", "'wasm-unsafe-eval'"]);
    assert_eq!(hosting::directive("style-src"), ["'self'"]);
    assert_eq!(hosting::directive("object-src"), ["'none'"]);
    assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
    assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"));
    assert!(
        !CONTENT_SECURITY_POLICY.contains("frame-ancestors"),
        "ignored in a meta"
    );
}

#[test]
fn connect_src_is_the_configured_explorers() {
    let allowed = hosting::connect_origins();
    let config = AppConfig::from_json(&read("config.json")).unwrap();
    for chain in Chain::ALL {
        for provider in [Provider::default_for(chain), config.provider_for(chain)] {
            let wanted = origin(&provider.base_url);
            assert!(
                allowed.contains(&wanted.as_str()),
                "{wanted} ({chain:?}) missing from connect-src"
            );
        }
    }
    assert!(
        allowed.contains(&"https://blockstream.info"),
        "the other public Esplora"
    );
    for source in &allowed {
        assert!(
            source.starts_with("https://") && !source.contains('*'),
            "{source}: an exact https origin"
        );
        assert_eq!(origin(source), *source, "{source}: an origin, no path");
    }
}

#[test]
fn the_hosting_page_and_the_stand_in_send_the_same_headers() {
    let docs = read("docs/hosting.md");
    let headers = hosting::headers();
    for (name, value) in &headers {
        assert!(
            docs.contains(&format!("{name}: {value}")),
            "docs/hosting.md lists {name}: {value}"
        );
    }
    let csp = &headers.iter().find(|(n, _)| *n == "Content-Security-Policy").unwrap().1;
    assert_eq!(csp, &format!("{CONTENT_SECURITY_POLICY}; {FRAME_ANCESTORS}"));
    assert!(docs.contains(&format!("add_header Content-Security-Policy \"{csp}\" always;")));
}
