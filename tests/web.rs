//! Browser adapter tests, run in headless Chromium by wasm-bindgen-test:
//! storage, URL fragment, clipboard-free download blobs, and the CSPRNG.

#![cfg(target_arch = "wasm32")]

use dockwright_engine::secret::Entropy;
use dockwright_engine::{presets, share};
use dockwright_web::browser;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn storage_round_trips_and_removes() {
    let key = "dockwright.test.storage";
    browser::storage_set(key, "{\"a\": \"ü ✓ $\"}").unwrap();
    assert_eq!(
        browser::storage_get(key).unwrap().as_deref(),
        Some("{\"a\": \"ü ✓ $\"}")
    );
    browser::storage_remove(key).unwrap();
    assert_eq!(browser::storage_get(key).unwrap(), None);
}

#[wasm_bindgen_test]
fn storage_quota_errors_are_values_not_panics() {
    // ~12 MB exceeds every browser's localStorage quota.
    let huge = "x".repeat(12 * 1024 * 1024);
    let result = browser::storage_set("dockwright.test.huge", &huge);
    assert!(result.is_err(), "expected a quota error");
    let _ = browser::storage_remove("dockwright.test.huge");
}

#[wasm_bindgen_test]
fn fragment_is_replaced_without_a_history_entry() {
    let history = web_sys::window().unwrap().history().unwrap();
    let before = history.length().unwrap();
    browser::replace_fragment("c=v1.first").unwrap();
    browser::replace_fragment("c=v1.second").unwrap();
    assert_eq!(browser::fragment(), "c=v1.second");
    assert_eq!(history.length().unwrap(), before);
    assert!(!browser::page_url().contains('#'));
}

#[wasm_bindgen_test]
async fn download_blob_holds_exactly_the_bytes() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let url = browser::blob_url(&bytes, "application/zip").unwrap();
    assert!(url.starts_with("blob:"));
    let window = web_sys::window().unwrap();
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url))
            .await
            .unwrap()
            .unchecked_into();
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().unwrap())
        .await
        .unwrap();
    assert_eq!(js_sys::Uint8Array::new(&buffer).to_vec(), bytes);
    web_sys::Url::revoke_object_url(&url).unwrap();
    // The download helper itself runs without error (the click is a no-op in a test page).
    browser::download(b"hello", "hello.txt", "text/plain").unwrap();
}

#[wasm_bindgen_test]
fn browser_entropy_is_random() {
    let mut a = [0u8; 32];
    let mut b = [0u8; 32];
    browser::BrowserEntropy.fill(&mut a);
    browser::BrowserEntropy.fill(&mut b);
    assert_ne!(a, b);
    assert!(a.iter().any(|&x| x != 0));
}

#[wasm_bindgen_test]
fn share_links_round_trip_in_the_browser() {
    let mut config = presets::load("nextjs-render-parity").unwrap();
    dockwright_engine::secret::fill_missing_secrets(&mut config, &mut browser::BrowserEntropy);
    let fragment = share::fragment(&config, true);
    browser::replace_fragment(&fragment).unwrap();
    let decoded = share::decode(&browser::fragment(), &mut browser::BrowserEntropy).unwrap();
    assert_eq!(decoded.config, config);
    assert!(share::decode("c=v1.%%%garbage", &mut browser::BrowserEntropy).is_err());
}

#[wasm_bindgen_test]
fn line_diff_marks_inserted_and_edited_lines() {
    use dockwright_web::diff::{changed_lines, matches};
    assert_eq!(changed_lines("a\nb\nc\n", "a\nB\nc\n"), vec![1]);
    assert_eq!(changed_lines("a\nc\n", "a\nb\nc\n"), vec![1]);
    assert_eq!(changed_lines("a\nb\n", "a\n"), Vec::<usize>::new());
    assert_eq!(changed_lines("", "x\ny\n"), vec![0, 1]);
    assert_eq!(changed_lines("x\na\nb\ny\n", "x\nb\na\ny\n"), vec![2]);
    let old = ["a", "b", "c", "d"];
    let new = ["a", "x", "c", "d", "e"];
    assert_eq!(
        matches(&old, &new),
        vec![Some(0), None, Some(2), Some(3), None]
    );
    assert_eq!(matches::<&str>(&[], &["a"]), vec![None]);
    assert_eq!(matches(&["a"], &[]), Vec::<Option<usize>>::new());
    assert_eq!(matches(&["a", "b"], &["b", "a"]), vec![Some(1), None]);
}

/// The preview's patcher keeps the DOM of lines that stay, builds only new ones, and shows
/// exactly the new text in order, with the changed marks where asked.
#[wasm_bindgen_test]
fn preview_lines_are_patched_in_place() {
    use dockwright_web::highlight::Lang;
    let document = web_sys::window().unwrap().document().unwrap();
    let code = document.create_element("code").unwrap();
    let mut lines = browser::CodeLines::default();
    let texts = |code: &web_sys::Element| {
        let children = code.children();
        (0..children.length())
            .map(|i| children.item(i).unwrap().text_content().unwrap())
            .collect::<Vec<_>>()
    };
    let marked = |code: &web_sys::Element| {
        let children = code.children();
        (0..children.length())
            .map(|i| children.item(i).unwrap().class_list().contains("changed"))
            .collect::<Vec<_>>()
    };
    lines.update(
        &code,
        Lang::Yaml,
        &["a: 1\n", "b: 2\n", "c: 3\n"],
        &|_, _| false,
    );
    assert_eq!(code.text_content().unwrap(), "a: 1\nb: 2\nc: 3\n");
    let kept_a = code.children().item(0).unwrap();
    let kept_c = code.children().item(2).unwrap();

    // One line edited, one inserted, one removed.
    let next = ["a: 1\n", "x: 9\n", "c: 3\n", "d: 4"];
    lines.update(&code, Lang::Yaml, &next, &|n, _| n == 1 || n == 3);
    assert_eq!(texts(&code), next);
    assert!(code.children().item(0).unwrap().is_same_node(Some(&kept_a)));
    assert!(code.children().item(2).unwrap().is_same_node(Some(&kept_c)));
    assert_eq!(marked(&code), vec![false, true, false, true]);

    // Marking the lines the patch built marks exactly the new ones.
    let next = ["a: 1\n", "x: 9\n", "y: 8\n", "c: 3\n", "d: 4"];
    lines.update(&code, Lang::Yaml, &next, &|_, built| built);
    assert_eq!(marked(&code), vec![false, false, true, false, false]);

    // Marks follow the next update; reordering and duplicates come out right.
    let next = ["c: 3\n", "a: 1\n", "a: 1\n", "x: 9\n"];
    lines.update(&code, Lang::Yaml, &next, &|_, _| false);
    assert_eq!(texts(&code), next);
    assert_eq!(code.get_elements_by_class_name("changed").length(), 0);

    // Another language rebuilds every line (highlighting differs), same text.
    lines.update(&code, Lang::Plain, &next, &|_, _| false);
    assert_eq!(texts(&code), next);
    assert!(!code.children().item(0).unwrap().is_same_node(Some(&kept_c)));
    lines.update(&code, Lang::Plain, &[], &|_, _| false);
    assert!(!code.has_child_nodes());
}
