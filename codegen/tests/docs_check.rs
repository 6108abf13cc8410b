//! `docs check`, `docs import` and `spec diff` on the saved official pages
//! (`tests/pages/`) and on revised copies of them, each with one kind of
//! change; and that no page text makes the reader panic.

use proptest::prelude::*;
use webizpay_codegen::check::{check_page, diff_specs};
use webizpay_codegen::facts::Severity;
use webizpay_codegen::ir::Api;
use webizpay_codegen::page;

const SPEC: &str = include_str!("../../spec/webizpay.yaml");
const APPLY: &str = include_str!("pages/apply_authorization-2025-05-09.txt");
const REVOKE: &str = include_str!("pages/revoke_authorization-2025-04-29.txt");

fn api(spec: &str) -> Api {
    webizpay_codegen::load(spec, "spec.yaml").unwrap_or_else(|e| panic!("{e}"))
}

/// (severity, where) of every unrecorded difference of `text` against `spec`.
fn differences(spec: &str, text: &str) -> Vec<(Severity, String)> {
    let facts = page::parse("page.txt", text).unwrap_or_else(|e| panic!("{e}"));
    check_page(&api(spec), "page.txt", &facts)
        .differences
        .into_iter()
        .map(|d| (d.severity, d.location))
        .collect()
}

fn edited(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the page has no {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn both_stored_pages_check_clean() {
    for (name, text, id) in [
        ("apply", APPLY, "apply_authorization"),
        ("revoke", REVOKE, "revoke_authorization"),
    ] {
        let facts = page::parse(name, text).unwrap();
        let report = check_page(&api(SPEC), name, &facts);
        assert_eq!(report.operation.as_deref(), Some(id));
        assert_eq!(report.differences, [], "{name}");
    }
}

#[test]
fn the_revoke_page_is_older_and_its_singular_path_is_recorded() {
    let facts = page::parse("revoke", REVOKE).unwrap();
    let report = check_page(&api(SPEC), "revoke", &facts);
    let revision = report.revision.unwrap();
    assert_eq!(
        (
            revision.page.as_str(),
            revision.spec.as_str(),
            revision.page_is
        ),
        ("2025-04-29", "2025-05-16", "older")
    );
    let path = report
        .recorded
        .iter()
        .find(|r| r.difference.location == "path")
        .expect("the path is a recorded difference");
    assert_eq!(path.difference.severity, Severity::Breaking);
    assert_eq!(
        path.difference.new.as_deref(),
        Some("/v3/webizpay/employee/{employee_id}/revoke")
    );
}

/// The spec without its record of the singular revoke path.
fn spec_without_the_path_record() -> String {
    let start = SPEC
        .find("        - at: path\n")
        .expect("the spec records the revoke path");
    let end = start
        + SPEC[start + 1..].find("        - at: ").map_or_else(
            || SPEC[start..].find("    merchant_types").unwrap(),
            |e| e + 1,
        );
    format!("{}{}", &SPEC[..start], &SPEC[end..])
}

#[test]
fn without_its_record_the_revoke_path_is_breaking() {
    let spec = spec_without_the_path_record();
    assert_eq!(
        differences(&spec, REVOKE),
        [(Severity::Breaking, "path".to_owned())]
    );
}

#[test]
fn a_page_whose_text_changed_under_a_record_is_reported_again() {
    let page = edited(
        REVOKE,
        "【POST】/v3/webizpay/employee/{employee_id}/revoke",
        "【POST】/v3/webizpay/staff/{employee_id}/revoke",
    );
    assert_eq!(
        differences(SPEC, &page),
        [(Severity::Breaking, "path".to_owned())]
    );
}

/// An edit of the page (from, to) and the differences it must give.
type Case = (
    &'static str,
    &'static str,
    &'static [(Severity, &'static str)],
);

