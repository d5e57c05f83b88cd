//! `openup history` over 1,000 saved results against the same over one, in
//! the same run: the release binary is run on each folder in turn and the
//! ratio of the median times is printed. The goal is at most 40.
//!
//! `cargo bench --bench history` (set `HISTORY_RUNS` for more or fewer runs,
//! `HISTORY_RESULTS` for another number of results).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use openup::bank::Bank;
use openup::saved::SavedResult;
use openup::score::{Answers, Mode};

/// Results made from different answers, so that no two files in a row are alike.
fn result(bank: &Bank, n: usize) -> String {
    let answers: Answers = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            (
                q.id.clone(),
                q.options[(i * 7 + n) % q.options.len()].id.clone(),
            )
        })
        .chain(bank.safety.iter().map(|q| (q.id.clone(), "no".to_string())))
        .collect();
    let created = format!("2026-{:02}-{:02}T10:00:00Z", 1 + n % 12, 1 + n % 28);
    SavedResult::new(bank, Mode::Full, answers, Some(n as u64), created).to_json()
}

fn fill(data: &Path, bank: &Bank, count: usize) {
    let results = data.join("results");
    std::fs::create_dir_all(&results).expect("a results folder");
    for n in 0..count {
        std::fs::write(results.join(format!("r{n:05}.json")), result(bank, n)).expect("a result");
    }
}

fn time_history(data: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_openup"))
        .arg("history")
        .env("OPENUP_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openup runs");
    let elapsed = start.elapsed();
    assert!(status.success(), "openup history failed: {status}");
    elapsed
}

fn main() {
    let var = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (runs, many) = (var("HISTORY_RUNS", 15), var("HISTORY_RESULTS", 1000));
    let bank = Bank::embedded().expect("the built-in bank");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (one, lots) = (dir.path().join("one"), dir.path().join("many"));
    fill(&one, &bank, 1);
    fill(&lots, &bank, many);
    // Warm both up (page cache), then alternate so that load on the machine
    // falls on both alike.
    time_history(&one);
    time_history(&lots);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        a.push(time_history(&one));
        b.push(time_history(&lots));
    }
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (a, b) = (median(a), median(b));
    println!(
        "history over {runs} runs: 1 result {:.2} ms, {many} results {:.1} ms, ratio {:.0} (goal: at most 40)",
        a.as_secs_f64() * 1e3,
        b.as_secs_f64() * 1e3,
        b.as_secs_f64() / a.as_secs_f64()
    );
}
