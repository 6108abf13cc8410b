//! `cargo xtask codegen` end to end: the built binary on temporary copies of
//! the spec and of the generated directory, and the freshness of the
//! checked-in generated code.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::root;

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file of a directory, by name.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A temporary copy of the real spec (edited) and a generated directory
/// filled by a first, successful run.
struct Sandbox {
    _dir: tempfile::TempDir,
    spec: PathBuf,
    out: PathBuf,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("spec.yaml");
        let out = dir.path().join("generated");
        fs::copy(root().join("spec/webizpay.yaml"), &spec).unwrap();
        let sandbox = Sandbox {
            _dir: dir,
            spec,
            out,
        };
        let first = sandbox.run(&[]);
        assert!(first.status.success(), "{}", stderr(&first));
        sandbox
    }

    fn run(&self, extra: &[&str]) -> Output {
        let mut args = vec![
            "codegen",
            "--spec",
            self.spec.to_str().unwrap(),
            "--out",
            self.out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        xtask(&args)
    }

    /// The 1-based line and column (in characters) where `needle` starts
    /// in the (edited) spec: positions are checked against the text, not
    /// against line numbers of the real spec.
    fn position_of(&self, needle: &str) -> (usize, usize) {
        let text = fs::read_to_string(&self.spec).unwrap();
        let at = text.find(needle).expect("needle in the spec");
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, column)
    }

    fn edit(&self, from: &str, to: &str) {
        let text = fs::read_to_string(&self.spec).unwrap();
        assert!(text.contains(from), "spec does not contain {from:?}");
        fs::write(&self.spec, text.replacen(from, to, 1)).unwrap();
    }

    fn spec_display(&self) -> String {
        self.spec.display().to_string()
    }
}

#[test]
fn checked_in_generated_code_is_fresh() {
    let output = xtask(&["codegen", "--check"]);
    assert!(
        output.status.success(),
        "webizpay-api/src/generated is stale:\n{}",
        stderr(&output)
    );
}

