//! A site from someone else is safe to build (#22): links (shortcuts) and build records that a
//! shared repository can carry never make a build write, delete or publish anything outside the
//! site and its output folder. Each attack is set up in one temporary folder holding the site, a
//! fake home folder with keys, a victim folder and zonesite's cache, and the real binary runs on
//! it; everything outside the output folder and the cache is compared before and after.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// Words in the fake private key: they must never reach any file a build writes.
const SECRET: &str = "SECRET-KEY-7d41c0";

/// What a path in the temporary folder is: a folder, a file's bytes, or a link's target.
#[derive(Debug, PartialEq, Eq)]
enum Node {
    /// A folder (what it holds is listed on its own).
    Folder,
    /// A file's bytes.
    File(Vec<u8>),
    /// A link's target, as written.
    Link(PathBuf),
}

/// One temporary folder: `site/` (the base fixture), `home/` (keys), `victim/`, `shared/` (files
/// outside the site that a trusted site may link to) and `cache/` (zonesite's cache folder).
struct Scene {
    dir: TempDir,
}

impl Scene {
    /// The scene, with the base fixture as the site.
    fn new() -> Scene {
        let dir = TempDir::new().unwrap();
        let root = dir.path();
        common::copy_tree(
            &common::repo().join("tests/fixtures/build/base"),
            &root.join("site"),
        );
        for (file, text) in [
            ("home/.ssh/authorized_keys", "ssh-ed25519 AAAA the-owner\n"),
            ("home/.ssh/config", "Host *\n  IdentitiesOnly yes\n"),
            ("home/.ssh/id_rsa", SECRET),
            ("victim/x", "the victim's file\n"),
            ("shared/note.txt", "a note kept outside the site\n"),
            (
                "shared/page.md",
                "# Shared page\n\nKept outside the site.\n",
            ),
            (
                "shared/404.html",
                "<p>a 404 page kept outside the site</p>\n",
            ),
        ] {
            write(&root.join(file), text);
        }
        Scene { dir }
    }

    /// `rel` inside the scene.
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The real binary, with the fake home and the scene's cache folder.
    fn zonesite(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_zonesite"))
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.path("home"))
            .env("ZONESITE_CACHE_DIR", self.path("cache"))
            .env_remove("XDG_CACHE_HOME")
            .output()
            .expect("zonesite runs")
    }

    /// `zonesite build --root site` with `args`, checking what no build may do, whatever it
    /// reports: change anything outside the output folder and the cache, or copy the secret.
    fn build(&self, args: &[&str]) -> Output {
        let before = self.outside_output();
        let site = self.path("site");
        let mut all = vec!["build", "--root", site.to_str().unwrap()];
        all.extend(args);
        let run = self.zonesite(&all);
        assert_eq!(
            self.outside_output(),
            before,
            "the build changed something outside the output folder; it said:\n{}",
            text(&run.stderr)
        );
        self.assert_secret_kept();
        run
    }

    /// Every path of the scene outside `site/public/` and `cache/`, with what it is.
    fn outside_output(&self) -> BTreeMap<String, Node> {
        tree(self.dir.path())
            .into_iter()
            .filter(|(rel, _)| !under(rel, "site/public") && !under(rel, "cache"))
            .collect()
    }

    /// No file but the key itself holds the secret.
    fn assert_secret_kept(&self) {
        for (rel, node) in tree(self.dir.path()) {
            if let Node::File(bytes) = node {
                assert!(
                    rel == "home/.ssh/id_rsa" || !String::from_utf8_lossy(&bytes).contains(SECRET),
                    "{rel} holds the secret"
                );
            }
        }
    }

    /// The output folder holds exactly what a fresh build of the site into an empty folder does.
    fn assert_output_is_a_fresh_build(&self, what: &str) {
        let fresh = self.path("fresh");
        let _ = std::fs::remove_dir_all(&fresh);
        let site = self.path("site");
        succeeded(&self.zonesite(&[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            fresh.to_str().unwrap(),
        ]));
        assert_eq!(
            common::snapshot(&self.path("site/public")),
            common::snapshot(&fresh),
            "{what}"
        );
    }

    /// The one build record in the scene's cache.
    fn record(&self) -> PathBuf {
        self.cached("files")
    }

    /// The one file of the cache's records folder whose name ends with `extension`.
    fn cached(&self, extension: &str) -> PathBuf {
        let found: Vec<PathBuf> = std::fs::read_dir(self.path("cache/records"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == extension))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].clone()
    }
}

