// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 添加商户标识 (`POST /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `add_merchant_identifier` (添加商户标识).
pub(crate) const ADD_MERCHANT_IDENTIFIER: OperationInfo = OperationInfo {
    id: "add_merchant_identifier",
    title: "添加商户标识",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4017205631",
    revision: "2026-01-15",
    method: Method::Post,
    path_template: "/v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers",
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

/// Request of 添加商户标识.
///
/// 添加商户标识。该接口允许服务商向已存在的可用商户范围中添加商户标识。根据商户标识类型,可以添加统一社会信用代码或微信支付订单号,用于精确控制额度卡的可用范围。
///
/// `POST /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205631> (revision 2026-01-15).
///
/// Notes: Header、路径参数、包体参数与请求示例(curl)来自官方页面;官方页面的应答参数、应答示例与错误码未见, 应答字段 range_id 依据社区描述(TheNorthMemory/wechatpay-openapi,必填,无长度,故为 string),应答状态码 200 亦依据社区描述。 merchant_identifier 须与范围的 identifier_type 相符,官方除 string(64) 外未给格式,故不加字符集校验。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(路径指向已有的 range_id)。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::add_merchant_identifier`](crate::Client::add_merchant_identifier).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`AddMerchantIdentifierRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct AddMerchantIdentifierRequest {
    /// 【可用商户范围id】 出资服务商限制的额度卡可用商户范围列表的唯一标识
    ///
    /// Path parameter, required; at most 64 chars. Example: `89f5123e-5ad4-4e0e-89b1-63ced0c798c5`.
    pub range_id: String,

    /// 【商户标识值】 根据商户标识类型传参:统一社会信用代码类型时传"统一社会信用代码",微信支付订单号类型时传"微信支付订单号"
    ///
    /// Required; at most 64 chars. Example: `91110000710926094P`.
    pub merchant_identifier: String,
}

/// Response of 添加商户标识 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`AddMerchantIdentifierResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct AddMerchantIdentifierResponse {
    /// 【可用商户范围id】 可用商户范围id
    ///
    /// Required; string. Example: `89f5123e-5ad4-4e0e-89b1-63ced0c798c5`.
    pub range_id: String,
}

impl Operation for AddMerchantIdentifierRequest {
    type Response = AddMerchantIdentifierResponse;

    const INFO: &'static OperationInfo = &ADD_MERCHANT_IDENTIFIER;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("range_id", &self.range_id)?;
        validate::length("range_id", &self.range_id, 0, Some(64))?;
        validate::path_segment("range_id", &self.range_id)?;
        validate::required("merchant_identifier", &self.merchant_identifier)?;
        validate::length("merchant_identifier", &self.merchant_identifier, 0, Some(64))?;
        Ok(())
    }
}

impl Sealed for AddMerchantIdentifierRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/avail-mch-ranges/");
        wire::push_segment(out, &self.range_id);
        out.push_str("/merchant-identifiers");
    }

    fn write_body(
        &self,
        fill: Fill<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            sp_mchid: &'a str,
            merchant_identifier: &'a String,
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                merchant_identifier: &self.merchant_identifier,
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
            merchant_identifier: String,
        }
        let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            AddMerchantIdentifierRequest {
                range_id: target.path("range_id")?.to_owned(),
                merchant_identifier: body.merchant_identifier,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        _fill: Fill<'_>,
        response: &AddMerchantIdentifierResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("range_id", &self.range_id, &response.range_id)?;
        Ok(())
    }
}

impl crate::Client {
    /// 添加商户标识: `POST /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers`.
    ///
    /// 添加商户标识。该接口允许服务商向已存在的可用商户范围中添加商户标识。根据商户标识类型,可以添加统一社会信用代码或微信支付订单号,用于精确控制额度卡的可用范围。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205631> (revision 2026-01-15).
    ///
    /// Notes: Header、路径参数、包体参数与请求示例(curl)来自官方页面;官方页面的应答参数、应答示例与错误码未见, 应答字段 range_id 依据社区描述(TheNorthMemory/wechatpay-openapi,必填,无长度,故为 string),应答状态码 200 亦依据社区描述。 merchant_identifier 须与范围的 identifier_type 相符,官方除 string(64) 外未给格式,故不加字符集校验。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(路径指向已有的 range_id)。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `add_merchant_identifier` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `range_id` as sent. It does not repeat `sp_mchid`, `merchant_identifier`: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).
    pub async fn add_merchant_identifier(
        &self,
        request: &AddMerchantIdentifierRequest,
    ) -> Result<crate::Response<AddMerchantIdentifierResponse>, crate::Error> {
        self.execute(request).await
    }
}
