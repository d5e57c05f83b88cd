//! openup: a guided self-assessment for people whose partner finds it hard to
//! open up, built on the ten tips of Isabelle Chase's article.
//!
//! Data flows one way: [`cli`] arguments → [`bank`] → [`wizard`] (or an
//! [`answers`] file) → [`score`] → [`report`] → [`store`]. Scoring and
//! rendering are pure; files are written and deleted only in `store`, and text
//! reaches the terminal through `output` and the prompters.

pub mod answers;
pub mod bank;
pub mod cli;
pub mod commands;
pub mod draft;
pub mod error;
pub mod interrupt;
pub mod json;
pub mod output;
pub mod problems;
pub mod report;
pub mod saved;
pub mod schema;
pub mod score;
pub mod store;
pub mod text;
pub mod wizard;

use std::io::Write;

pub use commands::run;
pub use error::{Error, Result};

/// Prints what clap says about the command line and returns clap's exit code:
/// 2 for a usage mistake, 0 for `--help` and `--version`. An error quotes the
/// arguments, which may be file names from a glob carrying escape sequences,
/// so it is printed cleaned, without colour; help and version are openup's own
/// text and keep clap's layout and colour.
pub fn usage_error(err: &clap::Error) -> i32 {
    if err.use_stderr() {
        let message = text::clean_lines(&err.render().to_string());
        eprintln!("{}", message.trim_end());
    } else {
        // A closed pipe (`openup --help | head`) is no error.
        let _ = err.print();
    }
    err.exit_code()
}

/// Runs openup with these parsed arguments and returns the process exit code.
/// The one place errors become messages and exit codes.
pub fn main_with(cli: cli::Cli) -> i32 {
    let outcome = run(cli);
    // The answers-so-far note belongs to interruptions only; any other way out
    // just puts the terminal back (a no-op when no wizard ran).
    match &outcome {
        Err(
            Error::Interrupted
            | Error::InputEnded { .. }
            | Error::InputClosed { .. }
            | Error::BadInputLine { .. }
            | Error::InputLineTooLong { .. },
        ) => interrupt::restore_terminal_and_say_note(),
        _ => interrupt::restore_terminal(),
    }
    match outcome {
        Ok(()) => error::EXIT_OK,
        Err(Error::Interrupted) => interrupt::exit_code(),
        Err(Error::Reported) => error::EXIT_ERROR,
        Err(err) => {
            // Messages quote file names, keys and values from files: clean them.
            // A closed standard error is no reason to panic: the exit code
            // still tells what happened.
            let _ = writeln!(
                std::io::stderr(),
                "openup: {}",
                text::clean_lines(&err.to_string())
            );
            err.exit_code()
        }
    }
}
