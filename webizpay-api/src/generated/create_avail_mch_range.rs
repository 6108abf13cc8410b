// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 创建可用商户范围 (`POST /v3/webizpay/avail-mch-ranges`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

#[cfg(feature = "simulator")]
use crate::runtime::wire;

/// Static facts about `create_avail_mch_range` (创建可用商户范围).
pub(crate) const CREATE_AVAIL_MCH_RANGE: OperationInfo = OperationInfo {
    id: "create_avail_mch_range",
    title: "创建可用商户范围",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4017205621",
    revision: "2026-01-15",
    method: Method::Post,
    path_template: "/v3/webizpay/avail-mch-ranges",
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
    ],
    config_fields: &[
        crate::runtime::operation::ConfigField {
            name: "sp_mchid",
            source: crate::runtime::operation::ConfigSource::Mchid,
        },
    ],
};

/// Request of 创建可用商户范围.
///
/// 创建可用商户范围。该接口允许服务商创建新的可用商户范围,用于限制额度卡的可用商户范围。服务商可以根据业务需要创建基于统一社会信用代码或微信支付订单号的商户范围,便于管理不同场景下的额度卡使用限制。
///
/// `POST /v3/webizpay/avail-mch-ranges`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205621> (revision 2026-01-15).
///
/// Notes: Header、包体参数与请求示例(curl)来自官方页面;官方页面的应答参数、应答示例与错误码未见, 应答字段 range_id 依据社区描述(TheNorthMemory/wechatpay-openapi,必填,无长度,故为 string; label 取自本族路径参数 range_id 的官方 label),应答状态码 200 亦依据社区描述。 identifier_type 官方未给长度,取值与含义来自官方"可选取值"。 错误码未见于官方页面:列出本族页面的公共错误码。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::create_avail_mch_range`](crate::Client::create_avail_mch_range).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`CreateAvailMchRangeRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct CreateAvailMchRangeRequest {
    /// 【商户标识类型】 商户标识类型
    ///
    /// Required; one of `ORGANIZATION_CODE`, `TRANSACTION_ID` ([`MchRangeIdentifierType`](crate::generated::MchRangeIdentifierType)). Example: `ORGANIZATION_CODE`.
    pub identifier_type: crate::generated::MchRangeIdentifierType,
}

/// Response of 创建可用商户范围 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`CreateAvailMchRangeResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct CreateAvailMchRangeResponse {
    /// 【可用商户范围id】 可用商户范围id
    ///
    /// Required; string. Example: `89f5123e-5ad4-4e0e-89b1-63ced0c798c5`.
    pub range_id: String,
}

impl Operation for CreateAvailMchRangeRequest {
    type Response = CreateAvailMchRangeResponse;

    const INFO: &'static OperationInfo = &CREATE_AVAIL_MCH_RANGE;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::known_enum(
            "identifier_type",
            self.identifier_type.is_known(),
            self.identifier_type.as_str(),
            crate::generated::MchRangeIdentifierType::VALUES,
        )?;
        Ok(())
    }
}

impl Sealed for CreateAvailMchRangeRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/avail-mch-ranges");
    }

    fn write_body(
        &self,
        fill: Fill<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            sp_mchid: &'a str,
            identifier_type: &'a crate::generated::MchRangeIdentifierType,
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                identifier_type: &self.identifier_type,
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
            identifier_type: crate::generated::MchRangeIdentifierType,
        }
        wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            CreateAvailMchRangeRequest {
                identifier_type: body.identifier_type,
            },
            filled,
        ))
    }
}

impl crate::Client {
    /// 创建可用商户范围: `POST /v3/webizpay/avail-mch-ranges`.
    ///
    /// 创建可用商户范围。该接口允许服务商创建新的可用商户范围,用于限制额度卡的可用商户范围。服务商可以根据业务需要创建基于统一社会信用代码或微信支付订单号的商户范围,便于管理不同场景下的额度卡使用限制。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205621> (revision 2026-01-15).
    ///
    /// Notes: Header、包体参数与请求示例(curl)来自官方页面;官方页面的应答参数、应答示例与错误码未见, 应答字段 range_id 依据社区描述(TheNorthMemory/wechatpay-openapi,必填,无长度,故为 string; label 取自本族路径参数 range_id 的官方 label),应答状态码 200 亦依据社区描述。 identifier_type 官方未给长度,取值与含义来自官方"可选取值"。 错误码未见于官方页面:列出本族页面的公共错误码。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `create_avail_mch_range` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer repeats no request parameter. It does not repeat `sp_mchid`, `identifier_type`: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).
    pub async fn create_avail_mch_range(
        &self,
        request: &CreateAvailMchRangeRequest,
    ) -> Result<crate::Response<CreateAvailMchRangeResponse>, crate::Error> {
        self.execute(request).await
    }
}
