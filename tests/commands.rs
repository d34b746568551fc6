//! `init`, `new` and `check` end to end, as an editor runs them: the real binary on fixture sites,
//! every message pinned.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

fn zonesite(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("zonesite runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts that `output` opens with `report`: a failing command's report may be followed by a
/// pointer to where its code is explained.
fn assert_starts(output: &str, report: &str) {
    assert!(
        output.starts_with(report),
        "expected to start with:\n{report}\ngot:\n{output}"
    );
}

#[test]
fn init_starts_a_site_that_builds_and_lists_its_placeholders() {
    let dir = TempDir::new().unwrap();
    let run = zonesite(&["init", "my-zone"], dir.path());
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).starts_with("Started a zone site in my-zone (13 files written).\n"));
    let site = dir.path().join("my-zone");
    let built = zonesite(&["build"], &site);
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert!(site.join("public/statistics/index.html").exists());
    assert!(site.join("public/accessibility/index.html").exists());
    // `check` names exactly the examples still to replace; --strict turns them into a failure.
    assert_eq!(
        zonesite::diagnostic::render_all(&zonesite::check(
            &site,
            5,
            zonesite::OutsideLinks::Refuse,
            Default::default()
        )),
        r#"warning[page-placeholder]: this page is a placeholder: its text is an example
  --> content/_index.md
  = hint: write the real text, then delete the line `placeholder = true` from the front matter

warning[page-placeholder]: this page is a placeholder: its text is an example
  --> content/industries/_index.md
  = hint: write the real text, then delete the line `placeholder = true` from the front matter

warning[page-placeholder]: this page is a placeholder: its text is an example
  --> content/industries/example-industry.md
  = hint: write the real text, then delete the line `placeholder = true` from the front matter

warning[example-text]: this description is the example `zonesite init` wrote
  --> content/news/_index.md:3:15
  |
3 | description = "News from the Example Zone."
  |               ^
  = hint: replace this example text with one sentence about this page, for lists, search engines and the news feed

warning[page-placeholder]: this page is a placeholder: its text is an example
  --> content/news/first-story.md
  = hint: write the real text, then delete the line `placeholder = true` from the front matter

warning[page-placeholder]: this page is a placeholder: its text is an example
  --> content/profile.md
  = hint: write the real text, then delete the line `placeholder = true` from the front matter

warning[example-text]: this description is the example `zonesite init` wrote
  --> content/statistics.md:3:15
  |
3 | description = "The Example Zone in figures, with sources."
  |               ^
  = hint: replace this example text with one sentence about this page, for lists, search engines and the news feed

warning[example-text]: this paragraph is the example text `zonesite init` wrote: readers would see it as it is
  --> content/statistics.md:7:1
  |
7 | Every number on this page comes from the fact sheet in site.toml.
  | ^
  = hint: replace this example text with your own words, or delete it

warning[example-text]: this paragraph is the example text `zonesite init` wrote: readers would see it as it is
  --> content/statistics.md:11:1
   |
11 | {{ fact research_institutions }} research institutions work in the zone.
   | ^
  = hint: replace this example text with your own words, or delete it

warning[example-text]: this paragraph is the example text `zonesite init` wrote: readers would see it as it is
  --> content/statistics.md:17:1
   |
17 | The zone is home to {{ fact companies with source }} companies.
   | ^
  = hint: replace this example text with your own words, or delete it

warning[base-url-example]: base_url is still the example address https://example.org/: links in the sitemap, feed and search results would lead there
  --> site.toml
  = hint: write the address the site will be published at, for example base_url = "https://www.your-zone.gov.cn/"

warning[fact-placeholder]: the [zone] table is a placeholder: its name and location are examples
  --> site.toml
  = hint: write the zone's real names and location, then delete the line `placeholder = true`

warning[example-text]: [site] title is still the example `zonesite init` wrote: "Example Zone"
  --> site.toml:16:9
   |
16 | title = "Example Zone"
   |         ^
  = hint: replace this example text with your zone's real title

warning[example-text]: [site] description is still the example `zonesite init` wrote: "Facts and figures on the Example Zone: research, industry and news."
  --> site.toml:18:15
   |
18 | description = "Facts and figures on the Example Zone: research, industry and news."
   |               ^
  = hint: replace this example text with your zone's real description

warning[fact-placeholder]: source `main_source` is a placeholder, not a real publication
  --> site.toml:69:1
   |
69 | [[sources]]
   | ^
  = hint: write the real publisher, title and date, then delete the line `placeholder = true`

warning[fact-placeholder]: figure `companies` is a placeholder, not a real number
  --> site.toml:95:1
   |
95 | [[figures]]
   | ^
  = hint: write the real value, period and source, then delete the line `placeholder = true`

warning[fact-placeholder]: figure `research_institutions` is a placeholder, not a real number
  --> site.toml:103:1
    |
103 | [[figures]]
    | ^
  = hint: write the real value, period and source, then delete the line `placeholder = true`

warning[fact-placeholder]: figure `key_laboratories` is a placeholder, not a real number
  --> site.toml:111:1
    |
111 | [[figures]]
    | ^
  = hint: write the real value, period and source, then delete the line `placeholder = true`

warning[fact-placeholder]: figure `innovation_centres` is a placeholder, not a real number
  --> site.toml:119:1
    |
119 | [[figures]]
    | ^
  = hint: write the real value, period and source, then delete the line `placeholder = true`

warning[fact-placeholder]: the chart `research_base` is a placeholder, an example to replace
  --> site.toml:132:1
    |
132 | [[charts]]
    | ^
  = hint: write the real one (or delete it), then delete the line `placeholder = true`

warning[fact-placeholder]: the plan `development_plan` is a placeholder, an example to replace
  --> site.toml:140:1
    |
140 | [[plans]]
    | ^
  = hint: write the real one (or delete it), then delete the line `placeholder = true`

warning[fact-placeholder]: the industry `example-industry` is a placeholder, an example to replace
  --> site.toml:152:1
    |
152 | [[industries]]
    | ^
  = hint: write the real one (or delete it), then delete the line `placeholder = true`

warning[fact-placeholder]: the contact details are placeholders, not the office's real ones
  --> site.toml:161:1
    |
161 | [contact]
    | ^
  = hint: write the real office, address, phone and email, then delete the line `placeholder = true`
"#
    );
    let strict = zonesite(&["check", "--strict"], &site);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        text(&strict.stderr).contains(
            "Checked: 0 errors, 23 warnings; --strict: fix the warnings before publishing."
        )
    );
    assert_eq!(zonesite(&["check"], &site).status.code(), Some(0));
}

