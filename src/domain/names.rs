//! Names that the app and its JavaScript (the service worker, the script that runs before the
//! first paint) must spell alike: where the device keeps things, how the two sides talk.
//!
//! They live here and nowhere else. `src/build/shared-names.json` is generated from
//! [`for_javascript`] by a host test (`tests/shared_names.rs`, which fails when the file is
//! stale), and the build writes its values into the JavaScript files (`src/build/finish.mjs`).

use super::i18n::{Lang, Msg};
use super::mode::Mode;

/// The IndexedDB database of the outbox and the drafts.
pub const DEVICE_DB: &str = "city-comms";
/// Its schema version.
pub const DEVICE_DB_VERSION: u32 = 1;
/// Outbox entries (the JSON of `domain::outbox::OutboxEntry`), keyed by story id.
pub const OUTBOX_STORE: &str = "outbox";
/// Drafts of the story form, keyed by the form they belong to.
pub const DRAFTS_STORE: &str = "drafts";
/// The Web Lock held by whoever delivers the outbox (one tab, or the service worker).
pub const DELIVERY_LOCK: &str = "city-comms-outbox";
/// The BroadcastChannel on which tabs say that the outbox changed.
pub const OUTBOX_CHANNEL: &str = "city-comms-outbox";
/// The Background Sync tag that wakes the service worker to deliver.
pub const SYNC_TAG: &str = "outbox";
/// The `localStorage` key of the citizen's language choice.
pub const LANG_KEY: &str = "city-comms.lang";
/// The address parameter that names the language.
pub const LANG_PARAM: &str = "lang";
/// The address parameter that names the setting.
pub const MODE_PARAM: &str = "mode";

/// Where the source bundle is, relative to the app's base URL: read whole when no dataset is
/// published beside the app (a small site, or `trunk serve`).
pub const BUNDLE_PATH: &str = "data/bundle.json";
/// Where the compiled dataset's manifest is, relative to the app's base URL: what the app
/// reads by default.
pub const MANIFEST_PATH: &str = "data/manifest.json";
/// The query that names the service worker's refreshed copy of either, kept aside until the
/// app has validated it (`data/manifest.json?candidate`).
pub const CANDIDATE_QUERY: &str = "candidate";

/// What keeps the app's own page (not the `#boot` copy it came with) out of sight: a place
/// marked `aria-busy` while it waits for data it asked for, or a "loading" line. A place
/// marked `data-shown-busy` (the news filters' counts) is shown while busy and keeps no page
/// waiting: the cards need not wait for their counts.
pub const PAGE_WAITING: &str =
    r#"[aria-busy="true"]:not(#boot *):not([data-shown-busy]), .loading:not(#boot *)"#;
/// What a prerendered copy of a page waits for before it is written: every busy place,
/// counts included, and every place left for later (`data-later`), since the copy is read
/// whole on a wide screen.
pub const PAGE_UNSETTLED: &str = r#"[data-later], [aria-busy="true"]:not(#boot *)"#;
/// The controls of a prerendered page that take typing before the app has started: the
/// search box. The build leaves them enabled where it disables every other control (what
/// was done there would be lost), and the app carries what was typed into its own page
/// (`browser::document::reveal_app`).
pub const TYPED_EARLY: &str = r#"input[type="search"]"#;
/// The Element Timing name of a news card's headline, so that a benchmark can tell when a
/// card was painted, not only put in the page (tests/e2e/measure.mjs).
pub const CARD_PAINT_MARK: &str = "news-card";
/// The Element Timing name of an article's title, likewise.
pub const ARTICLE_PAINT_MARK: &str = "article";
/// How long, at most, the app keeps its page out of sight while [`PAGE_WAITING`] finds
/// something, after it is ready to show it.
pub const REVEAL_WAIT_MS: u32 = 4_000;

/// How often, at most, the app looks for a new version of itself and of the news, as the
/// citizen moves from page to page and comes back to it.
pub const UPDATE_CHECK_MS: u32 = 30_000;

/// The service worker's cache of the dataset's files (all but the manifest), which the app
/// reads to know what the device holds.
pub const DATA_FILES_CACHE: &str = "city-comms-data-files";

/// The header the service worker adds to a dataset file it served but could not keep: the
/// device has no room left (the browser refused to store it).
pub const NOT_KEPT_HEADER: &str = "x-city-comms-not-kept";

