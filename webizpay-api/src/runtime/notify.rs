//! Callback notifications: see the crate docs, "Notifications".

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::runtime::auth::{self, Clock, SystemClock};
use crate::runtime::credentials::{ApiV3Key, Config, WechatPayKeys};
use crate::runtime::crypto::{AeadError, Backend, BackendOps};
use crate::runtime::error::{ConfigError, VerificationFailure};

/// The default number of notification ids remembered.
pub const DEFAULT_SEEN_CAPACITY: usize = 65_536;
/// The only `resource_type` of APIv3 notifications.
pub const RESOURCE_TYPE: &str = "encrypt-resource";
/// The only algorithm of APIv3 notifications.
pub const ALGORITHM: &str = "AEAD_AES_256_GCM";

/// Decodes an event from a decrypted resource, by `event_type` (generated
/// for the spec's `Event`).
pub trait DecodeEvent: Sized {
    /// Decodes the decrypted `resource` of an envelope with `event_type`.
    ///
    /// # Errors
    ///
    /// When the resource does not have the event type's shape.
    fn decode(event_type: &str, resource: &[u8]) -> Result<Self, serde_json::Error>;
}

/// A verified, decrypted notification.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Notification<E> {
    /// The notification id (通知ID): the same for every resend.
    pub id: String,
    /// When WeChat Pay created it (RFC 3339).
    pub create_time: chrono::DateTime<chrono::FixedOffset>,
    /// The `event_type`, e.g. `WEBIZPAY.AUTHORIZED`.
    pub event_type: String,
    /// WeChat Pay's summary (回调摘要).
    pub summary: String,
    /// The event, decoded by `event_type`.
    pub event: E,
    /// The decrypted resource, as JSON.
    pub resource: serde_json::Value,
    /// `original_type` of the resource (e.g. `webizpay`).
    pub original_type: String,
}

impl<E> Notification<E> {
    /// What to answer WeChat Pay once the notification is handled: success.
    pub fn reply(&self) -> NotificationReply {
        NotificationReply::success()
    }
}

/// The answer to send WeChat Pay: an HTTP status and a JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NotificationReply {
    /// The HTTP status: 200 for success, 4xx/5xx for failure (WeChat Pay
    /// then sends the notification again).
    pub status: u16,
    /// `{"code":"SUCCESS","message":"成功"}` or `{"code":"FAIL","message":…}`.
    pub body: String,
}

impl NotificationReply {
    /// Success: WeChat Pay stops sending this notification.
    pub fn success() -> Self {
        NotificationReply {
            status: 200,
            body: r#"{"code":"SUCCESS","message":"成功"}"#.to_owned(),
        }
    }

    /// Failure with `status` (4xx or 5xx): WeChat Pay sends it again later.
    pub fn failure(status: u16, message: &str) -> Self {
        NotificationReply {
            status,
            body: serde_json::json!({ "code": "FAIL", "message": message }).to_string(),
        }
    }

    /// Whether this reply tells WeChat Pay the notification was received.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why a notification was not accepted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NotificationError {
    /// The signature checks failed: not from WeChat Pay (or a probe).
    #[error("notification rejected as forged: {0:?}")]
    Verification(VerificationFailure),
    /// The body is not a notification envelope (after the signature verified).
    #[error("notification envelope: {0}")]
    Malformed(String),
    /// The resource did not decrypt with the APIv3 key.
    #[error("notification resource: {0} (is the configured APIv3 key the merchant's current one?)")]
    Decrypt(AeadError),
    /// The decrypted resource does not have the event type's shape.
    #[error("notification resource of {event_type}: {message}")]
    Decode {
        /// The `event_type`.
        event_type: String,
        /// What the decoder said.
        message: String,
    },
    /// A notification with this id was accepted before: WeChat Pay sent it
    /// again (the success answer was lost or late). Answer success and do
    /// not handle it twice.
    #[error("notification {id} was already accepted (a resend)")]
    Duplicate {
        /// The notification id.
        id: String,
    },
}

impl NotificationError {
    /// What to answer WeChat Pay: success for a duplicate; 401 for a
    /// failed verification; 400 for a malformed envelope; 500 (WeChat Pay
    /// retries) when the resource does not decrypt or decode.
    pub fn reply(&self) -> NotificationReply {
        match self {
            NotificationError::Duplicate { .. } => NotificationReply::success(),
            NotificationError::Verification(_) => NotificationReply::failure(401, "签名验证失败"),
            NotificationError::Malformed(_) => NotificationReply::failure(400, "通知格式错误"),
            NotificationError::Decrypt(_) | NotificationError::Decode { .. } => {
                NotificationReply::failure(500, "通知处理失败")
            }
        }
    }
}

/// The envelope of a notification (通知参数).
#[derive(serde::Deserialize)]
struct Envelope {
    id: String,
    create_time: String,
    event_type: String,
    resource_type: String,
    #[serde(default)]
    summary: String,
    resource: Resource,
}

/// The encrypted `resource`.
#[derive(serde::Deserialize)]
struct Resource {
    algorithm: String,
    ciphertext: String,
    nonce: String,
    #[serde(default)]
    associated_data: String,
    #[serde(default)]
    original_type: String,
}

/// The ids accepted, oldest first (bounded).
#[derive(Debug, Default)]
struct Seen {
    ids: HashSet<Box<str>>,
    order: VecDeque<Box<str>>,
}

/// Where the keys that verify notifications come from.
#[derive(Clone)]
enum KeySource {
    /// The config's, fixed.
    Fixed(WechatPayKeys),
    /// A client's, as they are at each call (downloaded certificates).
    Shared(Arc<dyn Fn() -> WechatPayKeys + Send + Sync>),
}

