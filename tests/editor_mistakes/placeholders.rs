//! Example texts left in the site: what `zonesite init` and `zonesite new` wrote for the editor to
//! replace, still published word for word.

use std::process::Command;

use zonesite::diagnostic::{Diagnostic, Severity, render_all};

use crate::{Site, day};

/// What `check` says of the kind `code` in `file`, as the editor reads it: a starter site has
/// examples in every file, and each case is about one of them.
fn report_in(site: &Site, code: &str, file: &str) -> String {
    let found = of_kind_in(site, code, file);
    assert!(
        !found.is_empty(),
        "no `{code}` in {file}; check said:\n{}",
        render_all(&site.check())
    );
    render_all(&found)
}

/// Asserts that `check` reports no error, and nothing of the kind `code` in `file`.
fn assert_fixed_in(site: &Site, code: &str, file: &str) {
    let left: Vec<Diagnostic> = site
        .check()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .chain(of_kind_in(site, code, file))
        .collect();
    assert!(left.is_empty(), "still reported:\n{}", render_all(&left));
}

/// The problems of the kind `code` that `check` finds in `file`.
fn of_kind_in(site: &Site, code: &str, file: &str) -> Vec<Diagnostic> {
    site.check()
        .into_iter()
        .filter(|d| d.code.as_str() == code)
        .filter(|d| d.location.as_ref().is_some_and(|l| l.file == file))
        .collect()
}

/// Deletes every `placeholder = true` line of `file`, as an editor does once a text is real.
fn delete_placeholder_lines(site: &Site, file: &str) {
    let text = site.read(file);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| l.trim() != "placeholder = true")
        .collect();
    site.write(file, &(kept.join("\n") + "\n"));
}

/// Does what each example-text warning asks: writes a word of the editor's own at the start of
/// the text it points at (inside the quotes of a value), or a digit before a number, so the
/// text is no longer the example; an email or phone gets a word or digit that keeps it one.
fn replace_each_example(site: &Site) {
    for problem in site.check() {
        let (Some(location), "example-text") = (&problem.location, problem.code.as_str()) else {
            continue;
        };
        let (line, column) = (location.line.unwrap(), location.column.unwrap());
        let text = site.read(&location.file);
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let target = &mut lines[line - 1];
        // An example name or address inside words of the editor's own: the hint says to write
        // the zone's own in its place.
        let kept = [
            (
                "Example National High-Tech Zone",
                "Harbour National High-Tech Zone",
            ),
            ("Example Zone", "Harbour Zone"),
            ("example.org", "harbour-zone.gov.cn"),
        ]
        .into_iter()
        .find(|(example, _)| !problem.message.contains("wrote") && target.contains(example));
        if let Some((example, own)) = kept {
            *target = target.replacen(example, own, 1);
            site.write(&location.file, &(lines.join("\n") + "\n"));
            continue;
        }
        let at = target
            .char_indices()
            .nth(column - 1)
            .map_or(target.len(), |(i, _)| i);
        if target[at..].starts_with(|c: char| c.is_ascii_digit()) {
            target.insert(at, '1');
        } else if target[at..].starts_with('"') {
            // An email and a phone stay one address and one number.
            let word = if target.starts_with("email") {
                "harbour-"
            } else if target.starts_with("phone") {
                "1"
            } else {
                "Harbour: "
            };
            target.insert_str(at + 1, word);
        } else {
            target.insert_str(at, "Harbour: ");
        }
        site.write(&location.file, &(lines.join("\n") + "\n"));
    }
}

/// Runs `zonesite check --strict` in the site, as the editor does before publishing.
/// Replaces the [site] title and description the starter wrote, as its warnings ask.
fn name_the_site(site: &Site) {
    site.edit(
        "site.toml",
        "title = \"Example Zone\"",
        "title = \"Harbour High-Tech Zone\"",
    );
    site.edit(
        "site.toml",
        "description = \"Facts and figures on the Example Zone: research, industry and news.\"",
        "description = \"Facts and figures on the Harbour High-Tech Zone.\"",
    );
}

