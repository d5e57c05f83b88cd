//! Checking a bank: parse every file, then check ids, weights, coverage and the
//! safety screen, collecting every problem in one pass instead of stopping at
//! the first.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::*;
use crate::json::plain_type_names;
use crate::problems::Problems;

/// Parses the files and checks them, returning the bank when it could be built
/// at all, and every problem found (errors and warnings).
pub fn check_files(source: &str, files: &[(String, Vec<u8>)]) -> (Option<Bank>, Problems) {
    let mut problems = Problems {
        source: source.to_string(),
        ..Problems::default()
    };
    let mut tips_file: Option<TipsFile> = None;
    // Each question keeps its index in its file, for the places in messages.
    let mut question_files: Vec<(String, Indexed<Question>, Indexed<SafetyQuestion>)> = Vec::new();
    let mut unparsed = BTreeSet::new();
    let mut safety_unknown = false;
    let mut helplines: Option<Vec<Region>> = None;

    for (name, bytes) in files {
        if name == HELPLINES_FILE {
            if let Some(file) = parse_file::<HelplinesFile>(name, bytes, &mut problems) {
                check_helplines(&file, &mut problems);
                helplines = Some(file.helplines);
            }
        } else if name == TIPS_FILE {
            // Texts are cleaned as they are read (text::on_read), so a title made
            // only of escape sequences counts as the empty title it will print as.
            tips_file = parse_file::<TipsFile>(name, bytes, &mut problems);
        } else if let Some(file) = parse_file::<QuestionFile>(name, bytes, &mut problems) {
            question_files.push((name.clone(), indexed(file.questions), indexed(file.safety)));
        } else {
            // Check the questions that did parse too, so one pass finds everything.
            unparsed.insert(name.clone());
            // Safety questions may hide in a file that is not JSON, or whose
            // "safety" list did not read.
            let safety_list = match parse_json::<serde_json::Value>(bytes) {
                Ok(value) => value.get("safety").is_some(),
                Err(_) => true,
            };
            safety_unknown |= safety_list;
            let (questions, safety) = readable_questions(bytes);
            question_files.push((name.clone(), questions, safety));
        }
    }

    // Questions are checked even when tips.json is broken: their tip ids are
    // checked against the ten known ones, so one pass still finds everything.
    let tips = tips_file
        .as_ref()
        .map(|file| check_tips(file, &mut problems));
    if tips_file.is_none() && !files.iter().any(|(name, _)| name == TIPS_FILE) {
        problems.error(
            TIPS_FILE,
            "",
            "the bank has no tips.json; every bank needs one with its id, version and the ten tips",
        );
    }
    let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut questions = Vec::new();
    let mut safety = Vec::new();
    for (file, file_questions, file_safety) in question_files {
        if file_questions.is_empty() && file_safety.is_empty() && !unparsed.contains(&file) {
            problems.warn(
                &file,
                "",
                "the file has no questions and no safety questions",
            );
        }
        for (i, q) in &file_questions {
            check_question(&file, *i, q, &mut seen_ids, &mut problems);
        }
        for (i, q) in &file_safety {
            check_safety_question(&file, *i, q, &mut seen_ids, &mut problems);
        }
        questions.extend(
            file_questions
                .into_iter()
                .map(|(i, q)| (file.clone(), i, q)),
        );
        safety.extend(file_safety.into_iter().map(|(_, q)| q));
    }
    // The whole-bank checks run on what did parse, as far as they still mean
    // something. With a question file unreadable, coverage counts would only
    // add false alarms; they need no tips.json (tip ids are the ten known ones).
    if unparsed.is_empty() {
        check_coverage(&questions, &mut problems);
        super::design::check_bank(&questions, &mut problems);
    }
    if !safety_unknown && safety.is_empty() {
        problems.error(
            "(whole bank)",
            "",
            "the bank has no safety questions; add a file with a \"safety\" list so the safety screen can come first",
        );
    }
    let (Some(tips_file), Some(tips)) = (tips_file, tips) else {
        return (None, problems);
    };

    let bank = Bank {
        needs: tips_file.needs,
        meta: tips_file.bank,
        hash: super::embedded::bank_hash(files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))),
        tips,
        questions: questions.into_iter().map(|(_, _, q)| q).collect(),
        safety,
        // A bank without help lines of its own uses the built-in ones.
        helplines: helplines.unwrap_or_else(super::embedded::helplines),
    };
    (Some(bank), problems)
}

