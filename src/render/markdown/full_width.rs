//! Marks typed with a Chinese input method's punctuation (`［园区概况］（../profile.md）`,
//! `＃＃关键数据`, `｛｛ fact x ｝｝`, `！[地图](parks.png)`): the parser knows only the plain
//! marks, so the page shows them as typed. Found in the text the parser left, and reported with
//! the plain marks to type and the text as it then reads.

use crate::diagnostic::Code;

use super::Ctx;
use super::as_text::{quoted, starts_line, window};

/// Chinese punctuation that stands for a mark of a link or picture: (the characters, how they
/// are named, the plain marks to type instead).
const LINK_MARKS: &[(&[char], &str, &str)] = &[
    (&['！'], "a Chinese exclamation mark ！", "!"),
    (&['【', '】'], "Chinese brackets 【 】", "[ ]"),
    (&['［', '］'], "Chinese square brackets ［ ］", "[ ]"),
    (&['（', '）'], "Chinese round brackets （ ）", "( )"),
];

/// What the editor is told to do, after the plain marks to type.
const SWITCH: &str = "(switch the input method to English punctuation)";

/// The plain mark a Chinese input method's character stands for in a link, picture, heading or
/// shortcode, if it stands for one.
fn plain(c: char) -> Option<char> {
    Some(match c {
        '！' => '!',
        '【' | '［' => '[',
        '】' | '］' => ']',
        '（' => '(',
        '）' => ')',
        '＃' => '#',
        '｛' => '{',
        '｝' => '}',
        '\u{3000}' => ' ',
        _ => return None,
    })
}

/// A link or picture written from byte `from` of `text` with brackets of either kind:
/// `[words](address)`, `【words】（address）`; the plain text, where it ends, and which groups of
/// [`LINK_MARKS`] it was typed with (a bit each). Read within one line and a bounded window.
fn typed_link(text: &str, from: usize) -> Option<(String, usize, u8)> {
    let mut fixed = String::new();
    let mut groups = 0u8;
    // The marks still expected, in order: `!` (optional), `[`, `]`, `(`, `)`.
    let mut want = ['[', ']', '(', ')'].into_iter().peekable();
    let mut next_must_follow = false;
    for (i, c) in window(text, from).char_indices() {
        if c == '\n' {
            return None;
        }
        let mark = plain(c).unwrap_or(c);
        if let Some(g) = LINK_MARKS.iter().position(|g| g.0.contains(&c)) {
            groups |= 1 << g;
        }
        if i == 0 && mark == '!' {
            fixed.push('!');
            continue;
        }
        // Another link's start: this one goes no further, and each is read once.
        if mark == '[' && i > 0 && want.peek() != Some(&'[') {
            return None;
        }
        if Some(&mark) == want.peek() {
            want.next();
            fixed.push(mark);
            next_must_follow = mark == ']';
            if mark == ')' {
                return Some((fixed, from + i + c.len_utf8(), groups));
            }
            continue;
        }
        if next_must_follow || fixed.is_empty() || (fixed.len() == 1 && fixed == "!") {
            return None;
        }
        fixed.push(c);
    }
    None
}

/// Whether the picture or link `written` (`![words](address)`) leads to a picture's file.
fn names_picture(written: &str) -> bool {
    let address = written.rsplit("](").next().unwrap_or_default();
    let extension = address
        .trim_end_matches(')')
        .rsplit('.')
        .next()
        .unwrap_or_default();
    ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif"]
        .iter()
        .any(|e| extension.eq_ignore_ascii_case(e))
}

impl Ctx<'_, '_> {
    /// Reports the mark typed with a Chinese input method at byte `i` of the text `run`, written
    /// at byte `at` of the page's file; the end of what was reported, or 0 when it was no mark.
    pub(super) fn full_width_mark(&mut self, run: &str, at: usize, i: usize) -> usize {
        let Some(c) = run[i..].chars().next() else {
            return 0;
        };
        match c {
            '！' | '【' | '［' => self.full_width_link(run, at, i).unwrap_or(0),
            '＃' if starts_line(&self.site.pages[self.id].source.text, at + i) => {
                self.full_width_heading(run, at, i)
            }
            '｛' => self.full_width_shortcode(run, at, i),
            _ => 0,
        }
    }

    /// Reports a link or picture starting at byte `i` of `run` (at its `!` or `[`), typed with
    /// some Chinese punctuation, and returns its end; `None` when it is not one.
    pub(super) fn full_width_link(&mut self, run: &str, at: usize, i: usize) -> Option<usize> {
        let file = &self.site.pages[self.id].source.text;
        // A `！` ending the text comes before a link the parser took: read on in the file.
        let (text, from) = if run[i..] == *"！" {
            (&file[..], at + i)
        } else {
            (run, i)
        };
        let (fixed, end, groups) = typed_link(text, from)?;
        if groups == 0 {
            return None;
        }
        let picture = fixed.starts_with('!');
        // `很好！[园区概况](profile.md)`: a sentence's `！` before a link to anything but a picture.
        if picture && groups & 1 != 0 && !names_picture(&fixed) {
            return None;
        }
        let names: Vec<&str> = LINK_MARKS
            .iter()
            .enumerate()
            .filter(|(g, _)| groups & (1 << g) != 0)
            .map(|(_, m)| m.1)
            .collect();
        let mut marks: Vec<&str> = Vec::new();
        for (g, m) in LINK_MARKS.iter().enumerate() {
            if groups & (1 << g) != 0 && !marks.contains(&m.2) {
                marks.push(m.2);
            }
        }
        let shown = if picture && groups == 1 {
            "this picture is shown as a link"
        } else if picture {
            "this picture is shown as text"
        } else {
            "this link is shown as text"
        };
        let message = format!(
            "{shown}: it is typed with {}, which markdown does not read",
            names.join(" and ")
        );
        let hint = format!(
            "type the plain {} {SWITCH}: {}",
            marks.join(" and "),
            quoted(&fixed)
        );
        self.as_text(at + i, message, hint);
        Some(if text.len() == run.len() {
            end
        } else {
            run.len()
        })
    }

