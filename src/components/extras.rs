//! Extra services section: any service run from an image, with ports, environment, volumes,
//! healthcheck, dependencies and the environments it runs in.

use super::fields::*;
use super::form::*;
use crate::browser;
use crate::state::{field_id, use_state};
use dockwright_engine::config::*;
use dockwright_engine::validate::{first_free_host_port, holds_literal_secret};
use leptos::prelude::*;

fn bind_label(b: Bind) -> &'static str {
    match b {
        Bind::Loopback => "127.0.0.1 (this machine)",
        Bind::All => "all interfaces (network)",
    }
}

fn extra<T: Default>(c: &Config, i: usize, f: impl Fn(&ExtraService) -> T) -> T {
    c.extra_services.get(i).map(f).unwrap_or_default()
}

fn extra_mut(c: &mut Config, i: usize, f: impl FnOnce(&mut ExtraService)) {
    if let Some(s) = c.extra_services.get_mut(i) {
        f(s);
    }
}

fn ports(i: usize) -> impl IntoView {
    let state = use_state();
    let count = state.slice(move |c| extra(c, i, |s| s.ports.len()));
    let name = state.slice(move |c| extra(c, i, |s| s.name.clone()));
    view! {
        <fieldset class="group">
            <legend>"Ports"</legend>
            <For each=move || 0..count.get() key=|j| *j let:j>
                <div class="row">
                    {
                        let suffix = move || if j == 0 { String::new() } else { format!("-{j}") };
                        number_field("Host port", format!("extra_services[{i}].ports[{j}].host"),
                            Signal::derive(move || Some(format!("port-{}-host{}", name.get(), suffix()))),
                            move |c| c.extra_services.get(i).and_then(|s| s.ports.get(j)).map(|p| p.host),
                            move |c, v: Option<u16>| extra_mut(c, i, |s| if let Some(p) = s.ports.get_mut(j) { p.host = v.unwrap_or(0) }), false)
                    }
                    {
                        let suffix = move || if j == 0 { String::new() } else { format!("-{j}") };
                        number_field("Container port", format!("extra_services[{i}].ports[{j}].container"),
                            Signal::derive(move || Some(format!("port-{}-container{}", name.get(), suffix()))),
                            move |c| c.extra_services.get(i).and_then(|s| s.ports.get(j)).map(|p| p.container),
                            move |c, v: Option<u16>| extra_mut(c, i, |s| if let Some(p) = s.ports.get_mut(j) { p.container = v.unwrap_or(0) }), false)
                    }
                    {choice_field("Listen on", format!("extra_services[{i}].ports[{j}].bind"), &Bind::ALL, Bind::as_str, bind_label,
                        move |c| c.extra_services.get(i).and_then(|s| s.ports.get(j)).map_or(Bind::Loopback, |p| p.bind),
                        move |c, bind| extra_mut(c, i, |s| if let Some(p) = s.ports.get_mut(j) { p.bind = bind }))}
                    <button type="button" class="icon" aria-label=format!("Remove port mapping {}", j + 1)
                        on:click=move |_| state.edit("extra_services.ports", |c| extra_mut(c, i, |s| { if j < s.ports.len() { s.ports.remove(j); } }))>"✕"</button>
                </div>
            </For>
            <button type="button" on:click=move |_| state.edit("extra_services.ports", |c| {
                let next = first_free_host_port(c, 9000);
                extra_mut(c, i, |s| s.ports.push(PortMapping { host: next, container: next, bind: Bind::Loopback }))
            })>"Add port"</button>
        </fieldset>
    }
}

