//! `openup compare [OLD NEW]`: per-tip change between two results.

use super::Context;
use crate::cli::CompareArgs;
use crate::error::{Error, Result};
use crate::report::render_compare;
use crate::saved::{self, load_result};

/// Compares two named results, or the last two saved.
pub fn run(ctx: &Context, args: &CompareArgs) -> Result<()> {
    let (old, new) = match (&args.old, &args.new) {
        (Some(old), Some(new)) => {
            let (old, new) = (
                super::resolve_result(ctx, old)?,
                super::resolve_result(ctx, new)?,
            );
            if let (Ok(a), Ok(b)) = (old.canonicalize(), new.canonicalize())
                && a == b
            {
                crate::output::note(
                    "Both names lead to the same file: a result compared with itself shows no change.",
                );
            }
            let (old, new) = (
                (old.clone(), load_result(&old)?),
                (new.clone(), load_result(&new)?),
            );
            // Changes read from older to newer, whatever the order given.
            // Created in the same second: openup's own names (`_2` after the
            // first) keep the order; other files keep the order given.
            let saved_name = |p: &std::path::Path| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(crate::store::is_result_name)
            };
            let same_second_reversed = new.1.created == old.1.created
                && saved_name(&new.0)
                && saved_name(&old.0)
                && new.0 < old.0;
            if new.1.created < old.1.created || same_second_reversed {
                crate::output::note(
                    "The newer result was given first; openup compares them oldest first.",
                );
                (new, old)
            } else {
                (old, new)
            }
        }
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
