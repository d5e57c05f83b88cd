//! Properties of scoring against the real, built-in question bank.

use std::path::Path;

use openup::bank::{Bank, Question, TIP_IDS};
use openup::saved::SavedResult;
use openup::score::{
    Answers, Band, FOCUS_BELOW, Mode, STRENGTH_FROM, WITHHELD_WHEN_UNSAFE, assess,
};

fn bank() -> Bank {
    Bank::embedded().expect("the built-in bank loads")
}

/// Sum of an option's weights on every tip but `tip`.
fn others(q: &Question, option: usize, tip: &str) -> i64 {
    q.options[option]
        .weights
        .iter()
        .filter(|(t, _)| t.as_str() != tip)
        .map(|(_, w)| w)
        .sum()
}

/// A respondent who, on every question, picks the option least (or most)
/// aligned with `tip`; ties go to the most (or least) caring option on the
/// other tips, then to the first in the file.
fn respondent(bank: &Bank, tip: &str, least_aligned: bool) -> Answers {
    bank.questions
        .iter()
        .map(|q| {
            let key = |i: usize| {
                let w = q.options[i].weight(tip);
                let other = others(q, i, tip);
                if least_aligned {
                    (w, -other)
                } else {
                    (-w, other)
                }
            };
            let pick = (0..q.options.len()).min_by_key(|&i| key(i)).unwrap_or(0);
            (q.id.clone(), q.options[pick].id.clone())
        })
        .collect()
}

#[test]
fn always_choosing_against_a_tip_puts_it_in_the_first_three_at_20_or_less() {
    let bank = bank();
    for tip in TIP_IDS {
        let a = assess(&bank, Mode::Full, &respondent(&bank, tip, true));
        let score = a.tip(tip).and_then(|s| s.score);
        assert!(
            score.is_some_and(|s| s <= 20),
            "{tip}: score {score:?} should be at most 20"
        );
        let rank = a.focus.iter().position(|t| t == tip);
        assert!(
            rank.is_some_and(|r| r < 3),
            "{tip}: focus position {rank:?}, order {:?}",
            a.focus
        );
    }
}

#[test]
fn always_choosing_for_a_tip_keeps_it_out_of_the_first_three() {
    let bank = bank();
    for tip in TIP_IDS {
        let a = assess(&bank, Mode::Full, &respondent(&bank, tip, false));
        let rank = a.focus.iter().position(|t| t == tip);
        assert!(
            rank.is_none_or(|r| r >= 3),
            "{tip}: focus position {rank:?}, order {:?}",
            a.focus
        );
        assert_eq!(a.tip(tip).and_then(|s| s.score), Some(100), "{tip}");
    }
}

/// The respondent who wants to look good: on every question, the option with
/// the highest total weight (ties: the first in the file).
fn looks_good(bank: &Bank) -> Answers {
    bank.questions
        .iter()
        .map(|q| {
            let total = |i: usize| q.options[i].weights.values().sum::<i64>();
            let pick = (0..q.options.len())
                .rev()
                .max_by_key(|&i| total(i))
                .unwrap_or(0);
            (q.id.clone(), q.options[pick].id.clone())
        })
        .collect()
}

#[test]
fn picking_the_kindest_sounding_option_everywhere_gives_at_most_four_strengths() {
    let bank = bank();
    let a = assess(&bank, Mode::Full, &looks_good(&bank));
    let strengths: Vec<(&str, Option<u8>)> = a
        .scores
        .iter()
        .filter(|s| s.band == Band::Strength)
        .map(|s| (s.tip.as_str(), s.score))
        .collect();
    assert!(strengths.len() <= 4, "strengths: {strengths:?}");
}

#[test]
fn the_quick_check_alone_puts_a_deliberately_weak_tip_in_its_first_three() {
    let bank = bank();
    let quick = bank.quick_questions();
    for tip in TIP_IDS {
        let all = respondent(&bank, tip, true);
        let answers: Answers = quick
            .iter()
            .filter_map(|q| all.get_key_value(&q.id))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let a = assess(&bank, Mode::Quick, &answers);
        let rank = a.focus.iter().position(|t| t == tip);
        assert!(
            rank.is_some_and(|r| r < 3),
            "{tip}: quick focus position {rank:?}, order {:?}",
            a.focus
        );
    }
}

#[test]
fn the_built_in_bank_meets_every_design_rule_without_a_warning() {
    let (bank, problems) =
        openup::bank::check_files("the built-in bank", &openup::bank::embedded_files());
    assert!(bank.is_some());
    let listed: Vec<String> = problems.list.iter().map(|p| p.to_string()).collect();
    assert!(listed.is_empty(), "{}", listed.join("\n"));
}

