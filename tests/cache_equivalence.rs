//! The caches `zonesite serve` keeps between rebuilds change nothing that is built: after any
//! sequence of edits, each told to the cache the way the file watcher tells it, a build through
//! the kept cache gives exactly the files a fresh build gives, byte for byte, with the same
//! warnings; and when the fresh build fails, the cached one fails with the same report.
//!
//! Edits are drawn at random, from a fixed seed per case so that a failure is reproducible: it
//! prints its seed and its edits as code for [`replay`], which is how a failing sequence is kept
//! as a test of its own once shrunk.

mod common;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use tempfile::TempDir;
use zonesite::diagnostic::{Diagnostic, render_all};
use zonesite::{Cache, Generated};

/// Random cases run by default; `CACHE_EQUIVALENCE_CASES` asks for more in a longer soak.
const CASES: u64 = 24;
/// Edits per case.
const STEPS: usize = 8;
/// The seed of case 0; case `n` uses `SEED + n`.
const SEED: u64 = 0x7a6f_6e65_5eed_0000;
/// The richest fixture (figures, two sections, translations) takes half the cases; the others
/// bring what it lacks: a template the site overrides, paginated listings and a draft; charts
/// and industry pages.
const FIXTURES: [(&str, &str); 4] = [
    ("i18n", "base"),
    ("i18n", "base"),
    ("build", "override"),
    ("facts", "base"),
];