impl KeySource {
    fn get(&self) -> WechatPayKeys {
        match self {
            KeySource::Fixed(keys) => keys.clone(),
            KeySource::Shared(current) => current(),
        }
    }
}

/// Verifies, decrypts and decodes callback notifications; see the module
/// docs. Cheap to clone (clones share the ids seen).
#[derive(Clone)]
pub struct NotificationVerifier {
    keys: KeySource,
    apiv3_key: ApiV3Key,
    backend: Backend,
    clock: Arc<dyn Clock>,
    capacity: usize,
    seen: Arc<Mutex<Seen>>,
}

impl fmt::Debug for NotificationVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotificationVerifier")
            .field("keys", &self.keys.get())
            .field("apiv3_key", &self.apiv3_key)
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

impl NotificationVerifier {
    /// A verifier with the WeChat Pay keys and the APIv3 key of `config`.
    ///
    /// # Errors
    ///
    /// When `config` has no APIv3 key.
    pub fn new(config: &Config) -> Result<Self, ConfigError> {
        Self::from_parts(config, KeySource::Fixed(config.wechatpay_keys().clone()))
    }

    /// A verifier whose keys come from `keys` at each call (a client's).
    pub(crate) fn with_key_source(
        config: &Config,
        keys: Arc<dyn Fn() -> WechatPayKeys + Send + Sync>,
    ) -> Result<Self, ConfigError> {
        Self::from_parts(config, KeySource::Shared(keys))
    }

    fn from_parts(config: &Config, keys: KeySource) -> Result<Self, ConfigError> {
        let apiv3_key = config.apiv3_key().cloned().ok_or_else(|| {
            ConfigError::new(
                "APIv3 key",
                "is not set: notifications are encrypted with it; call ConfigBuilder::apiv3_key",
            )
        })?;
        Ok(NotificationVerifier {
            keys,
            apiv3_key,
            backend: config.backend(),
            clock: Arc::new(SystemClock),
            capacity: DEFAULT_SEEN_CAPACITY,
            seen: Arc::default(),
        })
    }

    /// Uses `clock` for the ±300 s timestamp window (default: the system clock).
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Remembers at most `capacity` accepted ids (default 65 536).
    #[must_use]
    pub fn with_seen_capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity.max(1);
        self
    }

    /// [`verify`](Self::verify) for headers given as name/value pairs.
    ///
    /// # Errors
    ///
    /// As `verify`; a header that is not a valid HTTP header is `Malformed`.
    pub fn headers_from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<HeaderMap, NotificationError> {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| NotificationError::Malformed(format!("header name {name:?}")))?;
            let value = HeaderValue::from_bytes(value)
                .map_err(|_| NotificationError::Malformed(format!("header {name} value")))?;
            map.append(name, value);
        }
        Ok(map)
    }

    /// Verifies, decrypts and decodes a notification into the event type
    /// `E` (the generated `verify` uses the spec's `Event`).
    ///
    /// # Errors
    ///
    /// See [`NotificationError`]; its `reply()` is what to answer.
    pub fn verify_as<E: DecodeEvent>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Notification<E>, NotificationError> {
        auth::verify_response(&self.keys.get(), headers, body, self.clock.now_unix())
            .map_err(NotificationError::Verification)?;
        let envelope: Envelope = serde_json::from_slice(body)
            .map_err(|e| NotificationError::Malformed(e.to_string()))?;
        if envelope.resource_type != RESOURCE_TYPE {
            return Err(NotificationError::Malformed(format!(
                "resource_type {:?} is not {RESOURCE_TYPE}",
                envelope.resource_type
            )));
        }
        let create_time = chrono::DateTime::parse_from_rfc3339(&envelope.create_time)
            .map_err(|e| NotificationError::Malformed(format!("create_time: {e}")))?;
        let r = &envelope.resource;
        if r.algorithm != ALGORITHM {
            return Err(NotificationError::Malformed(format!(
                "resource.algorithm {:?} is not {ALGORITHM}",
                r.algorithm
            )));
        }
        let ciphertext = BASE64.decode(&r.ciphertext).map_err(|_| {
            NotificationError::Malformed("resource.ciphertext is not base64".into())
        })?;
        let plain = self
            .backend
            .aes_256_gcm_decrypt(
                self.apiv3_key.bytes(),
                r.nonce.as_bytes(),
                r.associated_data.as_bytes(),
                &ciphertext,
            )
            .map_err(NotificationError::Decrypt)?;
        let event =
            E::decode(&envelope.event_type, &plain).map_err(|e| NotificationError::Decode {
                event_type: envelope.event_type.clone(),
                message: e.to_string(),
            })?;
        let resource = serde_json::from_slice(&plain).map_err(|e| NotificationError::Decode {
            event_type: envelope.event_type.clone(),
            message: e.to_string(),
        })?;
        self.accept_id(&envelope.id)?;
        Ok(Notification {
            id: envelope.id,
            create_time,
            event_type: envelope.event_type,
            summary: envelope.summary,
            event,
            resource,
            original_type: envelope.resource.original_type,
        })
    }

    /// Records an id; `Duplicate` when it was accepted before.
    fn accept_id(&self, id: &str) -> Result<(), NotificationError> {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.ids.contains(id) {
            return Err(NotificationError::Duplicate { id: id.to_owned() });
        }
        while seen.order.len() >= self.capacity {
            if let Some(old) = seen.order.pop_front() {
                seen.ids.remove(&old);
            }
        }
        seen.ids.insert(id.into());
        seen.order.push_back(id.into());
        Ok(())
    }
}
