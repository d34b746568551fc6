//! Open data: the fact sheet as `data/facts.json` and `data/facts.csv`, and one CSV per chart.
//!
//! One set of files serves every language: texts carry a column (CSV) or a key (JSON) per language.

use serde::Serialize;

use crate::facts::{FactSheet, Figure, FigureKind, Source};
use crate::locale::date::Day;
use crate::locale::text::Text;
use crate::locale::{LangId, Locale};
use crate::model::Site;
use crate::output::{self, OutputFile};
use crate::render::chart;
use toml::value::Datetime;

/// The fact sheet's data files and each chart's CSV; none when the site has no figures.
pub(super) fn files(site: &Site) -> Vec<OutputFile> {
    let facts = &site.config.facts;
    if facts.figures.is_empty() {
        return Vec::new();
    }
    let locales: Vec<Locale> = LangId::all(site.config.languages.len())
        .map(|l| site.config.locale(l))
        .collect();
    let origin = || "the fact sheet in site.toml".to_owned();
    let mut files = vec![
        output::file("data/facts.json", facts_json(facts, &locales), origin()),
        output::file("data/facts.csv", facts_csv(facts, &locales), origin()),
    ];
    for c in &facts.charts {
        let per_language: Vec<chart::ChartData> = locales
            .iter()
            .map(|l| chart::data(facts, c.get_ref(), l))
            .collect();
        let id = per_language[0].id;
        if id == "facts" {
            continue; // An error of the fact sheet already says this id is taken.
        }
        files.push(output::file(
            chart::csv_path(id).output_file(),
            chart_csv(&per_language),
            format!("the chart `{id}` in site.toml"),
        ));
    }
    files
}

/// The key of each language, in the site's order.
fn language_keys(locales: &[Locale]) -> Vec<String> {
    locales.iter().map(|l| l.key().to_owned()).collect()
}

/// A text in every language, as JSON: `{ "en": "...", "zh": "..." }`.
fn per_language(text: &Text, languages: &[String]) -> Texts {
    languages
        .iter()
        .map(|l| (l.clone(), text.get(l).to_owned()))
        .collect()
}

/// A text in every language, by language key.
type Texts = std::collections::BTreeMap<String, String>;

/// `data/facts.json`: the languages, the sources and the figures.
#[derive(Serialize)]
struct FactsFile<'a> {
    languages: &'a [String],
    sources: Vec<SourceRecord<'a>>,
    figures: Vec<FigureRecord<'a>>,
}

/// A source in `data/facts.json`.
#[derive(Serialize)]
struct SourceRecord<'a> {
    id: &'a str,
    publisher: Texts,
    title: Texts,
    date: Option<String>,
    url: Option<&'a str>,
    default: bool,
}

/// A figure in `data/facts.json`.
#[derive(Serialize)]
struct FigureRecord<'a> {
    id: &'a str,
    label: Texts,
    /// In the default language's unit (`unit` under its key).
    value: Option<f64>,
    /// The current amount as each language writes it, rescaled to its own unit.
    display: Texts,
    series: Option<Vec<Point<'a>>>,
    unit: Option<Texts>,
    period: Option<String>,
    as_of: Option<String>,
    as_reported: Option<String>,
    kind: FigureKind,
    approximate: bool,
    part_of: Option<&'a str>,
    share_of: Option<Texts>,
    conversion: Option<ConversionRecord>,
    industry: Option<&'a str>,
    headline: bool,
    note: Option<Texts>,
    source: Option<&'a str>,
}

/// One year of a figure's series in `data/facts.json`.
#[derive(Serialize)]
struct Point<'a> {
    period: &'a str,
    value: f64,
}

/// A figure's amount in another unit, as its source gave it, in `data/facts.json`.
#[derive(Serialize)]
struct ConversionRecord {
    value: f64,
    unit: Texts,
    approximate: bool,
}

