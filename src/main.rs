//! The `zonesite` command: parses arguments, runs the library, prints what happened.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use zonesite::diagnostic::{Diagnostic, Severity, render_all_styled};
use zonesite::new_page::Record;
use zonesite::serve::{BuildLine, ServeOptions};
use zonesite::{BuildError, BuildOptions};

#[derive(Parser)]
#[command(
    name = "zonesite",
    version,
    about = "Builds a zone microsite from site.toml and content/"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Print more: every file a build writes.
    #[arg(long, global = true, conflicts_with = "quiet")]
    verbose: bool,
}

/// How `check` prints its findings.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For people: grouped by file, with the line and a caret.
    Text,
    /// For editors' tools and CI annotations: one JSON array.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    #[command(
        after_help = "Examples:\n  zonesite build\n  zonesite build --root my-zone --base-url https://example.org/zone/"
    )]
    Build {
        /// The site folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site. Default: `public` inside the site folder. A relative path is
        /// relative to the current folder, not to --root.
        #[arg(long)]
        output: Option<PathBuf>,
        /// The address the site will be published at, instead of site.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Also build pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Write into an output folder that holds files zonesite did not put there (none of
        /// them is deleted; files with the site's names are replaced).
        #[arg(long)]
        force: bool,
        /// Stop with an error if the build takes longer than this many seconds: a template that
        /// loops for ever would otherwise never end.
        #[arg(long, value_name = "SECONDS", default_value_t = 600)]
        time_limit: u64,
    },
    /// Find every problem before publishing, without writing anything.
    #[command(
        after_help = "Examples:\n  zonesite check\n  zonesite check --strict          (fail on warnings too, e.g. before publishing)\n  zonesite check --format json     (for editors' tools and CI annotations)\n\nChecks everything a build checks, and also: pictures without a description, headings that\nskip a level, pages with no text, pages no link leads to, untranslated pages, figures much\nolder than the newest ones, example figures still marked placeholder, missing contact details.\nExit code: 1 when there are errors (or warnings with --strict), else 0."
    )]
    Check {
        /// The site folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// How many years older than the newest figures a figure may be before it is called stale.
        #[arg(long, default_value_t = 5)]
        stale_years: i32,
    },
    /// Start a new zone site in a folder: it builds at once, with example facts to replace.
    #[command(
        after_help = "Examples:\n  zonesite init my-zone\n  zonesite init .   --force        (use a folder that already has files; none is overwritten)"
    )]
    Init {
        /// The folder for the new site; made if it does not exist.
        dir: PathBuf,
        /// Also use a folder that is not empty (existing files are kept as they are).
        #[arg(long)]
        force: bool,
    },
    /// Add a page: its file with the front matter filled in, and its address.
    #[command(
        after_help = "Examples:\n  zonesite new news/2021-annual-results       (dated today)\n  zonesite new industries/smart-logistics     (also adds the industry to site.toml)\n  zonesite new profile --lang zh              (the Chinese translation: content/profile.zh.md)"
    )]
    New {
        /// The page's path under content/, without .md.
        path: String,
        /// Write the translation in this language (its key in site.toml, e.g. zh).
        #[arg(long)]
        lang: Option<String>,
        /// The site folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Preview the site in a browser; it rebuilds and reloads as you save.
    #[command(
        after_help = "Examples:\n  zonesite serve\n  zonesite serve --root my-zone --port 8080 --open\n  zonesite serve --poll    (for network drives and containers)\n\nNothing is written to the output folder: the preview lives in memory."
    )]
    Serve {
        /// The site folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to serve on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Other machines can reach the preview only if you change it.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Check the files for changes every moment instead of waiting for the system to report
        /// them (for network drives and containers).
        #[arg(long)]
        poll: bool,
        /// Also show pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let printer = Printer {
        quiet: cli.quiet,
        verbose: cli.verbose,
        colour: std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            force,
            time_limit,
        } => build(
            time_limit,
            BuildOptions {
                root,
                output,
                base_url,
                drafts,
                force,
            },
            printer,
        ),
        Command::Check {
            root,
            strict,
            format,
            stale_years,
        } => check(&root, strict, format, stale_years, printer),
        Command::Init { dir, force } => init(&dir, force, printer),
        Command::New { path, lang, root } => new(&root, &path, lang.as_deref(), printer),
        Command::Serve {
            root,
            port,
            bind,
            open,
            poll,
            drafts,
        } => serve(
            &ServeOptions {
                root,
                bind,
                port,
                poll,
                drafts,
            },
            open,
        ),
    }
}

/// How much to print, and whether in colour (a terminal, and no `NO_COLOR`).
#[derive(Clone, Copy)]
struct Printer {
    quiet: bool,
    verbose: bool,
    colour: bool,
}

impl Printer {
    /// Prints problems; with `--quiet`, errors only.
    fn problems(&self, problems: &[Diagnostic]) {
        let shown: Vec<Diagnostic> = problems
            .iter()
            .filter(|d| !self.quiet || d.severity == Severity::Error)
            .cloned()
            .collect();
        if !shown.is_empty() {
            eprintln!("{}", render_all_styled(&shown, self.colour));
        }
    }

    /// A line of progress, unless `--quiet`.
    fn say(&self, line: &str) {
        if !self.quiet {
            println!("{line}");
        }
    }
}

