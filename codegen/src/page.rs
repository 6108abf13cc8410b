//! Official WeChat Pay operation pages saved as text (the format of the
//! pages in `wechatpay-docs/`), read into [`Facts`]: what `cargo xtask docs
//! check` compares with the spec and `docs import` turns into a spec block.
//!
//! The reader is line-based and tolerant: no-break and full-width spaces are
//! spaces, `:` and `：` are the same, headings may carry extra words or
//! spacing. What it cannot read is an error naming the file and the line.

use crate::facts::{ErrorFacts, Facts, FieldFacts, Location};

/// A page that could not be read: the file, the 1-based line and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageError {
    /// The file, as given.
    pub file: String,
    /// The 1-based line (0: the page as a whole).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for PageError {}

/// One line of the page, normalized, with its 1-based number and indent.
#[derive(Clone, Debug)]
struct Line {
    number: usize,
    indent: usize,
    text: String,
}

/// Where the reader is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Intro,
    Params(Location),
    Response,
    RequestExample,
    ResponseExample,
    Errors,
    End,
}

/// Reads a saved page. `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Facts, PageError> {
    let error = |line: usize, message: String| PageError {
        file: file.to_owned(),
        line,
        message,
    };
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, raw)| {
            let raw: String = raw
                .chars()
                .map(|c| match c {
                    '\u{a0}' | '\u{3000}' | '\t' => ' ',
                    '：' => ':',
                    c => c,
                })
                .collect();
            let indent = raw.len() - raw.trim_start().len();
            Line {
                number: i + 1,
                indent,
                text: raw.trim().to_owned(),
            }
        })
        .collect();
    let Some(first) = lines.iter().find(|l| !l.text.is_empty()) else {
        return Err(error(0, "the page is empty".to_owned()));
    };
    let mut facts = Facts {
        title: first.text.clone(),
        ..Facts::default()
    };
    let mut section = Section::Intro;
    // The parameter being read, and the stack of its parents (nested 属性).
    let mut stack: Vec<(usize, FieldFacts)> = Vec::new();
    let mut in_values = false;
    let mut error_cells: Vec<String> = Vec::new();
    // The code lines of the request and the response examples.
    let mut code: (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut expect_status = false;

    let flush = |stack: &mut Vec<(usize, FieldFacts)>, out: &mut Vec<FieldFacts>| {
        while let Some((_, field)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(field),
                None => out.push(field),
            }
        }
    };

    for line in lines.iter().skip_while(|l| l.number <= first.number) {
        let t = line.text.as_str();
        if t.is_empty() {
            continue;
        }
        // Headings change the section wherever they appear.
        if let Some(next) = heading(t) {
            let target = fields_of(&mut facts, section);
            flush(&mut stack, target);
            in_values = false;
            expect_status = next == Section::Response;
            section = next;
            continue;
        }
        match section {
            Section::Intro => {
                if let Some(rest) = strip_label(t, "更新时间") {
                    facts.revision = Some(revision(rest).ok_or_else(|| {
                        error(
                            line.number,
                            format!("更新时间 {rest:?} is not a date like 2025.05.16"),
                        )
                    })?);
                } else if let Some(rest) = strip_label(t, "请求方式") {
                    let (method, path) = bracketed(rest).ok_or_else(|| {
                        error(
                            line.number,
                            format!("请求方式 {rest:?} is not 【METHOD】/path"),
                        )
                    })?;
                    facts.method = method.to_ascii_uppercase();
                    facts.path = path.trim().to_owned();
                } else if let Some(rest) = strip_label(t, "请求域名") {
                    facts.hosts.extend(host(rest));
                } else if t.starts_with('【') && t.contains("域名】") {
                    facts.hosts.extend(host(t));
                } else if let Some(rest) = strip_label(t, "支持商户") {
                    facts.merchant_types = rest
                        .split(['【', '】', '、', ','])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                } else if facts.summary.is_none() && t != "接口说明" && facts.revision.is_some()
                {
                    facts.summary = Some(t.to_owned());
                }
            }
            Section::Params(_) | Section::Response => {
                if expect_status {
                    expect_status = false;
                    if let Some(status) = status_line(t) {
                        facts.status = Some(status);
                        continue;
                    }
                }
                if let Some((name, required, ty)) = param_line(t) {
                    let location = match section {
                        Section::Params(l) => Some(l),
                        _ => None,
                    };
                    // Close the parameters this one is not nested in.
                    let target = fields_of(&mut facts, section);
                    while let Some((indent, _)) = stack.last() {
                        if *indent < line.indent && nested_open(&stack) {
                            break;
                        }
                        let (_, done) = stack.pop().unwrap_or_else(|| unreachable!());
                        match stack.last_mut() {
                            Some((_, parent)) => parent.children.push(done),
                            None => target.push(done),
                        }
                    }
                    let (ty, max_length) = type_text(ty).ok_or_else(|| {
                        error(
                            line.number,
                            format!("parameter `{name}`: type {ty:?} is not one of string, string(N), integer, number, boolean, object, array"),
                        )
                    })?;
                    stack.push((
                        line.indent,
                        FieldFacts {
                            location,
                            name: name.to_owned(),
                            required,
                            ty,
                            max_length,
                            line: line.number,
                            ..FieldFacts::default()
                        },
                    ));
                    in_values = false;
                    continue;
                }
                let Some((_, field)) = stack.last_mut() else {
                    // Prose under a heading before any parameter.
                    continue;
                };
                if t == "可选取值" {
                    in_values = true;
                    field.values.get_or_insert_with(Vec::new);
                } else if t == "属性" {
                    field.nested = true;
                } else if in_values && (t.starts_with('•') || t.starts_with('·')) {
                    let item = t.trim_start_matches(['•', '·']).trim();
                    let (value, doc) = item.split_once(':').unwrap_or((item, ""));
                    if !value.trim().is_empty() {
                        field
                            .values
                            .get_or_insert_with(Vec::new)
                            .push(value.trim().to_owned());
                        field.value_docs.push(doc.trim().to_owned());
                    }
                } else {
                    in_values = false;
                    let text = match t.strip_prefix('【').and_then(|r| r.split_once('】')) {
                        Some((label, rest)) if field.label.is_none() => {
                            field.label = Some(label.trim().to_owned());
                            rest.trim()
                        }
                        _ => t,
                    };
                    if !text.is_empty() {
                        let d = field.description.get_or_insert_with(String::new);
                        if !d.is_empty() {
                            d.push('\n');
                        }
                        d.push_str(text);
                    }
                }
            }
            Section::RequestExample | Section::ResponseExample => {
                // Code is shown with a line number glued to each line.
                if section == Section::ResponseExample
                    && code.1.is_empty()
                    && status_line(t).is_some()
                {
                    continue;
                }
                if let Some(rest) = numbered(&line.text) {
                    let buffer = if section == Section::RequestExample {
                        &mut code.0
                    } else {
                        &mut code.1
                    };
                    buffer.push(rest.to_owned());
                }
            }
            Section::Errors => {
                if matches!(
                    t,
                    "公共错误码" | "业务错误码" | "状态码" | "错误码" | "描述" | "解决方案"
                ) {
                    continue;
                }
                if t.starts_with("更多技术问题") {
                    section = Section::End;
                    continue;
                }
                error_cells.push(t.to_owned());
                if error_cells.len() == 4 {
                    let status = error_cells[0].parse::<u16>().map_err(|_| {
                        error(
                            line.number.saturating_sub(3),
                            format!(
                                "错误码 table: {:?} is not an HTTP status (rows are status, code, description, solution)",
                                error_cells[0]
                            ),
                        )
                    })?;
                    facts.errors.push(ErrorFacts {
                        status,
                        code: error_cells[1].clone(),
                        description: error_cells[2].clone(),
                        solution: error_cells[3].clone(),
                    });
                    error_cells.clear();
                }
            }
            Section::End => {}
        }
    }
    let target = fields_of(&mut facts, section);
    flush(&mut stack, target);
    if !error_cells.is_empty() {
        return Err(error(
            lines.len(),
            format!(
                "错误码 table ends inside a row ({} of 4 cells: {:?})",
                error_cells.len(),
                error_cells
            ),
        ));
    }
    for f in facts.request.iter_mut().chain(facts.response.iter_mut()) {
        infer_formats(f);
    }
    facts.response_example = serde_json::from_str(&code.1.join("\n"))
        .ok()
        .filter(serde_json::Value::is_object);
    facts.request_example = curl_example(&code.0.join("\n"));
    if facts.method.is_empty() || facts.path.is_empty() {
        return Err(error(
            0,
            "no 请求方式 line (【METHOD】/path): not an operation page".to_owned(),
        ));
    }
    Ok(facts)
}

