//! Reading TOML (site.toml, front matter) into typed values, with errors editors can act on.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic, suggest};
pub(crate) use crate::input::toml_hints::Table;
use crate::input::toml_hints::{self, Line};
use crate::source::SourceFile;

/// The most mistakes [`parse_every`] looks for: each costs one more reading of the file.
const MOST_MISTAKES: usize = 50;

/// Parses `range` of `source` as TOML into `T`, reporting every mistake rather than the first
/// only: after each, its line is blanked and the text read again. That goes on only while each
/// mistake is on a line holding one setting whole (`key = value`): blanking a heading or the first
/// line of a list would make false mistakes of the lines after it. A key then missing may be the
/// one a blanked line held, so it is not reported. `tables` are the tables with fixed keys, to
/// tell an editor where a key written under the wrong heading belongs; `what` names the place
/// ("site.toml", "the front matter").
pub(crate) fn parse_every<T: DeserializeOwned>(
    source: &SourceFile,
    range: Range<usize>,
    what: &str,
    tables: &[Table],
) -> Result<T, Vec<Diagnostic>> {
    let mut blanked: Option<String> = None;
    let mut found: Vec<Diagnostic> = Vec::new();
    while found.len() < MOST_MISTAKES {
        let text = blanked.as_deref().unwrap_or(&source.text[range.clone()]);
        let err = match toml::from_str(text) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(err) => err,
        };
        let diagnostic = diagnose(source, range.start, &err, what, tables);
        if !found.is_empty() && diagnostic.code == Code::TomlMissingKey {
            break;
        }
        found.push(diagnostic);
        let span = err.span().unwrap_or(0..0);
        let line = Line::at(text, span.start);
        let (start, end) = (line.start, line.start + line.text.len());
        if !line.holds_one_setting() || span.end > end {
            break;
        }
        // Spaces of the same length keep every later offset where it was.
        let mut next = blanked
            .take()
            .unwrap_or_else(|| source.text[range.clone()].to_string());
        next.replace_range(start..end, &" ".repeat(end - start));
        blanked = Some(next);
    }
    Err(found)
}

