//! A local WeChat Pay: a real HTTP/1.1 server on `127.0.0.1` that answers
//! every operation of the spec the way WeChat Pay does, for tests of this
//! crate and of crates that depend on it (feature `simulator`).
//!
//! It checks every request as WeChat Pay would (the `Authorization`
//! signature over the exact target and body bytes, mchid, certificate serial,
//! timestamp window, `Accept` and `Content-Type`, then every parameter rule of
//! the spec), keeps the state of the 企业支付 lifecycle, signs successful
//! responses with a WeChat Pay key, records what it received, can be told to
//! misbehave ([`Fault`]), and lets a test replace any operation's answer with
//! a typed handler ([`Simulator::handle`], [`Simulator::received`]).
//!
//! Routing, parsing and validation come from the generated table of every
//! operation ([`operations`]): an operation added to the spec is served with
//! no Rust edit, answering with its spec example (see below).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use webizpay_api::simulator::{Fault, Simulator};
//!
//! let sim = Simulator::start().await?;
//! let config = sim.client_config(); // matching keys, nothing else needed
//! // … build a client with `config` and `sim.base_url()` …
//! sim.inject(Fault::system_error()); // the next request gets a 500
//! # Ok(()) }
//! ```
//!
//! # What it checks, in order
//!
//! 1. The path names an operation of the spec, else `404 NOT_FOUND`; the
//!    method is the operation's, else `405 METHOD_NOT_ALLOWED` (with `Allow`).
//! 2. `Authorization`: present once, visible ASCII, scheme
//!    `WECHATPAY2-SHA256-RSA2048`, the five parameters, `mchid` the
//!    configured one, `serial_no` the merchant certificate serial, `timestamp`
//!    within 300 s of the simulator's clock, and the signature valid over
//!    `METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n` with the target exactly as on
//!    the request line and the exact body bytes. Else `401 SIGN_ERROR`, whose
//!    message says which check failed.
//! 3. Every request header the spec documents with a value
//!    ([`OperationInfo::headers`](crate::OperationInfo::headers)) is sent
//!    and allows it: `Accept` allows `application/json` (`*/*` and
//!    `application/*` do), `Content-Type` is `application/json` (parameters
//!    such as `charset` aside) and comes once; else `400 INVALID_REQUEST`.
//! 4. The parameters parse (each request type's generated decoder, `from_wire`)
//!    and pass [`Operation::validate`](crate::Operation::validate), and
//!    every parameter the spec fills from the configuration
//!    ([`OperationInfo::config_fields`](crate::OperationInfo::config_fields):
//!    `sp_mchid`) is the signing merchant (partner mode), else
//!    `400 PARAM_ERROR` naming the field, with
//!    `detail: {"field": …, "location": "path" | "body"}`.
//!
//! Successful answers are signed (`Wechatpay-Timestamp`, `-Nonce`,
//! `-Signature`, `-Serial`); every answer but [`Fault::BadGatewayHtml`]
//! carries a unique `Request-ID`.
//!
//! # What it answers
//!
//! In this order: a handler the test registered ([`Simulator::handle`]);
//! else the stateful behaviour of the operations whose pages describe a
//! lifecycle (below); else the response of the operation's first spec
//! example, with every top-level field the request also has (`sp_mchid`,
//! `sub_mchid`, `user_id`, `employee_id`, `card_no`, `out_card_no`, …)
//! taken from the request. [`SimulatorBuilder::stateful`]`(false)` answers
//! every operation from its example.
//!
//! The lifecycle: `apply_authorization` issues a link (none while the user
//! is authorized); the employee accepts it ([`Simulator::accept_authorization`],
//! what the employee does in WeChat) and becomes an authorization relation
//! with a new `employee_id`, which `query_authorization_state` lists;
//! quota cards are issued to authorized employees, queried by `card_no` or
//! `out_card_no`, give payment links while ACTIVE, and become DISABLED when
//! cancelled, past `effective_end_time`, or when the employee is revoked
//! (此商户下的企业支付额度卡全部作废); `revoke_authorization` makes the relation
//! REVOKED. Merchant ranges keep their identifiers; store entity matches are
//! batches; `apply_trade_bill` and `apply_proof` answer with a
//! `download_url` on this server ([`DOWNLOAD_PATH`]), which serves the file
//! to a signed GET, unsigned, for [`DOWNLOAD_VALIDITY_SECS`].
//!
//! An id that names nothing (`employee_id`, `card_no`, `out_card_no`,
//! `range_id`, `merchant_identifier`, `batch_id`), or names it under another
//! `sp_mchid`/`sub_mchid`, gets `404 RESOURCE_NOT_EXISTS` with a message
//! that starts with the field's name.
//!
//! # Assumptions
//!
//! Where the pages do not say what WeChat Pay does, the simulator chooses,
//! and says so here:
//!
//! - `create_quota_card` with an `out_card_no` already used (per `sp_mchid`
//!   and `sub_mchid`): the same body is a replay and gets the same card; any
//!   other body gets `400 INVALID_REQUEST`. Cards for a REVOKED employee get
//!   `400 INVALID_REQUEST`; an `effective_end_time` not in the future
//!   `400 PARAM_ERROR` (the page: 要求必须大于当前时间).
//! - A card past its `effective_end_time` reads DISABLED with reason
//!   [`CARD_EXPIRED_REASON`]; a revocation disables the employee's active
//!   cards with [`CARD_REVOKED_REASON`]; cancelling a DISABLED card answers
//!   with its state again. Cards are never spent (`remain_amount` = `amount`),
//!   and `card_rule`/`refund_rule` are MULTIPLE/RETURN (the template decides
//!   them at WeChat Pay).
//! - Payment links last [`PAYMENT_LINK_VALIDITY_SECS`] ("链接有效期较短"); a
//!   DISABLED card gets `400 INVALID_REQUEST`.
//! - `apply_proof` and `create_store_entity_match` treat a repeated
//!   `out_operation_id`/`out_batch_id` like `out_card_no`. A store match is
//!   ACCEPTED when created and COMPLETED from the next second;
//!   `has_valid_mchid` is `false` unless [`Simulator::set_entity_has_mchid`].
//! - `apply_trade_bill` accepts a past day of the last three months
//!   (仅支持申请三个月内业务账单), else `400 INVALID_REQUEST`, and announces the
//!   file's SHA-1 (`hash_type`/`hash_value`, as the generic 下载账单 pages
//!   do). The file is [`Simulator::set_trade_bill`]'s, else a small CSV in
//!   the simulator's own format (the QYZFALL format is not documented). A
//!   download after 5 minutes gets `400 INVALID_REQUEST`, by another
//!   merchant `403 NO_AUTH` (as the generic page says).
//!
//! # HTTP
//!
//! HTTP/1.1 with keep-alive (several, also pipelined, requests per
//! connection; `Connection: close` and HTTP/1.0 honoured). Bodies need a
//! `Content-Length` (`Transfer-Encoding` gets `411`). Malformed requests get
//! `400`, heads over [`MAX_HEAD_BYTES`] or [`MAX_HEADERS`] headers `431`,
//! bodies over [`MAX_BODY_BYTES`] `413`; the connection is then closed.
//!
//! The built-in keys are public throwaway test keys from the official WeChat
//! Pay SDKs' test suites (see `testdata/VECTORS.md`); they protect nothing.

