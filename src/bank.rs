//! The question bank: the ten tips, the scenario questions and the safety screen.
//!
//! The bundled bank in `questions/` is compiled into the binary, so openup works
//! from any directory. `--questions DIR` loads another bank of the same format.
//! Loading checks everything and reports every problem it finds in one pass.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::text::clean;

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
        include_str!("../questions/closeness.json"),
    ),
    ("conflict.json", include_str!("../questions/conflict.json")),
    ("everyday.json", include_str!("../questions/everyday.json")),
    ("safety.json", include_str!("../questions/safety.json")),
    ("tips.json", include_str!("../questions/tips.json")),
    ("yourself.json", include_str!("../questions/yourself.json")),
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
    pub id: String,
    /// The bank's version; change it whenever questions or weights change.
    pub version: String,
    /// A human-readable name.
    #[serde(default)]
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
    pub title: String,
    /// One line on what the tip means.
    pub summary: String,
    /// Why it helps a guarded partner open up.
    pub why: String,
    /// Concrete things to try this week.
    #[serde(rename = "try")]
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
}

/// One answer to a scenario question, and how it bears on the tips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Kebab-case, unique within its question.
    pub id: String,
    /// What the person would do, as shown in the prompt.
    pub label: String,
    /// Tip id to weight in -2..=2; an absent tip has no bearing (0).
    #[schemars(schema_with = "weights_schema")]
    pub weights: BTreeMap<String, i64>,
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
    pub title: String,
    /// The situation and the question, as shown to the person.
    pub prompt: String,
    /// When set, the question is in the quick check, standing for this tip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "tip_id_schema")]
    pub quick: Option<String>,
    /// Three to five things a caring person might do.
    pub options: Vec<Choice>,
}

impl Question {
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
    pub prompt: String,
    /// What a concerning answer suggests, as a short phrase for the report.
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
    /// Where it came from: `embedded` or a directory.
    pub source: String,
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

    /// The questions of the quick check, one strong question per tip.
    pub fn quick_questions(&self) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| q.quick.is_some())
            .collect()
    }

    /// Loads the bundled bank.
    pub fn embedded() -> Result<Bank> {
        Bank::from_files("embedded", &embedded_files()).map_err(Error::Bank)
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

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The bank cannot be used.
    Error,
    /// The bank works, but measures less well than it should.
    Warning,
}

/// One thing wrong with a bank, located by file and JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The file's name within the bank.
    pub file: String,
    /// Where in the file: a JSON path such as `questions[3].options[1].weights.patince`,
    /// or `line 4, column 7` for syntax errors; empty for the file as a whole.
    pub place: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // One line, whatever keys and values from the file hold.
        let (file, place, message) = (clean(&self.file), clean(&self.place), clean(&self.message));
        if place.is_empty() {
            write!(f, "{kind}: {file}: {message}")
        } else {
            write!(f, "{kind}: {file}: {place}: {message}")
        }
    }
}

/// Every problem found in one bank.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    /// `embedded` or the bank's directory.
    pub source: String,
    /// In the order found: file by file.
    pub list: Vec<Problem>,
}

impl Problems {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// How many problems of this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|p| p.severity == severity).count()
    }

    fn push(&mut self, severity: Severity, file: &str, place: String, message: String) {
        self.list.push(Problem {
            severity,
            file: file.to_string(),
            place,
            message,
        });
    }

    fn error(&mut self, file: &str, place: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, file, place.into(), message.into());
    }

    fn warn(&mut self, file: &str, place: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, file, place.into(), message.into());
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.count(Severity::Error);
        let noun = if errors == 1 { "problem" } else { "problems" };
        writeln!(
            f,
            "the question bank at {} has {errors} {noun} that must be fixed before openup can use it:",
            self.source
        )?;
        for problem in self.list.iter().filter(|p| p.severity == Severity::Error) {
            writeln!(f, "  {problem}")?;
        }
        write!(
            f,
            "Fix them in the files named, then run `openup validate` with the same --questions to check."
        )
    }
}