/// The diagnostic for `err`, found reading `source` from byte `start`.
fn diagnose(
    source: &SourceFile,
    start: usize,
    err: &toml::de::Error,
    what: &str,
    tables: &[Table],
) -> Diagnostic {
    let offset = start + err.span().map_or(0, |s| s.start);
    let line = Line::at(&source.text, offset);
    let raw = err.message().trim();
    let unknown = raw.strip_prefix("unknown field `").map(split_name);
    let misplaced = unknown.and_then(|(key, expected)| {
        toml_hints::misplaced_key(&source.text, offset, key, &backticked(expected), tables)
    });
    let (mut code, mut message, mut hint) = match (misplaced, unknown_table(&line, unknown, tables))
    {
        (Some((message, hint)), _) => (Code::TomlKeyMisplaced, message, Some(hint)),
        (None, Some((message, hint))) => (Code::TomlUnknownKey, message, Some(hint)),
        (None, None) => explain(raw, what, &line),
    };
    // In site.toml, a key is unknown in one table: name it.
    if code == Code::TomlUnknownKey
        && !tables.is_empty()
        && toml_hints::heading(line.text).is_none()
        && let Some((key, _)) = unknown
        && let Some(heading) = toml_hints::heading_above(&source.text, &line)
    {
        message = format!("unknown key `{key}` in {heading}");
    }
    // `[figures]` where each entry of the list starts with `[[figures]]`: toml sees the name twice.
    if code == Code::TomlDuplicateKey
        && let Some(heading) = toml_hints::heading(line.text)
        && let Some(list) = tables
            .iter()
            .find(|t| t.list && heading == format!("[{}]", t.name))
    {
        let list = list.heading();
        message = format!(
            "{heading} has one bracket on each side, but each entry of this list starts with {list}, with two"
        );
        hint = Some(format!(
            "write the heading with two brackets on each side: {list}"
        ));
    }
    let mut offset = offset;
    // A text in quotes that runs on to the next line: toml stops on the line after; the mistake
    // is the line with the opening quote.
    if code == Code::TomlSyntax
        && let Some((at, said, fix)) = text_across_lines(&source.text, &line)
    {
        (message, hint, offset) = (said, Some(fix), at);
    }
    // Full-width punctuation can make the parser stop anywhere on the line, and see a date or
    // a syntax error there: the character itself is the mistake, and the place to point at.
    if matches!(code, Code::TomlSyntax | Code::TomlBadDate)
        && let Some((at, said, fix)) = toml_hints::full_width(&line, what)
    {
        (code, message, hint, offset) = (Code::TomlFullWidth, said, Some(fix), line.start + at);
    }
    let diagnostic = Diagnostic::error_at(code, source, offset, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// When `unknown` (a key and the keys allowed) is the name of the heading on `line`: the table
/// does not exist, which the message says, with the table meant or the tables there are.
fn unknown_table(
    line: &Line,
    unknown: Option<(&str, &str)>,
    tables: &[Table],
) -> Option<(String, String)> {
    let (key, expected) = unknown?;
    let shown = toml_hints::heading(line.text)?;
    let inner = shown.trim_start_matches('[').trim_end_matches(']').trim();
    if inner != key && !inner.starts_with(&format!("{key}.")) {
        return None;
    }
    let allowed = backticked(expected);
    let double = shown.starts_with("[[");
    let bracket = |name: &str| match double {
        true => format!("[[{name}]]"),
        false => format!("[{name}]"),
    };
    let hint = match suggest(key, allowed.iter().copied()) {
        Some(near) => format!("did you mean {}?", bracket(&near)),
        None => {
            let shown = allowed
                .iter()
                .map(|&name| match tables.iter().find(|t| t.name == name) {
                    Some(table) => table.heading(),
                    // The one table of tables, each under its own `[languages.<key>]`.
                    None => format!("[{name}.…]"),
                });
            format!("the headings are: {}", shown.collect::<Vec<_>>().join(", "))
        }
    };
    Some((format!("there is no {} table", bracket(key)), hint))
}

/// Our name for a key that other site generators (Hugo, Zola, WordPress) give another name: an
/// editor used to them types theirs.
fn other_tools_name(key: &str) -> Option<&'static str> {
    match key.to_ascii_lowercase().as_str() {
        "tags" | "categories" | "keywords" | "taxonomies" | "subjects" => Some("topics"),
        "sectors" | "park_sectors" => Some("parks"),
        "summary" | "excerpt" => Some("description"),
        _ => None,
    }
}

/// Rewrites serde's and toml's messages (which speak of Rust types) in the editor's words, with
/// `line`, where the problem is, to name the real mistake.
fn explain(raw: &str, what: &str, line: &Line) -> (Code, String, Option<String>) {
    // One piece on purpose: a table of the messages toml and serde give, each case a few lines,
    // tried top to bottom (the order matters: the last cases match what the first do not).
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (key, expected) = split_name(rest);
        let allowed = backticked(expected);
        let near = suggest(key, allowed.iter().copied()).or_else(|| {
            other_tools_name(key)
                .filter(|k| allowed.contains(k))
                .map(str::to_owned)
        });
        let hint = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None if allowed.is_empty() => "remove this key".to_owned(),
            None => format!("the keys allowed here are: {}", allowed.join(", ")),
        };
        return (
            Code::TomlUnknownKey,
            format!("unknown key `{key}` in {what}"),
            Some(hint),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (value, expected) = split_name(rest);
        let allowed = backticked(expected);
        let hint = match suggest(value, allowed.iter().copied()) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => format!("write one of: {}", allowed.join(", ")),
        };
        return (
            Code::TomlUnknownValue,
            format!("\"{value}\" is not an allowed value here"),
            Some(hint),
        );
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let (key, _) = split_name(rest);
        let hint = match key {
            "site" => "start the file with a [site] table, for example:\n[site]\ntitle = \"Example High-Tech Zone\"\nbase_url = \"https://zone.example.org/\"".to_owned(),
            _ => format!("add a line such as `{key} = ...`"),
        };
        return (
            Code::TomlMissingKey,
            format!("`{key}` is missing in {what}"),
            Some(hint),
        );
    }
    if raw.contains("` as i128") || raw.contains("` as u128") || raw.contains("number overflowed") {
        return (
            Code::TomlNumberTooLarge,
            "this number is too large".to_owned(),
            Some(
                "write it in a larger unit, for example: value = 1.2 with unit = \"trillion yuan\""
                    .to_owned(),
            ),
        );
    }
    let wrong_type = raw.strip_prefix("invalid type: ");
    if let Some(rest) = wrong_type.or_else(|| raw.strip_prefix("invalid value: "))
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        // toml hands a date over as a table: the line says it was a date.
        let found = match line.value().parse::<toml::value::Datetime>() {
            Ok(_) => "a date".to_owned(),
            Err(_) => plain_type(found),
        };
        if let (Some(_), Some((message, hint))) = (wrong_type, toml_hints::unquoted_period(line)) {
            return (Code::TomlWrongType, message, Some(hint));
        }
        return (
            Code::TomlWrongType,
            format!(
                "this value should be {}, but it is {found}",
                plain_type(expected),
            ),
            wrong_type.map(|_| example_for(expected, line)),
        );
    }
    if raw.starts_with("duplicate key") {
        return match toml_hints::heading(line.text) {
            Some(heading) => (
                Code::TomlDuplicateKey,
                format!("the heading {heading} appears twice in {what}"),
                Some("keep one and put all its lines under it".to_owned()),
            ),
            None => (
                Code::TomlDuplicateKey,
                format!("this key appears twice in {what}"),
                Some("keep one of the two lines".to_owned()),
            ),
        };
    }
    let first_line = raw.lines().next().unwrap_or(raw);
    let (value, _) = line.unquoted_value();
    // Values written as people write them, each read for what was meant.
    type Mistake = fn(&Line) -> Option<(String, String)>;
    let plain_mistakes: [(Mistake, Code); 7] = [
        (toml_hints::heading_with_setting, Code::TomlSyntax),
        (toml_hints::unquoted_period, Code::TomlSyntax),
        (toml_hints::approximate_number, Code::TomlNumberUnit),
        (toml_hints::separated_number, Code::TomlNumberSeparator),
        (toml_hints::number_with_unit, Code::TomlNumberUnit),
        (toml_hints::bare_decimals, Code::TomlSyntax),
        (toml_hints::yes_no_word, Code::TomlSyntax),
    ];
    for (mistake, code) in plain_mistakes {
        if let Some((message, hint)) = mistake(line) {
            return (code, message, Some(hint));
        }
    }
    if let Some((message, hint)) = toml_hints::impossible_day(value) {
        return (Code::TomlBadDate, message, Some(hint));
    }
    let date_words = ["date", "month", "day", "time", "hour", "minute", "second"];
    // The parser speaks of dates whenever a value starts with digits and a hyphen; a phone
    // number (`024-12345678`) or a title (`2024-03 results`) under a key that takes no date is
    // text without its quotes.
    let date_keys = ["date", "as_of", "as_reported", "added"];
    let date_meant = date_keys.contains(&line.key)
        || toml_hints::guess_date(value).is_some()
        || quoted_text(line).is_none();
    if date_meant && date_words.iter().any(|word| first_line.contains(word)) {
        let message = match toml_hints::guess_date(value) {
            Some(_) => format!("{what} cannot read the date {value}"),
            None => "this is not a date written year-month-day".to_owned(),
        };
        return (
            Code::TomlBadDate,
            message,
            Some(toml_hints::date_hint(line)),
        );
    }
    if toml_hints::guess_date(value).is_some() {
        return (
            Code::TomlBadDate,
            format!("{what} cannot read the date {value}"),
            Some(toml_hints::date_hint(line)),
        );
    }
    if let Some(fixed) = toml_hints::list_separators(line) {
        return (
            Code::TomlSyntax,
            "the items of this list are not separated by commas".to_owned(),
            Some(format!("write a comma between two items: {fixed}")),
        );
    }
    if let Some(fixed) = toml_hints::quotes_inside_text(line.text) {
        return (
            Code::TomlSyntax,
            "a quotation mark inside this text ends it early".to_owned(),
            Some(format!(
                "write the quotation marks inside a text as “ ” (the Chinese input method gives them): {}",
                fixed.trim()
            )),
        );
    }
    let unclosed = line.value().starts_with('"') && !line.value()[1..].contains('"');
    match (quoted_text(line), unclosed) {
        (Some(fixed), true) if line.value().ends_with(['”', '“']) => (
            Code::TomlFullWidth,
            "this text ends with a Chinese quotation mark ” instead of a straight quote \"".to_owned(),
            Some(format!("type straight quotes \"...\" (switch the input method to English punctuation): {fixed}")),
        ),
        (Some(fixed), true) => (
            Code::TomlSyntax,
            "this text has no closing quote".to_owned(),
            Some(format!("add the closing quote at its end: {fixed}")),
        ),
        (Some(fixed), false) => (
            Code::TomlSyntax,
            "this text is not in double quotes".to_owned(),
            Some(format!("text goes in \"double quotes\": {fixed}")),
        ),
        (None, _) => (
            Code::TomlSyntax,
            // The parser's own words ("expected newline, `#`") mean nothing to an editor.
            format!("{what} cannot read this line"),
            Some("check this line for a missing quote, `=` or closing bracket; text values go in \"double quotes\"".to_owned()),
        ),
    }
}

