//! Proof under bad input: every constraint of `spec/webizpay.yaml` broken
//! once at its boundary (and the boundary values that must pass), each
//! rejected with the exact message naming the field and the rule and with
//! nothing sent; and every kind of wrong key given to `Config::builder()`,
//! on both crypto backends, each with the exact `ConfigError`.
//!
//! `tests/client_e2e.rs` already covers `abcde`, `abc def`, `APP` and 65 `x` as `employee_id`; `tests/credentials.rs`
//! covers the Go public key as the merchant key, the WeChat Pay private key
//! as a WeChat Pay key and an EC public key as a platform certificate.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::simulator::{
    DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL, MERCHANT_PRIVATE_KEY_PEM, Simulator,
    WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Backend, Client, Config, ConfigBuilder, Error,
    ErrorCode, Operation, RevokeAuthorizationRequest,
};

const SUB: &str = "43214321";

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Req {
    Apply(ApplyAuthorizationRequest),
    Revoke(RevokeAuthorizationRequest),
}

impl Req {
    async fn send(&self, client: &Client) -> Result<(), Error> {
        match self {
            Req::Apply(r) => client.apply_authorization(r).await.map(drop),
            Req::Revoke(r) => client.revoke_authorization(r).await.map(drop),
        }
    }

    /// The request the simulator decodes from what it received, with the
    /// `sp_mchid` the client filled in (`mchid`).
    fn round_trips(&self, mchid: &str, target: &str, body: &[u8]) -> bool {
        let filled = Some(mchid.to_owned());
        match self {
            Req::Apply(r) => {
                r.target(mchid) == target
                    && webizpay_api::__internal::from_wire::<ApplyAuthorizationRequest>(
                        target, body,
                    ) == Ok((r.clone(), filled))
            }
            Req::Revoke(r) => {
                r.target(mchid) == target
                    && webizpay_api::__internal::from_wire::<RevokeAuthorizationRequest>(
                        target, body,
                    ) == Ok((r.clone(), filled))
            }
        }
    }
}

fn apply() -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id("employee123")
        .sub_mchid(SUB)
        .application_type(ApplicationType::H5)
        .build()
}

fn revoke() -> RevokeAuthorizationRequest {
    RevokeAuthorizationRequest::builder()
        .employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c")
        .sub_mchid(SUB)
        .build()
}

const CHARSET_TAIL: &str = " is not allowed (allowed: 0-9 A-Z a-z _-|*)";

