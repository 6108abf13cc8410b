//! A strict PEM (RFC 7468) reader that knows the labels of every block, so
//! that a wrong, encrypted or truncated key gets a precise error. Errors never
//! quote the input. Decoded bytes are wiped on drop.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";
const DASHES: &str = "-----";

const PRIVATE_LABELS: &str = "PRIVATE KEY or RSA PRIVATE KEY";
const PUBLIC_LABELS: &str = "PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE";

/// A private key's DER, by format.
pub(crate) enum PrivateKeyDer {
    /// PKCS#8 `PrivateKeyInfo` (`-----BEGIN PRIVATE KEY-----`).
    Pkcs8(Zeroizing<Vec<u8>>),
    /// PKCS#1 `RSAPrivateKey` (`-----BEGIN RSA PRIVATE KEY-----`).
    Pkcs1(Zeroizing<Vec<u8>>),
}

/// A public key's DER, by format.
pub(crate) enum PublicKeyBlock {
    /// `SubjectPublicKeyInfo` (`-----BEGIN PUBLIC KEY-----`).
    Spki(Vec<u8>),
    /// PKCS#1 `RSAPublicKey` (`-----BEGIN RSA PUBLIC KEY-----`).
    Pkcs1(Vec<u8>),
    /// An X.509 certificate (`-----BEGIN CERTIFICATE-----`).
    Certificate(Vec<u8>),
}

/// One `-----BEGIN L-----` … `-----END L-----` block.
struct Block<'a> {
    label: &'a str,
    /// RFC 1421 headers (`Proc-Type: …`) before the base64 body.
    headers: Vec<&'a str>,
    body: &'a str,
}

impl Block<'_> {
    fn is_encrypted(&self) -> bool {
        self.label.starts_with("ENCRYPTED")
            || self.headers.iter().any(|h| {
                h.starts_with("DEK-Info") || (h.starts_with("Proc-Type") && h.contains("ENCRYPTED"))
            })
    }

    /// The base64 body, decoded.
    fn decode(&self) -> Result<Zeroizing<Vec<u8>>, String> {
        if !self.headers.is_empty() {
            return Err(format!(
                "the {} PEM block has unexpected headers (such as Proc-Type): give the plain PEM block",
                self.label
            ));
        }
        let mut compact = Zeroizing::new(Vec::with_capacity(self.body.len()));
        compact.extend(self.body.bytes().filter(|b| !b.is_ascii_whitespace()));
        if compact.is_empty() {
            return Err(format!("the {} PEM block is empty", self.label));
        }
        let mut der = Zeroizing::new(Vec::with_capacity(compact.len() / 4 * 3 + 3));
        STANDARD.decode_vec(&*compact, &mut der).map_err(|_| {
            format!(
                "the {} PEM block is not valid base64 (the PEM text is corrupted or truncated)",
                self.label
            )
        })?;
        Ok(der)
    }
}

fn article(label: &str) -> &'static str {
    // "an RSA …": the letters are spoken, and R reads "ar".
    if label.starts_with("RSA") {
        return "an";
    }
    match label.as_bytes().first() {
        Some(b'A' | b'E' | b'I' | b'O' | b'U') => "an",
        _ => "a",
    }
}

