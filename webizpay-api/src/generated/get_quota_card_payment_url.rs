// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 企业商户获取指定额度卡支付链接 (`GET /v3/webizpay/employees/{employee_id}/quota-cards/{card_no}/payment-url`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `get_quota_card_payment_url` (企业商户获取指定额度卡支付链接).
pub(crate) const GET_QUOTA_CARD_PAYMENT_URL: OperationInfo = OperationInfo {
    id: "get_quota_card_payment_url",
    title: "企业商户获取指定额度卡支付链接",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507160",
    revision: "2025-05-29",
    method: Method::Get,
    path_template: "/v3/webizpay/employees/{employee_id}/quota-cards/{card_no}/payment-url",
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
        super::error_code::info::RESOURCE_NOT_EXISTS,
    ],
    config_fields: &[
        crate::runtime::operation::ConfigField {
            name: "sp_mchid",
            source: crate::runtime::operation::ConfigSource::Mchid,
        },
    ],
};

/// Request of 企业商户获取指定额度卡支付链接.
///
/// 企业商户获取指定额度卡支付链接。该接口允许服务商获取指定额度卡的支付链接,员工可通过该链接使用额度卡进行支付,链接有效期较短,请在有效期内使用。企业可通过此接口为员工生成便捷的支付入口,简化支付流程。
///
/// `GET /v3/webizpay/employees/{employee_id}/quota-cards/{card_no}/payment-url`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507160> (revision 2025-05-29).
///
/// Notes: Header、路径与查询参数依据官方页面(2025.05.29,路径参数按页面顺序 card_no、employee_id);查询参数 application_type 的取值与含义同发起授权接口,故复用 ApplicationType。 应答参数、请求示例、应答示例未见于官方页面,仅依据社区描述(TheNorthMemory/wechatpay-openapi,x-last-updated-at 2025.05.29),应答字段无官方标签与长度。 payment_url 社区 YAML 为必填但 SKIT C# SDK 为可空,application_type 社区 YAML 为选填(SKIT 为必填),二者均定为选填;expire_time 按社区定为必填(发起授权接口的同名字段官方为选填)。 应答示例中的 payment_url 与 mp_business_type(liteAppWebizPayRegister,实为开通授权的业务类型)取自社区,支付页面真实的业务类型未见;链接的具体有效期未见。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::get_quota_card_payment_url`](crate::Client::get_quota_card_payment_url).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`GetQuotaCardPaymentUrlRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct GetQuotaCardPaymentUrlRequest {
    /// 【企业支付额度卡卡号】 企业支付额度卡卡号,微信支付平台生成的唯一标识额度卡的编号。通过创建卡和查询卡返回。
    ///
    /// Path parameter, required; at most 64 chars. Example: `1068019671702503425`.
    pub card_no: String,

    /// 【微信授权关系 ID】 微信授权关系ID,微信支付平台生成的唯一标识授权关系的ID,用户注册时会回调商户获取微信授权关系ID或者商户通过企业下唯一的员工ID查询企业支付员工接口获得。
    ///
    /// Path parameter, required; at most 64 chars. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 【出资子商户号】 由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明
    ///
    /// Query parameter, required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,

    /// 【拉起付款码页面的企业应用类型】 用户从企业应用跳转至微信付款码,需传入拉起付款码页面的企业应用类型
    ///
    /// Query parameter, required; one of `H5`, `MINIPROGRAM` ([`ApplicationType`](crate::generated::ApplicationType)). Example: `H5`.
    pub application_type: crate::generated::ApplicationType,
}

/// Response of 企业商户获取指定额度卡支付链接 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`GetQuotaCardPaymentUrlResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct GetQuotaCardPaymentUrlResponse {
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

    /// 链接失效时间
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    pub expire_time: chrono::DateTime<chrono::FixedOffset>,

    /// 跳转链接
    ///
    /// Optional; string. Example: `weixin://dl/liteapp?url=https%3A%2F%2Fliteapp.wxpapp.weixin.qq.com%2Fq%2FgjoM7g%3Ftoken%3D123%23wechat_pay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_url: Option<String>,

    /// 拉起付款码页面的企业应用类型
    ///
    /// Optional; one of `H5`, `MINIPROGRAM` ([`ApplicationType`](crate::generated::ApplicationType)). Example: `H5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_type: Option<crate::generated::ApplicationType>,

    /// 小程序查询参数
    ///
    /// Optional; string. Example: `token=123`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mp_query: Option<String>,

    /// 小程序业务类型
    ///
    /// Optional; string. Example: `liteAppWebizPayRegister`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mp_business_type: Option<String>,
}

