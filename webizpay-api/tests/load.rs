//! Proof under load: 10,000 calls, 64 in flight, against the simulator with
//! a seeded 5 % fault rate, mixing both operations. Every call gets exactly
//! one result that matches its own request (distinct `user_id` and
//! `sub_mchid` per call, so echoes prove the matching), none is lost or
//! duplicated (the simulator saw exactly as many requests as calls were
//! made, per operation), every error is accounted for by a fault the
//! simulator applied, and memory does not grow across the run.
//!
//! Ignored by default; run it with
//! `cargo test -p webizpay-api --test load -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use webizpay_api::simulator::{Fault, Simulator};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Client, Error, ErrorCode,
    RevokeAuthorizationRequest, TransportKind, VerificationFailure,
};

const TOTAL: usize = 10_000;
const WARM_UP: usize = 1_000;
const IN_FLIGHT: usize = 64;
const FAULT_RATE: f64 = 0.05;
const SEED: u64 = 0x00C0_FFEE;
/// Every third user whose apply succeeded accepts the link and is revoked.
const REVOKE_EVERY: usize = 3;
/// RSS growth allowed over the 9,000 timed calls. The simulator keeps the
/// authorization state of every new user (about 500 bytes each, 4–5 MiB in
/// all); a call costs about 24 KB of allocations, so leaking anything a call
/// allocates beyond ~1.3 KB per call breaks this bound.
const MAX_RSS_GROWTH: u64 = 16 * 1024 * 1024;

fn faults() -> Vec<Fault> {
    vec![
        Fault::system_error(),
        Fault::frequency_limited(),
        Fault::BadGatewayHtml,
        Fault::TamperBody,
        Fault::SignWithOtherKey,
        Fault::ProbeSignature,
        Fault::ResetConnection,
        Fault::TruncateBody,
        Fault::CloseWithoutResponse,
    ]
}

/// What one call gave, by kind.
fn kind(result: &Result<(), Error>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(Error::Api(e)) => match (e.status, &e.code, e.wechatpay_json) {
            (500, ErrorCode::SystemError, true) => "api 500 SYSTEM_ERROR",
            (429, ErrorCode::FrequencyLimited, true) => "api 429 FREQUENCY_LIMITED",
            (502, _, false) => "api 502 proxy HTML",
            _ => "UNEXPECTED api",
        },
        Err(Error::Verification(v)) => match v.failure {
            VerificationFailure::BadSignature => "verification BadSignature",
            VerificationFailure::ProbeSignature => "verification ProbeSignature",
            _ => "UNEXPECTED verification",
        },
        Err(Error::Transport(t)) if t.may_have_been_sent && t.kind == TransportKind::Io => {
            "transport Io (may have been sent)"
        }
        Err(_) => "UNEXPECTED other",
    }
}

/// Resident set size in bytes, from `/proc/self/statm` (resident pages).
fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("resident pages");
    pages * page_size()
}

fn page_size() -> u64 {
    std::process::Command::new("getconf")
        .arg("PAGESIZE")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(4096)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

struct Run {
    sim: Simulator,
    client: Client,
    /// Calls started (each reserved before it is made).
    calls: AtomicUsize,
    /// The next user number.
    users: AtomicUsize,
    applies: AtomicU64,
    revokes: AtomicU64,
    results: AtomicU64,
    mismatches: Mutex<Vec<String>>,
    kinds: Mutex<BTreeMap<&'static str, u64>>,
}

impl Run {
    /// Reserves one call within `limit`; false when the budget is spent.
    fn reserve(&self, limit: usize) -> bool {
        self.calls
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| {
                (c < limit).then_some(c + 1)
            })
            .is_ok()
    }

    fn record(&self, result: &Result<(), Error>) {
        self.results.fetch_add(1, Ordering::Relaxed);
        *self
            .kinds
            .lock()
            .expect("lock")
            .entry(kind(result))
            .or_default() += 1;
    }

    fn mismatch(&self, what: String) {
        self.mismatches.lock().expect("lock").push(what);
    }
}

async fn worker(run: Arc<Run>, limit: usize) {
    while run.reserve(limit) {
        let n = run.users.fetch_add(1, Ordering::Relaxed);
        let user_id = format!("load_user_{n:06}");
        let sub_mchid = (30_000_000 + n).to_string();
        let application_type = if n.is_multiple_of(2) {
            ApplicationType::H5
        } else {
            ApplicationType::Miniprogram
        };
        let req = ApplyAuthorizationRequest::builder()
            .user_id(user_id.clone())
            .sub_mchid(sub_mchid.clone())
            .application_type(application_type.clone())
            .build();
        run.applies.fetch_add(1, Ordering::Relaxed);
        let result = run.client.apply_authorization(&req).await;
        let linked = match &result {
            Ok(r) => {
                if (&r.user_id, &r.sub_mchid, &r.sp_mchid, &r.application_type)
                    != (
                        &user_id,
                        &sub_mchid,
                        &run.sim.mchid().to_owned(),
                        &application_type,
                    )
                {
                    run.mismatch(format!(
                        "apply {user_id}/{sub_mchid} answered {:?}",
                        r.body()
                    ));
                }
                r.authorization_url.is_some()
            }
            Err(_) => false,
        };
        run.record(&result.map(drop));

        if !linked || !n.is_multiple_of(REVOKE_EVERY) {
            continue;
        }
        let Some(employee_id) = run
            .sim
            .accept_authorization(run.sim.mchid(), &sub_mchid, &user_id)
        else {
            run.mismatch(format!("{user_id}: the link could not be accepted"));
            continue;
        };
        if !run.reserve(limit) {
            break;
        }
        run.revokes.fetch_add(1, Ordering::Relaxed);
        let result = run
            .client
            .revoke_authorization(
                &RevokeAuthorizationRequest::builder()
                    .employee_id(employee_id.clone())
                    .sub_mchid(sub_mchid.clone())
                    .build(),
            )
            .await;
        if let Ok(r) = &result
            && (r.user_id != user_id || r.sub_mchid != sub_mchid)
        {
            run.mismatch(format!(
                "revoke of {employee_id} ({user_id}/{sub_mchid}) answered {:?}",
                r.body()
            ));
        }
        run.record(&result.map(drop));
    }
}

