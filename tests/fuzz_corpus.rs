//! Replays the fuzzers' corpus (`fuzz/corpus/<target>/`), kept in the repository, through the same
//! entry points on the stable compiler: an input that once found a crash stays a test.

mod common;

fn replay(target: &str, run: fn(&[u8])) {
    let folder = common::repo().join("fuzz/corpus").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&folder).expect("the corpus folder") {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panicked", path.display());
        count += 1;
    }
    assert!(count > 0, "{target} has no corpus");
}

#[test]
fn front_matter() {
    replay("front_matter", zonesite::fuzz::front_matter);
}

#[test]
fn shortcodes() {
    replay("shortcodes", zonesite::fuzz::shortcodes);
}

#[test]
fn fact_sheet() {
    replay("fact_sheet", zonesite::fuzz::fact_sheet);
}

#[test]
fn markdown() {
    replay("markdown", zonesite::fuzz::markdown);
}

#[test]
fn urls() {
    replay("urls", zonesite::fuzz::urls);
}

#[test]
fn pictures() {
    replay("pictures", zonesite::fuzz::pictures);
}
