//! The example site says no more than its source: every rendered page of both languages is read
//! as a visitor and a screen reader get it (text, labels, titles, descriptions), and checked
//! against what China Daily Global's report of 13 April 2021 gives (../shared/zone-facts.md).

mod common;

use std::collections::BTreeMap;

use zonesite::locale::date::MONTHS;

/// The example's output, by path, built in memory from the repository.
fn example() -> BTreeMap<String, Vec<u8>> {
    common::generated(&common::repo(), None)
}

/// The example's pages as text, by path; `zh/` pages are the Chinese edition.
fn pages() -> Vec<(String, String)> {
    example()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, readable(&String::from_utf8(bytes).unwrap())))
        .collect()
}

/// What a visitor or a screen reader gets of `html`: its text, and the words of its `alt`,
/// `title`, `aria-label` and `content` attributes, each on a line of its own; no script or style.
fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&unescape(&rest[..open]));
        let tag_end = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = &rest[open..tag_end];
        for attribute in ["alt", "title", "aria-label", "content"] {
            let key = format!(" {attribute}=\"");
            if let Some(at) = tag.find(&key) {
                let value = &tag[at + key.len()..];
                let value = &value[..value.find('"').unwrap_or(value.len())];
                out.push('\n');
                out.push_str(&unescape(value));
                out.push('\n');
            }
        }
        rest = &rest[tag_end..];
        for hidden in ["script", "style"] {
            if tag.starts_with(&format!("<{hidden}")) {
                let close = format!("</{hidden}>");
                rest = rest.find(&close).map_or("", |i| &rest[i + close.len()..]);
            }
        }
        out.push(' ');
    }
    out.push_str(&unescape(rest));
    out
}

/// `text` with the entities the templates write replaced by their characters.
fn unescape(text: &str) -> String {
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every day written in full in `text`, as (year, month, day): `13 April 2021`, `2021年4月13日`.
fn days(text: &str) -> Vec<(u32, u32, u32)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for window in words.windows(3) {
        if let (Ok(day), Some(month), Ok(year)) = (
            window[0].parse::<u32>(),
            MONTHS.iter().position(|m| *m == window[1]),
            window[2].parse::<u32>(),
        ) {
            found.push((year, month as u32 + 1, day));
        }
    }
    // Chinese: digits 年 digits 月 digits 日.
    let chars: Vec<char> = text.chars().collect();
    // The number written just before `end`, and where it starts.
    let number_before = |end: usize| -> Option<(u32, usize)> {
        let start = (0..end)
            .rev()
            .take_while(|&i| chars[i].is_ascii_digit())
            .last()?;
        let number = chars[start..end].iter().collect::<String>().parse().ok()?;
        Some((number, start))
    };
    // The number before the character at `end`, when that character is `unit`.
    let number_of = |end: usize, unit: char| {
        (end > 0 && chars[end] == unit)
            .then(|| number_before(end))
            .flatten()
    };
    for i in 0..chars.len() {
        let Some((day, at)) = number_of(i, '日') else {
            continue;
        };
        let Some((month, at)) = at.checked_sub(1).and_then(|m| number_of(m, '月')) else {
            continue;
        };
        if let Some((year, _)) = at.checked_sub(1).and_then(|y| number_of(y, '年')) {
            found.push((year, month, day));
        }
    }
    found
}

/// Spans of years written with something other than `dash` between them (`2021-2025`), in `text`.
fn year_ranges_without(text: &str, dash: char) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut wrong = Vec::new();
    for i in 4..chars.len().saturating_sub(4) {
        let year = |from: usize| chars[from..from + 4].iter().all(char::is_ascii_digit);
        // Four digits ending a longer number are no year: GB/T 37668-2019 is a standard's number.
        let starts_number = i == 4 || !chars[i - 5].is_ascii_digit();
        let joiner = chars[i];
        if matches!(joiner, '-' | '‐' | '‑' | '–' | '—' | '~' | '～')
            && joiner != dash
            && starts_number
            && year(i - 4)
            && year(i + 1)
        {
            wrong.push(chars[i - 4..i + 5].iter().collect());
        }
    }
    wrong
}

#[test]
fn the_example_gives_no_day_its_source_does_not() {
    // The report is dated 13 April 2021, and so is the site's one story; it dates nothing else to
    // the day (the companies served are counted "through the end of 2020").
    let mut wrong = Vec::new();
    for (path, text) in pages() {
        for day in days(&text) {
            if day != (2021, 4, 13) {
                wrong.push(format!("{path}: {day:?}"));
            }
        }
        for as_of in [
            "as of 31 December",
            "截至2020年12月31日",
            "as of the end of 2021",
        ] {
            assert!(!text.contains(as_of), "{path} says `{as_of}`");
        }
    }
    assert!(
        wrong.is_empty(),
        "days the source does not give: {wrong:#?}"
    );
}

