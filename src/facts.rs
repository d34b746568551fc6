//! The zone fact sheet: every figure and list the site states, each with its source.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::value::Datetime;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::text::Text;

/// The fact sheet as written in site.toml, after parsing and before cross-checks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSheet {
    /// Who the zone is.
    pub zone: Option<Zone>,
    /// Where the figures come from.
    #[serde(default)]
    pub sources: Vec<Spanned<Source>>,
    /// Numbers, each a record with its period and source.
    #[serde(default)]
    pub figures: Vec<Spanned<Figure>>,
    /// Universities and research institutes in the zone.
    #[serde(default)]
    pub institutions: Vec<Institution>,
    /// Industries, one page each.
    #[serde(default)]
    pub industries: Vec<Spanned<Industry>>,
    /// The zone's industrial parks.
    pub parks: Option<Parks>,
    /// Development plans.
    #[serde(default)]
    pub plans: Vec<Spanned<Plan>>,
    /// How investors reach the zone office.
    pub contact: Option<Contact>,
}

/// The zone's identity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Short name, as used in headings.
    pub name: Text,
    /// Full official name.
    pub official_name: Option<Text>,
    /// City, province and region in one line.
    pub location: Option<Text>,
    /// Year the zone was founded.
    pub founded: Option<i32>,
    /// Year of national approval.
    pub approved: Option<i32>,
    /// Who granted national approval.
    pub approved_by: Option<Text>,
    /// How the zone describes its role.
    #[serde(default)]
    pub roles: Vec<Text>,
    /// Long-standing industrial focus.
    #[serde(default)]
    pub focus: Vec<Text>,
    /// Notable research results.
    #[serde(default)]
    pub research_highlights: Vec<Text>,
    /// Source of the identity facts; the default source when absent.
    pub source: Option<Spanned<String>>,
}

/// A publication the figures are taken from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short id that figures refer to.
    pub id: Spanned<String>,
    /// Who published it.
    pub publisher: Text,
    /// Its title.
    pub title: Text,
    /// When it was published or last updated.
    pub date: Option<Datetime>,
    /// Where to read it, if it is online.
    pub url: Option<String>,
    /// Whether figures without a `source` key come from here.
    #[serde(default)]
    pub default: bool,
}

/// Whether a figure is a result, a goal or a guess.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// Something that happened.
    #[default]
    Actual,
    /// Something planned.
    Target,
    /// An estimate.
    Estimate,
}

/// One number the site states.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Short id used in templates and prose.
    pub id: Spanned<String>,
    /// What is counted.
    pub label: Text,
    /// The number itself.
    pub value: f64,
    /// Unit after the number (`%`, `billion yuan`); none for plain counts.
    pub unit: Option<Text>,
    /// Reference period: a year (`2020`) or a span (`2021-2025`).
    pub period: Option<Spanned<String>>,
    /// Date the figure describes, when it is a stock rather than a flow.
    pub as_of: Option<Datetime>,
    /// Actual, target or estimate.
    #[serde(default)]
    pub kind: FigureKind,
    /// Whether the source gives it as approximate ("about 40%").
    #[serde(default)]
    pub approximate: bool,
    /// Source id; the default source when absent.
    pub source: Option<Spanned<String>>,
    /// Id of the figure this one is a part of.
    pub part_of: Option<Spanned<String>>,
    /// What this figure is a share of, when its unit is `%`.
    pub share_of: Option<Text>,
    /// The same amount in another currency, as the source gave it.
    pub conversion: Option<Conversion>,
    /// A short remark shown with the figure.
    pub note: Option<Text>,
}

/// An amount restated in another unit by the source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conversion {
    /// The converted number.
    pub value: f64,
    /// Its unit; a leading currency sign (`US$ billion`) goes before the number.
    pub unit: Text,
    /// Whether the source gives it as approximate.
    #[serde(default)]
    pub approximate: bool,
}

/// A university or research institute.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Its name.
    pub name: String,
    /// `university` or `institute`.
    pub kind: InstitutionKind,
    /// The body it belongs to, if any.
    pub affiliation: Option<String>,
}

/// The kinds of research body the zone lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InstitutionKind {
    /// A university.
    University,
    /// A research institute.
    Institute,
}

/// An industry the zone promotes; each gets a page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    /// URL name, and the name of its file in `content/industries/`.
    pub slug: Spanned<String>,
    /// Display name.
    pub name: Text,
    /// One-sentence summary.
    pub summary: Option<Text>,
    /// Id of the plan that names it.
    pub plan: Option<Spanned<String>>,
}

/// The zone's industrial parks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parks {
    /// Id of the figure that counts them.
    pub count: Option<Spanned<String>>,
    /// Sectors the parks cover, as the source names them.
    #[serde(default)]
    pub sectors: Vec<Text>,
}

/// A development plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Short id that industries refer to.
    pub id: Spanned<String>,
    /// Its name.
    pub name: Text,
    /// Years it covers, if given.
    pub period: Option<String>,
    /// What it sets out to do.
    #[serde(default)]
    pub goals: Vec<Text>,
}

/// How to reach the zone office; every field is optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name of the office.
    pub office: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Web page for enquiries.
    pub enquiry_url: Option<String>,
}

