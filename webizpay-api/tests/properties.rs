//! Properties, checked with proptest over deterministic seeds and bounded
//! case counts (each property prints how many cases it ran):
//!
//! - (a) any valid request is signed so that the simulator accepts it (it
//!   succeeds or fails only with a business error, never `SIGN_ERROR`), and
//!   the target that arrives is `Operation::target()` and decodes back to
//!   the same request;
//! - (b) `verify_response` accepts a signed response only when its body and
//!   signature bytes are unchanged;
//! - (c) whatever status, headers and body come back — through the
//!   simulator's `Fault::mutate`, or as raw bytes from a tiny TCP server —
//!   the client never panics, returns `Ok` only for a correctly signed valid
//!   body, and classifies the rest exactly as `verify_response` does.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngAlgorithm, TestRng, TestRunner};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::runtime::Runtime;
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::{sign_response, verify_response};
use webizpay_api::__internal::crypto::SigningKey;
use webizpay_api::simulator::{
    DEFAULT_MCHID, DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL, Fault,
    MERCHANT_PRIVATE_KEY_PEM, SimResponse, Simulator, WECHATPAY_PRIVATE_KEY_PEM,
    WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, ApplyAuthorizationResponse, Backend, Client, Clock,
    Config, Error, ErrorCode, Operation, RevokeAuthorizationRequest, VerificationFailure,
};

// ---------------------------------------------------------------------------
// Shared plumbing
// ---------------------------------------------------------------------------

/// A runner with a fixed seed: the same cases on every run.
fn runner(cases: u32) -> TestRunner {
    TestRunner::new_with_rng(
        ProptestConfig {
            cases,
            failure_persistence: None,
            ..ProptestConfig::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    )
}

fn run<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let count = AtomicU64::new(0);
    let result = runner(cases).run(&strategy, |v| {
        count.fetch_add(1, Ordering::Relaxed);
        test(v)
    });
    let n = count.load(Ordering::Relaxed);
    println!("properties: {name}: {n} cases run");
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    assert!(n >= u64::from(cases), "{name}: only {n} cases ran");
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

#[derive(Debug)]
struct Fixed(i64);

impl Clock for Fixed {
    fn now_unix(&self) -> i64 {
        self.0
    }
}

fn now() -> i64 {
    webizpay_api::SystemClock.now_unix()
}

fn wechatpay_key() -> Arc<dyn SigningKey> {
    Arc::from(
        Backend::default()
            .signing_key_from_pem(WECHATPAY_PRIVATE_KEY_PEM)
            .expect("key"),
    )
}

fn header_map(headers: &[(String, String)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).expect("header name"),
            HeaderValue::from_str(value).expect("header value"),
        );
    }
    map
}

// ---------------------------------------------------------------------------
// (a) valid requests are signed acceptably and arrive intact
// ---------------------------------------------------------------------------

fn user_id() -> impl Strategy<Value = String> {
    "[0-9A-Za-z_|*-]{6,32}"
}

/// Any character, with the ones that need percent-encoding over-represented.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            ' ', '/', '%', '?', '#', '&', '=', '+', '.', '~', '\\', '"', '\'', '\n', '\r', '\0',
            '\t', 'é', '员', '😀', '\u{feff}', '\u{200b}',
        ]),
        2 => prop::char::range('a', 'z'),
    ]
}

fn chars(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 1..=max).prop_map(String::from_iter)
}

fn sub_mchid() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9]{1,32}", chars(32)]
}

/// Mostly the simulator's own mchid (the request then must succeed), sometimes another.
fn sp_mchid() -> impl Strategy<Value = String> {
    prop_oneof![4 => Just(DEFAULT_MCHID.to_owned()), 1 => "[0-9]{1,32}"]
}

fn application_type() -> impl Strategy<Value = ApplicationType> {
    prop_oneof![
        Just(ApplicationType::H5),
        Just(ApplicationType::Miniprogram)
    ]
}

fn apply_request() -> impl Strategy<Value = ApplyAuthorizationRequest> {
    (user_id(), sub_mchid(), application_type()).prop_map(
        |(user_id, sub_mchid, application_type)| {
            ApplyAuthorizationRequest::builder()
                .user_id(user_id)
                .sub_mchid(sub_mchid)
                .application_type(application_type)
                .build()
        },
    )
}

struct Fixture {
    rt: Runtime,
    sim: Simulator,
    client: Client,
}

