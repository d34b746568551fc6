//! The contact details as the office types them: a prefix, a full-width character, two of them.

use crate::Site;

/// The starter's email line, as `init` writes it.
const EMAIL: &str = "email = \"office@example.org\"";

/// The starter's phone line, as `init` writes it.
const PHONE: &str = "phone = \"+00 000 0000 0000\"";

#[test]
fn email_written_with_mailto() {
    let site = Site::starter();
    site.edit("site.toml", EMAIL, "email = \"mailto:invest@zone.gov.cn\"");
    assert_eq!(
        site.report("contact-email-invalid"),
        r#"error[contact-email-invalid]: `mailto:invest@zone.gov.cn` starts with mailto:, which the site adds itself
  --> site.toml:165:9
    |
165 | email = "mailto:invest@zone.gov.cn"
    |         ^
  = hint: write the address alone: email = "invest@zone.gov.cn"
"#
    );
    site.edit(
        "site.toml",
        "email = \"mailto:invest@zone.gov.cn\"",
        "email = \"invest@zone.gov.cn\"",
    );
    site.assert_fixed("contact-email-invalid");
}

#[test]
fn email_with_a_full_width_at() {
    let site = Site::starter();
    site.edit("site.toml", EMAIL, "email = \"invest＠zone.gov.cn\"");
    assert_eq!(
        site.report("contact-email-invalid"),
        r#"error[contact-email-invalid]: `invest＠zone.gov.cn` has the full-width ＠ of a Chinese input method, which no mail program reads
  --> site.toml:165:9
    |
165 | email = "invest＠zone.gov.cn"
    |         ^
  = hint: type a plain @ (switch the input method to English punctuation): email = "invest@zone.gov.cn"
"#
    );
    site.edit(
        "site.toml",
        "email = \"invest＠zone.gov.cn\"",
        "email = \"invest@zone.gov.cn\"",
    );
    site.assert_fixed("contact-email-invalid");
}

#[test]
fn two_emails_in_one_field() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        EMAIL,
        "email = \"invest@zone.gov.cn; info@zone.gov.cn\"",
    );
    assert_eq!(
        site.report("contact-email-invalid"),
        r#"error[contact-email-invalid]: `invest@zone.gov.cn; info@zone.gov.cn` holds more than one address: the link can lead to one only
  --> site.toml:165:9
    |
165 | email = "invest@zone.gov.cn; info@zone.gov.cn"
    |         ^
  = hint: keep one address, the one investors should write to: email = "invest@zone.gov.cn"
"#
    );
    site.edit(
        "site.toml",
        "email = \"invest@zone.gov.cn; info@zone.gov.cn\"",
        "email = \"invest@zone.gov.cn\"",
    );
    site.assert_fixed("contact-email-invalid");
}

#[test]
fn email_without_a_domain() {
    let site = Site::starter();
    site.edit("site.toml", EMAIL, "email = \"invest@zone\"");
    assert_eq!(
        site.report("contact-email-invalid"),
        r#"error[contact-email-invalid]: `invest@zone` is not a whole email address: after the @ comes a domain with a dot, like your-zone.gov.cn
  --> site.toml:165:9
    |
165 | email = "invest@zone"
    |         ^
  = hint: copy the address from a mail the office sent, for example email = "invest@your-zone.gov.cn"
"#
    );
    site.edit(
        "site.toml",
        "email = \"invest@zone\"",
        "email = \"invest@your-zone.gov.cn\"",
    );
    site.assert_fixed("contact-email-invalid");
}

