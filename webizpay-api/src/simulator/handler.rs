//! What WeChat Pay does with one request: routing, the checks of the
//! `Authorization` signature and headers, parameter parsing and validation,
//! the business call, and response signing (with the faults that change it).

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::json;

use super::http::HttpRequest;
use super::state;
use super::table::{self, Ctx, Route, SimOp};
use super::{Fault, Shared, SimResponse, UNKNOWN_SERIAL, faults};
use crate::generated::ErrorCode;
use crate::runtime::auth as runtime_auth;
use crate::runtime::crypto::{BackendOps, SigningKey};
use crate::runtime::operation::{ConfigSource, OperationInfo};
use crate::runtime::wire::WireError;

// The only `Authorization` scheme APIv3 accepts, and the largest accepted
// distance of a request timestamp from server time (the window the client
// allows an answer): one home, the runtime's.
use runtime_auth::{MAX_CLOCK_SKEW_SECS as MAX_REQUEST_SKEW_SECS, SCHEME as AUTH_SCHEME};
const SERVER: &str = "webizpay-simulator";

/// An error answer of WeChat Pay: status and JSON error body.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: u16,
    pub code: Cow<'static, str>,
    pub message: String,
    pub detail: Option<serde_json::Value>,
    /// Headers to add, e.g. `Allow` on a 405.
    pub headers: Vec<(&'static str, String)>,
}

impl Failure {
    /// An answer with a code of the spec's `errors` catalog: its status is
    /// the catalog's (one home for each code's status).
    pub(crate) fn of(code: ErrorCode, message: impl Into<String>) -> Self {
        let status = code.status().unwrap_or(500);
        Failure {
            status,
            code: Cow::Owned(code.as_str().to_owned()),
            message: message.into(),
            detail: None,
            headers: Vec::new(),
        }
    }

    /// An HTTP-level answer whose code is not in the spec's catalog
    /// (`NOT_FOUND`, `METHOD_NOT_ALLOWED`).
    pub(crate) fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            status,
            code: Cow::Borrowed(code),
            message: message.into(),
            detail: None,
            headers: Vec::new(),
        }
    }

    fn sign_error(message: impl Into<String>) -> Self {
        Failure::of(ErrorCode::SignError, message)
    }

    /// `400 PARAM_ERROR` naming the field and where it was sent.
    pub(crate) fn param(info: &OperationInfo, target: &str, field: &str, message: String) -> Self {
        let in_path = info.path_template.contains(&format!("{{{field}}}"));
        let in_query = target.split_once('?').is_some_and(|(_, q)| {
            q.split('&')
                .any(|pair| pair.split_once('=').map_or(pair, |(n, _)| n) == field)
        });
        let location = match (in_path, in_query) {
            (true, _) => "path",
            (false, true) => "query",
            (false, false) => "body",
        };
        let mut failure = Failure::of(ErrorCode::ParamError, message);
        failure.detail = Some(json!({ "field": field, "location": location }));
        failure
    }

    /// `405 METHOD_NOT_ALLOWED` with `Allow: allow`.
    fn method_not_allowed(req: &HttpRequest, allow: &str) -> Self {
        let mut failure = Failure::new(
            405,
            "METHOD_NOT_ALLOWED",
            format!(
                "{} {} is not allowed; use {allow}",
                req.method,
                path_of(&req.target)
            ),
        );
        failure.headers.push(("Allow", allow.to_owned()));
        failure
    }

    pub(crate) fn wire(info: &OperationInfo, target: &str, e: &WireError) -> Self {
        Failure::param(info, target, e.field().unwrap_or("path"), e.to_string())
    }
}

/// What processing gave, before faults and the final headers.
pub(crate) enum Answer {
    /// A success body, to be signed with the WeChat Pay key at this index.
    Signed {
        status: u16,
        body: Vec<u8>,
        key: usize,
    },
    /// An error.
    Failed(Failure),
    /// A complete response that is not WeChat Pay's (a proxy's page).
    Raw(SimResponse),
}

