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

    /// A file could not be written (or removed), or standard output failed.
    #[error("could not write {}: {problem}", path.display())]
    Write {
        /// The file, or "standard output".
        path: PathBuf,
        /// What went wrong.
        problem: WriteProblem,
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

    /// An answers or result file is malformed or does not fit the bank. Keys and
    /// values it quotes were cleaned when the file was read; the path is
    /// cleaned with the whole message where errors are printed.
    #[error("{}: {message}", path.display())]
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

    /// There is no home directory to keep results in.
    #[error(
        "openup could not find your home directory to keep results in. Set OPENUP_DATA_DIR or pass --data-dir DIR, or use --no-save."
    )]
    NoHome,

    /// The bank has no help lines at all (a custom bank with an empty list).
    #[error(
        "the question bank has no help lines; add a helplines.json with at least the \"other\" region, or leave it out to use the built-in one"
    )]
    NoHelplines,

    /// Options of `start` were given with another command.
    #[error(
        "options of the assessment (such as --answers, --quick or --save) go after `start`, or with no command at all; they do not apply to other commands. See `openup --help`."
    )]
    StartOptionsElsewhere,

    /// `--quick` with a bank that marks no question for the quick check.
    #[error(
        "this question bank has no quick check: none of its questions has a \"quick\" field. Run the full assessment without --quick, or give one question per tip a \"quick\" field naming that tip."
    )]
    NoQuickCheck,

    /// A draft waits, and with answers from a pipe openup cannot ask about it.
    #[error(
        "there is an unfinished assessment, and with answers coming from a pipe openup cannot ask whether to resume it. Add --resume to continue it or --fresh to discard it."
    )]
    DraftNeedsChoice,

    /// `forget` needs a yes, and there is no terminal to ask.
    #[error("forget would delete {what} in {}. Run `openup forget --yes` to confirm without a terminal.", root.display())]
    ForgetNeedsYes {
        /// What would be deleted, in words.
        what: String,
        /// The data folder.
        root: PathBuf,
    },

    /// `forget` could not read a folder, so it cannot tell which files are openup's.
    #[error("could not read the folder {}: {}. openup deleted nothing, since it cannot tell which files there are its own. Check that {} is a folder you can read and run openup forget again, or delete openup's files there yourself.", dir.display(), crate::error::io_reason(source), dir.display())]
    FolderUnreadable {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },

    /// `report` without a file, and nothing saved.
    #[error("there is no saved result in {} yet. Take the assessment with `openup` and save it, or name a result file: openup report FILE.", dir.display())]
    NoSavedResult {
        /// The results folder.
        dir: PathBuf,
    },

    /// `forget RESULT` names something that is not one of openup's saved results.
    #[error("{} is not one of the results openup saved in its data folder, so forget leaves it alone. `openup history` lists them, numbered.", path.display())]
    NotOurResult {
        /// What was named.
        path: PathBuf,
    },

    /// A result number that `history` does not show.
    #[error("there is no saved result number {number}: {} holds {count}. `openup history` numbers them, oldest 1.", dir.display())]
    NoSuchResult {
        /// The number asked for.
        number: usize,
        /// How many there are.
        count: usize,
        /// The results folder.
        dir: PathBuf,
    },

    /// `compare` with one file.
    #[error("compare takes two result files, or none to compare the last two saved results.")]
    CompareNeedsBoth,

    /// `compare` without files, and fewer than two saved.
    #[error("compare needs two saved results, and {} has {found}. Take the assessment with `openup` and save it each time, or name two result files: openup compare OLD NEW.", dir.display())]
    CompareNeedsTwo {
        /// The results folder.
        dir: PathBuf,
        /// How many results it holds.
        found: usize,
    },

    /// Plain mode's input ended before the questions did.
    #[error("the input ended before {} were all answered (at {at}). Give one line per question, then an empty line to finish at the review.", if *.safety { "the safety questions" } else { "the questions" })]
    InputEnded {
        /// Whether it ended during the safety questions.
        safety: bool,
        /// The heading of the question it ended at.
        at: String,
    },

    /// Plain mode on a terminal: the person pressed Ctrl-D before the last question.
    #[error("the input was closed (Ctrl-D) at {at}, before {} were all answered. Run `openup start --plain` again to go on; press Ctrl-D only to stop.", if *.safety { "the safety questions" } else { "the questions" })]
    InputClosed {
        /// Whether it was closed during the safety questions.
        safety: bool,
        /// The heading of the question it was closed at.
        at: String,
    },

    /// Plain mode from a pipe: a line that is no answer to the question it
    /// falls on. Asking again would make the next line its answer and shift
    /// every later one, so openup stops.
    #[error(
        "line {line} of the input ({text:?}) is not an answer to {at}: {expected}. Answers from a pipe are read one per line, so openup stops here rather than take the next line as this answer; fix that line and run again."
    )]
    BadInputLine {
        /// The 1-based line number in standard input.
        line: usize,
        /// What the line held (shortened).
        text: String,
        /// What it was meant to answer: "Question 3 of 11 · Title", "the review".
        at: String,
        /// What would have been an answer.
        expected: String,
    },

    /// Plain mode from a pipe: a line longer than any answer.
    #[error(
        "line {line} of the input is longer than {limit} bytes, and no answer to {at} is that long. Check what is piped into `openup start --plain`: one short answer per line."
    )]
    InputLineTooLong {
        /// The 1-based line number in standard input.
        line: usize,
        /// The longest line read, in bytes.
        limit: usize,
        /// What it was meant to answer.
        at: String,
    },

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
            Error::NoTerminal
            | Error::StartOptionsElsewhere
            | Error::DraftNeedsChoice
            | Error::NoQuickCheck
            | Error::ForgetNeedsYes { .. }
            | Error::NoSavedResult { .. }
            | Error::NoSuchResult { .. }
            | Error::CompareNeedsBoth
            | Error::CompareNeedsTwo { .. } => EXIT_USAGE,
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

