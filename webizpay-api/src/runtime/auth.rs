//! APIv3 request signing and response verification.
//!
//! Requests carry `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",
//! nonce_str="…",timestamp="…",serial_no="…",signature="…"`, where the
//! signature is SHA256withRSA over `METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n`.
//! 2xx responses carry `Wechatpay-Timestamp`, `Wechatpay-Nonce`,
//! `Wechatpay-Signature` and `Wechatpay-Serial`, the signature being over
//! `TIMESTAMP\nNONCE\nBODY\n` on the raw body bytes.

use std::fmt;
use std::io::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::header::HeaderMap;

use crate::runtime::credentials::{Config, WechatPayKeys};
use crate::runtime::crypto::MAX_SIGNATURE_LEN;
#[cfg(any(feature = "simulator", feature = "__internal"))]
use crate::runtime::crypto::{SigningKey, VerifyingKey};
use crate::runtime::error::VerificationFailure;
use crate::runtime::operation::Method;

/// The largest allowed distance between `Wechatpay-Timestamp` and local time.
pub const MAX_CLOCK_SKEW_SECS: i64 = 300;

/// The `Authorization` scheme of APIv3.
pub const SCHEME: &str = "WECHATPAY2-SHA256-RSA2048";
/// The response header with the signing time (Unix seconds).
pub const HEADER_TIMESTAMP: &str = "Wechatpay-Timestamp";
/// The response header with the signing nonce.
pub const HEADER_NONCE: &str = "Wechatpay-Nonce";
/// The response header with the base64 signature.
pub const HEADER_SIGNATURE: &str = "Wechatpay-Signature";
/// The header naming the WeChat Pay key (in responses: the key that signed;
/// in requests: the key the merchant expects).
pub const HEADER_SERIAL: &str = "Wechatpay-Serial";
/// The prefix of the probe signatures WeChat Pay sends to check that
/// merchants verify responses.
pub const PROBE_SIGNATURE_PREFIX: &str = "WECHATPAY/SIGNTEST/";
/// The length of a [`nonce`].
pub const NONCE_LEN: usize = 32;

/// The source of "now" for signing and verification (injectable in tests).
pub trait Clock: Send + Sync + fmt::Debug + 'static {
    /// Unix time in seconds.
    fn now_unix(&self) -> i64;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix(&self) -> i64 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
        }
    }
}

