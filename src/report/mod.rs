//! Renderers turn a saved result into text, Markdown or JSON. They are pure:
//! they return a string and never write anything; `store` does the writing.

mod compare;
mod history;
mod json;
mod markdown;
mod questions;
#[cfg(test)]
mod tests;
mod text;
mod tips;

use crate::bank::{Bank, Needs, Region, Tip};
use crate::saved::SavedResult;
use crate::score::{Band, TipScore};

pub use crate::text::{TextStyle, WIDTH_RANGE};
pub use compare::{STEADY_WITHIN, render_compare};
pub use history::{FOCUS_LIST, render_history, sparkline};
pub use json::JsonReport;
pub use markdown::MarkdownReport;
pub use questions::{questions_json, render_questions};
pub use text::TextReport;
pub use tips::render_tips;

/// What every report says about what openup is and is not.
pub const DISCLAIMER: &str = "openup is a tool for reflection built on the ten tips of Isabelle Chase's article on helping an emotionally unavailable partner start opening up. It is not therapy, it does not diagnose you or your partner, and it cannot replace a qualified counsellor. If either of you has felt low for weeks, a doctor can help; if anyone talks about not wanting to live, contact a doctor or a crisis line at once. Your answers stay on this computer.";

/// What the safety section says after listing the findings.
pub const SAFETY_BODY: &str = "The ten tips are written for a relationship in which both people are safe. If you are afraid, controlled or hurt, your safety comes before helping anyone open up, and you deserve support from people trained to help.";

/// Why some tips are not suggested when the safety screen raised a concern.
pub const WITHHELD_REASON: &str = "waiting longer, loving no matter what, stepping back and telling yourself it is not about you can keep someone in harm's way, so they are left out of your focus list. Talk with a domestic abuse service before working on them.";

/// The tip whose advice changes on the careful path.
const OUTSIDE_HELP: &str = "professional-help";

/// What to try for "get outside help" when the safety screen raised a concern:
/// couples counselling is not advised where someone is afraid or controlled.
pub const UNSAFE_HELP_TRY: [&str; 3] = [
    "Talk with a domestic abuse helpline or service on your own first; they can help you plan what is safe.",
    "If you look for a counsellor, look for one just for you, trained in relationship abuse, rather than counselling as a couple.",
    "Keep the help lines somewhere only you can find them.",
];

/// What the report says when safety questions were declined or left out.
pub const SAFETY_DECLINED: &str = "You chose not to answer some or all of the safety questions, and that is all right. If you ever feel afraid, controlled or hurt, help is there:";

/// How the score chart labels outside help when the safety screen raised a
/// concern (or was declined) and its score would read as praise: its advice is
/// then for the person alone.
pub const ALONE_LABEL: &str = "advice for you alone";

/// What the quick check's report says about itself.
pub const QUICK_NOTE: &str = "This report comes from the quick check: one or two questions per tip. Treat it as a first impression; the full assessment measures each tip several times and is more certain.";

/// Everything a renderer needs.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The result to show.
    pub result: &'a SavedResult,
    /// The bank in use, for the tips' texts and question titles.
    pub bank: &'a Bank,
    /// How many focus tips to show.
    pub top: usize,
    /// Where to find help in the person's region.
    pub help: Option<&'a Region>,
}

