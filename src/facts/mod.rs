//! The zone fact sheet: every figure and list the site states, each with its source.
//!
//! This file says what a fact sheet is; `validate` what makes one valid, `format` how a figure
//! is shown.

mod format;
pub(crate) mod shortcode;
mod validate;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::value::Datetime;

use crate::diagnostic::Names;
use crate::locale::date::Day;
use crate::locale::text::Text;

/// The fact sheet as written in site.toml, after parsing and before cross-checks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FactSheet {
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
    pub contact: Option<Spanned<Contact>>,
    /// Charts on the statistics page, drawn from the figures.
    #[serde(default)]
    pub charts: Vec<Spanned<Chart>>,
    /// The figures and sources by id, made on the first lookup.
    #[serde(skip)]
    pub index: OnceLock<FactIndex>,
}

impl FactSheet {
    /// A figure by id: the first of that id.
    pub(crate) fn figure(&self, id: &str) -> Option<&Figure> {
        self.figure_place(id).map(|i| self.figures[i].get_ref())
    }

    /// The place in `figures` of the first figure of id `id`.
    fn figure_place(&self, id: &str) -> Option<usize> {
        self.index().figures.get(id).copied()
    }

    /// The figures that are parts of figure `total`, in the order written.
    pub(crate) fn parts_of<'a>(&'a self, total: &str) -> impl Iterator<Item = &'a Figure> + 'a {
        let parts = self.index().parts.get(total).map_or(&[][..], Vec::as_slice);
        parts.iter().map(|&i| self.figures[i].get_ref())
    }

    /// The source a reference points to, or the default source: the first of that id, or the
    /// first marked `default`.
    pub(crate) fn source(&self, reference: Option<&Spanned<String>>) -> Option<&Source> {
        let index = self.index();
        let found = match reference {
            Some(id) => index.sources.get(id.get_ref().as_str()).copied(),
            None => index.default_source,
        };
        found.map(|i| self.sources[i].get_ref())
    }

    /// The ids of the figures, for suggesting one in place of a misspelt id.
    pub(crate) fn figure_names(&self) -> &Names {
        &self.index().figure_names
    }

    /// The index of figures and sources, made on the first lookup.
    fn index(&self) -> &FactIndex {
        self.index.get_or_init(|| FactIndex::new(self))
    }
}

/// The figures and sources of a fact sheet by id, so that a page of many facts or a chart of many
/// figures finds each one in one step rather than by reading the whole sheet.
#[derive(Debug, Clone, Default)]
pub(crate) struct FactIndex {
    /// The place in `figures` of the first figure of each id.
    figures: HashMap<String, usize>,
    /// The places in `figures` of the parts of each total, in the order written.
    parts: HashMap<String, Vec<usize>>,
    /// The place in `sources` of the first source of each id.
    sources: HashMap<String, usize>,
    /// The place in `sources` of the first source marked `default`.
    default_source: Option<usize>,
    /// The figures' ids, for did-you-mean.
    figure_names: Names,
}

impl FactIndex {
    /// Indexes `facts` in one pass over its figures and sources.
    fn new(facts: &FactSheet) -> Self {
        let mut index = FactIndex::default();
        for (i, figure) in facts.figures.iter().map(Spanned::get_ref).enumerate() {
            index
                .figures
                .entry(figure.id.get_ref().clone())
                .or_insert(i);
            if let Some(total) = &figure.part_of {
                index
                    .parts
                    .entry(total.get_ref().clone())
                    .or_default()
                    .push(i);
            }
        }
        for (i, source) in facts.sources.iter().map(Spanned::get_ref).enumerate() {
            index
                .sources
                .entry(source.id.get_ref().clone())
                .or_insert(i);
            if source.default && index.default_source.is_none() {
                index.default_source = Some(i);
            }
        }
        index.figure_names = Names::new(index.figures.keys().map(String::as_str));
        index
    }
}

