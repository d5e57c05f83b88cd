//! End-to-end tests of the interactive wizard in a pseudo-terminal: the real
//! binary, real dialoguer prompts, real keys. Each test keeps its data in its
//! own temporary directory and uses seed 7, so the options come in the order
//! that `Plan::new(bank, mode, 7)` gives; the tests take titles, labels and ids
//! from that plan instead of copying the bank's text. Only the tests of what a
//! full-length run does (69 questions, a paged review) answer the full bank;
//! the others take the quick check.

// Pseudo-terminals and the signals these tests send are Unix things.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use openup::bank::Bank;
use openup::score::Mode;
use openup::wizard::{Kind, Plan};
use serde_json::Value;

use pty::{
    DOWN, ENTER, ESC, HIDE_CURSOR, Openup, POINTER, SEED, SHOW_CURSOR, UP, flatten, lines,
    scrolled, split_words, terminal,
};

/// The start of what Ctrl-C says once a draft holds scenario answers.
const STOPPED: &str = "Stopped. Your answers to the scenario questions so far are kept in";
/// What it says after the path: safety answers are never kept.
const NOT_SAFETY: &str = "(your safety answers are not kept). Run openup again to go on, or `openup forget` to remove them.";

/// The questions exactly as a run with seed 7 shows them: the whole bank.
fn plan() -> Plan {
    plan_of(Mode::Full)
}

/// The questions of the quick check as a run with seed 7 shows them.
fn quick_plan() -> Plan {
    plan_of(Mode::Quick)
}

fn plan_of(mode: Mode) -> Plan {
    let bank = Bank::load(None).expect("the built-in bank loads");
    Plan::new(&bank, mode, SEED)
}

/// Starts openup on a 100×40 terminal, asking `plan`'s questions.
fn start(data: &Path, plan: &Plan, args: &[&str]) -> Openup {
    start_sized(data, plan, args, 100, 40)
}

/// Starts openup on a `cols`×`rows` terminal, asking `plan`'s questions.
fn start_sized(data: &Path, plan: &Plan, args: &[&str], cols: u16, rows: u16) -> Openup {
    let mut args = args.to_vec();
    if plan.mode == Mode::Quick {
        args.push("--quick");
    }
    Openup::start_sized(data, &args, cols, rows)
}

fn safety_count(plan: &Plan) -> usize {
    plan.items
        .iter()
        .filter(|item| item.kind == Kind::Safety)
        .count()
}

fn scenario_count(plan: &Plan) -> usize {
    plan.items.len() - safety_count(plan)
}

/// The heading a question screen shows for item `index` of the plan.
fn heading(plan: &Plan, index: usize) -> String {
    let item = &plan.items[index];
    let safety = safety_count(plan);
    match item.kind {
        Kind::Safety => format!("Safety check {} of {safety}", index + 1),
        Kind::Scenario => format!(
            "Question {} of {} · {}",
            index - safety + 1,
            scenario_count(plan),
            item.title
        ),
    }
}

/// The label of option `n` of item `index`, as shown.
fn label(plan: &Plan, index: usize, n: usize) -> &str {
    &plan.items[index].options[n].1
}

/// The id of option `n` of item `index`.
fn option_id(plan: &Plan, index: usize, n: usize) -> &str {
    &plan.items[index].options[n].0
}

/// Waits for the question screen of item `index`, list drawn, and returns what
/// was written since the previous expectation up to its heading.
fn wait_question(o: &mut Openup, plan: &Plan, index: usize) -> String {
    let (before, _) = o.expect_wrapped(&heading(plan, index));
    let item = &plan.items[index];
    if item.kind == Kind::Safety {
        // Safety questions start with nothing selected: wait for the last option.
        let last = &item.options[item.options.len() - 1].1;
        o.expect_wrapped(last);
    } else {
        o.expect(POINTER);
    }
    before
}

/// Answers items `range` with the first option shown: Enter on a scenario,
/// Down and Enter on a safety question, where nothing starts selected.
fn answer_with_enter(o: &mut Openup, plan: &Plan, range: Range<usize>) {
    for index in range {
        wait_question(o, plan, index);
        if plan.items[index].kind == Kind::Safety {
            o.send(DOWN);
            o.expect(&format!("{POINTER}{}", plan.items[index].options[0].1));
        }
        o.send(ENTER);
    }
}

/// Accepts the intro.
fn begin(o: &mut Openup) {
    o.expect("Ready to begin?");
    o.send(ENTER);
}

/// Waits for the review screen, its first item selected.
fn wait_review(o: &mut Openup) {
    o.expect("Review your answers");
    o.expect(&format!("{POINTER}Finish and see my report"));
}

