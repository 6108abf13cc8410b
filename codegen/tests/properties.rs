//! Property tests of the generator: on arbitrary YAML-ish documents and on
//! mutations of the real spec and fixtures, `webizpay_codegen::generate`
//! never panics, and returns either
//! - `Ok`, whose output is deterministic (a second run gives byte-identical
//!   files) and whose every file parses with `syn`, or
//! - `Err`, whose every error names the spec file, a line inside the
//!   document (1 ..= lines + 1) and column ≥ 1, and has a non-empty message.
//!
//! Bounded (256 cases per property, fixed seed) so CI stays fast; each test
//! prints how many cases ran and how many were `Ok`. Set `PROPTEST_CASES` to
//! run more.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

const REAL_SPEC: &str = include_str!("../../spec/webizpay.yaml");
const FIXTURES: [&str; 2] = [
    include_str!("fixtures/create_card.yaml"),
    include_str!("fixtures/list_cards.yaml"),
];
const SPEC_PATH: &str = "props.yaml";
const DEFAULT_CASES: u32 = 256;

/// Keys of the spec format (spec/README.md), so that generated documents get
/// past the first "unknown key" check now and then.
const KEYS: &[&str] = &[
    "version",
    "name",
    "title",
    "hosts",
    "primary",
    "backup",
    "url",
    "description",
    "types",
    "label",
    "enum",
    "value",
    "operations",
    "id",
    "summary",
    "doc",
    "revision",
    "merchant_types",
    "method",
    "path",
    "request",
    "in",
    "required",
    "type",
    "min_length",
    "max_length",
    "charset",
    "ranges",
    "chars",
    "example",
    "response",
    "status",
    "fields",
    "examples",
    "body",
    "errors",
    "code",
    "solution",
    "retry",
    "items",
    "format",
];

/// Scalars worth putting in a spec: versions, names, types, methods, paths,
/// YAML oddities, Rust keywords.
const SCALARS: &[&str] = &[
    "1",
    "0",
    "2",
    "-1",
    "webizpay",
    "x",
    "企业支付",
    "https://api.mch.weixin.qq.com",
    "http://x",
    "2025-05-09",
    "2025-02-30",
    "true",
    "false",
    "null",
    "~",
    "\"\"",
    "''",
    "string",
    "string(32)",
    "string(0)",
    "string(99999999999999999999)",
    "integer",
    "int64",
    "number",
    "boolean",
    "date-time",
    "object",
    "array",
    "ApplicationType",
    "Unknown",
    "path",
    "query",
    "body",
    "GET",
    "POST",
    "PUT",
    "DELETE",
    "TRACE",
    "/v3/webizpay/users/{user_id}/x",
    "/v3/{a}/{a}",
    "/v3/{}",
    "/",
    "{user_id}",
    "200",
    "400",
    "PARAM_ERROR",
    "H5",
    "self",
    "Self",
    "type",
    "fn",
    "crate",
    "r#try",
    "_",
    "1abc",
    "a b",
    "[]",
    "{}",
    "[a, b]",
    "{a: b}",
    "&anchor x",
    "*anchor",
    "!!str 1",
    "!!binary aGk=",
    "|",
    ">-",
    "1e400",
    "0x1F",
    ".inf",
    ".nan",
    "\"\\u0000\"",
    "\"\\t\"",
    "'it''s'",
    "#",
    "- x",
];

/// A YAML-ish node.
#[derive(Clone, Debug)]
enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => prop::collection::vec(prop::char::range('a', 'z'), 1..8)
            .prop_map(|c| c.into_iter().collect()),
        1 => prop::sample::select(SCALARS).prop_map(str::to_owned),
    ]
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(SCALARS).prop_map(str::to_owned),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => prop::collection::vec(any::<char>(), 0..12).prop_map(|c| {
            // Quoted and escaped as JSON (a subset of YAML double quotes).
            serde_json::to_string(&c.into_iter().collect::<String>()).unwrap()
        }),
        1 => prop::collection::vec(prop::char::range(' ', '~'), 0..12)
            .prop_map(|c| c.into_iter().collect()),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    scalar()
        .prop_map(Node::Scalar)
        .prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Node::Seq),
                prop::collection::vec((key(), inner), 0..6).prop_map(Node::Map),
            ]
        })
}

