//! The question bank: the ten tips, the scenario questions and the safety screen.
//!
//! The bundled bank in `questions/` is compiled into the binary, so openup works
//! from any directory. `--questions DIR` loads another bank of the same format.
//! Loading checks everything and reports every problem it finds in one pass.

mod check;
mod design;
mod embedded;
mod helplines;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use crate::json::{JsonProblem, parse_json};
pub use crate::problems::{Problem, Problems, Severity};
pub use check::check_files;
pub use helplines::{
    FALLBACK_REGION, HELPLINES_FILE, Helpline, HelplinesFile, Region, region_from_env,
};

/// The ten tips of the article, in its order. Banks must use exactly these ids.
pub const TIP_IDS: [&str; 10] = [
    "patience",
    "communication",
    "empathy",
    "safe-space",
    "listening",
    "unconditional-love",
    "professional-help",
    "time-apart",
    "lead-by-example",
    "not-about-you",
];

/// A tip is measured well enough only when this many questions bear on it.
pub const MIN_QUESTIONS_PER_TIP: usize = 4;
/// A full bank should measure every tip at least this often (a warning below it).
pub const GOOD_QUESTIONS_PER_TIP: usize = 10;
/// Every tip should be raised by some option in this many questions, and
/// lowered in as many, so that it is measured from both sides.
pub const MIN_QUESTIONS_PER_SIDE: usize = 4;
/// Weights run from -2 (pulls against the tip) to 2 (the tip in action).
pub const WEIGHT_RANGE: std::ops::RangeInclusive<i64> = -2..=2;
/// The largest bank file openup reads.
pub const MAX_BANK_FILE_BYTES: u64 = 1024 * 1024;
/// The name of the file that holds the bank's identity and its tips.
pub const TIPS_FILE: &str = "tips.json";

/// The bundled bank, embedded at compile time. A test checks that every file in
/// `questions/` is listed here.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "closeness.json",
        include_str!("../../questions/closeness.json"),
    ),
    (
        "conflict.json",
        include_str!("../../questions/conflict.json"),
    ),
    (
        "everyday.json",
        include_str!("../../questions/everyday.json"),
    ),
    (
        "helplines.json",
        include_str!("../../questions/helplines.json"),
    ),
    ("safety.json", include_str!("../../questions/safety.json")),
    ("tips.json", include_str!("../../questions/tips.json")),
    (
        "yourself.json",
        include_str!("../../questions/yourself.json"),
    ),
];

/// Schema of a tip id: one of the ten.
fn tip_id_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "enum": TIP_IDS })
}

/// Schema of an option's weights: tip ids to integers from -2 to 2, at least one.
fn weights_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "propertyNames": { "enum": TIP_IDS },
        "additionalProperties": { "type": "integer", "minimum": -2, "maximum": 2 },
        "minProperties": 1
    })
}

/// Who a bank is: recorded in every result so that retakes can be compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BankMeta {
    /// A stable kebab-case id, such as `openup-core`.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub id: String,
    /// The bank's version; change it whenever questions or weights change.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub version: String,
    /// A human-readable name.
    #[serde(default)]
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub title: String,
}

/// One of the ten tips, in the bank's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    /// One of [`TIP_IDS`].
    #[schemars(schema_with = "tip_id_schema")]
    pub id: String,
    /// The tip's place in the article, 1 to 10.
    pub number: u8,
    /// A short title.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub title: String,
    /// One line on what the tip means.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub summary: String,
    /// Why it helps a guarded partner open up.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub why: String,
    /// Concrete things to try this week.
    #[serde(rename = "try")]
    #[serde(deserialize_with = "crate::text::on_read::list")]
    pub to_try: Vec<String>,
}

/// `questions/tips.json`: the bank's identity and its ten tips.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TipsFile {
    /// Where editors find this file's JSON Schema.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The bank's identity.
    pub bank: BankMeta,
    /// The ten tips.
    pub tips: Vec<Tip>,
    /// The unscored section on the person's own needs and limits that closes
    /// every report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<Needs>,
}

/// What every report says, whatever the scores, about the person's own needs:
/// caring for a partner does not oblige anyone to wait forever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Needs {
    /// The section's heading.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub title: String,
    /// A few short points, one paragraph each.
    #[serde(deserialize_with = "crate::text::on_read::list")]
    pub points: Vec<String>,
}

/// One answer to a scenario question, and how it bears on the tips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Kebab-case, unique within its question.
    pub id: String,
    /// What the person would do, as shown in the prompt.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub label: String,
    /// Tip id to weight in -2..=2; an absent tip has no bearing (0).
    #[schemars(schema_with = "weights_schema")]
    pub weights: BTreeMap<String, i64>,
    /// One plain sentence on what this choice costs; every option that lowers
    /// a tip has one, and the report quotes it after the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::text::on_read::option")]
    pub why: Option<String>,
}

impl Choice {
    /// This option's weight for `tip` (0 when it has no bearing).
    pub fn weight(&self, tip: &str) -> i64 {
        self.weights.get(tip).copied().unwrap_or(0)
    }
}

/// A scenario question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Kebab-case, unique across the bank.
    pub id: String,
    /// A few words naming the situation, quoted in the report.
    #[serde(default)]
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub title: String,
    /// The situation and the question, as shown to the person.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub prompt: String,
    /// When set, the question is in the quick check, standing for this tip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "tip_id_schema")]
    pub quick: Option<String>,
    /// Three to five things a caring person might do.
    pub options: Vec<Choice>,
    /// [`Question::spans`], worked out on first use: scoring reads it for
    /// every result, and `history` scores hundreds with one bank.
    #[serde(skip)]
    #[schemars(skip)]
    spans: std::sync::OnceLock<Vec<(String, i64, i64)>>,
}

