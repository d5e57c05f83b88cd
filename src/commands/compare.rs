//! `openup compare [OLD NEW]`: per-tip change between two results.

use super::Context;
use crate::cli::CompareArgs;
use crate::error::{Error, Result};
use crate::report::render_compare;
use crate::saved::{self, load_result};

/// Compares two named results, or the last two saved.
pub fn run(ctx: &Context, args: &CompareArgs) -> Result<()> {
    let (old, new) = match (&args.old, &args.new) {
        (Some(old), Some(new)) => (
            (old.clone(), load_result(old)?),
            (new.clone(), load_result(new)?),
        ),
        // clap requires both or neither, so this is unreachable from the
        // command line; a library caller gets the same words.
        (Some(_), None) | (None, Some(_)) => return Err(Error::CompareNeedsBoth),
        (None, None) => {
            let data = ctx.data()?;
            let (mut entries, problems) = saved::load_newest(&data.results(), 2);
            super::report_skipped(&problems);
            match (entries.pop(), entries.pop()) {
                (Some(new), Some(old)) => ((old.path, old.result), (new.path, new.result)),
                (newest, _) => {
                    return Err(Error::CompareNeedsTwo {
                        dir: data.results(),
                        found: usize::from(newest.is_some()),
                    });
                }
            }
        }
    };
    let bank = ctx.bank()?;
    // Both files judged as `report` judges them: recomputed when their bank is at hand.
    let [old, new] = [old, new].map(|(path, result)| {
        let checked = saved::check(result, bank, &path);
        checked.say();
        checked.result
    });
    ctx.output
        .print(&render_compare(&old, &new, &bank.tips, ctx.output.style))
}