mod callbacks;
mod faults;
mod handler;
mod http;
mod server;
mod state;
mod table;

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use self::callbacks::{
    Attempt, DEFAULT_APIV3_KEY, NotifyFault, SentNotification, default_retry_delays,
};
pub use self::faults::{Fault, MutateFn};
pub use self::http::{MAX_BODY_BYTES, MAX_HEAD_BYTES, MAX_HEADERS};
pub use self::state::{
    CARD_EXPIRED_REASON, CARD_REVOKED_REASON, DOWNLOAD_PATH, DOWNLOAD_VALIDITY_SECS,
    LINK_VALIDITY_SECS, MP_BUSINESS_TYPE, MP_PAYMENT_BUSINESS_TYPE, PAYMENT_LINK_VALIDITY_SECS,
    REVOKE_REASON,
};
pub use self::table::{CallFuture, SimError, SimOp, operations};
use crate::generated::AuthorizationState;
use crate::runtime::credentials::Config;
use crate::runtime::crypto::{Backend, BackendOps, SigningKey, VerifyingKey};

/// The default merchant id (the partner's `mchid`, which is also the
/// `sp_mchid` of every request).
pub const DEFAULT_MCHID: &str = "1900000001";
/// The default merchant API certificate serial (of [`MERCHANT_PRIVATE_KEY_PEM`]).
pub const DEFAULT_MERCHANT_SERIAL: &str = "5F1C72E2A8931B72A2E13AF8DEE92471EB397115";
/// The default WeChat Pay public key id (of [`WECHATPAY_PRIVATE_KEY_PEM`]).
pub const DEFAULT_WECHATPAY_SERIAL: &str = "PUB_KEY_ID_0114232134912410000000000001";
/// The serial that [`Fault::UnknownSerial`] names: no simulator key has it.
pub const UNKNOWN_SERIAL: &str = "PUB_KEY_ID_0114232134912410000000009999";

/// The default merchant private key (PKCS#8 PEM; wechatpay-java test key).
pub const MERCHANT_PRIVATE_KEY_PEM: &str =
    include_str!("../../testdata/java_merchant_private_key.pem");
/// The default merchant public key (SPKI PEM), which checks request signatures.
pub const MERCHANT_PUBLIC_KEY_PEM: &str =
    include_str!("../../testdata/java_merchant_public_key.pem");
/// The default WeChat Pay private key (PKCS#8 PEM), which signs responses.
pub const WECHATPAY_PRIVATE_KEY_PEM: &str =
    include_str!("../../testdata/java_wechatpay_private_key.pem");
/// The default WeChat Pay public key (SPKI PEM), which verifies responses.
pub const WECHATPAY_PUBLIC_KEY_PEM: &str =
    include_str!("../../testdata/java_wechatpay_public_key.pem");
