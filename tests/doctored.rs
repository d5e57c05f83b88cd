//! Results edited by hand: `report`, `history` and `compare` recompute what
//! they show from the stored answers when the result's bank is at hand, say
//! plainly when the saved figures did not match, and name values that cannot
//! be right instead of clipping them quietly.

mod support;

use serde_json::{Value, json};
use support::{Test, all_answers, answers_with, squash};

/// A result as `openup start --json` prints it, for these answers, as JSON.
fn result_for(answers: Value) -> Value {
    let out = Test::new()
        .args(["start", "--json", "--no-save", "--answers"])
        .answers_file(answers)
        .run();
    out.json()
}

/// A result whose safety answers are all "no".
fn calm() -> Value {
    result_for(all_answers())
}

/// A result whose partner-fear answer is "often".
fn afraid() -> Value {
    result_for(answers_with(&[("safety-afraid", Some("often"))]))
}

/// A result with one edit applied.
fn edited(mut result: Value, edit: impl FnOnce(&mut Value)) -> String {
    edit(&mut result);
    serde_json::to_string_pretty(&result).expect("JSON")
}

fn set_answer(result: &mut Value, question: &str, option: &str) {
    result["answers"][question] = json!(option);
}

/// The title of the first tip with a score, and that score.
fn first_scored(result: &Value) -> (usize, String, u64) {
    let scores = result["scores"].as_array().expect("scores");
    let (n, s) = scores
        .iter()
        .enumerate()
        .find(|(_, s)| s["score"].is_u64())
        .expect("a scored tip");
    (
        n,
        support::tip_title(s["tip"].as_str().expect("tip id")),
        s["score"].as_u64().expect("score"),
    )
}

/// The report's "Where to focus first" section.
fn focus_section(report: &str) -> &str {
    let start = report
        .find("Where to focus first")
        .expect("a focus section");
    let rest = &report[start..];
    &rest[..rest.find("All ten tips").unwrap_or(rest.len())]
}

const RECOMPUTED: &str =
    "did not match its answers, so openup shows them recomputed from the answers";
/// The note's sentence for a safety answer flipped to a concern.
const RAISED: &str = "Its saved figures showed no safety concern, but its answers raise one (feeling afraid of your partner); the safety section follows the answers.";
/// The note's sentence for a safety answer flipped away from a concern.
const NOT_RAISED: &str = "Its saved figures showed a safety concern (feeling afraid of your partner) that its answers do not raise; the safety section follows the answers.";

// ------------------------------------------------------------------- report

#[test]
fn an_untouched_result_reports_without_a_note() {
    Test::new()
        .args(["report", "result.json"])
        .write("result.json", edited(calm(), |_| {}))
        .expect_stderr("")
        .run();
}

#[test]
fn report_follows_the_answers_when_the_safety_answer_was_flipped_to_often() {
    let out = Test::new()
        .args(["report", "result.json"])
        .write(
            "result.json",
            edited(calm(), |r| set_answer(r, "safety-afraid", "often")),
        )
        .expect_stdout_contains("First, your safety")
        .expect_stdout_contains("Not suggested for now")
        .expect_stdout_contains("Your answers mentioned")
        .expect_stderr(&format!(
            "Note: the figures saved in result.json {RECOMPUTED}. {RAISED}\n"
        ))
        .run();
    // Time apart is set aside when the safety screen raised a concern.
    assert!(
        !focus_section(&out.stdout).contains("Allow time apart"),
        "{}",
        out.stdout
    );
}

#[test]
fn report_follows_the_answers_when_the_safety_answer_was_flipped_to_no() {
    Test::new()
        .args(["report", "result.json"])
        .write(
            "result.json",
            edited(afraid(), |r| set_answer(r, "safety-afraid", "no")),
        )
        .expect_stdout_not_contains("First, your safety")
        .expect_stderr(&format!(
            "Note: the figures saved in result.json {RECOMPUTED}. {NOT_RAISED}\n"
        ))
        .run();
}

#[test]
fn report_names_a_score_over_100_and_shows_the_recomputed_score() {
    let result = calm();
    let (n, title, score) = first_scored(&result);
    let out = Test::new()
        .args(["report", "result.json", "--format", "json"])
        .write(
            "result.json",
            edited(result, |r| r["scores"][n]["score"] = json!(255)),
        )
        .expect_stderr(&format!(
            "Note: the figures saved in result.json {RECOMPUTED}. Saved scores that differ: {title} 255 (the answers give {score}). In the file, the score of 255 saved for {title} is outside 0-100.\n"
        ))
        .run();
    assert_eq!(out.json()["scores"][n]["score"], json!(score));
}

#[test]
fn report_names_a_band_that_contradicts_its_score() {
    let result = calm();
    let (n, title, score) = first_scored(&result);
    let band = if score >= 60 { "focus" } else { "strength" };
    Test::new()
        .args(["report", "result.json"])
        .write(
            "result.json",
            edited(result, |r| r["scores"][n]["band"] = json!(band)),
        )
        .expect_stderr(&format!(
            "Note: the figures saved in result.json {RECOMPUTED}. In the file, the band \"{band}\" saved for {title} does not fit its score of {score}.\n"
        ))
        .run();
}

