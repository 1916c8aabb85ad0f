//! Which colour scheme the page shows, for the canvas (the stylesheet follows the same rule in
//! CSS): `<html data-theme>` (set from `?theme=`) if present, else the reader's
//! `prefers-color-scheme`. Asked at every animation frame, so a change of either repaints the
//! canvas (`frame_cache::FrameCache::full_frame_due`) without listeners.

use std::cell::OnceCell;

use web_sys::MediaQueryList;

use crate::palette::Palette;
use crate::route::Theme;

thread_local! {
    /// The media query, made once (`matches` follows the reader's setting live).
    static PREFERS_DARK: OnceCell<Option<MediaQueryList>> = const { OnceCell::new() };
}

/// The scheme the page shows now.
#[must_use]
pub fn current() -> Theme {
    let forced = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("data-theme"));
    match forced.as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ if prefers_dark() => Theme::Dark,
        _ => Theme::Light,
    }
}

/// The canvas palette of `theme`.
#[must_use]
pub fn palette_of(theme: Theme) -> &'static Palette {
    match theme {
        Theme::Light => &Palette::LIGHT,
        Theme::Dark => &Palette::DARK,
    }
}

/// The canvas palette of the scheme the page shows now.
#[must_use]
pub fn palette() -> &'static Palette {
    palette_of(current())
}

fn prefers_dark() -> bool {
    PREFERS_DARK.with(|query| {
        query
            .get_or_init(|| {
                web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            })
            .as_ref()
            .is_some_and(MediaQueryList::matches)
    })
}
