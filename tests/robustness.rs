//! Robustness: builds killed at any moment, and the output they leave.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{example_site, snapshot};

/// Adds `count` pages to the news section, so a build takes long enough to be killed mid-way.
fn add_pages(root: &Path, count: usize, words: &str) {
    for n in 0..count {
        let text = format!(
            "+++\ntitle = \"Story {n}\"\ndate = 2020-01-01\n+++\n\n{}\n",
            format!("{words} {n}. ").repeat(200)
        );
        std::fs::write(root.join(format!("content/news/story-{n}.md")), text).unwrap();
    }
}

fn build(root: &Path, output: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(["-q", "build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn sources(root: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(root)
}

#[test]
fn builds_killed_at_any_moment_leave_nothing_the_next_build_cannot_repair() {
    let site = example_site();
    let root = site.path();
    // The search index is made before anything is written, and kept for the next build: with it,
    // the timing build below would be slower than the rest, and few would be killed mid-way.
    common::append(root, "site.toml", "[search]\nenabled = false");
    let parent = tempfile::tempdir().unwrap();
    let output = parent.path().join("public");
    // A small deterministic generator of kill moments (no clock, no dependency).
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |limit: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % limit
    };
    // Kill moments spread over twice the time a whole build takes on this machine: from before
    // reading to after writing.
    add_pages(root, 100, "First text");
    let started = std::time::Instant::now();
    assert!(
        build(root, &parent.path().join("timing"))
            .wait()
            .unwrap()
            .success()
    );
    let build_ms = (started.elapsed().as_millis() as u64).max(5);
    let mut killed_mid_way = 0;
    for round in 0..40 {
        // The site swings between two versions, so each build has files to write and files to
        // remove, and a file left half-written by one build is one the next build need not write.
        let count = if round % 2 == 0 { 60 } else { 100 };
        add_pages(root, count, &format!("Version {} text", round % 2));
        for n in count..100 {
            let _ = std::fs::remove_file(root.join(format!("content/news/story-{n}.md")));
        }
        let before = sources(root);
        let mut child = build(root, &output);
        std::thread::sleep(Duration::from_millis(next(build_ms * 2)));
        if child.try_wait().unwrap().is_none() {
            killed_mid_way += 1;
        }
        child.kill().ok();
        child.wait().unwrap();
        assert!(
            sources(root) == before,
            "round {round}: the sources changed"
        );
    }
    assert!(
        killed_mid_way >= 4,
        "only {killed_mid_way} of 40 builds were still running when killed"
    );

    let status = build(root, &output).wait().unwrap();
    assert!(status.success(), "the build after the kills failed");
    let fresh = parent.path().join("fresh");
    assert!(build(root, &fresh).wait().unwrap().success());
    let repaired = snapshot(&output);
    let clean = snapshot(&fresh);
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&repaired), names(&clean));
    assert!(
        repaired == clean,
        "a repaired file differs from the clean build's"
    );
}
