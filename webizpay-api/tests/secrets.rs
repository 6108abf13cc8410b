//! No secret in any `Debug` or `Display`: every public configuration and
//! error type (each `Error` variant produced by a real call against the
//! simulator, with faults where needed) is formatted with `{:?}`, `{:#?}`
//! and `{}`, and none may show key material (any PEM armor line, any base64
//! line of any `testdata/*.pem` or a 24-character piece of one, any 16-byte
//! piece of a key's DER as raw bytes, hex or a decimal list) or a request or
//! response signature (captured from real traffic, whole or a 32-character
//! piece).

use std::fmt::{Debug, Display};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::{Authorization, sign_response};
use webizpay_api::simulator::{
    DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL, Fault, MERCHANT_PRIVATE_KEY_PEM, Simulator,
    WECHATPAY_PRIVATE_KEY_PEM, WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Backend, Client, Config, Error, Operation,
    RetryPolicy,
};

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata");

/// What must never be shown.
struct Needles {
    text: Vec<(String, String)>,
    bytes: Vec<(String, Vec<u8>)>,
}

impl Needles {
    fn new() -> Self {
        let mut n = Needles {
            text: Vec::new(),
            bytes: Vec::new(),
        };
        let mut files = 0;
        for entry in std::fs::read_dir(TESTDATA).expect("testdata") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "pem") {
                continue;
            }
            files += 1;
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let pem = std::fs::read_to_string(&path).expect("PEM");
            n.add_pem(&name, &pem);
        }
        assert!(files >= 8, "only {files} PEM files in testdata");
        n
    }

    fn add_pem(&mut self, name: &str, pem: &str) {
        // The armor lines as printed with a PEM block: followed (BEGIN) or
        // preceded (END) by a line break, raw or as `Debug` escapes it. An
        // error may name an armor line ("has no -----END PRIVATE KEY-----
        // line"); it may not print a block.
        for armor in pem.lines().filter(|l| l.starts_with("-----")) {
            for brk in ["\n", "\r\n", "\\n", "\\r\\n"] {
                let needle = if armor.starts_with("-----BEGIN") {
                    format!("{armor}{brk}")
                } else {
                    format!("{brk}{armor}")
                };
                self.text
                    .push((format!("{name}: PEM armor {armor:?}"), needle));
            }
        }
        let mut b64 = String::new();
        for line in pem.lines().filter(|l| !l.starts_with("-----")) {
            let line = line.trim();
            if line.len() >= 40 {
                self.text
                    .push((format!("{name}: base64 line"), line.to_owned()));
            }
            b64.push_str(line);
        }
        self.add_chunks(&format!("{name}: base64"), &b64, 24);
        let der = STANDARD.decode(&b64).expect("PEM base64");
        for (i, window) in der.chunks(16).filter(|w| w.len() == 16).enumerate() {
            let what = format!("{name}: DER bytes {}..{}", i * 16, i * 16 + 16);
            self.bytes.push((what.clone(), window.to_vec()));
            let hex: String = window.iter().map(|b| format!("{b:02x}")).collect();
            self.text.push((format!("{what} (hex)"), hex.clone()));
            self.text
                .push((format!("{what} (HEX)"), hex.to_ascii_uppercase()));
            let decimal = format!("{window:?}");
            self.text.push((
                format!("{what} (decimal)"),
                decimal[1..decimal.len() - 1].to_owned(),
            ));
        }
    }

    fn add_signature(&mut self, what: &str, signature: &str) {
        assert!(
            signature.len() >= 300,
            "{what}: {signature:?} is no signature"
        );
        self.text.push((what.to_owned(), signature.to_owned()));
        self.add_chunks(what, signature, 32);
    }

    fn add_chunks(&mut self, what: &str, s: &str, size: usize) {
        for (i, chunk) in s.as_bytes().chunks(size).enumerate() {
            if chunk.len() == size {
                let chunk = std::str::from_utf8(chunk).expect("ASCII");
                self.text
                    .push((format!("{what} piece {i}"), chunk.to_owned()));
            }
        }
    }

    /// The needle `shown` gives away, if any.
    fn found_in(&self, shown: &str) -> Option<&str> {
        if let Some((what, _)) = self.text.iter().find(|(_, n)| shown.contains(n.as_str())) {
            return Some(what);
        }
        self.bytes
            .iter()
            .find(|(_, n)| shown.as_bytes().windows(n.len()).any(|w| w == n.as_slice()))
            .map(|(what, _)| what.as_str())
    }
}

