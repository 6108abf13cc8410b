//! RSA-2048 SHA256withRSA (PKCS#1 v1.5) behind one small trait, with two
//! backends: `aws-lc-rs` (default) and pure-Rust `rsa` + `sha2` (feature
//! `rust-crypto`).
//!
//! STUB: to be implemented (see the brief). Signatures are the contract.

use std::fmt;

use crate::runtime::error::ConfigError;

/// A private key that makes SHA256withRSA (PKCS#1 v1.5) signatures.
pub trait SigningKey: Send + Sync + 'static {
    /// Signs `message` (hashing it with SHA-256 first).
    fn sign(&self, message: &[u8]) -> Vec<u8>;
    /// The modulus length in bytes (256 for RSA-2048).
    fn signature_len(&self) -> usize;
}

/// A public key that checks SHA256withRSA (PKCS#1 v1.5) signatures.
pub trait VerifyingKey: Send + Sync + 'static {
    /// Whether `signature` is a valid signature of `message`.
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool;
}

/// A crypto backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// aws-lc-rs (AWS-LC): the fastest.
    #[cfg(feature = "aws-lc-rs")]
    AwsLc,
    /// The pure-Rust `rsa` and `sha2` crates, with blinded signing.
    #[cfg(feature = "rust-crypto")]
    RustCrypto,
}

impl Backend {
    /// Every backend compiled in.
    pub fn all() -> &'static [Backend] {
        todo!()
    }
    /// A short name for reports, e.g. `aws-lc-rs`.
    pub fn name(self) -> &'static str {
        todo!()
    }
    /// Loads a merchant private key from PEM (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`).
    pub fn signing_key_from_pem(self, pem: &str) -> Result<Box<dyn SigningKey>, ConfigError> {
        let _ = pem;
        todo!()
    }
    /// Loads a WeChat Pay public key from PEM (SPKI `PUBLIC KEY`, PKCS#1 `RSA PUBLIC KEY`, or an X.509 `CERTIFICATE`).
    pub fn verifying_key_from_pem(self, pem: &str) -> Result<Box<dyn VerifyingKey>, ConfigError> {
        let _ = pem;
        todo!()
    }
}

impl Default for Backend {
    fn default() -> Self {
        todo!()
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