#[test]
fn every_option_that_lowers_a_tip_says_what_it_costs() {
    let bank = bank();
    for q in &bank.questions {
        for o in &q.options {
            if o.weights.values().any(|w| *w < 0) {
                let why = o.why.as_deref().unwrap_or("");
                assert!(
                    why.ends_with('.') && why.chars().count() <= 140,
                    "{}/{}: {why:?}",
                    q.id,
                    o.id
                );
            }
        }
    }
}

#[test]
fn a_saved_result_read_back_scores_to_the_assessment_it_holds() {
    // `report`, `history` and `compare` show the assessment a result holds; it
    // must be what its own answers and mode score to after a trip through JSON.
    let bank = bank();
    for (mode, tip) in [(Mode::Full, "listening"), (Mode::Quick, "empathy")] {
        let answers = respondent(&bank, tip, true);
        let made = SavedResult::new(&bank, mode, answers, Some(7), "2026-01-01T10:00:00Z".into());
        let back = SavedResult::parse(Path::new("result.json"), made.to_json().as_bytes())
            .expect("a result openup wrote reads back");
        assert_eq!(back, made, "{mode:?}");
        assert_eq!(back.assessment.mode, mode);
        assert_eq!(
            assess(&bank, back.assessment.mode, &back.answers),
            back.assessment,
            "{mode:?}"
        );
    }
}

#[test]
fn safety_answers_never_change_tip_scores_but_withhold_four_tips() {
    let bank = bank();
    let mut answers = respondent(&bank, "empathy", true);
    let calm = assess(&bank, Mode::Full, &answers);
    assert!(!calm.safety.concern);
    assert!(calm.withheld.is_empty());
    let concerning = &bank.safety[0];
    let option = concerning
        .options
        .iter()
        .find(|o| o.concern)
        .expect("a concerning option");
    answers.insert(concerning.id.clone(), option.id.clone());
    let worried = assess(&bank, Mode::Full, &answers);
    assert!(worried.safety.concern);
    let numbers = |a: &openup::score::Assessment| -> Vec<(String, Option<u8>)> {
        a.scores.iter().map(|s| (s.tip.clone(), s.score)).collect()
    };
    assert_eq!(
        numbers(&worried),
        numbers(&calm),
        "safety answers must not score tips"
    );
    assert_eq!(worried.withheld, WITHHELD_WHEN_UNSAFE);
    // A withheld tip keeps its score and loses its band, so nothing can read
    // it as a strength or a focus; the others keep theirs.
    for s in &worried.scores {
        let calm_band = calm.tip(&s.tip).map(|c| c.band);
        if WITHHELD_WHEN_UNSAFE.contains(&s.tip.as_str()) && s.score.is_some() {
            assert_eq!(s.band, Band::SetAside, "{}", s.tip);
        } else {
            assert_eq!(Some(s.band), calm_band, "{}", s.tip);
        }
    }
    for tip in WITHHELD_WHEN_UNSAFE {
        assert!(
            calm.focus.iter().any(|t| t == tip),
            "{tip} is ranked when there is no concern: {:?}",
            calm.focus
        );
        assert!(
            !worried.focus.iter().any(|t| t == tip),
            "{tip} must not be a focus tip"
        );
    }
    // The other tips keep their order.
    let kept: Vec<&String> = calm
        .focus
        .iter()
        .filter(|t| !WITHHELD_WHEN_UNSAFE.contains(&t.as_str()))
        .collect();
    assert_eq!(worried.focus.iter().collect::<Vec<_>>(), kept);
    assert_eq!(worried.safety.findings, vec![concerning.finding.clone()]);
}

#[test]
fn prefer_not_to_say_raises_no_concern() {
    let bank = bank();
    let answers: Answers = bank
        .safety
        .iter()
        .map(|q| (q.id.clone(), "prefer-not-to-say".to_string()))
        .collect();
    let a = assess(&bank, Mode::Full, &answers);
    assert!(!a.safety.concern);
    assert_eq!(a.safety.answered, bank.safety.len());
}

#[test]
fn a_tip_with_fewer_than_two_answers_has_no_score_and_is_never_a_focus_tip() {
    let bank = bank();
    let mut answers = respondent(&bank, "time-apart", true);
    let measuring: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| q.measures("time-apart"))
        .collect();
    for q in measuring.iter().skip(1) {
        answers.remove(&q.id);
    }
    let a = assess(&bank, Mode::Full, &answers);
    let tip = a.tip("time-apart").expect("every tip is scored");
    assert_eq!(tip.score, None);
    assert_eq!(tip.band, Band::NotEnoughAnswers);
    assert_eq!(tip.answered, 1);
    assert!(!a.focus.iter().any(|t| t == "time-apart"));
    assert_eq!(a.skipped.len(), measuring.len() - 1);
}