/// Whether `rel` is `folder` or inside it.
fn under(rel: &str, folder: &str) -> bool {
    rel == folder || rel.starts_with(&format!("{folder}/"))
}

/// Every path under `dir`, links not followed, with what it is; a folder named `too-deep` is
/// listed but not entered (its paths are longer than the system can name at once).
fn tree(dir: &Path) -> BTreeMap<String, Node> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || e.path().parent().is_none_or(|p| !p.ends_with("too-deep"))
        })
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            let node = if e.path_is_symlink() {
                Node::Link(std::fs::read_link(e.path()).unwrap())
            } else if e.file_type().is_dir() {
                Node::Folder
            } else {
                Node::File(std::fs::read(e.path()).unwrap())
            };
            (rel.into_owned(), node)
        })
        .collect()
}

/// Writes `text` to `path`, making its folders.
fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A command's output as text.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The run succeeded; its messages.
fn succeeded(run: &Output) -> String {
    assert!(run.status.success(), "{}", text(&run.stderr));
    text(&run.stderr)
}

/// The run failed with an error; its messages.
fn failed(run: &Output) -> String {
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stderr));
    text(&run.stderr)
}

#[test]
fn a_folder_link_in_the_output_named_like_a_page_is_refused() {
    let scene = Scene::new();
    // The page `about/` and a static file of the same folder would land in the fake ~/.ssh.
    write(
        &scene.path("site/static/about/authorized_keys"),
        "ssh-ed25519 AAAA the-attacker\n",
    );
    succeeded(&scene.build(&[]));
    std::fs::remove_dir_all(scene.path("site/public/about")).unwrap();
    symlink("../../home/.ssh", scene.path("site/public/about")).unwrap();
    let said = failed(&scene.build(&[]));
    assert!(
        said.starts_with(&format!(
            "error[output-link]: this is a link (shortcut) to ../../home/.ssh, and the site would be written through it: zonesite never writes through links in the output folder\n  --> {}\n",
            scene.path("site/public/about").display()
        )),
        "{said}"
    );
    assert!(said.ends_with("Build failed: 1 error found; nothing was written.\n"));
    // --force lets a build write among files of others, never through links.
    failed(&scene.build(&["--force"]));
    assert!(scene.path("site/public/index.html").is_file());
}

#[test]
fn a_file_link_in_the_output_named_like_an_output_file_is_refused() {
    let scene = Scene::new();
    succeeded(&scene.build(&[]));
    let robots = scene.path("site/public/robots.txt");
    std::fs::remove_file(&robots).unwrap();
    symlink("../../home/.ssh/authorized_keys", &robots).unwrap();
    let said = failed(&scene.build(&[]));
    assert!(
        said.contains(&format!(
            "error[output-link]: this is a link (shortcut) to ../../home/.ssh/authorized_keys, and the site would be written through it: zonesite never writes through links in the output folder\n  --> {}\n",
            robots.display()
        )),
        "{said}"
    );
    assert!(
        robots.is_symlink(),
        "the link itself is left for the editor"
    );
}

#[test]
fn an_output_folder_that_is_a_link_inside_the_site_is_refused() {
    let scene = Scene::new();
    symlink("../home/.ssh", scene.path("site/public")).unwrap();
    for args in [&[][..], &["--force"]] {
        let said = failed(&scene.build(args));
        assert!(
            said.starts_with(&format!(
                "error[output-link]: refusing to write the site into {}: the way there passes through {}, a link (shortcut) inside the site's folder",
                scene.path("home/.ssh").canonicalize().unwrap().display(),
                scene.path("site/public").display()
            )),
            "{said}"
        );
    }
}

