//! Sites built in memory for the stages' unit tests.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::input::load::{ContentFile, Sources};
use crate::model::{ModelCache, Site, build};
use crate::source::SourceFile;

/// A two-language site with no facts: enough for everything the model decides.
pub(crate) const SITE_TOML: &str = r#"
[site]
title = { en = "Test Zone", zh = "测试园区" }
base_url = "https://example.org/zone/"
language = "en"

[languages.en]
name = "English"

[languages.zh]
tag = "zh-Hans"
"#;

/// The model of a site with `site_toml` and the content files `(path under content/, text)`,
/// with the problems it found.
pub(crate) fn model(
    site_toml: &str,
    files: &[(&str, &str)],
    drafts: bool,
) -> (Site, Vec<Diagnostic>) {
    let config_file = SourceFile::new("site.toml", site_toml.to_owned());
    let content = files
        .iter()
        .map(|(path, text)| ContentFile {
            segments: Arc::from(path.split('/').map(str::to_owned).collect::<Vec<_>>()),
            source: SourceFile::new(format!("content/{path}"), (*text).to_owned()),
        })
        .collect();
    let mut out = Diagnostics::default();
    let config = crate::input::config::load(&config_file, None, &mut out)
        .expect("the test's site.toml is usable");
    let sources = Sources::in_memory(config_file, content);
    let site = build(
        sources,
        config,
        drafts,
        &mut ModelCache::default(),
        &mut out,
    );
    (site, out.into_sorted())
}
