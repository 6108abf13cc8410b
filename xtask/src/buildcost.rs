//! What an operation costs to compile, for `cargo xtask bench`: users of
//! generated SDKs complain most about compile time, so the numbers decide
//! whether operation groups should be feature-gated.
//!
//! In a scratch copy of the workspace (`target/buildcost/workspace`, its own
//! target directory `target/buildcost/target`, wiped first):
//!
//! 1. a cold `cargo build --release -p webizpay-api --lib` (default features)
//!    with `--timings`: the wall time, and the time of the `webizpay-api`
//!    unit itself (from `cargo-timing.html`);
//! 2. the same crate regenerated from the spec with only its first
//!    operation, rebuilt (dependencies are warm): the `webizpay-api` unit
//!    again. The difference, divided by the other operations, is the
//!    release compile time of one operation; the rest is the runtime's;
//! 3. incremental dev builds, as in the edit loop: one description changed
//!    in the spec, regenerated, `cargo build -p webizpay-api` timed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

/// The figures of one run.
#[derive(Debug)]
pub struct BuildCost {
    /// Operations in the spec.
    pub operations: usize,
    /// Lines of generated Rust (all files), and of the operation modules.
    pub generated_lines: usize,
    /// Lines of the operation modules only.
    pub operation_lines: usize,
    /// Wall time of the cold release build of webizpay-api and its dependencies.
    pub cold_s: f64,
    /// The `webizpay-api` unit in that build (every operation).
    pub crate_all_s: f64,
    /// The `webizpay-api` unit with only the first operation.
    pub crate_one_s: f64,
    /// An incremental dev build after a one-line spec change.
    pub incremental_s: f64,
}

impl BuildCost {
    /// Release compile time of one operation (seconds).
    pub fn per_operation_s(&self) -> f64 {
        (self.crate_all_s - self.crate_one_s) / (self.operations.saturating_sub(1).max(1)) as f64
    }

