//! The client: validate → sign → send → verify → decode, with opt-in failover
//! and retries that never send a request twice by accident.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use tokio::io::AsyncWriteExt as _;
use tracing::Instrument;

use crate::generated::ErrorCode;
use crate::runtime::auth::{
    self, Clock, HEADER_NONCE, HEADER_TIMESTAMP, MAX_CLOCK_SKEW_SECS, SystemClock,
};
use crate::runtime::credentials::{Config, WechatPayKeys};
use crate::runtime::download::{self, DownloadError, Downloadable, Downloaded, Hasher};
use crate::runtime::error::{
    ApiError, ConfigError, DecodeError, Error, MAX_ERROR_BODY_KEPT, ResponseTooLarge,
    TransportError, TransportKind, VerificationError, VerificationFailure,
};
use crate::runtime::freshness::ServerClock;
use crate::runtime::operation::sealed::Fill;
use crate::runtime::operation::{HeaderInfo, Method, Operation};
use crate::runtime::store::{MemoryStore, Store, keys as store_keys};
use crate::runtime::wire;

/// Default time allowed to establish a connection (DNS, TCP, TLS), or half
/// the total timeout when that is shorter (see [`ClientBuilder::connect_timeout`]).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default time allowed for a whole attempt, from sending to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default largest response body accepted (1 MiB). WeChat Pay's answers to
/// these operations are well under 4 KB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 1 << 20;
/// A platform certificate that expires within this many seconds (7 days) is
/// warned about when a client is built.
const CERTIFICATE_WARNING_SECS: i64 = 7 * 86_400;
/// Default largest file [`Client::download`] accepts (1 GiB).
pub const DEFAULT_MAX_DOWNLOAD_BYTES: u64 = 1 << 30;

const WECHATPAY_SERIAL: &str = "Wechatpay-Serial";
const REQUEST_ID: &str = "Request-ID";

/// A WeChat Pay APIv3 client. Cheap to clone: clones share one connection
/// pool, one TLS configuration and the parsed keys.
///
/// Every request is validated against the spec before it is signed, every
/// 2xx response is verified before it is parsed, and nothing is retried
/// unless you opt in (see [`ClientBuilder::failover`] and [`RetryPolicy`]).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    config: Config,
    /// The keys that verify responses, and the `Wechatpay-Serial` to send:
    /// the configured ones, plus downloaded platform certificates.
    keys: Arc<RwLock<KeySet>>,
    /// Platform-certificate mode, when the config asks for it.
    certificates: Option<CertificateMode>,
    primary: Option<String>,
    backup: Option<String>,
    failover: bool,
    retry: RetryPolicy,
    max_response_bytes: usize,
    max_download_bytes: u64,
    /// The replay cache, and the handled ids of `notification_verifier`.
    store: Arc<dyn Store>,
    replay_store_fail_open: bool,
    clock: Arc<dyn Clock>,
    /// What the answers accepted lately say about WeChat Pay's clock.
    server_clock: ServerClock,
}

/// The current keys and the header value naming the preferred one.
#[derive(Clone)]
struct KeySet {
    keys: WechatPayKeys,
    serial_header: Option<HeaderValue>,
}

impl KeySet {
    fn new(keys: WechatPayKeys) -> Result<Self, ConfigError> {
        let preferred = keys.preferred_serial();
        let serial_header = if preferred.is_empty() {
            None
        } else {
            Some(HeaderValue::from_str(preferred).map_err(|_| {
                ConfigError::new(
                    "preferred WeChat Pay serial",
                    "must be visible ASCII (it is sent in the Wechatpay-Serial header)",
                )
            })?)
        };
        Ok(KeySet {
            keys,
            serial_header,
        })
    }
}

/// The state of platform-certificate mode.
struct CertificateMode {
    interval: Duration,
    /// When a download was last caused by an unknown serial.
    last_unknown: std::sync::Mutex<Option<Instant>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Client")
            .field("config", &i.config)
            .field("primary", &i.primary)
            .field("backup", &i.backup)
            .field("failover", &i.failover)
            .field("retry", &i.retry)
            .field("max_response_bytes", &i.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Bounded retries with jittered exponential backoff.
///
/// A retry happens only when it cannot make WeChat Pay act twice on one
/// request: the request surely never left (DNS or connect failure), or
/// WeChat Pay answered with a code the spec marks `retry` (`SYSTEM_ERROR`,
/// `FREQUENCY_LIMITED`), or 429/503 with a code it does not know (not
/// processed); exactly when [`ApiError::is_retryable`] says so. A `Retry-After` on the answer is
/// waited for when it is within `max_backoff` (a longer one ends the
/// retries: the error carries it). Timeouts, broken connections and gateway
/// errors (502, 504) are never retried: the request may have arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = no retries).
    pub max_retries: u32,
    /// Backoff before the first retry; doubles after each retry.
    pub initial_backoff: Duration,
    /// The largest backoff.
    pub max_backoff: Duration,
}

impl RetryPolicy {
    /// No retries (the default).
    pub const NONE: RetryPolicy = RetryPolicy {
        max_retries: 0,
        initial_backoff: Duration::from_millis(200),
        max_backoff: Duration::from_secs(5),
    };

    /// Up to `max_retries` retries with backoff starting at 200 ms, capped at 5 s.
    pub fn retries(max_retries: u32) -> Self {
        RetryPolicy {
            max_retries,
            ..RetryPolicy::NONE
        }
    }

