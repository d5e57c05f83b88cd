//! Saved results over time, from the command line: history, compare, forget,
//! Markdown export, and writes that fail.

mod support;

use serde_json::{Value, json};
use support::{DATA, Test, safety_questions, scenario_questions, squash};

/// Answers choosing option `pick` (wrapping) on every question, "no" to safety.
fn answers_picking(pick: usize) -> Value {
    let mut answers = serde_json::Map::new();
    for q in scenario_questions() {
        let options = q["options"].as_array().expect("options");
        answers.insert(
            q["id"].as_str().expect("id").into(),
            options[pick % options.len()]["id"].clone(),
        );
    }
    for q in safety_questions() {
        answers.insert(q["id"].as_str().expect("id").into(), json!("no"));
    }
    json!({ "answers": answers })
}

/// A test directory holding `n` saved results, made from different answers.
fn with_saved_results(n: usize) -> Test {
    let mut test = Test::new();
    for pick in 0..n {
        let out = test
            .args(["start", "--save", "data/results/", "--answers"])
            .answers_file(answers_picking(pick))
            .expect_stderr_contains("Saved to data/results/")
            .run();
        assert_eq!(
            out.results().len(),
            pick + 1,
            "each run saves one more result"
        );
        test = out.then();
    }
    test
}

#[test]
fn history_without_results_says_how_to_get_some() {
    Test::new()
        .arg("history")
        .expect_stderr_contains("No saved results")
        .expect_stdout_not_contains("Saved results")
        .run();
}

#[test]
fn history_lists_every_result_and_each_tips_scores_over_time() {
    let out = with_saved_results(3)
        .arg("history")
        .expect_stdout_contains("Saved results (3)")
        .expect_stdout_contains("Each tip over time")
        .run();
    for n in 1..=3 {
        assert!(
            out.stdout.contains(&format!("  {n}. ")),
            "row {n} missing:\n{}",
            out.stdout
        );
    }
    assert!(
        out.stdout.contains('→'),
        "a change since the first result:\n{}",
        out.stdout
    );
    // A sparkline for every tip.
    let sparklines = out
        .stdout
        .lines()
        .filter(|l| l.chars().any(|c| ('▁'..='█').contains(&c)))
        .count();
    assert_eq!(sparklines, 10, "{}", out.stdout);
}

#[test]
fn a_corrupt_or_foreign_file_is_reported_and_skipped() {
    with_saved_results(2)
        .write("data/results/broken.json", "{\"schema_version\": 1, \"crea")
        .write("data/results/notes.json", "{\"shopping\": [\"milk\"]}")
        .arg("history")
        .expect_stdout_contains("Saved results (2)")
        .expect_stderr_contains("broken.json")
        .expect_stderr_contains("notes.json")
        .run();
}

#[test]
fn compare_defaults_to_the_last_two_results() {
    let out = with_saved_results(3)
        .arg("compare")
        .expect_stdout_contains("Comparing")
        .expect_stdout_contains("Left the focus list:")
        .expect_stdout_contains("Entered the focus list:")
        .run();
    let text = squash(&out.stdout);
    assert!(text.contains("held steady"), "{text}");
    // One row per tip, each with its change.
    assert_eq!(
        out.stdout
            .lines()
            .filter(
                |l| l.starts_with("  ") && l.trim_start().starts_with(|c: char| c.is_ascii_digit())
            )
            .filter(|l| l.contains("steady") || l.contains('↑') || l.contains('↓'))
            .count(),
        10,
        "{}",
        out.stdout
    );
}

#[test]
fn compare_takes_two_named_files() {
    let saved = with_saved_results(2).arg("history").run();
    let files = saved.results();
    saved
        .then()
        .arg("compare")
        .arg(files[0].display().to_string())
        .arg(files[1].display().to_string())
        .expect_stdout_contains("Comparing")
        .run();
}

#[test]
fn comparing_a_file_with_itself_or_a_copy_says_what_is_the_same() {
    let saved = with_saved_results(1).arg("history").run();
    let file = saved.results()[0].display().to_string();
    let copy = saved.path("copy.json");
    std::fs::copy(&file, &copy).expect("copy the result");
    let same = saved
        .then()
        .args(["compare", file.as_str(), file.as_str()])
        .expect_stderr(
            "Both names lead to the same file: a result compared with itself shows no change.\n",
        )
        .expect_stdout_contains(
            "Both hold the same answers and the same figures, so nothing moved.",
        )
        .run();
    same.then()
        .args(["compare", file.as_str(), "copy.json"])
        .expect_stderr("")
        .expect_stdout_contains(
            "Both hold the same answers and the same figures, so nothing moved.",
        )
        .expect_stdout_not_contains("same result")
        .run();
}

#[test]
fn compare_needs_two_results() {
    with_saved_results(1)
        .arg("compare")
        .expect_exit(2)
        .expect_stderr_contains("needs two saved results")
        .run();
}

#[test]
fn forget_without_a_terminal_needs_yes_and_deletes_nothing() {
    let out = with_saved_results(2)
        .arg("forget")
        .expect_exit(2)
        .expect_stderr_contains("--yes")
        .run();
    assert_eq!(out.results().len(), 2);
}

