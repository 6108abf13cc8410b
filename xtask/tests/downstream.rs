//! A crate that depends on `webizpay-api`, as a user's would: a fresh
//! crate outside the workspace depends on it by path, with the simulator as
//! a dev-dependency, and its tests pass with `HTTP_PROXY` and `HTTPS_PROXY`
//! pointing at a dead proxy (a client for the local simulator never goes
//! through a proxy).
//!
//! A second crate takes `default-features = false, features = ["rust-crypto",
//! "tls-graviola"]` and is built with `CC` and `CXX` set to a program that
//! fails, in a target directory of its own: it compiles no C, and its tests
//! pass too.
//!
//! Slow (builds the crates in `target/new-operation-check`, the first one
//! sharing the dependencies the new-operation check built), so it is
//! ignored by default; `.ci/run` runs it:
//! `cargo test -p xtask --test downstream -- --ignored --nocapture`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{cargo, root};

const TEST: &str = r#"
use webizpay_api::simulator::Simulator;
use webizpay_api::{ApplicationType, ApplyAuthorizationRequest, Client, RevokeAuthorizationRequest};

#[tokio::test]
async fn my_service_authorizes_and_revokes_an_employee() {
    let sim = Simulator::start().await.unwrap();
    let client = Client::builder(sim.client_config()).base_url(sim.base_url()).build().unwrap();
    client
        .apply_authorization(&ApplyAuthorizationRequest::builder().user_id("employee123").sub_mchid("43214321").application_type(ApplicationType::H5).build())
        .await
        .unwrap();
    let employee_id = sim.accept_authorization(sim.mchid(), "43214321", "employee123").unwrap();
    let revoked = client
        .revoke_authorization(&RevokeAuthorizationRequest::builder().employee_id(employee_id).sub_mchid("43214321").build())
        .await
        .unwrap();
    assert_eq!(revoked.user_id, "employee123");
}
"#;

/// Without a TLS provider (neither `aws-lc-rs` nor `tls-graviola`, and none
/// installed by the application), building a client is a clear error.
const NO_PROVIDER_TEST: &str = r#"
use webizpay_api::simulator::Simulator;
use webizpay_api::{Client, Error};

#[tokio::test]
async fn without_a_tls_provider_the_client_says_so() {
    let sim = Simulator::start().await.unwrap();
    match Client::builder(sim.client_config()).base_url(sim.base_url()).build() {
        Err(Error::Config(e)) => {
            assert_eq!(e.what, "TLS");
            assert!(e.problem.contains("tls-graviola"), "{e}");
        }
        other => panic!("expected a TLS config error, got {other:?}"),
    }
}
"#;

/// Writes a user's crate `name` in `target/new-operation-check/NAME` that
/// depends on `webizpay-api` by path, with its default features or not and
/// `features` (and the simulator too as a dev-dependency), with `test` as
/// its test.
fn user_crate(name: &str, default_features: bool, features: &[&str], test: &str) -> PathBuf {
    let list = |extra: Option<&str>| {
        let all: Vec<String> = features
            .iter()
            .copied()
            .chain(extra)
            .map(|f| format!("{f:?}"))
            .collect();
        let defaults = if default_features {
            ""
        } else {
            ", default-features = false"
        };
        format!("{defaults}, features = [{}]", all.join(", "))
    };
    let (deps, dev_deps) = (list(None), list(Some("simulator")));
    let root = root();
    let krate = root.join("target/new-operation-check").join(name);
    let _ = fs::remove_dir_all(&krate);
    fs::create_dir_all(krate.join("src")).unwrap();
    fs::create_dir_all(krate.join("tests")).unwrap();
    let api = root.join("webizpay-api");
    fs::write(
        krate.join("Cargo.toml"),
        format!(
            r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
publish = false

# Not a member of the webizpay workspace above it.
[workspace]

[dependencies]
webizpay-api = {{ path = "{api}"{deps} }}

[dev-dependencies]
webizpay-api = {{ path = "{api}"{dev_deps} }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
"#,
            api = api.display()
        ),
    )
    .unwrap();
    fs::write(krate.join("src/lib.rs"), "//! A user's service.\n").unwrap();
    fs::write(krate.join("tests/service.rs"), test).unwrap();
    // The workspace's lock file: the same versions, nothing to download.
    fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    krate
}

/// Runs `cmd`, and returns its stdout when it succeeds.
fn succeed(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?}\n{stdout}\n{stderr}");
    stdout
}

#[test]
#[ignore = "builds a crate outside the workspace; .ci/run runs it"]
fn a_crate_outside_the_workspace_depends_on_webizpay_api() {
    let krate = user_crate("my-service", true, &[], TEST);
    let dead = "http://127.0.0.1:9";
    let stdout = succeed(
        cargo()
            .args(["test", "--offline", "--", "--nocapture"])
            .current_dir(&krate)
            // The workspace's own target directory: its dependencies are reused.
            .env("CARGO_TARGET_DIR", root().join("target"))
            .env("HTTP_PROXY", dead)
            .env("HTTPS_PROXY", dead)
            .env("http_proxy", dead)
            .env("https_proxy", dead)
            .env_remove("NO_PROXY")
            .env_remove("no_proxy"),
    );
    assert!(
        stdout.contains("my_service_authorizes_and_revokes_an_employee ... ok"),
        "{stdout}"
    );
    println!("downstream crate: tests pass with a dead HTTP(S)_PROXY");
}

/// A C compiler that always fails.
const NO_CC: &str = "/bin/false";

/// Runs the tests of `krate` with [`NO_CC`] as C and C++ compiler, in a
/// target directory of its own (so that no C object built elsewhere is
/// reused), and returns their output.
fn test_without_c(krate: &Path) -> String {
    succeed(
        cargo()
            .args(["test", "--offline", "--", "--nocapture"])
            .current_dir(krate)
            .env(
                "CARGO_TARGET_DIR",
                root().join("target/new-operation-check/target-no-c"),
            )
            .env("CC", NO_CC)
            .env("CXX", NO_CC)
            .env("CARGO_INCREMENTAL", "0"),
    )
}

#[test]
#[ignore = "builds a crate outside the workspace from scratch; .ci/run runs it"]
fn a_crate_with_rust_crypto_and_graviola_compiles_no_c() {
    let krate = user_crate(
        "my-pure-service",
        false,
        &["rust-crypto", "tls-graviola"],
        TEST,
    );
    // Nothing in the tree builds C: no aws-lc-sys, no ring, no cc-built sys crate.
    let tree = succeed(
        cargo()
            .args([
                "tree",
                "--offline",
                "--prefix",
                "none",
                "-e",
                "normal,build,dev",
            ])
            .current_dir(&krate),
    );
    for c in ["aws-lc-sys ", "aws-lc-rs ", "ring ", "openssl-sys "] {
        assert!(
            !tree.lines().any(|l| l.starts_with(c)),
            "{c}in the tree:\n{tree}"
        );
    }
    let stdout = test_without_c(&krate);
    assert!(
        stdout.contains("my_service_authorizes_and_revokes_an_employee ... ok"),
        "{stdout}"
    );
    println!("rust-crypto + tls-graviola: built with CC=CXX={NO_CC}, tests pass");

    // `rust-crypto` alone: no TLS provider at all, also without C.
    let krate = user_crate(
        "my-provider-less-service",
        false,
        &["rust-crypto"],
        NO_PROVIDER_TEST,
    );
    let stdout = test_without_c(&krate);
    assert!(
        stdout.contains("without_a_tls_provider_the_client_says_so ... ok"),
        "{stdout}"
    );
    println!("rust-crypto alone: building a client names the missing TLS provider");
}
