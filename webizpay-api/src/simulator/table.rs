//! The simulator's view of the spec: one [`SimOp`] per operation, generated
//! into `generated/operations.rs` (`SIM_OPERATIONS`), and the answer every
//! operation gives by default — its spec example, with the fields that echo
//! the request taken from the request.
//!
//! Nothing here names an operation: a new operation in the spec is routed,
//! parsed, validated and answered with no Rust edit.

use std::any::Any;
use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::Shared;
use super::handler::Failure;
use crate::generated::{ErrorCode, SIM_OPERATIONS};
use crate::runtime::operation::{Operation, OperationInfo};
use crate::runtime::wire::{ParsedTarget, WireError};

/// A request as it goes on the wire: target and body.
type Wire = (String, Vec<u8>);

/// A request parsed and validated into its generated type, type-erased.
pub(crate) type Decoded = Box<dyn Any + Send>;

/// One operation of the spec as the simulator serves it: generated for
/// every operation (see [`operations`]), with no per-operation code.
pub struct SimOp {
    pub(crate) info: &'static OperationInfo,
    /// `from_wire` then `validate`, naming the field at fault.
    pub(crate) decode: fn(&str, &[u8]) -> Result<Decoded, Failure>,
    reencode_request: fn(&str, &[u8]) -> Result<Wire, String>,
    reencode_response: fn(&[u8]) -> Result<Vec<u8>, String>,
    call: for<'a> fn(&'a crate::Client, &'a str, &'a [u8]) -> Result<CallFuture<'a>, WireError>,
    /// The response body of the operation's first spec example (JSON).
    pub(crate) example: Option<&'static str>,
}

impl std::fmt::Debug for SimOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimOp")
            .field("operation", &self.info.id)
            .finish_non_exhaustive()
    }
}

impl SimOp {
    /// The table entry of operation `O`.
    pub(crate) const fn of<O: Operation + 'static>(example: Option<&'static str>) -> SimOp {
        SimOp {
            info: O::INFO,
            decode: decode::<O>,
            reencode_request: reencode_request::<O>,
            reencode_response: reencode_response::<O>,
            call: call::<O>,
            example,
        }
    }

    /// The operation's static facts.
    pub fn info(&self) -> &'static OperationInfo {
        self.info
    }

    /// The response body of the operation's first spec example (JSON), the
    /// simulator's default answer.
    pub fn example_response(&self) -> Option<&'static str> {
        self.example
    }

    /// Parses a request target and body as the simulator does (with every
    /// check of the spec) and writes the request back as the client would:
    /// `(target, body)`. A request the client could send comes back byte for
    /// byte.
    ///
    /// # Errors
    ///
    /// The parse or validation error, naming the field.
    pub fn reencode_request(&self, target: &str, body: &[u8]) -> Result<(String, Vec<u8>), String> {
        (self.reencode_request)(target, body)
    }

    /// Decodes a response body into the operation's response type and
    /// encodes it again (fields the type does not know are dropped).
    ///
    /// # Errors
    ///
    /// The decoding error.
    pub fn reencode_response(&self, body: &[u8]) -> Result<Vec<u8>, String> {
        (self.reencode_response)(body)
    }
}

/// A call through the client, started by [`SimOp::call`].
pub type CallFuture<'a> = Pin<Box<dyn Future<Output = Result<Value, crate::Error>> + Send + 'a>>;

impl SimOp {
    /// Calls this operation through `client` with a request given as its
    /// wire form (target and body, e.g. a spec example): the request is
    /// parsed into its generated type and sent with [`crate::Client::execute`]
    /// (validated, signed, verified, decoded, checked against the request);
    /// the answer comes back as JSON. For tests that run over every
    /// operation without naming one.
    ///
    /// # Errors
    ///
    /// The parse error of the request, before anything is sent.
    pub fn call<'a>(
        &self,
        client: &'a crate::Client,
        target: &'a str,
        body: &'a [u8],
    ) -> Result<CallFuture<'a>, WireError> {
        (self.call)(client, target, body)
    }
}

