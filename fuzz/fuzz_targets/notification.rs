//! `NotificationVerifier::verify` over edited callback notifications.
//!
//! Checks:
//! - it never panics;
//! - both crypto backends (aws-lc-rs and rust-crypto) give the same result
//!   (the same notification, or the same error);
//! - every error is `Verification` (401), `Malformed` (400), `Decrypt` or
//!   `Decode` (500), and none shows the APIv3 key;
//! - soundness: an accepted notification whose body was not re-signed has
//!   exactly the genuine body bytes and the genuine timestamp, nonce and
//!   serial; a body signed with another key is never accepted; an accepted
//!   resource is one that was encrypted under the APIv3 key (the genuine one,
//!   or the plaintext this input sealed under it);
//! - completeness: the genuine headers and body are accepted, as the genuine
//!   notification, iff `now` is within ±300 s.
//!
//! The input is structure-aware (`arbitrary`): it starts from the genuine
//! envelope (then edits its fields, the encrypted plaintext, the AEAD key,
//! nonce and associated data, the raw ciphertext) or from fuzz bytes; then
//! edits the serialized body; then either keeps the genuine signature or
//! RE-SIGNS the edited body (with the WeChat Pay key, or another key) at a
//! timestamp near the fixed one, so that the envelope parser, base64,
//! AES-GCM and the event decoders are reached, not only the signature
//! check; then edits the four `Wechatpay-*` headers. The all-zero input is
//! the genuine notification with `now` equal to its timestamp.
#![no_main]

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, LazyLock};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::{MAX_CLOCK_SKEW_SECS, sign_response};
use webizpay_api::__internal::crypto::{Backend, SigningKey};
use webizpay_api::simulator::{
    DEFAULT_APIV3_KEY, DEFAULT_MCHID, DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL,
    MERCHANT_PRIVATE_KEY_PEM, OTHER_KEY_PEM, UNKNOWN_SERIAL, WECHATPAY_PRIVATE_KEY_PEM,
    WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{
    ApiV3Key, Clock, Config, Event, Notification, NotificationError, NotificationVerifier,
};

const TIMESTAMP: i64 = 1_747_000_000;
const TIMESTAMP_STR: &str = "1747000000";
const SIG_NONCE: &str = "c5ac7061fccab6bf3e254dcf98995b8c";
const AEAD_NONCE: &str = "fUK2v7xS1fyq";
const ASSOCIATED_DATA: &str = "webizpay";
/// Not the merchant's APIv3 key.
const OTHER_APIV3_KEY: &[u8; 32] = b"Z9y8X7w6V5u4T3s2R1q0PpOoNnMmLlKk";
const GENUINE_PLAINTEXT: &str = r#"{"authorization_time":"2025-05-12T05:46:30+08:00","employee_id":"WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c","sp_mchid":"1900000001","sub_mchid":"43214321","user_id":"employee123"}"#;

const TS: &str = "wechatpay-timestamp";
const NONCE_H: &str = "wechatpay-nonce";
const SIG: &str = "wechatpay-signature";
const SERIAL: &str = "wechatpay-serial";
const FOUR: [&str; 4] = [TS, NONCE_H, SIG, SERIAL];

/// A clock the target sets before each run.
#[derive(Debug)]
struct SharedClock(AtomicI64);

impl Clock for SharedClock {
    fn now_unix(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

struct Fixture {
    clock: Arc<SharedClock>,
    /// One verifier per crypto backend (`verify` records nothing, so they
    /// are shared between runs).
    verifiers: Vec<NotificationVerifier>,
    wechatpay: Box<dyn SigningKey>,
    other: Box<dyn SigningKey>,
    apiv3_key: [u8; 32],
    genuine_envelope: Value,
    genuine_body: Vec<u8>,
    genuine_signature: String,
    /// What `verify` gives for the genuine notification at its timestamp.
    genuine_notification: Notification<Event>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let clock = Arc::new(SharedClock(AtomicI64::new(TIMESTAMP)));
    let verifiers: Vec<_> = Backend::all()
        .iter()
        .map(|&backend| {
            let config = Config::builder()
                .mchid(DEFAULT_MCHID)
                .merchant_serial(DEFAULT_MERCHANT_SERIAL)
                .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
                .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
                .apiv3_key(ApiV3Key::new(DEFAULT_APIV3_KEY).expect("APIv3 key"))
                .backend(backend)
                .build()
                .expect("test config");
            NotificationVerifier::new(&config)
                .expect("verifier")
                .with_clock(Arc::clone(&clock) as Arc<dyn Clock>)
        })
        .collect();
    let wechatpay = Backend::default()
        .signing_key_from_pem(WECHATPAY_PRIVATE_KEY_PEM)
        .expect("wechatpay key");
    let other = Backend::default()
        .signing_key_from_pem(OTHER_KEY_PEM)
        .expect("other key");
    let apiv3_key: [u8; 32] = DEFAULT_APIV3_KEY.as_bytes().try_into().expect("32 bytes");
    let genuine_ciphertext = base64(
        &Backend::default()
            .aes_256_gcm_encrypt(
                &apiv3_key,
                AEAD_NONCE.as_bytes(),
                ASSOCIATED_DATA.as_bytes(),
                GENUINE_PLAINTEXT.as_bytes(),
            )
            .expect("12-byte nonce"),
    );
    let genuine_envelope = json!({
        "id": "EV-2018022511223320873",
        "create_time": "2025-05-12T05:46:40+08:00",
        "resource_type": "encrypt-resource",
        "event_type": "WEBIZPAY.AUTHORIZED",
        "summary": "授权关系建立",
        "resource": {
            "original_type": "webizpay",
            "algorithm": "AEAD_AES_256_GCM",
            "ciphertext": genuine_ciphertext,
            "associated_data": ASSOCIATED_DATA,
            "nonce": AEAD_NONCE,
        },
    });
    let genuine_body = serde_json::to_vec(&genuine_envelope).expect("JSON");
    let genuine_signature = sign_response(&*wechatpay, TIMESTAMP, SIG_NONCE, &genuine_body);
    let mut headers = HeaderMap::new();
    for (name, value) in [
        (TS, TIMESTAMP_STR),
        (NONCE_H, SIG_NONCE),
        (SIG, genuine_signature.as_str()),
        (SERIAL, DEFAULT_WECHATPAY_SERIAL),
    ] {
        headers.append(
            HeaderName::from_static(name),
            HeaderValue::from_str(value).expect("header"),
        );
    }
    let genuine_notification = verifiers[0]
        .verify(&headers, &genuine_body)
        .expect("the genuine notification verifies");
    assert!(matches!(genuine_notification.event, Event::Authorized(_)));
    Fixture {
        clock,
        verifiers,
        wechatpay,
        other,
        apiv3_key,
        genuine_envelope,
        genuine_body,
        genuine_signature,
        genuine_notification,
    }
});

/// Standard base64 with padding (the fuzz crate has no base64 dependency).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    CreateTime,
    ResourceType,
    EventType,
    Summary,
    OriginalType,
    Algorithm,
    Ciphertext,
    AssociatedData,
    Nonce,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::CreateTime => "create_time",
            Field::ResourceType => "resource_type",
            Field::EventType => "event_type",
            Field::Summary => "summary",
            Field::OriginalType => "original_type",
            Field::Algorithm => "algorithm",
            Field::Ciphertext => "ciphertext",
            Field::AssociatedData => "associated_data",
            Field::Nonce => "nonce",
        }
    }

    fn in_resource(self) -> bool {
        matches!(
            self,
            Field::OriginalType
                | Field::Algorithm
                | Field::Ciphertext
                | Field::AssociatedData
                | Field::Nonce
        )
    }

    /// Plausible values, to reach each check behind the signature.
    fn known(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["", "EV-1", "EV-2018022511223320873 "],
            Field::CreateTime => &[
                "2025-05-12T05:46:40+08:00",
                "2025-05-11T21:46:40Z",
                "2025-05-12 05:46:40",
                "1747000000",
                "2025-13-01T00:00:00+08:00",
                "",
            ],
            Field::ResourceType => &["encrypt-resource", "plain-resource", "ENCRYPT-RESOURCE", ""],
            Field::EventType => &[
                "WEBIZPAY.AUTHORIZED",
                "WEBIZPAY.REVOKED",
                "WEBIZPAY.PAYMENTSUCCESS",
                "WEBIZPAY.QUOTACARDEXPIRED",
                "WEBIZPAY.PAYMENTREFUNDSUCCESS",
                "WEBIZPAY.SOMETHINGNEW",
                "TRANSACTION.SUCCESS",
                "",
            ],
            Field::Summary | Field::OriginalType => &["", "webizpay", "x"],
            Field::Algorithm => &[
                "AEAD_AES_256_GCM",
                "AEAD_AES_128_GCM",
                "aead_aes_256_gcm",
                "",
            ],
            Field::Ciphertext => &["", "AAAA", "not*base64!", "AAAAAAAAAAAAAAAAAAAAAA=="],
            Field::AssociatedData => &["", "webizpay", "transaction", "certificate"],
            Field::Nonce => &["", "000000000000", "fUK2v7xS1fy", "fUK2v7xS1fyq0"],
        }
    }

    fn genuine(self) -> String {
        let fixture = &*FIXTURE;
        let object = if self.in_resource() {
            &fixture.genuine_envelope["resource"]
        } else {
            &fixture.genuine_envelope
        };
        object[self.key()].as_str().unwrap_or_default().to_owned()
    }
}

