//! Runs one command: arguments → load bank → ask (or read answers) → score →
//! render → save. Output goes through [`Output`]; files are written only by `store`.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use crate::answers;
use crate::bank::Bank;
use crate::cli::{Cli, ColorChoice, Command, ReportArgs, StartArgs};
use crate::draft::{self, Draft, DraftCheckpoint, Found};
use crate::error::{Error, Result};
use crate::interrupt;
use crate::output::{Output, note};
use crate::report::{self, Format, ReportInput, TextStyle};
use crate::saved::{BankRef, SavedResult, load_result, now_rfc3339};
use crate::score::Mode;
use crate::store::{self, DataDir, Replace};
use crate::wizard::{
    self, Intro, NoCheckpoint, PlainPrompter, Plan, Prompter, State, TerminalPrompter,
};

/// Runs the command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.color {
        ColorChoice::Never => console::set_colors_enabled_stderr(false),
        ColorChoice::Always => console::set_colors_enabled_stderr(true),
        ColorChoice::Auto => {}
    }
    // `openup --quick` works without `start`; with another command, start's
    // options would be silently ignored, so they are refused instead.
    if cli.command.is_some() && cli.start != StartArgs::unset() {
        return Err(Error::Usage(
            "options of the assessment (such as --answers, --quick or --save) go after `start`, or with no command at all; they do not apply to other commands. See `openup --help`.".into(),
        ));
    }
    let questions = cli.questions.as_deref();
    let data_dir = cli.data_dir.as_deref();
    match cli.command {
        None => start(&cli.start, questions, data_dir, cli.color),
        Some(Command::Start(args)) => start(&args, questions, data_dir, cli.color),
        Some(Command::Report(args)) => report(&args, questions, data_dir, cli.color),
        Some(Command::Tips) => tips(questions, cli.color),
        Some(Command::History) => {
            crate::history::history(data_dir, questions, Output::detect(cli.color, false))
        }
        Some(Command::Compare(args)) => {
            crate::history::compare(&args, data_dir, questions, Output::detect(cli.color, false))
        }
        Some(Command::Forget(args)) => crate::history::forget(&args, data_dir),
        Some(Command::Validate(args)) => {
            crate::validate::validate(args.dir.as_deref().or(questions))
        }
        Some(Command::Schema(args)) => {
            Output::detect(cli.color, false).print(&crate::schema::schema(args.which))
        }
    }
}