    /// The backoff before retry number `retry` (1-based): "full jitter", a
    /// uniformly random duration up to the capped exponential bound.
    fn backoff(&self, retry: u32) -> Duration {
        let exp = self.initial_backoff.saturating_mul(
            1u32.checked_shl(retry.saturating_sub(1))
                .unwrap_or(u32::MAX),
        );
        let cap = exp.min(self.max_backoff);
        let mut seed = [0u8; 8];
        // Jitter needs no cryptographic quality; on failure fall back to the bound.
        if getrandom::fill(&mut seed).is_err() {
            return cap;
        }
        let unit = (u64::from_le_bytes(seed) >> 11) as f64 / (1u64 << 53) as f64;
        cap.mul_f64(unit)
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::NONE
    }
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    config: Config,
    primary: Option<String>,
    backup: Option<String>,
    failover: bool,
    retry: RetryPolicy,
    /// `None`: [`DEFAULT_CONNECT_TIMEOUT`] or half of `timeout`, whichever is shorter.
    connect_timeout: Option<Duration>,
    timeout: Duration,
    max_response_bytes: usize,
    max_download_bytes: u64,
    /// `None`: the default in-process store's capacity.
    replay_cache_capacity: Option<usize>,
    store: Option<Arc<dyn Store>>,
    replay_store_fail_open: bool,
    allow_plain_http: bool,
    certificate_refresh: Duration,
    /// The workspace's tests only (`__internal`): no minimum.
    certificate_refresh_unchecked: bool,
    http: HttpChoice,
    clock: Arc<dyn Clock>,
}

/// Which proxy the client's own HTTP client uses.
enum ProxyChoice {
    /// `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` and `NO_PROXY`, as reqwest
    /// reads them; never for loopback base URLs.
    Environment,
    /// No proxy at all.
    None,
    /// This proxy only.
    Given(Box<reqwest::Proxy>),
}

/// Where the HTTP client comes from.
enum HttpChoice {
    /// The caller's.
    Given(Box<reqwest::Client>),
    /// Built by the builder, with a proxy choice and the caller's changes.
    Build {
        proxy: ProxyChoice,
        configure: Option<Box<dyn FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send>>,
    },
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("config", &self.config)
            .field("primary", &self.primary)
            .field("backup", &self.backup)
            .field("failover", &self.failover)
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Whether a URL's host is the loopback interface (`localhost`,
/// `127.0.0.0/8`, `::1`): where a local simulator runs.
fn is_loopback(url: &reqwest::Url) -> bool {
    url.host_str().is_some_and(|host| {
        host.eq_ignore_ascii_case("localhost")
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    })
}

/// Checks a base URL; the messages never show a password.
fn check_base_url(what: &str, url: &str, allow_plain_http: bool) -> Result<String, ConfigError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| {
        ConfigError::new(
            what,
            format!("is not a URL ({e}): expected https://host[:port][/prefix]"),
        )
    })?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(ConfigError::new(
            what,
            "must not carry credentials (user:password@): they would be sent as a second Authorization header and show up in logs",
        ));
    }
    let shown = parsed.as_str().trim_end_matches('/');
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(ConfigError::new(
            what,
            format!("{shown:?} must start with https:// (or http:// for a local simulator)"),
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || parsed.host().is_none() {
        return Err(ConfigError::new(
            what,
            format!("{shown:?} must be scheme://host[:port][/prefix], without query or fragment"),
        ));
    }
    if parsed.scheme() == "http" && !is_loopback(&parsed) && !allow_plain_http {
        return Err(ConfigError::new(
            what,
            format!(
                "{shown:?} is plain http to a host that is not this machine: signed requests and WeChat Pay's answers would cross the network unencrypted. Use https://, or ClientBuilder::danger_allow_plain_http(true) for a gateway you trust"
            ),
        ));
    }
    let path = parsed.path().trim_end_matches('/');
    if path == "/v3" || path.ends_with("/v3") {
        return Err(ConfigError::new(
            what,
            format!(
                "{shown:?} ends in /v3, but every operation's path starts with /v3/: give the host (and gateway prefix) only, e.g. https://api.mch.weixin.qq.com"
            ),
        ));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

impl ClientBuilder {
    /// Sends requests to `url` instead of the spec's primary host
    /// (`https://api.mch.weixin.qq.com`), e.g. the local simulator (feature `simulator`).
    ///
    /// `url` is `scheme://host[:port]`, optionally with a path prefix for an
    /// egress gateway that strips it before forwarding (`https://gw.internal/wechatpay`).
    /// The signature covers only the API target (`/v3/…`), which is what
    /// WeChat Pay receives from such a gateway; a server that sees the prefix
    /// itself will not accept the request.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.primary = Some(url.into());
        self
    }

    /// Sends through `proxy` only, whatever the environment says.
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        if let HttpChoice::Build { proxy: choice, .. } = &mut self.http {
            *choice = ProxyChoice::Given(Box::new(proxy));
        }
        self
    }

    /// Uses no proxy, whatever the environment says. By default the
    /// client follows `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
    /// `NO_PROXY` as reqwest reads them, except for loopback base URLs (a
    /// local simulator), which are never proxied.
    pub fn no_proxy(mut self) -> Self {
        if let HttpChoice::Build { proxy, .. } = &mut self.http {
            *proxy = ProxyChoice::None;
        }
        self
    }

    /// Changes the `reqwest::ClientBuilder` the client is built from (TLS
    /// roots, a local address, HTTP/2 settings…), after the crate's own
    /// settings (user agent, timeouts, no redirects, the proxy choice, and
    /// with `tls-graviola` a preconfigured rustls set-up, which reqwest's own
    /// TLS settings do not change: bring an [`http_client`](Self::http_client)
    /// for custom TLS then). Keep redirects off: a signed request must not be
    /// sent elsewhere.
    pub fn configure_http(
        mut self,
        configure: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + 'static,
    ) -> Self {
        if let HttpChoice::Build {
            configure: slot, ..
        } = &mut self.http
        {
            *slot = Some(Box::new(configure));
        }
        self
    }

    /// Uses the caller's `reqwest::Client` (its pool, TLS, proxy and
    /// timeouts) instead of building one. The crate still sets, per request:
    /// `Authorization`, `Accept`, `Content-Type` and `Wechatpay-Serial`, and
    /// reads at most [`max_response_bytes`](Self::max_response_bytes). It
    /// cannot change the client's settings: build it with
    /// `redirect(reqwest::redirect::Policy::none())` (a redirect would send
    /// the signed request elsewhere) and with a connect timeout shorter than
    /// its total timeout (failover and retries rely on telling a connect
    /// failure from a request that may have arrived). `proxy`, `no_proxy`,
    /// `configure_http`, `timeout` and `connect_timeout` do not apply to it.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = HttpChoice::Given(Box::new(client));
        self
    }

    /// How often the platform certificates are downloaded in the background
    /// in platform-certificate mode (default 12 h, at least 1 min: `build`
    /// refuses a shorter interval); see the crate docs,
    /// [Platform certificates](crate#platform-certificates).
    pub fn platform_certificate_refresh(mut self, interval: Duration) -> Self {
        self.certificate_refresh = interval;
        self.certificate_refresh_unchecked = false;
        self
    }

    /// Not public API (`__internal`): a refresh interval below the minimum,
    /// for this workspace's test of the background refresh.
    #[cfg(feature = "__internal")]
    #[doc(hidden)]
    pub fn platform_certificate_refresh_unchecked(mut self, interval: Duration) -> Self {
        self.certificate_refresh = interval;
        self.certificate_refresh_unchecked = true;
        self
    }

    /// Allows a base or backup URL with plain `http://` to a host other than
    /// this machine (loopback is always allowed, for the simulator). Signed
    /// requests and answers then cross the network unencrypted, where anyone
    /// on the path can read and replay them: only for an egress gateway on a
    /// network you trust, which speaks https to WeChat Pay itself.
    pub fn danger_allow_plain_http(mut self, allow: bool) -> Self {
        self.allow_plain_http = allow;
        self
    }

    /// Uses `url` as the backup host instead of the spec's
    /// (`https://api2.mch.weixin.qq.com`). Only used with [`ClientBuilder::failover`].
    pub fn backup_url(mut self, url: impl Into<String>) -> Self {
        self.backup = Some(url.into());
        self
    }

    /// Fails over to the backup host when the primary host cannot be reached
    /// at all (DNS or connect failure: the request surely never left). Never
    /// after any byte was sent, so a request is never sent twice. Off by default.
    pub fn failover(mut self, enabled: bool) -> Self {
        self.failover = enabled;
        self
    }

    /// Opt-in retries; see [`RetryPolicy`] for when a retry happens.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Time allowed to connect: DNS, TCP and TLS (default
    /// 5 s, or half of [`ClientBuilder::timeout`] when
    /// that is shorter). It must be shorter than the total timeout: only a
    /// connect failure proves that a request never left, which is what
    /// failover and retries of unsent requests rely on.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The largest response body accepted, in bytes (default
    /// 1 MiB). A bigger answer fails with
    /// [`TransportKind::ResponseTooLarge`] as soon as it is announced or
    /// read past the limit, so a broken or hostile server cannot exhaust memory.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The largest file [`Client::download`] accepts, in bytes (default
    /// 1 GiB). The file is streamed to the caller's
    /// writer, so this bounds disk, not memory.
    pub fn max_download_bytes(mut self, limit: u64) -> Self {
        self.max_download_bytes = limit;
        self
    }

    /// How many accepted responses the in-process replay cache remembers
    /// (default 65 536, about 150 bytes each): see the crate docs,
    /// [Replay protection](crate#replay-protection). Not with
    /// [`store`](Self::store) (bound that store itself): `build` refuses both.
    pub fn replay_cache_capacity(mut self, capacity: usize) -> Self {
        self.replay_cache_capacity = Some(capacity);
        self
    }

    /// Records accepted responses (the replay cache) in `store`, and the
    /// handled notification ids of [`Client::notification_verifier`]. Give
    /// every replica of a service the same shared store (`RedisStore`, feature
    /// `redis`) so that a response one replica accepted is refused as a
    /// replay by all. Default: an in-process [`MemoryStore`](crate::MemoryStore).
    /// See the crate docs, [Stores and replicas](crate#stores-and-replicas).
    pub fn store(mut self, store: Arc<dyn Store>) -> Self {
        self.store = Some(store);
        self
    }

    /// When the store fails (e.g. Redis is down), accept a verified response
    /// without checking it against replays (logged at WARN) instead of
    /// failing the call with [`Error::Store`] (the default, `false`). The
    /// signature, timestamp window and echo check still apply; only a replay
    /// within the 300 s window would go unnoticed while the store is down.
    pub fn replay_store_fail_open(mut self, fail_open: bool) -> Self {
        self.replay_store_fail_open = fail_open;
        self
    }

    /// Time allowed for one attempt (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The clock used for request timestamps and the response timestamp
    /// window (default: the system clock). For tests.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Builds the client: one connection pool and TLS configuration for its
    /// whole life.
    pub fn build(self) -> Result<Client, Error> {
        let primary = self
            .primary
            .as_deref()
            .map(|u| check_base_url("base URL", u, self.allow_plain_http))
            .transpose()?;
        let backup = self
            .backup
            .as_deref()
            .map(|u| check_base_url("backup URL", u, self.allow_plain_http))
            .transpose()?;
        let now = self.clock.now_unix();
        for (serial, not_after) in self.config.wechatpay_keys().certificate_expiries() {
            let when = chrono::DateTime::from_timestamp(not_after, 0)
                .map_or_else(|| not_after.to_string(), |t| t.to_rfc3339());
            if not_after < now {
                return Err(ConfigError::new(
                    format!("WeChat Pay platform certificate {serial}"),
                    format!(
                        "expired at {when}: WeChat Pay no longer signs with it; configure the current platform certificate or the WeChat Pay public key"
                    ),
                )
                .into());
            }
            if not_after - now < CERTIFICATE_WARNING_SECS {
                tracing::warn!(
                    serial,
                    expires = %when,
                    "a WeChat Pay platform certificate expires within 7 days: configure its successor (or the WeChat Pay public key)"
                );
            }
        }
        let connect_timeout = self
            .connect_timeout
            .unwrap_or_else(|| DEFAULT_CONNECT_TIMEOUT.min(self.timeout / 2));
        if connect_timeout.is_zero() || self.timeout.is_zero() {
            return Err(ConfigError::new("timeouts", "must be greater than zero").into());
        }
        if connect_timeout >= self.timeout {
            return Err(ConfigError::new(
                "timeouts",
                format!(
                    "the connect timeout ({connect_timeout:?}) must be shorter than the total timeout ({:?}): otherwise an unreachable host ends in a total timeout, which cannot prove the request never left, and failover cannot happen",
                    self.timeout
                ),
            )
            .into());
        }
        let store: Arc<dyn Store> = match (self.store, self.replay_cache_capacity) {
            (Some(_), Some(_)) => {
                return Err(ConfigError::new(
                    "replay_cache_capacity",
                    "sizes the in-process store, but ClientBuilder::store gave another: bound that store itself",
                )
                .into());
            }
            (Some(store), None) => store,
            (None, Some(0)) => {
                return Err(ConfigError::new(
                    "replay_cache_capacity",
                    "must be greater than zero (a replayed response must be refused)",
                )
                .into());
            }
            (None, Some(capacity)) => Arc::new(MemoryStore::with_capacity(capacity)?),
            (None, None) => Arc::new(MemoryStore::new()),
        };
        if self.max_response_bytes == 0 {
            return Err(ConfigError::new("max_response_bytes", "must be greater than zero").into());
        }
        let keys = KeySet::new(self.config.wechatpay_keys().clone())?;
        let min_refresh = crate::runtime::certificates::MIN_REFRESH_INTERVAL;
        if self.config.downloads_platform_certificates() {
            if self.certificate_refresh < min_refresh && !self.certificate_refresh_unchecked {
                return Err(ConfigError::new(
                    "platform_certificate_refresh",
                    format!(
                        "{:?} is shorter than {min_refresh:?}: WeChat Pay rotates certificates over days, and a download per call would be a flood",
                        self.certificate_refresh
                    ),
                )
                .into());
            }
            if keys.keys.is_empty() {
                tracing::warn!(
                    "platform-certificate mode with no WeChat Pay key configured: the first download is trusted on first use (its own certificate verifies it); configure the WeChat Pay public key or a platform certificate to avoid that"
                );
            }
        }
        let certificates = self
            .config
            .downloads_platform_certificates()
            .then(|| CertificateMode {
                interval: self.certificate_refresh,
                last_unknown: std::sync::Mutex::default(),
            });
        let http = match self.http {
            HttpChoice::Given(client) => *client,
            HttpChoice::Build { proxy, configure } => {
                let mut builder = crate::runtime::tls::configure(
                    reqwest::Client::builder()
                        .user_agent(user_agent())
                        .connect_timeout(connect_timeout)
                        .timeout(self.timeout)
                        .tcp_nodelay(true)
                        .redirect(reqwest::redirect::Policy::none()),
                )?;
                let all_loopback = [primary.as_deref(), backup.as_deref()]
                    .iter()
                    .flatten()
                    .all(|u| reqwest::Url::parse(u).is_ok_and(|u| is_loopback(&u)))
                    && primary.is_some();
                builder = match proxy {
                    // A local simulator is never reached through a proxy.
                    ProxyChoice::Environment if all_loopback => builder.no_proxy(),
                    ProxyChoice::Environment => builder,
                    ProxyChoice::None => builder.no_proxy(),
                    ProxyChoice::Given(p) => builder.no_proxy().proxy(*p),
                };
                if let Some(configure) = configure {
                    builder = configure(builder);
                }
                builder
                    .build()
                    .map_err(|e| ConfigError::new("HTTP client", e.to_string()))?
            }
        };
        let client = Client {
            inner: Arc::new(Inner {
                http,
                config: self.config,
                keys: Arc::new(RwLock::new(keys)),
                certificates,
                primary,
                backup,
                failover: self.failover,
                retry: self.retry,
                max_response_bytes: self.max_response_bytes,
                max_download_bytes: self.max_download_bytes,
                store,
                replay_store_fail_open: self.replay_store_fail_open,
                clock: self.clock,
                server_clock: ServerClock::default(),
            }),
        };
        client.start_certificate_refresh();
        Ok(client)
    }
}

