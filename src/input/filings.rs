//! The filing numbers a site published in mainland China shows in its footer: the ICP filing
//! (or licence) every such site needs, the public security filing, and a government site's code.
//! Each is checked against its format and written the way the registers write it.

use std::ops::RangeInclusive;

use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::locale::half_width;
use crate::source::SourceFile;

/// The filings of `[site]` as the registers write them; `None` where the site has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filings {
    /// The ICP filing or licence number: `辽ICP备12345678号-1`.
    pub icp: Option<String>,
    /// The public security filing number: `辽公网安备21010202000123号`.
    pub police_filing: Option<String>,
    /// The government site code (政府网站标识码): `2101000001`.
    pub government_site_code: Option<String>,
}

impl Filings {
    /// Each kind of filing, in the order the footer shows them, with the site's number of it.
    pub(crate) fn each(&self) -> [(Filing, Option<&str>); 3] {
        [
            (Filing::Icp, self.icp.as_deref()),
            (Filing::Police, self.police_filing.as_deref()),
            (
                Filing::GovernmentSiteCode,
                self.government_site_code.as_deref(),
            ),
        ]
    }
}

/// One of the filings a site can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Filing {
    /// The MIIT's ICP filing (`ICP备`) or licence (`ICP证`).
    Icp,
    /// The Ministry of Public Security's filing (`公网安备`).
    Police,
    /// The code of a government site (政府网站标识码).
    GovernmentSiteCode,
}