#[test]
fn init_refuses_a_folder_with_files() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let run = zonesite(&["init", "."], dir.path());
    assert_eq!(run.status.code(), Some(1));
    assert_starts(
        &text(&run.stderr),
        &format!(
            "error[init-not-empty]: {} is not empty, so no site was started there\n  = hint: choose a new or empty folder, or add --force to use this one (no existing file is overwritten)\n",
            Path::new(".").display()
        ),
    );
    // With --force it starts the site and leaves the editor's files alone.
    std::fs::write(dir.path().join("README.md"), "my own readme").unwrap();
    let forced = zonesite(&["init", ".", "--force"], dir.path());
    assert!(forced.status.success());
    assert_eq!(text(&forced.stderr), "kept README.md as it was\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "my own readme"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn new_pages_come_with_their_front_matter_and_address() {
    let site = common::fixture("facts", "base");
    let root = site.path();
    let today = zonesite::locale::date::Day {
        year: 2024,
        month: 5,
        day: 6,
    };
    let page =
        zonesite::scaffold::new_page::new_page(root, "news/2024-annual-results", None, today)
            .unwrap();
    assert_eq!(page.file, Path::new("content/news/2024-annual-results.md"));
    assert_eq!(
        page.address.map(|a| a.published).as_deref(),
        Some("https://example.org/news/2024-annual-results/")
    );
    assert_eq!(
        std::fs::read_to_string(root.join(&page.file)).unwrap(),
        "+++\ntitle = \"2024 annual results\"\n# description = \"One sentence for lists, search engines and the news feed.\"\ndate = 2024-05-06\n# What the story is about: delete the # in front of a line to use it (ids from site.toml).\n# industries = [\"robotics\"]\n# topics = [\"...\"]\n+++\n\nWrite the text here. Quote figures from site.toml by their id, like `{{ fact research_institutions }}`\n(without the backticks), never by typing the number.\n"
    );
    // It builds as it is, and with its tags in use.
    zonesite::generate(root, None, false).expect("the new page builds");
    common::edit(
        root,
        &[
            (
                "content/news/2024-annual-results.md",
                "# industries",
                "industries",
            ),
            (
                "content/news/2024-annual-results.md",
                "# topics = [\"...\"]",
                "topics = [\"Results\"]",
            ),
        ],
    );
    zonesite::generate(root, None, false).expect("the new page builds with its tags");

    // An existing page is never overwritten.
    let again = zonesite(&["new", "news/2024-annual-results"], root);
    assert_eq!(again.status.code(), Some(1));
    assert_starts(
        &text(&again.stderr),
        "error[new-page-exists]: content/news/2024-annual-results.md exists already; nothing was changed\n  = hint: open that file to edit it, or give the new page another name\n",
    );
}

