//! Backend-independent DER checks: the key algorithm (RSA, not EC), the
//! modulus size, and the SubjectPublicKeyInfo of a certificate. Both backends
//! then get keys that are known to be well-formed RSA keys of an accepted
//! size, and every backend reports the same error for the same bad key.

use x509_cert::Certificate;
use x509_cert::der::asn1::{ObjectIdentifier, OctetStringRef, UintRef};
use x509_cert::der::{Decode, Encode, Reader, SliceReader};
use x509_cert::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};

use super::pem::{PrivateKeyDer, PublicKeyBlock};

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
const SM2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.156.10197.1.301");

/// What the checks learnt about a private key.
pub(crate) struct PrivateKeyInfo {
    /// The modulus length in bits.
    pub(crate) modulus_bits: usize,
}

/// How a checked public key is encoded.
pub(crate) enum PublicKeyFormat {
    /// `SubjectPublicKeyInfo` with `rsaEncryption`.
    Spki,
    /// PKCS#1 `RSAPublicKey`.
    Pkcs1,
}

/// A checked RSA public key.
pub(crate) struct PublicKey {
    /// The DER, in `format`.
    pub(crate) der: Vec<u8>,
    /// The encoding of `der`.
    #[cfg_attr(not(feature = "rust-crypto"), allow(dead_code))]
    pub(crate) format: PublicKeyFormat,
    /// The modulus length in bits.
    pub(crate) modulus_bits: usize,
    /// For a key taken from an X.509 certificate: the certificate's serial
    /// number in upper-case hex without leading zeros (as WeChat Pay writes
    /// platform certificate serials).
    pub(crate) certificate_serial: Option<String>,
    /// For a key taken from an X.509 certificate: the end of its validity
    /// (`notAfter`), in Unix seconds.
    pub(crate) not_after_unix: Option<i64>,
    /// For a key taken from an X.509 certificate: the start of its validity
    /// (`notBefore`), in Unix seconds.
    pub(crate) not_before_unix: Option<i64>,
}

/// A serial number's bytes as upper-case hex without leading zero digits.
pub(crate) fn serial_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut hex = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(hex, "{b:02X}");
    }
    let trimmed = hex.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Why a key of another algorithm is refused.
fn not_rsa(oid: ObjectIdentifier) -> String {
    let what = match oid {
        EC_PUBLIC_KEY => "an EC key",
        ED25519 => "an Ed25519 key",
        ED448 => "an Ed448 key",
        DSA => "a DSA key",
        SM2 => "an SM2 key",
        RSASSA_PSS => "an RSA-PSS-only key (algorithm RSASSA-PSS)",
        _ => {
            return format!(
                "is not an RSA key (algorithm OID {oid}): WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs RSA"
            );
        }
    };
    format!(
        "is {what}, not RSA (rsaEncryption): WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs RSA"
    )
}

/// The bit length of a positive big-endian integer.
fn bit_len(uint: &UintRef<'_>) -> usize {
    let bytes = uint.as_bytes();
    match bytes.iter().position(|&b| b != 0) {
        None => 0,
        Some(i) => (bytes.len() - i) * 8 - bytes[i].leading_zeros() as usize,
    }
}

/// The modulus length of a PKCS#1 `RSAPrivateKey`
/// (`SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv, … }`).
fn pkcs1_private_modulus_bits(der: &[u8]) -> Result<usize, x509_cert::der::Error> {
    let mut reader = SliceReader::new(der)?;
    let bits = reader.sequence(|r| {
        let _version: u8 = r.decode()?;
        let n: UintRef<'_> = r.decode()?;
        for _ in 0..7 {
            let _: UintRef<'_> = r.decode()?;
        }
        // Multi-prime `otherPrimeInfos`, if any.
        while !r.is_finished() {
            r.tlv_bytes()?;
        }
        Ok::<_, x509_cert::der::Error>(bit_len(&n))
    })?;
    reader.finish()?;
    Ok(bits)
}

/// The modulus length of a PKCS#1 `RSAPublicKey` (`SEQUENCE { n, e }`).
fn pkcs1_public_modulus_bits(der: &[u8]) -> Result<usize, x509_cert::der::Error> {
    let mut reader = SliceReader::new(der)?;
    let bits = reader.sequence(|r| {
        let n: UintRef<'_> = r.decode()?;
        let _e: UintRef<'_> = r.decode()?;
        Ok::<_, x509_cert::der::Error>(bit_len(&n))
    })?;
    reader.finish()?;
    Ok(bits)
}

