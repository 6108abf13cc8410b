//! End to end over loopback: the generated client methods against the
//! simulator, every error kind with its message, the wire format, and the
//! guarantee that invalid requests never leave the process.

use std::sync::Arc;
use std::time::Duration;

use webizpay_api::__internal::BackendExt as _;
use webizpay_api::simulator::{Fault, Simulator, UNKNOWN_SERIAL};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, AuthorizationState, Client, Clock, Error,
    ErrorCode, RetryPolicy, RevokeAuthorizationRequest, Rule, TransportKind, VerificationFailure,
};

const SUB: &str = "43214321";

fn client(sim: &Simulator) -> Client {
    Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

fn apply(user_id: &str, kind: ApplicationType) -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id(user_id)
        .sub_mchid(SUB)
        .application_type(kind)
        .build()
}

fn revoke(employee_id: &str) -> RevokeAuthorizationRequest {
    RevokeAuthorizationRequest::builder()
        .employee_id(employee_id)
        .sub_mchid(SUB)
        .build()
}

#[tokio::test]
async fn apply_accept_revoke_revoke() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);

    let link = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap();
    assert_eq!(link.meta().status, 200);
    assert_eq!(link.meta().attempts, 1);
    assert!(link.meta().request_id.is_some());
    assert_eq!(link.sp_mchid, sim.mchid());
    assert_eq!(link.sub_mchid, SUB);
    assert_eq!(link.user_id, "employee123");
    assert_eq!(link.application_type, ApplicationType::H5);
    assert!(
        link.authorization_url
            .as_deref()
            .unwrap()
            .starts_with("weixin://")
    );
    assert_eq!(
        link.expire_time.unwrap().offset().local_minus_utc(),
        8 * 3600
    );
    assert_eq!(link.mp_query, None);

    let employee_id = sim
        .accept_authorization(sim.mchid(), SUB, "employee123")
        .unwrap();
    assert_eq!(
        sim.authorization_state(sim.mchid(), SUB, "employee123"),
        Some(AuthorizationState::Authorized)
    );

    // Already authorized: no link is returned ("仅当可以开通时返回").
    let again = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap();
    assert_eq!(again.authorization_url, None);
    assert_eq!(again.expire_time, None);

    let first = client
        .revoke_authorization(&revoke(&employee_id))
        .await
        .unwrap();
    assert_eq!(first.authorization_state, AuthorizationState::Revoked);
    assert_eq!(first.user_id, "employee123");
    assert_eq!(
        first.authorization_revoked_time.offset().local_minus_utc(),
        8 * 3600
    );
    // Revoking again is idempotent: the same record.
    let second = client
        .revoke_authorization(&revoke(&employee_id))
        .await
        .unwrap();
    assert_eq!(second.body(), first.body());
    assert_ne!(second.meta().request_id, first.meta().request_id);

    // An unknown employee is RESOURCE_NOT_EXISTS naming the field.
    let err = client
        .revoke_authorization(&revoke("WeBizPay_unknown"))
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 404);
    assert_eq!(api.code, ErrorCode::ResourceNotExists);
    assert!(api.message.contains("employee_id"), "{}", api.message);
    assert!(api.request_id.is_some());
    assert!(
        err.to_string()
            .contains(ErrorCode::ResourceNotExists.solution().unwrap()),
        "{err}"
    );
    assert_eq!(sim.request_count(), 5);
}

#[tokio::test]
async fn miniprogram_links_carry_mp_fields() {
    let sim = Simulator::start().await.unwrap();
    let r = client(&sim)
        .apply_authorization(&apply("emp_mp-01", ApplicationType::Miniprogram))
        .await
        .unwrap();
    assert_eq!(r.application_type, ApplicationType::Miniprogram);
    assert!(r.mp_query.as_deref().unwrap().starts_with("token="));
    assert_eq!(
        r.mp_business_type.as_deref(),
        Some("liteAppWebizPayRegister")
    );
}

