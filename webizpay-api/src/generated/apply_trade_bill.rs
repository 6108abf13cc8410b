// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 申请企业商户企业支付业务账单 (`POST /v3/webizpay/bill/trade-bill`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `apply_trade_bill` (申请企业商户企业支付业务账单).
pub(crate) const APPLY_TRADE_BILL: OperationInfo = OperationInfo {
    id: "apply_trade_bill",
    title: "申请企业商户企业支付业务账单",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507142",
    revision: "2025-05-09",
    method: Method::Post,
    path_template: "/v3/webizpay/bill/trade-bill",
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

/// Request of 申请企业商户企业支付业务账单.
///
/// 申请企业商户企业支付业务账单。该接口允许服务商为指定出资子商户申请特定日期的企业支付业务账单,仅支持申请三个月内的账单数据。业务账单包含交易明细,可用于企业对账和财务分析。
///
/// `POST /v3/webizpay/bill/trade-bill`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507142> (revision 2025-05-09).
///
/// Notes: 请求部分依据 2025.05.09 修订版(sp_mchid 与 sub_mchid 为 string(32));应答参数依据 2025.04.29 版文本(仅五个字段,无长度,故为 string;2025.05.09 版应答部分未见)。 hash_type 与 hash_value 仅见于社区 SKIT C# SDK(其示例值与通用下载账单页面的占位值相同,未经官方核实),故为 required: false;TheNorthMemory 描述与 2025.04.29 官方文本均无此二字段。 请求示例与应答示例未见于官方页面,示例取自社区描述。 错误码未见于官方页面:列出本族页面的公共错误码。 download_url 链接5分钟内有效;依通用下载账单页面,下载请求按 V3 规则签名(GET download_url),下载应答不含签名,须跳过验签;账单文件格式未见。 依通用下载账单页面(服务商,2025.04.07):微信将在次日9点开始生成前一天的对账单,建议服务商在10点后获取(BillDate::latest_ready 依此)。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::apply_trade_bill`](crate::Client::apply_trade_bill).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`ApplyTradeBillRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ApplyTradeBillRequest {
    /// 【出资子商户号】 由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明。
    ///
    /// Required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,

    /// 【账单日期】 账单日期,仅支持申请三个月内业务账单,格式yyyy-MM-DD。 仅支持按一天的纬度查询
    ///
    /// Required; date `yyyy-MM-DD`. Example: `2025-04-23`.
    pub date: chrono::NaiveDate,

    /// 【账单类型】 账单类型,当前默认只有QYZFALL
    ///
    /// Required; one of `QYZFALL` ([`TradeBillType`](crate::generated::TradeBillType)). Example: `QYZFALL`.
    #[serde(rename = "type")]
    pub r#type: crate::generated::TradeBillType,
}

/// Response of 申请企业商户企业支付业务账单 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`ApplyTradeBillResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ApplyTradeBillResponse {
    /// 【服务商商户号】 服务商商户号,由商户请求时传入
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 【出资子商户号】 出资子商户号,表示此出资商户的账单,又商户请求时传入
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 【账单日期】 账单日期 格式yyyy-MM-DD,表示当日的账单
    ///
    /// Required; date `yyyy-MM-DD`. Example: `2025-04-23`.
    pub date: chrono::NaiveDate,

    /// 【账单类型】 账单类型,商户请求时传入
    ///
    /// Required; one of `QYZFALL` ([`TradeBillType`](crate::generated::TradeBillType)). Example: `QYZFALL`.
    #[serde(rename = "type")]
    pub r#type: crate::generated::TradeBillType,

    /// 【账单下载地址】 账单下载地址,链接5分钟内有效
    ///
    /// Required; string. Example: `https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx`.
    pub download_url: String,

    /// 【哈希类型】 哈希类型(仅见于社区 SKIT C# SDK,官方页面未见)
    ///
    /// Optional; string. Example: `SHA1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_type: Option<String>,

    /// 【哈希值】 哈希值(仅见于社区 SKIT C# SDK,官方页面未见)
    ///
    /// Optional; string. Example: `79bb0f45fc4c42234a918000b2668d689e2bde04`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_value: Option<String>,
}

