//! Mistakes in TOML (site.toml and the front matter of pages): the hint names the real mistake
//! (a date written as people write it, a thousands separator, Chinese punctuation, a key under the
//! wrong heading), and every wrong key or value of site.toml is reported at once.

use crate::Site;

/// A figure's value typed as it is printed, with a comma.
#[test]
fn number_with_a_thousands_separator() {
    let site = Site::starter();
    site.edit("site.toml", "value = 1000", "value = 1,000");
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
    site.edit("site.toml", "value = 1,000", "value = 1000");
    site.assert_fixed("toml-number-separator");
}

/// A figure's value in quotes, with a comma.
#[test]
fn quoted_number_with_a_separator() {
    let site = Site::starter();
    site.edit("site.toml", "value = 1000", r#"value = "1,000""#);
    assert_eq!(
        site.report("toml-wrong-type"),
        r#"error[toml-wrong-type]: this value should be a number, but it is the text "1,000"
  --> site.toml:98:9
   |
98 | value = "1,000"
   |         ^
  = hint: write the number without quotes: value = 1000
"#
    );
    site.edit("site.toml", r#"value = "1,000""#, "value = 1000");
    site.assert_fixed("toml-wrong-type");
}

/// A source's date written day/month/year; the day (31) cannot be a month.
#[test]
fn date_day_first_with_slashes() {
    let site = Site::starter();
    site.edit("site.toml", "date = 2024-01-31", "date = 31/01/2024");
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: site.toml cannot read the date 31/01/2024
  --> site.toml:73:8
   |
73 | date = 31/01/2024
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#
    );
    site.edit("site.toml", "date = 31/01/2024", "date = 2024-01-31");
    site.assert_fixed("toml-bad-date");
}

/// 04/05/2024 is 4 May or 5 April: the hint gives both and the editor picks.
#[test]
fn date_that_could_be_either_way_round() {
    let site = Site::starter();
    site.edit("site.toml", "date = 2024-01-31", "date = 04/05/2024");
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: site.toml cannot read the date 04/05/2024
  --> site.toml:73:8
   |
73 | date = 04/05/2024
   |        ^
  = hint: a date is written year-month-day; 04/05/2024 could be 4 May 2024 or 5 April 2024: write date = 2024-05-04 for 4 May 2024, or date = 2024-04-05 for 5 April 2024
"#
    );
    site.edit("site.toml", "date = 04/05/2024", "date = 2024-05-04");
    site.assert_fixed("toml-bad-date");
}

/// 2024/1/31, as Chinese offices often write it.
#[test]
fn date_year_first_with_slashes() {
    let site = Site::starter();
    site.edit("site.toml", "date = 2024-01-31", "date = 2024/1/31");
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: site.toml cannot read the date 2024/1/31
  --> site.toml:73:8
   |
73 | date = 2024/1/31
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#
    );
    site.edit("site.toml", "date = 2024/1/31", "date = 2024-01-31");
    site.assert_fixed("toml-bad-date");
}

/// 31-01-2024.
#[test]
fn date_day_first_with_hyphens() {
    let site = Site::starter();
    site.edit("site.toml", "date = 2024-01-31", "date = 31-01-2024");
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: site.toml cannot read the date 31-01-2024
  --> site.toml:73:8
   |
73 | date = 31-01-2024
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#
    );
    site.edit("site.toml", "date = 31-01-2024", "date = 2024-01-31");
    site.assert_fixed("toml-bad-date");
}

/// 2024年1月31日.
#[test]
fn date_in_chinese() {
    let site = Site::starter();
    site.edit("site.toml", "date = 2024-01-31", "date = 2024年1月31日");
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: site.toml cannot read the date 2024年1月31日
  --> site.toml:73:8
   |
73 | date = 2024年1月31日
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#
    );
    site.edit("site.toml", "date = 2024年1月31日", "date = 2024-01-31");
    site.assert_fixed("toml-bad-date");
}

/// January 31, 2024.
#[test]
fn date_with_the_month_in_words() {
    let site = Site::starter();
    site.edit("site.toml", "date = 2024-01-31", "date = January 31, 2024");
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: site.toml cannot read the date January 31, 2024
  --> site.toml:73:18
   |
73 | date = January 31, 2024
   |                  ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#
    );
    site.edit("site.toml", "date = January 31, 2024", "date = 2024-01-31");
    site.assert_fixed("toml-bad-date");
}

/// 2024-1-31: year-month-day, but the month needs two digits.
#[test]
fn date_without_leading_zeros() {
    let site = Site::starter();
    site.edit("site.toml", "date = 2024-01-31", "date = 2024-1-31");
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: site.toml cannot read the date 2024-1-31
  --> site.toml:73:8
   |
73 | date = 2024-1-31
   |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#
    );
    site.edit("site.toml", "date = 2024-1-31", "date = 2024-01-31");
    site.assert_fixed("toml-bad-date");
}

