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
            .apply_authorization(&ApplyAuthorizationRequest {
                user_id: "serial_check".into(),
                sp_mchid: sim.mchid().into(),
                sub_mchid: "43214321".into(),
                application_type: ApplicationType::H5,
            })
            .await
            .unwrap_or_else(|e| panic!("{spelling}: {e}"));
        assert_eq!(answer.meta.wechatpay_serial, CERT_SERIAL);
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
