//! The root component: routes, the state, and the effects that connect URL → state → fetch.

use yew::prelude::*;
use yew_router::prelude::*;

use super::components::graph_canvas::CanvasSlot;
use super::components::{
    CaseGallery, ErrorBanner, FlowsTable, GraphCanvas, LanguageMenu, SearchBar, SelectionPanel, Settings, ShareDialog,
    SidePanel, StatusBar, TracePanel, ViewSwitch,
};
use super::exports::{self, ExportKind};
use super::state::{Action, AppState, UiError};
use super::{download, embed_host, net, runner, view_link};
use crate::config::AppConfig;
use crate::flow::{FlowNode, NodeId};
use crate::i18n::Lang;
use crate::jobs::JobKind;
use crate::route::{PageParams, Target};

/// A callback that dispatches the action made from its value.
fn dispatch_with<T: 'static>(state: &UseReducerHandle<AppState>, action: fn(T) -> Action) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value: T| dispatcher.dispatch(action(value)))
}

/// Hash routes: `#/btc/address/<address>`, `#/btc/tx/<txid>`.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum AppRoute {
    #[at("/")]
    Home,
    #[at("/:chain/:kind/:id")]
    Target { chain: String, kind: String, id: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl AppRoute {
    /// The route of a target.
    #[must_use]
    pub fn of(target: &Target) -> AppRoute {
        match target {
            Target::Address(address) => AppRoute::Target {
                chain: address.chain().code().into(),
                kind: "address".into(),
                id: address.as_str().into(),
            },
            Target::Tx(chain, txid) => AppRoute::Target {
                chain: chain.code().into(),
                kind: "tx".into(),
                id: txid.as_str().into(),
            },
        }
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <HashRouter>
            <Main />
        </HashRouter>
    }
}

#[component]
fn Main() -> Html {
    let state = use_reducer(AppState::default);
    // The answers recorded for the current view (written into its case file).
    let record: runner::SharedRecord = use_mut_ref(runner::PageRecord::default);
    let route = use_route::<AppRoute>();
    let navigator = use_navigator();

    // The page's query (before the `#`), read once: ?api=, ?embed=, ?snapshot=, ?theme=, ?childId=.
    let params = use_memo((), |()| {
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        PageParams::from_query(&query)
    });

    // The interface language: ?lang=, else a link's or the reader's choice, else the browser's.
    let lang = super::lang::resolve(state.language.as_deref());
    {
        let dispatcher = state.dispatcher();
        let from_url = params.lang;
        use_effect_with((), move |()| {
            if let Some(lang) = from_url {
                dispatcher.dispatch(Action::SetLanguage { lang, from_url: true });
            }
        });
    }
    use_effect_with(lang, |lang| super::lang::reflect_in_document(*lang));

    // config.json and ?api= decide the explorer, once; then the label files it lists load.
    {
        let dispatcher = state.dispatcher();
        let params = params.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                // A snapshot page asks no explorer and reads no label files: the case holds both.
                if let Some(url) = params.snapshot.as_deref() {
                    match net::load_case(url).await {
                        Ok(case) => dispatcher.dispatch(Action::OpenCase(std::rc::Rc::new(case))),
                        Err(message) => dispatcher.dispatch(Action::ShowError(UiError::Text(message))),
                    }
                    return;
                }
                let config = match net::load_config_text().await.map(|text| AppConfig::from_json(&text)) {
                    Some(Ok(config)) => config,
                    Some(Err(err)) => {
                        dispatcher.dispatch(Action::ShowError(UiError::Text(err.to_string())));
                        AppConfig::default()
                    }
                    None => AppConfig::default(),
                };
                let url_api = params
                    .api_base_url
                    .as_deref()
                    .map(str::trim)
                    .filter(|url| !url.is_empty())
                    .map(|url| (url.to_string(), params.api_kind));
                let labels = config.labels.clone();
                let label_index = config.label_index.clone();
                dispatcher.dispatch(Action::ConfigLoaded {
                    config: std::rc::Rc::new(config),
                    url_api,
                });
                // The bundles' index is small; each chain's bundle loads when that chain is shown.
                if !label_index.is_empty() {
                    match net::load_label_manifest(&label_index).await {
                        Ok(manifest) => {
                            dispatcher.dispatch(Action::LabelManifest(Some((label_index, std::rc::Rc::new(manifest)))))
                        }
                        Err(message) => dispatcher.dispatch(Action::ShowError(UiError::Text(message))),
                    }
                }
                for url in &labels {
                    match net::load_labels(url).await {
                        Ok(book) => dispatcher.dispatch(Action::AddLabels(book)),
                        Err(message) => dispatcher.dispatch(Action::ShowError(UiError::Text(message))),
                    }
                }
                dispatcher.dispatch(Action::LabelsDone);
            });
        });
    }

    // The reader's own labels: read from the browser once, written back whenever they change.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            dispatcher.dispatch(Action::LoadUserLabels(super::user_store::load()))
        });
    }
    {
        let loaded = use_mut_ref(|| false);
        use_effect_with(state.user_labels.clone(), move |labels| {
            // The first run sees the empty set from before the load: writing it would erase them.
            if std::mem::replace(&mut *loaded.borrow_mut(), true) {
                super::user_store::save(labels);
            }
        });
    }
    let on_export_user_labels = {
        let labels = state.user_labels.clone();
        Callback::from(move |()| {
            if let Err(message) = download::save_text("spoor-labels.csv", "text/csv", &labels.to_csv()) {
                web_sys::console::warn_1(&message.into());
            }
        })
    };
    let on_import_user_labels = {
        let dispatcher = state.dispatcher();
        Callback::from(move |file: web_sys::File| {
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let read = download::read_text(file).await.and_then(|text| {
                    crate::labels::user::UserLabels::from_csv(&text, &name).map_err(|err| err.to_string())
                });
                match read {
                    Ok(labels) => dispatcher.dispatch(Action::ImportUserLabels(labels)),
                    Err(message) => dispatcher.dispatch(Action::ShowError(UiError::Text(message))),
                }
            });
        })
    };

    // The chain shown loads its bundled labels, once.
    {
        let dispatcher = state.dispatcher();
        let wanted = state.bundle_to_fetch();
        use_effect_with(wanted, move |wanted| {
            if let Some((chain, url)) = wanted.clone() {
                dispatcher.dispatch(Action::BundleLoading(chain));
                wasm_bindgen_futures::spawn_local(async move {
                    let loaded = net::load_label_bundle(&url, chain).await.map(std::sync::Arc::new);
                    dispatcher.dispatch(Action::BundleLoaded(chain, loaded));
                });
            }
        });
    }

    // The route decides the target.
    // A link's view, decoded once per route: the effect runs again when config.json arrives
    // (which restarts the page's state), and by then the address bar may have been rewritten.
    let link_view = use_mut_ref(|| None::<(AppRoute, Result<crate::permalink::ViewState, String>)>);
    {
        let dispatcher = state.dispatcher();
        let start_path = state.config_loaded.then(|| state.start_path.clone());
        use_effect_with((route.clone(), start_path), move |(route, start_path)| match route {
            Some(AppRoute::Target { chain, kind, id }) => {
                // A permalink's `?view=` rides in the hash after the route.
                let id = id.split('?').next().unwrap_or_default();
                let target = Target::from_segments(chain, kind, id).map_err(UiError::Route);
                let ok = target.is_ok();
                dispatcher.dispatch(Action::SetTarget(target));
                let route = route.clone().unwrap_or(AppRoute::Home);
                let mut cached = link_view.borrow_mut();
                if cached.as_ref().is_none_or(|(seen, _)| *seen != route) {
                    let hash = web_sys::window()
                        .and_then(|w| w.location().hash().ok())
                        .unwrap_or_default();
                    *cached = view_link::view_param(&hash)
                        .map(|text| (route, crate::permalink::decode(text).map_err(|e| e.to_string())));
                }
                match cached.as_ref().map(|(_, view)| view) {
                    Some(Ok(view)) if ok => dispatcher.dispatch(Action::ApplyView(Box::new(view.clone()))),
                    Some(Err(err)) if ok => {
                        dispatcher.dispatch(Action::ShowError(UiError::ViewNotRestored(err.clone())))
                    }
                    _ => {}
                }
            }
            Some(AppRoute::Home) => {
                // Wait for config.json: a `start` (a self-hoster's, or a case file's view) opens
                // there; without one the page shows the case gallery and opens nothing.
                let (Some(Some(start_path)), Some(navigator)) = (start_path, navigator) else {
                    // Back on the gallery: the view left behind stops fetching and leaves the
                    // address bar alone.
                    dispatcher.dispatch(Action::ClearTarget);
                    return;
                };
                // A start with a view (a case file's) goes into the hash as it is: the router
                // would drop the `?view=`.
                if start_path.contains("?view=") {
                    if let Some(window) = web_sys::window() {
                        window.location().replace(&format!("#{start_path}")).ok();
                    }
                    return;
                }
                if let Ok(target) = Target::from_path(start_path) {
                    navigator.replace(&AppRoute::of(&target));
                }
            }
            Some(AppRoute::NotFound) | None => dispatcher.dispatch(Action::SetTarget(Err(UiError::LinkNamesNothing))),
        });
    }

    // The address bar follows the view, so copying it shares what the reader sees; outside an
    // embed it is also kept for the start page's "continue" (see `autosave`).
    {
        let view = view_link::view_of(&state);
        let keep = !params.embed;
        use_effect_with(view, move |view| {
            if let Some(view) = view {
                let hash = view_link::hash_of(view);
                if keep {
                    super::autosave::save(&hash);
                }
                if let Some(window) = web_sys::window() {
                    let current = window.location().hash().unwrap_or_default();
                    if current != hash {
                        if let Ok(history) = window.history() {
                            history
                                .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash))
                                .ok();
                        }
                    }
                }
            }
        });
    }

    // A newly running job starts its fetch.
    let scheduler: runner::SharedScheduler = use_mut_ref(|| None);
    {
        let running_id = state.running.as_ref().map(|r| (r.job.id, r.job.generation));
        let state_now = state.clone();
        let scheduler = scheduler.clone();
        let record = record.clone();
        use_effect_with(running_id, move |running_id| {
            if running_id.is_some() {
                if let (Some(running), Some((source, scheduler))) = (
                    state_now.running.as_ref(),
                    runner::source_for(&scheduler, &record, &state_now),
                ) {
                    runner::spawn(
                        running.job.clone(),
                        source,
                        scheduler,
                        &state_now,
                        state_now.dispatcher(),
                    );
                }
            }
        });
    }

    // Stop pressed: cancel the scheduler's remaining work (the next job resumes it, caches kept).
    {
        let scheduler = scheduler.clone();
        use_effect_with(state.cancel_requested, move |cancel_requested| {
            if *cancel_requested {
                if let Some((_, _, running)) = scheduler.borrow().as_ref() {
                    running.cancel_token().cancel();
                }
            }
        });
    }

    // Heuristic marks (change, CoinJoin, peel chains), once per graph version.
    let marks = {
        let graph = state.shown.clone();
        use_memo(state.graph_version, move |_| crate::marks::mark(&graph))
    };

    // Hubs with many leaves, folded into "+N more" (the target and labelled entities stay shown).
    let folds = {
        let graph = state.shown.clone();
        let labels = state.labels.clone();
        let deps = (
            state.graph_version,
            state.unfolded_hubs.clone(),
            state.focus_node(),
            // Labels arrive later (a chain's bundle): compared by identity, as they are replaced.
            std::rc::Rc::as_ptr(&state.labels) as usize,
        );
        use_memo(deps, move |(_, unfolded, focus, _)| {
            let keep = |id: NodeId| {
                Some(id) == *focus
                    || matches!(graph.node(id), Some(FlowNode::Address(a)) if labels.is_labelled_canonical(graph.chain(), &a.address))
            };
            crate::hubs::fold_hubs(&graph, unfolded, keep)
        })
    };

    // `?embed=1`: inside an article, the graph must not trap the page's scrolling, and the page
    // tells the article its height. `?theme=` overrides the reader's colour scheme.
    let embed = params.embed;
    {
        let params = params.clone();
        use_effect_with((), move |()| {
            let root = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element());
            if let (Some(root), Some(theme)) = (root, params.theme) {
                root.set_attribute("data-theme", theme.code()).ok();
            }
            if params.embed {
                embed_host::post_heights(params.frame_id.clone(), params.pym);
            }
        });
    }

    // The Share dialog and its exports; the canvas lends its picture through `canvas_slot`.
    let canvas_slot = (*use_state(CanvasSlot::default)).clone();
    let share_open = use_state(|| false);
    let on_export = {
        let (state, record, slot) = (state.clone(), record.clone(), canvas_slot.clone());
        Callback::from(move |kind: ExportKind| {
            let canvas = slot.0.borrow().clone();
            if let Err(message) = exports::save(kind, &state, canvas.as_ref(), &record) {
                state.dispatch(Action::ShowError(UiError::Text(message)));
            }
        })
    };
    let on_open_file = {
        let dispatcher = state.dispatcher();
        Callback::from(move |file: web_sys::File| {
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let case = download::read_text(file).await.and_then(|text| {
                    crate::case::CaseFile::from_json(&text).map_err(|e| format!("Could not open the case file: {e}"))
                });
                match case {
                    Ok(case) => open_case(case, &dispatcher),
                    Err(message) => dispatcher.dispatch(Action::ShowError(UiError::Text(message))),
                }
            });
        })
    };
    let on_drop = {
        let on_open_file = on_open_file.clone();
        Callback::from(move |e: DragEvent| {
            let file = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0));
            if let Some(file) = file {
                e.prevent_default();
                on_open_file.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let title = exports::title_of(&state, lang);
    let meta = exports::meta_of(&state);
    let text_alt = {
        let (graph, trace, labels) = (state.graph.clone(), state.trace.clone(), state.labels.clone());
        use_memo(
            (
                state.graph_version,
                state.trace.as_ref().map(|t| t.result.clone()),
                lang,
            ),
            move |(_, _, lang)| {
                crate::embed::text_alternative(&graph, trace.as_ref().map(|t| t.result.as_ref()), &labels, *lang)
            },
        )
    };

    let dispatcher = state.dispatcher();
    let on_select = dispatch_with(&state, Action::SelectNode);
    let on_select_key = dispatch_with(&state, Action::SelectKey);
    let on_expand = {
        let graph = state.shown.clone();
        let dispatcher = dispatcher.clone();
        Callback::from(move |id: NodeId| {
            if let Some(action) = expand_action(&graph, id) {
                dispatcher.dispatch(action);
            }
        })
    };
    let on_trace_settings = dispatch_with(&state, Action::SetTraceSettings);
    let on_trace_start = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::StartTrace))
    };
    let on_cancel = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::CancelRunning))
    };
    let on_toggle_peel = dispatch_with(&state, Action::TogglePeel);
    let on_layout = dispatch_with(&state, Action::SetLayout);
    let on_camera = dispatch_with(&state, Action::SetCamera);
    let on_select_many = dispatch_with(&state, Action::SelectMany);
    let on_clear_selection = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::SelectMany(Vec::new())))
    };
    let on_toggle_hub = dispatch_with(&state, Action::ToggleHub);
    let on_enqueue = dispatch_with(&state, Action::Enqueue);
    let on_dismiss = dispatch_with(&state, Action::DismissError);
    let on_pins = dispatch_with(&state, Action::SetPins);
    let on_positions = dispatch_with(&state, Action::SetDrawnPositions);
    // The reader's choice of language: the page and its links speak it (the URL's `lang=` too).
    let on_language = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |lang: Lang| {
            dispatcher.dispatch(Action::SetLanguage { lang, from_url: false });
            super::lang::write_to_url(lang);
        })
    };
    let on_api_change = dispatch_with(&state, Action::SetApiBase);

    let canvas = html! {
        <GraphCanvas graph={state.shown.clone()} graph_version={state.graph_version}
            selected={state.selected} focus={state.focus_node()}
            onselect={on_select.clone()} onexpand={on_expand} labels={state.labels.clone()}
            taint={state.trace.as_ref().map(|t| t.result.clone())}
            marks={marks.clone()} expanded_peels={state.expanded_peels.clone()}
            layout={state.layout} onlayout={on_layout}
            folds={folds.clone()} ontogglehub={on_toggle_hub.clone()} cooperative={embed}
            selection={state.selection.clone()} onselectmany={on_select_many}
            camera={state.camera} oncamera={on_camera} handle={canvas_slot.clone()}
            pins={state.pins.clone()} onpins={on_pins} restore={state.restore_positions.clone()}
            onpositions={on_positions}>
            <ViewSwitch level={state.view_level} onlevel={dispatch_with(&state, Action::SetViewLevel)}
                expanded={state.expanded_groups.len()} oncollapse={dispatch_with(&state, |()| Action::CollapseGroups)} />
        </GraphCanvas>
    };
    let text_alternative = html! {
        <details id="text-alternative" class="text-alternative">
            <summary>{ crate::tr!(lang, "app.flows_in_words") }</summary>
            <p id="text-summary">{ text_alt.summary.clone() }</p>
            <ol id="text-transfers">
                { for text_alt.transfers.iter().map(|t| html! { <li>{ t.clone() }</li> }) }
            </ol>
            if text_alt.more > 0 {
                <p>{ crate::tr!(lang, "app.smaller_transfers", count = crate::i18n::group(lang, text_alt.more as u64)) }</p>
            }
        </details>
    };
    let flows_table = html! {
        <FlowsTable graph={state.graph.clone()} graph_version={state.graph_version} level={state.view_level}
            labels={state.labels.clone()} expanded={state.expanded_groups.clone()}
            taint={state.trace.as_ref().map(|t| t.result.clone())}
            selected={state.selected.and_then(|id| state.shown.key_of(id))}
            onselectkey={dispatch_with(&state, Action::SelectKey)} />
    };
    let links = page_links(&state, &params);

    if embed {
        return html! {
            <ContextProvider<Lang> context={lang}>
            <div class="embed" id="embed">
                <h1 id="embed-title" class="embed-title">{ title }</h1>
                <ErrorBanner errors={state.visible_errors()} notes={state.notes.clone()}
                    warnings={state.graph.warnings()}
                    ondismiss={on_dismiss} />
                <div class="embed-graph">{ canvas }</div>
                <p id="embed-source" class="embed-source">{ meta.source_note_in(lang) }</p>
                <p id="embed-summary" class="embed-summary">{ text_alt.summary.clone() }</p>
                { text_alternative }
                { flows_table }
                <StatusBar graph={state.graph.clone()} shown={state.shown.clone()} graph_version={state.graph_version}
                    running={state.running.clone()} queued={state.queue.len()}
                    api_base_url={state.api_base_url.clone()} onselect={on_select} />
                <a id="open-in-spoor" class="open-in-spoor" href={links.app} target="_top" rel="noopener">{ crate::tr!(lang, "app.open_in_spoor") }</a>
            </div>
            </ContextProvider<Lang>>
        };
    }

    let open_share = {
        let share_open = share_open.clone();
        Callback::from(move |_| share_open.set(true))
    };
    let close_share = {
        let share_open = share_open.clone();
        Callback::from(move |()| share_open.set(false))
    };
    let snippet = crate::embed::iframe_snippet(&links.embed, &title, "spoor-graph");
    // The bare page shows the case gallery once config.json is read, unless it (or a case file)
    // names a start to open; until then, or while going there, the page opens nothing.
    let home = matches!(route, Some(AppRoute::Home));
    let show_gallery = home && state.config_loaded && !opens_a_start(state.start_path.as_deref());
    let demo_routes = state
        .config
        .as_ref()
        .map(|config| config.demo_routes.clone())
        .unwrap_or_default();
    html! {
        <ContextProvider<Lang> context={lang}>
        <div class="app" ondrop={on_drop} ondragover={on_drag_over}>
            <header class="top-bar">
                <h1 class="brand">{ "Spoor" }</h1>
                <SearchBar chain={state.chain()} />
                <button id="share-open" class="action" onclick={open_share} disabled={state.target.is_none()}>{ crate::tr!(lang, "app.share_open") }</button>
                <LanguageMenu onchange={on_language} />
                <Settings api_base_url={state.api_base_url.clone().unwrap_or_default()} onchange={on_api_change}
                    chain={state.chain()} api_kind={state.api_kind} />
            </header>
            if *share_open {
                <ShareDialog link={links.app.clone()} snippet={snippet} source_note={meta.source_note_in(lang)}
                    onexport={on_export} onopenfile={on_open_file} onclose={close_share}
                    user_label_count={state.user_labels.len()} share_user_labels={state.share_user_labels}
                    onshareuserlabels={dispatch_with(&state, Action::SetShareUserLabels)}
                    onexportuserlabels={on_export_user_labels} onimportuserlabels={on_import_user_labels} />
            }
            <ErrorBanner errors={state.visible_errors()} notes={state.notes.clone()}
                warnings={state.graph.warnings()}
                ondismiss={on_dismiss} />
            if show_gallery {
                <CaseGallery {demo_routes} resume={super::autosave::load().map(|(hash, target)| (hash, target.to_path()))} />
            } else if home {
                <main class="workspace" aria-busy="true"></main>
            } else {
            <StatusBar graph={state.graph.clone()} shown={state.shown.clone()} graph_version={state.graph_version}
                running={state.running.clone()} queued={state.queue.len()}
                api_base_url={state.api_base_url.clone()} onselect={on_select.clone()} />
            <p id="source-note" class="source-note">{ meta.source_note_in(lang) }</p>
            <main class="workspace">
                { canvas }
                <div class="side-column">
                <TracePanel settings={state.trace_settings.clone()} trace={state.trace.clone()}
                    graph={state.graph.clone()} busy={state.running.is_some()} can_trace={state.target.is_some() && state.labels_ready()}
                    onchange={on_trace_settings} onstart={on_trace_start} oncancel={on_cancel}
                    onselectkey={on_select_key.clone()} />
                if !state.selection.is_empty() {
                    <SelectionPanel graph={state.graph.clone()} shown={state.shown.clone()} graph_version={state.graph_version}
                        members={state.selection.clone()} onselect={on_select.clone()}
                        onenqueue={on_enqueue.clone()} onclear={on_clear_selection} />
                }
                <SidePanel graph={state.graph.clone()} shown={state.shown.clone()} graph_version={state.graph_version}
                    selected={state.selected} onselectkey={on_select_key} onenqueue={on_enqueue}
                    view_level={state.view_level} ontogglegroup={dispatch_with(&state, Action::ToggleGroup)}
                    labels={state.labels.clone()} marks={marks.clone()}
                    expanded_peels={state.expanded_peels.clone()} ontogglepeel={on_toggle_peel}
                    folds={folds} unfolded_hubs={state.unfolded_hubs.clone()} ontogglehub={on_toggle_hub}
                    user_labels={state.user_labels.clone()} link_labels={state.link_labels.clone()}
                    onsetlabel={dispatch_with(&state, Action::SetUserLabel)} />
                { flows_table }
                { text_alternative }
                </div>
            </main>
            }
        </div>
        </ContextProvider<Lang>>
    }
}

