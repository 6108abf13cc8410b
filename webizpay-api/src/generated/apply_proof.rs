// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 申请企业商户企业支付出资凭证 (`POST /v3/webizpay/bill/proof`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, Charset, ValidationError};

use crate::runtime::wire;

/// Static facts about `apply_proof` (申请企业商户企业支付出资凭证).
pub(crate) const APPLY_PROOF: OperationInfo = OperationInfo {
    id: "apply_proof",
    title: "申请企业商户企业支付出资凭证",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507157",
    revision: "2025-05-09",
    method: Method::Post,
    path_template: "/v3/webizpay/bill/proof",
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

static OUT_OPERATION_ID_CHARSET: Charset = Charset {
    ranges: &[('0', '9'), ('A', 'Z'), ('a', 'z')],
    chars: "_-|*",
    description: "0-9 A-Z a-z _-|*",
};

/// Request of 申请企业商户企业支付出资凭证.
///
/// 申请企业商户企业支付出资凭证。该接口允许服务商为指定出资子商户申请特定日期范围内的企业支付出资凭证,便于企业财务记账和报销管理。出资凭证包含企业支付交易的详细信息,可用于财务核对和税务申报。
///
/// `POST /v3/webizpay/bill/proof`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507157> (revision 2025-05-09).
///
/// Notes: 请求部分(Header、包体参数)为官方内容;应答参数、请求示例与应答示例未见于官方页面,依社区描述(TheNorthMemory/wechatpay-openapi 的 proof.yaml,无长度与标签,故为 string,标签取社区描述文字)。 两个社区来源对创建时间字段名不一致:TheNorthMemory 为 create_time,SKIT C# SDK 为 created_time;无法判定,故两者都列出且均为 required: false。 entity_name 在 SKIT 中可空且在请求中为选填,故应答中为 required: false。 应答无状态字段,凭证是否异步生成(download_url 是否可能暂为空)未见说明。 错误码未见于官方页面:列出本族页面的公共错误码。 下载规则未见于本页,参照通用下载账单页面(签名的 GET 请求,下载应答不含签名);社区描述均无哈希字段,文件格式未见。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::apply_proof`](crate::Client::apply_proof).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`ApplyProofRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ApplyProofRequest {
    /// 【出资子商户号】 由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明
    ///
    /// Required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,

    /// 【起始日期】 起始日期 格式yyyy-MM-DD,仅支持三个月内的账单下载申请。
    ///
    /// Required; date `yyyy-MM-DD`. Example: `2025-04-23`.
    pub start_date: chrono::NaiveDate,

    /// 【结束日期】 结束日期 格式yyyy-MM-DD,仅支持三个月内的账单下载申请。
    ///
    /// Required; date `yyyy-MM-DD`. Example: `2025-04-23`.
    pub end_date: chrono::NaiveDate,

    /// 【商户主体名称】 商户主体名称,传入指定商户主体名称时,则仅下载该主体下所有收单商户的企业支付订单,方便企业找对应收单商户开具发票
    ///
    /// Optional; at most 256 chars. Example: `某某科技有限公司`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,

    /// 【商户操作流水号】 商户操作流水号,要求6-32个字符内,只能是数字、大小写字母_-|* 且在同一个商户号下唯一。
    ///
    /// Required; 6..=32 chars of `0-9 A-Z a-z _-|*`. Example: `operation12345678`.
    pub out_operation_id: String,
}

/// Response of 申请企业商户企业支付出资凭证 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`ApplyProofResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ApplyProofResponse {
    /// 【服务商商户号】 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 【商户操作流水号】 商户操作流水号
    ///
    /// Required; string. Example: `operation12345678`.
    pub out_operation_id: String,

    /// 【微信支付操作流水号】 微信支付操作流水号
    ///
    /// Required; string. Example: `1030000071201xxxxx`.
    pub operation_id: String,

    /// 【出资子商户号】 出资子商户号
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 【起始日期】 起始日期
    ///
    /// Required; date `yyyy-MM-DD`. Example: `2025-04-23`.
    pub start_date: chrono::NaiveDate,

    /// 【结束日期】 结束日期
    ///
    /// Required; date `yyyy-MM-DD`. Example: `2025-04-23`.
    pub end_date: chrono::NaiveDate,

    /// 【商户主体名称】 商户主体名称
    ///
    /// Optional; string. Example: `某某科技有限公司`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,

    /// 【出资凭证申请单单号】 出资凭证申请单单号
    ///
    /// Required; string. Example: `proof12345678`.
    pub proof_id: String,

    /// 【凭证下载地址】 凭证下载地址
    ///
    /// Required; string. Example: `https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx`.
    pub download_url: String,

    /// 【凭证申请创建时间】 凭证申请创建时间(字段名依 TheNorthMemory/wechatpay-openapi;SKIT C# SDK 写作 created_time)
    ///
    /// Optional; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// 【凭证申请创建时间】 凭证申请创建时间(字段名依 SKIT C# SDK;TheNorthMemory/wechatpay-openapi 写作 create_time)
    ///
    /// Optional; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// 【凭证状态更新时间】 凭证状态更新时间
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    pub updated_time: chrono::DateTime<chrono::FixedOffset>,
}

