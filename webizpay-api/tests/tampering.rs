//! Proof under attack: a table of manipulations of a genuine, signed 2xx
//! response, each sent through the real client against the simulator, each
//! rejected with its exact `VerificationFailure`, none accepted. Positive
//! controls (the unmodified response, the +300 s edge of the window, a
//! response signed by the second configured key) prove the table can accept;
//! the -300 s edge is refused once the client has accepted an answer, as
//! signed before its request was sent.
//!
//! The table runs for both operations. The client trusts TWO WeChat Pay keys:
//! the simulator's and `OTHER_PUBLIC_KEY_PEM` under a second id.

use std::sync::Arc;
use std::time::Duration;

use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::sign_response;
use webizpay_api::__internal::crypto::SigningKey;
use webizpay_api::simulator::{
    Fault, OTHER_KEY_PEM, OTHER_PUBLIC_KEY_PEM, SimResponse, Simulator, UNKNOWN_SERIAL,
    WECHATPAY_PRIVATE_KEY_PEM,
};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Backend, Client, Clock, Config, Error,
    RevokeAuthorizationRequest, VerificationFailure,
};

/// The id under which the client also trusts `OTHER_PUBLIC_KEY_PEM`.
const OTHER_SERIAL: &str = "PUB_KEY_ID_0114232134912410000000000002";
const SUB: &str = "43214321";

const TS: &str = "Wechatpay-Timestamp";
const NONCE: &str = "Wechatpay-Nonce";
const SIG: &str = "Wechatpay-Signature";
const SERIAL: &str = "Wechatpay-Serial";
const SIGNATURE_HEADERS: [&str; 4] = [TS, NONCE, SIG, SERIAL];

/// A clock fixed at the start of the test, so that timestamp skews are exact
/// (the simulator's request window of 300 s is far from being reached).
#[derive(Debug)]
struct Fixed(i64);

impl Clock for Fixed {
    fn now_unix(&self) -> i64 {
        self.0
    }
}

type Key = Arc<dyn SigningKey>;

fn key(pem: &str) -> Key {
    Arc::from(Backend::default().signing_key_from_pem(pem).expect("key"))
}

/// Re-signs `resp` with `key` over `timestamp`, `nonce` and its current body,
/// as a genuine response with those values would be signed.
fn resign(resp: &mut SimResponse, key: &dyn SigningKey, timestamp: i64, nonce: &str) {
    let signature = sign_response(key, timestamp, nonce, &resp.body);
    resp.set_header(TS, timestamp.to_string());
    resp.set_header(NONCE, nonce);
    resp.set_header(SIG, signature);
}

fn header(resp: &SimResponse, name: &str) -> String {
    resp.header(name)
        .unwrap_or_else(|| panic!("the signed response has no {name}"))
        .to_owned()
}

/// Flips the lowest bit of the body byte that `at` picks.
fn flip(at: fn(&[u8]) -> usize) -> Fault {
    Fault::mutate(move |r| {
        let i = at(&r.body);
        r.body[i] ^= 0x01;
    })
}

/// Index of the first byte of the `user_id` string value (both operations
/// answer with one).
fn user_id_value(body: &[u8]) -> usize {
    let needle = br#""user_id":""#;
    body.windows(needle.len())
        .position(|w| w == needle)
        .expect("a user_id in the body")
        + needle.len()
}

enum Expect {
    Accept,
    Reject(VerificationFailure),
    /// Refused as signed before its request was sent, at this timestamp.
    Predates(i64),
}

struct Case {
    name: &'static str,
    fault: Option<Fault>,
    expect: Expect,
}

fn reject(name: &'static str, fault: Fault, failure: VerificationFailure) -> Case {
    Case {
        name,
        fault: Some(fault),
        expect: Expect::Reject(failure),
    }
}

fn accept(name: &'static str, fault: Option<Fault>) -> Case {
    Case {
        name,
        fault,
        expect: Expect::Accept,
    }
}

