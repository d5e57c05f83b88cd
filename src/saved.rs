//! The saved result: what a finished assessment writes as JSON, and reads back
//! for `openup report`, `history` and `compare`.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::json::{from_value, parse_object};
use crate::score::{Answers, Assessment, Mode, assess};

/// The result format's version. Raise it when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;
/// The largest result file openup reads.
pub const MAX_RESULT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Which bank a result was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BankRef {
    /// The bank's id.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub id: String,
    /// The bank's version.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub version: String,
    /// `sha256:` digest of the bank's files.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub hash: String,
}

impl BankRef {
    /// The identity of a loaded bank.
    pub fn of(bank: &Bank) -> BankRef {
        BankRef {
            id: bank.meta.id.clone(),
            version: bank.meta.version.clone(),
            hash: bank.hash.clone(),
        }
    }
}

/// A finished assessment as saved on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SavedResult {
    /// The format's version; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The openup that made it.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub openup_version: String,
    /// When it was made, RFC 3339 in UTC.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub created: String,
    /// The bank it was made with.
    pub bank: BankRef,
    /// The seed that ordered the options, when the wizard asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Question id to chosen option id: the same shape as an answers file.
    #[serde(deserialize_with = "crate::text::on_read::map")]
    pub answers: Answers,
    /// Scores, focus order and safety outcome.
    #[serde(flatten)]
    pub assessment: Assessment,
}

impl SavedResult {
    /// Scores `answers` and wraps them with everything needed to re-read them later.
    pub fn new(
        bank: &Bank,
        mode: Mode,
        answers: Answers,
        seed: Option<u64>,
        created: String,
    ) -> SavedResult {
        let assessment = assess(bank, mode, &answers);
        SavedResult {
            schema_version: SCHEMA_VERSION,
            openup_version: env!("CARGO_PKG_VERSION").to_string(),
            created,
            bank: BankRef::of(bank),
            seed,
            answers,
            assessment,
        }
    }

    /// The result as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .expect("a result is plain data with string keys, which always serialises");
        text.push('\n');
        text
    }

    /// Reads a result, explaining a future or unknown format instead of failing on a field.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<SavedResult> {
        SavedResult::parse_from(path, bytes, Origin::Given)
    }

    /// [`SavedResult::parse`], with advice that fits where the file came from.
    fn parse_from(path: &Path, bytes: &[u8], origin: Origin) -> Result<SavedResult> {
        // A file found in the results folder was not passed by the person.
        let (pass, pass_unedited) = match origin {
            Origin::Given => (
                "Pass a file that openup saved.",
                "Pass a file that openup saved, unedited.",
            ),
            Origin::Folder => (
                "Only results openup saved belong in the results folder: move this file out of it.",
                "If you edited it, undo the change; otherwise move it out of the results folder, where only results openup saved belong.",
            ),
        };
        let bad = |message: String| Error::BadFile {
            path: path.to_path_buf(),
            message,
        };
        // One parse: the version is read from the parsed JSON, then the result.
        let value = parse_object(bytes).map_err(|p| {
            if p.syntax {
                bad(format!("{p}. The file is damaged or cut short; if you have another copy, use that, or take the assessment again."))
            } else {
                bad(format!("{p}. It does not look like an openup result; results are JSON objects written by openup."))
            }
        })?;
        let version = match value.get("schema_version").map(|v| v.as_u64()) {
            None => {
                return Err(bad(format!(
                    "this is not an openup result: it has no schema_version. {pass}"
                )));
            }
            // Versions start at 1: 0 is no version openup ever wrote.
            Some(None) | Some(Some(0)) => {
                return Err(bad(format!(
                    "its schema_version is not a format version openup knows (a whole number from 1), so openup cannot tell how to read it. {pass_unedited}"
                )));
            }
            Some(Some(v)) => v,
        };
        if version > u64::from(SCHEMA_VERSION) {
            return Err(bad(format!(
                "this result uses format version {version}, made by a newer openup; this openup ({}) reads version {SCHEMA_VERSION}. Update openup to read it.",
                env!("CARGO_PKG_VERSION")
            )));
        }
        let result: SavedResult = from_value(&value).map_err(|mut p| {
            // The scores sit flattened in the result, where serde loses the path;
            // reading them on their own finds it.
            if p.place == "top level"
                && let Err(inner) = from_value::<Assessment>(&value)
            {
                p = inner;
            }
            bad(format!("{p}. The result is damaged; if you edited it, undo the change, or take the assessment again."))
        })?;
        Ok(result.capped())
    }

    /// Caps scores at 100: a result edited by hand cannot draw a bar past the chart.
    fn capped(mut self) -> SavedResult {
        for score in &mut self.assessment.scores {
            score.score = score.score.map(|s| s.min(100));
        }
        self
    }
}