/// The global property in which the loader of the modules on demand (`src/build/split.mjs`)
/// leaves why the module it last fetched did not come ([`ModuleFailure`]); the app reads it,
/// and removes it, when it hears of the failure (`browser::module`).
pub const MODULE_FAILURE_GLOBAL: &str = "cityCommsModuleFailure";

/// Why a module on demand did not come, as its loader found out: what the citizen can do
/// about it differs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ModuleFailure {
    /// No answer, or a connection that broke on the way: try again once online.
    #[default]
    NoAnswer,
    /// The site no longer has the file (404 or 410): the app was most likely updated since
    /// the page was opened, and a reload brings the new version.
    Gone,
    /// The site answered with another error, or not with a wasm module: try again later.
    Refused,
    /// The file came, but not as the build wrote it (its integrity did not match), and asked
    /// again it still does not: changed on the way, by a network that wants a sign-in, say.
    Altered,
}

impl ModuleFailure {
    /// Every reason, for the generated table.
    pub const ALL: [ModuleFailure; 4] = [
        ModuleFailure::NoAnswer,
        ModuleFailure::Gone,
        ModuleFailure::Refused,
        ModuleFailure::Altered,
    ];

    /// The word the loader leaves.
    pub fn as_str(self) -> &'static str {
        match self {
            ModuleFailure::NoAnswer => "no-answer",
            ModuleFailure::Gone => "gone",
            ModuleFailure::Refused => "refused",
            ModuleFailure::Altered => "altered",
        }
    }

    /// The reason this word names, if it names one.
    pub fn parse(word: &str) -> Option<ModuleFailure> {
        ModuleFailure::ALL
            .into_iter()
            .find(|reason| reason.as_str() == word)
    }
}

/// What a page and the service worker say to each other (`{ type }` messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkerMessage {
    /// Page to worker: say again what you said before I listened.
    Hello,
    /// Page to a waiting worker: take over (the citizen chose "reload to update").
    SkipWaiting,
    /// Page to worker: the candidate bundle is valid; keep it.
    PromoteBundle,
    /// Page to worker: the candidate bundle is not valid; throw it away.
    RejectBundle,
    /// Worker to page: a changed bundle waits aside for validation.
    BundleCandidate,
    /// Worker to page: the server could not be reached.
    NetworkFailed,
    /// Worker to page: the server answered again.
    NetworkOk,
    /// Worker to page: the device is back online; deliver the outbox.
    OutboxSync,
    /// Page to worker: the citizen keeps the whole archive here; the storage budget leaves
    /// the dataset's files alone.
    KeepArchive,
    /// Page to worker: the citizen no longer keeps the whole archive; the budget applies.
    ReleaseArchive,
}

impl WorkerMessage {
    /// Every message, for the generated table.
    pub const ALL: [WorkerMessage; 10] = [
        WorkerMessage::Hello,
        WorkerMessage::SkipWaiting,
        WorkerMessage::PromoteBundle,
        WorkerMessage::RejectBundle,
        WorkerMessage::BundleCandidate,
        WorkerMessage::NetworkFailed,
        WorkerMessage::NetworkOk,
        WorkerMessage::OutboxSync,
        WorkerMessage::KeepArchive,
        WorkerMessage::ReleaseArchive,
    ];

    /// The message's `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkerMessage::Hello => "hello",
            WorkerMessage::SkipWaiting => "skip-waiting",
            WorkerMessage::PromoteBundle => "promote-bundle",
            WorkerMessage::RejectBundle => "reject-bundle",
            WorkerMessage::BundleCandidate => "bundle-candidate",
            WorkerMessage::NetworkFailed => "network-failed",
            WorkerMessage::NetworkOk => "network-ok",
            WorkerMessage::OutboxSync => "outbox-sync",
            WorkerMessage::KeepArchive => "keep-archive",
            WorkerMessage::ReleaseArchive => "release-archive",
        }
    }

    /// The message of this `type`, if it is one.
    pub fn parse(kind: &str) -> Option<WorkerMessage> {
        WorkerMessage::ALL
            .into_iter()
            .find(|message| message.as_str() == kind)
    }

    /// The name the JavaScript side uses for it (`SKIP_WAITING`).
    fn constant(self) -> String {
        self.as_str().replace('-', "_").to_ascii_uppercase()
    }
}

