//! The fact sheet as the single source of truth, on a clearly fictional fixture zone: facts in
//! prose, charts of every kind, open data, industry pages, and every fact-sheet check.

mod common;

use std::path::Path;

use tempfile::TempDir;

/// The fixture site with `edits` applied: (file, text to find, replacement).
fn site_with(edits: &[(&str, &str, &str)]) -> TempDir {
    let site = common::fixture("facts", "base");
    common::edit(site.path(), edits);
    site
}

/// Builds a site into `<site>/public` and returns the output folder.
fn build(site: &Path) -> std::path::PathBuf {
    let options = zonesite::BuildOptions {
        root: site.to_path_buf(),
        ..Default::default()
    };
    if let Err(e) = zonesite::build(&options) {
        panic!("the fixture should build: {e}");
    }
    options.output_dir()
}

fn fails(edits: &[(&str, &str, &str)], expected: &str) {
    let site = site_with(edits);
    assert_eq!(common::errors(site.path()), expected);
}

/// The `<figure>` of chart `id` on a built page.
fn chart_figure(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("<figure class=\"chart\" id=\"chart-{id}\">"))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let end = start + html[start..].find("</figure>").unwrap() + "</figure>".len();
    html[start..end].to_owned()
}

/// Compares with `tests/snapshots/<name>`; `UPDATE_SNAPSHOTS=1` rewrites the file instead.
fn assert_snapshot(name: &str, actual: &str) {
    let path = common::repo().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1)", path.display()));
    assert_eq!(actual, expected, "snapshot {name} differs");
}

#[test]
fn each_chart_kind_matches_its_snapshot() {
    let site = site_with(&[]);
    let out = build(site.path());
    let html = common::read(&out, "statistics/index.html");
    for (kind, id) in [
        ("breakdown", "firm_types"),
        ("bars", "labs_and_makers"),
        ("shares", "shares"),
        ("series", "revenue_growth"),
    ] {
        assert_snapshot(&format!("chart-{kind}.html"), &chart_figure(&html, id));
    }
}

#[test]
fn charts_are_accessible_figures_with_their_data() {
    let site = site_with(&[]);
    let out = build(site.path());
    let figure = chart_figure(&common::read(&out, "statistics/index.html"), "firm_types");
    // The remainder is derived, labelled in words, and the table has the total.
    assert!(figure.contains("<tr class=\"derived\"><th scope=\"row\">Other<span class=\"note\"> (calculated: 4,321 minus the two named groups)</span></th> <td class=\"num\">2,221</td></tr>"));
    assert!(figure.contains(
        "<tfoot><tr><th scope=\"row\">Firms in the zone (total)</th> <td class=\"num\">4,321</td>"
    ));
    assert!(figure.contains("role=\"img\" aria-label=\"Software firms are the largest group. Software firms: 1,200; Hardware firms: 900; Other (calculated: 4,321 minus the two named groups): 2,221.\""));
    assert!(figure.contains("<figcaption><span class=\"chart-title\">Software firms are the largest group</span> <span class=\"chart-subtitle\">Firms in the zone: 4,321 in total, 2021</span></figcaption>"));
    assert!(figure.contains("<a href=\"/data/firm_types.csv\" download>"));
    // Colours come from the stylesheet (classes), so dark mode and palettes reach the chart.
    assert!(!figure.contains("fill=\""));
}

#[test]
fn facts_in_prose_are_formatted_and_cited() {
    let site = site_with(&[]);
    let out = build(site.path());
    let stats = common::read(&out, "statistics/index.html");
    // The notes go after the sentence, not glued to the numbers they cite ("4,321¹").
    assert!(stats.contains("Of 4,321 firms, 1,200 write software; 12% of the region’s patents come from here.<sup class=\"cite\"><a href=\"#source-1\" aria-label=\"source 1\">1</a>,<a href=\"#source-2\" aria-label=\"source 2\">2</a></sup></p>"));
    assert!(
        stats.contains("Revenue reached 11 billion yuan (about US$1.70 billion)")
            || stats.contains("Revenue reached 11 billion yuan (about US$1.7 billion)")
    );
    assert!(stats.contains(
        "<li id=\"source-2\">Imaginary Survey Ltd, “Survey of nowhere”, 30 June 2021</li>"
    ));
    let robotics = common::read(&out, "industries/robotics/index.html");
    assert!(robotics.contains("Robots are made here by 57 companies."));
}

