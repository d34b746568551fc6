//! What makes a fact sheet valid: ids, references, sums, charts and the examples still to replace.

use std::collections::BTreeSet;
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::facts::{Chart, ChartKind, FactSheet, Figure, FigureKind, parse_period};
use crate::locale::date::Day;
use crate::locale::english_number;
use crate::source::SourceFile;

/// The largest magnitude a figure may have: every whole number up to it is exact in an `f64`,
/// so what is shown is what was written.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

impl FactSheet {
    /// Cross-checks ids, references and sums, which parsing alone cannot; `today` dates "actual".
    pub(crate) fn validate(&self, file: &SourceFile, today: Day, out: &mut Diagnostics) {
        let mut check = Checker { file, out };
        let ids = Ids {
            sources: check.unique(self.sources.iter().map(|s| &s.get_ref().id), "source"),
            figures: check.unique(self.figures.iter().map(|f| &f.get_ref().id), "figure"),
            plans: check.unique(self.plans.iter().map(|p| &p.get_ref().id), "plan"),
            industries: check.unique(
                self.industries.iter().map(|i| &i.get_ref().slug),
                "industry",
            ),
        };
        check.unique(self.charts.iter().map(|c| &c.get_ref().id), "chart");

        self.warn_placeholders(&mut check);
        let defaults: Vec<_> = self
            .sources
            .iter()
            .filter(|s| s.get_ref().default)
            .collect();
        for extra in defaults.iter().skip(1) {
            check.error(
                Code::SourceDefaultTwice,
                extra.span(),
                "more than one source is marked `default = true`".into(),
                "keep `default = true` on one source only",
            );
        }

        let sourced = self
            .institutions
            .iter()
            .map(|i| &i.source)
            .chain(self.industries.iter().map(|i| &i.get_ref().source))
            .chain(self.plans.iter().map(|p| &p.get_ref().source))
            .chain(self.parks.iter().map(|p| &p.source))
            .chain(self.zone.iter().map(|z| &z.source));
        for reference in sourced {
            check.reference(reference.as_ref(), &ids.sources, "source");
        }
        for industry in &self.industries {
            check.reference(industry.get_ref().plan.as_ref(), &ids.plans, "plan");
        }
        if let Some(parks) = &self.parks {
            check.reference(parks.count.as_ref(), &ids.figures, "figure");
        }
        for url in self.sources.iter().filter_map(|s| s.get_ref().url.as_ref()) {
            check.web_address(url.span(), url.get_ref());
        }
        if let Some(contact) = &self.contact
            && let Some(url) = &contact.get_ref().enquiry_url
        {
            check.web_address(contact.span(), url);
        }
        for figure in &self.figures {
            check.figure(figure, &ids, !defaults.is_empty(), today);
        }
        self.check_parts(&mut check);
        for chart in &self.charts {
            self.check_chart(chart, &ids, &mut check);
        }
    }

