//! A page's text cut for the editor: its settings (the TOML between its `+++` lines) for the
//! form, and its markdown for the text box; and put together again after the form's changes,
//! with every setting the form did not touch kept as it was written.

use serde::Serialize;
use serde_json::Value;

use super::factsheet::{self, FactEdit, FactSheetError};

/// A page's text, cut.
#[derive(Debug, Serialize)]
pub(super) struct PageText {
    /// Its settings as written, or `None` when it has none or they cannot be read as a form
    /// (the editor then shows the whole text).
    pub front: Option<String>,
    /// Its settings as values for the form.
    pub form: Option<Value>,
    /// Its markdown, or its whole text when `front` is `None`.
    pub text: String,
}

impl PageText {
    /// Cuts `text` at its settings, when they are a readable `+++` block.
    pub(super) fn of(text: &str) -> PageText {
        let whole = || PageText {
            front: None,
            form: None,
            text: text.to_owned(),
        };
        let Some((front, body)) = fenced(text) else {
            return whole();
        };
        match factsheet::form(front) {
            Ok(form) => PageText {
                front: Some(front.to_owned()),
                form: Some(form),
                text: body.to_owned(),
            },
            Err(_) => whole(),
        }
    }

    /// The page's whole text: `front` with the form's `edits`, between `+++` lines, then `body`.
    pub(super) fn compose(
        front: &str,
        edits: &[FactEdit],
        body: &str,
    ) -> Result<String, FactSheetError> {
        let front = factsheet::apply(front, edits)?;
        let mut text = String::with_capacity(front.len() + body.len() + 8);
        text.push_str("+++\n");
        text.push_str(&front);
        if !front.is_empty() && !front.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("+++\n");
        text.push_str(body);
        Ok(text)
    }
}

/// The settings and the markdown of a text that opens with a `+++` line and closes its settings
/// with another.
fn fenced(text: &str) -> Option<(&str, &str)> {
    let after_open = text.strip_prefix("+++\n")?;
    let mut at = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&after_open[..at], &after_open[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "+++\ntitle = \"Fair\" # the headline\ndate = 2021-04-13\n+++\n\nText.\n";

    #[test]
    fn a_page_comes_apart_and_together_unchanged() {
        let cut = PageText::of(PAGE);
        assert_eq!(
            cut.front.as_deref(),
            Some("title = \"Fair\" # the headline\ndate = 2021-04-13\n")
        );
        assert_eq!(cut.text, "\nText.\n");
        let again = PageText::compose(cut.front.as_deref().unwrap(), &[], &cut.text).unwrap();
        assert_eq!(again, PAGE);
    }

    #[test]
    fn a_page_without_readable_settings_is_one_text() {
        for text in [
            "Just text.\n",
            "+++\ntitle = \n+++\nText\n",
            "+++\ntitle = \"x\"\n",
        ] {
            let cut = PageText::of(text);
            assert_eq!((cut.front, cut.text.as_str()), (None, text));
        }
    }
}