impl Operation for GetQuotaCardPaymentUrlRequest {
    type Response = GetQuotaCardPaymentUrlResponse;

    const INFO: &'static OperationInfo = &GET_QUOTA_CARD_PAYMENT_URL;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("card_no", &self.card_no)?;
        validate::length("card_no", &self.card_no, 0, Some(64))?;
        validate::path_segment("card_no", &self.card_no)?;
        validate::required("employee_id", &self.employee_id)?;
        validate::length("employee_id", &self.employee_id, 0, Some(64))?;
        validate::path_segment("employee_id", &self.employee_id)?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        validate::known_enum(
            "application_type",
            self.application_type.is_known(),
            self.application_type.as_str(),
            crate::generated::ApplicationType::VALUES,
        )?;
        Ok(())
    }
}

impl Sealed for GetQuotaCardPaymentUrlRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/employees/");
        wire::push_segment(out, &self.employee_id);
        out.push_str("/quota-cards/");
        wire::push_segment(out, &self.card_no);
        out.push_str("/payment-url");
        let mut query = wire::QueryWriter::new(out);
        query.pair("sp_mchid", fill.mchid);
        query.pair("sub_mchid", &self.sub_mchid);
        query.pair("application_type", self.application_type.as_str());
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
            GetQuotaCardPaymentUrlRequest {
                card_no: target.path("card_no")?.to_owned(),
                employee_id: target.path("employee_id")?.to_owned(),
                sub_mchid: target
                    .query("sub_mchid")
                    .ok_or(wire::WireError::Missing {
                        field: std::borrow::Cow::Borrowed("sub_mchid"),
                    })?
                    .to_owned(),
                application_type: wire::parse_scalar(
                    "application_type",
                    target
                        .query("application_type")
                        .ok_or(wire::WireError::Missing {
                            field: std::borrow::Cow::Borrowed("application_type"),
                        })?,
                )?,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &GetQuotaCardPaymentUrlResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        wire::echo("employee_id", &self.employee_id, &response.employee_id)?;
        wire::echo("card_no", &self.card_no, &response.card_no)?;
        if let Some(answered) = &response.application_type {
            wire::echo("application_type", &self.application_type, answered)?;
        }
        Ok(())
    }
}

impl crate::Client {
    /// 企业商户获取指定额度卡支付链接: `GET /v3/webizpay/employees/{employee_id}/quota-cards/{card_no}/payment-url`.
    ///
    /// 企业商户获取指定额度卡支付链接。该接口允许服务商获取指定额度卡的支付链接,员工可通过该链接使用额度卡进行支付,链接有效期较短,请在有效期内使用。企业可通过此接口为员工生成便捷的支付入口,简化支付流程。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507160> (revision 2025-05-29).
    ///
    /// Notes: Header、路径与查询参数依据官方页面(2025.05.29,路径参数按页面顺序 card_no、employee_id);查询参数 application_type 的取值与含义同发起授权接口,故复用 ApplicationType。 应答参数、请求示例、应答示例未见于官方页面,仅依据社区描述(TheNorthMemory/wechatpay-openapi,x-last-updated-at 2025.05.29),应答字段无官方标签与长度。 payment_url 社区 YAML 为必填但 SKIT C# SDK 为可空,application_type 社区 YAML 为选填(SKIT 为必填),二者均定为选填;expire_time 按社区定为必填(发起授权接口的同名字段官方为选填)。 应答示例中的 payment_url 与 mp_business_type(liteAppWebizPayRegister,实为开通授权的业务类型)取自社区,支付页面真实的业务类型未见;链接的具体有效期未见。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `get_quota_card_payment_url` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `sub_mchid`, `employee_id`, `card_no`, `application_type` as sent. It repeats every request parameter.
    pub async fn get_quota_card_payment_url(
        &self,
        request: &GetQuotaCardPaymentUrlRequest,
    ) -> Result<crate::Response<GetQuotaCardPaymentUrlResponse>, crate::Error> {
        self.execute(request).await
    }
}
