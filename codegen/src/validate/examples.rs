//! Examples must conform to their schema: every value is checked against the
//! type and constraints of its field, the way the runtime and the server would.

use crate::ast::{Node, Spanned, pos};
use crate::error::Diagnostics;
use crate::ir::{Constraints, Field, NamedType, Type};

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
                    Type::String { .. } | Type::DateTime | Type::Enum { .. },
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
            (Type::Integer, Node::Int(i)) => {
                let x = *i as f64;
                out_of_range(x, &i.to_string(), c, &mut fail);
            }
            (Type::Number, Node::Int(i)) => out_of_range(*i as f64, &i.to_string(), c, &mut fail),
            (Type::Number, Node::Float(x)) => out_of_range(*x, &x.to_string(), c, &mut fail),
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
                        self.value(element, items, &none, true, context, &item_path);
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

fn out_of_range(x: f64, text: &str, c: &Constraints, fail: &mut impl FnMut(String)) {
    let below = c.minimum.is_some_and(|m| x < m.as_f64());
    let above = c.maximum.is_some_and(|m| x > m.as_f64());
    if below || above {
        let show = |b: Option<crate::ir::Bound>| match b {
            Some(crate::ir::Bound::Int(i)) => i.to_string(),
            Some(crate::ir::Bound::Number(n)) => n.to_string(),
            None => String::new(),
        };
        let max = c
            .maximum
            .map(|m| format!("={}", show(Some(m))))
            .unwrap_or_default();
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