/// Everything formatted, labelled.
#[derive(Default)]
struct Shown(Vec<(String, String)>);

impl Shown {
    fn debug(&mut self, label: &str, value: &(impl Debug + ?Sized)) {
        self.0
            .push((format!("{label} {{:?}}"), format!("{value:?}")));
        self.0
            .push((format!("{label} {{:#?}}"), format!("{value:#?}")));
    }

    fn both(&mut self, label: &str, value: &(impl Debug + Display + ?Sized)) {
        self.debug(label, value);
        self.0.push((format!("{label} {{}}"), format!("{value}")));
        self.0
            .push((format!("{label} {{:#}}"), format!("{value:#}")));
    }

    fn error(&mut self, label: &str, err: &Error) {
        self.both(label, err);
        match err {
            Error::InvalidRequest(v) => self.both(&format!("{label} / ValidationError"), v),
            Error::Config(c) => self.both(&format!("{label} / ConfigError"), c),
            Error::Transport(t) => self.both(&format!("{label} / TransportError"), t),
            Error::Api(a) => self.both(&format!("{label} / ApiError"), a),
            Error::Verification(v) => {
                self.both(&format!("{label} / VerificationError"), v);
                self.debug(&format!("{label} / VerificationFailure"), &v.failure);
            }
            Error::Decode(d) => self.both(&format!("{label} / DecodeError"), d),
            other => panic!("a new Error variant: {other:?}"),
        }
        // The source chain too (reqwest, hyper, io errors).
        let mut source = std::error::Error::source(err);
        let mut depth = 0;
        while let Some(s) = source {
            depth += 1;
            self.0
                .push((format!("{label} source {depth} {{}}"), s.to_string()));
            self.0
                .push((format!("{label} source {depth} {{:?}}"), format!("{s:?}")));
            source = s.source();
        }
    }
}

fn apply(user_id: &str) -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id(user_id)
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build()
}

/// Corrupts the middle of a PEM's base64 (still base64, no longer a key).
fn corrupted(pem: &str) -> String {
    let mut lines: Vec<String> = pem.lines().map(str::to_owned).collect();
    let mid = lines.len() / 2;
    lines[mid] = lines[mid].chars().rev().collect();
    lines.join("\n")
}

/// The BEGIN line, two base64 lines and the END line: a DER cut short.
fn cut_short(pem: &str) -> String {
    let lines: Vec<&str> = pem.lines().collect();
    [lines[0], lines[1], lines[2], lines[lines.len() - 1]].join("\n")
}