/// Waits for the review screen and finishes it.
fn finish_review(o: &mut Openup) {
    wait_review(o);
    o.send(ENTER);
}

/// Waits for the report's main parts.
fn expect_report(o: &mut Openup) {
    o.expect("openup · your reflection report");
    o.expect("Where to focus first");
    o.expect("All ten tips");
}

/// Accepts both save prompts' defaults and returns the path openup says it saved to.
fn accept_save(o: &mut Openup) -> PathBuf {
    o.expect_wrapped("Save this result so you can re-read it and compare later retakes?");
    o.send(ENTER);
    o.expect("Save to");
    o.expect(".json");
    o.send(ENTER);
    o.expect("Saved to ");
    PathBuf::from(o.expect("\n").trim())
}

/// Runs a fresh assessment up to question 3 (two scenario questions answered
/// with Enter) and stops it there with Ctrl-C, as a setup for resuming.
fn interrupt_at_third_question(data: &Path, plan: &Plan) {
    let mut o = start(data, plan, &[]);
    begin(&mut o);
    let third = safety_count(plan) + 2;
    answer_with_enter(&mut o, plan, 0..third);
    wait_question(&mut o, plan, third);
    o.ctrl_c();
    o.expect_wrapped(STOPPED);
    o.expect_wrapped(NOT_SAFETY);
    assert_eq!(o.exit_code(), 130, "Ctrl-C exits with 130");
    let draft = read_json(&draft_path(data));
    let kept = answers(&draft["state"]);
    assert_eq!(
        kept.len(),
        2,
        "two scenario answers, no safety answer: {kept:?}"
    );
    assert!(kept.keys().all(|k| !k.starts_with("safety-")), "{kept:?}");
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}\n{text}", path.display()))
}

fn draft_path(data: &Path) -> PathBuf {
    data.join("draft.json")
}

/// Every file in `<data>/results`, sorted; none when the directory is absent.
fn result_files(data: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(data.join("results")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.expect("list results").path()).collect();
    files.sort();
    files
}

/// The only result saved, checked to be where openup said it saved it.
fn the_one_result(data: &Path, said: &Path) -> Value {
    let files = result_files(data);
    assert_eq!(
        files.len(),
        1,
        "exactly one file in results/, found {files:?}"
    );
    assert_eq!(
        files[0], said,
        "the result is where openup said it saved it"
    );
    read_json(&files[0])
}

/// The answers of a saved result or a draft's state, as a map.
fn answers(value: &Value) -> &serde_json::Map<String, Value> {
    value["answers"]
        .as_object()
        .unwrap_or_else(|| panic!("no answers object in {value:#}"))
}

/// Asserts that the last cursor-hide in the output was followed by a cursor-show.
fn assert_cursor_shown_at_end(transcript: &str) {
    let hidden = transcript.rfind(HIDE_CURSOR);
    let shown = transcript.rfind(SHOW_CURSOR);
    assert!(
        shown.is_some() && shown > hidden,
        "the cursor is shown again after the last prompt hid it (hide at {hidden:?}, show at {shown:?})"
    );
}

#[test]
fn full_assessment_saves_a_private_result_and_its_review_fits_the_screen() {
    let plan = plan();
    let safety = safety_count(&plan);
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &plan, &[]);

    begin(&mut o);
    answer_with_enter(&mut o, &plan, 0..safety);
    o.expect(&format!(
        "{safety} answered · 0 skipped · {} to go",
        scenario_count(&plan)
    ));
    answer_with_enter(&mut o, &plan, safety..plan.items.len());
    let review = review_page(&mut o, 100, 40);
    assert_review_page_fits(&review, 100, 40);
    o.send(ENTER);
    expect_report(&mut o);
    let said = accept_save(&mut o);
    assert_eq!(o.exit_code(), 0, "a finished assessment exits with 0");

    assert!(
        !o.transcript().contains("skipped and did not count"),
        "nothing was skipped, so the report mentions no skipped question"
    );
    let result = the_one_result(data.path(), &said);
    let mode = fs::metadata(&said).expect("stat result").permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o600,
        "the result is private"
    );
    assert_eq!(result["schema_version"], 1);
    assert_eq!(result["seed"], SEED);
    let saved = answers(&result);
    assert_eq!(saved.len(), plan.items.len(), "every question answered");
    assert_eq!(saved.len(), 69);
    for (index, item) in plan.items.iter().enumerate() {
        assert_eq!(
            saved.get(&item.id).and_then(Value::as_str),
            Some(option_id(&plan, index, 0)),
            "Enter chose the first option shown for {}",
            item.id
        );
    }
    assert_eq!(result["skipped"], serde_json::json!([]));
    assert!(
        !draft_path(data.path()).exists(),
        "the draft is gone once the result is saved"
    );
}

