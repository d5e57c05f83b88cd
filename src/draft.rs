//! The draft: an unfinished assessment, written after every answer so that
//! Ctrl-C, a closed terminal or a crash loses nothing. It holds the scenario
//! answers only: safety answers never reach the disk unless the person saves a
//! result after being told it records them, so a resumed run asks them again.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::error::Result;
use crate::json::parse_json;
use crate::saved::BankRef;
use crate::score::Mode;
use crate::store::{Replace, read_limited, remove_if_present, write_private};
use crate::wizard::{Checkpoint, State};

/// Said on an interruption once a draft holds the answers: where they are,
/// that the safety answers are not among them, and how to remove them.
pub fn kept_note(path: &std::path::Path) -> String {
    format!(
        "Stopped. Your answers to the scenario questions so far are kept in {} (your safety answers are not kept). Run openup again to go on, or `openup forget` to remove them.",
        path.display()
    )
}

/// Said on an interruption when nothing is on disk.
pub const NOTHING_KEPT: &str = "Stopped. Nothing was kept.";

/// The answers a draft may keep: every answer but the safety ones.
pub fn without_safety(state: &State, bank: &Bank) -> State {
    let mut state = state.clone();
    state
        .answers
        .retain(|question, _| bank.safety_question(question).is_none());
    state
        .skipped
        .retain(|question| bank.safety_question(question).is_none());
    state
}

/// The draft format's version.
pub const DRAFT_VERSION: u32 = 1;

/// An unfinished assessment on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The format's version.
    pub draft_version: u32,
    /// The bank the answers belong to.
    pub bank: BankRef,
    /// Full or quick.
    pub mode: Mode,
    /// The option order's seed, so the resumed questions look the same.
    pub seed: u64,
    /// When it was last written.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub updated: String,
    /// Answers, skips and position.
    pub state: State,
}

/// What was found where a draft is kept.
#[derive(Debug)]
pub enum Found {
    /// No draft.
    None,
    /// A draft that fits the bank in use.
    Usable(Draft),
    /// A draft that cannot be resumed, and why.
    Unusable(String),
}

/// Looks for a draft at `path` and checks it against `bank`.
pub fn find(path: &std::path::Path, bank: &Bank) -> Found {
    match std::fs::symlink_metadata(path) {
        Err(_) => return Found::None,
        // A FIFO, a device or a link would hang or mislead the read: openup
        // only ever writes a regular file here.
        Ok(meta) if !meta.is_file() => {
            return Found::Unusable(format!(
                "{} is not a regular file, so openup does not read it as a draft.",
                path.display()
            ));
        }
        Ok(_) => {}
    }
    let draft = read_limited(path, 1024 * 1024, "a draft")
        .ok()
        .and_then(|bytes| parse_json::<Draft>(&bytes).ok());
    match draft {
        None => Found::Unusable(format!(
            "An unfinished assessment was found at {}, but it is damaged and cannot be resumed.",
            path.display()
        )),
        Some(d) if d.draft_version != DRAFT_VERSION => Found::Unusable(
            "An unfinished assessment was found, but it was written by another version of openup and cannot be resumed.".into(),
        ),
        Some(d) if d.bank.hash != bank.hash => Found::Unusable(format!(
            "An unfinished assessment was found, but it was made with other questions ({}). Its answers would not fit, so it cannot be resumed.",
            crate::text::bank_change(&d.bank.id, &d.bank.version, &bank.meta.id, &bank.meta.version)
        )),
        Some(d) => match fits(&d, bank) {
            Ok(()) => Found::Usable(scrubbed(path, d, bank)),
            Err(why) => Found::Unusable(format!(
                "An unfinished assessment was found, but {why}, so it cannot be resumed."
            )),
        },
    }
}

/// A draft written by an openup that still kept safety answers is rewritten
/// without them as soon as it is found, whatever the person does next.
fn scrubbed(path: &std::path::Path, draft: Draft, bank: &Bank) -> Draft {
    let state = without_safety(&draft.state, bank);
    if state == draft.state {
        return draft;
    }
    let draft = Draft { state, ..draft };
    if write_draft(path, &draft).is_err() {
        // It could not be rewritten, so it must not stay with safety answers in it.
        let _ = remove_if_present(path);
    }
    draft
}

fn write_draft(path: &std::path::Path, draft: &Draft) -> Result<()> {
    let json = serde_json::to_vec_pretty(draft)
        .expect("a draft is plain data with string keys, which always serialises");
    write_private(path, &json, Replace::Allowed)
}

/// Checks a draft's answers against the questions it will be resumed with, so
/// that a hand-edited or damaged draft cannot slip unknown ids into a result.
fn fits(draft: &Draft, bank: &Bank) -> Result<(), String> {
    let plan = crate::wizard::Plan::new(bank, draft.mode, draft.seed);
    for (question, option) in &draft.state.answers {
        let Some(item) = plan.items.iter().find(|i| &i.id == question) else {
            return Err(format!(
                "it answers a question this check does not ask ({})",
                question
            ));
        };
        if !item.options.iter().any(|(id, _)| id == option) {
            return Err(format!(
                "it holds an answer that question {question} does not have"
            ));
        }
    }
    if let Some(both) = draft
        .state
        .skipped
        .iter()
        .find(|q| draft.state.answers.contains_key(*q))
    {
        return Err(format!("it has question {both} both answered and skipped"));
    }
    if draft
        .state
        .skipped
        .iter()
        .any(|q| !plan.items.iter().any(|i| &i.id == q))
    {
        return Err("it skips a question this check does not ask".to_string());
    }
    Ok(())
}

/// Writes the draft after every change. If writing fails (a full disk, a
/// folder that went read-only) it says so once and the wizard carries on:
/// the answers are still needed for the report.
pub struct DraftCheckpoint<'a> {
    path: PathBuf,
    template: Draft,
    bank: &'a Bank,
    failed: bool,
}

impl<'a> DraftCheckpoint<'a> {
    /// A checkpoint writing to `path`; `template` holds all but the state.
    pub fn new(path: PathBuf, template: Draft, bank: &'a Bank) -> DraftCheckpoint<'a> {
        DraftCheckpoint {
            path,
            template,
            bank,
            failed: false,
        }
    }
}

impl Checkpoint for DraftCheckpoint<'_> {
    fn save(&mut self, state: &State) -> Result<()> {
        if self.failed {
            return Ok(());
        }
        let state = without_safety(state, self.bank);
        // Only safety answers so far: nothing worth keeping, and nothing that
        // may be kept. A draft from earlier in this run goes.
        if state.answers.is_empty() && state.skipped.is_empty() {
            remove_if_present(&self.path)?;
            crate::interrupt::set_note(NOTHING_KEPT);
            return Ok(());
        }
        let draft = Draft {
            updated: crate::saved::now_rfc3339(),
            state,
            ..self.template.clone()
        };
        match write_draft(&self.path, &draft) {
            Ok(()) => crate::interrupt::set_note(kept_note(&self.path)),
            Err(err) => {
                self.failed = true;
                // A half-written draft never stays: the temporary file is
                // removed by the writer, and an older draft would be stale.
                let _ = remove_if_present(&self.path);
                crate::interrupt::set_note(
                    "Stopped. The draft could not be written, so nothing was kept.",
                );
                crate::output::warn(format_args!(
                    "{err} Carrying on without a draft: if you stop now, these answers are not kept."
                ));
            }
        }
        Ok(())
    }
}

/// Removes the draft once an assessment is finished.
pub fn discard(path: &std::path::Path) -> Result<()> {
    remove_if_present(path)
}