fn fixture(timeout: Duration, clock: i64) -> Fixture {
    let rt = runtime();
    let sim = rt.block_on(Simulator::start()).expect("simulator");
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(timeout)
        .clock(Arc::new(Fixed(clock)))
        .build()
        .expect("client");
    Fixture { rt, sim, client }
}

/// Checks what the simulator received for `req`: the exact target, decoding
/// back to the same request with the configured mchid filled in, and no
/// signature complaint.
fn arrived_intact<O: Operation + PartialEq + Clone + std::fmt::Debug>(
    sim: &Simulator,
    req: &O,
) -> Result<(), TestCaseError> {
    let got = sim.last_request().expect("recorded");
    prop_assert_eq!(&got.target, &req.target(sim.mchid()));
    let decoded = webizpay_api::__internal::from_wire::<O>(&got.target, &got.body);
    prop_assert_eq!(decoded, Ok((req.clone(), Some(sim.mchid().to_owned()))));
    prop_assert_ne!(got.error_code.as_deref(), Some("SIGN_ERROR"));
    Ok(())
}

#[test]
fn any_valid_apply_is_signed_acceptably_and_arrives_intact() {
    let f = fixture(Duration::from_secs(10), now());
    run("(a) apply_authorization", 128, apply_request(), |req| {
        let before = f.sim.request_count();
        let result = f.rt.block_on(f.client.apply_authorization(&req));
        prop_assert_eq!(f.sim.request_count(), before + 1);
        arrived_intact(&f.sim, &req)?;
        // sp_mchid is the configured mchid: every valid request is accepted.
        match result {
            Ok(r) => {
                prop_assert_eq!(&r.user_id, &req.user_id);
                prop_assert_eq!(&r.sub_mchid, &req.sub_mchid);
                prop_assert_eq!(&r.sp_mchid, DEFAULT_MCHID);
                prop_assert_eq!(&r.application_type, &req.application_type);
            }
            Err(e) => prop_assert!(false, "{:?}", e),
        }
        Ok(())
    });
}

#[derive(Clone, Debug)]
enum RevokeCase {
    /// Any employee id: the simulator does not know it.
    Unknown(RevokeAuthorizationRequest),
    /// A real employee of a user under an arbitrary sub_mchid.
    Real { user_id: String, sub_mchid: String },
}

fn revoke_case() -> impl Strategy<Value = RevokeCase> {
    prop_oneof![
        // Whole dot segments are rejected before sending: see `dot_segment_employee_ids_arrive_as_signed`.
        3 => (
            chars(64).prop_filter("dot segment", |s| s != "." && s != ".."),
            sub_mchid(),
        )
            .prop_map(|(employee_id, sub_mchid)| {
            RevokeCase::Unknown(RevokeAuthorizationRequest::builder().employee_id(employee_id).sub_mchid(sub_mchid).build())
        }),
        1 => (user_id(), sub_mchid()).prop_map(|(user_id, sub_mchid)| RevokeCase::Real {
            user_id,
            sub_mchid,
        }),
    ]
}

#[test]
fn any_valid_revoke_is_signed_acceptably_and_arrives_intact() {
    let f = fixture(Duration::from_secs(10), now());
    run("(a) revoke_authorization", 128, revoke_case(), |case| {
        let (req, user) = match case {
            RevokeCase::Unknown(req) => (req, None),
            RevokeCase::Real { user_id, sub_mchid } => {
                let apply = ApplyAuthorizationRequest::builder()
                    .user_id(user_id.clone())
                    .sub_mchid(sub_mchid.clone())
                    .application_type(ApplicationType::H5)
                    .build();
                let link = f.rt.block_on(f.client.apply_authorization(&apply));
                prop_assert!(link.is_ok(), "{:?}", link);
                // A user authorized before (shrinking repeats inputs) gets no new link.
                let employee_id =
                    match f
                        .sim
                        .accept_authorization(DEFAULT_MCHID, &sub_mchid, &user_id)
                    {
                        Some(id) => id,
                        None => f
                            .sim
                            .employee_id(DEFAULT_MCHID, &sub_mchid, &user_id)
                            .expect("authorized before"),
                    };
                let req = RevokeAuthorizationRequest::builder()
                    .employee_id(employee_id)
                    .sub_mchid(sub_mchid)
                    .build();
                (req, Some(user_id))
            }
        };
        let before = f.sim.request_count();
        let result = f.rt.block_on(f.client.revoke_authorization(&req));
        prop_assert_eq!(f.sim.request_count(), before + 1);
        arrived_intact(&f.sim, &req)?;
        match (result, user) {
            (Ok(r), Some(user_id)) => {
                prop_assert_eq!(&r.user_id, &user_id);
                prop_assert_eq!(&r.sub_mchid, &req.sub_mchid);
            }
            (Err(Error::Api(e)), None) if e.code == ErrorCode::ResourceNotExists => {
                prop_assert_eq!(e.status, 404);
                prop_assert!(e.message.starts_with("employee_id"), "{}", e);
            }
            (Err(Error::Api(e)), None) => {
                prop_assert_eq!(&e.code, &ErrorCode::ParamError, "{}", e);
                let field = e.detail.as_ref().and_then(|d| d["field"].as_str());
                prop_assert!(
                    matches!(field, Some("employee_id" | "sp_mchid")),
                    "{:?}",
                    field
                );
            }
            (other, user) => prop_assert!(false, "user {:?}: {:?}", user, other),
        }
        Ok(())
    });
}