#[tokio::test]
async fn the_wire_carries_exactly_what_was_signed() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    client
        .apply_authorization(&apply("a|b*c_d-e", ApplicationType::H5))
        .await
        .unwrap();
    let req = sim.last_request().unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.target,
        "/v3/webizpay/users/a%7Cb%2Ac_d-e/authorization-url"
    );
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        format!(
            r#"{{"sp_mchid":"{}","sub_mchid":"43214321","application_type":"H5"}}"#,
            sim.mchid()
        )
    );
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("wechatpay-serial"), Some(sim.wechatpay_serial()));
    let ua = req.header("user-agent").unwrap();
    assert!(
        ua.starts_with("webizpay-api/") && ua.contains("Rust/"),
        "{ua}"
    );
    let auth = req.header("authorization").unwrap();
    let parsed = webizpay_api::__internal::auth::Authorization::parse(auth).unwrap();
    assert_eq!(parsed.mchid, sim.mchid());
    assert_eq!(parsed.serial_no, sim.merchant_serial());
    assert_eq!(parsed.nonce_str.len(), 32);
    assert!(parsed.nonce_str.bytes().all(|b| b.is_ascii_alphanumeric()));
}

#[tokio::test]
async fn invalid_requests_never_reach_the_server() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let cases: Vec<(ApplyAuthorizationRequest, &str, &str)> = vec![
        (
            apply("abcde", ApplicationType::H5),
            "user_id",
            "user_id: 5 chars, needs 6..=32",
        ),
        (
            apply("abc def", ApplicationType::H5),
            "user_id",
            "user_id: character ' ' at position 3 is not allowed (allowed: 0-9 A-Z a-z _-|*)",
        ),
        (
            apply("employee123", ApplicationType::Unknown("APP".into())),
            "application_type",
            "application_type: \"APP\" is not a documented value (allowed: H5, MINIPROGRAM)",
        ),
    ];
    for (req, field, message) in cases {
        let err = client.apply_authorization(&req).await.unwrap_err();
        let Error::InvalidRequest(v) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(v.field(), field);
        assert_eq!(v.to_string(), message);
        assert_eq!(
            err.to_string(),
            format!("invalid request, nothing was sent: {message}")
        );
        assert!(!err.may_have_been_sent());
    }
    let long = "x".repeat(65);
    let err = client
        .revoke_authorization(&revoke(&long))
        .await
        .unwrap_err();
    let Error::InvalidRequest(v) = &err else {
        panic!("{err:?}")
    };
    assert!(matches!(
        v.rule(),
        Rule::Length {
            chars: 65,
            max: Some(64),
            ..
        }
    ));
    assert_eq!(
        sim.request_count(),
        0,
        "an invalid request reached the simulator"
    );
}

/// Each way a 2xx can fail verification gives its own kind and message.
#[tokio::test]
async fn verification_failures_have_their_own_kind_and_message() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let cases: Vec<(Fault, VerificationFailure, &str)> = vec![
        (
            Fault::TamperBody,
            VerificationFailure::BadSignature,
            "the signature does not match the body",
        ),
        (
            Fault::SignWithOtherKey,
            VerificationFailure::BadSignature,
            "the signature does not match the body",
        ),
        (
            Fault::UnknownSerial,
            VerificationFailure::UnknownSerial(UNKNOWN_SERIAL.into()),
            "names no configured WeChat Pay key",
        ),
        (
            Fault::TimestampOffset(-301),
            VerificationFailure::TimestampSkew {
                skew_secs: -301,
                max_secs: 300,
            },
            "is -301 s from the local clock (at most 300 s allowed)",
        ),
        (
            Fault::ProbeSignature,
            VerificationFailure::ProbeSignature,
            "WECHATPAY/SIGNTEST/ probe",
        ),
        (
            Fault::StripSignatureHeaders,
            VerificationFailure::MissingHeader("Wechatpay-Timestamp"),
            "header Wechatpay-Timestamp is missing",
        ),
    ];
    for (i, (fault, failure, message)) in cases.into_iter().enumerate() {
        let name = fault.name();
        sim.inject(fault);
        let err = client
            .apply_authorization(&apply(&format!("employee{i:03}"), ApplicationType::H5))
            .await
            .unwrap_err();
        let Error::Verification(v) = &err else {
            panic!("{name}: {err:?}")
        };
        // The skew is measured against the local clock: allow a second of drift.
        if let (
            VerificationFailure::TimestampSkew { skew_secs, .. },
            VerificationFailure::TimestampSkew {
                skew_secs: want, ..
            },
        ) = (&v.failure, &failure)
        {
            assert!((skew_secs - want).abs() <= 1, "{name}: {skew_secs}");
        } else {
            assert_eq!(v.failure, failure, "{name}");
        }
        assert_eq!(v.status, 200);
        assert!(v.request_id.is_some(), "{name}");
        let text = err.to_string();
        assert!(
            text.starts_with("response rejected as forged (HTTP 200, Request-ID "),
            "{text}"
        );
        assert!(
            text.contains(message) || name == "TimestampOffset",
            "{name}: {text}"
        );
        assert!(err.may_have_been_sent());
    }
}

