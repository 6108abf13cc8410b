//! The webizpay code generator: reads the hand-written spec
//! (`spec/webizpay.yaml`, format in `spec/README.md`), validates it, lowers it
//! into a small IR and emits the `webizpay-api/src/generated/` module.
//!
//! ```text
//! spec text ──ast::parse──▶ ast::Spec ──validate──▶ ir::Api ──emit──▶ files
//! ```
//!
//! Every error, from YAML syntax to an example that breaks its own schema,
//! names `file:line:column` of the offending node.

/// The workspace README's Rust snippets, compiled as doctests against
/// `webizpay-api` (a dev-dependency): a call to a method that does not exist
/// fails CI. They live here, not in `webizpay-api`, because the packaged
/// `webizpay-api` crate does not contain the workspace README.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadmeDoctests;

pub mod ast;
pub mod check;
pub mod emit;
pub mod error;
pub mod facts;
pub mod import;
pub mod ir;
pub mod naming;
pub mod page;
mod validate;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use error::{Pos, SpecError, SpecErrors};

/// The spec, relative to the workspace root.
pub const SPEC_PATH: &str = "spec/webizpay.yaml";

/// The generated module, relative to the workspace root.
pub const GENERATED_DIR: &str = "webizpay-api/src/generated";

/// The output of the generator.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The validated spec the files were generated from.
    pub api: ir::Api,
    /// Every generated file, keyed by its path relative to [`GENERATED_DIR`].
    pub files: BTreeMap<PathBuf, String>,
}

/// Parses and validates a spec into the IR. `spec_path` is only used in
/// messages (`spec_path:line:column: …`).
pub fn load(spec_text: &str, spec_path: &str) -> Result<ir::Api, SpecErrors> {
    let spec = ast::parse(spec_text, spec_path)?;
    validate::validate(&spec, spec_path)
}

/// Parses, validates and generates. The output is deterministic: the same
/// spec gives byte-identical files.
pub fn generate(spec_text: &str, spec_path: &str) -> Result<Generated, SpecErrors> {
    let api = load(spec_text, spec_path)?;
    let files = emit::emit(&api).map_err(|message| {
        SpecErrors(vec![SpecError {
            file: spec_path.to_owned(),
            pos: Pos::default(),
            message,
        }])
    })?;
    Ok(Generated { api, files })
}

/// The examples of every operation of a spec, by operation id, in spec order.
pub fn load_examples(
    spec_text: &str,
    spec_path: &str,
) -> Result<Vec<(String, Vec<ir::Example>)>, SpecErrors> {
    let api = load(spec_text, spec_path)?;
    Ok(api
        .operations
        .into_iter()
        .map(|o| (o.id, o.examples))
        .collect())
}
