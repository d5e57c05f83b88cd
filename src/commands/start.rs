//! `openup start`, also what plain `openup` runs: load bank → ask (or read
//! answers) → score → render → save. Files are written only by `store`.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use super::Context;
use crate::answers;
use crate::bank::Bank;
use crate::cli::StartArgs;
use crate::draft::{self, Draft, DraftCheckpoint, Found};
use crate::error::{Error, Result, WriteProblem};
use crate::interrupt;
use crate::output::{Output, note};
use crate::report::{self, Format, ReportInput};
use crate::saved::{BankRef, SavedResult, now_rfc3339};
use crate::score::Mode;
use crate::store::{self, DataDir, Replace};
use crate::wizard::{
    self, Intro, NoCheckpoint, PlainPrompter, Plan, Prompter, State, TerminalPrompter,
};

/// Takes the assessment, or scores an answers file with `--answers`.
pub fn run(ctx: &Context, args: &StartArgs) -> Result<()> {
    let plain = args.plain || std::env::var("TERM").is_ok_and(|t| t == "dumb");
    // The wizard's first screen shows before anything it does not need: the
    // terminal, then its frame; the bank, the draft and the rest load while
    // the person looks at it.
    let terminal = if args.answers.is_none() && !plain {
        let prompter = TerminalPrompter::new()?;
        prompter.first_paint()?;
        Some(prompter)
    } else {
        None
    };
    let bank = ctx.bank()?;
    let mode = if args.quick { Mode::Quick } else { Mode::Full };
    // "0 of 0 questions" helps no one: say why before asking anything.
    if mode == Mode::Quick && bank.quick_questions().is_empty() {
        return Err(Error::NoQuickCheck);
    }
    // Refuse before asking anything rather than after forty questions. A
    // dangling link counts as taken: writing there would create a file
    // somewhere else, or fail only at the end.
    if let Some(path) = args.save.as_deref().filter(|p| !store::names_folder(p)) {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() && !path.exists() => {
                return Err(Error::Write {
                    path: path.to_path_buf(),
                    problem: WriteProblem::DanglingLink,
                });
            }
            Ok(_) => {
                return Err(Error::Write {
                    path: path.to_path_buf(),
                    problem: WriteProblem::ExistsForSave,
                });
            }
            Err(_) => {}
        }
    }
    if let Some(path) = &args.answers {
        return start_from_answers(ctx, path, args, bank, mode);
    }

    let output = if plain {
        ctx.output.plain()
    } else {
        ctx.output
    };
    let mut prompter: Box<dyn Prompter> = match terminal {
        Some(prompter) => Box::new(prompter),
        None => {
            let stdin = BufReader::new(std::io::stdin());
            Box::new(
                PlainPrompter::new(stdin, std::io::stderr(), output.style.width)
                    .interactive(std::io::IsTerminal::is_terminal(&std::io::stdin())),
            )
        }
    };
    // clap keeps --save and --no-save apart, so --no-save alone means "keep nothing".
    let data = if args.no_save {
        None
    } else {
        Some(ctx.data()?)
    };

    interrupt::guard_terminal();
    // One assessment at a time keeps a draft in a data folder; a second one
    // may go on without a draft, or stop.
    let (_lock, draft_path) = match data {
        None => (None, None),
        Some(d) => match d.lock_draft() {
            Ok(Some(lock)) => (Some(lock), Some(d.draft())),
            Ok(None) => {
                if !go_on_without_draft(prompter.as_mut(), d, plain)? {
                    prompter.done()?;
                    note("Stopped. Nothing was kept.");
                    return Ok(());
                }
                (None, None)
            }
            // A folder where not even the lock can be written takes no draft
            // either; the assessment goes on, and the result may still be
            // saved elsewhere.
            Err(err) => {
                crate::output::warn(format_args!(
                    "{err} Carrying on without a draft: if you stop now, these answers are not kept."
                ));
                (None, None)
            }
        },
    };
    // Every way out says truthfully what is on disk: until this run writes
    // anything, that is an earlier draft or nothing.
    interrupt::set_note(match &draft_path {
        Some(path) if path.is_file() => format!(
            "Stopped. The answers of your earlier unfinished assessment are still kept in {}; `openup forget` removes them.",
            path.display()
        ),
        _ => draft::NOTHING_KEPT.to_string(),
    });
    let resumed = match &draft_path {
        Some(path) => pick_draft(prompter.as_mut(), path, bank, args, plain)?,
        None => None,
    };
    let (mode, seed, state) = match &resumed {
        Some(d) => (d.mode, d.seed, d.state.clone()),
        None => (
            mode,
            args.seed
                .unwrap_or_else(|| fastrand::u64(..=crate::cli::MAX_SEED)),
            State::default(),
        ),
    };
    let mut plan = Plan::new(bank, mode, seed).with_region(bank, ctx.region().as_deref());
    plan.keeps_draft = draft_path.is_some();
    if plain && resumed.is_some() {
        note("Resuming where you stopped. Type ? at any question for help.");
    }
    if resumed.is_none() && !prompter.welcome(&Intro::of(&plan))? {
        prompter.done()?;
        note("No problem. Run openup again whenever you are ready.");
        return Ok(());
    }

    let final_state = match &draft_path {
        Some(path) => {
            if resumed.is_some() {
                interrupt::set_note(draft::kept_note(path));
            }
            let mut checkpoint = DraftCheckpoint::new(
                path.clone(),
                Draft {
                    draft_version: draft::DRAFT_VERSION,
                    bank: BankRef::of(bank),
                    mode,
                    seed,
                    updated: String::new(),
                    state: State::default(),
                },
                bank,
            );
            wizard::ask_all(prompter.as_mut(), &plan, state, &mut checkpoint)?
        }
        None => wizard::ask_all(prompter.as_mut(), &plan, state, &mut NoCheckpoint)?,
    };
    prompter.done()?;
    interrupt::set_note(match &draft_path {
        Some(path) if path.is_file() => format!(
            "Stopped before saving. Your answers to the scenario questions are kept in {} (your safety answers are not kept). Run openup again to see the review and save, or `openup forget` to remove them.",
            path.display()
        ),
        _ => draft::NOTHING_KEPT.to_string(),
    });

    let result = SavedResult::new(bank, mode, final_state.answers, Some(seed), now_rfc3339());
    show_result(&result, bank, args, output, ctx.region().as_deref())?;
    let settled = match (&args.save, &data) {
        (Some(path), Some(_)) => save_to(&result, path).map(|()| true),
        (None, Some(data)) => offer_to_save(prompter.as_mut(), &result, data),
        _ => Ok(true),
    };
    // The draft goes once the result is saved or the person chose not to keep
    // it; after a failed save it stays, so nothing is lost.
    match (settled, &draft_path) {
        (Ok(true), Some(path)) => draft::discard(path),
        (Ok(false), Some(_)) => {
            note("Your answers are still kept as a draft: run openup again to save them.");
            Ok(())
        }
        (outcome, _) => outcome.map(|_| ()),
    }
}