#[tokio::test]
async fn no_debug_or_display_shows_key_material_or_signatures() {
    let mut needles = Needles::new();
    let mut shown = Shown::default();
    let sim = Simulator::start().await.expect("simulator");
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(1))
        .retry(RetryPolicy::retries(0))
        .build()
        .expect("client");

    // ---- configuration ----------------------------------------------------
    for &backend in Backend::all() {
        let builder = Config::builder()
            .mchid(sim.mchid())
            .merchant_serial(DEFAULT_MERCHANT_SERIAL)
            .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
            .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
            .backend(backend);
        shown.debug(&format!("ConfigBuilder ({backend}) with keys"), &builder);
        let config = builder.build().expect("config");
        shown.debug(&format!("Config ({backend})"), &config);
        shown.debug(
            &format!("WechatPayKeys ({backend})"),
            config.wechatpay_keys(),
        );
        shown.debug(
            &format!("SigningKey ({backend})"),
            webizpay_api::__internal::signing_key(&config),
        );
        shown.debug(
            &format!("VerifyingKey ({backend})"),
            webizpay_api::__internal::wechatpay_key(
                config.wechatpay_keys(),
                DEFAULT_WECHATPAY_SERIAL,
            )
            .expect("key"),
        );
        shown.both(&format!("Backend {backend}"), &backend);
        let cb = Client::builder(config.clone()).base_url(sim.base_url());
        shown.debug(&format!("ClientBuilder ({backend})"), &cb);
        shown.debug(&format!("Client ({backend})"), &cb.build().expect("client"));
        // Keys that are broken in ways that might make an error quote them.
        for (name, builder) in [
            (
                "private key, corrupted",
                Config::builder().merchant_private_key_pem(corrupted(MERCHANT_PRIVATE_KEY_PEM)),
            ),
            (
                "private key, truncated",
                Config::builder().merchant_private_key_pem(
                    &MERCHANT_PRIVATE_KEY_PEM[..MERCHANT_PRIVATE_KEY_PEM.len() / 2],
                ),
            ),
            (
                "public key as the private key",
                Config::builder().merchant_private_key_pem(WECHATPAY_PUBLIC_KEY_PEM),
            ),
            (
                "private key as the WeChat Pay key",
                Config::builder()
                    .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
                    .wechatpay_public_key("PUB_KEY_ID_X", WECHATPAY_PRIVATE_KEY_PEM),
            ),
            (
                "WeChat Pay key, DER cut short",
                Config::builder()
                    .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
                    .wechatpay_public_key("PUB_KEY_ID_X", cut_short(WECHATPAY_PUBLIC_KEY_PEM)),
            ),
            (
                "private key file missing",
                Config::builder().merchant_private_key_file(format!("{TESTDATA}/missing.pem")),
            ),
        ] {
            let builder = builder
                .mchid(sim.mchid())
                .merchant_serial(DEFAULT_MERCHANT_SERIAL)
                .backend(backend);
            shown.debug(&format!("ConfigBuilder ({backend}, {name})"), &builder);
            let err = builder.build().expect_err(name);
            shown.error(&format!("Error::Config ({backend}, {name})"), &err.into());
        }
    }
    let err = Client::builder(sim.client_config())
        .base_url("ftp://example.com")
        .build()
        .expect_err("bad URL");
    shown.error("Error::Config (base URL)", &err);
    shown.debug("Simulator", &sim);

    // ---- every Error variant from a real call ------------------------------
    let signatures: Arc<Mutex<Vec<String>>> = Arc::default();
    let capture = |then: fn(&mut webizpay_api::simulator::SimResponse)| {
        let signatures = Arc::clone(&signatures);
        Fault::mutate(move |r| {
            if let Some(s) = r.header("Wechatpay-Signature") {
                signatures.lock().expect("lock").push(s.to_owned());
            }
            then(r);
        })
    };

    sim.inject(capture(|_| {}));
    let ok = client
        .apply_authorization(&apply("secret_ok"))
        .await
        .expect("genuine response");
    shown.debug("Response", &ok);
    shown.debug("ResponseMeta", ok.meta());

    let err = client
        .apply_authorization(&apply("bad id"))
        .await
        .expect_err("invalid");
    shown.error("Error::InvalidRequest", &err);

    let faults: Vec<(&str, Fault)> = vec![
        ("Error::Api (500)", Fault::system_error()),
        ("Error::Api (502 HTML)", Fault::BadGatewayHtml),
        ("Error::Api (429)", Fault::frequency_limited()),
        (
            "Error::Verification (tampered)",
            capture(|r| r.body[1] ^= 1),
        ),
        (
            "Error::Verification (duplicate signature)",
            capture(|r| {
                let s = r.header("Wechatpay-Signature").expect("signed").to_owned();
                r.append_header("Wechatpay-Signature", s);
            }),
        ),
        (
            "Error::Verification (stale)",
            capture(|r| {
                let ts: i64 = r
                    .header("Wechatpay-Timestamp")
                    .and_then(|t| t.parse().ok())
                    .expect("timestamp");
                r.set_header("Wechatpay-Timestamp", (ts - 1000).to_string());
            }),
        ),
        ("Error::Verification (other key)", Fault::SignWithOtherKey),
        ("Error::Verification (unknown serial)", Fault::UnknownSerial),
        ("Error::Verification (probe)", Fault::ProbeSignature),
        ("Error::Transport (reset)", Fault::ResetConnection),
        ("Error::Transport (truncated)", Fault::TruncateBody),
        (
            "Error::Transport (timeout)",
            Fault::Delay(Duration::from_secs(3)),
        ),
    ];
    for (i, (label, fault)) in faults.into_iter().enumerate() {
        sim.inject(fault);
        let err = client
            .apply_authorization(&apply(&format!("secret_{i:03}")))
            .await
            .expect_err(label);
        shown.error(label, &err);
    }

    // A decode error: a correctly signed body of the wrong shape.
    let key: Arc<dyn webizpay_api::__internal::crypto::SigningKey> = Arc::from(
        Backend::default()
            .signing_key_from_pem(WECHATPAY_PRIVATE_KEY_PEM)
            .expect("key"),
    );
    {
        let signatures = Arc::clone(&signatures);
        sim.inject(Fault::mutate(move |r| {
            r.body = br#"{"user_id":42}"#.to_vec();
            let ts = r
                .header("Wechatpay-Timestamp")
                .and_then(|t| t.parse().ok())
                .expect("timestamp");
            let nonce = r.header("Wechatpay-Nonce").expect("nonce").to_owned();
            let signature = sign_response(&*key, ts, &nonce, &r.body);
            signatures.lock().expect("lock").push(signature.clone());
            r.set_header("Wechatpay-Signature", signature);
        }));
    }
    let err = client
        .apply_authorization(&apply("secret_decode"))
        .await
        .expect_err("decode");
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    shown.error("Error::Decode", &err);

    // Connection refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let refused = Client::builder(sim.client_config())
        .base_url(dead)
        .build()
        .expect("client");
    let err = refused
        .apply_authorization(&apply("secret_refused"))
        .await
        .expect_err("refused");
    shown.error("Error::Transport (refused)", &err);

    // ---- the signatures that went over the wire ----------------------------
    let responses = signatures.lock().expect("lock").clone();
    assert!(
        responses.len() >= 5,
        "captured {} signatures",
        responses.len()
    );
    for (i, s) in responses.iter().enumerate() {
        needles.add_signature(&format!("Wechatpay-Signature #{i}"), s);
    }
    let requests = sim.requests();
    // The genuine call, the 12 faulted ones and the decode error.
    assert_eq!(requests.len(), 14);
    for r in &requests {
        let header = r.header("authorization").expect("Authorization");
        let auth = Authorization::parse(header).expect("well-formed");
        needles.add_signature(
            &format!("Authorization #{} signature", r.seq),
            &auth.signature,
        );
        needles
            .text
            .push((format!("Authorization #{}", r.seq), header.to_owned()));
    }

    // The check itself finds what it looks for.
    assert!(needles.found_in(MERCHANT_PRIVATE_KEY_PEM).is_some());
    assert!(
        needles
            .found_in(&format!("{:?}", "-----BEGIN PRIVATE KEY-----\nxyz"))
            .is_some()
    );
    assert!(
        needles
            .found_in("has no -----END PRIVATE KEY----- line")
            .is_none()
    );
    assert!(needles.found_in(&responses[0]).is_some());
    assert!(
        needles
            .found_in(&format!("{:?}", requests[0].headers))
            .is_some()
    );
    let der = STANDARD
        .decode(
            MERCHANT_PRIVATE_KEY_PEM
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect::<String>(),
        )
        .expect("DER");
    assert!(needles.found_in(&format!("{:?}", &der[..40])).is_some());
    let hex: String = der[..64].iter().map(|b| format!("{b:02X}")).collect();
    assert!(needles.found_in(&hex).is_some());

    let mut leaks = Vec::new();
    for (label, text) in &shown.0 {
        if let Some(what) = needles.found_in(text) {
            leaks.push(format!("{label} shows {what}:\n{text}"));
        }
    }
    println!(
        "secrets: {} formatted values checked against {} needles, {} leaks",
        shown.0.len(),
        needles.text.len() + needles.bytes.len(),
        leaks.len()
    );
    assert!(leaks.is_empty(), "{}", leaks.join("\n\n"));
    // Every variant of Error was produced.
    for variant in [
        "Error::InvalidRequest",
        "Error::Config",
        "Error::Transport",
        "Error::Api",
        "Error::Verification",
        "Error::Decode",
    ] {
        assert!(
            shown.0.iter().any(|(l, _)| l.starts_with(variant)),
            "{variant} not covered"
        );
    }
}

/// The simulator builder is public configuration too: a dependent crate may
/// give it its own (test) keys.
#[test]
fn simulator_builder_debug_shows_no_private_key() {
    let needles = Needles::new();
    let builder = Simulator::builder().wechatpay_key(
        "PUB_KEY_ID_0114232134912410000000000002",
        WECHATPAY_PRIVATE_KEY_PEM,
        WECHATPAY_PUBLIC_KEY_PEM,
    );
    for shown in [format!("{builder:?}"), format!("{builder:#?}")] {
        assert_eq!(needles.found_in(&shown), None, "{shown}");
    }
}

/// Requests and their targets carry no secret either (a sanity check that
/// the request types are safe to log).
#[test]
fn request_debug_is_plain_data() {
    let req = ApplyAuthorizationRequest::builder()
        .user_id("employee123")
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build();
    assert_eq!(
        format!("{req:?}"),
        "ApplyAuthorizationRequest { user_id: \"employee123\", sub_mchid: \"43214321\", application_type: H5 }"
    );
    assert_eq!(
        req.target("1900000001"),
        "/v3/webizpay/users/employee123/authorization-url"
    );
}
