//! The measuring helper behind `cargo xtask bench`: runs in a release
//! (bench-profile) build and prints one JSON object per line on stdout;
//! progress goes to stderr. `cargo xtask bench` turns the lines into one table.
//!
//! ```sh
//! cargo bench -p webizpay-api --bench e2e -- all --seconds 3
//! cargo bench -p webizpay-api --bench e2e -- crypto --seconds 3
//! cargo bench -p webizpay-api --bench e2e -- client --seconds 3
//! cargo bench -p webizpay-api --bench e2e -- codegen
//! ```
//!
//! Modes:
//!
//! - `crypto`: sign/s and verify/s of each crypto backend (one thread,
//!   RSA-2048, a request-sized message), like `openssl speed rsa2048`.
//! - `client`: starts the simulator in a separate process (this binary in
//!   `serve` mode, so its CPU is not counted here), then drives
//!   `apply_authorization` calls over loopback at 1, 8 and 64 in flight. For
//!   each run: calls/s, p50/p99 latency, the client's CPU time per call
//!   (utime + stime of this process from `/proc/self/stat`), the simulator's
//!   CPU (from `/proc/<pid>/stat`), and heap allocations per call (a counting
//!   global allocator in this process).
//! - `codegen`: `webizpay_codegen::generate` on `spec/webizpay.yaml`,
//!   in-process, many iterations.
//! - `notifications`: `NotificationVerifier::verify` per call (signature,
//!   envelope, AES-256-GCM, decoding) on each backend, against one RSA
//!   verify plus one AES-256-GCM decrypt of the same notification; and the
//!   cost of each store (in process; Redis on loopback, a `redis-server`
//!   started for the run) per notification (claim + record) and per
//!   response (one claim): wall and CPU time of this thread.
//! - `all`: the four above, in that order.
//! - `profile`: only the 1-in-flight default-backend calls (for `perf record`).
//! - `serve`: the simulator for `client` (prints its base URL, serves until
//!   stdin closes).
//!
//! Plain `cargo bench` runs this target with no mode: it prints a note and
//! exits, so `cargo bench` stays about the criterion benches (`micro`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use serde_json::json;
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::simulator::{
    DEFAULT_WECHATPAY_SERIAL, MERCHANT_PRIVATE_KEY_PEM, MERCHANT_PUBLIC_KEY_PEM, Simulator,
};
use webizpay_api::{Backend, Client, Operation};

mod common;
use common::{config, request, request_message};
#[path = "../tests/support/notification.rs"]
mod notification;
#[path = "../tests/support/redis_server.rs"]
mod redis_server;

/// Counts heap allocations of this process (all threads).
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static ALLOC_BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOC_BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOC_BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOC_BYTES.fetch_add(new_size as u64, Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// `USER_HZ`: the unit of utime/stime in `/proc/<pid>/stat` (100 on Linux).
const CLOCK_TICKS_PER_SEC: f64 = 100.0;

/// utime + stime of a process, in seconds, from `/proc/<pid>/stat`.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .unwrap_or_else(|e| panic!("/proc/{pid}/stat: {e} (this benchmark needs Linux /proc)"));
    // The command name (field 2) may contain spaces: fields after it start at
    // the last ')'. utime and stime are fields 14 and 15 (1-based).
    let rest = &stat[stat.rfind(')').expect("a /proc stat line") + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 =
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
    ticks as f64 / CLOCK_TICKS_PER_SEC
}

fn emit(value: serde_json::Value) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{value}").expect("stdout");
    out.flush().expect("stdout");
}

/// CPU time of the calling thread (user + system), in seconds, from
/// `/proc/thread-self/schedstat` (nanoseconds).
fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat")
        .expect("/proc/thread-self/schedstat (this benchmark needs Linux /proc)");
    let ns: u64 = stat
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .expect("a schedstat line");
    ns as f64 / 1e9
}

