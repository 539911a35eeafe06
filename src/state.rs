//! The one source of truth: the configuration signal, its undo history, and the slices the
//! components derive from it (generation, share link, changed files). Browser side effects
//! (storage, address bar) are wired here once.

use crate::browser;
use crate::recent;
use crate::slices::{self, DiagnosticIndex, Slices};
use dockwright_engine::secret::fill_missing_secrets;
use dockwright_engine::{presets, share, Config, Diagnostic, Generation, Renderer, Severity};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Edits closer together than this become one undo step (typing a word is one step).
const COALESCE_MS: f64 = 600.0;
const HISTORY_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Error,
    Info,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// What an import read and what it could not carry over (shown beside the editor).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportReport {
    /// One line on what was read (`3 compose files, 1 env file, package.json`).
    pub read: String,
    pub warnings: Vec<ImportNote>,
    /// The built services (any could be the app) and the one that is.
    pub apps: Vec<String>,
    pub app: Option<String>,
}

/// One thing not carried over: where it came from, what happened, and the field it landed in.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportNote {
    pub path: String,
    pub message: String,
    pub field: Option<String>,
}

#[derive(Default)]
struct History {
    past: Vec<Config>,
    future: Vec<Config>,
    last_edit_ms: f64,
    last_key: String,
}

/// How long the address bar waits for typing to pause before it follows the configuration.
const ADDRESS_BAR_DELAY_MS: u32 = 400;

/// How long after an edit it is saved (edits within it are saved together).
const PERSIST_DELAY_MS: u32 = 300;

/// Cheap to copy: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct AppState {
    pub config: RwSignal<Config>,
    /// Fields whose text could not be read as a value, by config path: the configuration keeps
    /// its last value, so these are errors that block what that section feeds.
    pub input_errors: RwSignal<BTreeMap<String, String>>,
    pub generation: Memo<Generation>,
    /// File texts before the last edit, to mark what it changed.
    pub previous: RwSignal<BTreeMap<String, Arc<str>>>,
    pub selected: RwSignal<String>,
    pub include_secrets: RwSignal<bool>,
    pub share_url: Memo<String>,
    /// The configuration the share link and the address bar show (see [`AppState::settle_now`]).
    settled: RwSignal<Config>,
    pub notice: RwSignal<Option<Notice>>,
    pub storage_notice: RwSignal<Option<String>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// The preset last loaded and the configuration it produced (to ask before replacing edits).
    pub loaded_preset: RwSignal<(String, Option<Config>)>,
    pub help_open: RwSignal<bool>,
    /// Downloaded and opened configurations, newest first (see `recent`), and whether their
    /// panel is open.
    pub recent: RwSignal<Vec<recent::Entry>>,
    pub recent_open: RwSignal<bool>,
    /// The last import's report (what was read, what was not carried over), until dismissed.
    pub import_report: RwSignal<Option<ImportReport>>,
    /// An import is reading files or waiting for the import worker.
    pub importing: RwSignal<bool>,
    /// The last text each file was generated with, shown greyed while errors block it.
    last_good: StoredValue<BTreeMap<String, Arc<str>>>,
    history: StoredValue<History>,
    /// An edit not yet written to storage (written soon after, or when the page goes away).
    persist_pending: StoredValue<bool>,
    /// Per-field slices of the configuration (see [`AppState::slice`]).
    config_slices: StoredValue<Slices<Config>>,
    /// Whether the last change was typing (debounced address bar) rather than a replacement,
    /// undo or redo (written at once).
    typing: StoredValue<bool>,
    /// The last generation's diagnostics by path, and the slices fields derive from it.
    diagnostic_index: StoredValue<DiagnosticIndex>,
    diagnostic_slices: StoredValue<Slices<DiagnosticIndex>>,
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

/// A preset with fresh secrets from the browser's CSPRNG.
pub fn preset_config(id: &str) -> Option<Config> {
    let mut config = presets::load(id)?;
    fill_missing_secrets(&mut config, &mut browser::BrowserEntropy);
    Some(config)
}