impl Question {
    /// Each tip some option weighs, with its lowest and highest weight among
    /// the options, in the order the options first weigh them.
    pub fn spans(&self) -> &[(String, i64, i64)] {
        self.spans.get_or_init(|| {
            let mut spans: Vec<(String, i64, i64)> = Vec::new();
            for option in &self.options {
                for (tip, weight) in &option.weights {
                    if *weight != 0 && !spans.iter().any(|(t, _, _)| t == tip) {
                        let (lo, hi) = self.weight_span(tip);
                        spans.push((tip.clone(), lo, hi));
                    }
                }
            }
            spans
        })
    }

    /// Whether any option weighs `tip`.
    pub fn measures(&self, tip: &str) -> bool {
        self.options.iter().any(|o| o.weight(tip) != 0)
    }

    /// The lowest and highest weight for `tip` among the options.
    pub fn weight_span(&self, tip: &str) -> (i64, i64) {
        let weights = self.options.iter().map(|o| o.weight(tip));
        let lo = weights.clone().min().unwrap_or(0);
        let hi = weights.max().unwrap_or(0);
        (lo, hi)
    }

    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The short name used when the report quotes this question.
    pub fn short_title(&self) -> &str {
        if self.title.is_empty() {
            &self.prompt
        } else {
            &self.title
        }
    }
}

/// One answer to a safety question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SafetyChoice {
    /// Kebab-case, unique within its question; `prefer-not-to-say` is expected.
    pub id: String,
    /// As shown in the prompt.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub label: String,
    /// Whether this answer suggests the person may not be safe.
    pub concern: bool,
}

/// A safety screening question. Its answers never count toward tip scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SafetyQuestion {
    /// Kebab-case, unique across the bank.
    pub id: String,
    /// The question, worded gently.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub prompt: String,
    /// What a concerning answer suggests, as a short phrase for the report.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub finding: String,
    /// The answers.
    pub options: Vec<SafetyChoice>,
}

impl SafetyQuestion {
    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&SafetyChoice> {
        self.options.iter().find(|o| o.id == id)
    }
}

/// Any `questions/*.json` file other than `tips.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    /// Where editors find this file's JSON Schema.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Scenario questions.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Safety screening questions.
    #[serde(default)]
    pub safety: Vec<SafetyQuestion>,
}

/// A loaded, checked question bank.
#[derive(Debug, Clone)]
pub struct Bank {
    /// Its identity.
    pub meta: BankMeta,
    /// `sha256:` and the hex digest of its files, so results name the exact questions.
    pub hash: String,
    /// The ten tips, in the article's order.
    pub tips: Vec<Tip>,
    /// Scenario questions, files in name order.
    pub questions: Vec<Question>,
    /// Safety questions, asked before everything else.
    pub safety: Vec<SafetyQuestion>,
    /// The closing section on the person's own needs, when the bank has one.
    pub needs: Option<Needs>,
    /// Help lines by region: the bank's `helplines.json`, else the built-in one.
    pub helplines: Vec<Region>,
}

impl Bank {
    /// The tip with this id.
    pub fn tip(&self, id: &str) -> Option<&Tip> {
        self.tips.iter().find(|t| t.id == id)
    }

    /// The scenario question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The safety question with this id.
    pub fn safety_question(&self, id: &str) -> Option<&SafetyQuestion> {
        self.safety.iter().find(|q| q.id == id)
    }

    /// Where to find help in `region` (a code such as `AU`), else the
    /// fallback for everyone else.
    pub fn help(&self, region: Option<&str>) -> Option<&Region> {
        helplines::pick(&self.helplines, region)
    }

    /// The questions of the quick check: one or two telling questions per tip.
    pub fn quick_questions(&self) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| q.quick.is_some())
            .collect()
    }

    /// Loads the bundled bank. It is checked by a test, not at every start.
    pub fn embedded() -> Result<Bank> {
        Ok(embedded::load())
    }

    /// Loads the bank in `dir`: `tips.json` and every other `*.json` file.
    pub fn from_dir(dir: &Path) -> Result<Bank> {
        let files = read_bank_dir(dir)?;
        Bank::from_files(&dir.display().to_string(), &files).map_err(Error::Bank)
    }

    /// Loads the bank from `--questions DIR` when given, else the bundled one.
    pub fn load(dir: Option<&Path>) -> Result<Bank> {
        match dir {
            Some(dir) => Bank::from_dir(dir),
            None => Bank::embedded(),
        }
    }

    /// Parses and checks a bank given as (file name, bytes) pairs. Fails with
    /// every error found; warnings alone do not fail.
    pub fn from_files(source: &str, files: &[(String, Vec<u8>)]) -> Result<Bank, Problems> {
        let (bank, problems) = check_files(source, files);
        match bank {
            Some(bank) if !problems.has_errors() => Ok(bank),
            _ => Err(problems),
        }
    }
}

/// The bundled bank's files as (file name, bytes) pairs.
pub fn embedded_files() -> Vec<(String, Vec<u8>)> {
    EMBEDDED
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect()
}

/// Reads the `*.json` files of a bank directory, in name order. Unlike
/// `store::json_files`, a folder that cannot be read is an error here.
pub fn read_bank_dir(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = crate::store::read_limited(&path, MAX_BANK_FILE_BYTES, "a question bank file")?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push((name, bytes));
    }
    Ok(files)
}
