//! Rust code from the IR: tokens with `quote`, parsed into a `syn::File` and
//! formatted with `prettyplease`, so the output is deterministic.

mod checks;
mod docs;
mod error_code;
mod notifications;
mod operation;
mod types;

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, Type};

/// The first line of every generated Rust file.
pub const PREAMBLE: &str =
    "// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.";

/// The first line of every generated Markdown file.
pub const MARKDOWN_PREAMBLE: &str =
    "<!-- @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand. -->";

/// Generates every file of the `generated` module, keyed by path relative to it.
pub fn emit(api: &Api) -> Result<BTreeMap<PathBuf, String>, String> {
    let mut files = BTreeMap::new();
    files.insert(PathBuf::from("mod.rs"), render(module_file(api), "mod.rs")?);
    if !api.types.is_empty() {
        files.insert(
            PathBuf::from("types.rs"),
            render(types::file(api), "types.rs")?,
        );
    }
    files.insert(
        PathBuf::from("operations.rs"),
        render(operations_file(api), "operations.rs")?,
    );
    files.insert(
        PathBuf::from("operations.md"),
        docs::operations_markdown(api),
    );
    if !api.notifications.is_empty() {
        files.insert(
            PathBuf::from("notifications.rs"),
            render(notifications::file(api), "notifications.rs")?,
        );
    }
    files.insert(
        PathBuf::from("error_code.rs"),
        render(error_code::file(api), "error_code.rs")?,
    );
    for op in &api.operations {
        let name = crate::naming::operation_file(&op.id);
        files.insert(
            PathBuf::from(&name),
            render(operation::file(api, op), &name)?,
        );
    }
    Ok(files)
}

fn render(tokens: TokenStream, name: &str) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("internal error: generated {name} does not parse: {e}"))?;
    Ok(format!(
        "{PREAMBLE}\n{}",
        space_items(&prettyplease::unparse(&file))
    ))
}

/// Puts a blank line between items, between documented fields and after
/// the module doc and imports (prettyplease leaves none), as rustfmt'd code
/// written by hand would have.
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(prev) = previous
            && needs_blank(prev, line)
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn needs_blank(prev: &str, line: &str) -> bool {
    let (p, l) = (prev.trim(), line.trim());
    let depth = indent(line);
    if p.is_empty() || l.is_empty() || indent(prev) != depth || depth > 4 {
        return false;
    }
    let closes = matches!(l.chars().next(), Some('}' | ')' | ']')) || l.starts_with("else");
    let ends_item =
        p == "}" || p == "};" || (depth == 0 && (p.ends_with('}') || p.ends_with("};")));
    if ends_item && !closes {
        return true;
    }
    let attached =
        p.starts_with("///") || p.starts_with("#[") || p.starts_with("//!") || p.ends_with('{');
    let starts_item = [
        "///",
        "fn ",
        "pub fn ",
        "pub async fn ",
        "const ",
        "pub const ",
        "#[",
    ]
    .iter()
    .any(|start| l.starts_with(start));
    if starts_item && !attached && p.ends_with(';') {
        return true;
    }
    if l.starts_with("///") && !attached {
        return true;
    }
    depth == 0
        && ((p.starts_with("//!") && !l.starts_with("//!"))
            || (p.starts_with("use ") && !l.starts_with("use "))
            || (p.starts_with("mod ") && l.starts_with("pub use ")))
}

/// `mod.rs`: only `mod` and `pub use` lines, which rustfmt leaves alone;
/// the modules are `#[rustfmt::skip]` (prettyplease formats them).
fn module_file(api: &Api) -> TokenStream {
    let mut modules: Vec<String> = api.operations.iter().map(|o| o.id.clone()).collect();
    modules.extend(["error_code".to_owned(), "operations".to_owned()]);
    if !api.notifications.is_empty() {
        modules.push("notifications".to_owned());
    }
    if !api.types.is_empty() {
        modules.push("types".to_owned());
    }
    modules.sort();
    let mods = modules.iter().map(|m| ident(m));
    let uses = modules.iter().map(|m| ident(m));
    let doc = docs::inner(&format!(
        "Types and operations generated from the spec of {} ({}).",
        docs::prose(&api.title),
        docs::code(&api.name)
    ));
    quote! {
        #doc
        #(#[rustfmt::skip] mod #mods;)*
        #(pub use self::#uses::*;)*
    }
}

