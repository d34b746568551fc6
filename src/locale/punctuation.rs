//! Typographic punctuation for texts written outside markdown (site.toml, front matter), by the
//! rules pulldown-cmark's smart punctuation applies to the pages' markdown.

use std::borrow::Cow;
use std::ops::Range;

use crate::locale::is_cjk;

/// `text` with straight quotes made curly by their neighbours, `--` an en dash, `---` an em
/// dash and `...` an ellipsis, as in the markdown of pages; code spans are kept as written.
///
/// Borrowed when there was nothing to change.
pub(crate) fn smart_punctuation(text: &str) -> Cow<'_, str> {
    if !text.contains(['\'', '"']) && !text.contains("--") && !text.contains("...") {
        return Cow::Borrowed(text);
    }
    let edits = edits(text);
    if edits.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2 * edits.len());
    let mut copied = 0;
    for edit in &edits {
        out.push_str(&text[copied..edit.at.start]);
        match edit.mark {
            Mark::Char(c) => out.push(c),
            Mark::Dashes { ems, ens } => {
                out.extend(std::iter::repeat_n('—', ems));
                out.extend(std::iter::repeat_n('–', ens));
            }
        }
        copied = edit.at.end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// [`smart_punctuation`] of a text owned already, which is handed back when nothing changed.
pub(crate) fn smart_punctuation_owned(text: String) -> String {
    match smart_punctuation(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(changed) => changed,
    }
}

/// One run of `text` to write differently.
struct Edit {
    /// The bytes it replaces.
    at: Range<usize>,
    /// What is written in their place.
    mark: Mark,
}

/// What an edit writes.
#[derive(Clone, Copy)]
enum Mark {
    /// One character: a curly quote, a dash or an ellipsis.
    Char(char),
    /// A run of dashes: em dashes, then en dashes.
    Dashes { ems: usize, ens: usize },
}

/// The edits `text` needs, in order.
fn edits(text: &str) -> Vec<Edit> {
    let bytes = text.as_bytes();
    let code = code_spans(text);
    let mut code = code.iter().peekable();
    let mut edits = Vec::new();
    // pulldown-cmark pairs at most one single quote and one double quote at a time: a single
    // quote is an apostrophe `’` until a later one closes it, when it turns into `‘`.
    let mut single_open: Option<usize> = None;
    let mut double_open = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(span) = code.next_if(|span| span.start == i) {
            i = span.end;
            continue;
        }
        match bytes[i] {
            b'.' if bytes[i..].starts_with(b"...") => {
                edits.push(Edit {
                    at: i..i + 3,
                    mark: Mark::Char('…'),
                });
                i += 3;
            }
            b'-' => {
                let count = bytes[i..].iter().take_while(|&&b| b == b'-').count();
                if count > 1 {
                    edits.push(Edit {
                        at: i..i + count,
                        mark: dashes(count),
                    });
                }
                i += count;
            }
            quote @ (b'\'' | b'"') => {
                let (opens, closes) = flanks(text, i, quote);
                let mark = if quote == b'\'' {
                    if let Some(open) = single_open.filter(|_| closes) {
                        edits[open].mark = Mark::Char('‘');
                        single_open = None;
                    } else if opens {
                        single_open = Some(edits.len());
                    }
                    '’'
                } else if closes && double_open {
                    double_open = false;
                    '”'
                } else {
                    double_open |= opens;
                    '“'
                };
                edits.push(Edit {
                    at: i..i + 1,
                    mark: Mark::Char(mark),
                });
                i += 1;
            }
            _ => i += 1,
        }
    }
    edits
}

/// A run of `count` (at least two) hyphens as pulldown-cmark writes it: `--` an en dash, `---`
/// an em dash, longer runs as many em dashes as fit evenly, then en dashes.
fn dashes(count: usize) -> Mark {
    let (ems, ens) = match count % 6 {
        0 | 3 => (count / 3, 0),
        2 | 4 => (0, count / 2),
        1 => (count / 3 - 1, 2),
        _ => (count / 3, 1),
    };
    Mark::Dashes { ems, ens }
}

