//! Merchant credentials and WeChat Pay keys. STUB: see the brief.

use std::path::Path;
use std::sync::Arc;

use crate::runtime::crypto::{Backend, SigningKey, VerifyingKey};
use crate::runtime::error::ConfigError;

/// Everything the client needs to sign requests and verify responses.
/// `Debug` never shows key material.
#[derive(Clone)]
pub struct Config {
    pub(crate) mchid: String,
    pub(crate) merchant_serial: String,
    pub(crate) signer: Arc<dyn SigningKey>,
    pub(crate) wechatpay_keys: WechatPayKeys,
    pub(crate) backend: Backend,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        todo!()
    }
}

impl Config {
    /// Starts a configuration.
    pub fn builder() -> ConfigBuilder {
        todo!()
    }
    /// The merchant id (`mchid`).
    pub fn mchid(&self) -> &str {
        &self.mchid
    }
    /// The serial number of the merchant API certificate.
    pub fn merchant_serial(&self) -> &str {
        &self.merchant_serial
    }
    /// The WeChat Pay keys that verify responses.
    pub fn wechatpay_keys(&self) -> &WechatPayKeys {
        &self.wechatpay_keys
    }
    /// The crypto backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }
}

/// Builds a [`Config`]; every key is parsed and checked in [`ConfigBuilder::build`].
#[derive(Default)]
pub struct ConfigBuilder {}

impl ConfigBuilder {
    /// Sets the merchant id.
    pub fn mchid(self, mchid: impl Into<String>) -> Self { let _ = mchid; todo!() }
    /// Sets the merchant API certificate serial.
    pub fn merchant_serial(self, serial: impl Into<String>) -> Self { let _ = serial; todo!() }
    /// Sets the merchant private key from PEM text.
    pub fn merchant_private_key_pem(self, pem: impl Into<String>) -> Self { let _ = pem; todo!() }
    /// Reads the merchant private key from a PEM file.
    pub fn merchant_private_key_file(self, path: impl AsRef<Path>) -> Self { let _ = path; todo!() }
    /// Adds a WeChat Pay public key (`PUB_KEY_ID_…`, SPKI PEM).
    pub fn wechatpay_public_key(self, id: impl Into<String>, pem: impl Into<String>) -> Self { let _ = (id, pem); todo!() }
    /// Reads a WeChat Pay public key from a PEM file.
    pub fn wechatpay_public_key_file(self, id: impl Into<String>, path: impl AsRef<Path>) -> Self { let _ = (id, path); todo!() }
    /// Adds a platform certificate (PEM) under its serial.
    pub fn platform_certificate(self, serial: impl Into<String>, pem: impl Into<String>) -> Self { let _ = (serial, pem); todo!() }
    /// Names the key sent in `Wechatpay-Serial` (default: the first key added).
    pub fn preferred_wechatpay_serial(self, serial: impl Into<String>) -> Self { let _ = serial; todo!() }
    /// Chooses the crypto backend.
    pub fn backend(self, backend: Backend) -> Self { let _ = backend; todo!() }
    /// Parses and checks everything.
    pub fn build(self) -> Result<Config, ConfigError> { todo!() }
}

/// The WeChat Pay keys, keyed by serial (`PUB_KEY_ID_…` or platform certificate serial).
#[derive(Clone)]
pub struct WechatPayKeys {
    pub(crate) keys: Vec<(String, Arc<dyn VerifyingKey>)>,
    pub(crate) preferred: String,
}

impl WechatPayKeys {
    /// The key for a serial.
    pub fn get(&self, serial: &str) -> Option<&dyn VerifyingKey> { let _ = serial; todo!() }
    /// The serial sent in `Wechatpay-Serial`.
    pub fn preferred_serial(&self) -> &str { &self.preferred }
    /// All serials.
    pub fn serials(&self) -> impl Iterator<Item = &str> { self.keys.iter().map(|(s, _)| s.as_str()) }
}
