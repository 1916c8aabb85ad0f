//! `spoor labels`: look up every tag of an address, and rebuild the bundled label data from
//! label CSV files.

use std::path::{Path, PathBuf};

use crate::chain::{Address, Chain};
use crate::labels::bundle::{self, Dataset};
use crate::labels::{book, Label, LabelBook, LabelWarningKind};

use super::{LabelsArgs, LabelsCommand};

/// Runs `spoor labels …`.
pub fn run(args: &LabelsArgs) -> Result<(), String> {
    match &args.command {
        LabelsCommand::Lookup {
            chain,
            address,
            labels,
            no_bundled_labels,
            json,
        } => lookup(chain, address, labels, *no_bundled_labels, *json),
        LabelsCommand::Bundle { datasets, out, files } => write_bundle(datasets, out, files),
    }
}

fn lookup(chain: &str, address: &str, files: &[PathBuf], skip_bundled: bool, json: bool) -> Result<(), String> {
    let chain = Chain::from_code(chain).ok_or_else(|| {
        let known: Vec<&str> = Chain::ALL.iter().map(|c| c.code()).collect();
        format!("unknown chain {chain:?}: use one of {}", known.join(", "))
    })?;
    let canonical = Address::parse(chain, address).map_err(|err| err.to_string())?;
    let (book, _) = super::trace::labels::load_with_bundled(chain, files, skip_bundled)?;
    let tags = book.labels_of(chain, canonical.as_str());
    if json {
        let rows: Vec<serde_json::Value> = tags.iter().map(|tag| tag_json(&book, tag)).collect();
        let out = serde_json::json!({
            "chain": chain.code(),
            "address": canonical.as_str(),
            "tags": rows,
        });
        println!("{}", serde_json::to_string_pretty(&out).map_err(|err| err.to_string())?);
        return Ok(());
    }
    if tags.is_empty() {
        println!("{} {}: no tags", chain.code(), canonical.as_str());
        return Ok(());
    }
    let plural = if tags.len() == 1 { "" } else { "s" };
    println!("{} {}: {} tag{plural}", chain.code(), canonical.as_str(), tags.len());
    for tag in &tags {
        println!();
        println!("  entity:   {}", tag.entity);
        println!("  category: {}", tag.category);
        println!("  source:   {}", tag.source_url);
        match book.dataset(&tag.dataset) {
            Some(dataset) => println!(
                "  dataset:  {} ({}; {}; licence: {})",
                dataset.name, dataset.title, dataset.url, dataset.licence
            ),
            None => println!("  dataset:  {}", tag.dataset),
        }
    }
    Ok(())
}

fn tag_json(book: &LabelBook, tag: &Label) -> serde_json::Value {
    let dataset = book.dataset(&tag.dataset);
    serde_json::json!({
        "entity": tag.entity,
        "category": tag.category.code(),
        "source_url": tag.source_url,
        "dataset": tag.dataset,
        "dataset_title": dataset.map(|d| d.title.as_str()),
        "dataset_url": dataset.map(|d| d.url.as_str()),
        "dataset_licence": dataset.map(|d| d.licence.as_str()),
    })
}

/// Reads the dataset descriptions (`name,title,url,licence`), then each label file (a dataset
/// named by its file name), and writes `<chain>.labels` and `index.json` into `out`.
fn write_bundle(datasets_csv: &Path, out: &Path, files: &[PathBuf]) -> Result<(), String> {
    let described = read_datasets(datasets_csv)?;
    let mut inputs: Vec<(Dataset, Vec<book::LabelRow>)> = Vec::new();
    for path in files {
        let origin = path.display().to_string();
        let name = book::dataset_name_of(&origin);
        let dataset = described
            .iter()
            .find(|d| d.name == name)
            .ok_or_else(|| {
                format!(
                    "{origin}: no dataset {name:?} in {} (every tag needs its provenance)",
                    datasets_csv.display()
                )
            })?
            .clone();
        let text = std::fs::read_to_string(path).map_err(|err| format!("cannot read {origin}: {err}"))?;
        let (rows, warnings) = book::read_csv(&text, &origin).map_err(|err| err.to_string())?;
        let mut other_chains = 0;
        for warning in warnings {
            if warning.kind == LabelWarningKind::UnsupportedChain {
                other_chains += 1;
            } else {
                return Err(format!("bad label file: {warning}"));
            }
        }
        eprintln!(
            "{origin}: {} rows ({other_chains} of chains Spoor does not trace skipped)",
            rows.len()
        );
        inputs.push((dataset, rows));
    }
    // The order of the descriptions is the order an address's tags are listed in.
    inputs.sort_by_key(|(dataset, _)| described.iter().position(|d| d.name == dataset.name));
    let built = bundle::build(&inputs);
    std::fs::create_dir_all(out).map_err(|err| format!("cannot create {}: {err}", out.display()))?;
    for (chain, bytes) in &built.files {
        let path = out.join(format!("{}.labels", chain.code()));
        std::fs::write(&path, bytes).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    }
    let manifest = serde_json::to_string_pretty(&built.manifest).map_err(|err| err.to_string())? + "\n";
    let path = out.join("index.json");
    std::fs::write(&path, manifest).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    for (code, entry) in &built.manifest.chains {
        println!(
            "{code}: {} addresses, {} tags, {} bytes",
            entry.addresses, entry.tags, entry.bytes
        );
    }
    Ok(())
}

fn read_datasets(path: &Path) -> Result<Vec<Dataset>, String> {
    let origin = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|err| format!("cannot read {origin}: {err}"))?;
    let mut records = crate::labels::csv::records(&text);
    let header = records.next().map(|(_, f)| f.join(",")).unwrap_or_default();
    if header != "name,title,url,licence" {
        return Err(format!("{origin}: the first line must be `name,title,url,licence`"));
    }
    records
        .map(|(line, fields)| match fields.as_slice() {
            [name, title, url, licence] => Ok(Dataset {
                name: name.trim().to_string(),
                title: title.trim().to_string(),
                url: url.trim().to_string(),
                licence: licence.trim().to_string(),
            }),
            _ => Err(format!("{origin} line {line}: expected 4 fields")),
        })
        .collect()
}
