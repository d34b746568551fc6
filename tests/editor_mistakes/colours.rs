//! Mistakes in the colours of site.toml's `[theme]`.

use crate::Site;

/// The example site with `line` added under its `[theme]` heading (line 331 of site.toml).
fn themed(line: &str) -> Site {
    let site = Site::example();
    site.edit(
        "site.toml",
        "palette = \"harbour\"",
        &format!("palette = \"harbour\"\n{line}"),
    );
    site
}

#[test]
fn primary_colour_too_light_to_read() {
    let site = themed("primary = \"#628d75\"");
    assert_eq!(
        site.report("colour-contrast"),
        r##"warning[colour-contrast]: the primary colour #628d75 is too light to read on panels such as cards, table rows and the footer (#f2f5f8): its contrast there is 3.4:1, and text needs 4.5:1 (WCAG AA), so links, key figures and the home page's band use a darker shade, #537864
  --> site.toml:383:11
    |
383 | primary = "#628d75"
    |           ^
  = hint: to choose the shade yourself, write a darker colour, for example primary = "#537864"
"##
    );
    site.edit(
        "site.toml",
        "primary = \"#628d75\"",
        "primary = \"#537864\"",
    );
    site.assert_fixed("colour-contrast");
}

#[test]
fn accent_colour_too_light_to_see() {
    let site = themed("accent = \"#ffd400\"");
    assert_eq!(
        site.report("colour-contrast"),
        r##"warning[colour-contrast]: the accent colour #ffd400 is too light to see on panels such as cards, table rows and the footer (#f2f5f8): its contrast there is 1.3:1, and focus outlines need 3:1 (WCAG AA), so focus outlines and the edges of key figures use a darker shade, #a78b00
  --> site.toml:383:10
    |
383 | accent = "#ffd400"
    |          ^
  = hint: to choose the shade yourself, write a darker colour, for example accent = "#a78b00"
"##
    );
    site.edit("site.toml", "accent = \"#ffd400\"", "accent = \"#a78b00\"");
    site.assert_fixed("colour-contrast");
}

#[test]
fn colour_written_without_its_hash() {
    let site = themed("accent = \"b45309\"");
    assert_eq!(
        site.report("colour-invalid"),
        r##"error[colour-invalid]: `b45309` is not a colour code
  --> site.toml:383:10
    |
383 | accent = "b45309"
    |          ^
  = hint: a colour code starts with #: accent = "#b45309"
"##
    );
    site.edit("site.toml", "accent = \"b45309\"", "accent = \"#b45309\"");
    site.assert_fixed("colour-invalid");
}

#[test]
fn colour_copied_as_rgb() {
    let site = themed("primary = \"rgb(11, 92, 142)\"");
    assert_eq!(
        site.report("colour-invalid"),
        r##"error[colour-invalid]: `rgb(11, 92, 142)` is not a colour code
  --> site.toml:383:11
    |
383 | primary = "rgb(11, 92, 142)"
    |           ^
  = hint: write the colour as its code: primary = "#0b5c8e"
"##
    );
    site.edit(
        "site.toml",
        "primary = \"rgb(11, 92, 142)\"",
        "primary = \"#0b5c8e\"",
    );
    site.assert_fixed("colour-invalid");
}

#[test]
fn colour_typed_with_the_chinese_hash() {
    let site = themed("primary = \"＃0b5c8e\"");
    assert_eq!(
        site.report("colour-invalid"),
        r##"error[colour-invalid]: `＃0b5c8e` is not a colour code
  --> site.toml:383:11
    |
383 | primary = "＃0b5c8e"
    |           ^
  = hint: “＃” is the Chinese (full-width) sign: type the plain # (switch the input method to English punctuation): primary = "#0b5c8e"
"##
    );
    site.edit(
        "site.toml",
        "primary = \"＃0b5c8e\"",
        "primary = \"#0b5c8e\"",
    );
    site.assert_fixed("colour-invalid");
}

