//! Mistakes in site.toml's settings.

use crate::Site;

#[test]
fn base_url_left_as_the_example() {
    let site = Site::starter();
    assert_eq!(
        site.report("base-url-example"),
        r#"warning[base-url-example]: base_url is still the example address https://example.org/: links in the sitemap, feed and search results would lead there
  --> site.toml
  = hint: write the address the site will be published at, for example base_url = "https://www.your-zone.gov.cn/"
"#
    );
    site.edit(
        "site.toml",
        "base_url = \"https://example.org/\"",
        "base_url = \"https://www.your-zone.gov.cn/\"",
    );
    site.assert_fixed("base-url-example");
}

#[test]
fn language_named_instead_of_its_code() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        "# [languages.en]\n# name = \"English\"\n# [languages.zh]\n# tag = \"zh-Hans\"\n# name = \"中文\"",
        "[languages.en]\nname = \"English\"\n[languages.zh]\ntag = \"Chinese\"\nname = \"中文\"",
    );
    let report = site.report("language-tag-invalid");
    assert!(
        report.starts_with("error[language-tag-invalid]: `Chinese` is not a language code\n"),
        "{report}"
    );
    assert!(
        report.ends_with("  = hint: write the language's code, not its name: tag = \"zh-Hans\"\n"),
        "{report}"
    );
    site.edit("site.toml", "tag = \"Chinese\"", "tag = \"zh-Hans\"");
    site.assert_fixed("language-tag-invalid");
}