/// The fact sheet as JSON: every figure and source, texts in every language.
fn facts_json(facts: &FactSheet, locales: &[Locale]) -> Vec<u8> {
    let languages = language_keys(locales);
    let languages = languages.as_slice();
    let texts = |t: &Text| per_language(t, languages);
    let file = FactsFile {
        languages,
        sources: facts
            .sources
            .iter()
            .map(|s| {
                let s = s.get_ref();
                SourceRecord {
                    id: s.id.get_ref(),
                    publisher: texts(&s.publisher),
                    title: texts(&s.title),
                    date: source_date(s),
                    url: s.url.as_ref().map(|u| u.get_ref().as_str()),
                    default: s.default,
                }
            })
            .collect(),
        figures: facts
            .figures
            .iter()
            .map(|f| {
                let f = f.get_ref();
                FigureRecord {
                    id: f.id.get_ref(),
                    label: texts(&f.label),
                    display: locales
                        .iter()
                        .map(|l| (l.key().to_owned(), f.amount(l)))
                        .collect(),
                    value: f.value.as_ref().map(|v| *v.get_ref()),
                    series: f.series.as_ref().map(|s| {
                        s.get_ref()
                            .iter()
                            .map(|(period, &value)| Point { period, value })
                            .collect()
                    }),
                    unit: f.unit.as_ref().map(texts),
                    period: f.period(),
                    as_of: iso_day(f.as_of.as_ref()),
                    as_reported: iso_day(f.as_reported.as_ref()),
                    kind: f.kind,
                    approximate: f.approximate,
                    part_of: f.part_of.as_ref().map(|p| p.get_ref().as_str()),
                    share_of: f.share_of.as_ref().map(texts),
                    conversion: f.conversion.as_ref().map(|c| ConversionRecord {
                        value: c.value,
                        unit: texts(&c.unit),
                        approximate: c.approximate,
                    }),
                    industry: f.industry.as_ref().map(|i| i.get_ref().as_str()),
                    headline: f.headline,
                    note: f.note.as_ref().map(texts),
                    source: facts
                        .source(f.source.as_ref())
                        .map(|s| s.id.get_ref().as_str()),
                }
            })
            .collect(),
    };
    let mut json = serde_json::to_vec_pretty(&file).unwrap_or_default();
    json.push(b'\n');
    json
}

/// A source's date as `YYYY-MM-DD`.
fn source_date(s: &Source) -> Option<String> {
    iso_day(s.date.as_ref())
}

/// A date of site.toml as `YYYY-MM-DD`.
fn iso_day(date: Option<&Datetime>) -> Option<String> {
    date.and_then(Day::from_toml).map(|d| d.iso())
}

/// One row per figure (per year for a series), every field, a text column per language.
fn facts_csv(facts: &FactSheet, locales: &[Locale]) -> Vec<u8> {
    let languages = language_keys(locales);
    let languages = languages.as_slice();
    let mut csv = Csv::new();
    let localised = |name: &'static str| languages.iter().map(move |l| format!("{name}_{l}"));
    let mut header: Vec<String> = vec!["id".into()];
    header.extend(localised("label"));
    header.extend(["value".into(), "period".into()]);
    // Values count in the default language's unit; each language's own way of writing the
    // amount (rescaled to its unit, "121亿元") is in display_<lang>.
    header.push("unit".into());
    header.extend(localised("display"));
    header.extend(["as_of", "as_reported", "kind", "approximate", "part_of"].map(String::from));
    header.extend(localised("share_of"));
    header.push("conversion_value".into());
    header.extend(localised("conversion_unit"));
    header.extend(["conversion_approximate", "industry", "headline"].map(String::from));
    header.extend(localised("note"));
    header.push("source_id".into());
    header.extend(localised("source_publisher"));
    header.extend(localised("source_title"));
    header.extend(["source_date", "source_url"].map(String::from));
    csv.row(header.iter().map(|h| Cell::Text(h)));

    for f in facts.figures.iter().map(|f| f.get_ref()) {
        // A series gives a row per year; the conversion, as the source gave it, belongs to the latest.
        let values: Vec<(Option<f64>, Option<String>)> = match &f.series {
            Some(series) => series
                .get_ref()
                .iter()
                .map(|(year, &v)| (Some(v), Some(year.clone())))
                .collect(),
            None => vec![(f.current(), f.period())],
        };
        let last = values.len().saturating_sub(1);
        for (i, (value, period)) in values.into_iter().enumerate() {
            csv.row(figure_cells(facts, f, value, period, i == last, locales));
        }
    }
    csv.finish()
}

