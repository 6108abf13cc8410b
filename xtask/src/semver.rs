//! `cargo xtask semver`: is the public API of `webizpay-api` compatible with
//! a git revision's (by default the previous commit), given the version
//! numbers of both? Runs `cargo-semver-checks`, which builds the rustdoc JSON
//! of both and compares them with its lints.
//!
//! The features checked are `cargo-semver-checks`' default: every feature
//! but those whose name starts with `_`, so `__internal` (not public API) is
//! left out and `simulator` and both crypto backends are in.

use std::path::Path;
use std::process::{Command, ExitCode};

use lexopt::ValueExt;

use crate::UsageError;

/// The crate whose API is checked.
const PACKAGE: &str = "webizpay-api";

/// Options of `cargo xtask semver`.
#[derive(Debug)]
pub struct Options {
    /// The git revision to compare with.
    pub baseline: String,
}

impl Options {
    /// Parses `[--baseline <rev>]`.
    pub fn parse(parser: &mut lexopt::Parser) -> Result<Self, UsageError> {
        let mut baseline = "HEAD~1".to_owned();
        while let Some(arg) = parser.next()? {
            match arg {
                lexopt::Arg::Long("baseline") => baseline = parser.value()?.string()?,
                other => return Err(UsageError(other.unexpected().to_string())),
            }
        }
        if baseline.is_empty() || baseline.starts_with('-') {
            return Err(UsageError(format!(
                "--baseline takes a git revision, not `{baseline}`"
            )));
        }
        Ok(Options { baseline })
    }
}

/// Runs the check; 0 when compatible, 1 when a change needs a bigger version
/// bump than the one made, or when the tool is missing or fails.
pub fn run(options: &Options, root: &Path) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let installed = Command::new(&cargo)
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        eprintln!(
            "error: cargo-semver-checks is not installed; install it with\n  \
             cargo install --locked cargo-semver-checks"
        );
        return ExitCode::FAILURE;
    }
    let resolved = Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(format!("{}^{{commit}}", options.baseline))
        .output();
    let commit = match resolved {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        _ => {
            eprintln!(
                "error: --baseline `{}` is not a commit of this repository",
                options.baseline
            );
            return ExitCode::FAILURE;
        }
    };
    println!(
        "semver: {PACKAGE} (working tree) against {} ({commit})",
        options.baseline
    );
    let status = Command::new(&cargo)
        .current_dir(root)
        .args(["semver-checks", "check-release", "--package", PACKAGE])
        .args(["--baseline-rev", &commit])
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => {
            eprintln!(
                "semver: the public API changed in a way the version does not allow; \
                 bump `version` in the workspace Cargo.toml (0.x: the minor number for a \
                 breaking change) and say so in CHANGELOG.md, or keep the old API"
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: could not run cargo semver-checks: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, UsageError> {
        Options::parse(&mut lexopt::Parser::from_args(args.iter().copied()))
    }

    #[test]
    fn the_baseline_is_the_previous_commit_unless_given() {
        assert_eq!(parse(&[]).unwrap().baseline, "HEAD~1");
        assert_eq!(parse(&["--baseline", "v0.1.0"]).unwrap().baseline, "v0.1.0");
    }

    #[test]
    fn bad_arguments_are_usage_errors_that_name_them() {
        let e = parse(&["--baseline", "--check"]).unwrap_err();
        assert!(e.0.contains("--check"), "{}", e.0);
        let e = parse(&["--baseline", ""]).unwrap_err();
        assert!(e.0.contains("git revision"), "{}", e.0);
        let e = parse(&["--frobnicate"]).unwrap_err();
        assert!(e.0.contains("frobnicate"), "{}", e.0);
        assert!(parse(&["--baseline"]).is_err());
    }
}