/// Another private key (PKCS#8 PEM; wechatpay-go test key): what
/// [`Fault::SignWithOtherKey`] signs with.
pub const OTHER_KEY_PEM: &str = include_str!("../../testdata/go_merchant_private_key.pem");
/// The public key of [`OTHER_KEY_PEM`] (SPKI PEM).
pub const OTHER_PUBLIC_KEY_PEM: &str = include_str!("../../testdata/go_merchant_public_key.pem");

/// The default bound of [`Simulator::requests`].
pub const DEFAULT_RECORD_LIMIT: usize = 10_000;

/// A response as the simulator is about to write it: status, ordered header
/// list (duplicates allowed, written as is) and body. [`Fault::Mutate`] hooks
/// get it fully built and signed.
///
/// `Content-Length` (from the body) and, when the connection closes,
/// `Connection: close` are added on the wire unless the list already has
/// them; so a hook that changes the body needs no other change, and one that
/// sets `Content-Length` itself gets exactly what it set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers, in order (names as written; duplicates allowed).
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl SimResponse {
    /// The first value of a header (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets a header: replaces the value of its first occurrence and removes
    /// any other, or appends it when absent.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self
            .headers
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(i) => {
                self.headers[i].1 = value;
                let mut index = 0;
                self.headers.retain(|(n, _)| {
                    let keep = index <= i || !n.eq_ignore_ascii_case(name);
                    index += 1;
                    keep
                });
            }
            None => self.headers.push((name.to_owned(), value)),
        }
    }

    /// Appends a header (even if one of that name is already there).
    pub fn append_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// Removes every occurrence of a header.
    pub fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// A JSON error response (without the common headers).
    pub(crate) fn error_json(status: u16, body: serde_json::Value) -> SimResponse {
        SimResponse {
            status,
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: body.to_string().into_bytes(),
        }
    }
}

/// A request the simulator received, with what it answered.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The order of arrival, from 1 (keeps counting when old records are dropped).
    pub seq: u64,
    /// The method, e.g. `POST`.
    pub method: String,
    /// The request target exactly as on the request line (path and `?query`).
    pub target: String,
    /// The headers in the order received (values lossily converted to UTF-8).
    pub headers: Vec<(String, String)>,
    /// The exact body bytes.
    pub body: Vec<u8>,
    /// The operation id the path matched (e.g. `apply_authorization`), if any.
    pub operation: Option<&'static str>,
    /// The status of the response, or `None` when no response was sent
    /// ([`Fault::ResetConnection`], [`Fault::CloseWithoutResponse`]).
    pub status: Option<u16>,
    /// The `code` of a JSON error body, if the response was an error.
    pub error_code: Option<String>,
    /// The `Request-ID` of the response, if it had one.
    pub request_id: Option<String>,
    /// The fault applied to this request, if any.
    pub fault: Option<Fault>,
    /// When the request was received (system time).
    pub received_at: SystemTime,
}

impl RecordedRequest {
    /// The first value of a header (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON, if it is JSON.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// A WeChat Pay signing key with its serial.
struct WechatPayKey {
    serial: String,
    key: Arc<dyn SigningKey>,
    public_pem: String,
}

#[derive(Debug, Default)]
struct Counters {
    per_operation: HashMap<&'static str, u64>,
    per_status: HashMap<u16, u64>,
    faults: u64,
}

/// Everything the server tasks and the [`Simulator`] handle share.
pub(crate) struct Shared {
    mchid: String,
    merchant_serial: String,
    merchant_key: Box<dyn VerifyingKey>,
    wechatpay_keys: Vec<WechatPayKey>,
    default_key: usize,
    other_key: Box<dyn SigningKey>,
    clock_offset: AtomicI64,
    record_limit: usize,
    request_id_prefix: String,
    responses: AtomicU64,
    requests: AtomicU64,
    malformed: AtomicU64,
    base_url: String,
    /// Where notifications go (the test sets it).
    callback_url: Mutex<Option<String>>,
    apiv3_key: crate::runtime::credentials::ApiV3Key,
    backend: Backend,
    callback_delays: Vec<std::time::Duration>,
    /// The client that sends notifications, or why there is none.
    callback_http: Result<reqwest::Client, String>,
    outbox: Arc<Mutex<callbacks::Outbox>>,
    runtime: tokio::runtime::Handle,
    store: Mutex<state::Store>,
    /// Handlers the test registered ([`Simulator::handle`]), by operation id.
    handlers: Mutex<HashMap<&'static str, table::ErasedHandler>>,
    /// The stateful behaviour of the operations that have one, by operation id.
    builtins: HashMap<&'static str, table::ErasedHandler>,
    records: Mutex<VecDeque<RecordedRequest>>,
    counters: Mutex<Counters>,
    faults: Mutex<faults::FaultPlan>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn store(&self) -> MutexGuard<'_, state::Store> {
        lock(&self.store)
    }

    fn handler(&self, operation_id: &str) -> Option<table::ErasedHandler> {
        lock(&self.handlers).get(operation_id).cloned()
    }

