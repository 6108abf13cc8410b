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
    let consts: Vec<_> = codes.iter().map(|c| ident(&c.const_name)).collect();
    let infos = codes.iter().map(|c| {
        let name = ident(&c.const_name);
        let code = string(&c.code);
        let status = proc_macro2::Literal::u16_unsuffixed(c.status);
        let description = string(&c.description);
        let solution = string(&c.solution);
        let retry = c.retry;
        let doc = docs::outer(&format!("`{}`.", c.code));
        quote! {
            #doc
            pub(crate) const #name: ErrorCodeInfo = ErrorCodeInfo {
                status: #status,
                code: #code,
                description: #description,
                solution: #solution,
                retry: #retry,
            };
        }
    });
    let extra = quote! {
        /// What the documentation says about the code (`None` for `Unknown`).
        pub fn info(&self) -> Option<&'static ErrorCodeInfo> {
            match self {
                #(ErrorCode::#variants => Some(&info::#consts),)*
                ErrorCode::Unknown(_) => None,
            }
        }

        /// The HTTP status the documentation gives for the code.
        pub fn status(&self) -> Option<u16> {
            self.info().map(|i| i.status)
        }

        /// What the documentation says the code means.
        pub fn description(&self) -> Option<&'static str> {
            self.info().map(|i| i.description)
        }

        /// What the documentation says to do.
        pub fn solution(&self) -> Option<&'static str> {
            self.info().map(|i| i.solution)
        }

        /// Whether the documentation says to retry later.
        pub fn retry(&self) -> bool {
            self.info().is_some_and(|i| i.retry)
        }
    };
    let doc = docs::outer(
        "An error `code` from a WeChat Pay error body.\n\nForward-compatible: an undocumented code is kept in [`ErrorCode::Unknown`].",
    );
    let module_doc = docs::inner(
        "The error codes of the spec's `errors` catalog: the `ErrorCode` enum and one\n`ErrorCodeInfo` per code, which every operation that lists the code refers to.",
    );
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
        use crate::runtime::operation::ErrorCodeInfo;
        #body
        /// The facts of each code, one const per code of the catalog.
        pub(crate) mod info {
            use crate::runtime::operation::ErrorCodeInfo;
            #(#infos)*
        }
    }
}
