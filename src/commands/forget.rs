//! `openup forget [--yes]`: delete openup's own files, after confirmation.
//!
//! Only what openup wrote goes: saved results, its draft and the temporary
//! files of an interrupted write. Anything else, links included, is left in
//! place with a note; a folder that cannot be read stops it with an error.

use super::Context;
use crate::cli::ForgetArgs;
use crate::error::{Error, Result};
use crate::output::{note, warn};
use crate::store::{DataDir, ForgetPlan, Kept, Left, Recognise};
use crate::wizard::{Prompter, TerminalPrompter};

/// Lists openup's files, and deletes them once the person confirms.
pub fn run(ctx: &Context, args: &ForgetArgs) -> Result<()> {
    let data = ctx.data()?;
    let recognise = Recognise {
        draft: &|bytes| crate::json::parse_json::<crate::draft::Draft>(bytes).is_ok(),
        result: &|path| crate::saved::load_result(path).map(|_| ()),
    };
    let mut plan = data.forget_plan(&recognise)?;
    if let Some(which) = &args.which {
        // One result: it must be one of openup's saved results.
        let path = super::resolve_result(ctx, which)?;
        let target = std::fs::canonicalize(&path).unwrap_or(path.clone());
        let found = plan
            .results
            .iter()
            .find(|p| std::fs::canonicalize(p).is_ok_and(|c| c == target))
            .cloned();
        let Some(found) = found else {
            return Err(Error::NotOurResult { path });
        };
        plan = ForgetPlan {
            results: vec![found],
            ..ForgetPlan::default()
        };
    }
    for left in &plan.left {
        say_left(left);
    }
    if plan.is_empty() {
        note(&format!(
            "Nothing to forget: {} holds no results, drafts or temporary files of openup's.",
            data.root.display()
        ));
        return Ok(());
    }
    let what = describe(&plan);
    if !args.yes {
        note(&listing(
            &format!("openup will delete {what} in {}:", data.root.display()),
            data,
            &plan,
        ));
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
    let done = data.forget(&plan)?;
    for path in &done.changed {
        warn(format_args!(
            "{} changed after it was listed, so it was left in place. Run openup forget again to see what it is now.",
            path.display()
        ));
    }
    if done.deleted.is_empty() {
        note("Nothing was deleted.");
    } else if args.yes {
        // Nothing was listed before, so say what went.
        let what = describe(&done.deleted);
        note(&listing(
            &format!("Deleted {what} in {}:", data.root.display()),
            data,
            &done.deleted,
        ));
    } else {
        note(&format!("Deleted {}.", describe(&done.deleted)));
    }
    Ok(())
}

/// A heading, then each file of `plan` on its own line, named from the data folder.
fn listing(heading: &str, data: &DataDir, plan: &ForgetPlan) -> String {
    let mut text = heading.to_string();
    for path in plan.files() {
        let name = path.strip_prefix(&data.root).unwrap_or(path);
        text.push_str(&format!("\n  {}", name.display()));
    }
    text
}

/// Says why something stays where it is.
fn say_left(left: &Left) {
    let path = left.path.display();
    match &left.why {
        Kept::Link { to_folder: true } => note(&format!(
            "{path} is a link to another folder; openup leaves it alone and touches nothing in it."
        )),
        Kept::Link { to_folder: false } => note(&format!(
            "{path} is a link; openup does not follow links and leaves it alone."
        )),
        Kept::NotAResult => note(&format!(
            "{path} is named like a saved result but is not one openup can read, so it is left in place. If you no longer need it, delete it yourself."
        )),
        Kept::NotADraft => note(&format!(
            "{path} is not an unfinished assessment openup can read, so it is left in place. If you no longer need it, delete it yourself."
        )),
        Kept::Foreign => note(&format!(
            "{path} is not one of openup's files, so it is left in place."
        )),
        Kept::Unreadable(why) => warn(format_args!(
            "could not read {path} ({why}), so openup cannot tell whether it wrote it; it is left in place. Check that you can read it and run openup forget again."
        )),
    }
}

/// "2 saved results, the unfinished draft and 1 leftover temporary file".
fn describe(plan: &ForgetPlan) -> String {
    let mut parts = Vec::new();
    match plan.results.len() {
        0 => {}
        1 => parts.push("1 saved result".to_string()),
        n => parts.push(format!("{n} saved results")),
    }
    if plan.draft.is_some() {
        parts.push("the unfinished draft".to_string());
    }
    match plan.temporary.len() {
        0 => {}
        1 => parts.push("1 leftover temporary file".to_string()),
        n => parts.push(format!("{n} leftover temporary files")),
    }
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn describe_joins_with_commas_and_and() {
        let mut plan = ForgetPlan {
            results: vec![PathBuf::from("a"), PathBuf::from("b")],
            ..ForgetPlan::default()
        };
        assert_eq!(describe(&plan), "2 saved results");
        plan.draft = Some(PathBuf::from("d"));
        assert_eq!(describe(&plan), "2 saved results and the unfinished draft");
        plan.temporary.push(PathBuf::from("t"));
        assert_eq!(
            describe(&plan),
            "2 saved results, the unfinished draft and 1 leftover temporary file"
        );
        plan.results.clear();
        assert_eq!(
            describe(&plan),
            "the unfinished draft and 1 leftover temporary file"
        );
    }

    #[test]
    fn the_listing_names_files_from_the_data_folder() {
        let data = DataDir {
            root: PathBuf::from("/d"),
        };
        let plan = ForgetPlan {
            results: vec![PathBuf::from("/d/results/2026-01-01T00-00-00Z.json")],
            draft: Some(PathBuf::from("/d/draft.json")),
            ..ForgetPlan::default()
        };
        assert_eq!(
            listing("Head:", &data, &plan),
            "Head:\n  results/2026-01-01T00-00-00Z.json\n  draft.json"
        );
    }
}
