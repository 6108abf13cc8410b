//! Compile check of the fixture outputs: each fixture's generated module is
//! dropped into a scratch copy of `webizpay-api` (library only, default
//! features) and run through `cargo clippy`; any warning or error in the
//! generated files fails the test.
//!
//! Slow (a full `cargo clippy` of the runtime per fixture), so it is ignored
//! by default: `cargo test -p webizpay-codegen --test fixtures_compile -- --ignored`.
//! The real spec's output is compiled by every build of `webizpay-api`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The crate manifest without dev-dependencies, benches, tests and examples.
fn library_manifest(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with('[') {
            skipping = ["[dev-dependencies]", "[[bench]]", "[[test]]", "[[example]]"]
                .iter()
                .any(|h| line.trim() == *h);
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn workspace_manifest(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with("members = ") {
                "members = [\"webizpay-api\"]".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_fixture(name: &str, spec: &str) -> Vec<String> {
    let root = root();
    let scratch = root.join("target/codegen-fixture-check").join(name);
    let _ = fs::remove_dir_all(&scratch);
    let krate = scratch.join("webizpay-api");
    copy_dir(&root.join("webizpay-api/src"), &krate.join("src"));
    if root.join("webizpay-api/build.rs").exists() {
        fs::copy(root.join("webizpay-api/build.rs"), krate.join("build.rs")).unwrap();
    }
    let manifest = fs::read_to_string(root.join("webizpay-api/Cargo.toml")).unwrap();
    fs::write(krate.join("Cargo.toml"), library_manifest(&manifest)).unwrap();
    let workspace = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    fs::write(scratch.join("Cargo.toml"), workspace_manifest(&workspace)).unwrap();
    fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();

    let generated_dir = krate.join("src/generated");
    fs::remove_dir_all(&generated_dir).unwrap();
    fs::create_dir_all(&generated_dir).unwrap();
    let generated = webizpay_codegen::generate(spec, name).unwrap_or_else(|e| panic!("{e}"));
    for (path, text) in &generated.files {
        fs::write(generated_dir.join(path), text).unwrap();
    }

    let output = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--offline",
            "--lib",
            "--message-format=json",
            "--manifest-path",
        ])
        .arg(scratch.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/codegen-fixture-check/target"),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut problems = Vec::new();
    for line in stdout.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let diagnostic = &message["message"];
        let in_generated = diagnostic["spans"].as_array().is_some_and(|spans| {
            spans.iter().any(|s| {
                s["is_primary"] == true
                    && s["file_name"]
                        .as_str()
                        .is_some_and(|f| f.contains("src/generated/"))
            })
        });
        if in_generated {
            problems.push(
                diagnostic["rendered"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
    }
    assert!(
        output.status.success() || !problems.is_empty(),
        "cargo clippy failed outside the generated code:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    problems
}

#[test]
#[ignore = "slow: runs cargo clippy on a copy of webizpay-api per fixture"]
fn fixture_outputs_compile_without_warnings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let spec = fs::read_to_string(&path).unwrap();
        for problem in check_fixture(&name, &spec) {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
