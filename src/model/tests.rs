//! The model on sites built in memory: sections and their order, translations and what they
//! inherit, addresses, industries, menus and drafts.

use super::*;
use crate::diagnostic::{Code, Diagnostic};

use crate::testing::{SITE_TOML, model};

/// The page published from content file `key`.
fn page<'s>(site: &'s Site, key: &str) -> &'s Page {
    &site.pages[site.by_key[key]]
}

/// The keys of the pages a section lists, in its order.
fn listed(site: &Site, index_key: &str) -> Vec<String> {
    let section = site.section_of_index[&site.by_key[index_key]];
    site.sections[section]
        .pages
        .iter()
        .map(|&id| site.pages[id].key.clone())
        .collect()
}

fn codes(problems: &[Diagnostic]) -> Vec<Code> {
    problems.iter().map(|d| d.code).collect()
}

#[test]
fn a_site_without_home_pages_gets_one_per_language() {
    let (site, problems) = model(SITE_TOML, &[("about.md", "# About\n")], false);
    let en = site.home(LangId::DEFAULT);
    let zh = site.home(LangId::at(1));
    assert_eq!(site.pages[en].title, "Test Zone");
    assert_eq!(site.pages[zh].title, "测试园区");
    assert_eq!(site.pages[zh].url.display(), "/zh/");
    assert!(site.pages[en].generated && site.pages[zh].generated);
    // The one written page is untranslated: said once, for Chinese.
    assert_eq!(codes(&problems), [Code::TranslationMissing]);
}

#[test]
fn sections_list_their_pages_by_weight_or_newest_first() {
    let files = [
        ("_index.md", "# Home\n"),
        ("guide/_index.md", "# Guide\n"),
        ("guide/b.md", "+++\ntitle = \"B\"\nweight = 2\n+++\n"),
        ("guide/a.md", "+++\ntitle = \"A\"\nweight = 1\n+++\n"),
        ("guide/deep/c.md", "# C\n"),
        (
            "news/_index.md",
            "+++\ntitle = \"News\"\nsort_by = \"date\"\n+++\n",
        ),
        (
            "news/old.md",
            "+++\ntitle = \"Old\"\ndate = 2020-01-01\n+++\n",
        ),
        (
            "news/new.md",
            "+++\ntitle = \"New\"\ndate = 2022-01-01\n+++\n",
        ),
    ];
    let (site, _) = model(SITE_TOML, &files, false);
    // A page in a folder without its own _index.md belongs to the nearest section above it; a
    // page without a weight weighs 0, so it comes first.
    assert_eq!(
        listed(&site, "guide/_index.md"),
        ["guide/deep/c.md", "guide/a.md", "guide/b.md"]
    );
    assert_eq!(
        listed(&site, "news/_index.md"),
        ["news/new.md", "news/old.md"]
    );
    assert!(site.is_news(site.by_key["news/new.md"]));
    assert!(!site.is_news(site.by_key["guide/a.md"]));
    assert_eq!(
        page(&site, "guide/deep/c.md").url.display(),
        "/guide/deep/c/"
    );
}

#[test]
fn a_translation_takes_the_settings_it_leaves_out() {
    let files = [
        ("_index.md", "# Home\n"),
        ("_index.zh.md", "# 首页\n"),
        (
            "news/_index.md",
            "+++\ntitle = \"News\"\nslug = \"stories\"\n+++\n",
        ),
        ("news/_index.zh.md", "# 新闻\n"),
        (
            "news/opening.md",
            "+++\ntitle = \"Opening\"\ndate = 2021-04-13\nweight = 3\n+++\n",
        ),
        ("news/opening.zh.md", "# 开幕\n"),
    ];
    let (site, problems) = model(SITE_TOML, &files, false);
    assert_eq!(problems, []);
    let zh = page(&site, "news/opening.zh.md");
    let en = page(&site, "news/opening.md");
    assert_eq!((zh.date, zh.weight), (en.date, en.weight));
    assert_eq!(zh.url.display(), "/zh/stories/opening/");
    assert_eq!(
        site.translation(site.by_key["news/opening.md"], LangId::at(1)),
        Some(site.by_key["news/opening.zh.md"])
    );
    // A Chinese link to the English file name leads to the Chinese page.
    assert_eq!(
        site.resolve_link("news/opening.md", LangId::at(1)),
        Some(site.by_key["news/opening.zh.md"])
    );
}

