//! Saved results over time: `history`, `compare` and `forget`.

use std::path::Path;

use crate::cli::{CompareArgs, ForgetArgs};
use crate::error::{Error, Result};
use crate::run::Output;

/// `openup history`.
pub fn history(_data_dir: Option<&Path>, _questions: Option<&Path>, _output: Output) -> Result<()> {
    Err(Error::Usage("history is not built yet".into()))
}

/// `openup compare`.
pub fn compare(
    _args: &CompareArgs,
    _data_dir: Option<&Path>,
    _questions: Option<&Path>,
    _output: Output,
) -> Result<()> {
    Err(Error::Usage("compare is not built yet".into()))
}

/// `openup forget`.
pub fn forget(_args: &ForgetArgs, _data_dir: Option<&Path>) -> Result<()> {
    Err(Error::Usage("forget is not built yet".into()))
}