/// Whether the `quote` at byte `i` of `text` may open a quotation, and whether it may close one:
/// CommonMark's left- and right-flanking rules, as pulldown-cmark applies them to quotes.
fn flanks(text: &str, i: usize, quote: u8) -> (bool, bool) {
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    // After `]` or `)` a single quote is an apostrophe, as in `(1990)'s`.
    let opens = after.is_some_and(|c| !c.is_whitespace())
        && before.is_none_or(|c| {
            c.is_whitespace() || (is_boundary(c) && !(quote == b'\'' && matches!(c, ']' | ')')))
        });
    let closes = before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || is_boundary(c));
    (opens, closes)
}

/// Whether a quote beside `c` stands at a word's edge: `c` is punctuation or a symbol, or a
/// Chinese or Japanese character.
///
/// pulldown-cmark counts a Han character as a letter: the closing quote of `"十四五"时期` stands
/// between two letters, closes nothing and is written `“`. Chinese writes no spaces between
/// words, so a quote beside a Han character is at a word's edge, and pairs as in English.
fn is_boundary(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{A1}'..='\u{A9}' | '\u{AB}' | '\u{AC}' | '\u{AE}'..='\u{B1}' | '\u{B4}'
            | '\u{B6}'..='\u{B8}' | '\u{BB}' | '\u{BF}' | '\u{D7}' | '\u{F7}'
            // General punctuation (dashes, curly quotes, …), currency, arrows, maths, shapes.
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}'
            | '\u{2190}'..='\u{2BFF}' | '\u{2E00}'..='\u{2E5D}'
            // CJK punctuation, kana and ideographs, their compatibility and full-width forms.
            | '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// The quotes of a block of a page's markdown, curled again where they stand beside Chinese or
/// Japanese text: pulldown-cmark counts a Han character as a letter, so the closing quote of
/// `"十四五"时期` comes out `“`. Chinese writes no spaces between words, and nests quotes of the
/// other kind, so there a straight quote opens when none is open and closes when one is.
#[derive(Debug, Default)]
pub(crate) struct QuotePairs {
    /// Whether a double quote is open.
    double: bool,
    /// Whether a single quote is open.
    single: bool,
}

impl QuotePairs {
    /// Starts a new block: a quotation does not run on from one paragraph to the next.
    pub(crate) fn reset(&mut self) {
        *self = QuotePairs::default();
    }

    /// The mark for the straight quote at byte `at` of `body`, which the parser wrote `curled`.
    pub(crate) fn curl(&mut self, body: &str, at: usize, curled: char) -> char {
        let (open, opening, closing) = match body.as_bytes().get(at) {
            Some(b'"') => (&mut self.double, '“', '”'),
            Some(b'\'') => (&mut self.single, '‘', '’'),
            _ => return curled,
        };
        let before = body[..at].chars().next_back();
        let after = body[at + 1..].chars().next();
        if !before.into_iter().chain(after).any(is_cjk) {
            *open = curled == opening;
            return curled;
        }
        *open = !*open;
        if *open { opening } else { closing }
    }
}

