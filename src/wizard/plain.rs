//! The plain prompter: numbered options as text, one answer per line. No colour,
//! no cursor movement, no redrawing, so screen readers and pipes work:
//! `printf '1\n1\n1\n1\n2\n3\n' | openup start --plain`.

use std::io::{BufRead, Write};

use super::{Intro, Kind, Prompter, Reply, ReviewReply, ReviewRow, Screen, heading, progress_text};
use crate::error::{Error, Result};

/// What the `?` key prints.
pub const HELP: &str = "Type the number of your answer and press Enter. Type b to go back to the previous question, s to skip a question (it will not count), ? for this help.";

/// Reads answers as lines from `input` and writes prompts to `output`.
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
    width: usize,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// A plain prompter over any reader and writer; text wraps at `width`.
    pub fn new(input: R, output: W, width: usize) -> PlainPrompter<R, W> {
        PlainPrompter {
            input,
            output,
            width,
        }
    }

    fn say(&mut self, text: &str) -> Result<()> {
        writeln!(self.output, "{text}")
            .and_then(|_| self.output.flush())
            .map_err(Error::from_prompt)
    }

    fn wrapped(&mut self, text: &str, indent: &str) -> Result<()> {
        let text = crate::text::wrap(text, self.width, indent);
        self.say(&text)
    }

    /// Reads one trimmed line; `None` at the end of input.
    fn read_line(&mut self, prompt: &str) -> Result<Option<String>> {
        write!(self.output, "{prompt} ")
            .and_then(|_| self.output.flush())
            .map_err(Error::from_prompt)?;
        let mut line = String::new();
        let read = self
            .input
            .read_line(&mut line)
            .map_err(Error::from_prompt)?;
        if read == 0 {
            // Keep the transcript readable when answers come from a pipe.
            self.say("")?;
            return Ok(None);
        }
        Ok(Some(line.trim().to_string()))
    }
}

/// Parses "3" into index 2 when 1 <= 3 <= count.
fn number(line: &str, count: usize) -> Option<usize> {
    line.parse::<usize>()
        .ok()
        .filter(|n| (1..=count).contains(n))
        .map(|n| n - 1)
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn welcome(&mut self, intro: &Intro) -> Result<bool> {
        // No question here: with answers piped in, the first line belongs to the first question.
        self.say("openup")?;
        for paragraph in intro.text().split("\n\n") {
            self.wrapped(paragraph, "")?;
            self.say("")?;
        }
        self.wrapped(HELP, "")?;
        Ok(true)
    }

    fn help(&mut self, lines: &[String]) -> Result<()> {
        self.say("")?;
        self.say(super::HELP_TITLE)?;
        self.wrapped(super::HELP_BODY, "")?;
        for line in lines {
            let text = crate::text::wrap_hanging(line, self.width, "  - ", "    ");
            self.say(&text)?;
        }
        self.wrapped(super::HELP_LEAVE_PLAIN, "")?;
        // No question here: with answers piped in, the next line belongs to
        // the next question.
        Ok(())
    }

    fn ask(&mut self, screen: &Screen) -> Result<Reply> {
        self.say("")?;
        let head = format!("{} ({})", heading(screen), progress_text(&screen.progress));
        self.wrapped(&head, "")?;
        if screen.item.kind == Kind::Safety && screen.number == 1 {
            self.wrapped(super::SAFETY_NOTE, "")?;
        }
        self.wrapped(&screen.item.prompt, "")?;
        let count = screen.item.options.len();
        for (n, (_, label)) in screen.item.options.iter().enumerate() {
            let marker = if screen.default == Some(n) {
                " (your answer)"
            } else {
                ""
            };
            let text = crate::text::wrap_hanging(
                &format!("{label}{marker}"),
                self.width,
                &format!("  {}. ", n + 1),
                "     ",
            );
            self.say(&text)?;
        }
        let mut keys = format!("Answer 1-{count}");
        if screen.can_skip {
            keys.push_str(", s to skip");
        }
        if screen.can_go_back {
            keys.push_str(", b to go back");
        }
        keys.push_str(", ? for help:");
        loop {
            let Some(line) = self.read_line(&keys)? else {
                return Err(Error::InputEnded {
                    safety: screen.item.kind == Kind::Safety,
                    at: heading(screen),
                });
            };
            match line.to_lowercase().as_str() {
                "s" | "skip" if screen.can_skip => return Ok(Reply::Skip),
                "s" | "skip" => self.say("Safety questions cannot be skipped; choose \"I'd rather not say\" if you prefer not to answer.")?,
                "b" | "back" if screen.can_go_back => return Ok(Reply::Back),
                "b" | "back" => self.say("This is the first question; there is nothing to go back to.")?,
                "" if screen.default.is_some() => {
                    return Ok(Reply::Chose(screen.default.unwrap_or(0)));
                }
                "?" | "h" | "help" => self.wrapped(HELP, "")?,
                other => match number(other, count) {
                    Some(i) => return Ok(Reply::Chose(i)),
                    None => self.say(&format!(
                        "Please type a number from 1 to {count}, or ? for help."
                    ))?,
                },
            }
        }
    }

    fn review(&mut self, rows: &[ReviewRow], _: Option<usize>) -> Result<ReviewReply> {
        self.say("")?;
        self.say("Review your answers")?;
        for (n, row) in rows.iter().enumerate() {
            let text = crate::text::wrap_hanging(
                &row.text(true),
                self.width,
                &format!("  {}. ", n + 1),
                "     ",
            );
            self.say(&text)?;
        }
        loop {
            let prompt = "Type a number to change that answer, or press Enter to finish:";
            match self.read_line(prompt)? {
                None => return Ok(ReviewReply::Finish),
                Some(line) if line.is_empty() || line.eq_ignore_ascii_case("f") => {
                    return Ok(ReviewReply::Finish);
                }
                Some(line) => match number(&line, rows.len()) {
                    Some(i) => return Ok(ReviewReply::Change(i)),
                    None => self.say(&format!(
                        "Please type a number from 1 to {}, or press Enter.",
                        rows.len()
                    ))?,
                },
            }
        }
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        self.wrapped(prompt, "")?;
        for (n, item) in items.iter().enumerate() {
            self.say(&format!("  {}. {item}", n + 1))?;
        }
        loop {
            match self.read_line(&format!(
                "Answer 1-{} (Enter for {}):",
                items.len(),
                default + 1
            ))? {
                None => return Ok(default),
                Some(line) if line.is_empty() => return Ok(default),
                Some(line) => match number(&line, items.len()) {
                    Some(i) => return Ok(i),
                    None => {
                        self.say(&format!("Please type a number from 1 to {}.", items.len()))?
                    }
                },
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        let hint = if default { "[Y/n]" } else { "[y/N]" };
        loop {
            match self.read_line(&format!("{prompt} {hint}"))? {
                None => return Ok(default),
                Some(line) => match line.to_lowercase().as_str() {
                    "" => return Ok(default),
                    "y" | "yes" => return Ok(true),
                    "n" | "no" => return Ok(false),
                    _ => self.say("Please type y or n.")?,
                },
            }
        }
    }

    fn input(&mut self, prompt: &str, default: &str) -> Result<String> {
        match self.read_line(&format!("{prompt} [{default}]"))? {
            Some(line) if !line.is_empty() => Ok(line),
            _ => Ok(default.to_string()),
        }
    }

    fn done(&mut self) -> Result<()> {
        self.say("")
    }
}
