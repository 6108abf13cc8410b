//! Checks every rule of the spec format and lowers the spec into the IR.
//!
//! Errors are collected, not stopped at: one run reports every problem, each
//! with the position of the offending node. Examples are checked against the
//! lowered types, so they follow exactly the rules the generated code applies.

mod examples;
mod fields;

use std::collections::BTreeMap;

use crate::ast::{self, Node, Spanned, pos};
use crate::error::{Diagnostics, Pos, SpecErrors};
use crate::ir::{
    Api, Download, EnumType, EnumValue, ErrorCode, Example, ExampleParam, Field, Header, Host,
    Method, NamedType, Notification, ObjectType, Operation, ParamLocation, PathSegment, Type,
};
use crate::naming;

use examples::{Checker, scalar_text};
use fields::{Kind, Role, TypeTable, lower_field};

/// Validates a parsed spec and lowers it into the IR.
pub fn validate(spec: &ast::Spec, spec_path: &str) -> Result<Api, SpecErrors> {
    let mut d = Diagnostics::new(spec_path);
    let mut names = Names::default();
    for reserved in naming::RESERVED_ITEMS {
        names.reserve(reserved);
    }

    if spec.version.value != 1 {
        d.error(
            pos(&spec.version),
            format!(
                "unsupported spec version {}, expected 1",
                spec.version.value
            ),
        );
    }
    non_empty(&mut d, &spec.name, "`name`");
    non_empty(&mut d, &spec.title, "`title`");
    let primary_host = host(&mut d, &spec.hosts.value.primary);
    let backup_host = host(&mut d, &spec.hosts.value.backup);

    // Names of `types:` first: fields refer to them in any order.
    let mut table = TypeTable::new();
    for (name, def) in &spec.types.0 {
        match naming::type_name(&name.value) {
            Ok(rust) if def.value.fields.is_some() => {
                names.claim_struct(&mut d, &rust, pos(name), format!("type `{}`", name.value))
            }
            Ok(rust) => names.claim(&mut d, &rust, pos(name), format!("type `{}`", name.value)),
            Err(e) => d.error(pos(name), e),
        }
        match (&def.value.values, &def.value.fields) {
            (Some(_), None) => {
                table.insert(name.value.clone(), Kind::Enum);
            }
            (None, Some(_)) => {
                table.insert(name.value.clone(), Kind::Object);
            }
            (Some(_), Some(_)) => d.error(
                pos(name),
                format!(
                    "type `{}` has both `enum` and `fields`; a type is either an enum or an object",
                    name.value
                ),
            ),
            (None, None) => d.error(
                pos(name),
                format!(
                    "type `{}` needs `enum` (an enum) or `fields` (an object)",
                    name.value
                ),
            ),
        }
    }

    let mut types = Vec::new();
    let mut charset_statics = Names::default();
    let mut pending_examples: Vec<(&Spanned<Node>, Field)> = Vec::new();
    for (name, def) in &spec.types.0 {
        let def = &def.value;
        if let Some(values) = &def.values {
            if let Some(e) = lower_enum(&mut d, &name.value, values) {
                types.push(NamedType::Enum(EnumType {
                    name: name.value.clone(),
                    label: def.label.clone(),
                    description: def.description.clone(),
                    values: e,
                }));
            }
        } else if let Some(list) = &def.fields {
            let what = format!("type `{}`", name.value);
            if list.value.is_empty() {
                d.error(
                    pos(list),
                    format!("{what} has no fields; list at least one"),
                );
            }
            let lowered = lower_fields(
                &mut d,
                &list.value,
                Role::Object(&name.value),
                &table,
                &what,
                &mut pending_examples,
            );
            for f in &lowered {
                let at = list
                    .value
                    .iter()
                    .find(|a| a.value.name.value == f.wire_name)
                    .and_then(|a| a.value.charset.as_ref())
                    .map(pos);
                if let (Some(c), Some(at)) = (&f.constraints.charset, at) {
                    let what = format!(
                        "the charset of field `{}` of type `{}`",
                        f.wire_name, name.value
                    );
                    charset_statics.claim(&mut d, &c.static_name, at, what);
                }
            }
            types.push(NamedType::Object(ObjectType {
                name: name.value.clone(),
                label: def.label.clone(),
                description: def.description.clone(),
                fields: lowered,
            }));
        }
    }
    check_cycles(&mut d, spec, &types);

    let mut operations = Vec::new();
    let mut ids: BTreeMap<String, Pos> = BTreeMap::new();
    let headers = lower_header_catalog(&mut d, &spec.headers);
    let error_codes = lower_error_catalog(&mut d, &spec.errors);
    let catalog = Catalog {
        headers: &headers,
        errors: &error_codes,
        spec,
    };
    for op in &spec.operations {
        if let Some(o) = lower_operation(
            &mut d,
            op,
            &table,
            &types,
            &mut names,
            &mut ids,
            catalog,
            &mut pending_examples,
        ) {
            operations.push(o);
        }
    }

    let mut notifications = Vec::new();
    let mut notification_ids: BTreeMap<String, Pos> = BTreeMap::new();
    let mut event_types: BTreeMap<String, Pos> = BTreeMap::new();
    for n in &spec.notifications {
        if let Some(lowered) = lower_notification(
            &mut d,
            n,
            &table,
            &mut names,
            (&mut notification_ids, &mut event_types),
            &mut pending_examples,
        ) {
            notifications.push(lowered);
        }
    }

    let mut checker = Checker {
        types: &types,
        d: &mut d,
    };
    for n in &spec.notifications {
        let Some(lowered) = notifications.iter_mut().find(|l| l.id == n.value.id.value) else {
            continue;
        };
        if let Some(example) = &n.value.example {
            let fields: Vec<&Field> = lowered.fields.iter().collect();
            checker.object(
                example,
                &fields,
                &format!("example of notification `{}`", lowered.id),
                "",
            );
            lowered.example = Some(example.value.to_json());
        }
    }
    for (node, field) in &pending_examples {
        let context = format!("example of field `{}`", field.wire_name);
        checker.field(node, field, &context, &field.wire_name);
    }
    for (op, lowered) in spec.operations.iter().filter_map(|op| {
        operations
            .iter()
            .find(|o| o.id == op.value.id.value)
            .map(|o| (op, o))
    }) {
        check_examples(&mut checker, &op.value, lowered);
    }

    let operations = attach_examples(spec, operations);

    d.finish()?;
    Ok(Api {
        name: spec.name.value.clone(),
        title: spec.title.value.clone(),
        primary_host: primary_host.unwrap_or_else(empty_host),
        backup_host: backup_host.unwrap_or_else(empty_host),
        types,
        operations,
        headers,
        error_codes,
        notifications,
    })
}

