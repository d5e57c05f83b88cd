//! The terminal report: styled with console, wrapped to the terminal's width.

use console::Style;

use super::{
    DISCLAIMER, QUICK_NOTE, Renderer, ReportInput, SAFETY_BODY, SAFETY_DECLINED, TextStyle,
    WITHHELD_REASON,
};
use crate::score::{Band, Mode, TipScore};
use crate::text::{wrap, wrap_hanging};

/// Styled text for the terminal.
#[derive(Debug, Clone, Copy)]
pub struct TextReport {
    /// Colour, width and character set.
    pub style: TextStyle,
}

struct Paint {
    heading: Style,
    dim: Style,
    warn: Style,
    focus: Style,
    building: Style,
    strength: Style,
}

impl Paint {
    fn new(color: bool) -> Paint {
        let make = |s: Style| s.force_styling(color);
        Paint {
            heading: make(Style::new().bold()),
            dim: make(Style::new().dim()),
            warn: make(Style::new().yellow().bold()),
            focus: make(Style::new().magenta()),
            building: make(Style::new().cyan()),
            strength: make(Style::new().green()),
        }
    }

    fn band(&self, band: Band) -> &Style {
        match band {
            Band::Focus => &self.focus,
            Band::Building => &self.building,
            Band::Strength => &self.strength,
            Band::NotEnoughAnswers | Band::SetAside => &self.dim,
        }
    }
}

impl Renderer for TextReport {
    fn render(&self, input: &ReportInput) -> String {
        let style = self.style;
        let width = style.columns();
        let paint = Paint::new(style.color);
        let bullet = if style.ascii { "- " } else { "• " };
        let a = &input.result.assessment;
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };

        line(
            paint
                .heading
                .apply_to("openup · your reflection report")
                .to_string(),
        );
        let (answered, asked) = input.answered_of_asked();
        let header = format!(
            "{} · {} check · {answered} of {asked} questions answered",
            input.date(),
            a.mode.name()
        );
        line(paint.dim.apply_to(wrap(&header, width, "")).to_string());
        line(String::new());

        if a.safety.concern {
            line(paint.warn.apply_to("First, your safety").to_string());
            line(wrap(
                &format!("Your answers mentioned {}.", join_words(&a.safety.findings)),
                width,
                "  ",
            ));
            line(wrap(SAFETY_BODY, width, "  "));
            for help in input.help_lines() {
                line(wrap_hanging(&help, width, &format!("  {bullet}"), "    "));
            }
            let withheld: Vec<String> = a.withheld.iter().map(|id| input.title(id)).collect();
            line(wrap(
                &format!(
                    "Not suggested for now: {}. {}",
                    withheld.join(", "),
                    crate::text::capitalise(WITHHELD_REASON)
                ),
                width,
                "  ",
            ));
            line(String::new());
        } else if input.safety_declined() {
            line(wrap(SAFETY_DECLINED, width, ""));
            for help in input.help_lines() {
                line(wrap_hanging(&help, width, &format!("  {bullet}"), "    "));
            }
            line(String::new());
        }

        if a.mode == Mode::Quick {
            line(wrap(QUICK_NOTE, width, ""));
            line(String::new());
        }

        let focus = input.focus();
        line(paint.heading.apply_to("Where to focus first").to_string());
        if focus.is_empty() {
            line(wrap(input.no_focus_note(), width, "  "));
        }
        for (rank, score) in focus.iter().enumerate() {
            let tip = input.tip(&score.tip);
            let number = tip.map(|t| t.number.to_string()).unwrap_or_default();
            let value = score.score.map(|s| s.to_string()).unwrap_or_default();
            let title = format!(
                "{}. {} {}",
                rank + 1,
                paint.heading.apply_to(input.title(&score.tip)),
                paint.band(score.band).apply_to(format!(
                    "(tip {number}) · {value}/100 · {}",
                    score.band.label()
                ))
            );
            // textwrap measures width without escape codes, so styled text wraps right.
            line(wrap_hanging(&title, width, "", "   "));
            if let Some(tip) = tip {
                line(wrap(&tip.summary, width, "   "));
            }
            line(wrap_hanging(
                &input.why(score),
                width,
                "   Why: ",
                "        ",
            ));
            if let Some(tip) = tip {
                line("   Try this week:".to_string());
                for item in input.to_try(tip) {
                    line(wrap_hanging(item, width, &format!("   {bullet}"), "     "));
                }
            }
            line(String::new());
        }

