//! Fault injection: what a misbehaving WeChat Pay (or network, or proxy) can
//! do to a response, and how the simulator picks the fault for a request.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::SimResponse;
use crate::generated::ErrorCode;

/// A hook over a fully signed response, see [`Fault::Mutate`].
pub type MutateFn = Arc<dyn Fn(&mut SimResponse) + Send + Sync>;

/// A way for the simulator to misbehave on one request.
///
/// Every fault is applied after the request has been fully read and routed
/// (a request to an unknown path still gets its 404, and the fault is used
/// up), and is recorded with the request. Unless said otherwise the request is processed normally first
/// (so an `apply_authorization` issues a link, a `revoke_authorization`
/// revokes) and only the answer is spoiled, as when a response is lost or
/// altered on its way back. Faults that alter the response signature
/// (`TamperBody`, `SignWithOtherKey`, `UnknownSerial`, `SerialOf`,
/// `TimestampOffset`, `ProbeSignature`, `StripSignatureHeaders`) only change
/// signed (2xx) responses; on an error response they do nothing but are still
/// consumed and recorded.
#[derive(Clone)]
#[non_exhaustive]
pub enum Fault {
    /// Changes one byte of the signed body (a character inside a JSON string
    /// value, so the body stays valid JSON) and keeps the original signature.
    TamperBody,
    /// Replaces the body with these bytes and keeps the original signature
    /// (`Content-Length` follows the new body).
    ReplaceBody(Vec<u8>),
    /// Signs with a key that is not the one `Wechatpay-Serial` names (see
    /// [`OTHER_KEY_PEM`](super::OTHER_KEY_PEM)).
    SignWithOtherKey,
    /// Signs with the right key but names a serial the client has never seen
    /// ([`UNKNOWN_SERIAL`](super::UNKNOWN_SERIAL)) in `Wechatpay-Serial`.
    UnknownSerial,
    /// Signs with the key the request asked for, but names this serial in
    /// `Wechatpay-Serial`.
    SerialOf(String),
    /// Signs correctly, over a timestamp this many seconds away from the
    /// simulator's clock (negative: stale, positive: from the future).
    TimestampOffset(i64),
    /// Replaces `Wechatpay-Signature` with a `WECHATPAY/SIGNTEST/` probe, as
    /// WeChat Pay does to check that merchants verify responses.
    ProbeSignature,
    /// Removes every `Wechatpay-*` signature header (`Wechatpay-Timestamp`,
    /// `-Nonce`, `-Signature`, `-Serial`, `-Signature-Type`).
    StripSignatureHeaders,
    /// Answers with this status and a WeChat Pay JSON error body
    /// `{"code": code, "message": message}` (with `Request-ID`, unsigned)
    /// instead of processing the request: e.g. 500 `SYSTEM_ERROR`, 429
    /// `FREQUENCY_LIMITED`. The request does not take effect.
    Status {
        /// The HTTP status.
        status: u16,
        /// The `code` of the error body.
        code: String,
        /// The `message` of the error body.
        message: String,
    },
    /// Answers `502 Bad Gateway` with a `text/html` page and no `Request-ID`,
    /// like a proxy in front of WeChat Pay. The request does not take effect.
    BadGatewayHtml,
    /// Waits this long before answering (use more than the client timeout to
    /// provoke a timeout). The request takes effect before the wait.
    Delay(Duration),
    /// Resets the connection (TCP RST: `SO_LINGER` 0, then close) without
    /// answering. The request takes effect; the answer is lost.
    ResetConnection,
    /// Sends the status line and headers with the full `Content-Length`, then
    /// half of the body, then closes the connection. The request takes effect.
    TruncateBody,
    /// Closes the connection (FIN) without answering. The request takes effect.
    CloseWithoutResponse,
    /// Calls the hook on the fully built and signed response (status, ordered
    /// headers with duplicates allowed, body) before it is written, for
    /// table-driven tampering tests.
    Mutate(MutateFn),
}

impl Fault {
    /// The answer of a code of the spec's `errors` catalog, with the
    /// catalog's status and description.
    pub fn error(code: ErrorCode) -> Fault {
        Fault::Status {
            status: code.status().unwrap_or(500),
            message: code.description().unwrap_or_default().to_owned(),
            code: code.as_str().to_owned(),
        }
    }

