//! The long explanation of each code: its section of docs/messages.md, built into the program so
//! `zonesite explain` and the preview's problem page work offline and always match the docs.

use super::Code;
use super::suggest::suggest;

/// The whole of docs/messages.md.
const MESSAGES: &str = include_str!("../../docs/messages.md");

impl Code {
    /// The code printed as `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.as_str() == name)
    }

    /// The code's name in what an editor typed or pasted (`TOML-KEY-MISPLACED`,
    /// `error[toml-full-width]`): after any `[`, before any `]`, in lower case.
    pub fn written_name(written: &str) -> String {
        let name = written.rsplit('[').next().unwrap_or(written);
        let name = name.split(']').next().unwrap_or(name);
        name.trim().trim_end_matches(':').to_lowercase()
    }

    /// The code whose name is nearest to a misspelt `name`, for "did you mean".
    pub fn nearest(name: &str) -> Option<Code> {
        suggest(name, Code::ALL.iter().map(|code| code.as_str()))
            .and_then(|near| Code::from_name(&near))
    }

    /// What this kind of problem means, an example and the fix: its section of docs/messages.md,
    /// without the heading.
    pub fn explanation(self) -> &'static str {
        let heading = format!("\n## {}\n", self.as_str());
        let Some(start) = MESSAGES.find(&heading).map(|at| at + heading.len()) else {
            return "";
        };
        let rest = &MESSAGES[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        rest[..end].trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_an_explanation_with_its_fix() {
        for code in Code::ALL {
            let text = code.explanation();
            assert!(
                ["**Error", "**Warning", "**Note"]
                    .iter()
                    .any(|s| text.starts_with(s)),
                "{code}: {text}"
            );
            assert!(text.contains("Fix"), "{code} says no fix: {text}");
        }
    }

    #[test]
    fn a_misspelt_code_finds_the_one_meant() {
        assert_eq!(Code::from_name("fact-unknown"), Some(Code::FactUnknown));
        assert_eq!(Code::nearest("fact-unknwon"), Some(Code::FactUnknown));
        assert_eq!(Code::from_name("no-such-thing"), None);
    }

    #[test]
    fn a_code_pasted_from_a_message_or_typed_in_capitals_is_found() {
        for written in [
            "TOML-KEY-MISPLACED",
            "error[toml-key-misplaced]",
            "warning[toml-key-misplaced]:",
            " [toml-key-misplaced] ",
        ] {
            assert_eq!(
                Code::from_name(&Code::written_name(written)),
                Some(Code::TomlKeyMisplaced),
                "{written}"
            );
        }
    }
}
