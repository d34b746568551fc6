//! Inputs shaped to cost a build minutes or gigabytes (issue #22): each builds, or fails with its
//! clear message, in seconds. A site folder may come from a stranger, so no algorithm may be
//! quadratic in the size of a page, a line or the fact sheet.
//!
//! The limits are generous (a hang or a quadratic is what they catch, not a slow machine): each
//! input is large enough that the code before the fix took far longer, as each test says. To
//! measure a shape with the release binary, write the sites with
//! `HOSTILE_SITES=/tmp/hostile cargo test --test hostile_inputs -- --ignored write_the_sites`
//! and build each folder with `/usr/bin/time -v zonesite build`.

use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The `[site]` table every generated site starts with.
const SITE: &str = "[site]\ntitle = \"Hostile Zone\"\nbase_url = \"https://example.org/\"\n";

/// A default source and the one figure `firms`, for pages that name facts.
const FACT_SHEET: &str = "
[[sources]]
id = \"office\"
publisher = \"Statistics Office\"
title = \"Yearbook\"
default = true

[[figures]]
id = \"firms\"
label = \"Firms in the zone\"
value = 4321
period = \"2021\"
";

/// A megabyte, the size of the paragraphs the issue measured.
const MEGABYTE: usize = 1 << 20;

/// A page of about `bytes` bytes: a title, then `unit` repeated on one line.
fn one_line_page(unit: &str, bytes: usize) -> String {
    format!("# Hostile\n\n{}\n", unit.repeat(bytes / unit.len()))
}

/// A paragraph of about `bytes` bytes whose words the parser hands over in many pieces:
/// apostrophes that smart punctuation curls, and the like.
fn long_paragraph(unit: &str, bytes: usize) -> Shape {
    Shape {
        site_toml: SITE.to_owned(),
        files: vec![(
            "content/hostile.md".into(),
            one_line_page(unit, bytes).into(),
        )],
    }
}

/// Pictures, links and notes that show as text, one of each way of writing them wrong.
const MARKS_AS_TEXT: &str = "![a](b c) [f] (g.md) [^2] ](h) [i](j k ##l ";

/// A paragraph of about `bytes` bytes of links nested in the words of links, each with spaces
/// in its address: `[[[x](a b)](a b)](a b)`.
fn nested_links(bytes: usize) -> Shape {
    let depth = bytes / 8;
    let text = format!("{}x{}", "[".repeat(depth), "](a b)".repeat(depth));
    Shape {
        site_toml: SITE.to_owned(),
        files: vec![(
            "content/hostile.md".into(),
            format!("# Hostile\n\n{text}\n").into(),
        )],
    }
}

/// A paragraph of 1 MB of shortcodes whose ids smart punctuation curls (`firm's` becomes
/// `firm’s`): each is unknown, and is found where it was written though it reads otherwise.
fn curled_shortcodes() -> Shape {
    Shape {
        site_toml: format!("{SITE}{FACT_SHEET}"),
        files: vec![(
            "content/hostile.md".into(),
            one_line_page("{{ fact firm's }} ", MEGABYTE).into(),
        )],
    }
}

/// `count` misspelt facts on one line: each one an error with a did-you-mean hint.
fn misspelt_facts(count: usize) -> Shape {
    let line = "{{ fact firmz }} ".repeat(count);
    Shape {
        site_toml: format!("{SITE}{FACT_SHEET}"),
        files: vec![(
            "content/hostile.md".into(),
            format!("# Hostile\n\n{line}\n").into(),
        )],
    }
}

/// A site.toml of about `bytes` bytes whose one figure has a series on one line, every key of
/// which is not a year.
fn series_of_bad_years(bytes: usize) -> Shape {
    let keys: Vec<String> = (0..bytes / 12).map(|k| format!("y{k} = 1")).collect();
    Shape {
        site_toml: format!(
            "{SITE}{FACT_SHEET}\n[[figures]]\nid = \"years\"\nlabel = \"Years\"\nseries = {{ {} }}\n",
            keys.join(", ")
        ),
        files: vec![("content/hostile.md".into(), "# Hostile\n".into())],
    }
}

