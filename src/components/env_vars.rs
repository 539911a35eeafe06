//! Environment variables section: add, remove, reorder; value or default, required, secret
//! with a generator (regenerate in place), section and comment, target services and templates.

use super::fields::*;
use super::form::*;
use crate::browser::BrowserEntropy;
use crate::state::use_state;
use dockwright_engine::config::*;
use dockwright_engine::secret::{Generator, SecretEncoding};
use leptos::prelude::*;

fn mode_label(m: EnvMode) -> &'static str {
    match m {
        EnvMode::Default => "default (${NAME:-value})",
        EnvMode::Required => "required (${NAME:?})",
        EnvMode::Fixed => "fixed in compose",
    }
}

fn var<T: Default>(c: &Config, i: usize, f: impl Fn(&EnvVar) -> T) -> T {
    c.env.get(i).map(f).unwrap_or_default()
}

fn var_mut(c: &mut Config, i: usize, f: impl FnOnce(&mut EnvVar)) {
    if let Some(v) = c.env.get_mut(i) {
        f(v);
    }
}

/// A field of the variable in row `#`: `var_field!(Text, "Section", section)`.
macro_rules! var_field {
    (Text, $label:literal, $f:ident) => {
        var_field!(@ $label, $f, None, Input::Text(|c, i| var(c, i, |v| v.$f.clone()), |c, i, s| var_mut(c, i, |v| v.$f = s)))
    };
    (Text, $label:literal, $f:ident, $testid:literal) => {
        var_field!(@ $label, $f, Some($testid), Input::Text(|c, i| var(c, i, |v| v.$f.clone()), |c, i, s| var_mut(c, i, |v| v.$f = s)))
    };
    (List, $label:literal, $f:ident) => {
        var_field!(@ $label, $f, None, Input::List(|c, i| var(c, i, |v| v.$f.clone()), |c, i, s| var_mut(c, i, |v| v.$f = s)))
    };
    (Check, $label:literal, $f:ident) => {
        var_field!(@ $label, $f, None, Input::Check(|c, i| var(c, i, |v| v.$f), |c, i, on| var_mut(c, i, |v| v.$f = on)))
    };
    (@ $label:literal, $f:ident, $testid:expr, $input:expr) => {
        table_field!($label, concat!("env[#].", stringify!($f)), $testid, $input)
    };
}

/// A variable's compact row: its name and value.
pub static HEAD: &[Item] = &[
    var_field!(Text, "Name", name, "env-name-#"),
    var_field!(Text, "Value", value, "env-value-#"),
];

/// A variable's details, built when opened.
pub static DETAILS: &[Item] = &[
    Item::Row(&[
        Item::When(|c, i| var(c, i, |v| v.secret), &[Item::View(regenerate)]),
        Item::Field(Field {
            label: "Mode",
            path: "env[#].mode",
            testid: None,
            input: Input::Choice {
                options: || {
                    EnvMode::ALL
                        .iter()
                        .map(|m| (m.as_str(), mode_label(*m)))
                        .collect()
                },
                get: |c, i| c.env.get(i).map_or(EnvMode::Default, |v| v.mode).as_str(),
                set: |c, i, name| {
                    if let Some(mode) = pick(&EnvMode::ALL, EnvMode::as_str, name) {
                        var_mut(c, i, |v| v.mode = mode)
                    }
                },
            },
        }),
        Item::Field(Field {
            label: "Secret",
            path: "env[#].secret",
            testid: Some("env-secret-#"),
            input: Input::Check(
                |c, i| var(c, i, |v| v.secret),
                |c, i, on| {
                    var_mut(c, i, |v| {
                        v.secret = on;
                        // A fixed value would put the secret in the compose file.
                        if on && v.mode == EnvMode::Fixed {
                            v.mode = EnvMode::Required;
                        }
                    })
                },
            ),
        }),
        Item::When(
            |c, i| var(c, i, |v| v.secret),
            &[
                Item::Field(Field {
                    label: "Generator",
                    path: "env[#].generator",
                    testid: None,
                    input: Input::Choice {
                        options: || {
                            vec![
                                ("", "none (paste a value)"),
                                ("hex", "hex"),
                                ("base64", "base64"),
                            ]
                        },
                        get: |c, i| var(c, i, |v| v.generator.map_or("", |g| g.encoding.as_str())),
                        set: |c, i, name| {
                            let encoding = pick(&SecretEncoding::ALL, SecretEncoding::as_str, name);
                            var_mut(c, i, |v| {
                                v.generator = encoding.map(|encoding| Generator {
                                    encoding,
                                    ..v.generator.unwrap_or_default()
                                })
                            })
                        },
                    },
                }),
                // Only with a generator: without one there are no bytes to count.
                Item::When(
                    |c, i| var(c, i, |v| v.generator.is_some()),
                    &[Item::Field(Field {
                        label: "Random bytes",
                        path: "env[#].generator.bytes",
                        testid: None,
                        input: Input::Number {
                            get: |c, i| {
                                c.env
                                    .get(i)
                                    .and_then(|v| v.generator)
                                    .map(|g| u64::from(g.bytes))
                            },
                            set: |c, i, bytes| {
                                var_mut(c, i, |v| {
                                    if let (Some(g), Some(b)) = (
                                        v.generator.as_mut(),
                                        bytes.and_then(|b| u16::try_from(b).ok()),
                                    ) {
                                        g.bytes = b
                                    }
                                })
                            },
                            max: u16::MAX as u64,
                            optional: false,
                        },
                    })],
                ),
            ],
        ),
    ]),
    Item::When(
        |c, i| !var(c, i, |v| v.secret),
        &[Item::View(|i| per_environment(i).into_any())],
    ),
    Item::Row(&[
        var_field!(Text, "Section", section),
        var_field!(Text, "Comment", comment),
    ]),
    Item::Row(&[
        var_field!(List, "Services (empty: the app)", services),
        var_field!(Check, ".env.example", in_example),
        var_field!(Check, ".env.production.example", in_production),
    ]),
    Item::View(actions),
];

