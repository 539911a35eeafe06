//! The browser boundary: storage, URL fragment, clipboard, downloads, randomness, theme.
//! Every call into web APIs lives here, behind small functions that report failure as values
//! instead of panicking.

pub mod files;

use dockwright_engine::secret::Entropy;
use wasm_bindgen::{JsCast, JsValue};

/// localStorage key of the saved configuration.
pub const CONFIG_KEY: &str = "dockwright.config.v1";
/// localStorage key of the last fragment the app itself wrote into the address bar.
pub const OWN_FRAGMENT_KEY: &str = "dockwright.fragment.v1";
/// localStorage key of the configuration an opened link replaced: undo brings it back, also
/// after a reload, until it has been restored.
pub const REPLACED_KEY: &str = "dockwright.replaced-by-link.v1";
/// localStorage key of the chosen theme ("light" / "dark"; absent follows the system).
pub const THEME_KEY: &str = "dockwright.theme";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn describe(err: JsValue) -> String {
    err.as_string()
        .or_else(|| {
            err.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown browser error".into())
}

fn storage() -> Result<web_sys::Storage, String> {
    window()
        .ok_or("no window")?
        .local_storage()
        .map_err(describe)?
        .ok_or_else(|| "local storage is disabled".to_string())
}

/// Reads a stored value; `Ok(None)` when absent.
pub fn storage_get(key: &str) -> Result<Option<String>, String> {
    storage()?.get_item(key).map_err(describe)
}

/// Stores a value; errors (quota exceeded, storage disabled) come back as text.
pub fn storage_set(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(describe)
}

pub fn storage_remove(key: &str) -> Result<(), String> {
    storage()?.remove_item(key).map_err(describe)
}

/// The current URL fragment without `#` (empty when none).
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Runs `f` once, `ms` milliseconds from now.
pub fn after_ms(ms: u32, f: impl FnOnce() + 'static) {
    gloo_timers::callback::Timeout::new(ms, f).forget();
}

/// Runs `f` once after the next frame has been painted (a task posted from
/// `requestAnimationFrame` runs after that frame): work the user does not see at once, such as
/// the share link and the address bar, stays out of the frame that shows an edit.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let task = Rc::new(Cell::new(Some(f)));
    let in_frame = task.clone();
    let after_frame = Closure::once_into_js(move || {
        if let Some(f) = in_frame.take() {
            after_ms(0, f);
        }
    });
    let scheduled = window().is_some_and(|w| {
        w.request_animation_frame(after_frame.unchecked_ref())
            .is_ok()
    });
    if !scheduled {
        if let Some(f) = task.take() {
            after_ms(0, f);
        }
    }
}

/// Runs `f` whenever the page may be going away: `pagehide` (reload, navigation, closing the
/// tab) and the tab becoming hidden (a phone may discard a hidden tab without `pagehide`).
pub fn on_leave(f: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let f = std::rc::Rc::new(f);
    let Some(w) = window() else { return };
    let on_hide = {
        let f = f.clone();
        Closure::<dyn FnMut()>::new(move || f())
    };
    let _ = w.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    // The listeners live as long as the page.
    on_hide.forget();
    if let Some(document) = w.document() {
        let doc = document.clone();
        let on_visibility = Closure::<dyn FnMut()>::new(move || {
            if doc.hidden() {
                f();
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        );
        on_visibility.forget();
    }
}

/// Whether a key event comes from a text field, select or text area (where keys type, not
/// trigger shortcuts).
pub fn from_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    from_text_target(ev.target())
}

/// Whether an event's target is a text field, select or text area (a paste there is typing).
pub fn from_text_target(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Selects the whole text of the input an event happened on.
pub fn select_input_text(ev: &web_sys::FocusEvent) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}

/// The page URL without its fragment.
pub fn page_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry (typing must not flood history).
pub fn replace_fragment(fragment: &str) -> Result<(), String> {
    let w = window().ok_or("no window")?;
    let url = format!("{}#{fragment}", page_url());
    w.history()
        .map_err(describe)?
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
        .map_err(describe)
}

/// Copies text to the clipboard (resolves when the browser confirms).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let w = window().ok_or("no window")?;
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(describe)
}

/// Builds a Blob for `bytes`, returning its object URL (the caller revokes it).
pub fn blob_url(bytes: &[u8], mime: &str) -> Result<String, String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(describe)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)
}

/// Offers `bytes` as a file download named `filename`.
pub fn download(bytes: &[u8], filename: &str, mime: &str) -> Result<(), String> {
    let url = blob_url(bytes, mime)?;
    let document = window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // Revoke after the click has been handled.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .ok_or("no window")?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    Ok(())
}

/// `crypto.getRandomValues`: the browser's CSPRNG.
pub struct BrowserEntropy;

