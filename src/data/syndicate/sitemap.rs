//! `sitemap.xml`: every public page, with the day it last changed. Past
//! [`URLS_PER_SITEMAP`] addresses (the protocol's limit) it becomes an index of
//! `sitemaps/{n}.xml`, each within the limit.

use super::{xml::escape, SiteFile, SiteUrl};
use city_comms::domain::bundle::Bundle;

/// The most addresses one sitemap may list (sitemaps.org).
pub const URLS_PER_SITEMAP: usize = 50_000;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// Every public page and the day it last changed (`YYYY-MM-DD`).
fn pages(bundle: &Bundle, site: &SiteUrl) -> Vec<(String, String)> {
    let today = bundle.generated_at.bangkok_date().to_string();
    let mut pages: Vec<(String, String)> = ["", "news", "plan", "stories"]
        .iter()
        .map(|path| (site.join(path), today.clone()))
        .collect();
    pages.extend(
        bundle
            .plan
            .themes
            .iter()
            .map(|theme| (site.join(&format!("plan/{}", theme.id)), today.clone())),
    );
    pages.extend(bundle.news_newest_first().into_iter().map(|item| {
        (
            site.article(item),
            item.published.bangkok_date().to_string(),
        )
    }));
    pages
}

fn urlset(pages: &[(String, String)]) -> Vec<u8> {
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{NAMESPACE}\">\n");
    for (loc, lastmod) in pages {
        out.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{lastmod}</lastmod></url>\n",
            escape(loc)
        ));
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

/// `sitemap.xml`, and the sitemaps it lists when there are too many pages for one.
pub fn files(bundle: &Bundle, site: &SiteUrl) -> Vec<SiteFile> {
    let pages = pages(bundle, site);
    if pages.len() <= URLS_PER_SITEMAP {
        return vec![("sitemap.xml".to_owned(), urlset(&pages))];
    }
    let today = bundle.generated_at.bangkok_date().to_string();
    let mut files = Vec::new();
    let mut index = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{NAMESPACE}\">\n"
    );
    for (n, part) in pages.chunks(URLS_PER_SITEMAP).enumerate() {
        let path = format!("sitemaps/{n}.xml");
        index.push_str(&format!(
            "<sitemap><loc>{}</loc><lastmod>{today}</lastmod></sitemap>\n",
            escape(&site.join(&path))
        ));
        files.push((path, urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_owned(), index.into_bytes()));
    files
}

/// `robots.txt`, letting every robot read every page and naming the sitemap, when the site is
/// its host's root: robots read it there only, so a site in a folder of a larger one leaves
/// naming the sitemap to that site's own `robots.txt` (the README says how).
pub fn robots(site: &SiteUrl) -> Option<SiteFile> {
    site.is_host_root().then(|| {
        let text = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.join("sitemap.xml")
        );
        ("robots.txt".to_owned(), text.into_bytes())
    })
}
