//! The zip adapter: deterministic bytes, sorted entries, 0755 scripts, contents equal to the bundle.

use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::{archive, generate, presets};
use std::io::Read;

#[test]
fn zip_is_deterministic_and_faithful() {
    for p in presets::PRESETS {
        let mut config = presets::load(p.id).unwrap();
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(4));
        let bundle = generate(&config).bundle;
        let a = archive::zip_bundle(&bundle).unwrap();
        let b = archive::zip_bundle(&bundle).unwrap();
        assert_eq!(a, b, "{}: zip bytes differ between runs", p.id);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().to_string())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(names, bundle.files.keys().cloned().collect::<Vec<_>>());
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry.name().to_string();
            let mode = entry.unix_mode().unwrap() & 0o777;
            assert_eq!(
                mode,
                if name.ends_with(".sh") { 0o755 } else { 0o644 },
                "{name}"
            );
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            assert_eq!(text.as_str(), &*bundle.files[&name].text);
        }
    }
}
