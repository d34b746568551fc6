//! Mistakes in TOML (site.toml and the front matter of pages): the hint names the real mistake
//! (a date written as people write it, a thousands separator, Chinese punctuation, a key under the
//! wrong heading), and every wrong key or value of site.toml is reported at once.

use crate::Site;

/// A table and its setting on one line, as a sentence in the docs writes them.
#[test]
fn heading_and_setting_on_one_line() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "# [search]\n# enabled = false",
        "[search] enabled = false",
        "toml-syntax",
        r#"error[toml-syntax]: a heading stands on a line of its own: [search] is followed by `enabled` on the same line
  --> site.toml:178:10
    |
178 | [search] enabled = false
    |          ^
  = hint: write [search] on one line, and enabled = false on the line below it
"#,
        "[search]\nenabled = false",
    );
}

/// A figure's value typed as it is printed, with a comma.
#[test]
fn number_with_a_thousands_separator() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = 1,000",
        "toml-number-separator",
        r#"error[toml-number-separator]: numbers are written without thousands separators
  --> site.toml:98:10
   |
98 | value = 1,000
   |          ^
  = hint: write the digits without commas: value = 1000
"#,
        "value = 1000",
    );
}

/// A figure's value in quotes, with a comma.
#[test]
fn quoted_number_with_a_separator() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        r#"value = "1,000""#,
        "toml-wrong-type",
        r#"error[toml-wrong-type]: this value should be a number, but it is the text "1,000"
  --> site.toml:98:9
   |
98 | value = "1,000"
   |         ^
  = hint: write the number without quotes: value = 1000
"#,
        "value = 1000",
    );
}

/// A source's date written day/month/year; the day (31) cannot be a month.
#[test]
fn date_day_first_with_slashes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = 31/01/2024",
        "toml-bad-date",
        r#"error[toml-bad-date]: site.toml cannot read the date 31/01/2024
  --> site.toml:73:8
   |
73 | date = 31/01/2024
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#,
        "date = 2024-01-31",
    );
}

/// 04/05/2024 is 4 May or 5 April: the hint gives both and the editor picks.
#[test]
fn date_that_could_be_either_way_round() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = 04/05/2024",
        "toml-bad-date",
        r#"error[toml-bad-date]: site.toml cannot read the date 04/05/2024
  --> site.toml:73:8
   |
73 | date = 04/05/2024
   |        ^
  = hint: a date is written year-month-day; 04/05/2024 could be 4 May 2024 or 5 April 2024: write date = 2024-05-04 for 4 May 2024, or date = 2024-04-05 for 5 April 2024
"#,
        "date = 2024-05-04",
    );
}

/// 2024/1/31, as Chinese offices often write it.
#[test]
fn date_year_first_with_slashes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = 2024/1/31",
        "toml-bad-date",
        r#"error[toml-bad-date]: site.toml cannot read the date 2024/1/31
  --> site.toml:73:8
   |
73 | date = 2024/1/31
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#,
        "date = 2024-01-31",
    );
}

/// 31-01-2024.
#[test]
fn date_day_first_with_hyphens() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = 31-01-2024",
        "toml-bad-date",
        r#"error[toml-bad-date]: site.toml cannot read the date 31-01-2024
  --> site.toml:73:8
   |
73 | date = 31-01-2024
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#,
        "date = 2024-01-31",
    );
}

/// 2024年1月31日.
#[test]
fn date_in_chinese() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = 2024年1月31日",
        "toml-bad-date",
        r#"error[toml-bad-date]: site.toml cannot read the date 2024年1月31日
  --> site.toml:73:8
   |
73 | date = 2024年1月31日
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#,
        "date = 2024-01-31",
    );
}

/// January 31, 2024.
#[test]
fn date_with_the_month_in_words() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = January 31, 2024",
        "toml-bad-date",
        r#"error[toml-bad-date]: site.toml cannot read the date January 31, 2024
  --> site.toml:73:18
   |
73 | date = January 31, 2024
   |                  ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#,
        "date = 2024-01-31",
    );
}

/// 2024-1-31: year-month-day, but the month needs two digits.
#[test]
fn date_without_leading_zeros() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = 2024-1-31",
        "toml-bad-date",
        r#"error[toml-bad-date]: site.toml cannot read the date 2024-1-31
  --> site.toml:73:8
   |
73 | date = 2024-1-31
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#,
        "date = 2024-01-31",
    );
}

/// A count on a given day, its date in quotes: the hint names `as_of`, not `date`.
#[test]
fn as_of_date_in_quotes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"period = "2023""#,
        r#"as_of = "2023-12-31""#,
        "toml-wrong-type",
        r#"error[toml-wrong-type]: this value should be a date, but it is the text "2023-12-31"
  --> site.toml:99:9
   |
