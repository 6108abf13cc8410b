//! Request signing (`Authorization`), nonces, response verification and the
//! simulator's helpers.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::{
    self, Authorization, MAX_CLOCK_SKEW_SECS, authorization, nonce, sign_response,
    verify_request_signature, verify_response,
};
use webizpay_api::__internal::crypto::{Backend, SigningKey};
use webizpay_api::{Clock, Config, Method, SystemClock, VerificationFailure};

const GO_PRIVATE: &str = include_str!("../testdata/go_merchant_private_key.pem");
const GO_PUBLIC: &str = include_str!("../testdata/go_merchant_public_key.pem");
const JAVA_PUBLIC: &str = include_str!("../testdata/java_merchant_public_key.pem");
const WECHATPAY_PRIVATE: &str = include_str!("../testdata/java_wechatpay_private_key.pem");
const WECHATPAY_PUBLIC: &str = include_str!("../testdata/java_wechatpay_public_key.pem");

const MCHID: &str = "1234567890";
const SERIAL: &str = "F5765756002FDD77";
const PUB_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";

const TIMESTAMP: i64 = 1554208460;
const NONCE: &str = "593BEC0C930BF1AFEB40B4A08C8FB242";
const TARGET: &str = "/v3/webizpay/users/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o/authorization-url";
const BODY: &str = r#"{"sp_mchid":"1234567890","sub_mchid":"1900000109"}"#;
/// `openssl dgst -sha256 -sign go_merchant_private_key.pem` over
/// `POST\n{TARGET}\n{TIMESTAMP}\n{NONCE}\n{BODY}\n`.
const POST_SIGNATURE: &str = "Btii98n5MfB7munSBgiy7PIWuaVLxHx+AX4dAUNUNwTcM6qqlJ/oyorBTZDXi4TPmafs4W7Lz0yXYmyhCf8xXryg+xHq2exyaLWzhXGqLq9INxB5aWnpdlhrSrRLfXUABBFwcXdE+OQPHngEOHfYdohq71oC8FmhSPZMX7EHsIHKgpVGIF0zTBLQldQ8mQsXV2Lk1sjxs/jphGYjThA6OgSbEEYEPMu0+s8WwSc0YbCdqQuWWJGJQAUWPE6LLeZNL63C7oNECOVWrGbK9RFb+kttG6V97qaBOopduCd6jLmHdfJG3P7oCocnqVp2S23ogTZYQcaQGIOisNDmenPTWQ==";
/// The same over `GET\n/v3/certificates?a=1\n{TIMESTAMP}\n{NONCE}\n\n` (no body).
const GET_SIGNATURE: &str = "NjwFjnJKQScsbtFjeXo1Tu4cSWdLonFj/+YtbURPkMtqsF2ySaJcK/ySKj4QzOyfNy2pD0aI9gWlSL7Mk39JJW5zmsBj/oPIkUnrQqawFdjbIA64CSLfKSr4aHX8SjPD0EOuQ/XwTM0Tr65ln8q9QBe6OP/vwryHPyFZv6sKS1HZtjKvgJPp2NzM45jxbCWU49sk0s7tmtLz0YIbeHeQJu2cEERD1Hvv7JJpeKB4ytBHFzF/UhMKTh9e8c4jH1xBQUcGdJdpIkNfFU3wsfEoiDNGQT55wXZ/FoKHFB6EPacjGXxIl/odunuEzx0Xuj4NBMvzFDW9gdCn70KRnFLcBQ==";

const RESPONSE_TIMESTAMP: i64 = 1554209980;
const RESPONSE_NONCE: &str = "c5ac7061fccab6bf3e254dcf98995b8c";
const RESPONSE_BODY: &str = r#"{"authorization_url":"https://example.com/a?b=1"}"#;
/// `openssl dgst -sha256 -sign java_wechatpay_private_key.pem` over
/// `{RESPONSE_TIMESTAMP}\n{RESPONSE_NONCE}\n{RESPONSE_BODY}\n`.
const RESPONSE_SIGNATURE: &str = "sEAxhNMl6IektlZO6avYQBNyWiGgfedwHw3JjA81bzcnjUvDplH+5Ou6nq9LWMSAcTP7LAuwmcdAm60WPfu66lPjIDhtojlAQqAouzO94uW8qFvR6APiq+ZHWJILC1/RBNI23I63RTg3EJbUBl9HAX0aab4eJDJjiCFafoUie+O9+RNWv2lfYuvqFqLQUacw6m5msNrdWBRrsQElOjks/N4Ht8n01ZOac3nnBV0csNVpYLGoAR6GYHfXQLvThrZM9Ej8s2MvL1+A5RwBCx+BK6cFS1Z2KFBCp9BJgyQsoM5rPnyzRxSVlIOsLHPw1yG5vlrTaJ+HrNOIIMaXk+WZIA==";