/// The algorithm and inner key of a PKCS#8 `PrivateKeyInfo`
/// (`SEQUENCE { version, algorithm, privateKey OCTET STRING, … }`).
fn pkcs8_parts(der: &[u8]) -> Result<(ObjectIdentifier, &[u8]), x509_cert::der::Error> {
    let mut reader = SliceReader::new(der)?;
    let parts = reader.sequence(|r| {
        let _version: u8 = r.decode()?;
        let algorithm: AlgorithmIdentifierRef<'_> = r.decode()?;
        let key: &OctetStringRef = r.decode()?;
        // `attributes [0]` and `publicKey [1]` (PKCS#8 v2), if any.
        while !r.is_finished() {
            r.tlv_bytes()?;
        }
        Ok::<_, x509_cert::der::Error>((algorithm.oid, key.as_bytes()))
    })?;
    reader.finish()?;
    Ok(parts)
}

/// Checks that a private key is RSA and measures it.
///
/// Errors leave out the DER decoder's details (positions, tags): they would
/// describe private key bytes.
pub(crate) fn inspect_private_key(key: &PrivateKeyDer) -> Result<PrivateKeyInfo, String> {
    let modulus_bits = match key {
        PrivateKeyDer::Pkcs8(der) => {
            let (oid, inner) = pkcs8_parts(der).map_err(|_| {
                "the PRIVATE KEY PEM block is not a valid PKCS#8 private key (corrupted or truncated?)".to_owned()
            })?;
            if oid != RSA_ENCRYPTION {
                return Err(format!("the PRIVATE KEY {}", not_rsa(oid)));
            }
            pkcs1_private_modulus_bits(inner).map_err(|_| {
                "the PRIVATE KEY PEM block does not hold a valid RSA private key (corrupted or truncated?)".to_owned()
            })?
        }
        PrivateKeyDer::Pkcs1(der) => pkcs1_private_modulus_bits(der).map_err(|_| {
            "the RSA PRIVATE KEY PEM block is not a valid PKCS#1 RSA private key (corrupted or truncated?)".to_owned()
        })?,
    };
    Ok(PrivateKeyInfo { modulus_bits })
}

/// Checks an SPKI: RSA, measured.
fn spki(der: Vec<u8>, what: &str) -> Result<PublicKey, String> {
    let info = SubjectPublicKeyInfoRef::from_der(&der).map_err(|e| {
        format!("the {what} is not a valid SubjectPublicKeyInfo (corrupted or truncated?): {e}")
    })?;
    if info.algorithm.oid != RSA_ENCRYPTION {
        return Err(format!("the {what} {}", not_rsa(info.algorithm.oid)));
    }
    let inner = info
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| format!("the {what} has a malformed key bit string"))?;
    let modulus_bits = pkcs1_public_modulus_bits(inner)
        .map_err(|e| format!("the {what} does not hold a valid RSA public key: {e}"))?;
    Ok(PublicKey {
        der,
        format: PublicKeyFormat::Spki,
        modulus_bits,
        certificate_serial: None,
        not_after_unix: None,
        not_before_unix: None,
    })
}

/// Checks a public key (or a certificate's key): RSA, measured.
pub(crate) fn public_key(block: &PublicKeyBlock) -> Result<PublicKey, String> {
    match block {
        PublicKeyBlock::Spki(der) => spki(der.clone(), "PUBLIC KEY"),
        PublicKeyBlock::Pkcs1(der) => {
            let modulus_bits = pkcs1_public_modulus_bits(der).map_err(|e| {
                format!("the RSA PUBLIC KEY PEM block is not a valid PKCS#1 RSA public key (corrupted or truncated?): {e}")
            })?;
            Ok(PublicKey {
                der: der.clone(),
                format: PublicKeyFormat::Pkcs1,
                modulus_bits,
                certificate_serial: None,
                not_after_unix: None,
                not_before_unix: None,
            })
        }
        PublicKeyBlock::Certificate(der) => {
            let cert = Certificate::from_der(der).map_err(|e| {
                format!("the CERTIFICATE PEM block is not a valid X.509 certificate (corrupted or truncated?): {e}")
            })?;
            let spki_der = cert
                .tbs_certificate()
                .subject_public_key_info()
                .to_der()
                .map_err(|e| {
                    format!("the certificate's public key could not be re-encoded: {e}")
                })?;
            let mut key = spki(spki_der, "certificate's public key")?;
            key.certificate_serial = Some(serial_hex(
                cert.tbs_certificate().serial_number().as_bytes(),
            ));
            key.not_after_unix = i64::try_from(
                cert.tbs_certificate()
                    .validity()
                    .not_after
                    .to_unix_duration()
                    .as_secs(),
            )
            .ok();
            key.not_before_unix = i64::try_from(
                cert.tbs_certificate()
                    .validity()
                    .not_before
                    .to_unix_duration()
                    .as_secs(),
            )
            .ok();
            Ok(key)
        }
    }
}
