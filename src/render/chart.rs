//! Charts drawn at build time: each chart is a list of rows, drawn as inline SVG with no script.
//!
//! Lengths across the chart are percentages and text sizes are fixed pixels, so a chart fills
//! a 360 px phone and a wide screen alike without shrinking its labels.

use std::collections::HashSet;
use std::fmt::Write;

use crate::facts::{Chart, ChartKind, FactSheet, Figure, Source};
use crate::locale::date::Day;
use crate::locale::text::Text;
use crate::locale::{Language, Locale, Style, base_language, is_cjk};
use crate::render::escape::escape_html;
use crate::url::UrlPath;

/// One bar or column of a chart, and one row of its table and CSV.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    /// What the bar stands for: a figure's label, a year, or "Other".
    pub label: String,
    /// The number drawn.
    pub value: f64,
    /// The number as the table writes it, with unit and "about".
    pub display: String,
    /// How the row is worked out, in words, when it is computed (a breakdown's remainder)
    /// rather than typed in: readers must not take it for a figure of the source.
    pub derived: Option<String>,
}

/// A chart ready to draw: its words, its rows and where the numbers come from.
#[derive(Debug, Clone)]
pub(super) struct ChartData<'a> {
    /// Id from site.toml.
    pub id: &'a str,
    /// How it is drawn.
    pub kind: ChartKind,
    /// Headline.
    pub title: String,
    /// Measure and period.
    pub subtitle: String,
    /// Heading of the label column of its table.
    pub label_heading: &'a str,
    /// Heading of the value column: the measure.
    pub value_heading: String,
    /// Unit of every value, if any.
    pub unit: Option<String>,
    /// When the values apply: `2020`, or `as of the end of 2020`.
    pub period: String,
    /// Whether `period` is years ("Period: 2020"), not days written as a phrase of their own.
    pub period_is_years: bool,
    /// The bars, in order.
    pub rows: Vec<Row>,
    /// The whole the rows are parts of (breakdown), shown below the table's rows.
    pub total: Option<Row>,
    /// Publications the figures come from, each once.
    pub sources: Vec<&'a Source>,
    /// The language its words are in.
    pub language: &'a Language,
}

/// Gathers the rows of `chart` from the fact sheet; figures it cannot find are left out.
pub(super) fn data<'a>(
    facts: &'a FactSheet,
    chart: &'a Chart,
    locale: &Locale<'a>,
) -> ChartData<'a> {
    let language = locale.language;
    let lang = locale.key();
    let figures = ChartFigures::of(facts, chart);
    let unit = figures
        .shown
        .first()
        .and_then(|f| f.unit.as_ref())
        .map(|u| u.get(lang).to_owned());
    let percent = unit.as_deref().map(str::trim) == Some("%");
    let measure = measure(unit.as_deref(), language);
    let period = figures.period(locale);
    let subtitle = chart.subtitle.as_ref().map_or_else(
        || default_subtitle(chart.kind, &figures, &measure, &period, locale),
        |s| s.get(lang).to_owned(),
    );
    ChartData {
        id: chart.id.get_ref(),
        kind: chart.kind,
        title: chart.title.get(lang).to_owned(),
        subtitle,
        label_heading: language.word(match chart.kind {
            ChartKind::Series => "year",
            ChartKind::Breakdown => "part",
            _ => "figure",
        }),
        value_heading: if percent {
            language.word("per_cent").to_owned()
        } else {
            measure
        },
        language,
        unit,
        period,
        period_is_years: figures.all().all(|f| f.period().is_some()),
        rows: figures.rows(chart, locale),
        total: figures.total.and_then(|t| current_row(t, locale)),
        sources: figures.sources(facts),
    }
}

/// The figures a chart draws, and the whole they are parts of.
struct ChartFigures<'a> {
    /// The figures drawn: a breakdown's parts, else the chart's own list.
    shown: Vec<&'a Figure>,
    /// The whole, when the chart names one.
    total: Option<&'a Figure>,
}

