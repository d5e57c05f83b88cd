//! The interactive prompter: dialoguer prompts and an indicatif progress bar,
//! drawn on standard error so the report on standard output stays clean.

use console::{Style, Term};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Select};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{
    Intro, Kind, Prompter, Reply, ReviewReply, ReviewRow, SAFETY_NOTE, Screen, heading,
    progress_text,
};
use crate::error::{Error, Result};

/// Draws the wizard with dialoguer on the terminal behind standard error.
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
    bold: Style,
    dim: Style,
}

impl TerminalPrompter {
    /// A prompter on standard error; fails with [`Error::NoTerminal`] when
    /// there is no terminal to draw on and read keys from.
    pub fn new() -> Result<TerminalPrompter> {
        // Buffered: each frame (cleared screen, progress bar, question and
        // options) reaches the terminal in one write when dialoguer flushes it
        // before waiting for a key, instead of one write per line.
        let term = Term::buffered_stderr();
        if !term.is_term() || std::fs::File::open("/dev/tty").is_err() {
            return Err(Error::NoTerminal);
        }
        let color = console::colors_enabled_stderr();
        Ok(TerminalPrompter {
            term,
            theme: ColorfulTheme::default(),
            bold: Style::new().bold().force_styling(color),
            dim: Style::new().dim().force_styling(color),
        })
    }

    /// The width to wrap at: the terminal's, less a margin for prompt prefixes.
    fn width(&self) -> usize {
        usize::from(self.term.size().1).saturating_sub(4).max(16)
    }

    /// Wraps text for a prompt or item: following lines line up under the first.
    fn wrap(&self, text: &str) -> String {
        textwrap::wrap(text, self.width()).join("\n  ")
    }

    fn line(&self, text: &str) -> Result<()> {
        self.term.write_line(text).map_err(Error::from_prompt)
    }

    /// The first frame, as early as the process can draw it: the alternate
    /// screen with openup's name, which the intro (or the resume menu) then
    /// completes.
    pub fn first_paint(&self) -> Result<()> {
        self.fresh_screen()?;
        self.line(&self.bold.apply_to("openup").to_string())?;
        self.term.flush().map_err(Error::from_prompt)
    }

    /// Clears the screen for the next step. The wizard runs in the terminal's
    /// alternate screen, so its steps never pile up in the scrollback, and
    /// leaving it (at the end, or on Ctrl-C) takes every question off the screen.
    fn fresh_screen(&self) -> Result<()> {
        if !crate::interrupt::in_alternate_screen() {
            crate::interrupt::enter_alternate_screen();
        }
        self.term.clear_screen().map_err(Error::from_prompt)
    }

    /// Draws a one-off progress bar and leaves it in place above the prompt.
    fn draw_progress(&self, screen: &Screen) {
        let p = screen.progress;
        let bar = ProgressBar::with_draw_target(
            Some(p.total as u64),
            ProgressDrawTarget::term(self.term.clone(), 20),
        );
        let width = (self.width() / 3).clamp(10, 30);
        let template = format!("{{bar:{width}.cyan/blue}} {{msg}}");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("█▓░"));
        }
        bar.set_position((p.answered + p.skipped) as u64);
        // The long form when it fits on one line beside the bar, else a short one.
        let long = progress_text(&p);
        let columns = usize::from(self.term.size().1);
        let message = if width + 1 + long.chars().count() < columns {
            long
        } else {
            format!(
                "{}/{} · {} skipped",
                p.answered + p.skipped,
                p.total,
                p.skipped
            )
        };
        bar.set_message(message);
        bar.abandon();
    }
}

/// The smallest window a question fits in.
const MIN_ROWS: u16 = 8;
/// The narrowest window a question fits in.
const MIN_COLS: u16 = 30;

