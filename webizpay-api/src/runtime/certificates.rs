//! Platform-certificate mode: see the crate docs, "Platform certificates".

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::runtime::credentials::{ApiV3Key, canonical_serial};
use crate::runtime::crypto::{Backend, BackendOps, VerifyingKey};

/// The request target of the certificate download.
pub const CERTIFICATES_PATH: &str = "/v3/certificates";

/// The request headers of the certificate download (not an operation of
/// the spec): `Accept: application/json`; `Authorization` is the signature.
pub(crate) const CERTIFICATES_HEADERS: &[crate::runtime::operation::HeaderInfo] =
    &[crate::runtime::operation::HeaderInfo {
        name: "Accept",
        required: true,
        description: "请设置为application/json",
        value: Some("application/json"),
    }];
/// The default interval of the background refresh.
pub const DEFAULT_REFRESH_INTERVAL: Duration = Duration::from_secs(12 * 3600);
/// The shortest interval of the background refresh
/// (`ClientBuilder::platform_certificate_refresh`).
pub const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(60);
/// The least time between two downloads caused by an unknown serial.
pub const UNKNOWN_SERIAL_REFRESH_MIN: Duration = Duration::from_secs(60);

#[derive(serde::Deserialize)]
struct Download {
    data: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    serial_no: String,
    encrypt_certificate: Encrypted,
}

#[derive(serde::Deserialize)]
struct Encrypted {
    algorithm: String,
    nonce: String,
    #[serde(default)]
    associated_data: String,
    ciphertext: String,
}

/// A downloaded, decrypted and checked platform certificate.
#[derive(Clone, Debug)]
pub(crate) struct PlatformCertificate {
    pub serial: String,
    pub key: Arc<dyn VerifyingKey>,
    pub not_before: i64,
    pub not_after: i64,
}

/// Parses a `/v3/certificates` answer: every certificate decrypted with the
/// APIv3 key, parsed, checked against the serial it is listed under, and
/// left out when expired at `now`.
pub(crate) fn parse(
    body: &[u8],
    apiv3_key: &ApiV3Key,
    backend: Backend,
    now: i64,
) -> Result<Vec<PlatformCertificate>, String> {
    let download: Download = serde_json::from_slice(body)
        .map_err(|e| format!("the answer is not a certificate list: {e}"))?;
    let mut out = Vec::with_capacity(download.data.len());
    for entry in download.data {
        let listed = canonical_serial(&entry.serial_no)
            .map_err(|e| format!("serial_no {:?}: {e}", entry.serial_no))?;
        let enc = &entry.encrypt_certificate;
        if enc.algorithm != "AEAD_AES_256_GCM" {
            return Err(format!(
                "certificate {listed}: algorithm {:?}",
                enc.algorithm
            ));
        }
        let ciphertext = BASE64
            .decode(&enc.ciphertext)
            .map_err(|_| format!("certificate {listed}: the ciphertext is not base64"))?;
        let pem = backend
            .aes_256_gcm_decrypt(
                apiv3_key.bytes(),
                enc.nonce.as_bytes(),
                enc.associated_data.as_bytes(),
                &ciphertext,
            )
            .map_err(|e| format!("certificate {listed}: {e}"))?;
        let pem = std::str::from_utf8(&pem)
            .map_err(|_| format!("certificate {listed}: the plaintext is not PEM text"))?;
        let (key, info) = backend
            .parse_verifying_key(pem)
            .map_err(|e| format!("certificate {listed}: {}", e.problem))?;
        let Some(info) = info else {
            return Err(format!(
                "certificate {listed}: the plaintext is not a certificate"
            ));
        };
        if info.serial != listed {
            return Err(format!(
                "certificate listed as {listed} is the certificate {}: refused",
                info.serial
            ));
        }
        if info.not_after_unix < now {
            tracing::warn!(serial = %listed, "a downloaded platform certificate has expired; left out");
            continue;
        }
        out.push(PlatformCertificate {
            serial: listed,
            key: Arc::from(key),
            not_before: info.not_before_unix,
            not_after: info.not_after_unix,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CERT: &str = include_str!("../../testdata/platform_certificate.pem");
    const SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    /// `platform_certificate.pem` is valid until 2126-10-30T11:55:48Z.
    const NOT_AFTER: i64 = 4_949_034_948;

    fn list(listed: &str, key: &ApiV3Key) -> Vec<u8> {
        let backend = Backend::default();
        let sealed = backend
            .aes_256_gcm_encrypt(
                key.bytes(),
                b"0123456789ab",
                b"certificate",
                CERT.as_bytes(),
            )
            .unwrap();
        serde_json::json!({"data": [{
            "serial_no": listed,
            "effective_time": "2026-01-01T00:00:00+08:00",
            "expire_time": "2126-10-30T19:55:48+08:00",
            "encrypt_certificate": {
                "algorithm": "AEAD_AES_256_GCM",
                "nonce": "0123456789ab",
                "associated_data": "certificate",
                "ciphertext": BASE64.encode(sealed),
            }
        }]})
        .to_string()
        .into_bytes()
    }

    #[test]
    fn certificates_are_checked_against_their_listing_and_validity() {
        let key = ApiV3Key::new("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
        let backend = Backend::default();
        let ok = parse(&list(&SERIAL.to_ascii_lowercase(), &key), &key, backend, 0).unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].serial, SERIAL);
        assert_eq!(ok[0].not_after, NOT_AFTER);
        // Listed under another serial: refused.
        let e = parse(&list("ABCDEF", &key), &key, backend, 0).unwrap_err();
        assert!(
            e.contains("listed as ABCDEF is the certificate 5157F09E"),
            "{e}"
        );
        // Expired: left out.
        assert!(
            parse(&list(SERIAL, &key), &key, backend, NOT_AFTER + 1)
                .unwrap()
                .is_empty()
        );
        // Another APIv3 key: does not decrypt.
        let other = ApiV3Key::new("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb").unwrap();
        let e = parse(&list(SERIAL, &other), &key, backend, 0).unwrap_err();
        assert!(e.contains("does not authenticate"), "{e}");
    }
}
