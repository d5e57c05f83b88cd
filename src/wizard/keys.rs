//! Keys for openup's own list (`menu.rs`): the terminal stays in raw mode for
//! as long as the list is up, and waiting for a key also wakes every so often,
//! so that a window resized, or a program back from Ctrl-Z, is drawn anew
//! without a key press. dialoguer's prompts read keys their own way.

use std::time::Duration;

/// The terminal in raw mode while this lives (Unix); put back when dropped.
pub struct Keys {
    #[cfg(unix)]
    tty: Option<unix::Tty>,
}

impl Keys {
    /// Puts the terminal in raw mode: keys arrive one by one, unechoed.
    pub fn raw() -> Keys {
        #[cfg(unix)]
        {
            let tty = unix::Tty::open();
            if let Some(tty) = &tty {
                tty.raw();
            }
            Keys { tty }
        }
        #[cfg(not(unix))]
        Keys {}
    }

    /// Waits up to `timeout` for a key; true when one is waiting. Without a
    /// way to wait (Windows), says yes at once and the read blocks instead.
    pub fn wait(&self, timeout: Duration) -> bool {
        #[cfg(unix)]
        {
            self.tty.as_ref().is_none_or(|tty| tty.wait(timeout))
        }
        #[cfg(not(unix))]
        {
            let _ = timeout;
            true
        }
    }

    /// Throws away keys typed but not read yet: pressed while the screen
    /// showed nothing to answer (a window too small), they must not answer
    /// what comes next.
    pub fn discard(&self) {
        discard_typed();
    }

    /// The terminal as it was, for a while (before the program stops).
    pub fn pause(&self) {
        #[cfg(unix)]
        if let Some(tty) = &self.tty {
            tty.restore();
        }
    }

    /// Raw mode again (after the program continues).
    pub fn resume(&self) {
        #[cfg(unix)]
        if let Some(tty) = &self.tty {
            tty.raw();
        }
    }
}

/// Throws away keys typed on the terminal but not read yet.
pub fn discard_typed() {
    #[cfg(unix)]
    if let Some((fd, _)) = crate::interrupt::tty::save() {
        let _ = rustix::termios::tcflush(&fd, rustix::termios::QueueSelector::IFlush);
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        self.pause();
    }
}

#[cfg(unix)]
mod unix {
    use std::os::fd::OwnedFd;
    use std::time::Duration;

    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::termios::{OptionalActions, Termios, tcsetattr};

    /// The controlling terminal and its settings from before raw mode.
    pub(super) struct Tty {
        fd: OwnedFd,
        cooked: Termios,
    }

    impl Tty {
        pub(super) fn open() -> Option<Tty> {
            let (fd, cooked) = crate::interrupt::tty::save()?;
            Some(Tty { fd, cooked })
        }

        /// Raw input, output as it was (as console sets it for each key).
        pub(super) fn raw(&self) {
            let mut raw = self.cooked.clone();
            raw.make_raw();
            raw.output_modes = self.cooked.output_modes;
            let _ = tcsetattr(&self.fd, OptionalActions::Drain, &raw);
        }

        pub(super) fn restore(&self) {
            let _ = tcsetattr(&self.fd, OptionalActions::Drain, &self.cooked);
        }

        pub(super) fn wait(&self, timeout: Duration) -> bool {
            let mut fds = [PollFd::new(&self.fd, PollFlags::IN)];
            let timeout = Timespec::try_from(timeout).ok();
            // A signal cutting the wait short is just an early wake-up.
            matches!(poll(&mut fds, timeout.as_ref()), Ok(n) if n > 0)
        }
    }
}