/// `openup start`, also what plain `openup` runs.
fn start(
    args: &StartArgs,
    questions: Option<&Path>,
    data_dir: Option<&Path>,
    color: ColorChoice,
) -> Result<()> {
    let bank = Bank::load(questions)?;
    let mode = if args.quick { Mode::Quick } else { Mode::Full };
    // Refuse before asking anything rather than after forty questions.
    if let Some(path) = args.save.as_deref().filter(|p| p.exists() && !p.is_dir()) {
        return Err(Error::Write {
            path: path.to_path_buf(),
            reason: "a file is already there and openup does not overwrite files. Choose another --save path, or remove that file first.".into(),
        });
    }
    if let Some(path) = &args.answers {
        return start_from_answers(path, args, &bank, mode, data_dir, color);
    }

    let plain = args.plain || std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let output = Output::detect(color, plain);
    let mut prompter: Box<dyn Prompter> = if plain {
        let stdin = BufReader::new(std::io::stdin());
        Box::new(PlainPrompter::new(
            stdin,
            std::io::stderr(),
            output.style.width,
        ))
    } else {
        Box::new(TerminalPrompter::new()?)
    };
    // clap keeps --save and --no-save apart, so --no-save alone means "keep nothing".
    let data = if args.no_save {
        None
    } else {
        Some(DataDir::locate(data_dir)?)
    };

    interrupt::guard_terminal();
    interrupt::set_note("Stopped. Nothing was saved.");
    let draft_path = data.as_ref().map(|d| d.draft());
    let resumed = match &draft_path {
        Some(path) => pick_draft(prompter.as_mut(), path, &bank, args, plain)?,
        None => None,
    };
    let (mode, seed, state) = match &resumed {
        Some(d) => (d.mode, d.seed, d.state.clone()),
        None => (
            mode,
            args.seed.unwrap_or_else(|| fastrand::u64(..)),
            State::default(),
        ),
    };
    let plan = Plan::new(&bank, mode, seed);
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
                interrupt::set_note(DRAFT_KEPT);
            }
            let mut checkpoint = DraftCheckpoint::new(
                path.clone(),
                Draft {
                    draft_version: draft::DRAFT_VERSION,
                    bank: BankRef::of(&bank),
                    mode,
                    seed,
                    updated: String::new(),
                    state: State::default(),
                },
            );
            wizard::ask_all(prompter.as_mut(), &plan, state, &mut checkpoint)?
        }
        None => wizard::ask_all(prompter.as_mut(), &plan, state, &mut NoCheckpoint)?,
    };
    prompter.done()?;
    interrupt::set_note(if draft_path.is_some() {
        "Stopped before saving. Your answers are kept: run openup again to see the review and save."
    } else {
        "Stopped. Nothing was saved."
    });

    let result = SavedResult::new(&bank, mode, final_state.answers, Some(seed), now_rfc3339());
    show_result(&result, &bank, args, output)?;
    let settled = match (&args.save, &data) {
        (Some(path), Some(data)) => {
            save_to(&result, &in_folder(path, data, &result)).map(|()| true)
        }
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

/// A folder given as a place to save means "in this folder, under the usual name".
fn in_folder(path: &Path, data: &DataDir, result: &SavedResult) -> PathBuf {
    // "reports/" names a folder even before it exists; it is then created.
    let folder = path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/');
    match data.new_result_path(&result.created).file_name() {
        Some(name) if folder => path.join(name),
        _ => path.to_path_buf(),
    }
}

/// `openup start --answers FILE`: score the file's answers, no prompts.
fn start_from_answers(
    path: &Path,
    args: &StartArgs,
    bank: &Bank,
    mode: Mode,
    data_dir: Option<&Path>,
    color: ColorChoice,
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
    let output = Output::detect(color, false);
    show_result(&result, bank, args, output)?;
    match &args.save {
        Some(path) => {
            let data = DataDir::locate(data_dir)?;
            save_to(&result, &in_folder(path, &data, &result))
        }
        None if args.no_save => Ok(()),
        // Not saved silently when the safety screen raised a concern.
        None if result.assessment.safety.concern => {
            note(&format!(
                "Not saved. {SAFETY_SAVE_NOTE} Use --save PATH to keep it."
            ));
            Ok(())
        }
        None => save_to(
            &result,
            &DataDir::locate(data_dir)?.new_result_path(&result.created),
        ),
    }
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
            Err(Error::Usage(
                "there is an unfinished assessment, and with answers coming from a pipe openup cannot ask whether to resume it. Add --resume to continue it or --fresh to discard it.".into(),
            ))
        }
        Found::Usable(d) => {
            let done = d.state.answers.len() + d.state.skipped.len();
            let total = bank.safety.len() + d.mode.questions(bank).len();
            let resume = if done >= total {
                format!(
                    "Resume: every question is answered; go to the review and save ({} check)",
                    d.mode.name()
                )
            } else {
                format!(
                    "Resume where you stopped ({} check, {done} of {total} questions done)",
                    d.mode.name()
                )
            };
            let items = vec![
                resume,
                "Start fresh (the unfinished answers are discarded)".to_string(),
            ];
            let choice = prompter.select("You have an unfinished assessment.", &items, 0)?;
            Ok((choice == 0).then_some(d))
        }
    }
}

/// Prints the report, or the JSON with `--json`.
fn show_result(result: &SavedResult, bank: &Bank, args: &StartArgs, output: Output) -> Result<()> {
    let input = ReportInput {
        result,
        bank,
        top: usize::from(args.top),
    };
    let format = if args.json {
        Format::Json
    } else {
        Format::Text
    };
    output.print(&report::render(format, &input, &output.style))
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
    // Someone who may not be safe decides with care whether to keep a file
    // that records it, so saving is then not the default.
    let concern = result.assessment.safety.concern;
    if concern {
        note(SAFETY_SAVE_NOTE);
    }
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
        let typed = prompter.input("Save to", &default.display().to_string())?;
        let path = in_folder(&expand_home(typed.trim()), data, result);
        match save_to(result, &path) {
            Ok(()) => return Ok(true),
            Err(err) if attempt == 3 => return Err(err),
            Err(err) => {
                note(&format!("openup: {err}"));
                if !prompter.confirm("Try another path?", true)? {
                    note("Not saved.");
                    return Ok(false);
                }
            }
        }
    }
    Ok(false)
}

