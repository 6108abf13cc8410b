//! Examples must conform to their schema: every value is checked against the
//! type and constraints of its field, the way the runtime and the server would.

use std::cmp::Ordering;

use crate::ast::{Node, Spanned, pos};
use crate::error::Diagnostics;
use crate::ir::{Bound, Constraints, Field, NamedType, Type};

fn range(min: u64, max: Option<u64>) -> String {
    match max {
        Some(max) => format!("{min}..={max}"),
        None => format!("{min}.."),
    }
}

/// Checks example values against the lowered types.
pub(crate) struct Checker<'a> {
    pub(crate) types: &'a [NamedType],
    pub(crate) d: &'a mut Diagnostics,
}

impl Checker<'_> {
    /// Checks a JSON object example against `fields`. `context` says which
    /// example it is (e.g. ``example `docs` request body``).
    pub(crate) fn object(
        &mut self,
        node: &Spanned<Node>,
        fields: &[&Field],
        context: &str,
        prefix: &str,
    ) {
        let Node::Map(entries) = &node.value else {
            self.d.error(
                pos(node),
                format!(
                    "{context}: {}expected a mapping of fields, found {}",
                    at(prefix),
                    node.value.kind()
                ),
            );
            return;
        };
        for (key, value) in entries {
            let path = join(prefix, &key.value);
            match fields.iter().find(|f| f.wire_name == key.value) {
                None => {
                    let names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
                    self.d.error(
                        pos(key),
                        format!(
                            "{context}: `{path}` is not a field here, expected one of: {}",
                            names.join(", ")
                        ),
                    );
                }
                Some(field) if matches!(value.value, Node::Null) => {
                    if field.required {
                        self.d.error(
                            pos(value),
                            format!("{context}: `{path}` is required, but null"),
                        );
                    }
                }
                Some(field) => self.field(value, field, context, &path),
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if !entries.iter().any(|(k, _)| k.value == field.wire_name) {
                self.d.error(
                    pos(node),
                    format!(
                        "{context}: required field `{}` is missing",
                        join(prefix, &field.wire_name)
                    ),
                );
            }
        }
    }

    /// Checks the value of one field (not null).
    pub(crate) fn field(&mut self, node: &Spanned<Node>, field: &Field, context: &str, path: &str) {
        self.value(
            node,
            &field.ty,
            &field.constraints,
            field.required,
            context,
            path,
        );
    }

    fn value(
        &mut self,
        node: &Spanned<Node>,
        ty: &Type,
        c: &Constraints,
        required: bool,
        context: &str,
        path: &str,
    ) {
        let mut problems = Vec::new();
        let mut fail = |message: String| problems.push(message);
        let mismatch = |node: &Node| {
            let hint = match (ty, node) {
                (
                    Type::String { .. } | Type::DateTime | Type::Date | Type::Enum { .. },
                    Node::Int(_) | Node::Float(_) | Node::Bool(_),
                ) => " (quote it to make it a string)",
                _ => "",
            };
            format!("expected {}, found {}{hint}", ty.spec_name(), node.kind())
        };
        match (ty, &node.value) {
            (Type::String { max_length }, Node::Str(s)) => {
                let chars = s.chars().count() as u64;
                let min = c.min_length.unwrap_or(0);
                if required && s.is_empty() && c.min_length.is_none() {
                    fail("required, but empty".to_owned());
                } else if chars < min || max_length.is_some_and(|m| chars > m) {
                    fail(format!("{chars} chars, needs {}", range(min, *max_length)));
                }
                if let Some(charset) = &c.charset
                    && let Some((position, found)) =
                        s.chars().enumerate().find(|&(_, ch)| !charset.allows(ch))
                {
                    fail(format!(
                        "character {found:?} at position {position} is not allowed (allowed: {})",
                        charset.description
                    ));
                }
            }
            (Type::DateTime, Node::Str(s)) => {
                if let Err(e) = chrono::DateTime::parse_from_rfc3339(s) {
                    fail(format!(
                        "{s:?} is not an RFC 3339 date-time ({e}), expected e.g. 2015-05-20T13:29:35+08:00"
                    ));
                }
            }
            (Type::Date, Node::Str(s)) => {
                let parsed = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d");
                if s.len() != 10 || parsed.is_err() {
                    fail(format!(
                        "{s:?} is not a date yyyy-MM-DD, expected e.g. 2025-04-23"
                    ));
                }
            }
            (Type::Enum { name }, Node::Str(s)) => {
                if let Some(NamedType::Enum(e)) = self.types.iter().find(|t| t.name() == name)
                    && !e.values.iter().any(|v| v.value == *s)
                {
                    let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                    fail(format!(
                        "{s:?} is not a value of `{name}`, expected one of: {}",
                        values.join(", ")
                    ));
                }
            }
            (Type::Integer | Type::Number, Node::Int(i)) => {
                out_of_range(Num::Int(*i), c, &mut fail);
            }
            (Type::Number, Node::Float(x)) if !x.is_finite() => fail(format!(
                "{} is not allowed, expected a finite number (JSON has no NaN or infinity)",
                node.value.kind()
            )),
            (Type::Number, Node::Float(x)) => out_of_range(Num::Float(*x), c, &mut fail),
            (Type::Boolean, Node::Bool(_)) => {}
            (Type::Array { items }, Node::Seq(elements)) => {
                let count = elements.len() as u64;
                let min = c.min_items.unwrap_or(0);
                if count < min || c.max_items.is_some_and(|m| count > m) {
                    fail(format!("{count} items, needs {}", range(min, c.max_items)));
                }
                let none = Constraints::default();
                for (i, element) in elements.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    if let Type::Object { name } = items.as_ref() {
                        self.object_of(element, name, context, &item_path);
                    } else {
                        // Like the generated code: array items are checked as
                        // not required (an empty string item is allowed).
                        self.value(element, items, &none, false, context, &item_path);
                    }
                }
            }
            (Type::Object { name }, Node::Map(_)) => self.object_of(node, name, context, path),
            (_, other) => fail(mismatch(other)),
        }
        for message in problems {
            self.d
                .error(pos(node), format!("{context}: `{path}`: {message}"));
        }
    }

    fn object_of(&mut self, node: &Spanned<Node>, name: &str, context: &str, path: &str) {
        // An object type whose fields had errors is not in the list; its
        // errors are reported already.
        if let Some(NamedType::Object(o)) = self.types.iter().find(|t| t.name() == name) {
            let fields: Vec<&Field> = o.fields.iter().collect();
            self.object(node, &fields, context, path);
        }
    }
}