fn check_strict(site: &Site) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(["check", "--strict"])
        .current_dir(site.path())
        .output()
        .unwrap()
}

#[test]
fn init_site_fails_strict_until_every_example_is_replaced() {
    let site = Site::starter();
    let run = check_strict(&site);
    assert!(!run.status.success(), "a fresh init site passed --strict");

    // Every example marked `placeholder = true` made real: the flag lines go.
    for file in [
        "site.toml",
        "content/_index.md",
        "content/profile.md",
        "content/statistics.md",
        "content/industries/_index.md",
        "content/industries/example-industry.md",
        "content/news/_index.md",
        "content/news/first-story.md",
    ] {
        delete_placeholder_lines(&site, file);
    }
    site.edit(
        "site.toml",
        "base_url = \"https://example.org/\"",
        "base_url = \"https://www.harbour-zone.gov.cn/\"",
    );
    // A .gov.cn site shows its filing numbers, as `check` asks.
    site.edit(
        "site.toml",
        "safe_markdown = false",
        "safe_markdown = false\nicp = \"辽ICP备00000000号-1\"\npolice_filing = \"辽公网安备00000000000000号\"\ngovernment_site_code = \"0000000000\"",
    );
    // Deleting the flags is not enough: their example words are still there.
    let run = check_strict(&site);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("warning[example-text]") || stderr.contains("warning[example-text]"),
        "{stdout}{stderr}"
    );

    // A first pass writes words beside the example zone's name; a second replaces the name.
    replace_each_example(&site);
    replace_each_example(&site);
    let run = check_strict(&site);
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn example_paragraph_left_after_deleting_the_placeholder_line() {
    let site = Site::starter();
    site.edit("content/profile.md", "placeholder = true\n", "");
    assert_eq!(
        report_in(&site, "example-text", "content/profile.md"),
        "warning[example-text]: this description is the example `zonesite init` wrote
  --> content/profile.md:3:15
  |
3 | description = \"Who the Example Zone is: history, role, research and plans.\"
  |               ^
  = hint: replace this example text with one sentence about this page, for lists, search engines and the news feed

warning[example-text]: this paragraph is the example text `zonesite init` wrote: readers would see it as it is
  --> content/profile.md:9:1
  |
9 | Write when the zone was founded and by whom it was approved.
  | ^
  = hint: replace this example text with your own words, or delete it

warning[example-text]: this paragraph is the example text `zonesite init` wrote: readers would see it as it is
  --> content/profile.md:13:1
   |
13 | The zone counts {{ fact research_institutions }} research institutions; the
   | ^
  = hint: replace this example text with your own words, or delete it
"
    );
    site.edit(
        "content/profile.md",
        "Write when the zone was founded and by whom it was approved.",
        "The zone was founded in 1988 and approved by the State Council in 1991.",
    );
    site.edit("content/profile.md", "The zone counts", "Harbour counts");
    site.edit(
        "content/profile.md",
        "Who the Example Zone is: history, role, research and plans.",
        "Who Harbour is: its history, research and plans.",
    );
    assert_fixed_in(&site, "example-text", "content/profile.md");
}

#[test]
fn example_page_title_left_after_deleting_the_placeholder_line() {
    let site = Site::starter();
    let file = "content/industries/example-industry.md";
    site.edit(file, "placeholder = true\n", "");
    site.edit(
        file,
        "description = \"One sentence about this industry in the zone.\"",
        "description = \"Robots for the harbour's logistics.\"",
    );
    site.edit(file, "Describe the industry in the zone", "Robots are made");
    assert_eq!(
        report_in(&site, "example-text", file),
        "warning[example-text]: this title is the example `zonesite init` wrote
  --> content/industries/example-industry.md:2:9
  |
2 | title = \"Example industry\"
  |         ^
  = hint: replace this example text with the page's own title
"
    );
    site.edit(file, "title = \"Example industry\"", "title = \"Robotics\"");
    assert_fixed_in(&site, "example-text", file);
}

