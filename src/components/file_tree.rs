//! The preview's file list as a tree (folders, collapsible) with search across every file.
//! An ARIA tree in its flat form (`aria-level`, `aria-posinset`, `aria-setsize`): one Tab
//! stop, arrows move, Right / Left open and close folders, selection follows focus on files.
//! Typing in the search box lists every matching line instead; picking one shows the file
//! with that line scrolled to and marked.

use crate::browser;
use crate::state::use_state;
use crate::tree::{self, Row};
use leptos::prelude::*;
use std::collections::BTreeSet;

pub fn item_id(path: &str) -> String {
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
                <ul class="hits" data-testid="search-hits">
                    {move || hits.get().into_iter().take(SHOWN_HITS).map(|h| {
                        let (before, found, after) = (h.text[..h.start].to_string(), h.text[h.start..h.end].to_string(), h.text[h.end..].to_string());
                        let (path, line) = (h.path.clone(), h.line);
                        view! {
                            <li><button type="button" class="hit" data-testid="search-hit" data-path=h.path.clone() data-line=(h.line + 1).to_string()
                                on:click=move |_| {
                                    state.selected.set(path.clone());
                                    reveal.set(Some((path.clone(), line)));
                                }>
                                <span class="hit-where">{format!("{}:{}", h.path, h.line + 1)}</span>
                                <span class="hit-text">{before.trim_start().to_string()}<mark>{found}</mark>{after}</span>
                            </button></li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <ul class="tree" role="tree" aria-label="Files of the bundle" on:keydown=keydown
                hidden=move || !query.with(|q| q.trim().is_empty())>
                <For each=move || rows.get() key=|r| (r.folder, r.path.clone(), r.pos, r.size) let:row>
                    {tree_row(row, collapsed, focused_folder)}
                </For>
            </ul>
        </nav>
    }
}

fn tree_row(
    row: Row,
    collapsed: RwSignal<BTreeSet<String>>,
    focused_folder: RwSignal<Option<String>>,
) -> AnyView {
    let state = use_state();
    if row.folder {
        let path = row.path.clone();
        let p1 = path.clone();
        let p2 = path.clone();
        let open = Memo::new(move |_| collapsed.with(|c| !c.contains(&p1)));
        return view! {
            <li role="treeitem" class="folder" id=folder_id(&path) data-testid=format!("folder-{path}")
                prop:ariaLevel=row.level.to_string() prop:ariaPosInSet=row.pos.to_string() prop:ariaSetSize=row.size.to_string()
                aria-expanded=move || open.get().to_string()
                tabindex=move || if focused_folder.with(|f| f.as_deref() == Some(p2.as_str())) { "0" } else { "-1" }
                on:click=move |_| {
                    focused_folder.set(Some(path.clone()));
                    collapsed.update(|c| if !c.remove(&path) { c.insert(path.clone()); });
                }>
                <span class="twisty" aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                {row.name}"/"
            </li>
        }
        .into_any();
    }
    let path = row.path;
    let (p1, p2, p3, p4) = (path.clone(), path.clone(), path.clone(), path.clone());
    // Unchanged files keep the renderer's shared text: identity first, and text only when a
    // file was rendered again.
    let changed = Memo::new(move |_| {
        let now = state
            .generation
            .with(|g| g.bundle.files.get(&p1).map(|f| f.text.clone()));
        state.previous.with(|prev| {
            !prev.is_empty() && !super::preview::same_text(prev.get(&p1), now.as_ref())
        })
    });
    let blocked = Memo::new(move |_| state.generation.with(|g| g.blocked.contains_key(&p2)));
    let selected = Memo::new(move |_| state.selected.with(|s| *s == p3));
    view! {
        <li role="treeitem" class="file" id=item_id(&path) data-testid=format!("file-tab-{path}")
            prop:ariaLevel=row.level.to_string() prop:ariaPosInSet=row.pos.to_string() prop:ariaSetSize=row.size.to_string()
            tabindex=move || if selected.get() && focused_folder.with(Option::is_none) { "0" } else { "-1" }
            aria-selected=move || selected.get().to_string()
            aria-controls="preview-panel"
            class:selected=move || selected.get()
            class:changed=move || changed.get()
            class:blocked=move || blocked.get()
            on:click=move |_| {
                focused_folder.set(None);
                state.selected.set(p4.clone());
            }>
            <span class="path">{row.name}</span>
            <Show when=move || changed.get()>
                <span class="badge" aria-hidden="true" title="changed by the last edit">"●"</span>
                <span class="visually-hidden">" (changed)"</span>
            </Show>
            <Show when=move || blocked.get()>
                <span class="badge error" aria-hidden="true" title="not generated: fix the errors">"!"</span>
                <span class="visually-hidden">" (not generated)"</span>
            </Show>
        </li>
    }
    .into_any()
}