        let strengths = input.strengths();
        if !strengths.is_empty() {
            line(paint.heading.apply_to("Your strengths").to_string());
            let names: Vec<String> = strengths
                .iter()
                .map(|s| format!("{} ({})", input.title(&s.tip), s.score.unwrap_or(0)))
                .collect();
            line(wrap(&names.join(", "), width, "  "));
            line(String::new());
        }

        if let Some(needs) = input.needs() {
            line(paint.heading.apply_to(&needs.title).to_string());
            for point in &needs.points {
                line(wrap_hanging(point, width, &format!("  {bullet}"), "    "));
            }
            line(String::new());
        }

        line(paint.heading.apply_to("All ten tips").to_string());
        // One bar length for the whole chart, fitted to its longest label.
        let longest = a
            .scores
            .iter()
            .map(|s| console::measure_text_width(input.chart_label(s).0))
            .max()
            .unwrap_or(0);
        for score in &a.scores {
            line(chart_row(input, score, &paint, style, width, longest));
        }
        line(String::new());

        if !a.skipped.is_empty() {
            let n = a.skipped.len();
            let noun = if n == 1 {
                "question was"
            } else {
                "questions were"
            };
            line(wrap(
                &format!(
                    "{n} {noun} skipped and did not count: {}.",
                    input.skipped_titles().join(", ")
                ),
                width,
                "",
            ));
            line(String::new());
        }
        line(paint.dim.apply_to(wrap(DISCLAIMER, width, "")).to_string());
        out
    }
}

/// One row of the bar chart; two lines on narrow terminals.
fn chart_row(
    input: &ReportInput,
    score: &TipScore,
    paint: &Paint,
    style: TextStyle,
    width: usize,
    longest: usize,
) -> String {
    let number = input.tip(&score.tip).map(|t| t.number).unwrap_or(0);
    let title = input.title(&score.tip);
    let (full, empty) = if style.ascii {
        ('#', '.')
    } else {
        ('█', '░')
    };
    let (label, neutral) = input.chart_label(score);
    // Set-aside rows and advice that changed are drawn without band colour:
    // a green row reads as praise.
    let style_of = if neutral {
        &paint.dim
    } else {
        paint.band(score.band)
    };
    let name = format!("{number:>2} {title}");
    // Wide: name and bar on one row; narrow: the bar on a row of its own.
    let (lead, prefix) = if width >= 70 {
        (format!("  {name:<28}"), 30)
    } else {
        (format!("  {name}\n     "), 5)
    };
    let bar = match score.score {
        Some(value) => {
            // The bar gives way to the label so that the row fits the width;
            // when even a short bar cannot, the label goes below it.
            let room = width.saturating_sub(prefix + 1 + 3 + 2 + longest);
            let cells = room.clamp(5, 20);
            let filled = (usize::from(value) * cells + 50) / 100;
            let cells_text = format!(
                "{}{}",
                full.to_string().repeat(filled),
                empty.to_string().repeat(cells - filled)
            );
            let label_text = style_of.apply_to(label).to_string();
            if room >= 5 {
                format!(
                    "{} {:>3}  {label_text}",
                    style_of.apply_to(cells_text),
                    value
                )
            } else {
                format!(
                    "{} {:>3}\n{}{label_text}",
                    style_of.apply_to(cells_text),
                    value,
                    " ".repeat(prefix)
                )
            }
        }
        None => paint
            .dim
            .apply_to(Band::NotEnoughAnswers.label())
            .to_string(),
    };
    format!("{lead}{bar}")
}

/// "a", "a and b", "a, b and c".
pub(crate) fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
