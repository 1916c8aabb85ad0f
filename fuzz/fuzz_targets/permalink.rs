//! The view in the URL: `permalink::decode` (the `?view=v1.…` codec), with the page's query
//! parameters and hash route read from the same text.
//!
//! Input: a mode byte, then the payload. Even mode: the payload is the link text as it stands in
//! the URL. Odd mode: the payload is the inner record, put through the real DEFLATE and base64url
//! layers first (random text rarely inflates, so this is how the record reader gets fuzzed).
//! Invariant: a view that decodes re-encodes to a URL-safe link that decodes to the same view.

#![no_main]

use libfuzzer_sys::fuzz_target;
use spoor::permalink::{self, ViewState};
use spoor::route::{PageParams, Target};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, payload)) = data.split_first() else {
        return;
    };
    let decoded = if mode % 2 == 0 {
        let Ok(text) = std::str::from_utf8(payload) else {
            return;
        };
        let _ = PageParams::from_query(text);
        let _ = Target::from_path(text);
        permalink::decode(text)
    } else {
        permalink::decode(&permalink::encode_raw_for_tests(payload))
    };
    match decoded {
        Ok(view) => check_round_trip(&view),
        Err(error) => {
            let _ = error.to_string();
        }
    }
});

fn check_round_trip(view: &ViewState) {
    let link = permalink::encode(view);
    let again = permalink::decode(&link);
    assert_eq!(again.as_ref(), Ok(view), "decode(encode(view)) differs; link {link}");
    assert!(
        link.starts_with("v1.") && link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
        "a link is URL-safe: {link}"
    );
    let _ = view.trace.as_ref().map(spoor::permalink::TraceView::rules);
}