#[test]
fn report_shows_recomputed_scores_for_edited_scores_in_range() {
    let result = calm();
    let (n, title, score) = first_scored(&result);
    let fake = if score >= 50 { 5 } else { 95 };
    let out = Test::new()
        .args(["report", "result.json", "--format", "json"])
        .write(
            "result.json",
            edited(result, |r| {
                r["scores"][n]["score"] = json!(fake);
                r["scores"][n]["band"] = json!(if fake == 5 { "focus" } else { "strength" });
            }),
        )
        .expect_stderr(&format!(
            "Note: the figures saved in result.json {RECOMPUTED}. Saved scores that differ: {title} {fake} (the answers give {score}).\n"
        ))
        .run();
    assert_eq!(out.json()["scores"][n]["score"], json!(score));
}

#[test]
fn report_names_answers_to_questions_the_bank_lacks() {
    Test::new()
        .args(["report", "result.json"])
        .write(
            "result.json",
            edited(calm(), |r| set_answer(r, "no-such-question", "maybe")),
        )
        .expect_stderr_contains(
            "result.json: it holds answers to questions the bank lacks (\"no-such-question\")",
        )
        .run();
}

#[test]
fn report_names_a_mode_that_contradicts_the_count() {
    let out = Test::new()
        .args(["report", "result.json", "--format", "json"])
        .write(
            "result.json",
            edited(calm(), |r| r["mode"] = json!("quick")),
        )
        // The note also lists every score the mode changes, which follow the
        // bank's weights: only its parts about the mode are pinned.
        .expect_stderr_contains(&format!(
            "Note: the figures saved in result.json {RECOMPUTED}. Saved scores that differ: "
        ))
        .expect_stderr_contains(". In the file, it says it is a quick check, which asks ")
        .expect_stderr_contains(" questions with this bank, but 64 were asked.\n")
        .run();
    let shown = out.json();
    assert_eq!(shown["mode"], "quick");
    assert!(shown["asked"].as_u64().expect("asked") < 38, "{shown}");
}

#[test]
fn a_score_of_256_is_refused_naming_the_field() {
    let result = calm();
    let (n, _, _) = first_scored(&result);
    Test::new()
        .args(["report", "result.json"])
        .write(
            "result.json",
            edited(result, |r| r["scores"][n]["score"] = json!(256)),
        )
        .expect_exit(1)
        .expect_stdout("")
        .expect_stderr_contains(&format!("result.json: scores[{n}].score"))
        .run();
}

// ------------------------------------------------- another bank: not checked

/// A result saved with the first question bank (1.0.0), which is not at hand.
const RESULT_FROM_BANK_1: &str = include_str!("fixtures/result-bank-1.0.0.json");

#[test]
fn a_result_from_another_bank_is_shown_as_saved_and_says_it_could_not_be_checked() {
    Test::new()
        .args(["report", "old.json"])
        .write("old.json", RESULT_FROM_BANK_1)
        .expect_stderr(concat!(
            "Note: this result was made with the question bank openup-core 1.0.0; now openup-core 2.9.1,",
            " so openup could not check the figures in old.json against its answers; they are shown as saved.\n",
        ))
        .run();
}

#[test]
fn impossible_values_in_a_result_from_another_bank_are_named_not_clipped_quietly() {
    let mut result: Value = serde_json::from_str(RESULT_FROM_BANK_1).expect("fixture");
    result["scores"][0]["score"] = json!(255);
    result["scores"][1]["score"] = json!(20);
    result["scores"][1]["band"] = json!("strength");
    result["mode"] = json!("quick");
    let out = Test::new()
        .args(["report", "old.json", "--format", "json"])
        .write("old.json", serde_json::to_string(&result).expect("JSON"))
        .expect_stderr(concat!(
            "Note: this result was made with the question bank openup-core 1.0.0; now openup-core 2.9.1, so openup could not check the figures in old.json against its answers; they are shown as saved.",
            " They cannot all be right:",
            " the score of 255 saved for Give it time is outside 0-100;",
            " the band \"strength\" saved for Talk openly with a score of 20 is above the band \"building\" saved for Practise empathy with a higher score of 52;",
            " it says it is a quick check, which asks one or two questions per tip (at most 20 here), but 38 questions were asked;",
            " its bar for Give it time is drawn at 100, the most there is, not 255.\n",
        ))
        .run();
    assert_eq!(out.json()["scores"][0]["score"], json!(100));
}

#[test]
fn the_safety_section_follows_the_answers_even_when_the_bank_is_not_at_hand() {
    let mut result: Value = serde_json::from_str(RESULT_FROM_BANK_1).expect("fixture");
    result["answers"]["safety-afraid"] = json!("often");
    let out = Test::new()
        .args(["report", "old.json"])
        .write("old.json", serde_json::to_string(&result).expect("JSON"))
        .expect_stdout_contains("First, your safety")
        .expect_stdout_contains("Not suggested for now")
        .expect_stderr(concat!(
            "Note: this result was made with the question bank openup-core 1.0.0; now openup-core 2.9.1, so openup could not check the figures in old.json against its answers; they are shown as saved.",
            " Its saved figures showed no safety concern, but its answers to the safety questions raise one (feeling afraid of your partner); the safety section follows the answers.\n",
        ))
        .run();
    assert!(
        !focus_section(&out.stdout).contains("Allow time apart"),
        "{}",
        out.stdout
    );
}