/// A code line without its glued line number (`12  "a": 1` → `  "a": 1`).
fn numbered(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    (rest.len() < text.len()).then_some(rest)
}

/// The target and JSON body of a curl request example, if the page shows one.
fn curl_example(code: &str) -> Option<crate::facts::RequestExample> {
    if !code.contains("curl") {
        return None;
    }
    let url = code
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"))?;
    let after_host = url.split_once("://")?.1;
    let target = &after_host[after_host.find('/')?..];
    let body = match code.split_once("-d '") {
        Some((_, rest)) => Some(serde_json::from_str(&rest[..rest.rfind('\'')?]).ok()?),
        None => None,
    };
    Some(crate::facts::RequestExample {
        target: target.trim_end_matches(['\\', '\'', '"']).to_owned(),
        body,
    })
}

/// A `string` whose description says it follows RFC 3339 (遵循rfc3339标准格式)
/// is a date-time: the one format pages state in words.
fn infer_formats(f: &mut FieldFacts) {
    if f.ty == "string"
        && f.values.is_none()
        && f.description
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().contains("rfc3339"))
    {
        f.format = Some("date-time".to_owned());
    }
    for c in &mut f.children {
        infer_formats(c);
    }
}

/// Where the parameters of `section` go: the answer's fields under
/// 应答参数, the request's otherwise.
fn fields_of(facts: &mut Facts, section: Section) -> &mut Vec<FieldFacts> {
    match section {
        Section::Response => &mut facts.response,
        _ => &mut facts.request,
    }
}

