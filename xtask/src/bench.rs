//! `cargo xtask bench [--seconds <n>]`: measures webizpay-api against the
//! hardware's limit and prints one table.
//!
//! 1. `openssl speed -seconds <n> rsa2048`: the floor (sign/s, verify/s of
//!    OpenSSL on this machine). Skipped, with a note, without `openssl`.
//! 2. `cargo bench -p webizpay-api --bench e2e -- all` (a release build of
//!    `webizpay-api/benches/e2e.rs`, JSON lines on stdout): sign/s and
//!    verify/s per crypto backend; calls over loopback against the simulator
//!    running in a separate process, at 1, 8 and 64 in flight; the client's
//!    CPU time and allocations per call; `webizpay_codegen::generate` time;
//!    `NotificationVerifier::verify` per call against one RSA verify plus
//!    one AES-256-GCM decrypt; each store (in process, Redis on loopback)
//!    per notification and per response.
//!
//! Every number is measured by this run; nothing is hard-coded but the
//! targets of issue 5. Exit code 0 even when a target is missed (it is a
//! measurement); 1 when a step fails.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use serde_json::Value;

use crate::UsageError;

/// aws-lc-rs sign/s and verify/s, relative to `openssl speed`.
const TARGET_CRYPTO_RATIO: f64 = 0.9;
/// Client CPU per call, relative to one sign plus one verify (default backend).
const TARGET_CPU_RATIO: f64 = 1.2;
/// calls/s at 64 in flight, relative to 1 in flight.
const TARGET_SCALING: f64 = 1.7;
/// One run of the generator on the real spec, in milliseconds.
const TARGET_CODEGEN_MS: f64 = 50.0;

/// The options of `bench`.
#[derive(Debug)]
pub struct Options {
    seconds: u32,
    build_cost: bool,
}

impl Options {
    /// Parses the options after `bench`.
    pub fn parse(parser: &mut lexopt::Parser) -> Result<Self, UsageError> {
        use lexopt::ValueExt;
        let mut seconds = 3;
        let mut build_cost = true;
        while let Some(arg) = parser.next()? {
            match arg {
                lexopt::Arg::Long("no-build-cost") => build_cost = false,
                lexopt::Arg::Long("seconds") => {
                    seconds = parser.value()?.parse()?;
                    if seconds == 0 {
                        return Err(UsageError("--seconds must be at least 1".to_owned()));
                    }
                }
                other => return Err(UsageError(other.unexpected().to_string())),
            }
        }
        Ok(Options {
            seconds,
            build_cost,
        })
    }
}

/// `openssl speed rsa2048` on this machine.
struct Floor {
    version: String,
    sign_per_s: f64,
    verify_per_s: f64,
    /// `openssl speed -multi <cores>`: aggregate sign/s with every core busy.
    multi: Option<(usize, f64)>,
}

