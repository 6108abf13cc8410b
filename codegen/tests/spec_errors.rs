//! Every validation rule of the spec format, each fed a bad spec, with the
//! exact message (`file:line:column: what is wrong, what is allowed`).

/// A small valid spec; each test breaks one rule with a text replacement.
const BASE: &str = r#"version: 1
name: test
title: 测试
hosts:
  primary:
    url: https://api.example.com
    description: 主
  backup:
    url: https://api2.example.com
    description: 备
types:
  State:
    enum:
      - value: ACTIVE
      - value: CLOSED
  Item:
    fields:
      - name: name
        required: true
        type: string(8)
operations:
  - id: get_thing
    title: 查询
    doc:
      url: https://example.com/doc
      revision: 2025-01-01
    method: POST
    path: /v3/things/{thing_id}
    request:
      - name: thing_id
        in: path
        required: true
        type: string(32)
      - name: note
        in: body
        required: true
        type: string(16)
        charset:
          ranges: ["a-z"]
        example: hello
    response:
      status: 200
      not_echoed: [thing_id, note]
      fields:
        - name: state
          required: true
          type: State
        - name: at
          required: false
          type: date-time
    examples:
      - name: docs
        request:
          path:
            thing_id: t1
          body:
            note: hello
        response:
          status: 200
          body:
            state: ACTIVE
            at: "2025-01-01T08:00:00+08:00"
    errors: [PARAM_ERROR]
"#;

/// A second operation, appended by the tests that need two.
const SECOND: &str = r#"  - id: put_thing
    title: 修改
    doc:
      url: https://example.com/doc2
      revision: 2025-01-02
    method: PUT
    path: /v3/things
    response:
      status: 200
    errors: [PARAM_ERROR]
"#;

/// The spec-level catalogs, appended after every test spec (after the
/// operations, so that line numbers in the operations do not depend on it).
const CATALOG: &str = r#"headers:
  Accept:
    required: true
    description: 请设置为application/json
    value: application/json
errors:
  PARAM_ERROR:
    status: 400
    description: 参数错误
    solution: 改参数
"#;

/// The line of `CATALOG` line `n` (1-based) after `text`.
fn catalog_line(text: &str, n: usize) -> usize {
    text.lines().count() + n
}

/// Loads `text` followed by [`CATALOG`].
fn load(text: &str) -> Result<webizpay_codegen::ir::Api, webizpay_codegen::SpecErrors> {
    webizpay_codegen::load(&format!("{text}{CATALOG}"), "spec.yaml")
}