impl<'a> ChartFigures<'a> {
    /// The figures of `chart` the fact sheet has.
    fn of(facts: &'a FactSheet, chart: &'a Chart) -> Self {
        let shown = match chart.kind {
            ChartKind::Breakdown => chart
                .total
                .as_ref()
                .map(|t| facts.parts_of(t.get_ref()).collect())
                .unwrap_or_default(),
            _ => chart
                .figures
                .iter()
                .filter_map(|id| facts.figure(id.get_ref()))
                .collect(),
        };
        let total = chart.total.as_ref().and_then(|t| facts.figure(t.get_ref()));
        ChartFigures { shown, total }
    }

    /// The figures drawn, then the whole.
    fn all(&self) -> impl Iterator<Item = &'a Figure> + '_ {
        self.shown.iter().copied().chain(self.total)
    }

    /// The bars: a series' years, or each figure's current value; then what the whole has
    /// beyond them.
    fn rows(&self, chart: &Chart, locale: &Locale) -> Vec<Row> {
        let mut rows: Vec<Row> = match chart.kind {
            ChartKind::Series => self
                .shown
                .first()
                .map(|f| series_rows(f, locale))
                .unwrap_or_default(),
            _ => self
                .shown
                .iter()
                .filter_map(|f| current_row(f, locale))
                .collect(),
        };
        if let Some(other) = self.remainder(chart, &rows, locale) {
            rows.push(other);
        }
        rows
    }

    /// What the whole has beyond the bars `rows`, as a derived "Other" bar, if anything.
    fn remainder(&self, chart: &Chart, rows: &[Row], locale: &Locale) -> Option<Row> {
        let total = self.total?;
        let whole = total.current()?;
        let rest = whole - rows.iter().map(|r| r.value).sum::<f64>();
        let language = locale.language;
        let note = if rows.len() == 1 {
            "derived_note_one"
        } else {
            "derived_note"
        };
        (rest > whole.abs() * 1e-9).then(|| Row {
            label: chart
                .other_label
                .as_ref()
                .map_or(language.word("other"), |l| l.get(locale.key()))
                .to_owned(),
            value: rest,
            display: total.amount_of(rest, locale),
            derived: Some(
                language
                    .word(note)
                    .replace("{count}", &language.count_in_words(rows.len()))
                    .replace("{total}", &total.amount_of(whole, locale)),
            ),
        })
    }

    /// When the values apply: each figure's period or date, each once.
    fn period(&self, locale: &Locale) -> String {
        let mut seen = HashSet::new();
        let periods: Vec<String> = self
            .all()
            .filter_map(|f| f.when(locale))
            .filter(|p| seen.insert(p.clone()))
            .collect();
        periods.join(locale.language.word("list_separator"))
    }