/// A page of `count` headings and as many links to anchors that are one letter off.
fn broken_anchors(count: usize) -> Shape {
    let mut page = String::from("# Hostile\n\n");
    for k in 0..count {
        page.push_str(&format!("## Heading {k}\n\n"));
    }
    for k in 0..count {
        page.push_str(&format!("[see](#headin-{k})\n"));
    }
    Shape {
        site_toml: SITE.to_owned(),
        files: vec![("content/hostile.md".into(), page.into())],
    }
}

/// A fact sheet of `count` figures, with a bars chart of all of them when `chart`, shown on a
/// page that also states the last figure.
fn many_figures(count: usize, chart: bool) -> Shape {
    let mut toml = format!("{SITE}{FACT_SHEET}");
    for k in 0..count {
        toml.push_str(&format!(
            "\n[[figures]]\nid = \"f{k}\"\nlabel = \"Figure {k}\"\nvalue = {k}\nperiod = \"2021\"\n"
        ));
    }
    let mut page = format!("# Hostile\n\nThe last is {{{{ fact f{} }}}}.\n", count - 1);
    if chart {
        let ids: Vec<String> = (0..count).map(|k| format!("\"f{k}\"")).collect();
        toml.push_str(&format!(
            "\n[[charts]]\nid = \"all\"\ntitle = \"All of them\"\nkind = \"bars\"\nfigures = [{}]\n",
            ids.join(", ")
        ));
        page.push_str("\n{{ chart all }}\n");
    }
    Shape {
        site_toml: toml,
        files: vec![("content/hostile.md".into(), page.into())],
    }
}

/// A fact sheet of `count` figures each part of the next; the last part of the first when
/// `circle`.
fn part_of_chain(count: usize, circle: bool) -> Shape {
    let mut toml = format!("{SITE}{FACT_SHEET}");
    for k in 0..count {
        let total = if k + 1 < count {
            format!("\npart_of = \"p{}\"", k + 1)
        } else if circle {
            "\npart_of = \"p0\"".to_owned()
        } else {
            String::new()
        };
        toml.push_str(&format!(
            "\n[[figures]]\nid = \"p{k}\"\nlabel = \"Part {k}\"\nvalue = 1\nperiod = \"2021\"{total}\n"
        ));
    }
    Shape {
        site_toml: toml,
        files: vec![("content/hostile.md".into(), "# Hostile\n".into())],
    }
}

/// The header of a PNG that claims `width` x `height` pixels.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    // Whole chunks (the header's checksum, an end), so that only the claimed size is wrong.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend(b"\x08\x06\0\0\0");
    png.extend(crc32fast::hash(&png[12..]).to_be_bytes());
    png.extend(b"\0\0\0\0IEND\xaeB`\x82");
    png
}

/// A page showing `picture`, saved beside it as `name`.
fn page_with_picture(name: &str, picture: Vec<u8>) -> Shape {
    Shape {
        site_toml: SITE.to_owned(),
        files: vec![
            (
                "content/hostile.md".into(),
                format!("# Hostile\n\n![A picture]({name})\n").into(),
            ),
            (format!("content/{name}"), picture),
        ],
    }
}

/// A site whose logo is `picture`, saved in static/ as `name`.
fn logo(name: &str, picture: Vec<u8>) -> Shape {
    Shape {
        site_toml: format!("{SITE}\n[theme]\nlogo = \"{name}\"\n"),
        files: vec![
            ("content/hostile.md".into(), "# Hostile\n".into()),
            (format!("static/{name}"), picture),
        ],
    }
}

/// A generated site: its site.toml and its other files by path.
struct Shape {
    /// The text of site.toml.
    site_toml: String,
    /// Each other file's path under the site folder, and its bytes.
    files: Vec<(String, Vec<u8>)>,
}

impl Shape {
    /// Writes the site into the folder `root`.
    fn write(&self, root: &Path) {
        std::fs::create_dir_all(root).unwrap();
        std::fs::write(root.join("site.toml"), &self.site_toml).unwrap();
        for (path, bytes) in &self.files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }

    /// Builds the site in memory on its own thread, failing if that takes longer than `limit`:
    /// the report of its problems, or "built".
    fn build_within(&self, limit: Duration) -> String {
        // One build at a time, so that each limit measures its own build, not its neighbours'.
        static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        let site = tempfile::TempDir::new().unwrap();
        self.write(site.path());
        let root = site.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let report = match zonesite::generate(&root, None, false) {
                Ok(_) => "built".to_owned(),
                Err(problems) => zonesite::diagnostic::render_all(&problems),
            };
            tx.send(report).ok()
        });
        rx.recv_timeout(limit)
            .unwrap_or_else(|_| panic!("still building after {} s", limit.as_secs()))
    }
}

