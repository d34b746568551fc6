//! `zonesite new`: one page with its front matter filled in.

use std::path::PathBuf;
use std::process::ExitCode;

use zonesite::locale::date::Day;
use zonesite::scaffold::new_page::{Record, new_page};

use super::Printer;

/// Add a page: its file with the front matter filled in, and its address.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  zonesite new news/2021-annual-results       (dated today)\n  zonesite new industries/smart-logistics     (also adds the industry to site.toml)\n  zonesite new profile --lang zh              (the Chinese translation: content/profile.zh.md)"
)]
pub struct Args {
    /// The page's path under content/, without .md.
    path: String,
    /// Write the translation in this language (its key in site.toml, e.g. zh).
    #[arg(long)]
    lang: Option<String>,
    /// The site folder, holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// Writes the page and says where it is and where it will be published.
pub fn run(args: Args, printer: Printer) -> ExitCode {
    let root = &args.root;
    match new_page(root, &args.path, args.lang.as_deref(), Day::today()) {
        Ok(page) => {
            printer.say(&format!("Created {}", root.join(&page.file).display()));
            if let Some(address) = &page.address {
                printer.say(&format!("It will be published at {}", address.published));
                printer.say(&match zonesite::serve::running_preview(root) {
                    Some(origin) => format!(
                        "Preview it at {origin}{} (the preview that is running shows each save)",
                        address.path
                    ),
                    None => format!(
                        "To preview it, run `zonesite serve` and open http://127.0.0.1:1111{} (with --port, at that port)",
                        address.path
                    ),
                });
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
            printer.problems(&[e.diagnostic()]);
            ExitCode::FAILURE
        }
    }
}