fn call<'a, O: Operation + 'static>(
    client: &'a crate::Client,
    target: &'a str,
    body: &'a [u8],
) -> Result<CallFuture<'a>, WireError> {
    let (request, _) = O::from_wire(target, body)?;
    Ok(Box::pin(async move {
        let response = client.execute(&request).await?;
        Ok(serde_json::to_value(response.body()).unwrap_or(Value::Null))
    }))
}

/// Every operation of the spec, in spec order, as the simulator serves it.
pub fn operations() -> &'static [SimOp] {
    SIM_OPERATIONS
}

fn reencode_request<O: Operation>(target: &str, body: &[u8]) -> Result<(String, Vec<u8>), String> {
    let (op, filled) = O::from_wire(target, body).map_err(|e| e.to_string())?;
    op.validate().map_err(|e| e.to_string())?;
    let mut written = Vec::new();
    op.write_body(filled.fill(), &mut written)
        .map_err(|e| e.to_string())?;
    let mut target = String::new();
    op.write_target(filled.fill(), &mut target);
    Ok((target, written))
}

fn reencode_response<O: Operation>(body: &[u8]) -> Result<Vec<u8>, String> {
    let body: &[u8] = if body.is_empty() { b"{}" } else { body };
    let typed: O::Response = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    serde_json::to_vec(&typed).map_err(|e| e.to_string())
}

fn decode<O: Operation + 'static>(target: &str, body: &[u8]) -> Result<Decoded, Failure> {
    let (op, _) = O::from_wire(target, body).map_err(|e| Failure::wire(O::INFO, target, &e))?;
    op.validate()
        .map_err(|e| Failure::param(O::INFO, target, e.field(), e.to_string()))?;
    Ok(Box::new(op))
}

/// Where a request goes.
pub(crate) enum Route {
    /// The operation with this path and method.
    Found(&'static SimOp),
    /// Operations have this path, but none this method: their methods.
    WrongMethod(Vec<&'static str>),
    /// No operation has this path.
    NotFound,
}

/// The operation whose path template matches the target's path and whose
/// method is `method` (two operations may share a path: `POST` creates and
/// `GET` lists).
pub(crate) fn route(method: &str, target: &str) -> Route {
    let mut methods = Vec::new();
    for op in SIM_OPERATIONS {
        if matches!(
            ParsedTarget::parse(op.info.path_template, target),
            Err(WireError::PathMismatch { .. })
        ) {
            continue;
        }
        if op.info.method.as_str() == method {
            return Route::Found(op);
        }
        methods.push(op.info.method.as_str());
    }
    if methods.is_empty() {
        Route::NotFound
    } else {
        Route::WrongMethod(methods)
    }
}

/// What a handler may use besides the request.
pub(crate) struct Ctx<'a> {
    pub shared: &'a Shared,
    /// The simulator's clock (Unix seconds).
    pub now: i64,
}

/// A handler with its request type erased: gets the decoded request, gives
/// the JSON body of the success answer.
pub(crate) type ErasedHandler =
    Arc<dyn Fn(&(dyn Any + Send), &Ctx<'_>) -> Result<Vec<u8>, Failure> + Send + Sync>;

/// Erases a typed handler of operation `O`.
pub(crate) fn erase<O, F>(handler: F) -> ErasedHandler
where
    O: Operation + 'static,
    F: Fn(&O, &Ctx<'_>) -> Result<O::Response, SimError> + Send + Sync + 'static,
{
    Arc::new(move |request: &(dyn Any + Send), cx: &Ctx<'_>| {
        let Some(request) = request.downcast_ref::<O>() else {
            return Err(Failure::of(
                ErrorCode::SystemError,
                format!(
                    "simulator: a handler of {} got another operation's request",
                    O::INFO.id
                ),
            ));
        };
        let response = handler(request, cx).map_err(Failure::from)?;
        serde_json::to_vec(&response).map_err(|e| {
            Failure::of(
                ErrorCode::SystemError,
                format!("simulator could not encode the response: {e}"),
            )
        })
    })
}

/// An error answer from a handler: WeChat Pay's JSON error body
/// (`{"code", "message", "detail"}`) with its HTTP status.
///
/// ```
/// use webizpay_api::ErrorCode;
/// use webizpay_api::simulator::SimError;
///
/// let e = SimError::new(ErrorCode::ResourceNotExists, "no such card");
/// assert_eq!(e.status(), 404); // the status the spec documents for the code
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SimError {
    status: u16,
    code: String,
    message: String,
    detail: Option<Value>,
}

impl SimError {
    /// An error with a documented code, answered with the status the spec's
    /// error catalog gives for it (`400` for a code the spec does not know).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        SimError {
            status: code.status().unwrap_or(400),
            code: code.as_str().to_owned(),
            message: message.into(),
            detail: None,
        }
    }

