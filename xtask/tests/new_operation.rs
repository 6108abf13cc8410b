//! The promise of the workspace: adding an operation is a spec edit and a
//! regeneration, nothing else. A scratch copy of the workspace gets one more
//! operation in its spec (YAML only), is regenerated with `cargo xtask
//! codegen`, and its own `spec_examples` tests then show the simulator
//! serving the new operation and the example round-trip covering it — with
//! no Rust edit.
//!
//! Slow (builds the scratch copy in `target/new-operation-check`), so it is
//! ignored by default; `.ci/run` runs it:
//! `cargo test -p xtask --test new_operation -- --ignored --nocapture`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{cargo, root};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A GET that shares its path with `create_quota_card` (POST), with a path
/// parameter, query parameters (integers) and an array of a named object in
/// the response: not in the real spec.
const NEW_OPERATION: &str = r#"
  - id: list_quota_cards
    title: 企业商户查询员工额度卡列表
    summary: 测试用的新接口:按员工列出额度卡。
    doc:
      url: https://pay.weixin.qq.com/doc/v3/partner/4099999999
      revision: 2026-11-29
      notes: 不是微信支付的接口,只用于证明新增接口只需修改 spec。
    merchant_types: [普通服务商]
    method: GET
    path: /v3/webizpay/employees/{employee_id}/quota-cards
    headers: [Authorization, Accept, X-Webizpay-Probe]
    request:
      - name: employee_id
        in: path
        label: 微信授权关系 ID
        required: true
        type: string(64)
      - name: sp_mchid
        in: query
        from_config: mchid
        required: true
        type: string(32)
      - name: sub_mchid
        in: query
        required: true
        type: string(32)
      - name: offset
        in: query
        required: false
        type: integer
        minimum: 0
    response:
      status: 200
      echo: [employee_id]
      not_echoed: [sp_mchid, sub_mchid, offset]
      fields:
        - name: employee_id
          required: true
          type: string
        - name: total_count
          required: true
          type: integer
        - name: data
          required: true
          type: array<QuotaCard>
    examples:
      - name: docs
        request:
          path:
            employee_id: WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c
          query:
            sp_mchid: "12341234"
            sub_mchid: "43214321"
            offset: 0
        response:
          status: 200
          body:
            employee_id: WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c
            total_count: 1
            data:
              - sp_mchid: "12341234"
                sub_mchid: "43214321"
                card_no: "1068019671702503425"
                out_card_no: mch_card_123456
                employee_id: WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c
                card_template_id: template_123
                card_rule: SINGLE
                refund_rule: RETURN
                amount: 10000
                remain_amount: 8000
                effective_end_time: "2023-12-31T23:59:59+08:00"
                effective_begin_time: "2023-01-01T23:59:59+08:00"
                card_state: ACTIVE
                card_name: 报销额度卡
    errors: [PARAM_ERROR, SIGN_ERROR, SYSTEM_ERROR]
"#;

/// A caller written against today's API. The scratch spec grows an optional
/// request field, an optional response field and an enum value; this file
/// must still compile and pass: adding something optional is not a
/// breaking change.
const CALLER: &str = r#"
use webizpay_api::simulator::Simulator;
use webizpay_api::{ApplicationType, ApplyAuthorizationRequest, Client, CreateQuotaCardRequest};

fn describe(t: &ApplicationType) -> &'static str {
    match t {
        ApplicationType::H5 => "h5",
        ApplicationType::Miniprogram => "mini program",
        _ => "other",
    }
}

#[tokio::test]
async fn a_caller_of_today_compiles_and_runs() {
    let sim = Simulator::start().await.unwrap();
    let client = Client::builder(sim.client_config()).base_url(sim.base_url()).build().unwrap();
    let link = client
        .apply_authorization(&ApplyAuthorizationRequest::builder().user_id("employee123").sub_mchid("43214321").application_type(ApplicationType::H5).build())
        .await
        .unwrap();
    assert_eq!(describe(&link.application_type), "h5");
    assert!(link.authorization_url.is_some());
    let card = CreateQuotaCardRequest::builder().employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c").sub_mchid("43214321").card_template_id("template_123").amount(100).card_name("差旅费用卡").out_card_no("mch_card_000001").effective_end_time(chrono::DateTime::parse_from_rfc3339("2099-01-01T00:00:00+08:00").unwrap()).card_remark("备注").build();
    assert_eq!(card.card_remark.as_deref(), Some("备注"));
}
"#;

