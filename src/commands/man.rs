//! `openup man`: the manual page, as roff, on standard output.

use clap::CommandFactory;

use super::Context;
use crate::cli::Cli;
use crate::error::Result;

/// Prints the manual page: the command and its options, then a synopsis,
/// description and options for every subcommand, so one page holds them all.
pub fn run(ctx: &Context) -> Result<()> {
    let mut command = Cli::command();
    command.build();
    let mut page = Vec::new();
    let render = |page: &mut Vec<u8>| -> std::io::Result<()> {
        clap_mangen::Man::new(command.clone()).render(page)?;
        for sub in command.get_subcommands() {
            let name = format!("openup {}", sub.get_name());
            page.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
            let man = clap_mangen::Man::new(sub.clone().bin_name(name));
            man.render_synopsis_section(page)?;
            man.render_description_section(page)?;
            man.render_options_section(page)?;
        }
        Ok(())
    };
    render(&mut page).expect("rendering into memory cannot fail");
    ctx.output.print(&String::from_utf8_lossy(&page))
}
