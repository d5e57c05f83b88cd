//! The wizard's flow through a scripted prompter and the plain prompter: every
//! path without a terminal.

use openup::bank::Bank;
use openup::error::Error;
use openup::score::Mode;
use openup::wizard::{
    Checkpoint, Kind, PlainPrompter, Plan, Reply, ReviewReply, ScriptedPrompter, State, Step,
    ask_all,
};

fn bank() -> Bank {
    Bank::embedded().expect("the built-in bank loads")
}

/// Records every state it is given.
#[derive(Default)]
struct Recorder(Vec<State>);

impl Checkpoint for Recorder {
    fn save(&mut self, state: &State) -> openup::Result<()> {
        self.0.push(state.clone());
        Ok(())
    }
}

/// Runs the wizard from the start with these steps; it must finish.
fn finish(plan: &Plan, steps: Vec<Step>) -> (ScriptedPrompter, State) {
    let mut prompter = ScriptedPrompter::new(steps);
    let state = ask_all(
        &mut prompter,
        plan,
        State::default(),
        &mut Recorder::default(),
    )
    .expect("the script reaches the end of the review");
    (prompter, state)
}

fn answer_all(plan: &Plan, choice: usize) -> Vec<Step> {
    plan.items
        .iter()
        .map(|_| Step::Answer(Reply::Chose(choice)))
        .collect()
}

#[test]
fn safety_questions_come_first_then_every_scenario() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Full, 1);
    let kinds: Vec<Kind> = plan.items.iter().map(|i| i.kind).collect();
    let first_scenario = kinds
        .iter()
        .position(|k| *k == Kind::Scenario)
        .expect("scenarios");
    assert_eq!(first_scenario, bank.safety.len());
    assert!(kinds[first_scenario..].iter().all(|k| *k == Kind::Scenario));
    assert_eq!(plan.scenario_count(), bank.questions.len());
}

#[test]
fn the_same_seed_gives_the_same_option_order_and_others_shuffle() {
    let bank = bank();
    let a = Plan::new(&bank, Mode::Full, 42);
    let b = Plan::new(&bank, Mode::Full, 42);
    assert_eq!(a.items, b.items);
    let differs = (0..20u64).any(|seed| Plan::new(&bank, Mode::Full, seed).items != a.items);
    assert!(differs, "different seeds should shuffle options");
    // Safety options always keep the bank's order.
    let safety = &a.items[0];
    let expected: Vec<String> = bank.safety[0]
        .options
        .iter()
        .map(|o| o.id.clone())
        .collect();
    assert_eq!(
        safety
            .options
            .iter()
            .map(|(id, _)| id.clone())
            .collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn answering_everything_then_finishing_records_every_answer() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Full, 3);
    let mut steps = answer_all(&plan, 0);
    steps.push(Step::Review(ReviewReply::Finish));
    let mut prompter = ScriptedPrompter::new(steps);
    let mut saves = Recorder::default();
    let state = ask_all(&mut prompter, &plan, State::default(), &mut saves).expect("finishes");
    assert_eq!(state.answers.len(), plan.items.len());
    for item in &plan.items {
        assert_eq!(state.answers[&item.id], item.options[0].0);
    }
    assert_eq!(
        saves.0.len(),
        plan.items.len(),
        "a checkpoint after every answer"
    );
    assert_eq!(prompter.reviews.len(), 1);
}

#[test]
fn back_returns_to_the_previous_question_with_its_answer_preselected() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let mut steps = vec![
        Step::Answer(Reply::Chose(1)),
        Step::Answer(Reply::Back),
        Step::Answer(Reply::Chose(2)),
    ];
    steps.extend(answer_all(&plan, 0).into_iter().skip(1));
    steps.push(Step::Review(ReviewReply::Finish));
    let (prompter, state) = finish(&plan, steps);
    let first = &plan.items[0];
    assert_eq!(prompter.asked[0], (first.id.clone(), None));
    assert_eq!(prompter.asked[1].0, plan.items[1].id);
    assert_eq!(
        prompter.asked[2],
        (first.id.clone(), Some(first.options[1].0.clone()))
    );
    assert_eq!(
        state.answers[&first.id], first.options[2].0,
        "the new answer replaces the old"
    );
}

