//! The saved result: what a finished assessment writes as JSON, and reads back
//! for `openup report`, `history` and `compare`.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::json::{from_doc, parse_object};
use crate::score::{Answers, Assessment, Band, Mode, WITHHELD_WHEN_UNSAFE, assess};

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
// Read with [`SavedResult::parse`], which reads the assessment on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SavedResult {
    /// The format's version; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The openup that made it.
    pub openup_version: String,
    /// When it was made, RFC 3339 in UTC.
    pub created: String,
    /// The bank it was made with.
    pub bank: BankRef,
    /// The seed that ordered the options, when the wizard asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Question id to chosen option id: the same shape as an answers file.
    pub answers: Answers,
    /// Scores, focus order and safety outcome.
    #[serde(flatten)]
    pub assessment: Assessment,
}

/// A saved result's own fields, read apart from its assessment, which is read
/// from the same object on its own: serde's `flatten` would first copy the
/// whole file into a buffer (a third of the time `history` spends on a file)
/// and lose the place of any problem in it.
#[derive(Deserialize)]
struct Head {
    schema_version: u32,
    #[serde(deserialize_with = "crate::text::on_read::string")]
    openup_version: String,
    #[serde(deserialize_with = "crate::text::on_read::string")]
    created: String,
    bank: BankRef,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(deserialize_with = "crate::text::on_read::map")]
    answers: Answers,
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
        let damaged = |p: crate::json::JsonProblem| {
            bad(format!(
                "{p}. The result is damaged; if you edited it, undo the change, or take the assessment again."
            ))
        };
        let head: Head = from_doc(&value).map_err(damaged)?;
        let assessment: Assessment = from_doc(&value).map_err(damaged)?;
        let result = SavedResult {
            schema_version: head.schema_version,
            openup_version: head.openup_version,
            created: head.created,
            bank: head.bank,
            seed: head.seed,
            answers: head.answers,
            assessment,
        };
        // Scores are kept as written: [`check`] judges them and names what is wrong.
        Ok(result)
    }
}

/// A result as openup shows it, and what it found when it checked the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The result to show: recomputed from its answers when the bank is at
    /// hand, else as saved, with scores past 100 drawn as 100.
    pub result: SavedResult,
    /// Sentences for standard error, in plain words; empty when the file holds
    /// what openup wrote.
    pub notes: Vec<String>,
}

impl Checked {
    /// The one note to print about the file, if there is anything to say.
    pub fn message(&self) -> Option<String> {
        (!self.notes.is_empty()).then(|| format!("Note: {}", self.notes.join(" ")))
    }

    /// Prints [`Checked::message`] on standard error, once.
    pub fn say(&self) {
        if let Some(message) = self.message() {
            crate::output::note(&message);
        }
    }
}

/// How many items a note lists before saying how many more there are.
const LISTED: usize = 5;