#[tokio::test]
async fn api_errors_keep_status_code_message_and_request_id() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);

    sim.inject(Fault::system_error());
    let err = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((e.status, &e.code), (500, &ErrorCode::SystemError));
    assert!(e.wechatpay_json && e.is_retryable() && e.request_id.is_some());
    assert!(err.to_string().contains("SYSTEM_ERROR"), "{err}");
    assert!(
        err.to_string()
            .contains("retry later with the same parameters"),
        "{err}"
    );

    sim.inject(Fault::BadGatewayHtml);
    let err = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 502);
    assert!(!e.wechatpay_json);
    assert_eq!(e.code, ErrorCode::Unknown(String::new()));
    assert!(e.body.contains("<html"), "{}", e.body);
    assert!(
        err.to_string()
            .contains("a gateway or WeChat Pay failed while the request may have arrived"),
        "{err}"
    );
    assert!(!e.is_retryable(), "RetryPolicy never retries a 502");

    sim.inject(Fault::frequency_limited());
    let err = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 429);
    assert_eq!(e.code, ErrorCode::FrequencyLimited);
    assert!(e.is_retryable());
}

/// A client whose clock is 10 minutes off is told by WeChat Pay (401 SIGN_ERROR).
#[tokio::test]
async fn sign_errors_say_what_to_check() {
    #[derive(Debug)]
    struct Skewed;
    impl Clock for Skewed {
        fn now_unix(&self) -> i64 {
            webizpay_api::SystemClock.now_unix() - 600
        }
    }
    let sim = Simulator::start().await.unwrap();
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .clock(Arc::new(Skewed))
        .build()
        .unwrap();
    let err = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((e.status, &e.code), (401, &ErrorCode::SignError));
    assert!(err.to_string().contains("local clock is correct"), "{err}");
}

#[tokio::test]
async fn transport_failures_say_whether_the_request_may_have_been_sent() {
    let sim = Simulator::start().await.unwrap();
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let cases = [
        (Fault::Delay(Duration::from_secs(2)), TransportKind::Timeout),
        (Fault::ResetConnection, TransportKind::Io),
        (Fault::TruncateBody, TransportKind::Io),
        (Fault::CloseWithoutResponse, TransportKind::Io),
    ];
    for (i, (fault, kind)) in cases.into_iter().enumerate() {
        let name = fault.name();
        sim.inject(fault);
        let err = client
            .apply_authorization(&apply(&format!("employee{i:03}"), ApplicationType::H5))
            .await
            .unwrap_err();
        let Error::Transport(t) = &err else {
            panic!("{name}: {err:?}")
        };
        assert_eq!(t.kind, kind, "{name}: {err}");
        assert!(t.may_have_been_sent, "{name}");
        assert!(
            err.to_string()
                .contains("query its state before sending it again"),
            "{err}"
        );
    }

    // Nothing listens on the port of a dropped listener: connection refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let refused = Client::builder(sim.client_config())
        .base_url(&url)
        .build()
        .unwrap();
    let err = refused
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind, TransportKind::Connect);
    assert!(!t.may_have_been_sent && !err.may_have_been_sent());
    assert!(
        err.to_string()
            .contains("the request was not sent, so it is safe to retry"),
        "{err}"
    );
}

