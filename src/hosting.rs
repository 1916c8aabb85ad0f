//! What a host sends with the app: the content security policy and the other security headers.
//! One place for them: `index.html` carries [`CONTENT_SECURITY_POLICY`] as a `<meta>` (a static
//! host that sends no headers still gets it), `spoor serve-chain` sends [`HEADERS`] with every
//! file of the app, and docs/hosting.md lists them for other servers (`tests/csp.rs` keeps the
//! three equal).

/// The policy as a `<meta http-equiv>` can carry it: no inline script or style; scripts are the
/// app's own files plus WebAssembly compilation; fetches go to the app's origin (config.json,
/// labels, a same-origin explorer) and to the public explorers it is configured for.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' https://mempool.space \
https://blockstream.info https://bch1.trezor.io https://ltc1.trezor.io https://doge1.trezor.io \
https://blockbook.electrum-mona.org; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Who may frame the app. Only a header can say it (browsers ignore it in a `<meta>`). Any site:
/// articles embed the graph; the app has no account or action a framing page could trick a
/// reader into.
pub const FRAME_ANCESTORS: &str = "frame-ancestors *";

/// The response headers for the app's files (HTML, JS, WebAssembly, CSS, data).
#[must_use]
pub fn headers() -> Vec<(&'static str, String)> {
    vec![
        (
            "Content-Security-Policy",
            format!("{CONTENT_SECURITY_POLICY}; {FRAME_ANCESTORS}"),
        ),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Referrer-Policy", "no-referrer".to_string()),
        (
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()".to_string(),
        ),
    ]
}

/// The origins `connect-src` lets the page fetch from, besides its own.
#[must_use]
pub fn connect_origins() -> Vec<&'static str> {
    directive("connect-src")
        .into_iter()
        .filter(|source| *source != "'self'")
        .collect()
}

/// The sources of one directive of [`CONTENT_SECURITY_POLICY`].
#[must_use]
pub fn directive(name: &str) -> Vec<&'static str> {
    CONTENT_SECURITY_POLICY
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(name).filter(|rest| rest.starts_with(' ')))
        .map(|rest| rest.split_whitespace().collect())
        .unwrap_or_default()
}