/// `BASE` with each `(from, to)` replaced once (`from` must occur).
fn spec(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "BASE does not contain {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// The messages for a spec; panics if it is valid.
fn errors(text: &str) -> Vec<String> {
    match load(text) {
        Ok(_) => panic!("spec unexpectedly valid:\n{text}"),
        Err(e) => e.errors().iter().map(ToString::to_string).collect(),
    }
}

fn assert_errors(edits: &[(&str, &str)], expected: &[&str]) {
    assert_eq!(errors(&spec(edits)), expected);
}

#[test]
fn base_spec_is_valid() {
    let api = load(BASE).unwrap();
    assert_eq!(api.operations.len(), 1);
    assert_eq!(api.operations[0].examples.len(), 1);
    let two = format!("{BASE}{SECOND}");
    assert_eq!(load(&two).unwrap().operations.len(), 2);
}

// ---- parsing -------------------------------------------------------------

#[test]
fn unknown_key_names_the_block_and_the_allowed_keys() {
    assert_errors(
        &[(
            "      - name: note\n",
            "      - name: note\n        requird: true\n",
        )],
        &[
            "spec.yaml:35:9: unknown key `requird` in field, expected one of: name, in, label, description, required, from_config, type, min_length, charset, minimum, maximum, min_items, max_items, example",
        ],
    );
    assert_errors(
        &[("    method: POST\n", "    method: POST\n    verb: POST\n")],
        &[
            "spec.yaml:28:5: unknown key `verb` in operation, expected one of: id, title, summary, doc, merchant_types, method, path, headers, request, response, examples, errors, download",
        ],
    );
}

#[test]
fn missing_key_is_named() {
    assert_errors(
        &[("    title: 查询\n", "")],
        &["spec.yaml:22:5: missing required key `title` in operation"],
    );
}

#[test]
fn yaml_errors_have_positions() {
    assert_errors(
        &[("    title: 查询\n", "    title: \"查询\n")],
        &["spec.yaml:39:21: invalid trailing content after double-quoted scalar"],
    );
    assert_errors(
        &[("    title: 查询\n", "    title: 查询\n    title: 查询\n")],
        &["spec.yaml:24:5: duplicate key `title`: each key may appear only once in a mapping"],
    );
}

#[test]
fn version_must_be_1() {
    assert_errors(
        &[("version: 1", "version: 2")],
        &["spec.yaml:1:10: unsupported spec version 2, expected 1"],
    );
}

#[test]
fn names_and_titles_are_not_empty() {
    assert_errors(
        &[("name: test", "name: \"\"")],
        &["spec.yaml:2:7: `name` is empty"],
    );
    assert_errors(
        &[("title: 测试", "title: \" \"")],
        &["spec.yaml:3:8: `title` is empty"],
    );
    assert_errors(
        &[("    title: 查询\n", "    title: \"\"\n")],
        &["spec.yaml:23:12: operation `title` is empty"],
    );
}

// ---- paths -----------------------------------------------------------------

#[test]
fn placeholder_without_path_parameter() {
    assert_errors(
        &[(
            "path: /v3/things/{thing_id}",
            "path: /v3/things/{thing_id}/{part}",
        )],
        &[
            "spec.yaml:28:11: path placeholder `{part}` has no `in: path` parameter in `request`; add one named `part`",
        ],
    );
}

#[test]
fn path_parameter_without_placeholder() {
    assert_errors(
        &[("path: /v3/things/{thing_id}", "path: /v3/things")],
        &[
            "spec.yaml:30:15: path parameter `thing_id` does not appear in the path `/v3/things`; add `{thing_id}` to the path or change `in:`",
        ],
    );
}

#[test]
fn placeholder_must_be_a_whole_segment() {
    assert_errors(
        &[(
            "path: /v3/things/{thing_id}",
            "path: /v3/things/x{thing_id}",
        )],
        &[
            "spec.yaml:28:11: path segment `x{thing_id}` of `/v3/things/x{thing_id}`: a placeholder must be a whole segment, like `/{user_id}/`",
        ],
    );
    assert_errors(
        &[(
            "path: /v3/things/{thing_id}",
            "path: /v3/things/{thing_id}?x=1",
        )],
        &[
            "spec.yaml:28:11: path `/v3/things/{thing_id}?x=1` must not contain `?`, `#` or spaces; declare query parameters with `in: query`",
        ],
    );
}

#[test]
fn paths_are_well_formed() {
    for (bad, message) in [
        (
            "v3/things/{thing_id}",
            "path `v3/things/{thing_id}` must start with `/`",
        ),
        (
            "/v3//things/{thing_id}",
            "path `/v3//things/{thing_id}` has an empty segment (`//` or a trailing `/`)",
        ),
        (
            "/v3/things/{thing_id}/",
            "path `/v3/things/{thing_id}/` has an empty segment (`//` or a trailing `/`)",
        ),
        (
            "/v3/things/{}",
            "path placeholder `{}` is not well-formed, expected `{name}` with ASCII letters, digits and `_`",
        ),
        (
            "/v3/things/{thing-id}",
            "path placeholder `{thing-id}` is not well-formed, expected `{name}` with ASCII letters, digits and `_`",
        ),
        (
            "/v3/things/{thing_id}/{thing_id}",
            "path placeholder `{thing_id}` appears twice in `/v3/things/{thing_id}/{thing_id}`",
        ),
    ] {
        let replacement = format!("path: {bad}");
        assert_eq!(
            errors(&spec(&[("path: /v3/things/{thing_id}", &replacement)])),
            [format!("spec.yaml:28:11: {message}")],
            "{bad}"
        );
    }
}

#[test]
fn literal_path_segments_are_unreserved_and_not_dot_segments() {
    let unreserved = "expected only the RFC 3986 unreserved characters A-Z a-z 0-9 - . _ ~ (literal segments are sent unencoded and signed as is)";
    let dot = "is a dot segment, which URLs remove; the request would reach another path than the one signed";
    for (bad, message) in [
        (
            "/v3/things:batch/{thing_id}",
            format!(
                "path segment `things:batch` of `/v3/things:batch/{{thing_id}}` contains ':', {unreserved}"
            ),
        ),
        (
            "/v3/a%2Fb/{thing_id}",
            format!("path segment `a%2Fb` of `/v3/a%2Fb/{{thing_id}}` contains '%', {unreserved}"),
        ),
        (
            "/v3/订单/{thing_id}",
            format!("path segment `订单` of `/v3/订单/{{thing_id}}` contains '订', {unreserved}"),
        ),
        (
            "/v3/../things/{thing_id}",
            format!("path segment `..` of `/v3/../things/{{thing_id}}` {dot}"),
        ),
        (
            "/v3/./things/{thing_id}",
            format!("path segment `.` of `/v3/./things/{{thing_id}}` {dot}"),
        ),
    ] {
        let replacement = format!("path: {bad}");
        assert_eq!(
            errors(&spec(&[("path: /v3/things/{thing_id}", &replacement)])),
            [format!("spec.yaml:28:11: {message}")],
            "{bad}"
        );
    }
    // Every unreserved character is fine, and so are dots inside a segment.
    let text = spec(&[(
        "path: /v3/things/{thing_id}",
        "path: /v3/AZaz09-._~/.well-known/a..b/{thing_id}",
    )]);
    load(&text).unwrap();
}

#[test]
fn path_parameters_are_required_scalars() {
    assert_errors(
        &[(
            "        in: path\n        required: true\n        type: string(32)",
            "        in: path\n        required: false\n        type: array<string>",
        )],
        &[
            "spec.yaml:32:19: path parameter `thing_id` must be `required: true`",
            "spec.yaml:33:15: path parameter `thing_id` must be a scalar (string, integer, number, boolean, date-time, date or an enum), not `array<string>`",
        ],
    );
}

// ---- names -----------------------------------------------------------------

#[test]
fn operation_ids_are_unique() {
    let text = format!("{BASE}{}", SECOND.replace("put_thing", "get_thing"));
    assert_eq!(
        errors(&text),
        ["spec.yaml:64:9: duplicate operation id `get_thing` (first at line 22)"]
    );
}

#[test]
fn operation_ids_are_snake_case() {
    assert_errors(
        &[("id: get_thing", "id: getThing")],
        &[
            "spec.yaml:22:9: operation id `getThing` must be snake_case ASCII starting with a letter, e.g. `get_thing`",
        ],
    );
    assert_errors(
        &[("id: get_thing", "id: types")],
        &[
            "spec.yaml:22:9: operation id `types` is reserved (the generator uses modules mod, types, error_code, operations, notifications); choose another id",
        ],
    );
    assert_errors(
        &[("id: get_thing", "id: match")],
        &["spec.yaml:22:9: operation id `match` is a Rust keyword; choose another id"],
    );
    assert_errors(
        &[("id: get_thing", "id: download")],
        &[
            "spec.yaml:22:9: operation id `download` is a method the runtime's `Client` already has (new, builder, config, execute, execute_inner, attempt, download, download_inner, download_to_path, attempt_raw, current_keys, refresh_platform_certificates, refresh_for_unknown_serial, start_certificate_refresh, notification_verifier); choose another id",
        ],
    );
}

#[test]
fn type_names_must_not_collide_with_generated_names() {
    assert_errors(
        &[("  Item:\n", "  GetThingRequest:\n")],
        &[
            "spec.yaml:22:9: the request type of operation `get_thing` would be the Rust item `GetThingRequest`, which is already generated for type `GetThingRequest` (line 16); rename one of them",
        ],
    );
    // `bon::Builder` derives `<Struct>Builder` for every generated struct.
    assert_errors(
        &[("  Item:\n", "  GetThingRequestBuilder:\n")],
        &[
            "spec.yaml:22:9: the builder of the request type of operation `get_thing` would be the Rust item `GetThingRequestBuilder`, which is already generated for type `GetThingRequestBuilder` (line 16); rename one of them",
        ],
    );
    assert_errors(
        &[("  Item:\n", "  ErrorCode:\n")],
        &[
            "spec.yaml:16:3: type `ErrorCode` would be the Rust item `ErrorCode`, which the generator reserves; rename it",
        ],
    );
    // Names the generated files use unqualified (the prelude, the runtime
    // items they import) and the runtime's names at the crate root.
    for name in [
        "String",
        "Option",
        "Charset",
        "ValidationError",
        "Client",
        "Error",
    ] {
        assert_errors(
            &[("  Item:\n", &format!("  {name}:\n"))],
            &[&format!(
                "spec.yaml:16:3: type `{name}` would be the Rust item `{name}`, which the generator reserves; rename it"
            )],
        );
    }
    assert_errors(
        &[("  Item:\n", "  GetThingResponse:\n")],
        &[
            "spec.yaml:22:9: the response type of operation `get_thing` would be the Rust item `GetThingResponse`, which is already generated for type `GetThingResponse` (line 16); rename one of them",
        ],
    );
    assert_errors(
        &[("  Item:\n", "  A:\n"), ("id: get_thing", "id: a")],
        &[
            "spec.yaml:22:9: the OperationInfo const of operation `a` would be the Rust item `A`, which is already generated for type `A` (line 16); rename one of them",
        ],
    );
}

#[test]
fn type_names_are_upper_camel_case() {
    assert_errors(
        &[("  Item:\n", "  line_item:\n")],
        &["spec.yaml:16:3: type name `line_item` must be UpperCamelCase ASCII, e.g. `LineItem`"],
    );
    assert_errors(
        &[("  Item:\n", "  Self:\n")],
        &["spec.yaml:16:3: type name `Self` is a Rust keyword; choose another name"],
    );
}

#[test]
fn field_wire_names_are_unique_per_struct() {
    assert_errors(
        &[
            ("      - name: note\n", "      - name: thing_id\n"),
            ("not_echoed: [thing_id, note]", "not_echoed: [thing_id]"),
        ],
        &[
            "spec.yaml:34:15: duplicate field `thing_id` in the request of `get_thing` (first at line 30)",
        ],
    );
}

#[test]
fn rust_field_names_are_unique_after_case_conversion() {
    assert_errors(
        &[
            ("      - name: note\n", "      - name: thingId\n"),
            ("not_echoed: [thing_id, note]", "not_echoed: [thing_id]"),
        ],
        &[
            "spec.yaml:34:15: fields `thing_id` and `thingId` of the request of `get_thing` both become the Rust field `thing_id`",
        ],
    );
}

#[test]
fn field_names_must_give_rust_names() {
    assert_errors(
        &[
            ("      - name: note\n", "      - name: 备注\n"),
            ("not_echoed: [thing_id, note]", "not_echoed: [thing_id]"),
        ],
        &[
            "spec.yaml:34:15: field name `备注` gives no Rust field name (snake_case `备注`); field names must contain ASCII letters and start with a letter",
        ],
    );
}

#[test]
fn field_names_are_not_empty() {
    assert_errors(
        &[
            ("      - name: note\n", "      - name: \"\"\n"),
            ("not_echoed: [thing_id, note]", "not_echoed: [thing_id]"),
        ],
        &["spec.yaml:34:15: empty field name in the request of `get_thing`"],
    );
}

#[test]
fn charset_statics_are_unique() {
    // `Item.name_x` and `ItemName.x` both give `ITEM_NAME_X_CHARSET`.
    assert_errors(
        &[(
            "  Item:\n    fields:\n",
            "  ItemName:\n    fields:\n      - name: x\n        required: true\n        type: string\n        charset: {chars: x}\n  Item:\n    fields:\n      - name: name_x\n        required: true\n        type: string\n        charset: {chars: y}\n",
        )],
        &[
            "spec.yaml:27:18: the charset of field `name_x` of type `Item` would be the Rust item `ITEM_NAME_X_CHARSET`, which is already generated for the charset of field `x` of type `ItemName` (line 21); rename one of them",
        ],
    );
}

// ---- enums -----------------------------------------------------------------

#[test]
fn enums_are_not_empty() {
    assert_errors(
        &[(
            "    enum:\n      - value: ACTIVE\n      - value: CLOSED\n",
            "    enum: []\n",
        )],
        &["spec.yaml:13:11: enum `State` has no values; list at least one"],
    );
}

#[test]
fn enum_values_are_not_empty() {
    assert_errors(
        &[("      - value: CLOSED", "      - value: \"\"")],
        &["spec.yaml:15:16: empty value in enum `State`"],
    );
}

#[test]
fn enum_values_must_give_variant_names() {
    assert_errors(
        &[("      - value: CLOSED", "      - value: 已关闭")],
        &[
            "spec.yaml:15:16: value `已关闭` gives no Rust variant name (UpperCamelCase `已关闭`); values must contain ASCII letters or digits (in enum `State`)",
        ],
    );
}

#[test]
fn enum_values_are_unique() {
    assert_errors(
        &[("      - value: CLOSED", "      - value: ACTIVE")],
        &["spec.yaml:15:16: duplicate value `ACTIVE` in enum `State` (first at line 14)"],
    );
}

#[test]
fn enum_variants_are_unique() {
    assert_errors(
        &[("      - value: CLOSED", "      - value: active")],
        &[
            "spec.yaml:15:16: values `ACTIVE` and `active` of enum `State` both become the Rust variant `Active`",
        ],
    );
}

#[test]
fn a_type_is_an_enum_or_an_object() {
    assert_errors(
        &[(
            "  Item:\n    fields:\n",
            "  Item:\n    enum: [{value: A}]\n    fields:\n",
        )],
        &[
            "spec.yaml:16:3: type `Item` has both `enum` and `fields`; a type is either an enum or an object",
        ],
    );
    assert_errors(
        &[(
            "  Item:\n    fields:\n      - name: name\n        required: true\n        type: string(8)\n",
            "  Item:\n    label: 物品\n",
        )],
        &["spec.yaml:16:3: type `Item` needs `enum` (an enum) or `fields` (an object)"],
    );
}

#[test]
fn objects_are_not_empty() {
    assert_errors(
        &[(
            "    fields:\n      - name: name\n        required: true\n        type: string(8)\n",
            "    fields: []\n",
        )],
        &["spec.yaml:17:13: type `Item` has no fields; list at least one"],
    );
}

#[test]
fn objects_cannot_contain_themselves() {
    assert_errors(
        &[(
            "        type: string(8)\n",
            "        type: string(8)\n      - name: child\n        required: false\n        type: Item\n",
        )],
        &[
            "spec.yaml:16:3: type `Item` contains itself without an array: Item → Item (field `child`); use `array<Item>` or break the cycle",
        ],
    );
}

// ---- types and constraints -------------------------------------------------

#[test]
fn type_strings_are_well_formed() {
    for (bad, message) in [
        (
            "string(0)",
            "invalid type `string(0)`: the N of `string(N)` must be an integer > 0",
        ),
        (
            "string(x)",
            "invalid type `string(x)`: the N of `string(N)` must be an integer > 0",
        ),
        (
            "array<string",
            "invalid type `array<string`, expected `string`, `string(N)` with N > 0, `integer`, `number`, `boolean`, `date-time`, `date`, `array<T>` or a name from `types:`",
        ),
        (
            "int",
            "unknown type `int`: not a built-in type and not in `types:` (defined: Item, State); expected `string`, `string(N)` with N > 0, `integer`, `number`, `boolean`, `date-time`, `date`, `array<T>` or a name from `types:`",
        ),
    ] {
        let replacement = format!("        type: {bad}\n        charset:");
        assert_eq!(
            errors(&spec(&[(
                "        type: string(16)\n        charset:",
                &replacement
            )])),
            [format!("spec.yaml:37:15: {message}")],
            "{bad}"
        );
    }
}

#[test]
fn min_length_applies_to_strings_up_to_their_maximum() {
    assert_errors(
        &[(
            "        type: string(16)\n",
            "        type: string(16)\n        min_length: 17\n",
        )],
        &["spec.yaml:38:21: `min_length` 17 is larger than the maximum length of `string(16)`"],
    );
    assert_errors(
        &[(
            "          type: State\n",
            "          type: State\n          min_length: 1\n",
        )],
        &["spec.yaml:48:23: `min_length` applies only to strings, but `state` is `State`"],
    );
}

#[test]
fn charset_ranges_are_well_formed() {
    assert_errors(
        &[(r#"ranges: ["a-z"]"#, r#"ranges: ["z-a", "0-", "A-Z"]"#)],
        &[
            "spec.yaml:39:20: charset range `z-a` is not well-formed, expected `X-Y` with X <= Y (e.g. `0-9`, `A-Z`)",
            "spec.yaml:39:27: charset range `0-` is not well-formed, expected `X-Y` with X <= Y (e.g. `0-9`, `A-Z`)",
        ],
    );
}

#[test]
fn charsets_allow_something() {
    assert_errors(
        &[(r#"ranges: ["a-z"]"#, r#"chars: """#)],
        &[
            "spec.yaml:39:18: charset `chars` is empty; list the allowed characters or remove `chars`",
        ],
    );
    assert_errors(
        &[(r#"ranges: ["a-z"]"#, "ranges: []")],
        &["spec.yaml:39:11: charset allows nothing; give `ranges`, `chars` or both"],
    );
}

#[test]
fn charset_applies_to_strings() {
    assert_errors(
        &[
            (
                "        type: string(16)\n        charset:",
                "        type: integer\n        charset:",
            ),
            ("        example: hello\n", ""),
        ],
        &["spec.yaml:39:11: `charset` applies only to strings, but `note` is `integer`"],
    );
}

#[test]
fn minimum_and_maximum_apply_to_numbers_in_order() {
    assert_errors(
        &[(
            "          type: State\n",
            "          type: State\n          minimum: 1\n",
        )],
        &[
            "spec.yaml:48:20: `minimum` applies only to integers and numbers, but `state` is `State`",
        ],
    );
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: integer\n          minimum: 10\n          maximum: 1\n",
            ),
            ("            state: ACTIVE\n", "            state: 5\n"),
        ],
        &["spec.yaml:48:20: `minimum` 10 is larger than `maximum` 1 (line 49)"],
    );
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: integer\n          minimum: 1.5\n",
            ),
            ("            state: ACTIVE\n", "            state: 5\n"),
        ],
        &[
            "spec.yaml:48:20: `minimum` of integer field `state` must be an integer, found number 1.5",
        ],
    );
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: number\n          maximum: ten\n",
            ),
            ("            state: ACTIVE\n", "            state: 5\n"),
        ],
        &[
            "spec.yaml:48:20: `maximum` of number field `state` must be a finite number, found string \"ten\"",
        ],
    );
    // Non-finite bounds never reach validation: the YAML reader rejects them
    // (the validator's own check is unit-tested in `validate/fields.rs`).
    for bad in [".nan", ".inf", "-.inf", "1e999"] {
        let replacement = format!("          type: number\n          maximum: {bad}\n");
        assert_eq!(
            errors(&spec(&[
                ("          type: State\n", &replacement),
                ("            state: ACTIVE\n", "            state: 5\n"),
            ])),
            [format!(
                "spec.yaml:48:20: number `{bad}` is not finite: numbers in the spec must be finite (JSON has no NaN or infinity)"
            )],
        );
    }
    // Integer bounds are compared exactly, not as f64 (2^53 + 1 > 2^53).
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: integer\n          minimum: 9007199254740993\n          maximum: 9007199254740992\n",
            ),
            ("            state: ACTIVE\n", "            state: 5\n"),
        ],
        &[
            "spec.yaml:48:20: `minimum` 9007199254740993 is larger than `maximum` 9007199254740992 (line 49)",
        ],
    );
}

