//! The request target on the wire: percent-encoding of path segments and
//! query values (what is sent is exactly what is signed), and parsing it back
//! (for the simulator). The generated code calls these helpers.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~` is
/// percent-encoded, in path segments and query values alike. So `|` becomes
/// `%7C` and `*` becomes `%2A`, and no proxy or server can read the target
/// differently from how it was signed.
pub const ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Appends `value` to `out` as one percent-encoded path segment.
pub fn push_segment(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, ENCODE_SET));
}

/// Appends `?name=value&…` pairs to a target, percent-encoding each part.
#[derive(Debug)]
pub struct QueryWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> QueryWriter<'a> {
    /// Starts a query after the path already in `out`.
    pub fn new(out: &'a mut String) -> Self {
        QueryWriter { out, first: true }
    }

    /// Appends one `name=value` pair.
    pub fn pair(&mut self, name: &str, value: &str) {
        self.out.push(if self.first { '?' } else { '&' });
        self.first = false;
        self.out.extend(utf8_percent_encode(name, ENCODE_SET));
        self.out.push('=');
        self.out.extend(utf8_percent_encode(value, ENCODE_SET));
    }

    /// Appends one pair whose value is formatted with `Display` (integers,
    /// numbers, booleans, enums, date-times).
    pub fn pair_display(&mut self, name: &str, value: &dyn fmt::Display) {
        self.pair(name, &value.to_string());
    }
}

/// Parsing a request back from the wire: the simulator's side, compiled
/// only with the `simulator` feature.
#[cfg(feature = "simulator")]
mod parse {
    use std::borrow::Cow;
    use std::fmt;

    use percent_encoding::percent_decode_str;

    /// A request target that could not be parsed back into a request.
    #[derive(Clone, Debug, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum WireError {
        /// The path does not match the operation's path template.
        PathMismatch {
            /// The operation's path template.
            template: &'static str,
            /// The path that was received.
            path: String,
        },
        /// A required path or query parameter is missing.
        Missing {
            /// The parameter's wire name.
            field: Cow<'static, str>,
        },
        /// A parameter or body field has a value of the wrong shape.
        Invalid {
            /// The parameter's wire name (a JSON path for body fields, `body` for the body as a whole).
            field: Cow<'static, str>,
            /// What is wrong with it.
            message: String,
        },
    }

    impl WireError {
        /// The wire name of the field at fault, if one field is.
        pub fn field(&self) -> Option<&str> {
            match self {
                WireError::PathMismatch { .. } => None,
                WireError::Missing { field } | WireError::Invalid { field, .. } => Some(field),
            }
        }
    }

    impl fmt::Display for WireError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                WireError::PathMismatch { template, path } => {
                    write!(f, "path {path:?} does not match {template}")
                }
                WireError::Missing { field } => write!(f, "{field}: required, but missing"),
                WireError::Invalid { field, message } => write!(f, "{field}: {message}"),
            }
        }
    }

    impl std::error::Error for WireError {}

    /// A request target split into decoded path parameters and query pairs.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ParsedTarget {
        params: Vec<(&'static str, String)>,
        query: Vec<(String, String)>,
    }

    fn decode(field: &str, raw: &str) -> Result<String, WireError> {
        percent_decode_str(raw)
            .decode_utf8()
            .map(Cow::into_owned)
            .map_err(|_| WireError::Invalid {
                field: Cow::Owned(field.to_owned()),
                message: "percent-encoded bytes are not UTF-8".to_owned(),
            })
    }

    impl ParsedTarget {
        /// Matches `target` (path and optional `?query`) against a path template
        /// such as `/v3/webizpay/users/{user_id}/authorization-url`.
        pub fn parse(template: &'static str, target: &str) -> Result<Self, WireError> {
            let (path, query) = match target.split_once('?') {
                Some((p, q)) => (p, Some(q)),
                None => (target, None),
            };
            let mismatch = || WireError::PathMismatch {
                template,
                path: path.to_owned(),
            };
            let mut params = Vec::new();
            let mut want = template.split('/');
            let mut got = path.split('/');
            loop {
                match (want.next(), got.next()) {
                    (None, None) => break,
                    (Some(w), Some(g)) => {
                        if let Some(name) = w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                            if g.is_empty() {
                                return Err(WireError::Missing {
                                    field: Cow::Borrowed(name),
                                });
                            }
                            params.push((name, decode(name, g)?));
                        } else if w != g {
                            return Err(mismatch());
                        }
                    }
                    _ => return Err(mismatch()),
                }
            }
            let mut pairs = Vec::new();
            for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                let name = decode("query", name)?;
                let value = decode(&name, value)?;
                pairs.push((name, value));
            }
            Ok(ParsedTarget {
                params,
                query: pairs,
            })
        }

        /// The decoded value of a path parameter.
        pub fn path(&self, name: &'static str) -> Result<&str, WireError> {
            self.params
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
                .ok_or(WireError::Missing {
                    field: Cow::Borrowed(name),
                })
        }

        /// Every path parameter with its decoded value, in template order.
        pub fn path_params(&self) -> impl Iterator<Item = (&'static str, &str)> {
            self.params.iter().map(|(n, v)| (*n, v.as_str()))
        }

        /// Every query pair, decoded, in target order.
        pub fn query_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
            self.query.iter().map(|(n, v)| (n.as_str(), v.as_str()))
        }

        /// The decoded value of a query parameter, if present.
        pub fn query(&self, name: &str) -> Option<&str> {
            self.query
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }
    }

    /// Parses a path or query value into its typed form.
    pub fn parse_scalar<T>(field: &'static str, raw: &str) -> Result<T, WireError>
    where
        T: std::str::FromStr,
        T::Err: fmt::Display,
    {
        raw.parse().map_err(|e: T::Err| WireError::Invalid {
            field: Cow::Borrowed(field),
            message: e.to_string(),
        })
    }

    /// Deserializes a JSON body (exactly one JSON value, nothing after it but
    /// whitespace), naming the field at fault on error.
    pub fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, WireError> {
        let mut de = serde_json::Deserializer::from_slice(body);
        let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = inner.to_string();
            let field = if path == "." {
                // serde names missing fields in the message: "missing field `x`".
                message
                    .strip_prefix("missing field `")
                    .and_then(|rest| rest.split('`').next())
                    .unwrap_or("body")
                    .to_owned()
            } else {
                path
            };
            WireError::Invalid {
                field: Cow::Owned(field),
                message,
            }
        })?;
        de.end().map_err(|e| WireError::Invalid {
            field: Cow::Borrowed("body"),
            message: e.to_string(),
        })?;
        Ok(value)
    }
}

