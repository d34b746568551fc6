//! What a picture file says besides its pixels (EXIF with the camera's GPS position, XMP,
//! comments, a phone's extra pictures after the main one), read and removed without decoding: a
//! walk over the file's segments or chunks, linear in its size. Only the orientation survives, as
//! a minimal EXIF block of one entry, so that a photo taken sideways still stands upright.

/// How a picture is turned, as EXIF numbers it: 1 is upright, 6 a quarter turn clockwise.
pub(crate) type Orientation = u8;

/// The file formats whose metadata this module removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// JPEG: marker segments, then the compressed scans.
    Jpeg,
    /// PNG: length-prefixed chunks.
    Png,
    /// WebP: a RIFF container of chunks.
    Webp,
}

impl Container {
    /// The container `bytes` are in, by their first bytes (never by the file's name).
    pub(crate) fn of(bytes: &[u8]) -> Option<Container> {
        // A JPEG starts with its start-of-image marker; what follows may be damaged.
        if bytes.starts_with(&[0xFF, 0xD8]) {
            Some(Container::Jpeg)
        } else if bytes.starts_with(PNG_SIGNATURE) {
            Some(Container::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Container::Webp)
        } else {
            None
        }
    }
}

/// A picture's metadata as read: its orientation, whether it moves (an animated PNG or WebP,
/// which is published as it is), whether it has an alpha channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    /// How the picture is turned; 1 when it does not say.
    pub orientation: Orientation,
    /// Whether it is animated.
    pub animated: bool,
}

/// The metadata of `bytes`; `None` when they are not a JPEG, PNG or WebP this module can walk.
pub(crate) fn read(bytes: &[u8]) -> Option<Facts> {
    walk(bytes, false).map(|(facts, _)| facts)
}

/// `bytes` without any metadata but their orientation; `None` when there is nothing to remove or
/// they are not a picture (a PDF, a text). An error names what they are when they are a picture
/// whose metadata cannot be removed: a JPEG, PNG or WebP that is damaged or cut short (it cannot
/// be walked), or a kind that holds EXIF but that this module does not walk (HEIC, AVIF, TIFF).
pub(crate) fn strip(bytes: &[u8]) -> Result<Option<Vec<u8>>, &'static str> {
    let Some(container) = Container::of(bytes) else {
        return match other_picture(bytes) {
            Some(kind) => Err(kind),
            None => Ok(None),
        };
    };
    let damaged = match container {
        Container::Jpeg => "a damaged or cut-short JPEG",
        Container::Png => "a damaged or cut-short PNG",
        Container::Webp => "a damaged or cut-short WebP",
    };
    // Most pictures have nothing to remove: a walk that copies nothing says so.
    let (_, kept) = walk(bytes, false).ok_or(damaged)?;
    if kept.len == bytes.len() {
        return Ok(None);
    }
    let (_, kept) = walk(bytes, true).ok_or(damaged)?;
    Ok(kept.bytes.filter(|stripped| stripped[..] != *bytes))
}

/// The kind of picture `bytes` are, by their first bytes, when it is one that carries EXIF and
/// that zonesite does not clean: a phone's HEIC, an AVIF, a scanner's TIFF.
fn other_picture(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Some("a TIFF picture");
    }
    let brand = bytes
        .get(8..12)
        .filter(|_| bytes.get(4..8) == Some(b"ftyp"))?;
    match brand {
        b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
            Some("an HEIC picture (an iPhone's)")
        }
        b"avif" | b"avis" => Some("an AVIF picture"),
        _ => None,
    }
}

/// Reads the metadata of `bytes`, and what is kept of them: their length, and when `write` is
/// set, the bytes themselves.
fn walk(bytes: &[u8], write: bool) -> Option<(Facts, Kept)> {
    match Container::of(bytes)? {
        Container::Jpeg => jpeg(bytes, write),
        Container::Png => png(bytes, write),
        Container::Webp => webp(bytes, write),
    }
}

/// The parts of a file that are kept: how many bytes, and the bytes when asked for them.
struct Kept {
    bytes: Option<Vec<u8>>,
    len: usize,
}

impl Kept {
    fn new(write: bool, capacity: usize) -> Self {
        Kept {
            bytes: write.then(|| Vec::with_capacity(capacity)),
            len: 0,
        }
    }