#[derive(Arbitrary, Debug)]
enum Text {
    Genuine,
    /// The genuine value with one byte replaced (then lossy UTF-8).
    Edited(u8, u8),
    Plus(String),
    /// One of the field's plausible values.
    Known(u8),
    Any(String),
}

/// A value of another JSON type.
#[derive(Arbitrary, Debug)]
enum Json {
    Null,
    Bool(bool),
    Number(i64),
    Array(Vec<u8>),
    Object,
}

#[derive(Arbitrary, Debug)]
enum FieldEdit {
    Set(Field, Text),
    SetJson(Field, Json),
    Remove(Field),
    /// An extra top-level member (a field WeChat Pay may add later).
    Extra(String, String),
}

#[derive(Arbitrary, Debug)]
enum Plaintext {
    Genuine,
    /// A resource of another shape.
    Shape(u8),
    Edited(u16, u8),
    Truncated(u16),
    Bytes(Vec<u8>),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum SealKey {
    ApiV3,
    Other,
}

/// How the resource is encrypted: the key, and the nonce and associated
/// data (`None`: the envelope's).
#[derive(Arbitrary, Debug)]
struct Seal {
    key: SealKey,
    nonce: Option<[u8; 12]>,
    associated_data: Option<String>,
}

#[derive(Arbitrary, Debug)]
enum CipherEdit {
    None,
    Flip(u16, u8),
    Truncate(u16),
    Append(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum Body {
    /// The envelope, after the edits.
    Envelope,
    /// Fuzz bytes instead.
    Bytes(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum BodyEdit {
    Set(u16, u8),
    Insert(u16, u8),
    Remove(u16),
    Truncate(u16),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum SignKey {
    WechatPay,
    Other,
}

#[derive(Arbitrary, Debug)]
enum Signing {
    /// The genuine notification's headers (the body is NOT re-signed).
    Genuine,
    /// The body as edited, signed at `TIMESTAMP + offset`.
    Resign { offset: i16, key: SignKey },
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Which {
    Timestamp,
    Nonce,
    Signature,
    Serial,
}

#[derive(Arbitrary, Debug)]
enum HeaderValueIn {
    /// The value this input's signing gave the header.
    Current,
    Probe(Vec<u8>),
    UnknownSerial,
    Number(i64),
    Bytes(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum HeaderEdit {
    Remove(Which),
    Append(Which, HeaderValueIn),
    Insert(Which, HeaderValueIn),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Now {
    /// `TIMESTAMP + offset`.
    Near(i16),
    Any(i64),
}

#[derive(Arbitrary, Debug)]
struct Input {
    body: Body,
    fields: Vec<FieldEdit>,
    plaintext: Plaintext,
    seal: Seal,
    cipher: CipherEdit,
    body_edits: Vec<BodyEdit>,
    signing: Signing,
    headers: Vec<HeaderEdit>,
    now: Now,
}

fn text_of(field: Field, text: &Text) -> String {
    match text {
        Text::Genuine => field.genuine(),
        Text::Edited(at, byte) => {
            let mut v = field.genuine().into_bytes();
            if !v.is_empty() {
                let i = usize::from(*at) % v.len();
                v[i] = *byte;
            }
            String::from_utf8_lossy(&v).into_owned()
        }
        Text::Plus(extra) => field.genuine() + extra,
        Text::Known(k) => {
            let known = field.known();
            known[usize::from(*k) % known.len()].to_owned()
        }
        Text::Any(s) => s.clone(),
    }
}

fn json_of(value: &Json) -> Value {
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => json!(n),
        Json::Array(items) => json!(items),
        Json::Object => json!({}),
    }
}

/// The object that holds `field`: the envelope or its resource.
fn slot(envelope: &mut Value, field: Field) -> Option<&mut serde_json::Map<String, Value>> {
    let object = if field.in_resource() {
        envelope.get_mut("resource")?
    } else {
        envelope
    };
    object.as_object_mut()
}

/// Applies `edit` to the envelope (a field of the envelope or its resource).
fn apply(envelope: &mut Value, edit: &FieldEdit) {
    match edit {
        FieldEdit::Set(field, text) => {
            if let Some(map) = slot(envelope, *field) {
                map.insert(field.key().to_owned(), Value::String(text_of(*field, text)));
            }
        }
        FieldEdit::SetJson(field, value) => {
            if let Some(map) = slot(envelope, *field) {
                map.insert(field.key().to_owned(), json_of(value));
            }
        }
        FieldEdit::Remove(field) => {
            if let Some(map) = slot(envelope, *field) {
                map.remove(field.key());
            }
        }
        FieldEdit::Extra(name, value) => {
            if let Some(map) = envelope.as_object_mut() {
                map.entry(name.clone())
                    .or_insert_with(|| Value::String(value.clone()));
            }
        }
    }
}

fn touches_ciphertext(edit: &FieldEdit) -> bool {
    matches!(
        edit,
        FieldEdit::Set(Field::Ciphertext, _)
            | FieldEdit::SetJson(Field::Ciphertext, _)
            | FieldEdit::Remove(Field::Ciphertext)
    )
}

fn plaintext_of(plaintext: &Plaintext) -> Vec<u8> {
    match plaintext {
        Plaintext::Genuine => GENUINE_PLAINTEXT.into(),
        Plaintext::Shape(k) => {
            let shapes: [&[u8]; 6] = [
                br#"{"sp_mchid":"1900000001","sub_mchid":"43214321","user_id":"employee123","authorization_state":"REVOKED","authorization_revoked_time":"2025-05-12T05:46:35+08:00","reason":"x"}"#,
                br#"{"anything":[1,2]}"#,
                b"[]",
                b"null",
                br#""employee123""#,
                br#"{"sp_mchid":"1900000001","sub_mchid":"43214321","user_id":"employee123","employee_id":"e","authorization_time":"yesterday"}"#,
            ];
            shapes[usize::from(*k) % shapes.len()].to_vec()
        }
        Plaintext::Edited(at, byte) => {
            let mut v = GENUINE_PLAINTEXT.as_bytes().to_vec();
            let i = usize::from(*at) % v.len();
            v[i] = *byte;
            v
        }
        Plaintext::Truncated(len) => GENUINE_PLAINTEXT.as_bytes()
            [..usize::from(*len) % (GENUINE_PLAINTEXT.len() + 1)]
            .to_vec(),
        Plaintext::Bytes(b) => b.clone(),
    }
}

/// Makes bytes a valid header value: control characters (other than tab)
/// and DEL become spaces.
fn header_value(mut bytes: Vec<u8>) -> HeaderValue {
    for b in &mut bytes {
        if (*b < 0x20 && *b != b'\t') || *b == 0x7f {
            *b = b' ';
        }
    }
    HeaderValue::from_bytes(&bytes).expect("sanitized header value")
}

/// The four signature headers' values: timestamp, nonce, signature, serial.
type Signed = [String; 4];

fn which_index(which: Which) -> usize {
    match which {
        Which::Timestamp => 0,
        Which::Nonce => 1,
        Which::Signature => 2,
        Which::Serial => 3,
    }
}

fn value_of(which: Which, value: &HeaderValueIn, signed: &Signed) -> HeaderValue {
    let bytes = match value {
        HeaderValueIn::Current => signed[which_index(which)].clone().into_bytes(),
        HeaderValueIn::Probe(junk) => {
            let mut v = b"WECHATPAY/SIGNTEST/".to_vec();
            v.extend_from_slice(base64(junk).as_bytes());
            v
        }
        HeaderValueIn::UnknownSerial => UNKNOWN_SERIAL.into(),
        HeaderValueIn::Number(n) => n.to_string().into_bytes(),
        HeaderValueIn::Bytes(b) => b.clone(),
    };
    header_value(bytes)
}

fuzz_target!(|input: Input| {
    let fixture = &*FIXTURE;

    // ---- the body -----------------------------------------------------------
    // The plaintexts encrypted under the APIv3 key: only these may come out
    // of an accepted notification.
    let mut authentic: Vec<Vec<u8>> = vec![GENUINE_PLAINTEXT.into()];
    let mut body = match &input.body {
        Body::Bytes(bytes) => bytes.clone(),
        Body::Envelope => {
            let mut envelope = fixture.genuine_envelope.clone();
            for edit in input.fields.iter().filter(|e| !touches_ciphertext(e)) {
                apply(&mut envelope, edit);
            }
            let resource_str = |key: &str, default: &str| -> Vec<u8> {
                envelope["resource"][key]
                    .as_str()
                    .unwrap_or(default)
                    .as_bytes()
                    .to_vec()
            };
            let nonce = match input.seal.nonce {
                Some(n) => n.to_vec(),
                None => resource_str("nonce", AEAD_NONCE),
            };
            let nonce = if nonce.len() == 12 {
                nonce
            } else {
                AEAD_NONCE.into()
            };
            let associated_data = match &input.seal.associated_data {
                Some(a) => a.clone().into_bytes(),
                None => resource_str("associated_data", ""),
            };
            let key = match input.seal.key {
                SealKey::ApiV3 => &fixture.apiv3_key,
                SealKey::Other => OTHER_APIV3_KEY,
            };
            let plaintext = plaintext_of(&input.plaintext);
            let mut ciphertext = Backend::default()
                .aes_256_gcm_encrypt(key, &nonce, &associated_data, &plaintext)
                .expect("a 12-byte nonce");
            if input.seal.key == SealKey::ApiV3 {
                authentic.push(plaintext);
            }
            match &input.cipher {
                CipherEdit::None => {}
                CipherEdit::Flip(at, mask) => {
                    let i = usize::from(*at) % ciphertext.len();
                    ciphertext[i] ^= mask | 1;
                }
                CipherEdit::Truncate(len) => {
                    ciphertext.truncate(usize::from(*len) % (ciphertext.len() + 1));
                }
                CipherEdit::Append(extra) => ciphertext.extend_from_slice(extra),
            }
            if let Some(resource) = envelope.get_mut("resource").and_then(Value::as_object_mut) {
                resource.insert("ciphertext".into(), Value::String(base64(&ciphertext)));
            }
            for edit in input.fields.iter().filter(|e| touches_ciphertext(e)) {
                apply(&mut envelope, edit);
            }
            serde_json::to_vec(&envelope).expect("JSON")
        }
    };
    for edit in &input.body_edits {
        let at = |i: u16, len: usize| usize::from(i) % len.max(1);
        match *edit {
            BodyEdit::Set(i, byte) => {
                if !body.is_empty() {
                    let i = at(i, body.len());
                    body[i] = byte;
                }
            }
            BodyEdit::Insert(i, byte) => {
                let i = at(i, body.len() + 1);
                body.insert(i, byte);
            }
            BodyEdit::Remove(i) => {
                if !body.is_empty() {
                    let i = at(i, body.len());
                    body.remove(i);
                }
            }
            BodyEdit::Truncate(len) => body.truncate(usize::from(len)),
        }
    }

    // ---- the signature and headers -------------------------------------------
    let (signed, resigned): (Signed, Option<SignKey>) = match input.signing {
        Signing::Genuine => (
            [
                TIMESTAMP_STR.into(),
                SIG_NONCE.into(),
                fixture.genuine_signature.clone(),
                DEFAULT_WECHATPAY_SERIAL.into(),
            ],
            None,
        ),
        Signing::Resign { offset, key } => {
            let timestamp = TIMESTAMP + i64::from(offset);
            let signing_key = match key {
                SignKey::WechatPay => &*fixture.wechatpay,
                SignKey::Other => &*fixture.other,
            };
            (
                [
                    timestamp.to_string(),
                    SIG_NONCE.into(),
                    sign_response(signing_key, timestamp, SIG_NONCE, &body),
                    DEFAULT_WECHATPAY_SERIAL.into(),
                ],
                Some(key),
            )
        }
    };
    let mut headers = HeaderMap::new();
    for (&name, value) in FOUR.iter().zip(&signed) {
        headers.append(
            HeaderName::from_static(name),
            header_value(value.clone().into_bytes()),
        );
    }
    for edit in &input.headers {
        match edit {
            HeaderEdit::Remove(which) => {
                headers.remove(FOUR[which_index(*which)]);
            }
            HeaderEdit::Append(which, value) | HeaderEdit::Insert(which, value) => {
                let name = HeaderName::from_static(FOUR[which_index(*which)]);
                let value = value_of(*which, value, &signed);
                if matches!(edit, HeaderEdit::Append(..)) {
                    headers.append(name, value);
                } else {
                    headers.insert(name, value);
                }
            }
        }
    }
    let now = match input.now {
        Now::Near(offset) => TIMESTAMP + i64::from(offset),
        Now::Any(n) => n,
    };

    // ---- verify on every backend ----------------------------------------------
    fixture.clock.0.store(now, Ordering::Relaxed);
    let results: Vec<_> = fixture
        .verifiers
        .iter()
        .map(|v| v.verify(&headers, &body))
        .collect();
    let shown: Vec<String> = results.iter().map(|r| format!("{r:?}")).collect();
    for s in &shown[1..] {
        assert_eq!(s, &shown[0], "the crypto backends disagree");
    }
    let result = &results[0];

    let single = |name: &str| -> Option<Vec<u8>> {
        let mut all = headers.get_all(name).iter();
        let first = all.next()?;
        all.next().is_none().then(|| first.as_bytes().to_vec())
    };

    match result {
        Ok(notification) => {
            // Soundness.
            assert_ne!(
                resigned,
                Some(SignKey::Other),
                "accepted a body signed with another key"
            );
            let signed_at: i64 = std::str::from_utf8(&single(TS).expect("one timestamp"))
                .expect("ASCII")
                .parse()
                .expect("a number");
            assert!(
                signed_at.abs_diff(now) <= MAX_CLOCK_SKEW_SECS.unsigned_abs(),
                "accepted outside the skew window"
            );
            assert_eq!(
                single(SERIAL).as_deref(),
                Some(DEFAULT_WECHATPAY_SERIAL.as_bytes()),
                "accepted under another serial"
            );
            if resigned.is_none() {
                assert_eq!(
                    body, fixture.genuine_body,
                    "accepted a body that was not signed"
                );
                assert_eq!(single(TS).as_deref(), Some(TIMESTAMP_STR.as_bytes()));
                assert_eq!(single(NONCE_H).as_deref(), Some(SIG_NONCE.as_bytes()));
                assert_eq!(notification, &fixture.genuine_notification);
            }
            assert!(
                authentic.iter().any(|p| {
                    serde_json::from_slice::<Value>(p).is_ok_and(|v| v == notification.resource)
                }),
                "accepted a resource not encrypted under the APIv3 key: {:?}",
                notification.resource
            );
            assert!(notification.reply().is_success());
        }
        Err(e) => {
            let status = match e {
                NotificationError::Verification(_) => 401,
                NotificationError::Malformed(_) => 400,
                NotificationError::Decrypt(_) | NotificationError::Decode { .. } => 500,
                other => panic!("verify gave a handling error: {other:?}"),
            };
            let reply = e.reply();
            assert_eq!(reply.status, status, "{e:?}");
            for text in [e.to_string(), format!("{e:?}"), reply.body] {
                assert!(
                    !text.contains(DEFAULT_APIV3_KEY),
                    "an error shows the APIv3 key"
                );
            }
        }
    }

    // Completeness: the genuine headers and body pass whenever `now` is in
    // the window.
    let all_genuine = body == fixture.genuine_body
        && FOUR
            .iter()
            .zip(&[
                TIMESTAMP_STR,
                SIG_NONCE,
                fixture.genuine_signature.as_str(),
                DEFAULT_WECHATPAY_SERIAL,
            ])
            .all(|(&name, value)| single(name).as_deref() == Some(value.as_bytes()));
    if all_genuine {
        let in_window = TIMESTAMP.abs_diff(now) <= MAX_CLOCK_SKEW_SECS.unsigned_abs();
        assert_eq!(
            result.is_ok(),
            in_window,
            "genuine notification, now={now}: {result:?}"
        );
        if let Ok(n) = result {
            assert_eq!(n, &fixture.genuine_notification);
        }
    }
});