/// Partner mode: each parameter the spec fills from the configuration
/// (`from_config`, e.g. `sp_mchid` ← the mchid) must be the merchant that
/// signed the request.
fn check_config_fields(
    shared: &Shared,
    info: &OperationInfo,
    target: &str,
    view: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), Failure> {
    for field in info.config_fields {
        let expected = match field.source {
            ConfigSource::Mchid => shared.mchid.as_str(),
        };
        match view.get(field.name).and_then(|v| v.as_str()) {
            Some(value) if value == expected => {}
            Some(value) => {
                return Err(Failure::param(
                    info,
                    target,
                    field.name,
                    format!(
                        "{}: {value:?} is not the merchant that signed the request ({expected:?}); in partner mode it is the partner's own mchid",
                        field.name
                    ),
                ));
            }
            None => {
                return Err(Failure::param(
                    info,
                    target,
                    field.name,
                    format!("{}: missing; it is the partner's own mchid", field.name),
                ));
            }
        }
    }
    Ok(())
}

/// Finds the operation of a request (`None` for unknown paths and methods).
pub(crate) fn operation_of(req: &HttpRequest) -> Option<&'static OperationInfo> {
    match table::route(&req.method, &req.target) {
        Route::Found(op) => Some(op.info),
        _ => None,
    }
}

/// Processes a request as WeChat Pay would. A fault that replaces processing
/// (`Status`, `BadGatewayHtml`) is honoured here, after routing.
pub(crate) fn process(
    shared: &Shared,
    req: &HttpRequest,
    fault: Option<&Fault>,
    now: i64,
) -> Answer {
    if path_of(&req.target) == state::DOWNLOAD_PATH {
        return download(shared, req, fault, now);
    }
    if path_of(&req.target) == crate::runtime::certificates::CERTIFICATES_PATH {
        return certificates(shared, req, fault, now);
    }
    let route = match table::route(&req.method, &req.target) {
        Route::Found(op) => op,
        Route::NotFound => {
            return Answer::Failed(Failure::new(
                404,
                "NOT_FOUND",
                format!("no API at {} {}", req.method, path_of(&req.target)),
            ));
        }
        Route::WrongMethod(methods) => {
            return Answer::Failed(Failure::method_not_allowed(req, &methods.join(", ")));
        }
    };
    if let Some(answer) = replaced_by(fault) {
        return answer;
    }
    if let Err(message) = verify_authorization(shared, req, now) {
        return Answer::Failed(Failure::sign_error(message));
    }
    if let Err(message) = check_headers(route.info, req) {
        return Answer::Failed(Failure::of(ErrorCode::InvalidRequest, message));
    }
    match answer(shared, route, req, now) {
        Ok(body) => Answer::Signed {
            status: route.info.success_status,
            body,
            key: shared.signing_key_for(req),
        },
        Err(f) => Answer::Failed(f),
    }
}

/// The answer of a fault that replaces processing (`Status`,
/// `BadGatewayHtml`), honoured after routing and before any check.
fn replaced_by(fault: Option<&Fault>) -> Option<Answer> {
    match fault {
        Some(Fault::Status {
            status,
            code,
            message,
        }) => Some(Answer::Raw(SimResponse::error_json(
            *status,
            json!({ "code": code, "message": message }),
        ))),
        Some(Fault::BadGatewayHtml) => Some(Answer::Raw(bad_gateway_html())),
        _ => None,
    }
}

/// Parses and validates the request, then answers it: a handler the test
/// registered, else the simulator's stateful behaviour for the operation,
/// else the spec example with the request's echoed fields.
fn answer(shared: &Shared, op: &SimOp, req: &HttpRequest, now: i64) -> Result<Vec<u8>, Failure> {
    let decoded = (op.decode)(&req.target, &req.body)?;
    let view = table::request_view(op.info, &req.target, &req.body);
    check_config_fields(shared, op.info, &req.target, &view)?;
    let cx = Ctx { shared, now };
    if let Some(handler) = shared.handler(op.info.id) {
        return handler(decoded.as_ref(), &cx);
    }
    if let Some(handler) = shared.builtins.get(op.info.id) {
        return handler(decoded.as_ref(), &cx);
    }
    table::example_answer(op, &view)
}

