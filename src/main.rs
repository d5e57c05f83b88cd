//! The `openup` binary: parse arguments, run, exit with the code `main_with` decides.

use clap::Parser;

fn main() {
    let cli = openup::cli::Cli::parse();
    std::process::exit(openup::main_with(cli));
}
