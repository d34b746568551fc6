//! Pictures: every published JPEG, PNG and WebP loses its metadata (a phone photo's GPS
//! position among it), and every one a page shows is published in a few widths, as WebP and in
//! its own format, for `<picture>` with `srcset`. Planning is cheap (headers only) and done while
//! rendering; making the versions is stage 3b, after render, from a cache when it can.

mod cache;
mod encode;
pub(crate) mod metadata;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

pub use cache::PictureCache;
pub(crate) use encode::PictureError;
use encode::{Format, Version};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::output::{Output, OutputFile, file};
use crate::render::escape::escape_html;
use crate::source::SourceFile;

/// The `[pictures]` table of site.toml, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPictureSettings {
    widths: Option<Spanned<Vec<Spanned<i64>>>>,
    quality: Option<Spanned<i64>>,
    sizes: Option<Spanned<String>>,
}

/// How pictures are published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PictureSettings {
    /// The widths published, in pixels, smallest first; a picture is never made wider than it is.
    pub widths: Vec<u32>,
    /// JPEG and WebP quality, 1 to 100.
    pub quality: u8,
    /// The width a picture in a page's text takes, for `sizes`: the theme's text column.
    pub sizes: String,
}

impl Default for PictureSettings {
    fn default() -> Self {
        // 720 is the text column at one pixel a point (44rem), 480 and 960 a phone's, 1600 a
        // sharp screen's; Lighthouse's checks of picture sizes pass at each.
        PictureSettings {
            widths: vec![480, 720, 960, 1600],
            quality: 75,
            sizes: "(min-width: 48rem) 44rem, calc(100vw - 2rem)".to_owned(),
        }
    }
}

/// The narrowest and widest width a site may ask for.
const WIDTHS: std::ops::RangeInclusive<i64> = 16..=8192;

/// The longest side a WebP can have.
const WEBP_SIDE: u32 = 16_383;

/// The most widths a picture is published in: each is held in memory while a picture is made.
const MOST_WIDTHS: usize = 8;

impl PictureSettings {
    /// The settings `raw` gives, defaults for what it leaves out; mistakes reported in `file`.
    pub(crate) fn new(raw: RawPictureSettings, file: &SourceFile, out: &mut Diagnostics) -> Self {
        let mut settings = PictureSettings::default();
        let wrong = |at: usize, message: String, hint: &str| {
            Diagnostic::error_at(Code::PicturesSettingInvalid, file, at, message).with_hint(hint)
        };
        if let Some(widths) = raw.widths {
            let mut chosen = Vec::new();
            for width in widths.get_ref() {
                match u32::try_from(*width.get_ref()) {
                    Ok(w) if WIDTHS.contains(width.get_ref()) => chosen.push(w),
                    _ => out.push(wrong(
                        width.span().start,
                        format!("a width of {} pixels is not one a picture can be published at", width.get_ref()),
                        "write widths in pixels from 16 to 8192, for example widths = [480, 720, 960, 1600]",
                    )),
                }
            }
            chosen.sort_unstable();
            chosen.dedup();
            if chosen.len() > MOST_WIDTHS {
                out.push(wrong(
                    widths.span().start,
                    format!("widths lists {} widths; a picture is published in at most {MOST_WIDTHS}", chosen.len()),
                    "four or five cover phones to large screens: for example widths = [480, 720, 960, 1600]",
                ));
                chosen.truncate(MOST_WIDTHS);
            }
            if chosen.is_empty() && widths.get_ref().is_empty() {
                out.push(wrong(
                    widths.span().start,
                    "widths lists no width, so pictures could not be published".to_owned(),
                    "write at least one, for example widths = [480, 720, 960, 1600]",
                ));
            }
            if !chosen.is_empty() {
                settings.widths = chosen;
            }
        }
        if let Some(quality) = raw.quality {
            match u8::try_from(*quality.get_ref()) {
                Ok(q) if (1..=100).contains(&q) => settings.quality = q,
                _ => out.push(wrong(
                    quality.span().start,
                    format!("a quality of {} is not one from 1 to 100", quality.get_ref()),
                    "75 keeps photos sharp at a quarter of their bytes; write for example quality = 75",
                )),
            }
        }
        if let Some(sizes) = raw.sizes {
            if sizes.get_ref().trim().is_empty() || sizes.get_ref().contains(['<', '>', '"']) {
                out.push(wrong(
                    sizes.span().start,
                    "sizes is not a width a browser can read".to_owned(),
                    "write the width pictures take in a page, as HTML's sizes does: for example sizes = \"(min-width: 48rem) 44rem, 100vw\"",
                ));
            } else {
                settings.sizes = sizes.into_inner();
            }
        }
        settings
    }
}

