//! The app state and the actions that change it (`impl Reducible`). User input and finished
//! fetches only ever dispatch an [`Action`]; effects in `app.rs` react to the new state.

use std::collections::{BTreeSet, VecDeque};
use std::rc::Rc;

use yew::Reducible;

use crate::chain::{Chain, Sats};
use crate::config::AppConfig;
use crate::explorer::Progress as JobProgress;
use crate::explorer::{ApiKind, Provider};
use crate::flow::{FlowGraph, FlowNode, GroupKey, HistoryState, NodeId, NodeKey};
use crate::i18n::Lang;
use crate::jobs::{Job, JobError, JobKind, JobNote, JobOutput, TraceOutput};
use crate::labels::user::UserLabels;
use crate::labels::Category;
use crate::labels::LabelBook;
use crate::permalink::Expansion;
use crate::route::{RouteError, Target};
use crate::trace::{self, Direction, StopRules, TaintMethod};
use crate::views::ViewLevel;

/// The flow graph as components receive it: compared by identity, never by content.
#[derive(Debug, Clone, Default)]
pub struct SharedGraph(pub Rc<FlowGraph>);

impl PartialEq for SharedGraph {
    fn eq(&self, other: &SharedGraph) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedGraph {
    type Target = FlowGraph;
    fn deref(&self) -> &FlowGraph {
        &self.0
    }
}

/// An error shown to the reader. Kept as what happened and written out in the page's language
/// when shown ([`UiError::message`]), so it follows a language change made after it appeared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiError {
    /// A fetch job failed.
    Job { kind: JobKind, error: JobError },
    /// The browser got no reply from a Blockbook server: why (CORS), and the ways that work.
    BlockbookUnreachable { base_url: String },
    /// The URL names no page.
    LinkNamesNothing,
    /// The link's chain, page, address or txid is not valid.
    Route(RouteError),
    /// A link's view could not be restored (the permalink codec's reason, in English).
    ViewNotRestored(String),
    /// A message written in English only (reading files: config, labels, case files; downloads).
    Text(String),
}

impl UiError {
    /// The error in words, in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            UiError::Job { kind, error } => crate::tr!(
                lang,
                "jobs.could_not_load",
                job = kind.describe(lang),
                error = error.message(lang)
            ),
            UiError::BlockbookUnreachable { base_url } => {
                crate::explorer::unreachable_hint(ApiKind::Blockbook, base_url, lang).unwrap_or_default()
            }
            UiError::LinkNamesNothing => crate::tr!(lang, "app.link_names_nothing"),
            UiError::Route(err) => err.message(lang),
            UiError::ViewNotRestored(reason) => crate::tr!(lang, "app.view_not_restored", error = reason),
            UiError::Text(message) => message.clone(),
        }
    }
}

/// The running job and its progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    pub job: Job,
    pub progress: JobProgress,
}

