// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! Named types shared by the operations.

/// 【发起授权应用类型】 用户从企业应用跳转至微信客户端完成授权,需传入发起授权企业应用类型
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`ApplicationType::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApplicationType {
    /// `H5`: 表示从商户的应用是外部H5,跳转微信拉起企业支付相关能力
    H5,

    /// `MINIPROGRAM`: 表示从商户的应用是微信小程序,跳转微信拉起企业支付相关能力
    Miniprogram,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl ApplicationType {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["H5", "MINIPROGRAM"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            ApplicationType::H5 => "H5",
            ApplicationType::Miniprogram => "MINIPROGRAM",
            ApplicationType::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, ApplicationType::Unknown(_))
    }
}

impl From<&str> for ApplicationType {
    fn from(value: &str) -> Self {
        match value {
            "H5" => ApplicationType::H5,
            "MINIPROGRAM" => ApplicationType::Miniprogram,
            other => ApplicationType::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for ApplicationType {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(ApplicationType::from(s))
    }
}

impl std::fmt::Display for ApplicationType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ApplicationType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ApplicationType {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(ApplicationType::from(s.as_ref()))
    }
}

/// 【员工企业支付权限状态】 员工企业支付权限状态
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`AuthorizationState::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthorizationState {
    /// `AUTHORIZED`: 已授权
    Authorized,

    /// `REVOKED`: 已解除授权
    Revoked,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl AuthorizationState {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["AUTHORIZED", "REVOKED"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            AuthorizationState::Authorized => "AUTHORIZED",
            AuthorizationState::Revoked => "REVOKED",
            AuthorizationState::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, AuthorizationState::Unknown(_))
    }
}

impl From<&str> for AuthorizationState {
    fn from(value: &str) -> Self {
        match value {
            "AUTHORIZED" => AuthorizationState::Authorized,
            "REVOKED" => AuthorizationState::Revoked,
            other => AuthorizationState::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for AuthorizationState {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(AuthorizationState::from(s))
    }
}

impl std::fmt::Display for AuthorizationState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for AuthorizationState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for AuthorizationState {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(AuthorizationState::from(s.as_ref()))
    }
}
