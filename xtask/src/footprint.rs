//! `cargo xtask footprint [--cold-build]`: what webizpay-api costs to depend on.
//!
//! - crates in its normal dependency tree (`cargo tree -e normal`, host
//!   target, deduplicated, webizpay-api itself not counted) with default
//!   features and with the pure-Rust backend only;
//! - per direct dependency: the crates in its subtree, and how many of them
//!   only it brings (what dropping or trimming it would save);
//! - the size of the release `quickstart` example binary (and stripped);
//! - with `--cold-build`: a cold `cargo build -p webizpay-api --release` in
//!   its own target directory (`target/footprint`, wiped first), timed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use crate::UsageError;

/// The options of `footprint`.
#[derive(Debug)]
pub struct Options {
    cold_build: bool,
}

impl Options {
    /// Parses the options after `footprint`.
    pub fn parse(parser: &mut lexopt::Parser) -> Result<Self, UsageError> {
        let mut cold_build = false;
        while let Some(arg) = parser.next()? {
            match arg {
                lexopt::Arg::Long("cold-build") => cold_build = true,
                other => return Err(UsageError(other.unexpected().to_string())),
            }
        }
        Ok(Options { cold_build })
    }
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// `cargo tree -p webizpay-api -e normal <args>`'s stdout.
fn tree(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(cargo())
        .current_dir(root)
        .args(["tree", "-p", "webizpay-api", "-e", "normal"])
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo tree failed to start: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo tree {args:?} failed ({})", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `name vX.Y.Z` of a `cargo tree` line (no path, no `(*)` mark).
fn crate_id(line: &str) -> String {
    line.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The distinct crates of `cargo tree --prefix none` output, without the root.
fn distinct_crates(text: &str) -> BTreeSet<String> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let root = lines.next().map(crate_id);
    lines
        .map(crate_id)
        .filter(|c| Some(c) != root.as_ref())
        .collect()
}

/// Per direct dependency, every crate in its subtree (itself included), from
/// `cargo tree --prefix depth --no-dedupe` output.
fn subtrees(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
        let Ok(depth) = digits.parse::<u32>() else {
            continue;
        };
        let id = crate_id(&line[digits.len()..]);
        match depth {
            0 => current = None,
            1 => {
                out.entry(id.clone()).or_default().insert(id.clone());
                current = Some(id);
            }
            _ => {
                if let Some(c) = &current {
                    out.entry(c.clone()).or_default().insert(id);
                }
            }
        }
    }
    out
}

pub(crate) fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Builds the release quickstart example; returns (size, stripped size).
pub(crate) fn quickstart_size(root: &Path) -> Result<(u64, Option<u64>), String> {
    eprintln!("footprint: cargo build --release -p webizpay-api --example quickstart");
    let status = Command::new(cargo())
        .current_dir(root)
        .args([
            "build",
            "--release",
            "-p",
            "webizpay-api",
            "--example",
            "quickstart",
        ])
        .status()
        .map_err(|e| format!("cargo failed to start: {e}"))?;
    if !status.success() {
        return Err(format!("building the quickstart example failed ({status})"));
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map_or_else(|_| root.join("target"), std::path::PathBuf::from);
    let binary = target.join("release/examples/quickstart");
    let size = std::fs::metadata(&binary)
        .map_err(|e| format!("{}: {e}", binary.display()))?
        .len();
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let copy = dir.path().join("quickstart");
    std::fs::copy(&binary, &copy).map_err(|e| e.to_string())?;
    let stripped = Command::new("strip")
        .arg(&copy)
        .status()
        .ok()
        .filter(|s| s.success())
        .and_then(|_| std::fs::metadata(&copy).ok())
        .map(|m| m.len());
    Ok((size, stripped))
}

/// A cold release build of webizpay-api (default features) in `target/footprint`.
fn cold_build(root: &Path) -> Result<f64, String> {
    let dir = root.join("target/footprint");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    eprintln!(
        "footprint: cold cargo build -p webizpay-api --release (CARGO_TARGET_DIR={})",
        dir.display()
    );
    let start = Instant::now();
    let status = Command::new(cargo())
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &dir)
        .args(["build", "-p", "webizpay-api", "--release"])
        .status()
        .map_err(|e| format!("cargo failed to start: {e}"))?;
    if !status.success() {
        return Err(format!("the cold build failed ({status})"));
    }
    Ok(start.elapsed().as_secs_f64())
}

fn report(options: &Options, root: &Path) -> Result<(), String> {
    let default = distinct_crates(&tree(root, &["--prefix", "none"])?);
    let pure = distinct_crates(&tree(
        root,
        &[
            "--prefix",
            "none",
            "--no-default-features",
            "--features",
            "rust-crypto",
        ],
    )?);
    let subtrees = subtrees(&tree(root, &["--prefix", "depth", "--no-dedupe"])?);
    let has = |set: &BTreeSet<String>, name: &str| {
        set.iter()
            .any(|c| c.split_whitespace().next() == Some(name))
    };
    let (size, stripped) = quickstart_size(root)?;
    let cold = if options.cold_build {
        Some(cold_build(root)?)
    } else {
        None
    };

    println!();
    println!(
        "webizpay-api footprint (host target, normal dependencies, webizpay-api itself not counted)"
    );
    println!();
    println!("| Measure | Result |");
    println!("|---|---|");
    println!(
        "| crates, default features (aws-lc-rs) | {} (aws-lc-sys C build: {}) |",
        default.len(),
        if has(&default, "aws-lc-sys") {
            "yes"
        } else {
            "no"
        }
    );
    println!(
        "| crates, `--no-default-features --features rust-crypto` | {} (aws-lc-sys C build: {}) |",
        pure.len(),
        if has(&pure, "aws-lc-sys") {
            "yes, through reqwest's `rustls` feature"
        } else {
            "no"
        }
    );
    match stripped {
        Some(s) => println!(
            "| release `quickstart` example (with simulator) | {} ({} stripped) |",
            mib(size),
            mib(s)
        ),
        None => println!(
            "| release `quickstart` example (with simulator) | {} |",
            mib(size)
        ),
    }
    match cold {
        Some(secs) => println!(
            "| cold `cargo build -p webizpay-api --release` | {secs:.0} s on {} cores |",
            std::thread::available_parallelism().map_or(0, usize::from)
        ),
        None => println!(
            "| cold `cargo build -p webizpay-api --release` | not run (pass --cold-build; takes minutes) |"
        ),
    }
    println!();
    println!(
        "Per direct dependency (default features): crates in its subtree, and how many only it brings:"
    );
    println!();
    println!("| Dependency | Subtree | Only through it |");
    println!("|---|---|---|");
    let mut rows: Vec<(usize, usize, &String)> = subtrees
        .iter()
        .map(|(dep, set)| {
            let others: BTreeSet<&String> = subtrees
                .iter()
                .filter(|(d, _)| *d != dep)
                .flat_map(|(_, s)| s)
                .collect();
            let only = set.iter().filter(|c| !others.contains(c)).count();
            (set.len(), only, dep)
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    for (total, only, dep) in rows {
        println!("| {dep} | {total} | {only} |");
    }
    Ok(())
}

/// Runs `footprint`.
pub fn run(options: &Options, root: &Path) -> ExitCode {
    match report(options, root) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_distinct_crates_without_root() {
        let text = "webizpay-api v0.1.0 (/w)\nserde v1.0.1\nserde_core v1.0.1\nserde v1.0.1 (*)\n";
        let set = distinct_crates(text);
        assert_eq!(set.len(), 2);
        assert!(set.contains("serde v1.0.1"));
    }

    #[test]
    fn groups_subtrees_by_direct_dependency() {
        let text = "0webizpay-api v0.1.0 (/w)\n1serde v1.0.1\n2serde_core v1.0.1\n1bytes v1.11.0\n";
        let s = subtrees(text);
        assert_eq!(s["serde v1.0.1"].len(), 2);
        assert_eq!(s["bytes v1.11.0"].len(), 1);
    }
}