    fn now_unix(&self) -> i64 {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        now.saturating_add(self.clock_offset.load(Ordering::Relaxed))
    }

    /// The `Date` header value for the simulator's clock.
    fn http_date(&self) -> String {
        chrono::DateTime::from_timestamp(self.now_unix(), 0)
            .unwrap_or_default()
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string()
    }

    fn wechatpay_key(&self, index: usize) -> &WechatPayKey {
        self.wechatpay_keys
            .get(index)
            .or_else(|| self.wechatpay_keys.get(self.default_key))
            .or_else(|| self.wechatpay_keys.first())
            .unwrap_or_else(|| unreachable!("the builder always adds a WeChat Pay key"))
    }

    /// The signing key the request's `Wechatpay-Serial` names, else the default.
    fn signing_key_for(&self, req: &http::HttpRequest) -> usize {
        req.header_values("wechatpay-serial")
            .find_map(|s| {
                self.wechatpay_keys
                    .iter()
                    .position(|k| k.serial == s.trim())
            })
            .unwrap_or(self.default_key)
    }

    fn next_request_id(&self) -> String {
        let n = self.responses.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{}{n:016X}", self.request_id_prefix)
    }

    fn next_fault(&self) -> Option<Fault> {
        lock(&self.faults).next()
    }

    fn count_malformed(&self) {
        self.malformed.fetch_add(1, Ordering::Relaxed);
    }

    fn record(&self, mut record: RecordedRequest) {
        record.seq = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        {
            let mut c = lock(&self.counters);
            if let Some(op) = record.operation {
                *c.per_operation.entry(op).or_default() += 1;
            }
            if let Some(status) = record.status {
                *c.per_status.entry(status).or_default() += 1;
            }
            if record.fault.is_some() {
                c.faults += 1;
            }
        }
        if self.record_limit == 0 {
            return;
        }
        let mut records = lock(&self.records);
        while records.len() >= self.record_limit {
            records.pop_front();
        }
        records.push_back(record);
    }
}

/// Configures a [`Simulator`]; every setting has a working default (the
/// embedded test keys, mchid [`DEFAULT_MCHID`]).
#[derive(Clone)]
#[must_use]
pub struct SimulatorBuilder {
    mchid: String,
    merchant_serial: String,
    merchant_public_key_pem: String,
    merchant_private_key_pem: String,
    wechatpay_keys: Vec<(String, String, String)>,
    default_wechatpay_serial: Option<String>,
    clock_offset: i64,
    record_limit: usize,
    backend: Backend,
    stateful: bool,
    apiv3_key: String,
    callback_delays: Vec<std::time::Duration>,
}

/// Shows ids and settings, never key material (even test keys: a builder may
/// hold real ones).
impl fmt::Debug for SimulatorBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let serials: Vec<&str> = self
            .wechatpay_keys
            .iter()
            .map(|(s, _, _)| s.as_str())
            .collect();
        f.debug_struct("SimulatorBuilder")
            .field("mchid", &self.mchid)
            .field("merchant_serial", &self.merchant_serial)
            .field("merchant_keys", &"<redacted>")
            .field("wechatpay_serials", &serials)
            .field("default_wechatpay_serial", &self.default_wechatpay_serial)
            .field("clock_offset", &self.clock_offset)
            .field("record_limit", &self.record_limit)
            .field("backend", &self.backend)
            .field("stateful", &self.stateful)
            .finish()
    }
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        SimulatorBuilder {
            mchid: DEFAULT_MCHID.to_owned(),
            merchant_serial: DEFAULT_MERCHANT_SERIAL.to_owned(),
            merchant_public_key_pem: MERCHANT_PUBLIC_KEY_PEM.to_owned(),
            merchant_private_key_pem: MERCHANT_PRIVATE_KEY_PEM.to_owned(),
            wechatpay_keys: Vec::new(),
            default_wechatpay_serial: None,
            clock_offset: 0,
            record_limit: DEFAULT_RECORD_LIMIT,
            backend: Backend::default(),
            stateful: true,
            apiv3_key: callbacks::DEFAULT_APIV3_KEY.to_owned(),
            callback_delays: callbacks::default_retry_delays(),
        }
    }
}

fn invalid_input(what: &str, e: impl fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("simulator: {what}: {e}"),
    )
}

impl SimulatorBuilder {
    /// The partner merchant id: requests must be signed with it and carry it
    /// as `sp_mchid`.
    pub fn mchid(mut self, mchid: impl Into<String>) -> Self {
        self.mchid = mchid.into();
        self
    }

    /// The merchant API certificate serial that requests must name in `serial_no`.
    pub fn merchant_serial(mut self, serial: impl Into<String>) -> Self {
        self.merchant_serial = serial.into();
        self
    }

    /// The merchant public key (SPKI PEM, or an X.509 certificate PEM) that
    /// checks request signatures.
    pub fn merchant_public_key_pem(mut self, pem: impl Into<String>) -> Self {
        self.merchant_public_key_pem = pem.into();
        self
    }

