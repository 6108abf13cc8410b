//! Criterion micro-benchmarks of the client's hot path, one stage at a time:
//!
//! - `crypto/{backend}/sign` and `crypto/{backend}/verify`: one SHA256withRSA
//!   (RSA-2048) signature / verification of a request-sized message;
//! - `auth/{backend}/authorization_header`: the whole `Authorization` header
//!   (signed message, signature, base64, header text) and `auth/nonce`;
//! - `auth/{backend}/verify_response`: [`auth::verify_response`] on a real
//!   response captured from the simulator (headers and raw body);
//! - `codec/*`: request validation, target and body serialization, response
//!   decoding (with and without field paths).
//!
//! ```sh
//! cargo bench -p webizpay-api --bench micro            # everything
//! cargo bench -p webizpay-api --bench micro -- crypto  # a filter
//! ```
//!
//! `cargo xtask bench` prints the end-to-end table (see `benches/e2e.rs`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reqwest::header::HeaderMap;
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::auth;
use webizpay_api::simulator::{MERCHANT_PRIVATE_KEY_PEM, MERCHANT_PUBLIC_KEY_PEM, Simulator};
use webizpay_api::{ApplyAuthorizationResponse, Backend, Method, Operation};

mod common;
use common::{config, request, request_message};

/// One real `apply_authorization` exchange with the simulator: the response
/// headers and raw body exactly as received.
fn captured_response() -> (HeaderMap, bytes::Bytes) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async {
        let sim = Simulator::start().await.expect("simulator starts");
        let config = sim.client_config();
        let req = request();
        let target = req.target(webizpay_api::simulator::DEFAULT_MCHID);
        let mut body = Vec::new();
        webizpay_api::__internal::write_body(
            &req,
            webizpay_api::simulator::DEFAULT_MCHID,
            &mut body,
        )
        .expect("serializable");
        let timestamp = sim.now_unix();
        let nonce = auth::nonce();
        let authorization =
            auth::authorization(&config, Method::Post, &target, &body, timestamp, &nonce);
        let resp = reqwest::Client::new()
            .post(format!("{}{target}", sim.base_url()))
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .expect("the simulator answers");
        assert_eq!(resp.status(), 200, "the simulator accepts the request");
        let headers = resp.headers().clone();
        let raw = resp.bytes().await.expect("a body");
        (headers, raw)
    })
}

fn crypto(c: &mut Criterion) {
    let message = request_message();
    for &backend in Backend::all() {
        let name = backend.name();
        let signer = backend
            .signing_key_from_pem(MERCHANT_PRIVATE_KEY_PEM)
            .expect("valid key");
        let verifier = backend
            .verifying_key_from_pem(MERCHANT_PUBLIC_KEY_PEM)
            .expect("valid key");
        let signature = signer.sign(&message);
        assert!(verifier.verify(&message, &signature));
        c.bench_function(&format!("crypto/{name}/sign"), |b| {
            b.iter(|| signer.sign(black_box(&message)))
        });
        c.bench_function(&format!("crypto/{name}/verify"), |b| {
            b.iter(|| verifier.verify(black_box(&message), black_box(&signature)))
        });
    }
}

fn authorization(c: &mut Criterion) {
    let req = request();
    let target = req.target(webizpay_api::simulator::DEFAULT_MCHID);
    let mut body = Vec::new();
    webizpay_api::__internal::write_body(&req, webizpay_api::simulator::DEFAULT_MCHID, &mut body)
        .expect("serializable");
    c.bench_function("auth/nonce", |b| b.iter(auth::nonce));
    let (headers, raw) = captured_response();
    let signed_at: i64 = headers
        .get(auth::HEADER_TIMESTAMP)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a signed response");
    for &backend in Backend::all() {
        let name = backend.name();
        let config = config(backend);
        c.bench_function(&format!("auth/{name}/authorization_header"), |b| {
            b.iter(|| {
                auth::authorization(
                    &config,
                    Method::Post,
                    black_box(&target),
                    black_box(&body),
                    1_700_000_000,
                    "593BEC0C930BF1AFEB40B4A08C8FB242",
                )
            })
        });
        auth::verify_response(config.wechatpay_keys(), &headers, &raw, signed_at)
            .expect("the captured response verifies");
        c.bench_function(&format!("auth/{name}/verify_response"), |b| {
            b.iter(|| {
                auth::verify_response(
                    config.wechatpay_keys(),
                    black_box(&headers),
                    black_box(&raw),
                    signed_at,
                )
            })
        });
    }
}

fn codec(c: &mut Criterion) {
    let req = request();
    c.bench_function("codec/request/validate", |b| {
        b.iter(|| black_box(&req).validate())
    });
    c.bench_function("codec/request/target_and_body", |b| {
        b.iter(|| {
            let req = black_box(&req);
            let mut target = String::with_capacity(64);
            webizpay_api::__internal::write_target(
                req,
                webizpay_api::simulator::DEFAULT_MCHID,
                &mut target,
            );
            let mut body = Vec::with_capacity(256);
            webizpay_api::__internal::write_body(
                req,
                webizpay_api::simulator::DEFAULT_MCHID,
                &mut body,
            )
            .expect("serializable");
            (target, body)
        })
    });
    let (_, raw) = captured_response();
    c.bench_function("codec/response/decode_with_path", |b| {
        b.iter(|| {
            let de = &mut serde_json::Deserializer::from_slice(black_box(&raw));
            serde_path_to_error::deserialize::<_, ApplyAuthorizationResponse>(de).expect("decodes")
        })
    });
    c.bench_function("codec/response/decode_plain", |b| {
        b.iter(|| {
            serde_json::from_slice::<ApplyAuthorizationResponse>(black_box(&raw)).expect("decodes")
        })
    });
}

criterion_group!(benches, crypto, authorization, codec);
criterion_main!(benches);
