//! The `zonesite` command: parses arguments, runs the library, prints what happened.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use zonesite::diagnostic::render_all;
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
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => build(BuildOptions {
            root,
            output,
            base_url,
            drafts,
        }),
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

fn build(options: BuildOptions) -> ExitCode {
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
