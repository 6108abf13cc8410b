//! `webizpay_codegen::generate` on structure-aware mutations of real specs:
//! the input picks a base (the real spec or one of the codegen fixtures,
//! compiled in) and a list of edits at arbitrary positions (byte edits, and
//! line edits: delete, duplicate, swap, re-indent, replace a scalar). Same
//! contract as `spec_text`: Ok with files that parse, or positioned errors.
//! The empty input is the unmodified real spec.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[path = "spec_common.rs"]
mod spec_common;

const BASES: [&str; 3] = [
    include_str!("../../spec/webizpay.yaml"),
    include_str!("../../codegen/tests/fixtures/create_card.yaml"),
    include_str!("../../codegen/tests/fixtures/list_cards.yaml"),
];

/// Scalars worth putting in a spec: keywords, types, numbers, odd strings.
const SCALARS: &[&str] = &[
    "",
    "~",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "0x10",
    "4294967296",
    "18446744073709551616",
    "string",
    "string(0)",
    "string(32)",
    "string(99999999999)",
    "integer",
    "int64",
    "number",
    "boolean",
    "date-time",
    "object",
    "array",
    "path",
    "query",
    "body",
    "GET",
    "POST",
    "DELETE",
    "{user_id}",
    "/v3/{a}/{a}",
    "/",
    "[]",
    "{}",
    "\"\"",
    "'",
    "&a",
    "*a",
    "!!str",
    "!!binary",
    "|",
    ">-",
    "- ",
    ": ",
    "#",
    "%",
    "@",
    "`",
    "\t",
    "\u{feff}",
    "\u{0}",
    "\u{85}",
    "\u{2028}",
    "中文",
    "r#type",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "__",
    "type",
    "match",
    "fn",
    "1abc",
    "a b",
    "a-b",
    "A",
    "Unknown",
    "unknown",
    "VALUES",
    "2025-02-30",
    "9999-12-31",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];

#[derive(Arbitrary, Debug)]
enum Edit {
    /// Deletes up to `len` bytes at the position.
    Delete { at: u16, len: u8 },
    /// Inserts bytes at the position.
    Insert { at: u16, bytes: Vec<u8> },
    /// Overwrites one byte.
    Set { at: u16, byte: u8 },
    /// Deletes the line.
    DeleteLine { line: u16 },
    /// Duplicates the line.
    DuplicateLine { line: u16 },
    /// Swaps two lines.
    SwapLines { a: u16, b: u16 },
    /// Adds (positive) or removes (negative) leading spaces of a line.
    Indent { line: u16, by: i8 },
    /// Replaces the value after the first `: ` (or `- `) of a line.
    ReplaceScalar { line: u16, scalar: u8 },
    /// Replaces the value after the first `: ` of a line with arbitrary text.
    ReplaceScalarWith { line: u16, text: String },
}

#[derive(Arbitrary, Debug)]
struct Input {
    base: u8,
    edits: Vec<Edit>,
}

fn pos(at: u16, len: usize) -> usize {
    if len == 0 {
        0
    } else {
        usize::from(at) % (len + 1)
    }
}

fn apply(text: &mut Vec<u8>, edit: &Edit) {
    let len = text.len();
    // Line edits work on `\n`-separated lines, keeping the terminators.
    let mut lines: Vec<Vec<u8>> = text
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    let line_at = |line: u16, n: usize| if n == 0 { 0 } else { usize::from(line) % n };
    let n = lines.len();
    match edit {
        Edit::Delete { at, len: l } => {
            let start = pos(*at, len);
            let end = (start + usize::from(*l)).min(len);
            text.drain(start..end);
            return;
        }
        Edit::Insert { at, bytes } => {
            let at = pos(*at, len);
            text.splice(at..at, bytes.iter().copied());
            return;
        }
        Edit::Set { at, byte } => {
            if len > 0 {
                text[usize::from(*at) % len] = *byte;
            }
            return;
        }
        Edit::DeleteLine { line } if n > 0 => {
            lines.remove(line_at(*line, n));
        }
        Edit::DuplicateLine { line } if n > 0 => {
            let i = line_at(*line, n);
            let mut copy = lines[i].clone();
            if !copy.ends_with(b"\n") {
                copy.push(b'\n');
            }
            lines.insert(i, copy);
        }
        Edit::SwapLines { a, b } if n > 0 => {
            lines.swap(line_at(*a, n), line_at(*b, n));
        }
        Edit::Indent { line, by } if n > 0 => {
            let l = &mut lines[line_at(*line, n)];
            if *by >= 0 {
                l.splice(
                    0..0,
                    std::iter::repeat_n(b' ', usize::from(by.unsigned_abs())),
                );
            } else {
                let spaces = l.iter().take_while(|&&b| b == b' ').count();
                l.drain(..spaces.min(usize::from(by.unsigned_abs())));
            }
        }
        Edit::ReplaceScalar { line, scalar } if n > 0 => {
            let scalar = SCALARS[usize::from(*scalar) % SCALARS.len()];
            replace_value(&mut lines[line_at(*line, n)], scalar.as_bytes());
        }
        Edit::ReplaceScalarWith { line, text } if n > 0 => {
            replace_value(&mut lines[line_at(*line, n)], text.as_bytes());
        }
        _ => return,
    }
    *text = lines.concat();
}

fn replace_value(line: &mut Vec<u8>, value: &[u8]) {
    let newline = line.ends_with(b"\n");
    let start = line
        .windows(2)
        .position(|w| w == b": " || w == b"- ")
        .map(|i| i + 2)
        .unwrap_or(line.len() - usize::from(newline));
    line.truncate(start);
    line.extend_from_slice(value);
    if newline {
        line.push(b'\n');
    }
}

fuzz_target!(|input: Input| {
    let mut text = BASES[usize::from(input.base) % BASES.len()]
        .as_bytes()
        .to_vec();
    for edit in input.edits.iter().take(16) {
        apply(&mut text, edit);
    }
    let text = String::from_utf8_lossy(&text);
    spec_common::check(&text);
});