/// One notification: id, event type and the decrypted resource's fields.
fn lower_notification<'a>(
    d: &mut Diagnostics,
    n: &'a Spanned<ast::NotificationDef>,
    table: &TypeTable,
    names: &mut Names,
    (ids, event_types): (&mut BTreeMap<String, Pos>, &mut BTreeMap<String, Pos>),
    pending_examples: &mut Vec<(&'a Spanned<Node>, Field)>,
) -> Option<Notification> {
    let n_ = &n.value;
    let id = &n_.id.value;
    let before = d.len();
    if let Some(first) = ids.get(id) {
        d.error(
            pos(&n_.id),
            format!(
                "duplicate notification id `{id}` (first at line {})",
                first.line
            ),
        );
    } else if let Err(e) = naming::operation_fn(id) {
        d.error(pos(&n_.id), e.replace("operation id", "notification id"));
    } else {
        names.claim_struct(
            d,
            &naming::notification_type(id),
            pos(&n_.id),
            format!("the event type of notification `{id}`"),
        );
    }
    ids.entry(id.clone()).or_insert_with(|| pos(&n_.id));
    let event_type = &n_.event_type.value;
    let well_formed = !event_type.is_empty()
        && event_type
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '_');
    if !well_formed {
        d.error(
            pos(&n_.event_type),
            format!("event_type `{event_type}` must be upper-case ASCII letters, digits, `.` and `_`, e.g. `WEBIZPAY.AUTHORIZED`"),
        );
    } else if let Some(first) = event_types.get(event_type) {
        d.error(
            pos(&n_.event_type),
            format!(
                "duplicate event_type `{event_type}` (first at line {})",
                first.line
            ),
        );
    }
    event_types
        .entry(event_type.clone())
        .or_insert_with(|| pos(&n_.event_type));
    non_empty(d, &n_.title, "notification `title`");
    https_url(d, &n_.doc.value.url, "doc url");
    check_revision(d, &n_.doc.value.revision);
    let what = format!("the resource of notification `{id}`");
    let fields = lower_fields(
        d,
        &n_.resource,
        Role::Response,
        table,
        &what,
        pending_examples,
    );
    if n_.resource.is_empty() {
        d.error(
            pos(n),
            format!(
                "notification `{id}` has no `resource` fields; list the decrypted resource's fields"
            ),
        );
    }
    if d.len() > before {
        return None;
    }
    Some(Notification {
        id: id.clone(),
        event_type: event_type.clone(),
        variant: naming::notification_variant(id),
        type_name: naming::notification_type(id),
        title: n_.title.value.clone(),
        summary: n_.summary.clone(),
        doc_url: n_.doc.value.url.value.clone(),
        revision: n_.doc.value.revision.value.clone(),
        notes: n_.doc.value.notes.clone(),
        fields,
        example: None,
    })
}

fn empty_host() -> Host {
    Host {
        url: String::new(),
        description: String::new(),
    }
}

/// Rust item names already taken, with where and by what.
#[derive(Default)]
struct Names(BTreeMap<String, Option<(Pos, String)>>);

impl Names {
    fn reserve(&mut self, name: &str) {
        self.0.insert(name.to_owned(), None);
    }

    /// Claims a generated struct's name and its builder's.
    fn claim_struct(&mut self, d: &mut Diagnostics, name: &str, at: Pos, what: String) {
        let before = d.len();
        let builder = format!("the builder of {what}");
        self.claim(d, name, at, what);
        if d.len() == before {
            self.claim(d, &naming::builder_type(name), at, builder);
        }
    }

    fn claim(&mut self, d: &mut Diagnostics, name: &str, at: Pos, what: String) {
        match self.0.get(name) {
            Some(None) => d.error(
                at,
                format!("{what} would be the Rust item `{name}`, which the generator reserves; rename it"),
            ),
            Some(Some((first, other))) => d.error(
                at,
                format!(
                    "{what} would be the Rust item `{name}`, which is already generated for {other} (line {}); rename one of them",
                    first.line
                ),
            ),
            None => {
                self.0.insert(name.to_owned(), Some((at, what)));
            }
        }
    }
}

