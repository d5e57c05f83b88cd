//! The answers file: `{"answers": {"<question-id>": "<option-id>", ...}}`.
//!
//! A saved result has the same `answers` object, so it can be fed back with
//! `--answers`; every other field is ignored here.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::json::parse_json;

/// The largest answers file openup reads.
pub const MAX_ANSWERS_FILE_BYTES: u64 = 1024 * 1024;

/// The answers file's shape.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct AnswersFile {
    /// Where editors find this file's JSON Schema.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Question id (scenario or safety) to the chosen option's id. Questions left
    /// out count as skipped.
    #[serde(deserialize_with = "crate::text::on_read::map")]
    pub answers: BTreeMap<String, String>,
    /// `quick` to score as the quick check (a saved quick result carries it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<crate::score::Mode>,
}

/// Parses answers and checks every id against the bank, naming every unknown
/// question and option at once.
pub fn parse(path: &Path, bytes: &[u8], bank: &Bank) -> Result<AnswersFile> {
    let file: AnswersFile = parse_json(bytes).map_err(|problem| Error::BadFile {
        path: path.to_path_buf(),
        message: format!(
            "{problem}. An answers file looks like {{\"answers\": {{\"question-id\": \"option-id\"}}}}."
        ),
    })?;
    let mut unknown = Vec::new();
    for (question, option) in &file.answers {
        let known_options: Option<Vec<&str>> = if let Some(q) = bank.question(question) {
            Some(q.options.iter().map(|o| o.id.as_str()).collect())
        } else {
            bank.safety_question(question)
                .map(|q| q.options.iter().map(|o| o.id.as_str()).collect())
        };
        let (question, option) = (
            crate::text::excerpt(question, crate::text::QUOTED),
            crate::text::excerpt(option, crate::text::QUOTED),
        );
        match known_options {
            None => unknown.push(format!("question \"{question}\" is not in the bank")),
            Some(options) if !options.contains(&&*option) => unknown.push(format!(
                "question \"{question}\" has no option \"{option}\" (its options are {})",
                options.join(", ")
            )),
            Some(_) => {}
        }
    }
    if !unknown.is_empty() {
        return Err(Error::BadFile {
            path: path.to_path_buf(),
            message: format!(
                "{} not fit the question bank {} {}: {}. `openup questions` lists every question and option id; correct or remove those answers.",
                crate::text::count(unknown.len(), "answer does", "answers do"),
                bank.meta.id,
                bank.meta.version,
                unknown.join("; ")
            ),
        });
    }
    Ok(file)
}
