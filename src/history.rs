//! Saved results over time: `history`, `compare` and `forget`. Loading is
//! forgiving (a damaged or foreign file is reported and skipped); rendering is
//! pure and returns strings.

use std::path::{Path, PathBuf};

use console::Style;

use crate::bank::{Bank, Tip};
use crate::cli::{CompareArgs, ForgetArgs};
use crate::error::{Error, Result};
use crate::output::{Output, note};
use crate::report::TextStyle;
use crate::saved::SavedResult;
use crate::saved::load_result;
use crate::store::{DataDir, json_files};
use crate::wizard::{Prompter, TerminalPrompter};

/// A change smaller than this many points counts as steady.
pub const STEADY_WITHIN: i32 = 5;
/// How many focus tips count as "the focus list" when comparing.
pub const FOCUS_LIST: usize = 3;

/// A saved result and where it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// Its content.
    pub result: SavedResult,
}

/// Every readable result in the results directory, oldest first, and a line
/// for each file that could not be read.
pub fn load_all(data: &DataDir) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for path in json_files(&data.results()) {
        match load_result(&path) {
            Ok(result) => entries.push(Entry { path, result }),
            Err(err) => problems.push(format!("skipped {err}")),
        }
    }
    // RFC 3339 UTC timestamps sort as text; the file name breaks ties.
    entries.sort_by(|a, b| (&a.result.created, &a.path).cmp(&(&b.result.created, &b.path)));
    (entries, problems)
}

fn report_problems(problems: &[String]) {
    for problem in problems {
        note(&format!("openup: {problem}"));
    }
}

/// `openup history`.
pub fn history(data_dir: Option<&Path>, questions: Option<&Path>, output: Output) -> Result<()> {
    let data = DataDir::locate(data_dir)?;
    let (entries, problems) = load_all(&data);
    report_problems(&problems);
    if entries.is_empty() {
        note(&format!(
            "No saved results in {} yet. Take the assessment with `openup` and save the result to see your history here.",
            data.results().display()
        ));
        return Ok(());
    }
    let bank = Bank::load(questions)?;
    let results: Vec<&SavedResult> = entries.iter().map(|e| &e.result).collect();
    output.print(&render_history(&results, &bank.tips, output.style))
}

/// `openup compare [OLD] [NEW]`.
pub fn compare(
    args: &CompareArgs,
    data_dir: Option<&Path>,
    questions: Option<&Path>,
    output: Output,
) -> Result<()> {
    let (old, new) = match (&args.old, &args.new) {
        (Some(old), Some(new)) => (load_result(old)?, load_result(new)?),
        (Some(_), None) | (None, Some(_)) => {
            return Err(Error::Usage(
                "compare takes two result files, or none to compare the last two saved results."
                    .into(),
            ));
        }
        (None, None) => {
            let data = DataDir::locate(data_dir)?;
            let (mut entries, problems) = load_all(&data);
            report_problems(&problems);
            match (entries.pop(), entries.pop()) {
                (Some(new), Some(old)) => (old.result, new.result),
                (newest, _) => {
                    return Err(Error::Usage(format!(
                        "compare needs two saved results, and {} has {}. Take the assessment with `openup` and save it each time, or name two result files: openup compare OLD NEW.",
                        data.results().display(),
                        usize::from(newest.is_some())
                    )));
                }
            }
        }
    };
    let bank = Bank::load(questions)?;
    output.print(&render_compare(&old, &new, &bank.tips, output.style))
}

/// `openup forget`: deletes every saved result and the draft after confirmation.
pub fn forget(args: &ForgetArgs, data_dir: Option<&Path>) -> Result<()> {
    let data = DataDir::locate(data_dir)?;
    let results = json_files(&data.results());
    let has_draft = data.draft().exists();
    if results.is_empty() && !has_draft {
        note(&format!(
            "Nothing to forget: {} holds no results or drafts.",
            data.root.display()
        ));
        return Ok(());
    }
    let what = describe(results.len(), has_draft);
    if !args.yes {
        let question = format!(
            "Delete {what} in {}? This cannot be undone.",
            data.root.display()
        );
        let sure = match TerminalPrompter::new() {
            Ok(mut prompter) => {
                // The same care as the wizard: Ctrl-C here leaves the cursor shown.
                crate::interrupt::guard_terminal();
                crate::interrupt::set_note("Nothing was deleted.");
                prompter.confirm(&question, false)?
            }
            Err(Error::NoTerminal) => {
                return Err(Error::Usage(format!(
                    "openup forget would delete {what} in {}. Run `openup forget --yes` to confirm without a terminal.",
                    data.root.display()
                )));
            }
            Err(err) => return Err(err),
        };
        if !sure {
            note("Nothing was deleted.");
            return Ok(());
        }
    }
    data.forget_everything()?;
    note(&format!("Deleted {what}."));
    Ok(())
}