    /// An error with any status and code (undocumented ones included).
    pub fn with_status(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        SimError {
            status,
            code: code.into(),
            message: message.into(),
            detail: None,
        }
    }

    /// Adds the `detail` member of the error body.
    #[must_use]
    pub fn detail(mut self, detail: Value) -> Self {
        self.detail = Some(detail);
        self
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `code` of the error body.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The `message` of the error body.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<SimError> for Failure {
    fn from(e: SimError) -> Self {
        Failure {
            status: e.status,
            code: Cow::Owned(e.code),
            message: e.message,
            detail: e.detail,
            headers: Vec::new(),
        }
    }
}

/// The request's parameters by wire name, as JSON: path and query values as
/// strings, body members as they are.
pub(crate) fn request_view(info: &OperationInfo, target: &str, body: &[u8]) -> Map<String, Value> {
    let mut view = Map::new();
    if let Ok(parsed) = ParsedTarget::parse(info.path_template, target) {
        for (name, value) in parsed.path_params() {
            view.insert(name.to_owned(), Value::String(value.to_owned()));
        }
        for (name, value) in parsed.query_pairs() {
            view.insert(name.to_owned(), Value::String(value.to_owned()));
        }
    }
    if let Ok(Value::Object(members)) = serde_json::from_slice::<Value>(body) {
        view.extend(members);
    }
    view
}

/// The default answer: the spec example's response body, with every
/// top-level field that the request also has (`sp_mchid`, `sub_mchid`,
/// `user_id`, `employee_id`, `card_no`, …) taken from the request.
pub(crate) fn example_answer(op: &SimOp, view: &Map<String, Value>) -> Result<Vec<u8>, Failure> {
    let Some(example) = op.example else {
        return Err(Failure::of(
            ErrorCode::SystemError,
            format!(
                "simulator: the spec has no example response for {}; answer it with Simulator::handle",
                op.info.id
            ),
        ));
    };
    let mut body: Value = serde_json::from_str(example).map_err(|e| {
        Failure::of(
            ErrorCode::SystemError,
            format!("simulator: the example of {} is not JSON: {e}", op.info.id),
        )
    })?;
    if let Value::Object(fields) = &mut body {
        for (name, value) in fields.iter_mut() {
            if let Some(sent) = view.get(name) {
                *value = echo(sent, value);
            }
        }
    }
    Ok(body.to_string().into_bytes())
}

/// The request's value in the shape of the example's: a path or query value
/// (text) where the example has a number or boolean is converted.
fn echo(sent: &Value, example: &Value) -> Value {
    match (sent, example) {
        (Value::String(text), Value::Number(_) | Value::Bool(_)) => {
            serde_json::from_str(text).unwrap_or_else(|_| sent.clone())
        }
        _ => sent.clone(),
    }
}
