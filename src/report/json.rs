//! The result JSON, exactly as saved.

use super::{Renderer, ReportInput};

/// The result as pretty JSON.
#[derive(Debug, Clone, Copy)]
pub struct JsonReport;

impl Renderer for JsonReport {
    fn render(&self, input: &ReportInput) -> String {
        input.result.to_json()
    }
}