/// Judges a saved result the same way for `report`, `history` and `compare`.
///
/// When `bank` is the bank the result was made with (same id and hash), the
/// scores, bands, focus and safety outcome are recomputed from the answers,
/// and where the saved figures differ the recomputed ones are used and a note
/// says so. Otherwise the saved figures are kept and the note says they could
/// not be checked. Either way, values that cannot be right (a score outside
/// 0-100, a band that contradicts its score, answers to questions the bank
/// lacks, a mode that contradicts the number of questions asked) are named,
/// never silently fixed. `file` names the file in the notes.
pub fn check(result: SavedResult, bank: &Bank, file: &Path) -> Checked {
    let file = file.display();
    let title = |id: &str| {
        bank.tip(id)
            .map_or_else(|| id.to_string(), |t| t.title.clone())
    };
    let saved = &result.assessment;
    let at_hand = result.bank.id == bank.meta.id && result.bank.hash == bank.hash;
    let mut impossible = Vec::new();
    for s in &saved.scores {
        match (s.score, s.band) {
            (Some(score), _) if score > 100 => impossible.push(format!(
                "the score of {score} saved for {} is outside 0-100",
                title(&s.tip)
            )),
            // A tip set aside for safety keeps its score, not its band.
            (Some(_), Band::SetAside) if saved.withheld.contains(&s.tip) => {}
            (Some(score), Band::NotEnoughAnswers) => impossible.push(format!(
                "the band \"{}\" saved for {} does not fit its score of {score}",
                Band::NotEnoughAnswers.label(),
                title(&s.tip)
            )),
            // The cut-offs are openup's, not the bank's, and older openups
            // had others; so only a bank at hand judges a band by them.
            (Some(score), band) if at_hand && band != Band::of(score) => impossible.push(format!(
                "the band \"{}\" saved for {} does not fit its score of {score}",
                band.label(),
                title(&s.tip)
            )),
            (None, band) if band != Band::NotEnoughAnswers => impossible.push(format!(
                "the band \"{}\" saved for {} has no score beside it",
                band.label(),
                title(&s.tip)
            )),
            _ => {}
        }
    }
    if !at_hand {
        // Whatever the cut-offs, a lower score never sits in a higher band.
        let rank = |b: Band| match b {
            Band::Focus => Some(0),
            Band::Building => Some(1),
            Band::Strength => Some(2),
            Band::NotEnoughAnswers | Band::SetAside => None,
        };
        for s in &saved.scores {
            let (Some(score), Some(r)) = (s.score.filter(|&v| v <= 100), rank(s.band)) else {
                continue;
            };
            let below = saved.scores.iter().find(|o| {
                o.score.is_some_and(|v| v > score && v <= 100)
                    && rank(o.band).is_some_and(|q| q < r)
            });
            if let Some(o) = below {
                impossible.push(format!(
                    "the band \"{}\" saved for {} with a score of {score} is above the band \"{}\" saved for {} with a higher score of {}",
                    s.band.label(),
                    title(&s.tip),
                    o.band.label(),
                    title(&o.tip),
                    o.score.unwrap_or_default()
                ));
            }
        }
    }

    if !at_hand {
        let most_quick = 2 * saved.scores.len();
        if saved.mode == Mode::Quick && saved.asked > most_quick {
            impossible.push(format!(
                "it says it is a quick check, which asks one or two questions per tip (at most {most_quick} here), but {} questions were asked",
                saved.asked
            ));
        }
        let mut notes = vec![format!(
            "this result was made with the question bank {}, so openup could not check the figures in {file} against its answers; they are shown as saved.",
            crate::text::bank_change(
                &result.bank.id,
                &result.bank.version,
                &bank.meta.id,
                &bank.meta.version
            )
        )];
        let mut result = result;
        if let Some(note) = follow_safety_answers(&mut result.assessment, &result.answers, bank) {
            notes.push(note);
        }
        for s in &mut result.assessment.scores {
            if let Some(score) = s.score.filter(|&v| v > 100) {
                s.score = Some(100);
                impossible.push(format!(
                    "its bar for {} is drawn at 100, the most there is, not {score}",
                    title(&s.tip)
                ));
            }
        }
        if !impossible.is_empty() {
            notes.push(format!(
                "They cannot all be right: {}.",
                impossible.join("; ")
            ));
        }
        return Checked { result, notes };
    }

    let mode_asks = saved.mode.questions(bank).len();
    if saved.asked != mode_asks {
        impossible.push(format!(
            "it says it is a {} {}, which asks {mode_asks} questions with this bank, but {} were asked",
            saved.mode.name(),
            if saved.mode == Mode::Quick { "check" } else { "assessment" },
            saved.asked
        ));
    }
    let mut unknown = Vec::new();
    let mut unoffered = Vec::new();
    for (question, option) in &result.answers {
        let known = match (bank.question(question), bank.safety_question(question)) {
            (Some(q), _) => Some(q.option(option).is_some()),
            (None, Some(q)) => Some(q.option(option).is_some()),
            (None, None) => None,
        };
        let quote = |text: &str| crate::text::excerpt(text, crate::text::QUOTED).into_owned();
        match known {
            None => unknown.push(format!("\"{}\"", quote(question))),
            Some(false) => {
                unoffered.push(format!("\"{}\": \"{}\"", quote(question), quote(option)))
            }
            Some(true) => {}
        }
    }
    if !unknown.is_empty() {
        impossible.push(format!(
            "it holds answers to questions the bank lacks ({})",
            listed(&unknown)
        ));
    }
    if !unoffered.is_empty() {
        impossible.push(format!(
            "it holds answers the questions do not offer ({})",
            listed(&unoffered)
        ));
    }

    let recomputed = assess(bank, saved.mode, &result.answers);
    let mut notes = Vec::new();
    if recomputed != *saved {
        notes.push(format!(
            "the figures saved in {file} did not match its answers, so openup shows them recomputed from the answers."
        ));
        let changed: Vec<String> = saved
            .scores
            .iter()
            .filter_map(|s| {
                let now = recomputed.tip(&s.tip).and_then(|r| r.score);
                (now != s.score).then(|| {
                    let show =
                        |v: Option<u8>| v.map_or_else(|| "none".to_string(), |v| v.to_string());
                    format!(
                        "{} {} (the answers give {})",
                        title(&s.tip),
                        show(s.score),
                        show(now)
                    )
                })
            })
            .collect();
        if !changed.is_empty() {
            notes.push(format!("Saved scores that differ: {}.", listed(&changed)));
        }
        let findings = |a: &Assessment| a.safety.findings.join(", ");
        match (saved.safety.concern, recomputed.safety.concern) {
            (false, true) => notes.push(format!(
                "Its saved figures showed no safety concern, but its answers raise one ({}); the safety section follows the answers.",
                findings(&recomputed)
            )),
            (true, false) => notes.push(format!(
                "Its saved figures showed a safety concern ({}) that its answers do not raise; the safety section follows the answers.",
                findings(saved)
            )),
            _ => {}
        }
    }
    if !impossible.is_empty() {
        let lead = if notes.is_empty() {
            format!("{file}: ")
        } else {
            "In the file, ".to_string()
        };
        notes.push(format!("{lead}{}.", impossible.join("; ")));
    }
    let result = SavedResult {
        assessment: recomputed,
        ..result
    };
    Checked { result, notes }
}

