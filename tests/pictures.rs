//! Pictures as an editor adds them: a phone photo with its GPS position beside a page, built by
//! the command line into a folder, published in several widths without any metadata.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixture, read, snapshot};

/// A JPEG of `width` by `height`, left half red and right half blue, with the EXIF block a phone
/// writes: an orientation, a camera and a GPS position (41°48' N, 123°26' E).
fn phone_photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let shade = (y % 7) as u8;
        if x < width / 2 {
            image::Rgb([200, 30 + shade, 30])
        } else {
            image::Rgb([30, 30 + shade, 200])
        }
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 92)
        .encode_image(&image)
        .unwrap();
    // TIFF, little-endian: directory 0 with the orientation, the camera and the GPS directory.
    let mut tiff = b"II\x2a\0\x08\0\0\0".to_vec();
    tiff.extend(3u16.to_le_bytes());
    tiff.extend([0x0F, 0x01, 2, 0, 6, 0, 0, 0]); // make: "Phone" at 50
    tiff.extend(50u32.to_le_bytes());
    tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0]);
    tiff.extend(orientation.to_le_bytes());
    tiff.extend([0, 0]);
    tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]); // the GPS directory at 56
    tiff.extend(56u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(b"Phone\0");
    // GPS: latitude N 41/1 48/1 0/1, longitude E 123/1 26/1 0/1.
    tiff.extend(4u16.to_le_bytes());
    let rationals_at = 56 + 2 + 4 * 12 + 4;
    tiff.extend([0x01, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend([0x02, 0, 5, 0, 3, 0, 0, 0]);
    tiff.extend((rationals_at as u32).to_le_bytes());
    tiff.extend([0x03, 0, 2, 0, 2, 0, 0, 0, b'E', 0, 0, 0]);
    tiff.extend([0x04, 0, 5, 0, 3, 0, 0, 0]);
    tiff.extend((rationals_at as u32 + 24).to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    for n in [41u32, 48, 0, 123, 26, 0] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(1u32.to_le_bytes());
    }
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff);
    let mut photo = plain[..2].to_vec();
    photo.extend([0xFF, 0xE1]);
    photo.extend(((exif.len() + 2) as u16).to_be_bytes());
    photo.extend(exif);
    // An XMP packet and a comment, as editing programs add them.
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>41,48N</exif:GPSLatitude></x:xmpmeta>";
    photo.extend([0xFF, 0xE1]);
    photo.extend(((xmp.len() + 2) as u16).to_be_bytes());
    photo.extend(xmp);
    photo.extend(&plain[2..]);
    photo
}

/// What in `bytes` would tell where a photo was taken or by what: EXIF beyond the orientation,
/// XMP, the camera's name, the GPS directory's tag.
fn leaks(bytes: &[u8]) -> Vec<&'static str> {
    let found = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let mut leaks = Vec::new();
    if found(b"Phone") {
        leaks.push("the camera");
    }
    if found(b"xmpmeta") || found(b"GPSLatitude") {
        leaks.push("XMP");
    }
    // The GPS directory's pointer: tag 0x8825 in either byte order.
    if found(&[0x25, 0x88, 4, 0]) || found(&[0x88, 0x25, 0, 4]) {
        leaks.push("a GPS directory");
    }
    leaks
}