fn non_empty(d: &mut Diagnostics, value: &Spanned<String>, what: &str) {
    if value.value.trim().is_empty() {
        d.error(pos(value), format!("{what} is empty"));
    }
}

fn https_url(d: &mut Diagnostics, url: &Spanned<String>, what: &str) -> bool {
    let u = &url.value;
    let rest = u.strip_prefix("https://").unwrap_or("");
    if rest.is_empty() || u.chars().any(char::is_whitespace) {
        d.error(
            pos(url),
            format!("{what} `{u}` is not an https URL, expected `https://host/…`"),
        );
        return false;
    }
    true
}

fn host(d: &mut Diagnostics, host: &Spanned<ast::Host>) -> Option<Host> {
    let h = &host.value;
    if !https_url(d, &h.url, "host url") {
        return None;
    }
    if h.url.value.ends_with('/') || h.url.value["https://".len()..].contains('/') {
        d.error(
            pos(&h.url),
            format!(
                "host url `{}` must be scheme and host only, without a path or trailing `/`",
                h.url.value
            ),
        );
        return None;
    }
    Some(Host {
        url: h.url.value.clone(),
        description: h.description.clone(),
    })
}

fn lower_enum(
    d: &mut Diagnostics,
    name: &str,
    values: &Spanned<Vec<Spanned<ast::EnumValue>>>,
) -> Option<Vec<EnumValue>> {
    if values.value.is_empty() {
        d.error(
            pos(values),
            format!("enum `{name}` has no values; list at least one"),
        );
        return None;
    }
    let before = d.len();
    let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
    let mut variants: BTreeMap<String, (&str, Pos)> = BTreeMap::new();
    let mut out = Vec::new();
    for v in &values.value {
        let value = &v.value.value;
        if value.value.is_empty() {
            d.error(pos(value), format!("empty value in enum `{name}`"));
            continue;
        }
        if let Some(first) = seen.get(value.value.as_str()) {
            d.error(
                pos(value),
                format!(
                    "duplicate value `{}` in enum `{name}` (first at line {})",
                    value.value, first.line
                ),
            );
            continue;
        }
        seen.insert(&value.value, pos(value));
        match naming::variant(&value.value) {
            Ok(variant) => {
                if let Some((other, _)) = variants.get(&variant) {
                    d.error(
                        pos(value),
                        format!(
                            "values `{other}` and `{}` of enum `{name}` both become the Rust variant `{variant}`",
                            value.value
                        ),
                    );
                } else {
                    variants.insert(variant.clone(), (&value.value, pos(value)));
                }
                out.push(EnumValue {
                    value: value.value.clone(),
                    variant,
                    description: v.value.description.clone(),
                });
            }
            Err(e) => d.error(pos(value), format!("{e} (in enum `{name}`)")),
        }
    }
    (d.len() == before).then_some(out)
}

/// Lowers a list of fields and checks their wire and Rust names are unique.
fn lower_fields<'a>(
    d: &mut Diagnostics,
    list: &'a [Spanned<ast::Field>],
    role: Role<'_>,
    table: &TypeTable,
    what: &str,
    pending_examples: &mut Vec<(&'a Spanned<Node>, Field)>,
) -> Vec<Field> {
    let mut wire: BTreeMap<&str, Pos> = BTreeMap::new();
    let mut rust: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for field in list {
        let name = &field.value.name;
        if let Some(first) = wire.get(name.value.as_str()) {
            d.error(
                pos(name),
                format!(
                    "duplicate field `{}` in {what} (first at line {})",
                    name.value, first.line
                ),
            );
            continue;
        }
        wire.insert(&name.value, pos(name));
        if name.value.is_empty() {
            d.error(pos(name), format!("empty field name in {what}"));
            continue;
        }
        let Some(lowered) = lower_field(field, role, table, d) else {
            continue;
        };
        if let Some(other) = rust.get(&lowered.rust_name) {
            d.error(
                pos(name),
                format!(
                    "fields `{other}` and `{}` of {what} both become the Rust field `{}`",
                    name.value, lowered.rust_name
                ),
            );
            continue;
        }
        rust.insert(lowered.rust_name.clone(), &name.value);
        if let Some(example) = &field.value.example {
            pending_examples.push((example, lowered.clone()));
        }
        out.push(lowered);
    }
    out
}

/// An object type cannot contain itself except through an array.
fn check_cycles(d: &mut Diagnostics, spec: &ast::Spec, types: &[NamedType]) {
    fn direct(t: &NamedType) -> Vec<(&str, &str)> {
        match t {
            NamedType::Object(o) => o
                .fields
                .iter()
                .filter_map(|f| match &f.ty {
                    Type::Object { name } => Some((f.wire_name.as_str(), name.as_str())),
                    _ => None,
                })
                .collect(),
            NamedType::Enum(_) => Vec::new(),
        }
    }
    for (name, _) in &spec.types.0 {
        let mut stack = vec![(name.value.as_str(), vec![name.value.clone()])];
        let mut visited: Vec<&str> = Vec::new();
        while let Some((current, trail)) = stack.pop() {
            let Some(t) = types.iter().find(|t| t.name() == current) else {
                continue;
            };
            for (field, target) in direct(t) {
                let mut next = trail.clone();
                next.push(format!("{target} (field `{field}`)"));
                if target == name.value {
                    d.error(
                        pos(name),
                        format!(
                            "type `{}` contains itself without an array: {}; use `array<{}>` or break the cycle",
                            name.value,
                            next.join(" → "),
                            name.value
                        ),
                    );
                    stack.clear();
                    break;
                }
                if !visited.contains(&target) {
                    visited.push(target);
                    stack.push((target, next));
                }
            }
        }
    }
}