/// The zone's identity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Zone {
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
    /// Whether these are example words still waiting for the real ones.
    #[serde(default)]
    pub placeholder: bool,
}

/// A publication the figures are taken from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    /// Short id that figures refer to.
    pub id: Spanned<String>,
    /// Who published it.
    pub publisher: Text,
    /// Its title.
    pub title: Text,
    /// When it was published or last updated.
    pub date: Option<Datetime>,
    /// The language it is written in (`en`), when a title in another language than a page's
    /// should be marked as such.
    pub language: Option<Spanned<String>>,
    /// Where to read it, if it is online.
    pub url: Option<Spanned<String>>,
    /// Whether figures without a `source` key come from here.
    #[serde(default)]
    pub default: bool,
    /// Whether this is an example source still waiting for the real one.
    #[serde(default)]
    pub placeholder: bool,
}

/// Whether a figure is a result, a goal or a guess.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FigureKind {
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
pub(crate) struct Figure {
    /// Short id used in templates and prose.
    pub id: Spanned<String>,
    /// What is counted.
    pub label: Text,
    /// The number itself; a figure with a `series` has none.
    pub value: Option<Spanned<f64>>,
    /// Values per year (`{ 2019 = 10, 2020 = 12 }`), for a figure followed over time.
    pub series: Option<Spanned<BTreeMap<String, f64>>>,
    /// Unit after the number (`%`, `billion yuan`); none for plain counts.
    pub unit: Option<Text>,
    /// The measure word Chinese writes after a count without a unit (`家`, `项`, `个`).
    pub measure_word: Option<String>,
    /// Reference period: a year (`2020`) or a span (`2021-2025`).
    pub period: Option<Spanned<String>>,
    /// Date the figure describes, when it is a stock rather than a flow.
    pub as_of: Option<Datetime>,
    /// The day a source reported a count it gives no date for (stated in its present tense).
    pub as_reported: Option<Datetime>,
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
    /// Slug of the industry this figure belongs to; it is shown on that industry's page.
    pub industry: Option<Spanned<String>>,
    /// Whether it is a key figure, shown as a tile on the home and statistics pages.
    #[serde(default)]
    pub headline: bool,
    /// Whether the number is an example still waiting for the real one (`zonesite init` writes
    /// such figures); every build warns until it is removed.
    #[serde(default)]
    pub placeholder: bool,
}

impl Figure {
    /// The figure's current number: its value, or the latest year of its series.
    pub(crate) fn current(&self) -> Option<f64> {
        self.value.as_ref().map(|v| *v.get_ref()).or_else(|| {
            self.series
                .as_ref()
                .and_then(|s| s.get_ref().values().next_back().copied())
        })
    }

    /// The period as data writes it (`2020`, `2021-2025`, whatever dash it was typed with), or
    /// the years its series spans.
    pub(crate) fn period(&self) -> Option<String> {
        if let Some(p) = &self.period {
            let written = p.get_ref();
            return Some(match parse_period(written) {
                Some((first, last)) if first == last => first.to_string(),
                Some((first, last)) => format!("{first}-{last}"),
                None => written.clone(),
            });
        }
        let series = self.series.as_ref()?.get_ref();
        let (first, last) = (series.keys().next()?, series.keys().next_back()?);
        Some(if first == last {
            first.clone()
        } else {
            format!("{first}-{last}")
        })
    }

    /// The day the figure is tied to, when it has no period: `as_of`, else `as_reported`.
    pub(crate) fn day(&self) -> Option<FigureDay> {
        let day = |d: &Option<Datetime>| d.as_ref().and_then(Day::from_toml);
        day(&self.as_of)
            .map(FigureDay::AsOf)
            .or_else(|| day(&self.as_reported).map(FigureDay::Reported))
    }

