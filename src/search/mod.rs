//! Stage 4, after rendering: the site's search index. Pagefind makes it from the rendered pages
//! in memory (never read back from disk), one index per language, each on its own thread; the
//! index is kept in zonesite's cache by the pages it was made from, so an unchanged site is
//! never indexed twice.

mod cache;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

use crate::output::{self, OutputFile};

pub use cache::IndexCache;

/// The folder of the output that holds the index and Pagefind's script, as the start of the
/// output path of each of its files.
pub(crate) const FOLDER: &str = "pagefind/";

/// What zonesite's markdown adds to a page's text that is not its text: the `#` link beside each
/// heading and the numbers that cite a source. Indexed, they read "Technology market# In 2020"
/// and "in 2020.1 The report". (Templates mark their own parts with `data-pagefind-ignore`.)
const UNSEARCHED: [&str; 2] = ["a.anchor", "sup.cite"];

/// The version of Pagefind whose index and script are written; part of the cache key.
const PAGEFIND_VERSION: &str = "1.6.0";

/// The `[search]` table of site.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchSettings {
    /// Whether the site has search: a search page per language, a box on every page, an index.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings { enabled: true }
    }
}

/// Search is on unless site.toml turns it off.
fn enabled_by_default() -> bool {
    true
}

/// The rendered pages a search index is made from, by language.
#[derive(Debug, Default, Clone)]
pub struct SearchPages {
    languages: Vec<LanguagePages>,
}

/// One language's pages: its tag as Pagefind keys it (lower case), and each page's address and
/// HTML.
#[derive(Debug, Clone)]
struct LanguagePages {
    tag: String,
    pages: Vec<(String, Arc<[u8]>)>,
    /// Pages past [`MOST_PAGES`], not indexed.
    left_out: usize,
}

/// How many pages of one language are indexed. Pagefind looks each new page up among all it has
/// (time growing with the square of their number), so a stranger's site of a million pages must
/// not reach it; a zone's site stays far below this.
pub const MOST_PAGES: usize = 50_000;

impl SearchPages {
    /// Adds the page at `url` (its path, as links on the site write it) in language `tag`.
    pub(crate) fn add(&mut self, tag: &str, url: String, html: Arc<[u8]>) {
        let tag = tag.to_ascii_lowercase();
        match self.languages.iter_mut().find(|l| l.tag == tag) {
            Some(language) if language.pages.len() >= MOST_PAGES => language.left_out += 1,
            Some(language) => language.pages.push((url, html)),
            None => self.languages.push(LanguagePages {
                tag,
                pages: vec![(url, html)],
                left_out: 0,
            }),
        }
    }

    /// The languages some of whose pages are not indexed, with how many, past [`MOST_PAGES`].
    pub fn left_out(&self) -> impl Iterator<Item = (&str, usize)> {
        self.languages
            .iter()
            .filter(|l| l.left_out > 0)
            .map(|l| (l.tag.as_str(), l.left_out))
    }

    /// How many pages there are to index.
    pub fn len(&self) -> usize {
        self.languages.iter().map(|l| l.pages.len()).sum()
    }

    /// Whether there is no page to index.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How far indexing has come, for a progress bar; told (pages done, pages in all) after each
/// page, it answers whether to go on (`serve` stops an index that a newer build has outdated).
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(usize, usize) -> bool + Send + Sync>);

impl Progress {
    /// Progress reported to `tell`.
    pub fn new(tell: impl Fn(usize, usize) -> bool + Send + Sync + 'static) -> Self {
        Progress(Arc::new(tell))
    }