#[test]
fn ctrl_c_at_a_question_keeps_a_draft_and_restores_the_cursor() {
    let plan = quick_plan();
    let safety = safety_count(&plan);
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &plan, &[]);

    begin(&mut o);
    let third = safety + 2;
    answer_with_enter(&mut o, &plan, 0..third);
    wait_question(&mut o, &plan, third);
    o.ctrl_c();
    o.expect(SHOW_CURSOR);
    o.expect_wrapped(STOPPED);
    assert_eq!(o.exit_code(), 130, "Ctrl-C exits with 128 + SIGINT");
    assert_cursor_shown_at_end(&o.transcript());

    let draft = read_json(&draft_path(data.path()));
    let state = &draft["state"];
    let kept = answers(state);
    assert_eq!(kept.len(), 2, "the scenario answers given so far: {kept:?}");
    for (index, item) in plan.items[..third].iter().enumerate() {
        if item.kind == Kind::Safety {
            assert!(!kept.contains_key(&item.id), "no safety answer is kept");
            continue;
        }
        assert_eq!(
            kept.get(&item.id).and_then(Value::as_str),
            Some(option_id(&plan, index, 0)),
            "the draft keeps the answer to {}",
            item.id
        );
    }
    assert_eq!(state["position"], third, "the draft is at question 3");
    assert_eq!(draft["seed"], SEED);
    assert!(result_files(data.path()).is_empty(), "no result is saved");
}

/// Stops a run at question 2 with SIGTERM; returns the exit code.
fn sigterm_at_second_question(data: &Path, plan: &Plan) -> (Openup, i32) {
    let second = safety_count(plan) + 1;
    let mut o = start(data, plan, &[]);
    begin(&mut o);
    answer_with_enter(&mut o, plan, 0..second);
    wait_question(&mut o, plan, second);
    o.signal(libc::SIGTERM);
    o.expect(SHOW_CURSOR);
    o.expect_wrapped(STOPPED);
    let code = o.exit_code();
    (o, code)
}

#[test]
fn sigterm_at_a_question_exits_with_143_keeps_a_draft_and_restores_the_cursor() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    let (o, code) = sigterm_at_second_question(data.path(), &plan);
    assert_eq!(
        code, 143,
        "SIGTERM exits with 128 + 15, as interrupt.rs promises"
    );
    assert_cursor_shown_at_end(&o.transcript());
    let draft = read_json(&draft_path(data.path()));
    assert_eq!(
        answers(&draft["state"]).len(),
        1,
        "the draft keeps the scenario answer given so far, and no safety answer"
    );
}

#[test]
fn esc_goes_back_with_the_earlier_answer_preselected() {
    let plan = quick_plan();
    let first = safety_count(&plan);
    let second_label = label(&plan, first, 1).to_string();
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &plan, &[]);

    begin(&mut o);
    answer_with_enter(&mut o, &plan, 0..first);
    wait_question(&mut o, &plan, first);
    o.send(DOWN);
    o.expect(&format!("{POINTER}{second_label}"));
    o.send(ENTER);

    wait_question(&mut o, &plan, first + 1);
    o.send(ESC);
    o.expect_wrapped(&heading(&plan, first));
    // The first pointer drawn after the heading is at the earlier answer.
    let before = o.expect(&format!("{POINTER}{second_label}"));
    assert!(
        !before.contains(POINTER),
        "the pointer starts at the earlier answer, not above it:\n{before}"
    );
    assert!(
        before.contains(label(&plan, first, 0)),
        "the options above the earlier answer are listed:\n{before}"
    );

    // Enter keeps the preselected answer.
    o.send(ENTER);
    wait_question(&mut o, &plan, first + 1);
    let draft = read_json(&draft_path(data.path()));
    assert_eq!(
        answers(&draft["state"])
            .get(&plan.items[first].id)
            .and_then(Value::as_str),
        Some(option_id(&plan, first, 1)),
        "the answer to question 1 is still the second option"
    );
    assert_eq!(draft["state"]["position"], first + 1);

    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);
}

