//! The site's colours and logo: a built-in palette, the colours site.toml sets over it, every
//! pair of them that shows text checked against WCAG AA contrast, and the logo checked against
//! the static files.

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, suggest};
use crate::input::image::{Named, find_static, named_size, static_file};
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

    /// The nearest shade of this colour, moving towards `target` in steps of 1/255, that reaches
    /// every contrast of `needs` (a background and the ratio asked against it).
    fn shade_reaching(self, target: Colour, needs: &[(Colour, f64)]) -> Colour {
        (0..=255u8)
            .map(|step| self.mix(target, f64::from(step) / 255.0))
            .find(|c| needs.iter().all(|&(back, ratio)| c.contrast(back) >= ratio))
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
    /// Text on the primary colour (`--accent-fg`), as on the home page's band in light mode.
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

/// WCAG AA for what shows a control's state (1.4.11, non-text contrast): the focus outline.
const AA_NON_TEXT: f64 = 3.0;

/// A colour of a scheme, by the part it plays in style.css.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Bg,
    Fg,
    Muted,
    Surface,
    Primary,
    Band,
    BandFg,
    Highlight,
}

impl Role {
    /// The CSS custom property the colour becomes (the primary colour is `--accent`).
    fn property(self) -> &'static str {
        match self {
            Role::Bg => "bg",
            Role::Fg => "fg",
            Role::Muted => "muted",
            Role::Surface => "surface",
            Role::Primary => "accent",
            Role::Band => "band",
            Role::BandFg => "band-fg",
            Role::Highlight => "highlight",
        }
    }

    /// What the colour is in the site, in the words of a warning.
    fn place(self) -> &'static str {
        match self {
            Role::Bg => "the page",
            Role::Fg => "the text",
            Role::Muted => "muted text such as dates and sources",
            Role::Surface => "panels such as cards, table rows and the footer",
            Role::Primary => "links, key figures and the home page's band",
            Role::Band => "the home page's band",
            Role::BandFg => "the text on the home page's band",
            Role::Highlight => "focus outlines and the edges of key figures",
        }
    }
}

/// One theme colour drawn on another in style.css, and the contrast WCAG AA asks of the pair.
#[derive(Debug, Clone, Copy)]
struct Pair {
    front: Role,
    back: Role,
    needs: f64,
}

/// Every pair of theme colours that style.css draws one on the other: the one list that both
/// the shades of an editor's colours and the checks follow (a unit test holds style.css to it).
/// The accent only outlines and edges, so it needs the contrast of a control's outline.
const PAIRS: [Pair; 9] = [
    pair(Role::Fg, Role::Bg, AA),
    pair(Role::Fg, Role::Surface, AA),
    pair(Role::Muted, Role::Bg, AA),
    pair(Role::Muted, Role::Surface, AA),
    pair(Role::Primary, Role::Bg, AA),
    pair(Role::Primary, Role::Surface, AA),
    pair(Role::BandFg, Role::Band, AA),
    pair(Role::Highlight, Role::Bg, AA_NON_TEXT),
    pair(Role::Highlight, Role::Surface, AA_NON_TEXT),
];

/// `front` drawn on `back`, needing the contrast `needs`; a `const fn`, so `PAIRS` is a constant.
const fn pair(front: Role, back: Role, needs: f64) -> Pair {
    Pair { front, back, needs }
}

/// A colour an editor sets under `[theme]`: the role it takes and the words of its warning.
struct EditorColour {
    /// Its key in site.toml.
    key: &'static str,
    role: Role,
    /// What a reader does with it: "read" text, "see" an outline.
    verb: &'static str,
    /// What needs the contrast, as the warning says it.
    needing: &'static str,
    /// Puts a shade of it into a scheme.
    apply: fn(&mut Scheme, Colour),
}

/// The zone's colour.
const PRIMARY: EditorColour = EditorColour {
    key: "primary",
    role: Role::Primary,
    verb: "read",
    needing: "text needs",
    apply: |scheme, shade| {
        scheme.primary = shade;
        scheme.primary_fg = scheme.text_on(shade);
    },
};

