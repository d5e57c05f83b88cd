//! The interactive prompter: dialoguer prompts and an indicatif progress bar,
//! drawn on standard error so the report on standard output stays clean.

use console::{Style, Term};
use dialoguer::theme::ColorfulTheme;
use dialoguer::theme::Theme;
use dialoguer::{Confirm, Input};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::keys::Keys;
use super::menu::{Action, Menu};
use super::{
    Intro, Kind, Prompter, Reply, ReviewReply, ReviewRow, SAFETY_NOTE, Screen, heading,
    progress_text,
};
use crate::error::{Error, Result};
use std::time::Duration;

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

/// What a window too small for the screen shows.
const TOO_SMALL: &str = "Make the window larger to go on.";

/// The smallest window a question fits in.
const MIN_ROWS: u16 = 8;
/// The narrowest window a question fits in.
const MIN_COLS: u16 = 30;

impl TerminalPrompter {
    /// Shows one of dialoguer's own prompts (a yes/no question, a line of
    /// input), first waiting for a window large enough for it; if the window
    /// shrinks below that while it is up, waits again and draws it anew.
    /// dialoguer panics in a tiny window; that is caught here. The list
    /// screens ([`TerminalPrompter::choose`]) fit themselves to the window.
    fn on_screen<T>(&mut self, mut draw: impl FnMut(&mut Self) -> Result<T>) -> Result<T> {
        loop {
            self.wait_for_room()?;
            crate::interrupt::set_drawing(true);
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(&mut *self)));
            crate::interrupt::set_drawing(false);
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
                if told {
                    // Keys pressed while nothing could be seen answer nothing.
                    super::keys::discard_typed();
                }
                return Ok(());
            }
            if !told {
                self.fresh_screen()?;
                self.line(&crate::text::wrap(TOO_SMALL, usize::from(cols), ""))?;
                self.term.flush().map_err(Error::from_prompt)?;
                told = true;
            }
            // Polling, not a signal: a resize is rare and a fifth of a second is
            // quick enough for a person dragging a window edge.
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
}

/// A screen as drawn at the window's width: lines of text (each may hold line
/// breaks, styled and wrapped), the list's prompt and its items.
struct Layout {
    lines: Vec<String>,
    prompt: String,
    items: Vec<String>,
}

/// How many lines each item takes on screen.
fn heights(items: &[String]) -> Vec<usize> {
    items.iter().map(|i| i.lines().count().max(1)).collect()
}

/// How often a waiting list looks at the window's size: quick enough for a
/// person dragging a window edge, rare enough to cost nothing.
const LOOK_AGAIN: Duration = Duration::from_millis(150);

impl TerminalPrompter {
    /// Draws `frame` and the list below it, in dialoguer's style, and lets the
    /// person pick; `None` for Esc where the menu allows going back. The whole
    /// screen is drawn anew after every key, when the window changes size and
    /// after the program is continued, so it always fits the window.
    fn choose(
        &mut self,
        progress: Option<&Screen>,
        layout: &dyn Fn(&Self) -> Layout,
        mut menu: Menu,
    ) -> Result<Option<usize>> {
        let keys = Keys::raw();
        let _cursor = HiddenCursor::new(&self.term);
        let mut hint: Option<&str> = None;
        loop {
            let size = self.term.size();
            let Layout {
                lines,
                prompt,
                items,
            } = layout(self);
            let heights = heights(&items);
            let mut prompt_text = String::new();
            if !prompt.is_empty() {
                let _ = self.theme.format_select_prompt(&mut prompt_text, &prompt);
            }
            // The heading, prompt and at least the tallest item must fit, with
            // one line kept for the page or the hint under the list, or the top
            // of the screen would scroll away: measured before anything is drawn.
            let above = usize::from(progress.is_some())
                + lines
                    .iter()
                    .map(|l| l.lines().count().max(1))
                    .sum::<usize>()
                + prompt_text.lines().count();
            let tallest = heights.iter().copied().max().unwrap_or(1);
            let rows = usize::from(size.0);
            if size.1 < MIN_COLS || rows < above + tallest + 1 {
                self.too_small(&keys, size)?;
                continue;
            }
            menu.reshape(heights);
            menu.fit(rows - above - 1);
            self.draw_frame(progress, &lines)?;
            if !prompt_text.is_empty() {
                self.line(&prompt_text)?;
            }
            let (shown, page, pages) = menu.visible();
            for i in shown {
                let mut item = String::new();
                let _ = self.theme.format_select_prompt_item(
                    &mut item,
                    &items[i],
                    menu.highlighted() == Some(i),
                );
                self.line(&item)?;
            }
            // The last line, so no line break after it: that would scroll a
            // full screen up by one.
            let status = match hint {
                Some(hint) => hint.to_string(),
                None if pages > 1 => format!("Page {} of {pages} · PgUp PgDn for more", page + 1),
                None => String::new(),
            };
            let status = console::truncate_str(&status, usize::from(size.1).saturating_sub(1), "…");
            self.term
                .write_str(&self.dim.apply_to(status).to_string())
                .map_err(Error::from_prompt)?;
            self.term.flush().map_err(Error::from_prompt)?;
            // Wait for a key, drawing anew if the window changes meanwhile.
            let mut again = false;
            while !keys.wait(LOOK_AGAIN) {
                if crate::interrupt::take_redraw() {
                    keys.resume();
                    let _ = self.term.hide_cursor();
                    again = true;
                    break;
                }
                if self.term.size() != size {
                    again = true;
                    break;
                }
            }
            if again {
                continue;
            }
            let key = self.term.read_key().map_err(Error::from_prompt)?;
            hint = None;
            match menu.press(&key) {
                Action::Picked(i) => return Ok(Some(i)),
                Action::Back => return Ok(None),
                Action::NothingHighlighted => {
                    hint = Some("Use ↑ or ↓ to pick an answer, then press Enter.");
                }
                Action::Suspend => {
                    keys.pause();
                    crate::interrupt::suspend();
                    keys.resume();
                    let _ = self.term.hide_cursor();
                }
                Action::Moved | Action::Ignored => {}
            }
        }
    }