/// Everything the page shows, derived from the URL and the fetched data.
#[derive(Debug, Clone, Default)]
pub struct AppState {
    /// The explorer's base URL for the target's chain; `None` until config.json (or a case
    /// file, whose explorer it then names) has been read.
    pub api_base_url: Option<String>,
    /// The API that explorer speaks.
    pub api_kind: ApiKind,
    /// config.json as read (`None` before): the explorer of each chain.
    pub config: Option<Rc<AppConfig>>,
    /// `?api=` (and `?api_kind=`): the explorer the page's URL asks for, whatever the chain.
    pub url_api: Option<(String, Option<ApiKind>)>,
    /// Explorers the reader typed in the settings this session, per chain.
    pub session_apis: std::collections::BTreeMap<Chain, String>,
    /// What the URL asks for.
    pub target: Option<Target>,
    /// The flow graph built so far (shared with the canvas; replaced, never mutated in place).
    pub graph: SharedGraph,
    /// Bumped whenever `graph` or `shown` changes, so components can compare cheaply.
    pub graph_version: u64,
    /// How coarsely the canvas draws the graph.
    pub view_level: ViewLevel,
    /// Groups of the entity view the reader expanded into their addresses.
    pub expanded_groups: BTreeSet<GroupKey>,
    /// The graph the canvas draws: `graph` itself at the transaction level, else its view graph
    /// (`crate::views::view_graph`). Selections are node ids of this graph.
    pub shown: SharedGraph,
    /// What `shown` was made from (it is remade when any of it changes).
    shown_from: Option<ShownFrom>,
    pub selected: Option<NodeId>,
    pub running: Option<Running>,
    pub queue: VecDeque<Job>,
    pub next_job_id: u64,
    /// Bumped when the target or the explorer changes; older jobs' results are dropped.
    pub generation: u64,
    pub errors: Vec<UiError>,
    /// Why the URL names nothing showable; kept across explorer changes, cleared by a valid route.
    pub route_error: Option<UiError>,
    pub notes: Vec<JobNote>,
    /// Every tag shown and used by traces: `label_sources`, the link's labels and the reader's own.
    pub labels: Rc<LabelBook>,
    /// Tags from the bundled data of the chains shown so far, the files config.json lists, or
    /// the opened case file.
    pub label_sources: Rc<LabelBook>,
    /// The reader's own labels and notes (kept in the browser).
    pub user_labels: Rc<UserLabels>,
    /// Labels and notes the link's author shared with the link.
    pub link_labels: Rc<UserLabels>,
    /// The reader chose to put their labels and notes (of the nodes shown) into the link.
    pub share_user_labels: bool,
    /// Every label file config.json lists and the bundles' index have been read (a trace waits
    /// for them and for the chain's bundle: labels stop taint). See [`AppState::labels_ready`].
    pub labels_loaded: bool,
    /// The bundled label data's index and its URL (`None`: no bundles, e.g. a case file).
    pub label_manifest: Option<(String, Rc<crate::labels::bundle::Manifest>)>,
    /// Chains whose bundle was asked for, and whether it has arrived (or failed).
    pub label_bundles: std::collections::BTreeMap<Chain, BundleLoad>,
    /// config.json has been read (or found missing).
    pub config_loaded: bool,
    /// The route to open when the URL names nothing (config.json `start`).
    pub start_path: Option<String>,
    /// The trace controls' values.
    pub trace_settings: TraceSettings,
    /// The last finished trace, recomputed in place when the method or stop rules change.
    pub trace: Option<TraceOutput>,
    /// The reader asked to stop the running job; an effect cancels the scheduler.
    pub cancel_requested: bool,
    /// Peel chains the reader expanded (by first txid); the others are drawn as one step.
    pub expanded_peels: std::collections::BTreeSet<crate::chain::Txid>,
    /// Nodes selected together (box selection); empty when none.
    pub selection: std::collections::BTreeSet<NodeId>,
    /// Hubs the reader unfolded (all their leaves shown); the others fold their small leaves.
    pub unfolded_hubs: std::collections::BTreeSet<crate::flow::NodeKey>,
    /// Expansions the reader asked for since the target was set, in order (for the permalink).
    pub expansions: Vec<crate::permalink::Expansion>,
    /// Where the reader left the camera (`None`: fitted to the graph).
    pub camera: Option<crate::permalink::CameraView>,
    /// A link's view selected this node: selected once it is in the graph.
    pub pending_selection: Option<crate::flow::NodeKey>,
    /// A link's view asked for a trace: it starts once the label files are read.
    pub trace_when_ready: bool,
    /// Which layout the canvas shows (force, time axis or hops).
    pub layout: crate::layout::LayoutKind,
    /// The block height the view is pinned to: the chain tip when the target was opened, or a
    /// link's. `None` until the tip is known (or when the explorer could not tell).
    pub pinned_height: Option<u32>,
    /// A case file the page was opened on: every lookup is answered from it, none from an explorer.
    pub snapshot: Option<Rc<crate::case::CaseFile>>,
    /// Nodes the reader dragged and left there (held by the force layout).
    pub pins: Rc<Vec<crate::permalink::PinnedNode>>,
    /// Where the canvas last drew every node at rest (what the link carries).
    pub drawn_positions: Option<Rc<crate::permalink::LayoutPositions>>,
    /// The interface language asked for: `?lang=`, a link's view, or the reader's choice in the
    /// menu (kept in the links the page writes). `None`: the browser's language.
    pub language: Option<String>,
    /// `?lang=` named the language: a link's view does not override it.
    pub language_from_url: bool,
    /// A link's picture, for the canvas to restore once the graph has its nodes.
    pub restore_positions: Option<Rc<crate::permalink::LayoutPositions>>,
}