/// The safety section follows the answers even when the result's bank is not
/// at hand: when every safety answer fits a safety question of `bank` and they
/// disagree with the saved outcome, the outcome is taken from the answers, the
/// tips set aside for safety follow it, and the returned sentence says so.
fn follow_safety_answers(saved: &mut Assessment, answers: &Answers, bank: &Bank) -> Option<String> {
    let mut any = false;
    for q in &bank.safety {
        if let Some(option) = answers.get(&q.id) {
            q.option(option)?;
            any = true;
        }
    }
    if !any {
        return None;
    }
    let safety = assess(bank, saved.mode, answers).safety;
    if safety.concern == saved.safety.concern {
        return None;
    }
    let note = if safety.concern {
        format!(
            "Its saved figures showed no safety concern, but its answers to the safety questions raise one ({}); the safety section follows the answers.",
            safety.findings.join(", ")
        )
    } else {
        format!(
            "Its saved figures showed a safety concern ({}) that its answers to the safety questions do not raise; the safety section follows the answers.",
            saved.safety.findings.join(", ")
        )
    };
    saved.withheld = if safety.concern {
        WITHHELD_WHEN_UNSAFE.iter().map(|s| s.to_string()).collect()
    } else {
        Vec::new()
    };
    // The focus order again from the saved scores: weakest first, ties in
    // the saved order, without the tips set aside.
    let mut ranked: Vec<(u8, usize, String)> = saved
        .scores
        .iter()
        .enumerate()
        .filter(|(_, s)| !saved.withheld.contains(&s.tip))
        .filter_map(|(n, s)| s.score.map(|v| (v, n, s.tip.clone())))
        .collect();
    ranked.sort();
    saved.focus = ranked.into_iter().map(|(_, _, tip)| tip).collect();
    saved.safety = safety;
    Some(note)
}

/// The first few items joined with commas, and how many more.
fn listed(items: &[String]) -> String {
    let mut text = items
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > LISTED {
        text.push_str(&format!(" and {} more", items.len() - LISTED));
    }
    text
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
    load_all_map(dir, |_, result| result, |result| result)
}

/// [`load_all`], passing each result through `keep` as it is read (on several
/// threads, see [`read_all`]), so that a command keeps only what it shows;
/// then through `kept`, on this thread and in the order of the file names, for
/// whatever the command says about each file.
pub fn load_all_map<T: Send>(
    dir: &Path,
    keep: impl Fn(&Path, SavedResult) -> T + Sync,
    mut kept: impl FnMut(T) -> SavedResult,
) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (path, read) in read_all(dir, keep) {
        match read {
            Ok(read) => entries.push(Entry {
                path,
                result: kept(read),
            }),
            Err(err) => problems.push(format!("skipped {err}")),
        }
    }
    sort_oldest_first(&mut entries);
    (entries, problems)
}

/// Reads every result file in `dir`, in the order of their names, passing
/// each through `keep` as soon as it is read, so that a command keeps only
/// what it shows: many large files never sit in memory whole at once.
///
/// Files are independent, so they are read on as many threads as the machine
/// offers; the answer keeps the order of the files, so whatever a caller says
/// about them comes out the same on every run.
fn read_all<T: Send>(
    dir: &Path,
    keep: impl Fn(&Path, SavedResult) -> T + Sync,
) -> Vec<(std::path::PathBuf, Result<T>)> {
    let files = crate::store::json_files(dir);
    let read = |path: &std::path::PathBuf| load_from(path, Origin::Folder).map(|r| keep(path, r));
    // Below a few dozen files a thread costs more than it saves.
    const PER_THREAD: usize = 32;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len() / PER_THREAD)
        .max(1);
    if threads == 1 {
        return files
            .into_iter()
            .map(|p| {
                let r = read(&p);
                (p, r)
            })
            .collect();
    }
    let chunk = files.len().div_ceil(threads);
    let read = &read;
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(read).collect::<Vec<_>>()))
            .collect();
        let mut done = Vec::with_capacity(files.len());
        for (worker, part) in workers.into_iter().zip(files.chunks(chunk)) {
            // A worker only panics if reading does, which nothing a file holds
            // can make it do; pass such a panic on rather than hide it.
            let results = worker
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            done.extend(part.iter().cloned().zip(results));
        }
        done
    })
}

