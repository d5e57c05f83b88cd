//! `openup completions SHELL`: a completion script on standard output.

use clap::CommandFactory;

use super::Context;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

/// Prints the completion script for one shell.
pub fn run(ctx: &Context, args: &CompletionsArgs) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "openup", &mut script);
    ctx.output.print(&String::from_utf8_lossy(&script))
}
