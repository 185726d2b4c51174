//! What the build writes beside the dataset for the places people already read: feeds (RSS
//! 2.0 and JSON Feed 1.1, in Thai and in English) for all news and for each district group,
//! district, theme and policy, a sitemap (named in `robots.txt` when the site is its host's root), and the
//! open-data export (CSV and JSON) for the city's CKAN portal.
//!
//! Every link is absolute, from the site's address given to the build (`--site-url`): a
//! feed reader or a search engine has no page to resolve a relative one against. Machine
//! fields carry ISO and RFC dates of the common era; Thai words are only in text.

mod feed;
mod open_data;
pub mod preview;
mod sitemap;
mod xml;

pub use feed::FEED_ITEMS;
#[cfg(test)]
use open_data::COLUMNS;
#[cfg(test)]
use sitemap::URLS_PER_SITEMAP;

use city_comms::domain::bundle::{paragraphs, Bundle, News, Text};
use city_comms::domain::filter::{feed_all, feed_stem, Facet};
use city_comms::domain::i18n::Lang;
use city_comms::domain::names::LANG_PARAM;

/// A file to write: its path in the site and its bytes.
pub type SiteFile = (String, Vec<u8>);

/// The address the site is published at, ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(String);

impl SiteUrl {
    /// An absolute `http:` or `https:` address with a host and no query or fragment, with a
    /// `/` added at the end if it has none.
    pub fn parse(text: &str) -> Option<SiteUrl> {
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))?;
        let host = rest.split('/').next().unwrap_or_default();
        let fine = !host.is_empty()
            && !text.contains(['?', '#', ' ', '"', '<', '>', '\\'])
            && !text.chars().any(char::is_control);
        fine.then(|| {
            let mut url = text.to_owned();
            if !url.ends_with('/') {
                url.push('/');
            }
            SiteUrl(url)
        })
    }

    /// The absolute address of `path` (relative to the site, no leading `/`).
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.0, path.trim_start_matches('/'))
    }

    /// A bundle URL (an image's `src`, say) made absolute: relative ones are the site's.
    pub fn absolute(&self, url: &str) -> String {
        if url.starts_with("https://") || url.starts_with("http://") {
            url.to_owned()
        } else {
            self.join(url)
        }
    }

    /// Whether the site is its host's root (`https://host/`), where `robots.txt` is read.
    pub fn is_host_root(&self) -> bool {
        let rest = self.0.split_once("://").map_or("", |(_, rest)| rest);
        rest.find('/') == Some(rest.len() - 1)
    }

    /// An article's page.
    pub fn article(&self, item: &News) -> String {
        self.join(&format!("news/{}", item.id))
    }

    /// A page of the app (`news?district=1001`) as a reader of `lang` opens it: Thai, the
    /// app's first language, needs nothing; English asks for itself (`lang=en`), so that a
    /// link from an English feed opens in English whatever the device's choice.
    pub fn page_in(&self, page: &str, lang: Lang) -> String {
        match lang {
            Lang::Th => self.join(page),
            Lang::En => {
                let glue = if page.contains('?') { '&' } else { '?' };
                self.join(&format!("{page}{glue}{LANG_PARAM}=en"))
            }
        }
    }
}

/// A set of news with a feed of its own, in one language: all news, or one option of one
/// filter.
pub struct Channel<'a> {
    /// The feed's path without its extension: `feeds/all`, `feeds/en/district/1001`.
    pub stem: String,
    /// The language of its titles and text.
    pub lang: Lang,
    /// What it is called.
    pub title: Text,
    /// The list page that shows the same news (`news?district=1001`).
    pub page: String,
    /// Its newest items, newest first.
    pub items: Vec<&'a News>,
}

/// Every channel of `bundle` in `lang`, with at most [`FEED_ITEMS`] items each.
pub fn channels(bundle: &Bundle, lang: Lang) -> Vec<Channel<'_>> {
    let newest = bundle.news_newest_first();
    let all = Text {
        th: "ข่าวสำนักงานเขต กรุงเทพมหานคร".to_owned(),
        en: Some("Bangkok district news".to_owned()),
    };
    let mut channels = vec![Channel {
        stem: feed_all(lang),
        lang,
        title: all.clone(),
        page: "news".to_owned(),
        items: newest.iter().take(FEED_ITEMS).copied().collect(),
    }];
    for facet in Facet::ALL {
        for option in facet.options(bundle) {
            let Some(name) = option_name(bundle, facet, option) else {
                continue;
            };
            channels.push(Channel {
                stem: feed_stem(facet, option, lang),
                lang,
                title: Text {
                    th: format!("{}: {}", all.th, name.th),
                    en: Some(format!(
                        "{}: {}",
                        all.en.as_deref().unwrap_or_default(),
                        name.en.as_deref().unwrap_or(&name.th)
                    )),
                },
                page: format!("news?{}={option}", facet.param()),
                items: newest
                    .iter()
                    .filter(|item| facet.values(item).contains(&option))
                    .take(FEED_ITEMS)
                    .copied()
                    .collect(),
            });
        }
    }
    channels
}

