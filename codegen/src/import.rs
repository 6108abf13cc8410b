//! `cargo xtask docs import`: a spec operation block drafted from a page,
//! for a maintainer to review and edit rather than type.
//!
//! The block is complete (the generator accepts it as it is, in place of the
//! operation of the same route or title, or added to `operations:`), and
//! `docs check` finds it identical to its page. What the page does not say
//! is left out (lengths, examples) or chosen leniently and said in
//! `doc.notes` (an answer repeats the request parameters of the same name).

use heck::ToUpperCamelCase;

use crate::facts::{Facts, FieldFacts, Location};
use crate::ir::{Api, NamedType};

/// A YAML scalar: JSON's double-quoted string, which YAML reads as is.
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The drafted blocks: the enum types the page needs that the spec lacks
/// (for `types:`), and the operation (for `operations:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The id chosen (the spec's, when the page matches an operation).
    pub id: String,
    /// Entries for the spec's `types:` map, indented for it (may be empty).
    pub types: String,
    /// The item for the spec's `operations:` list, indented for it.
    pub operation: String,
}

/// Drafts the spec blocks of `page`. `api` is the current spec: its ids,
/// URLs and types are reused where the page matches them.
pub fn import(api: &Api, page: &Facts) -> Imported {
    let existing = api.operations.iter().find(|o| {
        let f = Facts::of_operation(api, o);
        f.route() == page.route() || f.title == page.title
    });
    let id = existing.map_or_else(|| id_from_path(&page.method, &page.path), |o| o.id.clone());
    let url = existing.map_or("https://pay.weixin.qq.com/doc/v3/partner/", |o| {
        o.doc_url.as_str()
    });
    let mut types = String::new();
    let mut out = String::new();
    let line = |out: &mut String, indent: usize, text: &str| {
        out.push_str(&" ".repeat(indent));
        out.push_str(text);
        out.push('\n');
    };
    line(&mut out, 2, &format!("- id: {id}"));
    line(&mut out, 4, &format!("title: {}", q(&page.title)));
    if let Some(summary) = &page.summary {
        line(&mut out, 4, &format!("summary: {}", q(summary)));
    }
    line(&mut out, 4, "doc:");
    line(&mut out, 6, &format!("url: {}", q(url)));
    if let Some(revision) = &page.revision {
        line(&mut out, 6, &format!("revision: {revision}"));
    }
    line(
        &mut out,
        6,
        &format!(
            "notes: {}",
            q(
                "drafted by `cargo xtask docs import`; the answer is taken to repeat the request parameters of the same name (echo): review it"
            )
        ),
    );
    if !page.merchant_types.is_empty() {
        let list: Vec<String> = page.merchant_types.iter().map(|m| q(m)).collect();
        line(
            &mut out,
            4,
            &format!("merchant_types: [{}]", list.join(", ")),
        );
    }
    line(&mut out, 4, &format!("method: {}", page.method));
    line(&mut out, 4, &format!("path: {}", q(&page.path)));
    let headers: Vec<&str> = page
        .request
        .iter()
        .filter(|f| f.location == Some(Location::Header))
        .map(|f| f.name.as_str())
        .collect();
    if !headers.is_empty() {
        line(&mut out, 4, &format!("headers: [{}]", headers.join(", ")));
    }
    let params: Vec<&FieldFacts> = page
        .request
        .iter()
        .filter(|f| f.location.is_some_and(|l| l != Location::Header))
        .collect();
    if !params.is_empty() {
        line(&mut out, 4, "request:");
        for f in &params {
            field(api, &mut out, &mut types, 6, f, true);
        }
    }
    line(&mut out, 4, "response:");
    line(
        &mut out,
        6,
        &format!("status: {}", page.status.unwrap_or(200)),
    );
    let (echo, not_echoed): (Vec<&str>, Vec<&str>) = params
        .iter()
        .map(|f| f.name.as_str())
        .partition(|name| page.response.iter().any(|r| r.name == *name));
    if !echo.is_empty() {
        line(&mut out, 6, &format!("echo: [{}]", echo.join(", ")));
    }
    if !not_echoed.is_empty() {
        line(
            &mut out,
            6,
            &format!("not_echoed: [{}]", not_echoed.join(", ")),
        );
    }
    if !page.response.is_empty() {
        line(&mut out, 6, "fields:");
        for f in &page.response {
            field(api, &mut out, &mut types, 8, f, false);
        }
    }
    examples(&mut out, page);
    let known: Vec<&str> = page
        .errors
        .iter()
        .map(|e| e.code.as_str())
        .filter(|c| api.error_code(c).is_some())
        .collect();
    let unknown: Vec<&str> = page
        .errors
        .iter()
        .map(|e| e.code.as_str())
        .filter(|c| api.error_code(c).is_none())
        .collect();
    if !known.is_empty() {
        line(&mut out, 4, &format!("errors: [{}]", known.join(", ")));
    }
    if !unknown.is_empty() {
        line(
            &mut out,
            4,
            &format!(
                "# not in the spec's `errors` catalog yet (add them there, then here): {}",
                unknown.join(", ")
            ),
        );
    }
    Imported {
        id,
        types,
        operation: out,
    }
}

