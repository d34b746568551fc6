//! `zonesite check`: every problem before publishing, for people or as JSON for tools.

use std::path::PathBuf;
use std::process::ExitCode;

use zonesite::diagnostic::Severity;

use super::{Links, Printer, Replaced, count, plural, unchecked_note};

/// How `check` prints its findings.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For people: grouped by file, with the line and a caret.
    Text,
    /// For editors' tools and CI annotations: one JSON array.
    Json,
}

/// Find every problem before publishing, without writing anything.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  zonesite check\n  zonesite check --strict          (fail on warnings too, e.g. before publishing)\n  zonesite check --format json     (for editors' tools and CI annotations)\n  zonesite check --base-url https://example.org/zone/   (as `build --base-url` would build it)\n\nChecks everything a build checks, and also: pictures without a description, headings that\nskip a level, pages with no text, pages no link leads to, untranslated pages, figures much\nolder than the newest ones, examples still marked placeholder or left word for word as init\nand new wrote them, missing contact details.\nExit code: 1 when there are errors (or warnings with --strict), else 0."
)]
pub struct Args {
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
    #[command(flatten)]
    replaced: Replaced,
    #[command(flatten)]
    links: Links,
}

/// Checks the site and prints the findings; fails on errors, and on warnings with `--strict`.
pub fn run(args: Args, printer: Printer) -> ExitCode {
    let problems = zonesite::check(
        &args.root,
        args.stale_years,
        args.links.outside_links(),
        args.replaced.overrides(),
    );
    let (errors, warnings, notes) = (
        count(&problems, Severity::Error),
        count(&problems, Severity::Warning),
        count(&problems, Severity::Note),
    );
    let failed = errors > 0 || (args.strict && warnings > 0);
    match args.format {
        Format::Json => super::print_line(&zonesite::diagnostic::to_json(&problems)),
        Format::Text => {
            printer.problems(&problems);
            let verdict = if errors > 0 {
                "fix the errors before publishing"
            } else if warnings > 0 && args.strict {
                "--strict: fix the warnings before publishing"
            } else if warnings > 0 {
                "read the warnings before publishing"
            } else if notes > 0 {
                "ready to publish once the notes are seen to"
            } else {
                "ready to publish"
            };
            // Notes are only counted when there are some: most sites have none.
            let noted = if notes > 0 {
                format!(", {}", plural(notes, "note"))
            } else {
                String::new()
            };
            let line = format!(
                "Checked: {}, {}{noted}; {verdict}.{}",
                plural(errors, "error"),
                plural(warnings, "warning"),
                unchecked_note(&problems)
            );
            // A failing check always says so, even with --quiet.
            if failed {
                eprintln!("{line}");
            } else {
                printer.say(&line);
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
