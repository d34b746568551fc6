//! No echo: a mistake is reported once, where it is, and not again as the "missing" page, date
//! or setting it leaves behind; and one mistake in site.toml does not hide the pages' own.

use crate::Site;

/// The kinds of problem `check` reports, each once, in order.
fn codes(site: &Site) -> Vec<&'static str> {
    let mut codes: Vec<&str> = site.check().iter().map(|d| d.code.as_str()).collect();
    codes.dedup();
    codes
}

/// A translation that exists but does not parse is reported as it is, not as missing.
#[test]
fn unreadable_translation_is_not_missing() {
    let site = Site::example();
    site.edit(
        "content/profile.zh.md",
        "title = \"园区概况\"",
        "title = 园区概况",
    );
    assert_eq!(
        site.report("toml-syntax"),
        r#"error[toml-syntax]: this text is not in double quotes
  --> content/profile.zh.md:2:9
  |
2 | title = 园区概况
  |         ^
  = hint: text goes in "double quotes": title = "园区概况"
"#
    );
    assert!(!codes(&site).contains(&"translation-missing"));
    site.edit(
        "content/profile.zh.md",
        "title = 园区概况",
        "title = \"园区概况\"",
    );
    site.assert_fixed("toml-syntax");
}

/// A story whose date cannot be read: its translation, which takes the story's date, is not
/// said to have none.
#[test]
fn translation_of_a_story_whose_date_failed_has_no_date_warning() {
    let site = Site::example();
    site.edit(
        "content/news/2020-results.md",
        "date = 2021-04-13",
        "date = 13/04/2021",
    );
    assert_eq!(
        site.report("toml-bad-date"),
        r#"error[toml-bad-date]: the front matter cannot read the date 13/04/2021
  --> content/news/2020-results.md:4:8
  |
4 | date = 13/04/2021
  |        ^
  = hint: a date is written year-month-day: date = 2021-04-13 (13 April 2021)
"#
    );
    assert!(!codes(&site).contains(&"news-no-date"));
    site.edit(
        "content/news/2020-results.md",
        "date = 13/04/2021",
        "date = 2021-04-13",
    );
    site.assert_fixed("news-no-date");
}

/// A menu entry whose page has a broken front matter: the page's problem, not a missing file.
#[test]
fn menu_target_with_broken_front_matter_is_not_missing() {
    let site = Site::example();
    site.edit("content/profile.md", "title = \"", "title = ");
    assert_eq!(
        site.report("toml-syntax"),
        r#"error[toml-syntax]: this text is not in double quotes
  --> content/profile.md:2:9
  |
2 | title = Zone profile"
  |         ^
  = hint: text goes in "double quotes": title = "Zone profile"
"#
    );
    assert!(!codes(&site).contains(&"menu-target-missing"));
    site.edit(
        "content/profile.md",
        "title = Zone profile\"",
        "title = \"Zone profile\"",
    );
    site.assert_fixed("menu-target-missing");
}

/// A mistake in site.toml no longer hides the pages' own problems: both are reported, the
/// pages' first.
#[test]
fn site_toml_error_does_not_hide_page_problems() {
    let site = Site::starter();
    site.edit("site.toml", "value = 1000", "value = 1,000");
    site.edit(
        "content/profile.md",
        "+++\n\n",
        "+++\n\n[The figures](statistcs.md).\n\n",
    );
    site.edit(
        "content/news/first-story.md",
        "date = 2024-01-31",
        "date = 31/01/2024",
    );
    let errors: Vec<(String, &str)> = site
        .check()
        .iter()
        .filter(|d| d.severity == zonesite::diagnostic::Severity::Error)
        .map(|d| (d.location.as_ref().unwrap().file.clone(), d.code.as_str()))
        .collect();
    let expected = [
        ("content/news/first-story.md", "toml-bad-date"),
        ("content/profile.md", "link-broken"),
        ("site.toml", "toml-number-separator"),
    ];
    assert_eq!(errors, expected.map(|(f, c)| (f.to_owned(), c)));
    site.edit("site.toml", "value = 1,000", "value = 1000");
    site.edit("content/profile.md", "statistcs.md", "statistics.md");
    site.edit(
        "content/news/first-story.md",
        "date = 31/01/2024",
        "date = 2024-01-31",
    );
    site.assert_fixed("link-broken");
}

/// While site.toml cannot be read, what needs it (facts, charts, menus, translations, the news
/// feed, industries) is not checked: the example site, which uses all of it, reports only the
/// site.toml mistake.
#[test]
fn site_toml_error_gives_no_false_page_problems() {
    let site = Site::example();
    site.edit("site.toml", "title = {", "title = {{");
    assert_eq!(codes(&site), ["toml-syntax"]);
}
