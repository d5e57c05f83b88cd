//! `openup history`: every saved result and each tip's scores over time.

use super::Context;
use crate::error::Result;
use crate::output::note;
use crate::report::render_history;
use crate::saved::{self, SavedResult};

/// Lists the saved results; a damaged or foreign file is reported and skipped.
pub fn run(ctx: &Context) -> Result<()> {
    let data = ctx.data()?;
    let bank = ctx.bank()?;
    // Each file judged as `report` judges it (recomputed when its bank is at
    // hand), then kept only as far as history shows it.
    let (entries, problems) = saved::load_all_map(
        &data.results(),
        |path, result| {
            let checked = saved::check(result, bank, path);
            saved::Checked {
                result: checked.result.summary(),
                notes: checked.notes,
            }
        },
        |checked| {
            checked.say();
            checked.result
        },
    );
    super::report_skipped(&problems);
    if entries.is_empty() {
        note(&format!(
            "No saved results in {} yet. Take the assessment with `openup` and save the result to see your history here.",
            data.results().display()
        ));
        return Ok(());
    }
    let names: Vec<String> = entries
        .iter()
        .map(|e| {
            e.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let results: Vec<&SavedResult> = entries.iter().map(|e| &e.result).collect();
    ctx.output.page(&render_history(
        &results,
        &names,
        &bank.tips,
        ctx.output.style,
    ))
}
