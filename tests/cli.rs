//! Command-line tests: every command, flag and error path of `openup`, run as a
//! separate process in a temporary directory (see `support`).

mod support;

use std::fs;

use serde_json::{Value, json};
use support::{
    ANSWERS_HINT, DATA, RESULT_EDITED_HINT, SAVED_NEXT, SAVED_PRIVATE_NEXT, Test, all_answers,
    answers_with, bank_files, bank_refusal, safety_questions, scenario_questions, squash,
    tip_title, tips, tips_measured_by, validate_refusal,
};

const US_HOTLINE: &str = "1-800-799-7233";
/// The end of the message about answers that do not fit the bank.
const NOT_FIT: &str =
    ". `openup questions` lists every question and option id; correct or remove those answers.\n";
/// The last prompt of plain mode, on the review screen.
const REVIEW_PROMPT: &str =
    "Type a number to change that answer, l to list the answers, or press Enter to finish: \n";
/// The end of plain mode's output when the input ends on the second safety question.
const SAFETY_ENDED: &str = "\n\nStopped. Nothing was kept.\nopenup: the input ended before the safety questions were all answered (at Safety check 2 of 5). Give one line per question, then an empty line to finish at the review.\n";
/// The start of plain mode's last message when the input ends on the first scenario question.
const FIRST_QUESTION_ENDED: &str = "\n\nStopped. Nothing was kept.\nopenup: the input ended before the questions were all answered (at Question 1 of 64 · ";
const UK_HOTLINE: &str = "0808 2000 247";
const WITHHELD: [&str; 4] = [
    "patience",
    "unconditional-love",
    "time-apart",
    "not-about-you",
];

/// The titles of the focus tips in a text report, in order.
fn focus_titles(report: &str) -> Vec<String> {
    report
        .lines()
        .skip_while(|line| *line != "Where to focus first")
        .skip(1)
        .take_while(|line| *line != "Your strengths" && *line != "All ten tips")
        .filter(|line| line.starts_with(|c: char| c.is_ascii_digit()))
        .map(|line| {
            let (_, rest) = line.split_once(". ").expect("a numbered focus line");
            let (title, _) = rest
                .split_once(" (tip ")
                .expect("a focus line with its tip");
            title.to_string()
        })
        .collect()
}

/// A result as `openup start --json` prints it, for these answers.
fn result_json(answers: Value) -> String {
    Test::new()
        .args(["start", "--json", "--no-save", "--answers"])
        .answers_file(answers)
        .run()
        .stdout
}

/// How many tips of a result are not strengths: the most `--top` can show.
fn not_strengths(result: &str) -> usize {
    let value: Value = serde_json::from_str(result).expect("a result");
    value["scores"]
        .as_array()
        .expect("scores")
        .iter()
        .filter(|s| s["band"] != "strength" && s["band"] != "not-enough-answers")
        .count()
}

fn answers_in(result: &Value) -> Value {
    result["answers"].clone()
}

fn scenario_count() -> usize {
    scenario_questions().len()
}

/// How many questions the quick check asks.
fn quick_count() -> usize {
    scenario_questions()
        .iter()
        .filter(|q| q.get("quick").is_some())
        .count()
}

/// One line per question: 1 for every safety question ("No"), 1 for every scenario.
fn plain_lines_all_first() -> String {
    "1\n".repeat(safety_questions().len() + scenario_count())
}

// ---------------------------------------------------------------- tips

#[test]
fn tips_lists_the_ten_tips_with_numbers_and_the_help_lines() {
    let mut test = Test::new().arg("tips");
    let tips = tips();
    assert_eq!(tips.len(), 10);
    for tip in &tips {
        test = test.expect_stdout_contains(&format!(
            "{:>2}. {}\n",
            tip["number"],
            tip["title"].as_str().unwrap()
        ));
    }
    let out = test
        .expect_stdout_contains(US_HOTLINE)
        .expect_stdout_contains(UK_HOTLINE)
        .expect_stdout_not_contains("\x1b")
        .run();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(!out.path(DATA).exists(), "tips wrote to the data directory");
}

// ------------------------------------------------------- start --answers