#[test]
fn a_record_planted_beside_the_output_deletes_nothing() {
    let scene = Scene::new();
    // Files of the editor's in the output, and a link a repository shipped into it.
    for (file, text) in [
        ("CNAME", "zone.example.org\n"),
        (".git/config", "[core]\n"),
        (".nojekyll", ""),
    ] {
        write(&scene.path(&format!("site/public/{file}")), text);
    }
    symlink("../../victim", scene.path("site/public/through")).unwrap();
    // Where older versions kept the record, which a repository can ship.
    write(
        &scene.path("site/.zonesite/public.files"),
        "# unfinished build: files below may be half-done\n../victim/x\n.git/config\nCNAME\n.nojekyll\nthrough/x\n",
    );
    let said = succeeded(&scene.build(&[]));
    assert!(!said.contains("error"), "{said}");
    for file in ["CNAME", ".git/config", ".nojekyll", "through"] {
        assert!(
            scene.path(&format!("site/public/{file}")).exists(),
            "{file} was deleted"
        );
    }
    assert!(scene.path("site/public/index.html").is_file());
}

#[test]
fn a_damaged_record_in_the_cache_is_acted_on_only_where_it_is_right() {
    let scene = Scene::new();
    succeeded(&scene.build(&[]));
    for (file, text) in [(".git/config", "[core]\n"), (".hidden", "mine\n")] {
        write(&scene.path(&format!("site/public/{file}")), text);
    }
    symlink("../../victim", scene.path("site/public/through")).unwrap();
    let record = scene.record();
    let listed = std::fs::read_to_string(&record).unwrap();
    let victim = scene.path("victim/x");
    std::fs::write(
        &record,
        format!(
            "{listed}../victim/x\n{}\n.git/config\n.hidden\nthrough/x\nabout/index.html\n",
            victim.display()
        ),
    )
    .unwrap();
    // The page about/ is gone from the site: its file, rightly listed, goes.
    std::fs::remove_file(scene.path("site/content/about.md")).unwrap();
    let said = succeeded(&scene.build(&[]));
    let warnings: Vec<&str> = said
        .lines()
        .filter(|l| l.starts_with("warning[build-record-ignored]"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning[build-record-ignored]: the build record lists `../victim/x`, which is not a file inside the output folder, so it is ignored".to_owned(),
            format!("warning[build-record-ignored]: the build record lists `{}`, which is not a file inside the output folder, so it is ignored", victim.display()),
            "warning[build-record-ignored]: the build record lists this file, but it is left alone: it is hidden, and zonesite never deletes a hidden file it does not write".to_owned(),
            "warning[build-record-ignored]: the build record lists this file, but it is left alone: it is hidden, and zonesite never deletes a hidden file it does not write".to_owned(),
            format!("warning[build-record-ignored]: the build record lists this file, but it is left alone: {} is a link (shortcut) now, and zonesite never deletes through links", scene.path("site/public/through").display()),
        ],
        "{said}"
    );
    assert!(scene.path("site/public/.git/config").is_file());
    assert!(scene.path("site/public/.hidden").is_file());
    assert!(!scene.path("site/public/about").exists());

    // A record naming another folder is not applied to this one.
    write(&scene.path("site/public/mine.html"), "<p>mine</p>\n");
    std::fs::write(
        &record,
        "# zonesite build record of /somewhere/else\nmine.html\n",
    )
    .unwrap();
    let said = succeeded(&scene.build(&[]));
    assert!(
        said.contains("warning[build-record-ignored]: the build record belongs to another folder (/somewhere/else), so it is ignored"),
        "{said}"
    );
    assert!(scene.path("site/public/mine.html").is_file());
}

#[test]
fn a_hidden_file_from_an_alias_is_said_once_and_kept_when_the_alias_goes() {
    let scene = Scene::new();
    common::edit(
        &scene.path("site"),
        &[(
            "content/renamed.md",
            "aliases = [\"/old-name/\"]",
            "aliases = [\"/old-name/\", \"/.well-known/zone/\"]",
        )],
    );
    succeeded(&scene.build(&[]));
    let redirect = scene.path("site/public/.well-known/zone/index.html");
    assert!(redirect.is_file());
    assert!(!succeeded(&scene.build(&[])).contains("warning"));
    common::edit(
        &scene.path("site"),
        &[("content/renamed.md", ", \"/.well-known/zone/\"", "")],
    );
    // No record's word deletes a hidden file: this one stays, and the build says so once.
    let said = succeeded(&scene.build(&[]));
    assert!(
        said.contains(&format!("warning[build-record-ignored]: the build record lists this file, but it is left alone: it is hidden, and zonesite never deletes a hidden file it does not write\n  --> {}\n", redirect.display())),
        "{said}"
    );
    assert!(redirect.is_file());
    assert!(!succeeded(&scene.build(&[])).contains("warning"));
}