#[test]
fn item_counts_apply_to_arrays_in_order() {
    assert_errors(
        &[(
            "          type: State\n",
            "          type: State\n          min_items: 1\n",
        )],
        &["spec.yaml:48:22: `min_items` applies only to arrays, but `state` is `State`"],
    );
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: array<State>\n          min_items: 3\n          max_items: 2\n",
            ),
            (
                "            state: ACTIVE\n",
                "            state: [ACTIVE, CLOSED]\n",
            ),
        ],
        &["spec.yaml:48:22: `min_items` 3 is larger than `max_items` 2"],
    );
}

// ---- where parameters go ---------------------------------------------------

#[test]
fn request_parameters_say_where_they_go() {
    assert_errors(
        &[("        in: body\n", "        in: header\n")],
        &["spec.yaml:35:13: `in: header` is not allowed, expected one of: path, query, body"],
    );
    assert_errors(
        &[("        in: body\n", "")],
        &["spec.yaml:34:15: request parameter `note` needs `in:`, one of: path, query, body"],
    );
}

#[test]
fn response_fields_have_no_in() {
    assert_errors(
        &[(
            "        - name: state\n",
            "        - name: state\n          in: body\n",
        )],
        &[
            "spec.yaml:46:15: response field `state` cannot have `in:`; `in` is only for request parameters",
        ],
    );
    assert_errors(
        &[(
            "      - name: name\n        required: true\n",
            "      - name: name\n        in: body\n        required: true\n",
        )],
        &[
            "spec.yaml:19:13: field `name` of type `Item` cannot have `in:`; `in` is only for request parameters",
        ],
    );
}