/// `webizpay-api/VERSION (OS; ARCH) Rust/VERSION`.
fn user_agent() -> String {
    format!(
        "webizpay-api/{} ({}; {}) Rust/{}",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH,
        env!("WEBIZPAY_RUSTC_VERSION"),
    )
}

/// A verified, decoded response: the typed body, and facts about the call.
///
/// It dereferences to the body, so the body's fields read directly, a field
/// named `data` included; [`Response::meta`] gives the status, `Request-ID`
/// and attempts, and [`Response::into_inner`] the body itself.
///
/// ```
/// fn log<T: std::fmt::Debug>(response: webizpay_api::Response<T>) -> T {
///     println!("{:?} (request {:?})", response.body(), response.meta().request_id);
///     let (body, meta) = response.into_parts();
///     println!("{} attempt(s) at {}", meta.attempts, meta.base_url);
///     body
/// }
/// # let _ = log::<()>;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Response<T> {
    body: T,
    meta: ResponseMeta,
}

impl<T> Response<T> {
    /// The typed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// Status, `Request-ID` and how the call went.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The typed body, without the facts about the call.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The typed body and the facts about the call.
    pub fn into_parts(self) -> (T, ResponseMeta) {
        (self.body, self.meta)
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.body
    }
}

/// Facts about a completed call.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseMeta {
    /// The HTTP status.
    pub status: u16,
    /// The `Request-ID` header: quote it to WeChat Pay support.
    pub request_id: Option<String>,
    /// Attempts made (1 unless failover or retries happened).
    pub attempts: u32,
    /// The base URL that answered.
    pub base_url: String,
    /// The `Wechatpay-Serial` of the key that signed the response.
    pub wechatpay_serial: String,
}