    /// The merchant private key that [`Simulator::client_config`] signs with;
    /// set it along with [`merchant_public_key_pem`](Self::merchant_public_key_pem).
    /// The simulator itself never uses it.
    pub fn merchant_private_key_pem(mut self, pem: impl Into<String>) -> Self {
        self.merchant_private_key_pem = pem.into();
        self
    }

    /// Adds a WeChat Pay signing key: its serial (a `PUB_KEY_ID_…` or a
    /// platform certificate serial), the private key that signs responses and
    /// the public key [`Simulator::client_config`] verifies with.
    ///
    /// Several keys model a migration: a request's `Wechatpay-Serial` header
    /// picks the key when it names one of them, else the default signs. The
    /// first key added is the default unless
    /// [`default_wechatpay_serial`](Self::default_wechatpay_serial) says
    /// otherwise. Without any call the embedded key
    /// ([`DEFAULT_WECHATPAY_SERIAL`]) is used.
    pub fn wechatpay_key(
        mut self,
        serial: impl Into<String>,
        private_key_pem: impl Into<String>,
        public_key_pem: impl Into<String>,
    ) -> Self {
        self.wechatpay_keys
            .push((serial.into(), private_key_pem.into(), public_key_pem.into()));
        self
    }

    /// The serial of the WeChat Pay key that signs when a request names none
    /// the simulator has.
    pub fn default_wechatpay_serial(mut self, serial: impl Into<String>) -> Self {
        self.default_wechatpay_serial = Some(serial.into());
        self
    }

    /// Shifts the simulator's clock by this many seconds (request timestamp
    /// checks, response timestamps, link expiry, revocation times).
    pub fn clock_offset(mut self, secs: i64) -> Self {
        self.clock_offset = secs;
        self
    }

    /// How many requests [`Simulator::requests`] keeps (the most recent ones;
    /// default [`DEFAULT_RECORD_LIMIT`]; 0 keeps none). Counters count all.
    pub fn record_limit(mut self, limit: usize) -> Self {
        self.record_limit = limit;
        self
    }

    /// The APIv3 key notifications are encrypted with (default
    /// [`DEFAULT_APIV3_KEY`]); [`Simulator::client_config`] carries it.
    pub fn apiv3_key(mut self, key: impl Into<String>) -> Self {
        self.apiv3_key = key.into();
        self
    }

    /// The delays before each delivery attempt of a notification (default
    /// [`default_retry_delays`]: five attempts within a third of a second).
    /// Delivery stops at the first 2xx answer or after the last attempt.
    pub fn callback_retry_delays(mut self, delays: Vec<std::time::Duration>) -> Self {
        self.callback_delays = delays;
        self
    }

    /// With `false`, every operation answers with its spec example (the
    /// fields that echo the request taken from the request) instead of the
    /// simulator's stateful behaviour: answers like the documentation's
    /// examples, whatever was called before. Default `true`.
    pub fn stateful(mut self, stateful: bool) -> Self {
        self.stateful = stateful;
        self
    }

    /// The crypto backend for the simulator's keys and for
    /// [`Simulator::client_config`].
    pub fn backend(mut self, backend: Backend) -> Self {
        self.backend = backend;
        self
    }

