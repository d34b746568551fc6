//! Entry points for the fuzzers (`fuzz/`) and for the test that replays their corpus: each takes
//! any bytes and must return without panicking, however wrong the input.

use std::sync::{Arc, OnceLock};

use crate::diagnostic::Diagnostics;
use crate::facts::shortcode;
use crate::input::config::{self, SiteConfig};
use crate::input::front_matter;
use crate::input::load::{ContentFile, Sources};
use crate::locale::LangId;
use crate::source::SourceFile;
use crate::url::{BaseUrl, UrlPath, percent_decode, slug_segment};
use crate::{model, render};

/// The example site's site.toml: a real fact sheet, charts and two languages for prose to use.
const SITE_TOML: &str = include_str!("../site.toml");

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn example_config() -> &'static SiteConfig {
    static CONFIG: OnceLock<SiteConfig> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let file = SourceFile::new("site.toml", SITE_TOML.to_owned());
        config::load(&file, None, &mut Diagnostics::default()).expect("the example site.toml")
    })
}

/// Splits a page into front matter and body, and finds its first heading.
pub fn front_matter(data: &[u8]) {
    let source = SourceFile::new("content/fuzz.md", text(data));
    if let Ok(split) = front_matter::split(&source) {
        let _ = front_matter::first_heading(&source.text[split.body]);
    }
}

/// Parses `{{ ... }}` shortcodes in prose and fills in facts from the example fact sheet.
pub fn shortcodes(data: &[u8]) {
    let text = text(data);
    let _ = shortcode::split(&text);
    let config = example_config();
    for lang in LangId::all(config.languages.len()) {
        let _ = shortcode::expand_plain(&text, &config.facts, &config.locale(lang));
    }
}

/// Loads and validates a whole site.toml: settings, languages, menu and fact sheet.
pub fn fact_sheet(data: &[u8]) {
    let file = SourceFile::new("site.toml", text(data));
    let _ = config::load(&file, None, &mut Diagnostics::default());
}

/// Builds a site in memory whose one page is the input, with the example fact sheet and the
/// default theme: markdown, shortcodes, links, the model and every template.
pub fn markdown(data: &[u8]) {
    let config_file = SourceFile::new("site.toml", SITE_TOML.to_owned());
    let page = |segments: &[&str], text: String| ContentFile {
        segments: Arc::from(segments.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()),
        source: SourceFile::new(format!("content/{}", segments.join("/")), text),
    };
    let content = vec![
        page(&["fuzz.md"], text(data)),
        page(
            &["profile.md"],
            "# Profile\n\n## History\n\nText.\n".to_owned(),
        ),
    ];
    let sources = Sources::in_memory(config_file, content);
    let mut out = Diagnostics::default();
    let config = example_config().clone();
    let site = model::build(
        sources,
        config,
        false,
        &mut model::ModelCache::default(),
        &mut out,
    );
    // The theme is compiled once per process, not per input: the render cache keeps it.
    thread_local! {
        static CACHE: std::cell::RefCell<render::RenderCache> =
            std::cell::RefCell::new(render::RenderCache::kept());
    }
    CACHE.with_borrow_mut(|cache| render::render(&site, cache, &mut out));
}

/// Builds addresses: the first line is a base URL, each further line a path of file names that
/// becomes a page address; every line is also tried as a request path of the preview server.
pub fn urls(data: &[u8]) {
    let text = text(data);
    let mut lines = text.lines();
    let base = lines
        .next()
        .and_then(|line| BaseUrl::parse(line).ok())
        .unwrap_or_else(|| BaseUrl::parse("https://example.org/zone/").expect("a valid base"));
    for line in text.lines() {
        let segments: Vec<String> = line
            .split('/')
            .filter(|s| !s.is_empty())
            .map(slug_segment)
            .collect();
        let page = UrlPath::page(segments.clone());
        let file = UrlPath::file(segments);
        for url in [&page, &file] {
            let _ = (base.href(url), base.permalink(url), url.output_file());
            let _ = url.child(line).display();
        }
        let _ = percent_decode(line);
        let _ = crate::serve::http::safe_path(line);
    }
}

/// Reads a picture as a build does: its metadata walked and removed, its versions planned and
/// made (at two small widths, so that each input is quick).
pub fn pictures(data: &[u8]) {
    let _ = crate::pictures::metadata::strip(data);
    let settings = crate::pictures::PictureSettings {
        widths: vec![16, 40],
        quality: 50,
        ..Default::default()
    };
    let bytes: Arc<[u8]> = Arc::from(data);
    if let Some(resized) = crate::pictures::plan("fuzz.jpg", &bytes, &settings) {
        let _ = resized.make();
    }
}