/// Runs `f` repeatedly for about `seconds` of wall time; returns operations
/// per CPU-second of this thread, as `openssl speed` does (it divides by CPU
/// time too), so other load on the machine barely moves the figure.
fn rate(seconds: f64, mut f: impl FnMut()) -> f64 {
    // Warm up caches and lazy initialisation.
    for _ in 0..20 {
        f();
    }
    let budget = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let cpu0 = thread_cpu_seconds();
    let mut n = 0u64;
    while start.elapsed() < budget {
        f();
        n += 1;
    }
    n as f64 / (thread_cpu_seconds() - cpu0)
}

/// sign/s and verify/s per backend (per CPU-second), and the floor of one
/// call: one sign plus one verify, in CPU microseconds.
fn crypto(seconds: f64) {
    let message = request_message();
    for &backend in Backend::all() {
        eprintln!("e2e: crypto {backend} ({seconds} s sign, {seconds} s verify)");
        let signer = backend
            .signing_key_from_pem(MERCHANT_PRIVATE_KEY_PEM)
            .expect("valid key");
        let verifier = backend
            .verifying_key_from_pem(MERCHANT_PUBLIC_KEY_PEM)
            .expect("valid key");
        let signature = signer.sign(&message);
        assert!(verifier.verify(&message, &signature));
        let sign_per_s = rate(seconds, || {
            std::hint::black_box(signer.sign(std::hint::black_box(&message)));
        });
        let verify_per_s = rate(seconds, || {
            assert!(verifier.verify(
                std::hint::black_box(&message),
                std::hint::black_box(&signature)
            ));
        });
        let call_floor_us = 1e6 / sign_per_s + 1e6 / verify_per_s;
        emit(json!({
            "kind": "crypto",
            "backend": backend.name(),
            "default": backend == Backend::default(),
            "sign_per_s": sign_per_s,
            "verify_per_s": verify_per_s,
            "sign_plus_verify_us": call_floor_us,
        }));
    }
}

/// Aggregate sign/s of the default backend with one thread per core, by wall
/// clock: what the machine delivers when the client and the simulator both
/// sign at once (two vCPUs that share a physical core give less than 2×).
fn parallel_sign(seconds: f64) {
    let backend = Backend::default();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    eprintln!("e2e: {backend} sign on {threads} threads at once ({seconds} s)");
    let message = request_message();
    let signer = backend
        .signing_key_from_pem(MERCHANT_PRIVATE_KEY_PEM)
        .expect("valid key");
    let budget = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let total: u64 = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut n = 0u64;
                    while start.elapsed() < budget {
                        std::hint::black_box(signer.sign(&message));
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .sum()
    });
    emit(json!({
        "kind": "parallel",
        "backend": backend.name(),
        "threads": threads,
        "sign_per_s": total as f64 / start.elapsed().as_secs_f64(),
    }));
}

/// The simulator, in a child process (this binary in `serve` mode).
struct SimProcess {
    child: Child,
    pid: String,
    base_url: String,
}

impl SimProcess {
    fn spawn() -> SimProcess {
        let exe = std::env::current_exe().expect("the path of this binary");
        let mut child = Command::new(exe)
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn the simulator process");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("piped stdout"))
            .read_line(&mut line)
            .expect("the simulator prints its URL");
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let base_url = v["base_url"].as_str().expect("base_url").to_owned();
        let pid = child.id().to_string();
        SimProcess {
            child,
            pid,
            base_url,
        }
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        // Closing stdin stops the server; kill it if it does not go.
        drop(self.child.stdin.take());
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one run of calls at a fixed concurrency measured.
struct Run {
    calls: u64,
    wall: f64,
    client_cpu: f64,
    sim_cpu: f64,
    allocs: u64,
    alloc_bytes: u64,
    latencies_us: Vec<u32>,
}

/// `in_flight` tasks each call `apply_authorization` back to back until
/// `seconds` have passed.
fn run_calls(
    rt: &tokio::runtime::Runtime,
    client: &Client,
    sim_pid: &str,
    in_flight: usize,
    seconds: f64,
) -> Run {
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let cpu0 = cpu_seconds("self");
    let sim0 = cpu_seconds(sim_pid);
    let allocs0 = ALLOCS.load(Relaxed);
    let bytes0 = ALLOC_BYTES.load(Relaxed);
    let start = Instant::now();
    let latencies_us = rt.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..in_flight {
            let client = client.clone();
            tasks.spawn(async move {
                let req = request();
                let mut latencies = Vec::with_capacity(4096);
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let resp = client.apply_authorization(&req).await;
                    let us = t.elapsed().as_micros();
                    resp.expect("the simulator answers every call");
                    latencies.push(u32::try_from(us).unwrap_or(u32::MAX));
                }
                latencies
            });
        }
        let mut all = Vec::new();
        while let Some(done) = tasks.join_next().await {
            all.extend(done.expect("no task panics"));
        }
        all
    });
    let wall = start.elapsed().as_secs_f64();
    Run {
        calls: latencies_us.len() as u64,
        wall,
        client_cpu: cpu_seconds("self") - cpu0,
        sim_cpu: cpu_seconds(sim_pid) - sim0,
        allocs: ALLOCS.load(Relaxed) - allocs0,
        alloc_bytes: ALLOC_BYTES.load(Relaxed) - bytes0,
        latencies_us,
    }
}

fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn report(label: &str, runtime: &str, backend: Backend, in_flight: usize, mut run: Run) {
    run.latencies_us.sort_unstable();
    let calls = run.calls.max(1) as f64;
    emit(json!({
        "kind": "client",
        "label": label,
        "runtime": runtime,
        "backend": backend.name(),
        "in_flight": in_flight,
        "calls": run.calls,
        "seconds": run.wall,
        "calls_per_s": run.calls as f64 / run.wall,
        "p50_us": percentile(&run.latencies_us, 50.0),
        "p99_us": percentile(&run.latencies_us, 99.0),
        "client_cpu_us_per_call": run.client_cpu * 1e6 / calls,
        "client_cpu_pct": run.client_cpu / run.wall * 100.0,
        "sim_cpu_pct": run.sim_cpu / run.wall * 100.0,
        "sim_cpu_us_per_call": run.sim_cpu * 1e6 / calls,
        "allocs_per_call": run.allocs as f64 / calls,
        "alloc_bytes_per_call": run.alloc_bytes as f64 / calls,
        "cores": std::thread::available_parallelism().map_or(1, usize::from),
    }));
}

/// Heap allocations (count, bytes) of one run of `f`, averaged over 1000 runs.
fn allocations<T>(mut f: impl FnMut() -> T) -> (f64, f64) {
    std::hint::black_box(f());
    let (a0, b0) = (ALLOCS.load(Relaxed), ALLOC_BYTES.load(Relaxed));
    for _ in 0..1000 {
        std::hint::black_box(f());
    }
    let (a1, b1) = (ALLOCS.load(Relaxed), ALLOC_BYTES.load(Relaxed));
    ((a1 - a0) as f64 / 1000.0, (b1 - b0) as f64 / 1000.0)
}