/// Runs and parses `openssl speed -seconds <n> rsa2048`. `Err` says why there is no floor.
fn openssl_floor(seconds: u32) -> Result<Floor, String> {
    let version = Command::new("openssl")
        .arg("version")
        .output()
        .map_err(|e| format!("openssl not found ({e}); install it for the floor"))?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    eprintln!("bench: openssl speed -seconds {seconds} rsa2048 ({version})");
    let out = Command::new("openssl")
        .args(["speed", "-seconds", &seconds.to_string(), "rsa2048"])
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("openssl speed failed to start: {e}"))?;
    if !out.status.success() {
        return Err(format!("openssl speed failed ({})", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let (sign_per_s, verify_per_s) = parse_openssl_speed(&text)
        .ok_or_else(|| format!("could not parse the output of openssl speed:\n{text}"))?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let multi = (cores > 1)
        .then(|| {
            eprintln!("bench: openssl speed -seconds {seconds} -multi {cores} rsa2048");
            Command::new("openssl")
                .args(["speed", "-seconds", &seconds.to_string()])
                .args(["-multi", &cores.to_string(), "rsa2048"])
                .stderr(Stdio::null())
                .output()
                .ok()
        })
        .flatten()
        .and_then(|o| parse_openssl_speed(&String::from_utf8_lossy(&o.stdout)))
        .map(|(sign, _)| (cores, sign));
    Ok(Floor {
        version,
        sign_per_s,
        verify_per_s,
        multi,
    })
}

/// The `sign/s` and `verify/s` columns of the `rsa 2048 bits` row. The header
/// names the columns (OpenSSL 3.2+ adds encrypt/decrypt ones), so they are
/// looked up by name.
fn parse_openssl_speed(text: &str) -> Option<(f64, f64)> {
    let header: Vec<&str> = text
        .lines()
        .find(|l| l.contains("sign/s"))?
        .split_whitespace()
        .collect();
    let row = text.lines().find(|l| {
        let t: Vec<&str> = l.split_whitespace().collect();
        t.len() > 3 && t[0] == "rsa" && t[1] == "2048" && t[2] == "bits"
    })?;
    let values: Vec<&str> = row.split_whitespace().skip(3).collect();
    if values.len() != header.len() {
        return None;
    }
    let column = |name: &str| -> Option<f64> {
        let i = header.iter().position(|h| *h == name)?;
        values[i].parse().ok()
    };
    Some((column("sign/s")?, column("verify/s")?))
}

/// Builds and runs the e2e helper; returns its JSON lines.
fn run_helper(root: &Path, seconds: u32) -> Result<Vec<Value>, String> {
    eprintln!(
        "bench: building the release helper (cargo bench -p webizpay-api --bench e2e --no-run)"
    );
    let status = Command::new(cargo())
        .current_dir(root)
        .args(["bench", "-p", "webizpay-api", "--bench", "e2e", "--no-run"])
        .status()
        .map_err(|e| format!("cargo failed to start: {e}"))?;
    if !status.success() {
        return Err(format!("building the e2e helper failed ({status})"));
    }
    let mut child = Command::new(cargo())
        .current_dir(root)
        .args(["bench", "-q", "-p", "webizpay-api", "--bench", "e2e", "--"])
        .args(["all", "--seconds", &seconds.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cargo failed to start: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading the helper's output: {e}"))?;
        match serde_json::from_str::<Value>(&line) {
            Ok(v) => lines.push(v),
            Err(_) => eprintln!("{line}"),
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("the e2e helper failed ({status})"));
    }
    Ok(lines)
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "?".to_owned())
}

/// Date, cores, CPU model, load at start, rustc.
fn machine() -> String {
    let date = command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]);
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned());
    let rustc = command_line("rustc", &["--version"]);
    format!("{date}; {cores} cores ({model}); load average {load} at start; {rustc}")
}

