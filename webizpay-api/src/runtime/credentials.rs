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

use crate::runtime::crypto::{Backend, BackendOps, SigningKey, VerifyingKey};
use crate::runtime::error::{ConfigError, VerificationFailure};

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
    pub(crate) apiv3_key: Option<ApiV3Key>,
    pub(crate) download_platform_certificates: bool,
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
    /// Whether the client downloads the platform certificates itself.
    pub fn downloads_platform_certificates(&self) -> bool {
        self.download_platform_certificates
    }
    /// The APIv3 key, if configured (it decrypts notifications).
    pub fn apiv3_key(&self) -> Option<&ApiV3Key> {
        self.apiv3_key.as_ref()
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
    #[cfg(feature = "__internal")]
    pub(crate) fn signing_key(&self) -> &dyn SigningKey {
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

/// The prefix of every WeChat Pay public key id.
pub const PUBLIC_KEY_ID_PREFIX: &str = "PUB_KEY_ID_";
/// The most hex digits of a certificate serial (X.509 serials are at most
/// 20 bytes).
const MAX_CERTIFICATE_SERIAL_DIGITS: usize = 40;

/// A certificate serial in its one canonical form: upper-case hex without
/// leading zeros (`0` for zero), as WeChat Pay writes platform certificate
/// serials and as it is stored, compared and sent everywhere in this crate.
/// Colons between the digits (`51:57:F0:…`, as some tools print serials)
/// are dropped.
///
/// ```
/// use webizpay_api::__internal::canonical_serial;
///
/// assert_eq!(canonical_serial("005157f09e").unwrap(), "5157F09E");
/// assert_eq!(canonical_serial("51:57:F0:9E").unwrap(), "5157F09E");
/// assert!(canonical_serial("PUB_KEY_ID_01").is_err());
/// ```
///
/// # Errors
///
/// When the text is not hex digits (the message says what it found).
pub fn canonical_serial(serial: &str) -> Result<String, String> {
    let digits: String = serial.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() {
        return Err("the serial is empty".to_owned());
    }
    if let Some(bad) = digits.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(format!(
            "a certificate serial is hex digits, but it contains {bad:?}"
        ));
    }
    let trimmed = digits.trim_start_matches('0');
    let canonical = if trimmed.is_empty() { "0" } else { trimmed }.to_ascii_uppercase();
    if canonical.len() > MAX_CERTIFICATE_SERIAL_DIGITS {
        return Err(format!(
            "a certificate serial has at most {MAX_CERTIFICATE_SERIAL_DIGITS} hex digits, this one {}",
            canonical.len()
        ));
    }
    Ok(canonical)
}

/// Whether `serial` is already canonical (no allocation on the hot path).
fn is_canonical(serial: &str) -> bool {
    !serial.is_empty()
        && serial.len() <= MAX_CERTIFICATE_SERIAL_DIGITS
        && (serial == "0" || !serial.starts_with('0'))
        && serial
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

/// A WeChat Pay key id as configured: a public key id is kept as is, a
/// platform certificate serial made canonical; each must be of its kind.
fn key_id(kind: KeyKind, id: &str) -> Result<String, ConfigError> {
    let what = kind.describe(id);
    check_serial(&what, id)?;
    match kind {
        KeyKind::PublicKey if id.starts_with(PUBLIC_KEY_ID_PREFIX) => Ok(id.to_owned()),
        KeyKind::PublicKey => Err(ConfigError::new(
            what,
            format!(
                "a WeChat Pay public key id starts with {PUBLIC_KEY_ID_PREFIX} (e.g. PUB_KEY_ID_0114232134912410000000000001); if {id:?} is a platform certificate serial, add the certificate with ConfigBuilder::platform_certificate"
            ),
        )),
        KeyKind::PlatformCertificate if id.starts_with(PUBLIC_KEY_ID_PREFIX) => {
            Err(ConfigError::new(
                what,
                format!(
                    "a platform certificate serial is hex digits, and {id:?} is a WeChat Pay public key id: add the public key with ConfigBuilder::wechatpay_public_key"
                ),
            ))
        }
        KeyKind::PlatformCertificate => {
            canonical_serial(id).map_err(|problem| ConfigError::new(what, problem))
        }
    }
}

/// The merchant's APIv3 key (APIv3密钥): exactly 32 bytes, which decrypt
/// notification resources and downloaded platform certificates
/// (AEAD_AES_256_GCM). Never shown by `Debug` or in errors; wiped on drop.
#[derive(Clone)]
pub struct ApiV3Key(Zeroizing<[u8; 32]>);

impl fmt::Debug for ApiV3Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiV3Key(<redacted>)")
    }
}

