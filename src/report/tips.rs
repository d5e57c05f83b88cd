//! `openup tips`: the ten tips with a line on each, and where to find help. Pure.

use console::Style;

use crate::bank::{Needs, Region, Tip};
use crate::text::{TextStyle, wrap, wrap_hanging};

/// The ten tips in the article's order, the section on the person's own
/// needs, then the help lines of their region.
pub fn render_tips(tips: &[Tip], needs: Option<&Needs>, help: &Region, style: TextStyle) -> String {
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
    let bullet = if style.ascii { "  - " } else { "  • " };
    if let Some(needs) = needs {
        text.push_str(&format!("{}\n", bold.apply_to(&needs.title)));
        for point in &needs.points {
            text.push_str(&wrap_hanging(point, width, bullet, "    "));
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str(&wrap(
        &format!(
            "If you ever feel afraid of your partner, controlled or hurt, these tips are not the place to start. Reach out for help ({}):",
            help.name
        ),
        width,
        "",
    ));
    text.push('\n');
    for line in help.sentences() {
        text.push_str(&wrap_hanging(&line, width, bullet, "    "));
        text.push('\n');
    }
    text
}
