//! dockwright-web: the browser configurator, a thin Leptos (CSR) layer over
//! `dockwright-engine`. Everything runs client-side: no server, no network request.

pub mod app;
pub mod browser;
pub mod components;
pub mod diff;
pub mod field_help;
pub mod highlight;
pub mod labels;
pub mod markdown;
pub mod markup;
pub mod recent;
pub mod slices;
pub mod state;
pub mod tree;

/// Mounts the configurator into `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