/// A picture a page shows that is published in several widths: what its markup names, and what
/// stage 3b needs to make them.
#[derive(Debug, Clone)]
pub(crate) struct Resized {
    /// The cache's key: the picture's bytes, the settings and the encoders.
    key: u64,
    /// The original's bytes.
    bytes: Arc<[u8]>,
    /// Where the original is published (`news/fair.jpg`).
    original: Arc<str>,
    /// How the original is turned.
    orientation: metadata::Orientation,
    /// Each version with the path it is published at, WebP ones first, narrowest first.
    versions: Arc<[(Version, Arc<str>)]>,
    /// JPEG and WebP quality.
    quality: u8,
    /// Whether the file holds the whole picture (it may have been cut short in copying).
    whole: bool,
}

/// Plans the versions of the picture published at `path` (`news/fair.jpg`) with `bytes`; `None`
/// when it is published as it is (SVG, GIF, an animation, a format browsers may not show), or
/// when its header gives no size (stage 3b does not see it, and the page gets a plain `<img>`).
pub(crate) fn plan(path: &str, bytes: &Arc<[u8]>, settings: &PictureSettings) -> Option<Resized> {
    metadata::Container::of(bytes)?;
    // A file that ends before its picture does is still planned: stage 3b reports it.
    let read = metadata::read(bytes);
    let facts = read.unwrap_or(metadata::Facts {
        orientation: 1,
        animated: false,
    });
    if facts.animated {
        return None;
    }
    let size = imagesize::blob_size(bytes).ok()?;
    let (width, height) = match facts.orientation {
        5..=8 => (size.height, size.width),
        _ => (size.width, size.height),
    };
    let (width, height) = (u32::try_from(width).ok()?, u32::try_from(height).ok()?);
    if width == 0 || height == 0 {
        return None;
    }
    let own = if has_alpha(bytes) {
        Format::Png
    } else {
        Format::Jpeg
    };
    let key = key(bytes, settings);
    let (stem, _) = path.rsplit_once('.').unwrap_or((path, ""));
    let mut widths: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w < width)
        .collect();
    if widths.is_empty() || settings.widths.iter().any(|&w| w >= width) {
        widths.push(width);
    }
    // WebP holds at most 16,383 pixels a side: a longer picture (a long screenshot) gets none.
    let widest = widths.iter().copied().max().unwrap_or(width);
    let tallest = (u64::from(height) * u64::from(widest)).div_ceil(u64::from(width));
    let formats: &[Format] = if widest <= WEBP_SIDE && tallest <= u64::from(WEBP_SIDE) {
        &[Format::Webp, own]
    } else {
        &[own]
    };
    let versions = formats
        .iter()
        .copied()
        .flat_map(|format| widths.iter().map(move |&w| (format, w)))
        .map(|(format, w)| {
            let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
                .max(1) as u32;
            let version = Version {
                width: w,
                height: h,
                format,
            };
            let path = format!("{stem}.{w}w.{:08x}.{}", key >> 32, format.extension());
            (version, Arc::from(path))
        })
        .collect();
    Some(Resized {
        key,
        bytes: Arc::clone(bytes),
        original: Arc::from(path),
        orientation: facts.orientation,
        versions,
        quality: settings.quality,
        whole: read.is_some(),
    })
}