#[test]
fn full_answers_print_the_report_and_save_a_private_result() {
    let out = Test::new()
        .args(["start", "--save", "data/results/", "--answers"])
        .answers_file(all_answers())
        .expect_stdout_contains("Where to focus first")
        .expect_stdout_contains("All ten tips")
        .expect_stdout_contains(&format!(
            "{n} of {n} questions answered",
            n = scenario_count()
        ))
        .expect_stdout_not_contains("\x1b")
        .expect_stderr_contains("Saved to ")
        .run();
    let results = out.results();
    assert_eq!(results.len(), 1, "{results:?}");
    let name = results[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(out.stderr.contains(&name), "{}", out.stderr);
    assert!(
        !out.stdout.contains("Saved to"),
        "the note belongs on stderr"
    );
    let saved: Value = serde_json::from_slice(&fs::read(&results[0]).unwrap()).unwrap();
    assert_eq!(saved["schema_version"], 1);
    #[cfg(unix)]
    {
        assert_eq!(support::mode(&results[0]), 0o600);
        assert_eq!(support::mode(&out.path(DATA).join("results")), 0o700);
    }
}

#[test]
fn plain_openup_with_answers_runs_the_assessment_too() {
    Test::new()
        .args(["--no-save", "--answers"])
        .answers_file(all_answers())
        .expect_stdout_contains("Where to focus first")
        .run();
}

#[test]
fn json_output_is_the_result_with_its_documented_shape() {
    let answers = all_answers();
    let out = Test::new()
        .args(["start", "--json", "--save", "data/results/", "--answers"])
        .answers_file(answers.clone())
        .expect_stderr_contains("Saved to ")
        .run();
    let result = out.json();
    assert_eq!(result["schema_version"], 1);
    assert_eq!(result["bank"]["id"], "openup-core");
    assert!(result["bank"]["version"].is_string());
    assert!(
        result["bank"]["hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    assert_eq!(result["answers"], answers["answers"]);
    let scores = result["scores"].as_array().unwrap();
    let tips = tips();
    assert_eq!(scores.len(), 10);
    for (score, tip) in scores.iter().zip(&tips) {
        assert_eq!(score["tip"], tip["id"]);
        assert!(score["score"].as_u64().is_some_and(|s| s <= 100), "{score}");
    }
    assert_eq!(result["focus"].as_array().unwrap().len(), 10);
    assert_eq!(result["safety"]["concern"], false);
    assert_eq!(result["safety"]["asked"], safety_questions().len());
    assert_eq!(result["safety"]["answered"], safety_questions().len());
    assert_eq!(result["withheld"], json!([]));
    // What --json prints is exactly what was saved.
    let results = out.results();
    assert_eq!(results.len(), 1);
    assert_eq!(fs::read_to_string(&results[0]).unwrap(), out.stdout);
}

#[test]
fn save_writes_to_the_path_given_and_never_overwrites_it() {
    let first = Test::new()
        .args(["start", "--save", "out/result.json", "--answers"])
        .answers_file(all_answers())
        .expect_stderr(&format!("Saved to out/result.json\n{SAVED_NEXT}"))
        .run();
    let path = first.path("out/result.json");
    let original = fs::read(&path).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&original).unwrap()["schema_version"],
        1
    );
    assert!(first.results().is_empty(), "--save PATH also saved to data");
    #[cfg(unix)]
    assert_eq!(support::mode(&path), 0o600);

    let second = first
        .then()
        .args(["start", "--save", "out/result.json", "--answers"])
        .answers_file(answers_with(&[("safety-afraid", Some("often"))]))
        .expect_exit(1)
        .expect_stderr("openup: could not write out/result.json: a file is already there and openup does not overwrite files. Choose another --save path, or remove that file first.\n")
        .expect_stderr_not_contains("Saved to")
        .run();
    assert_eq!(fs::read(second.path("out/result.json")).unwrap(), original);
}

#[test]
fn no_save_writes_nothing() {
    let out = Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(all_answers())
        .expect_stdout_contains("Where to focus first")
        .expect_stderr_not_contains("Saved")
        .run();
    assert!(
        !out.path(DATA).exists(),
        "--no-save created the data directory"
    );
}

#[test]
fn data_dir_flag_wins_over_the_environment() {
    let out = Test::new()
        .args(["start", "--save", "elsewhere/results/", "--answers"])
        .answers_file(all_answers())
        .expect_stderr_contains("Saved to elsewhere/results/")
        .run();
    assert!(!out.path(DATA).exists());
    let out = out
        .then()
        .args(["history", "--data-dir", "elsewhere"])
        .expect_stdout_contains("Saved results (1)")
        .run();
    out.then()
        .arg("history")
        .expect_stderr_contains("No saved results")
        .run();
}

#[test]
fn answers_files_save_nothing_without_save() {
    let out = Test::new()
        .args(["start", "--answers"])
        .answers_file(all_answers())
        .expect_stdout_contains("Where to focus first")
        .expect_stderr_not_contains("Saved to")
        .run();
    assert!(!out.path(DATA).exists(), "the data folder is untouched");
}

#[test]
fn top_sets_how_many_focus_tips_the_report_shows() {
    let out = Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(all_answers())
        .run();
    assert_eq!(focus_titles(&out.stdout).len(), 3, "the default is 3");

    let out = Test::new()
        .args(["start", "--no-save", "--top", "5", "--answers"])
        .answers_file(all_answers())
        .run();
    let focus = focus_titles(&out.stdout);
    assert_eq!(focus.len(), 5, "{focus:?}");

    let result: Value = serde_json::from_str(&result_json(all_answers())).unwrap();
    let expected: Vec<String> = result["focus"].as_array().unwrap()[..5]
        .iter()
        .map(|id| tip_title(id.as_str().unwrap()))
        .collect();
    assert_eq!(focus, expected);
}

#[test]
fn quick_check_scores_one_question_per_tip() {
    let out = Test::new()
        .args(["start", "--quick", "--no-save", "--answers"])
        .answers_file(all_answers())
        .expect_stdout_contains("quick check")
        .expect_stdout_contains("11 of 11 questions answered")
        .run();
    assert!(squash(&out.stdout).contains("This report comes from the quick check"));

    let result: Value = serde_json::from_str(
        &Test::new()
            .args(["start", "--quick", "--json", "--no-save", "--answers"])
            .answers_file(all_answers())
            .run()
            .stdout,
    )
    .unwrap();
    assert_eq!(result["mode"], "quick");
    assert_eq!(result["asked"], 11);
}

#[test]
fn missing_answers_are_skipped_listed_and_left_out_of_the_scores() {
    let questions = scenario_questions();
    let left_out = [&questions[1], &questions[questions.len() - 1]];
    let ids: Vec<&str> = left_out.iter().map(|q| q["id"].as_str().unwrap()).collect();
    let answers = answers_with(&[(ids[0], None), (ids[1], None)]);

    let out = Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(answers.clone())
        .expect_stdout_contains(&format!(
            "{} of {} questions answered",
            scenario_count() - 2,
            scenario_count()
        ))
        .run();
    let titles: Vec<&str> = left_out
        .iter()
        .map(|q| q["title"].as_str().unwrap())
        .collect();
    assert!(
        squash(&out.stdout).contains(&format!(
            "2 questions were skipped and did not count: {}, {}.",
            titles[0], titles[1]
        )),
        "{}",
        out.stdout
    );

    let result: Value = serde_json::from_str(&result_json(answers)).unwrap();
    assert_eq!(result["skipped"], json!(ids));
    for score in result["scores"].as_array().unwrap() {
        let tip = score["tip"].as_str().unwrap();
        let missing = left_out
            .iter()
            .filter(|q| tips_measured_by(q).iter().any(|t| t == tip))
            .count() as u64;
        assert_eq!(
            score["measured_by"].as_u64().unwrap() - score["answered"].as_u64().unwrap(),
            missing,
            "{score}"
        );
        for evidence in score["evidence"].as_array().unwrap() {
            assert!(!ids.contains(&evidence["question"].as_str().unwrap()));
        }
    }
}

#[test]
fn no_answers_at_all_give_no_scores_and_no_focus() {
    let out = Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(json!({"answers": {}}))
        .expect_stdout_contains(&format!("0 of {} questions answered", scenario_count()))
        .expect_stdout_contains("You chose not to answer some or all of the safety questions")
        .run();
    assert!(squash(&out.stdout).contains("There are not enough answers to suggest a focus yet"));

    let result: Value = serde_json::from_str(&result_json(json!({"answers": {}}))).unwrap();
    assert_eq!(result["focus"], json!([]));
    assert!(
        result["scores"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["score"].is_null() && s["band"] == "not-enough-answers")
    );
}

#[test]
fn unknown_question_id_names_the_file_and_the_id() {
    Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(answers_with(&[("no-such-question", Some("yes"))]))
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: 1 answer does not fit the question bank openup-core 2.9.1: question \"no-such-question\" is not in the bank{NOT_FIT}"
        ))
        .expect_stdout_not_contains("Where to focus first")
        .run();
}

#[test]
fn unknown_option_id_names_the_file_the_question_and_the_option() {
    let first = &scenario_questions()[0];
    let question = first["id"].as_str().unwrap().to_string();
    let options: Vec<&str> = first["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(answers_with(&[(&question, Some("no-such-option"))]))
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: 1 answer does not fit the question bank openup-core 2.9.1: question \"{question}\" has no option \"no-such-option\" (its options are {}){NOT_FIT}",
            options.join(", ")
        ))
        .run();
}

#[test]
fn unknown_safety_option_is_refused_too() {
    Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(answers_with(&[("safety-afraid", Some("maybe"))]))
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: 1 answer does not fit the question bank openup-core 2.9.1: question \"safety-afraid\" has no option \"maybe\" (its options are no, sometimes, often, prefer-not-to-say){NOT_FIT}"
        ))
        .run();
}

#[test]
fn malformed_answers_json_gives_line_and_column() {
    Test::new()
        .args(["start", "--no-save", "--answers", "answers.json"])
        .write("answers.json", "{\"answers\": {\n  \"lonely\": \n}\n")
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: line 3, column 1: JSON syntax: expected value.{ANSWERS_HINT}"
        ))
        .run();
}

#[test]
fn empty_answers_file_is_refused() {
    Test::new()
        .args(["start", "--no-save", "--answers", "answers.json"])
        .write("answers.json", "  \n")
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: the file is empty; it should hold a JSON object.{ANSWERS_HINT}"
        ))
        .run();
}

#[test]
fn non_utf8_answers_file_is_refused() {
    Test::new()
        .args(["start", "--no-save", "--answers", "answers.json"])
        .write("answers.json", b"{\"answers\": {\"lonely\": \"\xff\"}}")
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: the file is not UTF-8 text (invalid byte at offset 24); save it as UTF-8.{ANSWERS_HINT}"
        ))
        .run();
}

#[test]
fn answers_file_that_is_not_an_object_is_refused() {
    let not_an_object = format!(
        "openup: answers.json: top level: the file should hold a JSON object ({{ ... }}) and holds something else.{ANSWERS_HINT}"
    );
    for text in ["42", "\"answers\"", "null", "true", "[1, 2]"] {
        Test::new()
            .args(["start", "--no-save", "--answers", "answers.json"])
            .write("answers.json", text)
            .expect_exit(1)
            .expect_stderr(&not_an_object)
            .run();
    }
}

#[test]
fn answers_file_that_is_an_array_is_refused_even_when_it_fits_the_struct() {
    Test::new()
        .args(["start", "--no-save", "--answers", "answers.json"])
        .write("answers.json", "[null, {\"lonely\": \"tell-partner\"}]")
        .expect_exit(1)
        .expect_stderr(&format!("openup: answers.json: top level: the file should hold a JSON object ({{ ... }}) and holds something else.{ANSWERS_HINT}"))
        .run();
}

#[test]
fn answers_object_without_answers_is_refused() {
    Test::new()
        .args(["start", "--no-save", "--answers", "answers.json"])
        .write("answers.json", "{\"lonely\": \"tell-partner\"}")
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: top level: missing field `answers`.{ANSWERS_HINT}"
        ))
        .run();
}

