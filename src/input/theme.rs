//! The site's colours and logo: a built-in palette, the colours site.toml sets over it, every
//! pair of them that shows text checked against WCAG AA contrast, and the logo checked against
//! the static files.

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, suggest};
use crate::input::image::{PictureSize, TOO_LARGE_HINT, image_size};
use crate::input::load::Asset;
use crate::source::SourceFile;

/// The `[theme]` table of site.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ThemeSettings {
    /// A built-in palette: `harbour` (blue, the default) or `forest` (green).
    palette: Option<Spanned<String>>,
    /// The zone's colour, `#0b5c8e`: masthead, links, key figures, charts.
    primary: Option<Spanned<String>>,
    /// A second colour for highlights (the left edge of key figures).
    accent: Option<Spanned<String>>,
    /// A picture in `static/` shown beside the site's name (`logo.svg`).
    logo: Option<Spanned<String>>,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Colour([u8; 3]);

impl Colour {
    /// Reads `#rrggbb` or `#rgb`.
    pub(crate) fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim().strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            6 => Some(Colour([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?])),
            3 => Some(Colour([
                digit(0, 1)? * 17,
                digit(1, 1)? * 17,
                digit(2, 1)? * 17,
            ])),
            _ => None,
        }
    }

    /// Relative luminance, as WCAG defines it.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// The WCAG contrast ratio of two colours, from 1 to 21.
    pub(crate) fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour moved towards `target` by `share` (0 to 1).
    fn mix(self, target: Colour, share: f64) -> Colour {
        let channel =
            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * share).round() as u8;
        Colour([
            channel(self.0[0], target.0[0]),
            channel(self.0[1], target.0[1]),
            channel(self.0[2], target.0[2]),
        ])
    }

    /// The colour nearest to this one, towards `target`, that reaches `ratio` against `background`.
    fn readable_on(self, background: Colour, target: Colour, ratio: f64) -> Colour {
        (0..=20)
            .map(|step| self.mix(target, f64::from(step) / 20.0))
            .find(|c| c.contrast(background) >= ratio)
            .unwrap_or(target)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// The colours of one scheme (light or dark); a field named differently from its CSS custom
/// property says which it becomes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scheme {
    bg: Colour,
    fg: Colour,
    muted: Colour,
    surface: Colour,
    border: Colour,
    /// The zone's colour (`--accent`, and `--chart-bar`): masthead, links, key figures, bars.
    primary: Colour,
    /// Text on the primary colour (`--accent-fg`), as in the masthead.
    primary_fg: Colour,
    /// The highlight colour (`--highlight`): the edge of key figures and news, the focus ring.
    accent: Colour,
    /// Chart bars that are worked out rather than typed in (a breakdown's "Other").
    chart_other: Colour,
    /// The 100 % track behind chart bars that show shares of a whole.
    chart_track: Colour,
    /// Whether this is the dark scheme.
    dark: bool,
}

/// The colour `0xrrggbb`; a `const fn`, so the palettes can be constants.
const fn rgb(hex: u32) -> Colour {
    Colour([(hex >> 16) as u8, (hex >> 8) as u8, hex as u8])
}

/// The built-in palettes: light and dark schemes, each pair of text colours AA-readable.
const PALETTES: [(&str, Scheme, Scheme); 2] = [
    (
        "harbour",
        Scheme {
            bg: rgb(0xffffff),
            fg: rgb(0x1b2430),
            muted: rgb(0x4d5b6a),
            surface: rgb(0xf2f5f8),
            border: rgb(0xd5dde5),
            primary: rgb(0x0b5c8e),
            primary_fg: rgb(0xffffff),
            accent: rgb(0x0b5c8e),
            chart_other: rgb(0x7b8a99),
            chart_track: rgb(0xdde5ec),
            dark: false,
        },
        Scheme {
            bg: rgb(0x10161d),
            fg: rgb(0xe6edf3),
            muted: rgb(0xa9b6c3),
            surface: rgb(0x18212b),
            border: rgb(0x2c3a48),
            primary: rgb(0x6cb8ec),
            primary_fg: rgb(0x10161d),
            accent: rgb(0x6cb8ec),
            chart_other: rgb(0x8796a5),
            chart_track: rgb(0x2c3a48),
            dark: true,
        },
    ),
    (
        "forest",
        Scheme {
            bg: rgb(0xffffff),
            fg: rgb(0x1c261f),
            muted: rgb(0x4f5d53),
            surface: rgb(0xf1f6f2),
            border: rgb(0xd3e0d6),
            primary: rgb(0x1d6b3f),
            primary_fg: rgb(0xffffff),
            accent: rgb(0xb45309),
            chart_other: rgb(0x7d8c81),
            chart_track: rgb(0xdce8df),
            dark: false,
        },
        Scheme {
            bg: rgb(0x101712),
            fg: rgb(0xe5efe7),
            muted: rgb(0xa8b8ac),
            surface: rgb(0x18221b),
            border: rgb(0x2c3b30),
            primary: rgb(0x7fd4a0),
            primary_fg: rgb(0x101712),
            accent: rgb(0xf0a35c),
            chart_other: rgb(0x8a998e),
            chart_track: rgb(0x2c3b30),
            dark: true,
        },
    ),
];