fn cases(now: i64) -> Vec<Case> {
    let wechatpay = key(WECHATPAY_PRIVATE_KEY_PEM);
    let other = key(OTHER_KEY_PEM);
    let mut cases = vec![
        // ---- positive controls --------------------------------------------
        accept("unmodified", None),
        accept(
            "unmodified through a no-op hook",
            Some(Fault::mutate(|_| {})),
        ),
        {
            // Within the ±300 s window, but older than the request: once the
            // client has accepted an answer (the setup's), it knows WeChat
            // Pay's clock well enough to refuse it.
            let k = Arc::clone(&wechatpay);
            Case {
                name: "timestamp exactly 300 s in the past, before the request was sent",
                fault: Some(Fault::mutate(move |r| {
                    let n = header(r, NONCE);
                    resign(r, &*k, now - 300, &n);
                })),
                expect: Expect::Predates(now - 300),
            }
        },
        {
            let k = Arc::clone(&wechatpay);
            accept(
                "timestamp exactly 300 s in the future",
                Some(Fault::mutate(move |r| {
                    let n = header(r, NONCE);
                    resign(r, &*k, now + 300, &n);
                })),
            )
        },
        {
            let k = Arc::clone(&other);
            accept(
                "signed by the second configured key, naming its serial",
                Some(Fault::mutate(move |r| {
                    let n = header(r, NONCE);
                    resign(r, &*k, now, &n);
                    r.set_header(SERIAL, OTHER_SERIAL);
                })),
            )
        },
        // ---- the body -----------------------------------------------------
        reject(
            "first body byte flipped",
            flip(|_| 0),
            VerificationFailure::BadSignature,
        ),
        reject(
            "middle body byte flipped",
            flip(|b| b.len() / 2),
            VerificationFailure::BadSignature,
        ),
        reject(
            "last body byte flipped",
            flip(|b| b.len() - 1),
            VerificationFailure::BadSignature,
        ),
        reject(
            "byte inside the user_id value flipped",
            flip(user_id_value),
            VerificationFailure::BadSignature,
        ),
        reject(
            "structural ':' flipped",
            flip(|b| b.iter().position(|&c| c == b':').expect("a colon")),
            VerificationFailure::BadSignature,
        ),
        reject(
            "simulator TamperBody (one letter's case in a value)",
            Fault::TamperBody,
            VerificationFailure::BadSignature,
        ),
        reject(
            "body replaced by a valid body for another user_id",
            Fault::mutate(|r| {
                let mut v: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON");
                v["user_id"] = "intruder_01".into();
                r.body = serde_json::to_vec(&v).expect("JSON");
            }),
            VerificationFailure::BadSignature,
        ),
        reject(
            "body replaced by {}",
            Fault::ReplaceBody(b"{}".to_vec()),
            VerificationFailure::BadSignature,
        ),
        reject(
            "body truncated to half",
            Fault::mutate(|r| {
                let half = r.body.len() / 2;
                r.body.truncate(half);
            }),
            VerificationFailure::BadSignature,
        ),
        reject(
            "body emptied",
            Fault::mutate(|r| r.body.clear()),
            VerificationFailure::BadSignature,
        ),
        reject(
            "trailing newline added",
            Fault::mutate(|r| r.body.push(b'\n')),
            VerificationFailure::BadSignature,
        ),
        reject(
            "trailing space added",
            Fault::mutate(|r| r.body.push(b' ')),
            VerificationFailure::BadSignature,
        ),
        reject(
            "leading whitespace added",
            Fault::mutate(|r| r.body.insert(0, b' ')),
            VerificationFailure::BadSignature,
        ),
        reject(
            "2xx error-shaped body with the original signature",
            Fault::mutate(|r| {
                r.body = br#"{"code":"SYSTEM_ERROR","message":"forged"}"#.to_vec();
            }),
            VerificationFailure::BadSignature,
        ),
    ];
    // ---- each signature header missing, empty, duplicated (12 cases) --------
    for name in SIGNATURE_HEADERS {
        cases.push(reject(
            match name {
                TS => "Wechatpay-Timestamp missing",
                NONCE => "Wechatpay-Nonce missing",
                SIG => "Wechatpay-Signature missing",
                _ => "Wechatpay-Serial missing",
            },
            Fault::mutate(move |r| r.remove_header(name)),
            VerificationFailure::MissingHeader(name),
        ));
        cases.push(reject(
            match name {
                TS => "Wechatpay-Timestamp empty",
                NONCE => "Wechatpay-Nonce empty",
                SIG => "Wechatpay-Signature empty",
                _ => "Wechatpay-Serial empty",
            },
            Fault::mutate(move |r| r.set_header(name, "")),
            VerificationFailure::EmptyHeader(name),
        ));
        cases.push(reject(
            match name {
                TS => "Wechatpay-Timestamp duplicated",
                NONCE => "Wechatpay-Nonce duplicated",
                SIG => "Wechatpay-Signature duplicated",
                _ => "Wechatpay-Serial duplicated",
            },
            // The same value twice: even an identical duplicate is refused.
            Fault::mutate(move |r| {
                let v = header(r, name);
                r.append_header(name, v);
            }),
            VerificationFailure::DuplicateHeader(name),
        ));
    }
    cases.extend([
        reject(
            "Wechatpay-Nonce with a space inside",
            Fault::mutate(|r| {
                let n = header(r, NONCE);
                r.set_header(NONCE, format!("{} {}", &n[..8], &n[8..]));
            }),
            VerificationFailure::InvalidHeader(NONCE),
        ),
        // ---- the signature --------------------------------------------------
        reject(
            "signature not base64",
            Fault::mutate(|r| r.set_header(SIG, "not*base64!")),
            VerificationFailure::SignatureNotBase64,
        ),
        reject(
            "signature cut short (valid base64, 3 bytes fewer)",
            Fault::mutate(|r| {
                let s = header(r, SIG);
                r.set_header(SIG, &s[..s.len() - 4]);
            }),
            VerificationFailure::BadSignature,
        ),
        {
            let k = Arc::clone(&wechatpay);
            reject(
                "signature over the same body with another nonce",
                Fault::mutate(move |r| {
                    let ts: i64 = header(r, TS).parse().expect("timestamp");
                    let signature =
                        sign_response(&*k, ts, "0123456789abcdef0123456789ABCDEF", &r.body);
                    r.set_header(SIG, signature);
                }),
                VerificationFailure::BadSignature,
            )
        },
        {
            let k = Arc::clone(&wechatpay);
            reject(
                "signature of another body, same timestamp and nonce",
                Fault::mutate(move |r| {
                    let ts: i64 = header(r, TS).parse().expect("timestamp");
                    let n = header(r, NONCE);
                    let signature = sign_response(&*k, ts, &n, b"{}");
                    r.set_header(SIG, signature);
                }),
                VerificationFailure::BadSignature,
            )
        },
        reject(
            "signature made with another key (simulator SignWithOtherKey)",
            Fault::SignWithOtherKey,
            VerificationFailure::BadSignature,
        ),
        reject(
            "WECHATPAY/SIGNTEST/ probe signature",
            Fault::ProbeSignature,
            VerificationFailure::ProbeSignature,
        ),
        reject(
            "no signature headers at all",
            Fault::StripSignatureHeaders,
            VerificationFailure::MissingHeader(TS),
        ),
        // ---- the serial -------------------------------------------------------
        reject(
            "serial unknown",
            Fault::UnknownSerial,
            VerificationFailure::UnknownSerial(UNKNOWN_SERIAL.to_owned()),
        ),
        reject(
            "serial of the other configured key",
            Fault::SerialOf(OTHER_SERIAL.to_owned()),
            VerificationFailure::BadSignature,
        ),
        reject(
            "serial in lower case",
            Fault::mutate(|r| {
                let s = header(r, SERIAL).to_ascii_lowercase();
                r.set_header(SERIAL, s);
            }),
            VerificationFailure::UnknownSerial(
                webizpay_api::simulator::DEFAULT_WECHATPAY_SERIAL.to_ascii_lowercase(),
            ),
        ),
        // ---- the timestamp and nonce ------------------------------------------
        {
            let k = Arc::clone(&wechatpay);
            reject(
                "timestamp 301 s in the past (correctly signed)",
                Fault::mutate(move |r| {
                    let n = header(r, NONCE);
                    resign(r, &*k, now - 301, &n);
                }),
                VerificationFailure::TimestampSkew {
                    skew_secs: -301,
                    max_secs: 300,
                },
            )
        },
        {
            let k = Arc::clone(&wechatpay);
            reject(
                "timestamp 301 s in the future (correctly signed)",
                Fault::mutate(move |r| {
                    let n = header(r, NONCE);
                    resign(r, &*k, now + 301, &n);
                }),
                VerificationFailure::TimestampSkew {
                    skew_secs: 301,
                    max_secs: 300,
                },
            )
        },
        {
            let k = Arc::clone(&wechatpay);
            reject(
                "timestamp in milliseconds (correctly signed)",
                Fault::mutate(move |r| {
                    let n = header(r, NONCE);
                    resign(r, &*k, now * 1000, &n);
                }),
                VerificationFailure::TimestampSkew {
                    skew_secs: now * 1000 - now,
                    max_secs: 300,
                },
            )
        },
        reject(
            "timestamp not a number",
            Fault::mutate(|r| r.set_header(TS, "17e8")),
            VerificationFailure::TimestampNotANumber,
        ),
        reject(
            "timestamp negative",
            Fault::mutate(|r| r.set_header(TS, "-1")),
            VerificationFailure::TimestampNotANumber,
        ),
        reject(
            "timestamp moved by 1 s without re-signing",
            Fault::mutate(|r| {
                let ts: i64 = header(r, TS).parse().expect("timestamp");
                r.set_header(TS, (ts + 1).to_string());
            }),
            VerificationFailure::BadSignature,
        ),
        reject(
            "nonce changed (one character)",
            Fault::mutate(|r| {
                let mut n = header(r, NONCE).into_bytes();
                n[0] = if n[0] == b'A' { b'B' } else { b'A' };
                r.set_header(NONCE, String::from_utf8(n).expect("ASCII"));
            }),
            VerificationFailure::BadSignature,
        ),
    ]);
    cases
}

