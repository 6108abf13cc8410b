//! The one error type of the crate, and what each kind tells you to do.

use std::fmt;

use crate::generated::ErrorCode;
use crate::runtime::download::DownloadError;
use crate::runtime::validate::ValidationError;

/// Everything that can go wrong, from building a [`Config`](crate::Config)
/// to reading a response. Match on the variant to decide what to do; each
/// `Display` says what happened and what to do about it. No variant ever
/// holds key material or a full signature.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request broke a rule of the spec; nothing was signed or sent.
    #[error("invalid request, nothing was sent: {0}")]
    InvalidRequest(#[from] ValidationError),
    /// The configuration (keys, serials, base URL) is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The request could not be completed over the network.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// WeChat Pay (or a proxy in front of it) answered with an error status.
    /// (Boxed: it carries the whole body, and keeps `Result<T, Error>` small.)
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A 2xx response failed signature verification: treat it as forged.
    #[error(transparent)]
    Verification(#[from] VerificationError),
    /// A verified 2xx response did not match the documented shape.
    /// (Boxed: it carries the raw body.)
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A file download ([`Client::download`](crate::Client::download)) was
    /// refused or failed its checks.
    #[error(transparent)]
    Download(#[from] DownloadError),
    /// A verified response could not be checked against replays because the
    /// store did not answer (e.g. Redis is down), so it was not accepted.
    /// The request reached WeChat Pay and may have taken effect; see
    /// [`ClientBuilder::replay_store_fail_open`](crate::ClientBuilder::replay_store_fail_open).
    #[error(
        "the response verified, but the replay store failed, so it was not accepted (the request reached WeChat Pay): {0}"
    )]
    Store(#[from] crate::runtime::store::StoreError),
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(Box::new(e))
    }
}

impl Error {
    /// Whether the request may have reached WeChat Pay (and so may have taken
    /// effect). `false` only when it surely did not: invalid requests, bad
    /// configuration, and connection failures before any byte was sent.
    pub fn may_have_been_sent(&self) -> bool {
        match self {
            Error::InvalidRequest(_) | Error::Config(_) => false,
            Error::Transport(e) => e.may_have_been_sent,
            Error::Api(_) | Error::Verification(_) | Error::Decode(_) | Error::Store(_) => true,
            Error::Download(e) => !matches!(
                e,
                DownloadError::ForeignUrl { .. }
                    | DownloadError::UnsupportedHash { .. }
                    | DownloadError::IncompleteHash { .. }
            ),
        }
    }

    /// The `Request-ID` of the response, if one was received: quote it to
    /// WeChat Pay support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Verification(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status of the response, if one was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Verification(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }
}

/// A configuration problem found at construction, before any request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {what}: {problem}")]
#[non_exhaustive]
pub struct ConfigError {
    /// What is wrong, e.g. `merchant private key` or `merchant certificate serial`.
    pub what: String,
    /// The rule broken and what to do (never key material).
    pub problem: String,
}

impl ConfigError {
    /// A new configuration error.
    pub fn new(what: impl Into<String>, problem: impl Into<String>) -> Self {
        ConfigError {
            what: what.into(),
            problem: problem.into(),
        }
    }
}

/// Where a transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// DNS resolution or TCP/TLS connection failed: nothing was sent.
    Connect,
    /// The connect or total timeout expired.
    Timeout,
    /// The connection broke while sending the request or reading the response
    /// (reset, truncated body).
    Io,
    /// The response body was larger than the client accepts
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes));
    /// reading stopped there. The request arrived.
    ResponseTooLarge,
    /// Anything else the HTTP stack reported.
    Other,
}

/// The source of a [`TransportKind::ResponseTooLarge`] error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub struct ResponseTooLarge {
    /// The largest body accepted, in bytes.
    pub limit: usize,
    /// The `Content-Length` the server announced, when it was over the limit.
    pub content_length: Option<u64>,
}

impl fmt::Display for ResponseTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.content_length {
            Some(len) => write!(
                f,
                "the response announced a body of {len} bytes, over the limit of {} bytes",
                self.limit
            ),
            None => write!(
                f,
                "the response body grew past the limit of {} bytes, reading stopped",
                self.limit
            ),
        }?;
        f.write_str(" (WeChat Pay's answers are a few KB: is the base URL right, or is a proxy answering? raise ClientBuilder::max_response_bytes only if bigger answers are expected)")
    }
}

