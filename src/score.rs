//! Scoring: pure functions from a bank and answers to an assessment. No I/O.
//!
//! For a tip T and the answered questions that bear on T:
//! `score = round(100 × (raw − lo) / (hi − lo))`, where raw is the sum of the
//! chosen options' weights for T, and lo and hi are the sums of the lowest and
//! highest weight for T that each of those questions offers.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::bank::{Bank, Question};

/// Tip ids that are not suggested as focus tips when the safety screen raised a
/// concern: waiting, loving regardless and giving space could keep someone in
/// danger, and "it isn't about you" could make harm look like the partner's
/// past rather than something done to you.
pub const WITHHELD_WHEN_UNSAFE: [&str; 4] = [
    "patience",
    "unconditional-love",
    "time-apart",
    "not-about-you",
];

/// The option id that means "I would rather not say" on a safety question.
pub const PREFER_NOT_TO_SAY: &str = "prefer-not-to-say";

/// Scores below this are in the focus band. In a forced-choice bank every
/// choice gives some tip up, so someone answering at random lands near 40 on
/// every tip; the bands sit around that, so that no preference reads as the
/// middle band and only a clear lean either way reads as focus or strength.
pub const FOCUS_BELOW: u8 = 30;
/// Scores at or above this are strengths.
pub const STRENGTH_FROM: u8 = 60;

/// Question id to chosen option id.
pub type Answers = BTreeMap<String, String>;

/// Which set of questions was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Every scenario question in the bank.
    #[default]
    Full,
    /// One strong question per tip.
    Quick,
}

impl Mode {
    /// Fewest answered questions on a tip before it gets a score. The quick check
    /// asks one or two questions per tip, so one answer has to do there, and the report
    /// says it is less certain.
    pub fn min_answered(self) -> usize {
        match self {
            Mode::Full => 2,
            Mode::Quick => 1,
        }
    }

    /// The questions this mode asks, in bank order.
    pub fn questions(self, bank: &Bank) -> Vec<&Question> {
        match self {
            Mode::Full => bank.questions.iter().collect(),
            Mode::Quick => bank.quick_questions(),
        }
    }

    /// "full" or "quick".
    pub fn name(self) -> &'static str {
        match self {
            Mode::Full => "full",
            Mode::Quick => "quick",
        }
    }
}

/// Where a score sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    /// Below 30: start here.
    Focus,
    /// 30 to 59: on the way.
    Building,
    /// 60 and above: already part of how you act.
    Strength,
    /// Too few answered questions to say.
    NotEnoughAnswers,
    /// Not suggested, and not praised, while the safety screen raised a
    /// concern: the score is kept, the band is not shown as a band.
    SetAside,
}

impl Band {
    /// The band of a score from 0 to 100.
    pub fn of(score: u8) -> Band {
        if score < FOCUS_BELOW {
            Band::Focus
        } else if score < STRENGTH_FROM {
            Band::Building
        } else {
            Band::Strength
        }
    }

    /// How the report names the band.
    pub fn label(self) -> &'static str {
        match self {
            Band::Focus => "focus",
            Band::Building => "building",
            Band::Strength => "strength",
            Band::NotEnoughAnswers => "not enough answers",
            Band::SetAside => "set aside for your safety",
        }
    }
}

/// An answer that went against a tip (a negative weight for it), kept so the
/// report can say why the tip scored low.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// The question's id.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub question: String,
    /// The question's short title.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub title: String,
    /// The label of the option chosen.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub answer: String,
    /// How far below the best option for this tip the answer was.
    pub shortfall: i64,
    /// What the choice costs, in the bank's words, when the bank says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::text::on_read::option")]
    pub why: Option<String>,
}

/// One tip's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TipScore {
    /// The tip's id.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub tip: String,
    /// 0 to 100, or none when too few questions on it were answered.
    #[serde(deserialize_with = "score_from_file")]
    pub score: Option<u8>,
    /// Where the score sits.
    pub band: Band,
    /// Answered questions that bear on the tip.
    pub answered: usize,
    /// Asked questions that bear on the tip.
    pub measured_by: usize,
    /// Answers that pulled the score down, largest shortfall first.
    pub evidence: Vec<Evidence>,
}

