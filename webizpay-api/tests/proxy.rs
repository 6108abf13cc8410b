//! Control over HTTP: the environment's proxy is ignored for a local
//! simulator, an explicit proxy or none can be chosen, and a caller's own
//! `reqwest::Client` or builder changes are used. (Its own test binary: it
//! sets process-wide proxy variables.)

use std::time::Duration;

use webizpay_api::simulator::Simulator;
use webizpay_api::{ApplicationType, ApplyAuthorizationRequest, Client, Error, TransportKind};

/// A proxy that refuses connections (the port of a dropped listener).
fn dead_proxy() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

fn apply() -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id("proxy_check")
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build()
}

#[test]
fn proxies_are_chosen_explicitly_and_never_used_for_the_simulator() {
    let dead = dead_proxy();
    // SAFETY: set before any thread of this test binary reads the environment
    // (this binary has one test, and the runtime starts below).
    unsafe {
        std::env::set_var("HTTP_PROXY", &dead);
        std::env::set_var("HTTPS_PROXY", &dead);
        std::env::set_var("ALL_PROXY", &dead);
        std::env::remove_var("NO_PROXY");
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let sim = Simulator::start().await.unwrap();
        let builder = || {
            Client::builder(sim.client_config())
                .base_url(sim.base_url())
                .timeout(Duration::from_secs(5))
        };
        // The environment's proxy is not used for loopback.
        builder()
            .build()
            .unwrap()
            .apply_authorization(&apply())
            .await
            .unwrap();
        // An explicit proxy is used, even for loopback.
        let err = builder()
            .proxy(reqwest::Proxy::all(&dead).unwrap())
            .build()
            .unwrap()
            .apply_authorization(&apply())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Transport(t) if t.kind == TransportKind::Connect),
            "{err:?}"
        );
        // No proxy at all.
        builder()
            .no_proxy()
            .build()
            .unwrap()
            .apply_authorization(&apply())
            .await
            .unwrap();
        // The caller's builder changes are applied.
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&seen);
        builder()
            .configure_http(move |b| {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
                b.pool_max_idle_per_host(1)
            })
            .build()
            .unwrap()
            .apply_authorization(&apply())
            .await
            .unwrap();
        assert!(seen.load(std::sync::atomic::Ordering::SeqCst));
        // The caller's own client (here without any proxy).
        let own = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        builder()
            .http_client(own)
            .build()
            .unwrap()
            .apply_authorization(&apply())
            .await
            .unwrap();
    });
}