    /// Warns about every example still marked `placeholder = true`, saying what to write instead.
    fn warn_placeholders(&self, check: &mut Checker) {
        let marked = |placeholder: bool, span: Range<usize>| placeholder.then_some(Some(span));
        let mut found: Vec<(Option<Range<usize>>, String, &str)> = Vec::new();
        if let Some(at) = self
            .zone
            .as_ref()
            .and_then(|z| z.placeholder.then_some(None))
        {
            found.push((
                at,
                "the [zone] table is a placeholder: its name and location are examples".into(),
                "write the zone's real names and location",
            ));
        }
        for s in &self.sources {
            if let Some(at) = marked(s.get_ref().placeholder, s.span()) {
                found.push((
                    at,
                    format!(
                        "source `{}` is a placeholder, not a real publication",
                        s.get_ref().id.get_ref()
                    ),
                    "write the real publisher, title and date",
                ));
            }
        }
        for f in &self.figures {
            if let Some(at) = marked(f.get_ref().placeholder, f.span()) {
                found.push((
                    at,
                    format!(
                        "figure `{}` is a placeholder, not a real number",
                        f.get_ref().id.get_ref()
                    ),
                    "write the real value, period and source",
                ));
            }
        }
        let examples = self
            .plans
            .iter()
            .map(|p| {
                (
                    p.get_ref().placeholder,
                    p.span(),
                    format!("the plan `{}`", p.get_ref().id.get_ref()),
                )
            })
            .chain(self.industries.iter().map(|i| {
                (
                    i.get_ref().placeholder,
                    i.span(),
                    format!("the industry `{}`", i.get_ref().slug.get_ref()),
                )
            }))
            .chain(self.charts.iter().map(|c| {
                (
                    c.get_ref().placeholder,
                    c.span(),
                    format!("the chart `{}`", c.get_ref().id.get_ref()),
                )
            }));
        for (placeholder, span, what) in examples {
            if let Some(at) = marked(placeholder, span) {
                found.push((
                    at,
                    format!("{what} is a placeholder, an example to replace"),
                    "write the real one (or delete it)",
                ));
            }
        }
        if let Some(c) = &self.contact
            && let Some(at) = marked(c.get_ref().placeholder, c.span())
        {
            found.push((
                at,
                "the contact details are placeholders, not the office's real ones".into(),
                "write the real office, address, phone and email",
            ));
        }
        for (at, message, write) in found {
            let d = match at {
                Some(span) => {
                    Diagnostic::warning_at(Code::FactPlaceholder, check.file, span.start, message)
                }
                None => Diagnostic::warning(
                    Code::FactPlaceholder,
                    Some(crate::source::Location::file(&check.file.path)),
                    message,
                ),
            };
            check.out.push(d.with_hint(format!(
                "{write}, then delete the line `placeholder = true`"
            )));
        }
    }

    /// Parts may add up to less than their total (the rest is "other"), never to more.
    fn check_parts(&self, check: &mut Checker) {
        for figure in &self.figures {
            let f = figure.get_ref();
            let Some(part_of) = &f.part_of else { continue };
            let mut chain = vec![f.id.get_ref().as_str()];
            let mut next = Some(part_of.get_ref().as_str());
            while let Some(id) = next {
                if chain.contains(&id) {
                    // Reported once, at the figure of the circle whose id sorts first.
                    if id == chain[0] && chain.len() > 1 && chain.iter().all(|c| *c >= chain[0]) {
                        chain.push(id);
                        check.error(
                            Code::PartOfCircle,
                            part_of.span(),
                            format!("`part_of` goes round in a circle: {}", chain.join(" -> ")),
                            "a part cannot contain its own total; remove one `part_of`",
                        );
                    }
                    break;
                }
                chain.push(id);
                next = self
                    .figure(id)
                    .and_then(|t| t.part_of.as_ref())
                    .map(|p| p.get_ref().as_str());
            }
            let total_has_series = self
                .figure(part_of.get_ref())
                .is_some_and(|t| t.series.is_some());
            if f.series.is_some() || total_has_series {
                check.error(
                    Code::PartOfSeries,
                    part_of.span(),
                    format!(
                        "`{}` is part of `{}`, but a breakdown needs single values, not series",
                        f.id.get_ref(),
                        part_of.get_ref()
                    ),
                    "give the part and its total one `value` each, for the same period",
                );
            }
            if f.current().is_some_and(|v| v < 0.0) {
                check.error(
                    Code::PartOfNegative,
                    part_of.span(),
                    format!(
                        "`{}` is part of `{}`, but it is negative",
                        f.id.get_ref(),
                        part_of.get_ref()
                    ),
                    "a part of a total is a count or an amount of zero or more",
                );
            }
        }
        for total in &self.figures {
            let total = total.get_ref();
            let id = total.id.get_ref();
            let parts: Vec<&Figure> = self.parts_of(id).collect();
            if parts.is_empty() {
                continue;
            }
            for part in &parts {
                let unit = |f: &Figure| f.unit.as_ref().map(|u| u.get("").trim().to_owned());
                if unit(part) != unit(total) {
                    check.error(
                        Code::PartOfUnit,
                        part.part_of.as_ref().map_or(0..0, Spanned::span),
                        format!(
                            "`{}` is part of `{id}`, but it is counted in a different unit",
                            part.id.get_ref()
                        ),
                        "a part must have the same unit as its total",
                    );
                }
            }
            let (Some(whole), Some(sum)) = (
                total.current(),
                parts.iter().map(|p| p.current()).sum::<Option<f64>>(),
            ) else {
                continue;
            };
            if sum > whole + whole.abs() * 1e-9 {
                let names: Vec<&str> = parts.iter().map(|p| p.id.get_ref().as_str()).collect();
                check.error(Code::PartsExceedTotal,
                    total.id.span(),
                    format!(
                        "the parts of `{id}` add up to {}, more than its value {}",
                        english_number(sum),
                        english_number(whole)
                    ),
                    &format!(
                        "check the values of {} and {id}; parts may add up to less than the total (the rest is shown as \"other\"), never to more",
                        names.join(", ")
                    ),
                );
            }
        }
    }

