//! The notifications the simulator sends, as WeChat Pay does: to the
//! callback URL the test gives ([`Simulator::set_callback_url`], as
//! WeChat Pay's staff would configure it), signed with the WeChat Pay key,
//! the resource encrypted with the APIv3 key, sent again while the merchant
//! does not answer success.
//!
//! [`Simulator::set_callback_url`]: super::Simulator::set_callback_url

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

use super::Shared;
use super::faults::tamper_body;
use super::state::{beijing_time, random_bytes, random_hex};
use crate::runtime::auth;
use crate::runtime::crypto::{BackendOps, SigningKey};

/// How a notification is spoiled on purpose, to check the merchant refuses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotifyFault {
    /// Signed with a `WECHATPAY/SIGNTEST/` probe signature, as WeChat Pay
    /// sends some to check that merchants verify.
    ProbeSignature,
    /// One byte of the body changed after signing.
    TamperBody,
    /// Signed with another key than the WeChat Pay key.
    SignWithOtherKey,
    /// The resource encrypted with another APIv3 key.
    OtherApiV3Key,
}

/// One delivery attempt of a notification.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attempt {
    /// The merchant's HTTP status, or `None` when the POST failed (no
    /// connection, timeout) or could not be made.
    pub status: Option<u16>,
    /// The merchant's answer body (cut at 1 KiB); for a POST that could not
    /// be made (no TLS provider for the simulator's HTTP client), why.
    pub body: String,
}

/// A notification the simulator sent, with every attempt so far.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SentNotification {
    /// The notification id (the same on every attempt).
    pub id: String,
    /// The `event_type`.
    pub event_type: String,
    /// The exact body sent (the envelope JSON).
    pub body: String,
    /// The attempts, in order.
    pub attempts: Vec<Attempt>,
    /// Whether an attempt was answered with a 2xx (WeChat Pay stops then).
    pub delivered: bool,
    /// Whether every attempt was used without success.
    pub given_up: bool,
}

/// The simulator's default APIv3 key (the key of the official SDKs'
/// AEAD_AES_256_GCM test vector; it protects nothing).
pub const DEFAULT_APIV3_KEY: &str = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

/// The delays before each attempt by default: fast, for tests (WeChat Pay's
/// own schedule, per the community description, is 0s/15s/15s/30s/180s/
/// 1800s/1800s/1800s/1800s/3600s).
pub fn default_retry_delays() -> Vec<Duration> {
    [0, 20, 40, 80, 160]
        .into_iter()
        .map(Duration::from_millis)
        .collect()
}

/// The notifications sent so far.
#[derive(Debug, Default)]
pub(crate) struct Outbox {
    pub sent: Vec<SentNotification>,
}

/// Builds, signs and sends a notification in the background; returns its id.
pub(crate) fn send(
    shared: &Shared,
    event_type: &str,
    summary: &str,
    resource: &Value,
    fault: Option<NotifyFault>,
) -> Option<String> {
    let url = shared
        .callback_url
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()?;
    let now = shared.now_unix();
    let id = format!("EV-{}", random_hex(20).to_ascii_uppercase());
    let mut key_bytes = *shared.apiv3_key.bytes();
    if fault == Some(NotifyFault::OtherApiV3Key) {
        key_bytes.reverse();
    }
    let nonce = random_hex(12);
    let associated_data = "webizpay";
    let plaintext = resource.to_string();
    let ciphertext = shared
        .backend
        .aes_256_gcm_encrypt(
            &key_bytes,
            nonce.as_bytes(),
            associated_data.as_bytes(),
            plaintext.as_bytes(),
        )
        .ok()?;
    let envelope = json!({
        "id": id,
        "create_time": beijing_time(now).to_rfc3339(),
        "resource_type": "encrypt-resource",
        "event_type": event_type,
        "summary": summary,
        "resource": {
            "original_type": "webizpay",
            "algorithm": "AEAD_AES_256_GCM",
            "ciphertext": BASE64.encode(&ciphertext),
            "associated_data": associated_data,
            "nonce": nonce,
        },
    });
    let mut body = envelope.to_string().into_bytes();
    let key = shared.wechatpay_key(shared.default_key);
    let signing_key: &dyn SigningKey = if fault == Some(NotifyFault::SignWithOtherKey) {
        &*shared.other_key
    } else {
        &*key.key
    };
    let sig_nonce = auth::nonce();
    let mut signature = auth::sign_response(signing_key, now, &sig_nonce, &body);
    match fault {
        Some(NotifyFault::ProbeSignature) => {
            let mut junk = [0u8; 96];
            random_bytes(&mut junk);
            signature = format!(
                "{}{}",
                crate::runtime::auth::PROBE_SIGNATURE_PREFIX,
                BASE64.encode(junk)
            );
        }
        Some(NotifyFault::TamperBody) => tamper_body(&mut body),
        _ => {}
    }
    let headers = vec![
        ("Content-Type", "application/json".to_owned()),
        ("Wechatpay-Serial", key.serial.clone()),
        ("Wechatpay-Signature", signature),
        ("Wechatpay-Timestamp", now.to_string()),
        ("Wechatpay-Nonce", sig_nonce),
        (
            "Wechatpay-Signature-Type",
            "WECHATPAY2-SHA256-RSA2048".to_owned(),
        ),
        ("Request-ID", shared.next_request_id()),
    ];
    let index = {
        let mut outbox = shared.outbox.lock().unwrap_or_else(PoisonError::into_inner);
        outbox.sent.push(SentNotification {
            id: id.clone(),
            event_type: event_type.to_owned(),
            body: String::from_utf8_lossy(&body).into_owned(),
            attempts: Vec::new(),
            delivered: false,
            given_up: false,
        });
        outbox.sent.len() - 1
    };
    let delays = shared.callback_delays.clone();
    let outbox = Arc::clone(&shared.outbox);
    let http = shared.callback_http.clone();
    shared
        .runtime
        .spawn(deliver(http, url, headers, body, delays, outbox, index));
    Some(id)
}

async fn deliver(
    http: Result<reqwest::Client, String>,
    url: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delays: Vec<Duration>,
    outbox: Arc<Mutex<Outbox>>,
    index: usize,
) {
    let http = match http {
        Ok(http) => http,
        Err(why) => {
            let mut outbox = outbox.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(sent) = outbox.sent.get_mut(index) {
                sent.attempts.push(Attempt {
                    status: None,
                    body: format!("not sent: {why}"),
                });
                sent.given_up = true;
            }
            return;
        }
    };
    for delay in &delays {
        tokio::time::sleep(*delay).await;
        let mut request = http.post(&url).body(body.clone());
        for (name, value) in &headers {
            request = request.header(*name, value);
        }
        let attempt = match request.send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let text = resp.text().await.unwrap_or_default();
                Attempt {
                    status: Some(status),
                    body: text.chars().take(1024).collect(),
                }
            }
            Err(_) => Attempt {
                status: None,
                body: String::new(),
            },
        };
        let success = attempt.status.is_some_and(|s| (200..300).contains(&s));
        let mut outbox = outbox.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(sent) = outbox.sent.get_mut(index) {
            sent.attempts.push(attempt);
            sent.delivered = success;
        }
        if success {
            return;
        }
    }
    let mut outbox = outbox.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(sent) = outbox.sent.get_mut(index) {
        sent.given_up = true;
    }
}
