//! Drives the `openup` binary in a pseudo-terminal, as a person at a keyboard
//! would: dialoguer refuses to run without a terminal and reads keys from
//! /dev/tty, so piping standard input cannot reach the interactive wizard.
//!
//! rexpect hands the output over one byte per `char`, so multi-byte UTF-8 such
//! as "❯" or "·" arrives as several Latin-1 characters. [`Openup::expect`]
//! takes ordinary text and converts in both directions.
//!
//! Every wait is an expectation of text with a timeout; nothing sleeps. What a
//! person would see is worked out by the `vt100` crate's terminal emulator.

#![allow(dead_code)] // Not every test binary uses every helper.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use rexpect::error::Error as ExpectError;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

/// The Enter key.
pub const ENTER: &str = "\r";
/// The down arrow.
pub const DOWN: &str = "\x1b[B";
/// The up arrow.
pub const UP: &str = "\x1b[A";
/// Escape on its own. console waits only for bytes already there after an
/// Esc, so send nothing more until the next screen has been seen.
pub const ESC: &str = "\x1b";
/// What a terminal is sent to show the cursor again.
pub const SHOW_CURSOR: &str = "\x1b[?25h";
/// What a terminal is sent to hide the cursor.
pub const HIDE_CURSOR: &str = "\x1b[?25l";
/// The pointer dialoguer's colourful theme draws before the selected item.
pub const POINTER: &str = "❯ ";

/// How long any one expectation may wait. Generous: CI has two cores and
/// several of these tests run at once.
pub const TIMEOUT_MS: u64 = 20_000;

/// The seed every run uses, so options come in the same order.
pub const SEED: u64 = 7;

/// One run of openup in its own pseudo-terminal.
pub struct Openup {
    session: PtySession,
    /// Every byte read from the terminal so far.
    seen: Vec<u8>,
    exited: bool,
    cols: u16,
    rows: u16,
}