/// Said on an interruption once a draft holds the answers.
pub const DRAFT_KEPT: &str =
    "Stopped. Your answers so far are kept: run openup again to pick up where you left off.";

/// Said before saving a result in which the safety screen raised a concern.
const SAFETY_SAVE_NOTE: &str = "A saved result records your answers, the safety questions included. Save it only where no one else can read it.";

/// `~/x` as the home directory's x, as people type paths.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

/// Writes the result as JSON, never over an existing file.
fn save_to(result: &SavedResult, path: &Path) -> Result<()> {
    store::write_private(path, result.to_json().as_bytes(), Replace::Never)?;
    note(&format!("Saved to {}", path.display()));
    Ok(())
}

/// `openup report FILE`.
fn report(
    args: &ReportArgs,
    questions: Option<&Path>,
    data_dir: Option<&Path>,
    color: ColorChoice,
) -> Result<()> {
    let result = match &args.file {
        Some(file) => load_result(file)?,
        None => {
            let data = DataDir::locate(data_dir)?;
            let (entries, problems) = crate::history::load_all(&data);
            for problem in problems {
                note(&format!("openup: {problem}"));
            }
            match entries.into_iter().last() {
                Some(entry) => entry.result,
                None => {
                    return Err(Error::Usage(format!(
                        "there is no saved result in {} yet. Take the assessment with `openup` and save it, or name a result file: openup report FILE.",
                        data.results().display()
                    )));
                }
            }
        }
    };
    let bank = Bank::load(questions)?;
    if result.bank.id != bank.meta.id || result.bank.hash != bank.hash {
        note(&format!(
            "Note: this result was made with the question bank {} {}; the tips' texts come from {} {}. Scores are shown as saved.",
            result.bank.id, result.bank.version, bank.meta.id, bank.meta.version
        ));
    }
    let input = ReportInput {
        result: &result,
        bank: &bank,
        top: usize::from(args.top),
    };
    match &args.output {
        Some(path) => {
            let text = report::render(args.format, &input, &TextStyle::PLAIN);
            store::write_private(path, text.as_bytes(), Replace::Never)?;
            note(&format!("Wrote {}", path.display()));
            Ok(())
        }
        None => {
            let output = Output::detect(color, false);
            output.print(&report::render(args.format, &input, &output.style))
        }
    }
}

/// `openup tips`.
fn tips(questions: Option<&Path>, color: ColorChoice) -> Result<()> {
    let bank = Bank::load(questions)?;
    let output = Output::detect(color, false);
    let bold = console::Style::new()
        .bold()
        .force_styling(output.style.color);
    let width = output.style.width;
    let mut text = format!(
        "{}\n{}\n\n",
        bold.apply_to("The ten tips"),
        crate::text::wrap(
            "From Isabelle Chase's article on helping an emotionally unavailable partner open up, in openup's own words.",
            width,
            ""
        )
    );
    for tip in &bank.tips {
        text.push_str(&format!(
            "{:>2}. {}\n",
            tip.number,
            bold.apply_to(&tip.title)
        ));
        text.push_str(&crate::text::wrap(&tip.summary, width, "    "));
        text.push_str("\n\n");
    }
    text.push_str(&crate::text::wrap(
        "If you ever feel afraid of your partner, controlled or hurt, these tips are not the place to start. Reach out for help:",
        width,
        "",
    ));
    text.push('\n');
    let bullet = if output.style.ascii { "  - " } else { "  • " };
    for help in report::SAFETY_HELP {
        text.push_str(&crate::text::wrap_hanging(help, width, bullet, "    "));
        text.push('\n');
    }
    output.print(&text)
}