    /// Every number the figure states: its value and the years of its series.
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        let series = self.series.iter().flat_map(|s| s.get_ref().values());
        self.value
            .iter()
            .map(Spanned::get_ref)
            .chain(series)
            .copied()
    }

    /// The unit as figures are compared by it: in the first language written, trimmed.
    fn comparable_unit(&self) -> Option<&str> {
        self.unit.as_ref().map(|u| u.get("").trim())
    }

    /// Whether the unit is a percentage.
    fn is_percentage(&self) -> bool {
        self.comparable_unit() == Some("%")
    }
}

/// The day a figure is tied to, and what kind of day it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FigureDay {
    /// The day the count was taken (`as_of`).
    AsOf(Day),
    /// Only the day a source reported it (`as_reported`): the source gives no date of its own.
    Reported(Day),
}

impl FigureDay {
    /// The day itself.
    pub(crate) fn day(self) -> Day {
        match self {
            FigureDay::AsOf(d) | FigureDay::Reported(d) => d,
        }
    }
}

/// An amount restated in another unit by the source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Conversion {
    /// The converted number.
    pub value: f64,
    /// Its unit; a leading currency sign (`US$ billion`) goes before the number.
    pub unit: Text,
    /// Whether the source gives it as approximate.
    #[serde(default)]
    pub approximate: bool,
}

/// A university or research institute.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Institution {
    /// Its name.
    pub name: Text,
    /// `university` or `institute`.
    pub kind: InstitutionKind,
    /// The body it belongs to, if any.
    pub affiliation: Option<Text>,
    /// Source id; the default source when absent.
    pub source: Option<Spanned<String>>,
}

/// The kinds of research body the zone lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum InstitutionKind {
    /// A university.
    University,
    /// A research institute.
    Institute,
}

/// An industry the zone promotes; each gets a page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Industry {
    /// URL name, and the name of its file in `content/industries/`.
    pub slug: Spanned<String>,
    /// Display name.
    pub name: Text,
    /// One-sentence summary.
    pub summary: Option<Text>,
    /// Id of the plan that names it.
    pub plan: Option<Spanned<String>>,
    /// Source id; the default source when absent.
    pub source: Option<Spanned<String>>,
    /// The day the record was added (`zonesite new` writes it): a source published before it
    /// cannot be where the record comes from without saying so.
    pub added: Option<Datetime>,
    /// A picture shown at the top of its page.
    pub picture: Option<Picture>,
    /// Whether this is an example still waiting for the real one.
    #[serde(default)]
    pub placeholder: bool,
}

/// The zone's industrial parks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Parks {
    /// Id of the figure that counts them.
    pub count: Option<Spanned<String>>,
    /// Sectors the parks cover, as the source names them.
    #[serde(default)]
    pub sectors: Vec<Text>,
    /// Source id; the default source when absent.
    pub source: Option<Spanned<String>>,
    /// A picture shown at the top of the parks page.
    pub picture: Option<Picture>,
}

impl Parks {
    /// The id of each sector, by which pages are tagged with it: its name in the default
    /// language `key`, in lower case with hyphens (`integrated-circuit-equipment`).
    pub(crate) fn sector_ids(&self, key: &str) -> Vec<String> {
        self.sectors
            .iter()
            .map(|s| crate::url::name_id(s.get(key)))
            .collect()
    }
}

/// A picture the theme shows (the home page's, an industry's, the parks'), from a file in
/// `static/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Picture {
    /// Its path under `static/` (`images/skyline.jpg`).
    pub file: Spanned<String>,
    /// What it shows, in words, for people who cannot see it; a picture without is an error
    /// (reported where the pages are made, with the file's other mistakes).
    pub alt: Option<Text>,
    /// Who took it (`Photo: ...`), shown under it.
    pub credit: Option<Text>,
}

