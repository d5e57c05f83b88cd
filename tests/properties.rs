//! Property tests over openup's public API: loading banks, parsing answers and
//! results, scoring and cleaning text. Random and mutated inputs must never
//! make openup panic, and what it accepts must keep its documented invariants.
//!
//! Case counts are modest so the whole file runs in seconds in a debug build.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use openup::bank::{Bank, EMBEDDED, Severity, check_files};
use openup::report::{Format, ReportInput, TextStyle};
use openup::saved::SavedResult;
use openup::score::{Answers, Assessment, Band, Mode, assess};
use openup::text::{clean, is_hidden};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

// ------------------------------------------------------------------ helpers

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrinking a failure may take a while; finding one must not.
        max_shrink_iters: 2_000,
        // Keep failures in the test output, not in files next to the tests.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The bundled bank, loaded once.
fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| Bank::embedded().expect("the bundled bank loads"))
}

/// The bundled bank's files as `check_files` takes them.
fn embedded_files() -> Vec<(String, Vec<u8>)> {
    EMBEDDED
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect()
}

/// The bundled bank's files with file `index` replaced.
fn files_with(index: usize, bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    let mut files = embedded_files();
    files[index].1 = bytes;
    files
}

/// Every question id (scenario and safety) with its option ids.
fn question_options() -> Vec<(String, Vec<String>)> {
    let bank = bank();
    let scenario = bank.questions.iter().map(|q| {
        (
            q.id.clone(),
            q.options.iter().map(|o| o.id.clone()).collect(),
        )
    });
    let safety = bank.safety.iter().map(|q| {
        (
            q.id.clone(),
            q.options.iter().map(|o| o.id.clone()).collect(),
        )
    });
    scenario.chain(safety).collect()
}

/// A valid result, as openup saves it.
fn good_result_json() -> &'static str {
    static RESULT: OnceLock<String> = OnceLock::new();
    RESULT.get_or_init(|| {
        let answers: Answers = question_options()
            .into_iter()
            .map(|(q, options)| (q, options[0].clone()))
            .collect();
        SavedResult::new(
            bank(),
            Mode::Full,
            answers,
            Some(7),
            "2026-11-27T10:00:00Z".into(),
        )
        .to_json()
    })
}

/// Text that mixes ordinary characters with control characters, escape
/// sequences (complete and cut short), C1 controls and bidi overrides.
fn nasty_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        2 => "[a-z ]{1,6}",
        1 => prop::sample::select(vec![
            "\u{1b}[2J", "\u{1b}]0;title\u{7}", "\u{9b}31m", "\u{7}", "\u{8}", "\u{1b}", "\u{1b}[",
            "\u{1b}]8;;http://x\u{1b}\\", "\u{90}q\u{9c}", "\u{9d}", "\u{202e}", "\u{2066}", "\r\n",
            "\t", "\u{0}", "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", " ", "  ",
            "\u{200b}", "\u{200d}", "\u{200e}", "\u{200f}", "\u{2029}", "\u{2060}", "\u{2064}",
            "\u{feff}", "\u{61c}",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(fragment, 0..24).prop_map(|parts| parts.concat())
}

/// A JSON value of any shape, small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(Value::from),
        prop::sample::select(vec![-3i64, -2, -1, 0, 1, 2, 3, 255, 256]).prop_map(Value::from),
        nasty_text().prop_map(Value::from),
        prop::sample::select(vec![
            "patience",
            "listening",
            "patince",
            "no",
            "often",
            "full",
            "quick",
            "focus",
            "",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z$_]{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One step of a path into a JSON document.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    At(usize),
}

/// The paths of every value in `value` (the document itself excluded).
fn paths(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    here.push(Step::Key(key.clone()));
                    out.push(here.clone());
                    walk(child, here, out);
                    here.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    here.push(Step::At(i));
                    out.push(here.clone());
                    walk(child, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::At(i) => v.get_mut(*i),
    })
}

fn at<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get(k.as_str()),
        Step::At(i) => v.get(*i),
    })
}