impl SavedResult {
    /// What `history` shows of a result: scores, the first focus tips, the
    /// safety outcome and its identity. Answers, evidence and the rest of long
    /// lists go, so a thousand results (or a crafted huge one) stay small.
    pub fn summary(mut self) -> SavedResult {
        const KEEP: usize = 10;
        self.answers.clear();
        let a = &mut self.assessment;
        a.focus.truncate(KEEP);
        a.withheld.truncate(KEEP);
        a.skipped.clear();
        a.safety.findings.truncate(KEEP);
        for score in &mut a.scores {
            score.evidence.clear();
        }
        a.scores.truncate(crate::bank::TIP_IDS.len());
        self
    }
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

/// Sorts results oldest first, by when they were made.
fn sort_oldest_first(entries: &mut [Entry]) {
    // RFC 3339 UTC timestamps sort as text; the file name breaks ties.
    entries.sort_by(|a, b| (&a.result.created, &a.path).cmp(&(&b.result.created, &b.path)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    fn saved(bank: &Bank) -> SavedResult {
        let answers: Answers = bank
            .questions
            .iter()
            .map(|q| (q.id.clone(), q.options[0].id.clone()))
            .chain(bank.safety.iter().map(|q| (q.id.clone(), "no".into())))
            .collect();
        SavedResult::new(
            bank,
            Mode::Full,
            answers,
            None,
            "2026-11-27T10:00:00Z".into(),
        )
    }

    #[test]
    fn an_untouched_result_passes_unchanged_and_silent() {
        let bank = Bank::embedded().expect("bank");
        let result = saved(&bank);
        let checked = check(result.clone(), &bank, Path::new("r.json"));
        assert_eq!(checked.result, result);
        assert_eq!(checked.message(), None);
    }

    #[test]
    fn a_flipped_safety_answer_is_recomputed_and_said() {
        let bank = Bank::embedded().expect("bank");
        let mut result = saved(&bank);
        result
            .answers
            .insert("safety-afraid".into(), "often".into());
        let checked = check(result, &bank, Path::new("r.json"));
        assert!(checked.result.assessment.safety.concern);
        let message = checked.message().expect("a note");
        assert!(
            message.starts_with("Note: the figures saved in r.json did not match its answers"),
            "{message}"
        );
        assert!(message.contains("but its answers raise one"), "{message}");
    }

    #[test]
    fn a_part_written_as_a_list_is_refused_with_its_place() {
        let bank = Bank::embedded().expect("bank");
        let mut value: serde_json::Value =
            serde_json::from_str(&saved(&bank).to_json()).expect("json");
        value["scores"][2] = serde_json::json!(["listening", 50, "building", 1, 1, []]);
        let text = serde_json::to_string(&value).expect("json");
        let err = SavedResult::parse(Path::new("r.json"), text.as_bytes()).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("scores[2]: expected an object ({ ... }) here, not a list"),
            "{message}"
        );
    }

    #[test]
    fn many_files_read_on_several_threads_keep_the_order_of_their_names() {
        let bank = Bank::embedded().expect("bank");
        let dir = tempfile::tempdir().expect("dir");
        let text = saved(&bank).to_json();
        for n in 0..100 {
            let body = if n % 7 == 3 { "{" } else { text.as_str() };
            std::fs::write(dir.path().join(format!("r{n:03}.json")), body).expect("write");
        }
        let read = read_all(dir.path(), |path, _| path.to_path_buf());
        let names: Vec<_> = read.iter().map(|(path, _)| path.clone()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(read.len(), 100);
        for (path, kept) in &read {
            let n: usize = path.file_stem().and_then(|s| s.to_str()).expect("stem")[1..]
                .parse()
                .expect("number");
            match kept {
                Ok(kept) => assert_eq!(kept, path),
                Err(_) => assert_eq!(n % 7, 3, "{}", path.display()),
            }
        }
    }
}
