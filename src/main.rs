//! The `openup` binary: parse arguments, run, exit with the code `main_with` decides.

use clap::Parser;

fn main() {
    let code = match openup::cli::Cli::try_parse() {
        Ok(cli) => openup::main_with(cli),
        Err(err) => openup::usage_error(&err),
    };
    std::process::exit(code);
}