#[test]
fn example_description_of_a_page_never_marked_placeholder() {
    let site = Site::starter();
    let file = "content/news/_index.md";
    assert_eq!(
        report_in(&site, "example-text", file),
        "warning[example-text]: this description is the example `zonesite init` wrote
  --> content/news/_index.md:3:15
  |
3 | description = \"News from the Example Zone.\"
  |               ^
  = hint: replace this example text with one sentence about this page, for lists, search engines and the news feed
"
    );
    site.edit(
        file,
        "\"News from the Example Zone.\"",
        "\"News from the Harbour High-Tech Zone.\"",
    );
    assert_fixed_in(&site, "example-text", file);
}

#[test]
fn site_title_left_as_the_example() {
    let site = Site::starter();
    let report = report_in(&site, "example-text", "site.toml");
    assert_eq!(
        report,
        "warning[example-text]: [site] title is still the example `zonesite init` wrote: \"Example Zone\"
  --> site.toml:16:9
   |
16 | title = \"Example Zone\"
   |         ^
  = hint: replace this example text with your zone's real title

warning[example-text]: [site] description is still the example `zonesite init` wrote: \"Facts and figures on the Example Zone: research, industry and news.\"
  --> site.toml:18:15
   |
18 | description = \"Facts and figures on the Example Zone: research, industry and news.\"
   |               ^
  = hint: replace this example text with your zone's real description
"
    );
    name_the_site(&site);
    assert_fixed_in(&site, "example-text", "site.toml");
}

#[test]
fn zone_name_left_after_deleting_the_placeholder_line() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        "location = \"City, province, country\"\nplaceholder = true\n",
        "location = \"Harbour City, Coast Province, China\"\n",
    );
    name_the_site(&site);
    assert_eq!(
        report_in(&site, "example-text", "site.toml"),
        "warning[example-text]: [zone] name is still the example `zonesite init` wrote: \"Example Zone\"
  --> site.toml:82:8
   |
82 | name = \"Example Zone\"
   |        ^
  = hint: replace this example text with your zone's real name

warning[example-text]: [zone] official_name is still the example `zonesite init` wrote: \"Example National High-Tech Zone\"
  --> site.toml:83:17
   |
83 | official_name = \"Example National High-Tech Zone\"
   |                 ^
  = hint: replace this example text with your zone's real official name
"
    );
    site.edit(
        "site.toml",
        "name = \"Example Zone\"",
        "name = \"Harbour Zone\"",
    );
    site.edit(
        "site.toml",
        "official_name = \"Example National High-Tech Zone\"",
        "official_name = \"Harbour National High-Tech Zone\"",
    );
    assert_fixed_in(&site, "example-text", "site.toml");
}

#[test]
fn example_number_left_after_deleting_the_placeholder_line() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        "value = 1000\nperiod = \"2023\"\nheadline = true\nplaceholder = true\n",
        "value = 1000\nperiod = \"2023\"\nheadline = true\n",
    );
    let report = report_in(&site, "example-text", "site.toml");
    assert!(
        report.contains(
            "warning[example-text]: the value of figure `companies` is still the example number `zonesite init` wrote: 1000
  --> site.toml:98:9
   |
98 | value = 1000
   |         ^
  = hint: replace this example number with the real one from your source, with its period and source
"
        ),
        "{report}"
    );
    site.edit("site.toml", "value = 1000\n", "value = 1152\n");
    assert!(!report_in(&site, "example-text", "site.toml").contains("figure `companies`"));
}

