// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! Named types shared by the operations.

use crate::runtime::validate::{self, ValidationError};

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

/// 【微信授权关系】 微信授权关系列表中的一项(应答字段仅见于社区描述)
///
/// Build one by field name with [`EmployeeAuthorization::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct EmployeeAuthorization {
    /// 微信授权关系ID
    ///
    /// Required; string. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 授权状态
    ///
    /// Required; one of `AUTHORIZED`, `REVOKED` ([`AuthorizationState`](crate::generated::AuthorizationState)). Example: `AUTHORIZED`.
    pub authorization_state: crate::generated::AuthorizationState,

    /// 授权时间
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    pub authorization_time: chrono::DateTime<chrono::FixedOffset>,

    /// 解除授权时间
    ///
    /// Optional; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_revoked_time: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl EmployeeAuthorization {
    /// Checks every constraint of the spec on this object and the
    /// objects inside it, naming the first field that breaks one
    /// (relative to this object, e.g. `items[0].name`).
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate::required("employee_id", &self.employee_id)?;
        validate::known_enum(
            "authorization_state",
            self.authorization_state.is_known(),
            self.authorization_state.as_str(),
            crate::generated::AuthorizationState::VALUES,
        )?;
        validate::date_time("authorization_time", &self.authorization_time)?;
        if let Some(value) = &self.authorization_revoked_time {
            validate::date_time("authorization_revoked_time", value)?;
        }
        Ok(())
    }
}

/// 【卡片状态】 卡片状态(取值仅见于社区描述,含义未见)
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`QuotaCardState::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuotaCardState {
    /// `ACTIVE`
    Active,

    /// `DISABLED`
    Disabled,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl QuotaCardState {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["ACTIVE", "DISABLED"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            QuotaCardState::Active => "ACTIVE",
            QuotaCardState::Disabled => "DISABLED",
            QuotaCardState::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, QuotaCardState::Unknown(_))
    }
}

impl From<&str> for QuotaCardState {
    fn from(value: &str) -> Self {
        match value {
            "ACTIVE" => QuotaCardState::Active,
            "DISABLED" => QuotaCardState::Disabled,
            other => QuotaCardState::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for QuotaCardState {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(QuotaCardState::from(s))
    }
}

impl std::fmt::Display for QuotaCardState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for QuotaCardState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for QuotaCardState {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(QuotaCardState::from(s.as_ref()))
    }
}

/// 【使用规则】 使用规则(取值仅见于社区描述,含义未见)
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`CardRule::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CardRule {
    /// `SINGLE`
    Single,

    /// `MULTIPLE`
    Multiple,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl CardRule {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["SINGLE", "MULTIPLE"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            CardRule::Single => "SINGLE",
            CardRule::Multiple => "MULTIPLE",
            CardRule::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, CardRule::Unknown(_))
    }
}