#[test]
fn every_industry_record_has_a_page() {
    let site = site_with(&[]);
    let out = build(site.path());
    // Robotics has its own prose; biotechnology is made from its record alone.
    let robotics = common::read(&out, "industries/robotics/index.html");
    assert!(robotics.contains(
        "<span class=\"tile-value\">57</span> <span class=\"tile-label\">Robot makers</span>"
    ));
    let biotech = common::read(&out, "industries/biotech/index.html");
    assert!(biotech.contains("<h1>Biotechnology</h1>"));
    assert!(biotech.contains("Laboratories working on medicines, in an imaginary valley."));
    assert!(biotech.contains(
        "<span class=\"tile-value\">64</span> <span class=\"tile-label\">Laboratories</span>"
    ));
    // The industries index lists them in the order of their records.
    let index = common::read(&out, "industries/index.html");
    let (r, b) = (
        index.find("Robotics").unwrap(),
        index.find("Biotechnology").unwrap(),
    );
    assert!(r < b);
}

#[test]
fn open_data_holds_every_figure() {
    let site = site_with(&[]);
    let out = build(site.path());
    let csv = std::fs::read(out.join("data/facts.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}id,label_en,value,period,unit,display_en,".as_bytes()));
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.lines().count() > 1 && csv.split("\r\n").all(|line| !line.contains('\n')));
    // A text that starts like a formula is defused, and quoted because it holds a comma.
    assert!(csv.contains(",\"'=counted by hand, not a formula\","));
    // A series gives a row per year; the conversion belongs to the latest year only.
    assert!(
        csv.contains("\r\nrevenue,Revenue,8.5,2018,billion yuan,8.5 billion yuan,,,actual,false,,,,,,,true,,office,")
    );
    assert!(csv.contains("\r\nrevenue,Revenue,11,2021,billion yuan,11 billion yuan,,,actual,false,,,1.7,US$ billion,true,,true,,office,"));

    let json: serde_json::Value =
        serde_json::from_str(&common::read(&out, "data/facts.json")).unwrap();
    let figures = json["figures"].as_array().unwrap();
    let firms = figures.iter().find(|f| f["id"] == "firms").unwrap();
    assert_eq!(firms["value"], 4321.0);
    assert_eq!(firms["label"]["en"], "Firms in the zone");
    assert_eq!(firms["source"], "office");
    let revenue = figures.iter().find(|f| f["id"] == "revenue").unwrap();
    assert_eq!(revenue["series"][3]["period"], "2021");
    assert_eq!(revenue["conversion"]["unit"]["en"], "US$ billion");
    assert_eq!(json["sources"][1]["date"], "2021-06-30");

    let chart = std::fs::read(out.join("data/shares.csv")).unwrap();
    assert_eq!(
        String::from_utf8(chart).unwrap(),
        "\u{feff}label_en,value,unit,display_en,period_en,derived,derived_note_en,source_en\r\n\
         Share of the region’s exports,37.5,%,about 37.5%,2021,false,,\"Example Valley Statistics Office (fictional), Yearbook of a zone that does not exist, 2022-03-01; Imaginary Survey Ltd, Survey of nowhere, 2021-06-30\"\r\n\
         Share of the region’s patents,12,%,12%,2021,false,,\"Example Valley Statistics Office (fictional), Yearbook of a zone that does not exist, 2022-03-01; Imaginary Survey Ltd, Survey of nowhere, 2021-06-30\"\r\n"
    );
}

