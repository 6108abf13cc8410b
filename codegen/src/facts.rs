//! What an operation is, in one shape for both sources: a documentation
//! page ([`crate::page`]) and the spec ([`Facts::of_operation`]). [`compare`]
//! lists the differences between two of them, each with a severity from the
//! spec's semver rules (`spec/README.md`); `cargo xtask docs check` compares
//! a page with the spec, `cargo xtask spec diff` two versions of the spec.

use serde::Serialize;

use crate::ir::{Api, Field, NamedType, Operation, ParamLocation, Type};

/// Where a request parameter goes (a page also lists headers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// An HTTP header.
    Header,
    /// A path segment.
    Path,
    /// A query parameter.
    Query,
    /// A JSON body field.
    Body,
}

impl Location {
    /// `header`, `path`, `query` or `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Header => "header",
            Location::Path => "path",
            Location::Query => "query",
            Location::Body => "body",
        }
    }
}

/// A parameter or response field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FieldFacts {
    /// Where a request parameter goes; `None` in a response.
    pub location: Option<Location>,
    /// The wire name.
    pub name: String,
    /// 必填.
    pub required: bool,
    /// `string`, `integer`, `number`, `boolean`, `object` or `array`.
    pub ty: String,
    /// A refinement of a string: `date-time` or `date`.
    pub format: Option<String>,
    /// `N` of `string(N)`.
    pub max_length: Option<u64>,
    /// 【label】.
    pub label: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// 可选取值 (`None`: not listed).
    pub values: Option<Vec<String>>,
    /// What a page says of each value (same order as `values`).
    #[serde(skip)]
    pub value_docs: Vec<String>,
    /// The fields of an object (or of an array's objects): 属性.
    pub children: Vec<FieldFacts>,
    /// Whether a page announced `属性` (nested fields follow).
    #[serde(skip)]
    pub nested: bool,
    /// The page line (0 for the spec).
    #[serde(skip)]
    pub line: usize,
}

/// A row of an error-code table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ErrorFacts {
    /// The HTTP status.
    pub status: u16,
    /// The code.
    pub code: String,
    /// 描述.
    pub description: String,
    /// 解决方案.
    pub solution: String,
}

/// One operation, as a page or the spec describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// The spec's id (`None` for a page).
    pub id: Option<String>,
    /// The title.
    pub title: String,
    /// 更新时间, as `YYYY-MM-DD`.
    pub revision: Option<String>,
    /// The first paragraph.
    pub summary: Option<String>,
    /// 支持商户.
    pub merchant_types: Vec<String>,
    /// The HTTP method.
    pub method: String,
    /// The path template.
    pub path: String,
    /// The hosts, primary first.
    pub hosts: Vec<String>,
    /// Headers and parameters, in page order.
    pub request: Vec<FieldFacts>,
    /// The success status.
    pub status: Option<u16>,
    /// The response fields.
    pub response: Vec<FieldFacts>,
    /// The error codes.
    pub errors: Vec<ErrorFacts>,
    /// The page's request example (a curl command), if it shows one.
    pub request_example: Option<RequestExample>,
    /// The page's response example body.
    pub response_example: Option<serde_json::Value>,
}

/// A request example: the target (path and query) and the JSON body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestExample {
    /// Path and `?query`, as the example sends them.
    pub target: String,
    /// The JSON body, if any.
    pub body: Option<serde_json::Value>,
}

impl Facts {
    /// The facts the spec states about `op`.
    pub fn of_operation(api: &Api, op: &Operation) -> Facts {
        let mut request: Vec<FieldFacts> = op
            .headers
            .iter()
            .filter_map(|name| api.header(name))
            .map(|h| FieldFacts {
                location: Some(Location::Header),
                name: h.name.clone(),
                required: h.required,
                ty: "string".to_owned(),
                description: Some(h.description.clone()),
                ..FieldFacts::default()
            })
            .collect();
        request.extend(op.request.iter().map(|f| field(api, f, 0)));
        let response = match op
            .response_object
            .as_deref()
            .and_then(|n| api.named_type(n))
        {
            Some(NamedType::Object(o)) => o.fields.iter().map(|f| field(api, f, 0)).collect(),
            _ => op.response.iter().map(|f| field(api, f, 0)).collect(),
        };
        Facts {
            id: Some(op.id.clone()),
            title: op.title.clone(),
            revision: Some(op.revision.clone()),
            summary: op.summary.clone(),
            merchant_types: op.merchant_types.clone(),
            method: op.method.as_str().to_owned(),
            path: op.path.clone(),
            hosts: vec![api.primary_host.url.clone(), api.backup_host.url.clone()],
            request,
            status: Some(op.response_status),
            response,
            errors: op
                .errors
                .iter()
                .filter_map(|c| api.error_code(c))
                .map(|e| ErrorFacts {
                    status: e.status,
                    code: e.code.clone(),
                    description: e.description.clone(),
                    solution: e.solution.clone(),
                })
                .collect(),
            request_example: None,
            response_example: None,
        }
    }

