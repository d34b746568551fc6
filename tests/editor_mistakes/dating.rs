//! Saying when a figure applies and how it is counted: a figure dated twice, a measure word in
//! the wrong place, a source's language written as a word.

use crate::Site;

#[test]
fn figure_dated_twice() {
    Site::example().mistake(
        "site.toml",
        "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13",
        "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13\nas_of = 2020-12-31",
        "figure-period-and-date",
        r#"error[figure-period-and-date]: figure `industrial_parks` says when it applies twice: it has both `as_of` and `as_reported`
  --> site.toml:231:1
    |
231 | [[figures]]
    | ^
  = hint: keep one: period for a year or a span of years, as_of for the day a count was taken, as_reported for the day the source reported a count it gives no date for
"#,
        "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13",
    );
}

#[test]
fn measure_word_written_in_english() {
    Site::example().mistake(
        "site.toml",
        "value = 12\nmeasure_word = \"个\"",
        "value = 12\nmeasure_word = \"parks\"",
        "figure-measure-word",
        r#"error[figure-measure-word]: the measure word `parks` of figure `industrial_parks` is not Chinese: a measure word is the word Chinese writes after a count, like 家, 项 or 个
  --> site.toml:231:1
    |
231 | [[figures]]
    | ^
  = hint: for a unit shown in every language write unit = "parks" instead of measure_word
"#,
        "value = 12\nunit = \"parks\"",
    );
}

#[test]
fn measure_word_beside_a_unit() {
    Site::example().mistake(
        "site.toml",
        "measure_word = \"项\"",
        "measure_word = \"项\"\nunit = \"contracts\"",
        "figure-measure-word",
        r#"error[figure-measure-word]: figure `technology_contracts` has both a unit and a measure word `项`: a measure word is only shown after a count without a unit
  --> site.toml:197:1
    |
197 | [[figures]]
    | ^
  = hint: keep one: for an amount in a unit delete the measure_word line; for a count delete the unit line
"#,
        "measure_word = \"项\"",
    );
}

#[test]
fn source_language_written_as_a_word() {
    Site::example().mistake(
        "site.toml",
        "language = \"en\"\ndate",
        "language = \"English\"\ndate",
        "source-language-invalid",
        r#"error[source-language-invalid]: `English` is not a language code
  --> site.toml:82:12
   |
82 | language = "English"
   |            ^
  = hint: write the code of the language the source is written in, for example: language = "en" (English) or language = "zh" (Chinese)
"#,
        "language = \"en\"\ndate",
    );
}