    /// Parses the keys, binds `127.0.0.1:0` and starts serving on the
    /// current tokio runtime.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when a key or setting is unusable; the bind error
    /// otherwise.
    pub async fn start(self) -> io::Result<Simulator> {
        let backend = self.backend;
        let mut keys = self.wechatpay_keys;
        if keys.is_empty() {
            keys.push((
                DEFAULT_WECHATPAY_SERIAL.to_owned(),
                WECHATPAY_PRIVATE_KEY_PEM.to_owned(),
                WECHATPAY_PUBLIC_KEY_PEM.to_owned(),
            ));
        }
        let default_key = match &self.default_wechatpay_serial {
            None => 0,
            Some(serial) => keys
                .iter()
                .position(|(s, _, _)| s == serial)
                .ok_or_else(|| {
                    invalid_input(
                        "default WeChat Pay serial",
                        format!("no key added under {serial:?}"),
                    )
                })?,
        };
        let mut wechatpay_keys = Vec::with_capacity(keys.len());
        for (serial, private_pem, public_pem) in keys {
            let key = backend
                .signing_key_from_pem(&private_pem)
                .map_err(|e| invalid_input(&format!("WeChat Pay private key {serial}"), e))?;
            wechatpay_keys.push(WechatPayKey {
                serial,
                key: Arc::from(key),
                public_pem,
            });
        }
        let merchant_key = backend
            .verifying_key_from_pem(&self.merchant_public_key_pem)
            .map_err(|e| invalid_input("merchant public key", e))?;
        let other_key = backend
            .signing_key_from_pem(OTHER_KEY_PEM)
            .map_err(|e| invalid_input("other key", e))?;

        let mut config = Config::builder()
            .mchid(self.mchid.clone())
            .merchant_serial(self.merchant_serial.clone())
            .merchant_private_key_pem(self.merchant_private_key_pem.clone());
        for k in &wechatpay_keys {
            // A public key id, or a platform certificate serial (the
            // simulator has the key, not a certificate: taken on trust).
            config = if k
                .serial
                .starts_with(crate::runtime::credentials::PUBLIC_KEY_ID_PREFIX)
            {
                config.wechatpay_public_key(k.serial.clone(), k.public_pem.clone())
            } else {
                config.platform_certificate(k.serial.clone(), k.public_pem.clone())
            };
        }
        let config = config
            .apiv3_key_str(&self.apiv3_key)
            .preferred_wechatpay_serial(wechatpay_keys[default_key].serial.clone())
            .backend(backend)
            .build()
            .map_err(|e| invalid_input("client configuration", e))?;

        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let mut prefix = [0u8; 8];
        state::random_bytes(&mut prefix);
        let shared = Arc::new(Shared {
            mchid: self.mchid,
            merchant_serial: crate::runtime::credentials::canonical_serial(&self.merchant_serial)
                .unwrap_or(self.merchant_serial),
            merchant_key,
            wechatpay_keys,
            default_key,
            other_key,
            clock_offset: AtomicI64::new(self.clock_offset),
            record_limit: self.record_limit,
            request_id_prefix: prefix.iter().map(|b| format!("{b:02X}")).collect(),
            responses: AtomicU64::new(0),
            requests: AtomicU64::new(0),
            malformed: AtomicU64::new(0),
            base_url: format!("http://{addr}"),
            callback_url: Mutex::default(),
            apiv3_key: crate::runtime::credentials::ApiV3Key::new(&self.apiv3_key)
                .map_err(|e| invalid_input("APIv3 key", e))?,
            backend,
            callback_delays: self.callback_delays,
            // Without a TLS provider (neither `aws-lc-rs` nor `tls-graviola`,
            // and none installed) reqwest cannot build a client at all: the
            // simulator still serves, and notifications record why they
            // could not be sent.
            callback_http: crate::runtime::tls::configure(
                reqwest::Client::builder()
                    .no_proxy()
                    .timeout(std::time::Duration::from_secs(5)),
            )
            .map_err(|e| e.to_string())
            .and_then(|b| b.build().map_err(|e| e.to_string())),
            outbox: Arc::default(),
            runtime: tokio::runtime::Handle::current(),
            store: Mutex::default(),
            handlers: Mutex::default(),
            builtins: if self.stateful {
                state::builtins()
            } else {
                HashMap::new()
            },
            records: Mutex::default(),
            counters: Mutex::default(),
            faults: Mutex::default(),
        });

        let (shutdown, rx) = oneshot::channel();
        let task = tokio::spawn(server::serve(listener, Arc::clone(&shared), rx));
        tracing::debug!(%addr, "simulator: listening");
        Ok(Simulator {
            addr,
            shared,
            config,
            merchant_private_key_pem: self.merchant_private_key_pem,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }
}

/// A running simulated WeChat Pay. Stops when dropped (its tasks are
/// aborted) or through [`Simulator::shutdown`].
pub struct Simulator {
    addr: SocketAddr,
    shared: Arc<Shared>,
    config: Config,
    merchant_private_key_pem: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .field("mchid", &self.shared.mchid)
            .field("merchant_serial", &self.shared.merchant_serial)
            .field("wechatpay_serial", &self.wechatpay_serial())
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// Starts a simulator with the defaults (embedded test keys, mchid
    /// [`DEFAULT_MCHID`]).
    ///
    /// # Errors
    ///
    /// When binding `127.0.0.1:0` fails, or the crypto backend rejects the
    /// embedded keys.
    pub async fn start() -> io::Result<Simulator> {
        SimulatorBuilder::default().start().await
    }

    /// Starts configuring a simulator.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (no trailing slash): use it as the client's host.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A ready client configuration: the mchid, merchant serial and private
    /// key the simulator accepts, and the public key of every WeChat Pay key
    /// it signs with (the default one preferred).
    pub fn client_config(&self) -> Config {
        self.config.clone()
    }

    /// The partner merchant id (`sp_mchid`).
    pub fn mchid(&self) -> &str {
        &self.shared.mchid
    }

    /// The merchant API certificate serial requests must name.
    pub fn merchant_serial(&self) -> &str {
        &self.shared.merchant_serial
    }

    /// The merchant private key PEM that [`client_config`](Self::client_config) uses.
    pub fn merchant_private_key_pem(&self) -> &str {
        &self.merchant_private_key_pem
    }

    /// The serial of the default WeChat Pay signing key.
    pub fn wechatpay_serial(&self) -> &str {
        &self.shared.wechatpay_key(self.shared.default_key).serial
    }

    /// The public key PEM of the default WeChat Pay signing key.
    pub fn wechatpay_public_key_pem(&self) -> &str {
        &self
            .shared
            .wechatpay_key(self.shared.default_key)
            .public_pem
    }

    /// The serials of every WeChat Pay signing key, the default first.
    pub fn wechatpay_serials(&self) -> Vec<String> {
        let default = self.wechatpay_serial().to_owned();
        let mut serials = vec![default.clone()];
        serials.extend(
            self.shared
                .wechatpay_keys
                .iter()
                .map(|k| k.serial.clone())
                .filter(|s| *s != default),
        );
        serials
    }

    /// The simulator's clock, in Unix seconds (system time plus the offset).
    pub fn now_unix(&self) -> i64 {
        self.shared.now_unix()
    }

    /// The current clock offset in seconds.
    pub fn clock_offset(&self) -> i64 {
        self.shared.clock_offset.load(Ordering::Relaxed)
    }

    /// Shifts the simulator's clock by `secs` from now on.
    pub fn set_clock_offset(&self, secs: i64) {
        self.shared.clock_offset.store(secs, Ordering::Relaxed);
    }

    // ---- business state -------------------------------------------------

    /// Plays the employee who opens the authorization link and completes
    /// the authorization: marks the user AUTHORIZED under
    /// (`sp_mchid`, `sub_mchid`) and returns the new employee id
    /// (`WeBizPay_` and a UUID-shaped id). `None` unless an
    /// `apply_authorization` issued a link that is unused and unexpired.
    pub fn accept_authorization(
        &self,
        sp_mchid: &str,
        sub_mchid: &str,
        user_id: &str,
    ) -> Option<String> {
        let now = self.shared.now_unix();
        let employee_id = self
            .shared
            .store()
            .accept(sp_mchid, sub_mchid, user_id, now)?;
        // WeChat Pay tells the merchant (关系授权完成通知).
        let event = crate::generated::AuthorizedEvent::builder()
            .sp_mchid(sp_mchid)
            .sub_mchid(sub_mchid)
            .user_id(user_id)
            .employee_id(employee_id.clone())
            .authorization_time(state::beijing_time(now))
            .build();
        state::notify(&self.shared, "授权关系建立", event);
        Some(employee_id)
    }

    // ---- notifications ------------------------------------------------------

    /// Sends notifications to `url` from now on, as WeChat Pay's staff
    /// configure a merchant's callback URL; `None` stops them. Without it no
    /// notification is sent.
    pub fn set_callback_url(&self, url: Option<String>) {
        *lock(&self.shared.callback_url) = url;
    }

    /// Sends a notification of `event_type` with this decrypted `resource`
    /// (signed, encrypted, retried until answered with success); returns its
    /// id, or `None` without a callback URL. The lifecycle sends its own
    /// (`WEBIZPAY.AUTHORIZED` when an employee accepts, `WEBIZPAY.REVOKED`
    /// on a revocation, `WEBIZPAY.QUOTACARDEXPIRED` when a card is
    /// disabled); this sends any other, e.g. a payment.
    pub fn notify(
        &self,
        event_type: &str,
        summary: &str,
        resource: &serde_json::Value,
    ) -> Option<String> {
        callbacks::send(&self.shared, event_type, summary, resource, None)
    }

    /// [`notify`](Self::notify), spoiled on purpose ([`NotifyFault`]).
    pub fn notify_with_fault(
        &self,
        event_type: &str,
        summary: &str,
        resource: &serde_json::Value,
        fault: NotifyFault,
    ) -> Option<String> {
        callbacks::send(&self.shared, event_type, summary, resource, Some(fault))
    }

    /// Every notification sent so far, with its attempts.
    pub fn sent_notifications(&self) -> Vec<SentNotification> {
        lock(&self.shared.outbox).sent.clone()
    }

    /// The employee id of the user's latest authorization (authorized or
    /// revoked), if the user ever authorized.
    pub fn employee_id(&self, sp_mchid: &str, sub_mchid: &str, user_id: &str) -> Option<String> {
        self.shared
            .store()
            .employee_id(sp_mchid, sub_mchid, user_id)
    }

    /// The state of the user's latest authorization, if the user ever authorized.
    pub fn authorization_state(
        &self,
        sp_mchid: &str,
        sub_mchid: &str,
        user_id: &str,
    ) -> Option<AuthorizationState> {
        self.shared
            .store()
            .authorization_state(sp_mchid, sub_mchid, user_id)
    }

    /// Whether a link was issued to the user and is not used yet.
    pub fn has_pending_link(&self, sp_mchid: &str, sub_mchid: &str, user_id: &str) -> bool {
        self.shared
            .store()
            .has_pending_link(sp_mchid, sub_mchid, user_id)
    }

    /// Sets the content of the trade bill of `sub_mchid` for `date`, which
    /// `apply_trade_bill` then names (with its SHA-1) and the `download_url`
    /// serves, also through URLs issued before (so a test can make a file
    /// disagree with the hash it was announced with). Without it, a bill is
    /// a header line and one line per quota card the sub-merchant issued
    /// that day, in the simulator's own format (the pages do not show the
    /// format of a QYZFALL bill).
    pub fn set_trade_bill(&self, sub_mchid: &str, date: chrono::NaiveDate, content: Vec<u8>) {
        self.shared.store().set_trade_bill(sub_mchid, date, content);
    }

    /// Says whether the entity with this 统一社会信用代码 has a WeChat Pay
    /// merchant number, as store entity matching reports it
    /// (`has_valid_mchid`; `false` for entities never set).
    pub fn set_entity_has_mchid(&self, organization_code: &str, has_valid_mchid: bool) {
        self.shared
            .store()
            .set_entity(organization_code, has_valid_mchid);
    }

    // ---- typed handlers -----------------------------------------------------

    /// Answers operation `O` with `handler` from now on, instead of the
    /// simulator's own behaviour: the request has passed every check
    /// (signature, headers, parameters, `sp_mchid`) when the handler gets
    /// it; `Ok` is signed and sent as the success answer, `Err` as WeChat
    /// Pay's error body with its status. Faults still apply on top.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// use webizpay_api::simulator::{SimError, Simulator};
    /// use webizpay_api::{ErrorCode, RevokeAuthorizationRequest};
    ///
    /// let sim = Simulator::start().await?;
    /// sim.handle(|r: &RevokeAuthorizationRequest| {
    ///     Err(SimError::new(ErrorCode::ResourceNotExists, format!("no {}", r.employee_id)))
    /// });
    /// # Ok(()) }
    /// ```
    pub fn handle<O, F>(&self, handler: F)
    where
        O: crate::Operation + 'static,
        F: Fn(&O) -> Result<O::Response, SimError> + Send + Sync + 'static,
    {
        let erased = table::erase::<O, _>(move |request: &O, _: &table::Ctx<'_>| handler(request));
        lock(&self.shared.handlers).insert(O::INFO.id, erased);
    }

    /// Goes back to the simulator's own behaviour for operation `O`.
    pub fn remove_handler<O: crate::Operation>(&self) {
        lock(&self.shared.handlers).remove(O::INFO.id);
    }

    /// The recorded requests of operation `O` (see [`requests`](Self::requests)),
    /// parsed into its request type, in order of arrival; requests that do
    /// not parse are left out.
    pub fn received<O: crate::Operation>(&self) -> Vec<O> {
        lock(&self.shared.records)
            .iter()
            .filter(|r| r.operation == Some(O::INFO.id))
            .filter_map(|r| O::from_wire(&r.target, &r.body).ok())
            .map(|(request, _)| request)
            .collect()
    }

    // ---- faults -----------------------------------------------------------

    /// Applies `fault` to the next request (faults queue up in order, and
    /// queued faults come before [`set_fault_rate`](Self::set_fault_rate)).
    pub fn inject(&self, fault: Fault) {
        self.inject_times(fault, 1);
    }

    /// Applies `fault` to each of the next `times` requests.
    pub fn inject_times(&self, fault: Fault, times: usize) {
        lock(&self.shared.faults).push(fault, times);
    }

    /// Applies a fault picked at random from `faults` to a share `rate`
    /// (0.0 to 1.0) of the requests that have no queued fault. The choices
    /// depend only on `seed` and the order of requests. A rate of 0 or an
    /// empty list turns random faults off.
    pub fn set_fault_rate(&self, rate: f64, faults: Vec<Fault>, seed: u64) {
        lock(&self.shared.faults).set_rate(rate, faults, seed);
    }

    /// Drops the queued faults and turns random faults off.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// How many queued faults are still waiting for a request.
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared.faults).pending()
    }

    // ---- records and counters ---------------------------------------------

    /// The recorded requests, oldest first (at most the record limit: the
    /// most recent ones).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.records).iter().cloned().collect()
    }