/// The highlight colour.
const ACCENT: EditorColour = EditorColour {
    key: "accent",
    role: Role::Highlight,
    verb: "see",
    needing: "focus outlines need",
    apply: |scheme, shade| scheme.accent = shade,
};

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
    /// The theme site.toml asks for; mistakes are errors, and a colour too light to read as
    /// written is a warning naming the shade the site shows instead.
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
        for (colour, setting) in [(&PRIMARY, &settings.primary), (&ACCENT, &settings.accent)] {
            if let Some((written, setting)) = read_colour(colour, setting.as_ref(), file, out) {
                // Dark mode always shows a shade worked out for it; light mode shows the colour as
                // written unless it is hard to read, and then says so, as the site differs.
                if let Some(warning) = theme.light.shortfall(colour, written) {
                    out.push(warning.diagnostic(file, setting.span().start));
                }
                theme.apply(colour, written);
            }
        }
        theme.logo = settings.logo.clone();
        theme
    }

    /// Gives an editor's colour to both schemes, each the nearest shade of it that reads there.
    fn apply(&mut self, colour: &EditorColour, written: Colour) {
        for scheme in [&mut self.light, &mut self.dark] {
            let shade = scheme.shade(colour.role, written);
            (colour.apply)(scheme, shade);
        }
    }

    /// The static file site.toml names as the logo, if there is one.
    pub(crate) fn logo_file<'a>(&self, static_files: &'a [Asset]) -> Option<&'a Asset> {
        static_file(static_files, self.logo.as_ref()?.get_ref())
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
        let named = Named {
            what: "the logo",
            missing: Code::LogoMissing,
            unreadable: Code::LogoUnreadable,
            example: "put the picture in the static/ folder and write its name, for example: logo = \"logo.svg\"",
        };
        let checked = find_static(logo, static_files, &named, file)
            .and_then(|asset| named_size(&asset.bytes, logo, &named, file));
        if let Err(problem) = checked {
            out.push(problem);
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
    colour: &EditorColour,
    setting: Option<&'s Spanned<String>>,
    file: &SourceFile,
    out: &mut Diagnostics,
) -> Option<(Colour, &'s Spanned<String>)> {
    let setting = setting?;
    let text = setting.get_ref();
    let parsed = Colour::parse(text);
    if parsed.is_none() {
        let key = colour.key;
        let hint = match meant_colour(text) {
            Some((Meant::FullWidthHash, meant)) => format!(
                "“＃” is the Chinese (full-width) sign: type the plain # (switch the input method to English punctuation): {key} = \"{meant}\""
            ),
            Some((Meant::NoHash, meant)) => {
                format!("a colour code starts with #: {key} = \"{meant}\"")
            }
            Some((Meant::Transparency, meant)) => format!(
                "the last two digits are transparency, which the site cannot use; keep the first six: {key} = \"{meant}\""
            ),
            Some((Meant::Rgb, meant)) => {
                format!("write the colour as its code: {key} = \"{meant}\"")
            }
            Some((Meant::Named, meant)) => format!(
                "the site needs a colour's code, not its name; for this colour write {key} = \"{meant}\" (or pick your own shade with a colour picker)"
            ),
            None => "write # and six digits from 0-9 and a-f: choose the colour in a colour picker (search the web for \"colour picker\"), and copy the code it shows, which starts with #".to_owned(),
        };
        out.push(
            Diagnostic::error_at(
                Code::ColourInvalid,
                file,
                setting.span().start,
                format!("`{text}` is not a colour code"),
            )
            .with_hint(hint),
        );
    }
    parsed.map(|c| (c, setting))
}

/// How a colour written the way pickers and input methods show it differs from a colour code.
enum Meant {
    /// `＃0b5c8e`, typed with Chinese punctuation on.
    FullWidthHash,
    /// `0b5c8e`.
    NoHash,
    /// `#0b5c8eff`, with an alpha channel.
    Transparency,
    /// `rgb(11, 92, 142)`, `11, 92, 142` or `hsl(203, 86%, 30%)`.
    Rgb,
    /// A colour's name: `dark red`, `深红色`.
    Named,
}

