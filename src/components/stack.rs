//! The stack picture and the environment comparison: what each environment's merged compose
//! files run, drawn by the engine (`dockwright_engine::stack`, the same model and SVG as
//! `dockwright stack --svg`) and compared side by side. Computed only while shown.

use crate::browser;
use crate::state::{use_state, Notice, NoticeKind};
use dockwright_engine::resolve::Resolved;
use dockwright_engine::stack::{self, compare, picture, Stack};
use leptos::prelude::*;

/// Every environment's stack of the current configuration.
fn stacks() -> Memo<Vec<Stack>> {
    let state = use_state();
    Memo::new(move |_| state.config.with(|c| stack::stacks(&Resolved::new(c))))
}

/// An environment picker over the stacks' labels (hidden for the single-file setup).
fn env_select(
    id: &'static str,
    label: &'static str,
    stacks: Memo<Vec<Stack>>,
    chosen: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <label class="env-pick" for=id>{label}
            <select id=id data-testid=id
                on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))
                prop:value=move || chosen.get().min(stacks.with(|s| s.len().saturating_sub(1))).to_string()>
                {move || stacks.with(|all| all.iter().enumerate().map(|(i, s)| {
                    let last = all.len().saturating_sub(1);
                    view! { <option value=i.to_string() selected=chosen.get_untracked().min(last) == i>{s.label()}</option> }
                }).collect_view())}
            </select>
        </label>
    }
}

/// The chosen stack, with the index kept in range when environments are removed.
fn chosen_stack(stacks: Memo<Vec<Stack>>, chosen: RwSignal<usize>) -> Memo<Option<Stack>> {
    Memo::new(move |_| {
        stacks.with(|all| {
            let i = chosen.get().min(all.len().saturating_sub(1));
            all.get(i).cloned()
        })
    })
}

pub fn stack_view() -> impl IntoView {
    let state = use_state();
    let stacks = stacks();
    let chosen = RwSignal::new(0usize);
    let shown = chosen_stack(stacks, chosen);
    let svg = Memo::new(move |_| {
        shown.with(|s| {
            s.as_ref().map(|s| {
                state
                    .config
                    .with_untracked(|c| picture::render(s, &c.project.name))
            })
        })
    });
    let download = move |_| {
        let (Some(text), Some(s)) = (svg.get_untracked(), shown.get_untracked()) else {
            return;
        };
        let name = format!("stack-{}.svg", s.label().replace(' ', "-"));
        if let Err(e) = browser::download(text.as_bytes(), &name, "image/svg+xml") {
            state.notice.set(Some(Notice {
                kind: NoticeKind::Error,
                text: format!("Download failed: {e}"),
            }));
        }
    };
    view! {
        <section class="stack-view" aria-labelledby="stack-heading" data-testid="stack-view">
            <header class="viewer-head">
                <h2 id="stack-heading" class="viewer-title">"What each environment runs"</h2>
                <div class="viewer-actions">
                    {env_select("stack-env", "Environment ", stacks, chosen)}
                    <button type="button" data-testid="download-stack" on:click=download>"Download SVG"</button>
                </div>
            </header>
            <div class="stack-picture" data-testid="stack-picture" tabindex="0" role="region" aria-label="Stack picture" inner_html=move || svg.get().unwrap_or_default()></div>
            <h3 id="stack-list-heading">"The same, as a list"</h3>
            <ul class="stack-facts" data-testid="stack-facts" aria-labelledby="stack-list-heading">
                {move || shown.with(|s| s.as_ref().map(picture::facts).unwrap_or_default()).into_iter().map(|(head, lines)| view! {
                    <li><strong>{head}</strong><ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

pub fn compare_view() -> impl IntoView {
    let stacks = stacks();
    let left = RwSignal::new(0usize);
    // The last environment (prod, most often) against the first (dev).
    let right = RwSignal::new(usize::MAX);
    let only_differences = RwSignal::new(false);
    let (l, r) = (chosen_stack(stacks, left), chosen_stack(stacks, right));
    let comparison = Memo::new(move |_| match (l.get(), r.get()) {
        (Some(a), Some(b)) => Some(compare::compare(&a, &b)),
        _ => None,
    });
    let cell = |values: Vec<String>| {
        if values.is_empty() {
            view! { <td class="unset">"not set"</td> }.into_any()
        } else {
            view! { <td>{values.into_iter().map(|v| view! { <div>{v}</div> }).collect_view()}</td> }
                .into_any()
        }
    };
    view! {
        <section class="compare-view" aria-labelledby="compare-heading" data-testid="compare-view">
            <header class="viewer-head">
                <h2 id="compare-heading" class="viewer-title">"Environments side by side"</h2>
                <div class="viewer-actions">
                    {env_select("compare-left", "Left ", stacks, left)}
                    {env_select("compare-right", "Right ", stacks, right)}
                    <label class="merged-toggle"><input type="checkbox" data-testid="only-differences"
                        prop:checked=move || only_differences.get()
                        on:change=move |ev| only_differences.set(event_target_checked(&ev))/>"Only differences"</label>
                </div>
            </header>
            <p class="compare-summary" data-testid="compare-summary" role="status">{move || comparison.with(|c| c.as_ref().map(|c| {
                let services = c.services.iter().filter(|s| s.differs).count();
                let settings: usize = c.services.iter().map(|s| s.rows.iter().filter(|r| r.differs).count()).sum();
                format!("{services} of {} services differ between {} and {} ({settings} settings).", c.services.len(), c.left, c.right)
            }))}</p>
            <Show when=move || stacks.with(|s| s.len() < 2)>
                <p class="hint">"There is one environment: add another under Project to compare them."</p>
            </Show>
            {move || comparison.get().map(|c| {
                let only = only_differences.get();
                c.services.into_iter().filter(|s| !only || s.differs).map(|s| {
                    let caption = match (&s.left_name, &s.right_name) {
                        (Some(_), None) => format!("{} (only in {})", s.role, c.left),
                        (None, Some(_)) => format!("{} (only in {})", s.role, c.right),
                        _ => s.role.clone(),
                    };
                    view! {
                        <table class="compare" data-testid="compare-service" data-service=s.role.clone() class:differs=s.differs>
                            <caption>{caption}</caption>
                            <thead><tr><th scope="col">"Setting"</th><th scope="col">{c.left.clone()}</th><th scope="col">{c.right.clone()}</th></tr></thead>
                            <tbody>{s.rows.into_iter().filter(|r| !only || r.differs).map(|row| view! {
                                <tr class:differs=row.differs data-key=row.key.clone()>
                                    <th scope="row">{row.key.clone()}{row.differs.then_some(view! { <span class="mark">" ≠"</span><span class="visually-hidden">" (differs)"</span> })}</th>
                                    {cell(row.left)}
                                    {cell(row.right)}
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }
                }).collect_view()
            })}
        </section>
    }
}
