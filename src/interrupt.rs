//! Leaving the terminal as we found it on every way out: Ctrl-C, SIGTERM,
//! SIGHUP (terminal closed) and errors. dialoguer hides the cursor and puts the
//! terminal in raw mode while it waits for a key; a signal that arrives then
//! would otherwise leave the shell without a cursor or without echo.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// What is left to restore, and whether it was restored already.
struct Guard {
    /// The terminal settings from before the wizard started.
    termios: Option<tty::Saved>,
    /// What to say after an interruption.
    note: String,
    /// Set by [`guard_terminal`]: there is something to restore.
    armed: bool,
    /// Whether the wizard is drawing in the terminal's alternate screen.
    alternate: bool,
    restored: bool,
}

static GUARD: Mutex<Guard> = Mutex::new(Guard {
    termios: None,
    note: String::new(),
    armed: false,
    alternate: false,
    restored: false,
});

const ENTER_ALTERNATE: &str = "\x1b[?1049h";
const LEAVE_ALTERNATE: &str = "\x1b[?1049l";

/// Switches standard error's terminal to the alternate screen.
pub fn enter_alternate_screen() {
    if let Ok(mut guard) = GUARD.lock() {
        let _ = console::Term::stderr().write_str(ENTER_ALTERNATE);
        guard.alternate = true;
    }
}

/// Back to the normal screen, where the report is printed.
pub fn leave_alternate_screen() {
    if let Ok(mut guard) = GUARD.lock()
        && guard.alternate
    {
        let _ = console::Term::stderr().write_str(LEAVE_ALTERNATE);
        guard.alternate = false;
    }
}

/// Whether the wizard is in the alternate screen.
pub fn in_alternate_screen() -> bool {
    GUARD.lock().map(|g| g.alternate).unwrap_or(false)
}

/// Set when the program continues after being stopped by a SIGTSTP from
/// outside (`kill -TSTP`), so that the screen it left is drawn anew.
static REDRAW: AtomicBool = AtomicBool::new(false);

/// Whether the screen must be drawn anew since the last call (the program was
/// stopped and continued); clears the request.
pub fn take_redraw() -> bool {
    REDRAW.swap(false, Ordering::SeqCst)
}

/// Stops the program as Ctrl-Z does in a shell, with the terminal as it was
/// before the wizard (normal screen, cursor shown, settings restored), and
/// returns once the program is continued (`fg`). The caller then draws its
/// screen anew; the alternate screen comes back with it.
pub fn suspend() {
    if let Ok(mut guard) = GUARD.lock() {
        if guard.restored || !guard.armed {
            return;
        }
        let term = console::Term::stderr();
        if guard.alternate {
            let _ = term.write_str(LEAVE_ALTERNATE);
            guard.alternate = false;
        }
        let _ = term.show_cursor();
        if let Some(saved) = &guard.termios {
            tty::restore_ref(saved);
        }
    }
    stop_here();
}

/// Stops the whole program until it is continued.
fn stop_here() {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    }
}

/// The first of SIGINT, SIGTERM or SIGHUP received; 0 for none.
static FIRST_SIGNAL: AtomicI32 = AtomicI32::new(0);

/// The exit code after an interruption: 128 + the first signal received
/// (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP); 130 when no signal came,
/// as when a scripted or plain prompt reports Ctrl-C itself.
pub fn exit_code() -> i32 {
    match FIRST_SIGNAL.load(Ordering::SeqCst) {
        0 => crate::error::EXIT_INTERRUPTED,
        signal => 128 + signal,
    }
}

/// Remembers the terminal's settings and handles SIGINT, SIGTERM and SIGHUP by
/// restoring them, showing the cursor and exiting with 128 + the signal number.
/// Called only before the wizard (or forget's question) starts, so other
/// commands keep the default behaviour and pay nothing for it at start-up.
pub fn guard_terminal() {
    if let Ok(mut guard) = GUARD.lock() {
        guard.termios = tty::save();
        guard.armed = true;
        guard.restored = false;
    }
    // A panic must not leave the terminal raw, hidden or in the alternate screen.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // dialoguer panics when the window is too small for it; the prompter
        // catches that, waits for room and draws again, so it is no news.
        if drawing() {
            return;
        }
        restore_terminal();
        default_hook(info);
    }));
    signals::handle();
}

thread_local! {
    /// Set while dialoguer draws: a panic then means the window became too
    /// small for it (dialoguer 0.12 panics below three rows), not a bug to report.
    static DRAWING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks whether dialoguer is drawing on this thread; the panic hook keeps
/// quiet about a panic while it is, since the prompter draws again.
pub fn set_drawing(on: bool) {
    DRAWING.with(|d| d.set(on));
}

/// Whether dialoguer is drawing on this thread.
fn drawing() -> bool {
    DRAWING.with(|d| d.get())
}

/// Records the first signal; the exit code follows it.
fn record_signal(signal: i32) {
    let _ = FIRST_SIGNAL.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
}

#[cfg(unix)]
mod signals {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};

    /// SIGINT, SIGTERM and SIGHUP restore the terminal and exit with 128 + the
    /// signal, from a thread of their own. SIGTSTP from outside (`kill -TSTP`;
    /// Ctrl-Z itself reaches the wizard as a key) restores the terminal, stops,
    /// and once continued asks the wizard to draw its screen anew.
    pub(super) fn handle() {
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            // The first signal decides the exit code. It has to be recorded inside
            // the handler: console turns an interrupted key read into a SIGINT of
            // its own, which would otherwise win the race and report SIGTERM as 130.
            // SAFETY: the action only does a compare-exchange on an atomic, which is
            // async-signal-safe.
            let _ = unsafe {
                signal_hook::low_level::register(signal, move || super::record_signal(signal))
            };
        }
        match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGTSTP]) {
            Ok(mut signals) => {
                std::thread::spawn(move || {
                    for signal in signals.forever() {
                        if signal == SIGTSTP {
                            super::suspend();
                            super::REDRAW.store(true, std::sync::atomic::Ordering::SeqCst);
                            continue;
                        }
                        super::restore_terminal_and_say_note();
                        std::process::exit(super::exit_code());
                    }
                });
            }
            Err(_) => {
                // Without handlers the signals keep their default action; the
                // prompts still work, only the cleanup on a signal is lost.
            }
        }
    }
}