#[test]
fn query_parameters_are_scalars() {
    assert_errors(
        &[
            (
                "        in: body\n        required: true\n        type: string(16)",
                "        in: query\n        required: true\n        type: Item",
            ),
            (
                "        charset:\n          ranges: [\"a-z\"]\n        example: hello\n",
                "",
            ),
            (
                "          body:\n            note: hello\n",
                "          query:\n            note: {name: x}\n",
            ),
        ],
        &[
            "spec.yaml:37:15: query parameter `note` must be a scalar (string, integer, number, boolean, date-time, date or an enum), not `Item`",
        ],
    );
}

// ---- methods ---------------------------------------------------------------

#[test]
fn methods_are_known() {
    assert_errors(
        &[("method: POST", "method: FETCH")],
        &[
            "spec.yaml:27:13: unknown method `FETCH`, expected one of: GET, POST, PUT, PATCH, DELETE",
        ],
    );
}

#[test]
fn get_has_no_body_but_delete_may() {
    assert_errors(
        &[("method: POST", "method: GET")],
        &["spec.yaml:35:13: `GET` requests have no body; make `note` `in: query` or `in: path`"],
    );
    // The docs confirm DELETE with a JSON body (删除商户标识).
    let api = load(&spec(&[("method: POST", "method: DELETE")])).unwrap();
    assert!(api.operations[0].has_body());
}

