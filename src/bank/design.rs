//! The design rules of a forced-choice bank (see `questions/RUBRIC.md`): every
//! option is a trade-off between tips, so the report measures which tips a
//! person leans on rather than who wants to look good. Breaking a rule does not
//! stop a bank from working, so each finding is a warning with its JSON path.

use std::collections::BTreeSet;

use super::{Choice, GOOD_QUESTIONS_PER_TIP, MIN_QUESTIONS_PER_SIDE, Question, TIP_IDS};
use crate::problems::Problems;

/// The options' summed weights may differ by at most this much in a question:
/// more, and one option is simply better overall.
pub const MAX_TOTAL_SPREAD: i64 = 2;
/// The longest label may be at most this many times the shortest, so length
/// does not give the favoured option away.
pub const MAX_LABEL_RATIO: f64 = 1.4;
/// How many questions the quick check should have.
pub const QUICK_QUESTIONS: std::ops::RangeInclusive<usize> = 10..=12;
/// How many quick questions may stand for one tip.
pub const QUICK_PER_TIP: std::ops::RangeInclusive<usize> = 1..=2;

/// Words too common to tell two labels apart.
const STOP_WORDS: [&str; 27] = [
    "a", "an", "the", "to", "and", "or", "of", "for", "in", "on", "at", "it", "its", "it's", "you",
    "your", "they", "them", "their", "with", "that", "this", "be", "is", "are", "as", "so",
];

/// The rules that concern one question: dominated options, the spread of the
/// options' totals, label length and form, near-duplicates and missing `why`s.
pub fn check_question(file: &str, place: &str, q: &Question, problems: &mut Problems) {
    let options = &q.options;
    for (j, option) in options.iter().enumerate() {
        if let Some(better) = options.iter().find(|other| dominates(other, option)) {
            problems.warn(
                file,
                format!("{place}.options[{j}]"),
                format!(
                    "option \"{}\" of question \"{}\" is dominated by \"{}\", which is at least as good on every tip and better on one; give \"{}\" a real strength or \"{}\" a real cost",
                    option.id, q.id, better.id, option.id, better.id
                ),
            );
        }
        let lowers = option.weights.iter().any(|(_, w)| *w < 0);
        let has_why = option.why.as_deref().is_some_and(|w| !w.trim().is_empty());
        if lowers && !has_why {
            problems.warn(
                file,
                format!("{place}.options[{j}].why"),
                format!(
                    "option \"{}\" lowers a tip but has no \"why\"; add one plain sentence on what the choice costs, for the report to quote",
                    option.id
                ),
            );
        }
    }

    let totals: Vec<i64> = options.iter().map(total).collect();
    let spread = totals
        .iter()
        .max()
        .zip(totals.iter().min())
        .map(|(hi, lo)| hi - lo);
    if let Some(spread) = spread.filter(|s| *s > MAX_TOTAL_SPREAD) {
        let listed: Vec<String> = options
            .iter()
            .zip(&totals)
            .map(|(o, t)| format!("{} {t:+}", o.id))
            .collect();
        problems.warn(
            file,
            format!("{place}.options"),
            format!(
                "the options' total weights in question \"{}\" differ by {spread} ({}); keep them within {MAX_TOTAL_SPREAD} so that no option is simply the better one",
                q.id,
                listed.join(", ")
            ),
        );
    }

    check_labels(file, place, q, problems);
}

fn check_labels(file: &str, place: &str, q: &Question, problems: &mut Problems) {
    let options = &q.options;
    let lengths: Vec<usize> = options.iter().map(|o| o.label.chars().count()).collect();
    if let Some((shortest, _)) = options
        .iter()
        .zip(&lengths)
        .filter(|(_, n)| **n > 0)
        .min_by_key(|(_, n)| **n)
    {
        let min = shortest.label.chars().count();
        for (j, (option, n)) in options.iter().zip(&lengths).enumerate() {
            if *n as f64 > MAX_LABEL_RATIO * min as f64 {
                problems.warn(
                    file,
                    format!("{place}.options[{j}].label"),
                    format!(
                        "the label of option \"{}\" is {n} characters and the shortest in question \"{}\" (\"{}\") {min}; keep the longest within {MAX_LABEL_RATIO} times the shortest so that length does not single an option out",
                        option.id, q.id, shortest.id
                    ),
                );
            }
        }
    }

    let stops: BTreeSet<bool> = options
        .iter()
        .map(|o| o.label.trim_end().ends_with('.'))
        .collect();
    if stops.len() > 1 {
        problems.warn(
            file,
            format!("{place}.options"),
            format!(
                "some labels of question \"{}\" end with a full stop and some do not; give them the same form",
                q.id
            ),
        );
    }

    for (j, option) in options.iter().enumerate() {
        let twin = options[..j].iter().find(|earlier| {
            // Exact repeats already have their own warning.
            earlier.label.trim().to_lowercase() != option.label.trim().to_lowercase()
                && near_duplicates(&earlier.label, &option.label)
        });
        if let Some(twin) = twin {
            problems.warn(
                file,
                format!("{place}.options[{j}].label"),
                format!(
                    "the label of option \"{}\" is nearly the same as that of \"{}\" in question \"{}\"; make each option a different strategy",
                    option.id, twin.id, q.id
                ),
            );
        }
    }
}