#[test]
fn an_answer_given_twice_is_refused_not_read_as_the_last() {
    Test::new()
        .args(["start", "--no-save", "--answers", "answers.json"])
        .write(
            "answers.json",
            r#"{"answers": {"safety-afraid": "often", "safety-afraid": "no"}}"#,
        )
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: answers: the key \"safety-afraid\" is given twice in the same object; keep one of them (at line 1 column 54).{ANSWERS_HINT}"
        ))
        .expect_stdout_not_contains("Where to focus first")
        .run();
}

#[test]
fn a_weight_given_twice_in_a_bank_is_refused() {
    let text = fs::read_to_string(support::questions_dir().join("conflict.json")).unwrap();
    let text = text.replacen(
        "\"weights\": {",
        "\"weights\": {\"patience\": 2, \"patience\": 1,",
        1,
    );
    let bank = Test::new().write_bank("conflict.json", &text);
    bank.args(["validate", "bank"])
        .expect_exit(1)
        .expect_stderr_contains(
            "conflict.json: questions[0].options[0].weights: the key \"patience\" is given twice",
        )
        .run();
}

#[test]
fn answer_of_the_wrong_type_names_its_place() {
    Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(json!({"answers": {"lonely": 3}}))
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: answers.json: answers.lonely: invalid type: integer `3`, expected a string.{ANSWERS_HINT}"
        ))
        .run();
}

#[test]
fn answers_file_with_a_byte_order_mark_is_read() {
    let text = format!("\u{feff}{}", all_answers());
    Test::new()
        .args(["start", "--no-save", "--answers", "answers.json"])
        .write("answers.json", text)
        .expect_stdout_contains("Where to focus first")
        .run();
}

#[test]
fn nonexistent_answers_file_names_the_path() {
    let out = Test::new()
        .args(["start", "--answers", "missing/answers.json"])
        .expect_exit(1)
        .expect_stderr_contains("could not read missing/answers.json")
        .run();
    assert!(out.stdout.is_empty());
    assert!(!out.path(DATA).exists());
}

#[test]
fn a_saved_result_fed_back_as_answers_gives_the_same_scores() {
    let answers = answers_with(&[("safety-controlled", Some("sometimes"))]);
    // With a safety concern a result is saved only where --save says.
    let first = Test::new()
        .args(["start", "--save", "first.json", "--answers"])
        .answers_file(answers)
        .expect_stderr(&format!("Saved to first.json\n{SAVED_PRIVATE_NEXT}"))
        .run();
    let saved_text = fs::read_to_string(first.path("first.json")).unwrap();
    let before: Value = serde_json::from_str(&saved_text).unwrap();

    let again = Test::new()
        .args(["start", "--json", "--no-save", "--answers", "result.json"])
        .write("result.json", &saved_text)
        .run()
        .json();
    assert_eq!(answers_in(&again), answers_in(&before));
    for key in ["scores", "focus", "withheld", "safety", "skipped", "bank"] {
        assert_eq!(again[key], before[key], "{key} differs");
    }
}

// ---------------------------------------------------------------- safety

#[test]
fn with_a_safety_concern_answers_are_not_saved_unless_asked() {
    let out = Test::new()
        .args(["start", "--answers"])
        .answers_file(answers_with(&[("safety-afraid", Some("often"))]))
        .expect_stdout_contains("First, your safety")
        .run();
    assert!(out.results().is_empty(), "nothing saved by default");
    assert!(!out.path(DATA).exists());
}

#[test]
fn a_concerning_safety_answer_puts_safety_first_and_withholds_four_tips() {
    let out = Test::new()
        .args(["start", "--no-save", "--top", "10", "--answers"])
        .answers_file(answers_with(&[("safety-afraid", Some("often"))]))
        .expect_stdout_contains(US_HOTLINE)
        .expect_stdout_contains(UK_HOTLINE)
        .run();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[2], "", "{}", out.stdout);
    assert_eq!(lines[3], "First, your safety", "{}", out.stdout);

    let titles: Vec<String> = WITHHELD.iter().map(|id| tip_title(id)).collect();
    assert_eq!(
        titles,
        [
            "Give it time",
            "Keep your warmth steady",
            "Allow time apart",
            "It isn't about you"
        ]
    );
    let focus = focus_titles(&out.stdout);
    assert_eq!(
        focus.len(),
        6,
        "ten tips less the four set aside: {focus:?}"
    );
    for title in &titles {
        assert!(!focus.contains(title), "{title} is a focus tip: {focus:?}");
    }
    assert!(
        squash(&out.stdout).contains(&format!("Not suggested for now: {}.", titles.join(", "))),
        "{}",
        out.stdout
    );
}

#[test]
fn without_a_concern_there_is_no_safety_section() {
    let out = Test::new()
        .args(["start", "--no-save", "--top", "10", "--answers"])
        .answers_file(all_answers())
        .expect_stdout_not_contains("First, your safety")
        .expect_stdout_not_contains("Not suggested")
        .run();
    let expected = not_strengths(&result_json(all_answers()));
    assert!(expected >= 5, "most tips are not strengths");
    assert_eq!(focus_titles(&out.stdout).len(), expected);
}

#[test]
fn every_concerning_option_and_only_those_raise_the_concern() {
    let safety = safety_questions();
    assert!(!safety.is_empty());
    for question in &safety {
        let id = question["id"].as_str().unwrap();
        for option in question["options"].as_array().unwrap() {
            let concern = option["concern"].as_bool().unwrap();
            let result: Value = serde_json::from_str(&result_json(answers_with(&[(
                id,
                Some(option["id"].as_str().unwrap()),
            )])))
            .unwrap();
            let at = format!("{id}={}", option["id"]);
            assert_eq!(result["safety"]["concern"], concern, "{at}");
            let focus = result["focus"].as_array().unwrap();
            if concern {
                assert_eq!(result["withheld"], json!(WITHHELD), "{at}");
                assert_eq!(result["safety"]["findings"], json!([question["finding"]]));
                for tip in WITHHELD {
                    assert!(!focus.contains(&json!(tip)), "{at}: {tip} in focus");
                }
            } else {
                assert_eq!(result["withheld"], json!([]), "{at}");
                assert_eq!(focus.len(), 10, "{at}");
            }
        }
    }
}