    fn push(&mut self, part: &[u8]) {
        self.len += part.len();
        if let Some(bytes) = &mut self.bytes {
            bytes.extend_from_slice(part);
        }
    }
}

/// The orientation an EXIF block (a TIFF structure) gives in its first directory, if any.
fn tiff_orientation(tiff: &[u8]) -> Option<Orientation> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    // A number of `width` bytes at `at`, in the block's byte order.
    let number = |at: usize, width: usize| {
        let bytes = tiff.get(at..at.checked_add(width)?)?;
        let fold = |n: usize, b: &u8| (n << 8) | usize::from(*b);
        Some(if big {
            bytes.iter().fold(0, fold)
        } else {
            bytes.iter().rev().fold(0, fold)
        })
    };
    let u16_at = |at: usize| number(at, 2);
    let u32_at = |at: usize| number(at, 4);
    let directory = u32_at(4)?;
    let entries = u16_at(directory)?;
    (0..entries)
        .map(|i| directory.saturating_add(2 + i * 12))
        .find(|&entry| u16_at(entry) == Some(0x0112))
        .and_then(|entry| u16_at(entry + 8))
        .and_then(|o| u8::try_from(o).ok())
        .filter(|o| (1..=8).contains(o))
}

/// A TIFF structure holding nothing but `orientation`: what EXIF is left in a published picture.
fn orientation_tiff(orientation: Orientation) -> [u8; 26] {
    let mut tiff = [0u8; 26];
    tiff[..8].copy_from_slice(b"MM\0\x2a\0\0\0\x08");
    tiff[8..10].copy_from_slice(&1u16.to_be_bytes());
    // Tag 0x0112 (orientation), type 3 (a 16-bit number), one of them, its value.
    tiff[10..18].copy_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff[18..20].copy_from_slice(&u16::from(orientation).to_be_bytes());
    tiff
}

const EXIF_HEADER: &[u8] = b"Exif\0\0";