/// A raw answer: status, headers and the body exactly as received.
/// Status, headers and body of one attempt, and the local second its
/// request was signed and sent at.
type RawResponse = (u16, HeaderMap, Bytes, i64);

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn method(m: Method) -> reqwest::Method {
    match m {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

fn transport_error(e: reqwest::Error, url: &str, attempts: u32) -> TransportError {
    // A connect error (DNS, TCP, TLS handshake) happens before any request
    // byte is written; everything else may have reached the server.
    let connect = e.is_connect();
    let kind = if e.is_timeout() {
        TransportKind::Timeout
    } else if connect {
        TransportKind::Connect
    } else if e.is_request() || e.is_body() || e.is_decode() {
        TransportKind::Io
    } else {
        TransportKind::Other
    };
    TransportError {
        kind,
        may_have_been_sent: !connect,
        url: url.to_owned(),
        attempts,
        source: Box::new(e.without_url()),
    }
}

impl Client {
    /// A client with default settings (primary host from the spec, no
    /// failover, no retries, default timeouts).
    pub fn new(config: Config) -> Result<Client, Error> {
        Client::builder(config).build()
    }

    /// Starts building a client.
    pub fn builder(config: Config) -> ClientBuilder {
        ClientBuilder {
            config,
            primary: None,
            backup: None,
            failover: false,
            retry: RetryPolicy::NONE,
            connect_timeout: None,
            timeout: DEFAULT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_download_bytes: DEFAULT_MAX_DOWNLOAD_BYTES,
            replay_cache_capacity: None,
            store: None,
            replay_store_fail_open: false,
            allow_plain_http: false,
            certificate_refresh: crate::runtime::certificates::DEFAULT_REFRESH_INTERVAL,
            certificate_refresh_unchecked: false,
            http: HttpChoice::Build {
                proxy: ProxyChoice::Environment,
                configure: None,
            },
            clock: Arc::new(SystemClock),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Calls any operation of the spec: validates the request, signs and
    /// sends it, verifies the response signature over the raw body, and
    /// decodes it. The generated per-operation methods (e.g.
    /// [`Client::apply_authorization`]) call this.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<Response<O::Response>, Error> {
        let info = O::INFO;
        let span = tracing::info_span!(
            "webizpay.call",
            operation = info.id,
            method = info.method.as_str(),
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            attempts = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        async move {
            let started = Instant::now();
            let result = self.execute_inner(request).await;
            let span = tracing::Span::current();
            span.record("latency_ms", started.elapsed().as_millis() as u64);
            match &result {
                Ok(r) => {
                    span.record("status", r.meta.status);
                    span.record("attempts", r.meta.attempts);
                    if let Some(id) = &r.meta.request_id {
                        span.record("request_id", id.as_str());
                    }
                    tracing::debug!("call succeeded");
                }
                Err(e) => {
                    if let Some(s) = e.status() {
                        span.record("status", s);
                    }
                    if let Some(id) = e.request_id() {
                        span.record("request_id", id);
                    }
                    // The caller gets the error: it decides what to log. A
                    // response that fails verification is logged here too,
                    // as a possible attack.
                    if matches!(e, Error::Verification(_)) {
                        tracing::warn!(error = %e, "response rejected as forged");
                    } else {
                        tracing::debug!(error = %e, "call failed");
                    }
                }
            }
            result
        }
        .instrument(span)
        .await
    }

    async fn execute_inner<O: Operation>(
        &self,
        request: &O,
    ) -> Result<Response<O::Response>, Error> {
        let inner = &*self.inner;
        let info = O::INFO;
        request.validate()?;

        let mut target = String::with_capacity(info.path_template.len() + 32);
        let fill = Fill {
            mchid: inner.config.mchid(),
        };
        request.write_target(fill, &mut target);
        let mut body = Vec::with_capacity(256);
        request.write_body(fill, &mut body).map_err(|e| {
            // Serializing generated types cannot fail for valid requests; keep
            // the cause if it ever does.
            Error::Config(ConfigError::new(
                "request body",
                format!("could not be serialized: {e}"),
            ))
        })?;
        let body = Bytes::from(body);

        let primary = inner.primary.as_deref().unwrap_or(info.primary_host.url);
        let backup = inner.backup.as_deref().unwrap_or(info.backup_host.url);
        let mut base = primary;
        let mut failed_over = false;
        let mut attempts = 0u32;
        let mut retries = 0u32;
        loop {
            attempts += 1;
            let url = format!("{base}{target}");
            let (status, headers, raw, sent_at) =
                match self.attempt::<O>(&url, &target, &body).await {
                    Ok(ok) => ok,
                    Err(Error::Transport(mut t)) => {
                        t.attempts = attempts;
                        if !t.may_have_been_sent {
                            if inner.failover && !failed_over && base != backup {
                                tracing::warn!(
                                    from = base,
                                    to = backup,
                                    "primary host unreachable, failing over"
                                );
                                base = backup;
                                failed_over = true;
                                continue;
                            }
                            if retries < inner.retry.max_retries {
                                retries += 1;
                                let backoff = inner.retry.backoff(retries);
                                tracing::info!(
                                    retry = retries,
                                    backoff_ms = backoff.as_millis() as u64,
                                    error = %t,
                                    "request not sent; retrying"
                                );
                                tokio::time::sleep(backoff).await;
                                continue;
                            }
                        }
                        return Err(Error::Transport(t));
                    }
                    Err(other) => return Err(other),
                };
            let request_id = header_str(&headers, REQUEST_ID).map(str::to_owned);

            if !(200..300).contains(&status) {
                let wait = retry_after(&headers, inner.clock.now_unix());
                let api = api_error(status, request_id, wait, &raw);
                // One rule for retries: ApiError::is_retryable. A Retry-After
                // longer than the policy's largest backoff ends the retries.
                if api.is_retryable()
                    && retries < inner.retry.max_retries
                    && wait.is_none_or(|w| w <= inner.retry.max_backoff)
                {
                    retries += 1;
                    let backoff = inner.retry.backoff(retries);
                    let delay = wait.map_or(backoff, |w| w.max(backoff));
                    tracing::info!(
                        retry = retries,
                        status,
                        code = %crate::runtime::error::Escaped(api.code.as_str()),
                        delay_ms = delay.as_millis() as u64,
                        "WeChat Pay asked to retry later; retrying"
                    );
                    tokio::time::sleep(delay).await;
                    continue;
                }
                return Err(api.into());
            }

            let now = inner.clock.now_unix();
            let rejected = |failure| VerificationError {
                failure,
                status,
                request_id: request_id.clone(),
            };
            let keys = self.current_keys().keys;
            match auth::verify_response(&keys, &headers, &raw, now) {
                Ok(()) => {}
                Err(VerificationFailure::UnknownSerial(serial))
                    if self.refresh_for_unknown_serial().await =>
                {
                    // The certificate set changed: verify the same bytes again.
                    let keys = self.current_keys().keys;
                    auth::verify_response(&keys, &headers, &raw, now).map_err(|f| {
                        rejected(match f {
                            VerificationFailure::UnknownSerial(_) => {
                                VerificationFailure::UnknownSerial(serial)
                            }
                            other => other,
                        })
                    })?;
                }
                Err(failure) => return Err(rejected(failure).into()),
            }
            let signed_at = signed_at(&headers);
            check_replay(inner, &headers, signed_at, now)
                .await
                .map_err(|e| match e {
                    Some(store) => Error::Store(store),
                    None => rejected(VerificationFailure::Replayed).into(),
                })?;
            check_fresh(inner, signed_at, sent_at, now).map_err(rejected)?;
            if let Some(operation) = wire::foreign_answer(&raw, O::INFO.id, O::ANSWER_SHAPES) {
                return Err(rejected(VerificationFailure::OtherOperation { operation }).into());
            }

            let data = decode::<O::Response>(&raw).map_err(|(field, message)| DecodeError {
                status,
                request_id: request_id.clone(),
                field,
                message,
                body: String::from_utf8_lossy(&raw).into_owned(),
            })?;
            request.check_response(fill, &data).map_err(|m| {
                rejected(VerificationFailure::ResponseMismatch {
                    field: m.field,
                    sent: m.sent,
                    received: m.received,
                })
            })?;
            inner.server_clock.learn(signed_at, now);
            let wechatpay_serial = header_str(&headers, WECHATPAY_SERIAL)
                .unwrap_or_default()
                .to_owned();
            return Ok(Response {
                body: data,
                meta: ResponseMeta {
                    status,
                    request_id,
                    attempts,
                    base_url: base.to_owned(),
                    wechatpay_serial,
                },
            });
        }
    }

    /// One signed attempt: a fresh timestamp and nonce each time.
    async fn attempt<O: Operation>(
        &self,
        url: &str,
        target: &str,
        body: &Bytes,
    ) -> Result<RawResponse, Error> {
        self.attempt_raw(O::INFO.method, O::INFO.headers, url, target, body)
            .await
    }

    /// One signed attempt (not generic: one copy for every operation).
    /// One signed request. `headers` are the documented request headers
    /// (the spec's, for an operation): each one with a prescribed value is
    /// written with it, `Content-Type` only when a body is sent (it
    /// describes the body); `Authorization` is the signature.
    async fn attempt_raw(
        &self,
        method_: Method,
        headers: &'static [HeaderInfo],
        url: &str,
        target: &str,
        body: &Bytes,
    ) -> Result<RawResponse, Error> {
        let inner = &*self.inner;
        let timestamp = inner.clock.now_unix();
        let nonce = auth::nonce();
        let authorization =
            auth::authorization(&inner.config, method_, target, body, timestamp, &nonce);
        let authorization = match HeaderValue::try_from(authorization) {
            Ok(mut v) => {
                // Replayable for 300 s with the same body: keep it out of
                // header dumps (hyper and reqwest honour the flag).
                v.set_sensitive(true);
                v
            }
            Err(_) => {
                return Err(ConfigError::new(
                    "Authorization header",
                    "mchid and merchant serial must be visible ASCII",
                )
                .into());
            }
        };
        let mut req = inner
            .http
            .request(method(method_), url)
            .header(AUTHORIZATION, authorization);
        for header in headers {
            let Some(value) = header.value else {
                continue;
            };
            let Ok(name) = HeaderName::from_bytes(header.name.as_bytes()) else {
                return Err(ConfigError::new(
                    "documented header",
                    format!("{:?} is not a valid HTTP header name", header.name),
                )
                .into());
            };
            if name == CONTENT_TYPE && body.is_empty() {
                continue;
            }
            req = req.header(name, HeaderValue::from_static(value));
        }
        if let Some(serial) = self.current_keys().serial_header {
            req = req.header(WECHATPAY_SERIAL, serial);
        }
        if !body.is_empty() {
            req = req.body(body.clone());
        }
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => return Err(transport_error(e, url, 1).into()),
        };
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        match read_body(resp, inner.max_response_bytes).await {
            Ok(raw) => Ok((status, headers, raw, timestamp)),
            Err(e) => Err(body_error(e, url)),
        }
    }

    /// The keys that verify responses now.
    fn current_keys(&self) -> KeySet {
        self.inner
            .keys
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// A [`NotificationVerifier`](crate::NotificationVerifier) that verifies
    /// with this client's keys as they are at each call, the downloaded
    /// platform certificates included (platform-certificate mode), and
    /// decrypts with the config's APIv3 key. A notification that names a
    /// serial no key has gets a failure reply (WeChat Pay sends it again);
    /// [`refresh_platform_certificates`](Self::refresh_platform_certificates)
    /// may then be called. It records handled ids in the client's
    /// [`store`](ClientBuilder::store).
    ///
    /// # Errors
    ///
    /// When the config has no APIv3 key.
    pub fn notification_verifier(&self) -> Result<crate::NotificationVerifier, ConfigError> {
        let keys = Arc::clone(&self.inner.keys);
        crate::runtime::notify::NotificationVerifier::with_key_source(
            &self.inner.config,
            Arc::new(move || {
                keys.read()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .keys
                    .clone()
            }),
            Arc::clone(&self.inner.store),
        )
        .map(|v| v.with_clock(Arc::clone(&self.inner.clock)))
    }

    /// Downloads the platform certificates now (platform-certificate mode;
    /// see the crate docs, [Platform certificates](crate#platform-certificates)): verifies the answer, decrypts
    /// and checks every certificate, and adds them to the keys that verify
    /// responses. Returns how many certificates are now known. On error the
    /// current set is kept.
    ///
    /// # Errors
    ///
    /// A configuration error when the config has no APIv3 key; the
    /// transport, API or verification error of the download; a
    /// [`DecodeError`] when the answer is not a valid certificate list.
    pub async fn refresh_platform_certificates(&self) -> Result<usize, Error> {
        let inner = &*self.inner;
        let apiv3_key = inner.config.apiv3_key().ok_or_else(|| {
            ConfigError::new(
                "APIv3 key",
                "is not set: platform certificates are encrypted with it",
            )
        })?;
        let target = crate::runtime::certificates::CERTIFICATES_PATH;
        // The spec's primary host (one generated constant) unless configured.
        let base = inner
            .primary
            .as_deref()
            .unwrap_or(crate::generated::host_info::PRIMARY.url);
        let url = format!("{base}{target}");
        let (status, headers, raw, sent_at) = self
            .attempt_raw(
                Method::Get,
                crate::runtime::certificates::CERTIFICATES_HEADERS,
                &url,
                target,
                &Bytes::new(),
            )
            .await?;
        let request_id = header_str(&headers, REQUEST_ID).map(str::to_owned);
        if !(200..300).contains(&status) {
            return Err(api_error(status, request_id, None, &raw).into());
        }
        let now = inner.clock.now_unix();
        let decode_error = |message: String| DecodeError {
            status,
            request_id: request_id.clone(),
            field: None,
            message,
            body: String::from_utf8_lossy(&raw).into_owned(),
        };
        let downloaded =
            crate::runtime::certificates::parse(&raw, apiv3_key, inner.config.backend(), now)
                .map_err(decode_error)?;
        let current = self.current_keys().keys;
        let rejected = |failure| VerificationError {
            failure,
            status,
            request_id: request_id.clone(),
        };
        if current.is_empty() {
            // Bootstrap (see the crate docs): no WeChat Pay key is configured
            // and none was downloaded yet, so the answer can only be checked
            // with the downloaded certificate it names, as the official SDKs
            // do on their first download.
            let bootstrap = current.with_download(&downloaded);
            auth::verify_response(&bootstrap, &headers, &raw, now).map_err(rejected)?;
            tracing::warn!(
                certificates = downloaded.len(),
                "platform certificates bootstrapped: trusted on first use (the TLS connection and the APIv3 key), not by a signature already trusted"
            );
        } else {
            // Only what already verifies: a download signed under a serial
            // no trusted key has is refused, whatever it carries.
            auth::verify_response(&current, &headers, &raw, now).map_err(rejected)?;
        }
        let signed_at = signed_at(&headers);
        check_fresh(inner, signed_at, sent_at, now).map_err(rejected)?;
        inner.server_clock.learn(signed_at, now);
        let updated = KeySet::new(current.with_download(&downloaded))?;
        let count = updated.keys.certificate_expiries().count();
        *inner
            .keys
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = updated;
        tracing::debug!(certificates = count, "platform certificates downloaded");
        Ok(count)
    }

    /// In platform-certificate mode, downloads the certificates because a
    /// response named an unknown serial, at most once a minute. Whether the
    /// set may have changed.
    async fn refresh_for_unknown_serial(&self) -> bool {
        let Some(mode) = &self.inner.certificates else {
            return false;
        };
        {
            let mut last = mode
                .last_unknown
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if last.is_some_and(|t| {
                t.elapsed() < crate::runtime::certificates::UNKNOWN_SERIAL_REFRESH_MIN
            }) {
                return false;
            }
            *last = Some(Instant::now());
        }
        match self.refresh_platform_certificates().await {
            Ok(_) => true,
            Err(e) => {
                tracing::warn!(error = %e, "platform certificate download failed; the current set is kept");
                false
            }
        }
    }

    /// Starts the background refresh of platform-certificate mode, when
    /// built inside a tokio runtime. It stops when the last clone of the
    /// client is dropped.
    fn start_certificate_refresh(&self) {
        let Some(mode) = &self.inner.certificates else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::debug!(
                "no tokio runtime: platform certificates are refreshed on unknown serials only"
            );
            return;
        };
        let interval = mode.interval;
        let weak = Arc::downgrade(&self.inner);
        runtime.spawn(async move {
            loop {
                let Some(inner) = weak.upgrade() else { return };
                let client = Client { inner };
                if let Err(e) = client.refresh_platform_certificates().await {
                    tracing::warn!(error = %e, "platform certificate refresh failed; the current set is kept");
                }
                drop(client);
                tokio::time::sleep(interval).await;
            }
        });
    }
}

impl Client {
    /// Downloads the file an answer names (`download_url` of a bill or
    /// proof) into `out`, streaming it: a GET signed like any APIv3
    /// request, sent only to a WeChat Pay API host of the spec or the
    /// configured base or backup URL; the answer is unsigned (WeChat Pay does
    /// not sign files), so the file is checked against the hash the answer
    /// announced, when it announced one. See the crate docs,
    /// [Bills and proofs](crate#bills-and-proofs), for exactly what is and is
    /// not checked.
    ///
    /// When a base URL is configured (a gateway, the simulator) and the
    /// `download_url` names a WeChat Pay host, the request goes to the base
    /// URL with the same path and query, as API calls do.
    ///
    /// # Errors
    ///
    /// [`Error::Download`] for a refused URL or hash type (nothing sent), a
    /// file over [`ClientBuilder::max_download_bytes`], a hash mismatch or a
    /// failed write; [`Error::Api`] for an error answer (e.g. an expired
    /// URL); [`Error::Transport`] for network failures. On error, discard
    /// what `out` received.
    pub async fn download<F, W>(&self, file: &F, out: &mut W) -> Result<Downloaded, Error>
    where
        F: Downloadable + ?Sized,
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        let span = tracing::info_span!(
            "webizpay.download",
            operation = F::OPERATION.id,
            status = tracing::field::Empty,
            bytes = tracing::field::Empty,
        );
        let result = self
            .download_inner(file, out)
            .instrument(span.clone())
            .await;
        match &result {
            Ok(d) => {
                span.record("status", d.status);
                span.record("bytes", d.bytes);
            }
            // As for calls: what may be an attack at WARN, the rest at DEBUG
            // (the caller gets the error).
            Err(e @ Error::Download(DownloadError::HashMismatch { .. })) => {
                span.in_scope(|| tracing::warn!(error = %e, "downloaded file rejected"));
            }
            Err(e) => span.in_scope(|| tracing::debug!(error = %e, "download failed")),
        }
        result
    }

    /// Downloads the file an answer names (see [`download`](Self::download))
    /// to `path`, all or nothing: the bytes go to a temporary file beside
    /// `path`, which is synced and renamed to `path` only once the size
    /// limit and the announced hash have been checked. On any failure (or if
    /// the future is dropped) the temporary file is removed and `path` is
    /// untouched; an existing file at `path` is replaced only by a checked one.
    ///
    /// # Errors
    ///
    /// As [`download`](Self::download), and [`DownloadError::File`] when a
    /// file cannot be created, written or renamed.
    pub async fn download_to_path<F>(
        &self,
        file: &F,
        path: impl AsRef<std::path::Path>,
    ) -> Result<Downloaded, Error>
    where
        F: Downloadable + ?Sized,
    {
        let path = path.as_ref();
        let file_error = |action: &'static str| {
            move |source: std::io::Error| DownloadError::File {
                action,
                path: path.to_owned(),
                source,
            }
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => std::path::Path::new("."),
        };
        // Removed when dropped: on every early return and on cancellation.
        let temp = tempfile::Builder::new()
            .prefix(".webizpay-download-")
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(file_error("create a temporary file beside"))?;
        let handle = temp
            .as_file()
            .try_clone()
            .map_err(file_error("create a temporary file beside"))?;
        let mut out = tokio::fs::File::from_std(handle);
        let downloaded = self.download(file, &mut out).await?;
        out.sync_all().await.map_err(file_error("write"))?;
        drop(out);
        temp.persist(path)
            .map_err(|e| file_error("move the checked file to")(e.error))?;
        Ok(downloaded)
    }

    async fn download_inner<F, W>(&self, file: &F, out: &mut W) -> Result<Downloaded, Error>
    where
        F: Downloadable + ?Sized,
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        let inner = &*self.inner;
        let info = F::OPERATION;
        let refuse = |reason: String| Error::Download(DownloadError::ForeignUrl { reason });
        let url = reqwest::Url::parse(file.download_url())
            .map_err(|e| refuse(format!("it is not an absolute URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https")
            || url.username() != ""
            || url.password().is_some()
        {
            return Err(refuse(format!(
                "scheme {:?} or credentials in the URL are not allowed",
                url.scheme()
            )));
        }
        let origin_of = |u: &str| {
            reqwest::Url::parse(u)
                .ok()
                .and_then(|u| download::origin(&u))
        };
        let Some(from) = download::origin(&url) else {
            return Err(refuse("it has no host".to_owned()));
        };
        let official = [info.primary_host.url, info.backup_host.url]
            .iter()
            .any(|h| origin_of(h).as_ref() == Some(&from));
        let configured = [inner.primary.as_deref(), inner.backup.as_deref()]
            .iter()
            .flatten()
            .any(|h| origin_of(h).as_ref() == Some(&from));
        if !official && !configured {
            return Err(refuse(format!(
                "{}://{}:{} is not a WeChat Pay API host",
                from.0, from.1, from.2
            )));
        }
        if let Some(present) = file.incomplete_hash() {
            return Err(DownloadError::IncompleteHash { present }.into());
        }
        let mut hasher = match file.expected_hash() {
            Some((hash_type, _)) => {
                Some(
                    Hasher::of(hash_type).ok_or_else(|| DownloadError::UnsupportedHash {
                        hash_type: hash_type.to_owned(),
                    })?,
                )
            }
            None => None,
        };
        // The path and query exactly as they go on the wire.
        let mut target = url.path().to_owned();
        if let Some(query) = url.query() {
            target.push('?');
            target.push_str(query);
        }
        let target = target.as_str();
        let send_to = match (&inner.primary, configured) {
            (Some(base), false) => format!("{base}{target}"),
            _ => url.as_str().to_owned(),
        };

        let timestamp = inner.clock.now_unix();
        let nonce = auth::nonce();
        let authorization =
            auth::authorization(&inner.config, Method::Get, target, b"", timestamp, &nonce);
        let mut authorization = HeaderValue::try_from(authorization).map_err(|_| {
            ConfigError::new(
                "Authorization header",
                "mchid and merchant serial must be visible ASCII",
            )
        })?;
        authorization.set_sensitive(true);
        let mut request = inner
            .http
            .get(&send_to)
            .header(AUTHORIZATION, authorization)
            .header(ACCEPT, HeaderValue::from_static("*/*"));
        if let Some(serial) = self.current_keys().serial_header {
            request = request.header(WECHATPAY_SERIAL, serial);
        }
        let mut resp = request
            .send()
            .await
            .map_err(|e| transport_error(e, &send_to, 1))?;
        let status = resp.status().as_u16();
        let request_id = header_str(resp.headers(), REQUEST_ID).map(str::to_owned);
        if !(200..300).contains(&status) {
            let raw = read_body(resp, inner.max_response_bytes)
                .await
                .map_err(|e| body_error(e, &send_to))?;
            return Err(api_error(status, request_id, None, &raw).into());
        }
        let limit = inner.max_download_bytes;
        if resp.content_length().is_some_and(|len| len > limit) {
            return Err(DownloadError::TooLarge { limit }.into());
        }
        let mut bytes = 0u64;
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| body_error(BodyError::Http(e), &send_to))?
        {
            bytes = bytes.saturating_add(chunk.len() as u64);
            if bytes > limit {
                return Err(DownloadError::TooLarge { limit }.into());
            }
            download::write_chunk(out, hasher.as_mut(), &chunk).await?;
        }
        out.flush().await.map_err(DownloadError::Write)?;
        let hash_checked = match (hasher, file.expected_hash()) {
            (Some(h), Some((hash_type, expected))) => {
                let actual = h.finish();
                if !actual.eq_ignore_ascii_case(expected.trim()) {
                    return Err(DownloadError::HashMismatch {
                        hash_type: hash_type.to_owned(),
                        expected: expected.to_owned(),
                        actual,
                    }
                    .into());
                }
                Some(hash_type.to_ascii_uppercase())
            }
            _ => None,
        };
        Ok(Downloaded {
            status,
            request_id,
            bytes,
            hash_checked,
        })
    }
}

/// A failure while reading a body, as a transport error: the response had
/// started, so the request surely arrived.
fn body_error(e: BodyError, url: &str) -> Error {
    match e {
        BodyError::TooLarge(too_large) => TransportError {
            kind: TransportKind::ResponseTooLarge,
            may_have_been_sent: true,
            url: url.to_owned(),
            attempts: 1,
            source: Box::new(too_large),
        }
        .into(),
        BodyError::Http(e) => {
            let mut t = transport_error(e, url, 1);
            t.may_have_been_sent = true;
            if t.kind == TransportKind::Connect {
                t.kind = TransportKind::Io;
            }
            t.into()
        }
    }
}

enum BodyError {
    TooLarge(ResponseTooLarge),
    Http(reqwest::Error),
}

/// Reads the whole body, failing as soon as it is announced or grows past
/// `limit` bytes. A body that arrives in one chunk (the usual case) is
/// returned as is, without a copy.
async fn read_body(mut resp: reqwest::Response, limit: usize) -> Result<Bytes, BodyError> {
    let announced = resp.content_length();
    if let Some(len) = announced
        && len > limit as u64
    {
        return Err(BodyError::TooLarge(ResponseTooLarge {
            limit,
            content_length: Some(len),
        }));
    }
    let mut first = Bytes::new();
    let mut joined: Option<Vec<u8>> = None;
    let mut total = 0usize;
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Http)? {
        total = total.saturating_add(chunk.len());
        if total > limit {
            return Err(BodyError::TooLarge(ResponseTooLarge {
                limit,
                content_length: None,
            }));
        }
        match &mut joined {
            Some(buf) => buf.extend_from_slice(&chunk),
            None if first.is_empty() => first = chunk,
            None => {
                let capacity = announced.map_or(total, |n| usize::try_from(n).unwrap_or(total));
                let mut buf = Vec::with_capacity(capacity.max(total));
                buf.extend_from_slice(&first);
                buf.extend_from_slice(&chunk);
                joined = Some(buf);
            }
        }
    }
    Ok(joined.map_or(first, Bytes::from))
}