/// Every block of `text`, in order. Text outside blocks is ignored (RFC 7468
/// allows explanatory text); a block without its END line is an error.
fn blocks(text: &str) -> Result<Vec<Block<'_>>, String> {
    if text.contains(BEGIN) && !text.trim().contains('\n') && text.contains("\\n") {
        return Err(
            "the PEM has literal \\n sequences instead of line breaks (read from a .env file or a JSON string?): turn each \\n into a real line break"
                .to_owned(),
        );
    }
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = &rest[start + BEGIN.len()..];
        let line_end = after_begin.find('\n').unwrap_or(after_begin.len());
        let line = after_begin[..line_end].trim_end();
        let Some(label) = line.strip_suffix(DASHES) else {
            return Err("truncated PEM: the -----BEGIN line is incomplete".to_owned());
        };
        if label.is_empty()
            || label.len() > 64
            || !label
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ' || b == b'-')
        {
            return Err("not PEM: the -----BEGIN line has no valid label".to_owned());
        }
        let body_and_rest = &after_begin[line_end..];
        let Some(end) = find_end(body_and_rest, label) else {
            return Err(match body_and_rest.find(END) {
                Some(_) => format!(
                    "malformed PEM: the {label} block ends with a different END line (expected -----END {label}-----)"
                ),
                None => format!(
                    "truncated PEM: the {label} block has no -----END {label}----- line (is the text or file cut short?)"
                ),
            });
        };
        let mut body = &body_and_rest[..end];
        let mut headers = Vec::new();
        // RFC 1421 headers: `Name: value` lines, then a blank line.
        loop {
            let trimmed = body.trim_start_matches(['\r', '\n']);
            let line_len = trimmed.find('\n').unwrap_or(trimmed.len());
            let line = trimmed[..line_len].trim_end();
            if line.contains(':') {
                headers.push(line);
                body = &trimmed[line_len..];
            } else {
                break;
            }
        }
        out.push(Block {
            label,
            headers,
            body,
        });
        let consumed = end + END.len() + label.len() + DASHES.len();
        rest = &body_and_rest[consumed..];
    }
    Ok(out)
}

/// Offset of `-----END {label}-----` in `s`.
fn find_end(s: &str, label: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(END) {
        let at = from + i;
        let tail = &s[at + END.len()..];
        if tail
            .strip_prefix(label)
            .is_some_and(|t| t.starts_with(DASHES))
        {
            return Some(at);
        }
        from = at + END.len();
    }
    None
}

fn no_pem(text: &str, expected: &str) -> String {
    if text.trim().is_empty() {
        return format!("is empty: expected a PEM block ({expected})");
    }
    let one_line = !text.trim().contains('\n');
    let body = text.trim();
    let looks_like_base64 = body.len() >= 64
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'\n' | b'\r'));
    if looks_like_base64 {
        return format!(
            "is not PEM (no -----BEGIN line): it looks like the base64 body of a key without its -----BEGIN …----- and -----END …----- lines; give the whole PEM ({expected})"
        );
    }
    let looks_like_path = one_line
        && text.trim().len() < 4096
        && (text.contains('/') || text.contains('\\') || text.trim_end().ends_with(".pem"));
    if looks_like_path {
        format!(
            "is not PEM (no -----BEGIN line): expected the PEM text ({expected}); it looks like a file path, so load it with the matching *_file method"
        )
    } else {
        format!("is not PEM (no -----BEGIN line found): expected {expected}")
    }
}

