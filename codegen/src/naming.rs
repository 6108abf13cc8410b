//! Every Rust name the generator emits is made here, from spec names, with
//! `heck`. Each function either returns a valid Rust identifier or says why
//! the spec name cannot give one.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved, edition 2024) that need `r#` as a
/// field or function name.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing `_`.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// The name of the fallback variant of every generated enum.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The inherent methods of the runtime's `Client` (public and private): an
/// operation id is a `Client` method, so it may not be one of these. A test
/// of `webizpay-api` checks this list against `runtime/client.rs`.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "config",
    "execute",
    "execute_inner",
    "attempt",
    "download",
    "download_inner",
    "download_to_path",
    "attempt_raw",
    "current_keys",
    "refresh_platform_certificates",
    "refresh_for_unknown_serial",
    "start_certificate_refresh",
    "notification_verifier",
];

/// Module names the generator uses itself.
pub const RESERVED_MODULES: &[&str] =
    &["mod", "types", "error_code", "operations", "notifications"];

/// Item names a spec may not claim (type names, request and response types,
/// operation constants): the generator's own items in the `generated`
/// module; names the generated files import or use unqualified (the
/// standard prelude, the runtime items they `use`), which a generated item
/// of the same name would shadow or clash with; and the runtime's items at
/// the crate root, where `pub use generated::*` would be silently shadowed.
pub const RESERVED_ITEMS: &[&str] = &[
    // generated
    "ErrorCode",
    "Event",
    "OPERATIONS",
    // the prelude, as used by generated code
    "Box",
    "Clone",
    "Default",
    "Err",
    "From",
    "Into",
    "None",
    "Ok",
    "Option",
    "Result",
    "Some",
    "String",
    "ToOwned",
    "ToString",
    "Vec",
    // imported by the generated operation and type files
    "Charset",
    "ErrorCodeInfo",
    "HeaderInfo",
    "Host",
    "Method",
    "Operation",
    "OperationInfo",
    "Fill",
    "Sealed",
    "ValidationError",
    // the runtime at the crate root
    "ANSWER_AGE_TOLERANCE_SECS",
    "AeadError",
    "ApiError",
    "ApiV3Key",
    "BILL_READY_HOUR",
    "Backend",
    "BillDate",
    "CHINA_TIME_OFFSET_SECS",
    "Client",
    "ClientBuilder",
    "Clock",
    "Config",
    "ConfigBuilder",
    "ConfigError",
    "ConfigField",
    "ConfigSource",
    "DEFAULT_REDIS_TIMEOUT",
    "DecodeError",
    "DecodeEvent",
    "Delivery",
    "DownloadError",
    "Downloadable",
    "Downloaded",
    "Error",
    "MAX_NOTIFICATION_BYTES",
    "MemoryStore",
    "Notification",
    "NotificationError",
    "NotificationReply",
    "NotificationVerifier",
    "RedisStore",
    "RedisStoreBuilder",
    "Response",
    "ResponseMeta",
    "ResponseTooLarge",
    "RetryPolicy",
    "Rule",
    "Store",
    "StoreError",
    "StoreFuture",
    "SystemClock",
    "TransportError",
    "TransportKind",
    "VerificationError",
    "VerificationFailure",
    "WechatPayKeys",
];

fn is_ascii_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s != "_"
}

/// The Rust field name of a wire name: snake_case, keywords as `r#type`
/// (or `self_` for the few that cannot be raw).
pub fn field(wire_name: &str) -> Result<String, String> {
    let snake = wire_name.to_snake_case();
    if !is_ascii_ident(&snake) || snake.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "field name `{wire_name}` gives no Rust field name (snake_case `{snake}`); \
             field names must contain ASCII letters and start with a letter"
        ));
    }
    Ok(escape_keyword(snake))
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Checks an operation id: it is the method name and the module name, so it
/// must already be snake_case and not a keyword.
pub fn operation_fn(id: &str) -> Result<String, String> {
    if id.is_empty() || id.to_snake_case() != id || !is_ascii_ident(id) || id.starts_with('_') {
        return Err(format!(
            "operation id `{id}` must be snake_case ASCII starting with a letter, e.g. `{}`",
            suggest_snake(id)
        ));
    }
    if KEYWORDS.contains(&id) || NOT_RAW.contains(&id) {
        return Err(format!(
            "operation id `{id}` is a Rust keyword; choose another id"
        ));
    }
    if CLIENT_METHODS.contains(&id) {
        return Err(format!(
            "operation id `{id}` is a method the runtime's `Client` already has ({}); choose another id",
            CLIENT_METHODS.join(", ")
        ));
    }
    if RESERVED_MODULES.contains(&id) {
        return Err(format!(
            "operation id `{id}` is reserved (the generator uses modules {}); choose another id",
            RESERVED_MODULES.join(", ")
        ));
    }
    Ok(id.to_owned())
}

fn suggest_snake(id: &str) -> String {
    let s = id.to_snake_case();
    if s.is_empty() {
        "list_users".to_owned()
    } else {
        s
    }
}

/// The `OperationInfo` const of an operation, e.g. `APPLY_AUTHORIZATION`.
pub fn operation_const(id: &str) -> String {
    id.to_shouty_snake_case()
}

/// The `HeaderInfo` const of a catalog header, e.g. `CONTENT_TYPE`.
pub fn header_const(name: &str) -> String {
    name.to_shouty_snake_case()
}

