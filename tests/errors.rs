//! Every kind of input error prints one pinned, plain-words message with file:line:col.

mod common;

fn check(case: &str, expected: &str) {
    let site = common::fixture("errors", case);
    assert_eq!(common::errors(site.path()), expected, "case {case}");
}

#[test]
fn broken_anchor() {
    check(
        "broken_anchor",
        r#"error[anchor-broken]: broken link: content/profile.md has no heading with the id `histroy`
  --> content/_index.md:5:10
  |
5 | Read the [history](profile.md#histroy).
  |          ^
  = hint: did you mean `#history`?
"#,
    );
}

#[test]
fn broken_link() {
    check(
        "broken_link",
        r#"error[link-broken]: broken link: there is no content/statistic.md
  --> content/profile.md:7:9
  |
7 | See the [statistics](statistic.md) and [home](_index.md).
  |         ^
  = hint: link to a markdown file under content/, relative to this page, for example [profile](profile.md)
"#,
    );
}

#[test]
fn extends_cycle() {
    check(
        "extends_cycle",
        r#"error[template-extends-circle]: templates extend each other in a circle: base.html -> page.html -> base.html
  --> templates/base.html
  = hint: one template in the circle must stop using {% extends %}
"#,
    );
}

#[test]
fn front_matter_bad_date() {
    check(
        "front_matter_bad_date",
        r#"error[toml-bad-date]: there is no month 13
  --> content/profile.md:3:8
  |
3 | date = 2021-13-45
  |        ^
  = hint: a date is written year-month-day, the month from 01 to 12: check the date in your source
"#,
    );
}

#[test]
fn front_matter_quoted_date() {
    check(
        "front_matter_quoted_date",
        r#"error[toml-wrong-type]: this value should be a date, but it is the text "13 April 2021"
  --> content/profile.md:3:8
  |
3 | date = "13 April 2021"
  |        ^
  = hint: a date is written year-month-day without quotes: date = 2021-04-13 (13 April 2021)
"#,
    );
}

#[test]
fn front_matter_syntax() {
    check(
        "front_matter_syntax",
        r#"error[toml-syntax]: this text is not in double quotes
  --> content/profile.md:2:9
  |
2 | title = Profile
  |         ^
  = hint: text goes in "double quotes": title = "Profile"
"#,
    );
}

#[test]
fn front_matter_unknown_key() {
    check(
        "front_matter_unknown_key",
        r#"error[toml-unknown-key]: unknown key `titel` in the front matter
  --> content/profile.md:2:1
  |
2 | titel = "Profile"
  | ^
  = hint: did you mean `title`?
"#,
    );
}

#[test]
fn include_cycle() {
    check(
        "include_cycle",
        r#"error[template-includes-circle]: templates include each other in a circle: page.html -> partials/a.html -> partials/b.html -> partials/a.html
  --> templates/partials/a.html
  = hint: one template in the circle must stop using {% include %}
"#,
    );
}

#[test]
fn menu_target() {
    check(
        "menu_target",
        r#"error[menu-target-missing]: the menu entry leads to `profil.md`, but there is no such file in content/
  --> site.toml:7:10
  |
7 | target = "profil.md"
  |          ^
  = hint: did you mean `profile.md`?
"#,
    );
}

#[test]
fn missing_image() {
    check(
        "missing_image",
        r#"error[picture-missing]: picture not found: `robots.png` (looked for content/robots.png)
  --> content/profile.md:5:1
  |
5 | ![Robots at a fair](robots.png)
  | ^
  = hint: put the picture beside the page and write its file name, or put it in static/ and write its path with a leading slash, for example /images/robots.png
"#,
    );
}

#[test]
fn missing_template() {
    check(
        "missing_template",
        r#"error[template-missing]: there is no template `profle.html`
  --> content/profile.md:3:8
  |
3 | template = "profle.html"
  |        ^
  = hint: did you mean `profile.html`?
"#,
    );
}

#[test]
fn same_url() {
    check(
        "same_url",
        r#"error[url-collision]: this page would be published at /profile/, which content/profile/_index.md already uses
  --> content/profile.md:1:1
  |
1 | +++
  | ^
  = hint: rename one of the two files, or give one a different `slug` in its front matter
"#,
    );
}

#[test]
fn site_toml_syntax() {
    check(
        "site_toml_syntax",
        r#"error[toml-syntax]: this text has no closing quote
  --> site.toml:2:19
  |
2 | title = "Test Zone
  |                   ^
  = hint: add the closing quote at its end: title = "Test Zone"
"#,
    );
}

#[test]
fn site_toml_unknown_key() {
    check(
        "site_toml_unknown_key",
        r#"error[toml-unknown-key]: unknown key `paginte_by` in [site]
  --> site.toml:4:1
  |
4 | paginte_by = 10
  | ^
  = hint: did you mean `paginate_by`?
"#,
    );
}

#[test]
fn site_toml_wrong_type() {
    check(
        "site_toml_wrong_type",
        r#"error[toml-wrong-type]: this value should be a whole number, zero or more, but it is the text "ten"
  --> site.toml:4:15
  |
4 | paginate_by = "ten"
  |               ^
  = hint: write the number without quotes, for example: paginate_by = 10
"#,
    );
}

#[test]
fn template_syntax() {
    check(
        "template_syntax",
        r#"error[template-error]: template problem: Found `}` but expected }}.
  --> templates/page.html:3:19
  |
3 | <h1>{{ page.title }</h1>
  |                   ^
"#,
    );
}

#[test]
fn unknown_figure_ref() {
    check(
        "unknown_figure_ref",
        r#"error[reference-unknown]: unknown figure `companis`
  --> site.toml:22:11
   |
22 | part_of = "companis"
   |           ^
  = hint: did you mean `companies`?
"#,
    );
}

#[test]
fn template_render_error() {
    check(
        "template_render_error",
        r#"error[template-error]: template problem: Invalid type for the value, expected `string` but got `undefined`
  --> templates/page.html:4:7
  |
4 | <p>{{ page.subtitle | upper }}</p>
  |       ^
  = hint: this value does not exist for every page: check its spelling, or show it only when present with {% if ... %}
"#,
    );
}

#[test]
fn front_matter_wrong_type() {
    check(
        "front_matter_wrong_type",
        r#"error[toml-wrong-type]: this value should be a whole number, but it is the text "high"
  --> content/profile.md:3:10
  |
3 | weight = "high"
  |          ^
  = hint: write the number without quotes, for example: weight = 10
"#,
    );
}

#[test]
fn front_matter_unclosed() {
    check(
        "front_matter_unclosed",
        r#"error[front-matter-unclosed]: the front matter that starts here is never closed
  --> content/profile.md:1:1
  |
1 | +++
  | ^
  = hint: add a line with only +++ after the last front matter key
"#,
    );
}

#[test]
fn no_title() {
    check(
        "no_title",
        r#"error[page-no-title]: this page has no title
  --> content/profile.md
  = hint: add `title = "..."` between the +++ lines at the top, or start the text with a line like `# My title`
"#,
    );
}

#[test]
fn bad_base_url() {
    check(
        "bad_base_url",
        r#"error[base-url-invalid]: the base URL must start with http:// or https://
  --> site.toml:3:12
  |
3 | base_url = "example.org"
  |            ^
  = hint: for example: base_url = "https://example.org/"
"#,
    );
}

#[test]
fn duplicate_figure_id() {
    check(
        "duplicate_figure_id",
        r#"error[id-duplicate]: the figure id `companies` is used twice
  --> site.toml:18:6
   |
18 | id = "companies"
   |      ^
  = hint: every id must be different; rename one of them
"#,
    );
}

#[test]
fn all_problems_are_reported_at_once_in_file_order() {
    let site = common::fixture("errors", "broken_link");
    std::fs::write(
        site.path().join("content/_index.md"),
        "+++\ntitel = \"Home\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/zebra.md"),
        "# Zebra\n\n[x](nowhere.md)\n",
    )
    .unwrap();
    let report = common::errors(site.path());
    let headlines: Vec<&str> = report.lines().filter(|l| l.starts_with("  --> ")).collect();
    assert_eq!(
        headlines,
        [
            "  --> content/_index.md:2:1",
            "  --> content/profile.md:7:9",
            "  --> content/zebra.md:3:1",
        ]
    );
}
