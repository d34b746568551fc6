//! The `zonesite` command: parses arguments, runs the library, prints what happened.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use zonesite::diagnostic::render_all;
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
    },
}

fn main() -> ExitCode {
    let Command::Build {
        root,
        output,
        base_url,
        drafts,
    } = Cli::parse().command;
    let options = BuildOptions {
        root,
        output,
        base_url,
        drafts,
    };
    match zonesite::build(&options) {
        Ok(report) => {
            if !report.generated.warnings.is_empty() {
                eprintln!("{}", render_all(&report.generated.warnings));
            }
            let g = &report.generated;
            let w = report.written;
            println!(
                "Built {} pages and {} sections into {} ({} files written, {} unchanged, {} removed) in {} ms",
                g.pages,
                g.sections,
                options.output_dir().display(),
                w.written,
                w.unchanged,
                w.removed,
                report.elapsed.as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Invalid(problems)) => {
            eprintln!("{}", render_all(&problems));
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
