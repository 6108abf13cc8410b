// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! The list of every operation of the spec.

/// Every operation of the spec, in spec order.
pub const OPERATIONS: &[&crate::runtime::operation::OperationInfo] = &[
    &crate::generated::APPLY_AUTHORIZATION,
    &crate::generated::REVOKE_AUTHORIZATION,
];