99 | as_of = "2023-12-31"
   |         ^
  = hint: a date is written year-month-day without quotes: as_of = 2023-12-31 (31 December 2023)
"#,
        "as_of = 2023-12-31",
    );
}

/// A story's date in the front matter, written day/month/year: the same hint as in site.toml.
#[test]
fn page_date_day_first() {
    let site = Site::starter();
    site.mistake(
        "content/news/first-story.md",
        "date = 2024-01-31",
        "date = 31/01/2024",
        "toml-bad-date",
        r#"error[toml-bad-date]: the front matter cannot read the date 31/01/2024
  --> content/news/first-story.md:5:8
  |
5 | date = 31/01/2024
  |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#,
        "date = 2024-01-31",
    );
}

/// A Chinese input method types “ ” for quotes.
#[test]
fn chinese_quotation_marks() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"title = "Example Zone""#,
        "title = “Example Zone”",
        "toml-full-width",
        r#"error[toml-full-width]: site.toml cannot read Chinese quotation marks “ ” outside of quoted text
  --> site.toml:16:9
   |
16 | title = “Example Zone”
   |         ^
  = hint: type straight quotes "..." (switch the input method to English punctuation): title = "Example Zone"
"#,
        r#"title = "Example Zone""#,
    );
}

/// ＝ typed by a Chinese input method.
#[test]
fn full_width_equals_sign() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"title = "Example Zone""#,
        r#"title ＝ "Example Zone""#,
        "toml-full-width",
        r#"error[toml-full-width]: site.toml cannot read a full-width equals sign ＝ outside of quoted text
  --> site.toml:16:7
   |
16 | title ＝ "Example Zone"
   |       ^
  = hint: type = (switch the input method to English punctuation): title = "Example Zone"
"#,
        r#"title = "Example Zone""#,
    );
}

/// A key and value joined by ： with “ ” quotes; the Chinese comma inside the text stays.
#[test]
fn chinese_colon_and_quotes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"title = "Example Zone""#,
        "title：“示例，园区”",
        "toml-full-width",
        r#"error[toml-full-width]: site.toml cannot read a Chinese colon ： outside of quoted text
  --> site.toml:16:6
   |
16 | title：“示例，园区”
   |      ^
  = hint: write = between the key and its value (switch the input method to English punctuation): title="示例，园区"
"#,
        r#"title="示例，园区""#,
    );
}

/// A number typed with the input method in full-width mode.
#[test]
fn full_width_digits() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = １０００",
        "toml-full-width",
        r#"error[toml-full-width]: site.toml cannot read full-width digits ０１２３ outside of quoted text
  --> site.toml:98:9
   |
98 | value = １０００
   |         ^
  = hint: type the digits 0-9 (switch the input method to half-width characters): value = 1000
"#,
        "value = 1000",
    );
}

/// 【site】 for [site].
#[test]
fn chinese_brackets_in_a_heading() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "[site]\n",
        "【site】\n",
        "toml-full-width",
        r#"error[toml-full-width]: site.toml cannot read Chinese brackets 【 】 outside of quoted text
  --> site.toml:14:1
   |
14 | 【site】
   | ^
  = hint: type [ ] (switch the input method to English punctuation): [site]
"#,
        "[site]\n",
    );
}

/// Chinese text without quotes.
#[test]
fn text_without_quotes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"title = "Example Zone""#,
        "title = 示例园区（一）",
        "toml-syntax",
        r#"error[toml-syntax]: this text is not in double quotes
  --> site.toml:16:9
   |
16 | title = 示例园区（一）
   |         ^
  = hint: text goes in "double quotes": title = "示例园区（一）"
"#,
        r#"title = "示例园区（一）""#,
    );
}

/// The language block of the starter, as `init` writes it.
const LANGUAGES_COMMENTED: &str = r#"# [languages.en]
# name = "English"
# [languages.zh]
# tag = "zh-Hans"
# name = "中文""#;

/// The same block with the `#` signs removed.
const LANGUAGES: &str = r#"[languages.en]
name = "English"
[languages.zh]
tag = "zh-Hans"
name = "中文""#;

