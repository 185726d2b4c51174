//! The three settings the app runs in, and the addresses that keep or drop them.
//!
//! The mode comes from the address (`mode=kiosk|embed`) and stays in every address the app
//! makes, so that a reload or a shared link opens the same setting. The address handed to a
//! phone from a kiosk drops it again: the phone is the citizen's own.

/// Where the app is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A citizen's own phone or computer.
    #[default]
    Default,
    /// A touch screen in a district office, used by strangers one after another.
    Kiosk,
    /// Inside another site's page, in an `<iframe>`.
    Embed,
}

/// The idle time after which a kiosk starts its countdown, unless the address sets another.
pub const KIOSK_IDLE_DEFAULT_SECS: u32 = 90;
/// The shortest and longest idle time an address may set (`idle=`, in seconds).
pub const KIOSK_IDLE_RANGE: std::ops::RangeInclusive<u32> = 5..=3_600;
/// How long the countdown lasts before a kiosk resets.
pub const KIOSK_COUNTDOWN_SECS: u32 = 15;

const MODE: &str = "mode";
const IDLE: &str = "idle";

impl Mode {
    /// Reads `mode=`; anything but `kiosk` or `embed` is the default, as the contract says of
    /// unknown values.
    ///
    /// `src/build/before-paint.js` reads `mode=` the same way before the first paint, for the
    /// prerendered page; `tests/e2e/prerender.test.mjs` checks the embed case.
    pub fn parse(value: Option<&str>) -> Mode {
        match value.map(str::trim) {
            Some("kiosk") => Mode::Kiosk,
            Some("embed") => Mode::Embed,
            _ => Mode::Default,
        }
    }

    /// The value of `mode=` (and of `client.mode` in a story).
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Default => "default",
            Mode::Kiosk => "kiosk",
            Mode::Embed => "embed",
        }
    }

    /// `href` (a path of the app, with or without a query and a fragment) with this mode in
    /// its query, replacing any mode it had; the default mode leaves no trace.
    pub fn keep_in(self, href: &str) -> String {
        let own = format!("{MODE}={}", self.as_str());
        rebuild(
            href,
            &[MODE],
            (self != Mode::Default).then_some(own.as_str()),
        )
    }
}

/// `href` without the query parameters named in `drop`, and with `add` at the end of its
/// query; the order of the others and any fragment are kept.
fn rebuild(href: &str, drop: &[&str], add: Option<&str>) -> String {
    let (before_fragment, fragment) = match href.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (href, None),
    };
    let (path, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let name = |pair: &str| {
        pair.split_once('=')
            .map_or(pair, |(name, _)| name)
            .to_owned()
    };
    let pairs: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !drop.contains(&name(pair).as_str()))
        .chain(add)
        .collect();
    let mut out = path.to_owned();
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// The idle time of a kiosk from `idle=` (seconds): the default when absent or not a
/// number, and kept within [`KIOSK_IDLE_RANGE`].
pub fn kiosk_idle_secs(value: Option<&str>) -> u32 {
    value
        .and_then(|v| v.trim().parse::<u32>().ok())
        .map_or(KIOSK_IDLE_DEFAULT_SECS, |secs| {
            secs.clamp(*KIOSK_IDLE_RANGE.start(), *KIOSK_IDLE_RANGE.end())
        })
}

/// The address to hand from a kiosk to a citizen's phone: the same page without the
/// kiosk's own parameters.
pub fn for_own_device(href: &str) -> String {
    rebuild(href, &[MODE, IDLE], None)
}

/// Whether the parent page of an embedded app may hear from it: its origin is listed in the
/// bundle's `embed_origins`, or it is the app's own origin (the `/embed` preview).
pub fn may_tell_parent(parent_origin: &str, own_origin: &str, listed: &[String]) -> bool {
    let parent = parent_origin.trim_end_matches('/');
    let own = !parent.is_empty() && parent != "null" && parent == own_origin.trim_end_matches('/');
    own || origin_listed(parent, listed)
}

/// Whether `origin` (`https://host[:port]`) is one of `listed`, as a bundle's
/// `embed_origins` lists them: in any case, with or without a closing `/`. The sites that
/// may embed the app are also those whose data `bundle=` may name.
pub fn origin_listed(origin: &str, listed: &[String]) -> bool {
    let origin = origin.trim_end_matches('/');
    !origin.is_empty()
        && origin != "null"
        && listed
            .iter()
            .any(|entry| entry.trim_end_matches('/').eq_ignore_ascii_case(origin))
}

/// The message an embedded app sends its parent when its height changes.
pub fn height_message(height: f64, path: &str) -> String {
    let height = if height.is_finite() && height > 0.0 {
        height.ceil() as u64
    } else {
        0
    };
    serde_json::json!({ "type": HEIGHT_MESSAGE_TYPE, "height": height, "path": path }).to_string()
}

/// The `type` of the height message.
pub const HEIGHT_MESSAGE_TYPE: &str = "city-comms:height";

/// What a city web officer chose on `/embed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedChoice {
    /// The app's address of the page to embed, `mode=embed` included.
    pub src: String,
    /// The frame's accessible name.
    pub title: String,
    /// The starting height in CSS pixels.
    pub height: u32,
    /// Whether the snippet follows the app's height messages.
    pub follow_height: bool,
}