/// The cells of one row of `data/facts.csv`: figure `f` with one of its values; `latest`
/// when it is the newest, which the conversion belongs to.
fn figure_cells<'a>(
    facts: &'a FactSheet,
    f: &'a Figure,
    value: Option<f64>,
    period: Option<String>,
    latest: bool,
    locales: &[Locale],
) -> Vec<Cell<'a>> {
    let languages = language_keys(locales);
    let conversion = f.conversion.as_ref().filter(|_| latest);
    let each = |text: Option<&'a Text>| -> Vec<Cell<'a>> {
        languages
            .iter()
            .map(|l| Cell::Owned(text.map_or("", |t| t.get(l)).to_owned()))
            .collect()
    };
    let flag = |b: bool| Cell::Text(if b { "true" } else { "false" });
    let source = facts.source(f.source.as_ref());
    let mut cells = vec![Cell::Text(f.id.get_ref())];
    cells.extend(each(Some(&f.label)));
    cells.push(Cell::Number(value));
    cells.push(Cell::Owned(period.unwrap_or_default()));
    cells.push(Cell::Owned(
        f.unit
            .as_ref()
            .map_or_else(String::new, |u| u.get(&languages[0]).to_owned()),
    ));
    cells.extend(
        locales
            .iter()
            .map(|l| Cell::Owned(value.map_or_else(String::new, |v| f.amount_of(v, l)))),
    );
    for day in [&f.as_of, &f.as_reported] {
        cells.push(Cell::Owned(iso_day(day.as_ref()).unwrap_or_default()));
    }
    cells.push(Cell::Text(match f.kind {
        FigureKind::Actual => "actual",
        FigureKind::Target => "target",
        FigureKind::Estimate => "estimate",
    }));
    cells.push(flag(f.approximate));
    cells.push(Cell::Text(f.part_of.as_ref().map_or("", |p| p.get_ref())));
    cells.extend(each(f.share_of.as_ref()));
    cells.push(Cell::Number(conversion.map(|c| c.value)));
    cells.extend(each(conversion.map(|c| &c.unit)));
    cells.push(match conversion {
        Some(c) => flag(c.approximate),
        None => Cell::Text(""),
    });
    cells.push(Cell::Text(f.industry.as_ref().map_or("", |i| i.get_ref())));
    cells.push(flag(f.headline));
    cells.extend(each(f.note.as_ref()));
    cells.push(Cell::Text(source.map_or("", |s| s.id.get_ref())));
    cells.extend(each(source.map(|s| &s.publisher)));
    cells.extend(each(source.map(|s| &s.title)));
    cells.push(Cell::Owned(
        source.and_then(source_date).unwrap_or_default(),
    ));
    cells.push(Cell::Text(
        source
            .and_then(|s| s.url.as_ref())
            .map_or("", |u| u.get_ref()),
    ));
    cells
}

/// A chart's rows: what each bar stands for and its unit in every language, its number, period,
/// how a derived row is worked out (in every language) and source (as the default language
/// writes them).
fn chart_csv(per_language: &[chart::ChartData]) -> Vec<u8> {
    let mut csv = Csv::new();
    let keys: Vec<&str> = per_language
        .iter()
        .map(|c| c.language.key.as_str())
        .collect();
    let localised =
        |name: &str| -> Vec<String> { keys.iter().map(|k| format!("{name}_{k}")).collect() };
    let mut header = localised("label");
    header.extend(["value".into(), "unit".into()]);
    header.extend(localised("display"));
    header.extend(localised("period"));
    header.push("derived".into());
    // How a derived row is worked out, in each language: it is this site's figure, not the source's.
    header.extend(localised("derived_note"));
    header.extend(localised("source"));
    csv.row(header.iter().map(|h| Cell::Text(h)));
    let sources: Vec<String> = per_language.iter().map(sources_cell).collect();
    let chart = &per_language[0];
    for (i, row) in chart.rows.iter().enumerate() {
        // Each language's cell of row `i`, by what it holds.
        let cells_of =
            |cell: for<'a> fn(&'a chart::ChartData<'a>, &'a chart::Row) -> Option<&'a str>| {
                per_language
                    .iter()
                    .map(move |c| Cell::Text(c.rows.get(i).and_then(|r| cell(c, r)).unwrap_or("")))
            };
        let mut cells: Vec<Cell> = cells_of(|_, r| Some(&r.label)).collect();
        cells.push(Cell::Number(Some(row.value)));
        cells.push(Cell::Text(chart.unit.as_deref().unwrap_or("")));
        cells.extend(cells_of(|_, r| Some(&r.display)));
        cells.extend(cells_of(|c, r| {
            Some(match c.kind {
                crate::facts::ChartKind::Series => &r.label,
                _ => &c.period,
            })
        }));
        cells.push(Cell::Text(if row.derived.is_some() {
            "true"
        } else {
            "false"
        }));
        cells.extend(cells_of(|_, r| r.derived.as_deref()));
        cells.extend(sources.iter().map(|s| Cell::Text(s)));
        csv.row(cells);
    }
    csv.finish()
}

