//! Reading TOML (site.toml, front matter) into typed values, with errors editors can act on.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::source::SourceFile;

/// Parses `range` of `source` as TOML into `T`; `what` names the place ("site.toml", "the front matter").
pub(crate) fn parse<T: DeserializeOwned>(
    source: &SourceFile,
    range: Range<usize>,
    what: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(&source.text[range.clone()]).map_err(|err| {
        let offset = range.start + err.span().map_or(0, |s| s.start);
        let (code, message, hint) = explain(err.message().trim(), what);
        let diagnostic = Diagnostic::error_at(code, source, offset, message);
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    })
}

/// Rewrites serde's and toml's messages (which speak of Rust types) in the editor's words.
fn explain(raw: &str, what: &str) -> (Code, String, Option<String>) {
    // One piece on purpose: a table of the messages toml and serde give, each case a few lines,
    // tried top to bottom (the order matters: the last cases match what the first do not).
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (key, expected) = split_name(rest);
        let allowed = backticked(expected);
        let hint = match suggest(key, allowed.iter().copied()) {
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
        return (
            Code::TomlWrongType,
            format!(
                "this value should be {}, but it is {}",
                plain_type(expected),
                plain_type(found)
            ),
            wrong_type.map(|_| example_for(expected).to_owned()),
        );
    }
    if raw.starts_with("duplicate key") {
        return (
            Code::TomlDuplicateKey,
            format!("this key appears twice in {what}"),
            Some("keep one of the two lines".to_owned()),
        );
    }
    let first_line = raw.lines().next().unwrap_or(raw);
    if ["date", "month", "day", "time", "hour", "minute", "second"]
        .iter()
        .any(|word| first_line.contains(word))
    {
        return (
            Code::TomlBadDate,
            format!("this is not a valid date: {first_line}"),
            Some(example_for("a date").to_owned()),
        );
    }
    (
        Code::TomlSyntax,
        format!("{what} is not valid TOML: {first_line}"),
        Some(
            "check this line for a missing quote, `=` or closing bracket; text values go in \"double quotes\""
                .to_owned(),
        ),
    )
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

/// A hint showing how to write a value of `serde_type`, with an example.
fn example_for(serde_type: &str) -> &'static str {
    match plain_type(serde_type).as_str() {
        "text in double quotes" => "put text in double quotes, for example: title = \"Profile\"",
        "a whole number, zero or more" | "a whole number" => {
            "write the number without quotes, for example: weight = 10"
        }
        "a number" => "write the number without quotes, for example: value = 272",
        "true or false" => "write true or false without quotes, for example: draft = true",
        "a list in [square brackets]" => {
            "write a list in square brackets, for example: aliases = [\"/old-page/\"]"
        }
        "a date" => "write the date without quotes, for example: date = 2021-04-13",
        _ => "see the README for the keys and the values they take",
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
        );
        assert_eq!(code, Code::TomlUnknownKey);
        assert_eq!(msg, "unknown key `titel` in the front matter");
        assert_eq!(hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn wrong_type_speaks_plainly() {
        let (_, msg, _) = explain("invalid type: string \"ten\", expected i64", "x");
        assert_eq!(
            msg,
            "this value should be a whole number, but it is the text \"ten\""
        );
    }
}
