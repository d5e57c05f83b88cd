//! The built-in bank at run time: its files are checked by a test (below), so
//! openup only deserialises them straight into their types, with none of the
//! path tracking and re-checking a bank from `--questions DIR` gets.

use sha2::{Digest, Sha256};

use super::{
    Bank, EMBEDDED, HELPLINES_FILE, HelplinesFile, QuestionFile, Region, TIPS_FILE, TipsFile,
};

/// `sha256:` and the hex digest of a bank's files, as (name, bytes) in name
/// order. The help lines are left out: they name the questions a result was
/// made with, and a corrected phone number does not change those.
pub(crate) fn bank_hash<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        if name == HELPLINES_FILE {
            continue;
        }
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(bytes);
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(7 + 2 * digest.len());
    hex.push_str("sha256:");
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// The built-in bank, deserialised without re-checking.
pub(crate) fn load() -> Bank {
    let mut tips_file: Option<TipsFile> = None;
    let mut questions = Vec::new();
    let mut safety = Vec::new();
    for (name, text) in EMBEDDED {
        // The test `embedded_bank_is_valid_and_loads_as_checked` proves these
        // files parse and pass every check, so a failure here is a build bug.
        if *name == HELPLINES_FILE {
            continue;
        } else if *name == TIPS_FILE {
            tips_file = Some(
                serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("built-in {name} is checked by a test: {e}")),
            );
        } else {
            let file: QuestionFile = serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("built-in {name} is checked by a test: {e}"));
            questions.extend(file.questions);
            safety.extend(file.safety);
        }
    }
    let tips_file = tips_file.expect("the built-in bank has tips.json (checked by a test)");
    let mut tips = tips_file.tips;
    tips.sort_by_key(|t| t.number);
    Bank {
        needs: tips_file.needs,
        meta: tips_file.bank,
        hash: bank_hash(EMBEDDED.iter().map(|(n, t)| (*n, t.as_bytes()))),
        tips,
        questions,
        safety,
        helplines: helplines(),
    }
}

/// The built-in help lines, also used by banks that have none of their own.
pub(crate) fn helplines() -> Vec<Region> {
    let text = EMBEDDED
        .iter()
        .find(|(name, _)| *name == HELPLINES_FILE)
        .map(|(_, text)| *text)
        .expect("the built-in bank has helplines.json (checked by a test)");
    let file: HelplinesFile = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("built-in {HELPLINES_FILE} is checked by a test: {e}"));
    file.helplines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Severity, check_files, embedded_files};

    #[test]
    fn embedded_bank_is_valid_and_loads_as_checked() {
        let (checked, problems) = check_files("embedded", &embedded_files());
        let errors: Vec<String> = problems
            .list
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert!(
            errors.is_empty(),
            "the built-in bank has errors: {errors:#?}"
        );
        let checked = checked.expect("the built-in bank builds");
        // The typed fast path must give exactly what the full check gives,
        // texts (cleaned there) included.
        assert_eq!(format!("{:#?}", load()), format!("{checked:#?}"));
    }

    #[test]
    fn embedded_files_are_in_name_order() {
        // The hash and the question order both follow file names.
        let names: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }
}
