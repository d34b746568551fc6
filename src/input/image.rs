//! A picture's width and height, read from its bytes: pages and the logo are given their size.

/// Width and height of a picture: raster formats by their header, SVG by its attributes.
pub(crate) fn image_size(bytes: &[u8]) -> Option<(usize, usize)> {
    if let Ok(size) = imagesize::blob_size(bytes) {
        return Some((size.width, size.height));
    }
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
        (Some(w), Some(h)) => Some((w.round() as usize, h.round() as usize)),
        _ => {
            let vb: Vec<f64> = attr("viewBox")?
                .split([' ', ','])
                .filter_map(|n| n.parse().ok())
                .collect();
            (vb.len() == 4 && vb[2] > 0.0 && vb[3] > 0.0)
                .then(|| (vb[2].round() as usize, vb[3].round() as usize))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_size_from_attributes_or_viewbox() {
        assert_eq!(
            image_size(br#"<svg width="40" height="20">"#),
            Some((40, 20))
        );
        assert_eq!(
            image_size(br#"<svg viewBox="0 0 120 60">"#),
            Some((120, 60))
        );
    }
}