async fn phase(run: &Arc<Run>, limit: usize) {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        tasks.spawn(worker(Arc::clone(run), limit));
    }
    while let Some(joined) = tasks.join_next().await {
        joined.expect("a worker panicked");
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "load test (~10k calls): cargo test -p webizpay-api --test load -- --ignored --nocapture"]
async fn ten_thousand_calls_64_in_flight_with_5_percent_faults() {
    let started = Instant::now();
    // Keep only a few records: the recorder must not count as growth.
    let sim = Simulator::builder()
        .record_limit(16)
        .start()
        .await
        .expect("simulator");
    sim.set_fault_rate(FAULT_RATE, faults(), SEED);
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client");
    let run = Arc::new(Run {
        sim,
        client,
        calls: AtomicUsize::new(0),
        users: AtomicUsize::new(0),
        applies: AtomicU64::new(0),
        revokes: AtomicU64::new(0),
        results: AtomicU64::new(0),
        mismatches: Mutex::default(),
        kinds: Mutex::default(),
    });

    phase(&run, WARM_UP).await;
    let rss_warm = rss_bytes();
    let timed = Instant::now();
    phase(&run, TOTAL).await;
    let elapsed = timed.elapsed();
    let rss_end = rss_bytes();

    let calls = run.calls.load(Ordering::Relaxed) as u64;
    let applies = run.applies.load(Ordering::Relaxed);
    let revokes = run.revokes.load(Ordering::Relaxed);
    let results = run.results.load(Ordering::Relaxed);
    let kinds = run.kinds.lock().expect("lock").clone();
    let sim = &run.sim;

    println!(
        "load: {calls} calls ({applies} apply, {revokes} revoke), {IN_FLIGHT} in flight, fault rate {FAULT_RATE}"
    );
    println!(
        "load: {:.0} calls/s after warm-up ({} calls in {:.2} s); whole test {:.2} s",
        (TOTAL - WARM_UP) as f64 / elapsed.as_secs_f64(),
        TOTAL - WARM_UP,
        elapsed.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    for (kind, n) in &kinds {
        println!("load:   {kind:<36} {n:>6}");
    }
    println!(
        "load: RSS after warm-up {:.1} MiB, at the end {:.1} MiB ({:+.1} MiB, {:.0} B per call; bound {:.0} MiB)",
        mib(rss_warm),
        mib(rss_end),
        mib(rss_end) - mib(rss_warm),
        rss_end.saturating_sub(rss_warm) as f64 / (TOTAL - WARM_UP) as f64,
        mib(MAX_RSS_GROWTH)
    );

    let mismatches = run.mismatches.lock().expect("lock").clone();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    // Every call made, each with exactly one result.
    assert_eq!(calls, TOTAL as u64);
    assert_eq!(applies + revokes, calls);
    assert_eq!(results, calls, "a call lost its result");
    assert_eq!(kinds.values().sum::<u64>(), calls);
    assert!(revokes > 0, "the mix must include revokes");
    // Nothing lost on the way, nothing sent twice.
    assert_eq!(sim.request_count(), calls, "requests seen by the simulator");
    assert_eq!(sim.operation_count("apply_authorization"), applies);
    assert_eq!(sim.operation_count("revoke_authorization"), revokes);
    // Every error is one injected fault, every fault one error.
    let errors = calls - kinds.get("ok").copied().unwrap_or(0);
    assert_eq!(errors, sim.fault_count(), "errors vs faults applied");
    assert!(
        kinds.keys().all(|k| !k.starts_with("UNEXPECTED")),
        "{kinds:?}"
    );
    for (status, kind) in [
        (500, "api 500 SYSTEM_ERROR"),
        (429, "api 429 FREQUENCY_LIMITED"),
        (502, "api 502 proxy HTML"),
    ] {
        assert_eq!(
            sim.status_count(status),
            kinds.get(kind).copied().unwrap_or(0),
            "{kind}"
        );
    }
    // The fault rate is what was asked (±1.5 points over 10,000 requests).
    let rate = errors as f64 / calls as f64;
    assert!((rate - FAULT_RATE).abs() < 0.015, "fault rate {rate}");
    assert!(
        rss_end.saturating_sub(rss_warm) <= MAX_RSS_GROWTH,
        "RSS grew by {:.1} MiB",
        mib(rss_end.saturating_sub(rss_warm))
    );
}