/// Every region has an emergency number and a line with a way to reach it,
/// each checked against a public source; the fallback is there.
fn check_helplines(file: &HelplinesFile, problems: &mut Problems) {
    let name = HELPLINES_FILE;
    let mut seen = BTreeSet::new();
    for (i, region) in file.helplines.iter().enumerate() {
        let place = format!("helplines[{i}]");
        let code = region.region.as_str();
        let code_ok = code == FALLBACK_REGION
            || (code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()));
        if !code_ok {
            problems.error(
                name,
                format!("{place}.region"),
                format!("\"{code}\" is not a region code; use two capital letters (ISO 3166, such as AU) or \"{FALLBACK_REGION}\""),
            );
        }
        if !seen.insert(code.to_string()) {
            problems.error(
                name,
                format!("{place}.region"),
                format!("region \"{code}\" is listed twice"),
            );
        }
        if region.emergency.trim().is_empty() {
            problems.error(
                name,
                format!("{place}.emergency"),
                format!("region \"{code}\" has no emergency number"),
            );
        }
        if !is_source(&region.emergency_source) {
            problems.error(
                name,
                format!("{place}.emergency_source"),
                format!("region \"{code}\" names no public https:// page its emergency number was checked against"),
            );
        }
        if region.lines.is_empty() {
            problems.error(
                name,
                format!("{place}.lines"),
                format!(
                    "region \"{code}\" has no help line; give at least one domestic abuse line"
                ),
            );
        }
        for (j, line) in region.lines.iter().enumerate() {
            let lplace = format!("{place}.lines[{j}]");
            if line.how().is_empty() {
                problems.error(
                    name,
                    lplace.clone(),
                    format!(
                        "\"{}\" has no way to reach it; give call, text, whatsapp, chat or web",
                        line.name
                    ),
                );
            }
            if !is_source(&line.source) {
                problems.error(
                    name,
                    format!("{lplace}.source"),
                    format!(
                        "\"{}\" names no public https:// page its details were checked against",
                        line.name
                    ),
                );
            }
        }
    }
    if !seen.contains(FALLBACK_REGION) {
        problems.error(
            name,
            "helplines",
            format!("there is no \"{FALLBACK_REGION}\" region for everyone else; add one with the local emergency number and a way to find a service"),
        );
    }
}

fn is_source(url: &str) -> bool {
    url.strip_prefix("https://")
        .is_some_and(|rest| rest.contains('.'))
}

fn parse_file<T: serde::de::DeserializeOwned + Serialize>(
    name: &str,
    bytes: &[u8],
    problems: &mut Problems,
) -> Option<T> {
    match parse_json::<T>(bytes) {
        Ok(value) => Some(value),
        Err(first) => {
            // serde stops at the first problem; read valid JSON item by item to
            // report every broken question at once.
            let every = if first.syntax {
                Vec::new()
            } else {
                every_item_problem(bytes)
            };
            if every.is_empty() {
                problems.error(name, first.place, first.message);
            }
            for (place, message) in every {
                problems.error(name, place, message);
            }
            None
        }
    }
}

/// Items with their index in the file.
type Indexed<T> = Vec<(usize, T)>;

fn indexed<T>(items: Vec<T>) -> Indexed<T> {
    items.into_iter().enumerate().collect()
}