#[test]
fn dates_are_yyyy_mm_dd() {
    let edits = |example: &str| {
        vec![
            (
                "          type: date-time\n".to_owned(),
                format!("          type: date\n          example: \"{example}\"\n"),
            ),
            (
                "            at: \"2025-01-01T08:00:00+08:00\"\n".to_owned(),
                "            at: \"2025-04-23\"\n".to_owned(),
            ),
        ]
    };
    let text = |example: &str| {
        let mut text = BASE.to_owned();
        for (from, to) in edits(example) {
            text = text.replacen(&from, &to, 1);
        }
        text
    };
    let api = load(&text("2025-04-23")).unwrap();
    assert_eq!(
        api.operations[0].response[1].ty,
        webizpay_codegen::ir::Type::Date
    );
    for bad in ["2025-4-23", "2025-02-30", "20250423"] {
        assert_eq!(
            errors(&text(bad)),
            [format!(
                "spec.yaml:51:20: example of field `at`: `at`: \"{bad}\" is not a date yyyy-MM-DD, expected e.g. 2025-04-23"
            )],
            "{bad}"
        );
    }
}

#[test]
fn download_names_string_response_fields() {
    let with = |block: &str| {
        spec(&[(
            "    errors: [PARAM_ERROR]\n",
            &format!("    errors: [PARAM_ERROR]\n    download:\n{block}"),
        )])
    };
    assert_eq!(
        errors(&with("      url: link\n")),
        ["spec.yaml:65:12: download url `link` is not a response field of `get_thing`"]
    );
    assert_eq!(
        errors(&with("      url: state\n")),
        [
            "spec.yaml:65:12: download url `state` of `get_thing` is `State`, expected a string field"
        ]
    );
    let optional_url = spec(&[
        (
            "        - name: at\n          required: false\n          type: date-time\n",
            "        - name: at\n          required: false\n          type: date-time\n        - name: url\n          required: false\n          type: string\n",
        ),
        (
            "    errors: [PARAM_ERROR]\n",
            "    errors: [PARAM_ERROR]\n    download:\n      url: url\n      hash_type: url\n",
        ),
    ]);
    assert_eq!(
        errors(&optional_url),
        [
            "spec.yaml:68:7: download of `get_thing` needs both `hash_type` and `hash_value`, or neither",
            "spec.yaml:68:12: download url `url` of `get_thing` is optional; the URL field must be `required: true`",
        ]
    );
    assert_eq!(
        errors(&with("      url: state\n      colour: x\n")),
        [
            "spec.yaml:66:7: unknown key `colour` in download, expected one of: url, hash_type, hash_value"
        ]
    );
}

#[test]
fn a_response_type_is_an_object_instead_of_fields() {
    let typed = spec(&[
        (
            "  Item:\n    fields:\n      - name: name\n        required: true\n        type: string(8)\n",
            "  Item:\n    fields:\n      - name: state\n        required: true\n        type: State\n      - name: at\n        required: false\n        type: date-time\n",
        ),
        (
            "      fields:\n        - name: state\n          required: true\n          type: State\n        - name: at\n          required: false\n          type: date-time\n",
            "      type: Item\n",
        ),
    ]);
    let api = load(&typed).unwrap();
    let op = &api.operations[0];
    assert_eq!(op.response_object.as_deref(), Some("Item"));
    assert_eq!(
        op.response.len(),
        2,
        "the example is checked against the object's fields"
    );
    assert_eq!(
        errors(&typed.replace("      type: Item\n", "      type: State\n")),
        [
            "spec.yaml:47:13: the response type `State` of `get_thing` is an enum; a response body is an object type"
        ]
    );
    assert_eq!(
        errors(&typed.replace("      type: Item\n", "      type: Missing\n")),
        [
            "spec.yaml:47:13: the response type `Missing` of `get_thing` is not an object type of `types:`"
        ]
    );
    assert_eq!(
        errors(&spec(&[(
            "    response:\n      status: 200\n",
            "    response:\n      status: 200\n      type: Item\n",
        )])),
        [
            "spec.yaml:43:13: the response of `get_thing` has both `type` and `fields`; give one of them"
        ]
    );
}

// ---- responses and errors --------------------------------------------------

#[test]
fn response_status_is_a_success() {
    assert_errors(
        &[(
            "    response:\n      status: 200",
            "    response:\n      status: 302",
        )],
        &["spec.yaml:42:15: response status 302 is not a success status, expected 200..=299"],
    );
}

#[test]
fn error_status_is_4xx_or_5xx() {
    let text = CATALOG.replace("    status: 400", "    status: 200");
    let line = BASE.lines().count() + 8;
    assert_eq!(
        webizpay_codegen::load(&format!("{BASE}{text}"), "spec.yaml")
            .unwrap_err()
            .errors()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [format!(
            "spec.yaml:{line}:13: error status 200 of `PARAM_ERROR` is not an error status, expected 4xx or 5xx"
        )]
    );
}