impl FactSheet {
    /// Cross-checks ids and references, which parsing alone cannot.
    pub fn validate(&self, file: &SourceFile, out: &mut Diagnostics) {
        let at = |span: std::ops::Range<usize>, message: String| {
            Diagnostic::error_at(file, span.start, message)
        };

        let source_ids = unique_ids(
            self.sources.iter().map(|s| &s.get_ref().id),
            "source",
            file,
            out,
        );
        let figure_ids = unique_ids(
            self.figures.iter().map(|f| &f.get_ref().id),
            "figure",
            file,
            out,
        );
        let plan_ids = unique_ids(
            self.plans.iter().map(|p| &p.get_ref().id),
            "plan",
            file,
            out,
        );
        unique_ids(
            self.industries.iter().map(|i| &i.get_ref().slug),
            "industry",
            file,
            out,
        );

        let defaults: Vec<_> = self
            .sources
            .iter()
            .filter(|s| s.get_ref().default)
            .collect();
        for extra in defaults.iter().skip(1) {
            out.push(
                at(
                    extra.span(),
                    "more than one source is marked `default = true`".into(),
                )
                .with_hint("keep `default = true` on one source only"),
            );
        }

        let mut check_ref =
            |reference: &Option<Spanned<String>>, ids: &BTreeSet<&str>, what: &str| {
                if let Some(r) = reference
                    && !ids.contains(r.get_ref().as_str())
                {
                    out.push(
                        at(r.span(), format!("unknown {what} `{}`", r.get_ref()))
                            .with_suggestion(r.get_ref(), ids.iter().copied()),
                    );
                }
            };

        for figure in &self.figures {
            let f = figure.get_ref();
            check_ref(&f.source, &source_ids, "source");
            check_ref(&f.part_of, &figure_ids, "figure");
        }
        for industry in &self.industries {
            check_ref(&industry.get_ref().plan, &plan_ids, "plan");
        }
        if let Some(zone) = &self.zone {
            check_ref(&zone.source, &source_ids, "source");
        }
        if let Some(parks) = &self.parks {
            check_ref(&parks.count, &figure_ids, "figure");
        }

        for figure in &self.figures {
            let f = figure.get_ref();
            if !f.value.is_finite() {
                out.push(
                    at(
                        figure.span(),
                        format!("figure `{}` has no usable value", f.id.get_ref()),
                    )
                    .with_hint("write a plain number, for example: value = 272"),
                );
            }
            if let Some(period) = &f.period
                && parse_period(period.get_ref()).is_none()
            {
                out.push(
                    at(period.span(), format!("`{}` is not a period", period.get_ref()))
                        .with_hint("write a year or a span of years, for example: period = \"2020\" or period = \"2021-2025\""),
                );
            }
            if f.source.is_none() && defaults.is_empty() {
                out.push(
                    at(figure.span(), format!("figure `{}` has no source", f.id.get_ref()))
                        .with_hint("add `source = \"<source id>\"`, or mark one [[sources]] entry with `default = true`"),
                );
            }
        }
    }

    /// The source a reference points to, or the default source.
    pub fn source(&self, reference: Option<&Spanned<String>>) -> Option<&Source> {
        let wanted = reference.map(|r| r.get_ref().as_str());
        self.sources
            .iter()
            .map(Spanned::get_ref)
            .find(|s| match wanted {
                Some(id) => s.id.get_ref() == id,
                None => s.default,
            })
    }
}

/// Reports repeated ids and returns the set of ids.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a Spanned<String>>,
    what: &str,
    file: &SourceFile,
    out: &mut Diagnostics,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id.get_ref().as_str()) {
            out.push(
                Diagnostic::error_at(
                    file,
                    id.span().start,
                    format!("the {what} id `{}` is used twice", id.get_ref()),
                )
                .with_hint("every id must be different; rename one of them"),
            );
        }
    }
    seen
}

/// A year (`2020`) or a span of years (`2021-2025`), as (first, last).
pub fn parse_period(period: &str) -> Option<(i32, i32)> {
    let year = |s: &str| {
        let s = s.trim();
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match period.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b)?);
            (a <= b).then_some((a, b))
        }
        None => year(period).map(|y| (y, y)),
    }
}

/// Writes a number the way English prose does: `2,024`, `12.1`, `1.85`.
pub fn format_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A value with its unit, and "about" when approximate.
///
/// ```
/// use zonesite::facts::format_amount;
/// assert_eq!(format_amount(40.0, Some("%"), true), "about 40%");
/// assert_eq!(format_amount(12.1, Some("billion yuan"), false), "12.1 billion yuan");
/// ```
pub fn format_amount(value: f64, unit: Option<&str>, approximate: bool) -> String {
    let number = format_number(value);
    // A currency sign as the unit's first word goes before the number: "US$ billion" -> "US$1.85 billion".
    let amount = match unit.map(str::trim) {
        None | Some("") => number,
        Some("%") => format!("{number}%"),
        Some(u) => match u.split_once(' ').unwrap_or((u, "")) {
            (sign, rest) if sign.ends_with(['$', '¥', '€', '£']) => {
                format!("{sign}{number} {rest}").trim_end().to_owned()
            }
            _ => format!("{number} {u}"),
        },
    };
    if approximate {
        format!("about {amount}")
    } else {
        amount
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_for_english_prose() {
        assert_eq!(format_number(2024.0), "2,024");
        assert_eq!(format_number(1152.0), "1,152");
        assert_eq!(format_number(272.0), "272");
        assert_eq!(format_number(12.1), "12.1");
        assert_eq!(format_number(1234567.0), "1,234,567");
        assert_eq!(format_number(-1500.0), "-1,500");
        assert_eq!(format_amount(40.0, Some("%"), true), "about 40%");
        assert_eq!(
            format_amount(1.85, Some("US$ billion"), true),
            "about US$1.85 billion"
        );
        assert_eq!(
            format_amount(12.1, Some("billion yuan"), false),
            "12.1 billion yuan"
        );
    }

    #[test]
    fn periods_are_years_or_spans() {
        assert_eq!(parse_period("2020"), Some((2020, 2020)));
        assert_eq!(parse_period("2021-2025"), Some((2021, 2025)));
        assert_eq!(parse_period("2025-2021"), None);
        assert_eq!(parse_period("last year"), None);
    }
}