    /// A 500 `SYSTEM_ERROR`, as WeChat Pay answers when it fails internally.
    pub fn system_error() -> Fault {
        Fault::error(ErrorCode::SystemError)
    }

    /// A 429 `FREQUENCY_LIMITED`, as WeChat Pay answers when called too often.
    pub fn frequency_limited() -> Fault {
        Fault::error(ErrorCode::FrequencyLimited)
    }

    /// A [`Fault::Mutate`] from a closure.
    pub fn mutate(f: impl Fn(&mut SimResponse) + Send + Sync + 'static) -> Fault {
        Fault::Mutate(Arc::new(f))
    }

    /// A short name for logs and reports, e.g. `TamperBody`.
    pub fn name(&self) -> &'static str {
        match self {
            Fault::TamperBody => "TamperBody",
            Fault::ReplaceBody(_) => "ReplaceBody",
            Fault::SignWithOtherKey => "SignWithOtherKey",
            Fault::UnknownSerial => "UnknownSerial",
            Fault::SerialOf(_) => "SerialOf",
            Fault::TimestampOffset(_) => "TimestampOffset",
            Fault::ProbeSignature => "ProbeSignature",
            Fault::StripSignatureHeaders => "StripSignatureHeaders",
            Fault::Status { .. } => "Status",
            Fault::BadGatewayHtml => "BadGatewayHtml",
            Fault::Delay(_) => "Delay",
            Fault::ResetConnection => "ResetConnection",
            Fault::TruncateBody => "TruncateBody",
            Fault::CloseWithoutResponse => "CloseWithoutResponse",
            Fault::Mutate(_) => "Mutate",
        }
    }
}

impl fmt::Debug for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::ReplaceBody(b) => f
                .debug_tuple("ReplaceBody")
                .field(&String::from_utf8_lossy(b))
                .finish(),
            Fault::SerialOf(s) => f.debug_tuple("SerialOf").field(s).finish(),
            Fault::TimestampOffset(s) => f.debug_tuple("TimestampOffset").field(s).finish(),
            Fault::Status {
                status,
                code,
                message,
            } => f
                .debug_struct("Status")
                .field("status", status)
                .field("code", code)
                .field("message", message)
                .finish(),
            Fault::Delay(d) => f.debug_tuple("Delay").field(d).finish(),
            Fault::Mutate(_) => f.write_str("Mutate(..)"),
            other => f.write_str(other.name()),
        }
    }
}

/// SplitMix64: a tiny deterministic generator, good enough to pick faults.
#[derive(Clone, Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in `[0, 1)`.
    fn next_f64(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Clone, Debug)]
struct RandomFaults {
    rate: f64,
    faults: Vec<Fault>,
    rng: SplitMix64,
}

/// The faults waiting to be applied: a queue for the next requests, then a
/// seeded random share of all requests.
#[derive(Debug, Default)]
pub(crate) struct FaultPlan {
    queue: VecDeque<Fault>,
    random: Option<RandomFaults>,
}

impl FaultPlan {
    pub(crate) fn push(&mut self, fault: Fault, times: usize) {
        self.queue.extend(std::iter::repeat_n(fault, times));
    }

    pub(crate) fn set_rate(&mut self, rate: f64, faults: Vec<Fault>, seed: u64) {
        let rate = if rate.is_nan() {
            0.0
        } else {
            rate.clamp(0.0, 1.0)
        };
        self.random = (rate > 0.0 && !faults.is_empty()).then(|| RandomFaults {
            rate,
            faults,
            rng: SplitMix64(seed),
        });
    }

    pub(crate) fn clear(&mut self) {
        self.queue.clear();
        self.random = None;
    }

    pub(crate) fn pending(&self) -> usize {
        self.queue.len()
    }

