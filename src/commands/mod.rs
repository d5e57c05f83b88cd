//! One file per subcommand, each a function of its arguments and the
//! [`Context`] built once from the global options; [`run`] is one match.

mod compare;
mod completions;
mod forget;
mod history;
mod man;
mod questions;
mod report;
mod schema;
mod start;
mod tips;
mod validate;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use crate::bank::Bank;
use crate::cli::{Cli, Command, StartArgs};
use crate::error::{Error, Result};
use crate::output::{ColorChoice, Output};
use crate::store::DataDir;

/// What every command shares: where the bank comes from, where the data lives
/// (located only when a command needs it) and how output looks.
pub struct Context {
    questions: Option<PathBuf>,
    region: Option<String>,
    data_dir: Option<PathBuf>,
    data: OnceCell<DataDir>,
    bank: OnceCell<Bank>,
    /// How standard output looks, decided once.
    pub output: Output,
}

impl Context {
    /// The context of one run; applies the colour choice to standard error too.
    pub fn new(
        questions: Option<PathBuf>,
        data_dir: Option<PathBuf>,
        region: Option<String>,
        color: ColorChoice,
    ) -> Context {
        match color {
            ColorChoice::Never => console::set_colors_enabled_stderr(false),
            ColorChoice::Always => console::set_colors_enabled_stderr(true),
            ColorChoice::Auto => {}
        }
        Context {
            questions,
            region,
            data_dir,
            data: OnceCell::new(),
            bank: OnceCell::new(),
            output: Output::detect(color, false),
        }
    }

    /// `--questions DIR`, when given.
    pub fn questions(&self) -> Option<&Path> {
        self.questions.as_deref()
    }

    /// The region whose help lines to show: `--region`, else the locale.
    pub fn region(&self) -> Option<String> {
        self.region
            .clone()
            .or_else(|| crate::bank::region_from_env(|name| std::env::var(name).ok()))
    }

    /// Where to find help in this person's region.
    pub fn help(&self) -> Result<&crate::bank::Region> {
        let region = self.region();
        self.bank()?
            .help(region.as_deref())
            .ok_or(Error::NoHelplines)
    }

    /// The question bank, loaded on first use.
    pub fn bank(&self) -> Result<&Bank> {
        if let Some(bank) = self.bank.get() {
            return Ok(bank);
        }
        let bank = Bank::load(self.questions())?;
        Ok(self.bank.get_or_init(|| bank))
    }

    /// The data directory, located on first use.
    pub fn data(&self) -> Result<&DataDir> {
        if let Some(data) = self.data.get() {
            return Ok(data);
        }
        let data = DataDir::locate(self.data_dir.as_deref())?;
        Ok(self.data.get_or_init(|| data))
    }
}

/// A result named on the command line: a path, or the number `history` shows
/// beside it (oldest 1). A number wins only when no file has that name.
pub fn resolve_result(ctx: &Context, arg: &Path) -> Result<PathBuf> {
    let number = arg
        .to_str()
        .and_then(|text| text.parse::<usize>().ok())
        .filter(|_| std::fs::symlink_metadata(arg).is_err());
    let Some(n) = number else {
        return Ok(arg.to_path_buf());
    };
    let data = ctx.data()?;
    let (entries, _) = crate::saved::load_all(&data.results());
    match n.checked_sub(1).and_then(|i| entries.get(i)) {
        Some(entry) => Ok(entry.path.clone()),
        None => Err(Error::NoSuchResult {
            number: n,
            count: entries.len(),
            dir: data.results(),
        }),
    }
}

/// Says, on standard error, which result files were skipped and why.
fn report_skipped(problems: &[String]) {
    for problem in problems {
        crate::output::warn(problem);
    }
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<()> {
    // `openup --quick` works without `start`; with another command, start's
    // options would be silently ignored, so they are refused instead.
    if cli.command.is_some() && cli.start != StartArgs::unset() {
        return Err(Error::StartOptionsElsewhere);
    }
    let mut ctx = Context::new(
        cli.questions(),
        cli.data_dir(),
        cli.region.clone(),
        cli.color,
    );
    ctx.output.pager = !cli.no_pager;
    match cli.command {
        None => start::run(&ctx, &cli.start),
        Some(Command::Start(command)) => start::run(&ctx, &command.args),
        Some(Command::Report(args)) => report::run(&ctx, &args),
        Some(Command::Tips(_)) => tips::run(&ctx),
        Some(Command::History(_)) => history::run(&ctx),
        Some(Command::Compare(args)) => compare::run(&ctx, &args),
        Some(Command::Forget(args)) => forget::run(&ctx, &args),
        Some(Command::Validate(args)) => validate::run(&ctx, &args),
        Some(Command::Schema(args)) => schema::run(&ctx, &args),
        Some(Command::Questions(args)) => questions::run(&ctx, &args),
        Some(Command::Completions(args)) => completions::run(&ctx, &args),
        Some(Command::Man) => man::run(&ctx),
    }
}