#[test]
fn back_on_the_first_question_stays_there() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let mut steps = vec![Step::Answer(Reply::Back)];
    steps.extend(answer_all(&plan, 0));
    steps.push(Step::Review(ReviewReply::Finish));
    let (prompter, _) = finish(&plan, steps);
    assert_eq!(prompter.asked[0].0, prompter.asked[1].0);
}

#[test]
fn skipped_questions_are_recorded_and_counted_in_progress() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let safety = plan.safety_count();
    let mut steps = answer_all(&plan, 0);
    steps[safety] = Step::Answer(Reply::Skip);
    steps.push(Step::Review(ReviewReply::Finish));
    let (prompter, state) = finish(&plan, steps);
    let skipped = &plan.items[safety].id;
    assert!(state.skipped.contains(skipped));
    assert!(!state.answers.contains_key(skipped));
    let total = plan.items.len();
    assert_eq!(prompter.progress[safety], (safety, 0, total - safety));
    assert_eq!(
        prompter.progress[safety + 1],
        (safety, 1, total - safety - 1)
    );
    let review = &prompter.reviews[0];
    assert_eq!(
        review[safety].answer, None,
        "the review shows it as skipped"
    );
}

#[test]
fn a_skipped_question_opened_from_the_review_has_skip_preselected_and_back_to_the_review() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let target = plan.items.len() - 1;
    let mut steps = answer_all(&plan, 0);
    steps[target] = Step::Answer(Reply::Skip);
    steps.push(Step::Review(ReviewReply::Change(target)));
    steps.push(Step::Answer(Reply::Back));
    steps.push(Step::Review(ReviewReply::Change(0)));
    steps.push(Step::Answer(Reply::Back));
    steps.push(Step::Review(ReviewReply::Finish));
    let (prompter, state) = finish(&plan, steps);
    let n = plan.items.len();
    assert_eq!(prompter.marks[target], (false, false), "first time through");
    assert_eq!(
        prompter.marks[n],
        (true, true),
        "skipped before, opened from the review"
    );
    assert_eq!(
        prompter.marks[n + 1],
        (false, true),
        "the first question, from the review: back goes to the review"
    );
    assert!(
        state.skipped.contains(&plan.items[target].id),
        "back kept the skip"
    );
}

#[test]
fn safety_questions_cannot_be_skipped() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let mut steps = vec![Step::Answer(Reply::Skip)];
    steps.extend(answer_all(&plan, 0));
    steps.push(Step::Review(ReviewReply::Finish));
    let (prompter, state) = finish(&plan, steps);
    assert!(state.skipped.is_empty());
    assert_eq!(
        prompter.asked[0].0, prompter.asked[1].0,
        "the safety question is asked again"
    );
}

#[test]
fn the_review_can_change_any_answer_and_back_leaves_it_unchanged() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let target = plan.items.len() - 1;
    let mut steps = answer_all(&plan, 0);
    steps.push(Step::Review(ReviewReply::Change(target)));
    steps.push(Step::Answer(Reply::Chose(1)));
    steps.push(Step::Review(ReviewReply::Change(0)));
    steps.push(Step::Answer(Reply::Back));
    steps.push(Step::Review(ReviewReply::Finish));
    let (prompter, state) = finish(&plan, steps);
    let item = &plan.items[target];
    assert_eq!(state.answers[&item.id], item.options[1].0);
    assert_eq!(state.answers[&plan.items[0].id], plan.items[0].options[0].0);
    assert_eq!(prompter.reviews.len(), 3);
    assert_eq!(
        prompter.reviews[1][target].answer.as_deref(),
        Some(item.options[1].1.as_str())
    );
    assert_eq!(prompter.remaining(), 0);
}

#[test]
fn resuming_starts_at_the_saved_position_with_earlier_answers_kept() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let mut saves = Recorder::default();
    let mut prompter = ScriptedPrompter::new(answer_all(&plan, 0).into_iter().take(3));
    let stopped = ask_all(&mut prompter, &plan, State::default(), &mut saves);
    assert!(
        matches!(stopped, Err(Error::Interrupted)),
        "a script that ends is Ctrl-C"
    );
    let draft = saves
        .0
        .last()
        .cloned()
        .expect("saved before the interruption");
    assert_eq!(draft.position, 3);
    let mut steps = answer_all(&plan, 1).into_iter().skip(3).collect::<Vec<_>>();
    steps.push(Step::Review(ReviewReply::Finish));
    let mut prompter = ScriptedPrompter::new(steps);
    let state = ask_all(&mut prompter, &plan, draft, &mut saves).expect("finishes");
    assert_eq!(prompter.asked[0].0, plan.items[3].id);
    assert_eq!(state.answers.len(), plan.items.len());
    assert_eq!(state.answers[&plan.items[0].id], plan.items[0].options[0].0);
}