/// Whether a PNG or WebP has an alpha channel, by its header (a JPEG never has).
fn has_alpha(bytes: &[u8]) -> bool {
    match metadata::Container::of(bytes) {
        // IHDR's colour type: 4 is grey with alpha, 6 colour with alpha; tRNS adds alpha to others.
        Some(metadata::Container::Png) => {
            matches!(bytes.get(25), Some(4 | 6))
                || bytes.windows(4).take(64 * 1024).any(|w| w == b"tRNS")
        }
        Some(metadata::Container::Webp) => webp_alpha(bytes),
        _ => false,
    }
}

/// Whether a WebP says it has alpha: the extended header's flag, or a lossless picture's bit.
fn webp_alpha(bytes: &[u8]) -> bool {
    match bytes.get(12..16) {
        Some(b"VP8X") => bytes.get(20).is_some_and(|flags| flags & 0x10 != 0),
        Some(b"VP8L") => bytes.get(24).is_some_and(|b| b & 0x10 != 0),
        _ => false,
    }
}

/// The cache's key of a picture: its bytes (xxh3, fast on photos of megabytes), the settings
/// its versions depend on, and the encoders.
fn key(bytes: &[u8], settings: &PictureSettings) -> u64 {
    let mut hash = crate::hash::Fnv1a::default();
    hash.write(&xxhash_rust::xxh3::xxh3_64(bytes).to_le_bytes());
    for width in &settings.widths {
        hash.write(&width.to_le_bytes());
    }
    hash.write(&[settings.quality]);
    hash.write(encode::ENCODERS.as_bytes());
    hash.finish()
}

impl Resized {
    /// The bytes of each version, in the plan's order.
    pub(crate) fn make(&self) -> Result<Vec<Vec<u8>>, PictureError> {
        if !self.whole {
            return Err(PictureError::CutShort);
        }
        let versions: Vec<Version> = self.versions.iter().map(|(v, _)| *v).collect();
        encode::make(&self.bytes, self.orientation, &versions, self.quality)
    }

    /// The `<picture>` element: a WebP `<source>` and an `<img>` in the original's format,
    /// both with every width; `href` gives the address of an output path. The first picture of
    /// a page is fetched first; the others wait until they are near the screen.
    pub(crate) fn markup(
        &self,
        href: impl Fn(&str) -> String,
        alt: &str,
        title: Option<&str>,
        sizes: &str,
        first: bool,
    ) -> String {
        let srcset = |format: Format| {
            let mut set = String::new();
            for (version, path) in self.versions.iter().filter(|(v, _)| v.format == format) {
                if !set.is_empty() {
                    set.push_str(", ");
                }
                set.push_str(&escape_html(&href(path)));
                set.push_str(&format!(" {}w", version.width));
            }
            set
        };
        let own = self.versions.last().map_or(Format::Jpeg, |(v, _)| v.format);
        let largest = self.versions.last().map(|(v, _)| *v);
        // The fallback for browsers without srcset: the widest version at most 960 pixels.
        let fallback = self
            .versions
            .iter()
            .filter(|(v, _)| v.format == own)
            .take_while(|(v, _)| v.width <= 960)
            .last()
            .or_else(|| self.versions.iter().find(|(v, _)| v.format == own))
            .map_or_else(String::new, |(_, path)| href(path));
        let sizes = escape_html(sizes);
        let webp = srcset(Format::Webp);
        let source = if webp.is_empty() {
            String::new()
        } else {
            format!(
                "<source type=\"{}\" srcset=\"{webp}\" sizes=\"{sizes}\">",
                Format::Webp.media_type()
            )
        };
        let mut html = format!(
            "<picture>{source}<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" alt=\"{}\"",
            escape_html(&fallback),
            srcset(own),
            escape_html(alt),
        );
        if let Some(v) = largest {
            html.push_str(&format!(" width=\"{}\" height=\"{}\"", v.width, v.height));
        }
        if let Some(t) = title {
            html.push_str(&format!(" title=\"{}\"", escape_html(t)));
        }
        html.push_str(if first {
            " fetchpriority=\"high\"></picture>"
        } else {
            " loading=\"lazy\" decoding=\"async\"></picture>"
        });
        html
    }
}

