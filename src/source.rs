//! A text file of the site as read from disk, and how byte offsets map to lines and columns.

use std::sync::Arc;

/// A source text (site.toml, a markdown page, a template) with the path shown to editors.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators, as shown in messages.
    pub path: String,
    /// The text, without a leading byte-order mark, so offsets match what editors show; shared,
    /// so the stages and the preview's caches hold one copy of an unchanged file.
    pub text: Arc<str>,
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
        }
    }

    /// The line and character column of a byte offset, with that line's text for excerpts.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        Location {
            file: self.path.clone(),
            line: Some(before.matches('\n').count() + 1),
            column: Some(before[line_start..].chars().count() + 1),
            line_text: Some(line_text.to_owned()),
        }
    }
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
    /// The text of that line, for the excerpt under the message.
    #[serde(skip)]
    pub line_text: Option<String>,
}

impl Location {
    /// A problem with a whole file rather than a spot in it.
    pub(crate) fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
            line_text: None,
        }
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
        assert_eq!(loc.line_text.as_deref(), Some("沈阳 = 1"));
    }
}