impl From<&str> for CardRule {
    fn from(value: &str) -> Self {
        match value {
            "SINGLE" => CardRule::Single,
            "MULTIPLE" => CardRule::Multiple,
            other => CardRule::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for CardRule {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(CardRule::from(s))
    }
}

impl std::fmt::Display for CardRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for CardRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CardRule {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(CardRule::from(s.as_ref()))
    }
}

/// 【退款规则】 退款规则(取值仅见于社区描述,含义未见)
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`CardRefundRule::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CardRefundRule {
    /// `RETURN`
    Return,

    /// `NOT_RETURN`
    NotReturn,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl CardRefundRule {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["RETURN", "NOT_RETURN"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            CardRefundRule::Return => "RETURN",
            CardRefundRule::NotReturn => "NOT_RETURN",
            CardRefundRule::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, CardRefundRule::Unknown(_))
    }
}

impl From<&str> for CardRefundRule {
    fn from(value: &str) -> Self {
        match value {
            "RETURN" => CardRefundRule::Return,
            "NOT_RETURN" => CardRefundRule::NotReturn,
            other => CardRefundRule::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for CardRefundRule {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(CardRefundRule::from(s))
    }
}

impl std::fmt::Display for CardRefundRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for CardRefundRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CardRefundRule {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(CardRefundRule::from(s.as_ref()))
    }
}

/// 【企业支付额度卡】 查询额度卡(按卡号或按商户卡号)的应答(字段仅见于社区描述)
///
/// Build one by field name with [`QuotaCard::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct QuotaCard {
    /// 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 企业支付额度卡卡号
    ///
    /// Required; string. Example: `1068019671702503425`.
    pub card_no: String,

    /// 商户卡号
    ///
    /// Required; string. Example: `mch_card_123456`.
    pub out_card_no: String,

    /// 微信授权关系ID
    ///
    /// Required; string. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 企业支付卡模板ID
    ///
    /// Required; string. Example: `template_123`.
    pub card_template_id: String,

    /// 使用规则
    ///
    /// Required; one of `SINGLE`, `MULTIPLE` ([`CardRule`](crate::generated::CardRule)). Example: `SINGLE`.
    pub card_rule: crate::generated::CardRule,

    /// 退款规则
    ///
    /// Required; one of `RETURN`, `NOT_RETURN` ([`CardRefundRule`](crate::generated::CardRefundRule)). Example: `RETURN`.
    pub refund_rule: crate::generated::CardRefundRule,

    /// 卡片总金额,单位为分
    ///
    /// Required; integer. Example: `10000`.
    pub amount: i64,

    /// 卡片可用金额,单位为分
    ///
    /// Required; integer. Example: `8000`.
    pub remain_amount: i64,

    /// 卡片有效期
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-12-31T23:59:59+08:00`.
    pub effective_end_time: chrono::DateTime<chrono::FixedOffset>,

    /// 卡片生效时间
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-01-01T23:59:59+08:00`.
    pub effective_begin_time: chrono::DateTime<chrono::FixedOffset>,

    /// 卡片状态
    ///
    /// Required; one of `ACTIVE`, `DISABLED` ([`QuotaCardState`](crate::generated::QuotaCardState)). Example: `ACTIVE`.
    pub card_state: crate::generated::QuotaCardState,

    /// 卡片名称
    ///
    /// Required; string. Example: `报销额度卡`.
    pub card_name: String,

    /// 失效原因
    ///
    /// Optional; string. Example: `有效期结束`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,

    /// 卡片使用时间
    ///
    /// Optional; RFC 3339 date-time, offset kept. Example: `2023-12-31T23:59:59+08:00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_usage_time: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// 卡片关联微信支付订单号
    ///
    /// Optional; string. Example: `4200000123202306081234567890`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,

    /// 卡片失效时间
    ///
    /// Optional; RFC 3339 date-time, offset kept. Example: `2023-12-31T23:59:59+08:00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_disabled_time: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// 卡片备注
    ///
    /// Optional; string. Example: `2023年1月差旅报销`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_remark: Option<String>,
}

impl QuotaCard {
    /// Checks every constraint of the spec on this object and the
    /// objects inside it, naming the first field that breaks one
    /// (relative to this object, e.g. `items[0].name`).
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate::required("sp_mchid", &self.sp_mchid)?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::required("card_no", &self.card_no)?;
        validate::required("out_card_no", &self.out_card_no)?;
        validate::required("employee_id", &self.employee_id)?;
        validate::required("card_template_id", &self.card_template_id)?;
        validate::known_enum(
            "card_rule",
            self.card_rule.is_known(),
            self.card_rule.as_str(),
            crate::generated::CardRule::VALUES,
        )?;
        validate::known_enum(
            "refund_rule",
            self.refund_rule.is_known(),
            self.refund_rule.as_str(),
            crate::generated::CardRefundRule::VALUES,
        )?;
        validate::date_time("effective_end_time", &self.effective_end_time)?;
        validate::date_time("effective_begin_time", &self.effective_begin_time)?;
        validate::known_enum(
            "card_state",
            self.card_state.is_known(),
            self.card_state.as_str(),
            crate::generated::QuotaCardState::VALUES,
        )?;
        validate::required("card_name", &self.card_name)?;
        if let Some(value) = &self.card_usage_time {
            validate::date_time("card_usage_time", value)?;
        }
        if let Some(value) = &self.card_disabled_time {
            validate::date_time("card_disabled_time", value)?;
        }
        Ok(())
    }
}