/// Every spec constraint broken once, at its boundary: (request, field, message).
fn rejected() -> Vec<(Req, &'static str, String)> {
    let user = |user_id: &str| {
        Req::Apply({
            let mut updated = apply();
            updated.user_id = user_id.into();
            updated
        })
    };
    let charset = |user_id: &str, found: char, position: usize| {
        (
            user(user_id),
            "user_id",
            format!("user_id: character {found:?} at position {position}{CHARSET_TAIL}"),
        )
    };
    let length = |field: &'static str, chars: usize, range: &str| {
        format!("{field}: {chars} chars, needs {range}")
    };
    let a = apply();
    let r = revoke();
    vec![
        // user_id: 6..=32 chars (counted in characters, not bytes).
        (user(""), "user_id", length("user_id", 0, "6..=32")),
        (user("abcd5"), "user_id", length("user_id", 5, "6..=32")),
        (
            user(&"a".repeat(33)),
            "user_id",
            length("user_id", 33, "6..=32"),
        ),
        // 99 bytes but 33 characters: too long, counted in characters (the
        // too-short case in characters is `length_minimum_counts_characters`).
        (
            user(&"员".repeat(33)),
            "user_id",
            length("user_id", 33, "6..=32"),
        ),
        // 32 characters but 128 bytes: not too long, only not allowed.
        charset(&"😀".repeat(32), '😀', 0),
        // user_id: only 0-9 A-Z a-z _ - | *, one of each disallowed class.
        charset("employee 123", ' ', 8),
        charset("employee#123", '#', 8),
        charset("employee/123", '/', 8),
        charset("employee%2F3", '%', 8),
        charset("employee?123", '?', 8),
        charset("employee.123", '.', 8),
        charset("employee~123", '~', 8),
        charset("employee+123", '+', 8),
        charset("employee\n123", '\n', 8),
        charset("employee\u{0}123", '\0', 8),
        charset("employé123", 'é', 6),
        charset("员工employee", '员', 0),
        charset("employee123😀", '😀', 11),
        charset("😀😀abcd", '😀', 0),
        // sub_mchid: required, at most 32 chars (sp_mchid is the
        // configured mchid, checked by `Config::builder`).
        (
            Req::Apply({ let mut updated = a.clone(); updated.sub_mchid = String::new(); updated }),
            "sub_mchid",
            "sub_mchid: required, but empty".to_owned(),
        ),
        (
            Req::Apply({ let mut updated = a.clone(); updated.sub_mchid = "4".repeat(33); updated }),
            "sub_mchid",
            length("sub_mchid", 33, "0..=32"),
        ),
        (
            Req::Apply({ let mut updated = a.clone(); updated.sub_mchid = "子".repeat(33); updated }),
            "sub_mchid",
            length("sub_mchid", 33, "0..=32"),
        ),
        // application_type: one of the enum.
        (
            Req::Apply({ let mut updated = a.clone(); updated.application_type = ApplicationType::Unknown("h5".into()); updated }),
            "application_type",
            "application_type: \"h5\" is not a documented value (allowed: H5, MINIPROGRAM)"
                .to_owned(),
        ),
        (
            Req::Apply({ let mut updated = a.clone(); updated.application_type = ApplicationType::Unknown(String::new()); updated }),
            "application_type",
            "application_type: \"\" is not a documented value (allowed: H5, MINIPROGRAM)"
                .to_owned(),
        ),
        (
            Req::Apply({ let mut updated = a.clone(); updated.application_type = ApplicationType::from("MINIPROGRAM "); updated }),
            "application_type",
            "application_type: \"MINIPROGRAM \" is not a documented value (allowed: H5, MINIPROGRAM)"
                .to_owned(),
        ),
        // Several broken fields: the first in spec order is named.
        (
            Req::Apply(ApplyAuthorizationRequest::builder().user_id("bad id").sub_mchid(String::new()).application_type(ApplicationType::Unknown("APP".into())).build()),
            "user_id",
            format!("user_id: character ' ' at position 3{CHARSET_TAIL}"),
        ),
        // employee_id: required, at most 64 chars.
        (
            Req::Revoke({ let mut updated = r.clone(); updated.employee_id = String::new(); updated }),
            "employee_id",
            "employee_id: required, but empty".to_owned(),
        ),
        (
            Req::Revoke({ let mut updated = r.clone(); updated.employee_id = "员".repeat(65); updated }),
            "employee_id",
            length("employee_id", 65, "0..=64"),
        ),
        (
            Req::Revoke({ let mut updated = r.clone(); updated.sub_mchid = String::new(); updated }),
            "sub_mchid",
            "sub_mchid: required, but empty".to_owned(),
        ),
        (
            Req::Revoke({ let mut updated = r.clone(); updated.sub_mchid = "4".repeat(33); updated }),
            "sub_mchid",
            length("sub_mchid", 33, "0..=32"),
        ),
        (
            Req::Revoke(RevokeAuthorizationRequest::builder().employee_id(String::new()).sub_mchid(String::new()).build()),
            "employee_id",
            "employee_id: required, but empty".to_owned(),
        ),
    ]
}

