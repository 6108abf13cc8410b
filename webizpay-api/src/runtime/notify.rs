//! Callback notifications: see the crate docs, "Notifications".

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::runtime::auth::{self, Clock, SystemClock};
use crate::runtime::credentials::{ApiV3Key, Config, WechatPayKeys};
use crate::runtime::crypto::{AeadError, Backend, BackendOps};
use crate::runtime::error::{ConfigError, VerificationFailure};
use crate::runtime::store::{MemoryStore, Store, StoreError, keys};

/// The largest notification body accepted (WeChat Pay's are well under
/// 4 KiB); a larger one is [`NotificationError::Malformed`], refused before
/// its signature is checked.
pub const MAX_NOTIFICATION_BYTES: usize = 64 * 1024;
/// The longest notification `id` accepted (WeChat Pay's are 36 characters).
const MAX_ID_BYTES: usize = 128;
/// How long a delivery holds its notification id while the handler runs
/// (default of [`NotificationVerifier::with_lease`]).
pub const DEFAULT_LEASE: Duration = Duration::from_secs(30);
/// How long a handled id is remembered (default of
/// [`NotificationVerifier::with_handled_ttl`]): 25 hours, beyond the
/// longest resend schedule described for WeChat Pay (15 sends over 24 h 4 min).
pub const DEFAULT_HANDLED_TTL: Duration = Duration::from_secs(25 * 3600);
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

/// A verified, decrypted notification. `Serialize` and `Deserialize` (when
/// the event is), to store it as it was verified.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
    /// What to answer WeChat Pay once the notification is handled (stored
    /// durably by the caller): success. With [`NotificationVerifier::handle`]
    /// the crate answers for you.
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
        /// What is wrong and where (line and column), never a decrypted
        /// value (the resource holds employees' data).
        message: String,
    },
    /// The decrypted resource names another service provider (`sp_mchid`)
    /// than the configured mchid: not this merchant's notification.
    #[error("notification for sp_mchid {sp_mchid:?}, not the configured mchid")]
    OtherMerchant {
        /// The `sp_mchid` the resource names.
        sp_mchid: String,
    },
    /// Another delivery of this notification is being handled now (by this
    /// replica or, with a shared store, another one): answered with a
    /// failure, so that WeChat Pay sends it again; by then the first has
    /// succeeded (the resend is answered success) or failed (the resend is
    /// handled).
    #[error("notification {id} is being handled by another delivery")]
    InFlight {
        /// The notification id.
        id: String,
    },
    /// The caller's handler failed: nothing is recorded, the answer is a
    /// failure and WeChat Pay sends the notification again.
    #[error("notification {id}: the handler failed: {source}")]
    Handler {
        /// The notification id.
        id: String,
        /// What the handler returned.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The store could not say whether the id was handled (e.g. Redis is
    /// down): the handler was not called, the answer is a failure and
    /// WeChat Pay sends the notification again.
    #[error("notification {id}: {source}")]
    Store {
        /// The notification id.
        id: String,
        /// The store's error.
        source: StoreError,
    },
}

impl NotificationError {
    /// What to answer WeChat Pay: always a failure, so that it sends the
    /// notification again: 401 for a failed verification; 400 for a
    /// malformed envelope; 500 when the resource does not decrypt or decode
    /// or the handler failed; 503 while another delivery is in flight or the
    /// store is unavailable.
    pub fn reply(&self) -> NotificationReply {
        match self {
            NotificationError::Verification(_) => NotificationReply::failure(401, "签名验证失败"),
            NotificationError::Malformed(_) => NotificationReply::failure(400, "通知格式错误"),
            NotificationError::OtherMerchant { .. } => {
                NotificationReply::failure(400, "商户号不匹配")
            }
            NotificationError::Decrypt(_)
            | NotificationError::Decode { .. }
            | NotificationError::Handler { .. } => NotificationReply::failure(500, "通知处理失败"),
            NotificationError::InFlight { .. } => NotificationReply::failure(503, "通知正在处理"),
            NotificationError::Store { .. } => NotificationReply::failure(503, "暂时无法处理"),
        }
    }

