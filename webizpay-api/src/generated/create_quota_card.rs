// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 企业商户为员工下发企业支付额度卡 (`POST /v3/webizpay/employees/{employee_id}/quota-cards`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, Charset, ValidationError};

use crate::runtime::wire;

/// Static facts about `create_quota_card` (企业商户为员工下发企业支付额度卡).
pub(crate) const CREATE_QUOTA_CARD: OperationInfo = OperationInfo {
    id: "create_quota_card",
    title: "企业商户为员工下发企业支付额度卡",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507148",
    revision: "2025-05-09",
    method: Method::Post,
    path_template: "/v3/webizpay/employees/{employee_id}/quota-cards",
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

static OUT_CARD_NO_CHARSET: Charset = Charset {
    ranges: &[('0', '9'), ('A', 'Z'), ('a', 'z')],
    chars: "_-|*",
    description: "0-9 A-Z a-z _-|*",
};

/// Request of 企业商户为员工下发企业支付额度卡.
///
/// 企业商户为员工下发企业支付额度卡。该接口允许服务商为已授权的员工下发企业支付额度卡,设置卡片名称、额度、备注等信息,员工可使用该额度卡进行企业支付。企业可根据不同业务场景(如差旅报销、日常办公等)为员工发放不同类型的额度卡,便于费用管理和控制。
///
/// `POST /v3/webizpay/employees/{employee_id}/quota-cards`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507148> (revision 2025-05-09).
///
/// Notes: Header、路径参数与包体参数 sp_mchid…effective_end_time 依据官方页面(2025.05.09);effective_end_time 的描述在可见文本中于“对应东八区时间,”处截断,其后按本族页面统一的 rfc3339 说明补全。 card_remark 与 avail_mch_range_id 仅见于社区描述(TheNorthMemory/wechatpay-openapi;avail_mch_range_id 为社区后加,SKIT C# SDK 无此字段),故为选填、无长度。 amount 按官方为 integer(社区描述为 number)。应答参数与请求/应答示例未见于官方页面,仅依据社区描述。 以相同 out_card_no 重复请求的行为(幂等或报错)未见。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(路径指向 employee_id)。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::create_quota_card`](crate::Client::create_quota_card).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`CreateQuotaCardRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct CreateQuotaCardRequest {
    /// 【微信授权关系 ID】 微信授权关系ID,微信支付平台生成的唯一标识授权关系的ID,用户注册时会回调商户获取微信授权关系ID或者商户通过企业下唯一的员工ID查询企业支付员工接口获得。
    ///
    /// Path parameter, required; at most 64 chars. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 【出资子商户号】 由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明
    ///
    /// Required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,

    /// 【额度卡模板 ID】 额度卡模板ID,指定使用的额度卡模板,决定额度卡的使用规则、退款规则等,请联系微信支付侧申请卡模板ID。
    ///
    /// Required; at most 64 chars. Example: `template_123`.
    pub card_template_id: String,

    /// 【卡可用金额】 卡可用金额,单位为分,整型。示例:1元应填写 100
    ///
    /// Required; integer. Example: `10000`.
    pub amount: i64,

    /// 【卡片名称】 卡片名称,企业自定义的额度卡名称,用于标识额度卡用途,如'报销额度卡'、'差旅费用卡'等。长度不超过20个字符
    ///
    /// Required; at most 20 chars. Example: `报销额度卡`.
    pub card_name: String,

    /// 【商户卡号】 商户卡号,由商户系统生成的唯一标识额度卡的编号,用于后续查询、作废等操作。要求6-32个字符内,只能是数字、大小写字母_-|* 且在同一个商户号下唯一。
    ///
    /// Required; 6..=32 chars of `0-9 A-Z a-z _-|*`. Example: `mch_card_123456`.
    pub out_card_no: String,

    /// 【卡片有效期截止时间】 卡片有效期截止时间 要求必须大于当前时间。在超过这个时间之后,企业支付额度卡不再可用,无法拉起付款码页面,已经入付款码页面的用户无法进行付款。 格式要求:需遵循rfc3339标准格式:yyyy-MM-DDTHH:mm:ss+TIMEZONE,yyyy-MM-DD 表示年月日;T 字符用于分隔日期和时间部分;HH:mm:ss 表示具体的时分秒;TIMEZONE 表示时区(例如,+08:00 对应东八区时间,即北京时间)。 示例:2015-05-20T13:29:35+08:00 表示北京时间2015年5月20日13点29分35秒。
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-12-31T23:59:59+08:00`.
    pub effective_end_time: chrono::DateTime<chrono::FixedOffset>,

    /// 卡片备注
    ///
    /// Optional; string. Example: `2023年1月差旅报销`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_remark: Option<String>,

    /// 可用商户范围ID
    ///
    /// Optional; string. Example: `range_12345678`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avail_mch_range_id: Option<String>,
}

/// Response of 企业商户为员工下发企业支付额度卡 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`CreateQuotaCardResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct CreateQuotaCardResponse {
    /// 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 商户卡号
    ///
    /// Required; string. Example: `mch_card_123456`.
    pub out_card_no: String,

    /// 微信授权关系ID
    ///
    /// Required; string. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 企业支付额度卡卡号
    ///
    /// Required; string. Example: `1068019671702503425`.
    pub card_no: String,

    /// 卡片生效时间
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-01-01T23:59:59+08:00`.
    pub effective_begin_time: chrono::DateTime<chrono::FixedOffset>,

    /// 卡片有效期
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-12-31T23:59:59+08:00`.
    pub effective_end_time: chrono::DateTime<chrono::FixedOffset>,
}

impl Operation for CreateQuotaCardRequest {
    type Response = CreateQuotaCardResponse;

    const INFO: &'static OperationInfo = &CREATE_QUOTA_CARD;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("employee_id", &self.employee_id)?;
        validate::length("employee_id", &self.employee_id, 0, Some(64))?;
        validate::path_segment("employee_id", &self.employee_id)?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        validate::required("card_template_id", &self.card_template_id)?;
        validate::length("card_template_id", &self.card_template_id, 0, Some(64))?;
        validate::required("card_name", &self.card_name)?;
        validate::length("card_name", &self.card_name, 0, Some(20))?;
        validate::length("out_card_no", &self.out_card_no, 6, Some(32))?;
        validate::charset("out_card_no", &self.out_card_no, &OUT_CARD_NO_CHARSET)?;
        validate::date_time("effective_end_time", &self.effective_end_time)?;
        Ok(())
    }
}