    /// The most recent recorded request.
    pub fn last_request(&self) -> Option<RecordedRequest> {
        lock(&self.shared.records).back().cloned()
    }

    /// Forgets the recorded requests (counters keep counting).
    pub fn clear_requests(&self) {
        lock(&self.shared.records).clear();
    }

    /// How many well-formed HTTP requests were received (all of them, past
    /// the record limit and [`clear_requests`](Self::clear_requests) too).
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }

    /// How many requests were routed to an operation (by id, e.g.
    /// `apply_authorization`), whatever the outcome.
    pub fn operation_count(&self, operation_id: &str) -> u64 {
        lock(&self.shared.counters)
            .per_operation
            .get(operation_id)
            .copied()
            .unwrap_or(0)
    }

    /// How many responses had this status (responses not sent are not counted).
    pub fn status_count(&self, status: u16) -> u64 {
        lock(&self.shared.counters)
            .per_status
            .get(&status)
            .copied()
            .unwrap_or(0)
    }

    /// How many requests had a fault applied.
    pub fn fault_count(&self) -> u64 {
        lock(&self.shared.counters).faults
    }

    /// How many malformed or oversized HTTP requests were rejected (400,
    /// 411, 413, 431) and their connections closed.
    pub fn malformed_count(&self) -> u64 {
        self.shared.malformed.load(Ordering::Relaxed)
    }

    /// Stops accepting connections, aborts every connection and waits until
    /// all tasks have ended.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            // Dropping the accept task drops its JoinSet, which aborts every
            // connection task.
            task.abort();
        }
    }
}
