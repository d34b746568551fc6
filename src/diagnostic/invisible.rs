//! Characters a reader cannot see but a text still holds (a zero-width space pasted from a web
//! page, a soft hyphen from a word processor): they break searches, links and ids while looking
//! like nothing, so messages name them.

/// The name of an invisible character that has no use in a site's text, with its code point:
/// `zero-width space, U+200B`. `None` for a visible character, and for the joiners, which
/// [`meaningless_joiner`] judges by their neighbours.
pub(crate) fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200b}' => "zero-width space, U+200B",
        '\u{00ad}' => "soft hyphen, U+00AD",
        '\u{2028}' => "line separator, U+2028",
        '\u{2029}' => "paragraph separator, U+2029",
        '\u{2060}' => "word joiner, U+2060",
        '\u{feff}' => "byte-order mark, U+FEFF",
        _ => return None,
    })
}

/// The name of a zero-width joiner or non-joiner that joins nothing: next to a Latin letter, a
/// digit, a space, a Chinese character or the end of the line. Between two letters of a script
/// that joins (Arabic, Persian, Devanagari) or two parts of an emoji, it shapes the text.
pub(crate) fn meaningless_joiner(
    before: Option<char>,
    c: char,
    after: Option<char>,
) -> Option<&'static str> {
    let name = match c {
        '\u{200c}' => "zero-width non-joiner, U+200C",
        '\u{200d}' => "zero-width joiner, U+200D",
        _ => return None,
    };
    let joins = |n: Option<char>| {
        n.is_some_and(|n| !n.is_ascii() && !n.is_whitespace() && !is_han(n) && n != '\u{200b}')
    };
    (!joins(before) || !joins(after)).then_some(name)
}

/// Whether `c` is written with Chinese characters (or Japanese kana, Korean hangul), which never
/// join.
fn is_han(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{3ffff}')
}

/// Whether a terminal would take `c` as an order rather than a letter: control characters
/// (escape sequences start with one, a carriage return goes back over the line) and the marks
/// that turn the direction of the text (which can make a line read unlike its bytes).
pub(crate) fn steers_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Whether a message shows `c` escaped (`\u{200b}`), as it shows what steers a terminal: an
/// invisible character in an excerpt or a name is otherwise not there to see.
pub(crate) fn shown_escaped(c: char) -> bool {
    invisible_name(c).is_some() || matches!(c, '\u{200c}' | '\u{200d}')
}

/// `text` as it reads, its invisible characters left out.
fn visible(text: &str) -> String {
    text.chars().filter(|&c| !shown_escaped(c)).collect()
}

/// Where `text` holds its first invisible character, and which: "an invisible character
/// (zero-width space, U+200B) after `gdp`"; `None` when it holds none.
pub(crate) fn describe(text: &str) -> Option<String> {
    let (at, c) = text.char_indices().find(|&(_, c)| shown_escaped(c))?;
    let name = invisible_name(c).unwrap_or(if c == '\u{200c}' {
        "zero-width non-joiner, U+200C"
    } else {
        "zero-width joiner, U+200D"
    });
    let place = if at == 0 {
        "at its start".to_owned()
    } else {
        format!("after `{}`", visible(&text[..at]))
    };
    Some(format!("an invisible character ({name}) {place}"))
}

/// What tells `written` from `near` when they look the same: `near` is `written` with an
/// invisible character left out or added, in `written` ("what is written here holds an invisible
/// character (zero-width space, U+200B) after `gdp`: delete it") or in `near`.
pub(crate) fn difference(written: &str, near: &str) -> Option<String> {
    if written == near || visible(written) != visible(near) {
        return None;
    }
    Some(if written.chars().any(shown_escaped) {
        format!(
            "what is written here holds {}: delete it, and it reads `{}`",
            describe(written)?,
            visible(written)
        )
    } else {
        format!(
            "`{}` is written with {} where it is defined: delete it there",
            visible(near),
            describe(near)?
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_count_only_between_letters_that_join() {
        assert!(meaningless_joiner(Some('a'), '\u{200c}', Some('b')).is_some());
        assert!(meaningless_joiner(Some('沈'), '\u{200d}', Some('阳')).is_some());
        assert!(meaningless_joiner(None, '\u{200d}', Some('ب')).is_some());
        assert_eq!(meaningless_joiner(Some('م'), '\u{200c}', Some('ی')), None);
        assert_eq!(meaningless_joiner(Some('👨'), '\u{200d}', Some('👩')), None);
    }

    #[test]
    fn the_difference_of_names_that_look_the_same_is_said() {
        assert_eq!(
            difference("gdp\u{200b}", "gdp").as_deref(),
            Some(
                "what is written here holds an invisible character (zero-width space, U+200B) after `gdp`: delete it, and it reads `gdp`"
            )
        );
        assert_eq!(
            difference("firms", "\u{feff}firms").as_deref(),
            Some(
                "`firms` is written with an invisible character (byte-order mark, U+FEFF) at its start where it is defined: delete it there"
            )
        );
        assert_eq!(difference("gpd", "gdp"), None);
    }
}