fn describe(results: usize, draft: bool) -> String {
    let results = match results {
        0 => None,
        1 => Some("1 saved result".to_string()),
        n => Some(format!("{n} saved results")),
    };
    match (results, draft) {
        (Some(r), true) => format!("{r} and the unfinished draft"),
        (Some(r), false) => r,
        (None, _) => "the unfinished draft".to_string(),
    }
}

/// "2026-11-27 16:15" from an RFC 3339 timestamp (UTC).
fn when(created: &str) -> String {
    created
        .get(..16)
        .map_or_else(|| created.to_string(), |t| t.replace('T', " "))
}

/// A tip's number in the article and its title; its id when the bank lacks it.
fn numbered_title(tips: &[Tip], id: &str) -> (u8, String) {
    tips.iter()
        .find(|t| t.id == id)
        .map_or((0, id.to_string()), |t| (t.number, t.title.clone()))
}

/// The ids of the bank's tips, in the article's order.
fn tip_ids(tips: &[Tip]) -> Vec<&str> {
    tips.iter().map(|t| t.id.as_str()).collect()
}

fn score_of(result: &SavedResult, tip: &str) -> Option<u8> {
    result.assessment.tip(tip).and_then(|s| s.score)
}

/// A sparkline of scores 0-100; a gap where a result had no score.
pub fn sparkline(scores: &[Option<u8>], ascii: bool) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    const LEVELS: [char; 8] = ['_', '.', '-', '~', '=', '+', '*', '#'];
    let set = if ascii { LEVELS } else { BLOCKS };
    scores
        .iter()
        .map(|s| match s {
            Some(v) => set[(usize::from(*v) * 7 + 50) / 100],
            None => ' ',
        })
        .collect()
}

fn signed(change: i32) -> String {
    if change > 0 {
        format!("+{change}")
    } else {
        change.to_string()
    }
}

fn banks_differ(results: &[&SavedResult]) -> Option<String> {
    let mut banks: Vec<String> = results
        .iter()
        .map(|r| format!("{} {}", r.bank.id, r.bank.version))
        .collect();
    let hashes: std::collections::BTreeSet<&str> =
        results.iter().map(|r| r.bank.hash.as_str()).collect();
    banks.dedup();
    (hashes.len() > 1).then(|| {
        format!(
            "These results come from different question sets ({}): the questions changed between them, so compare tip by tip and read small moves with care.",
            banks.join(", ")
        )
    })
}

/// The history: one row per result, then each tip's scores over time.
pub fn render_history(results: &[&SavedResult], tips: &[Tip], style: TextStyle) -> String {
    let bold = Style::new().bold().force_styling(style.color);
    let dim = Style::new().dim().force_styling(style.color);
    let width = style.columns();
    let mut out = String::new();
    out.push_str(&format!(
        "{}\n",
        bold.apply_to(format!("Saved results ({})", results.len()))
    ));
    for (n, r) in results.iter().enumerate() {
        let a = &r.assessment;
        let focus: Vec<String> = a
            .focus_tips(FOCUS_LIST)
            .iter()
            .map(|s| numbered_title(tips, &s.tip).1)
            .collect();
        let date = when(&r.created);
        let row = format!(
            "{date} · {}{} · focus: {}",
            a.mode.name(),
            if a.safety.concern {
                " · safety concern"
            } else {
                ""
            },
            if focus.is_empty() {
                "none yet".to_string()
            } else {
                focus.join(", ")
            }
        );
        out.push_str(&crate::text::wrap_hanging(
            &row,
            width,
            &format!("{:>3}. ", n + 1),
            "     ",
        ));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&format!(
        "{}\n",
        bold.apply_to("Each tip over time (oldest → newest)")
    ));
    for id in tip_ids(tips) {
        let (number, name) = numbered_title(tips, id);
        let scores: Vec<Option<u8>> = results.iter().map(|r| score_of(r, id)).collect();
        let spark = sparkline(&scores, style.ascii);
        let known: Vec<u8> = scores.iter().flatten().copied().collect();
        let trend = match (known.first(), known.last()) {
            (Some(first), Some(last)) if known.len() > 1 => {
                format!(
                    "{first:>3} → {last:>3}  {}",
                    signed(i32::from(*last) - i32::from(*first))
                )
            }
            (Some(only), _) => format!("{only:>3}"),
            _ => dim.apply_to("no score yet").to_string(),
        };
        let label = format!("{number:>2} {name}");
        if width >= 70 {
            out.push_str(&format!("  {label:<26} {spark:<12} {trend}\n"));
        } else {
            out.push_str(&format!("  {label}\n     {spark}  {trend}\n"));
        }
    }
    let quick = results
        .iter()
        .filter(|r| r.assessment.mode == crate::score::Mode::Quick)
        .count();
    if quick > 0 && quick < results.len() {
        out.push('\n');
        out.push_str(&crate::text::wrap(
            "Some of these are quick checks (one question per tip) and some full assessments; part of each move comes from the different questions.",
            width,
            "",
        ));
        out.push('\n');
    }
    if let Some(note) = banks_differ(results) {
        out.push('\n');
        out.push_str(&crate::text::wrap(&note, width, ""));
        out.push('\n');
    }
    out
}

