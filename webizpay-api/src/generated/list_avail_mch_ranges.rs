// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 查询可用商户范围列表 (`GET /v3/webizpay/avail-mch-ranges`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::ValidationError;
use crate::runtime::wire;

/// Static facts about `list_avail_mch_ranges` (查询可用商户范围列表).
pub(crate) const LIST_AVAIL_MCH_RANGES: OperationInfo = OperationInfo {
    id: "list_avail_mch_ranges",
    title: "查询可用商户范围列表",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4017205627",
    revision: "2026-01-15",
    method: Method::Get,
    path_template: "/v3/webizpay/avail-mch-ranges",
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

/// Request of 查询可用商户范围列表.
///
/// 查询可用商户范围列表。该接口允许服务商查询已创建的所有可用商户范围ID列表。通过此接口可以获取服务商下所有的可用商户范围,便于后续的范围管理和额度卡配置。
///
/// `GET /v3/webizpay/avail-mch-ranges`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205627> (revision 2026-01-15).
///
/// Notes: Header、查询参数(仅 sp_mchid,官方无分页参数)与请求示例(curl)来自官方页面;官方页面的应答参数、应答示例与错误码未见, 应答字段依据社区描述(TheNorthMemory/wechatpay-openapi):sp_mchid 与 range_list 必填,无长度故为 string; range_list 各项的 range_id、identifier_type 社区未标必填,故为 required: false;label 取自本族官方页面同名参数; 应答状态码 200 亦依据社区描述。错误码未见于官方页面:列出本族页面的公共错误码。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::list_avail_mch_ranges`](crate::Client::list_avail_mch_ranges).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`ListAvailMchRangesRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ListAvailMchRangesRequest {}

/// Response of 查询可用商户范围列表 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`ListAvailMchRangesResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ListAvailMchRangesResponse {
    /// 【服务商商户号】 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 【可用商户范围列表】 可用商户范围列表
    ///
    /// Required; array of [`AvailMchRange`](crate::generated::AvailMchRange).
    pub range_list: Vec<crate::generated::AvailMchRange>,
}

impl Operation for ListAvailMchRangesRequest {
    type Response = ListAvailMchRangesResponse;

    const INFO: &'static OperationInfo = &LIST_AVAIL_MCH_RANGES;

    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

impl Sealed for ListAvailMchRangesRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/avail-mch-ranges");
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
        Ok((ListAvailMchRangesRequest {}, filled))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &ListAvailMchRangesResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        Ok(())
    }
}

impl crate::Client {
    /// 查询可用商户范围列表: `GET /v3/webizpay/avail-mch-ranges`.
    ///
    /// 查询可用商户范围列表。该接口允许服务商查询已创建的所有可用商户范围ID列表。通过此接口可以获取服务商下所有的可用商户范围,便于后续的范围管理和额度卡配置。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4017205627> (revision 2026-01-15).
    ///
    /// Notes: Header、查询参数(仅 sp_mchid,官方无分页参数)与请求示例(curl)来自官方页面;官方页面的应答参数、应答示例与错误码未见, 应答字段依据社区描述(TheNorthMemory/wechatpay-openapi):sp_mchid 与 range_list 必填,无长度故为 string; range_list 各项的 range_id、identifier_type 社区未标必填,故为 required: false;label 取自本族官方页面同名参数; 应答状态码 200 亦依据社区描述。错误码未见于官方页面:列出本族页面的公共错误码。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `list_avail_mch_ranges` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid` as sent. It repeats every request parameter.
    pub async fn list_avail_mch_ranges(
        &self,
        request: &ListAvailMchRangesRequest,
    ) -> Result<crate::Response<ListAvailMchRangesResponse>, crate::Error> {
        self.execute(request).await
    }
}
