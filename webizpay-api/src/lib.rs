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
//!     .apply_authorization(&ApplyAuthorizationRequest::new(
//!         "employee123",
//!         "1900000001",
//!         "43214321",
//!         ApplicationType::H5,
//!     ))
//!     .await?;
//! println!("send the employee to {:?}", link.authorization_url);
//!
//! match client
//!     .revoke_authorization(&RevokeAuthorizationRequest::new(
//!         "WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c",
//!         "1900000001",
//!         "43214321",
//!     ))
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
//!
//! # Notifications
//!
//! Callback notifications (回调通知): WeChat Pay POSTs them to the URL its
//! staff configured for the merchant (no API of the family takes a
//! `notify_url`); the merchant must verify and answer within 5 seconds.
//!
//! [`NotificationVerifier::verify`] (generated for the spec's events) takes
//! the request's headers and raw body, whatever the web framework:
//!
//! 1. the signature, as responses are verified: the four `Wechatpay-*` headers, the
//!    timestamp within ±300 s, the serial of a configured key, a
//!    `WECHATPAY/SIGNTEST/` probe refused with its own failure, the
//!    signature over `TIMESTAMP\nNONCE\nBODY\n` of the raw body, before any
//!    parsing;
//! 2. the envelope (`id`, `create_time`, `event_type`, `resource_type`
//!    `encrypt-resource`, `summary`, `resource`) and its algorithm
//!    (`AEAD_AES_256_GCM`);
//! 3. the `resource`, decrypted with the APIv3 key (its `nonce` and
//!    `associated_data`);
//! 4. the event, decoded by `event_type` into the spec's type (or kept as
//!    JSON for an event type the spec does not know);
//! 5. the `id`, refused when already accepted: WeChat Pay sends a
//!    notification again until it is answered with success, so the second
//!    copy is [`NotificationError::Duplicate`], whose [`reply`] is success.
//!    At most 65 536 ids are remembered (see
//!    [`NotificationVerifier::with_seen_capacity`]; about 100 bytes
//!    each, under 7 MiB), the oldest forgotten first.
//!
//! What to answer: [`Notification::reply`] (success) once it is handled,
//! or [`NotificationError::reply`]: success for a duplicate, a 4xx/5xx
//! failure (WeChat Pay retries) otherwise, in the form the docs give
//! (`{"code": "SUCCESS" | "FAIL", "message": …}`).
//!
//! [`reply`]: NotificationError::reply
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
//! The download's own signature is verified with the keys already known.
//! The very first download, when no key is known for the serial it names,
//! is verified with the downloaded certificate of that serial itself, as the
//! official SDKs bootstrap: what this trusts is the TLS connection to
//! WeChat Pay and the APIv3 key (only WeChat Pay can encrypt with it), not
//! an independent signature. Configure a platform certificate or the public
//! key as well to avoid that trust-on-first-use.
//!
//! A failed refresh keeps the current set and logs a warning.
//!
//! [`ConfigBuilder::download_platform_certificates`]: crate::ConfigBuilder::download_platform_certificates
//! [`ClientBuilder::platform_certificate_refresh`]: crate::ClientBuilder::platform_certificate_refresh
//! [`Client::refresh_platform_certificates`]: crate::Client::refresh_platform_certificates
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
//! [`ClientBuilder::replay_cache_capacity`] entries (default 65 536), each a 128-bit keyed fingerprint of
//! the three values plus its timestamp, about 70 bytes with the hash set's
//! and the queue's overhead: at most about 4.5 MiB at the default. Entries
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
pub use runtime::client::{Client, ClientBuilder, Response, ResponseMeta, RetryPolicy};
pub use runtime::credentials::{ApiV3Key, Config, ConfigBuilder, WechatPayKeys};
pub use runtime::crypto::{AeadError, Backend};
pub use runtime::download::{DownloadError, Downloadable, Downloaded};
pub use runtime::error::{
    ApiError, ConfigError, DecodeError, Error, ResponseTooLarge, TransportError, TransportKind,
    VerificationError, VerificationFailure,
};
pub use runtime::notify::{
    DecodeEvent, Notification, NotificationError, NotificationReply, NotificationVerifier,
};
pub use runtime::operation::{ErrorCodeInfo, HeaderInfo, Host, Method, Operation, OperationInfo};
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

    /// Appends `op`'s request target to `out`, as the client signs and sends it.
    pub fn write_target<O: Operation>(op: &O, out: &mut String) {
        op.write_target(out)
    }

    /// Appends `op`'s JSON body to `out`, as the client signs and sends it.
    pub fn write_body<O: Operation>(op: &O, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        op.write_body(out)
    }

    /// The echo check the client runs on a verified answer to `op`.
    pub fn check_response<O: Operation>(
        op: &O,
        response: &O::Response,
    ) -> Result<(), wire::ResponseMismatch> {
        op.check_response(response)
    }

    /// Parses a request back from its target and body, as the simulator does.
    #[cfg(feature = "simulator")]
    pub fn from_wire<O: Operation>(target: &str, body: &[u8]) -> Result<O, wire::WireError> {
        O::from_wire(target, body)
    }
}