/// The spec-level catalogs operations refer to, and the names the spec's
/// catalogs define (also those reported as invalid, which operations may
/// name without a second error).
#[derive(Clone, Copy)]
struct Catalog<'a> {
    headers: &'a [Header],
    errors: &'a [ErrorCode],
    spec: &'a ast::Spec,
}

fn parse_method(d: &mut Diagnostics, method: &Spanned<String>) -> Option<Method> {
    Some(match method.value.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "PATCH" => Method::Patch,
        "DELETE" => Method::Delete,
        other => {
            d.error(
                pos(method),
                format!("unknown method `{other}`, expected one of: GET, POST, PUT, PATCH, DELETE"),
            );
            return None;
        }
    })
}

/// Splits a path template into literals and `{param}` segments.
fn parse_path(template: &str) -> Result<Vec<PathSegment>, String> {
    if !template.starts_with('/') {
        return Err(format!("path `{template}` must start with `/`"));
    }
    if template.contains(['?', '#']) || template.chars().any(char::is_whitespace) {
        return Err(format!(
            "path `{template}` must not contain `?`, `#` or spaces; declare query parameters with `in: query`"
        ));
    }
    let mut out = Vec::new();
    let mut literal = String::new();
    for (i, segment) in template.split('/').enumerate() {
        if i > 0 {
            literal.push('/');
        }
        if i > 0 && segment.is_empty() {
            return Err(format!(
                "path `{template}` has an empty segment (`//` or a trailing `/`)"
            ));
        }
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let valid =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(format!(
                    "path placeholder `{segment}` is not well-formed, expected `{{name}}` with ASCII letters, digits and `_`"
                ));
            }
            if out
                .iter()
                .any(|s| matches!(s, PathSegment::Param(p) if p == name))
            {
                return Err(format!(
                    "path placeholder `{{{name}}}` appears twice in `{template}`"
                ));
            }
            out.push(PathSegment::Literal(std::mem::take(&mut literal)));
            out.push(PathSegment::Param(name.to_owned()));
        } else if segment.contains(['{', '}']) {
            return Err(format!(
                "path segment `{segment}` of `{template}`: a placeholder must be a whole segment, like `/{{user_id}}/`"
            ));
        } else if segment == "." || segment == ".." {
            return Err(format!(
                "path segment `{segment}` of `{template}` is a dot segment, which URLs remove; the request would reach another path than the one signed"
            ));
        } else if let Some(bad) = segment.chars().find(|&c| !is_unreserved(c)) {
            return Err(format!(
                "path segment `{segment}` of `{template}` contains {bad:?}, expected only the RFC 3986 unreserved characters A-Z a-z 0-9 - . _ ~ (literal segments are sent unencoded and signed as is)"
            ));
        } else {
            literal.push_str(segment);
        }
    }
    out.push(PathSegment::Literal(literal));
    out.retain(|s| !matches!(s, PathSegment::Literal(l) if l.is_empty()));
    Ok(out)
}

/// RFC 3986 unreserved characters: never percent-encoded, so a literal path
/// segment of them is sent and signed the same.
fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

/// `doc.deviations`: each names a location and a reason, once.
fn check_deviations(d: &mut Diagnostics, id: &str, deviations: &[ast::Deviation]) {
    for (i, v) in deviations.iter().enumerate() {
        let at = &v.at.value;
        if at.trim().is_empty() || at.contains(char::is_whitespace) {
            d.error(
                pos(&v.at),
                format!("a deviation of `{id}` needs `at:`, the dotted location `docs check` reports (e.g. `path`), not `{at}`"),
            );
        }
        if v.reason.trim().is_empty() {
            d.error(
                pos(&v.at),
                format!("the deviation `{at}` of `{id}` needs a `reason`"),
            );
        }
        if deviations[..i]
            .iter()
            .any(|e| e.at.value == *at && e.page == v.page)
        {
            d.error(
                pos(&v.at),
                format!("the deviation `{at}` of `{id}` is recorded twice"),
            );
        }
    }
}