#[test]
fn each_figure_is_dated_as_the_source_dates_it() {
    // From ../shared/zone-facts.md: the technology market is the year 2020, the companies served
    // are counted to the end of 2020, every other count is only "as reported".
    let dated = [
        (
            "research_institutions",
            "reported 13 April 2021",
            "2021年4月13日报道",
        ),
        (
            "key_laboratories",
            "reported 13 April 2021",
            "2021年4月13日报道",
        ),
        (
            "innovation_centres",
            "reported 13 April 2021",
            "2021年4月13日报道",
        ),
        (
            "enterprise_technology_centres",
            "reported 13 April 2021",
            "2021年4月13日报道",
        ),
        (
            "service_agencies",
            "reported 13 April 2021",
            "2021年4月13日报道",
        ),
        (
            "industrial_parks",
            "reported 13 April 2021",
            "2021年4月13日报道",
        ),
        (
            "high_tech_companies_served",
            "as of the end of 2020",
            "截至2020年底",
        ),
        (
            "sme_tech_companies_served",
            "as of the end of 2020",
            "截至2020年底",
        ),
        ("technology_contracts", "<td>2020</td>", "<td>2020年</td>"),
        (
            "technology_contracts_city_share",
            "<td>2020</td>",
            "<td>2020年</td>",
        ),
        ("contract_turnover", "<td>2020</td>", "<td>2020年</td>"),
        (
            "contract_turnover_city_share",
            "<td>2020</td>",
            "<td>2020年</td>",
        ),
    ];
    let site = example();
    for (page, language) in [
        ("statistics/index.html", 1),
        ("zh/statistics/index.html", 2),
    ] {
        let html = String::from_utf8(site[page].clone()).unwrap();
        let rows: Vec<&str> = html.split("<tr id=\"figure-").skip(1).collect();
        assert_eq!(rows.len(), dated.len(), "{page}: one row per figure");
        for figure in dated {
            let (id, when) = (figure.0, [figure.1, figure.2][language - 1]);
            let row = rows
                .iter()
                .find(|r| r.starts_with(&format!("{id}\"")))
                .unwrap_or_else(|| panic!("{page} has no row for {id}"));
            let row = &row[..row.find("</tr>").unwrap()];
            assert!(
                row.contains(when),
                "{page}: {id} is not dated `{when}`:\n{row}"
            );
        }
    }
}

#[test]
fn year_spans_take_a_dash_never_a_hyphen() {
    // Chinese writes 2021—2025年 (a dash), English 2021–2025 (an en dash).
    let mut wrong = Vec::new();
    for (path, text) in pages() {
        let dash = if path.starts_with("zh/") {
            '—'
        } else {
            '–'
        };
        for span in year_ranges_without(&text, dash) {
            wrong.push(format!("{path}: {span}"));
        }
    }
    assert!(wrong.is_empty(), "year spans with a hyphen: {wrong:#?}");
}

/// The parts of `html` a reader takes in at once: each table row, drawing, paragraph and list
/// item, and each `aria-label`, as text.
fn units(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (open, close) in [
        ("<tr", "</tr>"),
        ("<svg", "</svg>"),
        ("<p", "</p>"),
        ("<li", "</li>"),
        ("aria-label=\"", "\""),
    ] {
        let mut rest = html;
        while let Some(start) = rest.find(open) {
            let body = &rest[start + open.len()..];
            let end = body.find(close).unwrap_or(body.len());
            found.push(readable(&body[..end]));
            rest = &body[end..];
        }
    }
    found
}

/// Whether `text` states the number `n` on its own (not as a part of 2,029, 1290 or 29.5).
fn states_number(text: &str, n: &str) -> bool {
    // A digit, or a separator between digits, joins `n` to a longer number.
    let joined =
        |mut chars: std::iter::Peekable<Box<dyn Iterator<Item = char> + '_>>| match chars.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some(',' | '.') => chars.peek().is_some_and(char::is_ascii_digit),
            _ => false,
        };
    text.match_indices(n).any(|(at, _)| {
        let before: Box<dyn Iterator<Item = char>> = Box::new(text[..at].chars().rev());
        let after: Box<dyn Iterator<Item = char>> = Box::new(text[at + n.len()..].chars());
        !joined(before.peekable()) && !joined(after.peekable())
    })
}

#[test]
fn the_calculated_figure_is_said_to_be_calculated_wherever_it_appears() {
    // 29 "other institutions" is our subtraction (272 minus the three groups the report names),
    // not a figure of the source: each place that states it says so in words.
    let words = [
        "calculated: 272 minus the three named groups",
        "计算得出：272家减去上述三类",
    ];
    let mut places = 0;
    let mut wrong = Vec::new();
    for (path, bytes) in example() {
        let text = String::from_utf8(bytes).unwrap_or_default();
        let parts = if path.ends_with(".html") {
            units(&text)
        } else if path.ends_with(".csv") || path.ends_with(".json") || path.ends_with(".xml") {
            text.lines().map(str::to_owned).collect()
        } else {
            continue;
        };
        for part in parts.iter().filter(|p| states_number(p, "29")) {
            places += 1;
            if !words.iter().any(|w| part.contains(w)) {
                wrong.push(format!("{path}: {part}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the calculated 29 without its words: {wrong:#?}"
    );
    // The drawing, its summary and the table row in each language, and the chart's CSV.
    assert!(places >= 7, "the 29 was found in only {places} places");
}

#[test]
fn the_checks_find_what_they_look_for() {
    // The checks above pass on the example: each must also fail on the mistake it is for.
    assert_eq!(
        days("as of 31 December 2020; 2020年12月31日; 2021"),
        [(2020, 12, 31), (2020, 12, 31)]
    );
    assert_eq!(
        year_ranges_without("（2021-2025年）“十四五”（2021—2025年）", '—'),
        ["2021-2025"]
    );
    assert_eq!(
        year_ranges_without("plan (2021-2025), period (2021–2025)", '–'),
        ["2021-2025"]
    );
    assert!(states_number("Other: 29.", "29") && states_number("29家", "29"));
    assert!(!states_number("2,029 and 29.5 and 1290", "29"));
    assert!(states_number("label,29,", "29"));
    assert_eq!(
        readable("<p title=\"a &amp; b\">Shenyang&#39;s<script>x</script></p>"),
        "\na & b\n Shenyang's  "
    );
}