/// `openup start --answers FILE`: score the file's answers, no prompts.
fn start_from_answers(
    ctx: &Context,
    path: &Path,
    args: &StartArgs,
    bank: &Bank,
    mode: Mode,
) -> Result<()> {
    let bytes = store::read_limited(path, answers::MAX_ANSWERS_FILE_BYTES, "an answers file")?;
    let file = answers::parse(path, &bytes, bank)?;
    // A saved quick-check result fed back is scored as a quick check again.
    let mode = if file.mode == Some(Mode::Quick) {
        Mode::Quick
    } else {
        mode
    };
    let result = SavedResult::new(bank, mode, file.answers, None, now_rfc3339());
    show_result(&result, bank, args, ctx.output, ctx.region().as_deref())?;
    // An answers file is mostly a script or a test: it fills no history, and
    // nothing reaches the disk unless asked for with --save.
    match &args.save {
        Some(path) => save_to(&result, path),
        None => Ok(()),
    }
}

/// Another assessment holds the draft: go on without one, or stop. With
/// answers from a pipe there is no one to ask, so it goes on and says so.
fn go_on_without_draft(prompter: &mut dyn Prompter, data: &DataDir, plain: bool) -> Result<bool> {
    let what = format!(
        "Another openup assessment is in progress with the data folder {}.",
        data.root.display()
    );
    if plain && !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        note(&format!(
            "{what} This one goes on without a draft: if it stops, nothing of it is kept."
        ));
        return Ok(true);
    }
    let items = [
        "Go on without a draft (if you stop, nothing of this run is kept)".to_string(),
        "Stop".to_string(),
    ];
    Ok(prompter.select(&what, &items, 0)? == 0)
}

/// Decides whether to resume a draft: by flag, or by asking.
fn pick_draft(
    prompter: &mut dyn Prompter,
    path: &Path,
    bank: &Bank,
    args: &StartArgs,
    plain: bool,
) -> Result<Option<Draft>> {
    if args.fresh {
        draft::discard(path)?;
        return Ok(None);
    }
    match draft::find(path, bank) {
        Found::None => {
            if args.resume {
                note("There is no unfinished assessment to resume; starting a new one.");
            }
            Ok(None)
        }
        Found::Unusable(why) => {
            note(&format!(
                "{why} Starting a new assessment; the old draft will be replaced."
            ));
            Ok(None)
        }
        // Nothing answered yet: nothing worth asking about.
        Found::Usable(d) if d.state.answers.is_empty() && d.state.skipped.is_empty() => Ok(None),
        Found::Usable(d) if args.resume => Ok(Some(d)),
        Found::Usable(_) if plain && !std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
            // Piped answers must not be read as the answer to "resume?".
            Err(Error::DraftNeedsChoice)
        }
        Found::Usable(d) => {
            // Drafts hold scenario answers only; the safety questions come again.
            let done = d.state.answers.len() + d.state.skipped.len();
            let total = d.mode.questions(bank).len();
            let resume = if done >= total {
                format!(
                    "Resume: every question is answered; the safety questions again, then the review ({} check)",
                    d.mode.name()
                )
            } else {
                format!(
                    "Resume where you stopped ({} check, {done} of {total} questions done; the safety questions are asked again)",
                    d.mode.name()
                )
            };
            let items = vec![
                resume,
                "Start fresh (the unfinished answers are discarded)".to_string(),
            ];
            let choice = prompter.select("You have an unfinished assessment.", &items, 0)?;
            if choice == 0 {
                return Ok(Some(d));
            }
            // Discarded at once, not when the first new answer is written:
            // stopping now must not leave the old answers behind.
            draft::discard(path)?;
            crate::interrupt::set_note(draft::NOTHING_KEPT);
            Ok(None)
        }
    }
}

