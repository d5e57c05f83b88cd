//! The plain prompter: numbered options as text, one answer per line. No colour,
//! no cursor movement, no redrawing, so screen readers and pipes work:
//! `printf '1\n1\n1\n1\n2\n3\n' | openup start --plain`.

use std::io::{BufRead, Write};

use super::{Intro, Kind, Prompter, Reply, ReviewReply, ReviewRow, Screen, heading, progress_text};
use crate::error::{Error, Result};

/// What the `?` key prints.
pub const HELP: &str = "Type the number of your answer and press Enter. Type b to go back to the previous question, s to skip a question (it will not count), ? for this help.";

/// The longest line read, in bytes. No answer comes near it; a longer line is
/// not an answer, and reading it whole could take all memory (`< /dev/zero`).
pub const MAX_LINE: usize = 4096;

/// Reads answers as lines from `input` and writes prompts to `output`.
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
    width: usize,
    /// Whether a person types the lines (standard input is a terminal).
    interactive: bool,
    /// Lines read so far, to name a line that is no answer.
    lines: usize,
}

/// One line as read, before it is decoded.
enum Raw {
    /// The input ended.
    End,
    /// A line, without its newline.
    Line(Vec<u8>),
    /// A line longer than [`MAX_LINE`].
    TooLong,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// A plain prompter over any reader and writer; text wraps at `width`.
    /// It reads as from a pipe: a line that answers nothing stops with an
    /// error naming it; see [`PlainPrompter::interactive`].
    pub fn new(input: R, output: W, width: usize) -> PlainPrompter<R, W> {
        PlainPrompter {
            input,
            output,
            width,
            interactive: false,
            lines: 0,
        }
    }

