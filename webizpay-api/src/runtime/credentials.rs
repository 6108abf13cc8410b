//! Merchant credentials and WeChat Pay keys.
//!
//! A [`Config`] holds what signs requests (the merchant id, the merchant API
//! certificate serial and the merchant private key) and what verifies
//! responses (the WeChat Pay public keys by serial). It is built once,
//! checked completely by [`ConfigBuilder::build`], and is cheap to clone
//! (a few reference counts). Neither `Debug` nor any error shows key
//! material.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::runtime::crypto::{Backend, SigningKey, VerifyingKey};
use crate::runtime::error::ConfigError;

const REDACTED: &str = "<redacted>";
/// The longest mchid accepted (the APIv3 field is `string(32)`).
const MAX_MCHID_LEN: usize = 32;
/// The longest serial accepted (certificate serials are 40 hex digits,
/// public key ids `PUB_KEY_ID_` and 32 digits).
const MAX_SERIAL_LEN: usize = 128;

/// Everything the client needs to sign requests and verify responses.
/// `Debug` never shows key material.
#[derive(Clone)]
pub struct Config {
    pub(crate) mchid: Arc<str>,
    pub(crate) merchant_serial: Arc<str>,
    pub(crate) signer: Arc<dyn SigningKey>,
    pub(crate) wechatpay_keys: WechatPayKeys,
    pub(crate) backend: Backend,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("mchid", &&*self.mchid)
            .field("merchant_serial", &&*self.merchant_serial)
            .field("merchant_private_key", &Redacted)
            .field("wechatpay_keys", &self.wechatpay_keys)
            .field("backend", &self.backend)
            .finish()
    }
}

impl Config {
    /// Starts a configuration.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
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
    /// The merchant private key, which signs requests.
    pub fn signing_key(&self) -> &dyn SigningKey {
        &*self.signer
    }
}

/// Where a WeChat Pay key came from (for error messages).
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    PublicKey,
    PlatformCertificate,
}

impl KeyKind {
    fn describe(self, serial: &str) -> String {
        match self {
            KeyKind::PublicKey => format!("WeChat Pay public key {serial:?}"),
            KeyKind::PlatformCertificate => format!("WeChat Pay platform certificate {serial:?}"),
        }
    }
}

/// A WeChat Pay key as given to the builder, parsed in `build`.
struct PendingKey {
    serial: String,
    kind: KeyKind,
    pem: String,
}

/// Builds a [`Config`]; every key is parsed and checked in [`ConfigBuilder::build`].
///
/// The methods may be called in any order; a value set twice keeps the last
/// one (WeChat Pay keys accumulate). Nothing panics: problems, including
/// unreadable files, are reported by `build`, the first one first.
#[derive(Default)]
pub struct ConfigBuilder {
    mchid: Option<String>,
    merchant_serial: Option<String>,
    private_key_pem: Option<Zeroizing<String>>,
    wechatpay_keys: Vec<PendingKey>,
    preferred: Option<String>,
    backend: Option<Backend>,
    /// The first problem seen before `build` (a file that could not be read).
    error: Option<ConfigError>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let serials: Vec<&str> = self
            .wechatpay_keys
            .iter()
            .map(|k| k.serial.as_str())
            .collect();
        f.debug_struct("ConfigBuilder")
            .field("mchid", &self.mchid)
            .field("merchant_serial", &self.merchant_serial)
            .field(
                "merchant_private_key",
                &self.private_key_pem.as_ref().map(|_| Redacted),
            )
            .field("wechatpay_serials", &serials)
            .field("preferred_wechatpay_serial", &self.preferred)
            .field("backend", &self.backend.unwrap_or_default())
            .field("error", &self.error)
            .finish()
    }
}

/// Shows `<redacted>` in `Debug` output.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Reads a whole PEM file; the text is wiped when dropped.
fn read_pem_file(path: &Path, what: &str) -> Result<Zeroizing<String>, ConfigError> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let bytes = Zeroizing::new(bytes);
            match std::str::from_utf8(&bytes) {
                Ok(text) => Ok(Zeroizing::new(text.to_owned())),
                Err(_) => Err(ConfigError::new(
                    what,
                    format!(
                        "file {} is not PEM text (not UTF-8; a DER or PKCS#12 file? convert it to PEM)",
                        path.display()
                    ),
                )),
            }
        }
        Err(e) => Err(ConfigError::new(
            what,
            format!("could not read file {}: {e}", path.display()),
        )),
    }
}

impl ConfigBuilder {
    fn record(&mut self, error: ConfigError) {
        self.error.get_or_insert(error);
    }