    /// The method and the path with its parameter names blanked: how a
    /// page is matched with an operation.
    pub fn route(&self) -> (String, String) {
        let mut path = String::new();
        let mut in_param = false;
        for c in self.path.chars() {
            match c {
                '{' => {
                    in_param = true;
                    path.push_str("{}");
                }
                '}' => in_param = false,
                c if !in_param => path.push(c),
                _ => {}
            }
        }
        (self.method.clone(), path.trim_end_matches('/').to_owned())
    }
}

/// Nested object types deeper than this are not expanded (a spec type may
/// contain itself through an array).
const MAX_DEPTH: usize = 8;

fn field(api: &Api, f: &Field, depth: usize) -> FieldFacts {
    let mut out = FieldFacts {
        location: f.location.map(|l| match l {
            ParamLocation::Path => Location::Path,
            ParamLocation::Query => Location::Query,
            ParamLocation::Body => Location::Body,
        }),
        name: f.wire_name.clone(),
        required: f.required,
        label: f.label.clone(),
        description: f.description.clone(),
        ..FieldFacts::default()
    };
    fill_type(api, &f.ty, &mut out, depth);
    out
}

fn fill_type(api: &Api, ty: &Type, out: &mut FieldFacts, depth: usize) {
    match ty {
        Type::String { max_length } => {
            out.ty = "string".to_owned();
            out.max_length = *max_length;
        }
        Type::Integer => out.ty = "integer".to_owned(),
        Type::Number => out.ty = "number".to_owned(),
        Type::Boolean => out.ty = "boolean".to_owned(),
        Type::DateTime | Type::Date => {
            out.ty = "string".to_owned();
            out.format = Some(
                if matches!(ty, Type::DateTime) {
                    "date-time"
                } else {
                    "date"
                }
                .to_owned(),
            );
        }
        Type::Enum { name } | Type::Object { name } => match api.named_type(name) {
            Some(NamedType::Enum(e)) => {
                out.ty = "string".to_owned();
                out.values = Some(e.values.iter().map(|v| v.value.clone()).collect());
            }
            Some(NamedType::Object(o)) => {
                out.ty = "object".to_owned();
                if depth < MAX_DEPTH {
                    out.children = o.fields.iter().map(|f| field(api, f, depth + 1)).collect();
                }
            }
            None => out.ty = name.clone(),
        },
        Type::Array { items } => {
            let mut inner = FieldFacts::default();
            fill_type(api, items, &mut inner, depth);
            out.ty = "array".to_owned();
            out.children = inner.children;
            out.values = inner.values;
        }
    }
}

/// How much a difference matters to the users of `webizpay-api`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Callers' code or an already released client breaks.
    Breaking,
    /// Something is added or relaxed: a minor release.
    Compatible,
    /// Labels, descriptions, revisions: documentation only.
    Docs,
}

impl Severity {
    /// `breaking`, `compatible` or `docs`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Compatible => "compatible",
            Severity::Docs => "docs",
        }
    }
}

/// One difference between two descriptions of an operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// How much it matters.
    pub severity: Severity,
    /// A dotted location: `path`, `request.body.sub_mchid.length`, `errors.NO_AUTH`, ….
    #[serde(rename = "where")]
    pub location: String,
    /// The value on the old side (the spec, for a page check; the base, for a spec diff).
    pub old: Option<String>,
    /// The value on the new side (the page; the current spec).
    pub new: Option<String>,
    /// What changed, in words.
    pub message: String,
}

struct Diff {
    out: Vec<Difference>,
}

impl Diff {
    fn push(
        &mut self,
        severity: Severity,
        location: String,
        old: Option<String>,
        new: Option<String>,
        message: impl Into<String>,
    ) {
        self.out.push(Difference {
            severity,
            location,
            old,
            new,
            message: message.into(),
        });
    }
}

