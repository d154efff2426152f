//! The browser app's entry point (built by Trunk for wasm32). Natively there is nothing to
//! run: the command-line tool is `kumozu`.

#[cfg(target_arch = "wasm32")]
fn main() {
    kumozu::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