/// The request could not be completed over the network.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub struct TransportError {
    /// Where it failed.
    pub kind: TransportKind,
    /// Whether the request may have reached WeChat Pay. When `true`, do not
    /// blindly resend a request that changes state: query its state first.
    pub may_have_been_sent: bool,
    /// The URL that was called (no query string, no secrets).
    pub url: String,
    /// How many attempts were made (failover and retries included).
    pub attempts: u32,
    /// The underlying error.
    #[source]
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportKind::Connect => "could not connect to",
            TransportKind::Timeout => "timed out calling",
            TransportKind::Io => "connection broke while calling",
            TransportKind::ResponseTooLarge => "response too large from",
            TransportKind::Other => "HTTP failure calling",
        };
        write!(
            f,
            "{what} {} after {} attempt(s): {}",
            self.url, self.attempts, self.source
        )?;
        // The full chain: reqwest's top-level message rarely says why.
        let mut cause = self.source.source();
        while let Some(c) = cause {
            write!(f, ": {c}")?;
            cause = c.source();
        }
        if self.may_have_been_sent {
            f.write_str("; the request may have reached WeChat Pay, so query its state before sending it again")
        } else {
            f.write_str("; the request was not sent, so it is safe to retry")
        }
    }
}

/// WeChat Pay, or a proxy in front of it, answered with a non-2xx status.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The `code` of the error body (`Unknown` when it is not a documented
    /// code, or empty when the body was not WeChat Pay JSON).
    pub code: ErrorCode,
    /// The `message` of the error body, or the body text when it was not JSON.
    pub message: String,
    /// The `detail` of the error body, if any, when the body is at most
    /// 8 KiB (a bigger one is not parsed for it).
    pub detail: Option<serde_json::Value>,
    /// The `Request-ID` header, if any: quote it to WeChat Pay support.
    pub request_id: Option<String>,
    /// The raw body, as text (lossy UTF-8), cut at 8 KiB
    /// (with `…` at the end when cut).
    pub body: String,
    /// Whether the body has the shape of WeChat Pay's JSON error
    /// (`{"code": …}`); `false` for e.g. an HTML 502 page from a proxy.
    ///
    /// Unverified: error answers carry no signature, so anything between
    /// the client and WeChat Pay can send such a body. It says what the
    /// body looks like, not who sent it.
    pub wechatpay_json: bool,
    /// The delay the answer asked for in `Retry-After` (seconds or an HTTP
    /// date), if any.
    pub retry_after: Option<std::time::Duration>,
}

/// The most of an error body an [`ApiError`] keeps (and parses `detail`
/// from): 8 KiB. WeChat Pay's error bodies are a few hundred bytes.
pub const MAX_ERROR_BODY_KEPT: usize = 8 * 1024;

/// Text from an unverified answer, shown with control characters escaped
/// (`\n`, `\u{1b}`, …), so that it cannot forge log lines or terminal output.
pub(crate) struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                write!(f, "{}", c.escape_default())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

impl ApiError {
    /// Whether retrying later may succeed, exactly when [`RetryPolicy`]
    /// retries it, decided in this one place: for a code of the spec's
    /// `errors` catalog, its `retry` flag (`SYSTEM_ERROR`,
    /// `FREQUENCY_LIMITED`), when the answer has the documented status or
    /// 429/503; for a code the spec does not know, 429 or 503 (not
    /// processed; wait [`retry_after`](Self::retry_after) if given). A
    /// gateway error (502, 504) is not: the request may have arrived.
    ///
    /// [`RetryPolicy`]: crate::RetryPolicy
    pub fn is_retryable(&self) -> bool {
        let not_processed = self.status == 429 || self.status == 503;
        match self.code.info() {
            Some(info) => info.retry && (info.status == self.status || not_processed),
            None => not_processed,
        }
    }

