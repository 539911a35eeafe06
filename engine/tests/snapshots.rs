//! One insta snapshot per preset holding every generated file under a `==> path <==` header,
//! plus checks that what the snapshot shows also parses.

use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::{generate, presets};

#[test]
fn preset_bundles() {
    for p in presets::PRESETS {
        let mut config = presets::load(p.id).unwrap();
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(42));
        let generation = generate(&config);
        assert!(
            generation.diagnostics.is_empty(),
            "{}: {:#?}",
            p.id,
            generation.diagnostics
        );
        for (path, file) in &generation.bundle.files {
            if path.ends_with(".yml") || path.ends_with(".yaml") {
                serde_yaml::from_str::<serde_yaml::Value>(&file.text)
                    .unwrap_or_else(|e| panic!("{}: {path}: {e}", p.id));
            }
            assert!(
                file.text.ends_with('\n'),
                "{}: {path} lacks a final newline",
                p.id
            );
            assert!(
                !file.text.contains("\n\n\n"),
                "{}: {path} has a double blank line",
                p.id
            );
            assert!(
                file.text.lines().all(|l| l == l.trim_end()),
                "{}: {path} has trailing whitespace",
                p.id
            );
            assert_eq!(file.executable, path.ends_with(".sh"), "{}: {path}", p.id);
        }
        insta::assert_snapshot!(p.id, generation.bundle.to_listing());
    }
}

#[test]
fn generation_is_deterministic() {
    for p in presets::PRESETS {
        let mut config = presets::load(p.id).unwrap();
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(1));
        assert_eq!(generate(&config).bundle, generate(&config).bundle);
    }
}
