//! Drives the `openup` binary in a pseudo-terminal, as a person at a keyboard
//! would: dialoguer refuses to run without a terminal and reads keys from
//! /dev/tty, so piping standard input cannot reach the interactive wizard.
//!
//! rexpect hands the output over one byte per `char`, so multi-byte UTF-8 such
//! as "❯" or "·" arrives as several Latin-1 characters. [`Openup::expect`]
//! takes ordinary text and converts in both directions.
//!
//! Every wait is an expectation of text with a timeout; nothing sleeps.

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
}

impl Openup {
    /// Starts `openup --seed 7 ARGS` on a 100×40 terminal, keeping its data in `data`.
    pub fn start(data: &Path, args: &[&str]) -> Openup {
        Openup::start_sized(data, args, 100, 40)
    }

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
                self.screen_tail()
            ),
        }
    }

    /// Everything read so far, decoded, escape sequences included.
    pub fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    /// The end of what was read, without escape sequences, for failure messages.
    fn screen_tail(&self) -> String {
        let text = strip_ansi(&self.transcript());
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    }

    fn fail(&self, what: &str, err: ExpectError) -> ! {
        let pending = match &err {
            ExpectError::Timeout { got, .. } | ExpectError::EOF { got, .. } => {
                strip_ansi(&String::from_utf8_lossy(&to_bytes(got)))
            }
            other => format!("({other})"),
        };
        panic!(
            "{what} within {} s, but it did not come ({}).\n\
             --- earlier output, last lines ---\n{}\n\
             --- output not matched yet ---\n{pending}",
            TIMEOUT_MS / 1000,
            match err {
                ExpectError::Timeout { .. } => "timed out",
                ExpectError::EOF { .. } => "the program ended",
                _ => "error",
            },
            self.screen_tail(),
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

/// `text` without terminal escape sequences (CSI, OSC and two-byte escapes).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                // Parameters and intermediates, then one final byte in @..=~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => skip_osc(&mut chars),
            _ => {}
        }
    }
    out
}

/// Screen text with escapes removed and every run of white space made one
/// space, so that wrapped text can be compared with the text before wrapping.
pub fn flatten(output: &str) -> String {
    strip_ansi(output)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A small model of a terminal screen, enough to see what a person would see
/// after a stretch of output: printable characters (each one column wide),
/// carriage return, line feed, automatic wrapping at the right margin, and the
/// cursor-movement and erase sequences console and indicatif use.
pub struct Screen {
    cols: usize,
    rows: usize,
    cells: Vec<Vec<char>>,
    row: usize,
    col: usize,
    /// The cursor is past the last column; the next character wraps.
    pending_wrap: bool,
    /// How many lines scrolled off the top.
    pub scrolled: usize,
    /// Every automatic wrap that cut a word in two: the row's text, a bar,
    /// then the character that went on to the next row.
    pub split_words: Vec<String>,
}

impl Screen {
    /// An empty screen of `cols`×`rows`, cursor at the top left.
    pub fn new(cols: u16, rows: u16) -> Screen {
        let (cols, rows) = (usize::from(cols), usize::from(rows));
        Screen {
            cols,
            rows,
            cells: vec![vec![' '; cols]; rows],
            row: 0,
            col: 0,
            pending_wrap: false,
            scrolled: 0,
            split_words: Vec::new(),
        }
    }

    /// The screen's rows, trailing blanks removed.
    pub fn lines(&self) -> Vec<String> {
        self.cells
            .iter()
            .map(|r| r.iter().collect::<String>().trim_end().to_string())
            .collect()
    }

    /// Applies terminal output.
    pub fn feed(&mut self, output: &str) {
        let mut chars = output.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        let mut last = None;
                        for c in chars.by_ref() {
                            if ('@'..='~').contains(&c) {
                                last = Some(c);
                                break;
                            }
                            params.push(c);
                        }
                        if let Some(command) = last {
                            self.csi(&params, command);
                        }
                    }
                    Some(']') => skip_osc(&mut chars),
                    _ => {}
                },
                '\r' => {
                    self.col = 0;
                    self.pending_wrap = false;
                }
                '\n' => {
                    self.line_feed();
                    self.pending_wrap = false;
                }
                '\x08' => {
                    self.col = self.col.saturating_sub(1);
                    self.pending_wrap = false;
                }
                c if c.is_control() => {}
                c => self.print(c),
            }
        }
    }

    fn print(&mut self, c: char) {
        if self.pending_wrap {
            let before = self.cells[self.row][self.cols - 1];
            if !before.is_whitespace() && !c.is_whitespace() {
                let text: String = self.cells[self.row].iter().collect();
                self.split_words.push(format!("{}|{c}", text.trim_end()));
            }
            self.col = 0;
            self.line_feed();
            self.pending_wrap = false;
        }
        self.cells[self.row][self.col] = c;
        if self.col + 1 == self.cols {
            self.pending_wrap = true;
        } else {
            self.col += 1;
        }
    }

    fn line_feed(&mut self) {
        if self.row + 1 == self.rows {
            self.cells.remove(0);
            self.cells.push(vec![' '; self.cols]);
            self.scrolled += 1;
        } else {
            self.row += 1;
        }
    }

    fn csi(&mut self, params: &str, command: char) {
        if params.starts_with('?') {
            return; // Modes such as showing and hiding the cursor.
        }
        let numbers: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let n = numbers.first().copied().unwrap_or(0);
        let count = n.max(1);
        self.pending_wrap = false;
        match command {
            'A' => self.row = self.row.saturating_sub(count),
            'B' => self.row = (self.row + count).min(self.rows - 1),
            'C' => self.col = (self.col + count).min(self.cols - 1),
            'D' => self.col = self.col.saturating_sub(count),
            'G' => self.col = (count - 1).min(self.cols - 1),
            'H' | 'f' => {
                let col = numbers.get(1).copied().unwrap_or(0).max(1);
                self.row = (count - 1).min(self.rows - 1);
                self.col = (col - 1).min(self.cols - 1);
            }
            'J' => {
                let (from, to) = match n {
                    0 => (self.row * self.cols + self.col, self.rows * self.cols),
                    1 => (0, self.row * self.cols + self.col + 1),
                    _ => (0, self.rows * self.cols),
                };
                for i in from..to {
                    self.cells[i / self.cols][i % self.cols] = ' ';
                }
            }
            'K' => {
                let (from, to) = match n {
                    0 => (self.col, self.cols),
                    1 => (0, self.col + 1),
                    _ => (0, self.cols),
                };
                for cell in &mut self.cells[self.row][from..to] {
                    *cell = ' ';
                }
            }
            _ => {} // Colours and styles.
        }
    }
}

/// Skips an operating system command (a window title, say), which ends at BEL
/// or at ESC \.
fn skip_osc(chars: &mut impl Iterator<Item = char>) {
    while let Some(c) = chars.next() {
        if c == '\x07' {
            break;
        }
        if c == '\x1b' {
            chars.next();
            break;
        }
    }
}