#[test]
fn safety_answers_never_change_the_tip_scores() {
    let safe: Value = serde_json::from_str(&result_json(all_answers())).unwrap();
    let variants = [
        answers_with(&[("safety-afraid", Some("often"))]),
        answers_with(&[
            ("safety-hurt", Some("more-than-once")),
            ("safety-cut-off", Some("sometimes")),
        ]),
        answers_with(&[("safety-controlled", Some("prefer-not-to-say"))]),
        answers_with(&[
            ("safety-afraid", None),
            ("safety-controlled", None),
            ("safety-cut-off", None),
            ("safety-hurt", None),
        ]),
    ];
    // The numbers never move; only the bands of the tips set aside for safety do.
    let numbers = |result: &Value| -> Vec<Value> {
        result["scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| json!([s["tip"], s["score"]]))
            .collect()
    };
    for answers in variants {
        let other: Value = serde_json::from_str(&result_json(answers.clone())).unwrap();
        assert_eq!(numbers(&other), numbers(&safe), "{answers}");
    }
}

#[test]
fn unanswered_safety_questions_point_to_the_help_lines() {
    Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(answers_with(&[("safety-hurt", None)]))
        .expect_stdout_contains("You chose not to answer some or all of the safety questions")
        .expect_stdout_not_contains("First, your safety")
        .run();
}

// ------------------------------------------------------- no terminal

#[test]
fn without_a_terminal_the_wizard_says_how_to_answer_instead() {
    for args in [&[][..], &["start"][..], &["start", "--quick"][..]] {
        let out = Test::new()
            .args(args.iter().copied())
            .expect_exit(2)
            .expect_stderr("openup: the assessment asks its questions in a terminal, and there is none here. Run `openup start --plain` to answer as numbered lines on standard input, or `openup start --answers FILE` to read answers from a JSON file.\n")
            .expect_stderr_not_contains("not a terminal")
            .run();
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(out.stdout.is_empty());
        assert!(!out.path(DATA).exists());
    }
}

// ---------------------------------------------------------------- plain

#[test]
fn plain_mode_reads_one_answer_per_line_with_skip_and_back() {
    // Safety, then: skip question 1, back from question 2, answer question 1,
    // then the rest; an empty line finishes the review; "y" accepts the offer
    // to save, and the end of input takes the default path.
    let input = format!(
        "{}s\nb\n2\n{}\ny\n",
        "1\n".repeat(safety_questions().len()),
        "1\n".repeat(scenario_count() - 1)
    );
    let n = scenario_count();
    let out = Test::new()
        .args(["start", "--plain", "--seed", "7"])
        .stdin(input)
        .expect_stdout_contains(&format!("{n} of {n} questions answered"))
        .expect_stdout_contains("Where to focus first")
        .expect_stdout_not_contains("skipped")
        .expect_stderr_contains("Safety check 1 of 5")
        .expect_stderr_contains(&format!("Question {n} of {n}"))
        .expect_stderr_contains("Review your answers")
        .expect_stderr_contains("Saved to ")
        .run();
    assert!(
        out.stdout.starts_with("openup · your reflection report\n"),
        "prompts leaked into stdout: {}",
        out.stdout
    );
    assert_eq!(out.results().len(), 1);
    assert!(
        !out.path(DATA).join("draft.json").exists(),
        "the draft was kept"
    );
}

#[test]
fn plain_mode_lists_a_skipped_question_in_the_report() {
    let first = scenario_questions()[0]["title"]
        .as_str()
        .unwrap()
        .to_string();
    let input = format!(
        "{}s\n{}\n",
        "1\n".repeat(safety_questions().len()),
        "1\n".repeat(scenario_count() - 1)
    );
    let out = Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin(input)
        .expect_stdout_contains(&format!(
            "{} of {} questions answered",
            scenario_count() - 1,
            scenario_count()
        ))
        .expect_stderr_contains(REVIEW_PROMPT)
        .run();
    assert!(
        squash(&out.stdout).contains(&format!(
            "1 question was skipped and did not count: {first}."
        )),
        "{}",
        out.stdout
    );
    assert!(!out.path(DATA).exists(), "--no-save wrote something");
}

#[test]
fn plain_mode_from_a_pipe_stops_at_an_answer_out_of_range() {
    // Asking again would make the next line this answer and shift every later
    // one; a terminal asks again (tests/plain.rs).
    let input = format!("9\nx\n{}\n", plain_lines_all_first());
    Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin(input)
        .expect_exit(1)
        .expect_stderr_contains(
            "line 1 of the input (\"9\") is not an answer to Safety check 1 of 5: type a number from 1 to 4",
        )
        .expect_stdout_not_contains("Where to focus first")
        .run();
}

#[test]
fn plain_mode_raises_the_safety_section() {
    // Safety options keep the bank's order: 2 is "sometimes" (a concern).
    let input = format!(
        "2\n{}\n",
        "1\n".repeat(safety_questions().len() - 1 + scenario_count())
    );
    let out = Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin(input)
        .expect_stdout_contains(US_HOTLINE)
        .expect_stderr_contains(REVIEW_PROMPT)
        .run();
    assert_eq!(out.stdout.lines().nth(3), Some("First, your safety"));
}

#[test]
fn term_dumb_switches_to_plain_mode() {
    Test::new()
        .args(["start", "--no-save"])
        .env("TERM", "dumb")
        .stdin(format!("{}\n", plain_lines_all_first()))
        .expect_stdout_contains("Where to focus first")
        .expect_stdout_contains("#")
        .expect_stdout_not_contains("█")
        .expect_stderr_contains(REVIEW_PROMPT)
        .run();
}

#[test]
fn plain_input_ending_early_keeps_a_draft_to_resume() {
    let safety = safety_questions().len();
    let out = Test::new()
        .args(["start", "--plain"])
        .stdin(format!("{}1\n1\n", "1\n".repeat(safety)))
        .expect_exit(1)
        .expect_stderr_contains("input ended")
        .expect_stderr_contains("Question 3 of")
        .expect_stdout_not_contains("Where to focus first")
        .run();
    // The note says where the answers are, what is not among them and how to
    // remove them (wrapped to the width, so compared without line breaks).
    let note = squash(&out.stderr);
    assert!(
        note.contains("Your answers to the scenario questions so far are kept in"),
        "{note}"
    );
    assert!(
        note.contains("draft.json (your safety answers are not kept)"),
        "{note}"
    );
    assert!(note.contains("`openup forget` to remove them"), "{note}");
    let draft_path = out.path(DATA).join("draft.json");
    let draft: Value = serde_json::from_slice(&fs::read(&draft_path).expect("a draft")).unwrap();
    // The scenario answers only: no safety answer ever reaches a draft.
    let kept = draft["state"]["answers"].as_object().unwrap();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.keys().all(|k| !k.starts_with("safety-")), "{kept:?}");
    assert!(!fs::read_to_string(&draft_path).unwrap().contains("safety"));
    #[cfg(unix)]
    assert_eq!(support::mode(&draft_path), 0o600);
    assert!(out.results().is_empty());

    // --resume asks the safety questions again, then picks up at question 3.
    let n = scenario_count();
    let out = out
        .then()
        .args(["start", "--plain", "--resume"])
        .stdin(format!(
            "{}{}\ny\n",
            "1\n".repeat(safety),
            "1\n".repeat(n - 2)
        ))
        .expect_stdout_contains(&format!("{n} of {n} questions answered"))
        .expect_stderr_contains("Safety check 1 of")
        .expect_stderr_not_contains("Question 1 of")
        .expect_stderr_contains("Saved to ")
        .run();
    assert!(!out.path(DATA).join("draft.json").exists());
    assert_eq!(out.results().len(), 1);
}

#[test]
fn plain_input_ending_at_the_offer_to_save_saves_nothing() {
    // No one answered the offer, so nothing is written: as with --answers.
    let out = Test::new()
        .args(["start", "--plain", "--quick"])
        .stdin(format!(
            "{}{}\n",
            "1\n".repeat(safety_questions().len()),
            "1\n".repeat(quick_count())
        ))
        .expect_stdout_contains("Where to focus first")
        .expect_stderr_contains("[Y/n] \nNot saved.\n")
        .run();
    assert!(out.results().is_empty());
    assert!(!out.path(DATA).join("results").exists());
}

#[test]
fn plain_input_ending_in_the_safety_questions_says_so() {
    let out = Test::new()
        .args(["start", "--plain"])
        .stdin("1\n")
        .expect_exit(1)
        .expect_stderr_contains("before the safety questions were all answered")
        .expect_stderr_contains("Nothing was kept.")
        .run();
    // A safety answer alone is never written down.
    assert!(!out.path(DATA).join("draft.json").exists());
    assert!(!out.path(DATA).exists() || fs::read_dir(out.path(DATA)).unwrap().next().is_none());
}

#[test]
fn plain_empty_input_ends_with_an_error_not_a_report() {
    Test::new()
        .args(["start", "--plain", "--no-save"])
        .expect_exit(1)
        .expect_stderr_contains("input ended")
        .expect_stdout_not_contains("Where to focus first")
        .run();
}

#[test]
fn plain_no_save_early_end_does_not_promise_a_draft() {
    let out = Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin("1\n1\n1\n1\n1\n")
        .expect_exit(1)
        .expect_stderr_contains(FIRST_QUESTION_ENDED)
        .expect_stderr_not_contains("kept as a draft")
        .run();
    assert!(!out.path(DATA).exists());
}