/// The boundary values that must pass validation and be sent.
fn accepted() -> Vec<Req> {
    let a = apply();
    let r = revoke();
    let user = |user_id: &str| {
        Req::Apply({
            let mut updated = a.clone();
            updated.user_id = user_id.into();
            updated
        })
    };
    let employee = |employee_id: String| {
        Req::Revoke({
            let mut updated = r.clone();
            updated.employee_id = employee_id;
            updated
        })
    };
    vec![
        user("a|b*c_"),
        user("0123456789ABCDEFabcdef_-|*xyzXYZ"),
        user("------"),
        user(&"Z".repeat(32)),
        Req::Apply({
            let mut updated = a.clone();
            updated.sub_mchid = "4".repeat(32);
            updated
        }),
        Req::Apply({
            let mut updated = a.clone();
            updated.sub_mchid = "子".repeat(32);
            updated
        }),
        Req::Apply({
            let mut updated = a.clone();
            updated.sub_mchid = "4".into();
            updated.application_type = ApplicationType::Miniprogram;
            updated
        }),
        employee("x".repeat(64)),
        employee("😀".repeat(64)),
        employee("a".into()),
        employee("a b/c%d?e#f&g=h+i\\j\"k".into()),
        Req::Revoke({
            let mut updated = r.clone();
            updated.sub_mchid = "子".repeat(32);
            updated
        }),
    ]
}

#[tokio::test]
async fn every_broken_constraint_is_rejected_with_its_message_and_nothing_is_sent() {
    let sim = Simulator::start().await.expect("simulator");
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .build()
        .expect("client");
    let cases = rejected();
    let n = cases.len();
    for (req, field, message) in cases {
        let err = req
            .send(&client)
            .await
            .expect_err(&format!("{req:?} passed"));
        let Error::InvalidRequest(v) = &err else {
            panic!("{req:?}: expected InvalidRequest, got {err:?}")
        };
        assert_eq!(v.field(), field, "{req:?}");
        assert_eq!(v.to_string(), message, "{req:?}");
        assert_eq!(
            err.to_string(),
            format!("invalid request, nothing was sent: {message}")
        );
        assert!(!err.may_have_been_sent());
        assert_eq!((err.status(), err.request_id()), (None, None));
        assert_eq!(sim.request_count(), 0, "{req:?} reached the simulator");
    }
    assert_eq!(sim.request_count(), 0);
    println!("bad_input: {n} broken constraints rejected, 0 requests sent");
}

/// The minimum length is counted in characters too: 5 CJK characters are 15
/// bytes but only 5 characters, so the length rule (checked before the
/// charset rule) must be the one named.
#[test]
fn length_minimum_counts_characters() {
    use webizpay_api::__internal::validate;
    let e = validate::length("user_id", "员员员员员", 6, Some(32))
        .expect_err("5 characters are fewer than 6");
    assert_eq!(e.to_string(), "user_id: 5 chars, needs 6..=32");
    assert!(validate::length("reason", "éé", 3, None).is_err());
    let req = {
        let mut updated = apply();
        updated.user_id = "员员员员员".into();
        updated
    };
    assert_eq!(
        req.validate().expect_err("invalid").to_string(),
        "user_id: 5 chars, needs 6..=32"
    );
}

