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

/// Every field the editor's tables declare edits the value at its own path: setting a new value
/// changes the configuration there and nowhere else (outside a list's row, where the path names
/// an element that is not a JSON key), and the field reads back what was set. A path that
/// drifted from its getter and setter fails here.
#[wasm_bindgen_test]
fn every_table_field_edits_the_value_at_its_path() {
    use dockwright_engine::config::{BuildArg, EnvVar, ExtraService, Logging, Resources};
    use dockwright_web::components::form::{fields_of, tables, Input};

    let mut base = presets::load("nextjs-prisma-selfhosted").unwrap();
    // A secret with a generator, so that every detail of a variable has a value to edit.
    base.env.insert(
        0,
        EnvVar {
            secret: true,
            generator: Some(Default::default()),
            ..EnvVar::default()
        },
    );
    base.extra_services.insert(0, ExtraService::default());
    base.app.build_args.insert(0, BuildArg::default());
    base.ops.resources = Some(Resources::default());
    base.ops.logging = Some(Logging::default());
    let before = serde_json::to_value(&base).unwrap();
    // Renaming a service renames what refers to it; marking a variable secret moves a fixed
    // value to required so it never lands in a compose file: both are documented side effects.
    let side_effects = [
        "app.service_name",
        "extra_services[0].name",
        "env[0].secret",
    ];
    let mut checked = 0;
    for (table, items) in tables() {
        for field in fields_of(items) {
            let path = field.path.replace('#', "0");
            let mut config = base.clone();
            match field.input {
                Input::Text(get, set) => {
                    // Structured text is written in its own syntax.
                    let probe = match path.ends_with(".environment") {
                        true => "PROBE=1".to_string(),
                        false => format!("{}probe", get(&config, 0)),
                    };
                    set(&mut config, 0, probe.clone());
                    assert_eq!(get(&config, 0), probe, "{table}: {path} reads back");
                }
                Input::List(get, set) => {
                    let mut probe = get(&config, 0);
                    probe.push(match path.ends_with(".volumes") {
                        true => "probe:/probe".into(),
                        false => "dev".into(),
                    });
                    set(&mut config, 0, probe.clone());
                    assert_eq!(get(&config, 0), probe, "{table}: {path} reads back");
                }
                Input::Number { get, set, max, .. } => {
                    let probe = Some(get(&config, 0).unwrap_or(0).wrapping_add(1).min(max));
                    set(&mut config, 0, probe);
                    assert_eq!(get(&config, 0), probe, "{table}: {path} reads back");
                }
                Input::Check(get, set) => {
                    let probe = !get(&config, 0);
                    set(&mut config, 0, probe);
                    assert_eq!(get(&config, 0), probe, "{table}: {path} reads back");
                }
                Input::Choice { options, get, set } => {
                    let now = get(&config, 0);
                    let other = options().into_iter().map(|(v, _)| v).find(|v| *v != now);
                    let probe = other.unwrap_or_else(|| panic!("{table}: {path} has one option"));
                    set(&mut config, 0, probe);
                    assert_eq!(get(&config, 0), probe, "{table}: {path} reads back");
                }
                Input::Secret { get, set, .. } => {
                    let probe = format!("{}probe", get(&config, 0));
                    set(&mut config, 0, probe.clone());
                    assert_eq!(get(&config, 0), probe, "{table}: {path} reads back");
                }
            }
            let after = serde_json::to_value(&config).unwrap();
            let mut changed = Vec::new();
            json_changes(&before, &after, String::new(), &mut changed);
            assert!(!changed.is_empty(), "{table}: {path} changed nothing");
            let region = existing_prefix(&before, &path);
            // All of the path exists, or all but its last step (an element named by its value,
            // as in `project.environments.dev`).
            let rest = path[region.len()..].trim_start_matches('.');
            assert!(
                !rest.contains('.') && !rest.contains('['),
                "{table}: {path} does not name a value of the configuration (only {region} exists)"
            );
            if !side_effects.contains(&path.as_str()) {
                for at in &changed {
                    let inside = at == &region
                        || at.starts_with(&format!("{region}."))
                        || at.starts_with(&format!("{region}["));
                    assert!(inside, "{table}: {path} also changed {at}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 90, "only {checked} fields in the tables");
}

/// Paths (`a.b[0].c`) where two JSON values differ.
fn json_changes(a: &serde_json::Value, b: &serde_json::Value, at: String, out: &mut Vec<String>) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let child = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                json_changes(
                    &x.get(key).cloned().unwrap_or_default(),
                    &y.get(key).cloned().unwrap_or_default(),
                    child,
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                json_changes(p, q, format!("{at}[{i}]"), out);
            }
        }
        _ if a != b => out.push(at),
        _ => {}
    }
}

/// The longest prefix of `path` (`env[0].generator.bytes`) that names a value in `json`.
fn existing_prefix(json: &serde_json::Value, path: &str) -> String {
    let mut node = json;
    let mut found = String::new();
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let Some(next) = node.get(key) else { break };
        let (next, shown) = match index {
            Some(i) => match next.get(i) {
                Some(item) => (item, format!("{key}[{i}]")),
                None => break,
            },
            None => (next, key.to_string()),
        };
        node = next;
        found = if found.is_empty() {
            shown
        } else {
            format!("{found}.{shown}")
        };
    }
    found
}

/// The history list: the same configuration for the same reason is listed once (at the top,
/// keeping its name), ids stay unique, and over the limit unnamed entries go before favourites.
#[wasm_bindgen_test]
fn history_list_dedupes_and_keeps_favourites_at_the_limit() {
    use dockwright_web::recent::{with_added, Entry, Kind, LIMIT};
    let entry = |id: u64, fragment: &str, name: &str| Entry {
        id,
        kind: Kind::Downloaded,
        name: name.into(),
        title: "shop".into(),
        summary: String::new(),
        fragment: fragment.into(),
    };
    let list = with_added(Vec::new(), entry(1, "c=a", "Template"));
    let list = with_added(list, entry(2, "c=b", ""));
    let list = with_added(list, entry(2, "c=a", ""));
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].fragment, "c=a");
    assert_eq!(
        list[0].name, "Template",
        "a repeat keeps the favourite's name"
    );
    assert_ne!(
        list[0].id, list[1].id,
        "ids stay unique within a millisecond"
    );

    // Fill past the limit: the favourite (now the oldest) survives, the oldest unnamed goes.
    let mut list = list;
    for n in 0..LIMIT as u64 {
        list = with_added(list, entry(100 + n, &format!("c=n{n}"), ""));
    }
    assert_eq!(list.len(), LIMIT);
    assert!(list.iter().any(|e| e.name == "Template"));
    assert!(!list.iter().any(|e| e.fragment == "c=b"));
    assert_eq!(list[0].fragment, format!("c=n{}", LIMIT - 1));
}