/// Links to the secret in each folder of the site.
const LINKS_TO_THE_KEY: [&str; 3] = ["static/key.txt", "content/key.md", "templates/404.html"];

#[test]
fn links_to_files_outside_the_site_are_errors() {
    let scene = Scene::new();
    for link in LINKS_TO_THE_KEY {
        let path = scene.path(&format!("site/{link}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink("../../home/.ssh/id_rsa", &path).unwrap();
    }
    let said = failed(&scene.build(&[]));
    let key = scene.path("home/.ssh/id_rsa").canonicalize().unwrap();
    for link in LINKS_TO_THE_KEY {
        assert!(
            said.contains(&format!(
                "error[link-outside-site]: this link (shortcut) leads outside the site's folder, to {}\n  --> {link}\n  = hint: put the file itself in the site's folder instead of the link; if you trust this site and it needs files from elsewhere on this computer, build with --allow-outside-links\n",
                key.display()
            )),
            "{link}: {said}"
        );
    }
    assert!(!scene.path("site/public").exists(), "nothing was written");
    // `check` says the same.
    let site = scene.path("site");
    let checked = failed(&scene.zonesite(&["check", "--root", site.to_str().unwrap()]));
    assert_eq!(checked.matches("error[link-outside-site]").count(), 3);
}

#[test]
fn links_outside_the_site_are_followed_with_allow_outside_links() {
    let scene = Scene::new();
    for (link, target) in [
        ("static/note.txt", "../../shared/note.txt"),
        ("content/shared.md", "../../shared/page.md"),
        ("templates/404.html", "../../shared/404.html"),
    ] {
        let path = scene.path(&format!("site/{link}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, &path).unwrap();
    }
    assert_eq!(
        failed(&scene.build(&[]))
            .matches("error[link-outside-site]")
            .count(),
        3
    );
    succeeded(&scene.build(&["--allow-outside-links"]));
    let public = scene.path("site/public");
    assert_eq!(
        common::read(&public, "note.txt"),
        "a note kept outside the site\n"
    );
    assert!(common::read(&public, "shared/index.html").contains("Kept outside the site."));
    assert_eq!(
        common::read(&public, "404.html"),
        "<p>a 404 page kept outside the site</p>\n"
    );
    let site = scene.path("site");
    succeeded(&scene.zonesite(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--allow-outside-links",
    ]));
    // serve takes the flag too.
    assert!(text(&scene.zonesite(&["serve", "--help"]).stdout).contains("--allow-outside-links"));
}

#[test]
fn a_link_inside_the_site_is_followed() {
    let scene = Scene::new();
    write(&scene.path("site/notes/inside.txt"), "kept in the site\n");
    write(
        &scene.path("site/notes/page.md"),
        "# Linked page\n\nHello.\n",
    );
    std::fs::create_dir_all(scene.path("site/static")).unwrap();
    symlink("../notes/inside.txt", scene.path("site/static/inside.txt")).unwrap();
    symlink("../notes/page.md", scene.path("site/content/linked.md")).unwrap();
    let said = succeeded(&scene.build(&[]));
    assert!(!said.contains("link"), "{said}");
    let public = scene.path("site/public");
    assert_eq!(common::read(&public, "inside.txt"), "kept in the site\n");
    assert!(common::read(&public, "linked/index.html").contains("Hello."));
}

#[test]
fn a_case_only_rename_in_static_leaves_no_orphan() {
    let scene = Scene::new();
    write(&scene.path("site/static/Logo.txt"), "logo\n");
    write(&scene.path("site/static/Pictures/map.txt"), "map\n");
    succeeded(&scene.build(&[]));
    std::fs::rename(
        scene.path("site/static/Logo.txt"),
        scene.path("site/static/logo.txt"),
    )
    .unwrap();
    std::fs::rename(
        scene.path("site/static/Pictures"),
        scene.path("site/static/pictures"),
    )
    .unwrap();
    succeeded(&scene.build(&[]));
    scene.assert_output_is_a_fresh_build("the renamed files alone");
    assert!(!scene.path("site/public/Pictures").exists());
}

#[test]
fn a_symlinked_output_builds_twice_as_once() {
    let scene = Scene::new();
    std::fs::create_dir(scene.path("real-output")).unwrap();
    symlink("real-output", scene.path("output-link")).unwrap();
    let site = scene.path("site");
    let link = scene.path("output-link");
    let build = || {
        scene.zonesite(&[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            link.to_str().unwrap(),
        ])
    };
    succeeded(&build());
    std::fs::remove_file(scene.path("site/content/about.md")).unwrap();
    let second = build();
    succeeded(&second);
    assert!(
        text(&second.stdout).contains("removed)") && !text(&second.stdout).contains(" 0 removed"),
        "{}",
        text(&second.stdout)
    );
    assert!(!scene.path("real-output/about").exists());
    assert!(scene.path("output-link").is_symlink());
    assert!(!scene.path(".zonesite").exists(), "no record beside it");
}

#[test]
fn a_second_build_into_the_same_output_waits_its_turn() {
    let scene = Scene::new();
    succeeded(&scene.build(&[]));
    // What a build writing into public/ holds meanwhile.
    let lock = std::fs::File::options()
        .write(true)
        .open(scene.cached("lock"))
        .unwrap();
    lock.lock().unwrap();
    let said = failed(&scene.build(&[]));
    assert_eq!(
        said,
        format!(
            "error: another build is writing into {} now; wait for it to finish, then build again\n",
            scene.path("site/public").display()
        )
    );
    lock.unlock().unwrap();
    succeeded(&scene.build(&[]));
}

#[test]
fn builds_started_together_never_mix_their_files() {
    let scene = Scene::new();
    let site = scene.path("site");
    let story = scene.path("site/content/news/story-1.md");
    let original = std::fs::read_to_string(&story).unwrap();
    for round in 0..12 {
        std::fs::write(&story, format!("{original}\nRound {round}.\n")).unwrap();
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_zonesite"))
                .args(["-q", "build", "--root", site.to_str().unwrap()])
                .env("HOME", scene.path("home"))
                .env("ZONESITE_CACHE_DIR", scene.path("cache"))
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let both = [start(), start()];
        for child in both {
            let run = child.wait_with_output().unwrap();
            if !run.status.success() {
                assert!(
                    text(&run.stderr).starts_with("error: another build is writing into "),
                    "{}",
                    text(&run.stderr)
                );
            }
        }
    }
    succeeded(&scene.build(&[]));
    scene.assert_output_is_a_fresh_build("no temporary file left, no file of an older round");
}

#[test]
fn init_force_never_writes_through_a_link() {
    let scene = Scene::new();
    let dir = scene.path("new-site");
    std::fs::create_dir(&dir).unwrap();
    symlink("../home/.ssh/config", dir.join("README.md")).unwrap();
    symlink("../victim/gone.md", dir.join("EDITING.md")).unwrap();
    symlink("../victim", dir.join("content")).unwrap();
    let before = tree(scene.dir.path())
        .into_iter()
        .filter(|(rel, _)| !under(rel, "new-site"))
        .collect::<BTreeMap<_, _>>();
    let run = scene.zonesite(&["init", dir.to_str().unwrap(), "--force"]);
    let said = succeeded(&run);
    for name in ["README.md", "EDITING.md", "content/_index.md"] {
        assert!(
            said.contains(&format!("did not write {name}: it, or a folder on its way, is a link (shortcut), and init never writes through links\n")),
            "{said}"
        );
    }
    let after = tree(scene.dir.path())
        .into_iter()
        .filter(|(rel, _)| !under(rel, "new-site"))
        .collect::<BTreeMap<_, _>>();
    assert_eq!(after, before, "a link's target changed");
    assert!(dir.join("README.md").is_symlink());
    assert!(dir.join("site.toml").is_file());
}

#[test]
fn init_keeps_what_it_builds_out_of_the_repository() {
    let scene = Scene::new();
    succeeded(&scene.zonesite(&["init", "new-site"]));
    assert_eq!(
        common::read(&scene.path("new-site"), ".gitignore"),
        "# What zonesite builds from the site: not part of it.\n/public/\n/.zonesite/\n# The copy for a USB stick that EDITING.md suggests (zonesite build --links index-html --output usb-copy).\n/usb-copy/\n"
    );
}

#[test]
fn a_drafts_slug_that_climbs_out_is_refused_before_its_translation_takes_it() {
    let scene = Scene::new();
    let toml = scene.path("site/site.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[languages.en]\n\n[languages.zh]\ntag = \"zh-Hans\"\n");
    write(&toml, &text);
    write(
        &scene.path("site/content/evil.md"),
        "+++\ntitle = \"Evil\"\ndraft = true\nslug = \"../../../../victim/pwned\"\n+++\nx\n",
    );
    write(
        &scene.path("site/content/evil.zh.md"),
        "+++\ntitle = \"Evil zh\"\n+++\nx\n",
    );
    let said = failed(&scene.build(&[]));
    assert!(said.contains("error[slug-invalid]"), "{said}");
    assert!(!scene.path("victim/pwned").exists());
}

#[test]
fn a_line_break_in_an_alias_or_slug_cannot_name_other_files_in_the_record() {
    let scene = Scene::new();
    let host = scene.path("site/public");
    write(&host.join("CNAME"), "example.org\n");
    write(&host.join("docs/README.md"), "keep\n");
    write(
        &scene.path("site/content/n.md"),
        "+++\ntitle = \"N\"\naliases = [\"/CNAME\\nx/\", \"/docs/README.md\\ny/\"]\n+++\nx\n",
    );
    write(
        &scene.path("site/content/m.md"),
        "+++\ntitle = \"M\"\nslug = \"CNAME\\nfoo\"\n+++\nx\n",
    );
    let said = failed(&scene.build(&["--force"]));
    assert_eq!(said.matches("error[alias-invalid]").count(), 2, "{said}");
    assert!(said.contains("error[slug-invalid]"), "{said}");
    assert_eq!(common::read(&host, "CNAME"), "example.org\n");
    assert_eq!(common::read(&host, "docs/README.md"), "keep\n");
}

#[test]
fn a_link_to_a_hidden_file_of_the_site_is_refused() {
    let scene = Scene::new();
    // A clone made with a token keeps it in .git/config.
    write(
        &scene.path("site/.git/config"),
        "[remote \"origin\"]\n  url = https://user:ghp_TOKEN@example.org/zone.git\n",
    );
    std::fs::create_dir_all(scene.path("site/static")).unwrap();
    symlink("../.git/config", scene.path("site/static/cfg.txt")).unwrap();
    let said = failed(&scene.build(&[]));
    assert!(
        said.contains(
            "error[link-outside-site]: this link (shortcut) leads to a hidden file of the site"
        ),
        "{said}"
    );
    assert!(!scene.path("site/public").exists(), "nothing was written");
}

#[test]
fn a_link_whose_target_is_too_long_to_work_out_is_refused() {
    let scene = Scene::new();
    // A real path of more than 4,096 bytes: the system cannot resolve it in one go, yet opens
    // it one step at a time, so a check that trusts a failed resolution is passed by.
    let deep: String = std::iter::once("too-deep".to_owned())
        .chain((0..20).map(|_| "a".repeat(200)))
        .chain(["b".repeat(60)])
        .collect::<Vec<_>>()
        .join("/");
    // Made from inside the site: the whole path is too long to name at once.
    let made = Command::new("mkdir")
        .args(["-p", &deep])
        .current_dir(scene.path("site"))
        .status()
        .unwrap();
    assert!(made.success());
    symlink(&deep, scene.path("site/long")).unwrap();
    let climb = format!("../long/{}../home/.ssh/id_rsa", "../".repeat(22));
    std::fs::create_dir_all(scene.path("site/static")).unwrap();
    symlink(&climb, scene.path("site/static/k.txt")).unwrap();
    let said = failed(&scene.build(&[]));
    assert!(said.contains("error[link-outside-site]"), "{said}");
}

#[test]
fn an_alias_or_slug_cannot_write_into_a_hidden_folder_of_the_output() {
    let scene = Scene::new();
    let host = scene.path("site/public");
    write(&host.join(".git/config"), "[core]\n");
    write(
        &scene.path("site/content/n.md"),
        "+++\ntitle = \"N\"\naliases = [\"/.git/hooks/\"]\n+++\nx\n",
    );
    write(
        &scene.path("site/content/m.md"),
        "+++\ntitle = \"M\"\nslug = \".git\"\n+++\nx\n",
    );
    let said = failed(&scene.build(&["--force"]));
    assert!(said.contains("error[alias-invalid]"), "{said}");
    assert!(said.contains("error[slug-invalid]"), "{said}");
    assert!(!host.join(".git/hooks").exists());
}
