//! Fields: the type grammar, constraints, and where a field may go.

use std::collections::BTreeMap;

use crate::ast::{self, Node, Spanned, pos};
use crate::error::Diagnostics;
use crate::ir::{Bound, Charset, ConfigSource, Constraints, Field, ParamLocation, Type};
use crate::naming;

/// What kind of named type a name in `types:` is.
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Enum,
    Object,
}

/// The names of `types:` and their kinds.
pub(crate) type TypeTable = BTreeMap<String, Kind>;

/// Which list a field is in.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Role<'a> {
    /// A request parameter of an operation.
    Request,
    /// A response field.
    Response,
    /// A field of the object type with this name.
    Object(&'a str),
}

const GRAMMAR: &str = "`string`, `string(N)` with N > 0, `integer`, `number`, `boolean`, \
                       `date-time`, `date`, `array<T>` or a name from `types:`";

/// Parses a type string of the spec's grammar.
pub(crate) fn parse_type(text: &str, types: &TypeTable) -> Result<Type, String> {
    match text {
        "string" => return Ok(Type::String { max_length: None }),
        "integer" => return Ok(Type::Integer),
        "number" => return Ok(Type::Number),
        "boolean" => return Ok(Type::Boolean),
        "date-time" => return Ok(Type::DateTime),
        "date" => return Ok(Type::Date),
        _ => {}
    }
    if let Some(n) = text
        .strip_prefix("string(")
        .and_then(|t| t.strip_suffix(')'))
    {
        return match n.parse::<u64>() {
            Ok(n) if n > 0 && n.to_string().len() == text.len() - "string()".len() => {
                Ok(Type::String {
                    max_length: Some(n),
                })
            }
            _ => Err(format!(
                "invalid type `{text}`: the N of `string(N)` must be an integer > 0"
            )),
        };
    }
    if let Some(inner) = text
        .strip_prefix("array<")
        .and_then(|t| t.strip_suffix('>'))
    {
        let items = parse_type(inner, types)?;
        return Ok(Type::Array {
            items: Box::new(items),
        });
    }
    let is_name = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_name {
        return Err(format!("invalid type `{text}`, expected {GRAMMAR}"));
    }
    match types.get(text) {
        Some(Kind::Enum) => Ok(Type::Enum {
            name: text.to_owned(),
        }),
        Some(Kind::Object) => Ok(Type::Object {
            name: text.to_owned(),
        }),
        None => {
            let known: Vec<&str> = types.keys().map(String::as_str).collect();
            let known = if known.is_empty() {
                "none are defined".to_owned()
            } else {
                format!("defined: {}", known.join(", "))
            };
            Err(format!(
                "unknown type `{text}`: not a built-in type and not in `types:` ({known}); expected {GRAMMAR}"
            ))
        }
    }
}

