//! Mistakes in the markdown of pages: pictures and links that show as text or lead nowhere,
//! invisible characters, pages saved under the wrong name.

use crate::Site;

/// The starter's news story, to which each case adds a paragraph.
const STORY: &str = "content/news/first-story.md";

/// The story's last words, after which each case adds its paragraph (line 11 of the file).
const STORY_END: &str = "for the numbers.";

/// The number of the line of `file` in `site` that holds `text`, so a case does not break when
/// the starter gains a line above it.
fn line_of(site: &Site, file: &str, text: &str) -> usize {
    let found = site.read(file).find(text).expect("the text is in the file");
    site.read(file)[..found].matches('\n').count() + 1
}

/// A starter site whose news story ends with the paragraph `text`.
fn story_with(text: &str) -> Site {
    let site = Site::starter();
    site.edit(STORY, STORY_END, &format!("{STORY_END}\n\n{text}"));
    site
}

#[test]
fn picture_whose_file_name_has_spaces() {
    let site = story_with("![Map of the parks](parks map.png)");
    site.write("content/news/parks map.png", "png");
    assert_eq!(
        site.report("address-spaces"),
        r#"warning[address-spaces]: this picture is shown as text: its address `parks map.png` has spaces
  --> content/news/first-story.md:11:21
   |
11 | ![Map of the parks](parks map.png)
   |                     ^
  = hint: rename the file without spaces (parks-map.png) and write ![Map of the parks](parks-map.png)
"#
    );
    site.rename("content/news/parks map.png", "content/news/parks-map.png");
    site.edit(
        STORY,
        "![Map of the parks](parks map.png)",
        "![Map of the parks](parks-map.png)",
    );
    site.assert_fixed("address-spaces");
}

#[test]
fn picture_from_the_editors_computer_with_spaces() {
    let site = story_with("![Map of the parks](C:\\Users\\anna\\Desktop\\parks map.png)");
    assert_eq!(
        site.report("address-on-computer"),
        r#"error[address-on-computer]: this picture's address `C:\Users\anna\Desktop\parks map.png` is a place on your own computer and is shown as text: readers of the site cannot reach it
  --> content/news/first-story.md:11:21
   |
11 | ![Map of the parks](C:\Users\anna\Desktop\parks map.png)
   |                     ^
  = hint: copy the picture beside the page (content/news/), named without spaces (parks-map.png), and write ![Map of the parks](parks-map.png)
"#
    );
    site.write("content/news/parks-map.png", "png");
    site.edit(
        STORY,
        "![Map of the parks](C:\\Users\\anna\\Desktop\\parks map.png)",
        "![Map of the parks](parks-map.png)",
    );
    site.assert_fixed("address-on-computer");
}

/// What check says of a picture on drive C: of the editor's computer.
fn picture_from_a_drive_report() -> &'static str {
    r#"error[address-on-computer]: this picture's address `C:\Users\anna\parks.png` is a place on your own computer: readers of the site cannot reach it
  --> content/news/first-story.md:11:1
   |
11 | ![Map of the parks](C:\Users\anna\parks.png)
   | ^
  = hint: copy the picture beside the page (content/news/) and write ![Map of the parks](parks.png)
"#
}

#[test]
fn picture_from_a_drive_of_the_editors_computer() {
    let site = story_with("![Map of the parks](C:\\Users\\anna\\parks.png)");
    assert_eq!(
        site.report("address-on-computer"),
        picture_from_a_drive_report()
    );
    site.write("content/news/parks.png", "png");
    site.edit(STORY, "(C:\\Users\\anna\\parks.png)", "(parks.png)");
    site.assert_fixed("address-on-computer");
}

#[test]
fn link_to_a_document_on_the_editors_computer() {
    let site = story_with("Read the [annual report](file:///C:/Users/anna/report.docx).");
    assert_eq!(
        site.report("address-on-computer"),
        r#"error[address-on-computer]: this link's address `file:///C:/Users/anna/report.docx` is a place on your own computer: readers of the site cannot reach it
  --> content/news/first-story.md:11:10
   |
11 | Read the [annual report](file:///C:/Users/anna/report.docx).
   |          ^
  = hint: copy the file beside the page (content/news/) and write [annual report](report.docx)
"#
    );
    site.write("content/news/report.docx", "docx");
    site.edit(
        STORY,
        "(file:///C:/Users/anna/report.docx)",
        "(report.docx)",
    );
    site.assert_fixed("address-on-computer");
}

#[test]
fn link_to_the_editors_home_folder() {
    let site = story_with("Download the [brochure](/Users/anna/Documents/brochure.pdf).");
    assert_eq!(
        site.report("address-on-computer"),
        r#"error[address-on-computer]: this link's address `/Users/anna/Documents/brochure.pdf` is a place on your own computer: readers of the site cannot reach it
  --> content/news/first-story.md:11:14
   |
11 | Download the [brochure](/Users/anna/Documents/brochure.pdf).
   |              ^
  = hint: copy the file beside the page (content/news/) and write [brochure](brochure.pdf)
"#
    );
    site.write("content/news/brochure.pdf", "pdf");
    site.edit(
        STORY,
        "(/Users/anna/Documents/brochure.pdf)",
        "(brochure.pdf)",
    );
    site.assert_fixed("address-on-computer");
}

#[test]
fn picture_missing_the_bracket_after_its_description() {
    let site = story_with("![Map of the parks(parks.png)");
    site.write("content/news/parks.png", "png");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this picture is shown as text: the `]` after its description is missing
  --> content/news/first-story.md:11:1
   |
11 | ![Map of the parks(parks.png)
   | ^
  = hint: add ] just after the description: ![Map of the parks](parks.png)
"#
    );
    site.edit(
        STORY,
        "![Map of the parks(parks.png)",
        "![Map of the parks](parks.png)",
    );
    site.assert_fixed("markdown-as-text");
}

