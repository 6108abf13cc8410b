//! The intermediate representation: the spec after validation, with every
//! Rust name decided and every type resolved. Plain data in spec order, so a
//! snapshot of it (it derives `Serialize`) reads as a semantic diff of the spec.

use serde::Serialize;

/// The whole API.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Api {
    /// The spec's machine name.
    pub name: String,
    /// The spec's human title.
    pub title: String,
    /// The primary host.
    pub primary_host: Host,
    /// The backup host.
    pub backup_host: Host,
    /// Named types, in spec order.
    pub types: Vec<NamedType>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// The request headers the documentation describes (the spec's
    /// `headers`), in spec order.
    pub headers: Vec<Header>,
    /// The error codes the documentation describes (the spec's `errors`),
    /// in spec order.
    pub error_codes: Vec<ErrorCode>,
    /// The callback notifications, in spec order.
    pub notifications: Vec<Notification>,
}

/// One kind of callback notification.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Notification {
    /// The id (snake_case).
    pub id: String,
    /// The `event_type` of the envelope.
    pub event_type: String,
    /// The `Event` variant.
    pub variant: String,
    /// The struct of the decrypted resource, e.g. `AuthorizedEvent`.
    pub type_name: String,
    /// The documentation's title.
    pub title: String,
    /// What it is for.
    pub summary: Option<String>,
    /// The documentation page.
    pub doc_url: String,
    /// The revision date of the page.
    pub revision: String,
    /// Notes on how the spec reads the page.
    pub notes: Option<String>,
    /// The fields of the decrypted resource.
    pub fields: Vec<Field>,
    /// An example of the decrypted resource.
    pub example: Option<serde_json::Value>,
}

impl Api {
    /// The named type called `name`.
    pub fn named_type(&self, name: &str) -> Option<&NamedType> {
        self.types.iter().find(|t| t.name() == name)
    }

    /// The operation with this id.
    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.id == id)
    }

    /// The catalog header called `name`.
    pub fn header(&self, name: &str) -> Option<&Header> {
        self.headers.iter().find(|h| h.name == name)
    }

    /// The catalog error code `code`.
    pub fn error_code(&self, code: &str) -> Option<&ErrorCode> {
        self.error_codes.iter().find(|c| c.code == code)
    }
}

/// A host serving the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Host {
    /// Base URL without a trailing slash.
    pub url: String,
    /// What the documentation says about it.
    pub description: String,
}

/// A named type from `types:`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NamedType {
    /// A forward-compatible string enum.
    Enum(EnumType),
    /// A JSON object.
    Object(ObjectType),
}

impl NamedType {
    /// The type's name (also its Rust name).
    pub fn name(&self) -> &str {
        match self {
            NamedType::Enum(e) => &e.name,
            NamedType::Object(o) => &o.name,
        }
    }
}

/// A string enum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnumType {
    /// The name, also the Rust type name.
    pub name: String,
    /// The documentation's short name.
    pub label: Option<String>,
    /// The documentation's description.
    pub description: Option<String>,
    /// The documented values, in spec order.
    pub values: Vec<EnumValue>,
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: String,
    /// The Rust variant.
    pub variant: String,
    /// What it means.
    pub description: Option<String>,
}

/// A JSON object type.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectType {
    /// The name, also the Rust type name.
    pub name: String,
    /// The documentation's short name.
    pub label: Option<String>,
    /// The documentation's description.
    pub description: Option<String>,
    /// The fields, in spec order.
    pub fields: Vec<Field>,
}

/// Where a request parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    /// A `{placeholder}` of the path template.
    Path,
    /// A `?name=value` pair.
    Query,
    /// A member of the JSON body.
    Body,
}

/// A request parameter, response field or object field.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    /// The name on the wire.
    pub wire_name: String,
    /// The Rust field name (`r#type` for keywords).
    pub rust_name: String,
    /// The documentation's short name.
    pub label: Option<String>,
    /// The documentation's description.
    pub description: Option<String>,
    /// Where a request parameter goes (`None` for response and object fields).
    pub location: Option<ParamLocation>,
    /// Whether the field must be present.
    pub required: bool,
    /// Where the client takes the value of a request parameter from, when
    /// the caller does not give it (`from_config`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_config: Option<ConfigSource>,
    /// The type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// The constraints of the spec.
    pub constraints: Constraints,
    /// The example value, as JSON.
    pub example: Option<serde_json::Value>,
}

