//! The preview's file list as a tree (folders, collapsible) with search across every file.
//! An ARIA tree in its flat form (`aria-level`, `aria-posinset`, `aria-setsize`): one Tab
//! stop, arrows move, Right / Left open and close folders, selection follows focus on files.
//! Typing in the search box lists every matching line instead; picking one shows the file
//! with that line scrolled to and marked.

use crate::browser;
use crate::markup::{el, text, Node};
use crate::state::use_state;
use crate::tree::{self, Row};
use leptos::prelude::*;
use std::collections::BTreeSet;

fn item_id(path: &str) -> String {
    format!("tab-{}", path.replace(['/', '.'], "-"))
}

fn folder_id(path: &str) -> String {
    format!("dir-{}", path.replace(['/', '.'], "-"))
}

/// Hits shown at most; the count says how many there are.
const SHOWN_HITS: usize = 200;

/// `reveal`: the (file, line) a search hit asks the code view to scroll to.
pub fn file_tree(reveal: RwSignal<Option<(String, usize)>>) -> impl IntoView {
    let state = use_state();
    let collapsed = RwSignal::new(BTreeSet::<String>::new());
    // The folder row holding the Tab stop, when one does (else the selected file's row).
    let focused_folder = RwSignal::new(None::<String>);
    let paths = Memo::new(move |_| state.file_paths());
    let rows = Memo::new(move |_| collapsed.with(|c| paths.with(|p| tree::rows(p, c))));
    // A file chosen elsewhere (shortcuts, a search hit, a renamed file) is never hidden.
    Effect::new(move |_| {
        let selected = state.selected.get();
        let hidden: Vec<String> = collapsed.with_untracked(|c| {
            tree::ancestors(&selected)
                .into_iter()
                .filter(|a| c.contains(a))
                .collect()
        });
        if !hidden.is_empty() {
            collapsed.update(|c| {
                hidden.iter().for_each(|h| {
                    c.remove(h);
                })
            });
        }
    });
    let focus_row = move |row: &Row| {
        if row.folder {
            focused_folder.set(Some(row.path.clone()));
            browser::focus_soon(folder_id(&row.path));
        } else {
            focused_folder.set(None);
            state.selected.set(row.path.clone());
            browser::focus_soon(item_id(&row.path));
        }
    };
    let keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return; // Alt+arrows are the page-wide file shortcuts
        }
        let rows = rows.get_untracked();
        let current = match focused_folder.get_untracked() {
            Some(f) => rows.iter().position(|r| r.folder && r.path == f),
            None => {
                let s = state.selected.get_untracked();
                rows.iter().position(|r| !r.folder && r.path == s)
            }
        }
        .unwrap_or(0);
        let Some(row) = rows.get(current).cloned() else {
            return;
        };
        let is_open = row.folder && !collapsed.with_untracked(|c| c.contains(&row.path));
        let target = match ev.key().as_str() {
            "ArrowDown" => rows.get(current + 1),
            "ArrowUp" => current.checked_sub(1).and_then(|i| rows.get(i)),
            "Home" => rows.first(),
            "End" => rows.last(),
            "ArrowRight" if row.folder && !is_open => {
                collapsed.update(|c| {
                    c.remove(&row.path);
                });
                None
            }
            "ArrowRight" if is_open => rows.get(current + 1),
            "ArrowLeft" if is_open => {
                collapsed.update(|c| {
                    c.insert(row.path.clone());
                });
                None
            }
            "ArrowLeft" => {
                let parent = tree::ancestors(&row.path).pop();
                parent.and_then(|p| rows.iter().find(|r| r.folder && r.path == p))
            }
            "Enter" | " " if row.folder => {
                collapsed.update(|c| {
                    if !c.remove(&row.path) {
                        c.insert(row.path.clone());
                    }
                });
                None
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(t) = target.cloned() {
            focus_row(&t);
        }
    };
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let q = query.get();
        state.generation.with(|g| {
            tree::search(
                g.bundle.files.iter().map(|(p, f)| (p.as_str(), &*f.text)),
                q.trim(),
            )
        })
    });
    // The rows as markup, built again when anything they show changes (a few dozen rows);
    // clicks are delegated, and focus stays on the row that had it.
    let tree_ref = NodeRef::<leptos::html::Ul>::new();
    let mut tree_view = browser::MarkupView::default();
    Effect::new(move |_| {
        let Some(target) = tree_ref.get() else { return };
        let selected = state.selected.get();
        let folder = focused_folder.get();
        let nodes = rows.with(|rows| {
            state.generation.with(|g| {
                state.previous.with(|prev| {
                    collapsed.with(|c| {
                        // The Tab stop: the focused folder, else the selected file, else (when
                        // neither is shown) the first row, so the tree is always reachable.
                        let stop = rows
                            .iter()
                            .position(|r| match &folder {
                                Some(f) => r.folder && r.path == *f,
                                None => !r.folder && r.path == selected,
                            })
                            .unwrap_or(0);
                        rows.iter()
                            .enumerate()
                            .map(|(i, r)| {
                                if r.folder {
                                    return folder_node(r, !c.contains(&r.path), i == stop);
                                }
                                let now = g.bundle.files.get(&r.path).map(|f| f.text.clone());
                                let changed = !prev.is_empty()
                                    && !super::preview::same_text(prev.get(&r.path), now.as_ref());
                                let shown = r.path == selected;
                                file_node(
                                    r,
                                    shown,
                                    i == stop,
                                    changed,
                                    g.blocked.contains_key(&r.path),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                })
            })
        });
        let focused =
            browser::focused_id().filter(|id| id.starts_with("tab-") || id.starts_with("dir-"));
        if tree_view.show(&target, nodes) {
            if let Some(id) = focused {
                browser::focus_element(&id);
            }
        }
    });
    // The hits as markup (one builder, not a view type per shape); clicks are delegated.
    let hits_ref = NodeRef::<leptos::html::Ul>::new();
    let mut hits_view = browser::MarkupView::default();
    Effect::new(move |_| {
        let Some(target) = hits_ref.get() else { return };
        let nodes = hits.with(|h| h.iter().take(SHOWN_HITS).map(hit_node).collect::<Vec<_>>());
        hits_view.show(&target, nodes);
    });
    view! {
        <nav class="files" aria-label="Generated files">
            <div class="file-search">
                <label for="file-search" class="visually-hidden">"Search every file"</label>
                <input id="file-search" type="search" data-testid="file-search" placeholder="Search every file"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            <Show when=move || !query.with(|q| q.trim().is_empty())>
                <p class="search-count" role="status" data-testid="search-count">{move || hits.with(|h| {
                    let files: BTreeSet<&str> = h.iter().map(|x| x.path.as_str()).collect();
                    match h.len() {
                        0 => "No file holds this text.".to_string(),
                        n if n > SHOWN_HITS => format!("{n} lines in {} files; the first {SHOWN_HITS} are listed.", files.len()),
                        n => format!("{n} lines in {} files.", files.len()),
                    }
                })}</p>
                <ul class="hits" data-testid="search-hits" node_ref=hits_ref on:click=move |ev| {
                    let ev: &web_sys::Event = ev.as_ref();
                    let (Some(path), Some(line)) = (browser::closest_data(ev, "path"), browser::closest_data(ev, "line")) else { return };
                    state.selected.set(path.clone());
                    reveal.set(Some((path, line.parse::<usize>().unwrap_or(1).saturating_sub(1))));
                }></ul>
            </Show>
            <ul class="tree" role="tree" aria-label="Files of the bundle" on:keydown=keydown node_ref=tree_ref
                hidden=move || !query.with(|q| q.trim().is_empty())
                on:click=move |ev| {
                    let ev: &web_sys::Event = ev.as_ref();
                    if let Some(folder) = browser::closest_data(ev, "folder") {
                        focused_folder.set(Some(folder.clone()));
                        collapsed.update(|c| if !c.remove(&folder) { c.insert(folder); });
                    } else if let Some(file) = browser::closest_data(ev, "file") {
                        focused_folder.set(None);
                        state.selected.set(file);
                    }
                }></ul>
        </nav>
    }
}

fn hit_node(h: &tree::Hit) -> Node {
    el(
        "li",
        vec![el(
            "button",
            vec![
                el("span", vec![text(format!("{}:{}", h.path, h.line + 1))])
                    .attr("class", "hit-where"),
                el(
                    "span",
                    vec![
                        text(h.text[..h.start].trim_start()),
                        el("mark", vec![text(&h.text[h.start..h.end])]),
                        text(&h.text[h.end..]),
                    ],
                )
                .attr("class", "hit-text"),
            ],
        )
        .attr("type", "button")
        .attr("class", "hit")
        .attr("data-testid", "search-hit")
        .attr("data-path", h.path.clone())
        .attr("data-line", (h.line + 1).to_string())],
    )
}

/// A folder's row.
fn folder_node(r: &Row, open: bool, tab_stop: bool) -> Node {
    row_node(r, tab_stop)
        .attr("class", "folder")
        .attr("id", folder_id(&r.path))
        .attr("data-testid", format!("folder-{}", r.path))
        .attr("data-folder", r.path.clone())
        .attr("aria-expanded", open.to_string())
        .child(
            el("span", vec![text(if open { "▾" } else { "▸" })])
                .attr("class", "twisty")
                .attr("aria-hidden", "true"),
        )
        .child(text(format!("{}/", r.name)))
}

/// A file's row: selected, changed by the last edit, or not generated (blocked).
fn file_node(r: &Row, selected: bool, tab_stop: bool, changed: bool, blocked: bool) -> Node {
    let flag = |on: bool, name: &'static str| if on { name } else { "" };
    let class = [
        "file",
        flag(selected, " selected"),
        flag(changed, " changed"),
        flag(blocked, " blocked"),
    ]
    .concat();
    let mut row = row_node(r, tab_stop)
        .attr("class", class)
        .attr("id", item_id(&r.path))
        .attr("data-testid", format!("file-tab-{}", r.path))
        .attr("data-file", r.path.clone())
        .attr("aria-selected", selected.to_string())
        .attr("aria-controls", "preview-panel")
        .child(el("span", vec![text(r.name.clone())]).attr("class", "path"));
    if changed {
        row = row
            .child(
                el("span", vec![text("●")])
                    .attr("class", "badge")
                    .attr("aria-hidden", "true")
                    .attr("title", "changed by the last edit"),
            )
            .child(el("span", vec![text(" (changed)")]).attr("class", "visually-hidden"));
    }
    if blocked {
        row = row
            .child(
                el("span", vec![text("!")])
                    .attr("class", "badge error")
                    .attr("aria-hidden", "true")
                    .attr("title", "not generated: fix the errors"),
            )
            .child(el("span", vec![text(" (not generated)")]).attr("class", "visually-hidden"));
    }
    row
}

/// What every row has: its role, place in the tree and whether it is the Tab stop.
fn row_node(r: &Row, tab_stop: bool) -> Node {
    el("li", vec![])
        .attr("role", "treeitem")
        .attr("aria-level", r.level.to_string())
        .attr("aria-posinset", r.pos.to_string())
        .attr("aria-setsize", r.size.to_string())
        .attr("tabindex", if tab_stop { "0" } else { "-1" })
}
