//! Platform-certificate mode: the client downloads `/v3/certificates` from
//! the simulator, decrypts and checks the certificates, bootstraps trust on
//! the first download, refreshes on an unknown serial at most once a
//! minute, and keeps its set when a refresh fails.

use std::time::Duration;

use webizpay_api::simulator::{
    DEFAULT_APIV3_KEY, Fault, MERCHANT_PRIVATE_KEY_PEM, Simulator, WECHATPAY_PRIVATE_KEY_PEM,
};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Client, Config, Error, VerificationFailure,
};

const PLATFORM_CERT: &str = include_str!("../testdata/platform_certificate.pem");
const CERT_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

async fn simulator() -> Simulator {
    Simulator::builder()
        .wechatpay_key(CERT_SERIAL, WECHATPAY_PRIVATE_KEY_PEM, PLATFORM_CERT)
        .start()
        .await
        .unwrap()
}

/// A config with no WeChat Pay key at all: everything comes from the download.
fn config(sim: &Simulator) -> Config {
    Config::builder()
        .mchid(sim.mchid())
        .merchant_serial(sim.merchant_serial())
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .apiv3_key_str(DEFAULT_APIV3_KEY)
        .download_platform_certificates(true)
        .build()
        .unwrap()
}

/// A client built outside any tokio runtime: no background refresh, so the
/// downloads the test sees are the ones calls cause.
fn client_without_background(sim: &Simulator) -> Client {
    let builder = Client::builder(config(sim))
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(5));
    std::thread::spawn(move || builder.build().unwrap())
        .join()
        .unwrap()
}

fn downloads(sim: &Simulator) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.target == "/v3/certificates")
        .count()
}

fn apply() -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id("platform_cert")
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build()
}

#[tokio::test]
async fn the_first_unknown_serial_downloads_and_bootstraps() {
    let sim = simulator().await;
    let client = client_without_background(&sim);
    assert_eq!(downloads(&sim), 0);
    let answer = client.apply_authorization(&apply()).await.unwrap();
    assert_eq!(answer.meta().wechatpay_serial, CERT_SERIAL);
    assert_eq!(
        downloads(&sim),
        1,
        "one download, caused by the unknown serial"
    );
    // Known now: no more downloads; requests name the certificate.
    client.apply_authorization(&apply()).await.unwrap();
    assert_eq!(downloads(&sim), 1);
    assert_eq!(
        sim.last_request().unwrap().header("wechatpay-serial"),
        Some(CERT_SERIAL)
    );
    assert_eq!(client.refresh_platform_certificates().await.unwrap(), 1);
}

#[tokio::test]
async fn unknown_serials_refresh_at_most_once_a_minute() {
    let sim = simulator().await;
    let client = client_without_background(&sim);
    client.apply_authorization(&apply()).await.unwrap();
    assert_eq!(downloads(&sim), 1);
    for _ in 0..3 {
        sim.inject(Fault::UnknownSerial);
        let err = client.apply_authorization(&apply()).await.unwrap_err();
        assert!(
            matches!(&err, Error::Verification(v) if matches!(v.failure, VerificationFailure::UnknownSerial(_))),
            "{err:?}"
        );
    }
    assert_eq!(
        downloads(&sim),
        1,
        "the first download was within the minute"
    );
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_current_set() {
    let sim = simulator().await;
    let client = client_without_background(&sim);
    client.refresh_platform_certificates().await.unwrap();
    // A tampered certificate list does not verify: refused, set kept.
    sim.inject(Fault::TamperBody);
    let err = client.refresh_platform_certificates().await.unwrap_err();
    assert!(
        matches!(&err, Error::Verification(_) | Error::Decode(_)),
        "{err:?}"
    );
    client.apply_authorization(&apply()).await.unwrap();
}

#[tokio::test]
async fn built_in_a_runtime_it_downloads_in_the_background() {
    let sim = simulator().await;
    let client = Client::builder(config(&sim))
        .base_url(sim.base_url())
        // Below the public minimum (1 min), through the workspace's hook.
        .platform_certificate_refresh_unchecked(Duration::from_millis(50))
        .build()
        .unwrap();
    for _ in 0..200 {
        if downloads(&sim) >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(downloads(&sim) >= 2, "an initial download and a refresh");
    client.apply_authorization(&apply()).await.unwrap();
    drop(client);
    // The task stops with the last clone of the client.
    tokio::time::sleep(Duration::from_millis(120)).await;
    let after = downloads(&sim);
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(downloads(&sim), after);
}

#[test]
fn platform_certificate_mode_needs_the_apiv3_key() {
    let e = Config::builder()
        .mchid("1900000001")
        .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .download_platform_certificates(true)
        .build()
        .unwrap_err();
    assert_eq!(e.what, "APIv3 key");
}

/// Notifications are verified with the client's keys as they are now: in
/// platform-certificate mode, the downloaded certificates.
#[tokio::test]
async fn the_clients_notification_verifier_uses_the_downloaded_certificates() {
    use std::sync::{Arc, Mutex};
    let sim = simulator().await;
    let captured: Arc<Mutex<Option<(axum::http::HeaderMap, axum::body::Bytes)>>> = Arc::default();
    let keep = Arc::clone(&captured);
    let app = axum::Router::new().route(
        "/notify",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let keep = Arc::clone(&keep);
                async move {
                    *keep.lock().unwrap() = Some((headers, body));
                    "{\"code\":\"SUCCESS\"}"
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
    sim.notify(
        "WEBIZPAY.SOMETHINGNEW",
        "新事件",
        &serde_json::json!({"n": 1}),
    )
    .unwrap();
    let (headers, body) = loop {
        if let Some(got) = captured.lock().unwrap().clone() {
            break got;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };

    let client = client_without_background(&sim);
    let verifier = client.notification_verifier().unwrap();
    let e = verifier.verify(&headers, &body).unwrap_err();
    assert!(
        matches!(&e, webizpay_api::NotificationError::Verification(VerificationFailure::UnknownSerial(s)) if s == CERT_SERIAL),
        "{e:?}"
    );
    client.refresh_platform_certificates().await.unwrap();
    let n = verifier.verify(&headers, &body).unwrap();
    assert_eq!(n.event_type, "WEBIZPAY.SOMETHINGNEW");
}
