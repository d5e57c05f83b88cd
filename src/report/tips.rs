//! `openup tips`: the ten tips with a line on each, and where to find help. Pure.

use console::Style;

use super::SAFETY_HELP;
use crate::bank::Tip;
use crate::text::{TextStyle, wrap, wrap_hanging};

/// The ten tips in the article's order, then the help lines.
pub fn render_tips(tips: &[Tip], style: TextStyle) -> String {
    let bold = Style::new().bold().force_styling(style.color);
    let width = style.width;
    let mut text = format!(
        "{}\n{}\n\n",
        bold.apply_to("The ten tips"),
        wrap(
            "From Isabelle Chase's article on helping an emotionally unavailable partner open up, in openup's own words.",
            width,
            ""
        )
    );
    for tip in tips {
        text.push_str(&format!(
            "{:>2}. {}\n",
            tip.number,
            bold.apply_to(&tip.title)
        ));
        text.push_str(&wrap(&tip.summary, width, "    "));
        text.push_str("\n\n");
    }
    text.push_str(&wrap(
        "If you ever feel afraid of your partner, controlled or hurt, these tips are not the place to start. Reach out for help:",
        width,
        "",
    ));
    text.push('\n');
    let bullet = if style.ascii { "  - " } else { "  • " };
    for help in SAFETY_HELP {
        text.push_str(&wrap_hanging(help, width, bullet, "    "));
        text.push('\n');
    }
    text
}
