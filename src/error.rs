//! The one error type of openup, and the one place that turns errors into exit codes.

use std::path::PathBuf;

/// Exit code for a run that went well.
pub const EXIT_OK: i32 = 0;
/// Exit code for an error in a file, a bank or the environment.
pub const EXIT_ERROR: i32 = 1;
/// Exit code for a usage mistake, or for an interactive command run without a terminal.
pub const EXIT_USAGE: i32 = 2;
/// Exit code after Ctrl-C (128 + SIGINT), as shells expect.
pub const EXIT_INTERRUPTED: i32 = 130;

/// Everything that can stop openup. Every message names the file and the item
/// it is about and says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("could not read {}: {}. Check that the path is right and readable.", path.display(), crate::error::io_reason(source))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },

    /// A file could not be written.
    #[error("could not write {}: {reason}", path.display())]
    Write {
        /// The file, or "standard output".
        path: PathBuf,
        /// Why, and what to do.
        reason: String,
    },

    /// A file is larger than openup reads.
    #[error("{} holds more than the {limit} bytes openup reads for {what}. Check that it is the right file.", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What the file should be, with its article: "an answers file".
        what: &'static str,
        /// The most openup reads, in bytes.
        limit: u64,
    },

    /// A question bank has one or more problems.
    #[error("{0}")]
    Bank(crate::problems::Problems),

    /// An answers or result file is malformed or does not fit the bank. The
    /// message quotes keys and values from the file, so it prints cleaned, on one line.
    #[error("{}: {}", crate::text::clean(&.path.display().to_string()), crate::text::clean(.message))]
    BadFile {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },

    /// The wizard needs a terminal and there is none.
    #[error(
        "the assessment asks its questions in a terminal, and there is none here. Run `openup start --plain` to answer as numbered lines on standard input, or `openup start --answers FILE` to read answers from a JSON file."
    )]
    NoTerminal,

    /// The machine lacks something openup needs, such as a home directory.
    #[error("{0}")]
    Environment(String),

    /// Options of `start` were given with another command.
    #[error(
        "options of the assessment (such as --answers, --quick or --save) go after `start`, or with no command at all; they do not apply to other commands. See `openup --help`."
    )]
    StartOptionsElsewhere,

    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),

    /// Plain mode's input ended before the questions did.
    #[error("{0}")]
    InputEnded(String),

    /// The problem was already printed in full; only the exit code is left to give.
    #[error("")]
    Reported,

    /// The person pressed Ctrl-C or the terminal went away.
    #[error("interrupted")]
    Interrupted,

    /// Talking to the terminal failed.
    #[error("terminal error: {0}")]
    Terminal(String),
}

impl Error {
    /// The process exit code for this error. With `interrupt::exit_code` (the
    /// code after a signal) this is where every exit code is decided.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::NoTerminal | Error::Usage(_) | Error::StartOptionsElsewhere => EXIT_USAGE,
            Error::Interrupted => EXIT_INTERRUPTED,
            _ => EXIT_ERROR,
        }
    }

    /// Wraps an I/O error from a prompt; Ctrl-C inside a prompt arrives as `Interrupted`.
    pub fn from_prompt(err: std::io::Error) -> Error {
        if err.kind() == std::io::ErrorKind::Interrupted {
            Error::Interrupted
        } else {
            Error::Terminal(err.to_string())
        }
    }
}

impl From<dialoguer::Error> for Error {
    fn from(err: dialoguer::Error) -> Error {
        match err {
            dialoguer::Error::IO(io) => Error::from_prompt(io),
        }
    }
}

/// An I/O error in words, without the "(os error N)" a person cannot use.
pub fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The result type used across openup.
pub type Result<T, E = Error> = std::result::Result<T, E>;
