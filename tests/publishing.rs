//! Publishing to each host (`[publish] host`): the files each host reads, the links written for a
//! site opened from disk (`links = "index-html"`), robots.txt under a sub-path, and what `check`
//! tells the editor a host still needs.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use zonesite::OutsideLinks;
use zonesite::diagnostic::Diagnostic;

/// The example site with `publish` as its `[publish]` table and, when given, another base_url;
/// the profile page has an old address, so that hosts that redirect have something to redirect.
fn example(publish: &str, base_url: Option<&str>) -> tempfile::TempDir {
    let site = common::example_site();
    if let Some(url) = base_url {
        let example = "base_url = \"https://example.org/\"";
        common::edit(
            site.path(),
            &[("site.toml", example, &format!("base_url = \"{url}\""))],
        );
    }
    common::append(site.path(), "site.toml", &format!("[publish]\n{publish}"));
    common::edit(
        site.path(),
        &[(
            "content/profile.md",
            "weight = 10\n",
            "weight = 10\naliases = [\"/about/\", \"/关于/\"]\n",
        )],
    );
    site
}

/// Every file the site builds to.
fn files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    common::generated(site, None)
}

/// The text of a built file that must be there.
fn text<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", files.keys()));
    std::str::from_utf8(bytes).unwrap()
}

/// What `check` says, as `code: message` lines, of the codes about publishing.
fn publishing_findings(site: &Path) -> Vec<String> {
    zonesite::check(site, 5, OutsideLinks::Refuse, Default::default())
        .iter()
        .filter(|d| {
            ["host-", "robots-"]
                .iter()
                .any(|c| d.code.as_str().starts_with(c))
        })
        .map(|d: &Diagnostic| {
            format!(
                "{:?} {}: {}\n  hint: {}",
                d.severity,
                d.code.as_str(),
                d.message,
                d.hint.as_deref().unwrap_or("")
            )
        })
        .collect()
}

/// The hashed stylesheets the example links, as `_headers` names them.
fn hashed_assets(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    files
        .keys()
        .filter(|p| (p.ends_with(".css") || p.ends_with(".js")) && p.matches('.').count() == 2)
        .map(|p| format!("/{p}"))
        .collect()
}

#[test]
fn a_plain_host_gets_the_pages_and_nothing_else() {
    let site = example("host = \"plain\"", None);
    let files = files(site.path());
    for host_file in [".nojekyll", "_headers", "_redirects"] {
        assert!(!files.contains_key(host_file), "{host_file} is written");
    }
    assert!(files.contains_key("404.html"), "the 404 page is at the top");
    assert!(
        text(&files, "about/index.html")
            .contains("<meta http-equiv=\"refresh\" content=\"0; url=/profile/\">"),
        "an old address is a redirect page"
    );
    assert!(files.contains_key("关于/index.html"));
    assert_eq!(publishing_findings(site.path()), Vec::<String>::new());
}

#[test]
fn github_pages_gets_nojekyll_and_redirect_pages() {
    let site = example("host = \"github-pages\"", None);
    let files = files(site.path());
    assert_eq!(text(&files, ".nojekyll"), "");
    assert!(!files.contains_key("_headers") && !files.contains_key("_redirects"));
    assert!(files.contains_key("about/index.html"));
    assert!(files.contains_key("404.html"));
    assert_eq!(publishing_findings(site.path()), Vec::<String>::new());
}

