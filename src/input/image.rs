//! A picture's width and height, read from its bytes: pages and the logo are given their size.
//! Pictures site.toml names by their path in `static/` (the logo, the theme's pictures) are
//! found and measured here, each mistake an error at the name.

use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::input::load::Asset;
use crate::source::SourceFile;

/// The longest side a picture may claim, in pixels.
const MAX_SIDE: f64 = 100_000.0;

/// The most pixels a picture may claim in all (200 megapixels, beyond the largest cameras).
const MAX_PIXELS: f64 = 200_000_000.0;

/// What to do about a picture of [`PictureSize::TooLarge`].
pub(crate) const TOO_LARGE_HINT: &str =
    "save the picture at the size it should be shown, or write the real size in the SVG";

/// A picture site.toml names by its path under `static/`, as messages speak of it.
pub(crate) struct Named<'a> {
    /// What it is: `the logo`, `the home page's picture`.
    pub what: &'a str,
    /// The code of the error when `static/` has no such file.
    pub missing: Code,
    /// The code of the error when its size cannot be read.
    pub unreadable: Code,
    /// The hint when no file in `static/` has a name near the one written.
    pub example: &'a str,
}

/// The file of `static_files` at the path `name` (`images/skyline.jpg`).
pub(crate) fn static_file<'a>(static_files: &'a [Asset], name: &str) -> Option<&'a Asset> {
    static_files
        .iter()
        .find(|asset| asset.segments.join("/") == name)
}

/// The file of `static_files` that `name` names; else the error at `name` in `file` that there
/// is none, with the nearest name there is.
pub(crate) fn find_static<'a>(
    name: &Spanned<String>,
    static_files: &'a [Asset],
    named: &Named,
    file: &SourceFile,
) -> Result<&'a Asset, Diagnostic> {
    let written = name.get_ref();
    static_file(static_files, written).ok_or_else(|| {
        let names: Vec<String> = static_files.iter().map(|a| a.segments.join("/")).collect();
        let hint = suggest(written, names.iter().map(String::as_str)).map_or_else(
            || named.example.to_owned(),
            |near| format!("did you mean `{near}`?"),
        );
        Diagnostic::error_at(
            named.missing,
            file,
            name.span().start,
            format!("there is no `{written}` in static/ for {}", named.what),
        )
        .with_hint(hint)
    })
}

/// The width and height of the picture `bytes`, which site.toml names as `name`; else the error
/// at `name` in `file`: a size that cannot be read, or one no page can show.
pub(crate) fn named_size(
    bytes: &[u8],
    name: &Spanned<String>,
    named: &Named,
    file: &SourceFile,
) -> Result<(usize, usize), Diagnostic> {
    let (at, written) = (name.span().start, name.get_ref());
    match image_size(bytes) {
        Some(PictureSize::Pixels(width, height)) => Ok((width, height)),
        None => Err(Diagnostic::error_at(
            named.unreadable,
            file,
            at,
            format!("the size of {} `{written}` cannot be read", named.what),
        )
        .with_hint("use an SVG with width and height, a PNG, a JPEG or a WebP picture")),
        Some(PictureSize::TooLarge(claimed)) => Err(Diagnostic::error_at(
            Code::PictureTooLarge,
            file,
            at,
            format!(
                "{} `{written}` claims to be {claimed} pixels, larger than a page can show",
                named.what
            ),
        )
        .with_hint(TOO_LARGE_HINT)),
    }
}

/// A picture's size as its file states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PictureSize {
    /// Its width and height in pixels.
    Pixels(usize, usize),
    /// A size no page can show, more than [`MAX_SIDE`] on a side or [`MAX_PIXELS`] in all (a
    /// broken file, or a number typed wrong): the width and height as the file gives them.
    TooLarge(String),
}

/// Width and height of a picture: raster formats by their header, SVG by its attributes.
pub(crate) fn image_size(bytes: &[u8]) -> Option<PictureSize> {
    let (width, height) = match imagesize::blob_size(bytes) {
        Ok(size) => (size.width as f64, size.height as f64),
        Err(_) => svg_size(bytes)?,
    };
    let fits = width <= MAX_SIDE && height <= MAX_SIDE && width * height <= MAX_PIXELS;
    Some(if fits {
        PictureSize::Pixels(width.round() as usize, height.round() as usize)
    } else {
        PictureSize::TooLarge(format!("{} by {}", claimed(width), claimed(height)))
    })
}

/// The width and height an SVG states: its `width` and `height`, or else its `viewBox`; each
/// more than zero, and not a number (NaN) never.
fn svg_size(bytes: &[u8]) -> Option<(f64, f64)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let tag_start = text.find("<svg")?;
    let tag = &text[tag_start..tag_start + text[tag_start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &tag[at..at + tag[at..].find('"')?];
        Some(value)
    };
    let number = |v: &str| {
        v.trim_end_matches("px")
            .parse::<f64>()
            .ok()
            .filter(|n| *n > 0.0)
    };
    match (
        attr("width").and_then(number),
        attr("height").and_then(number),
    ) {
        (Some(w), Some(h)) => Some((w, h)),
        _ => {
            let vb: Vec<f64> = attr("viewBox")?
                .split([' ', ','])
                .filter_map(|n| n.parse().ok())
                .collect();
            (vb.len() == 4 && vb[2] > 0.0 && vb[3] > 0.0).then(|| (vb[2], vb[3]))
        }
    }
}

/// A side as claimed, short however large: `100000`, `1e300`, `inf`.
fn claimed(side: f64) -> String {
    if side < 1e15 {
        format!("{}", side.round())
    } else {
        format!("{side:e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_size_from_attributes_or_viewbox() {
        assert_eq!(
            image_size(br#"<svg width="40" height="20">"#),
            Some(PictureSize::Pixels(40, 20))
        );
        assert_eq!(
            image_size(br#"<svg viewBox="0 0 120 60">"#),
            Some(PictureSize::Pixels(120, 60))
        );
    }

    #[test]
    fn absurd_sizes_are_too_large_whatever_their_numbers() {
        let too_large = |svg: &str| match image_size(svg.as_bytes()) {
            Some(PictureSize::TooLarge(claimed)) => claimed,
            other => panic!("{svg}: {other:?}"),
        };
        assert_eq!(
            too_large(r#"<svg viewBox="0 0 1e300 1e300">"#),
            "1e300 by 1e300"
        );
        assert_eq!(too_large(r#"<svg width="inf" height="10">"#), "inf by 10");
        assert_eq!(
            too_large(r#"<svg width="20000" height="20000">"#),
            "20000 by 20000"
        );
        assert_eq!(
            image_size(br#"<svg viewBox="0 0 NaN 10">"#),
            None,
            "not a number is no size"
        );
    }
}
