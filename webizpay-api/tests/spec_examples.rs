//! The documentation's examples, as recorded in `spec/webizpay.yaml`, against
//! the generated types: responses round-trip through the response types,
//! requests parse from the wire and are written back byte for byte, and
//! every request constraint of the spec is enforced with its message.

use std::collections::BTreeSet;

use percent_encoding::utf8_percent_encode;
use serde_json::{Value, json};
use webizpay_api::__internal::auth;
use webizpay_api::__internal::wire::ENCODE_SET;
use webizpay_api::simulator::{self, SimOp, Simulator};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, ApplyAuthorizationResponse, AuthorizationState,
    Operation, RevokeAuthorizationRequest, RevokeAuthorizationResponse,
};
use webizpay_codegen::ir::{Example, Operation as SpecOperation, PathSegment};

const SPEC: &str = include_str!("../../spec/webizpay.yaml");

fn spec_operations() -> Vec<SpecOperation> {
    webizpay_codegen::load(SPEC, "spec/webizpay.yaml")
        .unwrap_or_else(|e| panic!("{e}"))
        .operations
}

fn spec_operation(id: &str) -> SpecOperation {
    spec_operations()
        .into_iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no operation {id} in the spec"))
}

/// The request target of an example: the path template with each path
/// parameter percent-encoded, plus the query in spec order.
fn example_target(op: &SpecOperation, example: &Example) -> String {
    let mut target = String::new();
    for segment in &op.path_segments {
        match segment {
            PathSegment::Literal(text) => target.push_str(text),
            PathSegment::Param(name) => {
                let value = &example
                    .path
                    .iter()
                    .find(|p| &p.name == name)
                    .unwrap_or_else(|| panic!("example {} has no path value {name}", example.name))
                    .value;
                target.extend(utf8_percent_encode(value, ENCODE_SET));
            }
        }
    }
    for (i, param) in example.query.iter().enumerate() {
        target.push(if i == 0 { '?' } else { '&' });
        target.extend(utf8_percent_encode(&param.name, ENCODE_SET));
        target.push('=');
        target.extend(utf8_percent_encode(&param.value, ENCODE_SET));
    }
    target
}

