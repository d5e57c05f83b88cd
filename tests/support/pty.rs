//! Drives the `openup` binary in a pseudo-terminal, as a person at a keyboard
//! would: dialoguer refuses to run without a terminal and reads keys from
//! /dev/tty, so piping standard input cannot reach the interactive wizard.
//!
//! A reader thread copies everything the program writes into a buffer and
//! wakes the test as soon as bytes arrive, so an expectation returns the moment
//! its text is there: every wait is an expectation of text with a timeout, and
//! nothing sleeps or polls. What a person would see is worked out by the
//! `vt100` crate's terminal emulator.

#![allow(dead_code)] // Not every test binary uses every helper.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

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

/// What the reader thread has seen: every byte, and whether the program
/// closed the terminal.
#[derive(Default)]
struct Output {
    bytes: Vec<u8>,
    ended: bool,
}

/// The program's output, shared with the reader thread.
type Shared = Arc<(Mutex<Output>, Condvar)>;

/// One run of openup in its own pseudo-terminal.
pub struct Openup {
    child: Child,
    /// The terminal's master side: keys go in, the program's output comes out.
    master: File,
    output: Shared,
    /// How much of the output earlier expectations have consumed.
    matched: usize,
    exited: bool,
    cols: u16,
    rows: u16,
}

impl Openup {
    /// Starts `openup --seed 7 ARGS` on a terminal of `cols`×`rows`, with no
    /// pager (a report taller than the terminal would otherwise wait in one).
    pub fn start_sized(data: &Path, args: &[&str], cols: u16, rows: u16) -> Openup {
        let seed = SEED.to_string();
        let mut all = vec!["--seed", seed.as_str()];
        all.extend_from_slice(args);
        Openup::start_with(data, &all, cols, rows, &[("OPENUP_PAGER", "")])
    }

