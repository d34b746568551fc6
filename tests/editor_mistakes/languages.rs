//! Mistakes of a second language: translations the site cannot place, and texts left in one
//! language.

use zonesite::diagnostic::render_all;

use crate::{Site, day};

/// The five commented lines of the starter that declare the second language.
const LANGUAGE_BLOCK: [&str; 5] = [
    "[languages.en]",
    "name = \"English\"",
    "[languages.zh]",
    "tag = \"zh-Hans\"",
    "name = \"中文\"",
];

/// Removes the # signs in front of the starter's language block, as its comment says.
fn declare_chinese(site: &Site) {
    for line in LANGUAGE_BLOCK {
        site.edit("site.toml", &format!("# {line}"), line);
    }
}

#[test]
fn translation_written_before_the_language_is_declared() {
    let site = Site::starter();
    site.write(
        "content/profile.zh.md",
        "+++\ntitle = \"园区概况\"\n+++\n\n园区位于城市北部。\n",
    );
    assert_eq!(
        site.report("translation-language-unknown"),
        r#"error[translation-language-unknown]: this file's name ends in .zh.md, a translation into `zh`, but site.toml declares no language `zh`
  --> content/profile.zh.md
  = hint: in site.toml, remove the # signs in front of the five lines from `# [languages.en]` to `# name = "中文"`: they declare the language zh
"#
    );
    // Nothing else is said of the file: no page at /profile.zh/, no second message.
    let about_it = site
        .check()
        .into_iter()
        .filter(|d| {
            d.location
                .as_ref()
                .is_some_and(|l| l.file == "content/profile.zh.md")
        })
        .count();
    assert_eq!(about_it, 1);
    declare_chinese(&site);
    site.assert_fixed("translation-language-unknown");
}

/// A Chinese translation of `profile.md`.
const PROFILE_ZH: &str = "+++\ntitle = \"园区概况\"\n+++\n\n园区位于城市北部。\n";

/// Appends `lines` to site.toml, as the hint says.
fn add_at_the_end(site: &Site, lines: &str) {
    let text = site.read("site.toml");
    site.write("site.toml", &format!("{text}\n{lines}"));
}

#[test]
fn translation_on_a_site_whose_language_is_not_english() {
    let site = Site::starter();
    site.edit("site.toml", "language = \"en\"", "language = \"fr\"");
    site.write("content/profile.zh.md", PROFILE_ZH);
    assert_eq!(
        site.report("translation-language-unknown"),
        r#"error[translation-language-unknown]: this file's name ends in .zh.md, a translation into `zh`, but site.toml declares no language `zh`
  --> content/profile.zh.md
  = hint: declare both languages: add the two lines [languages.fr] and [languages.zh] at the end of site.toml
"#
    );
    add_at_the_end(&site, "[languages.fr]\n[languages.zh]\n");
    site.assert_fixed("translation-language-unknown");
}

#[test]
fn translation_after_the_commented_languages_were_deleted() {
    let site = Site::starter();
    for line in LANGUAGE_BLOCK {
        site.edit("site.toml", &format!("# {line}\n"), "");
    }
    site.write("content/profile.zh.md", PROFILE_ZH);
    assert_eq!(
        site.report("translation-language-unknown"),
        r#"error[translation-language-unknown]: this file's name ends in .zh.md, a translation into `zh`, but site.toml declares no language `zh`
  --> content/profile.zh.md
  = hint: declare both languages: add the two lines [languages.en] and [languages.zh] at the end of site.toml
"#
    );
    add_at_the_end(&site, "[languages.en]\n[languages.zh]\n");
    site.assert_fixed("translation-language-unknown");
}

#[test]
fn translation_on_a_site_whose_language_is_set_by_its_tag() {
    let site = Site::starter();
    site.edit("site.toml", "language = \"en\"", "language = \"zh-Hans\"");
    site.write(
        "content/profile.en.md",
        "+++\ntitle = \"Profile\"\n+++\n\nThe zone lies north of the city.\n",
    );
    assert_eq!(
        site.report("translation-language-unknown"),
        r#"error[translation-language-unknown]: this file's name ends in .en.md, a translation into `en`, but site.toml declares no language `en`
  --> content/profile.en.md
  = hint: declare both languages: add the three lines [languages.zh], tag = "zh-Hans" and [languages.en] at the end of site.toml, then in [site] change language = "zh-Hans" to language = "zh"
"#
    );
    add_at_the_end(&site, "[languages.zh]\ntag = \"zh-Hans\"\n[languages.en]\n");
    site.edit("site.toml", "language = \"zh-Hans\"", "language = \"zh\"");
    site.assert_fixed("translation-language-unknown");
}

