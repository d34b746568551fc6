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