fn config(backend: Backend) -> Config {
    Config::builder()
        .mchid(MCHID)
        .merchant_serial(SERIAL)
        .merchant_private_key_pem(GO_PRIVATE)
        .wechatpay_public_key(PUB_KEY_ID, WECHATPAY_PUBLIC)
        .backend(backend)
        .build()
        .unwrap()
}

fn wechatpay_signer(backend: Backend) -> Box<dyn SigningKey> {
    backend.signing_key_from_pem(WECHATPAY_PRIVATE).unwrap()
}

#[test]
fn nonce_is_32_alphanumerics_and_unique() {
    let mut seen = std::collections::HashSet::new();
    let mut counts = [0u32; 128];
    for _ in 0..2000 {
        let n = nonce();
        assert_eq!(n.len(), 32, "{n}");
        assert!(n.bytes().all(|b| b.is_ascii_alphanumeric()), "{n}");
        for b in n.bytes() {
            counts[usize::from(b)] += 1;
        }
        assert!(seen.insert(n), "nonce repeated");
    }
    // 64,000 characters: each of the 62 is expected ~1032 times (σ ≈ 32).
    let alphabet = (b'0'..=b'9').chain(b'A'..=b'Z').chain(b'a'..=b'z');
    for c in alphabet {
        let n = counts[usize::from(c)];
        assert!(
            (700..1400).contains(&n),
            "{} appeared {n} times",
            char::from(c)
        );
    }
    assert_eq!(counts.iter().sum::<u32>(), 64_000);
    assert_eq!(auth::NONCE_LEN, 32);
}

#[test]
fn authorization_header_is_exact() {
    for &backend in Backend::all() {
        let config = config(backend);
        let header = authorization(
            &config,
            Method::Post,
            TARGET,
            BODY.as_bytes(),
            TIMESTAMP,
            NONCE,
        );
        assert_eq!(
            header,
            format!(
                "WECHATPAY2-SHA256-RSA2048 mchid=\"{MCHID}\",nonce_str=\"{NONCE}\",timestamp=\"{TIMESTAMP}\",serial_no=\"{SERIAL}\",signature=\"{POST_SIGNATURE}\""
            ),
            "{backend}"
        );
        let header = authorization(
            &config,
            Method::Get,
            "/v3/certificates?a=1",
            b"",
            TIMESTAMP,
            NONCE,
        );
        assert!(
            header.ends_with(&format!("signature=\"{GET_SIGNATURE}\"")),
            "{backend}: {header}"
        );

        // Checked independently: the parsed header verifies with the Go public key.
        let parsed = Authorization::parse(&header).unwrap();
        assert_eq!(parsed.mchid, MCHID);
        assert_eq!(parsed.nonce_str, NONCE);
        assert_eq!(parsed.timestamp, TIMESTAMP.to_string());
        assert_eq!(parsed.serial_no, SERIAL);
        assert_eq!(parsed.signature, GET_SIGNATURE);
        for &verifier in Backend::all() {
            let public = verifier.verifying_key_from_pem(GO_PUBLIC).unwrap();
            assert!(verify_request_signature(
                &*public,
                "GET",
                "/v3/certificates?a=1",
                b"",
                &parsed
            ));
            assert!(!verify_request_signature(
                &*public,
                "POST",
                "/v3/certificates?a=1",
                b"",
                &parsed
            ));
            assert!(!verify_request_signature(
                &*public,
                "GET",
                "/v3/certificates?a=2",
                b"",
                &parsed
            ));
            assert!(!verify_request_signature(
                &*public,
                "GET",
                "/v3/certificates?a=1",
                b" ",
                &parsed
            ));
            let other = verifier.verifying_key_from_pem(JAVA_PUBLIC).unwrap();
            assert!(!verify_request_signature(
                &*other,
                "GET",
                "/v3/certificates?a=1",
                b"",
                &parsed
            ));
            let mut bad = parsed.clone();
            bad.signature = "not base64!".to_owned();
            assert!(!verify_request_signature(
                &*public,
                "GET",
                "/v3/certificates?a=1",
                b"",
                &bad
            ));
            let mut shifted = parsed.clone();
            shifted.timestamp = (TIMESTAMP + 1).to_string();
            assert!(!verify_request_signature(
                &*public,
                "GET",
                "/v3/certificates?a=1",
                b"",
                &shifted
            ));
        }
    }
}

