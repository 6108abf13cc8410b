//! The spec as written: plain serde structs that keep the position of every
//! node a later check may point at. Unknown keys are errors.
//!
//! The format is documented in `spec/README.md`.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
pub use serde_saphyr::Spanned;

use crate::error::{Pos, SpecError, SpecErrors};

/// The position of a spanned node.
pub fn pos<T>(node: &Spanned<T>) -> Pos {
    node.referenced.into()
}

/// The whole spec file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The format version; only `1` exists.
    pub version: Spanned<u32>,
    /// A short machine name, e.g. `webizpay`.
    pub name: Spanned<String>,
    /// The human title, e.g. `企业支付`.
    pub title: Spanned<String>,
    /// The hosts that serve every operation.
    pub hosts: Spanned<Hosts>,
    /// The request headers the documentation describes, by name; operations
    /// list the ones their page shows.
    #[serde(default)]
    pub headers: OrderedMap<HeaderDef>,
    /// The error codes the documentation describes, by code; operations list
    /// the ones their page (or the family's common list) shows.
    #[serde(default)]
    pub errors: OrderedMap<ErrorDef>,
    /// Named types (enums and objects), in spec order.
    #[serde(default)]
    pub types: OrderedMap<TypeDef>,
    /// The operations, in spec order.
    pub operations: Vec<Spanned<Operation>>,
    /// The callback notifications WeChat Pay sends, in spec order.
    #[serde(default)]
    pub notifications: Vec<Spanned<NotificationDef>>,
}

/// One kind of callback notification (an `event_type`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotificationDef {
    /// The snake_case id: gives the `Event` variant and the event type.
    pub id: Spanned<String>,
    /// The `event_type` of the envelope, e.g. `WEBIZPAY.AUTHORIZED`.
    pub event_type: Spanned<String>,
    /// The documentation's title.
    pub title: Spanned<String>,
    /// What the documentation says it is for.
    pub summary: Option<String>,
    /// Where the documentation is.
    pub doc: Spanned<Doc>,
    /// The fields of the decrypted `resource`.
    pub resource: Vec<Spanned<Field>>,
    /// An example of the decrypted `resource`.
    pub example: Option<Spanned<Node>>,
}

/// The `hosts` block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hosts {
    /// The primary host.
    pub primary: Spanned<Host>,
    /// The backup host.
    pub backup: Spanned<Host>,
}

/// One host.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    /// Base URL, `https://…` without a trailing slash.
    pub url: Spanned<String>,
    /// What the documentation says about it.
    pub description: String,
}

/// A named type: an enum (`enum:`) or an object (`fields:`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// The documentation's short name (中文).
    pub label: Option<String>,
    /// The documentation's description.
    pub description: Option<String>,
    /// The values of an enum.
    #[serde(rename = "enum")]
    pub values: Option<Spanned<Vec<Spanned<EnumValue>>>>,
    /// The fields of an object.
    pub fields: Option<Spanned<Vec<Spanned<Field>>>>,
}

/// One value of an enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: Spanned<String>,
    /// What it means.
    pub description: Option<String>,
}

/// One operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The snake_case id: the client method and module name.
    pub id: Spanned<String>,
    /// The documentation's title.
    pub title: Spanned<String>,
    /// What the operation does.
    pub summary: Option<String>,
    /// Where the documentation is.
    pub doc: Spanned<Doc>,
    /// Which merchant types may call it (documentation only).
    #[serde(default)]
    pub merchant_types: Vec<String>,
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: Spanned<String>,
    /// The path template, e.g. `/v3/webizpay/users/{user_id}/authorization-url`.
    pub path: Spanned<String>,
    /// The documented request headers, by name from the spec's `headers`.
    #[serde(default)]
    pub headers: Vec<Spanned<String>>,
    /// The request parameters (path, query and body), in spec order.
    #[serde(default)]
    pub request: Vec<Spanned<Field>>,
    /// The successful response.
    pub response: Spanned<Response>,
    /// Request/response examples from the documentation.
    #[serde(default)]
    pub examples: Vec<Spanned<Example>>,
    /// The documented error codes, by code from the spec's `errors`.
    #[serde(default)]
    pub errors: Vec<Spanned<String>>,
    /// The response names a file to download (bills).
    pub download: Option<Spanned<Download>>,
}