fn check_revision(d: &mut Diagnostics, revision: &Spanned<String>) {
    let r = &revision.value;
    let shaped = r.len() == 10
        && r.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped || chrono::NaiveDate::parse_from_str(r, "%Y-%m-%d").is_err() {
        d.error(
            pos(revision),
            format!("revision `{r}` is not a valid date, expected YYYY-MM-DD (e.g. 2025-05-09)"),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn lower_operation<'a>(
    d: &mut Diagnostics,
    op: &'a Spanned<ast::Operation>,
    table: &TypeTable,
    types: &[NamedType],
    names: &mut Names,
    ids: &mut BTreeMap<String, Pos>,
    catalog: Catalog<'_>,
    pending_examples: &mut Vec<(&'a Spanned<Node>, Field)>,
) -> Option<Operation> {
    let o = &op.value;
    let id = &o.id.value;
    let before = d.len();
    if let Some(first) = ids.get(id) {
        d.error(
            pos(&o.id),
            format!(
                "duplicate operation id `{id}` (first at line {})",
                first.line
            ),
        );
    } else if let Err(e) = naming::operation_fn(id) {
        d.error(pos(&o.id), e);
    } else {
        let what = format!("operation `{id}`");
        names.claim_struct(
            d,
            &naming::request_type(id),
            pos(&o.id),
            format!("the request type of {what}"),
        );
        names.claim_struct(
            d,
            &naming::response_type(id),
            pos(&o.id),
            format!("the response type of {what}"),
        );
        names.claim(
            d,
            &naming::operation_const(id),
            pos(&o.id),
            format!("the OperationInfo const of {what}"),
        );
    }
    ids.entry(id.clone()).or_insert_with(|| pos(&o.id));
    non_empty(d, &o.title, "operation `title`");
    https_url(d, &o.doc.value.url, "doc url");
    check_revision(d, &o.doc.value.revision);
    check_deviations(d, id, &o.doc.value.deviations);
    let method = parse_method(d, &o.method);
    let segments = match parse_path(&o.path.value) {
        Ok(s) => Some(s),
        Err(e) => {
            d.error(pos(&o.path), e);
            None
        }
    };

    let what = format!("the request of `{id}`");
    let request = lower_fields(d, &o.request, Role::Request, table, &what, pending_examples);
    if let Some(segments) = &segments {
        for s in segments {
            if let PathSegment::Param(p) = s
                && !o.request.iter().any(|f| {
                    f.value.name.value == *p
                        && f.value.location.as_ref().is_some_and(|l| l.value == "path")
                })
            {
                d.error(
                    pos(&o.path),
                    format!("path placeholder `{{{p}}}` has no `in: path` parameter in `request`; add one named `{p}`"),
                );
            }
        }
        for f in &o.request {
            let name = &f.value.name.value;
            if f.value.location.as_ref().is_some_and(|l| l.value == "path")
                && !segments
                    .iter()
                    .any(|s| matches!(s, PathSegment::Param(p) if p == name))
            {
                d.error(
                    pos(&f.value.name),
                    format!(
                        "path parameter `{name}` does not appear in the path `{}`; add `{{{name}}}` to the path or change `in:`",
                        o.path.value
                    ),
                );
            }
        }
    }
    if let Some(m @ Method::Get) = method {
        for f in &o.request {
            if let Some(l) = &f.value.location
                && l.value == "body"
            {
                d.error(
                    pos(l),
                    format!(
                        "`{}` requests have no body; make `{}` `in: query` or `in: path`",
                        m.as_str(),
                        f.value.name.value
                    ),
                );
            }
        }
    }

    let status = &o.response.value.status;
    if !(200..=299).contains(&status.value) {
        d.error(
            pos(status),
            format!(
                "response status {} is not a success status, expected 200..=299",
                status.value
            ),
        );
    }
    let what = format!("the response of `{id}`");
    let mut response = lower_fields(
        d,
        &o.response.value.fields,
        Role::Response,
        table,
        &what,
        pending_examples,
    );
    let response_object = o.response.value.ty.as_ref().and_then(|ty| {
        if !o.response.value.fields.is_empty() {
            d.error(
                pos(ty),
                format!("the response of `{id}` has both `type` and `fields`; give one of them"),
            );
            return None;
        }
        match types.iter().find(|t| t.name() == ty.value) {
            Some(NamedType::Object(object)) => {
                response = object.fields.clone();
                Some(ty.value.clone())
            }
            Some(NamedType::Enum(_)) => {
                d.error(
                    pos(ty),
                    format!(
                        "the response type `{}` of `{id}` is an enum; a response body is an object type",
                        ty.value
                    ),
                );
                None
            }
            None if table.contains_key(&ty.value) => None,
            None => {
                d.error(
                    pos(ty),
                    format!(
                        "the response type `{}` of `{id}` is not an object type of `types:`",
                        ty.value
                    ),
                );
                None
            }
        }
    });

    let echo = lower_echo(d, id, &o.response.value.echo, &request, &response);
    let not_echoed = lower_not_echoed(d, id, o, &echo, &request);
    let headers = lower_headers(d, id, &o.headers, catalog);
    let errors = lower_errors(d, id, &o.errors, catalog);
    let download = o
        .download
        .as_ref()
        .and_then(|dl| lower_download(d, id, dl, &response));
    if o.download.is_some() && download.is_none() && d.len() == before {
        return None;
    }

    let mut example_names: BTreeMap<&str, Pos> = BTreeMap::new();
    for ex in &o.examples {
        let name = &ex.value.name;
        if let Some(first) = example_names.get(name.value.as_str()) {
            d.error(
                pos(name),
                format!(
                    "duplicate example `{}` in `{id}` (first at line {})",
                    name.value, first.line
                ),
            );
        }
        example_names.insert(&name.value, pos(name));
    }

    if d.len() > before {
        return None;
    }
    Some(Operation {
        id: id.clone(),
        const_name: naming::operation_const(id),
        request_type: naming::request_type(id),
        response_type: naming::response_type(id),
        title: o.title.value.clone(),
        summary: o.summary.clone(),
        doc_url: o.doc.value.url.value.clone(),
        revision: o.doc.value.revision.value.clone(),
        notes: o.doc.value.notes.clone(),
        merchant_types: o.merchant_types.clone(),
        method: method?,
        path: o.path.value.clone(),
        path_segments: segments?,
        headers,
        request,
        response_status: status.value,
        response,
        response_object,
        echo,
        not_echoed,
        errors,
        download,
        examples: Vec::new(),
        deviations: o
            .doc
            .value
            .deviations
            .iter()
            .map(|dv| crate::ir::Deviation {
                at: dv.at.value.clone(),
                page: dv.page.clone(),
                reason: dv.reason.clone(),
            })
            .collect(),
    })
}

/// RFC 9110 `tchar`: the characters of a header name.
fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// The spec's `headers` catalog, checked: valid names, unique ignoring case,
/// valid values.
fn lower_header_catalog(
    d: &mut Diagnostics,
    headers: &ast::OrderedMap<ast::HeaderDef>,
) -> Vec<Header> {
    let mut seen: BTreeMap<String, Pos> = BTreeMap::new();
    let mut out = Vec::with_capacity(headers.0.len());
    for (name, h) in &headers.0 {
        let (at, name, h) = (pos(name), &name.value, &h.value);
        if name.is_empty() || !name.chars().all(is_tchar) {
            d.error(
                at,
                format!(
                    "header name `{name}` is not an HTTP header name: use letters, digits and !#$%&'*+-.^_`|~ only, e.g. `Content-Type`"
                ),
            );
            continue;
        }
        let key = naming::header_const(name);
        if let Some(first) = seen.get(&key) {
            d.error(
                at,
                format!(
                    "duplicate header `{name}` (first at line {}); header names are case-insensitive and `-`/`_` give the same Rust const",
                    first.line
                ),
            );
            continue;
        }
        seen.insert(key, at);
        if let Some(value) = &h.value
            && (value.value.is_empty()
                || !value
                    .value
                    .chars()
                    .all(|c| c.is_ascii_graphic() || c == ' ')
                || value.value.starts_with(' ')
                || value.value.ends_with(' '))
        {
            d.error(
                pos(value),
                format!(
                    "value {:?} of header `{name}` is not a valid header value: use visible ASCII, inner spaces allowed",
                    value.value
                ),
            );
            continue;
        }
        out.push(Header {
            name: name.clone(),
            const_name: naming::header_const(name),
            required: h.required,
            description: h.description.clone(),
            value: h.value.as_ref().map(|v| v.value.clone()),
        });
    }
    out
}

/// The header names an operation lists: each from the catalog, once.
fn lower_headers(
    d: &mut Diagnostics,
    id: &str,
    names: &[Spanned<String>],
    catalog: Catalog<'_>,
) -> Vec<String> {
    let defined = |name: &str| catalog.spec.headers.0.iter().any(|(k, _)| k.value == name);
    let catalog = catalog.headers;
    let mut seen: BTreeMap<String, Pos> = BTreeMap::new();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let at = pos(name);
        let name = &name.value;
        if !catalog.iter().any(|h| h.name == *name) {
            if defined(name) {
                continue;
            }
            let known: Vec<&str> = catalog.iter().map(|h| h.name.as_str()).collect();
            d.error(
                at,
                format!(
                    "header `{name}` of `{id}` is not in the spec's `headers`; add it there or use one of: {}",
                    known.join(", ")
                ),
            );
            continue;
        }
        if let Some(first) = seen.get(name) {
            d.error(
                at,
                format!(
                    "header `{name}` is listed twice in `{id}` (first at line {})",
                    first.line
                ),
            );
            continue;
        }
        seen.insert(name.clone(), at);
        out.push(name.clone());
    }
    out
}

/// The spec's `errors` catalog, checked: statuses, code spelling, variants.
fn lower_error_catalog(
    d: &mut Diagnostics,
    errors: &ast::OrderedMap<ast::ErrorDef>,
) -> Vec<ErrorCode> {
    let mut out: Vec<ErrorCode> = Vec::new();
    let mut seen: BTreeMap<String, (String, Pos)> = BTreeMap::new();
    for (code, e) in &errors.0 {
        let (at, code, e) = (pos(code), &code.value, &e.value);
        if !(400..=599).contains(&e.status.value) {
            d.error(
                pos(&e.status),
                format!(
                    "error status {} of `{code}` is not an error status, expected 4xx or 5xx",
                    e.status.value
                ),
            );
            continue;
        }
        let upper = code.starts_with(|c: char| c.is_ascii_uppercase())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !upper {
            d.error(
                at,
                format!("error code `{code}` must be UPPER_SNAKE_CASE ASCII, as WeChat Pay documents codes"),
            );
            continue;
        }
        let variant = match naming::variant(code) {
            Ok(v) => v,
            Err(err) => {
                d.error(at, err);
                continue;
            }
        };
        if let Some((other, first)) = seen.get(&variant) {
            d.error(
                at,
                format!(
                    "error codes `{other}` (line {}) and `{code}` both become the Rust variant `ErrorCode::{variant}`",
                    first.line
                ),
            );
            continue;
        }
        seen.insert(variant.clone(), (code.clone(), at));
        out.push(ErrorCode {
            code: code.clone(),
            variant,
            const_name: naming::error_const(code),
            status: e.status.value,
            description: e.description.clone(),
            solution: e.solution.clone(),
            retry: e.retry,
        });
    }
    out
}

/// The error codes an operation lists: each from the catalog, once.
fn lower_errors(
    d: &mut Diagnostics,
    id: &str,
    codes: &[Spanned<String>],
    catalog: Catalog<'_>,
) -> Vec<String> {
    let defined = |code: &str| catalog.spec.errors.0.iter().any(|(k, _)| k.value == code);
    let catalog = catalog.errors;
    let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
    let mut out = Vec::with_capacity(codes.len());
    for code in codes {
        let at = pos(code);
        let code = code.value.as_str();
        if !catalog.iter().any(|c| c.code == code) {
            if defined(code) {
                continue;
            }
            let known: Vec<&str> = catalog.iter().map(|c| c.code.as_str()).collect();
            d.error(
                at,
                format!(
                    "error code `{code}` of `{id}` is not in the spec's `errors`; add it there or use one of: {}",
                    known.join(", ")
                ),
            );
            continue;
        }
        if let Some(first) = seen.get(code) {
            d.error(
                at,
                format!(
                    "error code `{code}` is listed twice in `{id}` (first at line {})",
                    first.line
                ),
            );
            continue;
        }
        seen.insert(code, at);
        out.push(code.to_owned());
    }
    out
}

/// The types of an echoed pair agree: the same type, string lengths aside.
fn same_shape(a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::String { .. }, Type::String { .. }) => true,
        (Type::Array { items: a }, Type::Array { items: b }) => same_shape(a, b),
        _ => a == b,
    }
}