/// Decodes a verified body (exactly one JSON value), naming the field at
/// fault. The fast path has no path tracking; a failure is decoded again to
/// find the field.
///
/// An empty body (`204 No Content`) decodes as `{}`: a response type without
/// fields accepts it, one with required fields names the first one missing.
fn decode<T: serde::de::DeserializeOwned>(raw: &[u8]) -> Result<T, (Option<String>, String)> {
    let raw: &[u8] = if raw.is_empty() { b"{}" } else { raw };
    serde_json::from_slice(raw).map_err(|e| {
        let de = &mut serde_json::Deserializer::from_slice(raw);
        let field = match serde_path_to_error::deserialize::<_, T>(de) {
            Err(e) if e.path().to_string() != "." => Some(e.path().to_string()),
            _ => None,
        };
        (field, e.to_string())
    })
}

/// An error response: WeChat Pay's JSON `{code, message, detail}`, or any
/// other body (an HTML page from a proxy) kept as text.
fn api_error(
    status: u16,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    raw: &[u8],
) -> ApiError {
    #[derive(serde::Deserialize)]
    struct Body {
        code: String,
        #[serde(default)]
        message: String,
        #[serde(default)]
        detail: Option<serde_json::Value>,
    }
    /// The same, skipping `detail` without building it (for big bodies).
    #[derive(serde::Deserialize)]
    struct Head {
        code: String,
        #[serde(default)]
        message: String,
    }
    let kept = &raw[..raw.len().min(MAX_ERROR_BODY_KEPT)];
    let mut text = String::from_utf8_lossy(kept).into_owned();
    if raw.len() > MAX_ERROR_BODY_KEPT {
        text.push('…');
    }
    let parsed = if raw.len() <= MAX_ERROR_BODY_KEPT {
        serde_json::from_slice::<Body>(raw).ok()
    } else {
        // `detail` and unknown members are skipped, not built: a huge body
        // costs its bytes, not a tree of values.
        serde_json::from_slice::<Head>(raw).ok().map(|h| Body {
            code: h.code,
            message: h.message,
            detail: None,
        })
    };
    match parsed {
        Some(b) => ApiError {
            status,
            code: ErrorCode::from(b.code.as_str()),
            message: b.message,
            detail: b.detail.filter(|d| !d.is_null()),
            request_id,
            body: text,
            wechatpay_json: true,
            retry_after,
        },
        None => ApiError {
            status,
            code: ErrorCode::Unknown(String::new()),
            message: summarize(&text),
            detail: None,
            request_id,
            body: text,
            wechatpay_json: false,
            retry_after,
        },
    }
}