/// Common colour names in English and Chinese (without 色), written as one word, and a code for
/// each dark enough for text on white where the name allows.
const NAMED: [(&str, u32); 38] = [
    ("black", 0x1a1a1a),
    ("blue", 0x1565c0),
    ("brown", 0x6d4c41),
    ("crimson", 0xb0172f),
    ("darkblue", 0x0d3b66),
    ("darkgreen", 0x1b5e20),
    ("darkred", 0x8b1a1a),
    ("gold", 0xb8860b),
    ("gray", 0x5f6b76),
    ("green", 0x2e7d32),
    ("grey", 0x5f6b76),
    ("maroon", 0x800000),
    ("navy", 0x000080),
    ("navyblue", 0x000080),
    ("orange", 0xe65100),
    ("pink", 0xc2185b),
    ("purple", 0x6a1b9a),
    ("red", 0xd32f2f),
    ("teal", 0x00796b),
    ("yellow", 0xf2c200),
    ("中国红", 0xc8102e),
    ("深红", 0x8b1a1a),
    ("红", 0xd32f2f),
    ("深蓝", 0x0d3b66),
    ("蓝", 0x1565c0),
    ("藏青", 0x1f2f5c),
    ("海军蓝", 0x000080),
    ("深绿", 0x1b5e20),
    ("绿", 0x2e7d32),
    ("橙", 0xe65100),
    ("紫", 0x6a1b9a),
    ("黄", 0xf2c200),
    ("金", 0xb8860b),
    ("灰", 0x5f6b76),
    ("黑", 0x1a1a1a),
    ("棕", 0x6d4c41),
    ("粉", 0xc2185b),
    ("青", 0x00796b),
];

/// The code of a common colour's name (`Dark red`, `dark-red`, `深红色`).
fn named_colour(text: &str) -> Option<Colour> {
    let word: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect();
    let word = word.strip_suffix('色').unwrap_or(&word);
    NAMED
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, code)| rgb(code))
}

/// The colour of `hsl(h, s%, l%)`, as browsers read it.
fn hsl_colour(text: &str) -> Option<Colour> {
    let inner = text
        .strip_prefix("hsl(")
        .or_else(|| text.strip_prefix("hsla("))?
        .strip_suffix(')')?;
    let parts: Vec<f64> = inner
        .split([',', ' ', '/'])
        .filter(|p| !p.is_empty())
        .take(3)
        .map(|p| {
            p.trim_end_matches(['%', '°'])
                .trim_end_matches("deg")
                .parse()
                .ok()
        })
        .collect::<Option<_>>()?;
    let [h, s, l] = <[f64; 3]>::try_from(parts).ok()?;
    let (s, l) = ((s / 100.0).clamp(0.0, 1.0), (l / 100.0).clamp(0.0, 1.0));
    let a = s * l.min(1.0 - l);
    let channel = |n: f64| {
        let k = (n + h.rem_euclid(360.0) / 30.0) % 12.0;
        let value = l - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0);
        (value * 255.0).round() as u8
    };
    Some(Colour([channel(0.0), channel(8.0), channel(4.0)]))
}

/// The colour code an editor meant, where the text is one written another common way.
fn meant_colour(text: &str) -> Option<(Meant, Colour)> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('＃') {
        return Colour::parse(&format!("#{rest}")).map(|c| (Meant::FullWidthHash, c));
    }
    if let Some(colour) = Colour::parse(&format!("#{text}")) {
        return Some((Meant::NoHash, colour));
    }
    if let Some(colour) = named_colour(text) {
        return Some((Meant::Named, colour));
    }
    if let Some(colour) = hsl_colour(text) {
        return Some((Meant::Rgb, colour));
    }
    let digits = text.strip_prefix('#').unwrap_or(text);
    if digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Colour::parse(&format!("#{}", &digits[..6])).map(|c| (Meant::Transparency, c));
    }
    let inner = text
        .strip_prefix("rgb(")
        .or_else(|| text.strip_prefix("rgba("))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or(text);
    let channels: Vec<u8> = inner
        .split([',', ' '])
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().ok())
        .collect::<Option<_>>()?;
    <[u8; 3]>::try_from(channels)
        .ok()
        .map(|rgb| (Meant::Rgb, Colour(rgb)))
}

