//! The attack of the security review: a genuine WeChat Pay answer, recorded
//! and replayed by a man in the middle (here a raw TCP server) to a request
//! for another employee under another `sub_mchid`. The signature verifies;
//! the client must still refuse it, and must refuse the same answer twice.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use webizpay_api::simulator::{Fault, SimResponse, Simulator};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Client, Error, RevokeAuthorizationRequest,
    VerificationFailure,
};

/// A server that answers every request with `answer`, byte for byte (the
/// headers and body of a response the simulator signed).
async fn replaying_server(answer: SimResponse) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let answer = answer.clone();
            tokio::spawn(async move {
                // Read the request head and its body, then answer and close.
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    let n = stream.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                        let length: usize = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .map_or(0, |v| v.trim().parse().unwrap_or(0));
                        if buf.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                let mut out = format!("HTTP/1.1 {} OK\r\n", answer.status).into_bytes();
                for (name, value) in &answer.headers {
                    if !name.eq_ignore_ascii_case("content-length") {
                        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
                    }
                }
                out.extend_from_slice(
                    format!(
                        "Content-Length: {}\r\nConnection: close\r\n\r\n",
                        answer.body.len()
                    )
                    .as_bytes(),
                );
                out.extend_from_slice(&answer.body);
                let _ = stream.write_all(&out).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

fn revoke(employee_id: &str, sub_mchid: &str) -> RevokeAuthorizationRequest {
    RevokeAuthorizationRequest::builder()
        .employee_id(employee_id)
        .sub_mchid(sub_mchid)
        .build()
}

#[tokio::test]
async fn a_recorded_answer_replayed_to_another_request_is_refused() {
    let sim = Simulator::start().await.unwrap();
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();

    // Employee A under sub-merchant 43214321 is revoked; the attacker records
    // WeChat Pay's genuine REVOKED answer on its way.
    client
        .apply_authorization(
            &ApplyAuthorizationRequest::builder()
                .user_id("employee_a")
                .sub_mchid("43214321")
                .application_type(ApplicationType::H5)
                .build(),
        )
        .await
        .unwrap();
    let a = sim
        .accept_authorization(sim.mchid(), "43214321", "employee_a")
        .unwrap();
    let recorded: Arc<Mutex<Option<SimResponse>>> = Arc::default();
    let keep = Arc::clone(&recorded);
    sim.inject(Fault::mutate(move |r| {
        *keep.lock().unwrap() = Some(r.clone())
    }));
    let genuine = client
        .revoke_authorization(&revoke(&a, "43214321"))
        .await
        .unwrap();
    assert_eq!(genuine.user_id, "employee_a");
    let recorded = recorded.lock().unwrap().clone().unwrap();
    assert!(
        recorded.header("Wechatpay-Signature").is_some(),
        "a signed answer"
    );

    // Within 5 minutes the merchant revokes employee B under another
    // sub-merchant; the attacker drops the request and replays A's answer.
    let attacker = replaying_server(recorded).await;
    let victim = Client::builder(sim.client_config())
        .base_url(&attacker)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let b = revoke("WeBizPay_bbbbbbbb-0000-4000-8000-000000000000", "55556666");
    for attempt in 0..2 {
        let err = victim.revoke_authorization(&b).await.unwrap_err();
        let Error::Verification(v) = &err else {
            panic!("attempt {attempt}: {err:?}")
        };
        match (&v.failure, attempt) {
            (
                VerificationFailure::ResponseMismatch {
                    field,
                    sent,
                    received,
                },
                0,
            ) => {
                assert_eq!(*field, "sub_mchid");
                assert_eq!(sent, "\"55556666\"");
                assert_eq!(received, "\"43214321\"");
                assert!(err.to_string().contains("\"55556666\""), "{err}");
                assert!(err.to_string().contains("\"43214321\""), "{err}");
            }
            // The first attempt already accepted the answer's nonce.
            (VerificationFailure::Replayed, 1) => {}
            (other, _) => panic!("attempt {attempt}: {other:?}"),
        }
        assert!(err.may_have_been_sent());
    }

    // The same answer to the very request it answered is accepted once by a
    // client that never saw it, then refused as a replay, also by a clone.
    let fresh = Client::builder(sim.client_config())
        .base_url(&attacker)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let once = fresh
        .revoke_authorization(&revoke(&a, "43214321"))
        .await
        .unwrap();
    assert_eq!(once.user_id, "employee_a");
    for c in [fresh.clone(), fresh] {
        let err = c
            .revoke_authorization(&revoke(&a, "43214321"))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Verification(v) if v.failure == VerificationFailure::Replayed),
            "{err:?}"
        );
    }
}