/// When the line before `line` of `text` opens a text in quotes and does not close it: where the
/// opening quote is, the message, and the hint joining the two lines.
fn text_across_lines(text: &str, line: &Line) -> Option<(usize, String, String)> {
    let before = Line::at(text, line.start.checked_sub(1)?);
    let value = before.value();
    if !value.starts_with('"') || value[1..].contains('"') {
        return None;
    }
    let joined = format!("{} {}", before.text.trim_end(), line.text.trim());
    let at = before.start + before.text.len() - before.text.trim_start().len();
    let at = at + before.text.trim_start().find('"').unwrap_or(0);
    let hint = match toml_hints::reads(&joined) {
        true => format!(
            "a text in \"double quotes\" stays on one line: join the two lines: {}",
            joined.trim()
        ),
        false => "end the text with a straight quote \" on its own line".to_owned(),
    };
    Some((at, "this text has no closing quote".to_owned(), hint))
}

/// The line with its value in double quotes, when the value is text written without them (or
/// without its opening or closing one) and the line then reads.
fn quoted_text(line: &Line) -> Option<String> {
    let value = line.value();
    // A value starting like a number is text only if no number could be written so: a phone
    // number (`+86 24 2345 6789`, `024-2345-6789`) has spaces or several hyphens.
    // as may one with a leading zero (`02423456789`), which no number has.
    let numeric = value.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
    let leading_zero = value.len() > 1
        && value.starts_with('0')
        && value[1..].starts_with(|c: char| c.is_ascii_digit());
    let text = !value.is_empty()
        && !value.starts_with(['\'', '[', '{'])
        && (!numeric || leading_zero || value.contains(' ') || value.matches('-').count() > 1)
        && !matches!(value, "true" | "false");
    // A closing quote typed by a Chinese input method (”) is replaced, not kept.
    let quotes = ['"', '“', '”'];
    let inner = value.strip_prefix(quotes).unwrap_or(value);
    let inner = inner.strip_suffix(quotes).unwrap_or(inner);
    let fixed = line.with_value(&format!("\"{inner}\""));
    (text && toml_hints::reads(&fixed)).then(|| fixed.trim().to_owned())
}

