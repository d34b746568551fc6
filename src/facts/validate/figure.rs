//! The checks of one figure on its own: what it names, its numbers, its series, when it applies,
//! its source and its share.

use std::ops::Range;

use toml::Spanned;

use super::{Checker, Ids};
use crate::diagnostic::Code;
use crate::facts::{Figure, FigureDay, FigureKind, parse_period};
use crate::locale::date::Day;
use crate::locale::is_ideograph;

/// The largest magnitude a figure may have: every whole number up to it is exact in an `f64`,
/// so what is shown is what was written.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

impl Checker<'_, '_> {
    /// Reports every problem of one figure; `has_default` says whether it may leave out `source`.
    pub(super) fn figure(
        &mut self,
        figure: &Spanned<Figure>,
        ids: &Ids,
        has_default: bool,
        today: Day,
    ) {
        let (f, at) = (figure.get_ref(), figure.span());
        self.figure_references(f, ids);
        self.figure_has_value(f, at.clone());
        self.figure_numbers_exact(f, at.clone());
        self.figure_series(f);
        self.figure_period(f, at.clone());
        self.figure_source(f, at.clone(), has_default);
        self.figure_not_in_future(f, at.clone(), today);
        self.figure_share(f, at.clone());
        self.figure_measure_word(f, at);
    }

    /// Reports a measure word beside a unit (it would never be shown) or one that is not
    /// Chinese (an English unit written in the wrong place).
    fn figure_measure_word(&mut self, f: &Figure, at: Range<usize>) {
        let Some(word) = &f.measure_word else { return };
        let id = f.id.get_ref();
        if f.unit.is_some() {
            self.error(Code::FigureMeasureWord, at, format!("figure `{id}` has both a unit and a measure word `{word}`: a measure word is only shown after a count without a unit"), "keep one: for an amount in a unit delete the measure_word line; for a count delete the unit line");
        } else if let Some(han) = word.chars().find(|&c| is_ideograph(c)) {
            if word.chars().count() > 2 || !word.chars().all(is_ideograph) {
                self.error(Code::FigureMeasureWord, at, format!("the measure word of figure `{id}` is `{word}`: a measure word is the one Chinese word written after the number, without numbers, brackets or punctuation"), &format!("write measure_word = \"{han}\""));
            }
        } else {
            self.error(Code::FigureMeasureWord, at, format!("the measure word `{word}` of figure `{id}` is not Chinese: a measure word is the word Chinese writes after a count, like 家, 项 or 个"), "write the Chinese measure word of what is counted, for example measure_word = \"家\" (institutions, companies), \"项\" (contracts, patents) or \"个\" (parks, centres); English shows the number alone");
        }
    }

    /// Reports unknown sources, totals and industries, and a figure that is a part of itself.
    fn figure_references(&mut self, f: &Figure, ids: &Ids) {
        self.reference(f.source.as_ref(), &ids.sources, "source");
        self.reference(f.part_of.as_ref(), &ids.figures, "figure");
        self.reference(f.industry.as_ref(), &ids.industries, "industry");
        let id = f.id.get_ref();
        if f.part_of.as_ref().is_some_and(|p| p.get_ref() == id) {
            self.error(
                Code::FigurePartOfItself,
                f.id.span(),
                format!("figure `{id}` is `part_of` itself"),
                "name the total it is a part of",
            );
        }
    }

    /// Reports a figure with neither a `value` nor a `series`, or with both.
    fn figure_has_value(&mut self, f: &Figure, at: Range<usize>) {
        let id = f.id.get_ref();
        match (&f.value, &f.series) {
            (None, None) => self.error(
                Code::FigureNoValue,
                at,
                format!("figure `{id}` has no value"),
                "add its number, for example: value = 272",
            ),
            (Some(_), Some(series)) => self.error(
                Code::FigureValueAndSeries,
                series.span(),
                format!("figure `{id}` has both a `value` and a `series`"),
                "keep `value` for a single number, or `series` for values per year, not both",
            ),
            _ => {}
        }
    }

    /// Reports numbers, conversion included, that are not finite or too large to show exactly.
    fn figure_numbers_exact(&mut self, f: &Figure, at: Range<usize>) {
        let id = f.id.get_ref();
        let numbers: Vec<f64> = f
            .values()
            .chain(f.conversion.iter().map(|c| c.value))
            .collect();
        if numbers.iter().any(|v| !v.is_finite()) {
            self.error(
                Code::FigureNotANumber,
                at,
                format!("figure `{id}` has no usable value: `nan` and `inf` are not numbers"),
                "write a plain number, for example: value = 272",
            );
        } else if numbers.iter().any(|v| v.abs() > MAX_EXACT) {
            self.error(Code::FigureTooLarge,
                at,
                format!("figure `{id}` is larger than any number zonesite can show exactly (9,007,199,254,740,992)"),
                "write it in a larger unit, for example: value = 1.2 with unit = \"trillion yuan\"",
            );
        }
    }

