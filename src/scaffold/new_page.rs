//! `zonesite new`: a page with its front matter filled in, and for a new industry its record in
//! site.toml, appended without touching a byte of what is there, comments included.

use std::path::{Path, PathBuf};

use crate::locale::LangId;
use crate::locale::date::Day;

/// What `new` created.
#[derive(Debug)]
pub struct NewPage {
    /// The page's file, relative to the site folder (`content/news/2021-results.md`).
    pub file: PathBuf,
    /// Where the page will be published, when the site can be read.
    pub address: Option<String>,
    /// What happened to the industry record, for a page under `industries/`.
    pub record: Record,
}

/// The fact-sheet record of a new industry page.
#[derive(Debug, PartialEq, Eq)]
pub enum Record {
    /// The page is no industry page.
    NotNeeded,
    /// site.toml already had it.
    Present,
    /// It was added to site.toml.
    Added,
    /// site.toml could not be edited safely; the editor pastes this text at its end.
    Paste(String),
}

/// Why no page was created.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// There is no readable site.toml: this is not a site's folder.
    #[error("there is no usable site.toml in {}: run zonesite in the site's folder, or name it with --root", .0.display())]
    NoSite(PathBuf),
    /// The path is empty or leaves content/.
    #[error(
        "`{0}` is not a page path: write it like news/2021-annual-results or industries/smart-logistics"
    )]
    BadPath(String),
    /// The language is not one of the site's other languages.
    #[error("the site has no language `{0}` besides its default one")]
    UnknownLanguage(String),
    /// The file exists already.
    #[error("{} exists already; nothing was changed", .0.display())]
    Exists(PathBuf),
    /// Writing failed.
    #[error("cannot write {}: {}", .path.display(), crate::input::load::plain_io(.source))]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Creates the page `path` (under `content/`, without `.md`) in language `lang`, dated `today`
/// when it is news.
pub fn new_page(
    root: &Path,
    path: &str,
    lang: Option<&str>,
    today: Day,
) -> Result<NewPage, NewError> {
    let site_toml = std::fs::read_to_string(root.join("site.toml"))
        .map_err(|_| NewError::NoSite(root.to_path_buf()))?;
    let config = crate::site_config(root).ok_or_else(|| NewError::NoSite(root.to_path_buf()))?;
    let clean = page_path(root, path)?;
    let segments: Vec<&str> = clean.split('/').collect();
    let suffix = match lang {
        None => String::new(),
        Some(key) => match config.language_of(key) {
            Some(LangId::DEFAULT) => String::new(),
            Some(_) => format!(".{key}"),
            None => return Err(NewError::UnknownLanguage(key.to_owned())),
        },
    };
    let file = PathBuf::from("content").join(format!("{clean}{suffix}.md"));
    let full = root.join(&file);
    if full.exists() {
        return Err(NewError::Exists(file));
    }

    let name = segments.last().copied().unwrap_or_default();
    let is_index = name == "_index";
    // A section's page is named after its folder.
    let title = title_from(if is_index && segments.len() > 1 {
        segments[segments.len() - 2]
    } else {
        name
    });
    let feed = config.feed_section.as_str();
    // News is dated; a translation takes the date of its default-language page.
    let is_news = segments.len() > 1 && segments[0] == feed && !is_index && suffix.is_empty();
    let page = starter_text(&title, is_news.then_some(today));
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| NewError::Write { path, source }
    };
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(write_error(parent))?;
    }
    std::fs::write(&full, page).map_err(write_error(&full))?;

    let record = if segments.len() == 2 && segments[0] == "industries" && !is_index {
        add_industry(root, &site_toml, name, &title)
            .map_err(write_error(&root.join("site.toml")))?
    } else {
        Record::NotNeeded
    };
    let key = file
        .strip_prefix("content")
        .unwrap_or(&file)
        .to_string_lossy()
        .replace('\\', "/");
    Ok(NewPage {
        address: crate::page_address(root, &key),
        file,
        record,
    })
}