/// An older starter had its language block in the middle of [site]: uncommented there, the
/// [site] settings after it belong to [languages.zh], and deleting the lines the errors name
/// would silently lose them.
#[test]
fn site_settings_under_the_language_headings() {
    let site = Site::starter();
    site.edit("site.toml", LANGUAGES_COMMENTED, "");
    site.edit(
        "site.toml",
        "language = \"en\"\n",
        &format!("language = \"en\"\n{LANGUAGES}\n"),
    );
    assert_eq!(
        site.report("toml-key-misplaced"),
        r#"error[toml-key-misplaced]: `paginate_by` is a [site] setting, but it comes after the [languages.zh] heading on line 26, so it is read as part of [languages.zh]
  --> site.toml:30:1
   |
30 | paginate_by = 20
   | ^
  = hint: move the lines of paginate_by, feed_section and safe_markdown up into [site], above the [languages.en] heading on line 24

error[toml-key-misplaced]: `feed_section` is a [site] setting, but it comes after the [languages.zh] heading on line 26, so it is read as part of [languages.zh]
  --> site.toml:32:1
   |
32 | feed_section = "news"
   | ^
  = hint: move the lines of paginate_by, feed_section and safe_markdown up into [site], above the [languages.en] heading on line 24

error[toml-key-misplaced]: `safe_markdown` is a [site] setting, but it comes after the [languages.zh] heading on line 26, so it is read as part of [languages.zh]
  --> site.toml:35:1
   |
35 | safe_markdown = false
   | ^
  = hint: move the lines of paginate_by, feed_section and safe_markdown up into [site], above the [languages.en] heading on line 24
"#
    );
    let moved = [
        "paginate_by = 20\n",
        "feed_section = \"news\"\n",
        "safe_markdown = false\n",
    ];
    for line in moved {
        site.edit("site.toml", line, "");
    }
    site.edit(
        "site.toml",
        "[languages.en]\n",
        &format!("{}[languages.en]\n", moved.concat()),
    );
    site.assert_fixed("toml-key-misplaced");
}

/// The starter's language block, uncommented where it is, gives a bilingual site that builds.
#[test]
fn starter_language_block_uncommented() {
    let site = Site::starter();
    site.edit("site.toml", LANGUAGES_COMMENTED, LANGUAGES);
    site.assert_fixed("toml-key-misplaced");
    let site_toml = site.read("site.toml");
    let languages = site_toml.find("[languages.en]").unwrap();
    assert!(site_toml.find("safe_markdown").unwrap() < languages);
}

/// A [site] setting written at the end of the file, below [contact].
#[test]
fn site_setting_after_contact() {
    let site = Site::starter();
    site.edit("site.toml", "paginate_by = 20\n", "");
    site.edit(
        "site.toml",
        "email = \"office@example.org\"",
        "email = \"office@example.org\"\npaginate_by = 10",
    );
    assert_eq!(
        site.report("toml-key-misplaced"),
        r#"error[toml-key-misplaced]: `paginate_by` is a [site] setting, but it comes after the [contact] heading on line 160, so it is read as part of [contact]
  --> site.toml:165:1
    |
165 | paginate_by = 10
    | ^
  = hint: move this line up into [site], above the [[menu]] heading on line 41
"#
    );
    site.edit("site.toml", "\npaginate_by = 10", "");
    site.edit("site.toml", "[[menu]]\n", "paginate_by = 10\n[[menu]]\n");
    site.assert_fixed("toml-key-misplaced");
}

/// Three wrong fields in [contact] are reported at once, not one per check.
#[test]
fn contact_fields_all_wrong_at_once() {
    let site = Site::starter();
    site.edit("site.toml", "office = ", "ofice = ");
    site.edit(
        "site.toml",
        "phone = \"+00 000 0000 0000\"",
        "phone = 862400000000",
    );
    site.edit("site.toml", "email = ", "mail = ");
    assert_eq!(
        site.report("toml-unknown-key"),
        r#"error[toml-unknown-key]: unknown key `ofice` in [contact]
  --> site.toml:162:1
    |
162 | ofice = "Investment promotion office"
    | ^
  = hint: did you mean `office`?

error[toml-unknown-key]: unknown key `mail` in [contact]
  --> site.toml:165:1
    |
165 | mail = "office@example.org"
    | ^
  = hint: did you mean `email`?
"#
    );
    assert_eq!(
        site.report("toml-wrong-type"),
        r#"error[toml-wrong-type]: this value should be text in double quotes, but it is the number 862400000000
  --> site.toml:164:9
    |
164 | phone = 862400000000
    |         ^
  = hint: put text in double quotes: phone = "862400000000"
"#
    );
    site.edit("site.toml", "ofice = ", "office = ");
    site.edit(
        "site.toml",
        "phone = 862400000000",
        "phone = \"862400000000\"",
    );
    site.edit("site.toml", "mail = ", "email = ");
    site.assert_fixed("toml-unknown-key");
    site.assert_fixed("toml-wrong-type");
}

/// Chinese punctuation inside quoted text is text, and stays allowed.
#[test]
fn chinese_punctuation_inside_quotes_is_text() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        "title = \"Example Zone\"",
        "title = \"示例园区（一）：“创新”，【新区】\"",
    );
    site.assert_fixed("toml-full-width");
}