/// Parses the files and checks them, returning the bank when it could be built
/// at all, and every problem found (errors and warnings).
pub fn check_files(source: &str, files: &[(String, Vec<u8>)]) -> (Option<Bank>, Problems) {
    let mut problems = Problems {
        source: source.to_string(),
        ..Problems::default()
    };
    let mut tips_file: Option<TipsFile> = None;
    // Each question keeps its index in its file, for the places in messages.
    let mut question_files: Vec<(String, Indexed<Question>, Indexed<SafetyQuestion>)> = Vec::new();
    let mut hasher = Sha256::new();
    let mut unparsed = BTreeSet::new();

    for (name, bytes) in files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(bytes);
        hasher.update([0]);
        if name == TIPS_FILE {
            // Texts are cleaned before they are checked, so a title made only of
            // escape sequences counts as the empty title it will print as.
            tips_file = parse_file::<TipsFile>(name, bytes, &mut problems).map(|f| TipsFile {
                bank: clean_meta(f.bank),
                tips: f.tips.into_iter().map(clean_tip).collect(),
                ..f
            });
        } else if let Some(file) = parse_file::<QuestionFile>(name, bytes, &mut problems) {
            question_files.push((
                name.clone(),
                indexed(file.questions.into_iter().map(clean_question).collect()),
                indexed(file.safety.into_iter().map(clean_safety).collect()),
            ));
        } else {
            // Check the questions that did parse too, so one pass finds everything.
            unparsed.insert(name.clone());
            let (questions, safety) = readable_questions(bytes);
            let questions = questions
                .into_iter()
                .map(|(i, q)| (i, clean_question(q)))
                .collect();
            let safety = safety
                .into_iter()
                .map(|(i, q)| (i, clean_safety(q)))
                .collect();
            question_files.push((name.clone(), questions, safety));
        }
    }

    // Questions are checked even when tips.json is broken: their tip ids are
    // checked against the ten known ones, so one pass still finds everything.
    let tips = tips_file
        .as_ref()
        .map(|file| check_tips(file, &mut problems));
    if tips_file.is_none() && !files.iter().any(|(name, _)| name == TIPS_FILE) {
        problems.error(
            TIPS_FILE,
            "",
            "the bank has no tips.json; every bank needs one with its id, version and the ten tips",
        );
    }
    let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut questions = Vec::new();
    let mut safety = Vec::new();
    for (file, file_questions, file_safety) in question_files {
        if file_questions.is_empty() && file_safety.is_empty() && !unparsed.contains(&file) {
            problems.warn(
                &file,
                "",
                "the file has no questions and no safety questions",
            );
        }
        for (i, q) in &file_questions {
            check_question(&file, *i, q, &mut seen_ids, &mut problems);
        }
        for (i, q) in &file_safety {
            check_safety_question(&file, *i, q, &mut seen_ids, &mut problems);
        }
        questions.extend(file_questions.into_iter().map(|(_, q)| (file.clone(), q)));
        safety.extend(file_safety.into_iter().map(|(_, q)| q));
    }
    // With a file unreadable, coverage counts would only add false alarms.
    let all_parsed = unparsed.is_empty() && tips_file.is_some();
    if all_parsed {
        check_coverage(&questions, &mut problems);
    }
    if all_parsed && safety.is_empty() {
        problems.error(
            "(whole bank)",
            "",
            "the bank has no safety questions; add a file with a \"safety\" list so the safety screen can come first",
        );
    }
    let (Some(tips_file), Some(tips)) = (tips_file, tips) else {
        return (None, problems);
    };

    let bank = Bank {
        source: source.to_string(),
        meta: tips_file.bank,
        hash: format!("sha256:{}", hex(&hasher.finalize())),
        tips,
        questions: questions.into_iter().map(|(_, q)| q).collect(),
        safety,
    };
    (Some(bank), problems)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_file<T: serde::de::DeserializeOwned + Serialize>(
    name: &str,
    bytes: &[u8],
    problems: &mut Problems,
) -> Option<T> {
    match parse_json::<T>(bytes) {
        Ok(value) => Some(value),
        Err(first) => {
            // serde stops at the first problem; read valid JSON item by item to
            // report every broken question at once.
            let every = if first.syntax {
                Vec::new()
            } else {
                every_item_problem(bytes)
            };
            if every.is_empty() {
                problems.error(name, first.place, first.message);
            }
            for (place, message) in every {
                problems.error(name, place, message);
            }
            None
        }
    }
}

/// Items with their index in the file.
type Indexed<T> = Vec<(usize, T)>;