/// The inputs of a view graph, compared by identity.
#[derive(Debug, Clone)]
struct ShownFrom {
    graph: Rc<FlowGraph>,
    labels: Rc<LabelBook>,
    taint: Option<Rc<crate::trace::TraceResult>>,
    level: ViewLevel,
    expanded: BTreeSet<GroupKey>,
}

impl PartialEq for ShownFrom {
    fn eq(&self, other: &ShownFrom) -> bool {
        let same_taint = match (&self.taint, &other.taint) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        Rc::ptr_eq(&self.graph, &other.graph)
            && Rc::ptr_eq(&self.labels, &other.labels)
            && same_taint
            && self.level == other.level
            && self.expanded == other.expanded
    }
}

/// How far a chain's label bundle has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleLoad {
    /// Requested, not yet answered.
    Loading,
    /// Loaded, or failed with the error shown (the page goes on without it).
    Done,
}

/// What the trace controls say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceSettings {
    pub method: TaintMethod,
    pub direction: Direction,
    pub max_hops: u32,
    pub min_taint_sats: Sats,
    pub stop_categories: Vec<Category>,
}

impl Default for TraceSettings {
    fn default() -> TraceSettings {
        let rules = StopRules::default();
        TraceSettings {
            method: TaintMethod::Haircut,
            direction: Direction::Forward,
            max_hops: rules.max_hops,
            min_taint_sats: rules.min_taint_sats,
            stop_categories: rules.stop_categories,
        }
    }
}

impl TraceSettings {
    /// The settings as a permalink carries them.
    #[must_use]
    pub fn view(&self) -> crate::permalink::TraceView {
        crate::permalink::TraceView {
            method: self.method,
            direction: self.direction,
            max_hops: self.max_hops,
            min_taint_sats: self.min_taint_sats.to_u64(),
            stop_categories: self.stop_categories.iter().copied().collect(),
        }
    }
}

/// Everything that can happen to the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// config.json (or its absence) decided the explorers and the start route; the URL may
    /// name an explorer of its own.
    ConfigLoaded {
        config: Rc<AppConfig>,
        url_api: Option<(String, Option<ApiKind>)>,
    },
    /// The reader chose another explorer for the chain shown.
    SetApiBase(String),
    /// A label file was read.
    AddLabels(LabelBook),
    /// The reader's labels as stored in the browser (at start).
    LoadUserLabels(UserLabels),
    /// Add, change or (when it says nothing) remove the reader's label of a node.
    SetUserLabel(crate::labels::user::UserLabel),
    /// Labels imported from a CSV file join the reader's own (theirs win per node).
    ImportUserLabels(UserLabels),
    /// Whether the link carries the reader's labels and notes.
    SetShareUserLabels(bool),
    /// The bundled label data's index was read (URL, index), or there is none.
    LabelManifest(Option<(String, Rc<crate::labels::bundle::Manifest>)>),
    /// All label files are read (or failed, with an error shown).
    LabelsDone,
    /// A chain's bundle is being fetched.
    BundleLoading(Chain),
    /// A chain's bundle arrived (or failed: the error is shown, the page goes on without it).
    BundleLoaded(Chain, Result<std::sync::Arc<crate::labels::LabelIndex>, String>),
    /// The route changed: a new target, or an error saying why the link is not valid.
    SetTarget(Result<Target, UiError>),
    /// Nothing is shown (the case gallery): no target, no jobs.
    ClearTarget,
    /// Fetch something more (expand a node).
    Enqueue(JobKind),
    /// Change the trace controls; a finished trace is recomputed without refetching.
    SetTraceSettings(TraceSettings),
    /// Trace from the current target with the current settings.
    StartTrace,
    /// Stop the running job (a trace keeps what it has).
    CancelRunning,
    /// Expand or collapse the peel chain starting with this tx.
    TogglePeel(crate::chain::Txid),
    /// Select these nodes together (a box selection; empty clears it).
    SelectMany(Vec<NodeId>),
    /// Unfold a folded hub, or fold an unfolded one.
    ToggleHub(crate::flow::NodeKey),
    /// A permalink's view (after `SetTarget` of its target): settings, layout, folds, expansions.
    ApplyView(Box<crate::permalink::ViewState>),
    /// The page was opened on a case file (a URL's `snapshot=` or a dropped file).
    OpenCase(Rc<crate::case::CaseFile>),
    /// The canvas's camera came to rest (`None`: it fits the graph again).
    SetCamera(Option<crate::permalink::CameraView>),
    /// The reader dropped nodes (held there) or let them go.
    SetPins(Vec<crate::permalink::PinnedNode>),
    /// The canvas's picture came to rest (`None`: too large to keep in a link).
    SetDrawnPositions(Option<crate::permalink::LayoutPositions>),
    /// Show the graph in another layout.
    SetLayout(crate::layout::LayoutKind),
    /// The page's `?lang=` (at start; a link's view then keeps it), or the reader's choice.
    SetLanguage {
        lang: crate::i18n::Lang,
        from_url: bool,
    },
    /// Draw the graph at another level (transactions, addresses, entities).
    SetViewLevel(ViewLevel),
    /// Expand a group of the entity view into its addresses, or collapse it again.
    ToggleGroup(GroupKey),
    /// Collapse every expanded group.
    CollapseGroups,
    /// Select a node by what it stands for; one the view does not draw (a transaction in the
    /// address view) switches to the transaction level first.
    SelectKey(NodeKey),
    ReportProgress {
        job_id: u64,
        progress: JobProgress,
    },
    FinishJob {
        job_id: u64,
        generation: u64,
        result: Result<JobOutput, UiError>,
    },
    SelectNode(Option<NodeId>),
    DismissError(usize),
    ShowError(UiError),
}

