//! Plain mode's lines: bounded in length, never silently shifted, and a review
//! numbered as typed. From the command line (a pipe) and in process (a
//! terminal, which only the caller can tell apart).

mod support;

use std::cell::Cell;
use std::io::{BufReader, Read};
use std::rc::Rc;

use openup::bank::Bank;
use openup::error::Error;
use openup::score::Mode;
use openup::wizard::{NoCheckpoint, PlainPrompter, Plan, State, ask_all};
use support::{Test, safety_questions, scenario_questions};

fn plan() -> Plan {
    Plan::new(
        &Bank::embedded().expect("the built-in bank loads"),
        Mode::Quick,
        3,
    )
}

/// Runs the wizard over `input`, as from a pipe or as typed at a terminal.
fn run(input: &[u8], interactive: bool) -> (openup::Result<State>, String) {
    let plan = plan();
    let mut output = Vec::new();
    let result = {
        let mut prompter = PlainPrompter::new(input, &mut output, 200).interactive(interactive);
        ask_all(&mut prompter, &plan, State::default(), &mut NoCheckpoint)
    };
    (result, String::from_utf8(output).expect("utf-8"))
}

/// Answers "1" to every question of the quick plan.
fn all_first(plan: &Plan) -> String {
    "1\n".repeat(plan.items.len())
}

// ------------------------------------------------------------ line length

/// An endless stream of zeros, like /dev/zero, that fails the test once it
/// has served far more than any line openup should read.
struct Zeros(Rc<Cell<usize>>);

impl Read for Zeros {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let served = self.0.get() + buf.len();
        assert!(served < 1 << 20, "read {served} bytes of one line");
        self.0.set(served);
        buf.fill(0);
        Ok(buf.len())
    }
}

#[test]
fn an_endless_line_from_a_pipe_stops_after_a_few_kib() {
    let served = Rc::new(Cell::new(0));
    let plan = plan();
    let mut output = Vec::new();
    let result = {
        let input = BufReader::new(Zeros(served.clone()));
        let mut prompter = PlainPrompter::new(input, &mut output, 80);
        ask_all(&mut prompter, &plan, State::default(), &mut NoCheckpoint)
    };
    match result {
        Err(err @ Error::InputLineTooLong { line: 1, .. }) => {
            let message = err.to_string();
            assert!(message.contains("longer than 4096 bytes"), "{message}");
            assert!(message.contains("Safety check 1 of"), "{message}");
        }
        other => panic!("expected InputLineTooLong, got {other:?}"),
    }
    assert!(served.get() <= 16 * 1024, "read {} bytes", served.get());
}

#[test]
fn a_long_line_from_a_pipe_exits_1_and_says_so() {
    let mut input = vec![b'1'; 1 << 20];
    input.extend_from_slice(b"\n");
    Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin(input)
        .expect_exit(1)
        .expect_stderr_contains("line 1 of the input is longer than 4096 bytes")
        .run();
}

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_not_read_into_memory() {
    use assert_cmd::cargo::CommandCargoExt;
    let out = std::process::Command::cargo_bin("openup")
        .unwrap()
        .args(["start", "--plain", "--no-save"])
        .env("NO_COLOR", "1")
        .env_remove("TERM")
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("longer than 4096 bytes"), "{stderr}");
}

#[test]
fn a_long_line_at_a_terminal_is_dropped_whole_and_asked_again() {
    let plan = plan();
    // The rest of the long line must not become the next answer: it is all "9".
    let input = format!("{}\n{}\n", "9".repeat(10_000), all_first(&plan));
    let (state, transcript) = run(input.as_bytes(), true);
    let state = state.expect("finishes");
    assert_eq!(state.answers.len(), plan.items.len());
    assert!(
        transcript.contains("That line is longer than 4096 bytes, so it was ignored."),
        "{transcript}"
    );
}

// ----------------------------------------------------------- no shifting

#[test]
fn a_wrong_line_from_a_pipe_exits_1_naming_the_line_and_what_it_held() {
    // Help is not a wrong answer: line 6 asks for it, line 7 answers Q1, line 8 is wrong.
    let safety = safety_questions().len();
    let n = scenario_questions().len();
    let input = format!("{}?\n1\nx\n{}\n", "1\n".repeat(safety), "1\n".repeat(n - 1));
    let line = safety + 3;
    let out = Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin(input)
        .expect_exit(1)
        .expect_stderr_contains(&format!(
            "line {line} of the input (\"x\") is not an answer to Question 2 of {n}"
        ))
        .expect_stderr_contains("type a number from 1 to")
        .expect_stdout_not_contains("Where to focus first")
        .run();
    assert!(
        out.stderr.contains("Type the number of your answer"),
        "? printed help"
    );
}