#[test]
fn a_fresh_run_writes_the_same_files_as_the_checked_in_ones() {
    let sandbox = Sandbox::new();
    assert_eq!(
        snapshot(&sandbox.out),
        snapshot(&root().join("webizpay-api/src/generated"))
    );
    let again = sandbox.run(&[]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("is up to date"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn unknown_key_fails_with_its_position_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let before = snapshot(&sandbox.out);
    sandbox.edit(
        "        required: true\n        type: string(32)\n        min_length: 6",
        "        requird: true\n        type: string(32)\n        min_length: 6",
    );
    let output = sandbox.run(&[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let (line, column) = sandbox.position_of("requird: true");
    let expected = format!(
        "{}:{line}:{column}: unknown key `requird` in field, expected one of: name, in, label, description, required, from_config, type, min_length, charset, minimum, maximum, min_items, max_items, example",
        sandbox.spec_display()
    );
    assert!(message.contains(&expected), "{message}");
    assert!(message.contains("nothing was written"), "{message}");
    assert_eq!(snapshot(&sandbox.out), before);
}

#[test]
fn missing_path_parameter_fails_with_its_position_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let before = snapshot(&sandbox.out);
    sandbox.edit(
        "path: /v3/webizpay/users/{user_id}/authorization-url",
        "path: /v3/webizpay/users/{user_id}/{app_id}/authorization-url",
    );
    let output = sandbox.run(&[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let (line, column) = sandbox.position_of("/v3/webizpay/users/{user_id}/{app_id}");
    let expected = format!(
        "{}:{line}:{column}: path placeholder `{{app_id}}` has no `in: path` parameter in `request`; add one named `app_id`",
        sandbox.spec_display()
    );
    assert!(message.contains(&expected), "{message}");
    assert_eq!(snapshot(&sandbox.out), before);
}

#[test]
fn check_fails_after_an_edited_description_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let before = snapshot(&sandbox.out);
    sandbox.edit(
        "description: 由商户请求时传入",
        "description: 由商户在请求时传入",
    );
    let output = sandbox.run(&["--check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("stale: "), "{message}");
    assert!(message.contains("apply_authorization.rs"), "{message}");
    assert!(
        message.contains("+    /// 【发起授权应用类型】 由商户在请求时传入"),
        "{message}"
    );
    assert!(message.contains("run `cargo xtask codegen`"), "{message}");
    assert_eq!(snapshot(&sandbox.out), before);

    // The normal mode brings it up to date; then --check passes.
    assert!(sandbox.run(&[]).status.success());
    assert!(sandbox.run(&["--check"]).status.success());
}

#[test]
fn check_names_missing_and_extra_files() {
    let sandbox = Sandbox::new();
    fs::remove_file(sandbox.out.join("types.rs")).unwrap();
    fs::write(
        sandbox.out.join("old_operation.rs"),
        "// @generated from spec/webizpay.yaml\n",
    )
    .unwrap();
    let output = sandbox.run(&["--check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("missing: ") && message.contains("types.rs"),
        "{message}"
    );
    assert!(
        message.contains("extra: ") && message.contains("old_operation.rs"),
        "{message}"
    );

    // The normal mode writes the missing file and removes the stale one.
    let output = sandbox.run(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(sandbox.out.join("types.rs").exists());
    assert!(!sandbox.out.join("old_operation.rs").exists());
}

#[test]
fn hand_written_files_in_the_output_are_never_removed() {
    let sandbox = Sandbox::new();
    fs::write(sandbox.out.join("mine.rs"), "pub fn mine() {}\n").unwrap();
    let output = sandbox.run(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("mine.rs"), "{}", stderr(&output));
    assert!(sandbox.out.join("mine.rs").exists());
}

#[test]
fn usage_errors_exit_2_with_usage() {
    for args in [
        &["codegen", "--frobnicate"][..],
        &["codegen", "extra"],
        &["generate"],
        &[],
    ] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.starts_with("error: "), "{message}");
        assert!(
            message.contains("usage: cargo xtask <command>"),
            "{message}"
        );
    }
    assert!(stderr(&xtask(&["codegen", "--frobnicate"])).contains("--frobnicate"));
}

/// Generated files are ordinary source files (0644 under umask 022), not
/// the 0600 of the temporary file they are written through; a rewrite keeps
/// the mode the file had.
#[cfg(unix)]
#[test]
fn written_files_get_normal_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let sandbox = Sandbox::new();
    let mode = |name: &str| {
        fs::metadata(sandbox.out.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    // 0666 less the umask (Linux reports it in /proc/self/status), as for
    // any new file; 0644 under the usual umask 022.
    let umask = fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    assert_eq!(mode("types.rs"), 0o666 & !umask);
    assert_eq!(mode("mod.rs"), 0o666 & !umask);
    let path = sandbox.out.join("types.rs");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    sandbox.edit("description: 已授权", "description: 已授权(edited)");
    let output = sandbox.run(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("types.rs"), "{}", stderr(&output));
    assert_eq!(mode("types.rs"), 0o664);
}

/// `cargo xtask` works on the checkout it is run in, found at run time: a
/// copied checkout (here: its spec, manifest and generated directory) run
/// from a subdirectory is regenerated, not the checkout the binary was built in.
#[test]
fn finds_the_workspace_at_run_time() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path();
    fs::create_dir_all(copy.join("spec")).unwrap();
    fs::create_dir_all(copy.join("webizpay-api/src/generated")).unwrap();
    fs::create_dir_all(copy.join("xtask/src")).unwrap();
    fs::copy(root().join("Cargo.toml"), copy.join("Cargo.toml")).unwrap();
    let spec = fs::read_to_string(root().join("spec/webizpay.yaml")).unwrap();
    let marker = "企业商户发起员工开通企业支付授权。";
    assert!(spec.contains(marker));
    fs::write(
        copy.join("spec/webizpay.yaml"),
        spec.replacen(marker, "企业商户发起员工开通企业支付授权(副本)。", 1),
    )
    .unwrap();
    let before = snapshot(&root().join("webizpay-api/src/generated"));
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .current_dir(copy.join("xtask/src"))
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let generated = copy.join("webizpay-api/src/generated/apply_authorization.rs");
    assert!(
        fs::read_to_string(generated)
            .unwrap()
            .contains("企业商户发起员工开通企业支付授权(副本)"),
        "the copy was not regenerated"
    );
    assert_eq!(
        snapshot(&root().join("webizpay-api/src/generated")),
        before,
        "the original checkout was touched"
    );
}
