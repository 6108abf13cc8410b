//! Genuine notifications built in the test: signed with the simulator's
//! WeChat Pay key, the resource encrypted with its APIv3 key.

#![allow(dead_code)]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use reqwest::header::{HeaderMap, HeaderValue};
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth::{self, sign_response};
use webizpay_api::__internal::crypto::Backend;
use webizpay_api::simulator::{
    DEFAULT_APIV3_KEY, DEFAULT_MCHID, DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL,
    MERCHANT_PRIVATE_KEY_PEM, WECHATPAY_PRIVATE_KEY_PEM, WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{ApiV3Key, Config};

/// The merchant's config: the simulator's keys and APIv3 key.
pub fn config() -> Config {
    config_for(Backend::default())
}

/// [`config`] on `backend`.
pub fn config_for(backend: Backend) -> Config {
    Config::builder()
        .backend(backend)
        .mchid(DEFAULT_MCHID)
        .merchant_serial(DEFAULT_MERCHANT_SERIAL)
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
        .apiv3_key(ApiV3Key::new(DEFAULT_APIV3_KEY).expect("32 bytes"))
        .build()
        .expect("config")
}

/// A `WEBIZPAY.AUTHORIZED` resource for `user_id`.
pub fn authorized(user_id: &str) -> serde_json::Value {
    serde_json::json!({
        "sp_mchid": DEFAULT_MCHID,
        "sub_mchid": "43214321",
        "user_id": user_id,
        "employee_id": format!("E-{user_id}"),
        "authorization_time": "2025-01-01T00:00:00+08:00",
    })
}

/// The headers and body of notification `id`, signed now.
pub fn signed(id: &str, event_type: &str, resource: &serde_json::Value) -> (HeaderMap, Vec<u8>) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    signed_with(
        id,
        event_type,
        resource,
        WECHATPAY_PRIVATE_KEY_PEM,
        DEFAULT_WECHATPAY_SERIAL,
        now,
    )
}

/// The headers and body of notification `id`, signed with `key_pem` under
/// `serial` at `timestamp`.
pub fn signed_with(
    id: &str,
    event_type: &str,
    resource: &serde_json::Value,
    key_pem: &str,
    serial: &str,
    timestamp: i64,
) -> (HeaderMap, Vec<u8>) {
    let backend = Backend::default();
    let key: &[u8; 32] = DEFAULT_APIV3_KEY.as_bytes().try_into().expect("32 bytes");
    let nonce = "0123456789ab";
    let ciphertext = backend
        .aes_256_gcm_encrypt(
            key,
            nonce.as_bytes(),
            b"webizpay",
            resource.to_string().as_bytes(),
        )
        .expect("encrypt");
    let body = serde_json::json!({
        "id": id,
        "create_time": "2025-01-01T00:00:00+08:00",
        "resource_type": "encrypt-resource",
        "event_type": event_type,
        "summary": "test",
        "resource": {
            "original_type": "webizpay",
            "algorithm": "AEAD_AES_256_GCM",
            "ciphertext": BASE64.encode(ciphertext),
            "associated_data": "webizpay",
            "nonce": nonce,
        },
    })
    .to_string()
    .into_bytes();
    let signing = backend.signing_key_from_pem(key_pem).expect("key");
    let sig_nonce = auth::nonce();
    let signature = sign_response(&*signing, timestamp, &sig_nonce, &body);
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("Wechatpay-Serial", serial.to_owned()),
        ("Wechatpay-Signature", signature),
        ("Wechatpay-Timestamp", timestamp.to_string()),
        ("Wechatpay-Nonce", sig_nonce),
    ] {
        headers.insert(name, HeaderValue::from_str(&value).expect("header"));
    }
    (headers, body)
}
