//! The simulator over loopback, driven with raw `reqwest` (and raw TCP) plus
//! the signing and verification functions of `runtime::auth`.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use webizpay_api::__internal::auth;
use webizpay_api::simulator::{
    DEFAULT_MCHID, DEFAULT_WECHATPAY_SERIAL, Fault, MP_BUSINESS_TYPE, OTHER_KEY_PEM,
    OTHER_PUBLIC_KEY_PEM, REVOKE_REASON, SimResponse, Simulator, UNKNOWN_SERIAL,
    WECHATPAY_PRIVATE_KEY_PEM, WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Config, Method, Operation,
    RevokeAuthorizationRequest, VerificationFailure,
};

const SUB: &str = "1900000002";

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn apply_request(user_id: &str, application_type: ApplicationType) -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id(user_id.to_owned())
        .sub_mchid(SUB.to_owned())
        .application_type(application_type)
        .build()
}

fn revoke_request(employee_id: &str) -> RevokeAuthorizationRequest {
    RevokeAuthorizationRequest::builder()
        .employee_id(employee_id.to_owned())
        .sub_mchid(SUB.to_owned())
        .build()
}

/// The target and body of an operation, as the generated code writes them
/// for a client configured with the simulator's mchid.
fn wire<O: Operation>(op: &O) -> (String, Vec<u8>) {
    wire_as(op, DEFAULT_MCHID)
}

/// The target and body of an operation with `mchid` where the spec fills
/// in the configured mchid (`sp_mchid`).
fn wire_as<O: Operation>(op: &O, mchid: &str) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    webizpay_api::__internal::write_body(op, mchid, &mut body).expect("body encodes");
    (op.target(mchid), body)
}

/// A request signed with `config`, with the headers WeChat Pay requires.
fn signed(
    http: &reqwest::Client,
    sim: &Simulator,
    config: &Config,
    target: &str,
    body: &[u8],
) -> reqwest::RequestBuilder {
    let authorization =
        auth::authorization(config, Method::Post, target, body, now(), &auth::nonce());
    http.post(format!("{}{target}", sim.base_url()))
        .set("Authorization", authorization)
        .set("Accept", "application/json")
        .set("Content-Type", "application/json")
        .set(
            "Wechatpay-Serial",
            config.wechatpay_keys().preferred_serial(),
        )
        .body(body.to_vec())
}

/// Sets a request header, replacing any value already set (reqwest's
/// `header` appends).
trait Set {
    fn set(self, name: &'static str, value: impl AsRef<str>) -> Self;
}

impl Set for reqwest::RequestBuilder {
    fn set(self, name: &'static str, value: impl AsRef<str>) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(name, value.as_ref().parse().expect("a valid header value"));
        self.headers(headers)
    }
}

struct Reply {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn verify(&self, config: &Config) -> Result<(), VerificationFailure> {
        auth::verify_response(config.wechatpay_keys(), &self.headers, &self.body, now())
    }

