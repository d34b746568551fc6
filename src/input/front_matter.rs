//! The `+++` TOML block at the top of a markdown file, split off and parsed.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::diagnostic::{Code, Diagnostic};
use crate::input::toml_errors;
use crate::source::SourceFile;

/// The keys an editor may set at the top of a page or section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// Page title; the first `# heading` when absent.
    pub title: Option<Spanned<String>>,
    /// One-sentence summary for lists, search engines and feeds.
    pub description: Option<String>,
    /// Publication date (`2021-04-13`, no quotes).
    pub date: Option<Spanned<Datetime>>,
    /// Order among siblings, smallest first.
    pub weight: Option<i64>,
    /// Whether the text is an example still waiting for the real one (`zonesite init` writes such
    /// pages); every build warns until it is removed.
    #[serde(default)]
    pub placeholder: bool,
    /// Whether the page is left out unless building with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Last part of the URL, instead of the file name.
    pub slug: Option<Spanned<String>>,
    /// Template to render with, instead of the default one.
    pub template: Option<Spanned<String>>,
    /// Old addresses that should lead here.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// How a section orders its pages: `weight` (default), `date` (newest first) or `title`.
    pub sort_by: Option<SortBy>,
    /// Pages per listing page for a section, instead of the site's `paginate_by`.
    pub paginate_by: Option<usize>,
    /// The fact sheet's industries the page is about, by slug: it is listed on their pages.
    #[serde(default)]
    pub industries: Vec<Spanned<String>>,
    /// The park sectors the page is about, by id (a sector's name in lower case with hyphens).
    #[serde(default)]
    pub parks: Vec<Spanned<String>>,
    /// Free topics in the page's language, each with a page listing the pages about it.
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
}

/// The keys of [`FrontMatter`], as an editor writes them.
const KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "weight",
    "placeholder",
    "draft",
    "slug",
    "template",
    "aliases",
    "sort_by",
    "paginate_by",
    "industries",
    "parks",
    "topics",
];

/// The settings written at the start of the text, below the front matter (or with no `+++`
/// lines at all): they would be published as words, and the page would miss them. Only the lines
/// before the text's first paragraph of prose are looked at, where such a slip happens.
pub(crate) fn settings_in_text(source: &SourceFile, body: Range<usize>) -> Vec<Diagnostic> {
    let fenced = source.text[..body.start].trim_end().ends_with("+++");
    let hint = if fenced {
        "move this line up, between the two +++ lines at the top"
    } else {
        "settings go between two lines of +++ at the very top of the file: write +++ on a line above this one, and +++ on a line after the last setting"
    };
    let mut found = Vec::new();
    let mut at = body.start;
    let mut title_seen = false;
    for line in source.text[body].split_inclusive('\n') {
        let trimmed = line.trim();
        let key = trimmed
            .split_once('=')
            .map(|(key, _)| key.trim())
            .filter(|key| KEYS.contains(key));
        match key {
            Some(key) => found.push(
                Diagnostic::error_at(
                    Code::FrontMatterInText,
                    source,
                    at + (line.len() - line.trim_start().len()),
                    format!("`{key} = ...` is in the text of the page, so it would be published as words and do nothing"),
                )
                .with_hint(hint),
            ),
            // Blank lines and stray `+++` fences lead to more settings, and so does the `# title`
            // of a page without front matter; anything else is prose.
            None if trimmed.is_empty() || trimmed == "+++" => {}
            None if trimmed.starts_with("# ") && !title_seen => title_seen = true,
            None => break,
        }
        at += line.len();
    }
    found
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SortBy {
    /// By `weight`, then title.
    #[default]
    Weight,
    /// Newest first, then title.
    Date,
    /// Alphabetically.
    Title,
}

/// A markdown file split into its front matter and the byte range of its body.
#[derive(Debug, Clone)]
pub(crate) struct Split {
    /// The parsed front matter (defaults when there is none).
    pub front_matter: FrontMatter,
    /// Where the markdown body starts and ends in the file.
    pub body: Range<usize>,
    /// Where the front matter's text starts in the file: its spans count from there.
    pub front_start: usize,
}

/// Splits and parses the front matter of `source`, or says every mistake in it.
pub(crate) fn split(source: &SourceFile) -> Result<Split, Vec<Diagnostic>> {
    let text = &*source.text;
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first_line = text[..first_line_end].trim_end();
    if first_line == "---" {
        return Err(vec![Diagnostic::error_at(Code::FrontMatterYaml, source, 0, "front matter must be TOML between `+++` lines, not YAML between `---` lines")
            .with_hint("write +++ on the first line and on the line after the front matter, and use `key = \"value\"`")]);
    }
    if first_line == FULL_WIDTH_FENCE {
        return Err(vec![full_width_fence(source, 0)]);
    }
    if first_line != "+++" {
        return Ok(Split {
            front_matter: FrontMatter::default(),
            body: 0..text.len(),
            front_start: 0,
        });
    }
    let mut pos = first_line_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == FULL_WIDTH_FENCE {
            return Err(vec![full_width_fence(source, pos)]);
        }
        if text[pos..end].trim_end() == "+++" {
            let front_matter =
                toml_errors::parse_every(source, first_line_end..pos, "the front matter", &[])?;
            return Ok(Split {
                front_matter,
                body: end..text.len(),
                front_start: first_line_end,
            });
        }
        pos = end;
    }
    Err(vec![
        Diagnostic::error_at(
            Code::FrontMatterUnclosed,
            source,
            0,
            "the front matter that starts here is never closed",
        )
        .with_hint("add a line with only +++ after the last front matter key"),
    ])
}