    /// The publications the figures come from, each once.
    fn sources(&self, facts: &'a FactSheet) -> Vec<&'a Source> {
        let mut seen = HashSet::new();
        self.all()
            .filter_map(|f| facts.source(f.source.as_ref()))
            .filter(|s| seen.insert(std::ptr::from_ref(*s)))
            .collect()
    }
}

/// A bar per year of figure `f`'s series.
fn series_rows(f: &Figure, locale: &Locale) -> Vec<Row> {
    f.series
        .as_ref()
        .map(|series| {
            series
                .get_ref()
                .iter()
                .map(|(year, &value)| Row {
                    label: year.clone(),
                    value,
                    display: f.amount_of(value, locale),
                    derived: None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A bar of figure `f`'s current value, if it has one.
fn current_row(f: &Figure, locale: &Locale) -> Option<Row> {
    f.current().map(|value| Row {
        label: f.label.get(locale.key()).to_owned(),
        value,
        display: f.amount_of(value, locale),
        derived: None,
    })
}

/// What the values measure: their unit, per cent, or a plain number.
fn measure(unit: Option<&str>, language: &Language) -> String {
    match unit {
        Some("%") => language.word("per_cent").to_owned(),
        Some(u) => capitalise(u),
        None => language.word("number").to_owned(),
    }
}

/// The subtitle of a chart site.toml gives none: the whole or the figure, the measure, the period.
fn default_subtitle(
    kind: ChartKind,
    figures: &ChartFigures,
    measure: &str,
    period: &str,
    locale: &Locale,
) -> String {
    let language = locale.language;
    let lang = locale.key();
    let first_label = figures.shown.first().map_or("", |f| f.label.get(lang));
    let (colon, comma) = (language.word("colon"), language.word("comma"));
    match (kind, figures.total) {
        (ChartKind::Breakdown, Some(t)) => {
            let total = language
                .word("amount_in_total")
                .replace("{in_total}", language.word("in_total"))
                .replace("{amount}", &t.amount(locale));
            format!("{}{colon}{total}{comma}{period}", t.label.get(lang))
        }
        (ChartKind::Series, _) => {
            // English writes the measure in lower case mid-sentence; Chinese has no case.
            let measure = match language.style {
                Style::English => measure.to_lowercase(),
                Style::Chinese => measure.to_owned(),
            };
            language
                .word("series_subtitle")
                .replace("{figure}", first_label)
                .replace("{measure}", &measure)
                .replace("{period}", period)
        }
        _ => format!("{measure}{comma}{period}"),
    }
}

/// `s` with its first letter in upper case.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Size of a chart's text.
const FONT_PX: f64 = 14.0;
/// Height of a line of a chart's text.
const LINE_PX: f64 = 18.0;
/// Thickness of a bar.
const BAR_PX: f64 = 16.0;
/// Space between a bar and the next bar's label.
const ROW_GAP_PX: f64 = 14.0;
/// Share of the width the longest bar takes; the rest holds its value.
const BAR_SPAN: f64 = 75.0;
/// The same when values are long ("12.1 billion yuan"), so they still fit on a phone.
const BAR_SPAN_LONG_VALUES: f64 = 55.0;
/// Label width in "narrow characters" that fits a 360 px phone; wide (CJK) characters count two.
const LABEL_WIDTH: usize = 38;
/// Size of the words under a derived row's label, smaller than the label's like a footnote.
const NOTE_FONT_PX: f64 = 12.0;
/// Width of those words in narrow characters: the label's width at their smaller size.
const NOTE_WIDTH: usize = 44;
/// Height of a column chart.
const COLUMN_CHART_PX: f64 = 220.0;

/// `text` in the language's round brackets: " (text)", "（text）".
fn in_brackets(text: &str, language: &Language) -> String {
    format!(
        "{}{text}{}",
        language.word("paren_open"),
        language.word("paren_close")
    )
}

/// What a screen reader says for the chart: its headline, then each row's label, how it is
/// worked out when derived, and value, in the language's punctuation.
fn summary(chart: &ChartData) -> String {
    let language = chart.language;
    let (colon, stop) = (language.word("colon"), language.word("stop"));
    let rows: Vec<String> = chart
        .rows
        .iter()
        .map(|r| {
            let note = r
                .derived
                .as_deref()
                .map_or_else(String::new, |n| in_brackets(n, language));
            format!("{}{note}{colon}{}", r.label, r.display)
        })
        .collect();
    // English "stop" is followed by a space for the next sentence; the last one needs none.
    format!(
        "{}{stop}{}{stop}",
        chart.title,
        rows.join(language.word("semicolon"))
    )
    .trim_end()
    .to_owned()
}

/// The chart as an inline SVG element, labelled for screen readers.
fn svg(chart: &ChartData) -> String {
    let alt = summary(chart);
    let (height, body) = match chart.kind {
        ChartKind::Series => columns(chart),
        ChartKind::Shares => bars(chart, true),
        ChartKind::Bars | ChartKind::Breakdown => bars(chart, false),
    };
    format!(
        "<svg class=\"chart-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"{}\" font-size=\"{}\" role=\"img\" aria-label=\"{}\">\n{body}</svg>",
        px(height),
        px(FONT_PX),
        escape_html(&alt)
    )
}

/// Where a chart's CSV is published: `data/<id>.csv`.
pub(super) fn csv_path(id: &str) -> UrlPath {
    UrlPath::file(vec!["data".to_owned(), format!("{id}.csv")])
}

/// The chart as a `<figure>`: headline, subtitle, drawing, data table, source and CSV link.
pub(super) fn figure_html(chart: &ChartData, csv_url: &str) -> String {
    let e = escape_html;
    let mut out = format!(
        "<figure class=\"chart\" id=\"chart-{id}\">\n<figcaption><span class=\"chart-title\">{}</span> <span class=\"chart-subtitle\">{}</span></figcaption>\n{}\n",
        e(&chart.title),
        e(&chart.subtitle),
        svg(chart),
        id = e(chart.id),
    );
    write_table(&mut out, chart);
    write_source_line(&mut out, chart, csv_url);
    out.push_str("</figure>\n");
    out
}

/// Writes the chart's data as a table that scrolls on its own on a narrow screen.
fn write_table(out: &mut String, chart: &ChartData) {
    let e = escape_html;
    let language = chart.language;
    let colon = language.word("colon");
    let _ = write!(
        out,
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"chart-{id}-data\"><table class=\"chart-table\">\n<caption id=\"chart-{id}-data\">{}{colon}{}</caption>\n<thead><tr><th scope=\"col\">{}</th> <th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        e(language.word("the_data")),
        e(&chart.title),
        e(chart.label_heading),
        e(&chart.value_heading),
        id = e(chart.id),
    );
    for row in &chart.rows {
        // A derived row says how it is worked out in words, not by its style alone.
        let (class, note) = row.derived.as_deref().map_or_else(
            || (String::new(), String::new()),
            |n| {
                (
                    " class=\"derived\"".to_owned(),
                    format!(
                        "<span class=\"note\">{}</span>",
                        e(&in_brackets(n, language))
                    ),
                )
            },
        );
        let _ = writeln!(
            out,
            "<tr{class}><th scope=\"row\">{}{note}</th> <td class=\"num\">{}</td></tr>",
            e(&row.label),
            e(&row.display)
        );
    }
    out.push_str("</tbody>\n");
    if let Some(total) = &chart.total {
        let total_word = in_brackets(language.word("total"), language);
        let _ = writeln!(
            out,
            "<tfoot><tr><th scope=\"row\">{}{}</th> <td class=\"num\">{}</td></tr></tfoot>",
            e(&total.label),
            e(&total_word),
            e(&total.display)
        );
    }
    out.push_str("</table></div>\n");
}

/// Writes the line under the table: the sources, the period and the link to the CSV.
fn write_source_line(out: &mut String, chart: &ChartData, csv_url: &str) {
    let e = escape_html;
    let language = chart.language;
    let (colon, stop) = (language.word("colon"), language.word("stop"));
    out.push_str("<p class=\"chart-source\">");
    for (i, source) in chart.sources.iter().enumerate() {
        if i == 0 {
            let _ = write!(out, "{}{colon}", e(language.word("source")));
        } else {
            out.push_str(language.word("semicolon"));
        }
        out.push_str(&source_html(source, language));
    }
    if !chart.sources.is_empty() {
        out.push_str(stop);
    }
    for row in chart.rows.iter().filter(|r| r.derived.is_some()) {
        let by_site = language
            .word("derived_by_site")
            .replace("{label}", &row.label);
        let _ = write!(out, "{}{stop}", e(&by_site));
    }
    // The subtitle made from the figures already says when they apply: no need to say it twice.
    if !chart.period.is_empty() && !chart.subtitle.contains(&chart.period) {
        let phrase = if chart.period_is_years {
            "chart_period"
        } else {
            "chart_day"
        };
        let when = language.word(phrase).replace("{when}", &chart.period);
        let _ = write!(out, "{}{stop}", e(&capitalise(&when)));
    }
    let _ = writeln!(
        out,
        "<a href=\"{}\" download>{}</a></p>",
        e(csv_url),
        e(language.word("download_csv"))
    );
}

/// A source as a citation: publisher, title in quotes (a link when it is online), date.
pub(super) fn source_html(source: &Source, language: &Language) -> String {
    let lang = language.key.as_str();
    let title = escape_html(source.title.get(lang));
    let title = match &source.url {
        Some(url) => format!("<a href=\"{}\">{title}</a>", escape_html(url.get_ref())),
        None => title,
    };
    // A title in another language than the page's is marked as such, for screen readers and
    // readers alike; Chinese puts only titles in its own script between 《 》. Without the
    // source's `language`, a title whose script is not the page's is still quoted as foreign.
    let written_in = source.language.as_ref().map(|tag| tag.get_ref().as_str());
    // A title site.toml gives in the page's language is a translation, shown as the page's own.
    let translated =
        matches!(&source.title, Text::PerLanguage(titles) if titles.contains_key(lang));
    let foreign = match written_in {
        _ if translated => false,
        Some(tag) => base_language(tag) != base_language(&language.tag),
        None => {
            let chinese_title = source.title.get(lang).chars().any(is_cjk);
            chinese_title != (language.style == Style::Chinese)
        }
    };
    let (title, note) = match written_in.filter(|_| foreign) {
        Some(tag) => (
            format!("<span lang=\"{}\">{title}</span>", escape_html(tag)),
            language
                .language_name(tag)
                .map_or_else(String::new, |name| {
                    language.word("in_language").replace("{language}", name)
                }),
        ),
        None => (title, String::new()),
    };
    let (open, close) = if foreign {
        ("foreign_quote_open", "foreign_quote_close")
    } else {
        ("quote_open", "quote_close")
    };
    let (open, close) = (language.word(open), language.word(close));
    let comma = language.word("comma");
    let mut out = format!(
        "{}{comma}{open}{title}{close}{}",
        escape_html(source.publisher.get(lang)),
        escape_html(&note)
    );
    if let Some(day) = source.date.as_ref().and_then(Day::from_toml) {
        let _ = write!(out, "{comma}{}", language.date(day));
    }
    out
}

/// Horizontal bars with the label above each; `shares` draws each against a 100 % track.
fn bars(chart: &ChartData, shares: bool) -> (f64, String) {
    let max = if shares {
        100.0
    } else {
        chart.rows.iter().map(|r| r.value).fold(0.0, f64::max)
    };
    let span = if longest_value(chart) > 12 {
        BAR_SPAN_LONG_VALUES
    } else {
        BAR_SPAN
    };
    let mut out = String::new();
    let mut y = 0.0;
    for row in &chart.rows {
        // A derived row's words go under its label, so the drawing says it too.
        let note_size = format!(" font-size=\"{}\"", px(NOTE_FONT_PX));
        let label = wrap(&row.label, LABEL_WIDTH)
            .into_iter()
            .map(|line| ("chart-label", "", line));
        let note = row
            .derived
            .as_deref()
            .map(|n| wrap(n, NOTE_WIDTH))
            .unwrap_or_default()
            .into_iter()
            .map(|line| ("chart-note", note_size.as_str(), line));
        for (class, size, line) in label.chain(note) {
            y += LINE_PX;
            let _ = writeln!(
                out,
                "<text class=\"{class}\"{size} x=\"0\" y=\"{}\">{}</text>",
                px(y - 4.0),
                escape_html(&line)
            );
        }
        let top = y + 4.0;
        if shares {
            let _ = writeln!(
                out,
                "<rect class=\"chart-track\" x=\"0\" y=\"{}\" width=\"{}%\" height=\"{}\"/>",
                px(top),
                px(span),
                px(BAR_PX)
            );
        }
        let length = if max > 0.0 {
            (row.value.max(0.0) / max * span).min(span)
        } else {
            0.0
        };
        let class = if row.derived.is_some() {
            "chart-bar chart-bar-derived"
        } else {
            "chart-bar"
        };
        let _ = writeln!(
            out,
            "<rect class=\"{class}\" x=\"0\" y=\"{}\" width=\"{}%\" height=\"{}\"/>",
            px(top),
            px(length),
            px(BAR_PX)
        );
        let value_x = if shares { span } else { length };
        let _ = writeln!(
            out,
            "<text class=\"chart-value\" x=\"{}%\" dx=\"6\" y=\"{}\">{}</text>",
            px(value_x),
            px(top + BAR_PX - 3.0),
            escape_html(&row.display)
        );
        y = top + BAR_PX + ROW_GAP_PX;
    }
    (y, out)
}

/// Columns for a series: one per year, the year below and the value above.
fn columns(chart: &ChartData) -> (f64, String) {
    let n = chart.rows.len().max(1);
    let max = chart.rows.iter().map(|r| r.value).fold(0.0, f64::max);
    let (top, bottom) = (LINE_PX + 6.0, COLUMN_CHART_PX - LINE_PX - 6.0);
    let slot = 100.0 / n as f64;
    // Past eight columns a phone has no room for every label: show every k-th year, and no values.
    let every = n.div_ceil(8);
    let mut out = format!(
        "<line class=\"chart-axis\" x1=\"0\" y1=\"{b}\" x2=\"100%\" y2=\"{b}\"/>\n",
        b = px(bottom)
    );
    for (i, row) in chart.rows.iter().enumerate() {
        let height = if max > 0.0 {
            row.value.max(0.0) / max * (bottom - top)
        } else {
            0.0
        };
        let centre = (i as f64 + 0.5) * slot;
        let _ = writeln!(
            out,
            "<rect class=\"chart-bar\" x=\"{}%\" y=\"{}\" width=\"{}%\" height=\"{}\"/>",
            px(i as f64 * slot + slot * 0.2),
            px(bottom - height),
            px(slot * 0.6),
            px(height)
        );
        // Values go above the columns when they fit the column's width; the table has them all.
        if every == 1 && longest_value(chart) * 7 <= (320 / n) {
            let _ = writeln!(
                out,
                "<text class=\"chart-value\" x=\"{}%\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                px(centre),
                px(bottom - height - 6.0),
                escape_html(&row.display)
            );
        }
        if i % every == 0 || i + 1 == n {
            let _ = writeln!(
                out,
                "<text class=\"chart-label\" x=\"{}%\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                px(centre),
                px(COLUMN_CHART_PX - 6.0),
                escape_html(&row.label)
            );
        }
    }
    (COLUMN_CHART_PX, out)
}

/// Length of the longest value as drawn, in narrow characters.
fn longest_value(chart: &ChartData) -> usize {
    chart
        .rows
        .iter()
        .map(|r| {
            r.display
                .chars()
                .map(|c| if is_cjk(c) { 2 } else { 1 })
                .sum()
        })
        .max()
        .unwrap_or(0)
}

/// Breaks a label into lines of at most `width` narrow characters, at spaces where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let cost = |c: char| if is_cjk(c) { 2 } else { 1 };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let word_cost: usize = word.chars().map(cost).sum();
        if used > 0 && used + 1 + word_cost > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        for c in word.chars() {
            // A word longer than a line (Chinese has no spaces) is cut where the line is full.
            if used > 0 && used + cost(c) > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cost(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Pixel or percentage numbers with at most two decimals and no trailing zeros.
fn px(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_takes_its_punctuation_from_the_theme_words() {
        let source: Source = toml::from_str(
            "id = \"office\"\npublisher = \"Statistics Office\"\ntitle = \"Yearbook\"",
        )
        .unwrap();
        let mut en = Language::new("en".into(), "en".into(), None);
        assert_eq!(source_html(&source, &en), "Statistics Office, “Yearbook”");
        let zh = Language::new("zh".into(), "zh-Hans".into(), None);
        // An English title on a Chinese page is quoted, never put between 《 》.
        assert_eq!(source_html(&source, &zh), "Statistics Office，“Yearbook”");
        // A site that prefers other quotation marks says so once, in site.toml's strings.
        en.strings.insert("quote_open".into(), "‘".into());
        en.strings.insert("quote_close".into(), "’".into());
        assert_eq!(source_html(&source, &en), "Statistics Office, ‘Yearbook’");
    }

    #[test]
    fn a_title_in_another_language_than_the_page_is_marked_as_such() {
        let source = |text: &str| -> Source { toml::from_str(text).unwrap() };
        let en = Language::new("en".into(), "en".into(), None);
        let zh = Language::new("zh".into(), "zh-Hans".into(), None);
        let english = source(
            "id = \"cd\"\npublisher = { en = \"China Daily Global\", zh = \"中国日报国际版\" }\ntitle = \"Zone expands\"\nlanguage = \"en\"\ndate = 2021-04-13",
        );
        assert_eq!(
            source_html(&english, &zh),
            "中国日报国际版，“<span lang=\"en\">Zone expands</span>”（英文），2021年4月13日"
        );
        assert_eq!(
            source_html(&english, &en),
            "China Daily Global, “Zone expands”, 13 April 2021"
        );
        let chinese = source(
            "id = \"office\"\npublisher = { en = \"Statistics Office\", zh = \"统计局\" }\ntitle = \"统计公报\"\nlanguage = \"zh\"",
        );
        assert_eq!(source_html(&chinese, &zh), "统计局，《统计公报》");
        // A title translated in site.toml is the page's own.
        let translated = source(
            "id = \"office\"\npublisher = \"Statistics Office\"\ntitle = { en = \"Yearbook\", zh = \"统计年鉴\" }\nlanguage = \"zh\"",
        );
        assert_eq!(
            source_html(&translated, &en),
            "Statistics Office, “Yearbook”"
        );
        assert_eq!(
            source_html(&chinese, &en),
            "Statistics Office, “<span lang=\"zh\">统计公报</span>” (in Chinese)"
        );
    }

    /// A fact sheet with research institutions broken down into the `parts` (id, English,
    /// Chinese, value) and a breakdown chart of them.
    fn breakdown_sheet(parts: &[(&str, &str, &str, u32)]) -> FactSheet {
        let mut text = String::from(
            "[[figures]]\nid = \"institutions\"\nlabel = { en = \"Research institutions\", zh = \"科研机构\" }\nvalue = 272\nperiod = \"2020\"\n",
        );
        for (id, en, zh, value) in parts {
            let _ = write!(
                text,
                "[[figures]]\nid = \"{id}\"\nlabel = {{ en = \"{en}\", zh = \"{zh}\" }}\nvalue = {value}\nperiod = \"2020\"\npart_of = \"institutions\"\n"
            );
        }
        text.push_str("[[charts]]\nid = \"research_base\"\ntitle = { en = \"Innovation centres are the largest group\", zh = \"创新中心是数量最多的一类科研机构\" }\nkind = \"breakdown\"\ntotal = \"institutions\"\nother_label = { en = \"Other institutions\", zh = \"其他科研机构\" }\n");
        toml::from_str(&text).unwrap()
    }

    /// The research-base chart of `facts` as `language` draws it, the site being English first.
    fn research_base<'a>(
        facts: &'a FactSheet,
        language: &'a Language,
        en: &'a Language,
    ) -> ChartData<'a> {
        let locale = Locale {
            language,
            default: en,
        };
        data(facts, facts.charts[0].get_ref(), &locale)
    }

    #[test]
    fn a_derived_row_says_in_words_that_it_is_calculated_in_each_language() {
        let facts = breakdown_sheet(&[
            ("labs", "Key laboratories", "重点实验室", 76),
            ("centres", "Innovation centres", "创新中心", 99),
            ("firms", "Enterprise technology centres", "企业技术中心", 68),
        ]);
        let en = Language::new("en".into(), "en".into(), None);
        let zh = Language::new("zh".into(), "zh-Hans".into(), None);
        let chart = research_base(&facts, &en, &en);
        assert_eq!(
            summary(&chart),
            "Innovation centres are the largest group. Key laboratories: 76; Innovation centres: 99; Enterprise technology centres: 68; Other institutions (calculated: 272 minus the three named groups): 29."
        );
        let html = figure_html(&chart, "/data/research_base.csv");
        assert!(html.contains("<text class=\"chart-label\" x=\"0\" y=\"170\">Other institutions</text>\n<text class=\"chart-note\" font-size=\"12\" x=\"0\" y=\"188\">calculated: 272 minus the three named groups</text>\n"), "{html}");
        assert!(html.contains("\n<tr class=\"derived\"><th scope=\"row\">Other institutions<span class=\"note\"> (calculated: 272 minus the three named groups)</span></th> <td class=\"num\">29</td></tr>\n"), "{html}");
        assert!(html.contains("<p class=\"chart-source\">“Other institutions” is calculated by this site, not given by the source. "), "{html}");

        let chart = research_base(&facts, &zh, &en);
        assert_eq!(
            summary(&chart),
            "创新中心是数量最多的一类科研机构。重点实验室：76；创新中心：99；企业技术中心：68；其他科研机构（计算得出：272减去上述三类之和）：29。"
        );
        let html = figure_html(&chart, "/data/research_base.csv");
        assert!(html.contains("<text class=\"chart-label\" x=\"0\" y=\"170\">其他科研机构</text>\n<text class=\"chart-note\" font-size=\"12\" x=\"0\" y=\"188\">计算得出：272减去上述三类之和</text>\n"), "{html}");
        assert!(html.contains("\n<tr class=\"derived\"><th scope=\"row\">其他科研机构<span class=\"note\">（计算得出：272减去上述三类之和）</span></th> <td class=\"num\">29</td></tr>\n"), "{html}");
        assert!(
            html.contains(
                "<p class=\"chart-source\">“其他科研机构”由本站计算得出，并非来源所载数据。"
            ),
            "{html}"
        );
    }

    #[test]
    fn one_named_part_is_counted_in_the_singular() {
        let facts = breakdown_sheet(&[("centres", "Innovation centres", "创新中心", 99)]);
        let en = Language::new("en".into(), "en".into(), None);
        let zh = Language::new("zh".into(), "zh-Hans".into(), None);
        let other = |language| research_base(&facts, language, &en).rows[1].derived.clone();
        assert_eq!(
            other(&en).as_deref(),
            Some("calculated: 272 minus the named group")
        );
        assert_eq!(other(&zh).as_deref(), Some("计算得出：272减去上述一类"));
    }

    #[test]
    fn labels_wrap_to_fit_a_phone() {
        assert_eq!(
            wrap(
                "Small and medium-sized technology companies served by the agencies",
                38
            ),
            vec![
                "Small and medium-sized technology",
                "companies served by the agencies"
            ]
        );
        // Chinese has no spaces and each character is twice as wide.
        assert_eq!(
            wrap("中小型科技企业获得服务机构的服务数量", 20),
            vec!["中小型科技企业获得服", "务机构的服务数量"]
        );
        assert_eq!(wrap("", 38), vec![""]);
    }

    #[test]
    fn lengths_have_at_most_two_decimals() {
        assert_eq!(px(57.575_757), "57.58");
        assert_eq!(px(75.0), "75");
        assert_eq!(px(-0.0001), "0");
    }
}