/// Every field the editor's tables declare has help, and list rows and environments share
/// theirs (`env[12].per_env.prod.value` reads `env[#].per_env.<env>.value`). The e2e test
/// checks the rendered page, fields outside the tables included.
#[wasm_bindgen_test]
fn every_table_field_has_help() {
    use dockwright_web::components::form::{fields_of, tables};
    use dockwright_web::field_help::help;
    for (table, items) in tables() {
        for field in fields_of(items) {
            let path = field.path.replace('#', "3");
            let text = help(&path).unwrap_or_else(|| panic!("{table}: {path} has no help"));
            assert!(text.len() > 30, "{table}: {path}: {text}");
        }
    }
    assert_eq!(
        help("env[12].per_env.prod.value"),
        help("env[0].per_env.staging.value")
    );
    assert!(help("extra_services[10].ports[11].bind").is_some());
    assert!(help("kubernetes.environments.staging.tag").is_some());
    assert!(help("no.such.field").is_none());
}

/// The guide renderer (Explore): hostile text stays text. No element other than the ones a
/// guide needs is created, no handler attribute exists, a `javascript:` link is not a link,
/// and every hostile string is still there, as text.
#[wasm_bindgen_test]
fn markdown_renders_hostile_text_as_text() {
    let hostile = "# Title <script>window.__pwned = 1</script>\n\n\
        A <img src=x onerror=\"window.__pwned = 2\"> and [link](javascript:window.__pwned=3) and **<b>bold</b>** `<code>`\n\n\
        - item <iframe src=\"https://example.com\"></iframe>\n  continued\n\n\
        | a | <i>b</i> |\n|---|---|\n| <svg onload=\"window.__pwned=4\"> | [ok](https://example.com) |\n\n\
        ```\n<style>body{display:none}</style>\n```\n";
    let document = web_sys::window().unwrap().document().unwrap();
    let target = document.create_element("div").unwrap();
    let blocks = dockwright_web::markdown::parse(hostile);
    browser::render_nodes(&target, &dockwright_web::markdown::to_nodes(&blocks));
    let all = target.get_elements_by_tag_name("*");
    let allowed = [
        "h3", "p", "ul", "li", "pre", "code", "table", "thead", "tbody", "tr", "th", "td",
        "strong", "a",
    ];
    for i in 0..all.length() {
        let el: web_sys::Element = all.item(i).unwrap();
        let tag = el.tag_name().to_lowercase();
        assert!(allowed.contains(&tag.as_str()), "unexpected <{tag}>");
        let names = el.get_attribute_names();
        for n in 0..names.length() {
            let name = names.get(n).as_string().unwrap();
            assert!(
                ["href", "rel", "target", "scope"].contains(&name.as_str()),
                "attribute {name}"
            );
        }
        if tag == "a" {
            assert_eq!(
                el.get_attribute("href").as_deref(),
                Some("https://example.com")
            );
        }
    }
    let text = target.text_content().unwrap();
    for s in [
        "<script>window.__pwned = 1</script>",
        "<img src=x onerror=\"window.__pwned = 2\">",
        "link (javascript:window.__pwned=3)",
        "<b>bold</b>",
        "<iframe src=\"https://example.com\"></iframe> continued",
        "<svg onload=\"window.__pwned=4\">",
        "<style>body{display:none}</style>",
    ] {
        assert!(text.contains(s), "{s} missing from {text}");
    }
    assert_eq!(target.get_elements_by_tag_name("a").length(), 1);
    assert_eq!(target.get_elements_by_tag_name("td").length(), 2);
}

