//! `cargo xtask codegen [--check]`: regenerates `webizpay-api/src/generated/`
//! from `spec/webizpay.yaml`.
//!
//! Everything is generated in memory first, so a spec error writes nothing.
//! Files are replaced atomically (a temporary file in the same directory,
//! then a rename), unchanged files are not touched, and generated files the
//! spec no longer produces are removed.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use webizpay_codegen::emit::PREAMBLE;
use webizpay_codegen::{GENERATED_DIR, SPEC_PATH};

use crate::UsageError;

/// How many lines of diff to show per stale file.
const DIFF_LINES: usize = 40;

/// The options of `codegen`.
#[derive(Debug)]
pub struct Options {
    check: bool,
    spec: PathBuf,
    /// How the spec is named in messages.
    spec_display: String,
    out: PathBuf,
}

impl Options {
    /// Parses the options after `codegen`.
    pub fn parse(parser: &mut lexopt::Parser, root: &Path) -> Result<Self, UsageError> {
        let mut check = false;
        let mut spec = None;
        let mut out = None;
        while let Some(arg) = parser.next()? {
            match arg {
                lexopt::Arg::Long("check") => check = true,
                lexopt::Arg::Long("spec") => spec = Some(PathBuf::from(parser.value()?)),
                lexopt::Arg::Long("out") => out = Some(PathBuf::from(parser.value()?)),
                other => return Err(UsageError(format!("codegen: {}", other.unexpected()))),
            }
        }
        let (spec, spec_display) = match spec {
            Some(path) => {
                let display = path.display().to_string();
                (path, display)
            }
            None => (root.join(SPEC_PATH), SPEC_PATH.to_owned()),
        };
        Ok(Options {
            check,
            spec,
            spec_display,
            out: out.unwrap_or_else(|| root.join(GENERATED_DIR)),
        })
    }
}

/// Runs `codegen` and reports on stderr.
pub fn run(options: &Options) -> ExitCode {
    match generate_and_sync(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn generate_and_sync(options: &Options) -> Result<(), String> {
    let text = fs::read_to_string(&options.spec)
        .map_err(|e| format!("error: cannot read {}: {e}", options.spec.display()))?;
    let generated = webizpay_codegen::generate(&text, &options.spec_display)
        .map_err(|errors| format!("{errors}\nerror: the spec has errors; nothing was written"))?;
    let existing = read_existing(&options.out)?;
    if options.check {
        check(&generated.files, &existing, &options.out)
    } else {
        write(&generated.files, &existing, &options.out)
    }
}

/// A `.rs` or `.md` file in the output directory.
struct Existing {
    text: String,
    generated: bool,
}

fn read_existing(dir: &Path) -> Result<BTreeMap<PathBuf, Existing>, String> {
    let mut files = BTreeMap::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(format!("error: cannot read {}: {e}", dir.display())),
    };
    for entry in entries {
        let entry = entry.map_err(|e| format!("error: cannot read {}: {e}", dir.display()))?;
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "rs" && x != "md") || !path.is_file() {
            continue;
        }
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
        let generated = text.starts_with("// @generated") || text.starts_with("<!-- @generated");
        files.insert(
            PathBuf::from(entry.file_name()),
            Existing { text, generated },
        );
    }
    Ok(files)
}

fn check(
    wanted: &BTreeMap<PathBuf, String>,
    existing: &BTreeMap<PathBuf, Existing>,
    dir: &Path,
) -> Result<(), String> {
    let mut problems = Vec::new();
    for (name, text) in wanted {
        let path = dir.join(name);
        match existing.get(name) {
            None => problems.push(format!("missing: {}", path.display())),
            Some(old) if old.text != *text => {
                problems.push(format!(
                    "stale: {}\n{}",
                    path.display(),
                    diff(&old.text, text, name)
                ));
            }
            Some(_) => {}
        }
    }
    for name in existing.keys().filter(|n| !wanted.contains_key(*n)) {
        problems.push(format!(
            "extra: {} is not generated from the spec",
            dir.join(name).display()
        ));
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}\nerror: the generated code is out of date with the spec; run `cargo xtask codegen` and commit the result",
        problems.join("\n")
    ))
}

fn diff(old: &str, new: &str, name: &Path) -> String {
    let name = name.display().to_string();
    let text = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("checked in: {name}"),
            &format!("from spec: {name}"),
        )
        .to_string();
    let total = text.lines().count();
    let mut shown: Vec<&str> = text.lines().take(DIFF_LINES).collect();
    let more = format!("... ({} more diff lines)", total.saturating_sub(DIFF_LINES));
    if total > DIFF_LINES {
        shown.push(&more);
    }
    shown.join("\n")
}

fn write(
    wanted: &BTreeMap<PathBuf, String>,
    existing: &BTreeMap<PathBuf, Existing>,
    dir: &Path,
) -> Result<(), String> {
    let foreign: Vec<String> = existing
        .iter()
        .filter(|(name, file)| !wanted.contains_key(*name) && !file.generated)
        .map(|(name, _)| dir.join(name).display().to_string())
        .collect();
    if !foreign.is_empty() {
        return Err(format!(
            "error: {} not generated (no `{PREAMBLE}` line) but in the generated directory; move hand-written code out of it. Nothing was written.",
            foreign.join(", ")
        ));
    }
    fs::create_dir_all(dir).map_err(|e| format!("error: cannot create {}: {e}", dir.display()))?;
    let mut changed = 0;
    for (name, text) in wanted {
        if existing.get(name).is_some_and(|old| old.text == *text) {
            continue;
        }
        write_atomically(&dir.join(name), text)?;
        eprintln!("wrote {}", dir.join(name).display());
        changed += 1;
    }
    for name in existing.keys().filter(|n| !wanted.contains_key(*n)) {
        let path = dir.join(name);
        fs::remove_file(&path)
            .map_err(|e| format!("error: cannot remove {}: {e}", path.display()))?;
        eprintln!("removed {} (no longer generated)", path.display());
        changed += 1;
    }
    if changed == 0 {
        eprintln!("{} is up to date", dir.display());
    }
    Ok(())
}

/// The mode a new file is created with, before the umask: what any editor
/// uses (0666, so 0644 under the usual umask 022). `None` where only
/// "read-only" exists.
#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

/// Writes `text` to a temporary file next to `path`, then renames it over `path`.
fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |e: &dyn std::fmt::Display| format!("error: cannot write {}: {e}", path.display());
    // A temporary file is created 0600 on Unix. The result gets the exact
    // permissions of the file it replaces, or those of a new source file.
    let mut builder = tempfile::Builder::new();
    if let Some(p) = new_file_permissions() {
        builder.permissions(p);
    }
    let mut file = builder.tempfile_in(dir).map_err(|e| fail(&e))?;
    if let Ok(meta) = fs::metadata(path) {
        // Not subject to the umask, unlike the mode at creation.
        file.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| fail(&e))?;
    }
    file.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
    file.as_file().sync_all().map_err(|e| fail(&e))?;
    file.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}