impl AppState {
    /// Every error to show: the route's first, then the fetches'.
    #[must_use]
    pub fn visible_errors(&self) -> Vec<UiError> {
        self.route_error.iter().chain(&self.errors).cloned().collect()
    }

    /// The node of the current target, once it is in the graph.
    #[must_use]
    pub fn focus_node(&self) -> Option<NodeId> {
        let key = match self.target.as_ref()? {
            Target::Address(address) => NodeKey::Address(address.as_str().to_string()),
            Target::Tx(_, txid) => NodeKey::Tx(txid.clone()),
        };
        self.shown.id_of(&key)
    }

    /// Queues a trace from the target with the current settings.
    fn start_trace(&mut self) {
        if let Some(target) = &self.target {
            let kind = JobKind::trace_of(target, &self.trace_settings.view());
            self.enqueue(kind);
        }
    }

    /// Queues a fetch the reader asked for, noting it for the permalink if it expands the graph
    /// (the target's own first page of history is loaded anyway). Asking again for something
    /// already loaded asks for its next page ("load more"); the link keeps the largest page.
    fn expand(&mut self, kind: JobKind) {
        let loaded = self.loaded_for(&kind);
        self.expand_exactly(kind.continued(loaded));
    }

    /// Queues `kind` as it is (a link's expansion replayed), noting it for the permalink.
    fn expand_exactly(&mut self, kind: JobKind) {
        if let Some(expansion) = kind.expansion() {
            let is_target = matches!((&expansion, &self.target),
                (Expansion::History { address, max_txs }, Some(Target::Address(t)))
                    if address == t.as_str() && *max_txs as usize == crate::jobs::MAX_HISTORY_TXS);
            let earlier = self.expansions.iter_mut().find(|e| e.same_subject(&expansion));
            match earlier {
                _ if is_target => {}
                Some(earlier) => {
                    if expansion.max_txs() > earlier.max_txs() {
                        *earlier = expansion;
                    }
                }
                None => self.expansions.push(expansion),
            }
        }
        self.enqueue(kind);
    }

