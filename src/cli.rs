//! The command line: every command and flag, parsed by clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use crate::output::ColorChoice;
use crate::report::Format;
pub use crate::schema::SchemaKind;

/// A guided self-assessment for when your partner finds it hard to open up.
///
/// openup asks everyday scenario questions, scores your answers against ten tips
/// from Isabelle Chase's article, and shows which tips to focus on first, why,
/// and what to try. It is a tool for reflection, not therapy and not a diagnosis.
/// Nothing you enter leaves this computer.
#[derive(Debug, Parser)]
#[command(name = "openup", version)]
pub struct Cli {
    /// What to do; without a command, openup starts the assessment.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options for the assessment when no command is given.
    #[command(flatten)]
    pub start: StartArgs,

    /// Where the questions come from.
    #[command(flatten)]
    pub bank: BankOpt,

    /// Where results and drafts live.
    #[command(flatten)]
    pub data: DataOpt,

    /// Show help lines for REGION (a country code such as AU, GB or US) [default: from LC_ALL, LC_MESSAGES or LANG]
    #[arg(
        long,
        global = true,
        value_name = "REGION",
        help_heading = "Global options"
    )]
    pub region: Option<String>,

    /// Print long output directly instead of through a pager.
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_pager: bool,

    /// When to use colour; NO_COLOR and TERM=dumb are honoured in auto.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = "Global options")]
    pub color: ColorChoice,
}

/// `--questions DIR`: only on the commands that read questions, so that the
/// others do not advertise an option they ignore.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct BankOpt {
    /// Use the question bank in DIR instead of the built-in one.
    #[arg(long, value_name = "DIR", help_heading = "Global options")]
    pub questions: Option<PathBuf>,
}

/// `--data-dir DIR`: only on the commands that read or write results or drafts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct DataOpt {
    /// Keep results and drafts in DIR [default: $OPENUP_DATA_DIR, else the platform's data directory]
    #[arg(long, value_name = "DIR", help_heading = "Global options")]
    pub data_dir: Option<PathBuf>,
}

/// Both, for the commands that need the questions and the results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct BankAndData {
    /// Where the questions come from.
    #[command(flatten)]
    pub bank: BankOpt,
    /// Where results and drafts live.
    #[command(flatten)]
    pub data: DataOpt,
}

/// `openup start` as a command: its options and where things live.
#[derive(Debug, Clone, Args)]
pub struct StartCommand {
    /// The assessment's options.
    #[command(flatten)]
    pub args: StartArgs,
    /// Where the questions and results live.
    #[command(flatten)]
    pub places: BankAndData,
}

impl Cli {
    /// `--questions` as given before the command or after it.
    pub fn questions(&self) -> Option<PathBuf> {
        let own = match &self.command {
            Some(Command::Start(c)) => c.places.bank.questions.clone(),
            Some(Command::Report(a)) => a.places.bank.questions.clone(),
            Some(Command::Tips(b)) => b.questions.clone(),
            Some(Command::History(p)) => p.bank.questions.clone(),
            Some(Command::Compare(a)) => a.places.bank.questions.clone(),
            Some(Command::Validate(a)) => a.bank.questions.clone(),
            Some(Command::Questions(a)) => a.bank.questions.clone(),
            _ => None,
        };
        own.or_else(|| self.bank.questions.clone())
    }

    /// `--data-dir` as given before the command or after it.
    pub fn data_dir(&self) -> Option<PathBuf> {
        let own = match &self.command {
            Some(Command::Start(c)) => c.places.data.data_dir.clone(),
            Some(Command::Report(a)) => a.places.data.data_dir.clone(),
            Some(Command::History(p)) => p.data.data_dir.clone(),
            Some(Command::Compare(a)) => a.places.data.data_dir.clone(),
            Some(Command::Forget(a)) => a.data.data_dir.clone(),
            _ => None,
        };
        own.or_else(|| self.data.data_dir.clone())
    }

    /// What clap gives for `openup` with no arguments, without building clap's
    /// whole command tree: the most common start takes the shortest path to
    /// its first screen. A test checks it equals clap's own parse.
    pub fn bare() -> Cli {
        Cli {
            command: None,
            start: StartArgs::unset(),
            bank: BankOpt::default(),
            data: DataOpt::default(),
            region: None,
            no_pager: false,
            color: ColorChoice::Auto,
        }
    }