fn default_config() -> Config {
    preset_config(presets::DEFAULT_PRESET).unwrap_or_default()
}

/// What the page starts with.
struct Start {
    config: Config,
    notice: Option<Notice>,
    /// The preset this is, when it is an unedited preset.
    preset: Option<String>,
    /// The user's saved configuration that an opened link replaced (the first undo step).
    replaced: Option<Config>,
    /// The configuration came from a link in the address bar.
    opened_link: bool,
}

/// The configuration to start with: a share link in the URL, else the saved one, else the
/// default preset. A bad link or saved state gives a notice and falls back; a good link over a
/// different saved configuration keeps that one reachable through undo.
fn initial_config() -> Start {
    let saved = match browser::storage_get(browser::CONFIG_KEY) {
        Ok(Some(text)) => match Config::from_text(&text) {
            Ok(mut c) => {
                fill_missing_secrets(&mut c, &mut browser::BrowserEntropy);
                Some(c)
            }
            Err(_) => None,
        },
        _ => None,
    };
    let fragment = browser::fragment();
    // The address bar follows edits a moment later than storage does: a fragment the app wrote
    // itself is older than (or equal to) the saved configuration, which then wins.
    let own = browser::storage_get(browser::OWN_FRAGMENT_KEY)
        .ok()
        .flatten()
        .is_some_and(|written| written.lines().any(|f| f == fragment));
    if fragment.contains("c=") && !(own && saved.is_some()) {
        return match share::decode(&fragment, &mut browser::BrowserEntropy) {
            Ok(decoded) => {
                let mut note = if decoded.secrets_included {
                    "Opened a shared configuration that includes secrets.".to_string()
                } else {
                    "Opened a shared configuration. Secrets were not shared: fresh ones were generated.".to_string()
                };
                let replaced = saved.filter(|s| !same_but_secrets(s, &decoded.config));
                if replaced.is_some() {
                    note.push_str(" Your previous configuration is kept: Undo brings it back.");
                }
                Start {
                    config: decoded.config,
                    notice: Some(Notice {
                        kind: NoticeKind::Info,
                        text: note,
                    }),
                    preset: None,
                    replaced,
                    opened_link: true,
                }
            }
            Err(e) => {
                let kept = if saved.is_some() {
                    "your saved configuration is kept"
                } else {
                    "the default configuration is shown"
                };
                Start {
                    config: saved.unwrap_or_else(default_config),
                    notice: Some(Notice {
                        kind: NoticeKind::Error,
                        text: format!(
                            "This link could not be opened: {e}. Nothing was changed; {kept}."
                        ),
                    }),
                    preset: None,
                    replaced: None,
                    opened_link: false,
                }
            }
        };
    }
    match saved {
        Some(config) => Start {
            config,
            notice: None,
            preset: None,
            replaced: None,
            opened_link: false,
        },
        None => Start {
            config: default_config(),
            notice: None,
            preset: Some(presets::DEFAULT_PRESET.to_string()),
            replaced: None,
            opened_link: false,
        },
    }
}

/// Whether the part of the configuration `path` is in is switched on (the optional services
/// and the backup script; everything else always is).
fn section_is_on(c: &Config, path: &str) -> bool {
    let sections: [(&str, bool); 6] = [
        ("kubernetes.", c.kubernetes.enabled),
        ("postgres.backup.", c.postgres.backup.enabled),
        ("postgres.", c.postgres.enabled),
        ("redis.", c.redis.enabled),
        ("pgadmin.", c.pgadmin.enabled),
        ("redis_commander.", c.redis_commander.enabled),
    ];
    sections
        .iter()
        .filter(|(prefix, _)| path.starts_with(prefix))
        .all(|(_, on)| *on)
}