/// The answer names a file: download it with [`Client::download`](crate::Client::download).
impl crate::runtime::download::Downloadable for ApplyTradeBillResponse {
    const OPERATION: &'static OperationInfo = &APPLY_TRADE_BILL;

    fn download_url(&self) -> &str {
        &self.download_url
    }

    fn expected_hash(&self) -> Option<(&str, &str)> {
        match (&self.hash_type, &self.hash_value) {
            (Some(t), Some(v)) => Some((t.as_str(), v.as_str())),
            _ => None,
        }
    }

    fn incomplete_hash(&self) -> Option<&'static str> {
        match (&self.hash_type, &self.hash_value) {
            (Some(_), None) => Some("hash_type"),
            (None, Some(_)) => Some("hash_value"),
            _ => None,
        }
    }
}

impl Operation for ApplyTradeBillRequest {
    type Response = ApplyTradeBillResponse;

    const INFO: &'static OperationInfo = &APPLY_TRADE_BILL;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        validate::date("date", &self.date)?;
        validate::known_enum(
            "type",
            self.r#type.is_known(),
            self.r#type.as_str(),
            crate::generated::TradeBillType::VALUES,
        )?;
        Ok(())
    }
}

impl Sealed for ApplyTradeBillRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/bill/trade-bill");
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
            date: &'a chrono::NaiveDate,
            #[serde(rename = "type")]
            r#type: &'a crate::generated::TradeBillType,
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                sub_mchid: &self.sub_mchid,
                date: &self.date,
                r#type: &self.r#type,
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
            date: chrono::NaiveDate,
            #[serde(rename = "type")]
            r#type: crate::generated::TradeBillType,
        }
        wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            ApplyTradeBillRequest {
                sub_mchid: body.sub_mchid,
                date: body.date,
                r#type: body.r#type,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &ApplyTradeBillResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        wire::echo("date", &self.date, &response.date)?;
        wire::echo("type", &self.r#type, &response.r#type)?;
        Ok(())
    }
}

impl crate::Client {
    /// 申请企业商户企业支付业务账单: `POST /v3/webizpay/bill/trade-bill`.
    ///
    /// 申请企业商户企业支付业务账单。该接口允许服务商为指定出资子商户申请特定日期的企业支付业务账单,仅支持申请三个月内的账单数据。业务账单包含交易明细,可用于企业对账和财务分析。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507142> (revision 2025-05-09).
    ///
    /// Notes: 请求部分依据 2025.05.09 修订版(sp_mchid 与 sub_mchid 为 string(32));应答参数依据 2025.04.29 版文本(仅五个字段,无长度,故为 string;2025.05.09 版应答部分未见)。 hash_type 与 hash_value 仅见于社区 SKIT C# SDK(其示例值与通用下载账单页面的占位值相同,未经官方核实),故为 required: false;TheNorthMemory 描述与 2025.04.29 官方文本均无此二字段。 请求示例与应答示例未见于官方页面,示例取自社区描述。 错误码未见于官方页面:列出本族页面的公共错误码。 download_url 链接5分钟内有效;依通用下载账单页面,下载请求按 V3 规则签名(GET download_url),下载应答不含签名,须跳过验签;账单文件格式未见。 依通用下载账单页面(服务商,2025.04.07):微信将在次日9点开始生成前一天的对账单,建议服务商在10点后获取(BillDate::latest_ready 依此)。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `apply_trade_bill` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `sub_mchid`, `date`, `type` as sent. It repeats every request parameter.
    pub async fn apply_trade_bill(
        &self,
        request: &ApplyTradeBillRequest,
    ) -> Result<crate::Response<ApplyTradeBillResponse>, crate::Error> {
        self.execute(request).await
    }
}
