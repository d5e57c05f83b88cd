//! Snapshots of every report format, colour off, from fixed answers.

use super::*;
use crate::bank::Bank;
use crate::saved::SavedResult;
use crate::score::{Answers, Mode};

/// A fixed respondent: for every question, the option at `pick` (wrapping).
fn answers(bank: &Bank, pick: usize, safety: &str) -> Answers {
    let mut answers: Answers = bank
        .questions
        .iter()
        .map(|q| (q.id.clone(), q.options[pick % q.options.len()].id.clone()))
        .collect();
    for q in &bank.safety {
        let id = if q.option(safety).is_some() {
            safety
        } else {
            "no"
        };
        answers.insert(q.id.clone(), id.to_string());
    }
    answers
}

fn result(mode: Mode, pick: usize, safety: &str, skip: usize) -> (Bank, SavedResult) {
    let bank = Bank::embedded().expect("the built-in bank loads");
    let mut answers = answers(&bank, pick, safety);
    for q in bank.questions.iter().take(skip) {
        answers.remove(&q.id);
    }
    let result = SavedResult::new(
        &bank,
        mode,
        answers,
        Some(7),
        "2026-11-27T10:00:00Z".to_string(),
    );
    (bank, result)
}

fn text(result: &SavedResult, bank: &Bank, style: TextStyle) -> String {
    let input = ReportInput::new(result, bank, 3, None);
    render(Format::Text, &input, &style)
}

#[test]
fn text_report() {
    let (bank, result) = result(Mode::Full, 0, "no", 2);
    insta::assert_snapshot!(text(&result, &bank, TextStyle::PLAIN));
}

#[test]
fn text_report_with_safety_concern() {
    let (bank, result) = result(Mode::Full, 1, "sometimes", 0);
    assert!(
        result.assessment.safety.concern,
        "the fixture must raise a concern"
    );
    insta::assert_snapshot!(text(&result, &bank, TextStyle::PLAIN));
}

#[test]
fn text_report_quick_check_narrow_ascii() {
    let (bank, result) = result(Mode::Quick, 2, "no", 0);
    let style = TextStyle {
        color: false,
        width: 40,
        ascii: true,
    };
    let report = text(&result, &bank, style);
    let wide: Vec<&str> = report.lines().filter(|l| l.chars().count() > 40).collect();
    assert!(wide.is_empty(), "lines wider than 40 columns: {wide:#?}");
    insta::assert_snapshot!(report);
}

#[test]
fn markdown_report() {
    let (bank, result) = result(Mode::Full, 1, "sometimes", 1);
    let input = ReportInput::new(&result, &bank, 3, None);
    insta::assert_snapshot!(render(Format::Markdown, &input, &TextStyle::PLAIN));
}

#[test]
fn json_report_round_trips() {
    let (bank, result) = result(Mode::Full, 2, "no", 0);
    let input = ReportInput::new(&result, &bank, 3, None);
    let json = render(Format::Json, &input, &TextStyle::PLAIN);
    let back = SavedResult::parse(std::path::Path::new("x.json"), json.as_bytes()).expect("parses");
    assert_eq!(back, result);
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r#""hash": "sha256:[0-9a-f]+""#, r#""hash": "[hash]""#);
    settings.add_filter(
        r#""openup_version": "[^"]+""#,
        r#""openup_version": "[version]""#,
    );
    settings.bind(|| insta::assert_snapshot!(json));
}

#[test]
fn colour_is_off_unless_asked() {
    let (bank, result) = result(Mode::Full, 0, "no", 0);
    assert!(!text(&result, &bank, TextStyle::PLAIN).contains('\u{1b}'));
    let coloured = TextStyle {
        color: true,
        ..TextStyle::PLAIN
    };
    assert!(text(&result, &bank, coloured).contains('\u{1b}'));
}