/// The paths of the strings in `doc` whose nearest key is (`keep` true) or is
/// not (`keep` false) one of `keys`: `title`, or `try` for the items of `try`.
fn text_paths(doc: &Value, keys: &[&str], keep: bool) -> Vec<Vec<Step>> {
    paths(doc)
        .into_iter()
        .filter(|path| at(doc, path).is_some_and(Value::is_string))
        .filter(|path| {
            let nearest = path.iter().rev().find_map(|step| match step {
                Step::Key(k) => Some(k.as_str()),
                Step::At(_) => None,
            });
            nearest.is_some_and(|k| keys.contains(&k)) == keep
        })
        .collect()
}

/// Replaces the strings at some of `targets` with new texts.
fn replace_texts(doc: &mut Value, targets: &[Vec<Step>], edits: &[(Index, String)]) {
    if targets.is_empty() {
        return;
    }
    for (index, text) in edits {
        if let Some(slot) = at_mut(doc, &targets[index.index(targets.len())]) {
            *slot = json!(text);
        }
    }
}

/// A change to a JSON document.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace the value at a path.
    Replace(Index, Value),
    /// Remove a key or an array item.
    Remove(Index),
    /// Copy an array item next to itself, or a key under a new name.
    Duplicate(Index),
    /// Rename a key (a misspelling).
    Rename(Index, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<Index>(), any_json()).prop_map(|(i, v)| Edit::Replace(i, v)),
        2 => any::<Index>().prop_map(Edit::Remove),
        1 => any::<Index>().prop_map(Edit::Duplicate),
        1 => (any::<Index>(), "[a-z$]{0,8}").prop_map(|(i, k)| Edit::Rename(i, k)),
    ]
}

/// Applies `edit` to `doc`; an edit whose path no longer exists does nothing.
fn apply(doc: &mut Value, edit: &Edit) {
    let all = paths(doc);
    if all.is_empty() {
        if let Edit::Replace(_, v) = edit {
            *doc = v.clone();
        }
        return;
    }
    let pick = |i: &Index| all[i.index(all.len())].clone();
    match edit {
        Edit::Replace(i, v) => {
            if let Some(slot) = at_mut(doc, &pick(i)) {
                *slot = v.clone();
            }
        }
        Edit::Remove(i) | Edit::Duplicate(i) | Edit::Rename(i, _) => {
            let path = pick(i);
            let (last, parent) = path.split_last().expect("paths are not empty");
            let Some(parent) = at_mut(doc, parent) else {
                return;
            };
            match (edit, last, parent) {
                (Edit::Remove(_), Step::Key(k), Value::Object(m)) => {
                    m.remove(k);
                }
                (Edit::Remove(_), Step::At(n), Value::Array(a)) => {
                    a.remove(*n);
                }
                (Edit::Duplicate(_), Step::Key(k), Value::Object(m)) => {
                    let copy = m[k].clone();
                    m.insert(format!("{k}2"), copy);
                }
                (Edit::Duplicate(_), Step::At(n), Value::Array(a)) => {
                    let copy = a[*n].clone();
                    a.insert(*n, copy);
                }
                (Edit::Rename(_, new), Step::Key(k), Value::Object(m)) => {
                    if let Some(v) = m.remove(k) {
                        m.insert(new.clone(), v);
                    }
                }
                _ => {}
            }
        }
    }
}

/// A change to raw bytes.
#[derive(Debug, Clone)]
enum ByteEdit {
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index),
    Truncate(Index),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        3 => (any::<Index>(), 1u8..).prop_map(|(i, b)| ByteEdit::Flip(i, b)),
        3 => (any::<Index>(), prop_oneof![
            any::<u8>(),
            prop::sample::select(b"{}[]\",:\\0123456789-.etnfaul \n\x1b\xef\xbb\xbf".to_vec()),
        ])
            .prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        2 => any::<Index>().prop_map(ByteEdit::Delete),
        1 => any::<Index>().prop_map(ByteEdit::Truncate),
    ]
}

fn apply_bytes(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    match edit {
        ByteEdit::Insert(i, b) => {
            let at = i.index(bytes.len() + 1);
            bytes.insert(at, *b);
        }
        _ if bytes.is_empty() => {}
        ByteEdit::Flip(i, b) => {
            let at = i.index(bytes.len());
            bytes[at] ^= b;
        }
        ByteEdit::Delete(i) => {
            bytes.remove(i.index(bytes.len()));
        }
        ByteEdit::Truncate(i) => bytes.truncate(i.index(bytes.len())),
    }
}

