//! openup: a guided self-assessment for people whose partner finds it hard to
//! open up, built on the ten tips of Isabelle Chase's article.
//!
//! Data flows one way: [`cli`] arguments → [`bank`] → [`wizard`] (or an
//! [`answers`] file) → [`score`] → [`report`] → [`store`]. Scoring and
//! rendering are pure; only `store` writes files.

pub mod answers;
pub mod bank;
pub mod cli;
pub mod draft;
pub mod error;
pub mod history;
pub mod interrupt;
pub mod report;
pub mod run;
pub mod saved;
pub mod schema;
pub mod score;
pub mod store;
pub mod text;
pub mod validate;
pub mod wizard;

pub use error::{Error, Result};
pub use run::run;

/// Runs openup with these parsed arguments and returns the process exit code.
/// The one place errors become messages and exit codes.
pub fn main_with(cli: cli::Cli) -> i32 {
    match run(cli) {
        Ok(()) => error::EXIT_OK,
        Err(Error::Interrupted) => {
            interrupt::restore_terminal();
            interrupt::exit_code()
        }
        Err(Error::Reported) => error::EXIT_ERROR,
        Err(err) => {
            interrupt::restore_terminal();
            // Messages quote file names, keys and values from files: clean them.
            eprintln!("openup: {}", text::clean_lines(&err.to_string()));
            err.exit_code()
        }
    }
}