/// A score as a file gives it: a message that says what a score is when it
/// does not fit, rather than what Rust type holds it. (A score above 100 that
/// fits is capped when the result is read.)
fn score_from_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    use serde::de::{Error, Unexpected};
    use serde_json::Value;
    let expected = &"a whole number from 0 to 100";
    let number = match Option::<Value>::deserialize(d)? {
        None => return Ok(None),
        Some(Value::Number(n)) => n,
        Some(Value::String(s)) => {
            return Err(D::Error::invalid_type(Unexpected::Str(&s), expected));
        }
        Some(Value::Bool(b)) => return Err(D::Error::invalid_type(Unexpected::Bool(b), expected)),
        Some(Value::Array(_)) => return Err(D::Error::invalid_type(Unexpected::Seq, expected)),
        Some(_) => return Err(D::Error::invalid_type(Unexpected::Map, expected)),
    };
    match (number.as_u64(), number.as_i64()) {
        (Some(n), _) => u8::try_from(n)
            .map(Some)
            .map_err(|_| D::Error::invalid_value(Unexpected::Unsigned(n), expected)),
        (None, Some(n)) => Err(D::Error::invalid_value(Unexpected::Signed(n), expected)),
        _ => Err(D::Error::invalid_type(
            Unexpected::Float(number.as_f64().unwrap_or_default()),
            expected,
        )),
    }
}

/// What the safety screen found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SafetyOutcome {
    /// Whether any answer raised a concern.
    pub concern: bool,
    /// The concerning answers' findings, as phrases.
    #[serde(deserialize_with = "crate::text::on_read::list")]
    pub findings: Vec<String>,
    /// How many safety questions were answered.
    pub answered: usize,
    /// How many of those were answered "I would rather not say".
    #[serde(default)]
    pub declined: usize,
    /// How many safety questions the bank has.
    pub asked: usize,
}

/// Everything the report needs, computed from the bank and the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    /// Which questions were asked.
    pub mode: Mode,
    /// The safety screen's outcome.
    pub safety: SafetyOutcome,
    /// All ten tips, in the article's order.
    pub scores: Vec<TipScore>,
    /// Tip ids in the order to work on them, weakest first; tips without a score
    /// and tips withheld for safety are left out.
    #[serde(deserialize_with = "crate::text::on_read::list")]
    pub focus: Vec<String>,
    /// Tips not suggested as focus tips because the safety screen raised a concern.
    #[serde(deserialize_with = "crate::text::on_read::list")]
    pub withheld: Vec<String>,
    /// How many scenario questions were asked.
    pub asked: usize,
    /// Asked questions that were not answered, in bank order.
    #[serde(deserialize_with = "crate::text::on_read::list")]
    pub skipped: Vec<String>,
}

impl Assessment {
    /// The score of one tip.
    pub fn tip(&self, id: &str) -> Option<&TipScore> {
        self.scores.iter().find(|s| s.tip == id)
    }

    /// The first `n` tips to work on: the focus order without strengths,
    /// since a strength is not where to start. Report, history and compare
    /// all use this one list.
    pub fn focus_tips(&self, n: usize) -> Vec<&TipScore> {
        self.focus
            .iter()
            .filter_map(|id| self.tip(id))
            .filter(|s| s.band != Band::Strength)
            .take(n)
            .collect()
    }
}

/// Scores `answers` against the tips. Answers to questions outside `mode` are
/// ignored; safety answers only feed the safety outcome.
pub fn assess(bank: &Bank, mode: Mode, answers: &Answers) -> Assessment {
    let asked = mode.questions(bank);
    let safety = safety_outcome(bank, answers);
    // Each question is looked at once: its chosen option and, for every tip it
    // weighs, the lowest and highest weight on offer. Scoring a tip then reads
    // this short list instead of searching options and answers again.
    let looked: Vec<Looked> = asked.iter().map(|q| Looked::of(q, answers)).collect();
    let scores: Vec<TipScore> = bank
        .tips
        .iter()
        .map(|tip| score_tip(&tip.id, &looked, mode.min_answered()))
        .collect();

    let withheld: Vec<String> = if safety.concern {
        WITHHELD_WHEN_UNSAFE.iter().map(|s| s.to_string()).collect()
    } else {
        Vec::new()
    };
    // A withheld tip keeps its score but not its band, so no report, history
    // or JSON reader can take it for a strength or a focus.
    let scores: Vec<TipScore> = scores
        .into_iter()
        .map(|s| match s.score {
            Some(_) if withheld.contains(&s.tip) => TipScore {
                band: Band::SetAside,
                ..s
            },
            _ => s,
        })
        .collect();
    let mut ranked: Vec<(u8, u8, &str)> = scores
        .iter()
        .filter(|s| !withheld.contains(&s.tip))
        .filter_map(|s| {
            let number = bank.tip(&s.tip).map(|t| t.number).unwrap_or(u8::MAX);
            s.score.map(|score| (score, number, s.tip.as_str()))
        })
        .collect();
    // Weakest first; equal scores follow the article's order, so ties are stable.
    ranked.sort();
    let focus = ranked
        .into_iter()
        .map(|(_, _, id)| id.to_string())
        .collect();

    let skipped = asked
        .iter()
        .filter(|q| !answers.contains_key(&q.id))
        .map(|q| q.id.clone())
        .collect();

    Assessment {
        mode,
        safety,
        scores,
        focus,
        withheld,
        asked: asked.len(),
        skipped,
    }
}