impl Entropy for BrowserEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        let crypto = window().and_then(|w| w.crypto().ok());
        // getRandomValues takes at most 65536 bytes per call.
        for chunk in buf.chunks_mut(65536) {
            match &crypto {
                Some(c) if c.get_random_values_with_u8_array(chunk).is_ok() => {}
                // No CSPRNG means no safe secret: leave zeros and let the caller notice.
                _ => chunk.fill(0),
            }
        }
    }
}

/// Whether the system asks for a dark colour scheme.
pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Sets `data-theme` on `<html>` (the stylesheet keys its colours on it).
pub fn apply_theme(theme: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme);
    }
}

/// Focuses and scrolls to the element with `id` (used by the validation summary).
pub fn focus_element(id: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
        if let Some(html) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = html.focus();
        }
    }
}

/// Focuses the element `id` once the DOM has caught up (a row added by this event is
/// rendered on the next tick).
pub fn focus_soon(id: String) {
    gloo_timers::callback::Timeout::new(0, move || focus_element(&id)).forget();
}

/// Focuses the field of a diagnostic's config path, or the nearest field above it
/// (`extra_services[0].depends_on[1]` is edited in the `…depends_on` list field).
pub fn focus_field(ids: &[String]) {
    let document = window().and_then(|w| w.document());
    if let Some(id) = ids.iter().find(|id| {
        document
            .as_ref()
            .is_some_and(|d| d.get_element_by_id(id).is_some())
    }) {
        focus_element(id);
    }
}

/// The id of the focused element, if it has one (to give focus back after a dialog).
pub fn focused_id() -> Option<String> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|el| el.id())
        .filter(|id| !id.is_empty())
}

/// Asks the user to confirm (a native dialog, keyboard-accessible by construction).
pub fn confirm(message: &str) -> bool {
    window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(true)
}

/// Milliseconds since 1970 (the wall clock), for dating history entries.
pub fn epoch_ms() -> f64 {
    js_sys::Date::now()
}

/// The local calendar day of `epoch_ms` as a sortable key (`2026-11-23`) and the words for it
/// ("Today", "Yesterday", or the date in the reader's locale).
pub fn local_day(epoch_ms: f64) -> (String, String) {
    let key = |d: &js_sys::Date| {
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    };
    let day = js_sys::Date::new(&epoch_ms.into());
    let today = js_sys::Date::new_0();
    let yesterday = js_sys::Date::new(&(js_sys::Date::now() - 86_400_000.0).into());
    let k = key(&day);
    let label = if k == key(&today) {
        "Today".to_string()
    } else if k == key(&yesterday) {
        "Yesterday".to_string()
    } else {
        let options = js_sys::Object::new();
        for (name, value) in [
            ("weekday", "long"),
            ("day", "numeric"),
            ("month", "long"),
            ("year", "numeric"),
        ] {
            let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
        }
        String::from(day.to_locale_date_string("default", &options))
    };
    (k, label)
}