thread_local! {
    /// Set while dialoguer draws: a panic then means the window became too
    /// small for it (dialoguer 0.12 panics below three rows), not a bug to report.
    static DRAWING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether dialoguer is drawing on this thread (the panic hook keeps quiet then).
pub fn drawing() -> bool {
    DRAWING.with(|d| d.get())
}

impl TerminalPrompter {
    /// Draws one screen, first waiting for a window large enough for it; if
    /// the window shrinks below that while the screen is up, waits again and
    /// draws the whole screen anew at the new size. Never panics on a tiny window.
    fn on_screen<T>(&mut self, mut draw: impl FnMut(&mut Self) -> Result<T>) -> Result<T> {
        loop {
            self.wait_for_room()?;
            DRAWING.with(|d| d.set(true));
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(&mut *self)));
            DRAWING.with(|d| d.set(false));
            match outcome {
                Ok(result) => return result,
                // Shrunk mid-question: wait for room, then redraw.
                Err(_) => continue,
            }
        }
    }

    /// Shows "make the window larger" until it is at least MIN_COLS × MIN_ROWS.
    fn wait_for_room(&self) -> Result<()> {
        let mut told = false;
        loop {
            let (rows, cols) = self.term.size();
            if rows >= MIN_ROWS && cols >= MIN_COLS {
                return Ok(());
            }
            if !told {
                self.fresh_screen()?;
                self.line("Make the window larger to go on.")?;
                self.term.flush().map_err(Error::from_prompt)?;
                told = true;
            }
            // Polling, not a signal: a resize is rare and a fifth of a second is
            // quick enough for a person dragging a window edge.
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
}

impl Prompter for TerminalPrompter {
    fn welcome(&mut self, intro: &Intro) -> Result<bool> {
        self.on_screen(|this| this.welcome_once(intro))
    }

    fn ask(&mut self, screen: &Screen) -> Result<Reply> {
        self.on_screen(|this| this.ask_once(screen))
    }

    fn help(&mut self, lines: &[String]) -> Result<()> {
        self.on_screen(|this| this.help_once(lines))
    }

    fn review(&mut self, rows: &[ReviewRow], last: Option<usize>) -> Result<ReviewReply> {
        self.on_screen(|this| this.review_once(rows, last))
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        self.on_screen(|this| this.select_once(prompt, items, default))
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        self.on_screen(|this| this.confirm_once(prompt, default))
    }

    fn input(&mut self, prompt: &str, default: &str) -> Result<String> {
        self.on_screen(|this| this.input_once(prompt, default))
    }

    fn done(&mut self) -> Result<()> {
        self.term.flush().map_err(Error::from_prompt)?;
        crate::interrupt::leave_alternate_screen();
        Ok(())
    }
}

impl TerminalPrompter {
    fn welcome_once(&mut self, intro: &Intro) -> Result<bool> {
        self.fresh_screen()?;
        self.line(&self.bold.apply_to("openup").to_string())?;
        self.line("")?;
        for paragraph in intro.text().split("\n\n") {
            self.line(&textwrap::fill(paragraph, self.width() + 2))?;
            self.line("")?;
        }
        let begin = Confirm::with_theme(&self.theme)
            .with_prompt("Ready to begin?")
            .default(true)
            .interact_on_opt(&self.term)?;
        Ok(begin.unwrap_or(false))
    }

    fn ask_once(&mut self, screen: &Screen) -> Result<Reply> {
        self.fresh_screen()?;
        self.draw_progress(screen);
        let head = textwrap::fill(&heading(screen), self.width() + 2);
        self.line(&self.bold.apply_to(head).to_string())?;
        let keys = textwrap::fill(&super::key_hints(screen), self.width() + 2);
        self.line(&self.dim.apply_to(keys).to_string())?;
        if screen.item.kind == Kind::Safety {
            self.line(&textwrap::fill(SAFETY_NOTE, self.width() + 2))?;
        }
        self.line("")?;

        let mut items: Vec<String> = screen
            .item
            .options
            .iter()
            .map(|(_, label)| self.wrap(label))
            .collect();
        let skip_at = items.len();
        if screen.can_skip {
            items.push(self.dim.apply_to("Skip this question").to_string());
        }
        if screen.can_go_back {
            items.push(
                self.dim
                    .apply_to("Back to the previous question")
                    .to_string(),
            );
        }
        let picked = Select::with_theme(&self.theme)
            .with_prompt(self.wrap(&screen.item.prompt))
            .items(&items)
            // A safety question starts with nothing selected, so that Enter alone
            // cannot answer it; a scenario starts on the first (shuffled) option.
            .default(
                screen
                    .default
                    .unwrap_or(if screen.item.kind == Kind::Safety {
                        usize::MAX
                    } else {
                        0
                    }),
            )
            .report(false)
            .interact_on_opt(&self.term)?;
        // Esc (dialoguer's "quit", which q also gives) and the Back entry both go back.
        Ok(match picked {
            Some(i) if i < skip_at => Reply::Chose(i),
            Some(i) if screen.can_skip && i == skip_at => Reply::Skip,
            _ => Reply::Back,
        })
    }

    fn help_once(&mut self, lines: &[String]) -> Result<()> {
        self.fresh_screen()?;
        self.line(&self.bold.apply_to(super::HELP_TITLE).to_string())?;
        self.line("")?;
        self.line(&textwrap::fill(super::HELP_BODY, self.width() + 2))?;
        for line in lines {
            let options = textwrap::Options::new(self.width() + 2)
                .initial_indent("  • ")
                .subsequent_indent("    ");
            self.line(&textwrap::fill(line, options))?;
        }
        self.line("")?;
        self.line(&textwrap::fill(
            super::HELP_LEAVE_TERMINAL,
            self.width() + 2,
        ))?;
        self.line("")?;
        Select::with_theme(&self.theme)
            .items(["Go on with the questions"])
            .default(0)
            .report(false)
            .interact_on(&self.term)?;
        Ok(())
    }

    fn review_once(&mut self, rows: &[ReviewRow], last: Option<usize>) -> Result<ReviewReply> {
        self.fresh_screen()?;
        self.line(&self.bold.apply_to("Review your answers").to_string())?;
        self.line(
            &self
                .dim
                .apply_to(textwrap::fill(
                    "Pick a question to change its answer, or finish.",
                    self.width() + 2,
                ))
                .to_string(),
        )?;
        self.line("")?;
        let mut items = vec![self.bold.apply_to("Finish and see my report").to_string()];
        // One line per row, cut to the width: dialoguer pages by items, so a
        // wrapped row would push the page past the bottom of the screen. The
        // whole answer shows when the row is picked.
        let with_title = self.width() >= 60;
        for row in rows {
            let text = row.text(with_title);
            items.push(console::truncate_str(&text, self.width(), "…").into_owned());
        }
        // Heading, hint, blank line, prompt and the page indicator.
        let height = usize::from(self.term.size().0).saturating_sub(6).max(3);
        let picked = Select::with_theme(&self.theme)
            .with_prompt("Your answers")
            .items(&items)
            .default(last.map_or(0, |row| row + 1))
            .max_length(height)
            .report(false)
            .interact_on(&self.term)?;
        Ok(match picked {
            0 => ReviewReply::Finish,
            i => ReviewReply::Change(i - 1),
        })
    }

    fn select_once(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        self.fresh_screen()?;
        let items: Vec<String> = items.iter().map(|i| self.wrap(i)).collect();
        Ok(Select::with_theme(&self.theme)
            .with_prompt(self.wrap(prompt))
            .items(&items)
            .default(default)
            .interact_on(&self.term)?)
    }

    fn confirm_once(&mut self, prompt: &str, default: bool) -> Result<bool> {
        let answer = Confirm::with_theme(&self.theme)
            .with_prompt(self.wrap(prompt))
            .default(default)
            .interact_on_opt(&self.term)?;
        Ok(answer.unwrap_or(false))
    }

    fn input_once(&mut self, prompt: &str, default: &str) -> Result<String> {
        Ok(Input::<String>::with_theme(&self.theme)
            .with_prompt(self.wrap(prompt))
            // The default is shown and taken with Enter; typing replaces it
            // (dialoguer's initial text cannot be cleared with Ctrl-U).
            .default(default.to_string())
            .show_default(true)
            // Not echoed once chosen: "Saved to PATH" says where it went, once.
            .report(false)
            .interact_text_on(&self.term)?)
    }
}