#[test]
#[ignore = "builds a scratch copy of the workspace; .ci/run runs it"]
fn an_operation_added_in_yaml_is_served_and_round_trips() {
    let root = root();
    let check = root.join("target/new-operation-check");
    let ws = check.join("workspace");
    let _ = fs::remove_dir_all(&ws);
    for dir in ["codegen/src", "webizpay-api", "spec"] {
        copy_dir(&root.join(dir), &ws.join(dir));
    }
    fs::copy(
        root.join("codegen/Cargo.toml"),
        ws.join("codegen/Cargo.toml"),
    )
    .unwrap();
    fs::copy(root.join("Cargo.lock"), ws.join("Cargo.lock")).unwrap();
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let manifest: Vec<String> = manifest
        .lines()
        .map(|l| {
            if l.starts_with("members = ") {
                "members = [\"codegen\", \"webizpay-api\"]".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect();
    fs::write(ws.join("Cargo.toml"), manifest.join("\n")).unwrap();

    // The spec edit: one operation more, nothing else.
    let spec = ws.join("spec/webizpay.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    assert!(!text.contains("list_quota_cards"));
    // As the first item of `operations:` (other sections may follow the list).
    let list = text.find("\noperations:\n").expect("an operations list") + "\noperations:\n".len();
    let text = format!(
        "{}{}\n{}",
        &text[..list],
        NEW_OPERATION.trim_start_matches('\n').trim_end(),
        &text[list..]
    );
    // Growth that must not break callers: an optional request field, an
    // optional response field and a new enum value.
    let grow = |text: String, anchor: &str, added: &str| {
        assert!(text.contains(anchor), "{anchor}");
        text.replacen(anchor, &format!("{anchor}{added}"), 1)
    };
    let text = grow(text, "        example: H5\n    response:\n", "");
    // A documented header with a prescribed value, used by the new
    // operation: the simulator refuses a call without it, so the served
    // round-trip below proves the client writes it from the spec.
    let text = grow(
        text,
        "headers:\n",
        "  X-Webizpay-Probe:\n    required: true\n    description: 测试用的请求头\n    value: probe-1\n",
    );
    let text = grow(
        text,
        "      - value: MINIPROGRAM\n        description: 表示从商户的应用是微信小程序,跳转微信拉起企业支付相关能力\n",
        "      - value: APP\n        description: 新增的取值(测试用)\n",
    );
    let text = text.replacen(
        "        example: H5\n    response:\n",
        "        example: H5\n      - name: remark\n        in: body\n        required: false\n        type: string(64)\n    response:\n",
        1,
    );
    let text = grow(
        text,
        "      echo: [sp_mchid, sub_mchid, user_id, application_type]\n",
        "      not_echoed: [remark]\n",
    );
    let text = text.replacen(
        "          example: liteAppWebizPayRegister\n",
        "          example: liteAppWebizPayRegister\n        - name: new_answer_field\n          required: false\n          type: string\n",
        1,
    );
    fs::write(&spec, text).unwrap();
    // A caller written against today's API, unchanged.
    fs::write(ws.join("webizpay-api/tests/caller.rs"), CALLER).unwrap();

    // The regeneration.
    let out = ws.join("webizpay-api/src/generated");
    let generated = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(&spec)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    assert!(out.join("list_quota_cards.rs").is_file());

    // The copy's own tests, unchanged.
    let test = cargo()
        .args([
            // Cargo names a workspace member's artifacts by its path relative
            // to the workspace root, so the copy's members would land on the
            // real ones' files in the shared target directory, and the real
            // workspace's next build would take them as fresh. A profile
            // setting of each member the copy builds gives them their own
            // artifact names; the dependencies are still shared.
            "--config",
            "profile.dev.package.webizpay-api.codegen-units=255",
            "--config",
            "profile.dev.package.webizpay-codegen.codegen-units=255",
            "test",
            "--offline",
            "-p",
            "webizpay-api",
            "--test",
            "spec_examples",
            "--test",
            "caller",
            "--",
            // The spec-driven tests and the caller; the tests written for
            // particular fields of today's spec (exact enum lists) are not
            // about growth.
            "every_",
            "a_caller_of_today",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .current_dir(&ws)
        // The workspace's own target directory: the dependencies built for
        // the workspace are reused (cargo does not hold its lock while the
        // outer test runs).
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&test.stdout);
    let stderr = String::from_utf8_lossy(&test.stderr);
    assert!(test.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("examples checked: list_quota_cards"),
        "the example round-trip did not cover the new operation:\n{stdout}"
    );
    assert!(
        stdout.contains("served: list_quota_cards"),
        "the simulator did not serve the new operation:\n{stdout}"
    );
    assert!(
        stdout.contains("a_caller_of_today_compiles_and_runs ... ok"),
        "the caller written against today's API:\n{stdout}"
    );
    // The real workspace is untouched.
    assert!(
        !root
            .join("webizpay-api/src/generated/list_quota_cards.rs")
            .exists()
    );
    println!("list_quota_cards: generated, served by the simulator, examples round-trip");
}
