//! Request validation: the rules of the spec, checked before anything is
//! signed or sent. The generated `validate()` methods call these helpers.

use std::borrow::Cow;
use std::fmt;

/// A request field broke a rule of the spec. Nothing was signed or sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    field: Cow<'static, str>,
    rule: Rule,
}

/// The rule a field broke.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A required string is empty.
    Required,
    /// The length in characters is outside the allowed range.
    Length {
        /// The length of the value, in characters.
        chars: usize,
        /// The smallest allowed length.
        min: usize,
        /// The largest allowed length, if any.
        max: Option<usize>,
    },
    /// The value holds a character outside the allowed set.
    Charset {
        /// The first character that is not allowed.
        found: char,
        /// Its position, counted in characters from 0.
        position: usize,
        /// The allowed characters, as the spec describes them.
        allowed: &'static str,
    },
    /// An enum value that the spec does not list (an `Unknown` variant).
    UnknownEnumValue {
        /// The value.
        value: String,
        /// The values the spec allows.
        allowed: &'static [&'static str],
    },
    /// A number outside its allowed range.
    Range {
        /// The value, as text.
        value: String,
        /// The smallest allowed value, as text.
        min: Option<String>,
        /// The largest allowed value, as text.
        max: Option<String>,
    },
    /// A number that is NaN or infinite (JSON cannot carry it).
    NotFinite,
    /// A path parameter that is `.` or `..`: URL normalization would remove
    /// it, so the request would reach another path than the one signed.
    DotSegment,
    /// A date-time whose year is outside 0000–9999: RFC 3339 has four-digit
    /// years, so it cannot be written as WeChat Pay expects.
    DateTimeOutOfRange {
        /// The value, as chrono writes it.
        value: String,
    },
    /// A date whose year is outside 0000–9999, which has no `yyyy-MM-DD` form.
    DateOutOfRange {
        /// The value, as chrono writes it.
        value: String,
    },
    /// An array with too few or too many items.
    Items {
        /// The number of items.
        count: usize,
        /// The smallest allowed number of items.
        min: usize,
        /// The largest allowed number of items, if any.
        max: Option<usize>,
    },
}

impl ValidationError {
    /// A new error for `field` (its wire name, e.g. `user_id`).
    pub fn new(field: impl Into<Cow<'static, str>>, rule: Rule) -> Self {
        ValidationError {
            field: field.into(),
            rule,
        }
    }

    /// The wire name of the field, with its path for nested fields
    /// (e.g. `items[2].name`).
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule the field broke.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// Places the error under a parent field (for nested objects and arrays).
    pub fn within(mut self, parent: &str) -> Self {
        self.field = Cow::Owned(format!("{parent}.{}", self.field));
        self
    }
}

fn range(min: usize, max: Option<usize>) -> String {
    match max {
        Some(max) => format!("{min}..={max}"),
        None => format!("{min}.."),
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.rule {
            Rule::Required => write!(f, "{field}: required, but empty"),
            Rule::Length { chars, min, max } => {
                write!(f, "{field}: {chars} chars, needs {}", range(*min, *max))
            }
            Rule::Charset {
                found,
                position,
                allowed,
            } => write!(
                f,
                "{field}: character {found:?} at position {position} is not allowed (allowed: {allowed})"
            ),
            Rule::UnknownEnumValue { value, allowed } => write!(
                f,
                "{field}: {value:?} is not a documented value (allowed: {})",
                allowed.join(", ")
            ),
            Rule::Range { value, min, max } => {
                let min = min.as_deref().unwrap_or("");
                let max = max.as_deref().map(|m| format!("={m}")).unwrap_or_default();
                write!(f, "{field}: {value} is out of range, needs {min}..{max}")
            }
            Rule::NotFinite => write!(f, "{field}: must be a finite number"),
            Rule::DotSegment => write!(
                f,
                "{field}: \".\" and \"..\" cannot be path segments (URLs remove them)"
            ),
            Rule::DateTimeOutOfRange { value } => write!(
                f,
                "{field}: {value} has no RFC 3339 form (years 0000..=9999 only)"
            ),
            Rule::DateOutOfRange { value } => write!(
                f,
                "{field}: {value} has no yyyy-MM-DD form (years 0000..=9999 only)"
            ),
            Rule::Items { count, min, max } => {
                write!(f, "{field}: {count} items, needs {}", range(*min, *max))
            }
        }
    }
}