/// The questions of a file that failed to parse as a whole which parse on their own.
fn readable_questions(bytes: &[u8]) -> (Indexed<Question>, Indexed<SafetyQuestion>) {
    fn items<T: serde::de::DeserializeOwned>(value: Option<&serde_json::Value>) -> Indexed<T> {
        let Some(array) = value.and_then(|v| v.as_array()) else {
            return Vec::new();
        };
        array
            .iter()
            .enumerate()
            .filter_map(|(i, item)| T::deserialize(item).ok().map(|q| (i, q)))
            .collect()
    }
    match parse_json::<serde_json::Value>(bytes) {
        Ok(value) => (items(value.get("questions")), items(value.get("safety"))),
        Err(_) => (Vec::new(), Vec::new()),
    }
}

/// The structural problems of every item of a bank file that is valid JSON.
fn every_item_problem(bytes: &[u8]) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(fields)) = parse_json::<serde_json::Value>(bytes) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in &fields {
        match key.as_str() {
            "$schema" => check_item::<String>(value, key, &mut out),
            "bank" => check_item::<BankMeta>(value, key, &mut out),
            "tips" => check_each::<Tip>(value, key, &mut out),
            "questions" => check_each::<Question>(value, key, &mut out),
            "safety" => check_each::<SafetyQuestion>(value, key, &mut out),
            "needs" => check_item::<Needs>(value, key, &mut out),
            "helplines" => check_each::<Region>(value, key, &mut out),
            other => out.push((
                other.to_string(),
                format!("unknown field `{other}`; bank files have `$schema`, `bank`, `tips`, `needs`, `helplines`, `questions` and `safety`"),
            )),
        }
    }
    out
}

fn check_each<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    field: &str,
    out: &mut Vec<(String, String)>,
) {
    match value.as_array() {
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                check_item::<T>(item, &format!("{field}[{i}]"), out);
            }
        }
        None => check_item::<Vec<T>>(value, field, out),
    }
}