/// A JPEG's segments: APP0 (JFIF), APP2 when it is a colour profile and APP14 (Adobe's colour
/// transform) stay with the frame and scans; every other APPn (EXIF, XMP, Photoshop's IPTC, MPF)
/// and comment goes, and so does anything after the end of the picture (a phone's depth map or
/// second picture, which carry their own EXIF).
fn jpeg(bytes: &[u8], write: bool) -> Option<(Facts, Kept)> {
    let mut kept = Kept::new(write, bytes.len());
    kept.push(&bytes[..2]);
    let mut orientation = None;
    let mut at = 2;
    // Where to put the orientation back: after APP0, which must come first.
    let mut after_app0 = 2;
    loop {
        let marker_at = at;
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at)?;
        at += 1;
        match marker {
            // End of the picture: whatever follows is not part of it.
            0xD9 => {
                kept.push(&[0xFF, 0xD9]);
                break;
            }
            0x01 | 0xD0..=0xD7 => {
                kept.push(&[0xFF, marker]);
                continue;
            }
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
        let end = at.checked_add(length)?;
        let body = bytes.get(at + 2..end)?;
        let keep = match marker {
            // JFIF's header, without the thumbnail it may carry (an older crop of the photo).
            0xE0 if body.starts_with(b"JFIF\0") && body.len() >= 12 => {
                kept.push(&[0xFF, 0xE0, 0, 16]);
                kept.push(&body[..12]);
                kept.push(&[0, 0]);
                false
            }
            // Adobe's colour transform, which is twelve bytes and nothing else.
            0xEE => body.starts_with(b"Adobe") && body.len() == 12,
            0xE2 => body.starts_with(b"ICC_PROFILE\0"),
            0xE1 => {
                if let Some(tiff) = body.strip_prefix(EXIF_HEADER) {
                    orientation = orientation.or_else(|| tiff_orientation(tiff));
                }
                false
            }
            0xE0 | 0xE3..=0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            kept.push(&[0xFF, marker]);
            kept.push(&bytes[at..end]);
        }
        at = end;
        if marker == 0xE0 && marker_at == 2 {
            after_app0 = kept.len;
        }
        if marker == 0xDA {
            // The compressed scan runs to the next marker that is neither a stuffed 0xFF00
            // nor a restart marker.
            let scan_start = at;
            loop {
                let next = bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
                at += next;
                match bytes.get(at + 1) {
                    Some(0x00 | 0xD0..=0xD7 | 0xFF) => at += 1,
                    Some(_) => break,
                    None => return None,
                }
            }
            kept.push(&bytes[scan_start..at]);
        }
    }
    let orientation = orientation.unwrap_or(1);
    if orientation != 1
        && let Some(out) = &mut kept.bytes
    {
        let tiff = orientation_tiff(orientation);
        let mut segment = vec![0xFF, 0xE1];
        segment.extend(((2 + EXIF_HEADER.len() + tiff.len()) as u16).to_be_bytes());
        segment.extend_from_slice(EXIF_HEADER);
        segment.extend_from_slice(&tiff);
        out.splice(after_app0..after_app0, segment);
    }
    let facts = Facts {
        orientation,
        animated: false,
    };
    Some((facts, kept))
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A PNG's chunks: the critical ones, colour and transparency, animation frames stay; text
/// (tEXt, zTXt, iTXt), EXIF (eXIf), time and any other chunk go.
fn png(bytes: &[u8], write: bool) -> Option<(Facts, Kept)> {
    let mut kept = Kept::new(write, bytes.len());
    kept.push(PNG_SIGNATURE);
    let mut at = PNG_SIGNATURE.len();
    let mut orientation = None;
    let mut animated = false;
    // Where the orientation goes back: right after the header chunk.
    let mut header_end = None;
    loop {
        let length =
            usize::try_from(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?)).ok()?;
        let kind: [u8; 4] = bytes.get(at + 4..at + 8)?.try_into().ok()?;
        let end = at.checked_add(12)?.checked_add(length)?;
        let chunk = bytes.get(at..end)?;
        match &kind {
            b"eXIf" => {
                orientation = orientation.or_else(|| tiff_orientation(&chunk[8..8 + length]));
            }
            b"acTL" => animated = true,
            _ => {}
        }
        let keep = matches!(
            &kind,
            b"IHDR"
                | b"PLTE"
                | b"IDAT"
                | b"IEND"
                | b"tRNS"
                | b"gAMA"
                | b"cHRM"
                | b"sRGB"
                | b"iCCP"
                | b"sBIT"
                | b"bKGD"
                | b"pHYs"
                | b"acTL"
                | b"fcTL"
                | b"fdAT"
        );
        if keep {
            kept.push(chunk);
        }
        if &kind == b"IHDR" {
            header_end = header_end.or(Some(kept.len));
        }
        at = end;
        if &kind == b"IEND" {
            break;
        }
    }
    let orientation = orientation.unwrap_or(1);
    if orientation != 1
        && let Some(out) = &mut kept.bytes
        && let Some(header_end) = header_end
    {
        let tiff = orientation_tiff(orientation);
        let mut chunk = Vec::with_capacity(12 + tiff.len());
        chunk.extend((tiff.len() as u32).to_be_bytes());
        chunk.extend_from_slice(b"eXIf");
        chunk.extend_from_slice(&tiff);
        chunk.extend(crc32fast::hash(&chunk[4..]).to_be_bytes());
        out.splice(header_end..header_end, chunk);
    }
    let facts = Facts {
        orientation,
        animated,
    };
    Some((facts, kept))
}

