//! The editor as data: a section's fields are a static table of [`Item`]s (label, the field's
//! configuration path, and plain `fn` getters and setters), rendered by one function.
//!
//! Why: written as view code, every field was its own pair of closures behind `Arc<dyn Fn>`
//! (vtable, drop glue, call shims) and every section its own nested view type with its own
//! build, mount and rebuild code: ~120 KB gzip for the editor (docs/PERFORMANCE.md). As data,
//! a field is two small functions and a few words of static memory, and there is one view
//! type for all of them.
//!
//! The macros (`text!`, `check!`, …) take the field as a place expression (`app.node_version`)
//! and write its path from the same tokens, so the path the editor reports and the value it
//! edits cannot drift apart.
//!
//! Rows of a list (a variable, an extra service) are tables too: getters and setters take the
//! row's index, and `#` in a path or test id stands for it (`env[#].section`).

use super::fields::{check_input, messages, number_input, secret_input, select_input, text_input};
use crate::state::use_state;
use dockwright_engine::secret::Generator;
use dockwright_engine::Config;
use leptos::prelude::*;
use std::sync::Arc;

/// Reads one value of the configuration (of the row at the index, for a list's rows).
pub type GetFn<T> = fn(&Config, usize) -> T;
/// Writes one value of the configuration (of the row at the index, for a list's rows).
pub type SetFn<T> = fn(&mut Config, usize, T);

/// What kind of input a field is, with its getter and setter.
pub enum Input {
    Text(GetFn<String>, SetFn<String>),
    /// Words separated by commas.
    List(GetFn<Vec<String>>, SetFn<Vec<String>>),
    /// A whole number up to `max`; `optional` fields may be left empty (`None`).
    Number {
        get: GetFn<Option<u64>>,
        set: SetFn<Option<u64>>,
        max: u64,
        optional: bool,
    },
    Check(GetFn<bool>, SetFn<bool>),
    /// One of `options()` (serde name, caption).
    Choice {
        options: fn() -> Vec<(&'static str, &'static str)>,
        get: GetFn<&'static str>,
        set: fn(&mut Config, usize, &str),
    },
    /// A secret's value with a "Regenerate" button (CSPRNG in the browser).
    Secret {
        get: GetFn<String>,
        set: SetFn<String>,
        generator: GetFn<Option<Generator>>,
    },
}

/// One labelled field bound to `path`.
pub struct Field {
    pub label: &'static str,
    pub path: &'static str,
    pub testid: Option<&'static str>,
    pub input: Input,
}