/// Splits "name`, rest" into ("name", "rest").
fn split_name(rest: &str) -> (&str, &str) {
    rest.split_once('`').unwrap_or((rest, ""))
}

/// All `quoted` names in a serde "expected one of `a`, `b`" list.
fn backticked(list: &str) -> Vec<&str> {
    list.split('`').skip(1).step_by(2).collect()
}

/// A serde type or value (`i64`, `a sequence`, `string "ten"`) in words an editor knows.
fn plain_type(serde_type: &str) -> String {
    let t = serde_type.trim();
    let word = |prefix: &str| t.strip_prefix(prefix).map(str::trim);
    if let Some(v) = word("string") {
        return format!("the text {v}");
    }
    if let Some(v) = word("integer") {
        return format!("the number {}", v.trim_matches('`'));
    }
    if let Some(v) = word("floating point") {
        return format!("the number {}", v.trim_matches('`'));
    }
    if let Some(v) = word("boolean") {
        return v.trim_matches('`').to_owned();
    }
    match t {
        "a string" | "a borrowed string" | "a str" | "string" => "text in double quotes".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, zero or more".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" | "an integer" => "a whole number".to_owned(),
        "f32" | "f64" | "a number" => "a number".to_owned(),
        "a boolean" | "bool" => "true or false".to_owned(),
        "a sequence" | "sequence" => "a list in [square brackets]".to_owned(),
        "map" | "a map" => "a table".to_owned(),
        "a date" | "a datetime" | "datetime" | "a TOML datetime" => "a date".to_owned(),
        other if other.starts_with("struct") || other.starts_with("a table") => {
            "a table".to_owned()
        }
        other => other.to_owned(),
    }
}