    /// How many transactions of what `kind` asks for are loaded already: a history's loaded
    /// count, or the largest page of the same expansion asked before.
    fn loaded_for(&self, kind: &JobKind) -> usize {
        if let JobKind::AddressHistory { address, .. } = kind {
            if let Some(FlowNode::Address(node)) = self
                .graph
                .id_of(&NodeKey::Address(address.clone()))
                .and_then(|id| self.graph.node(id))
            {
                if let HistoryState::Partial { txs_loaded } = node.history {
                    return txs_loaded;
                }
            }
            return 0;
        }
        let Some(expansion) = kind.expansion() else {
            return 0;
        };
        self.expansions
            .iter()
            .filter(|e| e.same_subject(&expansion))
            .map(|e| e.max_txs() as usize)
            .max()
            .unwrap_or(0)
    }

    fn enqueue(&mut self, kind: JobKind) {
        let already =
            self.running.as_ref().is_some_and(|r| r.job.kind == kind) || self.queue.iter().any(|job| job.kind == kind);
        if already {
            return;
        }
        let job = Job {
            id: self.next_job_id,
            generation: self.generation,
            kind,
        };
        self.next_job_id += 1;
        self.queue.push_back(job);
        self.start_next();
    }

    fn start_next(&mut self) {
        if self.running.is_none() && self.api_base_url.is_some() {
            self.running = self.queue.pop_front().map(|job| Running {
                job,
                progress: JobProgress::default(),
            });
        }
    }

    /// Whether the labels a trace of the chain shown needs are here: the label files, and the
    /// chain's bundle if the data has one (a trace waits, so it stops where it should).
    #[must_use]
    pub fn labels_ready(&self) -> bool {
        let chain = self.chain();
        let needs_bundle = self
            .label_manifest
            .as_ref()
            .is_some_and(|(_, manifest)| manifest.file_of(chain).is_some());
        self.labels_loaded && (!needs_bundle || self.label_bundles.get(&chain) == Some(&BundleLoad::Done))
    }

    /// The chain whose bundle should be fetched now: the target's, if the data has one and it
    /// was not asked for yet (no target, as on the case gallery, fetches none). Returns its URL too.
    #[must_use]
    pub fn bundle_to_fetch(&self) -> Option<(Chain, String)> {
        let chain = self.target.as_ref()?.chain();
        let (index_url, manifest) = self.label_manifest.as_ref()?;
        let file = manifest.file_of(chain)?;
        if self.label_bundles.contains_key(&chain) {
            return None;
        }
        let base = index_url.rsplit_once('/').map_or("", |(dir, _)| dir);
        let url = if base.is_empty() {
            file.to_string()
        } else {
            format!("{base}/{file}")
        };
        Some((chain, url))
    }

    /// Rebuilds the tags shown from their sources (after any of them changed) and recomputes a
    /// finished trace, whose stops depend on them.
    fn rebuild_labels(&mut self) {
        let mut labels = (*self.label_sources).clone();
        self.link_labels.add_to(&mut labels);
        self.user_labels.add_to(&mut labels);
        self.labels = Rc::new(labels);
        self.recompute_trace();
    }

    /// Changes the reader's labels (a new set, so components see the change) and the tags shown.
    fn edit_user_labels(&mut self, edit: impl FnOnce(&mut UserLabels)) {
        let mut labels = (*self.user_labels).clone();
        edit(&mut labels);
        self.user_labels = Rc::new(labels);
        self.rebuild_labels();
    }

    /// Starts a trace a link asked for once the labels are ready.
    fn trace_if_ready(&mut self) {
        if self.trace_when_ready && self.labels_ready() {
            self.trace_when_ready = false;
            self.start_trace();
        }
    }

    /// The chain shown: the target's (Bitcoin before there is one).
    #[must_use]
    pub fn chain(&self) -> Chain {
        self.target.as_ref().map(Target::chain).unwrap_or_default()
    }

    /// Sets the explorer for the chain shown (a case file keeps its own); returns whether it
    /// changed. Order: what the reader typed this session, the URL's `?api=`, config.json.
    fn refresh_provider(&mut self) -> bool {
        let Some(config) = &self.config else { return false };
        if self.snapshot.is_some() {
            return false;
        }
        let chain = self.chain();
        let provider = crate::config::choose_provider(
            config,
            chain,
            self.session_apis.get(&chain).map(String::as_str),
            self.url_api.as_ref().map(|(url, kind)| (url.as_str(), *kind)),
        );
        let changed =
            self.api_base_url.as_deref() != Some(provider.base_url.as_str()) || self.api_kind != provider.kind;
        self.api_base_url = Some(provider.base_url);
        self.api_kind = provider.kind;
        changed
    }