#[test]
fn link_missing_the_bracket_after_its_address() {
    let site = story_with("See the [profile](../profile.md for the zone's history.");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this link is shown as text: the `)` after its address is missing
  --> content/news/first-story.md:11:9
   |
11 | See the [profile](../profile.md for the zone's history.
   |         ^
  = hint: add ) just after the address: [profile](../profile.md)
"#
    );
    site.edit(STORY, "[profile](../profile.md", "[profile](../profile.md)");
    site.assert_fixed("markdown-as-text");
}

#[test]
fn link_with_a_space_before_its_address() {
    let site = story_with("See the [profile] (../profile.md) for the zone's history.");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this link is shown as text: there is a space between `]` and `(`
  --> content/news/first-story.md:11:18
   |
11 | See the [profile] (../profile.md) for the zone's history.
   |                  ^
  = hint: delete the space: [profile](../profile.md)
"#
    );
    site.edit(
        STORY,
        "[profile] (../profile.md)",
        "[profile](../profile.md)",
    );
    site.assert_fixed("markdown-as-text");
}

#[test]
fn note_without_its_text() {
    let site = story_with("The zone grew by a third[^1].");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: the note `[^1]` has no text, so it is shown as it is written
  --> content/news/first-story.md:11:25
   |
11 | The zone grew by a third[^1].
   |                         ^
  = hint: write its text on a line of its own below the paragraph, starting with `[^1]: `, or delete `[^1]`
"#
    );
    site.edit(
        STORY,
        "grew by a third[^1].",
        "grew by a third[^1].\n\n[^1]: Zone Statistics Office, 2024.",
    );
    site.assert_fixed("markdown-as-text");
}

#[test]
fn heading_without_a_space_after_its_marks() {
    let site = story_with("##Key figures\n\nThe zone grew.");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this line is shown as text, not as a heading: a space is missing after `##`
  --> content/news/first-story.md:11:1
   |
11 | ##Key figures
   | ^
  = hint: put a space after the # signs: ## Key figures
"#
    );
    site.edit(STORY, "##Key figures", "## Key figures");
    site.assert_fixed("markdown-as-text");
}

#[test]
fn markdown_written_about_in_code_is_left_alone() {
    let site = story_with(
        "Write a picture as `![Map of the parks](parks map.png)`:\n\n```\n![Map of the parks(parks.png)\n##Key figures\n```",
    );
    site.assert_fixed("markdown-as-text");
    site.assert_fixed("address-spaces");
}

#[test]
fn link_from_the_site_root_misspelt() {
    let site = story_with("See the [profile](/profil/).");
    assert_eq!(
        site.report("link-broken"),
        r#"error[link-broken]: broken link: the site has no address /profil/
  --> content/news/first-story.md:11:9
   |
11 | See the [profile](/profil/).
   |         ^
  = hint: did you mean `/profile/`?
"#
    );
    site.edit(STORY, "(/profil/)", "(/profile/)");
    site.assert_fixed("link-broken");
}

#[test]
fn link_from_the_site_root_to_a_file_not_in_static() {
    let site = story_with("Download the [brochure](/brochure.pdf).");
    assert_eq!(
        site.report("link-broken"),
        r#"error[link-broken]: broken link: the site has no address /brochure.pdf
  --> content/news/first-story.md:11:14
   |
11 | Download the [brochure](/brochure.pdf).
   |              ^
  = hint: a link starting with / leads to an address of this site as the preview shows it, such as /profile/, or to a file of static/ by its path there (static/brochure.pdf is /brochure.pdf)
"#
    );
    site.write("static/brochure.pdf", "pdf");
    site.assert_fixed("link-broken");
}

#[test]
fn link_from_the_site_root_with_the_sites_folder() {
    let site = story_with("See the [profile](/zone/profile/).");
    site.edit(
        "site.toml",
        "base_url = \"https://example.org/\"",
        "base_url = \"https://www.example.gov.cn/zone/\"",
    );
    assert_eq!(
        site.report("link-broken"),
        r#"error[link-broken]: broken link: the site has no address /zone/profile/
  --> content/news/first-story.md:11:9
   |
11 | See the [profile](/zone/profile/).
   |         ^
  = hint: write `/profile/`: zonesite adds the site's folder /zone/ to links from the root itself
"#
    );
    site.edit(STORY, "(/zone/profile/)", "(/profile/)");
    site.assert_fixed("link-broken");
}