    /// Whether a person types the answers (standard input is a terminal): then a
    /// line that answers nothing is asked again, and Ctrl-D is told apart from
    /// a pipe that ended.
    pub fn interactive(mut self, interactive: bool) -> PlainPrompter<R, W> {
        self.interactive = interactive;
        self
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

    /// Reads one line of at most [`MAX_LINE`] bytes, never holding more. From a
    /// pipe it stops reading at the limit; on a terminal it drops the rest of
    /// the line, so the next line is read afresh.
    fn read_raw(&mut self) -> Result<Raw> {
        let mut line = Vec::new();
        let mut too_long = false;
        let mut any = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(Error::from_prompt(err)),
            };
            if available.is_empty() {
                break;
            }
            any = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let end = newline.unwrap_or(available.len());
            if !too_long {
                if line.len() + end > MAX_LINE {
                    too_long = true;
                } else {
                    line.extend_from_slice(&available[..end]);
                }
            }
            self.input.consume(newline.map_or(end, |n| n + 1));
            if newline.is_some() || (too_long && !self.interactive) {
                break;
            }
        }
        if !any {
            return Ok(Raw::End);
        }
        self.lines += 1;
        Ok(if too_long {
            Raw::TooLong
        } else {
            Raw::Line(line)
        })
    }

    /// Writes `prompt` and reads one trimmed line; `None` at the end of input.
    /// `at` and `expected` name the question and its answers for an error.
    fn read_line(&mut self, prompt: &str, at: &str, expected: &str) -> Result<Option<String>> {
        loop {
            write!(self.output, "{prompt} ")
                .and_then(|_| self.output.flush())
                .map_err(Error::from_prompt)?;
            match self.read_raw()? {
                Raw::End => {
                    // Keep the transcript readable when answers come from a pipe.
                    self.say("")?;
                    return Ok(None);
                }
                Raw::TooLong if self.interactive => self.say(&format!(
                    "That line is longer than {MAX_LINE} bytes, so it was ignored."
                ))?,
                Raw::TooLong => {
                    self.say("")?;
                    return Err(Error::InputLineTooLong {
                        line: self.lines,
                        limit: MAX_LINE,
                        at: at.to_string(),
                    });
                }
                Raw::Line(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => return Ok(Some(text.trim().to_string())),
                    Err(err) => {
                        let text = String::from_utf8_lossy(err.as_bytes()).trim().to_string();
                        self.reject(
                            &text,
                            at,
                            &format!("it is not UTF-8 text; {expected}"),
                            "That line is not text openup can read (UTF-8).",
                        )?;
                    }
                },
            }
        }
    }

    /// A line that answers nothing. On a terminal it says `say`, and the caller
    /// asks again; from a pipe asking again would make the next line this
    /// answer and shift every later one, so it is an error naming the line.
    fn reject(&mut self, text: &str, at: &str, expected: &str, say: &str) -> Result<()> {
        if self.interactive {
            return self.say(say);
        }
        // End the prompt's line before the error is printed.
        self.say("")?;
        const SHOWN: usize = 40;
        let mut shown: String = text.chars().take(SHOWN).collect();
        if text.chars().nth(SHOWN).is_some() {
            shown.push('…');
        }
        Err(Error::BadInputLine {
            line: self.lines,
            text: shown,
            at: at.to_string(),
            expected: expected.to_string(),
        })
    }

    /// The review's heading and every row.
    fn list(&mut self, rows: &[ReviewRow]) -> Result<()> {
        self.say("Review your answers")?;
        for (i, row) in rows.iter().enumerate() {
            self.say_row(i, row)?;
        }
        Ok(())
    }

    /// A review row as "  5. Title: answer": one number, the one to type.
    fn say_row(&mut self, index: usize, row: &ReviewRow) -> Result<()> {
        // The row's own number ("Q1", "Safety check 1") would be a second number.
        let name = if row.title.is_empty() {
            "Safety check"
        } else {
            row.title.as_str()
        };
        let answer = row.answer.as_deref().unwrap_or("(skipped)");
        let first = format!("  {}. ", index + 1);
        let rest = " ".repeat(first.chars().count());
        let text =
            crate::text::wrap_hanging(&format!("{name}: {answer}"), self.width, &first, &rest);
        self.say(&text)
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
        if screen.skipped {
            self.say("You skipped this question before.")?;
        }
        let mut keys = format!("Answer 1-{count}");
        let mut expected = format!("type a number from 1 to {count}");
        if screen.can_skip {
            keys.push_str(", s to skip");
            expected.push_str(", s to skip");
        }
        if screen.back_to_review {
            keys.push_str(", b to go back to the review");
            expected.push_str(", b to go back to the review");
        } else if screen.can_go_back {
            keys.push_str(", b to go back");
            expected.push_str(", b to go back");
        }
        keys.push_str(", ? for help:");
        expected.push_str(" or ? for help");
        let at = heading(screen);
        loop {
            let Some(line) = self.read_line(&keys, &at, &expected)? else {
                let safety = screen.item.kind == Kind::Safety;
                return Err(if self.interactive {
                    Error::InputClosed { safety, at }
                } else {
                    Error::InputEnded { safety, at }
                });
            };
            match line.to_lowercase().as_str() {
                "s" | "skip" if screen.can_skip => return Ok(Reply::Skip),
                "s" | "skip" => self.reject(
                    &line,
                    &at,
                    "safety questions cannot be skipped; choose \"I'd rather not say\" if you prefer not to answer",
                    "Safety questions cannot be skipped; choose \"I'd rather not say\" if you prefer not to answer.",
                )?,
                "b" | "back" if screen.can_go_back => return Ok(Reply::Back),
                "b" | "back" => self.reject(
                    &line,
                    &at,
                    "this is the first question, so there is nothing to go back to",
                    "This is the first question; there is nothing to go back to.",
                )?,
                "" if screen.default.is_some() => {
                    return Ok(Reply::Chose(screen.default.unwrap_or(0)));
                }
                // Asking for help is not a wrong answer: the next line answers.
                "?" | "h" | "help" => self.wrapped(HELP, "")?,
                other => match number(other, count) {
                    Some(i) => return Ok(Reply::Chose(i)),
                    None => self.reject(
                        &line,
                        &at,
                        &expected,
                        &format!("Please type a number from 1 to {count}, or ? for help."),
                    )?,
                },
            }
        }
    }

    fn review(&mut self, rows: &[ReviewRow], last: Option<usize>) -> Result<ReviewReply> {
        // The whole list once; after a change only the changed row, so a screen
        // reader does not read every answer again.
        self.say("")?;
        match last.and_then(|i| rows.get(i).map(|row| (i, row))) {
            Some((i, row)) => self.say_row(i, row)?,
            None => self.list(rows)?,
        }
        let count = rows.len();
        let prompt =
            "Type a number to change that answer, l to list the answers, or press Enter to finish:";
        let expected = format!(
            "type a number from 1 to {count}, l to list the answers, or an empty line to finish"
        );
        loop {
            let line = match self.read_line(prompt, "the review", &expected)? {
                None => return Ok(ReviewReply::Finish),
                Some(line) => line,
            };
            match line.to_lowercase().as_str() {
                "" | "f" => return Ok(ReviewReply::Finish),
                "l" | "list" => self.list(rows)?,
                "?" | "h" | "help" => self.wrapped(&format!("{}.", crate::text::capitalise(&expected)), "")?,
                other => match number(other, count) {
                    Some(i) => return Ok(ReviewReply::Change(i)),
                    None => self.reject(
                        &line,
                        "the review",
                        &expected,
                        &format!("Please type a number from 1 to {count}, l to list the answers, or press Enter."),
                    )?,
                },
            }
        }
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        self.wrapped(prompt, "")?;
        for (n, item) in items.iter().enumerate() {
            self.say(&format!("  {}. {item}", n + 1))?;
        }
        let count = items.len();
        let expected = format!(
            "type a number from 1 to {count}, or an empty line for {}",
            default + 1
        );
        loop {
            match self.read_line(
                &format!("Answer 1-{count} (Enter for {}):", default + 1),
                &format!("\"{prompt}\""),
                &expected,
            )? {
                None => return Ok(default),
                Some(line) if line.is_empty() => return Ok(default),
                Some(line) => match number(&line, count) {
                    Some(i) => return Ok(i),
                    None => self.reject(
                        &line,
                        &format!("\"{prompt}\""),
                        &expected,
                        &format!("Please type a number from 1 to {count}."),
                    )?,
                },
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        let hint = if default { "[Y/n]" } else { "[y/N]" };
        let at = format!("\"{prompt}\"");
        let expected = format!(
            "type y or n, or an empty line for {}",
            if default { "yes" } else { "no" }
        );
        loop {
            match self.read_line(&format!("{prompt} {hint}"), &at, &expected)? {
                // Input that ended gave no answer: nothing is agreed to (no
                // result is saved on an answer nobody typed).
                None => return Ok(false),
                Some(line) => match line.to_lowercase().as_str() {
                    "" => return Ok(default),
                    "y" | "yes" => return Ok(true),
                    "n" | "no" => return Ok(false),
                    _ => self.reject(&line, &at, &expected, "Please type y or n.")?,
                },
            }
        }
    }

    fn input(&mut self, prompt: &str, default: &str) -> Result<String> {
        let at = format!("\"{prompt}\"");
        match self.read_line(
            &format!("{prompt} [{default}]"),
            &at,
            "a line of text, or an empty line for the default",
        )? {
            Some(line) if !line.is_empty() => Ok(line),
            _ => Ok(default.to_string()),
        }
    }

    fn done(&mut self) -> Result<()> {
        self.say("")
    }
}
