//! Saying when a figure applies, how it is counted and how approximate it is, as the source
//! does: a figure dated twice or otherwise than its source, a measure word in the wrong place, a
//! source's language written as a word, "about" written before an approximate figure.

use crate::Site;

#[test]
fn figure_dated_twice() {
    Site::example().mistake(
        "site.toml",
        "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13",
        "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13\nas_of = 2020-12-31",
        "figure-period-and-date",
        r#"error[figure-period-and-date]: figure `industrial_parks` says when it applies twice: it has both `as_of` and `as_reported`
  --> site.toml:238:1
    |
238 | [[figures]]
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
  --> site.toml:238:1
    |
238 | [[figures]]
    | ^
  = hint: write the Chinese measure word of what is counted, for example measure_word = "家" (institutions, companies), "项" (contracts, patents) or "个" (parks, centres); English shows the number alone
"#,
        "value = 12\nmeasure_word = \"个\"",
    );
}

#[test]
fn measure_word_written_with_its_number() {
    Site::example().mistake(
        "site.toml",
        "value = 12\nmeasure_word = \"个\"",
        "value = 12\nmeasure_word = \"12个\"",
        "figure-measure-word",
        r#"error[figure-measure-word]: the measure word of figure `industrial_parks` is `12个`: a measure word is the one Chinese word written after the number, without numbers, brackets or punctuation
  --> site.toml:238:1
    |
238 | [[figures]]
    | ^
  = hint: write measure_word = "个"
"#,
        "value = 12\nmeasure_word = \"个\"",
    );
}

#[test]
fn source_dated_by_a_country_code() {
    Site::example().mistake(
        "site.toml",
        "language = \"en\"\ndate",
        "language = \"cn\"\ndate",
        "source-language-invalid",
        r#"error[source-language-invalid]: `cn` is the code of a country, not of a language
  --> site.toml:89:12
   |
89 | language = "cn"
   |            ^
  = hint: write the language's code: language = "zh"
"#,
        "language = \"zh\"\ndate",
    );
}

#[test]
fn reported_on_another_day_than_the_source() {
    Site::example().mistake(
        "site.toml",
        "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13",
        "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-20",
        "figure-source-date",
        r#"warning[figure-source-date]: figure `industrial_parks` is dated as reported on 2021-04-20, but its source `china_daily_2021` was published on 2021-04-13
  --> site.toml:238:1
    |
238 | [[figures]]
    | ^
  = hint: as_reported is the day the source reported the figure: write as_reported = 2021-04-13
"#,
        "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13",
    );
}

#[test]
fn counted_after_the_source_was_published() {
    Site::example().mistake(
        "site.toml",
        "# \"through the end of 2020\"\nas_of = 2020-12-31",
        "# \"through the end of 2020\"\nas_of = 2021-12-31",
        "figure-source-date",
        r#"warning[figure-source-date]: figure `high_tech_companies_served` applies to a time after its source `china_daily_2021` was published (2021-04-13): a source cannot report what had not happened yet
  --> site.toml:188:1
    |
188 | [[figures]]
    | ^
  = hint: correct the date or period; a figure from a later publication names that publication: source = "<its id>"
"#,
        "# \"through the end of 2020\"\nas_of = 2020-12-31",
    );
}

#[test]
fn year_span_typed_with_a_dash_is_read() {
    // Word writes 2021–2025 with an en dash; the site reads it as the span it is.
    let site = Site::example();
    site.edit("site.toml", "period = \"2020\"", "period = \"2019–2020\"");
    let errors: Vec<_> = site
        .check()
        .into_iter()
        .filter(|d| d.severity == zonesite::diagnostic::Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "{}",
        zonesite::diagnostic::render_all(&errors)
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
  --> site.toml:204:1
    |
204 | [[figures]]
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
  --> site.toml:89:12
   |
89 | language = "English"
   |            ^
  = hint: write the code of the language the source is written in, for example: language = "en" (English) or language = "zh" (Chinese)
"#,
        "language = \"en\"\ndate",
    );
}

#[test]
fn about_written_before_an_approximate_figure() {
    Site::example().mistake(
        "content/news/2020-results.md",
        ", {{ fact contract_turnover_city_share }}",
        ", about {{ fact contract_turnover_city_share }}",
        "fact-about-twice",
        r#"warning[fact-about-twice]: “about” comes twice: figure `contract_turnover_city_share` is approximate, and the site shows it as “about 40%” already
  --> content/news/2020-results.md:12:66
   |
12 | Their turnover came to {{ fact contract_turnover with source }}, about {{ fact contract_turnover_city_share }}
   |                                                                  ^
  = hint: delete “about” before {{ fact contract_turnover_city_share }}
"#,
        ", {{ fact contract_turnover_city_share }}",
    );
}

#[test]
fn yue_written_before_an_approximate_figure() {
    Site::example().mistake(
        "content/news/2020-results.zh.md",
        "成交额的比重{{ fact contract_turnover_city_share }}。",
        "成交额的比重约{{ fact contract_turnover_city_share }}。",
        "fact-about-twice",
        r#"warning[fact-about-twice]: “约” comes twice: figure `contract_turnover_city_share` is approximate, and the site shows it as “约40%” already
  --> content/news/2020-results.zh.md:6:167
  |
6 | …ts }}，占全市技术合同总数的{{ fact technology_contracts_city_share }}；技术合同成交额{{ fact contract_turnover with source }}，占全市技术合同成交额的比重约{{ fact contract_turnover_city_share }}。
  |                                                                                                                                                           ^
  = hint: delete “约” before {{ fact contract_turnover_city_share }}
"#,
        "成交额的比重{{ fact contract_turnover_city_share }}。",
    );
}

#[test]
fn measure_word_typed_after_a_figure_that_has_it() {
    Site::example().mistake(
        "content/news/2020-results.zh.md",
        "区内共有科研机构{{ fact research_institutions }}，",
        "区内共有{{ fact research_institutions }}家科研机构，",
        "fact-unit-twice",
        r#"warning[fact-unit-twice]: “家” comes twice: the site shows figure `research_institutions` as “272家”, with its “家” already
  --> content/news/2020-results.zh.md:8:53
  |
8 | 该报道还介绍了高新区的科研基础：区内共有{{ fact research_institutions }}家科研机构，其中重点实验室{{ fact key_laboratories }}、创新中心{{ fact innovation_centres }}、企业技术中心{{ fact enterprise_technology_centres }…
  |                                                                         ^
  = hint: delete “家” after {{ fact research_institutions }}
"#,
        "区内共有科研机构{{ fact research_institutions }}，",
    );
}

#[test]
fn unit_typed_after_a_figure_that_has_it() {
    Site::example().mistake(
        "content/news/2020-results.md",
        "{{ fact contract_turnover with source }},",
        "{{ fact contract_turnover with source }} yuan,",
        "fact-unit-twice",
        r#"warning[fact-unit-twice]: “yuan” comes twice: the site shows figure `contract_turnover` as “12.1 billion yuan”, with its “yuan” already
  --> content/news/2020-results.md:12:65
   |
12 | Their turnover came to {{ fact contract_turnover with source }} yuan, {{ fact contract_turnover_city_share }}
   |                                                                 ^
  = hint: delete “yuan” after {{ fact contract_turnover }}
"#,
        "{{ fact contract_turnover with source }},",
    );
}