fn zonesite(root: &Path, cache: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("ZONESITE_CACHE_DIR", cache)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The example fixture with a sideways phone photo shown by a story, and the same photo in
/// static/ linked by nothing.
fn site_with_photo() -> tempfile::TempDir {
    let site = fixture("build", "base");
    let photo = phone_photo(1200, 800, 6);
    assert_eq!(leaks(&photo), ["the camera", "XMP", "a GPS directory"]);
    std::fs::write(site.path().join("content/news/fair.jpg"), &photo).unwrap();
    std::fs::create_dir_all(site.path().join("static/photos")).unwrap();
    std::fs::write(site.path().join("static/photos/spare.jpg"), &photo).unwrap();
    std::fs::write(
        site.path().join("content/news/story-5.md"),
        "+++\ntitle = \"Story 5\"\ndate = 2021-05-01\n+++\n\n![Robots at a fair](fair.jpg \"Photo: the zone office\")\n",
    )
    .unwrap();
    site
}

#[test]
fn no_published_picture_tells_where_it_was_taken() {
    let site = site_with_photo();
    let cache = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let run = zonesite(site.path(), cache.path(), &["build", "--quiet"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pictures: Vec<(String, Vec<u8>)> = snapshot(&out)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".jpg") || path.ends_with(".webp"))
        .collect();
    let names: Vec<&str> = pictures.iter().map(|(p, _)| p.as_str()).collect();
    // The photo stands 800 by 1200: versions at 480, 720 and its own 800 pixels, in two formats,
    // the original and the spare copy.
    assert_eq!(names.len(), 8, "{names:?}");
    for (path, bytes) in &pictures {
        assert_eq!(leaks(bytes), Vec::<&str>::new(), "{path}");
        let image = image::load_from_memory(bytes).unwrap();
        if path.contains("w.") {
            // Versions are turned upright: taller than wide.
            assert!(image.height() > image.width(), "{path}");
        }
    }
    let html = read(&out, "news/story-5/index.html");
    let start = html.find("<figure class=\"picture\">").expect(&html);
    let figure = &html[start..start + html[start..].find("</figure>").unwrap()];
    assert!(figure.contains("<source type=\"image/webp\" srcset=\"/news/fair.480w."));
    assert!(figure.contains(" 480w, /news/fair.720w."));
    assert!(figure.contains("alt=\"Robots at a fair\" width=\"800\" height=\"1200\""));
    assert!(figure.contains("<figcaption>Photo: the zone office</figcaption>"));
    for (path, _) in &pictures {
        if path.starts_with("news/fair.") && path != "news/fair.jpg" {
            assert!(
                figure.contains(&format!("/{path} ")),
                "{path} is not offered"
            );
        }
    }
}

#[test]
fn a_second_build_reuses_every_version_and_writes_the_same_bytes() {
    let site = site_with_photo();
    let cache = tempfile::tempdir().unwrap();
    let first = zonesite(site.path(), cache.path(), &["build", "--quiet"]);
    assert!(first.status.success());
    let before = snapshot(&site.path().join("public"));
    let entries = |dir: &Path| -> Vec<String> {
        walkdir::WalkDir::new(dir.join("pictures"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        entries(cache.path()).len(),
        1,
        "one entry for the one photo shown"
    );
    std::fs::remove_dir_all(site.path().join("public")).unwrap();
    let second = zonesite(site.path(), cache.path(), &["build", "--quiet"]);
    assert!(second.status.success());
    assert_eq!(snapshot(&site.path().join("public")), before);
    // A photo no page shows any more leaves the cache with the next build.
    std::fs::remove_file(site.path().join("content/news/story-5.md")).unwrap();
    let third = zonesite(site.path(), cache.path(), &["build", "--quiet"]);
    assert!(third.status.success());
    assert_eq!(entries(cache.path()), Vec::<String>::new());
}

#[test]
fn a_broken_photo_stops_the_build_and_writes_nothing() {
    let site = site_with_photo();
    let mut photo = std::fs::read(site.path().join("content/news/fair.jpg")).unwrap();
    photo.truncate(photo.len() / 2);
    std::fs::write(site.path().join("content/news/fair.jpg"), &photo).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let run = zonesite(site.path(), cache.path(), &["build"]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("error[picture-unreadable]: content/news/fair.jpg cannot be published: it is a damaged or cut-short JPEG, whose hidden details (where and when it was taken, by what camera) zonesite cannot remove\n  --> content/news/fair.jpg\n"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn check_asks_who_took_a_photo_without_a_credit() {
    let site = site_with_photo();
    common::edit(
        site.path(),
        &[("content/news/story-5.md", " \"Photo: the zone office\"", "")],
    );
    let cache = tempfile::tempdir().unwrap();
    let run = zonesite(site.path(), cache.path(), &["check"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let report = format!("{stdout}{stderr}");
    assert!(
        report.contains(
            "warning[picture-no-credit]: the picture content/news/fair.jpg has no credit\n  --> content/news/story-5.md:6:1"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "= hint: write who took it or where it comes from after the file name, in quotes: ![description](fair.jpg \"Photo: the zone's office\"); it is shown under the picture"
        ),
        "{report}"
    );
}

#[test]
fn a_picture_whose_details_cannot_be_removed_is_never_published() {
    let site = fixture("build", "base");
    std::fs::create_dir_all(site.path().join("static/photos")).unwrap();
    // An iPhone photo (HEIC) and a JPEG with junk between its segments, linked by nothing.
    std::fs::write(
        site.path().join("static/photos/IMG_0001.HEIC"),
        b"\0\0\0\x18ftypheic\0\0\0\0mif1heicExif\0\0GPS 41N",
    )
    .unwrap();
    let mut odd = phone_photo(64, 48, 1);
    odd.splice(2..2, [0u8, 0]);
    std::fs::write(site.path().join("content/news/odd.jpg"), &odd).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let run = zonesite(site.path(), cache.path(), &["build"]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "error[picture-unreadable]: content/news/odd.jpg cannot be published: it is a damaged or cut-short JPEG, whose hidden details (where and when it was taken, by what camera) zonesite cannot remove",
        "error[picture-unreadable]: static/photos/IMG_0001.HEIC cannot be published: it is an HEIC picture (an iPhone's), whose hidden details",
        "= hint: if it does not open on your computer either, copy it again from where it came from; if it does, save it again as JPEG (a photo) or PNG (a drawing) and use that file; browsers do not show HEIC or TIFF anyway",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_cache_inside_the_site_is_not_used() {
    let site = site_with_photo();
    let inside = site.path().join(".cache");
    let run = zonesite(site.path(), &inside, &["build", "--quiet"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        !inside.join("pictures").exists(),
        "a repository could ship what is kept there"
    );
}
