//! Typed, signed and verified client for the WeChat Pay APIv3 企业支付
//! (webizpay) partner API.
//!
//! STUB docs: to be written.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(not(any(feature = "aws-lc-rs", feature = "rust-crypto")))]
compile_error!("webizpay-api needs a crypto backend: enable feature `aws-lc-rs` (default) or `rust-crypto`");

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
    ApiError, ConfigError, DecodeError, Error, TransportError, TransportKind, VerificationError,
    VerificationFailure,
};
pub use runtime::operation::{Method, Operation, OperationInfo};
pub use runtime::validate::{Rule, ValidationError};
