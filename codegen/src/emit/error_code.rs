//! `error_code.rs`: the `ErrorCode` enum of every documented error code.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::forward_compatible_enum;
use super::{docs, ident, string};
use crate::ir::Api;

pub(crate) fn file(api: &Api) -> TokenStream {
    let name = ident("ErrorCode");
    let codes = &api.error_codes;
    let variants: Vec<_> = codes.iter().map(|c| ident(&c.variant)).collect();
    let values: Vec<_> = codes.iter().map(|c| string(&c.code)).collect();
    let variant_docs = codes.iter().map(|c| {
        docs::outer(&format!(
            "`{}` (HTTP {}): {}. {}",
            c.code,
            c.status,
            docs::prose(&c.description),
            docs::prose(&c.solution)
        ))
    });
    let statuses = codes
        .iter()
        .map(|c| proc_macro2::Literal::u16_unsuffixed(c.status));
    let descriptions = codes.iter().map(|c| string(&c.description));
    let solutions = codes.iter().map(|c| string(&c.solution));
    let retry: Vec<_> = codes
        .iter()
        .filter(|c| c.retry)
        .map(|c| ident(&c.variant))
        .collect();
    let retry_body = if retry.is_empty() {
        quote!(false)
    } else {
        quote!(matches!(self, #(ErrorCode::#retry)|*))
    };
    let extra = quote! {
        /// The HTTP status the documentation gives for the code.
        pub fn status(&self) -> Option<u16> {
            match self {
                #(ErrorCode::#variants => Some(#statuses),)*
                ErrorCode::Unknown(_) => None,
            }
        }

        /// What the documentation says the code means.
        pub fn description(&self) -> Option<&'static str> {
            match self {
                #(ErrorCode::#variants => Some(#descriptions),)*
                ErrorCode::Unknown(_) => None,
            }
        }

        /// What the documentation says to do.
        pub fn solution(&self) -> Option<&'static str> {
            match self {
                #(ErrorCode::#variants => Some(#solutions),)*
                ErrorCode::Unknown(_) => None,
            }
        }

        /// Whether the documentation says to retry later.
        pub fn retry(&self) -> bool {
            #retry_body
        }
    };
    let doc = docs::outer(
        "An error `code` from a WeChat Pay error body.\n\nForward-compatible: an undocumented code is kept in [`ErrorCode::Unknown`].",
    );
    let module_doc = docs::inner("The error codes documented by any operation of the spec.");
    let body = forward_compatible_enum(
        &name,
        doc,
        quote!(#(#variant_docs #variants,)*),
        &variants,
        &values,
        quote!(
            /// A code not in the spec, kept as received (empty when the body had none).
        ),
        "The codes the spec documents, in spec order.",
        "The code on the wire.",
        "Whether the code is one the spec documents.",
        extra,
    );
    quote! {
        #module_doc
        #body
    }
}