#[test]
fn one_number_changed_in_site_toml_changes_everywhere() {
    let site = site_with(&[]);
    let out = build(site.path());
    let before = common::snapshot(&out);
    let shows = |files: &[(String, Vec<u8>)], needle: &str| -> Vec<String> {
        files
            .iter()
            .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
            .map(|(name, _)| name.clone())
            .collect()
    };
    let everywhere = [
        "data/facts.csv",
        "data/facts.json",
        "data/firm_types.csv",
        "index.html",
        "news/results/index.html",
        "statistics/index.html",
    ];
    let mut old: Vec<String> = shows(&before, "4,321");
    old.extend(shows(&before, "4321"));
    old.sort();
    old.dedup();
    assert_eq!(old, everywhere);

    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replace("value = 4321", "value = 4876")).unwrap();
    let after = common::snapshot(&build(site.path()));
    assert!(shows(&after, "4,321").is_empty() && shows(&after, "4321").is_empty());
    let mut new: Vec<String> = shows(&after, "4,876");
    new.extend(shows(&after, "4876"));
    new.sort();
    new.dedup();
    assert_eq!(new, everywhere);
    // The derived remainder follows the total.
    assert!(common::read(&out, "data/firm_types.csv").contains(
        "\r\nOther,2776,,\"2,776\",2021,true,\"calculated: 4,876 minus the two named groups\","
    ));
}

#[test]
fn a_chart_on_no_page_is_a_warning() {
    let site = site_with(&[("content/statistics.md", "{{ chart shares }}", "")]);
    let generated = zonesite::generate(site.path(), None, false).expect("builds");
    let warnings = zonesite::diagnostic::render_all(&generated.warnings);
    assert!(
        warnings.starts_with(
            "warning[chart-unshown]: the chart `shares` is not shown on any page\n  --> site.toml:"
        ),
        "{warnings}"
    );
    assert!(warnings.contains("= hint: write {{ chart shares }} on a line of its own in a page, for example content/statistics.md"));
}

#[test]
fn misspelled_fact_in_markdown() {
    fails(
        &[("content/_index.md", "{{ fact firms }}", "{{ fact frims }}")],
        r#"error[fact-unknown]: unknown fact `frims`
  --> content/_index.md:5:17
  |
5 | The zone counts {{ fact frims }} firms.
  |                 ^
  = hint: did you mean `firms`?
"#,
    );
}

#[test]
fn misspelled_shortcode_and_chart() {
    fails(
        &[
            ("content/_index.md", "{{ fact firms }}", "{{ fakt firms }}"),
            (
                "content/statistics.md",
                "{{ chart shares }}",
                "{{ chart shares_of }}",
            ),
        ],
        r#"error[shortcode-syntax]: unknown shortcode `fakt`
  --> content/_index.md:5:17
  |
5 | The zone counts {{ fakt firms }} firms.
  |                 ^
  = hint: did you mean `fact`? For example: {{ fact firms }}

error[chart-unknown]: unknown chart `shares_of`
  --> content/statistics.md:16:1
   |
16 | {{ chart shares_of }}
   | ^
  = hint: did you mean `shares`?
"#,
    );
}

#[test]
fn chart_inside_a_sentence() {
    fails(
        &[(
            "content/statistics.md",
            "{{ chart shares }}",
            "See {{ chart shares }} here.",
        )],
        r#"error[chart-not-alone]: `{{ chart shares }}` must stand on a line of its own
  --> content/statistics.md:16:5
   |
16 | See {{ chart shares }} here.
   |     ^
  = hint: put an empty line before and after it
"#,
    );
}

#[test]
fn parts_add_up_to_more_than_the_total() {
    fails(
        &[("site.toml", "value = 1200", "value = 3500")],
        r#"error[parts-exceed-total]: the parts of `firms` add up to 4,400, more than its value 4,321
  --> site.toml:21:6
   |
21 | id = "firms"
   |      ^
  = hint: check the values of software_firms, hardware_firms and firms; parts may add up to less than the total (the rest is shown as "other"), never to more
"#,
    );
}

