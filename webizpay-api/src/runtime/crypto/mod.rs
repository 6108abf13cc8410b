//! RSA SHA256withRSA (PKCS#1 v1.5) behind one small trait, with two
//! backends: `aws-lc-rs` (default) and pure-Rust `rsa` + `sha2` (feature
//! `rust-crypto`).
//!
//! Keys are parsed once, when they are loaded: PEM decoding, DER checks (RSA,
//! 2048 to 4096 bits, not encrypted) and the backend's own key setup
//! (precomputed CRT values, Montgomery contexts) all happen in
//! [`BackendOps::signing_key_from_pem`] / [`BackendOps::verifying_key_from_pem`], so
//! [`SigningKey::sign`] and [`VerifyingKey::verify`] do no parsing at all.
//!
//! Errors say what is wrong with a key and never contain key material. PEM
//! text copies and DER buffers of private keys are wiped when dropped
//! ([`zeroize::Zeroizing`]), and both backends wipe their private key
//! structures on drop (`rsa::RsaPrivateKey` zeroizes, AWS-LC frees with
//! cleansing).

use std::fmt;

use crate::runtime::error::ConfigError;

#[cfg(feature = "aws-lc-rs")]
mod aws_lc;
mod der;
mod pem;
#[cfg(feature = "rust-crypto")]
mod rust_crypto;

/// The smallest accepted RSA modulus, in bits.
pub const MIN_RSA_BITS: usize = 2048;
/// The largest accepted RSA modulus, in bits.
pub const MAX_RSA_BITS: usize = 4096;
/// The largest signature any accepted key makes, in bytes (RSA-4096).
pub const MAX_SIGNATURE_LEN: usize = MAX_RSA_BITS / 8;

/// A private key that makes SHA256withRSA (PKCS#1 v1.5) signatures.
pub trait SigningKey: Send + Sync + 'static {
    /// Signs `message` (hashing it with SHA-256 first). The result is
    /// [`SigningKey::signature_len`] bytes long.
    ///
    /// # Panics
    ///
    /// Only if the backend fails internally on a key it accepted at load time
    /// (or the OS random number generator fails, for blinding), which does
    /// not happen in practice.
    fn sign(&self, message: &[u8]) -> Vec<u8>;
    /// The modulus length in bytes (256 for RSA-2048).
    fn signature_len(&self) -> usize;
}

/// A public key that checks SHA256withRSA (PKCS#1 v1.5) signatures.
pub trait VerifyingKey: Send + Sync + 'static {
    /// Whether `signature` is a valid signature of `message`.
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool;
}

impl fmt::Debug for dyn SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("bits", &(self.signature_len() * 8))
            .field("key", &format_args!("<redacted>"))
            .finish()
    }
}

impl fmt::Debug for dyn VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerifyingKey(<redacted>)")
    }
}

/// A crypto backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// aws-lc-rs (AWS-LC): the fastest.
    #[cfg(feature = "aws-lc-rs")]
    #[cfg_attr(docsrs, doc(cfg(feature = "aws-lc-rs")))]
    AwsLc,
    /// The pure-Rust `rsa` and `sha2` crates, with blinded signing.
    #[cfg(feature = "rust-crypto")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rust-crypto")))]
    RustCrypto,
}

const ALL_BACKENDS: &[Backend] = &[
    #[cfg(feature = "aws-lc-rs")]
    Backend::AwsLc,
    #[cfg(feature = "rust-crypto")]
    Backend::RustCrypto,
];

/// What a signing key is called in errors from [`Backend::signing_key_from_pem`].
pub(crate) const PRIVATE_KEY_WHAT: &str = "merchant private key";
/// What a verifying key is called in errors from [`Backend::verifying_key_from_pem`].
pub(crate) const PUBLIC_KEY_WHAT: &str = "WeChat Pay public key";

/// What a key taken from an X.509 certificate says about the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CertificateInfo {
    /// The serial number, upper-case hex without leading zeros.
    pub(crate) serial: String,
    /// The end of the validity (`notAfter`), in Unix seconds.
    pub(crate) not_after_unix: i64,
    /// The start of the validity (`notBefore`), in Unix seconds.
    pub(crate) not_before_unix: i64,
}