/// The `ErrorCodeInfo` const of a catalog error code: the code itself
/// (codes are UPPER_SNAKE_CASE, checked), e.g. `PARAM_ERROR`.
pub fn error_const(code: &str) -> String {
    code.to_owned()
}

/// The `Event` variant of a notification, e.g. `Authorized`.
pub fn notification_variant(id: &str) -> String {
    id.to_upper_camel_case()
}

/// The struct of a notification's decrypted resource, e.g. `AuthorizedEvent`.
pub fn notification_type(id: &str) -> String {
    format!("{}Event", id.to_upper_camel_case())
}

/// The builder `bon::Builder` derives for a generated struct, e.g.
/// `ApplyAuthorizationRequestBuilder`: claimed with the struct's name so
/// that no spec name collides with it.
pub fn builder_type(struct_name: &str) -> String {
    format!("{struct_name}Builder")
}

/// The request type of an operation, e.g. `ApplyAuthorizationRequest`.
pub fn request_type(id: &str) -> String {
    format!("{}Request", id.to_upper_camel_case())
}

/// The response type of an operation, e.g. `ApplyAuthorizationResponse`.
pub fn response_type(id: &str) -> String {
    format!("{}Response", id.to_upper_camel_case())
}

/// Checks a name from `types:`: it is used as the Rust type name as is, so
/// it must already be UpperCamelCase.
pub fn type_name(name: &str) -> Result<String, String> {
    let camel = name.to_upper_camel_case();
    if camel != name || !is_ascii_ident(name) || !name.starts_with(|c: char| c.is_ascii_uppercase())
    {
        let hint = if is_ascii_ident(&camel) {
            camel
        } else {
            "ItemType".to_owned()
        };
        return Err(format!(
            "type name `{name}` must be UpperCamelCase ASCII, e.g. `{hint}`"
        ));
    }
    if name == "Self" {
        return Err("type name `Self` is a Rust keyword; choose another name".to_owned());
    }
    Ok(name.to_owned())
}

/// The variant of an enum value or error code: UpperCamelCase, a leading
/// digit gets a `V` prefix (`3DS` → `V3ds`), and a value that would be
/// `Unknown` becomes `UnknownValue` so it never collides with the fallback.
pub fn variant(value: &str) -> Result<String, String> {
    let mut camel = value.to_upper_camel_case();
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel.insert(0, 'V');
    }
    if !is_ascii_ident(&camel) || camel.starts_with('_') {
        return Err(format!(
            "value `{value}` gives no Rust variant name (UpperCamelCase `{camel}`); \
             values must contain ASCII letters or digits"
        ));
    }
    if camel == UNKNOWN_VARIANT || camel == "Self" {
        camel.push_str("Value");
    }
    Ok(camel)
}

/// The `static` holding the charset of a request parameter (`USER_ID_CHARSET`)
/// or of an object field (`ITEM_NAME_CHARSET` for field `name` of `Item`).
pub fn charset_static(owner_type: Option<&str>, field_rust_name: &str) -> String {
    let field = field_rust_name
        .trim_start_matches("r#")
        .to_shouty_snake_case();
    match owner_type {
        None => format!("{field}_CHARSET"),
        Some(owner) => format!("{}_{field}_CHARSET", owner.to_shouty_snake_case()),
    }
}

/// The file of an operation's module, relative to the generated directory.
pub fn operation_file(id: &str) -> String {
    format!("{id}.rs")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_escape_keywords() {
        assert_eq!(field("sp_mchid").unwrap(), "sp_mchid");
        assert_eq!(field("appId").unwrap(), "app_id");
        assert_eq!(field("type").unwrap(), "r#type");
        assert_eq!(field("self").unwrap(), "self_");
        assert_eq!(field("out-trade-no").unwrap(), "out_trade_no");
        assert!(field("3ds").is_err());
        assert!(field("金额").is_err());
    }

    #[test]
    fn variants_are_upper_camel_case_and_avoid_unknown() {
        assert_eq!(variant("MINIPROGRAM").unwrap(), "Miniprogram");
        assert_eq!(variant("PARAM_ERROR").unwrap(), "ParamError");
        assert_eq!(variant("H5").unwrap(), "H5");
        assert_eq!(variant("3DS").unwrap(), "V3ds");
        assert_eq!(variant("UNKNOWN").unwrap(), "UnknownValue");
        assert_eq!(variant("unknown").unwrap(), "UnknownValue");
        assert!(variant("已授权").is_err());
        assert!(variant("--").is_err());
    }

    #[test]
    fn operations_and_types() {
        assert_eq!(
            operation_fn("apply_authorization").unwrap(),
            "apply_authorization"
        );
        assert!(operation_fn("applyAuthorization").is_err());
        assert!(operation_fn("types").is_err());
        assert!(operation_fn("match").is_err());
        assert_eq!(
            operation_const("apply_authorization"),
            "APPLY_AUTHORIZATION"
        );
        assert_eq!(
            request_type("apply_authorization"),
            "ApplyAuthorizationRequest"
        );
        assert_eq!(response_type("list_items"), "ListItemsResponse");
        assert!(type_name("ApplicationType").is_ok());
        assert!(type_name("application_type").is_err());
        assert_eq!(charset_static(None, "user_id"), "USER_ID_CHARSET");
        assert_eq!(
            charset_static(Some("LineItem"), "r#type"),
            "LINE_ITEM_TYPE_CHARSET"
        );
    }
}
