//! The commands, one file each, and the printer that speaks to people in the terminal.

pub mod build;
pub mod check;
pub mod edit;
pub mod explain;
pub mod init;
pub mod new;
pub mod serve;

use zonesite::OutsideLinks;
use zonesite::diagnostic::{Diagnostic, Severity, render_all_styled};

/// The flag that lets links leave the site's folder, shared by every command that reads a site.
#[derive(clap::Args)]
pub struct Links {
    /// Follow links (shortcuts) in content/, static/ and templates/ that lead to files outside
    /// the site's folder. Only for a site you trust: without it, such a link is an error, so a
    /// site shared with you cannot publish other files of your computer.
    #[arg(long)]
    allow_outside_links: bool,
}

impl Links {
    /// What the flag means for reading the site.
    pub fn outside_links(&self) -> OutsideLinks {
        if self.allow_outside_links {
            OutsideLinks::Follow
        } else {
            OutsideLinks::Refuse
        }
    }
}

/// The settings of site.toml that one run of a command may replace, shared by `build` and
/// `check` so that what is checked is what is built.
#[derive(clap::Args)]
pub struct Replaced {
    /// The address the site will be published at, instead of site.toml's base_url.
    #[arg(long)]
    pub base_url: Option<String>,
    /// How pages link to each other, instead of site.toml's `[publish] links`: `index-html` for
    /// a copy that works opened from disk or a USB stick.
    #[arg(long = "links", value_enum, value_name = "STYLE")]
    link_style: Option<LinkStyleArg>,
}

/// The values of `--links`, as site.toml's `[publish] links` spells them.
#[derive(Clone, Copy, clap::ValueEnum)]
enum LinkStyleArg {
    /// `/zone/profile/`: for a web server.
    Folders,
    /// `../profile/index.html`: for a copy opened from disk.
    IndexHtml,
}

impl Replaced {
    /// What the flags replace, for the library.
    pub fn overrides(&self) -> zonesite::Overrides<'_> {
        zonesite::Overrides {
            base_url: self.base_url.as_deref(),
            links: self.link_style.map(|style| match style {
                LinkStyleArg::Folders => zonesite::LinkStyle::Folders,
                LinkStyleArg::IndexHtml => zonesite::LinkStyle::IndexHtml,
            }),
            unsaved: None,
        }
    }
}

/// How much to print; colour is decided by `anstream` (a terminal, and no `NO_COLOR`).
#[derive(Clone, Copy)]
pub struct Printer {
    /// Errors only.
    pub quiet: bool,
    /// Every file a build writes, and the time of each stage.
    pub verbose: bool,
}

impl Printer {
    /// Prints problems; with `--quiet`, errors only.
    pub fn problems(&self, problems: &[Diagnostic]) {
        let shown: Vec<Diagnostic> = problems
            .iter()
            .filter(|d| !self.quiet || d.severity == Severity::Error)
            .cloned()
            .collect();
        if let Some(first) = shown
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(shown.first())
        {
            anstream::eprintln!("{}", render_all_styled(&shown));
            eprintln!(
                "What a message means and how to fix it: `zonesite explain {}` (the code in [ ]).\n",
                first.code
            );
        }
    }

    /// A progress bar for indexing the site for search, shown on a terminal only and never
    /// with `--quiet`.
    pub fn index_progress(&self) -> zonesite::search::Progress {
        self.progress("Indexing for search {bar:30} {pos}/{len} pages")
    }

    /// A progress bar for making the pictures' smaller versions, like the index's.
    pub fn picture_progress(&self) -> zonesite::pictures::Progress {
        self.progress("Making pictures {bar:30} {pos}/{len} pictures")
    }

    /// A progress bar drawn with `template`, on a terminal only, never with `--quiet`, and
    /// only once the work has taken half a second (a small site shows none).
    fn progress(&self, template: &'static str) -> zonesite::search::Progress {
        use std::io::IsTerminal as _;
        if self.quiet || !std::io::stderr().is_terminal() {
            return zonesite::search::Progress::default();
        }
        let bar = indicatif::ProgressBar::hidden();
        let started = std::time::Instant::now();
        zonesite::search::Progress::new(move |done, total| {
            if bar.is_hidden() && started.elapsed() > std::time::Duration::from_millis(500) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.set_style(
                    indicatif::ProgressStyle::with_template(template)
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
            }
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            if done == total {
                bar.finish_and_clear();
            }
            true
        })
    }

    /// A line of progress, unless `--quiet`.
    pub fn say(&self, line: &str) {
        if !self.quiet {
            print_line(line);
        }
    }
}

/// Prints `text` and a line end on standard output. A reader that stopped reading (`| head`)
/// wants no more: that is not an error, and never a panic as `println!` would make it.
pub fn print_line(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// What a summary line adds when site.toml could not be read: the counts are not the whole story.
pub fn unchecked_note(problems: &[Diagnostic]) -> &'static str {
    if zonesite::settings_unread(problems) {
        " Facts, charts, menus and languages were not checked, because site.toml could not be read: fix it first, then check again."
    } else {
        ""
    }
}

/// How many of `problems` are as bad as `severity`.
pub fn count(problems: &[Diagnostic], severity: Severity) -> usize {
    problems.iter().filter(|d| d.severity == severity).count()
}

/// `1 error`, `2 errors`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