#[test]
fn a_draft_from_an_edited_bank_of_the_same_version_names_the_bank_once() {
    let safety = safety_questions().len();
    let out = Test::new()
        .bank()
        .args(["start", "--plain", "--questions", "bank"])
        .stdin(format!("{}1\n1\n", "1\n".repeat(safety)))
        .expect_exit(1)
        .expect_stderr_contains(
            "openup: the input ended before the questions were all answered (at Question 3 of 64 · ",
        )
        .run();
    let out = out
        .then()
        .edit_bank("conflict.json", |bank| {
            bank["questions"][0]["prompt"] = json!("An edited prompt.");
        })
        .args(["start", "--plain", "--questions", "bank"])
        .stdin("\n")
        .expect_exit(1)
        .expect_stderr_contains("\nopenup: line 1 of the input (\"\") is not an answer to Safety check 1 of 5: type a number from 1 to 4 or ? for help.")
        .run();
    let note = squash(&out.stderr);
    let tips: Value =
        serde_json::from_slice(&fs::read(out.path("bank/tips.json")).unwrap()).unwrap();
    let name = format!(
        "{} {}",
        tips["bank"]["id"].as_str().unwrap(),
        tips["bank"]["version"].as_str().unwrap()
    );
    assert!(
        note.contains(&format!(
            "made with other questions ({name}, since changed without a new version)"
        )),
        "{note}"
    );
    assert_eq!(note.matches(&name).count(), 1, "{note}");
}

#[test]
fn plain_early_end_writes_no_terminal_escapes_to_a_pipe() {
    Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin("1\n")
        .expect_exit(1)
        .expect_stderr_contains(SAFETY_ENDED)
        .expect_stderr_not_contains("\x1b")
        .run();
}

// ---------------------------------------------------------------- report

#[test]
fn report_shows_a_saved_result_as_text() {
    let result = result_json(all_answers());
    let focus: Vec<String> = serde_json::from_str::<Value>(&result).unwrap()["focus"]
        .as_array()
        .unwrap()[..3]
        .iter()
        .map(|id| tip_title(id.as_str().unwrap()))
        .collect();
    let out = Test::new()
        .args(["report", "result.json"])
        .write("result.json", &result)
        .expect_stdout_contains("openup · your reflection report")
        .expect_stdout_contains("Where to focus first")
        .expect_stdout_contains("All ten tips")
        .run();
    assert_eq!(focus_titles(&out.stdout), focus);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(!out.path(DATA).exists());
}

#[test]
fn report_as_markdown() {
    Test::new()
        .args(["report", "result.json", "--format", "markdown"])
        .write("result.json", result_json(all_answers()))
        .expect_stdout_contains("# openup reflection report\n")
        .expect_stdout_contains("## Where to focus first\n")
        .expect_stdout_contains("| Tip | Score | Band |")
        .expect_stdout_not_contains("First, safety")
        .run();
}

#[test]
fn report_as_markdown_keeps_the_safety_section() {
    Test::new()
        .args(["report", "result.json", "--format", "markdown"])
        .write(
            "result.json",
            result_json(answers_with(&[("safety-hurt", Some("once"))])),
        )
        .expect_stdout_contains("## First, your safety")
        .expect_stdout_contains(US_HOTLINE)
        .expect_stdout_contains(UK_HOTLINE)
        .expect_stdout_contains(
            "Not suggested for now: Give it time, Keep your warmth steady, Allow time apart, It isn't about you",
        )
        .run();
}

#[test]
fn report_as_json_is_the_result_itself() {
    let result = result_json(all_answers());
    let out = Test::new()
        .args(["report", "result.json", "--format", "json"])
        .write("result.json", &result)
        .run();
    assert_eq!(out.json(), serde_json::from_str::<Value>(&result).unwrap());
}

#[test]
fn report_top_sets_the_focus_count() {
    let result = result_json(all_answers());
    for top in [1, 5, 10] {
        let out = Test::new()
            .args(["report", "result.json", "--top", &top.to_string()])
            .write("result.json", &result)
            .run();
        assert_eq!(
            focus_titles(&out.stdout).len(),
            top.min(not_strengths(&result))
        );
    }
}

#[test]
fn report_output_writes_a_private_file_and_never_overwrites_it() {
    let first = Test::new()
        .args([
            "report",
            "result.json",
            "--format",
            "markdown",
            "--output",
            "out/report.md",
        ])
        .write("result.json", result_json(all_answers()))
        .expect_stderr("Wrote out/report.md\n")
        .run();
    assert!(first.stdout.is_empty(), "{}", first.stdout);
    let path = first.path("out/report.md");
    let original = fs::read_to_string(&path).unwrap();
    assert!(original.starts_with("# openup reflection report"));
    #[cfg(unix)]
    assert_eq!(support::mode(&path), 0o600);

    let second = first
        .then()
        .args([
            "report",
            "result.json",
            "--format",
            "text",
            "-o",
            "out/report.md",
        ])
        .expect_exit(1)
        .expect_stderr("openup: could not write out/report.md: a file is already there and openup does not overwrite files. Choose another path, or remove that file first.\n")
        .run();
    assert_eq!(
        fs::read_to_string(second.path("out/report.md")).unwrap(),
        original
    );
}

#[test]
fn report_of_a_corrupt_result_names_the_file_and_the_place() {
    let result = result_json(all_answers());
    Test::new()
        .args(["report", "result.json"])
        .write("result.json", &result[..result.len() / 2])
        .expect_exit(1)
        .expect_stderr_contains("openup: result.json: line ")
        .expect_stderr_contains("column")
        .run();
}

#[test]
fn report_of_a_damaged_result_says_which_field() {
    let mut result: Value = serde_json::from_str(&result_json(all_answers())).unwrap();
    result.as_object_mut().unwrap().remove("scores");
    Test::new()
        .args(["report", "result.json"])
        .write("result.json", result.to_string())
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: result.json: top level: missing field `scores`.{RESULT_EDITED_HINT}"
        ))
        .run();
}

#[test]
fn report_of_a_result_from_a_newer_openup_says_to_update() {
    let mut result: Value = serde_json::from_str(&result_json(all_answers())).unwrap();
    result["schema_version"] = json!(99);
    Test::new()
        .args(["report", "result.json"])
        .write("result.json", result.to_string())
        .expect_exit(1)
        .expect_stderr("openup: result.json: this result uses format version 99, made by a newer openup; this openup (0.1.0) reads version 1. Update openup to read it.\n")
        .run();
}

#[test]
fn report_of_a_json_file_that_is_not_a_result() {
    Test::new()
        .args(["report", "answers.json"])
        .write("answers.json", all_answers().to_string())
        .expect_exit(1)
        .expect_stderr("openup: answers.json: this is not an openup result: it has no schema_version. Pass a file that openup saved.\n")
        .run();
}

#[test]
fn report_of_a_score_out_of_range_says_what_a_score_is() {
    let mut result: Value = serde_json::from_str(&result_json(all_answers())).unwrap();
    result["scores"][0]["score"] = json!(256);
    Test::new()
        .args(["report", "r.json"])
        .write("r.json", result.to_string())
        .expect_exit(1)
        .expect_stderr(&format!(
            "openup: r.json: scores[0].score: invalid value: integer `256`, expected a whole number from 0 to 100.{RESULT_EDITED_HINT}"
        ))
        .expect_stderr_not_contains("u8")
        .run();
}

#[test]
fn report_of_a_result_with_schema_version_0_is_refused() {
    let mut result: Value = serde_json::from_str(&result_json(all_answers())).unwrap();
    result["schema_version"] = json!(0);
    Test::new()
        .args(["report", "r.json"])
        .write("r.json", result.to_string())
        .expect_exit(1)
        .expect_stderr("openup: r.json: its schema_version is not a format version openup knows (a whole number from 1), so openup cannot tell how to read it. Pass a file that openup saved, unedited.\n")
        .run();
}

