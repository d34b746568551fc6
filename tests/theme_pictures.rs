//! The pictures the theme shows, named in site.toml: the home page's (`[site] picture`), an
//! industry's and the parks' (`picture` on their records), on a copy of the example site built
//! into a temporary folder, with photos made here.

mod common;

use std::path::Path;

use tempfile::TempDir;

/// The home page's picture, in both languages, credited.
const HOME: &str = r#"picture = { file = "images/skyline.jpg", alt = { en = "Towers by a river", zh = "河边的高楼" }, credit = { en = "Photo: A. Lee", zh = "摄影：李安" } }"#;

/// The example site with `edits` (text to find, replacement) made to its site.toml, a photo of
/// 1200 by 800 pixels at static/images/skyline.jpg and a drawing with transparency of 600 by 400
/// at static/images/parks.png.
fn site_with(edits: &[(&str, &str)]) -> TempDir {
    let site = common::example_site();
    let images = site.path().join("static/images");
    std::fs::create_dir_all(&images).unwrap();
    image::RgbImage::from_fn(1200, 800, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    })
    .save(images.join("skyline.jpg"))
    .unwrap();
    image::RgbaImage::from_fn(600, 400, |x, y| {
        image::Rgba([
            30,
            (x % 200) as u8,
            (y % 200) as u8,
            if x < 300 { 255 } else { 0 },
        ])
    })
    .save(images.join("parks.png"))
    .unwrap();
    let edits: Vec<(&str, &str, &str)> = edits.iter().map(|&(f, t)| ("site.toml", f, t)).collect();
    common::edit(site.path(), &edits);
    site
}

/// Puts the home page's picture `line` under `[site]`.
fn home(line: &str) -> (&'static str, String) {
    (
        "safe_markdown = false\n",
        format!("safe_markdown = false\n{line}\n"),
    )
}

/// Builds `site` into a folder of its own, returned with it.
fn build(site: &Path) -> TempDir {
    let output = TempDir::new().unwrap();
    let options = zonesite::BuildOptions {
        root: site.to_path_buf(),
        output: Some(output.path().to_path_buf()),
        ..Default::default()
    };
    if let Err(e) = zonesite::build(&options) {
        panic!("the site should build: {e:?}");
    }
    output
}

/// The first `<figure class="picture">` of a page, with the picture's hash in its versions'
/// names (`skyline.480w.<hash>.webp`) written `HASH`.
fn figure(html: &str) -> String {
    let start = html.find("<figure class=\"picture\">").expect("a figure");
    let end = start + html[start..].find("</figure>").unwrap() + "</figure>".len();
    let figure = &html[start..end];
    match figure.split_once("w.").and_then(|(_, rest)| rest.get(..8)) {
        Some(hash) if hash.bytes().all(|b| b.is_ascii_hexdigit()) => figure.replace(hash, "HASH"),
        _ => figure.to_owned(),
    }
}

