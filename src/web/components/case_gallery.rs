//! The start page when the URL names nothing: the published cases Spoor can open (one link per
//! chain), the ones it cannot (and why), and the synthetic demo last. Links are plain hash links,
//! so the router opens them like any other route.

use yew::prelude::*;

use crate::cases::{self, Case, CaseEntry, CaseTrace, Confidence, UntraceableCase};
use crate::i18n::Lang;
use crate::tr;

#[derive(Properties, PartialEq)]
pub struct CaseGalleryProps {
    /// Routes of the synthetic demo (`/btc/address/<a>`, from config.json); empty when no demo is
    /// served.
    pub demo_routes: Vec<String>,
    /// The investigation last on screen (its view link and route path), offered first.
    #[prop_or_default]
    pub resume: Option<(String, String)>,
}

#[component]
pub fn CaseGallery(props: &CaseGalleryProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let gallery = use_memo((), |()| cases::gallery());
    let listed = match gallery.as_ref() {
        Ok(gallery) => html! {
            <>
                <section class="gallery-section" aria-labelledby="gallery-traceable">
                    <h3 id="gallery-traceable">{ tr!(lang, "case_gallery.published") }</h3>
                    <div class="cases">{ for gallery.cases.iter().map(|case| case_card(lang, case)) }</div>
                </section>
                <section class="gallery-section" aria-labelledby="gallery-untraceable">
                    <h3 id="gallery-untraceable">{ tr!(lang, "case_gallery.not_traceable") }</h3>
                    <div class="cases">{ for gallery.untraceable.iter().map(|case| untraceable_card(lang, case)) }</div>
                </section>
            </>
        },
        Err(err) => html! {
            <p class="gallery-error" role="alert">{ tr!(lang, "case_gallery.unreadable", error = err.to_string()) }</p>
        },
    };
    html! {
        <main id="case-gallery" class="case-gallery" aria-labelledby="case-gallery-title">
            <h2 id="case-gallery-title">{ tr!(lang, "case_gallery.title") }</h2>
            <p class="gallery-intro">{ tr!(lang, "case_gallery.intro") }</p>
            if let Some((hash, path)) = &props.resume {
                <p id="resume" class="resume">
                    <a id="resume-link" href={hash.clone()}>{ tr!(lang, "case_gallery.resume") }</a>
                    { " " }<span class="mono">{ path.clone() }</span>
                </p>
            }
            { listed }
            <section class="gallery-section" aria-labelledby="gallery-demo">
                <h3 id="gallery-demo">{ tr!(lang, "case_gallery.demo") }</h3>
                <div class="cases">{ demo_card(lang, &cases::demo_traces(&props.demo_routes)) }</div>
            </section>
        </main>
    }
}

fn case_card(lang: Lang, case: &Case) -> Html {
    let title_id = format!("case-{}", case.id);
    let traces = case.traces();
    // Zaif has a "thief address" on each coin: name the coin when there are several.
    let role_of = |entry: &CaseEntry| {
        if traces.len() > 1 {
            format!("{} {}", entry.chain.ticker(), entry.role)
        } else {
            entry.role.clone()
        }
    };
    let amounts: Vec<Html> = case
        .entries
        .iter()
        .filter(|entry| !entry.amount.is_empty())
        .map(|entry| html! { <li>{ format!("{} ({})", entry.amount, role_of(entry)) }</li> })
        .collect();
    let notes: Vec<Html> = case
        .entries
        .iter()
        .filter(|entry| !entry.note.is_empty())
        .map(|entry| html! { <li>{ format!("{}: {}", role_of(entry), entry.note) }</li> })
        .collect();
    html! {
        <article class="case" data-case-id={case.id.clone()} aria-labelledby={title_id.clone()}>
            <h4 id={title_id}>{ &case.name }</h4>
            <p class="case-meta">
                <time datetime={case.date.clone()}>{ &case.date }</time>
                { " · " }{ confidence_mark(lang, case.confidence) }
            </p>
            <ul class="open-traces">
                { for traces.iter().map(|trace| open_link(lang, trace, false)) }
            </ul>
            <dl class="case-facts">
                if !amounts.is_empty() {
                    <dt>{ tr!(lang, "case_gallery.amounts") }</dt>
                    <dd><ul class="case-amounts">{ for amounts }</ul></dd>
                }
                if !notes.is_empty() {
                    <dt>{ tr!(lang, "case_gallery.what_is_known") }</dt>
                    <dd><ul class="case-notes">{ for notes }</ul></dd>
                }
                <dt>{ tr!(lang, "case_gallery.sources") }</dt>
                <dd><ul class="case-sources">{ for case.sources().into_iter().map(|url| source_link(lang, url)) }</ul></dd>
            </dl>
            <details class="case-entries">
                <summary>{ tr!(lang, "case_gallery.entries", count = case.entries.len().to_string()) }</summary>
                <ul>
                    { for case.entries.iter().map(|entry| html! {
                        <li>
                            { tr!(
                                lang,
                                "case_gallery.entry",
                                ticker = entry.chain.ticker(),
                                role = entry.role.as_str(),
                                confidence = confidence_text(lang, entry.confidence)
                            ) }{ ": " }
                            <code class="selectable">{ &entry.address_or_txid }</code>
                        </li>
                    }) }
                </ul>
            </details>
        </article>
    }
}

