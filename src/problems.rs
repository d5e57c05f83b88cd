//! Problems found in a question bank, in words: kept apart from `bank` so
//! that `error` can carry them without depending on the bank itself.

use std::fmt;

use serde::Serialize;

use crate::text::visible;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The bank cannot be used.
    Error,
    /// The bank works, but measures less well than it should.
    Warning,
}

/// One thing wrong with a bank, located by file and JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The file's name within the bank.
    pub file: String,
    /// Where in the file: a JSON path such as `questions[3].options[1].weights.patince`,
    /// or `line 4, column 7` for syntax errors; empty for the file as a whole.
    pub place: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // One line, whatever keys and values from the file hold, with any
        // control or hidden character in them shown rather than dropped.
        let (file, place, message) = (
            visible(&self.file),
            visible(&self.place),
            visible(&self.message),
        );
        if place.is_empty() {
            write!(f, "{kind}: {file}: {message}")
        } else {
            write!(f, "{kind}: {file}: {place}: {message}")
        }
    }
}

/// Every problem found in one bank.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    /// `embedded` or the bank's directory.
    pub source: String,
    /// In the order found: file by file.
    pub list: Vec<Problem>,
}

impl Problems {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// How many problems of this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|p| p.severity == severity).count()
    }

    fn push(&mut self, severity: Severity, file: &str, place: String, message: String) {
        self.list.push(Problem {
            severity,
            file: file.to_string(),
            place,
            message,
        });
    }

    pub(crate) fn error(
        &mut self,
        file: &str,
        place: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Error, file, place.into(), message.into());
    }

    pub(crate) fn warn(
        &mut self,
        file: &str,
        place: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Warning, file, place.into(), message.into());
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.count(Severity::Error);
        let noun = if errors == 1 { "problem" } else { "problems" };
        writeln!(
            f,
            "the question bank at {} has {errors} {noun} that must be fixed before openup can use it:",
            self.source
        )?;
        for problem in self.list.iter().filter(|p| p.severity == Severity::Error) {
            writeln!(f, "  {problem}")?;
        }
        write!(
            f,
            "Fix them in the files named, then run `openup validate` with the same --questions to check."
        )
    }
}
