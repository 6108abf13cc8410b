//! `cargo xtask docs check`, `docs import` and `spec diff` end to end: the
//! built binary on the saved pages (`codegen/tests/pages/`), exit codes and
//! the JSON shape. The classification itself is tested in
//! `codegen/tests/docs_check.rs`.

mod common;

use std::process::{Command, Output};

use common::root;

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn page(name: &str) -> String {
    root()
        .join("codegen/tests/pages")
        .join(name)
        .display()
        .to_string()
}

const APPLY: &str = "apply_authorization-2025-05-09.txt";
const REVOKE: &str = "revoke_authorization-2025-04-29.txt";

#[test]
fn both_stored_pages_check_clean_and_the_revoke_page_is_older() {
    let out = xtask(&["docs", "check", &page(APPLY), &page(REVOKE)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("operation `apply_authorization`"), "{text}");
    assert!(
        text.contains("revision: the page (2025-04-29) is older than the spec's (2025-05-16)"),
        "{text}"
    );
    assert!(
        text.contains("recorded   path: \"/v3/webizpay/employee/{employee_id}/revoke\""),
        "{text}"
    );
}

#[test]
fn the_json_report_has_the_documented_shape() {
    let out = xtask(&["docs", "check", "--format", "json", &page(REVOKE)]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["pages"][0];
    assert_eq!(p["page"], page(REVOKE));
    assert_eq!(p["operation"], "revoke_authorization");
    assert_eq!(p["differences"], serde_json::json!([]));
    assert_eq!(p["revision"]["page_is"], "older");
    let path = p["recorded"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["where"] == "path")
        .unwrap();
    assert_eq!(path["severity"], "breaking");
    assert_eq!(path["page"], "/v3/webizpay/employee/{employee_id}/revoke");
    assert_eq!(path["spec"], "/v3/webizpay/employees/{employee_id}/revoke");
    assert!(path["reason"].as_str().unwrap().contains("2025.05.16"));
}

#[test]
fn without_its_record_the_path_is_breaking_and_the_exit_code_1() {
    let spec = std::fs::read_to_string(root().join("spec/webizpay.yaml")).unwrap();
    let start = spec.find("        - at: path\n").expect("the record");
    let rest = &spec[start + 1..];
    let end = start
        + 1
        + rest
            .find("        - at: ")
            .unwrap_or_else(|| rest.find("    merchant_types").unwrap());
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("spec.yaml");
    std::fs::write(&copy, format!("{}{}", &spec[..start], &spec[end..])).unwrap();
    let out = xtask(&[
        "docs",
        "check",
        "--format",
        "json",
        "--spec",
        copy.to_str().unwrap(),
        &page(REVOKE),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["pages"][0]["differences"],
        serde_json::json!([{
            "severity": "breaking",
            "where": "path",
            "page": "/v3/webizpay/employee/{employee_id}/revoke",
            "spec": "/v3/webizpay/employees/{employee_id}/revoke",
            "message": "the path changed: a released client calls the old one",
        }])
    );
}

#[test]
fn unreadable_pages_and_bad_usage_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "标题\n\n更新时间:soon\n").unwrap();
    let out = xtask(&["docs", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt:3: 更新时间 \"soon\""), "{err}");
    assert_eq!(xtask(&["docs", "check"]).status.code(), Some(2));
    assert_eq!(
        xtask(&["docs", "check", "--format", "xml", &page(APPLY)])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        xtask(&["docs", "check", "no-such-page.txt"]).status.code(),
        Some(2)
    );
    assert_eq!(xtask(&["docs", "frobnicate"]).status.code(), Some(2));
}

#[test]
fn import_prints_a_block_for_the_operation() {
    let out = xtask(&["docs", "import", &page(APPLY)]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("  - id: apply_authorization\n"), "{text}");
    assert!(text.contains("from_config: mchid"), "{text}");
    assert!(
        text.contains("    path: \"/v3/webizpay/users/{user_id}/authorization-url\""),
        "{text}"
    );
}

#[test]
fn spec_diff_against_head_runs() {
    // The working tree's spec against the last commit's: 0 when equal, 1
    // when the tree has spec edits; never a usage or load error.
    let out = xtask(&["spec", "diff", "--base", "HEAD"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("spec diff against HEAD"));
    assert_eq!(
        xtask(&["spec", "diff", "--base", "no-such-rev"])
            .status
            .code(),
        Some(2)
    );
}