#[cfg(feature = "simulator")]
pub use parse::{ParsedTarget, WireError, parse_body, parse_scalar};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_encode_everything_but_unreserved() {
        let mut s = String::from("/v3/webizpay/users/");
        push_segment(&mut s, "a|b*c_d-e.f~g h/i%员");
        assert_eq!(
            s,
            "/v3/webizpay/users/a%7Cb%2Ac_d-e.f~g%20h%2Fi%25%E5%91%98"
        );
    }

    #[test]
    fn targets_parse_back() {
        let t = ParsedTarget::parse(
            "/v3/webizpay/users/{user_id}/authorization-url",
            "/v3/webizpay/users/a%7Cb%2A/authorization-url?x=1&y=%E5%91%98",
        )
        .unwrap();
        assert_eq!(t.path("user_id").unwrap(), "a|b*");
        assert_eq!(t.query("y"), Some("员"));
        assert_eq!(t.query("z"), None);
        let e = ParsedTarget::parse("/v3/a/{id}/b", "/v3/a/1/c").unwrap_err();
        assert_eq!(
            e.to_string(),
            "path \"/v3/a/1/c\" does not match /v3/a/{id}/b"
        );
        let e = ParsedTarget::parse("/v3/a/{id}/b", "/v3/a//b").unwrap_err();
        assert_eq!(e.to_string(), "id: required, but missing");
    }

    #[test]
    fn query_writer_separates_and_encodes() {
        let mut s = String::from("/v3/x");
        let mut q = QueryWriter::new(&mut s);
        q.pair("a", "1 2");
        q.pair_display("b", &true);
        assert_eq!(s, "/v3/x?a=1%202&b=true");
    }

    #[test]
    fn body_errors_name_the_field() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct B {
            sp_mchid: String,
            n: u32,
        }
        let e = parse_body::<B>(br#"{"n": 1}"#).unwrap_err();
        assert_eq!(e.field(), Some("sp_mchid"));
        let e = parse_body::<B>(br#"{"sp_mchid": "1", "n": "x"}"#).unwrap_err();
        assert_eq!(e.field(), Some("n"));
        let e = parse_body::<B>(b"not json").unwrap_err();
        assert_eq!(e.field(), Some("body"));
        let e = parse_body::<B>(br#"{"sp_mchid": "1", "n": 1} x"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "body: trailing characters at line 1 column 27"
        );
        assert!(parse_body::<B>(b"{\"sp_mchid\": \"1\", \"n\": 1}\n").is_ok());
    }
}

/// A verified response that does not repeat what the request sent in a
/// field the spec marks as an echo (`response.echo`): it answers another
/// request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseMismatch {
    /// The wire name of the field.
    pub field: &'static str,
    /// What the request sent (`Debug` form, control characters escaped).
    pub sent: String,
    /// What the response says (`Debug` form, control characters escaped).
    pub received: String,
}

