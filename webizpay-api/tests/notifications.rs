//! Callback notifications: the APIv3 key, AEAD_AES_256_GCM on both crypto
//! backends, and `NotificationVerifier` against notifications the simulator
//! sends to the axum handler of `examples/notifications.rs`.

#[path = "../examples/notifications.rs"]
#[allow(dead_code)]
mod example;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::json;
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::crypto::{AeadError, Backend};
use webizpay_api::simulator::{NotifyFault, SentNotification, Simulator};
use webizpay_api::{
    ApiV3Key, ApplicationType, ApplyAuthorizationRequest, CancelQuotaCardRequest, Client, Clock,
    Config, CreateQuotaCardRequest, Event, NotificationError, NotificationVerifier, QuotaCardState,
    RevokeAuthorizationRequest, VerificationFailure,
};

/// The official SDKs' vector (wechatpay-java), see ../shared/vectors.
const VECTOR_KEY: &[u8; 32] = b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
const VECTOR_NONCE: &[u8] = b"uluk4a9R25RW";
const VECTOR_AAD: &[u8] = b"associatedData";
const VECTOR_CIPHERTEXT: &str = "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=";

#[test]
fn aes_256_gcm_passes_the_vector_on_both_backends() {
    let ciphertext = BASE64.decode(VECTOR_CIPHERTEXT).unwrap();
    for &backend in Backend::all() {
        let plain = backend
            .aes_256_gcm_decrypt(VECTOR_KEY, VECTOR_NONCE, VECTOR_AAD, &ciphertext)
            .unwrap();
        assert_eq!(&plain[..], b"message", "{backend:?}");
        let sealed = backend
            .aes_256_gcm_encrypt(VECTOR_KEY, VECTOR_NONCE, VECTOR_AAD, b"message")
            .unwrap();
        assert_eq!(BASE64.encode(&sealed), VECTOR_CIPHERTEXT, "{backend:?}");
        // Anything altered does not authenticate.
        let mut altered = ciphertext.clone();
        altered[0] ^= 1;
        assert_eq!(
            backend.aes_256_gcm_decrypt(VECTOR_KEY, VECTOR_NONCE, VECTOR_AAD, &altered),
            Err(AeadError::Unauthentic)
        );
        assert_eq!(
            backend.aes_256_gcm_decrypt(VECTOR_KEY, VECTOR_NONCE, b"other", &ciphertext),
            Err(AeadError::Unauthentic)
        );
        assert_eq!(
            backend.aes_256_gcm_decrypt(VECTOR_KEY, b"short", VECTOR_AAD, &ciphertext),
            Err(AeadError::NonceLength(5))
        );
        assert_eq!(
            backend.aes_256_gcm_decrypt(VECTOR_KEY, VECTOR_NONCE, VECTOR_AAD, b"tiny"),
            Err(AeadError::TooShort(4))
        );
    }
    // Each backend decrypts the other's ciphertexts.
    for &a in Backend::all() {
        for &b in Backend::all() {
            let text = format!("{{\"from\":\"{}\",\"to\":\"{}\"}}", a.name(), b.name());
            let sealed = a
                .aes_256_gcm_encrypt(VECTOR_KEY, b"0123456789ab", b"webizpay", text.as_bytes())
                .unwrap();
            let opened = b
                .aes_256_gcm_decrypt(VECTOR_KEY, b"0123456789ab", b"webizpay", &sealed)
                .unwrap();
            assert_eq!(&opened[..], text.as_bytes());
        }
    }
}

