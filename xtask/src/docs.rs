//! `cargo xtask docs check` and `cargo xtask spec diff`: what a change of
//! the WeChat Pay docs, or of the spec, means for the users of the crate.
//!
//! Exit codes: 0 nothing differs, 1 something does, 2 a usage or parse error.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use lexopt::ValueExt;
use webizpay_codegen::check::{self, OperationDiff, PageReport};
use webizpay_codegen::facts::Difference;

use crate::UsageError;

/// `text` or `json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON object.
    Json,
}

fn format_of(value: &str) -> Result<Format, UsageError> {
    match value {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        other => Err(UsageError(format!(
            "--format takes `text` or `json`, not `{other}`"
        ))),
    }
}

/// Options of `cargo xtask docs check`.
#[derive(Debug)]
pub struct CheckOptions {
    /// The spec (default `spec/webizpay.yaml`).
    pub spec: PathBuf,
    /// How to print.
    pub format: Format,
    /// The saved pages.
    pub pages: Vec<PathBuf>,
}

impl CheckOptions {
    /// Parses `[--spec PATH] [--format text|json] PAGE…`.
    pub fn parse(parser: &mut lexopt::Parser, root: &Path) -> Result<Self, UsageError> {
        let mut spec = root.join(webizpay_codegen::SPEC_PATH);
        let mut format = Format::Text;
        let mut pages = Vec::new();
        while let Some(arg) = parser.next()? {
            match arg {
                lexopt::Arg::Long("spec") => spec = parser.value()?.into(),
                lexopt::Arg::Long("format") => format = format_of(&parser.value()?.string()?)?,
                lexopt::Arg::Value(page) => pages.push(page.into()),
                other => return Err(UsageError(other.unexpected().to_string())),
            }
        }
        if pages.is_empty() {
            return Err(UsageError(
                "docs check needs at least one saved page (PAGE…)".to_owned(),
            ));
        }
        Ok(CheckOptions {
            spec,
            format,
            pages,
        })
    }
}

fn load_spec(path: &Path) -> Result<webizpay_codegen::ir::Api, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the spec {}: {e}", path.display()))?;
    webizpay_codegen::load(&text, &path.display().to_string()).map_err(|e| e.to_string())
}

