//! The rustls crypto provider of the client's TLS, chosen by features (see
//! the crate docs, "Features"):
//!
//! - `tls-graviola`: rustls with [Graviola](https://github.com/ctz/graviola)'s
//!   provider (Rust and formally verified assembly, no C compiler), set on
//!   each client this crate builds, with the platform's certificate
//!   verifier;
//! - else `aws-lc-rs`: reqwest's rustls with aws-lc-rs, its default;
//! - else: the process's default rustls provider, which the application
//!   installs (`rustls::crypto::CryptoProvider::install_default`); building a
//!   client without one is a [`ConfigError`], not reqwest's panic.

use crate::runtime::error::ConfigError;

/// Sets the TLS backend of a client this crate builds.
#[cfg(feature = "tls-graviola")]
pub(crate) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, ConfigError> {
    use rustls_platform_verifier::BuilderVerifierExt;

    let provider = std::sync::Arc::new(rustls_graviola::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map_err(|e| ConfigError::new("TLS", format!("the Graviola TLS set-up failed: {e}")))?
        .with_no_client_auth();
    Ok(builder.tls_backend_preconfigured(config))
}

/// Sets the TLS backend of a client this crate builds.
#[cfg(all(not(feature = "tls-graviola"), feature = "aws-lc-rs"))]
pub(crate) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, ConfigError> {
    Ok(builder)
}

/// Sets the TLS backend of a client this crate builds.
#[cfg(all(not(feature = "tls-graviola"), not(feature = "aws-lc-rs")))]
pub(crate) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, ConfigError> {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        return Err(ConfigError::new(
            "TLS",
            "no rustls crypto provider: enable the feature `aws-lc-rs` (default) or \
             `tls-graviola` of webizpay-api, or install one with \
             `rustls::crypto::CryptoProvider::install_default` before building the client",
        ));
    }
    Ok(builder)
}