/// WCAG AA for body text.
const AA: f64 = 4.5;

/// How much of the primary colour tints the home page's band in dark mode.
const DARK_BAND_TINT: f64 = 0.16;

/// The site's theme, ready for its stylesheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Theme {
    light: Scheme,
    dark: Scheme,
    /// The logo's path under `static/`, where site.toml names it.
    pub logo: Option<Spanned<String>>,
}

impl Default for Theme {
    fn default() -> Self {
        let (_, light, dark) = PALETTES[0];
        Theme {
            light,
            dark,
            logo: None,
        }
    }
}

impl Theme {
    /// The theme site.toml asks for; mistakes are errors, and colour pairs that are hard to read
    /// are warnings naming the pair.
    pub(crate) fn new(settings: &ThemeSettings, file: &SourceFile, out: &mut Diagnostics) -> Theme {
        let mut theme = Theme::default();
        if let Some(name) = &settings.palette {
            match PALETTES.iter().find(|(n, ..)| n == name.get_ref()) {
                Some(&(_, light, dark)) => (theme.light, theme.dark) = (light, dark),
                None => {
                    let hint = suggest(name.get_ref(), PALETTES.iter().map(|(n, ..)| *n))
                        .map_or_else(
                            || "the palettes are `harbour` (blue) and `forest` (green)".to_owned(),
                            |near| format!("did you mean `{near}`?"),
                        );
                    out.push(
                        Diagnostic::error_at(
                            Code::PaletteUnknown,
                            file,
                            name.span().start,
                            format!("there is no palette `{}`", name.get_ref()),
                        )
                        .with_hint(hint),
                    );
                }
            }
        }
        let white = rgb(0xffffff);
        let mut checks = Vec::new();
        if let Some((primary, setting)) = read_colour(settings.primary.as_ref(), file, out) {
            theme.light.primary = primary;
            theme.light.primary_fg = [white, theme.light.fg]
                .into_iter()
                .max_by(|a, b| a.contrast(primary).total_cmp(&b.contrast(primary)))
                .unwrap_or(white);
            // Dark mode keeps the zone's colour, lightened until it reads on the dark background.
            theme.dark.primary = primary.readable_on(theme.dark.bg, white, AA);
            theme.dark.primary_fg = theme.dark.bg;
            checks.push(("primary", setting));
        }
        if let Some((accent, setting)) = read_colour(settings.accent.as_ref(), file, out) {
            theme.light.accent = accent;
            theme.dark.accent = accent.readable_on(theme.dark.bg, white, 3.0);
            checks.push(("accent", setting));
        }
        for (scheme, name) in [(&theme.light, "light"), (&theme.dark, "dark")] {
            for (what, fg, bg, needed) in scheme.pairs() {
                let ratio = fg.contrast(bg);
                if ratio + 1e-9 < needed {
                    let at = checks
                        .iter()
                        .find(|(colour, _)| what.contains(colour))
                        .map_or(0, |(_, s)| s.span().start);
                    out.push(
                        Diagnostic::warning_at(Code::ColourContrast,
                            file,
                            at,
                            format!(
                                "in the {name} colours, {what} ({fg} on {bg}) has a contrast of {ratio:.1}:1; it needs {needed}:1 to be readable (WCAG AA)"
                            ),
                        )
                        .with_hint("choose a darker (or lighter) colour; a contrast checker shows the ratio as you try"),
                    );
                }
            }
        }
        theme.logo = settings.logo.clone();
        theme
    }

