//! Shared by the spec targets: run the generator and check its contract.

/// The number of lines of `text` as YAML counts them (`\n`, `\r\n` and a lone
/// `\r` each end a line).
pub fn yaml_lines(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut breaks = 0u64;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => breaks += 1,
            b'\r' => {
                breaks += 1;
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    breaks + 1
}

/// `generate` returns Ok (every file parses as Rust) or errors that each name
/// the file, a line inside the document and a non-empty message.
pub fn check(text: &str) {
    const PATH: &str = "fuzz.yaml";
    match webizpay_codegen::generate(text, PATH) {
        Ok(generated) => {
            assert!(!generated.files.is_empty(), "Ok without files");
            for (path, file) in generated
                .files
                .iter()
                .filter(|(p, _)| p.extension().is_some_and(|x| x == "rs"))
            {
                if let Err(e) = syn::parse_file(file) {
                    panic!("generated {} does not parse: {e}\n{file}", path.display());
                }
            }
        }
        Err(errors) => {
            let lines = yaml_lines(text);
            assert!(!errors.errors().is_empty(), "Err without errors");
            for e in errors.errors() {
                assert_eq!(e.file, PATH);
                assert!(!e.message.trim().is_empty(), "empty message at {e}");
                assert!(
                    (1..=lines + 1).contains(&e.pos.line),
                    "line out of the document ({lines} lines): {e}"
                );
                assert!(e.pos.column >= 1, "column 0: {e}");
                let _ = e.to_string();
            }
        }
    }
}