/// The comparison of two results: per-tip change, focus list moves, a summary.
pub fn render_compare(
    old: &SavedResult,
    new: &SavedResult,
    tips: &[Tip],
    style: TextStyle,
) -> String {
    let bold = Style::new().bold().force_styling(style.color);
    let up = Style::new().green().force_styling(style.color);
    let down = Style::new().magenta().force_styling(style.color);
    let width = style.columns();
    let (rise, fall) = if style.ascii {
        ("up", "down")
    } else {
        ("↑", "↓")
    };
    let date = |r: &SavedResult| when(&r.created);
    let mut out = String::new();
    out.push_str(&format!(
        "{}\n\n",
        bold.apply_to(format!(
            "Comparing {} ({}) with {} ({})",
            date(old),
            old.assessment.mode.name(),
            date(new),
            new.assessment.mode.name()
        ))
    ));
    let mut moves: Vec<(i32, String)> = Vec::new();
    let (mut rose, mut fell, mut steady) = (0, 0, 0);
    out.push_str(&format!(
        "  {:<28}{:>6}{:>7}  change\n",
        "tip", "before", "after"
    ));
    for id in tip_ids(tips) {
        let (number, name) = numbered_title(tips, id);
        let label = format!("{number:>2} {name}");
        let (before, after) = (score_of(old, id), score_of(new, id));
        let show = |s: Option<u8>| s.map_or_else(|| "–".to_string(), |v| v.to_string());
        let change = match (before, after) {
            (Some(b), Some(a)) => {
                let delta = i32::from(a) - i32::from(b);
                moves.push((delta, name.clone()));
                if delta >= STEADY_WITHIN {
                    rose += 1;
                    up.apply_to(format!("{} {rise}", signed(delta))).to_string()
                } else if delta <= -STEADY_WITHIN {
                    fell += 1;
                    down.apply_to(format!("{} {fall}", signed(delta)))
                        .to_string()
                } else {
                    steady += 1;
                    format!("{} steady", signed(delta))
                }
            }
            _ => "not comparable".to_string(),
        };
        // A tip set aside for safety moved because of the safety screen, not
        // because of how the person acts: say so beside it.
        let change = if new.assessment.withheld.iter().any(|t| t == id) {
            format!("{change} (set aside for safety)")
        } else {
            change
        };
        let row = format!("{:>6}{:>7}  {change}", show(before), show(after));
        if width >= 60 {
            out.push_str(&format!("  {label:<28}{row}\n"));
        } else {
            out.push_str(&format!("  {label}\n  {:<28}{row}\n", ""));
        }
    }
    out.push('\n');
    let focus = |r: &SavedResult| -> Vec<String> {
        r.assessment
            .focus_tips(FOCUS_LIST)
            .iter()
            .map(|s| s.tip.clone())
            .collect()
    };
    let (old_focus, new_focus) = (focus(old), focus(new));
    let left: Vec<String> = old_focus
        .iter()
        .filter(|t| !new_focus.contains(t) && !new.assessment.withheld.contains(t))
        .map(|t| numbered_title(tips, t).1)
        .collect();
    let entered: Vec<String> = new_focus
        .iter()
        .filter(|t| !old_focus.contains(t))
        .map(|t| numbered_title(tips, t).1)
        .collect();
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    out.push_str(&crate::text::wrap(
        &format!("Left the focus list: {}", list(&left)),
        width,
        "",
    ));
    out.push('\n');
    out.push_str(&crate::text::wrap(
        &format!("Entered the focus list: {}", list(&entered)),
        width,
        "",
    ));
    out.push_str("\n\n");

    let mut summary = format!(
        "{} rose, {fell} fell and {steady} held steady (moved less than {STEADY_WITHIN} points).",
        crate::text::count(rose, "tip", "tips")
    );
    if let Some((delta, name)) = moves
        .iter()
        .max_by_key(|(d, _)| d.abs())
        .filter(|(d, _)| d.abs() >= STEADY_WITHIN)
    {
        summary.push_str(&format!(" The biggest move: {name} ({}).", signed(*delta)));
    }
    if old.assessment.safety.concern || new.assessment.safety.concern {
        summary.push_str(" The safety screen raised a concern in at least one of these results; the safety section of its report comes first.");
    }
    out.push_str(&crate::text::wrap(&summary, width, ""));
    out.push('\n');
    if old == new {
        out.push('\n');
        out.push_str(&crate::text::wrap(
            "These are the same result, so nothing moved.",
            width,
            "",
        ));
        out.push('\n');
    }
    if old.assessment.mode != new.assessment.mode {
        out.push('\n');
        out.push_str(&crate::text::wrap(
            "One of these is a quick check (one question per tip) and the other a full assessment, so part of each change comes from the different questions, not from you.",
            width,
            "",
        ));
        out.push('\n');
    }
    if let Some(note) = banks_differ(&[old, new]) {
        out.push('\n');
        out.push_str(&crate::text::wrap(&note, width, ""));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{Answers, Mode};

    fn result(bank: &Bank, pick: usize, created: &str) -> SavedResult {
        let answers: Answers = bank
            .questions
            .iter()
            .map(|q| (q.id.clone(), q.options[pick % q.options.len()].id.clone()))
            .collect();
        SavedResult::new(bank, Mode::Full, answers, Some(1), created.to_string())
    }

    fn three() -> (Bank, Vec<SavedResult>) {
        let bank = Bank::embedded().expect("bank");
        let results = vec![
            result(&bank, 0, "2026-09-01T09:00:00Z"),
            result(&bank, 1, "2026-10-01T09:00:00Z"),
            result(&bank, 2, "2026-11-01T09:00:00Z"),
        ];
        (bank, results)
    }

    #[test]
    fn history_of_three_results() {
        let (bank, results) = three();
        let refs: Vec<&SavedResult> = results.iter().collect();
        insta::assert_snapshot!(render_history(&refs, &bank.tips, TextStyle::PLAIN));
    }

    #[test]
    fn compare_two_results() {
        let (bank, results) = three();
        insta::assert_snapshot!(render_compare(
            &results[0],
            &results[2],
            &bank.tips,
            TextStyle::PLAIN
        ));
    }

    #[test]
    fn compare_notes_a_changed_question_set() {
        let (bank, results) = three();
        let mut other = results[2].clone();
        other.bank.version = "2.0.0".into();
        other.bank.hash = "sha256:other".into();
        let text = render_compare(&results[0], &other, &bank.tips, TextStyle::PLAIN);
        assert!(text.contains("different question sets"), "{text}");
    }

    #[test]
    fn compare_marks_tips_set_aside_for_safety_and_does_not_count_them_as_leaving() {
        let bank = Bank::embedded().expect("bank");
        let calm = result(&bank, 0, "2026-09-01T09:00:00Z");
        let mut answers = calm.answers.clone();
        answers.insert("safety-afraid".into(), "often".into());
        let worried = SavedResult::new(
            &bank,
            Mode::Full,
            answers,
            Some(1),
            "2026-10-01T09:00:00Z".into(),
        );
        let text = render_compare(&calm, &worried, &bank.tips, TextStyle::PLAIN);
        assert!(text.contains("(set aside for safety)"), "{text}");
        let left = text
            .lines()
            .find(|l| l.starts_with("Left the focus list"))
            .unwrap_or_default();
        for tip in &worried.assessment.withheld {
            let title = &bank.tip(tip).expect("tip").title;
            assert!(!left.contains(title.as_str()), "{left}");
        }
    }

    #[test]
    fn sparkline_maps_scores_to_levels() {
        assert_eq!(
            sparkline(&[Some(0), Some(50), Some(100), None], false),
            "▁▅█ "
        );
        assert_eq!(sparkline(&[Some(0), Some(100)], true), "_#");
    }
}
