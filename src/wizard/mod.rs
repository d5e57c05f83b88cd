//! The wizard: the order of questions, back, skip and review, independent of
//! how they are shown. It talks to the person only through a [`Prompter`]:
//! [`TerminalPrompter`] draws dialoguer prompts, [`PlainPrompter`] reads
//! numbered lines (screen readers, pipes), [`ScriptedPrompter`] replays replies
//! in tests.

mod keys;
mod menu;
mod plain;
mod scripted;
mod terminal;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::error::Result;
use crate::score::{Answers, Mode};

pub use plain::PlainPrompter;
pub use scripted::{ScriptedPrompter, Step};
pub use terminal::TerminalPrompter;

/// Roughly how long one question takes, for the intro's estimate.
pub const SECONDS_PER_QUESTION: usize = 20;

/// Whether a question is part of the safety screen or a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Asked first; never scored; cannot be skipped (it has "prefer not to say").
    Safety,
    /// Scored against the tips; can be skipped.
    Scenario,
}

/// One question as the wizard shows it, options in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The question's id.
    pub id: String,
    /// Safety or scenario.
    pub kind: Kind,
    /// A short title.
    pub title: String,
    /// The full prompt.
    pub prompt: String,
    /// (option id, label) in the order shown.
    pub options: Vec<(String, String)>,
    /// The options after which the help screen comes, the first time one is
    /// chosen: a safety answer that raises a concern, or "I'd rather not say".
    pub alerts: Vec<String>,
}

/// The questions of one run, in order: the safety screen, then the scenarios.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Every question to ask.
    pub items: Vec<Item>,
    /// Which scenario questions.
    pub mode: Mode,
    /// Where to find help, as sentences, for the help screen.
    pub help: Vec<String>,
    /// Where to find help, in one line, for the end of the intro.
    pub help_line: String,
    /// Whether a draft keeps the scenario answers if the person stops.
    pub keeps_draft: bool,
}

impl Plan {
    /// Lays out the questions of `mode`. Scenario options are shuffled with
    /// `seed` so that their position cannot bias answers; the same seed gives
    /// the same order. Safety options keep the bank's order.
    pub fn new(bank: &Bank, mode: Mode, seed: u64) -> Plan {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut items: Vec<Item> = bank
            .safety
            .iter()
            .enumerate()
            .map(|(n, q)| Item {
                id: q.id.clone(),
                kind: Kind::Safety,
                title: format!("Safety check {}", n + 1),
                prompt: q.prompt.clone(),
                options: q
                    .options
                    .iter()
                    .map(|o| (o.id.clone(), o.label.clone()))
                    .collect(),
                alerts: q
                    .options
                    .iter()
                    .filter(|o| o.concern || o.id == crate::score::PREFER_NOT_TO_SAY)
                    .map(|o| o.id.clone())
                    .collect(),
            })
            .collect();
        for q in mode.questions(bank) {
            let mut options: Vec<(String, String)> = q
                .options
                .iter()
                .map(|o| (o.id.clone(), o.label.clone()))
                .collect();
            rng.shuffle(&mut options);
            items.push(Item {
                id: q.id.clone(),
                kind: Kind::Scenario,
                title: q.short_title().to_string(),
                prompt: q.prompt.clone(),
                options,
                alerts: Vec::new(),
            });
        }
        Plan {
            items,
            mode,
            help: Vec::new(),
            help_line: String::new(),
            keeps_draft: false,
        }
        .with_region(bank, None)
    }

    /// The plan with the help lines of `region` (the fallback for everyone
    /// else when none is known).
    pub fn with_region(mut self, bank: &Bank, region: Option<&str>) -> Plan {
        if let Some(help) = bank.help(region) {
            self.help = help.sentences();
            self.help_line = help.one_line();
        }
        self
    }

    /// How many scenario questions.
    pub fn scenario_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.kind == Kind::Scenario)
            .count()
    }

    /// How many safety questions.
    pub fn safety_count(&self) -> usize {
        self.items.len() - self.scenario_count()
    }

    /// 1-based number of item `index` among the items of its kind.
    fn number_within_kind(&self, index: usize) -> (usize, usize) {
        let kind = self.items[index].kind;
        let number = self.items[..=index]
            .iter()
            .filter(|i| i.kind == kind)
            .count();
        let of = self.items.iter().filter(|i| i.kind == kind).count();
        (number, of)
    }
}

/// Where a person is: their answers so far and the question they are on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Question id to option id.
    #[serde(deserialize_with = "crate::text::on_read::map")]
    pub answers: Answers,
    /// Questions skipped on purpose.
    pub skipped: BTreeSet<String>,
    /// Index into the plan's items of the next question to ask.
    pub position: usize,
}