/// 【商户标识类型】 商户标识类型
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`MchRangeIdentifierType::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MchRangeIdentifierType {
    /// `ORGANIZATION_CODE`: 统一社会信用代码
    OrganizationCode,

    /// `TRANSACTION_ID`: 微信支付订单号
    TransactionId,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl MchRangeIdentifierType {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["ORGANIZATION_CODE", "TRANSACTION_ID"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            MchRangeIdentifierType::OrganizationCode => "ORGANIZATION_CODE",
            MchRangeIdentifierType::TransactionId => "TRANSACTION_ID",
            MchRangeIdentifierType::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, MchRangeIdentifierType::Unknown(_))
    }
}

impl From<&str> for MchRangeIdentifierType {
    fn from(value: &str) -> Self {
        match value {
            "ORGANIZATION_CODE" => MchRangeIdentifierType::OrganizationCode,
            "TRANSACTION_ID" => MchRangeIdentifierType::TransactionId,
            other => MchRangeIdentifierType::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for MchRangeIdentifierType {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(MchRangeIdentifierType::from(s))
    }
}

impl std::fmt::Display for MchRangeIdentifierType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for MchRangeIdentifierType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for MchRangeIdentifierType {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(MchRangeIdentifierType::from(s.as_ref()))
    }
}

/// 【可用商户范围】 可用商户范围列表中的一项
///
/// Build one by field name with [`AvailMchRange::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct AvailMchRange {
    /// 【可用商户范围id】 可用商户范围id
    ///
    /// Optional; string. Example: `89f5123e-5ad4-4e0e-89b1-63ced0c798c5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_id: Option<String>,

    /// 【商户标识类型】 商户标识类型
    ///
    /// Optional; one of `ORGANIZATION_CODE`, `TRANSACTION_ID` ([`MchRangeIdentifierType`](crate::generated::MchRangeIdentifierType)). Example: `ORGANIZATION_CODE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier_type: Option<crate::generated::MchRangeIdentifierType>,
}

impl AvailMchRange {
    /// Checks every constraint of the spec on this object and the
    /// objects inside it, naming the first field that breaks one
    /// (relative to this object, e.g. `items[0].name`).
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let Some(value) = &self.identifier_type {
            validate::known_enum(
                "identifier_type",
                value.is_known(),
                value.as_str(),
                crate::generated::MchRangeIdentifierType::VALUES,
            )?;
        }
        Ok(())
    }
}

/// 【账单类型】 账单类型,当前默认只有QYZFALL
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`TradeBillType::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TradeBillType {
    /// `QYZFALL`: 企业支付
    Qyzfall,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl TradeBillType {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["QYZFALL"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            TradeBillType::Qyzfall => "QYZFALL",
            TradeBillType::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, TradeBillType::Unknown(_))
    }
}

impl From<&str> for TradeBillType {
    fn from(value: &str) -> Self {
        match value {
            "QYZFALL" => TradeBillType::Qyzfall,
            other => TradeBillType::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for TradeBillType {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(TradeBillType::from(s))
    }
}

impl std::fmt::Display for TradeBillType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for TradeBillType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for TradeBillType {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(TradeBillType::from(s.as_ref()))
    }
}

/// 【需要查询的支付产品】 需要查询的支付产品,目前仅支持 CODEPAY
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`StoreMatchProductType::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreMatchProductType {
    /// `CODEPAY`: 付款码支付产品(官方描述文字:"目前仅支持 CODEPAY";官方页面以此为准)
    Codepay,

    /// `CODE_PAY`: 社区描述与其示例的写法;官方可选取值未见,官方描述文字写作 CODEPAY。两者均接受,直至官方取值可见
    CodePay,

    /// `NONE`: 仅见于社区描述的取值,含义未见说明
    None,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl StoreMatchProductType {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["CODEPAY", "CODE_PAY", "NONE"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            StoreMatchProductType::Codepay => "CODEPAY",
            StoreMatchProductType::CodePay => "CODE_PAY",
            StoreMatchProductType::None => "NONE",
            StoreMatchProductType::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, StoreMatchProductType::Unknown(_))
    }
}

