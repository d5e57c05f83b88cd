//! `openup validate`: every problem of a bank in one pass, errors and warnings apart.

use std::io::Write;

use super::Context;
use crate::cli::ValidateArgs;

use crate::bank::{Severity, check_files, embedded_files, read_bank_dir};
use crate::error::{Error, Result};

/// Checks the bank in DIR (else --questions, else the built-in one) and prints
/// what it finds. Fails with exit code 1 when there is any error; warnings alone pass.
pub fn run(ctx: &Context, args: &ValidateArgs) -> Result<()> {
    let dir = args.dir.as_deref().or(ctx.questions());
    let (source, files) = match dir {
        Some(dir) => (dir.display().to_string(), read_bank_dir(dir)?),
        None => ("the built-in bank".to_string(), embedded_files()),
    };
    let (bank, problems) = check_files(&source, &files);
    let mut out = String::new();
    let mut list = problems.list.clone();
    // Errors first: they are what stops the bank from working. The sort is
    // stable, so each group keeps file order.
    list.sort_by_key(|p| p.severity);
    for problem in &list {
        out.push_str(&crate::text::clean_lines(&problem.to_string()));
        out.push('\n');
    }
    let errors = problems.count(Severity::Error);
    let warnings = problems.count(Severity::Warning);
    let summary = match &bank {
        Some(bank) if errors == 0 => format!(
            "{source}: ok: {} {}, {} questions ({} in the quick check), {} safety questions; {}",
            bank.meta.id,
            bank.meta.version,
            bank.questions.len(),
            bank.quick_questions().len(),
            bank.safety.len(),
            crate::text::count(warnings, "warning", "warnings")
        ),
        _ => format!(
            "{source}: {}, {}",
            crate::text::count(errors, "error", "errors"),
            crate::text::count(warnings, "warning", "warnings")
        ),
    };
    out.push_str(&crate::text::clean_lines(&summary));
    out.push('\n');
    // Like a compiler: a failing check goes to standard error, a clean one to
    // standard output. A closed pipe (`openup validate | head`) is no error.
    if errors > 0 {
        let _ = std::io::stderr().write_all(out.as_bytes());
        Err(Error::Reported)
    } else {
        let _ = std::io::stdout().write_all(out.as_bytes());
        Ok(())
    }
}
