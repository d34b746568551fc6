//! The last touch on a rendered HTML file: its links to the site's own files, written as
//! site.toml's `[publish] links` asks.
//!
//! Every internal address is made as a path from the host's root (`/zone/profile/`), which is
//! right for any web server that serves a folder's index.html. Opened from disk, or from a host
//! that does not resolve folders, such links lead nowhere; `links = "index-html"` rewrites them
//! here, once the page is complete, into paths relative to the file that holds them and naming
//! the file (`../profile/index.html`). Rewriting the finished HTML rather than each place that
//! makes a link also catches the links editors write by hand in markdown and templates.

use std::borrow::Cow;

use crate::model::Site;
use crate::publish::LinkStyle;
use crate::url::UrlPath;

/// The attributes whose values are addresses.
const ADDRESS_ATTRIBUTES: [&str; 5] = ["href", "src", "srcset", "action", "poster"];

/// Rewrites the links of the HTML files of one site.
#[derive(Debug)]
pub(super) struct Linker<'a> {
    /// The site's root as links write it: `/zone/`.
    root: String,
    /// The folders from the root to the file the links are in (percent-encoded as links write
    /// them), or `None` when links stay paths from the host's root (a 404 page is served at any
    /// address, so only such paths lead anywhere from it).
    folder: Option<Vec<&'a str>>,
    /// How links are written.
    style: LinkStyle,
}

/// Where the file being rewritten is served.
#[derive(Debug, Clone, Copy)]
pub(super) enum Served<'u> {
    /// At its own address.
    At(&'u UrlPath),
    /// At any address (a 404 page).
    Anywhere,
}

/// Rewrites `html`, the file served as `served`, as the site's link style asks; unchanged (and
/// not copied) with the default style.
pub(super) fn finish(site: &Site, served: Served, html: String) -> String {
    if site.config.publish.links == LinkStyle::Folders {
        return html;
    }
    let own = own_href(site, served);
    Linker::new(site, own.as_deref()).rewrite(&html)
}

/// The address of the file served as `served`, as links write it.
pub(super) fn own_href(site: &Site, served: Served) -> Option<String> {
    match served {
        Served::At(url) => Some(site.config.base_url.href(url)),
        Served::Anywhere => None,
    }
}

impl<'a> Linker<'a> {
    /// A linker for the file whose address (as links write it) is `own`, or that is served at
    /// any address when `None`.
    pub(super) fn new(site: &Site, own: Option<&'a str>) -> Linker<'a> {
        let root = site.config.base_url.href(&UrlPath::root());
        let folder = own.map(|own| {
            let inside = own.strip_prefix(root.as_str()).unwrap_or("");
            let mut parts: Vec<&str> = inside.split('/').collect();
            // A page's address ends in `/`, so its last part is empty; a file's is its name.
            // Either way, what is left is the folder.
            parts.pop();
            parts
        });
        Linker {
            root,
            folder,
            style: site.config.publish.links,
        }
    }

    /// `value` (an attribute's value, as written) as this file should link it.
    pub(super) fn link<'v>(&self, value: &'v str) -> Cow<'v, str> {
        if self.style == LinkStyle::Folders || value.starts_with("//") {
            return Cow::Borrowed(value);
        }
        let Some(inside) = value.strip_prefix(self.root.as_str()) else {
            // Outside the site (another application on the host): not the site's to rewrite.
            return Cow::Borrowed(value);
        };
        let end = inside.find(['?', '#']).unwrap_or(inside.len());
        let (path, tail) = inside.split_at(end);
        let mut target: Vec<&str> = path.split('/').collect();
        let last = target.last().copied().unwrap_or("");
        // A folder (`profile/`, or `profile` written by hand) is served by its index.html.
        if last.is_empty() {
            target.pop();
            target.push("index.html");
        } else if !last.contains('.') {
            target.push("index.html");
        }
        let mut out = String::with_capacity(value.len() + 16);
        match &self.folder {
            None => {
                out.push_str(&self.root);
                push_joined(&mut out, &target);
            }
            Some(folder) => {
                let shared = folder
                    .iter()
                    .zip(&target[..target.len() - 1])
                    .take_while(|(a, b)| a == b)
                    .count();
                for _ in shared..folder.len() {
                    out.push_str("../");
                }
                push_joined(&mut out, &target[shared..]);
            }
        }
        out.push_str(tail);
        Cow::Owned(out)
    }

    /// `html` with the value of every address attribute passed through [`Linker::link`]: one
    /// pass, whatever the file's size.
    pub(super) fn rewrite(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut copied = 0;
        let mut from = 0;
        while let Some(found) = html[from..].find('=') {
            let equals = from + found;
            from = equals + 1;
            let Some(quote) = html[from..]
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
            else {
                continue;
            };
            let Some(name) = address_attribute(&html[..equals]) else {
                continue;
            };
            let start = from + 1;
            let Some(len) = html[start..].find(quote) else {
                break;
            };
            let value = &html[start..start + len];
            from = start + len + 1;
            let rewritten = if name == "srcset" {
                self.candidates(value)
            } else {
                self.link(value)
            };
            if let Cow::Owned(new) = rewritten {
                out.push_str(&html[copied..start]);
                out.push_str(&new);
                copied = start + len;
            }
        }
        out.push_str(&html[copied..]);
        out
    }

    /// A `srcset` value with each candidate's address linked: `a.jpg 480w, b.jpg 960w`.
    fn candidates<'v>(&self, value: &'v str) -> Cow<'v, str> {
        let mut out = String::with_capacity(value.len() + 32);
        let mut changed = false;
        for (n, candidate) in value.split(',').enumerate() {
            if n > 0 {
                out.push(',');
            }
            let lead = candidate.len() - candidate.trim_start().len();
            let rest = &candidate[lead..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let linked = self.link(&rest[..end]);
            changed |= matches!(linked, Cow::Owned(_));
            out.push_str(&candidate[..lead]);
            out.push_str(&linked);
            out.push_str(&rest[end..]);
        }
        if changed {
            Cow::Owned(out)
        } else {
            Cow::Borrowed(value)
        }
    }
}