/// An editor's colour that, as written, falls short of a contrast in light mode, and the shade
/// the site shows instead.
struct Shortfall {
    colour: &'static EditorColour,
    written: Colour,
    shade: Colour,
    /// The pair that falls furthest short, with the colour it is drawn on and its contrast.
    pair: Pair,
    back: Colour,
    ratio: f64,
}

impl Shortfall {
    /// The warning, at the colour in site.toml.
    fn diagnostic(&self, file: &SourceFile, at: usize) -> Diagnostic {
        let Shortfall {
            colour,
            written,
            shade,
            pair,
            back,
            ratio,
        } = self;
        Diagnostic::warning_at(
            Code::ColourContrast,
            file,
            at,
            format!(
                "the {} colour {written} is too light to {} on {} ({back}): its contrast there is {}:1, and {} {}:1 (WCAG AA), so {} use a darker shade, {shade}",
                colour.key,
                colour.verb,
                pair.back.place(),
                ratio_text(*ratio, pair.needs),
                colour.needing,
                pair.needs,
                colour.role.place(),
            ),
        )
        .with_hint(format!(
            "to choose the shade yourself, write a darker colour, for example {} = \"{shade}\"",
            colour.key
        ))
    }
}

/// A contrast ratio as a warning prints it: rounded down, so a ratio short of the one needed never
/// prints as that one; to two decimals within 0.1 of it, where one decimal would hide how near it is.
fn ratio_text(ratio: f64, needed: f64) -> String {
    let decimals = if needed - ratio < 0.1 { 2 } else { 1 };
    let scale = 10f64.powi(decimals);
    format!("{:.*}", decimals as usize, (ratio * scale).floor() / scale)
}

impl Scheme {
    /// The colour this scheme gives `role`.
    fn colour(&self, role: Role) -> Colour {
        match role {
            Role::Bg => self.bg,
            Role::Fg => self.fg,
            Role::Muted => self.muted,
            Role::Surface => self.surface,
            Role::Primary => self.primary,
            Role::Band => self.band().0,
            Role::BandFg => self.band().1,
            Role::Highlight => self.accent,
        }
    }

