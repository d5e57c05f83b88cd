//! `openup forget [--yes]`: delete saved results and the draft, after confirmation.

use super::Context;
use crate::cli::ForgetArgs;
use crate::error::{Error, Result};
use crate::output::note;
use crate::store::json_files;
use crate::wizard::{Prompter, TerminalPrompter};

/// Deletes every saved result and the draft once the person confirms.
pub fn run(ctx: &Context, args: &ForgetArgs) -> Result<()> {
    let data = ctx.data()?;
    let results = json_files(&data.results());
    let has_draft = data.draft().exists();
    if results.is_empty() && !has_draft {
        note(&format!(
            "Nothing to forget: {} holds no results or drafts.",
            data.root.display()
        ));
        return Ok(());
    }
    let what = describe(results.len(), has_draft);
    if !args.yes {
        let question = format!(
            "Delete {what} in {}? This cannot be undone.",
            data.root.display()
        );
        let sure = match TerminalPrompter::new() {
            Ok(mut prompter) => {
                // The same care as the wizard: Ctrl-C here leaves the cursor shown.
                crate::interrupt::guard_terminal();
                crate::interrupt::set_note("Nothing was deleted.");
                prompter.confirm(&question, false)?
            }
            Err(Error::NoTerminal) => {
                return Err(Error::ForgetNeedsYes {
                    what,
                    root: data.root.clone(),
                });
            }
            Err(err) => return Err(err),
        };
        if !sure {
            note("Nothing was deleted.");
            return Ok(());
        }
    }
    data.forget_everything()?;
    note(&format!("Deleted {what}."));
    Ok(())
}

/// "2 saved results and the unfinished draft".
fn describe(results: usize, draft: bool) -> String {
    let results = match results {
        0 => None,
        1 => Some("1 saved result".to_string()),
        n => Some(format!("{n} saved results")),
    };
    match (results, draft) {
        (Some(r), true) => format!("{r} and the unfinished draft"),
        (Some(r), false) => r,
        (None, _) => "the unfinished draft".to_string(),
    }
}