    /// The fault for the next request, if any.
    pub(crate) fn next(&mut self) -> Option<Fault> {
        if let Some(f) = self.queue.pop_front() {
            return Some(f);
        }
        let random = self.random.as_mut()?;
        // Two draws per request whatever the outcome, so the sequence of
        // decisions depends only on the seed and the number of requests.
        let hit = random.rng.next_f64() < random.rate;
        let pick = random.rng.next();
        if !hit {
            return None;
        }
        let len = random.faults.len() as u64;
        let index = usize::try_from(pick % len).unwrap_or(0);
        random.faults.get(index).cloned()
    }
}

/// Changes one byte of a JSON body without breaking it: the middle
/// alphanumeric character of the first string value (swapping letter case,
/// or moving a digit by one). Falls back to flipping the lowest bit of the
/// middle byte, or appending a space to an empty body.
pub(crate) fn tamper_body(body: &mut Vec<u8>) {
    if let Some(i) = pick_value_byte(body) {
        let b = body[i];
        body[i] = match b {
            b'0'..=b'8' => b + 1,
            b'9' => b'0',
            b if b.is_ascii_lowercase() => b.to_ascii_uppercase(),
            b => b.to_ascii_lowercase(),
        };
    } else if body.is_empty() {
        body.push(b' ');
    } else {
        let mid = body.len() / 2;
        body[mid] ^= 1;
    }
}

/// The index of the middle alphanumeric byte of the first JSON string value.
fn pick_value_byte(body: &[u8]) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    let mut is_value = false;
    let mut start = 0;
    let mut last_token = 0u8;
    for (i, &b) in body.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                if is_value {
                    let candidates: Vec<usize> = (start..i)
                        .filter(|&j| body[j].is_ascii_alphanumeric())
                        .collect();
                    if !candidates.is_empty() {
                        return Some(candidates[candidates.len() / 2]);
                    }
                }
                last_token = b'"';
            }
        } else if b == b'"' {
            in_string = true;
            is_value = last_token == b':';
            start = i + 1;
        } else if !b.is_ascii_whitespace() {
            last_token = b;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tamper_keeps_json_valid_and_changes_one_value_byte() {
        let original = br#"{"sp_mchid":"1900000001","user_id":"employee123"}"#.to_vec();
        let mut body = original.clone();
        tamper_body(&mut body);
        assert_ne!(body, original);
        assert_eq!(body.len(), original.len());
        let diff = body.iter().zip(&original).filter(|(a, b)| a != b).count();
        assert_eq!(diff, 1);
        let v: serde_json::Value = serde_json::from_slice(&body).expect("still JSON");
        assert_ne!(v["sp_mchid"], "1900000001");

        let mut empty = Vec::new();
        tamper_body(&mut empty);
        assert_eq!(empty, b" ");
        let mut junk = b"{}".to_vec();
        tamper_body(&mut junk);
        assert_ne!(junk, b"{}");
    }

    #[test]
    fn random_plan_is_deterministic_and_respects_rate() {
        let run = |seed| {
            let mut plan = FaultPlan::default();
            plan.set_rate(0.25, vec![Fault::TamperBody, Fault::ResetConnection], seed);
            (0..10_000)
                .map(|_| plan.next().map(|f| f.name()))
                .collect::<Vec<_>>()
        };
        let a = run(7);
        assert_eq!(a, run(7));
        assert_ne!(a, run(8));
        let hits = a.iter().filter(|f| f.is_some()).count();
        assert!((2_200..2_800).contains(&hits), "{hits}");
        assert!(a.contains(&Some("TamperBody")) && a.contains(&Some("ResetConnection")));
    }

    #[test]
    fn queue_comes_first() {
        let mut plan = FaultPlan::default();
        plan.set_rate(1.0, vec![Fault::TamperBody], 1);
        plan.push(Fault::ProbeSignature, 2);
        assert_eq!(plan.pending(), 2);
        assert_eq!(plan.next().map(|f| f.name()), Some("ProbeSignature"));
        assert_eq!(plan.next().map(|f| f.name()), Some("ProbeSignature"));
        assert_eq!(plan.next().map(|f| f.name()), Some("TamperBody"));
        plan.set_rate(f64::NAN, vec![Fault::TamperBody], 1);
        assert!(plan.next().is_none());
        plan.push(Fault::TamperBody, 1);
        plan.clear();
        assert!(plan.next().is_none());
    }
}