#[tokio::test]
async fn boundary_values_pass_validation_and_arrive_intact() {
    let sim = Simulator::start().await.expect("simulator");
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .build()
        .expect("client");
    for req in accepted() {
        let before = sim.request_count();
        let result = req.send(&client).await;
        match &result {
            Ok(()) => {}
            // A business answer: the request was valid and correctly signed.
            Err(Error::Api(e)) if e.code == ErrorCode::ResourceNotExists => {
                assert!(e.message.starts_with("employee_id"), "{req:?}: {e}");
            }
            Err(Error::Api(e)) if e.code == ErrorCode::ParamError => {
                let field = e.detail.as_ref().and_then(|d| d["field"].as_str());
                assert_eq!(field, Some("employee_id"), "{req:?}: {e}");
            }
            Err(e) => panic!("{req:?}: {e:?}"),
        }
        if let Req::Apply(_) = &req {
            assert!(result.is_ok(), "{req:?}: {result:?}");
        }
        assert_eq!(sim.request_count(), before + 1, "{req:?}");
        let got = sim.last_request().expect("recorded");
        assert!(
            req.round_trips(sim.mchid(), &got.target, &got.body),
            "{req:?} arrived as {} {:?}",
            got.target,
            String::from_utf8_lossy(&got.body)
        );
    }
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

const PUB_KEY_ID: &str = DEFAULT_WECHATPAY_SERIAL;
const EC_PKCS8: &str = include_str!("../testdata/ec_p256_private_key.pem");
const GO_PRIVATE: &str = include_str!("../testdata/go_merchant_private_key.pem");
const JAVA_PRIVATE_PKCS1: &str = include_str!("../testdata/java_merchant_private_key.pkcs1.pem");

/// The key of `testdata/ec_p256_private_key.pem` in SEC1 form
/// (`openssl ec -in ec_p256_private_key.pem`).
const EC_SEC1: &str = "\
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIL398EaAFA62mnnwnL0qTPHsdv5BgYfA/nmkvF/mXmJcoAoGCCqGSM49
AwEHoUQDQgAEdBVejokx0GFcx2Oe8izb1Q8SLfxfMfkB6leTGsUhEFGCxIbVvcUe
iFlsNjZ50F8aooD5K9DxDuSATqb8nsu9sQ==
-----END EC PRIVATE KEY-----
";

/// Its public key (`openssl pkey -in ec_p256_private_key.pem -pubout`).
const EC_PUBLIC: &str = "\
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEdBVejokx0GFcx2Oe8izb1Q8SLfxf
MfkB6leTGsUhEFGCxIbVvcUeiFlsNjZ50F8aooD5K9DxDuSATqb8nsu9sQ==
-----END PUBLIC KEY-----
";

/// A throwaway RSA-1024 key (`openssl genrsa 1024 | openssl pkcs8 -topk8 -nocrypt`): too small.
const RSA_1024_PRIVATE: &str = "\
-----BEGIN PRIVATE KEY-----
MIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBANLN3ghfivX4Boki
Oka76vusNvJz5XXWiebMeeQgR2KCQi6qmzNDO843sRf9YnYJ0Gl0/wcVlm2hTeYN
mFGz7xr0zD6lNsMNpCaLhwpWX6IDt3g3v/dACWZPdsz76009ZdClq6te8euc3Ccv
ZYv9BT0nbAFU73QDKOmiy53EaeHJAgMBAAECgYEAseLFFV3CfpOAuGHouV3ECgIm
D+xa2lhi4B72UNooQulWfdi7xMNciUUXrP3GA4N+mi7/MfQ2j2aJvLMGMRPclOMz
8QwHt8SHHOA7Wu5BxJUMmqVt2s/llltnF94a1Tx0vRVaTeP4E6FPcs1dj5hKLODi
woqhfQXpt5+F5NTy0LECQQDzhDIWy8pIvf1k8KYIMQ1madZ5RsMC1b7nevefQb//
oAd5aYnY8oC4yd3YuNTjEMOpFBFo7t63qJx9U++SfdrlAkEA3Zxe3GBtf6POYNML
oOxBnwY+fhhTiYTa/gcHpEeV8Bx7Dq57WndivMQPS707WpY1PO1y3dBqOqS1/2oU
JCNpFQJBAL9ewTpW9uZJoIwl7mT7n4s/W5Q9Pt3IellRsq3OLwPFkHoirXj3wp71
zUkWn/692vXR1oi/R/nPIQQA5YIbM90CQDgeZRdBg/kSrixuxT8XFPcEScb8ugrV
De/OL+02A44uaCsrnCkommRa8dSoMuOZrhmjt7bcFEqNc1ker8MHBJECQQClG0jt
TI20A8C1sbtZ4WLQxQJGKF2gMQsCG99q5Pw5CR96mjKuUANFWyxD6BeaOfnI/p8V
nt/0QGT9U2nYce7b
-----END PRIVATE KEY-----
";

/// Its public key.
const RSA_1024_PUBLIC: &str = "\
-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDSzd4IX4r1+AaJIjpGu+r7rDby
c+V11onmzHnkIEdigkIuqpszQzvON7EX/WJ2CdBpdP8HFZZtoU3mDZhRs+8a9Mw+
pTbDDaQmi4cKVl+iA7d4N7/3QAlmT3bM++tNPWXQpaurXvHrnNwnL2WL/QU9J2wB
VO90AyjposudxGnhyQIDAQAB
-----END PUBLIC KEY-----
";

/// A self-signed certificate (`testdata/platform_certificate.pem`): what a
/// merchant may give instead of `apiclient_key.pem`.
const CERTIFICATE: &str = include_str!("../testdata/platform_certificate.pem");

/// The first half of the lines of a PEM: no END line.
fn cut_in_half(pem: &str) -> String {
    let lines: Vec<&str> = pem.lines().collect();
    lines[..lines.len() / 2].join("\n")
}

/// The BEGIN line, two lines of base64, and the END line: valid base64 of a
/// truncated DER.
fn middle_removed(pem: &str) -> String {
    let lines: Vec<&str> = pem.lines().collect();
    [lines[0], lines[1], lines[2], lines[lines.len() - 1]].join("\n")
}

/// A well-formed PEM and DER whose RSA numbers do not fit together (one byte
/// of a prime changed).
fn inconsistent_rsa_key() -> String {
    let b64: String = JAVA_PRIVATE_PKCS1
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let mut der = STANDARD.decode(b64).expect("base64");
    let middle = der.len() / 2;
    der[middle] ^= 0x55;
    let b64 = STANDARD.encode(der);
    let body: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("ASCII"))
        .collect();
    format!(
        "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
        body.join("\n")
    )
}