/// The `download` block of an operation: which response fields name a file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Download {
    /// The response field with the download URL.
    pub url: Spanned<String>,
    /// The response field with the hash algorithm, if any.
    pub hash_type: Option<Spanned<String>>,
    /// The response field with the hex digest, if any.
    pub hash_value: Option<Spanned<String>>,
}

/// A documented request header (the docs' "Header HTTP头参数"); its name
/// is its key in the spec's `headers`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderDef {
    /// Whether the documentation marks it 必填.
    #[serde(default)]
    pub required: bool,
    /// What the documentation says about it.
    pub description: String,
    /// The value the documentation prescribes, e.g. `application/json`.
    pub value: Option<Spanned<String>>,
}

/// The `doc` block of an operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc {
    /// The documentation page (`https://…`).
    pub url: Spanned<String>,
    /// The revision date of the page the spec follows (`YYYY-MM-DD`).
    pub revision: Spanned<String>,
    /// Notes on how the spec reads the page.
    pub notes: Option<String>,
    /// Where the spec departs from the page on purpose, for `cargo xtask
    /// docs check`.
    #[serde(default)]
    pub deviations: Vec<Deviation>,
}

/// A deliberate difference between the spec and its page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// The location `docs check` reports, e.g. `path` or
    /// `response.expire_time.type`.
    pub at: Spanned<String>,
    /// The page's value there, as `docs check` shows it (absent: the page
    /// has nothing there).
    pub page: Option<String>,
    /// Why the spec differs.
    pub reason: String,
}

/// The successful response of an operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The HTTP status, e.g. `200`.
    pub status: Spanned<u16>,
    /// The body fields, in spec order.
    #[serde(default)]
    pub fields: Vec<Spanned<Field>>,
    /// A named object type that is the whole body (instead of `fields`).
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    /// The response fields that repeat the request parameter of the same
    /// name: the client checks them, so a verified answer to another request
    /// is refused.
    #[serde(default)]
    pub echo: Vec<Spanned<String>>,
    /// The request parameters the answer does not repeat: with `echo`, every
    /// request parameter is listed once, so the spec says what binds an
    /// answer to its request and what does not.
    #[serde(default)]
    pub not_echoed: Vec<Spanned<String>>,
}

/// A request parameter, a response field or an object field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The wire name.
    pub name: Spanned<String>,
    /// Where a request parameter goes: `path`, `query` or `body`.
    #[serde(rename = "in")]
    pub location: Option<Spanned<String>>,
    /// The documentation's short name (中文).
    pub label: Option<String>,
    /// The documentation's description.
    pub description: Option<String>,
    /// Whether the field must be present.
    pub required: Spanned<bool>,
    /// A request parameter whose value the client takes from its
    /// configuration (`mchid`): the generated request does not ask for it.
    pub from_config: Option<Spanned<String>>,
    /// The type (see `spec/README.md` for the grammar).
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// The smallest length in characters (strings).
    pub min_length: Option<Spanned<u64>>,
    /// The allowed characters (strings).
    pub charset: Option<Spanned<Charset>>,
    /// The smallest value (integers and numbers).
    pub minimum: Option<Spanned<Node>>,
    /// The largest value (integers and numbers).
    pub maximum: Option<Spanned<Node>>,
    /// The smallest number of items (arrays).
    pub min_items: Option<Spanned<u64>>,
    /// The largest number of items (arrays).
    pub max_items: Option<Spanned<u64>>,
    /// An example value.
    pub example: Option<Spanned<Node>>,
}

/// The allowed characters of a string.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charset {
    /// Inclusive ranges such as `0-9`.
    #[serde(default)]
    pub ranges: Vec<Spanned<String>>,
    /// Single allowed characters.
    pub chars: Option<Spanned<String>>,
}

/// A documented error code; the code is its key in the spec's `errors`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDef {
    /// The HTTP status (4xx or 5xx).
    pub status: Spanned<u16>,
    /// What it means.
    pub description: String,
    /// What to do.
    pub solution: String,
    /// Whether to retry later.
    #[serde(default)]
    pub retry: bool,
}

