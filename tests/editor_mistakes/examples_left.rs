//! Examples of the starter kept inside the editor's own words: the zone's name in an edited
//! sentence, example addresses, an address copied with its `...` from a comment. (On the example
//! site, which has no starter text, so each report is of the one mistake made.)

use crate::Site;

/// Appends `lines` to the example site's site.toml.
fn append(site: &Site, lines: &str) {
    let text = site.read("site.toml");
    site.write("site.toml", &format!("{text}\n{lines}\n"));
}

#[test]
fn example_zone_name_left_in_an_edited_sentence() {
    let site = Site::example();
    site.edit(
        "site.toml",
        "Facts and figures on the Shenyang High-Tech Industrial Development Zone in",
        "Facts and figures on the Example Zone in",
    );
    assert_eq!(
        site.report("example-text"),
        r#"warning[example-text]: [site] description (en) still names the example zone of `zonesite init`: "Example Zone"
  --> site.toml:11:22
   |
11 | description = { en = "Facts and figures on the Example Zone in Northeast China: research base, technology market and leading industries.", zh…
   |                      ^
  = hint: write your zone's own name in place of Example Zone
"#
    );
    site.edit("site.toml", "the Example Zone in", "the Shenyang zone in");
    site.assert_fixed("example-text");
}

#[test]
fn email_on_an_example_domain() {
    let site = Site::example();
    append(&site, "[contact]\nemail = \"invest@example.com\"");
    assert_eq!(
        site.report("example-text"),
        r#"warning[example-text]: [contact] email "invest@example.com" is an example address: example.com is kept for examples and reaches nobody
  --> site.toml:404:9
    |
404 | email = "invest@example.com"
    |         ^
  = hint: write the real address of the office
"#
    );
    site.edit("site.toml", "invest@example.com", "invest@syhitech.gov.cn");
    site.assert_fixed("example-text");
}

#[test]
fn source_address_copied_from_the_comment() {
    let site = Site::example();
    site.edit(
        "site.toml",
        "id = \"china_daily_2021\"\n",
        "id = \"china_daily_2021\"\nurl = \"https://...\"\n",
    );
    assert_eq!(
        site.report("example-text"),
        r#"warning[example-text]: [[sources]] url "https://..." is the example from a comment of site.toml, with its ...
  --> site.toml:87:7
   |
87 | url = "https://..."
   |       ^
  = hint: write the whole address of the page, or delete this line
"#
    );
    site.edit("site.toml", "url = \"https://...\"\n", "");
    site.assert_fixed("example-text");
}

#[test]
fn base_url_on_this_computer() {
    let site = Site::starter();
    site.mistake(
        "site.toml",
        "base_url = \"https://example.org/\"",
        "base_url = \"http://localhost:1111/\"",
        "base-url-example",
        r#"warning[base-url-example]: base_url is http://localhost:1111/, an address on this computer: links in the sitemap, feed and search results would lead readers to their own computer
  --> site.toml
  = hint: write the address the site will be published at, for example base_url = "https://www.your-zone.gov.cn/"
"#,
        "base_url = \"https://www.your-zone.gov.cn/\"",
    );
}