/// The messages of `BASE` followed by `catalog` (instead of [`CATALOG`]).
fn catalog_errors(catalog: &str) -> Vec<String> {
    match webizpay_codegen::load(&format!("{BASE}{catalog}"), "spec.yaml") {
        Ok(_) => panic!("spec unexpectedly valid with catalog:\n{catalog}"),
        Err(e) => e.errors().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn error_code_variants_are_unique() {
    let catalog =
        format!("{CATALOG}  PARAM__ERROR:\n    status: 400\n    description: x\n    solution: y\n");
    let (first, second) = (catalog_line(BASE, 7), catalog_line(BASE, 11));
    assert_eq!(
        catalog_errors(&catalog),
        [format!(
            "spec.yaml:{second}:3: error codes `PARAM_ERROR` (line {first}) and `PARAM__ERROR` both become the Rust variant `ErrorCode::ParamError`"
        )]
    );
}

#[test]
fn error_codes_are_upper_snake_case_and_unique() {
    let line = catalog_line(BASE, 7);
    assert_eq!(
        catalog_errors(&CATALOG.replace("  PARAM_ERROR:", "  param_error:")),
        [
            "spec.yaml:63:14: error code `PARAM_ERROR` of `get_thing` is not in the spec's `errors`; add it there or use one of: ".to_owned(),
            format!(
                "spec.yaml:{line}:3: error code `param_error` must be UPPER_SNAKE_CASE ASCII, as WeChat Pay documents codes"
            ),
        ]
    );
    let duplicate =
        format!("{CATALOG}  PARAM_ERROR:\n    status: 500\n    description: x\n    solution: y\n");
    let second = catalog_line(BASE, 11);
    assert_eq!(
        catalog_errors(&duplicate),
        [format!(
            "spec.yaml:{second}:3: duplicate key `PARAM_ERROR`: each key may appear only once in a mapping"
        )]
    );
}

#[test]
fn operations_list_catalog_error_codes_once() {
    assert_errors(
        &[(
            "    errors: [PARAM_ERROR]\n",
            "    errors: [PARAM_ERROR, NOT_FOUND]\n",
        )],
        &[
            "spec.yaml:63:27: error code `NOT_FOUND` of `get_thing` is not in the spec's `errors`; add it there or use one of: PARAM_ERROR",
        ],
    );
    assert_errors(
        &[(
            "    errors: [PARAM_ERROR]\n",
            "    errors: [PARAM_ERROR, PARAM_ERROR]\n",
        )],
        &[
            "spec.yaml:63:27: error code `PARAM_ERROR` is listed twice in `get_thing` (first at line 63)",
        ],
    );
    let api = load(BASE).unwrap();
    assert_eq!(api.operations[0].errors, ["PARAM_ERROR"]);
    assert_eq!(api.error_codes[0].code, "PARAM_ERROR");
    assert_eq!(api.error_codes[0].status, 400);
}

// ---- documentation ---------------------------------------------------------

#[test]
fn revision_is_a_date() {
    assert_errors(
        &[("revision: 2025-01-01", "revision: 2025-13-01")],
        &[
            "spec.yaml:26:17: revision `2025-13-01` is not a valid date, expected YYYY-MM-DD (e.g. 2025-05-09)",
        ],
    );
    assert_errors(
        &[("revision: 2025-01-01", "revision: 2025-1-1")],
        &[
            "spec.yaml:26:17: revision `2025-1-1` is not a valid date, expected YYYY-MM-DD (e.g. 2025-05-09)",
        ],
    );
}

#[test]
fn urls_are_https() {
    assert_errors(
        &[(
            "url: https://example.com/doc",
            "url: http://example.com/doc",
        )],
        &[
            "spec.yaml:25:12: doc url `http://example.com/doc` is not an https URL, expected `https://host/…`",
        ],
    );
    assert_errors(
        &[("url: https://api2.example.com", "url: https://")],
        &["spec.yaml:9:10: host url `https://` is not an https URL, expected `https://host/…`"],
    );
    assert_errors(
        &[(
            "url: https://api.example.com",
            "url: https://api.example.com/v3/",
        )],
        &[
            "spec.yaml:6:10: host url `https://api.example.com/v3/` must be scheme and host only, without a path or trailing `/`",
        ],
    );
}

// ---- examples --------------------------------------------------------------

#[test]
fn example_path_keys_are_the_path_parameters() {
    assert_errors(
        &[("            thing_id: t1\n", "            thing: t1\n")],
        &[
            "spec.yaml:55:13: example `docs` path: `thing` is not a parameter here, expected one of: thing_id",
            "spec.yaml:55:13: example `docs` path: no value for parameter `thing_id`",
        ],
    );
}

#[test]
fn example_bodies_follow_the_field_types() {
    assert_errors(
        &[("            note: hello\n", "            note: 12\n")],
        &[
            "spec.yaml:57:19: example `docs` request body: `note`: expected string(16), found integer 12 (quote it to make it a string)",
        ],
    );
    assert_errors(
        &[(
            "            note: hello\n",
            "            note: hello-world-hello-world\n",
        )],
        &[
            "spec.yaml:57:19: example `docs` request body: `note`: 23 chars, needs 0..=16",
            "spec.yaml:57:19: example `docs` request body: `note`: character '-' at position 5 is not allowed (allowed: a-z)",
        ],
    );
    assert_errors(
        &[(
            "            note: hello\n",
            "            note: hello\n            extra: 1\n",
        )],
        &[
            "spec.yaml:58:13: example `docs` request body: `extra` is not a field here, expected one of: note",
        ],
    );
    assert_errors(
        &[("            note: hello\n", "            other: 1\n")],
        &[
            "spec.yaml:57:13: example `docs` request body: `other` is not a field here, expected one of: note",
            "spec.yaml:57:13: example `docs` request body: required field `note` is missing",
        ],
    );
}

#[test]
fn unknown_enum_values_in_examples_are_errors() {
    assert_errors(
        &[("            state: ACTIVE\n", "            state: OPEN\n")],
        &[
            "spec.yaml:61:20: example `docs` response body: `state`: \"OPEN\" is not a value of `State`, expected one of: ACTIVE, CLOSED",
        ],
    );
}

#[test]
fn example_date_times_are_rfc3339() {
    assert_errors(
        &[(
            r#"at: "2025-01-01T08:00:00+08:00""#,
            r#"at: "2025-01-01 08:00""#,
        )],
        &[
            "spec.yaml:62:17: example `docs` response body: `at`: \"2025-01-01 08:00\" is not an RFC 3339 date-time (premature end of input), expected e.g. 2015-05-20T13:29:35+08:00",
        ],
    );
}

#[test]
fn field_examples_follow_the_field() {
    assert_errors(
        &[("        example: hello\n", "        example: Hello\n")],
        &[
            "spec.yaml:40:18: example of field `note`: `note`: character 'H' at position 0 is not allowed (allowed: a-z)",
        ],
    );
}

#[test]
fn example_requests_match_the_operation() {
    assert_errors(
        &[("          body:\n            note: hello\n", "")],
        &[
            "spec.yaml:54:11: example `docs`: request has no `body`, but `get_thing` has body parameters",
        ],
    );
}

#[test]
fn example_names_are_unique() {
    assert_errors(
        &[(
            "    errors: [PARAM_ERROR]\n",
            "      - name: docs\n    errors: [PARAM_ERROR]\n",
        )],
        &["spec.yaml:63:15: duplicate example `docs` in `get_thing` (first at line 52)"],
    );
}

#[test]
fn example_response_status_is_the_success_status() {
    assert_errors(
        &[("          status: 200\n", "          status: 201\n")],
        &[
            "spec.yaml:59:19: example `docs`: response status 201 differs from the success status 200",
        ],
    );
}

#[test]
fn example_requests_give_path_and_required_query_values() {
    assert_errors(
        &[("          path:\n            thing_id: t1\n", "")],
        &[
            "spec.yaml:54:11: example `docs`: request has no `path`, but `get_thing` has path parameters",
        ],
    );
    assert_errors(
        &[
            ("        in: body\n", "        in: query\n"),
            ("          body:\n            note: hello\n", ""),
        ],
        &[
            "spec.yaml:54:11: example `docs`: request has no `query`, but `get_thing` has required query parameters",
        ],
    );
    assert_errors(
        &[
            ("        in: body\n", "        in: query\n"),
            (
                "          body:\n            note: hello\n",
                "          query: {}\n",
            ),
        ],
        &["spec.yaml:56:18: example `docs` query: no value for parameter `note`"],
    );
}

#[test]
fn example_parameters_are_mappings_of_scalars() {
    assert_errors(
        &[(
            "          path:\n            thing_id: t1\n",
            "          path: [t1]\n",
        )],
        &[
            "spec.yaml:54:17: example `docs` path: expected a mapping of parameter values, found a sequence",
        ],
    );
    assert_errors(
        &[("            thing_id: t1\n", "            thing_id: [t1]\n")],
        &[
            "spec.yaml:55:23: example `docs` path: `thing_id`: expected a scalar value, found a sequence",
        ],
    );
}

#[test]
fn example_bodies_only_where_the_operation_has_one() {
    let text = format!(
        "{BASE}{}",
        SECOND.replace(
            "    errors: [PARAM_ERROR]\n",
            "    examples:\n      - name: docs\n        request:\n          body:\n            note: hello\n    errors: [PARAM_ERROR]\n",
        )
    );
    assert_eq!(
        errors(&text),
        [
            "spec.yaml:77:13: example `docs`: `put_thing` has no body parameters, so its request has no body"
        ]
    );
}

#[test]
fn example_objects_are_mappings() {
    assert_errors(
        &[(
            "          body:\n            note: hello\n",
            "          body: hello\n",
        )],
        &[
            "spec.yaml:56:17: example `docs` request body: expected a mapping of fields, found string \"hello\"",
        ],
    );
    assert_errors(
        &[
            ("          type: State\n", "          type: array<Item>\n"),
            (
                "            state: ACTIVE\n",
                "            state: [{name: a}, 5]\n",
            ),
        ],
        &[
            "spec.yaml:61:32: example `docs` response body: `state[1]`: expected a mapping of fields, found integer 5",
        ],
    );
}

#[test]
fn example_required_values_are_not_null_or_empty() {
    assert_errors(
        &[("            state: ACTIVE\n", "            state: null\n")],
        &["spec.yaml:61:20: example `docs` response body: `state` is required, but null"],
    );
    assert_errors(
        &[("            note: hello\n", "            note: \"\"\n")],
        &["spec.yaml:57:19: example `docs` request body: `note`: required, but empty"],
    );
    // An optional field may be null.
    let text = spec(&[(r#"at: "2025-01-01T08:00:00+08:00""#, "at: null")]);
    load(&text).unwrap();
}

#[test]
fn example_string_array_items_may_be_empty_like_the_generated_check() {
    // The generated `validate()` checks array items as not required.
    let text = spec(&[
        (
            "          type: State\n",
            "          type: array<string(4)>\n",
        ),
        (
            "            state: ACTIVE\n",
            "            state: [\"\", abc]\n",
        ),
    ]);
    load(&text).unwrap();
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: array<string(4)>\n",
            ),
            (
                "            state: ACTIVE\n",
                "            state: [\"\", abcde]\n",
            ),
        ],
        &["spec.yaml:61:25: example `docs` response body: `state[1]`: 5 chars, needs 0..=4"],
    );
}

#[test]
fn example_arrays_have_the_item_count() {
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: array<State>\n          min_items: 1\n          max_items: 1\n",
            ),
            (
                "            state: ACTIVE\n",
                "            state: [ACTIVE, CLOSED]\n",
            ),
        ],
        &["spec.yaml:63:20: example `docs` response body: `state`: 2 items, needs 1..=1"],
    );
}