#[cfg(not(unix))]
mod signals {
    use signal_hook::consts::SIGINT;

    /// Ctrl-C restores the console and exits with 130. Windows runs console
    /// control handlers on a thread of their own, so the handler may take the
    /// lock and write; there is no SIGHUP or SIGTERM to catch there.
    pub(super) fn handle() {
        // SAFETY: on Windows the C runtime calls the handler on a new thread,
        // not inside an interrupted one, so locking and writing are allowed.
        let _ = unsafe {
            signal_hook::low_level::register(SIGINT, || {
                super::record_signal(SIGINT);
                super::restore_terminal_and_say_note();
                std::process::exit(super::exit_code());
            })
        };
    }
}

/// Makes a file-size limit (`ulimit -f`) a write error instead of death by
/// SIGXFSZ: with the signal caught, a write past the limit fails with EFBIG,
/// which the writer reports, removing its temporary file, and the terminal is
/// put back as on any error. Nothing to do where there is no such signal.
pub fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, caught);
    }
}

/// Sets what is said when the person interrupts the wizard. It names the data
/// folder, whose name may carry escape sequences: it is cleaned here, before a
/// signal handler may need it.
pub fn set_note(note: impl Into<String>) {
    let note = crate::text::clean_lines(&note.into());
    if let Ok(mut guard) = GUARD.lock() {
        guard.note = note;
    }
}

/// Restores the terminal settings, shows the cursor and says the note. Safe to
/// call from any thread and more than once: only the first call acts, and a
/// second caller waits until the first has finished.
pub fn restore_terminal() {
    stop(false);
}

/// Restores the terminal as [`restore_terminal`] does, then says the note: for
/// Ctrl-C, a signal, or plain input that ended, where the answers so far are
/// what the person wants to hear about.
pub fn restore_terminal_and_say_note() {
    stop(true);
}

/// The one place the terminal is put back; only the first call acts, and a
/// second caller (the signal thread racing the main thread) waits for it.
fn stop(with_note: bool) {
    let Ok(mut guard) = GUARD.lock() else {
        return;
    };
    if guard.restored {
        return;
    }
    if !guard.armed {
        // Drawn before the guard was armed (the first paint comes before
        // anything else): only the alternate screen is there to leave.
        if guard.alternate {
            let _ = console::Term::stderr().write_str(LEAVE_ALTERNATE);
            guard.alternate = false;
        }
        return;
    }
    guard.restored = true;
    if let Some(saved) = guard.termios.take() {
        tty::restore(saved);
    }
    let term = console::Term::stderr();
    if guard.alternate {
        // Leaving the alternate screen also takes the question off the screen,
        // a quick, discreet way out.
        let _ = term.write_str(LEAVE_ALTERNATE);
        guard.alternate = false;
    }
    if term.is_term() {
        let _ = term.show_cursor();
    }
    if with_note {
        // End the line the prompt was on, then say what happened to the answers.
        let mut err = std::io::stderr();
        let _ = writeln!(err);
        if !guard.note.is_empty() {
            let width = term.size_checked().map_or(80, |(_, w)| usize::from(w));
            let _ = writeln!(err, "{}", crate::text::wrap(&guard.note, width, ""));
        }
        let _ = err.flush();
    }
}

/// The controlling terminal's settings (Unix): dialoguer switches the terminal
/// to raw mode while it waits for a key, and a signal then must switch it back.
#[cfg(unix)]
pub(crate) mod tty {
    use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};
    use std::os::fd::OwnedFd;

    /// The terminal, kept open, and its settings from before the wizard.
    pub(crate) type Saved = (OwnedFd, Termios);

    /// Reads the settings of `/dev/tty`; none without a terminal.
    pub(crate) fn save() -> Option<Saved> {
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()?;
        let fd = OwnedFd::from(tty);
        let termios = tcgetattr(&fd).ok()?;
        Some((fd, termios))
    }

    /// Puts the settings back; a terminal that went away has nothing to restore.
    pub(super) fn restore(saved: Saved) {
        restore_ref(&saved);
    }

    /// [`restore`], keeping the settings for later.
    pub(super) fn restore_ref((fd, termios): &Saved) {
        let _ = tcsetattr(fd, OptionalActions::Now, termios);
    }
}

/// Windows consoles: console and dialoguer restore the console mode
/// themselves, so there is nothing to save.
#[cfg(not(unix))]
mod tty {
    /// Nothing to keep.
    pub(super) type Saved = ();

    pub(super) fn save() -> Option<Saved> {
        None
    }

    pub(super) fn restore(_: Saved) {}

    pub(super) fn restore_ref(_: &Saved) {}
}
