//! The app's addresses: which page a path shows, what its query says, and which links mark
//! the page a reader is on (`aria-current`). The browser side (`state::route`) follows links
//! and the history; the rules are here, tested on the host.

/// The pages of the app, as `ui-contract.md` lists their routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/`
    Home,
    /// `/news`
    News,
    /// `/news/:id`
    Article,
    /// `/plan`
    Plan,
    /// `/plan/coverage`
    Coverage,
    /// `/plan/:theme`
    Theme,
    /// `/stories`
    Stories,
    /// `/stories/new`
    StoryForm,
    /// `/stories/mine`
    Outbox,
    /// `/embed`
    Embed,
    /// Any other path.
    NotFound,
}

/// A path within the app, read: its page and, for an article or a theme, which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// The article's id or the theme's, percent-decoded; empty for other pages.
    pub param: String,
}

impl Route {
    /// The route of `path`, the part of an address after the path the app is deployed
    /// under (see [`within`]). A trailing slash is the same path without it.
    pub fn of(path: &str) -> Route {
        let trimmed = path.trim_end_matches('/');
        let mut segments = trimmed.split('/').skip(1);
        let (first, second, more) = (segments.next(), segments.next(), segments.next());
        let page = |page| Route {
            page,
            param: String::new(),
        };
        let with = |page, param: &str| Route {
            page,
            param: percent_decode(param, false),
        };
        if !path.starts_with('/') || more.is_some() {
            return page(Page::NotFound);
        }
        match (first.unwrap_or(""), second) {
            ("", None) => page(Page::Home),
            ("news", None) => page(Page::News),
            ("news", Some(id)) if !id.is_empty() => with(Page::Article, id),
            ("plan", None) => page(Page::Plan),
            ("plan", Some("coverage")) => page(Page::Coverage),
            ("plan", Some(theme)) if !theme.is_empty() => with(Page::Theme, theme),
            ("stories", None) => page(Page::Stories),
            ("stories", Some("new")) => page(Page::StoryForm),
            ("stories", Some("mine")) => page(Page::Outbox),
            ("embed", None) => page(Page::Embed),
            _ => page(Page::NotFound),
        }
    }
}

/// The app's own part of `pathname`, given the path it is deployed under (`base`, no
/// trailing slash, empty at the root): `None` when the path is not under it.
pub fn within<'a>(base: &str, pathname: &'a str) -> Option<&'a str> {
    let rest = pathname.strip_prefix(base)?;
    match rest {
        "" => Some("/"),
        _ if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

/// Whether a link to `link` (a pathname) marks the page at `current` as the one it leads
/// to: the same path if `exact`, else the same path or one inside it (`/news` for
/// `/news/abc`, not for `/newsroom`). Trailing slashes do not count.
pub fn is_current(link: &str, current: &str, exact: bool) -> bool {
    let link = link.trim_end_matches('/');
    let current = current.trim_end_matches('/');
    if exact || link.is_empty() {
        return link == current;
    }
    current
        .strip_prefix(link)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// An address of this document, as the address bar shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    /// The pathname, the deployed path included (`/news/abc`).
    pub path: String,
    /// The query with its `?`, or empty.
    pub search: String,
    /// The fragment with its `#`, or empty.
    pub hash: String,
}

impl Address {
    /// An address written as a path, query and fragment (`/news?q=x#top`).
    pub fn parse(written: &str) -> Address {
        let (rest, hash) = match written.find('#') {
            Some(at) => written.split_at(at),
            None => (written, ""),
        };
        let (path, search) = match rest.find('?') {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        Address {
            path: path.to_owned(),
            search: search.to_owned(),
            hash: hash.to_owned(),
        }
    }

    /// The address as a link writes it: path, query, fragment.
    pub fn written(&self) -> String {
        format!("{}{}{}", self.path, self.search, self.hash)
    }
}

/// The parameters of a query string (with or without its `?`), decoded as a form is: `+`
/// is a space, `%XX` a byte, and bytes that are not UTF-8 become U+FFFD.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(search: &str) -> Query {
        let search = search.strip_prefix('?').unwrap_or(search);
        let pairs = search.split('&').filter(|pair| !pair.is_empty());
        Query(
            pairs
                .map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (percent_decode(key, true), percent_decode(value, true))
                })
                .collect(),
        )
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// Every value of `key`, in order; `None` if it has none.
    pub fn get_all(&self, key: &str) -> Option<Vec<String>> {
        let all: Vec<String> = self
            .0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect();
        (!all.is_empty()).then_some(all)
    }
}

