// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 查询门店主体匹配结果 (`GET /v3/webizpay/stores/entity-matches/{batch_id}`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `query_store_entity_match` (查询门店主体匹配结果).
pub(crate) const QUERY_STORE_ENTITY_MATCH: OperationInfo = OperationInfo {
    id: "query_store_entity_match",
    title: "查询门店主体匹配结果",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507133",
    revision: "2025-05-09",
    method: Method::Get,
    path_template: "/v3/webizpay/stores/entity-matches/{batch_id}",
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

/// Request of 查询门店主体匹配结果.
///
/// 查询门店主体匹配结果。该接口允许服务商查询之前发起的门店主体匹配批次结果,包括各门店统一社会信用代码是否存在满足条件的微信支付商户号。通过此接口可获取匹配结果详情,确认哪些门店可以使用企业支付功能。
///
/// `GET /v3/webizpay/stores/entity-matches/{batch_id}`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507133> (revision 2025-05-09).
///
/// Notes: 请求部分(Header、路径参数、查询参数)为官方内容;应答参数、请求示例与应答示例未见于官方页面,依社区描述(TheNorthMemory/wechatpay-openapi 与 SKIT C# SDK 一致,无长度与标签,故为 string,标签取社区描述文字)。 match_results 在社区描述中为非必填(推测在批次有结果前不返回,未见说明);state 取值仅见于社区描述。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(按 batch_id 查询)。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::query_store_entity_match`](crate::Client::query_store_entity_match).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`QueryStoreEntityMatchRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct QueryStoreEntityMatchRequest {
    /// 【微信支付主体匹配批次单号】 微信支付主体匹配批次单号,标记某一次响应商户主体匹配信息对应的处理单号,在微信支付体系下唯一。从发起门店主体匹配时微信支付的返回中获得。
    ///
    /// Path parameter, required; at most 32 chars. Example: `1030000071201xxxxx`.
    pub batch_id: String,
}

/// Response of 查询门店主体匹配结果 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`QueryStoreEntityMatchResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct QueryStoreEntityMatchResponse {
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

    /// 【批次状态】 批次状态
    ///
    /// Required; one of `ACCEPTED`, `IN_PROGRESS`, `COMPLETED`, `CLOSED` ([`StoreMatchBatchState`](crate::generated::StoreMatchBatchState)). Example: `ACCEPTED`.
    pub state: crate::generated::StoreMatchBatchState,

    /// 【主体匹配明细列表】 主体匹配明细列表
    ///
    /// Optional; array of [`StoreMatchResult`](crate::generated::StoreMatchResult).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_results: Option<Vec<crate::generated::StoreMatchResult>>,
}

impl Operation for QueryStoreEntityMatchRequest {
    type Response = QueryStoreEntityMatchResponse;

    const INFO: &'static OperationInfo = &QUERY_STORE_ENTITY_MATCH;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("batch_id", &self.batch_id)?;
        validate::length("batch_id", &self.batch_id, 0, Some(32))?;
        validate::path_segment("batch_id", &self.batch_id)?;
        Ok(())
    }
}

impl Sealed for QueryStoreEntityMatchRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/stores/entity-matches/");
        wire::push_segment(out, &self.batch_id);
        let mut query = wire::QueryWriter::new(out);
        query.pair("sp_mchid", fill.mchid);
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
            QueryStoreEntityMatchRequest {
                batch_id: target.path("batch_id")?.to_owned(),
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &QueryStoreEntityMatchResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("batch_id", &self.batch_id, &response.batch_id)?;
        Ok(())
    }
}

impl crate::Client {
    /// 查询门店主体匹配结果: `GET /v3/webizpay/stores/entity-matches/{batch_id}`.
    ///
    /// 查询门店主体匹配结果。该接口允许服务商查询之前发起的门店主体匹配批次结果,包括各门店统一社会信用代码是否存在满足条件的微信支付商户号。通过此接口可获取匹配结果详情,确认哪些门店可以使用企业支付功能。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507133> (revision 2025-05-09).
    ///
    /// Notes: 请求部分(Header、路径参数、查询参数)为官方内容;应答参数、请求示例与应答示例未见于官方页面,依社区描述(TheNorthMemory/wechatpay-openapi 与 SKIT C# SDK 一致,无长度与标签,故为 string,标签取社区描述文字)。 match_results 在社区描述中为非必填(推测在批次有结果前不返回,未见说明);state 取值仅见于社区描述。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(按 batch_id 查询)。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `query_store_entity_match` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `batch_id` as sent. It repeats every request parameter.
    pub async fn query_store_entity_match(
        &self,
        request: &QueryStoreEntityMatchRequest,
    ) -> Result<crate::Response<QueryStoreEntityMatchResponse>, crate::Error> {
        self.execute(request).await
    }
}