    /// Reports a series beside a `period`, an empty series, and keys of a series that are not years.
    fn figure_series(&mut self, f: &Figure) {
        let Some(series) = &f.series else { return };
        let id = f.id.get_ref();
        if let Some(p) = &f.period {
            self.error(
                Code::FigureSeriesPeriod,
                p.span(),
                format!("figure `{id}` has a `series`, so its period comes from the years"),
                "remove `period`",
            );
        }
        if series.get_ref().is_empty() {
            self.error(
                Code::FigureSeriesEmpty,
                series.span(),
                format!("the series of figure `{id}` is empty"),
                "give a value per year, for example: series = { 2019 = 10, 2020 = 12 }",
            );
        }
        for year in series.get_ref().keys() {
            if parse_period(year).is_none_or(|(a, b)| a != b) {
                self.error(Code::FigureSeriesYear, series.span(), format!("`{year}` in the series of figure `{id}` is not a year"), "write each year as four digits, for example: series = { 2019 = 10, 2020 = 12 }");
            }
        }
    }

    /// Reports a period that is not a year or a span of years, and a figure with no time at all.
    fn figure_period(&mut self, f: &Figure, at: Range<usize>) {
        if let Some(p) = &f.period
            && parse_period(p.get_ref()).is_none()
        {
            self.error(Code::FigurePeriodInvalid, p.span(), format!("`{}` is not a period", p.get_ref()), "write a year or a span of years, for example: period = \"2020\" or period = \"2021-2025\"");
        }
        let times: Vec<&str> = [
            ("period", f.period.is_some()),
            ("series", f.series.is_some() && f.period.is_none()),
            ("as_of", f.as_of.is_some()),
            ("as_reported", f.as_reported.is_some()),
        ]
        .into_iter()
        .filter_map(|(key, given)| given.then_some(key))
        .collect();
        let id = f.id.get_ref();
        match times.as_slice() {
            [] => self.error(Code::FigureNoPeriod, at, format!("figure `{id}` has no period"), "say when it applies, for example: period = \"2020\" (a year or a span of years), as_of = 2020-12-31 (the day a count was taken), or as_reported = 2021-04-13 (the day the source reported a count it gives no date for)"),
            [_] => {}
            [first, .., last] => self.error(Code::FigurePeriodAndDate, at, format!("figure `{id}` says when it applies twice: it has both `{first}` and `{last}`"), "keep one: period for a year or a span of years, as_of for the day a count was taken, as_reported for the day the source reported a count it gives no date for"),
        }
    }

    /// Reports a figure without `source` when no source is the default.
    fn figure_source(&mut self, f: &Figure, at: Range<usize>, has_default: bool) {
        if f.source.is_none() && !has_default {
            self.error(Code::FigureNoSource, at, format!("figure `{}` has no source", f.id.get_ref()), "add `source = \"<source id>\"`, or mark one [[sources]] entry with `default = true`");
        }
    }

    /// Reports an actual figure whose period or date lies after `today`.
    fn figure_not_in_future(&mut self, f: &Figure, at: Range<usize>, today: Day) {
        if f.kind != FigureKind::Actual {
            return;
        }
        let future_period = f
            .period()
            .filter(|p| parse_period(p).is_some_and(|(_, last)| last > today.year));
        let future_day = f.day().map(FigureDay::day).filter(|d| *d > today);
        let when = match (future_period, future_day) {
            (Some(p), _) => format!("its period {p}"),
            (None, Some(d)) => format!("its date {}", d.iso()),
            (None, None) => return,
        };
        self.error(Code::FigureFutureActual, at, format!("figure `{}` is an actual figure, but {when} lies in the future", f.id.get_ref()), "for a goal write kind = \"target\", for a forecast kind = \"estimate\"; otherwise correct the date");
    }

    /// Reports a share that is not in % or lies outside 0 to 100 %.
    fn figure_share(&mut self, f: &Figure, at: Range<usize>) {
        let Some(share_of) = &f.share_of else { return };
        let id = f.id.get_ref();
        if !f.is_percentage() {
            self.error(
                Code::FigureShareUnit,
                at,
                format!(
                    "figure `{id}` is a share of {}, but its unit is not %",
                    share_of.get("")
                ),
                "write a share as a percentage: unit = \"%\"",
            );
        } else if f.values().any(|v| !(0.0..=100.0).contains(&v)) {
            self.error(
                Code::FigureShareRange,
                f.value.as_ref().map_or(at, Spanned::span),
                format!("figure `{id}` is a share, so it must lie between 0 and 100 %"),
                "check the value; a share of a total cannot be negative or more than the whole",
            );
        }
    }
}
