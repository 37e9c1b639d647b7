//! Problems found while reading a log, located by line and column.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem, at a 1-based line and column (column 0 for the whole file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            line,
            column,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn error(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
        }
    }
}

/// `1 warning`, `3 warnings`: counts in messages.
pub fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// A source line the parser could not place anywhere, kept so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unparsed {
    pub line: usize,
    pub text: String,
}
