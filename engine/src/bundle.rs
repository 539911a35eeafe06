//! The bundle: a sorted map of path -> file, what every adapter (zip, preview, disk) consumes.

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BundleFile {
    /// Shared with the renderer's memory: an unchanged file is the same allocation as in the
    /// previous generation (`Arc::ptr_eq`).
    pub text: Arc<str>,
    /// Shell scripts are written with mode 0755.
    pub executable: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Bundle {
    pub files: BTreeMap<String, BundleFile>,
}

impl Bundle {
    /// Writes every file under `dir`, scripts with mode 0755.
    pub fn write_to_dir(&self, dir: &std::path::Path) -> std::io::Result<()> {
        for (path, file) in &self.files {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, file.text.as_bytes())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = if file.executable { 0o755 } else { 0o644 };
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode))?;
            }
        }
        Ok(())
    }

    /// Every file under a `==> path <==` header, the form snapshots use.
    pub fn to_listing(&self) -> String {
        let mut out = String::new();
        for (path, file) in &self.files {
            let mode = if file.executable { " (0755)" } else { "" };
            out.push_str(&format!("==> {path}{mode} <==\n{}", file.text));
            if !file.text.ends_with('\n') {
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}