#[test]
fn negative_and_large_timestamps_are_written_in_decimal() {
    let config = config(Backend::default());
    for ts in [0, -1, i64::MAX, i64::MIN] {
        let header = authorization(&config, Method::Delete, "/", b"", ts, NONCE);
        let parsed = Authorization::parse(&header).unwrap();
        assert_eq!(parsed.timestamp, ts.to_string());
        let public = Backend::default()
            .verifying_key_from_pem(GO_PUBLIC)
            .unwrap();
        assert!(verify_request_signature(
            &*public, "DELETE", "/", b"", &parsed
        ));
    }
}

#[test]
fn authorization_parse_is_strict() {
    let good = format!(
        "WECHATPAY2-SHA256-RSA2048 mchid=\"{MCHID}\",nonce_str=\"{NONCE}\",timestamp=\"{TIMESTAMP}\",serial_no=\"{SERIAL}\",signature=\"{GET_SIGNATURE}\""
    );
    let parsed = Authorization::parse(&good).unwrap();
    assert_eq!(parsed.to_string(), good);
    // Any order.
    let reordered = format!(
        "WECHATPAY2-SHA256-RSA2048 signature=\"{GET_SIGNATURE}\",serial_no=\"{SERIAL}\",timestamp=\"{TIMESTAMP}\",nonce_str=\"{NONCE}\",mchid=\"{MCHID}\""
    );
    assert_eq!(Authorization::parse(&reordered), Some(parsed.clone()));

    let malformed = [
        String::new(),
        good.replace("WECHATPAY2-SHA256-RSA2048", "WECHATPAY2-SHA256-RSA"),
        good.replace("WECHATPAY2-SHA256-RSA2048", "wechatpay2-sha256-rsa2048"),
        good.replace("RSA2048 ", "RSA2048  "),
        good.replace("RSA2048 ", "RSA2048"),
        good.replace(",nonce_str", ", nonce_str"),
        good.replace(",nonce_str", ";nonce_str"),
        good.replace("mchid=\"1234567890\"", "mchid=1234567890"),
        good.replace("mchid=\"1234567890\"", "mchid=\"\""),
        good.replace("mchid=\"1234567890\"", "mchid=\"12 34\""),
        good.replace("mchid=", "merchant_id="),
        good.replace("mchid=\"1234567890\",", ""),
        good.replace("serial_no", "mchid"),
        format!("{good},mchid=\"1\""),
        format!("{good},"),
        format!("{good} "),
        good.trim_end_matches('"').to_owned(),
        "WECHATPAY2-SHA256-RSA2048 ".to_owned(),
    ];
    for header in malformed {
        assert_eq!(Authorization::parse(&header), None, "{header:?}");
    }
}

fn signed_headers(signer: &dyn SigningKey, timestamp: i64, nonce: &str, body: &[u8]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "Wechatpay-Timestamp",
        HeaderValue::from_str(&timestamp.to_string()).unwrap(),
    );
    headers.insert("Wechatpay-Nonce", HeaderValue::from_str(nonce).unwrap());
    headers.insert(
        "Wechatpay-Signature",
        HeaderValue::from_str(&sign_response(signer, timestamp, nonce, body)).unwrap(),
    );
    headers.insert("Wechatpay-Serial", HeaderValue::from_static(PUB_KEY_ID));
    headers.insert(
        "Request-ID",
        HeaderValue::from_static("08F4F1D8F00610A9CE8E9E0318D4C42820E3B102-0"),
    );
    headers
}

#[test]
fn sign_response_matches_openssl() {
    for &backend in Backend::all() {
        let signature = sign_response(
            &*wechatpay_signer(backend),
            RESPONSE_TIMESTAMP,
            RESPONSE_NONCE,
            RESPONSE_BODY.as_bytes(),
        );
        assert_eq!(signature, RESPONSE_SIGNATURE, "{backend}");
    }
}