/// `12,345` style.
fn thousands(x: f64) -> String {
    let n = x.round() as u64;
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn us(x: f64) -> String {
    if x >= 10_000.0 {
        format!("{:.1} ms", x / 1000.0)
    } else {
        format!("{x:.0} µs")
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or(f64::NAN)
}

/// One table row: measure, result, compared with, ratio, target.
type Row = [String; 5];

fn row(measure: impl Into<String>, result: impl Into<String>) -> Row {
    [
        measure.into(),
        result.into(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

fn print_table(rows: &[Row]) {
    let header = [
        "Measure",
        "Result",
        "Compared with",
        "Ratio / per call",
        "Target",
    ];
    let mut widths = header.map(|h| h.chars().count());
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for (c, w) in cells.iter().zip(widths) {
            let pad = w - c.chars().count();
            s.push(' ');
            s.push_str(c);
            s.push_str(&" ".repeat(pad));
            s.push_str(" |");
        }
        println!("{s}");
    };
    line(&header.map(str::to_owned));
    line(&widths.map(|w| "-".repeat(w)));
    for r in rows {
        line(r);
    }
}

fn build_rows(floor: &Result<Floor, String>, lines: &[Value], seconds: u32) -> Vec<Row> {
    let mut rows = Vec::new();
    match floor {
        Ok(fl) => {
            rows.push(row(
                "floor: openssl speed rsa2048, sign/s (per CPU-second)",
                thousands(fl.sign_per_s),
            ));
            rows.push(row(
                "floor: openssl speed rsa2048, verify/s (per CPU-second)",
                thousands(fl.verify_per_s),
            ));
            if let Some((cores, sign)) = fl.multi {
                let mut r = row(
                    format!("machine: openssl speed -multi {cores} rsa2048, total sign/s"),
                    thousands(sign),
                );
                r[2] = format!("1 process {}", thousands(fl.sign_per_s));
                r[3] = format!("{:.2}×", sign / fl.sign_per_s);
                rows.push(r);
            }
        }
        Err(why) => rows.push(row(
            "floor: openssl speed rsa2048",
            format!("skipped: {why}"),
        )),
    }

    let crypto: Vec<&Value> = lines.iter().filter(|v| v["kind"] == "crypto").collect();
    for c in &crypto {
        let backend = c["backend"].as_str().unwrap_or("?");
        let is_aws = backend == "aws-lc-rs";
        for (what, key, floor_value) in [
            (
                "sign/s",
                "sign_per_s",
                floor.as_ref().ok().map(|f| f.sign_per_s),
            ),
            (
                "verify/s",
                "verify_per_s",
                floor.as_ref().ok().map(|f| f.verify_per_s),
            ),
        ] {
            let value = f(c, key);
            let mut r = row(
                format!("{backend} {what} (1 thread, per CPU-second)"),
                thousands(value),
            );
            if let Some(fv) = floor_value {
                let ratio = value / fv;
                r[2] = format!("openssl {}", thousands(fv));
                r[3] = format!("{ratio:.2}×");
                if is_aws {
                    r[4] = format!(
                        "≥ {TARGET_CRYPTO_RATIO}× {}",
                        verdict(ratio >= TARGET_CRYPTO_RATIO)
                    );
                }
            }
            rows.push(r);
        }
    }
    let default_crypto = crypto.iter().find(|c| c["default"] == true);
    // What the machine gives when every core signs at once, relative to one.
    let mut parallel_ratio = f64::NAN;
    if let (Some(p), Some(c)) = (
        lines.iter().find(|v| v["kind"] == "parallel"),
        default_crypto,
    ) {
        let threads = p["threads"].as_u64().unwrap_or(1);
        parallel_ratio = f(p, "sign_per_s") / f(c, "sign_per_s");
        let mut r = row(
            format!(
                "machine: {} sign on {threads} threads at once, total sign/s (wall clock)",
                p["backend"].as_str().unwrap_or("?")
            ),
            thousands(f(p, "sign_per_s")),
        );
        r[2] = format!("1 thread {}", thousands(f(c, "sign_per_s")));
        r[3] = format!("{parallel_ratio:.2}×");
        rows.push(r);
    }
    let floor_us = default_crypto.map_or(f64::NAN, |c| f(c, "sign_plus_verify_us"));
    let default_backend = default_crypto
        .and_then(|c| c["backend"].as_str())
        .unwrap_or("?");
    rows.push(row(
        format!("call floor: 1 sign + 1 verify ({default_backend}, in-process, CPU)"),
        us(floor_us),
    ));

    let clients: Vec<&Value> = lines.iter().filter(|v| v["kind"] == "client").collect();
    for c in clients.iter().filter(|c| c["label"] == "cpu") {
        let backend = c["backend"].as_str().unwrap_or("?");
        let cpu = f(c, "client_cpu_us_per_call");
        let mut r = row(
            format!("client CPU per call, {backend}, 1 in flight, current-thread runtime"),
            format!(
                "{}; {:.0} allocs, {} B",
                us(cpu),
                f(c, "allocs_per_call"),
                thousands(f(c, "alloc_bytes_per_call"))
            ),
        );
        // Against the floor of the same backend: the overhead beyond its crypto.
        let own_floor = crypto
            .iter()
            .find(|c| c["backend"].as_str() == Some(backend))
            .map_or(f64::NAN, |c| f(c, "sign_plus_verify_us"));
        r[2] = format!("floor {} ({backend})", us(own_floor));
        let ratio = cpu / own_floor;
        r[3] = format!("{ratio:.2}×");
        if Some(backend) == Some(default_backend) {
            r[4] = format!(
                "≤ {TARGET_CPU_RATIO}× {}",
                verdict(ratio <= TARGET_CPU_RATIO)
            );
        }
        rows.push(r);
    }
    let stages: Vec<&Value> = lines.iter().filter(|v| v["kind"] == "allocs").collect();
    if !stages.is_empty() {
        let total: f64 = stages.iter().map(|s| f(s, "allocs")).sum();
        let parts: Vec<String> = stages
            .iter()
            .map(|s| {
                format!(
                    "{} {:.0}",
                    s["stage"].as_str().unwrap_or("?"),
                    f(s, "allocs")
                )
            })
            .collect();
        let mut r = row(
            "allocations per call in webizpay-api's own stages",
            format!("{total:.0}: {}", parts.join(", ")),
        );
        r[2] = "the rest of a call's allocations: reqwest/hyper/tokio".to_owned();
        rows.push(r);
    }
    let loads: Vec<&Value> = clients
        .iter()
        .copied()
        .filter(|c| c["label"] == "load")
        .collect();
    let cores = loads.first().and_then(|c| c["cores"].as_u64()).unwrap_or(1);
    for c in &loads {
        let n = c["in_flight"].as_u64().unwrap_or(0);
        let client_pct = f(c, "client_cpu_pct");
        let sim_pct = f(c, "sim_cpu_pct");
        let mut r = row(
            format!("loopback, {n} in flight (multi-thread runtime)"),
            format!(
                "{} calls/s; p50 {}, p99 {}",
                thousands(f(c, "calls_per_s")),
                us(f(c, "p50_us")),
                us(f(c, "p99_us"))
            ),
        );
        r[2] = format!(
            "CPU client {client_pct:.0}% + simulator {sim_pct:.0}% = {:.0}% of {}%",
            client_pct + sim_pct,
            cores * 100
        );
        r[3] = format!(
            "client {}/call, {:.0} allocs",
            us(f(c, "client_cpu_us_per_call")),
            f(c, "allocs_per_call")
        );
        rows.push(r);
    }
    let at = |n: u64| {
        loads
            .iter()
            .find(|c| c["in_flight"].as_u64() == Some(n))
            .map_or(f64::NAN, |c| f(c, "calls_per_s"))
    };
    let scaling = at(64) / at(1);
    let mut r = row(
        "calls/s, 64 in flight ÷ 1 in flight",
        format!("{scaling:.2}×"),
    );
    r[2] = format!(
        "ceiling: {cores}× in theory, {parallel_ratio:.2}× measured for RSA on this machine"
    );
    r[4] = format!("≥ {TARGET_SCALING}× {}", verdict(scaling >= TARGET_SCALING));
    rows.push(r);

    if let Some(g) = lines.iter().find(|v| v["kind"] == "codegen") {
        let mut r = row(
            "codegen: webizpay_codegen::generate(spec/webizpay.yaml), release",
            format!(
                "{:.2} ms CPU per run ({:.2} ms wall mean, {:.2} ms median; {} runs, {} files)",
                f(g, "cpu_mean_ms"),
                f(g, "mean_ms"),
                f(g, "median_ms"),
                g["iterations"],
                g["files"]
            ),
        );
        r[4] = format!(
            "< {TARGET_CODEGEN_MS} ms {}",
            verdict(f(g, "cpu_mean_ms") < TARGET_CODEGEN_MS)
        );
        rows.push(r);
    }
    for n in lines.iter().filter(|v| v["kind"] == "notification") {
        let floor = f(n, "rsa_verify_us") + f(n, "aes_decrypt_us");
        let mut r = row(
            format!(
                "notification: NotificationVerifier::verify, CPU per call ({})",
                n["backend"].as_str().unwrap_or("?")
            ),
            us(f(n, "us")),
        );
        r[2] = format!(
            "1 RSA verify {} + 1 AES-256-GCM decrypt {} = {}",
            us(f(n, "rsa_verify_us")),
            us(f(n, "aes_decrypt_us")),
            us(floor)
        );
        r[3] = format!("{:.2}×", f(n, "us") / floor);
        rows.push(r);
    }
    for st in lines.iter().filter(|v| v["kind"] == "store") {
        let name = st["store"].as_str().unwrap_or("?");
        if let Some(why) = st["skipped"].as_str() {
            rows.push(row(format!("store: {name}"), format!("skipped: {why}")));
            continue;
        }
        let per = st["per"].as_str().unwrap_or("?");
        let mut r = row(
            format!("store: {name}, per {per}"),
            format!("{} wall, {} CPU", us(f(st, "wall_us")), us(f(st, "cpu_us"))),
        );
        r[2] = if per == "notification" {
            "claim (insert if absent) + record (put), one after the other".to_owned()
        } else {
            "one claim (insert if absent): the replay check".to_owned()
        };
        rows.push(r);
    }
    rows.push(row("measurement window per row", format!("{seconds} s")));
    rows
}

/// Runs `bench`.
pub fn run(options: &Options, root: &Path) -> ExitCode {
    let machine = machine();
    let floor = openssl_floor(options.seconds);
    if let Err(why) = &floor {
        eprintln!("bench: note: no openssl floor: {why}");
    }
    let lines = match run_helper(root, options.seconds) {
        Ok(lines) => lines,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!();
    println!("webizpay-api performance: {machine}");
    if let Ok(fl) = &floor {
        println!("floor: {}", fl.version);
    }
    println!();
    print_table(&build_rows(&floor, &lines, options.seconds));
    if !options.build_cost {
        return ExitCode::SUCCESS;
    }
    let cost = match crate::buildcost::measure(root) {
        Ok(cost) => cost,
        Err(e) => {
            eprintln!("error: build cost: {e}");
            return ExitCode::FAILURE;
        }
    };
    let quickstart = crate::footprint::quickstart_size(root);
    let codegen_ms = lines
        .iter()
        .find(|v| v["kind"] == "codegen")
        .map(|g| f(g, "cpu_mean_ms"));
    println!();
    println!(
        "cost per operation ({} operations in the spec)",
        cost.operations
    );
    println!();
    print_table(&cost_rows(&cost, codegen_ms, quickstart));
    ExitCode::SUCCESS
}

fn cost_rows(
    cost: &crate::buildcost::BuildCost,
    codegen_ms: Option<f64>,
    quickstart: Result<(u64, Option<u64>), String>,
) -> Vec<Row> {
    let n = cost.operations as f64;
    let mut rows = Vec::new();
    if let Some(ms) = codegen_ms {
        let mut r = row("generator on the spec (CPU per run)", format!("{ms:.2} ms"));
        r[3] = format!("{:.3} ms per operation", ms / n);
        rows.push(r);
    }
    let mut r = row(
        "generated Rust: all files / operation modules",
        format!("{} / {} lines", cost.generated_lines, cost.operation_lines),
    );
    r[3] = format!("{:.0} lines per operation", cost.operation_lines as f64 / n);
    rows.push(r);
    rows.push(row(
        "cold `cargo build --release -p webizpay-api` (with dependencies, wall)",
        format!("{:.1} s", cost.cold_s),
    ));
    let mut r = row(
        "webizpay-api crate alone, release, every operation",
        format!("{:.2} s", cost.crate_all_s),
    );
    r[2] = format!("cold build {:.1} s", cost.cold_s);
    r[3] = format!(
        "{:.0}% of the cold build",
        100.0 * cost.crate_all_s / cost.cold_s
    );
    rows.push(r);
    let mut r = row(
        "webizpay-api crate alone, release, first operation only",
        format!("{:.2} s", cost.crate_one_s),
    );
    r[2] = "the runtime and one operation".to_owned();
    rows.push(r);
    let mut r = row(
        "release compile time per operation",
        format!("{:.3} s", cost.per_operation_s()),
    );
    r[2] = format!("crate {:.2} s", cost.crate_all_s);
    r[3] = format!(
        "operations: {:.0}% of the crate, {:.1}% of the cold build",
        100.0 * cost.operations_share(),
        100.0 * cost.per_operation_s() * n / cost.cold_s
    );
    rows.push(r);
    rows.push(row(
        "incremental dev build after a one-line spec edit (regenerated)",
        format!("{:.2} s", cost.incremental_s),
    ));
    match quickstart {
        Ok((size, stripped)) => rows.push(row(
            "release `quickstart` example (simulator included)",
            match stripped {
                Some(s) => format!(
                    "{} ({} stripped)",
                    crate::footprint::mib(size),
                    crate::footprint::mib(s)
                ),
                None => crate::footprint::mib(size),
            },
        )),
        Err(e) => rows.push(row("release `quickstart` example", format!("failed: {e}"))),
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_openssl_3_0_speed() {
        let text = "version: 3.0.19\n\
            built on: x\n\
            options: bn(64,64)\n\
            \x20                 sign    verify    sign/s verify/s\n\
            rsa 2048 bits 0.000301s 0.000016s   3321.0  62141.2\n";
        assert_eq!(parse_openssl_speed(text), Some((3321.0, 62141.2)));
    }

    #[test]
    fn parses_openssl_3_2_speed() {
        let text = "\x20                  sign    verify    encrypt   decrypt   sign/s verify/s  encr./s  decr./s\n\
            rsa  2048 bits 0.000305s 0.000010s 0.000010s 0.000306s   3278.0 100000.0  99000.0   3270.0\n";
        // `rsa  2048` (two spaces) splits the same way.
        assert_eq!(parse_openssl_speed(text), Some((3278.0, 100000.0)));
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0.4), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(62141.2), "62,141");
        assert_eq!(thousands(1234567.0), "1,234,567");
    }
}
