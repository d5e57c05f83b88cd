//! JSON Schemas of openup's file formats, generated from the Rust types, so the
//! schemas under `schemas/` cannot drift from the code (a test compares them).

use clap::ValueEnum;
use schemars::JsonSchema;

use crate::answers::AnswersFile;
use crate::bank::{HelplinesFile, QuestionFile, TipsFile};
use crate::saved::SavedResult;

/// Any file of a question bank: `tips.json`, or a file of questions.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum BankFile {
    /// `tips.json`: the bank's identity and the ten tips.
    Tips(TipsFile),
    /// `helplines.json`: help lines by region.
    Helplines(HelplinesFile),
    /// Any other `*.json` file: scenario and safety questions.
    Questions(QuestionFile),
}

/// The schema's file name under `schemas/`.
pub fn file_name(kind: SchemaKind) -> &'static str {
    match kind {
        SchemaKind::Bank => "bank.schema.json",
        SchemaKind::Answers => "answers.schema.json",
        SchemaKind::Result => "result.schema.json",
    }
}

/// The schema as pretty JSON with a final newline.
pub fn schema(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::Bank => schemars::schema_for!(BankFile),
        SchemaKind::Answers => schemars::schema_for!(AnswersFile),
        SchemaKind::Result => schemars::schema_for!(SavedResult),
    };
    let mut value = schema.to_value();
    one_line_descriptions(&mut value);
    let mut text = serde_json::to_string_pretty(&value)
        .expect("a JSON Schema is a JSON value, which always serialises");
    text.push('\n');
    text
}

/// Doc comments wrap at 100 columns; a description in an editor's tooltip
/// should not break where the source did.
fn one_line_descriptions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match child {
                    serde_json::Value::String(text) if key == "description" => {
                        *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    }
                    _ => one_line_descriptions(child),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(one_line_descriptions),
        _ => {}
    }
}

/// The formats with a JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Question bank files.
    Bank,
    /// Answers files.
    Answers,
    /// Saved results.
    Result,
}