fn pretty(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

/// The invariants of any assessment, whatever the answers.
fn check_assessment(bank: &Bank, mode: Mode, answers: &Answers, a: &Assessment) {
    assert_eq!(a.mode, mode);
    assert_eq!(a.scores.len(), bank.tips.len());
    let asked = mode.questions(bank);
    assert_eq!(a.asked, asked.len());
    for s in &a.scores {
        match s.score {
            Some(score) => {
                assert!(score <= 100, "{}: score {score}", s.tip);
                let expected = if a.withheld.contains(&s.tip) {
                    Band::SetAside
                } else {
                    Band::of(score)
                };
                assert_eq!(s.band, expected, "{}", s.tip);
                assert!(s.answered >= mode.min_answered(), "{}", s.tip);
            }
            None => assert_eq!(s.band, Band::NotEnoughAnswers, "{}", s.tip),
        }
        assert!(s.answered <= s.measured_by, "{}", s.tip);
        for e in &s.evidence {
            assert!(e.shortfall > 0, "{}: evidence {e:?}", s.tip);
            assert!(answers.contains_key(&e.question), "{e:?}");
        }
    }
    // Focus: every scored, not withheld tip, weakest first.
    let scored: Vec<u8> = a
        .focus
        .iter()
        .map(|id| {
            a.tip(id)
                .and_then(|s| s.score)
                .expect("a focus tip has a score")
        })
        .collect();
    assert!(scored.windows(2).all(|w| w[0] <= w[1]), "{scored:?}");
    for id in &a.withheld {
        assert!(!a.focus.contains(id), "withheld {id} is a focus tip");
    }
    let expected_focus = a
        .scores
        .iter()
        .filter(|s| s.score.is_some() && !a.withheld.contains(&s.tip))
        .count();
    assert_eq!(a.focus.len(), expected_focus);
    // Skipped: exactly the asked questions without an answer.
    let skipped: Vec<&str> = asked
        .iter()
        .filter(|q| !answers.contains_key(&q.id))
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(a.skipped, skipped);
    assert!(a.safety.answered <= a.safety.asked);
    assert_eq!(a.safety.concern, !a.safety.findings.is_empty());
}

/// Answers built from the bundled bank: each question skipped or answered
/// with one of its own options.
fn real_answers() -> impl Strategy<Value = Answers> {
    let questions = question_options();
    prop::collection::vec(prop::option::of(any::<Index>()), questions.len()).prop_map(
        move |picks| {
            questions
                .iter()
                .zip(picks)
                .filter_map(|((q, options), pick)| {
                    pick.map(|i| (q.clone(), options[i.index(options.len())].clone()))
                })
                .collect()
        },
    )
}

/// Real answers, sometimes with one option id a question does not have, or a
/// question id the bank does not have.
fn answers_with_unknowns() -> impl Strategy<Value = Answers> {
    (real_answers(), 0u8..4, any::<Index>(), "[a-z-]{1,10}").prop_map(
        |(mut answers, kind, index, random)| {
            let questions = question_options();
            let (question, _) = &questions[index.index(questions.len())];
            match kind {
                2 => {
                    answers.insert(question.clone(), random);
                }
                3 => {
                    answers.insert(format!("{question}-{random}"), "no".into());
                }
                _ => {}
            }
            answers
        },
    )
}

fn answers_bytes(answers: &BTreeMap<String, String>, mode: Option<&str>) -> Vec<u8> {
    let mut doc = json!({ "answers": answers });
    if let Some(mode) = mode {
        doc["mode"] = json!(mode);
    }
    pretty(&doc)
}

/// Words of printable ASCII separated by single spaces.
const PLAIN_TEXT: &str = "[A-Za-z0-9,.;:!?'()-]{1,12}( [A-Za-z0-9,.;:!?'()-]{1,12}){0,6}";

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

// ------------------------------------------------------------ bank loading

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn check_files_survives_random_bytes(
        file in 0..EMBEDDED.len(),
        bytes in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let (bank, problems) = check_files("random", &files_with(file, bytes));
        // Random bytes are not a bank file, except by a miracle.
        prop_assert!(bank.is_none() || problems.has_errors());
        for p in &problems.list {
            prop_assert!(!p.file.is_empty() && !p.message.is_empty(), "{p:?}");
        }
    }

    #[test]
    fn check_files_survives_byte_mutations_of_the_bundled_bank(
        file in 0..EMBEDDED.len(),
        edits in prop::collection::vec(byte_edit(), 1..8),
    ) {
        let mut bytes = EMBEDDED[file].1.as_bytes().to_vec();
        for e in &edits {
            apply_bytes(&mut bytes, e);
        }
        let files = files_with(file, bytes);
        let (bank, problems) = check_files("mutated", &files);
        // from_files agrees with check_files.
        let loaded = Bank::from_files("mutated", &files);
        prop_assert_eq!(loaded.is_ok(), bank.is_some() && !problems.has_errors());
    }

    #[test]
    fn check_files_survives_json_mutations_of_the_bundled_bank(
        file in 0..EMBEDDED.len(),
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let mut doc: Value = serde_json::from_str(EMBEDDED[file].1).unwrap();
        for e in &edits {
            apply(&mut doc, e);
        }
        let files = files_with(file, pretty(&doc));
        let (bank, problems) = check_files("mutated", &files);
        if let Some(bank) = bank.filter(|_| !problems.has_errors()) {
            // A bank that passes can be scored.
            let answers: Answers = bank
                .questions
                .iter()
                .map(|q| (q.id.clone(), q.options[0].id.clone()))
                .collect();
            for mode in [Mode::Full, Mode::Quick] {
                let a = assess(&bank, mode, &answers);
                check_assessment(&bank, mode, &answers, &a);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn bank_texts_with_escape_sequences_are_cleaned_when_loaded(
        file in 0..EMBEDDED.len(),
        edits in prop::collection::vec((any::<Index>(), nasty_text()), 1..10),
        concern in any::<bool>(),
    ) {
        let mut doc: Value = serde_json::from_str(EMBEDDED[file].1).unwrap();
        let targets = text_paths(&doc, &BANK_TEXTS, true);
        replace_texts(&mut doc, &targets, &edits);
        let (bank, problems) = check_files("texts", &files_with(file, pretty(&doc)));
        // Only texts changed, so the bank is built, and the only possible
        // errors are texts left empty.
        let bank = bank.ok_or_else(|| TestCaseError::fail(problems.to_string()))?;
        for p in problems.list.iter().filter(|p| p.severity == Severity::Error) {
            prop_assert!(p.message.contains("empty"), "{p}");
        }
        for text in bank_texts(&bank) {
            prop_assert!(!has_control(text), "control character kept in {text:?}");
        }
        // Reports made with it are clean too.
        let mut answers: Answers = bank
            .questions
            .iter()
            .map(|q| (q.id.clone(), q.options[0].id.clone()))
            .collect();
        if concern {
            for q in &bank.safety {
                if let Some(o) = q.options.iter().find(|o| o.concern) {
                    answers.insert(q.id.clone(), o.id.clone());
                }
            }
        }
        let created = "2026-11-27T10:00:00Z".to_string();
        let result = SavedResult::new(&bank, Mode::Full, answers, Some(1), created);
        check_renders(&result, &bank)?;
    }
}

// ----------------------------------------------------------------- answers

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn random_answers_never_panic_and_always_score_in_range(
        answers in prop::collection::btree_map("[a-z-]{0,12}", "[a-z-]{0,12}", 0..12),
        mode in prop::sample::select(vec![None, Some("full"), Some("quick"), Some("slow")]),
    ) {
        let bytes = answers_bytes(&answers, mode);
        let parsed = openup::answers::parse(Path::new("answers.json"), &bytes, bank());
        // Made-up ids are refused; an empty map fits any bank.
        if answers.is_empty() && mode != Some("slow") {
            prop_assert!(parsed.is_ok(), "{parsed:?}");
        }
        // assess itself ignores what it does not know.
        for mode in [Mode::Full, Mode::Quick] {
            let a = assess(bank(), mode, &answers);
            check_assessment(bank(), mode, &answers, &a);
        }
    }

    #[test]
    fn real_ids_with_random_options_parse_exactly_when_every_option_exists(
        answers in answers_with_unknowns(),
    ) {
        let bytes = answers_bytes(&answers, None);
        let parsed = openup::answers::parse(Path::new("answers.json"), &bytes, bank());
        let options: BTreeMap<String, Vec<String>> = question_options().into_iter().collect();
        let all_known = answers
            .iter()
            .all(|(q, o)| options.get(q).is_some_and(|known| known.contains(o)));
        let why = parsed.as_ref().err().map(ToString::to_string);
        prop_assert_eq!(parsed.is_ok(), all_known, "{:?}", why);
        if let Ok(file) = parsed {
            prop_assert_eq!(&file.answers, &answers);
        }
    }

    #[test]
    fn valid_answers_score_within_0_to_100(
        answers in real_answers(),
        quick in any::<bool>(),
    ) {
        let bytes = answers_bytes(&answers, quick.then_some("quick"));
        let file = openup::answers::parse(Path::new("answers.json"), &bytes, bank())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mode = file.mode.unwrap_or_default();
        prop_assert_eq!(mode, if quick { Mode::Quick } else { Mode::Full });
        let a = assess(bank(), mode, &file.answers);
        check_assessment(bank(), mode, &file.answers, &a);
        // The same answers always give the same assessment.
        prop_assert_eq!(assess(bank(), mode, &file.answers), a);
    }

    #[test]
    fn mutated_answers_files_never_panic(
        answers in real_answers(),
        edits in prop::collection::vec(edit(), 0..3),
        byte_edits in prop::collection::vec(byte_edit(), 0..3),
    ) {
        let mut doc = json!({ "answers": answers });
        for e in &edits {
            apply(&mut doc, e);
        }
        let mut bytes = pretty(&doc);
        for e in &byte_edits {
            apply_bytes(&mut bytes, e);
        }
        if let Ok(file) = openup::answers::parse(Path::new("answers.json"), &bytes, bank()) {
            let mode = file.mode.unwrap_or_default();
            let a = assess(bank(), mode, &file.answers);
            check_assessment(bank(), mode, &file.answers, &a);
        }
    }
}

// ----------------------------------------------------------------- results

/// Checks what `SavedResult::parse` promises about a result it accepted: every
/// text is clean and every score is at most 100.
fn check_parsed_result(result: &SavedResult) -> Result<(), TestCaseError> {
    let a = &result.assessment;
    let mut texts: Vec<&str> = vec![
        &result.openup_version,
        &result.created,
        &result.bank.id,
        &result.bank.version,
        &result.bank.hash,
    ];
    texts.extend(a.safety.findings.iter().map(String::as_str));
    texts.extend(a.focus.iter().map(String::as_str));
    texts.extend(a.withheld.iter().map(String::as_str));
    texts.extend(a.skipped.iter().map(String::as_str));
    for (k, v) in &result.answers {
        texts.push(k);
        texts.push(v);
    }
    for s in &a.scores {
        texts.push(&s.tip);
        prop_assert!(s.score.is_none_or(|v| v <= 100), "{s:?}");
        for e in &s.evidence {
            texts.extend([e.question.as_str(), &e.title, &e.answer]);
        }
    }
    for text in texts {
        prop_assert!(!has_control(text), "control character kept in {text:?}");
    }
    check_renders(result, bank())
}

/// Every rendering of a result (report as text, Markdown and JSON, history and
/// compare) works and holds no control character other than a newline.
fn check_renders(result: &SavedResult, bank: &Bank) -> Result<(), TestCaseError> {
    let input = ReportInput::new(result, bank, 3, None);
    let styles = [
        TextStyle::PLAIN,
        TextStyle {
            color: false,
            width: 30,
            ascii: true,
        },
    ];
    let mut outputs = Vec::new();
    for style in &styles {
        for format in [Format::Text, Format::Markdown, Format::Json] {
            outputs.push(openup::report::render(format, &input, style));
        }
        outputs.push(openup::report::render_history(
            &[result, result],
            &["2026-11-27T10-00-00Z.json".to_string()],
            &bank.tips,
            *style,
        ));
        outputs.push(openup::report::render_compare(
            result, result, &bank.tips, *style,
        ));
    }
    for out in outputs {
        let bad: Vec<char> = out
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        prop_assert!(bad.is_empty(), "control characters {bad:?} in\n{out}");
    }
    Ok(())
}

/// Every text of a loaded bank, ids included.
fn bank_texts(bank: &Bank) -> Vec<&str> {
    let mut texts: Vec<&str> = vec![&bank.meta.id, &bank.meta.version, &bank.meta.title];
    for t in &bank.tips {
        texts.extend([t.id.as_str(), &t.title, &t.summary, &t.why]);
        texts.extend(t.to_try.iter().map(String::as_str));
    }
    for q in &bank.questions {
        texts.extend([q.id.as_str(), &q.title, &q.prompt]);
        texts.extend(q.quick.as_deref());
        for o in &q.options {
            texts.extend([o.id.as_str(), &o.label]);
            texts.extend(o.weights.keys().map(String::as_str));
        }
    }
    for q in &bank.safety {
        texts.extend([q.id.as_str(), &q.prompt, &q.finding]);
        for o in &q.options {
            texts.extend([o.id.as_str(), &o.label]);
        }
    }
    texts
}

/// The texts a bank shows (everything but ids, tip ids and versions).
const BANK_TEXTS: [&str; 7] = [
    "title", "prompt", "label", "summary", "why", "try", "finding",
];

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn saved_result_parse_survives_random_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        if let Ok(result) = SavedResult::parse(Path::new("result.json"), &bytes) {
            check_parsed_result(&result)?;
        }
    }

    #[test]
    fn saved_result_parse_survives_json_mutations(
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let mut doc: Value = serde_json::from_str(good_result_json()).unwrap();
        for e in &edits {
            apply(&mut doc, e);
        }
        if let Ok(result) = SavedResult::parse(Path::new("result.json"), &pretty(&doc)) {
            check_parsed_result(&result)?;
        }
    }

    #[test]
    fn saved_result_parse_survives_byte_mutations(
        edits in prop::collection::vec(byte_edit(), 1..8),
    ) {
        let mut bytes = good_result_json().as_bytes().to_vec();
        for e in &edits {
            apply_bytes(&mut bytes, e);
        }
        if let Ok(result) = SavedResult::parse(Path::new("result.json"), &bytes) {
            check_parsed_result(&result)?;
        }
    }

    #[test]
    fn result_texts_with_escape_sequences_are_cleaned_when_read(
        edits in prop::collection::vec((any::<Index>(), nasty_text()), 1..10),
        key in nasty_text(),
        value in nasty_text(),
    ) {
        let mut doc: Value = serde_json::from_str(good_result_json()).unwrap();
        // Every string but the two that name enum variants.
        let targets = text_paths(&doc, &["mode", "band"], false);
        replace_texts(&mut doc, &targets, &edits);
        doc["answers"][key.as_str()] = json!(value);
        let result = SavedResult::parse(Path::new("result.json"), &pretty(&doc))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_parsed_result(&result)?;
    }

    #[test]
    fn saved_results_read_back_as_written(
        answers in real_answers(),
        quick in any::<bool>(),
        seed in any::<Option<u64>>(),
    ) {
        let mode = if quick { Mode::Quick } else { Mode::Full };
        let result = SavedResult::new(bank(), mode, answers, seed, "2026-11-27T10:00:00Z".into());
        let back = SavedResult::parse(Path::new("result.json"), result.to_json().as_bytes())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, result);
    }
}