impl<'a> ReportInput<'a> {
    /// The input for a result, with the help lines of `region` (the fallback
    /// for everyone else when none is known).
    pub fn new(
        result: &'a SavedResult,
        bank: &'a Bank,
        top: usize,
        region: Option<&str>,
    ) -> ReportInput<'a> {
        ReportInput {
            result,
            bank,
            top,
            help: bank.help(region),
        }
    }

    /// The help lines as sentences, the emergency number first.
    pub fn help_lines(&self) -> Vec<String> {
        self.help.map(Region::sentences).unwrap_or_default()
    }

    /// The tip text for an id, when the bank has it.
    pub fn tip(&self, id: &str) -> Option<&'a Tip> {
        self.bank.tip(id)
    }

    /// A tip's title, or its id when the bank in use lacks it.
    pub fn title(&self, id: &str) -> String {
        self.tip(id)
            .map_or_else(|| id.to_string(), |t| t.title.clone())
    }

    /// The focus tips to show, weakest first: tips in the focus or building
    /// band only, since a strength is not something to start with.
    pub fn focus(&self) -> Vec<&'a TipScore> {
        self.result.assessment.focus_tips(self.top)
    }

    /// Whether the advice takes the careful path: a safety concern, or safety
    /// questions declined or left out, where openup cannot tell.
    pub fn careful(&self) -> bool {
        self.result.assessment.safety.concern || self.safety_declined()
    }

    /// Whether this tip's score may be shown as praise. Tips set aside for
    /// safety never are; nor is outside help on the careful path, where a high
    /// score may come from choosing couples counselling, which is then not
    /// advised.
    pub fn may_praise(&self, score: &TipScore) -> bool {
        let a = &self.result.assessment;
        score.band == Band::Strength
            && !a.withheld.contains(&score.tip)
            && !(self.careful() && score.tip == OUTSIDE_HELP)
    }

    /// The label and whether to draw it without band colour, for a chart row.
    pub fn chart_label(&self, score: &TipScore) -> (&'static str, bool) {
        let a = &self.result.assessment;
        if a.withheld.contains(&score.tip) {
            (Band::SetAside.label(), true)
        } else if score.band == Band::Strength && !self.may_praise(score) {
            (ALONE_LABEL, true)
        } else {
            (score.band.label(), score.band == Band::NotEnoughAnswers)
        }
    }

    /// Tips in the strength band, strongest first; tips set aside for safety
    /// and outside help on the careful path are not praised.
    pub fn strengths(&self) -> Vec<&'a TipScore> {
        let a = &self.result.assessment;
        let mut list: Vec<&TipScore> = a.scores.iter().filter(|s| self.may_praise(s)).collect();
        list.sort_by_key(|s| std::cmp::Reverse(s.score));
        list
    }

    /// What to try for a tip: the bank's list, or, for outside help when the
    /// safety screen raised a concern, help that is safe to seek.
    pub fn to_try(&self, tip: &'a Tip) -> Vec<&'a str> {
        // Declined safety questions leave openup unsure, so it takes the careful
        // path there too: couples counselling is only suggested when nothing
        // suggests it could be unsafe.
        if self.careful() && tip.id == OUTSIDE_HELP {
            UNSAFE_HELP_TRY.to_vec()
        } else {
            tip.to_try.iter().map(String::as_str).collect()
        }
    }

    /// What to say when there is no focus tip to show.
    pub fn no_focus_note(&self) -> &'static str {
        let scored = self
            .result
            .assessment
            .scores
            .iter()
            .any(|s| s.score.is_some());
        if scored {
            "Every tip with a score is a strength in your answers. Keep doing what you do; the chart below shows where there is still the most room."
        } else {
            "There are not enough answers to suggest a focus yet. Answer more questions and run it again."
        }
    }

    /// Whether to show the gentle note for declined or unanswered safety questions.
    pub fn safety_declined(&self) -> bool {
        let s = &self.result.assessment.safety;
        !s.concern && (s.declined > 0 || s.answered < s.asked)
    }

    /// Why a tip scored low: up to two answers that went against it, each
    /// quoting the scenario and the answer, then what that choice cost in the
    /// bank's words, so a person learns what the choice did, not only which it was.
    pub fn why(&self, score: &TipScore) -> String {
        let reasons: Vec<String> = score
            .evidence
            .iter()
            .take(2)
            .map(|e| {
                let quote = format!(
                    "In {} you chose {}.",
                    crate::text::quoted(&e.title),
                    crate::text::quoted(&e.answer)
                );
                match e.why.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
                    Some(cost) => format!("{quote} {cost}"),
                    None => quote,
                }
            })
            .collect();
        if reasons.is_empty() {
            "None of your answers went against this tip; where it was measured, you mostly chose options that draw on other tips.".to_string()
        } else {
            reasons.join(" ")
        }
    }

    /// The closing section on the person's own needs, when the bank has one.
    pub fn needs(&self) -> Option<&'a Needs> {
        self.bank
            .needs
            .as_ref()
            .filter(|n| !n.title.trim().is_empty() && !n.points.is_empty())
    }

    /// Counts for the header: answered and asked scenario questions.
    pub fn answered_of_asked(&self) -> (usize, usize) {
        let a = &self.result.assessment;
        (a.asked.saturating_sub(a.skipped.len()), a.asked)
    }

    /// The titles of the skipped questions (their ids when the bank lacks them).
    pub fn skipped_titles(&self) -> Vec<String> {
        self.result
            .assessment
            .skipped
            .iter()
            .map(|id| {
                self.bank
                    .question(id)
                    .map_or_else(|| id.clone(), |q| q.short_title().to_string())
            })
            .collect()
    }

    /// The date part of the result's timestamp.
    pub fn date(&self) -> &str {
        let created = &self.result.created;
        created.get(..10).unwrap_or(created)
    }
}

/// A report format. Each returns the whole document as a string.
pub trait Renderer {
    /// Renders the report.
    fn render(&self, input: &ReportInput) -> String;
}

/// The formats `openup report --format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Styled text for the terminal.
    Text,
    /// A printable Markdown document to share with a counsellor.
    Markdown,
    /// The result JSON.
    Json,
}

/// Renders `input` in `format`; `style` only affects text.
pub fn render(format: Format, input: &ReportInput, style: &TextStyle) -> String {
    match format {
        Format::Text => TextReport { style: *style }.render(input),
        Format::Markdown => MarkdownReport.render(input),
        Format::Json => JsonReport.render(input),
    }
}
