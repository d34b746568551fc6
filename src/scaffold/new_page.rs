//! `zonesite new`: a page with its front matter filled in, and for a new industry its record in
//! site.toml, appended without touching a byte of what is there, comments included.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::input::config::SiteConfig;
use crate::locale::LangId;
use crate::locale::date::Day;

/// What `new` created.
#[derive(Debug)]
pub struct NewPage {
    /// The page's file, relative to the site folder (`content/news/2021-results.md`).
    pub file: PathBuf,
    /// Where the page will be published, when the site can be read.
    pub address: Option<crate::PageAddress>,
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
    #[error("there is no usable site.toml in {}", .0.display())]
    NoSite(PathBuf),
    /// The path is empty or leaves content/.
    #[error("`{0}` is not the path of a page inside content/")]
    BadPath(String),
    /// The language is not one of the site's other languages.
    #[error("the site has no language `{key}` besides its default one")]
    UnknownLanguage {
        /// The key asked for.
        key: String,
        /// The keys of the site's other languages.
        known: Vec<String>,
    },
    /// A translation was asked for a page that does not exist in the default language.
    #[error("there is no {original} to translate: a translation sits beside its {language} page")]
    NoOriginal {
        /// The default-language file that is missing (`content/profil.md`).
        original: String,
        /// The default language's name.
        language: String,
        /// The existing page nearest to the one asked for (`profile`), for did-you-mean.
        near: Option<String>,
        /// The `--lang` asked for.
        lang: String,
    },
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

impl NewError {
    /// The error as `new` reports it: its code, the message and what to do.
    pub fn diagnostic(&self) -> Diagnostic {
        let (code, hint) = match self {
            NewError::NoSite(_) => (Code::NewNoSite, "run the command in the site's folder (the one holding site.toml), or name it with --root; if site.toml is there, `zonesite check` says what is wrong with it".to_owned()),
            NewError::BadPath(_) => (Code::NewBadPath, "name the page by its path under content/, like news/2021-annual-results or industries/smart-logistics".to_owned()),
            NewError::UnknownLanguage { key, known } => (
                Code::NewUnknownLanguage,
                match crate::diagnostic::suggest(key, known.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `--lang {near}`?"),
                    None if known.is_empty() => "the site has one language: add the other under [languages] in site.toml first (EDITING.md, \"Translate a page\", says how)".to_owned(),
                    None => format!("its other languages are: {}", known.join(", ")),
                },
            ),
            NewError::NoOriginal { near, lang, original, language } => (
                Code::NewNoOriginal,
                match near {
                    Some(near) => format!("did you mean `zonesite new {near} --lang {lang}`?"),
                    None => {
                        let page = original.trim_start_matches("content/").trim_end_matches(".md");
                        format!("write the {language} page first (zonesite new {page}), then translate it (zonesite new {page} --lang {lang})")
                    }
                },
            ),
            NewError::Exists(_) => (Code::NewPageExists, "open that file to edit it, or give the new page another name".to_owned()),
            NewError::Write { .. } => (Code::FileUnwritable, super::WRITE_HINT.to_owned()),
        };
        Diagnostic::error(code, None, self.to_string()).with_hint(hint)
    }
}

/// Where `new` writes its files: the disk as it is for the command line, or the editor's checked
/// store for `zonesite edit`.
pub(crate) trait PageFiles {
    /// Writes the new file at `path` (relative to the site folder, `/`-separated).
    fn create(&mut self, path: &str, text: &str) -> std::io::Result<()>;
    /// Replaces site.toml, read as `before`, by `text`.
    fn replace_site_toml(&mut self, before: &str, text: &str) -> std::io::Result<()>;
}

/// The site folder's files, written as they are.
struct Disk<'a>(&'a Path);

impl PageFiles for Disk<'_> {
    fn create(&mut self, path: &str, text: &str) -> std::io::Result<()> {
        let full = self.0.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, text)
    }

    fn replace_site_toml(&mut self, _before: &str, text: &str) -> std::io::Result<()> {
        std::fs::write(self.0.join("site.toml"), text)
    }
}

/// Creates the page `path` (under `content/`, without `.md`) in language `lang`, dated `today`
/// when it is news.
pub fn new_page(
    root: &Path,
    path: &str,
    lang: Option<&str>,
    today: Day,
) -> Result<NewPage, NewError> {
    new_page_in(root, path, lang, today, &mut Disk(root))
}