/// The `srcset` of a photo `stem` of the example's widths up to `widest` pixels, as `ext`.
fn srcset(stem: &str, widest: u32, ext: &str) -> String {
    [480, 720, 960, widest]
        .iter()
        .map(|w| format!("/images/{stem}.{w}w.HASH.{ext} {w}w"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn the_home_page_shows_its_picture_first_with_its_credit_in_each_language() {
    let (find, replace) = home(HOME);
    let site = site_with(&[(find, &replace)]);
    let out = build(site.path());
    let sizes =
        "(min-width: 72rem) 33rem, (min-width: 60rem) calc(50vw - 3rem), calc(100vw - 2rem)";
    let expected = |alt: &str, credit: &str| {
        format!(
            "<figure class=\"picture\"><picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\"><img src=\"/images/skyline.960w.HASH.jpg\" srcset=\"{}\" sizes=\"{sizes}\" alt=\"{alt}\" width=\"1200\" height=\"800\" fetchpriority=\"high\"></picture><figcaption>{credit}</figcaption></figure>",
            srcset("skyline", 1200, "webp"),
            srcset("skyline", 1200, "jpg"),
        )
    };
    let en = common::read(out.path(), "index.html");
    assert_eq!(figure(&en), expected("Towers by a river", "Photo: A. Lee"));
    assert!(en.contains("<div class=\"wrap hero-split\"><div class=\"hero-words\">"));
    let zh = common::read(out.path(), "zh/index.html");
    assert_eq!(figure(&zh), expected("河边的高楼", "摄影：李安"));
    // Every version is written, at its width, none wider than the original.
    let names: Vec<String> = std::fs::read_dir(out.path().join("images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("w."))
        .collect();
    assert_eq!(names.len(), 8, "{names:?}");
    for name in names {
        let width: u32 = name
            .split('.')
            .nth(1)
            .unwrap()
            .trim_end_matches('w')
            .parse()
            .unwrap();
        let version = image::open(out.path().join("images").join(&name)).unwrap();
        assert_eq!(
            (version.width(), version.height()),
            (width, width * 2 / 3),
            "{name}"
        );
    }
}

#[test]
fn an_industry_and_the_parks_show_their_pictures_at_the_top_of_their_pages() {
    let site = site_with(&[
        (
            "name = { en = \"High-end manufacturing\", zh = \"高端制造\" }\n",
            "name = { en = \"High-end manufacturing\", zh = \"高端制造\" }\npicture = { file = \"images/skyline.jpg\", alt = { en = \"A machine hall\", zh = \"机器车间\" }, credit = \"Photo: A. Lee\" }\n",
        ),
        (
            "count = \"industrial_parks\"\n",
            "count = \"industrial_parks\"\npicture = { file = \"images/parks.png\", alt = { en = \"Map of the parks\", zh = \"园区地图\" }, credit = { en = \"Map: Zone office\", zh = \"地图：管委会\" } }\n",
        ),
    ]);
    let out = build(site.path());
    let sizes = "(min-width: 48rem) 44rem, calc(100vw - 2rem)";
    let industry = |alt: &str| {
        format!(
            "<figure class=\"picture\"><picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\"><img src=\"/images/skyline.960w.HASH.jpg\" srcset=\"{}\" sizes=\"{sizes}\" alt=\"{alt}\" width=\"1200\" height=\"800\" fetchpriority=\"high\"></picture><figcaption>Photo: A. Lee</figcaption></figure>",
            srcset("skyline", 1200, "webp"),
            srcset("skyline", 1200, "jpg"),
        )
    };
    let en = common::read(out.path(), "industries/high-end-manufacturing/index.html");
    assert_eq!(figure(&en), industry("A machine hall"));
    assert!(en.contains("</header><figure class=\"picture\">"));
    let zh = common::read(
        out.path(),
        "zh/industries/high-end-manufacturing/index.html",
    );
    assert_eq!(figure(&zh), industry("机器车间"));
    // Other industries show none.
    let other = common::read(out.path(), "industries/airport-economy/index.html");
    assert!(!other.contains("<figure class=\"picture\">"));
    // A drawing with transparency stays a PNG beside its WebP.
    let parks = |alt: &str, credit: &str| {
        let webp = "/images/parks.480w.HASH.webp 480w, /images/parks.600w.HASH.webp 600w";
        let png = "/images/parks.480w.HASH.png 480w, /images/parks.600w.HASH.png 600w";
        format!(
            "<figure class=\"picture\"><picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\"><img src=\"/images/parks.600w.HASH.png\" srcset=\"{png}\" sizes=\"{sizes}\" alt=\"{alt}\" width=\"600\" height=\"400\" fetchpriority=\"high\"></picture><figcaption>{credit}</figcaption></figure>"
        )
    };
    assert_eq!(
        figure(&common::read(out.path(), "parks/index.html")),
        parks("Map of the parks", "Map: Zone office")
    );
    assert_eq!(
        figure(&common::read(out.path(), "zh/parks/index.html")),
        parks("园区地图", "地图：管委会")
    );
}

/// Without a credit, a picture has no caption.
#[test]
fn an_svg_is_shown_as_it_is_with_its_size() {
    let (find, replace) = home(r#"picture = { file = "images/map.svg", alt = "Map of the zone" }"#);
    let site = site_with(&[(find, &replace)]);
    std::fs::write(
        site.path().join("static/images/map.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"500\"></svg>",
    )
    .unwrap();
    let out = build(site.path());
    assert_eq!(
        figure(&common::read(out.path(), "index.html")),
        "<figure class=\"picture\"><img src=\"/images/map.svg\" alt=\"Map of the zone\" width=\"800\" height=\"500\" fetchpriority=\"high\"></figure>"
    );
}

#[test]
fn a_picture_without_alt_text_is_an_error_at_its_line() {
    let (find, replace) =
        home(r#"picture = { file = "images/skyline.jpg", credit = "Photo: A. Lee" }"#);
    let site = site_with(&[(find, &replace)]);
    assert_eq!(
        common::errors(site.path()),
        r#"error[picture-no-description]: the home page's picture `images/skyline.jpg` has no alt text, the words that say what it shows
  --> site.toml:23:20
   |
23 | picture = { file = "images/skyline.jpg", credit = "Photo: A. Lee" }
   |                    ^
  = hint: add alt = "..." beside file, saying in a few words what the picture shows: screen readers read these words to people who cannot see the picture, and browsers show them when it does not load
"#
    );
}

#[test]
fn a_missing_file_is_named_with_the_file_meant() {
    let (find, replace) = home(&HOME.replace("skyline.jpg", "skyline.jpeg"));
    let site = site_with(&[(find, &replace)]);
    assert_eq!(
        common::errors(site.path()),
        r#"error[picture-missing]: there is no `images/skyline.jpeg` in static/ for the home page's picture
  --> site.toml:23:20
   |
23 | picture = { file = "images/skyline.jpeg", alt = { en = "Towers by a river", zh = "河边的高楼" }, credit = { en = "Photo: A. Lee", zh = "摄影：李安" }…
   |                    ^
  = hint: did you mean `images/skyline.jpg`?
"#
    );
}

#[test]
fn a_file_browsers_cannot_show_is_an_error() {
    let site = site_with(&[(
        "count = \"industrial_parks\"\n",
        "count = \"industrial_parks\"\npicture = { file = \"parks.pdf\", alt = \"Map of the parks\" }\n",
    )]);
    std::fs::write(site.path().join("static/parks.pdf"), "%PDF-1.4\n%...\n").unwrap();
    assert_eq!(
        common::errors(site.path()),
        r#"error[picture-unreadable]: the parks page's picture `parks.pdf` is not a JPEG, PNG, WebP, SVG or GIF picture
  --> site.toml:326:20
    |
326 | picture = { file = "parks.pdf", alt = "Map of the parks" }
    |                    ^
  = hint: browsers show only these: open it on your computer, save it as JPEG (a photo) or PNG (a drawing), and write the name of that file
"#
    );
}
