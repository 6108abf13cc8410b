//! A crate that depends on `webizpay-api`, as a user's would: a fresh
//! crate outside the workspace depends on it by path, with the simulator as
//! a dev-dependency, and its tests pass with `HTTP_PROXY` and `HTTPS_PROXY`
//! pointing at a dead proxy (a client for the local simulator never goes
//! through a proxy).
//!
//! Slow (builds the crate in `target/new-operation-check`, sharing the
//! dependencies the new-operation check built), so it is ignored by
//! default; `.ci/run` runs it:
//! `cargo test -p xtask --test downstream -- --ignored --nocapture`.

mod common;

use std::fs;

use common::{cargo, root};

const TEST: &str = r#"
use webizpay_api::simulator::Simulator;
use webizpay_api::{ApplicationType, ApplyAuthorizationRequest, Client, RevokeAuthorizationRequest};

#[tokio::test]
async fn my_service_authorizes_and_revokes_an_employee() {
    let sim = Simulator::start().await.unwrap();
    let client = Client::builder(sim.client_config()).base_url(sim.base_url()).build().unwrap();
    client
        .apply_authorization(&ApplyAuthorizationRequest::new(
            "employee123",
            sim.mchid(),
            "43214321",
            ApplicationType::H5,
        ))
        .await
        .unwrap();
    let employee_id = sim.accept_authorization(sim.mchid(), "43214321", "employee123").unwrap();
    let revoked = client
        .revoke_authorization(&RevokeAuthorizationRequest::new(employee_id, sim.mchid(), "43214321"))
        .await
        .unwrap();
    assert_eq!(revoked.user_id, "employee123");
}
"#;

#[test]
#[ignore = "builds a crate outside the workspace; .ci/run runs it"]
fn a_crate_outside_the_workspace_depends_on_webizpay_api() {
    let root = root();
    let check = root.join("target/new-operation-check");
    let krate = check.join("downstream");
    let _ = fs::remove_dir_all(&krate);
    fs::create_dir_all(krate.join("src")).unwrap();
    fs::create_dir_all(krate.join("tests")).unwrap();
    let api = root.join("webizpay-api");
    fs::write(
        krate.join("Cargo.toml"),
        format!(
            r#"[package]
name = "my-service"
version = "0.1.0"
edition = "2024"
publish = false

# Not a member of the webizpay workspace above it.
[workspace]

[dependencies]
webizpay-api = {{ path = "{api}" }}

[dev-dependencies]
webizpay-api = {{ path = "{api}", features = ["simulator"] }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
"#,
            api = api.display()
        ),
    )
    .unwrap();
    fs::write(krate.join("src/lib.rs"), "//! A user's service.\n").unwrap();
    fs::write(krate.join("tests/service.rs"), TEST).unwrap();
    // The workspace's lock file: the same versions, nothing to download.
    fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();

    let dead = "http://127.0.0.1:9";
    let out = cargo()
        .args(["test", "--offline", "--", "--nocapture"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", check.join("target"))
        .env("HTTP_PROXY", dead)
        .env("HTTPS_PROXY", dead)
        .env("http_proxy", dead)
        .env("https_proxy", dead)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("my_service_authorizes_and_revokes_an_employee ... ok"),
        "{stdout}"
    );
    println!("downstream crate: tests pass with a dead HTTP(S)_PROXY");
}
