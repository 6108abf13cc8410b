// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! The error codes documented by any operation of the spec.

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
        "SYSTEM_ERROR",
    ];

    /// The code on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::ParamError => "PARAM_ERROR",
            ErrorCode::InvalidRequest => "INVALID_REQUEST",
            ErrorCode::SignError => "SIGN_ERROR",
            ErrorCode::SystemError => "SYSTEM_ERROR",
            ErrorCode::Unknown(v) => v,
        }
    }

    /// Whether the code is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, ErrorCode::Unknown(_))
    }

    /// The HTTP status the documentation gives for the code.
    pub fn status(&self) -> Option<u16> {
        match self {
            ErrorCode::ParamError => Some(400),
            ErrorCode::InvalidRequest => Some(400),
            ErrorCode::SignError => Some(401),
            ErrorCode::SystemError => Some(500),
            ErrorCode::Unknown(_) => None,
        }
    }

    /// What the documentation says the code means.
    pub fn description(&self) -> Option<&'static str> {
        match self {
            ErrorCode::ParamError => Some("参数错误"),
            ErrorCode::InvalidRequest => {
                Some("HTTP 请求不符合微信支付 APIv3 接口规则")
            }
            ErrorCode::SignError => Some("验证不通过"),
            ErrorCode::SystemError => Some("系统异常,请稍后重试"),
            ErrorCode::Unknown(_) => None,
        }
    }

    /// What the documentation says to do.
    pub fn solution(&self) -> Option<&'static str> {
        match self {
            ErrorCode::ParamError => Some("请根据错误提示正确传入参数"),
            ErrorCode::InvalidRequest => Some("请参阅 接口规则"),
            ErrorCode::SignError => Some("请参阅 签名常见问题"),
            ErrorCode::SystemError => Some("请稍后重试"),
            ErrorCode::Unknown(_) => None,
        }
    }

    /// Whether the documentation says to retry later.
    pub fn retry(&self) -> bool {
        matches!(self, ErrorCode::SystemError)
    }
}

impl From<&str> for ErrorCode {
    fn from(value: &str) -> Self {
        match value {
            "PARAM_ERROR" => ErrorCode::ParamError,
            "INVALID_REQUEST" => ErrorCode::InvalidRequest,
            "SIGN_ERROR" => ErrorCode::SignError,
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
