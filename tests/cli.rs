//! The `zonesite` command as editors run it: exit codes and what it prints.

mod common;

use std::process::Command;

fn zonesite(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn build_prints_a_summary_line() {
    let site = common::fixture("build", "base");
    let out = tempfile::tempdir().unwrap();
    let root = site.path().to_str().unwrap();
    let output = out.path().join("public");
    let result = zonesite(&[
        "build",
        "--root",
        root,
        "--output",
        output.to_str().unwrap(),
    ]);
    assert!(result.status.success());
    let stdout = String::from_utf8(result.stdout).unwrap();
    assert!(
        stdout.starts_with("Built 9 pages and 2 sections into "),
        "{stdout}"
    );
    assert!(
        stdout.contains("(47 files written, 0 unchanged, 0 removed)"),
        "{stdout}"
    );
}

#[test]
fn a_broken_site_fails_with_the_messages_and_writes_nothing() {
    let site = common::fixture("errors", "broken_link");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let result = zonesite(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "error[link-broken]: broken link: there is no content/statistic.md\n  --> content/profile.md:7:9\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("Build failed: 1 error found; nothing was written.\n"),
        "{stderr}"
    );
    assert!(!output.exists());
}

#[test]
fn a_folder_without_site_toml_is_explained() {
    let empty = tempfile::tempdir().unwrap();
    let result = zonesite(&["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8(result.stderr).unwrap();
    let expected = format!(
        "error[file-unreadable]: cannot read site.toml in {}: it does not exist\n  --> site.toml\n  = hint: run zonesite in the site's folder, or name it with --root DIR\n",
        empty.path().display()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
}

#[test]
fn help_explains_relative_output() {
    let result = zonesite(&["build", "--help"]);
    let stdout = String::from_utf8(result.stdout).unwrap();
    assert!(
        stdout.contains("relative to the current folder"),
        "{stdout}"
    );
}

#[test]
fn explain_prints_what_a_code_means_and_finds_a_misspelt_one() {
    let result = zonesite(&["explain", "fact-unknown"]);
    assert!(result.status.success());
    let stdout = String::from_utf8(result.stdout).unwrap();
    assert!(stdout.starts_with("fact-unknown\n\n**Error.**"), "{stdout}");
    assert!(
        stdout.contains("Fix: use the id exactly as written"),
        "{stdout}"
    );

    let result = zonesite(&["explain", "[fact-unknwon]"]);
    assert!(!result.status.success());
    assert_eq!(
        String::from_utf8(result.stderr).unwrap(),
        "error: there is no message with the code `fact-unknwon`\n  = hint: did you mean `fact-unknown`?\n"
    );
}

#[test]
fn every_report_says_how_to_read_more_about_its_messages() {
    let site = common::fixture("build", "base");
    std::fs::write(
        site.path().join("content/extra.md"),
        "# Extra\n\nText {{ fact nope }}.\n",
    )
    .unwrap();
    let result = zonesite(&["check", "--root", site.path().to_str().unwrap()]);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(
        stderr.contains("What a message means and how to fix it: `zonesite explain fact-unknown`"),
        "{stderr}"
    );
}

#[test]
fn output_no_longer_read_is_no_crash() {
    use std::io::Read as _;
    // `zonesite explain | head -1`: the reader is gone before the program writes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .arg("explain")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "{status:?}: {stderr}");
}
