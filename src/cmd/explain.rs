//! `zonesite explain`: what a message means and how to fix it, from the program itself.

use std::process::ExitCode;

use zonesite::diagnostic::Code;

/// Explain a message: what it means, an example of the mistake and the fix.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  zonesite explain fact-unknown     (the code is in square brackets: error[fact-unknown])\n  zonesite explain                  (list every code)"
)]
pub struct Args {
    /// The message's code, as printed in square brackets after `error` or `warning`.
    code: Option<String>,
}

/// Prints the explanation of the code asked for, or every code when none is given.
pub fn run(args: Args) -> ExitCode {
    let Some(name) = args.code else {
        super::print_line("Every message has a code; `zonesite explain CODE` explains one:\n");
        for code in Code::ALL {
            super::print_line(&format!("  {code}"));
        }
        return ExitCode::SUCCESS;
    };
    let name = Code::written_name(&name);
    match Code::from_name(&name) {
        Some(code) => {
            super::print_line(&format!("{code}\n\n{}", code.explanation()));
            ExitCode::SUCCESS
        }
        None => {
            let hint = match Code::nearest(&name) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "run `zonesite explain` to list every code".to_owned(),
            };
            eprintln!("error: there is no message with the code `{name}`\n  = hint: {hint}");
            ExitCode::FAILURE
        }
    }
}