fn indexed<T>(items: Vec<T>) -> Indexed<T> {
    items.into_iter().enumerate().collect()
}

/// The questions of a file that failed to parse as a whole which parse on their own.
fn readable_questions(bytes: &[u8]) -> (Indexed<Question>, Indexed<SafetyQuestion>) {
    fn items<T: serde::de::DeserializeOwned>(value: Option<&serde_json::Value>) -> Indexed<T> {
        let Some(array) = value.and_then(|v| v.as_array()) else {
            return Vec::new();
        };
        array
            .iter()
            .enumerate()
            .filter_map(|(i, item)| T::deserialize(item).ok().map(|q| (i, q)))
            .collect()
    }
    match parse_json::<serde_json::Value>(bytes) {
        Ok(value) => (items(value.get("questions")), items(value.get("safety"))),
        Err(_) => (Vec::new(), Vec::new()),
    }
}

/// The structural problems of every item of a bank file that is valid JSON.
fn every_item_problem(bytes: &[u8]) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(fields)) = parse_json::<serde_json::Value>(bytes) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in &fields {
        match key.as_str() {
            "$schema" => check_item::<String>(value, key, &mut out),
            "bank" => check_item::<BankMeta>(value, key, &mut out),
            "tips" => check_each::<Tip>(value, key, &mut out),
            "questions" => check_each::<Question>(value, key, &mut out),
            "safety" => check_each::<SafetyQuestion>(value, key, &mut out),
            other => out.push((
                other.to_string(),
                format!("unknown field `{other}`; bank files have `$schema`, `bank`, `tips`, `questions` and `safety`"),
            )),
        }
    }
    out
}

fn check_each<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    field: &str,
    out: &mut Vec<(String, String)>,
) {
    match value.as_array() {
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                check_item::<T>(item, &format!("{field}[{i}]"), out);
            }
        }
        None => check_item::<Vec<T>>(value, field, out),
    }
}

fn check_item<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    prefix: &str,
    out: &mut Vec<(String, String)>,
) {
    if let Err(err) = serde_path_to_error::deserialize::<_, T>(value) {
        let path = err.path().to_string();
        let place = if path == "." {
            prefix.to_string()
        } else {
            format!("{prefix}.{path}")
        };
        out.push((place, plain_type_names(&err.into_inner().to_string())));
    }
}

/// Why a JSON document could not be read, located as precisely as serde allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonProblem {
    /// `line L, column C` for syntax errors, or a JSON path for type errors.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// Whether the text is not JSON at all (damaged, cut short), rather than
    /// JSON of the wrong shape.
    pub syntax: bool,
}

impl fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// Parses JSON bytes into `T`, accepting a UTF-8 byte-order mark, and names the
/// place of any problem: line and column for syntax, the JSON path for structure.
pub fn parse_json<T: serde::de::DeserializeOwned + Serialize>(
    bytes: &[u8],
) -> Result<T, JsonProblem> {
    let text = std::str::from_utf8(bytes).map_err(|e| JsonProblem {
        place: String::new(),
        message: format!(
            "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.valid_up_to()
        ),
        syntax: true,
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(JsonProblem {
            place: String::new(),
            message: "the file is empty; it should hold a JSON object".to_string(),
            syntax: true,
        });
    }
    // Syntax first, with line and column; serde_json limits nesting to 128.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|inner| JsonProblem {
        place: format!("line {}, column {}", inner.line(), inner.column()),
        message: json_message(&inner),
        syntax: true,
    })?;
    // Every openup file is an object.
    if !value.is_object() {
        return Err(JsonProblem {
            place: "top level".to_string(),
            message: "the file should hold a JSON object ({ ... }) and holds something else"
                .to_string(),
            syntax: false,
        });
    }
    // Then the structure, located by JSON path.
    let typed = serde_path_to_error::deserialize::<_, T>(&value).map_err(|err| {
        let path = err.path().to_string();
        JsonProblem {
            place: if path == "." {
                "top level".to_string()
            } else {
                path
            },
            message: plain_type_names(&err.into_inner().to_string()),
            syntax: false,
        }
    })?;
    // serde also reads a struct from a list ([id, label, weights]); writing the
    // value back shows where that happened, so such a file is refused.
    if let Ok(back) = serde_json::to_value(&typed)
        && let Some(place) = list_for_object(&value, &back, "")
    {
        return Err(JsonProblem {
            place,
            message: "expected an object ({ ... }) here, not a list".to_string(),
            syntax: false,
        });
    }
    Ok(typed)
}

