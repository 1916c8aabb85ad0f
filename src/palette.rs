//! The look both renderers share: colours, dash patterns, stroke widths and fonts of every draw-list
//! primitive. `web::canvas2d` paints with them and `export::svg` writes them, so an exported
//! picture matches the canvas. Colours are Okabe–Ito (colour-blind safe); every encoding also has
//! a shape or a line style.

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

pub const BACKGROUND: Rgba = Rgba::opaque(0xf7, 0xf7, 0xf4);
pub const LABEL_TEXT: Rgba = Rgba::opaque(0x1b, 0x1b, 0x1b);

pub const EDGE_INPUT: Rgba = Rgba::new(120, 120, 130, 0.55);
pub const EDGE_OUTPUT: Rgba = Rgba::new(213, 94, 0, 0.55);
pub const EDGE_CLEAN: Rgba = Rgba::new(150, 150, 160, 0.25);
pub const EDGE_HIGHLIGHT: Rgba = Rgba::new(20, 20, 20, 0.9);
/// A likely change output is dashed.
pub const CHANGE_DASH_PX: [f64; 2] = [6.0, 4.0];

/// A collapsed peel chain: one dashed violet step with its summary.
pub const PEEL_STROKE: Rgba = Rgba::new(204, 121, 167, 0.9);
pub const PEEL_WIDTH_PX: f64 = 4.0;
pub const PEEL_DASH_PX: [f64; 2] = [10.0, 6.0];
pub const PEEL_TEXT: Rgba = Rgba::opaque(0x8e, 0x3f, 0x6e);

/// Time or hop marks: faint full-height lines.
pub const AXIS_LINE: Rgba = Rgba::new(0, 0, 0, 0.12);
pub const AXIS_TEXT: Rgba = Rgba::opaque(0x55, 0x55, 0x55);

/// "+N more" badges: a dashed line from the hub to a white pill.
pub const FOLD_LINE: Rgba = Rgba::new(90, 90, 100, 0.8);
pub const FOLD_LINE_WIDTH_PX: f64 = 1.5;
pub const FOLD_DASH_PX: [f64; 2] = [4.0, 3.0];
pub const BADGE_FILL: Rgba = Rgba::opaque(0xff, 0xff, 0xff);
pub const BADGE_STROKE: Rgba = Rgba::opaque(0x5a, 0x5a, 0x64);

/// The box being dragged out to select nodes.
pub const MARQUEE_FILL: Rgba = Rgba::new(0, 114, 178, 0.10);
pub const MARQUEE_STROKE: Rgba = Rgba::opaque(0x00, 0x72, 0xb2);
pub const MARQUEE_DASH_PX: [f64; 2] = [5.0, 3.0];

/// CoinJoin-shaped transactions get a dark double frame: mixing, taint is ambiguous.
pub const COINJOIN_FRAME: Rgba = Rgba::opaque(0x11, 0x11, 0x11);
pub const COINJOIN_FRAME_WIDTH_PX: f64 = 2.0;
/// Labelled entities (exchanges, mixers, sanctioned) get a violet ring.
pub const ENTITY_RING: Rgba = Rgba::opaque(0xcc, 0x79, 0xa7);
pub const ENTITY_RING_WIDTH_PX: f64 = 2.5;
/// How far frames and rings sit outside the node's shape.
pub const RING_GAP_PX: f64 = 3.0;
pub const SELECTED_STROKE: Rgba = Rgba::opaque(0, 0, 0);
pub const SELECTED_WIDTH_PX: f64 = 3.0;
pub const HOVERED_STROKE: Rgba = Rgba::opaque(0x33, 0x33, 0x33);
pub const HOVERED_WIDTH_PX: f64 = 1.5;

/// A node's fill: the page's target in the accent colour, the others by role.
#[must_use]
pub fn node_fill(role: NodeRole, focus: bool) -> Rgba {
    match (role, focus) {
        (_, true) => Rgba::opaque(0xd5, 0x5e, 0x00),
        (NodeRole::Address, false) => Rgba::opaque(0x8a, 0x8a, 0x8a),
        (NodeRole::AddressLoaded, false) => Rgba::opaque(0x00, 0x72, 0xb2),
        (NodeRole::Tx, false) => Rgba::opaque(0xe6, 0x9f, 0x00),
        (NodeRole::TxWarning, false) => Rgba::opaque(0xf0, 0xe4, 0x42),
        (NodeRole::Group, false) => Rgba::opaque(0x00, 0x9e, 0x73),
        (NodeRole::Transfer, false) => Rgba::opaque(0x44, 0x44, 0x44),
    }
}

/// An edge's stroke. With a trace shown, the red's strength is the tainted share of the edge's value.
#[must_use]
pub fn edge_stroke(colour: EdgeColour) -> Rgba {
    match colour {
        EdgeColour::Highlight => EDGE_HIGHLIGHT,
        EdgeColour::Taint(level) => Rgba::new(213, 94, 0, 0.25 + 0.75 * f64::from(level.min(20)) / 20.0),
        EdgeColour::Clean => EDGE_CLEAN,
        EdgeColour::Input => EDGE_INPUT,
        EdgeColour::Output => EDGE_OUTPUT,
    }
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
        assert_eq!(edge_stroke(EdgeColour::Taint(20)).css(), "#d55e00");
        assert!(edge_stroke(EdgeColour::Taint(1)).alpha < edge_stroke(EdgeColour::Taint(10)).alpha);
    }
}