/// `cargo xtask docs check`.
pub fn check(options: &CheckOptions) -> ExitCode {
    let api = match load_spec(&options.spec) {
        Ok(api) => api,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut reports = Vec::new();
    for page in &options.pages {
        let name = page.display().to_string();
        let text = match std::fs::read_to_string(page) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {name}: cannot read it: {e}");
                return ExitCode::from(2);
            }
        };
        let facts = match webizpay_codegen::page::parse(&name, &text) {
            Ok(facts) => facts,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        reports.push(check::check_page(&api, &name, &facts));
    }
    match options.format {
        Format::Json => println!("{}", pages_json(&reports)),
        Format::Text => print!("{}", pages_text(&reports)),
    }
    if reports.iter().any(|r| !r.differences.is_empty()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// One difference as the JSON of `docs check`: `page` and `spec` sides.
fn difference_json(d: &Difference, old: &str, new: &str) -> serde_json::Value {
    let mut v = serde_json::json!({
        "severity": d.severity.as_str(),
        "where": d.location,
        "message": d.message,
    });
    v[new] = d.new.clone().into();
    v[old] = d.old.clone().into();
    v
}

/// `{"pages": [{"page", "operation", "revision", "differences", "recorded"}]}`.
pub fn pages_json(reports: &[PageReport]) -> serde_json::Value {
    let pages: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| {
            serde_json::json!({
                "page": r.page,
                "operation": r.operation,
                "revision": r.revision,
                "differences": r.differences.iter().map(|d| difference_json(d, "spec", "page")).collect::<Vec<_>>(),
                "recorded": r.recorded.iter().map(|rec| {
                    let mut v = difference_json(&rec.difference, "spec", "page");
                    v["reason"] = rec.reason.clone().into();
                    v
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "pages": pages })
}

fn show(value: Option<&str>) -> String {
    match value {
        None => "(none)".to_owned(),
        Some(v) if v.chars().count() > 80 => {
            format!("{:?}…", v.chars().take(80).collect::<String>())
        }
        Some(v) => format!("{v:?}"),
    }
}

fn difference_text(out: &mut String, d: &Difference, old: &str, new: &str) {
    out.push_str(&format!(
        "  {:<10} {}: {}\n             {old}: {}\n             {new}: {}\n",
        d.severity.as_str(),
        d.location,
        d.message,
        show(d.old.as_deref()),
        show(d.new.as_deref()),
    ));
}

/// The report for people.
pub fn pages_text(reports: &[PageReport]) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&format!(
            "{}: {}\n",
            r.page,
            r.operation
                .as_deref()
                .map_or("no operation of the spec".to_owned(), |id| format!(
                    "operation `{id}`"
                ))
        ));
        if let Some(rev) = &r.revision {
            out.push_str(&format!(
                "  revision: the page ({}) is {} the spec's ({})\n",
                rev.page,
                match rev.page_is {
                    "older" => "older than",
                    "newer" => "newer than",
                    _ => "the same as",
                },
                rev.spec
            ));
        }
        for d in &r.differences {
            difference_text(&mut out, d, "spec", "page");
        }
        for rec in &r.recorded {
            out.push_str(&format!(
                "  recorded   {}: {} (the spec says: {})\n",
                rec.difference.location,
                show(rec.difference.new.as_deref()),
                rec.reason
            ));
        }
        let counts = |s: webizpay_codegen::facts::Severity| {
            r.differences.iter().filter(|d| d.severity == s).count()
        };
        out.push_str(&format!(
            "  {} differences ({} breaking, {} compatible, {} docs), {} recorded\n",
            r.differences.len(),
            counts(webizpay_codegen::facts::Severity::Breaking),
            counts(webizpay_codegen::facts::Severity::Compatible),
            counts(webizpay_codegen::facts::Severity::Docs),
            r.recorded.len()
        ));
    }
    out
}

/// Options of `cargo xtask docs import`.
#[derive(Debug)]
pub struct ImportOptions {
    /// The spec whose ids, URLs and types are reused.
    pub spec: PathBuf,
    /// The saved page.
    pub page: PathBuf,
}

impl ImportOptions {
    /// Parses `[--spec PATH] PAGE`.
    pub fn parse(parser: &mut lexopt::Parser, root: &Path) -> Result<Self, UsageError> {
        let mut spec = root.join(webizpay_codegen::SPEC_PATH);
        let mut page = None;
        while let Some(arg) = parser.next()? {
            match arg {
                lexopt::Arg::Long("spec") => spec = parser.value()?.into(),
                lexopt::Arg::Value(p) if page.is_none() => page = Some(p.into()),
                other => return Err(UsageError(other.unexpected().to_string())),
            }
        }
        let page = page.ok_or_else(|| UsageError("docs import needs one saved page".to_owned()))?;
        Ok(ImportOptions { spec, page })
    }
}

/// `cargo xtask docs import`: prints the drafted `types:` entries (if any)
/// and the `operations:` item.
pub fn import(options: &ImportOptions) -> ExitCode {
    let api = match load_spec(&options.spec) {
        Ok(api) => api,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let name = options.page.display().to_string();
    let facts = match std::fs::read_to_string(&options.page)
        .map_err(|e| format!("{name}: cannot read it: {e}"))
        .and_then(|text| webizpay_codegen::page::parse(&name, &text).map_err(|e| e.to_string()))
    {
        Ok(facts) => facts,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let imported = webizpay_codegen::import::import(&api, &facts);
    if !imported.types.is_empty() {
        println!("# for `types:`\n{}", imported.types);
    }
    println!(
        "# for `operations:` (operation `{}`)\n{}",
        imported.id, imported.operation
    );
    ExitCode::SUCCESS
}

/// Options of `cargo xtask spec diff`.
#[derive(Debug)]
pub struct DiffOptions {
    /// The git revision of the base spec (default `HEAD~1`).
    pub base: String,
    /// How to print.
    pub format: Format,
}

impl DiffOptions {
    /// Parses `[--base GIT_REV] [--format text|json]`.
    pub fn parse(parser: &mut lexopt::Parser) -> Result<Self, UsageError> {
        let mut base = "HEAD~1".to_owned();
        let mut format = Format::Text;
        while let Some(arg) = parser.next()? {
            match arg {
                lexopt::Arg::Long("base") => base = parser.value()?.string()?,
                lexopt::Arg::Long("format") => format = format_of(&parser.value()?.string()?)?,
                other => return Err(UsageError(other.unexpected().to_string())),
            }
        }
        if base.is_empty() || base.starts_with('-') {
            return Err(UsageError(format!(
                "--base takes a git revision, not `{base}`"
            )));
        }
        Ok(DiffOptions { base, format })
    }
}

/// `cargo xtask spec diff`: the working tree's spec against the base's.
pub fn spec_diff(options: &DiffOptions, root: &Path) -> ExitCode {
    let shown = Command::new("git")
        .current_dir(root)
        .args([
            "show",
            &format!("{}:{}", options.base, webizpay_codegen::SPEC_PATH),
        ])
        .output();
    let base_text = match shown {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        Ok(o) => {
            eprintln!(
                "error: no {} at --base `{}`: {}",
                webizpay_codegen::SPEC_PATH,
                options.base,
                String::from_utf8_lossy(&o.stderr).trim()
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: cannot run git: {e}");
            return ExitCode::from(2);
        }
    };
    let base_name = format!("{}:{}", options.base, webizpay_codegen::SPEC_PATH);
    let base = match webizpay_codegen::load(&base_text, &base_name) {
        Ok(api) => api,
        Err(e) => {
            eprintln!("error: the base spec does not load:\n{e}");
            return ExitCode::from(2);
        }
    };
    let current = match load_spec(&root.join(webizpay_codegen::SPEC_PATH)) {
        Ok(api) => api,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let diffs = check::diff_specs(&base, &current);
    match options.format {
        Format::Json => println!("{}", diffs_json(&diffs, &options.base)),
        Format::Text => print!("{}", diffs_text(&diffs, &options.base)),
    }
    if diffs.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn diffs_json(diffs: &[OperationDiff], base: &str) -> serde_json::Value {
    serde_json::json!({
        "base": base,
        "operations": diffs.iter().map(|o| serde_json::json!({
            "operation": o.operation,
            "differences": o.differences.iter().map(|d| difference_json(d, "base", "spec")).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn diffs_text(diffs: &[OperationDiff], base: &str) -> String {
    if diffs.is_empty() {
        return format!("spec diff against {base}: no difference\n");
    }
    let mut out = format!("spec diff against {base}:\n");
    for o in diffs {
        out.push_str(&format!("{}:\n", o.operation));
        for d in &o.differences {
            difference_text(&mut out, d, "base", "spec");
        }
    }
    out
}