#[test]
fn example_numbers_are_in_range() {
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: integer\n          minimum: 1\n          maximum: 10\n",
            ),
            ("            state: ACTIVE\n", "            state: 11\n"),
        ],
        &[
            "spec.yaml:63:20: example `docs` response body: `state`: 11 is out of range, needs 1..=10",
        ],
    );
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: number\n          minimum: 1\n",
            ),
            ("            state: ACTIVE\n", "            state: 0.5\n"),
        ],
        &["spec.yaml:62:20: example `docs` response body: `state`: 0.5 is out of range, needs 1.."],
    );
    // Integers are compared with integer bounds exactly (2^53 + 1 > 2^53).
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: integer\n          maximum: 9007199254740992\n",
            ),
            (
                "            state: ACTIVE\n",
                "            state: 9007199254740993\n",
            ),
        ],
        &[
            "spec.yaml:62:20: example `docs` response body: `state`: 9007199254740993 is out of range, needs ..=9007199254740992",
        ],
    );
}

#[test]
fn example_numbers_are_finite() {
    // Non-finite numbers never reach validation: the YAML reader rejects
    // them (the validator's own check is unit-tested in `validate/examples.rs`).
    for bad in [".nan", ".inf", "-.inf", "1e999", "!!float .nan"] {
        let value = format!("            state: {bad}\n");
        let shown = bad.trim_start_matches("!!float ");
        let column = 20 + bad.len() - shown.len();
        assert_eq!(
            errors(&spec(&[
                ("          type: State\n", "          type: number\n"),
                ("            state: ACTIVE\n", &value),
            ])),
            [format!(
                "spec.yaml:61:{column}: number `{shown}` is not finite: numbers in the spec must be finite (JSON has no NaN or infinity)"
            )],
        );
    }
    assert_errors(
        &[
            (
                "          type: State\n",
                "          type: number\n          example: .inf\n",
            ),
            ("            state: ACTIVE\n", "            state: 1.5\n"),
        ],
        &[
            "spec.yaml:48:20: number `.inf` is not finite: numbers in the spec must be finite (JSON has no NaN or infinity)",
        ],
    );
}

/// `BASE` with a `headers` list on `get_thing`.
fn with_headers(headers: &str) -> (&'static str, String) {
    (
        "    path: /v3/things/{thing_id}\n",
        format!("    path: /v3/things/{{thing_id}}\n    headers: {headers}\n"),
    )
}

#[test]
fn documented_headers_are_valid_and_unique() {
    let ok = with_headers("[Accept]");
    let api = load(&spec(&[(ok.0, &ok.1)])).unwrap();
    assert_eq!(api.operations[0].headers, ["Accept"]);
    let accept = api.header("Accept").unwrap();
    assert!(accept.required);
    assert_eq!(accept.value.as_deref(), Some("application/json"));
    assert_eq!(accept.const_name, "ACCEPT");

    let unknown = with_headers("[Accept, Content-Type]");
    assert_errors(
        &[(unknown.0, &unknown.1)],
        &[
            "spec.yaml:29:23: header `Content-Type` of `get_thing` is not in the spec's `headers`; add it there or use one of: Accept",
        ],
    );
    let twice = with_headers("[Accept, Accept]");
    assert_errors(
        &[(twice.0, &twice.1)],
        &["spec.yaml:29:23: header `Accept` is listed twice in `get_thing` (first at line 29)"],
    );

    let header_line = catalog_line(BASE, 2);
    let bad_name = CATALOG.replace("  Accept:", "  Content Type:");
    assert_eq!(
        catalog_errors(&bad_name),
        [format!(
            "spec.yaml:{header_line}:3: header name `Content Type` is not an HTTP header name: use letters, digits and !#$%&'*+-.^_`|~ only, e.g. `Content-Type`"
        )]
    );
    let duplicate = CATALOG.replace("errors:\n", "  accept:\n    description: y\nerrors:\n");
    let second = catalog_line(BASE, 6);
    assert_eq!(
        catalog_errors(&duplicate),
        [format!(
            "spec.yaml:{second}:3: duplicate header `accept` (first at line {header_line}); header names are case-insensitive and `-`/`_` give the same Rust const"
        )]
    );
    let bad_value = CATALOG.replace("value: application/json", "value: \"application/json\\n\"");
    let value_line = catalog_line(BASE, 5);
    assert_eq!(
        catalog_errors(&bad_value),
        [format!(
            "spec.yaml:{value_line}:12: value \"application/json\\n\" of header `Accept` is not a valid header value: use visible ASCII, inner spaces allowed"
        )]
    );
    let unknown_key = CATALOG.replace(
        "    value: application/json\n",
        "    value: application/json\n    default: y\n",
    );
    let key_line = catalog_line(BASE, 6);
    assert_eq!(
        catalog_errors(&unknown_key),
        [format!(
            "spec.yaml:{key_line}:5: unknown key `default` in header, expected one of: required, description, value"
        )]
    );
}