#[test]
fn cached_builds_equal_fresh_builds_after_random_edits() {
    let cases = std::env::var("CACHE_EQUIVALENCE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    let mut failures = Vec::new();
    for case in 0..cases {
        let fixture = FIXTURES[case as usize % FIXTURES.len()];
        if let Err(report) = random_case(fixture, case) {
            failures.push(report);
            // A few reports say more than one; hundreds would bury them.
            if failures.len() == 3 {
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_rescan_reads_every_change_again() {
    // The watcher lost track of what changed: the cache must forget every file,
    // including ones no step names, such as a page added beside the one edited.
    let steps: &[&[Change]] = &[
        &[append("content/about.md", "\nMore text.\n")],
        &[
            write(
                "content/news/added.md",
                "+++\ntitle = \"Added\"\ndate = 2022-05-01\n+++\n\nNew.\n",
            ),
            write(
                "content/news/added.zh.md",
                "+++\ntitle = \"新增\"\n+++\n\n新的。\n",
            ),
        ],
        &[replace("site.toml", "value = 1152\n", "value = 2048\n")],
        &[replace(
            "content/news/_index.md",
            "title = \"News\"",
            "title = \"Updates\"",
        )],
        &[append(
            "content/untranslated.md",
            "\n[gone](no-such-page.md)\n",
        )],
        &[replace(
            "content/untranslated.md",
            "\n[gone](no-such-page.md)\n",
            "",
        )],
        &[delete("content/news/only-english.md")],
        &[replace(
            "content/news/opening.md",
            "date = 2022-03-02",
            "date = 2021-01-01",
        )],
    ];
    replay(FIXTURES[0], Forget::Rescan, steps).unwrap_or_else(|report| panic!("{report}"));
}

/// splitmix64: tiny, and the same on every machine, so a seed names a case for good.
struct Rng(u64);

impl Rng {
    /// The next 64 random bits.
    fn bits(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, for `n > 0`.
    fn below(&mut self, n: usize) -> usize {
        (self.bits() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, or `None` when there are none.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// One change to one file of the site, concrete enough to replay.
#[derive(Debug, Clone)]
enum Change {
    /// Replaces the first `from` in `file` with `to`.
    Replace {
        file: String,
        from: String,
        to: String,
    },
    /// Adds `text` at the end of `file`.
    Append { file: String, text: String },
    /// Writes `file` whole, creating it and its folder if needed.
    Write { file: String, text: String },
    /// Deletes `file`.
    Delete { file: String },
}

/// [`Change::Replace`].
fn replace(file: &str, from: &str, to: &str) -> Change {
    Change::Replace {
        file: file.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
    }
}

/// [`Change::Append`].
fn append(file: &str, text: &str) -> Change {
    Change::Append {
        file: file.to_owned(),
        text: text.to_owned(),
    }
}

/// [`Change::Write`].
fn write(file: &str, text: &str) -> Change {
    Change::Write {
        file: file.to_owned(),
        text: text.to_owned(),
    }
}

/// [`Change::Delete`].
fn delete(file: &str) -> Change {
    Change::Delete {
        file: file.to_owned(),
    }
}

impl Change {
    /// The file changed, relative to the site folder.
    fn file(&self) -> &str {
        match self {
            Change::Replace { file, .. }
            | Change::Append { file, .. }
            | Change::Write { file, .. }
            | Change::Delete { file } => file,
        }
    }

    /// Makes the change under `root`; an error when it no longer fits the files, as happens to a
    /// replayed sequence with steps left out.
    fn apply(&self, root: &Path) -> Result<(), String> {
        let path = root.join(self.file());
        let read = || std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", self.file()));
        match self {
            Change::Replace { file, from, to } => {
                let text = read()?;
                if !text.contains(from.as_str()) {
                    return Err(format!("{file} has no {from:?}"));
                }
                std::fs::write(&path, text.replacen(from.as_str(), to, 1)).unwrap();
            }
            Change::Append { text, .. } => {
                std::fs::write(&path, read()? + text).unwrap();
            }
            Change::Write { text, .. } => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
            }
            Change::Delete { file } => {
                std::fs::remove_file(&path).map_err(|e| format!("{file}: {e}"))?;
            }
        }
        Ok(())
    }
}

/// Prints the change as the code that makes it, for pasting into a test.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Replace { file, from, to } => write!(f, "replace({file:?}, {from:?}, {to:?})"),
            Change::Append { file, text } => write!(f, "append({file:?}, {text:?})"),
            Change::Write { file, text } => write!(f, "write({file:?}, {text:?})"),
            Change::Delete { file } => write!(f, "delete({file:?})"),
        }
    }
}

/// The files changed together before one rebuild, as one save or one watcher event reports them.
#[derive(Debug, Clone)]
struct Step {
    /// Which kind of edit it is, for the report.
    what: String,
    /// The changes, made in order.
    changes: Vec<Change>,
}

/// How each step is told to the cache.
#[derive(Debug, Clone, Copy)]
enum Forget {
    /// The changed files, relative to the site folder, as the watcher names them.
    Files,
    /// "The watcher lost track": the cache forgets every file.
    Rescan,
}

/// What one build gave, in a form two builds can be compared by.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Every output file by path, the warnings' report, and the numbers of pages and sections.
    Built {
        files: BTreeMap<String, Vec<u8>>,
        warnings: String,
        counts: (usize, usize),
    },
    /// The report of the problems that stopped the build.
    Failed(String),
}

/// The comparable form of a build's result.
fn outcome(result: Result<Generated, Vec<Diagnostic>>) -> Outcome {
    match result {
        Ok(generated) => Outcome::Built {
            files: generated
                .output
                .files()
                .map(|(path, bytes)| (path.to_owned(), bytes.to_vec()))
                .collect(),
            warnings: render_all(&generated.warnings),
            counts: (generated.pages, generated.sections),
        },
        Err(problems) => Outcome::Failed(render_all(&problems)),
    }
}

/// How a cached build differs from a fresh one, in a few lines; `None` if it does not.
fn difference(cached: &Outcome, fresh: &Outcome) -> Option<String> {
    if cached == fresh {
        return None;
    }
    Some(match (cached, fresh) {
        (
            Outcome::Built {
                files: a,
                warnings: wa,
                counts: ca,
            },
            Outcome::Built {
                files: b,
                warnings: wb,
                counts: cb,
            },
        ) => {
            let mut lines = Vec::new();
            lines.extend(
                a.keys()
                    .filter(|p| !b.contains_key(*p))
                    .map(|p| format!("only the cached build has {p}")),
            );
            lines.extend(
                b.keys()
                    .filter(|p| !a.contains_key(*p))
                    .map(|p| format!("only the fresh build has {p}")),
            );
            lines.extend(a.iter().filter_map(|(p, bytes)| {
                let other = b.get(p)?;
                (other != bytes).then(|| format!("{p} differs {}", first_difference(bytes, other)))
            }));
            lines.truncate(8);
            if wa != wb {
                lines.push(format!(
                    "the warnings differ:\n--- cached\n{wa}\n--- fresh\n{wb}"
                ));
            }
            if ca != cb {
                lines.push(format!("(pages, sections): cached {ca:?}, fresh {cb:?}"));
            }
            lines.join("\n")
        }
        (Outcome::Failed(a), Outcome::Failed(b)) => {
            format!("the reports differ:\n--- cached\n{a}\n--- fresh\n{b}")
        }
        (Outcome::Built { .. }, Outcome::Failed(b)) => {
            format!("the cached build succeeded, the fresh one failed:\n{b}")
        }
        (Outcome::Failed(a), Outcome::Built { .. }) => {
            format!("the cached build failed, the fresh one succeeded:\n{a}")
        }
    })
}

/// Where two versions of a file first part, with some text around it from each.
fn first_difference(cached: &[u8], fresh: &[u8]) -> String {
    let at = cached
        .iter()
        .zip(fresh)
        .position(|(a, b)| a != b)
        .unwrap_or(cached.len().min(fresh.len()));
    let around = |bytes: &[u8]| {
        let (start, end) = (
            at.saturating_sub(80).min(bytes.len()),
            (at + 80).min(bytes.len()),
        );
        String::from_utf8_lossy(&bytes[start..end]).into_owned()
    };
    format!(
        "at byte {at}:\n  cached …{:?}…\n  fresh  …{:?}…",
        around(cached),
        around(fresh)
    )
}

/// A fixture site in a temporary folder with a cache kept across its rebuilds, as `serve` keeps
/// one, and the steps taken so far.
struct Session {
    site: TempDir,
    cache: Cache,
    fixture: (&'static str, &'static str),
    forget: Forget,
    /// The seed and case number of a random case.
    seed: Option<(u64, u64)>,
    /// The steps taken so far, for the report.
    steps: Vec<Step>,
}

impl Session {
    /// Copies the fixture and makes the first build through the cache, as `serve` starts.
    fn start(
        fixture: (&'static str, &'static str),
        forget: Forget,
        seed: Option<(u64, u64)>,
    ) -> Result<(Session, bool), String> {
        let mut session = Session {
            site: common::fixture(fixture.0, fixture.1),
            cache: Cache::kept(),
            fixture,
            forget,
            seed,
            steps: Vec::new(),
        };
        let built = session.compare()?;
        Ok((session, built))
    }

    /// The site folder.
    fn root(&self) -> &Path {
        self.site.path()
    }

    /// The step that puts back the files `step` is about to change, as they are now.
    fn undo(&self, step: &Step, number: usize) -> Step {
        let mut changes: Vec<Change> = Vec::new();
        for change in &step.changes {
            let file = change.file();
            if changes.iter().any(|c| c.file() == file) {
                continue;
            }
            changes.push(match std::fs::read_to_string(self.root().join(file)) {
                Ok(text) => write(file, &text),
                Err(_) => delete(file),
            });
        }
        Step {
            what: format!("fix: undo step {number}"),
            changes,
        }
    }

    /// Makes `step`, tells the cache, and builds both ways: whether the fresh build succeeded,
    /// or the full report when the two differ.
    fn take(&mut self, step: Step) -> Result<bool, String> {
        for change in &step.changes {
            change.apply(self.root()).unwrap_or_else(|e| {
                panic!("step {} does not fit the site: {e}", self.steps.len() + 1)
            });
        }
        let changed = match self.forget {
            Forget::Files => zonesite::Change::Files(
                step.changes
                    .iter()
                    .map(|c| PathBuf::from(c.file()))
                    .collect(),
            ),
            Forget::Rescan => zonesite::Change::Everything,
        };
        self.steps.push(step);
        self.cache.forget(self.site.path(), &changed);
        self.compare()
    }

    /// Builds through the kept cache and afresh: whether the fresh build succeeded, or the report.
    fn compare(&mut self) -> Result<bool, String> {
        let root = self.site.path();
        let cached = outcome(zonesite::generate_with(
            root,
            zonesite::Overrides::default(),
            false,
            zonesite::OutsideLinks::Refuse,
            &mut self.cache,
        ));
        let fresh = outcome(zonesite::generate(root, None, false));
        match difference(&cached, &fresh) {
            None => Ok(matches!(fresh, Outcome::Built { .. })),
            Some(difference) => Err(self.report(&difference)),
        }
    }

    /// Says what differed after which steps, with the code that replays them.
    fn report(&self, difference: &str) -> String {
        let (fixture, forget) = (self.fixture, self.forget);
        let mut text = format!(
            "the cached build differs from a fresh one after step {}",
            self.steps.len()
        );
        if let Some((seed, case)) = self.seed {
            text += &format!(" (seed {seed:#x}, case {case})");
        }
        text += &format!(
            "\n{difference}\n\nreplay with:\nreplay({fixture:?}, Forget::{forget:?}, &[\n"
        );
        for (n, step) in self.steps.iter().enumerate() {
            let changes: Vec<String> = step.changes.iter().map(ToString::to_string).collect();
            text += &format!(
                "    // {}: {}\n    &[{}],\n",
                n + 1,
                step.what,
                changes.join(", ")
            );
        }
        text + "])"
    }
}

/// Makes `steps` on a copy of `fixture`, comparing the cached build with a fresh one after each.
fn replay(
    fixture: (&'static str, &'static str),
    forget: Forget,
    steps: &[&[Change]],
) -> Result<(), String> {
    let (mut session, _) = Session::start(fixture, forget, None)?;
    for (n, changes) in steps.iter().enumerate() {
        session.take(Step {
            what: format!("replayed step {}", n + 1),
            changes: changes.to_vec(),
        })?;
    }
    Ok(())
}

/// One random case: `STEPS` edits drawn from `SEED + case`, a mistake now and then, and a
/// later step putting back what broke the build so that the cache also recovers from errors.
fn random_case(fixture: (&'static str, &'static str), case: u64) -> Result<(), String> {
    let seed = SEED.wrapping_add(case);
    let mut rng = Rng(seed);
    let (mut session, mut built) = Session::start(fixture, Forget::Files, Some((seed, case)))?;
    let editor = Editor::read(session.root());
    // Undo steps for the edits since the build last succeeded, the latest last.
    let mut fixes: Vec<Step> = Vec::new();
    for number in 1..=STEPS {
        let fix = if !built && rng.chance(50) {
            fixes.pop()
        } else {
            None
        };
        let is_fix = fix.is_some();
        let step = fix.unwrap_or_else(|| editor.draw(&mut rng, session.root(), number));
        let undo = session.undo(&step, number);
        built = session.take(step)?;
        if built {
            fixes.clear();
        } else if !is_fix {
            fixes.push(undo);
        }
    }
    Ok(())
}

/// Draws edits for one site, knowing what its site.toml declares.
struct Editor {
    /// Languages other than the default one, whose pages are `name.<lang>.md`.
    translations: Vec<String>,
    /// The ids of the figures pages may quote.
    figures: Vec<String>,
    /// The ids of the charts pages may show.
    charts: Vec<String>,
    /// The slugs of the fact sheet's industries.
    industries: Vec<String>,
}

/// The kinds of edit, each with its weight in the draw.
const KINDS: [(&str, usize); 11] = [
    ("text", 4),
    ("tags", 2),
    ("title", 2),
    ("front", 2),
    ("setting", 1),
    ("date", 2),
    ("add", 2),
    ("delete", 1),
    ("figure", 2),
    ("template", 2),
    ("mistake", 2),
];

impl Editor {
    /// Reads the languages, figure and chart ids, and industry slugs of the site at `root`.
    fn read(root: &Path) -> Editor {
        let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
        let mut table = "";
        let mut languages = Vec::new();
        let mut default = None;
        let mut figures = Vec::new();
        let mut charts = Vec::new();
        let mut industries = Vec::new();
        for line in config.lines() {
            if line.starts_with('[') {
                table = line;
                if let Some(lang) = line.strip_prefix("[languages.") {
                    languages.push(lang.trim_end_matches(']').to_owned());
                }
            } else if let Some(value) = quoted_value(line, "language") {
                default = Some(value);
            } else if let Some(id) = quoted_value(line, "id")
                && table == "[[figures]]"
            {
                figures.push(id);
            } else if let Some(id) = quoted_value(line, "id")
                && table == "[[charts]]"
            {
                charts.push(id);
            } else if let Some(slug) = quoted_value(line, "slug")
                && table == "[[industries]]"
            {
                industries.push(slug);
            }
        }
        let default = default.or_else(|| languages.first().cloned());
        Editor {
            translations: languages
                .into_iter()
                .filter(|l| Some(l) != default.as_ref())
                .collect(),
            figures,
            charts,
            industries,
        }
    }

    /// One random edit of the site at `root` as it is now; `number` makes its texts unique.
    fn draw(&self, rng: &mut Rng, root: &Path, number: usize) -> Step {
        let total: usize = KINDS.iter().map(|(_, w)| w).sum();
        // Some kinds do not fit every site or every moment (no template to edit): draw again.
        loop {
            let mut roll = rng.below(total);
            let (kind, _) = KINDS
                .iter()
                .find(|(_, weight)| {
                    let hit = roll < *weight;
                    roll = roll.saturating_sub(*weight);
                    hit
                })
                .unwrap();
            let site = Files::read(root);
            let changes = match *kind {
                "text" => self.text(rng, &site, number),
                "title" => self.title(rng, &site, number),
                "tags" => self.tags(rng, &site, number),
                "date" => date(rng, &site, false),
                "add" => self.add(rng, &site, number),
                "delete" => remove(rng, &site, number),
                "figure" => figure(rng, &site),
                "front" => front(rng, &site, number),
                "setting" => setting(rng, &site),
                "template" => template(rng, &site, number, false),
                _ => self.mistake(rng, &site, number),
            };
            if let Some(changes) = changes {
                return Step {
                    what: (*kind).to_owned(),
                    changes,
                };
            }
        }
    }

    /// Whether `file` is the translation of a page into another language.
    fn is_translation(&self, file: &str) -> bool {
        self.translations
            .iter()
            .any(|lang| file.ends_with(&format!(".{lang}.md")))
    }

    /// New text in a page's body: a sentence, a heading, a link, a figure or a chart, or a line
    /// rewritten.
    fn text(&self, rng: &mut Rng, site: &Files, number: usize) -> Option<Vec<Change>> {
        let file = rng.pick(&site.pages)?.clone();
        let text = site.text(&file);
        let sentence = if self.is_translation(&file) {
            format!("第{number}次修改的文字。")
        } else {
            format!("Edited text {number}.")
        };
        let addition = match rng.below(6) {
            0 => format!("## Heading {number}"),
            1 => {
                let target = rng.pick(&site.pages)?;
                format!("[link {number}]({})", relative_link(&file, target))
            }
            2 => format!("{sentence} {{{{ fact {} }}}}", rng.pick(&self.figures)?),
            3 => format!("{{{{ chart {} }}}}", rng.pick(&self.charts)?),
            // A line may hold a heading another page links to, or a figure: they may go.
            4 => {
                let lines: Vec<&str> = body(&text)
                    .lines()
                    .filter(|l| !l.trim().is_empty() && text.matches(*l).count() == 1)
                    .collect();
                let line = rng.pick(&lines)?;
                return Some(vec![replace(&file, line, &sentence)]);
            }
            _ => sentence,
        };
        Some(vec![append(&file, &format!("\n{addition}\n"))])
    }

    /// A new title, in the front matter or in the first heading that stands for one.
    fn title(&self, rng: &mut Rng, site: &Files, number: usize) -> Option<Vec<Change>> {
        let file = rng.pick(&site.pages)?;
        let title = match rng.below(4) {
            _ if self.is_translation(file) => format!("标题{number}"),
            // Characters that need escaping in HTML, feeds and sitemaps.
            0 => format!("R&D <{number}> \"quoted\""),
            _ => format!("Title {number}"),
        };
        let text = site.text(file);
        let line = front_matter(&text)
            .lines()
            .find(|l| l.starts_with("title = "));
        let (from, to) = match line {
            Some(line) => (line, format!("title = {}", toml_string(&title))),
            None => (
                body(&text).lines().find(|l| l.starts_with("# "))?,
                format!("# {title}"),
            ),
        };
        (text.matches(from).count() == 1).then(|| vec![replace(file, from, &to)])
    }

    /// A page said to be about an industry (listed on its page, in its feed and among the
    /// related stories of the others about it) or a topic (listed on the topic's own page).
    fn tags(&self, rng: &mut Rng, site: &Files, number: usize) -> Option<Vec<Change>> {
        let file = rng.pick(&site.pages)?;
        let front = front_matter(&site.text(file)).to_owned();
        let line = if rng.chance(50) {
            let slug = rng.pick(&self.industries)?;
            format!("industries = [{}]", toml_string(slug))
        } else {
            format!("topics = [\"Topic {}\"]", number % 3)
        };
        let key = &line[..line.find(" =")?];
        let tagged = front.lines().any(|l| l.starts_with(key));
        (!front.is_empty() && !tagged)
            .then(|| vec![replace(file, "+++\n", &format!("+++\n{line}\n"))])
    }

    /// A new page in a section, maybe translated, maybe titled by its first heading; a
    /// translation of a page that had none; a page for an industry record; a missing section
    /// index; or a new section with a page in it.
    fn add(&self, rng: &mut Rng, site: &Files, number: usize) -> Option<Vec<Change>> {
        let page = |title: &str, dated: bool| {
            let date = if dated {
                format!("date = 2022-0{}-1{}\n", 1 + number % 9, number % 10)
            } else {
                String::new()
            };
            format!(
                "+++\ntitle = {}\n{date}+++\n\nPage {number}.\n",
                toml_string(title)
            )
        };
        match rng.below(12) {
            0 | 1 => {
                let folder = format!("content/topic-{number}");
                Some(vec![
                    write(
                        &format!("{folder}/_index.md"),
                        &page(&format!("Topic {number}"), false),
                    ),
                    write(&format!("{folder}/first.md"), &page("First", true)),
                ])
            }
            2 | 3 => {
                let lang = rng.pick(&self.translations)?;
                let untranslated: Vec<String> = site
                    .pages
                    .iter()
                    .filter(|f| !self.is_translation(f))
                    .map(|f| format!("{}.{lang}.md", f.trim_end_matches(".md")))
                    .filter(|t| !site.pages.contains(t))
                    .collect();
                let file = rng.pick(&untranslated)?;
                Some(vec![write(file, &page(&format!("译文{number}"), false))])
            }
            // Replaces the page zonesite makes for an industry record without one.
            4 => {
                let slug = rng.pick(&self.industries)?;
                let file = format!("content/industries/{slug}.md");
                (!site.pages.contains(&file))
                    .then(|| vec![write(&file, &page(&format!("Industry {number}"), false))])
            }
            5 => {
                let folder = rng.pick(&site.sections())?.clone();
                let text = format!("# Heading title {number}\n\nPage {number}.\n");
                Some(vec![write(&format!("{folder}headed-{number}.md"), &text)])
            }
            // Replaces the index zonesite makes for a folder without one (the home page).
            6 => {
                let folders: Vec<String> = site
                    .pages
                    .iter()
                    .map(|f| f[..=f.rfind('/').unwrap()].to_owned())
                    .filter(|folder| !site.pages.contains(&format!("{folder}_index.md")))
                    .collect();
                let folder = rng.pick(&folders)?;
                let file = format!("{folder}_index.md");
                Some(vec![write(&file, &page(&format!("Index {number}"), false))])
            }
            _ => {
                let folder = rng.pick(&site.sections())?.clone();
                let file = format!("{folder}added-{number}.md");
                let mut changes = vec![write(
                    &file,
                    &page(&format!("Added {number}"), rng.chance(50)),
                )];
                if let Some(lang) = rng.pick(&self.translations).filter(|_| rng.chance(50)) {
                    let translation = format!("{folder}added-{number}.{lang}.md");
                    changes.push(write(&translation, &page(&format!("新页{number}"), false)));
                }
                Some(changes)
            }
        }
    }

    /// A mistake that stops the build: a broken link, an unknown figure, an impossible date, an
    /// unquoted title, or an unknown variable in a template.
    fn mistake(&self, rng: &mut Rng, site: &Files, number: usize) -> Option<Vec<Change>> {
        let file = rng.pick(&site.pages)?;
        match rng.below(5) {
            0 => Some(vec![append(
                file,
                &format!("\n[gone](no-such-page-{number}.md)\n"),
            )]),
            1 => Some(vec![append(
                file,
                &format!("\n{{{{ fact no_such_id_{number} }}}}\n"),
            )]),
            2 => date(rng, site, true),
            3 => {
                let text = site.text(file);
                let line = front_matter(&text)
                    .lines()
                    .find(|l| l.starts_with("title = "))?;
                Some(vec![replace(
                    file,
                    line,
                    &format!("title = Unquoted {number}"),
                )])
            }
            _ => template(rng, site, number, true),
        }
    }
}

/// A new or changed date on a page (not a section): often one another page has too, so that
/// listings must break ties; impossible when `mistake`.
fn date(rng: &mut Rng, site: &Files, mistake: bool) -> Option<Vec<Change>> {
    let file = &rng.pick(&site.leaves())?.clone();
    let day = if mistake {
        "2021-02-30".to_owned()
    } else {
        format!(
            "{}-0{}-0{}",
            2020 + rng.below(4),
            1 + rng.below(3),
            1 + rng.below(3)
        )
    };
    let text = site.text(file);
    let line = format!("date = {day}");
    let matter = front_matter(&text);
    Some(vec![
        match matter.lines().find(|l| l.starts_with("date = ")) {
            Some(old) => replace(file, old, &line),
            None if !matter.is_empty() => replace(file, "+++\n", &format!("+++\n{line}\n")),
            // A page titled by its first heading gets a front matter of its own.
            None => write(file, &format!("+++\n{line}\n+++\n\n{text}")),
        },
    ])
}

/// A page deleted, or renamed (as the watcher sees a rename: one file gone, one new), or now and
/// then a section's index deleted.
fn remove(rng: &mut Rng, site: &Files, number: usize) -> Option<Vec<Change>> {
    let candidates = if rng.chance(20) {
        site.pages.clone()
    } else {
        site.leaves()
    };
    let file = rng.pick(&candidates)?;
    let mut changes = vec![delete(file)];
    if rng.chance(30) && !file.ends_with("_index.md") {
        let folder = &file[..=file.rfind('/').unwrap()];
        changes.push(write(
            &format!("{folder}renamed-{number}.md"),
            &site.text(file),
        ));
    }
    Some(changes)
}

/// A page's description or weight (its place in menus and lists) set, or changed.
fn front(rng: &mut Rng, site: &Files, number: usize) -> Option<Vec<Change>> {
    let file = rng.pick(&site.pages)?;
    let text = site.text(file);
    let line = if rng.chance(50) {
        format!("description = \"Described {number}.\"")
    } else {
        format!("weight = {}", rng.below(5))
    };
    let key = &line[..line.find(" =")?];
    let matter = front_matter(&text);
    if matter.is_empty() {
        return None;
    }
    Some(vec![match matter.lines().find(|l| l.starts_with(key)) {
        Some(old) if text.matches(old).count() == 1 => replace(file, old, &line),
        Some(_) => return None,
        None => replace(file, "+++\n", &format!("+++\n{line}\n")),
    }])
}

/// A setting every page reads: how many pages a listing page shows.
fn setting(rng: &mut Rng, site: &Files) -> Option<Vec<Change>> {
    let config = site.text("site.toml");
    let line = format!("paginate_by = {}", 1 + rng.below(3));
    Some(vec![
        match config.lines().find(|l| l.starts_with("paginate_by = ")) {
            Some(old) => replace("site.toml", old, &line),
            None => replace("site.toml", "[site]\n", &format!("[site]\n{line}\n")),
        },
    ])
}

/// A figure's `value = <number>` in site.toml set to another number.
fn figure(rng: &mut Rng, site: &Files) -> Option<Vec<Change>> {
    let config = site.text("site.toml");
    let values: Vec<&str> = config
        .match_indices("value = ")
        .filter_map(|(at, key)| {
            let start = at + key.len();
            let digits = config[start..]
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .unwrap_or(config.len() - start);
            // The character after the number too, so that `value = 1` is not `value = 12`.
            (digits > 0).then(|| &config[at..(start + digits + 1).min(config.len())])
        })
        .collect();
    // Now and then a figure's label: the words a tile or a table shows beside it.
    if rng.chance(25)
        && let Some((at, _)) = config.match_indices("label = \"").nth(rng.below(4))
    {
        let from = &config[at..at + "label = \"".len()];
        return Some(vec![replace("site.toml", from, "label = \"Edited ")]);
    }
    let from = *rng.pick(&values)?;
    let end = &from[from.trim_end_matches(|c: char| !c.is_ascii_digit()).len()..];
    let number = if rng.chance(50) {
        rng.below(100_000).to_string()
    } else {
        format!("{}.{}", rng.below(1000), 1 + rng.below(99))
    };
    Some(vec![replace(
        "site.toml",
        from,
        &format!("value = {number}{end}"),
    )])
}

/// Visible new markup in a template the site overrides, or, as a mistake, a variable no
/// template has; nothing when the site overrides no template.
fn template(rng: &mut Rng, site: &Files, number: usize, mistake: bool) -> Option<Vec<Change>> {
    let file = rng.pick(&site.templates)?;
    let markup = if mistake {
        format!("{{{{ no_such_variable_{number} }}}}")
    } else if rng.chance(50) {
        // Site-wide values a template may start to show: the pages that use it now read them.
        format!(
            "<p class=\"edit-{number}\">{{{{ latest | length }}}} {{{{ facts.figures | length }}}}</p>"
        )
    } else {
        format!("<p class=\"edit-{number}\">Edit {number}</p>")
    };
    let text = site.text(file);
    // Inside a block: a child template ignores what stands outside its blocks.
    Some(vec![if text.contains("{% endblock") {
        replace(file, "{% endblock", &format!("{markup}{{% endblock"))
    } else {
        append(file, &markup)
    }])
}

/// The site's files as they are on disk now, by path relative to the site folder.
struct Files<'a> {
    root: &'a Path,
    /// Markdown files under content/, in name order.
    pages: Vec<String>,
    /// Files under templates/.
    templates: Vec<String>,
}

impl<'a> Files<'a> {
    /// Lists the pages and templates of the site at `root`.
    fn read(root: &'a Path) -> Files<'a> {
        let list = |folder: &str| -> Vec<String> {
            walkdir::WalkDir::new(root.join(folder))
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let rel = e.path().strip_prefix(root).unwrap();
                    rel.to_string_lossy().replace('\\', "/")
                })
                .collect()
        };
        Files {
            root,
            pages: list("content")
                .into_iter()
                .filter(|f| f.ends_with(".md"))
                .collect(),
            templates: list("templates"),
        }
    }

    /// The text of `file`.
    fn text(&self, file: &str) -> String {
        std::fs::read_to_string(self.root.join(file)).unwrap()
    }

    /// Pages that are not a section's index.
    fn leaves(&self) -> Vec<String> {
        self.pages
            .iter()
            .filter(|f| !f.rsplit('/').next().unwrap().starts_with("_index."))
            .cloned()
            .collect()
    }

    /// The folders new pages can go in, ending in `/`: content/ and every folder with an index.
    fn sections(&self) -> Vec<String> {
        let mut folders = vec!["content/".to_owned()];
        for file in &self.pages {
            if let Some(folder) = file.strip_suffix("_index.md")
                && !folders.iter().any(|f| f == folder)
            {
                folders.push(folder.to_owned());
            }
        }
        folders
    }
}

/// The front matter of a page, without its `+++` lines; empty when it has none.
fn front_matter(text: &str) -> &str {
    text.strip_prefix("+++\n")
        .and_then(|rest| rest.find("+++").map(|end| &rest[..end]))
        .unwrap_or("")
}

/// A page's text below its front matter.
fn body(text: &str) -> &str {
    text.strip_prefix("+++\n")
        .and_then(|rest| rest.find("\n+++").map(|end| &rest[end + 4..]))
        .unwrap_or(text)
}

/// The value of `key = "value"`, if `line` is that.
fn quoted_value(line: &str, key: &str) -> Option<String> {
    let value = line
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    Some(value.strip_prefix('"')?.strip_suffix('"')?.to_owned())
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A link from content file `from` to content file `to`, both `content/...`, as an editor writes
/// it: relative to the linking page's folder.
fn relative_link(from: &str, to: &str) -> String {
    let depth = from.matches('/').count() - 1;
    format!(
        "{}{}",
        "../".repeat(depth),
        to.strip_prefix("content/").unwrap()
    )
}