/// A picture a page shows, with where it is shown (for a message if it cannot be read).
#[derive(Debug, Clone)]
pub struct Shown {
    /// Its plan.
    pub(crate) resized: Resized,
    /// Its file, as messages name it (`content/news/fair.jpg`).
    pub(crate) file: Arc<str>,
    /// The file that shows it.
    pub(crate) source: SourceFile,
    /// Where in that file.
    pub(crate) offset: usize,
    /// Whether it is shown with a credit (who took the photo).
    pub(crate) credited: bool,
}

/// Told how many pictures of how many are made; returns false to stop.
pub type Progress = crate::search::Progress;

/// Every version of the pictures `shown`, from `cache` where it has them; each picture is made
/// once however many pages show it. A picture that cannot be read is an error at the first
/// place that shows it.
pub(crate) fn make_all(
    shown: &[Shown],
    cache: &mut PictureCache,
    progress: &Progress,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let todo = missing(shown, cache);
    let problems = keep(make(&todo, progress), &todo, cache);
    (made(shown, cache), problems)
}

/// The pictures of `shown` whose versions `cache` lacks, each once.
pub(crate) fn missing(shown: &[Shown], cache: &mut PictureCache) -> Vec<Shown> {
    let mut first: BTreeMap<u64, &Shown> = BTreeMap::new();
    for s in shown {
        first.entry(s.resized.key).or_insert(s);
    }
    first
        .into_values()
        .filter(|s| !cache.has(s.resized.key, s.resized.versions.len()))
        .cloned()
        .collect()
}

/// The versions of each of `todo`, made in parallel, in its order.
pub(crate) fn make(todo: &[Shown], progress: &Progress) -> Vec<Result<Vec<Vec<u8>>, PictureError>> {
    let total = todo.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    todo.par_iter()
        .map(|s| {
            let made = s.resized.make();
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress.tell(n, total);
            made
        })
        .collect()
}

/// Puts what [`make`] made of `todo` in `cache`; the problems of the pictures it could not make.
pub(crate) fn keep(
    made: Vec<Result<Vec<Vec<u8>>, PictureError>>,
    todo: &[Shown],
    cache: &mut PictureCache,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (result, s) in made.into_iter().zip(todo) {
        match result {
            Ok(versions) => cache.put(s.resized.key, versions),
            Err(e) => problems.push(
                Diagnostic::error_at(
                    Code::PictureUnreadable,
                    &s.source,
                    s.offset,
                    format!("the picture {} cannot be published: {e}", s.file),
                )
                .with_hint(match e {
                    PictureError::TooLarge { .. } => "save the photo at 4000 pixels wide or less; pages show it at most 1600 wide",
                    _ => "open the picture on your computer; if it shows, save it again as JPEG or PNG and replace the file",
                }),
            ),
        }
    }
    problems
}

/// The versions of `shown` that `cache` has, each path once, in path order.
pub(crate) fn made(shown: &[Shown], cache: &PictureCache) -> Vec<OutputFile> {
    let mut files: BTreeMap<Arc<str>, OutputFile> = BTreeMap::new();
    for s in shown {
        let Some(versions) = cache.get(s.resized.key) else {
            continue;
        };
        for ((_, path), bytes) in s.resized.versions.iter().zip(versions.iter()) {
            files
                .entry(Arc::clone(path))
                .or_insert_with(|| file(Arc::clone(path), Arc::clone(bytes), Arc::clone(&s.file)));
        }
    }
    files.into_values().collect()
}

/// Stand-ins for the versions of `shown` while they are made (the preview shows a picture at
/// once): each version's path holds the original as `output` publishes it, without its
/// metadata, shared rather than copied.
pub(crate) fn stand_ins(shown: &[Shown], output: &Output) -> Vec<OutputFile> {
    let mut files: BTreeMap<Arc<str>, OutputFile> = BTreeMap::new();
    for s in shown {
        let original = &s.resized.original;
        let bytes = output.get(original).unwrap_or(&s.resized.bytes);
        for (_, path) in s.resized.versions.iter() {
            files
                .entry(Arc::clone(path))
                .or_insert_with(|| file(Arc::clone(path), Arc::clone(bytes), Arc::clone(&s.file)));
        }
    }
    files.into_values().collect()
}

#[cfg(test)]
mod tests;
