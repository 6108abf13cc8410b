//! Snapshots of the generated code (the real spec and every fixture) and of
//! the IR of the real spec; every output parses as Rust and is deterministic.

use std::path::Path;

const REAL_SPEC: &str = include_str!("../../spec/webizpay.yaml");

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 2, "fixtures missing in {}", dir.display());
    out
}

fn snapshot_files(prefix: &str, spec: &str, spec_path: &str) {
    let generated = webizpay_codegen::generate(spec, spec_path).unwrap_or_else(|e| panic!("{e}"));
    let again = webizpay_codegen::generate(spec, spec_path).unwrap();
    assert_eq!(generated.files, again.files, "output is not deterministic");
    for (path, text) in &generated.files {
        if path.extension().is_some_and(|x| x == "md") {
            assert!(text.starts_with(webizpay_codegen::emit::MARKDOWN_PREAMBLE));
        } else {
            syn::parse_file(text).unwrap_or_else(|e| panic!("{prefix}/{}: {e}", path.display()));
            assert!(text.starts_with(webizpay_codegen::emit::PREAMBLE));
        }
        assert!(
            !text.contains("unwrap()") && !text.contains("panic!") && !text.contains("expect(")
        );
        let name = format!("{prefix}__{}", path.display());
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn real_spec_output() {
    snapshot_files("webizpay", REAL_SPEC, "spec/webizpay.yaml");
}

#[test]
fn real_spec_ir() {
    let api = webizpay_codegen::load(REAL_SPEC, "spec/webizpay.yaml").unwrap();
    insta::assert_json_snapshot!("webizpay__ir", api);
}

#[test]
fn fixture_outputs() {
    for (name, text) in fixtures() {
        snapshot_files(&format!("fixture_{name}"), &text, &format!("{name}.yaml"));
    }
}

#[test]
fn every_example_value_of_the_fixtures_reaches_the_ir() {
    for (name, text) in fixtures() {
        let examples = webizpay_codegen::load_examples(&text, &name).unwrap();
        assert!(
            examples.iter().any(|(_, e)| !e.is_empty()),
            "{name} has no examples"
        );
        for (_, list) in examples {
            for example in list {
                if let Some(body) = &example.response_body {
                    assert!(body.is_object());
                }
            }
        }
    }
}
