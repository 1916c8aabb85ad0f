//! Every tag of an address with its provenance: entity, category, the claim's source, and the
//! dataset it comes from (title, link, licence). Never one "best" tag: disagreeing sources all show.

use yew::prelude::*;

use crate::chain::Chain;
use crate::i18n::{self, Lang};
use crate::labels::LabelBook;
use crate::tr;

/// The tag list of an address in `lang` (nothing when it has none).
pub fn tag_list(lang: Lang, labels: &LabelBook, chain: Chain, address: &str) -> Html {
    let tags = labels.labels_of(chain, address);
    if tags.is_empty() {
        return Html::default();
    }
    let heading = if tags.len() == 1 {
        tr!(lang, "entity_tags.one_tag")
    } else {
        tr!(lang, "entity_tags.tags", count = i18n::group(lang, tags.len() as u64))
    };
    html! {
        <section class="entity-tags" aria-label={heading.clone()}>
            <h3>{ heading }</h3>
            <ul class="entity-labels">{ for tags.iter().map(|tag| {
                let dataset = labels.dataset(&tag.dataset);
                html! {
                    <li class="entity-tag" data-category={tag.category.code()} data-dataset={tag.dataset.clone()}>
                        <strong class="entity">{ &tag.entity }</strong>
                        <span class={classes!("category-chip", format!("category-{}", tag.category.code()))}>{ tag.category.code() }</span>
                        <br />
                        if tag.source_url.starts_with("http") {
                            <a class="tag-source" href={tag.source_url.clone()} target="_blank" rel="noopener noreferrer">{ tr!(lang, "entity_tags.source") }</a>
                        } else {
                            <span class="muted tag-source">{ &tag.source_url }</span>
                        }
                        { " · " }{ tr!(lang, "entity_tags.dataset") }
                        if let Some(dataset) = dataset {
                            <a class="tag-dataset" href={dataset.url.clone()} target="_blank" rel="noopener noreferrer"
                                title={tr!(
                                    lang,
                                    "entity_tags.dataset_title",
                                    title = dataset.title.as_str(),
                                    licence = dataset.licence.as_str()
                                )}>{ &dataset.name }</a>
                        } else {
                            <span class="tag-dataset">{ &tag.dataset }</span>
                        }
                    </li>
                }
            }) }</ul>
        </section>
    }
}