/// `response.echo`: each name a top-level response field and a request
/// parameter of the same type, listed once.
fn lower_echo(
    d: &mut Diagnostics,
    id: &str,
    names: &[Spanned<String>],
    request: &[Field],
    response: &[Field],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let (at, name) = (pos(name), &name.value);
        if out.contains(name) {
            d.error(at, format!("echo field `{name}` is listed twice in `{id}`"));
            continue;
        }
        let Some(answered) = response.iter().find(|f| f.wire_name == *name) else {
            d.error(
                at,
                format!("echo field `{name}` is not a response field of `{id}`"),
            );
            continue;
        };
        let Some(sent) = request.iter().find(|f| f.wire_name == *name) else {
            d.error(
                at,
                format!("echo field `{name}` of `{id}` is not a request parameter; an echo repeats the request parameter of the same name"),
            );
            continue;
        };
        if !same_shape(&sent.ty, &answered.ty) {
            d.error(
                at,
                format!(
                    "echo field `{name}` of `{id}` is `{}` in the request but `{}` in the response; an echo has the request's type",
                    sent.ty.spec_name(),
                    answered.ty.spec_name()
                ),
            );
            continue;
        }
        out.push(name.clone());
    }
    out
}

/// `response.not_echoed`: the request parameters the answer does not
/// repeat. With `echo`, every request parameter is named exactly once, so
/// the spec states what binds an answer to its request.
fn lower_not_echoed(
    d: &mut Diagnostics,
    id: &str,
    o: &ast::Operation,
    echo: &[String],
    request: &[Field],
) -> Vec<String> {
    let response = &o.response;
    let mut listed: Vec<&str> = Vec::new();
    for name in &response.value.not_echoed {
        let (at, name) = (pos(name), name.value.as_str());
        if listed.contains(&name) {
            d.error(at, format!("`not_echoed` lists `{name}` twice in `{id}`"));
        } else if !o.request.iter().any(|f| f.value.name.value == name) {
            d.error(
                at,
                format!("`not_echoed` field `{name}` of `{id}` is not a request parameter"),
            );
        } else if echo.iter().any(|e| e == name) {
            d.error(
                at,
                format!("`{name}` of `{id}` is in both `echo` and `not_echoed`; an answer either repeats a parameter or does not"),
            );
        }
        listed.push(name);
    }
    for f in request {
        let name = f.wire_name.as_str();
        let echoed = response.value.echo.iter().any(|e| e.value == name);
        if !echoed && !listed.contains(&name) {
            d.error(
                pos(response),
                format!(
                    "request parameter `{name}` of `{id}` is neither in `response.echo` nor in `response.not_echoed`: say whether the answer repeats it (what binds an answer to its request is part of the spec)"
                ),
            );
        }
    }
    // Request order, whatever order the list has.
    request
        .iter()
        .filter(|f| listed.contains(&f.wire_name.as_str()))
        .map(|f| f.wire_name.clone())
        .collect()
}

