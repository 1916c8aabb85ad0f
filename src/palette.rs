//! The look both renderers share: colours, dash patterns, stroke widths and fonts of every draw-list
//! primitive. `web::canvas2d` paints with them and `export::svg` writes them, so an exported
//! picture matches the canvas. Colours come as a [`Palette`] per colour scheme (light, dark);
//! node fills are Okabe–Ito (colour-blind safe) in both, and every encoding also has a shape or a
//! line style. [`contrast_ratio`] is WCAG's, for the tests that hold the palettes to 4.5:1 (text)
//! and 3:1 (graphics).

use crate::scene::{EdgeColour, NodeRole};

/// A colour with its opacity (0..=1), written for a canvas as `#rrggbb` or `rgba(…)`, and for SVG
/// as `#rrggbb` plus an opacity attribute (older SVG readers know no `rgba`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub alpha: f64,
}

impl Rgba {
    /// A fully opaque colour.
    #[must_use]
    pub const fn opaque(r: u8, g: u8, b: u8) -> Rgba {
        Rgba { r, g, b, alpha: 1.0 }
    }

    /// A colour with opacity `alpha`.
    #[must_use]
    pub const fn new(r: u8, g: u8, b: u8, alpha: f64) -> Rgba {
        Rgba { r, g, b, alpha }
    }

    /// `#rrggbb`, ignoring the opacity.
    #[must_use]
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The CSS colour: `#rrggbb` when opaque, `rgba(r, g, b, a)` otherwise.
    ///
    /// ```
    /// use spoor::palette::Rgba;
    /// assert_eq!(Rgba::opaque(213, 94, 0).css(), "#d55e00");
    /// assert_eq!(Rgba::new(213, 94, 0, 0.55).css(), "rgba(213, 94, 0, 0.550)");
    /// ```
    #[must_use]
    pub fn css(self) -> String {
        if self.alpha >= 1.0 {
            self.hex()
        } else {
            format!("rgba({}, {}, {}, {:.3})", self.r, self.g, self.b, self.alpha)
        }
    }
}

/// A font of the canvas's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Font {
    pub size_px: u32,
    pub bold: bool,
}

impl Font {
    /// The CSS font shorthand: `bold 12px system-ui, sans-serif`.
    #[must_use]
    pub fn css(self) -> String {
        let weight = if self.bold { "bold " } else { "" };
        format!("{weight}{}px {FONT_FAMILY}", self.size_px)
    }
}

/// The family of every text the canvas draws.
pub const FONT_FAMILY: &str = "system-ui, sans-serif";
/// Node labels, peel-chain summaries and axis marks.
pub const TEXT_FONT: Font = Font {
    size_px: 11,
    bold: false,
};
/// Labels of the focus, the selection and the hovered node.
pub const STRONG_TEXT_FONT: Font = Font {
    size_px: 12,
    bold: true,
};
/// "+N more" badges.
pub const BADGE_FONT: Font = Font {
    size_px: 11,
    bold: true,
};

/// A likely change output is dashed.
pub const CHANGE_DASH_PX: [f64; 2] = [6.0, 4.0];
/// A collapsed peel chain: one dashed step with its summary.
pub const PEEL_WIDTH_PX: f64 = 4.0;
pub const PEEL_DASH_PX: [f64; 2] = [10.0, 6.0];
/// "+N more" badges: a dashed line from the hub to a pill.
pub const FOLD_LINE_WIDTH_PX: f64 = 1.5;
pub const FOLD_DASH_PX: [f64; 2] = [4.0, 3.0];
/// The box being dragged out to select nodes.
pub const MARQUEE_DASH_PX: [f64; 2] = [5.0, 3.0];
/// CoinJoin-shaped transactions get a double frame: mixing, taint is ambiguous.
pub const COINJOIN_FRAME_WIDTH_PX: f64 = 2.0;
/// Labelled entities (exchanges, mixers, sanctioned) get a violet ring.
pub const ENTITY_RING_WIDTH_PX: f64 = 2.5;
/// How far frames and rings sit outside the node's shape.
pub const RING_GAP_PX: f64 = 3.0;
pub const SELECTED_WIDTH_PX: f64 = 3.0;
pub const HOVERED_WIDTH_PX: f64 = 1.5;
/// The thin outline of a node whose fill alone is too faint against the background.
pub const NODE_OUTLINE_WIDTH_PX: f64 = 1.0;