/// Several mistakes in site.toml, on lines of their own, are reported at once: a number with a
/// separator, and a phone number and an e-mail address without quotes.
#[test]
fn several_mistakes_in_site_toml_at_once() {
    let site = Site::starter();
    site.edit("site.toml", "value = 1000", "value = 1,000");
    site.edit(
        "site.toml",
        "phone = \"+00 000 0000 0000\"",
        "phone = +86 24 2345 6789",
    );
    site.edit(
        "site.toml",
        "email = \"office@example.org\"",
        "email = office@example.org",
    );
    assert_eq!(
        site.report("toml-number-separator"),
        r#"error[toml-number-separator]: numbers are written without thousands separators
  --> site.toml:98:10
   |
98 | value = 1,000
   |          ^
  = hint: write the digits without commas: value = 1000
"#
    );
    assert_eq!(
        site.report("toml-syntax"),
        r#"error[toml-syntax]: this text is not in double quotes
  --> site.toml:164:9
    |
164 | phone = +86 24 2345 6789
    |         ^
  = hint: text goes in "double quotes": phone = "+86 24 2345 6789"

error[toml-syntax]: this text is not in double quotes
  --> site.toml:165:9
    |
165 | email = office@example.org
    |         ^
  = hint: text goes in "double quotes": email = "office@example.org"
"#
    );
    site.edit("site.toml", "value = 1,000", "value = 1000");
    site.edit(
        "site.toml",
        "phone = +86 24 2345 6789",
        "phone = \"+86 24 2345 6789\"",
    );
    site.edit(
        "site.toml",
        "email = office@example.org",
        "email = \"office@example.org\"",
    );
    site.assert_fixed("toml-syntax");
}

/// A plan's years written as a range of numbers, without quotes.
#[test]
fn period_of_years_without_quotes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"period = "2021-2025""#,
        "period = 2021-2025",
        "toml-syntax",
        r#"error[toml-syntax]: a period is text in double quotes
  --> site.toml:143:10
    |
143 | period = 2021-2025
    |          ^
  = hint: write it in double quotes: period = "2021-2025" (a single year too: period = "2021")
"#,
        r#"period = "2021-2025""#,
    );
}

/// A figure's period written as a date: toml reads a date, which is not a table.
#[test]
fn period_written_as_a_date() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"period = "2023""#,
        "period = 2023-04-13",
        "toml-wrong-type",
        r#"error[toml-wrong-type]: a period is a year or years in double quotes, not a date
  --> site.toml:99:10
   |
99 | period = 2023-04-13
   |          ^
  = hint: write the year: period = "2023"; or, for a count on a given day, write as_of = 2023-04-13 instead
"#,
        r#"period = "2023""#,
    );
}

/// 3,5 written with a decimal comma, as in much of Europe: 3.5, not 35.
#[test]
fn decimal_comma() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = 3,5",
        "toml-number-separator",
        r#"error[toml-number-separator]: a number's decimals come after a full stop, not a comma
  --> site.toml:98:10
   |
98 | value = 3,5
   |          ^
  = hint: write a full stop before the decimals: value = 3.5
"#,
        "value = 3.5",
    );
}

/// A decimal comma in quotes: the hint keeps the decimals.
#[test]
fn quoted_decimal_comma() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        r#"value = "3,5""#,
        "toml-wrong-type",
        r#"error[toml-wrong-type]: this value should be a number, but it is the text "3,5"
  --> site.toml:98:9
   |
98 | value = "3,5"
   |         ^
  = hint: write the number without quotes: value = 3.5
"#,
        "value = 3.5",
    );
}

/// 1.152,5: full stops group the thousands, the comma marks the decimals.
#[test]
fn full_stops_for_thousands_and_a_decimal_comma() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = 1.152,5",
        "toml-number-separator",
        r#"error[toml-number-separator]: numbers are written without thousands separators, and with a full stop before the decimals
  --> site.toml:98:14
   |
98 | value = 1.152,5
   |              ^
  = hint: write the digits together, with a full stop before the decimals: value = 1152.5
"#,
        "value = 1152.5",
    );
}

/// 1，152 with the comma a Chinese input method types.
#[test]
fn chinese_comma_as_thousands_separator() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = 1，152",
        "toml-number-separator",
        r#"error[toml-number-separator]: numbers are written without thousands separators (this one is a Chinese comma ，)
  --> site.toml:98:9
   |
98 | value = 1，152
   |         ^
  = hint: write the digits without commas: value = 1152
"#,
        "value = 1152",
    );
}

/// 1 152, with a space (here a non-breaking one, copied from a report).
#[test]
fn space_as_thousands_separator() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = 1 152",
        "toml-number-separator",
        r#"error[toml-number-separator]: numbers are written without spaces
  --> site.toml:98:9
   |
98 | value = 1 152
   |         ^
  = hint: write the digits together: value = 1152
"#,
        "value = 1152",
    );
}

/// 40% written with its unit.
#[test]
fn percent_sign_in_a_value() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = 40%",
        "toml-number-unit",
        r#"error[toml-number-unit]: a value is the number alone: its unit (%) goes on a line of its own
  --> site.toml:98:9
   |
