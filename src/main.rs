//! The `openup` binary: parse arguments, run, exit with the code `main_with` decides.

fn main() {
    let code = match openup::cli::Cli::from_env() {
        Ok(cli) => openup::main_with(cli),
        Err(err) => openup::usage_error(&err),
    };
    std::process::exit(code);
}