    /// What `PAIRS` asks of a colour in `role`: each colour it is drawn on, with the contrast.
    fn needs(&self, role: Role) -> impl Iterator<Item = (Pair, Colour)> + '_ {
        PAIRS
            .into_iter()
            .filter(move |pair| pair.front == role)
            .map(|pair| (pair, self.colour(pair.back)))
    }

    /// The nearest shade of `colour` that reaches every contrast asked of `role`: the colour
    /// itself where it does, else darker in light mode and lighter in dark mode.
    fn shade(&self, role: Role, colour: Colour) -> Colour {
        let needs: Vec<(Colour, f64)> = self.needs(role).map(|(p, back)| (back, p.needs)).collect();
        let target = if self.dark {
            rgb(0xffffff)
        } else {
            rgb(0x000000)
        };
        colour.shade_reaching(target, &needs)
    }

    /// The text colour of this scheme (its background or its text) that reads best on `colour`.
    fn text_on(&self, colour: Colour) -> Colour {
        [self.bg, self.fg]
            .into_iter()
            .max_by(|a, b| a.contrast(colour).total_cmp(&b.contrast(colour)))
            .unwrap_or(self.fg)
    }

    /// Where an editor's colour, as written, falls furthest short in this scheme, if it does.
    fn shortfall(&self, colour: &'static EditorColour, written: Colour) -> Option<Shortfall> {
        let shade = self.shade(colour.role, written);
        if shade == written {
            return None;
        }
        let (pair, back, ratio) = self
            .needs(colour.role)
            .map(|(pair, back)| (pair, back, written.contrast(back)))
            .min_by(|a, b| (a.2 / a.0.needs).total_cmp(&(b.2 / b.0.needs)))?;
        Some(Shortfall {
            colour,
            written,
            shade,
            pair,
            back,
            ratio,
        })
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
        // The colours PAIRS checks take their names from their role, so the two cannot drift.
        let checked = |role: Role| (role.property(), self.colour(role));
        [
            checked(Role::Bg),
            checked(Role::Fg),
            checked(Role::Muted),
            checked(Role::Surface),
            ("border", self.border),
            checked(Role::Primary),
            ("accent-fg", self.primary_fg),
            checked(Role::Highlight),
            checked(Role::Band),
            checked(Role::BandFg),
            ("chart-bar", self.primary),
            ("chart-other", self.chart_other),
            ("chart-track", self.chart_track),
        ]
        .map(|(name, colour)| format!("--{name}: {colour};"))
        .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_names_and_hsl_give_their_codes() {
        let meant = |text| meant_colour(text).map(|(_, c)| c.to_string());
        assert_eq!(meant("dark red").as_deref(), Some("#8b1a1a"));
        assert_eq!(meant("Dark-Red").as_deref(), Some("#8b1a1a"));
        assert_eq!(meant("深红色").as_deref(), Some("#8b1a1a"));
        assert_eq!(meant("蓝色").as_deref(), Some("#1565c0"));
        assert_eq!(meant("hsl(0, 100%, 50%)").as_deref(), Some("#ff0000"));
        assert_eq!(meant("hsl(203, 86%, 30%)").as_deref(), Some("#0b5c8e"));
        assert_eq!(meant("wine"), None);
    }

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

    /// Every pair of `PAIRS` in both schemes of `theme` that misses its contrast, in words.
    fn misses(theme: &Theme) -> Vec<String> {
        [&theme.light, &theme.dark]
            .into_iter()
            .flat_map(|scheme| {
                PAIRS.into_iter().filter_map(move |pair| {
                    let (front, back) = (scheme.colour(pair.front), scheme.colour(pair.back));
                    let ratio = front.contrast(back);
                    (ratio < pair.needs).then(|| {
                        format!(
                            "{} ({front}) on {} ({back}) in the {} colours: {ratio:.3}:1",
                            pair.front.place(),
                            pair.back.place(),
                            if scheme.dark { "dark" } else { "light" }
                        )
                    })
                })
            })
            .collect()
    }

    /// The palette `name` with `colour` as both primary and accent, as site.toml would set them.
    fn coloured(name: &str, colour: Colour) -> Theme {
        let &(_, light, dark) = PALETTES.iter().find(|(n, ..)| *n == name).unwrap();
        let mut theme = Theme {
            light,
            dark,
            logo: None,
        };
        theme.apply(&PRIMARY, colour);
        theme.apply(&ACCENT, colour);
        theme
    }

    /// The sRGB colour of a hue (degrees), saturation and lightness (0 to 1).
    fn hsl(hue: u32, saturation: f64, lightness: f64) -> Colour {
        let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
        let h = f64::from(hue % 360) / 60.0;
        let x = chroma * (1.0 - (h % 2.0 - 1.0).abs());
        let (r, g, b) = match h as u32 {
            0 => (chroma, x, 0.0),
            1 => (x, chroma, 0.0),
            2 => (0.0, chroma, x),
            3 => (0.0, x, chroma),
            4 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        let m = lightness - chroma / 2.0;
        let channel = |c: f64| ((c + m) * 255.0).round() as u8;
        Colour([channel(r), channel(g), channel(b)])
    }

    #[test]
    fn built_in_palettes_are_readable() {
        for (name, light, dark) in PALETTES {
            let theme = Theme {
                light,
                dark,
                logo: None,
            };
            assert_eq!(misses(&theme), Vec::<String>::new(), "{name}");
        }
    }

    #[test]
    fn any_colour_an_editor_sets_is_readable_on_every_surface() {
        // Greens editors tried (one mid green failed on every page in dark mode), harbour's own
        // blue set explicitly, and yellows, greys, black and white at the ends.
        let named = [
            0x628d75, 0x1d6b3f, 0x2e8b57, 0x3cb371, 0x228b22, 0x006400, 0x008000, 0x00a86b,
            0x4caf50, 0x66bb6a, 0x7fd4a0, 0x50c878, 0x0b6623, 0x355e3b, 0x8fbc8f, 0x0b5c8e,
            0xffd400, 0xb45309, 0x767676, 0x000000, 0xffffff,
        ]
        .map(rgb);
        let swept = (0..360).step_by(15).flat_map(|hue| {
            [0.25, 0.5, 0.75, 1.0]
                .into_iter()
                .flat_map(move |saturation| {
                    [0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9]
                        .into_iter()
                        .map(move |lightness| hsl(hue, saturation, lightness))
                })
        });
        let mut tried = 0;
        for colour in named.into_iter().chain(swept) {
            for (name, ..) in PALETTES {
                let theme = coloured(name, colour);
                assert_eq!(misses(&theme), Vec::<String>::new(), "{name} with {colour}");
                tried += 1;
            }
        }
        assert_eq!(tried, 2 * (21 + 24 * 4 * 7));
    }

    #[test]
    fn a_readable_colour_is_kept_and_an_unreadable_one_darkened_to_the_nearest_shade() {
        let theme = coloured("harbour", rgb(0x0b5c8e));
        assert_eq!(theme.light.primary, rgb(0x0b5c8e));
        assert_eq!(theme.light.accent, rgb(0x0b5c8e));
        let theme = coloured("harbour", rgb(0x628d75));
        let shade = theme.light.primary;
        assert!(shade.contrast(theme.light.surface) >= AA);
        // One step lighter would not do.
        let lighter = Colour(shade.0.map(|c| c + 1));
        assert!(lighter.contrast(theme.light.surface) < AA, "{shade}");
    }

    #[test]
    fn ratios_are_rounded_down_so_a_shortfall_never_prints_as_enough() {
        assert_eq!(ratio_text(4.499, 4.5), "4.49");
        assert_eq!(ratio_text(4.45, 4.5), "4.45");
        assert_eq!(ratio_text(4.35, 4.5), "4.3");
        assert_eq!(ratio_text(3.46, 4.5), "3.4");
        assert_eq!(ratio_text(2.96, 3.0), "2.96");
        assert_eq!(ratio_text(1.39, 3.0), "1.3");
    }

    /// The `var(--name)` in a CSS value, if any.
    fn variable(value: &str) -> Option<&str> {
        let rest = value.split_once("var(--")?.1;
        rest.split_once(')').map(|(name, _)| name)
    }

    #[test]
    fn style_css_draws_no_theme_colour_on_another_that_pairs_does_not_check() {
        let role = |name: &str| {
            [
                Role::Bg,
                Role::Fg,
                Role::Muted,
                Role::Surface,
                Role::Primary,
                Role::Band,
                Role::BandFg,
                Role::Highlight,
            ]
            .into_iter()
            .find(|r| r.property() == name)
            .unwrap_or_else(|| panic!("style.css draws with --{name}, which PAIRS does not know"))
        };
        let checked = |front: Role, back: Role| {
            PAIRS
                .iter()
                .any(|p| (p.front, p.back) == (front, back) || (p.front, p.back) == (back, front))
        };
        let css = include_str!("../../static/style.css");
        let mut rules = 0;
        for rule in css.split('}') {
            let Some((selector, body)) = rule.rsplit_once('{') else {
                continue;
            };
            let mut colour = None;
            let mut background = None;
            for declaration in body.split(';') {
                let Some((property, value)) = declaration.split_once(':') else {
                    continue;
                };
                match (property.trim(), variable(value)) {
                    ("color" | "outline" | "outline-color", Some(name)) => {
                        colour = Some(role(name))
                    }
                    ("background" | "background-color", Some(name)) => {
                        background = Some(role(name));
                    }
                    _ => {}
                }
            }
            let selector = selector.trim();
            match (colour, background) {
                (Some(front), Some(back)) => assert!(checked(front, back), "{selector}"),
                (Some(front), None) => {
                    assert!(PAIRS.iter().any(|p| p.front == front), "{selector}");
                }
                (None, Some(back)) => assert!(PAIRS.iter().any(|p| p.back == back), "{selector}"),
                (None, None) => continue,
            }
            rules += 1;
        }
        assert!(rules > 20, "style.css was read: {rules} rules with colours");
    }
}
