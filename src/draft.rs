//! The draft: an unfinished assessment, written after every answer so that
//! Ctrl-C, a closed terminal or a crash loses nothing.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::error::Result;
use crate::json::parse_json;
use crate::saved::BankRef;
use crate::score::Mode;
use crate::store::{Replace, read_limited, remove_if_present, write_private};
use crate::wizard::{Checkpoint, State};

/// Said on an interruption once a draft holds the answers.
pub const DRAFT_KEPT: &str =
    "Stopped. Your answers so far are kept: run openup again to pick up where you left off.";

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
    if !path.exists() {
        return Found::None;
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
            "An unfinished assessment was found, but it was made with other questions ({} {}; now {} {}). Its answers would not fit, so it cannot be resumed.",
            d.bank.id,
            d.bank.version,
            bank.meta.id,
            bank.meta.version
        )),
        Some(d) => match fits(&d, bank) {
            Ok(()) => Found::Usable(d),
            Err(why) => Found::Unusable(format!(
                "An unfinished assessment was found, but {why}, so it cannot be resumed."
            )),
        },
    }
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
pub struct DraftCheckpoint {
    path: PathBuf,
    template: Draft,
    failed: bool,
}

impl DraftCheckpoint {
    /// A checkpoint writing to `path`; `template` holds all but the state.
    pub fn new(path: PathBuf, template: Draft) -> DraftCheckpoint {
        DraftCheckpoint {
            path,
            template,
            failed: false,
        }
    }
}

impl Checkpoint for DraftCheckpoint {
    fn save(&mut self, state: &State) -> Result<()> {
        if self.failed {
            return Ok(());
        }
        let draft = Draft {
            updated: crate::saved::now_rfc3339(),
            state: state.clone(),
            ..self.template.clone()
        };
        let json = serde_json::to_vec_pretty(&draft)
            .expect("a draft is plain data with string keys, which always serialises");
        match write_private(&self.path, &json, Replace::Allowed) {
            Ok(()) => crate::interrupt::set_note(DRAFT_KEPT),
            Err(err) => {
                self.failed = true;
                crate::interrupt::set_note(
                    "Stopped. The draft could not be written, so these answers were not kept.",
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