/// The sources of a chart in its language, as one cell: publisher, title, date; each source
/// separated by a semicolon.
fn sources_cell(chart: &chart::ChartData) -> String {
    let lang = chart.language.key.as_str();
    let sources: Vec<String> = chart
        .sources
        .iter()
        .map(|s| {
            let mut text = format!("{}, {}", s.publisher.get(lang), s.title.get(lang));
            if let Some(date) = source_date(s) {
                text.push_str(", ");
                text.push_str(&date);
            }
            text
        })
        .collect();
    sources.join("; ")
}

/// A CSV cell: text is quoted as needed and made safe for spreadsheets; numbers are written plainly.
enum Cell<'a> {
    /// Text borrowed from the site.
    Text(&'a str),
    /// Text made for this cell.
    Owned(String),
    /// A number; `None` leaves the cell empty.
    Number(Option<f64>),
}

/// RFC 4180 CSV: CRLF line ends, quotes doubled, UTF-8 with a byte-order mark so spreadsheet
/// programs read Chinese labels correctly.
struct Csv {
    text: String,
}

impl Csv {
    /// An empty CSV file.
    fn new() -> Self {
        Csv {
            text: String::from("\u{feff}"),
        }
    }

    /// Adds a row.
    fn row<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            match cell {
                Cell::Text(t) => self.text.push_str(&quote(t)),
                Cell::Owned(t) => self.text.push_str(&quote(&t)),
                Cell::Number(Some(n)) => self.text.push_str(&n.to_string()),
                Cell::Number(None) => {}
            }
        }
        self.text.push_str("\r\n");
    }

    /// The file's bytes.
    fn finish(self) -> Vec<u8> {
        self.text.into_bytes()
    }
}

/// Quotes a text cell when needed. A text starting with `=`, `+`, `-` or `@` (or a tab or carriage
/// return) would run as a formula in a spreadsheet, so it gets a leading apostrophe; so does one
/// whose formula sign is full-width (`＝`, which some spreadsheets read as `=`) or comes after
/// spaces or invisible characters that a spreadsheet skips.
fn quote(text: &str) -> String {
    let sign = text
        .trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
        })
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    let text = if sign || text.starts_with(['\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\r', '\n']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(quote("=1+1"), "'=1+1");
        assert_eq!(quote("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(quote("-2, minus"), "\"'-2, minus\"");
        assert_eq!(quote("＝1+1"), "'＝1+1");
        assert_eq!(quote(" =1+1"), "' =1+1");
        assert_eq!(quote("\u{a0}=1"), "'\u{a0}=1");
        assert_eq!(quote("\u{200b}@SUM(A1)"), "'\u{200b}@SUM(A1)");
        let mut csv = Csv::new();
        csv.row([
            Cell::Text("沈阳"),
            Cell::Number(Some(-1.5)),
            Cell::Number(None),
        ]);
        assert_eq!(
            String::from_utf8(csv.finish()).unwrap(),
            "\u{feff}沈阳,-1.5,\r\n"
        );
    }
}