98 | value = 40%
   |         ^
  = hint: write the number alone: value = 40, and the unit in the figure's unit line: unit = "%"
"#,
        "value = 40\nunit = \"%\"",
    );
}

/// 12.1亿 written with its unit.
#[test]
fn chinese_unit_in_a_value() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = 12.1亿",
        "toml-number-unit",
        r#"error[toml-number-unit]: a value is the number alone: its unit (亿) goes on a line of its own
  --> site.toml:98:13
   |
98 | value = 12.1亿
   |             ^
  = hint: write the number alone: value = 12.1, and the unit in the figure's unit line: unit = "亿"
"#,
        "value = 12.1\nunit = \"亿\"",
    );
}

/// ¥12.1 written with the currency sign.
#[test]
fn currency_sign_in_a_value() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = ¥12.1",
        "toml-number-unit",
        r#"error[toml-number-unit]: a value is the number alone: its unit (yuan) goes on a line of its own
  --> site.toml:98:9
   |
98 | value = ¥12.1
   |         ^
  = hint: write the number alone: value = 12.1, and the unit in the figure's unit line: unit = "yuan"
"#,
        "value = 12.1\nunit = \"yuan\"",
    );
}

/// .5 without its 0.
#[test]
fn decimals_without_a_leading_zero() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "value = 1000",
        "value = .5",
        "toml-syntax",
        r#"error[toml-syntax]: a number starts with a digit
  --> site.toml:98:9
   |
98 | value = .5
   |         ^
  = hint: write a 0 before the full stop: value = 0.5
"#,
        "value = 0.5",
    );
}

/// A phone number starting with 0, without quotes: no parser words in the message.
#[test]
fn phone_number_with_a_leading_zero_without_quotes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"phone = "+00 000 0000 0000""#,
        "phone = 02423456789",
        "toml-syntax",
        r#"error[toml-syntax]: this text is not in double quotes
  --> site.toml:164:9
    |
164 | phone = 02423456789
    |         ^
  = hint: text goes in "double quotes": phone = "02423456789"
"#,
        r#"phone = "02423456789""#,
    );
}

/// yes where true or false is wanted.
#[test]
fn yes_for_true() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "safe_markdown = false",
        "safe_markdown = yes",
        "toml-syntax",
        r#"error[toml-syntax]: a setting that is on or off is written true or false, not yes
  --> site.toml:30:17
   |
30 | safe_markdown = yes
   |                 ^
  = hint: write true or false, without quotes: safe_markdown = true
"#,
        "safe_markdown = true",
    );
}

/// 是 (yes) where true or false is wanted.
#[test]
fn chinese_yes_for_true() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "safe_markdown = false",
        "safe_markdown = 是",
        "toml-syntax",
        r#"error[toml-syntax]: a setting that is on or off is written true or false, not 是
  --> site.toml:30:17
   |
30 | safe_markdown = 是
   |                 ^
  = hint: write true or false, without quotes: safe_markdown = true
"#,
        "safe_markdown = true",
    );
}

/// True with a capital, as a word processor writes it.
#[test]
fn capital_true() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "safe_markdown = false",
        "safe_markdown = True",
        "toml-syntax",
        r#"error[toml-syntax]: a setting that is on or off is written true or false, not True
  --> site.toml:30:17
   |
30 | safe_markdown = True
   |                 ^
  = hint: write true or false, without quotes: safe_markdown = true
"#,
        "safe_markdown = true",
    );
}

/// "true" in quotes.
#[test]
fn true_in_quotes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "safe_markdown = false",
        r#"safe_markdown = "true""#,
        "toml-wrong-type",
        r#"error[toml-wrong-type]: this value should be true or false, but it is the text "true"
  --> site.toml:30:17
   |
30 | safe_markdown = "true"
   |                 ^
  = hint: write true or false, without quotes: safe_markdown = true
"#,
        "safe_markdown = true",
    );
}

/// 30 February: the message names the day that does not exist.
#[test]
fn impossible_day() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = 2021-02-30",
        "toml-bad-date",
        r#"error[toml-bad-date]: there is no 30 February 2021
  --> site.toml:73:8
   |
73 | date = 2021-02-30
   |        ^
  = hint: February 2021 has 28 days: check the day in your source, and write it from 01 to 28
"#,
        "date = 2021-02-28",
    );
}

/// aliases with one address, without the brackets: the hint keeps the address.
#[test]
fn list_written_as_text() {
    let site = Site::starter();
    site.edit(
        "content/profile.md",
        r#"title = "Zone profile""#,
        "title = \"Zone profile\"\naliases = \"/old/\"",
    );
    assert_eq!(
        site.report("toml-wrong-type"),
        r#"error[toml-wrong-type]: this value should be a list in [square brackets], but it is the text "/old/"
  --> content/profile.md:3:11
  |
3 | aliases = "/old/"
  |           ^
  = hint: write a list in square brackets: aliases = ["/old/"]
"#
    );
    site.edit(
        "content/profile.md",
        r#"aliases = "/old/""#,
        r#"aliases = ["/old/"]"#,
    );
    site.assert_fixed("toml-wrong-type");
}