const NONCE_ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A new nonce: 32 characters of `[0-9A-Za-z]` from the OS CSPRNG.
///
/// Each character is uniform: random bytes of 248 or more are rejected
/// (248 = 4 × 62), the rest are taken modulo 62.
///
/// # Panics
///
/// If the operating system's random number generator fails, which leaves no
/// safe way to sign.
pub fn nonce() -> String {
    let mut out = [0u8; NONCE_LEN];
    let mut filled = 0;
    // 48 bytes give 32 accepted ones with overwhelming probability (each is
    // rejected with probability 8/256).
    let mut random = [0u8; 48];
    while filled < NONCE_LEN {
        getrandom::fill(&mut random).expect("the OS random number generator failed");
        for &b in &random {
            if b < 248 {
                out[filled] = NONCE_ALPHABET[usize::from(b % 62)];
                filled += 1;
                if filled == NONCE_LEN {
                    break;
                }
            }
        }
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// Writes `part\n` for each part into one buffer of the exact size.
fn signed_message(parts: &[&[u8]]) -> Vec<u8> {
    let len = parts.iter().map(|p| p.len() + 1).sum();
    let mut message = Vec::with_capacity(len);
    for part in parts {
        message.extend_from_slice(part);
        message.push(b'\n');
    }
    message
}

/// `timestamp` in decimal, without allocating.
fn decimal(timestamp: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut cursor = std::io::Cursor::new(&mut buf[..]);
    write!(cursor, "{timestamp}").expect("an i64 fits in 20 bytes");
    let len = usize::try_from(cursor.position()).unwrap_or(0);
    &buf[..len]
}

/// The `Authorization` header value for a request.
///
/// `target` is the request target exactly as sent (path and `?query`),
/// `body` the exact body bytes (empty for none), `timestamp` Unix seconds and
/// `nonce` a fresh [`nonce`].
pub fn authorization(
    config: &Config,
    method: Method,
    target: &str,
    body: &[u8],
    timestamp: i64,
    nonce: &str,
) -> String {
    let mut ts = [0u8; 20];
    let ts = decimal(timestamp, &mut ts);
    let message = signed_message(&[
        method.as_str().as_bytes(),
        target.as_bytes(),
        ts,
        nonce.as_bytes(),
        body,
    ]);
    let signature = config.signer.sign(&message);

    let mchid = config.mchid();
    let serial = config.merchant_serial();
    let mut header = String::with_capacity(
        SCHEME.len()
            + 70
            + mchid.len()
            + nonce.len()
            + ts.len()
            + serial.len()
            + base64::encoded_len(signature.len(), true).unwrap_or(0),
    );
    header.push_str(SCHEME);
    header.push_str(" mchid=\"");
    header.push_str(mchid);
    header.push_str("\",nonce_str=\"");
    header.push_str(nonce);
    header.push_str("\",timestamp=\"");
    // `ts` is ASCII digits.
    header.extend(ts.iter().map(|&b| char::from(b)));
    header.push_str("\",serial_no=\"");
    header.push_str(serial);
    header.push_str("\",signature=\"");
    STANDARD.encode_string(&signature, &mut header);
    header.push('"');
    header
}

#[cfg(any(feature = "simulator", feature = "__internal"))]
/// Signs a response as WeChat Pay does: base64 of SHA256withRSA over `TIMESTAMP\nNONCE\nBODY\n`.
pub fn sign_response(key: &dyn SigningKey, timestamp: i64, nonce: &str, body: &[u8]) -> String {
    let mut ts = [0u8; 20];
    let ts = decimal(timestamp, &mut ts);
    let message = signed_message(&[ts, nonce.as_bytes(), body]);
    STANDARD.encode(key.sign(&message))
}

/// The one value of a `Wechatpay-*` header, checked.
fn single_header<'a>(
    headers: &'a HeaderMap,
    name: &'static str,
) -> Result<&'a str, VerificationFailure> {
    let mut values = headers.get_all(name).iter();
    let value = values
        .next()
        .ok_or(VerificationFailure::MissingHeader(name))?;
    if values.next().is_some() {
        return Err(VerificationFailure::DuplicateHeader(name));
    }
    let bytes = value.as_bytes();
    if bytes.iter().all(|&b| b == b' ' || b == b'\t') {
        return Err(VerificationFailure::EmptyHeader(name));
    }
    if !bytes.iter().all(u8::is_ascii_graphic) {
        return Err(VerificationFailure::InvalidHeader(name));
    }
    value
        .to_str()
        .map_err(|_| VerificationFailure::InvalidHeader(name))
}

/// Decodes a base64 signature into `buf`; `None` when it is not base64.
/// A valid base64 string too long for any accepted key decodes to an empty
/// slice (which then fails verification).
fn decode_signature<'b>(
    signature: &str,
    buf: &'b mut [u8; MAX_SIGNATURE_LEN + 4],
) -> Option<&'b [u8]> {
    match STANDARD.decode_slice(signature, buf) {
        Ok(len) => Some(&buf[..len]),
        Err(base64::DecodeSliceError::OutputSliceTooSmall) => {
            // Rare: classify the oversized value.
            STANDARD.decode(signature).ok().map(|_| &buf[..0])
        }
        Err(base64::DecodeSliceError::DecodeError(_)) => None,
    }
}

