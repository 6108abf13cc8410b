//! The published crate is whole: `cargo publish --dry-run -p webizpay-api`
//! passes (it packages the crate, resolves it against the crates.io index
//! and builds it as the registry would, uploading nothing), then the
//! `.crate` is unpacked outside the workspace and its own tests,
//! examples and doctests are built and run from there. This catches files
//! a test reads that the package leaves out and dev-dependencies that
//! packaging strips (the workspace's self dev-dependency that turns on the
//! simulator and `rust-crypto` is one: the unpacked crate is tested with
//! those features named on the command line, as docs.rs and crater would).
//!
//! It needs the crates.io index (as any fresh build here does).
//!
//! Slow (unpacks the crate in `target/new-operation-check` and builds it in
//! the workspace's target directory, sharing the dependencies already
//! built), so it is ignored by default;
//! `.ci/run` runs it:
//! `cargo test -p xtask --test packaged -- --ignored --nocapture`.

mod common;

use std::fs;
use std::process::Command;

use common::{cargo, root};

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed\n{stdout}\n{stderr}");
    stdout
}

#[test]
#[ignore = "packages webizpay-api and builds it outside the workspace; .ci/run runs it"]
fn the_packaged_crate_passes_its_own_tests() {
    let root = root();
    let check = root.join("target/new-operation-check");
    // The workspace's own target directory: its dependencies are reused.
    let target = root.join("target");
    let package_dir = target.join("package");
    let _ = fs::remove_dir_all(&package_dir);

    // `--allow-dirty` only so that a developer can run this before committing;
    // CI runs it on a clean clone.
    run(cargo()
        .args(["publish", "--dry-run", "-p", "webizpay-api", "--locked"])
        .arg("--allow-dirty")
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target));
    // The dry run keeps no `.crate`; `cargo package` writes the same one
    // (already verified above, so without building it again).
    run(cargo()
        .args(["package", "-p", "webizpay-api", "--locked"])
        .args(["--no-verify", "--allow-dirty"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target));
    let version = env!("CARGO_PKG_VERSION");
    let name = format!("webizpay-api-{version}");
    let crate_file = package_dir.join(format!("{name}.crate"));
    assert!(crate_file.is_file(), "{} missing", crate_file.display());

    let unpacked = check.join("unpacked");
    let _ = fs::remove_dir_all(&unpacked);
    fs::create_dir_all(&unpacked).unwrap();
    run(Command::new("tar")
        .arg("xzf")
        .arg(&crate_file)
        .arg("-C")
        .arg(&unpacked));
    let krate = unpacked.join(&name);

    // The licenses and the user-facing README travel with the crate.
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "README.md", "Cargo.lock"] {
        assert!(krate.join(file).is_file(), "the package lacks {file}");
    }
    // Nothing outside the crate: the normalized manifest names no path
    // dependency (they would not resolve on crates.io).
    let manifest = fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("path = \"../"), "{manifest}");
    // Not a member of the workspace above it.
    fs::write(
        krate.join("Cargo.toml"),
        format!("{manifest}\n[workspace]\n"),
    )
    .unwrap();

    let stdout = run(cargo()
        .args([
            "test",
            "--offline",
            "--features",
            "simulator,rust-crypto,redis,__internal",
        ])
        .args(["--", "--nocapture"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", &target));
    let passed: usize = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(!stdout.contains("FAILED"), "{stdout}");
    // Well over a hundred tests run from the package (the lifecycle, the
    // crypto vectors, the simulator, the doctests…), not a handful.
    assert!(
        passed > 100,
        "only {passed} tests ran from the package\n{stdout}"
    );
    println!("packaged {name}: {passed} tests pass from the unpacked .crate");
}
