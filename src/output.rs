//! How text reaches the person: the style of standard output, the one writer
//! for results on standard output and the one writer for notes on standard error.

use std::io::Write;

use clap::ValueEnum;

use crate::error::{Error, Result};
use crate::text::{TextStyle, WIDTH_RANGE};

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal that supports it.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How results on standard output look, and the one way to write them.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// The style of text written to standard output.
    pub style: TextStyle,
}

impl Output {
    /// Decides colour, width and character set from the flags and the environment.
    pub fn detect(color: ColorChoice, plain: bool) -> Output {
        let stdout = console::Term::stdout();
        let color = match color {
            _ if plain => false,
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => console::colors_enabled(),
        };
        let width = stdout
            .size_checked()
            .map_or(80, |(_, w)| usize::from(w))
            .clamp(*WIDTH_RANGE.start(), *WIDTH_RANGE.end());
        // Screen readers and dumb terminals read block characters badly.
        let ascii = plain || std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Output {
            style: TextStyle {
                color,
                width,
                ascii,
            },
        }
    }

    /// The same output for plain mode: no colour, ASCII characters.
    pub fn plain(self) -> Output {
        Output {
            style: TextStyle {
                color: false,
                ascii: true,
                ..self.style
            },
        }
    }

    /// Writes to standard output. A closed pipe (`openup report x | head`) is not an error.
    pub fn print(&self, text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
                path: "standard output".into(),
                problem: crate::error::WriteProblem::Output(e),
            }),
            _ => Ok(()),
        }
    }
}

/// Says on standard error that something went wrong and openup carries on:
/// the one way warnings are worded, `openup: ` and then the message.
pub fn warn(message: impl std::fmt::Display) {
    note(&format!("openup: {message}"));
}

/// Tells the person something on standard error.
pub fn note(text: &str) {
    let text = crate::text::clean_lines(text);
    // Wrapped to the terminal like everything else a person reads; a pipe or
    // a log gets the lines as they are.
    let term = console::Term::stderr();
    let text = match term.size_checked() {
        Some((_, width)) if term.is_term() => text
            .lines()
            .map(|line| textwrap::fill(line, usize::from(width).max(20)))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => text,
    };
    let _ = writeln!(std::io::stderr(), "{text}");
}