/// The first place where `input` has a list and its typed reading an object.
fn list_for_object(
    input: &serde_json::Value,
    read: &serde_json::Value,
    path: &str,
) -> Option<String> {
    use serde_json::Value;
    match (input, read) {
        (Value::Array(_), Value::Object(_)) => Some(if path.is_empty() {
            "top level".into()
        } else {
            path.into()
        }),
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(key, v)| {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            b.get(key).and_then(|w| list_for_object(v, w, &at))
        }),
        (Value::Array(a), Value::Array(b)) => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (v, w))| list_for_object(v, w, &format!("{path}[{i}]"))),
        _ => None,
    }
}

/// serde_json's message without its trailing "at line L column C", which the
/// place already says.
fn json_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    let message = plain_type_names(&message);
    match message.as_str() {
        "trailing characters" => "unexpected text after the JSON value".to_string(),
        "recursion limit exceeded" => "JSON syntax: nested more than 128 levels deep".to_string(),
        _ if err.is_syntax() || err.is_eof() => format!("JSON syntax: {message}"),
        _ => message,
    }
}

/// serde names Rust types ("expected i64", "expected struct TipsFile"); say
/// what they are in JSON instead.
fn plain_type_names(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, json) in [
        ("i64", "a whole number"),
        ("u64", "a whole number"),
        ("u32", "a whole number"),
        ("u8", "a whole number"),
        ("a boolean", "true or false"),
        ("a sequence", "a list ([ ... ])"),
        ("a map", "an object ({ ... })"),
    ] {
        out = out.replace(&format!("expected {rust}"), &format!("expected {json}"));
    }
    if let Some(at) = out.find("expected struct ") {
        out.truncate(at);
        out.push_str("expected an object ({ ... })");
    }
    if let Some(at) = out.find("expected enum ") {
        out.truncate(at);
        out.push_str("expected one of the allowed words");
    }
    out
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// "did you mean" for a misspelled tip id.
fn suggest_tip(unknown: &str) -> String {
    let best = TIP_IDS
        .iter()
        .map(|id| (strsim::levenshtein(unknown, id), id))
        .min();
    match best {
        Some((distance, id)) if distance <= 3 => format!(" (did you mean \"{id}\"?)"),
        _ => format!("; the tips are: {}", TIP_IDS.join(", ")),
    }
}