/// Checks that an echoed response field equals what the request sent.
pub fn echo<T: PartialEq + fmt::Debug + ?Sized>(
    field: &'static str,
    sent: &T,
    received: &T,
) -> Result<(), ResponseMismatch> {
    if sent == received {
        return Ok(());
    }
    Err(ResponseMismatch {
        field,
        sent: format!("{sent:?}"),
        received: format!("{received:?}"),
    })
}

/// The top-level fields of one operation's answer (the generated table
/// `ANSWER_SHAPES` has one per operation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnswerShape {
    /// The operation's id.
    pub operation: &'static str,
    /// Every top-level field of its answer.
    pub fields: &'static [&'static str],
    /// The required ones.
    pub required: &'static [&'static str],
}

/// The operation whose answer `body` plainly is, when it is not `own`'s:
/// of the other operations whose required fields are all top-level keys of
/// `body` and include a field `own` does not answer with, the (first) one with
/// the most required fields. (The spec's example answers have only their
/// own operation's fields, so none is refused.) A body that is not a JSON
/// object is left to decoding; an operation not in `shapes` is not checked.
pub fn foreign_answer(body: &[u8], own: &str, shapes: &[AnswerShape]) -> Option<&'static str> {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, Visitor};
    use std::borrow::Cow;

    /// The object's top-level keys (values skipped, not built).
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<Cow<'de, str>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut keys = Vec::with_capacity(map.size_hint().unwrap_or(16));
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                map.next_value::<IgnoredAny>()?;
                keys.push(key);
            }
            Ok(keys)
        }
    }

    let own = shapes.iter().find(|s| s.operation == own)?;
    let keys = serde_json::Deserializer::from_slice(body)
        .deserialize_map(Keys)
        .ok()?;
    shapes
        .iter()
        .filter(|x| x.operation != own.operation)
        .filter(|x| {
            x.required.iter().any(|f| !own.fields.contains(f))
                && x.required
                    .iter()
                    .all(|f| keys.iter().any(|k| k.as_ref() == *f))
        })
        .min_by_key(|x| std::cmp::Reverse(x.required.len()))
        .map(|x| x.operation)
}

#[cfg(test)]
mod foreign_tests {
    use super::*;

    const SHAPES: &[AnswerShape] = &[
        AnswerShape {
            operation: "revoke",
            fields: &["sp_mchid", "user_id", "reason"],
            required: &["sp_mchid", "user_id"],
        },
        AnswerShape {
            operation: "create_range",
            fields: &["range_id"],
            required: &["range_id"],
        },
        AnswerShape {
            operation: "cancel",
            fields: &["sp_mchid", "card_no", "card_state"],
            required: &["sp_mchid", "card_no", "card_state"],
        },
        AnswerShape {
            operation: "query",
            fields: &["sp_mchid", "card_no", "card_state", "amount", "reason"],
            required: &["sp_mchid", "card_no", "card_state", "amount"],
        },
    ];

    #[test]
    fn another_operations_answer_is_named_by_the_most_specific_shape() {
        let query =
            br#"{"sp_mchid": "1", "card_no": "2", "card_state": "ACTIVE", "amount": {"x": [1]}}"#;
        assert_eq!(foreign_answer(query, "revoke", SHAPES), Some("query"));
        assert_eq!(foreign_answer(query, "cancel", SHAPES), Some("query"));
        // The query's own answer, and a cancel answer for a query (which
        // lacks the query's required `amount`: decoding refuses it).
        assert_eq!(foreign_answer(query, "query", SHAPES), None);
        let cancel = br#"{"sp_mchid": "1", "card_no": "2", "card_state": "DISABLED"}"#;
        assert_eq!(foreign_answer(cancel, "query", SHAPES), None);
        assert_eq!(foreign_answer(cancel, "revoke", SHAPES), Some("cancel"));
        // Escaped keys are compared decoded; nested keys do not count.
        assert_eq!(
            foreign_answer(br#"{"range\u005fid": "r"}"#, "revoke", SHAPES),
            Some("create_range")
        );
        assert_eq!(
            foreign_answer(br#"{"a": {"range_id": "r"}}"#, "revoke", SHAPES),
            None
        );
        // One required field of another answer is not enough.
        assert_eq!(
            foreign_answer(
                br#"{"sp_mchid": "1", "user_id": "u", "card_no": "2"}"#,
                "revoke",
                SHAPES
            ),
            None
        );
        // Not an object, not JSON, or an operation without a shape.
        assert_eq!(foreign_answer(b"[1]", "revoke", SHAPES), None);
        assert_eq!(foreign_answer(b"{", "revoke", SHAPES), None);
        assert_eq!(
            foreign_answer(br#"{"range_id": "r"}"#, "unknown", SHAPES),
            None
        );
    }
}