#[test]
fn phone_with_a_label_and_a_second_number() {
    let site = Site::starter();
    site.edit("site.toml", PHONE, "phone = \"Tel: +86 24 2383 4567\"");
    assert_eq!(
        site.report("contact-phone-invalid"),
        r#"warning[contact-phone-invalid]: phone `Tel: +86 24 2383 4567` has more than a number: a phone is written with digits, spaces and + - ( ) . only
  --> site.toml:164:9
    |
164 | phone = "Tel: +86 24 2383 4567"
    |         ^
  = hint: write the number alone: phone = "+86 24 2383 4567"
"#
    );
    site.mistake(
        "site.toml",
        "phone = \"Tel: +86 24 2383 4567\"",
        "phone = \"+86 24 2383 4567 / 2383 4568\"",
        "contact-phone-invalid",
        r#"warning[contact-phone-invalid]: phone `+86 24 2383 4567 / 2383 4568` holds more than one number: the link calls one only
  --> site.toml:164:9
    |
164 | phone = "+86 24 2383 4567 / 2383 4568"
    |         ^
  = hint: keep one number (write the others in a page's text): phone = "+86 24 2383 4567"
"#,
        "phone = \"+86 24 2383 4567\"",
    );
}

#[test]
fn email_with_a_label() {
    Site::starter().mistake(
        "site.toml",
        EMAIL,
        "email = \"Email: invest@zone.cn\"",
        "contact-email-invalid",
        r#"error[contact-email-invalid]: `Email: invest@zone.cn` starts with the label `Email:`: the field holds the address only
  --> site.toml:165:9
    |
165 | email = "Email: invest@zone.cn"
    |         ^
  = hint: write the address alone: email = "invest@zone.cn"
"#,
        "email = \"invest@zone.cn\"",
    );
}

#[test]
fn email_with_a_chinese_label() {
    Site::starter().mistake(
        "site.toml",
        EMAIL,
        "email = \"邮箱：invest@zone.cn\"",
        "contact-email-invalid",
        r#"error[contact-email-invalid]: `邮箱：invest@zone.cn` starts with the label `邮箱：`: the field holds the address only
  --> site.toml:165:9
    |
165 | email = "邮箱：invest@zone.cn"
    |         ^
  = hint: write the address alone: email = "invest@zone.cn"
"#,
        "email = \"invest@zone.cn\"",
    );
}

#[test]
fn email_with_a_doubled_at() {
    Site::starter().mistake(
        "site.toml",
        EMAIL,
        "email = \"invest@@zone.cn\"",
        "contact-email-invalid",
        r#"error[contact-email-invalid]: `invest@@zone.cn` has the @ twice in a row: an address has one @
  --> site.toml:165:9
    |
165 | email = "invest@@zone.cn"
    |         ^
  = hint: write one @: email = "invest@zone.cn"
"#,
        "email = \"invest@zone.cn\"",
    );
}

#[test]
fn phone_with_an_extension() {
    Site::starter().mistake(
        "site.toml",
        PHONE,
        "phone = \"024-2345-6789 ext. 12\"",
        "contact-phone-invalid",
        r#"warning[contact-phone-invalid]: phone `024-2345-6789 ext. 12` has more than a number: a phone is written with digits, spaces and + - ( ) . only
  --> site.toml:164:9
    |
164 | phone = "024-2345-6789 ext. 12"
    |         ^
  = hint: write the number alone (an extension or opening hours go in a page's text): phone = "024-2345-6789"
"#,
        "phone = \"024-2345-6789\"",
    );
}

#[test]
fn phone_with_opening_hours() {
    Site::starter().mistake(
        "site.toml",
        PHONE,
        "phone = \"+86 24 2345 6789 (9:00-17:00)\"",
        "contact-phone-invalid",
        r#"warning[contact-phone-invalid]: phone `+86 24 2345 6789 (9:00-17:00)` has more than a number: a phone is written with digits, spaces and + - ( ) . only
  --> site.toml:164:9
    |
164 | phone = "+86 24 2345 6789 (9:00-17:00)"
    |         ^
  = hint: write the number alone (an extension or opening hours go in a page's text): phone = "+86 24 2345 6789"
"#,
        "phone = \"+86 24 2345 6789\"",
    );
}

#[test]
fn phone_with_a_chinese_extension() {
    Site::starter().mistake(
        "site.toml",
        PHONE,
        "phone = \"+86 (24) 2345 6789 转 12\"",
        "contact-phone-invalid",
        r#"warning[contact-phone-invalid]: phone `+86 (24) 2345 6789 转 12` has more than a number: a phone is written with digits, spaces and + - ( ) . only
  --> site.toml:164:9
    |
164 | phone = "+86 (24) 2345 6789 转 12"
    |         ^
  = hint: write the number alone (an extension or opening hours go in a page's text): phone = "+86 (24) 2345 6789"
"#,
        "phone = \"+86 (24) 2345 6789\"",
    );
}