/// A request/response example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// A short name, unique within the operation.
    pub name: Spanned<String>,
    /// Where it comes from.
    pub description: Option<String>,
    /// The request.
    pub request: Option<Spanned<ExampleRequest>>,
    /// The response.
    pub response: Option<Spanned<ExampleResponse>>,
}

/// The request of an example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    /// Path parameter values.
    pub path: Option<Spanned<Node>>,
    /// Query parameter values.
    pub query: Option<Spanned<Node>>,
    /// The JSON body.
    pub body: Option<Spanned<Node>>,
}

/// The response of an example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    /// The HTTP status.
    pub status: Spanned<u16>,
    /// The JSON body.
    pub body: Option<Spanned<Node>>,
}

/// A mapping that keeps spec order and the position of every key.
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(Spanned<String>, Spanned<V>)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OrderedMap::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A YAML value (examples, bounds) with the position of every node, so that
/// a check of a nested example value can point at it.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `null` or `~`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string (quoted or plain).
    Str(String),
    /// A sequence.
    Seq(Vec<Spanned<Node>>),
    /// A mapping with string keys, in spec order.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl Node {
    /// What kind of value this is, for messages.
    pub fn kind(&self) -> String {
        match self {
            Node::Null => "null".to_owned(),
            Node::Bool(b) => format!("boolean {b}"),
            Node::Int(i) => format!("integer {i}"),
            Node::Float(x) => format!("number {x}"),
            Node::Str(s) => format!("string {s:?}"),
            Node::Seq(_) => "a sequence".to_owned(),
            Node::Map(_) => "a mapping".to_owned(),
        }
    }

    /// The value as JSON (positions dropped).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(i) => Value::from(*i),
            Node::Float(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
            Node::Str(s) => Value::String(s.clone()),
            Node::Seq(items) => Value::Array(items.iter().map(|i| i.value.to_json()).collect()),
            Node::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value.to_json()))
                    .collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                i64::try_from(v).map(Node::Int).map_err(|_| {
                    E::custom(format!("integer {v} is too large (at most {})", i64::MAX))
                })
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
                i64::try_from(v)
                    .map(Node::Int)
                    .map_err(|_| E::custom(format!("integer {v} does not fit in 64 bits")))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
                i64::try_from(v)
                    .map(Node::Int)
                    .map_err(|_| E::custom(format!("integer {v} does not fit in 64 bits")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// Parses the spec text. A YAML or shape error is returned with its position.
pub fn parse(spec_text: &str, spec_path: &str) -> Result<Spec, SpecErrors> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options::<Spec>(spec_text, options).map_err(|e| {
        let pos = e.location().map(Pos::from).unwrap_or_default();
        let (pos, message) = match e.without_snippet() {
            serde_saphyr::Error::SerdeMissingField { field, .. } => {
                keys::missing(spec_text, pos, field)
            }
            _ => (pos, keys::describe(&e)),
        };
        SpecErrors(vec![SpecError {
            file: spec_path.to_owned(),
            pos,
            message,
        }])
    })
}

/// Names the block an unknown or missing key belongs to, from the key list
/// serde reports, so messages read `unknown key `x` in field, expected one of: …`.
pub(crate) mod keys {
    use serde::Deserialize;
    use serde::de::{self, Deserializer, Visitor};

    use super::*;

    /// What serde's derive tells a deserializer about a struct.
    #[derive(Debug)]
    enum Probe {
        Struct(&'static [&'static str]),
        Other,
    }

    impl fmt::Display for Probe {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("probe")
        }
    }

    impl std::error::Error for Probe {}

    impl de::Error for Probe {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Probe::Other
        }
    }

    struct ProbeDeserializer;

    impl<'de> Deserializer<'de> for ProbeDeserializer {
        type Error = Probe;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Probe> {
            Err(Probe::Other)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Probe> {
            Err(Probe::Struct(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    /// The keys of a spec block, as serde's derive knows them.
    fn keys_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
        match T::deserialize(ProbeDeserializer) {
            Err(Probe::Struct(fields)) => fields,
            _ => &[],
        }
    }

    /// Every block of the format with the name messages use for it.
    pub(crate) fn blocks() -> Vec<(&'static str, &'static [&'static str])> {
        vec![
            ("the spec", keys_of::<Spec>()),
            ("hosts", keys_of::<Hosts>()),
            ("host", keys_of::<Host>()),
            ("type", keys_of::<TypeDef>()),
            ("enum value", keys_of::<EnumValue>()),
            ("operation", keys_of::<Operation>()),
            ("doc", keys_of::<Doc>()),
            ("header", keys_of::<HeaderDef>()),
            ("response", keys_of::<Response>()),
            ("field", keys_of::<Field>()),
            ("charset", keys_of::<Charset>()),
            ("error", keys_of::<ErrorDef>()),
            ("download", keys_of::<Download>()),
            ("notification", keys_of::<NotificationDef>()),
            ("example", keys_of::<Example>()),
            ("example request", keys_of::<ExampleRequest>()),
            ("example response", keys_of::<ExampleResponse>()),
        ]
    }

    /// A missing key: the parser reports it at the last key of the mapping;
    /// point at the mapping's first key instead, and name the block.
    pub(crate) fn missing(text: &str, at: Pos, field: &str) -> (Pos, String) {
        let lines: Vec<&str> = text.lines().collect();
        let key_indent = usize::try_from(at.column.saturating_sub(1)).unwrap_or(usize::MAX);
        let last = usize::try_from(at.line).unwrap_or(0).min(lines.len());
        let mut start = None;
        for i in (0..last).rev() {
            let line = lines[i];
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            let (column, item) = match trimmed.strip_prefix("- ") {
                Some(rest) => (indent + 2 + rest.len() - rest.trim_start().len(), true),
                None => (indent, false),
            };
            if column > key_indent {
                continue;
            }
            if column < key_indent {
                break;
            }
            start = Some((i, trimmed.trim_start_matches("- ").trim_start()));
            if item {
                break;
            }
        }
        let Some((index, first_line)) = start else {
            return (at, format!("missing required key `{field}`"));
        };
        let first_key = first_line.split(':').next().unwrap_or("").trim();
        let mut candidates: Vec<&str> = blocks()
            .into_iter()
            .filter(|(_, keys)| keys.contains(&field) && keys.contains(&first_key))
            .map(|(name, _)| name)
            .collect();
        if candidates.len() > 1 {
            // Blocks with the same keys (operation, notification): the list
            // the mapping is an item of says which.
            let item_indent = lines[index].len() - lines[index].trim_start().len();
            let parent = lines[..index]
                .iter()
                .rev()
                .find(|l| {
                    let t = l.trim_start();
                    !t.is_empty() && !t.starts_with('#') && l.len() - t.len() < item_indent
                })
                .map(|l| l.trim().trim_end_matches(':'));
            if let Some(parent) = parent {
                candidates.retain(|name| parent.strip_suffix('s') == Some(name));
            }
        }
        let block = match candidates.as_slice() {
            [one] => format!(" in {one}"),
            _ => String::new(),
        };
        let pos = Pos {
            line: index as u64 + 1,
            column: at.column,
        };
        (pos, format!("missing required key `{field}`{block}"))
    }

    /// The message of a parse error, without its position.
    pub(crate) fn describe(error: &serde_saphyr::Error) -> String {
        use serde_saphyr::{Error, MessageFormatter};
        let error = error.without_snippet();
        match error {
            Error::SerdeUnknownField {
                field, expected, ..
            } => {
                let block = blocks()
                    .into_iter()
                    .find(|(_, keys)| *keys == expected.as_slice())
                    .map(|(name, _)| format!(" in {name}"))
                    .unwrap_or_default();
                format!(
                    "unknown key `{field}`{block}, expected one of: {}",
                    expected.join(", ")
                )
            }
            Error::SerdeMissingField { field, .. } => {
                format!("missing required key `{field}`")
            }
            Error::NonFiniteFloat { value, .. } => {
                format!(
                    "number `{value}` is not finite: numbers in the spec must be finite (JSON has no NaN or infinity)"
                )
            }
            Error::DuplicateMappingKey { key: Some(key), .. } => {
                format!("duplicate key `{key}`: each key may appear only once in a mapping")
            }
            other => serde_saphyr::DefaultMessageFormatter
                .format_message(other)
                .into_owned(),
        }
    }
}
