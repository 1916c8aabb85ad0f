//! Who sends and receives in the coarser views of a graph: an address, or a group of addresses
//! (one label entity, or one common-input cluster). See `crate::views`.

/// One side of an aggregated flow: an address, or a group of addresses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    Address(String),
    Group(GroupKey),
}

/// What holds a group together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKey {
    /// Addresses whose first tag names this entity.
    Entity(String),
    /// Addresses spent together (common-input heuristic), named by their first address.
    Cluster(String),
}

impl GroupKey {
    /// A name for people, in English (the canvas's labels).
    #[must_use]
    pub fn name(&self) -> String {
        self.name_in(crate::i18n::Lang::En)
    }

    /// A name for people in `lang`: the entity, or "cluster of <first address>".
    #[must_use]
    pub fn name_in(&self, lang: crate::i18n::Lang) -> String {
        match self {
            GroupKey::Entity(entity) => entity.clone(),
            GroupKey::Cluster(first) => crate::tr!(lang, "groups.cluster_of", address = first),
        }
    }

    /// A stable text id: `entity:<name>` or `cluster:<first address>`.
    #[must_use]
    pub fn id_text(&self) -> String {
        match self {
            GroupKey::Entity(entity) => format!("entity:{entity}"),
            GroupKey::Cluster(first) => format!("cluster:{first}"),
        }
    }
}

impl Party {
    /// The node that stands for this party in a view graph (an address node or a group).
    #[must_use]
    pub fn node_key(&self) -> super::NodeKey {
        match self {
            Party::Address(address) => super::NodeKey::Address(address.clone()),
            Party::Group(group) => super::NodeKey::Group(group.clone()),
        }
    }

    /// A stable text id: `addr:<address>`, or the group's.
    #[must_use]
    pub fn id_text(&self) -> String {
        match self {
            Party::Address(address) => format!("addr:{address}"),
            Party::Group(group) => group.id_text(),
        }
    }
}
