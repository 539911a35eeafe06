//! Entry point of the web configurator: mounts the app, nothing else.

fn main() {
    dockwright_web::mount();
}
