//! Requests, responses and events as values: what their `Serialize` means,
//! what goes on the wire instead, and that events read back as they were.
//! (That a missing required field does not compile is the `compile_fail`
//! doc test of the crate docs, "Building requests"; every event of the spec
//! round-trips in `tests/spec_examples.rs`, which reads the spec.)

use webizpay_api::simulator::DEFAULT_MCHID;
use webizpay_api::{
    AuthorizedEvent, CreateQuotaCardRequest, Event, Operation, QueryQuotaCardRequest,
};

fn query() -> QueryQuotaCardRequest {
    QueryQuotaCardRequest::builder()
        .employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c")
        .card_no("1068019671702503425")
        .sub_mchid("43214321")
        .build()
}

#[test]
fn a_serialized_request_is_the_whole_request() {
    // Path (employee_id, card_no) and query (sub_mchid) parameters only.
    let request = query();
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "card_no": "1068019671702503425",
            "employee_id": "WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c",
            "sub_mchid": "43214321",
        })
    );
    // It reads back to the same request, which targets the same URL.
    let back: QueryQuotaCardRequest = serde_json::from_value(json).unwrap();
    assert_eq!(back, request);
    assert_eq!(
        back.target(DEFAULT_MCHID),
        "/v3/webizpay/employees/WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c/quota-cards/1068019671702503425?sp_mchid=1900000001&sub_mchid=43214321"
    );
}

#[test]
fn the_wire_body_has_only_the_body_parameters_and_the_filled_mchid() {
    let request = CreateQuotaCardRequest::builder()
        .employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c")
        .sub_mchid("43214321")
        .card_template_id("template_123")
        .amount(100)
        .card_name("差旅费用卡")
        .out_card_no("mch_card_000001")
        .effective_end_time(
            chrono::DateTime::parse_from_rfc3339("2099-01-01T00:00:00+08:00").unwrap(),
        )
        .build();
    // The request as a value: the path parameter is there, sp_mchid is not
    // (the caller never gave it), the unset optional is left out.
    let value = serde_json::to_value(&request).unwrap();
    assert_eq!(
        value["employee_id"],
        "WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c"
    );
    assert!(value.get("sp_mchid").is_none(), "{value}");
    assert!(value.get("card_remark").is_none(), "{value}");
    // On the wire: the body parameters and the configured mchid, no path parameter.
    let mut body = Vec::new();
    webizpay_api::__internal::write_body(&request, DEFAULT_MCHID, &mut body).unwrap();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["sp_mchid"], DEFAULT_MCHID);
    assert_eq!(body["amount"], 100);
    assert!(body.get("employee_id").is_none(), "{body}");
    assert_eq!(
        request.target(DEFAULT_MCHID),
        "/v3/webizpay/employees/WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c/quota-cards"
    );
}

#[test]
fn no_request_type_asks_for_the_configured_mchid() {
    // Every operation fills sp_mchid from the configuration.
    for op in webizpay_api::OPERATIONS {
        assert_eq!(
            op.config_fields
                .iter()
                .map(|f| (f.name, f.source))
                .collect::<Vec<_>>(),
            [("sp_mchid", webizpay_api::ConfigSource::Mchid)],
            "{}",
            op.id
        );
    }
}

#[test]
fn typed_and_unknown_events_read_back_equal() {
    let authorized = Event::Authorized(
        AuthorizedEvent::builder()
            .sp_mchid("1900000001")
            .sub_mchid("43214321")
            .user_id("employee123")
            .employee_id("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c")
            .authorization_time(
                chrono::DateTime::parse_from_rfc3339("2025-05-12T05:46:30+08:00").unwrap(),
            )
            .build(),
    );
    let json = serde_json::to_string(&authorized).unwrap();
    assert!(
        json.starts_with(r#"{"event_type":"WEBIZPAY.AUTHORIZED","resource":{"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), authorized);

    let unknown = Event::Unknown {
        event_type: "WEBIZPAY.SOMETHINGNEW".to_owned(),
        resource: serde_json::json!({"a": [1, 2], "b": null}),
    };
    let json = serde_json::to_string(&unknown).unwrap();
    assert_eq!(
        json,
        r#"{"event_type":"WEBIZPAY.SOMETHINGNEW","resource":{"a":[1,2],"b":null}}"#
    );
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), unknown);

    // A stored event whose resource does not fit its type is an error, not
    // an `Unknown`.
    let err = serde_json::from_str::<Event>(
        r#"{"event_type":"WEBIZPAY.REVOKED","resource":{"sp_mchid":1}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
}