/// A development plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Plan {
    /// Short id that industries refer to.
    pub id: Spanned<String>,
    /// Its name.
    pub name: Text,
    /// Years it covers, if given.
    pub period: Option<String>,
    /// What it sets out to do.
    #[serde(default)]
    pub goals: Vec<Text>,
    /// Source id; the default source when absent.
    pub source: Option<Spanned<String>>,
    /// Whether this is an example still waiting for the real one.
    #[serde(default)]
    pub placeholder: bool,
}

/// How a chart draws its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ChartKind {
    /// Horizontal bars comparing figures with the same unit.
    Bars,
    /// The parts of a total as bars, with the remainder shown as "other".
    Breakdown,
    /// Percentages, each as a filled part of a whole bar.
    Shares,
    /// One figure's values per year, as columns.
    Series,
}

impl ChartKind {
    /// The kind as written in site.toml.
    fn name(self) -> &'static str {
        match self {
            ChartKind::Bars => "bars",
            ChartKind::Breakdown => "breakdown",
            ChartKind::Shares => "shares",
            ChartKind::Series => "series",
        }
    }
}

/// A chart on the statistics page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Chart {
    /// Short id: the chart's anchor and the name of its CSV file.
    pub id: Spanned<String>,
    /// A headline that says the point.
    pub title: Text,
    /// Measure and period; made from the figures when absent.
    pub subtitle: Option<Text>,
    /// How it is drawn.
    pub kind: ChartKind,
    /// The figures it shows (`bars`, `shares`, `series`).
    #[serde(default)]
    pub figures: Vec<Spanned<String>>,
    /// The total whose parts it shows (`breakdown`).
    pub total: Option<Spanned<String>>,
    /// Label for the derived remainder of a breakdown; "Other" when absent.
    pub other_label: Option<Text>,
    /// Whether this is an example still waiting for the real one.
    #[serde(default)]
    pub placeholder: bool,
}

/// How to reach the zone office; every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    /// Name of the office, per language like every text readers see.
    pub office: Option<Text>,
    /// Postal address, per language.
    pub address: Option<Text>,
    /// Telephone number, where site.toml gives it.
    pub phone: Option<Spanned<String>>,
    /// E-mail address, where site.toml gives it.
    pub email: Option<Spanned<String>>,
    /// Web page for enquiries.
    pub enquiry_url: Option<String>,
    /// Whether these are example details still waiting for the real ones.
    #[serde(default)]
    pub placeholder: bool,
}

/// The details of [`Contact`] a page may quote with `{{ contact <detail> }}`.
pub(crate) const CONTACT_DETAILS: [&str; 4] = ["phone", "email", "address", "office"];

impl Contact {
    /// Whether the detail named `detail` (one of [`CONTACT_DETAILS`]) is given.
    pub(crate) fn has(&self, detail: &str) -> bool {
        match detail {
            "phone" => self.phone.is_some(),
            "email" => self.email.is_some(),
            "address" => self.address.is_some(),
            "office" => self.office.is_some(),
            _ => false,
        }
    }
}

/// A year (`2020`) or a span of years (`2021-2025`), as (first, last).
pub(crate) fn parse_period(period: &str) -> Option<(i32, i32)> {
    let year = |s: &str| {
        let s = s.trim();
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // People type the span with whatever dash their keyboard or word processor gives.
    match period.split_once(['-', '–', '—', '－', '~', '～', '至']) {
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b)?);
            (a <= b).then_some((a, b))
        }
        None => year(period).map(|y| (y, y)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_years_or_spans() {
        assert_eq!(parse_period("2020"), Some((2020, 2020)));
        assert_eq!(parse_period("2021-2025"), Some((2021, 2025)));
        for typed in [
            "2021–2025",
            "2021—2025",
            "2021 - 2025",
            "2021至2025",
            "2021～2025",
        ] {
            assert_eq!(parse_period(typed), Some((2021, 2025)), "{typed}");
        }
        assert_eq!(parse_period("2025-2021"), None);
        assert_eq!(parse_period("last year"), None);
    }
}
