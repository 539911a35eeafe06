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