#[test]
fn a_line_that_is_not_utf8_is_an_error_naming_it_not_a_panic() {
    let mut input = b"1\n".to_vec();
    input.extend_from_slice(b"\xff\xfe\n");
    Test::new()
        .args(["start", "--plain", "--no-save"])
        .stdin(input)
        .expect_exit(1)
        .expect_stderr_contains("line 2 of the input")
        .expect_stderr_contains("it is not UTF-8 text")
        .expect_stderr_not_contains("panicked")
        .run();
}

#[test]
fn a_wrong_line_at_a_terminal_is_asked_again_and_the_next_line_answers_it() {
    let plan = plan();
    let input = format!("9\nx\n{}\n", all_first(&plan));
    let (state, transcript) = run(input.as_bytes(), true);
    let state = state.expect("finishes");
    assert_eq!(state.answers.len(), plan.items.len());
    assert_eq!(
        transcript
            .matches("Please type a number from 1 to 4")
            .count(),
        2
    );
}

#[test]
fn ctrl_d_at_a_terminal_is_told_as_ctrl_d_not_as_advice_for_pipes() {
    let (state, _) = run(b"1\n", true);
    let message = state.expect_err("ends early").to_string();
    assert!(message.contains("Ctrl-D"), "{message}");
    assert!(!message.contains("one line per question"), "{message}");

    let (state, _) = run(b"1\n", false);
    let message = state.expect_err("ends early").to_string();
    assert!(message.contains("one line per question"), "{message}");
}

// ---------------------------------------------------------------- review

#[test]
fn the_review_shows_one_number_per_row_and_that_number_changes_that_row() {
    let plan = plan();
    let safety = plan.safety_count();
    let first = &plan.items[safety];
    // Row safety+1 is Question 1: change it to option 2, then finish.
    let input = format!("{}{}\n2\n\n", all_first(&plan), safety + 1);
    let (state, transcript) = run(input.as_bytes(), false);
    let state = state.expect("finishes");
    assert_eq!(state.answers[&first.id], first.options[1].0);
    assert!(
        transcript.contains(&format!(
            "  {}. {}: {}",
            safety + 1,
            first.title,
            first.options[0].1
        )),
        "{transcript}"
    );
    assert!(transcript.contains("  1. Safety check: "), "{transcript}");
    let review = &transcript[transcript.find("Review your answers").unwrap()..];
    assert!(!review.contains(". Q1"), "{review}");
    assert!(!review.contains("Safety check 1:"), "{review}");
}

#[test]
fn after_a_change_the_review_shows_only_that_row_and_l_lists_again() {
    let plan = plan();
    let safety = plan.safety_count();
    let first = &plan.items[safety];
    let input = format!("{}{}\n2\nl\n\n", all_first(&plan), safety + 1);
    let (_, transcript) = run(input.as_bytes(), false);
    let changed = format!("  {}. {}: {}", safety + 1, first.title, first.options[1].1);
    // From the question screen reached from the review on.
    let review = &transcript[transcript.find("Review your answers").unwrap() + 1..];
    let after = &review[review.find("Question 1 of").expect("the change")..];
    // Once at first, once after `l`; not after the change.
    assert_eq!(
        transcript.matches("Review your answers").count(),
        2,
        "{transcript}"
    );
    let shown_alone = after.find(&changed).expect("the changed row is shown");
    let listed_again = after.find("Review your answers").expect("l lists");
    assert!(shown_alone < listed_again, "{after}");
    assert!(transcript.contains("l to list the answers"), "{transcript}");
}

#[test]
fn a_wrong_line_at_the_review_from_a_pipe_stops() {
    let plan = plan();
    let input = format!("{}99\n", all_first(&plan));
    let (state, _) = run(input.as_bytes(), false);
    match state {
        Err(err @ Error::BadInputLine { .. }) => {
            let message = err.to_string();
            assert!(
                message.contains("(\"99\") is not an answer to the review"),
                "{message}"
            );
        }
        other => panic!("expected BadInputLine, got {other:?}"),
    }
}
