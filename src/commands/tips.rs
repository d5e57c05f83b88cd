//! `openup tips`: the ten tips with a line on each, and where to find help.

use super::Context;
use crate::error::Result;
use crate::report::render_tips;

/// Prints the tips of the bank in use.
pub fn run(ctx: &Context) -> Result<()> {
    let bank = ctx.bank()?;
    let help = ctx.help()?;
    ctx.output.print(&render_tips(
        &bank.tips,
        bank.needs.as_ref(),
        help,
        ctx.output.style,
    ))
}