    /// The notification id, once the envelope was read.
    pub fn id(&self) -> Option<&str> {
        match self {
            NotificationError::InFlight { id }
            | NotificationError::Handler { id, .. }
            | NotificationError::Store { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// What became of a delivery that [`NotificationVerifier::handle`]
/// answers with success.
#[derive(Debug)]
#[non_exhaustive]
pub enum Delivery {
    /// Handed to the handler, which succeeded; recorded as handled.
    Handled {
        /// The notification id.
        id: String,
    },
    /// A resend of an id already handled: not handed out again.
    AlreadyHandled {
        /// The notification id.
        id: String,
    },
    /// Handed to the handler, which succeeded, but the store failed to
    /// record it: answered success all the same (the caller has the event;
    /// nothing is lost), and a later resend of it is handed out again once
    /// the delivery's lease ends.
    HandledUnrecorded {
        /// The notification id.
        id: String,
        /// Why it was not recorded.
        error: StoreError,
    },
}

impl Delivery {
    /// What to answer WeChat Pay: success.
    pub fn reply(&self) -> NotificationReply {
        NotificationReply::success()
    }

    /// The notification id.
    pub fn id(&self) -> &str {
        match self {
            Delivery::Handled { id }
            | Delivery::AlreadyHandled { id }
            | Delivery::HandledUnrecorded { id, .. } => id,
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

/// Verifies, decrypts and decodes callback notifications, and hands each to
/// the caller's handler until it succeeds: see the crate docs,
/// "Notifications". Cheap to clone (clones share the store).
#[derive(Clone)]
pub struct NotificationVerifier {
    keys: KeySource,
    apiv3_key: ApiV3Key,
    backend: Backend,
    clock: Arc<dyn Clock>,
    mchid: Arc<str>,
    store: Arc<dyn Store>,
    lease: Duration,
    handled_ttl: Duration,
}

impl fmt::Debug for NotificationVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotificationVerifier")
            .field("keys", &self.keys.get())
            .field("apiv3_key", &self.apiv3_key)
            .field("mchid", &self.mchid)
            .field("store", &self.store)
            .field("lease", &self.lease)
            .field("handled_ttl", &self.handled_ttl)
            .finish_non_exhaustive()
    }
}

/// The value of a handled id's key.
const HANDLED: &str = "handled";
/// The prefix of an in-flight delivery's key value (then its token).
const IN_FLIGHT: &str = "in-flight:";

impl NotificationVerifier {
    /// A verifier with the WeChat Pay keys and the APIv3 key of `config`,
    /// and an in-process store of its own ([`MemoryStore`]: give replicas a
    /// shared one with [`with_store`](Self::with_store)).
    ///
    /// # Errors
    ///
    /// When `config` has no APIv3 key.
    pub fn new(config: &Config) -> Result<Self, ConfigError> {
        Self::from_parts(
            config,
            KeySource::Fixed(config.wechatpay_keys().clone()),
            Arc::new(MemoryStore::new()),
        )
    }

    /// A verifier whose keys come from `keys` at each call (a client's).
    pub(crate) fn with_key_source(
        config: &Config,
        keys: Arc<dyn Fn() -> WechatPayKeys + Send + Sync>,
        store: Arc<dyn Store>,
    ) -> Result<Self, ConfigError> {
        Self::from_parts(config, KeySource::Shared(keys), store)
    }

    fn from_parts(
        config: &Config,
        keys: KeySource,
        store: Arc<dyn Store>,
    ) -> Result<Self, ConfigError> {
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
            mchid: config.mchid().into(),
            store,
            lease: DEFAULT_LEASE,
            handled_ttl: DEFAULT_HANDLED_TTL,
        })
    }

    /// Uses `clock` for the ±300 s timestamp window (default: the system clock).
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Records handled ids in `store`: give every replica of a service the
    /// same shared store (`RedisStore`), so that a resend that reaches
    /// another replica is not handed out again. Default: an in-process
    /// [`MemoryStore`] of 65 536 keys.
    #[must_use]
    pub fn with_store(mut self, store: Arc<dyn Store>) -> Self {
        self.store = store;
        self
    }

    /// How long a delivery holds its id while the handler runs (default
    /// 30 s): other deliveries of the id meanwhile are answered with a
    /// failure. A handler that takes longer may see the id handed out again
    /// beside it; one that crashes holds it until the lease ends.
    ///
    /// # Panics
    ///
    /// When `lease` is zero (the id would not be held at all).
    #[must_use]
    pub fn with_lease(mut self, lease: Duration) -> Self {
        assert!(
            !lease.is_zero(),
            "NotificationVerifier::with_lease: the lease must be greater than zero"
        );
        self.lease = lease;
        self
    }

    /// How long a handled id is remembered (default 25 h, beyond WeChat
    /// Pay's whole resend schedule).
    ///
    /// # Panics
    ///
    /// When `ttl` is zero (nothing would be remembered).
    #[must_use]
    pub fn with_handled_ttl(mut self, ttl: Duration) -> Self {
        assert!(
            !ttl.is_zero(),
            "NotificationVerifier::with_handled_ttl: the time to live must be greater than zero"
        );
        self.handled_ttl = ttl;
        self
    }

    /// The store handled ids are recorded in.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
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

    /// Verifies a notification, then hands it to `handler` unless it was
    /// handled before, and records it as handled when `handler` succeeds
    /// (the generated `handle` uses the spec's `Event`).
    ///
    /// The answers, from [`Delivery::reply`] or [`NotificationError::reply`]:
    ///
    /// - first delivery: `handler` runs; `Ok` → recorded, success;
    ///   `Err` → nothing recorded, failure (WeChat Pay sends it again);
    /// - a resend of an id handled before: success, `handler` not called;
    /// - a delivery while another of the same id is being handled: failure
    ///   (WeChat Pay sends it again);
    /// - the store unavailable: failure, `handler` not called.
    ///
    /// At least once, never lost: a crash between `handler`'s success and
    /// the record hands the notification out again after the lease (make the
    /// handler idempotent by notification id, e.g. an insert that ignores an
    /// id it has).
    ///
    /// # Errors
    ///
    /// See [`NotificationError`]; its `reply()` is what to answer.
    pub async fn handle_as<E, F, Fut, HE>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        handler: F,
    ) -> Result<Delivery, NotificationError>
    where
        E: DecodeEvent,
        F: FnOnce(Notification<E>) -> Fut,
        Fut: Future<Output = Result<(), HE>>,
        HE: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let notification = self.verify_as::<E>(headers, body)?;
        let id = notification.id.clone();
        let key = keys::notification(&self.mchid, &id);
        let lease = format!("{IN_FLIGHT}{}", auth::nonce());
        match self.store.insert_if_absent(&key, &lease, self.lease).await {
            Ok(None) => {}
            Ok(Some(held)) if held == HANDLED => return Ok(Delivery::AlreadyHandled { id }),
            Ok(Some(_)) => return Err(NotificationError::InFlight { id }),
            Err(source) => return Err(NotificationError::Store { id, source }),
        }
        match handler(notification).await {
            Ok(()) => match self.store.put(&key, HANDLED, self.handled_ttl).await {
                Ok(()) => Ok(Delivery::Handled { id }),
                Err(error) => {
                    tracing::warn!(
                        id = %crate::runtime::error::Escaped(&id),
                        %error,
                        "notification handled but not recorded as handled; a resend will be handed out again"
                    );
                    Ok(Delivery::HandledUnrecorded { id, error })
                }
            },
            Err(source) => {
                // Give the id back at once, so that the resend is handled; if
                // the store fails now, the lease ends by itself.
                if let Err(error) = self.store.remove_if(&key, &lease).await {
                    tracing::debug!(%error, "notification lease not released; it ends by itself");
                }
                Err(NotificationError::Handler {
                    id,
                    source: source.into(),
                })
            }
        }
    }

    /// Verifies, decrypts and decodes a notification into the event type
    /// `E` (the generated `verify` uses the spec's `Event`). Records
    /// nothing: the same notification verifies as often as it is sent. To
    /// hand each notification out until it is handled, and not again, use
    /// [`handle_as`](Self::handle_as) (generated: `handle`).
    ///
    /// # Errors
    ///
    /// See [`NotificationError`]; its `reply()` is what to answer.
    pub fn verify_as<E: DecodeEvent>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Notification<E>, NotificationError> {
        if body.len() > MAX_NOTIFICATION_BYTES {
            return Err(NotificationError::Malformed(format!(
                "the body is {} bytes, more than the {MAX_NOTIFICATION_BYTES} a notification may have",
                body.len()
            )));
        }
        auth::verify_response(&self.keys.get(), headers, body, self.clock.now_unix())
            .map_err(NotificationError::Verification)?;
        let envelope: Envelope = serde_json::from_slice(body)
            .map_err(|e| NotificationError::Malformed(e.to_string()))?;
        if envelope.id.is_empty() || envelope.id.len() > MAX_ID_BYTES {
            return Err(NotificationError::Malformed(format!(
                "id is {} bytes: it must be 1 to {MAX_ID_BYTES}",
                envelope.id.len()
            )));
        }
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
                message: without_values(&e),
            })?;
        let resource: serde_json::Value =
            serde_json::from_slice(&plain).map_err(|e| NotificationError::Decode {
                event_type: envelope.event_type.clone(),
                message: without_values(&e),
            })?;
        // A resource that names the service provider names this one.
        if let Some(sp_mchid) = resource.get("sp_mchid")
            && sp_mchid.as_str() != Some(&*self.mchid)
        {
            return Err(NotificationError::OtherMerchant {
                sp_mchid: sp_mchid
                    .as_str()
                    .map_or_else(|| sp_mchid.to_string(), str::to_owned),
            });
        }
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
}

/// What a decoding error says, without the decrypted values serde quotes
/// (`invalid type: string "…"`): its kind, a missing field's name (from the
/// spec), and the position.
fn without_values(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = match e.classify() {
        serde_json::error::Category::Io => "could not be read",
        serde_json::error::Category::Syntax => "is not valid JSON",
        serde_json::error::Category::Eof => "is truncated JSON",
        serde_json::error::Category::Data => {
            if text.starts_with("missing field `") {
                let field = text.split('`').nth(1).unwrap_or_default();
                if field
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    return format!(
                        "missing field `{field}` (line {}, column {})",
                        e.line(),
                        e.column()
                    );
                }
                "lacks a required field"
            } else if text.starts_with("invalid type") {
                "has a value of the wrong type"
            } else if text.starts_with("invalid length") {
                "has a list or text of the wrong length"
            } else if text.starts_with("unknown variant") {
                "has a value the spec does not list"
            } else {
                "has an invalid value"
            }
        }
    };
    format!(
        "the resource {what} (line {}, column {})",
        e.line(),
        e.column()
    )
}
