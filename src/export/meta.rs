//! What every export states about where its numbers come from.

use crate::i18n::{self, Lang};
use crate::tr;
use crate::trace::TaintMethod;

/// This build's version, for [`ExportMeta::spoor_version`].
pub const SPOOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where an export's numbers come from and what it shows. The core has no clock, so the caller
/// supplies the generation time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMeta {
    /// The explorer API the transactions were fetched from (its base URL).
    pub api_base_url: String,
    /// The block height the view is pinned at; `None` when it follows the chain tip.
    pub pinned_height: Option<u32>,
    /// The taint method of the trace shown; `None` when no trace is shown.
    pub method: Option<TaintMethod>,
    /// What the view is about, as in the route: `btc/address/1Fmw…`.
    pub target: String,
    /// The Spoor version that made the export (usually [`SPOOR_VERSION`]).
    pub spoor_version: String,
    /// A title for people (the SVG's `<title>`, the graph's description).
    pub title: String,
    /// When the export was made, seconds since the Unix epoch (GEXF's `lastmodifieddate`).
    pub generated_at_secs: Option<u64>,
}

impl ExportMeta {
    /// One line naming the data source, the pinned height and the method:
    /// `Data: https://mempool.space/api, pinned at block 541,379 · method: haircut`.
    ///
    /// ```
    /// use spoor::export::{ExportMeta, SPOOR_VERSION};
    /// use spoor::trace::TaintMethod;
    /// let meta = ExportMeta {
    ///     api_base_url: "https://mempool.space/api".into(),
    ///     pinned_height: Some(541_379),
    ///     method: Some(TaintMethod::Haircut),
    ///     target: "btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w".into(),
    ///     spoor_version: SPOOR_VERSION.into(),
    ///     title: "Zaif hack".into(),
    ///     generated_at_secs: None,
    /// };
    /// assert_eq!(meta.source_note(), "Data: https://mempool.space/api, pinned at block 541,379 · method: haircut");
    /// let unpinned = ExportMeta { pinned_height: None, method: None, ..meta };
    /// assert_eq!(unpinned.source_note(), "Data: https://mempool.space/api, not pinned · no trace");
    /// ```
    #[must_use]
    pub fn source_note(&self) -> String {
        self.source_note_in(Lang::En)
    }

    /// [`ExportMeta::source_note`] in `lang` (the page's line; files keep the English one).
    ///
    /// ```
    /// # use spoor::export::{ExportMeta, SPOOR_VERSION};
    /// use spoor::i18n::Lang;
    /// # let meta = ExportMeta {
    /// #     api_base_url: "https://mempool.space/api".into(),
    /// #     pinned_height: Some(541_379),
    /// #     method: None,
    /// #     target: "btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w".into(),
    /// #     spoor_version: SPOOR_VERSION.into(),
    /// #     title: "Zaif hack".into(),
    /// #     generated_at_secs: None,
    /// # };
    /// assert_eq!(
    ///     meta.source_note_in(Lang::De),
    ///     "Daten: https://mempool.space/api, fixiert auf Block 541.379 · keine Verfolgung"
    /// );
    /// ```
    #[must_use]
    pub fn source_note_in(&self, lang: Lang) -> String {
        let pinned = match self.pinned_height {
            Some(height) => tr!(
                lang,
                "export_meta.pinned",
                height = i18n::group(lang, u64::from(height))
            ),
            None => tr!(lang, "export_meta.not_pinned"),
        };
        let method = match self.method {
            Some(method) => tr!(lang, "export_meta.method", method = method.code()),
            None => tr!(lang, "export_meta.no_trace"),
        };
        tr!(
            lang,
            "export_meta.source_note",
            url = self.api_base_url.as_str(),
            pinned = pinned,
            method = method
        )
    }

    /// The source note, the target and the version: what a figure's caption or a file's
    /// description says.
    #[must_use]
    pub(crate) fn caption(&self) -> String {
        format!(
            "{} · {} · Spoor {}",
            self.source_note(),
            self.target,
            self.spoor_version
        )
    }
}
