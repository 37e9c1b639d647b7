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

/// How many diagnostics of each severity are kept: a broken file can hold
/// a problem on every line, and a million kept messages would take more
/// memory than the log. Every one is still counted.
pub const KEPT_PER_SEVERITY: usize = 1000;

/// The problems of a log, in order: every one counted, the first
/// [`KEPT_PER_SEVERITY`] of each severity kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    kept: Vec<Diagnostic>,
    warnings: usize,
    errors: usize,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let count = match diagnostic.severity {
            Severity::Warning => &mut self.warnings,
            Severity::Error => &mut self.errors,
        };
        *count += 1;
        if *count <= KEPT_PER_SEVERITY {
            self.kept.push(diagnostic);
        }
    }

    /// How many problems of a severity there were, kept or not.
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Warning => self.warnings,
            Severity::Error => self.errors,
        }
    }

    /// How many problems of a severity were counted but not kept.
    pub fn omitted(&self, severity: Severity) -> usize {
        self.count(severity).saturating_sub(KEPT_PER_SEVERITY)
    }

    /// Puts the kept problems in order of where they are.
    pub fn sort(&mut self) {
        self.kept.sort_by_key(|d| (d.line, d.column));
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.kept.iter()
    }
}

impl Diagnostics {
    /// Takes in another part's problems, counts included, their lines
    /// shifted by `offset`.
    pub fn absorb(&mut self, other: Diagnostics, offset: usize) {
        self.warnings += other
            .warnings
            .saturating_sub(other.kept_count(Severity::Warning));
        self.errors += other
            .errors
            .saturating_sub(other.kept_count(Severity::Error));
        for mut diagnostic in other.kept {
            if diagnostic.line > 0 {
                diagnostic.line += offset;
            }
            self.push(diagnostic);
        }
    }

    /// Problems as they were kept before (in a cache): the kept ones, and
    /// how many there were of each severity, kept or not.
    pub fn restore(kept: Vec<Diagnostic>, warnings: usize, errors: usize) -> Self {
        Diagnostics {
            kept,
            warnings,
            errors,
        }
    }

    fn kept_count(&self, severity: Severity) -> usize {
        self.kept.iter().filter(|d| d.severity == severity).count()
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.kept
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for diagnostic in iter {
            self.push(diagnostic);
        }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(iter);
        diagnostics
    }
}

impl Serialize for Diagnostics {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.kept.serialize(s)
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