/// `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
fn retry_after(headers: &HeaderMap, now_unix: i64) -> Option<Duration> {
    let value = header_str(headers, "Retry-After")?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value)
        .ok()?
        .timestamp();
    Some(Duration::from_secs(
        u64::try_from(at.saturating_sub(now_unix)).unwrap_or(0),
    ))
}

fn summarize(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    // Lowercasing ASCII keeps byte offsets, and both tags are ASCII.
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>"))
        && start + 7 <= end
    {
        return text[start + 7..end].trim().to_owned();
    }
    let line: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect();
    line
}

/// The signed `Wechatpay-Timestamp` of a verified answer (verification
/// checked that it is present once and a number).
fn signed_at(headers: &HeaderMap) -> i64 {
    header_str(headers, HEADER_TIMESTAMP)
        .and_then(|t| t.parse::<i64>().ok())
        .unwrap_or_default()
}

/// Refuses an answer signed before its request could have reached WeChat
/// Pay (see [`crate::runtime::freshness`]).
fn check_fresh(
    inner: &Inner,
    signed_at: i64,
    sent_at: i64,
    now: i64,
) -> Result<(), VerificationFailure> {
    match inner.server_clock.earliest(sent_at, now) {
        Some(earliest) if signed_at < earliest => Err(VerificationFailure::AnswerPredatesRequest {
            signed_at,
            earliest,
        }),
        _ => Ok(()),
    }
}

