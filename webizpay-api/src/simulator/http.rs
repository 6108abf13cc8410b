//! A small HTTP/1.1 server side over a raw TCP stream: requests are parsed
//! with `httparse` (headers, then exactly `Content-Length` body bytes), and
//! responses are written byte for byte, so that fault modes control both the
//! bytes and the socket.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::SimResponse;

/// The largest request head (request line and headers) accepted, in bytes.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// The largest number of request headers accepted.
pub const MAX_HEADERS: usize = 64;
/// The largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How long an idle keep-alive connection is kept open.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a started request may take to arrive completely.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a closing connection keeps reading what the peer still sends.
const LINGER: Duration = Duration::from_millis(500);

/// A request read off the wire.
#[derive(Debug)]
pub(crate) struct HttpRequest {
    pub method: String,
    /// The request target exactly as on the request line.
    pub target: String,
    /// `0` for HTTP/1.0, `1` for HTTP/1.1.
    pub version: u8,
    /// Header names and values in the order received (values lossily
    /// converted to UTF-8).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// Every value of a header, in order (names compare case-insensitively).
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the connection stays open after the response.
    pub fn keep_alive(&self) -> bool {
        let tokens = || {
            self.header_values("connection")
                .flat_map(|v| v.split(','))
                .map(str::trim)
        };
        if self.version == 0 {
            tokens().any(|t| t.eq_ignore_ascii_case("keep-alive"))
        } else {
            !tokens().any(|t| t.eq_ignore_ascii_case("close"))
        }
    }
}

/// What reading the next request gave.
#[derive(Debug)]
pub(crate) enum ReadOutcome {
    /// A complete request.
    Request(HttpRequest),
    /// The peer closed (or went idle) between requests, or the connection
    /// broke: nothing to answer.
    Closed,
    /// The bytes are not an acceptable HTTP request: answer with this status
    /// and message, then close.
    Reject { status: u16, message: String },
}

/// One server-side connection with its read buffer (pipelined bytes of the
/// next request stay in it).
pub(crate) struct Connection {
    pub stream: TcpStream,
    buf: Vec<u8>,
}

impl Connection {
    pub fn new(stream: TcpStream) -> Self {
        Connection {
            stream,
            buf: Vec::with_capacity(4096),
        }
    }

    /// Reads more bytes into the buffer; `Ok(0)` at end of stream.
    async fn fill(&mut self, timeout: Duration) -> io::Result<usize> {
        let mut chunk = [0u8; 8192];
        let n = tokio::time::timeout(timeout, self.stream.read(&mut chunk))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "read timed out"))??;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n)
    }

    /// Reads the next request: the head until it is complete, then exactly
    /// `Content-Length` body bytes.
    pub async fn read_request(&mut self) -> ReadOutcome {
        let (head_len, mut request, content_length, expect_continue) = loop {
            match parse_head(&self.buf) {
                Head::Complete {
                    len,
                    request,
                    content_length,
                    expect_continue,
                } => break (len, request, content_length, expect_continue),
                Head::Reject { status, message } => return ReadOutcome::Reject { status, message },
                Head::Partial => {
                    if self.buf.len() >= MAX_HEAD_BYTES {
                        return ReadOutcome::Reject {
                            status: 431,
                            message: format!(
                                "the request head is larger than {MAX_HEAD_BYTES} bytes"
                            ),
                        };
                    }
                    let timeout = if self.buf.is_empty() {
                        IDLE_TIMEOUT
                    } else {
                        REQUEST_TIMEOUT
                    };
                    match self.fill(timeout).await {
                        Ok(0) | Err(_) => return ReadOutcome::Closed,
                        Ok(_) => {}
                    }
                }
            }
        };
        if expect_continue && self.buf.len() < head_len + content_length {
            let interim = b"HTTP/1.1 100 Continue\r\n\r\n";
            if self.stream.write_all(interim).await.is_err() {
                return ReadOutcome::Closed;
            }
        }
        while self.buf.len() < head_len + content_length {
            match self.fill(REQUEST_TIMEOUT).await {
                Ok(0) | Err(_) => return ReadOutcome::Closed,
                Ok(_) => {}
            }
        }
        request.body = self.buf[head_len..head_len + content_length].to_vec();
        self.buf.drain(..head_len + content_length);
        ReadOutcome::Request(request)
    }

    /// Writes raw bytes and flushes.
    pub async fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes).await?;
        self.stream.flush().await
    }

    /// Closes the sending side (FIN), then reads and discards what the peer
    /// still sends for a short while (a "lingering close"): closing with
    /// unread bytes would make the kernel send an RST, and the peer could
    /// lose the response it has not read yet (e.g. a 413 answered before the
    /// body was read).
    pub async fn close(mut self) {
        if self.stream.shutdown().await.is_err() {
            return;
        }
        let deadline = tokio::time::Instant::now() + LINGER;
        let mut drained = 0usize;
        let mut chunk = [0u8; 8192];
        while drained < MAX_BODY_BYTES {
            match tokio::time::timeout_at(deadline, self.stream.read(&mut chunk)).await {
                Ok(Ok(n)) if n > 0 => drained += n,
                _ => break,
            }
        }
    }

    /// Resets the connection: `SO_LINGER` 0, then close, so the peer sees an
    /// RST instead of a FIN.
    pub fn reset(self) {
        if let Err(e) = self.stream.set_zero_linger() {
            tracing::debug!("simulator: could not set SO_LINGER 0: {e}");
        }
        drop(self.stream);
    }
}

