//! Regression tests for the findings of the security review (issue 9):
//! base URLs with credentials or plain http, certificate serials in other
//! spellings, key ids of the wrong kind, the merchant certificate, and
//! platform certificates past their validity. (The replayed answer to
//! another request has its own test: `tests/replay.rs`.)

use std::sync::Arc;
use std::time::Duration;

use webizpay_api::simulator::{
    MERCHANT_PRIVATE_KEY_PEM, Simulator, WECHATPAY_PRIVATE_KEY_PEM, WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Client, Clock, Config, ConfigError, Error,
};

const PLATFORM_CERT: &str = include_str!("../testdata/platform_certificate.pem");
const CERT_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
/// `platform_certificate.pem` is valid until 2126-10-30T11:55:48Z.
const CERT_NOT_AFTER: i64 = 4_949_034_948;
const MERCHANT_CERT: &str = include_str!("../testdata/merchant_certificate.pem");
const MERCHANT_CERT_SERIAL: &str = "123456789ABCDEF0123456789ABCDEF01234567";

#[derive(Debug)]
struct Fixed(i64);

impl Clock for Fixed {
    fn now_unix(&self) -> i64 {
        self.0
    }
}

fn config_error(e: Error) -> ConfigError {
    match e {
        Error::Config(c) => c,
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

fn sim_config() -> Config {
    Config::builder()
        .mchid("1900000001")
        .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .wechatpay_public_key(
            "PUB_KEY_ID_0114232134912410000000000001",
            WECHATPAY_PUBLIC_KEY_PEM,
        )
        .build()
        .unwrap()
}

/// Finding 2: credentials in a base URL are refused, and the password never
/// shows in the error.
#[test]
fn base_urls_with_credentials_are_refused() {
    for url in [
        "https://user:s3cret@gw.example.com",
        "http://user:s3cret@127.0.0.1:8080",
        "https://user@gw.example.com",
    ] {
        let e = config_error(
            Client::builder(sim_config())
                .base_url(url)
                .build()
                .unwrap_err(),
        );
        assert_eq!(e.what, "base URL");
        assert!(e.problem.contains("credentials"), "{e}");
        assert!(!e.to_string().contains("s3cret"), "{e}");
        let e = config_error(
            Client::builder(sim_config())
                .backup_url(url)
                .build()
                .unwrap_err(),
        );
        assert_eq!(e.what, "backup URL");
        assert!(!e.to_string().contains("s3cret"), "{e}");
    }
}

/// Finding 3: plain http only to this machine, unless the caller opts in by
/// a method that says it is dangerous; a base URL ending in /v3 is refused.
#[test]
fn plain_http_only_for_loopback_and_no_v3_suffix() {
    for url in [
        "http://api.mch.weixin.qq.com",
        "http://10.0.0.8:8080/wechatpay",
    ] {
        let e = config_error(
            Client::builder(sim_config())
                .base_url(url)
                .build()
                .unwrap_err(),
        );
        assert!(e.problem.contains("plain http"), "{e}");
        assert!(e.problem.contains("danger_allow_plain_http"), "{e}");
        Client::builder(sim_config())
            .base_url(url)
            .danger_allow_plain_http(true)
            .build()
            .unwrap();
    }
    for url in [
        "http://127.0.0.1:8080",
        "http://localhost:1",
        "http://[::1]:8080",
        "http://127.1.2.3",
    ] {
        Client::builder(sim_config()).base_url(url).build().unwrap();
    }
    for url in [
        "https://api.mch.weixin.qq.com/v3",
        "https://api.mch.weixin.qq.com/v3/",
        "https://gw.internal/wechatpay/v3",
    ] {
        let e = config_error(
            Client::builder(sim_config())
                .base_url(url)
                .build()
                .unwrap_err(),
        );
        assert!(e.problem.contains("/v3"), "{e}");
    }
    Client::builder(sim_config())
        .base_url("https://gw.internal/wechatpay")
        .build()
        .unwrap();
}

/// Finding 4: a platform certificate serial in another spelling (lower case,
/// leading zeros, colons) is the same serial: responses naming the canonical
/// one verify, and the request names the canonical one.
#[tokio::test]
async fn certificate_serials_in_any_spelling_are_one_serial() {
    let sim = Simulator::builder()
        .wechatpay_key(
            CERT_SERIAL,
            WECHATPAY_PRIVATE_KEY_PEM,
            WECHATPAY_PUBLIC_KEY_PEM,
        )
        .start()
        .await
        .unwrap();
    let lower = CERT_SERIAL.to_ascii_lowercase();
    let padded = format!("00{CERT_SERIAL}");
    let colons = CERT_SERIAL
        .as_bytes()
        .chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(":");
    for spelling in [lower.as_str(), padded.as_str(), colons.as_str()] {
        let config = Config::builder()
            .mchid(sim.mchid())
            // The merchant serial too, in lower case with colons.
            .merchant_serial("5f:1c:72:e2:a8:93:1b:72:a2:e1:3a:f8:de:e9:24:71:eb:39:71:15")
            .merchant_private_key_pem(sim.merchant_private_key_pem())
            .platform_certificate(spelling, PLATFORM_CERT)
            .build()
            .unwrap_or_else(|e| panic!("{spelling}: {e}"));
        assert_eq!(config.wechatpay_keys().preferred_serial(), CERT_SERIAL);
        assert_eq!(config.merchant_serial(), sim.merchant_serial());
        let client = Client::builder(config)
            .base_url(sim.base_url())
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let answer = client
            .apply_authorization(
                &ApplyAuthorizationRequest::builder()
                    .user_id("serial_check")
                    .sub_mchid("43214321")
                    .application_type(ApplicationType::H5)
                    .build(),
            )
            .await
            .unwrap_or_else(|e| panic!("{spelling}: {e}"));
        assert_eq!(answer.meta().wechatpay_serial, CERT_SERIAL);
        let sent = sim.last_request().unwrap();
        assert_eq!(sent.header("wechatpay-serial"), Some(CERT_SERIAL));
        assert!(
            sent.header("authorization")
                .unwrap()
                .contains(&format!("serial_no=\"{}\"", sim.merchant_serial())),
            "the merchant serial is sent canonical"
        );
    }
}

/// Finding 4: each kind of key id is checked at build, and the error says
/// which of the two was expected.
#[test]
fn key_ids_must_be_of_their_kind() {
    let base = || {
        Config::builder()
            .mchid("1900000001")
            .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
            .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
    };
    let e = base()
        .wechatpay_public_key("0114232134912410000000000001", WECHATPAY_PUBLIC_KEY_PEM)
        .build()
        .unwrap_err();
    assert!(e.problem.contains("starts with PUB_KEY_ID_"), "{e}");
    assert!(e.problem.contains("platform_certificate"), "{e}");
    let e = base()
        .platform_certificate("PUB_KEY_ID_0114232134912410000000000001", PLATFORM_CERT)
        .build()
        .unwrap_err();
    assert!(e.problem.contains("wechatpay_public_key"), "{e}");
    let e = base()
        .platform_certificate("5157F09EFDC096DE15EBE81A47057A7232F1B8EG", PLATFORM_CERT)
        .build()
        .unwrap_err();
    assert!(e.problem.contains("hex digits"), "{e}");
    let e = Config::builder()
        .mchid("1900000001")
        .merchant_serial("not-a-serial")
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .wechatpay_public_key(
            "PUB_KEY_ID_0114232134912410000000000001",
            WECHATPAY_PUBLIC_KEY_PEM,
        )
        .build()
        .unwrap_err();
    assert_eq!(e.what, "merchant certificate serial");
    assert!(e.problem.contains("hex digits"), "{e}");
}

/// `merchant_certificate` gives the merchant serial (canonical) and must
/// belong to the merchant private key.
#[test]
fn the_merchant_certificate_gives_the_serial_and_matches_the_key() {
    let base = || {
        Config::builder()
            .mchid("1900000001")
            .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
            .wechatpay_public_key(
                "PUB_KEY_ID_0114232134912410000000000001",
                WECHATPAY_PUBLIC_KEY_PEM,
            )
    };
    let config = base().merchant_certificate(MERCHANT_CERT).build().unwrap();
    assert_eq!(config.merchant_serial(), MERCHANT_CERT_SERIAL);
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/merchant_certificate.pem"
    );
    let config = base()
        .merchant_certificate_file(file)
        .merchant_serial(format!("0{MERCHANT_CERT_SERIAL}").to_ascii_lowercase())
        .build()
        .unwrap();
    assert_eq!(config.merchant_serial(), MERCHANT_CERT_SERIAL);
    let e = base()
        .merchant_certificate(MERCHANT_CERT)
        .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
        .build()
        .unwrap_err();
    assert!(
        e.problem
            .contains("is not the serial of the merchant certificate"),
        "{e}"
    );
    // A certificate of another key.
    let e = base()
        .merchant_certificate(PLATFORM_CERT)
        .build()
        .unwrap_err();
    assert_eq!(e.what, "merchant certificate");
    assert!(
        e.problem
            .contains("does not belong to the merchant private key"),
        "{e}"
    );
}

/// Finding 6: a platform certificate past its validity is refused when the
/// client is built (by the injectable clock); one that expires within 7
/// days still builds (and logs a warning).
#[test]
fn expired_platform_certificates_are_refused() {
    let config = || {
        Config::builder()
            .mchid("1900000001")
            .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
            .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
            .platform_certificate(CERT_SERIAL, PLATFORM_CERT)
            .build()
            .unwrap()
    };
    let at = |now: i64| {
        Client::builder(config())
            .clock(Arc::new(Fixed(now)))
            .build()
    };
    let e = config_error(at(CERT_NOT_AFTER + 1).unwrap_err());
    assert_eq!(
        e.what,
        format!("WeChat Pay platform certificate {CERT_SERIAL}")
    );
    assert!(
        e.problem.starts_with("expired at 2126-10-30T11:55:48"),
        "{e}"
    );
    at(CERT_NOT_AFTER - 3 * 86_400).expect("valid for 3 more days: a warning, not an error");
    at(CERT_NOT_AFTER).expect("valid until its last second");
}

// ---- finding 5: unverified error bodies ---------------------------------------

fn sim_client(sim: &Simulator, retry: webizpay_api::RetryPolicy) -> Client {
    Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .retry(retry)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

fn apply() -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id("error_bodies")
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build()
}

fn api(e: Error) -> webizpay_api::ApiError {
    match e {
        Error::Api(a) => *a,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// An answer as a hostile hop would write it: any status, headers and body.
fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> webizpay_api::simulator::Fault {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    let body = body.as_bytes().to_vec();
    webizpay_api::simulator::Fault::mutate(move |r| {
        r.status = status;
        r.headers
            .retain(|(n, _)| !n.to_ascii_lowercase().starts_with("wechatpay-"));
        for (n, v) in &headers {
            r.set_header(n, v.clone());
        }
        r.set_header("Content-Type", "application/json");
        r.body = body.clone();
    })
}

#[tokio::test]
async fn error_texts_escape_control_characters() {
    let sim = Simulator::start().await.unwrap();
    let client = sim_client(&sim, webizpay_api::RetryPolicy::NONE);
    sim.inject(answer(
        400,
        &[],
        r#"{"code":"PARAM_ERROR\n","message":"bad\nINFO forged log line \u001b[31mred\u202e"}"#,
    ));
    let e = client.apply_authorization(&apply()).await.unwrap_err();
    let text = e.to_string();
    assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
    assert!(!text.contains('\u{202e}'), "{text:?}");
    assert!(
        text.contains("bad\\nINFO forged log line \\u{1b}[31mred\\u{202e}"),
        "{text}"
    );
    let a = api(e);
    assert!(
        a.wechatpay_json,
        "it looks like WeChat Pay's JSON (unverified)"
    );
    assert_eq!(
        a.message, "bad\nINFO forged log line \u{1b}[31mred\u{202e}",
        "kept as sent"
    );
}

/// `SYSTEM_ERROR` is retried only with a 5xx status: an unsigned 307 with
/// that code is not (the review saw 4 signed POSTs for `retries(3)`).
#[tokio::test]
async fn system_error_is_retried_only_with_a_5xx() {
    let sim = Simulator::start().await.unwrap();
    let client = sim_client(&sim, webizpay_api::RetryPolicy::retries(3));
    sim.inject(answer(
        307,
        &[],
        r#"{"code":"SYSTEM_ERROR","message":"moved"}"#,
    ));
    let before = sim.request_count();
    let a = api(client.apply_authorization(&apply()).await.unwrap_err());
    assert_eq!(sim.request_count(), before + 1, "sent once");
    assert!(!a.is_retryable());
    // With a 500 it is retried.
    sim.inject(answer(
        500,
        &[],
        r#"{"code":"SYSTEM_ERROR","message":"busy"}"#,
    ));
    let before = sim.request_count();
    client.apply_authorization(&apply()).await.unwrap();
    assert_eq!(
        sim.request_count(),
        before + 2,
        "retried once, then succeeded"
    );
}

/// A big error body costs its bytes, not a tree of values: `detail` is not
/// parsed from it, and what the error keeps is capped.
#[tokio::test]
async fn big_error_bodies_are_capped() {
    let sim = Simulator::start().await.unwrap();
    let client = sim_client(&sim, webizpay_api::RetryPolicy::NONE);
    let zeros = vec!["0"; 400_000].join(",");
    let body = format!(r#"{{"code":"PARAM_ERROR","message":"big","detail":[{zeros}]}}"#);
    assert!(body.len() > 700_000 && body.len() < 1 << 20);
    sim.inject(answer(400, &[], &body));
    let a = api(client.apply_authorization(&apply()).await.unwrap_err());
    assert_eq!(a.code, webizpay_api::ErrorCode::ParamError);
    assert_eq!(a.message, "big");
    assert_eq!(a.detail, None);
    assert!(a.body.len() <= webizpay_api::__internal::MAX_ERROR_BODY_KEPT + 3);
    assert!(a.body.ends_with('…'));
    // A small body keeps its detail.
    sim.inject(answer(
        400,
        &[],
        r#"{"code":"PARAM_ERROR","message":"m","detail":{"field":"x"}}"#,
    ));
    let a = api(client.apply_authorization(&apply()).await.unwrap_err());
    assert_eq!(a.detail, Some(serde_json::json!({"field": "x"})));
}

/// A proxy's HTML 502 is not retryable and its advice says to check the
/// result, as RetryPolicy never retries it; 429 and 503 are, honouring
/// `Retry-After` within `max_backoff`; FREQUENCY_LIMITED and NO_AUTH are typed.
#[tokio::test]
async fn retryability_agrees_with_the_retry_policy() {
    let sim = Simulator::start().await.unwrap();
    let policy = webizpay_api::RetryPolicy {
        max_retries: 1,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_secs(2),
    };
    let client = sim_client(&sim, policy);

    sim.inject(webizpay_api::simulator::Fault::BadGatewayHtml);
    let before = sim.request_count();
    let a = api(client.apply_authorization(&apply()).await.unwrap_err());
    assert_eq!(sim.request_count(), before + 1, "a 502 is never retried");
    assert!(!a.is_retryable());
    assert!(!a.wechatpay_json);
    assert!(a.advice().contains("may have arrived"), "{}", a.advice());
    assert!(!a.advice().contains("fail over"), "{}", a.advice());

    // Retry-After beyond max_backoff: no retry; the error carries it.
    sim.inject(answer(
        429,
        &[("Retry-After", "60")],
        r#"{"code":"FREQUENCY_LIMITED","message":"slow down"}"#,
    ));
    let before = sim.request_count();
    let a = api(client.apply_authorization(&apply()).await.unwrap_err());
    assert_eq!(sim.request_count(), before + 1);
    assert_eq!(a.code, webizpay_api::ErrorCode::FrequencyLimited);
    assert_eq!(a.retry_after, Some(Duration::from_secs(60)));
    assert!(a.is_retryable());

    // Within max_backoff: waited for, then retried.
    for status in [429, 503] {
        sim.inject(answer(
            status,
            &[("Retry-After", "0")],
            r#"{"code":"SYSTEM_ERROR","message":"later"}"#,
        ));
        let before = sim.request_count();
        client.apply_authorization(&apply()).await.unwrap();
        assert_eq!(sim.request_count(), before + 2, "{status}");
    }

    sim.inject(answer(403, &[], r#"{"code":"NO_AUTH","message":"no"}"#));
    let a = api(client.apply_authorization(&apply()).await.unwrap_err());
    assert_eq!(a.code, webizpay_api::ErrorCode::NoAuth);
    assert!(!a.is_retryable());
}

// ---- issue 11: key-file mistakes are diagnosed ---------------------------------

#[test]
fn key_text_mistakes_are_named() {
    let pem = MERCHANT_PRIVATE_KEY_PEM;
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("");
    let build = |key: &str| {
        Config::builder()
            .mchid("1900000001")
            .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
            .merchant_private_key_pem(key)
            .wechatpay_public_key(
                "PUB_KEY_ID_0114232134912410000000000001",
                WECHATPAY_PUBLIC_KEY_PEM,
            )
            .build()
            .unwrap_err()
    };
    let e = build(&body);
    assert!(e.problem.contains("base64 body of a key"), "{e}");
    assert!(!e.problem.contains("file path"), "{e}");
    let escaped = pem.trim_end().replace('\n', "\\n");
    let e = build(&escaped);
    assert!(e.problem.contains("literal \\n sequences"), "{e}");
    let e = build("/etc/webizpay/apiclient_key.pem");
    assert!(e.problem.contains("file path"), "{e}");
}
