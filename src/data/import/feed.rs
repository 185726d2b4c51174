//! A district's feed (RSS 2.0, Atom or JSON Feed 1.1), read by `feed-rs`, its entries made
//! news items: every text made plain, the district from `--district` unless the entry has a
//! category naming one, themes and policies from categories naming them.
//!
//! Photos are not taken from feeds: a feed carries no caption for them, and the bundle
//! requires one (`alt`) for every photo.

use super::dates::When;
use super::draft::{entry_id, Draft};
use super::findings::{Field, Finding, Place, Why};
use super::html;
use super::{Context, Parsed};
use crate::report::Failure;
use city_comms::domain::bundle::Text;
use city_comms::domain::date::Moment;
use city_comms::domain::validate::is_safe_url;
use feed_rs::model::{Entry, Feed, FeedType};

/// What kind of feed it was, for the report.
pub fn kind_name(feed: &Feed) -> &'static str {
    match feed.feed_type {
        FeedType::Atom => "Atom",
        FeedType::JSON => "JSON Feed",
        FeedType::RSS2 => "RSS 2.0",
        FeedType::RSS1 => "RSS 1.0",
        FeedType::RSS0 => "RSS 0.9x",
    }
}

/// Parses a feed; `None` with the reason if it is not one.
pub fn parse(text: &str, path: &str) -> Result<Feed, Failure> {
    let text = without_declared_encoding(text);
    if text.trim_start().starts_with('<') {
        check_complete_xml(&text, path)?;
    }
    // No id is made up for an entry without one: the id of a news item is derived here, the
    // same on every import, from the entry's link instead.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    parser.parse(text.as_bytes()).map_err(|error| {
        let detail = error.to_string();
        let is_bundle = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .is_some_and(|value| {
                value
                    .get("format")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|format| format.starts_with("city-comms/"))
            });
        if is_bundle {
            Failure::IsBundle {
                path: path.to_owned(),
            }
        } else {
            Failure::BadFeed {
                path: path.to_owned(),
                detail,
            }
        }
    })
}

/// The text is UTF-8 (checked before), whatever its XML declaration says; a declaration
/// naming another encoding would make the parser decode it a second time, wrongly.
fn without_declared_encoding(text: &str) -> std::borrow::Cow<'_, str> {
    let start = text.trim_start();
    let Some(end) = start.strip_prefix("<?xml").and_then(|rest| rest.find("?>")) else {
        return text.into();
    };
    let declaration = &start[..end + 5 + 2];
    let Some(at) = declaration.find("encoding") else {
        return text.into();
    };
    let rest = &start[end + 7..];
    format!("{}?>{rest}", declaration[..at].trim_end()).into()
}

/// An XML feed cut off in the middle still parses as far as it goes; it must end with the
/// end tag of its root element.
fn check_complete_xml(text: &str, path: &str) -> Result<(), Failure> {
    let cut_off = || Failure::BadFeed {
        path: path.to_owned(),
        detail: "the XML ends before its root element is closed".to_owned(),
    };
    let mut rest = text.trim_start();
    // Past the declaration, comments, processing instructions and the doctype.
    loop {
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment
                .split_once("-->")
                .ok_or_else(cut_off)?
                .1
                .trim_start();
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = rest.split_once('>').ok_or_else(cut_off)?.1.trim_start();
        } else {
            break;
        }
    }
    let root: String = rest
        .strip_prefix('<')
        .unwrap_or_default()
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    if root.is_empty() {
        return Err(cut_off());
    }
    let end = text.trim_end();
    let mut tail = end;
    // Comments after the root are allowed.
    while tail.ends_with("-->") {
        tail = tail
            .rsplit_once("<!--")
            .map_or("", |(before, _)| before)
            .trim_end();
    }
    let self_closed = tail.ends_with("/>") && tail.matches('<').count() == 1;
    let closed = tail
        .strip_suffix('>')
        .map(str::trim_end)
        .and_then(|tail| tail.strip_suffix(root.as_str()))
        .is_some_and(|before| before.ends_with("</"));
    if closed || self_closed {
        Ok(())
    } else {
        Err(cut_off())
    }
}

/// The entries of `feed` as news items.
pub fn read(feed: &Feed, context: &Context) -> Parsed {
    let mut parsed = Parsed::default();
    for (index, entry) in feed.entries.iter().enumerate() {
        match item(entry, Place::Entry(index + 1), context) {
            Ok(draft) => parsed.drafts.push(draft),
            Err(findings) => parsed.findings.extend(findings),
        }
    }
    if feed.entries.is_empty() {
        parsed.notes.push(super::findings::Note::NoRows);
    }
    parsed
}