#[test]
fn link_to_a_missing_page_from_a_top_level_page() {
    let site = Site::starter();
    site.edit(
        "content/statistics.md",
        "comes from the fact sheet in site.toml.",
        "comes from the fact sheet in site.toml (see [sources](sources.md)).",
    );
    assert_eq!(
        site.report("link-broken"),
        r#"error[link-broken]: broken link: there is no content/sources.md
  --> content/statistics.md:7:71
  |
7 | Every number on this page comes from the fact sheet in site.toml (see [sources](sources.md)).
  |                                                                       ^
  = hint: link to a markdown file under content/, relative to this page, for example [profile](profile.md)
"#
    );
    site.edit(
        "content/statistics.md",
        "[sources](sources.md)",
        "[profile](profile.md)",
    );
    site.assert_fixed("link-broken");
}

#[test]
fn web_address_without_https() {
    let site = story_with("Visit our [partner](www.example.org).");
    assert_eq!(
        site.report("link-broken"),
        r#"error[link-broken]: broken link: there is no content/news/www.example.org
  --> content/news/first-story.md:11:11
   |
11 | Visit our [partner](www.example.org).
   |           ^
  = hint: write https:// before a web address: [partner](https://www.example.org)
"#
    );
    site.edit(STORY, "(www.example.org)", "(https://www.example.org)");
    site.assert_fixed("link-broken");
}

#[test]
fn email_address_without_mailto() {
    let site = story_with("[Write to us](info@zone.gov.cn).");
    assert_eq!(
        site.report("link-broken"),
        r#"error[link-broken]: broken link: there is no content/news/info@zone.gov.cn
  --> content/news/first-story.md:11:1
   |
11 | [Write to us](info@zone.gov.cn).
   | ^
  = hint: write mailto: before an email address: [Write to us](mailto:info@zone.gov.cn)
"#
    );
    site.edit(STORY, "(info@zone.gov.cn)", "(mailto:info@zone.gov.cn)");
    site.assert_fixed("link-broken");
}

#[test]
fn picture_name_in_other_letter_case() {
    let site = story_with("![Map of the parks](Parks.PNG)");
    site.write("content/news/parks.png", "png");
    assert_eq!(
        site.report("picture-missing"),
        r#"error[picture-missing]: picture not found: `Parks.PNG` (looked for content/news/Parks.PNG)
  --> content/news/first-story.md:11:1
   |
11 | ![Map of the parks](Parks.PNG)
   | ^
  = hint: the file is named parks.png: write ![Map of the parks](parks.png) (capital and small letters must match, as the web host tells them apart)
"#
    );
    site.edit(STORY, "(Parks.PNG)", "(parks.png)");
    site.assert_fixed("picture-missing");
}

#[test]
fn picture_in_static_written_without_its_slash() {
    let site = story_with("![Map of the parks](images/parks.png)");
    site.write("static/images/parks.png", "png");
    assert_eq!(
        site.report("picture-missing"),
        r#"error[picture-missing]: picture not found: `images/parks.png` (looked for content/news/images/parks.png)
  --> content/news/first-story.md:11:1
   |
11 | ![Map of the parks](images/parks.png)
   | ^
  = hint: the picture is static/images/parks.png: write ![Map of the parks](/images/parks.png)
"#
    );
    site.edit(STORY, "(images/parks.png)", "(/images/parks.png)");
    site.assert_fixed("picture-missing");
}

#[test]
fn zero_width_space_pasted_from_a_web_page() {
    let site = story_with("The zone\u{200b} grew by a third.");
    assert_eq!(
        site.report("text-invisible-character"),
        r#"warning[text-invisible-character]: an invisible character (zero-width space, U+200B) is here: no one sees it, but it is published with the text
  --> content/news/first-story.md:11:9
   |
11 | The zone\u{200b} grew by a third.
   |         ^
  = hint: delete it: put the cursor just after `zone` and press Delete once
"#
    );
    site.edit(STORY, "zone\u{200b}", "zone");
    site.assert_fixed("text-invisible-character");
}

#[test]
fn soft_hyphen_pasted_from_a_word_processor() {
    let site = story_with("The zone's invest\u{ad}ment grew.");
    assert_eq!(
        site.report("text-invisible-character"),
        r#"warning[text-invisible-character]: an invisible character (soft hyphen, U+00AD) is here: no one sees it, but it is published with the text
  --> content/news/first-story.md:11:18
   |
11 | The zone's invest\u{ad}ment grew.
   |                  ^
  = hint: delete it: put the cursor just before `ment` and press Backspace once
"#
    );
    site.edit(STORY, "invest\u{ad}ment", "investment");
    site.assert_fixed("text-invisible-character");
}

#[test]
fn byte_order_mark_in_the_middle_of_a_page() {
    let site = story_with("\u{feff}The zone grew by a third.");
    assert_eq!(
        site.report("text-invisible-character"),
        r#"warning[text-invisible-character]: an invisible character (byte-order mark, U+FEFF) is here: no one sees it, but it is published with the text
  --> content/news/first-story.md:11:1
   |
11 | \u{feff}The zone grew by a third.
   | ^
  = hint: delete it: put the cursor just before `The` and press Backspace once
"#
    );
    site.edit(STORY, "\u{feff}The", "The");
    site.assert_fixed("text-invisible-character");
}

