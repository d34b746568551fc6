//! The site's colours and logo from site.toml: palettes, colours, contrast warnings, the logo.

mod common;

use std::path::Path;

use common::{errors, fixture};

fn with_theme(table: &str) -> tempfile::TempDir {
    let site = fixture("build", "base");
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n[theme]\n{table}\n")).unwrap();
    site
}

fn built(root: &Path) -> (std::collections::BTreeMap<String, String>, String) {
    let generated = zonesite::generate(root, None, false)
        .unwrap_or_else(|p| panic!("{}", zonesite::diagnostic::render_all(&p)));
    let files = generated
        .output
        .files()
        .map(|(path, bytes)| (path.to_owned(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    (files, zonesite::diagnostic::render_all(&generated.warnings))
}

#[test]
fn the_default_palette_is_applied_and_readable() {
    let (files, warnings) = built(&common::repo());
    assert_eq!(warnings, "");
    let css = &files["theme.css"];
    assert!(css.contains("--accent: #0b5c8e;"), "{css}");
    // The home page's band: the primary colour, and in the dark a deep tint of it.
    assert!(
        css.contains("--band: #0b5c8e; --band-fg: #ffffff;"),
        "{css}"
    );
    assert!(
        css.contains("--band: #1f303e; --band-fg: #e6edf3;"),
        "{css}"
    );
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    let linked = files["index.html"]
        .split("<link rel=\"stylesheet\" href=\"/theme.")
        .nth(1)
        .and_then(|rest| rest.split_once('"'))
        .map(|(name, _)| format!("theme.{name}"))
        .expect("the home page links the theme's stylesheet");
    assert_eq!(&files[linked.as_str()], css);
}

#[test]
fn a_second_palette() {
    let site = with_theme("palette = \"forest\"");
    let (files, warnings) = built(site.path());
    assert_eq!(warnings, "");
    assert!(files["theme.css"].contains("--accent: #1d6b3f;"));
    assert!(files["theme.css"].contains("--highlight: #b45309;"));
}

#[test]
fn the_zones_own_colour_is_kept_readable_in_dark_mode() {
    let site = with_theme("primary = \"#7a1f2b\"");
    let (files, warnings) = built(site.path());
    assert_eq!(warnings, "");
    let css = &files["theme.css"];
    let (light, dark) = css.split_once("@media").unwrap();
    assert!(light.contains("--accent: #7a1f2b;"), "{css}");
    assert!(
        !dark.contains("--accent: #7a1f2b;"),
        "lightened for the dark background: {css}"
    );
}

#[test]
fn a_mid_green_is_shaded_for_every_surface_it_is_drawn_on() {
    // #628d75 reads on neither light panels nor dark ones; once it was lightened only against
    // the dark page, and every link on a dark panel failed (4.35:1 on #18221b).
    let site = with_theme("palette = \"forest\"\nprimary = \"#628d75\"\naccent = \"#ffd400\"");
    let (files, _) = built(site.path());
    assert_eq!(
        files["theme.css"],
        "/* The site's colours, from site.toml's [theme]. */
:root { --bg: #ffffff; --fg: #1c261f; --muted: #4f5d53; --surface: #f1f6f2; --border: #d3e0d6; --accent: #537864; --accent-fg: #ffffff; --highlight: #a78b00; --band: #537864; --band-fg: #ffffff; --chart-bar: #537864; --chart-other: #7d8c81; --chart-track: #dce8df; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #101712; --fg: #e5efe7; --muted: #a8b8ac; --surface: #18221b; --border: #2c3b30; --accent: #669078; --accent-fg: #101712; --highlight: #ffd400; --band: #1e2a22; --band-fg: #e5efe7; --chart-bar: #669078; --chart-other: #8a998e; --chart-track: #2c3b30; }
}
"
    );
}

#[test]
fn a_colour_too_light_to_read_is_darkened_with_a_warning_naming_the_shade() {
    let site = with_theme("primary = \"#ffd400\"");
    let (files, warnings) = built(site.path());
    assert_eq!(
        warnings,
        r##"warning[colour-contrast]: the primary colour #ffd400 is too light to read on panels such as cards, table rows and the footer (#f2f5f8): its contrast there is 1.3:1, and text needs 4.5:1 (WCAG AA), so links, key figures and the home page's band use a darker shade, #846e00
  --> site.toml:6:11
  |
6 | primary = "#ffd400"
  |           ^
  = hint: to choose the shade yourself, write a darker colour, for example primary = "#846e00"
"##
    );
    let (light, dark) = files["theme.css"].split_once("@media").unwrap();
    assert!(light.contains("--accent: #846e00;"), "{light}");
    // On the dark page the yellow reads as it is.
    assert!(dark.contains("--accent: #ffd400;"), "{dark}");
}

#[test]
fn a_misspelt_palette_or_colour() {
    let site = with_theme("palette = \"forrest\"\naccent = \"dark red\"");
    assert_eq!(
        errors(site.path()),
        r##"error[palette-unknown]: there is no palette `forrest`
  --> site.toml:6:11
  |
6 | palette = "forrest"
  |           ^
  = hint: did you mean `forest`?

error[colour-invalid]: `dark red` is not a colour code
  --> site.toml:7:10
  |
7 | accent = "dark red"
  |          ^
  = hint: the site needs a colour's code, not its name; for this colour write accent = "#8b1a1a" (or pick your own shade with a colour picker)
"##
    );
}

#[test]
fn a_logo_beside_the_name() {
    let site = with_theme("logo = \"logo.svg\"");
    let statics = site.path().join("static");
    std::fs::create_dir_all(&statics).unwrap();
    std::fs::write(
        statics.join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"32\"></svg>",
    )
    .unwrap();
    let (files, _) = built(site.path());
    assert!(
        files["index.html"]
            .contains("<img class=\"logo\" src=\"/logo.svg\" alt=\"\" width=\"40\" height=\"32\">"),
        "{}",
        files["index.html"]
    );
    std::fs::rename(statics.join("logo.svg"), statics.join("logo-2021.svg")).unwrap();
    assert_eq!(
        errors(site.path()),
        r#"error[logo-missing]: there is no `logo.svg` in static/ for the logo
  --> site.toml:6:8
  |
6 | logo = "logo.svg"
  |        ^
  = hint: put the picture in the static/ folder and write its name, for example: logo = "logo.svg"
"#
    );
}
