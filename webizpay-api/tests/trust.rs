//! Trust, second round: each finding of the attack review reproduced and
//! refused.
//!
//! - a platform certificate injected by a man in the middle who holds the
//!   APIv3 key, at the first download while a WeChat Pay key is configured,
//!   and at a refresh after a genuine bootstrap;
//! - a certificate withdrawn from the downloaded list;
//! - expired and not-yet-valid certificates, configured or downloaded;
//! - a refresh interval of zero;
//! - one recorded answer replayed under respelled `Wechatpay-Serial`s;
//! - a bill answer announcing half a hash;
//! - a notification for another `sp_mchid`; decode errors that would quote
//!   decrypted values;
//! - employee A's genuine revoke answer handed to "revoke employee B" (the
//!   answer repeats no `employee_id`), by a client that never saw it;
//! - a genuine `query_quota_card` answer handed to `cancel_quota_card`.
//!
//! The man in the middle is a proxy in front of two simulators: the genuine
//! WeChat Pay, and the attacker's, which knows the merchant's APIv3 key and
//! signs with its own certificate (`testdata/attacker_certificate.pem`).

#[path = "support/notification.rs"]
mod notification;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use webizpay_api::simulator::{
    DEFAULT_APIV3_KEY, DEFAULT_MCHID, DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL,
    MERCHANT_PRIVATE_KEY_PEM, OTHER_KEY_PEM, Simulator, WECHATPAY_PRIVATE_KEY_PEM,
    WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{
    ANSWER_AGE_TOLERANCE_SECS, ApplicationType, ApplyAuthorizationRequest, ApplyTradeBillRequest,
    AuthorizationState, CancelQuotaCardRequest, Client, Clock, Config, ConfigBuilder,
    CreateQuotaCardRequest, DownloadError, Error, NotificationError, NotificationVerifier,
    QueryAuthorizationStateRequest, QueryQuotaCardRequest, QuotaCardState,
    RevokeAuthorizationRequest, TradeBillType, VerificationFailure,
};

const PLATFORM_CERT: &str = include_str!("../testdata/platform_certificate.pem");
const CERT_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
/// `platform_certificate.pem` is valid from 2026-11-23T11:55:48Z …
const CERT_NOT_BEFORE: i64 = 1_795_434_948;
/// … until 2126-10-30T11:55:48Z.
const CERT_NOT_AFTER: i64 = 4_949_034_948;
/// The attacker's certificate, over `OTHER_KEY_PEM`.
const ATTACKER_CERT: &str = include_str!("../testdata/attacker_certificate.pem");
const ATTACKER_SERIAL: &str = "A77AC4E50000000000000000000000000000001";
const DAY: i64 = 86_400;

#[derive(Debug)]
struct Fixed(i64);

impl Clock for Fixed {
    fn now_unix(&self) -> i64 {
        self.0
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The merchant's config, without WeChat Pay keys yet.
fn merchant() -> ConfigBuilder {
    Config::builder()
        .mchid(DEFAULT_MCHID)
        .merchant_serial(DEFAULT_MERCHANT_SERIAL)
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .apiv3_key_str(DEFAULT_APIV3_KEY)
}

/// Where the proxy sends a request.
#[derive(Clone, Debug, PartialEq)]
enum Route {
    Genuine,
    Attacker,
    /// Answers with the last genuine answer recorded, its `Wechatpay-Serial`
    /// respelled as given.
    Replay(String),
}

type Recorded = (u16, HeaderMap, Bytes);

/// A man in the middle between the client and WeChat Pay.
#[derive(Clone)]
struct Mitm {
    genuine: String,
    attacker: String,
    route: Arc<Mutex<Route>>,
    recorded: Arc<Mutex<Option<Recorded>>>,
    http: reqwest::Client,
}

impl Mitm {
    async fn start(genuine: &Simulator, attacker: &Simulator) -> (Mitm, String) {
        let mitm = Mitm {
            genuine: genuine.base_url(),
            attacker: attacker.base_url(),
            route: Arc::new(Mutex::new(Route::Genuine)),
            recorded: Arc::default(),
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let router = axum::Router::new().fallback(proxy).with_state(mitm.clone());
        tokio::spawn(axum::serve(listener, router).into_future());
        (mitm, url)
    }

    fn route(&self, route: Route) {
        *self.route.lock().unwrap() = route;
    }
}

async fn proxy(
    axum::extract::State(mitm): axum::extract::State<Mitm>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, HeaderMap, Bytes) {
    let route = mitm.route.lock().unwrap().clone();
    if let Route::Replay(serial) = &route {
        let (status, mut headers, body) = mitm
            .recorded
            .lock()
            .unwrap()
            .clone()
            .expect("a recorded answer");
        headers.insert("wechatpay-serial", serial.parse().unwrap());
        return (StatusCode::from_u16(status).unwrap(), headers, body);
    }
    let base = if route == Route::Attacker {
        &mitm.attacker
    } else {
        &mitm.genuine
    };
    let url = format!("{base}{}", uri.path_and_query().map_or("/", |p| p.as_str()));
    let mut request = mitm.http.request(method, url).body(body);
    for (name, value) in &headers {
        if name != "host" && name != "content-length" {
            request = request.header(name, value);
        }
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let mut out = HeaderMap::new();
    for (name, value) in response.headers() {
        if name != "content-length" && name != "transfer-encoding" {
            out.append(name, value.clone());
        }
    }
    let body = response.bytes().await.unwrap();
    if route == Route::Genuine {
        *mitm.recorded.lock().unwrap() = Some((status, out.clone(), body.clone()));
    }
    (StatusCode::from_u16(status).unwrap(), out, body)
}

/// WeChat Pay signing with the platform certificate (and, when `second`,
/// also holding the attacker's certificate as a second genuine one).
async fn wechat_pay(second: bool) -> Simulator {
    let mut builder =
        Simulator::builder().wechatpay_key(CERT_SERIAL, WECHATPAY_PRIVATE_KEY_PEM, PLATFORM_CERT);
    if second {
        builder = builder.wechatpay_key(ATTACKER_SERIAL, OTHER_KEY_PEM, ATTACKER_CERT);
    }
    builder
        .default_wechatpay_serial(CERT_SERIAL)
        .start()
        .await
        .unwrap()
}

/// The attacker: the merchant's APIv3 key (the simulator's default), its
/// own certificate and key.
async fn attacker() -> Simulator {
    Simulator::builder()
        .wechatpay_key(ATTACKER_SERIAL, OTHER_KEY_PEM, ATTACKER_CERT)
        .start()
        .await
        .unwrap()
}

/// A client built outside a runtime (no background refresh) through `url`.
fn client(config: Config, url: &str) -> Client {
    let builder = Client::builder(config)
        .base_url(url)
        .timeout(Duration::from_secs(5));
    std::thread::spawn(move || builder.build().unwrap())
        .join()
        .unwrap()
}

/// A notification the attacker signs with its certificate's key.
fn forged_notification() -> (reqwest::header::HeaderMap, Vec<u8>) {
    notification::signed_with(
        "EV-forged",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("victim1"),
        OTHER_KEY_PEM,
        ATTACKER_SERIAL,
        now(),
    )
}

fn unknown_serial(e: &Error) -> bool {
    matches!(e, Error::Verification(v) if matches!(&v.failure, VerificationFailure::UnknownSerial(s) if s.eq_ignore_ascii_case(ATTACKER_SERIAL) || s.trim_start_matches('0').eq_ignore_ascii_case(ATTACKER_SERIAL)))
}

#[tokio::test]
async fn a_configured_key_is_never_bypassed_by_a_forged_first_download() {
    let genuine = Simulator::start().await.unwrap(); // signs with the public key
    let attacker = attacker().await;
    let (mitm, url) = Mitm::start(&genuine, &attacker).await;
    let config = merchant()
        .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
        .download_platform_certificates(true)
        .build()
        .unwrap();
    let client = client(config, &url);
    mitm.route(Route::Attacker);
    let e = client.refresh_platform_certificates().await.unwrap_err();
    assert!(
        unknown_serial(&e),
        "the forged list must not bootstrap: {e:?}"
    );
    let (headers, body) = forged_notification();
    let e = client
        .notification_verifier()
        .unwrap()
        .verify(&headers, &body)
        .unwrap_err();
    assert!(
        matches!(
            &e,
            NotificationError::Verification(VerificationFailure::UnknownSerial(_))
        ),
        "{e:?}"
    );
    // Control: the genuine download verifies with the configured key.
    mitm.route(Route::Genuine);
    client.refresh_platform_certificates().await.unwrap();
}

#[tokio::test]
async fn a_refresh_after_a_genuine_bootstrap_cannot_inject_a_certificate() {
    let genuine = wechat_pay(false).await;
    let attacker = attacker().await;
    let (mitm, url) = Mitm::start(&genuine, &attacker).await;
    let config = merchant()
        .download_platform_certificates(true)
        .build()
        .unwrap();
    let client = client(config, &url);
    assert_eq!(
        client.refresh_platform_certificates().await.unwrap(),
        1,
        "bootstrap"
    );
    mitm.route(Route::Attacker);
    let e = client.refresh_platform_certificates().await.unwrap_err();
    assert!(unknown_serial(&e), "{e:?}");
    let (headers, body) = forged_notification();
    assert!(
        client
            .notification_verifier()
            .unwrap()
            .verify(&headers, &body)
            .is_err()
    );
    // The genuine set is intact.
    mitm.route(Route::Genuine);
    let request = ApplyAuthorizationRequest::builder()
        .user_id("employee123")
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build();
    let answer = client.apply_authorization(&request).await.unwrap();
    assert_eq!(answer.meta().wechatpay_serial, CERT_SERIAL);
}

#[tokio::test]
async fn a_certificate_withdrawn_from_the_list_is_no_longer_trusted() {
    let both = wechat_pay(true).await;
    let one = wechat_pay(false).await;
    let (mitm, url) = Mitm::start(&both, &one).await;
    let config = merchant()
        .download_platform_certificates(true)
        .build()
        .unwrap();
    let client = client(config, &url);
    assert_eq!(client.refresh_platform_certificates().await.unwrap(), 2);
    let second = forged_notification(); // signed by the second certificate's key
    client
        .notification_verifier()
        .unwrap()
        .verify(&second.0, &second.1)
        .expect("listed: trusted");
    // The next list (signed by the first certificate) no longer has it.
    mitm.route(Route::Attacker);
    assert_eq!(client.refresh_platform_certificates().await.unwrap(), 1);
    let e = client
        .notification_verifier()
        .unwrap()
        .verify(&second.0, &second.1)
        .unwrap_err();
    assert!(
        matches!(
            &e,
            NotificationError::Verification(VerificationFailure::UnknownSerial(_))
        ),
        "withdrawn: {e:?}"
    );
}

fn signed_by_platform_certificate(at: i64) -> (reqwest::header::HeaderMap, Vec<u8>) {
    notification::signed_with(
        "EV-validity",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u1"),
        WECHATPAY_PRIVATE_KEY_PEM,
        CERT_SERIAL,
        at,
    )
}

fn not_valid(e: &NotificationError) -> bool {
    matches!(e, NotificationError::Verification(VerificationFailure::CertificateNotValid { serial, .. }) if serial == CERT_SERIAL)
}

#[tokio::test]
async fn certificates_are_valid_only_between_not_before_and_not_after() {
    let config = merchant()
        .platform_certificate(CERT_SERIAL, PLATFORM_CERT)
        .build()
        .unwrap();
    let at = |t: i64| {
        NotificationVerifier::new(&config)
            .unwrap()
            .with_clock(Arc::new(Fixed(t)))
    };
    // Configured, 30 days past notAfter, and a day before notBefore.
    for t in [CERT_NOT_AFTER + 30 * DAY, CERT_NOT_BEFORE - DAY] {
        let (headers, body) = signed_by_platform_certificate(t);
        let e = at(t).verify(&headers, &body).unwrap_err();
        assert!(not_valid(&e), "at {t}: {e:?}");
        assert_eq!(e.reply().status, 401);
    }
    // The edges are valid.
    for t in [CERT_NOT_BEFORE, CERT_NOT_AFTER, now()] {
        let (headers, body) = signed_by_platform_certificate(t);
        at(t)
            .verify(&headers, &body)
            .unwrap_or_else(|e| panic!("at {t}: {e:?}"));
    }

    // Downloaded while valid, then used 30 days after it expired.
    let genuine = wechat_pay(false).await;
    let attacker = attacker().await;
    let (_mitm, url) = Mitm::start(&genuine, &attacker).await;
    let client = client(
        merchant()
            .download_platform_certificates(true)
            .build()
            .unwrap(),
        &url,
    );
    client.refresh_platform_certificates().await.unwrap();
    let t = CERT_NOT_AFTER + 30 * DAY;
    let (headers, body) = signed_by_platform_certificate(t);
    let e = client
        .notification_verifier()
        .unwrap()
        .with_clock(Arc::new(Fixed(t)))
        .verify(&headers, &body)
        .unwrap_err();
    assert!(not_valid(&e), "{e:?}");
    assert!(e.to_string().contains(CERT_SERIAL), "{e}");
}

#[test]
fn the_refresh_interval_has_a_minimum() {
    let config = merchant()
        .download_platform_certificates(true)
        .build()
        .unwrap();
    for interval in [Duration::ZERO, Duration::from_secs(59)] {
        let e = Client::builder(config.clone())
            .platform_certificate_refresh(interval)
            .build()
            .unwrap_err();
        assert!(
            e.to_string().contains("platform_certificate_refresh"),
            "{e}"
        );
    }
    Client::builder(config)
        .platform_certificate_refresh(Duration::from_secs(60))
        .build()
        .unwrap();
}

#[tokio::test]
async fn a_respelled_serial_does_not_make_a_replay_new() {
    let genuine = wechat_pay(false).await;
    let attacker = attacker().await;
    let (mitm, url) = Mitm::start(&genuine, &attacker).await;
    let config = merchant()
        .platform_certificate(CERT_SERIAL, PLATFORM_CERT)
        .build()
        .unwrap();
    let client = client(config, &url);
    let request = ApplyAuthorizationRequest::builder()
        .user_id("employee123")
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build();
    client.apply_authorization(&request).await.unwrap();
    let lower = CERT_SERIAL.to_ascii_lowercase();
    let colons: Vec<String> = CERT_SERIAL
        .as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    for spelling in [
        CERT_SERIAL.to_owned(),
        lower.clone(),
        format!("00{CERT_SERIAL}"),
        format!("000{lower}"),
        colons.join(":"),
        colons.join(":").to_ascii_lowercase(),
        format!("0{}", colons.join(":")),
    ] {
        mitm.route(Route::Replay(spelling.clone()));
        let e = client.apply_authorization(&request).await.unwrap_err();
        assert!(
            matches!(&e, Error::Verification(v) if matches!(v.failure, VerificationFailure::Replayed)),
            "{spelling}: {e:?}"
        );
    }
}

#[tokio::test]
async fn half_a_hash_is_an_error_not_a_silent_skip() {
    let sim = Simulator::start().await.unwrap();
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let yesterday = chrono::DateTime::from_timestamp(sim.now_unix() + 8 * 3600 - DAY, 0)
        .unwrap()
        .date_naive();
    sim.set_trade_bill("43214321", yesterday, b"a bill\n".to_vec());
    let request = ApplyTradeBillRequest::builder()
        .sub_mchid("43214321")
        .date(yesterday)
        .r#type(TradeBillType::Qyzfall)
        .build();
    let applied = client
        .apply_trade_bill(&request)
        .await
        .unwrap()
        .into_inner();
    assert!(applied.hash_type.is_some() && applied.hash_value.is_some());
    for (drop_type, present) in [(false, "hash_type"), (true, "hash_value")] {
        let mut half = applied.clone();
        if drop_type {
            half.hash_type = None;
        } else {
            half.hash_value = None;
        }
        let before = sim.request_count();
        let mut file = Vec::new();
        let e = client.download(&half, &mut file).await.unwrap_err();
        assert!(
            matches!(&e, Error::Download(DownloadError::IncompleteHash { present: p }) if *p == present),
            "{e:?}"
        );
        assert!(!e.may_have_been_sent());
        assert_eq!(sim.request_count(), before, "nothing was sent");
        assert!(file.is_empty());
    }
}

#[test]
fn a_notification_for_another_service_provider_is_refused() {
    let verifier = NotificationVerifier::new(&notification::config()).unwrap();
    let mut resource = notification::authorized("u1");
    resource["sp_mchid"] = "1999999999".into();
    let (headers, body) = notification::signed("EV-other", "WEBIZPAY.AUTHORIZED", &resource);
    let e = verifier.verify(&headers, &body).unwrap_err();
    assert!(
        matches!(&e, NotificationError::OtherMerchant { sp_mchid } if sp_mchid == "1999999999"),
        "{e:?}"
    );
    assert_eq!(e.reply().status, 400);
    // An event with no sp_mchid (unknown to the spec) is not refused for it.
    let (headers, body) = notification::signed(
        "EV-new",
        "WEBIZPAY.SOMETHINGNEW",
        &serde_json::json!({"x": 1}),
    );
    verifier.verify(&headers, &body).unwrap();
}

#[test]
fn decode_errors_never_quote_decrypted_values() {
    let verifier = NotificationVerifier::new(&notification::config()).unwrap();
    let mut wrong_type = notification::authorized("秘密的员工");
    wrong_type["employee_id"] = 4_242_424_242_u64.into();
    let mut missing = notification::authorized("秘密的员工");
    missing.as_object_mut().unwrap().remove("employee_id");
    for (resource, says) in [
        (wrong_type, "wrong type"),
        (missing, "missing field `employee_id`"),
    ] {
        let (headers, body) = notification::signed("EV-decode", "WEBIZPAY.AUTHORIZED", &resource);
        let e = verifier.verify(&headers, &body).unwrap_err();
        assert!(matches!(e, NotificationError::Decode { .. }), "{e:?}");
        for shown in [e.to_string(), format!("{e:?}")] {
            assert!(shown.contains(says), "{shown}");
            for secret in ["秘密", "4242424242", "E-"] {
                assert!(!shown.contains(secret), "{secret} in {shown}");
            }
        }
    }
}

/// The local clock, moved by the test.
#[derive(Debug, Default)]
struct Shifted(AtomicI64);

impl Clock for Shifted {
    fn now_unix(&self) -> i64 {
        now() + self.0.load(Ordering::Relaxed)
    }
}

const SUB: &str = "43214321";

/// An employee authorized at `sim` (through a client of its own).
async fn employee(sim: &Simulator, user_id: &str) -> String {
    let direct = client(sim.client_config(), &sim.base_url());
    direct
        .apply_authorization(
            &ApplyAuthorizationRequest::builder()
                .user_id(user_id)
                .sub_mchid(SUB)
                .application_type(ApplicationType::H5)
                .build(),
        )
        .await
        .unwrap();
    sim.accept_authorization(sim.mchid(), SUB, user_id).unwrap()
}

/// A client through the man in the middle, with its own replay cache and
/// the clock given.
fn client_with_clock(url: &str, clock: Arc<Shifted>) -> Client {
    let config = merchant()
        .platform_certificate(CERT_SERIAL, PLATFORM_CERT)
        .build()
        .unwrap();
    let builder = Client::builder(config)
        .base_url(url)
        .clock(clock)
        .timeout(Duration::from_secs(5));
    std::thread::spawn(move || builder.build().unwrap())
        .join()
        .unwrap()
}

fn refused_as(e: &Error, pred: impl Fn(&VerificationFailure) -> bool) -> bool {
    matches!(e, Error::Verification(v) if pred(&v.failure))
}

#[tokio::test]
async fn employee_as_revoke_answer_is_refused_for_employee_b() {
    let genuine = wechat_pay(false).await;
    let attacker = attacker().await;
    let (mitm, url) = Mitm::start(&genuine, &attacker).await;
    let a = employee(&genuine, "employee_a").await;
    let b = employee(&genuine, "employee_b").await;

    // Employee A is revoked through the man in the middle, who records the
    // genuine answer (it repeats sp_mchid and sub_mchid, not employee_id).
    let clock_a = Arc::new(Shifted::default());
    let client_a = client_with_clock(&url, clock_a);
    let revoked = client_a
        .revoke_authorization(
            &RevokeAuthorizationRequest::builder()
                .employee_id(&a)
                .sub_mchid(SUB)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(revoked.user_id, "employee_a");
    let answer_for_a = mitm.recorded.lock().unwrap().clone();

    // Another instance (its own replay cache) has made a call before …
    let clock_b = Arc::new(Shifted::default());
    let client_b = client_with_clock(&url, Arc::clone(&clock_b));
    client_b
        .query_authorization_state(
            &QueryAuthorizationStateRequest::builder()
                .user_id("employee_b")
                .sub_mchid(SUB)
                .build(),
        )
        .await
        .unwrap();
    // … and, a few seconds later (both clocks move on), revokes B; the man
    // in the middle answers with A's recorded answer.
    let later = 1 + ANSWER_AGE_TOLERANCE_SECS + 2;
    genuine.set_clock_offset(later);
    clock_b.0.store(later, Ordering::Relaxed);
    *mitm.recorded.lock().unwrap() = answer_for_a;
    mitm.route(Route::Replay(CERT_SERIAL.to_owned()));
    let revoke_b = RevokeAuthorizationRequest::builder()
        .employee_id(&b)
        .sub_mchid(SUB)
        .build();
    let e = client_b.revoke_authorization(&revoke_b).await.unwrap_err();
    assert!(
        refused_as(
            &e,
            |f| matches!(f, VerificationFailure::AnswerPredatesRequest { signed_at, earliest } if signed_at < earliest)
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("before this request could reach WeChat Pay"),
        "{e}"
    );
    assert_eq!(
        genuine.authorization_state(DEFAULT_MCHID, SUB, "employee_b"),
        Some(AuthorizationState::Authorized),
        "employee B must still be authorized: the client was not told otherwise"
    );

    // The genuine answer, after the same clock move, is accepted.
    mitm.route(Route::Genuine);
    let revoked = client_b.revoke_authorization(&revoke_b).await.unwrap();
    assert_eq!(revoked.user_id, "employee_b");
    assert_eq!(
        genuine.authorization_state(DEFAULT_MCHID, SUB, "employee_b"),
        Some(AuthorizationState::Revoked)
    );
}

#[tokio::test]
async fn a_query_answer_is_refused_for_a_cancel() {
    let genuine = wechat_pay(false).await;
    let attacker = attacker().await;
    let (mitm, url) = Mitm::start(&genuine, &attacker).await;
    let employee_id = employee(&genuine, "employee_c").await;
    let end = chrono::DateTime::from_timestamp(genuine.now_unix() + 30 * DAY, 0)
        .unwrap()
        .fixed_offset();
    let direct = client(genuine.client_config(), &genuine.base_url());
    let card_no = direct
        .create_quota_card(
            &CreateQuotaCardRequest::builder()
                .employee_id(&employee_id)
                .sub_mchid(SUB)
                .card_template_id("template_123")
                .amount(10_000)
                .card_name("差旅费用卡")
                .out_card_no("mch_card_trust_1")
                .effective_end_time(end)
                .build(),
        )
        .await
        .unwrap()
        .into_inner()
        .card_no;

    // A genuine query through the man in the middle, recorded …
    let query = QueryQuotaCardRequest::builder()
        .card_no(&card_no)
        .employee_id(&employee_id)
        .sub_mchid(SUB)
        .build();
    let queried = client_with_clock(&url, Arc::default())
        .query_quota_card(&query)
        .await
        .unwrap();
    assert_eq!(queried.card_state, QuotaCardState::Active);

    // … handed at once to another instance's cancel of the same card: it
    // echoes sp_mchid, sub_mchid, employee_id and card_no like a cancel
    // answer, and decodes as one (unknown fields are ignored).
    mitm.route(Route::Replay(CERT_SERIAL.to_owned()));
    let cancel = CancelQuotaCardRequest::builder()
        .employee_id(&employee_id)
        .card_no(&card_no)
        .sub_mchid(SUB)
        .reason("员工离职")
        .build();
    let canceller = client_with_clock(&url, Arc::default());
    let e = canceller.cancel_quota_card(&cancel).await.unwrap_err();
    assert!(
        refused_as(&e, |f| *f
            == VerificationFailure::OtherOperation {
                operation: "query_quota_card"
            }),
        "{e:?}"
    );
    assert!(
        e.to_string().contains("the answer of query_quota_card"),
        "{e}"
    );

    // The card was not cancelled; the genuine cancel answer is accepted.
    mitm.route(Route::Genuine);
    let still = direct.query_quota_card(&query).await.unwrap();
    assert_eq!(still.card_state, QuotaCardState::Active);
    let cancelled = canceller.cancel_quota_card(&cancel).await.unwrap();
    assert_eq!(cancelled.card_state, QuotaCardState::Disabled);
}