#[test]
fn skipped_question_is_reported_and_saved_as_skipped() {
    let plan = quick_plan();
    let safety = safety_count(&plan);
    let skip = safety + 1;
    let skipped_id = plan.items[skip].id.clone();
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &plan, &[]);

    begin(&mut o);
    answer_with_enter(&mut o, &plan, 0..skip);
    wait_question(&mut o, &plan, skip);
    o.send(&DOWN.repeat(plan.items[skip].options.len()));
    o.expect(&format!("{POINTER}Skip this question"));
    o.send(ENTER);
    o.expect(&format!(
        "{} answered · 1 skipped · {} to go",
        safety + 1,
        plan.items.len() - safety - 2
    ));
    answer_with_enter(&mut o, &plan, skip + 1..plan.items.len());

    wait_review(&mut o);
    o.expect_wrapped(&format!(
        "Q{} · {}: (skipped)",
        skip - safety + 1,
        plan.items[skip].title
    ));
    o.send(ENTER);
    expect_report(&mut o);
    o.expect("1 question was skipped and did not count");
    let said = accept_save(&mut o);
    assert_eq!(o.exit_code(), 0);

    let result = the_one_result(data.path(), &said);
    assert_eq!(result["skipped"], serde_json::json!([skipped_id]));
    let saved = answers(&result);
    assert_eq!(saved.len(), plan.items.len() - 1);
    assert!(
        !saved.contains_key(&skipped_id),
        "a skipped question has no answer"
    );
}

#[test]
fn changing_an_answer_from_the_review_saves_the_new_answer() {
    let plan = quick_plan();
    let first = safety_count(&plan);
    let title = &plan.items[first].title;
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &plan, &[]);

    begin(&mut o);
    answer_with_enter(&mut o, &plan, 0..plan.items.len());
    wait_review(&mut o);

    // Row n of the review is item n - 1; "Finish" is above the first row.
    let row = first + 1;
    // Rows are numbered as on the question screens: Q1 is the first scenario.
    o.send(&DOWN.repeat(row));
    o.expect_wrapped(&format!(
        "{POINTER}Q1 · {title}: {}",
        label(&plan, first, 0)
    ));
    o.send(ENTER);
    o.expect_wrapped(&heading(&plan, first));
    o.expect(&format!("{POINTER}{}", label(&plan, first, 0)));
    o.send(DOWN);
    o.expect(&format!("{POINTER}{}", label(&plan, first, 1)));
    o.send(ENTER);

    // Back at the review, the pointer stays on the row just changed.
    o.expect("Review your answers");
    o.expect_wrapped(&format!(
        "{POINTER}Q1 · {title}: {}",
        label(&plan, first, 1)
    ));
    o.send(&UP.repeat(row));
    o.expect(&format!("{POINTER}Finish and see my report"));
    o.send(ENTER);
    expect_report(&mut o);
    let said = accept_save(&mut o);
    assert_eq!(o.exit_code(), 0);

    let result = the_one_result(data.path(), &said);
    let saved = answers(&result);
    assert_eq!(saved.len(), plan.items.len());
    for (index, item) in plan.items.iter().enumerate() {
        let expected = if index == first { 1 } else { 0 };
        assert_eq!(
            saved.get(&item.id).and_then(Value::as_str),
            Some(option_id(&plan, index, expected)),
            "saved answer to {}",
            item.id
        );
    }
}

#[test]
fn resume_after_ctrl_c_continues_at_the_next_question() {
    let plan = quick_plan();
    let third = safety_count(&plan) + 2;
    let data = tempfile::tempdir().expect("temp dir");
    interrupt_at_third_question(data.path(), &plan);

    let mut o = start(data.path(), &plan, &[]);
    o.expect("You have an unfinished assessment.");
    o.expect_wrapped(&format!(
        "{POINTER}Resume where you stopped (quick check, 2 of {} questions done; the safety questions are asked again)",
        scenario_count(&plan)
    ));
    o.send(ENTER);
    // The safety questions again, since no draft keeps them; then on where it stopped.
    answer_with_enter(&mut o, &plan, 0..safety_count(&plan));
    let before = wait_question(&mut o, &plan, third);
    assert!(
        !before.contains("Question 1 of") && !before.contains("Question 2 of"),
        "no earlier scenario question is asked again:\n{before}"
    );
    o.send(ENTER);
    answer_with_enter(&mut o, &plan, third + 1..plan.items.len());
    finish_review(&mut o);
    expect_report(&mut o);
    let said = accept_save(&mut o);
    assert_eq!(o.exit_code(), 0);

    assert!(
        !o.transcript().contains("Ready to begin?"),
        "a resumed assessment does not show the intro again"
    );
    assert!(
        !draft_path(data.path()).exists(),
        "the draft is gone once the result is saved"
    );
    let result = the_one_result(data.path(), &said);
    assert_eq!(answers(&result).len(), plan.items.len());
}

#[test]
fn resume_flag_continues_without_asking() {
    let plan = quick_plan();
    let third = safety_count(&plan) + 2;
    let data = tempfile::tempdir().expect("temp dir");
    interrupt_at_third_question(data.path(), &plan);

    let mut o = start(data.path(), &plan, &["--resume"]);
    answer_with_enter(&mut o, &plan, 0..safety_count(&plan));
    wait_question(&mut o, &plan, third);
    let seen = o.transcript();
    assert!(
        !seen.contains("unfinished assessment") && !seen.contains("Ready to begin?"),
        "--resume neither asks nor shows the intro:\n{seen}"
    );
    o.ctrl_c();
    o.expect_wrapped(STOPPED);
    assert_eq!(o.exit_code(), 130);
    let draft = read_json(&draft_path(data.path()));
    assert_eq!(
        answers(&draft["state"]).len(),
        2,
        "the draft still has its scenario answers, and only those"
    );
}

