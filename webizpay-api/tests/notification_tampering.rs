//! Proof under attack for callback notifications: a table of manipulations
//! of a genuine notification, each verified by `NotificationVerifier` on both
//! crypto backends and refused with its exact `NotificationError` and reply
//! status, none accepted. Positive controls (the genuine notification, the
//! ±300 s edges of the window, another event type, an unknown event type)
//! prove the table can accept.
//!
//! The notifications are built here, as WeChat Pay builds them (no HTTP):
//! the envelope `{id, create_time, resource_type, event_type, summary,
//! resource}` whose resource is encrypted with AEAD_AES_256_GCM under the
//! simulator's APIv3 key, the body signed with the WeChat Pay key, and the
//! four `Wechatpay-*` headers. A row that changes the body after signing
//! either keeps the old signature (the signature check must catch it) or is
//! re-signed with the WeChat Pay key (the checks behind the signature must).

use std::sync::{Arc, LazyLock};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::{
    HEADER_NONCE, HEADER_SERIAL, HEADER_SIGNATURE, HEADER_TIMESTAMP, MAX_CLOCK_SKEW_SECS,
    sign_response,
};
use webizpay_api::__internal::crypto::SigningKey;
use webizpay_api::simulator::{
    DEFAULT_APIV3_KEY, DEFAULT_MCHID, DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL,
    MERCHANT_PRIVATE_KEY_PEM, OTHER_KEY_PEM, UNKNOWN_SERIAL, WECHATPAY_PRIVATE_KEY_PEM,
    WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{
    AeadError, ApiV3Key, Backend, Clock, Config, Event, Notification, NotificationError,
    NotificationVerifier, VerificationFailure,
};

/// The verifier's "now", and the genuine notification's signing time.
const NOW: i64 = 1_747_000_000;
/// The genuine signature's nonce (`Wechatpay-Nonce`).
const SIG_NONCE: &str = "c5ac7061fccab6bf3e254dcf98995b8c";
/// The genuine resource's AEAD nonce (12 bytes).
const AEAD_NONCE: &str = "fUK2v7xS1fyq";
const ASSOCIATED_DATA: &str = "webizpay";
const ID: &str = "EV-2018022511223320873";
const EVENT_TYPE: &str = "WEBIZPAY.AUTHORIZED";
const SUMMARY: &str = "授权关系建立";
const EMPLOYEE_ID: &str = "WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c";
/// Another 32-byte APIv3 key (not the merchant's).
const OTHER_APIV3_KEY: &str = "Z9y8X7w6V5u4T3s2R1q0PpOoNnMmLlKk";

const TS: &str = HEADER_TIMESTAMP;
const NONCE: &str = HEADER_NONCE;
const SIG: &str = HEADER_SIGNATURE;
const SERIAL: &str = HEADER_SERIAL;
const SIGNATURE_HEADERS: [&str; 4] = [TS, NONCE, SIG, SERIAL];

/// A clock fixed at [`NOW`], so that timestamp skews are exact.
#[derive(Debug)]
struct Fixed(i64);

impl Clock for Fixed {
    fn now_unix(&self) -> i64 {
        self.0
    }
}

static WECHATPAY_KEY: LazyLock<Box<dyn SigningKey>> = LazyLock::new(|| {
    Backend::default()
        .signing_key_from_pem(WECHATPAY_PRIVATE_KEY_PEM)
        .expect("the WeChat Pay private key")
});

static OTHER_KEY: LazyLock<Box<dyn SigningKey>> = LazyLock::new(|| {
    Backend::default()
        .signing_key_from_pem(OTHER_KEY_PEM)
        .expect("the other private key")
});

fn apiv3_key(text: &str) -> [u8; 32] {
    text.as_bytes().try_into().expect("a 32-byte APIv3 key")
}

/// `NOW` in Beijing time, RFC 3339, as WeChat Pay writes `create_time`.
fn beijing(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .expect("a valid time")
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("+08:00"))
        .to_rfc3339()
}

fn authorized_resource() -> Value {
    json!({
        "sp_mchid": DEFAULT_MCHID,
        "sub_mchid": "43214321",
        "user_id": "employee123",
        "employee_id": EMPLOYEE_ID,
        "authorization_time": beijing(NOW - 10),
    })
}

