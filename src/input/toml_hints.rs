//! What an editor meant on the line where TOML stopped reading. The parser's own message speaks of
//! quotes and brackets; the line itself shows the real mistake: a date written as people write
//! it, a thousands separator, punctuation typed by a Chinese input method, or a key written under
//! the wrong `[heading]`.

use serde::Deserialize;
use serde::de::{Error as _, Visitor};

use crate::locale::date::{Day, MONTHS};

/// The line of a TOML text where a problem was found, read as `key = value  # note`.
#[derive(Debug)]
pub(super) struct Line<'a> {
    /// The whole line, without its line break.
    pub text: &'a str,
    /// Where the line starts in the whole text.
    pub start: usize,
    /// The problem's place in `text`.
    pub column: usize,
    /// The key before `=`, empty when the line has none.
    pub key: &'a str,
    /// Where the value after `=` is in `text`, without the note after `#`, trimmed.
    value: std::ops::Range<usize>,
}

impl<'a> Line<'a> {
    /// The line of `text` holding byte `offset`.
    pub(super) fn at(text: &'a str, offset: usize) -> Line<'a> {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[start..end].trim_end_matches('\r');
        let (key, value) = match split_key(line) {
            (Some(eq), note) => (line[..eq].trim(), eq + 1..note),
            (None, _) => ("", 0..0),
        };
        let raw = &line[value.clone()];
        let value_start = value.start + (raw.len() - raw.trim_start().len());
        Line {
            text: line,
            start,
            column: offset - start,
            key,
            value: value_start..value_start + raw.trim().len(),
        }
    }

    /// Whether the line is one setting, whole: a plain key and a value that does not go on to the
    /// next lines (a list, a table or a text in triple quotes may).
    pub(super) fn holds_one_setting(&self) -> bool {
        let key = |c: char| c.is_alphanumeric() || "_-. \"'".contains(c);
        let value = self.value();
        !self.key.is_empty()
            && self.key.chars().all(key)
            && !value.is_empty()
            && !value.starts_with(['[', '{'])
            && !value.starts_with("\"\"\"")
            && !value.starts_with("'''")
    }

    /// The value as written, quotes and all.
    pub(super) fn value(&self) -> &'a str {
        &self.text[self.value.clone()]
    }

    /// The value without the quotes around it, and whether it had them.
    pub(super) fn unquoted_value(&self) -> (&'a str, bool) {
        let value = self.value();
        for quote in ['"', '\''] {
            if let Some(inner) = value
                .strip_prefix(quote)
                .and_then(|v| v.strip_suffix(quote))
            {
                return (inner, true);
            }
        }
        (value, false)
    }

    /// The line with its value replaced by `value`, everything else as written.
    pub(super) fn with_value(&self, value: &str) -> String {
        format!(
            "{}{value}{}",
            &self.text[..self.value.start],
            &self.text[self.value.end..]
        )
    }
}

/// Where the first `=` outside quoted text is in `line`, and where a `# note` starts (the line's
/// end when there is none).
fn split_key(line: &str) -> (Option<usize>, usize) {
    let mut eq = None;
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            // `= #8b1a1a` is a colour written without its quotes, not a note.
            None if c == '#' && !eq.is_some_and(|eq| line[eq + 1..i].trim().is_empty()) => {
                return (eq, i);
            }
            None if c == '=' => {
                eq.get_or_insert(i);
            }
            None => {}
        }
    }
    (eq, line.len())
}

/// Whether `line` reads as TOML on its own: a fixed line is shown only when it does, so that a
/// hint followed literally fixes the line.
pub(super) fn reads(line: &str) -> bool {
    line.parse::<toml::Table>().is_ok()
}

/// A character a Chinese input method types, what it is called, and what TOML needs instead.
/// (typed, plain, what the editor is told they typed, what to type instead)
struct FullWidth(char, char, &'static str, &'static str);

/// Full-width digits (`１１５２`), typed by an input method left in full-width mode.
const DIGITS: FullWidth = FullWidth(
    '０',
    '0',
    "full-width digits ０１２３",
    "type the digits 0-9",
);

/// Chinese brackets （ ） where the braces of a table `{ en = "...", zh = "..." }` were meant.
const BRACES_TYPED_ROUND: FullWidth = FullWidth(
    '（',
    '{',
    "Chinese brackets （ ）",
    "texts per language go between braces { }",
);

