//! `types.rs`: the named enums and objects of the spec.

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::{self, Uses};
use super::{charset_statics, docs, field_type, ident, rename, string};
use crate::ir::{Api, EnumType, NamedType, ObjectType};

pub(crate) fn file(api: &Api) -> TokenStream {
    let mut uses = Uses::default();
    let items: Vec<TokenStream> = api
        .types
        .iter()
        .map(|t| match t {
            NamedType::Enum(e) => enum_type(e),
            NamedType::Object(o) => object_type(o, api, &mut uses),
        })
        .collect();
    let objects: Vec<&ObjectType> = api
        .types
        .iter()
        .filter_map(|t| match t {
            NamedType::Object(o) => Some(o),
            NamedType::Enum(_) => None,
        })
        .collect();
    let statics = charset_statics(objects.iter().flat_map(|o| o.fields.iter()));
    let imports = match (objects.is_empty(), uses.helpers, uses.charset) {
        (true, _, _) => quote!(),
        (false, false, _) => quote!(
            use crate::runtime::validate::ValidationError;
        ),
        (false, true, false) => quote!(
            use crate::runtime::validate::{self, ValidationError};
        ),
        (false, true, true) => quote!(
            use crate::runtime::validate::{self, Charset, ValidationError};
        ),
    };
    let doc = docs::inner("Named types shared by the operations.");
    quote! {
        #doc
        #imports
        #statics
        #(#items)*
    }
}

/// A forward-compatible enum: documented values plus `Unknown(String)`.
pub(crate) fn enum_type(e: &EnumType) -> TokenStream {
    let name = ident(&e.name);
    let heading = docs::heading(e.label.as_deref(), e.description.as_deref());
    let heading = if heading.is_empty() {
        format!("The `{}` enum.", e.name)
    } else {
        heading
    };
    let doc = docs::outer(&format!(
        "{heading}\n\nForward-compatible: a value WeChat Pay adds later deserializes as\n[`{0}::Unknown`] instead of failing; match with a `_` arm.",
        e.name
    ));
    let variants: Vec<_> = e.values.iter().map(|v| ident(&v.variant)).collect();
    let values: Vec<_> = e.values.iter().map(|v| string(&v.value)).collect();
    let variant_docs = e.values.iter().map(|v| {
        let text = match &v.description {
            Some(d) => format!("{}: {}", docs::code(&v.value), docs::prose(d)),
            None => docs::code(&v.value),
        };
        docs::outer(&text)
    });
    forward_compatible_enum(
        &name,
        doc,
        quote!(#(#variant_docs #variants,)*),
        &variants,
        &values,
        quote!(
            /// A value not in the spec, kept as received.
        ),
        "The values the spec documents, in spec order.",
        "The value on the wire.",
        "Whether the value is one the spec documents.",
        TokenStream::new(),
    )
}

/// The enum, its `VALUES`, `as_str`, `is_known` and conversions; `extra`
/// goes into the inherent impl.
#[allow(clippy::too_many_arguments)]
pub(crate) fn forward_compatible_enum(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    variant_items: TokenStream,
    variants: &[proc_macro2::Ident],
    values: &[proc_macro2::Literal],
    unknown_doc: TokenStream,
    values_doc: &str,
    as_str_doc: &str,
    is_known_doc: &str,
    extra: TokenStream,
) -> TokenStream {
    let values_doc = docs::outer(values_doc);
    let as_str_doc = docs::outer(as_str_doc);
    let is_known_doc = docs::outer(is_known_doc);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #variant_items
            #unknown_doc
            Unknown(String),
        }

        impl #name {
            #values_doc
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            #as_str_doc
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#variants => #values,)*
                    #name::Unknown(v) => v,
                }
            }

            #is_known_doc
            pub fn is_known(&self) -> bool {
                !matches!(self, #name::Unknown(_))
            }

            #extra
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => #name::#variants,)*
                    other => #name::Unknown(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(#name::from(s))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(#name::from(s.as_ref()))
            }
        }
    }
}

fn object_type(o: &ObjectType, api: &Api, uses: &mut Uses) -> TokenStream {
    let name = ident(&o.name);
    let heading = docs::heading(o.label.as_deref(), o.description.as_deref());
    let heading = if heading.is_empty() {
        format!("The `{}` object.", o.name)
    } else {
        heading
    };
    let doc = docs::outer(&heading);
    let fields = o.fields.iter().map(|f| {
        let doc = docs::field(f, api);
        let name = ident(&f.rust_name);
        let ty = field_type(f);
        let rename = rename(f);
        let optional = if f.required {
            quote!()
        } else {
            quote!(#[serde(default, skip_serializing_if = "Option::is_none")])
        };
        quote! {
            #doc
            #rename
            #optional
            pub #name: #ty,
        }
    });
    let checks = checks::fields(o.fields.iter(), uses);
    let data = super::data_struct(&doc, &name, fields);
    quote! {
        #data

        impl #name {
            /// Checks every constraint of the spec on this object and the
            /// objects inside it, naming the first field that breaks one
            /// (relative to this object, e.g. `items[0].name`).
            pub fn validate(&self) -> Result<(), ValidationError> {
                #checks
                Ok(())
            }
        }
    }
}