    /// Asserts an unsigned WeChat Pay JSON error and returns its body.
    fn error(&self, status: u16, code: &str) -> Value {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let v = self.json();
        assert_eq!(v["code"], code, "{v}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
        assert!(self.header("request-id").is_some_and(|id| !id.is_empty()));
        assert_eq!(self.header("content-type"), Some("application/json"));
        assert!(self.header("wechatpay-signature").is_none());
        v
    }
}

async fn reply(builder: reqwest::RequestBuilder) -> Reply {
    let resp = builder.send().await.expect("response");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.bytes().await.expect("body").to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

async fn call<O: Operation>(sim: &Simulator, op: &O) -> Reply {
    call_as(sim, op, sim.mchid()).await
}

/// [`call`] with `mchid` as the `sp_mchid` on the wire (signed by the
/// simulator's merchant all the same).
async fn call_as<O: Operation>(sim: &Simulator, op: &O, mchid: &str) -> Reply {
    let config = sim.client_config();
    let (target, body) = wire_as(op, mchid);
    reply(signed(
        &reqwest::Client::new(),
        sim,
        &config,
        &target,
        &body,
    ))
    .await
}

// ---- success ---------------------------------------------------------------

#[tokio::test]
async fn signed_apply_succeeds_and_the_response_verifies() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    assert!(sim.base_url().starts_with("http://127.0.0.1:"));
    assert_eq!(sim.mchid(), DEFAULT_MCHID);
    assert_eq!(sim.wechatpay_serial(), DEFAULT_WECHATPAY_SERIAL);

    let r = call(&sim, &apply_request("employee123", ApplicationType::H5)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    r.verify(&config).expect("signed like WeChat Pay");
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("wechatpay-serial"), Some(DEFAULT_WECHATPAY_SERIAL));
    assert_eq!(r.header("wechatpay-nonce").map(str::len), Some(32));
    assert!(r.header("request-id").is_some());

    // The public key PEM the simulator hands out verifies too.
    let keys = Config::builder()
        .mchid(DEFAULT_MCHID)
        .merchant_serial(sim.merchant_serial())
        .merchant_private_key_pem(sim.merchant_private_key_pem())
        .wechatpay_public_key(sim.wechatpay_serial(), sim.wechatpay_public_key_pem())
        .build()
        .unwrap();
    r.verify(&keys).unwrap();

    let v = r.json();
    assert_eq!(v["sp_mchid"], DEFAULT_MCHID);
    assert_eq!(v["sub_mchid"], SUB);
    assert_eq!(v["user_id"], "employee123");
    assert_eq!(v["application_type"], "H5");
    let url = v["authorization_url"].as_str().unwrap();
    assert!(
        url.starts_with(
            "weixin://dl/liteapp?url=https%3A%2F%2Fliteapp.wxpapp.weixin.qq.com%2Fq%2F"
        ),
        "{url}"
    );
    assert!(url.contains("token%3D") && url.len() <= 256, "{url}");
    let expire = v["expire_time"].as_str().unwrap();
    assert!(expire.ends_with("+08:00"), "{expire}");
    let expire = chrono::DateTime::parse_from_rfc3339(expire)
        .unwrap()
        .timestamp();
    assert!((expire - (now() + 35 * 60)).abs() <= 5);
    assert!(v.get("mp_query").is_none() && v.get("mp_business_type").is_none());

    // The typed response decodes it.
    let typed: webizpay_api::ApplyAuthorizationResponse = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(typed.application_type, ApplicationType::H5);

    // Request-IDs are unique.
    let r2 = call(&sim, &apply_request("employee123", ApplicationType::H5)).await;
    assert_ne!(r.header("request-id"), r2.header("request-id"));
}

#[tokio::test]
async fn miniprogram_links_carry_mp_fields() {
    let sim = Simulator::start().await.unwrap();
    let r = call(
        &sim,
        &apply_request("mp-user_01", ApplicationType::Miniprogram),
    )
    .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["application_type"], "MINIPROGRAM");
    let query = v["mp_query"].as_str().unwrap();
    assert!(query.starts_with("token=") && query.len() > 6, "{query}");
    assert!(
        v["authorization_url"]
            .as_str()
            .unwrap()
            .contains(&query["token=".len()..])
    );
    assert_eq!(v["mp_business_type"], MP_BUSINESS_TYPE);
}

#[tokio::test]
async fn apply_accept_revoke_flow() {
    let sim = Simulator::start().await.unwrap();
    let user = "flow*user|1";
    assert_eq!(
        sim.accept_authorization(DEFAULT_MCHID, SUB, user),
        None,
        "no link yet"
    );

    let r = call(&sim, &apply_request(user, ApplicationType::H5)).await;
    assert_eq!(r.status, 200);
    assert!(sim.has_pending_link(DEFAULT_MCHID, SUB, user));
    assert_eq!(
        sim.accept_authorization(DEFAULT_MCHID, "1900000009", user),
        None,
        "other sub_mchid"
    );
    let employee_id = sim
        .accept_authorization(DEFAULT_MCHID, SUB, user)
        .expect("link issued");
    assert!(employee_id.starts_with("WeBizPay_"), "{employee_id}");
    let uuid = &employee_id["WeBizPay_".len()..];
    let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12]);
    assert_eq!(
        sim.employee_id(DEFAULT_MCHID, SUB, user).as_deref(),
        Some(employee_id.as_str())
    );
    assert_eq!(
        sim.authorization_state(DEFAULT_MCHID, SUB, user),
        Some(webizpay_api::AuthorizationState::Authorized)
    );
    assert_eq!(
        sim.accept_authorization(DEFAULT_MCHID, SUB, user),
        None,
        "link used"
    );

    // An authorized user gets no link.
    let r = call(&sim, &apply_request(user, ApplicationType::Miniprogram)).await;
    assert_eq!(r.status, 200);
    r.verify(&sim.client_config()).unwrap();
    let v = r.json();
    assert_eq!(v["user_id"], user);
    for absent in [
        "authorization_url",
        "expire_time",
        "mp_query",
        "mp_business_type",
    ] {
        assert!(v.get(absent).is_none(), "{absent} in {v}");
    }

    // Revoke, then revoke again: the same REVOKED record.
    let r1 = call(&sim, &revoke_request(&employee_id)).await;
    assert_eq!(r1.status, 200, "{}", String::from_utf8_lossy(&r1.body));
    r1.verify(&sim.client_config()).unwrap();
    let v1 = r1.json();
    assert_eq!(v1["sp_mchid"], DEFAULT_MCHID);
    assert_eq!(v1["sub_mchid"], SUB);
    assert_eq!(v1["user_id"], user);
    assert_eq!(v1["authorization_state"], "REVOKED");
    assert_eq!(v1["reason"], REVOKE_REASON);
    let revoked = v1["authorization_revoked_time"].as_str().unwrap();
    assert!(revoked.ends_with("+08:00"));
    assert!(
        (chrono::DateTime::parse_from_rfc3339(revoked)
            .unwrap()
            .timestamp()
            - now())
        .abs()
            <= 5
    );
    let typed: webizpay_api::RevokeAuthorizationResponse =
        serde_json::from_slice(&r1.body).unwrap();
    assert_eq!(
        typed.authorization_state,
        webizpay_api::AuthorizationState::Revoked
    );

    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r2 = call(&sim, &revoke_request(&employee_id)).await;
    assert_eq!(r2.status, 200);
    assert_eq!(r2.json(), v1, "idempotent: same record, same revoked time");
    assert_eq!(
        sim.authorization_state(DEFAULT_MCHID, SUB, user),
        Some(webizpay_api::AuthorizationState::Revoked)
    );

    // Unknown employee, or one under another sub_mchid.
    let unknown = call(
        &sim,
        &revoke_request("WeBizPay_00000000-0000-4000-8000-000000000000"),
    )
    .await;
    let v = unknown.error(404, "RESOURCE_NOT_EXISTS");
    assert!(
        v["message"].as_str().unwrap().starts_with("employee_id"),
        "{v}"
    );
    let other_sub = {
        let mut updated = revoke_request(&employee_id);
        updated.sub_mchid = "1900000009".to_owned();
        updated
    };
    call(&sim, &other_sub)
        .await
        .error(404, "RESOURCE_NOT_EXISTS");

    // After a revoke the user can apply again, and gets a new employee id.
    let r = call(&sim, &apply_request(user, ApplicationType::H5)).await;
    assert!(r.json()["authorization_url"].is_string());
    let again = sim.accept_authorization(DEFAULT_MCHID, SUB, user).unwrap();
    assert_ne!(again, employee_id);
}

// ---- request checks ----------------------------------------------------------