/// Verifies a 2xx response: the four `Wechatpay-*` headers, the timestamp
/// window, the serial and the signature over the raw body.
///
/// Checks, in order: each header present once, non-empty and visible ASCII
/// (timestamp, nonce, signature, serial); the signature is not a
/// `WECHATPAY/SIGNTEST/` probe; the timestamp a number within
/// [`MAX_CLOCK_SKEW_SECS`] of `now_unix` (exactly 300 s passes); the serial
/// names a configured key; the signature is base64 and verifies over
/// `TIMESTAMP\nNONCE\nBODY\n`.
pub fn verify_response(
    keys: &WechatPayKeys,
    headers: &HeaderMap,
    body: &[u8],
    now_unix: i64,
) -> Result<(), VerificationFailure> {
    let timestamp = single_header(headers, HEADER_TIMESTAMP)?;
    let nonce = single_header(headers, HEADER_NONCE)?;
    let signature = single_header(headers, HEADER_SIGNATURE)?;
    let serial = single_header(headers, HEADER_SERIAL)?;

    // A probe is a probe whatever its timestamp or serial: say so first.
    if signature.starts_with(PROBE_SIGNATURE_PREFIX) {
        return Err(VerificationFailure::ProbeSignature);
    }

    if !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(VerificationFailure::TimestampNotANumber);
    }
    let signed_at: i64 = timestamp
        .parse()
        .map_err(|_| VerificationFailure::TimestampNotANumber)?;
    let skew = signed_at.saturating_sub(now_unix);
    if skew.unsigned_abs() > MAX_CLOCK_SKEW_SECS.unsigned_abs() {
        return Err(VerificationFailure::TimestampSkew {
            skew_secs: skew,
            max_secs: MAX_CLOCK_SKEW_SECS,
        });
    }

    let key = keys.get_valid(serial, now_unix)?;

    let mut buf = [0u8; MAX_SIGNATURE_LEN + 4];
    let signature =
        decode_signature(signature, &mut buf).ok_or(VerificationFailure::SignatureNotBase64)?;

    let message = signed_message(&[timestamp.as_bytes(), nonce.as_bytes(), body]);
    if key.verify(&message, signature) {
        Ok(())
    } else {
        Err(VerificationFailure::BadSignature)
    }
}

#[cfg(any(feature = "simulator", feature = "__internal"))]
/// Verifies the signature of a request as WeChat Pay does (for the
/// simulator): base64-decodes `auth.signature` and checks it with `key` over
/// `METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n`, taking the timestamp and
/// nonce from `auth`. Checks neither the timestamp window nor the serial.
pub fn verify_request_signature(
    key: &dyn VerifyingKey,
    method: &str,
    target: &str,
    body: &[u8],
    auth: &Authorization,
) -> bool {
    let mut buf = [0u8; MAX_SIGNATURE_LEN + 4];
    let Some(signature) = decode_signature(&auth.signature, &mut buf) else {
        return false;
    };
    let message = signed_message(&[
        method.as_bytes(),
        target.as_bytes(),
        auth.timestamp.as_bytes(),
        auth.nonce_str.as_bytes(),
        body,
    ]);
    key.verify(&message, signature)
}

#[cfg(any(feature = "simulator", feature = "__internal"))]
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

#[cfg(feature = "__internal")]
impl Authorization {
    /// Parses the header value; `None` when it is not a well-formed APIv3 authorization.
    ///
    /// Strict: the scheme `WECHATPAY2-SHA256-RSA2048`, one space, then exactly
    /// the five `key="value"` pairs `mchid`, `nonce_str`, `timestamp`,
    /// `serial_no`, `signature` separated by `,` (no spaces), in any order,
    /// each once, with non-empty values of visible ASCII without `"`.
    pub fn parse(header: &str) -> Option<Authorization> {
        let mut rest = header.strip_prefix(SCHEME)?.strip_prefix(' ')?;
        let mut fields: [Option<&str>; 5] = [None; 5];
        loop {
            let (key, after_key) = rest.split_once("=\"")?;
            let (value, after_value) = after_key.split_once('"')?;
            let slot = match key {
                "mchid" => 0,
                "nonce_str" => 1,
                "timestamp" => 2,
                "serial_no" => 3,
                "signature" => 4,
                _ => return None,
            };
            if value.is_empty()
                || !value.bytes().all(|b| b.is_ascii_graphic())
                || fields[slot].is_some()
            {
                return None;
            }
            fields[slot] = Some(value);
            if after_value.is_empty() {
                break;
            }
            rest = after_value.strip_prefix(',')?;
        }
        let [
            Some(mchid),
            Some(nonce_str),
            Some(timestamp),
            Some(serial_no),
            Some(signature),
        ] = fields
        else {
            return None;
        };
        Some(Authorization {
            mchid: mchid.to_owned(),
            nonce_str: nonce_str.to_owned(),
            timestamp: timestamp.to_owned(),
            serial_no: serial_no.to_owned(),
            signature: signature.to_owned(),
        })
    }
}

#[cfg(any(feature = "simulator", feature = "__internal"))]
impl fmt::Display for Authorization {
    /// The header value, in the canonical field order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{SCHEME} mchid=\"{}\",nonce_str=\"{}\",timestamp=\"{}\",serial_no=\"{}\",signature=\"{}\"",
            self.mchid, self.nonce_str, self.timestamp, self.serial_no, self.signature
        )
    }
}