/// How far along the person is; stays right through back and review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Questions answered.
    pub answered: usize,
    /// Questions skipped.
    pub skipped: usize,
    /// All questions, safety included.
    pub total: usize,
}

impl Progress {
    fn of(plan: &Plan, state: &State) -> Progress {
        let answered = plan
            .items
            .iter()
            .filter(|i| state.answers.contains_key(&i.id))
            .count();
        let skipped = plan
            .items
            .iter()
            .filter(|i| state.skipped.contains(&i.id))
            .count();
        Progress {
            answered,
            skipped,
            total: plan.items.len(),
        }
    }

    /// Questions neither answered nor skipped.
    pub fn remaining(&self) -> usize {
        self.total.saturating_sub(self.answered + self.skipped)
    }
}

/// One question on screen.
#[derive(Debug, Clone, Copy)]
pub struct Screen<'a> {
    /// The question.
    pub item: &'a Item,
    /// Its number among questions of its kind, 1-based.
    pub number: usize,
    /// How many questions of its kind.
    pub of: usize,
    /// The option to preselect: the earlier answer, if any.
    pub default: Option<usize>,
    /// Whether the question was skipped before: "skip" is then preselected.
    pub skipped: bool,
    /// Whether "skip" is offered (scenarios only).
    pub can_skip: bool,
    /// Whether "back" goes anywhere.
    pub can_go_back: bool,
    /// Whether "back" returns to the review (the question was picked there)
    /// rather than to the previous question.
    pub back_to_review: bool,
    /// Counts for the progress bar.
    pub progress: Progress,
    /// Whether stopping keeps the scenario answers so far (a draft).
    pub keeps_draft: bool,
}

/// What the person did on a question screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// Chose the option at this display index.
    Chose(usize),
    /// Skipped the question.
    Skip,
    /// Went back (Esc, or `b` in plain mode).
    Back,
}

/// One line of the review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    /// Numbered as on the question screens: "Safety check 1", "Q3".
    pub number: String,
    /// The scenario's title; empty for safety questions.
    pub title: String,
    /// The chosen label, or none when skipped.
    pub answer: Option<String>,
}

impl ReviewRow {
    /// "Q3 · Title: answer", or without the title where the screen is narrow,
    /// since the answer is what the person reviews.
    pub fn text(&self, with_title: bool) -> String {
        let answer = self.answer.as_deref().unwrap_or("(skipped)");
        if with_title && !self.title.is_empty() {
            format!("{} · {}: {answer}", self.number, self.title)
        } else {
            format!("{}: {answer}", self.number)
        }
    }
}

/// What the person did on the review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewReply {
    /// Change the answer at this row.
    Change(usize),
    /// Done: show the report.
    Finish,
}

/// What the intro says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intro {
    /// Scenario questions to come.
    pub questions: usize,
    /// Safety questions first.
    pub safety: usize,
    /// About how many minutes.
    pub minutes: usize,
    /// Whether it is the quick check.
    pub quick: bool,
    /// Where to find help, in one line, for everyone.
    pub help: String,
}

impl Intro {
    /// The intro for a plan.
    pub fn of(plan: &Plan) -> Intro {
        let questions = plan.scenario_count();
        Intro {
            questions,
            safety: plan.safety_count(),
            minutes: minutes_for(questions + plan.safety_count()).max(1),
            quick: plan.mode == Mode::Quick,
            help: plan.help_line.clone(),
        }
    }

    /// The intro's text, shared by every prompter so they say the same thing.
    pub fn text(&self) -> String {
        let what = if self.quick { "a quick check of " } else { "" };
        format!(
            "openup helps you reflect on how you respond when your partner finds it hard to open up. \
             It is built on the ten tips of Isabelle Chase's article on the subject. \
             It is not therapy and not a diagnosis of you or your partner.\n\n\
             First {} short safety questions, then {what}{} everyday situations. Every answer is something a caring \
             person might do, and each gives something up, so none is the right one: pick what you would most likely do, \
             not what sounds best. You can go back or skip. It takes about {} minutes. \
             Your answers stay on this computer.\n\n{}",
            self.safety, self.questions, self.minutes, self.help
        )
    }
}

/// The small set of interactions the wizard needs from a terminal or a script.
pub trait Prompter {
    /// Shows the intro; true to begin.
    fn welcome(&mut self, intro: &Intro) -> Result<bool>;
    /// Asks one question.
    fn ask(&mut self, screen: &Screen) -> Result<Reply>;
    /// Shows where to find help, calmly, and waits until the person goes on.
    fn help(&mut self, lines: &[String]) -> Result<()>;
    /// Shows every question with its answer; the person picks one to change or
    /// finishes. `last` is the row changed just before, to keep the place.
    fn review(&mut self, rows: &[ReviewRow], last: Option<usize>) -> Result<ReviewReply>;
    /// Picks one of `items`.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool>;
    /// A line of text, with a default the person can edit.
    fn input(&mut self, prompt: &str, default: &str) -> Result<String>;
    /// Tidies the screen before the report is printed.
    fn done(&mut self) -> Result<()>;
}