/// [`new_page`], writing through `files`.
pub(crate) fn new_page_in(
    root: &Path,
    path: &str,
    lang: Option<&str>,
    today: Day,
    files: &mut dyn PageFiles,
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
            None => {
                return Err(NewError::UnknownLanguage {
                    key: key.to_owned(),
                    known: config.languages[1..]
                        .iter()
                        .map(|l| l.key.clone())
                        .collect(),
                });
            }
        },
    };
    if !suffix.is_empty() {
        orphan_translation(root, &config, &clean, lang.unwrap_or_default())?;
    }
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
    let page = match lang.and_then(|key| config.language_of(key)) {
        Some(id) if id != LangId::DEFAULT => {
            let original = default_title(root, &clean).unwrap_or(title.clone());
            let (from, to) = (&config.languages[0].name, &config.languages[id].name);
            let text = translation_text(&original, from, to);
            // Industries and parks come from the page translated; topics are words of a language.
            let in_news = segments.len() > 1 && segments[0] == feed && !is_index;
            if in_news {
                let topics = "# Topics are words, so each language writes its own: delete the # to use them.\n# topics = [\"...\"]\n";
                text.replacen("\n+++\n", &format!("\n{topics}+++\n"), 1)
            } else {
                text
            }
        }
        _ if is_news => starter_text(&title, Some(today)).replacen(
            "\n+++\n",
            &format!("\n{}+++\n", tag_lines(&config)),
            1,
        ),
        _ => starter_text(&title, None),
    };
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| NewError::Write { path, source }
    };
    let relative = file.to_string_lossy().replace('\\', "/");
    files.create(&relative, &page).map_err(write_error(&full))?;

    let record = if segments.len() == 2 && segments[0] == "industries" && !is_index {
        add_industry(&config, &site_toml, name, &title, today, files)
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

/// Refuses a translation of `clean` when its default-language page does not exist (nor an
/// industry record it is made from, nor a section's own page), naming the nearest existing page:
/// the translation would be a page of its own that no link and no switcher leads to.
fn orphan_translation(
    root: &Path,
    config: &SiteConfig,
    clean: &str,
    lang: &str,
) -> Result<(), NewError> {
    let original = format!("content/{clean}.md");
    let industry = clean.strip_prefix("industries/").is_some_and(|slug| {
        config
            .facts
            .industries
            .iter()
            .any(|i| i.get_ref().slug.get_ref() == slug)
    });
    if clean.ends_with("_index") || industry || root.join(&original).is_file() {
        return Ok(());
    }
    let content = root.join("content");
    // The default-language pages, as `new` names them: `profile`, `news/2021-results`.
    let pages: Vec<String> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e
                .path()
                .strip_prefix(&content)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let stem = path.strip_suffix(".md")?.to_owned();
            let translated = stem
                .rsplit_once('.')
                .is_some_and(|(_, key)| config.language_of(key).is_some());
            (!translated).then_some(stem)
        })
        .collect();
    Err(NewError::NoOriginal {
        near: crate::diagnostic::suggest(clean, pages.iter().map(String::as_str)),
        original,
        language: config.languages[0].name.clone(),
        lang: lang.to_owned(),
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

/// Commented front-matter lines that show how to say what a story is about, with the site's
/// own first industry and park sector, so an editor only removes a `#` and changes an id.
fn tag_lines(config: &SiteConfig) -> String {
    let facts = &config.facts;
    let mut lines = String::from(
        "# What the story is about: delete the # in front of a line to use it (ids from site.toml).\n",
    );
    if let Some(industry) = facts.industries.first() {
        lines.push_str(&format!(
            "# industries = [{}]\n",
            toml::Value::String(industry.get_ref().slug.get_ref().clone())
        ));
    }
    let sector = facts.parks.as_ref().and_then(|p| {
        p.sector_ids(&config.default_language().key)
            .into_iter()
            .next()
    });
    if let Some(sector) = sector {
        lines.push_str(&format!("# parks = [{}]\n", toml::Value::String(sector)));
    }
    // An example left in as it is stops the build, rather than publishing a topic nobody chose.
    lines.push_str("# topics = [\"...\"]\n");
    lines
}

/// The text of a new translation: the default-language page's title, marked as a placeholder
/// until it is translated from `from` into `to`, and a line to replace.
fn translation_text(title: &str, from: &str, to: &str) -> String {
    let note = format!(
        "# Translate this title from {from} into {to}, and the text below; then delete the line\n# `placeholder = true`.\n"
    );
    starter_text(title, None)
        .replacen("+++\n", &format!("+++\n{note}"), 1)
        .replacen("\n+++\n", "\nplaceholder = true\n+++\n", 1)
}

/// The title of the default-language page `clean` (under content/, without `.md`), when it has
/// one in its front matter.
fn default_title(root: &Path, clean: &str) -> Option<String> {
    let name = format!("content/{clean}.md");
    let bytes = std::fs::read(root.join(&name)).ok()?;
    let file = crate::input::load::text_file(&name, bytes).ok()?;
    crate::input::front_matter::split(&file)
        .ok()?
        .front_matter
        .title
        .map(toml::Spanned::into_inner)
        .filter(|t| !t.trim().is_empty())
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

/// The industry's `name` as a TOML value: on a site in several languages, one text per language,
/// the others left as `...` for `check` to ask for, so no language's pages show another's words.
fn name_in_each_language(config: &SiteConfig, name: &str) -> String {
    let plain = toml::Value::String(name.to_owned()).to_string();
    let [default, others @ ..] = config.languages.as_slice() else {
        return plain;
    };
    if others.is_empty() {
        return plain;
    }
    let mut texts = vec![format!("{} = {plain}", default.key)];
    texts.extend(others.iter().map(|l| format!("{} = \"...\"", l.key)));
    format!("{{ {} }}", texts.join(", "))
}

/// Appends an `[[industries]]` record for `slug` to site.toml, keeping its comments and layout.
fn add_industry(
    config: &SiteConfig,
    text: &str,
    slug: &str,
    name: &str,
    today: Day,
    files: &mut dyn PageFiles,
) -> std::io::Result<Record> {
    let name = name_in_each_language(config, name);
    // Without a source of its own the record is credited to the default source, most likely
    // older than the industry: `added` lets `check` say so until a source is named.
    let record = format!(
        "\n# Added by `zonesite new`: check the name, and add `plan` and `summary` if you have them.\n# Say where its facts come from: list the publication under [[sources]], then write its id\n# here as source = \"<source id>\". Until then `zonesite check` warns.\n[[industries]]\nslug = \"{slug}\"\nname = {}\nadded = {}\n",
        name,
        today.iso()
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
            "  {{ slug = \"{slug}\", name = {}, added = {} }},\n(inside the list `industries = [...]` in site.toml)",
            name,
            today.iso()
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
    files.replace_site_toml(text, &edited)?;
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