#[test]
fn netlify_gets_headers_redirects_and_a_404_page_per_language() {
    let site = example("host = \"netlify\"", None);
    let files = files(site.path());
    let [script, style, theme] = hashed_assets(&files).try_into().unwrap();
    assert_eq!(
        text(&files, "_headers"),
        format!(
            "# Written by zonesite for [publish] host = \"netlify\"; a build replaces it.\n\
             # Files whose names carry a hash of their content never change: browsers keep them a\n\
             # year. Everything else is checked on every visit.\n\n\
             /*\n  Cache-Control: public, max-age=0, must-revalidate\n  X-Content-Type-Options: nosniff\n\n\
             {script}\n  Cache-Control: public, max-age=31536000, immutable\n\n\
             {style}\n  Cache-Control: public, max-age=31536000, immutable\n\n\
             {theme}\n  Cache-Control: public, max-age=31536000, immutable\n"
        )
    );
    assert_eq!(
        text(&files, "_redirects"),
        "# Written by zonesite for [publish] host = \"netlify\"; a build replaces it.\n\
         # Old addresses of pages (`aliases` in their front matter) lead to where they are now.\n\
         /about/ /profile/ 301\n\
         /%E5%85%B3%E4%BA%8E/ /profile/ 301\n\
         /zh/* /zh/404.html 404\n"
    );
    assert!(
        !files.contains_key("about/index.html"),
        "no redirect page where the host redirects"
    );
    assert!(files.contains_key("404.html") && files.contains_key("zh/404.html"));
    assert!(!files.contains_key(".nojekyll"));
    assert_eq!(publishing_findings(site.path()), Vec::<String>::new());
}

#[test]
fn cloudflare_pages_takes_the_site_wide_cache_header_off_hashed_files() {
    let site = example("host = \"cloudflare-pages\"", None);
    let files = files(site.path());
    let headers = text(&files, "_headers");
    for stylesheet in hashed_assets(&files) {
        assert!(
            headers.contains(&format!(
                "\n{stylesheet}\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable\n"
            )),
            "{headers}"
        );
    }
    let redirects = text(&files, "_redirects");
    assert!(redirects.ends_with("/about/ /profile/ 301\n/%E5%85%B3%E4%BA%8E/ /profile/ 301\n"));
    assert!(
        !redirects.contains(" 404"),
        "Cloudflare finds each language's 404.html by itself"
    );
    assert!(
        files.contains_key("404.html"),
        "without it Cloudflare serves the home page for every missing address"
    );
}

#[test]
fn gitlab_pages_gets_redirects_but_no_headers() {
    let site = example("host = \"gitlab-pages\"", None);
    let files = files(site.path());
    assert!(text(&files, "_redirects").contains("\n/about/ /profile/ 301\n"));
    assert!(!files.contains_key("_headers") && !files.contains_key(".nojekyll"));
    assert!(!files.contains_key("about/index.html"));
}

#[test]
fn object_storage_hosts_say_what_to_set_in_their_consoles() {
    let site = example("host = \"oss\"", None);
    let files = files(site.path());
    assert!(!files.contains_key("_headers") && !files.contains_key("_redirects"));
    assert_eq!(
        publishing_findings(site.path()),
        [
            "Note host-needs-setup: Alibaba Cloud OSS serves a page at /profile/ only with its sub-folder home page turned on, and shows pages (rather than downloading them) only on a domain of your own\n  hint: in the OSS console, under the bucket's Static Pages: Default Homepage index.html, Subfolder Homepage on, Default 404 Page 404.html; then bind your domain under Domain Names (a domain in mainland China needs an ICP filing)"
        ]
    );

    let site = example("host = \"s3\"", None);
    assert_eq!(
        publishing_findings(site.path()),
        [
            "Note host-needs-setup: Amazon S3 serves a page at /profile/ only through the bucket's website endpoint, not through its REST endpoint (which CloudFront uses by default)\n  hint: turn on Static website hosting with index document index.html and error document 404.html, and point CloudFront (if any) at the website endpoint; or write links = \"index-html\" under [publish], which works on either"
        ]
    );
    let site = example("host = \"s3\"\nlinks = \"index-html\"", None);
    assert_eq!(
        publishing_findings(site.path()),
        [
            "Note host-needs-setup: Amazon S3 shows the site's 404 page only when the bucket is told its name\n  hint: turn on Static website hosting with index document index.html and error document 404.html"
        ]
    );
}