#[test]
fn a_new_industry_gets_its_record_and_site_toml_keeps_every_byte() {
    let site = common::fixture("facts", "base");
    let root = site.path();
    let before = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let run = zonesite(&["new", "industries/smart-logistics"], root);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        format!(
            "Created {}\nIt will be published at https://example.org/industries/smart-logistics/\nTo preview it, run `zonesite serve` and open http://127.0.0.1:1111/industries/smart-logistics/ (with --port, at that port)\nAdded its industry record to site.toml: check its name there.\n",
            Path::new(".")
                .join("content/industries/smart-logistics.md")
                .display()
        )
    );
    let after = std::fs::read_to_string(root.join("site.toml")).unwrap();
    assert!(after.starts_with(&before), "the old text is untouched");
    assert_eq!(
        after[before.len()..],
        format!(
            "\n# Added by `zonesite new`: check the name, and add `plan` and `summary` if you have them.\n# Say where its facts come from: list the publication under [[sources]], then write its id\n# here as source = \"<source id>\". Until then `zonesite check` warns.\n[[industries]]\nslug = \"smart-logistics\"\nname = \"Smart logistics\"\nadded = {}\n",
            zonesite::locale::date::Day::today().iso()
        )
    );
    zonesite::generate(root, None, false).expect("the site builds with the new industry");
}

#[test]
fn new_translations_and_wrong_paths() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let run = zonesite(&["new", "untranslated", "--lang", "zh"], root);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout)
            .contains("It will be published at https://example.org/zone/zh/untranslated/")
    );
    assert!(root.join("content/untranslated.zh.md").exists());
    let unknown = zonesite(&["new", "x", "--lang", "fr"], root);
    assert_starts(
        &text(&unknown.stderr),
        "error[new-unknown-language]: the site has no language `fr` besides its default one\n  = hint: its other languages are: zh\n",
    );
    let outside = zonesite(&["new", "../escape"], root);
    assert_starts(
        &text(&outside.stderr),
        "error[new-bad-path]: `../escape` is not the path of a page inside content/\n  = hint: name the page by its path under content/, like news/2021-annual-results or industries/smart-logistics\n",
    );
}

#[test]
fn check_finds_what_a_reviewer_would() {
    let site = common::fixture("review", "base");
    let root = site.path();
    assert_eq!(
        zonesite::diagnostic::render_all(&zonesite::check(
            root,
            5,
            zonesite::OutsideLinks::Refuse,
            Default::default()
        )),
        r#"warning[page-empty]: this page has no text
  --> content/empty.md
  = hint: write its text below the front matter, or mark it `draft = true` until it is ready

warning[page-unreachable]: no link leads to this page: not the menu, a section's list or another page
  --> content/orphan.md
  = hint: add it to [[menu]] in site.toml, or link to it from another page: [its title](path/to/page.md)

warning[picture-no-description]: this picture has no description (alt text) for people who cannot see it
  --> content/pictures.md:5:1
  |
5 | ![](logo.svg)
  | ^
  = hint: say what the picture shows between the brackets, for example ![Robots at a trade fair](robots.jpg)

warning[heading-skips-level]: this heading jumps from level 2 to level 4
  --> content/pictures.md:9:1
  |
9 | #### Too deep
  | ^
  = hint: screen readers use levels to outline the page: write ### here, or add the missing level above it

warning[base-url-example]: base_url is still the example address https://example.org/: links in the sitemap, feed and search results would lead there
  --> site.toml
  = hint: write the address the site will be published at, for example base_url = "https://www.your-zone.gov.cn/"

warning[figure-stale]: figure `old_count` is from 2012, 9 years older than the newest figures (2021)
  --> site.toml:23:1
   |
23 | [[figures]]
   | ^
  = hint: update it from a newer source, or remove it if there is no newer number
"#
    );
    // Nothing was written.
    assert!(!root.join("public").exists());
    // For tools: one JSON array, and no colour when the output is not a terminal.
    let json = zonesite(&["check", "--format", "json"], root);
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 6);
    assert_eq!(list[2]["file"], "content/pictures.md");
    assert_eq!(list[2]["line"], 5);
    assert_eq!(list[2]["severity"], "warning");
    let piped = zonesite(&["check"], root);
    assert!(!text(&piped.stderr).contains('\u{1b}'));
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(
        zonesite(&["check", "--strict"], root).status.code(),
        Some(1)
    );
}

