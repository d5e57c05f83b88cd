//! The whole pure pipeline: load the embedded bank, score a full set of
//! answers, render every report format. Start-up cost lives in `load`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use openup::bank::Bank;
use openup::report::{Format, ReportInput, TextStyle, render};
use openup::saved::SavedResult;
use openup::score::{Answers, Mode, assess};

fn answers(bank: &Bank) -> Answers {
    bank.questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.clone(), q.options[i % q.options.len()].id.clone()))
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let bank = Bank::embedded().expect("bank loads");
    let answers = answers(&bank);
    let result = SavedResult::new(
        &bank,
        Mode::Full,
        answers.clone(),
        Some(1),
        "2026-01-01T00:00:00Z".into(),
    );

    c.bench_function("load embedded bank", |b| {
        b.iter(|| Bank::embedded().expect("loads"))
    });
    c.bench_function("score full answers", |b| {
        b.iter(|| assess(black_box(&bank), Mode::Full, black_box(&answers)))
    });
    c.bench_function("render text report", |b| {
        let input = ReportInput::new(&result, &bank, 3, None);
        b.iter(|| render(Format::Text, black_box(&input), &TextStyle::PLAIN))
    });
    c.bench_function("load + score + render", |b| {
        b.iter(|| {
            let bank = Bank::embedded().expect("loads");
            let result =
                SavedResult::new(&bank, Mode::Full, answers.clone(), Some(1), String::new());
            let input = ReportInput::new(&result, &bank, 3, None);
            black_box(render(Format::Text, &input, &TextStyle::PLAIN))
        })
    });
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
