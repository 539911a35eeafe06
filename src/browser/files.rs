//! Import's browser side: reading what a person hands over (picked files, a picked folder, or
//! files and folders dropped on the page) and talking to the import worker. Only the files
//! import reads are read at all (see `dockwright_engine::import::names`): a project folder has
//! thousands, node_modules and .git are not even walked. Nothing is uploaded; the worker is
//! the page's own script, loaded from its own origin the first time someone imports.

use dockwright_engine::import::names::{is_lockfile, is_skipped_folder, wanted};
use js_sys::{Array, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Files bigger than this are listed as not read rather than read (compose and env files are
/// kilobytes; a bigger one is not one).
const MAX_FILE_BYTES: f64 = 2_000_000.0;

/// A file to import: its path as the person sees it (`shop/docker/compose.yaml`) and its text.
#[derive(Clone)]
pub struct PickedFile {
    pub path: String,
    pub text: String,
}

/// What was read, and what was given but not read (with why), so nothing disappears unsaid.
#[derive(Default, Clone)]
pub struct Picked {
    pub files: Vec<PickedFile>,
    pub not_read: Vec<(String, String)>,
    /// Files passed over by name (not something import reads): only counted.
    pub passed_over: usize,
}

impl Picked {
    async fn add(&mut self, path: String, file: web_sys::File) {
        if !wanted(&path) {
            self.passed_over += 1;
            return;
        }
        let name = path.rsplit('/').next().unwrap_or(&path);
        if is_lockfile(name) {
            // Its presence is what counts (and a lockfile can be megabytes).
            self.files.push(PickedFile {
                path,
                text: String::new(),
            });
            return;
        }
        if file.size() > MAX_FILE_BYTES {
            self.not_read.push((
                path,
                // Whole kilobytes: formatting a float would link core's float printing.
                format!(
                    "not read: {} KB is more than a compose, env or project file",
                    file.size() as u64 / 1000
                ),
            ));
            return;
        }
        match JsFuture::from(file.text()).await {
            Ok(text) => self.files.push(PickedFile {
                path,
                text: text.as_string().unwrap_or_default(),
            }),
            Err(e) => self
                .not_read
                .push((path, format!("could not be read: {}", super::describe(e)))),
        }
    }
}

/// The files of a file input (several files, or a folder with `webkitdirectory`, whose files
/// carry their path inside it). Taken now: the input's list is live and is cleared after.
pub fn input_files(list: &web_sys::FileList) -> Vec<(String, web_sys::File)> {
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|file| {
            // Not in web-sys's File: read the property itself.
            let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let path = if relative.is_empty() {
                file.name()
            } else {
                relative
            };
            (path, file)
        })
        .collect()
}

/// Reads the files [`input_files`] took.
pub async fn read_input(files: Vec<(String, web_sys::File)>) -> Picked {
    let mut picked = Picked::default();
    for (path, file) in files {
        picked.add(path, file).await;
    }
    picked
}

/// The entries of a drop, taken while the event lasts (a DataTransfer empties after it).
pub enum Dropped {
    Entry(web_sys::FileSystemEntry),
    File(web_sys::File),
}

pub fn dropped_items(transfer: &web_sys::DataTransfer) -> Vec<Dropped> {
    let items = transfer.items();
    let mut out = Vec::new();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        // Folders come as entries; files made by a script (and some browsers) only as files.
        match item.webkit_get_as_entry() {
            Ok(Some(entry)) => out.push(Dropped::Entry(entry)),
            _ => {
                if let Ok(Some(file)) = item.get_as_file() {
                    out.push(Dropped::File(file));
                }
            }
        }
    }
    out
}

/// Reads dropped files and folders, walking folders (but not node_modules and .git).
pub async fn read_dropped(items: Vec<Dropped>) -> Picked {
    let mut picked = Picked::default();
    let mut queue: Vec<web_sys::FileSystemEntry> = Vec::new();
    for item in items {
        match item {
            Dropped::File(file) => {
                let name = file.name();
                picked.add(name, file).await;
            }
            Dropped::Entry(entry) => queue.push(entry),
        }
    }
    while let Some(entry) = queue.pop() {
        // `/shop/docker/compose.yaml` -> `shop/docker/compose.yaml`
        let path = entry.full_path().trim_start_matches('/').to_string();
        if is_skipped_folder(&path) {
            continue;
        }
        if entry.is_directory() {
            match read_directory(entry.unchecked_into()).await {
                Ok(children) => queue.extend(children),
                Err(e) => picked
                    .not_read
                    .push((path, format!("folder could not be read: {e}"))),
            }
        } else if wanted(&path) {
            match entry_file(entry.unchecked_into()).await {
                Ok(file) => picked.add(path, file).await,
                Err(e) => picked
                    .not_read
                    .push((path, format!("could not be read: {e}"))),
            }
        } else {
            picked.passed_over += 1;
        }
    }
    picked.files.sort_by(|a, b| a.path.cmp(&b.path));
    picked
}