#[test]
fn a_foreign_file_in_the_results_folder_is_not_called_one_you_passed() {
    Test::new()
        .args(["start", "--save", "data/results/", "--answers"])
        .answers_file(all_answers())
        .expect_stderr_contains("Saved to data/results/")
        .run()
        .then()
        .write("data/results/notes.json", r#"{"shopping": ["milk"]}"#)
        .write("data/results/edited.json", r#"{"schema_version": "one"}"#)
        .arg("history")
        .expect_stderr_contains("notes.json: this is not an openup result")
        .expect_stderr_contains("move this file out of it")
        .expect_stderr_contains("move it out of the results folder")
        .expect_stderr_not_contains("Pass a file")
        .run();
}

#[test]
fn report_of_a_missing_file_names_the_path() {
    Test::new()
        .args(["report", "nowhere/result.json"])
        .expect_exit(1)
        .expect_stderr_contains("could not read nowhere/result.json")
        .run();
}

#[test]
fn report_with_another_bank_notes_the_difference() {
    Test::new()
        .args(["report", "result.json", "--questions", "bank"])
        .write("result.json", result_json(all_answers()))
        .edit_bank("tips.json", |tips| tips["bank"]["version"] = json!("9.9.9"))
        .expect_stderr("Note: this result was made with the question bank openup-core 2.9.1; now openup-core 9.9.9, so openup could not check the figures in result.json against its answers; they are shown as saved.\n")
        .expect_stdout_contains("Where to focus first")
        .run();
}

// ------------------------------------------------------ question banks

/// Runs a bank with one problem through `start --questions` and `validate`:
/// both fail with exit 1 and print nothing on stdout. start's refusal is
/// pinned whole; validate names the problem first and ends with its summary,
/// and between them lists `warnings` design warnings, which follow the rubric
/// and are not pinned.
#[track_caller]
fn assert_broken_bank(test: Test, problem: &str, warnings: usize) {
    let out = test
        .args(["start", "--questions", "bank", "--no-save", "--answers"])
        .answers_file(all_answers())
        .expect_exit(1)
        .expect_stdout("")
        .expect_stderr(&bank_refusal(&[problem]))
        .run();

    let validate = out
        .then()
        .args(["validate", "bank"])
        .expect_exit(1)
        .expect_stdout("");
    if warnings == 0 {
        validate.expect_stderr(&validate_refusal(&[problem])).run();
    } else {
        let out = validate
            .expect_stderr_contains(&format!("error: {problem}\n"))
            .run();
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines[0], format!("error: {problem}"), "{}", out.stderr);
        assert_eq!(
            lines[lines.len() - 1],
            match warnings {
                1 => "bank: 1 error, 1 warning".to_string(),
                n => format!("bank: 1 error, {n} warnings"),
            },
            "{}",
            out.stderr
        );
        assert_eq!(lines.len(), warnings + 2, "{}", out.stderr);
    }
}

#[test]
fn the_copied_bank_is_valid_so_each_broken_bank_breaks_one_thing() {
    let out = Test::new()
        .bank()
        .args(["validate", "bank"])
        .expect_stdout_contains("bank: ok: openup-core")
        .run();
    out.then()
        .args(["start", "--questions", "bank", "--no-save", "--answers"])
        .answers_file(all_answers())
        .expect_stdout_contains("Where to focus first")
        .run();
}

#[test]
fn validate_accepts_the_built_in_bank() {
    let out = Test::new()
        .arg("validate")
        .expect_stdout_contains("the built-in bank: ok: openup-core")
        .expect_stdout_contains(&format!("{} questions", scenario_count()))
        .run();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn bank_with_a_misspelled_tip_suggests_the_right_one() {
    assert_broken_bank(
        Test::new().edit_bank("conflict.json", |bank| {
            bank["questions"][3]["options"][1]["weights"]["patince"] = json!(1);
        }),
        "conflict.json: questions[3].options[1].weights.patince: unknown tip \"patince\" (did you mean \"patience\"?)",
        0,
    );
}

#[test]
fn bank_with_a_duplicate_question_id() {
    let first = scenario_questions()
        .into_iter()
        .find(|q| q["id"] == "argument-goes-quiet")
        .expect("conflict.json's first question");
    assert_broken_bank(
        Test::new().edit_bank("conflict.json", |bank| {
            bank["questions"][1]["id"] = first["id"].clone();
        }),
        "conflict.json: questions[1].id: question id \"argument-goes-quiet\" is used twice (first in conflict.json); give each question its own id",
        0,
    );
}

#[test]
fn validate_reports_whole_bank_problems_alongside_broken_files() {
    // Without safety questions and with a broken tip title in tips.json, or a
    // broken weight in a question file: both problems, in one pass.
    let no_safety = "(whole bank): the bank has no safety questions; add a file with a \"safety\" list so the safety screen can come first";
    Test::new()
        .remove_bank_file("safety.json")
        .edit_bank("tips.json", |tips| tips["tips"][0]["title"] = json!(7))
        .args(["validate", "bank"])
        .expect_exit(1)
        .expect_stderr(&validate_refusal(&[
            "tips.json: tips[0].title: invalid type: integer `7`, expected a string",
            no_safety,
        ]))
        .run();
    Test::new()
        .remove_bank_file("safety.json")
        .edit_bank("conflict.json", |bank| {
            bank["questions"][0]["options"][0]["weights"]["patience"] = json!("x");
        })
        .args(["validate", "bank"])
        .expect_exit(1)
        .expect_stderr(&validate_refusal(&[
            "conflict.json: questions[0].options[0].weights.patience: invalid type: string \"x\", expected a whole number",
            no_safety,
        ]))
        .run();
    // A file that is not JSON may hold the safety questions: no false alarm.
    Test::new()
        .remove_bank_file("safety.json")
        .write_bank("broken.json", "{ not json")
        .args(["validate", "bank"])
        .expect_exit(1)
        .expect_stderr(&validate_refusal(&[
            "broken.json: line 1, column 3: JSON syntax: key must be a string",
        ]))
        .expect_stderr_not_contains(no_safety)
        .run();
}

#[test]
fn bank_with_a_duplicate_option_id() {
    assert_broken_bank(
        Test::new().edit_bank("conflict.json", |bank| {
            let options = &mut bank["questions"][2]["options"];
            options[1]["id"] = options[0]["id"].clone();
        }),
        "conflict.json: questions[2].options[1].id: option id \"own-part\" is used twice in question \"uneven-chores\"",
        0,
    );
}

#[test]
fn bank_with_an_option_without_weights() {
    assert_broken_bank(
        Test::new().edit_bank("conflict.json", |bank| {
            bank["questions"][0]["options"][0]["weights"] = json!({});
        }),
        "conflict.json: questions[0].options[0].weights: option \"ask-money\" has no weights; give it at least one tip weight from -2 to 2",
        0,
    );
}

#[test]
fn bank_with_a_weight_out_of_range() {
    assert_broken_bank(
        Test::new().edit_bank("conflict.json", |bank| {
            bank["questions"][0]["options"][0]["weights"]["patience"] = json!(3);
        }),
        "conflict.json: questions[0].options[0].weights.patience: weight 3 is out of range; use an integer from -2 to 2",
        1,
    );
}

#[test]
fn bank_with_a_weight_of_the_wrong_type() {
    assert_broken_bank(
        Test::new().edit_bank("conflict.json", |bank| {
            bank["questions"][0]["options"][0]["weights"]["patience"] = json!("2");
        }),
        "conflict.json: questions[0].options[0].weights.patience: invalid type: string \"2\", expected a whole number",
        0,
    );
}

#[test]
fn bank_where_a_tip_is_measured_by_too_few_questions() {
    // Keep only the first three questions that weigh professional-help.
    let mut test = Test::new().bank();
    let mut kept = 0;
    for (name, _) in support::bank_files() {
        if name == "tips.json" {
            continue;
        }
        test = test.edit_bank(&name, |file| {
            if let Some(questions) = file.get_mut("questions").and_then(Value::as_array_mut) {
                questions.retain(|q| {
                    if !tips_measured_by(q).iter().any(|t| t == "professional-help") {
                        return true;
                    }
                    kept += 1;
                    kept <= 3
                });
            }
        });
    }
    assert_broken_bank(
        test,
        "(whole bank): tip \"professional-help\" is measured by 3 questions; it needs at least 4 so one answer cannot decide it",
        4,
    );
}

#[test]
fn bank_with_malformed_json_gives_line_and_column() {
    assert_broken_bank(
        Test::new().write_bank(
            "everyday.json",
            "{\n  \"questions\": [\n    {\"id\": \"x\",, }\n  ]\n}\n",
        ),
        "everyday.json: line 3, column 16: JSON syntax: key must be a string",
        0,
    );
}

#[test]
fn bank_without_tips_json() {
    assert_broken_bank(
        Test::new().remove_bank_file("tips.json"),
        "tips.json: the bank has no tips.json; every bank needs one with its id, version and the ten tips",
        0,
    );
}

#[test]
fn bank_directory_that_does_not_exist() {
    let out = Test::new()
        .args(["tips", "--questions", "nope"])
        .expect_exit(1)
        .expect_stderr_contains("could not read nope")
        .run();
    assert!(out.stdout.is_empty());
    out.then()
        .args(["validate", "nope"])
        .expect_exit(1)
        .expect_stderr_contains("could not read nope")
        .run();
    Test::new()
        .args(["start", "--questions", "nope", "--answers"])
        .answers_file(all_answers())
        .expect_exit(1)
        .expect_stderr_contains("could not read nope")
        .run();
}

// ---------------------------------------------------------------- schema

#[test]
fn schema_prints_valid_json_for_every_format() {
    for (which, field) in [
        ("bank", "questions"),
        ("answers", "answers"),
        ("result", "schema_version"),
    ] {
        let out = Test::new().args(["schema", which]).run();
        let schema = out.json();
        assert!(schema["$schema"].is_string(), "{which}: {schema}");
        assert!(
            out.stdout.contains(&format!("\"{field}\"")),
            "{which} lacks {field}"
        );
    }
}

// ----------------------------------------------------------- usage errors

#[test]
fn usage_errors_exit_2() {
    // clap's message, then its usage line where it gives one.
    let top = |n: &str| format!("invalid value '{n}' for '--top <N>': {n} is not in 1..=10");
    let cases: &[(&[&str], String, &str)] = &[
        (
            &["start", "--bogus"],
            "unexpected argument '--bogus' found".into(),
            "openup start [OPTIONS]",
        ),
        (
            &["--bogus"],
            "unexpected argument '--bogus' found".into(),
            "openup [OPTIONS] [COMMAND]",
        ),
        (
            &["frobnicate"],
            "unrecognized subcommand 'frobnicate'".into(),
            "openup [OPTIONS] [COMMAND]",
        ),
        (&["start", "--top", "0"], top("0"), ""),
        (&["start", "--top", "11"], top("11"), ""),
        (&["report", "r.json", "--top", "0"], top("0"), ""),
        (
            &["start", "--save", "x", "--no-save"],
            "the argument '--save <PATH>' cannot be used with '--no-save'".into(),
            "openup start --save <PATH>",
        ),
        (
            &["--save", "x", "--no-save"],
            "the argument '--save <PATH>' cannot be used with '--no-save'".into(),
            "openup --save <PATH>",
        ),
        (
            &["start", "--resume", "--fresh"],
            "the argument '--resume' cannot be used with '--fresh'".into(),
            "openup start --resume",
        ),
        (
            &["report", "r.json", "--format", "pdf"],
            "invalid value 'pdf' for '--format <FORMAT>'\n  [possible values: text, markdown, json]"
                .into(),
            "",
        ),
        (
            &["schema", "nope"],
            "invalid value 'nope' for '<WHICH>'\n  [possible values: bank, answers, result]".into(),
            "",
        ),
        (
            &["schema"],
            "the following required arguments were not provided:\n  <WHICH>".into(),
            "openup schema <WHICH>",
        ),
    ];
    for (args, message, usage) in cases {
        let usage = match *usage {
            "" => String::new(),
            usage => format!("Usage: {usage}\n\n"),
        };
        let out = Test::new()
            .args(args.iter().copied())
            .expect_exit(2)
            .expect_stderr(&format!(
                "error: {message}\n\n{usage}For more information, try '--help'.\n"
            ))
            .run();
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        assert!(!out.path(DATA).exists(), "{args:?} wrote data");
    }
    // Its own usage error names the data folder, a temporary path.
    let out = Test::new()
        .arg("report")
        .expect_exit(2)
        .expect_stderr_contains("openup: there is no saved result in ")
        .expect_stderr_contains("/data/results yet. Take the assessment with `openup` and save it, or name a result file: openup report FILE.\n")
        .run();
    assert!(out.stdout.is_empty(), "report: {}", out.stdout);
    assert!(!out.path(DATA).exists(), "report wrote data");
}

#[test]
fn seeds_stay_within_what_json_readers_keep_exact() {
    // jq and JavaScript read numbers as doubles: 2^53 + 1 would come back changed.
    Test::new()
        .args(["start", "--seed", "15200185098273204462", "--no-save"])
        .expect_exit(2)
        .expect_stderr("error: invalid value '15200185098273204462' for '--seed <N>': 15200185098273204462 is not in 0..=9007199254740991\n\nFor more information, try '--help'.\n")
        .run();
    Test::new()
        .args(["start", "--seed", "9007199254740992", "--no-save"])
        .expect_exit(2)
        .expect_stderr("error: invalid value '9007199254740992' for '--seed <N>': 9007199254740992 is not in 0..=9007199254740991\n\nFor more information, try '--help'.\n")
        .run();
    // The largest allowed seed is taken and kept exactly in the saved result.
    let out = Test::new()
        .args([
            "start",
            "--plain",
            "--seed",
            "9007199254740991",
            "--save",
            "r.json",
        ])
        .stdin(format!("{}\n", plain_lines_all_first()))
        .expect_stderr_contains(&format!("{REVIEW_PROMPT}Saved to r.json\n{SAVED_NEXT}"))
        .run();
    let saved: Value =
        serde_json::from_slice(&std::fs::read(out.path("r.json")).expect("saved")).expect("JSON");
    assert_eq!(saved["seed"], json!(9007199254740991_u64));
}

#[test]
fn quick_with_a_bank_without_a_quick_check_is_refused_before_asking() {
    let mut test = Test::new();
    for (name, _) in bank_files() {
        test = test.edit_bank(&name, |file| {
            let questions = file.get_mut("questions").and_then(Value::as_array_mut);
            for q in questions.into_iter().flatten() {
                q.as_object_mut().expect("question").remove("quick");
            }
        });
    }
    for args in [
        &[
            "start",
            "--questions",
            "bank",
            "--quick",
            "--plain",
            "--no-save",
        ][..],
        &[
            "start",
            "--questions",
            "bank",
            "--quick",
            "--no-save",
            "--answers",
            "a.json",
        ][..],
    ] {
        test = Test::in_dir(
            test.write("a.json", all_answers().to_string())
                .args(args.iter().copied())
                .stdin(plain_lines_all_first())
                .expect_exit(2)
                .expect_stderr("openup: this question bank has no quick check: none of its questions has a \"quick\" field. Run the full assessment without --quick, or give one question per tip a \"quick\" field naming that tip.\n")
                .expect_stdout_not_contains("Where to focus first")
                .run()
                .dir,
        );
    }
}

#[test]
fn usage_error_with_answers_saves_nothing() {
    let out = Test::new()
        .args(["start", "--top", "0", "--answers"])
        .answers_file(all_answers())
        .expect_exit(2)
        .expect_stderr(
            "error: invalid value '0' for '--top <N>': 0 is not in 1..=10\n\nFor more information, try '--help'.\n",
        )
        .run();
    assert!(out.stdout.is_empty());
    assert!(!out.path(DATA).exists());
}

// ------------------------------------ escape sequences in paths and arguments

/// A data folder whose name retitles the window and clears the screen.
const HOSTILE_DIR: &str = "data\u{1b}]0;PWNED\u{7}\u{1b}[2J";

#[test]
fn a_data_folder_named_with_escapes_is_shown_cleaned_and_still_used() {
    // "y" to the offer to save; the input ends at the path: the default.
    let out = Test::new()
        .args(["start", "--plain"])
        .env("OPENUP_DATA_DIR", HOSTILE_DIR)
        .stdin(format!("{}\ny\n", plain_lines_all_first()))
        .expect_clean_output()
        .expect_stderr_contains("Save to [")
        .expect_stderr_not_contains("PWNED")
        .run();
    let results = fs::read_dir(out.path(HOSTILE_DIR).join("results"))
        .expect("the results folder in the data folder")
        .count();
    assert_eq!(results, 1, "{}", out.stderr);

    // The note after input ends early names the draft's folder too.
    Test::new()
        .args(["start", "--plain"])
        .env("OPENUP_DATA_DIR", HOSTILE_DIR)
        .stdin(format!("{}1\n", "1\n".repeat(safety_questions().len())))
        .expect_exit(1)
        .expect_clean_output()
        .expect_stderr_contains("draft.json")
        .expect_stderr_not_contains("PWNED")
        .run();
}

#[test]
fn arguments_with_escapes_are_cleaned_in_usage_errors() {
    // `openup compare *.json` with a hostile file name among the files. clap
    // strips escape sequences only when its output is not a terminal: forced
    // colour makes it write as it would to one (an empty NO_COLOR is unset).
    let hostile = "\u{1b}]0;PWNED\u{7}\u{1b}[2Jx.json";
    let out = Test::new()
        .args(["compare", "a.json", "b.json", hostile])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "")
        .expect_exit(2)
        .expect_clean_output()
        .expect_stderr("error: unexpected argument 'x.json' found\n\nUsage: openup compare [OPTIONS] [OLD] [NEW]\n\nFor more information, try '--help'.\n")
        .run();
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    Test::new()
        .args(["start", "--top", hostile])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "")
        .expect_exit(2)
        .expect_clean_output()
        .expect_stderr("error: invalid value 'x.json' for '--top <N>': invalid digit found in string\n\nFor more information, try '--help'.\n")
        .run();
    // Help and version are not errors: standard output, exit 0.
    Test::new()
        .args(["compare", "--help"])
        .expect_clean_output()
        .expect_stdout_contains("Usage: openup compare")
        .run();
}