#[test]
fn share_above_a_hundred_percent() {
    fails(
        &[("site.toml", "value = 37.5", "value = 137.5")],
        r#"error[figure-share-range]: figure `export_share` is a share, so it must lie between 0 and 100 %
  --> site.toml:44:9
   |
44 | value = 137.5
   |         ^
  = hint: check the value; a share of a total cannot be negative or more than the whole
"#,
    );
}

#[test]
fn figure_without_period() {
    fails(
        &[(
            "site.toml",
            "value = 57\nperiod = \"2021\"\n",
            "value = 57\n",
        )],
        r#"error[figure-no-period]: figure `robot_makers` has no period
  --> site.toml:67:1
   |
67 | [[figures]]
   | ^
  = hint: say when it applies, for example: period = "2020" (a year or a span of years), as_of = 2020-12-31 (the day a count was taken), or as_reported = 2021-04-13 (the day the source reported a count it gives no date for)
"#,
    );
}

#[test]
fn figure_without_source() {
    let site = site_with(&[("site.toml", "default = true\n", "")]);
    let report = common::errors(site.path());
    assert!(
        report.starts_with(
            r#"error[figure-no-source]: figure `firms` has no source
  --> site.toml:19:1
   |
19 | [[figures]]
   | ^
  = hint: add `source = "<source id>"`, or mark one [[sources]] entry with `default = true`
"#
        ),
        "{report}"
    );
}

#[test]
fn actual_figure_in_the_future() {
    fails(
        &[("site.toml", "kind = \"target\"\n", "")],
        r#"error[figure-future-actual]: figure `plan_target` is an actual figure, but its period 2030 lies in the future
  --> site.toml:82:1
   |
82 | [[figures]]
   | ^
  = hint: for a goal write kind = "target", for a forecast kind = "estimate"; otherwise correct the date
"#,
    );
}

#[test]
fn industry_page_without_a_record() {
    let site = site_with(&[]);
    std::fs::write(
        site.path().join("content/industries/robotic.md"),
        "# Robots\n",
    )
    .unwrap();
    std::fs::remove_file(site.path().join("content/industries/robotics.md")).unwrap();
    assert_eq!(
        common::errors(site.path()),
        r#"error[industry-no-record]: this industry page has no record in site.toml: no [[industries]] entry has slug = "robotic"
  --> content/industries/robotic.md
  = hint: did you mean the industry `robotics`? Name the file robotics.md
"#
    );
}

#[test]
fn unknown_references_in_the_fact_sheet() {
    fails(
        &[
            (
                "site.toml",
                "industry = \"biotech\"",
                "industry = \"biotek\"",
            ),
            ("site.toml", "total = \"firms\"", "total = \"firm\""),
            ("site.toml", "source = \"survey\"", "source = \"surevy\""),
        ],
        r#"error[reference-unknown]: unknown source `surevy`
  --> site.toml:57:10
   |
57 | source = "surevy"
   |          ^
  = hint: did you mean `survey`?

error[reference-unknown]: unknown industry `biotek`
  --> site.toml:80:12
   |
80 | industry = "biotek"
   |            ^
  = hint: did you mean `biotech`?

error[reference-unknown]: unknown figure `firm`
  --> site.toml:109:9
    |
109 | total = "firm"
    |         ^
  = hint: did you mean `firms`?
"#,
    );
}