impl Sealed for CreateQuotaCardRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/employees/");
        wire::push_segment(out, &self.employee_id);
        out.push_str("/quota-cards");
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
            card_template_id: &'a String,
            amount: &'a i64,
            card_name: &'a String,
            out_card_no: &'a String,
            effective_end_time: &'a chrono::DateTime<chrono::FixedOffset>,
            #[serde(skip_serializing_if = "Option::is_none")]
            card_remark: Option<&'a String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            avail_mch_range_id: Option<&'a String>,
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                sub_mchid: &self.sub_mchid,
                card_template_id: &self.card_template_id,
                amount: &self.amount,
                card_name: &self.card_name,
                out_card_no: &self.out_card_no,
                effective_end_time: &self.effective_end_time,
                card_remark: self.card_remark.as_ref(),
                avail_mch_range_id: self.avail_mch_range_id.as_ref(),
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
            card_template_id: String,
            amount: i64,
            card_name: String,
            out_card_no: String,
            effective_end_time: chrono::DateTime<chrono::FixedOffset>,
            #[serde(default)]
            card_remark: Option<String>,
            #[serde(default)]
            avail_mch_range_id: Option<String>,
        }
        let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            CreateQuotaCardRequest {
                employee_id: target.path("employee_id")?.to_owned(),
                sub_mchid: body.sub_mchid,
                card_template_id: body.card_template_id,
                amount: body.amount,
                card_name: body.card_name,
                out_card_no: body.out_card_no,
                effective_end_time: body.effective_end_time,
                card_remark: body.card_remark,
                avail_mch_range_id: body.avail_mch_range_id,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &CreateQuotaCardResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        wire::echo("out_card_no", &self.out_card_no, &response.out_card_no)?;
        wire::echo("employee_id", &self.employee_id, &response.employee_id)?;
        Ok(())
    }
}

impl crate::Client {
    /// 企业商户为员工下发企业支付额度卡: `POST /v3/webizpay/employees/{employee_id}/quota-cards`.
    ///
    /// 企业商户为员工下发企业支付额度卡。该接口允许服务商为已授权的员工下发企业支付额度卡,设置卡片名称、额度、备注等信息,员工可使用该额度卡进行企业支付。企业可根据不同业务场景(如差旅报销、日常办公等)为员工发放不同类型的额度卡,便于费用管理和控制。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507148> (revision 2025-05-09).
    ///
    /// Notes: Header、路径参数与包体参数 sp_mchid…effective_end_time 依据官方页面(2025.05.09);effective_end_time 的描述在可见文本中于“对应东八区时间,”处截断,其后按本族页面统一的 rfc3339 说明补全。 card_remark 与 avail_mch_range_id 仅见于社区描述(TheNorthMemory/wechatpay-openapi;avail_mch_range_id 为社区后加,SKIT C# SDK 无此字段),故为选填、无长度。 amount 按官方为 integer(社区描述为 number)。应答参数与请求/应答示例未见于官方页面,仅依据社区描述。 以相同 out_card_no 重复请求的行为(幂等或报错)未见。 错误码未见于官方页面:列出本族页面的公共错误码;RESOURCE_NOT_EXISTS 为 APIv3 通用错误码(路径指向 employee_id)。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `create_quota_card` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `sub_mchid`, `out_card_no`, `employee_id` as sent. It does not repeat `card_template_id`, `amount`, `card_name`, `effective_end_time`, `card_remark`, `avail_mch_range_id`: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).
    pub async fn create_quota_card(
        &self,
        request: &CreateQuotaCardRequest,
    ) -> Result<crate::Response<CreateQuotaCardResponse>, crate::Error> {
        self.execute(request).await
    }
}
