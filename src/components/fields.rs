//! Labelled inputs bound to one configuration path: the value comes from the config signal,
//! edits go through `AppState::edit`, and the engine's diagnostics for that path show below.
//! Text that cannot be stored (a port that is not a number) stays in the field with a message
//! instead of being lost.

use crate::browser::BrowserEntropy;
use crate::field_help;
use crate::state::{field_id, use_state};
use dockwright_engine::secret::Generator;
use dockwright_engine::{Config, Diagnostic};
use leptos::prelude::*;
use std::sync::Arc;

// The `*_input` functions are the one implementation of each kind of field; most fields reach
// them from the editor's tables (`form.rs`). The `*_field` helpers are thin generic shims for the
// few fields the tables cannot declare (rows keyed by two indexes or by an environment, test
// ids made from a service's name): they box their closures so the view code is not
// monomorphized per call site.
pub(crate) type Getter<T> = Arc<dyn Fn(&Config) -> T + Send + Sync>;
pub(crate) type Setter<T> = Arc<dyn Fn(&mut Config, T) + Send + Sync>;
pub(crate) type Parser = Arc<dyn Fn(&str) -> Option<u64> + Send + Sync>;

/// No `data-testid`.
pub fn no_tid() -> Signal<Option<String>> {
    Signal::stored(None)
}

/// Messages for `path`, announced politely to screen readers.
pub fn messages(path: String) -> AnyView {
    let state = use_state();
    messages_of(&path, state.diagnostics_at(path.clone()))
}

/// The block under a field: its help (`field_help.rs`: the label's tooltip, shown under every
/// field with "Help under every field", and read by screen readers as the input's description)
/// and its messages, whose diagnostics slice is `diagnostics`.
fn messages_of(path: &str, diagnostics: Signal<Vec<Diagnostic>>) -> AnyView {
    let field = field_id(path);
    let id = format!("{field}-msg");
    let help = field_help::help(path)
        .map(|text| view! { <p class="field-help" id=format!("{field}-help")>{text}</p> });
    view! {
        {help}
        <div class="field-msg" id=id aria-live="polite">
            {move || {
                diagnostics
                    .get()
                    .into_iter()
                    .map(|d| {
                        let class = if d.is_error() { "error" } else { "warning" };
                        view! { <p class=class>{d.message}</p> }
                    })
                    .collect_view()
            }}
        </div>
    }
    .into_any()
}

/// `aria-invalid` for a field: whether one of its diagnostics is an error.
fn invalid(diagnostics: Signal<Vec<Diagnostic>>) -> impl Fn() -> &'static str + Send + Sync {
    move || {
        if diagnostics.with(|ds| ds.iter().any(|d| d.is_error())) {
            "true"
        } else {
            "false"
        }
    }
}

pub fn text_field(
    label: &'static str,
    path: impl Into<String>,
    get: impl Fn(&Config) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Config, String) + Send + Sync + 'static,
) -> AnyView {
    text_field_with_id(label, path, no_tid(), get, set)
}

pub fn text_field_with_id(
    label: &'static str,
    path: impl Into<String>,
    testid: Signal<Option<String>>,
    get: impl Fn(&Config) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Config, String) + Send + Sync + 'static,
) -> AnyView {
    text_input(label, path.into(), testid, Arc::new(get), Arc::new(set))
}

pub(crate) fn text_input(
    label: &'static str,
    path: String,
    testid: Signal<Option<String>>,
    get: Getter<String>,
    set: Setter<String>,
) -> AnyView {
    let state = use_state();
    let id = field_id(&path);
    let value = state.slice(move |c| get(c));
    let diagnostics = state.diagnostics_at(path.clone());
    let key = path.clone();
    view! {
        <div class="field">
            <label for=id.clone() title=field_help::help(&path)>{label}</label>
            <input
                id=id.clone()
                type="text"
                data-testid=move || testid.get()
                spellcheck="false"
                autocomplete="off"
                aria-invalid=invalid(diagnostics)
                aria-describedby=format!("{id}-help {id}-msg")
                data-path=key.clone()
                prop:value=move || value.get()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    state.edit(&key, |c| set(c, v));
                }
            />
            {messages_of(&path, diagnostics)}
        </div>
    }
    .into_any()
}