/// The page's examples: the curl request (path and query parameters read
/// back from its URL with the page's path template) and the response body,
/// as JSON flow mappings (which YAML reads as they are).
fn examples(out: &mut String, page: &Facts) {
    let json = |v: &serde_json::Value| serde_json::to_string(v).unwrap_or_default();
    // URL text as the example's JSON value: a number where the page's
    // parameter is one, else a string.
    let scalar = |name: &str, text: &str| -> serde_json::Value {
        let numeric = page
            .request
            .iter()
            .any(|f| f.name == name && matches!(f.ty.as_str(), "integer" | "number"));
        match text.parse::<i64>() {
            Ok(n) if numeric => n.into(),
            _ => text.into(),
        }
    };
    let mut request = String::new();
    if let Some(ex) = &page.request_example {
        let (path, query) = ex.target.split_once('?').unwrap_or((&ex.target, ""));
        let template: Vec<&str> = page.path.split('/').collect();
        let actual: Vec<&str> = path.split('/').collect();
        let mut params = serde_json::Map::new();
        let mut fits = template.len() == actual.len();
        for (t, a) in template.iter().zip(&actual) {
            match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(name) => {
                    params.insert(name.to_owned(), scalar(name, a));
                }
                None => fits &= t == a,
            }
        }
        if fits {
            if !params.is_empty() {
                request.push_str(&format!("          path: {}\n", json(&params.into())));
            }
            let query: serde_json::Map<String, serde_json::Value> = query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(k, v)| (k.to_owned(), scalar(k, v)))
                .collect();
            if !query.is_empty() {
                request.push_str(&format!("          query: {}\n", json(&query.into())));
            }
            if let Some(body) = &ex.body {
                request.push_str(&format!("          body: {}\n", json(body)));
            }
        }
    }
    if request.is_empty() && page.response_example.is_none() {
        return;
    }
    out.push_str("    examples:\n      - name: docs\n");
    out.push_str(&format!("        description: {}\n", q("文档中的示例")));
    if !request.is_empty() {
        out.push_str("        request:\n");
        out.push_str(&request);
    }
    if let Some(body) = &page.response_example {
        out.push_str("        response:\n");
        out.push_str(&format!(
            "          status: {}\n",
            page.status.unwrap_or(200)
        ));
        out.push_str(&format!("          body: {}\n", json(body)));
    }
}

/// `POST /v3/webizpay/users/{user_id}/authorization-url` → `post_users_authorization_url`.
fn id_from_path(method: &str, path: &str) -> String {
    let words: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{') && *s != "v3" && *s != "webizpay")
        .map(|s| s.replace('-', "_").to_ascii_lowercase())
        .collect();
    format!("{}_{}", method.to_ascii_lowercase(), words.join("_"))
}

/// One field (and, for objects, its nested fields as an inline type).
fn field(
    api: &Api,
    out: &mut String,
    types: &mut String,
    indent: usize,
    f: &FieldFacts,
    request: bool,
) {
    let pad = " ".repeat(indent);
    out.push_str(&format!("{pad}- name: {}\n", f.name));
    let pad = " ".repeat(indent + 2);
    if let Some(l) = f.location {
        out.push_str(&format!("{pad}in: {}\n", l.as_str()));
    }
    // A parameter the spec fills from the configuration elsewhere (by wire
    // name: `sp_mchid` today) is filled here too: the convention lives in
    // the spec, not in this file.
    let filled = api
        .operations
        .iter()
        .flat_map(|o| &o.request)
        .find(|s| s.wire_name == f.name)
        .and_then(|s| s.from_config);
    if let Some(source) = filled
        && request
        && f.required
        && f.ty == "string"
    {
        out.push_str(&format!("{pad}from_config: {}\n", source.spec_name()));
    }
    if let Some(label) = &f.label {
        out.push_str(&format!("{pad}label: {}\n", q(label)));
    }
    if let Some(description) = &f.description {
        out.push_str(&format!("{pad}description: {}\n", q(description)));
    }
    out.push_str(&format!("{pad}required: {}\n", f.required));
    out.push_str(&format!("{pad}type: {}\n", spec_type(api, types, f)));
}

/// The spec type of a page field; an enum or object the spec lacks is
/// drafted into `types`.
fn spec_type(api: &Api, types: &mut String, f: &FieldFacts) -> String {
    match (f.ty.as_str(), &f.values) {
        ("string", Some(values)) if !values.is_empty() => {
            // An enum of the spec with exactly these values, else a new one.
            let same = api.types.iter().find_map(|t| match t {
                NamedType::Enum(e) if e.values.iter().map(|v| &v.value).eq(values.iter()) => {
                    Some(e.name.clone())
                }
                _ => None,
            });
            if let Some(name) = same {
                return name;
            }
            let name = f.name.to_upper_camel_case();
            types.push_str(&format!("  {name}:\n"));
            if let Some(label) = &f.label {
                types.push_str(&format!("    label: {}\n", q(label)));
            }
            types.push_str("    enum:\n");
            for (i, v) in values.iter().enumerate() {
                types.push_str(&format!("      - value: {}\n", q(v)));
                if let Some(doc) = f.value_docs.get(i).filter(|d| !d.is_empty()) {
                    types.push_str(&format!("        description: {}\n", q(doc)));
                }
            }
            types.push('\n');
            name
        }
        ("string", _) => match (&f.format, f.max_length) {
            (Some(format), _) => format.clone(),
            (None, Some(n)) => format!("string({n})"),
            (None, None) => "string".to_owned(),
        },
        ("object" | "array", _) if !f.children.is_empty() => {
            let name = f.name.to_upper_camel_case();
            // Nested types first: `types` gets whole entries only.
            let mut block = format!("  {name}:\n");
            if let Some(label) = &f.label {
                block.push_str(&format!("    label: {}\n", q(label)));
            }
            block.push_str("    fields:\n");
            for c in &f.children {
                field(api, &mut block, types, 6, c, false);
            }
            block.push('\n');
            types.push_str(&block);
            if f.ty == "array" {
                format!("array<{name}>")
            } else {
                name
            }
        }
        // A page's `array[string]` (the item type is not kept).
        ("array", _) => "array<string>".to_owned(),
        (other, _) => other.to_owned(),
    }
}
