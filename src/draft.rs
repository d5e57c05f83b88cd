//! The draft: an unfinished assessment, written after every answer so that
//! Ctrl-C, a closed terminal or a crash loses nothing.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::bank::{Bank, parse_json};
use crate::error::Result;
use crate::saved::BankRef;
use crate::score::Mode;
use crate::store::{Replace, read_limited, remove_if_present, write_private};
use crate::wizard::{Checkpoint, State};

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
            crate::text::clean(&d.bank.id),
            crate::text::clean(&d.bank.version),
            bank.meta.id,
            bank.meta.version
        )),
        Some(d) => Found::Usable(d),
    }
}

/// Writes the draft after every change.
pub struct DraftCheckpoint {
    /// Where the draft goes.
    pub path: PathBuf,
    /// Everything but the state, which changes.
    pub template: Draft,
}

impl Checkpoint for DraftCheckpoint {
    fn save(&mut self, state: &State) -> Result<()> {
        let draft = Draft {
            updated: crate::saved::now_rfc3339(),
            state: state.clone(),
            ..self.template.clone()
        };
        let json = serde_json::to_vec_pretty(&draft).unwrap_or_default();
        write_private(&self.path, &json, Replace::Allowed)
    }
}

/// Removes the draft once an assessment is finished.
pub fn discard(path: &std::path::Path) -> Result<()> {
    remove_if_present(path)
}