/// The answer names a file: download it with [`Client::download`](crate::Client::download).
impl crate::runtime::download::Downloadable for ApplyProofResponse {
    const OPERATION: &'static OperationInfo = &APPLY_PROOF;

    fn download_url(&self) -> &str {
        &self.download_url
    }

    fn expected_hash(&self) -> Option<(&str, &str)> {
        None
    }

    fn incomplete_hash(&self) -> Option<&'static str> {
        None
    }
}

impl Operation for ApplyProofRequest {
    type Response = ApplyProofResponse;

    const INFO: &'static OperationInfo = &APPLY_PROOF;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        validate::date("start_date", &self.start_date)?;
        validate::date("end_date", &self.end_date)?;
        if let Some(value) = &self.entity_name {
            validate::length("entity_name", value, 0, Some(256))?;
        }
        validate::length("out_operation_id", &self.out_operation_id, 6, Some(32))?;
        validate::charset(
            "out_operation_id",
            &self.out_operation_id,
            &OUT_OPERATION_ID_CHARSET,
        )?;
        Ok(())
    }
}

impl Sealed for ApplyProofRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/bill/proof");
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
            start_date: &'a chrono::NaiveDate,
            end_date: &'a chrono::NaiveDate,
            #[serde(skip_serializing_if = "Option::is_none")]
            entity_name: Option<&'a String>,
            out_operation_id: &'a String,
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                sub_mchid: &self.sub_mchid,
                start_date: &self.start_date,
                end_date: &self.end_date,
                entity_name: self.entity_name.as_ref(),
                out_operation_id: &self.out_operation_id,
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
            start_date: chrono::NaiveDate,
            end_date: chrono::NaiveDate,
            #[serde(default)]
            entity_name: Option<String>,
            out_operation_id: String,
        }
        wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            ApplyProofRequest {
                sub_mchid: body.sub_mchid,
                start_date: body.start_date,
                end_date: body.end_date,
                entity_name: body.entity_name,
                out_operation_id: body.out_operation_id,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &ApplyProofResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo(
            "out_operation_id",
            &self.out_operation_id,
            &response.out_operation_id,
        )?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        wire::echo("start_date", &self.start_date, &response.start_date)?;
        wire::echo("end_date", &self.end_date, &response.end_date)?;
        if let (Some(sent), Some(answered)) = (
            &self.entity_name,
            &response.entity_name,
        ) {
            wire::echo("entity_name", sent, answered)?;
        }
        Ok(())
    }
}

impl crate::Client {
    /// 申请企业商户企业支付出资凭证: `POST /v3/webizpay/bill/proof`.
    ///
    /// 申请企业商户企业支付出资凭证。该接口允许服务商为指定出资子商户申请特定日期范围内的企业支付出资凭证,便于企业财务记账和报销管理。出资凭证包含企业支付交易的详细信息,可用于财务核对和税务申报。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507157> (revision 2025-05-09).
    ///
    /// Notes: 请求部分(Header、包体参数)为官方内容;应答参数、请求示例与应答示例未见于官方页面,依社区描述(TheNorthMemory/wechatpay-openapi 的 proof.yaml,无长度与标签,故为 string,标签取社区描述文字)。 两个社区来源对创建时间字段名不一致:TheNorthMemory 为 create_time,SKIT C# SDK 为 created_time;无法判定,故两者都列出且均为 required: false。 entity_name 在 SKIT 中可空且在请求中为选填,故应答中为 required: false。 应答无状态字段,凭证是否异步生成(download_url 是否可能暂为空)未见说明。 错误码未见于官方页面:列出本族页面的公共错误码。 下载规则未见于本页,参照通用下载账单页面(签名的 GET 请求,下载应答不含签名);社区描述均无哈希字段,文件格式未见。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `apply_proof` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `out_operation_id`, `sub_mchid`, `start_date`, `end_date`, `entity_name` as sent. It repeats every request parameter.
    pub async fn apply_proof(
        &self,
        request: &ApplyProofRequest,
    ) -> Result<crate::Response<ApplyProofResponse>, crate::Error> {
        self.execute(request).await
    }
}