/// A value of the client's configuration that fills a request parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfigSource {
    /// The merchant id (`mchid`) the client signs with.
    Mchid,
}

impl ConfigSource {
    /// Every source, with its spec name.
    pub const ALL: &'static [(ConfigSource, &'static str)] = &[(ConfigSource::Mchid, "mchid")];

    /// The spec name, e.g. `mchid`.
    pub fn spec_name(self) -> &'static str {
        match self {
            ConfigSource::Mchid => "mchid",
        }
    }
}

/// A resolved type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    /// A string, with its largest length in characters from `string(N)`.
    String {
        /// `N` of `string(N)`.
        max_length: Option<u64>,
    },
    /// A 64-bit signed integer.
    Integer,
    /// A 64-bit float.
    Number,
    /// A boolean.
    Boolean,
    /// An RFC 3339 date-time with offset.
    DateTime,
    /// A calendar date, `yyyy-MM-DD`.
    Date,
    /// A named enum.
    Enum {
        /// The enum's name.
        name: String,
    },
    /// A named object.
    Object {
        /// The object's name.
        name: String,
    },
    /// An array.
    Array {
        /// The item type.
        items: Box<Type>,
    },
}

impl Type {
    /// Whether the type is one value (not an array or object): path and
    /// query parameters must be.
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Type::Array { .. } | Type::Object { .. })
    }

    /// How the type reads in messages and docs, in the spec's grammar.
    pub fn spec_name(&self) -> String {
        match self {
            Type::String { max_length: None } => "string".to_owned(),
            Type::String {
                max_length: Some(n),
            } => format!("string({n})"),
            Type::Integer => "integer".to_owned(),
            Type::Number => "number".to_owned(),
            Type::Boolean => "boolean".to_owned(),
            Type::DateTime => "date-time".to_owned(),
            Type::Date => "date".to_owned(),
            Type::Enum { name } | Type::Object { name } => name.clone(),
            Type::Array { items } => format!("array<{}>", items.spec_name()),
        }
    }
}

/// The constraints of a field beyond its type.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Constraints {
    /// The smallest length in characters (strings).
    pub min_length: Option<u64>,
    /// The allowed characters (strings).
    pub charset: Option<Charset>,
    /// The smallest value (integers and numbers).
    pub minimum: Option<Bound>,
    /// The largest value (integers and numbers).
    pub maximum: Option<Bound>,
    /// The smallest number of items (arrays).
    pub min_items: Option<u64>,
    /// The largest number of items (arrays).
    pub max_items: Option<u64>,
}

/// A set of allowed characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Charset {
    /// Inclusive ranges.
    pub ranges: Vec<(char, char)>,
    /// Single characters.
    pub chars: String,
    /// How the set reads in messages, e.g. `0-9 A-Z a-z _-|*`.
    pub description: String,
    /// The Rust `static` that holds it.
    pub static_name: String,
}

impl Charset {
    /// Whether `c` is in the set (the same rule as the runtime's `Charset::allows`).
    pub fn allows(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) || self.chars.contains(c)
    }
}

/// A numeric bound.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Bound {
    /// A bound of an `integer` field.
    Int(i64),
    /// A bound of a `number` field.
    Number(f64),
}

impl Bound {
    /// The bound as a float (for comparisons).
    pub fn as_f64(self) -> f64 {
        match self {
            Bound::Int(i) => i as f64,
            Bound::Number(x) => x,
        }
    }
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The variant of the runtime's `Method` enum.
    pub fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        }
    }
}

/// A piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathSegment {
    /// Literal text, slashes included.
    Literal(String),
    /// A path parameter, by wire name.
    Param(String),
}

