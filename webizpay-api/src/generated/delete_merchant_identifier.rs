// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 删除商户标识 (`DELETE /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers/{merchant_identifier}`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `delete_merchant_identifier` (删除商户标识).
pub(crate) const DELETE_MERCHANT_IDENTIFIER: OperationInfo = OperationInfo {
    id: "delete_merchant_identifier",
    title: "删除商户标识",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4017205637",
    revision: "2026-01-15",
    method: Method::Delete,
    path_template: "/v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers/{merchant_identifier}",
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

/// Request of 删除商户标识.
///
/// 删除商户标识。该接口允许服务商从已存在的可用商户范围中删除商户标识。当某个商户标识不再需要被包含在范围内时,可以通过此接口进行移除操作。
///
/// `DELETE /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers/{merchant_identifier}`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205637> (revision 2026-01-15).
///
/// Notes: Header、路径参数、包体参数与请求示例(curl)来自官方页面:DELETE 携带 JSON 包体(sp_mchid),Content-Type 必填,签名须包含该包体。 官方页面的应答参数(含状态码)、应答示例与错误码未见;应答状态码 200 与应答字段 range_id(必填,无长度,故为 string)依据社区描述(TheNorthMemory/wechatpay-openapi), 官方是否为 204 无包体未知。merchant_identifier 为路径段,须按 URL 编码发送并按发送的 URL 签名。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(路径指向已有的 range_id 与商户标识)。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::delete_merchant_identifier`](crate::Client::delete_merchant_identifier).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`DeleteMerchantIdentifierRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct DeleteMerchantIdentifierRequest {
    /// 【可用商户范围id】 出资服务商限制的额度卡可用商户范围列表的唯一标识
    ///
    /// Path parameter, required; at most 64 chars. Example: `89f5123e-5ad4-4e0e-89b1-63ced0c798c5`.
    pub range_id: String,

    /// 【商户标识值】 根据商户标识类型传参:统一社会信用代码类型时传"统一社会信用代码",微信支付订单号类型时传"微信支付订单号"
    ///
    /// Path parameter, required; at most 64 chars. Example: `91110000710926094P`.
    pub merchant_identifier: String,
}

/// Response of 删除商户标识 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`DeleteMerchantIdentifierResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct DeleteMerchantIdentifierResponse {
    /// 【可用商户范围id】 可用商户范围id
    ///
    /// Required; string. Example: `89f5123e-5ad4-4e0e-89b1-63ced0c798c5`.
    pub range_id: String,
}

impl Operation for DeleteMerchantIdentifierRequest {
    type Response = DeleteMerchantIdentifierResponse;

    const INFO: &'static OperationInfo = &DELETE_MERCHANT_IDENTIFIER;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("range_id", &self.range_id)?;
        validate::length("range_id", &self.range_id, 0, Some(64))?;
        validate::path_segment("range_id", &self.range_id)?;
        validate::required("merchant_identifier", &self.merchant_identifier)?;
        validate::length("merchant_identifier", &self.merchant_identifier, 0, Some(64))?;
        validate::path_segment("merchant_identifier", &self.merchant_identifier)?;
        Ok(())
    }
}

impl Sealed for DeleteMerchantIdentifierRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/avail-mch-ranges/");
        wire::push_segment(out, &self.range_id);
        out.push_str("/merchant-identifiers/");
        wire::push_segment(out, &self.merchant_identifier);
    }

    fn write_body(
        &self,
        fill: Fill<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            sp_mchid: &'a str,
        }
        serde_json::to_writer(out, &Body { sp_mchid: fill.mchid })
    }

    #[cfg(feature = "simulator")]
    fn from_wire(
        target: &str,
        body: &[u8],
    ) -> Result<(Self, crate::runtime::operation::sealed::Filled), wire::WireError> {
        #[derive(serde::Deserialize)]
        struct Body {
            sp_mchid: String,
        }
        let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            DeleteMerchantIdentifierRequest {
                range_id: target.path("range_id")?.to_owned(),
                merchant_identifier: target.path("merchant_identifier")?.to_owned(),
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        _fill: Fill<'_>,
        response: &DeleteMerchantIdentifierResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("range_id", &self.range_id, &response.range_id)?;
        Ok(())
    }
}

impl crate::Client {
    /// 删除商户标识: `DELETE /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers/{merchant_identifier}`.
    ///
    /// 删除商户标识。该接口允许服务商从已存在的可用商户范围中删除商户标识。当某个商户标识不再需要被包含在范围内时,可以通过此接口进行移除操作。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205637> (revision 2026-01-15).
    ///
    /// Notes: Header、路径参数、包体参数与请求示例(curl)来自官方页面:DELETE 携带 JSON 包体(sp_mchid),Content-Type 必填,签名须包含该包体。 官方页面的应答参数(含状态码)、应答示例与错误码未见;应答状态码 200 与应答字段 range_id(必填,无长度,故为 string)依据社区描述(TheNorthMemory/wechatpay-openapi), 官方是否为 204 无包体未知。merchant_identifier 为路径段,须按 URL 编码发送并按发送的 URL 签名。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(路径指向已有的 range_id 与商户标识)。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `delete_merchant_identifier` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `range_id` as sent. It does not repeat `merchant_identifier`, `sp_mchid`: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).
    pub async fn delete_merchant_identifier(
        &self,
        request: &DeleteMerchantIdentifierRequest,
    ) -> Result<crate::Response<DeleteMerchantIdentifierResponse>, crate::Error> {
        self.execute(request).await
    }
}
