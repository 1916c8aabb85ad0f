//! The page's components; each gets data through props and reports events through callbacks.

mod case_gallery;
mod entity_tags;
mod error_banner;
mod flows_table;
pub mod graph_canvas;
mod hub_note;
mod language_menu;
mod search_bar;
mod selection_panel;
mod settings;
mod share_dialog;
mod side_panel;
mod status_bar;
mod trace_panel;
mod user_label_editor;
mod view_switch;

pub use case_gallery::CaseGallery;
pub use error_banner::ErrorBanner;
pub use flows_table::FlowsTable;
pub use graph_canvas::GraphCanvas;
pub use hub_note::HubNote;
pub use language_menu::LanguageMenu;
pub use search_bar::SearchBar;
pub use selection_panel::SelectionPanel;
pub use settings::Settings;
pub use share_dialog::ShareDialog;
pub use side_panel::SidePanel;
pub use status_bar::StatusBar;
pub use trace_panel::TracePanel;
pub use view_switch::ViewSwitch;
