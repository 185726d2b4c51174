//! RSS 2.0 and JSON Feed 1.1 for one [`Channel`]: titles and text in Thai (every item has
//! them; English is optional), dates in RFC 2822 and RFC 3339 on Bangkok's clock.

use super::{description, place, xml::escape, Channel, SiteUrl};
use city_comms::domain::bundle::{Bundle, News};
use city_comms::domain::i18n::Lang;

/// Items in each feed: the newest, as feed readers expect, not the archive.
pub const FEED_ITEMS: usize = 50;

/// The item's categories: its place, its themes and its policies, by name.
fn categories(bundle: &Bundle, item: &News) -> Vec<String> {
    let mut names: Vec<String> = place(bundle, item).map(|t| t.th).into_iter().collect();
    names.extend(
        item.themes
            .iter()
            .filter_map(|id| bundle.theme(id))
            .map(|t| t.name.th.clone()),
    );
    names.extend(
        item.policies
            .iter()
            .filter_map(|id| bundle.policy(id))
            .map(|p| p.name.th.clone()),
    );
    names
}

/// The channel as RSS 2.0.
pub fn rss(bundle: &Bundle, site: &SiteUrl, channel: &Channel) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    let line = |out: &mut String, tag: &str, text: &str| {
        out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
    };
    line(&mut out, "title", &channel.title.th);
    line(&mut out, "link", &site.join(&channel.page));
    line(&mut out, "description", channel.title.get(Lang::En));
    line(&mut out, "language", "th");
    line(&mut out, "lastBuildDate", &bundle.generated_at.to_rfc2822());
    out.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&site.join(&format!("{}.xml", channel.stem)))
    ));
    for item in &channel.items {
        let link = site.article(item);
        out.push_str("<item>\n");
        line(&mut out, "title", &item.title.th);
        line(&mut out, "link", &link);
        out.push_str(&format!(
            "<guid isPermaLink=\"true\">{}</guid>\n",
            escape(&link)
        ));
        line(&mut out, "pubDate", &item.published.to_rfc2822());
        line(&mut out, "description", &description(item));
        for category in categories(bundle, item) {
            line(&mut out, "category", &category);
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// The channel as JSON Feed 1.1.
pub fn json_feed(bundle: &Bundle, site: &SiteUrl, channel: &Channel) -> Vec<u8> {
    let items: Vec<serde_json::Value> = channel
        .items
        .iter()
        .map(|item| {
            let link = site.article(item);
            let mut entry = serde_json::json!({
                "id": link,
                "url": link,
                "title": item.title.th,
                "summary": description(item),
                "content_text": item.body.th,
                "date_published": item.published.to_rfc3339(),
                "language": "th",
                "tags": categories(bundle, item),
            });
            if let Some(image) = item.images.first() {
                entry["image"] = site.absolute(&image.src).into();
            }
            if let Some(author) = &item.author {
                entry["authors"] = serde_json::json!([{ "name": author }]);
            }
            entry
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title.th,
        "description": channel.title.get(Lang::En),
        "home_page_url": site.join(&channel.page),
        "feed_url": site.join(&format!("{}.json", channel.stem)),
        "language": "th",
        "items": items,
    });
    serde_json::to_vec_pretty(&feed).unwrap_or_default()
}
