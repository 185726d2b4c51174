//! RSS 2.0 and JSON Feed 1.1 for one [`Channel`]: titles and text in the channel's language
//! (an item with no English is in Thai in the English feeds too, marked as such in JSON
//! Feed), dates in RFC 2822 and RFC 3339 on Bangkok's clock.

use super::{description, place, xml::escape, Channel, SiteUrl};
use city_comms::domain::bundle::{Bundle, News};
use city_comms::domain::i18n::Lang;

/// Items in each feed: the newest, as feed readers expect, not the archive.
pub const FEED_ITEMS: usize = 50;

/// The item's categories in `lang`: its place, its themes and its policies, by name.
fn categories(bundle: &Bundle, item: &News, lang: Lang) -> Vec<String> {
    let mut names: Vec<String> = place(bundle, item)
        .map(|t| t.get(lang).to_owned())
        .into_iter()
        .collect();
    names.extend(
        item.themes
            .iter()
            .filter_map(|id| bundle.theme(id))
            .map(|t| t.name.get(lang).to_owned()),
    );
    names.extend(
        item.policies
            .iter()
            .filter_map(|id| bundle.policy(id))
            .map(|p| p.name.get(lang).to_owned()),
    );
    names
}

/// An item's page as the channel's reader opens it.
fn link(site: &SiteUrl, channel: &Channel, item: &News) -> String {
    site.page_in(&format!("news/{}", item.id), channel.lang)
}

/// The channel as RSS 2.0.
pub fn rss(bundle: &Bundle, site: &SiteUrl, channel: &Channel) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    let line = |out: &mut String, tag: &str, text: &str| {
        out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
    };
    let lang = channel.lang;
    line(&mut out, "title", channel.title.get(lang));
    line(&mut out, "link", &site.page_in(&channel.page, lang));
    line(&mut out, "description", channel.title.get(lang.other()));
    line(&mut out, "language", lang.as_str());
    line(&mut out, "lastBuildDate", &bundle.generated_at.to_rfc2822());
    out.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&site.join(&format!("{}.xml", channel.stem)))
    ));
    for item in &channel.items {
        let link = link(site, channel, item);
        out.push_str("<item>\n");
        line(&mut out, "title", item.title.get(lang));
        line(&mut out, "link", &link);
        out.push_str(&format!(
            "<guid isPermaLink=\"true\">{}</guid>\n",
            escape(&link)
        ));
        line(&mut out, "pubDate", &item.published.to_rfc2822());
        line(&mut out, "description", &description(item, lang));
        for category in categories(bundle, item, lang) {
            line(&mut out, "category", &category);
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// The channel as JSON Feed 1.1.
pub fn json_feed(bundle: &Bundle, site: &SiteUrl, channel: &Channel) -> Vec<u8> {
    let lang = channel.lang;
    let items: Vec<serde_json::Value> = channel
        .items
        .iter()
        .map(|item| {
            let link = link(site, channel, item);
            let mut entry = serde_json::json!({
                "id": link,
                "url": link,
                "title": item.title.get(lang),
                "summary": description(item, lang),
                "content_text": item.body.get(lang),
                "date_published": item.published.to_rfc3339(),
                "language": item.body.lang_of(lang).as_str(),
                "tags": categories(bundle, item, lang),
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
        "title": channel.title.get(lang),
        "description": channel.title.get(lang.other()),
        "home_page_url": site.page_in(&channel.page, lang),
        "feed_url": site.join(&format!("{}.json", channel.stem)),
        "language": lang.as_str(),
        "items": items,
    });
    serde_json::to_vec_pretty(&feed).unwrap_or_default()
}