impl From<&str> for StoreMatchProductType {
    fn from(value: &str) -> Self {
        match value {
            "CODEPAY" => StoreMatchProductType::Codepay,
            "CODE_PAY" => StoreMatchProductType::CodePay,
            "NONE" => StoreMatchProductType::None,
            other => StoreMatchProductType::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for StoreMatchProductType {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(StoreMatchProductType::from(s))
    }
}

impl std::fmt::Display for StoreMatchProductType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for StoreMatchProductType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for StoreMatchProductType {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(StoreMatchProductType::from(s.as_ref()))
    }
}

/// 【批次状态】 门店主体匹配批次状态(仅见于社区描述,各取值含义未见说明)
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`StoreMatchBatchState::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreMatchBatchState {
    /// `ACCEPTED`: 社区描述取值,含义未见说明(字面:已受理)
    Accepted,

    /// `IN_PROGRESS`: 社区描述取值,含义未见说明(字面:处理中)
    InProgress,

    /// `COMPLETED`: 社区描述取值,含义未见说明(字面:已完成)
    Completed,

    /// `CLOSED`: 社区描述取值,含义未见说明(字面:已关闭)
    Closed,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl StoreMatchBatchState {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &[
        "ACCEPTED",
        "IN_PROGRESS",
        "COMPLETED",
        "CLOSED",
    ];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            StoreMatchBatchState::Accepted => "ACCEPTED",
            StoreMatchBatchState::InProgress => "IN_PROGRESS",
            StoreMatchBatchState::Completed => "COMPLETED",
            StoreMatchBatchState::Closed => "CLOSED",
            StoreMatchBatchState::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, StoreMatchBatchState::Unknown(_))
    }
}

impl From<&str> for StoreMatchBatchState {
    fn from(value: &str) -> Self {
        match value {
            "ACCEPTED" => StoreMatchBatchState::Accepted,
            "IN_PROGRESS" => StoreMatchBatchState::InProgress,
            "COMPLETED" => StoreMatchBatchState::Completed,
            "CLOSED" => StoreMatchBatchState::Closed,
            other => StoreMatchBatchState::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for StoreMatchBatchState {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(StoreMatchBatchState::from(s))
    }
}

impl std::fmt::Display for StoreMatchBatchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for StoreMatchBatchState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for StoreMatchBatchState {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(StoreMatchBatchState::from(s.as_ref()))
    }
}

/// 【主体匹配明细】 发起门店主体匹配请求中主体匹配明细列表(match_details)的一项
///
/// Build one by field name with [`StoreMatchDetail::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct StoreMatchDetail {
    /// 【门店统一社会信用代码】 门店统一社会信用代码
    ///
    /// Required; at most 32 chars. Example: `91110000710926094P`.
    pub organization_code: String,

    /// 【门店名称】 门店名称,全称表述
    ///
    /// Required; at most 256 chars. Example: `微信小店`.
    pub store_name: String,

    /// 【需要查询的支付产品】 需要查询的支付产品,目前仅支持 CODEPAY
    ///
    /// Required; one of `CODEPAY`, `CODE_PAY`, `NONE` ([`StoreMatchProductType`](crate::generated::StoreMatchProductType)). Example: `CODEPAY`.
    pub product_type: crate::generated::StoreMatchProductType,
}

impl StoreMatchDetail {
    /// Checks every constraint of the spec on this object and the
    /// objects inside it, naming the first field that breaks one
    /// (relative to this object, e.g. `items[0].name`).
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate::required("organization_code", &self.organization_code)?;
        validate::length("organization_code", &self.organization_code, 0, Some(32))?;
        validate::required("store_name", &self.store_name)?;
        validate::length("store_name", &self.store_name, 0, Some(256))?;
        validate::known_enum(
            "product_type",
            self.product_type.is_known(),
            self.product_type.as_str(),
            crate::generated::StoreMatchProductType::VALUES,
        )?;
        Ok(())
    }
}