fn count(problems: &[Diagnostic], severity: Severity) -> usize {
    problems.iter().filter(|d| d.severity == severity).count()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn check(
    root: &Path,
    strict: bool,
    format: Format,
    stale_years: i32,
    printer: Printer,
) -> ExitCode {
    let problems = zonesite::check(root, stale_years);
    let (errors, warnings) = (
        count(&problems, Severity::Error),
        count(&problems, Severity::Warning),
    );
    match format {
        Format::Json => {
            let list: Vec<serde_json::Value> = problems
                .iter()
                .map(|d| {
                    let loc = d.location.as_ref();
                    serde_json::json!({
                        "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                        "file": loc.map(|l| l.file.clone()),
                        "line": loc.and_then(|l| l.line),
                        "column": loc.and_then(|l| l.column),
                        "message": d.message,
                        "hint": d.hint,
                    })
                })
                .collect();
            println!("{}", serde_json::Value::Array(list));
        }
        Format::Text => {
            printer.problems(&problems);
            let verdict = if errors > 0 {
                "fix the errors before publishing"
            } else if warnings > 0 && strict {
                "--strict: fix the warnings before publishing"
            } else if warnings > 0 {
                "read the warnings before publishing"
            } else {
                "ready to publish"
            };
            let line = format!(
                "Checked: {}, {}; {verdict}.",
                plural(errors, "error"),
                plural(warnings, "warning")
            );
            // A failing check always says so, even with --quiet.
            if errors > 0 || (strict && warnings > 0) {
                eprintln!("{line}");
            } else {
                printer.say(&line);
            }
        }
    }
    if errors > 0 || (strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn init(dir: &Path, force: bool, printer: Printer) -> ExitCode {
    match zonesite::init::init(dir, force) {
        Ok(report) => {
            for kept in &report.kept {
                eprintln!("kept {kept} as it was");
            }
            printer.say(&format!(
                "Started a zone site in {} ({} written).\n\nNext:\n  cd {}\n  zonesite serve      preview it in your browser while you edit\n  zonesite check      see what to replace: every example fact is marked placeholder\n\nThe folder's README.md explains the rest.",
                dir.display(),
                plural(report.written.len(), "file"),
                dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(e @ zonesite::init::InitError::NotEmpty(_)) => {
            eprintln!(
                "error: {e}\n  = hint: choose a new or empty folder, or add --force to use this one (no existing file is overwritten)"
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn new(root: &Path, path: &str, lang: Option<&str>, printer: Printer) -> ExitCode {
    let today = zonesite::date::Day::today();
    match zonesite::new_page::new_page(root, path, lang, today) {
        Ok(page) => {
            printer.say(&format!("Created {}", root.join(&page.file).display()));
            if let Some(address) = &page.address {
                printer.say(&format!("It will be published at {address}"));
            }
            match &page.record {
                Record::Added => {
                    printer.say("Added its industry record to site.toml: check its name there.")
                }
                Record::Paste(text) => eprintln!(
                    "warning: site.toml could not be changed safely; paste this at its end:\n{text}"
                ),
                Record::Present | Record::NotNeeded => {}
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(options: &ServeOptions, open: bool) -> ExitCode {
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: other machines on the network can see the preview, drafts included",
            options.bind
        );
    }
    let ready = |address: &str| {
        println!("Serving the site at {address} (press Ctrl+C to stop)");
        if open {
            open_browser(address);
        }
    };
    let log = |line: BuildLine| eprintln!("{}", line.0);
    match zonesite::serve::serve(options, ready, log) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Asks the system to open `address` in the default browser; failing is not worth an error.
fn open_browser(address: &str) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let _ = std::process::Command::new(program)
        .args(args)
        .arg(address)
        .spawn();
}

/// Ends the process with an error after `seconds`: a template stuck in a loop cannot be
/// interrupted. Nothing is written until every page is rendered, and a build stopped while
/// writing is finished by the next one.
fn stop_after(seconds: u64) {
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(seconds));
        eprintln!(
            "error: the build was stopped after {seconds} s, far longer than a site should take\n  = hint: a template may loop for ever (loops inside loops over long lists); if the site is simply very large, allow more time with --time-limit SECONDS"
        );
        std::process::exit(1);
    });
}

fn build(time_limit: u64, options: BuildOptions, printer: Printer) -> ExitCode {
    stop_after(time_limit);
    match zonesite::build(&options) {
        Ok(report) => {
            printer.problems(&report.generated.warnings);
            if printer.verbose {
                for (path, _) in report.generated.output.files() {
                    println!("  {path}");
                }
                let t = report.generated.timings;
                println!(
                    "Reading took {} ms, the model {} ms, rendering {} ms.",
                    t.load, t.model, t.render
                );
            }
            let g = &report.generated;
            let w = report.written;
            printer.say(&format!(
                "Built {} pages and {} sections into {} ({} files written, {} unchanged, {} removed) in {} ms",
                g.pages,
                g.sections,
                options.output_dir().display(),
                w.written,
                w.unchanged,
                w.removed,
                report.elapsed.as_millis()
            ));
            ExitCode::SUCCESS
        }
        Err(BuildError::Invalid(problems)) => {
            printer.problems(&problems);
            let errors = problems
                .iter()
                .filter(|d| d.severity == zonesite::diagnostic::Severity::Error)
                .count();
            eprintln!(
                "Build failed: {errors} error{} found; nothing was written.",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
        Err(BuildError::Write(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
