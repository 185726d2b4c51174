//! Every file read back by a reader of the ecosystem (feed-rs for RSS and JSON Feed, the csv
//! crate's reader, quick-xml for sitemaps), never by our own writer's idea of it.

use super::*;
use city_comms::domain::bundle::Bundle;
use city_comms::domain::i18n::pick;
use city_comms::domain::validate::read_source_bundle;

const DEFAULT_BUNDLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/bundle.json");

fn bundle() -> Bundle {
    let text = std::fs::read_to_string(DEFAULT_BUNDLE).unwrap();
    read_source_bundle(&serde_json::from_str(&text).unwrap())
        .unwrap()
        .bundle
}

fn site() -> SiteUrl {
    SiteUrl::parse("https://news.bangkok.go.th/app").unwrap()
}

fn file<'a>(files: &'a [SiteFile], path: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("{path} is not written"))
        .1
}

fn parse_feed(bytes: &[u8]) -> feed_rs::model::Feed {
    feed_rs::parser::parse(bytes)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

#[test]
fn a_site_address_must_be_absolute_and_gets_its_closing_slash() {
    assert_eq!(
        site().join("news/a"),
        "https://news.bangkok.go.th/app/news/a"
    );
    for bad in [
        "news.bangkok.go.th",
        "/app/",
        "ftp://x/",
        "https://",
        "https://x/?a=1",
        "javascript:alert(1)",
    ] {
        assert_eq!(SiteUrl::parse(bad), None, "{bad}");
    }
}

#[test]
fn every_feed_parses_in_an_independent_reader_with_the_newest_items_and_absolute_links() {
    let bundle = bundle();
    let files = site_files(&bundle, &site());
    for lang in Lang::ALL {
        let channels = channels(&bundle, lang);
        // All news, 6 groups, 50 districts, the plan's themes, 9 policies and the themes'
        // priority topics.
        assert_eq!(
            channels.len(),
            1 + bundle.district_groups.len()
                + bundle.districts.len()
                + bundle.plan.themes.len()
                + bundle.policies.len()
                + bundle.topics().count()
        );
        let opened_in = pick(lang, "", "?lang=en");
        for channel in &channels {
            for extension in ["xml", "json"] {
                let feed = parse_feed(file(&files, &format!("{}.{extension}", channel.stem)));
                assert_eq!(feed.language.as_deref(), Some(lang.as_str()));
                assert_eq!(feed.entries.len(), channel.items.len(), "{}", channel.stem);
                for (entry, item) in feed.entries.iter().zip(&channel.items) {
                    let link = &entry.links.first().unwrap().href;
                    assert_eq!(
                        link,
                        &format!("https://news.bangkok.go.th/app/news/{}{opened_in}", item.id)
                    );
                    assert_eq!(entry.title.as_ref().unwrap().content, item.title.get(lang));
                    let published = entry.published.unwrap();
                    assert_eq!(
                        published.timestamp() * 1000,
                        item.published.unix_millis(),
                        "{}",
                        item.id
                    );
                }
            }
        }
    }
    let newest = bundle.news_newest_first()[0];
    let all = parse_feed(file(&files, "feeds/all.xml"));
    assert_eq!(all.entries.len(), bundle.news.len().min(FEED_ITEMS));
    assert_eq!(
        all.entries[0].title.as_ref().unwrap().content,
        newest.title.th
    );
    let english = parse_feed(file(&files, "feeds/en/all.xml"));
    assert_eq!(
        english.entries[0].title.as_ref().unwrap().content,
        newest.title.en.clone().unwrap()
    );
    assert_ne!(newest.title.en.as_deref(), Some(newest.title.th.as_str()));
}

#[test]
fn an_item_with_no_english_is_in_the_english_feeds_in_thai_and_says_so() {
    let mut bundle = bundle();
    let newest = bundle.news_newest_first()[0].id.clone();
    let item = bundle.news.iter_mut().find(|n| n.id == newest).unwrap();
    item.title.en = None;
    item.body.en = None;
    item.summary = None;
    let item = item.clone();
    let files = site_files(&bundle, &site());
    let feed = parse_feed(file(&files, "feeds/en/all.xml"));
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        item.title.th
    );
    let json: serde_json::Value =
        serde_json::from_slice(file(&files, "feeds/en/all.json")).unwrap();
    assert_eq!(json["language"], "en");
    assert_eq!(json["items"][0]["language"], "th");
    assert_eq!(json["items"][1]["language"], "en");
}

