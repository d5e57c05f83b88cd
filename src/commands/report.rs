//! `openup report [FILE]`: show a saved result again, as text, Markdown or JSON.

use super::Context;
use crate::cli::ReportArgs;
use crate::error::{Error, Result};
use crate::output::note;
use crate::report::{self, Format, ReportInput, TextStyle};
use crate::saved::{self, load_result};
use crate::store::{self, Replace};

/// Renders a named result, or the newest saved one.
pub fn run(ctx: &Context, args: &ReportArgs) -> Result<()> {
    let (path, result) = match &args.file {
        Some(file) => {
            let file = super::resolve_result(ctx, file)?;
            let result = load_result(&file)?;
            (file, result)
        }
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
    // --format wins; else --json; else the output file's extension.
    let by_extension = args.output.as_deref().and_then(|p| {
        match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Some(Format::Markdown),
            Some("json") => Some(Format::Json),
            _ => None,
        }
    });
    let format = args
        .format
        .or(args.json.then_some(Format::Json))
        .or(by_extension)
        .unwrap_or(Format::Text);
    match &args.output {
        Some(path) => {
            let text = report::render(format, &input, &TextStyle::PLAIN);
            let written = if store::names_folder(path) {
                // A folder, as with --save: the result's own name, never over another.
                let ext = match format {
                    Format::Text => "txt",
                    Format::Markdown => "md",
                    Format::Json => "json",
                };
                store::write_new_in(
                    path,
                    &store::result_stem(&result.created),
                    ext,
                    text.as_bytes(),
                )?
            } else {
                store::write_private(path, text.as_bytes(), Replace::Never)?;
                path.clone()
            };
            note(&format!("Wrote {}", written.display()));
            Ok(())
        }
        None => ctx
            .output
            .page(&report::render(format, &input, &ctx.output.style)),
    }
}