/// Receives the state after every change, so a draft can be written.
pub trait Checkpoint {
    /// Called after every answer, skip and change.
    fn save(&mut self, state: &State) -> Result<()>;
}

/// A checkpoint that keeps nothing.
pub struct NoCheckpoint;

impl Checkpoint for NoCheckpoint {
    fn save(&mut self, _: &State) -> Result<()> {
        Ok(())
    }
}

/// Asks every question from `state.position` on, then shows the review until
/// the person finishes. Returns the final state.
pub fn ask_all(
    prompter: &mut dyn Prompter,
    plan: &Plan,
    mut state: State,
    checkpoint: &mut dyn Checkpoint,
) -> Result<State> {
    state.position = state.position.min(plan.items.len());
    // Safety answers are never kept in a draft, so a resumed run asks them
    // again first, then goes on where it stopped.
    let safety = plan.safety_count();
    let unanswered_safety = plan.items[..safety]
        .iter()
        .any(|i| !state.answers.contains_key(&i.id));
    let mut resume_at = (unanswered_safety && state.position > safety).then_some(state.position);
    if resume_at.is_some() {
        state.position = 0;
    }
    let mut help_shown = false;
    let mut last_changed = None;
    loop {
        while state.position < plan.items.len() {
            let index = state.position;
            let before = state.clone();
            match ask_one(prompter, plan, &mut state, index, false)? {
                Move::Back => state.position = index.saturating_sub(1),
                Move::Forward => state.position = index + 1,
                Move::Stay => {}
            }
            // Right after the first answer that raises a concern, or declines
            // to say, help comes at once: someone who stops early sees it too.
            let item = &plan.items[index];
            let chosen = state.answers.get(&item.id);
            if !help_shown && chosen.is_some_and(|c| item.alerts.contains(c)) {
                help_shown = true;
                prompter.help(&plan.help)?;
            }
            if state.position == safety
                && let Some(at) = resume_at.take()
            {
                state.position = at;
            }
            // Only a change is written: Esc on the first question is not a draft.
            if state != before {
                checkpoint.save(&state)?;
            }
        }
        let rows = review_rows(plan, &state);
        match prompter.review(&rows, last_changed)? {
            ReviewReply::Finish => return Ok(state),
            ReviewReply::Change(row) if row < plan.items.len() => {
                last_changed = Some(row);
                // Back from a changed question returns to the review unchanged.
                ask_one(prompter, plan, &mut state, row, true)?;
                let item = &plan.items[row];
                let chosen = state.answers.get(&item.id);
                if !help_shown && chosen.is_some_and(|c| item.alerts.contains(c)) {
                    help_shown = true;
                    prompter.help(&plan.help)?;
                }
                checkpoint.save(&state)?;
            }
            ReviewReply::Change(_) => {}
        }
    }
}

/// Where the wizard goes after a reply.
enum Move {
    Forward,
    Back,
    /// The reply was not allowed here (skip on a safety question, an index out
    /// of range): ask again.
    Stay,
}

/// Asks item `index` and records the reply in `state`; `from_review` when
/// the person picked it on the review screen, where "back" then returns.
fn ask_one(
    prompter: &mut dyn Prompter,
    plan: &Plan,
    state: &mut State,
    index: usize,
    from_review: bool,
) -> Result<Move> {
    let item = &plan.items[index];
    let (number, of) = plan.number_within_kind(index);
    let default = state
        .answers
        .get(&item.id)
        .and_then(|chosen| item.options.iter().position(|(id, _)| id == chosen));
    let screen = Screen {
        item,
        number,
        of,
        default,
        skipped: state.skipped.contains(&item.id),
        can_skip: item.kind == Kind::Scenario,
        can_go_back: index > 0 || from_review,
        back_to_review: from_review,
        progress: Progress::of(plan, state),
        keeps_draft: plan.keeps_draft,
    };
    Ok(match prompter.ask(&screen)? {
        Reply::Chose(choice) => match item.options.get(choice) {
            Some((id, _)) => {
                state.answers.insert(item.id.clone(), id.clone());
                state.skipped.remove(&item.id);
                Move::Forward
            }
            None => Move::Stay,
        },
        Reply::Skip if screen.can_skip => {
            state.answers.remove(&item.id);
            state.skipped.insert(item.id.clone());
            Move::Forward
        }
        Reply::Skip => Move::Stay,
        Reply::Back => Move::Back,
    })
}