/// `.` and `..` as whole path segments would be removed by URL
/// normalization, so the request would go elsewhere than where it was signed
/// for: they are rejected before anything is sent. Other dotted ids arrive
/// exactly as signed.
#[test]
fn dot_segment_employee_ids_arrive_as_signed() {
    let f = fixture(Duration::from_secs(10), now());
    for employee_id in [".", ".."] {
        let req = RevokeAuthorizationRequest::builder()
            .employee_id(employee_id)
            .sub_mchid("43214321")
            .build();
        let err =
            f.rt.block_on(f.client.revoke_authorization(&req))
                .expect_err("a dot segment must be rejected");
        assert_eq!(
            err.to_string(),
            "invalid request, nothing was sent: employee_id: \".\" and \"..\" cannot be path segments (URLs remove them)"
        );
    }
    assert_eq!(f.sim.request_count(), 0, "a dot-segment request was sent");
    for employee_id in ["...", ".a", "a.", "a/..", "%2e"] {
        let req = RevokeAuthorizationRequest::builder()
            .employee_id(employee_id)
            .sub_mchid("43214321")
            .build();
        let result = f.rt.block_on(f.client.revoke_authorization(&req));
        let got = f.sim.last_request().expect("recorded");
        assert_eq!(
            got.target,
            req.target(f.sim.mchid()),
            "{employee_id:?}: {result:?}"
        );
        assert_eq!(
            got.operation,
            Some("revoke_authorization"),
            "{employee_id:?}"
        );
        assert_ne!(
            got.error_code.as_deref(),
            Some("SIGN_ERROR"),
            "{employee_id:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// (b) verification fails unless the bytes are unchanged
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Edit {
    /// XOR a body byte (index modulo the length) with a non-zero mask.
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    /// XOR a byte of the decoded signature with a non-zero mask.
    FlipSignature(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), 1..=255u8).prop_map(|(i, m)| Edit::Flip(i, m)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
        2 => any::<usize>().prop_map(Edit::Delete),
        1 => (any::<usize>(), 1..=255u8).prop_map(|(i, m)| Edit::FlipSignature(i, m)),
    ]
}

fn response_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (user_id(), sub_mchid()).prop_map(|(u, s)| {
            serde_json::to_vec(&serde_json::json!({
                "sp_mchid": DEFAULT_MCHID, "sub_mchid": s, "user_id": u,
                "application_type": "H5", "expire_time": "2015-05-20T13:29:35+08:00",
                "authorization_url": "weixin://dl/liteapp?url=https%3A%2F%2Fexample",
            }))
            .expect("JSON")
        }),
        prop::collection::vec(any::<u8>(), 0..300),
    ]
}