/// Checks one field and lowers it. `None` when it has an error that makes
/// it unusable (the error is reported).
pub(crate) fn lower_field(
    field: &Spanned<ast::Field>,
    role: Role<'_>,
    types: &TypeTable,
    d: &mut Diagnostics,
) -> Option<Field> {
    let f = &field.value;
    let wire_name = &f.name.value;
    let errors_before = d.len();
    let rust_name = match naming::field(wire_name) {
        Ok(name) => name,
        Err(e) => {
            d.error(pos(&f.name), e);
            String::new()
        }
    };
    let location = match (role, &f.location) {
        (Role::Request, None) => {
            d.error(
                pos(&f.name),
                format!("request parameter `{wire_name}` needs `in:`, one of: path, query, body"),
            );
            None
        }
        (Role::Request, Some(l)) => match l.value.as_str() {
            "path" => Some(ParamLocation::Path),
            "query" => Some(ParamLocation::Query),
            "body" => Some(ParamLocation::Body),
            other => {
                d.error(
                    pos(l),
                    format!("`in: {other}` is not allowed, expected one of: path, query, body"),
                );
                None
            }
        },
        (Role::Response, Some(l)) => {
            d.error(
                pos(l),
                format!("response field `{wire_name}` cannot have `in:`; `in` is only for request parameters"),
            );
            None
        }
        (Role::Object(owner), Some(l)) => {
            d.error(
                pos(l),
                format!("field `{wire_name}` of type `{owner}` cannot have `in:`; `in` is only for request parameters"),
            );
            None
        }
        (_, None) => None,
    };
    let ty = match parse_type(&f.ty.value, types) {
        Ok(ty) => ty,
        Err(e) => {
            d.error(pos(&f.ty), e);
            return None;
        }
    };
    let type_name = ty.spec_name();

    match location {
        Some(ParamLocation::Path) => {
            if !f.required.value {
                d.error(
                    pos(&f.required),
                    format!("path parameter `{wire_name}` must be `required: true`"),
                );
            }
            if !ty.is_scalar() {
                d.error(
                    pos(&f.ty),
                    format!("path parameter `{wire_name}` must be a scalar (string, integer, number, boolean, date-time, date or an enum), not `{type_name}`"),
                );
            }
        }
        Some(ParamLocation::Query) if !ty.is_scalar() => d.error(
            pos(&f.ty),
            format!("query parameter `{wire_name}` must be a scalar (string, integer, number, boolean, date-time, date or an enum), not `{type_name}`"),
        ),
        _ => {}
    }

    let mut constraints = Constraints::default();
    let is_string = matches!(ty, Type::String { .. });
    let max_length = match ty {
        Type::String { max_length } => max_length,
        _ => None,
    };
    if let Some(min) = &f.min_length {
        if !is_string {
            d.error(
                pos(min),
                format!("`min_length` applies only to strings, but `{wire_name}` is `{type_name}`"),
            );
        } else if max_length.is_some_and(|max| min.value > max) {
            d.error(
                pos(min),
                format!(
                    "`min_length` {} is larger than the maximum length of `{type_name}`",
                    min.value
                ),
            );
        } else {
            constraints.min_length = Some(min.value);
        }
    }
    if let Some(charset) = &f.charset {
        if is_string {
            let owner = match role {
                Role::Object(owner) => Some(owner),
                _ => None,
            };
            constraints.charset =
                lower_charset(charset, &naming::charset_static(owner, &rust_name), d);
        } else {
            d.error(
                pos(charset),
                format!("`charset` applies only to strings, but `{wire_name}` is `{type_name}`"),
            );
        }
    }
    constraints.minimum = lower_bound(f.minimum.as_ref(), "minimum", wire_name, &ty, d);
    constraints.maximum = lower_bound(f.maximum.as_ref(), "maximum", wire_name, &ty, d);
    if let (Some(min), Some(max), Some(lo), Some(hi)) = (
        &f.minimum,
        &f.maximum,
        constraints.minimum,
        constraints.maximum,
    ) && match (lo, hi) {
        // Integer bounds exactly: `as f64` loses precision above 2^53.
        (Bound::Int(lo), Bound::Int(hi)) => lo > hi,
        (lo, hi) => lo.as_f64() > hi.as_f64(),
    } {
        d.error(
            pos(min),
            format!(
                "`minimum` {} is larger than `maximum` {} (line {})",
                min.value.to_json(),
                max.value.to_json(),
                max.referenced.line()
            ),
        );
    }
    let is_array = matches!(ty, Type::Array { .. });
    for (key, value) in [("min_items", &f.min_items), ("max_items", &f.max_items)] {
        if let Some(v) = value
            && !is_array
        {
            d.error(
                pos(v),
                format!("`{key}` applies only to arrays, but `{wire_name}` is `{type_name}`"),
            );
        }
    }
    if is_array {
        constraints.min_items = f.min_items.as_ref().map(|v| v.value);
        constraints.max_items = f.max_items.as_ref().map(|v| v.value);
        if let (Some(min), Some(max)) = (&f.min_items, &f.max_items)
            && min.value > max.value
        {
            d.error(
                pos(min),
                format!(
                    "`min_items` {} is larger than `max_items` {}",
                    min.value, max.value
                ),
            );
        }
    }

    let from_config = f.from_config.as_ref().and_then(|source| {
        let Some(&(value, _)) = ConfigSource::ALL.iter().find(|(_, n)| *n == source.value) else {
            let names: Vec<&str> = ConfigSource::ALL.iter().map(|(_, n)| *n).collect();
            d.error(
                pos(source),
                format!(
                    "`from_config: {}` of `{wire_name}` is not a configuration value, expected one of: {}",
                    source.value,
                    names.join(", ")
                ),
            );
            return None;
        };
        if !matches!(role, Role::Request) {
            d.error(
                pos(source),
                format!("`from_config` of `{wire_name}` is only for request parameters (the client fills them)"),
            );
        } else if !f.required.value || !matches!(ty, Type::String { .. }) {
            d.error(
                pos(source),
                format!("request parameter `{wire_name}` with `from_config` must be a required string"),
            );
        }
        Some(value)
    });
    if d.len() > errors_before {
        return None;
    }
    Some(Field {
        wire_name: wire_name.clone(),
        rust_name,
        label: f.label.clone(),
        description: f.description.clone(),
        location,
        required: f.required.value,
        from_config,
        ty,
        constraints,
        example: f.example.as_ref().map(|e| e.value.to_json()),
    })
}