/// The checks of a signed GET outside the spec's operations (certificates,
/// file downloads): the method, a fault that replaces processing, the
/// signature. `Some` is the answer when one fails.
fn signed_get(
    shared: &Shared,
    req: &HttpRequest,
    fault: Option<&Fault>,
    now: i64,
) -> Option<Answer> {
    if req.method != "GET" {
        return Some(Answer::Failed(Failure::method_not_allowed(req, "GET")));
    }
    if let Some(answer) = replaced_by(fault) {
        return Some(answer);
    }
    if let Err(message) = verify_authorization(shared, req, now) {
        return Some(Answer::Failed(Failure::sign_error(message)));
    }
    None
}

/// `GET /v3/certificates`: the simulator's WeChat Pay keys that come with a
/// certificate, each encrypted with the APIv3 key, in a signed answer.
fn certificates(shared: &Shared, req: &HttpRequest, fault: Option<&Fault>, now: i64) -> Answer {
    if let Some(refused) = signed_get(shared, req, fault, now) {
        return refused;
    }
    let mut data = Vec::new();
    for key in &shared.wechatpay_keys {
        if !key.public_pem.contains("BEGIN CERTIFICATE") {
            continue;
        }
        let expire = shared
            .backend
            .parse_verifying_key(&key.public_pem)
            .ok()
            .and_then(|(_, info)| info)
            .map_or(i64::MAX, |i| i.not_after_unix);
        let nonce = state::random_hex(12);
        let Ok(ciphertext) = shared.backend.aes_256_gcm_encrypt(
            shared.apiv3_key.bytes(),
            nonce.as_bytes(),
            b"certificate",
            key.public_pem.as_bytes(),
        ) else {
            continue;
        };
        data.push(json!({
            "serial_no": key.serial,
            "effective_time": state::beijing_time(now - 86_400).to_rfc3339(),
            "expire_time": state::beijing_time(expire.min(253_402_300_799)).to_rfc3339(),
            "encrypt_certificate": {
                "algorithm": "AEAD_AES_256_GCM",
                "nonce": nonce,
                "associated_data": "certificate",
                "ciphertext": BASE64.encode(&ciphertext),
            },
        }));
    }
    Answer::Signed {
        status: 200,
        body: json!({ "data": data }).to_string().into_bytes(),
        key: shared.signing_key_for(req),
    }
}

/// A `download_url` (bills, proofs): a signed GET, answered with the file
/// and no signature, as the generic 下载账单 page describes.
fn download(shared: &Shared, req: &HttpRequest, fault: Option<&Fault>, now: i64) -> Answer {
    if let Some(refused) = signed_get(shared, req, fault, now) {
        return refused;
    }
    let token = req
        .target
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|p| p.strip_prefix("token=")))
        .unwrap_or("");
    let file = shared.store().download(token);
    if let Some(refusal) = state::download_refusal(file.as_ref(), &shared.mchid, now) {
        return Answer::Failed(refusal);
    }
    let content = file.map(|(_, content)| content).unwrap_or_default();
    Answer::Raw(SimResponse {
        status: 200,
        headers: vec![(
            "Content-Type".to_owned(),
            "application/octet-stream".to_owned(),
        )],
        body: content.as_ref().clone(),
    })
}

fn path_of(target: &str) -> &str {
    target.split_once('?').map_or(target, |(p, _)| p)
}

/// A 502 page from a proxy: HTML, no `Request-ID`.
fn bad_gateway_html() -> SimResponse {
    let body = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n";
    SimResponse {
        status: 502,
        headers: vec![
            ("Server".to_owned(), "stgw".to_owned()),
            ("Content-Type".to_owned(), "text/html".to_owned()),
        ],
        body: body.as_bytes().to_vec(),
    }
}