/// `operations.rs`: the list of every operation, the facts every operation
/// shares (hosts, the header catalog) and the simulator's table.
fn operations_file(api: &Api) -> TokenStream {
    let consts: Vec<_> = api
        .operations
        .iter()
        .map(|o| ident(&o.const_name))
        .collect();
    let doc = docs::inner(
        "The list of every operation of the spec, the facts they share (hosts, documented\nheaders) and, with the `simulator` feature, the simulator's table of operations.",
    );
    let host = |h: &crate::ir::Host, name: &str, what: &str| {
        let name = ident(name);
        let url = string(&h.url);
        let description = string(&h.description);
        let doc = docs::outer(&format!(
            "The {what} host: {}.",
            docs::prose(&h.description)
        ));
        quote! {
            #doc
            pub(crate) const #name: Host = Host { url: #url, description: #description };
        }
    };
    let primary = host(&api.primary_host, "PRIMARY", "primary");
    let backup = host(&api.backup_host, "BACKUP", "backup");
    let headers = api.headers.iter().map(|h| {
        let c = ident(&h.const_name);
        let name = string(&h.name);
        let required = h.required;
        let description = string(&h.description);
        let value = match &h.value {
            Some(v) => {
                let v = string(v);
                quote!(Some(#v))
            }
            None => quote!(None),
        };
        let doc = docs::outer(&format!("`{}`.", h.name));
        quote! {
            #doc
            pub(crate) const #c: HeaderInfo = HeaderInfo {
                name: #name,
                required: #required,
                description: #description,
                value: #value,
            };
        }
    });
    let sim = api.operations.iter().map(|o| {
        let request_type = ident(&o.request_type);
        let example = o
            .examples
            .iter()
            .find_map(|e| e.response_body.as_ref())
            .map(|body| string(&body.to_string()));
        let example = match example {
            Some(e) => quote!(Some(#e)),
            None => quote!(None),
        };
        quote!(crate::simulator::SimOp::of::<crate::generated::#request_type>(#example))
    });
    let shapes = api.operations.iter().map(|o| {
        let id = string(&o.id);
        let fields = o.response.iter().map(|f| string(&f.wire_name));
        let required = o
            .response
            .iter()
            .filter(|f| f.required)
            .map(|f| string(&f.wire_name));
        quote!(crate::runtime::wire::AnswerShape {
            operation: #id,
            fields: &[#(#fields),*],
            required: &[#(#required),*],
        })
    });
    quote! {
        #doc
        /// Every operation of the spec, in spec order.
        pub const OPERATIONS: &[&crate::runtime::operation::OperationInfo] = &[#(&crate::generated::#consts),*];

        /// The top-level fields of every operation's answer, in spec order:
        /// the client refuses a verified answer that is plainly another
        /// operation's (`wire::foreign_answer`).
        pub(crate) static ANSWER_SHAPES: &[crate::runtime::wire::AnswerShape] = &[#(#shapes),*];

        /// The hosts of the spec's `hosts` block, shared by every operation.
        pub(crate) mod host_info {
            use crate::runtime::operation::Host;
            #primary
            #backup
        }

        /// The spec's `headers` catalog: one const per documented header.
        pub(crate) mod header_info {
            use crate::runtime::operation::HeaderInfo;
            #(#headers)*
        }

        /// The simulator's table: every operation with its decoder and the
        /// response body of its first spec example.
        #[cfg(feature = "simulator")]
        pub(crate) static SIM_OPERATIONS: &[crate::simulator::SimOp] = &[#(#sim),*];
    }
}

/// An identifier; `r#name` for raw identifiers (names are validated).
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

fn string(s: &str) -> Literal {
    Literal::string(s)
}

fn usize_lit(n: u64) -> TokenStream {
    let lit = Literal::u64_unsuffixed(n);
    quote!(#lit)
}

fn option_usize(n: Option<u64>) -> TokenStream {
    match n {
        Some(n) => {
            let lit = usize_lit(n);
            quote!(Some(#lit))
        }
        None => quote!(None),
    }
}

fn i64_lit(n: i64) -> TokenStream {
    if n == i64::MIN {
        quote!(i64::MIN)
    } else if n < 0 {
        let lit = Literal::i64_unsuffixed(-n);
        quote!(-#lit)
    } else {
        let lit = Literal::i64_unsuffixed(n);
        quote!(#lit)
    }
}

fn f64_lit(x: f64) -> TokenStream {
    let lit = Literal::f64_unsuffixed(x.abs());
    if x.is_sign_negative() {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}

/// The Rust type of a spec type.
fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String { .. } => quote!(String),
        Type::Integer => quote!(i64),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::DateTime => quote!(chrono::DateTime<chrono::FixedOffset>),
        Type::Date => quote!(chrono::NaiveDate),
        Type::Enum { name } | Type::Object { name } => {
            let name = ident(name);
            quote!(crate::generated::#name)
        }
        Type::Array { items } => {
            let items = rust_type(items);
            quote!(Vec<#items>)
        }
    }
}

/// The Rust type of a field, `Option<…>` when it is not required.
fn field_type(field: &crate::ir::Field) -> TokenStream {
    let ty = rust_type(&field.ty);
    if field.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

/// `#[serde(rename = "…")]` when the Rust name differs from the wire name.
fn rename(field: &crate::ir::Field) -> TokenStream {
    if field.rust_name == field.wire_name {
        return TokenStream::new();
    }
    let wire = string(&field.wire_name);
    quote!(#[serde(rename = #wire)])
}

/// The `static` holding each charset of `fields`.
fn charset_statics<'a>(fields: impl Iterator<Item = &'a crate::ir::Field>) -> TokenStream {
    let statics = fields
        .filter_map(|f| f.constraints.charset.as_ref())
        .map(|c| {
            let name = ident(&c.static_name);
            let ranges = c.ranges.iter().map(|(lo, hi)| quote!((#lo, #hi)));
            let chars = string(&c.chars);
            let description = string(&c.description);
            quote! {
                static #name: Charset = Charset {
                    ranges: &[#(#ranges),*],
                    chars: #chars,
                    description: #description,
                };
            }
        });
    quote!(#(#statics)*)
}

/// A generated data struct (request, response, object or event):
/// `#[non_exhaustive]`, serializable both ways, with the emitted `fields`,
/// and built by name with its `bon` builder (a missing required field is a
/// compile error; an optional field added later is not a breaking change).
fn data_struct(
    doc: &TokenStream,
    name: &Ident,
    fields: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    let builder = docs::outer(&format!(
        "\nBuild one by field name with [`{name}::builder()`]; leaving out a required field does not compile."
    ));
    quote! {
        #doc
        #builder
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
        #[builder(on(_, into))]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}