/// One variable: a compact row (name, value, what kind it is) with its details on expand,
/// so 40 variables stay a short table instead of a 20,000 px page. Details open by themselves
/// for a new variable and while one of their fields has a problem.
fn one(i: usize) -> impl IntoView {
    let state = use_state();
    let name = state.slice(move |c| var(c, i, |v| v.name.clone()));
    let secret = state.slice(move |c| var(c, i, |v| v.secret));
    let required = state.slice(move |c| var(c, i, |v| v.mode == EnvMode::Required));
    let opened = RwSignal::new(name.get_untracked().starts_with("NEW_VARIABLE"));
    let own = [format!("env[{i}].name"), format!("env[{i}].value")];
    let prefix = format!("env[{i}].");
    let detail_problem = state.diagnostic_slice(move |index| index.any_under(&prefix, &own));
    let open = move || opened.get() || detail_problem.get();
    let panel = format!("env-details-{i}-panel");
    view! {
        <article class="card env" class:collapsed=move || !open() aria-label=move || format!("Variable {}", name.get())>
            <div class="row env-head">
                {items_at(HEAD, i)}
                <span class="tags" aria-hidden="true">
                    {move || secret.get().then_some(view! { <span class="tag">"secret"</span> })}
                    {move || required.get().then_some(view! { <span class="tag">"required"</span> })}
                </span>
                <button type="button" class="expand" data-testid=format!("env-details-{i}") aria-controls=panel.clone()
                    aria-expanded=move || open().to_string() on:click=move |_| opened.set(!open())>
                    <span aria-hidden="true">{move || if open() { "▾ " } else { "▸ " }}</span>
                    {move || if open() { "Less" } else { "More" }}
                    <span class="visually-hidden">{move || format!(" about {}", name.get())}</span>
                </button>
            </div>
            <div class="env-details" id=panel hidden=move || !open()>
                // Built when opened: 40 variables would otherwise mount ~500 hidden fields.
                <Show when=open>{move || items_at(DETAILS, i)}</Show>
            </div>
        </article>
    }
}

/// A secret variable's "Regenerate" button (CSPRNG in the browser).
fn regenerate(i: usize) -> AnyView {
    let state = use_state();
    let name = state.slice(move |c| var(c, i, |v| v.name.clone()));
    view! {
        <button type="button" class="regen" aria-label=move || format!("Regenerate {}", name.get())
            on:click=move |_| state.edit(&format!("env[{i}].value"), |c| var_mut(c, i, |v| {
                let g = v.generator.unwrap_or_default();
                v.generator = Some(g);
                v.value = g.generate(&mut BrowserEntropy);
            }))>"Regenerate"</button>
    }
    .into_any()
}