/// Brings the settled copy (share link, address bar) up to the current configuration.
fn settle(config: RwSignal<Config>, settled: RwSignal<Config>) {
    let changed = config.with_untracked(|now| settled.try_with_untracked(|s| s != now));
    if changed == Some(true) {
        settled.set(config.get_untracked());
    }
}

/// Equal once secrets are set aside (a link without secrets gets fresh ones).
fn same_but_secrets(a: &Config, b: &Config) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    dockwright_engine::secret::strip_secrets(&mut a);
    dockwright_engine::secret::strip_secrets(&mut b);
    a == b
}

/// The configuration a link replaced earlier, kept in storage until undo restores it.
fn stored_replaced() -> Option<Config> {
    let text = browser::storage_get(browser::REPLACED_KEY).ok().flatten()?;
    Config::from_text(&text).ok()
}

fn store_replaced(config: &Config) {
    // Without storage the replaced configuration is still one undo step in this tab.
    let _ = browser::storage_set(browser::REPLACED_KEY, &config.to_json());
}

/// The preset a configuration is an unedited copy of (secrets aside).
fn matching_preset(config: &Config) -> Option<String> {
    let mut stripped = config.clone();
    dockwright_engine::secret::strip_secrets(&mut stripped);
    presets::PRESETS
        .iter()
        .find(|p| presets::load(p.id).as_ref() == Some(&stripped))
        .map(|p| p.id.to_string())
}