#[test]
fn fresh_flag_discards_the_draft_without_asking() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    interrupt_at_third_question(data.path(), &plan);

    let mut o = start(data.path(), &plan, &["--fresh"]);
    let before = o.expect("Ready to begin?");
    assert!(
        !before.contains("unfinished assessment"),
        "--fresh does not ask:\n{before}"
    );
    assert!(
        !draft_path(data.path()).exists(),
        "--fresh discards the draft"
    );
    o.send(ENTER);
    o.expect(&format!(
        "0 answered · 0 skipped · {} to go",
        plan.items.len()
    ));
    wait_question(&mut o, &plan, 0);
    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);
}

/// The terminal size for the narrow-terminal tests: columns, rows.
const NARROW: (u16, u16) = (40, 30);

/// Starts a run on the narrow terminal, answers the safety screen and returns
/// the first scenario question's screen as a person would see it, played on a
/// terminal's main screen from the question's clear-screen on, so that lines
/// scrolled off the top are counted (the alternate screen keeps none).
fn narrow_first_question(data: &Path, plan: &Plan) -> (Openup, vt100::Screen) {
    let safety = safety_count(plan);
    let mut o = start_sized(data, plan, &[], NARROW.0, NARROW.1);
    begin(&mut o);
    answer_with_enter(&mut o, plan, 0..safety);
    let (before, title) = o.expect_wrapped(&heading(plan, safety));
    let (_, top) = before
        .rsplit_once("\x1b[2J")
        .unwrap_or_else(|| panic!("question 1 starts on a clear screen:\n{before}"));
    let rest = o.expect("Back to the previous question");
    let drawing = format!("{top}{title}{rest}Back to the previous question");
    let screen = terminal(NARROW.0, NARROW.1, drawing.as_bytes())
        .screen()
        .clone();
    (o, screen)
}

#[test]
fn narrow_terminal_wraps_prompt_and_options() {
    let plan = quick_plan();
    let item = &plan.items[safety_count(&plan)];
    let data = tempfile::tempdir().expect("temp dir");
    let (mut o, screen) = narrow_first_question(data.path(), &plan);
    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);

    let lines = lines(&screen);
    let shown = lines.join("\n");
    let flat = flatten(&shown);
    assert!(
        flat.contains(&flatten(&item.prompt)),
        "the whole prompt is shown:\n{shown}"
    );
    for (_, label) in &item.options {
        assert!(
            flat.contains(label.as_str()),
            "option {label:?} is shown:\n{shown}"
        );
    }
    let long = item
        .options
        .iter()
        .map(|(_, label)| label)
        .find(|label| label.chars().count() > usize::from(NARROW.0) - 4)
        .expect("question 1 has an option longer than the narrow width");
    assert!(
        !lines.iter().any(|line| line.contains(long.as_str())),
        "the long option {long:?} is wrapped onto more than one line:\n{shown}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with(POINTER) && long.starts_with(&line[POINTER.len()..])),
        "the first option is selected and starts on its own line:\n{shown}"
    );
}

#[test]
fn narrow_terminal_question_screen_breaks_no_word() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    let (mut o, screen) = narrow_first_question(data.path(), &plan);
    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);

    let shown = lines(&screen).join("\n");
    let broken = split_words(&screen);
    assert!(
        broken.is_empty(),
        "no line is so long that the terminal breaks a word; broken: {broken:#?}\n{shown}"
    );
    assert_eq!(
        scrolled(&screen),
        0,
        "the question fits on the screen:\n{shown}"
    );
}

/// Waits for the review page and returns its first drawing as a person would
/// see it, played on a terminal's main screen so that lines scrolled off the
/// top are counted; leaves the pointer on "Finish and see my report".
fn review_page(o: &mut Openup, cols: u16, rows: u16) -> vt100::Screen {
    o.expect("\x1b[2J");
    let finish = format!("{POINTER}Finish and see my report");
    let mut drawing = o.expect(&finish);
    drawing.push_str(&finish);
    // Move once: the first drawing ends where the second clears the screen.
    o.send(DOWN);
    let rest = o.expect(&format!("{POINTER}Safety check 1: "));
    let clear = rest
        .find("\x1b[2J")
        .expect("the page is drawn anew on a cleared screen");
    drawing.push_str(&rest[..clear]);
    o.send(UP);
    o.expect(&finish);
    assert!(
        drawing.contains("Review your answers"),
        "the drawing starts at the review's clear-screen"
    );
    terminal(cols, rows, drawing.as_bytes()).screen().clone()
}

