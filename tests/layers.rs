//! The layering of `src/` (see `src/lib.rs`), kept by a test: the domain uses no browser
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! crate, and only the browser layer touches web APIs directly.

use std::fs;
use std::path::Path;

fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            found.push((path.display().to_string(), text));
        }
    }
    found
}

fn mentions(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !is_ident(before) && !is_ident(after)
    })
}

fn assert_none_mention(layer: &str, crates: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer);
    let files = sources(&dir);
    assert!(!files.is_empty(), "no sources under {}", dir.display());
    for (path, text) in files {
        for name in crates {
            assert!(
                !mentions(&text, name),
                "{path} mentions {name}, which does not belong in src/{layer}"
            );
        }
    }
}

#[test]
fn the_domain_layer_uses_no_browser_crate() {
    assert_none_mention(
        "domain",
        &[
            "leptos",
            "leptos_router",
            "web_sys",
            "js_sys",
            "gloo",
            "wasm_bindgen",
        ],
    );
}

#[test]
fn state_and_components_reach_the_browser_only_through_the_browser_layer() {
    for layer in ["state", "ui"] {
        assert_none_mention(layer, &["web_sys", "js_sys", "wasm_bindgen"]);
    }
}

#[test]
fn the_word_check_finds_whole_names_only() {
    assert!(mentions("use web_sys::Window;", "web_sys"));
    assert!(!mentions("let my_web_sys_thing = 1;", "web_sys"));
}
