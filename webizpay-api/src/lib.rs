//! Typed, signed and verified client for the WeChat Pay APIv3 企业支付
//! (webizpay) partner endpoints, generated from `spec/webizpay.yaml`: the
//! whole family — employee authorization, quota cards, payment links,
//! merchant ranges, store entity matching, trade bills and proofs (see
//! [Operations](#operations) below).
//!
//! Every request is checked against the spec before it is signed (nothing
//! invalid is ever sent), signed as APIv3 requires (SHA256withRSA over the
//! exact target and body bytes that go on the wire), and every 2xx response
//! is verified over its raw bytes before it is parsed. Errors are one
//! [`Error`] type that says what happened and what to do.
//!
//! # Example
//!
//! ```no_run
//! use webizpay_api::{
//!     ApplicationType, ApplyAuthorizationRequest, Client, Config, Error, RevokeAuthorizationRequest,
//! };
//!
//! # async fn run() -> Result<(), Error> {
//! let config = Config::builder()
//!     .mchid("1900000001")
//!     .merchant_serial("5F1C72E2A8931B72A2E13AF8DEE92471EB397115")
//!     .merchant_private_key_file("/etc/webizpay/apiclient_key.pem")
//!     .wechatpay_public_key_file("PUB_KEY_ID_0114232134912410000000000001", "/etc/webizpay/pub_key.pem")
//!     .build()?;
//! let client = Client::new(config)?;
//!
//! let link = client
//!     .apply_authorization(
//!         &ApplyAuthorizationRequest::builder()
//!             .user_id("employee123")
//!             .sub_mchid("43214321") // sp_mchid is the configured mchid
//!             .application_type(ApplicationType::H5)
//!             .build(),
//!     )
//!     .await?;
//! println!("send the employee to {:?}", link.authorization_url);
//!
//! match client
//!     .revoke_authorization(
//!         &RevokeAuthorizationRequest::builder()
//!             .employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c")
//!             .sub_mchid("43214321")
//!             .build(),
//!     )
//!     .await
//! {
//!     Ok(revoked) => println!("{} is now {}", revoked.user_id, revoked.authorization_state),
//!     Err(Error::Api(e)) if e.is_retryable() => eprintln!("retry later: {e}"),
//!     Err(e) => return Err(e),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Bills and proofs
//!
//! `apply_trade_bill` and `apply_proof` answer with a `download_url`;
//! [`Client::download`] fetches it and streams it to any
//! [`tokio::io::AsyncWrite`].
//!
//! The generic official 下载账单 rules: the download is a GET signed like any
//! APIv3 request (over the path and query of `download_url`, empty body); the
//! answer carries **no signature** and cannot be verified, the one exception
//! to "a 2xx must verify"; the URL is valid for 5 minutes; the merchant should
//! compare the file with the hash the apply answer gave.
//!
//! So what [`Client::download`] checks is:
//!
//! - before anything is signed: the URL is `http(s)` and its scheme, host
//!   and port are those of a WeChat Pay API host of the spec (primary or
//!   backup) or of the client's configured base or backup URL. A URL on any
//!   other host is refused, so a forged `download_url` can never make the
//!   client send a signed request elsewhere. (The apply answer that carried
//!   the URL was itself signature-verified.)
//! - that the hash type, when the answer gave one, is one this crate can
//!   compute (`SHA1`, `SHA256`); otherwise nothing is sent;
//! - while reading: the size, against
//!   [`ClientBuilder::max_download_bytes`](crate::ClientBuilder::max_download_bytes);
//!   the body is streamed to the caller's writer in the chunks it arrives
//!   in, never held whole;
//! - at the end: the file's hash against `hash_type`/`hash_value`, when the
//!   apply answer carried them. `apply_trade_bill`'s documented answer has
//!   no hash fields (only a community SDK lists them) and `apply_proof`'s has
//!   none, so a file announced without a hash is checked for nothing but
//!   its size: its content is as trustworthy as the TLS connection it came
//!   over, no more.
//!
//! On any error the writer may already hold part of the file: discard it.
//! [`Client::download_to_path`] does that for you: it writes a temporary
//! file beside the destination and renames it only once the size and hash
//! checks passed, so the destination holds a whole, checked file or is left
//! as it was, and nothing else is left behind.
//!
//! Bill dates are calendar days in China time (UTC+8): [`BillDate`] gives
//! today, yesterday and the latest day whose bill WeChat Pay advises is
//! ready (it generates bills from 09:00 and advises fetching after 10:00),
//! by the system clock or any [`Clock`].
//!
//! ```no_run
//! # use webizpay_api::{ApplyTradeBillRequest, BillDate, Client, Error, TradeBillType};
//! # async fn run(client: Client) -> Result<(), Error> {
//! let bill = client
//!     .apply_trade_bill(
//!         &ApplyTradeBillRequest::builder()
//!             .sub_mchid("43214321")
//!             .date(BillDate::latest_ready())
//!             .r#type(TradeBillType::Qyzfall)
//!             .build(),
//!     )
//!     .await?;
//! client
//!     .download_to_path(bill.body(), "/var/lib/bills/43214321.csv")
//!     .await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Building requests
//!
//! Requests (and responses, objects and events, which tests and simulators
//! build) are built by field name; a required field left out is a compile
//! error, so two values of the same type cannot swap places unnoticed:
//!
//! ```compile_fail,E0277
//! # use webizpay_api::CancelQuotaCardRequest;
//! // error[E0277]: the member `Unset<card_no>` was not set, but this method requires it to be set
//! let cancel = CancelQuotaCardRequest::builder()
//!     .employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c")
//!     .sub_mchid("43214321")
//!     .reason("员工离职")
//!     .build();
//! ```
//!
//! With the field set, it builds:
//!
//! ```
//! # use webizpay_api::CancelQuotaCardRequest;
//! let cancel = CancelQuotaCardRequest::builder()
//!     .employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c")
//!     .card_no("1068019671702503425")
//!     .sub_mchid("43214321")
//!     .reason("员工离职")
//!     .build();
//! # let _ = cancel;
//! ```
//!
//! Values the client already knows are not asked for: `sp_mchid` (marked
//! `from_config` in the spec) is the configured mchid, written by the client
//! and checked in every answer that repeats it. A request's `Serialize` is
//! the whole request, path and query parameters included; what goes on the
//! wire is written by the generated code alone.
//!
//! # Notifications
//!
//! Callback notifications (回调通知): WeChat Pay POSTs them to the URL its
//! staff configured for the merchant (no API of the family takes a
//! `notify_url`); the merchant must verify and answer within 5 seconds.
//!
//! [`NotificationVerifier::handle`] (generated for the spec's events) takes
//! the request's headers and raw body, whatever the web framework, and the
//! caller's handler:
//!
//! 1. the signature, as responses are verified: the four `Wechatpay-*` headers, the
//!    timestamp within ±300 s, the serial of a configured key, a
//!    `WECHATPAY/SIGNTEST/` probe refused with its own failure, the
//!    signature over `TIMESTAMP\nNONCE\nBODY\n` of the raw body (at most
//!    [`MAX_NOTIFICATION_BYTES`]), before any parsing;
//! 2. the envelope (`id`, `create_time`, `event_type`, `resource_type`
//!    `encrypt-resource`, `summary`, `resource`) and its algorithm
//!    (`AEAD_AES_256_GCM`);
//! 3. the `resource`, decrypted with the APIv3 key (its `nonce` and
//!    `associated_data`);
//! 4. the event, decoded by `event_type` into the spec's type (or kept as
//!    JSON for an event type the spec does not know), and the resource's
//!    `sp_mchid`, where it has one, checked to be the configured mchid
//!    ([`NotificationError::OtherMerchant`]); a decoding error says what is
//!    wrong and where, never a decrypted value;
//! 5. the `id`, claimed in the [store](#stores-and-replicas): a resend of
//!    an id already handled is answered with success and not handed out
//!    again ([`Delivery::AlreadyHandled`]); a delivery while another of the
//!    same id is being handled is answered with a failure
//!    ([`NotificationError::InFlight`]), since the first may still fail;
//! 6. the handler, with the [`Notification`]: when it returns `Ok`, the id
//!    is recorded as handled and the answer is success
//!    ([`Delivery::Handled`]); when it returns `Err`, nothing is recorded,
//!    the answer is a failure ([`NotificationError::Handler`]) and WeChat
//!    Pay sends the notification again, which is then handed out again.
//!
//! At least once, never lost: an id counts as handled only after the
//! handler succeeded. A crash between the handler's success and the record
//! hands the notification out again once the delivery's lease ends (30 s,
//! [`NotificationVerifier::with_lease`]), so **make the handler idempotent by
//! notification id** (e.g. `INSERT … ON CONFLICT (notification_id) DO
//! NOTHING`), as WeChat Pay's own guidance asks. A store that is down
//! answers a failure before the handler runs ([`NotificationError::Store`]);
//! one that fails after it succeeded answers success
//! ([`Delivery::HandledUnrecorded`]: the caller has the event).
//!
//! What to answer: [`Delivery::reply`] (success) or
//! [`NotificationError::reply`] (a 4xx/5xx failure, so that WeChat Pay
//! retries), in the form the docs give (`{"code": "SUCCESS" | "FAIL",
//! "message": …}`). [`NotificationVerifier::verify`] only verifies and
//! decodes, recording nothing.
//!
//! ```no_run
//! # async fn run(
//! #     verifier: webizpay_api::NotificationVerifier,
//! #     headers: reqwest::header::HeaderMap,
//! #     body: Vec<u8>,
//! # ) {
//! # async fn insert_event(_: &str, _: &webizpay_api::Event) -> std::io::Result<()> { Ok(()) }
//! let outcome = verifier
//!     .handle(&headers, &body, async |notification| {
//!         // Idempotent by id: a second insert of the same id changes nothing.
//!         insert_event(&notification.id, &notification.event).await
//!     })
//!     .await;
//! let reply = match outcome {
//!     Ok(delivery) => delivery.reply(),
//!     Err(e) => e.reply(),
//! };
//! // Answer with reply.status and reply.body.
//! # }
//! ```
//!
//! # Stores and replicas
//!
//! What the crate remembers goes into a [`Store`]: the notification ids
//! handled ([`NotificationVerifier::with_store`]) and the responses
//! accepted, the replay cache ([`ClientBuilder::store`], which
//! [`Client::notification_verifier`] shares). The default is an in-process
//! [`MemoryStore`] per verifier and per client: right for one process, but
//! replicas behind a load balancer do not share it, so a resend that
//! reaches another replica is handed out again (never lost), and a response
//! one replica accepted is not refused as a replay by another.
//!
//! Give every replica the same shared store: with the `redis` feature,
//! `RedisStore` (Redis or Valkey; one multiplexed connection that
//! reconnects, each command bounded by a 1 s timeout):
//!
//! ```no_run
//! # #[cfg(feature = "redis")]
//! # async fn run(config: webizpay_api::Config) -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use webizpay_api::{Client, NotificationVerifier, RedisStore};
//!
//! let store = Arc::new(RedisStore::connect("redis://10.0.0.5:6379/0").await?);
//! let client = Client::builder(config.clone()).store(store.clone()).build()?;
//! let verifier = NotificationVerifier::new(&config)?.with_store(store);
//! # Ok(()) }
//! ```
//!
//! The keys, all under `webizpay:{mchid}:`:
//!
//! | key | value | lives |
//! |---|---|---|
//! | `webizpay:{mchid}:notification:{id}` | `in-flight:{random token}` while a delivery's handler runs | the lease (30 s, [`NotificationVerifier::with_lease`]) |
//! | | `handled` once the handler succeeded | 25 h ([`NotificationVerifier::with_handled_ttl`]), beyond the longest resend schedule described for WeChat Pay (15 sends over 24 h 4 min) |
//! | `webizpay:{mchid}:response:{32 hex digits}` | `1`: a response accepted; the digits are a SHA-256 of its serial (canonical for a certificate serial), nonce and timestamp | until its timestamp leaves the ±300 s window |
//!
//! Claims are atomic (a Lua script: `GET`, then `SET … PX` when absent);
//! releasing a lease deletes the key only if it still holds that delivery's
//! token. Memory: about 100 bytes a key in Redis; one key per notification
//! for 25 h and one per response for at most 10 min.
//!
//! The store failing fails safe: a notification is answered with a failure
//! (WeChat Pay sends it again) and its handler is not called; a verified
//! response is not accepted ([`Error::Store`]) unless the client was built
//! with [`ClientBuilder::replay_store_fail_open`]. Start a service while
//! Redis is down with `RedisStoreBuilder::lazy`.
//!
//! # Platform certificates
//!
//! Platform-certificate mode: for merchants that have not moved to the
//! WeChat Pay public key, the platform certificates are downloaded from
//! `GET /v3/certificates` (a signed request; the answer is signed too),
//! each decrypted with the APIv3 key (AEAD_AES_256_GCM), checked to be a
//! certificate for the serial it claims and not expired, and added to the
//! keys that verify responses.
//!
//! Enable it with [`ConfigBuilder::download_platform_certificates`]
//! (the APIv3 key is then required; configured keys, a WeChat Pay public
//! key during a migration for example, keep working beside the downloaded
//! certificates). The client then downloads:
//!
//! - when a response names a serial it does not know, at most once a
//!   minute, and verifies that response
//!   again with the new set;
//! - every [`ClientBuilder::platform_certificate_refresh`] (default
//!   12 h) in a background task, when the
//!   client is built inside a tokio runtime (the official SDKs refresh every
//!   24 h in Go and every 60 min in Java);
//! - when asked, [`Client::refresh_platform_certificates`].
//!
//! The download's own signature must verify with a key already trusted
//! (configured, or from an earlier download); a download signed under any
//! other serial is refused, whatever certificates it carries. Only when no
//! WeChat Pay key is configured and nothing was downloaded yet is the very
//! first download verified with the downloaded certificate it names, as the
//! official SDKs bootstrap: what this trusts is the TLS connection to
//! WeChat Pay and the APIv3 key (only WeChat Pay can encrypt with it), not
//! an independent signature; the client logs a warning when it is built so,
//! and when the bootstrap happens. Configure the WeChat Pay public key or a
//! platform certificate as well to avoid that trust-on-first-use.
//!
//! Each download replaces the certificates an earlier one brought (a
//! certificate withdrawn from the list is no longer trusted; configured keys
//! stay). Every certificate, configured or downloaded, is checked against
//! its validity (`notBefore` ..= `notAfter`) at each verification, with the
//! client's clock ([`VerificationFailure::CertificateNotValid`]). The
//! background refresh runs at most once a minute.
//!
//! A failed refresh keeps the current set and logs a warning.
//!
//! [`ConfigBuilder::download_platform_certificates`]: crate::ConfigBuilder::download_platform_certificates
//! [`ClientBuilder::platform_certificate_refresh`]: crate::ClientBuilder::platform_certificate_refresh
//! [`Client::refresh_platform_certificates`]: crate::Client::refresh_platform_certificates
//! [`VerificationFailure::CertificateNotValid`]: crate::VerificationFailure::CertificateNotValid
//!
//! # Replay protection
//!
//! A genuine WeChat Pay response stays verifiable for the whole ±300 s
//! timestamp window, so a man in the middle could hand the same signed
//! answer to the client twice. After a response verifies, the client
//! records its `Wechatpay-Serial`, `-Nonce` and `-Timestamp`; the same three
//! again within the window are refused ([`VerificationFailure::Replayed`]).
//!
//! Memory is bounded: at most
//! [`ClientBuilder::replay_cache_capacity`] entries of the in-process store
//! (default 65 536), each a 128-bit SHA-256 fingerprint of the three values,
//! about 150 bytes with the map's and the queue's overhead: at most about
//! 10 MiB at the default. A shared store ([`ClientBuilder::store`]) refuses
//! a replay on every replica; see [Stores and replicas](#stores-and-replicas). Entries
//! leave when their timestamp can no longer pass the window check; when the
//! cache is full of live entries, the oldest is dropped, so a replay of an
//! answer older than the last `capacity` accepted ones (within 300 s, that is
//! more than 218 calls per second sustained at the default) is not caught by
//! the cache; the echo check still refuses it as an answer to another
//! request (every field of an answer that the spec marks as an echo of the
//! request must have the value sent, or the call fails with
//! [`VerificationFailure::ResponseMismatch`]).
//!
//! [`VerificationFailure::Replayed`]: crate::VerificationFailure::Replayed
//!
//! # What a verified answer proves
//!
//! A signed answer names no request: WeChat Pay signs its timestamp, nonce
//! and body, nothing that says which call it answers. So, besides the
//! signature (with a key already trusted, by a certificate valid now) and
//! the replay cache above, each answer must pass three bindings before the
//! client returns it:
//!
//! 1. **Echo.** Every response field the spec marks as repeating the
//!    request (`response.echo`: `sub_mchid`, `user_id`, `card_no`, …) has
//!    the value sent ([`VerificationFailure::ResponseMismatch`]). The spec
//!    also lists, per operation, the request parameters the answer does
//!    *not* repeat (`response.not_echoed`), and each operation's docs name
//!    them: `revoke_authorization`'s answer repeats no `employee_id`, for
//!    example, so echo cannot tell two revokes under one `sub_mchid` apart.
//! 2. **Time.** An answer signed before its request could reach WeChat Pay
//!    is refused ([`VerificationFailure::AnswerPredatesRequest`]). Each
//!    accepted answer gives a sample of WeChat Pay's clock offset; the
//!    client refuses an answer whose `Wechatpay-Timestamp` is older than the
//!    moment its request was signed plus the median of the last 10 minutes'
//!    samples, less one second of rounding and
//!    [`ANSWER_AGE_TOLERANCE_SECS`]. A genuine answer to an earlier request,
//!    replayed by a man in the middle to a later one, is refused by this,
//!    even by a client (or replica) that never saw it. If WeChat Pay's own
//!    servers ever disagreed by more than the tolerance, the answers of the
//!    slow ones would be refused too (visible as this failure) until the
//!    samples expire.
//! 3. **Shape.** An answer that has every required field of another
//!    operation's answer, one of which this operation never answers with,
//!    is refused ([`VerificationFailure::OtherOperation`]): a genuine
//!    `query_quota_card` answer does not pass for a `cancel_quota_card`
//!    answer, though it echoes the same ids and would decode as one.
//!
//! What they cannot do: an answer to another request sent at about the
//! same time (within the tolerance, and before the first answer a client
//! accepts, within the ±300 s window) that differs only in a parameter the
//! answer does not repeat, and that answers the same operation, verifies.
//! A man in the middle who holds such a pair of concurrent genuine answers
//! can swap them; share a store between replicas ([`ClientBuilder::store`])
//! so that each answer is accepted at most once, and prefer operations
//! that echo what identifies the request. Nothing here trusts a
//! Wechatpay-Serial's spelling, a body's unknown fields or the order of
//! answers on a connection.
//!
//! [`VerificationFailure::ResponseMismatch`]: crate::VerificationFailure::ResponseMismatch
//! [`VerificationFailure::AnswerPredatesRequest`]: crate::VerificationFailure::AnswerPredatesRequest
//! [`VerificationFailure::OtherOperation`]: crate::VerificationFailure::OtherOperation
//!
//! # Tracing
//!
//! The client logs through `tracing`, never key material or signatures:
//!
//! - a span `webizpay.call` per call, at INFO (`operation`, `method`, and
//!   when it ends `status`, `request_id`, `attempts`, `latency_ms`), and
//!   `webizpay.download` per file download (`operation`, and when it ends
//!   `status`, `bytes`);
//! - an INFO event per retry (`retry`, the delay in `backoff_ms` or
//!   `delay_ms`, and why: the transport `error`, or the `status` and `code`
//!   WeChat Pay answered) and a WARN event when the client fails over to the
//!   backup host (`from`, `to`);
//! - a WARN event when a response is rejected as forged, or a downloaded file
//!   does not have the announced hash (either may be an attack); other
//!   failures only at DEBUG: the caller gets the error and decides what to
//!   log, so nothing is logged twice;
//! - WARN when a platform certificate expires within 7 days, when a
//!   downloaded one has expired (it is left out), or when a refresh of the
//!   downloaded platform certificates fails (the current set is kept); DEBUG
//!   when they are downloaded.
//!
//! Error texts from unverified answers are logged with control characters
//! escaped.
//!
//! # Testing without credentials
//!
//! With the `simulator` feature, `simulator::Simulator` is a real local
//! HTTP server that serves every operation of the spec: it checks
//! signatures and parameters, keeps the state of the lifecycle (employees,
//! quota cards, merchant ranges, store matches, bill files), answers like
//! WeChat Pay, signed with a key it hands to the client, and lets a test
//! replace any operation's answer with a typed handler.
//!
//! # Features
//!
//! - `aws-lc-rs` (default): RSA, AES-GCM and TLS (reqwest's rustls
//!   provider) with aws-lc-rs, the fastest; it compiles AWS-LC's C code.
//! - `rust-crypto`: pure-Rust RSA (`rsa` + `sha2`, with blinded signing) and
//!   AES-GCM (`aes-gcm`).
//! - `tls-graviola`: TLS with rustls and Graviola's provider (Rust and
//!   formally verified assembly; x86_64 and aarch64 CPUs with AES and SIMD
//!   extensions; Rust 1.89). With `rust-crypto` and without the default
//!   features, nothing is compiled from C. With neither `aws-lc-rs` nor
//!   `tls-graviola`, install a rustls `CryptoProvider` as the process
//!   default before building a client (otherwise [`ClientBuilder::build`]
//!   is a [`ConfigError`] naming `TLS`).
//! - `redis`: `RedisStore`, a [`Store`] in Redis (or Valkey) that the
//!   replicas of a service share; see [Stores and replicas](#stores-and-replicas).
//! - `simulator`: the local WeChat Pay simulator, for tests.
//!
#![doc = include_str!("generated/operations.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(not(any(feature = "aws-lc-rs", feature = "rust-crypto")))]
compile_error!(
    "webizpay-api needs a crypto backend: enable feature `aws-lc-rs` (default) or `rust-crypto`"
);