    /// The explorer for the chain shown, once known.
    #[must_use]
    pub fn provider(&self) -> Option<Provider> {
        Some(Provider {
            kind: self.api_kind,
            base_url: self.api_base_url.clone()?,
        })
    }

    fn restart(&mut self) {
        self.generation += 1;
        self.graph = SharedGraph(Rc::new(FlowGraph::of_chain(self.chain())));
        self.graph_version += 1;
        self.selected = None;
        self.selection.clear();
        self.expansions.clear();
        self.expanded_groups.clear();
        self.trace_when_ready = false;
        self.pending_selection = None;
        self.camera = None;
        self.pins = Rc::default();
        self.drawn_positions = None;
        self.restore_positions = None;
        self.trace = None;
        self.running = None;
        self.queue.clear();
        self.errors.clear();
        self.notes.clear();
        if let Some(target) = self.target.clone() {
            // A new view is pinned to the tip first, so everything after it sees the same chain.
            if self.pinned_height.is_none() && self.snapshot.is_none() {
                self.enqueue(JobKind::Tip);
            }
            self.enqueue(JobKind::open(&target));
        }
    }

    /// Remakes the graph the canvas draws when what it is made from changed; the selection
    /// follows its nodes by key (a node the new view does not draw is no longer selected).
    fn refresh_shown(&mut self) {
        let from = ShownFrom {
            graph: self.graph.0.clone(),
            labels: self.labels.clone(),
            taint: self.trace.as_ref().map(|t| t.result.clone()),
            level: self.view_level,
            expanded: self.expanded_groups.clone(),
        };
        if self.shown_from.as_ref() == Some(&from) {
            return;
        }
        let old = self.shown.clone();
        let shown = crate::views::view_graph(
            &self.graph,
            self.view_level,
            &self.labels,
            &self.expanded_groups,
            from.taint.as_deref(),
        )
        .map_or_else(|| self.graph.clone(), |view| SharedGraph(Rc::new(view)));
        self.shown_from = Some(from);
        if shown == old {
            return;
        }
        let follow = |id: NodeId| old.key_of(id).and_then(|key| shown.id_of(&key));
        self.selected = self.selected.and_then(follow);
        self.selection = self.selection.iter().filter_map(|&id| follow(id)).collect();
        self.shown = shown;
        self.graph_version += 1;
    }

    /// Applies the settings to the finished trace with the pure `compute` (no refetch).
    fn recompute_trace(&mut self) {
        let Some(output) = self.trace.as_mut() else { return };
        let settings = &self.trace_settings;
        if output.request.direction != settings.direction {
            return; // Another direction needs other data: the reader traces again.
        }
        output.request.method = settings.method;
        output.request.rules = settings.view().rules();
        let result = trace::compute(
            &output.data,
            &output.data.start,
            settings.method,
            &output.request.rules,
            &self.labels,
        );
        output.result = Rc::new(result);
    }