/// "2021-annual-results" -> "2021 annual results"; "smart-logistics" -> "Smart logistics".
/// The page's path under content/ without `.md` (`news/2021-results`, `news/_index` for a
/// section), refused when it would climb out of content/ or is empty.
fn page_path(root: &Path, path: &str) -> Result<String, NewError> {
    let trimmed = path.trim().trim_start_matches("content/");
    let mut clean = trimmed
        .trim_end_matches('/')
        .trim_end_matches(".md")
        .to_owned();
    // `news/` or an existing folder means the section's own page.
    if trimmed.ends_with('/') || root.join("content").join(&clean).is_dir() {
        clean.push_str("/_index");
    }
    if clean.is_empty()
        || clean
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == ".." || s.contains('\\'))
    {
        return Err(NewError::BadPath(path.to_owned()));
    }
    Ok(clean)
}

/// The new file's text: its front matter (dated when `date` is given) and a line to replace.
pub(crate) fn starter_text(title: &str, date: Option<Day>) -> String {
    let mut page = format!("+++\ntitle = {}\n", toml::Value::String(title.to_owned()));
    page.push_str(
        "# description = \"One sentence for lists, search engines and the news feed.\"\n",
    );
    if let Some(date) = date {
        page.push_str(&format!("date = {}\n", date.iso()));
    }
    page.push_str("+++\n\nWrite the text here. Quote figures from site.toml by their id, like `{{ fact research_institutions }}`\n(without the backticks), never by typing the number.\n");
    page
}

/// A title from a file name: `smart-logistics` gives "Smart logistics".
fn title_from(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Appends an `[[industries]]` record for `slug` to site.toml, keeping its comments and layout.
fn add_industry(root: &Path, text: &str, slug: &str, name: &str) -> std::io::Result<Record> {
    let record = format!(
        "\n# Added by `zonesite new`: check the name, and add `plan` and `summary` if you have them.\n[[industries]]\nslug = \"{slug}\"\nname = {}\n",
        toml::Value::String(name.to_owned())
    );
    let count = |text: &str| -> Option<Vec<String>> {
        let table: toml::Table = toml::from_str(text).ok()?;
        Some(match table.get("industries") {
            Some(toml::Value::Array(list)) => list
                .iter()
                .filter_map(|t| t.get("slug")?.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        })
    };
    let Some(slugs) = count(text) else {
        return Ok(Record::Paste(record));
    };
    // Industries written as one list (`industries = [...]`) take the record inside the list.
    let inline = toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|t| t.get("industries").cloned())
        .is_some_and(|v| v.as_array().is_some_and(|a| !a.is_empty()))
        && !text.contains("[[industries]]");
    if inline {
        return Ok(Record::Paste(format!(
            "  {{ slug = \"{slug}\", name = {} }},\n(inside the list `industries = [...]` in site.toml)",
            toml::Value::String(name.to_owned())
        )));
    }
    if slugs.iter().any(|s| s == slug) {
        return Ok(Record::Present);
    }
    // Appending the record as text after the last line keeps every byte of the file as it was;
    // reading the result back proves it is still valid, with exactly this industry more.
    // Lines end the way the file's own lines do.
    let record = if text.contains("\r\n") {
        record.replace('\n', "\r\n")
    } else {
        record
    };
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edited = text.to_owned();
    if !edited.ends_with('\n') {
        edited.push_str(newline);
    }
    edited.push_str(&record);
    let mut expected = slugs;
    expected.push(slug.to_owned());
    if count(&edited) != Some(expected) {
        return Ok(Record::Paste(record));
    }
    std::fs::write(root.join("site.toml"), edited)?;
    Ok(Record::Added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_file_names() {
        assert_eq!(title_from("2021-annual-results"), "2021 annual results");
        assert_eq!(title_from("smart-logistics"), "Smart logistics");
        assert_eq!(title_from("新闻"), "新闻");
    }
}