    fn check_chart(&self, chart: &Spanned<Chart>, ids: &Ids, check: &mut Checker) {
        let c = chart.get_ref();
        let id = c.id.get_ref();
        for figure in &c.figures {
            check.reference(Some(figure), &ids.figures, "figure");
        }
        check.reference(c.total.as_ref(), &ids.figures, "figure");
        let figures: Vec<(&Spanned<String>, &Figure)> = c
            .figures
            .iter()
            .filter_map(|r| self.figure(r.get_ref()).map(|f| (r, f)))
            .collect();
        let at = chart.span();
        if id == "facts" {
            check.error(Code::ChartIdTaken,
                c.id.span(),
                "the chart id `facts` is taken: data/facts.csv is the download of the whole fact sheet".into(),
                "choose another id, for example: id = \"key_facts\"",
            );
        }
        for (r, f) in &figures {
            let values = f
                .value
                .iter()
                .map(|v| *v.get_ref())
                .chain(f.series.iter().flat_map(|s| s.get_ref().values().copied()));
            for v in values {
                if v < 0.0 {
                    check.error(
                        Code::ChartNegative,
                        r.span(),
                        format!(
                            "charts draw bars from zero, and `{}` has a negative value ({})",
                            f.id.get_ref(),
                            english_number(v)
                        ),
                        "show negative numbers in a table or in the text instead",
                    );
                    break;
                }
                // Shares and non-percentages are reported by their own checks.
                if c.kind == ChartKind::Shares
                    && v > 100.0
                    && f.is_percentage()
                    && f.share_of.is_none()
                {
                    check.error(Code::ChartShareOver100,
                        r.span(),
                        format!("the shares chart `{id}` shows parts of a whole, but `{}` is more than 100 %", f.id.get_ref()),
                        "use a bars chart for percentages above 100",
                    );
                    break;
                }
            }
        }
        match c.kind {
            ChartKind::Breakdown => {
                if !c.figures.is_empty() {
                    check.error(Code::ChartBreakdownFigures,
                        c.figures[0].span(),
                        format!("the breakdown chart `{id}` takes its bars from the figures that are `part_of` its total"),
                        "remove `figures`, and give each part `part_of = \"<total id>\"`",
                    );
                }
                match &c.total {
                    None => check.error(Code::ChartBreakdownNoTotal,
                        at,
                        format!("the breakdown chart `{id}` has no `total`"),
                        "name the figure whose parts it shows, for example: total = \"research_institutions\"",
                    ),
                    Some(total) => {
                        if self.figure(total.get_ref()).is_some()
                            && self.parts_of(total.get_ref()).next().is_none()
                        {
                            check.error(Code::ChartBreakdownNoParts,
                                total.span(),
                                format!("no figure is `part_of` `{}`, so the chart `{id}` has nothing to show", total.get_ref()),
                                "add `part_of = \"<total id>\"` to the figures that make up the total",
                            );
                        }
                    }
                }
            }
            kind => {
                if let Some(total) = &c.total {
                    check.error(
                        Code::ChartTotalNotBreakdown,
                        total.span(),
                        format!(
                            "`total` is only for breakdown charts, and `{id}` is a {} chart",
                            kind.name()
                        ),
                        "remove `total`, or write kind = \"breakdown\"",
                    );
                }
                if c.figures.is_empty() {
                    check.error(Code::ChartNoFigures,
                        at.clone(),
                        format!("the chart `{id}` has no figures"),
                        "list the ids of the figures it shows, for example: figures = [\"technology_contracts\"]",
                    );
                }
            }
        }
        match c.kind {
            ChartKind::Bars => {
                let unit = |f: &Figure| f.unit.as_ref().map(|u| u.get("").trim().to_owned());
                if let Some((_, first)) = figures.first() {
                    for (r, f) in &figures[1..] {
                        if unit(f) != unit(first) {
                            check.error(Code::ChartMixedUnits,
                                r.span(),
                                format!("bars compare figures of one unit, but `{}` and `{}` have different units", first.id.get_ref(), f.id.get_ref()),
                                "put figures with different units in separate charts",
                            );
                        }
                    }
                }
            }
            ChartKind::Shares => {
                for (r, f) in &figures {
                    if !f.is_percentage() {
                        check.error(
                            Code::ChartShareNotPercent,
                            r.span(),
                            format!(
                                "the shares chart `{id}` shows percentages, but `{}` is not in %",
                                f.id.get_ref()
                            ),
                            "use a bars chart for counts and amounts",
                        );
                    }
                }
            }
            ChartKind::Series => {
                if c.figures.len() > 1 {
                    check.error(
                        Code::ChartSeriesMany,
                        c.figures[1].span(),
                        format!(
                            "the series chart `{id}` shows one figure over time, but it lists {}",
                            c.figures.len()
                        ),
                        "make one series chart per figure",
                    );
                }
                if let Some((r, f)) = figures.first()
                    && f.series.is_none()
                {
                    check.error(Code::ChartSeriesMissing,
                        r.span(),
                        format!("`{}` has no `series`, so the series chart `{id}` has nothing to draw", f.id.get_ref()),
                        "give the figure its values per year, for example: series = { 2019 = 10, 2020 = 12 }",
                    );
                }
            }
            ChartKind::Breakdown => {}
        }
    }
}

