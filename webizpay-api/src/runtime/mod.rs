//! The hand-written runtime: everything the generated code calls.

pub mod auth;
pub mod bills;
pub mod certificates;
pub mod client;
pub mod credentials;
pub mod crypto;
pub mod download;
pub mod error;
pub mod freshness;
pub mod notify;
pub mod operation;
#[cfg(feature = "redis")]
pub mod redis_store;
pub mod store;
pub mod tls;
pub mod validate;
pub mod wire;