#[tokio::test]
async fn bad_signatures_are_sign_errors() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let http = reqwest::Client::new();
    let (target, body) = wire(&apply_request("employee123", ApplicationType::H5));
    let url = format!("{}{target}", sim.base_url());

    let expect_sign_error = |r: Reply, words: &str| {
        let v = r.error(401, "SIGN_ERROR");
        let m = v["message"].as_str().unwrap().to_owned();
        assert!(m.contains(words), "{m:?} should mention {words:?}");
    };

    // Missing Authorization.
    let r = reply(
        http.post(&url)
            .set("Accept", "application/json")
            .set("Content-Type", "application/json")
            .body(body.clone()),
    )
    .await;
    expect_sign_error(r, "Authorization header is missing");

    // Signed over another body.
    let other = auth::authorization(&config, Method::Post, &target, b"{}", now(), &auth::nonce());
    let r = reply(signed(&http, &sim, &config, &target, &body).set("Authorization", other)).await;
    expect_sign_error(r, "signature does not verify");

    // Signed over a differently encoded target.
    let decoded = target.replace("employee123", "employee%31%323");
    let other = auth::authorization(
        &config,
        Method::Post,
        &decoded,
        &body,
        now(),
        &auth::nonce(),
    );
    let r = reply(signed(&http, &sim, &config, &target, &body).set("Authorization", other)).await;
    expect_sign_error(r, "signature does not verify");

    // Signed with another key.
    let other_key = Config::builder()
        .mchid(DEFAULT_MCHID)
        .merchant_serial(sim.merchant_serial())
        .merchant_private_key_pem(OTHER_KEY_PEM)
        .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
        .build()
        .unwrap();
    let r = reply(signed(&http, &sim, &other_key, &target, &body)).await;
    expect_sign_error(r, "signature does not verify");

    // Wrong serial.
    let wrong_serial = Config::builder()
        .mchid(DEFAULT_MCHID)
        .merchant_serial("1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C")
        .merchant_private_key_pem(sim.merchant_private_key_pem())
        .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
        .build()
        .unwrap();
    let r = reply(signed(&http, &sim, &wrong_serial, &target, &body)).await;
    expect_sign_error(r, "serial_no");

    // Wrong mchid.
    let wrong_mchid = Config::builder()
        .mchid("1900000099")
        .merchant_serial(sim.merchant_serial())
        .merchant_private_key_pem(sim.merchant_private_key_pem())
        .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
        .build()
        .unwrap();
    let r = reply(signed(&http, &sim, &wrong_mchid, &target, &body)).await;
    expect_sign_error(r, "mchid");

    // Stale and future timestamps.
    for offset in [-301, 301] {
        let stale = auth::authorization(
            &config,
            Method::Post,
            &target,
            &body,
            now() + offset,
            &auth::nonce(),
        );
        let r =
            reply(signed(&http, &sim, &config, &target, &body).set("Authorization", stale)).await;
        expect_sign_error(r, "timestamp");
    }
    // 299 s is still fine.
    let close = auth::authorization(
        &config,
        Method::Post,
        &target,
        &body,
        now() - 299,
        &auth::nonce(),
    );
    let r = reply(signed(&http, &sim, &config, &target, &body).set("Authorization", close)).await;
    assert_eq!(r.status, 200);

    // Another scheme, and a header that does not parse.
    let good = auth::authorization(&config, Method::Post, &target, &body, now(), &auth::nonce());
    let r = reply(signed(&http, &sim, &config, &target, &body).set(
        "Authorization",
        good.replace("WECHATPAY2-SHA256-RSA2048", "WECHATPAY2-SHA256-RSA4096"),
    ))
    .await;
    expect_sign_error(r, "scheme");
    let r = reply(
        signed(&http, &sim, &config, &target, &body)
            .set("Authorization", good.replace("nonce_str=", "nonce=")),
    )
    .await;
    expect_sign_error(r, "nonce_str is missing");
    assert_eq!(sim.status_count(401), 10);
    assert_eq!(sim.status_count(200), 1);
}

#[tokio::test]
async fn parameter_errors_name_the_field() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let http = reqwest::Client::new();

    // user_id of 5 characters.
    let r = call(&sim, &apply_request("abcde", ApplicationType::H5)).await;
    let v = r.error(400, "PARAM_ERROR");
    assert!(v["message"].as_str().unwrap().starts_with("user_id"), "{v}");
    assert_eq!(
        v["detail"],
        serde_json::json!({"field": "user_id", "location": "path"})
    );

    // A character outside the charset.
    let r = call(&sim, &apply_request("employee#1", ApplicationType::H5)).await;
    assert_eq!(r.error(400, "PARAM_ERROR")["detail"]["field"], "user_id");

    // An undocumented application_type.
    let r = call(
        &sim,
        &apply_request("employee123", ApplicationType::from("APP")),
    )
    .await;
    assert_eq!(
        r.error(400, "PARAM_ERROR")["detail"]["field"],
        "application_type"
    );

    // A missing body field.
    let target = apply_request("employee123", ApplicationType::H5).target(sim.mchid());
    let body = br#"{"sp_mchid":"1900000001","sub_mchid":"1900000002"}"#;
    let r = reply(signed(&http, &sim, &config, &target, body)).await;
    let v = r.error(400, "PARAM_ERROR");
    assert!(
        v["message"].as_str().unwrap().contains("application_type"),
        "{v}"
    );
    assert_eq!(
        v["detail"],
        serde_json::json!({"field": "application_type", "location": "body"})
    );

    // A body that is not JSON.
    let r = reply(signed(&http, &sim, &config, &target, b"sp_mchid=1")).await;
    assert_eq!(r.error(400, "PARAM_ERROR")["detail"]["field"], "body");

    // An empty sub_mchid.
    let mut req = apply_request("employee123", ApplicationType::H5);
    req.sub_mchid.clear();
    assert_eq!(
        call(&sim, &req).await.error(400, "PARAM_ERROR")["detail"]["field"],
        "sub_mchid"
    );

    // sp_mchid (filled from the configuration, `from_config` in the spec)
    // must be the signing merchant.
    let req = apply_request("employee123", ApplicationType::H5);
    let v = call_as(&sim, &req, "1900000099")
        .await
        .error(400, "PARAM_ERROR");
    assert!(
        v["message"].as_str().unwrap().starts_with("sp_mchid"),
        "{v}"
    );
    assert_eq!(v["detail"]["field"], "sp_mchid");
    let req = revoke_request("WeBizPay_x");
    assert_eq!(
        call_as(&sim, &req, "1900000099")
            .await
            .error(400, "PARAM_ERROR")["detail"]["field"],
        "sp_mchid"
    );

    // An employee_id longer than 64.
    let r = call(&sim, &revoke_request(&"x".repeat(65))).await;
    assert_eq!(
        r.error(400, "PARAM_ERROR")["detail"]["field"],
        "employee_id"
    );
    assert_eq!(sim.operation_count("apply_authorization"), 7);
    assert_eq!(sim.operation_count("revoke_authorization"), 2);
}