/// The request headers the spec documents with a value (`Accept` and
/// `Content-Type`: `application/json`), from the operation's
/// [`OperationInfo::headers`]: a required one must be sent, and one that is
/// sent must allow the documented value. (`Authorization`, documented
/// without a value, is checked by signature verification.)
fn check_headers(info: &OperationInfo, req: &HttpRequest) -> Result<(), String> {
    for header in info.headers {
        let Some(wanted) = header.value else {
            continue;
        };
        let name = header.name;
        let sent: Vec<&str> = req.header_values(name).collect();
        if sent.is_empty() {
            if header.required {
                return Err(format!("{name} header is required: set it to {wanted}"));
            }
            continue;
        }
        if name.eq_ignore_ascii_case("accept") {
            // Content negotiation: any media range of any Accept header.
            if !sent.iter().any(|v| accepts(v, wanted)) {
                return Err(format!(
                    "{name} {:?} does not allow {wanted}",
                    sent.join(", ")
                ));
            }
            continue;
        }
        match sent.as_slice() {
            [one] if media_type(one).eq_ignore_ascii_case(wanted) => {}
            [one] => return Err(format!("{name} {one:?} is not {wanted}")),
            _ => return Err(format!("more than one {name} header")),
        }
    }
    Ok(())
}

fn media_type(value: &str) -> &str {
    value.split(';').next().unwrap_or("").trim()
}

/// Whether one `Accept` header value allows the media type `wanted`
/// (exactly, as `type/*` or as `*/*`, and not with `q=0`).
fn accepts(value: &str, wanted: &str) -> bool {
    let wanted_type = wanted.split_once('/').map_or(wanted, |(kind, _)| kind);
    value.split(',').any(|range| {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim();
        // `wanted` itself, `type/*` of its type, or `*/*`.
        let matches = media.eq_ignore_ascii_case(wanted)
            || media.split_once('/').is_some_and(|(kind, sub)| {
                sub == "*" && (kind == "*" || kind.eq_ignore_ascii_case(wanted_type))
            });
        let q_zero = parts.any(|p| {
            p.trim().split_once('=').is_some_and(|(k, v)| {
                k.trim().eq_ignore_ascii_case("q")
                    && v.trim().parse::<f64>().is_ok_and(|q| q <= 0.0)
            })
        });
        matches && !q_zero
    })
}

/// A parsed `Authorization` header.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct AuthParams<'a> {
    pub mchid: &'a str,
    pub nonce_str: &'a str,
    pub timestamp: &'a str,
    pub serial_no: &'a str,
    pub signature: &'a str,
}

/// Parses `WECHATPAY2-SHA256-RSA2048 k="v",…`, naming what is wrong.
pub(crate) fn parse_authorization(value: &str) -> Result<AuthParams<'_>, String> {
    let value = value.trim();
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    if scheme != AUTH_SCHEME {
        return Err(format!(
            "Authorization scheme {:?} is not {AUTH_SCHEME}",
            scheme.chars().take(40).collect::<String>()
        ));
    }
    let mut fields: [(&str, Option<&str>); 5] = [
        ("mchid", None),
        ("nonce_str", None),
        ("timestamp", None),
        ("serial_no", None),
        ("signature", None),
    ];
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once('=') else {
            return Err(
                "Authorization parameters must be key=\"value\" pairs separated by commas"
                    .to_owned(),
            );
        };
        let key = key.trim();
        let Some(after) = after.strip_prefix('"') else {
            return Err(format!(
                "Authorization parameter {key} is not a quoted string"
            ));
        };
        let Some((val, after)) = after.split_once('"') else {
            return Err(format!(
                "Authorization parameter {key} has no closing quote"
            ));
        };
        if let Some(slot) = fields.iter_mut().find(|(k, _)| *k == key) {
            if slot.1.is_some() {
                return Err(format!(
                    "Authorization parameter {key} appears more than once"
                ));
            }
            slot.1 = Some(val);
        }
        let after = after.trim_start();
        rest = match after.strip_prefix(',') {
            Some(next) => next.trim_start(),
            None if after.is_empty() => after,
            None => {
                return Err(format!(
                    "Authorization parameters must be separated by commas (after {key})"
                ));
            }
        };
    }
    let mut values = [""; 5];
    for (i, (key, value)) in fields.iter().enumerate() {
        match value {
            Some(v) if !v.is_empty() => values[i] = v,
            Some(_) => return Err(format!("Authorization parameter {key} is empty")),
            None => return Err(format!("Authorization parameter {key} is missing")),
        }
    }
    let [mchid, nonce_str, timestamp, serial_no, signature] = values;
    Ok(AuthParams {
        mchid,
        nonce_str,
        timestamp,
        serial_no,
        signature,
    })
}