#[test]
fn translation_named_zh_while_the_site_declares_cn() {
    let site = Site::starter();
    declare_chinese(&site);
    site.edit("site.toml", "[languages.zh]", "[languages.cn]");
    site.write(
        "content/profile.zh.md",
        "+++\ntitle = \"园区概况\"\n+++\n\n园区位于城市北部。\n",
    );
    assert_eq!(
        site.report("translation-language-unknown"),
        r#"error[translation-language-unknown]: this file's name ends in .zh.md, a translation into `zh`, but site.toml declares no language `zh`
  --> content/profile.zh.md
  = hint: site.toml declares the language as `cn`, the code of a country; the language's code is `zh`: rename [languages.cn] to [languages.zh] in site.toml
"#
    );
    site.edit("site.toml", "[languages.cn]", "[languages.zh]");
    site.assert_fixed("translation-language-unknown");
}

#[test]
fn industry_name_written_in_one_language_on_a_bilingual_site() {
    let site = Site::example();
    site.mistake(
        "site.toml",
        "name = { en = \"High-end manufacturing\", zh = \"高端制造\" }",
        "name = \"High-end manufacturing\"",
        "translation-missing-text",
        r#"warning[translation-missing-text]: [[industries]] name is written in one language only: the 中文 pages show it as it is
  --> site.toml:295:8
    |
295 | name = "High-end manufacturing"
    |        ^
  = hint: write it per language, with the translation in place of ...: name = { en = "High-end manufacturing", zh = "..." }
"#,
        "name = { en = \"High-end manufacturing\", zh = \"高端制造\" }",
    );
}

#[test]
fn industry_added_by_new_on_a_bilingual_site() {
    let site = Site::example();
    zonesite::scaffold::new_page::new_page(site.path(), "industries/robotics", None, day())
        .unwrap();
    // `new` writes the name per language, the translation left as ... for check to ask for.
    assert!(
        site.read("site.toml")
            .contains("name = { en = \"Robotics\", zh = \"...\" }"),
    );
    assert_eq!(
        site.report("translation-missing-text"),
        r#"warning[translation-missing-text]: 1 text in site.toml has no 中文 version yet: industry robotics (name)
  --> site.toml
  = hint: write the 中文 words in each (in place of ... where it stands), for example label = { en = "Firms", zh = "企业" }
"#
    );
    site.edit("site.toml", "zh = \"...\"", "zh = \"机器人\"");
    site.assert_fixed("translation-missing-text");
}

/// A site that leaves `language` out is in English: `new` still writes the name per language.
#[test]
fn industry_added_by_new_on_a_bilingual_site_without_a_language_setting() {
    let site = Site::example();
    site.edit("site.toml", "language = \"en\"\n", "");
    zonesite::scaffold::new_page::new_page(site.path(), "industries/robotics", None, day())
        .unwrap();
    assert!(
        site.read("site.toml")
            .contains("name = { en = \"Robotics\", zh = \"...\" }"),
    );
}

#[test]
fn translation_title_kept_from_the_default_page() {
    let site = Site::example();
    site.edit(
        "content/parks.zh.md",
        "title = \"产业园区\"",
        "title = \"Industrial parks\"",
    );
    assert_eq!(
        site.report("translation-title-untranslated"),
        r#"warning[translation-title-untranslated]: the title is not translated yet: it is the English page's title, "Industrial parks" (content/parks.md)
  --> content/parks.zh.md:2:10
  |
2 | title = "Industrial parks"
  |          ^
  = hint: write the 中文 title in place of "Industrial parks"
"#
    );
    site.edit("content/parks.zh.md", "Industrial parks", "产业园区");
    site.assert_fixed("translation-title-untranslated");
}

#[test]
fn translation_of_a_page_that_does_not_exist() {
    let site = Site::example();
    std::fs::remove_file(site.path().join("content/profile.zh.md")).unwrap();
    let error = new(&site, "profil", "zh").unwrap_err();
    assert_eq!(
        render_all(&[error.diagnostic()]),
        "error[new-no-original]: there is no content/profil.md to translate: a translation sits beside its English page
  = hint: did you mean `zonesite new profile --lang zh`?
"
    );
    assert!(!site.path().join("content/profil.zh.md").exists());
    new(&site, "profile", "zh").unwrap();
    assert!(site.path().join("content/profile.zh.md").exists());
    let error = new(&site, "parkland", "zh").unwrap_err();
    assert_eq!(
        render_all(&[error.diagnostic()]),
        "error[new-no-original]: there is no content/parkland.md to translate: a translation sits beside its English page
  = hint: write the English page first (zonesite new parkland), then translate it (zonesite new parkland --lang zh)
"
    );
    let created = zonesite::scaffold::new_page::new_page(site.path(), "parkland", None, day());
    assert!(created.is_ok());
    new(&site, "parkland", "zh").unwrap();
}

