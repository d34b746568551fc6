use super::*;
use image::ImageEncoder;

/// A JPEG of `width` by `height` in two colours, as an encoder writes it (no metadata).
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([200, 30, 30])
        } else {
            image::Rgb([30, 30, 200])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&image)
        .unwrap();
    out
}

/// A PNG with transparency.
fn png_with_alpha(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(width, height, image::Rgba([0, 120, 0, 128]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

fn widths(resized: &Resized, format: Format) -> Vec<(u32, u32)> {
    resized
        .versions
        .iter()
        .filter(|(v, _)| v.format == format)
        .map(|(v, _)| (v.width, v.height))
        .collect()
}

#[test]
fn versions_are_never_wider_than_the_original() {
    let settings = PictureSettings::default();
    let large: Arc<[u8]> = jpeg(2000, 1000).into();
    let resized = plan("news/fair.jpg", &large, &settings).unwrap();
    assert_eq!(
        widths(&resized, Format::Webp),
        [(480, 240), (720, 360), (960, 480), (1600, 800)]
    );
    assert_eq!(
        widths(&resized, Format::Jpeg),
        widths(&resized, Format::Webp)
    );
    let middle: Arc<[u8]> = jpeg(800, 600).into();
    let resized = plan("fair.jpg", &middle, &settings).unwrap();
    assert_eq!(
        widths(&resized, Format::Jpeg),
        [(480, 360), (720, 540), (800, 600)]
    );
    let small: Arc<[u8]> = jpeg(300, 200).into();
    let resized = plan("fair.jpg", &small, &settings).unwrap();
    assert_eq!(widths(&resized, Format::Jpeg), [(300, 200)]);
    let path = &resized.versions[0].1;
    assert!(
        path.starts_with("fair.300w.") && path.ends_with(".webp"),
        "{path}"
    );
}

#[test]
fn transparency_keeps_png_and_other_files_pass_through() {
    let settings = PictureSettings::default();
    let png: Arc<[u8]> = png_with_alpha(100, 50).into();
    let resized = plan("logo.png", &png, &settings).unwrap();
    assert_eq!(widths(&resized, Format::Png), [(100, 50)]);
    let svg: Arc<[u8]> = Arc::from(&b"<svg width=\"10\" height=\"10\"></svg>"[..]);
    assert!(plan("map.svg", &svg, &settings).is_none());
    let gif: Arc<[u8]> = Arc::from(&b"GIF89a\x0a\0\x0a\0"[..]);
    assert!(plan("anim.gif", &gif, &settings).is_none());
}

#[test]
fn the_markup_offers_every_width_in_both_formats() {
    let settings = PictureSettings::default();
    let bytes: Arc<[u8]> = jpeg(1000, 500).into();
    let resized = plan("a.jpg", &bytes, &settings).unwrap();
    let h = format!("{:08x}", resized.key >> 32);
    let html = resized.markup(
        |p| format!("/zone/{p}"),
        "A \"quoted\" fair",
        None,
        "100vw",
        false,
    );
    assert_eq!(
        html,
        format!(
            "<picture><source type=\"image/webp\" srcset=\"/zone/a.480w.{h}.webp 480w, /zone/a.720w.{h}.webp 720w, /zone/a.960w.{h}.webp 960w, /zone/a.1000w.{h}.webp 1000w\" sizes=\"100vw\"><img src=\"/zone/a.960w.{h}.jpg\" srcset=\"/zone/a.480w.{h}.jpg 480w, /zone/a.720w.{h}.jpg 720w, /zone/a.960w.{h}.jpg 960w, /zone/a.1000w.{h}.jpg 1000w\" sizes=\"100vw\" alt=\"A &quot;quoted&quot; fair\" width=\"1000\" height=\"500\" loading=\"lazy\" decoding=\"async\"></picture>"
        )
    );
}

/// `jpeg` with an EXIF block holding an orientation and a GPS position, as a phone writes it.
fn phone_photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let plain = jpeg(width, height);
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(metadata::tests::exif_with_gps(orientation));
    let mut photo = plain[..2].to_vec();
    photo.extend([0xFF, 0xE1]);
    photo.extend(((exif.len() + 2) as u16).to_be_bytes());
    photo.extend(exif);
    photo.extend(&plain[2..]);
    photo
}

fn shown(bytes: Vec<u8>, settings: &PictureSettings) -> Shown {
    let bytes: Arc<[u8]> = bytes.into();
    Shown {
        resized: plan("photo.jpg", &bytes, settings).unwrap(),
        file: Arc::from("content/photo.jpg"),
        source: SourceFile::new(
            "content/page.md",
            "+++\ntitle = \"P\"\n+++\n\n![A photo](photo.jpg)\n".to_owned(),
        ),
        offset: 22,
        credited: false,
    }
}

#[test]
fn versions_stand_upright_and_keep_no_position() {
    let settings = PictureSettings::default();
    // Taken sideways: stored 600 by 400, shown 400 by 600.
    let photo = shown(phone_photo(600, 400, 6), &settings);
    assert_eq!(widths(&photo.resized, Format::Jpeg), [(400, 600)]);
    let mut cache = PictureCache::in_memory();
    let (files, problems) = make_all(&[photo.clone(), photo], &mut cache, &Progress::default());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(files.len(), 2, "one picture shown twice is made once");
    for (path, bytes, origin) in &files {
        assert_eq!(&**origin, "content/photo.jpg");
        let image = image::load_from_memory(bytes).unwrap();
        assert_eq!((image.width(), image.height()), (400, 600), "{path}");
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{path} keeps EXIF");
        assert!(
            !bytes.windows(3).any(|w| w == b"GPS"),
            "{path} keeps the position"
        );
        // The left half of the original is red; turned a quarter clockwise, it is on top.
        let top = image.to_rgb8().get_pixel(200, 100).0;
        assert!(top[0] > 150 && top[2] < 100, "{path}: {top:?}");
    }
}

#[test]
fn a_picture_cut_short_is_an_error_at_the_line_that_shows_it() {
    let settings = PictureSettings::default();
    let mut photo = jpeg(600, 400);
    photo.truncate(photo.len() / 3);
    let (files, problems) = make_all(
        &[shown(photo, &settings)],
        &mut PictureCache::in_memory(),
        &Progress::default(),
    );
    assert!(files.is_empty());
    assert_eq!(problems.len(), 1);
    let problem = &problems[0];
    assert_eq!(problem.code, Code::PictureUnreadable);
    let location = problem.location.as_ref().unwrap();
    assert_eq!(
        (location.file.as_str(), location.line),
        ("content/page.md", Some(5))
    );
    assert_eq!(
        problem.message,
        "the picture content/photo.jpg cannot be published: its file ends before the picture does; it may have been copied only in part"
    );
}

/// The settings a site.toml of `text` gives, with its problems.
fn settings_of(text: &str) -> (PictureSettings, Diagnostics) {
    #[derive(Deserialize)]
    struct File {
        pictures: RawPictureSettings,
    }
    let file = SourceFile::new("site.toml", text.to_owned());
    let raw = toml::from_str::<File>(&file.text).unwrap().pictures;
    let mut out = Diagnostics::default();
    (PictureSettings::new(raw, &file, &mut out), out)
}

#[test]
fn settings_are_checked_where_they_are_written() {
    let (settings, out) = settings_of("[pictures]\nwidths = [480, 0]\nquality = 150\n");
    assert_eq!(settings.widths, [480]);
    assert_eq!(settings.quality, 75);
    let problems: Vec<String> = out
        .into_report()
        .into_iter()
        .map(|d| format!("{}: {}", d.location.unwrap().line.unwrap(), d.message))
        .collect();
    assert_eq!(
        problems,
        [
            "2: a width of 0 pixels is not one a picture can be published at",
            "3: a quality of 150 is not one from 1 to 100",
        ]
    );
}

#[test]
fn a_long_list_of_widths_is_cut_to_eight() {
    let widths: Vec<String> = (1..=20).map(|i| (i * 100).to_string()).collect();
    let (settings, out) = settings_of(&format!("[pictures]\nwidths = [{}]\n", widths.join(", ")));
    assert_eq!(settings.widths, [100, 200, 300, 400, 500, 600, 700, 800]);
    let problems = out.into_report();
    assert_eq!(
        problems[0].message,
        "widths lists 20 widths; a picture is published in at most 8"
    );
}

#[test]
fn a_picture_longer_than_webp_allows_gets_its_own_format_only() {
    let settings = PictureSettings::default();
    // A long screenshot: 1000 by 20,000 pixels; its 960 version is 19,200 high.
    let long: Arc<[u8]> = jpeg(1000, 20_000).into();
    let resized = plan("long.jpg", &long, &settings).unwrap();
    assert!(widths(&resized, Format::Webp).is_empty());
    assert_eq!(widths(&resized, Format::Jpeg).len(), 4);
    let html = resized.markup(|p| p.to_owned(), "A long page", None, "100vw", false);
    assert!(html.starts_with("<picture><img src="), "{html}");
}
