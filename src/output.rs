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
    /// Whether long text may go through a pager (`--no-pager` says no).
    pub pager: bool,
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
            pager: true,
        }
    }

    /// Writes long text through a pager, as git does: only when standard
    /// output is a terminal and the text is taller than it; the pager is
    /// `$OPENUP_PAGER`, else `$PAGER`, else `less -FRX` (an empty one means
    /// none). A pager that cannot be started falls back to printing. Returns
    /// once the pager has closed.
    pub fn page(&self, text: &str) -> Result<()> {
        let term = console::Term::stdout();
        let tall = term
            .size_checked()
            .is_some_and(|(rows, _)| text.lines().count() >= usize::from(rows));
        if !self.pager || !term.is_term() || !tall {
            return self.print(text);
        }
        let command = std::env::var("OPENUP_PAGER")
            .or_else(|_| std::env::var("PAGER"))
            .unwrap_or_else(|_| "less -FRX".to_string());
        if command.trim().is_empty() {
            return self.print(text);
        }
        match spawn_pager(&command) {
            Some(mut child) => {
                if let Some(mut stdin) = child.stdin.take() {
                    // A pager quit early closes the pipe: not an error.
                    let _ = stdin.write_all(text.as_bytes());
                }
                let _ = child.wait();
                Ok(())
            }
            None => self.print(text),
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
            ..self
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

/// Starts the pager through the shell, as git does, so `less -FRX` and
/// commands with quoting work; on Windows its words are run directly.
fn spawn_pager(command: &str) -> Option<std::process::Child> {
    use std::process::{Command, Stdio};
    #[cfg(unix)]
    let mut cmd = {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(command);
        cmd
    };
    #[cfg(not(unix))]
    let mut cmd = {
        let mut words = command.split_whitespace();
        let mut cmd = Command::new(words.next()?);
        cmd.args(words);
        cmd
    };
    // less reads LESS for its defaults; keep colour and quit-if-one-screen.
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    cmd.stdin(Stdio::piped()).spawn().ok()
}

/// Where standard output goes, in words: the file it was redirected to where
/// the system says (Linux), else "standard output".
pub fn stdout_target() -> String {
    #[cfg(target_os = "linux")]
    if let Ok(path) = std::fs::read_link("/proc/self/fd/1")
        && path.is_absolute()
        && !path.starts_with("/dev")
        && !path.starts_with("/proc")
    {
        return path.display().to_string();
    }
    "standard output".to_string()
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
            .map(|line| crate::text::wrap(line, usize::from(width), ""))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => text,
    };
    let _ = writeln!(std::io::stderr(), "{text}");
}
