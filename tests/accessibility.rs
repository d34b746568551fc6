//! Accessibility for older readers and everyone else: the easy-reading button on every page, and
//! the accessibility statement zonesite makes in every language from the site's own data, unless
//! an editor wrote one.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use tempfile::TempDir;

/// The bilingual test site (English at the root, Chinese under /zh/, published under /zone/).
fn site() -> TempDir {
    common::fixture("i18n", "base")
}

/// Every file the site builds, by output path, as text.
fn built(root: &Path) -> BTreeMap<String, String> {
    common::generated(root, None)
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// What `check` says about the site.
fn check(root: &Path) -> String {
    zonesite::diagnostic::render_all(&zonesite::check(
        root,
        5,
        zonesite::OutsideLinks::Refuse,
        Default::default(),
    ))
}

/// The text of a page's <main> element.
fn main_of(html: &str) -> &str {
    let start = html.find("<main id=\"main\"").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

/// The fixture's site.toml with `table` added at its end.
fn with_toml(root: &Path, table: &str) {
    let path = root.join("site.toml");
    let mut toml = std::fs::read_to_string(&path).unwrap();
    toml.push_str(table);
    std::fs::write(path, toml).unwrap();
}

const STATEMENT_EN: &str = r#"<article class="prose">
  <h1>Accessibility statement</h1>
  <p>Example Valley Zone wants its pages to work for everyone, including people who use a screen reader or only a keyboard, and people who need larger text.</p>
  <h2 id="standard">The standard</h2>
  <p>The site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, and GB/T 37668-2019, the Chinese national standard for accessible web content that government websites follow.</p>
  <h2 id="testing">How it is tested</h2>
  <p>The templates the site is built with are tested automatically: the pages they make pass the Nu Html Checker and axe-core&#39;s WCAG rules on a phone-sized screen (360 px wide) and a wide one (1280 px), in light, dark and easy-reading modes. The pages these templates make work with a keyboard alone and without JavaScript, and load nothing from other sites; what is added to a page by hand, such as a video or a map from another site, is not covered by these tests.</p>
  <p>Automatic tests do not find every barrier, and the site&#39;s text and pictures are checked by the people who write them.</p>
  <h2 id="easy-reading">Easy reading</h2>
  <p>The “Easy reading” button at the top of every page makes the text larger, spaces its lines and letters more widely and raises the contrast; press it again for the usual view. Your browser remembers the choice for every page of the site on this device. The button needs JavaScript; without it, your browser&#39;s zoom (Ctrl and + on a computer, spreading two fingers on a phone) still makes the text larger.</p>
"#;

const STATEMENT_ZH: &str = r#"<article class="prose">
  <h1>无障碍声明</h1>
  <p>示例谷园区希望每一位读者都能使用本网站，包括使用读屏软件或只用键盘的读者，以及需要较大字号的读者。</p>
  <h2 id="standard">遵循的标准</h2>
  <p>本网站以《Web内容无障碍指南》（WCAG）2.2 AA级为目标，并以政府网站采用的国家标准GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》为参照。</p>
  <h2 id="testing">测试方法</h2>
  <p>建设本网站所用的模板经过自动测试：由模板生成的页面在手机屏幕（宽360像素）和宽屏（宽1280像素）上，在浅色、深色和长者模式下，均通过Nu Html Checker检查和axe-core的WCAG规则检查。由这些模板生成的页面只用键盘即可操作，不启用JavaScript也能使用，且不从其他网站加载任何内容；页面中另行添加的内容（如来自其他网站的视频或地图）不在测试范围之内。</p>
  <p>自动测试不能发现所有障碍；网站的文字和图片由编辑人员负责审核。</p>
  <h2 id="easy-reading">长者模式</h2>
  <p>每个页面顶部都有“长者模式”按钮：点击后文字更大，行距和字距更宽，对比度更高；再次点击即恢复常规显示。浏览器会在本设备上记住您的选择，对本网站所有页面有效。该按钮需要JavaScript；未启用JavaScript时，也可以用浏览器的缩放功能（电脑上按Ctrl键和+键，手机上用双指张开）放大文字。</p>
"#;

#[test]
fn the_statement_is_made_in_every_language_and_invents_no_contact() {
    let site = site();
    let files = built(site.path());
    for (path, statement) in [
        ("accessibility/index.html", STATEMENT_EN),
        ("zh/accessibility/index.html", STATEMENT_ZH),
    ] {
        let main = main_of(&files[path]);
        // The fixture has no [contact]: the statement says nothing of how to report a barrier.
        assert!(
            main.contains(&format!("{statement}\n</article>")),
            "{path}:\n{main}"
        );
    }
    let en = &files["accessibility/index.html"];
    assert!(
        en.contains("<title>Accessibility statement · Example Valley Zone</title>"),
        "{en}"
    );
    assert!(en.contains(r#"<nav class="breadcrumbs" aria-label="Breadcrumb" data-pagefind-ignore><ol><li><a href="/zone/">Example Valley Zone</a></li><li aria-current="page">Accessibility statement</li></ol></nav>"#), "{en}");
    assert!(
        en.contains(r#"<li><a href="/zone/zh/accessibility/" lang="zh-Hans" hreflang="zh-Hans">中文</a></li>"#),
        "the language switcher leads to the other statement: {en}"
    );
    let sitemap = &files["sitemap.xml"];
    for loc in [
        "<loc>https://example.org/zone/accessibility/</loc>",
        "<loc>https://example.org/zone/zh/accessibility/</loc>",
    ] {
        assert!(sitemap.contains(loc), "{sitemap}");
    }
    let report = check(site.path());
    assert!(report.contains("warning[contact-missing]: the site has no contact details: investors look for them first, and the accessibility statement cannot say where to report a barrier\n  --> site.toml\n"), "{report}");
    assert!(!report.contains("statement-no-contact"), "{report}");
}

#[test]
fn every_page_links_the_statement_of_its_language_from_its_foot() {
    let site = site();
    let files = built(site.path());
    let pages: Vec<&String> = files.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 6, "{pages:?}");
    for path in pages {
        let link = if path.starts_with("zh/") {
            r#" · <a href="/zone/zh/accessibility/">无障碍声明</a></p>"#
        } else {
            r#" · <a href="/zone/accessibility/">Accessibility</a></p>"#
        };
        let html = &files[path];
        let foot = &html[html.find("<footer").expect("a footer")..];
        assert!(foot.contains(link), "{path}: {foot}");
    }
}

#[test]
fn the_statement_says_how_to_report_a_barrier_with_the_fact_sheets_contact() {
    let site = site();
    with_toml(
        site.path(),
        "\n[contact]\noffice = { en = \"Investment office\", zh = \"投资促进局\" }\nphone = \"+86 24 0000 0000\"\nemail = \"invest@example.org\"\nenquiry_url = \"https://example.org/enquiry\"\n",
    );
    let files = built(site.path());
    let en = main_of(&files["accessibility/index.html"]);
    assert!(
        en.contains(&format!(
            "{STATEMENT_EN}\n  <h2 id=\"report\">Report a barrier</h2>\n  <p>If something on this site is hard to use, or you need its information in another form, please tell us:</p>\n  <ul>\n    <li>Phone: <a href=\"tel:+862400000000\">+86 24 0000 0000</a></li>\n    <li>Email: <a href=\"mailto:invest@example.org\">invest@example.org</a></li>\n    <li><a href=\"https://example.org/enquiry\">Send an enquiry</a></li>\n  </ul>\n\n</article>"
        )),
        "{en}"
    );
    let zh = main_of(&files["zh/accessibility/index.html"]);
    assert!(
        zh.contains("  <h2 id=\"report\">反馈问题</h2>\n  <p>如果您在使用本网站时遇到困难，或需要以其他形式获取其中的信息，请告诉我们：</p>\n  <ul>\n    <li>电话：<a href=\"tel:+862400000000\">+86 24 0000 0000</a></li>\n    <li>电子邮件：<a href=\"mailto:invest@example.org\">invest@example.org</a></li>\n    <li><a href=\"https://example.org/enquiry\">在线咨询</a></li>\n  </ul>\n"),
        "{zh}"
    );
    let report = check(site.path());
    assert!(!report.contains("contact-missing"), "{report}");
    assert!(!report.contains("statement-no-contact"), "{report}");
}

#[test]
fn check_warns_when_the_contact_gives_no_way_to_report_a_barrier() {
    let site = site();
    with_toml(
        site.path(),
        "\n[contact]\noffice = { en = \"Investment office\", zh = \"投资促进局\" }\naddress = { en = \"1 Example Road\", zh = \"示例路1号\" }\n",
    );
    let files = built(site.path());
    assert!(
        !files["accessibility/index.html"].contains("Report a barrier"),
        "no heading over nothing"
    );
    let report = check(site.path());
    assert!(report.contains("warning[statement-no-contact]: the accessibility statement cannot say where to report a barrier: [contact] has no phone, email or enquiry_url\n"), "{report}");
    assert!(report.contains("  = hint: add phone, email or enquiry_url to [contact], or write the statement yourself in content/accessibility.md\n"), "{report}");
    assert!(!report.contains("contact-missing"), "{report}");
}

#[test]
fn an_editors_own_statement_wins_in_its_language() {
    let site = site();
    std::fs::write(
        site.path().join("content/accessibility.md"),
        "+++\ntitle = \"Our accessibility\"\n+++\n\nWe tested every page with readers.\n",
    )
    .unwrap();
    let files = built(site.path());
    let en = &files["accessibility/index.html"];
    assert!(
        en.contains("<h1>Our accessibility</h1>")
            && en.contains("We tested every page with readers."),
        "{en}"
    );
    assert!(!en.contains("How it is tested"), "{en}");
    // The Chinese statement is still made, and leads to the editor's English one.
    let zh = &files["zh/accessibility/index.html"];
    assert!(zh.contains("<h1>无障碍声明</h1>"), "{zh}");
    let about = &files["about-us/index.html"];
    assert!(
        about.contains(r#" · <a href="/zone/accessibility/">Accessibility</a></p>"#),
        "{about}"
    );
    let sitemap = &files["sitemap.xml"];
    assert_eq!(
        sitemap
            .matches("<loc>https://example.org/zone/accessibility/</loc>")
            .count(),
        1,
        "{sitemap}"
    );
    // Nothing is made over a Chinese one either, and check no longer asks for a contact for it.
    std::fs::write(
        site.path().join("content/accessibility.zh.md"),
        "+++\ntitle = \"我们的无障碍工作\"\n+++\n\n每个页面都请读者试用过。\n",
    )
    .unwrap();
    let files = built(site.path());
    assert!(files["zh/accessibility/index.html"].contains("<h1>我们的无障碍工作</h1>"));
    let report = check(site.path());
    assert!(report.contains("warning[contact-missing]: the site has no contact details: investors look for them first\n"), "{report}");
}

#[test]
fn every_page_has_the_easy_reading_button_in_its_language() {
    let site = site();
    let files = built(site.path());
    for (path, button) in [
        ("index.html", "Easy reading"),
        ("about-us/index.html", "Easy reading"),
        ("404.html", "Easy reading"),
        ("accessibility/index.html", "Easy reading"),
        ("zh/index.html", "长者模式"),
        ("zh/404.html", "长者模式"),
    ] {
        let html = &files[path];
        let masthead = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
        assert!(
            masthead.contains(&format!(
                "<button type=\"button\" class=\"easy-toggle\" aria-pressed=\"false\">{button}</button>"
            )),
            "{path}: {masthead}"
        );
        // The mode is set in the head, before the page is drawn, from this device's choice.
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains("localStorage.getItem(key) === \"on\"")
                && head.contains("root.setAttribute(\"data-easy\", on ? \"on\" : \"off\");"),
            "{path}: {head}"
        );
    }
}