/// One button per `KEY=value` that holds a credential: it becomes a secret variable for this
/// service (value in .env, out of compose and of share links).
fn secret_offers(i: usize) -> impl IntoView {
    let state = use_state();
    let keys = state.slice(move |c| {
        extra(c, i, |s| {
            s.environment
                .iter()
                .filter(|kv| holds_literal_secret(kv))
                .map(|kv| kv.key.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <For each=move || keys.get() key=|k| k.clone() let:key>
            {
                let label = format!("Make {key} a secret");
                view! {
                    <button type="button" class="link" data-testid=format!("make-secret-{key}")
                        on:click=move |_| state.edit("env", |c| { c.make_extra_env_secret(i, &key); })>{label}</button>
                }
            }
        </For>
    }
}

/// A text field of the extra service in row `#`.
macro_rules! extra_text {
    ($label:literal, $f:ident) => {
        table_field!(
            $label,
            concat!("extra_services[#].", stringify!($f)),
            None,
            Input::Text(
                |c, i| extra(c, i, |s| s.$f.clone()),
                |c, i, v| extra_mut(c, i, |s| s.$f = v),
            )
        )
    };
}

/// An optional command of the extra service in row `#` (`Option<String>`, blank for none).
macro_rules! extra_command {
    ($label:literal, $f:ident) => {
        table_field!(
            $label,
            concat!("extra_services[#].", stringify!($f)),
            None,
            Input::Text(
                |c, i| extra(c, i, |s| s.$f.clone().unwrap_or_default()),
                |c, i, v| extra_mut(c, i, |s| s.$f = (!v.trim().is_empty()).then_some(v)),
            )
        )
    };
}

/// An extra service's fields after its switch (ports and credential offers in between).
pub static SERVICE: &[Item] = &[
    Item::Row(&[
        Item::Field(Field {
            label: "Service name",
            path: "extra_services[#].name",
            testid: None,
            input: Input::Text(
                |c, i| extra(c, i, |s| s.name.clone()),
                |c, i, v| {
                    // What depended on the service keeps depending on it under its new name.
                    let old = extra(c, i, |s| s.name.clone());
                    c.rename_service_references(&old, &v);
                    extra_mut(c, i, |s| s.name = v)
                },
            ),
        }),
        extra_text!("Image", image),
    ]),
    extra_command!("Command (optional)", command),
    Item::View(|i| ports(i).into_any()),
    Item::Field(Field {
        label: "Environment (KEY=value; separated by ;)",
        path: "extra_services[#].environment",
        testid: None,
        input: Input::Text(
            |c, i| {
                extra(c, i, |s| {
                    s.environment
                        .iter()
                        .map(|kv| format!("{}={}", kv.key, kv.value))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
            },
            |c, i, v| {
                extra_mut(c, i, |s| {
                    s.environment = v
                        .split(';')
                        .filter_map(|part| {
                            let (k, val) = part.trim().split_once('=')?;
                            Some(KeyValue {
                                key: k.trim().to_string(),
                                value: val.to_string(),
                            })
                        })
                        .collect()
                })
            },
        ),
    }),
    Item::View(|i| secret_offers(i).into_any()),
    Item::Field(Field {
        label: "Volumes (source:/target, comma-separated)",
        path: "extra_services[#].volumes",
        testid: None,
        input: Input::List(
            |c, i| {
                extra(c, i, |s| {
                    s.volumes
                        .iter()
                        .map(|v| format!("{}:{}", v.source, v.target))
                        .collect()
                })
            },
            |c, i, v| {
                extra_mut(c, i, |s| {
                    s.volumes = v
                        .iter()
                        .filter_map(|m| {
                            let (source, target) = m.split_once(':')?;
                            Some(VolumeMount {
                                source: source.to_string(),
                                target: target.to_string(),
                            })
                        })
                        .collect()
                })
            },
        ),
    }),
    extra_command!("Healthcheck command (optional)", healthcheck),
    Item::Field(Field {
        label: "Depends on (comma-separated)",
        path: "extra_services[#].depends_on",
        testid: None,
        input: Input::List(
            |c, i| extra(c, i, |s| s.depends_on.clone()),
            |c, i, v| extra_mut(c, i, |s| s.depends_on = v),
        ),
    }),
    Item::Field(Field {
        label: "Only in environments (empty: all)",
        path: "extra_services[#].only_in",
        testid: None,
        input: Input::List(
            |c, i| {
                extra(c, i, |s| {
                    s.only_in.iter().map(|e| e.as_str().to_string()).collect()
                })
            },
            |c, i, v| {
                extra_mut(c, i, |s| {
                    s.only_in = v
                        .iter()
                        .filter_map(|n| pick(&EnvName::ALL, EnvName::as_str, n))
                        .collect()
                })
            },
        ),
    }),
];

fn one(i: usize) -> impl IntoView {
    let state = use_state();
    let name = state.slice(move |c| extra(c, i, |s| s.name.clone()));
    view! {
        <article class="card" aria-label=move || format!("Extra service {}", name.get())>
            <div class="row">
                {checkbox("Enabled", format!("extra_services[{i}].enabled"), Signal::derive(move || Some(format!("service-toggle-{}", name.get()))),
                    move |c| extra(c, i, |s| s.enabled), move |c, v| extra_mut(c, i, |s| s.enabled = v))}
                <button type="button" class="danger" on:click=move |_| state.edit("extra_services", |c| { if i < c.extra_services.len() { c.extra_services.remove(i); } })>
                    {move || format!("Remove {}", name.get())}
                </button>
            </div>
            {items_at(SERVICE, i)}
        </article>
    }
}

pub fn extras_section() -> impl IntoView {
    let state = use_state();
    let count = state.slice(move |c| c.extra_services.len());
    section(
        "Extra services",
        "section-extras",
        view! {
            <For each=move || 0..count.get() key=|i| *i let:i>
                {one(i)}
            </For>
            <button type="button" data-testid="extra-add" on:click=move |_| {
                state.edit("extra_services", |c| {
                    let mut s = ExtraService::default();
                    let mut n = 1;
                    while c.enabled_service_names().contains(&s.name) {
                        n += 1;
                        s.name = format!("mailpit{n}");
                    }
                    // The next free host port, so a second service does not clash with the first.
                    let host = first_free_host_port(c, 8025);
                    s.ports.push(PortMapping { host, container: 8025, bind: Bind::Loopback });
                    s.only_in = c.project.environments.iter().copied().filter(|e| *e == EnvName::Dev).collect();
                    c.extra_services.push(s);
                });
                let new_row = state.config.with_untracked(|c| c.extra_services.len() - 1);
                browser::focus_soon(field_id(&format!("extra_services[{new_row}].name")));
            }>"Add service"</button>
        },
    )
}