/// Asserts that the whole review page, title to last row, is on the screen.
fn assert_review_page_fits(screen: &vt100::Screen, cols: u16, rows: u16) {
    let lines = lines(screen);
    let shown = lines.join("\n");
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with(&format!("{POINTER}Finish and see my report"))),
        "the selected row is on the screen:\n{shown}"
    );
    assert!(
        lines.iter().any(|line| line == "Review your answers"),
        "the title is on the screen:\n{shown}"
    );
    assert_eq!(
        scrolled(screen),
        0,
        "the review page fits on a {cols}x{rows} terminal:\n{shown}"
    );
}

#[test]
fn narrow_terminal_review_page_fits_the_height() {
    let plan = plan();
    let (cols, rows) = NARROW;
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start_sized(data.path(), &plan, &[], cols, rows);
    begin(&mut o);
    answer_with_enter(&mut o, &plan, 0..plan.items.len());
    let review = review_page(&mut o, cols, rows);
    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);
    assert_review_page_fits(&review, cols, rows);
}

#[test]
fn declining_at_the_intro_leaves_the_alternate_screen_and_says_goodbye() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &quick_plan(), &[]);
    o.expect("Ready to begin?");
    o.send("n");
    o.expect("\x1b[?1049l");
    o.expect("No problem. Run openup again whenever you are ready.");
    assert_eq!(o.exit_code(), 0);
}

#[test]
fn ctrl_c_before_any_answer_says_nothing_was_saved() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &quick_plan(), &[]);
    begin(&mut o);
    o.expect("Safety check 1 of");
    o.ctrl_c();
    o.expect("Stopped. Nothing was kept.");
    assert_eq!(o.exit_code(), 130);
    assert!(!data.path().join("draft.json").exists());
}

#[test]
fn a_concerning_first_answer_shows_help_at_once_and_is_never_written_down() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &plan, &["--region", "AU"]);
    begin(&mut o);
    wait_question(&mut o, &plan, 0);
    // "Often" to feeling afraid: down to the third option.
    let often = plan.items[0]
        .options
        .iter()
        .position(|(id, _)| id == "often")
        .expect("an often option");
    for _ in 0..=often {
        o.send(DOWN);
    }
    o.expect(&format!("{POINTER}Often"));
    o.send(ENTER);
    // The help screen comes before the second question, with the region's lines.
    let before = o.expect("Help is there if you need it");
    assert!(!before.contains("Safety check 2 of"), "{before}");
    o.expect_wrapped("In danger now: call 000.");
    o.expect_wrapped("1800RESPECT: call 1800 737 732");
    o.expect_wrapped("Ctrl-C leaves openup at once and clears the screen.");
    o.expect("Go on with the questions");
    o.send(ENTER);
    answer_with_enter(&mut o, &plan, 1..safety_count(&plan) + 1);
    wait_question(&mut o, &plan, safety_count(&plan) + 1);
    o.ctrl_c();
    o.expect_wrapped(STOPPED);
    assert_eq!(o.exit_code(), 130);
    let text = fs::read_to_string(draft_path(data.path())).expect("a draft");
    assert!(
        !text.contains("safety"),
        "no safety answer in the draft:\n{text}"
    );
    assert!(!text.contains("often"), "{text}");
}

#[test]
fn start_fresh_then_ctrl_c_leaves_no_draft() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    interrupt_at_third_question(data.path(), &plan);
    let mut o = start(data.path(), &plan, &[]);
    o.expect("You have an unfinished assessment.");
    o.expect("Start fresh");
    o.send(DOWN);
    o.expect(&format!("{POINTER}Start fresh"));
    o.send(ENTER);
    o.expect("Ready to begin?");
    assert!(
        !draft_path(data.path()).exists(),
        "Start fresh discards the old draft at once"
    );
    o.ctrl_c();
    o.expect("Stopped. Nothing was kept.");
    assert_eq!(o.exit_code(), 130);
    assert!(!draft_path(data.path()).exists());
}