/// A node's look: its fill, and an outline where the fill alone lacks 3:1 contrast against the
/// background (WCAG 1.4.11; Okabe–Ito orange and yellow on a light background).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeColours {
    pub fill: Rgba,
    pub outline: Option<Rgba>,
}

impl NodeColours {
    const fn plain(fill: Rgba) -> NodeColours {
        NodeColours { fill, outline: None }
    }

    const fn outlined(fill: Rgba, outline: Rgba) -> NodeColours {
        NodeColours {
            fill,
            outline: Some(outline),
        }
    }
}

/// The colours of every drawn thing in one colour scheme. The canvas draws with the scheme the page
/// shows ([`Palette::LIGHT`] or [`Palette::DARK`], `web::theme`); exported pictures go into
/// articles and always use [`Palette::LIGHT`]. Node fills are Okabe–Ito in both; strokes, rings,
/// text and edges are tuned per background so that text has at least 4.5:1 and the graphics that
/// carry meaning at least 3:1 (`tests/contrast.rs` checks every pair).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub background: Rgba,
    /// Node labels and the text of "+N more" badges.
    pub label_text: Rgba,

    pub edge_input: Rgba,
    pub edge_output: Rgba,
    /// Untainted edges while a trace is shown: faded on purpose.
    pub edge_clean: Rgba,
    pub edge_highlight: Rgba,
    /// Tainted edges at full strength; weaker shares are more transparent.
    pub edge_taint: Rgba,

    pub peel_stroke: Rgba,
    pub peel_text: Rgba,

    /// Time or hop marks: faint full-height lines (decoration: the labels carry the values).
    pub axis_line: Rgba,
    pub axis_text: Rgba,

    pub fold_line: Rgba,
    pub badge_fill: Rgba,
    pub badge_stroke: Rgba,

    pub marquee_fill: Rgba,
    pub marquee_stroke: Rgba,

    pub coinjoin_frame: Rgba,
    pub entity_ring: Rgba,
    pub selected_stroke: Rgba,
    pub hovered_stroke: Rgba,

    /// The page's target, in the accent colour.
    pub focus: NodeColours,
    pub address: NodeColours,
    pub address_loaded: NodeColours,
    pub tx: NodeColours,
    pub tx_warning: NodeColours,
    pub group: NodeColours,
    pub transfer: NodeColours,
}

/// Okabe–Ito: vermillion, blue, orange, yellow, bluish green, reddish purple, sky blue.
const VERMILLION: Rgba = Rgba::opaque(0xd5, 0x5e, 0x00);
const BLUE: Rgba = Rgba::opaque(0x00, 0x72, 0xb2);
const ORANGE: Rgba = Rgba::opaque(0xe6, 0x9f, 0x00);
const YELLOW: Rgba = Rgba::opaque(0xf0, 0xe4, 0x42);
const BLUISH_GREEN: Rgba = Rgba::opaque(0x00, 0x9e, 0x73);
const REDDISH_PURPLE: Rgba = Rgba::opaque(0xcc, 0x79, 0xa7);
const SKY_BLUE: Rgba = Rgba::opaque(0x56, 0xb4, 0xe9);
const GREY: Rgba = Rgba::opaque(0x8a, 0x8a, 0x8a);