/// The review screen's rows, one per question in plan order.
pub fn review_rows(plan: &Plan, state: &State) -> Vec<ReviewRow> {
    plan.items
        .iter()
        .enumerate()
        .map(|(index, item)| ReviewRow {
            // Numbered as on the question screens, not by place in the list.
            number: match item.kind {
                Kind::Safety => item.title.clone(),
                Kind::Scenario => format!("Q{}", plan.number_within_kind(index).0),
            },
            title: match item.kind {
                Kind::Safety => String::new(),
                Kind::Scenario => item.title.clone(),
            },
            answer: state
                .answers
                .get(&item.id)
                .and_then(|chosen| item.options.iter().find(|(id, _)| id == chosen))
                .map(|(_, label)| label.clone()),
        })
        .collect()
}

/// The text for a progress line: "12 answered · 1 skipped · 27 to go".
pub fn progress_text(progress: &Progress) -> String {
    let left = progress.remaining();
    let time = match minutes_for(left) {
        0 => String::new(),
        1 => " · about a minute left".to_string(),
        n => format!(" · about {n} min left"),
    };
    format!(
        "{} answered · {} skipped · {left} to go{time}",
        progress.answered, progress.skipped,
    )
}

/// About how many minutes `questions` take, rounded up: an estimate from the
/// questions to go, not a stopwatch.
pub fn minutes_for(questions: usize) -> usize {
    (questions * SECONDS_PER_QUESTION).div_ceil(60)
}

/// The help screen's heading.
pub const HELP_TITLE: &str = "Help is there if you need it";
/// What the help screen says before the lines.
pub const HELP_BODY: &str = "Thank you for answering. Whatever is happening, you deserve to be safe, and people are there to help, free and in confidence:";
/// How to leave, in a terminal (the screen clears).
pub const HELP_LEAVE_TERMINAL: &str = "You can stop at any moment: Ctrl-C leaves openup at once and clears the screen. Nothing about your safety is kept unless you choose to save a result at the end. The questions go on when you are ready.";
/// How to leave, in plain mode.
pub const HELP_LEAVE_PLAIN: &str = "You can stop at any moment with Ctrl-C. Nothing about your safety is kept unless you choose to save a result at the end. The questions go on when you are ready.";

/// What a safety question screen says under its heading.
pub const SAFETY_NOTE: &str = "These first questions are about your safety. They are never scored; they make sure openup does not suggest anything that could keep you in harm's way.";

/// The key hints of a question screen, the same in every prompter that draws
/// them: how to choose (a safety question starts with nothing selected, so
/// Enter alone does nothing there), back, and what Ctrl-C does.
pub fn key_hints(screen: &Screen) -> String {
    let mut keys = if screen.item.kind == Kind::Safety {
        "↑↓ pick an answer, then Enter".to_string()
    } else {
        "↑↓ move · Enter choose".to_string()
    };
    if screen.back_to_review {
        keys.push_str(" · Esc back to the review");
    } else if screen.can_go_back {
        keys.push_str(" · Esc back");
    }
    keys.push_str(match (screen.item.kind, screen.keeps_draft) {
        // Safety answers are never written down, draft or not.
        (Kind::Safety, _) => " · Ctrl-C stop (safety answers are never kept)",
        (Kind::Scenario, true) => " · Ctrl-C stop (answers so far kept)",
        (Kind::Scenario, false) => " · Ctrl-C stop",
    });
    keys
}

/// The keys of the review screen, under its title.
pub const REVIEW_HINT: &str = "Pick a question to change its answer, or finish. ↑↓ move · PgUp PgDn page · Home back to Finish · Enter choose";

/// The heading of a question screen: "Safety check 1 of 4" or "Question 3 of 38".
pub fn heading(screen: &Screen) -> String {
    match screen.item.kind {
        Kind::Safety => format!("Safety check {} of {}", screen.number, screen.of),
        Kind::Scenario => format!(
            "Question {} of {} · {}",
            screen.number, screen.of, screen.item.title
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_says_about_how_many_minutes_are_left() {
        let p = |answered, remaining| Progress {
            answered,
            skipped: 0,
            total: answered + remaining,
        };
        assert_eq!(
            progress_text(&p(5, 11)),
            "5 answered · 0 skipped · 11 to go · about 4 min left"
        );
        assert_eq!(
            progress_text(&p(13, 2)),
            "13 answered · 0 skipped · 2 to go · about a minute left"
        );
        assert_eq!(
            progress_text(&p(16, 0)),
            "16 answered · 0 skipped · 0 to go"
        );
    }
}