#[test]
fn text_written_by_new_left_in_the_page() {
    let site = Site::starter();
    let created =
        zonesite::scaffold::new_page::new_page(site.path(), "news/robot-fair", None, day())
            .unwrap();
    let file = created.file.to_string_lossy().replace('\\', "/");
    assert_eq!(
        report_in(&site, "example-text", &file),
        "warning[example-text]: this paragraph is the example text `zonesite new` wrote: readers would see it as it is
  --> content/news/robot-fair.md:10:1
   |
10 | Write the text here. Quote figures from site.toml by their id, like `{{ fact research_institutions }}`
   | ^
  = hint: replace this example text with your own words, or delete it
"
    );
    site.edit(
        &file,
        "Write the text here.",
        "The zone's robot makers met at the fair.",
    );
    assert_fixed_in(&site, "example-text", &file);
}

#[test]
fn industry_added_later_credited_to_the_default_source() {
    let site = Site::example();
    zonesite::scaffold::new_page::new_page(site.path(), "industries/robotics", None, day())
        .unwrap();
    assert_eq!(
        site.report("industry-no-source"),
        "warning[industry-no-source]: the industry `robotics` was added on 2026-03-01, after the default source `china_daily_2021` was published (2021-04-13), but names no source of its own, so it is credited to `china_daily_2021`
  --> site.toml:406:1
    |
406 | [[industries]]
    | ^
  = hint: add `source = \"<source id>\"` to it, naming the publication its facts come from (list that under [[sources]] first); write source = \"china_daily_2021\" if they do come from there
"
    );
    // The hint, followed: the publication listed, and named by the record.
    site.edit(
        "site.toml",
        "added = 2026-03-01\n",
        "added = 2026-03-01\nsource = \"robotics_plan\"\n\n[[sources]]\nid = \"robotics_plan\"\npublisher = \"Shenyang Municipal Government\"\ntitle = \"Robotics industry plan\"\ndate = 2026-02-10\n",
    );
    site.assert_fixed("industry-no-source");
}

#[test]
fn translation_left_with_the_title_of_the_default_page() {
    let site = Site::example();
    std::fs::remove_file(site.path().join("content/parks.zh.md")).unwrap();
    let created =
        zonesite::scaffold::new_page::new_page(site.path(), "parks", Some("zh"), day()).unwrap();
    assert_eq!(
        site.read("content/parks.zh.md"),
        "+++\n# Translate this title from English into 中文, and the text below; then delete the line\n# `placeholder = true`.\ntitle = \"Industrial parks\"\n# description = \"One sentence for lists, search engines and the news feed.\"\nplaceholder = true\n+++\n\nWrite the text here. Quote figures from site.toml by their id, like `{{ fact research_institutions }}`\n(without the backticks), never by typing the number.\n"
    );
    assert_eq!(
        created.address.map(|a| a.published).as_deref(),
        Some("https://example.org/zh/parks/")
    );
    assert_eq!(
        site.report("page-placeholder"),
        "warning[page-placeholder]: this page is a placeholder: its text is an example
  --> content/parks.zh.md
  = hint: write the real text, then delete the line `placeholder = true` from the front matter
"
    );
    // Said once: the placeholder's warning speaks for its title too.
    assert!(
        site.check()
            .iter()
            .all(|d| d.code.as_str() != "translation-title-untranslated")
    );
    site.write(
        "content/parks.zh.md",
        "+++\ntitle = \"产业园区\"\ntemplate = \"parks.html\"\n+++\n\n高新区的产业园区。\n",
    );
    site.assert_fixed("page-placeholder");
    site.assert_fixed("example-text");
}

#[test]
fn new_translation_in_a_language_key_misspelt() {
    let site = Site::example();
    std::fs::remove_file(site.path().join("content/parks.zh.md")).unwrap();
    let error = zonesite::scaffold::new_page::new_page(site.path(), "parks", Some("zn"), day())
        .unwrap_err();
    assert_eq!(
        render_all(&[error.diagnostic()]),
        "error[new-unknown-language]: the site has no language `zn` besides its default one
  = hint: did you mean `--lang zh`?
"
    );
    zonesite::scaffold::new_page::new_page(site.path(), "parks", Some("zh"), day()).unwrap();
    assert!(site.path().join("content/parks.zh.md").exists());
}