/// Every name above as one JSON object, which the build writes into the JavaScript files.
pub fn for_javascript() -> serde_json::Value {
    let messages: serde_json::Map<String, serde_json::Value> = WorkerMessage::ALL
        .into_iter()
        .map(|message| (message.constant(), message.as_str().into()))
        .collect();
    // What the start-up script says when the app cannot start (its wasm failed to load, or
    // is not the build's own) or stops on a bug (a panic): the app's own words for a crash,
    // and for the link that opens the page again, in each language.
    let crash_notice: Vec<serde_json::Value> = [Lang::Th, Lang::En]
        .into_iter()
        .map(|lang| {
            serde_json::json!({
                "lang": lang.as_str(),
                "title": Msg::CrashTitle.text(lang),
                "help": Msg::CrashHelp.text(lang),
                "reload": Msg::Reload.text(lang),
            })
        })
        .collect();
    serde_json::json!({
        "deviceDb": DEVICE_DB,
        "deviceDbVersion": DEVICE_DB_VERSION,
        "outboxStore": OUTBOX_STORE,
        "draftsStore": DRAFTS_STORE,
        "deliveryLock": DELIVERY_LOCK,
        "outboxChannel": OUTBOX_CHANNEL,
        "syncTag": SYNC_TAG,
        "langKey": LANG_KEY,
        "langParam": LANG_PARAM,
        "modeParam": MODE_PARAM,
        "languages": [Lang::Th.as_str(), Lang::En.as_str()],
        "defaultLanguage": Lang::default().as_str(),
        "modes": [Mode::Default.as_str(), Mode::Kiosk.as_str(), Mode::Embed.as_str()],
        "messages": messages,
        "bundlePath": BUNDLE_PATH,
        "manifestPath": MANIFEST_PATH,
        "candidateQuery": CANDIDATE_QUERY,
        "contentNamed": super::dataset::content_named_pattern(),
        "crashNotice": crash_notice,
        "pageWaiting": PAGE_WAITING,
        "pageUnsettled": PAGE_UNSETTLED,
        "typedEarly": TYPED_EARLY,
        "paintMarks": { "card": CARD_PAINT_MARK, "article": ARTICLE_PAINT_MARK },
        "revealWaitMs": REVEAL_WAIT_MS,
        "updateCheckMs": UPDATE_CHECK_MS,
        "dataFilesCache": DATA_FILES_CACHE,
        "notKeptHeader": NOT_KEPT_HEADER,
        "moduleFailure": {
            "global": MODULE_FAILURE_GLOBAL,
            "noAnswer": ModuleFailure::NoAnswer.as_str(),
            "gone": ModuleFailure::Gone.as_str(),
            "refused": ModuleFailure::Refused.as_str(),
            "altered": ModuleFailure::Altered.as_str(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_reads_back_from_its_type() {
        for message in WorkerMessage::ALL {
            assert_eq!(WorkerMessage::parse(message.as_str()), Some(message));
        }
        assert_eq!(WorkerMessage::parse("reload"), None);
    }

    #[test]
    fn every_reason_a_module_did_not_come_reads_back_from_its_word() {
        for reason in ModuleFailure::ALL {
            assert_eq!(ModuleFailure::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(ModuleFailure::parse("offline"), None);
    }

    const GENERATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/build/shared-names.json");

    #[test]
    fn the_javascript_side_reads_these_very_names() {
        let mut generated = serde_json::to_string_pretty(&for_javascript()).unwrap();
        generated.push('\n');
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            std::fs::write(GENERATED, &generated).unwrap();
        }
        let written = std::fs::read_to_string(GENERATED).unwrap_or_default();
        assert!(
            written == generated,
            "src/build/shared-names.json is out of date with src/domain/names.rs; \
             regenerate it with `UPDATE_GENERATED=1 cargo test --lib names`"
        );
    }

    #[test]
    fn javascript_names_cover_every_message_once() {
        let names = for_javascript();
        let messages = names["messages"].as_object().cloned().unwrap_or_default();
        assert_eq!(messages.len(), WorkerMessage::ALL.len());
        assert_eq!(messages["SKIP_WAITING"], "skip-waiting");
    }
}