#[tokio::test]
async fn headers_paths_and_methods_are_checked() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let http = reqwest::Client::new();
    let (target, body) = wire(&apply_request("employee123", ApplicationType::H5));

    let r = reply(signed(&http, &sim, &config, &target, &body).set("Accept", "text/html")).await;
    assert!(
        r.error(400, "INVALID_REQUEST")["message"]
            .as_str()
            .unwrap()
            .contains("Accept")
    );
    let r = reply(signed(&http, &sim, &config, &target, &body).set("Accept", "*/*")).await;
    assert_eq!(r.status, 200);
    let r =
        reply(signed(&http, &sim, &config, &target, &body).set("Content-Type", "text/plain")).await;
    assert!(
        r.error(400, "INVALID_REQUEST")["message"]
            .as_str()
            .unwrap()
            .contains("Content-Type")
    );
    let r = reply(
        signed(&http, &sim, &config, &target, &body)
            .set("Content-Type", "application/json; charset=utf-8"),
    )
    .await;
    assert_eq!(r.status, 200);

    // Unknown path, wrong method.
    let r = reply(signed(&http, &sim, &config, "/v3/webizpay/nothing", &body)).await;
    r.error(404, "NOT_FOUND");
    let r = reply(
        http.get(format!("{}{target}", sim.base_url()))
            .set("Accept", "application/json"),
    )
    .await;
    r.error(405, "METHOD_NOT_ALLOWED");
    assert_eq!(r.header("allow"), Some("POST"));
    // The old singular revoke path of the 2025.04.29 docs is not served.
    let r = reply(signed(
        &http,
        &sim,
        &config,
        "/v3/webizpay/employee/WeBizPay_x/revoke",
        &body,
    ))
    .await;
    r.error(404, "NOT_FOUND");
}