/// Plain mode reading `input` as from a pipe.
fn plain(input: &str, plan: &Plan) -> (openup::Result<State>, String) {
    plain_with(input, plan, false)
}

/// Plain mode reading `input` as typed at a terminal.
fn plain_typed(input: &str, plan: &Plan) -> (openup::Result<State>, String) {
    plain_with(input, plan, true)
}

fn plain_with(input: &str, plan: &Plan, interactive: bool) -> (openup::Result<State>, String) {
    let mut output = Vec::new();
    let result = {
        let mut prompter =
            PlainPrompter::new(input.as_bytes(), &mut output, 60).interactive(interactive);
        ask_all(
            &mut prompter,
            plan,
            State::default(),
            &mut Recorder::default(),
        )
    };
    (result, String::from_utf8(output).expect("utf-8"))
}

#[test]
fn plain_mode_reads_numbers_skip_back_and_help() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let safety = plan.safety_count();
    let mut lines: Vec<String> = vec!["1".into(); safety];
    lines.extend(["?", "9", "2", "b", "3", "s"].map(String::from));
    lines.extend(std::iter::repeat_n(
        "1".to_string(),
        plan.items.len() - safety - 2,
    ));
    lines.push(String::new());
    // Typed at a terminal: 9 is asked again (from a pipe it stops, tests/plain.rs).
    let (state, transcript) = plain_typed(&(lines.join("\n") + "\n"), &plan);
    let state = state.expect("finishes");
    let first = &plan.items[safety];
    assert_eq!(
        state.answers[&first.id], first.options[2].0,
        "b went back and 3 replaced 2"
    );
    assert!(state.skipped.contains(&plan.items[safety + 1].id));
    assert!(
        transcript.contains("Type the number of your answer"),
        "? prints help"
    );
    assert!(
        transcript.contains("Please type a number from 1 to"),
        "9 is out of range"
    );
    assert!(transcript.contains("Review your answers"));
    assert!(
        !transcript.contains('\u{1b}'),
        "plain mode writes no escape sequences"
    );
}

#[test]
fn plain_mode_input_that_ends_early_is_an_error_that_says_where() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let (state, _) = plain("1\n1\n", &plan);
    match state {
        Err(err @ Error::InputEnded { .. }) => {
            let message = err.to_string();
            assert!(message.contains("Safety check 3 of"), "{message}");
            assert!(message.contains("before the safety questions"), "{message}");
        }
        other => panic!("expected InputEnded, got {other:?}"),
    }
}

#[test]
fn review_rows_are_numbered_as_on_the_question_screens() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let safety = plan.safety_count();
    let mut steps = answer_all(&plan, 0);
    steps.push(Step::Review(ReviewReply::Finish));
    let (prompter, _) = finish(&plan, steps);
    let rows = &prompter.reviews[0];
    assert_eq!(rows[0].number, "Safety check 1");
    assert_eq!(
        rows[0].text(true),
        format!("Safety check 1: {}", plan.items[0].options[0].1)
    );
    let first = &plan.items[safety];
    assert_eq!(rows[safety].number, "Q1");
    assert_eq!(
        rows[safety].text(true),
        format!("Q1 · {}: {}", first.title, first.options[0].1)
    );
    assert_eq!(
        rows[safety].text(false),
        format!("Q1: {}", first.options[0].1)
    );
    assert_eq!(rows[safety + 1].number, "Q2");
}

#[test]
fn plain_mode_explains_that_safety_questions_cannot_be_skipped() {
    let bank = bank();
    let plan = Plan::new(&bank, Mode::Quick, 3);
    let (_, transcript) = plain_typed("s\n", &plan);
    assert!(
        transcript.contains("Safety questions cannot be skipped"),
        "{transcript}"
    );
    let (state, _) = plain("s\n", &plan);
    let message = state.expect_err("a pipe stops").to_string();
    assert!(
        message.contains("safety questions cannot be skipped"),
        "{message}"
    );
}