/// Prints the report, or the JSON with `--json`.
fn show_result(
    result: &SavedResult,
    bank: &Bank,
    args: &StartArgs,
    output: Output,
    region: Option<&str>,
) -> Result<()> {
    let input = ReportInput::new(result, bank, usize::from(args.top), region);
    let format = if args.json {
        Format::Json
    } else {
        Format::Text
    };
    output.page(&report::render(format, &input, &output.style))?;
    // `openup > report.txt`: the person sees only the prompts, so say where
    // the report went.
    if !std::io::IsTerminal::is_terminal(&std::io::stdout())
        && std::io::IsTerminal::is_terminal(&std::io::stderr())
    {
        note(&format!(
            "The report went to {}.",
            crate::output::stdout_target()
        ));
    }
    Ok(())
}

/// Asks whether and where to save, showing the default path. Ok(true) when the
/// result was saved or the person chose not to save it; Ok(false) when saving
/// failed and they gave up, so the draft is kept.
fn offer_to_save(
    prompter: &mut dyn Prompter,
    result: &SavedResult,
    data: &DataDir,
) -> Result<bool> {
    note("");
    // Everyone is told that a result records the safety answers before it is
    // kept; someone who may not be safe decides with care, so saving is then
    // not the default.
    let concern = result.assessment.safety.concern;
    note(if concern {
        SAFETY_SAVE_NOTE_CONCERN
    } else {
        SAFETY_SAVE_NOTE
    });
    if !prompter.confirm(
        "Save this result so you can re-read it and compare later retakes?",
        !concern,
    )? {
        note("Not saved.");
        return Ok(true);
    }
    let default = data.new_result_path(&result.created);
    // A few tries; with answers from a pipe every try would be the same.
    for attempt in 1..=3 {
        // The data folder's name may carry escape sequences: show it cleaned,
        // and take the shown default as the real path.
        let shown = crate::text::clean(&default.display().to_string());
        let typed = prompter.input("Save to", &shown)?;
        // The default is a name in the results folder: taken since it was
        // shown (another run in the same second), the next free one will do.
        let saved = if typed.trim() == shown {
            save_in(result, &data.results())
        } else {
            save_to(result, &expand_home(typed.trim()))
        };
        match saved {
            Ok(()) => return Ok(true),
            Err(err) if attempt == 3 => return Err(err),
            Err(err) => {
                crate::output::warn(&err);
                if !prompter.confirm("Try another path?", true)? {
                    note("Not saved.");
                    return Ok(false);
                }
            }
        }
    }
    Ok(false)
}

/// Said before offering to save: what a result records.
const SAFETY_SAVE_NOTE: &str =
    "A saved result records your answers, the safety questions included.";
/// Said instead when the safety screen raised a concern.
const SAFETY_SAVE_NOTE_CONCERN: &str = "A saved result records your answers, the safety questions included. Save it only where no one else can read it.";

/// `~/x` as the home directory's x, as people type paths.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

/// Writes the result as JSON, never over an existing file.
/// A folder means "in this folder, under the usual name", unique in that
/// folder; a file path is written as given, never over an existing file.
fn save_to(result: &SavedResult, path: &Path) -> Result<()> {
    if store::names_folder(path) {
        return save_in(result, path);
    }
    store::write_private(path, result.to_json().as_bytes(), Replace::Never)?;
    note(&format!("Saved to {}", path.display()));
    note(next_steps(result));
    Ok(())
}

/// Said once after a result is saved: what people usually do next. A result
/// that records a safety concern is not suggested for sharing: it is said to
/// be kept private, and how to remove it.
fn next_steps(result: &SavedResult) -> &'static str {
    if result.assessment.safety.concern {
        "Next: `openup report` shows it again. It records your answers about your safety, so keep it where only you can read it; `openup forget` removes it."
    } else {
        "Next: `openup report` shows it again, `openup report --format markdown -o report.md` makes a copy to share, and after a retake some weeks from now `openup compare` shows what moved."
    }
}

/// Saves in a folder under the usual name, unique there.
fn save_in(result: &SavedResult, dir: &Path) -> Result<()> {
    let stem = store::result_stem(&result.created);
    let saved = store::write_new_in(dir, &stem, "json", result.to_json().as_bytes())?;
    note(&format!("Saved to {}", saved.display()));
    note(next_steps(result));
    Ok(())
}
