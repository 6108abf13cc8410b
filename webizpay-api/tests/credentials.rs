//! `Config` / `ConfigBuilder`: validation, error order, keys by serial,
//! redacted `Debug`, files.

use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::crypto::Backend;
use webizpay_api::{Config, ConfigBuilder, ConfigError};

const GO_PRIVATE: &str = include_str!("../testdata/go_merchant_private_key.pem");
const GO_PUBLIC: &str = include_str!("../testdata/go_merchant_public_key.pem");
const JAVA_PRIVATE_PKCS1: &str = include_str!("../testdata/java_merchant_private_key.pkcs1.pem");
const WECHATPAY_PRIVATE: &str = include_str!("../testdata/java_wechatpay_private_key.pem");
const WECHATPAY_PUBLIC: &str = include_str!("../testdata/java_wechatpay_public_key.pem");
const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata");

const MCHID: &str = "1234567890";
const SERIAL: &str = "F5765756002FDD77";
const PUB_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";
const CERT_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

/// A self-signed certificate for the Java WeChat Pay key pair, serial
/// `5157F09EFDC096DE15EBE81A47057A7232F1B8E1` (made with `openssl req -x509`),
/// standing in for a platform certificate.
const PLATFORM_CERT: &str = include_str!("../testdata/platform_certificate.pem");

const EC_PUBLIC: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoOpy/p3PSNurVd5YKGXpLe2RBYjd\n\
hk6haYGpET1XudXOslMp0bpVnDEOyG1Lh7v/AzWfayXQFx/hUvYm3CRx8w==\n\
-----END PUBLIC KEY-----\n\
";

fn valid() -> ConfigBuilder {
    Config::builder()
        .mchid(MCHID)
        .merchant_serial(SERIAL)
        .merchant_private_key_pem(GO_PRIVATE)
        .wechatpay_public_key(PUB_KEY_ID, WECHATPAY_PUBLIC)
}

fn build_err(builder: ConfigBuilder) -> ConfigError {
    match builder.build() {
        Ok(config) => panic!("expected an error, built {config:?}"),
        Err(e) => e,
    }
}