fn client(sim: &Simulator, now: i64) -> Client {
    let config = Config::builder()
        .mchid(sim.mchid())
        .merchant_serial(sim.merchant_serial())
        .merchant_private_key_pem(sim.merchant_private_key_pem())
        .wechatpay_public_key(sim.wechatpay_serial(), sim.wechatpay_public_key_pem())
        .wechatpay_public_key(OTHER_SERIAL, OTHER_PUBLIC_KEY_PEM)
        .build()
        .expect("config with two WeChat Pay keys");
    assert_eq!(
        config.wechatpay_keys().preferred_serial(),
        sim.wechatpay_serial()
    );
    Client::builder(config)
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(10))
        .clock(Arc::new(Fixed(now)))
        .build()
        .expect("client")
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Apply,
    Revoke,
}

/// Calls the operation once; returns the echoed `user_id` on success.
async fn call(client: &Client, op: Op, employee: &str) -> Result<String, Error> {
    match op {
        Op::Apply => client
            .apply_authorization(
                &ApplyAuthorizationRequest::builder()
                    .user_id("tamper_target")
                    .sub_mchid(SUB)
                    .application_type(ApplicationType::H5)
                    .build(),
            )
            .await
            .map(|r| r.into_inner().user_id),
        Op::Revoke => client
            .revoke_authorization(
                &RevokeAuthorizationRequest::builder()
                    .employee_id(employee)
                    .sub_mchid(SUB)
                    .build(),
            )
            .await
            .map(|r| r.into_inner().user_id),
    }
}