#[test]
fn skipped_questions_do_not_count() {
    let bank = bank();
    let all = respondent(&bank, "patience", true);
    let mut fewer = all.clone();
    let dropped = bank
        .questions
        .iter()
        .find(|q| !q.measures("patience"))
        .expect("a question that does not bear on patience");
    fewer.remove(&dropped.id);
    let a = assess(&bank, Mode::Full, &all);
    let b = assess(&bank, Mode::Full, &fewer);
    assert_eq!(a.tip("patience"), b.tip("patience"));
    assert_eq!(b.skipped, vec![dropped.id.clone()]);
}

#[test]
fn the_quick_check_scores_every_tip() {
    let bank = bank();
    let quick = bank.quick_questions();
    assert!((10..=12).contains(&quick.len()), "{}", quick.len());
    let answers: Answers = quick
        .iter()
        .map(|q| (q.id.clone(), q.options[0].id.clone()))
        .collect();
    let a = assess(&bank, Mode::Quick, &answers);
    assert_eq!(a.mode, Mode::Quick);
    assert_eq!(a.asked, quick.len());
    assert!(a.skipped.is_empty());
    assert!(a.scores.iter().all(|s| s.score.is_some()), "{:?}", a.scores);
}

/// A tip's score by the formula in `score.rs`'s documentation, worked out
/// here in floating point: round(100 × (raw − lo) / (hi − lo)), half up.
fn documented_score(bank: &Bank, tip: &str, answers: &Answers) -> Option<u8> {
    let (mut raw, mut lo, mut hi, mut answered) = (0, 0, 0, 0);
    for q in bank.questions.iter().filter(|q| q.measures(tip)) {
        let Some(chosen) = answers.get(&q.id).and_then(|id| q.option(id)) else {
            continue;
        };
        let (q_lo, q_hi) = q.weight_span(tip);
        raw += chosen.weight(tip);
        lo += q_lo;
        hi += q_hi;
        answered += 1;
    }
    (answered >= 2 && hi > lo).then(|| {
        let exact = 100.0 * (raw - lo) as f64 / (hi - lo) as f64;
        (exact + 0.5).floor() as u8
    })
}

#[test]
fn every_score_is_the_documented_formula_and_its_band() {
    let bank = bank();
    let mut respondents = vec![looks_good(&bank)];
    for tip in TIP_IDS {
        respondents.push(respondent(&bank, tip, true));
        respondents.push(respondent(&bank, tip, false));
    }
    for answers in &respondents {
        let a = assess(&bank, Mode::Full, answers);
        for tip in TIP_IDS {
            let scored = a.tip(tip).expect("every tip is scored");
            let expected = documented_score(&bank, tip, answers);
            assert_eq!(scored.score, expected, "{tip}");
            let band = match expected {
                None => Band::NotEnoughAnswers,
                Some(s) if s < FOCUS_BELOW => Band::Focus,
                Some(s) if s < STRENGTH_FROM => Band::Building,
                Some(_) => Band::Strength,
            };
            assert_eq!(scored.band, band, "{tip}: {expected:?}");
        }
    }
}

/// Every pair of indices below `n`, each once.
fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)))
}

#[test]
fn choosing_an_option_that_weighs_a_tip_more_never_lowers_its_score() {
    let bank = bank();
    let base: Answers = bank
        .questions
        .iter()
        .map(|q| (q.id.clone(), q.options[0].id.clone()))
        .collect();
    let mut compared = 0;
    for q in &bank.questions {
        for tip in TIP_IDS.into_iter().filter(|t| q.measures(t)) {
            let score_with = |option: usize| {
                let mut answers = base.clone();
                answers.insert(q.id.clone(), q.options[option].id.clone());
                assess(&bank, Mode::Full, &answers)
                    .tip(tip)
                    .and_then(|s| s.score)
                    .expect("a full set of answers scores every tip")
            };
            let scores: Vec<u8> = (0..q.options.len()).map(score_with).collect();
            for (i, j) in pairs(q.options.len()) {
                let (wi, wj) = (q.options[i].weight(tip), q.options[j].weight(tip));
                compared += 1;
                let ok = match wi.cmp(&wj) {
                    std::cmp::Ordering::Less => scores[i] <= scores[j],
                    std::cmp::Ordering::Equal => scores[i] == scores[j],
                    std::cmp::Ordering::Greater => scores[i] >= scores[j],
                };
                assert!(
                    ok,
                    "{}: {tip} scores {} with {:?} (weight {wi}) and {} with {:?} (weight {wj})",
                    q.id, scores[i], q.options[i].id, scores[j], q.options[j].id
                );
            }
        }
    }
    assert!(compared > 100, "only {compared} comparisons");
}

#[test]
fn every_file_in_questions_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("questions/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = openup::bank::EMBEDDED
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(on_disk, embedded);
    let from_dir = Bank::from_dir(&dir).expect("questions/ loads from disk");
    assert_eq!(
        from_dir.hash,
        bank().hash,
        "the embedded bank is the one on disk"
    );
}