/// Everything a notification is made of; `genuine()` then one change, then
/// `body()` encrypts and serializes it.
#[derive(Clone)]
struct Parts {
    id: String,
    create_time: String,
    resource_type: String,
    event_type: String,
    summary: String,
    original_type: String,
    algorithm: String,
    /// `resource.associated_data` as written in the envelope.
    associated_data: String,
    /// `resource.nonce` as written in the envelope.
    nonce: String,
    /// The bytes encrypted.
    plaintext: Vec<u8>,
    /// What the resource is actually encrypted with (the genuine
    /// notification: the APIv3 key and the envelope's nonce and data).
    seal_key: [u8; 32],
    seal_associated_data: String,
    seal_nonce: String,
}

impl Parts {
    fn genuine() -> Parts {
        Parts {
            id: ID.to_owned(),
            create_time: beijing(NOW),
            resource_type: "encrypt-resource".to_owned(),
            event_type: EVENT_TYPE.to_owned(),
            summary: SUMMARY.to_owned(),
            original_type: "webizpay".to_owned(),
            algorithm: "AEAD_AES_256_GCM".to_owned(),
            associated_data: ASSOCIATED_DATA.to_owned(),
            nonce: AEAD_NONCE.to_owned(),
            plaintext: authorized_resource().to_string().into_bytes(),
            seal_key: apiv3_key(DEFAULT_APIV3_KEY),
            seal_associated_data: ASSOCIATED_DATA.to_owned(),
            seal_nonce: AEAD_NONCE.to_owned(),
        }
    }

    fn with(mut self, change: impl FnOnce(&mut Parts)) -> Parts {
        change(&mut self);
        self
    }

    /// The resource's ciphertext (with its 16-byte tag).
    fn sealed(&self) -> Vec<u8> {
        Backend::default()
            .aes_256_gcm_encrypt(
                &self.seal_key,
                self.seal_nonce.as_bytes(),
                self.seal_associated_data.as_bytes(),
                &self.plaintext,
            )
            .expect("a 12-byte seal nonce")
    }

    /// The envelope with `ciphertext` (base64 text) as `resource.ciphertext`.
    fn envelope_with(&self, ciphertext: &str) -> Value {
        json!({
            "id": self.id,
            "create_time": self.create_time,
            "resource_type": self.resource_type,
            "event_type": self.event_type,
            "summary": self.summary,
            "resource": {
                "original_type": self.original_type,
                "algorithm": self.algorithm,
                "ciphertext": ciphertext,
                "associated_data": self.associated_data,
                "nonce": self.nonce,
            },
        })
    }

    fn envelope(&self) -> Value {
        self.envelope_with(&BASE64.encode(self.sealed()))
    }

    /// The envelope with its raw ciphertext changed by `edit` first.
    fn envelope_with_ciphertext(&self, edit: impl FnOnce(&mut Vec<u8>)) -> Value {
        let mut ciphertext = self.sealed();
        edit(&mut ciphertext);
        self.envelope_with(&BASE64.encode(ciphertext))
    }

    fn body(&self) -> Vec<u8> {
        to_body(&self.envelope())
    }
}

fn to_body(envelope: &Value) -> Vec<u8> {
    serde_json::to_vec(envelope).expect("JSON")
}

/// What the merchant's endpoint receives: headers (in order) and the body.
#[derive(Clone, Debug)]
struct Wire {
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Wire {
    /// `body` signed by the WeChat Pay key at `NOW`, as WeChat Pay sends it.
    fn signed(body: Vec<u8>) -> Wire {
        Wire::signed_by(&**WECHATPAY_KEY, NOW, body)
    }

    fn signed_by(key: &dyn SigningKey, timestamp: i64, body: Vec<u8>) -> Wire {
        let signature = sign_response(key, timestamp, SIG_NONCE, &body);
        Wire {
            headers: vec![
                ("Content-Type", "application/json".to_owned()),
                (SERIAL, DEFAULT_WECHATPAY_SERIAL.to_owned()),
                (SIG, signature),
                (TS, timestamp.to_string()),
                (NONCE, SIG_NONCE.to_owned()),
                (
                    "Wechatpay-Signature-Type",
                    "WECHATPAY2-SHA256-RSA2048".to_owned(),
                ),
                ("Request-ID", "08F78BB5AF0610B3E3BC04".to_owned()),
            ],
            body,
        }
    }

    fn genuine() -> Wire {
        Wire::signed(Parts::genuine().body())
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name}"))
    }