/// Records a verified response in the store: `Err(None)` when it was
/// accepted before (a replay), `Err(Some(_))` when the store failed and
/// the client does not fail open.
async fn check_replay(
    inner: &Inner,
    headers: &HeaderMap,
    signed_at: i64,
    now: i64,
) -> Result<(), Option<crate::runtime::store::StoreError>> {
    let key = store_keys::response(
        inner.config.mchid(),
        header_str(headers, WECHATPAY_SERIAL).unwrap_or_default(),
        header_str(headers, HEADER_NONCE).unwrap_or_default(),
        signed_at,
    );
    // Until the timestamp can no longer pass the window check.
    let ttl_secs = signed_at
        .saturating_add(MAX_CLOCK_SKEW_SECS)
        .saturating_sub(now)
        .saturating_add(1)
        .clamp(1, 2 * MAX_CLOCK_SKEW_SECS + 1);
    let ttl = Duration::from_secs(u64::try_from(ttl_secs).unwrap_or(1));
    match inner.store.insert_if_absent(&key, "1", ttl).await {
        Ok(None) => Ok(()),
        Ok(Some(_)) => Err(None),
        Err(e) if inner.replay_store_fail_open => {
            tracing::warn!(error = %e, "replay store failed; response accepted without the replay check (fail open)");
            Ok(())
        }
        Err(e) => Err(Some(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_bounded_and_jittered() {
        let p = RetryPolicy {
            max_retries: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
        };
        for retry in 1..=40 {
            let d = p.backoff(retry);
            let bound = Duration::from_millis(100)
                .saturating_mul(1u32.checked_shl(retry - 1).unwrap_or(u32::MAX))
                .min(Duration::from_millis(1000));
            assert!(d <= bound, "retry {retry}: {d:?} > {bound:?}");
        }
        let samples: std::collections::HashSet<_> = (0..20).map(|_| p.backoff(5)).collect();
        assert!(samples.len() > 1, "backoff must be jittered");
    }

    #[test]
    fn error_bodies_are_classified() {
        let e = api_error(
            400,
            Some("rid".into()),
            None,
            br#"{"code":"PARAM_ERROR","message":"user_id invalid","detail":{"field":"user_id"}}"#,
        );
        assert_eq!(e.code, ErrorCode::ParamError);
        assert!(e.wechatpay_json);
        assert_eq!(e.detail.unwrap()["field"], "user_id");
        let e = api_error(
            502,
            None,
            None,
            b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        );
        assert_eq!(e.message, "502 Bad Gateway");
        assert!(!e.wechatpay_json);
        assert_eq!(e.code, ErrorCode::Unknown(String::new()));
        // A gateway error: the request may have arrived; never retried.
        assert!(!e.is_retryable());
        let e = api_error(418, None, None, &[0xff, 0xfe, b'x']);
        assert_eq!(e.body, "\u{fffd}\u{fffd}x");
    }

    /// Retry is decided by the spec's `retry` flags for the codes it
    /// documents, and by 429/503 for the codes it does not.
    #[test]
    fn retries_follow_the_spec_flags() {
        let answer = |status: u16, code: &str| {
            api_error(
                status,
                None,
                None,
                format!(r#"{{"code":"{code}","message":"m"}}"#).as_bytes(),
            )
        };
        for (status, code, retry) in [
            (500, "SYSTEM_ERROR", true),
            (503, "SYSTEM_ERROR", true),
            (429, "FREQUENCY_LIMITED", true),
            (400, "PARAM_ERROR", false),
            (429, "PARAM_ERROR", false),
            (500, "SOMETHING_NEW", false),
            (429, "SOMETHING_NEW", true),
            (503, "SOMETHING_NEW", true),
            (502, "SYSTEM_ERROR", false),
        ] {
            assert_eq!(
                answer(status, code).is_retryable(),
                retry,
                "{status} {code}"
            );
        }
        // The flags are the spec's: every documented code agrees with its info.
        for code in ErrorCode::VALUES {
            let code = ErrorCode::from(*code);
            let info = code.info().expect("documented");
            assert_eq!(
                answer(info.status, code.as_str()).is_retryable(),
                info.retry,
                "{code}"
            );
        }
    }

    #[test]
    fn an_empty_body_is_the_empty_object() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct NoContent {}
        assert_eq!(decode::<NoContent>(b""), Ok(NoContent {}));
        assert_eq!(decode::<NoContent>(b"{}"), Ok(NoContent {}));
        let (field, message) = decode::<crate::ApplyAuthorizationResponse>(b"").unwrap_err();
        assert_eq!(field, None);
        assert_eq!(message, "missing field `sp_mchid` at line 1 column 2");
        // Only an empty body: whitespace is not JSON.
        assert!(decode::<NoContent>(b" ").is_err());
    }

    #[test]
    fn base_urls_are_checked() {
        assert_eq!(
            check_base_url("base URL", "http://127.0.0.1:1234/", false).unwrap(),
            "http://127.0.0.1:1234"
        );
        let e = check_base_url("base URL", "ftp://x", false).unwrap_err();
        assert!(e.to_string().contains("must start with https://"), "{e}");
        let e = check_base_url("base URL", "https://x/?a=1", false).unwrap_err();
        assert!(e.to_string().contains("without query"), "{e}");
        assert!(check_base_url("base URL", "not a url", false).is_err());
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, 0), None);
        headers.insert("Retry-After", HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, 0), Some(Duration::from_secs(7)));
        headers.insert(
            "Retry-After",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(
            retry_after(&headers, 1_445_412_480 - 10),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            retry_after(&headers, 1_445_412_480 + 10),
            Some(Duration::ZERO)
        );
        headers.insert("Retry-After", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, 0), None);
    }

    #[test]
    fn user_agent_names_crate_os_and_rust() {
        let ua = user_agent();
        assert!(ua.starts_with(concat!("webizpay-api/", env!("CARGO_PKG_VERSION"), " (")));
        assert!(ua.contains(std::env::consts::OS));
        assert!(ua.contains(" Rust/"));
    }
}
