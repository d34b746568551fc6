//! The versions of pictures made before, kept in memory (the preview) and in zonesite's cache
//! folder (every build), never in the site folder: a stranger's repository could ship a cache
//! whose "versions" are not its pictures. Each site has a folder of its own, by its real path, so
//! that what one build no longer uses can be removed without touching another site's.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What starts an entry: a format change makes old entries unreadable, never wrong.
const MAGIC: &[u8] = b"zonesite pictures 1\n";

/// A picture's versions, in the order of its plan.
pub(crate) type Versions = Arc<[Arc<[u8]>]>;

/// Versions of pictures by key, in memory and, when it has a folder, on disk.
#[derive(Debug, Default)]
pub struct PictureCache {
    /// The site's folder of entries; `None` keeps them in memory only.
    folder: Option<PathBuf>,
    /// Entries read or made, by key.
    memory: HashMap<u64, Versions>,
    /// The keys the last build used, for [`PictureCache::prune`].
    used: HashSet<u64>,
}

impl PictureCache {
    /// A cache in zonesite's cache folder for the site at `root`; in memory only when there is
    /// no cache folder.
    pub fn on_disk(root: &Path) -> Self {
        let folder = std::fs::canonicalize(root).ok().and_then(|real| {
            let site = crate::hash::fnv1a(real.as_os_str().as_encoded_bytes());
            let dir = crate::write::cache_dir()?;
            // A cache inside the site (ZONESITE_CACHE_DIR set to a folder of the checkout) is
            // one its repository could ship: it is not used.
            (!real_path(&dir).starts_with(&real))
                .then(|| dir.join("pictures").join(format!("{site:016x}")))
        });
        PictureCache {
            folder,
            ..PictureCache::default()
        }
    }

    /// A cache in memory only: nothing is read from or written to disk.
    pub fn in_memory() -> Self {
        PictureCache::default()
    }

    /// Whether the cache has the `count` versions of picture `key`, reading them from disk into
    /// memory if need be; an entry that is torn, tampered with or of another count is not had.
    pub(crate) fn has(&mut self, key: u64, count: usize) -> bool {
        self.used.insert(key);
        if let Some(versions) = self.memory.get(&key) {
            return versions.len() == count;
        }
        let Some(path) = self.entry(key) else {
            return false;
        };
        match std::fs::read(path).ok().and_then(|bytes| parse(&bytes)) {
            Some(versions) if versions.len() == count => {
                self.memory.insert(key, versions);
                true
            }
            _ => false,
        }
    }

    /// The versions of picture `key`, if the cache has them.
    pub(crate) fn get(&self, key: u64) -> Option<&Versions> {
        self.memory.get(&key)
    }

    /// Keeps the versions of picture `key`; on disk too, written whole or not at all. A cache
    /// that cannot be written only costs time: the build goes on.
    pub(crate) fn put(&mut self, key: u64, versions: Vec<Vec<u8>>) {
        self.used.insert(key);
        let versions: Versions = versions.into_iter().map(Arc::from).collect();
        if let Some(path) = self.entry(key) {
            let _ = write_entry(&path, &versions);
        }
        self.memory.insert(key, versions);
    }

    /// Forgets every entry the builds since the last prune did not use, in memory and in the
    /// site's folder on disk (with any temporary file a stopped build left).
    pub fn prune(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.memory.retain(|key, _| used.contains(key));
        let Some(folder) = &self.folder else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let keep = name
                .to_str()
                .and_then(|n| n.strip_suffix(".pic"))
                .and_then(|hex| u64::from_str_radix(hex, 16).ok())
                .is_some_and(|key| used.contains(&key));
            if !keep {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// The file of entry `key`, when the cache has a folder.
    fn entry(&self, key: u64) -> Option<PathBuf> {
        self.folder
            .as_ref()
            .map(|folder| folder.join(format!("{key:016x}.pic")))
    }
}

/// `path` with its links resolved as far as it exists: the part that does not exist yet is
/// joined to the real path of the part that does.
fn real_path(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Writes an entry to a temporary file beside `path`, then renames it into place.
fn write_entry(path: &Path, versions: &[Arc<[u8]>]) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut bytes = MAGIC.to_vec();
    bytes.extend((versions.len() as u64).to_le_bytes());
    for version in versions {
        bytes.extend((version.len() as u64).to_le_bytes());
        bytes.extend_from_slice(version);
    }
    bytes.extend(xxhash_rust::xxh3::xxh3_64(&bytes).to_le_bytes());
    crate::write::replace_file(path, &bytes, false)
}

/// The versions an entry holds; `None` unless it is whole and its checksum matches.
fn parse(bytes: &[u8]) -> Option<Versions> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
        return None;
    }
    let mut rest = body.strip_prefix(MAGIC)?;
    let mut take = |n: usize| {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let number = |b: &[u8]| usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok();
    let count = number(take(8)?)?;
    let mut versions = Vec::with_capacity(count.min(64));
    for _ in 0..count {
        let length = number(take(8)?)?;
        versions.push(Arc::from(take(length)?));
    }
    rest.is_empty().then(|| versions.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache whose folder is `dir`.
    fn cache_in(dir: &Path) -> PictureCache {
        PictureCache {
            folder: Some(dir.to_path_buf()),
            ..PictureCache::default()
        }
    }

    #[test]
    fn entries_come_back_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = cache_in(dir.path());
        cache.put(7, vec![b"webp".to_vec(), b"jpeg".to_vec()]);
        let path = dir.path().join(format!("{:016x}.pic", 7));
        let mut fresh = cache_in(dir.path());
        assert!(fresh.has(7, 2));
        assert_eq!(&*fresh.get(7).unwrap()[1], b"jpeg");
        assert!(!cache_in(dir.path()).has(7, 3));
        // A torn entry, and one whose bytes were changed, are not had.
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        assert!(!cache_in(dir.path()).has(7, 2));
        let mut changed = bytes.clone();
        changed[MAGIC.len() + 20] ^= 1;
        std::fs::write(&path, &changed).unwrap();
        assert!(!cache_in(dir.path()).has(7, 2));
    }

    #[test]
    fn pruning_removes_what_the_last_build_did_not_use() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = cache_in(dir.path());
        cache.put(1, vec![b"one".to_vec()]);
        cache.put(2, vec![b"two".to_vec()]);
        std::fs::write(dir.path().join("0000000000000003.tmp99"), b"torn").unwrap();
        cache.prune();
        assert!(cache.has(1, 1));
        cache.prune();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, [format!("{:016x}.pic", 1)]);
        assert!(cache.get(2).is_none());
    }
}
