//! The committed JSON Schemas match the Rust types, and the bundled files point
//! editors at them. When this fails after a change to a type, regenerate with
//! `cargo run -- schema bank > schemas/bank.schema.json` (likewise answers, result).

use openup::cli::SchemaKind;
use openup::schema::{file_name, schema};

#[test]
fn committed_schemas_match_the_code() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for kind in [SchemaKind::Bank, SchemaKind::Answers, SchemaKind::Result] {
        let path = dir.join(file_name(kind));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema(kind),
            "{} is out of date: run `cargo run -- schema {kind:?}` and commit the output",
            path.display()
        );
    }
}

#[test]
fn bundled_question_files_reference_the_bank_schema() {
    for (name, text) in openup::bank::EMBEDDED {
        let value: serde_json::Value = serde_json::from_str(text).expect("bundled files are JSON");
        assert_eq!(
            value.get("$schema").and_then(|s| s.as_str()),
            Some("../schemas/bank.schema.json"),
            "{name} should name its schema"
        );
    }
}