// The generated types and the hand-written runtime are private modules: what
// a caller may name is re-exported below, each item once, at the crate root.
// Wire encoding, signing and key handling stay internal (the workspace's own
// tests reach them through the `__internal` feature, which is not public API).
mod generated;
mod runtime;
#[cfg(feature = "simulator")]
#[cfg_attr(docsrs, doc(cfg(feature = "simulator")))]
pub mod simulator;

/// The crate README's Rust snippets, compiled as doctests (the workspace
/// README's are in `webizpay-codegen`, so that the packaged crate holds
/// every file its doctests read).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctests;

pub use generated::*;
pub use runtime::auth::{Clock, SystemClock};
pub use runtime::bills::{BILL_READY_HOUR, BillDate, CHINA_TIME_OFFSET_SECS};
pub use runtime::client::{Client, ClientBuilder, Response, ResponseMeta, RetryPolicy};
pub use runtime::credentials::{ApiV3Key, Config, ConfigBuilder, WechatPayKeys};
pub use runtime::crypto::{AeadError, Backend};
pub use runtime::download::{DownloadError, Downloadable, Downloaded};
pub use runtime::error::{
    ApiError, ConfigError, DecodeError, Error, ResponseTooLarge, TransportError, TransportKind,
    VerificationError, VerificationFailure,
};
pub use runtime::freshness::ANSWER_AGE_TOLERANCE_SECS;
pub use runtime::notify::{
    DecodeEvent, Delivery, MAX_NOTIFICATION_BYTES, Notification, NotificationError,
    NotificationReply, NotificationVerifier,
};
pub use runtime::operation::{
    ConfigField, ConfigSource, ErrorCodeInfo, HeaderInfo, Host, Method, Operation, OperationInfo,
};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use runtime::redis_store::{DEFAULT_REDIS_TIMEOUT, RedisStore, RedisStoreBuilder};
pub use runtime::store::{MemoryStore, Store, StoreError, StoreFuture};
pub use runtime::validate::{Rule, ValidationError};