/// The full-width punctuation TOML does not read outside quoted text.
const FULL_WIDTH: &[FullWidth] = {
    const CURLY: &str = "Chinese quotation marks “ ”";
    const SINGLE: &str = "Chinese quotation marks ‘ ’";
    const STRAIGHT: &str = "type straight quotes \"...\"";
    const ROUND: &str = "Chinese brackets （ ）";
    const SQUARE: &str = "Chinese square brackets ［ ］";
    const LENTICULAR: &str = "Chinese brackets 【 】";
    const BRACES: &str = "full-width braces ｛ ｝";
    use FullWidth as f;
    &[
        f('“', '"', CURLY, STRAIGHT),
        f('”', '"', CURLY, STRAIGHT),
        f('‘', '"', SINGLE, STRAIGHT),
        f('’', '"', SINGLE, STRAIGHT),
        f('＝', '=', "a full-width equals sign ＝", "type ="),
        f(
            '：',
            '=',
            "a Chinese colon ：",
            "write = between the key and its value",
        ),
        f('，', ',', "a Chinese comma ，", "type ,"),
        f('（', '(', ROUND, "type ( )"),
        f('）', ')', ROUND, "type ( )"),
        f('［', '[', SQUARE, "type [ ]"),
        f('］', ']', SQUARE, "type [ ]"),
        f('【', '[', LENTICULAR, "type [ ]"),
        f('】', ']', LENTICULAR, "type [ ]"),
        f('｛', '{', BRACES, "type { }"),
        f('｝', '}', BRACES, "type { }"),
        f('＃', '#', "a full-width number sign ＃", "type #"),
        f('－', '-', "a full-width hyphen －", "type -"),
        f(
            '\u{3000}',
            ' ',
            "a full-width space",
            "type an ordinary space",
        ),
        f(
            '\u{a0}',
            ' ',
            "a no-break space",
            "delete the spaces here and type ordinary ones",
        ),
    ]
};

/// Full-width punctuation outside quoted text on `line`: the place in the line of the first, and
/// the message and hint naming it, when it is what stopped the reading (it comes at or before the
/// problem's place, or the line reads once every such character is made plain).
pub(super) fn full_width(line: &Line, what: &str) -> Option<(usize, String, String)> {
    // Each character typed full-width, as (its plain form, what it is).
    // Round brackets around `key = ..., key = ...` were meant as the braces of a table.
    let braces = line.value().starts_with('（') && line.value().contains('=');
    let known = |c: char| match c {
        '（' if braces => Some(('{', &BRACES_TYPED_ROUND)),
        '）' if braces => Some(('}', &BRACES_TYPED_ROUND)),
        '０'..='９' => Some((
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            &DIGITS,
        )),
        _ => FULL_WIDTH.iter().find(|f| f.0 == c).map(|f| (f.1, f)),
    };
    let mut fixed = String::with_capacity(line.text.len());
    let mut first: Option<(usize, &FullWidth)> = None;
    // The quote that opened the text being read, and whether it was typed full-width (then a
    // full-width quote closes it too).
    let mut quote: Option<(char, bool)> = None;
    let mut escaped = false;
    for (i, c) in line.text.char_indices() {
        let typed = known(c);
        match quote {
            Some(_) if escaped => escaped = false,
            Some(('"', _)) if c == '\\' => escaped = true,
            Some((q, wide)) if c == q || (wide && typed.is_some_and(|(plain, _)| plain == q)) => {
                quote = None;
                fixed.push(q);
                continue;
            }
            Some(_) => {}
            None if c == '#' => {
                fixed.push_str(&line.text[i..]);
                break;
            }
            None => {
                let plain = typed.map_or(c, |(plain, _)| plain);
                if let Some((_, f)) = typed {
                    first.get_or_insert((i, f));
                }
                if plain == '"' || plain == '\'' {
                    quote = Some((plain, typed.is_some()));
                }
                fixed.push(plain);
                continue;
            }
        }
        fixed.push(c);
    }
    let (at, f) = first?;
    let fixed_reads = reads(&fixed);
    if at > line.column && !fixed_reads {
        return None;
    }
    let message = format!("{what} cannot read {} outside of quoted text", f.2);
    // Digits and spaces come full-width from the input method's full-width mode (全角), the rest
    // from its Chinese punctuation.
    let switch = match (f.0, f.1) {
        ('\u{a0}', _) => "it comes with text pasted from a web page or WeChat",
        (_, '0'..='9' | ' ') => "switch the input method to half-width characters",
        _ => "switch the input method to English punctuation",
    };
    let hint = match fixed_reads {
        true => format!("{} ({switch}): {}", f.3, fixed.trim()),
        false => format!("{} ({switch})", f.3),
    };
    Some((at, message, hint))
}

/// A number written as it is printed, with separators: the plain number and what was wrong.
#[derive(Debug, PartialEq)]
pub(super) struct Printed {
    /// The number as TOML reads it (`1152.5`).
    pub plain: String,
    /// The message naming the mistake.
    pub message: &'static str,
    /// What to type instead, before the fixed line.
    pub how: &'static str,
}