    /// Tells that `done` of `total` are done; whether to go on.
    pub(crate) fn tell(&self, done: usize, total: usize) -> bool {
        (self.0)(done, total)
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new(|_, _| true)
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// Why no index was made.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Pagefind refused a page or the index.
    #[error("Pagefind could not index {what}: {message}")]
    Pagefind {
        /// The page's address, or "the site".
        what: String,
        /// Pagefind's own words.
        message: String,
    },
    /// Pagefind stopped in the middle (a panic inside it).
    #[error("Pagefind stopped in the middle of indexing (an internal error)")]
    Stopped,
    /// The caller's progress said to stop: a newer build outdated this one.
    #[error("indexing was stopped")]
    Cancelled,
}

/// The search index of `pages`, as output files under [`FOLDER`]: taken from `cache` when these
/// very pages were indexed before, else made and kept there.
pub fn index(
    pages: &SearchPages,
    cache: &mut IndexCache,
    progress: &Progress,
) -> Result<Arc<[OutputFile]>, SearchError> {
    let key = cache::key(pages);
    if let Some(files) = cache.get(key) {
        return Ok(files);
    }
    let files: Arc<[OutputFile]> = made(pages, progress)?.into();
    cache.put(key, Arc::clone(&files));
    Ok(files)
}

/// Pagefind's files for `pages`: each language indexed on its own thread (Pagefind indexes one
/// page at a time), then their files put together.
fn made(pages: &SearchPages, progress: &Progress) -> Result<Vec<OutputFile>, SearchError> {
    let total = pages.len();
    let done = AtomicUsize::new(0);
    let indexed: Vec<Result<Vec<pagefind::api::SyntheticFile>, SearchError>> =
        std::thread::scope(|scope| {
            let threads: Vec<_> = pages
                .languages
                .iter()
                .map(|language| {
                    let done = &done;
                    scope.spawn(move || index_language(language, done, total, progress))
                })
                .collect();
            threads
                .into_iter()
                // A panic inside Pagefind (it has a few `expect`s) must not end a preview.
                .map(|thread| thread.join().unwrap_or(Err(SearchError::Stopped)))
                .collect()
        });
    let mut entries = Vec::new();
    let mut files = std::collections::BTreeMap::new();
    for language in indexed {
        for file in language? {
            let path = file.filename.to_string_lossy().replace('\\', "/");
            if path == ENTRY {
                entries.push(file.contents);
            } else if kept(&path) {
                files.insert(format!("{FOLDER}{path}"), file.contents);
            }
        }
    }
    let entry = merged_entry(&entries)?;
    files.insert(format!("{FOLDER}{ENTRY}"), entry);
    Ok(files
        .into_iter()
        .map(|(path, bytes)| output::file(path, bytes, "the search index"))
        .collect())
}

/// Pagefind's list of the languages indexed, which its script reads first.
const ENTRY: &str = "pagefind-entry.json";

/// Whether a file Pagefind writes is one the site needs: its search script, worker, index and
/// WebAssembly, not its ready-made interfaces (the search page has its own).
fn kept(path: &str) -> bool {
    !path.starts_with("pagefind-ui")
        && !path.starts_with("pagefind-modular-ui")
        && !path.starts_with("pagefind-component-ui")
        && !path.starts_with("pagefind-highlight")
        && !path.starts_with("playground/")
}

/// One language's index, made by its own Pagefind: its files, the list of languages among them.
fn index_language(
    language: &LanguagePages,
    done: &AtomicUsize,
    total: usize,
    progress: &Progress,
) -> Result<Vec<pagefind::api::SyntheticFile>, SearchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(failed("the site"))?;
    runtime.block_on(async {
        // Addresses are given as links write them: Pagefind must not drop their index.html.
        let config = pagefind::options::PagefindServiceConfig::builder()
            .force_language(language.tag.clone())
            .keep_index_url(true)
            .exclude_selectors(UNSEARCHED.iter().map(|s| s.to_string()).collect())
            .build();
        let mut index =
            pagefind::api::PagefindIndex::new(Some(config)).map_err(failed("the site"))?;
        for (url, html) in &language.pages {
            let text = indexed_part(html);
            index
                .add_html_file(None, Some(url.clone()), text)
                .await
                .map_err(failed(url))?;
            let now = done.fetch_add(1, Ordering::Relaxed) + 1;
            if !progress.tell(now, total) {
                return Err(SearchError::Cancelled);
            }
        }
        index.get_files().await.map_err(failed("the site"))
    })
}

/// How much of a page's HTML is indexed. Pagefind's time grows faster than a page's size (a
/// page of 1 MB of distinct words takes a second, one of 2 MB four); this bounds it, far above
/// any page written by hand.
const INDEXED_BYTES: usize = 512 * 1024;

/// The part of `html` that is given to Pagefind: the `<main>` element when it is what the
/// template marks for indexing (Pagefind then parses a fraction of the page, not its head and
/// menus), else the whole page; of a longer one, the first [`INDEXED_BYTES`], cut between two
/// characters (a tag cut short at the end is ignored).
fn indexed_part(html: &[u8]) -> String {
    let main = main_element(html);
    let page = main.unwrap_or(html);
    let mut cut = page.len().min(INDEXED_BYTES);
    // A UTF-8 character's later bytes are 0b10xxxxxx: step back to the start of one.
    while cut < page.len() && cut > 0 && page[cut] & 0xC0 == 0x80 {
        cut -= 1;
    }
    let part = String::from_utf8_lossy(&page[..cut]);
    // Pagefind reads only what is inside an <html> element.
    match main {
        Some(_) => format!("<html><body>{part}</body></html>"),
        None => part.into_owned(),
    }
}