#[test]
fn builds_a_valid_config_on_every_backend() {
    for &backend in Backend::all() {
        let config = valid().backend(backend).build().unwrap();
        assert_eq!(config.mchid(), MCHID);
        assert_eq!(config.merchant_serial(), SERIAL);
        assert_eq!(config.backend(), backend);
        assert_eq!(config.wechatpay_keys().preferred_serial(), PUB_KEY_ID);
        assert_eq!(
            config.wechatpay_keys().serials().collect::<Vec<_>>(),
            [PUB_KEY_ID]
        );
        assert_eq!(config.wechatpay_keys().len(), 1);
        assert!(!config.wechatpay_keys().is_empty());
        assert_eq!(
            webizpay_api::__internal::signing_key(&config).signature_len(),
            256
        );

        // The configured keys work: the merchant key signs the Go vector, the
        // WeChat Pay key verifies what its private half signs.
        let expected = base64_decode(
            "BKyAfU4iMCuvXMXS0Wzam3V/cnxZ+JaqigPM5OhljS2iOT95OO6Fsuml2JkFANJU9K6q9bLlDhPXuoVz+pp4hAm6pHU4ld815U4jsKu1RkyaII+1CYBUYC8TK0XtJ8FwUXXz8vZHh58rrAVN1XwNyvD1vfpxrMT4SL536GLwvpUHlCqIMzoZUguLli/K8V29QiOhuH6IEqLNJn8e9b3nwNcQ7be3CzYGpDAKBfDGPCqCv8Rw5zndhlffk2FEA70G4hvMwe51qMN/RAJbknXG23bSlObuTCN7Ndj1aJGH6/L+hdwfLpUtJm4QYVazzW7DFD27EpSQEqA8bX9+8m1rLg==",
        );
        assert_eq!(
            webizpay_api::__internal::signing_key(&config).sign(b"source"),
            expected
        );
        let signature = backend
            .signing_key_from_pem(WECHATPAY_PRIVATE)
            .unwrap()
            .sign(b"response");
        let key = webizpay_api::__internal::wechatpay_key(config.wechatpay_keys(), PUB_KEY_ID)
            .expect("key by serial");
        assert!(key.verify(b"response", &signature));
        assert!(!key.verify(b"response!", &signature));
        assert!(
            webizpay_api::__internal::wechatpay_key(config.wechatpay_keys(), "PUB_KEY_ID_other")
                .is_none()
        );
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

#[test]
fn default_backend_is_the_default() {
    assert_eq!(valid().build().unwrap().backend(), Backend::default());
}

#[test]
fn builder_methods_may_come_in_any_order() {
    let config = Config::builder()
        .backend(Backend::RustCrypto)
        .wechatpay_public_key(PUB_KEY_ID, WECHATPAY_PUBLIC)
        .merchant_private_key_pem(JAVA_PRIVATE_PKCS1)
        .preferred_wechatpay_serial(PUB_KEY_ID)
        .merchant_serial(SERIAL)
        .mchid(MCHID)
        .build()
        .unwrap();
    assert_eq!(config.mchid(), MCHID);
    assert_eq!(config.backend(), Backend::RustCrypto);
    // A value set twice keeps the last one.
    let config = valid()
        .mchid("1900000109")
        .merchant_serial("ABC123")
        .build()
        .unwrap();
    assert_eq!(config.mchid(), "1900000109");
    assert_eq!(config.merchant_serial(), "ABC123");
}

#[test]
fn public_key_and_platform_certificate_during_a_migration() {
    for &backend in Backend::all() {
        let config = Config::builder()
            .mchid(MCHID)
            .merchant_serial(SERIAL)
            .merchant_private_key_pem(GO_PRIVATE)
            .platform_certificate(CERT_SERIAL, PLATFORM_CERT)
            .wechatpay_public_key(PUB_KEY_ID, WECHATPAY_PUBLIC)
            .backend(backend)
            .build()
            .unwrap();
        // Default: the first key added.
        assert_eq!(config.wechatpay_keys().preferred_serial(), CERT_SERIAL);
        assert_eq!(
            config.wechatpay_keys().serials().collect::<Vec<_>>(),
            [CERT_SERIAL, PUB_KEY_ID]
        );
        let signature = backend
            .signing_key_from_pem(WECHATPAY_PRIVATE)
            .unwrap()
            .sign(b"m");
        for serial in [CERT_SERIAL, PUB_KEY_ID] {
            assert!(
                webizpay_api::__internal::wechatpay_key(config.wechatpay_keys(), serial)
                    .unwrap()
                    .verify(b"m", &signature)
            );
        }
    }
    let config = valid()
        .platform_certificate(CERT_SERIAL, PLATFORM_CERT)
        .preferred_wechatpay_serial(CERT_SERIAL)
        .build()
        .unwrap();
    assert_eq!(config.wechatpay_keys().preferred_serial(), CERT_SERIAL);
}

#[test]
fn a_certificate_is_filed_under_its_own_serial_and_only_as_a_certificate() {
    for &backend in Backend::all() {
        // Any case, leading zeros allowed: the serial is a number.
        for serial in [
            CERT_SERIAL.to_owned(),
            CERT_SERIAL.to_ascii_lowercase(),
            format!("00{CERT_SERIAL}"),
        ] {
            valid()
                .platform_certificate(serial.as_str(), PLATFORM_CERT)
                .backend(backend)
                .build()
                .unwrap_or_else(|e| panic!("{serial}: {e}"));
        }
        let other = "5157F09EFDC096DE15EBE81A47057A7232F1B8E2";
        let err = build_err(
            valid()
                .platform_certificate(other, PLATFORM_CERT)
                .backend(backend),
        );
        assert_eq!(
            err.to_string(),
            format!(
                "invalid configuration: WeChat Pay platform certificate \"{other}\": the certificate's own serial number is {CERT_SERIAL}: WeChat Pay names this certificate by that serial in Wechatpay-Serial, so configure it under {CERT_SERIAL}"
            )
        );
        let err = build_err(
            valid()
                .wechatpay_public_key("PUB_KEY_ID_2", PLATFORM_CERT)
                .backend(backend),
        );
        assert_eq!(
            err.to_string(),
            format!(
                "invalid configuration: WeChat Pay public key \"PUB_KEY_ID_2\": the PEM is an X.509 certificate (serial {CERT_SERIAL}), not a WeChat Pay public key: add it with ConfigBuilder::platform_certificate(\"{CERT_SERIAL}\", pem), or give the public key (PUBLIC KEY PEM) that belongs to this id"
            )
        );
    }
}

#[test]
fn config_from_files() {
    for &backend in Backend::all() {
        let config = Config::builder()
            .mchid(MCHID)
            .merchant_serial(SERIAL)
            .merchant_private_key_file(format!("{TESTDATA}/go_merchant_private_key.pem"))
            .wechatpay_public_key_file(
                PUB_KEY_ID,
                format!("{TESTDATA}/java_wechatpay_public_key.pem"),
            )
            .backend(backend)
            .build()
            .unwrap();
        let from_text = valid().backend(backend).build().unwrap();
        assert_eq!(
            webizpay_api::__internal::signing_key(&config).sign(b"x"),
            webizpay_api::__internal::signing_key(&from_text).sign(b"x")
        );
        assert_eq!(config.wechatpay_keys().preferred_serial(), PUB_KEY_ID);
    }
}

#[test]
fn unreadable_files_are_reported_by_build() {
    let missing = format!("{TESTDATA}/no_such_key.pem");
    let err = build_err(valid().merchant_private_key_file(&missing));
    assert_eq!(err.what, "merchant private key");
    assert!(
        err.problem
            .starts_with(&format!("could not read file {missing}: ")),
        "{err}"
    );
    // The first problem wins, whatever comes after it.
    let err = build_err(
        valid()
            .wechatpay_public_key_file("PUB_KEY_ID_x", format!("{TESTDATA}/missing.pem"))
            .mchid("not digits")
            .merchant_private_key_file(&missing),
    );
    assert_eq!(err.what, "WeChat Pay public key \"PUB_KEY_ID_x\"");
    assert!(err.problem.starts_with("could not read file "), "{err}");
    // A directory is not a PEM file either.
    let err = build_err(valid().merchant_private_key_file(TESTDATA));
    assert!(err.problem.starts_with("could not read file "), "{err}");
}

#[test]
fn mchid_must_be_digits() {
    let err = build_err(valid().mchid(""));
    assert_eq!(
        err.to_string(),
        "invalid configuration: mchid: is empty: WeChat Pay merchant ids (mchid) are digits, e.g. 1900000109"
    );
    let err = build_err(valid().mchid("12345x"));
    assert_eq!(
        err.to_string(),
        "invalid configuration: mchid: \"12345x\" is not a WeChat Pay merchant id: mchids are digits only, e.g. 1900000109"
    );
    let err = build_err(valid().mchid(" 1234567890"));
    assert_eq!(err.what, "mchid");
    let err = build_err(valid().mchid("1".repeat(33)));
    assert_eq!(
        err.to_string(),
        "invalid configuration: mchid: is 33 digits long: WeChat Pay merchant ids have at most 32"
    );
    let err = build_err(Config::builder().merchant_serial(SERIAL));
    assert_eq!(
        err.to_string(),
        "invalid configuration: mchid: is not set: call ConfigBuilder::mchid with the merchant id"
    );
}

#[test]
fn merchant_serial_rules() {
    let cases = [
        ("", "the serial is empty"),
        (
            "F576 5756",
            "the serial contains whitespace (copied with a space or line break?)",
        ),
        (
            "F5765756\n",
            "the serial contains whitespace (copied with a space or line break?)",
        ),
        ("F5765756é", "the serial must be visible ASCII characters"),
        // Hex digits only (nothing to escape in the Authorization header).
        (
            "F57\"65756",
            "a certificate serial is hex digits, but it contains '\"'",
        ),
        (
            "F5765756G",
            "a certificate serial is hex digits, but it contains 'G'",
        ),
        (
            "F5765756F5765756F5765756F5765756F5765756F",
            "a certificate serial has at most 40 hex digits, this one 41",
        ),
    ];
    for (serial, problem) in cases {
        let err = build_err(valid().merchant_serial(serial));
        assert_eq!(err.what, "merchant certificate serial", "{serial:?}");
        assert_eq!(err.problem, problem, "{serial:?}");
    }
    let err = build_err(Config::builder().mchid(MCHID));
    assert_eq!(
        err.to_string(),
        "invalid configuration: merchant certificate serial: is not set: call ConfigBuilder::merchant_serial with the serial number of the merchant API certificate, or ConfigBuilder::merchant_certificate_file with apiclient_cert.pem"
    );
}

#[test]
fn private_key_is_required_and_checked() {
    let err = build_err(
        Config::builder()
            .mchid(MCHID)
            .merchant_serial(SERIAL)
            .wechatpay_public_key(PUB_KEY_ID, WECHATPAY_PUBLIC),
    );
    assert_eq!(
        err.to_string(),
        "invalid configuration: merchant private key: is not set: call ConfigBuilder::merchant_private_key_pem or merchant_private_key_file"
    );
    for &backend in Backend::all() {
        let err = build_err(valid().merchant_private_key_pem(GO_PUBLIC).backend(backend));
        assert_eq!(
            err.to_string(),
            "invalid configuration: merchant private key: found a PUBLIC KEY PEM block, expected PRIVATE KEY or RSA PRIVATE KEY"
        );
    }
}

#[test]
fn wechatpay_keys_are_required_checked_and_unique() {
    let err = build_err(
        Config::builder()
            .mchid(MCHID)
            .merchant_serial(SERIAL)
            .merchant_private_key_pem(GO_PRIVATE),
    );
    assert_eq!(
        err.to_string(),
        "invalid configuration: WeChat Pay keys: none configured: add the WeChat Pay public key (ConfigBuilder::wechatpay_public_key, id PUB_KEY_ID_…) or a platform certificate, to verify responses"
    );
    let err = build_err(valid().wechatpay_public_key(PUB_KEY_ID, GO_PUBLIC));
    assert_eq!(
        err.to_string(),
        format!(
            "invalid configuration: WeChat Pay public key \"{PUB_KEY_ID}\": is configured twice: each WeChat Pay key serial must be unique"
        )
    );
    let err = build_err(valid().platform_certificate(PUB_KEY_ID, PLATFORM_CERT));
    assert_eq!(
        err.what,
        format!("WeChat Pay platform certificate \"{PUB_KEY_ID}\"")
    );
    let err = build_err(valid().wechatpay_public_key("PUB KEY", WECHATPAY_PUBLIC));
    assert_eq!(
        err.to_string(),
        "invalid configuration: WeChat Pay public key \"PUB KEY\": the serial contains whitespace (copied with a space or line break?)"
    );
    let err = build_err(valid().platform_certificate("", PLATFORM_CERT));
    assert_eq!(
        err.to_string(),
        "invalid configuration: WeChat Pay platform certificate \"\": the serial is empty"
    );
    for &backend in Backend::all() {
        let err = build_err(
            valid()
                .platform_certificate(CERT_SERIAL, EC_PUBLIC)
                .backend(backend),
        );
        assert_eq!(
            err.to_string(),
            format!(
                "invalid configuration: WeChat Pay platform certificate \"{CERT_SERIAL}\": the PUBLIC KEY is an EC key, not RSA (rsaEncryption): WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs RSA"
            )
        );
        let err = build_err(
            valid()
                .wechatpay_public_key("PUB_KEY_ID_2", WECHATPAY_PRIVATE)
                .backend(backend),
        );
        assert_eq!(
            err.to_string(),
            "invalid configuration: WeChat Pay public key \"PUB_KEY_ID_2\": found a PRIVATE KEY PEM block, expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE (a private key does not belong here: give WeChat Pay's public key or platform certificate)"
        );
    }
}

#[test]
fn preferred_serial_must_name_a_configured_key() {
    let err = build_err(valid().preferred_wechatpay_serial("PUB_KEY_ID_unknown"));
    assert_eq!(
        err.to_string(),
        format!(
            "invalid configuration: preferred WeChat Pay serial: \"PUB_KEY_ID_unknown\" names no configured WeChat Pay key (configured: {PUB_KEY_ID})"
        )
    );
}

#[test]
fn first_error_in_check_order_is_reported() {
    // Everything is wrong: the mchid is checked first.
    let err = build_err(
        Config::builder()
            .merchant_private_key_pem("garbage")
            .merchant_serial("")
            .preferred_wechatpay_serial("nope")
            .mchid("abc"),
    );
    assert_eq!(err.what, "mchid");
    let err = build_err(
        Config::builder()
            .merchant_private_key_pem("garbage")
            .merchant_serial("")
            .mchid(MCHID),
    );
    assert_eq!(err.what, "merchant certificate serial");
    let err = build_err(
        Config::builder()
            .merchant_private_key_pem("garbage")
            .merchant_serial(SERIAL)
            .mchid(MCHID),
    );
    assert_eq!(err.what, "merchant private key");
}

#[test]
fn debug_shows_no_key_material() {
    let builder = valid().platform_certificate(CERT_SERIAL, PLATFORM_CERT);
    let builder_debug = format!("{builder:?}");
    let config = builder.build().unwrap();
    let config_debug = format!("{config:?}");
    let keys_debug = format!("{:?}", config.wechatpay_keys());
    assert_eq!(
        config_debug,
        format!(
            "Config {{ mchid: \"{MCHID}\", merchant_serial: \"{SERIAL}\", merchant_private_key: <redacted>, wechatpay_keys: WechatPayKeys {{ serials: [\"{PUB_KEY_ID}\", \"{CERT_SERIAL}\"], preferred: \"{PUB_KEY_ID}\" }}, backend: {:?} }}",
            Backend::default()
        )
    );
    assert!(
        builder_debug.contains("merchant_private_key: Some(<redacted>)"),
        "{builder_debug}"
    );
    assert!(
        builder_debug.contains(PUB_KEY_ID) && builder_debug.contains(MCHID),
        "{builder_debug}"
    );
    for shown in [
        &builder_debug,
        &config_debug,
        &keys_debug,
        &format!("{config:#?}"),
    ] {
        assert!(!shown.contains("-----"), "{shown}");
        for pem in [GO_PRIVATE, WECHATPAY_PUBLIC, PLATFORM_CERT] {
            for line in pem.lines().filter(|l| !l.starts_with("-----")) {
                // Any 16-character piece of base64 would be key material.
                for piece in line.as_bytes().chunks(16).filter(|c| c.len() == 16) {
                    let piece = std::str::from_utf8(piece).unwrap();
                    assert!(!shown.contains(piece), "Debug shows key material: {shown}");
                }
            }
        }
    }
    assert_eq!(
        format!("{:?}", Config::builder()),
        format!(
            "ConfigBuilder {{ mchid: None, merchant_serial: None, merchant_private_key: None, wechatpay_serials: [], preferred_wechatpay_serial: None, backend: {:?}, error: None }}",
            Backend::default()
        )
    );
}

#[test]
fn config_clones_share_keys() {
    let config = valid().build().unwrap();
    let clone = config.clone();
    assert!(std::ptr::addr_eq(
        webizpay_api::__internal::signing_key(&config),
        webizpay_api::__internal::signing_key(&clone)
    ));
    assert!(std::ptr::eq(config.mchid(), clone.mchid()));
    assert!(std::ptr::addr_eq(
        webizpay_api::__internal::wechatpay_key(config.wechatpay_keys(), PUB_KEY_ID).unwrap(),
        webizpay_api::__internal::wechatpay_key(clone.wechatpay_keys(), PUB_KEY_ID).unwrap()
    ));
    fn send_sync<T: Send + Sync + 'static>(_: &T) {}
    send_sync(&config);
}