    /// The static file site.toml names as the logo, if there is one.
    pub(crate) fn logo_file<'a>(&self, static_files: &'a [Asset]) -> Option<&'a Asset> {
        let logo = self.logo.as_ref()?;
        static_files
            .iter()
            .find(|asset| asset.segments.join("/") == *logo.get_ref())
    }

    /// Checks that the logo site.toml names is among the static files and that its size can be
    /// read: pages show it with its width and height, and a logo they cannot show is a mistake.
    pub(crate) fn check_logo(
        &self,
        static_files: &[Asset],
        file: &SourceFile,
        out: &mut Diagnostics,
    ) {
        let Some(logo) = &self.logo else {
            return;
        };
        let at = logo.span().start;
        match self.logo_file(static_files) {
            None => {
                let names: Vec<String> =
                    static_files.iter().map(|a| a.segments.join("/")).collect();
                let hint = suggest(logo.get_ref(), names.iter().map(String::as_str))
                    .map_or_else(
                        || "put the picture in the static/ folder and write its name, for example: logo = \"logo.svg\"".to_owned(),
                        |near| format!("did you mean `{near}`?"),
                    );
                out.push(
                    Diagnostic::error_at(
                        Code::LogoMissing,
                        file,
                        at,
                        format!("there is no `{}` in static/ for the logo", logo.get_ref()),
                    )
                    .with_hint(hint),
                );
            }
            Some(asset) => match image_size(&asset.bytes) {
                None => out.push(
                    Diagnostic::error_at(
                        Code::LogoUnreadable,
                        file,
                        at,
                        format!("the size of the logo `{}` cannot be read", logo.get_ref()),
                    )
                    .with_hint("use an SVG with width and height, a PNG, a JPEG or a WebP picture"),
                ),
                Some(PictureSize::TooLarge(claimed)) => out.push(
                    Diagnostic::error_at(
                        Code::PictureTooLarge,
                        file,
                        at,
                        format!(
                            "the logo `{}` claims to be {claimed} pixels, larger than a page can show",
                            logo.get_ref()
                        ),
                    )
                    .with_hint(TOO_LARGE_HINT),
                ),
                Some(PictureSize::Pixels(..)) => {}
            },
        }
    }

    /// The stylesheet that applies the theme: custom properties for light and dark.
    pub(crate) fn css(&self) -> String {
        format!(
            "/* The site's colours, from site.toml's [theme]. */\n:root {{ {} }}\n@media (prefers-color-scheme: dark) {{\n  :root {{ {} }}\n}}\n",
            self.light.properties(),
            self.dark.properties()
        )
    }
}

/// A colour written in site.toml, with where it was written; a mistake is an error.
fn read_colour<'s>(
    setting: Option<&'s Spanned<String>>,
    file: &SourceFile,
    out: &mut Diagnostics,
) -> Option<(Colour, &'s Spanned<String>)> {
    let setting = setting?;
    let parsed = Colour::parse(setting.get_ref());
    if parsed.is_none() {
        out.push(
            Diagnostic::error_at(
                Code::ColourInvalid,
                file,
                setting.span().start,
                format!("`{}` is not a colour", setting.get_ref()),
            )
            .with_hint(
                "write it as # and six hexadecimal digits, for example: primary = \"#0b5c8e\"",
            ),
        );
    }
    parsed.map(|c| (c, setting))
}

impl Scheme {
    /// Every pair that shows text, with the contrast it needs: 4.5:1 for text, 3:1 for the
    /// accent, which marks edges and never carries words.
    fn pairs(&self) -> Vec<(&'static str, Colour, Colour, f64)> {
        let mut pairs = vec![
            ("the text", self.fg, self.bg, AA),
            ("muted text", self.muted, self.bg, AA),
            ("muted text on panels", self.muted, self.surface, AA),
            ("the primary colour for links", self.primary, self.bg, AA),
            (
                "the primary colour on panels",
                self.primary,
                self.surface,
                AA,
            ),
            (
                "the masthead text on the primary colour",
                self.primary_fg,
                self.primary,
                AA,
            ),
            ("the accent", self.accent, self.bg, 3.0),
        ];
        if self.dark {
            let (band, band_fg) = self.band();
            pairs.push((
                "the text on the home page's band of the primary colour",
                band_fg,
                band,
                AA,
            ));
        }
        pairs
    }

    /// The home page's band and its text: the primary colour in light mode; in dark mode a deep
    /// tint of it, since a bright block would glare. (Light mode's pair is the masthead's.)
    fn band(&self) -> (Colour, Colour) {
        if self.dark {
            (self.bg.mix(self.primary, DARK_BAND_TINT), self.fg)
        } else {
            (self.primary, self.primary_fg)
        }
    }

    /// This scheme's colours as CSS custom properties, for one `:root` rule.
    fn properties(&self) -> String {
        format!(
            "--bg: {}; --fg: {}; --muted: {}; --surface: {}; --border: {}; --accent: {}; --accent-fg: {}; --highlight: {}; --band: {}; --band-fg: {}; --chart-bar: {}; --chart-other: {}; --chart-track: {};",
            self.bg,
            self.fg,
            self.muted,
            self.surface,
            self.border,
            self.primary,
            self.primary_fg,
            self.accent,
            self.band().0,
            self.band().1,
            self.primary,
            self.chart_other,
            self.chart_track
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let (black, white) = (rgb(0x000000), rgb(0xffffff));
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert!((white.contrast(white) - 1.0).abs() < 1e-9);
        // WebAIM's checker gives 4.54:1 for #767676 on white.
        assert!((rgb(0x767676).contrast(white) - 4.54).abs() < 0.01);
        assert_eq!(Colour::parse("#abc"), Some(rgb(0xaabbcc)));
        assert_eq!(Colour::parse("0b5c8e"), None);
        assert_eq!(rgb(0x0b5c8e).to_string(), "#0b5c8e");
    }

    #[test]
    fn built_in_palettes_are_readable() {
        for (name, light, dark) in PALETTES {
            for scheme in [light, dark] {
                for (what, fg, bg, needed) in scheme.pairs() {
                    assert!(fg.contrast(bg) >= needed, "{name}: {what}");
                }
            }
        }
    }
}