/// Every shape by name, at the sizes the issue measured and at those the tests build.
fn shapes() -> Vec<(&'static str, Shape)> {
    vec![
        ("apostrophes", long_paragraph("it's ", MEGABYTE)),
        ("less-than", long_paragraph("<", MEGABYTE)),
        ("emphasis", long_paragraph("*a **a ", MEGABYTE)),
        ("brackets", long_paragraph("[[", MEGABYTE)),
        ("entities", long_paragraph("&amp;", MEGABYTE)),
        ("marks-as-text", long_paragraph(MARKS_AS_TEXT, MEGABYTE)),
        ("nested-links", nested_links(MEGABYTE)),
        ("zero-width-spaces", long_paragraph("\u{200b}", MEGABYTE)),
        ("entities-4m", long_paragraph("&amp;", 4 * MEGABYTE)),
        ("curled-shortcodes", curled_shortcodes()),
        ("misspelt-facts-10k", misspelt_facts(10_000)),
        ("misspelt-facts-20k", misspelt_facts(20_000)),
        ("series-keys", series_of_bad_years(128 << 10)),
        ("broken-anchors", broken_anchors(15_000)),
        ("figures", many_figures(100_000, false)),
        ("figures-chart", many_figures(100_000, true)),
        ("figures-chart-50k", many_figures(50_000, true)),
        ("part-of-chain", part_of_chain(100_000, false)),
        ("part-of-circle", part_of_chain(100_000, true)),
        ("part-of-chain-50k", part_of_chain(50_000, false)),
        (
            "huge-png",
            page_with_picture("huge.png", png_claiming(100_000, 100_000)),
        ),
        (
            "huge-svg",
            page_with_picture(
                "huge.svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1e300 1e300\"></svg>"
                    .to_vec(),
            ),
        ),
        (
            "huge-logo",
            logo("logo.png", png_claiming(100_000, 100_000)),
        ),
    ]
}

/// Writes every shape into `$HOSTILE_SITES/<name>/`, for measuring the release binary.
#[test]
#[ignore = "writes sites for measuring; run with HOSTILE_SITES=<folder>"]
fn write_the_sites() {
    let folder = std::env::var_os("HOSTILE_SITES").expect("HOSTILE_SITES names a folder");
    for (name, shape) in shapes() {
        shape.write(&Path::new(&folder).join(name));
    }
}

/// The time a build may take here, in a debug build on a busy machine: far more than the few
/// seconds each shape takes now, far less than the minutes the quadratic took.
const LIMIT: Duration = Duration::from_secs(20);

/// Each line of `report` is short: an excerpt is cut around its column, never a whole long line.
fn assert_short_lines(report: &str) {
    let longest = report.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(
        longest < 400,
        "a line of {longest} characters in the report"
    );
}

/// How many messages of `code` `report` has.
fn count(report: &str, code: &str) -> usize {
    report.matches(&format!("error[{code}]")).count()
}

// Before, in release: 109 s for `it's `, still running after 150 s for `<` and `[[`, 140 s for
// `*a **a `, 99 s for 4 MB of `&amp;` (6.7 s for 1 MB): each text event was joined by copying
// the whole text so far.
#[test]
fn a_megabyte_paragraph_of_apostrophes_builds() {
    assert_eq!(
        long_paragraph("it's ", MEGABYTE).build_within(LIMIT),
        "built"
    );
}

#[test]
fn a_megabyte_paragraph_of_less_than_signs_builds() {
    assert_eq!(long_paragraph("<", MEGABYTE).build_within(LIMIT), "built");
}

#[test]
fn a_megabyte_paragraph_of_emphasis_builds() {
    assert_eq!(
        long_paragraph("*a **a ", MEGABYTE).build_within(LIMIT),
        "built"
    );
}

#[test]
fn a_megabyte_paragraph_of_brackets_builds() {
    assert_eq!(long_paragraph("[[", MEGABYTE).build_within(LIMIT), "built");
}

