// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 查询商户标识列表 (`GET /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `list_merchant_identifiers` (查询商户标识列表).
pub(crate) const LIST_MERCHANT_IDENTIFIERS: OperationInfo = OperationInfo {
    id: "list_merchant_identifiers",
    title: "查询商户标识列表",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4017205633",
    revision: "2026-01-15",
    method: Method::Get,
    path_template: "/v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers",
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

/// Request of 查询商户标识列表.
///
/// 查询商户标识列表。该接口允许服务商查询指定可用商户范围内的所有商户标识。支持分页查询,便于管理大量的商户数据,了解范围内包含的具体商户信息。
///
/// `GET /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205633> (revision 2026-01-15).
///
/// Notes: Header、路径参数、查询参数与请求示例(curl)来自官方页面;offset 与 limit 官方均标必填(虽然 limit 描述为"默认100"), offset 按"从0开始计数"取 minimum 0,limit 按"最大500"取 maximum 500,官方未给 limit 下限故不设 minimum。 官方页面的应答参数、应答示例与错误码未见,应答字段依据社区描述(TheNorthMemory/wechatpay-openapi,均必填,data 为字符串数组,无长度), 应答状态码 200 亦依据社区描述;offset、limit 的 label 取自官方查询参数。 应答的 offset、limit 仅见于社区描述,故不作回显检查(列于 not_echoed):若服务端调整 limit,真实应答不应被拒收。 应答示例中 count 与 total_count 按所列 data 调整为 1(社区的单字段示例值 100、1000 与一项 data 不相符)。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(路径指向已有的 range_id)。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::list_merchant_identifiers`](crate::Client::list_merchant_identifiers).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`ListMerchantIdentifiersRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ListMerchantIdentifiersRequest {
    /// 【可用商户范围id】 出资服务商限制的额度卡可用商户范围列表的唯一标识
    ///
    /// Path parameter, required; at most 64 chars. Example: `89f5123e-5ad4-4e0e-89b1-63ced0c798c5`.
    pub range_id: String,

    /// 【分页开始位置】 该次请求的分页开始位置,从0开始计数,例如offset=10,表示从第11条记录开始返回。
    ///
    /// Query parameter, required; integer; >= 0. Example: `0`.
    pub offset: i64,

    /// 【分页大小】 分页大小,默认100,最大500
    ///
    /// Query parameter, required; integer; <= 500. Example: `100`.
    pub limit: i64,
}

/// Response of 查询商户标识列表 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`ListMerchantIdentifiersResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ListMerchantIdentifiersResponse {
    /// 【分页开始位置】 分页开始位置
    ///
    /// Required; integer. Example: `0`.
    pub offset: i64,

    /// 【分页大小】 分页大小
    ///
    /// Required; integer. Example: `100`.
    pub limit: i64,

    /// 实际返回数量
    ///
    /// Required; integer. Example: `100`.
    pub count: i64,

    /// 总数量
    ///
    /// Required; integer. Example: `1000`.
    pub total_count: i64,

    /// 商户标识列表
    ///
    /// Required; array of string. Example: `["91110000710926094P"]`.
    pub data: Vec<String>,
}

impl Operation for ListMerchantIdentifiersRequest {
    type Response = ListMerchantIdentifiersResponse;

    const INFO: &'static OperationInfo = &LIST_MERCHANT_IDENTIFIERS;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("range_id", &self.range_id)?;
        validate::length("range_id", &self.range_id, 0, Some(64))?;
        validate::path_segment("range_id", &self.range_id)?;
        validate::int_range("offset", self.offset, Some(0), None)?;
        validate::int_range("limit", self.limit, None, Some(500))?;
        Ok(())
    }
}

impl Sealed for ListMerchantIdentifiersRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/avail-mch-ranges/");
        wire::push_segment(out, &self.range_id);
        out.push_str("/merchant-identifiers");
        let mut query = wire::QueryWriter::new(out);
        query.pair("sp_mchid", fill.mchid);
        query.pair_display("offset", &self.offset);
        query.pair_display("limit", &self.limit);
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
            ListMerchantIdentifiersRequest {
                range_id: target.path("range_id")?.to_owned(),
                offset: wire::parse_scalar(
                    "offset",
                    target
                        .query("offset")
                        .ok_or(wire::WireError::Missing {
                            field: std::borrow::Cow::Borrowed("offset"),
                        })?,
                )?,
                limit: wire::parse_scalar(
                    "limit",
                    target
                        .query("limit")
                        .ok_or(wire::WireError::Missing {
                            field: std::borrow::Cow::Borrowed("limit"),
                        })?,
                )?,
            },
            filled,
        ))
    }
}

impl crate::Client {
    /// 查询商户标识列表: `GET /v3/webizpay/avail-mch-ranges/{range_id}/merchant-identifiers`.
    ///
    /// 查询商户标识列表。该接口允许服务商查询指定可用商户范围内的所有商户标识。支持分页查询,便于管理大量的商户数据,了解范围内包含的具体商户信息。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205633> (revision 2026-01-15).
    ///
    /// Notes: Header、路径参数、查询参数与请求示例(curl)来自官方页面;offset 与 limit 官方均标必填(虽然 limit 描述为"默认100"), offset 按"从0开始计数"取 minimum 0,limit 按"最大500"取 maximum 500,官方未给 limit 下限故不设 minimum。 官方页面的应答参数、应答示例与错误码未见,应答字段依据社区描述(TheNorthMemory/wechatpay-openapi,均必填,data 为字符串数组,无长度), 应答状态码 200 亦依据社区描述;offset、limit 的 label 取自官方查询参数。 应答的 offset、limit 仅见于社区描述,故不作回显检查(列于 not_echoed):若服务端调整 limit,真实应答不应被拒收。 应答示例中 count 与 total_count 按所列 data 调整为 1(社区的单字段示例值 100、1000 与一项 data 不相符)。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(路径指向已有的 range_id)。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `list_merchant_identifiers` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer repeats no request parameter. It does not repeat `range_id`, `sp_mchid`, `offset`, `limit`: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).
    pub async fn list_merchant_identifiers(
        &self,
        request: &ListMerchantIdentifiersRequest,
    ) -> Result<crate::Response<ListMerchantIdentifiersResponse>, crate::Error> {
        self.execute(request).await
    }
}