#[test]
fn under_a_safety_concern_withheld_tips_are_neither_focus_nor_strengths_and_help_is_safe() {
    let (bank, result) = result(Mode::Full, 0, "often", 0);
    let input = ReportInput::new(&result, &bank, 10, None);
    let withheld = &result.assessment.withheld;
    assert_eq!(withheld.len(), 4);
    assert!(input.focus().iter().all(|s| !withheld.contains(&s.tip)));
    assert!(input.strengths().iter().all(|s| !withheld.contains(&s.tip)));
    let help = bank.tip("professional-help").expect("tip");
    assert_eq!(input.to_try(help), UNSAFE_HELP_TRY.to_vec());
    let text = render(Format::Text, &input, &TextStyle::PLAIN);
    assert!(
        !text.to_lowercase().contains("couples counsellor"),
        "{text}"
    );
}

#[test]
fn strengths_are_never_listed_as_focus_tips() {
    let bank = Bank::embedded().expect("bank");
    // The most aligned answer on every question: every tip is a strength.
    let answers: Answers = bank
        .questions
        .iter()
        .map(|q| {
            let best = q
                .options
                .iter()
                .max_by_key(|o| o.weights.values().sum::<i64>())
                .expect("options");
            (q.id.clone(), best.id.clone())
        })
        .collect();
    let result = SavedResult::new(
        &bank,
        Mode::Full,
        answers,
        Some(1),
        "2026-11-27T10:00:00Z".into(),
    );
    let input = ReportInput::new(&result, &bank, 10, None);
    assert!(
        input
            .focus()
            .iter()
            .all(|s| s.band != crate::score::Band::Strength)
    );
    if input.focus().is_empty() {
        let text = render(Format::Text, &input, &TextStyle::PLAIN);
        assert!(
            text.contains("Every tip with a score is a strength"),
            "{text}"
        );
    }
}

#[test]
fn declined_safety_questions_bring_the_help_lines_into_the_report() {
    let (bank, result) = result(Mode::Full, 0, "prefer-not-to-say", 0);
    assert!(!result.assessment.safety.concern);
    assert_eq!(result.assessment.safety.declined, bank.safety.len());
    let input = ReportInput::new(&result, &bank, 3, None);
    let text = render(Format::Text, &input, &TextStyle::PLAIN);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(SAFETY_DECLINED), "{text}");
    assert!(text.contains("1-800-799-7233"), "{text}");
    let markdown = render(Format::Markdown, &input, &TextStyle::PLAIN);
    assert!(markdown.contains("0808 2000 247"), "{markdown}");
    let help = bank.tip("professional-help").expect("tip");
    assert_eq!(
        input.to_try(help),
        UNSAFE_HELP_TRY.to_vec(),
        "careful when unsure"
    );
}

#[test]
fn why_does_not_quote_a_quoted_title_or_answer_again() {
    let (bank, result) = result(Mode::Full, 3, "no", 0);
    let input = ReportInput::new(&result, &bank, 3, None);
    let mut score = result
        .assessment
        .scores
        .iter()
        .find(|s| !s.evidence.is_empty())
        .expect("a tip with evidence")
        .clone();
    score.evidence.truncate(1);
    score.evidence[0].title = "'Just like my dad'".into();
    score.evidence[0].answer = "Say nothing".into();
    let why = input.why(&score);
    assert!(
        why.starts_with("In 'Just like my dad' you chose “Say nothing”."),
        "{why}"
    );
}

#[test]
fn every_report_fits_every_width_from_40_up() {
    for (mode, pick, safety) in [
        (Mode::Full, 1, "sometimes"),
        (Mode::Full, 0, "prefer-not-to-say"),
        (Mode::Quick, 2, "no"),
    ] {
        let (bank, result) = result(mode, pick, safety, 1);
        for width in 40..=100 {
            for ascii in [false, true] {
                let style = TextStyle {
                    color: false,
                    width,
                    ascii,
                };
                let report = text(&result, &bank, style);
                let wide: Vec<&str> = report
                    .lines()
                    .filter(|l| console::measure_text_width(l) > width)
                    .collect();
                assert!(wide.is_empty(), "{mode:?} at {width}: {wide:#?}");
            }
        }
    }
}
