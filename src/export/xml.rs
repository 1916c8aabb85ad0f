//! A minimal XML writer whose every attribute value and text goes through one escaping function,
//! so labels and explorer data (untrusted) can never break a document.

use std::fmt::Write as _;

/// Escapes text for an attribute value or element content: the five markup characters and the
/// white space an attribute would normalise become references; characters XML 1.0 forbids
/// (control characters, U+FFFE, U+FFFF) become U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
    out
}

/// The XML 1.0 `Char` production (Rust strings hold no surrogates).
fn is_xml_char(ch: char) -> bool {
    matches!(ch, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Writes an indented document element by element. Names are the caller's constants; values are
/// escaped here.
#[derive(Debug)]
pub(crate) struct XmlWriter {
    out: String,
    depth: usize,
}

impl XmlWriter {
    /// A document with its UTF-8 declaration.
    pub(crate) fn new() -> XmlWriter {
        XmlWriter {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        }
    }

    /// `<name a="v">` on its own line; children follow until [`XmlWriter::close`].
    pub(crate) fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    /// `<name a="v"/>`.
    pub(crate) fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push_str("/>\n");
    }

    /// `<name a="v">text</name>` on one line.
    pub(crate) fn leaf(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.start_tag(name, attributes);
        let _ = writeln!(self.out, ">{}</{name}>", escape(text));
    }

    /// The document.
    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn start_tag(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            let _ = write!(self.out, " {key}=\"{}\"", escape(value));
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_control_characters_are_escaped() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\ny\u{1}z\u{ffff}"), "x&#10;y\u{fffd}z\u{fffd}");
        assert_eq!(escape("Zaïf 𝔹"), "Zaïf 𝔹");
    }

    #[test]
    fn writer_nests_and_escapes_values() {
        let mut xml = XmlWriter::new();
        xml.open("a", &[("k", "1 & 2")]);
        xml.leaf("b", &[], "<c>");
        xml.empty("d", &[]);
        xml.close("a");
        assert_eq!(
            xml.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a k=\"1 &amp; 2\">\n  <b>&lt;c&gt;</b>\n  <d/>\n</a>\n"
        );
    }
}