/// `text` with its `%XX` escapes decoded (and `+` as a space if `form`); an escape that is
/// not one stays as written.
pub fn percent_decode(text: &str, form: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let hex = |offset: usize| {
            bytes
                .get(at + offset)
                .and_then(|b| char::from(*b).to_digit(16))
        };
        match (byte, hex(1), hex(2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                at += 3;
            }
            (b'+', _, _) if form => {
                out.push(b' ');
                at += 1;
            }
            _ => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str) -> Page {
        Route::of(path).page
    }

    #[test]
    fn each_route_of_the_contract_shows_its_page() {
        assert_eq!(page("/"), Page::Home);
        assert_eq!(page("/news"), Page::News);
        assert_eq!(page("/news/"), Page::News);
        assert_eq!(page("/plan"), Page::Plan);
        assert_eq!(page("/plan/coverage"), Page::Coverage);
        assert_eq!(page("/stories"), Page::Stories);
        assert_eq!(page("/stories/new"), Page::StoryForm);
        assert_eq!(page("/stories/mine"), Page::Outbox);
        assert_eq!(page("/embed"), Page::Embed);
        let article = Route::of("/news/bkk-2567-0001");
        assert_eq!(
            (article.page, article.param.as_str()),
            (Page::Article, "bkk-2567-0001")
        );
        let theme = Route::of("/plan/safe-city/");
        assert_eq!(
            (theme.page, theme.param.as_str()),
            (Page::Theme, "safe-city")
        );
    }

    #[test]
    fn other_paths_are_not_found() {
        for path in [
            "/newsroom",
            "/news/a/b",
            "/stories/old",
            "/embed/x",
            "",
            "news",
            "/index.html",
        ] {
            assert_eq!(page(path), Page::NotFound, "{path}");
        }
    }

    #[test]
    fn a_parameter_is_read_with_its_escapes_decoded() {
        let article = Route::of("/news/%E0%B8%81-1");
        assert_eq!(article.param, "ก-1");
        // In a path, `+` is itself.
        assert_eq!(Route::of("/plan/a+b").param, "a+b");
    }

    #[test]
    fn the_app_part_of_a_path_is_found_under_the_path_it_is_deployed_under() {
        assert_eq!(within("", "/news"), Some("/news"));
        assert_eq!(within("/city", "/city/news"), Some("/news"));
        assert_eq!(within("/city", "/city"), Some("/"));
        assert_eq!(within("/city", "/city/"), Some("/"));
        assert_eq!(within("/city", "/citynews"), None);
        assert_eq!(within("/city", "/news"), None);
    }

    #[test]
    fn a_link_marks_its_own_page_and_the_pages_inside_it() {
        assert!(is_current("/news", "/news", false));
        assert!(is_current("/news", "/news/abc", false));
        assert!(is_current("/news/", "/news", false));
        assert!(!is_current("/news", "/newsroom", false));
        assert!(!is_current("/news", "/plan", false));
        assert!(!is_current("/news", "/news/abc", true));
        // The home page's link is current on the home page only.
        assert!(is_current("/", "/", false));
        assert!(!is_current("/", "/news", false));
        assert!(is_current("/city/", "/city", true));
        assert!(!is_current("/city/", "/city/news", true));
    }

    #[test]
    fn a_query_is_decoded_as_a_form_is() {
        let query =
            Query::parse("?q=%E0%B8%82%E0%B8%A2%E0%B8%B0+bin&district=1001&district=1002&flag&=x");
        assert_eq!(query.get("q").as_deref(), Some("ขยะ bin"));
        assert_eq!(
            query.get_all("district"),
            Some(vec!["1001".to_owned(), "1002".to_owned()])
        );
        assert_eq!(query.get("flag").as_deref(), Some(""));
        assert_eq!(query.get("missing"), None);
        assert_eq!(query.get_all("missing"), None);
        assert_eq!(Query::parse(""), Query::default());
        // A broken escape stays as written; bytes that are not UTF-8 are replaced.
        assert_eq!(percent_decode("100%-%zz-%4", true), "100%-%zz-%4");
        assert_eq!(percent_decode("%FF", true), "\u{FFFD}");
    }

    #[test]
    fn an_address_is_read_into_its_three_parts_and_written_back_as_it_was() {
        for written in ["/news?q=x#top", "/news#a?b", "/news", "/?q=", "/plan#"] {
            assert_eq!(Address::parse(written).written(), written);
        }
        let address = Address::parse("/news?q=x&sort=views#results");
        assert_eq!(address.path, "/news");
        assert_eq!(address.search, "?q=x&sort=views");
        assert_eq!(address.hash, "#results");
        assert_eq!(Address::parse("/news#a?b").search, "");
    }

    #[test]
    fn the_path_of_an_address_ends_at_its_query_or_fragment() {
        assert_eq!(Address::parse("/news?q=x#top").path, "/news");
        assert_eq!(Address::parse("/news#top").path, "/news");
        assert_eq!(Address::parse("/stories/mine").path, "/stories/mine");
    }
}