impl std::error::Error for ValidationError {}

/// A set of allowed characters, from a `charset` in the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Charset {
    /// Inclusive character ranges, e.g. `('0', '9')`.
    pub ranges: &'static [(char, char)],
    /// Single allowed characters, e.g. `"_-|*"`.
    pub chars: &'static str,
    /// How the set reads in an error message, e.g. `0-9 A-Z a-z _-|*`.
    pub description: &'static str,
}

impl Charset {
    /// Whether `c` is in the set.
    pub fn allows(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) || self.chars.contains(c)
    }
}

/// Checks that a required string is not empty.
pub fn required(field: &'static str, value: &str) -> Result<(), ValidationError> {
    if value.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    Ok(())
}

/// Checks the length of a string, in characters (Unicode scalar values).
pub fn length(
    field: &'static str,
    value: &str,
    min: usize,
    max: Option<usize>,
) -> Result<(), ValidationError> {
    // ASCII (the common case) has one byte per character.
    let chars = if value.is_ascii() {
        value.len()
    } else {
        value.chars().count()
    };
    if chars < min || max.is_some_and(|m| chars > m) {
        return Err(ValidationError::new(
            field,
            Rule::Length { chars, min, max },
        ));
    }
    Ok(())
}

/// Checks that every character of a string is in `charset`.
pub fn charset(
    field: &'static str,
    value: &str,
    charset: &'static Charset,
) -> Result<(), ValidationError> {
    match value.chars().enumerate().find(|&(_, c)| !charset.allows(c)) {
        None => Ok(()),
        Some((position, found)) => Err(ValidationError::new(
            field,
            Rule::Charset {
                found,
                position,
                allowed: charset.description,
            },
        )),
    }
}

/// Checks that an enum value is one the spec documents (not `Unknown`).
pub fn known_enum(
    field: &'static str,
    known: bool,
    value: &str,
    allowed: &'static [&'static str],
) -> Result<(), ValidationError> {
    if known {
        return Ok(());
    }
    Err(ValidationError::new(
        field,
        Rule::UnknownEnumValue {
            value: value.to_owned(),
            allowed,
        },
    ))
}

/// Checks an integer against an inclusive range.
pub fn int_range(
    field: &'static str,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<(), ValidationError> {
    if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
        return Err(ValidationError::new(
            field,
            Rule::Range {
                value: value.to_string(),
                min: min.map(|m| m.to_string()),
                max: max.map(|m| m.to_string()),
            },
        ));
    }
    Ok(())
}

/// Checks that a number is finite and within an inclusive range.
#[allow(
    dead_code,
    reason = "emitted by the generator for spec fields of this kind; the current spec has none"
)]
pub fn number_range(
    field: &'static str,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), ValidationError> {
    if !value.is_finite() {
        return Err(ValidationError::new(field, Rule::NotFinite));
    }
    if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
        return Err(ValidationError::new(
            field,
            Rule::Range {
                value: value.to_string(),
                min: min.map(|m| m.to_string()),
                max: max.map(|m| m.to_string()),
            },
        ));
    }
    Ok(())
}

/// Checks that a path parameter is not `.` or `..`, which URL
/// normalization would remove from the path.
pub fn path_segment(field: &'static str, value: &str) -> Result<(), ValidationError> {
    if value == "." || value == ".." {
        return Err(ValidationError::new(field, Rule::DotSegment));
    }
    Ok(())
}

/// Checks that a date-time can be written in RFC 3339 (a four-digit year).
pub fn date_time(
    field: &'static str,
    value: &chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), ValidationError> {
    use chrono::Datelike as _;
    if (0..=9999).contains(&value.year()) {
        return Ok(());
    }
    Err(ValidationError::new(
        field,
        Rule::DateTimeOutOfRange {
            value: value.to_rfc3339(),
        },
    ))
}

