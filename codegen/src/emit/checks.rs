//! The body of generated `validate()` methods: one runtime helper call per
//! constraint, with field paths like `items[0].name` for nested values.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{f64_lit, i64_lit, ident, option_usize, string, usize_lit};
use crate::ir::{Bound, Constraints, Field, ParamLocation, Type};

/// What the generated checks need imported.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Uses {
    /// `crate::runtime::validate` (the helper functions).
    pub(crate) helpers: bool,
    /// `Charset`.
    pub(crate) charset: bool,
}

/// A value being checked: an expression, and whether it is a reference.
struct Value {
    expr: TokenStream,
    is_ref: bool,
}

impl Value {
    /// The value as `&T` (strings are passed as `&str`).
    fn by_ref(&self) -> TokenStream {
        let e = &self.expr;
        if self.is_ref { quote!(#e) } else { quote!(&#e) }
    }

    /// The value as `T` (for `Copy` numbers).
    fn by_value(&self) -> TokenStream {
        let e = &self.expr;
        if self.is_ref { quote!(*#e) } else { quote!(#e) }
    }
}

/// Where a value is: a wire name, under zero or more array indices.
struct FieldPath {
    name: String,
    indices: Vec<Ident>,
}

impl FieldPath {
    /// The `&'static str` name the helpers take.
    fn name(&self) -> TokenStream {
        let name = string(&self.name);
        quote!(#name)
    }

    /// A `&str` expression of the full path, e.g. `&format!("items[{i0}]")`.
    fn full(&self) -> TokenStream {
        if self.indices.is_empty() {
            return self.name();
        }
        let format = string(&self.format_string());
        quote!(&format!(#format))
    }

    fn format_string(&self) -> String {
        let mut s = self.name.replace('{', "{{").replace('}', "}}");
        for i in &self.indices {
            s.push_str(&format!("[{{{i}}}]"));
        }
        s
    }

    /// `call?;`, with the error renamed to the full path inside arrays.
    fn wrap(&self, call: TokenStream) -> TokenStream {
        if self.indices.is_empty() {
            return quote!(#call?;);
        }
        let format = string(&self.format_string());
        quote! {
            #call.map_err(|e| ValidationError::new(format!(#format), e.rule().clone()))?;
        }
    }
}

fn bound(b: Option<Bound>, int: bool) -> TokenStream {
    match b {
        None => quote!(None),
        Some(Bound::Int(i)) if int => {
            let lit = i64_lit(i);
            quote!(Some(#lit))
        }
        Some(b) => {
            let lit = f64_lit(b.as_f64());
            quote!(Some(#lit))
        }
    }
}

/// The checks of every field of a struct, `self.<field>`.
pub(crate) fn fields<'a>(fields: impl Iterator<Item = &'a Field>, uses: &mut Uses) -> TokenStream {
    let checks = fields.map(|f| field(f, uses));
    quote!(#(#checks)*)
}

fn field(field: &Field, uses: &mut Uses) -> TokenStream {
    let name = ident(&field.rust_name);
    let path = FieldPath {
        name: field.wire_name.clone(),
        indices: Vec::new(),
    };
    if field.required {
        let value = Value {
            expr: quote!(self.#name),
            is_ref: false,
        };
        let mut checks = value_checks(&field.ty, &field.constraints, &value, &path, true, uses);
        if field.location == Some(ParamLocation::Path) && matches!(field.ty, Type::String { .. }) {
            // `.` and `..` would be removed from the URL as dot segments, so
            // the request would go elsewhere than where it was signed for.
            uses.helpers = true;
            let wire = path.name();
            checks.extend(path.wrap(quote!(validate::path_segment(#wire, &self.#name))));
        }
        checks
    } else {
        let value = Value {
            expr: quote!(value),
            is_ref: true,
        };
        let checks = value_checks(&field.ty, &field.constraints, &value, &path, false, uses);
        if checks.is_empty() {
            return checks;
        }
        quote! {
            if let Some(value) = &self.#name {
                #checks
            }
        }
    }
}

fn value_checks(
    ty: &Type,
    c: &Constraints,
    value: &Value,
    path: &FieldPath,
    required: bool,
    uses: &mut Uses,
) -> TokenStream {
    let name = path.name();
    let mut out = TokenStream::new();
    match ty {
        Type::String { max_length } => {
            let v = value.by_ref();
            if required && c.min_length.is_none() {
                uses.helpers = true;
                out.extend(path.wrap(quote!(validate::required(#name, #v))));
            }
            if c.min_length.is_some() || max_length.is_some() {
                uses.helpers = true;
                let min = usize_lit(c.min_length.unwrap_or(0));
                let max = option_usize(*max_length);
                out.extend(path.wrap(quote!(validate::length(#name, #v, #min, #max))));
            }
            if let Some(charset) = &c.charset {
                uses.helpers = true;
                uses.charset = true;
                let s = ident(&charset.static_name);
                out.extend(path.wrap(quote!(validate::charset(#name, #v, &#s))));
            }
        }
        Type::Enum { name: enum_name } => {
            uses.helpers = true;
            let e = &value.expr;
            let t = ident(enum_name);
            out.extend(path.wrap(quote! {
                validate::known_enum(#name, #e.is_known(), #e.as_str(), crate::generated::#t::VALUES)
            }));
        }
        Type::Integer => {
            if c.minimum.is_some() || c.maximum.is_some() {
                uses.helpers = true;
                let v = value.by_value();
                let (min, max) = (bound(c.minimum, true), bound(c.maximum, true));
                out.extend(path.wrap(quote!(validate::int_range(#name, #v, #min, #max))));
            }
        }
        Type::Number => {
            uses.helpers = true;
            let v = value.by_value();
            let (min, max) = (bound(c.minimum, false), bound(c.maximum, false));
            out.extend(path.wrap(quote!(validate::number_range(#name, #v, #min, #max))));
        }
        Type::Boolean => {}
        Type::DateTime => {
            uses.helpers = true;
            let v = value.by_ref();
            out.extend(path.wrap(quote!(validate::date_time(#name, #v))));
        }
        Type::Date => {
            uses.helpers = true;
            let v = value.by_ref();
            out.extend(path.wrap(quote!(validate::date(#name, #v))));
        }
        Type::Object { .. } => {
            let e = &value.expr;
            let full = path.full();
            out.extend(quote!(#e.validate().map_err(|e| e.within(#full))?;));
        }
        Type::Array { items } => {
            let e = &value.expr;
            if c.min_items.is_some() || c.max_items.is_some() {
                uses.helpers = true;
                let min = usize_lit(c.min_items.unwrap_or(0));
                let max = option_usize(c.max_items);
                out.extend(path.wrap(quote!(validate::items(#name, #e.len(), #min, #max))));
            }
            let depth = path.indices.len();
            let index = format_ident!("i{depth}");
            let item = format_ident!("item{depth}");
            let mut indices = path.indices.clone();
            indices.push(index.clone());
            let inner_path = FieldPath {
                name: path.name.clone(),
                indices,
            };
            let inner_value = Value {
                expr: quote!(#item),
                is_ref: true,
            };
            let inner = value_checks(
                items,
                &Constraints::default(),
                &inner_value,
                &inner_path,
                false,
                uses,
            );
            if !inner.is_empty() {
                out.extend(quote! {
                    for (#index, #item) in #e.iter().enumerate() {
                        #inner
                    }
                });
            }
        }
    }
    out
}
