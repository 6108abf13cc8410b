//! Typed, signed and verified client for the WeChat Pay APIv3 企业支付
//! (webizpay) partner endpoints, generated from `spec/webizpay.yaml`.
//!
//! - [`Client::apply_authorization`] — 企业商户发起员工开通企业支付授权
//!   (`POST /v3/webizpay/users/{user_id}/authorization-url`)
//! - [`Client::revoke_authorization`] — 企业商户发起解除员工企业支付授权
//!   (`POST /v3/webizpay/employees/{employee_id}/revoke`)
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
//!     .apply_authorization(&ApplyAuthorizationRequest {
//!         user_id: "employee123".into(),
//!         sp_mchid: "1900000001".into(),
//!         sub_mchid: "43214321".into(),
//!         application_type: ApplicationType::H5,
//!     })
//!     .await?;
//! println!("send the employee to {:?}", link.authorization_url);
//!
//! match client
//!     .revoke_authorization(&RevokeAuthorizationRequest {
//!         employee_id: "WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c".into(),
//!         sp_mchid: "1900000001".into(),
//!         sub_mchid: "43214321".into(),
//!     })
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
//! # Testing without credentials
//!
//! With the `simulator` feature, `simulator::Simulator` is a real local
//! HTTP server that checks signatures and parameters and answers like WeChat
//! Pay, signed with a key it hands to the client.
//!
//! # Features
//!
//! - `aws-lc-rs` (default): RSA with aws-lc-rs, the fastest backend.
//! - `rust-crypto`: pure-Rust RSA (`rsa` + `sha2`), with blinded signing.
//! - `simulator`: the local WeChat Pay simulator, for tests.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(not(any(feature = "aws-lc-rs", feature = "rust-crypto")))]
compile_error!(
    "webizpay-api needs a crypto backend: enable feature `aws-lc-rs` (default) or `rust-crypto`"
);

pub mod generated;
pub mod runtime;
#[cfg(feature = "simulator")]
pub mod simulator;

pub use generated::*;
pub use runtime::auth::{Clock, SystemClock};
pub use runtime::client::{Client, ClientBuilder, Response, ResponseMeta, RetryPolicy};
pub use runtime::credentials::{Config, ConfigBuilder, WechatPayKeys};
pub use runtime::crypto::Backend;
pub use runtime::error::{
    ApiError, ConfigError, DecodeError, Error, ResponseTooLarge, TransportError, TransportKind,
    VerificationError, VerificationFailure,
};
pub use runtime::operation::{HeaderInfo, Method, Operation, OperationInfo};
pub use runtime::validate::{Rule, ValidationError};