/// Whether config.json's `start` (or a case file's view) names a route the Home page goes to.
fn opens_a_start(start_path: Option<&str>) -> bool {
    start_path.is_some_and(|path| path.contains("?view=") || Target::from_path(path).is_ok())
}

/// The full link to the view (for the address bar's copy and "Open in Spoor") and the same view
/// in embed mode (for the iframe). Both keep `api=` and `snapshot=`.
struct PageLinks {
    app: String,
    embed: String,
}

fn page_links(state: &AppState, params: &PageParams) -> PageLinks {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .as_ref()
        .map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()))
        .unwrap_or_default();
    let hash = view_link::view_of(state)
        .map(|v| view_link::hash_of(&v))
        .unwrap_or_default();
    let mut query: Vec<String> = Vec::new();
    if let Some(api) = &params.api_base_url {
        query.push(format!("api={}", crate::route::percent_encode(api)));
    }
    if let Some(snapshot) = &params.snapshot {
        query.push(format!("snapshot={}", crate::route::percent_encode(snapshot)));
    }
    // The colour scheme a page was opened with (`?theme=`) stays with its links and its embed.
    if let Some(theme) = params.theme {
        query.push(format!("theme={}", theme.code()));
    }
    // A language chosen (by the URL, a link or the reader) stays with the link and the embed.
    if let Some(lang) = state.language.as_deref().and_then(Lang::from_tag) {
        query.push(format!("lang={}", lang.code()));
    }
    let with = |extra: Option<&str>| {
        let parts: Vec<&str> = extra.into_iter().chain(query.iter().map(String::as_str)).collect();
        if parts.is_empty() {
            format!("{base}{hash}")
        } else {
            format!("{base}?{}{hash}", parts.join("&"))
        }
    };
    PageLinks {
        app: with(None),
        embed: with(Some("embed=1")),
    }
}

/// Opens a case file read from disk: its view replaces the page's.
fn open_case(case: crate::case::CaseFile, dispatcher: &UseReducerDispatcher<AppState>) {
    let hash = case.view_state().ok().map(|view| view_link::hash_of(&view));
    dispatcher.dispatch(Action::OpenCase(std::rc::Rc::new(case)));
    if let (Some(hash), Some(window)) = (hash, web_sys::window()) {
        window.location().set_hash(&hash).ok();
    }
}

/// Double-click: an address loads its history; a transaction follows its outputs one hop; a
/// group opens into its addresses.
fn expand_action(graph: &crate::flow::FlowGraph, id: NodeId) -> Option<Action> {
    let job = match graph.node(id)? {
        FlowNode::Address(a) => JobKind::history(&a.address),
        FlowNode::Tx(tx) => JobKind::spending(&tx.txid),
        FlowNode::Group(group) => return Some(Action::ToggleGroup(group.key.clone())),
        FlowNode::Transfer(_) => return None,
    };
    Some(Action::Enqueue(job))
}