fn option_name(bundle: &Bundle, facet: Facet, id: &str) -> Option<Text> {
    match facet {
        Facet::Group => bundle.group(id).map(|g| g.name.clone()),
        Facet::District => bundle.district(id).map(|d| d.name.clone()),
        Facet::Theme => bundle.theme(id).map(|t| t.name.clone()),
        Facet::Policy => bundle.policy(id).map(|p| p.name.clone()),
        Facet::Topic => bundle.topic(id).map(|(_, t)| t.title.clone()),
    }
}

/// Every file the site gets beside its dataset.
pub fn site_files(bundle: &Bundle, site: &SiteUrl) -> Vec<SiteFile> {
    let mut files = Vec::new();
    for channel in Lang::ALL
        .into_iter()
        .flat_map(|lang| channels(bundle, lang))
    {
        files.push((
            format!("{}.xml", channel.stem),
            feed::rss(bundle, site, &channel).into_bytes(),
        ));
        files.push((
            format!("{}.json", channel.stem),
            feed::json_feed(bundle, site, &channel),
        ));
    }
    files.extend(sitemap::files(bundle, site));
    files.extend(sitemap::robots(site));
    files.push((
        "open-data/news.csv".to_owned(),
        open_data::csv(bundle, site),
    ));
    files.push((
        "open-data/news.json".to_owned(),
        open_data::json(bundle, site),
    ));
    files
}

/// Puts the link-preview tags ([`preview`]) into each page prerendered under `root`: an
/// article's page (`news/{id}.html`) gets its item's; any other gets the site's, with the
/// page's own title, and a theme's page the theme's summary. Gives how many pages got them.
/// Items with no page are skipped: a prerender may cover only the newest.
pub fn write_previews(
    bundle: &Bundle,
    site: &SiteUrl,
    root: &std::path::Path,
) -> Result<usize, crate::report::Failure> {
    let mut pages = Vec::new();
    for item in &bundle.news {
        let path = format!("news/{}.html", item.id);
        let Ok(page) = std::fs::read_to_string(root.join(&path)) else {
            continue;
        };
        let tags = preview::head_tags(bundle, site, item);
        if let Some(tagged) = preview::with_tags(&page, &tags) {
            pages.push((path, tagged.into_bytes()));
        }
    }
    let articles: std::collections::HashSet<String> =
        pages.iter().map(|(path, _)| path.clone()).collect();
    for path in html_files(root, std::path::Path::new("")) {
        if articles.contains(&path) {
            continue;
        }
        let Ok(page) = std::fs::read_to_string(root.join(&path)) else {
            continue;
        };
        // Only what the prerender wrote: its `#boot` holds a rendered page.
        if !page.contains("id=\"boot\" class=\"prerendered\"") {
            continue;
        }
        let Some((title, described)) = preview::title_and_description(&page) else {
            continue;
        };
        let route = path.strip_suffix(".html").unwrap_or(&path);
        let route = if route == "index" { "" } else { route };
        let theme = route
            .strip_prefix("plan/")
            .and_then(|id| bundle.plan.themes.iter().find(|theme| theme.id == id));
        let description = theme.map_or(described, |theme| theme.summary.th.clone());
        let tags = preview::page_tags(site, route, &title, &description);
        if let Some(tagged) = preview::with_tags(&page, &tags) {
            pages.push((path, tagged.into_bytes()));
        }
    }
    crate::compile::write_each(root, &pages)?;
    Ok(pages.len())
}

/// Every `.html` file under `root`'s folder `within`, by its path from `root` with `/`
/// between folders, in order.
fn html_files(root: &std::path::Path, within: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(within)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let path = within.join(name);
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            found.extend(html_files(root, &path));
        } else if name.ends_with(".html") {
            let parts: Vec<&str> = path.iter().filter_map(|part| part.to_str()).collect();
            found.push(parts.join("/"));
        }
    }
    found.sort();
    found
}

/// What a reader of `lang` sees under an item's title: its summary, else its first
/// paragraph (in Thai where the item has no English).
fn description(item: &News, lang: Lang) -> String {
    item.summary.as_ref().map_or_else(
        || {
            paragraphs(item.body.get(lang))
                .into_iter()
                .next()
                .unwrap_or_default()
        },
        |summary| summary.get(lang).to_owned(),
    )
}

/// The place an item is from, as a reader sees it: its district, else its group.
fn place(bundle: &Bundle, item: &News) -> Option<Text> {
    item.district
        .as_deref()
        .and_then(|code| bundle.district(code))
        .map(|d| d.name.clone())
        .or_else(|| {
            item.group
                .as_deref()
                .and_then(|id| bundle.group(id))
                .map(|g| g.name.clone())
        })
}

#[cfg(test)]
mod tests;
