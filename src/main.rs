//! The `openup` binary: parse arguments, run, exit with the code `main_with` decides.

fn main() {
    let code = match openup::cli::Cli::from_env() {
        Ok(cli) => openup::main_with(cli),
        Err(err) => openup::usage_error(&err),
    };
    std::process::exit(code);
}

/// The C library's `pow`, inside the binary. indicatif's rate estimate (which
/// openup never shows) calls it, and it is the only reason the program would
/// load glibc's libm: 900 KB whose CPU-specific variants are all resolved at
/// start-up, a sixth of the time to the first screen (benches/startup.rs:
/// a hello world goes from 1.31 to 1.41 times /bin/echo with it). The `libm`
/// crate is the Rust project's port of musl's, accurate to within an ulp.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
pub extern "C" fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}
