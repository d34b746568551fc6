//! The checks of `[contact]`'s email and phone: each becomes a link (`mailto:`, `tel:`), which a
//! typed prefix, a full-width character or a second address would break.

use toml::Spanned;

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::facts::FactSheet;

impl FactSheet {
    /// Reports an email that is not one address, and warns about a phone with more than a number.
    pub(super) fn check_contact(&self, check: &mut Checker) {
        let Some(contact) = &self.contact else {
            return;
        };
        let contact = contact.get_ref();
        if let Some(email) = &contact.email
            && let Some((message, hint)) = email_mistake(email.get_ref())
        {
            check.error(Code::ContactEmailInvalid, email.span(), message, &hint);
        }
        if let Some(phone) = &contact.phone {
            check_phone(phone, check);
        }
    }
}

/// What is wrong with `email` and what to write, when it is not one plain address.
fn email_mistake(email: &str) -> Option<(String, String)> {
    let fix = |address: &str| format!("email = \"{address}\"");
    let trimmed = email.trim();
    if let Some(rest) = strip_prefix_ignoring_case(trimmed, "mailto:") {
        return Some((
            format!("`{email}` starts with mailto:, which the site adds itself"),
            format!("write the address alone: {}", fix(rest.trim())),
        ));
    }
    if trimmed.contains('＠') {
        return Some((
            format!(
                "`{email}` has the full-width ＠ of a Chinese input method, which no mail program reads"
            ),
            format!(
                "type a plain @ (switch the input method to English punctuation): {}",
                fix(&trimmed.replace('＠', "@"))
            ),
        ));
    }
    // A label (`Email:`, `邮箱：`) or a second address sits beside the address: the pieces
    // that hold an @ are the addresses.
    let pieces: Vec<&str> = trimmed
        .split([
            ',', ';', ' ', '/', '、', '，', '；', ':', '：', '<', '>', '(', ')', '（', '）',
        ])
        .filter(|a| !a.is_empty())
        .collect();
    let addresses: Vec<&str> = pieces.iter().copied().filter(|p| p.contains('@')).collect();
    if addresses.len() > 1 {
        return Some((
            format!("`{email}` holds more than one address: the link can lead to one only"),
            format!(
                "keep one address, the one investors should write to: {}",
                fix(addresses[0])
            ),
        ));
    }
    if let [address] = addresses[..]
        && pieces.len() > 1
    {
        let before = trimmed[..trimmed.find(address).unwrap_or(0)].trim_end();
        let message = if before.ends_with([':', '：']) {
            format!("`{email}` starts with the label `{before}`: the field holds the address only")
        } else {
            format!("`{email}` has more than an email address: the link needs the address only")
        };
        return Some((
            message,
            format!("write the address alone: {}", fix(address)),
        ));
    }
    if trimmed.contains("@@") {
        let mut one_at = String::with_capacity(trimmed.len());
        for c in trimmed.chars() {
            if !(c == '@' && one_at.ends_with('@')) {
                one_at.push(c);
            }
        }
        return Some((
            format!("`{email}` has the @ twice in a row: an address has one @"),
            format!("write one @: {}", fix(&one_at)),
        ));
    }
    if trimmed.matches('@').count() > 1 {
        return Some((
            format!("`{email}` has more than one @: an address has one, before the domain"),
            "copy the address from a mail the office sent, for example email = \"invest@your-zone.gov.cn\"".into(),
        ));
    }
    let Some((name, domain)) = trimmed.split_once('@') else {
        return Some((
            format!("`{email}` is not an email address: it has no @"),
            "write the office's address, for example email = \"invest@your-zone.gov.cn\"".into(),
        ));
    };
    if name.is_empty() || !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.')
    {
        return Some((
            format!("`{email}` is not a whole email address: after the @ comes a domain with a dot, like your-zone.gov.cn"),
            "copy the address from a mail the office sent, for example email = \"invest@your-zone.gov.cn\"".into(),
        ));
    }
    None
}