#[test]
fn the_language_switcher_never_leads_to_a_missing_page() {
    let files = [
        ("_index.md", "# Home\n"),
        ("_index.zh.md", "# 首页\n"),
        ("news/_index.md", "# News\n"),
        ("news/_index.zh.md", "# 新闻\n"),
        ("news/only-english.md", "# Only in English\n"),
        ("about.md", "# About\n"),
    ];
    let (site, _) = model(SITE_TOML, &files, false);
    let zh = LangId::at(1);
    assert_eq!(
        site.switch_target(site.by_key["news/only-english.md"], zh),
        site.by_key["news/_index.zh.md"]
    );
    assert_eq!(
        site.switch_target(site.by_key["about.md"], zh),
        site.home(zh)
    );
}

#[test]
fn two_pages_for_one_address_are_an_error() {
    let files = [
        ("_index.md", "# Home\n"),
        ("a.md", "+++\ntitle = \"A\"\nslug = \"same\"\n+++\n"),
        ("same.md", "# Same\n"),
    ];
    let (_, problems) = model(SITE_TOML, &files, false);
    assert!(
        codes(&problems).contains(&Code::UrlCollision),
        "{problems:?}"
    );
}

#[test]
fn aliases_become_addresses_and_must_stay_inside_the_site() {
    let files = [
        ("_index.md", "# Home\n"),
        ("a.md", "+++\ntitle = \"A\"\naliases = [\"/old-a/\"]\n+++\n"),
        (
            "b.md",
            "+++\ntitle = \"B\"\naliases = [\"https://elsewhere.example/\"]\n+++\n",
        ),
    ];
    let (site, problems) = model(SITE_TOML, &files, false);
    let aliases: Vec<String> = page(&site, "a.md")
        .aliases
        .iter()
        .map(UrlPath::display)
        .collect();
    assert_eq!(aliases, ["/old-a/"]);
    assert!(
        codes(&problems).contains(&Code::AliasInvalid),
        "{problems:?}"
    );
}

#[test]
fn drafts_stay_out_unless_asked_for() {
    let files = [
        ("_index.md", "# Home\n"),
        ("soon.md", "+++\ntitle = \"Soon\"\ndraft = true\n+++\n"),
    ];
    let (without, _) = model(SITE_TOML, &files, false);
    assert!(!without.by_key.contains_key("soon.md"));
    assert!(without.drafts.contains("soon.md"));
    let (with, _) = model(SITE_TOML, &files, true);
    assert!(with.by_key.contains_key("soon.md"));
}

#[test]
fn the_menu_follows_site_toml_in_every_language() {
    let toml = format!(
        "{SITE_TOML}\n[[menu]]\nlabel = {{ en = \"About\", zh = \"关于\" }}\ntarget = \"about.md\"\nweight = 1\n"
    );
    let files = [
        ("_index.md", "# Home\n"),
        ("about.md", "# About\n"),
        ("about.zh.md", "# 关于\n"),
    ];
    let (site, _) = model(&toml, &files, false);
    let zh: Vec<(&str, String)> = site.menus[1]
        .iter()
        .map(|m| (m.label.as_str(), m.url.display()))
        .collect();
    assert_eq!(zh, [("关于", "/zh/about/".to_owned())]);
}

#[test]
fn a_menu_entry_to_no_file_is_an_error_with_a_suggestion() {
    let toml = format!("{SITE_TOML}\n[[menu]]\nlabel = \"About\"\ntarget = \"abuot.md\"\n");
    let (_, problems) = model(
        &toml,
        &[("_index.md", "# Home\n"), ("about.md", "# About\n")],
        false,
    );
    let menu = problems
        .iter()
        .find(|d| d.code == Code::MenuTargetMissing)
        .expect("the menu entry is reported");
    assert_eq!(menu.hint.as_deref(), Some("did you mean `about.md`?"));
}