#[test]
fn charts_that_cannot_be_drawn() {
    fails(
        &[
            (
                "site.toml",
                "figures = [\"export_share\", \"patent_share\"]",
                "figures = [\"export_share\", \"firms\"]",
            ),
            (
                "site.toml",
                "figures = [\"revenue\"]",
                "figures = [\"firms\"]",
            ),
            (
                "site.toml",
                "figures = [\"robot_makers\", \"labs\"]",
                "figures = [\"robot_makers\", \"export_share\"]",
            ),
        ],
        r#"error[chart-mixed-units]: bars compare figures of one unit, but `robot_makers` and `export_share` have different units
  --> site.toml:115:28
    |
115 | figures = ["robot_makers", "export_share"]
    |                            ^
  = hint: put figures with different units in separate charts

error[chart-share-not-percent]: the shares chart `shares` shows percentages, but `firms` is not in %
  --> site.toml:121:28
    |
121 | figures = ["export_share", "firms"]
    |                            ^
  = hint: use a bars chart for counts and amounts

error[chart-series-missing]: `firms` has no `series`, so the series chart `revenue_growth` has nothing to draw
  --> site.toml:127:12
    |
127 | figures = ["firms"]
    |            ^
  = hint: give the figure its values per year, for example: series = { 2019 = 10, 2020 = 12 }
"#,
    );
}

#[test]
fn value_and_series_together() {
    fails(
        &[(
            "site.toml",
            "unit = \"billion yuan\"\n",
            "unit = \"billion yuan\"\nvalue = 3\n",
        )],
        r#"error[figure-value-and-series]: figure `revenue` has both a `value` and a `series`
  --> site.toml:64:10
   |
64 | series = { 2018 = 8.5, 2019 = 9.25, 2020 = 7.75, 2021 = 11 }
   |          ^
  = hint: keep `value` for a single number, or `series` for values per year, not both
"#,
    );
}

#[test]
fn contact_details_show_only_when_given() {
    let site = site_with(&[]);
    let out = build(site.path());
    let home = common::read(&out, "index.html");
    assert!(
        home.contains("<strong>Investment Office of the Example Valley Zone (fictional)</strong>")
    );
    assert!(home.contains("Phone: <a href=\"tel:+000000000\">+00 000 0000</a>"));
    assert!(home.contains("Email: <a href=\"mailto:invest@example.org\">invest@example.org</a>"));

    // The Shenyang source gives no contact details, so the example shows none.
    let example = example_site(&[]);
    let out = build(example.path());
    assert!(!common::read(&out, "index.html").contains("id=\"contact\""));
    assert!(!common::read(&out, "profile/index.html").contains("id=\"contact\""));
}

/// A copy of the example site with `edits` applied.
fn example_site(edits: &[(&str, &str, &str)]) -> TempDir {
    let dir = common::example_site();
    common::edit(dir.path(), edits);
    dir
}

#[test]
fn example_statistics_page_shows_every_figure_with_its_source() {
    let site = example_site(&[]);
    let out = build(site.path());
    let stats = common::read(&out, "statistics/index.html");
    // Every figure of the source, as the fact sheet formats it.
    for shown in [
        ">272<",
        ">76<",
        ">99<",
        ">68<",
        ">29<",
        ">333<",
        ">786<",
        ">1,152<",
        ">2,024<",
        ">25%<",
        ">about 40%<",
        ">12.1 billion yuan<",
        "about US$1.85 billion",
        ">12<",
    ] {
        assert!(stats.contains(shown), "statistics page lacks {shown}");
    }
    // Tiles, the three charts, and a source with each chart.
    assert_eq!(stats.matches("class=\"tile\"").count(), 4);
    let source =
        "Source: China Daily Global, “Shenyang zone expands high-tech offerings”, 13 April 2021.";
    for (chart, when) in [
        (
            "research_base",
            "“Other institutions” is calculated by this site, not given by the source. <a href=\"/data/research_base.csv\"",
        ),
        ("companies_served", "As of the end of 2020."),
        ("city_shares", "<a href=\"/data/city_shares.csv\""),
    ] {
        let figure = chart_figure(&stats, chart);
        assert!(figure.contains(&format!("{source} {when}")), "{chart}");
    }
    // The downloads hold the same numbers.
    let csv = common::read(&out, "data/facts.csv");
    for row in [
        "\r\nresearch_institutions,Research institutions,科研机构,272,,,272,272家,,2021-04-13,actual,",
        "\r\ncontract_turnover,Technology contract turnover,技术合同成交额,12.1,2020,billion yuan,12.1 billion yuan,121亿元,,,actual,false,,,,1.85,US$ billion,亿美元,true,",
        "\r\ncontract_turnover_city_share,Share of Shenyang’s technology contract turnover,技术合同成交额占比,40,2020,%,about 40%,约40%,,,actual,true,",
    ] {
        assert!(csv.contains(row), "facts.csv lacks {row:?}");
    }
    assert!(
        common::read(&out, "data/research_base.csv")
            .contains("\r\nOther institutions,其他科研机构,29,,29,29家,reported 13 April 2021,2021年4月13日报道,true,calculated: 272 minus the three named groups,计算得出：272家减去上述三类之和,")
    );
}