impl ApiV3Key {
    /// The key from its text (32 ASCII characters, as the merchant platform
    /// shows it).
    ///
    /// # Errors
    ///
    /// When the text is not exactly 32 bytes (the message gives the length,
    /// never the key).
    pub fn new(key: impl AsRef<[u8]>) -> Result<Self, ConfigError> {
        let key = key.as_ref();
        let bytes: [u8; 32] = key.try_into().map_err(|_| {
            ConfigError::new(
                "APIv3 key",
                format!(
                    "is {} bytes long; an APIv3 key is exactly 32 bytes (32 ASCII characters, set on the merchant platform)",
                    key.len()
                ),
            )
        })?;
        Ok(ApiV3Key(Zeroizing::new(bytes)))
    }

    /// Reads the key from a file (a final line break is ignored).
    ///
    /// # Errors
    ///
    /// When the file cannot be read or the key is not 32 bytes.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        let path = path.as_ref();
        let text = Zeroizing::new(std::fs::read(path).map_err(|e| {
            ConfigError::new(
                "APIv3 key",
                format!("could not read file {}: {e}", path.display()),
            )
        })?);
        let trimmed = text
            .strip_suffix(b"\r\n")
            .or_else(|| text.strip_suffix(b"\n"))
            .unwrap_or(&text);
        ApiV3Key::new(trimmed)
    }

    /// Reads the key from the environment variable `name`.
    ///
    /// # Errors
    ///
    /// When the variable is not set (or not UTF-8) or the key is not 32 bytes.
    pub fn from_env(name: &str) -> Result<Self, ConfigError> {
        let value = Zeroizing::new(std::env::var(name).map_err(|e| {
            ConfigError::new("APIv3 key", format!("environment variable {name}: {e}"))
        })?);
        ApiV3Key::new(value.as_bytes())
    }

    /// The 32 key bytes.
    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
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
    merchant_certificate_pem: Option<String>,
    apiv3_key: Option<ApiV3Key>,
    download_platform_certificates: bool,
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
    /// Sets the merchant API certificate (`apiclient_cert.pem`, PEM text):
    /// the merchant serial is taken from it (and must agree with
    /// [`merchant_serial`](Self::merchant_serial) if that is set too), and
    /// `build` checks that it belongs to the merchant private key.
    pub fn merchant_certificate(mut self, pem: impl Into<String>) -> Self {
        self.merchant_certificate_pem = Some(pem.into());
        self
    }
    /// Reads the merchant API certificate from a PEM file (`apiclient_cert.pem`);
    /// see [`merchant_certificate`](Self::merchant_certificate).
    pub fn merchant_certificate_file(mut self, path: impl AsRef<Path>) -> Self {
        match read_pem_file(path.as_ref(), "merchant certificate") {
            Ok(pem) => self.merchant_certificate_pem = Some(pem.to_string()),
            Err(e) => self.record(e),
        }
        self
    }
    /// Platform-certificate mode: the client downloads the WeChat Pay
    /// platform certificates itself (`GET /v3/certificates`) and refreshes
    /// them; see the crate docs, [Platform certificates](crate#platform-certificates). Needs the APIv3 key; no
    /// WeChat Pay key need be configured then.
    pub fn download_platform_certificates(mut self, enabled: bool) -> Self {
        self.download_platform_certificates = enabled;
        self
    }
    /// Sets the APIv3 key, which decrypts notifications (see [`ApiV3Key`]
    /// for reading it from a file or the environment).
    pub fn apiv3_key(mut self, key: ApiV3Key) -> Self {
        self.apiv3_key = Some(key);
        self
    }
    /// Sets the APIv3 key from its text (32 characters); a wrong length is
    /// reported by `build`.
    pub fn apiv3_key_str(mut self, key: &str) -> Self {
        match ApiV3Key::new(key) {
            Ok(k) => self.apiv3_key = Some(k),
            Err(e) => self.record(e),
        }
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
    ///
    /// The id starts with `PUB_KEY_ID_`.
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
    /// Adds a platform certificate (PEM) under its serial (hex digits, any
    /// case, leading zeros and colons allowed: it is stored canonical).
    /// An expired certificate is refused when the [`Client`](crate::Client)
    /// is built.
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
    /// Reads a platform certificate from a PEM file; see
    /// [`platform_certificate`](Self::platform_certificate).
    pub fn platform_certificate_file(
        mut self,
        serial: impl Into<String>,
        path: impl AsRef<Path>,
    ) -> Self {
        let serial = serial.into();
        match read_pem_file(
            path.as_ref(),
            &KeyKind::PlatformCertificate.describe(&serial),
        ) {
            Ok(pem) => self.wechatpay_keys.push(PendingKey {
                serial,
                kind: KeyKind::PlatformCertificate,
                pem: pem.to_string(),
            }),
            Err(e) => self.record(e),
        }
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

        let certificate = match &self.merchant_certificate_pem {
            Some(pem) => {
                let (key, info) = backend
                    .parse_verifying_key(pem)
                    .map_err(|e| ConfigError::new("merchant certificate", e.problem))?;
                let Some(info) = info else {
                    return Err(ConfigError::new(
                        "merchant certificate",
                        "the PEM is a bare public key, not the merchant API certificate (apiclient_cert.pem)",
                    ));
                };
                Some((key, info))
            }
            None => None,
        };
        let merchant_serial = match (&self.merchant_serial, &certificate) {
            (Some(given), certificate) => {
                check_serial("merchant certificate serial", given)?;
                let serial = canonical_serial(given)
                    .map_err(|p| ConfigError::new("merchant certificate serial", p))?;
                if let Some((_, info)) = certificate
                    && info.serial != serial
                {
                    return Err(ConfigError::new(
                        "merchant certificate serial",
                        format!(
                            "{serial} is not the serial of the merchant certificate ({}): leave merchant_serial out, or give the certificate's",
                            info.serial
                        ),
                    ));
                }
                serial
            }
            (None, Some((_, info))) => info.serial.clone(),
            (None, None) => {
                return Err(ConfigError::new(
                    "merchant certificate serial",
                    "is not set: call ConfigBuilder::merchant_serial with the serial number of the merchant API certificate, or ConfigBuilder::merchant_certificate_file with apiclient_cert.pem",
                ));
            }
        };

        let private_key_pem = self.private_key_pem.ok_or_else(|| {
            ConfigError::new(
                "merchant private key",
                "is not set: call ConfigBuilder::merchant_private_key_pem or merchant_private_key_file",
            )
        })?;
        let signer: Arc<dyn SigningKey> =
            Arc::from(backend.signing_key_from_pem(&private_key_pem)?);
        drop(private_key_pem);
        if let Some((certificate_key, info)) = &certificate {
            let probe = b"webizpay: does the merchant certificate belong to the private key?";
            if !certificate_key.verify(probe, &signer.sign(probe)) {
                return Err(ConfigError::new(
                    "merchant certificate",
                    format!(
                        "the certificate (serial {}) does not belong to the merchant private key: use the apiclient_cert.pem issued with apiclient_key.pem",
                        info.serial
                    ),
                ));
            }
        }

        if self.download_platform_certificates && self.apiv3_key.is_none() {
            return Err(ConfigError::new(
                "APIv3 key",
                "is not set, but platform certificates are downloaded and they are encrypted with it: call ConfigBuilder::apiv3_key",
            ));
        }
        if self.wechatpay_keys.is_empty() && !self.download_platform_certificates {
            return Err(ConfigError::new(
                "WeChat Pay keys",
                "none configured: add the WeChat Pay public key (ConfigBuilder::wechatpay_public_key, id PUB_KEY_ID_…) or a platform certificate, to verify responses",
            ));
        }
        let mut keys: Vec<(String, Arc<dyn VerifyingKey>)> =
            Vec::with_capacity(self.wechatpay_keys.len());
        let mut certificates: Vec<Validity> = Vec::new();
        for pending in self.wechatpay_keys {
            let serial = key_id(pending.kind, &pending.serial)?;
            let what = pending.kind.describe(&serial);
            if keys.iter().any(|(s, _)| *s == serial) {
                return Err(ConfigError::new(
                    what,
                    "is configured twice: each WeChat Pay key serial must be unique",
                ));
            }
            let (key, info) = backend
                .parse_verifying_key(&pending.pem)
                .map_err(|e| ConfigError::new(what.clone(), e.problem))?;
            check_key_kind(
                &what,
                pending.kind,
                &serial,
                info.as_ref().map(|i| &i.serial),
            )?;
            if let Some(info) = info {
                certificates.push(Validity {
                    serial: serial.clone(),
                    not_before: info.not_before_unix,
                    not_after: info.not_after_unix,
                    downloaded: false,
                });
            }
            keys.push((serial, Arc::from(key)));
        }

        let preferred = match self.preferred {
            _ if keys.is_empty() => String::new(),
            Some(p) => {
                let p = if p.starts_with(PUBLIC_KEY_ID_PREFIX) {
                    p
                } else {
                    canonical_serial(&p).unwrap_or(p)
                };
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
                certificates: certificates.into(),
            },
            backend,
            apiv3_key: self.apiv3_key,
            download_platform_certificates: self.download_platform_certificates,
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
    certificate_serial: Option<&String>,
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
    // Both canonical (upper-case hex without leading zeros).
    if serial != cert_serial {
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
    /// Platform certificates: serial, validity and origin.
    pub(crate) certificates: Arc<[Validity]>,
}

/// A platform certificate's validity, and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct Validity {
    /// The canonical serial.
    pub(crate) serial: String,
    /// `notBefore`, Unix seconds.
    pub(crate) not_before: i64,
    /// `notAfter`, Unix seconds.
    pub(crate) not_after: i64,
    /// From a `/v3/certificates` download (else configured).
    pub(crate) downloaded: bool,
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
    /// The key for a serial: a public key id exactly, a certificate serial
    /// in any spelling of the same number (`5157f09e…`, `005157F09E…`).
    pub(crate) fn get(&self, serial: &str) -> Option<&dyn VerifyingKey> {
        let canonical;
        let serial = if serial.starts_with(PUBLIC_KEY_ID_PREFIX) || is_canonical(serial) {
            serial
        } else {
            canonical = canonical_serial(serial).ok()?;
            canonical.as_str()
        };
        // One or two keys: a linear scan beats hashing.
        self.keys
            .iter()
            .find(|(s, _)| s == serial)
            .map(|(_, k)| &**k)
    }

    /// The key for a serial, checked to be valid at `now` when it is a
    /// platform certificate (`notBefore` ≤ `now` ≤ `notAfter`).
    pub(crate) fn get_valid(
        &self,
        serial: &str,
        now: i64,
    ) -> Result<&dyn VerifyingKey, VerificationFailure> {
        let key = self
            .get(serial)
            .ok_or_else(|| VerificationFailure::UnknownSerial(serial.to_owned()))?;
        if !self.certificates.is_empty() {
            // The key was found, so a certificate serial canonicalizes; no
            // allocation when it is already canonical (the usual case).
            let owned;
            let canonical = if is_canonical(serial) {
                serial
            } else {
                owned = canonical_serial(serial).unwrap_or_default();
                owned.as_str()
            };
            if let Some(v) = self.certificates.iter().find(|v| v.serial == canonical)
                && (now < v.not_before || now > v.not_after)
            {
                return Err(VerificationFailure::CertificateNotValid {
                    serial: v.serial.clone(),
                    not_before: v.not_before,
                    not_after: v.not_after,
                    now,
                });
            }
        }
        Ok(key)
    }

    /// These keys with the certificates of a `/v3/certificates` download:
    /// the download replaces what an earlier download brought (a
    /// certificate withdrawn from the list is no longer trusted); configured
    /// keys stay, and win over a downloaded certificate of the same serial.
    /// The preferred serial is kept while it is still there, else the
    /// newest downloaded certificate's.
    pub(crate) fn with_download(
        &self,
        downloaded: &[crate::runtime::certificates::PlatformCertificate],
    ) -> WechatPayKeys {
        let was_downloaded = |serial: &str| {
            self.certificates
                .iter()
                .any(|v| v.downloaded && v.serial == serial)
        };
        let mut keys: Vec<(String, Arc<dyn VerifyingKey>)> = self
            .keys
            .iter()
            .filter(|(s, _)| !was_downloaded(s))
            .cloned()
            .collect();
        let mut certificates: Vec<Validity> = self
            .certificates
            .iter()
            .filter(|v| !v.downloaded)
            .cloned()
            .collect();
        for d in downloaded {
            if keys.iter().any(|(s, _)| *s == d.serial) {
                continue;
            }
            keys.push((d.serial.clone(), Arc::clone(&d.key)));
            certificates.push(Validity {
                serial: d.serial.clone(),
                not_before: d.not_before,
                not_after: d.not_after,
                downloaded: true,
            });
        }
        let preferred = if keys.iter().any(|(s, _)| **s == *self.preferred) {
            self.preferred.to_string()
        } else {
            downloaded
                .iter()
                .max_by_key(|d| d.not_after)
                .map_or_else(String::new, |d| d.serial.clone())
        };
        WechatPayKeys {
            keys: keys.into(),
            preferred: preferred.into(),
            certificates: certificates.into(),
        }
    }

    /// The platform certificates: serial and the end of validity (`notAfter`,
    /// Unix seconds).
    pub fn certificate_expiries(&self) -> impl Iterator<Item = (&str, i64)> {
        self.certificates
            .iter()
            .map(|v| (v.serial.as_str(), v.not_after))
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