/// Text compared without its whitespace and sentence punctuation: a page's
/// line breaks are a YAML block's spaces, and where a page runs two lines
/// together (`TIMEZONEyyyy`, `…openBusinessView此参数`) the spec may put the
/// comma or full stop the rendering lost.
fn same_text(a: Option<&str>, b: Option<&str>) -> bool {
    let squash = |s: Option<&str>| -> String {
        s.unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | '。' | ';' | '；'))
            .collect()
    };
    squash(a) == squash(b)
}

fn type_text(f: &FieldFacts) -> String {
    match &f.format {
        Some(format) => format!("{} ({format})", f.ty),
        None => f.ty.clone(),
    }
}

fn required_text(required: bool) -> String {
    if required { "required" } else { "optional" }.to_owned()
}

/// Whether fields are request parameters (constraints bind the caller) or
/// answer fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Request,
    Response,
}

/// The differences from `old` to `new`: what changes for users if the
/// spec goes from `old` to `new` (for a page check: from the spec to the page).
pub fn compare(old: &Facts, new: &Facts) -> Vec<Difference> {
    let mut d = Diff { out: Vec::new() };
    let s = |v: &str| Some(v.to_owned());
    if old.title != new.title {
        d.push(
            Severity::Docs,
            "title".into(),
            s(&old.title),
            s(&new.title),
            "the title changed",
        );
    }
    match (&old.revision, &new.revision) {
        (Some(o), Some(n)) if n > o => d.push(
            Severity::Docs,
            "revision".into(),
            s(o),
            s(n),
            format!("the page is newer ({n}) than the revision the spec follows ({o}): review it and update doc.revision"),
        ),
        _ => {}
    }
    if !same_text(old.summary.as_deref(), new.summary.as_deref()) && new.summary.is_some() {
        d.push(
            Severity::Docs,
            "summary".into(),
            old.summary.clone(),
            new.summary.clone(),
            "the summary changed",
        );
    }
    if !new.merchant_types.is_empty() && old.merchant_types != new.merchant_types {
        d.push(
            Severity::Docs,
            "merchant_types".into(),
            s(&old.merchant_types.join(", ")),
            s(&new.merchant_types.join(", ")),
            "the supported merchant types changed",
        );
    }
    if old.method != new.method {
        d.push(
            Severity::Breaking,
            "method".into(),
            s(&old.method),
            s(&new.method),
            "the HTTP method changed: a released client calls the old one",
        );
    }
    if old.path != new.path {
        d.push(
            Severity::Breaking,
            "path".into(),
            s(&old.path),
            s(&new.path),
            "the path changed: a released client calls the old one",
        );
    }
    if !new.hosts.is_empty() && old.hosts != new.hosts {
        d.push(
            Severity::Breaking,
            "hosts".into(),
            s(&old.hosts.join(" ")),
            s(&new.hosts.join(" ")),
            "the hosts changed",
        );
    }
    if let (Some(o), Some(n)) = (old.status, new.status)
        && o != n
    {
        d.push(
            Severity::Breaking,
            "response.status".into(),
            s(&o.to_string()),
            s(&n.to_string()),
            "the success status changed",
        );
    }
    fields(&mut d, "request", Role::Request, &old.request, &new.request);
    fields(
        &mut d,
        "response",
        Role::Response,
        &old.response,
        &new.response,
    );
    for e in &new.errors {
        match old.errors.iter().find(|o| o.code == e.code) {
            None => d.push(
                Severity::Compatible,
                format!("errors.{}", e.code),
                None,
                s(&format!("{} {}", e.status, e.description)),
                format!("error code {} is listed on the new side only", e.code),
            ),
            Some(o) => {
                if o.status != e.status {
                    d.push(
                        Severity::Docs,
                        format!("errors.{}.status", e.code),
                        s(&o.status.to_string()),
                        s(&e.status.to_string()),
                        "the status of the error code changed",
                    );
                }
                if !same_text(Some(&o.description), Some(&e.description)) {
                    d.push(
                        Severity::Docs,
                        format!("errors.{}.description", e.code),
                        s(&o.description),
                        s(&e.description),
                        "the description of the error code differs",
                    );
                }
                if !same_text(Some(&o.solution), Some(&e.solution)) {
                    d.push(
                        Severity::Docs,
                        format!("errors.{}.solution", e.code),
                        s(&o.solution),
                        s(&e.solution),
                        "the solution of the error code differs",
                    );
                }
            }
        }
    }
    if !new.errors.is_empty() {
        for o in &old.errors {
            if !new.errors.iter().any(|e| e.code == o.code) {
                d.push(
                    Severity::Docs,
                    format!("errors.{}", o.code),
                    s(&format!("{} {}", o.status, o.description)),
                    None,
                    format!("error code {} is listed on the old side only", o.code),
                );
            }
        }
    }
    d.out
}

