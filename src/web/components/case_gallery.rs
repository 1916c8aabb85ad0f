//! The start page when the URL names nothing: the published cases Spoor can open (one link per
//! chain), the ones it cannot (and why), and the synthetic demo last. Links are plain hash links,
//! so the router opens them like any other route.

use yew::prelude::*;

use crate::cases::{self, Case, CaseEntry, CaseTrace, Confidence, UntraceableCase};

#[derive(Properties, PartialEq)]
pub struct CaseGalleryProps {
    /// Routes of the synthetic demo (`/btc/address/<a>`, from config.json); empty when no demo is
    /// served.
    pub demo_routes: Vec<String>,
}

#[component]
pub fn CaseGallery(props: &CaseGalleryProps) -> Html {
    let gallery = use_memo((), |()| cases::gallery());
    let listed = match gallery.as_ref() {
        Ok(gallery) => html! {
            <>
                <section class="gallery-section" aria-labelledby="gallery-traceable">
                    <h3 id="gallery-traceable">{ "Published thefts" }</h3>
                    <div class="cases">{ for gallery.cases.iter().map(case_card) }</div>
                </section>
                <section class="gallery-section" aria-labelledby="gallery-untraceable">
                    <h3 id="gallery-untraceable">{ "Not traceable here" }</h3>
                    <div class="cases">{ for gallery.untraceable.iter().map(untraceable_card) }</div>
                </section>
            </>
        },
        Err(err) => html! {
            <p class="gallery-error" role="alert">{ format!("The list of cases could not be read: {err}") }</p>
        },
    };
    html! {
        <main id="case-gallery" class="case-gallery" aria-labelledby="case-gallery-title">
            <h2 id="case-gallery-title">{ "Case gallery" }</h2>
            <p class="gallery-intro">{ "Published thefts with their addresses and sources. Open a trace, \
                or type an address or transaction id in the search box." }</p>
            { listed }
            <section class="gallery-section" aria-labelledby="gallery-demo">
                <h3 id="gallery-demo">{ "Synthetic demo" }</h3>
                <div class="cases">{ demo_card(&cases::demo_traces(&props.demo_routes)) }</div>
            </section>
        </main>
    }
}

fn case_card(case: &Case) -> Html {
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
                { " · " }{ confidence_mark(case.confidence) }
            </p>
            <ul class="open-traces">
                { for traces.iter().map(|trace| open_link(trace, "")) }
            </ul>
            <dl class="case-facts">
                if !amounts.is_empty() {
                    <dt>{ "Amounts" }</dt>
                    <dd><ul class="case-amounts">{ for amounts }</ul></dd>
                }
                if !notes.is_empty() {
                    <dt>{ "What is known" }</dt>
                    <dd><ul class="case-notes">{ for notes }</ul></dd>
                }
                <dt>{ "Sources" }</dt>
                <dd><ul class="case-sources">{ for case.sources().into_iter().map(source_link) }</ul></dd>
            </dl>
            <details class="case-entries">
                <summary>{ format!("Addresses and transactions ({})", case.entries.len()) }</summary>
                <ul>
                    { for case.entries.iter().map(|entry| html! {
                        <li>
                            { format!("{} {} ({} confidence): ", entry.chain.ticker(), entry.role, entry.confidence.code()) }
                            <code class="selectable">{ &entry.address_or_txid }</code>
                        </li>
                    }) }
                </ul>
            </details>
        </article>
    }
}

fn untraceable_card(case: &UntraceableCase) -> Html {
    let title_id = format!("case-{}", case.id);
    html! {
        <article class="case untraceable" data-case-id={case.id.clone()} aria-labelledby={title_id.clone()}>
            <h4 id={title_id}>{ &case.name }</h4>
            <p class="case-meta">
                <time datetime={case.date.clone()}>{ &case.date }</time>
                { format!(" · {} · ", case.chain) }
                <span class="untraceable-mark">{ "cannot be traced here" }</span>
            </p>
            <dl class="case-facts">
                <dt>{ "Amount" }</dt>
                <dd>{ &case.amount }</dd>
                <dt>{ "Why not" }</dt>
                <dd class="untraceable-reason">{ &case.reason }</dd>
                <dt>{ "Source" }</dt>
                <dd><ul class="case-sources">{ source_link(&case.source_url) }</ul></dd>
            </dl>
        </article>
    }
}

fn demo_card(traces: &[CaseTrace]) -> Html {
    html! {
        <article class="case synthetic" data-case-id="synthetic-demo" aria-labelledby="case-synthetic-demo">
            <h4 id="case-synthetic-demo">{ "Simulated hack " }<span class="synthetic-mark">{ "synthetic" }</span></h4>
            <p>{ "Not a real case: a theft, peel chains, a CoinJoin, a mixer and noise made up by " }
                <code>{ "spoor simulate" }</code>{ " on each Zaif coin, to try Spoor without a public explorer." }</p>
            if traces.is_empty() {
                <p class="demo-offline">{ "The offline demo serves it: run " }<code>{ "bash scripts/demo.sh" }</code>
                    { " and open the page it names." }</p>
            } else {
                <ul class="open-traces">{ for traces.iter().map(|trace| open_link(trace, "synthetic ")) }</ul>
            }
        </article>
    }
}

/// "Open the BTC trace": a hash link the router opens.
fn open_link(trace: &CaseTrace, qualifier: &str) -> Html {
    html! {
        <li><a class="open-trace" data-chain={trace.chain.code()} href={trace.href()}>
            { format!("Open the {qualifier}{} trace", trace.chain.ticker()) }
        </a></li>
    }
}

fn source_link(url: &str) -> Html {
    html! {
        <li><a href={url.to_string()} title={url.to_string()} target="_blank" rel="noopener noreferrer">
            { cases::source_label(url) }<span class="visually-hidden">{ " (opens in a new tab)" }</span>
        </a></li>
    }
}

fn confidence_mark(confidence: Confidence) -> Html {
    let class = classes!(
        "confidence",
        format!("confidence-{}", confidence.code()),
        (confidence == Confidence::Low).then_some("low-confidence"),
    );
    html! { <span {class}>{ format!("{} confidence", confidence.code()) }</span> }
}
