//! `--labels FILE.csv`: reads label files strictly. A malformed row is an error naming the file and
//! the line, because a silently dropped exchange label would silently change where a trace stops.
//! Rows for chains Spoor does not trace yet are skipped (the shared label files mix chains).

use std::path::PathBuf;

use crate::chain::Chain;
use crate::labels::{LabelBook, LabelWarningKind};

/// The bundled labels of `chain` (unless `skip_bundled`) and all labels of `paths`, merged, and
/// how many rows of other chains were skipped.
pub fn load_with_bundled(chain: Chain, paths: &[PathBuf], skip_bundled: bool) -> Result<(LabelBook, usize), String> {
    let mut book = if skip_bundled {
        LabelBook::new()
    } else {
        crate::cli::bundled_labels::book(chain)?
    };
    let (files, other_chains) = load(paths)?;
    book.merge(files);
    Ok((book, other_chains))
}

/// All labels of `paths`, merged, and how many rows of other chains were skipped.
pub fn load(paths: &[PathBuf]) -> Result<(LabelBook, usize), String> {
    let mut book = LabelBook::new();
    let mut other_chains = 0_usize;
    for path in paths {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| format!("cannot read label file {origin}: {err}"))?;
        let (file_book, warnings) = LabelBook::from_csv(&text, &origin).map_err(|err| err.to_string())?;
        for warning in warnings {
            if warning.kind == LabelWarningKind::UnsupportedChain {
                other_chains += 1;
            } else {
                return Err(format!("bad label file: {warning}"));
            }
        }
        book.merge(file_book);
    }
    Ok((book, other_chains))
}
