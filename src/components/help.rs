//! Keyboard shortcuts: the global key handler and the help overlay that lists them.

use crate::browser;
use crate::state::{use_state, AppState};
use leptos::prelude::*;

/// (keys, action) shown in the overlay.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    ("Alt+D", "Download the zip"),
    ("Alt+L", "Copy the share link"),
    ("Alt+↓ / Alt+J", "Next file"),
    ("Alt+↑ / Alt+K", "Previous file"),
    ("?", "This help (outside text fields)"),
    ("Esc", "Close this help"),
];

/// Installs the global shortcuts; `download` and `copy_link` are the toolbar's actions.
pub fn install_shortcuts(
    state: AppState,
    download: impl Fn() + 'static,
    copy_link: impl Fn() + 'static,
) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let handled = match (ctrl, ev.shift_key(), ev.alt_key(), key.as_str()) {
            (true, false, false, "z" | "Z") => {
                state.undo();
                true
            }
            (true, true, false, "z" | "Z") | (true, false, false, "y" | "Y") => {
                state.redo();
                true
            }
            (false, _, true, "d" | "D" | "∂") => {
                download();
                true
            }
            (false, _, true, "l" | "L" | "¬") => {
                copy_link();
                true
            }
            (false, _, true, "ArrowDown" | "j" | "J" | "∆") => {
                state.select_relative(1);
                true
            }
            (false, _, true, "ArrowUp" | "k" | "K" | "˚") => {
                state.select_relative(-1);
                true
            }
            (false, _, false, "?") if !crate::browser::from_text_field(&ev) => {
                state.help_open.update(|o| *o = !*o);
                true
            }
            (false, false, false, "Escape") if state.help_open.get_untracked() => {
                state.help_open.set(false);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

/// The shortcuts dialog: takes focus when it opens, keeps Tab inside (its one control is
/// Close), and gives focus back to where it was when it closes.
pub fn help_overlay() -> impl IntoView {
    let state = use_state();
    let return_to: RwSignal<Option<String>> = RwSignal::new(None);
    Effect::new(move |was_open: Option<bool>| {
        let open = state.help_open.get();
        if open && was_open != Some(true) {
            return_to.set(browser::focused_id());
            browser::focus_soon("help-close".into());
        } else if !open && was_open == Some(true) {
            let back = return_to
                .get_untracked()
                .unwrap_or_else(|| "help-button".into());
            browser::focus_soon(back);
        }
        open
    });
    view! {
        <Show when=move || state.help_open.get()>
            <div class="overlay" on:click=move |_| state.help_open.set(false)>
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" on:click=|ev| ev.stop_propagation()
                    on:keydown=|ev: web_sys::KeyboardEvent| if ev.key() == "Tab" {
                        ev.prevent_default();
                        browser::focus_element("help-close");
                    }>
                    <h2 id="help-title">"Keyboard shortcuts"</h2>
                    <table>
                        <tbody>
                            {SHORTCUTS.iter().map(|(k, a)| view! { <tr><th scope="row"><kbd>{*k}</kbd></th><td>{*a}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                    <button type="button" id="help-close" on:click=move |_| state.help_open.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}