/// The file tree's rows: folders before files, levels, sibling positions, collapsing.
#[wasm_bindgen_test]
fn file_tree_rows_nest_and_collapse() {
    use dockwright_web::tree::{rows, tree_order};
    let mut paths: Vec<String> = [
        "Dockerfile",
        "k8s/base/app.yaml",
        "docker-compose.yml",
        "k8s/overlays/prod/kustomization.yaml",
        "k8s/overlays/dev/kustomization.yaml",
        "scripts/init-db.sql",
        "k8s/base/postgres.yaml",
        ".env",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    paths.sort_by(|a, b| tree_order(a, b));
    let shown: Vec<(String, usize, usize, usize)> = rows(&paths, &Default::default())
        .into_iter()
        .map(|r| {
            (
                format!("{}{}", r.path, if r.folder { "/" } else { "" }),
                r.level,
                r.pos,
                r.size,
            )
        })
        .collect();
    let expect = |p: &str, l, pos, size| (p.to_string(), l, pos, size);
    assert_eq!(
        shown,
        vec![
            expect("k8s/", 1, 1, 5),
            expect("k8s/base/", 2, 1, 2),
            expect("k8s/base/app.yaml", 3, 1, 2),
            expect("k8s/base/postgres.yaml", 3, 2, 2),
            expect("k8s/overlays/", 2, 2, 2),
            expect("k8s/overlays/dev/", 3, 1, 2),
            expect("k8s/overlays/dev/kustomization.yaml", 4, 1, 1),
            expect("k8s/overlays/prod/", 3, 2, 2),
            expect("k8s/overlays/prod/kustomization.yaml", 4, 1, 1),
            expect("scripts/", 1, 2, 5),
            expect("scripts/init-db.sql", 2, 1, 1),
            expect(".env", 1, 3, 5),
            expect("Dockerfile", 1, 4, 5),
            expect("docker-compose.yml", 1, 5, 5),
        ]
    );
    let collapsed = ["k8s/overlays".to_string()].into_iter().collect();
    let shown: Vec<String> = rows(&paths, &collapsed)
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert!(shown.contains(&"k8s/overlays".to_string()));
    assert!(!shown.iter().any(|p| p.starts_with("k8s/overlays/")));
}