    /// Sets the merchant id.
    pub fn mchid(mut self, mchid: impl Into<String>) -> Self {
        self.mchid = Some(mchid.into());
        self
    }
    /// Sets the merchant API certificate serial.
    pub fn merchant_serial(mut self, serial: impl Into<String>) -> Self {
        self.merchant_serial = Some(serial.into());
        self
    }
    /// Sets the merchant private key from PEM text (PKCS#8 `PRIVATE KEY` or
    /// PKCS#1 `RSA PRIVATE KEY`, unencrypted, RSA 2048 to 4096 bits).
    pub fn merchant_private_key_pem(mut self, pem: impl Into<String>) -> Self {
        self.private_key_pem = Some(Zeroizing::new(pem.into()));
        self
    }
    /// Reads the merchant private key from a PEM file (e.g. `apiclient_key.pem`).
    pub fn merchant_private_key_file(mut self, path: impl AsRef<Path>) -> Self {
        match read_pem_file(path.as_ref(), "merchant private key") {
            Ok(pem) => self.private_key_pem = Some(pem),
            Err(e) => self.record(e),
        }
        self
    }
    /// Adds a WeChat Pay public key (`PUB_KEY_ID_…`, SPKI PEM).
    pub fn wechatpay_public_key(mut self, id: impl Into<String>, pem: impl Into<String>) -> Self {
        self.wechatpay_keys.push(PendingKey {
            serial: id.into(),
            kind: KeyKind::PublicKey,
            pem: pem.into(),
        });
        self
    }
    /// Reads a WeChat Pay public key from a PEM file.
    pub fn wechatpay_public_key_file(
        mut self,
        id: impl Into<String>,
        path: impl AsRef<Path>,
    ) -> Self {
        let id = id.into();
        match read_pem_file(path.as_ref(), &KeyKind::PublicKey.describe(&id)) {
            Ok(pem) => self.wechatpay_keys.push(PendingKey {
                serial: id,
                kind: KeyKind::PublicKey,
                pem: pem.to_string(),
            }),
            Err(e) => self.record(e),
        }
        self
    }
    /// Adds a platform certificate (PEM) under its serial.
    pub fn platform_certificate(
        mut self,
        serial: impl Into<String>,
        pem: impl Into<String>,
    ) -> Self {
        self.wechatpay_keys.push(PendingKey {
            serial: serial.into(),
            kind: KeyKind::PlatformCertificate,
            pem: pem.into(),
        });
        self
    }
    /// Names the key sent in `Wechatpay-Serial` (default: the first key added).
    pub fn preferred_wechatpay_serial(mut self, serial: impl Into<String>) -> Self {
        self.preferred = Some(serial.into());
        self
    }
    /// Chooses the crypto backend (default: [`Backend::default`]).
    pub fn backend(mut self, backend: Backend) -> Self {
        self.backend = Some(backend);
        self
    }

    /// Parses and checks everything.
    ///
    /// Checks, in order: files read, the mchid (digits), the merchant
    /// serial, the merchant private key, the WeChat Pay keys (at least one;
    /// serials valid and distinct; each key parses), and the preferred serial
    /// (must name a configured key).
    pub fn build(self) -> Result<Config, ConfigError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let backend = self.backend.unwrap_or_default();

        let mchid = self.mchid.ok_or_else(|| {
            ConfigError::new(
                "mchid",
                "is not set: call ConfigBuilder::mchid with the merchant id",
            )
        })?;
        check_mchid(&mchid)?;

        let merchant_serial = self.merchant_serial.ok_or_else(|| {
            ConfigError::new(
                "merchant certificate serial",
                "is not set: call ConfigBuilder::merchant_serial with the serial number of the merchant API certificate",
            )
        })?;
        check_serial("merchant certificate serial", &merchant_serial)?;
        if merchant_serial.contains(['"', '\\', ',']) {
            return Err(ConfigError::new(
                "merchant certificate serial",
                "must not contain '\"', '\\' or ',' (it is quoted in the Authorization header)",
            ));
        }

        let private_key_pem = self.private_key_pem.ok_or_else(|| {
            ConfigError::new(
                "merchant private key",
                "is not set: call ConfigBuilder::merchant_private_key_pem or merchant_private_key_file",
            )
        })?;
        let signer: Arc<dyn SigningKey> =
            Arc::from(backend.signing_key_from_pem(&private_key_pem)?);
        drop(private_key_pem);

        if self.wechatpay_keys.is_empty() {
            return Err(ConfigError::new(
                "WeChat Pay keys",
                "none configured: add the WeChat Pay public key (ConfigBuilder::wechatpay_public_key, id PUB_KEY_ID_…) or a platform certificate, to verify responses",
            ));
        }
        let mut keys: Vec<(String, Arc<dyn VerifyingKey>)> =
            Vec::with_capacity(self.wechatpay_keys.len());
        for pending in self.wechatpay_keys {
            let what = pending.kind.describe(&pending.serial);
            check_serial(&what, &pending.serial)?;
            if keys.iter().any(|(s, _)| *s == pending.serial) {
                return Err(ConfigError::new(
                    what,
                    "is configured twice: each WeChat Pay key serial must be unique",
                ));
            }
            let (key, certificate_serial) = backend
                .parse_verifying_key(&pending.pem)
                .map_err(|e| ConfigError::new(what.clone(), e.problem))?;
            check_key_kind(&what, pending.kind, &pending.serial, certificate_serial)?;
            keys.push((pending.serial, Arc::from(key)));
        }