#[test]
fn line_separator_pasted_from_a_document() {
    let site = story_with("The zone grew.\u{2028}It is the largest.");
    assert_eq!(
        site.report("text-invisible-character"),
        r#"warning[text-invisible-character]: an invisible character (line separator, U+2028) is here: no one sees it, but it is published with the text
  --> content/news/first-story.md:11:15
   |
11 | The zone grew.\u{2028}It is the largest.
   |               ^
  = hint: delete it: put the cursor just before `It` and press Backspace once
"#
    );
    site.edit(STORY, "\u{2028}It", "It");
    site.assert_fixed("text-invisible-character");
}

#[test]
fn joiner_between_latin_letters() {
    let site = story_with("The zone's web\u{200d}site is new.");
    assert_eq!(
        site.report("text-invisible-character"),
        r#"warning[text-invisible-character]: an invisible character (zero-width joiner, U+200D) is here: no one sees it, but it is published with the text
  --> content/news/first-story.md:11:15
   |
11 | The zone's web\u{200d}site is new.
   |               ^
  = hint: delete it: put the cursor just before `site` and press Backspace once
"#
    );
    site.edit(STORY, "web\u{200d}site", "website");
    site.assert_fixed("text-invisible-character");
}

#[test]
fn every_control_character_of_a_page_is_reported() {
    let site = story_with("The zone\u{b} grew\u{c} by a third.");
    assert_eq!(
        site.report("text-control-character"),
        r#"warning[text-control-character]: this file holds an invisible control character (U+000B) that web pages and feeds cannot carry
  --> content/news/first-story.md:11:9
   |
11 | The zone\u{b} grew\u{c} by a third.
   |         ^
  = hint: delete it: put the cursor just after `zone` and press Delete once; it usually comes with text pasted from a word processor

warning[text-control-character]: this file holds an invisible control character (U+000C) that web pages and feeds cannot carry
  --> content/news/first-story.md:11:15
   |
11 | The zone\u{b} grew\u{c} by a third.
   |                   ^
  = hint: delete it: put the cursor just after `grew` and press Delete once; it usually comes with text pasted from a word processor
"#
    );
    site.edit(STORY, "zone\u{b}", "zone");
    site.edit(STORY, "grew\u{c}", "grew");
    site.assert_fixed("text-control-character");
}

#[test]
fn fact_id_typed_with_an_invisible_character() {
    let site = story_with("The zone counts {{ fact research_institutions\u{200b} }} institutes.");
    assert_eq!(
        site.report("fact-unknown"),
        r#"error[fact-unknown]: unknown fact `research_institutions\u{200b}`
  --> content/news/first-story.md:11:17
   |
11 | The zone counts {{ fact research_institutions\u{200b} }} institutes.
   |                 ^
  = hint: what is written here holds an invisible character (zero-width space, U+200B) after `research_institutions`: delete it, and it reads `research_institutions`
"#
    );
    site.edit(
        STORY,
        "research_institutions\u{200b}",
        "research_institutions",
    );
    site.assert_fixed("fact-unknown");
}

#[test]
fn fact_id_in_site_toml_with_an_invisible_character() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        "id = \"research_institutions\"",
        "id = \"research_institutions\u{200b}\"",
    );
    let line = line_of(&site, "site.toml", "id = \"research_institutions\u{200b}\"");
    assert_eq!(
        site.report("id-invalid"),
        format!(
            r#"error[id-invalid]: `research_institutions\u{{200b}}` cannot be a figure id: it holds an invisible character (zero-width space, U+200B) after `research_institutions`
  --> site.toml:{line}:6
    |
{line} | id = "research_institutions\u{{200b}}"
    |      ^
  = hint: use letters and digits joined by single - or _, for example: research_institutions
"#
        )
    );
    site.edit(
        "site.toml",
        "id = \"research_institutions\u{200b}\"",
        "id = \"research_institutions\"",
    );
    site.assert_fixed("id-invalid");
}

#[test]
fn page_saved_as_text() {
    let site = Site::starter();
    site.write(
        "content/news/new-park.txt",
        "+++\ntitle = \"A new park opens\"\ndate = 2024-03-01\n+++\n\nThe zone opened its fourth park.\n",
    );
    assert_eq!(
        site.report("page-wrong-extension"),
        r#"warning[page-wrong-extension]: this looks like a page but ends in .txt, so it is published as a file, not a page
  --> content/news/new-park.txt
  = hint: rename it new-park.md
"#
    );
    site.rename("content/news/new-park.txt", "content/news/new-park.md");
    site.assert_fixed("page-wrong-extension");
}

#[test]
fn page_saved_with_a_second_extension() {
    let site = Site::starter();
    site.write(
        "content/news/new-park.md.txt",
        "# A new park opens\n\nThe zone opened its fourth park.\n",
    );
    assert_eq!(
        site.report("page-wrong-extension"),
        r#"warning[page-wrong-extension]: this looks like a page but ends in .txt, so it is published as a file, not a page
  --> content/news/new-park.md.txt
  = hint: rename it new-park.md
"#
    );
    site.rename("content/news/new-park.md.txt", "content/news/new-park.md");
    site.assert_fixed("page-wrong-extension");
}

#[test]
fn page_saved_in_capital_letters() {
    let site = Site::starter();
    site.write(
        "content/news/NEW-PARK.MD",
        "# A new park opens\n\nThe zone opened its fourth park.\n",
    );
    assert_eq!(
        site.report("page-wrong-extension"),
        r#"warning[page-wrong-extension]: this looks like a page but ends in .MD, so it is published as a file, not a page
  --> content/news/NEW-PARK.MD
  = hint: rename it NEW-PARK.md
"#
    );
    site.rename("content/news/NEW-PARK.MD", "content/news/NEW-PARK.md");
    site.assert_fixed("page-wrong-extension");
}

