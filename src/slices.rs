//! Fine-grained slices: a value derived from a larger source (the configuration, the
//! diagnostics, the preview's changed lines) that wakes its readers only when that value
//! changes.
//!
//! Why not a `Memo` per field: ~500 memos on the whole configuration signal all re-run on
//! every keystroke, and each re-run unsubscribes and resubscribes, which reactive_graph does in
//! linear time per removal (quadratic in the number of fields; see docs/PERFORMANCE.md). Here the
//! source has a single subscriber, an effect that walks the registered getters and writes only
//! the slices whose value differs, so an edit wakes the one field it touched.

use dockwright_engine::Diagnostic;
use leptos::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

type Refresh<S> = Arc<dyn Fn(&S) + Send + Sync>;

/// The slices registered over one source, refreshed together when it changes.
pub struct Slices<S: 'static> {
    next: u64,
    entries: BTreeMap<u64, Refresh<S>>,
}

impl<S: 'static> Default for Slices<S> {
    fn default() -> Self {
        Self {
            next: 0,
            entries: BTreeMap::new(),
        }
    }
}

impl<S: Send + Sync + 'static> Slices<S> {
    /// A registry in the reactive arena, ready to be shared by copy.
    pub fn stored() -> StoredValue<Self> {
        StoredValue::new(Self::default())
    }
}

/// Registers `get` over the source read through `source` and returns the slice. The slice is
/// removed with the owner that created it (a field that goes away stops being refreshed).
pub fn slice<S, T>(
    registry: StoredValue<Slices<S>>,
    current: &S,
    get: impl Fn(&S) -> T + Send + Sync + 'static,
) -> Signal<T>
where
    S: Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let signal = RwSignal::new(get(current));
    let refresh: Refresh<S> = Arc::new(move |source: &S| {
        let value = get(source);
        if signal.try_with_untracked(|now| *now != value) == Some(true) {
            signal.set(value);
        }
    });
    let key = registry.try_update_value(|r| {
        let key = r.next;
        r.next += 1;
        r.entries.insert(key, refresh);
        key
    });
    if let Some(key) = key {
        on_cleanup(move || {
            registry.try_update_value(|r| r.entries.remove(&key));
        });
    }
    signal.read_only().into()
}

/// Runs every registered getter against the new source value. The list is copied first, so a
/// slice created or dropped while this runs does not disturb it.
pub fn refresh<S: Send + Sync + 'static>(registry: StoredValue<Slices<S>>, source: &S) {
    let entries: Vec<Refresh<S>> = registry
        .try_with_value(|r| r.entries.values().cloned().collect())
        .unwrap_or_default();
    for refresh in entries {
        refresh(source);
    }
}

/// The diagnostics of one generation grouped by configuration path, built once per generation
/// so that each field looks up its own path instead of scanning the whole list.
#[derive(Default)]
pub struct DiagnosticIndex {
    by_path: HashMap<String, Vec<Diagnostic>>,
}

impl DiagnosticIndex {
    pub fn new(diagnostics: &[Diagnostic]) -> Self {
        let mut by_path: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for d in diagnostics {
            by_path.entry(d.path.clone()).or_default().push(d.clone());
        }
        Self { by_path }
    }

    /// The diagnostics whose path is exactly `path`.
    pub fn at(&self, path: &str) -> &[Diagnostic] {
        self.by_path.get(path).map_or(&[], Vec::as_slice)
    }

    /// Whether some diagnostic sits under `prefix` at a path other than those in `except`.
    pub fn any_under(&self, prefix: &str, except: &[String]) -> bool {
        self.by_path
            .keys()
            .any(|p| p.starts_with(prefix) && !except.contains(p))
    }
}
