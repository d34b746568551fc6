//! Pages in a real browser: Debian's headless Chromium, driven over the DevTools protocol. The live
//! preview follows saves, shows the problem of a broken save and loses it once fixed, without
//! anyone touching the browser; the theme's menu works on a phone with JavaScript off, and the
//! statistics page prints in black and white without navigation, a zone's own colours read on
//! every surface in light and dark mode, and the easy-reading mode stays on from page to page
//! until it is turned off.
//!
//! Without Chromium the tests are listed as ignored with the reason (the build script looks for
//! it on PATH), except under `CI=true`, where they run and fail.

mod common;

use std::path::Path;

use serde_json::{Value, json};

use common::browser::{Browser, browser};
use common::server::Server;

fn edit(root: &Path, from: &str, to: &str) {
    common::edit(root, &[("content/about.md", from, to)]);
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn the_open_page_follows_the_editor() {
    let Some(mut browser) = browser() else { return };
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let server = Server::start(root);
    browser.call(
        "Page.navigate",
        json!({ "url": format!("{}about-us/", server.address) }),
    );
    browser.wait_for_text("the page", |t| t.contains("We count 1,152 firms."));

    edit(root, "We count", "Right now we count");
    browser.wait_for_text("the edit, reloaded by itself", |t| {
        t.contains("Right now we count 1,152 firms.")
    });

    edit(root, "title = \"About\"", "title = About");
    browser.wait_for_text("the problem shown over the page", |t| {
        t.contains("content/about.md:2:9") && t.contains("The site could not be rebuilt")
    });

    edit(root, "title = About", "title = \"About us\"");
    browser.wait_for_text("the fixed page without the problem", |t| {
        !t.contains("could not be rebuilt") && t.contains("About us")
    });
    let overlay = browser.eval("document.getElementById('zonesite-problems') === null");
    assert_eq!(overlay, Value::Bool(true));

    // A stylesheet edit is swapped in under its new content-hashed name, without a reload.
    browser.eval("window.notReloaded = true");
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(
        root.join("static/style.css"),
        "body { color: rgb(1, 2, 3); }\n",
    )
    .unwrap();
    browser.wait_until(
        "the new stylesheet",
        "getComputedStyle(document.body).color === 'rgb(1, 2, 3)'",
    );
    assert_eq!(
        browser.eval("window.notReloaded === true"),
        Value::Bool(true)
    );
}

impl Browser {
    /// Shows `url` in a window `width` pixels wide with JavaScript off, once it has loaded.
    fn open_without_javascript(&mut self, url: &str, width: u32) {
        self.call(
            "Emulation.setScriptExecutionDisabled",
            json!({ "value": true }),
        );
        self.open(url, width);
    }

    /// Shows `url` of the example site in a window `width` pixels wide, once it has loaded.
    fn open(&mut self, url: &str, width: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 740, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for_text("the page", |t| t.contains("Shenyang"));
        // The text shows before the stylesheets have loaded; the layout is what is tested.
        self.wait_until("the stylesheets", "document.readyState === 'complete'");
    }

    /// How many of the main menu's links the browser draws.
    fn visible_menu_links(&mut self) -> u64 {
        let shown =
            "[...document.querySelectorAll('.menu nav a')].filter(a => a.checkVisibility()).length";
        self.eval(shown).as_u64().unwrap()
    }

    /// Taps the element `selector` names where it is drawn, like a finger would.
    fn tap(&mut self, selector: &str) {
        let centre = self.eval(&format!(
            "(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (centre[0].as_f64().unwrap(), centre[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn the_menu_opens_on_a_phone_without_javascript() {
    let Some(mut browser) = browser() else { return };
    let site = common::example_site();
    let server = Server::start(site.path());
    let menu_entries = 5;

    browser.open_without_javascript(&server.address, 360);
    assert_eq!(
        browser.visible_menu_links(),
        0,
        "the menu starts folded on a phone"
    );
    browser.tap(".menu summary");
    assert_eq!(
        browser.visible_menu_links(),
        menu_entries,
        "a tap opens the menu"
    );
    let statistics = browser.eval(
        "(() => { const a = [...document.querySelectorAll('.menu nav a')].find(a => a.textContent === 'Statistics'); const r = a.getBoundingClientRect(); return [r.width, r.height, r.right, innerWidth]; })()",
    );
    let [width, height, right, window] = [0, 1, 2, 3].map(|i| statistics[i].as_f64().unwrap());
    assert!(
        width >= 24.0 && height >= 24.0 && right <= window,
        "menu links are whole, tappable targets: {statistics}"
    );
    browser.tap(".menu summary");
    assert_eq!(
        browser.visible_menu_links(),
        0,
        "a second tap folds it again"
    );

    browser.open_without_javascript(&server.address, 1280);
    assert_eq!(
        browser.visible_menu_links(),
        menu_entries,
        "a wide screen shows the menu as it is"
    );
    let button = browser.eval("document.querySelector('.menu summary').checkVisibility()");
    assert_eq!(
        button,
        Value::Bool(false),
        "no menu button on a wide screen"
    );
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn the_statistics_page_prints_as_a_black_and_white_fact_sheet() {
    let Some(mut browser) = browser() else { return };
    let site = common::example_site();
    let server = Server::start(site.path());
    browser.open_without_javascript(&format!("{}statistics/", server.address), 1280);
    let colour = "getComputedStyle(document.querySelector('.tile-value')).color";
    assert_ne!(
        browser.eval(colour),
        json!("rgb(0, 0, 0)"),
        "the zone's colour on screen"
    );
    browser.call("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    assert_eq!(
        browser.eval(colour),
        json!("rgb(0, 0, 0)"),
        "black on paper"
    );
    let hidden = "['.menu', '.languages', '.footer-links'].every(s => !document.querySelector(s).checkVisibility())";
    assert_eq!(
        browser.eval(hidden),
        Value::Bool(true),
        "no navigation on paper"
    );
    let shown =
        "[...document.querySelectorAll('.tile, .chart, table')].every(e => e.checkVisibility())";
    assert_eq!(
        browser.eval(shown),
        Value::Bool(true),
        "every figure, chart and table printed"
    );
}

/// Every element with text of its own whose colour has less than 4.5:1 contrast with the first
/// background behind it, as `tag.class "text": ratio` (the WCAG formula, as axe computes it).
const LOW_CONTRAST: &str = r#"(() => {
  const channels = (css) => css.match(/[\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const behind = (e) => {
    for (; e; e = e.parentElement) {
      const c = channels(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('svg') || !e.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const [a, b] = [luminance(channels(getComputedStyle(e).color)), luminance(behind(e))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${e.localName}.${e.className} "${e.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}`);
  }
  return low;
})()"#;

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn the_zones_own_colours_read_on_every_surface_in_light_and_dark_mode() {
    let Some(mut browser) = browser() else { return };
    let site = common::example_site();
    // A mid green that once failed on every dark panel, and a yellow accent.
    common::edit(
        site.path(),
        &[(
            "site.toml",
            "palette = \"harbour\"",
            "palette = \"forest\"\nprimary = \"#628d75\"\naccent = \"#ffd400\"",
        )],
    );
    let server = Server::start(site.path());
    for page in [
        "",
        "industries/",
        "industries/life-and-health/",
        "statistics/",
    ] {
        browser.open_without_javascript(&format!("{}{page}", server.address), 1280);
        for scheme in ["light", "dark"] {
            browser.call(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
            );
            assert_eq!(
                browser.eval(LOW_CONTRAST),
                json!([]),
                "/{page} in {scheme} mode"
            );
        }
    }
}

/// Everything a page of the site asks for or links to: `[kind, resolved address]` pairs.
const ADDRESSES: &str = "[...document.querySelectorAll('a[href], link[href], img[src], script[src], source[srcset]')].map(e => [e.localName, e.localName === 'source' ? e.srcset : (e.href || e.src)])";

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn the_site_works_opened_from_disk_with_index_html_links() {
    let Some(mut browser) = browser() else { return };
    let site = common::example_site();
    common::append(
        site.path(),
        "site.toml",
        "[publish]\nlinks = \"index-html\"",
    );
    // Pictures too: a logo on every page, and one beside a page's markdown.
    common::edit(
        site.path(),
        &[
            (
                "site.toml",
                "palette = \"harbour\"",
                "palette = \"harbour\"\nlogo = \"favicon.svg\"",
            ),
            (
                "content/industries/life-and-health.md",
                "See also:",
                "![The zone's emblem](emblem.svg)\n\nSee also:",
            ),
        ],
    );
    std::fs::copy(
        site.path().join("static/favicon.svg"),
        site.path().join("content/industries/emblem.svg"),
    )
    .unwrap();
    let output = site.path().join("out");
    zonesite::build(&zonesite::BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(output.clone()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("the example builds with index-html links: {e:?}"));
    let output = output.canonicalize().unwrap();
    browser.call("Network.enable", json!({}));

    // Every page reached by following links from the home page, as a visitor clicking would.
    let start = format!("file://{}/index.html", output.display());
    let mut queue = std::collections::VecDeque::from([start.clone()]);
    let mut seen = std::collections::BTreeSet::from([start]);
    let mut anchors: Vec<(String, String, String)> = Vec::new();
    let mut ids: std::collections::HashMap<String, std::collections::HashSet<String>> =
        std::collections::HashMap::new();
    let mut problems = Vec::new();
    let mut checked_files = 0;
    while let Some(page) = queue.pop_front() {
        browser.call("Page.navigate", json!({ "url": page }));
        browser.wait_until(
            &format!("{page} to load"),
            &format!(
                "location.href === {} && document.readyState === 'complete'",
                json!(page)
            ),
        );
        let own: Vec<Value> = serde_json::from_value(
            browser.eval("[...document.querySelectorAll('[id]')].map(e => e.id)"),
        )
        .unwrap();
        ids.insert(
            page.clone(),
            own.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        );
        for image in browser
            .eval("[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
            .as_array()
            .unwrap()
        {
            problems.push(format!("{page}: the picture {image} does not show"));
        }
        for pair in browser.eval(ADDRESSES).as_array().unwrap() {
            let (kind, address) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            let Some(local) = address.strip_prefix("file://") else {
                assert!(
                    address.starts_with("https://")
                        || address.starts_with("http://")
                        || address.starts_with("mailto:"),
                    "{page}: <{kind}> leads to {address}"
                );
                continue;
            };
            let (path, fragment) = local.split_once('#').unwrap_or((local, ""));
            let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
            let file = Path::new(path.as_ref());
            checked_files += 1;
            if !file.starts_with(&output) {
                problems.push(format!(
                    "{page}: <{kind}> leads out of the site, to {address}"
                ));
            } else if !file.is_file() {
                problems.push(format!(
                    "{page}: <{kind}> leads to {address}, which is no file"
                ));
            } else if path.ends_with(".html") {
                let target = format!("file://{path}");
                if !fragment.is_empty() {
                    anchors.push((page.clone(), target.clone(), fragment.to_owned()));
                }
                if seen.insert(target.clone()) {
                    queue.push_back(target);
                }
            }
        }
    }
    for (url, why) in &browser.failed_loads {
        problems.push(format!("{url} failed to load: {why}"));
    }
    // A link to a place on a page leads to an element with that id.
    for (from, target, fragment) in anchors {
        let fragment = percent_encoding::percent_decode_str(&fragment).decode_utf8_lossy();
        if !ids[&target].contains(fragment.as_ref()) {
            problems.push(format!("{from}: no element #{fragment} on {target}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let pages = seen.len();
    assert!(
        pages >= 45,
        "following links from the home page reached only {pages} pages"
    );
    eprintln!("followed {checked_files} links and pictures on {pages} pages opened from disk");
}

impl Browser {
    /// The page's easy-reading state: the mode, the button's `aria-pressed`, the text's size.
    fn easy_reading(&mut self) -> Value {
        self.eval(
            "[document.documentElement.dataset.easy, document.querySelector('.easy-toggle').getAttribute('aria-pressed'), getComputedStyle(document.documentElement).fontSize]",
        )
    }
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn easy_reading_stays_on_from_page_to_page_until_it_is_turned_off() {
    let Some(mut browser) = browser() else { return };
    let site = common::example_site();
    let server = Server::start(site.path());
    browser.open(&server.address, 360);
    assert_eq!(
        browser.eval("document.querySelector('.easy-toggle').checkVisibility()"),
        Value::Bool(true),
        "the button is shown where JavaScript runs"
    );
    assert_eq!(browser.easy_reading(), json!(["off", "false", "16px"]));

    browser.tap(".easy-toggle");
    assert_eq!(browser.easy_reading(), json!(["on", "true", "20px"]));

    // Follow the foot's link to the accessibility statement, as a reader would.
    let link = ".footer-links a[href$=\"/accessibility/\"]";
    browser.eval(&format!(
        "document.querySelector('{link}').scrollIntoView({{ block: 'center', behavior: 'instant' }})"
    ));
    browser.tap(link);
    browser.wait_until(
        "the statement",
        "location.pathname === '/accessibility/' && document.readyState === 'complete'",
    );
    assert_eq!(
        browser.easy_reading(),
        json!(["on", "true", "20px"]),
        "still on after following a link"
    );
    assert_eq!(
        browser.eval("document.documentElement.scrollWidth <= innerWidth"),
        Value::Bool(true),
        "nothing wider than a phone"
    );
    for scheme in ["light", "dark"] {
        browser.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
        assert_eq!(
            browser.eval(LOW_CONTRAST),
            json!([]),
            "easy reading in {scheme} mode"
        );
    }
    let page = "getComputedStyle(document.documentElement).backgroundColor";
    assert_eq!(
        browser.eval(page),
        json!("rgb(0, 0, 0)"),
        "black in the dark"
    );
    browser.call("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    assert_eq!(
        browser.eval(&format!(
            "[{page}, getComputedStyle(document.documentElement).fontSize]"
        )),
        json!(["rgb(255, 255, 255)", "14px"]),
        "paper prints as usual"
    );
    browser.call("Emulation.setEmulatedMedia", json!({ "media": "" }));

    browser.tap(".easy-toggle");
    assert_eq!(browser.easy_reading(), json!(["off", "false", "16px"]));
    browser.call("Page.reload", json!({}));
    browser.wait_until(
        "the page again",
        "document.readyState === 'complete' && document.querySelector('.easy-toggle') !== null",
    );
    assert_eq!(
        browser.easy_reading(),
        json!(["off", "false", "16px"]),
        "still off after a reload"
    );

    browser.open_without_javascript(&server.address, 360);
    assert_eq!(
        browser.eval("document.querySelector('.easy-toggle').checkVisibility()"),
        Value::Bool(false),
        "no button that could do nothing without JavaScript"
    );
}