/// The time now as RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Reads a saved result.
pub fn load_result(path: &Path) -> Result<SavedResult> {
    load_from(path, Origin::Given)
}

/// Where a result file came from, for the advice when it cannot be read.
#[derive(Debug, Clone, Copy)]
enum Origin {
    /// Named by the person.
    Given,
    /// Found in the results folder.
    Folder,
}

fn load_from(path: &Path, origin: Origin) -> Result<SavedResult> {
    let bytes = crate::store::read_limited(path, MAX_RESULT_FILE_BYTES, "a result file")?;
    SavedResult::parse_from(path, &bytes, origin)
}

/// A saved result and where it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file.
    pub path: std::path::PathBuf,
    /// Its content.
    pub result: SavedResult,
}

/// Every readable result in `dir`, oldest first, and a line for each file that
/// could not be read.
pub fn load_all(dir: &Path) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for path in crate::store::json_files(dir) {
        match load_from(&path, Origin::Folder) {
            Ok(result) => entries.push(Entry { path, result }),
            Err(err) => problems.push(format!("skipped {err}")),
        }
    }
    sort_oldest_first(&mut entries);
    (entries, problems)
}

/// The newest `count` readable results in `dir`, oldest first, reading only
/// as many files as it takes. openup names results by their time, so when every
/// name has that form the newest names are the newest results; otherwise every
/// file is read to find them.
pub fn load_newest(dir: &Path, count: usize) -> (Vec<Entry>, Vec<String>) {
    let files = crate::store::json_files(dir);
    if !files.iter().all(|p| named_by_time(p)) {
        let (mut entries, problems) = load_all(dir);
        let keep = entries.len().saturating_sub(count);
        return (entries.split_off(keep), problems);
    }
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for path in files.into_iter().rev() {
        if entries.len() == count {
            break;
        }
        match load_from(&path, Origin::Folder) {
            Ok(result) => entries.push(Entry { path, result }),
            Err(err) => problems.push(format!("skipped {err}")),
        }
    }
    // Said in the order of the files, as `load_all` says them.
    problems.reverse();
    sort_oldest_first(&mut entries);
    (entries, problems)
}

/// Whether a file name has the form openup gives results:
/// `2026-11-27T16-15-00Z.json`, or with `_2` and so on before the extension.
fn named_by_time(path: &Path) -> bool {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let time = stem.split_once('_').map_or(stem, |(time, n)| {
        if n.chars().all(|c| c.is_ascii_digit()) {
            time
        } else {
            ""
        }
    });
    let shape = "0000-00-00T00-00-00Z";
    time.len() == shape.len()
        && time.chars().zip(shape.chars()).all(|(c, s)| match s {
            '0' => c.is_ascii_digit(),
            _ => c == s,
        })
}

fn sort_oldest_first(entries: &mut [Entry]) {
    // RFC 3339 UTC timestamps sort as text; the file name breaks ties.
    entries.sort_by(|a, b| (&a.result.created, &a.path).cmp(&(&b.result.created, &b.path)));
}
