//! Escaping text for HTML and XML output.

use crate::input::load::forbidden_in_xml;

/// Escapes `&`, `<`, `>`, `"` and `'` so text is safe in element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// [`escape_html`] for XML (feeds, sitemaps), leaving out the characters XML 1.0 does not allow
/// (control characters other than tab and line breaks, U+FFFE, U+FFFF): one vertical tab pasted
/// from a word processor would make the whole feed unreadable.
pub(crate) fn escape_xml(text: &str) -> String {
    escape_html(text)
        .chars()
        .filter(|&c| !forbidden_in_xml(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_loses_what_xml_cannot_carry() {
        assert_eq!(escape_xml("a\u{b}b & c\td\n"), "ab &amp; c\td\n");
    }
}