/// The `+++` line typed with a Chinese input method's full-width plus signs.
const FULL_WIDTH_FENCE: &str = "＋＋＋";

/// The error for a front matter's `+++` line at byte `at` typed full-width: the line looks right,
/// but the front matter is then not found, or never closed.
fn full_width_fence(source: &SourceFile, at: usize) -> Diagnostic {
    Diagnostic::error_at(
        Code::TomlFullWidth,
        source,
        at,
        "this line is typed with full-width plus signs ＋＋＋: the front matter is marked by plain +++ lines",
    )
    .with_hint("type +++ (switch the input method to English punctuation)")
}

/// The text of the first `# heading` of a markdown body, outside code blocks.
pub(crate) fn first_heading(body: &str) -> Option<&str> {
    let mut in_fence = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        let indented_code = line.starts_with('\t') || line.len() - trimmed.len() >= 4;
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence
            && !indented_code
            && let Some(title) = trimmed.strip_prefix("# ")
        {
            // Drop closing hashes and a `{#id}` attribute, as the markdown renderer does.
            let title = title.trim();
            let title = match title.rfind('{') {
                Some(i)
                    if title.ends_with('}')
                        && !title.ends_with("}}")
                        && (title[i..].starts_with("{#") || title[i..].starts_with("{.")) =>
                {
                    &title[..i]
                }
                _ => title,
            };
            let title = title.trim().trim_end_matches('#').trim();
            if !title.is_empty() {
                return Some(title);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/a.md", text.to_owned())
    }

    #[test]
    fn splits_front_matter_with_crlf() {
        let f = file("+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n");
        let split = split(&f).unwrap();
        assert_eq!(
            split.front_matter.title.map(|t| t.into_inner()).as_deref(),
            Some("A")
        );
        assert_eq!(&f.text[split.body], "Body\r\n");
    }

    #[test]
    fn no_front_matter_means_whole_body() {
        let f = file("# Hello\n\nText");
        let split = split(&f).unwrap();
        assert_eq!(split.body, 0..f.text.len());
        assert_eq!(first_heading(&f.text), Some("Hello"));
    }

    #[test]
    fn headings_in_code_are_not_titles() {
        assert_eq!(first_heading("```\n# not\n```\n# Yes\n"), Some("Yes"));
        assert_eq!(first_heading("    # code\n\n# Real {#id}\n"), Some("Real"));
        assert_eq!(
            first_heading("# We count {{ fact firms }}\n"),
            Some("We count {{ fact firms }}")
        );
    }
}