/// [Theme] with a capital: a heading, not a key of the table above.
#[test]
fn unknown_table_heading() {
    let site = Site::starter();
    site.edit("site.toml", "[contact]", "[Theme]\n\n[contact]");
    assert_eq!(
        site.report("toml-unknown-key"),
        r#"error[toml-unknown-key]: there is no [Theme] table
  --> site.toml:161:2
    |
161 | [Theme]
    |  ^
  = hint: did you mean [theme]?
"#
    );
    site.edit("site.toml", "[Theme]", "[theme]");
    site.assert_fixed("toml-unknown-key");
}

/// [colours]: no such table; the hint lists the headings.
#[test]
fn table_heading_that_does_not_exist() {
    let site = Site::starter();
    site.edit("site.toml", "[contact]", "[colours]\n\n[contact]");
    assert_eq!(
        site.report("toml-unknown-key"),
        r#"error[toml-unknown-key]: there is no [colours] table
  --> site.toml:161:2
    |
161 | [colours]
    |  ^
  = hint: the headings are: [site], [[menu]], [zone], [[sources]], [[figures]], [[institutions]], [[industries]], [parks], [[plans]], [contact], [[charts]], [languages.…], [theme], [publish], [search], [pictures]
"#
    );
    site.edit("site.toml", "[colours]", "[theme]");
    site.assert_fixed("toml-unknown-key");
}

/// [contact] twice.
#[test]
fn heading_written_twice() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        r#"email = "office@example.org""#,
        "email = \"office@example.org\"\n\n[contact]\nenquiry_url = \"https://example.org/ask\"",
    );
    assert_eq!(
        site.report("toml-duplicate-key"),
        r#"error[toml-duplicate-key]: the heading [contact] appears twice in site.toml
  --> site.toml:167:2
    |
167 | [contact]
    |  ^
  = hint: keep one and put all its lines under it
"#
    );
    site.edit("site.toml", "\n\n[contact]\nenquiry_url", "\nenquiry_url");
    site.assert_fixed("toml-duplicate-key");
}

/// `source` under [contact]: several tables take it, so none is guessed.
#[test]
fn key_of_several_tables_under_another_heading() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        r#"office = "Investment promotion office""#,
        "office = \"Investment promotion office\"\nsource = \"main_source\"",
    );
    assert_eq!(
        site.report("toml-key-misplaced"),
        r#"error[toml-key-misplaced]: `source` is not a setting of [contact]: it belongs under a heading such as [zone], [parks], [[figures]], [[institutions]], [[industries]] or [[plans]]
  --> site.toml:163:1
    |
163 | source = "main_source"
    | ^
  = hint: move this line under the heading it belongs to
"#
    );
    site.edit("site.toml", "\nsource = \"main_source\"", "");
    site.assert_fixed("toml-key-misplaced");
}

/// A phone number whose closing quote the input method typed as ”.
#[test]
fn curly_closing_quote() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"phone = "+00 000 0000 0000""#,
        r#"phone = "+86 24 2345 6789”"#,
        "toml-full-width",
        r#"error[toml-full-width]: this text ends with a Chinese quotation mark ” instead of a straight quote "
  --> site.toml:164:27
    |
164 | phone = "+86 24 2345 6789”
    |                           ^
  = hint: type straight quotes "..." (switch the input method to English punctuation): phone = "+86 24 2345 6789"
"#,
        r#"phone = "+86 24 2345 6789""#,
    );
}

/// 2026－11－20 with full-width hyphens.
#[test]
fn full_width_hyphens_in_a_date() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "date = 2024-01-31",
        "date = 2026－11－20",
        "toml-full-width",
        r#"error[toml-full-width]: site.toml cannot read a full-width hyphen － outside of quoted text
  --> site.toml:73:12
   |
73 | date = 2026－11－20
   |            ^
  = hint: type - (switch the input method to English punctuation): date = 2026-11-20
"#,
        "date = 2026-11-20",
    );
}

/// A story's date in full-width digits: the front matter gets the same hint as site.toml.
#[test]
fn full_width_digits_in_front_matter() {
    let site = Site::starter();
    site.mistake(
        "content/news/first-story.md",
        "date = 2024-01-31",
        "date = ２０２６-１１-２０",
        "toml-full-width",
        r#"error[toml-full-width]: the front matter cannot read full-width digits ０１２３ outside of quoted text
  --> content/news/first-story.md:5:8
  |
5 | date = ２０２６-１１-２０
  |        ^
  = hint: type the digits 0-9 (switch the input method to half-width characters): date = 2026-11-20
"#,
        "date = 2026-11-20",
    );
}