/// A piece of a section's layout.
pub enum Item {
    Field(Field),
    /// Fields side by side.
    Row(&'static [Item]),
    /// A fieldset with its legend.
    Group(&'static str, &'static [Item]),
    /// Mounted only while the condition holds (options of an option).
    When(GetFn<bool>, &'static [Item]),
    /// Always mounted, hidden while the condition does not hold: a switched-off service's
    /// fields keep their state and are not rebuilt when it is switched back on.
    Shown(GetFn<bool>, &'static [Item]),
    /// The engine's messages for a path that has no field of its own.
    Messages(&'static str),
    /// Anything the table cannot say (lists of rows, one-off buttons), given the row's index.
    View(fn(usize) -> AnyView),
}

/// Renders a section's items.
pub fn items(list: &'static [Item]) -> AnyView {
    items_at(list, 0)
}

/// Renders the items of the row at `row` of a list.
pub fn items_at(list: &'static [Item], row: usize) -> AnyView {
    list.iter()
        .map(|it| item(it, row))
        .collect_view()
        .into_any()
}

fn item(it: &'static Item, row: usize) -> AnyView {
    match it {
        Item::Field(f) => field(f, row),
        Item::Row(list) => view! { <div class="row">{items_at(list, row)}</div> }.into_any(),
        Item::Group(legend, list) => view! {
            <fieldset class="group"><legend>{*legend}</legend>{items_at(list, row)}</fieldset>
        }
        .into_any(),
        Item::When(cond, list) => {
            let on = condition(*cond, row);
            view! { <Show when=move || on.get()>{items_at(list, row)}</Show> }.into_any()
        }
        Item::Shown(cond, list) => {
            let on = condition(*cond, row);
            view! { <div class="switchable" hidden=move || !on.get()>{items_at(list, row)}</div> }
                .into_any()
        }
        Item::Messages(path) => messages(at_row(path, row)),
        Item::View(make) => make(row),
    }
}

fn condition(cond: GetFn<bool>, row: usize) -> Signal<bool> {
    use_state().slice(move |c| cond(c, row))
}

/// `path` with `#` standing for the row's index.
fn at_row(path: &str, row: usize) -> String {
    path.replace('#', &row.to_string())
}

/// Renders one field (of the row at `row`, for a list's rows).
pub fn field(f: &'static Field, row: usize) -> AnyView {
    let testid = Signal::stored(f.testid.map(|t| at_row(t, row)));
    let path = at_row(f.path, row);
    match f.input {
        Input::Text(get, set) => text_input(
            f.label,
            path,
            testid,
            Arc::new(move |c: &Config| get(c, row)),
            Arc::new(move |c: &mut Config, v| set(c, row, v)),
        ),
        Input::List(get, set) => text_input(
            f.label,
            path,
            testid,
            Arc::new(move |c: &Config| get(c, row).join(", ")),
            Arc::new(move |c: &mut Config, v: String| set(c, row, split_list(&v))),
        ),
        Input::Number {
            get,
            set,
            max,
            optional,
        } => number_input(
            f.label,
            path,
            testid,
            Arc::new(move |c: &Config| get(c, row)),
            Arc::new(move |t: &str| t.parse::<u64>().ok().filter(|n| *n <= max)),
            Arc::new(move |c: &mut Config, v| set(c, row, v)),
            optional,
        ),
        Input::Check(get, set) => check_input(
            f.label,
            path,
            testid,
            Arc::new(move |c: &Config| get(c, row)),
            Arc::new(move |c: &mut Config, v| set(c, row, v)),
        ),
        Input::Choice { options, get, set } => select_input(
            f.label,
            path,
            options(),
            Arc::new(move |c: &Config| get(c, row).to_string()),
            Arc::new(move |c: &mut Config, v: String| set(c, row, &v)),
        ),
        Input::Secret {
            get,
            set,
            generator,
        } => secret_input(
            f.label,
            path,
            Arc::new(move |c: &Config| get(c, row)),
            Arc::new(move |c: &mut Config, v| set(c, row, v)),
            Arc::new(move |c: &Config| generator(c, row)),
        ),
    }
}

/// `"a, b,,c "` → `["a", "b", "c"]`.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The variant of `all` written as `name`.
pub fn pick<T: Copy>(all: &[T], as_str: fn(T) -> &'static str, name: &str) -> Option<T> {
    all.iter().copied().find(|v| as_str(*v) == name)
}

/// One field of a table: `table_field!(label, path, test id, input)`, the shape every macro below
/// writes.
macro_rules! table_field {
    ($label:expr, $path:expr, $testid:expr, $input:expr) => {
        $crate::components::form::Item::Field($crate::components::form::Field {
            label: $label,
            path: $path,
            testid: $testid,
            input: $input,
        })
    };
}

/// A text field: `text!("Label", app.node_version)`.
macro_rules! text {
    ($label:literal, $($f:ident).+) => {
        $crate::components::form::table_field!($label, stringify!($($f).+), None, $crate::components::form::Input::Text(|c, _| c.$($f).+.clone(), |c, _, v| c.$($f).+ = v))
    };
}

/// An optional text field (`Option<String>`, empty for none).
macro_rules! optional_text {
    ($label:literal, $($f:ident).+) => {
        $crate::components::form::table_field!($label, stringify!($($f).+), None, $crate::components::form::Input::Text(
                |c, _| c.$($f).+.clone().unwrap_or_default(),
                |c, _, v| c.$($f).+ = (!v.is_empty()).then_some(v),
            ))
    };
}

/// A comma-separated list of words (`Vec<String>`).
macro_rules! list {
    ($label:literal, $($f:ident).+) => {
        $crate::components::form::table_field!($label, stringify!($($f).+), None, $crate::components::form::Input::List(|c, _| c.$($f).+.clone(), |c, _, v| c.$($f).+ = v))
    };
}

/// A checkbox (`bool`), with an optional test id.
macro_rules! check {
    ($label:literal, $($f:ident).+) => { check!(@ $label, None, $($f).+) };
    ($label:literal, $($f:ident).+, $testid:literal) => { check!(@ $label, Some($testid), $($f).+) };
    (@ $label:literal, $testid:expr, $($f:ident).+) => {
        $crate::components::form::table_field!($label, stringify!($($f).+), $testid, $crate::components::form::Input::Check(|c, _| c.$($f).+, |c, _, v| c.$($f).+ = v))
    };
}

/// A required whole number of type `$t` (`u16`, `u32`), with an optional test id.
macro_rules! number {
    ($label:literal, $($f:ident).+ : $t:ty) => { number!(@ $label, None, $t, $($f).+) };
    ($label:literal, $($f:ident).+ : $t:ty, $testid:literal) => { number!(@ $label, Some($testid), $t, $($f).+) };
    (@ $label:literal, $testid:expr, $t:ty, $($f:ident).+) => {
        $crate::components::form::table_field!($label, stringify!($($f).+), $testid, $crate::components::form::Input::Number {
                get: |c, _| Some(u64::from(c.$($f).+)),
                // The field parsed the text against `max`, so the narrowing cannot fail.
                set: |c, _, v| c.$($f).+ = v.and_then(|v| <$t>::try_from(v).ok()).unwrap_or(0),
                max: <$t>::MAX as u64,
                optional: false,
            })
    };
}

/// An optional whole number (`Option<$t>`, empty for none), with an optional test id.
macro_rules! optional_number {
    ($label:literal, $($f:ident).+ : $t:ty) => { optional_number!(@ $label, None, $t, $($f).+) };
    ($label:literal, $($f:ident).+ : $t:ty, $testid:literal) => { optional_number!(@ $label, Some($testid), $t, $($f).+) };
    (@ $label:literal, $testid:expr, $t:ty, $($f:ident).+) => {
        $crate::components::form::table_field!($label, stringify!($($f).+), $testid, $crate::components::form::Input::Number {
                get: |c, _| c.$($f).+.map(u64::from),
                set: |c, _, v| c.$($f).+ = v.and_then(|v| <$t>::try_from(v).ok()),
                max: <$t>::MAX as u64,
                optional: true,
            })
    };
}

/// A select over a configuration enum's variants (`ALL`, written by `as_str`), each shown with
/// `$caption`.
macro_rules! choice {
    ($label:literal, $($f:ident).+ : $t:ident, $caption:expr) => {
        $crate::components::form::table_field!($label, stringify!($($f).+), None, $crate::components::form::Input::Choice {
                options: || $t::ALL.iter().map(|v| (v.as_str(), $caption(*v))).collect(),
                get: |c, _| c.$($f).+.as_str(),
                set: |c, _, name| {
                    if let Some(v) = $crate::components::form::pick(&$t::ALL, $t::as_str, name) {
                        c.$($f).+ = v;
                    }
                },
            })
    };
}

/// A secret (`SecretValue`: its value, regenerated with its generator).
macro_rules! secret {
    ($label:literal, $($f:ident).+) => {
        $crate::components::form::table_field!($label, stringify!($($f).+), None, $crate::components::form::Input::Secret {
                get: |c, _| c.$($f).+.value.clone(),
                set: |c, _, v| c.$($f).+.value = v,
                generator: |c, _| c.$($f).+.generator,
            })
    };
}

pub(crate) use {
    check, choice, list, number, optional_number, optional_text, secret, table_field, text,
};

/// Every table of the editor by name, for the tests that check each field's path against the
/// value it edits (tests/web.rs). A list's rows are checked at row 0.
pub fn tables() -> [(&'static str, &'static [Item]); 11] {
    use super::{app_section, env_vars, extras, kubernetes, operations, project, services};
    [
        ("project", project::PROJECT),
        ("app", app_section::APP),
        ("app build argument", app_section::BUILD_ARG),
        ("database", services::DATABASE),
        ("cache", services::CACHE),
        ("admin", services::ADMIN),
        ("variable row", env_vars::HEAD),
        ("variable details", env_vars::DETAILS),
        ("extra service", extras::SERVICE),
        ("operations", operations::OPERATIONS),
        ("kubernetes", kubernetes::KUBERNETES),
    ]
}

/// Every field of `list`, nested ones included.
pub fn fields_of(list: &'static [Item]) -> Vec<&'static Field> {
    let mut out = Vec::new();
    for it in list {
        match it {
            Item::Field(f) => out.push(f),
            Item::Row(inner)
            | Item::Group(_, inner)
            | Item::When(_, inner)
            | Item::Shown(_, inner) => out.extend(fields_of(inner)),
            Item::Messages(_) | Item::View(_) => {}
        }
    }
    out
}