/// Whether the innermost open parameter declared nested `属性`.
fn nested_open(stack: &[(usize, FieldFacts)]) -> bool {
    stack.last().is_some_and(|(_, f)| f.nested)
}

/// The section a heading line starts, if it is one.
fn heading(t: &str) -> Option<Section> {
    let compact: String = t.chars().filter(|c| *c != ' ').collect();
    let lower = compact.to_ascii_lowercase();
    Some(match lower.as_str() {
        "headerhttp头参数" | "http头参数" | "header参数" => {
            Section::Params(Location::Header)
        }
        "path路径参数" | "路径参数" => Section::Params(Location::Path),
        "query查询参数" | "查询参数" | "query参数" => Section::Params(Location::Query),
        "body包体参数" | "包体参数" | "body参数" => Section::Params(Location::Body),
        "应答参数" => Section::Response,
        "请求示例" => Section::RequestExample,
        "应答示例" => Section::ResponseExample,
        "错误码" => Section::Errors,
        _ => return None,
    })
}

/// `label:rest` (ASCII colon after normalization), the rest trimmed.
fn strip_label<'a>(t: &'a str, label: &str) -> Option<&'a str> {
    let rest = t.strip_prefix(label)?.trim_start();
    Some(rest.strip_prefix(':')?.trim())
}