/// 【主体匹配结果】 查询门店主体匹配结果应答中主体匹配明细列表(match_results)的一项(仅见于社区描述)
///
/// Build one by field name with [`StoreMatchResult::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct StoreMatchResult {
    /// 【门店统一社会信用代码】 门店统一社会信用代码
    ///
    /// Required; string. Example: `91110000710926094P`.
    pub organization_code: String,

    /// 【门店名称】 门店名称
    ///
    /// Required; string. Example: `微信小店`.
    pub store_name: String,

    /// 【是否存在满足条件微信支付商户号】 是否存在满足条件微信支付商户号
    ///
    /// Required; boolean. Example: `true`.
    pub has_valid_mchid: bool,
}

impl StoreMatchResult {
    /// Checks every constraint of the spec on this object and the
    /// objects inside it, naming the first field that breaks one
    /// (relative to this object, e.g. `items[0].name`).
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate::required("organization_code", &self.organization_code)?;
        validate::required("store_name", &self.store_name)?;
        Ok(())
    }
}

/// 【交易状态】 额度卡支付的交易状态(取值仅见于社区描述)
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`NotificationTransactionState::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotificationTransactionState {
    /// `SUCCESS`
    Success,

    /// `REFUND`
    Refund,

    /// `NOTPAY`
    Notpay,

    /// `CLOSED`
    Closed,

    /// `REVOKED`
    Revoked,

    /// `USERPAYING`
    Userpaying,

    /// `PAYERROR`
    Payerror,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl NotificationTransactionState {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &[
        "SUCCESS",
        "REFUND",
        "NOTPAY",
        "CLOSED",
        "REVOKED",
        "USERPAYING",
        "PAYERROR",
    ];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            NotificationTransactionState::Success => "SUCCESS",
            NotificationTransactionState::Refund => "REFUND",
            NotificationTransactionState::Notpay => "NOTPAY",
            NotificationTransactionState::Closed => "CLOSED",
            NotificationTransactionState::Revoked => "REVOKED",
            NotificationTransactionState::Userpaying => "USERPAYING",
            NotificationTransactionState::Payerror => "PAYERROR",
            NotificationTransactionState::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, NotificationTransactionState::Unknown(_))
    }
}

impl From<&str> for NotificationTransactionState {
    fn from(value: &str) -> Self {
        match value {
            "SUCCESS" => NotificationTransactionState::Success,
            "REFUND" => NotificationTransactionState::Refund,
            "NOTPAY" => NotificationTransactionState::Notpay,
            "CLOSED" => NotificationTransactionState::Closed,
            "REVOKED" => NotificationTransactionState::Revoked,
            "USERPAYING" => NotificationTransactionState::Userpaying,
            "PAYERROR" => NotificationTransactionState::Payerror,
            other => NotificationTransactionState::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for NotificationTransactionState {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(NotificationTransactionState::from(s))
    }
}

impl std::fmt::Display for NotificationTransactionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for NotificationTransactionState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for NotificationTransactionState {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(NotificationTransactionState::from(s.as_ref()))
    }
}

/// 【退款状态】 额度卡退款的状态(取值仅见于社区描述)
///
/// Forward-compatible: a value WeChat Pay adds later deserializes as
/// [`NotificationRefundState::Unknown`] instead of failing; match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotificationRefundState {
    /// `SUCCESS`
    Success,

    /// A value not in the spec, kept as received.
    Unknown(String),
}

impl NotificationRefundState {
    /// The values the spec documents, in spec order.
    pub const VALUES: &'static [&'static str] = &["SUCCESS"];

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            NotificationRefundState::Success => "SUCCESS",
            NotificationRefundState::Unknown(v) => v,
        }
    }

    /// Whether the value is one the spec documents.
    pub fn is_known(&self) -> bool {
        !matches!(self, NotificationRefundState::Unknown(_))
    }
}

impl From<&str> for NotificationRefundState {
    fn from(value: &str) -> Self {
        match value {
            "SUCCESS" => NotificationRefundState::Success,
            other => NotificationRefundState::Unknown(other.to_owned()),
        }
    }
}

impl std::str::FromStr for NotificationRefundState {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(NotificationRefundState::from(s))
    }
}

impl std::fmt::Display for NotificationRefundState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for NotificationRefundState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for NotificationRefundState {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<
            'de,
            str,
        > as serde::Deserialize>::deserialize(deserializer)?;
        Ok(NotificationRefundState::from(s.as_ref()))
    }
}