/// A hint showing how to write a value of `serde_type`: the fixed `line` when it can be told,
/// else an example.
fn example_for(serde_type: &str, line: &Line) -> String {
    let (value, quoted) = line.unquoted_value();
    let fixed = |value: &str| {
        let fixed = line.with_value(value);
        toml_hints::reads(&fixed).then(|| fixed.trim().to_owned())
    };
    // The example uses the key the editor wrote, so that it can be copied as it is.
    let key = |usual: &'static str| match line.key {
        "" => usual,
        key => key,
    };
    let without_quotes = if quoted { " without quotes" } else { "" };
    match plain_type(serde_type).as_str() {
        "text in double quotes" => match fixed(&format!("\"{value}\"")).filter(|_| !quoted) {
            Some(fixed) => format!("put text in double quotes: {fixed}"),
            None => format!(
                "put text in double quotes, for example: {} = \"Profile\"",
                key("title")
            ),
        },
        kind @ ("a whole number, zero or more" | "a whole number" | "a number") => {
            let digits = toml_hints::printed_number(value).map_or(value.to_owned(), |p| p.plain);
            match fixed(&digits).filter(|_| quoted && digits.parse::<f64>().is_ok()) {
                Some(fixed) => format!("write the number without quotes: {fixed}"),
                None if kind == "a number" => format!(
                    "write the number{without_quotes}, for example: {} = 272",
                    key("value")
                ),
                None => format!(
                    "write the number{without_quotes}, for example: {} = 10",
                    key("weight")
                ),
            }
        }
        "true or false" => {
            match toml_hints::yes_or_no(value).and_then(|yes| fixed(&yes.to_string())) {
                Some(fixed) => format!("write true or false, without quotes: {fixed}"),
                None => format!(
                    "write true or false{without_quotes}, for example: {} = true",
                    key("draft")
                ),
            }
        }
        "a list in [square brackets]" => {
            match fixed(&format!("[{}]", line.value())).filter(|_| quoted) {
                Some(fixed) => format!("write a list in square brackets: {fixed}"),
                None => "write a list in square brackets, for example: aliases = [\"/old-page/\"]"
                    .to_owned(),
            }
        }
        "a date" => toml_hints::date_hint(line),
        _ => "see the README for the keys and the values they take".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_suggestion() {
        let (code, msg, hint) = explain(
            "unknown field `titel`, expected one of `title`, `date`",
            "the front matter",
            &Line::at("titel = \"A\"", 0),
        );
        assert_eq!(code, Code::TomlUnknownKey);
        assert_eq!(msg, "unknown key `titel` in the front matter");
        assert_eq!(hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn wrong_type_speaks_plainly() {
        let line = Line::at("weight = \"ten\"", 9);
        let (_, msg, hint) = explain("invalid type: string \"ten\", expected i64", "x", &line);
        assert_eq!(
            msg,
            "this value should be a whole number, but it is the text \"ten\""
        );
        assert_eq!(
            hint.as_deref(),
            Some("write the number without quotes, for example: weight = 10")
        );
    }

    #[test]
    fn every_wrong_value_is_reported_but_not_what_blanking_a_line_causes() {
        let text = "[site]\ntitel = \"A\"\nbase_url = 5\npaginate_by = \"x\"\n";
        let file = SourceFile::new("site.toml", text.to_owned());
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Site {
            site: Settings,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Settings {
            title: Option<String>,
            base_url: String,
            paginate_by: Option<u32>,
        }
        let found = parse_every::<Site>(&file, 0..file.text.len(), "site.toml", &[]).unwrap_err();
        let mut codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        codes.sort();
        // base_url, once blanked, is missing: that is not reported, and the search ends there.
        let wrong = Code::TomlWrongType;
        assert_eq!(codes, [Code::TomlUnknownKey, wrong, wrong]);
    }
}