/// A count on a given day, its date in quotes: the hint names `as_of`, not `date`.
#[test]
fn as_of_date_in_quotes() {
    let site = Site::starter();
    site.edit("site.toml", r#"period = "2023""#, r#"as_of = "2023-12-31""#);
    assert_eq!(
        site.report("toml-wrong-type"),
        r#"error[toml-wrong-type]: this value should be a date, but it is the text "2023-12-31"
  --> site.toml:99:9
   |
99 | as_of = "2023-12-31"
   |         ^
  = hint: a date is written year-month-day without quotes: as_of = 2023-12-31 (31 December 2023)
"#
    );
    site.edit("site.toml", r#"as_of = "2023-12-31""#, "as_of = 2023-12-31");
    site.assert_fixed("toml-wrong-type");
}

/// A story's date in the front matter, written day/month/year: the same hint as in site.toml.
#[test]
fn page_date_day_first() {
    let site = Site::starter();
    site.edit(
        "content/news/first-story.md",
        "date = 2024-01-31",
        "date = 31/01/2024",
    );
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: the front matter cannot read the date 31/01/2024
  --> content/news/first-story.md:5:8
  |
5 | date = 31/01/2024
  |        ^
  = hint: a date is written year-month-day: date = 2024-01-31 (31 January 2024)
"#
    );
    site.edit(
        "content/news/first-story.md",
        "date = 31/01/2024",
        "date = 2024-01-31",
    );
    site.assert_fixed("toml-bad-date");
}

/// A Chinese input method types “ ” for quotes.
#[test]
fn chinese_quotation_marks() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        r#"title = "Example Zone""#,
        "title = “Example Zone”",
    );
    assert_eq!(
        site.report("toml-full-width"),
        r#"error[toml-full-width]: site.toml cannot read Chinese quotation marks “ ” outside of quoted text
  --> site.toml:16:9
   |
16 | title = “Example Zone”
   |         ^
  = hint: type straight quotes "..." (switch the input method to English punctuation): title = "Example Zone"
"#
    );
    site.edit(
        "site.toml",
        "title = “Example Zone”",
        r#"title = "Example Zone""#,
    );
    site.assert_fixed("toml-full-width");
}

/// ＝ typed by a Chinese input method.
#[test]
fn full_width_equals_sign() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        r#"title = "Example Zone""#,
        r#"title ＝ "Example Zone""#,
    );
    assert_eq!(
        site.report("toml-full-width"),
        r#"error[toml-full-width]: site.toml cannot read a full-width equals sign ＝ outside of quoted text
  --> site.toml:16:7
   |
16 | title ＝ "Example Zone"
   |       ^
  = hint: type = (switch the input method to English punctuation): title = "Example Zone"
"#
    );
    site.edit(
        "site.toml",
        r#"title ＝ "Example Zone""#,
        r#"title = "Example Zone""#,
    );
    site.assert_fixed("toml-full-width");
}

/// A key and value joined by ： with “ ” quotes; the Chinese comma inside the text stays.
#[test]
fn chinese_colon_and_quotes() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        r#"title = "Example Zone""#,
        "title：“示例，园区”",
    );
    assert_eq!(
        site.report("toml-full-width"),
        r#"error[toml-full-width]: site.toml cannot read a Chinese colon ： outside of quoted text
  --> site.toml:16:6
   |
16 | title：“示例，园区”
   |      ^
  = hint: write = between the key and its value (switch the input method to English punctuation): title="示例，园区"
"#
    );
    site.edit("site.toml", "title：“示例，园区”", r#"title="示例，园区""#);
    site.assert_fixed("toml-full-width");
}

/// A number typed with the input method in full-width mode.
#[test]
fn full_width_digits() {
    let site = Site::starter();
    site.edit("site.toml", "value = 1000", "value = １０００");
    assert_eq!(
        site.report("toml-full-width"),
        r#"error[toml-full-width]: site.toml cannot read full-width digits ０１２３ outside of quoted text
  --> site.toml:98:9
   |
98 | value = １０００
   |         ^
  = hint: type the digits 0-9 (switch the input method to half-width characters): value = 1000
"#
    );
    site.edit("site.toml", "value = １０００", "value = 1000");
    site.assert_fixed("toml-full-width");
}

/// 【site】 for [site].
#[test]
fn chinese_brackets_in_a_heading() {
    let site = Site::starter();
    site.edit("site.toml", "[site]\n", "【site】\n");
    assert_eq!(
        site.report("toml-full-width"),
        r#"error[toml-full-width]: site.toml cannot read Chinese brackets 【 】 outside of quoted text
  --> site.toml:14:1
   |
14 | 【site】
   | ^
  = hint: type [ ] (switch the input method to English punctuation): [site]
"#
    );
    site.edit("site.toml", "【site】\n", "[site]\n");
    site.assert_fixed("toml-full-width");
}

/// Chinese text without quotes.
#[test]
fn text_without_quotes() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        r#"title = "Example Zone""#,
        "title = 示例园区（一）",
    );
    assert_eq!(
        site.report("toml-syntax"),
        r#"error[toml-syntax]: site.toml is not valid TOML: string values must be quoted, expected literal string
  --> site.toml:16:9
   |
16 | title = 示例园区（一）
   |         ^
  = hint: text goes in "double quotes": title = "示例园区（一）"
"#
    );
    site.edit(
        "site.toml",
        "title = 示例园区（一）",
        r#"title = "示例园区（一）""#,
    );
    site.assert_fixed("toml-syntax");
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
        r#"error[toml-syntax]: site.toml is not valid TOML: string values must be quoted, expected literal string
  --> site.toml:164:9
    |
164 | phone = +86 24 2345 6789
    |         ^
  = hint: text goes in "double quotes": phone = "+86 24 2345 6789"

error[toml-syntax]: site.toml is not valid TOML: string values must be quoted, expected literal string
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
