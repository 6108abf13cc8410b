// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 发起门店主体匹配 (`POST /v3/webizpay/stores/entity-matches`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, Charset, ValidationError};

use crate::runtime::wire;

/// Static facts about `create_store_entity_match` (发起门店主体匹配).
pub(crate) const CREATE_STORE_ENTITY_MATCH: OperationInfo = OperationInfo {
    id: "create_store_entity_match",
    title: "发起门店主体匹配",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507136",
    revision: "2025-05-09",
    method: Method::Post,
    path_template: "/v3/webizpay/stores/entity-matches",
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

static OUT_BATCH_ID_CHARSET: Charset = Charset {
    ranges: &[('0', '9'), ('A', 'Z'), ('a', 'z')],
    chars: "_-|*",
    description: "0-9 A-Z a-z _-|*",
};

/// Request of 发起门店主体匹配.
///
/// 发起门店主体匹配。该接口允许服务商批量查询门店主体是否已在微信支付开通相关支付产品,匹配结果可用于后续企业支付业务的开展。企业可通过此接口确认合作门店的支付能力,提前了解是否可以使用企业支付功能进行消费。
///
/// `POST /v3/webizpay/stores/entity-matches`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507136> (revision 2025-05-09).
///
/// Notes: 请求部分(Header、包体参数含 match_details 属性及长度)为官方内容;应答参数、请求示例与应答示例未见于官方页面,依社区描述(TheNorthMemory/wechatpay-openapi 与 SKIT C# SDK 一致,无长度与标签,故为 string,标签取社区描述文字)。 product_type 的官方可选取值未渲染:官方描述文字为“目前仅支持 CODEPAY”,社区描述的取值与两份社区示例均为 CODE_PAY(另有 NONE);因官方取值列表未见,采用社区取值 CODE_PAY 与 NONE,线上取值写法未经官方确认。 批次状态 state 的取值(ACCEPTED、IN_PROGRESS、COMPLETED、CLOSED)仅见于社区描述,含义未见说明。 match_details 官方标为选填;每批最大条数未见说明。 错误码未见于官方页面:列出本族页面的公共错误码。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::create_store_entity_match`](crate::Client::create_store_entity_match).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`CreateStoreEntityMatchRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct CreateStoreEntityMatchRequest {
    /// 【商户主体匹配批次单号】 商户主体匹配批次单号,要求6-32个字符内,只能是数字、大小写字母_-|* 且在同一个商户号下唯一。
    ///
    /// Required; 6..=32 chars of `0-9 A-Z a-z _-|*`. Example: `batch12345678`.
    pub out_batch_id: String,

    /// 【主体匹配明细列表】 主体匹配明细列表
    ///
    /// Optional; array of [`StoreMatchDetail`](crate::generated::StoreMatchDetail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_details: Option<Vec<crate::generated::StoreMatchDetail>>,
}

/// Response of 发起门店主体匹配 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`CreateStoreEntityMatchResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct CreateStoreEntityMatchResponse {
    /// 【服务商商户号】 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 【商户主体匹配批次单号】 商户主体匹配批次单号
    ///
    /// Required; string. Example: `batch12345678`.
    pub out_batch_id: String,

    /// 【微信支付主体匹配批次单号】 微信支付主体匹配批次单号
    ///
    /// Required; string. Example: `1030000071201xxxxx`.
    pub batch_id: String,

    /// 【批次创建时间】 批次创建时间
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    pub time: chrono::DateTime<chrono::FixedOffset>,

    /// 【批次状态】 批次状态
    ///
    /// Required; one of `ACCEPTED`, `IN_PROGRESS`, `COMPLETED`, `CLOSED` ([`StoreMatchBatchState`](crate::generated::StoreMatchBatchState)). Example: `ACCEPTED`.
    pub state: crate::generated::StoreMatchBatchState,
}

impl Operation for CreateStoreEntityMatchRequest {
    type Response = CreateStoreEntityMatchResponse;

    const INFO: &'static OperationInfo = &CREATE_STORE_ENTITY_MATCH;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::length("out_batch_id", &self.out_batch_id, 6, Some(32))?;
        validate::charset("out_batch_id", &self.out_batch_id, &OUT_BATCH_ID_CHARSET)?;
        if let Some(value) = &self.match_details {
            for (i0, item0) in value.iter().enumerate() {
                item0.validate().map_err(|e| e.within(&format!("match_details[{i0}]")))?;
            }
        }
        Ok(())
    }
}

impl Sealed for CreateStoreEntityMatchRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/stores/entity-matches");
    }

    fn write_body(
        &self,
        fill: Fill<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            sp_mchid: &'a str,
            out_batch_id: &'a String,
            #[serde(skip_serializing_if = "Option::is_none")]
            match_details: Option<&'a Vec<crate::generated::StoreMatchDetail>>,
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                out_batch_id: &self.out_batch_id,
                match_details: self.match_details.as_ref(),
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
            out_batch_id: String,
            #[serde(default)]
            match_details: Option<Vec<crate::generated::StoreMatchDetail>>,
        }
        wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            CreateStoreEntityMatchRequest {
                out_batch_id: body.out_batch_id,
                match_details: body.match_details,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &CreateStoreEntityMatchResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("out_batch_id", &self.out_batch_id, &response.out_batch_id)?;
        Ok(())
    }
}

impl crate::Client {
    /// 发起门店主体匹配: `POST /v3/webizpay/stores/entity-matches`.
    ///
    /// 发起门店主体匹配。该接口允许服务商批量查询门店主体是否已在微信支付开通相关支付产品,匹配结果可用于后续企业支付业务的开展。企业可通过此接口确认合作门店的支付能力,提前了解是否可以使用企业支付功能进行消费。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507136> (revision 2025-05-09).
    ///
    /// Notes: 请求部分(Header、包体参数含 match_details 属性及长度)为官方内容;应答参数、请求示例与应答示例未见于官方页面,依社区描述(TheNorthMemory/wechatpay-openapi 与 SKIT C# SDK 一致,无长度与标签,故为 string,标签取社区描述文字)。 product_type 的官方可选取值未渲染:官方描述文字为“目前仅支持 CODEPAY”,社区描述的取值与两份社区示例均为 CODE_PAY(另有 NONE);因官方取值列表未见,采用社区取值 CODE_PAY 与 NONE,线上取值写法未经官方确认。 批次状态 state 的取值(ACCEPTED、IN_PROGRESS、COMPLETED、CLOSED)仅见于社区描述,含义未见说明。 match_details 官方标为选填;每批最大条数未见说明。 错误码未见于官方页面:列出本族页面的公共错误码。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `create_store_entity_match` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `out_batch_id` as sent. It does not repeat `match_details`: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).
    pub async fn create_store_entity_match(
        &self,
        request: &CreateStoreEntityMatchRequest,
    ) -> Result<crate::Response<CreateStoreEntityMatchResponse>, crate::Error> {
        self.execute(request).await
    }
}