/// The `download` block: names of string response fields.
fn lower_download(
    d: &mut Diagnostics,
    id: &str,
    download: &Spanned<ast::Download>,
    response: &[Field],
) -> Option<Download> {
    let before = d.len();
    let mut field = |name: &Spanned<String>, role: &str, required: bool| -> Option<String> {
        let Some(f) = response.iter().find(|f| f.wire_name == name.value) else {
            d.error(
                pos(name),
                format!(
                    "download {role} `{}` is not a response field of `{id}`",
                    name.value
                ),
            );
            return None;
        };
        if !matches!(f.ty, Type::String { .. }) {
            d.error(
                pos(name),
                format!(
                    "download {role} `{}` of `{id}` is `{}`, expected a string field",
                    name.value,
                    f.ty.spec_name()
                ),
            );
            return None;
        }
        if required && !f.required {
            d.error(
                pos(name),
                format!(
                    "download {role} `{}` of `{id}` is optional; the URL field must be `required: true`",
                    name.value
                ),
            );
            return None;
        }
        Some(f.rust_name.clone())
    };
    let dl = &download.value;
    let url = field(&dl.url, "url", true);
    let hash_type = dl.hash_type.as_ref().map(|n| field(n, "hash_type", false));
    let hash_value = dl
        .hash_value
        .as_ref()
        .map(|n| field(n, "hash_value", false));
    if hash_type.is_some() != hash_value.is_some() {
        d.error(
            pos(download),
            format!("download of `{id}` needs both `hash_type` and `hash_value`, or neither"),
        );
    }
    if d.len() > before {
        return None;
    }
    Some(Download {
        url: url?,
        hash_type: hash_type.flatten(),
        hash_value: hash_value.flatten(),
    })
}