#[test]
fn fact_id_in_site_toml_with_a_non_breaking_space() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        "id = \"research_institutions\"",
        "id = \"research\u{a0}institutions\"",
    );
    let line = line_of(&site, "site.toml", "id = \"research\u{a0}institutions\"");
    assert_eq!(
        site.report("id-invalid"),
        format!(
            r#"error[id-invalid]: `research{nbsp}institutions` cannot be a figure id: it holds a non-breaking space (U+00A0), which looks like a space
  --> site.toml:{line}:6
    |
{line} | id = "research{nbsp}institutions"
    |      ^
  = hint: use letters and digits joined by single - or _, for example: research_institutions
"#,
            nbsp = '\u{a0}'
        )
    );
    site.edit(
        "site.toml",
        "id = \"research\u{a0}institutions\"",
        "id = \"research_institutions\"",
    );
    site.assert_fixed("id-invalid");
}

#[test]
fn link_to_a_document_in_other_letter_case() {
    let site = story_with("Download the [brochure](Brochure.PDF).");
    site.write("content/news/brochure.pdf", "pdf");
    assert_eq!(
        site.report("link-broken"),
        r#"error[link-broken]: broken link: there is no content/news/Brochure.PDF
  --> content/news/first-story.md:11:14
   |
11 | Download the [brochure](Brochure.PDF).
   |              ^
  = hint: the file is named brochure.pdf: write [brochure](brochure.pdf) (capital and small letters must match, as the web host tells them apart)
"#
    );
    site.edit(STORY, "(Brochure.PDF)", "(brochure.pdf)");
    site.assert_fixed("link-broken");
}

#[test]
fn invisible_character_in_a_label_of_site_toml() {
    let site = Site::starter();
    site.edit(
        "site.toml",
        "label = \"Research institutions\"",
        "label = \"Research\u{200b} institutions\"",
    );
    let line = line_of(&site, "site.toml", "Research\u{200b} institutions");
    assert_eq!(
        site.report("text-invisible-character"),
        format!(
            r#"warning[text-invisible-character]: an invisible character (zero-width space, U+200B) is here: no one sees it, but it is published with the text
  --> site.toml:{line}:18
    |
{line} | label = "Research\u{{200b}} institutions"
    |                  ^
  = hint: delete it: put the cursor just after `"Research` and press Delete once
"#
        )
    );
    site.edit("site.toml", "Research\u{200b}", "Research");
    site.assert_fixed("text-invisible-character");
}

#[test]
fn picture_from_a_drive_with_safe_markdown_on() {
    let site = story_with("![Map of the parks](C:\\Users\\anna\\parks.png)");
    site.edit("site.toml", "safe_markdown = false", "safe_markdown = true");
    // Not "an address starting with `c:`, which safe_markdown does not allow": the same mistake.
    assert_eq!(
        site.report("address-on-computer"),
        picture_from_a_drive_report()
    );
    assert!(
        site.check()
            .iter()
            .all(|d| d.code.as_str() != "link-scheme-refused")
    );
    site.write("content/news/parks.png", "png");
    site.edit(STORY, "(C:\\Users\\anna\\parks.png)", "(parks.png)");
    site.assert_fixed("address-on-computer");
}

#[test]
fn link_from_the_site_root_to_a_misspelt_heading() {
    let site = story_with("Read the zone's [history](/profile/#histroy).");
    assert_eq!(
        site.report("anchor-broken"),
        r#"error[anchor-broken]: broken link: content/profile.md has no heading with the id `histroy`
  --> content/news/first-story.md:11:17
   |
11 | Read the zone's [history](/profile/#histroy).
   |                 ^
  = hint: did you mean `#history`?
"#
    );
    site.edit(STORY, "#histroy", "#history");
    site.assert_fixed("anchor-broken");
}

#[test]
fn bold_words_with_a_space_inside_the_stars() {
    let site = story_with("The zone is **the largest ** in the province.");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: these ** are shown as text: a space stands between them and the words to show in bold
  --> content/news/first-story.md:11:13
   |
11 | The zone is **the largest ** in the province.
   |             ^
  = hint: delete the space: **the largest**
"#
    );
    site.edit(STORY, "**the largest **", "**the largest**");
    site.assert_fixed("markdown-as-text");
}

#[test]
fn table_without_its_line_of_dashes() {
    let site = story_with("| Year | Firms |\n| 2020 | 1,204 |\n| 2021 | 1,372 |");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this table is shown as text: the line of dashes under its first row is missing
  --> content/news/first-story.md:11:1
   |
11 | | Year | Firms |
   | ^
  = hint: add the line | --- | --- | just below the first row
"#
    );
    site.edit(
        STORY,
        "| Year | Firms |\n",
        "| Year | Firms |\n| --- | --- |\n",
    );
    site.assert_fixed("markdown-as-text");
}

