//! Project automation, run as `cargo xtask <command>`.
//!
//! Exit codes: 0 success, 1 the command failed (e.g. a spec error or stale
//! generated code), 2 usage error.

mod bench;
mod buildcost;
mod codegen;
mod docs;
mod footprint;
mod semver;

use std::path::PathBuf;

use lexopt::ValueExt;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  codegen [--check] [--spec <path>] [--out <dir>]
      Generate webizpay-api/src/generated/ from spec/webizpay.yaml.
      --check        write nothing; fail if the generated files are stale
      --spec <path>  read this spec instead (for tests)
      --out <dir>    use this directory instead of webizpay-api/src/generated
  bench [--seconds <n>] [--no-build-cost]
      Measure webizpay-api against `openssl speed rsa2048` and print one table
      (release build; the simulator runs in a separate process). Default 3 s per row.
      Then the compile cost per operation (a cold release build in a scratch
      copy, several minutes) and the release quickstart's size, unless
      --no-build-cost.
  footprint [--cold-build]
      Count webizpay-api's dependencies, size the release quickstart binary and
      suggest feature trims; --cold-build also times a cold release build.
  semver [--baseline <rev>]
      Check with cargo-semver-checks that webizpay-api's public API (working
      tree) is compatible with the baseline's (default HEAD~1), given both
      version numbers. Needs `cargo install --locked cargo-semver-checks`.
  docs check [--spec <path>] [--format text|json] PAGE…
      Compare saved official pages (text) with the spec: every difference with
      its severity (breaking, compatible, docs); differences the spec records
      in `doc.deviations` are listed apart. Exit 0: nothing differs, 1: something
      does, 2: a page or the spec cannot be read.
  docs import [--spec <path>] PAGE
      Print the spec blocks drafted from a saved page (`types:` entries it needs
      and the `operations:` item), to review and edit rather than type.
  spec diff [--base <rev>] [--format text|json]
      The same classifier between the spec at <rev> (default HEAD~1) and the
      working tree's. Exit 0: no difference, 1: differences, 2: an error.
  help
      Print this text.";

/// A command-line mistake: reported with the usage text, exit code 2.
#[derive(Debug)]
pub struct UsageError(String);

impl From<lexopt::Error> for UsageError {
    fn from(e: lexopt::Error) -> Self {
        UsageError(e.to_string())
    }
}

/// The workspace root, found at run time (never the path this binary was
/// compiled in, which a copied checkout with a warm `target/` would share):
/// the parent of `CARGO_MANIFEST_DIR` as `cargo run` sets it, else the
/// nearest directory at or above the current one whose `Cargo.toml` has a
/// `[workspace]` and which has a `spec/` directory.
fn workspace_root() -> PathBuf {
    let is_root = |dir: &std::path::Path| {
        dir.join("spec").is_dir()
            && std::fs::read_to_string(dir.join("Cargo.toml"))
                .is_ok_and(|text| text.lines().any(|l| l.trim() == "[workspace]"))
    };
    if let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from)
        && let Some(parent) = manifest.parent()
        && is_root(parent)
    {
        return parent.to_path_buf();
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    cwd.ancestors()
        .find(|dir| is_root(dir))
        .map_or(cwd.clone(), std::path::Path::to_path_buf)
}

fn run() -> Result<ExitCode, UsageError> {
    let mut parser = lexopt::Parser::from_env();
    let command = match parser.next()? {
        Some(lexopt::Arg::Value(command)) => command.string()?,
        Some(lexopt::Arg::Long("help") | lexopt::Arg::Short('h')) => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Some(other) => return Err(UsageError(other.unexpected().to_string())),
        None => return Err(UsageError("missing command".to_owned())),
    };
    match command.as_str() {
        "codegen" => {
            let options = codegen::Options::parse(&mut parser, &workspace_root())?;
            Ok(codegen::run(&options))
        }
        "bench" => {
            let options = bench::Options::parse(&mut parser)?;
            Ok(bench::run(&options, &workspace_root()))
        }
        "footprint" => {
            let options = footprint::Options::parse(&mut parser)?;
            Ok(footprint::run(&options, &workspace_root()))
        }
        "semver" => {
            let options = semver::Options::parse(&mut parser)?;
            Ok(semver::run(&options, &workspace_root()))
        }
        "docs" => match parser.next()? {
            Some(lexopt::Arg::Value(sub)) if sub == "check" => {
                let options = docs::CheckOptions::parse(&mut parser, &workspace_root())?;
                Ok(docs::check(&options))
            }
            Some(lexopt::Arg::Value(sub)) if sub == "import" => {
                let options = docs::ImportOptions::parse(&mut parser, &workspace_root())?;
                Ok(docs::import(&options))
            }
            _ => Err(UsageError(
                "`docs` takes a subcommand: `check` or `import`".to_owned(),
            )),
        },
        "spec" => match parser.next()? {
            Some(lexopt::Arg::Value(sub)) if sub == "diff" => {
                let options = docs::DiffOptions::parse(&mut parser)?;
                Ok(docs::spec_diff(&options, &workspace_root()))
            }
            _ => Err(UsageError("`spec` takes a subcommand: `diff`".to_owned())),
        },
        "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(UsageError(format!("unknown command `{other}`"))),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
