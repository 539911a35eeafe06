//! Converts the YAML presets to JSON at build time, so the engine embeds JSON and the browser
//! build needs no YAML parser at run time.

use std::path::Path;

fn main() {
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("presets");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/presets");
    println!("cargo:rerun-if-changed=presets");
    let mut entries: Vec<_> = std::fs::read_dir("presets")
        .expect("presets/")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).expect("read preset");
            let value: serde_json::Value =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            std::fs::write(
                out.join(format!("{name}.json")),
                serde_json::to_string(&value).unwrap(),
            )
            .expect("write preset json");
        }
    }
}