/// The address attribute whose name `before` (the HTML up to an `=`) ends in, standing as a
/// word of its own (so `data-href` is none).
fn address_attribute(before: &str) -> Option<&'static str> {
    let bytes = before.as_bytes();
    ADDRESS_ATTRIBUTES.into_iter().find(|name| {
        let n = name.len();
        bytes.len() > n
            && bytes[bytes.len() - n..].eq_ignore_ascii_case(name.as_bytes())
            && bytes[bytes.len() - n - 1].is_ascii_whitespace()
    })
}

/// `parts` joined by `/` onto `out`.
fn push_joined(out: &mut String, parts: &[&str]) {
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            out.push('/');
        }
        out.push_str(part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base_url: &str, links: &str) -> Site {
        let toml = format!(
            "[site]\ntitle = \"Zone\"\nbase_url = \"{base_url}\"\n\n[publish]\nlinks = \"{links}\"\n"
        );
        crate::testing::model(
            &toml,
            &[("_index.md", "+++\ntitle = \"Home\"\n+++\n")],
            false,
        )
        .0
    }

    fn page(segments: &[&str]) -> UrlPath {
        UrlPath::page(segments.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn links_from_a_page_become_relative_and_name_the_file() {
        let site = site("https://example.org/zone/", "index-html");
        let at = page(&["industries", "robots"]);
        let html = r##"<a href="/zone/">home</a> <a href="/zone/industries/robots/#jobs">here</a> <a class="x" href="/zone/profile/">p</a> <link rel="stylesheet" href="/zone/style.1a2b.css"> <img src='/zone/industries/robots/arm.png' alt=""> <a href="https://example.org/zone/">out</a> <a href="/other/">other</a> <a href="#top">top</a> <a data-href="/zone/x/">d</a>"##;
        assert_eq!(
            finish(&site, Served::At(&at), html.to_owned()),
            r##"<a href="../../index.html">home</a> <a href="index.html#jobs">here</a> <a class="x" href="../../profile/index.html">p</a> <link rel="stylesheet" href="../../style.1a2b.css"> <img src='arm.png' alt=""> <a href="https://example.org/zone/">out</a> <a href="/other/">other</a> <a href="#top">top</a> <a data-href="/zone/x/">d</a>"##
        );
    }

    #[test]
    fn the_home_page_and_files_at_the_root_link_down() {
        let site = site("https://example.org/", "index-html");
        let html = r#"<a href="/news/?page=2">n</a><img srcset="/a.webp 480w, /b.webp 960w" src="/a.jpg" alt="">"#;
        assert_eq!(
            finish(&site, Served::At(&UrlPath::root()), html.to_owned()),
            r#"<a href="news/index.html?page=2">n</a><img srcset="a.webp 480w, b.webp 960w" src="a.jpg" alt="">"#
        );
        let not_found = UrlPath::file(vec!["zh".to_owned(), "404.html".to_owned()]);
        assert_eq!(
            finish(
                &site,
                Served::At(&not_found),
                r#"<a href="/zh/">首页</a>"#.to_owned()
            ),
            r#"<a href="index.html">首页</a>"#
        );
    }

    #[test]
    fn a_page_served_anywhere_keeps_paths_from_the_root_that_name_the_file() {
        let site = site("https://example.org/zone/", "index-html");
        assert_eq!(
            finish(
                &site,
                Served::Anywhere,
                r#"<a href="/zone/">h</a> <a href="/zone/profile/">p</a>"#.to_owned()
            ),
            r#"<a href="/zone/index.html">h</a> <a href="/zone/profile/index.html">p</a>"#
        );
    }

    #[test]
    fn folders_style_leaves_the_html_alone() {
        let site = site("https://example.org/zone/", "folders");
        let html = r#"<a href="/zone/profile/">p</a>"#;
        assert_eq!(
            finish(&site, Served::At(&page(&["news"])), html.to_owned()),
            html
        );
    }

    #[test]
    fn an_unclosed_quote_ends_the_rewriting_without_losing_text() {
        let site = site("https://example.org/", "index-html");
        let html = r#"<a href="/news/">n</a><a href="/profile/"#;
        assert_eq!(
            finish(&site, Served::At(&UrlPath::root()), html.to_owned()),
            r#"<a href="news/index.html">n</a><a href="/profile/"#
        );
    }
}
