//! A site hosted in mainland China: its ICP, public security and government site numbers in every
//! footer, linked to their registers; wrong formats stopped where they are written; `check`
//! reminding a `.cn` site of its ICP number.

mod common;

use std::path::Path;

use tempfile::TempDir;
use zonesite::diagnostic::Code;

const FILINGS: &str = "language = \"en\"\nicp = \" 辽ICP备１２３４５６７８号－1 \"\npolice_filing = \"辽公网安备 21010202000123号\"\ngovernment_site_code = \"2101000001\"\n";

/// The bilingual test site with `[site]`'s `language` line replaced by `lines`.
fn site_with(lines: &str) -> TempDir {
    let site = common::fixture("i18n", "base");
    common::edit(site.path(), &[("site.toml", "language = \"en\"\n", lines)]);
    site
}

/// Publishes `site` at a `.cn` address.
fn in_china(site: TempDir) -> TempDir {
    let from = "base_url = \"https://example.org/zone/\"";
    let to = "base_url = \"https://www.example-zone.gov.cn/zone/\"";
    common::edit(site.path(), &[("site.toml", from, to)]);
    site
}

/// The footer's list of filings of the page built at `path`.
fn filings(site: &Path, path: &str) -> String {
    let files = common::generated(site, None);
    let html = String::from_utf8(files[path].clone()).unwrap();
    let start = html
        .find("<ul class=\"filings\">")
        .unwrap_or_else(|| panic!("{path} shows no filings"));
    let end = start + html[start..].find("</ul>").unwrap() + "</ul>".len();
    html[start..end].to_owned()
}

#[test]
fn every_footer_shows_the_filings_linked_to_their_registers() {
    let site = site_with(FILINGS);
    // On an English page the numbers are marked as the Chinese they are, with the site's tag.
    let english = r#"<ul class="filings"><li lang="zh-Hans"><a href="https://beian.miit.gov.cn/">辽ICP备12345678号-1</a></li><li lang="zh-Hans"><a href="https://beian.mps.gov.cn/#/query/webSearch?code=21010202000123">辽公网安备21010202000123号</a></li><li lang="zh-Hans">政府网站标识码：2101000001</li></ul>"#;
    assert_eq!(filings(site.path(), "about-us/index.html"), english);
    assert_eq!(filings(site.path(), "404.html"), english);
    let chinese = r#"<ul class="filings"><li><a href="https://beian.miit.gov.cn/">辽ICP备12345678号-1</a></li><li><a href="https://beian.mps.gov.cn/#/query/webSearch?code=21010202000123">辽公网安备21010202000123号</a></li><li>政府网站标识码：2101000001</li></ul>"#;
    assert_eq!(filings(site.path(), "zh/about-us/index.html"), chinese);
    assert_eq!(filings(site.path(), "zh/404.html"), chinese);
}

#[test]
fn a_label_in_the_page_language_is_not_marked_chinese() {
    let site = site_with(FILINGS);
    let word = "name = \"English\"\nstrings = { government_site_code = \"Government website code: {code}\" }";
    common::edit(site.path(), &[("site.toml", "name = \"English\"", word)]);
    assert_eq!(
        filings(site.path(), "index.html"),
        r#"<ul class="filings"><li lang="zh-Hans"><a href="https://beian.miit.gov.cn/">辽ICP备12345678号-1</a></li><li lang="zh-Hans"><a href="https://beian.mps.gov.cn/#/query/webSearch?code=21010202000123">辽公网安备21010202000123号</a></li><li>Government website code: 2101000001</li></ul>"#
    );
}

#[test]
fn a_site_without_filings_shows_none() {
    let site = common::fixture("i18n", "base");
    let files = common::generated(site.path(), None);
    let html = String::from_utf8(files["index.html"].clone()).unwrap();
    assert!(!html.contains("filings"), "{html}");
}

#[test]
fn wrong_formats_are_errors_where_they_are_written() {
    let site = site_with(
        "language = \"en\"\nicp = \"辽ICP备1234号\"\npolice_filing = \"辽公安备21010202000123号\"\ngovernment_site_code = \"政府网站标识码：2101000001\"\n",
    );
    assert_eq!(
        errors(&site),
        r#"error[icp-invalid]: `辽ICP备1234号` is not an ICP number: its number has 4 digits instead of 6 to 12
  --> site.toml:7:7
  |
7 | icp = "辽ICP备1234号"
  |       ^
  = hint: an ICP number is the province's abbreviation, ICP备, 6 to 12 digits and 号, then the site number if there is one, as the MIIT register lists it: icp = "辽ICP备12345678号-1" (a licence: icp = "辽ICP证123456号")

error[police-filing-invalid]: `辽公安备21010202000123号` is not a public security filing number: the province is not followed by 公网安备
  --> site.toml:8:17
  |
8 | police_filing = "辽公安备21010202000123号"
  |                 ^
  = hint: a public security filing number is the province's abbreviation, 公网安备, 14 digits and 号, as the filing notice gives it: police_filing = "辽公网安备21010202000123号"

error[government-site-code-invalid]: `政府网站标识码：2101000001` is not a government site code: it holds more than the number
  --> site.toml:9:24
  |
9 | government_site_code = "政府网站标识码：2101000001"
  |                        ^
  = hint: write the number alone: government_site_code = "2101000001"
"#
    );
}

/// The errors that stop `site`'s build, as editors read them.
fn errors(site: &TempDir) -> String {
    let problems = zonesite::generate(site.path(), None, false).expect_err("stops the build");
    let errors: Vec<_> = problems
        .into_iter()
        .filter(|d| d.severity == zonesite::diagnostic::Severity::Error)
        .collect();
    zonesite::diagnostic::render_all(&errors)
}