fn valid(backend: Backend) -> ConfigBuilder {
    Config::builder()
        .mchid("1900000001")
        .merchant_serial(DEFAULT_MERCHANT_SERIAL)
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .wechatpay_public_key(PUB_KEY_ID, WECHATPAY_PUBLIC_KEY_PEM)
        .backend(backend)
}

fn build_err(builder: ConfigBuilder, ctx: &str) -> webizpay_api::ConfigError {
    match builder.build() {
        Ok(c) => panic!("{ctx}: built {c:?}"),
        Err(e) => e,
    }
}

const PRIVATE_EXPECTED: &str = "PRIVATE KEY or RSA PRIVATE KEY";
const PUBLIC_EXPECTED: &str = "PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE";

/// (name, PEM given as the merchant private key, exact problem).
fn bad_private_keys() -> Vec<(&'static str, String, String)> {
    vec![
        (
            "truncated PEM (no END line)",
            cut_in_half(MERCHANT_PRIVATE_KEY_PEM),
            "truncated PEM: the PRIVATE KEY block has no -----END PRIVATE KEY----- line (is the text or file cut short?)".into(),
        ),
        (
            "truncated inside the BEGIN line",
            "-----BEGIN PRIVA".into(),
            "truncated PEM: the -----BEGIN line is incomplete".into(),
        ),
        (
            "PKCS#8 with lines missing",
            middle_removed(MERCHANT_PRIVATE_KEY_PEM),
            "the PRIVATE KEY PEM block is not a valid PKCS#8 private key (corrupted or truncated?)".into(),
        ),
        (
            "PKCS#1 with lines missing",
            middle_removed(JAVA_PRIVATE_PKCS1),
            "the RSA PRIVATE KEY PEM block is not a valid PKCS#1 RSA private key (corrupted or truncated?)".into(),
        ),
        (
            "the WeChat Pay public key",
            WECHATPAY_PUBLIC_KEY_PEM.into(),
            format!("found a PUBLIC KEY PEM block, expected {PRIVATE_EXPECTED}"),
        ),
        (
            "an EC key (PKCS#8)",
            EC_PKCS8.into(),
            "the PRIVATE KEY is an EC key, not RSA (rsaEncryption): WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs RSA".into(),
        ),
        (
            "an EC key (SEC1)",
            EC_SEC1.into(),
            "found an EC PRIVATE KEY PEM block: this is an EC key, not RSA; WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs the merchant's RSA private key (apiclient_key.pem)".into(),
        ),
        (
            "an RSA-1024 key",
            RSA_1024_PRIVATE.into(),
            "the RSA key is too small (1024 bits): WeChat Pay APIv3 needs RSA keys of 2048 to 4096 bits".into(),
        ),
        (
            "garbage",
            "garbage".into(),
            format!("is not PEM (no -----BEGIN line found): expected {PRIVATE_EXPECTED}"),
        ),
        (
            "binary garbage",
            "\u{1}\u{2}\u{fffd}\n\u{0}".into(),
            format!("is not PEM (no -----BEGIN line found): expected {PRIVATE_EXPECTED}"),
        ),
        (
            "a file path instead of the PEM text",
            "/etc/webizpay/apiclient_key.pem".into(),
            format!("is not PEM (no -----BEGIN line): expected the PEM text ({PRIVATE_EXPECTED}); it looks like a file path, so load it with the matching *_file method"),
        ),
        (
            "an empty string",
            String::new(),
            format!("is empty: expected a PEM block ({PRIVATE_EXPECTED})"),
        ),
        (
            "only whitespace",
            " \n\t\r\n".into(),
            format!("is empty: expected a PEM block ({PRIVATE_EXPECTED})"),
        ),
        (
            "a certificate",
            CERTIFICATE.into(),
            format!("found a CERTIFICATE PEM block, expected {PRIVATE_EXPECTED} (a certificate holds no private key: the merchant private key is the apiclient_key.pem file)"),
        ),
        (
            "an encrypted PKCS#8 key",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n".into(),
            "the key is encrypted (ENCRYPTED PRIVATE KEY PEM block): decrypt it first (e.g. `openssl pkey -in encrypted.pem -out key.pem`) and keep the decrypted file protected".into(),
        ),
        (
            "a legacy encrypted PKCS#1 key",
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n".into(),
            "the key is encrypted (RSA PRIVATE KEY PEM block): decrypt it first (e.g. `openssl pkey -in encrypted.pem -out key.pem`) and keep the decrypted file protected".into(),
        ),
        (
            "two private keys",
            format!("{MERCHANT_PRIVATE_KEY_PEM}{GO_PRIVATE}"),
            "the PEM text holds 2 private keys; give exactly one".into(),
        ),
        (
            "a body that is not base64",
            "-----BEGIN PRIVATE KEY-----\n@@@@ not base64 @@@@\n-----END PRIVATE KEY-----\n".into(),
            "the PRIVATE KEY PEM block is not valid base64 (the PEM text is corrupted or truncated)".into(),
        ),
        (
            "an empty block",
            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n".into(),
            "the PRIVATE KEY PEM block is empty".into(),
        ),
        (
            "a mismatched END line",
            MERCHANT_PRIVATE_KEY_PEM.replace("END PRIVATE KEY", "END RSA PRIVATE KEY"),
            "malformed PEM: the PRIVATE KEY block ends with a different END line (expected -----END PRIVATE KEY-----)".into(),
        ),
    ]
}