        let preferred = match self.preferred {
            Some(p) => {
                if !keys.iter().any(|(s, _)| *s == p) {
                    let known: Vec<&str> = keys.iter().map(|(s, _)| s.as_str()).collect();
                    return Err(ConfigError::new(
                        "preferred WeChat Pay serial",
                        format!(
                            "{p:?} names no configured WeChat Pay key (configured: {})",
                            known.join(", ")
                        ),
                    ));
                }
                p
            }
            None => keys[0].0.clone(),
        };

        Ok(Config {
            mchid: mchid.into(),
            merchant_serial: merchant_serial.into(),
            signer,
            wechatpay_keys: WechatPayKeys {
                keys: keys.into(),
                preferred: preferred.into(),
            },
            backend,
        })
    }
}

/// A certificate must be added as a platform certificate, under its own
/// serial: WeChat Pay names the key that signed a response by that serial,
/// so a certificate filed under another one would never verify anything.
fn check_key_kind(
    what: &str,
    kind: KeyKind,
    serial: &str,
    certificate_serial: Option<String>,
) -> Result<(), ConfigError> {
    let Some(cert_serial) = certificate_serial else {
        // A bare public key: right for a public key id; also accepted as a
        // platform certificate's key (the serial is then taken on trust).
        return Ok(());
    };
    if kind == KeyKind::PublicKey {
        return Err(ConfigError::new(
            what,
            format!(
                "the PEM is an X.509 certificate (serial {cert_serial}), not a WeChat Pay public key: add it with ConfigBuilder::platform_certificate(\"{cert_serial}\", pem), or give the public key (PUBLIC KEY PEM) that belongs to this id"
            ),
        ));
    }
    // A serial is a number: leading zeros do not count (the serial 0 is "0").
    let given = match serial.trim_start_matches('0') {
        "" => "0",
        digits => digits,
    };
    if !given.eq_ignore_ascii_case(&cert_serial) {
        return Err(ConfigError::new(
            what,
            format!(
                "the certificate's own serial number is {cert_serial}: WeChat Pay names this certificate by that serial in Wechatpay-Serial, so configure it under {cert_serial}"
            ),
        ));
    }
    Ok(())
}

fn check_mchid(mchid: &str) -> Result<(), ConfigError> {
    let problem = if mchid.is_empty() {
        "is empty: WeChat Pay merchant ids (mchid) are digits, e.g. 1900000109".to_owned()
    } else if !mchid.bytes().all(|b| b.is_ascii_digit()) {
        let shown: String = mchid.chars().take(40).collect();
        format!(
            "{shown:?} is not a WeChat Pay merchant id: mchids are digits only, e.g. 1900000109"
        )
    } else if mchid.len() > MAX_MCHID_LEN {
        format!(
            "is {} digits long: WeChat Pay merchant ids have at most {MAX_MCHID_LEN}",
            mchid.len()
        )
    } else {
        return Ok(());
    };
    Err(ConfigError::new("mchid", problem))
}

fn check_serial(what: &str, serial: &str) -> Result<(), ConfigError> {
    let problem = if serial.is_empty() {
        "the serial is empty".to_owned()
    } else if serial.bytes().any(|b| b.is_ascii_whitespace()) {
        "the serial contains whitespace (copied with a space or line break?)".to_owned()
    } else if !serial.bytes().all(|b| b.is_ascii_graphic()) {
        "the serial must be visible ASCII characters".to_owned()
    } else if serial.len() > MAX_SERIAL_LEN {
        format!(
            "the serial is {} characters long (at most {MAX_SERIAL_LEN})",
            serial.len()
        )
    } else {
        return Ok(());
    };
    Err(ConfigError::new(what, problem))
}

/// The WeChat Pay keys, keyed by serial (`PUB_KEY_ID_…` or platform certificate serial).
#[derive(Clone)]
pub struct WechatPayKeys {
    pub(crate) keys: Arc<[(String, Arc<dyn VerifyingKey>)]>,
    pub(crate) preferred: Arc<str>,
}

impl fmt::Debug for WechatPayKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WechatPayKeys")
            .field("serials", &self.serials().collect::<Vec<_>>())
            .field("preferred", &&*self.preferred)
            .finish()
    }
}

impl WechatPayKeys {
    /// The key for a serial.
    pub fn get(&self, serial: &str) -> Option<&dyn VerifyingKey> {
        // One or two keys: a linear scan beats hashing.
        self.keys
            .iter()
            .find(|(s, _)| s == serial)
            .map(|(_, k)| &**k)
    }
    /// The serial sent in `Wechatpay-Serial`.
    pub fn preferred_serial(&self) -> &str {
        &self.preferred
    }
    /// All serials, in the order they were added.
    pub fn serials(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|(s, _)| s.as_str())
    }
    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.keys.len()
    }
    /// Whether there are no keys (never true for the keys of a [`Config`]).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}
