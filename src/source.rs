//! A text file of the site as read from disk, and how byte offsets map to lines and columns.

use std::sync::{Arc, OnceLock};

/// How many characters of a line an excerpt shows on either side of the column: a problem on a
/// line of a megabyte is shown with the words around it, not the whole line.
const EXCERPT_SIDE: usize = 120;

/// The span of bytes whose character count the line index keeps, so that a column is counted
/// over at most this many bytes whatever the length of its line.
const BLOCK: usize = 256;

/// A source text (site.toml, a markdown page, a template) with the path shown to editors.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators, as shown in messages.
    pub path: String,
    /// The text, without a leading byte-order mark, so offsets match what editors show; shared,
    /// so the stages and the preview's caches hold one copy of an unchanged file.
    pub text: Arc<str>,
    /// Where the lines start, made on the first problem found in the file and shared by copies.
    lines: Arc<OnceLock<LineIndex>>,
}

impl SourceFile {
    /// Wraps a file's text, dropping a byte-order mark that editors do not display.
    pub(crate) fn new(path: impl Into<String>, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => Arc::from(rest),
            None => Arc::from(text),
        };
        SourceFile {
            path: path.into(),
            text,
            lines: Arc::default(),
        }
    }

    /// The line and character column of a byte offset, with an excerpt of that line around it.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let text = &*self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.lines.get_or_init(|| LineIndex::new(text));
        let line = index.starts.partition_point(|&start| start <= offset) - 1;
        let line_start = index.starts[line];
        let line_end = index
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        Location {
            file: self.path.clone(),
            line: Some(line + 1),
            column: Some(
                index.chars_before(text, offset) - index.chars_before(text, line_start) + 1,
            ),
            excerpt: Some(Excerpt::around(
                &text[line_start..line_end],
                offset - line_start,
            )),
        }
    }
}

/// Where each line of a text starts, and how many characters come before each block of it:
/// made in one pass, it finds a line by binary search and counts a column over one block.
#[derive(Debug)]
struct LineIndex {
    /// The byte offset of each line's start, the first line's (0) included.
    starts: Vec<usize>,
    /// The number of characters before byte `i * BLOCK`, for each block.
    chars: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(line_starts(bytes));
        let mut chars = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(BLOCK) {
            chars.push(count);
            count += char_starts(block);
        }
        chars.push(count);
        LineIndex { starts, chars }
    }

    /// The number of characters of `text` before byte `offset`, a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars[block] + char_starts(&text.as_bytes()[block * BLOCK..offset])
    }
}

/// The offsets just after each `\n` of `bytes`, where the lines after the first start.
fn line_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
}

/// How many characters start in `bytes`: every byte but UTF-8's continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Where a problem is: a file, and a spot in it when one is known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// The file, relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line, if the problem has a spot in the file.
    pub line: Option<usize>,
    /// 1-based column in characters, if the problem has a spot in the file.
    pub column: Option<usize>,
    /// The line around the spot, for showing under the message.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
}

impl Location {
    /// A problem with a whole file rather than a spot in it.
    pub(crate) fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
            excerpt: None,
        }
    }
}

/// A line as shown under a message: whole, or on a long line the words around the spot, with
/// `…` where it was cut.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Excerpt {
    /// The text shown.
    pub text: String,
    /// The 1-based column of the spot in `text`, in characters.
    pub caret: usize,
}

impl Excerpt {
    /// The excerpt of `line` (without its line break) around byte `at`, a character boundary;
    /// it reads at most [`EXCERPT_SIDE`] characters on either side, however long the line.
    fn around(line: &str, at: usize) -> Self {
        let at = at.min(line.len());
        let start = line[..at]
            .char_indices()
            .rev()
            .nth(EXCERPT_SIDE - 1)
            .map_or(0, |(i, _)| i);
        let end = line[at..]
            .char_indices()
            .nth(EXCERPT_SIDE)
            .map_or(line.len(), |(i, _)| at + i);
        let mut text = String::from(if start > 0 { "…" } else { "" });
        if end < line.len() {
            text.push_str(&line[start..end]);
            text.push('…');
        } else {
            // Editors do not show the carriage returns of Windows line ends.
            text.push_str(line[start..].trim_end_matches('\r'));
        }
        let caret = usize::from(start > 0) + line[start..at].chars().count() + 1;
        Excerpt { text, caret }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_ignore_bom_and_crlf() {
        let file = SourceFile::new("a.md", "\u{feff}x\r\n沈阳 = 1\r\n".into());
        let offset = file.text.find('=').unwrap();
        let loc = file.location(offset);
        assert_eq!((loc.line, loc.column), (Some(2), Some(4)));
        let excerpt = loc.excerpt.unwrap();
        assert_eq!((excerpt.text.as_str(), excerpt.caret), ("沈阳 = 1", 4));
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = format!("{}x{}", "沈".repeat(300), "a".repeat(300));
        let file = SourceFile::new("a.md", format!("first\n{line}\nlast\n"));
        let loc = file.location(file.text.find('x').unwrap());
        assert_eq!((loc.line, loc.column), (Some(2), Some(301)));
        let excerpt = loc.excerpt.unwrap();
        let expected = format!("…{}x{}…", "沈".repeat(120), "a".repeat(119));
        assert_eq!((excerpt.text, excerpt.caret), (expected, 122));
        // Near the start of the line, only the end is cut.
        let excerpt = file.location("first\n沈".len()).excerpt.unwrap();
        assert_eq!((excerpt.text.chars().count(), excerpt.caret), (122, 2));
    }
}