impl Palette {
    /// Dark marks on the page's light background (`--bg` #f7f7f4); also every export.
    pub const LIGHT: Palette = {
        let outline = Rgba::opaque(0x5a, 0x5a, 0x64);
        Palette {
            background: Rgba::opaque(0xf7, 0xf7, 0xf4),
            label_text: Rgba::opaque(0x1b, 0x1b, 0x1b),
            edge_input: Rgba::new(90, 90, 100, 0.7),
            edge_output: Rgba::new(190, 80, 0, 0.8),
            edge_clean: Rgba::new(150, 150, 160, 0.25),
            edge_highlight: Rgba::new(20, 20, 20, 0.9),
            edge_taint: VERMILLION,
            peel_stroke: Rgba::new(192, 102, 156, 0.95),
            peel_text: Rgba::opaque(0x8e, 0x3f, 0x6e),
            axis_line: Rgba::new(0, 0, 0, 0.12),
            axis_text: Rgba::opaque(0x55, 0x55, 0x55),
            fold_line: Rgba::new(90, 90, 100, 0.8),
            badge_fill: Rgba::opaque(0xff, 0xff, 0xff),
            badge_stroke: Rgba::opaque(0x5a, 0x5a, 0x64),
            marquee_fill: Rgba::new(0, 114, 178, 0.10),
            marquee_stroke: BLUE,
            coinjoin_frame: Rgba::opaque(0x11, 0x11, 0x11),
            // Okabe–Ito's reddish purple, a shade darker: 3:1 on the light background.
            entity_ring: Rgba::opaque(0xc0, 0x66, 0x9c),
            selected_stroke: Rgba::opaque(0, 0, 0),
            hovered_stroke: Rgba::opaque(0x33, 0x33, 0x33),
            focus: NodeColours::plain(VERMILLION),
            address: NodeColours::plain(GREY),
            address_loaded: NodeColours::plain(BLUE),
            tx: NodeColours::outlined(ORANGE, outline),
            tx_warning: NodeColours::outlined(YELLOW, outline),
            group: NodeColours::plain(BLUISH_GREEN),
            transfer: NodeColours::plain(Rgba::opaque(0x44, 0x44, 0x44)),
        }
    };

    /// Light marks on the page's dark background (`--bg` #161616).
    pub const DARK: Palette = Palette {
        background: Rgba::opaque(0x16, 0x16, 0x16),
        label_text: Rgba::opaque(0xec, 0xec, 0xec),
        edge_input: Rgba::new(170, 170, 180, 0.6),
        edge_output: Rgba::new(230, 120, 40, 0.7),
        edge_clean: Rgba::new(150, 150, 160, 0.25),
        edge_highlight: Rgba::new(236, 236, 236, 0.9),
        edge_taint: Rgba::opaque(230, 120, 40),
        peel_stroke: Rgba::new(204, 121, 167, 0.9),
        peel_text: Rgba::opaque(0xe3, 0xa6, 0xc8),
        axis_line: Rgba::new(255, 255, 255, 0.14),
        axis_text: Rgba::opaque(0xaa, 0xaa, 0xaa),
        fold_line: Rgba::new(170, 170, 180, 0.8),
        badge_fill: Rgba::opaque(0x26, 0x26, 0x26),
        badge_stroke: Rgba::opaque(0xa0, 0xa0, 0xaa),
        marquee_fill: Rgba::new(86, 180, 233, 0.15),
        marquee_stroke: SKY_BLUE,
        coinjoin_frame: Rgba::opaque(0xec, 0xec, 0xec),
        entity_ring: REDDISH_PURPLE,
        selected_stroke: Rgba::opaque(0xff, 0xff, 0xff),
        hovered_stroke: Rgba::opaque(0xbb, 0xbb, 0xbb),
        focus: NodeColours::plain(VERMILLION),
        address: NodeColours::plain(GREY),
        address_loaded: NodeColours::plain(BLUE),
        tx: NodeColours::plain(ORANGE),
        tx_warning: NodeColours::plain(YELLOW),
        group: NodeColours::plain(BLUISH_GREEN),
        // Light grey: the light palette's dark grey would vanish.
        transfer: NodeColours::plain(Rgba::opaque(0xc0, 0xc0, 0xc0)),
    };

