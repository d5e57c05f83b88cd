//! A printable Markdown document, meant to be shared with a counsellor.

use super::text::join_words;
use super::{
    DISCLAIMER, QUICK_NOTE, Renderer, ReportInput, SAFETY_BODY, SAFETY_DECLINED, WITHHELD_REASON,
};
use crate::score::Mode;

/// Markdown with headings, lists and a score table.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownReport;

/// Escapes the characters that would change Markdown's meaning inside text from files.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Renderer for MarkdownReport {
    fn render(&self, input: &ReportInput) -> String {
        let a = &input.result.assessment;
        let (answered, asked) = input.answered_of_asked();
        let mut out = String::new();
        out.push_str("# openup reflection report\n\n");
        out.push_str(&format!(
            "- Date: {}\n- Check: {} ({answered} of {asked} questions answered)\n- Question bank: {} {}\n\n",
            md(input.date()),
            a.mode.name(),
            md(&input.result.bank.id),
            md(&input.result.bank.version)
        ));
        if a.safety.concern {
            out.push_str("## First, your safety\n\n");
            let findings: Vec<String> = a.safety.findings.iter().map(|f| md(f)).collect();
            out.push_str(&format!(
                "Your answers mentioned {}. {SAFETY_BODY}\n\n",
                join_words(&findings)
            ));
            for help in input.help_lines() {
                out.push_str(&format!("- {help}\n"));
            }
            let withheld: Vec<String> = a.withheld.iter().map(|id| md(&input.title(id))).collect();
            out.push_str(&format!(
                "\nNot suggested for now: {}; {WITHHELD_REASON}\n\n",
                withheld.join(", ")
            ));
        }
        if input.safety_declined() {
            out.push_str(&format!("{SAFETY_DECLINED}\n\n"));
            for help in input.help_lines() {
                out.push_str(&format!("- {help}\n"));
            }
            out.push('\n');
        }
        if a.mode == Mode::Quick {
            out.push_str(&format!("> {QUICK_NOTE}\n\n"));
        }
        out.push_str("## Where to focus first\n\n");
        let focus = input.focus();
        if focus.is_empty() {
            out.push_str(&format!("{}\n\n", input.no_focus_note()));
        }
        for (rank, score) in focus.iter().enumerate() {
            let tip = input.tip(&score.tip);
            out.push_str(&format!(
                "### {}. {} (tip {}): {}/100, {}\n\n",
                rank + 1,
                md(&input.title(&score.tip)),
                tip.map(|t| t.number).unwrap_or(0),
                score.score.unwrap_or(0),
                score.band.label()
            ));
            if let Some(tip) = tip {
                out.push_str(&format!("{}\n\n", md(&tip.summary)));
            }
            out.push_str(&format!("**Why:** {}\n\n", md(&input.why(score))));
            if let Some(tip) = tip {
                out.push_str("**Try this week:**\n\n");
                for item in input.to_try(tip) {
                    out.push_str(&format!("- {}\n", md(item)));
                }
                out.push('\n');
            }
        }
        let strengths = input.strengths();
        if !strengths.is_empty() {
            let names: Vec<String> = strengths
                .iter()
                .map(|s| format!("{} ({})", md(&input.title(&s.tip)), s.score.unwrap_or(0)))
                .collect();
            out.push_str(&format!("## Your strengths\n\n{}\n\n", names.join(", ")));
        }
        if let Some(needs) = input.needs() {
            out.push_str(&format!("## {}\n\n", md(&needs.title)));
            for point in &needs.points {
                out.push_str(&format!("- {}\n", md(point)));
            }
            out.push('\n');
        }
        out.push_str("## All scores\n\n| Tip | Score | Band |\n| --- | ---: | --- |\n");
        for score in &a.scores {
            let number = input.tip(&score.tip).map(|t| t.number).unwrap_or(0);
            let value = score
                .score
                .map_or_else(|| "–".to_string(), |s| s.to_string());
            let (band, _) = input.chart_label(score);
            out.push_str(&format!(
                "| {number}. {} | {value} | {band} |\n",
                md(&input.title(&score.tip)),
            ));
        }
        out.push('\n');
        if !a.skipped.is_empty() {
            out.push_str(&format!(
                "Skipped questions (not counted): {}.\n\n",
                md(&input.skipped_titles().join(", "))
            ));
        }
        out.push_str(&format!("---\n\n*{DISCLAIMER}*\n"));
        out
    }
}