    /// The screen does not fit the window: says so until the window changes,
    /// throwing away keys pressed meanwhile (they could not see what they answer).
    fn too_small(&self, keys: &Keys, size: (u16, u16)) -> Result<()> {
        self.fresh_screen()?;
        let message = crate::text::wrap(TOO_SMALL, usize::from(size.1), "");
        self.term.write_str(&message).map_err(Error::from_prompt)?;
        self.term.flush().map_err(Error::from_prompt)?;
        while self.term.size() == size {
            if keys.wait(LOOK_AGAIN) {
                keys.discard();
            }
        }
        keys.discard();
        Ok(())
    }

    /// Clears the screen and draws the progress bar and lines above a list.
    fn draw_frame(&self, progress: Option<&Screen>, lines: &[String]) -> Result<()> {
        self.fresh_screen()?;
        if let Some(screen) = progress {
            self.draw_progress(screen);
        }
        for line in lines {
            self.line(line)?;
        }
        Ok(())
    }
}

/// Hides the cursor while a list is up and shows it again on every way out.
struct HiddenCursor<'a>(&'a Term);

impl<'a> HiddenCursor<'a> {
    fn new(term: &'a Term) -> HiddenCursor<'a> {
        let _ = term.hide_cursor();
        HiddenCursor(term)
    }
}

impl Drop for HiddenCursor<'_> {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
        let _ = self.0.flush();
    }
}

impl Prompter for TerminalPrompter {
    fn welcome(&mut self, intro: &Intro) -> Result<bool> {
        self.welcome_once(intro)
    }

    fn ask(&mut self, screen: &Screen) -> Result<Reply> {
        self.ask_once(screen)
    }

    fn help(&mut self, lines: &[String]) -> Result<()> {
        self.help_once(lines)
    }

    fn review(&mut self, rows: &[ReviewRow], last: Option<usize>) -> Result<ReviewReply> {
        self.review_once(rows, last)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        self.select_once(prompt, items, default)
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
        let layout = |this: &Self| {
            let paragraphs: Vec<String> = intro
                .text()
                .split("\n\n")
                .map(|p| textwrap::fill(p, this.width() + 2))
                .collect();
            let lines = |paragraphs: &[&String]| {
                let mut lines = vec![this.bold.apply_to("openup").to_string(), String::new()];
                for paragraph in paragraphs {
                    lines.push(paragraph.to_string());
                    lines.push(String::new());
                }
                // The prompt's own line follows; no blank line before it.
                lines.pop();
                lines
            };
            let all: Vec<&String> = paragraphs.iter().collect();
            let mut text = lines(&all);
            // A short window keeps what openup is and where help is, and
            // leaves out the paragraph on how it goes, rather than scrolling
            // the top away.
            let tall: usize = text.iter().map(|l| l.lines().count().max(1)).sum();
            // The prompt, two answers and the line under them.
            if tall + 4 > usize::from(this.term.size().0) && paragraphs.len() > 2 {
                let first = paragraphs.first().into_iter();
                let last = paragraphs.last().into_iter();
                text = lines(&first.chain(last).collect::<Vec<_>>());
            }
            Layout {
                lines: text,
                prompt: "Ready to begin?".to_string(),
                items: vec!["Yes, begin".to_string(), "Not now".to_string()],
            }
        };
        let menu = Menu::new(vec![1, 1], Some(0)).with_shortcuts(&[('y', 0), ('n', 1)]);
        Ok(self.choose(None, &layout, menu)? == Some(0))
    }