#[test]
fn colour_copied_with_transparency() {
    let site = themed("primary = \"#0b5c8eff\"");
    assert_eq!(
        site.report("colour-invalid"),
        r##"error[colour-invalid]: `#0b5c8eff` is not a colour code
  --> site.toml:383:11
    |
383 | primary = "#0b5c8eff"
    |           ^
  = hint: the last two digits are transparency, which the site cannot use; keep the first six: primary = "#0b5c8e"
"##
    );
    site.edit(
        "site.toml",
        "primary = \"#0b5c8eff\"",
        "primary = \"#0b5c8e\"",
    );
    site.assert_fixed("colour-invalid");
}

#[test]
fn colour_named_in_words() {
    let site = themed("accent = \"dark red\"");
    assert_eq!(
        site.report("colour-invalid"),
        r##"error[colour-invalid]: `dark red` is not a colour code
  --> site.toml:383:10
    |
383 | accent = "dark red"
    |          ^
  = hint: the site needs a colour's code, not its name; for this colour write accent = "#8b1a1a" (or pick your own shade with a colour picker)
"##
    );
    site.edit("site.toml", "accent = \"dark red\"", "accent = \"#8b1a1a\"");
    site.assert_fixed("colour-invalid");
}

#[test]
fn colour_named_in_chinese() {
    let site = themed("primary = \"深红色\"");
    assert_eq!(
        site.report("colour-invalid"),
        r##"error[colour-invalid]: `深红色` is not a colour code
  --> site.toml:383:11
    |
383 | primary = "深红色"
    |           ^
  = hint: the site needs a colour's code, not its name; for this colour write primary = "#8b1a1a" (or pick your own shade with a colour picker)
"##
    );
    site.edit("site.toml", "primary = \"深红色\"", "primary = \"#8b1a1a\"");
    site.assert_fixed("colour-invalid");
}

#[test]
fn colour_copied_as_hsl() {
    let site = themed("primary = \"hsl(0, 68%, 32%)\"");
    assert_eq!(
        site.report("colour-invalid"),
        r##"error[colour-invalid]: `hsl(0, 68%, 32%)` is not a colour code
  --> site.toml:383:11
    |
383 | primary = "hsl(0, 68%, 32%)"
    |           ^
  = hint: write the colour as its code: primary = "#891a1a"
"##
    );
    site.edit(
        "site.toml",
        "primary = \"hsl(0, 68%, 32%)\"",
        "primary = \"#891a1a\"",
    );
    site.assert_fixed("colour-invalid");
}

#[test]
fn colour_named_with_a_name_the_site_does_not_know() {
    let site = themed("primary = \"wine\"");
    assert_eq!(
        site.report("colour-invalid"),
        r##"error[colour-invalid]: `wine` is not a colour code
  --> site.toml:383:11
    |
383 | primary = "wine"
    |           ^
  = hint: write # and six digits from 0-9 and a-f: choose the colour in a colour picker (search the web for "colour picker"), and copy the code it shows, which starts with #
"##
    );
    // What a colour picker shows for the wine red the editor chose.
    site.edit("site.toml", "primary = \"wine\"", "primary = \"#722f37\"");
    site.assert_fixed("colour-invalid");
}

#[test]
fn palette_misspelt() {
    let site = Site::example();
    site.edit("site.toml", "palette = \"harbour\"", "palette = \"habour\"");
    assert_eq!(
        site.report("palette-unknown"),
        r##"error[palette-unknown]: there is no palette `habour`
  --> site.toml:382:11
    |
382 | palette = "habour"
    |           ^
  = hint: did you mean `harbour`?
"##
    );
    site.edit("site.toml", "palette = \"habour\"", "palette = \"harbour\"");
    site.assert_fixed("palette-unknown");
}

#[test]
fn colour_written_without_its_quotes() {
    let site = Site::example();
    site.mistake(
        "site.toml",
        "palette = \"harbour\"",
        "palette = \"harbour\"\nprimary = #8b1a1a",
        "toml-syntax",
        r##"error[toml-syntax]: this text is not in double quotes
  --> site.toml:383:11
    |
383 | primary = #8b1a1a
    |           ^
  = hint: text goes in "double quotes": primary = "#8b1a1a"
"##,
        "palette = \"harbour\"\nprimary = \"#8b1a1a\"",
    );
}
