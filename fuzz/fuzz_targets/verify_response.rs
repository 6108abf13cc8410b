//! `verify_response` over arbitrary headers, body and `now`.
//!
//! Checks:
//! - it never panics;
//! - both crypto backends (aws-lc-rs and rust-crypto) give the same result;
//! - soundness: an accepted response has exactly one of each `Wechatpay-*`
//!   header, and its timestamp, nonce, serial and body bytes are the genuine
//!   ones (the only message the fuzzer has a signature for);
//! - completeness: when the four headers and the body are exactly the genuine
//!   ones, the response is accepted iff `now` is within the skew window,
//!   whatever junk headers come with them.
//!
//! The input is structure-aware (`arbitrary`): it starts either from the
//! genuinely signed response or from nothing, then applies header edits. The
//! all-zero input is the genuine response with `now` equal to its timestamp.
#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::{MAX_CLOCK_SKEW_SECS, sign_response, verify_response};
use webizpay_api::__internal::crypto::Backend;
use webizpay_api::simulator::{
    DEFAULT_MCHID, DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL, MERCHANT_PRIVATE_KEY_PEM,
    OTHER_KEY_PEM, OTHER_PUBLIC_KEY_PEM, WECHATPAY_PRIVATE_KEY_PEM, WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{Config, WechatPayKeys};

/// A second configured key, under its own serial: a genuine signature must
/// not be accepted under this serial.
const OTHER_SERIAL: &str = "PUB_KEY_ID_0114232134912410000000000002";
const TIMESTAMP: i64 = 1_747_000_000;
const TIMESTAMP_STR: &str = "1747000000";
const NONCE: &str = "c5ac7061fccab6bf3e254dcf98995b8c";
const BODY: &[u8] = br#"{"sp_mchid":"1900000001","sub_mchid":"43214321","user_id":"employee123","authorization_url":"weixin://dl/liteapp?url=https%3A%2F%2Fliteapp.wxpapp.weixin.qq.com%2Fq%2FgjoM7g%3Ftoken%3D123%23wechat_pay","expire_time":"2015-05-20T13:29:35+08:00","application_type":"H5"}"#;

const TS: &str = "wechatpay-timestamp";
const NONCE_H: &str = "wechatpay-nonce";
const SIG: &str = "wechatpay-signature";
const SERIAL: &str = "wechatpay-serial";

struct Fixture {
    keys: Vec<WechatPayKeys>,
    signature: String,
    other_signature: String,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let keys = Backend::all()
        .iter()
        .map(|&backend| {
            Config::builder()
                .mchid(DEFAULT_MCHID)
                .merchant_serial(DEFAULT_MERCHANT_SERIAL)
                .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
                .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
                .wechatpay_public_key(OTHER_SERIAL, OTHER_PUBLIC_KEY_PEM)
                .backend(backend)
                .build()
                .expect("test config")
                .wechatpay_keys()
                .clone()
        })
        .collect();
    let key = Backend::default()
        .signing_key_from_pem(WECHATPAY_PRIVATE_KEY_PEM)
        .expect("wechatpay key");
    let other = Backend::default()
        .signing_key_from_pem(OTHER_KEY_PEM)
        .expect("other key");
    Fixture {
        keys,
        signature: sign_response(&*key, TIMESTAMP, NONCE, BODY),
        other_signature: sign_response(&*other, TIMESTAMP, NONCE, BODY),
    }
});

#[derive(Arbitrary, Debug, Clone)]
enum Name {
    Timestamp,
    Nonce,
    Signature,
    Serial,
    SignatureType,
    RequestId,
    /// One of the four with its letters' case flipped by the mask.
    Cased(u8, u32),
    /// Any bytes; skipped when not a valid header name.
    Junk(String),
    JunkBytes(u64),
}

#[derive(Arbitrary, Debug, Clone)]
enum Value {
    /// The genuine value of this header (empty for headers without one).
    Genuine,
    /// The genuine value with one byte replaced.
    GenuineEdited(u8, u8),
    /// The genuine value with bytes appended.
    GenuinePlus(Vec<u8>),
    /// The signature made with the other key (for the signature header).
    OtherSignature,
    /// A number (for the timestamp).
    Number(i64),
    Bytes(Vec<u8>),
}

#[derive(Arbitrary, Debug, Clone)]
enum Edit {
    Append(Name, Value),
    Insert(Name, Value),
    Remove(Name),
}

