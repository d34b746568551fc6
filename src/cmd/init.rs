//! `zonesite init`: a starter site that builds at once.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Printer, plural};

/// Start a new zone site in a folder: it builds at once, with example facts to replace.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  zonesite init my-zone\n  zonesite init .   --force        (use a folder that already has files; none is overwritten)"
)]
pub struct Args {
    /// The folder for the new site; made if it does not exist.
    dir: PathBuf,
    /// Also use a folder that is not empty (existing files are kept as they are).
    #[arg(long)]
    force: bool,
}

/// Writes the starter site and says what to do next.
pub fn run(args: Args, printer: Printer) -> ExitCode {
    let dir = &args.dir;
    match zonesite::scaffold::init::init(dir, args.force) {
        Ok(report) => {
            for kept in &report.kept {
                eprintln!("kept {kept} as it was");
            }
            for linked in &report.linked {
                eprintln!(
                    "did not write {linked}: it, or a folder on its way, is a link (shortcut), and init never writes through links"
                );
            }
            printer.say(&format!(
                "Started a zone site in {} ({} written).\n\nNext:\n  cd {}\n  zonesite serve      preview it in your browser while you edit\n  zonesite check      see what to replace: every example text and fact it came with\n\nThe folder's README.md explains the rest.",
                dir.display(),
                plural(report.written.len(), "file"),
                dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            printer.problems(&[e.diagnostic()]);
            ExitCode::FAILURE
        }
    }
}
