// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! Types and operations generated from the spec of 企业支付 (`webizpay`).

#[rustfmt::skip]
mod add_merchant_identifier;

#[rustfmt::skip]
mod apply_authorization;

#[rustfmt::skip]
mod apply_proof;

#[rustfmt::skip]
mod apply_trade_bill;

#[rustfmt::skip]
mod cancel_quota_card;

#[rustfmt::skip]
mod create_avail_mch_range;

#[rustfmt::skip]
mod create_quota_card;

#[rustfmt::skip]
mod create_store_entity_match;

#[rustfmt::skip]
mod delete_merchant_identifier;

#[rustfmt::skip]
mod error_code;

#[rustfmt::skip]
mod get_quota_card_payment_url;

#[rustfmt::skip]
mod list_avail_mch_ranges;

#[rustfmt::skip]
mod list_merchant_identifiers;

#[rustfmt::skip]
mod notifications;

#[rustfmt::skip]
mod operations;

#[rustfmt::skip]
mod query_authorization_state;

#[rustfmt::skip]
mod query_quota_card;

#[rustfmt::skip]
mod query_quota_card_by_out_card_no;

#[rustfmt::skip]
mod query_store_entity_match;

#[rustfmt::skip]
mod revoke_authorization;

#[rustfmt::skip]
mod types;

pub use self::add_merchant_identifier::*;
pub use self::apply_authorization::*;
pub use self::apply_proof::*;
pub use self::apply_trade_bill::*;
pub use self::cancel_quota_card::*;
pub use self::create_avail_mch_range::*;
pub use self::create_quota_card::*;
pub use self::create_store_entity_match::*;
pub use self::delete_merchant_identifier::*;
pub use self::error_code::*;
pub use self::get_quota_card_payment_url::*;
pub use self::list_avail_mch_ranges::*;
pub use self::list_merchant_identifiers::*;
pub use self::notifications::*;
pub use self::operations::*;
pub use self::query_authorization_state::*;
pub use self::query_quota_card::*;
pub use self::query_quota_card_by_out_card_no::*;
pub use self::query_store_entity_match::*;
pub use self::revoke_authorization::*;
pub use self::types::*;
