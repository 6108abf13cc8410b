//! A multi-megabyte bill streams through a bounded buffer: the allocations
//! the download makes on the client's thread stay far below the file size.
//!
//! A counting global allocator tracks the bytes allocated and freed on each
//! thread. The simulator runs on its own runtime and threads (its copies of
//! the file are not counted); the client runs on a current-thread runtime
//! on the test thread, so its connection and body reads are.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::mpsc;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use webizpay_api::simulator::Simulator;
use webizpay_api::{ApplyTradeBillRequest, Client, Config, TradeBillType};

struct Counting;

thread_local! {
    static CURRENT: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    let _ = CURRENT.try_with(|c| {
        let now = c.get() + delta;
        c.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

// SAFETY: every call forwards to the system allocator unchanged; the
// bookkeeping only touches const-initialized thread-locals (no allocation).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        track(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated on this thread and not freed, and the peak since `reset`.
fn reset_peak() -> isize {
    let now = CURRENT.with(Cell::get);
    PEAK.with(|p| p.set(now));
    now
}

fn peak() -> isize {
    PEAK.with(Cell::get)
}

const FILE_BYTES: usize = 32 << 20;
const BOUND: isize = 4 << 20;

#[test]
fn a_32_mib_bill_streams_through_a_bounded_buffer() {
    // The simulator, on its own threads, with a 32 MiB bill for yesterday.
    let (tx, rx) = mpsc::channel::<(String, Config, NaiveDate)>();
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let server = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let sim = Simulator::start().await.unwrap();
            let today = chrono::DateTime::from_timestamp(sim.now_unix() + 8 * 3600, 0)
                .unwrap()
                .date_naive();
            let day = today.checked_sub_days(Days::new(1)).unwrap();
            let line = b"2025-04-23T10:00:00+08:00,1900000001,43214321,WeBizPay_x,1068019671702503425,mch_card_1,100\n";
            let content: Vec<u8> = line.iter().copied().cycle().take(FILE_BYTES).collect();
            sim.set_trade_bill("43214321", day, content);
            tx.send((sim.base_url(), sim.client_config(), day))
                .unwrap();
            tokio::task::spawn_blocking(move || stop_rx.recv())
                .await
                .unwrap()
                .ok();
            drop(sim);
        });
    });
    let (base_url, config, day) = rx.recv().unwrap();

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder(config)
        .base_url(base_url)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let applied = rt
        .block_on(
            client.apply_trade_bill(
                &ApplyTradeBillRequest::builder()
                    .sub_mchid("43214321")
                    .date(day)
                    .r#type(TradeBillType::Qyzfall)
                    .build(),
            ),
        )
        .unwrap();

    let baseline = reset_peak();
    let mut sink = tokio::io::sink();
    let done = rt
        .block_on(client.download(applied.body(), &mut sink))
        .unwrap();
    let growth = peak() - baseline;

    assert_eq!(done.bytes, FILE_BYTES as u64);
    assert_eq!(
        done.hash_checked.as_deref(),
        Some("SHA1"),
        "the whole file was hashed"
    );
    println!(
        "downloaded {} MiB; peak allocation on the client thread grew by {} KiB",
        FILE_BYTES >> 20,
        growth / 1024
    );
    assert!(
        growth < BOUND,
        "peak grew by {growth} bytes for a {FILE_BYTES}-byte file (bound {BOUND})"
    );
    stop_tx.send(()).unwrap();
    server.join().unwrap();
}
