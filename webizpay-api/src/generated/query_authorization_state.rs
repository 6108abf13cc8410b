// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 企业商户查询企业员工开通授权状态 (`GET /v3/webizpay/users/{user_id}/authorization-state`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, Charset, ValidationError};

use crate::runtime::wire;

/// Static facts about `query_authorization_state` (企业商户查询企业员工开通授权状态).
pub(crate) const QUERY_AUTHORIZATION_STATE: OperationInfo = OperationInfo {
    id: "query_authorization_state",
    title: "企业商户查询企业员工开通授权状态",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507163",
    revision: "2025-05-09",
    method: Method::Get,
    path_template: "/v3/webizpay/users/{user_id}/authorization-state",
    primary_host: super::operations::host_info::PRIMARY,
    backup_host: super::operations::host_info::BACKUP,
    headers: &[
        super::operations::header_info::AUTHORIZATION,
        super::operations::header_info::ACCEPT,
    ],
    success_status: 200,
    error_codes: &[
        super::error_code::info::PARAM_ERROR,
        super::error_code::info::INVALID_REQUEST,
        super::error_code::info::SIGN_ERROR,
        super::error_code::info::SYSTEM_ERROR,
    ],
    config_fields: &[
        crate::runtime::operation::ConfigField {
            name: "sp_mchid",
            source: crate::runtime::operation::ConfigSource::Mchid,
        },
    ],
};

static USER_ID_CHARSET: Charset = Charset {
    ranges: &[('0', '9'), ('A', 'Z'), ('a', 'z')],
    chars: "_-|*",
    description: "0-9 A-Z a-z _-|*",
};

/// Request of 企业商户查询企业员工开通授权状态.
///
/// 企业商户查询企业员工开通授权状态。该接口允许服务商查询指定出资子商户下特定员工的企业支付授权状态,包括授权状态、授权时间和解除授权时间等信息。服务商可通过此接口确认员工是否已开通企业支付功能,是后续发放额度卡的前提条件。
///
/// `GET /v3/webizpay/users/{user_id}/authorization-state`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507163> (revision 2025-05-09).
///
/// Notes: Header、路径与查询参数依据官方页面(2025.05.09);应答参数、请求示例、应答示例未见于官方页面,仅依据社区描述(TheNorthMemory/wechatpay-openapi,x-last-updated-at 2025.05.09),应答字段无官方标签与长度,故为无长度的 string。 employee_list 在社区描述中非必填;employee_list\[\].authorization_revoked_time 社区 YAML 为必填,但 SKIT C# SDK 为可空(DateTimeOffset?),且仅在解除授权后才有意义,故定为选填。 user_id 的标签按本页写作“企业员工 ID”(4014507153 写作“商户企业员工ID”);查询参数描述按无句号的副本。 错误码未见于官方页面:列出本族页面的公共错误码;user_id 为商户侧员工ID而非已存在资源的ID(未授权的员工应答中 employee_list 可缺省),故未列 RESOURCE_NOT_EXISTS。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::query_authorization_state`](crate::Client::query_authorization_state).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`QueryAuthorizationStateRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct QueryAuthorizationStateRequest {
    /// 【企业员工 ID】 商户企业员工ID,由企业系统提供的唯一标识员工的ID。要求6-32个字符内,只能是数字、大小写字母_-|* 且在同一个商户号下唯一。
    ///
    /// Path parameter, required; 6..=32 chars of `0-9 A-Z a-z _-|*`. Example: `123456`.
    pub user_id: String,

    /// 【出资子商户号】 由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明
    ///
    /// Query parameter, required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,
}

/// Response of 企业商户查询企业员工开通授权状态 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`QueryAuthorizationStateResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct QueryAuthorizationStateResponse {
    /// 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 企业员工ID
    ///
    /// Required; string. Example: `123456`.
    pub user_id: String,

    /// 微信授权关系列表
    ///
    /// Optional; array of [`EmployeeAuthorization`](crate::generated::EmployeeAuthorization).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_list: Option<Vec<crate::generated::EmployeeAuthorization>>,
}

impl Operation for QueryAuthorizationStateRequest {
    type Response = QueryAuthorizationStateResponse;

    const INFO: &'static OperationInfo = &QUERY_AUTHORIZATION_STATE;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::length("user_id", &self.user_id, 6, Some(32))?;
        validate::charset("user_id", &self.user_id, &USER_ID_CHARSET)?;
        validate::path_segment("user_id", &self.user_id)?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        Ok(())
    }
}

impl Sealed for QueryAuthorizationStateRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/users/");
        wire::push_segment(out, &self.user_id);
        out.push_str("/authorization-state");
        let mut query = wire::QueryWriter::new(out);
        query.pair("sp_mchid", fill.mchid);
        query.pair("sub_mchid", &self.sub_mchid);
    }

    /// The operation has no body parameters: nothing is written.
    fn write_body(
        &self,
        _fill: Fill<'_>,
        _out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        Ok(())
    }

    #[cfg(feature = "simulator")]
    fn from_wire(
        target: &str,
        _body: &[u8],
    ) -> Result<(Self, crate::runtime::operation::sealed::Filled), wire::WireError> {
        let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(
                target
                    .query("sp_mchid")
                    .ok_or(wire::WireError::Missing {
                        field: std::borrow::Cow::Borrowed("sp_mchid"),
                    })?
                    .to_owned(),
            ),
        };
        Ok((
            QueryAuthorizationStateRequest {
                user_id: target.path("user_id")?.to_owned(),
                sub_mchid: target
                    .query("sub_mchid")
                    .ok_or(wire::WireError::Missing {
                        field: std::borrow::Cow::Borrowed("sub_mchid"),
                    })?
                    .to_owned(),
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &QueryAuthorizationStateResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        wire::echo("user_id", &self.user_id, &response.user_id)?;
        Ok(())
    }
}

impl crate::Client {
    /// 企业商户查询企业员工开通授权状态: `GET /v3/webizpay/users/{user_id}/authorization-state`.
    ///
    /// 企业商户查询企业员工开通授权状态。该接口允许服务商查询指定出资子商户下特定员工的企业支付授权状态,包括授权状态、授权时间和解除授权时间等信息。服务商可通过此接口确认员工是否已开通企业支付功能,是后续发放额度卡的前提条件。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507163> (revision 2025-05-09).
    ///
    /// Notes: Header、路径与查询参数依据官方页面(2025.05.09);应答参数、请求示例、应答示例未见于官方页面,仅依据社区描述(TheNorthMemory/wechatpay-openapi,x-last-updated-at 2025.05.09),应答字段无官方标签与长度,故为无长度的 string。 employee_list 在社区描述中非必填;employee_list\[\].authorization_revoked_time 社区 YAML 为必填,但 SKIT C# SDK 为可空(DateTimeOffset?),且仅在解除授权后才有意义,故定为选填。 user_id 的标签按本页写作“企业员工 ID”(4014507153 写作“商户企业员工ID”);查询参数描述按无句号的副本。 错误码未见于官方页面:列出本族页面的公共错误码;user_id 为商户侧员工ID而非已存在资源的ID(未授权的员工应答中 employee_list 可缺省),故未列 RESOURCE_NOT_EXISTS。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `query_authorization_state` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `sub_mchid`, `user_id` as sent. It repeats every request parameter.
    pub async fn query_authorization_state(
        &self,
        request: &QueryAuthorizationStateRequest,
    ) -> Result<crate::Response<QueryAuthorizationStateResponse>, crate::Error> {
        self.execute(request).await
    }
}