#[test]
fn a_long_report_goes_through_the_pager_on_a_terminal_and_not_in_a_pipe() {
    let data = tempfile::tempdir().expect("temp dir");
    // A result to show: an answers file saved with --save.
    let answers = data.path().join("answers.json");
    let mut map = serde_json::Map::new();
    for item in &plan().items {
        map.insert(item.id.clone(), Value::String(item.options[0].0.clone()));
    }
    fs::write(&answers, serde_json::json!({ "answers": map }).to_string()).unwrap();
    let saved = data.path().join("result.json");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_openup"))
        .args(["start", "--answers"])
        .arg(&answers)
        .arg("--save")
        .arg(&saved)
        .env("OPENUP_DATA_DIR", data.path())
        .output()
        .expect("save a result");
    assert!(status.status.success());

    // The pager: a script that records what it is given.
    let got = data.path().join("paged.txt");
    let pager = data.path().join("pager.sh");
    fs::write(&pager, format!("#!/bin/sh\ncat > '{}'\n", got.display())).unwrap();
    std::os::unix::fs::PermissionsExt::set_mode(
        &mut fs::metadata(&pager).unwrap().permissions(),
        0o755,
    );
    fs::set_permissions(&pager, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let pager_cmd = pager.display().to_string();
    let report = saved.display().to_string();

    // On a terminal of 20 rows the report is taller: it goes to the pager.
    let mut o = Openup::start_with(
        data.path(),
        &["report", &report],
        100,
        20,
        &[("OPENUP_PAGER", &pager_cmd)],
    );
    assert_eq!(o.exit_code(), 0);
    let paged = fs::read_to_string(&got).expect("the pager got the report");
    assert!(paged.contains("Where to focus first"), "{paged}");
    fs::remove_file(&got).unwrap();

    // Piped, it is printed and the pager never runs.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_openup"))
        .args(["report", &report])
        .env("OPENUP_PAGER", &pager_cmd)
        .env("OPENUP_DATA_DIR", data.path())
        .output()
        .expect("report in a pipe");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Where to focus first"));
    assert!(!got.exists(), "no pager in a pipe");

    // --no-pager prints even on a terminal.
    let mut o = Openup::start_with(
        data.path(),
        &["report", &report, "--no-pager"],
        100,
        20,
        &[("OPENUP_PAGER", &pager_cmd)],
    );
    o.expect("Where to focus first");
    assert_eq!(o.exit_code(), 0);
    assert!(!got.exists(), "--no-pager skips the pager");
}

// ------------------------------------------------ window size, Ctrl-Z, keys

/// Leaves the alternate screen: the shell's screen comes back.
const LEAVE_ALTERNATE: &str = "\x1b[?1049l";
/// Enters the alternate screen, where the wizard draws.
const ENTER_ALTERNATE: &str = "\x1b[?1049h";

/// Starts a quick check and waits at its first scenario question.
fn at_first_scenario(data: &Path, plan: &Plan, cols: u16, rows: u16) -> Openup {
    let mut o = start_sized(data, plan, &[], cols, rows);
    begin(&mut o);
    answer_with_enter(&mut o, plan, 0..safety_count(plan));
    wait_question(&mut o, plan, safety_count(plan));
    o
}

#[test]
fn a_resized_window_is_drawn_anew_at_its_size_keeping_the_highlight() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    let first = safety_count(&plan);
    let mut o = at_first_scenario(data.path(), &plan, 100, 40);
    o.send(DOWN);
    let second = label(&plan, first, 1);
    o.expect(&format!("{POINTER}{second}"));

    // No key is pressed: the new size alone brings a new drawing.
    o.resize(44, 24);
    o.expect("\x1b[2J");
    o.expect_wrapped(&heading(&plan, first));
    o.expect("Back to the previous question");
    let screen = o.screen();
    let shown = lines(&screen).join("\n");
    assert!(
        split_words(&screen).is_empty(),
        "no word is broken:\n{shown}"
    );
    assert_eq!(scrolled(&screen), 0, "the question fits:\n{shown}");
    let words: Vec<&str> = second.split(' ').take(2).collect();
    assert!(
        lines(&screen)
            .iter()
            .any(|l| l.starts_with(&format!("{POINTER}{}", words.join(" ")))),
        "the second option is still highlighted:\n{shown}"
    );

    // And it grows back as well, still on the same option.
    o.resize(100, 40);
    o.expect("\x1b[2J");
    o.expect(&format!("{POINTER}{second}"));
    o.send(ENTER);
    wait_question(&mut o, &plan, first + 1);
    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);
}

/// Stops openup at its first question with `stop`, checks that the terminal
/// was given back (normal screen, cursor shown) and that it stopped, continues
/// it, and checks that the question is drawn again and answers keys.
fn stopped_and_continued(stop: impl FnOnce(&mut Openup)) {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &plan, &[]);
    begin(&mut o);
    wait_question(&mut o, &plan, 0);
    stop(&mut o);
    o.expect(LEAVE_ALTERNATE);
    o.expect(SHOW_CURSOR);
    o.expect_stopped();
    o.signal(libc::SIGCONT);
    o.expect(ENTER_ALTERNATE);
    wait_question(&mut o, &plan, 0);
    o.send(DOWN);
    o.send(ENTER);
    wait_question(&mut o, &plan, 1);
    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);
}