    fn ask_once(&mut self, screen: &Screen) -> Result<Reply> {
        let skip_at = screen.item.options.len();
        let layout = |this: &Self| {
            let mut lines = vec![
                this.bold
                    .apply_to(textwrap::fill(&heading(screen), this.width() + 2))
                    .to_string(),
                this.dim
                    .apply_to(textwrap::fill(&super::key_hints(screen), this.width() + 2))
                    .to_string(),
            ];
            if screen.item.kind == Kind::Safety {
                lines.push(textwrap::fill(SAFETY_NOTE, this.width() + 2));
            }
            lines.push(String::new());
            let mut items: Vec<String> = screen
                .item
                .options
                .iter()
                .map(|(_, label)| this.wrap(label))
                .collect();
            if screen.can_skip {
                items.push(this.dim.apply_to("Skip this question").to_string());
            }
            if screen.can_go_back {
                let back = if screen.back_to_review {
                    "Back to the review"
                } else {
                    "Back to the previous question"
                };
                items.push(this.dim.apply_to(back).to_string());
            }
            Layout {
                lines,
                prompt: this.wrap(&screen.item.prompt),
                items,
            }
        };
        // A safety question starts with nothing highlighted, so that Enter
        // alone cannot answer it; a scenario starts on the earlier answer, on
        // "Skip" if it was skipped, else on the first (shuffled) option.
        let start = match screen.default {
            Some(i) => Some(i),
            None if screen.skipped && screen.can_skip => Some(skip_at),
            None if screen.item.kind == Kind::Safety => None,
            None => Some(0),
        };
        let mut menu = Menu::new(heights(&layout(self).items), start);
        if screen.can_go_back {
            menu = menu.with_back();
        }
        let picked = self.choose(Some(screen), &layout, menu)?;
        // Esc (or q) and the Back entry both go back.
        Ok(match picked {
            Some(i) if i < skip_at => Reply::Chose(i),
            Some(i) if screen.can_skip && i == skip_at => Reply::Skip,
            _ => Reply::Back,
        })
    }

    fn help_once(&mut self, lines: &[String]) -> Result<()> {
        let layout = |this: &Self| {
            let mut text = vec![
                this.bold.apply_to(super::HELP_TITLE).to_string(),
                String::new(),
                textwrap::fill(super::HELP_BODY, this.width() + 2),
            ];
            for line in lines {
                let options = textwrap::Options::new(this.width() + 2)
                    .initial_indent("  • ")
                    .subsequent_indent("    ");
                text.push(textwrap::fill(line, options));
            }
            text.push(String::new());
            text.push(textwrap::fill(super::HELP_LEAVE_TERMINAL, this.width() + 2));
            text.push(String::new());
            Layout {
                lines: text,
                prompt: String::new(),
                items: vec!["Go on with the questions".to_string()],
            }
        };
        self.choose(None, &layout, Menu::new(vec![1], Some(0)))?;
        Ok(())
    }

    fn review_once(&mut self, rows: &[ReviewRow], last: Option<usize>) -> Result<ReviewReply> {
        let layout = |this: &Self| {
            let lines = vec![
                this.bold.apply_to("Review your answers").to_string(),
                this.dim
                    .apply_to(textwrap::fill(super::REVIEW_HINT, this.width() + 2))
                    .to_string(),
                String::new(),
            ];
            let mut items = vec![this.bold.apply_to("Finish and see my report").to_string()];
            // One line per row, cut to the width, so that a page holds as many
            // rows as it can; the whole answer shows when the row is picked.
            let with_title = this.width() >= 60;
            for row in rows {
                let text = row.text(with_title);
                items.push(console::truncate_str(&text, this.width(), "…").into_owned());
            }
            Layout {
                lines,
                prompt: "Your answers".to_string(),
                items,
            }
        };
        // "Finish" stays at the top of every page.
        let menu = Menu::new(vec![1; rows.len() + 1], Some(last.map_or(0, |row| row + 1))).pin(0);
        let picked = self.choose(None, &layout, menu)?;
        Ok(match picked {
            Some(0) | None => ReviewReply::Finish,
            Some(i) => ReviewReply::Change(i - 1),
        })
    }

    fn select_once(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        let layout = |this: &Self| Layout {
            lines: Vec::new(),
            prompt: this.wrap(prompt),
            items: items.iter().map(|i| this.wrap(i)).collect(),
        };
        let menu = Menu::new(heights(&layout(self).items), Some(default));
        Ok(self.choose(None, &layout, menu)?.unwrap_or(default))
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