#[test]
fn verification_fails_unless_the_signed_bytes_are_unchanged() {
    let signer = wechatpay_key();
    let keys: Vec<_> = Backend::all()
        .iter()
        .map(|&b| {
            Config::builder()
                .mchid(DEFAULT_MCHID)
                .merchant_serial(DEFAULT_MERCHANT_SERIAL)
                .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
                .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
                .backend(b)
                .build()
                .expect("config")
                .wechatpay_keys()
                .clone()
        })
        .collect();
    let now = 1_700_000_000;
    let nonce = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    let strategy = (response_body(), prop::collection::vec(edit(), 0..4));
    run(
        "(b) verify_response under byte edits",
        256,
        strategy,
        |(body, edits)| {
            let signature = STANDARD
                .decode(sign_response(&*signer, now, nonce, &body))
                .expect("base64");
            let (mut got_body, mut got_sig) = (body.clone(), signature.clone());
            for e in &edits {
                match *e {
                    Edit::Flip(i, m) if !got_body.is_empty() => {
                        let i = i % got_body.len();
                        got_body[i] ^= m;
                    }
                    Edit::Insert(i, b) => got_body.insert(i % (got_body.len() + 1), b),
                    Edit::Delete(i) if !got_body.is_empty() => {
                        got_body.remove(i % got_body.len());
                    }
                    Edit::FlipSignature(i, m) => {
                        let i = i % got_sig.len();
                        got_sig[i] ^= m;
                    }
                    _ => {}
                }
            }
            let headers = header_map(&[
                ("Wechatpay-Timestamp".into(), now.to_string()),
                ("Wechatpay-Nonce".into(), nonce.into()),
                ("Wechatpay-Signature".into(), STANDARD.encode(&got_sig)),
                ("Wechatpay-Serial".into(), DEFAULT_WECHATPAY_SERIAL.into()),
            ]);
            let unchanged = got_body == body && got_sig == signature;
            for keys in &keys {
                let verdict = verify_response(keys, &headers, &got_body, now);
                if unchanged {
                    prop_assert_eq!(verdict, Ok(()));
                } else {
                    prop_assert_eq!(verdict, Err(VerificationFailure::BadSignature));
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------
// (c) arbitrary responses: no panic, Ok only when genuinely signed
// ---------------------------------------------------------------------------

const HEADER_POOL: &[&str] = &[
    "Wechatpay-Timestamp",
    "Wechatpay-Nonce",
    "Wechatpay-Signature",
    "Wechatpay-Serial",
    "Wechatpay-Signature-Type",
    "Request-ID",
    "Content-Type",
];

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(HEADER_POOL).prop_map(str::to_owned),
        1 => "X-[A-Za-z0-9-]{1,16}",
    ]
}

/// Header values that are valid on the wire: visible ASCII, sometimes with
/// spaces inside, sometimes empty, digits or base64-looking.
fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[!-~]{0,64}",
        "[!-~][ -~]{0,40}[!-~]",
        "[0-9]{1,12}",
        "-?[0-9]{1,20}",
        "[A-Za-z0-9+/]{0,344}={0,2}",
        "WECHATPAY/SIGNTEST/[A-Za-z0-9+/=]{0,40}",
    ]
}

#[derive(Clone, Debug)]
enum RespEdit {
    Status(u16),
    Body(Vec<u8>),
    BodyText(String),
    /// Replaces the body and signs it correctly (so only its shape can fail).
    SignedBody(Vec<u8>),
    Set(String, String),
    Append(String, String),
    Duplicate(String),
    Remove(String),
    /// Sets `Content-Length` to the body length plus this (framing broken).
    ContentLength(i8),
}

fn resp_edit() -> impl Strategy<Value = RespEdit> {
    prop_oneof![
        2 => prop_oneof![200..=299u16, 100..=599u16].prop_map(RespEdit::Status),
        2 => prop::collection::vec(any::<u8>(), 0..256).prop_map(RespEdit::Body),
        1 => any::<String>().prop_map(RespEdit::BodyText),
        1 => prop_oneof![
            prop::collection::vec(any::<u8>(), 0..64),
            Just(br#"{"sp_mchid":"1","sub_mchid":"2","user_id":"u","application_type":"H5"}"#.to_vec()),
            Just(br#"{"code":"SYSTEM_ERROR","message":"x"}"#.to_vec()),
        ]
        .prop_map(RespEdit::SignedBody),
        3 => (header_name(), header_value()).prop_map(|(n, v)| RespEdit::Set(n, v)),
        1 => (header_name(), header_value()).prop_map(|(n, v)| RespEdit::Append(n, v)),
        1 => header_name().prop_map(RespEdit::Duplicate),
        2 => header_name().prop_map(RespEdit::Remove),
        // Shorter only: a longer one just waits for the timeout.
        1 => (-4..=0i8).prop_map(RespEdit::ContentLength),
    ]
}

fn apply_edits(r: &mut SimResponse, edits: &[RespEdit], key: &dyn SigningKey) {
    for e in edits {
        match e {
            RespEdit::Status(s) => r.status = *s,
            RespEdit::Body(b) => r.body.clone_from(b),
            RespEdit::BodyText(t) => r.body = t.clone().into_bytes(),
            RespEdit::SignedBody(b) => {
                r.body.clone_from(b);
                let ts = r.header("Wechatpay-Timestamp").and_then(|t| t.parse().ok());
                let nonce = r.header("Wechatpay-Nonce").map(str::to_owned);
                if let (Some(ts), Some(nonce)) = (ts, nonce) {
                    let signature = sign_response(key, ts, &nonce, &r.body);
                    r.set_header("Wechatpay-Signature", signature);
                }
            }
            RespEdit::Set(n, v) => r.set_header(n, v.clone()),
            RespEdit::Append(n, v) => r.append_header(n.clone(), v.clone()),
            RespEdit::Duplicate(n) => {
                if let Some(v) = r.header(n).map(str::to_owned) {
                    r.append_header(n.clone(), v);
                }
            }
            RespEdit::Remove(n) => r.remove_header(n),
            RespEdit::ContentLength(d) => {
                let len = (r.body.len() as i64 + i64::from(*d)).max(0);
                r.set_header("Content-Length", len.to_string());
            }
        }
    }
    // Each case on its own connection: a broken frame cannot spill into the next.
    r.set_header("Connection", "close");
}

#[derive(Default, Debug)]
struct Outcomes {
    ok: AtomicU64,
    verification: AtomicU64,
    api: AtomicU64,
    decode: AtomicU64,
    transport: AtomicU64,
}

impl Outcomes {
    fn report(&self, name: &str) -> [u64; 5] {
        let v = [
            self.ok.load(Ordering::Relaxed),
            self.verification.load(Ordering::Relaxed),
            self.api.load(Ordering::Relaxed),
            self.decode.load(Ordering::Relaxed),
            self.transport.load(Ordering::Relaxed),
        ];
        println!(
            "properties: {name}: outcomes ok {} / verification {} / api {} / decode {} / transport {}",
            v[0], v[1], v[2], v[3], v[4]
        );
        v
    }
}

#[test]
fn any_response_through_the_simulator_is_classified_and_never_panics() {
    let now = now();
    // 1xx answers leave the client waiting for the final one: a short timeout.
    let f = fixture(Duration::from_secs(1), now);
    let key = wechatpay_key();
    let keys = f.sim.client_config().wechatpay_keys().clone();
    let outcomes = Outcomes::default();
    let strategy = prop::collection::vec(resp_edit(), 0..5);
    run(
        "(c) arbitrary responses via Fault::mutate",
        256,
        strategy,
        |edits| {
            let seen: Arc<Mutex<Option<SimResponse>>> = Arc::default();
            {
                let (seen, key, edits) = (Arc::clone(&seen), Arc::clone(&key), edits.clone());
                f.sim.inject(Fault::mutate(move |r| {
                    apply_edits(r, &edits, &*key);
                    *seen.lock().expect("lock") = Some(r.clone());
                }));
            }
            let req = ApplyAuthorizationRequest::builder()
                .user_id("property_c")
                .sub_mchid("43214321")
                .application_type(ApplicationType::H5)
                .build();
            let result = f.rt.block_on(f.client.apply_authorization(&req));
            let sent = seen.lock().expect("lock").take().expect("the hook ran");
            let success = (200..300).contains(&sent.status);
            // Framing that HTTP itself changes: no body for 1xx/204/304, or a
            // Content-Length that does not match.
            let length_ok = sent
                .header("Content-Length")
                .is_none_or(|v| v.parse::<usize>().ok() == Some(sent.body.len()));
            let framed = !(100..200).contains(&sent.status)
                && sent.status != 204
                && sent.status != 304
                && length_ok;
            let verdict = verify_response(&keys, &header_map(&sent.headers), &sent.body, now);
            match &result {
                Ok(r) => {
                    outcomes.ok.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(success && framed, "Ok for {:?}", sent);
                    prop_assert_eq!(&verdict, &Ok(()));
                    let body: ApplyAuthorizationResponse =
                        serde_json::from_slice(&sent.body).expect("decodes");
                    prop_assert_eq!(r.body(), &body);
                    prop_assert_eq!(r.meta().status, sent.status);
                    prop_assert!(
                        webizpay_api::__internal::check_response(&req, DEFAULT_MCHID, &body)
                            .is_ok(),
                        "an answer to another request"
                    );
                }
                Err(Error::Verification(v)) => {
                    outcomes.verification.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(success);
                    prop_assert_eq!(v.status, sent.status);
                    if framed {
                        match (&v.failure, &verdict) {
                            // Signed, but it answers another request.
                            (VerificationFailure::ResponseMismatch { .. }, Ok(())) => {
                                let body: ApplyAuthorizationResponse =
                                    serde_json::from_slice(&sent.body).expect("decodes");
                                prop_assert!(
                                    webizpay_api::__internal::check_response(
                                        &req,
                                        DEFAULT_MCHID,
                                        &body
                                    )
                                    .is_err()
                                );
                            }
                            // Signed, and already accepted once.
                            (VerificationFailure::Replayed, Ok(())) => {}
                            _ => prop_assert_eq!(Err(v.failure.clone()), verdict),
                        }
                        prop_assert_eq!(v.request_id.as_deref(), sent.header("Request-ID"));
                    }
                }
                Err(Error::Decode(d)) => {
                    outcomes.decode.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(success && framed);
                    prop_assert_eq!(&verdict, &Ok(()));
                    prop_assert_eq!(&d.body, &String::from_utf8_lossy(&sent.body));
                }
                Err(Error::Api(a)) => {
                    outcomes.api.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(!success);
                    prop_assert_eq!(a.status, sent.status);
                    if framed {
                        prop_assert_eq!(&a.body, &String::from_utf8_lossy(&sent.body));
                    }
                }
                Err(Error::Transport(t)) => {
                    outcomes.transport.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(!framed, "transport error on a well-framed response: {}", t);
                    prop_assert!(t.may_have_been_sent);
                }
                Err(e) => prop_assert!(false, "{:?}", e),
            }
            Ok(())
        },
    );
    let [ok, verification, api, decode, _] =
        outcomes.report("(c) arbitrary responses via Fault::mutate");
    // The generator reaches every class, or the property proves little.
    assert!(ok > 0 && verification > 0 && api > 0 && decode > 0);
}

/// A tiny HTTP server that reads one request per connection, answers with
/// the next queued bytes, and closes.
async fn raw_server(queue: Arc<Mutex<VecDeque<Vec<u8>>>>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let queue = Arc::clone(&queue);
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                // The head, then Content-Length body bytes.
                let head_end = loop {
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                while buf.len() < head_end + length {
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let response = queue.lock().expect("lock").pop_front().unwrap_or_default();
                let _ = stream.write_all(&response).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    addr
}

#[derive(Clone, Debug)]
enum Raw {
    /// Any bytes at all.
    Bytes(Vec<u8>),
    /// A well-formed HTTP/1.1 response with arbitrary status, headers and body.
    Framed {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
}

impl Raw {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Raw::Bytes(b) => b.clone(),
            Raw::Framed {
                status,
                headers,
                body,
            } => {
                let mut out = format!("HTTP/1.1 {status} Whatever\r\n").into_bytes();
                for (n, v) in headers {
                    out.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
                }
                out.extend_from_slice(
                    format!(
                        "Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .as_bytes(),
                );
                out.extend_from_slice(body);
                out
            }
        }
    }
}

fn raw_response() -> impl Strategy<Value = Raw> {
    let headers = prop::collection::vec((header_name(), header_value()), 0..8);
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..512).prop_map(Raw::Bytes),
        1 => "HTTP/1\\.[01] [0-9]{3}[ -~]{0,20}\r\n([!-~]{1,10}: [ -~]{0,20}\r\n){0,4}\r\n[ -~]{0,40}"
            .prop_map(|s| Raw::Bytes(s.into_bytes())),
        3 => (
            prop_oneof![200..=299u16, 200..=599u16],
            headers,
            prop::collection::vec(any::<u8>(), 0..256),
        )
            .prop_map(|(status, headers, body)| Raw::Framed { status, headers, body }),
    ]
}

#[test]
fn any_bytes_from_the_server_are_an_error_and_never_a_panic() {
    let rt = runtime();
    let queue: Arc<Mutex<VecDeque<Vec<u8>>>> = Arc::default();
    let addr = rt.block_on(raw_server(Arc::clone(&queue)));
    let sim_config = rt
        .block_on(Simulator::start())
        .expect("simulator")
        .client_config();
    let now = now();
    let client = Client::builder(sim_config)
        .base_url(format!("http://{addr}"))
        .timeout(Duration::from_secs(2))
        .clock(Arc::new(Fixed(now)))
        .build()
        .expect("client");
    let outcomes = Outcomes::default();
    run(
        "(c) arbitrary bytes from a raw TCP server",
        256,
        raw_response(),
        |raw| {
            queue.lock().expect("lock").push_back(raw.bytes());
            let req = ApplyAuthorizationRequest::builder()
                .user_id("property_raw")
                .sub_mchid("43214321")
                .application_type(ApplicationType::H5)
                .build();
            let result = rt.block_on(client.apply_authorization(&req));
            queue.lock().expect("lock").clear();
            match (&raw, &result) {
                (_, Ok(r)) => prop_assert!(false, "accepted a forged response: {:?}", r),
                (
                    Raw::Framed {
                        status, headers, ..
                    },
                    Err(e),
                ) if *status != 204 && *status != 304 => {
                    if (200..300).contains(status) {
                        outcomes.verification.fetch_add(1, Ordering::Relaxed);
                        let Error::Verification(v) = e else {
                            return Err(TestCaseError::fail(format!("{e:?}")));
                        };
                        prop_assert_eq!(v.status, *status);
                        // Whatever arrived is refused exactly as verify_response refuses it.
                        let keys = client.config().wechatpay_keys();
                        let Raw::Framed { body, .. } = &raw else {
                            unreachable!()
                        };
                        let verdict = verify_response(keys, &header_map(headers), body, now);
                        prop_assert_eq!(Err(v.failure.clone()), verdict);
                    } else {
                        outcomes.api.fetch_add(1, Ordering::Relaxed);
                        prop_assert!(matches!(e, Error::Api(a) if a.status == *status), "{:?}", e);
                    }
                }
                (_, Err(Error::Transport(_))) => {
                    outcomes.transport.fetch_add(1, Ordering::Relaxed);
                }
                (_, Err(Error::Api(_))) => {
                    outcomes.api.fetch_add(1, Ordering::Relaxed);
                }
                (_, Err(Error::Verification(_))) => {
                    outcomes.verification.fetch_add(1, Ordering::Relaxed);
                }
                (_, Err(e)) => prop_assert!(false, "{:?}", e),
            }
            Ok(())
        },
    );
    let [ok, verification, api, _, transport] =
        outcomes.report("(c) arbitrary bytes from a raw TCP server");
    assert_eq!(ok, 0);
    assert!(verification > 0 && api > 0 && transport > 0);
}

// ---------------------------------------------------------------------------
// The echo check: a response answers its request exactly when every echoed
// field is equal.
// ---------------------------------------------------------------------------

#[test]
fn the_echo_check_accepts_exactly_the_answers_to_the_request() {
    run(
        "echo_check",
        512,
        (
            apply_request(),
            sp_mchid(),
            sub_mchid(),
            user_id(),
            application_type(),
            any::<bool>(),
        ),
        |(request, answered_mchid, other_sub, other_user, other_type, keep)| {
            // An answer built from the request, with echoed fields either
            // kept or replaced by arbitrary values.
            let response = ApplyAuthorizationResponse::builder()
                .sp_mchid(answered_mchid)
                .sub_mchid(if keep {
                    request.sub_mchid.clone()
                } else {
                    other_sub
                })
                .user_id(if keep {
                    request.user_id.clone()
                } else {
                    other_user
                })
                .application_type(if keep {
                    request.application_type.clone()
                } else {
                    other_type
                })
                .build();
            let all_equal = response.sp_mchid == DEFAULT_MCHID
                && response.sub_mchid == request.sub_mchid
                && response.user_id == request.user_id
                && response.application_type == request.application_type;
            let checked =
                webizpay_api::__internal::check_response(&request, DEFAULT_MCHID, &response);
            prop_assert_eq!(checked.is_ok(), all_equal, "{:?}", checked);
            if let Err(m) = checked {
                // It names an echoed field whose two values differ, both in
                // Debug form (control characters escaped).
                prop_assert!(
                    ["sp_mchid", "sub_mchid", "user_id", "application_type"].contains(&m.field)
                );
                prop_assert_ne!(&m.sent, &m.received);
                prop_assert!(!m.sent.chars().any(char::is_control));
                prop_assert!(!m.received.chars().any(char::is_control));
            }
            Ok(())
        },
    );
}