impl Openup {
    /// Starts `openup --seed 7 ARGS` on a terminal of `cols`×`rows`.
    pub fn start_sized(data: &Path, args: &[&str], cols: u16, rows: u16) -> Openup {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_openup"));
        cmd.arg("--seed")
            .arg(SEED.to_string())
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", data)
            .env("OPENUP_DATA_DIR", data)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8");
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: runs in the forked child just before exec, where standard input
        // is already the pseudo-terminal; ioctl is async-signal-safe and `size`
        // is a plain value copied into the closure.
        unsafe {
            cmd.pre_exec(move || {
                if libc::ioctl(0, libc::TIOCSWINSZ, &size) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        let session = spawn_command(cmd, Some(TIMEOUT_MS)).expect("start openup in a pty");
        Openup {
            session,
            seen: Vec::new(),
            exited: false,
            cols,
            rows,
        }
    }

    /// Waits until `text` is written and returns what came before it (since the
    /// previous expectation), escape sequences included.
    pub fn expect(&mut self, text: &str) -> String {
        let needle: String = text.bytes().map(char::from).collect();
        match self.session.exp_string(&needle) {
            Ok(before) => {
                let before = to_bytes(&before);
                self.seen.extend_from_slice(&before);
                self.seen.extend_from_slice(text.as_bytes());
                String::from_utf8_lossy(&before).into_owned()
            }
            Err(err) => self.fail(&format!("expected {text:?}"), err),
        }
    }

    /// Like [`Openup::expect`], but the text may have been wrapped: every space
    /// in `text` also matches a line break and the indentation after it.
    /// Returns what came before it and the text as it was written.
    pub fn expect_wrapped(&mut self, text: &str) -> (String, String) {
        let mut pattern = String::new();
        for (n, word) in text.split(' ').enumerate() {
            if n > 0 {
                // Not \s: its Unicode classes match bytes inside UTF-8 sequences.
                pattern.push_str("[ \r\n]+");
            }
            for byte in word.bytes() {
                let c = char::from(byte);
                if "\\.+*?()|[]{}^$#&-~".contains(c) {
                    pattern.push('\\');
                }
                pattern.push(c);
            }
        }
        match self.session.exp_regex(&pattern) {
            Ok((before, matched)) => {
                let before = to_bytes(&before);
                let matched = to_bytes(&matched);
                self.seen.extend_from_slice(&before);
                self.seen.extend_from_slice(&matched);
                (
                    String::from_utf8_lossy(&before).into_owned(),
                    String::from_utf8_lossy(&matched).into_owned(),
                )
            }
            Err(err) => self.fail(&format!("expected {text:?}, maybe wrapped"), err),
        }
    }

    /// Sends keys and makes sure they reach the program.
    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("write to the pty");
        self.session.flush().expect("flush the pty");
    }

    /// Presses Ctrl-C.
    pub fn ctrl_c(&mut self) {
        self.session.send_control('c').expect("send Ctrl-C");
    }

    /// Sends a signal to the program.
    pub fn signal(&mut self, signal: rexpect::process::Signal) {
        self.session
            .process_mut()
            .signal(signal)
            .expect("signal openup");
    }

    /// Waits for the program to end and returns its exit code.
    pub fn exit_code(&mut self) -> i32 {
        match self.session.exp_eof() {
            Ok(rest) => self.seen.extend(to_bytes(&rest)),
            Err(err) => self.fail("expected the program to end", err),
        }
        self.exited = true;
        match self.session.process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!(
                "openup did not exit normally: {other:?}\n{}",
                self.screen().contents()
            ),
        }
    }

    /// Everything read so far, decoded, escape sequences included.
    pub fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    /// The terminal's screen now, as a person sees it: everything read so far
    /// played through a terminal emulator of this run's size.
    pub fn screen(&self) -> vt100::Screen {
        terminal(self.cols, self.rows, &self.seen).screen().clone()
    }

    /// The screen, with what was read but not matched yet played on top, for
    /// failure messages.
    fn screen_with(&self, pending: &[u8]) -> String {
        let mut parser = terminal(self.cols, self.rows, &self.seen);
        parser.process(pending);
        parser.screen().contents()
    }

    fn fail(&self, what: &str, err: ExpectError) -> ! {
        let (why, pending) = match &err {
            ExpectError::Timeout { got, .. } => ("timed out".to_string(), to_bytes(got)),
            ExpectError::EOF { got, .. } => ("the program ended".to_string(), to_bytes(got)),
            other => (format!("error: {other}"), Vec::new()),
        };
        panic!(
            "{what} within {} s, but it did not come ({why}).\n\
             --- the screen, everything read played through a terminal ---\n{}\n\
             --- read but not matched, raw ---\n{:?}",
            TIMEOUT_MS / 1000,
            self.screen_with(&pending),
            String::from_utf8_lossy(&pending),
        );
    }
}

impl Drop for Openup {
    fn drop(&mut self) {
        // A test that failed half-way leaves the program waiting for a key:
        // end it so no process outlives the test. rexpect's own drop would do
        // this too, but with a 20 s SIGKILL fallback.
        if !self.exited {
            let _ = self
                .session
                .process_mut()
                .signal(rexpect::process::Signal::SIGKILL);
            let _ = self.session.process().wait();
        }
    }
}

/// rexpect's characters back into the bytes they stand for.
fn to_bytes(text: &str) -> Vec<u8> {
    // Each char holds one byte (U+0000..=U+00FF), so the cast loses nothing.
    text.chars().map(|c| c as u32 as u8).collect()
}

/// A terminal of `cols`×`rows` that has shown `output`, with room to keep
/// every line that scrolls off the top of its main screen.
pub fn terminal(cols: u16, rows: u16, output: &[u8]) -> vt100::Parser {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("a terminal size above 0");
    let mut parser = vt100::Parser::new(size(rows), size(cols), 10_000);
    parser.process(output);
    parser
}

/// The screen's rows, trailing blanks removed.
pub fn lines(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .map(|row| row.trim_end().to_string())
        .collect()
}

/// How many lines scrolled off the top of the main screen (the alternate
/// screen keeps none, so replay a drawing on the main screen to count them).
pub fn scrolled(screen: &vt100::Screen) -> usize {
    screen.scrollback_len()
}

/// Every row the terminal wrapped in the middle of a word: the row's text, a
/// bar, then the character that went on to the next row.
pub fn split_words(screen: &vt100::Screen) -> Vec<String> {
    let rows = lines(screen);
    let (_, cols) = screen.size();
    let last = cols.get() - 1;
    let is_text = |cell: Option<&vt100::Cell>| {
        cell.is_some_and(|c| c.contents().chars().any(|ch| !ch.is_whitespace()))
    };
    (0..rows.len().saturating_sub(1))
        .filter(|&row| {
            let row_u16 = u16::try_from(row).expect("a screen row");
            screen.row_wrapped(row_u16)
                && is_text(screen.cell(row_u16, last))
                && is_text(screen.cell(row_u16 + 1, 0))
        })
        .map(|row| {
            let next = rows[row + 1].chars().next().unwrap_or(' ');
            format!("{}|{next}", rows[row])
        })
        .collect()
}

/// Text with every run of white space made one space, so that text wrapped
/// on the screen can be compared with the text before wrapping.
pub fn flatten(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
