//! The three files of a scenario: chain JSON Lines, label CSV, facts JSON.

use super::{LabelRow, Scenario};

/// The header of every label CSV.
const LABELS_HEADER: &str = "chain,address,entity,category,source_url";

impl Scenario {
    /// One compact `EsploraTx` JSON object per line, in chain order, each line ending in `\n`.
    #[must_use]
    pub fn chain_jsonl(&self) -> String {
        let mut out = String::with_capacity(self.txs.len() * 2_400);
        for line in self.chain_jsonl_lines() {
            out.push_str(&line);
        }
        out
    }

    /// The lines of [`Scenario::chain_jsonl`] one at a time (each with its `\n`), so a writer
    /// need not hold a 100,000-tx file in memory twice.
    pub fn chain_jsonl_lines(&self) -> impl Iterator<Item = String> + '_ {
        // Serialising plain structs of strings and integers cannot fail; skip rather than panic.
        self.txs
            .iter()
            .filter_map(|tx| serde_json::to_string(tx).ok())
            .map(|mut line| {
                line.push('\n');
                line
            })
    }

    /// The labels as CSV with a header, fields quoted where they contain `,`, `"` or line breaks.
    #[must_use]
    pub fn labels_csv(&self) -> String {
        let mut out = String::from(LABELS_HEADER);
        out.push('\n');
        for LabelRow {
            chain,
            address,
            entity,
            category,
            source_url,
        } in &self.labels
        {
            let fields = [chain, address, entity, category, source_url].map(|field| crate::labels::csv::field(field));
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }

    /// The facts as pretty-printed JSON.
    #[must_use]
    pub fn facts_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(&self.facts).unwrap_or_default();
        out.push('\n');
        out
    }
}
