//! The pictures the theme shows, named in site.toml: the home page's in its band (`[site]
//! picture`), each industry's at the top of its page, and the parks' on theirs. Each is checked
//! once (a description, a file in `static/` of a kind browsers show), planned in several widths
//! when it is a JPEG, PNG or WebP, and written in every language as a figure with its credit.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::facts::Picture;
use crate::input::image::{Named, find_static, named_size};
use crate::locale::LangId;
use crate::model::Site;
use crate::pictures::{self, Shown};
use crate::render::escape::escape_html;
use crate::url::UrlPath;

/// The width the home page's picture takes, for `sizes`: the band's right half beside its words
/// from 60rem (half of the 72rem column, less the gaps), the whole column below.
const BAND_SIZES: &str =
    "(min-width: 72rem) 33rem, (min-width: 60rem) calc(50vw - 3rem), calc(100vw - 2rem)";

/// The theme's pictures, each as a `<figure>` in every language (by language index).
pub(super) struct ThemePictures {
    /// The home page's.
    pub home: Option<Vec<String>>,
    /// Each industry's, in the order of `[[industries]]`.
    pub industries: Vec<Option<Vec<String>>>,
    /// The parks page's.
    pub parks: Option<Vec<String>>,
    /// Those published in several widths, for stage 3b.
    pub shown: Vec<Shown>,
}

impl ThemePictures {
    /// The pictures of `site`, each mistake in site.toml reported to `out` (a picture with one is
    /// left out).
    pub(super) fn new(site: &Site, out: &mut Diagnostics) -> Self {
        let config = &site.config;
        let mut shown = Vec::new();
        let mut figure = |picture: Option<&Picture>, what: &str, sizes: &str| {
            place(site, picture?, (what, sizes), &mut shown, out)
        };
        let home = figure(
            config.picture.as_ref(),
            "the home page's picture",
            BAND_SIZES,
        );
        let text_column = &config.pictures.sizes;
        let industries = config
            .facts
            .industries
            .iter()
            .map(|i| {
                let what = format!("the picture of the industry {}", i.get_ref().slug.get_ref());
                figure(i.get_ref().picture.as_ref(), &what, text_column)
            })
            .collect();
        let parks = config
            .facts
            .parks
            .as_ref()
            .and_then(|p| figure(p.picture.as_ref(), "the parks page's picture", text_column));
        ThemePictures {
            home,
            industries,
            parks,
            shown,
        }
    }
}

/// The figure of `picture` (`what`, in messages, taking `sizes` of a page) in every language of
/// `site`; a picture published in several widths is added to `shown`. `None` when site.toml
/// names it wrongly, each mistake reported to `out`.
fn place(
    site: &Site,
    picture: &Picture,
    (what, sizes): (&str, &str),
    shown: &mut Vec<Shown>,
    out: &mut Diagnostics,
) -> Option<Vec<String>> {
    let config = &site.config;
    let file = &site.config_file;
    let name = &picture.file;
    let languages = &config.languages;
    // Checked apart from the file, so that both mistakes are reported at once.
    let alt = picture
        .alt
        .as_ref()
        .filter(|alt| languages.iter().all(|l| !alt.get(&l.key).trim().is_empty()));
    if alt.is_none() {
        out.push(Diagnostic::error_at(
            Code::PictureNoDescription,
            file,
            name.span().start,
            format!("{what} `{}` has no alt text, the words that say what it shows", name.get_ref()),
        )
        .with_hint("add alt = \"...\" beside file, saying in a few words what the picture shows: screen readers read these words to people who cannot see the picture, and browsers show them when it does not load"));
    }
    let named = Named {
        what,
        missing: Code::PictureMissing,
        unreadable: Code::PictureUnreadable,
        example: "put the picture in the static/ folder and write its path there, for example: file = \"images/skyline.jpg\"",
    };
    let asset = find_static(name, &site.static_files, &named, file)
        .and_then(|asset| match shown_by_browsers(&asset.bytes) {
            true => Ok(asset),
            false => Err(Diagnostic::error_at(
                Code::PictureUnreadable,
                file,
                name.span().start,
                format!("{what} `{}` is not a JPEG, PNG, WebP, SVG or GIF picture", name.get_ref()),
            )
            .with_hint("browsers show only these: open it on your computer, save it as JPEG (a photo) or PNG (a drawing), and write the name of that file")),
        });
    let measured = asset
        .and_then(|asset| named_size(&asset.bytes, name, &named, file).map(|size| (asset, size)));
    let (asset, (width, height)) = measured.map_err(|problem| out.push(problem)).ok()?;
    let alt = alt?;
    let path = asset.segments.join("/");
    let href = |path: &str| {
        config
            .base_url
            .href(&UrlPath::file(path.split('/').map(str::to_owned).collect()))
    };
    let resized = pictures::plan(&path, &asset.bytes, &config.pictures);
    let figures = LangId::all(languages.len())
        .map(|lang| {
            let key = &languages[lang].key;
            let alt = alt.get(key);
            // The theme's pictures are at the top of their pages: fetched first, never lazily.
            let img = match &resized {
                Some(resized) => resized.markup(href, alt, None, sizes, true),
                None => format!(
                    "<img src=\"{}\" alt=\"{}\" width=\"{width}\" height=\"{height}\" fetchpriority=\"high\">",
                    escape_html(&href(&path)),
                    escape_html(alt)
                ),
            };
            let caption = picture.credit.as_ref().map_or_else(String::new, |credit| {
                format!("<figcaption>{}</figcaption>", escape_html(credit.get(key)))
            });
            format!("<figure class=\"picture\">{img}{caption}</figure>")
        })
        .collect();
    if let Some(resized) = resized {
        shown.push(Shown {
            resized,
            file: format!("static/{path}").into(),
            source: file.clone(),
            offset: name.span().start,
            credited: picture.credit.is_some(),
        });
    }
    Some(figures)
}

/// Whether `bytes` are a JPEG, PNG, WebP, GIF or SVG picture: the kinds every browser shows.
fn shown_by_browsers(bytes: &[u8]) -> bool {
    use imagesize::ImageType;
    match imagesize::image_type(bytes) {
        Ok(kind) => matches!(
            kind,
            ImageType::Jpeg | ImageType::Png | ImageType::Webp | ImageType::Gif
        ),
        Err(_) => std::str::from_utf8(bytes).is_ok_and(|text| text.contains("<svg")),
    }
}