/// The rules over the whole bank: every tip measured often and from both
/// sides, and a quick check of the right size.
pub fn check_bank(questions: &[(String, usize, Question)], problems: &mut Problems) {
    const WHOLE: &str = "(whole bank)";
    for tip in TIP_IDS {
        let side = |raise: bool| {
            questions
                .iter()
                .filter(|(_, _, q)| {
                    q.options.iter().any(|o| {
                        let w = o.weight(tip);
                        if raise { w > 0 } else { w < 0 }
                    })
                })
                .count()
        };
        let (raised, lowered) = (side(true), side(false));
        if raised < MIN_QUESTIONS_PER_SIDE || lowered < MIN_QUESTIONS_PER_SIDE {
            problems.warn(
                WHOLE,
                "",
                format!(
                    "tip \"{tip}\" is raised by an option in {raised} questions and lowered in {lowered}; measure it both ways, in at least {MIN_QUESTIONS_PER_SIDE} questions each, so that neither side is only the kind-sounding choice"
                ),
            );
        }
        let measured = questions.iter().filter(|(_, _, q)| q.measures(tip)).count();
        if measured < GOOD_QUESTIONS_PER_TIP {
            problems.warn(
                WHOLE,
                "",
                format!(
                    "tip \"{tip}\" is measured by {measured} questions; a full assessment should measure every tip at least {GOOD_QUESTIONS_PER_TIP} times"
                ),
            );
        }
    }

    let quick: Vec<&Question> = questions
        .iter()
        .map(|(_, _, q)| q)
        .filter(|q| q.quick.is_some())
        .collect();
    if quick.is_empty() {
        return;
    }
    if !QUICK_QUESTIONS.contains(&quick.len()) {
        problems.warn(
            WHOLE,
            "",
            format!(
                "the quick check has {} questions; give it {} to {}, one or two per tip",
                quick.len(),
                QUICK_QUESTIONS.start(),
                QUICK_QUESTIONS.end()
            ),
        );
    }
    for tip in TIP_IDS {
        let n = quick
            .iter()
            .filter(|q| q.quick.as_deref() == Some(tip))
            .count();
        if !QUICK_PER_TIP.contains(&n) {
            problems.warn(
                WHOLE,
                "",
                format!(
                    "the quick check has {n} questions standing for tip \"{tip}\"; give it one or two"
                ),
            );
        }
    }
}

/// The sum of an option's weights: how good it looks overall.
fn total(option: &Choice) -> i64 {
    option.weights.values().sum()
}

/// Whether `a` is at least as good as `b` on every tip and better on one.
fn dominates(a: &Choice, b: &Choice) -> bool {
    let mut better = false;
    for tip in TIP_IDS {
        let (x, y) = (a.weight(tip), b.weight(tip));
        if x < y {
            return false;
        }
        better |= x > y;
    }
    better
}

/// Whether two labels say nearly the same thing: half their words in common,
/// or nearly the same letters.
fn near_duplicates(a: &str, b: &str) -> bool {
    let (wa, wb) = (content_words(a), content_words(b));
    let union = wa.union(&wb).count();
    let shared = wa.intersection(&wb).count();
    let words_overlap = union > 0 && shared * 2 >= union;
    words_overlap || strsim::normalized_levenshtein(&a.to_lowercase(), &b.to_lowercase()) >= 0.8
}

fn content_words(label: &str) -> BTreeSet<String> {
    label
        .to_lowercase()
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn option(id: &str, weights: &[(&str, i64)]) -> Choice {
        Choice {
            id: id.to_string(),
            label: id.to_string(),
            weights: weights
                .iter()
                .map(|(t, w)| (t.to_string(), *w))
                .collect::<BTreeMap<_, _>>(),
            why: None,
        }
    }

    #[test]
    fn an_option_better_on_one_tip_and_equal_elsewhere_dominates() {
        let a = option("a", &[("patience", 2), ("listening", -1)]);
        let b = option("b", &[("patience", 1), ("listening", -1)]);
        assert!(dominates(&a, &b));
        assert!(!dominates(&b, &a));
        assert!(!dominates(&a, &a), "an option does not dominate itself");
    }

    #[test]
    fn a_trade_off_is_not_dominance() {
        let a = option("a", &[("patience", 2), ("listening", -1)]);
        let b = option("b", &[("listening", 2), ("patience", -1)]);
        assert!(!dominates(&a, &b));
        assert!(!dominates(&b, &a));
    }

    #[test]
    fn labels_sharing_most_words_are_near_duplicates() {
        assert!(near_duplicates(
            "Make them a cup of tea and sit with them",
            "Make them a cup of tea and stay nearby"
        ));
        assert!(!near_duplicates(
            "Sit beside them without asking anything",
            "Tell them about your own day first"
        ));
    }
}