/// One asked question, read once: the option chosen (if any) and the span of
/// weights it offers for each tip it weighs.
struct Looked<'a> {
    question: &'a Question,
    chosen: Option<&'a crate::bank::Choice>,
    /// (tip id, lowest weight, highest weight), for tips some option weighs.
    spans: &'a [(String, i64, i64)],
}

impl<'a> Looked<'a> {
    fn of(question: &'a Question, answers: &Answers) -> Looked<'a> {
        Looked {
            question,
            chosen: answers.get(&question.id).and_then(|id| question.option(id)),
            spans: question.spans(),
        }
    }

    /// The span for `tip`, when the question weighs it.
    fn span(&self, tip: &str) -> Option<(i64, i64)> {
        self.spans
            .iter()
            .find(|(t, _, _)| t == tip)
            .map(|(_, lo, hi)| (*lo, *hi))
    }
}

fn score_tip(tip: &str, looked: &[Looked], min_answered: usize) -> TipScore {
    let (mut raw, mut lo, mut hi, mut answered, mut measured_by) =
        (0i64, 0i64, 0i64, 0usize, 0usize);
    let mut evidence = Vec::new();
    for l in looked {
        let Some((q_lo, q_hi)) = l.span(tip) else {
            continue;
        };
        measured_by += 1;
        let Some(chosen) = l.chosen else {
            continue;
        };
        let weight = chosen.weight(tip);
        raw += weight;
        lo += q_lo;
        hi += q_hi;
        answered += 1;
        // Only answers that went against the tip are quoted as reasons: a
        // neutral or good choice that merely was not the best is no reason.
        if weight < 0 {
            evidence.push(Evidence {
                question: l.question.id.clone(),
                title: l.question.short_title().to_string(),
                answer: chosen.label.clone(),
                shortfall: q_hi - weight,
                why: chosen.why.clone(),
            });
        }
    }
    // Largest shortfall first; the sort is stable, so bank order breaks ties.
    evidence.sort_by_key(|e| std::cmp::Reverse(e.shortfall));
    let score = (answered >= min_answered && hi > lo).then(|| normalise(raw, lo, hi));
    TipScore {
        tip: tip.to_string(),
        score,
        band: score.map_or(Band::NotEnoughAnswers, Band::of),
        answered,
        measured_by,
        evidence,
    }
}

/// Maps raw from [lo, hi] onto 0..=100, rounding half up. Needs lo < hi.
fn normalise(raw: i64, lo: i64, hi: i64) -> u8 {
    let span = hi - lo;
    let scaled = (200 * (raw - lo) + span) / (2 * span);
    scaled.clamp(0, 100) as u8
}

fn safety_outcome(bank: &Bank, answers: &Answers) -> SafetyOutcome {
    let mut outcome = SafetyOutcome {
        asked: bank.safety.len(),
        ..SafetyOutcome::default()
    };
    let mut findings = BTreeSet::new();
    for q in &bank.safety {
        let Some(choice) = answers.get(&q.id).and_then(|id| q.option(id)) else {
            continue;
        };
        outcome.answered += 1;
        if choice.id == PREFER_NOT_TO_SAY {
            outcome.declined += 1;
        }
        if choice.concern && findings.insert(q.finding.clone()) {
            outcome.concern = true;
            outcome.findings.push(q.finding.clone());
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_maps_the_span_onto_0_to_100() {
        assert_eq!(normalise(-4, -4, 4), 0);
        assert_eq!(normalise(4, -4, 4), 100);
        assert_eq!(normalise(0, -4, 4), 50);
        assert_eq!(normalise(1, 0, 3), 33);
        assert_eq!(normalise(2, 0, 3), 67);
        assert_eq!(normalise(1, 0, 8), 13); // 12.5 rounds half up
    }

    #[test]
    fn bands_have_documented_cut_offs() {
        assert_eq!(Band::of(0), Band::Focus);
        assert_eq!(Band::of(29), Band::Focus);
        assert_eq!(Band::of(30), Band::Building);
        assert_eq!(Band::of(59), Band::Building);
        assert_eq!(Band::of(60), Band::Strength);
        assert_eq!(Band::of(100), Band::Strength);
    }
}
