//! The `zonesite` command: parses arguments and hands each command to its module in `cmd/`.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The command line: one command, and how much to print.
#[derive(Parser)]
#[command(
    name = "zonesite",
    version,
    about = "Builds a zone microsite from site.toml and content/"
)]
struct Cli {
    /// Without a command, in a folder holding site.toml, the editor starts (a double-click).
    #[command(subcommand)]
    command: Option<Command>,
    /// Print only errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Print more: every file a build writes.
    #[arg(long, global = true, conflicts_with = "quiet")]
    verbose: bool,
}

/// The commands; each one's help text is the doc of its `Args` in `cmd/`, so it is written once.
#[derive(Subcommand)]
enum Command {
    Build(cmd::build::Args),
    Check(cmd::check::Args),
    Edit(cmd::edit::Args),
    Explain(cmd::explain::Args),
    Init(cmd::init::Args),
    New(cmd::new::Args),
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let printer = cmd::Printer {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let Some(command) = cli.command else {
        if std::path::Path::new("site.toml").is_file() {
            return cmd::edit::run(cmd::edit::Args::here());
        }
        let _ = <Cli as clap::CommandFactory>::command().print_help();
        return ExitCode::FAILURE;
    };
    match command {
        Command::Build(args) => cmd::build::run(args, printer),
        Command::Check(args) => cmd::check::run(args, printer),
        Command::Edit(args) => cmd::edit::run(args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Init(args) => cmd::init::run(args, printer),
        Command::New(args) => cmd::new::run(args, printer),
        Command::Serve(args) => cmd::serve::run(args),
    }
}

/// The allocator: a build is mostly many small allocations across threads, which mimalloc
/// serves faster than the system's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