/// Why a filing number is not in its format, said to the editor after "is not an ICP number:".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum FilingError {
    /// The first character is not a province's abbreviation.
    #[error("it does not start with a province's abbreviation, such as 辽 or 京")]
    Province,
    /// The province is not followed by the words of the filing (`ICP备`).
    #[error("the province is not followed by {0}")]
    Kind(&'static str),
    /// The words are not followed by digits (`辽ICP备案号…`).
    #[error("no number follows {0}")]
    NoNumber(&'static str),
    /// The number has too few or too many digits.
    #[error("its number has {found} digits instead of {expected}")]
    Digits {
        /// How many it has.
        found: usize,
        /// How many it should have, in words.
        expected: &'static str,
    },
    /// The number is not followed by 号.
    #[error("its number is not followed by 号")]
    NoHao,
    /// Something follows the end of the number.
    #[error("`{0}` after 号 is not part of it")]
    Trailing(String),
    /// A government site code in neither of its two shapes.
    #[error("it is neither 10 digits nor bm and 8 digits")]
    SiteCode,
    /// A right number with more around it, such as the label it was copied with.
    #[error("it holds more than the number")]
    Extra(String),
}

/// The one-character abbreviations of the provinces, regions and municipalities, with the
/// second forms the MIIT register uses for Guizhou (黔), Yunnan (滇), Sichuan (蜀) and Gansu (陇).
const PROVINCES: &str = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新黔滇蜀陇";

/// The most characters of a written value a message quotes.
const QUOTED: usize = 60;

/// One shape of a filing number: province, `words`, a number of `digits` and 号.
struct Form {
    words: &'static str,
    digits: RangeInclusive<usize>,
    /// How many digits, in words, for the editor.
    expected: &'static str,
    /// Whether a site number (`-1`) may follow 号.
    site_number: bool,
}

/// An ICP filing, then an ICP licence.
const ICP: &[Form] = &[
    Form {
        words: "ICP备",
        digits: 6..=12,
        expected: "6 to 12",
        site_number: true,
    },
    Form {
        words: "ICP证",
        digits: 6..=12,
        expected: "6 to 12",
        site_number: false,
    },
];

/// A public security filing.
const POLICE: &[Form] = &[Form {
    words: "公网安备",
    digits: 14..=14,
    expected: "14",
    site_number: false,
}];

impl Filing {
    /// The number as its register writes it, from what an editor typed or pasted: spaces of
    /// any kind (a PDF's, WeChat's no-break space), full-width letters and digits (a Chinese
    /// input method's), the dashes word processors make, lower-case letters and traditional
    /// characters are forgiven.
    pub(crate) fn parse(self, written: &str) -> Result<String, FilingError> {
        let plain = plain(written);
        match self {
            Filing::Icp => filing(&plain, ICP, "ICP备 or ICP证"),
            Filing::Police => filing(&plain, POLICE, "公网安备"),
            Filing::GovernmentSiteCode => site_code(&plain).map_err(|error| {
                // Copied with its label, as footers show it: `政府网站标识码：2101000001`.
                let digits = plain.trim_start_matches(|c: char| !c.is_ascii_digit() && c != 'b');
                let digits = digits.trim_end_matches(|c: char| !c.is_ascii_digit());
                match site_code(digits) {
                    Ok(code) if digits.len() < plain.len() => FilingError::Extra(code),
                    _ => error,
                }
            }),
        }
    }

    /// Which filing `written` is, if it is a right number of one.
    fn recognised(written: &str) -> Option<Filing> {
        [Filing::Icp, Filing::Police, Filing::GovernmentSiteCode]
            .into_iter()
            .find(|filing| filing.parse(written).is_ok())
    }

    /// The number site.toml's comments and the messages show: an example of the shape only.
    pub(crate) fn example(self) -> &'static str {
        match self {
            Filing::Icp => "辽ICP备12345678号-1",
            Filing::Police => "辽公网安备21010202000123号",
            Filing::GovernmentSiteCode => "2101000001",
        }
    }

    /// Its key under `[site]`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Filing::Icp => "icp",
            Filing::Police => "police_filing",
            Filing::GovernmentSiteCode => "government_site_code",
        }
    }

    /// What it is, after "is not".
    fn what(self) -> &'static str {
        match self {
            Filing::Icp => "an ICP number",
            Filing::Police => "a public security filing number",
            Filing::GovernmentSiteCode => "a government site code",
        }
    }

    /// Its format and an example, for the hint under a wrong one.
    fn format(self) -> String {
        let (key, example) = (self.key(), self.example());
        match self {
            Filing::Icp => format!(
                "an ICP number is the province's abbreviation, ICP备, 6 to 12 digits and 号, then the site number if there is one, as the MIIT register lists it: {key} = \"{example}\" (a licence: {key} = \"辽ICP证123456号\")"
            ),
            Filing::Police => format!(
                "a public security filing number is the province's abbreviation, 公网安备, 14 digits and 号, as the filing notice gives it: {key} = \"{example}\""
            ),
            Filing::GovernmentSiteCode => format!(
                "a government site code (政府网站标识码) is 10 digits, or bm and 8 digits for a ministry's site: {key} = \"{example}\""
            ),
        }
    }

    /// The code of its messages.
    fn code(self) -> Code {
        match self {
            Filing::Icp => Code::IcpInvalid,
            Filing::Police => Code::PoliceFilingInvalid,
            Filing::GovernmentSiteCode => Code::GovernmentSiteCodeInvalid,
        }
    }

    /// The filing written at `value` in `file`, as its register writes it; a wrong one is
    /// reported where it was written and left out, an empty one is none.
    pub(crate) fn read(
        self,
        value: Option<&Spanned<String>>,
        file: &SourceFile,
        out: &mut Diagnostics,
    ) -> Option<String> {
        let value = value?;
        let written = value.get_ref();
        if written.trim().is_empty() {
            return None;
        }
        // A value pasted whole from a long text is quoted by its start only.
        let shown: String = match written.char_indices().nth(QUOTED) {
            Some((end, _)) => format!("{}…", &written[..end]),
            None => written.clone(),
        };
        self.parse(written)
            .map_err(|error| {
                // A right number under the wrong key is the likelier mistake than a wrong one.
                let (message, hint) = match (&error, Filing::recognised(written)) {
                    (_, Some(other)) => (
                        format!("`{shown}` is {}, not {}", other.what(), self.what()),
                        format!(
                            "move it to {} = \"{}\", and write {} here",
                            other.key(),
                            other.parse(written).unwrap_or_default(),
                            self.what()
                        ),
                    ),
                    (FilingError::Extra(number), None) => (
                        format!("`{shown}` is not {}: {error}", self.what()),
                        format!("write the number alone: {} = \"{number}\"", self.key()),
                    ),
                    (_, None) => (
                        format!("`{shown}` is not {}: {error}", self.what()),
                        self.format(),
                    ),
                };
                out.push(
                    Diagnostic::error_at(self.code(), file, value.span().start, message)
                        .with_hint(hint),
                );
            })
            .ok()
    }
}

/// `written` in the characters the registers use, without any space: see [`Filing::parse`].
fn plain(written: &str) -> String {
    written
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            // Hyphens and dashes of every kind, the minus sign.
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' => '-',
            '備' => '备',
            '號' => '号',
            '證' => '证',
            '遼' => '辽',
            '滬' => '沪',
            '蘇' => '苏',
            '閩' => '闽',
            '贛' => '赣',
            '魯' => '鲁',
            '粵' => '粤',
            '瓊' => '琼',
            '陝' => '陕',
            '隴' => '陇',
            '寧' => '宁',
            '貴' => '贵',
            '雲' => '云',
            '晉' => '晋',
            c => c.to_ascii_uppercase(),
        })
        .collect::<String>()
        // A ministry's site code is the one place a register writes small letters.
        .replacen("BM", "bm", 1)
}