#[tokio::test]
async fn failover_only_when_the_request_never_left() {
    let backup = Simulator::start().await.unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let client = Client::builder(backup.client_config())
        .base_url(&dead)
        .backup_url(backup.base_url())
        .failover(true)
        .build()
        .unwrap();
    let r = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap();
    assert_eq!(r.meta().attempts, 2);
    assert_eq!(r.meta().base_url, backup.base_url());
    assert_eq!(backup.request_count(), 1);

    // A reset after the request was sent: no failover, the backup sees nothing.
    let primary = Simulator::start().await.unwrap();
    let other_backup = Simulator::start().await.unwrap();
    let client = Client::builder(primary.client_config())
        .base_url(primary.base_url())
        .backup_url(other_backup.base_url())
        .failover(true)
        .build()
        .unwrap();
    primary.inject(Fault::ResetConnection);
    let err = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    assert!(err.may_have_been_sent(), "{err:?}");
    assert_eq!(primary.request_count(), 1);
    assert_eq!(
        other_backup.request_count(),
        0,
        "a sent request was sent again"
    );
}

#[tokio::test]
async fn retries_are_opt_in_and_bounded() {
    let sim = Simulator::start().await.unwrap();
    let fast = RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
    };
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .retry(fast)
        .build()
        .unwrap();
    sim.inject_times(Fault::system_error(), 2);
    let r = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap();
    assert_eq!(r.meta().attempts, 3);
    assert_eq!(sim.request_count(), 3);

    sim.inject_times(Fault::system_error(), 10);
    let err = client
        .apply_authorization(&apply("employee124", ApplicationType::H5))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Api(e) if e.code == ErrorCode::SystemError));
    assert_eq!(sim.request_count(), 6, "1 + 2 retries");
    sim.clear_faults();

    // Never after a reset: the request may have taken effect.
    sim.inject_times(Fault::ResetConnection, 3);
    let err = client
        .apply_authorization(&apply("employee125", ApplicationType::H5))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Transport(t) if t.may_have_been_sent));
    assert_eq!(sim.request_count(), 7);

    // Without a policy, nothing is retried.
    sim.clear_faults();
    sim.inject(Fault::system_error());
    let plain = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .build()
        .unwrap();
    assert!(
        plain
            .apply_authorization(&apply("employee126", ApplicationType::H5))
            .await
            .is_err()
    );
    assert_eq!(sim.request_count(), 8);
}

/// A body that verifies but does not match the documented shape is a decode
/// error that keeps the raw body and names the field.
#[tokio::test]
async fn decode_errors_keep_the_raw_body() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let key = webizpay_api::Backend::default()
        .signing_key_from_pem(webizpay_api::simulator::WECHATPAY_PRIVATE_KEY_PEM)
        .unwrap();
    let key: Arc<dyn webizpay_api::__internal::crypto::SigningKey> = Arc::from(key);
    sim.inject(Fault::mutate(move |resp| {
        let body = br#"{"sp_mchid":"1","sub_mchid":"2","user_id":"u","application_type":"H5","expire_time":"yesterday"}"#.to_vec();
        let ts: i64 = resp.header("Wechatpay-Timestamp").unwrap().parse().unwrap();
        let nonce = resp.header("Wechatpay-Nonce").unwrap().to_owned();
        let sig = webizpay_api::__internal::auth::sign_response(&*key, ts, &nonce, &body);
        resp.set_header("Wechatpay-Signature", sig);
        resp.body = body;
    }));
    let err = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.field.as_deref(), Some("expire_time"));
    assert!(d.body.contains("yesterday"));
    assert!(
        err.to_string()
            .contains("could not decode the HTTP 200 response body"),
        "{err}"
    );
}

#[tokio::test]
async fn oversized_responses_are_refused_before_they_are_read() {
    let sim = Simulator::start().await.unwrap();

    // Announced: a Content-Length over the default limit (1 MiB).
    let client = client(&sim);
    sim.inject(Fault::ReplaceBody(vec![b' '; (1 << 20) + 1]));
    let err = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind, TransportKind::ResponseTooLarge);
    assert!(t.may_have_been_sent && err.may_have_been_sent());
    let too_large = t
        .source
        .downcast_ref::<webizpay_api::ResponseTooLarge>()
        .expect("the source says how large");
    assert_eq!(too_large.limit, 1 << 20);
    assert_eq!(too_large.content_length, Some((1 << 20) + 1));
    let expected = format!(
        "response too large from {}/v3/webizpay/users/employee123/authorization-url after 1 attempt(s): the response announced a body of 1048577 bytes, over the limit of 1048576 bytes",
        sim.base_url()
    );
    assert!(err.to_string().starts_with(&expected), "{err}");
    assert!(
        err.to_string()
            .contains("query its state before sending it again"),
        "{err}"
    );

    // A smaller limit applies to every answer, error answers included.
    let small = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .max_response_bytes(64)
        .build()
        .unwrap();
    let err = small
        .apply_authorization(&apply("employee124", ApplicationType::H5))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind == TransportKind::ResponseTooLarge),
        "{err:?}"
    );
    sim.inject(Fault::BadGatewayHtml);
    let err = small
        .apply_authorization(&apply("employee125", ApplicationType::H5))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind == TransportKind::ResponseTooLarge),
        "{err:?}"
    );
    // The default limit lets normal answers through.
    client
        .apply_authorization(&apply("employee126", ApplicationType::H5))
        .await
        .unwrap();

    let err = Client::builder(sim.client_config())
        .max_response_bytes(0)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: max_response_bytes: must be greater than zero"
    );
}

