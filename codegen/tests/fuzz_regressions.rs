//! Inputs from the `spec_text` and `spec_mutate` fuzz targets (fuzz/README.md).
//!
//! Ten minutes of each found no panic and no error outside the document, so
//! these are the most interesting inputs of their corpora, with what the
//! fuzz targets check: the smallest input that reaches each class of YAML
//! syntax error, and line-ending / BOM variants of the real spec.

const REAL_SPEC: &str = include_str!("../../spec/webizpay.yaml");
const PATH: &str = "fuzz.yaml";

/// The lines of `text` as YAML counts them (`\n`, `\r\n`, lone `\r`).
fn yaml_lines(text: &str) -> u64 {
    let crlf = text.matches("\r\n").count();
    let breaks = text.matches('\n').count() + text.matches('\r').count() - crlf;
    breaks as u64 + 1
}

/// `generate` fails with errors inside the document and messages; returns them.
fn positioned_errors(text: &str) -> Vec<webizpay_codegen::SpecError> {
    let errors = match webizpay_codegen::generate(text, PATH) {
        Ok(_) => panic!("{text:?} generated"),
        Err(e) => e.0,
    };
    assert!(!errors.is_empty());
    let lines = yaml_lines(text);
    for e in &errors {
        assert_eq!(e.file, PATH);
        assert!(!e.message.trim().is_empty(), "{text:?}: empty message");
        assert!(
            (1..=lines + 1).contains(&e.pos.line) && e.pos.column >= 1,
            "{text:?}: {e} is outside the document ({lines} lines)"
        );
    }
    errors
}

/// The smallest corpus input that reached each kind of YAML error (unclosed
/// flow collections and quotes, tags, anchors, control characters, C1
/// characters, documents markers, complex keys, a BOM inside a line).
#[test]
fn smallest_inputs_of_each_yaml_error_are_positioned() {
    let inputs: &[&[u8]] = &[
        b"",
        b"?",
        b"[",
        b"\t",
        b"\x04",
        b"v",
        b"![",
        b"\"\t",
        b"%~",
        b":\n",
        b"\xc2\x83",
        b"{?",
        b"!%2",
        b"!<]",
        b"?\r-",
        b"'\n  ",
        b"{!\n:",
        b"{v:]",
        b"\n\x12\n\r\n\r",
        b"ver\n\x00&\n",
        b"{Be}: \n",
        b"{v{}}:\n",
        b"{ [''}!\n",
        b"{&+ {e}A}:",
        b"{on: :}s: :\n",
        b"{vn,\xda\x9b[\xda\x9b a\n",
        b"version: 1\n 1\n",
        b"version: 1\nname8 x\ni\nt",
        b"version: 1\nname: x: []\n",
        b"{e\xef\xbb\xbfpes\xef\xbb\xbfe@@ {$\xef\xbb\xbfpEs\xef\xbb\xbfpe]\n\n",
        b"a: &a [*a]\n",
        b"*a\n",
        b"---\n...\n---\n",
    ];
    for input in inputs {
        let text = std::str::from_utf8(input).unwrap();
        positioned_errors(text);
    }
}

/// YAML line breaks and a byte order mark do not change the output, and
/// errors keep their positions whatever the line breaks.
#[test]
fn line_breaks_and_bom_do_not_change_the_output() {
    let lf = webizpay_codegen::generate(REAL_SPEC, PATH).unwrap();
    for variant in [
        REAL_SPEC.replace('\n', "\r\n"),
        REAL_SPEC.replace('\n', "\r"),
        format!("\u{feff}{REAL_SPEC}"),
    ] {
        let g = webizpay_codegen::generate(&variant, PATH).unwrap();
        assert_eq!(g.files, lf.files);
    }

    let bad = REAL_SPEC.replace("method: POST", "method: TRACE");
    let at = |text: &str| -> Vec<(u64, u64)> {
        positioned_errors(text)
            .iter()
            .map(|e| (e.pos.line, e.pos.column))
            .collect()
    };
    let expected = at(&bad);
    assert_eq!(
        expected.len(),
        REAL_SPEC.matches("method: POST").count(),
        "one error per POST operation"
    );
    assert_eq!(at(&bad.replace('\n', "\r\n")), expected);
    assert_eq!(at(&bad.replace('\n', "\r")), expected);
    // A tab after the colon is separation, not content.
    assert_eq!(
        at(&bad.replacen("method: TRACE", "method:\tTRACE", 1)),
        expected
    );
    for e in positioned_errors(&bad) {
        let line = bad.lines().nth(e.pos.line as usize - 1).unwrap();
        let col = e.pos.column as usize - 1;
        assert!(
            line.chars()
                .skip(col)
                .collect::<String>()
                .starts_with("TRACE"),
            "{e} does not point at the value: {line:?}"
        );
    }
}