/// Reads a number written with thousands separators (`1,152`, `1 152`, `1，152`) or a decimal
/// comma (`3,5`, `1.152,5`). A comma followed by exactly three digits is read as a thousands
/// separator, any other as a decimal comma, as people write them.
pub(super) fn printed_number(text: &str) -> Option<Printed> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    if digits.len() > 40 || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}');
    let comma = |c: char| c == ',' || c == '，';
    if !digits
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || comma(c) || space(c))
    {
        return None;
    }
    let groups_of_three = |whole: &str, sep: &dyn Fn(char) -> bool| {
        let mut groups = whole.split(sep);
        let lead = groups.next().unwrap_or("");
        (1..=3).contains(&lead.len())
            && lead.bytes().all(|b| b.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    };
    let last_comma = digits.rfind(comma);
    let last_dot = digits.rfind('.');
    let (whole, fraction, printed) = match (last_comma, last_dot) {
        // 1.152,5: full stops group the thousands, the comma marks the decimals.
        (Some(c), Some(d)) if c > d => {
            let fraction = &digits[c + digits[c..].chars().next()?.len_utf8()..];
            let whole = &digits[..c];
            (groups_of_three(whole, &|c| c == '.')).then_some(())?;
            (whole.replace('.', ""), fraction, Separator::Both)
        }
        (Some(_), _) if digits.contains(space) => return None,
        (Some(_), _) => {
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
            if groups_of_three(whole, &comma) {
                let how = match whole.contains('，') {
                    true => Separator::ChineseComma,
                    false => Separator::Comma,
                };
                (whole.replace(comma, ""), fraction, how)
            } else {
                // 3,5 and 12,25: a decimal comma.
                let (whole, fraction) = digits.split_once(comma)?;
                (whole.to_owned(), fraction, Separator::Decimal)
            }
        }
        (None, _) if digits.contains(space) => {
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
            groups_of_three(whole, &space).then_some(())?;
            (whole.replace(space, ""), fraction, Separator::Space)
        }
        (None, _) => return None,
    };
    let plain_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !plain_digits(&whole) || whole.is_empty() || !plain_digits(fraction) {
        return None;
    }
    let plain = match fraction {
        "" => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{fraction}"),
    };
    let (message, how) = match printed {
        Separator::Comma => (
            "numbers are written without thousands separators",
            "write the digits without commas",
        ),
        Separator::ChineseComma => (
            "numbers are written without thousands separators (this one is a Chinese comma ，)",
            "write the digits without commas",
        ),
        Separator::Space => (
            "numbers are written without spaces",
            "write the digits together",
        ),
        Separator::Decimal => (
            "a number's decimals come after a full stop, not a comma",
            "write a full stop before the decimals",
        ),
        Separator::Both => (
            "numbers are written without thousands separators, and with a full stop before the decimals",
            "write the digits together, with a full stop before the decimals",
        ),
    };
    Some(Printed {
        plain,
        message,
        how,
    })
}

/// How a number was printed.
enum Separator {
    /// `1,152`.
    Comma,
    /// `1，152`, typed by a Chinese input method.
    ChineseComma,
    /// `1 152`, with any kind of space.
    Space,
    /// `3,5`.
    Decimal,
    /// `1.152,5`.
    Both,
}

/// A number written with separators (`value = 2,024`, `value = 3,5`): the message and the hint
/// with the fixed line.
pub(super) fn separated_number(line: &Line) -> Option<(String, String)> {
    let printed = printed_number(line.value())?;
    let fixed = line.with_value(&printed.plain);
    reads(&fixed).then(|| {
        (
            printed.message.to_owned(),
            format!("{}: {}", printed.how, fixed.trim()),
        )
    })
}

/// `line` with the straight quotes inside its texts curled, when a text holds a quotation in
/// straight quotes (`"沈阳"十四五"时期"`): the inner `"` ends the text early and the rest of the
/// line cannot be read. A quote is inner when it is followed by more of the text instead of a
/// comma, brace, bracket, space or comment, and a later quote closes what it opens.
pub(super) fn quotes_inside_text(line: &str) -> Option<String> {
    let ends_text =
        |c: Option<char>| c.is_none_or(|c| matches!(c, ',' | '}' | ']' | '#') || c.is_whitespace());
    let quotes: Vec<usize> = line
        .char_indices()
        .filter(|&(i, c)| c == '"' && !line[..i].ends_with('\\'))
        .map(|(i, _)| i)
        .collect();
    let mut curled: Vec<(usize, char)> = Vec::new();
    // `open` is the place in `quotes` of the quote that opens a text; the next ones either close
    // it, or open and close a quotation inside it, when a later quote is left to close the text.
    let mut open = 0;
    'texts: while open < quotes.len() {
        let mut next = open + 1;
        while let Some(&at) = quotes.get(next) {
            if ends_text(line[at + 1..].chars().next()) {
                open = next + 1;
                continue 'texts;
            }
            if next + 2 >= quotes.len() {
                break 'texts;
            }
            curled.push((at, '“'));
            curled.push((quotes[next + 1], '”'));
            next += 2;
        }
        break;
    }
    if curled.is_empty() {
        return None;
    }
    let mut fixed = String::with_capacity(line.len() + 4 * curled.len());
    let mut copied = 0;
    for (at, mark) in curled {
        fixed.push_str(&line[copied..at]);
        fixed.push(mark);
        copied = at + 1;
    }
    fixed.push_str(&line[copied..]);
    Some(fixed)
}