    fn apply_output(&mut self, output: JobOutput) {
        let mut graph = (*self.graph.0).clone();
        for tx in &output.txs {
            graph.add_tx(tx);
        }
        if let Some((address, state)) = output.history {
            graph.set_history(&address, state);
            if state == HistoryState::Complete {
                self.notes
                    .retain(|note| !matches!(note, JobNote::NewestOnly { address: a, .. } if *a == address));
            }
        }
        self.graph = SharedGraph(Rc::new(graph));
        self.graph_version += 1;
        if let Some(note) = output.note {
            // A later page of the same thing replaces what the earlier one said.
            self.notes.retain(|earlier| !note.supersedes(earlier));
            self.notes.push(note);
        }
        if let Some(trace) = output.trace {
            self.trace = Some(trace);
        }
        // A link's pin, set meanwhile, wins over the tip.
        if self.pinned_height.is_none() {
            self.pinned_height = output.tip_height;
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::ConfigLoaded { config, url_api } => {
                next.config_loaded = true;
                next.start_path.clone_from(&config.start);
                next.config = Some(config);
                next.url_api = url_api;
                if next.refresh_provider() {
                    next.restart();
                }
            }
            Action::AddLabels(book) => {
                let mut sources = (*next.label_sources).clone();
                sources.merge(book);
                next.label_sources = Rc::new(sources);
                next.rebuild_labels();
            }
            Action::LoadUserLabels(loaded) => next.edit_user_labels(|labels| *labels = loaded),
            Action::SetUserLabel(label) => next.edit_user_labels(|labels| labels.set(label)),
            Action::ImportUserLabels(imported) => next.edit_user_labels(|labels| labels.merge(&imported)),
            Action::SetShareUserLabels(share) => next.share_user_labels = share,
            Action::LabelManifest(manifest) => next.label_manifest = manifest,
            Action::LabelsDone => {
                next.labels_loaded = true;
                next.trace_if_ready();
            }
            Action::BundleLoading(chain) => {
                next.label_bundles.insert(chain, BundleLoad::Loading);
            }
            Action::BundleLoaded(chain, result) => {
                next.label_bundles.insert(chain, BundleLoad::Done);
                match result {
                    Ok(index) => {
                        let mut sources = (*next.label_sources).clone();
                        sources.add_bundle(index);
                        next.label_sources = Rc::new(sources);
                        next.rebuild_labels();
                    }
                    Err(message) => next.errors.push(UiError::Text(message)),
                }
                next.trace_if_ready();
            }
            Action::SetApiBase(url) => {
                next.session_apis.insert(next.chain(), url);
                if next.refresh_provider() {
                    next.restart();
                }
            }
            Action::SetTarget(Ok(target)) => {
                next.route_error = None;
                if next.target.as_ref() != Some(&target) {
                    next.target = Some(target);
                    // Another chain is answered by its own explorer.
                    next.refresh_provider();
                    // Another target is another view: pinned to the tip again (a case keeps its pin).
                    if next.snapshot.is_none() {
                        next.pinned_height = None;
                    }
                    next.restart();
                }
            }
            Action::ClearTarget => {
                if next.target.is_some() || next.route_error.is_some() {
                    next.target = None;
                    next.route_error = None;
                    next.restart();
                }
            }
            Action::SetTarget(Err(error)) => {
                next.target = None;
                next.restart();
                next.route_error = Some(error);
            }
            Action::Enqueue(kind) => next.expand(kind),
            Action::ApplyView(view) => {
                if view.pinned_height.is_some() && next.snapshot.is_none() {
                    next.pinned_height = view.pinned_height;
                    // The tip is not needed any more (if it is already running, its answer is ignored).
                    next.queue.retain(|job| job.kind != JobKind::Tip);
                }
                next.layout = view.layout;
                next.pending_selection.clone_from(&view.selected);
                next.camera = view.camera;
                next.pins = Rc::new(view.pinned.clone());
                if !next.language_from_url && view.language.is_some() {
                    next.language.clone_from(&view.language);
                }
                next.restore_positions = view.positions.clone().map(Rc::new);
                if !view.user_labels.is_empty() {
                    let mut shared = UserLabels::new();
                    for label in &view.user_labels {
                        shared.set(label.clone());
                    }
                    next.link_labels = Rc::new(shared);
                    next.rebuild_labels();
                }
                next.drawn_positions.clone_from(&next.restore_positions);
                next.expanded_peels = view.expanded_peels.clone();
                next.view_level = view.view_level;
                next.expanded_groups.clone_from(&view.expanded_groups);
                next.unfolded_hubs.clone_from(&view.unfolded_hubs);
                for expansion in &view.expansions {
                    next.expand_exactly(JobKind::of_expansion(expansion));
                }
                if let Some(trace) = &view.trace {
                    next.trace_settings = crate::web::view_link::settings_of(trace);
                    next.trace_when_ready = true;
                    next.trace_if_ready();
                }
            }
            Action::SetTraceSettings(settings) => {
                next.trace_settings = settings;
                next.recompute_trace();
            }
            Action::StartTrace => next.start_trace(),
            Action::TogglePeel(txid) => {
                if !next.expanded_peels.remove(&txid) {
                    next.expanded_peels.insert(txid);
                }
            }
            Action::SetLayout(kind) => next.layout = kind,
            Action::SetViewLevel(level) => next.view_level = level,
            Action::SetLanguage { lang, from_url } => {
                next.language = Some(lang.code().to_string());
                next.language_from_url = from_url;
            }
            Action::ToggleGroup(key) => {
                if !next.expanded_groups.remove(&key) {
                    next.expanded_groups.insert(key);
                }
            }
            Action::CollapseGroups => next.expanded_groups.clear(),
            Action::SelectKey(key) => {
                next.selection.clear();
                if next.shown.id_of(&key).is_none() && next.graph.id_of(&key).is_some() {
                    next.view_level = ViewLevel::Transactions;
                }
                next.pending_selection = Some(key);
            }
            Action::OpenCase(case) => {
                let view = case.view_state().ok();
                next.pinned_height = view
                    .as_ref()
                    .and_then(|v| v.pinned_height)
                    .or(case.provenance.pinned_height);
                next.label_sources = Rc::new(case.label_book());
                next.rebuild_labels();
                next.labels_loaded = true;
                next.label_manifest = None;
                next.config_loaded = true;
                // The Home route opens the case's view (its hash, `?view=` included).
                next.start_path = view.map(|v| crate::web::view_link::hash_of(&v).trim_start_matches('#').to_string());
                next.api_base_url = Some(case.provenance.api_base_url.clone());
                next.snapshot = Some(case);
                next.restart();
            }
            Action::SetCamera(camera) => next.camera = camera,
            Action::SetPins(pins) => next.pins = Rc::new(pins),
            Action::SetDrawnPositions(positions) => next.drawn_positions = positions.map(Rc::new),
            Action::SelectMany(ids) => {
                next.selection = ids.into_iter().collect();
                if !next.selection.is_empty() {
                    next.selected = None;
                }
            }
            Action::ToggleHub(key) => {
                if !next.unfolded_hubs.remove(&key) {
                    next.unfolded_hubs.insert(key);
                }
            }
            Action::CancelRunning => {
                if next.running.is_none() {
                    return self;
                }
                next.cancel_requested = true;
                next.queue.clear();
            }
            Action::ReportProgress { job_id, progress } => match next.running.as_mut() {
                Some(running) if running.job.id == job_id => running.progress = progress,
                _ => return self,
            },
            Action::FinishJob {
                job_id,
                generation,
                result,
            } => {
                if generation != next.generation {
                    return self;
                }
                if next.running.as_ref().is_some_and(|r| r.job.id == job_id) {
                    next.running = None;
                    next.cancel_requested = false;
                }
                match result {
                    Ok(output) => next.apply_output(output),
                    Err(error) => {
                        let unreachable = matches!(&error, UiError::Job { error, .. } if error.is_unreachable());
                        // A browser blocks Blockbook servers without CORS: say so once, with what works.
                        let hint = (unreachable && next.snapshot.is_none() && next.api_kind == ApiKind::Blockbook)
                            .then(|| UiError::BlockbookUnreachable {
                                base_url: next.api_base_url.clone().unwrap_or_default(),
                            });
                        next.errors.push(error);
                        if let Some(hint) = hint.filter(|h| !next.errors.contains(h)) {
                            next.errors.push(hint);
                        }
                    }
                }
                next.start_next();
            }
            Action::SelectNode(id) => next.selected = id,
            Action::DismissError(index) => {
                // Indexes follow `visible_errors`: the route error, if any, comes first.
                let index = match (next.route_error.is_some(), index) {
                    (true, 0) => {
                        next.route_error = None;
                        return Rc::new(next);
                    }
                    (true, i) => i - 1,
                    (false, i) => i,
                };
                if index < next.errors.len() {
                    next.errors.remove(index);
                }
            }
            Action::ShowError(error) => next.errors.push(error),
        }
        next.refresh_shown();
        // A link's selection waits for its node to be fetched.
        if let Some(key) = &next.pending_selection {
            if let Some(id) = next.shown.id_of(key) {
                next.selected = Some(id);
                next.pending_selection = None;
            }
        }
        Rc::new(next)
    }
}