fn location_of(prefix: &str, f: &FieldFacts) -> String {
    match f.location {
        Some(Location::Header) => format!("headers.{}", f.name),
        Some(l) => format!("{prefix}.{}.{}", l.as_str(), f.name),
        None => format!("{prefix}.{}", f.name),
    }
}

fn fields(d: &mut Diff, prefix: &str, role: Role, old: &[FieldFacts], new: &[FieldFacts]) {
    let s = |v: &str| Some(v.to_owned());
    for n in new {
        let at = location_of(prefix, n);
        let Some(o) = old
            .iter()
            .find(|o| o.name == n.name && o.location == n.location)
        else {
            let severity = match (role, n.required) {
                (Role::Request, true) => Severity::Breaking,
                _ => Severity::Compatible,
            };
            d.push(
                severity,
                at,
                None,
                s(&format!("{} {}", required_text(n.required), type_text(n))),
                if severity == Severity::Breaking {
                    "a new required request parameter: every caller must give it".to_owned()
                } else {
                    "a field on the new side only".to_owned()
                },
            );
            continue;
        };
        if o.required != n.required {
            d.push(
                Severity::Breaking,
                format!("{at}.required"),
                s(&required_text(o.required)),
                s(&required_text(n.required)),
                "required ↔ optional changes the Rust type (T ↔ Option<T>)",
            );
        }
        if o.ty != n.ty || o.format != n.format {
            d.push(
                Severity::Breaking,
                format!("{at}.type"),
                s(&type_text(o)),
                s(&type_text(n)),
                "the type changed",
            );
        }
        if o.max_length != n.max_length {
            let tighter = match (o.max_length, n.max_length) {
                (None, Some(_)) => true,
                (Some(a), Some(b)) => b < a,
                _ => false,
            };
            let severity = match (role, tighter) {
                (Role::Request, true) => Severity::Breaking,
                _ => Severity::Compatible,
            };
            let show = |m: Option<u64>| {
                Some(m.map_or_else(|| "no limit".to_owned(), |m| format!("at most {m}")))
            };
            d.push(
                severity,
                format!("{at}.length"),
                show(o.max_length),
                show(n.max_length),
                if tighter {
                    "the length limit is tighter on the new side"
                } else {
                    "the length limit is looser on the new side"
                },
            );
        }
        if let (Some(ov), Some(nv)) = (&o.values, &n.values)
            && !nv.is_empty()
            && ov != nv
        {
            let removed: Vec<&String> = ov.iter().filter(|v| !nv.contains(v)).collect();
            let added: Vec<&String> = nv.iter().filter(|v| !ov.contains(v)).collect();
            let severity = if removed.is_empty() {
                Severity::Compatible
            } else {
                Severity::Breaking
            };
            let mut message = Vec::new();
            if !added.is_empty() {
                message.push(format!(
                    "values added: {}",
                    added
                        .iter()
                        .map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if !removed.is_empty() {
                message.push(format!(
                    "values removed: {}",
                    removed
                        .iter()
                        .map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if message.is_empty() {
                message.push("the order of the values changed".to_owned());
            }
            d.push(
                if message.len() == 1 && added.is_empty() && removed.is_empty() {
                    Severity::Docs
                } else {
                    severity
                },
                format!("{at}.values"),
                s(&ov.join(", ")),
                s(&nv.join(", ")),
                message.join("; "),
            );
        }
        if n.label.is_some() && !same_text(o.label.as_deref(), n.label.as_deref()) {
            d.push(
                Severity::Docs,
                format!("{at}.label"),
                o.label.clone(),
                n.label.clone(),
                "the label differs",
            );
        }
        if n.description.is_some() && !same_text(o.description.as_deref(), n.description.as_deref())
        {
            d.push(
                Severity::Docs,
                format!("{at}.description"),
                o.description.clone(),
                n.description.clone(),
                "the description differs",
            );
        }
        if !n.children.is_empty() {
            fields(d, &at, role, &o.children, &n.children);
        }
    }
    for o in old {
        if !new
            .iter()
            .any(|n| n.name == o.name && n.location == o.location)
        {
            let at = location_of(prefix, o);
            let severity = match (role, o.location) {
                // A header the client sends that the other side does not list.
                (_, Some(Location::Header)) => Severity::Compatible,
                _ => Severity::Breaking,
            };
            d.push(
                severity,
                at,
                s(&format!("{} {}", required_text(o.required), type_text(o))),
                None,
                "a field on the old side only: removed",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op() -> Facts {
        Facts {
            title: "t".into(),
            revision: Some("2025-05-16".into()),
            method: "POST".into(),
            path: "/v3/x/{id}".into(),
            request: vec![FieldFacts {
                location: Some(Location::Body),
                name: "kind".into(),
                required: true,
                ty: "string".into(),
                max_length: Some(32),
                values: Some(vec!["A".into(), "B".into()]),
                ..FieldFacts::default()
            }],
            status: Some(200),
            ..Facts::default()
        }
    }

    fn one(edit: impl FnOnce(&mut Facts)) -> Vec<(Severity, String)> {
        let mut new = op();
        edit(&mut new);
        compare(&op(), &new)
            .into_iter()
            .map(|d| (d.severity, d.location))
            .collect()
    }

    #[test]
    fn each_kind_of_change_has_its_severity() {
        use Severity::*;
        assert_eq!(one(|_| {}), []);
        assert_eq!(
            one(|f| f.path = "/v3/y/{id}".into()),
            [(Breaking, "path".into())]
        );
        assert_eq!(
            one(|f| f.method = "GET".into()),
            [(Breaking, "method".into())]
        );
        assert_eq!(
            one(|f| f.status = Some(204)),
            [(Breaking, "response.status".into())]
        );
        assert_eq!(
            one(|f| f.revision = Some("2026-01-15".into())),
            [(Docs, "revision".into())]
        );
        assert_eq!(one(|f| f.revision = Some("2025-04-29".into())), []);
        assert_eq!(
            one(|f| f.request[0].required = false),
            [(Breaking, "request.body.kind.required".into())]
        );
        assert_eq!(
            one(|f| f.request[0].max_length = Some(16)),
            [(Breaking, "request.body.kind.length".into())]
        );
        assert_eq!(
            one(|f| f.request[0].max_length = Some(64)),
            [(Compatible, "request.body.kind.length".into())]
        );
        assert_eq!(
            one(|f| f.request[0].values = Some(vec!["A".into(), "B".into(), "C".into()])),
            [(Compatible, "request.body.kind.values".into())]
        );
        assert_eq!(
            one(|f| f.request[0].values = Some(vec!["A".into()])),
            [(Breaking, "request.body.kind.values".into())]
        );
        assert_eq!(
            one(|f| f.request[0].label = Some("类型".into())),
            [(Docs, "request.body.kind.label".into())]
        );
        assert_eq!(
            one(|f| f.request[0].ty = "integer".into()),
            [(Breaking, "request.body.kind.type".into())]
        );
        assert_eq!(
            one(|f| f.request.clear()),
            [(Breaking, "request.body.kind".into())]
        );
        let mut extra = op().request[0].clone();
        extra.name = "more".into();
        extra.required = false;
        assert_eq!(
            one(|f| f.request.push(extra.clone())),
            [(Compatible, "request.body.more".into())]
        );
        extra.required = true;
        assert_eq!(
            one(|f| f.request.push(extra.clone())),
            [(Breaking, "request.body.more".into())]
        );
        let err = ErrorFacts {
            status: 404,
            code: "NOT_FOUND".into(),
            ..ErrorFacts::default()
        };
        assert_eq!(
            one(|f| f.errors.push(err.clone())),
            [(Compatible, "errors.NOT_FOUND".into())]
        );
    }

    #[test]
    fn descriptions_are_compared_without_whitespace() {
        let mut a = op();
        a.request[0].description = Some("一行\n二行".into());
        let mut b = a.clone();
        b.request[0].description = Some("一行 二行".into());
        assert_eq!(compare(&a, &b), []);
    }
}