/// Every entry of a folder: `readEntries` answers in batches until an empty one.
async fn read_directory(
    dir: web_sys::FileSystemDirectoryEntry,
) -> Result<Vec<web_sys::FileSystemEntry>, String> {
    let reader = dir.create_reader();
    let mut all = Vec::new();
    loop {
        let batch = Promise::new(&mut |resolve, reject| {
            let ok = Closure::once_into_js(move |entries: JsValue| {
                let _ = resolve.call1(&JsValue::NULL, &entries);
            });
            let fail = Closure::once_into_js(move |e: JsValue| {
                let _ = reject.call1(&JsValue::NULL, &e);
            });
            let _ = reader
                .read_entries_with_callback_and_callback(ok.unchecked_ref(), fail.unchecked_ref());
        });
        let entries: Array = JsFuture::from(batch).await.map_err(super::describe)?.into();
        if entries.length() == 0 {
            return Ok(all);
        }
        all.extend(entries.iter().map(|e| e.unchecked_into()));
    }
}

async fn entry_file(entry: web_sys::FileSystemFileEntry) -> Result<web_sys::File, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |file: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &file);
        });
        let fail = Closure::once_into_js(move |e: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        entry.file_with_callback_and_callback(ok.unchecked_ref(), fail.unchecked_ref());
    });
    Ok(JsFuture::from(promise)
        .await
        .map_err(super::describe)?
        .unchecked_into())
}

thread_local! {
    /// The import worker once started (kept for the next import; dropped after a failure).
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
}

/// The next message from the worker as text, or its error (a failure inside the worker). The
/// handlers are set now, before anything is posted, so no answer can come unheard.
fn next_message(
    worker: &web_sys::Worker,
) -> impl std::future::Future<Output = Result<String, String>> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |event: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        });
        // A script that fails inside gives an ErrorEvent; one that cannot be loaded (missing
        // from the host) a plain Event with no message: read it without assuming which.
        let fail = Closure::once_into_js(move |event: web_sys::Event| {
            let message = js_sys::Reflect::get(&event, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "its script could not be loaded".into());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
        });
        worker.set_onmessage(Some(ok.unchecked_ref()));
        worker.set_onerror(Some(fail.unchecked_ref()));
    });
    async move {
        let data = JsFuture::from(promise).await.map_err(super::describe)?;
        Ok(data.as_string().unwrap_or_default())
    }
}

/// The worker script's name, which the build writes into the page (it is content-hashed).
fn worker_url() -> Result<String, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=dockwright-import-worker]")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .ok_or_else(|| "this build of the page has no import worker".to_string())
}

/// Sends one request (JSON) to the import worker, starting it on first use, and returns its
/// response (JSON). A worker that failed is dropped, so the next import starts a fresh one.
pub async fn run_import(request: String) -> Result<String, String> {
    let existing = WORKER.with(|w| w.borrow().clone());
    let worker = match existing {
        Some(worker) => worker,
        None => {
            let worker = web_sys::Worker::new(&worker_url()?).map_err(super::describe)?;
            let first = next_message(&worker).await;
            match first.as_deref() {
                Ok("ready") => {}
                Ok(other) => {
                    worker.terminate();
                    return Ok(other.to_string());
                }
                Err(e) => {
                    worker.terminate();
                    return Err(format!("the importer could not start: {e}"));
                }
            }
            WORKER.with(|w| *w.borrow_mut() = Some(worker.clone()));
            worker
        }
    };
    let reply = next_message(&worker);
    worker
        .post_message(&JsValue::from_str(&request))
        .map_err(super::describe)?;
    let answer = reply.await;
    if answer.is_err() {
        worker.terminate();
        WORKER.with(|w| *w.borrow_mut() = None);
    }
    answer.map_err(|e| format!("the importer failed on these files ({e}); this is a bug in dockwright, please report it with the files"))
}