#[test]
fn the_apiv3_key_is_32_bytes_and_never_shown() {
    let e = ApiV3Key::new("short").unwrap_err();
    assert_eq!(e.what, "APIv3 key");
    assert!(e.problem.starts_with("is 5 bytes long"), "{e}");
    let key = ApiV3Key::new("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
    assert_eq!(format!("{key:?}"), "ApiV3Key(<redacted>)");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("apiv3_key");
    std::fs::write(&file, "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb\n").unwrap();
    ApiV3Key::from_file(&file).unwrap();
    std::fs::write(&file, "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb extra\n").unwrap();
    let e = ApiV3Key::from_file(&file).unwrap_err();
    assert!(!e.to_string().contains("a7cde1"), "{e}");
    let e = ApiV3Key::from_env("WEBIZPAY_TEST_NO_SUCH_VARIABLE").unwrap_err();
    assert!(e.problem.contains("WEBIZPAY_TEST_NO_SUCH_VARIABLE"), "{e}");
    let config = Config::builder()
        .mchid("1900000001")
        .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
        .merchant_private_key_pem(webizpay_api::simulator::MERCHANT_PRIVATE_KEY_PEM)
        .wechatpay_public_key(
            "PUB_KEY_ID_0114232134912410000000000001",
            webizpay_api::simulator::WECHATPAY_PUBLIC_KEY_PEM,
        )
        .apiv3_key(key)
        .build()
        .unwrap();
    assert!(!format!("{config:?}").contains("a7cde1"), "{config:?}");
    assert!(!format!("{:?}", NotificationVerifier::new(&config).unwrap()).contains("a7cde1"));
    // Without the key, notifications cannot be decrypted: said at once.
    let without = Config::builder()
        .mchid("1900000001")
        .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
        .merchant_private_key_pem(webizpay_api::simulator::MERCHANT_PRIVATE_KEY_PEM)
        .wechatpay_public_key(
            "PUB_KEY_ID_0114232134912410000000000001",
            webizpay_api::simulator::WECHATPAY_PUBLIC_KEY_PEM,
        )
        .build()
        .unwrap();
    assert!(NotificationVerifier::new(&without).is_err());
}

/// The simulator, the example's axum handler as the callback URL, and a client.
struct Merchant {
    sim: Simulator,
    app: example::App,
    client: Client,
}

async fn merchant() -> Merchant {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let app = example::App {
        verifier: NotificationVerifier::new(&config).unwrap(),
        events: example::Events::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webizpay/notify", listener.local_addr().unwrap());
    tokio::spawn(axum::serve(listener, example::router(app.clone())).into_future());
    sim.set_callback_url(Some(url));
    let client = Client::builder(config)
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    Merchant { sim, app, client }
}

/// Waits until `n` notifications were sent and each delivered or given up.
async fn settled(sim: &Simulator, n: usize) -> Vec<SentNotification> {
    for _ in 0..500 {
        let sent = sim.sent_notifications();
        if sent.len() >= n && sent.iter().all(|s| s.delivered || s.given_up) {
            return sent;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "notifications did not settle: {:?}",
        sim.sent_notifications()
    );
}

#[tokio::test]
async fn the_lifecycle_notifies_the_merchant() {
    let m = merchant().await;
    let sp = m.sim.mchid().to_owned();
    m.client
        .apply_authorization(
            &ApplyAuthorizationRequest::builder()
                .user_id("employee123")
                .sub_mchid("43214321")
                .application_type(ApplicationType::H5)
                .build(),
        )
        .await
        .unwrap();
    let employee_id = m
        .sim
        .accept_authorization(&sp, "43214321", "employee123")
        .unwrap();
    let events = example::wait_for(&m.app.events, 1).await;
    let Event::Authorized(a) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(
        a.employee_id, employee_id,
        "the callback brings the employee_id"
    );
    assert_eq!(
        (a.user_id.as_str(), a.sub_mchid.as_str()),
        ("employee123", "43214321")
    );

    let card = m
        .client
        .create_quota_card(
            &CreateQuotaCardRequest::builder()
                .employee_id(employee_id.clone())
                .sub_mchid("43214321")
                .card_template_id("template_123")
                .amount(500)
                .card_name("差旅费用卡")
                .out_card_no("mch_card_000001")
                .effective_end_time((chrono::Utc::now() + chrono::Days::new(3)).fixed_offset())
                .build(),
        )
        .await
        .unwrap();
    m.client
        .cancel_quota_card(
            &CancelQuotaCardRequest::builder()
                .employee_id(employee_id.clone())
                .card_no(card.card_no.clone())
                .sub_mchid("43214321")
                .reason("行程取消")
                .build(),
        )
        .await
        .unwrap();
    m.client
        .revoke_authorization(
            &RevokeAuthorizationRequest::builder()
                .employee_id(employee_id)
                .sub_mchid("43214321")
                .build(),
        )
        .await
        .unwrap();
    let events = example::wait_for(&m.app.events, 3).await;
    let Event::QuotaCardExpired(expired) = &events[1] else {
        panic!("{events:?}")
    };
    assert_eq!(expired.card_no, card.card_no);
    assert_eq!(expired.card_state, QuotaCardState::Disabled);
    assert_eq!(expired.reason.as_deref(), Some("行程取消"));
    assert!(matches!(&events[2], Event::Revoked(r) if r.user_id == "employee123"));
    let sent = settled(&m.sim, 3).await;
    for s in &sent {
        assert!(s.delivered, "{s:?}");
        assert_eq!(s.attempts.len(), 1, "answered with success at once: {s:?}");
        assert_eq!(s.attempts[0].status, Some(200));
        assert!(s.attempts[0].body.contains("SUCCESS"), "{s:?}");
    }
}

/// Probe, tampered, wrongly signed and wrongly encrypted notifications are
/// refused (4xx/5xx), so the simulator sends each again until it gives up;
/// none reaches the merchant's events.
#[tokio::test]
async fn spoiled_notifications_are_refused_and_retried() {
    let m = merchant().await;
    let resource = json!({"sp_mchid": "1900000001", "sub_mchid": "43214321", "user_id": "u1", "employee_id": "e1", "authorization_time": "2025-01-01T00:00:00+08:00"});
    for (fault, status) in [
        (NotifyFault::ProbeSignature, 401),
        (NotifyFault::TamperBody, 401),
        (NotifyFault::SignWithOtherKey, 401),
        (NotifyFault::OtherApiV3Key, 500),
    ] {
        m.sim
            .notify_with_fault("WEBIZPAY.AUTHORIZED", "授权关系建立", &resource, fault)
            .unwrap();
        let sent = settled(&m.sim, 1).await.pop().unwrap();
        assert!(!sent.delivered && sent.given_up, "{fault:?}: {sent:?}");
        assert_eq!(
            sent.attempts.len(),
            webizpay_api::simulator::default_retry_delays().len(),
            "{fault:?}: retried like WeChat Pay"
        );
        assert!(
            sent.attempts.iter().all(|a| a.status == Some(status)),
            "{fault:?}: {sent:?}"
        );
        assert!(sent.attempts[0].body.contains("FAIL"), "{sent:?}");
    }
    assert!(m.app.events.all().is_empty());
}

/// The README's handler (the example's) whose store fails its first write:
/// the failure is answered with a failure, WeChat Pay (the simulator) sends
/// the notification again, and the event is stored, once.
#[tokio::test]
async fn a_failed_store_write_is_not_a_lost_event() {
    let m = merchant().await;
    m.app.events.fail_next_writes(1);
    let id = m
        .sim
        .notify("WEBIZPAY.AUTHORIZED", "授权关系建立", &json!({"sp_mchid": m.sim.mchid(), "sub_mchid": "43214321", "user_id": "u1", "employee_id": "e1", "authorization_time": "2025-01-01T00:00:00+08:00"}))
        .unwrap();
    let sent = settled(&m.sim, 1).await.pop().unwrap();
    assert_eq!(sent.id, id);
    let statuses: Vec<_> = sent.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(200)], "{sent:?}");
    assert!(sent.attempts[0].body.contains("FAIL"), "{sent:?}");
    assert!(sent.delivered);
    let events = m.app.events.all();
    assert_eq!(events.len(), 1, "stored after the resend, once: {events:?}");
    assert!(matches!(&events[0], Event::Authorized(a) if a.employee_id == "e1"));
}

/// An event type the spec does not know is delivered as JSON; the same
/// notification sent again after a lost success answer is answered with
/// success and not handed out twice.
#[tokio::test]
async fn unknown_events_and_resends() {
    let sim = Simulator::start().await.unwrap();
    let verifier = NotificationVerifier::new(&sim.client_config()).unwrap();
    // A merchant whose first success answer is lost: it answers 500 the first
    // time, after handling the event.
    let handled: Arc<Mutex<Vec<Event>>> = Arc::default();
    let answers = Arc::new(Mutex::new(Vec::new()));
    let app = {
        let (handled, answers) = (Arc::clone(&handled), Arc::clone(&answers));
        axum::Router::new().route(
            "/notify",
            axum::routing::post(
                move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                    let (verifier, handled, answers) =
                        (verifier.clone(), Arc::clone(&handled), Arc::clone(&answers));
                    async move {
                        let outcome = verifier
                            .handle(&headers, &body, async |n| {
                                handled.lock().unwrap().push(n.event);
                                Ok::<(), std::io::Error>(())
                            })
                            .await;
                        let reply = match &outcome {
                            Ok(d) => d.reply(),
                            Err(e) => e.reply(),
                        };
                        let mut answers = answers.lock().unwrap();
                        answers.push(outcome.map_err(|e| e.to_string()));
                        let status = if answers.len() == 1 {
                            500
                        } else {
                            reply.status
                        };
                        (
                            axum::http::StatusCode::from_u16(status).unwrap(),
                            reply.body,
                        )
                    }
                },
            ),
        )
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    sim.set_callback_url(Some(format!(
        "http://{}/notify",
        listener.local_addr().unwrap()
    )));
    tokio::spawn(axum::serve(listener, app).into_future());

    let id = sim
        .notify(
            "WEBIZPAY.SOMETHINGNEW",
            "新事件",
            &json!({"anything": [1, 2]}),
        )
        .unwrap();
    let sent = settled(&sim, 1).await.pop().unwrap();
    assert_eq!(sent.id, id);
    assert!(sent.delivered);
    assert_eq!(
        sent.attempts.len(),
        2,
        "the lost answer made WeChat Pay send it again"
    );
    let handled = handled.lock().unwrap().clone();
    assert_eq!(
        handled,
        [Event::Unknown {
            event_type: "WEBIZPAY.SOMETHINGNEW".into(),
            resource: json!({"anything": [1, 2]}),
        }],
        "handed out once"
    );
    let answers = answers.lock().unwrap();
    assert!(
        matches!(&answers[0], Ok(webizpay_api::Delivery::Handled { id: i }) if *i == id),
        "{answers:?}"
    );
    assert!(
        matches!(&answers[1], Ok(webizpay_api::Delivery::AlreadyHandled { id: i }) if *i == id),
        "{answers:?}"
    );
}

#[derive(Debug)]
struct Fixed(i64);

impl Clock for Fixed {
    fn now_unix(&self) -> i64 {
        self.0
    }
}

/// The signature is checked before anything is parsed, with the timestamp
/// window; the error's reply is a failure.
#[tokio::test]
async fn notifications_are_verified_like_responses() {
    let sim = Simulator::start().await.unwrap();
    let captured: Arc<Mutex<Option<(axum::http::HeaderMap, axum::body::Bytes)>>> = Arc::default();
    let keep = Arc::clone(&captured);
    let app = axum::Router::new().route(
        "/notify",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let keep = Arc::clone(&keep);
                async move {
                    *keep.lock().unwrap() = Some((headers, body));
                    (axum::http::StatusCode::OK, "{\"code\":\"SUCCESS\"}")
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    sim.set_callback_url(Some(format!(
        "http://{}/notify",
        listener.local_addr().unwrap()
    )));
    tokio::spawn(axum::serve(listener, app).into_future());
    sim.notify("WEBIZPAY.AUTHORIZED", "授权关系建立", &json!({"sp_mchid": "1900000001", "sub_mchid": "2", "user_id": "u", "employee_id": "e", "authorization_time": "2025-01-01T00:00:00+08:00"}))
        .unwrap();
    settled(&sim, 1).await;
    let (headers, body) = captured.lock().unwrap().clone().unwrap();
    let config = sim.client_config();

    let ok = NotificationVerifier::new(&config)
        .unwrap()
        .verify(&headers, &body)
        .unwrap();
    assert_eq!(ok.event_type, "WEBIZPAY.AUTHORIZED");
    assert_eq!(ok.original_type, "webizpay");
    assert!(ok.reply().is_success());

    // 301 s later: outside the window.
    let late = NotificationVerifier::new(&config)
        .unwrap()
        .with_clock(Arc::new(Fixed(sim.now_unix() + 301)));
    let e = late.verify(&headers, &body).unwrap_err();
    assert!(
        matches!(
            e,
            NotificationError::Verification(VerificationFailure::TimestampSkew { .. })
        ),
        "{e:?}"
    );
    assert_eq!(e.reply().status, 401);

    // Name/value pairs, as other frameworks give them.
    let pairs: Vec<(String, Vec<u8>)> = headers
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.as_bytes().to_vec()))
        .collect();
    let map = NotificationVerifier::headers_from_pairs(
        pairs.iter().map(|(n, v)| (n.as_str(), v.as_slice())),
    )
    .unwrap();
    let fresh = NotificationVerifier::new(&config).unwrap();
    fresh.verify(&map, &body).unwrap();
}
