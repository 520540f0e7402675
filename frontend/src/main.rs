//! The WASM entry point built by Trunk; the app itself is the library.

fn main() {
    frontend::start();
}