    /// Reports `＃＃关键数据`, whose full-width number signs at byte `i` of `run` make it a
    /// paragraph, not a heading; the end of its line.
    fn full_width_heading(&mut self, run: &str, at: usize, i: usize) -> usize {
        let line = window(run, i).split('\n').next().unwrap_or_default();
        let words = line.trim_start_matches(['＃', '#']);
        let signs = line.len() - words.len();
        let words = words.trim_start_matches([' ', '\u{3000}']).trim_end();
        let n = line[..signs].chars().count();
        if n > 6 || words.is_empty() {
            return 0;
        }
        self.as_text(
            at + i,
            format!(
                "this line is shown as text, not as a heading: `{}` is typed with full-width number signs ＃",
                &line[..signs]
            ),
            format!(
                "type the plain # {SWITCH}, with a space after them: {} {}",
                "#".repeat(n),
                quoted(words)
            ),
        );
        i + line.len()
    }

    /// Reports `｛｛ fact x ｝｝`, a shortcode typed with full-width braces from byte `i` of
    /// `run`, shown as text; the end of what was reported.
    fn full_width_shortcode(&mut self, run: &str, at: usize, i: usize) -> usize {
        let line = window(run, i);
        let mut fixed = String::new();
        let mut closing = 0;
        let mut end = line.len();
        for (j, c) in line.char_indices() {
            let mark = plain(c).unwrap_or(c);
            // A line's end or another shortcode's start: this one is not closed.
            if mark == '\n' || (mark == '{' && j > 3) {
                return 0;
            }
            fixed.push(mark);
            closing = if mark == '}' { closing + 1 } else { 0 };
            if closing == 2 {
                end = j + c.len_utf8();
                break;
            }
        }
        if closing < 2 || !fixed.starts_with("{{") {
            return 0;
        }
        self.error(
            Code::ShortcodeSyntax,
            at + i,
            format!(
                "this shortcode is shown as text: `{}` is typed with full-width braces ｛ ｝",
                quoted(&line[..end])
            ),
            format!(
                "type the plain braces {{{{ }}}} {SWITCH}: {}",
                quoted(&fixed)
            ),
        );
        i + end
    }

    /// Reports `{ { fact x } }`, a shortcode whose braces at byte `i` of `run` stand apart, so
    /// it is shown as text; the end of what was reported, or 0 when it is no shortcode.
    pub(super) fn spaced_shortcode(&mut self, run: &str, at: usize, i: usize) -> usize {
        // Read up to the next brace or line's end only, so a line of braces is read once.
        let line = window(run, i);
        let inner = line[1..].trim_start_matches([' ', '\t']);
        let Some(inner) = inner
            .strip_prefix('{')
            .filter(|_| inner.len() < line.len() - 1)
        else {
            return 0;
        };
        let Some(close) = inner
            .find(['{', '}', '\n'])
            .filter(|&c| inner[c..].starts_with('}'))
        else {
            return 0;
        };
        let after = inner[close + 1..].trim_start_matches([' ', '\t']);
        if !after.starts_with('}') {
            return 0;
        }
        let end = line.len() - after.len() + 1;
        let fixed = format!("{{{{ {} }}}}", inner[..close].trim());
        self.error(
            Code::ShortcodeSyntax,
            at + i,
            format!(
                "this shortcode is shown as text: a space stands between its braces in `{}`",
                quoted(&line[..end])
            ),
            format!(
                "write the two braces together, {{{{ and }}}}: {}",
                quoted(&fixed)
            ),
        );
        i + end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_typed_with_chinese_brackets() {
        let (fixed, end, groups) = typed_link("【园区概况】（../profile.md） and", 0).unwrap();
        assert_eq!(fixed, "[园区概况](../profile.md)");
        assert_eq!(end, "【园区概况】（../profile.md）".len());
        assert_eq!(groups, 0b1010);
        let (fixed, _, groups) = typed_link("！[地图](parks.png)", 0).unwrap();
        assert_eq!((fixed.as_str(), groups), ("![地图](parks.png)", 1));
        assert!(typed_link("【注意】 this is not a link", 0).is_none());
        assert!(names_picture("![地图](maps/Parks.PNG)"));
        assert!(!names_picture("![园区概况](profile.md)"));
        assert!(typed_link("【a】\n（b）", 0).is_none());
    }
}
