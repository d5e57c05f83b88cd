//! A prompter that replays a script, for tests of the wizard's flow.

use std::collections::VecDeque;

use super::{Intro, Prompter, Reply, ReviewReply, ReviewRow, Screen};
use crate::error::{Error, Result};

/// One scripted reaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Answer the intro.
    Begin(bool),
    /// Reply to a question.
    Answer(Reply),
    /// Reply to the review screen.
    Review(ReviewReply),
    /// Pick an item of a select.
    Select(usize),
    /// Answer a yes/no question.
    Confirm(bool),
    /// Type a line (an empty line keeps the default).
    Input(String),
}

/// Replays steps in order and records what it was shown. When the script runs
/// out, it acts as if the person pressed Ctrl-C.
#[derive(Debug, Default)]
pub struct ScriptedPrompter {
    steps: VecDeque<Step>,
    /// What each question screen showed: (question id, preselected option id).
    pub asked: Vec<(String, Option<String>)>,
    /// For each question screen: (skipped before, so "skip" is preselected;
    /// "back" returns to the review).
    pub marks: Vec<(bool, bool)>,
    /// The review screens shown.
    pub reviews: Vec<Vec<ReviewRow>>,
    /// Progress seen on each question screen: (answered, skipped, remaining).
    pub progress: Vec<(usize, usize, usize)>,
    /// How many help screens were shown, and after how many question screens.
    pub help_after: Vec<usize>,
}

impl ScriptedPrompter {
    /// A prompter that will take these steps.
    pub fn new(steps: impl IntoIterator<Item = Step>) -> ScriptedPrompter {
        ScriptedPrompter {
            steps: steps.into_iter().collect(),
            ..ScriptedPrompter::default()
        }
    }

    /// Steps not taken yet.
    pub fn remaining(&self) -> usize {
        self.steps.len()
    }

    /// The next step; a script that ends early stands for a person pressing Ctrl-C.
    fn next(&mut self) -> Result<Step> {
        self.steps.pop_front().ok_or(Error::Interrupted)
    }

    fn mismatch(expected: &str, got: &Step) -> Error {
        Error::Terminal(format!("script expected a {expected} step, found {got:?}"))
    }
}

impl Prompter for ScriptedPrompter {
    fn welcome(&mut self, _: &Intro) -> Result<bool> {
        match self.next()? {
            Step::Begin(go) => Ok(go),
            other => Err(Self::mismatch("begin", &other)),
        }
    }

    fn ask(&mut self, screen: &Screen) -> Result<Reply> {
        let default = screen.default.map(|i| screen.item.options[i].0.clone());
        self.asked.push((screen.item.id.clone(), default));
        self.marks.push((screen.skipped, screen.back_to_review));
        let p = screen.progress;
        self.progress.push((p.answered, p.skipped, p.remaining()));
        match self.next()? {
            Step::Answer(reply) => Ok(reply),
            other => Err(Self::mismatch("answer", &other)),
        }
    }

    fn help(&mut self, _: &[String]) -> Result<()> {
        // The help screen waits for Enter only: no step of the script is used.
        self.help_after.push(self.asked.len());
        Ok(())
    }

    fn review(&mut self, rows: &[ReviewRow], _: Option<usize>) -> Result<ReviewReply> {
        self.reviews.push(rows.to_vec());
        match self.next()? {
            Step::Review(reply) => Ok(reply),
            other => Err(Self::mismatch("review", &other)),
        }
    }

    fn select(&mut self, _: &str, _: &[String], _: usize) -> Result<usize> {
        match self.next()? {
            Step::Select(i) => Ok(i),
            other => Err(Self::mismatch("select", &other)),
        }
    }

    fn confirm(&mut self, _: &str, _: bool) -> Result<bool> {
        match self.next()? {
            Step::Confirm(yes) => Ok(yes),
            other => Err(Self::mismatch("confirm", &other)),
        }
    }

    fn input(&mut self, _: &str, default: &str) -> Result<String> {
        match self.next()? {
            Step::Input(text) if text.is_empty() => Ok(default.to_string()),
            Step::Input(text) => Ok(text),
            other => Err(Self::mismatch("input", &other)),
        }
    }

    fn done(&mut self) -> Result<()> {
        Ok(())
    }
}