// Each mark shown as text is read once, and past fifty of a kind only counted (#16).
#[test]
fn a_megabyte_paragraph_of_marks_shown_as_text_builds() {
    assert_eq!(
        long_paragraph(MARKS_AS_TEXT, MEGABYTE).build_within(LIMIT),
        "built"
    );
}

#[test]
fn a_megabyte_of_links_nested_in_links_builds() {
    assert_eq!(nested_links(MEGABYTE).build_within(LIMIT), "built");
}

#[test]
fn a_megabyte_of_zero_width_spaces_builds() {
    assert_eq!(
        long_paragraph("\u{200b}", MEGABYTE).build_within(LIMIT),
        "built"
    );
}

#[test]
fn a_paragraph_of_four_megabytes_of_entities_builds() {
    assert_eq!(
        long_paragraph("&amp;", 4 * MEGABYTE).build_within(LIMIT),
        "built"
    );
}

// Before, in release: out of memory at 5.6 GB after 19 s (under a limit of 6 GB): each of the
// 58,000 unknown facts copied the megabyte line, and searched the rest of it for its place.
#[test]
fn a_megabyte_of_curled_shortcodes_fails_with_a_short_report() {
    let report = curled_shortcodes().build_within(LIMIT);
    assert_eq!(count(&report, "fact-unknown"), 50);
    assert!(
        report.starts_with(
            "error[fact-unknown]: unknown fact `firm’s`\n  --> content/hostile.md:3:1\n"
        ),
        "{report}"
    );
    // Each is found where it was written, not at the start of the line.
    assert!(
        report.contains("  --> content/hostile.md:3:19\n"),
        "{report}"
    );
    assert!(report.contains("error[messages-omitted]: … and 58204 more like this in this file\n  --> content/hostile.md:3:901\n"), "{report}");
    assert_short_lines(&report);
}