/// The nonce length of AEAD_AES_256_GCM as WeChat Pay uses it (12 bytes:
/// the `nonce` of a notification's `resource` is 12 characters).
pub const AES_GCM_NONCE_LEN: usize = 12;
/// The tag length of AEAD_AES_256_GCM (16 bytes, after the ciphertext).
pub const AES_GCM_TAG_LEN: usize = 16;

/// Why AEAD_AES_256_GCM decryption failed. Says nothing about the key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AeadError {
    /// The nonce is not 12 bytes.
    #[error("the nonce is {0} bytes, AEAD_AES_256_GCM takes 12")]
    NonceLength(usize),
    /// The ciphertext is shorter than the 16-byte tag.
    #[error("the ciphertext is {0} bytes, shorter than the 16-byte tag")]
    TooShort(usize),
    /// The tag does not match: a wrong APIv3 key, or altered ciphertext,
    /// nonce or associated data.
    #[error(
        "the ciphertext does not authenticate with this APIv3 key (wrong key, or altered ciphertext, nonce or associated data)"
    )]
    Unauthentic,
}

fn gcm_nonce(nonce: &[u8]) -> Result<[u8; AES_GCM_NONCE_LEN], AeadError> {
    nonce
        .try_into()
        .map_err(|_| AeadError::NonceLength(nonce.len()))
}

/// Key loading and AEAD_AES_256_GCM of a [`Backend`], written once here.
///
/// The trait lives in this private module, so no other crate can name it or
/// call its methods: they are not public API (the workspace's own tests
/// reach them as `webizpay_api::__internal::BackendExt`).
pub trait BackendOps: Copy {
    /// The backend the methods run on.
    fn backend(self) -> Backend;

    /// Decrypts AEAD_AES_256_GCM (`ciphertext` ends with the 16-byte tag), as
    /// WeChat Pay encrypts notification resources and platform certificates
    /// with the merchant's APIv3 key. The plaintext is wiped when dropped.
    ///
    /// # Errors
    ///
    /// A nonce that is not 12 bytes, a ciphertext shorter than the tag, or
    /// a tag that does not authenticate.
    fn aes_256_gcm_decrypt(
        self,
        key: &[u8; 32],
        nonce: &[u8],
        associated_data: &[u8],
        ciphertext: &[u8],
    ) -> Result<zeroize::Zeroizing<Vec<u8>>, AeadError> {
        let nonce = gcm_nonce(nonce)?;
        if ciphertext.len() < AES_GCM_TAG_LEN {
            return Err(AeadError::TooShort(ciphertext.len()));
        }
        let plain = match self.backend() {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => aws_lc::aes_gcm_open(key, nonce, associated_data, ciphertext),
            #[cfg(feature = "rust-crypto")]
            Backend::RustCrypto => {
                rust_crypto::aes_gcm_open(key, nonce, associated_data, ciphertext)
            }
        };
        plain
            .map(zeroize::Zeroizing::new)
            .ok_or(AeadError::Unauthentic)
    }