fn describe_found(found: &[Block<'_>]) -> String {
    match found {
        [one] => format!("found {} {} PEM block", article(one.label), one.label),
        many => {
            let labels: Vec<&str> = many.iter().map(|b| b.label).collect();
            format!("found only {} PEM blocks", labels.join(", "))
        }
    }
}

fn encrypted(label: &str) -> String {
    format!(
        "the key is encrypted ({label} PEM block): decrypt it first (e.g. `openssl pkey -in encrypted.pem -out key.pem`) and keep the decrypted file protected"
    )
}

/// Finds and decodes the one private key of `text`.
pub(crate) fn private_key(text: &str) -> Result<PrivateKeyDer, String> {
    let found = blocks(text)?;
    if found.is_empty() {
        return Err(no_pem(text, PRIVATE_LABELS));
    }
    let keys: Vec<&Block<'_>> = found
        .iter()
        .filter(|b| b.label == "PRIVATE KEY" || b.label == "RSA PRIVATE KEY")
        .collect();
    match keys.as_slice() {
        [key] => {
            if key.is_encrypted() {
                return Err(encrypted(key.label));
            }
            let der = key.decode()?;
            Ok(if key.label == "PRIVATE KEY" {
                PrivateKeyDer::Pkcs8(der)
            } else {
                PrivateKeyDer::Pkcs1(der)
            })
        }
        [] => {
            if let Some(b) = found.iter().find(|b| b.is_encrypted()) {
                return Err(encrypted(b.label));
            }
            if found.iter().any(|b| b.label == "EC PRIVATE KEY") {
                return Err(
                    "found an EC PRIVATE KEY PEM block: this is an EC key, not RSA; WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs the merchant's RSA private key (apiclient_key.pem)"
                        .to_owned(),
                );
            }
            if found.iter().any(|b| b.label == "OPENSSH PRIVATE KEY") {
                return Err(
                    "found an OPENSSH PRIVATE KEY PEM block: give the merchant's RSA private key as PKCS#8 (PRIVATE KEY) or PKCS#1 (RSA PRIVATE KEY)"
                        .to_owned(),
                );
            }
            let mut msg = format!("{}, expected {PRIVATE_LABELS}", describe_found(&found));
            if found.iter().any(|b| b.label == "CERTIFICATE") {
                msg.push_str(
                    " (a certificate holds no private key: the merchant private key is the apiclient_key.pem file)",
                );
            }
            Err(msg)
        }
        many => Err(format!(
            "the PEM text holds {} private keys; give exactly one",
            many.len()
        )),
    }
}

/// Finds and decodes the one public key or certificate of `text`.
pub(crate) fn public_key(text: &str) -> Result<PublicKeyBlock, String> {
    let found = blocks(text)?;
    if found.is_empty() {
        return Err(no_pem(text, PUBLIC_LABELS));
    }
    let keys: Vec<&Block<'_>> = found
        .iter()
        .filter(|b| matches!(b.label, "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE"))
        .collect();
    match keys.as_slice() {
        [key] => {
            // Public material: no need to wipe it.
            let der = key.decode()?.to_vec();
            Ok(match key.label {
                "PUBLIC KEY" => PublicKeyBlock::Spki(der),
                "RSA PUBLIC KEY" => PublicKeyBlock::Pkcs1(der),
                _ => PublicKeyBlock::Certificate(der),
            })
        }
        [] => {
            let mut msg = format!("{}, expected {PUBLIC_LABELS}", describe_found(&found));
            if found.iter().any(|b| b.label.contains("PRIVATE KEY")) {
                msg.push_str(
                    " (a private key does not belong here: give WeChat Pay's public key or platform certificate)",
                );
            }
            Err(msg)
        }
        many => Err(format!(
            "the PEM text holds {} public keys or certificates; give exactly one (for a certificate chain, only the WeChat Pay platform certificate)",
            many.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_labels_headers_and_bodies() {
        let text = "intro text\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nQUJD\n-----END RSA PRIVATE KEY-----\ntrailer";
        let b = blocks(text).unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].label, "RSA PRIVATE KEY");
        assert_eq!(
            b[0].headers,
            ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,00"]
        );
        assert_eq!(b[0].body.trim(), "QUJD");
        assert!(b[0].is_encrypted());
    }

    #[test]
    fn decodes_body_across_lines_and_crlf() {
        let text = "-----BEGIN PUBLIC KEY-----\r\nQU\r\nJD\r\n-----END PUBLIC KEY-----\r\n";
        match public_key(text).unwrap() {
            PublicKeyBlock::Spki(der) => assert_eq!(der, b"ABC"),
            _ => panic!("expected SPKI"),
        }
    }

    #[test]
    fn mismatched_end_is_reported() {
        let text = "-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PRIVATE KEY-----\n";
        let Err(err) = public_key(text) else {
            panic!("accepted a mismatched END line")
        };
        assert_eq!(
            err,
            "malformed PEM: the PUBLIC KEY block ends with a different END line (expected -----END PUBLIC KEY-----)"
        );
    }
}