fn item(entry: &Entry, place: Place, context: &Context) -> Result<Draft, Vec<Finding>> {
    let mut findings = Vec::new();
    let mut bad = |field: Field, why: Why| findings.push(Finding { place, field, why });
    let lookup = context.lookup;

    let title = entry
        .title
        .as_ref()
        .map(|title| plain_line(&title.content, is_html(title.content_type.as_ref())))
        .unwrap_or_default();
    if title.is_empty() {
        bad(Field::Title, Why::Missing);
    }
    let summary = entry
        .summary
        .as_ref()
        .map(|summary| plain(&summary.content, is_html(summary.content_type.as_ref())))
        .filter(|summary| !summary.is_empty());
    let content = entry.content.as_ref().and_then(|content| {
        let body = content.body.as_deref()?;
        Some(plain(body, is_html(content.content_type.as_ref()))).filter(|body| !body.is_empty())
    });
    let (body, summary) = match (content, summary) {
        (Some(body), summary) => {
            let summary = summary.filter(|summary| *summary != body);
            (body, summary)
        }
        (None, Some(summary)) => (summary, None),
        (None, None) => {
            bad(Field::Body, Why::Missing);
            (String::new(), None)
        }
    };

    let moment = |time: &feed_rs::model::Entry| {
        let published = time.published.or(time.updated)?;
        Some(Moment::from_unix_millis(published.timestamp_millis() as f64))
    };
    let published = moment(entry);
    if published.is_none() {
        bad(Field::Date, Why::Missing);
    }
    let version = entry
        .updated
        .or(entry.published)
        .map(|time| Moment::from_unix_millis(time.timestamp_millis() as f64));

    let mut district = None;
    let mut themes: Vec<String> = Vec::new();
    let mut policies: Vec<String> = Vec::new();
    for category in &entry.categories {
        for name in [Some(category.term.as_str()), category.label.as_deref()]
            .into_iter()
            .flatten()
        {
            let name = html::to_line(name);
            if district.is_none() {
                district = lookup.district(&name).cloned();
            }
            if let Some(theme) = lookup
                .theme(&name)
                .filter(|id| !themes.iter().any(|t| t == id))
            {
                themes.push(theme.to_owned());
            }
            if let Some(policy) = lookup
                .policy(&name)
                .filter(|id| !policies.iter().any(|p| p == id))
            {
                policies.push(policy.to_owned());
            }
        }
    }
    let district = district.or_else(|| context.district.cloned());
    if district.is_none() {
        bad(Field::District, Why::NoDistrict);
    }

    let link = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .map(|link| link.href.trim().to_owned())
        .filter(|href| !href.is_empty());
    let absolute =
        |url: &str| is_safe_url(url) && (url.starts_with("https://") || url.starts_with("http://"));
    if let Some(link) = link.as_ref().filter(|link| !absolute(link)) {
        bad(Field::Link, Why::BadUrl(link.clone()));
    }
    let guid = entry.id.trim();
    if guid.is_empty() && link.is_none() {
        bad(Field::Guid, Why::NoStableId);
    }

    let author = entry
        .authors
        .iter()
        .filter_map(|person| person.name.as_deref().map(html::to_line))
        .filter(|name| !name.is_empty())
        .collect::<Vec<_>>()
        .join(", ");

    let (Some(published), Some(district), true) = (published, district, findings.is_empty()) else {
        return Err(findings);
    };
    let id = if guid.is_empty() {
        entry_id(&district.code, "link", link.as_deref().unwrap_or_default())
    } else {
        entry_id(&district.code, "guid", guid)
    };
    Ok(Draft {
        id,
        file: context.file,
        place,
        version,
        published: When::Moment(published),
        title: Text::thai(title),
        summary: summary.map(Text::thai),
        body: Text::thai(body),
        district,
        themes,
        policies,
        author: Some(author).filter(|author| !author.is_empty()),
        credit: None,
        images: Vec::new(),
        source_url: link,
        sample: false,
    })
}

fn is_html(content_type: &str) -> bool {
    content_type.contains("html")
}

/// Feed text as plain text. Text that still reads as markup after one pass was escaped
/// twice by its feed; a second pass leaves no tag in it.
fn plain(text: &str, html: bool) -> String {
    if !html && !html::looks_like_markup(text) {
        return text.trim().to_owned();
    }
    let once = html::to_text(text);
    if html::looks_like_markup(&once) {
        html::to_text(&once)
    } else {
        once
    }
}

fn plain_line(text: &str, html: bool) -> String {
    plain(text, html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xml_feed_must_close_its_root_element() {
        let cases = [
            ("<rss version=\"2.0\"><channel></channel></rss>", true),
            (
                "<?xml version=\"1.0\"?>\n<!-- x -->\n<rss><channel/></rss>\n<!-- end -->\n",
                true,
            ),
            ("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", true),
            (
                "<rss version=\"2.0\"><channel><item><title>ข่าว</title></item>",
                false,
            ),
            ("<rss version=\"2.0\"><channel></channel></rs", false),
            ("<?xml version=\"1.0\"?>", false),
            ("<!-- cut", false),
            ("<feed><entry/></feed >", true),
        ];
        for (text, complete) in cases {
            assert_eq!(check_complete_xml(text, "x").is_ok(), complete, "{text}");
        }
    }

    #[test]
    fn a_declared_encoding_is_dropped_from_utf8_text() {
        let cases = [
            (
                "<?xml version=\"1.0\" encoding=\"windows-874\"?><rss/>",
                "<?xml version=\"1.0\"?><rss/>",
            ),
            (
                "<?xml version=\"1.0\"?><rss/>",
                "<?xml version=\"1.0\"?><rss/>",
            ),
            ("<rss/>", "<rss/>"),
        ];
        for (text, expected) in cases {
            assert_eq!(without_declared_encoding(text), expected, "{text}");
        }
    }
}