/// A list whose texts are separated by something other than a comma (`["a"; "b"]`,
/// `["a"、"b"]`, `["a" "b"]`): the line written with commas.
pub(super) fn list_separators(line: &Line) -> Option<String> {
    let inner = line.value().strip_prefix('[')?.strip_suffix(']')?;
    // Split at the quotes: texts at the odd places, what stands between them at the even ones.
    let pieces: Vec<&str> = inner.split('"').collect();
    let (first, rest) = pieces.split_first()?;
    let (last, middle) = rest.split_last()?;
    let separators: Vec<&str> = middle.iter().skip(1).step_by(2).map(|s| s.trim()).collect();
    let wrong = |sep: &&str| matches!(*sep, "" | ";" | "；" | "、" | "，");
    let fits = pieces.len() % 2 == 1 && first.trim().is_empty() && last.trim().is_empty();
    if !fits
        || separators.iter().any(|sep| *sep != "," && !wrong(sep))
        || !separators.iter().any(wrong)
    {
        return None;
    }
    let texts: Vec<String> = middle
        .iter()
        .step_by(2)
        .map(|text| format!("\"{text}\""))
        .collect();
    Some(format!("{} = [{}]", line.key, texts.join(", ")))
}

/// A figure's value written as "about" a number (`~40`, `about 40`, `约40`, `40多`): the number
/// alone, with `approximate = true`, which the site shows as "about".
pub(super) fn approximate_number(line: &Line) -> Option<(String, String)> {
    if line.key != "value" {
        return None;
    }
    let value = line.value();
    // Words for "about" only: "more than 40" is not approximate.
    let words = [
        "~",
        "about",
        "approx.",
        "approximately",
        "around",
        "circa",
        "ca.",
        "nearly",
        "约",
        "大约",
        "近",
    ];
    let rest = words
        .iter()
        .find(|w| {
            value
                .get(..w.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(w))
        })
        .map(|w| value[w.len()..].trim())
        .or_else(|| value.strip_suffix('多').map(str::trim))?;
    let plain = match printed_number(rest) {
        Some(printed) => printed.plain,
        None => rest.to_owned(),
    };
    let fixed = line.with_value(&plain);
    if !reads(&fixed) || plain.parse::<f64>().is_err() {
        return None;
    }
    Some((
        "a value is the number alone: that it is approximate is said with approximate = true"
            .to_owned(),
        format!(
            "write the number alone, and below it the line approximate = true (the site then says \"about\"): {}",
            fixed.trim()
        ),
    ))
}

/// A number written with its unit (`40%`, `12.1亿`, `12.1 billion`, `¥12.1`): the message and the
/// hint, which gives the number alone and the unit for the figure's `unit` line.
pub(super) fn number_with_unit(line: &Line) -> Option<(String, String)> {
    // Only a figure's value has a unit beside it.
    if line.key != "value" {
        return None;
    }
    let value = line.value();
    let currencies = [
        ("¥", "yuan"),
        ("￥", "yuan"),
        ("$", "US dollars"),
        ("€", "euros"),
    ];
    let (number, unit) = match currencies.iter().find(|(c, _)| value.starts_with(c)) {
        Some((c, unit)) => (value[c.len()..].trim(), (*unit).to_owned()),
        None => {
            let end = value
                .find(|c: char| !(c.is_ascii_digit() || ".,-".contains(c)))
                .filter(|&end| end > 0)?;
            (&value[..end], value[end..].trim().to_owned())
        }
    };
    if unit.is_empty() || unit.contains(['"', '\'']) || unit.len() > 40 {
        return None;
    }
    let plain = match printed_number(number) {
        Some(printed) => printed.plain,
        None => number.to_owned(),
    };
    let fixed = line.with_value(&plain);
    if !reads(&fixed) || plain.parse::<f64>().is_err() {
        return None;
    }
    Some((
        format!("a value is the number alone: its unit ({unit}) goes on a line of its own"),
        format!(
            "write the number alone: {}, and the unit in the figure's unit line: unit = \"{unit}\"",
            fixed.trim()
        ),
    ))
}

/// A number written without the zero before its decimal point (`.5`): the message and the hint.
pub(super) fn bare_decimals(line: &Line) -> Option<(String, String)> {
    let value = line.value();
    let (sign, rest) = value.split_at(usize::from(value.starts_with('-')));
    let decimals = rest.strip_prefix('.')?;
    let digits = !decimals.is_empty() && decimals.bytes().all(|b| b.is_ascii_digit());
    let fixed = line.with_value(&format!("{sign}0.{decimals}"));
    (digits && reads(&fixed)).then(|| {
        (
            "a number starts with a digit".to_owned(),
            format!("write a 0 before the full stop: {}", fixed.trim()),
        )
    })
}

/// A heading and a setting on one line (`[search] enabled = false`, as prose writes them): the
/// message and the hint putting them on two lines.
pub(super) fn heading_with_setting(line: &Line) -> Option<(String, String)> {
    let (heading, key) = line.key.strip_prefix('[')?.split_once(']')?;
    let (heading, key) = (
        heading.trim_matches(['[', ' ']),
        key.trim_start_matches(']').trim(),
    );
    (!heading.is_empty() && !key.is_empty()).then(|| {
        let bracket = if line.key.starts_with("[[") { "[[" } else { "[" };
        let close = if bracket == "[[" { "]]" } else { "]" };
        (
            format!("a heading stands on a line of its own: {bracket}{heading}{close} is followed by `{key}` on the same line"),
            format!("write {bracket}{heading}{close} on one line, and {key} = {} on the line below it", line.value()),
        )
    })
}