    /// A node's fill and outline: the page's target in the accent colour, the others by role.
    #[must_use]
    pub fn node(&self, role: NodeRole, focus: bool) -> NodeColours {
        match (role, focus) {
            (_, true) => self.focus,
            (NodeRole::Address, false) => self.address,
            (NodeRole::AddressLoaded, false) => self.address_loaded,
            (NodeRole::Tx, false) => self.tx,
            (NodeRole::TxWarning, false) => self.tx_warning,
            (NodeRole::Group, false) => self.group,
            (NodeRole::Transfer, false) => self.transfer,
        }
    }

    /// A node's fill.
    #[must_use]
    pub fn node_fill(&self, role: NodeRole, focus: bool) -> Rgba {
        self.node(role, focus).fill
    }

    /// An edge's stroke. With a trace shown, the taint colour's strength is the tainted share of
    /// the edge's value.
    #[must_use]
    pub fn edge_stroke(&self, colour: EdgeColour) -> Rgba {
        match colour {
            EdgeColour::Highlight => self.edge_highlight,
            EdgeColour::Taint(level) => Rgba {
                alpha: 0.25 + 0.75 * f64::from(level.min(20)) / 20.0,
                ..self.edge_taint
            },
            EdgeColour::Clean => self.edge_clean,
            EdgeColour::Input => self.edge_input,
            EdgeColour::Output => self.edge_output,
        }
    }
}

impl Rgba {
    /// WCAG 2.x relative luminance (sRGB, opacity ignored): 0 for black, 1 for white.
    #[must_use]
    pub fn relative_luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The opaque colour this one shows over `background` (alpha compositing).
    #[must_use]
    pub fn over(self, background: Rgba) -> Rgba {
        let alpha = self.alpha.clamp(0.0, 1.0);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // within 0..=255
        let mix = |top: u8, bottom: u8| {
            (alpha * f64::from(top) + (1.0 - alpha) * f64::from(bottom))
                .round()
                .clamp(0.0, 255.0) as u8
        };
        Rgba::opaque(
            mix(self.r, background.r),
            mix(self.g, background.g),
            mix(self.b, background.b),
        )
    }
}

/// The WCAG 2.x contrast ratio of `colour` shown over `background` (1 to 21; text needs 4.5,
/// graphics 3).
///
/// ```
/// use spoor::palette::{contrast_ratio, Rgba};
/// let black = Rgba::opaque(0, 0, 0);
/// let white = Rgba::opaque(255, 255, 255);
/// assert!((contrast_ratio(black, white) - 21.0).abs() < 1e-9);
/// assert!((contrast_ratio(Rgba::opaque(0x76, 0x76, 0x76), white) - 4.54).abs() < 0.01);
/// ```
#[must_use]
pub fn contrast_ratio(colour: Rgba, background: Rgba) -> f64 {
    let a = colour.over(background).relative_luminance();
    let b = background.relative_luminance();
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_read_as_css_shorthand() {
        assert_eq!(TEXT_FONT.css(), "11px system-ui, sans-serif");
        assert_eq!(STRONG_TEXT_FONT.css(), "bold 12px system-ui, sans-serif");
    }

    #[test]
    fn taint_strength_grows_with_the_share() {
        let light = Palette::LIGHT;
        assert_eq!(light.edge_stroke(EdgeColour::Taint(20)).css(), "#d55e00");
        assert!(light.edge_stroke(EdgeColour::Taint(1)).alpha < light.edge_stroke(EdgeColour::Taint(10)).alpha);
    }

    #[test]
    fn compositing_mixes_towards_the_background() {
        let white = Rgba::opaque(255, 255, 255);
        assert_eq!(Rgba::new(0, 0, 0, 0.5).over(white), Rgba::opaque(128, 128, 128));
        assert_eq!(Rgba::opaque(1, 2, 3).over(white), Rgba::opaque(1, 2, 3));
    }
}