/// Internals for this workspace's own tests, benches and fuzz targets.
///
/// **Not public API**: behind the `__internal` feature, hidden from the docs,
/// and free to change in any release. Nothing outside this repository should
/// enable the feature.
#[cfg(feature = "__internal")]
#[doc(hidden)]
pub mod __internal {
    use crate::Operation;
    use crate::runtime::operation::sealed::Fill;

    pub use crate::runtime::credentials::canonical_serial;
    pub use crate::runtime::error::MAX_ERROR_BODY_KEPT;
    pub use crate::runtime::{auth, crypto, validate, wire};

    /// The merchant's signing key of `config`.
    pub fn signing_key(config: &crate::Config) -> &dyn crypto::SigningKey {
        config.signing_key()
    }

    /// The key of `keys` that verifies answers signed under `serial`.
    pub fn wechatpay_key<'k>(
        keys: &'k crate::WechatPayKeys,
        serial: &str,
    ) -> Option<&'k dyn crypto::VerifyingKey> {
        keys.get(serial)
    }

    /// The key loading and AEAD primitives of a [`crate::Backend`], which
    /// are not public API: `use webizpay_api::__internal::BackendExt` to
    /// call them.
    pub use crate::runtime::crypto::BackendOps as BackendExt;

    /// Appends `op`'s request target to `out`, as a client configured with
    /// merchant id `mchid` signs and sends it.
    pub fn write_target<O: Operation>(op: &O, mchid: &str, out: &mut String) {
        op.write_target(Fill { mchid }, out)
    }

    /// Appends `op`'s JSON body to `out`, as a client configured with
    /// merchant id `mchid` signs and sends it.
    pub fn write_body<O: Operation>(
        op: &O,
        mchid: &str,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        op.write_body(Fill { mchid }, out)
    }

    /// The echo check a client configured with merchant id `mchid` runs on
    /// a verified answer to `op`.
    pub fn check_response<O: Operation>(
        op: &O,
        mchid: &str,
        response: &O::Response,
    ) -> Result<(), wire::ResponseMismatch> {
        op.check_response(Fill { mchid }, response)
    }

    /// Parses a request back from its target and body, as the simulator
    /// does, with the merchant id its `from_config` parameter carried
    /// (`None` when the operation has none).
    #[cfg(feature = "simulator")]
    pub fn from_wire<O: Operation>(
        target: &str,
        body: &[u8],
    ) -> Result<(O, Option<String>), wire::WireError> {
        O::from_wire(target, body).map(|(op, filled)| (op, filled.mchid))
    }
}