fn lower_bound(
    node: Option<&Spanned<Node>>,
    key: &str,
    wire_name: &str,
    ty: &Type,
    d: &mut Diagnostics,
) -> Option<Bound> {
    let node = node?;
    match (ty, &node.value) {
        (Type::Integer, Node::Int(i)) => Some(Bound::Int(*i)),
        (Type::Number, Node::Int(i)) => Some(Bound::Number(*i as f64)),
        (Type::Number, Node::Float(x)) if x.is_finite() => Some(Bound::Number(*x)),
        (Type::Integer, other) => {
            d.error(
                pos(node),
                format!(
                    "`{key}` of integer field `{wire_name}` must be an integer, found {}",
                    other.kind()
                ),
            );
            None
        }
        (Type::Number, other) => {
            d.error(
                pos(node),
                format!(
                    "`{key}` of number field `{wire_name}` must be a finite number, found {}",
                    other.kind()
                ),
            );
            None
        }
        (other, _) => {
            d.error(
                pos(node),
                format!(
                    "`{key}` applies only to integers and numbers, but `{wire_name}` is `{}`",
                    other.spec_name()
                ),
            );
            None
        }
    }
}

fn lower_charset(
    charset: &Spanned<ast::Charset>,
    static_name: &str,
    d: &mut Diagnostics,
) -> Option<Charset> {
    let c = &charset.value;
    let mut ranges = Vec::new();
    let mut ok = true;
    for range in &c.ranges {
        let chars: Vec<char> = range.value.chars().collect();
        match chars.as_slice() {
            [lo, '-', hi] if lo <= hi => ranges.push((*lo, *hi)),
            _ => {
                d.error(
                    pos(range),
                    format!(
                        "charset range `{}` is not well-formed, expected `X-Y` with X <= Y (e.g. `0-9`, `A-Z`)",
                        range.value
                    ),
                );
                ok = false;
            }
        }
    }
    let chars = c
        .chars
        .as_ref()
        .map(|s| s.value.clone())
        .unwrap_or_default();
    if let Some(s) = &c.chars
        && s.value.is_empty()
    {
        d.error(
            pos(s),
            "charset `chars` is empty; list the allowed characters or remove `chars`",
        );
        ok = false;
    }
    if c.ranges.is_empty() && c.chars.is_none() {
        d.error(
            pos(charset),
            "charset allows nothing; give `ranges`, `chars` or both",
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let mut description: Vec<String> = c.ranges.iter().map(|r| r.value.clone()).collect();
    if !chars.is_empty() {
        description.push(chars.clone());
    }
    Some(Charset {
        ranges,
        chars,
        description: description.join(" "),
        static_name: static_name.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_grammar() {
        let mut types = TypeTable::new();
        types.insert("Item".to_owned(), Kind::Object);
        types.insert("State".to_owned(), Kind::Enum);
        let ok = |t: &str| parse_type(t, &types).map(|t| t.spec_name());
        assert_eq!(ok("string").unwrap(), "string");
        assert_eq!(ok("string(32)").unwrap(), "string(32)");
        assert_eq!(ok("array<array<Item>>").unwrap(), "array<array<Item>>");
        assert_eq!(ok("array<State>").unwrap(), "array<State>");
        for bad in [
            "string(0)",
            "string(+3)",
            "string(032)",
            "string()",
            "array<>",
            "array<int",
            "Strin g",
            "",
        ] {
            assert!(parse_type(bad, &types).is_err(), "{bad}");
        }
        assert_eq!(
            parse_type("Missing", &types).unwrap_err(),
            "unknown type `Missing`: not a built-in type and not in `types:` (defined: Item, State); \
             expected `string`, `string(N)` with N > 0, `integer`, `number`, `boolean`, `date-time`, \
             `date`, `array<T>` or a name from `types:`"
        );
    }

    /// The YAML reader rejects `.nan` and `.inf` before validation; this is
    /// the check behind it.
    #[test]
    fn non_finite_bounds_are_errors() {
        use serde_saphyr::Location;
        for (x, shown) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            let node = Spanned::new(Node::Float(x), Location::UNKNOWN, Location::UNKNOWN);
            let mut d = Diagnostics::new("spec.yaml");
            assert_eq!(
                lower_bound(Some(&node), "maximum", "rate", &Type::Number, &mut d),
                None
            );
            let errors = d.finish().unwrap_err();
            let messages: Vec<&str> = errors.errors().iter().map(|e| e.message.as_str()).collect();
            assert_eq!(
                messages,
                [format!(
                    "`maximum` of number field `rate` must be a finite number, found number {shown}"
                )]
            );
        }
    }
}
