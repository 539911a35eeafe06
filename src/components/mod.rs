//! UI components, one concept per file.

pub mod app_section;
pub mod env_vars;
pub mod extras;
pub mod fields;
pub mod file_tree;
pub mod form;
pub mod help;
pub mod import;
pub mod kubernetes;
pub mod notices;
pub mod operations;
pub mod preview;
pub mod project;
pub mod recent;
pub mod services;
pub mod stack;
pub mod toolbar;
