//! History and favourites: the configurations this browser downloaded, opened from a link, or
//! had replaced by a link, kept in local storage (at most [`LIMIT`], newest first). Naming an
//! entry makes it a favourite, which is kept over unnamed ones when the list is full.
//!
//! An entry holds its configuration as a share fragment without secrets, like a link does:
//! secrets stay out of anything kept beside the working configuration, and restoring an entry
//! fills them from the CSPRNG, as opening a link does.

use crate::browser;
use dockwright_engine::config::EnvStrategy;
use dockwright_engine::output::guide;
use dockwright_engine::{share, Config};
use serde::{Deserialize, Serialize};

/// The storage key of the list.
pub const KEY: &str = "dockwright.history.v1";

/// At most this many entries are kept.
pub const LIMIT: usize = 100;

/// Why an entry was added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Downloaded,
    OpenedLink,
    /// The configuration a link replaced (so opening a link never loses one).
    ReplacedByLink,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Downloaded => "Downloaded",
            Kind::OpenedLink => "Opened from a link",
            Kind::ReplacedByLink => "Replaced by a link",
        }
    }
}

/// One kept configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique within the list (milliseconds since 1970 when added, made unique).
    pub id: u64,
    pub kind: Kind,
    /// A name given by the user: named entries are favourites.
    #[serde(default)]
    pub name: String,
    /// The project's name and what the stack holds, as shown in the list.
    pub title: String,
    pub summary: String,
    /// The configuration as a share fragment without secrets.
    pub fragment: String,
}

impl Entry {
    pub fn is_favourite(&self) -> bool {
        !self.name.trim().is_empty()
    }
}

/// What a configuration holds, in a few words: the guide's one-line stack description
/// (`Next.js (standalone) on Node 22 with npm, Prisma, PostgreSQL 17-alpine, …`), then its
/// environments and whether it has the Kubernetes tree.
pub fn summary(c: &Config) -> String {
    let mut parts = vec![guide::summary(c)];
    let envs: Vec<&str> = c.project.environments.iter().map(|e| e.as_str()).collect();
    if !envs.is_empty() {
        let how = match c.project.strategy {
            EnvStrategy::Overrides => "override files",
            EnvStrategy::Profiles => "profiles",
        };
        parts.push(format!("{} ({how})", envs.join(", ")));
    }
    if c.kubernetes.enabled {
        parts.push("Kubernetes".into());
    }
    parts.join(" · ")
}

/// `list` with `entry` added at the top. The same configuration added again for the same
/// reason moves to the top instead of being listed twice. Over [`LIMIT`], the oldest unnamed
/// entry goes first (favourites are kept), then the oldest favourite.
pub fn with_added(mut list: Vec<Entry>, mut entry: Entry) -> Vec<Entry> {
    if let Some(at) = list
        .iter()
        .position(|e| e.kind == entry.kind && e.fragment == entry.fragment)
    {
        let earlier = list.remove(at);
        if entry.name.is_empty() {
            entry.name = earlier.name;
        }
    }
    // Unique ids even for two entries added within the same millisecond.
    while list.iter().any(|e| e.id == entry.id) {
        entry.id += 1;
    }
    list.insert(0, entry);
    while list.len() > LIMIT {
        let drop = list
            .iter()
            .rposition(|e| !e.is_favourite())
            .unwrap_or(list.len() - 1);
        list.remove(drop);
    }
    list
}

// Through `serde_json::Value`, the one JSON path the page links for the configuration too:
// `from_str::<Vec<Entry>>` and `to_string(&list)` would link a second one (~20 KB gzip).

/// The stored list; an unreadable one reads as empty (it is replaced on the next addition).
pub fn load() -> Vec<Entry> {
    browser::storage_get(KEY)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default()
}

/// Stores the list; a failure comes back as text for a notice.
pub fn store(list: &[Entry]) -> Result<(), String> {
    let value = serde_json::to_value(list).map_err(|e| e.to_string())?;
    browser::storage_set(KEY, &value.to_string())
}

/// A new entry for `config`, dated now.
pub fn entry(kind: Kind, config: &Config) -> Entry {
    Entry {
        id: browser::epoch_ms() as u64,
        kind,
        name: String::new(),
        title: config.project.name.clone(),
        summary: summary(config),
        fragment: share::fragment(config, false),
    }
}
