//! One module per operation: its `OperationInfo`, request and response
//! types, the `Operation` impl and the `Client` method.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::checks::{self, Uses};
use super::{charset_statics, docs, field_type, ident, rename, string};
use crate::ir::{Api, Field, Operation, ParamLocation, PathSegment, Type};

pub(crate) fn file(api: &Api, op: &Operation) -> TokenStream {
    let module_doc = docs::inner(&format!(
        "{} (`{} {}`).",
        docs::prose(&op.title),
        op.method.as_str(),
        op.path
    ));
    let info = info(api, op);
    let statics = charset_statics(op.caller_fields());
    let request = request_struct(api, op);
    let response = response_struct(api, op);
    let mut uses = Uses::default();
    let checks = checks::fields(op.caller_fields(), &mut uses);
    let request_type = ident(&op.request_type);
    let response_type = ident(&op.response_type);
    let const_name = ident(&op.const_name);
    let write_target = write_target(op);
    let (write_body, from_wire) = (write_body(op), from_wire(op));
    let check_response = check_response(op);
    let client = client_method(op);
    let download = downloadable(op);

    // The wire helpers: for the target and the echo check when the operation
    // has path or query parameters or echo fields, else only for `from_wire`.
    let client_uses_wire = !op.echo.is_empty()
        || op
            .request
            .iter()
            .any(|f| matches!(f.location, Some(ParamLocation::Path | ParamLocation::Query)));
    let wire_import = if client_uses_wire {
        quote!(
            use crate::runtime::wire;
        )
    } else {
        quote!(
            #[cfg(feature = "simulator")]
            use crate::runtime::wire;
        )
    };
    let validate_imports = match (uses.helpers, uses.charset) {
        (false, _) => quote!(
            use crate::runtime::validate::ValidationError;
        ),
        (true, false) => quote!(
            use crate::runtime::validate::{self, ValidationError};
        ),
        (true, true) => quote!(
            use crate::runtime::validate::{self, Charset, ValidationError};
        ),
    };
    quote! {
        #module_doc

        use crate::runtime::operation::{Method, Operation, OperationInfo, sealed::{Fill, Sealed}};
        #validate_imports
        #wire_import

        #info
        #statics
        #request
        #response
        #download

        impl Operation for #request_type {
            type Response = #response_type;
            const INFO: &'static OperationInfo = &#const_name;

            fn validate(&self) -> Result<(), ValidationError> {
                #checks
                Ok(())
            }
        }

        impl Sealed for #request_type {
            const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;
            #write_target
            #write_body
            #from_wire
            #check_response
        }

        #client
    }
}

