//! Rustdoc text of generated items: the spec's labels, descriptions,
//! constraints and examples.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Bound, Field, ParamLocation, Type};

/// Escapes what rustdoc would read as a link or an HTML tag.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Prose from the spec, escaped, with each source line kept.
pub(crate) fn prose(text: &str) -> String {
    escape(text.trim())
}

/// Inline code that survives backticks in `text`.
pub(crate) fn code(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// `#[doc = "…"]` attributes, one per line.
pub(crate) fn outer(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// `#![doc = "…"]` attributes, one per line.
pub(crate) fn inner(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#![doc = #l])
    });
    quote!(#(#lines)*)
}

/// `【label】 description`, or whichever of the two there is.
pub(crate) fn heading(label: Option<&str>, description: Option<&str>) -> String {
    let label = label.map(|l| format!("【{}】", prose(l)));
    let description = description.map(prose).filter(|d| !d.is_empty());
    match (label, description) {
        (Some(l), Some(d)) => format!("{l} {d}"),
        (Some(l), None) => l,
        (None, Some(d)) => d,
        (None, None) => String::new(),
    }
}

fn range(min: Option<String>, max: Option<String>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}..={max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => String::new(),
    }
}

fn bound(b: Option<Bound>) -> Option<String> {
    b.map(|b| match b {
        Bound::Int(i) => i.to_string(),
        Bound::Number(x) => x.to_string(),
    })
}

fn type_phrase(ty: &Type, api: &Api) -> String {
    match ty {
        Type::String { .. } => "string".to_owned(),
        Type::Integer => "integer".to_owned(),
        Type::Number => "number".to_owned(),
        Type::Boolean => "boolean".to_owned(),
        Type::DateTime => "RFC 3339 date-time, offset kept".to_owned(),
        Type::Date => "date `yyyy-MM-DD`".to_owned(),
        Type::Enum { name } => match api.named_type(name) {
            Some(crate::ir::NamedType::Enum(e)) => {
                let values: Vec<String> = e.values.iter().map(|v| code(&v.value)).collect();
                format!(
                    "one of {} ([`{name}`](crate::generated::{name}))",
                    values.join(", ")
                )
            }
            _ => format!("[`{name}`](crate::generated::{name})"),
        },
        Type::Object { name } => format!("[`{name}`](crate::generated::{name})"),
        Type::Array { items } => format!("array of {}", type_phrase(items, api)),
    }
}

/// The constraint line of a field, e.g. ``Path parameter, required; 6..=32
/// chars of `0-9 A-Z a-z _-|*`. Example: `employee123`.``
pub(crate) fn field_summary(field: &Field, api: &Api) -> String {
    let required = if field.required {
        "required"
    } else {
        "optional"
    };
    let mut head = match field.location {
        Some(ParamLocation::Path) => format!("Path parameter, {required}"),
        Some(ParamLocation::Query) => format!("Query parameter, {required}"),
        Some(ParamLocation::Body) | None => {
            let mut r = required.to_owned();
            r[..1].make_ascii_uppercase();
            r
        }
    };
    let c = &field.constraints;
    let mut parts = vec![type_phrase(&field.ty, api)];
    let item_max = |ty: &Type| match ty {
        Type::String { max_length } => *max_length,
        _ => None,
    };
    if let Type::String { max_length } = &field.ty {
        let len = range(
            c.min_length.map(|m| m.to_string()),
            max_length.map(|m| m.to_string()),
        );
        if !len.is_empty() {
            parts[0] = format!("{len} chars");
        }
        if let Some(charset) = &c.charset {
            let allowed = format!("of {}", code(&charset.description));
            if len.is_empty() {
                parts[0] = format!("string {allowed}");
            } else {
                parts[0] = format!("{} {allowed}", parts[0]);
            }
        }
    }
    if let Type::Array { items } = &field.ty {
        let count = range(
            c.min_items.map(|m| m.to_string()),
            c.max_items.map(|m| m.to_string()),
        );
        if !count.is_empty() {
            parts.push(format!("{count} items"));
        }
        if let Some(max) = item_max(items) {
            parts.push(format!("each at most {max} chars"));
        }
    }
    match (bound(c.minimum), bound(c.maximum)) {
        (Some(min), Some(max)) => parts.push(format!("{min}..={max}")),
        (Some(min), None) => parts.push(format!(">= {min}")),
        (None, Some(max)) => parts.push(format!("<= {max}")),
        (None, None) => {}
    }
    head.push_str("; ");
    head.push_str(&parts.join("; "));
    head.push('.');
    if let Some(example) = &field.example {
        let text = match example {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        head.push_str(&format!(" Example: {}.", code(&text)));
    }
    head
}

/// The full doc of a struct field.
pub(crate) fn field(field: &Field, api: &Api) -> TokenStream {
    let heading = heading(field.label.as_deref(), field.description.as_deref());
    let summary = field_summary(field, api);
    let text = if heading.is_empty() {
        summary
    } else {
        format!("{heading}\n\n{summary}")
    };
    outer(&text)
}

/// The documentation reference of an operation.
pub(crate) fn documentation(op: &crate::ir::Operation) -> String {
    let mut text = format!(
        "Documentation: <{}> (revision {}).",
        op.doc_url, op.revision
    );
    if let Some(notes) = &op.notes {
        text.push_str(&format!("\n\nNotes: {}", prose(notes)));
    }
    if !op.merchant_types.is_empty() {
        text.push_str(&format!(
            "\n\nMerchant types: {}.",
            prose(&op.merchant_types.join(", "))
        ));
    }
    text
}

/// `operations.md`: the table of every operation, included in the crate
/// documentation (`#![doc = include_str!(…)]`), so the list there follows
/// the spec.
pub(crate) fn operations_markdown(api: &crate::ir::Api) -> String {
    let mut out = format!("{}\n", super::MARKDOWN_PREAMBLE);
    out.push_str(&format!(
        "\n# Operations\n\nEvery operation of the spec of {} ({}), in spec order: the `Client` method, what it does, its HTTP method and path, and the page and revision the spec follows.\n\n| method | operation | HTTP | documentation |\n|---|---|---|---|\n",
        prose(&api.title),
        code(&api.name)
    ));
    for op in &api.operations {
        out.push_str(&format!(
            "| [`Client::{id}`](crate::Client::{id}) | {title} | `{method} {path}` | <{url}> ({revision}) |\n",
            id = op.id,
            title = prose(&op.title).replace('|', "\\|"),
            method = op.method.as_str(),
            path = op.path,
            url = op.doc_url,
            revision = op.revision,
        ));
    }
    out
}
