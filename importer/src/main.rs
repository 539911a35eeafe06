//! The import worker's entry: a dedicated Web Worker that answers each message (a JSON
//! request, see [`dockwright_importer::handle`]) with one message (a JSON response). The page
//! starts it only when someone imports, so the page itself carries no YAML parser; parsing a
//! big project off the main thread also keeps the editor responsive.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let request = event.data().as_string().unwrap_or_default();
            let response = dockwright_importer::handle(&request);
            let _ = reply.post_message(&JsValue::from_str(&response));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