/// A server that answers with a chunked body that never ends (no
/// Content-Length to refuse up front): reading must stop at the limit.
#[tokio::test]
async fn an_endless_chunked_body_stops_at_the_limit() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sim = Simulator::start().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 64 * 1024];
        // Read the request head and body (one small POST).
        let _ = socket.read(&mut buf).await;
        socket
            .write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            )
            .await
            .unwrap();
        let chunk = format!("{:x}\r\n{}\r\n", 4096, " ".repeat(4096));
        let mut sent = 0usize;
        // Up to 64 MiB; the client must hang up long before.
        while sent < 64 << 20 {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                break;
            }
            sent += 4096;
        }
        sent
    });
    let client = Client::builder(sim.client_config())
        .base_url(format!("http://{addr}"))
        .max_response_bytes(100_000)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let err = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind, TransportKind::ResponseTooLarge);
    assert!(t.may_have_been_sent);
    assert!(
        err.to_string()
            .contains("the response body grew past the limit of 100000 bytes, reading stopped"),
        "{err}"
    );
    drop(client);
    let sent = server.await.unwrap();
    assert!(sent < 64 << 20, "the client read the whole endless body");
}

#[tokio::test]
async fn the_connect_timeout_must_be_shorter_than_the_total_timeout() {
    let sim = Simulator::start().await.unwrap();
    let err = Client::builder(sim.client_config())
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: timeouts: the connect timeout (2s) must be shorter than the total timeout (2s): otherwise an unreachable host ends in a total timeout, which cannot prove the request never left, and failover cannot happen"
    );
    // Without an explicit connect timeout, a short total timeout gets half of it.
    Client::builder(sim.client_config())
        .timeout(Duration::from_secs(1))
        .build()
        .expect("connect timeout defaults to 500 ms");
    Client::builder(sim.client_config())
        .connect_timeout(Duration::from_secs(1))
        .timeout(Duration::from_secs(2))
        .build()
        .expect("explicit and shorter");
}

/// The client sends every request header the spec documents for an
/// operation, with the value the documentation prescribes.
#[tokio::test]
async fn every_documented_header_is_sent_with_its_documented_value() {
    use webizpay_api::Operation as _;
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let link = client
        .apply_authorization(&apply("employee123", ApplicationType::H5))
        .await
        .unwrap();
    let apply_request = sim.last_request().unwrap();
    let employee_id = sim
        .accept_authorization(sim.mchid(), SUB, "employee123")
        .unwrap();
    assert!(link.authorization_url.is_some());
    client
        .revoke_authorization(&revoke(&employee_id))
        .await
        .unwrap();
    let revoke_request = sim.last_request().unwrap();
    for (info, request) in [
        (ApplyAuthorizationRequest::INFO, apply_request),
        (RevokeAuthorizationRequest::INFO, revoke_request),
    ] {
        assert_eq!(
            info.headers.iter().map(|h| h.name).collect::<Vec<_>>(),
            ["Authorization", "Accept", "Content-Type"],
            "{}",
            info.id
        );
        for header in info.headers {
            let sent = request.header(header.name);
            assert!(
                sent.is_some() || !header.required,
                "{}: {} not sent",
                info.id,
                header.name
            );
            if let Some(value) = header.value {
                assert_eq!(sent, Some(value), "{}: {}", info.id, header.name);
            }
        }
    }
}