// Before, in release: out of memory at 9.5 GB after 9 s (under a limit of 10 GB; the issue saw
// 23 GB): every message copied the whole line and counted its line from the file's start, and
// the report held 20,000 of them. Memory-heavy before, 61 MB now.
#[test]
fn twenty_thousand_misspelt_facts_on_one_line_fail_with_a_short_report() {
    let report = misspelt_facts(20_000).build_within(LIMIT);
    assert_eq!(count(&report, "fact-unknown"), 50);
    // Each excerpt shows 120 characters either side of the mistake, with `…` where it is cut.
    let units = |n| "{{ fact firmz }} ".repeat(n);
    let first = format!(
        "error[fact-unknown]: unknown fact `firmz`
  --> content/hostile.md:3:1
  |
3 | {}{{…
  | ^
  = hint: did you mean `firms`?
",
        units(7)
    );
    assert!(report.starts_with(&first), "{report}");
    let last = format!(
        "error[messages-omitted]: … and 19950 more like this in this file
  --> content/hostile.md:3:851
  |
3 | … {}{{…
  | {}^
  = hint: the first 50 `fact-unknown` messages are shown above, and this is where the next one is: fix those, then build again to see the rest
",
        units(14),
        " ".repeat(121)
    );
    assert!(report.ends_with(&last), "{report}");
    assert_short_lines(&report);
}

// Before, in release: 3.5 s, 5.9 GB and a report of 1.3 GB: each key's message copied the line
// of 128 KB.
#[test]
fn a_long_line_of_bad_series_keys_fails_with_a_short_report() {
    let report = series_of_bad_years(128 << 10).build_within(LIMIT);
    assert_eq!(count(&report, "figure-series-year"), 50);
    assert!(
        report.contains("error[messages-omitted]: … and "),
        "{report}"
    );
    assert_short_lines(&report);
}

// Before, in release: 50 s: each of the 15,000 broken anchors was compared with each of the
// 15,000 headings.
#[test]
fn fifteen_thousand_broken_anchors_fail_in_seconds() {
    let report = broken_anchors(15_000).build_within(LIMIT);
    assert_eq!(count(&report, "anchor-broken"), 50);
    assert!(report.starts_with(
        "error[anchor-broken]: broken link: content/hostile.md has no heading with the id `headin-0`
  --> content/hostile.md:30003:1
      |
30003 | [see](#headin-0)
      | ^
  = hint: did you mean `#heading-0`?
"
    ), "{report}");
    assert!(
        report.contains("error[messages-omitted]: … and 14950 more like this in this file\n"),
        "{report}"
    );
}

// Before: 8.6 s in release (36 s for 100,000): each figure was looked up by reading the list,
// and each total's parts by reading it again.
#[test]
fn fifty_thousand_figures_and_a_chart_of_them_build() {
    assert_eq!(many_figures(50_000, true).build_within(LIMIT), "built");
}

// Before: still running after 150 s in release: each part walked the chain to its end, checking
// each step against the steps before it.
#[test]
fn a_chain_of_fifty_thousand_parts_builds() {
    assert_eq!(part_of_chain(50_000, false).build_within(LIMIT), "built");
}

#[test]
fn a_circle_of_fifty_thousand_parts_is_one_short_error() {
    let report = part_of_chain(50_000, true).build_within(LIMIT);
    assert!(report.starts_with("error[part-of-circle]: `part_of` goes round in a circle of 50000 figures: p0 -> p1 -> p2 -> p3 -> p4 -> p5 -> p6 -> p7 -> p8 -> p9 -> … -> p0\n"), "{report}");
    assert_eq!(count(&report, "part-of-circle"), 1);
}

#[test]
fn a_picture_claiming_a_hundred_thousand_pixels_a_side_is_an_error() {
    assert_eq!(
        page_with_picture("huge.png", png_claiming(100_000, 100_000)).build_within(LIMIT),
        "error[picture-too-large]: the picture `huge.png` claims to be 100000 by 100000 pixels, larger than a page can show
  --> content/hostile.md:3:1
  |
3 | ![A picture](huge.png)
  | ^
  = hint: save the picture at the size it should be shown, or write the real size in the SVG
"
    );
}

#[test]
fn an_svg_with_a_viewbox_of_1e300_is_an_error() {
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1e300 1e300\"></svg>";
    assert_eq!(
        page_with_picture("huge.svg", svg.to_vec()).build_within(LIMIT),
        "error[picture-too-large]: the picture `huge.svg` claims to be 1e300 by 1e300 pixels, larger than a page can show
  --> content/hostile.md:3:1
  |
3 | ![A picture](huge.svg)
  | ^
  = hint: save the picture at the size it should be shown, or write the real size in the SVG
"
    );
}

#[test]
fn a_logo_claiming_a_hundred_thousand_pixels_a_side_is_an_error() {
    assert_eq!(
        logo("logo.png", png_claiming(100_000, 100_000)).build_within(LIMIT),
        "error[picture-too-large]: the logo `logo.png` claims to be 100000 by 100000 pixels, larger than a page can show
  --> site.toml:6:8
  |
6 | logo = \"logo.png\"
  |        ^
  = hint: save the picture at the size it should be shown, or write the real size in the SVG
"
    );
}

#[test]
fn control_characters_in_names_and_lines_are_shown_escaped() {
    let shape = Shape {
        site_toml: SITE.to_owned(),
        files: vec![
            ("content/\u{1b}[2Jwipe.md".into(), "# Wiped\n".into()),
            (
                "content/\u{202e}dm.evil.md".into(),
                "# Title\n\n\u{1b}[31mred\u{202e} and\r [a link](missing.md)\n".into(),
            ),
        ],
    };
    assert_eq!(
        shape.build_within(LIMIT),
        "error[file-name-control]: this file name contains a line break or another invisible control character
  --> content/\\u{1b}[2Jwipe.md
  = hint: rename the file using letters, digits, spaces and hyphens

warning[text-control-character]: this file holds an invisible control character (U+001B) that web pages and feeds cannot carry
  --> content/\\u{202e}dm.evil.md:3:1
  |
3 | \\u{1b}[31mred\\u{202e} and\\u{d} [a link](missing.md)
  | ^
  = hint: delete it: put the cursor just before `[31mred` and press Backspace once; it usually comes with text pasted from a word processor

error[link-broken]: broken link: there is no content/missing.md
  --> content/\\u{202e}dm.evil.md:3:16
  |
3 | \\u{1b}[31mred\\u{202e} and\\u{d} [a link](missing.md)
  |                                ^
  = hint: link to a markdown file under content/, relative to this page, for example [profile](profile.md)
"
    );
}