/// Checks that a date has a four-digit year, so that it is written as
/// `yyyy-MM-DD` (chrono writes other years with a sign and more digits).
pub fn date(field: &'static str, value: &chrono::NaiveDate) -> Result<(), ValidationError> {
    use chrono::Datelike as _;
    if (0..=9999).contains(&value.year()) {
        return Ok(());
    }
    Err(ValidationError::new(
        field,
        Rule::DateOutOfRange {
            value: value.to_string(),
        },
    ))
}

/// Checks the number of items of an array.
#[allow(
    dead_code,
    reason = "emitted by the generator for spec fields of this kind; the current spec has none"
)]
pub fn items(
    field: &'static str,
    count: usize,
    min: usize,
    max: Option<usize>,
) -> Result<(), ValidationError> {
    if count < min || max.is_some_and(|m| count > m) {
        return Err(ValidationError::new(field, Rule::Items { count, min, max }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    static IDS: Charset = Charset {
        ranges: &[('0', '9'), ('A', 'Z'), ('a', 'z')],
        chars: "_-|*",
        description: "0-9 A-Z a-z _-|*",
    };

    #[test]
    fn messages_name_the_field_and_the_rule() {
        let e = length("user_id", "abcde", 6, Some(32)).unwrap_err();
        assert_eq!(e.to_string(), "user_id: 5 chars, needs 6..=32");
        let e = charset("user_id", "ab#cdef", &IDS).unwrap_err();
        assert_eq!(
            e.to_string(),
            "user_id: character '#' at position 2 is not allowed (allowed: 0-9 A-Z a-z _-|*)"
        );
        let e = required("sp_mchid", "").unwrap_err();
        assert_eq!(e.to_string(), "sp_mchid: required, but empty");
        let e = known_enum("application_type", false, "APP", &["H5", "MINIPROGRAM"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "application_type: \"APP\" is not a documented value (allowed: H5, MINIPROGRAM)"
        );
        let e = int_range("limit", 0, Some(1), Some(100)).unwrap_err();
        assert_eq!(e.to_string(), "limit: 0 is out of range, needs 1..=100");
        let e = number_range("rate", f64::NAN, None, None).unwrap_err();
        assert_eq!(e.to_string(), "rate: must be a finite number");
        let e = path_segment("employee_id", "..").unwrap_err();
        assert_eq!(
            e.to_string(),
            "employee_id: \".\" and \"..\" cannot be path segments (URLs remove them)"
        );
        assert!(path_segment("employee_id", "...").is_ok());
        let e = items("ids", 0, 1, None).unwrap_err().within("filter");
        assert_eq!(e.to_string(), "filter.ids: 0 items, needs 1..");
        assert_eq!(e.field(), "filter.ids");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(length("reason", "用户主动撤销", 1, Some(6)).is_ok());
        assert!(length("reason", "用户主动撤销", 1, Some(5)).is_err());
        // More bytes than the minimum is not more characters than the minimum.
        let e = length("user_id", "员员员员员", 6, Some(32)).unwrap_err();
        assert_eq!(e.to_string(), "user_id: 5 chars, needs 6..=32");
        assert!(length("x", "éé", 3, None).is_err());
        assert!(length("user_id", "a|b*c_", 6, Some(32)).is_ok());
        assert!(charset("user_id", "a|b*c_-Z9", &IDS).is_ok());
    }

    #[test]
    fn date_times_need_four_digit_years() {
        let parse = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        for ok in [
            "2015-05-20T13:29:35+08:00",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59+08:00",
        ] {
            assert_eq!(date_time("expire_time", &parse(ok)), Ok(()), "{ok}");
        }
        let offset = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
        let far = parse("9999-12-31T23:59:59+08:00") + chrono::Duration::days(1);
        let e = date_time("expire_time", &far.with_timezone(&offset)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expire_time: +10000-01-01T23:59:59+08:00 has no RFC 3339 form (years 0000..=9999 only)"
        );
        let before = parse("0000-01-01T00:00:00+00:00") - chrono::Duration::seconds(1);
        assert!(date_time("t", &before).is_err());
    }
}