    /// Starts `openup ARGS` (no seed added) with these environment variables too.
    pub fn start_with(
        data: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Openup {
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let (master, slave) = open_pty(&size);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_openup"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", data)
            .env("OPENUP_DATA_DIR", data)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .envs(env.iter().copied())
            .stdin(Stdio::from(slave.try_clone().expect("dup the pty")))
            .stdout(Stdio::from(slave.try_clone().expect("dup the pty")))
            .stderr(Stdio::from(slave));
        // SAFETY: runs in the forked child just before exec; setsid and ioctl are
        // async-signal-safe. A session of its own, with the pty as its
        // controlling terminal, is what makes /dev/tty (which console reads
        // keys from) this pty, and Ctrl-C a SIGINT to it.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        // The Command holds the last copies of the slave side: dropping it after
        // the spawn leaves the child as the only holder, so the master reads
        // end of file when the program exits.
        let child = cmd.spawn().expect("start openup in a pty");
        drop(cmd);

        let master = File::from(master);
        let output: Shared = Arc::default();
        let mut reader = master.try_clone().expect("dup the pty master");
        let shared = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            loop {
                // Linux reports EIO once the program has closed the terminal.
                let n = reader.read(&mut chunk).unwrap_or(0);
                let (lock, wake) = &*shared;
                let mut out = lock.lock().expect("the output lock");
                if n == 0 {
                    out.ended = true;
                    wake.notify_all();
                    return;
                }
                out.bytes.extend_from_slice(&chunk[..n]);
                wake.notify_all();
            }
        });
        Openup {
            child,
            master,
            output,
            matched: 0,
            exited: false,
            cols,
            rows,
        }
    }

    /// Waits until `find` locates its text in the unread output, then returns
    /// what came before it and the text itself, and marks both read.
    fn wait_for(
        &mut self,
        what: &str,
        find: impl Fn(&[u8]) -> Option<(usize, usize)>,
    ) -> (String, String) {
        let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
        let (lock, wake) = &*self.output;
        let mut out = lock.lock().expect("the output lock");
        loop {
            if let Some((start, end)) = find(&out.bytes[self.matched..]) {
                let base = self.matched;
                self.matched += end;
                let text =
                    |r: std::ops::Range<usize>| String::from_utf8_lossy(&out.bytes[r]).into_owned();
                return (text(base..base + start), text(base + start..base + end));
            }
            let now = Instant::now();
            if out.ended || now >= deadline {
                let why = if out.ended {
                    "the program ended"
                } else {
                    "timed out"
                };
                let pending = out.bytes[self.matched..].to_vec();
                drop(out);
                self.fail(what, why, &pending);
            }
            out = wake
                .wait_timeout(out, deadline - now)
                .expect("the output lock")
                .0;
        }
    }

    /// Waits until `text` is written and returns what came before it (since the
    /// previous expectation), escape sequences included.
    pub fn expect(&mut self, text: &str) -> String {
        let needle = text.as_bytes().to_vec();
        self.wait_for(&format!("expected {text:?}"), |hay| {
            find(hay, &needle).map(|at| (at, at + needle.len()))
        })
        .0
    }

    /// Like [`Openup::expect`], but the text may have been wrapped: every space
    /// in `text` also matches a line break and the indentation after it.
    /// Returns what came before it and the text as it was written.
    pub fn expect_wrapped(&mut self, text: &str) -> (String, String) {
        let words: Vec<Vec<u8>> = text.split(' ').map(|w| w.as_bytes().to_vec()).collect();
        self.wait_for(&format!("expected {text:?}, maybe wrapped"), |hay| {
            (0..hay.len()).find_map(|start| {
                match_words(&hay[start..], &words).map(|len| (start, start + len))
            })
        })
    }

    /// Sends keys and makes sure they reach the program.
    pub fn send(&mut self, keys: &str) {
        self.master
            .write_all(keys.as_bytes())
            .expect("write to the pty");
        self.master.flush().expect("flush the pty");
    }

    /// Presses Ctrl-C.
    pub fn ctrl_c(&mut self) {
        self.send("\x03");
    }

    /// Sends a signal (such as `libc::SIGTERM`) to the program.
    pub fn signal(&mut self, signal: libc::c_int) {
        let pid = libc::pid_t::try_from(self.child.id()).expect("a process id");
        // SAFETY: kill with the pid of our own child, which has not been reaped.
        let rc = unsafe { libc::kill(pid, signal) };
        assert_eq!(rc, 0, "signal openup: {}", std::io::Error::last_os_error());
    }

    /// Resizes the terminal, as dragging a window's edge does; the program
    /// gets SIGWINCH from the terminal as it would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: an ioctl on the master we own, with a winsize that lives
        // until the call returns.
        let rc = unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ as _, &size) };
        assert_eq!(rc, 0, "resize: {}", std::io::Error::last_os_error());
        self.cols = cols;
        self.rows = rows;
    }

    /// Waits until the program is stopped (by Ctrl-Z or SIGTSTP), not ended;
    /// panics if it ends or is still running after the timeout.
    pub fn expect_stopped(&mut self) {
        let pid = libc::pid_t::try_from(self.child.id()).expect("a process id");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut status = 0;
            // SAFETY: waitpid on our own child, reporting stops as well as
            // ends; it reaps nothing while the child is only stopped.
            let rc = unsafe { libc::waitpid(pid, &mut status, libc::WUNTRACED) };
            let _ = tx.send((rc, status));
        });
        let (rc, status) = rx
            .recv_timeout(Duration::from_millis(TIMEOUT_MS))
            .expect("the program to stop in time");
        assert_eq!(rc, pid, "waitpid: {}", std::io::Error::last_os_error());
        assert!(
            libc::WIFSTOPPED(status),
            "the program stopped, not ended (status {status})"
        );
    }

    /// Waits for the program to end and returns its exit code.
    pub fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
        {
            let (lock, wake) = &*self.output;
            let mut out = lock.lock().expect("the output lock");
            while !out.ended {
                let now = Instant::now();
                if now >= deadline {
                    let pending = out.bytes[self.matched..].to_vec();
                    drop(out);
                    self.fail("expected the program to end", "timed out", &pending);
                }
                out = wake
                    .wait_timeout(out, deadline - now)
                    .expect("the output lock")
                    .0;
            }
            self.matched = out.bytes.len();
        }
        let status = self.child.wait().expect("wait for openup");
        self.exited = true;
        match status.code() {
            Some(code) => code,
            None => panic!(
                "openup did not exit normally (signal {:?})\n{}",
                status.signal(),
                self.screen().contents()
            ),
        }
    }

    /// Everything read so far, decoded, escape sequences included.
    pub fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.seen()).into_owned()
    }

    /// What earlier expectations have consumed.
    fn seen(&self) -> Vec<u8> {
        let (lock, _) = &*self.output;
        let out = lock.lock().expect("the output lock");
        out.bytes[..self.matched].to_vec()
    }

    /// The terminal's screen now, as a person sees it: everything read so far
    /// played through a terminal emulator of this run's size.
    pub fn screen(&self) -> vt100::Screen {
        terminal(self.cols, self.rows, &self.seen())
            .screen()
            .clone()
    }

    fn fail(&self, what: &str, why: &str, pending: &[u8]) -> ! {
        let mut parser = terminal(self.cols, self.rows, &self.seen());
        parser.process(pending);
        panic!(
            "{what} within {} s, but it did not come ({why}).\n\
             --- the screen, everything read played through a terminal ---\n{}\n\
             --- read but not matched, raw ---\n{:?}",
            TIMEOUT_MS / 1000,
            parser.screen().contents(),
            String::from_utf8_lossy(pending),
        );
    }
}