#[tokio::test]
async fn no_manipulated_response_is_accepted() {
    let sim = Simulator::start().await.expect("simulator");
    let now = sim.now_unix();
    let client = client(&sim, now);

    // An employee to revoke (revoking again answers the same record, so one
    // employee serves every revoke case).
    call(&client, Op::Apply, "").await.expect("apply");
    let employee = sim
        .accept_authorization(sim.mchid(), SUB, "tamper_target")
        .expect("accepted");

    let mut tried = 0usize;
    let mut accepted = 0usize;
    let mut controls = 0usize;
    let mut wrong: Vec<String> = Vec::new();
    let mut names = std::collections::HashSet::new();
    for op in [Op::Apply, Op::Revoke] {
        for case in cases(now) {
            assert!(
                names.insert((case.name, format!("{op:?}"))),
                "duplicate case name {}",
                case.name
            );
            let before = sim.request_count();
            if let Some(fault) = case.fault {
                sim.inject(fault);
            }
            let result = call(&client, op, &employee).await;
            assert_eq!(
                sim.request_count(),
                before + 1,
                "{op:?} / {}: exactly one request per call",
                case.name
            );
            assert_eq!(sim.pending_faults(), 0, "{op:?} / {}", case.name);
            match (case.expect, result) {
                (Expect::Accept, Ok(user_id)) => {
                    controls += 1;
                    assert_eq!(user_id, "tamper_target", "{op:?} / {}", case.name);
                }
                (Expect::Accept, Err(e)) => {
                    wrong.push(format!(
                        "{op:?} / {}: positive control rejected: {e}",
                        case.name
                    ));
                }
                (Expect::Reject(_), Ok(user_id)) => {
                    tried += 1;
                    accepted += 1;
                    wrong.push(format!(
                        "{op:?} / {}: ACCEPTED (user_id {user_id:?})",
                        case.name
                    ));
                }
                (Expect::Predates(at), Err(e)) => {
                    tried += 1;
                    if !matches!(&e, Error::Verification(v) if matches!(v.failure, VerificationFailure::AnswerPredatesRequest { signed_at, earliest } if signed_at == at && earliest > at))
                    {
                        wrong.push(format!(
                            "{op:?} / {}: expected AnswerPredatesRequest, got {e:?}",
                            case.name
                        ));
                    }
                }
                (Expect::Predates(_), Ok(user_id)) => {
                    tried += 1;
                    accepted += 1;
                    wrong.push(format!(
                        "{op:?} / {}: ACCEPTED (user_id {user_id:?})",
                        case.name
                    ));
                }
                (Expect::Reject(failure), Err(e)) => {
                    tried += 1;
                    match &e {
                        Error::Verification(v) if v.failure == failure => {
                            assert_eq!(v.status, 200, "{}", case.name);
                            assert!(v.request_id.is_some(), "{}", case.name);
                            assert!(e.may_have_been_sent(), "{}", case.name);
                            assert!(
                                e.to_string().starts_with("response rejected as forged"),
                                "{}: {e}",
                                case.name
                            );
                        }
                        _ => wrong.push(format!(
                            "{op:?} / {}: expected {failure:?}, got {e:?}",
                            case.name
                        )),
                    }
                }
            }
        }
    }
    println!(
        "tampering: {tried} manipulations tried ({} per operation, 2 operations), {accepted} accepted; {controls} positive controls accepted",
        tried / 2
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(accepted, 0);
    assert!(tried >= 2 * 25, "only {tried} manipulations");
    assert_eq!(controls, 2 * 4);
}

// ---- every operation: replays and answers to another request ----------------

/// `value` changed into another valid value of `field` (same type, within
/// its constraints), or `None` when the type has no other value to try.
fn another_value(
    api: &webizpay_codegen::ir::Api,
    field: &webizpay_codegen::ir::Field,
    value: &serde_json::Value,
) -> Option<serde_json::Value> {
    use serde_json::Value;
    use webizpay_codegen::ir::{NamedType, Type};
    match (&field.ty, value) {
        (Type::String { .. }, Value::String(s)) => {
            let last = s.chars().last()?;
            let c = ['1', '2', 'a', 'b'].into_iter().find(|c| {
                *c != last
                    && field
                        .constraints
                        .charset
                        .as_ref()
                        .is_none_or(|cs| cs.allows(*c))
            })?;
            let mut changed: String = s.chars().take(s.chars().count() - 1).collect();
            changed.push(c);
            Some(Value::String(changed))
        }
        (Type::Enum { name }, Value::String(s)) => match api.named_type(name)? {
            NamedType::Enum(e) => e
                .values
                .iter()
                .find(|v| v.value != *s)
                .map(|v| Value::String(v.value.clone())),
            NamedType::Object(_) => None,
        },
        (Type::Date, Value::String(s)) => {
            let day = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
            Some(Value::String((day + chrono::Days::new(1)).to_string()))
        }
        (Type::Integer, Value::Number(n)) => Some(Value::from(n.as_i64()? + 1)),
        _ => None,
    }
}

/// The request target and body of an example with `changes` applied.
fn example_wire(
    op: &webizpay_codegen::ir::Operation,
    changes: &[(&str, serde_json::Value)],
) -> (String, Vec<u8>) {
    use webizpay_codegen::ir::PathSegment;
    let example = &op.examples[0];
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let value = |name: &str, original: &str| {
        changes
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| original.to_owned(), |(_, v)| text(v))
    };
    let encode = |s: &str| {
        percent_encoding::utf8_percent_encode(s, webizpay_api::__internal::wire::ENCODE_SET)
            .to_string()
    };
    let mut target = String::new();
    for segment in &op.path_segments {
        match segment {
            PathSegment::Literal(l) => target.push_str(l),
            PathSegment::Param(name) => {
                let p = example.path.iter().find(|p| &p.name == name).unwrap();
                target.push_str(&encode(&value(name, &p.value)));
            }
        }
    }
    for (i, p) in example.query.iter().enumerate() {
        target.push(if i == 0 { '?' } else { '&' });
        target.push_str(&format!(
            "{}={}",
            encode(&p.name),
            encode(&value(&p.name, &p.value))
        ));
    }
    let body = example.request_body.clone().map(|mut b| {
        for (name, v) in changes {
            if let Some(slot) = b.get_mut(*name) {
                *slot = v.clone();
            }
        }
        serde_json::to_vec(&b).unwrap()
    });
    (target, body.unwrap_or_default())
}

