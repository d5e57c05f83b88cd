//! `openup questions [--json]`: every question id with its title and its
//! options, so that an answers file can be written for an installed binary.

use super::Context;
use crate::cli::QuestionsArgs;
use crate::error::Result;
use crate::report::{questions_json, render_questions};

/// Prints the questions of the bank in use.
pub fn run(ctx: &Context, args: &QuestionsArgs) -> Result<()> {
    let bank = ctx.bank()?;
    if args.json {
        ctx.output.print(&questions_json(bank))
    } else {
        ctx.output.print(&render_questions(bank, ctx.output.style))
    }
}