    /// The command line of this process: [`Cli::bare`] when there are no
    /// arguments, else clap's parse.
    pub fn from_env() -> Result<Cli, clap::Error> {
        if std::env::args_os().len() <= 1 {
            Ok(Cli::bare())
        } else {
            <Cli as Parser>::try_parse()
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the assessment (the default).
    Start(StartCommand),
    /// Show a saved result again, as text, Markdown or JSON.
    Report(ReportArgs),
    /// List the ten tips with a line on each.
    Tips(BankOpt),
    /// Show every saved result and how each tip's score moved.
    History(BankAndData),
    /// Compare two saved results (default: the last two).
    Compare(CompareArgs),
    /// Delete saved results and drafts.
    Forget(ForgetArgs),
    /// Check a question bank and report every problem.
    Validate(ValidateArgs),
    /// Print the JSON Schema of a file format.
    Schema(SchemaArgs),
    /// List every question with its options, to write an answers file.
    Questions(QuestionsArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on standard output.
    Man,
}

/// Options of `openup questions`.
#[derive(Debug, Clone, Args)]
pub struct QuestionsArgs {
    /// Print them as JSON instead of text.
    #[arg(long)]
    pub json: bool,

    /// Where the questions come from.
    #[command(flatten)]
    pub bank: BankOpt,
}

/// Options of `openup completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The largest seed: seeds stay below 2^53 so that every JSON reader (jq and
/// JavaScript read numbers as doubles) keeps a saved seed exact.
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// Options of `openup start`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
#[command(next_help_heading = "Assessment options")]
pub struct StartArgs {
    /// Read answers from FILE ({"answers": {"question-id": "option-id"}}) instead of asking; saves nothing unless --save is given.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Print the result as JSON instead of the report.
    #[arg(long)]
    pub json: bool,

    /// Save the result to PATH (never overwrites).
    #[arg(long, value_name = "PATH", conflicts_with = "no_save")]
    pub save: Option<PathBuf>,

    /// Save nothing: no result and no draft.
    #[arg(long)]
    pub no_save: bool,

    /// How many focus tips the report shows.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=10))]
    pub top: u8,

    /// Seed for the order of the options, to reproduce a run (0 to 2^53 - 1).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=MAX_SEED))]
    pub seed: Option<u64>,

    /// A short check: about a dozen questions, one or two per tip.
    #[arg(long)]
    pub quick: bool,

    /// Numbered options and one answer per line on standard input, no colour or
    /// redrawing: for screen readers and pipes. Used when TERM is dumb.
    #[arg(long)]
    pub plain: bool,

    /// Resume an unfinished assessment without asking.
    #[arg(long, conflicts_with_all = ["fresh", "no_save"])]
    pub resume: bool,

    /// Start over, discarding an unfinished assessment, without asking.
    #[arg(long)]
    pub fresh: bool,
}

impl StartArgs {
    /// The options as they are when none is given on the command line.
    pub fn unset() -> StartArgs {
        StartArgs {
            top: 3,
            ..StartArgs::default()
        }
    }
}

/// Options of `openup report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// A result file saved by openup [default: the newest saved result]
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Output format [default: from the --output file's extension (.md, .json), else text]
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<Format>,

    /// Short for --format json.
    #[arg(long)]
    pub json: bool,

    /// Write to PATH instead of standard output (never overwrites); a folder gets the result's own name.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// How many focus tips to show.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=10))]
    pub top: u8,

    /// Where the questions and results live.
    #[command(flatten)]
    pub places: BankAndData,
}

/// Options of `openup compare`.
#[derive(Debug, Clone, Args)]
pub struct CompareArgs {
    /// The earlier result [default: the second newest saved]
    #[arg(value_name = "OLD", requires = "new")]
    pub old: Option<PathBuf>,
    /// The later result [default: the newest saved]
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,

    /// Where the questions and results live.
    #[command(flatten)]
    pub places: BankAndData,
}

/// Options of `openup forget`.
#[derive(Debug, Clone, Args)]
pub struct ForgetArgs {
    /// Delete only this saved result: its number in `openup history`, or its path
    #[arg(value_name = "RESULT")]
    pub which: Option<PathBuf>,

    /// Do not ask for confirmation.
    #[arg(long, short)]
    pub yes: bool,

    /// Where results and drafts live.
    #[command(flatten)]
    pub data: DataOpt,
}

/// Options of `openup validate`.
#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    /// The bank's directory [default: the built-in bank, or --questions]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Where the questions come from.
    #[command(flatten)]
    pub bank: BankOpt,
}

/// Options of `openup schema`.
#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    /// Which format.
    #[arg(value_enum)]
    pub which: SchemaKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bare_command_line_is_what_clap_gives_for_no_arguments() {
        let clap = Cli::try_parse_from(["openup"]).expect("parses");
        assert_eq!(format!("{clap:?}"), format!("{:?}", Cli::bare()));
    }

    #[test]
    fn unset_start_options_match_what_clap_gives_for_none() {
        let cli = Cli::try_parse_from(["openup"]).expect("parses");
        assert_eq!(cli.start, StartArgs::unset());
        let cli = Cli::try_parse_from(["openup", "--quick"]).expect("parses");
        assert_ne!(cli.start, StartArgs::unset());
    }
}