/// One operation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Operation {
    /// The id; also the client method and the module name.
    pub id: String,
    /// The `OperationInfo` const.
    pub const_name: String,
    /// The request type.
    pub request_type: String,
    /// The response type.
    pub response_type: String,
    /// The documentation's title.
    pub title: String,
    /// What it does.
    pub summary: Option<String>,
    /// The documentation page.
    pub doc_url: String,
    /// The revision date of the page (`YYYY-MM-DD`).
    pub revision: String,
    /// Notes on how the spec reads the page.
    pub notes: Option<String>,
    /// Which merchant types may call it.
    pub merchant_types: Vec<String>,
    /// The HTTP method.
    pub method: Method,
    /// The path template.
    pub path: String,
    /// The path template, split into literals and parameters.
    pub path_segments: Vec<PathSegment>,
    /// The documented request headers, by name from [`Api::headers`], in spec order.
    pub headers: Vec<String>,
    /// The request parameters, in spec order.
    pub request: Vec<Field>,
    /// The HTTP status of a successful response.
    pub response_status: u16,
    /// The response fields, in spec order.
    pub response: Vec<Field>,
    /// The named object type that is the whole response body, when the
    /// spec says `response: {type: X}` (the response type is then an alias).
    pub response_object: Option<String>,
    /// The response fields that repeat the request parameter of the same
    /// name, by wire name: the generated `check_response` compares them.
    pub echo: Vec<String>,
    /// The request parameters the answer does not repeat, by wire name, in
    /// request order: an answer to another request that differs only in
    /// these is bound to this one by its signed timestamp alone.
    pub not_echoed: Vec<String>,
    /// The documented error codes, by code from [`Api::error_codes`], in spec order.
    pub errors: Vec<String>,
    /// Which response fields name a file to download, if any.
    pub download: Option<Download>,
    /// The examples, in spec order.
    pub examples: Vec<Example>,
    /// Where the spec departs from its page on purpose (`doc.deviations`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<Deviation>,
}

/// A deliberate difference between the spec and its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deviation {
    /// The location `docs check` reports.
    pub at: String,
    /// The page's value there (`None`: the page has nothing there).
    pub page: Option<String>,
    /// Why.
    pub reason: String,
}

impl Operation {
    /// The request parameters in `location`.
    pub fn params(&self, location: ParamLocation) -> impl Iterator<Item = &Field> {
        self.request
            .iter()
            .filter(move |f| f.location == Some(location))
    }

    /// The request parameters the caller gives: all but the `from_config` ones.
    pub fn caller_fields(&self) -> impl Iterator<Item = &Field> {
        self.request.iter().filter(|f| f.from_config.is_none())
    }

    /// Whether any request parameter in `locations` is filled from the configuration.
    pub fn fills_any(&self, locations: &[ParamLocation]) -> bool {
        self.request
            .iter()
            .any(|f| f.from_config.is_some() && f.location.is_some_and(|l| locations.contains(&l)))
    }

    /// Whether the request has a JSON body.
    pub fn has_body(&self) -> bool {
        self.params(ParamLocation::Body).next().is_some()
    }
}

/// The response fields of an operation that name a file to download.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Download {
    /// The Rust name of the (required, string) URL field.
    pub url: String,
    /// The Rust name of the hash-algorithm field, if any.
    pub hash_type: Option<String>,
    /// The Rust name of the hex-digest field, if any.
    pub hash_value: Option<String>,
}

/// A documented request header (the spec's `headers` catalog).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The header name, as the documentation writes it.
    pub name: String,
    /// The Rust const that holds its `HeaderInfo`.
    pub const_name: String,
    /// Whether the documentation marks it required.
    pub required: bool,
    /// What the documentation says about it.
    pub description: String,
    /// The value the documentation prescribes, if any.
    pub value: Option<String>,
}

/// An error code of the spec's `errors` catalog (the `ErrorCode` enum).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorCode {
    /// The `code`.
    pub code: String,
    /// The Rust variant.
    pub variant: String,
    /// The Rust const that holds its `ErrorCodeInfo`.
    pub const_name: String,
    /// The HTTP status.
    pub status: u16,
    /// What it means.
    pub description: String,
    /// What to do.
    pub solution: String,
    /// Whether to retry later.
    pub retry: bool,
}

/// A request/response example from the documentation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Example {
    /// Its name.
    pub name: String,
    /// Where it comes from.
    pub description: Option<String>,
    /// Path parameter values (decoded), in spec order.
    pub path: Vec<ExampleParam>,
    /// Query parameter values (decoded), in spec order.
    pub query: Vec<ExampleParam>,
    /// The JSON request body, if the example has one.
    pub request_body: Option<serde_json::Value>,
    /// The HTTP status of the response, if the example has one.
    pub response_status: Option<u16>,
    /// The JSON response body, if the example has one.
    pub response_body: Option<serde_json::Value>,
}

/// A path or query parameter value of an example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExampleParam {
    /// The parameter's wire name.
    pub name: String,
    /// Its value, as text (before percent-encoding).
    pub value: String,
}
