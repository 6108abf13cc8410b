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
//! [`Client::download`] fetches it with a signed GET (only from a WeChat Pay
//! host or the configured base URL), streams it to any
//! [`tokio::io::AsyncWrite`] and checks the announced hash, if any. The file
//! itself is not signed by WeChat Pay: see [`runtime::download`] for what is
//! and is not checked.
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
//! - `aws-lc-rs` (default): RSA with aws-lc-rs, the fastest backend.
//! - `rust-crypto`: pure-Rust RSA (`rsa` + `sha2`), with blinded signing.
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

pub mod generated;
pub mod runtime;
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
pub use runtime::credentials::ApiV3Key;
pub use runtime::credentials::{Config, ConfigBuilder, WechatPayKeys};
pub use runtime::crypto::Backend;
pub use runtime::download::{DownloadError, Downloadable, Downloaded};
pub use runtime::error::{
    ApiError, ConfigError, DecodeError, Error, ResponseTooLarge, TransportError, TransportKind,
    VerificationError, VerificationFailure,
};
pub use runtime::notify::{
    Notification, NotificationError, NotificationReply, NotificationVerifier,
};
pub use runtime::operation::{HeaderInfo, Method, Operation, OperationInfo};
pub use runtime::validate::{Rule, ValidationError};
