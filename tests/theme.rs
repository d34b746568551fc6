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
fn a_colour_hard_to_read_is_a_warning_naming_the_pair() {
    let site = with_theme("primary = \"#ffd400\"");
    let (_, warnings) = built(site.path());
    assert_eq!(
        warnings,
        r##"warning[colour-contrast]: in the light colours, the primary colour for links (#ffd400 on #ffffff) has a contrast of 1.4:1; it needs 4.5:1 to be readable (WCAG AA)
  --> site.toml:6:11
  |
6 | primary = "#ffd400"
  |           ^
  = hint: choose a darker (or lighter) colour; a contrast checker shows the ratio as you try

warning[colour-contrast]: in the light colours, the primary colour on panels (#ffd400 on #f2f5f8) has a contrast of 1.3:1; it needs 4.5:1 to be readable (WCAG AA)
  --> site.toml:6:11
  |
6 | primary = "#ffd400"
  |           ^
  = hint: choose a darker (or lighter) colour; a contrast checker shows the ratio as you try
"##
    );
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

error[colour-invalid]: `dark red` is not a colour
  --> site.toml:7:10
  |
7 | accent = "dark red"
  |          ^
  = hint: write it as # and six hexadecimal digits, for example: primary = "#0b5c8e"
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
