//! Snapshot tests driven by folders of input configurations: every preset (`engine/presets/`)
//! and every edge case (`engine/tests/inputs/`) is rendered, checked to parse and be tidy, and
//! snapshotted whole (every file under a `==> path <==` header). A new input file is a new
//! test; nothing here lists them.

use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::{generate, Config};
use std::path::Path;

/// Renders one input file and checks what a snapshot cannot show: YAML parses, every file ends
/// with a newline, no double blank lines or trailing spaces, only scripts are executable.
fn bundle_listing(input: &Path, allow_warnings: bool) -> String {
    let name = input.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(input).unwrap();
    let mut config = Config::from_text(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    fill_missing_secrets(&mut config, &mut DeterministicEntropy(42));
    let generation = generate(&config);
    let unexpected: Vec<_> = generation
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || !allow_warnings)
        .collect();
    assert!(unexpected.is_empty(), "{name}: {unexpected:#?}");
    assert!(
        generation.failures.is_empty(),
        "{name}: {:#?}",
        generation.failures
    );
    for (path, file) in &generation.bundle.files {
        if path.ends_with(".yml") || path.ends_with(".yaml") {
            // Kubernetes manifests are streams of several documents.
            for document in serde_yaml::Deserializer::from_str(&file.text) {
                <serde_yaml::Value as serde::Deserialize>::deserialize(document)
                    .unwrap_or_else(|e| panic!("{name}: {path}: {e}"));
            }
        }
        assert!(
            file.text.ends_with('\n'),
            "{name}: {path} lacks a final newline"
        );
        assert!(
            !file.text.contains("\n\n\n"),
            "{name}: {path} has a double blank line"
        );
        assert!(
            file.text.lines().all(|l| l == l.trim_end()),
            "{name}: {path} has trailing whitespace"
        );
        assert_eq!(file.executable, path.ends_with(".sh"), "{name}: {path}");
    }
    generation.bundle.to_listing()
}

#[test]
fn preset_bundles() {
    // Presets are what most people start from: not even a warning.
    insta::glob!("../presets", "*.yaml", |input| {
        insta::assert_snapshot!("preset", bundle_listing(input, false));
    });
}

#[test]
fn edge_case_bundles() {
    insta::glob!("inputs", "*.yaml", |input| {
        insta::assert_snapshot!("edge", bundle_listing(input, true));
    });
}

#[test]
fn generation_is_deterministic() {
    for p in dockwright_engine::presets::PRESETS {
        let mut config = dockwright_engine::presets::load(p.id).unwrap();
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(1));
        assert_eq!(generate(&config).bundle, generate(&config).bundle);
    }
}