// ----------------------------------------------------------------- scoring

/// The bundled bank's files with the options of every question (scenario and
/// safety) put in the order of `keys` (one sort key per option, in file order).
fn permuted_files(keys: &[u64]) -> Vec<(String, Vec<u8>)> {
    let mut keys = keys.iter().cycle();
    EMBEDDED
        .iter()
        .map(|(name, text)| {
            let mut doc: Value = serde_json::from_str(text).unwrap();
            for list in ["questions", "safety"] {
                let Some(questions) = doc.get_mut(list).and_then(Value::as_array_mut) else {
                    continue;
                };
                for q in questions {
                    let options = q["options"].as_array_mut().unwrap();
                    let mut keyed: Vec<(u64, Value)> = options
                        .drain(..)
                        .map(|o| (*keys.next().unwrap(), o))
                        .collect();
                    keyed.sort_by_key(|(k, _)| *k);
                    options.extend(keyed.into_iter().map(|(_, o)| o));
                }
            }
            (name.to_string(), pretty(&doc))
        })
        .collect()
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn scoring_does_not_depend_on_option_order(
        answers in real_answers(),
        keys in prop::collection::vec(any::<u64>(), 200),
    ) {
        let permuted = Bank::from_files("permuted", &permuted_files(&keys))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The options really moved (all in place would take sorted random keys).
        let order = |b: &Bank| -> Vec<Vec<String>> {
            b.questions.iter().map(|q| q.options.iter().map(|o| o.id.clone()).collect()).collect()
        };
        prop_assert_ne!(order(&permuted), order(bank()));
        for mode in [Mode::Full, Mode::Quick] {
            let original = assess(bank(), mode, &answers);
            let reordered = assess(&permuted, mode, &answers);
            prop_assert_eq!(reordered, original);
        }
    }
}

