//! The files made from the whole site rather than one page: 404 pages, the pages zonesite makes
//! (accessibility statement, search page, sitemap), alias redirects, copied and content-hashed
//! files, the theme's stylesheet, feeds and open data.

use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::locale::{LangId, Language};
use crate::model::Site;
use crate::output::{Output, OutputFile};
use crate::pictures::metadata;
use crate::render::asset_names::AssetNames;
use crate::render::escape::escape_html;
use crate::render::links::{Linker, Served};
use crate::render::{context, feeds, host_files, made, opendata, tag_pages, templates};

/// Files made from the whole site rather than one page, with their problems.
#[derive(Debug)]
pub(super) struct SiteFiles {
    /// The site fingerprint they were made for.
    pub global: u64,
    /// The files, by output path.
    pub files: Vec<OutputFile>,
    /// The problems found making them.
    pub problems: Vec<Diagnostic>,
}

/// The 404 pages, alias redirects, copied files, feeds, sitemap and open data, for the site
/// fingerprint `global`; `engines` holds the template engine of each language.
pub(super) fn site_files(
    site: &Site,
    engines: &[Tera],
    names: &AssetNames,
    theme_css: String,
    global: u64,
) -> SiteFiles {
    let mut output = Output::default();
    let mut problems = Diagnostics::default();
    let out = &mut problems;
    add_not_found_pages(site, engines, &mut output, out);
    tag_pages::add(site, engines, &mut output, out);
    made::add_all(site, engines, &mut output, out);
    add_alias_redirects(site, &mut output, out);
    add_copies(site, &mut output, out);
    output.insert(
        "theme.css",
        theme_css.into_bytes(),
        "site.toml's [theme]",
        out,
    );
    add_hashed_copies(names, &mut output, out);
    for (path, bytes, origin) in host_files::files(site, names) {
        output.insert(path, bytes, origin, out);
    }
    for (path, bytes, origin) in feeds::files(site, out)
        .into_iter()
        .chain(opendata::files(site))
    {
        output.insert(path, bytes, origin, out);
    }
    SiteFiles {
        global,
        files: output.into_entries().collect(),
        problems: problems.into_sorted(),
    }
}

/// A 404 page per language: hosts serve the one nearest the missing address.
fn add_not_found_pages(site: &Site, engines: &[Tera], output: &mut Output, out: &mut Diagnostics) {
    for (lang, tera) in LangId::all(engines.len()).zip(engines) {
        let view = context::not_found_view(site, lang);
        let mut not_found = Context::new();
        not_found.insert("page", &view);
        match templates::render(site, tera, "404.html", &not_found, Served::Anywhere) {
            Ok(html) => output.insert(
                context::not_found_path(site, lang).output_file(),
                html.into_bytes(),
                "templates/404.html",
                out,
            ),
            Err(e) => out.push(templates::diagnostic(&e, &site.templates)),
        }
    }
}

/// A redirect page at each old address of a page that the host's `_redirects` does not cover,
/// leading to its address now.
fn add_alias_redirects(site: &Site, output: &mut Output, out: &mut Diagnostics) {
    let base = &site.config.base_url;
    for (alias, page) in host_files::aliases(site).skip(host_files::aliases_in_redirects(site)) {
        let own = base.href(alias);
        let href = base.href(&page.url);
        let target = Linker::new(site, Some(&own)).link(&href).into_owned();
        output.insert(
            alias.output_file(),
            redirect_page(
                &target,
                &base.permalink(&page.url),
                &site.config.languages[page.lang],
            )
            .into_bytes(),
            format!("the alias {} of {}", alias.display(), page.source.path),
            out,
        );
    }
}

/// The files of content/ that are not pages, and the static files, as they are but for the
/// pictures' metadata (a phone photo's GPS position among it), which is removed. A picture whose
/// metadata cannot be removed is never published as it is: it is an error.
fn add_copies(site: &Site, output: &mut Output, out: &mut Diagnostics) {
    let copies = [
        ("content", &site.content_assets),
        ("static", &site.static_files),
    ];
    let files: Vec<Result<OutputFile, Diagnostic>> = copies
        .into_iter()
        .flat_map(|(folder, assets)| assets.iter().map(move |asset| (folder, asset)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(folder, asset)| {
            let path = asset.segments.join("/");
            let origin = format!("{folder}/{path}");
            let bytes = match metadata::strip(&asset.bytes) {
                Ok(stripped) => stripped.map_or_else(|| asset.bytes.clone(), Arc::from),
                Err(kind) => return Err(metadata_kept(&origin, kind)),
            };
            Ok(crate::output::file(path, bytes, origin))
        })
        .collect();
    for file in files {
        match file {
            Ok((path, bytes, origin)) => output.insert(path, bytes, origin, out),
            Err(problem) => out.push(problem),
        }
    }
}

/// The error for a picture at `origin`, of `kind`, whose metadata cannot be removed.
fn metadata_kept(origin: &str, kind: &str) -> Diagnostic {
    Diagnostic::error(
        Code::PictureUnreadable,
        Some(crate::source::Location::file(origin)),
        format!("{origin} cannot be published: it is {kind}, whose hidden details (where and when it was taken, by what camera) zonesite cannot remove"),
    )
    .with_hint("if it does not open on your computer either, copy it again from where it came from; if it does, save it again as JPEG (a photo) or PNG (a drawing) and use that file; browsers do not show HEIC or TIFF anyway")
}

/// The content-hashed copy of every stylesheet and script in `output`, which pages link; the
/// plain names stay for links written by hand.
fn add_hashed_copies(names: &AssetNames, output: &mut Output, out: &mut Diagnostics) {
    let copies: Vec<(Arc<str>, Arc<[u8]>, String)> = names
        .iter()
        .filter_map(|(plain, hashed)| {
            let bytes = output.get(plain)?;
            Some((
                Arc::from(hashed),
                Arc::clone(bytes),
                format!("a copy of {plain}"),
            ))
        })
        .collect();
    for (path, bytes, origin) in copies {
        output.insert(path, bytes, origin, out);
    }
}

/// A tiny page that sends browsers and search engines from an old address to the new one
/// (`canonical` is its full address: search engines take no other, and people read it better
/// than a link relative to the old address).
fn redirect_page(target: &str, canonical: &str, language: &Language) -> String {
    let t = escape_html(target);
    let c = escape_html(canonical);
    let lang = escape_html(&language.tag);
    let moved = escape_html(language.word("moved_to"));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{moved} {c}</title>\n<link rel=\"canonical\" href=\"{c}\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p>{moved} <a href=\"{t}\">{c}</a></p>\n</body>\n</html>\n"
    )
}