fn info(api: &Api, op: &Operation) -> TokenStream {
    let doc = docs::outer(&format!(
        "Static facts about `{}` ({}).",
        op.id,
        docs::prose(&op.title)
    ));
    let const_name = ident(&op.const_name);
    let id = string(&op.id);
    let title = string(&op.title);
    let doc_url = string(&op.doc_url);
    let revision = string(&op.revision);
    let method = ident(op.method.variant());
    let path = string(&op.path);
    let status = Literal::u16_unsuffixed(op.response_status);
    let headers = op.headers.iter().filter_map(|name| {
        let h = api.header(name)?;
        let c = ident(&h.const_name);
        Some(quote!(super::operations::header_info::#c))
    });
    let errors = op.errors.iter().filter_map(|code| {
        let e = api.error_code(code)?;
        let c = ident(&e.const_name);
        Some(quote!(super::error_code::info::#c))
    });
    let config_fields = op.request.iter().filter_map(|f| {
        let source = ident(match f.from_config? {
            crate::ir::ConfigSource::Mchid => "Mchid",
        });
        let name = string(&f.wire_name);
        Some(quote!(crate::runtime::operation::ConfigField {
            name: #name,
            source: crate::runtime::operation::ConfigSource::#source,
        }))
    });
    quote! {
        #doc
        pub(crate) const #const_name: OperationInfo = OperationInfo {
            id: #id,
            title: #title,
            doc_url: #doc_url,
            revision: #revision,
            method: Method::#method,
            path_template: #path,
            primary_host: super::operations::host_info::PRIMARY,
            backup_host: super::operations::host_info::BACKUP,
            headers: &[#(#headers),*],
            success_status: #status,
            error_codes: &[#(#errors),*],
            config_fields: &[#(#config_fields),*],
        };
    }
}

fn request_struct(api: &Api, op: &Operation) -> TokenStream {
    let mut text = format!("Request of {}.", docs::prose(&op.title));
    if let Some(summary) = &op.summary {
        text.push_str(&format!("\n\n{}", docs::prose(summary)));
    }
    text.push_str(&format!(
        "\n\n`{} {}`\n\n{}\n\nSend it with [`Client::{}`](crate::Client::{}).",
        op.method.as_str(),
        op.path,
        docs::documentation(op),
        op.id,
        op.id
    ));
    let filled: Vec<String> = op
        .request
        .iter()
        .filter_map(|f| {
            Some(format!(
                "`{}` (the configured `{}`)",
                f.wire_name,
                f.from_config?.spec_name()
            ))
        })
        .collect();
    if !filled.is_empty() {
        text.push_str(&format!(
            "\n\nThe client fills {} itself: the request does not carry it.",
            filled.join(", ")
        ));
    }
    let doc = docs::outer(&text);
    let name = ident(&op.request_type);
    let fields = op
        .caller_fields()
        .map(|f| struct_field(f, Some(docs::field(f, api))));
    super::data_struct(&doc, &name, fields)
}

fn response_struct(api: &Api, op: &Operation) -> TokenStream {
    let doc = docs::outer(&format!(
        "Response of {} (HTTP {}).\n\nFields WeChat Pay adds later are ignored.",
        docs::prose(&op.title),
        op.response_status
    ));
    let name = ident(&op.response_type);
    if let Some(object) = &op.response_object {
        let object = ident(object);
        let doc = docs::outer(&format!(
            "Response of {} (HTTP {}): the body is a [`{}`](crate::generated::{}).",
            docs::prose(&op.title),
            op.response_status,
            object,
            object
        ));
        return quote! {
            #doc
            pub type #name = crate::generated::#object;
        };
    }
    let fields = op
        .response
        .iter()
        .map(|f| struct_field(f, Some(docs::field(f, api))));
    super::data_struct(&doc, &name, fields)
}

/// `Downloadable` for a response whose spec has a `download` block.
fn downloadable(op: &Operation) -> TokenStream {
    let Some(dl) = &op.download else {
        return TokenStream::new();
    };
    let response_type = ident(&op.response_type);
    let const_name = ident(&op.const_name);
    let url = ident(&dl.url);
    let field = |rust_name: &str| op.response.iter().find(|f| f.rust_name == rust_name);
    let (hash, incomplete) = match (&dl.hash_type, &dl.hash_value) {
        (Some(t), Some(v)) => {
            let (tf, vf) = (field(t), field(v));
            let (t_wire, v_wire) = (
                tf.map_or(t.as_str(), |f| f.wire_name.as_str()),
                vf.map_or(v.as_str(), |f| f.wire_name.as_str()),
            );
            let (t, v) = (ident(t), ident(v));
            match (
                tf.is_some_and(|f| f.required),
                vf.is_some_and(|f| f.required),
            ) {
                (true, true) => (
                    quote!(Some((self.#t.as_str(), self.#v.as_str()))),
                    quote!(None),
                ),
                (true, false) => (
                    quote!(self.#v.as_deref().map(|v| (self.#t.as_str(), v))),
                    quote!(self.#v.is_none().then_some(#t_wire)),
                ),
                (false, true) => (
                    quote!(self.#t.as_deref().map(|t| (t, self.#v.as_str()))),
                    quote!(self.#t.is_none().then_some(#v_wire)),
                ),
                (false, false) => (
                    quote! {
                        match (&self.#t, &self.#v) {
                            (Some(t), Some(v)) => Some((t.as_str(), v.as_str())),
                            _ => None,
                        }
                    },
                    quote! {
                        match (&self.#t, &self.#v) {
                            (Some(_), None) => Some(#t_wire),
                            (None, Some(_)) => Some(#v_wire),
                            _ => None,
                        }
                    },
                ),
            }
        }
        _ => (quote!(None), quote!(None)),
    };
    let doc = docs::outer(
        "The answer names a file: download it with [`Client::download`](crate::Client::download).",
    );
    quote! {
        #doc
        impl crate::runtime::download::Downloadable for #response_type {
            const OPERATION: &'static OperationInfo = &#const_name;

            fn download_url(&self) -> &str {
                &self.#url
            }

            fn expected_hash(&self) -> Option<(&str, &str)> {
                #hash
            }

            fn incomplete_hash(&self) -> Option<&'static str> {
                #incomplete
            }
        }
    }
}

/// A field of a (de)serialized struct: `pub` and documented when `doc` is
/// given, private otherwise.
pub(crate) fn struct_field(f: &Field, doc: Option<TokenStream>) -> TokenStream {
    let vis = if doc.is_some() { quote!(pub) } else { quote!() };
    let name = ident(&f.rust_name);
    let ty = field_type(f);
    let rename = rename(f);
    let optional = match (f.required, doc.is_some()) {
        (true, _) => quote!(),
        (false, true) => quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
        // The private `Body` of `from_wire` is only deserialized.
        (false, false) => quote!(#[serde(default)]),
    };
    quote! {
        #doc
        #rename
        #optional
        #vis #name: #ty,
    }
}

/// A `&str` of a path or query value, for the types whose text is not
/// their `Display` (strings, enums, date-times); `None` for the others.
fn str_expr(ty: &Type, expr: &TokenStream, is_ref: bool) -> Option<TokenStream> {
    match ty {
        Type::String { .. } if is_ref => Some(quote!(#expr)),
        Type::String { .. } => Some(quote!(&#expr)),
        Type::Enum { .. } => Some(quote!(#expr.as_str())),
        Type::DateTime => Some(quote!(&#expr.to_rfc3339())),
        _ => None,
    }
}

/// The `&str` the client fills a `from_config` parameter with (from the
/// `fill` argument of the sealed methods).
fn filled_value(f: &Field) -> Option<TokenStream> {
    Some(match f.from_config? {
        crate::ir::ConfigSource::Mchid => quote!(fill.mchid),
    })
}

/// The name of the `fill` parameter: `_fill` when the method does not use it.
fn fill_param(used: bool) -> TokenStream {
    if used { quote!(fill) } else { quote!(_fill) }
}

fn write_target(op: &Operation) -> TokenStream {
    let mut body = TokenStream::new();
    for segment in &op.path_segments {
        match segment {
            PathSegment::Literal(text) => {
                let text = string(text);
                body.extend(quote!(out.push_str(#text);));
            }
            PathSegment::Param(p) => {
                let Some(f) = op.params(ParamLocation::Path).find(|f| &f.wire_name == p) else {
                    continue;
                };
                let name = ident(&f.rust_name);
                let expr = quote!(self.#name);
                let text = filled_value(f).unwrap_or_else(|| {
                    str_expr(&f.ty, &expr, false).unwrap_or_else(|| quote!(&#expr.to_string()))
                });
                body.extend(quote!(wire::push_segment(out, #text);));
            }
        }
    }
    let query: Vec<&Field> = op.params(ParamLocation::Query).collect();
    if !query.is_empty() {
        body.extend(quote!(let mut query = wire::QueryWriter::new(out);));
        for f in query {
            let wire_name = string(&f.wire_name);
            let name = ident(&f.rust_name);
            let pair = |expr: TokenStream, is_ref: bool| match str_expr(&f.ty, &expr, is_ref) {
                Some(text) => quote!(query.pair(#wire_name, #text);),
                None if is_ref => quote!(query.pair_display(#wire_name, #expr);),
                None => quote!(query.pair_display(#wire_name, &#expr);),
            };
            if let Some(value) = filled_value(f) {
                body.extend(quote!(query.pair(#wire_name, #value);));
            } else if f.required {
                body.extend(pair(quote!(self.#name), false));
            } else {
                let inner = pair(quote!(value), true);
                body.extend(quote! {
                    if let Some(value) = &self.#name {
                        #inner
                    }
                });
            }
        }
    }
    let fill = fill_param(op.fills_any(&[ParamLocation::Path, ParamLocation::Query]));
    quote! {
        fn write_target(&self, #fill: Fill<'_>, out: &mut String) {
            #body
        }
    }
}

/// `check_response`: every `echo` field of the response equals the request's
/// (compared when both sides have a value).
fn check_response(op: &Operation) -> TokenStream {
    if op.echo.is_empty() {
        return TokenStream::new();
    }
    let checks = op.echo.iter().filter_map(|name| {
        let sent = op.request.iter().find(|f| &f.wire_name == name)?;
        let answered = op.response.iter().find(|f| &f.wire_name == name)?;
        let wire_name = string(name);
        let (s, r) = (ident(&sent.rust_name), ident(&answered.rust_name));
        if let Some(value) = filled_value(sent) {
            return Some(if answered.required {
                quote!(wire::echo(#wire_name, #value, response.#r.as_str())?;)
            } else {
                quote! {
                    if let Some(answered) = &response.#r {
                        wire::echo(#wire_name, #value, answered.as_str())?;
                    }
                }
            });
        }
        Some(match (sent.required, answered.required) {
            (true, true) => quote!(wire::echo(#wire_name, &self.#s, &response.#r)?;),
            (true, false) => quote! {
                if let Some(answered) = &response.#r {
                    wire::echo(#wire_name, &self.#s, answered)?;
                }
            },
            (false, true) => quote! {
                if let Some(sent) = &self.#s {
                    wire::echo(#wire_name, sent, &response.#r)?;
                }
            },
            (false, false) => quote! {
                if let (Some(sent), Some(answered)) = (&self.#s, &response.#r) {
                    wire::echo(#wire_name, sent, answered)?;
                }
            },
        })
    });
    let response_type = ident(&op.response_type);
    let fill = fill_param(op.echo.iter().any(|name| {
        op.request
            .iter()
            .any(|f| &f.wire_name == name && f.from_config.is_some())
    }));
    quote! {
        fn check_response(&self, #fill: Fill<'_>, response: &#response_type) -> Result<(), wire::ResponseMismatch> {
            #(#checks)*
            Ok(())
        }
    }
}

/// `write_body`: the body parameters, borrowed from the request into a
/// private `Body` (the request's own `Serialize` is the whole request).
fn write_body(op: &Operation) -> TokenStream {
    let body: Vec<&Field> = op.params(ParamLocation::Body).collect();
    if body.is_empty() {
        return quote! {
            /// The operation has no body parameters: nothing is written.
            fn write_body(&self, _fill: Fill<'_>, _out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
                Ok(())
            }
        };
    }
    let fields = body.iter().map(|f| {
        let name = ident(&f.rust_name);
        let ty = super::rust_type(&f.ty);
        let rename = rename(f);
        if f.from_config.is_some() {
            quote!(#rename #name: &'a str,)
        } else if f.required {
            quote!(#rename #name: &'a #ty,)
        } else {
            quote!(#rename #[serde(skip_serializing_if = "Option::is_none")] #name: Option<&'a #ty>,)
        }
    });
    let inits = body.iter().map(|f| {
        let name = ident(&f.rust_name);
        if let Some(value) = filled_value(f) {
            quote!(#name: #value,)
        } else if f.required {
            quote!(#name: &self.#name,)
        } else {
            quote!(#name: self.#name.as_ref(),)
        }
    });
    let fill = fill_param(op.fills_any(&[ParamLocation::Body]));
    quote! {
        fn write_body(&self, #fill: Fill<'_>, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
            #[derive(serde::Serialize)]
            struct Body<'a> {
                #(#fields)*
            }
            serde_json::to_writer(out, &Body { #(#inits)* })
        }
    }
}

/// Parses a path or query parameter from its decoded text `raw` (a `&str`).
fn parse_param(f: &Field, raw: TokenStream) -> TokenStream {
    let wire_name = string(&f.wire_name);
    match f.ty {
        Type::String { .. } => quote!(#raw.to_owned()),
        _ => quote!(wire::parse_scalar(#wire_name, #raw)?),
    }
}

fn from_wire(op: &Operation) -> TokenStream {
    let request_type = ident(&op.request_type);
    let body_fields: Vec<&Field> = op.params(ParamLocation::Body).collect();
    let uses_target = op
        .request
        .iter()
        .any(|f| matches!(f.location, Some(ParamLocation::Path | ParamLocation::Query)));
    let parse_target = if uses_target {
        quote!(let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;)
    } else {
        quote!(wire::ParsedTarget::parse(Self::INFO.path_template, target)?;)
    };
    let (body_param, body_struct, parse_body) = if body_fields.is_empty() {
        (quote!(_body), quote!(), quote!())
    } else {
        let fields = body_fields.iter().map(|f| struct_field(f, None));
        (
            quote!(body),
            quote! {
                #[derive(serde::Deserialize)]
                struct Body {
                    #(#fields)*
                }
            },
            quote!(let body: Body = wire::parse_body(body)?;),
        )
    };
    let value_of = |f: &Field| {
        let name = ident(&f.rust_name);
        let wire_name = string(&f.wire_name);
        match f.location {
            Some(ParamLocation::Path) => parse_param(f, quote!(target.path(#wire_name)?)),
            Some(ParamLocation::Query) if f.required => parse_param(
                f,
                quote!(target.query(#wire_name).ok_or(wire::WireError::Missing {
                    field: std::borrow::Cow::Borrowed(#wire_name),
                })?),
            ),
            Some(ParamLocation::Query) => match f.ty {
                Type::String { .. } => quote!(target.query(#wire_name).map(str::to_owned)),
                _ => quote! {
                    target
                        .query(#wire_name)
                        .map(|raw| wire::parse_scalar(#wire_name, raw))
                        .transpose()?
                },
            },
            Some(ParamLocation::Body) | None => quote!(body.#name),
        }
    };
    let inits = op.caller_fields().map(|f| {
        let name = ident(&f.rust_name);
        let value = value_of(f);
        quote!(#name: #value,)
    });
    let filled = crate::ir::ConfigSource::ALL
        .iter()
        .map(|&(source, spec_name)| {
            let field = ident(spec_name);
            match op.request.iter().find(|f| f.from_config == Some(source)) {
                Some(f) => {
                    let value = value_of(f);
                    quote!(#field: Some(#value),)
                }
                None => quote!(#field: None,),
            }
        });
    quote! {
        #[cfg(feature = "simulator")]
        fn from_wire(
            target: &str,
            #body_param: &[u8],
        ) -> Result<(Self, crate::runtime::operation::sealed::Filled), wire::WireError> {
            #body_struct
            #parse_target
            #parse_body
            let filled = crate::runtime::operation::sealed::Filled {
                #(#filled)*
            };
            Ok((#request_type { #(#inits)* }, filled))
        }
    }
}

/// What binds the answer to the request: the spec's `echo` and
/// `not_echoed` (see the crate docs, "What a verified answer proves").
fn binding_doc(op: &Operation) -> String {
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = String::from("\n\n# Binding\n\n");
    if op.echo.is_empty() {
        text.push_str("The answer repeats no request parameter.");
    } else {
        text.push_str(&format!(
            "The answer must repeat {} as sent.",
            list(&op.echo)
        ));
    }
    if op.not_echoed.is_empty() {
        text.push_str(" It repeats every request parameter.");
    } else {
        text.push_str(&format!(
            " It does not repeat {}: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).",
            list(&op.not_echoed)
        ));
    }
    text
}

fn client_method(op: &Operation) -> TokenStream {
    let mut text = format!(
        "{}: `{} {}`.",
        docs::prose(&op.title),
        op.method.as_str(),
        op.path
    );
    if let Some(summary) = &op.summary {
        text.push_str(&format!("\n\n{}", docs::prose(summary)));
    }
    text.push_str(&format!(
        "\n\nValidates `request`, signs and sends it (with failover to the backup host, when\nenabled, only if the primary cannot be reached), verifies the response signature\nand decodes the body.\n\n{}\n\n# Errors\n\nSee [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec\n(nothing was sent), `Api` for an error answer (its `code` is one of the documented\n`{}` codes or `Unknown`), and transport, verification and decoding failures.",
        docs::documentation(op),
        op.id
    ));
    text.push_str(&binding_doc(op));
    let doc = docs::outer(&text);
    let name = ident(&op.id);
    let request_type = ident(&op.request_type);
    let response_type = ident(&op.response_type);
    quote! {
        impl crate::Client {
            #doc
            pub async fn #name(
                &self,
                request: &#request_type,
            ) -> Result<crate::Response<#response_type>, crate::Error> {
                self.execute(request).await
            }
        }
    }
}