#[test]
fn shortcode_typed_with_full_width_braces() {
    let site = story_with("｛｛ fact research_institutions ｝｝ institutes work here.");
    assert_eq!(
        site.report("shortcode-syntax"),
        r#"error[shortcode-syntax]: this shortcode is shown as text: `｛｛ fact research_institutions ｝｝` is typed with full-width braces ｛ ｝
  --> content/news/first-story.md:11:1
   |
11 | ｛｛ fact research_institutions ｝｝ institutes work here.
   | ^
  = hint: type the plain braces {{ }} (switch the input method to English punctuation): {{ fact research_institutions }}
"#
    );
    site.edit(
        STORY,
        "｛｛ fact research_institutions ｝｝",
        "{{ fact research_institutions }}",
    );
    site.assert_fixed("shortcode-syntax");
}

#[test]
fn shortcode_with_a_space_between_its_braces() {
    let site = story_with("{ { fact research_institutions } } institutes work here.");
    assert_eq!(
        site.report("shortcode-syntax"),
        r#"error[shortcode-syntax]: this shortcode is shown as text: a space stands between its braces in `{ { fact research_institutions } }`
  --> content/news/first-story.md:11:1
   |
11 | { { fact research_institutions } } institutes work here.
   | ^
  = hint: write the two braces together, {{ and }}: {{ fact research_institutions }}
"#
    );
    site.edit(
        STORY,
        "{ { fact research_institutions } }",
        "{{ fact research_institutions }}",
    );
    site.assert_fixed("shortcode-syntax");
}

#[test]
fn heading_typed_with_full_width_number_signs() {
    let site = story_with("＃＃关键数据");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this line is shown as text, not as a heading: `＃＃` is typed with full-width number signs ＃
  --> content/news/first-story.md:11:1
   |
11 | ＃＃关键数据
   | ^
  = hint: type the plain # (switch the input method to English punctuation), with a space after them: ## 关键数据
"#
    );
    site.edit(STORY, "＃＃关键数据", "## 关键数据");
    site.assert_fixed("markdown-as-text");
}

#[test]
fn link_typed_with_chinese_brackets() {
    let site = story_with("See 【园区概况】（../profile.md） for more.");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this link is shown as text: it is typed with Chinese brackets 【 】 and Chinese round brackets （ ）, which markdown does not read
  --> content/news/first-story.md:11:5
   |
11 | See 【园区概况】（../profile.md） for more.
   |     ^
  = hint: type the plain [ ] and ( ) (switch the input method to English punctuation): [园区概况](../profile.md)
"#
    );
    site.edit(
        STORY,
        "【园区概况】（../profile.md）",
        "[园区概况](../profile.md)",
    );
    site.assert_fixed("markdown-as-text");
}

#[test]
fn link_typed_with_chinese_round_brackets() {
    let site = story_with("See [园区概况]（../profile.md） for more.");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this link is shown as text: it is typed with Chinese round brackets （ ）, which markdown does not read
  --> content/news/first-story.md:11:5
   |
11 | See [园区概况]（../profile.md） for more.
   |     ^
  = hint: type the plain ( ) (switch the input method to English punctuation): [园区概况](../profile.md)
"#
    );
    site.edit(
        STORY,
        "[园区概况]（../profile.md）",
        "[园区概况](../profile.md)",
    );
    site.assert_fixed("markdown-as-text");
}

#[test]
fn picture_typed_with_a_chinese_exclamation_mark() {
    let site = story_with("！[地图](parks.png)");
    site.write("content/news/parks.png", "png");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this picture is shown as a link: it is typed with a Chinese exclamation mark ！, which markdown does not read
  --> content/news/first-story.md:11:1
   |
11 | ！[地图](parks.png)
   | ^
  = hint: type the plain ! (switch the input method to English punctuation): ![地图](parks.png)
"#
    );
    site.edit(STORY, "！[地图](parks.png)", "![地图](parks.png)");
    site.assert_fixed("markdown-as-text");
}

