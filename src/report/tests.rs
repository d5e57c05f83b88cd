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
    let input = ReportInput {
        result,
        bank,
        top: 3,
    };
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
    let input = ReportInput {
        result: &result,
        bank: &bank,
        top: 3,
    };
    insta::assert_snapshot!(render(Format::Markdown, &input, &TextStyle::PLAIN));
}

#[test]
fn json_report_round_trips() {
    let (bank, result) = result(Mode::Full, 2, "no", 0);
    let input = ReportInput {
        result: &result,
        bank: &bank,
        top: 3,
    };
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