/// Checks the request signature as WeChat Pay does, saying in words which
/// check failed.
fn verify_authorization(shared: &Shared, req: &HttpRequest, now: i64) -> Result<(), String> {
    let mut values = req.header_values("authorization");
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(if req.header_values("authorization").next().is_none() {
            "Authorization header is missing".to_owned()
        } else {
            "more than one Authorization header".to_owned()
        });
    };
    if !value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err("Authorization header is not visible ASCII".to_owned());
    }
    let auth = parse_authorization(value)?;
    if auth.mchid != shared.mchid {
        return Err(format!(
            "mchid {:?} in Authorization is not the merchant of this API ({:?})",
            auth.mchid, shared.mchid
        ));
    }
    if auth.serial_no != shared.merchant_serial {
        return Err(format!(
            "serial_no {:?} is not an API certificate serial of merchant {} (expected {:?})",
            auth.serial_no, shared.mchid, shared.merchant_serial
        ));
    }
    let Ok(timestamp) = auth.timestamp.parse::<i64>() else {
        return Err(format!(
            "timestamp {:?} is not Unix time in seconds",
            auth.timestamp
        ));
    };
    let skew = timestamp.saturating_sub(now);
    if skew.unsigned_abs() > MAX_REQUEST_SKEW_SECS.unsigned_abs() {
        return Err(format!(
            "timestamp {timestamp} is {skew} s from server time {now} (at most {MAX_REQUEST_SKEW_SECS} s allowed): check the local clock"
        ));
    }
    if BASE64.decode(auth.signature).is_err() {
        return Err("signature is not base64".to_owned());
    }
    let parsed = runtime_auth::Authorization {
        mchid: auth.mchid.to_owned(),
        nonce_str: auth.nonce_str.to_owned(),
        timestamp: auth.timestamp.to_owned(),
        serial_no: auth.serial_no.to_owned(),
        signature: auth.signature.to_owned(),
    };
    if !runtime_auth::verify_request_signature(
        &*shared.merchant_key,
        &req.method,
        &req.target,
        &req.body,
        &parsed,
    ) {
        return Err(format!(
            "signature does not verify over METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n ({} {}, {} body bytes) with the public key of merchant certificate {}",
            req.method,
            path_of(&req.target),
            req.body.len(),
            auth.serial_no
        ));
    }
    Ok(())
}