/// Texts per language between Chinese brackets （ ） instead of braces.
#[test]
fn chinese_brackets_for_braces() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"title = "Example Zone""#,
        r#"title = （ en = "Example Zone", zh = "示例园区" ）"#,
        "toml-full-width",
        r#"error[toml-full-width]: site.toml cannot read Chinese brackets （ ） outside of quoted text
  --> site.toml:16:9
   |
16 | title = （ en = "Example Zone", zh = "示例园区" ）
   |         ^
  = hint: texts per language go between braces { } (switch the input method to English punctuation): title = { en = "Example Zone", zh = "示例园区" }
"#,
        r#"title = { en = "Example Zone", zh = "示例园区" }"#,
    );
}

/// A text broken over two lines: the mistake is the line with the opening quote.
#[test]
fn text_running_onto_the_next_line() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"description = "Facts and figures on the Example Zone: research, industry and news.""#,
        "description = \"Facts and figures\non the Example Zone: research, industry and news.\"",
        "toml-syntax",
        r#"error[toml-syntax]: this text has no closing quote
  --> site.toml:18:15
   |
18 | description = "Facts and figures
   |               ^
  = hint: a text in "double quotes" stays on one line: join the two lines: description = "Facts and figures on the Example Zone: research, industry and news."
"#,
        r#"description = "Facts and figures on the Example Zone: research, industry and news.""#,
    );
}

/// The Chinese title written under [languages.zh]: moving it to [site] would write `title`
/// twice; a text per language is one line of [site].
#[test]
fn chinese_title_under_the_language_heading() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        LANGUAGES_COMMENTED,
        &format!("{LANGUAGES}\ntitle = \"示例园区\""),
    );
    assert_eq!(
        site.report("toml-key-misplaced"),
        r#"error[toml-key-misplaced]: `title` is not a setting of [languages.zh]: a text in several languages is written once, in [site]
  --> site.toml:40:1
   |
40 | title = "示例园区"
   | ^
  = hint: delete this line, and write the title line of [site] with a text per language: title = { en = "Example Zone", zh = "示例园区" }
"#
    );
    site.edit("site.toml", "\ntitle = \"示例园区\"", "");
    site.edit(
        "site.toml",
        r#"title = "Example Zone""#,
        r#"title = { en = "Example Zone", zh = "示例园区" }"#,
    );
    site.assert_fixed("toml-key-misplaced");
}

/// A date where a text is wanted: it was taken as a text per language with a strange key, and
/// published without a word; it is named a date now, not "a table".
#[test]
fn date_where_a_text_is_wanted() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        r#"title = "Example Zone""#,
        "title = 2021-04-13",
        "toml-wrong-type",
        r#"error[toml-wrong-type]: this value should be text in double quotes, but it is a date
  --> site.toml:16:9
   |
16 | title = 2021-04-13
   |         ^
  = hint: put text in double quotes: title = "2021-04-13"
"#,
        r#"title = "2021-04-13""#,
    );
}

/// The Chinese title written under [languages.zh] of a site whose title is per language already:
/// adding `zh = ...` to the braces would write `zh` twice.
#[test]
fn chinese_title_under_the_language_heading_of_a_bilingual_site() {
    let site = Site::example();
    site.mistake(
        "site.toml",
        "name = \"中文\"\n",
        "name = \"中文\"\ntitle = \"沈阳高新技术产业开发区\"\n",
        "toml-key-misplaced",
        r#"error[toml-key-misplaced]: `title` is not a setting of [languages.zh]: a text in several languages is written once, in [site]
  --> site.toml:46:1
   |
46 | title = "沈阳高新技术产业开发区"
   | ^
  = hint: delete this line: the title line of [site] has a zh text already; if these words are meant instead, write them there: zh = "沈阳高新技术产业开发区"
"#,
        "name = \"中文\"\n",
    );
}

/// The English title written under the default language's own heading.
#[test]
fn title_under_the_default_language_heading() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        LANGUAGES_COMMENTED,
        &LANGUAGES.replace(
            "name = \"English\"",
            "name = \"English\"\ntitle = \"Harbour Zone\"",
        ),
    );
    assert_eq!(
        site.report("toml-key-misplaced"),
        r#"error[toml-key-misplaced]: `title` is not a setting of [languages.en]: a text in several languages is written once, in [site]
  --> site.toml:37:1
   |
37 | title = "Harbour Zone"
   | ^
  = hint: delete this line, and write these words in the title line of [site]: title = "Harbour Zone"
"#
    );
    site.edit("site.toml", "\ntitle = \"Harbour Zone\"", "");
    site.edit(
        "site.toml",
        r#"title = "Example Zone""#,
        r#"title = "Harbour Zone""#,
    );
    site.assert_fixed("toml-key-misplaced");
}