/// An unsigned number; text that does not parse (or does not fit `N`) stays in the field
/// with a message.
pub fn number_field<N>(
    label: &'static str,
    path: impl Into<String>,
    testid: Signal<Option<String>>,
    get: impl Fn(&Config) -> Option<N> + Send + Sync + 'static,
    set: impl Fn(&mut Config, Option<N>) + Send + Sync + 'static,
    optional: bool,
) -> AnyView
where
    N: TryFrom<u64> + Into<u64> + Copy + Send + Sync + 'static,
{
    let get: Getter<Option<u64>> = Arc::new(move |c| get(c).map(Into::into));
    let parse: Parser = Arc::new(|t| {
        t.parse::<u64>()
            .ok()
            .and_then(|v| N::try_from(v).ok())
            .map(Into::into)
    });
    let set: Setter<Option<u64>> =
        Arc::new(move |c, v| set(c, v.and_then(|v| N::try_from(v).ok())));
    number_input(label, path.into(), testid, get, parse, set, optional)
}

pub(crate) fn number_input(
    label: &'static str,
    path: String,
    testid: Signal<Option<String>>,
    get: Getter<Option<u64>>,
    parse: Parser,
    set: Setter<Option<u64>>,
    optional: bool,
) -> AnyView {
    let state = use_state();
    let id = field_id(&path);
    let value = state.slice(move |c| get(c).map(|n| n.to_string()).unwrap_or_default());
    let diagnostics = state.diagnostics_at(path.clone());
    let draft: RwSignal<Option<String>> = RwSignal::new(None);
    let key = path.clone();
    let message_path = path.clone();
    let invalid_path = invalid(diagnostics);
    // A field that goes away (service switched off, row removed) takes its unread text along.
    let cleanup_key = path.clone();
    on_cleanup(move || state.set_input_error(&cleanup_key, None));
    let hint = if optional {
        "Leave empty for none."
    } else {
        ""
    };
    view! {
        <div class="field">
            <label for=id.clone() title=field_help::help(&path)>{label}</label>
            <input
                id=id.clone()
                type="text"
                inputmode="numeric"
                data-testid=move || testid.get()
                autocomplete="off"
                placeholder=if optional { "none" } else { "" }
                title=hint
                aria-invalid=invalid_path
                aria-describedby=format!("{id}-help {id}-msg")
                data-path=key.clone()
                prop:value=move || draft.get().unwrap_or_else(|| value.get())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let trimmed = text.trim();
                    if trimmed.is_empty() && optional {
                        draft.set(None);
                        state.set_input_error(&key, None);
                        state.edit(&key, |c| set(c, None));
                    } else if let Some(n) = parse(trimmed) {
                        draft.set(None);
                        state.set_input_error(&key, None);
                        state.edit(&key, |c| set(c, Some(n)));
                    } else {
                        let message = format!("{trimmed:?} is not a whole number in range (0-65535 for ports); the files still use the last valid value");
                        draft.set(Some(text));
                        state.set_input_error(&key, Some(message));
                    }
                }
            />
            // The unparsed text's message comes back through the diagnostics (input errors).
            {messages_of(&message_path, diagnostics)}
        </div>
    }
    .into_any()
}

pub fn checkbox(
    label: &'static str,
    path: impl Into<String>,
    testid: Signal<Option<String>>,
    get: impl Fn(&Config) -> bool + Send + Sync + 'static,
    set: impl Fn(&mut Config, bool) + Send + Sync + 'static,
) -> AnyView {
    check_input(label, path.into(), testid, Arc::new(get), Arc::new(set))
}