#[test]
fn echo_fields_are_request_parameters_of_the_same_type_in_the_response() {
    let response_note = (
        "        - name: at\n          required: false\n          type: date-time\n",
        "        - name: at\n          required: false\n          type: date-time\n        - name: note\n          required: false\n          type: string\n        - name: thing_id\n          required: false\n          type: integer\n",
    );
    let echo = |list: &str, not_echoed: &str| {
        (
            "      not_echoed: [thing_id, note]\n".to_owned(),
            format!("      not_echoed: [{not_echoed}]\n      echo: [{list}]\n"),
        )
    };
    let ok = echo("note", "thing_id");
    let api = load(&spec(&[response_note, (&ok.0, &ok.1)])).unwrap();
    assert_eq!(api.operations[0].echo, ["note"]);
    assert_eq!(api.operations[0].not_echoed, ["thing_id"]);
    for (list, not_echoed, message) in [
        (
            "state",
            "thing_id, note",
            "spec.yaml:44:14: echo field `state` of `get_thing` is not a request parameter; an echo repeats the request parameter of the same name",
        ),
        (
            "nothing",
            "thing_id, note",
            "spec.yaml:44:14: echo field `nothing` is not a response field of `get_thing`",
        ),
        (
            "thing_id",
            "note",
            "spec.yaml:44:14: echo field `thing_id` of `get_thing` is `string(32)` in the request but `integer` in the response; an echo has the request's type",
        ),
        (
            "note, note",
            "thing_id",
            "spec.yaml:44:20: echo field `note` is listed twice in `get_thing`",
        ),
        // `not_echoed`: with `echo`, every request parameter exactly once.
        (
            "note",
            "thing_id, thing_id",
            "spec.yaml:43:30: `not_echoed` lists `thing_id` twice in `get_thing`",
        ),
        (
            "note",
            "thing_id, state",
            "spec.yaml:43:30: `not_echoed` field `state` of `get_thing` is not a request parameter",
        ),
        (
            "note",
            "thing_id, note",
            "spec.yaml:43:30: `note` of `get_thing` is in both `echo` and `not_echoed`; an answer either repeats a parameter or does not",
        ),
        (
            "note",
            "",
            "spec.yaml:42:7: request parameter `thing_id` of `get_thing` is neither in `response.echo` nor in `response.not_echoed`: say whether the answer repeats it (what binds an answer to its request is part of the spec)",
        ),
    ] {
        let e = echo(list, not_echoed);
        assert_eq!(
            errors(&spec(&[response_note, (&e.0, &e.1)])),
            [message],
            "{list} / {not_echoed}"
        );
    }
}

#[test]
fn notifications_have_unique_ids_event_types_and_resource_fields() {
    let notification = |id: &str, event_type: &str, resource: &str| {
        format!(
            "notifications:\n  - id: {id}\n    event_type: {event_type}\n    title: 通知\n    doc:\n      url: https://example.com/n\n      revision: 2025-07-31\n    resource:{resource}\n"
        )
    };
    let field = "\n      - name: user_id\n        required: true\n        type: string\n        example: u1";
    let ok = format!(
        "{BASE}{}",
        notification("authorized", "WEBIZPAY.AUTHORIZED", field)
    );
    let api = load(&ok).unwrap();
    assert_eq!(api.notifications[0].type_name, "AuthorizedEvent");
    assert_eq!(api.notifications[0].variant, "Authorized");
    let start = BASE.lines().count() + 2; // the `- id:` line
    let twice = format!(
        "{ok}{}",
        notification("authorized", "WEBIZPAY.AUTHORIZED", field)
            .trim_start_matches("notifications:\n")
    );
    let second = start + 11;
    assert_eq!(
        errors(&twice),
        [
            format!(
                "spec.yaml:{second}:9: duplicate notification id `authorized` (first at line {start})"
            ),
            format!(
                "spec.yaml:{}:17: duplicate event_type `WEBIZPAY.AUTHORIZED` (first at line {})",
                second + 1,
                start + 1
            ),
        ]
    );
    assert_eq!(
        errors(&format!(
            "{BASE}{}",
            notification("authorized", "webizpay.authorized", field)
        )),
        [format!(
            "spec.yaml:{}:17: event_type `webizpay.authorized` must be upper-case ASCII letters, digits, `.` and `_`, e.g. `WEBIZPAY.AUTHORIZED`",
            start + 1
        )]
    );
    assert_eq!(
        errors(&format!(
            "{BASE}{}",
            notification("authorized", "WEBIZPAY.AUTHORIZED", " []")
        )),
        [format!(
            "spec.yaml:{start}:5: notification `authorized` has no `resource` fields; list the decrypted resource's fields"
        )]
    );
    assert_eq!(
        errors(&format!(
            "{BASE}{}",
            notification(
                "get_thing_request",
                "WEBIZPAY.X",
                &field.replace("type: string", "type: strin")
            )
        )),
        [format!(
            "spec.yaml:{}:15: unknown type `strin`: not a built-in type and not in `types:` (defined: Item, State); expected `string`, `string(N)` with N > 0, `integer`, `number`, `boolean`, `date-time`, `date`, `array<T>` or a name from `types:`",
            start + 9
        )]
    );
}

#[test]
fn deviations_need_a_location_and_a_reason_once() {
    let record = "      revision: 2025-01-01\n      deviations:\n        - at: path\n          page: /v3/old\n          reason: the newer revision\n";
    if let Err(e) = load(&spec(&[("      revision: 2025-01-01\n", record)])) {
        panic!("{e}");
    }
    let twice =
        format!("{record}        - at: path\n          page: /v3/old\n          reason: again\n");
    assert_eq!(
        errors(&spec(&[("      revision: 2025-01-01\n", &twice)])),
        ["spec.yaml:31:15: the deviation `path` of `get_thing` is recorded twice"]
    );
    let unnamed = record
        .replace("at: path", "at: \"\"")
        .replace("reason: the newer revision", "reason: \"\"");
    assert_eq!(
        errors(&spec(&[("      revision: 2025-01-01\n", &unnamed)])),
        [
            "spec.yaml:28:15: a deviation of `get_thing` needs `at:`, the dotted location `docs check` reports (e.g. `path`), not ``",
            "spec.yaml:28:15: the deviation `` of `get_thing` needs a `reason`",
        ]
    );
}
