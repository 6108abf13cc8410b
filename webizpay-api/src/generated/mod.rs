// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! Types and operations generated from `spec/webizpay.yaml`.

mod apply_authorization;
mod error_code;
mod revoke_authorization;
mod types;

pub use apply_authorization::*;
pub use error_code::*;
pub use revoke_authorization::*;
pub use types::*;

/// Every operation of the spec, in spec order.
pub const OPERATIONS: &[&crate::runtime::operation::OperationInfo] = &[
    &APPLY_AUTHORIZATION,
    &REVOKE_AUTHORIZATION,
];