/// The `<main …data-pagefind-body…>` element of `html`, to its last `</main>`, if it has one.
fn main_element(html: &[u8]) -> Option<&[u8]> {
    let find = |needle: &[u8], from: usize| {
        html.get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| from + i)
    };
    let start = find(b"<main", 0)?;
    let tag_end = find(b">", start)?;
    let marked = html[start..tag_end]
        .windows(b"data-pagefind-body".len())
        .any(|w| w == b"data-pagefind-body");
    let end = html.windows(7).rposition(|w| w == b"</main>")? + 7;
    (marked && end > tag_end).then(|| &html[start..end])
}

/// The error for `what` (a page's address, or "the site") from Pagefind's own error.
fn failed<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> SearchError + '_ {
    move |e| SearchError::Pagefind {
        what: what.to_owned(),
        message: e.to_string(),
    }
}

/// The languages' entries put into one: each Pagefind wrote an entry naming its own language
/// alone, beside the same version.
fn merged_entry(entries: &[Vec<u8>]) -> Result<Vec<u8>, SearchError> {
    let mut merged: Option<serde_json::Map<String, serde_json::Value>> = None;
    for entry in entries {
        let serde_json::Value::Object(mut entry) =
            serde_json::from_slice(entry).map_err(failed("the site"))?
        else {
            return Err(unreadable_entry());
        };
        match &mut merged {
            None => merged = Some(entry),
            Some(merged) => {
                let languages = entry.remove("languages");
                let (Some(serde_json::Value::Object(into)), Some(serde_json::Value::Object(from))) =
                    (merged.get_mut("languages"), languages)
                else {
                    return Err(unreadable_entry());
                };
                into.extend(from);
            }
        }
    }
    let merged = merged.unwrap_or_default();
    serde_json::to_vec(&merged).map_err(failed("the site"))
}

/// The error for an entry file not as Pagefind 1.6 writes it.
fn unreadable_entry() -> SearchError {
    SearchError::Pagefind {
        what: "the site".to_owned(),
        message: format!("its {ENTRY} lists no languages"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_page_is_cut_between_two_characters() {
        // 高 is three bytes: the limit falls inside one, and the cut steps back before it.
        let mut html = vec![b'a'; INDEXED_BYTES - 1];
        // (No marked <main>: the page is given whole.)
        html.extend("高新区".as_bytes());
        let part = indexed_part(&html);
        assert_eq!(part.len(), INDEXED_BYTES - 1);
        assert!(!part.contains('\u{fffd}'));
        assert_eq!(indexed_part("<p>高</p>".as_bytes()), "<p>高</p>");
    }

    #[test]
    fn only_a_marked_main_element_is_given_to_pagefind() {
        let page = "<html><head><title>t</title></head><body><nav>menu</nav><main id=\"main\" data-pagefind-body><h1>Hi</h1></main><footer>f</footer></body></html>";
        assert_eq!(
            indexed_part(page.as_bytes()),
            "<html><body><main id=\"main\" data-pagefind-body><h1>Hi</h1></main></body></html>"
        );
        let unmarked = "<html><body><main><h1>Hi</h1></main></body></html>";
        assert_eq!(indexed_part(unmarked.as_bytes()), unmarked);
        let unclosed = "<html><body><main data-pagefind-body><h1>Hi</h1></body></html>";
        assert_eq!(indexed_part(unclosed.as_bytes()), unclosed);
    }

    #[test]
    fn pages_past_the_most_are_counted_not_kept() {
        let html: Arc<[u8]> = Arc::from(&b"<p>x</p>"[..]);
        let mut pages = SearchPages::default();
        for n in 0..MOST_PAGES + 2 {
            pages.add("zh-Hans", format!("/zh/{n}/"), Arc::clone(&html));
        }
        pages.add("en", "/".to_owned(), html);
        assert_eq!(pages.len(), MOST_PAGES + 1);
        assert_eq!(pages.left_out().collect::<Vec<_>>(), [("zh-hans", 2)]);
    }

    #[test]
    fn the_languages_entries_are_put_into_one() {
        let en =
            br#"{"version":"1.6.0","languages":{"en":{"hash":"en_1","wasm":"en","page_count":2}}}"#;
        let zh = br#"{"version":"1.6.0","languages":{"zh-hans":{"hash":"zh-hans_2","wasm":null,"page_count":3}}}"#;
        let merged = merged_entry(&[en.to_vec(), zh.to_vec()]).unwrap();
        assert_eq!(
            String::from_utf8(merged).unwrap(),
            r#"{"languages":{"en":{"hash":"en_1","page_count":2,"wasm":"en"},"zh-hans":{"hash":"zh-hans_2","page_count":3,"wasm":null}},"version":"1.6.0"}"#
        );
        assert!(merged_entry(&[en.to_vec(), b"[]".to_vec()]).is_err());
    }
}
