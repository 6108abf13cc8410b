//! What the generated code tells the runtime about each operation.
//!
//! Every generated request type implements [`Operation`]; the client, the
//! signer and the simulator only ever go through this trait, so a new
//! operation in `spec/webizpay.yaml` needs no hand-written code.

use std::fmt;

use crate::runtime::validate::ValidationError;

/// An HTTP method used by a WeChat Pay APIv3 operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it appears on the wire and in the signed message.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A host that serves the API, from the spec's `hosts` block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Host {
    /// Base URL without a trailing slash, e.g. `https://api.mch.weixin.qq.com`.
    pub url: &'static str,
    /// What the documentation says about this host.
    pub description: &'static str,
}

/// A documented error code of an operation (from the spec's `errors` list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorCodeInfo {
    /// The HTTP status WeChat Pay answers with.
    pub status: u16,
    /// The `code` field of the error body, e.g. `PARAM_ERROR`.
    pub code: &'static str,
    /// What the documentation says the code means.
    pub description: &'static str,
    /// What the documentation says to do about it.
    pub solution: &'static str,
    /// Whether the documentation says to retry later.
    pub retry: bool,
}

/// A documented request header of an operation (from the spec's `headers`
/// list). The client sets them all; see [`OperationInfo::headers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderInfo {
    /// The header name, as the documentation writes it, e.g. `Content-Type`.
    pub name: &'static str,
    /// Whether the documentation marks it required (必填).
    pub required: bool,
    /// What the documentation says about it.
    pub description: &'static str,
    /// The value the documentation prescribes, e.g. `application/json`.
    pub value: Option<&'static str>,
}

/// A value of the client's configuration that fills a request parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConfigSource {
    /// The merchant id the client signs as ([`Config::mchid`](crate::Config::mchid)).
    Mchid,
}

/// A request parameter the client fills from its configuration (the spec's
/// `from_config`): the generated request type has no field for it, the
/// client writes it on the wire and checks an answer's echo of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigField {
    /// The parameter's wire name, e.g. `sp_mchid`.
    pub name: &'static str,
    /// Where its value comes from.
    pub source: ConfigSource,
}

/// Static facts about one operation, generated from the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OperationInfo {
    /// The Rust-facing id, e.g. `apply_authorization`.
    pub id: &'static str,
    /// The documentation's title (中文).
    pub title: &'static str,
    /// The documentation page.
    pub doc_url: &'static str,
    /// The revision date of the documentation page the spec follows (`YYYY-MM-DD`).
    pub revision: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, e.g. `/v3/webizpay/users/{user_id}/authorization-url`.
    pub path_template: &'static str,
    /// The primary host.
    pub primary_host: Host,
    /// The backup host (a different access point, for failover).
    pub backup_host: Host,
    /// The request headers the documentation lists (`Authorization`,
    /// `Accept`, `Content-Type`), with the values it prescribes.
    pub headers: &'static [HeaderInfo],
    /// The HTTP status of a successful response.
    pub success_status: u16,
    /// The error codes the documentation lists for this operation.
    pub error_codes: &'static [ErrorCodeInfo],
    /// The request parameters the client fills from its configuration.
    pub config_fields: &'static [ConfigField],
}

impl OperationInfo {
    /// The documented error code with this `code`, if any.
    pub fn error_code(&self, code: &str) -> Option<&'static ErrorCodeInfo> {
        self.error_codes.iter().find(|e| e.code == code)
    }
}

/// A request of one operation: implemented by every generated request type,
/// and by nothing else (the trait is sealed).
///
/// [`Client::execute`](crate::Client::execute) sends any operation, and each
/// operation also has its own `Client` method. The runtime builds the exact
/// request target and body from the request, so what is signed is what is
/// sent; how it does so is not part of the public API.
pub trait Operation: sealed::Sealed + Sized + Send + Sync {
    /// The typed body of a successful response.
    type Response: serde::de::DeserializeOwned + serde::Serialize + Send + 'static;

    /// Static facts about the operation.
    const INFO: &'static OperationInfo;

    /// Checks every constraint of the spec (lengths, allowed characters,
    /// required values, enum values) and names the first field that breaks one.
    ///
    /// The client runs it before anything is signed or sent; call it yourself
    /// to check input early (a form, a batch file).
    fn validate(&self) -> Result<(), ValidationError>;

    /// The request target (path and `?query`), percent-encoded exactly as a
    /// client configured with merchant id `mchid` sends and signs it, e.g.
    /// `/v3/webizpay/users/u%201/authorization-url?sp_mchid=1`.
    fn target(&self, mchid: &str) -> String {
        let mut out = String::with_capacity(Self::INFO.path_template.len() + 32);
        self.write_target(sealed::Fill { mchid }, &mut out);
        out
    }
}

/// The wire side of [`Operation`], implemented by generated code only.
///
/// The module is private, so no other crate can name the trait: it can neither
/// implement [`Operation`] nor call these methods (the workspace's own tests
/// and benches reach them through the `__internal` feature's functions).
pub(crate) mod sealed {
    #[cfg(feature = "simulator")]
    use crate::runtime::wire::WireError;
    use crate::runtime::wire::{AnswerShape, ResponseMismatch};

    /// The values the client fills request parameters with (the spec's
    /// `from_config`, see [`ConfigField`](super::ConfigField)).
    #[derive(Clone, Copy, Debug)]
    pub struct Fill<'a> {
        /// The merchant id the client signs as.
        pub mchid: &'a str,
    }

    /// What a request parsed from the wire carried in its `from_config`
    /// parameters (`None`: the operation has none from that source).
    #[cfg(feature = "simulator")]
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Filled {
        /// The value of the parameter filled with the merchant id.
        pub mchid: Option<String>,
    }

    #[cfg(feature = "simulator")]
    impl Filled {
        /// The values to write the request back with (empty where none was read).
        pub fn fill(&self) -> Fill<'_> {
            Fill {
                mchid: self.mchid.as_deref().unwrap_or_default(),
            }
        }
    }

    /// See the [module](self).
    pub trait Sealed {
        /// The top-level answer fields of every operation of the spec (the
        /// generated table): the client refuses a verified answer that is
        /// plainly another operation's ([`foreign_answer`](crate::runtime::wire::foreign_answer)).
        const ANSWER_SHAPES: &'static [AnswerShape] = &[];

        /// Appends the request target (path and `?query`), percent-encoded
        /// exactly as it is sent and signed, to `out`.
        fn write_target(&self, fill: Fill<'_>, out: &mut String);

        /// Appends the JSON body to `out`; appends nothing when the operation
        /// has no body parameters.
        fn write_body(&self, fill: Fill<'_>, out: &mut Vec<u8>) -> Result<(), serde_json::Error>;

        /// Checks that a (verified, decoded) response answers this request:
        /// every field the spec marks as an echo of a request parameter has
        /// the value sent (for a `from_config` parameter, the value `fill`
        /// gave). The default, for operations without echo fields, accepts any.
        fn check_response(
            &self,
            _fill: Fill<'_>,
            _response: &<Self as super::Operation>::Response,
        ) -> Result<(), ResponseMismatch>
        where
            Self: super::Operation,
        {
            Ok(())
        }

        /// Parses a request back from its target and body, as WeChat Pay
        /// would: the simulator's side of the wire, compiled only with the
        /// `simulator` feature, with what the request's `from_config`
        /// parameters carried. Does not run [`Operation::validate`](super::Operation::validate).
        #[cfg(feature = "simulator")]
        fn from_wire(target: &str, body: &[u8]) -> Result<(Self, Filled), WireError>
        where
            Self: Sized;
    }
}
