// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! The error codes of the spec's `errors` catalog: the `ErrorCode` enum and one
//! `ErrorCodeInfo` per code, which every operation that lists the code refers to.

use crate::runtime::operation::ErrorCodeInfo;

/// An error `code` from a WeChat Pay error body.
///
/// Forward-compatible: an undocumented code is kept in [`ErrorCode::Unknown`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `PARAM_ERROR` (HTTP 400): 参数错误. 请根据错误提示正确传入参数
    ParamError,

    /// `INVALID_REQUEST` (HTTP 400): HTTP 请求不符合微信支付 APIv3 接口规则. 请参阅 接口规则
    InvalidRequest,

    /// `SIGN_ERROR` (HTTP 401): 验证不通过. 请参阅 签名常见问题
    SignError,

    /// `NO_AUTH` (HTTP 403): 权限异常. 请检查本次请求的服务商是否与第一步申请账单API的请求服务商一致
    NoAuth,

    /// `RESOURCE_NOT_EXISTS` (HTTP 404): 资源不存在. 请检查请求中的资源 ID 是否正确
    ResourceNotExists,

    /// `FREQUENCY_LIMITED` (HTTP 429): 频率超限. 请降低请求接口频率后重试
    FrequencyLimited,

    /// `SYSTEM_ERROR` (HTTP 500): 系统异常,请稍后重试. 请稍后重试
    SystemError,

    /// A code not in the spec, kept as received (empty when the body had none).
    Unknown(String),
}

impl ErrorCode {
    /// The codes the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &[
        "PARAM_ERROR",
        "INVALID_REQUEST",
        "SIGN_ERROR",
        "NO_AUTH",
        "RESOURCE_NOT_EXISTS",
        "FREQUENCY_LIMITED",
        "SYSTEM_ERROR",
    ];

    /// The code on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::ParamError => "PARAM_ERROR",
            ErrorCode::InvalidRequest => "INVALID_REQUEST",
            ErrorCode::SignError => "SIGN_ERROR",
            ErrorCode::NoAuth => "NO_AUTH",
            ErrorCode::ResourceNotExists => "RESOURCE_NOT_EXISTS",
            ErrorCode::FrequencyLimited => "FREQUENCY_LIMITED",
            ErrorCode::SystemError => "SYSTEM_ERROR",
            ErrorCode::Unknown(v) => v,
        }
    }

    /// Whether the code is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, ErrorCode::Unknown(_))
    }

    /// What the documentation says about the code (`None` for `Unknown`).
    pub fn info(&self) -> Option<&'static ErrorCodeInfo> {
        match self {
            ErrorCode::ParamError => Some(&info::PARAM_ERROR),
            ErrorCode::InvalidRequest => Some(&info::INVALID_REQUEST),
            ErrorCode::SignError => Some(&info::SIGN_ERROR),
            ErrorCode::NoAuth => Some(&info::NO_AUTH),
            ErrorCode::ResourceNotExists => Some(&info::RESOURCE_NOT_EXISTS),
            ErrorCode::FrequencyLimited => Some(&info::FREQUENCY_LIMITED),
            ErrorCode::SystemError => Some(&info::SYSTEM_ERROR),
            ErrorCode::Unknown(_) => None,
        }
    }

    /// The HTTP status the documentation gives for the code.
    pub fn status(&self) -> Option<u16> {
        self.info().map(|i| i.status)
    }

    /// What the documentation says the code means.
    pub fn description(&self) -> Option<&'static str> {
        self.info().map(|i| i.description)
    }

    /// What the documentation says to do.
    pub fn solution(&self) -> Option<&'static str> {
        self.info().map(|i| i.solution)
    }

    /// Whether the documentation says to retry later.
    pub fn retry(&self) -> bool {
        self.info().is_some_and(|i| i.retry)
    }
}

impl From<&str> for ErrorCode {
    fn from(value: &str) -> Self {
        match value {
            "PARAM_ERROR" => ErrorCode::ParamError,
            "INVALID_REQUEST" => ErrorCode::InvalidRequest,
            "SIGN_ERROR" => ErrorCode::SignError,
            "NO_AUTH" => ErrorCode::NoAuth,
            "RESOURCE_NOT_EXISTS" => ErrorCode::ResourceNotExists,
            "FREQUENCY_LIMITED" => ErrorCode::FrequencyLimited,
            "SYSTEM_ERROR" => ErrorCode::SystemError,
            other => ErrorCode::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for ErrorCode {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(ErrorCode::from(s))
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(ErrorCode::from(s.as_ref()))
    }
}

/// The facts of each code, one const per code of the catalog.
pub(crate) mod info {
    use crate::runtime::operation::ErrorCodeInfo;

    /// `PARAM_ERROR`.
    pub(crate) const PARAM_ERROR: ErrorCodeInfo = ErrorCodeInfo {
        status: 400,
        code: "PARAM_ERROR",
        description: "参数错误",
        solution: "请根据错误提示正确传入参数",
        retry: false,
    };

    /// `INVALID_REQUEST`.
    pub(crate) const INVALID_REQUEST: ErrorCodeInfo = ErrorCodeInfo {
        status: 400,
        code: "INVALID_REQUEST",
        description: "HTTP 请求不符合微信支付 APIv3 接口规则",
        solution: "请参阅 接口规则",
        retry: false,
    };

    /// `SIGN_ERROR`.
    pub(crate) const SIGN_ERROR: ErrorCodeInfo = ErrorCodeInfo {
        status: 401,
        code: "SIGN_ERROR",
        description: "验证不通过",
        solution: "请参阅 签名常见问题",
        retry: false,
    };

    /// `NO_AUTH`.
    pub(crate) const NO_AUTH: ErrorCodeInfo = ErrorCodeInfo {
        status: 403,
        code: "NO_AUTH",
        description: "权限异常",
        solution: "请检查本次请求的服务商是否与第一步申请账单API的请求服务商一致",
        retry: false,
    };

    /// `RESOURCE_NOT_EXISTS`.
    pub(crate) const RESOURCE_NOT_EXISTS: ErrorCodeInfo = ErrorCodeInfo {
        status: 404,
        code: "RESOURCE_NOT_EXISTS",
        description: "资源不存在",
        solution: "请检查请求中的资源 ID 是否正确",
        retry: false,
    };

    /// `FREQUENCY_LIMITED`.
    pub(crate) const FREQUENCY_LIMITED: ErrorCodeInfo = ErrorCodeInfo {
        status: 429,
        code: "FREQUENCY_LIMITED",
        description: "频率超限",
        solution: "请降低请求接口频率后重试",
        retry: true,
    };

    /// `SYSTEM_ERROR`.
    pub(crate) const SYSTEM_ERROR: ErrorCodeInfo = ErrorCodeInfo {
        status: 500,
        code: "SYSTEM_ERROR",
        description: "系统异常,请稍后重试",
        solution: "请稍后重试",
        retry: true,
    };
}