/// For every operation of the spec: its genuine signed answer is accepted
/// once; the same answer again (to the same client, or a clone of it) is a
/// replay; and handed to a request that differs in any one field the spec
/// marks as an echo, it is an answer to another request. No operation is
/// named: the requests are the spec examples, sent with `SimOp::call`.
#[tokio::test]
async fn every_operation_refuses_replays_and_answers_to_another_request() {
    use std::sync::Mutex;
    use webizpay_api::simulator;

    let api = webizpay_codegen::load(include_str!("../../spec/webizpay.yaml"), "spec")
        .unwrap_or_else(|e| panic!("{e}"));
    // The examples' partner mchid; stateless, so every example succeeds.
    let sim = Simulator::builder()
        .mchid("12341234")
        .stateful(false)
        .start()
        .await
        .unwrap();
    let fresh_client = || {
        Client::builder(sim.client_config())
            .base_url(sim.base_url())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap()
    };
    // Another service provider, answered with the same WeChat Pay key: its
    // answers differ from ours only in the parameters the client fills from
    // its configuration (`from_config`: sp_mchid).
    let other_sim = Simulator::builder()
        .mchid("12341235")
        .stateful(false)
        .start()
        .await
        .unwrap();
    let other_client = Client::builder(other_sim.client_config())
        .base_url(other_sim.base_url())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut replays = 0;
    let mut swaps = 0;
    let mut skipped = Vec::new();
    for op in &api.operations {
        let served = simulator::operations()
            .iter()
            .find(|s| s.info().id == op.id)
            .unwrap();
        let (target, body) = example_wire(op, &[]);

        // The genuine answer, captured as the client receives it.
        let captured: Arc<Mutex<Option<SimResponse>>> = Arc::default();
        let keep = Arc::clone(&captured);
        sim.inject(Fault::mutate(move |r| {
            *keep.lock().unwrap() = Some(r.clone());
        }));
        let client = fresh_client();
        served
            .call(&client, &target, &body)
            .unwrap()
            .await
            .unwrap_or_else(|e| panic!("{}: the genuine answer: {e}", op.id));
        let answer = captured.lock().unwrap().clone().unwrap();

        // Replayed to the same client, and to a clone of it.
        for replay_to in [client.clone(), client] {
            let again = answer.clone();
            sim.inject(Fault::mutate(move |r| *r = again.clone()));
            let err = served
                .call(&replay_to, &target, &body)
                .unwrap()
                .await
                .unwrap_err();
            assert!(
                matches!(&err, Error::Verification(v) if v.failure == VerificationFailure::Replayed),
                "{}: replay: {err:?}",
                op.id
            );
            replays += 1;
        }

        // Handed to a request that differs in one echoed field.
        let example_value = |field: &webizpay_codegen::ir::Field| {
            let ex = &op.examples[0];
            let name = field.wire_name.as_str();
            ex.path
                .iter()
                .chain(&ex.query)
                .find(|p| p.name == name)
                .map(|p| match field.ty {
                    webizpay_codegen::ir::Type::Integer => {
                        serde_json::from_str(&p.value).unwrap_or(serde_json::Value::Null)
                    }
                    _ => serde_json::Value::String(p.value.clone()),
                })
                .or_else(|| ex.request_body.as_ref().and_then(|b| b.get(name)).cloned())
        };
        for name in &op.echo {
            let field = op.request.iter().find(|f| &f.wire_name == name).unwrap();
            if field.from_config.is_some() {
                // The genuine answer to the other provider's same request.
                let captured: Arc<Mutex<Option<SimResponse>>> = Arc::default();
                let keep = Arc::clone(&captured);
                other_sim.inject(Fault::mutate(move |r| {
                    *keep.lock().unwrap() = Some(r.clone());
                }));
                served
                    .call(&other_client, &target, &body)
                    .unwrap()
                    .await
                    .unwrap_or_else(|e| panic!("{}: the other provider's answer: {e}", op.id));
                let foreign = captured.lock().unwrap().clone().unwrap();
                sim.inject(Fault::mutate(move |r| *r = foreign.clone()));
                let err = served
                    .call(&fresh_client(), &target, &body)
                    .unwrap()
                    .await
                    .unwrap_err();
                assert!(
                    matches!(&err, Error::Verification(v) if matches!(&v.failure, VerificationFailure::ResponseMismatch { field, .. } if field == name)),
                    "{} / {name}: {err:?}",
                    op.id
                );
                swaps += 1;
                continue;
            }
            let Some(sent) = example_value(field) else {
                skipped.push(format!("{}.{name}: not in the example", op.id));
                continue;
            };
            let Some(other) = another_value(&api, field, &sent) else {
                skipped.push(format!("{}.{name}: no other valid value", op.id));
                continue;
            };
            let (target, body) = example_wire(op, &[(name.as_str(), other.clone())]);
            let swapped = answer.clone();
            sim.inject(Fault::mutate(move |r| *r = swapped.clone()));
            let err = served
                .call(&fresh_client(), &target, &body)
                .unwrap()
                .await
                .unwrap_err();
            match &err {
                Error::Verification(v) => match &v.failure {
                    VerificationFailure::ResponseMismatch { field, .. } => {
                        assert_eq!(field, name, "{}: {err}", op.id);
                        assert!(err.to_string().contains("answers another request"), "{err}");
                    }
                    other => panic!(
                        "{} / {name}: expected ResponseMismatch, got {other:?}",
                        op.id
                    ),
                },
                other => panic!(
                    "{} / {name}: expected a verification error, got {other:?}",
                    op.id
                ),
            }
            swaps += 1;
        }
    }
    println!(
        "replays refused: {replays}; answers to another request refused: {swaps}; no swap row: {skipped:?}"
    );
    assert_eq!(replays, 2 * api.operations.len());
    // Every echoed field has a swap row, but for an enum with one value.
    assert_eq!(
        swaps + skipped.len(),
        api.operations.iter().map(|o| o.echo.len()).sum::<usize>()
    );
    assert!(
        skipped.iter().all(|s| s.ends_with("no other valid value")),
        "{skipped:?}"
    );
}