    /// What to do about this error.
    pub fn advice(&self) -> &'static str {
        match &self.code {
            ErrorCode::SignError => {
                "WeChat Pay could not verify the request signature: check that the merchant private key belongs to the merchant API certificate whose serial is configured, that the mchid is right, and that the local clock is correct"
            }
            ErrorCode::ParamError => "fix the parameter named in the message and send again",
            ErrorCode::InvalidRequest => {
                "the request breaks an APIv3 rule (see the message): fix it before sending again"
            }
            _ if self.is_retryable() && self.status == 429 => {
                "too many requests: slow down and retry later (the request was not processed)"
            }
            _ if self.is_retryable() => {
                "WeChat Pay could not process the request: retry later with the same parameters"
            }
            _ if self.status >= 500 => {
                "a gateway or WeChat Pay failed while the request may have arrived: check its result (query it) before sending it again"
            }
            code => code
                .solution()
                .unwrap_or("see the message and the operation's documentation"),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WeChat Pay answered HTTP {}", self.status)?;
        if !self.code.as_str().is_empty() {
            write!(f, " {}", Escaped(self.code.as_str()))?;
        }
        if !self.message.is_empty() {
            let msg: String = self.message.chars().take(200).collect();
            write!(f, ": {}", Escaped(&msg))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (Request-ID {})", Escaped(id))?;
        }
        write!(f, "; {}", self.advice())
    }
}