#[test]
fn ctrl_z_stops_with_the_terminal_restored_and_fg_draws_the_question_again() {
    stopped_and_continued(|o| o.send("\x1a"));
}

#[test]
fn sigtstp_from_outside_stops_likewise_and_continuing_draws_the_question_again() {
    stopped_and_continued(|o| o.signal(libc::SIGTSTP));
}

#[test]
fn enter_on_a_safety_question_with_nothing_chosen_says_how_to_choose() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    let mut o = start(data.path(), &plan, &[]);
    begin(&mut o);
    wait_question(&mut o, &plan, 0);
    o.send(ENTER);
    o.expect("Use ↑ or ↓ to pick an answer, then press Enter.");
    o.send(DOWN);
    o.send(ENTER);
    wait_question(&mut o, &plan, 1);
    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);
}

/// Answers a whole quick check with the first options and waits at the review.
fn quick_review(data: &Path, plan: &Plan, cols: u16, rows: u16) -> Openup {
    let mut o = start_sized(data, plan, &["--no-save"], cols, rows);
    begin(&mut o);
    answer_with_enter(&mut o, plan, 0..plan.items.len());
    wait_review(&mut o);
    o
}

#[test]
fn the_review_pages_with_pgdn_pgup_home_end_and_finish_is_on_every_page() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    // 14 rows: the review takes three pages.
    let mut o = quick_review(data.path(), &plan, 80, 14);
    o.expect("Page 1 of 3");
    o.send("\x1b[6~"); // PgDn
    o.expect("Page 2 of 3");
    let page = o.screen();
    assert!(
        lines(&page)
            .iter()
            .any(|l| l.trim_start() == "Finish and see my report"),
        "Finish is on the second page too:\n{}",
        lines(&page).join("\n")
    );
    o.send("\x1b[F"); // End
    o.expect("Page 3 of 3");
    o.send("\x1b[5~"); // PgUp
    o.expect("Page 2 of 3");
    o.send("\x1b[H"); // Home: to Finish, on the page on show
    o.expect(&format!("{POINTER}Finish and see my report"));
    o.expect("Page 2 of 3");
    o.send(ENTER);
    expect_report(&mut o);
    assert_eq!(o.exit_code(), 0);
}

#[test]
fn a_skipped_question_picked_in_the_review_has_skip_chosen_and_back_returns_to_the_review() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    let last = plan.items.len() - 1;
    let mut o = start(data.path(), &plan, &["--no-save"]);
    begin(&mut o);
    answer_with_enter(&mut o, &plan, 0..last);
    wait_question(&mut o, &plan, last);
    // Skip the last question: the entry after its options.
    let options = plan.items[last].options.len();
    o.send(&DOWN.repeat(options));
    o.expect(&format!("{POINTER}Skip this question"));
    o.send(ENTER);
    wait_review(&mut o);
    o.send("\x1b[F"); // End: the last question's row
    o.expect("(skipped)");
    o.send(ENTER);
    o.expect_wrapped(&heading(&plan, last));
    o.expect("Esc back to the review");
    o.expect(&format!("{POINTER}Skip this question"));
    o.expect("Back to the review");
    o.send(ESC);
    // Back on the review, on the row just visited; Home goes to Finish.
    o.expect("Review your answers");
    o.expect(&format!("{POINTER}Q{}", last + 1 - safety_count(&plan)));
    o.send("\x1b[H");
    o.expect(&format!("{POINTER}Finish and see my report"));
    o.send(ENTER);
    expect_report(&mut o);
    assert_eq!(o.exit_code(), 0);
}

#[test]
fn keys_pressed_while_the_window_is_too_small_answer_nothing() {
    let plan = quick_plan();
    let data = tempfile::tempdir().expect("temp dir");
    let first = safety_count(&plan);
    let mut o = at_first_scenario(data.path(), &plan, 100, 40);
    o.resize(24, 5);
    o.expect("Make the window");
    // Pressed blind: they must not answer the question nobody can see.
    o.send(DOWN);
    o.send(ENTER);
    o.send(ENTER);
    o.resize(100, 40);
    o.expect_wrapped(&heading(&plan, first));
    o.expect("Back to the previous question");
    // Still on the same question: "back" from it reaches the last safety
    // check. Had the blind keys been read, it would be a later question, and
    // "back" would lead to a scenario question.
    o.send("\x1b[F"); // End: "Back to the previous question"
    o.send(ENTER);
    o.expect_wrapped(&heading(&plan, first - 1));
    o.ctrl_c();
    assert_eq!(o.exit_code(), 130);
}
