//! Content-hashed names for stylesheets and scripts (`style.css` is also published as
//! `style.3f9a01c2d4e5.css`), so a CDN or browser cache never pairs new pages with an old stylesheet.

use std::collections::BTreeMap;

use crate::hash::fnv1a;

/// The file extensions that get a content-hashed copy: what pages load as they render.
const HASHED: [&str; 2] = ["css", "js"];

/// Hexadecimal digits of the hash in a name.
const HASH_DIGITS: usize = 12;

/// Each hashed file's site path and the name of its content-hashed copy.
#[derive(Debug, Default, Clone)]
pub(super) struct AssetNames(BTreeMap<String, String>);

impl AssetNames {
    /// Names the content-hashed copy of every stylesheet and script among `files` (site path, bytes).
    pub(super) fn new<'a>(files: impl IntoIterator<Item = (String, &'a [u8])>) -> AssetNames {
        AssetNames(
            files
                .into_iter()
                .filter_map(|(path, bytes)| {
                    let named = hashed_name(&path, bytes)?;
                    Some((path, named))
                })
                .collect(),
        )
    }

    /// The path to link `path` by: its content-hashed copy if it has one, else itself.
    pub(super) fn get<'a>(&'a self, path: &'a str) -> &'a str {
        self.0.get(path).map_or(path, String::as_str)
    }

    /// Each file with a content-hashed copy, and that copy's path.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(a, b)| (a.as_str(), b.as_str()))
    }
}

/// `dir/name.HASH.ext` for a stylesheet or script, `None` for other files.
fn hashed_name(path: &str, bytes: &[u8]) -> Option<String> {
    let (stem, ext) = path.rsplit_once('.')?;
    if !HASHED.contains(&ext) || stem.ends_with('/') || stem.is_empty() {
        return None;
    }
    let hash = format!("{:016x}", fnv1a(bytes));
    Some(format!("{stem}.{}.{ext}", &hash[..HASH_DIGITS]))
}

/// Whether `new` is `old` with only content-hashed names changed, as `renamed` (old, new) lists.
pub(crate) fn only_renamed(old: &[u8], new: &[u8], renamed: &[(&str, &str)]) -> bool {
    let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(new)) else {
        return false;
    };
    let mut text = old.to_owned();
    for (from, to) in renamed {
        text = text.replace(from, to);
    }
    text == new
}

/// Pairs of a removed and an added content-hashed copy of the same file, by name.
pub(crate) fn renames<'a>(removed: &[&'a str], added: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    removed
        .iter()
        .filter_map(|&from| {
            let plain = unhashed(from)?;
            let to = added
                .iter()
                .find(|to| unhashed(to).as_deref() == Some(&plain))?;
            Some((file_name(from), file_name(to)))
        })
        .collect()
}

/// `style.css` for `dir/style.3f9a01c2d4e5.css`.
fn unhashed(path: &str) -> Option<String> {
    let (rest, ext) = path.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    (hash.len() == HASH_DIGITS
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && HASHED.contains(&ext))
    .then(|| format!("{stem}.{ext}"))
}

/// The last segment of a site path: pages may link a file relative to themselves.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_scripts_get_names_from_their_bytes() {
        let names = AssetNames::new([
            ("style.css".to_owned(), &b"body {}"[..]),
            ("js/app.js".to_owned(), b"go()"),
            ("favicon.svg".to_owned(), b"<svg/>"),
        ]);
        let style = names.get("style.css");
        assert!(style.starts_with("style.") && style.ends_with(".css") && style.len() == 22);
        assert!(names.get("js/app.js").starts_with("js/app."));
        assert_eq!(names.get("favicon.svg"), "favicon.svg");
        let changed = AssetNames::new([("style.css".to_owned(), &b"body { margin: 0 }"[..])]);
        assert_ne!(changed.get("style.css"), style);
    }

    #[test]
    fn a_page_that_differs_only_in_hashed_names_is_recognised() {
        let renamed = renames(
            &["style.0123456789ab.css", "about/index.html"],
            &["style.ba9876543210.css"],
        );
        assert_eq!(
            renamed,
            [("style.0123456789ab.css", "style.ba9876543210.css")]
        );
        let old = b"<link href=\"/style.0123456789ab.css\"><p>Hi</p>";
        let new = b"<link href=\"/style.ba9876543210.css\"><p>Hi</p>";
        assert!(only_renamed(old, new, &renamed));
        assert!(!only_renamed(
            old,
            b"<link href=\"/style.ba9876543210.css\"><p>Ho</p>",
            &renamed
        ));
    }
}