/// Allocations of the runtime's own stages of one call (single-threaded, so
/// nothing else allocates meanwhile), to tell them from the HTTP stack's.
/// AWS-LC allocates with its own `malloc`, not counted here.
fn stage_allocations(data: &webizpay_api::ApplyAuthorizationResponse) {
    use webizpay_api::__internal::auth;
    let config = config(Backend::default());
    let req = request();
    let target = req.target(webizpay_api::simulator::DEFAULT_MCHID);
    let mut body = Vec::new();
    webizpay_api::__internal::write_body(&req, webizpay_api::simulator::DEFAULT_MCHID, &mut body)
        .expect("serializable");
    let raw = serde_json::to_vec(data).expect("serializable");
    let wechatpay = Backend::default()
        .signing_key_from_pem(webizpay_api::simulator::WECHATPAY_PRIVATE_KEY_PEM)
        .expect("valid key");
    let now = 1_700_000_000;
    let nonce = auth::nonce();
    let mut headers = reqwest::header::HeaderMap::new();
    let signature = auth::sign_response(&*wechatpay, now, &nonce, &raw);
    for (name, value) in [
        (auth::HEADER_TIMESTAMP, now.to_string()),
        (auth::HEADER_NONCE, nonce.clone()),
        (auth::HEADER_SIGNATURE, signature),
        (auth::HEADER_SERIAL, DEFAULT_WECHATPAY_SERIAL.to_owned()),
    ] {
        headers.insert(name, value.parse().expect("a header value"));
    }
    let stages: [(&str, (f64, f64)); 5] = [
        (
            "validate + target + body",
            allocations(|| {
                req.validate().expect("valid");
                let mut t = String::with_capacity(64);
                webizpay_api::__internal::write_target(
                    &req,
                    webizpay_api::simulator::DEFAULT_MCHID,
                    &mut t,
                );
                let mut b = Vec::with_capacity(256);
                webizpay_api::__internal::write_body(
                    &req,
                    webizpay_api::simulator::DEFAULT_MCHID,
                    &mut b,
                )
                .expect("serializable");
                (t, b)
            }),
        ),
        ("nonce", allocations(auth::nonce)),
        (
            "authorization header (sign)",
            allocations(|| {
                auth::authorization(
                    &config,
                    webizpay_api::Method::Post,
                    &target,
                    &body,
                    now,
                    &nonce,
                )
            }),
        ),
        (
            "verify_response",
            allocations(|| {
                auth::verify_response(config.wechatpay_keys(), &headers, &raw, now)
                    .expect("verifies")
            }),
        ),
        (
            "decode response",
            allocations(|| {
                let de = &mut serde_json::Deserializer::from_slice(&raw);
                serde_path_to_error::deserialize::<_, webizpay_api::ApplyAuthorizationResponse>(de)
                    .expect("decodes")
            }),
        ),
    ];
    for (stage, (count, bytes)) in stages {
        emit(json!({ "kind": "allocs", "stage": stage, "allocs": count, "bytes": bytes }));
    }
}

fn client_runs(seconds: f64) {
    let sim = SimProcess::spawn();
    eprintln!(
        "e2e: simulator pid {} at {} (separate process)",
        sim.pid, sim.base_url
    );
    let multi = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let current = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let client_for = |backend: Backend| {
        // Built inside a runtime context: reqwest's pool spawns on it.
        Client::builder(config(backend))
            .base_url(sim.base_url.clone())
            .build()
            .expect("client")
    };
    let default = Backend::default();
    let client = {
        let _guard = multi.enter();
        client_for(default)
    };
    eprintln!("e2e: warm-up (1 s, 64 in flight)");
    run_calls(&multi, &client, &sim.pid, 64, 1.0);
    let sample = multi
        .block_on(client.apply_authorization(&request()))
        .expect("a call");
    stage_allocations(sample.body());

    for in_flight in [1, 8, 64] {
        eprintln!("e2e: {in_flight} in flight, multi-thread runtime, {seconds} s");
        let run = run_calls(&multi, &client, &sim.pid, in_flight, seconds);
        report("load", "multi_thread", default, in_flight, run);
    }

    // The client's own CPU per call without cross-thread wake-ups, and with
    // each backend.
    for &backend in Backend::all() {
        let client = {
            let _guard = current.enter();
            client_for(backend)
        };
        run_calls(&current, &client, &sim.pid, 1, 0.3);
        eprintln!("e2e: 1 in flight, current-thread runtime, {backend}, {seconds} s");
        let run = run_calls(&current, &client, &sim.pid, 1, seconds);
        report("cpu", "current_thread", backend, 1, run);
    }
}

/// Only calls at 1 in flight with the default backend on a current-thread
/// runtime: a clean target for `perf record -g -- <this binary> profile`.
fn profile(seconds: f64) {
    let sim = SimProcess::spawn();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let client = {
        let _guard = rt.enter();
        Client::builder(config(Backend::default()))
            .base_url(sim.base_url.clone())
            .build()
            .expect("client")
    };
    run_calls(&rt, &client, &sim.pid, 1, 0.3);
    eprintln!("e2e: profile: 1 in flight, current-thread runtime, {seconds} s");
    let run = run_calls(&rt, &client, &sim.pid, 1, seconds);
    report("profile", "current_thread", Backend::default(), 1, run);
}