impl AppState {
    /// Creates the state, provides it as context and wires persistence and the address bar.
    pub fn provide() -> AppState {
        let Start {
            config,
            notice,
            preset,
            replaced,
            opened_link,
        } = initial_config();
        // Kept in the history below: what this link replaced (an earlier link's is already).
        let link_replaced = replaced.clone().filter(|_| opened_link);
        let preset = preset.or_else(|| matching_preset(&config));
        // The first undo step: what a link just replaced, or (after a reload) what an earlier
        // link replaced and undo has not restored yet.
        if let Some(r) = &replaced {
            store_replaced(r);
        }
        let mut history = History::default();
        if let Some(r) = replaced.or_else(stored_replaced) {
            if !same_but_secrets(&r, &config) {
                history.past.push(r);
            }
        }
        let loaded = (
            preset.clone().unwrap_or_default(),
            preset.map(|_| config.clone()),
        );
        let config = RwSignal::new(config);
        let input_errors = RwSignal::new(BTreeMap::<String, String>::new());
        // The engine's renderer remembers each file's last context and text: an edit renders
        // again only the files it changed, and unchanged files keep their shared text.
        let renderer = StoredValue::new(Renderer::default());
        let generation = Memo::new(move |_| {
            let errors: Vec<Diagnostic> = input_errors.with(|e| {
                e.iter()
                    // A service switched off keeps its fields (hidden) and their unread text,
                    // which counts again when it is switched back on.
                    .filter(|(path, _)| config.with(|c| section_is_on(c, path)))
                    .map(|(path, message)| Diagnostic {
                        severity: Severity::Error,
                        path: path.clone(),
                        message: message.clone(),
                        kubernetes_only: false,
                    })
                    .collect()
            });
            config.with(|c| {
                renderer
                    .try_update_value(|r| r.generate(c, &errors))
                    .unwrap_or_else(|| dockwright_engine::generate_with(c, &errors))
            })
        });
        let include_secrets = RwSignal::new(false);
        // Link and address bar follow a settled copy of the configuration, brought up to date
        // after the frame that shows the edit has been painted (one pending update at a time,
        // so a burst of keys encodes once per frame): encoding a link costs about as much as
        // rendering the bundle, and writing the address bar costs more, but neither needs to
        // change within the keystroke's frame, the preview does.
        let settled = RwSignal::new(config.get_untracked());
        let settle_pending = StoredValue::new(false);
        Effect::new(move |_| {
            config.track();
            if settle_pending.get_value() {
                return;
            }
            settle_pending.set_value(true);
            browser::after_next_paint(move || {
                settle_pending.set_value(false);
                settle(config, settled);
            });
        });
        // The secret-free fragment feeds both the address bar and the share link.
        let fragment = Memo::new(move |_| settled.with(|c| share::fragment(c, false)));
        let page_url = browser::page_url();
        let share_url = Memo::new(move |_| {
            let fragment = if include_secrets.get() {
                settled.with(|c| share::fragment(c, true))
            } else {
                fragment.get()
            };
            format!("{page_url}#{fragment}")
        });
        let first_file = generation
            .with_untracked(|g| preferred_file(g.bundle.files.keys().chain(g.blocked.keys())));
        let state = AppState {
            config,
            input_errors,
            generation,
            previous: RwSignal::new(BTreeMap::new()),
            selected: RwSignal::new(first_file),
            include_secrets,
            share_url,
            settled,
            notice: RwSignal::new(notice),
            storage_notice: RwSignal::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            loaded_preset: RwSignal::new(loaded),
            help_open: RwSignal::new(false),
            recent: RwSignal::new(recent::load()),
            recent_open: RwSignal::new(false),
            import_report: RwSignal::new(None),
            importing: RwSignal::new(false),
            last_good: StoredValue::new(BTreeMap::new()),
            history: StoredValue::new(history),
            persist_pending: StoredValue::new(false),
            config_slices: Slices::stored(),
            typing: StoredValue::new(false),
            diagnostic_index: StoredValue::new(
                generation.with_untracked(|g| DiagnosticIndex::new(&g.diagnostics)),
            ),
            diagnostic_slices: Slices::stored(),
        };
        provide_context(state);
        state.sync_history_flags();
        if let Some(r) = &link_replaced {
            state.remember(recent::Kind::ReplacedByLink, r);
        }
        if opened_link {
            state
                .config
                .with_untracked(|c| state.remember(recent::Kind::OpenedLink, c));
        }
        // The configuration and the generation each have one subscriber that refreshes the
        // fields' slices; a keystroke wakes only the fields whose value or messages changed.
        Effect::new(move |_| config.with(|c| slices::refresh(state.config_slices, c)));
        Effect::new(move |_| {
            let index = generation.with(|g| DiagnosticIndex::new(&g.diagnostics));
            state.diagnostic_index.set_value(index);
            state
                .diagnostic_index
                .with_value(|index| slices::refresh(state.diagnostic_slices, index));
        });

        state.persist();
        // Edits are saved a moment later (off the keystroke's path); leaving the page saves
        // a pending one at once, so a reload right after an edit keeps it.
        browser::on_leave(move || state.flush_persist());
        // Keep the address bar on the current configuration without adding history entries,
        // once typing pauses: `history.replaceState` costs a few milliseconds each time, too
        // much for every keystroke. (A reload in between still keeps the edit: storage is
        // written when the page goes away, and a fragment the app wrote yields to it.)
        // Replacing the configuration, undo and redo write it at once: a reload right after
        // one must not reopen the link the address bar still holds.
        let address_version = StoredValue::new(0u64);
        let write_address = move || {
            let fragment = fragment.get_untracked();
            if browser::replace_fragment(&fragment).is_ok() {
                // The last two fragments written: a reload the browser started just before
                // the address bar changed still opens with the previous one, which is ours too.
                let previous = browser::storage_get(browser::OWN_FRAGMENT_KEY)
                    .ok()
                    .flatten()
                    .and_then(|w| w.lines().last().map(str::to_string))
                    .filter(|p| *p != fragment);
                let written = match previous {
                    Some(p) => format!("{p}\n{fragment}"),
                    None => fragment.clone(),
                };
                let _ = browser::storage_set(browser::OWN_FRAGMENT_KEY, &written);
            }
        };
        Effect::new(move |_| {
            fragment.track();
            let version = address_version.get_value() + 1;
            address_version.set_value(version);
            if !state.typing.get_value() {
                write_address();
                return;
            }
            browser::after_ms(ADDRESS_BAR_DELAY_MS, move || {
                // A later change has its own timer.
                if address_version.try_get_value() == Some(version) {
                    write_address();
                }
            });
        });
        // A link pasted into the address bar of an open page.
        let listener =
            window_event_listener(leptos::ev::hashchange, move |_| state.open_fragment());
        on_cleanup(move || listener.remove());
        state
    }