#[test]
fn a_district_feed_holds_that_districts_news_only() {
    let bundle = bundle();
    let files = site_files(&bundle, &site());
    let code = bundle.news.iter().find_map(|n| n.district.clone()).unwrap();
    let expected: Vec<&str> = bundle
        .news_newest_first()
        .into_iter()
        .filter(|n| n.district.as_deref() == Some(code.as_str()))
        .map(|n| n.id.as_str())
        .collect();
    let feed = parse_feed(file(&files, &format!("feeds/district/{code}.json")));
    let ids: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.links[0].href.rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(ids, expected);
    assert!(!expected.is_empty());
}

#[test]
fn markup_and_control_characters_in_news_come_out_as_text_in_every_feed_never_as_markup() {
    let mut bundle = bundle();
    let hostile = "<script>alert(1)</script> & \"คลอง\" \u{1}";
    bundle.news[0].title.th = hostile.to_owned();
    let id = bundle.news[0].id.clone();
    let files = site_files(&bundle, &site());
    for path in ["feeds/all.xml", "feeds/all.json"] {
        let bytes = file(&files, path);
        // In XML, markup would be markup; in JSON Feed, a title is a string of plain text.
        if path.ends_with(".xml") {
            assert!(
                !String::from_utf8_lossy(bytes).contains("<script>"),
                "{path}"
            );
        }
        let feed = parse_feed(bytes);
        let entry = feed
            .entries
            .iter()
            .find(|e| e.links[0].href.ends_with(&id))
            .unwrap();
        let title = &entry.title.as_ref().unwrap().content;
        assert!(
            title.starts_with("<script>alert(1)</script> & \"คลอง\""),
            "{path}: {title}"
        );
    }
}

#[test]
fn the_open_data_csv_reads_back_in_a_csv_reader_with_formulas_defused() {
    let mut bundle = bundle();
    bundle.news[0].title.th = "=cmd|' /C calc'!A0".to_owned();
    bundle.news[1].author = Some("@SUM(1+1)".to_owned());
    let (formula_id, author_id) = (bundle.news[0].id.clone(), bundle.news[1].id.clone());
    let files = site_files(&bundle, &site());
    let bytes = file(&files, "open-data/news.csv");
    assert!(
        bytes.starts_with("\u{FEFF}".as_bytes()),
        "a byte-order mark for Excel"
    );
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, COLUMNS.map(|(name, _, _)| name.to_owned()));
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), bundle.news.len());
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = |id: &str| rows.iter().find(|r| &r[column("id")] == id).unwrap();
    assert_eq!(&row(&formula_id)[column("title_th")], "'=cmd|' /C calc'!A0");
    assert_eq!(&row(&author_id)[column("author")], "'@SUM(1+1)");
    for record in &rows {
        for value in record.iter() {
            assert!(!value.starts_with(['=', '+', '-', '@']), "{value}");
        }
        assert!(record[column("url")].starts_with("https://news.bangkok.go.th/app/news/"));
        assert_eq!(
            record[column("date")].len(),
            10,
            "an ISO date, not a Buddhist-era one"
        );
    }

    let json: serde_json::Value =
        serde_json::from_slice(file(&files, "open-data/news.json")).unwrap();
    assert_eq!(json["news"].as_array().unwrap().len(), bundle.news.len());
    assert_eq!(json["columns"].as_array().unwrap().len(), COLUMNS.len());
    let item = json["news"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == formula_id.as_str())
        .unwrap();
    assert_eq!(
        item["title_th"], "=cmd|' /C calc'!A0",
        "JSON carries the text as it is"
    );
}