/// `zonesite new PAGE --lang LANG`, on the day the tests are pinned to.
fn new(
    site: &Site,
    page: &str,
    lang: &str,
) -> Result<zonesite::scaffold::new_page::NewPage, zonesite::scaffold::new_page::NewError> {
    zonesite::scaffold::new_page::new_page(site.path(), page, Some(lang), day())
}

#[test]
fn translation_named_with_the_language_tag() {
    let site = Site::example();
    std::fs::rename(
        site.path().join("content/profile.zh.md"),
        site.path().join("content/profile.zh-Hans.md"),
    )
    .unwrap();
    assert_eq!(
        site.report("translation-language-unknown"),
        r##"error[translation-language-unknown]: this file's name ends in .zh-Hans.md, a translation into `zh-Hans`, but site.toml declares no language `zh-Hans`
  --> content/profile.zh-Hans.md
  = hint: a file name takes the language's key, not its tag: name the file profile.zh.md
"##
    );
    std::fs::rename(
        site.path().join("content/profile.zh-Hans.md"),
        site.path().join("content/profile.zh.md"),
    )
    .unwrap();
    site.assert_fixed("translation-language-unknown");
}

#[test]
fn translation_left_as_the_dots_of_the_hint() {
    let site = Site::example();
    site.mistake(
        "site.toml",
        "title = { en = \"Shenyang High-Tech Zone\", zh = \"沈阳高新区\" }",
        "title = { en = \"Shenyang High-Tech Zone\", zh = \"...\" }",
        "translation-missing-text",
        "warning[translation-missing-text]: 1 text in site.toml has no 中文 version yet: the site's title
  --> site.toml
  = hint: write the 中文 words in each (in place of ... where it stands), for example label = { en = \"Firms\", zh = \"企业\" }
",
        "title = { en = \"Shenyang High-Tech Zone\", zh = \"沈阳高新区\" }",
    );
}

#[test]
fn english_text_missing_on_a_bilingual_site() {
    Site::example().mistake(
        "site.toml",
        "label = { en = \"Profile\", zh = \"园区概况\" }",
        "label = { en = \"...\", zh = \"园区概况\" }",
        "translation-missing-text",
        r#"warning[translation-missing-text]: 1 text in site.toml has no English version yet: the menu entry for profile.md
  --> site.toml
  = hint: write the English words in each (in place of ... where it stands), for example label = { zh = "企业", en = "Firms" }
"#,
        "label = { en = \"Profile\", zh = \"园区概况\" }",
    );
}

#[test]
fn translation_title_kept_with_a_note_that_names_it() {
    Site::example().mistake(
        "content/parks.zh.md",
        "title = \"产业园区\"",
        "# English: Industrial parks\ntitle = \"Industrial parks\"",
        "translation-title-untranslated",
        r#"warning[translation-title-untranslated]: the title is not translated yet: it is the English page's title, "Industrial parks" (content/parks.md)
  --> content/parks.zh.md:3:10
  |
3 | title = "Industrial parks"
  |          ^
  = hint: write the 中文 title in place of "Industrial parks"
"#,
        "# English: Industrial parks\ntitle = \"产业园区\"",
    );
}

/// A translation still marked a placeholder is reported as that, however the mark is written.
#[test]
fn placeholder_translation_title_is_not_reported_twice() {
    let site = Site::example();
    site.edit(
        "content/parks.zh.md",
        "title = \"产业园区\"",
        "title = \"Industrial parks\"\nplaceholder=true # to translate",
    );
    let codes: Vec<&str> = site.check().iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"page-placeholder"), "{codes:?}");
    assert!(
        !codes.contains(&"translation-title-untranslated"),
        "{codes:?}"
    );
}

#[test]
fn translation_into_a_third_language_not_declared() {
    let site = Site::example();
    site.write(
        "content/profile.fr.md",
        "+++\ntitle = \"Profil de la zone\"\n+++\n\nLa zone se trouve à Shenyang.\n",
    );
    assert_eq!(
        site.report("translation-language-unknown"),
        r#"error[translation-language-unknown]: this file's name ends in .fr.md, a translation into `fr`, but site.toml declares no language `fr`
  --> content/profile.fr.md
  = hint: to publish it in a language of its own, add the line [languages.fr] at the end of site.toml; if it is in a language the site has (zh), name the file profile.zh.md
"#
    );
    let text = site.read("site.toml");
    site.write("site.toml", &format!("{text}\n[languages.fr]\n"));
    site.assert_fixed("translation-language-unknown");
}