    /// Applies the share link in the current URL, if it is not the one already shown.
    pub fn open_fragment(&self) {
        let fragment = browser::fragment();
        if fragment.is_empty()
            || fragment == self.config.with_untracked(|c| share::fragment(c, false))
        {
            return;
        }
        match share::decode(&fragment, &mut browser::BrowserEntropy) {
            Ok(decoded) => {
                self.config.with_untracked(store_replaced);
                let current = self.config.get_untracked();
                if !same_but_secrets(&current, &decoded.config) {
                    self.remember(recent::Kind::ReplacedByLink, &current);
                }
                self.remember(recent::Kind::OpenedLink, &decoded.config);
                self.replace(decoded.config);
                self.notice.set(Some(Notice {
                    kind: NoticeKind::Info,
                    text: "Opened the configuration from the link (undo restores yours).".into(),
                }));
            }
            Err(e) => self.notice.set(Some(Notice {
                kind: NoticeKind::Error,
                text: format!("This link could not be opened: {e}. Your configuration was kept."),
            })),
        }
    }

    /// Keeps `config` in the history (downloads, opened links, what a link replaced). A storage
    /// failure only means it is not kept across reloads: it is said once, beside the others.
    pub fn remember(&self, kind: recent::Kind, config: &Config) {
        let list = recent::with_added(self.recent.get_untracked(), recent::entry(kind, config));
        self.set_recent(list);
    }

    /// Replaces the history list and stores it.
    pub fn set_recent(&self, list: Vec<recent::Entry>) {
        if let Err(e) = recent::store(&list) {
            self.storage_notice.set(Some(format!(
                "History cannot be saved in this browser ({e}); it lasts until this tab closes."
            )));
        }
        self.recent.set(list);
    }

    /// Brings the share link up to the current configuration now (copying the link must not
    /// wait for the next frame).
    pub fn settle_now(&self) {
        settle(self.config, self.settled);
    }

    /// Saves soon: a burst of edits writes once, after the preview has updated.
    fn persist_soon(&self) {
        if self.persist_pending.get_value() {
            return;
        }
        self.persist_pending.set_value(true);
        let state = *self;
        browser::after_ms(PERSIST_DELAY_MS, move || state.flush_persist());
    }

    /// Writes a pending edit now.
    fn flush_persist(&self) {
        if self.persist_pending.get_value() {
            self.persist();
        }
    }

    /// Saves the configuration now (replacing it, undo and redo save at once; edits through
    /// [`Self::persist_soon`]). A failing storage degrades to a notice.
    fn persist(&self) {
        self.persist_pending.set_value(false);
        let json = self.config.with_untracked(Config::to_json);
        match browser::storage_set(browser::CONFIG_KEY, &json) {
            Ok(()) => self.storage_notice.set(None),
            Err(e) => self.storage_notice.set(Some(format!(
                "Your configuration cannot be saved in this browser ({e}); it will not survive a reload. Use the share link to keep it."
            ))),
        }
    }

    fn snapshot_files(&self) {
        let files: BTreeMap<String, Arc<str>> = self.generation.with_untracked(|g| {
            g.bundle
                .files
                .iter()
                .map(|(k, v)| (k.clone(), v.text.clone()))
                .collect()
        });
        self.last_good
            .update_value(|good| good.extend(files.iter().map(|(k, v)| (k.clone(), v.clone()))));
        self.previous.set(files);
    }

    /// The text `path` had when it was last generated (before errors stopped it).
    pub fn last_good_text(&self, path: &str) -> Option<Arc<str>> {
        self.last_good.with_value(|good| good.get(path).cloned())
    }