#[test]
fn example_with_a_misspelled_fact_fails_with_a_suggestion() {
    let site = example_site(&[(
        "content/statistics.md",
        "{{ fact research_institutions }}",
        "{{ fact research_insitutions }}",
    )]);
    assert_eq!(
        common::errors(site.path()),
        r#"error[fact-unknown]: unknown fact `research_insitutions`
  --> content/statistics.md:14:14
   |
14 | The zone has {{ fact research_insitutions }} research institutions. The report names three
   |              ^
  = hint: did you mean `research_institutions`?
"#
    );
}

#[test]
fn shortcodes_in_code_wrapped_lines_titles_and_links() {
    let site = site_with(&[
        (
            "content/_index.md",
            "The zone counts {{ fact firms }} firms.",
            "The zone counts {{ fact\nfirms }} firms.\n\n```\n{{ fact firms }} and {{ name }}\n```\n\nKeep `{{ fact firms }}` as it is.",
        ),
        (
            "content/_index.md",
            "title = \"Example Valley Zone\"",
            "title = \"{{ fact firms }} firms\"",
        ),
    ]);
    let out = build(site.path());
    let home = common::read(&out, "index.html");
    assert!(home.contains("<h1>4,321 firms</h1>"), "{home}");
    assert!(home.contains("The zone counts 4,321 firms."));
    assert!(home.contains("<pre><code>{{ fact firms }} and {{ name }}\n</code></pre>"));
    assert!(home.contains("Keep <code>{{ fact firms }}</code> as it is."));
}