/// The `<loc>`s of a sitemap or a sitemap index, read with quick-xml.
fn locations(bytes: &[u8]) -> (String, Vec<String>) {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let (mut root, mut locs, mut in_loc) = (String::new(), Vec::new(), false);
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer).unwrap() {
            quick_xml::events::Event::Start(tag) => {
                let name = tag.name().as_ref().to_owned();
                in_loc = name == "loc";
                if root.is_empty() {
                    root = name;
                }
            }
            // Our addresses hold nothing that XML escapes, so the raw text is the text.
            quick_xml::events::Event::Text(text) if in_loc => {
                locs.push(text.into_inner().into_owned());
            }
            quick_xml::events::Event::End(_) => in_loc = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    (root, locs)
}

#[test]
fn the_sitemap_lists_every_public_page_and_splits_past_the_protocols_limit() {
    let mut bundle = bundle();
    let files = site_files(&bundle, &site());
    let (root, locs) = locations(file(&files, "sitemap.xml"));
    assert_eq!(root, "urlset");
    assert_eq!(locs.len(), 4 + bundle.plan.themes.len() + bundle.news.len());
    assert!(locs.contains(&"https://news.bangkok.go.th/app/".to_owned()));
    assert!(locs
        .iter()
        .all(|l| l.starts_with("https://news.bangkok.go.th/app/")));

    let mut one = bundle.news[0].clone();
    one.body.th = "ข่าว".to_owned();
    bundle.news = (0..URLS_PER_SITEMAP)
        .map(|i| {
            let mut item = one.clone();
            item.id = format!("item-{i}");
            item
        })
        .collect();
    let files = sitemap::files(&bundle, &site());
    let (root, index) = locations(file(&files, "sitemap.xml"));
    assert_eq!(root, "sitemapindex");
    assert_eq!(
        index,
        [
            "https://news.bangkok.go.th/app/sitemaps/0.xml",
            "https://news.bangkok.go.th/app/sitemaps/1.xml"
        ]
    );
    let (_, first) = locations(file(&files, "sitemaps/0.xml"));
    let (_, second) = locations(file(&files, "sitemaps/1.xml"));
    assert_eq!(first.len(), URLS_PER_SITEMAP);
    assert_eq!(
        first.len() + second.len(),
        4 + bundle.plan.themes.len() + URLS_PER_SITEMAP
    );
}

#[test]
fn robots_txt_names_the_sitemap_when_the_site_is_its_hosts_root_and_only_then() {
    let root = SiteUrl::parse("https://news.bangkok.go.th").unwrap();
    let files = site_files(&bundle(), &root);
    let robots = String::from_utf8(file(&files, "robots.txt").to_vec()).unwrap();
    let lines: Vec<&str> = robots.lines().collect();
    assert!(lines.contains(&"User-agent: *"), "{robots}");
    assert!(
        !lines.iter().any(|line| line.starts_with("Disallow")),
        "{robots}"
    );
    assert!(
        lines.contains(&"Sitemap: https://news.bangkok.go.th/sitemap.xml"),
        "{robots}"
    );
    // In a folder of a larger site, robots never read it there.
    assert!(site_files(&bundle(), &site())
        .iter()
        .all(|(path, _)| path != "robots.txt"));
    assert!(!SiteUrl::parse("http://127.0.0.1:8080/city/")
        .unwrap()
        .is_host_root());
    assert!(SiteUrl::parse("http://127.0.0.1:8080")
        .unwrap()
        .is_host_root());
}