/// What a word meaning yes or no (`yes`, `True`, `是`) means, as TOML writes it.
pub(super) fn yes_or_no(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "yes" | "true" | "y" | "on" | "是" | "对" => Some(true),
        "no" | "false" | "n" | "off" | "否" | "不" => Some(false),
        _ => None,
    }
}

/// A yes or no written as a word TOML does not read (`draft = yes`): the message and the hint.
pub(super) fn yes_no_word(line: &Line) -> Option<(String, String)> {
    let (word, _) = line.unquoted_value();
    let yes = yes_or_no(word)?;
    let fixed = line.with_value(if yes { "true" } else { "false" });
    Some((
        format!("a setting that is on or off is written true or false, not {word}"),
        format!("write true or false, without quotes: {}", fixed.trim()),
    ))
}

/// What a date written as people write it means: one day, or two when day and month could be
/// either way round (04/05/2021).
#[derive(Debug, PartialEq)]
pub(super) enum DateGuess {
    /// The day meant.
    Day(Day),
    /// Day-month-year, or month-day-year.
    Either(Day, Day),
}

/// Reads a date written as people write it: `13/04/2021`, `2021/4/13`, `13-04-2021`,
/// `2021年4月13日`, `April 13, 2021`, `13 April 2021`, `2021-4-13`.
pub(super) fn guess_date(text: &str) -> Option<DateGuess> {
    let text = text.trim();
    if text.len() > 40 {
        return None;
    }
    let parts: Vec<&str> = text
        .split(|c: char| "-/., 年月日".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let number = |s: &str| -> Option<u32> {
        (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let month_named = |s: &str| {
        MONTHS
            .iter()
            .position(|m| {
                s.len() >= 3
                    && m.len() >= s.len()
                    && m.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
            })
            .map(|i| i as u32 + 1)
    };
    let day = |y: u32, m: u32, d: u32| {
        ((1..=days_in(y, m)).contains(&d) && (1000..=9999).contains(&y)).then_some(Day {
            year: y as i32,
            month: m as u8,
            day: d as u8,
        })
    };
    let year = |s: &str| number(s).filter(|_| s.len() == 4);
    if let Some(m) = month_named(a) {
        return day(year(c)?, m, number(b)?).map(DateGuess::Day);
    }
    if let Some(m) = month_named(b) {
        return day(year(c)?, m, number(a)?).map(DateGuess::Day);
    }
    if let Some(y) = year(a) {
        return day(y, number(b)?, number(c)?).map(DateGuess::Day);
    }
    let (y, first, second) = (year(c)?, number(a)?, number(b)?);
    match (day(y, second, first), day(y, first, second)) {
        (Some(dmy), Some(mdy)) if dmy != mdy => Some(DateGuess::Either(dmy, mdy)),
        (Some(one), _) | (None, Some(one)) => Some(DateGuess::Day(one)),
        (None, None) => None,
    }
}

/// How many days month `month` (1-12) of `year` has; 0 for no month.
fn days_in(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

/// A date written year-month-day whose day the month does not have (`2021-02-30`): the message
/// and the hint.
pub(super) fn impossible_day(value: &str) -> Option<(String, String)> {
    let mut parts = value.get(..10)?.split('-');
    let mut number = |len: usize| {
        let part = parts.next()?;
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    let days = days_in(year, month);
    if days == 0 {
        return Some((
            format!("there is no month {month:02}"),
            "a date is written year-month-day, the month from 01 to 12: check the date in your source".to_owned(),
        ));
    }
    if (1..=days).contains(&day) {
        return None;
    }
    let month_name = MONTHS[month as usize - 1];
    Some((
        format!("there is no {day} {month_name} {year}"),
        format!(
            "{month_name} {year} has {days} days: check the day in your source, and write it from 01 to {days}"
        ),
    ))
}

/// A period of years written without quotes (`period = 2021-2025`): the message and the fixed
/// line.
pub(super) fn unquoted_period(line: &Line) -> Option<(String, String)> {
    let value = line.value();
    if line.key != "period" || value.starts_with(['"', '\'']) {
        return None;
    }
    // A whole date: the year is the period, or the day was meant as the day of a count.
    if value.len() == 10 && value.parse::<toml::value::Datetime>().is_ok() {
        let year = line.with_value(&format!("\"{}\"", &value[..4]));
        return Some((
            "a period is a year or years in double quotes, not a date".to_owned(),
            format!(
                "write the year: {}; or, for a count on a given day, write as_of = {value} instead",
                year.trim()
            ),
        ));
    }
    let fixed = line.with_value(&format!("\"{value}\""));
    reads(&fixed).then(|| {
        (
            "a period is text in double quotes".to_owned(),
            format!(
                "write it in double quotes: {} (a single year too: period = \"2021\")",
                fixed.trim()
            ),
        )
    })
}

/// The hint for a date on `line` that is not written year-month-day: the fixed line with the day
/// understood, both lines when the day and month could be either way round, or an example.
pub(super) fn date_hint(line: &Line) -> String {
    let (text, quoted) = line.unquoted_value();
    let rule = match quoted {
        true => "a date is written year-month-day without quotes",
        false => "a date is written year-month-day",
    };
    let key = match line.key {
        "" => "date",
        key => key,
    };
    let fixed = |day: &Day| match line.key {
        "" => format!("{key} = {}", day.iso()),
        _ => line.with_value(&day.iso()).trim().to_owned(),
    };
    match guess_date(text) {
        Some(DateGuess::Day(day)) => format!("{rule}: {} ({})", fixed(&day), day.display()),
        Some(DateGuess::Either(dmy, mdy)) => format!(
            "{rule}; {text} could be {} or {}: write {} for {}, or {} for {}",
            dmy.display(),
            mdy.display(),
            fixed(&dmy),
            dmy.display(),
            fixed(&mdy),
            mdy.display()
        ),
        None => format!("{rule}, for example: {key} = 2021-04-13"),
    }
}

/// A table of site.toml with fixed keys (`[site]`, `[contact]`), for telling an editor which
/// table a key written under another heading belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table {
    /// Its name in the heading.
    pub name: &'static str,
    /// The keys it takes.
    pub keys: &'static [&'static str],
    /// Whether it is a list of entries, each under its own `[[heading]]`.
    pub list: bool,
}

impl Table {
    /// The table `name`, read into `T`: its keys are those `T` takes.
    pub(crate) fn of<'de, T: Deserialize<'de>>(name: &'static str) -> Table {
        let mut probe = KeysProbe(&[]);
        let _ = T::deserialize(&mut probe);
        Table {
            name,
            keys: probe.0,
            list: false,
        }
    }

    /// The list of entries `name` (`[[figures]]`), each read into `T`.
    pub(crate) fn list_of<'de, T: Deserialize<'de>>(name: &'static str) -> Table {
        Table {
            list: true,
            ..Table::of::<T>(name)
        }
    }

    /// Its heading as written (`[contact]`, `[[figures]]`).
    pub(crate) fn heading(&self) -> String {
        match self.list {
            true => format!("[[{}]]", self.name),
            false => format!("[{}]", self.name),
        }
    }
}

/// A deserializer that reads nothing, only notes the keys of the struct asked for.
struct KeysProbe(&'static [&'static str]);

impl<'de> serde::Deserializer<'de> for &mut KeysProbe {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(Self::Error::custom("only the keys are wanted"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(Self::Error::custom("only the keys are wanted"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// A `[heading]` line of a TOML text.
#[derive(Debug, Clone, Copy)]
struct Heading<'a> {
    /// The table's name, as between the brackets.
    name: &'a str,
    /// The heading as written (`[[menu]]`).
    shown: &'a str,
    /// Its line number, from 1.
    line: usize,
}

/// The table `line` opens and the heading as written, if it is a `[heading]` or `[[heading]]` line.
fn heading_name(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let line = match line.find('#') {
        Some(i) if !line[..i].contains(['"', '\'']) => line[..i].trim_end(),
        _ => line,
    };
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    let inner = inner
        .strip_prefix('[')
        .and_then(|i| i.strip_suffix(']'))
        .unwrap_or(inner)
        .trim();
    let plain = |c: char| c.is_alphanumeric() || "_-. \"'".contains(c);
    (!inner.is_empty() && inner.chars().all(plain)).then_some((inner, line))
}

/// The heading `line` is, as written (`[contact]`), if it is one.
pub(super) fn heading(line: &str) -> Option<&str> {
    heading_name(line).map(|(_, shown)| shown)
}

/// The heading of the table that `line` of `text` is in, as written (`[contact]`), if any.
pub(super) fn heading_above<'a>(text: &'a str, line: &Line) -> Option<&'a str> {
    text[..line.start]
        .rsplit('\n')
        .find_map(heading_name)
        .map(|(_, shown)| shown)
}

/// The key `key` at `offset` of `text`, not one of `allowed` under the heading it is written
/// under, when it is a key of another of `tables`: the message saying so, and the hint moving it
/// there, with the other keys of that table written under the same heading.
pub(super) fn misplaced_key(
    text: &str,
    offset: usize,
    key: &str,
    allowed: &[&str],
    tables: &[Table],
) -> Option<(String, String)> {
    let mut owners = tables.iter().filter(|t| t.keys.contains(&key));
    let owner = owners.next()?;
    let others: Vec<&Table> = owners.take(10).collect();
    let mut headings = Vec::new();
    let mut start = 0;
    for (number, line) in text.split('\n').enumerate() {
        if let Some((name, shown)) = heading_name(line) {
            let heading = Heading {
                name,
                shown,
                line: number + 1,
            };
            headings.push((heading, start));
        }
        start += line.len() + 1;
    }
    let at = headings.partition_point(|&(_, start)| start <= offset);
    let (under, under_start) = *headings.get(at.checked_sub(1)?)?;
    if under.name == owner.name || others.iter().any(|t| t.name == under.name) {
        return None;
    }
    let line = Line::at(text, offset);
    // A text per language is one line of [site], `title = { en = "...", zh = "..." }`: a title
    // under [languages.zh] is its Chinese text.
    if let Some(language) = under.name.strip_prefix("languages.")
        && owner.name == "site"
        && ["title", "description"].contains(&key)
        && !line.value().is_empty()
    {
        let site = headings.iter().position(|(h, _)| h.name == "site");
        let site_value = |wanted: &str| {
            site.and_then(|i| {
                let end = headings.get(i + 1).map_or(text.len(), |&(_, start)| start);
                text[headings[i].1..end]
                    .lines()
                    .map(|l| Line::at(l, 0))
                    .find(|l| l.key == wanted)
                    .map(|l| l.value().to_owned())
            })
        };
        let default = site_value("language");
        let default = default.as_deref().map_or("en", |v| v.trim_matches('"'));
        let value = line.value();
        let hint = match site_value(key) {
            // The whole per-language text moved under the language's heading: it goes back.
            Some(_) if value.starts_with('{') => format!(
                "delete this line, and write it in [site] in place of the {key} line there: {key} = {value}"
            ),
            None if value.starts_with('{') => "move this line up into [site]".to_owned(),
            // Already one text per language: this language's words go inside its braces.
            Some(texts)
                if texts.starts_with('{')
                    && texts.replace(' ', "").contains(&format!("{language}=")) =>
            {
                format!(
                    "delete this line: the {key} line of [site] has a {language} text already; if these words are meant instead, write them there: {language} = {value}"
                )
            }
            Some(texts) if texts.starts_with('{') => format!(
                "delete this line, and add {language} = {value} inside the braces {{ }} of the {key} line of [site]"
            ),
            Some(_) if language == default => format!(
                "delete this line, and write these words in the {key} line of [site]: {key} = {value}"
            ),
            Some(first) => format!(
                "delete this line, and write the {key} line of [site] with a text per language: {key} = {{ {default} = {first}, {language} = {value} }}"
            ),
            None => format!(
                "delete this line, and write a {key} line in [site] with a text per language: {key} = {{ {default} = \"...\", {language} = {value} }}"
            ),
        };
        return Some((
            format!(
                "`{key}` is not a setting of {}: a text in several languages is written once, in [site]",
                under.shown
            ),
            hint,
        ));
    }
    if !others.is_empty() || owner.list {
        let mut names: Vec<String> = std::iter::once(owner)
            .chain(others)
            .map(Table::heading)
            .collect();
        let last = names.pop().unwrap_or_default();
        let (belongs, hint) = match names.is_empty() {
            true => (
                format!("it belongs under {last}"),
                format!("move this line under the {last} heading of the entry it belongs to"),
            ),
            false => (
                format!(
                    "it belongs under a heading such as {} or {last}",
                    names.join(", ")
                ),
                "move this line under the heading it belongs to".to_owned(),
            ),
        };
        return Some((
            format!("`{key}` is not a setting of {}: {belongs}", under.shown),
            hint,
        ));
    }
    let table_end = headings.get(at).map_or(text.len(), |&(_, start)| start);
    let strays: Vec<&str> = text[under_start..table_end]
        .lines()
        .skip(1)
        .filter_map(|line| Some(line.split_once('=')?.0.trim()))
        .filter(|k| owner.keys.contains(k) && !allowed.contains(k))
        .take(10)
        .collect();
    let which = match strays.len() {
        0 | 1 => "this line".to_owned(),
        _ => format!("the lines of {}", and_list(&strays)),
    };
    let message = format!(
        "`{key}` is a [{}] setting, but it comes after the {} heading on line {}, so it is read as part of {}",
        owner.name, under.shown, under.line, under.shown
    );
    let owner_at = headings.iter().position(|(h, _)| h.name == owner.name);
    let hint = match owner_at {
        Some(i) if headings[i].0.line > under.line => format!(
            "move {which} below the [{}] heading on line {}",
            owner.name, headings[i].0.line
        ),
        Some(i) => {
            let next = headings[i + 1].0;
            format!(
                "move {which} up into [{}], above the {} heading on line {}",
                owner.name, next.shown, next.line
            )
        }
        None => format!(
            "move {which} under a [{}] heading of its own, at the end of the file",
            owner.name
        ),
    };
    Some((message, hint))
}

/// `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_inside_a_text_are_curled() {
        assert_eq!(
            quotes_inside_text(r#"zh = "高新区"十四五"时期""#).as_deref(),
            Some(r#"zh = "高新区“十四五”时期""#)
        );
        assert_eq!(
            quotes_inside_text(r#"title = { en = "The "zone" office", zh = "园区" }"#).as_deref(),
            Some(r#"title = { en = "The “zone” office", zh = "园区" }"#)
        );
        // Texts that close where they should, escaped quotes, and a lone quote are left alone.
        assert_eq!(
            quotes_inside_text(r#"title = { en = "a", zh = "b" }"#),
            None
        );
        assert_eq!(quotes_inside_text(r#"title = "say \"hi\" now""#), None);
        assert_eq!(quotes_inside_text(r#"title = "abc"x"#), None);
    }

    fn day(year: i32, month: u8, day: u8) -> Day {
        Day { year, month, day }
    }

    #[test]
    fn dates_as_people_write_them_are_understood() {
        let one = |y, m, d| Some(DateGuess::Day(day(y, m, d)));
        assert_eq!(guess_date("13/04/2021"), one(2021, 4, 13));
        assert_eq!(guess_date("2021/4/13"), one(2021, 4, 13));
        assert_eq!(guess_date("13-04-2021"), one(2021, 4, 13));
        assert_eq!(guess_date("2021年4月13日"), one(2021, 4, 13));
        assert_eq!(guess_date("April 13, 2021"), one(2021, 4, 13));
        assert_eq!(guess_date("13 Apr 2021"), one(2021, 4, 13));
        assert_eq!(guess_date("2021-4-13"), one(2021, 4, 13));
        assert_eq!(guess_date("04/13/2021"), one(2021, 4, 13));
        assert_eq!(
            guess_date("04/05/2021"),
            Some(DateGuess::Either(day(2021, 5, 4), day(2021, 4, 5)))
        );
        assert_eq!(guess_date("31/02/2021"), None);
        assert_eq!(guess_date("1,152"), None);
        assert_eq!(guess_date("Profile"), None);
    }

    #[test]
    fn numbers_as_printed_are_read_as_meant() {
        let plain = |text: &str| printed_number(text).map(|p| p.plain);
        assert_eq!(plain("1,152").as_deref(), Some("1152"));
        assert_eq!(plain("1,152,000.5").as_deref(), Some("1152000.5"));
        assert_eq!(plain("3,5").as_deref(), Some("3.5"));
        assert_eq!(plain("12,25").as_deref(), Some("12.25"));
        assert_eq!(plain("1.152,5").as_deref(), Some("1152.5"));
        assert_eq!(plain("1，152").as_deref(), Some("1152"));
        assert_eq!(plain("1 152").as_deref(), Some("1152"));
        assert_eq!(plain("-1\u{a0}152").as_deref(), Some("-1152"));
        assert_eq!(plain("1152"), None);
        assert_eq!(plain("1,15,2"), None);
        assert_eq!(plain("+86 24 2345 6789"), None);
        assert_eq!(impossible_day("2024-02-29"), None);
        assert_eq!(
            impossible_day("2023-02-29")
                .map(|(message, _)| message)
                .as_deref(),
            Some("there is no 29 February 2023")
        );
    }

    #[test]
    fn a_line_is_read_as_key_value_and_note() {
        let text = "[site]\ntitle = \"A # B\"  # the name\n";
        let line = Line::at(text, 10);
        assert_eq!(
            (line.key, line.value(), line.column),
            ("title", "\"A # B\"", 3)
        );
        assert_eq!(line.with_value("\"C\""), "title = \"C\"  # the name");
    }

    #[test]
    fn full_width_text_inside_quotes_is_left_alone() {
        let line = Line::at("title = “中文，（一）”", 8);
        let (at, message, hint) = full_width(&line, "site.toml").unwrap();
        assert_eq!(at, 8);
        assert_eq!(
            message,
            "site.toml cannot read Chinese quotation marks “ ” outside of quoted text"
        );
        assert!(hint.ends_with(": title = \"中文，（一）\""), "{hint}");
        let line = Line::at("value = １１５２", 8);
        let (_, message, hint) = full_width(&line, "site.toml").unwrap();
        assert_eq!(
            message,
            "site.toml cannot read full-width digits ０１２３ outside of quoted text"
        );
        assert_eq!(
            hint,
            "type the digits 0-9 (switch the input method to half-width characters): value = 1152"
        );
    }

    #[test]
    fn a_key_of_another_table_is_sent_where_that_table_is() {
        let tables = [
            Table {
                name: "site",
                keys: &["title", "paginate_by"],
                list: false,
            },
            Table {
                name: "contact",
                keys: &["phone"],
                list: false,
            },
        ];
        let hint = |text: &str, key: &str| {
            let offset = text.find(&format!("{key} =")).unwrap();
            misplaced_key(text, offset, key, &[], &tables).map(|(_, hint)| hint)
        };
        // Written before its table's heading.
        let before = "[site]\ntitle = \"A\"\nphone = \"1\"\n[contact]\n";
        assert_eq!(
            hint(before, "phone").as_deref(),
            Some("move this line below the [contact] heading on line 4")
        );
        // Its table has no heading yet.
        let absent = "[site]\ntitle = \"A\"\nphone = \"1\"\n";
        assert_eq!(
            hint(absent, "phone").as_deref(),
            Some("move this line under a [contact] heading of its own, at the end of the file")
        );
        // Under its own heading, a key is only unknown: nothing to say here.
        assert_eq!(hint("[contact]\nphone = 1\n", "phone"), None);
        let line = Line::at(before, before.find("phone").unwrap());
        assert_eq!(heading_above(before, &line), Some("[site]"));
    }

    #[test]
    fn keys_of_a_struct_are_probed() {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct T {
            a: u8,
            b: String,
        }
        assert_eq!(Table::of::<T>("t").keys, ["a", "b"]);
    }
}