    fn set(mut self, name: &'static str, value: impl Into<String>) -> Wire {
        let value = value.into();
        match self.headers.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.headers.push((name, value)),
        }
        self
    }

    fn without(mut self, name: &str) -> Wire {
        self.headers.retain(|(n, _)| *n != name);
        self
    }

    /// The same header again, with the same value.
    fn duplicated(mut self, name: &'static str) -> Wire {
        let value = self.header(name).to_owned();
        self.headers.push((name, value));
        self
    }

    /// The body changed by `edit` after signing (the signature kept).
    fn body_edited(mut self, edit: impl FnOnce(&mut Vec<u8>)) -> Wire {
        edit(&mut self.body);
        self
    }

    fn header_map(&self) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in &self.headers {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
                HeaderValue::from_str(value).expect("a header value"),
            );
        }
        map
    }
}

/// What a row must produce.
#[derive(Debug)]
enum Want {
    /// Accepted; the function checks the notification.
    Accept(fn(&Notification<Event>) -> Result<(), String>),
    /// `NotificationError::Verification` with exactly this failure.
    Verification(VerificationFailure),
    /// `NotificationError::Malformed` whose message contains this text.
    Malformed(&'static str),
    /// `NotificationError::Decrypt` with exactly this error.
    Decrypt(AeadError),
    /// `NotificationError::Decode` for exactly this `event_type`.
    Decode(&'static str),
}

struct Case {
    name: &'static str,
    wire: Wire,
    want: Want,
    /// The expected `reply().status`.
    status: u16,
}

fn accept(
    name: &'static str,
    wire: Wire,
    check: fn(&Notification<Event>) -> Result<(), String>,
) -> Case {
    Case {
        name,
        wire,
        want: Want::Accept(check),
        status: 200,
    }
}

fn forged(name: &'static str, wire: Wire, failure: VerificationFailure) -> Case {
    Case {
        name,
        wire,
        want: Want::Verification(failure),
        status: 401,
    }
}

fn malformed(name: &'static str, wire: Wire, message: &'static str) -> Case {
    Case {
        name,
        wire,
        want: Want::Malformed(message),
        status: 400,
    }
}

fn undecryptable(name: &'static str, wire: Wire, error: AeadError) -> Case {
    Case {
        name,
        wire,
        want: Want::Decrypt(error),
        status: 500,
    }
}

fn undecodable(name: &'static str, wire: Wire, event_type: &'static str) -> Case {
    Case {
        name,
        wire,
        want: Want::Decode(event_type),
        status: 500,
    }
}

/// The genuine notification, every field.
fn is_genuine_authorized(n: &Notification<Event>) -> Result<(), String> {
    let Event::Authorized(a) = &n.event else {
        return Err(format!("expected Event::Authorized, got {:?}", n.event));
    };
    let want_time = chrono::DateTime::parse_from_rfc3339(&beijing(NOW - 10)).expect("time");
    let fields_ok = a.sp_mchid == DEFAULT_MCHID
        && a.sub_mchid == "43214321"
        && a.user_id == "employee123"
        && a.employee_id == EMPLOYEE_ID
        && a.authorization_time == want_time
        && a.authorization_time.offset().local_minus_utc() == 8 * 3600;
    let envelope_ok = n.id == ID
        && n.event_type == EVENT_TYPE
        && n.summary == SUMMARY
        && n.original_type == "webizpay"
        && n.create_time.timestamp() == NOW
        && n.create_time.offset().local_minus_utc() == 8 * 3600
        && n.resource == authorized_resource()
        && n.event.event_type() == EVENT_TYPE
        && n.reply().is_success();
    if fields_ok && envelope_ok {
        Ok(())
    } else {
        Err(format!("not the genuine notification: {n:?}"))
    }
}

const UNKNOWN_EVENT: &str = "WEBIZPAY.SOMETHINGNEW";

fn unknown_resource() -> Value {
    json!({"anything": [1, 2], "nested": {"k": "值"}})
}

fn is_unknown_event(n: &Notification<Event>) -> Result<(), String> {
    let want = Event::Unknown {
        event_type: UNKNOWN_EVENT.to_owned(),
        resource: unknown_resource(),
    };
    if n.event == want && n.event_type == UNKNOWN_EVENT && n.resource == unknown_resource() {
        Ok(())
    } else {
        Err(format!("expected {want:?}, got {:?}", n.event))
    }
}

fn revoked_resource() -> Value {
    json!({
        "sp_mchid": DEFAULT_MCHID,
        "sub_mchid": "43214321",
        "user_id": "employee123",
        "authorization_state": "REVOKED",
        "authorization_revoked_time": beijing(NOW - 5),
        "reason": "员工注销",
    })
}

fn is_revoked_event(n: &Notification<Event>) -> Result<(), String> {
    match &n.event {
        Event::Revoked(r)
            if r.user_id == "employee123"
                && r.reason == "员工注销"
                && n.event_type == "WEBIZPAY.REVOKED" =>
        {
            Ok(())
        }
        other => Err(format!("expected Event::Revoked, got {other:?}")),
    }
}

/// Flips the lowest bit of byte `i` (from the end when negative).
fn flip_at(bytes: &mut [u8], i: isize) {
    let i = if i < 0 {
        bytes.len() - i.unsigned_abs()
    } else {
        i.unsigned_abs()
    };
    bytes[i] ^= 0x01;
}

/// Index of the first byte of the ciphertext's base64 text in a body.
fn ciphertext_value(body: &[u8]) -> usize {
    let needle = br#""ciphertext":""#;
    body.windows(needle.len())
        .position(|w| w == needle)
        .expect("a ciphertext in the body")
        + needle.len()
}

fn cases() -> Vec<Case> {
    let genuine = Parts::genuine;
    let resigned = |parts: Parts| Wire::signed(parts.body());
    let resigned_envelope = |envelope: Value| Wire::signed(to_body(&envelope));
    let resign_at = |timestamp: i64| Wire::signed_by(&**WECHATPAY_KEY, timestamp, genuine().body());

    let mut cases = vec![
        // ---- positive controls --------------------------------------------
        accept(
            "genuine notification",
            Wire::genuine(),
            is_genuine_authorized,
        ),
        accept(
            "timestamp exactly 300 s in the past (re-signed)",
            resign_at(NOW - MAX_CLOCK_SKEW_SECS),
            is_genuine_authorized,
        ),
        accept(
            "timestamp exactly 300 s in the future (re-signed)",
            resign_at(NOW + MAX_CLOCK_SKEW_SECS),
            is_genuine_authorized,
        ),
        accept(
            "unknown event_type decodes to Event::Unknown",
            resigned(genuine().with(|p| {
                p.event_type = UNKNOWN_EVENT.to_owned();
                p.plaintext = unknown_resource().to_string().into_bytes();
            })),
            is_unknown_event,
        ),
        accept(
            "WEBIZPAY.REVOKED with a revoked resource",
            resigned(genuine().with(|p| {
                p.event_type = "WEBIZPAY.REVOKED".to_owned();
                p.plaintext = revoked_resource().to_string().into_bytes();
            })),
            is_revoked_event,
        ),
        // ---- the ciphertext, nonce, associated data, APIv3 key --------------
        undecryptable(
            "ciphertext bit flipped (re-signed)",
            Wire::signed(to_body(
                &genuine().envelope_with_ciphertext(|c| flip_at(c, 0)),
            )),
            AeadError::Unauthentic,
        ),
        forged(
            "ciphertext bit flipped (not re-signed)",
            Wire::genuine().body_edited(|b| {
                *b = to_body(&genuine().envelope_with_ciphertext(|c| flip_at(c, 0)));
            }),
            VerificationFailure::BadSignature,
        ),
        undecryptable(
            "tag bit flipped (re-signed)",
            Wire::signed(to_body(
                &genuine().envelope_with_ciphertext(|c| flip_at(c, -1)),
            )),
            AeadError::Unauthentic,
        ),
        undecryptable(
            "ciphertext one byte shorter (re-signed)",
            Wire::signed(to_body(&genuine().envelope_with_ciphertext(|c| {
                c.pop();
            }))),
            AeadError::Unauthentic,
        ),
        undecryptable(
            "ciphertext shorter than the tag (re-signed)",
            Wire::signed(to_body(
                &genuine().envelope_with_ciphertext(|c| c.truncate(15)),
            )),
            AeadError::TooShort(15),
        ),
        undecryptable(
            "wrong associated_data (re-signed)",
            resigned(genuine().with(|p| p.associated_data = "transaction".to_owned())),
            AeadError::Unauthentic,
        ),
        undecryptable(
            "associated_data removed (re-signed)",
            resigned_envelope({
                let mut v = genuine().envelope();
                v["resource"]
                    .as_object_mut()
                    .expect("resource")
                    .remove("associated_data");
                v
            }),
            AeadError::Unauthentic,
        ),
        undecryptable(
            "wrong nonce, 12 bytes (re-signed)",
            resigned(genuine().with(|p| p.nonce = "fUK2v7xS1fyr".to_owned())),
            AeadError::Unauthentic,
        ),
        undecryptable(
            "nonce of 11 bytes (re-signed)",
            resigned(genuine().with(|p| p.nonce = "fUK2v7xS1fy".to_owned())),
            AeadError::NonceLength(11),
        ),
        undecryptable(
            "resource encrypted with another APIv3 key",
            resigned(genuine().with(|p| p.seal_key = apiv3_key(OTHER_APIV3_KEY))),
            AeadError::Unauthentic,
        ),
        undecryptable(
            "resource of another notification, other nonce (re-signed)",
            resigned(genuine().with(|p| p.seal_nonce = "000000000000".to_owned())),
            AeadError::Unauthentic,
        ),
        // ---- the signature ------------------------------------------------------
        forged(
            "signed with another key (OTHER_KEY_PEM)",
            Wire::signed_by(&**OTHER_KEY, NOW, genuine().body()),
            VerificationFailure::BadSignature,
        ),
        forged(
            "WECHATPAY/SIGNTEST/ probe signature",
            Wire::genuine().set(
                SIG,
                format!("WECHATPAY/SIGNTEST/{}", BASE64.encode([7u8; 96])),
            ),
            VerificationFailure::ProbeSignature,
        ),
        forged(
            "signature not base64",
            Wire::genuine().set(SIG, "not*base64!"),
            VerificationFailure::SignatureNotBase64,
        ),
        forged(
            "signature of another body, same timestamp and nonce",
            Wire::genuine().set(SIG, sign_response(&**WECHATPAY_KEY, NOW, SIG_NONCE, b"{}")),
            VerificationFailure::BadSignature,
        ),
        forged(
            "unknown serial",
            Wire::genuine().set(SERIAL, UNKNOWN_SERIAL),
            VerificationFailure::UnknownSerial(UNKNOWN_SERIAL.to_owned()),
        ),
        // ---- the timestamp ------------------------------------------------------
        forged(
            "timestamp 301 s in the past (re-signed)",
            resign_at(NOW - 301),
            VerificationFailure::TimestampSkew {
                skew_secs: -301,
                max_secs: MAX_CLOCK_SKEW_SECS,
            },
        ),
        forged(
            "timestamp 301 s in the future (re-signed)",
            resign_at(NOW + 301),
            VerificationFailure::TimestampSkew {
                skew_secs: 301,
                max_secs: MAX_CLOCK_SKEW_SECS,
            },
        ),
        forged(
            "timestamp moved by 1 s without re-signing",
            Wire::genuine().set(TS, (NOW + 1).to_string()),
            VerificationFailure::BadSignature,
        ),
        forged(
            "timestamp not a number",
            Wire::genuine().set(TS, "17e8"),
            VerificationFailure::TimestampNotANumber,
        ),
        // ---- the body after signing ---------------------------------------------
        forged(
            "body one byte changed after signing",
            Wire::genuine().body_edited(|b| {
                let i = b.len() / 2;
                b[i] ^= 0x01;
            }),
            VerificationFailure::BadSignature,
        ),
        forged(
            "ciphertext text one character changed after signing",
            Wire::genuine().body_edited(|b| {
                let i = ciphertext_value(b);
                b[i] = if b[i] == b'A' { b'B' } else { b'A' };
            }),
            VerificationFailure::BadSignature,
        ),
        forged(
            "trailing newline added after signing",
            Wire::genuine().body_edited(|b| b.push(b'\n')),
            VerificationFailure::BadSignature,
        ),
        forged(
            "body replaced by an envelope of another event, old signature",
            Wire::genuine().body_edited(|b| {
                *b = genuine()
                    .with(|p| {
                        p.event_type = "WEBIZPAY.REVOKED".to_owned();
                        p.plaintext = revoked_resource().to_string().into_bytes();
                    })
                    .body();
            }),
            VerificationFailure::BadSignature,
        ),
        malformed(
            "oversized body (genuinely signed, more than 65 536 bytes)",
            resigned(genuine().with(|p| p.summary = "摘".repeat(22_000))),
            "",
        ),
        // ---- the envelope (re-signed: behind the signature) ---------------------
        malformed(
            "unknown algorithm AEAD_AES_128_GCM (re-signed)",
            resigned(genuine().with(|p| p.algorithm = "AEAD_AES_128_GCM".to_owned())),
            "resource.algorithm",
        ),
        malformed(
            "algorithm in lower case (re-signed)",
            resigned(genuine().with(|p| p.algorithm = "aead_aes_256_gcm".to_owned())),
            "resource.algorithm",
        ),
        malformed(
            "resource_type other than encrypt-resource (re-signed)",
            resigned(genuine().with(|p| p.resource_type = "plain-resource".to_owned())),
            "resource_type",
        ),
        malformed(
            "ciphertext not base64 (re-signed)",
            resigned_envelope(genuine().envelope_with("not*base64!")),
            "not base64",
        ),
        malformed(
            "ciphertext base64 with MIME line breaks (re-signed)",
            resigned_envelope({
                let text = BASE64.encode(genuine().sealed());
                let (head, tail) = text.split_at(76);
                genuine().envelope_with(&format!("{head}\r\n{tail}"))
            }),
            "not base64",
        ),
        malformed(
            "envelope JSON truncated (re-signed)",
            Wire::signed({
                let mut b = genuine().body();
                b.truncate(b.len() / 2);
                b
            }),
            "EOF",
        ),
        malformed(
            "envelope is a JSON array (re-signed)",
            resigned_envelope(json!([genuine().envelope()])),
            "",
        ),
        malformed("empty body (signed)", Wire::signed(Vec::new()), "EOF"),
        malformed(
            "envelope without resource (re-signed)",
            resigned_envelope({
                let mut v = genuine().envelope();
                v.as_object_mut().expect("envelope").remove("resource");
                v
            }),
            "missing field `resource`",
        ),
        malformed(
            "id is a number (re-signed)",
            resigned_envelope({
                let mut v = genuine().envelope();
                v["id"] = json!(12345);
                v
            }),
            "invalid type",
        ),
        malformed(
            "id empty (re-signed): it would be a store key",
            resigned_envelope({
                let mut v = genuine().envelope();
                v["id"] = json!("");
                v
            }),
            "id is 0 bytes",
        ),
        malformed(
            "id of 129 bytes (re-signed)",
            resigned_envelope({
                let mut v = genuine().envelope();
                v["id"] = json!("E".repeat(129));
                v
            }),
            "id is 129 bytes",
        ),
        malformed(
            "create_time not RFC 3339 (re-signed)",
            resigned(genuine().with(|p| p.create_time = "2025-05-12 05:46:40".to_owned())),
            "create_time",
        ),
        malformed(
            "create_time as Unix seconds (re-signed)",
            resigned(genuine().with(|p| p.create_time = NOW.to_string())),
            "create_time",
        ),
        // ---- the decrypted resource ---------------------------------------------
        undecodable(
            "invalid UTF-8 inside the decrypted plaintext",
            resigned(genuine().with(|p| {
                let text = authorized_resource().to_string();
                let at = text.find("employee123").expect("user_id") + "employee".len();
                p.plaintext = text.into_bytes();
                // '1' of user_id becomes a lone continuation byte.
                p.plaintext[at] = 0x80;
            })),
            EVENT_TYPE,
        ),
        undecodable(
            "invalid UTF-8 in the plaintext of an unknown event",
            resigned(genuine().with(|p| {
                p.event_type = UNKNOWN_EVENT.to_owned();
                p.plaintext = b"{\"anything\":\"\xff\xfe\"}".to_vec();
            })),
            UNKNOWN_EVENT,
        ),
        undecodable(
            "decrypted plaintext not JSON",
            resigned(genuine().with(|p| p.plaintext = b"sp_mchid=1900000001".to_vec())),
            EVENT_TYPE,
        ),
        undecodable(
            "event_type WEBIZPAY.REVOKED over an AUTHORIZED resource",
            resigned(genuine().with(|p| p.event_type = "WEBIZPAY.REVOKED".to_owned())),
            "WEBIZPAY.REVOKED",
        ),
        undecodable(
            "AUTHORIZED resource without employee_id",
            resigned(genuine().with(|p| {
                let mut r = authorized_resource();
                r.as_object_mut().expect("resource").remove("employee_id");
                p.plaintext = r.to_string().into_bytes();
            })),
            EVENT_TYPE,
        ),
    ];
    // ---- each signature header missing, duplicated, empty (12 rows) ----------
    for name in SIGNATURE_HEADERS {
        cases.push(forged(
            match name {
                TS => "Wechatpay-Timestamp missing",
                NONCE => "Wechatpay-Nonce missing",
                SIG => "Wechatpay-Signature missing",
                _ => "Wechatpay-Serial missing",
            },
            Wire::genuine().without(name),
            VerificationFailure::MissingHeader(name),
        ));
        cases.push(forged(
            match name {
                TS => "Wechatpay-Timestamp duplicated",
                NONCE => "Wechatpay-Nonce duplicated",
                SIG => "Wechatpay-Signature duplicated",
                _ => "Wechatpay-Serial duplicated",
            },
            // The same value twice: even an identical duplicate is refused.
            Wire::genuine().duplicated(name),
            VerificationFailure::DuplicateHeader(name),
        ));
        cases.push(forged(
            match name {
                TS => "Wechatpay-Timestamp empty",
                NONCE => "Wechatpay-Nonce empty",
                SIG => "Wechatpay-Signature empty",
                _ => "Wechatpay-Serial empty",
            },
            Wire::genuine().set(name, ""),
            VerificationFailure::EmptyHeader(name),
        ));
    }
    cases
}

fn config(backend: Backend) -> Config {
    Config::builder()
        .mchid(DEFAULT_MCHID)
        .merchant_serial(DEFAULT_MERCHANT_SERIAL)
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
        .apiv3_key(ApiV3Key::new(DEFAULT_APIV3_KEY).expect("the APIv3 key"))
        .backend(backend)
        .build()
        .expect("config")
}

/// `Ok` when `result` is what `case` wants, with its reply status.
fn check(
    case: &Case,
    result: &Result<Notification<Event>, NotificationError>,
) -> Result<(), String> {
    match (&case.want, result) {
        (Want::Accept(is_right), Ok(n)) => {
            is_right(n)?;
            if n.reply().status != case.status {
                return Err(format!("reply {:?}", n.reply()));
            }
            Ok(())
        }
        (Want::Accept(_), Err(e)) => Err(format!("positive control rejected: {e:?}")),
        (want, Ok(n)) => Err(format!(
            "ACCEPTED (expected {want:?}): {:?} {:?}",
            n.event_type, n.event
        )),
        (want, Err(e)) => {
            let exact = match (want, e) {
                (Want::Verification(f), NotificationError::Verification(g)) => f == g,
                (Want::Malformed(part), NotificationError::Malformed(m)) => m.contains(part),
                (Want::Decrypt(a), NotificationError::Decrypt(b)) => a == b,
                (Want::Decode(t), NotificationError::Decode { event_type, .. }) => event_type == t,
                _ => false,
            };
            if !exact {
                return Err(format!("expected {want:?}, got {e:?}"));
            }
            let reply = e.reply();
            if reply.status != case.status || reply.is_success() {
                return Err(format!(
                    "expected reply status {}, got {reply:?}",
                    case.status
                ));
            }
            Ok(())
        }
    }
}

#[test]
fn no_manipulated_notification_is_accepted() {
    let cases = cases();
    let mut names = std::collections::HashSet::new();
    for case in &cases {
        assert!(names.insert(case.name), "duplicate case name {}", case.name);
    }
    let controls = cases
        .iter()
        .filter(|c| matches!(c.want, Want::Accept(_)))
        .count();
    let manipulations = cases.len() - controls;
    assert!(manipulations >= 20, "only {manipulations} manipulations");
    assert_eq!(controls, 5);
    // The oversized row is over the limit, the others far under it.
    for case in &cases {
        let oversized = case.name.starts_with("oversized");
        assert_eq!(case.wire.body.len() > 65_536, oversized, "{}", case.name);
    }

    let mut wrong: Vec<String> = Vec::new();
    let mut accepted = 0usize;
    let mut error_texts: Vec<String> = Vec::new();
    let mut outcomes: Vec<Vec<String>> = Vec::new();
    for &backend in Backend::all() {
        let config = config(backend);
        let mut outcome = Vec::new();
        for case in &cases {
            // A verifier per row: nothing a row does can affect another.
            let verifier = NotificationVerifier::new(&config)
                .expect("verifier")
                .with_clock(Arc::new(Fixed(NOW)));
            let result = verifier.verify(&case.wire.header_map(), &case.wire.body);
            if result.is_ok() && !matches!(case.want, Want::Accept(_)) {
                accepted += 1;
            }
            if let Err(e) = check(case, &result) {
                wrong.push(format!("{} / {}: {e}", backend.name(), case.name));
            }
            match &result {
                Ok(n) => outcome.push(format!("Ok({:?})", n.event)),
                Err(e) => {
                    error_texts.push(e.to_string());
                    error_texts.push(format!("{e:?}"));
                    error_texts.push(e.reply().body);
                    outcome.push(format!("Err({e:?})"));
                }
            }
        }
        outcomes.push(outcome);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(accepted, 0, "manipulated notifications accepted");
    for other in &outcomes[1..] {
        assert_eq!(other, &outcomes[0], "the crypto backends disagree");
    }
    assert_eq!(Backend::all().len(), 2, "both crypto backends ran");

    // No error says the APIv3 key (the merchant's or the other one).
    assert_eq!(error_texts.len(), 3 * manipulations * Backend::all().len());
    for text in &error_texts {
        for secret in [DEFAULT_APIV3_KEY, OTHER_APIV3_KEY] {
            assert!(
                !text.contains(secret),
                "an error shows an APIv3 key: {text}"
            );
            assert!(
                !text.contains(&secret[..16]) && !text.contains(&secret[16..]),
                "an error shows half an APIv3 key: {text}"
            );
        }
    }
}

// ---- a replayed id: handled once ----------------------------------------------

/// The same notification delivered again (WeChat Pay resends it when the
/// success answer is lost) is answered with success without calling the
/// handler again, also when re-signed later, through a clone of the
/// verifier and through another verifier sharing its store; a forged
/// delivery of the id is refused before the store.
#[tokio::test]
async fn a_replayed_id_is_handled_once() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use webizpay_api::Delivery;

    let verifier = NotificationVerifier::new(&config(Backend::default()))
        .expect("verifier")
        .with_clock(Arc::new(Fixed(NOW)));
    let calls = Arc::new(AtomicUsize::new(0));
    let deliver = |verifier: NotificationVerifier, wire: Wire| {
        let calls = Arc::clone(&calls);
        async move {
            verifier
                .handle(
                    &wire.header_map(),
                    &wire.body,
                    |n: Notification<Event>| async move {
                        calls.fetch_add(1, Ordering::SeqCst);
                        if is_genuine_authorized(&n).is_ok() {
                            Ok::<(), std::io::Error>(())
                        } else {
                            Err(std::io::Error::other("not the genuine notification"))
                        }
                    },
                )
                .await
        }
    };

    let first = deliver(verifier.clone(), Wire::genuine()).await;
    assert!(
        matches!(&first, Ok(Delivery::Handled { id }) if id == ID),
        "first delivery: {first:?}"
    );
    assert_eq!(first.as_ref().map(|d| d.reply().status).ok(), Some(200));
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    for (name, wire) in [
        ("the identical resend", Wire::genuine()),
        (
            "a resend signed 60 s later",
            Wire::signed_by(&**WECHATPAY_KEY, NOW + 60, Parts::genuine().body()),
        ),
    ] {
        // A clone, and another replica sharing the store.
        let replica = NotificationVerifier::new(&config(Backend::default()))
            .expect("verifier")
            .with_store(Arc::clone(verifier.store()))
            .with_clock(Arc::new(Fixed(NOW)));
        for to in [verifier.clone(), replica] {
            let again = deliver(to, wire.clone()).await;
            assert!(
                matches!(&again, Ok(Delivery::AlreadyHandled { id }) if id == ID),
                "{name}: {again:?}"
            );
            assert_eq!(
                again.as_ref().map(|d| d.reply().status).ok(),
                Some(200),
                "{name}"
            );
        }
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1, "the handler ran once");

    // A forged delivery of the same id is refused as forged, not answered
    // "already handled" (which would tell a forger the id was seen).
    let forged = deliver(
        verifier.clone(),
        Wire::signed_by(&**OTHER_KEY, NOW, Parts::genuine().body()),
    )
    .await;
    assert!(
        matches!(
            &forged,
            Err(NotificationError::Verification(
                VerificationFailure::BadSignature
            ))
        ),
        "{forged:?}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}