/// A filing number in one of `forms` (`described` in words); when it was copied with more
/// around it (its label, a sentence, quotation marks, a full stop), the error names the number
/// inside.
fn filing(plain: &str, forms: &[Form], described: &'static str) -> Result<String, FilingError> {
    number(plain, forms, described).map_err(|error| {
        // The number starts a character before the first place its words are found, and ends
        // where its shape does.
        let inside = forms
            .iter()
            .flat_map(|form| plain.match_indices(form.words))
            .filter_map(|(at, _)| plain[..at].char_indices().next_back())
            .find_map(|(start, _)| {
                let (number, len) = longest_number(&plain[start..], forms)?;
                (start > 0 || len < plain.len() - start).then_some(number)
            });
        inside.map_or(error, FilingError::Extra)
    })
}

/// The longest start of `text` that is a filing number in one of `forms`, with its length.
fn longest_number(text: &str, forms: &[Form]) -> Option<(String, usize)> {
    // No number is longer than this: a longer text is never read again and again.
    const LONGEST: usize = 32;
    let ends: Vec<usize> = text
        .char_indices()
        .take(LONGEST)
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    ends.into_iter()
        .rev()
        .find_map(|end| Some((number(&text[..end], forms, "").ok()?, end)))
}

/// `plain` as a filing number in one of `forms`, written as the register writes it.
fn number(plain: &str, forms: &[Form], described: &'static str) -> Result<String, FilingError> {
    let mut chars = plain.chars();
    let province = chars
        .next()
        .filter(|&c| PROVINCES.contains(c))
        .ok_or(FilingError::Province)?;
    let rest = chars.as_str();
    let (form, rest) = forms
        .iter()
        .find_map(|form| Some((form, rest.strip_prefix(form.words)?)))
        .ok_or(FilingError::Kind(described))?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return Err(FilingError::NoNumber(form.words));
    }
    if !form.digits.contains(&digits) {
        return Err(FilingError::Digits {
            found: digits,
            expected: form.expected,
        });
    }
    let (digits, rest) = rest.split_at(digits);
    let site = rest.strip_prefix('号').ok_or(FilingError::NoHao)?;
    let site_number = form.site_number
        && site
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && n != "0");
    if !(site.is_empty() || site_number) {
        return Err(FilingError::Trailing(site.chars().take(QUOTED).collect()));
    }
    Ok(format!("{province}{}{digits}号{site}", form.words))
}