/// Checks the examples of one (valid) operation against its lowered fields.
fn check_examples(checker: &mut Checker<'_>, op: &ast::Operation, lowered: &Operation) {
    for ex in &op.examples {
        let ex = &ex.value;
        let name = &ex.name.value;
        if let Some(req) = &ex.request {
            let r = &req.value;
            let path_params: Vec<&Field> = lowered.params(ParamLocation::Path).collect();
            match &r.path {
                Some(node) => params(
                    checker,
                    node,
                    &path_params,
                    true,
                    &format!("example `{name}` path"),
                ),
                None if !path_params.is_empty() => checker.d.error(
                    pos(req),
                    format!(
                        "example `{name}`: request has no `path`, but `{}` has path parameters",
                        lowered.id
                    ),
                ),
                None => {}
            }
            let query_params: Vec<&Field> = lowered.params(ParamLocation::Query).collect();
            match &r.query {
                Some(node) => params(checker, node, &query_params, false, &format!("example `{name}` query")),
                None if query_params.iter().any(|f| f.required) => checker.d.error(
                    pos(req),
                    format!("example `{name}`: request has no `query`, but `{}` has required query parameters", lowered.id),
                ),
                None => {}
            }
            let body_params: Vec<&Field> = lowered.params(ParamLocation::Body).collect();
            match &r.body {
                Some(node) if body_params.is_empty() => checker.d.error(
                    pos(node),
                    format!(
                        "example `{name}`: `{}` has no body parameters, so its request has no body",
                        lowered.id
                    ),
                ),
                Some(node) => checker.object(
                    node,
                    &body_params,
                    &format!("example `{name}` request body"),
                    "",
                ),
                None if !body_params.is_empty() => checker.d.error(
                    pos(req),
                    format!(
                        "example `{name}`: request has no `body`, but `{}` has body parameters",
                        lowered.id
                    ),
                ),
                None => {}
            }
        }
        if let Some(resp) = &ex.response {
            let r = &resp.value;
            if r.status.value != lowered.response_status {
                checker.d.error(
                    pos(&r.status),
                    format!(
                        "example `{name}`: response status {} differs from the success status {}",
                        r.status.value, lowered.response_status
                    ),
                );
            }
            if let Some(body) = &r.body {
                let fields: Vec<&Field> = lowered.response.iter().collect();
                checker.object(
                    body,
                    &fields,
                    &format!("example `{name}` response body"),
                    "",
                );
            }
        }
    }
}

/// Checks path or query values of an example (scalars, given as text).
fn params(
    checker: &mut Checker<'_>,
    node: &Spanned<Node>,
    fields: &[&Field],
    exact: bool,
    context: &str,
) {
    let Node::Map(entries) = &node.value else {
        checker.d.error(
            pos(node),
            format!(
                "{context}: expected a mapping of parameter values, found {}",
                node.value.kind()
            ),
        );
        return;
    };
    for (key, value) in entries {
        let Some(field) = fields.iter().find(|f| f.wire_name == key.value) else {
            let names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
            checker.d.error(
                pos(key),
                format!(
                    "{context}: `{}` is not a parameter here, expected one of: {}",
                    key.value,
                    names.join(", ")
                ),
            );
            continue;
        };
        if let Err(e) = scalar_text(&value.value) {
            checker
                .d
                .error(pos(value), format!("{context}: `{}`: {e}", key.value));
            continue;
        }
        checker.field(value, field, context, &key.value);
    }
    for field in fields.iter().filter(|f| exact || f.required) {
        if !entries.iter().any(|(k, _)| k.value == field.wire_name) {
            checker.d.error(
                pos(node),
                format!("{context}: no value for parameter `{}`", field.wire_name),
            );
        }
    }
}

/// Copies the (valid) examples into the IR.
fn attach_examples(spec: &ast::Spec, mut operations: Vec<Operation>) -> Vec<Operation> {
    for op in &spec.operations {
        let Some(lowered) = operations.iter_mut().find(|o| o.id == op.value.id.value) else {
            continue;
        };
        for ex in &op.value.examples {
            let ex = &ex.value;
            let request = ex.request.as_ref().map(|r| &r.value);
            let param_list = |node: Option<&Spanned<Node>>| match node.map(|n| &n.value) {
                Some(Node::Map(entries)) => entries
                    .iter()
                    .filter_map(|(k, v)| {
                        scalar_text(&v.value).ok().map(|value| ExampleParam {
                            name: k.value.clone(),
                            value,
                        })
                    })
                    .collect(),
                _ => Vec::new(),
            };
            lowered.examples.push(Example {
                name: ex.name.value.clone(),
                description: ex.description.clone(),
                path: param_list(request.and_then(|r| r.path.as_ref())),
                query: param_list(request.and_then(|r| r.query.as_ref())),
                request_body: request
                    .and_then(|r| r.body.as_ref())
                    .map(|b| b.value.to_json()),
                response_status: ex.response.as_ref().map(|r| r.value.status.value),
                response_body: ex
                    .response
                    .as_ref()
                    .and_then(|r| r.value.body.as_ref())
                    .map(|b| b.value.to_json()),
            });
        }
    }
    operations
}