/// Checks every example of one operation against its generated types,
/// through the simulator's table (no per-operation code): responses
/// round-trip through the response type; requests parse from the wire, pass
/// validation and are written back byte for byte. Returns how many
/// example parts were checked.
fn check_examples(op: &SpecOperation, served: &SimOp) -> usize {
    let id = &op.id;
    assert_eq!(served.info().path_template, op.path, "{id}");
    let mut checked = 0;
    for example in &op.examples {
        if let Some(body) = &example.response_body {
            let bytes = serde_json::to_vec(body).unwrap();
            let back = served
                .reencode_response(&bytes)
                .unwrap_or_else(|e| panic!("{id}/{}: response: {e}", example.name));
            let back: Value = serde_json::from_slice(&back).unwrap();
            assert_eq!(
                &back, body,
                "{id}/{}: response does not round-trip",
                example.name
            );
            assert_eq!(example.response_status, Some(served.info().success_status));
            checked += 1;
        }
        if example.request_body.is_some() || !example.path.is_empty() || !example.query.is_empty() {
            let target = example_target(op, example);
            let bytes = example
                .request_body
                .as_ref()
                .map(|b| serde_json::to_vec(b).unwrap())
                .unwrap_or_default();
            let (written_target, written) = served
                .reencode_request(&target, &bytes)
                .unwrap_or_else(|e| panic!("{id}/{}: the docs' request: {e}", example.name));
            assert_eq!(written_target, target, "{id}/{}", example.name);
            match &example.request_body {
                Some(body) => {
                    let written: Value = serde_json::from_slice(&written).unwrap();
                    assert_eq!(
                        &written, body,
                        "{id}/{}: body differs (path params must be excluded)",
                        example.name
                    );
                }
                None => assert!(
                    written.is_empty(),
                    "{id}/{}: no body expected",
                    example.name
                ),
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_operation_has_checked_examples() {
    let ops = spec_operations();
    let ids: BTreeSet<String> = ops.iter().map(|o| o.id.clone()).collect();
    let generated: BTreeSet<String> = webizpay_api::OPERATIONS
        .iter()
        .map(|o| o.id.to_owned())
        .collect();
    assert_eq!(
        ids, generated,
        "generated code and spec disagree on the operations"
    );
    for op in &ops {
        let served = simulator::operations()
            .iter()
            .find(|s| s.info().id == op.id)
            .unwrap_or_else(|| panic!("the simulator does not serve {}", op.id));
        let examples = op.examples.len();
        assert!(examples > 0, "{}: the spec has no example", op.id);
        assert!(
            check_examples(op, served) >= examples,
            "{}: every example is checked",
            op.id
        );
        println!("examples checked: {}", op.id);
    }
}

/// Every operation of the spec, sent as its documentation example (signed,
/// over loopback) to a simulator that answers from the spec: the answer is
/// the example's response with the request's echoed fields, signed, and it
/// decodes into the operation's response type.
#[tokio::test]
async fn every_operation_is_served_from_its_spec_example() {
    let ops = spec_operations();
    // The examples are the docs': their sp_mchid is the partner.
    let sp_mchid = "12341234";
    let sim = Simulator::builder()
        .mchid(sp_mchid)
        .stateful(false)
        .start()
        .await
        .unwrap();
    let config = sim.client_config();
    let http = reqwest::Client::new();
    for op in &ops {
        let served = simulator::operations()
            .iter()
            .find(|s| s.info().id == op.id)
            .unwrap();
        let info = served.info();
        let example = &op.examples[0];
        let target = example_target(op, example);
        let body = example
            .request_body
            .as_ref()
            .map(|b| serde_json::to_vec(b).unwrap())
            .unwrap_or_default();
        let now = sim.now_unix();
        let authorization =
            auth::authorization(&config, info.method, &target, &body, now, &auth::nonce());
        let method = reqwest::Method::from_bytes(info.method.as_str().as_bytes()).unwrap();
        let mut request = http
            .request(method, format!("{}{target}", sim.base_url()))
            .header("Authorization", authorization)
            .header(
                "Wechatpay-Serial",
                config.wechatpay_keys().preferred_serial(),
            );
        // The spec's documented headers, with their prescribed values
        // (Content-Type describes a body: only with one).
        for header in info.headers {
            if let Some(value) = header.value
                && (!header.name.eq_ignore_ascii_case("content-type") || !body.is_empty())
            {
                request = request.header(header.name, value);
            }
        }
        if !body.is_empty() {
            request = request.body(body.clone());
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let raw = response.bytes().await.unwrap();
        assert_eq!(
            status,
            info.success_status,
            "{}: {}",
            op.id,
            String::from_utf8_lossy(&raw)
        );
        auth::verify_response(config.wechatpay_keys(), &headers, &raw, now)
            .unwrap_or_else(|e| panic!("{}: {e:?}", op.id));
        served
            .reencode_response(&raw)
            .unwrap_or_else(|e| panic!("{}: the answer does not decode: {e}", op.id));
        let answer: Value = serde_json::from_slice(&raw).unwrap();
        // The example's response, with each top-level field the request
        // also has taken from the request.
        let mut expected = example.response_body.clone().unwrap_or(json!({}));
        if let Some(fields) = expected.as_object_mut() {
            for (name, value) in fields.iter_mut() {
                let sent = example
                    .path
                    .iter()
                    .chain(&example.query)
                    .find(|p| &p.name == name)
                    .map(|p| match value {
                        Value::Number(_) | Value::Bool(_) => {
                            serde_json::from_str(&p.value).unwrap()
                        }
                        _ => Value::String(p.value.clone()),
                    })
                    .or_else(|| {
                        example
                            .request_body
                            .as_ref()
                            .and_then(|b| b.get(name))
                            .cloned()
                    });
                if let Some(sent) = sent {
                    *value = sent;
                }
            }
        }
        assert_eq!(answer, expected, "{}: the docs' example, echoed", op.id);

        // The same request through the client: it writes every header the
        // spec documents with a value, as the simulator requires.
        let client = webizpay_api::Client::builder(sim.client_config())
            .base_url(sim.base_url())
            .build()
            .unwrap();
        served
            .call(&client, &target, &body)
            .unwrap()
            .await
            .unwrap_or_else(|e| panic!("{}: through the client: {e}", op.id));
        let sent = sim.last_request().unwrap();
        for header in info.headers {
            if let Some(value) = header.value
                && (!header.name.eq_ignore_ascii_case("content-type") || !body.is_empty())
            {
                assert_eq!(
                    sent.header(header.name),
                    Some(value),
                    "{}: {}",
                    op.id,
                    header.name
                );
            }
        }
        println!("served: {}", op.id);
    }
    assert_eq!(sim.request_count(), 2 * ops.len() as u64);
}

fn apply_response_example() -> Value {
    spec_operation("apply_authorization").examples[0]
        .response_body
        .clone()
        .unwrap()
}

#[test]
fn date_times_keep_their_offset() {
    let response: ApplyAuthorizationResponse =
        serde_json::from_value(apply_response_example()).unwrap();
    let expire = response.expire_time.unwrap();
    assert_eq!(expire.offset().local_minus_utc(), 8 * 3600);
    assert_eq!(
        serde_json::to_value(&response).unwrap()["expire_time"],
        "2015-05-20T13:29:35+08:00"
    );
    let revoked: RevokeAuthorizationResponse = serde_json::from_value(
        spec_operation("revoke_authorization").examples[0]
            .response_body
            .clone()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        revoked.authorization_revoked_time.to_rfc3339(),
        "2023-12-31T23:59:59+08:00"
    );
    assert_eq!(revoked.authorization_state, AuthorizationState::Revoked);
}

#[test]
fn unknown_enum_values_in_responses_are_kept() {
    let mut body = apply_response_example();
    body["application_type"] = json!("APP");
    let response: ApplyAuthorizationResponse = serde_json::from_value(body).unwrap();
    assert_eq!(
        response.application_type,
        ApplicationType::Unknown("APP".to_owned())
    );
    assert!(!response.application_type.is_known());
    assert_eq!(
        serde_json::to_value(&response).unwrap()["application_type"],
        "APP"
    );
}

#[test]
fn unknown_response_fields_are_ignored() {
    let mut body = apply_response_example();
    body["new_field"] = json!({"added": "later"});
    let response: ApplyAuthorizationResponse = serde_json::from_value(body).unwrap();
    assert_eq!(response.user_id, "employee123");
    assert!(
        serde_json::to_value(&response)
            .unwrap()
            .get("new_field")
            .is_none()
    );
}

#[test]
fn absent_optional_response_fields_stay_absent() {
    let mut body = apply_response_example();
    for key in [
        "authorization_url",
        "expire_time",
        "mp_query",
        "mp_business_type",
    ] {
        body.as_object_mut().unwrap().remove(key);
    }
    let response: ApplyAuthorizationResponse = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(response.expire_time, None);
    assert_eq!(serde_json::to_value(&response).unwrap(), body);
}

fn apply(user_id: &str) -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id(user_id.to_owned())
        .sub_mchid("43214321".to_owned())
        .application_type(ApplicationType::H5)
        .build()
}

fn revoke(employee_id: &str) -> RevokeAuthorizationRequest {
    RevokeAuthorizationRequest::builder()
        .employee_id(employee_id.to_owned())
        .sub_mchid("43214321".to_owned())
        .build()
}

fn invalid(request: &impl Operation) -> String {
    request
        .validate()
        .expect_err("request should be invalid")
        .to_string()
}

#[test]
fn path_parameters_are_percent_encoded() {
    let request = apply("a|b*c_d-e");
    request.validate().unwrap();
    assert_eq!(
        request.target("12341234"),
        "/v3/webizpay/users/a%7Cb%2Ac_d-e/authorization-url"
    );
    let back = webizpay_api::__internal::from_wire::<ApplyAuthorizationRequest>(
        &request.target("12341234"),
        br#"{"sp_mchid":"12341234","sub_mchid":"43214321","application_type":"H5"}"#,
    )
    .unwrap();
    assert_eq!(back, (request, Some("12341234".to_owned())));
}

#[test]
fn apply_authorization_constraints() {
    assert_eq!(invalid(&apply("abcde")), "user_id: 5 chars, needs 6..=32");
    assert_eq!(
        invalid(&apply(&"a".repeat(33))),
        "user_id: 33 chars, needs 6..=32"
    );
    assert_eq!(invalid(&apply("")), "user_id: 0 chars, needs 6..=32");
    assert_eq!(
        invalid(&apply("ab#cdef")),
        "user_id: character '#' at position 2 is not allowed (allowed: 0-9 A-Z a-z _-|*)"
    );
    assert_eq!(
        invalid(&apply("员工编号一二三")),
        "user_id: character '员' at position 0 is not allowed (allowed: 0-9 A-Z a-z _-|*)"
    );
    apply(&"a".repeat(6)).validate().unwrap();
    apply(&"Z".repeat(32)).validate().unwrap();
    apply("0_-|*Az").validate().unwrap();

    let mut r = apply("employee123");
    r.sub_mchid.clear();
    assert_eq!(invalid(&r), "sub_mchid: required, but empty");
    r.sub_mchid = "1".repeat(33);
    assert_eq!(invalid(&r), "sub_mchid: 33 chars, needs 0..=32");

    let mut r = apply("employee123");
    r.application_type = ApplicationType::from("APP");
    assert_eq!(
        invalid(&r),
        "application_type: \"APP\" is not a documented value (allowed: H5, MINIPROGRAM)"
    );
    r.application_type = ApplicationType::Miniprogram;
    r.validate().unwrap();
}

#[test]
fn revoke_authorization_constraints() {
    assert_eq!(invalid(&revoke("")), "employee_id: required, but empty");
    assert_eq!(
        invalid(&revoke(&"e".repeat(65))),
        "employee_id: 65 chars, needs 0..=64"
    );
    revoke(&"e".repeat(64)).validate().unwrap();

    let mut r = revoke("WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c");
    r.sub_mchid.clear();
    assert_eq!(invalid(&r), "sub_mchid: required, but empty");
    r.sub_mchid = "1".repeat(33);
    assert_eq!(invalid(&r), "sub_mchid: 33 chars, needs 0..=32");
}

#[test]
fn wire_errors_name_the_field() {
    let e = webizpay_api::__internal::from_wire::<ApplyAuthorizationRequest>(
        "/v3/webizpay/users/employee123/authorization-url",
        br#"{"sp_mchid":"12341234","application_type":"H5"}"#,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("sub_mchid"));
    let e = webizpay_api::__internal::from_wire::<RevokeAuthorizationRequest>(
        "/v3/webizpay/employee/x/revoke",
        br#"{"sp_mchid":"1","sub_mchid":"2"}"#,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "path \"/v3/webizpay/employee/x/revoke\" does not match /v3/webizpay/employees/{employee_id}/revoke"
    );
}

/// The generator refuses operation ids that are `Client` methods: its list
/// must name every inherent method of `Client` in `runtime/client.rs`.
#[test]
fn the_generator_knows_every_client_method() {
    let source = include_str!("../src/runtime/client.rs");
    let mut in_client = false;
    let mut methods = Vec::new();
    for line in source.lines() {
        if line.starts_with("impl Client {") {
            in_client = true;
        } else if line == "}" {
            in_client = false;
        } else if in_client {
            let trimmed = line.trim_start();
            for prefix in ["pub async fn ", "pub fn ", "async fn ", "fn "] {
                if let Some(rest) = trimmed.strip_prefix(prefix) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    methods.push(name);
                    break;
                }
            }
        }
    }
    assert!(methods.contains(&"execute".to_owned()), "{methods:?}");
    for m in &methods {
        assert!(
            webizpay_codegen::naming::CLIENT_METHODS.contains(&m.as_str()),
            "Client::{m} is not in naming::CLIENT_METHODS"
        );
    }
}

/// Every name the crate root re-exports from the runtime is reserved by the
/// generator (a generated type of that name would be shadowed at the root).
#[test]
fn the_generator_reserves_every_runtime_name_at_the_crate_root() {
    let source = include_str!("../src/lib.rs");
    let mut names = Vec::new();
    let mut statement = String::new();
    for line in source.lines() {
        if line.starts_with("pub use runtime::") || !statement.is_empty() {
            statement.push_str(line);
            if line.trim_end().ends_with(';') {
                let inner = statement
                    .rsplit_once("::")
                    .map_or("", |(_, items)| items)
                    .trim_end_matches(';')
                    .trim_matches(|c| c == '{' || c == '}' || c == ' ');
                names.extend(
                    inner
                        .split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(str::to_owned),
                );
                statement.clear();
            }
        }
    }
    assert!(names.contains(&"Client".to_owned()), "{names:?}");
    for name in &names {
        assert!(
            webizpay_codegen::naming::RESERVED_ITEMS.contains(&name.as_str()),
            "`{name}` is re-exported at the crate root but not in naming::RESERVED_ITEMS"
        );
    }
}

/// A character `charset` allows (for building valid strings).
fn allowed_char(charset: Option<&webizpay_codegen::ir::Charset>) -> char {
    match charset {
        None => 'a',
        Some(c) => c
            .ranges
            .first()
            .map(|r| r.0)
            .or_else(|| c.chars.chars().next())
            .unwrap_or('a'),
    }
}

/// A character `charset` does not allow, if there is one to try.
fn disallowed_char(charset: &webizpay_codegen::ir::Charset) -> Option<char> {
    ['#', '中', ' ', '~', '@']
        .into_iter()
        .find(|c| !charset.allows(*c))
}

/// Every constraint of every request field of every operation, derived from
/// the IR (no per-operation code): each example request is changed in one
/// field to just inside and just outside each bound, sent through the
/// simulator's parser and the generated `validate`, and must pass or fail
/// naming that field.
#[test]
fn every_request_constraint_of_every_operation_is_enforced() {
    use webizpay_codegen::ir::{ParamLocation, Type};
    let mut checked = 0;
    for op in spec_operations() {
        let served = simulator::operations()
            .iter()
            .find(|s| s.info().id == op.id)
            .unwrap();
        let example = op.examples[0].clone();
        // The example request with one field set to `value` (JSON).
        let with = |name: &str, location: ParamLocation, value: Value| -> (String, Vec<u8>) {
            let mut ex = example.clone();
            let text = match &value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match location {
                ParamLocation::Path => {
                    ex.path.iter_mut().find(|p| p.name == name).unwrap().value = text;
                }
                ParamLocation::Query => match ex.query.iter_mut().find(|p| p.name == name) {
                    Some(p) => p.value = text,
                    None => ex.query.push(webizpay_codegen::ir::ExampleParam {
                        name: name.to_owned(),
                        value: text,
                    }),
                },
                ParamLocation::Body => {
                    ex.request_body.as_mut().unwrap()[name] = value;
                }
            }
            let body = ex
                .request_body
                .as_ref()
                .map(|b| serde_json::to_vec(b).unwrap())
                .unwrap_or_default();
            (example_target(&op, &ex), body)
        };
        for field in &op.request {
            // A `from_config` parameter is the configured mchid, which
            // `Config::builder` checks (digits, at most 32): the request
            // has no such field to validate.
            if field.from_config.is_some() {
                continue;
            }
            let location = field.location.unwrap();
            let name = field.wire_name.as_str();
            let mut cases: Vec<(Value, bool)> = Vec::new();
            let c = &field.constraints;
            match &field.ty {
                Type::String { max_length } => {
                    let ch = allowed_char(c.charset.as_ref()).to_string();
                    let min = c.min_length.unwrap_or(0);
                    if let Some(max) = max_length {
                        cases.push((Value::String(ch.repeat(*max as usize)), true));
                        cases.push((Value::String(ch.repeat(*max as usize + 1)), false));
                    }
                    if min > 0 {
                        cases.push((Value::String(ch.repeat(min as usize)), true));
                        cases.push((Value::String(ch.repeat(min as usize - 1)), false));
                    } else if field.required {
                        cases.push((Value::String(String::new()), false));
                    }
                    if let Some(bad) = c.charset.as_ref().and_then(disallowed_char) {
                        let mut s = ch.repeat(min.max(1) as usize);
                        s.push(bad);
                        if max_length.is_none_or(|m| s.chars().count() as u64 <= m) {
                            cases.push((Value::String(s), false));
                        }
                    }
                }
                Type::Enum { .. } => cases.push((json!("NOT_A_DOCUMENTED_VALUE"), false)),
                Type::Integer => {
                    if let Some(webizpay_codegen::ir::Bound::Int(min)) = c.minimum {
                        cases.push((json!(min), true));
                        cases.push((json!(min - 1), false));
                    }
                    if let Some(webizpay_codegen::ir::Bound::Int(max)) = c.maximum {
                        cases.push((json!(max), true));
                        cases.push((json!(max + 1), false));
                    }
                }
                _ => {}
            }
            for (value, ok) in cases {
                let (target, body) = with(name, location, value.clone());
                let result = served.reencode_request(&target, &body);
                match (ok, &result) {
                    (true, Ok(_)) => {}
                    (false, Err(message)) => assert!(
                        message.starts_with(&format!("{name}:")),
                        "{}: {name} = {value}: the error does not name the field: {message}",
                        op.id
                    ),
                    _ => panic!(
                        "{}: {name} = {value}: expected {}, got {result:?}",
                        op.id,
                        if ok { "Ok" } else { "an error" }
                    ),
                }
                checked += 1;
            }
        }
    }
    println!("request constraints checked: {checked}");
    assert!(checked > 0);
}

/// A JSON value of spec type `ty`: the field's example when it has one, else
/// a made-up value of the type (every field of an object, one item of an array).
fn value(
    api: &webizpay_codegen::ir::Api,
    ty: &webizpay_codegen::ir::Type,
    example: Option<&serde_json::Value>,
) -> serde_json::Value {
    if let Some(example) = example {
        return example.clone();
    }
    match ty {
        webizpay_codegen::ir::Type::String { .. } => "x".into(),
        webizpay_codegen::ir::Type::Integer => 1.into(),
        webizpay_codegen::ir::Type::Number => 1.5.into(),
        webizpay_codegen::ir::Type::Boolean => true.into(),
        webizpay_codegen::ir::Type::DateTime => "2025-05-12T05:46:30+08:00".into(),
        webizpay_codegen::ir::Type::Date => "2025-05-12".into(),
        webizpay_codegen::ir::Type::Enum { name } | webizpay_codegen::ir::Type::Object { name } => {
            match api.named_type(name) {
                Some(webizpay_codegen::ir::NamedType::Enum(e)) => e.values[0].value.clone().into(),
                Some(webizpay_codegen::ir::NamedType::Object(o)) => object(api, &o.fields),
                None => panic!("unknown type {name}"),
            }
        }
        webizpay_codegen::ir::Type::Array { items } => {
            serde_json::Value::Array(vec![value(api, items, None)])
        }
    }
}

fn object(
    api: &webizpay_codegen::ir::Api,
    fields: &[webizpay_codegen::ir::Field],
) -> serde_json::Value {
    serde_json::Value::Object(
        fields
            .iter()
            .map(|f| (f.wire_name.clone(), value(api, &f.ty, f.example.as_ref())))
            .collect(),
    )
}

#[test]
fn every_event_of_the_spec_round_trips_through_serde() {
    let api = webizpay_codegen::load(SPEC, "spec/webizpay.yaml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        api.notifications.len(),
        webizpay_api::Event::EVENT_TYPES.len()
    );
    for n in &api.notifications {
        // The spec's example of the resource, else one with every field.
        let resource = n.example.clone().unwrap_or_else(|| object(&api, &n.fields));
        let event = <webizpay_api::Event as webizpay_api::DecodeEvent>::decode(
            &n.event_type,
            resource.to_string().as_bytes(),
        )
        .unwrap();
        assert!(
            !matches!(event, webizpay_api::Event::Unknown { .. }),
            "{}",
            n.event_type
        );
        let stored = serde_json::to_value(&event).unwrap();
        assert_eq!(stored["event_type"], n.event_type.as_str());
        let back: webizpay_api::Event = serde_json::from_value(stored.clone()).unwrap();
        assert_eq!(back, event, "{stored}");
    }
}