// -------------------------------------------------------------------- text

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn clean_leaves_no_control_characters_and_is_idempotent(text in nasty_text()) {
        let once = clean(&text);
        prop_assert!(!has_control(&once), "{text:?} -> {once:?}");
        prop_assert!(!once.contains(is_hidden), "{text:?} -> {once:?} keeps a hidden character");
        prop_assert_eq!(clean(&once), once.clone(), "clean is not idempotent on {:?}", text);
    }

    #[test]
    fn clean_keeps_plain_text(text in PLAIN_TEXT) {
        prop_assert_eq!(clean(&text), text);
    }

    #[test]
    fn clean_of_any_string_has_no_control_characters(text in any::<String>()) {
        let once = clean(&text);
        prop_assert!(!has_control(&once), "{text:?} -> {once:?}");
        prop_assert!(!once.contains(is_hidden), "{text:?} -> {once:?}");
        prop_assert_eq!(clean(&once), once.clone());
    }
}

// ------------------------------------- messages, as openup prints them
// openup cleans every message where it is printed (`main_with`, `note`,
// `validate`) with `text::clean_lines`; these check that what reaches the
// terminal from hostile files carries no control characters.

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn bank_problems_carry_no_control_characters(
        file in 0..EMBEDDED.len(),
        edits in prop::collection::vec((any::<Index>(), nasty_text()), 1..4),
        renames in prop::collection::vec((any::<Index>(), nasty_text()), 0..2),
    ) {
        let mut doc: Value = serde_json::from_str(EMBEDDED[file].1).unwrap();
        let strings = text_paths(&doc, &[], false);
        replace_texts(&mut doc, &strings, &edits);
        for (index, key) in &renames {
            apply(&mut doc, &Edit::Rename(*index, key.clone()));
        }
        let (_, problems) = check_files("texts", &files_with(file, pretty(&doc)));
        for p in &problems.list {
            let text = openup::text::clean_lines(&p.to_string());
            prop_assert!(!has_control(&text), "{text:?}");
        }
    }

    #[test]
    fn file_errors_carry_no_control_characters(
        answers in real_answers(),
        edits in prop::collection::vec((any::<Index>(), nasty_text()), 1..4),
        renames in prop::collection::vec((any::<Index>(), nasty_text()), 0..2),
        retype in any::<Index>(),
    ) {
        for mut doc in [json!({ "answers": answers }), serde_json::from_str(good_result_json()).unwrap()] {
            let strings = text_paths(&doc, &[], false);
            replace_texts(&mut doc, &strings, &edits);
            for (index, key) in &renames {
                apply(&mut doc, &Edit::Rename(*index, key.clone()));
            }
            // A wrong type somewhere, so that serde names the place.
            apply(&mut doc, &Edit::Replace(retype, json!(7)));
            let bytes = pretty(&doc);
            let path = Path::new("file.json");
            let errors = [
                openup::answers::parse(path, &bytes, bank()).err().map(|e| e.to_string()),
                SavedResult::parse(path, &bytes).err().map(|e| e.to_string()),
            ];
            for text in errors.into_iter().flatten() {
                let text = openup::text::clean_lines(&text);
                prop_assert!(!has_control(&text), "{text:?}");
            }
        }
    }
}
