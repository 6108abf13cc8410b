//! Helpers shared by the xtask integration tests (each test file uses a part).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// The `cargo` that runs these tests, for another crate or a copy of the
/// workspace: this crate's `CARGO_MANIFEST_DIR` is not passed on.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.env_remove("CARGO_MANIFEST_DIR");
    cmd
}
