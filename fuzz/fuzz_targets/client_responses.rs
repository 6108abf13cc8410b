//! The client's response handling, end to end over HTTP: a real `Client`
//! talks to the simulator, whose answer is replaced (a `Fault::mutate` hook)
//! by an arbitrary status and body. Error statuses go through the client's
//! error classification (`api_error`, private, reachable only this way); a
//! 200 body is re-signed with the WeChat Pay key so that it passes
//! verification and reaches the typed decoding.
//!
//! Input: byte 0 picks the operation (bit 0) and the status (the rest), the
//! remaining bytes are the body.
//!
//! Checks, besides never panicking:
//! - an error status gives `Error::Api` with that status, the body kept
//!   (lossily as UTF-8), `from_wechatpay` exactly when the body has the
//!   documented shape `{code, message?, detail?}`, and then its `code` and
//!   `message` kept;
//! - a re-signed 200 never fails verification; it decodes exactly when
//!   `serde_json` decodes the body into the response type, to the same value,
//!   and otherwise gives `Error::Decode` with the body kept.
#![no_main]

use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::sign_response;
use webizpay_api::__internal::crypto::{Backend, SigningKey};
use webizpay_api::simulator::{Fault, Simulator, WECHATPAY_PRIVATE_KEY_PEM};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, ApplyAuthorizationResponse, Client, Error,
    RevokeAuthorizationRequest, RevokeAuthorizationResponse,
};

const STATUSES: &[u16] = &[200, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504];

struct Fixture {
    runtime: tokio::runtime::Runtime,
    sim: Simulator,
    client: Client,
    /// The answer the next hook call installs: status and body.
    next: Arc<Mutex<(u16, Vec<u8>)>>,
    key: Arc<dyn SigningKey>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let sim = runtime.block_on(Simulator::start()).expect("simulator");
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let key: Arc<dyn SigningKey> = Arc::from(
        Backend::default()
            .signing_key_from_pem(WECHATPAY_PRIVATE_KEY_PEM)
            .expect("wechatpay key"),
    );
    Fixture {
        runtime,
        sim,
        client,
        next: Arc::new(Mutex::new((200, Vec::new()))),
        key,
    }
});

fn inject(f: &Fixture) {
    let next = Arc::clone(&f.next);
    let key = Arc::clone(&f.key);
    let serial = f.sim.wechatpay_serial().to_owned();
    f.sim.inject(Fault::mutate(move |resp| {
        let (status, body) = next.lock().unwrap().clone();
        resp.status = status;
        if status == 200 {
            // The simulator's own answer may be an unsigned error (revoking
            // an unknown employee is a 404): sign as WeChat Pay would.
            let ts = f64::floor(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_secs_f64(),
            ) as i64;
            let nonce = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz";
            resp.set_header("Wechatpay-Timestamp", ts.to_string());
            resp.set_header("Wechatpay-Nonce", nonce);
            resp.set_header("Wechatpay-Serial", serial.clone());
            resp.set_header(
                "Wechatpay-Signature",
                sign_response(&*key, ts, nonce, &body),
            );
        }
        resp.body = body;
    }));
}

fn check_error<T>(status: u16, body: &[u8], result: Result<T, Error>)
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = String::from_utf8_lossy(body);
    if status == 200 {
        // Strict: trailing characters after the JSON value fail (found by
        // this target, fixed in b52d7f3). An empty body (204) reads as `{}`.
        let json: &[u8] = if body.is_empty() { b"{}" } else { body };
        let expected = serde_json::from_slice::<T>(json);
        match (result, expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want),
            (Err(Error::Decode(d)), Err(_)) => {
                assert_eq!(d.status, 200);
                assert_eq!(d.body, text);
                let _ = d.to_string();
            }
            (Err(Error::Verification(v)), _) => {
                panic!("a correctly re-signed body failed verification: {v}")
            }
            (got, want) => panic!(
                "client and serde_json disagree: {:?} / {:?}",
                got.map(|_| ()),
                want.map(|_| ())
            ),
        }
        return;
    }
    let e = match result {
        Err(Error::Api(e)) => e,
        Err(other) => panic!("status {status}: expected Error::Api, got {other:?}"),
        Ok(_) => panic!("status {status}: accepted"),
    };
    assert_eq!(e.status, status);
    assert_eq!(e.body, text);
    // WeChat Pay's documented error shape: `code`, optional `message` and
    // `detail`. (Like any serde struct it skips unknown keys without
    // checking them, so e.g. invalid UTF-8 in an unknown key's value passes.)
    #[derive(serde::Deserialize)]
    struct Documented {
        code: String,
        #[serde(default)]
        message: String,
        #[serde(default)]
        #[allow(dead_code)]
        detail: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<Documented>(body) {
        Ok(d) => {
            assert!(
                e.wechatpay_json,
                "a documented error body was not recognised"
            );
            assert_eq!(e.code.as_str(), d.code);
            assert_eq!(e.message, d.message);
        }
        Err(_) => assert!(
            !e.wechatpay_json,
            "an undocumented body was taken for WeChat Pay's"
        ),
    }
    let _ = e.to_string();
    let _ = e.advice();
    let _ = e.is_retryable();
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let f = &*FIXTURE;
    let status = STATUSES[usize::from(selector >> 1) % STATUSES.len()];
    *f.next.lock().unwrap() = (status, body.to_vec());
    inject(f);
    if selector & 1 == 0 {
        let request = ApplyAuthorizationRequest::builder().user_id("employee123").sub_mchid("43214321").application_type(ApplicationType::H5).build();
        let result = f
            .runtime
            .block_on(f.client.apply_authorization(&request))
            .map(|r| r.into_inner());
        check_error::<ApplyAuthorizationResponse>(status, body, result);
    } else {
        let request = RevokeAuthorizationRequest::builder().employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c").sub_mchid("43214321").build();
        let result = f
            .runtime
            .block_on(f.client.revoke_authorization(&request))
            .map(|r| r.into_inner());
        check_error::<RevokeAuthorizationResponse>(status, body, result);
    }
    assert_eq!(f.sim.pending_faults(), 0, "the fault was not used");
});
