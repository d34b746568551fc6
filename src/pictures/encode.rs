//! One picture made into its published versions: decoded within bounds, turned upright, resized
//! and encoded. Encoders are given pixels only, so no version carries the original's metadata.

use std::io::Cursor;

use fast_image_resize as fir;
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageReader, Limits};

use super::metadata::Orientation;

/// The most pixels a picture may have to be resized (100 megapixels, beyond phone cameras):
/// decoding one takes four bytes a pixel.
pub(crate) const MAX_PIXELS: u64 = 100_000_000;

/// The names of the encoders, part of the cache's key: a new encoder makes new versions.
pub(crate) const ENCODERS: &str =
    "image 0.25.10, fast_image_resize 6.1.0 lanczos3, libwebp-sys 0.9.6";

/// A format a version is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Format {
    /// JPEG, for photographs without transparency.
    Jpeg,
    /// PNG, for pictures with transparency.
    Png,
    /// Lossy WebP, which every current browser shows, at about two thirds of JPEG's bytes.
    Webp,
}

impl Format {
    /// The file name's extension.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The media type, for `<source type>`.
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }
}

/// A version of a picture to publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Version {
    /// Its width in pixels, at most the original's.
    pub width: u32,
    /// Its height, in the original's proportion.
    pub height: u32,
    /// Its format.
    pub format: Format,
}

/// Why a picture could not be made into its versions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PictureError {
    /// Its bytes are not a picture the decoder can read (broken or cut short).
    #[error("it cannot be read as a picture ({0}); it may be damaged or cut short")]
    Unreadable(String),
    /// Its file ends before the picture does.
    #[error("its file ends before the picture does; it may have been copied only in part")]
    CutShort,
    /// It has more pixels than [`MAX_PIXELS`].
    #[error("it is {width} by {height} pixels, more than the 100 million pixels zonesite resizes")]
    TooLarge {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
    },
    /// An encoder failed on pixels that were read.
    #[error("its {0} version could not be written")]
    Encoder(&'static str),
}

/// The bytes of each of `versions` of the picture `bytes`, in their order, turned as
/// `orientation` says and encoded at `quality` (1 to 100).
pub(crate) fn make(
    bytes: &[u8],
    orientation: Orientation,
    versions: &[Version],
    quality: u8,
) -> Result<Vec<Vec<u8>>, PictureError> {
    let image = decode(bytes, orientation)?;
    let alpha = image.color().has_alpha();
    let (layout, pixel_type, color) = if alpha {
        (
            webp::PixelLayout::Rgba,
            fir::PixelType::U8x4,
            ExtendedColorType::Rgba8,
        )
    } else {
        (
            webp::PixelLayout::Rgb,
            fir::PixelType::U8x3,
            ExtendedColorType::Rgb8,
        )
    };
    let (width, height) = (image.width(), image.height());
    let pixels = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    // Each size once, widest first, each from the one before: a photo of 5,000 pixels is
    // read in full once, not once a width.
    let mut sizes: Vec<(u32, u32)> = versions.iter().map(|v| (v.width, v.height)).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.dedup();
    let mut resizer = fir::Resizer::new();
    let mut sized: Vec<((u32, u32), Vec<u8>)> = Vec::with_capacity(sizes.len());
    for size in sizes {
        let (from_size, from) = sized
            .last()
            .map_or(((width, height), &pixels), |(s, p)| (*s, p));
        let resized = if size == from_size {
            from.clone()
        } else {
            resize(&mut resizer, from, from_size, size, pixel_type)?
        };
        sized.push((size, resized));
    }
    versions
        .iter()
        .map(|version| {
            let (_, pixels) = sized
                .iter()
                .find(|(s, _)| *s == (version.width, version.height))
                .ok_or(PictureError::Encoder("resized"))?;
            encode(pixels, version, quality, layout, color)
        })
        .collect()
}

/// The picture's pixels, upright; never more than [`MAX_PIXELS`] of them.
fn decode(bytes: &[u8], orientation: Orientation) -> Result<DynamicImage, PictureError> {
    let unreadable = |e: image::ImageError| PictureError::Unreadable(e.to_string());
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PictureError::Unreadable(e.to_string()))?;
    let mut limits = Limits::default();
    // Room for the pixels at four bytes each, and the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PictureError::TooLarge { width, height });
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    if let Some(turn) = image::metadata::Orientation::from_exif(orientation) {
        image.apply_orientation(turn);
    }
    Ok(image)
}

/// `pixels` of `size` resized to `to` with Lanczos3, the sharpest common filter.
fn resize(
    resizer: &mut fir::Resizer,
    pixels: &[u8],
    (width, height): (u32, u32),
    (to_width, to_height): (u32, u32),
    pixel_type: fir::PixelType,
) -> Result<Vec<u8>, PictureError> {
    let failed = |_| PictureError::Encoder("resized");
    let source = fir::images::ImageRef::new(width, height, pixels, pixel_type).map_err(failed)?;
    let mut target = fir::images::Image::new(to_width, to_height, pixel_type);
    let options = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
    resizer
        .resize(&source, &mut target, &options)
        .map_err(|_| PictureError::Encoder("resized"))?;
    Ok(target.into_vec())
}

/// `pixels` of the version's size in its format.
fn encode(
    pixels: &[u8],
    version: &Version,
    quality: u8,
    layout: webp::PixelLayout,
    color: ExtendedColorType,
) -> Result<Vec<u8>, PictureError> {
    let (width, height) = (version.width, version.height);
    let mut out = Vec::new();
    match version.format {
        Format::Webp => {
            let encoded = webp::Encoder::new(pixels, layout, width, height)
                .encode_simple(false, f32::from(quality))
                .map_err(|_| PictureError::Encoder("WebP"))?;
            out.extend_from_slice(&encoded);
        }
        Format::Jpeg => {
            let failed = |_| PictureError::Encoder("JPEG");
            let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
            encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
            let (w, h) = (u16::try_from(width), u16::try_from(height));
            encoder
                .encode(
                    pixels,
                    w.map_err(failed)?,
                    h.map_err(failed)?,
                    jpeg_encoder::ColorType::Rgb,
                )
                .map_err(|_| PictureError::Encoder("JPEG"))?;
        }
        Format::Png => {
            image::codecs::png::PngEncoder::new(&mut out)
                .write_image(pixels, width, height, color)
                .map_err(|_| PictureError::Encoder("PNG"))?;
        }
    }
    Ok(out)
}
