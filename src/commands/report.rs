//! `openup report [FILE]`: show a saved result again, as text, Markdown or JSON.

use super::Context;
use crate::cli::ReportArgs;
use crate::error::{Error, Result};
use crate::output::note;
use crate::report::{self, ReportInput, TextStyle};
use crate::saved::{self, load_result};
use crate::store::{self, Replace};

/// Renders a named result, or the newest saved one.
pub fn run(ctx: &Context, args: &ReportArgs) -> Result<()> {
    let (path, result) = match &args.file {
        Some(file) => (file.clone(), load_result(file)?),
        None => {
            let data = ctx.data()?;
            let (entries, problems) = saved::load_newest(&data.results(), 1);
            super::report_skipped(&problems);
            match entries.into_iter().last() {
                Some(entry) => (entry.path, entry.result),
                None => {
                    return Err(Error::NoSavedResult {
                        dir: data.results(),
                    });
                }
            }
        }
    };
    let bank = ctx.bank()?;
    // Recomputed from the answers when the bank is at hand; the note says what differed.
    let checked = saved::check(result, bank, &path);
    checked.say();
    let result = checked.result;
    let input = ReportInput::new(
        &result,
        bank,
        usize::from(args.top),
        ctx.region().as_deref(),
    );
    match &args.output {
        Some(path) => {
            let text = report::render(args.format, &input, &TextStyle::PLAIN);
            store::write_private(path, text.as_bytes(), Replace::Never)?;
            note(&format!("Wrote {}", path.display()));
            Ok(())
        }
        None => ctx
            .output
            .page(&report::render(args.format, &input, &ctx.output.style)),
    }
}