#[test]
fn genuine_responses_verify_on_every_backend() {
    for &backend in Backend::all() {
        let keys = config(backend).wechatpay_keys().clone();
        let mut headers = HeaderMap::new();
        headers.insert(
            "wechatpay-timestamp",
            HeaderValue::from_static("1554209980"),
        );
        headers.insert("WECHATPAY-NONCE", HeaderValue::from_static(RESPONSE_NONCE));
        headers.insert(
            "Wechatpay-Signature",
            HeaderValue::from_static(RESPONSE_SIGNATURE),
        );
        headers.insert("Wechatpay-Serial", HeaderValue::from_static(PUB_KEY_ID));
        assert_eq!(
            verify_response(
                &keys,
                &headers,
                RESPONSE_BODY.as_bytes(),
                RESPONSE_TIMESTAMP
            ),
            Ok(())
        );

        // Raw bytes, not text: a body that is not UTF-8 verifies too.
        let body = [0xff, 0x00, b'\n', 0x80];
        let headers = signed_headers(
            &*wechatpay_signer(backend),
            RESPONSE_TIMESTAMP,
            RESPONSE_NONCE,
            &body,
        );
        assert_eq!(
            verify_response(&keys, &headers, &body, RESPONSE_TIMESTAMP),
            Ok(())
        );
        // An empty body (e.g. 204) is signed as an empty line.
        let headers = signed_headers(
            &*wechatpay_signer(backend),
            RESPONSE_TIMESTAMP,
            RESPONSE_NONCE,
            b"",
        );
        assert_eq!(
            verify_response(&keys, &headers, b"", RESPONSE_TIMESTAMP),
            Ok(())
        );
    }
}

const HEADERS: [&str; 4] = [
    "Wechatpay-Timestamp",
    "Wechatpay-Nonce",
    "Wechatpay-Signature",
    "Wechatpay-Serial",
];

