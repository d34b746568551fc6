//! The files a host reads beside the pages, for site.toml's `[publish] host`: `.nojekyll` for
//! GitHub Pages, `_headers` for Netlify and Cloudflare Pages, `_redirects` for those two and
//! GitLab Pages.

use std::fmt::Write as _;

use crate::locale::LangId;
use crate::model::{Page, Site};
use crate::output::{self, OutputFile};
use crate::publish::Host;
use crate::render::asset_names::AssetNames;
use crate::url::UrlPath;

/// How long browsers may keep a file whose name carries a hash of its content: a year, the
/// longest that caches honour, since a changed file gets a new name.
const HASHED: &str = "public, max-age=31536000, immutable";

/// Pages and files under their own names change with any build: browsers ask each time whether
/// they did (a quick "not modified" when they did not).
const CHANGING: &str = "public, max-age=0, must-revalidate";

/// How many of the site's aliases (counted page by page, in order) `_redirects` holds; the rest,
/// past the host's limit, get redirect pages.
pub(super) fn aliases_in_redirects(site: &Site) -> usize {
    let limit = site.config.publish.host.redirect_rules().unwrap_or(0);
    aliases(site)
        .count()
        .min(limit.saturating_sub(not_found_rules(site).len()))
}

/// Every old address of a page, with the page, page by page.
pub(super) fn aliases(site: &Site) -> impl Iterator<Item = (&UrlPath, &Page)> {
    site.pages
        .iter()
        .flat_map(|page| page.aliases.iter().map(move |alias| (alias, page)))
}

/// The files the host reads, for the site whose stylesheets and scripts have `names`.
pub(super) fn files(site: &Site, names: &AssetNames) -> Vec<OutputFile> {
    let host = site.config.publish.host;
    let mut files = Vec::new();
    if host == Host::GithubPages {
        // Without it, GitHub Pages runs the folder through Jekyll, which drops files and folders
        // whose names start with `_` or `.`.
        files.push(output::file(".nojekyll", Vec::new(), "[publish] host"));
    }
    if host.reads_headers() {
        files.push(output::file(
            "_headers",
            headers(site, names).into_bytes(),
            "[publish] host",
        ));
    }
    if host.redirect_rules().is_some() {
        files.push(output::file(
            "_redirects",
            redirects(site).into_bytes(),
            "[publish] host",
        ));
    }
    files
}

/// `_headers`: long-lived caching for the content-hashed stylesheets and scripts, none for the
/// rest.
fn headers(site: &Site, names: &AssetNames) -> String {
    let host = site.config.publish.host;
    let base = &site.config.base_url;
    let mut text = format!(
        "# Written by zonesite for [publish] host = \"{}\"; a build replaces it.\n\
         # Files whose names carry a hash of their content never change: browsers keep them a\n\
         # year. Everything else is checked on every visit.\n\n/*\n  Cache-Control: {CHANGING}\n  X-Content-Type-Options: nosniff\n",
        host.name()
    );
    for (_, hashed) in names.iter() {
        let url = UrlPath::file(hashed.split('/').map(str::to_owned).collect());
        let _ = write!(text, "\n{}\n", base.encoded_path(&url));
        // Cloudflare adds the headers of every rule that matches, so the site-wide one must be
        // taken off first; Netlify takes the most specific rule's and knows no `!`.
        if host == Host::CloudflarePages {
            text.push_str("  ! Cache-Control\n");
        }
        let _ = writeln!(text, "  Cache-Control: {HASHED}");
    }
    text
}

/// `_redirects`: each old address of a page to its address now (up to the host's limit), then,
/// where the host needs telling, each language's 404 page for the addresses under it.
fn redirects(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut text = format!(
        "# Written by zonesite for [publish] host = \"{}\"; a build replaces it.\n\
         # Old addresses of pages (`aliases` in their front matter) lead to where they are now.\n",
        site.config.publish.host.name()
    );
    for (alias, page) in aliases(site).take(aliases_in_redirects(site)) {
        let _ = writeln!(
            text,
            "{} {} 301",
            base.encoded_path(alias),
            base.encoded_path(&page.url)
        );
    }
    for (folder, page) in not_found_rules(site) {
        let _ = writeln!(text, "{folder}* {page} 404");
    }
    text
}

/// For Netlify, which serves only the top-level 404.html by itself: each other language's folder
/// and its 404 page.
fn not_found_rules(site: &Site) -> Vec<(String, String)> {
    if site.config.publish.host != Host::Netlify {
        return Vec::new();
    }
    let base = &site.config.base_url;
    LangId::all(site.config.languages.len())
        .skip(1)
        .map(|lang| {
            let page = base.encoded_path(&site.config.language_file(lang, "404.html"));
            let folder = page.trim_end_matches("404.html").to_owned();
            (folder, page)
        })
        .collect()
}
