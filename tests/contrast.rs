//! WCAG 2.2 AA contrast of both colour schemes: the canvas palettes (`spoor::palette`) and the
//! stylesheet's light and dark custom properties (`styles/app.css`). Text needs 4.5:1 against what
//! it sits on, graphics that carry meaning (node shapes, edges, rings, strokes, focus rings, input
//! borders) 3:1 (SC 1.4.3, 1.4.11). Translucent colours are composited over their background first.
//!
//! Exceptions, on purpose: untainted edges during a trace (`edge_clean`) and weak taint shares are
//! faded, since their strength is the encoding (the side panel, the trace summary and the text
//! alternative give the numbers); axis lines and the marquee's fill are decoration; far-detail dots
//! (over 2,500 nodes in view) are pixel squares without outlines.

use std::collections::BTreeMap;

use spoor::palette::{contrast_ratio, Palette, Rgba};
use spoor::scene::{EdgeColour, NodeRole};

const TEXT: f64 = 4.5;
const GRAPHICS: f64 = 3.0;

fn palettes() -> [(&'static str, Palette); 2] {
    [("light", Palette::LIGHT), ("dark", Palette::DARK)]
}

fn check(failures: &mut Vec<String>, what: &str, colour: Rgba, background: Rgba, minimum: f64) {
    let ratio = contrast_ratio(colour, background);
    if ratio < minimum {
        failures.push(format!(
            "{what}: {} on {} is {ratio:.2}:1, needs {minimum}:1",
            colour.css(),
            background.css()
        ));
    }
}

fn assert_none(failures: &[String]) {
    assert!(failures.is_empty(), "too little contrast:\n{}", failures.join("\n"));
}

#[test]
fn canvas_text_has_four_and_a_half_to_one_in_both_palettes() {
    let mut failures = Vec::new();
    for (name, p) in palettes() {
        let bg = p.background;
        check(&mut failures, &format!("{name} label"), p.label_text, bg, TEXT);
        check(&mut failures, &format!("{name} peel summary"), p.peel_text, bg, TEXT);
        check(&mut failures, &format!("{name} axis label"), p.axis_text, bg, TEXT);
        check(
            &mut failures,
            &format!("{name} badge text"),
            p.label_text,
            p.badge_fill,
            TEXT,
        );
    }
    assert_none(&failures);
}

#[test]
fn canvas_graphics_have_three_to_one_in_both_palettes() {
    let mut failures = Vec::new();
    for (name, p) in palettes() {
        let bg = p.background;
        for (role, focus) in NodeRole::ALL
            .into_iter()
            .map(|role| (role, false))
            .chain([(NodeRole::Tx, true)])
        {
            let look = p.node(role, focus);
            // A fill too close to the background is outlined: then the outline carries the shape.
            let (what, colour) = match look.outline {
                Some(outline) => ("outline", outline),
                None => ("fill", look.fill),
            };
            check(
                &mut failures,
                &format!("{name} {role:?} (focus {focus}) {what}"),
                colour,
                bg,
                GRAPHICS,
            );
        }
        for (what, colour) in [
            ("selection stroke", p.selected_stroke),
            ("hover stroke", p.hovered_stroke),
            ("CoinJoin frame", p.coinjoin_frame),
            ("entity ring", p.entity_ring),
            ("marquee stroke", p.marquee_stroke),
            ("peel chain", p.peel_stroke),
            ("fold line", p.fold_line),
            ("badge outline", p.badge_stroke),
            ("input edge", p.edge_stroke(EdgeColour::Input)),
            ("output edge", p.edge_stroke(EdgeColour::Output)),
            ("highlighted edge", p.edge_stroke(EdgeColour::Highlight)),
            ("fully tainted edge", p.edge_stroke(EdgeColour::Taint(20))),
        ] {
            check(&mut failures, &format!("{name} {what}"), colour, bg, GRAPHICS);
        }
    }
    assert_none(&failures);
}

#[test]
fn outlines_are_only_where_a_fill_needs_one() {
    for (name, p) in palettes() {
        for role in NodeRole::ALL {
            let look = p.node(role, false);
            let fill_ratio = contrast_ratio(look.fill, p.background);
            assert_eq!(
                look.outline.is_some(),
                fill_ratio < GRAPHICS,
                "{name} {role:?}: fill {fill_ratio:.2}:1"
            );
        }
    }
}

#[test]
fn faded_edges_stay_fainter_than_the_ones_that_carry_the_flow() {
    for (name, p) in palettes() {
        let faded = contrast_ratio(p.edge_stroke(EdgeColour::Clean), p.background);
        let weak = contrast_ratio(p.edge_stroke(EdgeColour::Taint(1)), p.background);
        let strong = contrast_ratio(p.edge_stroke(EdgeColour::Taint(20)), p.background);
        assert!(
            faded < strong && weak < strong,
            "{name}: {faded:.2} {weak:.2} {strong:.2}"
        );
    }
}

// --- The stylesheet ---

/// `#rgb`, `#rrggbb`, `rgb(r, g, b)` or `rgba(r, g, b, a)`.
fn parse_colour(value: &str) -> Option<Rgba> {
    let value = value.trim();
    if let Some(hex) = value.strip_prefix('#') {
        let hex: String = if hex.len() == 3 {
            hex.chars().flat_map(|c| [c, c]).collect()
        } else {
            hex.to_string()
        };
        if hex.len() != 6 {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Rgba::opaque(byte(0)?, byte(2)?, byte(4)?));
    }
    let inner = value
        .strip_prefix("rgba(")
        .or_else(|| value.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    let channel = |i: usize| parts.get(i)?.parse::<u8>().ok();
    let alpha = match parts.get(3) {
        Some(a) => a.parse::<f64>().ok()?,
        None => 1.0,
    };
    Some(Rgba::new(channel(0)?, channel(1)?, channel(2)?, alpha))
}

fn without_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// The declarations of the first block after `selector` in `css` (blocks without nesting).
fn block<'a>(css: &'a str, selector: &str) -> &'a str {
    let at = css
        .find(selector)
        .unwrap_or_else(|| panic!("no {selector} in the stylesheet"));
    let open = at + css[at..].find('{').unwrap() + 1;
    let close = open + css[open..].find('}').unwrap();
    &css[open..close]
}

