// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 企业商户使用商户卡号查询企业支付额度卡 (`GET /v3/webizpay/employees/{employee_id}/out-quota-cards/{out_card_no}`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `query_quota_card_by_out_card_no` (企业商户使用商户卡号查询企业支付额度卡).
pub(crate) const QUERY_QUOTA_CARD_BY_OUT_CARD_NO: OperationInfo = OperationInfo {
    id: "query_quota_card_by_out_card_no",
    title: "企业商户使用商户卡号查询企业支付额度卡",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4015001625",
    revision: "2025-05-29",
    method: Method::Get,
    path_template: "/v3/webizpay/employees/{employee_id}/out-quota-cards/{out_card_no}",
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

/// Request of 企业商户使用商户卡号查询企业支付额度卡.
///
/// 企业商户查询企业支付额度卡。该接口允许服务商使用商户卡号查询指定员工的企业支付额度卡详情,包括卡片金额、可用金额、有效期、使用记录等信息。企业可通过此接口了解额度卡的使用情况,进行费用追踪和报销管理。
///
/// `GET /v3/webizpay/employees/{employee_id}/out-quota-cards/{out_card_no}`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4015001625> (revision 2025-05-29).
///
/// Notes: Header、路径与查询参数依据官方页面(2025.05.29,路径参数按页面顺序 out_card_no、employee_id);应答参数、请求示例、应答示例未见于官方页面,仅依据社区描述,其应答与按卡号查询(4014507119)完全相同,字段处理同 query_quota_card。 路径参数 out_card_no 在本页为 string(64),而下发额度卡接口的 out_card_no 为 string(32)、6-32个字符、限定字符集;两官方页面不一致,此处按本页 string(64),且本页描述未写长度范围与字符集,故不加 min_length/charset。 社区请求示例的 out_card_no(out_card_123456)与其应答示例(mch_card_123456)不一致;应答回显请求的 out_card_no(echo),故此处请求示例取 mch_card_123456。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::query_quota_card_by_out_card_no`](crate::Client::query_quota_card_by_out_card_no).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`QueryQuotaCardByOutCardNoRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct QueryQuotaCardByOutCardNoRequest {
    /// 【企业支付额度卡商户卡号】 由商户在创建额度卡时传入,由商户系统生成的唯一标识额度卡的编号
    ///
    /// Path parameter, required; at most 64 chars. Example: `out_card_123456`.
    pub out_card_no: String,

    /// 【微信授权关系 ID】 微信授权关系ID,微信支付平台生成的唯一标识授权关系的ID,用户注册时会回调商户获取微信授权关系ID或者商户通过企业下唯一的员工ID查询企业支付员工接口获得。
    ///
    /// Path parameter, required; at most 64 chars. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 【出资子商户号】 由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明
    ///
    /// Query parameter, required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,
}

/// Response of 企业商户使用商户卡号查询企业支付额度卡 (HTTP 200): the body is a [`QuotaCard`](crate::generated::QuotaCard).
pub type QueryQuotaCardByOutCardNoResponse = crate::generated::QuotaCard;
impl Operation for QueryQuotaCardByOutCardNoRequest {
    type Response = QueryQuotaCardByOutCardNoResponse;

    const INFO: &'static OperationInfo = &QUERY_QUOTA_CARD_BY_OUT_CARD_NO;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("out_card_no", &self.out_card_no)?;
        validate::length("out_card_no", &self.out_card_no, 0, Some(64))?;
        validate::path_segment("out_card_no", &self.out_card_no)?;
        validate::required("employee_id", &self.employee_id)?;
        validate::length("employee_id", &self.employee_id, 0, Some(64))?;
        validate::path_segment("employee_id", &self.employee_id)?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        Ok(())
    }
}

impl Sealed for QueryQuotaCardByOutCardNoRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/employees/");
        wire::push_segment(out, &self.employee_id);
        out.push_str("/out-quota-cards/");
        wire::push_segment(out, &self.out_card_no);
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
            QueryQuotaCardByOutCardNoRequest {
                out_card_no: target.path("out_card_no")?.to_owned(),
                employee_id: target.path("employee_id")?.to_owned(),
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
        response: &QueryQuotaCardByOutCardNoResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        wire::echo("out_card_no", &self.out_card_no, &response.out_card_no)?;
        wire::echo("employee_id", &self.employee_id, &response.employee_id)?;
        Ok(())
    }
}

impl crate::Client {
    /// 企业商户使用商户卡号查询企业支付额度卡: `GET /v3/webizpay/employees/{employee_id}/out-quota-cards/{out_card_no}`.
    ///
    /// 企业商户查询企业支付额度卡。该接口允许服务商使用商户卡号查询指定员工的企业支付额度卡详情,包括卡片金额、可用金额、有效期、使用记录等信息。企业可通过此接口了解额度卡的使用情况,进行费用追踪和报销管理。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4015001625> (revision 2025-05-29).
    ///
    /// Notes: Header、路径与查询参数依据官方页面(2025.05.29,路径参数按页面顺序 out_card_no、employee_id);应答参数、请求示例、应答示例未见于官方页面,仅依据社区描述,其应答与按卡号查询(4014507119)完全相同,字段处理同 query_quota_card。 路径参数 out_card_no 在本页为 string(64),而下发额度卡接口的 out_card_no 为 string(32)、6-32个字符、限定字符集;两官方页面不一致,此处按本页 string(64),且本页描述未写长度范围与字符集,故不加 min_length/charset。 社区请求示例的 out_card_no(out_card_123456)与其应答示例(mch_card_123456)不一致;应答回显请求的 out_card_no(echo),故此处请求示例取 mch_card_123456。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `query_quota_card_by_out_card_no` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `sub_mchid`, `out_card_no`, `employee_id` as sent. It repeats every request parameter.
    pub async fn query_quota_card_by_out_card_no(
        &self,
        request: &QueryQuotaCardByOutCardNoRequest,
    ) -> Result<crate::Response<QueryQuotaCardByOutCardNoResponse>, crate::Error> {
        self.execute(request).await
    }
}
