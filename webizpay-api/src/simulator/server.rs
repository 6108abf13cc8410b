//! The accept loop and the per-connection request loop.

use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinSet;

use super::handler::{self, Answer};
use super::http::{self, Connection, HttpRequest, ReadOutcome};
use super::{Fault, RecordedRequest, Shared, SimResponse};

/// Accepts connections until `shutdown` fires (or its sender is dropped),
/// then aborts every connection task and waits for them.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    tracing::trace!(%peer, "simulator: connection accepted");
                    connections.spawn(connection(stream, Arc::clone(&shared)));
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little
                    // instead of spinning.
                    tracing::warn!("simulator: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    connections.shutdown().await;
}

async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let mut conn = Connection::new(stream);
    loop {
        let req = match conn.read_request().await {
            ReadOutcome::Request(req) => req,
            ReadOutcome::Closed => return,
            ReadOutcome::Reject { status, message } => {
                shared.count_malformed();
                tracing::debug!(status, "simulator: rejected malformed request: {message}");
                let resp = handler::finish(
                    &shared,
                    Answer::Failed(handler::Failure {
                        // A malformed request is INVALID_REQUEST with the
                        // status the reader chose (400, 413, 431…).
                        status,
                        ..handler::Failure::of(crate::generated::ErrorCode::InvalidRequest, message)
                    }),
                    None,
                    shared.now_unix(),
                    &shared.http_date(),
                );
                let mut bytes = http::encode_head(&resp, true);
                bytes.extend_from_slice(&resp.body);
                let _ = conn.write_raw(&bytes).await;
                conn.close().await;
                return;
            }
        };
        let keep_alive = req.keep_alive();
        let (resp, fault) = respond(&shared, req);
        let head = http::encode_head(&resp, !keep_alive);
        let body: &[u8] = &resp.body;
        match fault {
            Some(Fault::ResetConnection) => {
                conn.reset();
                return;
            }
            Some(Fault::CloseWithoutResponse) => {
                conn.close().await;
                return;
            }
            Some(Fault::TruncateBody) => {
                let mut bytes = head;
                bytes.extend_from_slice(&body[..body.len() / 2]);
                let _ = conn.write_raw(&bytes).await;
                conn.close().await;
                return;
            }
            Some(Fault::Delay(d)) => tokio::time::sleep(d).await,
            _ => {}
        }
        let mut bytes = head;
        bytes.extend_from_slice(body);
        if conn.write_raw(&bytes).await.is_err() {
            return;
        }
        if !keep_alive {
            conn.close().await;
            return;
        }
    }
}

/// Processes one request: picks its fault, builds the (faulted) response and
/// records the exchange. The caller delivers it (or not, per the fault).
fn respond(shared: &Shared, req: HttpRequest) -> (SimResponse, Option<Fault>) {
    let now = shared.now_unix();
    let fault = shared.next_fault();
    let operation = handler::operation_of(&req).map(|info| info.id);
    let answer = handler::process(shared, &req, fault.as_ref(), now);
    let mut resp = handler::finish(shared, answer, fault.as_ref(), now, &shared.http_date());
    if req.method == "HEAD" {
        // A HEAD response announces the length but carries no body.
        let len = resp.body.len();
        if resp.header("content-length").is_none() {
            resp.headers
                .push(("Content-Length".to_owned(), len.to_string()));
        }
        resp.body.clear();
    }
    let delivered = !matches!(
        fault,
        Some(Fault::ResetConnection | Fault::CloseWithoutResponse)
    );
    tracing::debug!(
        method = %req.method,
        target = %req.target,
        status = resp.status,
        fault = fault.as_ref().map(Fault::name),
        "simulator: request handled"
    );
    let error_code = if (200..300).contains(&resp.status) {
        None
    } else {
        serde_json::from_slice::<serde_json::Value>(&resp.body)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned))
    };
    shared.record(RecordedRequest {
        seq: 0,
        method: req.method,
        target: req.target,
        headers: req.headers,
        body: req.body,
        operation,
        status: delivered.then_some(resp.status),
        error_code,
        request_id: resp.header("request-id").map(str::to_owned),
        fault: fault.clone(),
        received_at: std::time::SystemTime::now(),
    });
    (resp, fault)
}