// ------------------------------------------------------------------ history

#[test]
fn history_recomputes_doctored_results_and_names_them() {
    let flipped = edited(calm(), |r| {
        r["created"] = json!("2026-10-01T09:00:00Z");
        set_answer(r, "safety-afraid", "often");
    });
    let hidden = edited(afraid(), |r| {
        r["created"] = json!("2026-11-01T09:00:00Z");
        set_answer(r, "safety-afraid", "no");
    });
    let out = Test::new()
        .arg("history")
        .write("data/results/2026-10-01T09-00-00Z.json", flipped)
        .write("data/results/2026-11-01T09-00-00Z.json", hidden)
        .expect_stdout_contains("Saved results (2)")
        // The notes name each file by its path, in the temporary directory.
        .expect_stderr_contains(&format!(
            "/data/results/2026-10-01T09-00-00Z.json {RECOMPUTED}. {RAISED}\n"
        ))
        .expect_stderr_contains(&format!(
            "/data/results/2026-11-01T09-00-00Z.json {RECOMPUTED}. {NOT_RAISED}\n"
        ))
        .run();
    let rows: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("  1. ") || l.starts_with("  2. "))
        .collect();
    assert_eq!(rows.len(), 2, "{}", out.stdout);
    assert!(rows[0].contains("safety concern"), "{}", out.stdout);
    assert!(!rows[1].contains("safety concern"), "{}", out.stdout);
}

#[test]
fn history_names_an_out_of_range_score_once_per_file() {
    let result = calm();
    let (n, title, _) = first_scored(&result);
    let out = Test::new()
        .arg("history")
        .write(
            "data/results/2026-10-01T09-00-00Z.json",
            edited(result, |r| r["scores"][n]["score"] = json!(255)),
        )
        .expect_stdout_contains("Saved results (1)")
        .expect_stderr_contains(&format!(
            "/data/results/2026-10-01T09-00-00Z.json {RECOMPUTED}. Saved scores that differ: {title} 255"
        ))
        .run();
    assert!(!out.stdout.contains("255"), "{}", out.stdout);
    let stderr = squash(&out.stderr);
    assert_eq!(stderr.matches("Note: ").count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the score of 255 saved for {title} is outside 0-100"
        )),
        "{stderr}"
    );
}

// ------------------------------------------------------------------ compare

#[test]
fn compare_recomputes_a_result_whose_safety_answer_was_flipped_to_often() {
    let out = Test::new()
        .args(["compare", "old.json", "new.json"])
        .write("old.json", edited(calm(), |_| {}))
        .write(
            "new.json",
            edited(calm(), |r| set_answer(r, "safety-afraid", "often")),
        )
        .expect_stdout_contains("(set aside for safety)")
        .expect_stderr(&format!(
            "Note: the figures saved in new.json {RECOMPUTED}. {RAISED}\n"
        ))
        .run();
    let stdout = squash(&out.stdout);
    assert!(
        stdout.contains("The safety screen raised a concern"),
        "{stdout}"
    );
}

#[test]
fn compare_recomputes_a_result_whose_safety_answer_was_flipped_to_no() {
    let out = Test::new()
        .args(["compare", "old.json", "new.json"])
        .write("old.json", edited(calm(), |_| {}))
        .write(
            "new.json",
            edited(afraid(), |r| set_answer(r, "safety-afraid", "no")),
        )
        .expect_stdout_not_contains("(set aside for safety)")
        .expect_stderr(&format!(
            "Note: the figures saved in new.json {RECOMPUTED}. {NOT_RAISED}\n"
        ))
        .run();
    assert!(
        !squash(&out.stdout).contains("The safety screen raised a concern"),
        "{}",
        out.stdout
    );
}

#[test]
fn compare_shows_recomputed_scores_not_edited_ones() {
    let result = calm();
    let (n, title, score) = first_scored(&result);
    let out = Test::new()
        .args(["compare", "old.json", "new.json"])
        .write("old.json", edited(result.clone(), |_| {}))
        .write(
            "new.json",
            edited(result, |r| r["scores"][n]["score"] = json!(255)),
        )
        .expect_stderr(&format!(
            "Note: the figures saved in new.json {RECOMPUTED}. Saved scores that differ: {title} 255 (the answers give {score}). In the file, the score of 255 saved for {title} is outside 0-100.\n"
        ))
        .run();
    let row = out
        .stdout
        .lines()
        .find(|l| l.contains(&title))
        .unwrap_or_default()
        .to_string();
    assert!(!row.contains("255") && !row.contains("100 "), "{row}");
    assert!(row.contains(&format!("{score}")), "{row}");
}
