//! `zonesite build`: the site into its output folder.

use std::path::PathBuf;
use std::process::ExitCode;

use zonesite::diagnostic::Severity;
use zonesite::{BuildError, BuildOptions};

use super::{Links, Printer, Replaced, count, plural, unchecked_note};

/// Build the site into the output folder.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  zonesite build\n  zonesite build --root my-zone --base-url https://example.org/zone/\n  zonesite build --links index-html --output usb-copy   (a copy that works from disk)"
)]
pub struct Args {
    /// The site folder, holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site. Default: `public` inside the site folder. A relative path is
    /// relative to the current folder, not to --root.
    #[arg(long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    replaced: Replaced,
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
    #[command(flatten)]
    links: Links,
}

/// Builds, then says what was written, or why nothing was.
pub fn run(args: Args, printer: Printer) -> ExitCode {
    stop_after(args.time_limit);
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.replaced.base_url.clone(),
        links: args.replaced.overrides().links,
        drafts: args.drafts,
        force: args.force,
        outside_links: args.links.outside_links(),
        progress: printer.index_progress(),
        picture_progress: printer.picture_progress(),
    };
    match zonesite::build(&options) {
        Ok(report) => {
            printer.problems(&report.generated.warnings);
            if printer.verbose {
                for (path, _) in report.generated.output.files() {
                    super::print_line(&format!("  {path}"));
                }
                let t = report.generated.timings;
                super::print_line(&format!(
                    "Reading took {} ms, the model {} ms, rendering {} ms, pictures {} ms, the search index {} ms.",
                    t.load, t.model, t.render, t.pictures, t.index
                ));
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
            eprintln!(
                "Build failed: {} found; nothing was written.{}",
                plural(count(&problems, Severity::Error), "error"),
                unchecked_note(&problems)
            );
            ExitCode::FAILURE
        }
        Err(BuildError::Write(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
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