#[test]
fn every_verification_failure() {
    let backend = Backend::default();
    let keys = config(backend).wechatpay_keys().clone();
    let signer = wechatpay_signer(backend);
    let body = RESPONSE_BODY.as_bytes();
    let now = RESPONSE_TIMESTAMP;
    let good = signed_headers(&*signer, now, RESPONSE_NONCE, body);
    assert_eq!(verify_response(&keys, &good, body, now), Ok(()));
    let check = |headers: &HeaderMap| verify_response(&keys, headers, body, now);

    for name in HEADERS {
        let mut h = good.clone();
        h.remove(name);
        assert_eq!(
            check(&h),
            Err(VerificationFailure::MissingHeader(name)),
            "missing {name}"
        );

        let mut h = good.clone();
        h.insert(name, HeaderValue::from_static(""));
        assert_eq!(
            check(&h),
            Err(VerificationFailure::EmptyHeader(name)),
            "empty {name}"
        );

        let mut h = good.clone();
        let value = h.get(name).unwrap().clone();
        h.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), value);
        assert_eq!(
            check(&h),
            Err(VerificationFailure::DuplicateHeader(name)),
            "duplicate {name}"
        );

        for bad in [&b"a b"[..], b"caf\xc3\xa9", b"\x80abc", b"a\tb"] {
            let mut h = good.clone();
            h.insert(name, HeaderValue::from_bytes(bad).unwrap());
            assert_eq!(
                check(&h),
                Err(VerificationFailure::InvalidHeader(name)),
                "{name}: {bad:?}"
            );
        }
    }
    // Missing headers are reported in a fixed order.
    assert_eq!(
        check(&HeaderMap::new()),
        Err(VerificationFailure::MissingHeader("Wechatpay-Timestamp"))
    );
    let mut h = good.clone();
    h.remove("Wechatpay-Serial");
    h.remove("Wechatpay-Nonce");
    assert_eq!(
        check(&h),
        Err(VerificationFailure::MissingHeader("Wechatpay-Nonce"))
    );

    for ts in [
        "abc",
        "+1554209980",
        "-1554209980",
        "1554209980.0",
        "1e9",
        "0x5CA4",
        "99999999999999999999",
    ] {
        let mut h = good.clone();
        h.insert("Wechatpay-Timestamp", HeaderValue::from_str(ts).unwrap());
        assert_eq!(
            check(&h),
            Err(VerificationFailure::TimestampNotANumber),
            "{ts}"
        );
    }

    // The window: exactly 300 s either way passes, 301 fails.
    for skew in [-MAX_CLOCK_SKEW_SECS, -1, 0, 1, MAX_CLOCK_SKEW_SECS] {
        let h = signed_headers(&*signer, now + skew, RESPONSE_NONCE, body);
        assert_eq!(verify_response(&keys, &h, body, now), Ok(()), "skew {skew}");
    }
    for skew in [-301, 301, -86_400, 1_000_000] {
        let h = signed_headers(&*signer, now + skew, RESPONSE_NONCE, body);
        assert_eq!(
            verify_response(&keys, &h, body, now),
            Err(VerificationFailure::TimestampSkew {
                skew_secs: skew,
                max_secs: 300
            }),
            "skew {skew}"
        );
    }
    // A far-away clock does not overflow.
    assert_eq!(
        verify_response(&keys, &good, body, i64::MIN),
        Err(VerificationFailure::TimestampSkew {
            skew_secs: i64::MAX,
            max_secs: 300
        })
    );

    let mut h = good.clone();
    h.insert(
        "Wechatpay-Serial",
        HeaderValue::from_static("PUB_KEY_ID_0000000000000000000000000000"),
    );
    assert_eq!(
        check(&h),
        Err(VerificationFailure::UnknownSerial(
            "PUB_KEY_ID_0000000000000000000000000000".to_owned()
        ))
    );

    for probe in [
        "WECHATPAY/SIGNTEST/",
        "WECHATPAY/SIGNTEST/Rq+5ZpWV6IHTWE1+9gCrYJKguNgbItpMdlIA+PVCPCdU==",
    ] {
        let mut h = good.clone();
        h.insert("Wechatpay-Signature", HeaderValue::from_static(probe));
        assert_eq!(
            check(&h),
            Err(VerificationFailure::ProbeSignature),
            "{probe}"
        );
        // A probe is reported as one whatever its timestamp or serial.
        h.insert(
            "Wechatpay-Serial",
            HeaderValue::from_static("PUB_KEY_ID_0000000000000000000000000000"),
        );
        assert_eq!(check(&h), Err(VerificationFailure::ProbeSignature));
        assert_eq!(
            verify_response(&keys, &h, body, now + 86_400),
            Err(VerificationFailure::ProbeSignature),
            "{probe}, a day old"
        );
        h.insert("Wechatpay-Timestamp", HeaderValue::from_static("soon"));
        assert_eq!(check(&h), Err(VerificationFailure::ProbeSignature));
    }

    for not_base64 in ["@@@@", "abc", "====", "c2lnbmF0dXJl=x", "-_-_"] {
        let mut h = good.clone();
        h.insert("Wechatpay-Signature", HeaderValue::from_static(not_base64));
        assert_eq!(
            check(&h),
            Err(VerificationFailure::SignatureNotBase64),
            "{not_base64}"
        );
    }

    // Tampered body, nonce or timestamp; a signature by another key; base64
    // of the wrong length (short, and longer than any accepted key).
    assert_eq!(
        verify_response(
            &keys,
            &good,
            b"{\"authorization_url\":\"https://evil.example\"}",
            now
        ),
        Err(VerificationFailure::BadSignature)
    );
    assert_eq!(
        verify_response(&keys, &good, &[body, b" "].concat(), now),
        Err(VerificationFailure::BadSignature)
    );
    let mut h = good.clone();
    h.insert(
        "Wechatpay-Nonce",
        HeaderValue::from_static("c5ac7061fccab6bf3e254dcf98995b8d"),
    );
    assert_eq!(check(&h), Err(VerificationFailure::BadSignature));
    let mut h = good.clone();
    h.insert(
        "Wechatpay-Timestamp",
        HeaderValue::from_str(&(now + 1).to_string()).unwrap(),
    );
    assert_eq!(check(&h), Err(VerificationFailure::BadSignature));
    let merchant = backend.signing_key_from_pem(GO_PRIVATE).unwrap();
    let forged = signed_headers(&*merchant, now, RESPONSE_NONCE, body);
    assert_eq!(check(&forged), Err(VerificationFailure::BadSignature));
    for length in [1, 255, 257, 600] {
        let mut h = good.clone();
        h.insert(
            "Wechatpay-Signature",
            HeaderValue::from_str(&STANDARD.encode(vec![7u8; length])).unwrap(),
        );
        assert_eq!(
            check(&h),
            Err(VerificationFailure::BadSignature),
            "{length} bytes"
        );
    }
}

#[test]
fn verification_failures_agree_across_backends() {
    let body = RESPONSE_BODY.as_bytes();
    for &backend in Backend::all() {
        let keys = config(backend).wechatpay_keys().clone();
        for &signing in Backend::all() {
            let h = signed_headers(
                &*wechatpay_signer(signing),
                RESPONSE_TIMESTAMP,
                RESPONSE_NONCE,
                body,
            );
            assert_eq!(
                verify_response(&keys, &h, body, RESPONSE_TIMESTAMP),
                Ok(()),
                "{signing} -> {backend}"
            );
            assert_eq!(
                verify_response(&keys, &h, b"{}", RESPONSE_TIMESTAMP),
                Err(VerificationFailure::BadSignature)
            );
        }
    }
}

#[test]
fn system_clock_is_unix_seconds() {
    let expected = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let now = SystemClock.now_unix();
    assert!((now - expected).abs() <= 2, "{now} vs {expected}");
    assert!(now > 1_700_000_000);
}
