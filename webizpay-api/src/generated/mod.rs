// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! Types and operations generated from the spec of 企业支付 (`webizpay`).

#[rustfmt::skip]
mod apply_authorization;

#[rustfmt::skip]
mod error_code;

#[rustfmt::skip]
mod operations;

#[rustfmt::skip]
mod revoke_authorization;

#[rustfmt::skip]
mod types;

pub use self::apply_authorization::*;
pub use self::error_code::*;
pub use self::operations::*;
pub use self::revoke_authorization::*;
pub use self::types::*;
