//! The history of saved results: one row per result, then each tip's scores
//! over time. Pure: returns a string. The helpers here also serve `compare`.

use console::Style;

use crate::bank::Tip;
use crate::saved::SavedResult;
use crate::text::TextStyle;

/// How many focus tips count as "the focus list" in the history and when comparing.
pub const FOCUS_LIST: usize = 3;

/// "2026-11-27 16:15" from an RFC 3339 timestamp (UTC).
pub(super) fn when(created: &str) -> String {
    created
        .get(..16)
        .map_or_else(|| created.to_string(), |t| t.replace('T', " "))
}

/// A tip's number in the article and its title; its id when the bank lacks it.
pub(super) fn numbered_title(tips: &[Tip], id: &str) -> (u8, String) {
    tips.iter()
        .find(|t| t.id == id)
        .map_or((0, id.to_string()), |t| (t.number, t.title.clone()))
}

/// The ids of the bank's tips, in the article's order.
pub(super) fn tip_ids(tips: &[Tip]) -> Vec<&str> {
    tips.iter().map(|t| t.id.as_str()).collect()
}

pub(super) fn score_of(result: &SavedResult, tip: &str) -> Option<u8> {
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

pub(super) fn signed(change: i32) -> String {
    if change > 0 {
        format!("+{change}")
    } else {
        change.to_string()
    }
}

pub(super) fn banks_differ(results: &[&SavedResult]) -> Option<String> {
    // Each name once, in the order of the results.
    let mut banks: Vec<String> = Vec::new();
    for r in results {
        let name = format!("{} {}", r.bank.id, r.bank.version);
        if !banks.contains(&name) {
            banks.push(name);
        }
    }
    let hashes: std::collections::BTreeSet<&str> =
        results.iter().map(|r| r.bank.hash.as_str()).collect();
    (hashes.len() > 1).then(|| {
        let which = match banks.as_slice() {
            [one] => format!("{one}, changed without a new version"),
            _ => banks.join(", "),
        };
        format!(
            "These results come from different question sets ({which}): the questions changed between them, so compare tip by tip and read small moves with care."
        )
    })
}

/// The history: one row per result, then each tip's scores over time.
pub fn render_history(
    results: &[&SavedResult],
    names: &[String],
    tips: &[Tip],
    style: TextStyle,
) -> String {
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
        // The file's name, so that `report N` and a path both lead to it.
        let name = names
            .get(n)
            .map(|name| format!(" · {name}"))
            .unwrap_or_default();
        let row = format!(
            "{date}{name} · {}{} · focus: {}",
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
        // The newest results that fit: a sparkline never widens the row past
        // the window, however many results there are.
        let room = if width >= 70 {
            12
        } else {
            width.saturating_sub(5 + 2 + 16).max(4)
        };
        let shown = &scores[scores.len().saturating_sub(room)..];
        let spark = sparkline(shown, style.ascii);
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
            "Some of these are quick checks (one or two questions per tip) and some full assessments; part of each move comes from the different questions.",
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::score::{Answers, Mode};

    /// A full result choosing the `pick`th option of every question.
    pub(crate) fn result(bank: &Bank, pick: usize, created: &str) -> SavedResult {
        let answers: Answers = bank
            .questions
            .iter()
            .map(|q| (q.id.clone(), q.options[pick % q.options.len()].id.clone()))
            .collect();
        SavedResult::new(bank, Mode::Full, answers, Some(1), created.to_string())
    }

    /// Three results a month apart, each choosing other options.
    pub(crate) fn three() -> (Bank, Vec<SavedResult>) {
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
        insta::assert_snapshot!(render_history(&refs, &[], &bank.tips, TextStyle::PLAIN));
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