/// The local time of day of `epoch_ms` (`14:05`).
pub fn local_time(epoch_ms: f64) -> String {
    let d = js_sys::Date::new(&epoch_ms.into());
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// Milliseconds since page load, for coalescing keystrokes into one undo step.
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// The preview's lines as DOM nodes, patched in place: an update keeps every line that is
/// still there (longest common subsequence with what is shown), removes the lines that went and
/// builds only the new ones, so an edit that restructures a file (a strategy switch) touches the
/// lines it changed instead of the whole file. The "changed" mark is a class toggled on the
/// lines whose mark flips.
#[derive(Default)]
pub struct CodeLines {
    shown: Vec<ShownLine>,
    /// The language the shown lines were highlighted as (a line of another file type is
    /// highlighted differently even when its text is the same).
    lang: Option<crate::highlight::Lang>,
}

struct ShownLine {
    /// The line with its `\n`, as shown.
    text: String,
    changed: bool,
    element: web_sys::Element,
}

impl CodeLines {
    /// Shows `lines` (each with its `\n`, if it has one) in `code`, highlighted as `lang`;
    /// `changed(n, built)` says whether to mark line `n` (`built`: the patch had to build it).
    pub fn update(
        &mut self,
        code: &web_sys::Element,
        lang: crate::highlight::Lang,
        lines: &[&str],
        changed: &dyn Fn(usize, bool) -> bool,
    ) {
        let Some(document) = code.owner_document() else {
            return;
        };
        if self.lang.replace(lang) != Some(lang) {
            for line in self.shown.drain(..) {
                line.element.remove();
            }
        }
        let highlight = |line: &str| crate::highlight::highlight_line(lang, line);
        let old: Vec<&str> = self.shown.iter().map(|l| l.text.as_str()).collect();
        let kept = crate::diff::matches(&old, lines);
        let mut old_lines: Vec<Option<ShownLine>> = self.shown.drain(..).map(Some).collect();
        let mut next: Vec<Option<ShownLine>> = Vec::with_capacity(lines.len());
        for (j, line) in lines.iter().enumerate() {
            let reused = kept[j].and_then(|i| old_lines[i].take());
            next.push(reused.or_else(|| {
                build_line(&document, line, &highlight).map(|element| ShownLine {
                    text: (*line).to_string(),
                    changed: false,
                    element,
                })
            }));
        }
        // Lines that went, then the new ones in place (kept lines never move).
        for gone in old_lines.into_iter().flatten() {
            gone.element.remove();
        }
        let mut after: Option<web_sys::Node> = None;
        for (j, line) in next.iter_mut().enumerate().rev() {
            let Some(line) = line else { continue };
            let node: &web_sys::Node = line.element.as_ref();
            let in_place = kept[j].is_some() && line.element.parent_node().is_some();
            if !in_place {
                let _ = code.insert_before(node, after.as_ref());
            }
            let mark = changed(j, kept[j].is_none());
            if mark != line.changed {
                let _ = line.element.class_list().toggle_with_force("changed", mark);
                line.changed = mark;
            }
            after = Some(node.clone());
        }
        self.shown = next.into_iter().flatten().collect();
    }
}

/// One `<span class="line">` with a span per highlighted token and its newline.
fn build_line(
    document: &web_sys::Document,
    line: &str,
    highlight: &dyn Fn(&str) -> Vec<(&'static str, String)>,
) -> Option<web_sys::Element> {
    let element = document.create_element("span").ok()?;
    element.set_class_name("line");
    let body = line.strip_suffix('\n').unwrap_or(line);
    for (class, token) in highlight(body) {
        if class.is_empty() {
            let _ = element.append_with_str_1(&token);
        } else {
            let span = document.create_element("span").ok()?;
            span.set_class_name(&format!("tok-{class}"));
            span.set_text_content(Some(&token));
            let _ = element.append_with_node_1(&span);
        }
    }
    if line.ends_with('\n') {
        let _ = element.append_with_str_1("\n");
    }
    Some(element)
}

/// Replaces `target`'s children with `nodes` (`crate::markup`). Text is set as text nodes and
/// attribute values as values, so nothing in them is read as HTML.
pub fn render_nodes(target: &web_sys::Element, nodes: &[crate::markup::Node]) {
    let Some(document) = target.owner_document() else {
        return;
    };
    target.set_text_content(None);
    for node in nodes {
        if let Some(n) = build_node(&document, node) {
            let _ = target.append_with_node_1(&n);
        }
    }
}

/// What a markup view shows: built again only when the markup differs from what it shows
/// (the file tree is recomputed on every edit, and is most often the same).
#[derive(Default)]
pub struct MarkupView(Vec<crate::markup::Node>);

impl MarkupView {
    /// Shows `nodes` in `target`; returns whether the DOM was rebuilt.
    pub fn show(&mut self, target: &web_sys::Element, nodes: Vec<crate::markup::Node>) -> bool {
        if nodes == self.0 && target.child_element_count() > 0 {
            return false;
        }
        render_nodes(target, &nodes);
        self.0 = nodes;
        true
    }
}

fn build_node(document: &web_sys::Document, node: &crate::markup::Node) -> Option<web_sys::Node> {
    match node {
        crate::markup::Node::Text(t) => Some(document.create_text_node(t).into()),
        crate::markup::Node::Element(e) => {
            let element = document.create_element(e.tag).ok()?;
            for (name, value) in &e.attrs {
                let _ = element.set_attribute(name, value);
            }
            for child in &e.children {
                if let Some(c) = build_node(document, child) {
                    let _ = element.append_with_node_1(&c);
                }
            }
            Some(element.into())
        }
    }
}

/// The `data-*` attribute `name` of the nearest element at or above an event's target that has
/// it (a click anywhere inside a search hit's button finds the button's data).
pub fn closest_data(ev: &web_sys::Event, name: &str) -> Option<String> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    target
        .closest(&format!("[data-{name}]"))
        .ok()
        .flatten()?
        .get_attribute(&format!("data-{name}"))
}

/// Scrolls line `n` (0-based) of the code view `code_id` into view and marks it as the one
/// found (the mark moves with the next search hit).
pub fn reveal_line(code_id: &str, n: usize) {
    let Some(code) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(code_id))
    else {
        return;
    };
    let lines = code.children();
    for i in 0..lines.length() {
        if let Some(line) = lines.item(i) {
            let _ = line
                .class_list()
                .toggle_with_force("found", i as usize == n);
            if i as usize == n {
                line.scroll_into_view_with_bool(false);
            }
        }
    }
}
