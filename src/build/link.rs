//! The app's build script: the app's wasm is linked with its relocations kept
//! (`--emit-relocs`), which wasm-split needs to cut it into the modules fetched on demand
//! (src/build/split.mjs, src/ui/on_demand.rs). Only the app's binary, and only for wasm: the
//! outbox worker's wasm is not cut, and relocations left in it would stop wasm-opt from
//! shrinking it.

fn main() {
    println!("cargo::rerun-if-changed=src/build/link.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=city-comms=--emit-relocs");
    }
}
