//! Every internal address of the site, built from path components and the base URL in one place.

use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// An address inside the site, as path components: a pretty page URL or a plain file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct UrlPath {
    segments: Vec<String>,
    is_page: bool,
}

impl UrlPath {
    /// A page address: written as `<segments>/index.html`, linked as `/<segments>/`.
    pub(crate) fn page(segments: Vec<String>) -> Self {
        UrlPath {
            segments,
            is_page: true,
        }
    }

    /// A file address: written and linked as `/<segments>`.
    pub(crate) fn file(segments: Vec<String>) -> Self {
        UrlPath {
            segments,
            is_page: false,
        }
    }

    /// The site's home page.
    pub(crate) fn root() -> Self {
        UrlPath::page(Vec::new())
    }

    /// This address with one more component.
    pub(crate) fn child(&self, segment: &str) -> Self {
        let mut segments = self.segments.clone();
        segments.push(segment.to_owned());
        UrlPath {
            segments,
            is_page: self.is_page,
        }
    }

    /// The file `name` in the folder of this page (`/industries/robots/atom.xml`).
    pub(crate) fn file_in(&self, name: &str) -> Self {
        let mut segments = self.segments.clone();
        segments.push(name.to_owned());
        UrlPath::file(segments)
    }

    /// The first segment of the path, if any (`zh` of `/zh/profile/`).
    pub(crate) fn first_segment(&self) -> Option<&str> {
        self.segments.first().map(String::as_str)
    }

    /// The file that holds this address inside the output folder, with `/` separators.
    pub(crate) fn output_file(&self) -> String {
        let mut parts: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        if self.is_page {
            parts.push("index.html");
        }
        parts.join("/")
    }

    /// The site-relative address with `/` separators, for messages and keys.
    pub(crate) fn display(&self) -> String {
        let mut s = String::from("/");
        s.push_str(&self.segments.join("/"));
        if self.is_page && !self.segments.is_empty() {
            s.push('/');
        }
        s
    }
}

/// Turns a file or folder name into a URL component: lower case (so `About.md` and `about.md`
/// cannot become two pages that case-insensitive hosts serve as one), spaces become `-`,
/// anything else is kept.
pub(crate) fn slug_segment(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// A name as an id: its letters and digits (of any script) in lower case, words joined by `-`;
/// empty when the name has none.
pub(crate) fn name_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push('-');
        }
    }
    let trimmed = id.trim_end_matches('-').len();
    id.truncate(trimmed);
    id
}

/// The path components of a relative path, whatever the platform's separator.
pub(crate) fn path_segments(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// The site's public address: an origin (`https://example.org`) and a path (`/zone/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BaseUrl {
    origin: String,
    path: Vec<String>,
}

/// Why a base URL cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum BaseUrlError {
    /// The URL does not start with http:// or https://.
    #[error("the base URL must start with http:// or https://")]
    Scheme,
    /// There is no host after the scheme.
    #[error("the base URL has no host name after the scheme")]
    NoHost,
    /// Queries and fragments make no sense for a site address.
    #[error("the base URL must not contain `?` or `#`")]
    QueryOrFragment,
    /// Spaces, line breaks, quotes and angle brackets: the address goes into robots.txt,
    /// feeds and pages, where they would end it early.
    #[error("the base URL must not contain spaces, line breaks, quotes or angle brackets")]
    Characters,
    /// An address of a page (`.../zone/index.html`) rather than of the folder the site is in:
    /// every link would be made under `index.html/`.
    #[error("the base URL names the page {0}: it must be the address of the folder the site is in")]
    Page(String),
}

impl BaseUrl {
    /// Parses `https://host[:port][/path/]`.
    pub(crate) fn parse(url: &str) -> Result<Self, BaseUrlError> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or(BaseUrlError::Scheme)?;
        if url.contains(['?', '#']) {
            return Err(BaseUrlError::QueryOrFragment);
        }
        if url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c))
        {
            return Err(BaseUrlError::Characters);
        }
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() {
            return Err(BaseUrlError::NoHost);
        }
        let last = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
        if [".html", ".htm", ".php", ".asp", ".aspx", ".jsp"]
            .iter()
            .any(|end| last.to_ascii_lowercase().ends_with(end))
        {
            return Err(BaseUrlError::Page(last.to_owned()));
        }
        let scheme_len = url.len() - rest.len();
        Ok(BaseUrl {
            origin: format!("{}{host}", &url[..scheme_len]),
            // Stored decoded, since every URL made from it is encoded once on the way out.
            path: path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(percent_decode)
                .collect(),
        })
    }

    /// The link to an address from any page of the site: `/zone/industries/robots/`.
    pub(crate) fn href(&self, target: &UrlPath) -> String {
        self.join(target, false)
    }

    /// The full address, percent-encoded, for sitemaps, feeds and canonical links.
    pub(crate) fn permalink(&self, target: &UrlPath) -> String {
        format!("{}{}", self.origin, self.join(target, true))
    }

    /// The path of the full address, percent-encoded, without the origin: `/zone/%E6%B2%88/`,
    /// for the files hosts read.
    pub(crate) fn encoded_path(&self, target: &UrlPath) -> String {
        self.join(target, true)
    }

    /// The host name, without port or user, in lower case and without a final dot:
    /// `www.zone.gov.cn` of `https://WWW.Zone.gov.cn.:8080/zone/`.
    pub(crate) fn host(&self) -> String {
        let authority = self.origin.split_once("://").map_or("", |(_, a)| a);
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        // A port follows the last colon, except inside an IPv6 address's brackets.
        let host = match host.rsplit_once(':') {
            Some((name, _)) if !host.ends_with(']') => name,
            _ => host,
        };
        host.trim_end_matches('.').to_ascii_lowercase()
    }

    /// The one function every internal URL goes through.
    fn join(&self, target: &UrlPath, encode_all: bool) -> String {
        let mut out = String::from("/");
        for segment in self.path.iter().chain(&target.segments) {
            encode_segment(&mut out, segment, encode_all);
            out.push('/');
        }
        if !target.is_page && !target.segments.is_empty() {
            out.pop();
        }
        out
    }
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is.
pub(crate) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// What a path segment may hold as it is: RFC 3986's unreserved characters and sub-delimiters,
/// `:` and `@`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// What a whole path may hold as it is when it goes into a request line: unreserved and `/`.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes what may not appear in a path segment; non-ASCII only when `encode_all`
/// (links keep it readable; permalinks in sitemaps and feeds must be plain ASCII).
fn encode_segment(out: &mut String, segment: &str, encode_all: bool) {
    let mut buf = [0u8; 4];
    for c in segment.chars() {
        if c.is_ascii() || encode_all {
            out.extend(utf8_percent_encode(c.encode_utf8(&mut buf), SEGMENT));
        } else {
            out.push(c);
        }
    }
}

