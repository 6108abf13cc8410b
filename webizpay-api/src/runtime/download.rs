//! Downloading bill and proof files: see the crate docs, "Bills and proofs".

use tokio::io::{AsyncWrite, AsyncWriteExt as _};

use crate::runtime::operation::OperationInfo;

/// A response that names a file to download (generated for the operations
/// whose spec has a `download` block).
pub trait Downloadable {
    /// The operation that answered with this file: its hosts are where a
    /// download may go.
    const OPERATION: &'static OperationInfo;

    /// The URL of the file (valid for 5 minutes).
    fn download_url(&self) -> &str;

    /// The hash the answer announced for the file: `(hash_type, hash_value)`.
    fn expected_hash(&self) -> Option<(&str, &str)>;

    /// When the answer announced half a hash (a type without a value, or a
    /// value without a type): the wire name of the field it has. Such an
    /// answer is refused ([`DownloadError::IncompleteHash`]) rather than
    /// downloaded unchecked.
    fn incomplete_hash(&self) -> Option<&'static str> {
        None
    }
}

/// What a finished download was.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Downloaded {
    /// The HTTP status.
    pub status: u16,
    /// The `Request-ID` header, if any.
    pub request_id: Option<String>,
    /// The number of bytes written.
    pub bytes: u64,
    /// The hash type the file was checked against (`SHA1`, `SHA256`), or
    /// `None` when the answer announced no hash (nothing was checked).
    pub hash_checked: Option<String>,
}

/// Why a download failed (besides transport and API errors).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DownloadError {
    /// The URL is not a WeChat Pay API host (or the configured base URL):
    /// nothing was signed or sent.
    #[error(
        "download_url refused, nothing was sent: {reason}; downloads go only to the WeChat Pay API hosts or the configured base URL"
    )]
    ForeignUrl {
        /// What is wrong with the URL (its origin, never its query).
        reason: String,
    },
    /// The announced hash type is not one this crate computes: nothing was sent.
    #[error("hash_type {hash_type:?} is not supported (SHA1, SHA256); nothing was sent")]
    UnsupportedHash {
        /// The announced type.
        hash_type: String,
    },
    /// The answer announced half a hash (only `present`, not its pair):
    /// nothing was sent, since the file could not be checked as announced.
    #[error(
        "the answer announced half a hash ({present} without its pair), so the file cannot be checked; nothing was sent"
    )]
    IncompleteHash {
        /// The wire name of the field the answer has.
        present: &'static str,
    },
    /// The file is larger than the client accepts.
    #[error("the file is larger than the limit of {limit} bytes (max_download_bytes)")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The file does not have the announced hash: it is not the file WeChat
    /// Pay announced; discard what was written.
    #[error("the file's {hash_type} is {actual}, but the answer announced {expected}: discard it")]
    HashMismatch {
        /// The hash type.
        hash_type: String,
        /// The announced hex digest.
        expected: String,
        /// The digest of what was received.
        actual: String,
    },
    /// Writing to the caller's writer failed.
    #[error("writing the downloaded file failed: {0}")]
    Write(#[source] std::io::Error),
    /// [`Client::download_to_path`](crate::Client::download_to_path) could
    /// not create, write or rename a file: nothing is left at `path`, and no
    /// temporary file is left beside it.
    #[error("could not {action} {}: {source}", path.display())]
    File {
        /// What failed: `create a temporary file beside`, `write`, `move the
        /// checked file to`.
        action: &'static str,
        /// The destination the caller gave.
        path: std::path::PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// An incremental hash of one of the supported types.
pub(crate) enum Hasher {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
}

impl Hasher {
    /// The hasher of a `hash_type` (ASCII case ignored).
    pub(crate) fn of(hash_type: &str) -> Option<Hasher> {
        use sha2::Digest as _;
        if hash_type.eq_ignore_ascii_case("SHA1") {
            Some(Hasher::Sha1(sha1::Sha1::new()))
        } else if hash_type.eq_ignore_ascii_case("SHA256") {
            Some(Hasher::Sha256(sha2::Sha256::new()))
        } else {
            None
        }
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        use sha2::Digest as _;
        match self {
            Hasher::Sha1(h) => h.update(bytes),
            Hasher::Sha256(h) => h.update(bytes),
        }
    }

    /// The lowercase hex digest.
    pub(crate) fn finish(self) -> String {
        use sha2::Digest as _;
        let digest: Vec<u8> = match self {
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
        };
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// `scheme://host:port` of a URL, with the port made explicit.
pub(crate) fn origin(url: &reqwest::Url) -> Option<(String, String, u16)> {
    Some((
        url.scheme().to_owned(),
        url.host_str()?.to_ascii_lowercase(),
        url.port_or_known_default()?,
    ))
}

/// Writes one chunk, hashing it.
pub(crate) async fn write_chunk<W: AsyncWrite + Unpin + ?Sized>(
    out: &mut W,
    hasher: Option<&mut Hasher>,
    chunk: &[u8],
) -> Result<(), DownloadError> {
    if let Some(h) = hasher {
        h.update(chunk);
    }
    out.write_all(chunk).await.map_err(DownloadError::Write)
}