/// Renders `node` as block YAML at `indent`, sometimes in flow style.
fn render(node: &Node, indent: usize, flow: bool, out: &mut String) {
    match node {
        Node::Scalar(s) => {
            out.push_str(s);
            out.push('\n');
        }
        _ if flow => {
            render_flow(node, out);
            out.push('\n');
        }
        Node::Seq(items) if items.is_empty() => out.push_str("[]\n"),
        Node::Map(entries) if entries.is_empty() => out.push_str("{}\n"),
        Node::Seq(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent));
                out.push_str("- ");
                render(item, indent + 2, false, out);
            }
        }
        Node::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                out.push_str(&" ".repeat(indent));
                out.push_str(k);
                out.push_str(": ");
                render(v, indent + 2, false, out);
            }
        }
    }
}

fn render_flow(node: &Node, out: &mut String) {
    match node {
        Node::Scalar(s) => out.push_str(s),
        Node::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render_flow(item, out);
            }
            out.push(']');
        }
        Node::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(": ");
                render_flow(v, out);
            }
            out.push('}');
        }
    }
}

type NodeStrategy = BoxedStrategy<Node>;

/// Usually `shape`, sometimes any node (so every position sees wrong shapes too).
fn or_any(shape: NodeStrategy) -> NodeStrategy {
    prop_oneof![40 => shape, 1 => node()].boxed()
}

/// Free text: mostly plain words, sometimes any scalar.
fn text() -> NodeStrategy {
    const WORDS: &[&str] = &["企业支付", "员工", "x", "a description", "跳转链接", "ok"];
    prop_oneof![
        40 => prop::sample::select(WORDS).prop_map(|w| Node::Scalar(w.to_owned())),
        2 => scalar().prop_map(Node::Scalar),
        1 => node(),
    ]
    .boxed()
}

fn one_of(values: &'static [&'static str]) -> NodeStrategy {
    or_any(
        prop::sample::select(values)
            .prop_map(|v| Node::Scalar(v.to_owned()))
            .boxed(),
    )
}

/// A mapping with these keys in order, each present with probability 0.97,
/// sometimes with an extra random entry.
fn record(fields: Vec<(&'static str, NodeStrategy)>) -> NodeStrategy {
    let entries: Vec<_> = fields
        .into_iter()
        .map(|(k, v)| prop::option::weighted(0.97, v.prop_map(move |v| (k.to_owned(), v))))
        .collect();
    or_any(
        (entries, prop::option::weighted(0.03, (key(), node())))
            .prop_map(|(entries, extra)| {
                Node::Map(entries.into_iter().flatten().chain(extra).collect())
            })
            .boxed(),
    )
}

fn seq(item: NodeStrategy, len: std::ops::Range<usize>) -> NodeStrategy {
    or_any(prop::collection::vec(item, len).prop_map(Node::Seq).boxed())
}

const TYPES: &[&str] = &[
    "string",
    "string(32)",
    "string(6)",
    "integer",
    "int64",
    "boolean",
    "date-time",
    "ApplicationType",
    "State",
    "Unknown",
    "string(0)",
];
const NAMES: &[&str] = &[
    "user_id",
    "sp_mchid",
    "sub_mchid",
    "employee_id",
    "type",
    "a",
    "A",
    "x_y",
];

fn host() -> NodeStrategy {
    record(vec![
        (
            "url",
            one_of(&[
                "https://api.mch.weixin.qq.com",
                "https://x",
                "http://x",
                "x",
            ]),
        ),
        ("description", text()),
    ])
}

fn param() -> NodeStrategy {
    record(vec![
        ("name", one_of(NAMES)),
        ("in", one_of(&["path", "query", "body", "header"])),
        ("label", text()),
        ("description", text()),
        ("required", one_of(&["true", "false"])),
        ("type", one_of(TYPES)),
        ("min_length", one_of(&["0", "1", "6", "33", "-1"])),
        (
            "charset",
            record(vec![
                (
                    "ranges",
                    seq(one_of(&["0-9", "A-Z", "a-z", "z-a", "中-文"]), 0..3),
                ),
                ("chars", one_of(&["_-|*", "", "\"\\\\\""])),
            ]),
        ),
        ("example", text()),
    ])
}

fn field() -> NodeStrategy {
    record(vec![
        ("name", one_of(NAMES)),
        ("label", text()),
        ("description", text()),
        ("required", one_of(&["true", "false"])),
        ("type", one_of(TYPES)),
        ("example", text()),
    ])
}

fn operation() -> NodeStrategy {
    record(vec![
        (
            "id",
            one_of(&["apply_authorization", "revoke", "x", "Bad-Id", "fn"]),
        ),
        ("title", text()),
        ("summary", text()),
        (
            "doc",
            record(vec![
                (
                    "url",
                    one_of(&["https://pay.weixin.qq.com/doc/v3/partner/4014507153", "x"]),
                ),
                (
                    "revision",
                    one_of(&["2025-05-09", "2025-13-01", "yesterday"]),
                ),
            ]),
        ),
        ("merchant_types", seq(text(), 0..3)),
        (
            "method",
            one_of(&["GET", "POST", "DELETE", "TRACE", "post"]),
        ),
        (
            "path",
            one_of(&[
                "/v3/webizpay/users/{user_id}/authorization-url",
                "/v3/webizpay/employees/{employee_id}/revoke",
                "/v3/x",
                "/v3/{a}/{a}",
                "v3",
            ]),
        ),
        ("request", seq(param(), 0..4)),
        (
            "response",
            record(vec![
                ("status", one_of(&["200", "204", "400", "x"])),
                ("fields", seq(field(), 0..4)),
            ]),
        ),
        (
            "errors",
            seq(
                record(vec![
                    ("status", one_of(&["400", "401", "500", "200"])),
                    (
                        "code",
                        one_of(&["PARAM_ERROR", "SYSTEM_ERROR", "param error", "''"]),
                    ),
                    ("description", text()),
                    ("solution", text()),
                    ("retry", one_of(&["true", "false", "maybe"])),
                ]),
                0..3,
            ),
        ),
    ])
}

fn spec_node() -> NodeStrategy {
    let enum_type = record(vec![
        ("label", text()),
        ("description", text()),
        (
            "enum",
            seq(
                record(vec![
                    (
                        "value",
                        one_of(&["H5", "MINIPROGRAM", "A", "a b", "Unknown", "''"]),
                    ),
                    ("description", text()),
                ]),
                0..4,
            ),
        ),
    ]);
    let types = or_any(
        prop::collection::vec(
            (
                prop::sample::select(&["ApplicationType", "State", "T", "Unknown", "bad name"][..]),
                enum_type,
            ),
            0..3,
        )
        .prop_map(|entries| {
            Node::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect(),
            )
        })
        .boxed(),
    );
    record(vec![
        ("version", one_of(&["1", "2", "0"])),
        ("name", one_of(&["webizpay", "x", "Bad Name", "\"\""])),
        ("title", text()),
        (
            "hosts",
            record(vec![("primary", host()), ("backup", host())]),
        ),
        ("types", types),
        ("operations", seq(operation(), 0..3)),
    ])
}

