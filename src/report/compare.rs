//! The comparison of two saved results. Pure: returns a string.

use console::Style;

use super::history::{FOCUS_LIST, banks_differ, numbered_title, score_of, signed, tip_ids, when};
use crate::bank::Tip;
use crate::saved::SavedResult;
use crate::text::TextStyle;

/// A change smaller than this many points counts as steady.
pub const STEADY_WITHIN: i32 = 5;

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
    let heading = crate::text::wrap(
        &format!(
            "Comparing {} ({}) with {} ({})",
            date(old),
            old.assessment.mode.name(),
            date(new),
            new.assessment.mode.name()
        ),
        width,
        "",
    );
    out.push_str(&format!("{}\n\n", bold.apply_to(heading)));
    let wide = width >= 60;
    let mut moves: Vec<(i32, String)> = Vec::new();
    let (mut rose, mut fell, mut steady) = (0, 0, 0);
    if wide {
        out.push_str(&format!(
            "  {:<28}{:>6}{:>7}  change\n",
            "tip", "before", "after"
        ));
    } else {
        out.push_str("  tip\n     before → after  change\n");
    }
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
        if wide {
            let row = format!("{:>6}{:>7}  {change}", show(before), show(after));
            out.push_str(&format!("  {label:<28}{row}\n"));
        } else {
            // Narrow: the numbers under the name, and the note on its own line
            // when it would not fit beside them.
            let row = format!("     {:>6} → {:<3}  ", show(before), show(after));
            let room = width.saturating_sub(console::measure_text_width(&row));
            out.push_str(&format!("  {label}\n"));
            if console::measure_text_width(&change) <= room {
                out.push_str(&format!("{row}{change}\n"));
            } else {
                out.push_str(&format!("{}\n", row.trim_end()));
                out.push_str(&crate::text::wrap(&change, width, "       "));
                out.push('\n');
            }
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
    // Two saves with the same answers are still two results (even saved in
    // the same second), so the note says what is the same, not that they are one.
    if old.answers == new.answers && old.assessment.mode == new.assessment.mode {
        let same = if old == new {
            "Both hold the same answers and the same figures, so nothing moved."
        } else {
            "The answers are the same in both, so nothing moved."
        };
        out.push('\n');
        out.push_str(&crate::text::wrap(same, width, ""));
        out.push('\n');
    }
    if old.assessment.mode != new.assessment.mode {
        out.push('\n');
        out.push_str(&crate::text::wrap(
            "One of these is a quick check (one or two questions per tip) and the other a full assessment, so part of each change comes from the different questions, not from you.",
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
    use crate::bank::Bank;
    use crate::report::history::tests::{result, three};
    use crate::score::Mode;

    #[test]
    fn compare_and_history_fit_every_width_from_40_up() {
        let (bank, results) = three();
        // History over many results too: the sparkline must not grow with them.
        let refs: Vec<&SavedResult> = results.iter().cycle().take(300).collect();
        for width in 40..=100 {
            let style = TextStyle {
                color: false,
                width,
                ascii: false,
            };
            for text in [
                render_compare(&results[0], &results[2], &bank.tips, style),
                crate::report::render_history(&refs, &[], &bank.tips, style),
            ] {
                let wide: Vec<&str> = text
                    .lines()
                    .filter(|l| console::measure_text_width(l) > width)
                    .collect();
                assert!(wide.is_empty(), "at {width}: {wide:#?}");
            }
        }
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
    fn the_same_answers_are_named_as_such_not_called_one_result() {
        let (bank, results) = three();
        let mut later = results[0].clone();
        later.created = "2026-12-01T09:00:00Z".into();
        let text = render_compare(&results[0], &later, &bank.tips, TextStyle::PLAIN);
        assert!(
            text.contains("The answers are the same in both, so nothing moved."),
            "{text}"
        );
        assert!(!text.contains("same result"), "{text}");
        let text = render_compare(&results[0], &results[0], &bank.tips, TextStyle::PLAIN);
        assert!(
            text.contains("Both hold the same answers and the same figures"),
            "{text}"
        );
        let text = render_compare(&results[0], &results[1], &bank.tips, TextStyle::PLAIN);
        assert!(!text.contains("nothing moved"), "{text}");
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
    fn compare_names_a_question_set_once_when_only_its_contents_changed() {
        let (bank, results) = three();
        let mut other = results[2].clone();
        other.bank.hash = "sha256:other".into();
        let text = render_compare(&results[0], &other, &bank.tips, TextStyle::PLAIN);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = format!("{} {}", other.bank.id, other.bank.version);
        assert_eq!(text.matches(&name).count(), 1, "{text}");
        assert!(text.contains("changed without a new version"), "{text}");
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
}