/// The code spans of `text` (`` `--flag` ``), backticks included: a run of backticks up to the
/// next run of as many.
fn code_spans(text: &str) -> Vec<Range<usize>> {
    if !text.contains('`') {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let count = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        if count > 0 {
            runs.push(i..i + count);
        }
        i += count.max(1);
    }
    // The next run of the same length after each run, found from the end: linear in the runs.
    let mut next_of_length = std::collections::HashMap::new();
    let mut closing = vec![None; runs.len()];
    for (k, run) in runs.iter().enumerate().rev() {
        closing[k] = next_of_length.insert(run.len(), k);
    }
    let mut spans = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        match closing[k] {
            Some(end) => {
                spans.push(runs[k].start..runs[end].end);
                k = end + 1;
            }
            None => k += 1,
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text as smart punctuation writes it.
    fn smart(text: &str) -> String {
        smart_punctuation(text).into_owned()
    }

    #[test]
    fn apostrophes_are_closing_quotes() {
        assert_eq!(smart("the zone's share"), "the zone’s share");
        assert_eq!(
            smart("Shenyang's technology contracts"),
            "Shenyang’s technology contracts"
        );
        assert_eq!(smart("the '90s"), "the ’90s");
        assert_eq!(smart("'90s and '00s"), "’90s and ’00s");
        assert_eq!(smart("rock 'n' roll"), "rock ‘n’ roll");
        assert_eq!(smart("(1990)'s"), "(1990)’s");
        assert_eq!(smart("firms'"), "firms’");
    }

    #[test]
    fn quotes_curl_by_their_neighbours() {
        assert_eq!(smart("\"Zone\""), "“Zone”");
        assert_eq!(smart("'Zone'"), "‘Zone’");
        assert_eq!(smart("He said: \"Hi\"."), "He said: “Hi”.");
        assert_eq!(smart("(\"a\")"), "(“a”)");
        assert_eq!(
            smart("the \"zone\" and the 'park'"),
            "the “zone” and the ‘park’"
        );
    }

    #[test]
    fn quotes_inside_quotes() {
        assert_eq!(
            smart("\"The zone's 'new' parks\""),
            "“The zone’s ‘new’ parks”"
        );
        assert_eq!(smart("'a \"b\" c'"), "‘a “b” c’");
    }

    #[test]
    fn quotes_follow_pulldown_cmark_where_they_cannot_pair() {
        // Each as the markdown of a page shows it.
        assert_eq!(smart("'a' 'b"), "‘a’ ’b");
        assert_eq!(smart("5\" screen"), "5“ screen");
        assert_eq!(smart("\"a \"b\" c\""), "“a “b” c“");
        assert_eq!(smart("\""), "“");
    }

    #[test]
    fn quotes_beside_chinese_characters() {
        assert_eq!(smart("\"十四五\"时期"), "“十四五”时期");
        assert_eq!(smart("实施\"十四五\"规划"), "实施“十四五”规划");
        assert_eq!(smart("中国'日报'"), "中国‘日报’");
        assert_eq!(
            smart("来源：\"Shenyang zone\"（英文）"),
            "来源：“Shenyang zone”（英文）"
        );
    }

    #[test]
    fn dashes_and_ellipses() {
        assert_eq!(smart("2021--2025"), "2021–2025");
        assert_eq!(smart("a zone --- and a park"), "a zone — and a park");
        assert_eq!(smart("a--b---c----d-----e------f"), "a–b—c––d—–e——f");
        assert_eq!(smart("-------"), "—––");
        assert_eq!(smart("and so on..."), "and so on…");
        assert_eq!(smart("x.... y"), "x…. y");
    }

    #[test]
    fn code_spans_are_kept() {
        assert_eq!(
            smart("Build with `--drafts` or ``it's``, it's"),
            "Build with `--drafts` or ``it's``, it’s"
        );
        assert_eq!(smart("a ` b's"), "a ` b’s");
        assert_eq!(smart("`a'` ``b'"), "`a'` ``b’");
    }

    #[test]
    fn nothing_to_change_is_borrowed() {
        for text in [
            "",
            "Research institutions",
            "high-end manufacturing",
            "2021-2025",
            "Fig. 1. Share",
            "“十四五”时期（2021—2025年）",
            "the zone’s share",
            "Build with `zonesite build`",
            "Keep `it's` and `--drafts` as typed",
        ] {
            assert!(
                matches!(smart_punctuation(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
    }

    #[test]
    fn an_owned_text_is_handed_back_or_changed() {
        assert_eq!(smart_punctuation_owned("Parks".to_owned()), "Parks");
        assert_eq!(smart_punctuation_owned("Zone's".to_owned()), "Zone’s");
    }
}