/// Turns an answer into the response to write, applying `fault`.
pub(crate) fn finish(
    shared: &Shared,
    answer: Answer,
    fault: Option<&Fault>,
    now: i64,
    date: &str,
) -> SimResponse {
    let request_id = shared.next_request_id();
    let mut resp = match answer {
        Answer::Raw(mut resp) => {
            // A proxy page has no Request-ID; WeChat Pay errors do.
            if !matches!(fault, Some(Fault::BadGatewayHtml)) {
                resp.headers.push(("Request-ID".to_owned(), request_id));
            }
            resp.headers
                .insert(0, ("Server".to_owned(), SERVER.to_owned()));
            resp.headers.insert(1, ("Date".to_owned(), date.to_owned()));
            resp
        }
        Answer::Failed(f) => {
            let mut body = json!({ "code": f.code, "message": f.message });
            if let (Some(detail), Some(obj)) = (f.detail, body.as_object_mut()) {
                obj.insert("detail".to_owned(), detail);
            }
            let mut resp = SimResponse::error_json(f.status, body);
            for (name, value) in f.headers {
                resp.headers.push((name.to_owned(), value));
            }
            resp.headers.push(("Request-ID".to_owned(), request_id));
            resp.headers
                .insert(0, ("Server".to_owned(), SERVER.to_owned()));
            resp.headers.insert(1, ("Date".to_owned(), date.to_owned()));
            resp
        }
        Answer::Signed { status, body, key } => {
            let entry = shared.wechatpay_key(key);
            let mut signing_key: &dyn SigningKey = &*entry.key;
            let mut serial: Cow<'_, str> = Cow::Borrowed(&entry.serial);
            let mut timestamp = now;
            match fault {
                Some(Fault::SignWithOtherKey) => signing_key = &*shared.other_key,
                Some(Fault::UnknownSerial) => serial = Cow::Borrowed(UNKNOWN_SERIAL),
                Some(Fault::SerialOf(s)) => serial = Cow::Borrowed(s),
                Some(Fault::TimestampOffset(o)) => timestamp = now.saturating_add(*o),
                _ => {}
            }
            let nonce = runtime_auth::nonce();
            let signature = runtime_auth::sign_response(signing_key, timestamp, &nonce, &body);
            let mut resp = SimResponse {
                status,
                headers: vec![
                    ("Server".to_owned(), SERVER.to_owned()),
                    ("Date".to_owned(), date.to_owned()),
                    ("Content-Type".to_owned(), "application/json".to_owned()),
                    ("Request-ID".to_owned(), request_id),
                    ("Wechatpay-Nonce".to_owned(), nonce),
                    ("Wechatpay-Signature".to_owned(), signature),
                    ("Wechatpay-Timestamp".to_owned(), timestamp.to_string()),
                    ("Wechatpay-Serial".to_owned(), serial.into_owned()),
                    (
                        "Wechatpay-Signature-Type".to_owned(),
                        AUTH_SCHEME.to_owned(),
                    ),
                ],
                body,
            };
            match fault {
                Some(Fault::TamperBody) => faults::tamper_body(&mut resp.body),
                Some(Fault::ReplaceBody(b)) => resp.body.clone_from(b),
                Some(Fault::ProbeSignature) => {
                    let mut junk = [0u8; 96];
                    state::random_bytes(&mut junk);
                    let probe = format!(
                        "{}{}",
                        runtime_auth::PROBE_SIGNATURE_PREFIX,
                        BASE64.encode(junk)
                    );
                    resp.set_header("Wechatpay-Signature", probe);
                }
                Some(Fault::StripSignatureHeaders) => {
                    resp.headers
                        .retain(|(n, _)| !n.to_ascii_lowercase().starts_with("wechatpay-"));
                }
                _ => {}
            }
            resp
        }
    };
    if let Some(Fault::Mutate(hook)) = fault {
        hook(&mut resp);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_parses_in_any_order() {
        let a = parse_authorization(
            r#"WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="abc", signature="c2ln",timestamp="1554208460",serial_no="1DDE""#,
        )
        .unwrap();
        assert_eq!(
            a,
            AuthParams {
                mchid: "1900000001",
                nonce_str: "abc",
                timestamp: "1554208460",
                serial_no: "1DDE",
                signature: "c2ln",
            }
        );
    }

    #[test]
    fn authorization_errors_say_what_is_wrong() {
        let err = |v| parse_authorization(v).unwrap_err();
        assert!(err("Bearer x").contains("scheme"));
        assert!(err("WECHATPAY2-SHA256-RSA2048 mchid=\"1\"").contains("nonce_str is missing"));
        assert!(err("WECHATPAY2-SHA256-RSA2048 mchid=1").contains("quoted"));
        assert!(err("WECHATPAY2-SHA256-RSA2048 mchid=\"1").contains("closing quote"));
        assert!(
            err("WECHATPAY2-SHA256-RSA2048 mchid=\"1\",mchid=\"2\"").contains("more than once")
        );
        assert!(err("WECHATPAY2-SHA256-RSA2048 mchid=\"1\" nonce_str=\"2\"").contains("commas"));
        assert!(err("WECHATPAY2-SHA256-RSA2048 junk").contains("key=\"value\""));
        assert!(
            err(r#"WECHATPAY2-SHA256-RSA2048 mchid="",nonce_str="a",timestamp="1",serial_no="s",signature="x""#)
                .contains("mchid is empty")
        );
    }

    #[test]
    fn accept_ranges() {
        let json = |v: &str| accepts(v, "application/json");
        assert!(json("application/json"));
        assert!(json("text/html, application/json;q=0.9"));
        assert!(json("*/*"));
        assert!(json("Application/*"));
        assert!(!json("text/html"));
        assert!(!json("application/json;q=0"));
        assert!(!json("application/xml"));
        assert!(accepts("text/*", "text/plain"));
    }
}