pub(crate) fn check_input(
    label: &'static str,
    path: String,
    testid: Signal<Option<String>>,
    get: Getter<bool>,
    set: Setter<bool>,
) -> AnyView {
    let state = use_state();
    let id = field_id(&path);
    let value = state.slice(move |c| get(c));
    let key = path.clone();
    view! {
        <div class="field check">
            <input
                id=id.clone()
                type="checkbox"
                data-testid=move || testid.get()
                aria-describedby=format!("{id}-help {id}-msg")
                data-path=key.clone()
                prop:checked=move || value.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    state.edit(&key, |c| set(c, on));
                }
            />
            <label for=id.clone() title=field_help::help(&path)>{label}</label>
            {messages(path)}
        </div>
    }
    .into_any()
}

/// A select over serde names of an enum (`options`: value, visible label).
pub fn select_field(
    label: &'static str,
    path: impl Into<String>,
    options: Vec<(&'static str, &'static str)>,
    get: impl Fn(&Config) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Config, String) + Send + Sync + 'static,
) -> AnyView {
    select_input(label, path.into(), options, Arc::new(get), Arc::new(set))
}

/// A select over every variant of a configuration enum (its `ALL`, written by its serde name
/// `name`), each shown with the editor's own `caption`.
pub fn choice_field<T: Copy + PartialEq + Send + Sync + 'static>(
    label: &'static str,
    path: impl Into<String>,
    all: &'static [T],
    name: fn(T) -> &'static str,
    caption: fn(T) -> &'static str,
    get: impl Fn(&Config) -> T + Send + Sync + 'static,
    set: impl Fn(&mut Config, T) + Send + Sync + 'static,
) -> AnyView {
    let options = all.iter().map(|v| (name(*v), caption(*v))).collect();
    select_input(
        label,
        path.into(),
        options,
        Arc::new(move |c: &Config| name(get(c)).to_string()),
        Arc::new(move |c: &mut Config, chosen: String| {
            if let Some(v) = all.iter().find(|v| name(**v) == chosen) {
                set(c, *v);
            }
        }),
    )
}

pub(crate) fn select_input(
    label: &'static str,
    path: String,
    options: Vec<(&'static str, &'static str)>,
    get: Getter<String>,
    set: Setter<String>,
) -> AnyView {
    let state = use_state();
    let id = field_id(&path);
    let value = state.slice(move |c| get(c));
    let key = path.clone();
    view! {
        <div class="field">
            <label for=id.clone() title=field_help::help(&path)>{label}</label>
            <select
                id=id.clone()
                aria-describedby=format!("{id}-help {id}-msg")
                data-path=key.clone()
                prop:value=move || value.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.edit(&key, |c| set(c, v));
                }
            >
                {options
                    .into_iter()
                    .map(|(v, l)| view! { <option value=v selected=move || value.get() == v>{l}</option> })
                    .collect_view()}
            </select>
            {messages(path)}
        </div>
    }
    .into_any()
}

/// A secret's value with a "Regenerate" button (CSPRNG in the browser).
pub(crate) fn secret_input(
    label: &'static str,
    path: String,
    get: Getter<String>,
    set: Setter<String>,
    generator: Getter<Option<Generator>>,
) -> AnyView {
    let state = use_state();
    let key = path.clone();
    let write = set.clone();
    view! {
        <div class="row secret">
            {text_input(label, path, no_tid(), get, write)}
            <button type="button" class="regen" aria-label=format!("Regenerate {label}")
                on:click=move |_| state.edit(&key, |c| {
                    let g = generator(c).unwrap_or_default();
                    set(c, g.generate(&mut BrowserEntropy));
                })>"Regenerate"</button>
        </div>
    }
    .into_any()
}

pub fn section(title: &'static str, id: &'static str, body: impl IntoView + 'static) -> AnyView {
    let body = body.into_any();
    view! {
        <details class="section" open=true id=id>
            <summary><h2>{title}</h2></summary>
            <div class="section-body">{body}</div>
        </details>
    }
    .into_any()
}
