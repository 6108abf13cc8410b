//! The pure-Rust backend: the `rsa` and `sha2` crates.
//!
//! Signing is blinded (randomized with the OS RNG) against timing attacks;
//! `RsaPrivateKey` keeps precomputed CRT values and zeroizes on drop.

use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs1v15;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::rand_core::OsRng;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;

use super::der::{PublicKey, PublicKeyFormat};
use super::pem::PrivateKeyDer;
use super::{SigningKey, VerifyingKey};

/// A merchant private key held by the `rsa` crate.
pub(crate) struct RustCryptoSigningKey {
    key: pkcs1v15::SigningKey<Sha256>,
    len: usize,
}

impl SigningKey for RustCryptoSigningKey {
    fn sign(&self, message: &[u8]) -> Vec<u8> {
        // Blinded: the randomized signer draws a blinding factor from the OS RNG.
        self.key
            .try_sign_with_rng(&mut OsRng, message)
            .expect("the rsa crate failed to sign with a key it accepted")
            .to_vec()
    }

    fn signature_len(&self) -> usize {
        self.len
    }
}

/// A WeChat Pay public key held by the `rsa` crate.
pub(crate) struct RustCryptoVerifyingKey {
    key: pkcs1v15::VerifyingKey<Sha256>,
    len: usize,
}

impl VerifyingKey for RustCryptoVerifyingKey {
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        if signature.len() != self.len {
            return false;
        }
        let Ok(signature) = pkcs1v15::Signature::try_from(signature) else {
            return false;
        };
        self.key.verify(message, &signature).is_ok()
    }
}

pub(crate) fn signing_key(
    key: &PrivateKeyDer,
    modulus_bits: usize,
) -> Result<Box<dyn SigningKey>, String> {
    let private = match key {
        PrivateKeyDer::Pkcs8(der) => RsaPrivateKey::from_pkcs8_der(der).ok(),
        PrivateKeyDer::Pkcs1(der) => RsaPrivateKey::from_pkcs1_der(der).ok(),
    }
    // The crate's error could describe key bytes: leave it out.
    .ok_or("the rsa crate rejected the RSA private key: its parameters are inconsistent or the key is corrupted")?;
    let len = private.size();
    debug_assert_eq!(len, modulus_bits.div_ceil(8));
    Ok(Box::new(RustCryptoSigningKey {
        key: pkcs1v15::SigningKey::new(private),
        len,
    }))
}

pub(crate) fn verifying_key(key: &PublicKey) -> Result<Box<dyn VerifyingKey>, String> {
    let public = match key.format {
        PublicKeyFormat::Spki => {
            RsaPublicKey::from_public_key_der(&key.der).map_err(|e| e.to_string())
        }
        PublicKeyFormat::Pkcs1 => RsaPublicKey::from_pkcs1_der(&key.der).map_err(|e| e.to_string()),
    }
    .map_err(|e| format!("the rsa crate rejected the RSA public key ({e})"))?;
    let len = public.size();
    Ok(Box::new(RustCryptoVerifyingKey {
        key: pkcs1v15::VerifyingKey::new(public),
        len,
    }))
}

/// AEAD_AES_256_GCM decryption (the `aes-gcm` crate); `None` when the tag
/// does not authenticate.
pub(crate) fn aes_gcm_open(
    key: &[u8; 32],
    nonce: [u8; 12],
    aad: &[u8],
    ciphertext: &[u8],
) -> Option<Vec<u8>> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    let cipher = aes_gcm::Aes256Gcm::new(key.into());
    cipher
        .decrypt(
            &nonce.into(),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .ok()
}

#[cfg(any(feature = "simulator", feature = "__internal"))]
/// AEAD_AES_256_GCM encryption: ciphertext then tag.
pub(crate) fn aes_gcm_seal(key: &[u8; 32], nonce: [u8; 12], aad: &[u8], plain: &[u8]) -> Vec<u8> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    let cipher = aes_gcm::Aes256Gcm::new(key.into());
    cipher
        .encrypt(&nonce.into(), Payload { msg: plain, aad })
        .expect("AES-256-GCM encryption of an in-memory buffer")
}