/// What `check` says about `site` with `code`.
fn found(site: &TempDir, code: Code) -> String {
    let found = zonesite::check(
        site.path(),
        5,
        zonesite::OutsideLinks::Refuse,
        Default::default(),
    );
    let found: Vec<_> = found.into_iter().filter(|d| d.code == code).collect();
    zonesite::diagnostic::render_all(&found)
}

#[test]
fn check_names_the_example_numbers_of_the_comments_left_in_place() {
    let site = site_with(FILINGS);
    assert_eq!(
        found(&site, Code::ExampleText),
        r#"warning[example-text]: government_site_code is still the example number the comments in site.toml show: 2101000001
  --> site.toml
  = hint: write the site's own number as its filing notice gives it, or put the # back in front of the line

warning[example-text]: icp is still the example number the comments in site.toml show: 辽ICP备12345678号-1
  --> site.toml
  = hint: write the site's own number as its filing notice gives it, or put the # back in front of the line

warning[example-text]: police_filing is still the example number the comments in site.toml show: 辽公网安备21010202000123号
  --> site.toml
  = hint: write the site's own number as its filing notice gives it, or put the # back in front of the line
"#
    );
    let own = site_with("language = \"en\"\nicp = \"京ICP证030173号\"\n");
    assert_eq!(found(&own, Code::ExampleText), "");
}

#[test]
fn check_reminds_a_cn_site_of_its_icp_number() {
    let reminders = |site: &TempDir| found(site, Code::IcpMissing);
    let cn = in_china(site_with("language = \"en\"\n"));
    assert_eq!(
        reminders(&cn),
        r#"warning[icp-missing]: base_url is a .cn address (www.example-zone.gov.cn), but the site shows no ICP number: a site hosted in mainland China cannot go live without one
  --> site.toml
  = hint: write the number of the site's ICP filing (your hosting company files it; the MIIT's notice gives the number) under [site] in site.toml, for example icp = "辽ICP备12345678号-1": every page's footer then shows it, linked to the MIIT register
"#
    );
    let with_icp = in_china(site_with(FILINGS));
    assert_eq!(reminders(&with_icp), "");
    // Not a .cn address: nothing to remind.
    assert_eq!(reminders(&site_with("language = \"en\"\n")), "");
}

#[test]
fn a_number_under_the_wrong_key_is_named_and_moved() {
    let site = site_with(
        "language = \"en\"\nicp = \"辽公网安备21010202000123号\"\npolice_filing = \"辽ICP备12345678号-1\"\n",
    );
    assert_eq!(
        errors(&site),
        r#"error[icp-invalid]: `辽公网安备21010202000123号` is a public security filing number, not an ICP number
  --> site.toml:7:7
  |
7 | icp = "辽公网安备21010202000123号"
  |       ^
  = hint: move it to police_filing = "辽公网安备21010202000123号", and write an ICP number here

error[police-filing-invalid]: `辽ICP备12345678号-1` is an ICP number, not a public security filing number
  --> site.toml:8:17
  |
8 | police_filing = "辽ICP备12345678号-1"
  |                 ^
  = hint: move it to icp = "辽ICP备12345678号-1", and write a public security filing number here
"#
    );
}

#[test]
fn a_wrong_icp_number_is_not_also_called_missing() {
    let site = in_china(site_with("language = \"en\"\nicp = \"辽ICP备1234号\"\n"));
    assert_eq!(found(&site, Code::IcpMissing), "");
    assert!(found(&site, Code::IcpInvalid).contains("4 digits instead of 6 to 12"));
}

#[test]
fn a_label_that_drops_the_code_is_a_warning() {
    let site = site_with(FILINGS);
    let word =
        "name = \"English\"\nstrings = { government_site_code = \"Government website code:\" }";
    common::edit(site.path(), &[("site.toml", "name = \"English\"", word)]);
    let generated = zonesite::generate(site.path(), None, false).unwrap();
    let slots: Vec<String> = generated
        .warnings
        .iter()
        .filter(|d| d.code == Code::ThemeWordSlot)
        .map(|d| format!("{}\n  hint: {}", d.message, d.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        slots,
        [
            "the word `government_site_code` is replaced without {code}, so pages show nothing where the theme puts it\n  hint: keep {code} in the new words: the theme's are \"政府网站标识码：{code}\""
        ]
    );
}

#[test]
fn a_government_site_is_asked_for_all_its_numbers() {
    let site = in_china(site_with(
        "language = \"en\"\nicp = \"辽ICP备12345678号-1\"\n",
    ));
    assert!(found(&site, Code::GovernmentSiteCodeMissing).contains("base_url is a government address (www.example-zone.gov.cn), but the site shows no government site code (政府网站标识码)"));
    assert!(
        found(&site, Code::PoliceFilingMissing)
            .contains("the site shows its ICP number but no public security filing number")
    );
    let site = in_china(site_with(FILINGS));
    assert_eq!(found(&site, Code::GovernmentSiteCodeMissing), "");
    assert_eq!(found(&site, Code::PoliceFilingMissing), "");
}

#[test]
fn a_huge_pasted_value_is_quoted_by_its_start_only() {
    let long = "辽ICP备1".repeat(20_000);
    let site = site_with(&format!("language = \"en\"\nicp = \"{long}号\"\n"));
    let problems = zonesite::generate(site.path(), None, false).expect_err("stops the build");
    let icp = problems
        .iter()
        .find(|d| d.code == Code::IcpInvalid)
        .expect("an icp-invalid error");
    assert!(icp.message.chars().count() < 200, "{}", icp.message);
    assert!(
        icp.message.starts_with("`辽ICP备1辽ICP备1"),
        "{}",
        icp.message
    );
}