#[test]
fn html_picture_from_the_editors_computer() {
    let site = story_with(r#"<img src="C:\Users\anna\parks.png" alt="Map of the parks">"#);
    assert_eq!(
        site.report("address-on-computer"),
        r#"error[address-on-computer]: this picture's address `C:\Users\anna\parks.png` is a place on your own computer: readers of the site cannot reach it
  --> content/news/first-story.md:11:11
   |
11 | <img src="C:\Users\anna\parks.png" alt="Map of the parks">
   |           ^
  = hint: copy the picture beside the page (content/news/) and write src="/news/parks.png"
"#
    );
    site.write("content/news/parks.png", "png");
    site.edit(
        STORY,
        r#"src="C:\Users\anna\parks.png""#,
        r#"src="/news/parks.png""#,
    );
    site.assert_fixed("address-on-computer");
}

#[test]
fn html_link_to_a_file_on_the_editors_computer() {
    let site = story_with(r#"Read <a href="file:///C:/Users/anna/report.pdf">the report</a>."#);
    assert_eq!(
        site.report("address-on-computer"),
        r#"error[address-on-computer]: this link's address `file:///C:/Users/anna/report.pdf` is a place on your own computer: readers of the site cannot reach it
  --> content/news/first-story.md:11:15
   |
11 | Read <a href="file:///C:/Users/anna/report.pdf">the report</a>.
   |               ^
  = hint: copy the file beside the page (content/news/) and write href="/news/report.pdf"
"#
    );
    site.write("content/news/report.pdf", "pdf");
    site.edit(
        STORY,
        r#"href="file:///C:/Users/anna/report.pdf""#,
        r#"href="/news/report.pdf""#,
    );
    site.assert_fixed("address-on-computer");
}

#[test]
fn picture_in_a_shared_folder() {
    let site = story_with(r"![Map of the parks](\\office\share\parks.png)");
    assert_eq!(
        site.report("address-on-computer"),
        r#"error[address-on-computer]: this picture's address `\\office\share\parks.png` is a place on your own computer: readers of the site cannot reach it
  --> content/news/first-story.md:11:1
   |
11 | ![Map of the parks](\\office\share\parks.png)
   | ^
  = hint: copy the picture beside the page (content/news/) and write ![Map of the parks](parks.png)
"#
    );
    site.write("content/news/parks.png", "png");
    site.edit(STORY, r"(\\office\share\parks.png)", "(parks.png)");
    site.assert_fixed("address-on-computer");
}

#[test]
fn picture_in_a_shared_folder_written_with_slashes() {
    let site = story_with("![Map of the parks](//office/share/parks.png)");
    assert_eq!(
        site.report("address-on-computer"),
        r#"error[address-on-computer]: this picture's address `//office/share/parks.png` is a place on your own computer: readers of the site cannot reach it
  --> content/news/first-story.md:11:1
   |
11 | ![Map of the parks](//office/share/parks.png)
   | ^
  = hint: copy the picture beside the page (content/news/) and write ![Map of the parks](parks.png)
"#
    );
    site.write("content/news/parks.png", "png");
    site.edit(STORY, "(//office/share/parks.png)", "(parks.png)");
    site.assert_fixed("address-on-computer");
}

#[test]
fn link_to_a_shared_folder_by_smb() {
    let site = story_with("Read [the report](smb://office/share/report.pdf).");
    assert_eq!(
        site.report("address-on-computer"),
        r#"error[address-on-computer]: this link's address `smb://office/share/report.pdf` is a place on your own computer: readers of the site cannot reach it
  --> content/news/first-story.md:11:6
   |
11 | Read [the report](smb://office/share/report.pdf).
   |      ^
  = hint: copy the file beside the page (content/news/) and write [the report](report.pdf)
"#
    );
    site.write("content/news/report.pdf", "pdf");
    site.edit(STORY, "(smb://office/share/report.pdf)", "(report.pdf)");
    site.assert_fixed("address-on-computer");
}

#[test]
fn picture_title_in_chinese_quotation_marks() {
    let site = story_with("![地图](parks.png “说明”)");
    site.write("content/news/parks.png", "png");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this picture is shown as text: its title “说明” is in Chinese quotation marks “ ”
  --> content/news/first-story.md:11:7
   |
11 | ![地图](parks.png “说明”)
   |         ^
  = hint: type straight quotes "..." around the title (switch the input method to English punctuation), or delete the title: ![地图](parks.png "说明")
"#
    );
    site.edit(
        STORY,
        "![地图](parks.png “说明”)",
        "![地图](parks.png \"说明\")",
    );
    site.assert_fixed("markdown-as-text");
}

#[test]
fn fact_id_in_quotes() {
    let site = story_with("There are {{ fact \"companies\" }} firms.");
    assert_eq!(
        site.report("shortcode-syntax"),
        r#"error[shortcode-syntax]: the id in `{{ fact "companies" }}` is in quotes: ids are written without them
  --> content/news/first-story.md:11:11
   |
11 | There are {{ fact "companies" }} firms.
   |           ^
  = hint: delete the quotes: {{ fact companies }}
"#
    );
    site.edit(STORY, "{{ fact \"companies\" }}", "{{ fact companies }}");
    site.assert_fixed("shortcode-syntax");
    site.assert_fixed("fact-unknown");
}

#[test]
fn picture_web_address_without_https() {
    let site = story_with("![Map](www.example.com/parks.png)");
    assert_eq!(
        site.report("picture-missing"),
        r#"error[picture-missing]: picture not found: `www.example.com/parks.png` (looked for content/news/www.example.com/parks.png)
  --> content/news/first-story.md:11:1
   |
11 | ![Map](www.example.com/parks.png)
   | ^
  = hint: write https:// before a web address: ![Map](https://www.example.com/parks.png)
"#
    );
    site.edit(STORY, "(www.example.com", "(https://www.example.com");
    site.assert_fixed("picture-missing");
}

#[test]
fn picture_address_in_two_pairs_of_brackets() {
    let site = story_with("![Map]((parks.png))");
    site.write("content/news/parks.png", "png");
    assert_eq!(
        site.report("picture-missing"),
        r#"error[picture-missing]: picture not found: `(parks.png)` (looked for content/news/(parks.png))
  --> content/news/first-story.md:11:1
   |
11 | ![Map]((parks.png))
   | ^
  = hint: write the address between one pair of round brackets: ![Map](parks.png)
"#
    );
    site.edit(STORY, "![Map]((parks.png))", "![Map](parks.png)");
    site.assert_fixed("picture-missing");
}

#[test]
fn picture_without_its_opening_bracket() {
    let site = story_with("!Map of the parks](parks.png)");
    site.write("content/news/parks.png", "png");
    assert_eq!(
        site.report("markdown-as-text"),
        r#"warning[markdown-as-text]: this picture is shown as text: the `[` after its `!` is missing
  --> content/news/first-story.md:11:1
   |
11 | !Map of the parks](parks.png)
   | ^
  = hint: put [ just after the !: ![Map of the parks](parks.png)
"#
    );
    site.edit(STORY, "!Map", "![Map");
    site.assert_fixed("markdown-as-text");
}

#[test]
fn front_matter_with_two_mistakes_reports_both_at_once() {
    let site = Site::starter();
    site.edit(
        STORY,
        "title = \"The zone's new website\"",
        "title = “Curly”",
    );
    site.edit(STORY, "date = 2024-01-31", "date = 29/11/2026");
    assert_eq!(
        format!(
            "{}{}",
            site.report("toml-full-width"),
            site.report("toml-bad-date")
        ),
        r#"error[toml-full-width]: the front matter cannot read Chinese quotation marks “ ” outside of quoted text
  --> content/news/first-story.md:2:9
  |
2 | title = “Curly”
  |         ^
  = hint: type straight quotes "..." (switch the input method to English punctuation): title = "Curly"
error[toml-bad-date]: the front matter cannot read the date 29/11/2026
  --> content/news/first-story.md:5:8
  |
5 | date = 29/11/2026
  |        ^
  = hint: a date is written year-month-day: date = 2026-11-29 (29 November 2026)
"#
    );
    site.edit(STORY, "title = “Curly”", "title = \"Curly\"");
    site.edit(STORY, "date = 29/11/2026", "date = 2026-11-29");
    site.assert_fixed("toml-full-width");
    site.assert_fixed("toml-bad-date");
}

#[test]
fn chart_id_in_quotes() {
    let site = story_with("{{ chart “research_base” }}");
    assert_eq!(
        site.report("shortcode-syntax"),
        r#"error[shortcode-syntax]: the id in `{{ chart “research_base” }}` is in quotes: ids are written without them
  --> content/news/first-story.md:11:1
   |
11 | {{ chart “research_base” }}
   | ^
  = hint: delete the quotes: {{ chart research_base }}
"#
    );
    site.edit(
        STORY,
        "{{ chart “research_base” }}",
        "{{ chart research_base }}",
    );
    site.assert_fixed("shortcode-syntax");
    site.assert_fixed("chart-unknown");
}

#[test]
fn chinese_exclamation_mark_before_a_link_is_a_sentences_end() {
    let site = story_with("很好！[园区概况](../profile.md)");
    site.assert_fixed("markdown-as-text");
}

/// The same table saved by a Windows editor (lines end in \r\n) and with spaces after its last
/// `|`: the line of dashes is still found missing.
#[test]
fn table_without_its_line_of_dashes_saved_on_windows() {
    let site = story_with("| Year | Firms |  \r\n| 2020 | 1,204 |\r\n| 2021 | 1,372 |\r\n");
    let report = site.report("markdown-as-text");
    assert!(
        report.starts_with("warning[markdown-as-text]: this table is shown as text: the line of dashes under its first row is missing\n"),
        "{report}"
    );
    site.edit(
        STORY,
        "| Year | Firms |  \r\n",
        "| Year | Firms |\r\n| --- | --- |\r\n",
    );
    site.assert_fixed("markdown-as-text");
}

/// A story dated years ahead by a typo in the year: published now, first in every list.
#[test]
fn story_dated_in_the_future() {
    let site = Site::starter();
    let text = site.read(STORY);
    let date = text
        .lines()
        .find(|l| l.starts_with("date = "))
        .expect("the starter's story has a date")
        .to_owned();
    site.edit(STORY, &date, "date = 2999-01-01");
    let report = site.report("date-in-future");
    assert!(
        report.starts_with("warning[date-in-future]: this page is dated 2999-01-01, after today ("),
        "{report}"
    );
    assert!(
        report.contains("  --> content/news/first-story.md:"),
        "{report}"
    );
    assert!(
        report.contains("= hint: check the year; write the day it happened, for example date = "),
        "{report}"
    );
    site.edit(STORY, "date = 2999-01-01", "date = 2021-04-13");
    site.assert_fixed("date-in-future");
}

/// The front matter's lines typed with a Chinese input method's full-width plus signs.
#[test]
fn front_matter_fences_typed_full_width() {
    let site = Site::starter();
    site.mistake(
        STORY,
        "date = 2024-01-31\n+++\n",
        "date = 2024-01-31\n＋＋＋\n",
        "toml-full-width",
        "error[toml-full-width]: this line is typed with full-width plus signs ＋＋＋: the front matter is marked by plain +++ lines
  --> content/news/first-story.md:6:1
  |
6 | ＋＋＋
  | ^
  = hint: type +++ (switch the input method to English punctuation)
",
        "date = 2024-01-31\n+++\n",
    );
    site.mistake(
        STORY,
        "+++\ntitle",
        "＋＋＋\ntitle",
        "toml-full-width",
        "error[toml-full-width]: this line is typed with full-width plus signs ＋＋＋: the front matter is marked by plain +++ lines
  --> content/news/first-story.md:1:1
  |
1 | ＋＋＋
  | ^
  = hint: type +++ (switch the input method to English punctuation)
",
        "+++\ntitle",
    );
}
