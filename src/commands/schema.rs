//! `openup schema bank|answers|result`: print a JSON Schema.

use super::Context;
use crate::cli::SchemaArgs;
use crate::error::Result;

/// Prints the schema of one file format.
pub fn run(ctx: &Context, args: &SchemaArgs) -> Result<()> {
    ctx.output.print(&crate::schema::schema(args.which))
}