fn check_tips(file: &TipsFile, problems: &mut Problems) -> Vec<Tip> {
    let name = TIPS_FILE;
    if !is_kebab(&file.bank.id) {
        problems.error(
            name,
            "bank.id",
            format!(
                "\"{}\" is not a kebab-case id such as openup-core",
                file.bank.id
            ),
        );
    }
    if file.bank.version.trim().is_empty() {
        problems.error(
            name,
            "bank.version",
            "the version is empty; give the bank a version such as 1.0.0",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, tip) in file.tips.iter().enumerate() {
        let place = format!("tips[{i}]");
        match TIP_IDS.iter().position(|id| *id == tip.id) {
            None => problems.error(
                name,
                format!("{place}.id"),
                format!("unknown tip \"{}\"{}", tip.id, suggest_tip(&tip.id)),
            ),
            Some(index) => {
                if !seen.insert(tip.id.clone()) {
                    problems.error(
                        name,
                        format!("{place}.id"),
                        format!("tip \"{}\" is listed twice", tip.id),
                    );
                }
                if usize::from(tip.number) != index + 1 {
                    problems.error(
                        name,
                        format!("{place}.number"),
                        format!(
                            "tip \"{}\" is number {} in the article, not {}",
                            tip.id,
                            index + 1,
                            tip.number
                        ),
                    );
                }
            }
        }
        for (field, value) in [
            ("title", &tip.title),
            ("summary", &tip.summary),
            ("why", &tip.why),
        ] {
            if value.trim().is_empty() {
                problems.error(
                    name,
                    format!("{place}.{field}"),
                    format!("tip \"{}\" has an empty {field}", tip.id),
                );
            }
        }
        if tip.to_try.len() < 3 {
            problems.warn(
                name,
                format!("{place}.try"),
                format!(
                    "tip \"{}\" has {} things to try; give at least three",
                    tip.id,
                    tip.to_try.len()
                ),
            );
        }
    }
    for id in TIP_IDS {
        if !seen.contains(id) {
            problems.error(
                name,
                "tips",
                format!("tip \"{id}\" is missing; a bank needs all ten tips"),
            );
        }
    }
    let mut tips = file.tips.clone();
    tips.sort_by_key(|t| t.number);
    tips
}

fn check_id(file: &str, place: &str, what: &str, id: &str, problems: &mut Problems) {
    if !is_kebab(id) {
        problems.error(
            file,
            format!("{place}.id"),
            format!("{what} id \"{id}\" is not kebab-case (lowercase letters and digits joined by single hyphens)"),
        );
    }
}

fn check_unique_question_id(
    file: &str,
    place: &str,
    id: &str,
    seen: &mut BTreeMap<String, String>,
    problems: &mut Problems,
) {
    if let Some(first) = seen.get(id) {
        problems.error(
            file,
            format!("{place}.id"),
            format!("question id \"{id}\" is used twice (first in {first}); give each question its own id"),
        );
    } else {
        seen.insert(id.to_string(), file.to_string());
    }
}

fn check_question(
    file: &str,
    index: usize,
    q: &Question,
    seen: &mut BTreeMap<String, String>,
    problems: &mut Problems,
) {
    let place = format!("questions[{index}]");
    check_id(file, &place, "question", &q.id, problems);
    check_unique_question_id(file, &place, &q.id, seen, problems);
    if q.prompt.trim().is_empty() {
        problems.error(
            file,
            format!("{place}.prompt"),
            format!("question \"{}\" has an empty prompt", q.id),
        );
    }
    if !(3..=5).contains(&q.options.len()) {
        problems.error(
            file,
            format!("{place}.options"),
            format!(
                "question \"{}\" has {} options; give it 3 to 5",
                q.id,
                q.options.len()
            ),
        );
    }
    if let Some(tip) = &q.quick {
        if !TIP_IDS.contains(&tip.as_str()) {
            problems.error(
                file,
                format!("{place}.quick"),
                format!("unknown tip \"{tip}\"{}", suggest_tip(tip)),
            );
        } else if !q.measures(tip) {
            problems.error(
                file,
                format!("{place}.quick"),
                format!("question \"{}\" stands for \"{tip}\" in the quick check but none of its options weighs it", q.id),
            );
        }
    }
    let mut option_ids = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for (j, option) in q.options.iter().enumerate() {
        let oplace = format!("{place}.options[{j}]");
        check_id(file, &oplace, "option", &option.id, problems);
        if !option_ids.insert(option.id.as_str()) {
            problems.error(
                file,
                format!("{oplace}.id"),
                format!(
                    "option id \"{}\" is used twice in question \"{}\"",
                    option.id, q.id
                ),
            );
        }
        if option.label.trim().is_empty() {
            problems.error(
                file,
                format!("{oplace}.label"),
                format!("option \"{}\" has an empty label", option.id),
            );
        } else if !labels.insert(option.label.trim().to_lowercase()) {
            problems.warn(
                file,
                format!("{oplace}.label"),
                format!(
                    "question \"{}\" shows the label \"{}\" twice",
                    q.id, option.label
                ),
            );
        }
        if option.weights.is_empty() {
            problems.error(
                file,
                format!("{oplace}.weights"),
                format!(
                    "option \"{}\" has no weights; give it at least one tip weight from -2 to 2",
                    option.id
                ),
            );
        }
        for (tip, weight) in &option.weights {
            let wplace = format!("{oplace}.weights.{tip}");
            if !TIP_IDS.contains(&tip.as_str()) {
                problems.error(
                    file,
                    wplace.clone(),
                    format!("unknown tip \"{tip}\"{}", suggest_tip(tip)),
                );
            }
            if !WEIGHT_RANGE.contains(weight) {
                problems.error(
                    file,
                    wplace,
                    format!("weight {weight} is out of range; use an integer from -2 to 2"),
                );
            }
        }
    }
    let distinct: BTreeSet<&BTreeMap<String, i64>> = q.options.iter().map(|o| &o.weights).collect();
    if q.options.len() > 1 && distinct.len() == 1 {
        problems.warn(
            file,
            format!("{place}.options"),
            format!(
                "every option of question \"{}\" weighs the same, so it measures nothing",
                q.id
            ),
        );
    }
}

fn check_safety_question(
    file: &str,
    index: usize,
    q: &SafetyQuestion,
    seen: &mut BTreeMap<String, String>,
    problems: &mut Problems,
) {
    let place = format!("safety[{index}]");
    check_id(file, &place, "safety question", &q.id, problems);
    check_unique_question_id(file, &place, &q.id, seen, problems);
    if q.prompt.trim().is_empty() {
        problems.error(
            file,
            format!("{place}.prompt"),
            format!("safety question \"{}\" has an empty prompt", q.id),
        );
    }
    if q.options.len() < 2 {
        problems.error(
            file,
            format!("{place}.options"),
            format!("safety question \"{}\" needs at least two options", q.id),
        );
    }
    let mut ids = BTreeSet::new();
    for (j, option) in q.options.iter().enumerate() {
        let oplace = format!("{place}.options[{j}]");
        check_id(file, &oplace, "option", &option.id, problems);
        if !ids.insert(option.id.as_str()) {
            problems.error(
                file,
                format!("{oplace}.id"),
                format!("option id \"{}\" is used twice in \"{}\"", option.id, q.id),
            );
        }
    }
    if !q.options.iter().any(|o| o.concern) {
        problems.error(
            file,
            format!("{place}.options"),
            format!("safety question \"{}\" has no answer marked \"concern\": true, so it can never raise the safety section", q.id),
        );
    }
    if q.option("prefer-not-to-say").is_none() {
        problems.warn(
            file,
            format!("{place}.options"),
            format!(
                "safety question \"{}\" has no \"prefer-not-to-say\" option",
                q.id
            ),
        );
    }
}

fn check_coverage(questions: &[(String, Question)], problems: &mut Problems) {
    for tip in TIP_IDS {
        let measuring: Vec<&Question> = questions
            .iter()
            .map(|(_, q)| q)
            .filter(|q| q.measures(tip))
            .collect();
        if measuring.len() < MIN_QUESTIONS_PER_TIP {
            problems.error(
                "(whole bank)",
                "",
                format!(
                    "tip \"{tip}\" is measured by {} questions; it needs at least {MIN_QUESTIONS_PER_TIP} so one answer cannot decide it",
                    measuring.len()
                ),
            );
        }
        for q in &measuring {
            let (lo, hi) = q.weight_span(tip);
            if lo == hi {
                let file = questions
                    .iter()
                    .find(|(_, x)| x.id == q.id)
                    .map(|(f, _)| f.as_str())
                    .unwrap_or("");
                problems.warn(
                    file,
                    format!("question \"{}\"", q.id),
                    format!("every option weighs \"{tip}\" the same ({lo}), so it cannot tell answers apart for that tip"),
                );
            }
        }
        let quick = questions
            .iter()
            .filter(|(_, q)| q.quick.as_deref() == Some(tip))
            .count();
        if quick != 1 && questions.iter().any(|(_, q)| q.quick.is_some()) {
            problems.warn(
                "(whole bank)",
                "",
                format!("the quick check has {quick} questions for tip \"{tip}\"; it should have exactly one"),
            );
        }
    }
}

fn clean_meta(meta: BankMeta) -> BankMeta {
    BankMeta {
        id: clean(&meta.id),
        version: clean(&meta.version),
        title: clean(&meta.title),
    }
}

fn clean_tip(tip: Tip) -> Tip {
    Tip {
        title: clean(&tip.title),
        summary: clean(&tip.summary),
        why: clean(&tip.why),
        to_try: tip.to_try.iter().map(|t| clean(t)).collect(),
        ..tip
    }
}

fn clean_question(q: Question) -> Question {
    Question {
        title: clean(&q.title),
        prompt: clean(&q.prompt),
        options: q
            .options
            .into_iter()
            .map(|o| Choice {
                label: clean(&o.label),
                ..o
            })
            .collect(),
        ..q
    }
}

fn clean_safety(q: SafetyQuestion) -> SafetyQuestion {
    SafetyQuestion {
        prompt: clean(&q.prompt),
        finding: clean(&q.finding),
        options: q
            .options
            .into_iter()
            .map(|o| SafetyChoice {
                label: clean(&o.label),
                ..o
            })
            .collect(),
        ..q
    }
}