#[tokio::test]
async fn wechatpay_serial_picks_the_signing_key() {
    let platform_serial = "7132D72A03E93CDDF8C03BBD1F37EEDF6B0E2BC6";
    let sim = Simulator::builder()
        .wechatpay_key(
            DEFAULT_WECHATPAY_SERIAL,
            WECHATPAY_PRIVATE_KEY_PEM,
            WECHATPAY_PUBLIC_KEY_PEM,
        )
        .wechatpay_key(platform_serial, OTHER_KEY_PEM, OTHER_PUBLIC_KEY_PEM)
        .start()
        .await
        .unwrap();
    assert_eq!(
        sim.wechatpay_serials(),
        [DEFAULT_WECHATPAY_SERIAL, platform_serial]
    );
    let config = sim.client_config();
    assert_eq!(config.wechatpay_keys().len(), 2);
    let http = reqwest::Client::new();
    let (target, body) = wire(&apply_request("employee123", ApplicationType::H5));

    for (asked, expected) in [
        (platform_serial, platform_serial),
        (DEFAULT_WECHATPAY_SERIAL, DEFAULT_WECHATPAY_SERIAL),
        ("PUB_KEY_ID_NOT_HERE", DEFAULT_WECHATPAY_SERIAL),
    ] {
        let r = reply(signed(&http, &sim, &config, &target, &body).set("Wechatpay-Serial", asked))
            .await;
        assert_eq!(r.header("wechatpay-serial"), Some(expected));
        r.verify(&config).unwrap();
    }
    // Without the request header, the default key signs.
    let authorization =
        auth::authorization(&config, Method::Post, &target, &body, now(), &auth::nonce());
    let r = reply(
        http.post(format!("{}{target}", sim.base_url()))
            .set("Authorization", authorization)
            .set("Accept", "application/json")
            .set("Content-Type", "application/json")
            .body(body.clone()),
    )
    .await;
    assert_eq!(r.header("wechatpay-serial"), Some(DEFAULT_WECHATPAY_SERIAL));

    let bad = Simulator::builder()
        .default_wechatpay_serial("nope")
        .start()
        .await;
    assert_eq!(bad.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    let bad = Simulator::builder()
        .merchant_public_key_pem("not a key")
        .start()
        .await;
    assert_eq!(bad.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
}

#[tokio::test]
async fn clock_offset_shifts_the_simulator_clock() {
    let sim = Simulator::builder()
        .clock_offset(1000)
        .start()
        .await
        .unwrap();
    assert!((sim.now_unix() - now() - 1000).abs() <= 1);
    let r = call(&sim, &apply_request("employee123", ApplicationType::H5)).await;
    assert!(
        r.error(401, "SIGN_ERROR")["message"]
            .as_str()
            .unwrap()
            .contains("timestamp")
    );
    sim.set_clock_offset(-200);
    assert_eq!(sim.clock_offset(), -200);
    let r = call(&sim, &apply_request("employee123", ApplicationType::H5)).await;
    assert_eq!(r.status, 200);
    // Responses are signed with the simulator's clock: 200 s off still verifies.
    r.verify(&sim.client_config()).unwrap();
    sim.set_clock_offset(-400);
    let r = call(&sim, &apply_request("employee123", ApplicationType::H5)).await;
    assert_eq!(r.status, 401);
}

// ---- faults ------------------------------------------------------------------

#[tokio::test]
async fn signature_faults_break_verification() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let apply = apply_request("employee123", ApplicationType::H5);

    let cases: Vec<(Fault, VerificationFailure)> = vec![
        (Fault::TamperBody, VerificationFailure::BadSignature),
        (
            Fault::ReplaceBody(br#"{"forged":true}"#.to_vec()),
            VerificationFailure::BadSignature,
        ),
        (Fault::SignWithOtherKey, VerificationFailure::BadSignature),
        (
            Fault::UnknownSerial,
            VerificationFailure::UnknownSerial(UNKNOWN_SERIAL.to_owned()),
        ),
        (
            Fault::SerialOf("PUB_KEY_ID_X".to_owned()),
            VerificationFailure::UnknownSerial("PUB_KEY_ID_X".to_owned()),
        ),
        (
            Fault::TimestampOffset(-301),
            VerificationFailure::TimestampSkew {
                skew_secs: -301,
                max_secs: 300,
            },
        ),
        (Fault::ProbeSignature, VerificationFailure::ProbeSignature),
        (
            Fault::StripSignatureHeaders,
            VerificationFailure::MissingHeader("Wechatpay-Timestamp"),
        ),
        (
            Fault::mutate(|r: &mut SimResponse| {
                let sig = r
                    .header("Wechatpay-Signature")
                    .unwrap_or_default()
                    .to_owned();
                r.append_header("Wechatpay-Signature", sig);
            }),
            VerificationFailure::DuplicateHeader("Wechatpay-Signature"),
        ),
    ];
    for (fault, expected) in cases {
        let name = format!("{fault:?}");
        sim.inject(fault);
        let r = call(&sim, &apply).await;
        assert_eq!(r.status, 200, "{name}");
        let got = r.verify(&config).unwrap_err();
        match (&got, &expected) {
            // The skew may be one second more on a slow machine.
            (
                VerificationFailure::TimestampSkew { skew_secs, .. },
                VerificationFailure::TimestampSkew { .. },
            ) => assert!((-303..=-301).contains(skew_secs), "{name}: {got:?}"),
            _ => assert_eq!(got, expected, "{name}"),
        }
        let record = sim.last_request().unwrap();
        assert_eq!(
            record.fault.as_ref().map(Fault::name),
            Some(name.split(['(', ' ']).next().unwrap())
        );
        assert_eq!(record.status, Some(200));
    }
    // TamperBody keeps the body JSON; ReplaceBody sends the new body.
    sim.inject(Fault::TamperBody);
    let r = call(&sim, &apply).await;
    assert!(serde_json::from_slice::<Value>(&r.body).is_ok());
    sim.inject(Fault::ReplaceBody(b"{}".to_vec()));
    assert_eq!(call(&sim, &apply).await.body, b"{}");
    // A timestamp within the window still verifies.
    sim.inject(Fault::TimestampOffset(-100));
    call(&sim, &apply).await.verify(&config).unwrap();
    // No fault left: verifies again.
    assert_eq!(sim.pending_faults(), 0);
    call(&sim, &apply).await.verify(&config).unwrap();
    assert_eq!(sim.fault_count(), 12);
}

#[tokio::test]
async fn status_faults_answer_errors_without_processing() {
    let sim = Simulator::start().await.unwrap();
    let apply = apply_request("employee123", ApplicationType::H5);

    sim.inject(Fault::system_error());
    let v = call(&sim, &apply).await.error(500, "SYSTEM_ERROR");
    assert!(!v["message"].as_str().unwrap().is_empty());
    assert!(
        !sim.has_pending_link(DEFAULT_MCHID, SUB, "employee123"),
        "did not take effect"
    );

    sim.inject_times(Fault::frequency_limited(), 2);
    call(&sim, &apply).await.error(429, "FREQUENCY_LIMITED");
    call(&sim, &apply).await.error(429, "FREQUENCY_LIMITED");

    sim.inject(Fault::BadGatewayHtml);
    let r = call(&sim, &apply).await;
    assert_eq!(r.status, 502);
    assert_eq!(r.header("content-type"), Some("text/html"));
    assert!(r.header("request-id").is_none());
    assert!(String::from_utf8_lossy(&r.body).contains("502 Bad Gateway"));

    assert_eq!(call(&sim, &apply).await.status, 200);
    let statuses: Vec<Option<u16>> = sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [Some(500), Some(429), Some(429), Some(502), Some(200)]
    );
    assert_eq!(
        sim.requests()[1].error_code.as_deref(),
        Some("FREQUENCY_LIMITED")
    );
}

#[tokio::test]
async fn delay_provokes_timeouts() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let (target, body) = wire(&apply_request("employee123", ApplicationType::H5));
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    sim.inject(Fault::Delay(Duration::from_secs(3)));
    let started = Instant::now();
    let err = signed(&http, &sim, &config, &target, &body)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    // The request was recorded before the delay, and took effect.
    assert_eq!(sim.request_count(), 1);
    assert!(sim.has_pending_link(DEFAULT_MCHID, SUB, "employee123"));

    sim.inject(Fault::Delay(Duration::from_millis(150)));
    let started = Instant::now();
    let r = reply(signed(&http, &sim, &config, &target, &body)).await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(r.status, 200);
    r.verify(&config).unwrap();
}