// ---------------------------------------------------------- version, help

#[test]
fn version_prints_the_version() {
    Test::new()
        .arg("--version")
        .expect_stdout_contains(&format!("openup {}", env!("CARGO_PKG_VERSION")))
        .run();
}

#[test]
fn help_lists_the_commands() {
    let mut test = Test::new().arg("--help").expect_stdout_contains("Usage:");
    for command in ["start", "report", "tips", "validate", "schema"] {
        test = test.expect_stdout_contains(command);
    }
    test.run();
    Test::new()
        .args(["start", "--help"])
        .expect_stdout_contains("--answers")
        .expect_stdout_contains("--plain")
        .expect_stdout_contains("--no-save")
        .run();
    Test::new()
        .args(["help", "report"])
        .expect_stdout_contains("--format")
        .run();
}

// ---------------------------------------------------------------- drafts

#[test]
fn a_tampered_draft_is_explained_and_not_resumed() {
    let safety = safety_questions().len();
    let out = Test::new()
        .args(["start", "--plain"])
        .stdin(format!("{}1\n", "1\n".repeat(safety)))
        .expect_exit(1)
        .expect_stderr_contains(
            "openup: the input ended before the questions were all answered (at Question 2 of 64 · ",
        )
        .run();
    let draft_path = out.path(DATA).join("draft.json");
    let mut draft: Value =
        serde_json::from_slice(&fs::read(&draft_path).expect("a draft")).unwrap();
    draft["state"]["answers"]["safety-afraid"] = json!("not-an-option");
    fs::write(&draft_path, serde_json::to_vec(&draft).unwrap()).unwrap();
    out.then()
        .args(["start", "--plain", "--resume", "--save", "result.json"])
        .stdin(format!("{}\n", plain_lines_all_first()))
        .expect_stderr_contains("cannot be resumed")
        .expect_stdout_contains("Where to focus first")
        .run();
}