#[test]
fn mistakes_the_review_found() {
    let site = site_with(&[
        (
            "content/news/results.md",
            "The zone now has {{ fact firms }} firms",
            "The zone now has [{{ fact firms with source }}](../statistics.md) firms",
        ),
        ("content/statistics.md", "## Trade", "## All figures"),
        (
            "site.toml",
            "part_of = \"firms\"",
            "part_of = \"hardware_firms\"",
        ),
        (
            "site.toml",
            "part_of = \"firms\"",
            "part_of = \"software_firms\"",
        ),
        ("site.toml", "id = \"labs_and_makers\"", "id = \"facts\""),
        ("site.toml", "id = \"survey\"", "id = \"the--survey\""),
        (
            "site.toml",
            "url = \"https://example.org/yearbook\"",
            "url = \"javascript:alert(1)\"",
        ),
    ]);
    assert_eq!(
        common::errors(site.path()),
        r#"error[fact-cite-in-link]: `{{ fact firms with source }}` cannot cite its source inside a link or picture
  --> content/news/results.md:6:19
  |
6 | The zone now has [{{ fact firms with source }}](../statistics.md) firms and a turnover of {{ fact revenue }}.
  |                   ^
  = hint: write {{ fact firms }} there, and cite the source outside the link

error[html-duplicate-id]: two elements of this page have the id `all-figures`
  --> content/statistics.md
  = hint: the page's template or a shortcode uses the id `all-figures` too: give your heading another one, for example ## Heading {#all-figures-text}

error[chart-unknown]: unknown chart `labs_and_makers`
  --> content/statistics.md:12:1
   |
12 | {{ chart labs_and_makers }}
   | ^
  = hint: the ids are listed under [[charts]] in site.toml

error[address-not-web]: `javascript:alert(1)` is not a web address
  --> site.toml:11:7
   |
11 | url = "javascript:alert(1)"
   |       ^
  = hint: write the full address, starting with https://

error[id-invalid]: `the--survey` cannot be a source id
  --> site.toml:15:6
   |
15 | id = "the--survey"
   |      ^
  = hint: use letters and digits joined by single - or _, for example: research_institutions

error[parts-exceed-total]: the parts of `hardware_firms` add up to 1,200, more than its value 900
  --> site.toml:35:6
   |
35 | id = "hardware_firms"
   |      ^
  = hint: check the values of software_firms and hardware_firms; parts may add up to less than the total (the rest is shown as "other"), never to more

error[part-of-circle]: `part_of` goes round in a circle: hardware_firms -> software_firms -> hardware_firms
  --> site.toml:39:11
   |
39 | part_of = "software_firms"
   |           ^
  = hint: a part cannot contain its own total; remove one `part_of`

error[reference-unknown]: unknown source `survey`
  --> site.toml:57:10
   |
57 | source = "survey"
   |          ^

error[chart-breakdown-no-parts]: no figure is `part_of` `firms`, so the chart `firm_types` has nothing to show
  --> site.toml:109:9
    |
109 | total = "firms"
    |         ^
  = hint: add `part_of = "<total id>"` to the figures that make up the total

error[chart-id-taken]: the chart id `facts` is taken: data/facts.csv is the download of the whole fact sheet
  --> site.toml:112:6
    |
112 | id = "facts"
    |      ^
  = hint: choose another id, for example: id = "key_facts"
"#
    );
}

#[test]
fn site_toml_texts_and_titles_get_the_pages_punctuation() {
    let site = site_with(&[
        (
            "site.toml",
            "label = \"Firms in the zone\"",
            "label = \"Firms in the \\\"Valley\\\" zone's parks\"",
        ),
        (
            "content/news/results.md",
            "title = \"Results\"",
            "title = \"The zone's \\\"{{ fact firms }}\\\" firms -- so far...\"\ndescription = \"'Firms' counted in the zone's parks\"",
        ),
    ]);
    let out = build(site.path());
    let news = common::read(&out, "news/results/index.html");
    let title = "The zone’s “4,321” firms – so far…";
    assert!(news.contains(&format!("<h1>{title}</h1>")), "{news}");
    assert!(
        news.contains(&format!(
            "<title>{title} · Example Valley Zone (fictional)</title>"
        )),
        "{news}"
    );
    assert!(
        news.contains(
            "<meta name=\"description\" content=\"‘Firms’ counted in the zone’s parks\">"
        ),
        "{news}"
    );
    let label = "Firms in the “Valley” zone’s parks";
    let home = common::read(&out, "index.html");
    assert!(
        home.contains(&format!("<span class=\"tile-label\">{label}</span>")),
        "{home}"
    );
    let stats = common::read(&out, "statistics/index.html");
    assert!(
        stats.contains(&format!("<th scope=\"row\">{label}</th>")),
        "{stats}"
    );
    assert!(common::read(&out, "data/facts.csv").contains(&format!("\r\nfirms,{label},")));
}

#[test]
fn a_fact_id_in_quotes_in_a_title_is_reported_as_typed() {
    fails(
        &[(
            "content/news/results.md",
            "title = \"Results\"",
            "title = \"The zone's {{ fact \\\"firms\\\" }} firms\"",
        )],
        // Checked before the title is curled: the id is quoted as the editor typed it.
        r#"error[fact-unknown]: unknown fact `"firms"` in the title or description
  --> content/news/results.md
  = hint: did you mean `firms`?
"#,
    );
}