#[tokio::test]
async fn connection_faults_lose_the_answer() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let (target, body) = wire(&apply_request("employee123", ApplicationType::H5));

    for fault in [Fault::ResetConnection, Fault::CloseWithoutResponse] {
        let name = fault.name();
        sim.inject(fault);
        let http = reqwest::Client::new();
        let err = signed(&http, &sim, &config, &target, &body)
            .send()
            .await
            .unwrap_err();
        assert!(!err.is_timeout() && !err.is_status(), "{name}: {err:?}");
        let record = sim.last_request().unwrap();
        assert_eq!(record.status, None, "{name}: nothing was sent");
        assert_eq!(record.fault.as_ref().map(Fault::name), Some(name));
    }
    assert_eq!(sim.request_count(), 2, "no silent retries");
    assert!(
        sim.has_pending_link(DEFAULT_MCHID, SUB, "employee123"),
        "the request took effect"
    );

    // Truncated body: the head arrives, the body fails.
    sim.inject(Fault::TruncateBody);
    let http = reqwest::Client::new();
    let resp = signed(&http, &sim, &config, &target, &body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let err = resp.bytes().await.unwrap_err();
    assert!(
        err.is_body() || err.is_decode() || err.is_request(),
        "{err:?}"
    );
    assert_eq!(sim.last_request().unwrap().status, Some(200));

    // The simulator still serves.
    assert_eq!(
        call(&sim, &apply_request("employee123", ApplicationType::H5))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn mutate_hooks_see_the_signed_response() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let apply = apply_request("employee123", ApplicationType::H5);

    sim.inject(Fault::mutate(|r| {
        assert!(r.header("wechatpay-signature").is_some());
        r.status = 201;
        r.set_header("X-Extra", "1");
        r.remove_header("Request-ID");
    }));
    let r = call(&sim, &apply).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.header("x-extra"), Some("1"));
    assert!(r.header("request-id").is_none());
    r.verify(&config).unwrap();

    // Changing the body without re-signing: Content-Length follows.
    sim.inject(Fault::mutate(|r| r.body.extend_from_slice(b" ")));
    let r = call(&sim, &apply).await;
    assert!(r.body.ends_with(b"} "));
    assert_eq!(r.verify(&config), Err(VerificationFailure::BadSignature));
}

#[tokio::test]
async fn random_faults_are_deterministic() {
    async fn run(seed: u64) -> Vec<Option<&'static str>> {
        let sim = Simulator::start().await.unwrap();
        sim.set_fault_rate(
            0.3,
            vec![
                Fault::TamperBody,
                Fault::system_error(),
                Fault::ProbeSignature,
            ],
            seed,
        );
        let http = reqwest::Client::new();
        let config = sim.client_config();
        let (target, body) = wire(&apply_request("employee123", ApplicationType::H5));
        for _ in 0..60 {
            let _ = reply(signed(&http, &sim, &config, &target, &body)).await;
        }
        sim.requests()
            .iter()
            .map(|r| r.fault.as_ref().map(Fault::name))
            .collect()
    }
    let a = run(42).await;
    assert_eq!(a, run(42).await);
    let hits = a.iter().filter(|f| f.is_some()).count();
    assert!((5..=35).contains(&hits), "{hits}");

    let sim = Simulator::start().await.unwrap();
    sim.set_fault_rate(1.0, vec![Fault::system_error()], 1);
    assert_eq!(
        call(&sim, &apply_request("employee123", ApplicationType::H5))
            .await
            .status,
        500
    );
    sim.clear_faults();
    assert_eq!(
        call(&sim, &apply_request("employee123", ApplicationType::H5))
            .await
            .status,
        200
    );
}

// ---- recording -----------------------------------------------------------------

#[tokio::test]
async fn requests_are_recorded_and_counted() {
    let sim = Simulator::builder().record_limit(3).start().await.unwrap();
    let apply = apply_request("employee123", ApplicationType::H5);
    let (target, body) = wire(&apply);
    for _ in 0..4 {
        call(&sim, &apply).await;
    }
    call(&sim, &revoke_request("WeBizPay_nobody")).await;
    assert_eq!(sim.request_count(), 5);
    assert_eq!(sim.operation_count("apply_authorization"), 4);
    assert_eq!(sim.operation_count("revoke_authorization"), 1);
    assert_eq!(sim.status_count(200), 4);
    assert_eq!(sim.status_count(404), 1);

    let records = sim.requests();
    assert_eq!(records.len(), 3, "bounded by the record limit");
    assert_eq!(
        records.iter().map(|r| r.seq).collect::<Vec<_>>(),
        [3, 4, 5],
        "the most recent"
    );
    let first = &records[0];
    assert_eq!(first.method, "POST");
    assert_eq!(first.target, target);
    assert_eq!(first.body, body);
    assert_eq!(first.operation, Some("apply_authorization"));
    assert_eq!(first.status, Some(200));
    assert!(
        first
            .header("authorization")
            .unwrap()
            .starts_with("WECHATPAY2-SHA256-RSA2048 ")
    );
    assert_eq!(first.body_json().unwrap()["sub_mchid"], SUB);
    assert!(first.fault.is_none() && first.request_id.is_some());
    let last = &records[2];
    assert_eq!(last.operation, Some("revoke_authorization"));
    assert_eq!(last.status, Some(404));
    assert_eq!(last.error_code.as_deref(), Some("RESOURCE_NOT_EXISTS"));

    sim.clear_requests();
    assert!(sim.requests().is_empty());
    assert_eq!(sim.request_count(), 5, "counters keep counting");
    call(&sim, &apply).await;
    assert_eq!(sim.requests()[0].seq, 6);

    let none = Simulator::builder().record_limit(0).start().await.unwrap();
    call(&none, &apply).await;
    assert!(none.requests().is_empty());
    assert_eq!(none.request_count(), 1);
}

// ---- raw HTTP ------------------------------------------------------------------

/// Reads one response off a raw connection: (status, head, body).
async fn read_response(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
) -> Option<(u16, String, Vec<u8>)> {
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let len: usize = head
        .lines()
        .find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[head_end..head_end + len].to_vec();
    buf.drain(..head_end + len);
    Some((status, head, body))
}