/// An example number as written: an integer is compared with an integer
/// bound exactly (as `i64`, like the generated `int_range`), anything else as
/// `f64` (like `number_range`).
#[derive(Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
}

fn out_of_range(x: Num, c: &Constraints, fail: &mut impl FnMut(String)) {
    // Whether `x` is on `side` of `bound` (`Less`: below, `Greater`: above).
    let beyond = |bound: Option<Bound>, side: Ordering| {
        bound.is_some_and(|b| {
            let order = match (x, b) {
                (Num::Int(i), Bound::Int(m)) => Some(i.cmp(&m)),
                (Num::Int(i), Bound::Number(m)) => (i as f64).partial_cmp(&m),
                (Num::Float(v), b) => v.partial_cmp(&b.as_f64()),
            };
            order == Some(side)
        })
    };
    if beyond(c.minimum, Ordering::Less) || beyond(c.maximum, Ordering::Greater) {
        let show = |b: Option<Bound>| match b {
            Some(Bound::Int(i)) => i.to_string(),
            Some(Bound::Number(n)) => n.to_string(),
            None => String::new(),
        };
        let max = c
            .maximum
            .map(|m| format!("={}", show(Some(m))))
            .unwrap_or_default();
        let text = match x {
            Num::Int(i) => i.to_string(),
            Num::Float(v) => v.to_string(),
        };
        fail(format!(
            "{text} is out of range, needs {}..{max}",
            show(c.minimum)
        ));
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn at(prefix: &str) -> String {
    if prefix.is_empty() {
        String::new()
    } else {
        format!("`{prefix}`: ")
    }
}

/// The text of a path or query example value (a scalar), or what it is instead.
pub(crate) fn scalar_text(node: &Node) -> Result<String, String> {
    match node {
        Node::Str(s) => Ok(s.clone()),
        Node::Int(i) => Ok(i.to_string()),
        Node::Float(x) => Ok(x.to_string()),
        Node::Bool(b) => Ok(b.to_string()),
        other => Err(format!("expected a scalar value, found {}", other.kind())),
    }
}

#[cfg(test)]
mod tests {
    use serde_saphyr::Location;

    use super::*;

    fn node(value: Node) -> Spanned<Node> {
        Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
    }

    /// The messages for `value` as an example of a required field of `ty`.
    fn check(ty: Type, constraints: Constraints, value: Node) -> Vec<String> {
        let field = Field {
            wire_name: "rate".to_owned(),
            rust_name: "rate".to_owned(),
            label: None,
            description: None,
            location: None,
            required: true,
            from_config: None,
            ty,
            constraints,
            example: None,
        };
        let mut d = Diagnostics::new("spec.yaml");
        Checker {
            types: &[],
            d: &mut d,
        }
        .field(&node(value), &field, "example of field `rate`", "rate");
        match d.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e.errors().iter().map(|e| e.message.clone()).collect(),
        }
    }

    /// The YAML reader rejects `.nan` and `.inf` before validation; this is
    /// the check behind it, matching the generated `number_range`.
    #[test]
    fn non_finite_numbers_are_errors() {
        let bounded = Constraints {
            minimum: Some(Bound::Number(0.0)),
            ..Constraints::default()
        };
        for (x, shown) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            for c in [Constraints::default(), bounded.clone()] {
                assert_eq!(
                    check(Type::Number, c, Node::Float(x)),
                    [format!(
                        "example of field `rate`: `rate`: number {shown} is not allowed, expected a finite number (JSON has no NaN or infinity)"
                    )]
                );
            }
        }
        assert!(check(Type::Number, bounded, Node::Float(1.5)).is_empty());
    }

    #[test]
    fn integers_are_compared_with_integer_bounds_exactly() {
        let max = Constraints {
            maximum: Some(Bound::Int(i64::MAX - 1)),
            ..Constraints::default()
        };
        assert_eq!(
            check(Type::Integer, max.clone(), Node::Int(i64::MAX)),
            [format!(
                "example of field `rate`: `rate`: {} is out of range, needs ..={}",
                i64::MAX,
                i64::MAX - 1
            )]
        );
        assert!(check(Type::Integer, max, Node::Int(i64::MAX - 1)).is_empty());
    }

    #[test]
    fn array_items_are_not_required() {
        let ty = Type::Array {
            items: Box::new(Type::String { max_length: None }),
        };
        let items = Node::Seq(vec![node(Node::Str(String::new()))]);
        assert!(check(ty, Constraints::default(), items).is_empty());
    }
}
