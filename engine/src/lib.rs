//! dockwright-engine: turns one typed configuration into a production-grade Docker deployment
//! bundle. Pure Rust with no web dependency: the same crate powers the CLI, the tests and the
//! browser app (compiled to wasm32).
//!
//! Pipeline: [`Config`] -> [`resolve::Resolved`] -> [`validate`] diagnostics and
//! [`output::plan`] (the files, as data) -> one typed [`output::Context`] per file -> minijinja
//! template -> [`Bundle`] (a sorted map of path -> text). [`output::Renderer`] re-renders only
//! the files whose context changed. Zip, preview and share links are adapters over that map or
//! over the configuration.

pub mod archive;
pub mod bundle;
pub mod compose;
pub mod config;
pub mod diagnostics;
pub mod dotenv;
pub mod encoding;
pub mod import;
pub mod kubernetes;
pub mod output;
pub mod presets;
pub mod resolve;
pub mod schema;
pub mod secret;
pub mod share;
pub mod stack;
pub mod templates;
pub mod validate;
pub mod yaml;

pub use bundle::{Bundle, BundleFile};
pub use config::Config;
pub use diagnostics::{Diagnostic, Severity};
pub use output::{generate, generate_with, Generation, Renderer};