#[test]
fn under_a_sub_path_no_robots_txt_is_written_and_check_says_where_the_line_goes() {
    let site = example("host = \"plain\"", Some("https://www.example.gov.cn/zone/"));
    let built = files(site.path());
    assert!(!built.contains_key("robots.txt"));
    assert!(built.contains_key("sitemap.xml"));
    assert_eq!(
        publishing_findings(site.path()),
        [
            "Note robots-sub-path: the site is published under /zone/, and search engines read robots.txt only at the root of a host, so zonesite writes none: they will not find the sitemap by themselves\n  hint: ask whoever runs https://www.example.gov.cn/ to add this line to https://www.example.gov.cn/robots.txt:\nSitemap: https://www.example.gov.cn/zone/sitemap.xml"
        ]
    );
    let site = example("host = \"plain\"", None);
    assert_eq!(
        text(&files(site.path()), "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    );
}

#[test]
fn a_host_that_serves_the_folder_at_its_root_is_told_the_base_url_has_a_path() {
    let site = example("host = \"netlify\"", Some("https://zone.netlify.app/zone/"));
    let findings = publishing_findings(site.path());
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert_eq!(
        findings[1],
        "Warning host-serves-root: Netlify publishes the output folder at the root of its address, but base_url puts the site under /zone/: every link would lead nowhere\n  hint: write base_url as the address alone, for example base_url = \"https://your-zone.netlify.app/\", or choose another host"
    );
}

#[test]
fn index_html_links_are_relative_except_on_the_404_page() {
    let site = example("links = \"index-html\"", Some("https://example.org/zone/"));
    let files = files(site.path());
    let industry = text(&files, "zh/industries/life-and-health/index.html");
    assert!(
        industry.contains("<a href=\"../../profile/index.html\""),
        "{industry}"
    );
    assert!(industry.contains("href=\"../../../style."));
    assert!(
        !industry.contains("href=\"/zone/"),
        "no link from the host's root"
    );
    let not_found = text(&files, "zh/404.html");
    assert!(
        not_found.contains("href=\"/zone/zh/index.html\""),
        "{not_found}"
    );
    assert!(
        !not_found.contains("href=\"../"),
        "a 404 page is served at any address"
    );
    assert!(
        text(&files, "about/index.html").contains("content=\"0; url=../profile/index.html\""),
        "an old address leads on relatively too"
    );
}

#[test]
fn a_misspelt_host_is_an_error_that_names_the_host_meant() {
    let cases = [
        (
            "host = \"githb-pages\"",
            "error[toml-unknown-value]: \"githb-pages\" is not a host zonesite knows\n  --> site.toml:404:8\n    |\n404 | host = \"githb-pages\"\n    |        ^\n  = hint: did you mean host = \"github-pages\"?\n",
        ),
        (
            "host = \"阿里云\"",
            "error[toml-unknown-value]: \"阿里云\" is not a host zonesite knows\n  --> site.toml:404:8\n    |\n404 | host = \"阿里云\"\n    |        ^\n  = hint: did you mean host = \"oss\"?\n",
        ),
        (
            "host = \"usb\"",
            "error[toml-unknown-value]: \"usb\" is not a host zonesite knows\n  --> site.toml:404:8\n    |\n404 | host = \"usb\"\n    |        ^\n  = hint: a copy for a USB stick or a disk is not a host: build it with `zonesite build --links index-html --output usb-copy`\n",
        ),
        (
            "host = [\"github-pages\", \"oss\"]",
            "error[toml-wrong-type]: a site has one host: each build is for one of them\n  --> site.toml:404:8\n    |\n404 | host = [\"github-pages\", \"oss\"]\n    |        ^\n  = hint: for example: host = \"github-pages\"\n",
        ),
        (
            "links = true",
            "error[toml-wrong-type]: `links` takes one word in double quotes\n  --> site.toml:404:9\n    |\n404 | links = true\n    |         ^\n  = hint: for example: links = \"index-html\"\n",
        ),
        (
            "links = \"index.html\"",
            "error[toml-unknown-value]: \"index.html\" is not a way of writing links zonesite knows\n  --> site.toml:404:9\n    |\n404 | links = \"index.html\"\n    |         ^\n  = hint: did you mean links = \"index-html\"?\n",
        ),
    ];
    for (line, report) in cases {
        let site = example(line, None);
        assert_eq!(common::errors(site.path()), report, "{line}");
    }
}

#[test]
fn a_host_written_as_people_write_it_is_understood() {
    for line in ["host = \"GitHub Pages\"", "host = \" github_pages \""] {
        let site = example(line, None);
        assert!(files(site.path()).contains_key(".nojekyll"), "{line}");
    }
    let site = example("links = \"Index-HTML\"", None);
    assert!(text(&files(site.path()), "index.html").contains("href=\"profile/index.html\""));
}

#[test]
fn the_command_line_makes_a_copy_for_disk_without_touching_site_toml() {
    let site = example("host = \"github-pages\"", None);
    let before = std::fs::read(site.path().join("site.toml")).unwrap();
    let usb = site.path().join("usb-copy");
    zonesite::build(&zonesite::BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(usb.clone()),
        links: Some(zonesite::LinkStyle::IndexHtml),
        ..Default::default()
    })
    .unwrap();
    let home = std::fs::read_to_string(usb.join("index.html")).unwrap();
    assert!(home.contains("href=\"profile/index.html\""), "{home}");
    assert!(
        usb.join(".nojekyll").is_file(),
        "the host's files still come"
    );
    assert_eq!(
        std::fs::read(site.path().join("site.toml")).unwrap(),
        before
    );
}

#[test]
fn check_follows_relative_links_to_find_every_page_reachable() {
    let site = example("links = \"index-html\"", None);
    let unreachable: Vec<String> =
        zonesite::check(site.path(), 5, OutsideLinks::Refuse, Default::default())
            .iter()
            .filter(|d| d.code.as_str() == "page-unreachable")
            .map(|d| format!("{:?}", d.location))
            .collect();
    assert_eq!(unreachable, Vec::<String>::new());
    // A page no link leads to is still found.
    let site = common::fixture("review", "base");
    common::append(
        site.path(),
        "site.toml",
        "[publish]\nlinks = \"index-html\"",
    );
    let findings = zonesite::check(site.path(), 5, OutsideLinks::Refuse, Default::default());
    let unreachable: Vec<&str> = findings
        .iter()
        .filter(|d| d.code.as_str() == "page-unreachable")
        .filter_map(|d| d.location.as_ref().map(|l| l.file.as_str()))
        .collect();
    assert_eq!(unreachable, ["content/orphan.md"]);
}

#[test]
fn an_address_of_one_host_with_another_named_is_a_warning_of_the_build() {
    let site = example("host = \"github-pages\"", Some("https://zone.netlify.app/"));
    let generated = zonesite::generate(site.path(), None, false).unwrap();
    let warnings: Vec<String> = generated
        .warnings
        .iter()
        .filter(|d| d.code.as_str().starts_with("host-"))
        .map(|d| {
            format!(
                "{}: {}\n  hint: {}",
                d.code.as_str(),
                d.message,
                d.hint.as_deref().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            "host-address-mismatch: base_url is an address of Netlify, but [publish] host is \"github-pages\": the files Netlify reads would be missing\n  hint: write host = \"netlify\" under [publish], at the end of site.toml"
        ]
    );
    let site = example(
        "links = \"folders\"",
        Some("https://zonecomms.github.io/zone/"),
    );
    let generated = zonesite::generate(site.path(), None, false).unwrap();
    assert!(
        generated.warnings.iter().any(|d| d.message
            == "base_url is an address of GitHub Pages, but [publish] names no host: the files GitHub Pages reads would be missing"),
        "{:?}",
        generated.warnings
    );
}

#[test]
fn notes_about_a_host_do_not_fail_a_strict_check() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("content")).unwrap();
    std::fs::write(
        site.path().join("site.toml"),
        "[site]\ntitle = \"Harbour Zone\"\nbase_url = \"https://www.harbour-zone.org/zone/\"\n\n[contact]\noffice = \"Investment office\"\nemail = \"office@harbour-zone.org\"\n\n[publish]\nhost = \"oss\"\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/_index.md"),
        "+++\ntitle = \"Harbour Zone\"\n+++\n\nWelcome to the zone.\n",
    )
    .unwrap();
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(["check", "--strict", "--root", site.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stdout}{stderr}");
    assert!(
        stderr.contains("note[host-needs-setup]: Alibaba Cloud OSS"),
        "{stderr}"
    );
    assert!(stderr.contains("note[robots-sub-path]: "), "{stderr}");
    assert_eq!(
        stdout,
        "Checked: 0 errors, 0 warnings, 2 notes; ready to publish once the notes are seen to.\n"
    );
}