/// Which check of response verification failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerificationFailure {
    /// A `Wechatpay-*` header is missing.
    MissingHeader(&'static str),
    /// A `Wechatpay-*` header is present but empty.
    EmptyHeader(&'static str),
    /// A `Wechatpay-*` header appears more than once.
    DuplicateHeader(&'static str),
    /// A `Wechatpay-*` header is not visible ASCII.
    InvalidHeader(&'static str),
    /// `Wechatpay-Timestamp` is not a number of seconds.
    TimestampNotANumber,
    /// `Wechatpay-Timestamp` is too far from the local clock.
    TimestampSkew {
        /// Response timestamp minus local time, in seconds.
        skew_secs: i64,
        /// The largest allowed absolute skew, in seconds.
        max_secs: i64,
    },
    /// `Wechatpay-Serial` names no configured WeChat Pay key.
    UnknownSerial(String),
    /// `Wechatpay-Signature` is not base64.
    SignatureNotBase64,
    /// `Wechatpay-Signature` is a `WECHATPAY/SIGNTEST/` probe: WeChat Pay
    /// checks that merchants reject it.
    ProbeSignature,
    /// The signature does not verify over the timestamp, nonce and body.
    BadSignature,
    /// The response is genuine but answers another request: a field the
    /// spec marks as an echo of the request (`sub_mchid`, `user_id`, …) has
    /// another value. A replayed answer to another call looks like this.
    ResponseMismatch {
        /// The wire name of the field.
        field: &'static str,
        /// What the request sent (`Debug` form).
        sent: String,
        /// What the response says (`Debug` form).
        received: String,
    },
    /// This signed response (its `Wechatpay-Serial`, `-Nonce` and
    /// `-Timestamp`) was already accepted once within the 300 s window: a
    /// replay.
    Replayed,
    /// The platform certificate `Wechatpay-Serial` names is not valid at
    /// the client's clock: expired (past `notAfter`) or not yet valid
    /// (before `notBefore`).
    CertificateNotValid {
        /// The certificate serial.
        serial: String,
        /// Its `notBefore`, Unix seconds.
        not_before: i64,
        /// Its `notAfter`, Unix seconds.
        not_after: i64,
        /// The client's clock, Unix seconds.
        now: i64,
    },
    /// The answer was signed before its request could have reached WeChat
    /// Pay (allowing for WeChat Pay's clock offset, learned from earlier
    /// answers, and [`ANSWER_AGE_TOLERANCE_SECS`](crate::ANSWER_AGE_TOLERANCE_SECS)):
    /// a genuine answer to an earlier request, replayed. It is how the
    /// client refuses an answer that repeats nothing of the request that
    /// tells two requests apart (the revoke answer names no `employee_id`).
    AnswerPredatesRequest {
        /// Its signed `Wechatpay-Timestamp`, Unix seconds (WeChat Pay's clock).
        signed_at: i64,
        /// The earliest timestamp a genuine answer could carry.
        earliest: i64,
    },
    /// The body is plainly the answer of another operation: it has every
    /// required field of `operation`'s answer, one of which this operation
    /// never answers with (the spec's response fields, in the generated
    /// answer shapes). A genuine answer to another call, replayed.
    OtherOperation {
        /// The operation whose answer it is.
        operation: &'static str,
    },
}

/// A 2xx response failed signature verification. Treat it as forged: its body
/// was not parsed and must not be trusted.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub struct VerificationError {
    /// The check that failed.
    pub failure: VerificationFailure,
    /// The HTTP status of the rejected response.
    pub status: u16,
    /// The `Request-ID` header, if any.
    pub request_id: Option<String>,
}

impl fmt::Display for VerificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "response rejected as forged (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", Request-ID {}", Escaped(id))?;
        }
        f.write_str("): ")?;
        match &self.failure {
            VerificationFailure::MissingHeader(h) => write!(
                f,
                "header {h} is missing; a genuine 2xx from WeChat Pay is always signed, so something between you and WeChat Pay answered"
            ),
            VerificationFailure::EmptyHeader(h) => write!(f, "header {h} is empty"),
            VerificationFailure::DuplicateHeader(h) => write!(f, "header {h} appears more than once"),
            VerificationFailure::InvalidHeader(h) => write!(f, "header {h} is not visible ASCII"),
            VerificationFailure::TimestampNotANumber => {
                f.write_str("Wechatpay-Timestamp is not a Unix time in seconds")
            }
            VerificationFailure::TimestampSkew { skew_secs, max_secs } => write!(
                f,
                "Wechatpay-Timestamp is {skew_secs} s from the local clock (at most {max_secs} s allowed): a replayed response, or the local clock is wrong (check NTP)"
            ),
            VerificationFailure::UnknownSerial(s) => write!(
                f,
                "Wechatpay-Serial {s:?} names no configured WeChat Pay key: add that WeChat Pay public key (or platform certificate) to the config"
            ),
            VerificationFailure::SignatureNotBase64 => {
                f.write_str("Wechatpay-Signature is not base64")
            }
            VerificationFailure::ProbeSignature => f.write_str(
                "Wechatpay-Signature is a WECHATPAY/SIGNTEST/ probe, which WeChat Pay sends to check that responses are verified; rejecting it is correct",
            ),
            VerificationFailure::BadSignature => f.write_str(
                "the signature does not match the body: the response was altered, or the configured WeChat Pay key for this serial is wrong",
            ),
            VerificationFailure::ResponseMismatch {
                field,
                sent,
                received,
            } => write!(
                f,
                "the signed response answers another request: its {field} is {received}, but the request sent {sent} (a genuine answer replayed to this call)"
            ),
            VerificationFailure::Replayed => f.write_str(
                "this signed response (Wechatpay-Serial, -Nonce and -Timestamp) was already accepted once: a replay",
            ),
            VerificationFailure::CertificateNotValid {
                serial,
                not_before,
                not_after,
                now,
            } => {
                let state = if now < not_before { "not valid before" } else { "expired at" };
                let when = if now < not_before { not_before } else { not_after };
                write!(
                    f,
                    "platform certificate {} is {state} Unix time {when} (now {now}): configure or download a current one",
                    Escaped(serial)
                )
            }
            VerificationFailure::AnswerPredatesRequest { signed_at, earliest } => write!(
                f,
                "the signed response was signed at Unix time {signed_at} (WeChat Pay's clock), before this request could reach WeChat Pay (not before {earliest}): a genuine answer to an earlier request, replayed"
            ),
            VerificationFailure::OtherOperation { operation } => write!(
                f,
                "the signed response is the answer of {operation}, not of this operation: a genuine answer to another call, replayed"
            ),
        }
    }
}

/// A verified 2xx response whose body does not match the documented shape.
#[derive(Debug, thiserror::Error)]
#[error("could not decode the HTTP {status} response body{}: {}; raw body kept in the error", request_id.as_ref().map(|id| format!(" (Request-ID {})", Escaped(id))).unwrap_or_default(), Escaped(message))]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status.
    pub status: u16,
    /// The `Request-ID` header, if any.
    pub request_id: Option<String>,
    /// The JSON path of the field at fault, if known (e.g. `expire_time`).
    pub field: Option<String>,
    /// What the decoder said.
    pub message: String,
    /// The raw body, as text (lossy UTF-8).
    pub body: String,
}
