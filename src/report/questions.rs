//! `openup questions`: the bank's questions and their option ids, as text or
//! as JSON in the shape of an answers file's keys. Pure.

use serde_json::{Value, json};

use crate::bank::Bank;
use crate::text::{TextStyle, wrap_hanging};

/// Every safety and scenario question with its id, title and options.
pub fn render_questions(bank: &Bank, style: TextStyle) -> String {
    let width = style.width;
    let mut out = String::from(
        "Question and option ids, for an answers file: {\"answers\": {\"question-id\": \"option-id\"}}\n\n",
    );
    let option = |out: &mut String, id: &str, label: &str| {
        out.push_str(&wrap_hanging(
            &format!("{id}: {label}"),
            width,
            "    ",
            "      ",
        ));
        out.push('\n');
    };
    for q in &bank.safety {
        out.push_str(&format!("{} (safety)\n", q.id));
        out.push_str(&wrap_hanging(&q.prompt, width, "  ", "  "));
        out.push('\n');
        for o in &q.options {
            option(&mut out, &o.id, &o.label);
        }
        out.push('\n');
    }
    for q in &bank.questions {
        let quick = if q.quick.is_some() {
            ", quick check"
        } else {
            ""
        };
        out.push_str(&format!("{} ({}{quick})\n", q.id, q.short_title()));
        for o in &q.options {
            option(&mut out, &o.id, &o.label);
        }
        out.push('\n');
    }
    out
}

/// The same as JSON: `{"bank": {...}, "safety": [...], "questions": [...]}`,
/// each question with `id`, `title` (or `prompt`), `quick` and its `options`
/// as `{id, label}`.
pub fn questions_json(bank: &Bank) -> String {
    let options = |pairs: Vec<(&str, &str)>| -> Vec<Value> {
        pairs
            .into_iter()
            .map(|(id, label)| json!({ "id": id, "label": label }))
            .collect()
    };
    let value = json!({
        "bank": { "id": bank.meta.id, "version": bank.meta.version },
        "safety": bank.safety.iter().map(|q| json!({
            "id": q.id,
            "prompt": q.prompt,
            "options": options(q.options.iter().map(|o| (o.id.as_str(), o.label.as_str())).collect()),
        })).collect::<Vec<_>>(),
        "questions": bank.questions.iter().map(|q| json!({
            "id": q.id,
            "title": q.short_title(),
            "quick": q.quick.is_some(),
            "options": options(q.options.iter().map(|o| (o.id.as_str(), o.label.as_str())).collect()),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value always serialises");
    text.push('\n');
    text
}
