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
        r#"error: broken link: content/profile.md has no heading with the id `histroy`
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
        r#"error: broken link: there is no content/statistic.md
  --> content/profile.md:7:9
  |
7 | See the [statistics](statistic.md) and [home](_index.md).
  |         ^
  = hint: link to a markdown file under content/, relative to this page, for example [profile](../profile.md)
"#,
    );
}

#[test]
fn extends_cycle() {
    check(
        "extends_cycle",
        r#"error: templates extend each other in a circle: base.html -> page.html -> base.html
  --> templates/base.html
  = hint: one template in the circle must stop using {% extends %}
"#,
    );
}

#[test]
fn front_matter_bad_date() {
    check(
        "front_matter_bad_date",
        r#"error: this is not a valid date: invalid date, expected month between 01 and 12
  --> content/profile.md:3:8
  |
3 | date = 2021-13-45
  |        ^
  = hint: write the date without quotes, for example: date = 2021-04-13
"#,
    );
}

#[test]
fn front_matter_quoted_date() {
    check(
        "front_matter_quoted_date",
        r#"error: this value should be a date, but it is the text "13 April 2021"
  --> content/profile.md:3:8
  |
3 | date = "13 April 2021"
  |        ^
  = hint: write the date without quotes, for example: date = 2021-04-13
"#,
    );
}

#[test]
fn front_matter_syntax() {
    check(
        "front_matter_syntax",
        r#"error: the front matter is not valid TOML: string values must be quoted, expected literal string
  --> content/profile.md:2:9
  |
2 | title = Profile
  |         ^
  = hint: check this line for a missing quote, `=` or closing bracket; text values go in "double quotes"
"#,
    );
}

#[test]
fn front_matter_unknown_key() {
    check(
        "front_matter_unknown_key",
        r#"error: unknown key `titel` in the front matter
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
        r#"error: templates include each other in a circle: page.html -> partials/a.html -> partials/b.html -> partials/a.html
  --> templates/partials/a.html
  = hint: one template in the circle must stop using {% include %}
"#,
    );
}

#[test]
fn menu_target() {
    check(
        "menu_target",
        r#"error: the menu entry leads to `profil.md`, but there is no such file in content/
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
        r#"error: picture not found: `robots.png` (looked for content/robots.png)
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
        r#"error: there is no template `profle.html`
  --> content/profile.md:3:8
  |
3 | template = "profle.html"
  |        ^
  = hint: create templates/profle.html, or use one of: 404.html, base.html, home.html, page.html, parks.html, partials/listing.html, section.html, statistics.html
"#,
    );
}

#[test]
fn same_url() {
    check(
        "same_url",
        r#"error: this page would be published at /profile/, which content/profile/_index.md already uses
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
        r#"error: site.toml is not valid TOML: invalid basic string, expected `"`
  --> site.toml:2:19
  |
2 | title = "Test Zone
  |                   ^
  = hint: check this line for a missing quote, `=` or closing bracket; text values go in "double quotes"
"#,
    );
}

#[test]
fn site_toml_unknown_key() {
    check(
        "site_toml_unknown_key",
        r#"error: unknown key `paginte_by` in site.toml
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
        r#"error: this value should be a whole number, zero or more, but it is the text "ten"
  --> site.toml:4:15
  |
4 | paginate_by = "ten"
  |               ^
  = hint: write the number without quotes, for example: weight = 10
"#,
    );
}

#[test]
fn template_syntax() {
    check(
        "template_syntax",
        r#"error: template problem: Found `}` but expected }}.
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
        r#"error: unknown figure `companis`
  --> site.toml:22:11
   |
22 | part_of = "companis"
   |           ^
  = hint: did you mean `companies`?
"#,
    );
}
