//! The stack picture and the environment comparison: what each environment's merged compose
//! files run, drawn by the engine (`dockwright_engine::stack`, the same model and SVG as
//! `dockwright stack --svg`) and compared side by side. Computed only while shown.

use crate::browser;
use crate::markup::{el, text, Node};
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
    let facts_ref = NodeRef::<leptos::html::Ul>::new();
    let mut view = browser::MarkupView::default();
    Effect::new(move |_| {
        let Some(target) = facts_ref.get() else {
            return;
        };
        let nodes = shown.with(|s| s.as_ref().map(facts_nodes).unwrap_or_default());
        view.show(&target, nodes);
    });
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
            <ul class="stack-facts" data-testid="stack-facts" aria-labelledby="stack-list-heading" node_ref=facts_ref></ul>
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
    let tables_ref = NodeRef::<leptos::html::Div>::new();
    let mut view = browser::MarkupView::default();
    Effect::new(move |_| {
        let Some(target) = tables_ref.get() else {
            return;
        };
        let only = only_differences.get();
        let nodes = comparison.with(|c| {
            c.as_ref()
                .map(|c| comparison_nodes(c, only))
                .unwrap_or_default()
        });
        view.show(&target, nodes);
    });
    view! {
        <section class="compare-view" aria-labelledby="compare-heading" data-testid="compare-view">
            <header class="viewer-head">
                <h2 id="compare-heading" class="viewer-title">"Environments side by side"</h2>
                <div class="viewer-actions">
                    {env_select("compare-left", "Left ", stacks, left)}
                    {env_select("compare-right", "Right ", stacks, right)}
                    {super::preview::toggle("only-differences", "Only differences", only_differences)}
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
            <div node_ref=tables_ref></div>
        </section>
    }
}

/// The stack's facts as a list: a service (or volume) per item, its facts under it.
fn facts_nodes(stack: &Stack) -> Vec<Node> {
    stack::facts::list(stack)
        .into_iter()
        .map(|(head, lines)| {
            el(
                "li",
                vec![
                    el("strong", vec![text(head)]),
                    el(
                        "ul",
                        lines.into_iter().map(|l| el("li", vec![text(l)])).collect(),
                    ),
                ],
            )
        })
        .collect()
}

/// One table per service: each setting with its value on both sides, differences marked (in
/// words too, for screen readers); `only`: just the differing services and settings.
fn comparison_nodes(c: &compare::Comparison, only: bool) -> Vec<Node> {
    let cell = |values: &[String]| {
        if values.is_empty() {
            el("td", vec![text("not set")]).attr("class", "unset")
        } else {
            el(
                "td",
                values
                    .iter()
                    .map(|v| el("div", vec![text(v.clone())]))
                    .collect(),
            )
        }
    };
    c.services
        .iter()
        .filter(|s| !only || s.differs)
        .map(|s| {
            let caption = match (&s.left_name, &s.right_name) {
                (Some(_), None) => format!("{} (only in {})", s.role, c.left),
                (None, Some(_)) => format!("{} (only in {})", s.role, c.right),
                _ => s.role.clone(),
            };
            let rows = s
                .rows
                .iter()
                .filter(|r| !only || r.differs)
                .map(|r| {
                    let mut key = vec![text(r.key.clone())];
                    if r.differs {
                        key.push(
                            el("span", vec![text(" ≠")])
                                .attr("class", "mark")
                                .attr("aria-hidden", "true"),
                        );
                        key.push(
                            el("span", vec![text(" (differs)")]).attr("class", "visually-hidden"),
                        );
                    }
                    el(
                        "tr",
                        vec![
                            el("th", key).attr("scope", "row"),
                            cell(&r.left),
                            cell(&r.right),
                        ],
                    )
                    .attr("data-key", r.key.clone())
                    .attr_if(r.differs, "class", "differs")
                })
                .collect();
            let head = el(
                "tr",
                [("Setting"), (c.left.as_str()), (c.right.as_str())]
                    .into_iter()
                    .map(|h| el("th", vec![text(h)]).attr("scope", "col"))
                    .collect(),
            );
            el(
                "table",
                vec![
                    el("caption", vec![text(caption)]),
                    el("thead", vec![head]),
                    el("tbody", rows),
                ],
            )
            .attr(
                "class",
                if s.differs {
                    "compare differs"
                } else {
                    "compare"
                },
            )
            .attr("data-testid", "compare-service")
            .attr("data-service", s.role.clone())
        })
        .collect()
}