#[test]
fn an_articles_json_ld_has_what_schema_org_and_link_previews_require() {
    let bundle = bundle();
    let item = bundle.news.iter().find(|n| !n.images.is_empty()).unwrap();
    let article = preview::json_ld(&bundle, &site(), item);
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], item.title.th.as_str());
    assert_eq!(article["datePublished"], item.published.to_rfc3339());
    assert!(article["author"][0]["name"]
        .as_str()
        .is_some_and(|n| !n.is_empty()));
    assert_eq!(article["publisher"]["@type"], "Organization");
    let image = article["image"][0].as_str().unwrap();
    assert!(image.starts_with("https://"), "{image}");
    assert_eq!(
        article["url"],
        format!("https://news.bangkok.go.th/app/news/{}", item.id)
    );
}

#[test]
fn link_preview_tags_go_into_the_head_once_and_no_text_can_break_out_of_them() {
    let mut bundle = bundle();
    bundle.news[0].title.th = "</script><script>alert(1)</script>\" onload=\"x".to_owned();
    let item = &bundle.news[0];
    let tags = preview::head_tags(&bundle, &site(), item);
    assert_eq!(tags.matches("<script").count(), 1, "{tags}");
    assert_eq!(tags.matches("</script>").count(), 1, "{tags}");
    assert!(!tags.contains("\" onload=\""), "{tags}");
    let page = "<!doctype html><html><head><title>x</title></head><body></body></html>";
    let once = preview::with_tags(page, &tags).unwrap();
    let twice = preview::with_tags(&once, &tags).unwrap();
    assert_eq!(once, twice, "running again replaces, never adds");
    assert!(once.find(preview::END).unwrap() < once.find("</head>").unwrap());
    assert!(once.contains("<meta property=\"og:title\" content=\"&lt;/script&gt;"));
    let json = once
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(parsed["headline"], item.title.th.as_str());
    assert_eq!(preview::with_tags("<p>no head</p>", &tags), None);
}

#[test]
fn the_readme_documents_every_open_data_column() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme.split("### The open data's columns").nth(1).unwrap();
    let table = section.split("\n## ").next().unwrap();
    for (name, _, _) in COLUMNS {
        assert!(
            table.contains(&format!("`{name}`")),
            "README lacks the column {name}"
        );
    }
}

#[test]
fn a_page_that_is_not_an_article_is_previewed_with_its_own_title_address_and_the_icon() {
    let page =
        "<!doctype html><html><head>\n<meta name=\"description\" content=\"ข่าว &amp; แผน\" />\n\
                <title data-en=\"District news\">ข่าวสำนักงานเขต &lt;กทม.&gt;</title>\n</head>\
                <body><title>not this one</title></body></html>";
    let (title, description) = preview::title_and_description(page).unwrap();
    assert_eq!(title, "ข่าวสำนักงานเขต <กทม.>");
    assert_eq!(description, "ข่าว & แผน");
    let tags = preview::page_tags(&site(), "news", &title, &description);
    assert!(
        tags.contains("<meta property=\"og:type\" content=\"website\">"),
        "{tags}"
    );
    assert!(
        tags.contains("<meta property=\"og:title\" content=\"ข่าวสำนักงานเขต &lt;กทม.&gt;\">"),
        "{tags}"
    );
    assert!(
        tags.contains("<meta property=\"og:url\" content=\"https://news.bangkok.go.th/app/news\">"),
        "{tags}"
    );
    assert!(
        tags.contains("<link rel=\"canonical\" href=\"https://news.bangkok.go.th/app/news\">"),
        "{tags}"
    );
    assert!(
        tags.contains("content=\"https://news.bangkok.go.th/app/icons/icon-512.png\""),
        "{tags}"
    );
    assert!(!tags.contains("ld+json"), "JSON-LD is for articles: {tags}");
    let front = preview::page_tags(&site(), "", &title, &description);
    assert!(
        front.contains("<link rel=\"canonical\" href=\"https://news.bangkok.go.th/app/\">"),
        "{front}"
    );
    assert_eq!(
        preview::title_and_description("<html><head></head><body><title>x</title></body></html>"),
        None
    );
}
