//! The contact details in pages: `{{ contact phone }}` and its kin, and `[contact]` per language.

use crate::Site;

/// The page an editor writes to quote the office's details.
const CONTACT_PAGE: &str = "content/contact.md";

/// The published HTML of the page at `file` (`contact/index.html`) of `site`.
fn html(site: &Site, file: &str) -> String {
    let generated = zonesite::generate(site.path(), None, false).expect("the site builds");
    let (_, bytes) = generated
        .output
        .files()
        .find(|(name, _)| *name == file)
        .unwrap_or_else(|| panic!("no {file}"));
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn contact_shortcodes_show_the_details_with_links() {
    let site = Site::starter();
    site.write(
        CONTACT_PAGE,
        "+++\ntitle = \"Contact\"\n+++\n\nCall {{ contact phone }} or write to {{ contact email }}.\n\n{{ contact office }}, {{ contact address }}\n\n[Our number: {{ contact phone }}](https://example.org/call)\n",
    );
    let page = html(&site, "contact/index.html");
    assert!(
        page.contains("<p>Call <a href=\"tel:+0000000000000\">+00 000 0000 0000</a> or write to <a href=\"mailto:office@example.org\">office@example.org</a>.</p>\n<p>Investment promotion office, Street, city, postcode</p>"),
        "{page}"
    );
    // Inside a link, a link cannot go: the number is plain text.
    assert!(
        page.contains("<a href=\"https://example.org/call\">Our number: +00 000 0000 0000</a>"),
        "{page}"
    );
}

#[test]
fn contact_texts_in_each_language() {
    let site = Site::example();
    site.edit(
        "site.toml",
        "# Who the zone is.\n",
        "[contact]\noffice = { en = \"Investment promotion office\", zh = \"投资促进局\" }\naddress = { en = \"Shenyang, Liaoning\", zh = \"辽宁省沈阳市\" }\n\n# Who the zone is.\n",
    );
    site.edit(
        "content/profile.zh.md",
        "+++\n\n",
        "+++\n\n请联系{{ contact office }}（{{ contact address }}）。\n\n",
    );
    let home = html(&site, "zh/index.html");
    assert!(home.contains("<strong>投资促进局</strong><br>"), "{home}");
    assert!(home.contains("辽宁省沈阳市<br>"), "{home}");
    assert!(!home.contains("Investment promotion office"), "{home}");
    let profile = html(&site, "zh/profile/index.html");
    assert!(
        profile.contains("请联系投资促进局（辽宁省沈阳市）。"),
        "{profile}"
    );
    let english = html(&site, "index.html");
    assert!(english.contains("<strong>Investment promotion office</strong><br>"));
}

#[test]
fn contact_detail_misspelt() {
    let site = Site::starter();
    site.write(
        CONTACT_PAGE,
        "+++\ntitle = \"Contact\"\n+++\n\nCall us on {{ contact telephone }}.\n",
    );
    assert_eq!(
        site.report("contact-unknown"),
        "error[contact-unknown]: unknown contact detail `telephone` in `{{ contact telephone }}`
  --> content/contact.md:5:12
  |
5 | Call us on {{ contact telephone }}.
  |            ^
  = hint: did you mean `phone`? Write {{ contact phone }}
"
    );
    site.edit(
        CONTACT_PAGE,
        "{{ contact telephone }}",
        "{{ contact phone }}",
    );
    site.assert_fixed("contact-unknown");
}

#[test]
fn contact_detail_the_contact_table_lacks() {
    let site = Site::starter();
    site.edit("site.toml", "phone = \"+00 000 0000 0000\"\n", "");
    site.write(
        CONTACT_PAGE,
        "+++\ntitle = \"Contact\"\n+++\n\nCall us on {{ contact phone }}.\n",
    );
    assert_eq!(
        site.report("contact-no-detail"),
        "error[contact-no-detail]: `{{ contact phone }}` has nothing to show: [contact] in site.toml has no phone
  --> content/contact.md:5:12
  |
5 | Call us on {{ contact phone }}.
  |            ^
  = hint: add phone = \"<the office's telephone number>\" below [contact] in site.toml
"
    );
    site.edit(
        "site.toml",
        "[contact]\n",
        "[contact]\nphone = \"+86 24 2378 0000\"\n",
    );
    site.assert_fixed("contact-no-detail");
}

#[test]
fn contact_detail_in_a_site_without_contact_table() {
    let site = Site::example();
    site.write(
        CONTACT_PAGE,
        "+++\ntitle = \"Contact\"\n+++\n\nWrite to {{ contact email }}.\n",
    );
    assert_eq!(
        site.report("contact-no-detail"),
        "error[contact-no-detail]: `{{ contact email }}` has nothing to show: site.toml has no [contact] table
  --> content/contact.md:5:10
  |
5 | Write to {{ contact email }}.
  |          ^
  = hint: add the office's details at the end of site.toml: a line [contact], and below it email = \"<the office's email address>\"
"
    );
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[contact]\nemail = \"invest@syhitech.example.cn\"\n"),
    );
    site.assert_fixed("contact-no-detail");
}