#[test]
fn forget_yes_deletes_results_and_the_draft_but_not_the_data_folder() {
    // openup's own draft: plain input that ends after the first scenario answer.
    let out = with_saved_results(2)
        .args(["start", "--plain"])
        .stdin("1\n".repeat(safety_questions().len() + 1))
        .expect_exit(1)
        .expect_stderr_contains(
            "openup: the input ended before the questions were all answered (at Question 2 of 64 · ",
        )
        .run()
        .then()
        .args(["forget", "--yes"])
        .expect_stderr_contains("Deleted 2 saved results and the unfinished draft")
        .run();
    assert!(out.results().is_empty());
    assert!(!out.path(DATA).join("draft.json").exists());
    assert!(out.path(DATA).exists(), "the data folder itself stays");
}

#[test]
fn markdown_export_is_private_and_never_overwrites() {
    let saved = with_saved_results(1).arg("history").run();
    let result = saved.results()[0].display().to_string();
    let export = [
        "report",
        &result,
        "--format",
        "markdown",
        "--output",
        "report.md",
    ];
    let out = saved
        .then()
        .args(export)
        .expect_stderr_contains("Wrote report.md")
        .run();
    let md = std::fs::read_to_string(out.path("report.md")).expect("written");
    assert!(md.starts_with("# openup reflection report"));
    assert!(md.contains("| Tip | Score | Band |"));
    #[cfg(unix)]
    assert_eq!(support::mode(&out.path("report.md")), 0o600);
    out.then()
        .args(export)
        .expect_exit(1)
        .expect_stderr_contains("does not overwrite")
        .run();
}

#[test]
fn a_folder_that_cannot_be_written_gives_a_clear_error_and_the_report_still_prints() {
    // /sys refuses new files even to root, so this holds in CI too.
    Test::new()
        .args(["start", "--save", "/sys/openup-test/results/", "--answers"])
        .answers_file(answers_picking(0))
        .expect_exit(1)
        .expect_stdout_contains("Where to focus first")
        .expect_stderr_contains("could not write /sys/openup-test/results/")
        .expect_stderr_contains("Choose another place")
        .run();
}

#[test]
fn report_without_a_file_shows_the_newest_saved_result() {
    let saved = with_saved_results(2).arg("history").run();
    let newest: Value =
        serde_json::from_slice(&std::fs::read(&saved.results()[1]).expect("read")).expect("json");
    let out = saved.then().args(["report", "--format", "json"]).run();
    assert_eq!(out.json(), newest);
}

#[test]
fn comparing_a_quick_check_with_a_full_one_says_so() {
    let saved = with_saved_results(1)
        .args(["start", "--quick", "--save", "data/results/", "--answers"])
        .answers_file(answers_picking(1))
        .expect_stderr_contains("Saved to data/results/")
        .run();
    saved
        .then()
        .arg("compare")
        .expect_stdout_contains("One of these is a quick check")
        .run();
}

#[test]
fn under_a_safety_concern_plain_mode_does_not_save_by_default() {
    // Four safety answers ("Often" is the third option of the first), one line
    // per scenario question, Enter at the review; the input then ends at the save
    // question, which takes its default.
    let safety = safety_questions().len();
    let mut lines = vec!["3".to_string()];
    lines.extend(std::iter::repeat_n(
        "1".to_string(),
        safety - 1 + scenario_questions().len(),
    ));
    lines.push(String::new());
    let out = Test::new()
        .args(["start", "--plain", "--seed", "1"])
        .stdin(lines.join("\n") + "\n")
        .expect_stdout_contains("First, your safety")
        .expect_stderr_contains("records your answers, the safety questions included")
        .expect_stderr_contains("Not saved.")
        .run();
    assert!(out.results().is_empty(), "nothing is saved without a yes");
}

#[test]
fn save_to_a_folder_that_does_not_exist_yet_creates_it() {
    let out = Test::new()
        .args(["start", "--save", "reports/", "--answers"])
        .answers_file(answers_picking(0))
        .expect_stderr_contains("Saved to reports/")
        .run();
    let saved: Vec<_> = std::fs::read_dir(out.path("reports"))
        .expect("folder made")
        .collect();
    assert_eq!(saved.len(), 1);
}

#[test]
fn resume_and_no_save_cannot_go_together() {
    Test::new()
        .args(["start", "--resume", "--no-save"])
        .expect_exit(2)
        .expect_stderr_contains("--no-save")
        .run();
}

/// A result saved with the first question bank (1.0.0, 38 questions), before
/// the forced-choice rewrite.
const RESULT_FROM_BANK_1: &str = include_str!("fixtures/result-bank-1.0.0.json");
/// The end of the note history and compare give for that result, after its path.
const NOTE_BANK_1: &str =
    "/data/results/2026-11-01T00-00-00Z.json against its answers; they are shown as saved.\n";

#[test]
fn results_from_the_first_bank_still_open_and_say_they_came_from_another_bank() {
    let test =
        with_saved_results(1).write("data/results/2026-11-01T00-00-00Z.json", RESULT_FROM_BANK_1);
    let out = test
        .args(["report", "data/results/2026-11-01T00-00-00Z.json"])
        .expect_stderr_contains("this result was made with the question bank openup-core 1.0.0")
        .expect_stdout_contains("Where to focus first")
        .run();
    let out = out
        .then()
        .arg("history")
        .expect_stdout_contains("Saved results (2)")
        .expect_stderr_contains(NOTE_BANK_1)
        .run();
    out.then()
        .arg("compare")
        .expect_stdout_contains("1.0.0")
        .expect_stderr_contains(NOTE_BANK_1)
        .run();
}