/// A WebP's chunks: the picture, its alpha, animation and colour profile stay; EXIF and XMP go,
/// and the flags of the extended header (VP8X) no longer announce them.
fn webp(bytes: &[u8], write: bool) -> Option<(Facts, Kept)> {
    let mut kept = Kept::new(write, bytes.len());
    kept.push(b"RIFF\0\0\0\0WEBP");
    let declared = usize::try_from(u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?)).ok()?;
    let end_of_file = declared.checked_add(8)?;
    if end_of_file > bytes.len() {
        return None;
    }
    let mut at = 12;
    let mut orientation = None;
    let mut animated = false;
    let mut extended_at = None;
    // Whether a chunk holds the picture itself: a file without one is not a picture.
    let mut pixels = false;
    while at + 8 <= end_of_file {
        let kind: [u8; 4] = bytes[at..at + 4].try_into().ok()?;
        let length =
            usize::try_from(u32::from_le_bytes(bytes[at + 4..at + 8].try_into().ok()?)).ok()?;
        let end = at
            .checked_add(8)?
            .checked_add(length)?
            .checked_add(length % 2)?;
        let chunk = bytes.get(at..end.min(end_of_file))?;
        if end > end_of_file + 1 {
            return None;
        }
        match &kind {
            b"EXIF" => {
                let data = chunk.get(8..8 + length)?;
                let tiff = data.strip_prefix(EXIF_HEADER).unwrap_or(data);
                orientation = orientation.or_else(|| tiff_orientation(tiff));
            }
            // What draws the picture stays; any other chunk (XMP, unknown ones) goes.
            b"VP8 " | b"VP8L" | b"VP8X" | b"ALPH" | b"ANIM" | b"ANMF" | b"ICCP" => {
                if &kind == b"VP8X" {
                    animated = chunk.get(8).is_some_and(|flags| flags & 0x02 != 0);
                    extended_at = Some(kept.len);
                }
                if &kind == b"ANIM" {
                    animated = true;
                }
                pixels |= matches!(&kind, b"VP8 " | b"VP8L" | b"ANMF");
                kept.push(chunk);
            }
            _ => {}
        }
        at = end;
    }
    if !pixels {
        return None;
    }
    let orientation = orientation.unwrap_or(1);
    if let Some(out) = &mut kept.bytes {
        // Flags: bit 3 is EXIF, bit 2 XMP.
        if let Some(flags) = extended_at.and_then(|vp8x| out.get_mut(vp8x + 8)) {
            *flags &= !0x0C;
            if orientation != 1 {
                *flags |= 0x08;
                let tiff = orientation_tiff(orientation);
                out.extend_from_slice(b"EXIF");
                out.extend((tiff.len() as u32).to_le_bytes());
                out.extend_from_slice(&tiff);
            }
        }
        let size = u32::try_from(out.len() - 8).ok()?;
        out[4..8].copy_from_slice(&size.to_le_bytes());
    }
    let facts = Facts {
        orientation,
        animated,
    };
    Some((facts, kept))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An EXIF block (TIFF, little-endian) with an orientation and a GPS latitude, as phones write.
    pub(crate) fn exif_with_gps(orientation: u16) -> Vec<u8> {
        let mut t = b"II\x2a\0\x08\0\0\0".to_vec();
        // Directory 0: orientation, and the GPS directory's place.
        t.extend(2u16.to_le_bytes());
        t.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0]);
        t.extend(orientation.to_le_bytes());
        t.extend([0, 0]);
        t.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]);
        t.extend(38u32.to_le_bytes());
        t.extend(0u32.to_le_bytes());
        // The GPS directory: latitude reference "N", and the words a search would find.
        t.extend(1u16.to_le_bytes());
        t.extend([0x01, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
        t.extend(0u32.to_le_bytes());
        t.extend_from_slice(b"GPS 41.80N 123.43E");
        t
    }

    fn jpeg_with(segments: &[(u8, Vec<u8>)], trailer: &[u8]) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        for (marker, body) in segments {
            j.extend([0xFF, *marker]);
            j.extend(((body.len() + 2) as u16).to_be_bytes());
            j.extend(body);
        }
        // A scan with a stuffed byte and a restart marker, then the end.
        j.extend([
            0xFF, 0xDA, 0, 4, 1, 2, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56,
        ]);
        j.extend([0xFF, 0xD9]);
        j.extend(trailer);
        j
    }

    #[test]
    fn jpeg_loses_exif_xmp_comments_and_trailer_and_keeps_its_turn() {
        let mut exif = EXIF_HEADER.to_vec();
        exif.extend(exif_with_gps(6));
        let jfif = b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec();
        let photo = jpeg_with(
            &[
                (0xE0, jfif.clone()),
                (0xE1, exif),
                (0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".to_vec()),
                (0xFE, b"taken at home".to_vec()),
                (0xDB, vec![0; 4]),
            ],
            b"\xFF\xD8second picture with GPS",
        );
        assert_eq!(read(&photo).unwrap().orientation, 6);
        let clean = strip(&photo).unwrap().unwrap();
        let expected = {
            let mut exif = EXIF_HEADER.to_vec();
            exif.extend(orientation_tiff(6));
            jpeg_with(&[(0xE0, jfif), (0xE1, exif), (0xDB, vec![0; 4])], b"")
        };
        assert_eq!(clean, expected);
        assert!(!clean.windows(3).any(|w| w == b"GPS"));
        assert_eq!(read(&clean).unwrap().orientation, 6);
        assert_eq!(strip(&clean), Ok(None), "nothing more to remove");
    }

    #[test]
    fn png_loses_text_and_exif_chunks() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend(kind);
            c.extend(data);
            c.extend(crc32fast::hash(&c[4..]).to_be_bytes());
            c
        };
        let header = chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(&header);
        png.extend(chunk(b"eXIf", &exif_with_gps(1)));
        png.extend(chunk(b"tEXt", b"Comment\0GPS 41.8N"));
        png.extend(chunk(b"IDAT", b"pixels"));
        png.extend(chunk(b"IEND", b""));
        let clean = strip(&png).unwrap().unwrap();
        let mut expected = PNG_SIGNATURE.to_vec();
        expected.extend(&header);
        expected.extend(chunk(b"IDAT", b"pixels"));
        expected.extend(chunk(b"IEND", b""));
        assert_eq!(clean, expected);
    }

    #[test]
    fn webp_loses_exif_and_xmp_and_their_flags() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = kind.to_vec();
            c.extend((data.len() as u32).to_le_bytes());
            c.extend(data);
            if data.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        let riff = |chunks: &[Vec<u8>]| {
            let body: Vec<u8> = chunks.concat();
            let mut w = b"RIFF".to_vec();
            w.extend(((body.len() + 4) as u32).to_le_bytes());
            w.extend(b"WEBP");
            w.extend(body);
            w
        };
        let photo = riff(&[
            chunk(b"VP8X", &[0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            chunk(b"VP8 ", b"pixels"),
            chunk(b"EXIF", &exif_with_gps(1)),
            chunk(b"XMP ", b"<x:xmpmeta/>"),
        ]);
        let expected = riff(&[
            chunk(b"VP8X", &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            chunk(b"VP8 ", b"pixels"),
        ]);
        assert_eq!(strip(&photo).unwrap().unwrap(), expected);
    }

    #[test]
    fn a_picture_that_cannot_be_walked_is_never_published_as_it_is() {
        assert_eq!(read(b"GIF89a"), None);
        assert_eq!(strip(b"GIF89a"), Ok(None), "not a kind with EXIF");
        assert_eq!(strip(b"%PDF-1.7"), Ok(None), "not a picture");
        let damaged = Err("a damaged or cut-short JPEG");
        assert_eq!(
            strip(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF]),
            damaged,
            "a truncated segment"
        );
        assert_eq!(
            strip(&[0xFF, 0xD8, 0xFF, 0xE1, 0, 1]),
            damaged,
            "a length below its own"
        );
        assert_eq!(
            strip(&[0xFF, 0xD8, 0xFF, 0, 0, 0xFF]),
            damaged,
            "junk between segments"
        );
        assert_eq!(read(b"\x89PNG\r\n\x1a\n\xff\xff\xff\xffIHDR"), None);
        assert_eq!(
            strip(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
            Err("an HEIC picture (an iPhone's)")
        );
        assert_eq!(strip(b"II*\0\x08\0\0\0"), Err("a TIFF picture"));
        // A WebP without a chunk that draws it, whatever else it holds.
        let webp = b"RIFF\x14\0\0\0WEBPexif\x08\0\0\0GPS 41N ";
        assert_eq!(strip(webp), Err("a damaged or cut-short WebP"));
    }

    #[test]
    fn only_what_draws_the_picture_is_kept() {
        // A JFIF header with a thumbnail, and an Adobe segment carrying more than its own.
        let mut jfif = b"JFIF\0\x01\x01\0\0\x01\0\x01\x02\x01".to_vec();
        jfif.extend([9; 6]);
        let adobe = b"Adobe\0\x64\0\0\0\0\x01SECRET".to_vec();
        let photo = jpeg_with(&[(0xE0, jfif), (0xEE, adobe), (0xDB, vec![0; 4])], b"");
        let expected = jpeg_with(
            &[
                (0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec()),
                (0xDB, vec![0; 4]),
            ],
            b"",
        );
        assert_eq!(strip(&photo).unwrap().unwrap(), expected);
    }
}