fn untraceable_card(lang: Lang, case: &UntraceableCase) -> Html {
    let title_id = format!("case-{}", case.id);
    html! {
        <article class="case untraceable" data-case-id={case.id.clone()} aria-labelledby={title_id.clone()}>
            <h4 id={title_id}>{ &case.name }</h4>
            <p class="case-meta">
                <time datetime={case.date.clone()}>{ &case.date }</time>
                { format!(" · {} · ", case.chain) }
                <span class="untraceable-mark">{ tr!(lang, "case_gallery.cannot_be_traced") }</span>
            </p>
            <dl class="case-facts">
                <dt>{ tr!(lang, "case_gallery.amount") }</dt>
                <dd>{ &case.amount }</dd>
                <dt>{ tr!(lang, "case_gallery.why_not") }</dt>
                <dd class="untraceable-reason">{ &case.reason }</dd>
                <dt>{ tr!(lang, "case_gallery.source") }</dt>
                <dd><ul class="case-sources">{ source_link(lang, &case.source_url) }</ul></dd>
            </dl>
        </article>
    }
}

fn demo_card(lang: Lang, traces: &[CaseTrace]) -> Html {
    html! {
        <article class="case synthetic" data-case-id="synthetic-demo" aria-labelledby="case-synthetic-demo">
            <h4 id="case-synthetic-demo">
                { tr!(lang, "case_gallery.simulated_hack") }{ " " }
                <span class="synthetic-mark">{ tr!(lang, "case_gallery.synthetic") }</span>
            </h4>
            <p>{ tr!(lang, "case_gallery.demo_before") }<code>{ "spoor simulate" }</code>{ tr!(lang, "case_gallery.demo_after") }</p>
            if traces.is_empty() {
                <p class="demo-offline">{ tr!(lang, "case_gallery.offline_before") }<code>{ "bash scripts/demo.sh" }</code>
                    { tr!(lang, "case_gallery.offline_after") }</p>
            } else {
                <ul class="open-traces">{ for traces.iter().map(|trace| open_link(lang, trace, true)) }</ul>
            }
        </article>
    }
}

/// "Open the BTC trace" (or "the synthetic BTC trace"): a hash link the router opens.
fn open_link(lang: Lang, trace: &CaseTrace, synthetic: bool) -> Html {
    let ticker = trace.chain.ticker();
    let text = if synthetic {
        tr!(lang, "case_gallery.open_synthetic_trace", ticker = ticker)
    } else {
        tr!(lang, "case_gallery.open_trace", ticker = ticker)
    };
    html! {
        <li><a class="open-trace" data-chain={trace.chain.code()} href={trace.href()}>{ text }</a></li>
    }
}

fn source_link(lang: Lang, url: &str) -> Html {
    html! {
        <li><a href={url.to_string()} title={url.to_string()} target="_blank" rel="noopener noreferrer">
            { cases::source_label(url) }<span class="visually-hidden">{ tr!(lang, "case_gallery.new_tab") }</span>
        </a></li>
    }
}

/// "low confidence", "mittlere Zuverlässigkeit", …
fn confidence_text(lang: Lang, confidence: Confidence) -> String {
    match confidence {
        Confidence::Low => tr!(lang, "case_gallery.confidence_low"),
        Confidence::Medium => tr!(lang, "case_gallery.confidence_medium"),
        Confidence::High => tr!(lang, "case_gallery.confidence_high"),
    }
}

fn confidence_mark(lang: Lang, confidence: Confidence) -> Html {
    let class = classes!(
        "confidence",
        format!("confidence-{}", confidence.code()),
        (confidence == Confidence::Low).then_some("low-confidence"),
    );
    html! { <span {class}>{ confidence_text(lang, confidence) }</span> }
}