impl Drop for Openup {
    fn drop(&mut self) {
        // A test that failed half-way leaves the program waiting for a key:
        // end it so no process outlives the test.
        if !self.exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A new pseudo-terminal of this size, both sides opened close-on-exec in the
/// same call, so that a program another test starts at the same moment cannot
/// inherit them (an inherited slave would keep this terminal open after our
/// program ends).
fn open_pty(size: &libc::winsize) -> (OwnedFd, OwnedFd) {
    let check = |what: &str, ok: bool| assert!(ok, "{what}: {}", std::io::Error::last_os_error());
    // SAFETY: plain libc calls on descriptors owned here; every result is checked
    // before it is used, and each descriptor is owned by exactly one OwnedFd.
    unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        check("posix_openpt", master >= 0);
        let master = OwnedFd::from_raw_fd(master);
        check("grantpt", libc::grantpt(master.as_raw_fd()) == 0);
        check("unlockpt", libc::unlockpt(master.as_raw_fd()) == 0);
        let mut name = [0 as libc::c_char; 128];
        check("ptsname", slave_name(master.as_raw_fd(), &mut name));
        let slave = libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        check("open the pty", slave >= 0);
        let slave = OwnedFd::from_raw_fd(slave);
        check(
            "set the pty size",
            libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ as _, size) == 0,
        );
        (master, slave)
    }
}

/// The slave side's name: `ptsname_r` where the C library has it (Linux); else
/// `ptsname`, whose buffer is shared, under a lock, since tests run on threads.
#[cfg(target_os = "linux")]
fn slave_name(master: libc::c_int, name: &mut [libc::c_char; 128]) -> bool {
    // SAFETY: the buffer is ours and its length is passed.
    unsafe { libc::ptsname_r(master, name.as_mut_ptr(), name.len()) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn slave_name(master: libc::c_int, name: &mut [libc::c_char; 128]) -> bool {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _held = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: ptsname returns a pointer to a static buffer, read at once under
    // the lock and copied out, or null.
    unsafe {
        let found = libc::ptsname(master);
        if found.is_null() {
            return false;
        }
        let bytes = std::ffi::CStr::from_ptr(found).to_bytes_with_nul();
        if bytes.len() > name.len() {
            return false;
        }
        for (slot, byte) in name.iter_mut().zip(bytes) {
            *slot = *byte as libc::c_char;
        }
        true
    }
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How long a match of `words` at the start of `hay` is, when there is one:
/// the words in order, each pair separated by spaces, carriage returns or line
/// feeds (a wrap and its indentation).
fn match_words(hay: &[u8], words: &[Vec<u8>]) -> Option<usize> {
    let mut at = 0;
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            let gap = hay[at..]
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\r' | b'\n'))
                .count();
            if gap == 0 {
                return None;
            }
            at += gap;
        }
        if !hay[at..].starts_with(word) {
            return None;
        }
        at += word.len();
    }
    Some(at)
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