#[derive(Arbitrary, Debug, Clone)]
enum Body {
    Genuine,
    Edited(u16, u8),
    Truncated(u16),
    Bytes(Vec<u8>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Now {
    /// `TIMESTAMP + offset`.
    Near(i16),
    Any(i64),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Start {
    /// The genuinely signed response's four headers.
    Genuine,
    Empty,
}

#[derive(Arbitrary, Debug)]
struct Input {
    start: Start,
    edits: Vec<Edit>,
    body: Body,
    now: Now,
}

const FOUR: [&str; 4] = [TS, NONCE_H, SIG, SERIAL];

fn name_of(name: &Name) -> Option<HeaderName> {
    let s = match name {
        Name::Timestamp => TS,
        Name::Nonce => NONCE_H,
        Name::Signature => SIG,
        Name::Serial => SERIAL,
        Name::SignatureType => "wechatpay-signature-type",
        Name::RequestId => "request-id",
        Name::Cased(which, mask) => {
            let (which, mask) = (*which, *mask);
            let base = FOUR[usize::from(which) % 4];
            let cased: String = base
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if mask >> (i % 32) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            return HeaderName::from_bytes(cased.as_bytes()).ok();
        }
        Name::Junk(s) => return HeaderName::from_bytes(s.as_bytes()).ok(),
        Name::JunkBytes(n) => return HeaderName::from_bytes(&n.to_le_bytes()).ok(),
    };
    Some(HeaderName::from_static(s))
}

fn genuine_value(name: &HeaderName) -> Vec<u8> {
    let fixture = &*FIXTURE;
    match name.as_str() {
        TS => TIMESTAMP_STR.into(),
        NONCE_H => NONCE.into(),
        SIG => fixture.signature.clone().into_bytes(),
        SERIAL => DEFAULT_WECHATPAY_SERIAL.into(),
        "wechatpay-signature-type" => "WECHATPAY2-SHA256-RSA2048".into(),
        _ => Vec::new(),
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

fn value_of(name: &HeaderName, value: &Value) -> HeaderValue {
    let bytes = match value {
        Value::Genuine => genuine_value(name),
        Value::GenuineEdited(at, byte) => {
            let mut v = genuine_value(name);
            if !v.is_empty() {
                let i = usize::from(*at) % v.len();
                v[i] = *byte;
            }
            v
        }
        Value::GenuinePlus(extra) => {
            let mut v = genuine_value(name);
            v.extend_from_slice(extra);
            v
        }
        Value::OtherSignature => FIXTURE.other_signature.clone().into_bytes(),
        Value::Number(n) => n.to_string().into_bytes(),
        Value::Bytes(b) => b.clone(),
    };
    header_value(bytes)
}

fuzz_target!(|input: Input| {
    let fixture = &*FIXTURE;
    let mut headers = HeaderMap::new();
    if let Start::Genuine = input.start {
        for name in FOUR {
            let name = HeaderName::from_static(name);
            let value = header_value(genuine_value(&name));
            headers.append(name, value);
        }
    }
    for edit in &input.edits {
        match edit {
            Edit::Append(name, value) | Edit::Insert(name, value) => {
                if let Some(name) = name_of(name) {
                    let value = value_of(&name, value);
                    if matches!(edit, Edit::Append(..)) {
                        headers.append(name, value);
                    } else {
                        headers.insert(name, value);
                    }
                }
            }
            Edit::Remove(name) => {
                if let Some(name) = name_of(name) {
                    headers.remove(name);
                }
            }
        }
    }
    let body: Vec<u8> = match &input.body {
        Body::Genuine => BODY.to_vec(),
        Body::Edited(at, byte) => {
            let mut b = BODY.to_vec();
            let i = usize::from(*at) % b.len();
            b[i] = *byte;
            b
        }
        Body::Truncated(len) => BODY[..usize::from(*len) % (BODY.len() + 1)].to_vec(),
        Body::Bytes(b) => b.clone(),
    };
    let now = match input.now {
        Now::Near(offset) => TIMESTAMP + i64::from(offset),
        Now::Any(n) => n,
    };

    let results: Vec<_> = fixture
        .keys
        .iter()
        .map(|keys| verify_response(keys, &headers, &body, now))
        .collect();
    for r in &results[1..] {
        assert_eq!(r, &results[0], "the crypto backends disagree");
    }
    let result = &results[0];

    let single = |name: &str| -> Option<Vec<u8>> {
        let mut all = headers.get_all(name).iter();
        let first = all.next()?;
        all.next().is_none().then(|| first.as_bytes().to_vec())
    };
    let genuine = [
        (TS, TIMESTAMP_STR.as_bytes()),
        (NONCE_H, NONCE.as_bytes()),
        (SIG, fixture.signature.as_bytes()),
        (SERIAL, DEFAULT_WECHATPAY_SERIAL.as_bytes()),
    ];
    let all_genuine = body == BODY
        && genuine
            .iter()
            .all(|(name, value)| single(name).as_deref() == Some(*value));

    if result.is_ok() {
        // Soundness: only the genuinely signed message can be accepted.
        assert_eq!(body, BODY, "accepted a body that was not signed");
        assert_eq!(single(TS).as_deref(), Some(TIMESTAMP_STR.as_bytes()));
        assert_eq!(single(NONCE_H).as_deref(), Some(NONCE.as_bytes()));
        assert_eq!(
            single(SERIAL).as_deref(),
            Some(DEFAULT_WECHATPAY_SERIAL.as_bytes()),
            "accepted a signature under the serial of another key"
        );
        assert!(single(SIG).is_some());
        assert!(
            (TIMESTAMP - now).unsigned_abs() <= MAX_CLOCK_SKEW_SECS.unsigned_abs(),
            "accepted outside the skew window"
        );
    }
    if all_genuine {
        // Completeness: the genuine response passes whatever else comes with it.
        let in_window = TIMESTAMP
            .checked_sub(now)
            .is_some_and(|d| d.unsigned_abs() <= MAX_CLOCK_SKEW_SECS.unsigned_abs());
        assert_eq!(
            result.is_ok(),
            in_window,
            "genuine response, now={now}: {result:?}"
        );
    }
});
