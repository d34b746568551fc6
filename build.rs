//! Embeds the default theme (`templates/` and `static/`) into the binary, so a site folder
//! with only `site.toml` and `content/` builds with it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut code = String::from(
        "/// Every file of the default theme: (path under the theme root, bytes).\npub static THEME_FILES: &[(&str, &[u8])] = &[\n",
    );
    for dir in ["templates", "static"] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files = Vec::new();
        collect(&root.join(dir), &mut files);
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let rel: Vec<String> = file
                .strip_prefix(&root)
                .expect("walked under root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            writeln!(
                code,
                "    ({:?}, include_bytes!({:?})),",
                rel.join("/"),
                file.display().to_string()
            )
            .unwrap();
        }
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("theme_files.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
    tools_for_tests();
}

/// Tells the tests which outside programs they can drive, so a test that needs a missing one is
/// listed as ignored with its reason instead of passing without doing anything. Under `CI=true`
/// every such test runs, and fails if its program is missing.
fn tools_for_tests() {
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    let ci = std::env::var("CI").as_deref() == Ok("true");
    for (cfg, programs) in [
        ("has_chromium", &["chromium", "chromium-browser"][..]),
        ("has_wrk", &["wrk"][..]),
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if ci || programs.iter().any(|p| on_path(p)) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}

/// Whether `program` is an executable file in a folder of `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// Adds every file under `dir`, in its subfolders too, to `files`; a missing folder adds none.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