    fn record(&self, key: &str, coalesce: bool) {
        let now = browser::now_ms();
        let same_burst = self
            .history
            .with_value(|h| coalesce && h.last_key == key && now - h.last_edit_ms < COALESCE_MS);
        // Only a new undo step copies the configuration: the keystrokes of one burst do not.
        let before = (!same_burst).then(|| self.config.get_untracked());
        self.history.update_value(|h| {
            if let Some(before) = before {
                h.past.push(before);
                if h.past.len() > HISTORY_LIMIT {
                    h.past.remove(0);
                }
            }
            h.future.clear();
            h.last_edit_ms = now;
            h.last_key = key.to_string();
        });
        self.sync_history_flags();
    }

    fn sync_history_flags(&self) {
        let (undo, redo) = self
            .history
            .with_value(|h| (!h.past.is_empty(), !h.future.is_empty()));
        self.can_undo.set(undo);
        self.can_redo.set(redo);
    }

    /// One edit of the field at `key` (a config path); rapid edits of one field coalesce.
    pub fn edit(&self, key: &str, f: impl FnOnce(&mut Config)) {
        self.typing.set_value(true);
        self.record(key, true);
        self.snapshot_files();
        self.config.update(|c| {
            f(c);
            // A secret with a generator always has a value: choosing a generator (or
            // clearing the value) yields a fresh one at once, so .env is ready to run.
            fill_missing_secrets(c, &mut browser::BrowserEntropy);
        });
        self.persist_soon();
        self.keep_selection_valid();
    }

    /// Records (or, with `None`, clears) text at `path` that could not be read as a value.
    pub fn set_input_error(&self, path: &str, message: Option<String>) {
        let changed = self
            .input_errors
            .with_untracked(|e| e.get(path) != message.as_ref());
        if changed {
            self.input_errors.update(|e| match message {
                Some(m) => {
                    e.insert(path.to_string(), m);
                }
                None => {
                    e.remove(path);
                }
            });
        }
    }

    /// Replaces the whole configuration (preset, link); one undo step.
    pub fn replace(&self, config: Config) {
        self.typing.set_value(false);
        self.record("", false);
        self.snapshot_files();
        self.config.set(config);
        self.settle_now();
        self.persist();
        self.keep_selection_valid();
    }

    pub fn undo(&self) {
        self.travel(true);
    }

    pub fn redo(&self) {
        self.travel(false);
    }

    /// Moves one step back (undo) or forward (redo) through the history.
    fn travel(&self, back: bool) {
        let current = self.config.get_untracked();
        let target = self
            .history
            .try_update_value(|h| {
                let (from, to) = if back {
                    (&mut h.past, &mut h.future)
                } else {
                    (&mut h.future, &mut h.past)
                };
                let target = from.pop()?;
                to.push(current);
                h.last_key.clear();
                Some((target, back && from.is_empty()))
            })
            .flatten();
        let Some((target, oldest)) = target else {
            return;
        };
        if oldest {
            // Back at the start of history: a configuration a link replaced is restored now.
            let _ = browser::storage_remove(browser::REPLACED_KEY);
        }
        self.typing.set_value(false);
        self.snapshot_files();
        self.config.set(target);
        self.settle_now();
        self.persist();
        self.sync_history_flags();
        self.keep_selection_valid();
    }

    /// Every file path the preview lists, in the file tree's order (a folder before the files
    /// beside it): generated files and blocked ones, the Kubernetes part (its guide and
    /// `k8s/`) after the rest, so that it does not split the Docker files.
    pub fn file_paths(&self) -> Vec<String> {
        self.generation.with(|g| {
            let mut paths: Vec<String> = g
                .bundle
                .files
                .keys()
                .chain(g.blocked.keys())
                .cloned()
                .collect();
            paths.sort_by(|a, b| {
                let part = |p: &str| dockwright_engine::output::kubernetes::is_tree_path(p);
                part(a)
                    .cmp(&part(b))
                    .then_with(|| crate::tree::tree_order(a, b))
            });
            paths
        })
    }