/// A decoded path (`/zone/沈阳/`) encoded for an address: everything but unreserved and `/`.
pub(crate) fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_path_keeps_only_unreserved_characters_and_slashes() {
        assert_eq!(
            encode_path("/zone/沈 阳/a_b-c.~/"),
            "/zone/%E6%B2%88%20%E9%98%B3/a_b-c.~/"
        );
        assert_eq!(percent_decode(&encode_path("/zone/沈 阳/")), "/zone/沈 阳/");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn a_base_url_cannot_smuggle_text_into_robots_or_pages() {
        for bad in [
            "https://example.org/x\nDisallow: /",
            "https://evil\r\nSitemap: x/",
            "https://example.org/\"><script>/",
            "https://exa mple.org/",
        ] {
            assert_eq!(
                BaseUrl::parse(bad).err(),
                Some(BaseUrlError::Characters),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_host_is_the_name_alone() {
        let host = |url| BaseUrl::parse(url).unwrap().host();
        assert_eq!(
            host("https://WWW.Zone.gov.cn.:8080/zone/"),
            "www.zone.gov.cn"
        );
        assert_eq!(host("http://editor@example.cn/"), "example.cn");
        assert_eq!(host("http://[::1]:8080/"), "[::1]");
        assert_eq!(host("http://[::1]/"), "[::1]");
    }

    #[test]
    fn links_start_at_the_base_path() {
        let base = BaseUrl::parse("https://example.org/zone/").unwrap();
        let page = UrlPath::page(vec!["industries".into(), "robots".into()]);
        assert_eq!(base.href(&page), "/zone/industries/robots/");
    }
    use std::path::PathBuf;

    fn page(path: &str) -> UrlPath {
        UrlPath::page(path.split('/').map(str::to_owned).collect())
    }

    #[test]
    fn honours_base_path() {
        let root = BaseUrl::parse("https://example.org").unwrap();
        let sub = BaseUrl::parse("https://example.org/zone/").unwrap();
        let p = page("industries/robots");
        assert_eq!(root.href(&p), "/industries/robots/");
        assert_eq!(sub.href(&p), "/zone/industries/robots/");
        assert_eq!(sub.href(&UrlPath::root()), "/zone/");
        assert_eq!(root.href(&UrlPath::root()), "/");
        let css = UrlPath::file(vec!["style.css".into()]);
        assert_eq!(sub.href(&css), "/zone/style.css");
        assert_eq!(
            sub.permalink(&p),
            "https://example.org/zone/industries/robots/"
        );
    }

    #[test]
    fn keeps_non_ascii_in_links_and_encodes_it_in_permalinks() {
        let base = BaseUrl::parse("https://example.org/").unwrap();
        let p = page("新闻/a b");
        assert_eq!(base.href(&p), "/新闻/a%20b/");
        assert_eq!(
            base.permalink(&p),
            "https://example.org/%E6%96%B0%E9%97%BB/a%20b/"
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("%E6%96%B0"), "新");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn an_encoded_base_path_is_not_encoded_twice() {
        let base = BaseUrl::parse("https://example.org/my%20zone/").unwrap();
        assert_eq!(base.href(&UrlPath::root()), "/my%20zone/");
    }

    #[test]
    fn rejects_the_address_of_a_page() {
        assert_eq!(
            BaseUrl::parse("https://example.org/zone/index.html"),
            Err(BaseUrlError::Page("index.html".to_owned()))
        );
        assert!(BaseUrl::parse("https://example.org/zone.html.d/").is_ok());
    }

    #[test]
    fn rejects_bad_base_urls() {
        assert_eq!(BaseUrl::parse("example.org"), Err(BaseUrlError::Scheme));
        assert_eq!(BaseUrl::parse("https:///x"), Err(BaseUrlError::NoHost));
    }

    #[test]
    fn segments_come_from_components_not_separators() {
        let native: PathBuf = ["industries", "new-energy-vehicles.md"].iter().collect();
        assert_eq!(
            path_segments(&native),
            vec!["industries", "new-energy-vehicles.md"]
        );
    }

    #[cfg(windows)]
    #[test]
    fn windows_separators() {
        assert_eq!(
            path_segments(Path::new(r"industries\robots.md")),
            vec!["industries", "robots.md"]
        );
    }
}
