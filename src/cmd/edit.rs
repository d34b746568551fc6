//! `zonesite edit`: the site edited in the browser, with its preview beside the text.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use zonesite::edit::EditOptions;

/// Edit the site in your browser: pages, translations, pictures and the fact sheet, with the
/// page previewed as you type. Every save is kept and can be undone.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  zonesite edit\n  zonesite edit --root my-zone\n\nThe address printed holds a secret key: only someone with the address can edit the site.\nStarted without a command in a folder that holds site.toml (a double-click), zonesite opens the editor."
)]
pub struct Args {
    /// The site folder, holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to serve the editor on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The address to listen on. Other machines can reach the editor only if you change it.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Print the address without opening the browser.
    #[arg(long)]
    no_open: bool,
}

impl Args {
    /// The editor for the site in the current folder, opened in the browser: what a double-click
    /// on zonesite starts.
    pub fn here() -> Self {
        Args {
            root: PathBuf::from("."),
            port: 0,
            bind: IpAddr::from([127, 0, 0, 1]),
            no_open: false,
        }
    }
}

/// Serves the editor until interrupted.
pub fn run(args: Args) -> ExitCode {
    let options = EditOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
    };
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: editing on {}: anyone on the network who learns the address can change the site",
            options.bind
        );
    }
    let ready = |address: &str| {
        // A closed output (a launcher that read the address and went) must not stop the editor.
        let _ = writeln!(
            std::io::stdout(),
            "Editing the site at {address}\n(keep this window open while you edit; press Ctrl+C to stop)"
        );
        // Failing to open a browser is not worth an error: the address is printed above.
        if !args.no_open {
            let _ = opener::open_browser(address);
        }
    };
    match zonesite::edit::edit(&options, ready, |line| eprintln!("{line}")) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