#[test]
fn each_kind_of_change_is_classified() {
    use Severity::*;
    let cases: &[Case] = &[
        // Newer revision: documentation to review.
        (
            "更新时间:2025.05.09",
            "更新时间:2026.01.15",
            &[(Docs, "revision")],
        ),
        (
            "【POST】/v3/webizpay/users/{user_id}/authorization-url",
            "【PUT】/v3/webizpay/users/{user_id}/authorization-url",
            &[(Breaking, "method")],
        ),
        // A tighter limit on a request parameter.
        (
            " sub_mchid  必填   string(32)",
            " sub_mchid  必填   string(16)",
            &[(Breaking, "request.body.sub_mchid.length")],
        ),
        // A looser one.
        (
            " sub_mchid  必填   string(32)",
            " sub_mchid  必填   string(64)",
            &[(Compatible, "request.body.sub_mchid.length")],
        ),
        // required → optional changes the Rust type.
        (
            " sub_mchid  必填   string(32)",
            " sub_mchid  选填   string(32)",
            &[(Breaking, "request.body.sub_mchid.required")],
        ),
        // A value removed, a value added.
        (
            "  • MINIPROGRAM:  表示从商户的应用是微信小程序,跳转微信拉起企业支付相关能力\n",
            "",
            &[(Breaking, "request.body.application_type.values")],
        ),
        (
            "  • H5:  表示从商户的应用是外部H5,跳转微信拉起企业支付相关能力\n",
            "  • H5:  表示从商户的应用是外部H5,跳转微信拉起企业支付相关能力\n\n  • APP:  App\n",
            &[(Compatible, "request.body.application_type.values")],
        ),
        // A label.
        (
            "【出资子商户号】 由服务商",
            "【子商户号】 由服务商",
            &[(Docs, "request.body.sub_mchid.label")],
        ),
        // A new optional and a new required parameter.
        (
            "请求示例\n",
            " remark  选填   string(64)\n\n【备注】 备注\n\n请求示例\n",
            &[(Compatible, "request.body.remark")],
        ),
        (
            "请求示例\n",
            " remark  必填   string(64)\n\n【备注】 备注\n\n请求示例\n",
            &[(Breaking, "request.body.remark")],
        ),
        // A new optional answer field.
        (
            "应答示例\n",
            " link_id  选填   string(64)\n\n【链接ID】 说明\n\n应答示例\n",
            &[(Compatible, "response.link_id")],
        ),
        // A removed answer field.
        (
            " mp_business_type  选填   string\n",
            " mp_business_type_renamed  选填   string\n",
            &[
                (Compatible, "response.mp_business_type_renamed"),
                (Breaking, "response.mp_business_type"),
            ],
        ),
        // An error code the spec does not list.
        (
            "400\n\nPARAM_ERROR\n",
            "403\n\nNO_AUTH\n\n无权限\n\n请开通权限\n\n400\n\nPARAM_ERROR\n",
            &[(Compatible, "errors.NO_AUTH")],
        ),
        // A different status.
        (
            "应答参数\n\n200 OK\n",
            "应答参数\n\n201 Created\n",
            &[(Breaking, "response.status")],
        ),
    ];
    // The saved page has no-break spaces; the edits are written with plain ones.
    let apply = APPLY.replace('\u{a0}', " ");
    assert_eq!(differences(SPEC, &apply), []);
    for (from, to, expected) in cases {
        let page = edited(&apply, from, to);
        let got = differences(SPEC, &page);
        let expected: Vec<(Severity, String)> = expected
            .iter()
            .map(|(s, w)| (*s, (*w).to_owned()))
            .collect();
        assert_eq!(got, expected, "{from:?} → {to:?}");
    }
}