#[test]
fn a_draft_that_cannot_be_written_does_not_stop_the_assessment() {
    // The data folder would sit under a regular file, so no draft can be written.
    Test::new()
        .write("blocker", "not a folder")
        .args([
            "start",
            "--plain",
            "--data-dir",
            "blocker/data",
            "--save",
            "result.json",
        ])
        .stdin(format!("{}\n", plain_lines_all_first()))
        .expect_stderr_contains("Carrying on without a draft")
        .expect_stdout_contains("Where to focus first")
        .expect_stderr_contains("Saved to result.json")
        .run();
}

#[test]
fn plain_mode_shows_help_right_after_a_concerning_answer() {
    let safety = safety_questions().len();
    // "2" is Sometimes on the first safety question: a concern.
    let out = Test::new()
        .args(["start", "--plain", "--no-save", "--region", "GB"])
        .stdin(format!("2\n{}", "1\n".repeat(safety - 1)))
        .expect_exit(1)
        .expect_stderr_contains(FIRST_QUESTION_ENDED)
        .run();
    let help = out
        .stderr
        .find("Help is there if you need it")
        .expect("a help screen");
    let second = out
        .stderr
        .find("Safety check 2 of")
        .expect("the second question");
    assert!(
        help < second,
        "help comes before the second question:\n{}",
        out.stderr
    );
    let text = squash(&out.stderr[help..second]);
    assert!(text.contains("In danger now: call 999."), "{text}");
    assert!(text.contains("0808 2000 247"), "{text}");
    assert!(text.contains("stop at any moment with Ctrl-C"), "{text}");
    // Only once, however many concerning answers follow.
    assert_eq!(
        out.stderr.matches("Help is there if you need it").count(),
        1
    );
}

#[test]
fn plain_mode_shows_help_after_i_would_rather_not_say_too() {
    // "4" is "I'd rather not say".
    let out = Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin("4\n")
        .expect_exit(1)
        .expect_stderr_contains(SAFETY_ENDED)
        .run();
    assert!(
        out.stderr.contains("Help is there if you need it"),
        "{}",
        out.stderr
    );
}

#[test]
fn plain_mode_shows_no_help_screen_when_no_answer_calls_for_it() {
    let safety = safety_questions().len();
    let out = Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin("1\n".repeat(safety))
        .expect_exit(1)
        .expect_stderr_contains(FIRST_QUESTION_ENDED)
        .run();
    assert!(!out.stderr.contains("Help is there if you need it"));
    // Help lines close the intro for everyone, in one line.
    assert!(squash(&out.stderr).contains("If you are ever afraid of your partner, help is there"));
}

#[test]
fn after_a_concern_outside_help_is_never_praised_for_couples_counselling() {
    // Every answer the one that weighs outside help most (couples counselling
    // among them), and a safety concern.
    let mut answers = serde_json::Map::new();
    for q in scenario_questions() {
        let best = q["options"]
            .as_array()
            .unwrap()
            .iter()
            .max_by_key(|o| o["weights"]["professional-help"].as_i64().unwrap_or(0))
            .unwrap();
        answers.insert(q["id"].as_str().unwrap().into(), best["id"].clone());
    }
    for q in safety_questions() {
        answers.insert(q["id"].as_str().unwrap().into(), json!("no"));
    }
    answers.insert("safety-afraid".into(), json!("often"));
    let out = Test::new()
        .args(["start", "--no-save", "--answers"])
        .answers_file(json!({ "answers": answers }))
        .expect_stdout_contains("First, your safety")
        .run();
    let strengths = out
        .stdout
        .split("Your strengths")
        .nth(1)
        .map(|rest| rest.split("\n\n").next().unwrap_or(""))
        .unwrap_or("");
    assert!(!strengths.contains("Get outside help"), "{}", out.stdout);
    let row = out
        .stdout
        .lines()
        .find(|l| l.contains("Get outside help") && l.contains('█'))
        .expect("a chart row");
    assert!(row.contains("advice for you alone"), "{row}");
    assert!(!row.contains("strength"), "{row}");
    // The same in the Markdown a counsellor would read.
    let result = Test::new()
        .args(["start", "--json", "--no-save", "--answers"])
        .answers_file(json!({ "answers": answers }))
        .run()
        .stdout;
    let md = Test::new()
        .args(["report", "result.json", "--format", "markdown"])
        .write("result.json", &result)
        .run()
        .stdout;
    assert!(md.contains("| 7. Get outside help |"), "{md}");
    assert!(md.contains("advice for you alone"), "{md}");
    assert!(
        !md.split("## Your strengths")
            .nth(1)
            .unwrap_or("")
            .split("##")
            .next()
            .unwrap_or("")
            .contains("Get outside help")
    );
}