/// `text` without `prefix`, compared in any case (`MAILTO:`).
fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Warns about a phone that holds more than one number or more than a number (`Tel:`, `ext.`,
/// full-width digits): the link calls the digits only, so what readers see may not be what it
/// calls.
fn check_phone(phone: &Spanned<String>, check: &mut Checker) {
    let written = phone.get_ref();
    // Full-width characters (＋８６) as their plain forms: a Chinese input method types them.
    let plain: String = written.chars().map(crate::locale::half_width).collect();
    let numbers: Vec<&str> = plain
        .split([',', ';', '/', '、', '，', '；'])
        .map(str::trim)
        .filter(|n| n.chars().any(|c| c.is_ascii_digit()))
        .collect();
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    let (message, number, keep) = if numbers.len() > 1 {
        (
            format!("phone `{written}` holds more than one number: the link calls one only"),
            numbers[0].to_owned(),
            "keep one number (write the others in a page's text)",
        )
    } else if !written.chars().all(allowed) {
        let (number, rest) = number_and_rest(&plain, allowed);
        let keep = if rest.trim().is_empty() {
            "write the number alone"
        } else {
            "write the number alone (an extension or opening hours go in a page's text)"
        };
        (
            format!(
                "phone `{written}` has more than a number: a phone is written with digits, spaces and + - ( ) . only"
            ),
            number.to_owned(),
            keep,
        )
    } else {
        return;
    };
    let number = number.trim().to_owned();
    let hint = if number.chars().any(|c| c.is_ascii_digit()) {
        format!("{keep}: phone = \"{number}\"")
    } else {
        "write the number with its country code, for example phone = \"+86 24 2383 4567\"".into()
    };
    check.out.push(
        Diagnostic::warning_at(
            Code::ContactPhoneInvalid,
            check.file,
            phone.span().start,
            message,
        )
        .with_hint(hint),
    );
}

/// The number in `plain` (after a label like `Tel:`) and what follows it: the number ends at the
/// first character a phone does not have (`ext.`, `转`, `:`), or at the bracket that character
/// is in (`(9:00-17:00)`), since the link would dial the digits that come after.
fn number_and_rest(plain: &str, allowed: impl Fn(char) -> bool) -> (&str, &str) {
    let start = plain
        .find(|c: char| c.is_ascii_digit() || c == '+' || c == '(')
        .unwrap_or(plain.len());
    let rest = &plain[start..];
    let mut end = rest.len();
    let mut open_bracket = None;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => open_bracket = Some(i),
            ')' => open_bracket = None,
            c if !allowed(c) => {
                end = open_bracket.unwrap_or(i);
                break;
            }
            _ => {}
        }
    }
    let (number, rest) = rest.split_at(end);
    (number.trim_end_matches([' ', '-', '.', '(']), rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_number_ends_where_its_extension_or_hours_begin() {
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        let number = |plain| number_and_rest(plain, allowed).0;
        assert_eq!(number("Tel: +86 24 2383 4567"), "+86 24 2383 4567");
        assert_eq!(number("024-2345-6789 ext. 12"), "024-2345-6789");
        assert_eq!(number("+86 24 2345 6789 (9:00-17:00)"), "+86 24 2345 6789");
        assert_eq!(number("+86 (24) 2345 6789 分机 12"), "+86 (24) 2345 6789");
        assert_eq!(number("Tel:"), "");
    }

    #[test]
    fn an_email_is_one_plain_address() {
        let hint = |email| email_mistake(email).map(|(_, hint)| hint);
        assert_eq!(
            hint("mailto:invest@x.cn").as_deref(),
            Some("write the address alone: email = \"invest@x.cn\"")
        );
        assert_eq!(
            hint("invest＠x.cn").as_deref(),
            Some(
                "type a plain @ (switch the input method to English punctuation): email = \"invest@x.cn\""
            )
        );
        assert_eq!(
            hint("a@x.cn, b@x.cn").as_deref(),
            Some("keep one address, the one investors should write to: email = \"a@x.cn\"")
        );
        assert_eq!(
            hint("invest@x.cn (office)").as_deref(),
            Some("write the address alone: email = \"invest@x.cn\"")
        );
        assert_eq!(
            hint("invest@@@x.cn").as_deref(),
            Some("write one @: email = \"invest@x.cn\"")
        );
        assert!(hint("a@b@x.cn").is_some());
        assert!(hint("invest@localhost").is_some());
        assert!(hint("invest.x.cn").is_some());
        assert_eq!(hint("invest@x.cn"), None);
    }
}