fn codegen(seconds: f64) {
    let spec_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/webizpay.yaml");
    let spec = std::fs::read_to_string(spec_path).expect("spec/webizpay.yaml");
    eprintln!("e2e: codegen on spec/webizpay.yaml ({seconds} s)");
    let mut files = 0;
    for _ in 0..3 {
        let out = webizpay_codegen::generate(&spec, "spec/webizpay.yaml")
            .unwrap_or_else(|e| panic!("the spec generates: {e}"));
        files = out.files.len();
    }
    let budget = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let mut times_ms = Vec::new();
    let mut cpu_ms = Vec::new();
    while start.elapsed() < budget || times_ms.len() < 20 {
        let t = Instant::now();
        let cpu = thread_cpu_seconds();
        let out = webizpay_codegen::generate(&spec, "spec/webizpay.yaml");
        cpu_ms.push((thread_cpu_seconds() - cpu) * 1e3);
        times_ms.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(out.is_ok());
    }
    let n = times_ms.len();
    let mean = times_ms.iter().sum::<f64>() / n as f64;
    let cpu_mean = cpu_ms.iter().sum::<f64>() / n as f64;
    times_ms.sort_by(f64::total_cmp);
    emit(json!({
        "kind": "codegen",
        "spec_bytes": spec.len(),
        "files": files,
        "iterations": n,
        "mean_ms": mean,
        "median_ms": times_ms[n / 2],
        "min_ms": times_ms[0],
        "cpu_mean_ms": cpu_mean,
    }));
}

/// `NotificationVerifier::verify` per call on each backend, and its floor:
/// one RSA verify plus one AES-256-GCM decrypt of the same notification.
fn notifications(seconds: f64) {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD as BASE64;

    let (headers, body) = notification::signed(
        "EV-bench",
        "WEBIZPAY.AUTHORIZED",
        &notification::authorized("employee123"),
    );
    let header = |name: &str| headers[name].to_str().expect("ASCII").to_owned();
    let message = format!(
        "{}\n{}\n{}\n",
        header("Wechatpay-Timestamp"),
        header("Wechatpay-Nonce"),
        String::from_utf8_lossy(&body)
    );
    let signature = BASE64
        .decode(header("Wechatpay-Signature"))
        .expect("base64");
    let envelope: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    let resource = &envelope["resource"];
    let ciphertext = BASE64
        .decode(resource["ciphertext"].as_str().expect("ciphertext"))
        .expect("base64");
    let nonce = resource["nonce"].as_str().expect("nonce").as_bytes();
    let aad = resource["associated_data"]
        .as_str()
        .expect("aad")
        .as_bytes();
    let apiv3: &[u8; 32] = webizpay_api::simulator::DEFAULT_APIV3_KEY
        .as_bytes()
        .try_into()
        .expect("32 bytes");
    for &backend in Backend::all() {
        eprintln!("e2e: notifications on {backend} ({seconds} s)");
        let verifier = webizpay_api::NotificationVerifier::new(&notification::config_for(backend))
            .expect("an APIv3 key");
        let per_s = rate(seconds, || {
            std::hint::black_box(verifier.verify(&headers, &body).expect("genuine"));
        });
        let key = backend
            .verifying_key_from_pem(webizpay_api::simulator::WECHATPAY_PUBLIC_KEY_PEM)
            .expect("valid key");
        let verify_per_s = rate(seconds / 2.0, || {
            assert!(key.verify(
                std::hint::black_box(message.as_bytes()),
                std::hint::black_box(&signature)
            ));
        });
        let decrypt_per_s = rate(seconds / 2.0, || {
            std::hint::black_box(
                backend
                    .aes_256_gcm_decrypt(apiv3, nonce, aad, std::hint::black_box(&ciphertext))
                    .expect("decrypts"),
            );
        });
        emit(json!({
            "kind": "notification",
            "backend": backend.name(),
            "default": backend == Backend::default(),
            "us": 1e6 / per_s,
            "rsa_verify_us": 1e6 / verify_per_s,
            "aes_decrypt_us": 1e6 / decrypt_per_s,
        }));
    }
}

