//! `NotificationVerifier::handle`: each answer, on the in-process store and
//! on a real `redis-server` shared by two verifiers (two replicas).
//!
//! The answers: first delivery (handled, recorded, success); resend after
//! success (success, not handed out again); resend after a failure (handed
//! out again); overlapping deliveries (the second answered with a failure
//! while the first is in flight); a crashed delivery (held until its lease
//! ends, then handed out again); the store unavailable (failure, handler not
//! called; a response not accepted unchecked unless the client fails open).

#[path = "support/notification.rs"]
mod notification;
#[path = "support/redis_server.rs"]
mod redis_server;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use redis_server::RedisServer;
use webizpay_api::simulator::Simulator;
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Client, Delivery, Error, MemoryStore,
    NotificationError, NotificationVerifier, RedisStore, Store,
};

/// Counts a handler's calls.
#[derive(Clone, Default)]
struct Counting {
    calls: Arc<AtomicUsize>,
}

impl Counting {
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

fn verifier(store: Arc<dyn Store>) -> NotificationVerifier {
    NotificationVerifier::new(&notification::config())
        .unwrap()
        .with_store(store)
}

/// `handle` with a handler that counts its call and succeeds or fails.
async fn handle_counting(
    v: &NotificationVerifier,
    n: &(reqwest::header::HeaderMap, Vec<u8>),
    c: &Counting,
    succeed: bool,
) -> Result<Delivery, NotificationError> {
    v.handle(&n.0, &n.1, async |_| {
        c.calls.fetch_add(1, Ordering::SeqCst);
        if succeed {
            Ok(())
        } else {
            Err(std::io::Error::other("the database is down"))
        }
    })
    .await
}

async fn handle_ok(
    v: &NotificationVerifier,
    n: &(reqwest::header::HeaderMap, Vec<u8>),
    c: &Counting,
) -> Result<Delivery, NotificationError> {
    handle_counting(v, n, c, true).await
}

/// Every answer, with `a` and `b` two replicas' verifiers.
async fn every_answer(a: &NotificationVerifier, b: &NotificationVerifier, shared: bool) {
    let c = Counting::default();

    // First delivery: handed out, recorded, success.
    let first = notification::signed(
        "EV-first",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u1"),
    );
    let d = handle_ok(a, &first, &c).await.unwrap();
    assert!(
        matches!(&d, Delivery::Handled { id } if id == "EV-first"),
        "{d:?}"
    );
    assert_eq!(d.reply().status, 200);
    assert_eq!(c.calls(), 1);

    // Resend after success: success, not handed out again.
    let d = handle_ok(a, &first, &c).await.unwrap();
    assert!(
        matches!(&d, Delivery::AlreadyHandled { id } if id == "EV-first"),
        "{d:?}"
    );
    assert!(d.reply().is_success());
    assert_eq!(c.calls(), 1, "not handed out twice");

    // The resend reaches the other replica.
    let d = handle_ok(b, &first, &c).await.unwrap();
    if shared {
        assert!(
            matches!(d, Delivery::AlreadyHandled { .. }),
            "a shared store: {d:?}"
        );
        assert_eq!(c.calls(), 1);
    } else {
        assert!(
            matches!(d, Delivery::Handled { .. }),
            "in process, replicas do not know: {d:?}"
        );
        assert_eq!(c.calls(), 2, "handed out again by the other replica");
    }
    let base = c.calls();

    // Resend after a failure: nothing recorded, handed out again.
    let failing = notification::signed(
        "EV-fail",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u2"),
    );
    let e = handle_counting(a, &failing, &c, false).await.unwrap_err();
    assert!(
        matches!(&e, NotificationError::Handler { id, .. } if id == "EV-fail"),
        "{e:?}"
    );
    assert_eq!(e.reply().status, 500);
    assert!(e.to_string().contains("the database is down"), "{e}");
    let again = if shared { b } else { a };
    let d = handle_ok(again, &failing, &c).await.unwrap();
    assert!(matches!(d, Delivery::Handled { .. }), "{d:?}");
    assert_eq!(c.calls(), base + 2);

    // Overlapping deliveries: the second is answered with a failure while
    // the first is in flight, then success once the first succeeded.
    let overlap = notification::signed(
        "EV-overlap",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u3"),
    );
    let (entered_tx, entered_rx) = tokio::sync::oneshot::channel::<()>();
    let (finish_tx, finish_rx) = tokio::sync::oneshot::channel::<()>();
    let first_delivery = {
        let (a, overlap) = (a.clone(), overlap.clone());
        tokio::spawn(async move {
            a.handle(&overlap.0, &overlap.1, async move |_| {
                entered_tx.send(()).unwrap();
                finish_rx.await.unwrap();
                Ok::<(), std::io::Error>(())
            })
            .await
        })
    };
    entered_rx.await.unwrap();
    let other = if shared { b } else { a };
    let e = handle_ok(other, &overlap, &c).await.unwrap_err();
    assert!(
        matches!(&e, NotificationError::InFlight { id } if id == "EV-overlap"),
        "{e:?}"
    );
    assert_eq!(e.reply().status, 503);
    assert!(
        !e.reply().is_success(),
        "never success while the first may still fail"
    );
    finish_tx.send(()).unwrap();
    let d = first_delivery.await.unwrap().unwrap();
    assert!(matches!(d, Delivery::Handled { .. }), "{d:?}");
    let d = handle_ok(other, &overlap, &c).await.unwrap();
    assert!(matches!(d, Delivery::AlreadyHandled { .. }), "{d:?}");
    assert_eq!(
        c.calls(),
        base + 2,
        "the overlapping copy was never handed out"
    );

    // A crashed delivery (its future dropped mid-handler): held until its
    // lease ends, then handed out again.
    let short_a = a.clone().with_lease(Duration::from_millis(300));
    let crash = notification::signed(
        "EV-crash",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u4"),
    );
    let timed_out = tokio::time::timeout(
        Duration::from_millis(50),
        short_a.handle(&crash.0, &crash.1, async |_| {
            std::future::pending::<()>().await;
            Ok::<(), std::io::Error>(())
        }),
    )
    .await;
    assert!(timed_out.is_err(), "the handler never finished");
    let e = handle_ok(&short_a, &crash, &c).await.unwrap_err();
    assert!(matches!(e, NotificationError::InFlight { .. }), "{e:?}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let d = handle_ok(&short_a, &crash, &c).await.unwrap();
    assert!(
        matches!(d, Delivery::Handled { .. }),
        "after the lease: {d:?}"
    );
    assert_eq!(c.calls(), base + 3);

    // A forged one never reaches the handler nor the store.
    let (mut headers, body) = notification::signed(
        "EV-forged",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u5"),
    );
    headers.insert("Wechatpay-Nonce", "tampered".parse().unwrap());
    let e = a
        .handle(&headers, &body, async |_| -> Result<(), std::io::Error> {
            panic!("forged handed out")
        })
        .await
        .unwrap_err();
    assert!(matches!(e, NotificationError::Verification(_)), "{e:?}");
    assert_eq!(e.reply().status, 401);
    let genuine = notification::signed(
        "EV-forged",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u5"),
    );
    assert!(matches!(
        handle_ok(a, &genuine, &c).await.unwrap(),
        Delivery::Handled { .. }
    ));
}

#[tokio::test]
async fn every_answer_in_process() {
    let a = verifier(Arc::new(MemoryStore::new()));
    let b = verifier(Arc::new(MemoryStore::new()));
    every_answer(&a, &b, false).await;
}

#[tokio::test]
async fn every_answer_with_redis_shared_by_two_replicas() {
    let Some(server) = RedisServer::start("every_answer_with_redis_shared_by_two_replicas") else {
        return;
    };
    let a = verifier(Arc::new(RedisStore::connect(server.url()).await.unwrap()));
    let b = verifier(Arc::new(RedisStore::connect(server.url()).await.unwrap()));
    every_answer(&a, &b, true).await;
}

/// Redis down: the notification is answered with a failure and the handler
/// is not called; when Redis is back, the resend is handled.
#[tokio::test]
async fn redis_unavailable_fails_safe_for_notifications() {
    let Some(mut server) = RedisServer::start("redis_unavailable_fails_safe_for_notifications")
    else {
        return;
    };
    let store = RedisStore::builder(server.url())
        .timeout(Duration::from_millis(300))
        .connect()
        .await
        .unwrap();
    let v = verifier(Arc::new(store.clone()));
    let c = Counting::default();
    let n = notification::signed(
        "EV-down",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u1"),
    );
    server.stop();
    let e = handle_ok(&v, &n, &c).await.unwrap_err();
    assert!(
        matches!(&e, NotificationError::Store { id, .. } if id == "EV-down"),
        "{e:?}"
    );
    assert_eq!(e.reply().status, 503);
    assert_eq!(c.calls(), 0, "not handed out without the store");
    assert!(e.to_string().contains("redis store"), "{e}");

    // A store that fails after the handler succeeded: answered success (the
    // caller has the event), reported as not recorded.
    let Some(server) = RedisServer::start("redis_unavailable_fails_safe_for_notifications") else {
        return;
    };
    let v = verifier(Arc::new(
        RedisStore::builder(server.url())
            .timeout(Duration::from_millis(300))
            .connect()
            .await
            .unwrap(),
    ));
    let n = notification::signed(
        "EV-late",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("u2"),
    );
    let server = std::sync::Mutex::new(Some(server));
    let d = v
        .handle(&n.0, &n.1, async |_| {
            drop(server.lock().unwrap().take()); // Redis goes down now
            Ok::<(), std::io::Error>(())
        })
        .await
        .unwrap();
    assert!(
        matches!(&d, Delivery::HandledUnrecorded { id, .. } if id == "EV-late"),
        "{d:?}"
    );
    assert!(d.reply().is_success());
}

/// A lazy store lets a service start while Redis is down; it answers
/// failures until Redis is there.
#[tokio::test]
async fn a_lazy_store_starts_without_redis() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("redis://127.0.0.1:{port}/");
    assert!(
        RedisStore::connect(url.clone()).await.is_err(),
        "eager: said at once"
    );
    let store = RedisStore::builder(url)
        .timeout(Duration::from_millis(200))
        .lazy(true)
        .connect()
        .await
        .unwrap();
    let e = store
        .insert_if_absent("k", "v", Duration::from_secs(1))
        .await
        .unwrap_err();
    assert_eq!(e.store, "redis");
    let e = RedisStore::connect("not a url").await.unwrap_err();
    assert!(e.message.contains("is not a Redis URL"), "{e}");
}

/// Responses: the replay cache in Redis is shared by two clients (two
/// replicas), and a store that fails refuses the response unless the
/// client fails open.
#[tokio::test]
async fn responses_through_redis() {
    let Some(mut server) = RedisServer::start("responses_through_redis") else {
        return;
    };
    let sim = Simulator::start().await.unwrap();
    let store: Arc<dyn Store> = Arc::new(
        RedisStore::builder(server.url())
            .timeout(Duration::from_millis(300))
            .connect()
            .await
            .unwrap(),
    );
    let client = |fail_open: bool| {
        Client::builder(sim.client_config())
            .base_url(sim.base_url())
            .store(Arc::clone(&store))
            .replay_store_fail_open(fail_open)
            .build()
            .unwrap()
    };
    let request = ApplyAuthorizationRequest::builder()
        .user_id("employee123")
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build();
    client(false).apply_authorization(&request).await.unwrap();

    // Both keys of the store hold what the crate says: one per response.
    let mut raw = redis::Client::open(server.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("webizpay:*")
        .query_async(&mut raw)
        .await
        .unwrap();
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(
        keys[0].starts_with(&format!("webizpay:{}:response:", sim.mchid())),
        "{keys:?}"
    );
    let ttl: i64 = redis::cmd("PTTL")
        .arg(&keys[0])
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!((1..=301_000).contains(&ttl), "the window, no longer: {ttl}");

    server.stop();
    let e = client(false)
        .apply_authorization(&request)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Store(_)), "{e:?}");
    assert!(e.may_have_been_sent());
    client(true)
        .apply_authorization(&request)
        .await
        .expect("fail open: accepted without the replay check");
}

#[test]
fn builder_refuses_a_capacity_for_a_store_it_does_not_make() {
    let config = notification::config();
    let e = Client::builder(config.clone())
        .store(Arc::new(MemoryStore::new()))
        .replay_cache_capacity(10)
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("replay_cache_capacity"), "{e}");
    let e = Client::builder(config)
        .replay_cache_capacity(0)
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("greater than zero"), "{e}");
    assert!(MemoryStore::with_capacity(0).is_err());
}
