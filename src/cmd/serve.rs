//! `zonesite serve`: the preview in memory, rebuilt and reloaded as the editor saves.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use zonesite::serve::{BuildLine, ServeOptions};

use super::Links;

/// Preview the site in a browser; it rebuilds and reloads as you save.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  zonesite serve\n  zonesite serve --root my-zone --port 8080 --open\n  zonesite serve --poll    (for network drives and containers)\n\nNothing is written to the output folder: the preview lives in memory."
)]
pub struct Args {
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
    #[command(flatten)]
    links: Links,
}

/// Serves until interrupted, printing one line per rebuild.
pub fn run(args: Args) -> ExitCode {
    let options = ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        poll: args.poll,
        drafts: args.drafts,
        outside_links: args.links.outside_links(),
    };
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: other machines on the network can see the preview, drafts included",
            options.bind
        );
    }
    let ready = |address: &str| {
        println!("Serving the site at {address} (press Ctrl+C to stop)");
        // Failing to open a browser is not worth an error: the address is printed above.
        if args.open {
            let _ = opener::open_browser(address);
        }
    };
    let log = |line: BuildLine| eprintln!("{}", line.0);
    match zonesite::serve::serve(&options, ready, log) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
