//! APIv3 request signing and response verification. STUB: see the brief.

use std::fmt;

use reqwest::header::HeaderMap;

use crate::runtime::credentials::{Config, WechatPayKeys};
use crate::runtime::crypto::SigningKey;
use crate::runtime::error::VerificationFailure;
use crate::runtime::operation::Method;

/// The largest allowed distance between `Wechatpay-Timestamp` and local time.
pub const MAX_CLOCK_SKEW_SECS: i64 = 300;

/// The source of "now" for signing and verification (injectable in tests).
pub trait Clock: Send + Sync + fmt::Debug + 'static {
    /// Unix time in seconds.
    fn now_unix(&self) -> i64;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix(&self) -> i64 { todo!() }
}

/// A new nonce: 32 characters of `[0-9A-Za-z]` from the OS CSPRNG.
pub fn nonce() -> String { todo!() }

/// The `Authorization` header value for a request.
pub fn authorization(config: &Config, method: Method, target: &str, body: &[u8], timestamp: i64, nonce: &str) -> String {
    let _ = (config, method, target, body, timestamp, nonce);
    todo!()
}

/// Signs a response as WeChat Pay does: base64 of SHA256withRSA over `TIMESTAMP\nNONCE\nBODY\n`.
pub fn sign_response(key: &dyn SigningKey, timestamp: i64, nonce: &str, body: &[u8]) -> String {
    let _ = (key, timestamp, nonce, body);
    todo!()
}

/// Verifies a 2xx response: the four `Wechatpay-*` headers, the timestamp
/// window, the serial and the signature over the raw body.
pub fn verify_response(keys: &WechatPayKeys, headers: &HeaderMap, body: &[u8], now_unix: i64) -> Result<(), VerificationFailure> {
    let _ = (keys, headers, body, now_unix);
    todo!()
}

/// A parsed `Authorization: WECHATPAY2-SHA256-RSA2048 …` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    /// `mchid`
    pub mchid: String,
    /// `nonce_str`
    pub nonce_str: String,
    /// `timestamp`
    pub timestamp: String,
    /// `serial_no`
    pub serial_no: String,
    /// `signature` (base64)
    pub signature: String,
}

impl Authorization {
    /// Parses the header value; `None` when it is not a well-formed APIv3 authorization.
    pub fn parse(header: &str) -> Option<Authorization> { let _ = header; todo!() }
}
