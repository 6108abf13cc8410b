//! `cargo xtask docs check` and `cargo xtask spec diff`: the spec against a
//! documentation page, and one version of the spec against another, with
//! the classifier of [`crate::facts`].

use serde::Serialize;

use crate::facts::{Difference, Facts, Severity, compare};
use crate::ir::Api;

/// What `docs check` found for one page.
#[derive(Clone, Debug, Serialize)]
pub struct PageReport {
    /// The page file, as given.
    pub page: String,
    /// The spec operation the page describes, if one was found.
    pub operation: Option<String>,
    /// How the page's 更新时间 relates to the spec's `doc.revision`.
    pub revision: Option<RevisionNote>,
    /// The differences not recorded in the spec.
    pub differences: Vec<Difference>,
    /// The differences the spec records as deliberate, with the reason.
    pub recorded: Vec<Recorded>,
}

/// The page's revision against the spec's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RevisionNote {
    /// The page's 更新时间.
    pub page: String,
    /// The spec's `doc.revision`.
    pub spec: String,
    /// `older`, `same` or `newer` (the page against the spec).
    pub page_is: &'static str,
}

/// A difference the spec records in `doc.deviations`.
#[derive(Clone, Debug, Serialize)]
pub struct Recorded {
    /// The difference.
    #[serde(flatten)]
    pub difference: Difference,
    /// The spec's reason.
    pub reason: String,
}

/// Compares one page with the spec operation it describes: found by method
/// and path, else by title (then the path change is a difference).
pub fn check_page(api: &Api, file: &str, page: &Facts) -> PageReport {
    let route = page.route();
    let spec_ops: Vec<(&crate::ir::Operation, Facts)> = api
        .operations
        .iter()
        .map(|o| (o, Facts::of_operation(api, o)))
        .collect();
    let found = spec_ops
        .iter()
        .find(|(_, f)| f.route() == route)
        .or_else(|| spec_ops.iter().find(|(_, f)| f.title == page.title));
    let Some((op, spec)) = found else {
        return PageReport {
            page: file.to_owned(),
            operation: None,
            revision: None,
            differences: vec![Difference {
                severity: Severity::Compatible,
                location: "operation".to_owned(),
                old: None,
                new: Some(format!("{} {} ({})", page.method, page.path, page.title)),
                message: "no operation of the spec has this method and path or this title: a new operation (`cargo xtask docs import` drafts its block)".to_owned(),
            }],
            recorded: Vec::new(),
        };
    };
    let revision = match (&page.revision, &spec.revision) {
        (Some(p), Some(s)) => Some(RevisionNote {
            page: p.clone(),
            spec: s.clone(),
            page_is: match p.cmp(s) {
                std::cmp::Ordering::Less => "older",
                std::cmp::Ordering::Equal => "same",
                std::cmp::Ordering::Greater => "newer",
            },
        }),
        _ => None,
    };
    let mut differences = Vec::new();
    let mut recorded = Vec::new();
    for d in compare(spec, page) {
        match op
            .deviations
            .iter()
            .find(|r| r.at == d.location && r.page == d.new)
        {
            Some(r) => recorded.push(Recorded {
                difference: d,
                reason: r.reason.clone(),
            }),
            None => differences.push(d),
        }
    }
    PageReport {
        page: file.to_owned(),
        operation: Some(op.id.clone()),
        revision,
        differences,
        recorded,
    }
}

/// The differences of one operation between two versions of the spec.
#[derive(Clone, Debug, Serialize)]
pub struct OperationDiff {
    /// The operation id.
    pub operation: String,
    /// What changed.
    pub differences: Vec<Difference>,
}

/// Every difference from `base` to `current`, by operation id; operations
/// added are `compatible`, removed `breaking`, and a code removed from the
/// error catalog (an `ErrorCode` variant) is `breaking`.
pub fn diff_specs(base: &Api, current: &Api) -> Vec<OperationDiff> {
    let mut out = Vec::new();
    for op in &current.operations {
        let now = Facts::of_operation(current, op);
        let differences = match base.operations.iter().find(|b| b.id == op.id) {
            Some(b) => compare(&Facts::of_operation(base, b), &now),
            None => vec![Difference {
                severity: Severity::Compatible,
                location: "operation".to_owned(),
                old: None,
                new: Some(format!("{} {}", now.method, now.path)),
                message: "a new operation".to_owned(),
            }],
        };
        if !differences.is_empty() {
            out.push(OperationDiff {
                operation: op.id.clone(),
                differences,
            });
        }
    }
    for b in &base.operations {
        if !current.operations.iter().any(|o| o.id == b.id) {
            out.push(OperationDiff {
                operation: b.id.clone(),
                differences: vec![Difference {
                    severity: Severity::Breaking,
                    location: "operation".to_owned(),
                    old: Some(format!("{} {}", b.method.as_str(), b.path)),
                    new: None,
                    message: "the operation was removed".to_owned(),
                }],
            });
        }
    }
    let removed: Vec<Difference> = base
        .error_codes
        .iter()
        .filter(|e| !current.error_codes.iter().any(|c| c.code == e.code))
        .map(|e| Difference {
            severity: Severity::Breaking,
            location: format!("errors.{}", e.code),
            old: Some(e.code.clone()),
            new: None,
            message: "removed from the error catalog: the ErrorCode variant goes away".to_owned(),
        })
        .collect();
    if !removed.is_empty() {
        out.push(OperationDiff {
            operation: "(error catalog)".to_owned(),
            differences: removed,
        });
    }
    out
}