/// Moving a variable up or down, and removing it.
fn actions(i: usize) -> AnyView {
    let state = use_state();
    let name = state.slice(move |c| var(c, i, |v| v.name.clone()));
    let count = state.slice(move |c| c.env.len());
    view! {
        <div class="row actions">
            <button type="button" disabled=move || i == 0 aria-label=move || format!("Move {} up", name.get())
                on:click=move |_| state.edit("env.order", |c| if i > 0 && i < c.env.len() { c.env.swap(i - 1, i) })>"↑ Up"</button>
            <button type="button" disabled=move || { i + 1 >= count.get() } aria-label=move || format!("Move {} down", name.get())
                on:click=move |_| state.edit("env.order", |c| if i + 1 < c.env.len() { c.env.swap(i, i + 1) })>"↓ Down"</button>
            <button type="button" class="danger" aria-label=move || format!("Remove {}", name.get())
                on:click=move |_| state.edit("env", |c| { if i < c.env.len() { c.env.remove(i); } })>"Remove"</button>
        </div>
    }
    .into_any()
}

/// The environments that can hold their own value: staging when the project has it, prod when
/// some file is production (a prod environment, one production file, or render.yaml).
fn override_envs(c: &Config) -> Vec<EnvName> {
    let envs = &c.project.environments;
    let mut out = Vec::new();
    if envs.contains(&EnvName::Staging) {
        out.push(EnvName::Staging);
    }
    if envs.contains(&EnvName::Prod) || envs.is_empty() || c.project.render_blueprint {
        out.push(EnvName::Prod);
    }
    out
}

/// What the variable holds in staging and production: the same value, its own, or none (set
/// by whoever deploys). A localhost URL must not reach a server unnoticed; the warning about
/// one sits on the production choice.
fn per_environment(i: usize) -> impl IntoView {
    let state = use_state();
    let envs = state.slice(override_envs);
    view! {
        <div class="row per-env">
            <For each=move || envs.get() key=|e| *e let:env>
                {
                    let label: &'static str = match env {
                        EnvName::Prod => "Production value",
                        _ => "Staging value",
                    };
                    let own = state.slice(move |c| var(c, i, |v| matches!(v.per_env.get(&env), Some(EnvOverride::Value(_)))));
                    let own_label: &'static str = match env {
                        EnvName::Prod => "Value in production",
                        _ => "Value in staging",
                    };
                    view! {
                        {select_field(label, format!("env[{i}].per_env.{}", env.as_str()),
                            vec![("same", "same as Value"), ("own", "its own value"), ("deploy", "none: set at deploy")],
                            move |c| var(c, i, |v| match v.per_env.get(&env) {
                                None => "same".to_string(),
                                Some(EnvOverride::Value(_)) => "own".to_string(),
                                Some(EnvOverride::SetAtDeploy) => "deploy".to_string(),
                            }),
                            move |c, choice| var_mut(c, i, |v| match choice.as_str() {
                                "own" => {
                                    let start = match v.per_env.get(&env) {
                                        Some(EnvOverride::Value(text)) => text.clone(),
                                        _ => String::new(),
                                    };
                                    v.per_env.insert(env, EnvOverride::Value(start));
                                }
                                "deploy" => { v.per_env.insert(env, EnvOverride::SetAtDeploy); }
                                _ => { v.per_env.remove(&env); }
                            }))}
                        <Show when=move || own.get()>
                            {text_field(own_label, format!("env[{i}].per_env.{}.value", env.as_str()),
                                move |c| var(c, i, |v| match v.per_env.get(&env) { Some(EnvOverride::Value(t)) => t.clone(), _ => String::new() }),
                                move |c, text| var_mut(c, i, |v| { v.per_env.insert(env, EnvOverride::Value(text)); }))}
                        </Show>
                    }
                }
            </For>
        </div>
    }
}

pub fn env_section() -> impl IntoView {
    let state = use_state();
    let count = state.slice(move |c| c.env.len());
    section(
        "Environment variables",
        "section-env",
        view! {
            <p class="hint">"Database, Redis and admin variables are managed for you; add the app's own here."</p>
            <For each=move || 0..count.get() key=|i| *i let:i>
                {one(i)}
            </For>
            <button type="button" data-testid="env-add" on:click=move |_| {
                state.edit("env", |c| {
                    let mut v = EnvVar::default();
                    let mut n = 1;
                    while c.env.iter().any(|e| e.name == v.name) {
                        n += 1;
                        v.name = format!("NEW_VARIABLE_{n}");
                    }
                    c.env.push(v);
                });
                // Focus goes to the new row's name, where typing continues.
                let new_row = state.config.with_untracked(|c| c.env.len() - 1);
                crate::browser::focus_soon(crate::state::field_id(&format!("env[{new_row}].name")));
            }>"Add variable"</button>
        },
    )
}