/// Each store's cost per notification (claim + record) and per response
/// (one claim), wall and CPU time of this thread (a current-thread runtime,
/// so the Redis connection's own task is counted too; not the server).
fn stores(seconds: f64) {
    use std::sync::Arc;
    use webizpay_api::{MemoryStore, RedisStore, Store};

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let server = redis_server::RedisServer::start("bench stores");
    let mut stores: Vec<(&str, Arc<dyn Store>)> =
        vec![("in process", Arc::new(MemoryStore::new()))];
    match &server {
        Some(server) => {
            let redis = rt
                .block_on(RedisStore::connect(server.url()))
                .expect("the bench's redis-server");
            stores.push(("Redis, loopback", Arc::new(redis)));
        }
        None => emit(
            json!({"kind": "store", "store": "Redis, loopback", "skipped": "redis-server not found (apt-get install redis-server)"}),
        ),
    }
    let lease = Duration::from_secs(30);
    let handled = Duration::from_secs(25 * 3600);
    let window = Duration::from_secs(300);
    for (name, store) in stores {
        for per in ["notification", "response"] {
            eprintln!("e2e: store {name}, per {per} ({} s)", seconds / 2.0);
            let (n, wall, cpu) = rt.block_on(async {
                let budget = Duration::from_secs_f64(seconds / 2.0);
                let start = Instant::now();
                let cpu0 = thread_cpu_seconds();
                let mut n = 0u64;
                while start.elapsed() < budget {
                    if per == "notification" {
                        let key = format!("webizpay:1900000001:notification:EV-{name}-{n}");
                        let claimed = store
                            .insert_if_absent(&key, "in-flight:0123456789abcdef", lease)
                            .await
                            .expect("the store answers");
                        assert!(claimed.is_none());
                        store
                            .put(&key, "handled", handled)
                            .await
                            .expect("the store answers");
                    } else {
                        let key = format!("webizpay:1900000001:response:{name}{n:032x}");
                        let claimed = store
                            .insert_if_absent(&key, "1", window)
                            .await
                            .expect("the store answers");
                        assert!(claimed.is_none());
                    }
                    n += 1;
                }
                (
                    n,
                    start.elapsed().as_secs_f64(),
                    thread_cpu_seconds() - cpu0,
                )
            });
            emit(json!({
                "kind": "store",
                "store": name,
                "per": per,
                "wall_us": wall * 1e6 / n as f64,
                "cpu_us": cpu * 1e6 / n as f64,
            }));
        }
    }
}

fn serve() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let sim = rt.block_on(async {
        Simulator::builder()
            .record_limit(0)
            .start()
            .await
            .expect("the simulator starts")
    });
    emit(json!({ "kind": "serve", "base_url": sim.base_url(), "pid": std::process::id() }));
    // Serve until the driver closes stdin (or dies).
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(sim);
    drop(rt);
}

fn main() {
    let mut mode = None;
    let mut seconds = 3.0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // Added by `cargo bench`.
            "--bench" => {}
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|s: &f64| *s > 0.0)
                    .expect("--seconds takes a positive number");
            }
            m if !m.starts_with('-') && mode.is_none() => mode = Some(m.to_owned()),
            other => {
                eprintln!("e2e: unknown argument {other:?}");
                std::process::exit(2);
            }
        }
    }
    match mode.as_deref() {
        None => eprintln!(
            "e2e: the end-to-end helper of `cargo xtask bench` (modes: all, crypto, client, codegen, notifications); nothing to do"
        ),
        Some("all") => {
            crypto(seconds);
            parallel_sign(seconds);
            client_runs(seconds);
            codegen(seconds.min(2.0));
            notifications(seconds);
            stores(seconds);
        }
        Some("notifications") => {
            notifications(seconds);
            stores(seconds);
        }
        Some("crypto") => {
            crypto(seconds);
            parallel_sign(seconds);
        }
        Some("client") => client_runs(seconds),
        Some("codegen") => codegen(seconds),
        Some("serve") => serve(),
        Some("profile") => profile(seconds),
        Some(other) => {
            eprintln!(
                "e2e: unknown mode {other:?} (all, crypto, client, codegen, notifications, serve)"
            );
            std::process::exit(2);
        }
    }
}