fn check_item<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    prefix: &str,
    out: &mut Vec<(String, String)>,
) {
    if let Err(err) = serde_path_to_error::deserialize::<_, T>(value) {
        let path = err.path().to_string();
        let place = if path == "." {
            prefix.to_string()
        } else {
            format!("{prefix}.{path}")
        };
        out.push((place, plain_type_names(&err.into_inner().to_string())));
    }
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// "did you mean" for a misspelled tip id.
fn suggest_tip(unknown: &str) -> String {
    let best = TIP_IDS
        .iter()
        .map(|id| (strsim::levenshtein(unknown, id), id))
        .min();
    match best {
        Some((distance, id)) if distance <= 3 => format!(" (did you mean \"{id}\"?)"),
        _ => format!("; the tips are: {}", TIP_IDS.join(", ")),
    }
}

fn check_tips(file: &TipsFile, problems: &mut Problems) -> Vec<Tip> {
    let name = TIPS_FILE;
    if !is_kebab(&file.bank.id) {
        problems.error(
            name,
            "bank.id",
            format!(
                "\"{}\" is not a kebab-case id such as openup-core",
                file.bank.id
            ),
        );
    }
    if file.bank.version.trim().is_empty() {
        problems.error(
            name,
            "bank.version",
            "the version is empty; give the bank a version such as 1.0.0",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, tip) in file.tips.iter().enumerate() {
        let place = format!("tips[{i}]");
        match TIP_IDS.iter().position(|id| *id == tip.id) {
            None => problems.error(
                name,
                format!("{place}.id"),
                format!("unknown tip \"{}\"{}", tip.id, suggest_tip(&tip.id)),
            ),
            Some(index) => {
                if !seen.insert(tip.id.clone()) {
                    problems.error(
                        name,
                        format!("{place}.id"),
                        format!("tip \"{}\" is listed twice", tip.id),
                    );
                }
                if usize::from(tip.number) != index + 1 {
                    problems.error(
                        name,
                        format!("{place}.number"),
                        format!(
                            "tip \"{}\" is number {} in the article, not {}",
                            tip.id,
                            index + 1,
                            tip.number
                        ),
                    );
                }
            }
        }
        for (field, value) in [
            ("title", &tip.title),
            ("summary", &tip.summary),
            ("why", &tip.why),
        ] {
            if value.trim().is_empty() {
                problems.error(
                    name,
                    format!("{place}.{field}"),
                    format!("tip \"{}\" has an empty {field}", tip.id),
                );
            }
        }
        if tip.to_try.len() < 3 {
            problems.warn(
                name,
                format!("{place}.try"),
                format!(
                    "tip \"{}\" has {} things to try; give at least three",
                    tip.id,
                    tip.to_try.len()
                ),
            );
        }
    }
    for id in TIP_IDS {
        if !seen.contains(id) {
            problems.error(
                name,
                "tips",
                format!("tip \"{id}\" is missing; a bank needs all ten tips"),
            );
        }
    }
    match &file.needs {
        None => problems.warn(
            name,
            "",
            "tips.json has no \"needs\" section; every report should close with a few points on the person's own needs and limits",
        ),
        Some(needs) if needs.title.trim().is_empty() || needs.points.iter().all(|p| p.trim().is_empty()) => {
            problems.warn(
                name,
                "needs",
                "the \"needs\" section is empty; give it a title and at least one point",
            )
        }
        Some(_) => {}
    }
    let mut tips = file.tips.clone();
    tips.sort_by_key(|t| t.number);
    tips
}

fn check_id(file: &str, place: &str, what: &str, id: &str, problems: &mut Problems) {
    if !is_kebab(id) {
        problems.error(
            file,
            format!("{place}.id"),
            format!("{what} id \"{id}\" is not kebab-case (lowercase letters and digits joined by single hyphens)"),
        );
    }
}

fn check_unique_question_id(
    file: &str,
    place: &str,
    id: &str,
    seen: &mut BTreeMap<String, String>,
    problems: &mut Problems,
) {
    if let Some(first) = seen.get(id) {
        problems.error(
            file,
            format!("{place}.id"),
            format!("question id \"{id}\" is used twice (first in {first}); give each question its own id"),
        );
    } else {
        seen.insert(id.to_string(), file.to_string());
    }
}

fn check_question(
    file: &str,
    index: usize,
    q: &Question,
    seen: &mut BTreeMap<String, String>,
    problems: &mut Problems,
) {
    let place = format!("questions[{index}]");
    check_id(file, &place, "question", &q.id, problems);
    check_unique_question_id(file, &place, &q.id, seen, problems);
    if q.prompt.trim().is_empty() {
        problems.error(
            file,
            format!("{place}.prompt"),
            format!("question \"{}\" has an empty prompt", q.id),
        );
    }
    if !(3..=5).contains(&q.options.len()) {
        problems.error(
            file,
            format!("{place}.options"),
            format!(
                "question \"{}\" has {} options; give it 3 to 5",
                q.id,
                q.options.len()
            ),
        );
    }
    if let Some(tip) = &q.quick {
        if !TIP_IDS.contains(&tip.as_str()) {
            problems.error(
                file,
                format!("{place}.quick"),
                format!("unknown tip \"{tip}\"{}", suggest_tip(tip)),
            );
        } else if !q.measures(tip) {
            problems.error(
                file,
                format!("{place}.quick"),
                format!("question \"{}\" stands for \"{tip}\" in the quick check but none of its options weighs it", q.id),
            );
        }
    }
    let mut option_ids = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for (j, option) in q.options.iter().enumerate() {
        let oplace = format!("{place}.options[{j}]");
        check_id(file, &oplace, "option", &option.id, problems);
        if !option_ids.insert(option.id.as_str()) {
            problems.error(
                file,
                format!("{oplace}.id"),
                format!(
                    "option id \"{}\" is used twice in question \"{}\"",
                    option.id, q.id
                ),
            );
        }
        if option.label.trim().is_empty() {
            problems.error(
                file,
                format!("{oplace}.label"),
                format!("option \"{}\" has an empty label", option.id),
            );
        } else if !labels.insert(option.label.trim().to_lowercase()) {
            problems.warn(
                file,
                format!("{oplace}.label"),
                format!(
                    "question \"{}\" shows the label \"{}\" twice",
                    q.id, option.label
                ),
            );
        }
        if option.weights.is_empty() {
            problems.error(
                file,
                format!("{oplace}.weights"),
                format!(
                    "option \"{}\" has no weights; give it at least one tip weight from -2 to 2",
                    option.id
                ),
            );
        }
        for (tip, weight) in &option.weights {
            let wplace = format!("{oplace}.weights.{tip}");
            if !TIP_IDS.contains(&tip.as_str()) {
                problems.error(
                    file,
                    wplace.clone(),
                    format!("unknown tip \"{tip}\"{}", suggest_tip(tip)),
                );
            }
            if !WEIGHT_RANGE.contains(weight) {
                problems.error(
                    file,
                    wplace,
                    format!("weight {weight} is out of range; use an integer from -2 to 2"),
                );
            }
        }
    }
    super::design::check_question(file, &place, q, problems);
    let distinct: BTreeSet<&BTreeMap<String, i64>> = q.options.iter().map(|o| &o.weights).collect();
    if q.options.len() > 1 && distinct.len() == 1 {
        problems.warn(
            file,
            format!("{place}.options"),
            format!(
                "every option of question \"{}\" weighs the same, so it measures nothing",
                q.id
            ),
        );
    }
}

fn check_safety_question(
    file: &str,
    index: usize,
    q: &SafetyQuestion,
    seen: &mut BTreeMap<String, String>,
    problems: &mut Problems,
) {
    let place = format!("safety[{index}]");
    check_id(file, &place, "safety question", &q.id, problems);
    check_unique_question_id(file, &place, &q.id, seen, problems);
    if q.prompt.trim().is_empty() {
        problems.error(
            file,
            format!("{place}.prompt"),
            format!("safety question \"{}\" has an empty prompt", q.id),
        );
    }
    if q.options.len() < 2 {
        problems.error(
            file,
            format!("{place}.options"),
            format!("safety question \"{}\" needs at least two options", q.id),
        );
    }
    let mut ids = BTreeSet::new();
    for (j, option) in q.options.iter().enumerate() {
        let oplace = format!("{place}.options[{j}]");
        check_id(file, &oplace, "option", &option.id, problems);
        if !ids.insert(option.id.as_str()) {
            problems.error(
                file,
                format!("{oplace}.id"),
                format!("option id \"{}\" is used twice in \"{}\"", option.id, q.id),
            );
        }
    }
    if !q.options.iter().any(|o| o.concern) {
        problems.error(
            file,
            format!("{place}.options"),
            format!("safety question \"{}\" has no answer marked \"concern\": true, so it can never raise the safety section", q.id),
        );
    }
    if q.option("prefer-not-to-say").is_none() {
        problems.warn(
            file,
            format!("{place}.options"),
            format!(
                "safety question \"{}\" has no \"prefer-not-to-say\" option",
                q.id
            ),
        );
    }
}

fn check_coverage(questions: &[(String, usize, Question)], problems: &mut Problems) {
    for tip in TIP_IDS {
        let measuring: Vec<&(String, usize, Question)> = questions
            .iter()
            .filter(|(_, _, q)| q.measures(tip))
            .collect();
        if measuring.len() < MIN_QUESTIONS_PER_TIP {
            problems.error(
                "(whole bank)",
                "",
                format!(
                    "tip \"{tip}\" is measured by {} questions; it needs at least {MIN_QUESTIONS_PER_TIP} so one answer cannot decide it",
                    measuring.len()
                ),
            );
        }
        for (file, index, q) in measuring {
            let (lo, hi) = q.weight_span(tip);
            if lo == hi {
                problems.warn(
                    file,
                    format!("questions[{index}]"),
                    format!("every option of question \"{}\" weighs \"{tip}\" the same ({lo}), so it cannot tell answers apart for that tip", q.id),
                );
            }
        }
    }
}