fn raw_request(sim: &Simulator, target: &str, body: &[u8], extra: &str) -> Vec<u8> {
    let config = sim.client_config();
    let authorization =
        auth::authorization(&config, Method::Post, target, body, now(), &auth::nonce());
    let mut req = format!(
        "POST {target} HTTP/1.1\r\nHost: {}\r\nAuthorization: {authorization}\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n",
        sim.addr(),
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(body);
    req
}

async fn closed(stream: &mut TcpStream) -> bool {
    let mut rest = Vec::new();
    matches!(
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest)).await,
        Ok(Ok(0)) | Ok(Err(_))
    )
}

/// The documented headers (the spec's `headers` with a value: Accept and
/// Content-Type) are required, and Content-Type comes once. Raw HTTP:
/// reqwest always adds an `Accept: */*`.
#[tokio::test]
async fn documented_headers_are_required() {
    let sim = Simulator::start().await.unwrap();
    let (target, body) = wire(&apply_request("employee123", ApplicationType::H5));
    let cases = [
        (
            "Accept: application/json\r\n",
            "",
            "Accept header is required: set it to application/json",
        ),
        (
            "Content-Type: application/json\r\n",
            "",
            "Content-Type header is required: set it to application/json",
        ),
        (
            "",
            "Content-Type: application/json\r\n",
            "more than one Content-Type header",
        ),
    ];
    for (remove, extra, message) in cases {
        let mut stream = TcpStream::connect(sim.addr()).await.unwrap();
        let request = String::from_utf8(raw_request(&sim, &target, &body, extra))
            .unwrap()
            .replacen(remove, "", 1);
        stream.write_all(request.as_bytes()).await.unwrap();
        let (status, head, response) = read_response(&mut stream, &mut Vec::new()).await.unwrap();
        assert_eq!(status, 400, "{head}");
        let v: Value = serde_json::from_slice(&response).unwrap();
        assert_eq!(v["code"], "INVALID_REQUEST");
        assert_eq!(v["message"], message);
    }
    // Nothing was processed.
    assert!(!sim.has_pending_link(sim.mchid(), "1900000002", "employee123"));
    // The same request with the headers is processed.
    let mut stream = TcpStream::connect(sim.addr()).await.unwrap();
    stream
        .write_all(&raw_request(&sim, &target, &body, ""))
        .await
        .unwrap();
    let (status, head, _) = read_response(&mut stream, &mut Vec::new()).await.unwrap();
    assert_eq!(status, 200, "{head}");
    assert!(sim.has_pending_link(sim.mchid(), "1900000002", "employee123"));
}

#[tokio::test]
async fn keep_alive_serves_several_requests_per_connection() {
    let sim = Simulator::start().await.unwrap();
    let (target, body) = wire(&apply_request("employee123", ApplicationType::H5));
    let mut stream = TcpStream::connect(sim.addr()).await.unwrap();
    let mut buf = Vec::new();
    for _ in 0..2 {
        stream
            .write_all(&raw_request(&sim, &target, &body, ""))
            .await
            .unwrap();
        let (status, head, body) = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(status, 200, "{head}");
        assert!(!head.to_ascii_lowercase().contains("connection: close"));
        assert!(serde_json::from_slice::<Value>(&body).is_ok());
    }
    // Two pipelined requests in one write.
    let mut two = raw_request(&sim, &target, &body, "");
    two.extend(raw_request(&sim, &target, &body, ""));
    stream.write_all(&two).await.unwrap();
    assert_eq!(read_response(&mut stream, &mut buf).await.unwrap().0, 200);
    assert_eq!(read_response(&mut stream, &mut buf).await.unwrap().0, 200);

    // `Connection: close` is honoured.
    stream
        .write_all(&raw_request(&sim, &target, &body, "Connection: close\r\n"))
        .await
        .unwrap();
    let (status, head, _) = read_response(&mut stream, &mut buf).await.unwrap();
    assert_eq!(status, 200);
    assert!(head.contains("Connection: close"), "{head}");
    assert!(closed(&mut stream).await);
    assert_eq!(sim.request_count(), 5);

    // reqwest reuses one connection too.
    let http = reqwest::Client::new();
    let config = sim.client_config();
    for _ in 0..3 {
        assert_eq!(
            reply(signed(&http, &sim, &config, &target, &body))
                .await
                .status,
            200
        );
    }
}