/// Why a write failed; the wording of each case lives here.
#[derive(Debug, thiserror::Error)]
pub enum WriteProblem {
    /// A file is already at the path.
    #[error(
        "a file is already there and openup does not overwrite files. Choose another path, or remove that file first."
    )]
    Exists,
    /// A file is already at the `--save` path.
    #[error(
        "a file is already there and openup does not overwrite files. Choose another --save path, or remove that file first."
    )]
    ExistsForSave,
    /// The path is a link to nothing.
    #[error(
        "it is a link to a file that does not exist; openup does not write through it. Choose another path, or remove the link first."
    )]
    DanglingLink,
    /// A file appeared between the check and the rename.
    #[error("a file appeared there while openup was writing; nothing was overwritten. Try again.")]
    Appeared,
    /// The folder refused the write.
    #[error("{} is not writable ({}). Choose another place with --save PATH or --data-dir DIR.", dir.display(), io_reason(source))]
    NotWritable {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The disk is full.
    #[error("the disk is full. Free some space and try again.")]
    DiskFull,
    /// Any other I/O failure in a folder.
    #[error("{}. Check the directory {} and try again.", io_reason(source), dir.display())]
    Io {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file could not be removed.
    #[error("could not remove it: {}", io_reason(.0))]
    Remove(std::io::Error),
    /// Standard output failed.
    #[error("{}. Check where the output goes (a full disk?) and try again.", io_reason(.0))]
    Output(std::io::Error),
}

impl WriteProblem {
    /// The problem of an I/O error while writing in `dir`.
    pub fn in_dir(source: std::io::Error, dir: &std::path::Path) -> WriteProblem {
        use std::io::ErrorKind::*;
        match source.kind() {
            PermissionDenied | ReadOnlyFilesystem => WriteProblem::NotWritable {
                dir: dir.to_path_buf(),
                source,
            },
            StorageFull | QuotaExceeded => WriteProblem::DiskFull,
            _ => WriteProblem::Io {
                dir: dir.to_path_buf(),
                source,
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forget_needs_yes_does_not_say_openup_twice() {
        let err = Error::ForgetNeedsYes {
            what: "2 saved results".into(),
            root: PathBuf::from("data"),
        };
        // Printed after "openup: ".
        assert!(
            err.to_string()
                .starts_with("forget would delete 2 saved results in data."),
            "{err}"
        );
    }
}
