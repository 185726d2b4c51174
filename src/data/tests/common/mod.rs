//! What the tool's tests share: a folder of their own with a copy of the default bundle,
//! and the real binary run on it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod dataset;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The default bundle, as the repository has it.
pub fn default_bundle() -> &'static str {
    include_str!("../../../../public/data/bundle.json")
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The spreadsheet template the city ships.
pub fn template() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/templates/news-import.csv")
}

/// The required columns, in the template's words.
pub const HEADER: &str = "วันที่ (date),เขต (district),หัวข้อ (title),เนื้อหา (body)";

/// A temporary folder holding `bundle.json`, a copy of the default bundle; removed on drop.
pub struct Sandbox {
    pub dir: PathBuf,
    pub bundle: PathBuf,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

impl Run {
    /// Standard output and error together.
    pub fn all(&self) -> String {
        format!("{}\n{}", self.out, self.err)
    }

    /// Fails the test if the binary panicked (a panic is a bug, whatever the input).
    pub fn assert_no_panic(&self) -> &Run {
        assert_ne!(self.code, 101, "the tool panicked: {}", self.err);
        assert!(!self.err.contains("panicked"), "{}", self.err);
        self
    }
}

impl Sandbox {
    pub fn new(name: &str) -> Sandbox {
        let dir =
            std::env::temp_dir().join(format!("city-comms-data-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let bundle = dir.join("bundle.json");
        std::fs::write(&bundle, default_bundle()).unwrap();
        Sandbox { dir, bundle }
    }

    /// Writes a file into the sandbox; its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Runs `city-comms-data import bundle.json ARGS...`.
    pub fn import(&self, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Run {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"import", &self.bundle];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Runs `city-comms-data ARGS...`.
    pub fn run(&self, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_city-comms-data"))
            .args(args.iter().map(|arg| arg.as_ref()))
            .output()
            .unwrap();
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            out: String::from_utf8_lossy(&output.stdout).into_owned(),
            err: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        run.assert_no_panic();
        run
    }

    pub fn bundle_text(&self) -> String {
        std::fs::read_to_string(&self.bundle).unwrap()
    }

    pub fn news(&self) -> Vec<Value> {
        let bundle: Value = serde_json::from_str(&self.bundle_text()).unwrap();
        bundle["news"].as_array().unwrap().clone()
    }

    /// The news items the default bundle does not have.
    pub fn imported(&self) -> Vec<Value> {
        let before = default_news_ids();
        self.news()
            .into_iter()
            .filter(|item| !before.contains(&item["id"].as_str().unwrap().to_owned()))
            .collect()
    }

    pub fn item(&self, id: &str) -> Value {
        self.news()
            .into_iter()
            .find(|item| item["id"] == id)
            .unwrap_or_else(|| panic!("no item {id}"))
    }

    /// Asserts that the bundle is byte for byte the default one.
    pub fn assert_untouched(&self) {
        assert!(
            self.bundle_text() == default_bundle(),
            "the bundle was changed"
        );
    }

    /// Asserts that the app's own validation takes the bundle without a single warning.
    pub fn assert_valid(&self) {
        let loaded = city_comms::domain::validate::parse_bundle(&self.bundle_text())
            .unwrap_or_else(|refused| panic!("refused: {:?}", refused.errors));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn default_news_ids() -> Vec<String> {
    let bundle: Value = serde_json::from_str(default_bundle()).unwrap();
    bundle["news"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A CSV of the required columns with `rows` after the header.
pub fn csv(rows: &[&str]) -> String {
    let mut text = format!("{HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

/// An RSS 2.0 feed around `items` (each an `<item>…</item>`).
pub fn rss(items: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n<title>ข่าวเขต</title>\n<link>https://www.bangkok.go.th/</link>\n<description>ข่าว</description>\n{items}</channel>\n</rss>\n"
    )
}

/// One RSS item.
pub fn rss_item(guid: &str, title: &str, date: &str, description: &str) -> String {
    format!(
        "<item><title>{title}</title><link>https://www.bangkok.go.th/news/{guid}</link><guid isPermaLink=\"false\">{guid}</guid><pubDate>{date}</pubDate><description><![CDATA[{description}]]></description></item>\n"
    )
}
