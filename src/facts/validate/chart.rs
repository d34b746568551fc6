//! The checks of one chart: what it names, whether its values can be drawn, and what its kind
//! needs (a total with parts, figures of one unit, percentages, one series).

use toml::Spanned;

use super::{Checker, Ids};
use crate::diagnostic::Code;
use crate::facts::{Chart, ChartKind, FactSheet, Figure};
use crate::locale::english_number;

/// A figure a chart lists: where the chart names it, and the figure.
type Listed<'a> = (&'a Spanned<String>, &'a Figure);

impl FactSheet {
    /// Reports every problem of one chart, first those of any kind, then those of its kind.
    pub(super) fn check_chart(&self, chart: &Spanned<Chart>, ids: &Ids, check: &mut Checker) {
        let c = chart.get_ref();
        for figure in &c.figures {
            check.reference(Some(figure), &ids.figures, "figure");
        }
        check.reference(c.total.as_ref(), &ids.figures, "figure");
        let figures: Vec<Listed> = c
            .figures
            .iter()
            .filter_map(|r| self.figure(r.get_ref()).map(|f| (r, f)))
            .collect();
        check.chart_id_free(c);
        check.chart_drawable(c, &figures);
        match c.kind {
            ChartKind::Breakdown => self.check_breakdown(chart, check),
            ChartKind::Bars => {
                check.chart_lists_figures(chart);
                check.bars_one_unit(&figures);
            }
            ChartKind::Shares => {
                check.chart_lists_figures(chart);
                check.shares_in_percent(c, &figures);
            }
            ChartKind::Series => {
                check.chart_lists_figures(chart);
                check.series_one_figure(c, &figures);
            }
        }
    }

    /// Reports a breakdown that lists figures, has no total, or has a total without parts.
    fn check_breakdown(&self, chart: &Spanned<Chart>, check: &mut Checker) {
        let c = chart.get_ref();
        let id = c.id.get_ref();
        if let Some(first) = c.figures.first() {
            check.error(Code::ChartBreakdownFigures,
                first.span(),
                format!("the breakdown chart `{id}` takes its bars from the figures that are `part_of` its total"),
                "remove `figures`, and give each part `part_of = \"<total id>\"`",
            );
        }
        match &c.total {
            None => check.error(Code::ChartBreakdownNoTotal,
                chart.span(),
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
}

impl Checker<'_, '_> {
    /// Reports a chart named `facts`, whose CSV file would overwrite the fact sheet's.
    fn chart_id_free(&mut self, c: &Chart) {
        if c.id.get_ref() == "facts" {
            self.error(Code::ChartIdTaken,
                c.id.span(),
                "the chart id `facts` is taken: data/facts.csv is the download of the whole fact sheet".into(),
                "choose another id, for example: id = \"key_facts\"",
            );
        }
    }

    /// Reports the first value of each figure a chart cannot draw as a bar from zero.
    fn chart_drawable(&mut self, c: &Chart, figures: &[Listed]) {
        let id = c.id.get_ref();
        // Shares and non-percentages are reported by their own checks.
        let share_over_100 = |f: &Figure, v: f64| {
            c.kind == ChartKind::Shares && v > 100.0 && f.is_percentage() && f.share_of.is_none()
        };
        for (r, f) in figures {
            let Some(v) = f.values().find(|&v| v < 0.0 || share_over_100(f, v)) else {
                continue;
            };
            if v < 0.0 {
                self.error(
                    Code::ChartNegative,
                    r.span(),
                    format!(
                        "charts draw bars from zero, and `{}` has a negative value ({})",
                        f.id.get_ref(),
                        english_number(v)
                    ),
                    "show negative numbers in a table or in the text instead",
                );
            } else {
                self.error(Code::ChartShareOver100,
                    r.span(),
                    format!("the shares chart `{id}` shows parts of a whole, but `{}` is more than 100 %", f.id.get_ref()),
                    "use a bars chart for percentages above 100",
                );
            }
        }
    }

    /// Reports a chart of listed figures (any kind but breakdown) with a `total` or no figures.
    fn chart_lists_figures(&mut self, chart: &Spanned<Chart>) {
        let c = chart.get_ref();
        let id = c.id.get_ref();
        if let Some(total) = &c.total {
            self.error(
                Code::ChartTotalNotBreakdown,
                total.span(),
                format!(
                    "`total` is only for breakdown charts, and `{id}` is a {} chart",
                    c.kind.name()
                ),
                "remove `total`, or write kind = \"breakdown\"",
            );
        }
        if c.figures.is_empty() {
            self.error(Code::ChartNoFigures,
                chart.span(),
                format!("the chart `{id}` has no figures"),
                "list the ids of the figures it shows, for example: figures = [\"technology_contracts\"]",
            );
        }
    }

    /// Reports each figure of a bars chart whose unit differs from the first figure's.
    fn bars_one_unit(&mut self, figures: &[Listed]) {
        let Some(((_, first), rest)) = figures.split_first() else {
            return;
        };
        for (r, f) in rest {
            if f.comparable_unit() != first.comparable_unit() {
                self.error(
                    Code::ChartMixedUnits,
                    r.span(),
                    format!(
                        "bars compare figures of one unit, but `{}` and `{}` have different units",
                        first.id.get_ref(),
                        f.id.get_ref()
                    ),
                    "put figures with different units in separate charts",
                );
            }
        }
    }

    /// Reports each figure of a shares chart that is not a percentage.
    fn shares_in_percent(&mut self, c: &Chart, figures: &[Listed]) {
        for (r, f) in figures.iter().filter(|(_, f)| !f.is_percentage()) {
            self.error(
                Code::ChartShareNotPercent,
                r.span(),
                format!(
                    "the shares chart `{}` shows percentages, but `{}` is not in %",
                    c.id.get_ref(),
                    f.id.get_ref()
                ),
                "use a bars chart for counts and amounts",
            );
        }
    }

    /// Reports a series chart that lists more than one figure, or a figure without a series.
    fn series_one_figure(&mut self, c: &Chart, figures: &[Listed]) {
        let id = c.id.get_ref();
        if let Some(second) = c.figures.get(1) {
            self.error(
                Code::ChartSeriesMany,
                second.span(),
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
            self.error(Code::ChartSeriesMissing,
                r.span(),
                format!("`{}` has no `series`, so the series chart `{id}` has nothing to draw", f.id.get_ref()),
                "give the figure its values per year, for example: series = { 2019 = 10, 2020 = 12 }",
            );
        }
    }
}