/// `2025.05.16` (or `2025-05-16`, `2025/5/16`) as `2025-05-16`.
fn revision(text: &str) -> Option<String> {
    let parts: Vec<&str> = text
        .split(['.', '-', '/', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d).map(|date| date.to_string())
}

/// `【POST】/v3/…` as (`POST`, `/v3/…`).
fn bracketed(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim().strip_prefix('【')?;
    let (inside, after) = rest.split_once('】')?;
    let after = after.trim();
    (!inside.is_empty() && after.starts_with('/')).then_some((inside.trim(), after))
}

/// The URL of a `【主域名】https://…` line.
fn host(text: &str) -> Option<String> {
    text.split_whitespace()
        .flat_map(|w| w.split('】'))
        .find(|w| w.starts_with("https://") || w.starts_with("http://"))
        .map(|w| w.trim_end_matches([',', '。', ',']).to_owned())
}

/// `200 OK` as 200.
fn status_line(t: &str) -> Option<u16> {
    let (code, _) = t.split_once(' ').unwrap_or((t, ""));
    code.parse().ok().filter(|c| (100..600).contains(c))
}

/// `name  必填  string(32)` as (name, required, type text).
fn param_line(t: &str) -> Option<(&str, bool, &str)> {
    let mut words = t.split_whitespace();
    let name = words.next()?;
    let required = match words.next()? {
        "必填" => true,
        "选填" => false,
        _ => return None,
    };
    let ty = words.next()?;
    if words.next().is_some()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some((name, required, ty))
}

/// `string(32)` as (`string`, Some(32)); `array[object]` as `array`.
fn type_text(ty: &str) -> Option<(String, Option<u64>)> {
    let lower = ty.to_ascii_lowercase();
    if let Some(n) = lower
        .strip_prefix("string(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return Some(("string".to_owned(), Some(n.trim().parse().ok()?)));
    }
    let base = lower.split(['[', '(', '<']).next().unwrap_or(&lower);
    match base {
        "string" | "integer" | "number" | "boolean" | "object" | "array" => {
            Some((base.to_owned(), None))
        }
        "int" | "int32" | "int64" | "long" => Some(("integer".to_owned(), None)),
        "bool" => Some(("boolean".to_owned(), None)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "标题\n\n更新时间:2025.04.29\n\n摘要。\n\n接口说明\n\n支持商户:【普通服务商】\n\n请求方式:【POST】/v3/x/{id}/y\n\n请求域名:【主域名】https://api.mch.weixin.qq.com 说明\n\n     【备域名】https://api2.mch.weixin.qq.com 说明\n\n请求参数\n\nHeader HTTP头参数\n\nAuthorization  必填 string\n\n请参考签名认证生成认证信息\n\npath 路径参数\n\nid  必填 string(64)\n\n【标识】 说明一\n说明二\n\nbody 包体参数\n\nkind  选填 string\n\n【类型】 类型说明\n\n可选取值\n\n  • A:  甲\n\n  • B:  乙\n\n应答参数\n\n200 OK\n\nid  必填 string\n\n【标识】 回显\n\n错误码\n\n公共错误码\n\n状态码\n\n错误码\n\n描述\n\n解决方案\n\n400\n\nPARAM_ERROR\n\n参数错误\n\n请根据错误提示正确传入参数\n\n更多技术问题\n";

    #[test]
    fn reads_every_part_of_a_page() {
        let f = parse("p.txt", PAGE).unwrap();
        assert_eq!(f.title, "标题");
        assert_eq!(f.revision.as_deref(), Some("2025-04-29"));
        assert_eq!(f.summary.as_deref(), Some("摘要。"));
        assert_eq!(f.merchant_types, ["普通服务商"]);
        assert_eq!(
            (f.method.as_str(), f.path.as_str()),
            ("POST", "/v3/x/{id}/y")
        );
        assert_eq!(
            f.hosts,
            [
                "https://api.mch.weixin.qq.com",
                "https://api2.mch.weixin.qq.com"
            ]
        );
        let names: Vec<_> = f
            .request
            .iter()
            .map(|p| (p.location, p.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (Some(Location::Header), "Authorization"),
                (Some(Location::Path), "id"),
                (Some(Location::Body), "kind")
            ]
        );
        let id = &f.request[1];
        assert_eq!((id.required, id.max_length), (true, Some(64)));
        assert_eq!(id.label.as_deref(), Some("标识"));
        assert_eq!(id.description.as_deref(), Some("说明一\n说明二"));
        assert_eq!(
            f.request[2].values.as_deref(),
            Some(&["A".to_owned(), "B".to_owned()][..])
        );
        assert_eq!(f.status, Some(200));
        assert_eq!(f.response.len(), 1);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.errors[0].code, "PARAM_ERROR");
    }

    #[test]
    fn tolerates_no_break_spaces_full_width_colons_and_heading_spacing() {
        let page = PAGE
            .replace("更新时间:", "更新时间：")
            .replace("Header HTTP头参数", "Header\u{a0}\u{a0}HTTP头参数")
            .replace(
                "id  必填 string(64)",
                "\u{a0}id\u{a0} 必填\u{a0}\u{a0} string(64)",
            );
        assert_eq!(
            parse("p.txt", &page).unwrap(),
            parse("p.txt", PAGE).unwrap()
        );
    }

    #[test]
    fn unreadable_pages_name_the_file_and_line() {
        let e = parse("p.txt", &PAGE.replace("2025.04.29", "soon")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.txt:3: 更新时间 \"soon\" is not a date like 2025.05.16"
        );
        let e = parse("p.txt", &PAGE.replace("string(64)", "uuid")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p.txt:27: parameter `id`: type \"uuid\""),
            "{e}"
        );
        let e = parse("p.txt", "").unwrap_err();
        assert_eq!(e.to_string(), "p.txt:0: the page is empty");
        let e = parse("p.txt", "标题\n\n正文\n").unwrap_err();
        assert!(e.to_string().contains("no 请求方式 line"), "{e}");
    }

    #[test]
    fn nested_properties_are_children_when_indented() {
        let page = PAGE.replace(
            "kind  选填 string\n\n【类型】 类型说明\n\n可选取值\n\n  • A:  甲\n\n  • B:  乙\n",
            "items  选填 array[object]\n\n【列表】 列表说明\n\n属性\n\n    code  必填 string(8)\n\n    【代码】 代码说明\n\nafter  选填 integer\n\n【之后】 之后说明\n",
        );
        let f = parse("p.txt", &page).unwrap();
        let items = f.request.iter().find(|p| p.name == "items").unwrap();
        assert_eq!(items.ty, "array");
        assert_eq!(items.children.len(), 1);
        assert_eq!(items.children[0].name, "code");
        assert_eq!(items.children[0].label.as_deref(), Some("代码"));
        assert!(f.request.iter().any(|p| p.name == "after"));
    }
}
