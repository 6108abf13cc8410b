//! The aws-lc-rs (AWS-LC) backend.
//!
//! The private key is parsed once into an `RsaKeyPair` (AWS-LC keeps the CRT
//! values and Montgomery contexts, signs with blinding, and cleanses the key
//! when it is freed); the public key is parsed once into a `ParsedPublicKey`,
//! so verification does no DER parsing per call.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair,
};

use super::der::PublicKey;
use super::pem::PrivateKeyDer;
use super::{SigningKey, VerifyingKey};

/// A merchant private key held by AWS-LC.
pub(crate) struct AwsLcSigningKey {
    key_pair: RsaKeyPair,
    /// Unused by AWS-LC for PKCS#1 v1.5, but part of the `sign` API.
    rng: SystemRandom,
    len: usize,
}

impl SigningKey for AwsLcSigningKey {
    fn sign(&self, message: &[u8]) -> Vec<u8> {
        let mut signature = vec![0; self.len];
        self.key_pair
            .sign(&RSA_PKCS1_SHA256, &self.rng, message, &mut signature)
            .expect("AWS-LC failed to sign with a key it accepted");
        signature
    }

    fn signature_len(&self) -> usize {
        self.len
    }
}

/// A WeChat Pay public key held by AWS-LC.
pub(crate) struct AwsLcVerifyingKey {
    key: ParsedPublicKey,
    len: usize,
}

impl VerifyingKey for AwsLcVerifyingKey {
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        signature.len() == self.len && self.key.verify_sig(message, signature).is_ok()
    }
}

pub(crate) fn signing_key(
    key: &PrivateKeyDer,
    modulus_bits: usize,
) -> Result<Box<dyn SigningKey>, String> {
    let key_pair = match key {
        PrivateKeyDer::Pkcs8(der) => RsaKeyPair::from_pkcs8(der),
        PrivateKeyDer::Pkcs1(der) => RsaKeyPair::from_der(der),
    }
    .map_err(|e| format!("aws-lc-rs rejected the RSA private key ({e}): its parameters are inconsistent or the key is corrupted"))?;
    let len = key_pair.public_modulus_len();
    debug_assert_eq!(len, modulus_bits.div_ceil(8));
    Ok(Box::new(AwsLcSigningKey {
        key_pair,
        rng: SystemRandom::new(),
        len,
    }))
}

pub(crate) fn verifying_key(key: &PublicKey) -> Result<Box<dyn VerifyingKey>, String> {
    // AWS-LC parses both SubjectPublicKeyInfo and PKCS#1 RSAPublicKey DER.
    let parsed = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &key.der)
        .map_err(|e| format!("aws-lc-rs rejected the RSA public key ({e})"))?;
    Ok(Box::new(AwsLcVerifyingKey {
        key: parsed,
        len: key.modulus_bits.div_ceil(8),
    }))
}

/// AEAD_AES_256_GCM decryption; `None` when the tag does not authenticate.
pub(crate) fn aes_gcm_open(
    key: &[u8; 32],
    nonce: [u8; 12],
    aad: &[u8],
    ciphertext: &[u8],
) -> Option<Vec<u8>> {
    use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).ok()?);
    let mut buf = ciphertext.to_vec();
    let len = key
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad),
            &mut buf,
        )
        .ok()?
        .len();
    buf.truncate(len);
    Some(buf)
}

#[cfg(any(feature = "simulator", feature = "__internal"))]
/// AEAD_AES_256_GCM encryption: ciphertext then tag.
pub(crate) fn aes_gcm_seal(key: &[u8; 32], nonce: [u8; 12], aad: &[u8], plain: &[u8]) -> Vec<u8> {
    use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
    let key = LessSafeKey::new(
        UnboundKey::new(&AES_256_GCM, key).expect("a 32-byte key is an AES-256 key"),
    );
    let mut buf = plain.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(aad),
        &mut buf,
    )
    .expect("AES-256-GCM sealing of an in-memory buffer");
    buf
}