    /// When the file on show is renamed by an edit (layout, compose naming, strategy), shows
    /// the file it became instead of a blank preview.
    fn keep_selection_valid(&self) {
        let paths = self.file_paths();
        let selected = self.selected.get_untracked();
        if !paths.contains(&selected) {
            let next =
                counterpart(&selected, &paths).unwrap_or_else(|| preferred_file(paths.iter()));
            self.selected.set(next);
        }
    }

    /// Selects the next (`step` = 1) or previous (-1) file.
    pub fn select_relative(&self, step: isize) {
        let paths = self.file_paths();
        if paths.is_empty() {
            return;
        }
        let current = paths
            .iter()
            .position(|p| *p == self.selected.get_untracked())
            .unwrap_or(0) as isize;
        let next = (current + step).rem_euclid(paths.len() as isize) as usize;
        self.selected.set(paths[next].clone());
    }

    /// A value derived from the configuration that wakes its readers only when it changes
    /// (a field's value, whether a section is on): the cheap replacement for a `Memo` on the
    /// whole configuration.
    pub fn slice<T>(&self, get: impl Fn(&Config) -> T + Send + Sync + 'static) -> Signal<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        let registry = self.config_slices;
        self.config
            .with_untracked(|c| slices::slice(registry, c, get))
    }

    /// A value derived from the diagnostics (by path), woken only when it changes.
    pub fn diagnostic_slice<T>(
        &self,
        get: impl Fn(&DiagnosticIndex) -> T + Send + Sync + 'static,
    ) -> Signal<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        let registry = self.diagnostic_slices;
        self.diagnostic_index
            .with_value(|index| slices::slice(registry, index, get))
    }

    /// The diagnostics at `path`, as a slice.
    pub fn diagnostics_at(&self, path: String) -> Signal<Vec<Diagnostic>> {
        self.diagnostic_slice(move |index| index.at(&path).to_vec())
    }

    /// Loads a preset, asking first when that would replace unsaved edits.
    pub fn load_preset(&self, id: &str) {
        let (last_id, last_config) = self.loaded_preset.get_untracked();
        let edited = match last_config {
            Some(c) => c != self.config.get_untracked(),
            None => true,
        };
        if edited
            && last_id != id
            && !browser::confirm(
                "Load this preset? It replaces your current configuration (you can undo).",
            )
        {
            return;
        }
        if let Some(config) = preset_config(id) {
            self.loaded_preset
                .set((id.to_string(), Some(config.clone())));
            self.replace(config);
        }
    }
}

/// The same file under its new name: `docker/docker-compose.dev.yml` and
/// `compose.dev.yaml` are one file moved by the layout and naming options.
fn counterpart(old: &str, paths: &[String]) -> Option<String> {
    fn normal(path: &str) -> String {
        let path = path.strip_prefix("docker/").unwrap_or(path);
        let path = path.strip_prefix("docker-").unwrap_or(path);
        path.replace(".yml", ".yaml")
    }
    let wanted = normal(old);
    paths.iter().find(|p| normal(p) == wanted).cloned()
}

/// The file shown first: the base compose file (the shortest compose path), else the first.
fn preferred_file<'a>(paths: impl Iterator<Item = &'a String> + Clone) -> String {
    paths
        .clone()
        .filter(|p| p.contains("compose"))
        .min_by_key(|p| p.len())
        .or_else(|| paths.min())
        .cloned()
        .unwrap_or_default()
}

/// Id of the input bound to a config path (`env[2].name` -> `field-env-2-name`).
pub fn field_id(path: &str) -> String {
    let mut id = String::from("field-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        });
    }
    while id.ends_with('-') {
        id.pop();
    }
    id.replace("--", "-")
}
