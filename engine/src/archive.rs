//! Zip adapter over a [`Bundle`]: built in memory, deterministic (fixed timestamps, sorted
//! entries), shell scripts with mode 0755. Works on wasm32 (pure-Rust deflate).

use crate::bundle::Bundle;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub fn zip_bundle(bundle: &Bundle) -> Result<Vec<u8>, String> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    // BTreeMap iteration is already sorted by path.
    for (path, file) in &bundle.files {
        let options = base.unix_permissions(if file.executable { 0o755 } else { 0o644 });
        writer
            .start_file(path.as_str(), options)
            .map_err(|e| format!("zip {path}: {e}"))?;
        writer
            .write_all(file.text.as_bytes())
            .map_err(|e| format!("zip {path}: {e}"))?;
    }
    let cursor = writer.finish().map_err(|e| format!("zip: {e}"))?;
    Ok(cursor.into_inner())
}