    /// The share of the `webizpay-api` unit spent on the operations.
    pub fn operations_share(&self) -> f64 {
        (self.crate_all_s - self.crate_one_s + self.per_operation_s()) / self.crate_all_s
    }
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

/// The scratch workspace: codegen, webizpay-api and the spec.
fn scratch(root: &Path, dir: &Path) -> Result<PathBuf, String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let ws = dir.join("workspace");
    copy_dir(&root.join("codegen/src"), &ws.join("codegen/src"))?;
    copy_dir(&root.join("webizpay-api"), &ws.join("webizpay-api"))?;
    copy_dir(&root.join("spec"), &ws.join("spec"))?;
    for file in ["codegen/Cargo.toml", "Cargo.lock"] {
        fs::copy(root.join(file), ws.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    let manifest = fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let manifest: Vec<String> = manifest
        .lines()
        .map(|l| {
            if l.starts_with("members = ") {
                "members = [\"codegen\", \"webizpay-api\"]".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect();
    fs::write(ws.join("Cargo.toml"), manifest.join("\n")).map_err(|e| e.to_string())?;
    Ok(ws)
}

/// Writes the generated module of `spec` into the scratch crate.
fn regenerate(ws: &Path, spec: &str) -> Result<Vec<(PathBuf, String)>, String> {
    let generated = webizpay_codegen::generate(spec, "spec/webizpay.yaml")
        .map_err(|e| format!("the scratch spec does not generate: {e}"))?;
    let out = ws.join("webizpay-api/src/generated");
    fs::remove_dir_all(&out).map_err(|e| e.to_string())?;
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    for (path, text) in &generated.files {
        fs::write(out.join(path), text).map_err(|e| e.to_string())?;
    }
    Ok(generated.files.into_iter().collect())
}

/// The spec with only its first operation.
fn first_operation_only(spec: &str) -> Result<String, String> {
    let start = spec
        .find("\noperations:\n")
        .ok_or("the spec has no `operations:` block")?
        + "\noperations:\n".len();
    let rest = &spec[start..];
    let second = rest[1..].find("\n  - id: ").map_or(rest.len(), |i| i + 2);
    Ok(format!("{}{}", &spec[..start], &rest[..second]))
}

/// `cargo build -p webizpay-api --lib` in the scratch workspace; the wall
/// time and, with `--timings`, the duration of the `webizpay-api` unit.
fn build(ws: &Path, target: &Path, release: bool) -> Result<(f64, Option<f64>), String> {
    let mut args = vec![
        "build",
        "--offline",
        "-p",
        "webizpay-api",
        "--lib",
        "--timings",
    ];
    if release {
        args.push("--release");
    }
    eprintln!("bench: cargo {} (scratch)", args.join(" "));
    let start = Instant::now();
    let status = Command::new(cargo())
        .current_dir(ws)
        .env("CARGO_TARGET_DIR", target)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cargo failed to start: {e}"))?;
    let wall = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("cargo {} failed ({status})", args.join(" ")));
    }
    let html = fs::read_to_string(target.join("cargo-timings/cargo-timing.html"))
        .map_err(|e| format!("no timing report: {e}"))?;
    Ok((wall, unit_duration(&html, "webizpay-api")))
}

/// The duration of a crate's library unit in a `cargo --timings` report.
fn unit_duration(html: &str, name: &str) -> Option<f64> {
    let start = html.find("const UNIT_DATA = ")? + "const UNIT_DATA = ".len();
    let units: Value = serde_json::Deserializer::from_str(&html[start..])
        .into_iter::<Value>()
        .next()?
        .ok()?;
    units
        .as_array()?
        .iter()
        .filter(|u| u["name"] == name && u["mode"] != "run-custom-build")
        .filter(|u| !u["target"].as_str().unwrap_or("").contains("build-script"))
        .filter_map(|u| u["duration"].as_f64())
        .reduce(f64::max)
}

/// Runs the measurement (several minutes: one cold release build).
pub fn measure(root: &Path) -> Result<BuildCost, String> {
    let dir = root.join("target/buildcost");
    let ws = scratch(root, &dir)?;
    let target = dir.join("target");
    let spec = fs::read_to_string(ws.join("spec/webizpay.yaml")).map_err(|e| e.to_string())?;
    let files = regenerate(&ws, &spec)?;
    let lines = |f: &(PathBuf, String)| f.1.lines().count();
    let generated_lines = files.iter().map(lines).sum();
    let api = webizpay_codegen::load(&spec, "spec/webizpay.yaml").map_err(|e| e.to_string())?;
    let operation_files: Vec<String> = api
        .operations
        .iter()
        .map(|o| webizpay_codegen::naming::operation_file(&o.id))
        .collect();
    let operation_lines = files
        .iter()
        .filter(|f| operation_files.iter().any(|n| f.0 == Path::new(n)))
        .map(lines)
        .sum();

    let (cold_s, crate_all) = build(&ws, &target, true)?;
    let crate_all_s = crate_all.ok_or("no webizpay-api unit in the timing report")?;
    regenerate(&ws, &first_operation_only(&spec)?)?;
    let (_, crate_one) = build(&ws, &target, true)?;
    let crate_one_s = crate_one.ok_or("no webizpay-api unit in the timing report")?;

    // The edit loop: a warm dev build, then one changed description.
    regenerate(&ws, &spec)?;
    build(&ws, &target, false)?;
    let marker = "\n    title: ";
    let at = spec.find(marker).ok_or("no operation title in the spec")? + marker.len();
    let edited = format!("{}(已修改) {}", &spec[..at], &spec[at..]);
    regenerate(&ws, &edited)?;
    let (incremental_s, _) = build(&ws, &target, false)?;

    Ok(BuildCost {
        operations: api.operations.len(),
        generated_lines,
        operation_lines,
        cold_s,
        crate_all_s,
        crate_one_s,
        incremental_s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_operation() {
        let spec = "version: 1\noperations:\n  - id: a\n    x: 1\n  - id: b\n    x: 2\n";
        assert_eq!(
            first_operation_only(spec).unwrap(),
            "version: 1\noperations:\n  - id: a\n    x: 1\n"
        );
    }

    #[test]
    fn reads_unit_durations() {
        let html = r#"<script>const UNIT_DATA = [{"name":"webizpay-api","mode":"run-custom-build","target":"","duration":0.1},{"name":"webizpay-api","mode":"todo","target":"","duration":12.5},{"name":"serde","mode":"todo","target":"","duration":3.0}];
const CONCURRENCY_DATA = [];</script>"#;
        assert_eq!(unit_duration(html, "webizpay-api"), Some(12.5));
        assert_eq!(unit_duration(html, "missing"), None);
    }
}