/// The HTML a city website pastes to embed the app as chosen. The frame's height is an
/// attribute, not a style, so that a strict Content Security Policy on the host page lets
/// the script change it.
pub fn embed_snippet(choice: &EmbedChoice, app_origin: &str) -> String {
    let mut html = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" loading=\"lazy\" \
         style=\"border:0\"></iframe>",
        escape_attribute(&choice.src),
        escape_attribute(&choice.title),
        choice.height
    );
    if choice.follow_height {
        html.push_str(&format!(
            "\n<script>\n\
             addEventListener(\"message\", function (event) {{\n\
             \x20 if (event.origin !== \"{origin}\" || !event.data || event.data.type !== \"{kind}\") return;\n\
             \x20 document.querySelectorAll(\"iframe\").forEach(function (frame) {{\n\
             \x20   if (frame.contentWindow === event.source) frame.height = String(event.data.height);\n\
             \x20 }});\n\
             }});\n\
             </script>",
            origin = escape_script_string(app_origin),
            kind = HEIGHT_MESSAGE_TYPE,
        ));
    }
    html
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An origin as the body of a double-quoted script string inside `<script>`.
fn escape_script_string(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '"' | '\\' | '<' | '>' | '\n' | '\r'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_modes_are_the_default() {
        assert_eq!(Mode::parse(Some("kiosk")), Mode::Kiosk);
        assert_eq!(Mode::parse(Some(" embed ")), Mode::Embed);
        assert_eq!(Mode::parse(Some("KIOSK")), Mode::Default);
        assert_eq!(Mode::parse(Some("<script>")), Mode::Default);
        assert_eq!(Mode::parse(None), Mode::Default);
    }

    #[test]
    fn the_mode_is_kept_in_every_address() {
        assert_eq!(Mode::Kiosk.keep_in("/news"), "/news?mode=kiosk");
        assert_eq!(
            Mode::Embed.keep_in("/news?district=1001&q=x#top"),
            "/news?district=1001&q=x&mode=embed#top"
        );
        assert_eq!(Mode::Kiosk.keep_in("/?mode=embed"), "/?mode=kiosk");
        assert_eq!(Mode::Default.keep_in("/news?mode=kiosk&q=a"), "/news?q=a");
        assert_eq!(Mode::Default.keep_in("/plan"), "/plan");
        // A parameter that only starts with "mode" is someone else's.
        assert_eq!(Mode::Kiosk.keep_in("/?model=1"), "/?model=1&mode=kiosk");
    }

    #[test]
    fn a_phone_gets_the_page_without_the_kiosk() {
        assert_eq!(
            for_own_device("https://x.test/news/n1?mode=kiosk&idle=30&lang=en"),
            "https://x.test/news/n1?lang=en"
        );
        assert_eq!(for_own_device("/plan?mode=kiosk"), "/plan");
    }

    #[test]
    fn idle_time_comes_from_the_address_within_bounds() {
        assert_eq!(kiosk_idle_secs(None), 90);
        assert_eq!(kiosk_idle_secs(Some("30")), 30);
        assert_eq!(kiosk_idle_secs(Some("1")), 5);
        assert_eq!(kiosk_idle_secs(Some("999999")), 3_600);
        assert_eq!(kiosk_idle_secs(Some("soon")), 90);
    }

    #[test]
    fn only_listed_parents_hear_the_height() {
        let listed = vec!["https://www.bangkok.go.th".to_owned()];
        let own = "https://app.bangkok.go.th";
        assert!(may_tell_parent("https://www.bangkok.go.th", own, &listed));
        assert!(may_tell_parent("https://WWW.bangkok.go.th/", own, &listed));
        assert!(may_tell_parent(own, own, &listed));
        assert!(!may_tell_parent("https://evil.test", own, &listed));
        assert!(!may_tell_parent(
            "https://www.bangkok.go.th.evil.test",
            own,
            &listed
        ));
        assert!(!may_tell_parent("null", own, &listed));
        assert!(!may_tell_parent("", own, &[]));
        // The same list says whose data `bundle=` may name.
        assert!(origin_listed("https://WWW.bangkok.go.th", &listed));
        assert!(!origin_listed("https://bangkok.go.th", &listed));
        assert!(!origin_listed("null", &["null".to_owned()]));
    }

    #[test]
    fn the_height_message_is_whole_pixels() {
        let message: serde_json::Value =
            serde_json::from_str(&height_message(812.3, "/news?mode=embed")).unwrap();
        assert_eq!(message["type"], "city-comms:height");
        assert_eq!(message["height"], 813);
        assert_eq!(message["path"], "/news?mode=embed");
        let broken: serde_json::Value =
            serde_json::from_str(&height_message(f64::NAN, "/")).unwrap();
        assert_eq!(broken["height"], 0);
    }

    fn choice(follow_height: bool) -> EmbedChoice {
        EmbedChoice {
            src: "https://app.test/news?district=1001&lang=th&mode=embed".into(),
            title: "ข่าว \"เขตพระนคร\"".into(),
            height: 640,
            follow_height,
        }
    }

    #[test]
    fn the_snippet_escapes_what_it_quotes() {
        let html = embed_snippet(&choice(false), "https://app.test");
        assert_eq!(
            html,
            "<iframe src=\"https://app.test/news?district=1001&amp;lang=th&amp;mode=embed\" \
             title=\"ข่าว &quot;เขตพระนคร&quot;\" width=\"100%\" height=\"640\" loading=\"lazy\" \
             style=\"border:0\"></iframe>"
        );
    }

    #[test]
    fn the_snippet_listens_only_to_the_app() {
        let html = embed_snippet(&choice(true), "https://app.test\"</script>");
        assert!(html.contains("event.origin !== \"https://app.test/script\""));
        assert!(html.contains("event.data.type !== \"city-comms:height\""));
        assert_eq!(html.matches("</script>").count(), 1);
    }
}