enum Head {
    Partial,
    Complete {
        len: usize,
        request: HttpRequest,
        content_length: usize,
        expect_continue: bool,
    },
    Reject {
        status: u16,
        message: String,
    },
}

fn reject(status: u16, message: impl Into<String>) -> Head {
    Head::Reject {
        status,
        message: message.into(),
    }
}

fn parse_head(buf: &[u8]) -> Head {
    if buf.is_empty() {
        return Head::Partial;
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let len = match req.parse(buf) {
        Ok(httparse::Status::Partial) => return Head::Partial,
        Ok(httparse::Status::Complete(len)) => len,
        Err(httparse::Error::TooManyHeaders) => {
            return reject(431, format!("more than {MAX_HEADERS} request headers"));
        }
        Err(e) => return reject(400, format!("malformed HTTP request: {e}")),
    };
    let (Some(method), Some(target), Some(version)) = (req.method, req.path, req.version) else {
        return reject(400, "malformed HTTP request line");
    };
    let request = HttpRequest {
        method: method.to_owned(),
        target: target.to_owned(),
        version,
        headers: req
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_owned(),
                    String::from_utf8_lossy(h.value).into_owned(),
                )
            })
            .collect(),
        body: Vec::new(),
    };
    if request.header_values("transfer-encoding").next().is_some() {
        return reject(
            411,
            "Transfer-Encoding is not supported: send the body with a Content-Length",
        );
    }
    let mut content_length: Option<usize> = None;
    for value in request.header_values("content-length") {
        let value = value.trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return reject(400, format!("Content-Length {value:?} is not a number"));
        }
        // All digits, so the only parse failure is overflow: certainly too large.
        let parsed = value.parse::<usize>().unwrap_or(usize::MAX);
        if content_length.is_some_and(|c| c != parsed) {
            return reject(400, "conflicting Content-Length headers");
        }
        content_length = Some(parsed);
    }
    let content_length = content_length.unwrap_or(0);
    if content_length > MAX_BODY_BYTES {
        return reject(
            413,
            format!(
                "the request body of {content_length} bytes is larger than {MAX_BODY_BYTES} bytes"
            ),
        );
    }
    let expect_continue = request
        .header_values("expect")
        .any(|v| v.trim().eq_ignore_ascii_case("100-continue"));
    Head::Complete {
        len,
        request,
        content_length,
        expect_continue,
    }
}

/// The reason phrase of a status.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// The status line and headers of a response. `Content-Length` (from the
/// body) and `Connection: close` (when closing) are added unless the header
/// list already has them.
pub(crate) fn encode_head(resp: &SimResponse, close: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + resp.headers.len() * 48);
    out.extend_from_slice(
        format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status)).as_bytes(),
    );
    for (name, value) in &resp.headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    if resp.header("content-length").is_none() {
        out.extend_from_slice(format!("Content-Length: {}\r\n", resp.body.len()).as_bytes());
    }
    if close && resp.header("connection").is_none() {
        out.extend_from_slice(b"Connection: close\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(raw: &[u8]) -> (usize, HttpRequest, usize) {
        match parse_head(raw) {
            Head::Complete {
                len,
                request,
                content_length,
                ..
            } => (len, request, content_length),
            Head::Partial => panic!("partial"),
            Head::Reject { status, message } => panic!("{status} {message}"),
        }
    }

    fn rejected(raw: &[u8]) -> u16 {
        match parse_head(raw) {
            Head::Reject { status, .. } => status,
            _ => panic!("accepted"),
        }
    }

    #[test]
    fn heads_parse() {
        let raw = b"POST /v3/x?a=%7C HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
        let (len, req, cl) = complete(raw);
        assert_eq!(len, raw.len() - 2);
        assert_eq!(cl, 2);
        assert_eq!(req.target, "/v3/x?a=%7C");
        assert!(!req.keep_alive());
        assert!(matches!(
            parse_head(b"POST / HTTP/1.1\r\nHost"),
            Head::Partial
        ));
        let (_, req, _) = complete(b"GET / HTTP/1.0\r\n\r\n");
        assert!(!req.keep_alive());
        let (_, req, _) = complete(b"GET / HTTP/1.1\r\n\r\n");
        assert!(req.keep_alive());
    }

    #[test]
    fn bad_heads_are_rejected() {
        assert_eq!(rejected(b"\x00\x01garbage\r\n\r\n"), 400);
        assert_eq!(
            rejected(b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
            400
        );
        assert_eq!(
            rejected(b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
            400
        );
        assert_eq!(
            rejected(b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
            413
        );
        assert_eq!(
            rejected(b"POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n"),
            413
        );
        assert_eq!(
            rejected(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            411
        );
        let mut many = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..(MAX_HEADERS + 1) {
            many.extend_from_slice(format!("X-{i}: 1\r\n").as_bytes());
        }
        many.extend_from_slice(b"\r\n");
        assert_eq!(rejected(&many), 431);
    }
}