/// `plain` as a government site code: 10 digits, or `bm` and 8 digits.
fn site_code(plain: &str) -> Result<String, FilingError> {
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    match plain.strip_prefix("bm") {
        Some(digits) if digits.len() == 8 && all_digits(digits) => Ok(plain.to_owned()),
        None if plain.len() == 10 && all_digits(plain) => Ok(plain.to_owned()),
        None if !plain.is_empty() && all_digits(plain) => Err(FilingError::Digits {
            found: plain.len(),
            expected: "10",
        }),
        _ => Err(FilingError::SiteCode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icp_numbers_in_both_forms_are_accepted_as_the_register_writes_them() {
        let icp = |written| Filing::Icp.parse(written);
        assert_eq!(icp("辽ICP备12345678号-1"), Ok("辽ICP备12345678号-1".into()));
        assert_eq!(icp("京ICP备123456号"), Ok("京ICP备123456号".into()));
        assert_eq!(
            icp("蜀ICP备123456789012号"),
            Ok("蜀ICP备123456789012号".into())
        );
        assert_eq!(icp("京ICP证030173号"), Ok("京ICP证030173号".into()));
        // Pasted with spaces around it, or typed with a Chinese input method's full-width keys.
        assert_eq!(
            icp("  辽ICP备１２３４５６７８号－１\u{3000}"),
            Ok("辽ICP备12345678号-1".into())
        );
        assert_eq!(icp("辽ＩＣＰ备12345678号"), Ok("辽ICP备12345678号".into()));
    }

    #[test]
    fn a_wrong_icp_number_says_what_is_wrong_with_it() {
        let icp = |written| Filing::Icp.parse(written);
        assert_eq!(icp("ICP备12345678号"), Err(FilingError::Province));
        assert_eq!(icp("港ICP备12345678号"), Err(FilingError::Province));
        assert_eq!(
            icp("辽公安备12345678号"),
            Err(FilingError::Kind("ICP备 or ICP证"))
        );
        assert_eq!(
            icp("辽ICP备1234号"),
            Err(FilingError::Digits {
                found: 4,
                expected: "6 to 12"
            })
        );
        assert_eq!(icp("辽ICP备12345678"), Err(FilingError::NoHao));
        assert_eq!(
            icp("辽ICP备案号12345678"),
            Err(FilingError::NoNumber("ICP备"))
        );
        assert_eq!(
            icp("辽ICP备12345678号-"),
            Err(FilingError::Extra("辽ICP备12345678号".into()))
        );
        assert_eq!(
            icp("辽ICP备12345678号-0"),
            Err(FilingError::Extra("辽ICP备12345678号".into()))
        );
        assert_eq!(
            icp("辽ICP备12345678号1"),
            Err(FilingError::Extra("辽ICP备12345678号".into()))
        );
        // A licence has no site number.
        assert_eq!(
            icp("辽ICP证123456号-1"),
            Err(FilingError::Extra("辽ICP证123456号".into()))
        );
        assert_eq!(
            icp("辽ICP备案号：辽ICP备12345678号-1"),
            Err(FilingError::Extra("辽ICP备12345678号-1".into()))
        );
        assert_eq!(
            icp("ICP备案号：辽ICP备12345678号-1"),
            Err(FilingError::Extra("辽ICP备12345678号-1".into()))
        );
    }

    #[test]
    fn a_number_copied_from_a_notice_a_pdf_or_a_chat_is_read_or_found_inside() {
        let icp = |written| Filing::Icp.parse(written);
        // Spaces inside, no-break spaces, lower case, dashes of word processors, traditional
        // characters: the number as the register writes it.
        for written in [
            "辽ICP备 2023001234 号-2",
            "辽icp备2023001234号-2",
            "辽ICP备2023001234号\u{2014}2",
            "辽ICP备2023001234号 \u{2013} 2",
            "遼ICP備2023001234號-2",
            "辽ICP备\u{a0}2023001234号-2",
        ] {
            assert_eq!(
                icp(written),
                Ok("辽ICP备2023001234号-2".into()),
                "{written}"
            );
        }
        // More around it: the number inside is named.
        for written in [
            "辽ICP备2023001234号-2。",
            "“辽ICP备2023001234号-2”",
            "您的网站备案号为：辽ICP备2023001234号-2，请在网站首页底部标注。",
        ] {
            assert_eq!(
                icp(written),
                Err(FilingError::Extra("辽ICP备2023001234号-2".into())),
                "{written}"
            );
        }
        assert_eq!(
            Filing::Police.parse("辽公网安备\u{a0}2101 1202 0004 56号"),
            Ok("辽公网安备21011202000456号".into())
        );
        assert_eq!(
            Filing::GovernmentSiteCode.parse("BM12345678"),
            Ok("bm12345678".into())
        );
        assert_eq!(
            Filing::GovernmentSiteCode.parse("2101 1200 15。"),
            Err(FilingError::Extra("2101120015".into()))
        );
        assert_eq!(
            Filing::recognised("辽公网安备21011202000456号"),
            Some(Filing::Police)
        );
    }

    #[test]
    fn a_public_security_filing_has_14_digits_and_may_have_a_space_before_them() {
        let police = |written| Filing::Police.parse(written);
        assert_eq!(
            police("辽公网安备21010202000123号"),
            Ok("辽公网安备21010202000123号".into())
        );
        assert_eq!(
            police("辽公网安备 21010202000123号"),
            Ok("辽公网安备21010202000123号".into())
        );
        assert_eq!(
            police("辽公网安备\u{3000}２１０１０２０２０００１２３号"),
            Ok("辽公网安备21010202000123号".into())
        );
        assert_eq!(
            police("辽公网安备2101020200012号"),
            Err(FilingError::Digits {
                found: 13,
                expected: "14"
            })
        );
        assert_eq!(
            police("辽公安备21010202000123号"),
            Err(FilingError::Kind("公网安备"))
        );
        assert_eq!(
            police("辽公网安备21010202000123号-1"),
            Err(FilingError::Extra("辽公网安备21010202000123号".into()))
        );
    }

    #[test]
    fn a_government_site_code_is_10_digits_or_bm_and_8() {
        let code = |written| Filing::GovernmentSiteCode.parse(written);
        assert_eq!(code("2101000001"), Ok("2101000001".into()));
        assert_eq!(code(" bm12345678 "), Ok("bm12345678".into()));
        assert_eq!(code("２１０１０００００１"), Ok("2101000001".into()));
        assert_eq!(
            code("210100000"),
            Err(FilingError::Digits {
                found: 9,
                expected: "10"
            })
        );
        assert_eq!(code("bm1234567"), Err(FilingError::SiteCode));
        assert_eq!(
            code("政府网站标识码：2101000001"),
            Err(FilingError::Extra("2101000001".into()))
        );
    }
}