/// A whole document: spec-shaped (the format's keys, nesting and typical
/// values, with any node anywhere now and then) or, one time in four, a
/// free-form map of spec-like keys.
fn document() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => spec_node(),
        1 => prop::collection::vec((key(), node()), 0..8).prop_map(Node::Map),
    ]
    .prop_map(|doc| {
        let mut out = String::new();
        match &doc {
            Node::Map(entries) if !entries.is_empty() => {
                for (k, v) in entries {
                    out.push_str(k);
                    out.push_str(": ");
                    render(v, 2, false, &mut out);
                }
            }
            other => render_flow(other, &mut out),
        }
        out
    })
}

/// A change to a document.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// Adds (positive) or removes (negative) leading spaces.
    Indent(usize, i8),
    /// Replaces what follows the first `: ` or `- ` of a line.
    ReplaceScalar(usize, String),
    /// Inserts bytes (made UTF-8 lossily) at a byte offset.
    InsertBytes(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        at.prop_map(Mutation::DeleteLine),
        at.prop_map(Mutation::DuplicateLine),
        (at, at).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (at, -8i8..=8).prop_map(|(l, by)| Mutation::Indent(l, by)),
        (at, scalar()).prop_map(|(l, s)| Mutation::ReplaceScalar(l, s)),
        (at, prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(p, b)| Mutation::InsertBytes(p, b)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let n = lines.len().max(1);
    if lines.is_empty() {
        lines.push(String::new());
    }
    match m {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let mut copy = lines[i % n].clone();
            if !copy.ends_with('\n') {
                copy.push('\n');
            }
            lines.insert(i % n, copy);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::Indent(i, by) => {
            let line = &mut lines[i % n];
            if *by >= 0 {
                line.insert_str(0, &" ".repeat(usize::from(by.unsigned_abs())));
            } else {
                let spaces = line.bytes().take_while(|&b| b == b' ').count();
                line.drain(..spaces.min(usize::from(by.unsigned_abs())));
            }
        }
        Mutation::ReplaceScalar(i, scalar) => {
            let line = &mut lines[i % n];
            let newline = line.ends_with('\n');
            let body = line.trim_end_matches('\n');
            let start = [": ", "- "]
                .iter()
                .filter_map(|sep| body.find(sep).map(|p| p + 2))
                .min()
                .unwrap_or(body.len());
            let mut new = body[..start].to_owned();
            new.push_str(scalar);
            if newline {
                new.push('\n');
            }
            *line = new;
        }
        Mutation::InsertBytes(at, bytes) => {
            let mut raw = lines.concat().into_bytes();
            let at = at % (raw.len() + 1);
            raw.splice(at..at, bytes.iter().copied());
            return String::from_utf8_lossy(&raw).into_owned();
        }
    }
    lines.concat()
}

/// The number of lines as YAML counts them (`\n`, `\r\n` and a lone `\r`
/// each end a line).
fn yaml_lines(text: &str) -> u64 {
    let mut breaks = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => breaks += 1,
            '\r' => {
                breaks += 1;
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    breaks + 1
}

/// The contract of `generate` on one document; `Ok(true)` when it generated.
fn check(text: &str) -> Result<bool, TestCaseError> {
    let first = catch_unwind(AssertUnwindSafe(|| {
        webizpay_codegen::generate(text, SPEC_PATH)
    }))
    .map_err(|_| TestCaseError::fail(format!("generate panicked on:\n{text}")))?;
    match first {
        Ok(generated) => {
            let again = webizpay_codegen::generate(text, SPEC_PATH)
                .map_err(|e| TestCaseError::fail(format!("second run failed: {e}")))?;
            prop_assert_eq!(
                &generated.files,
                &again.files,
                "output is not deterministic"
            );
            prop_assert!(!generated.files.is_empty());
            for (path, file) in generated
                .files
                .iter()
                .filter(|(p, _)| p.extension().is_some_and(|x| x == "rs"))
            {
                if let Err(e) = syn::parse_file(file) {
                    return Err(TestCaseError::fail(format!(
                        "{} does not parse: {e}\nspec:\n{text}",
                        path.display()
                    )));
                }
            }
            Ok(true)
        }
        Err(errors) => {
            let lines = yaml_lines(text);
            prop_assert!(!errors.errors().is_empty(), "Err without errors");
            for e in errors.errors() {
                prop_assert_eq!(&e.file, SPEC_PATH);
                prop_assert!(!e.message.trim().is_empty(), "empty message: {}", e);
                prop_assert!(
                    (1..=lines + 1).contains(&e.pos.line),
                    "line outside the document ({} lines): {}\nspec:\n{}",
                    lines,
                    e,
                    text
                );
                prop_assert!(e.pos.column >= 1, "column 0: {}", e);
            }
            Ok(false)
        }
    }
}

fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    // A fixed seed: the same cases on every run (and in CI).
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    TestRunner::new_with_rng(config, rng)
}

/// Runs `check` over `strategy`, printing how many cases ran.
fn run<S: Strategy>(name: &str, strategy: S, to_text: impl Fn(&S::Value) -> String) {
    let ran = AtomicUsize::new(0);
    let ok = AtomicUsize::new(0);
    let result = runner().run(&strategy, |value| {
        ran.fetch_add(1, Ordering::Relaxed);
        if check(&to_text(&value))? {
            ok.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    let (ran, ok) = (ran.into_inner(), ok.into_inner());
    println!("{name}: {ran} cases ran ({ok} Ok, {} Err)", ran - ok);
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

#[test]
fn arbitrary_documents() {
    run("arbitrary_documents", document(), String::clone);
}

#[test]
fn mutations_of_the_real_spec() {
    run(
        "mutations_of_the_real_spec",
        prop::collection::vec(mutation(), 1..4),
        |mutations| {
            mutations
                .iter()
                .fold(REAL_SPEC.to_owned(), |t, m| apply(&t, m))
        },
    );
}

#[test]
fn mutations_of_the_fixtures() {
    run(
        "mutations_of_the_fixtures",
        (0..FIXTURES.len(), prop::collection::vec(mutation(), 1..4)),
        |(which, mutations)| {
            mutations
                .iter()
                .fold(FIXTURES[*which].to_owned(), |t, m| apply(&t, m))
        },
    );
}

#[test]
fn single_line_mutations_of_the_real_spec_hit_every_kind() {
    // One mutation per case, so each kind is seen on its own against the real spec.
    run("single_mutations_of_the_real_spec", mutation(), |m| {
        apply(REAL_SPEC, m)
    });
}

#[test]
fn the_unmutated_inputs_generate() {
    for text in std::iter::once(REAL_SPEC).chain(FIXTURES) {
        assert!(check(text).unwrap(), "an unmutated spec must generate");
    }
}