fn custom_properties(block: &str) -> BTreeMap<String, String> {
    block
        .split(';')
        .filter_map(|declaration| {
            let (name, value) = declaration.split_once(':')?;
            let name = name.trim();
            name.starts_with("--")
                .then(|| (name.to_string(), value.trim().to_string()))
        })
        .collect()
}

fn stylesheet(name: &str) -> String {
    let path = format!("{}/styles/{name}", env!("CARGO_MANIFEST_DIR"));
    without_comments(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

struct Themes {
    light: BTreeMap<String, String>,
    dark: BTreeMap<String, String>,
}

fn themes() -> Themes {
    let css = stylesheet("app.css");
    let light = custom_properties(block(&css, ":root {"));
    let forced = custom_properties(block(&css, ":root[data-theme=\"dark\"] {"));
    let media = &css[css
        .find("@media (prefers-color-scheme: dark)")
        .expect("a dark media query")..];
    let preferred = custom_properties(block(media, ":root:not([data-theme=\"light\"]) {"));
    assert_eq!(
        preferred, forced,
        "the dark theme is the same whether preferred or asked for with ?theme=dark"
    );
    let mut dark = light.clone();
    for (name, value) in &forced {
        assert!(
            light.contains_key(name),
            "{name} is dark-only: give it a light value too"
        );
        dark.insert(name.clone(), value.clone());
    }
    Themes { light, dark }
}

fn colour(theme: &BTreeMap<String, String>, name: &str) -> Rgba {
    let value = theme.get(name).unwrap_or_else(|| panic!("{name} is not defined"));
    parse_colour(value).unwrap_or_else(|| panic!("{name}: {value} is not a colour"))
}

/// A background as shown: translucent ones (overlays) over the page's `--bg`.
fn surface(theme: &BTreeMap<String, String>, name: &str) -> Rgba {
    colour(theme, name).over(colour(theme, "--bg"))
}

/// Text and what it sits on, by custom property, with where the pair is used.
const TEXT_PAIRS: &[(&str, &str, &str)] = &[
    ("--fg", "--bg", "body text"),
    ("--fg", "--panel", "top bar, side panel, gallery cards"),
    ("--fg", "--subtle", "trace panel"),
    ("--muted", "--bg", "status bar, source note"),
    ("--muted", "--panel", "hints, settings summary, case meta"),
    ("--muted", "--subtle", "trace panel legend"),
    ("--muted", "--input-bg", "placeholders"),
    ("--link", "--bg", "links, Open in Spoor"),
    ("--link", "--panel", "link buttons in the side panel, gallery sources"),
    ("--link", "--subtle", "link buttons in the trace panel"),
    ("--error", "--error-bg", "error messages, panic"),
    ("--error", "--bg", "gallery error"),
    ("--error", "--panel", "search error, low-confidence mark"),
    ("--warning", "--warning-bg", "warning messages"),
    ("--warning", "--panel", "does-not-add-up note, medium confidence"),
    ("--warning", "--bg", "warnings on the page"),
    ("--note", "--note-bg", "notes"),
    ("--ok", "--panel", ".ok, .amount.in, high confidence"),
    ("--ok", "--subtle", ".amount in the trace panel"),
    ("--entity", "--panel", ".entity-labels, entity tags"),
    ("--panel", "--entity", "the synthetic mark"),
    ("--accent", "--panel", "brand, .amount.out"),
    ("--accent", "--subtle", ".amount.out in the trace panel"),
    ("--primary-fg", "--primary-bg", ".primary button, Open trace"),
    ("--primary-fg", "--primary-hover", "the same, hovered"),
    ("--pressed-fg", "--pressed-bg", "pressed layout and view switches"),
    ("--fg", "--button-bg", "buttons"),
    ("--fg", "--button-hover", "buttons, hovered"),
    ("--fg", "--input-bg", "inputs, selects"),
    ("--fg", "--overlay-bg", "tooltip, legend"),
    ("--muted", "--overlay-bg", "legend summary"),
    ("--hint-fg", "--hint-bg", "gesture hint"),
];

/// Graphics (3:1): focus rings on every surface a focused control sits on, control borders.
const GRAPHIC_PAIRS: &[(&str, &str, &str)] = &[
    ("--focus", "--bg", "focus ring on the page and on the canvas"),
    ("--focus", "--panel", "focus ring in panels"),
    ("--focus", "--subtle", "focus ring in the trace panel"),
    ("--focus", "--overlay-bg", "focus ring in the legend"),
    ("--focus", "--error-bg", "focus ring of the dismiss button"),
    ("--focus", "--warning-bg", "focus ring in a warning"),
    ("--control-line", "--input-bg", "input borders"),
    ("--control-line", "--panel", "input and button borders in panels"),
    ("--control-line", "--bg", "button borders over the canvas"),
];

#[test]
fn stylesheet_text_and_graphics_have_enough_contrast_in_both_themes() {
    let Themes { light, dark } = themes();
    let mut failures = Vec::new();
    for (name, theme) in [("light", &light), ("dark", &dark)] {
        for (pairs, minimum) in [(TEXT_PAIRS, TEXT), (GRAPHIC_PAIRS, GRAPHICS)] {
            for (fg, bg, used) in pairs {
                check(
                    &mut failures,
                    &format!("{name} {fg} on {bg} ({used})"),
                    colour(theme, fg),
                    surface(theme, bg),
                    minimum,
                );
            }
        }
    }
    assert_none(&failures);
}

#[test]
fn the_canvas_and_its_legend_use_the_palette_of_the_page() {
    let Themes { light, dark } = themes();
    for (name, theme, p) in [("light", &light, Palette::LIGHT), ("dark", &dark, Palette::DARK)] {
        let same = |property: &str, expected: Rgba| {
            assert_eq!(colour(theme, property), expected, "{name} {property}");
        };
        same("--bg", p.background);
        same("--key-address", p.address_loaded.fill);
        same("--key-tx", p.tx.fill);
        same("--key-outline", p.tx.outline.unwrap_or(p.tx.fill));
        same("--key-transfer", p.transfer.fill);
        same("--key-group", p.group.fill);
        same("--key-ring", p.entity_ring);
        same("--key-frame", p.coinjoin_frame);
        same("--key-output", p.edge_output);
        same("--key-peel", p.peel_stroke);
        same("--key-taint", p.edge_stroke(EdgeColour::Taint(20)));
        same("--key-taint-weak", p.edge_stroke(EdgeColour::Taint(0)));
    }
}

#[test]
fn every_colour_in_the_stylesheets_comes_from_a_theme_variable() {
    let Themes { light, .. } = themes();
    // Colours that read the same in both themes (the legend's grey address, the blue border of a
    // label from a link: 3:1 on both panels).
    let theme_independent = ["#8a8a8a", "#0072b2"];
    for file in ["app.css", "gallery.css", "labels.css"] {
        let css = stylesheet(file);
        let mut rest = css.as_str();
        while let Some(at) = rest.find("var(--") {
            let name: String = rest[at + 4..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            assert!(light.contains_key(&name), "{file}: {name} is used but not defined");
            rest = &rest[at + 4..];
        }
        // Outside the theme blocks, no literal colours.
        let mut outside = css.clone();
        if file == "app.css" {
            for selector in [
                ":root {",
                ":root:not([data-theme=\"light\"]) {",
                ":root[data-theme=\"dark\"] {",
            ] {
                let body = block(&css, selector);
                outside = outside.replacen(body, "", 1);
            }
        }
        for (at, _) in outside.match_indices('#') {
            let literal: String = outside[at..]
                .chars()
                .take_while(|c| *c == '#' || c.is_ascii_hexdigit())
                .collect();
            let is_colour = matches!(literal.len(), 4 | 7) && !outside[..at].ends_with(|c: char| c.is_alphanumeric());
            // `#graph-canvas`, `#collapse-groups`: ids, not colours.
            let after = outside[at + literal.len()..].chars().next();
            let is_selector = after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if is_colour && !is_selector {
                assert!(
                    theme_independent.contains(&literal.to_lowercase().as_str()),
                    "{file}: {literal} is a literal colour; add a variable to both themes in app.css"
                );
            }
        }
        assert!(
            !outside.contains("rgb(") && !outside.contains("rgba("),
            "{file}: a literal rgb()/rgba() colour; add a variable to both themes in app.css"
        );
    }
}

#[test]
fn colours_parse_as_the_stylesheet_writes_them() {
    assert_eq!(parse_colour("#666"), Some(Rgba::opaque(0x66, 0x66, 0x66)));
    assert_eq!(parse_colour("#a84a00"), Some(Rgba::opaque(0xa8, 0x4a, 0x00)));
    assert_eq!(
        parse_colour("rgba(255, 255, 255, .97)"),
        Some(Rgba::new(255, 255, 255, 0.97))
    );
    assert_eq!(parse_colour("var(--x)"), None);
}