#[tokio::test]
async fn malformed_and_oversized_requests_are_rejected_and_closed() {
    let sim = Simulator::start().await.unwrap();
    let cases: Vec<(Vec<u8>, u16)> = vec![
        (
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 tls hello\r\n\r\n".to_vec(),
            400,
        ),
        (
            b"POST /v3/x HTTP/1.1\r\nContent-Length: nope\r\n\r\n".to_vec(),
            400,
        ),
        (
            b"POST /v3/x HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}".to_vec(),
            400,
        ),
        (
            b"POST /v3/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".to_vec(),
            411,
        ),
        (
            format!(
                "POST /v3/x HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
                2 * 1024 * 1024
            )
            .into_bytes(),
            413,
        ),
        (
            format!(
                "GET /v3/x HTTP/1.1\r\nX-Big: {}\r\n\r\n",
                "a".repeat(70 * 1024)
            )
            .into_bytes(),
            431,
        ),
        (
            format!("GET /v3/x HTTP/1.1\r\n{}\r\n", "X-H: 1\r\n".repeat(100)).into_bytes(),
            431,
        ),
    ];
    let count = cases.len();
    for (raw, status) in cases {
        let mut stream = TcpStream::connect(sim.addr()).await.unwrap();
        // The server may answer and close before all of a large request is
        // written; that is fine.
        let _ = stream.write_all(&raw).await;
        let mut buf = Vec::new();
        let (got, head, body) = read_response(&mut stream, &mut buf)
            .await
            .expect("an answer");
        assert_eq!(got, status, "{head}");
        assert!(head.contains("Connection: close"));
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["code"], "INVALID_REQUEST");
        assert!(closed(&mut stream).await);
    }
    assert_eq!(sim.malformed_count(), count as u64);
    assert_eq!(sim.request_count(), 0);

    // A client that goes away mid-request does no harm.
    let mut stream = TcpStream::connect(sim.addr()).await.unwrap();
    stream
        .write_all(b"POST /v3/x HTTP/1.1\r\nContent-Length: 10\r\n\r\n{")
        .await
        .unwrap();
    drop(stream);
    assert_eq!(
        call(&sim, &apply_request("employee123", ApplicationType::H5))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let sim = Simulator::start().await.unwrap();
    let addr = sim.addr();
    let mut idle = TcpStream::connect(addr).await.unwrap();
    sim.shutdown().await;
    assert!(TcpStream::connect(addr).await.is_err());
    assert!(closed(&mut idle).await, "open connections are closed");

    let sim = Simulator::start().await.unwrap();
    let addr = sim.addr();
    drop(sim);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_load_with_random_faults() {
    let sim = std::sync::Arc::new(Simulator::start().await.unwrap());
    sim.set_fault_rate(
        0.2,
        vec![
            Fault::system_error(),
            Fault::TamperBody,
            Fault::CloseWithoutResponse,
        ],
        9,
    );
    let config = sim.client_config();
    let http = reqwest::Client::new();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..8 {
        let (sim, config, http) = (sim.clone(), config.clone(), http.clone());
        tasks.spawn(async move {
            let mut outcomes = [0u32; 3]; // verified 200, error status, transport error
            for j in 0..50 {
                let op = apply_request(&format!("load-user-{i}-{j}"), ApplicationType::H5);
                let (target, body) = wire(&op);
                match signed(&http, &sim, &config, &target, &body).send().await {
                    Ok(resp) => {
                        let status = resp.status().as_u16();
                        let headers = resp.headers().clone();
                        let body = resp.bytes().await.unwrap_or_default();
                        if status == 200
                            && auth::verify_response(
                                config.wechatpay_keys(),
                                &headers,
                                &body,
                                now(),
                            )
                            .is_ok()
                        {
                            outcomes[0] += 1;
                        } else {
                            outcomes[1] += 1;
                        }
                    }
                    Err(_) => outcomes[2] += 1,
                }
            }
            outcomes
        });
    }
    let mut total = [0u32; 3];
    while let Some(o) = tasks.join_next().await {
        let o = o.unwrap();
        for k in 0..3 {
            total[k] += o[k];
        }
    }
    assert_eq!(total.iter().sum::<u32>(), 400);
    assert_eq!(sim.request_count(), 400);
    assert_eq!(u64::from(total[0]), 400 - sim.fault_count());
    assert!(total[1] > 0 && total[2] > 0, "{total:?}");
}

#[tokio::test]
async fn links_expire_after_35_minutes() {
    let sim = Simulator::start().await.unwrap();
    let r = call(&sim, &apply_request("employee123", ApplicationType::H5)).await;
    assert_eq!(r.status, 200);
    sim.set_clock_offset(35 * 60 + 5);
    assert_eq!(
        sim.accept_authorization(DEFAULT_MCHID, SUB, "employee123"),
        None,
        "expired"
    );
    // A new link (applied at the shifted time) can be used.
    sim.set_clock_offset(0);
    call(&sim, &apply_request("employee123", ApplicationType::H5)).await;
    sim.set_clock_offset(34 * 60);
    assert!(
        sim.accept_authorization(DEFAULT_MCHID, SUB, "employee123")
            .is_some()
    );
}

/// Throughput check: 10,000 signed calls over 4 keep-alive connections with
/// 5% random faults. `cargo test --release --test simulator -- --ignored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "throughput check, run explicitly"]
async fn ten_thousand_calls() {
    let sim = std::sync::Arc::new(Simulator::start().await.unwrap());
    sim.set_fault_rate(0.05, vec![Fault::system_error(), Fault::TamperBody], 3);
    let config = sim.client_config();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..4 {
        let (sim, config) = (sim.clone(), config.clone());
        tasks.spawn(async move {
            let http = reqwest::Client::new();
            let mut ok = 0u32;
            for j in 0..2_500 {
                let op = apply_request(&format!("perf-user-{i}-{j}"), ApplicationType::H5);
                let (target, body) = wire(&op);
                let r = reply(signed(&http, &sim, &config, &target, &body)).await;
                if r.status == 200 && r.verify(&config).is_ok() {
                    ok += 1;
                }
            }
            ok
        });
    }
    let mut ok = 0;
    while let Some(n) = tasks.join_next().await {
        ok += n.unwrap();
    }
    let elapsed = started.elapsed();
    eprintln!("10,000 calls in {elapsed:?}; {ok} verified");
    assert_eq!(sim.request_count(), 10_000);
    assert_eq!(u64::from(ok), 10_000 - sim.fault_count());
    assert_eq!(sim.requests().len(), 10_000);
}

/// Two operations share `/v3/webizpay/avail-mch-ranges` (POST creates, GET
/// lists): routing goes by path and method, and another method is told both.
#[tokio::test]
async fn routes_by_path_and_method() {
    let sim = Simulator::start().await.unwrap();
    let config = sim.client_config();
    let http = reqwest::Client::new();
    let target = format!("/v3/webizpay/avail-mch-ranges?sp_mchid={DEFAULT_MCHID}");
    let authorization =
        auth::authorization(&config, Method::Get, &target, b"", now(), &auth::nonce());
    let listed = http
        .get(format!("{}{target}", sim.base_url()))
        .header("Authorization", authorization)
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::OK);
    assert_eq!(
        sim.last_request().unwrap().operation,
        Some("list_avail_mch_ranges")
    );

    let put = http
        .put(format!("{}/v3/webizpay/avail-mch-ranges", sim.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(put.headers()["allow"], "POST, GET");
    assert_eq!(sim.last_request().unwrap().operation, None);
}
