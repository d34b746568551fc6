//! Shortcodes written almost right in a page's prose: each is named with the editor's own words.

use crate::Site;

/// The page an editor writes to quote the office's details.
const PAGE: &str = "content/contact.md";

/// Writes the contact page with `sentence` as its text.
fn contact_page(site: &Site, sentence: &str) {
    site.write(
        PAGE,
        &format!("+++\ntitle = \"Contact\"\n+++\n\n{sentence}\n"),
    );
}

#[test]
fn shortcode_with_one_closing_brace() {
    let site = Site::starter();
    contact_page(&site, "Call us on {{ contact phone} or write.");
    assert_eq!(
        site.report("shortcode-syntax"),
        r#"error[shortcode-syntax]: this `{{` is not closed with `}}`
  --> content/contact.md:5:12
  |
5 | Call us on {{ contact phone} or write.
  |            ^
  = hint: write {{ contact phone }}, with two braces on each side; to show braces as they are, put them in `backticks`
"#
    );
    site.edit(PAGE, "{{ contact phone}", "{{ contact phone }}");
    site.assert_fixed("shortcode-syntax");
}

#[test]
fn shortcode_name_joined_with_a_dot() {
    let site = Site::starter();
    contact_page(&site, "Call us on {{ contact.phone }}.");
    assert_eq!(
        site.report("shortcode-syntax"),
        r#"error[shortcode-syntax]: `{{ contact.phone }}` needs a space after `contact`
  --> content/contact.md:5:12
  |
5 | Call us on {{ contact.phone }}.
  |            ^
  = hint: write {{ contact phone }}
"#
    );
    site.edit(PAGE, "{{ contact.phone }}", "{{ contact phone }}");
    site.assert_fixed("shortcode-syntax");
}

#[test]
fn shortcode_with_single_braces() {
    let site = Site::starter();
    contact_page(&site, "Call us on { contact phone }.");
    assert_eq!(
        site.report("shortcode-look-alike"),
        r#"warning[shortcode-look-alike]: `{ contact phone }` has one brace on each side, so the page shows it as it is
  --> content/contact.md:5:12
  |
5 | Call us on { contact phone }.
  |            ^
  = hint: write {{ contact phone }}, with two braces on each side
"#
    );
    site.edit(PAGE, "{ contact phone }", "{{ contact phone }}");
    site.assert_fixed("shortcode-look-alike");
}

#[test]
fn shortcode_with_full_width_braces() {
    let site = Site::starter();
    contact_page(&site, "欢迎致电 ｛｛ contact phone ｝｝。");
    assert_eq!(
        site.report("shortcode-look-alike"),
        r#"warning[shortcode-look-alike]: `｛｛ contact phone ｝｝` is written with the full-width braces ｛ ｝ of a Chinese input method, so the page shows it as it is
  --> content/contact.md:5:6
  |
5 | 欢迎致电 ｛｛ contact phone ｝｝。
  |          ^
  = hint: write {{ contact phone }} with plain braces { } (switch the input method to English punctuation)
"#
    );
    site.edit(PAGE, "｛｛ contact phone ｝｝", "{{ contact phone }}");
    site.assert_fixed("shortcode-look-alike");
}