    #[cfg(any(feature = "simulator", feature = "__internal"))]
    /// Encrypts with AEAD_AES_256_GCM: the ciphertext followed by the
    /// 16-byte tag (what the simulator sends in notifications).
    ///
    /// # Errors
    ///
    /// A nonce that is not 12 bytes.
    fn aes_256_gcm_encrypt(
        self,
        key: &[u8; 32],
        nonce: &[u8],
        associated_data: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, AeadError> {
        let nonce = gcm_nonce(nonce)?;
        Ok(match self.backend() {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => aws_lc::aes_gcm_seal(key, nonce, associated_data, plaintext),
            #[cfg(feature = "rust-crypto")]
            Backend::RustCrypto => {
                rust_crypto::aes_gcm_seal(key, nonce, associated_data, plaintext)
            }
        })
    }

    /// Loads a merchant private key from PEM (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`).
    ///
    /// The key must be an unencrypted RSA key of 2048 to 4096 bits. Errors
    /// name the problem (`ConfigError::what` is `merchant private key`) and
    /// never contain key material.
    fn signing_key_from_pem(self, pem: &str) -> Result<Box<dyn SigningKey>, ConfigError> {
        let err = |problem: String| ConfigError::new(PRIVATE_KEY_WHAT, problem);
        let key = pem::private_key(pem).map_err(err)?;
        let info = der::inspect_private_key(&key).map_err(err)?;
        check_bits(info.modulus_bits).map_err(err)?;
        match self.backend() {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => aws_lc::signing_key(&key, info.modulus_bits).map_err(err),
            #[cfg(feature = "rust-crypto")]
            Backend::RustCrypto => rust_crypto::signing_key(&key, info.modulus_bits).map_err(err),
        }
    }

    #[cfg(any(feature = "simulator", feature = "__internal"))]
    /// Loads a WeChat Pay public key from PEM (SPKI `PUBLIC KEY`, PKCS#1 `RSA PUBLIC KEY`, or an X.509 `CERTIFICATE`).
    ///
    /// For a certificate, the key is its SubjectPublicKeyInfo; the
    /// certificate's validity dates and issuer are not checked here. The key
    /// must be RSA of 2048 to 4096 bits. `ConfigError::what` is
    /// `WeChat Pay public key`.
    fn verifying_key_from_pem(self, pem: &str) -> Result<Box<dyn VerifyingKey>, ConfigError> {
        self.backend().parse_verifying_key(pem).map(|(key, _)| key)
    }
}

impl BackendOps for Backend {
    fn backend(self) -> Backend {
        self
    }
}

impl Backend {
    /// Every backend compiled in.
    pub fn all() -> &'static [Backend] {
        ALL_BACKENDS
    }

    /// A short name for reports, e.g. `aws-lc-rs`.
    pub fn name(self) -> &'static str {
        match self {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => "aws-lc-rs",
            #[cfg(feature = "rust-crypto")]
            Backend::RustCrypto => "rust-crypto",
        }
    }

    /// [`BackendOps::verifying_key_from_pem`], plus the certificate's serial
    /// number (upper-case hex) when the PEM is an X.509 certificate.
    pub(crate) fn parse_verifying_key(
        self,
        pem: &str,
    ) -> Result<(Box<dyn VerifyingKey>, Option<CertificateInfo>), ConfigError> {
        let err = |problem: String| ConfigError::new(PUBLIC_KEY_WHAT, problem);
        let block = pem::public_key(pem).map_err(err)?;
        let key = der::public_key(&block).map_err(err)?;
        check_bits(key.modulus_bits).map_err(err)?;
        let verifying = match self {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => aws_lc::verifying_key(&key).map_err(err)?,
            #[cfg(feature = "rust-crypto")]
            Backend::RustCrypto => rust_crypto::verifying_key(&key).map_err(err)?,
        };
        let certificate = key.certificate_serial.map(|serial| CertificateInfo {
            serial,
            not_after_unix: key.not_after_unix.unwrap_or(i64::MAX),
            not_before_unix: key.not_before_unix.unwrap_or(i64::MIN),
        });
        Ok((verifying, certificate))
    }
}

fn check_bits(bits: usize) -> Result<(), String> {
    if (MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) {
        Ok(())
    } else if bits < MIN_RSA_BITS {
        Err(format!(
            "the RSA key is too small ({bits} bits): WeChat Pay APIv3 needs RSA keys of {MIN_RSA_BITS} to {MAX_RSA_BITS} bits"
        ))
    } else {
        Err(format!(
            "the RSA key is too large ({bits} bits): RSA keys of {MIN_RSA_BITS} to {MAX_RSA_BITS} bits are accepted"
        ))
    }
}

impl Default for Backend {
    /// `AwsLc` when the `aws-lc-rs` feature is on, else `RustCrypto`.
    fn default() -> Self {
        #[cfg(feature = "aws-lc-rs")]
        {
            Backend::AwsLc
        }
        #[cfg(all(not(feature = "aws-lc-rs"), feature = "rust-crypto"))]
        {
            Backend::RustCrypto
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