/// (name, PEM given as the WeChat Pay public key, exact problem).
fn bad_public_keys() -> Vec<(&'static str, String, String)> {
    vec![
        (
            "truncated PEM (no END line)",
            cut_in_half(WECHATPAY_PUBLIC_KEY_PEM),
            "truncated PEM: the PUBLIC KEY block has no -----END PUBLIC KEY----- line (is the text or file cut short?)".into(),
        ),
        (
            "the merchant's own private key",
            GO_PRIVATE.into(),
            format!("found a PRIVATE KEY PEM block, expected {PUBLIC_EXPECTED} (a private key does not belong here: give WeChat Pay's public key or platform certificate)"),
        ),
        (
            "an EC private key",
            EC_SEC1.into(),
            format!("found an EC PRIVATE KEY PEM block, expected {PUBLIC_EXPECTED} (a private key does not belong here: give WeChat Pay's public key or platform certificate)"),
        ),
        (
            "an EC public key",
            EC_PUBLIC.into(),
            "the PUBLIC KEY is an EC key, not RSA (rsaEncryption): WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs RSA".into(),
        ),
        (
            "an RSA-1024 public key",
            RSA_1024_PUBLIC.into(),
            "the RSA key is too small (1024 bits): WeChat Pay APIv3 needs RSA keys of 2048 to 4096 bits".into(),
        ),
        (
            "garbage",
            "PUB_KEY_ID_0114232134912410000000000001".into(),
            format!("is not PEM (no -----BEGIN line found): expected {PUBLIC_EXPECTED}"),
        ),
        (
            "a file path instead of the PEM text",
            "C:\\webizpay\\pub_key.pem".into(),
            format!("is not PEM (no -----BEGIN line): expected the PEM text ({PUBLIC_EXPECTED}); it looks like a file path, so load it with the matching *_file method"),
        ),
        (
            "an empty string",
            String::new(),
            format!("is empty: expected a PEM block ({PUBLIC_EXPECTED})"),
        ),
        (
            "two public keys",
            format!("{WECHATPAY_PUBLIC_KEY_PEM}{RSA_1024_PUBLIC}"),
            "the PEM text holds 2 public keys or certificates; give exactly one (for a certificate chain, only the WeChat Pay platform certificate)".into(),
        ),
    ]
}