#[test]
fn check_fails_on_errors_and_says_so() {
    let site = common::fixture("facts", "base");
    let root = site.path();
    common::edit(
        root,
        &[("content/_index.md", "{{ fact firms }}", "{{ fact frims }}")],
    );
    let run = zonesite(&["check"], root);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr)
            .contains("error[fact-unknown]: unknown fact `frims`\n  --> content/_index.md:5:17\n")
    );
    assert!(text(&run.stderr).contains("Checked: 1 error, "));
}

#[test]
fn check_and_build_say_what_went_unchecked_while_site_toml_cannot_be_read() {
    let site = common::fixture("facts", "base");
    let root = site.path();
    std::fs::write(
        root.join("site.toml"),
        std::fs::read_to_string(root.join("site.toml")).unwrap() + "\nbroken = \n",
    )
    .unwrap();
    let note = " Facts, charts, menus and languages were not checked, because site.toml could not be read: fix it first, then check again.\n";
    let checked = text(&zonesite(&["check"], root).stderr);
    assert!(
        checked.ends_with(&format!(
            "Checked: 1 error, 0 warnings; fix the errors before publishing.{note}"
        )),
        "{checked}"
    );
    let built = text(&zonesite(&["build"], root).stderr);
    assert!(
        built.ends_with(&format!(
            "Build failed: 1 error found; nothing was written.{note}"
        )),
        "{built}"
    );
}

#[test]
fn every_command_explains_itself_with_examples() {
    let dir = TempDir::new().unwrap();
    for command in ["build", "serve", "check", "init", "new"] {
        let help = zonesite(&[command, "--help"], dir.path());
        assert!(help.status.success());
        assert!(
            text(&help.stdout).contains("Examples:"),
            "{command} --help has no examples"
        );
    }
}

#[test]
fn new_and_init_refuse_what_would_go_wrong() {
    let nowhere = TempDir::new().unwrap();
    let run = zonesite(&["new", "industries/robots"], nowhere.path());
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stderr).starts_with("error[new-no-site]: there is no usable site.toml in"));
    assert!(!nowhere.path().join("site.toml").exists() && !nowhere.path().join("content").exists());

    let site = common::fixture("i18n", "base");
    let root = site.path();
    // A folder's name means its section page, which exists already.
    let section = zonesite(&["new", "news/"], root);
    assert_starts(
        &text(&section.stderr),
        "error[new-page-exists]: content/news/_index.md exists already; nothing was changed\n  = hint: open that file to edit it, or give the new page another name\n",
    );
    // A translation takes its date from the default-language page.
    std::fs::write(
        root.join("content/news/later.md"),
        "+++\ntitle = \"Later\"\ndate = 2022-04-01\n+++\n\nText.\n",
    )
    .unwrap();
    assert!(
        zonesite(&["new", "news/later", "--lang", "zh"], root)
            .status
            .success()
    );
    let zh = std::fs::read_to_string(root.join("content/news/later.zh.md")).unwrap();
    assert!(!zh.contains("date ="), "{zh}");
    // init never starts a second site over an existing one.
    let over = zonesite(&["init", ".", "--force"], root);
    assert_eq!(over.status.code(), Some(1));
    assert!(text(&over.stderr).contains("already holds a site (it has a site.toml)"));
}

#[test]
fn new_gives_the_preview_address_while_serve_runs() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let cache = TempDir::new().unwrap();
    let server = common::server::Server::start_in(root, &[], cache.path());
    let new = |name: &str| {
        Command::new(env!("CARGO_BIN_EXE_zonesite"))
            .args(["new", name])
            .current_dir(root)
            .env("ZONESITE_CACHE_DIR", cache.path())
            .output()
            .expect("zonesite runs")
    };
    let run = new("news/robot-fair");
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        format!(
            "Created {}\nIt will be published at https://example.org/zone/news/robot-fair/\nPreview it at http://{}/zone/news/robot-fair/ (the preview that is running shows each save)\n",
            Path::new(".").join("content/news/robot-fair.md").display(),
            server.host
        )
    );
    // Stopped, the preview's note is left behind, but nothing answers at its address any more.
    drop(server);
    let run = new("news/robot-fair-2");
    assert!(
        text(&run.stdout).ends_with("To preview it, run `zonesite serve` and open http://127.0.0.1:1111/zone/news/robot-fair-2/ (with --port, at that port)\n"),
        "{}",
        text(&run.stdout)
    );
}