/// A phone number with a hyphen, without quotes: the parser starts reading a date, but it is a
/// text (the hint said to write a date).
#[test]
fn phone_with_a_hyphen_without_quotes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "phone = \"+00 000 0000 0000\"",
        "phone = 024-12345678",
        "toml-syntax",
        r#"error[toml-syntax]: this text is not in double quotes
  --> site.toml:164:9
    |
164 | phone = 024-12345678
    |         ^
  = hint: text goes in "double quotes": phone = "024-12345678"
"#,
        "phone = \"024-12345678\"",
    );
}

/// A title that starts like a date, without quotes.
#[test]
fn title_starting_like_a_date_without_quotes() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "title = \"Example Zone\"",
        "title = 2024-03 results",
        "toml-syntax",
        r#"error[toml-syntax]: this text is not in double quotes
  --> site.toml:16:9
   |
16 | title = 2024-03 results
   |         ^
  = hint: text goes in "double quotes": title = "2024-03 results"
"#,
        "title = \"2024-03 results\"",
    );
}

/// A no-break space pasted from a web page between a key and its `=`: the line looks right.
#[test]
fn no_break_space_pasted_before_the_equals_sign() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "paginate_by = 20",
        "paginate_by\u{a0}= 20",
        "toml-full-width",
        "error[toml-full-width]: site.toml cannot read a no-break space outside of quoted text
  --> site.toml:25:12
   |
25 | paginate_by\u{a0}= 20
   |            ^
  = hint: delete the spaces here and type ordinary ones (it comes with text pasted from a web page or WeChat): paginate_by = 20
",
        "paginate_by = 20",
    );
}

/// `[figures]` with one bracket where each figure starts with `[[figures]]`: not "twice".
#[test]
fn list_heading_with_one_bracket() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "[[figures]]\nid = \"research_institutions\"",
        "[figures]\nid = \"research_institutions\"",
        "toml-duplicate-key",
        "error[toml-duplicate-key]: [figures] has one bracket on each side, but each entry of this list starts with [[figures]], with two
  --> site.toml:103:2
    |
103 | [figures]
    |  ^
  = hint: write the heading with two brackets on each side: [[figures]]
",
        "[[figures]]\nid = \"research_institutions\"",
    );
}

/// The whole per-language title moved under `[languages.zh]`: it goes back into [site].
#[test]
fn per_language_title_moved_under_the_language_heading() {
    let site = Site::example();
    let title = "title = { en = \"Shenyang High-Tech Zone\", zh = \"沈阳高新区\" }\n";
    site.edit("site.toml", title, "");
    site.edit(
        "site.toml",
        "name = \"中文\"\n",
        &format!("name = \"中文\"\n{title}"),
    );
    assert_eq!(
        site.report("toml-key-misplaced"),
        r#"error[toml-key-misplaced]: `title` is not a setting of [languages.zh]: a text in several languages is written once, in [site]
  --> site.toml:45:1
   |
45 | title = { en = "Shenyang High-Tech Zone", zh = "沈阳高新区" }
   | ^
  = hint: move this line up into [site]
"#
    );
    site.edit("site.toml", title, "");
    site.edit("site.toml", "[site]\n", &format!("[site]\n{title}"));
    site.assert_fixed("toml-key-misplaced");
}

/// "About 40" typed into the value: the number alone, and approximate = true.
#[test]
fn value_written_as_about_a_number() {
    for about in ["~40", "about 40", "约40"] {
        let site = Site::starter();
        site.mistake(
            "site.toml",
            "value = 1000\n",
            &format!("value = {about}\n"),
            "toml-number-unit",
            &format!(
                "error[toml-number-unit]: a value is the number alone: that it is approximate is said with approximate = true
  --> site.toml:98:9
   |
98 | value = {about}
   |         ^
  = hint: write the number alone, and below it the line approximate = true (the site then says \"about\"): value = 40
"
            ),
            "value = 40\napproximate = true\n",
        );
    }
}

/// A quotation typed with straight quotes inside a text (“十四五” as "十四五") ends the text early.
#[test]
fn quotation_marks_inside_a_text() {
    Site::example().mistake(
        "content/profile.zh.md",
        "description = \"沈阳高新区简介",
        "description = \"沈阳高新区\"十四五\"简介",
        "toml-syntax",
        r#"error[toml-syntax]: a quotation mark inside this text ends it early
  --> content/profile.zh.md:3:22
  |
3 | description = "沈阳高新区"十四五"简介：发展历程、功能定位、高校和科研院所、科研优势与发展规划。"
  |                           ^
  = hint: write the quotation marks inside a text as “ ” (the Chinese input method gives them): description = "沈阳高新区“十四五”简介：发展历程、功能定位、高校和科研院所、科研优势与发展规划。"
"#,
        "description = \"沈阳高新区“十四五”简介",
    );
}