/// The other layout variant: no-break spaces, full-width colons, headings
/// without their English word, parameters not indented.
#[test]
fn the_other_layout_variant_reads_the_same() {
    let variant = APPLY
        .replace("更新时间:", "更新时间：")
        .replace("请求方式:", "请求方式：")
        .replace("Header  HTTP头参数", "HTTP头参数")
        .replace("path  路径参数", "路径参数")
        .replace("body  包体参数", "包体参数")
        .lines()
        .map(|l| l.trim_start().replace("  ", "\u{a0}\u{a0}"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        page::parse("variant", &variant).unwrap(),
        page::parse("apply", APPLY).unwrap()
    );
    assert_eq!(differences(SPEC, &variant), []);
}

#[test]
fn a_page_of_no_operation_is_a_new_operation() {
    let page = edited(
        &edited(
            APPLY,
            "/v3/webizpay/users/{user_id}/authorization-url",
            "/v3/webizpay/users/{user_id}/links",
        ),
        "企业商户发起员工开通企业支付授权\n",
        "企业商户查询员工授权链接\n",
    );
    assert_eq!(
        differences(SPEC, &page),
        [(Severity::Compatible, "operation".to_owned())]
    );
}

/// Replaces the operation `id` of the spec with `block` and adds `types`.
fn spec_with(id: &str, imported: &webizpay_codegen::import::Imported) -> String {
    let start = SPEC.find(&format!("  - id: {id}\n")).unwrap();
    let end = start + 1 + SPEC[start + 1..].find("\n  - id: ").unwrap() + 1;
    let mut spec = format!("{}{}\n{}", &SPEC[..start], imported.operation, &SPEC[end..]);
    if !imported.types.is_empty() {
        spec = spec.replacen("types:\n", &format!("types:\n{}", imported.types), 1);
    }
    spec
}

#[test]
fn an_imported_page_generates_and_checks_clean() {
    for (name, text, id) in [
        ("apply", APPLY, "apply_authorization"),
        ("revoke", REVOKE, "revoke_authorization"),
    ] {
        let facts = page::parse(name, text).unwrap();
        let imported = webizpay_codegen::import::import(&api(SPEC), &facts);
        assert_eq!(imported.id, id);
        // The page's response example comes along (and the revoke page's
        // curl request), checked against the fields by the generator.
        assert!(
            imported
                .operation
                .contains("        response:\n          status: 200\n          body: {"),
            "{}",
            imported.operation
        );
        if id == "revoke_authorization" {
            assert!(
                imported
                    .operation
                    .contains(r#"          path: {"employee_id":"wx_emp_123456"}"#),
                "{}",
                imported.operation
            );
        }
        let spec = spec_with(id, &imported);
        webizpay_codegen::generate(&spec, "imported.yaml").unwrap_or_else(|e| {
            panic!(
                "{name}: the imported block does not generate:\n{e}\n{}",
                imported.operation
            )
        });
        let report = check_page(&api(&spec), name, &facts);
        assert_eq!(report.differences, [], "{name}:\n{}", imported.operation);
        assert_eq!(report.recorded.len(), 0, "{name}");
    }
}

#[test]
fn spec_diff_classifies_a_spec_edit() {
    let base = api(SPEC);
    assert!(diff_specs(&base, &base).is_empty());
    // An optional request field (with its echo entry), a renamed path.
    let grown = SPEC
        .replacen(
            "      - name: application_type\n        in: body\n",
            "      - name: remark\n        in: body\n        required: false\n        type: string(64)\n      - name: application_type\n        in: body\n",
            1,
        )
        .replacen(
            "      echo: [sp_mchid, sub_mchid, user_id, application_type]\n",
            "      echo: [sp_mchid, sub_mchid, user_id, application_type]\n      not_echoed: [remark]\n",
            1,
        )
        .replacen("path: /v3/webizpay/employees/{employee_id}/revoke", "path: /v3/webizpay/staff/{employee_id}/revoke", 1);
    let diffs = diff_specs(&base, &api(&grown));
    let flat: Vec<(String, Severity, String)> = diffs
        .iter()
        .flat_map(|o| {
            o.differences
                .iter()
                .map(|d| (o.operation.clone(), d.severity, d.location.clone()))
        })
        .collect();
    assert_eq!(
        flat,
        [
            (
                "apply_authorization".to_owned(),
                Severity::Compatible,
                "request.body.remark".to_owned()
            ),
            (
                "revoke_authorization".to_owned(),
                Severity::Breaking,
                "path".to_owned()
            ),
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// No text makes the reader panic: arbitrary strings, and the stored
    /// pages with lines dropped, repeated or cut.
    #[test]
    fn no_page_text_makes_the_reader_panic(
        text in "\\PC{0,400}",
        drop in proptest::collection::vec(0usize..400, 0..20),
        cut in 0usize..20_000,
    ) {
        let _ = page::parse("p", &text);
        for source in [APPLY, REVOKE] {
            let lines: Vec<&str> = source.lines().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, l)| l).collect();
            let joined = lines.join("\n");
            let _ = page::parse("p", &joined);
            let at = joined.char_indices().map(|(i, _)| i).nth(cut % joined.chars().count().max(1)).unwrap_or(0);
            let _ = page::parse("p", &joined[..at]);
            let doubled = format!("{}\n{}", &joined[at..], &joined[..at]);
            let _ = page::parse("p", &doubled);
        }
    }
}