#[test]
fn every_bad_merchant_private_key_is_a_clear_config_error_on_both_backends() {
    let mut n = 0;
    for &backend in Backend::all() {
        for (name, pem, problem) in bad_private_keys() {
            let ctx = format!("{backend}: {name}");
            let err = build_err(valid(backend).merchant_private_key_pem(pem.clone()), &ctx);
            assert_eq!(err.what, "merchant private key", "{ctx}");
            assert_eq!(err.problem, problem, "{ctx}");
            assert_eq!(
                err.to_string(),
                format!("invalid configuration: merchant private key: {problem}"),
                "{ctx}"
            );
            // The same problem through Backend directly.
            let Err(direct) = backend.signing_key_from_pem(&pem) else {
                panic!("{ctx}: Backend accepted it")
            };
            assert_eq!(direct.problem, problem, "{ctx}");
            n += 1;
        }
    }
    println!("bad_input: {n} bad merchant private keys rejected");
}

#[test]
fn a_key_whose_numbers_do_not_fit_is_rejected_by_each_backend() {
    let pem = inconsistent_rsa_key();
    for &backend in Backend::all() {
        let err = build_err(valid(backend).merchant_private_key_pem(pem.clone()), "");
        assert_eq!(err.what, "merchant private key");
        match backend {
            Backend::AwsLc => {
                assert!(
                    err.problem
                        .starts_with("aws-lc-rs rejected the RSA private key (")
                        && err.problem.ends_with(
                            "): its parameters are inconsistent or the key is corrupted"
                        ),
                    "{err}"
                );
            }
            Backend::RustCrypto => assert_eq!(
                err.problem,
                "the rsa crate rejected the RSA private key: its parameters are inconsistent or the key is corrupted",
            ),
            other => panic!("unexpected backend {other:?}"),
        }
    }
}

#[test]
fn every_bad_wechatpay_public_key_is_a_clear_config_error_on_both_backends() {
    let mut n = 0;
    for &backend in Backend::all() {
        for (name, pem, problem) in bad_public_keys() {
            let ctx = format!("{backend}: {name}");
            let err = build_err(
                valid(backend).wechatpay_public_key("PUB_KEY_ID_0114232134912410000000000002", pem),
                &ctx,
            );
            let what = "WeChat Pay public key \"PUB_KEY_ID_0114232134912410000000000002\"";
            assert_eq!(err.what, what, "{ctx}");
            assert_eq!(err.problem, problem, "{ctx}");
            assert_eq!(
                err.to_string(),
                format!("invalid configuration: {what}: {problem}"),
                "{ctx}"
            );
            n += 1;
        }
        // A truncated public key whose base64 is intact: the DER decoder says where.
        let err = build_err(
            valid(backend)
                .wechatpay_public_key("PUB_KEY_ID_3", middle_removed(WECHATPAY_PUBLIC_KEY_PEM)),
            "truncated DER",
        );
        assert!(
            err.problem.starts_with(
                "the PUBLIC KEY is not a valid SubjectPublicKeyInfo (corrupted or truncated?): "
            ),
            "{err}"
        );
        // As a platform certificate, the same problems name it as such.
        let err = build_err(
            valid(backend).platform_certificate("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", ""),
            "empty certificate",
        );
        assert_eq!(
            err.to_string(),
            format!(
                "invalid configuration: WeChat Pay platform certificate \"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\": is empty: expected a PEM block ({PUBLIC_EXPECTED})"
            )
        );
    }
    println!("bad_input: {n} bad WeChat Pay public keys rejected");
}