#[test]
fn check_checks_what_build_would_build_with_the_same_flags() {
    let site = example("host = \"netlify\"", None);
    let overrides = zonesite::Overrides {
        base_url: Some("https://zone.netlify.app/zone/"),
        links: Some(zonesite::LinkStyle::IndexHtml),
        unsaved: None,
    };
    let codes: Vec<&str> = zonesite::check(site.path(), 5, OutsideLinks::Refuse, overrides)
        .iter()
        .map(|d| d.code.as_str())
        .filter(|code| {
            code.starts_with("host-") || code.starts_with("robots-") || *code == "page-unreachable"
        })
        .collect();
    assert_eq!(codes, ["robots-sub-path", "host-serves-root"]);
}

#[test]
fn a_cname_file_that_contradicts_base_url_is_found() {
    let site = example(
        "host = \"github-pages\"",
        Some("https://zonecomms.github.io/zone/"),
    );
    std::fs::write(site.path().join("static/CNAME"), "www.zone.example.cn\n").unwrap();
    let cname = |site: &Path| -> Vec<String> {
        zonesite::check(site, 5, OutsideLinks::Refuse, Default::default())
            .iter()
            .filter(|d| d.code.as_str() == "cname-mismatch")
            .map(|d| format!("{}\n  hint: {}", d.message, d.hint.as_deref().unwrap_or("")))
            .collect()
    };
    assert_eq!(
        cname(site.path()),
        [
            "static/CNAME names the domain www.zone.example.cn, where GitHub Pages serves the site at the root, but base_url is https://zonecomms.github.io/zone/\n  hint: write base_url = \"https://www.zone.example.cn/\" under [site], or delete static/CNAME if the site has no domain of its own"
        ]
    );
    std::fs::write(
        site.path().join("static/CNAME"),
        "https://www.zone.example.cn/\n",
    )
    .unwrap();
    assert_eq!(
        cname(site.path()),
        [
            "static/CNAME holds `https://www.zone.example.cn/`, but it must hold the domain name alone\n  hint: write only the domain in static/CNAME, for example www.your-zone.gov.cn (no https://, no path)"
        ]
    );
    let site = example(
        "host = \"github-pages\"",
        Some("https://www.zone.example.cn/"),
    );
    std::fs::write(site.path().join("static/CNAME"), "www.zone.example.cn\n").unwrap();
    assert_eq!(cname(site.path()), Vec::<String>::new());
}

#[test]
fn the_bucket_address_oss_gives_is_a_warning_of_the_build() {
    let site = example(
        "host = \"oss\"",
        Some("https://zone.oss-cn-shenyang.aliyuncs.com/"),
    );
    let generated = zonesite::generate(site.path(), None, false).unwrap();
    let messages: Vec<&str> = generated
        .warnings
        .iter()
        .filter(|d| d.code.as_str() == "host-address-mismatch")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "base_url is the address Alibaba Cloud OSS gives the bucket (zone.oss-cn-shenyang.aliyuncs.com), where OSS makes browsers download pages instead of showing them"
        ]
    );
}
