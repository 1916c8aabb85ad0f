//! The embed mode's pure half: the iframe snippet the Share dialog offers, the height messages an
//! embedded page posts to the article around it, and the text alternative of the graph.

mod messages;
mod snippet;
mod text;

pub use messages::{height_messages, HeightMessage};
pub use snippet::{iframe_snippet, FALLBACK_ASPECT};
pub use text::{text_alternative, TextAlternative};
