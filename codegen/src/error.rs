//! Spec errors: every one names the file, line and column of the offending
//! node, says what is wrong and what is allowed.

use std::fmt;

/// A position in the spec file (1-based line and column, in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u64,
    /// 1-based column, in characters.
    pub column: u64,
}

impl From<serde_saphyr::Location> for Pos {
    fn from(location: serde_saphyr::Location) -> Self {
        Pos {
            line: location.line(),
            column: location.column(),
        }
    }
}

/// One problem in the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// The spec file, as given to [`crate::generate`].
    pub file: String,
    /// Where the offending node starts.
    pub pos: Pos,
    /// What is wrong, and what is allowed.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pos == Pos::default() {
            // Not tied to a node (an internal error of the generator).
            return write!(f, "{}: {}", self.file, self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.pos.line, self.pos.column, self.message
        )
    }
}

impl std::error::Error for SpecError {}

/// Every problem found in a spec, in file order. Never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl SpecErrors {
    /// The errors, in file order.
    pub fn errors(&self) -> &[SpecError] {
        &self.0
    }
}

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

/// Collects errors of one spec file.
#[derive(Debug)]
pub(crate) struct Diagnostics {
    file: String,
    errors: Vec<SpecError>,
}

impl Diagnostics {
    pub(crate) fn new(file: &str) -> Self {
        Diagnostics {
            file: file.to_owned(),
            errors: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, pos: impl Into<Pos>, message: impl Into<String>) {
        self.errors.push(SpecError {
            file: self.file.clone(),
            pos: pos.into(),
            message: message.into(),
        });
    }

    /// How many errors were reported so far.
    pub(crate) fn len(&self) -> usize {
        self.errors.len()
    }

    /// The errors sorted by position (stable: same-position errors keep
    /// their order), or `Ok` when there are none.
    pub(crate) fn finish(mut self) -> Result<(), SpecErrors> {
        if self.errors.is_empty() {
            return Ok(());
        }
        self.errors.sort_by_key(|e| e.pos);
        self.errors.dedup();
        Err(SpecErrors(self.errors))
    }
}
