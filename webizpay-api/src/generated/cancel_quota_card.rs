// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 企业商户作废员工企业支付额度卡 (`POST /v3/webizpay/employees/{employee_id}/quota-cards/{card_no}/cancel`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `cancel_quota_card` (企业商户作废员工企业支付额度卡).
pub(crate) const CANCEL_QUOTA_CARD: OperationInfo = OperationInfo {
    id: "cancel_quota_card",
    title: "企业商户作废员工企业支付额度卡",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507127",
    revision: "2025-05-09",
    method: Method::Post,
    path_template: "/v3/webizpay/employees/{employee_id}/quota-cards/{card_no}/cancel",
    primary_host: super::operations::host_info::PRIMARY,
    backup_host: super::operations::host_info::BACKUP,
    headers: &[
        super::operations::header_info::AUTHORIZATION,
        super::operations::header_info::ACCEPT,
        super::operations::header_info::CONTENT_TYPE,
    ],
    success_status: 200,
    error_codes: &[
        super::error_code::info::PARAM_ERROR,
        super::error_code::info::INVALID_REQUEST,
        super::error_code::info::SIGN_ERROR,
        super::error_code::info::SYSTEM_ERROR,
        super::error_code::info::RESOURCE_NOT_EXISTS,
    ],
    config_fields: &[
        crate::runtime::operation::ConfigField {
            name: "sp_mchid",
            source: crate::runtime::operation::ConfigSource::Mchid,
        },
    ],
};

/// Request of 企业商户作废员工企业支付额度卡.
///
/// 企业商户作废员工企业支付额度卡。该接口允许服务商作废已下发给员工的企业支付额度卡,作废后该额度卡将无法继续使用,可指定作废原因。当额度卡使用错误、发放错误或需要提前回收额度时,企业可通过此接口作废额度卡。
///
/// `POST /v3/webizpay/employees/{employee_id}/quota-cards/{card_no}/cancel`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507127> (revision 2025-05-09).
///
/// Notes: Header、路径与包体参数依据官方页面(2025.05.09);sub_mchid 的描述在官方页面上即为错乱文本(“出资由服务商…说明。子商户号”),照录。 应答参数、请求示例、应答示例未见于官方页面,仅依据社区描述(TheNorthMemory/wechatpay-openapi),应答字段无官方标签与长度;card_disabled_time 在社区 YAML 中为选填(SKIT C# SDK 为非可空),按社区定为选填。 对已作废的卡再次作废的应答未见。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::cancel_quota_card`](crate::Client::cancel_quota_card).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`CancelQuotaCardRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct CancelQuotaCardRequest {
    /// 【微信授权关系 ID】 微信授权关系ID,微信支付平台生成的唯一标识授权关系的ID,用户注册时会回调商户获取微信授权关系ID或者商户通过企业下唯一的员工ID查询企业支付员工接口获得。
    ///
    /// Path parameter, required; at most 64 chars. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 【企业支付额度卡卡号】 企业支付额度卡卡号,由请求微信支付发放额度卡时返回
    ///
    /// Path parameter, required; at most 64 chars. Example: `1068019671702503425`.
    pub card_no: String,

    /// 【出资子商户号】 出资由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明。子商户号
    ///
    /// Required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,

    /// 【作废原因】 作废原因,长度不可超过50个字符
    ///
    /// Required; at most 50 chars. Example: `商户主动作废`.
    pub reason: String,
}

/// Response of 企业商户作废员工企业支付额度卡 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`CancelQuotaCardResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct CancelQuotaCardResponse {
    /// 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 微信授权关系ID
    ///
    /// Required; string. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 企业支付额度卡卡号
    ///
    /// Required; string. Example: `1068019671702503425`.
    pub card_no: String,

    /// 卡片状态
    ///
    /// Required; one of `ACTIVE`, `DISABLED` ([`QuotaCardState`](crate::generated::QuotaCardState)). Example: `DISABLED`.
    pub card_state: crate::generated::QuotaCardState,

    /// 卡片失效时间
    ///
    /// Optional; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_disabled_time: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl Operation for CancelQuotaCardRequest {
    type Response = CancelQuotaCardResponse;

    const INFO: &'static OperationInfo = &CANCEL_QUOTA_CARD;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("employee_id", &self.employee_id)?;
        validate::length("employee_id", &self.employee_id, 0, Some(64))?;
        validate::path_segment("employee_id", &self.employee_id)?;
        validate::required("card_no", &self.card_no)?;
        validate::length("card_no", &self.card_no, 0, Some(64))?;
        validate::path_segment("card_no", &self.card_no)?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        validate::required("reason", &self.reason)?;
        validate::length("reason", &self.reason, 0, Some(50))?;
        Ok(())
    }
}

impl Sealed for CancelQuotaCardRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/employees/");
        wire::push_segment(out, &self.employee_id);
        out.push_str("/quota-cards/");
        wire::push_segment(out, &self.card_no);
        out.push_str("/cancel");
    }

    fn write_body(
        &self,
        fill: Fill<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            sp_mchid: &'a str,
            sub_mchid: &'a String,
            reason: &'a String,
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                sub_mchid: &self.sub_mchid,
                reason: &self.reason,
            },
        )
    }

    #[cfg(feature = "simulator")]
    fn from_wire(
        target: &str,
        body: &[u8],
    ) -> Result<(Self, crate::runtime::operation::sealed::Filled), wire::WireError> {
        #[derive(serde::Deserialize)]
        struct Body {
            sp_mchid: String,
            sub_mchid: String,
            reason: String,
        }
        let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            CancelQuotaCardRequest {
                employee_id: target.path("employee_id")?.to_owned(),
                card_no: target.path("card_no")?.to_owned(),
                sub_mchid: body.sub_mchid,
                reason: body.reason,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &CancelQuotaCardResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        wire::echo("employee_id", &self.employee_id, &response.employee_id)?;
        wire::echo("card_no", &self.card_no, &response.card_no)?;
        Ok(())
    }
}

impl crate::Client {
    /// 企业商户作废员工企业支付额度卡: `POST /v3/webizpay/employees/{employee_id}/quota-cards/{card_no}/cancel`.
    ///
    /// 企业商户作废员工企业支付额度卡。该接口允许服务商作废已下发给员工的企业支付额度卡,作废后该额度卡将无法继续使用,可指定作废原因。当额度卡使用错误、发放错误或需要提前回收额度时,企业可通过此接口作废额度卡。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507127> (revision 2025-05-09).
    ///
    /// Notes: Header、路径与包体参数依据官方页面(2025.05.09);sub_mchid 的描述在官方页面上即为错乱文本(“出资由服务商…说明。子商户号”),照录。 应答参数、请求示例、应答示例未见于官方页面,仅依据社区描述(TheNorthMemory/wechatpay-openapi),应答字段无官方标签与长度;card_disabled_time 在社区 YAML 中为选填(SKIT C# SDK 为非可空),按社区定为选填。 对已作废的卡再次作废的应答未见。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `cancel_quota_card` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `sub_mchid`, `employee_id`, `card_no` as sent. It does not repeat `reason`: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).
    pub async fn cancel_quota_card(
        &self,
        request: &CancelQuotaCardRequest,
    ) -> Result<crate::Response<CancelQuotaCardResponse>, crate::Error> {
        self.execute(request).await
    }
}