/// The ids each kind of reference may name.
struct Ids<'a> {
    sources: BTreeSet<&'a str>,
    figures: BTreeSet<&'a str>,
    plans: BTreeSet<&'a str>,
    industries: BTreeSet<&'a str>,
}

/// Reports problems in site.toml at their place.
struct Checker<'f, 'o> {
    file: &'f SourceFile,
    out: &'o mut Diagnostics,
}

impl Checker<'_, '_> {
    fn error(&mut self, code: Code, span: Range<usize>, message: String, hint: &str) {
        self.out
            .push(Diagnostic::error_at(code, self.file, span.start, message).with_hint(hint));
    }

    /// Reports a link that is not a web address (`javascript:` and the like have no place here).
    fn web_address(&mut self, span: Range<usize>, url: &str) {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            self.error(
                Code::AddressNotWeb,
                span,
                format!("`{url}` is not a web address"),
                "write the full address, starting with https://",
            );
        }
    }

    /// Reports repeated ids and returns the set of ids.
    fn unique<'a>(
        &mut self,
        ids: impl Iterator<Item = &'a Spanned<String>>,
        what: &str,
    ) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        for id in ids {
            let text = id.get_ref();
            // Ids become file names (data/<chart>.csv), URLs and words inside {{ fact ... }}.
            // `--` would become a dash and `_x_` emphasis when typed in a page.
            if text.is_empty()
                || !text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                || text.contains("--")
                || text.starts_with(['_', '-'])
                || text.ends_with(['_', '-'])
            {
                self.error(Code::IdInvalid,
                    id.span(),
                    format!("`{text}` cannot be a {what} id"),
                    "use letters and digits joined by single - or _, for example: research_institutions",
                );
            }
            if !seen.insert(id.get_ref().as_str()) {
                self.error(
                    Code::IdDuplicate,
                    id.span(),
                    format!("the {what} id `{}` is used twice", id.get_ref()),
                    "every id must be different; rename one of them",
                );
            }
        }
        seen
    }

    /// Reports a reference to an id that does not exist, with the closest one.
    fn reference(&mut self, reference: Option<&Spanned<String>>, ids: &BTreeSet<&str>, what: &str) {
        if let Some(r) = reference
            && !ids.contains(r.get_ref().as_str())
        {
            self.out.push(
                Diagnostic::error_at(
                    Code::ReferenceUnknown,
                    self.file,
                    r.span().start,
                    format!("unknown {what} `{}`", r.get_ref()),
                )
                .with_suggestion(r.get_ref(), ids.iter().copied()),
            );
        }
    }

    fn figure(&mut self, figure: &Spanned<Figure>, ids: &Ids, has_default: bool, today: Day) {
        let f = figure.get_ref();
        let id = f.id.get_ref();
        let at = figure.span();
        self.reference(f.source.as_ref(), &ids.sources, "source");
        self.reference(f.part_of.as_ref(), &ids.figures, "figure");
        self.reference(f.industry.as_ref(), &ids.industries, "industry");
        if f.part_of.as_ref().is_some_and(|p| p.get_ref() == id) {
            self.error(
                Code::FigurePartOfItself,
                f.id.span(),
                format!("figure `{id}` is `part_of` itself"),
                "name the total it is a part of",
            );
        }

        match (&f.value, &f.series) {
            (None, None) => self.error(
                Code::FigureNoValue,
                at.clone(),
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
        let numbers = f
            .value
            .iter()
            .map(Spanned::get_ref)
            .chain(f.series.iter().flat_map(|s| s.get_ref().values()))
            .chain(f.conversion.iter().map(|c| &c.value));
        let numbers: Vec<f64> = numbers.copied().collect();
        if numbers.iter().any(|v| !v.is_finite()) {
            self.error(
                Code::FigureNotANumber,
                at.clone(),
                format!("figure `{id}` has no usable value: `nan` and `inf` are not numbers"),
                "write a plain number, for example: value = 272",
            );
        } else if numbers.iter().any(|v| v.abs() > MAX_EXACT) {
            self.error(Code::FigureTooLarge,
                at.clone(),
                format!("figure `{id}` is larger than any number zonesite can show exactly (9,007,199,254,740,992)"),
                "write it in a larger unit, for example: value = 1.2 with unit = \"trillion yuan\"",
            );
        }

        if let Some(series) = &f.series {
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
        if let Some(p) = &f.period
            && parse_period(p.get_ref()).is_none()
        {
            self.error(Code::FigurePeriodInvalid, p.span(), format!("`{}` is not a period", p.get_ref()), "write a year or a span of years, for example: period = \"2020\" or period = \"2021-2025\"");
        }
        if f.period.is_none() && f.as_of.is_none() && f.series.is_none() {
            self.error(Code::FigureNoPeriod, at.clone(), format!("figure `{id}` has no period"), "say when it applies, for example: period = \"2020\" (a year or a span of years), or as_of = 2020-12-31 (a day)");
        }
        if f.source.is_none() && !has_default {
            self.error(Code::FigureNoSource, at.clone(), format!("figure `{id}` has no source"), "add `source = \"<source id>\"`, or mark one [[sources]] entry with `default = true`");
        }

        if f.kind == FigureKind::Actual {
            let future_period = f
                .period()
                .filter(|p| parse_period(p).is_some_and(|(_, last)| last > today.year));
            let future_day = f
                .as_of
                .as_ref()
                .and_then(Day::from_toml)
                .filter(|d| *d > today);
            let when = match (future_period, future_day) {
                (Some(p), _) => Some(format!("its period {p}")),
                (None, Some(d)) => Some(format!("its date {}", d.iso())),
                (None, None) => None,
            };
            if let Some(when) = when {
                self.error(Code::FigureFutureActual, at.clone(), format!("figure `{id}` is an actual figure, but {when} lies in the future"), "for a goal write kind = \"target\", for a forecast kind = \"estimate\"; otherwise correct the date");
            }
        }

        if let Some(share_of) = &f.share_of {
            let share_of = share_of.get("");
            if !f.is_percentage() {
                self.error(
                    Code::FigureShareUnit,
                    at.clone(),
                    format!("figure `{id}` is a share of {share_of}, but its unit is not %"),
                    "write a share as a percentage: unit = \"%\"",
                );
            } else if f
                .value
                .iter()
                .map(|v| *v.get_ref())
                .chain(f.series.iter().flat_map(|s| s.get_ref().values().copied()))
                .any(|v| !(0.0..=100.0).contains(&v))
            {
                let at = f.value.as_ref().map_or(at, Spanned::span);
                self.error(
                    Code::FigureShareRange,
                    at,
                    format!("figure `{id}` is a share, so it must lie between 0 and 100 %"),
                    "check the value; a share of a total cannot be negative or more than the whole",
                );
            }
        }
    }
}
