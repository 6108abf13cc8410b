// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 企业商户发起员工开通企业支付授权 (`POST /v3/webizpay/users/{user_id}/authorization-url`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, Charset, ValidationError};

use crate::runtime::wire;

/// Static facts about `apply_authorization` (企业商户发起员工开通企业支付授权).
pub(crate) const APPLY_AUTHORIZATION: OperationInfo = OperationInfo {
    id: "apply_authorization",
    title: "企业商户发起员工开通企业支付授权",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507153",
    revision: "2025-05-09",
    method: Method::Post,
    path_template: "/v3/webizpay/users/{user_id}/authorization-url",
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

static USER_ID_CHARSET: Charset = Charset {
    ranges: &[('0', '9'), ('A', 'Z'), ('a', 'z')],
    chars: "_-|*",
    description: "0-9 A-Z a-z _-|*",
};

/// Request of 企业商户发起员工开通企业支付授权.
///
/// 企业商户发起员工开通企业支付授权。该接口允许服务商为指定出资子商户下的员工发起企业支付授权申请,系统将生成一个授权链接,员工可通过该链接完成授权操作。授权成功后,企业可为该员工下发企业支付额度卡,员工可使用额度卡进行支付。
///
/// `POST /v3/webizpay/users/{user_id}/authorization-url`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507153> (revision 2025-05-09).
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::apply_authorization`](crate::Client::apply_authorization).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`ApplyAuthorizationRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ApplyAuthorizationRequest {
    /// 【商户企业员工ID】 商户企业员工ID,由企业系统提供的唯一标识员工的ID。要求6-32个字符内,只能是数字、大小写字母_-|* 且在同一个商户号下唯一。
    ///
    /// Path parameter, required; 6..=32 chars of `0-9 A-Z a-z _-|*`. Example: `employee123`.
    pub user_id: String,

    /// 【出资子商户号】 由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明
    ///
    /// Required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,

    /// 【发起授权应用类型】 用户从企业应用跳转至微信客户端完成授权,需传入发起授权企业应用类型
    ///
    /// Required; one of `H5`, `MINIPROGRAM` ([`ApplicationType`](crate::generated::ApplicationType)). Example: `H5`.
    pub application_type: crate::generated::ApplicationType,
}

/// Response of 企业商户发起员工开通企业支付授权 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`ApplyAuthorizationResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct ApplyAuthorizationResponse {
    /// 【服务商商户号】 服务商商户号,具有企业支付服务商资质的微信支付商户号,由商户请求时传入
    ///
    /// Required; at most 32 chars. Example: `12341234`.
    pub sp_mchid: String,

    /// 【出资子商户号】 出资子商户号,企业支付的出资方商户号,由商户请求时传入
    ///
    /// Required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,

    /// 【商户企业员工ID】 商户企业员工ID,由企业系统提供的唯一标识员工的ID,由商户请求时传入
    ///
    /// Required; at most 32 chars. Example: `employee123`.
    pub user_id: String,

    /// 【跳转链接】 跳转链接,用于员工授权企业支付功能的链接,通过schema跳转打开微信即可拉起企业支付开通页面,仅当可以开通时返回
    ///
    /// Optional; at most 256 chars. Example: `weixin://dl/liteapp?url=https%3A%2F%2Fliteapp.wxpapp.weixin.qq.com%2Fq%2FgjoM7g%3Ftoken%3D123%23wechat_pay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<String>,

    /// 【链接失效时间】 定义:链接失效时间,超过这个时间后,用户再通过此链接尝试拉起微信注册企业支付会拦截请求,需要重新调用此接口获取新的跳转链接。 遵循rfc3339标准格式:yyyy-MM-DDTHH:mm:ss+TIMEZONE,yyyy-MM-DD 表示年月日;T 字符用于分隔日期和时间部分;HH:mm:ss 表示具体的时分秒;TIMEZONE 表示时区(例如,+08:00 对应东八区时间,即北京时间)。 示例:2015-05-20T13:29:35+08:00 表示北京时间2015年5月20日13点29分35秒。
    ///
    /// Optional; RFC 3339 date-time, offset kept. Example: `2015-05-20T13:29:35+08:00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// 【发起授权应用类型】 由商户请求时传入
    ///
    /// Required; one of `H5`, `MINIPROGRAM` ([`ApplicationType`](crate::generated::ApplicationType)). Example: `H5`.
    pub application_type: crate::generated::ApplicationType,

    /// 【小程序查询参数】 在类型为MINIPROGRAM 时,若允许拉起员工开通页面则会返回该参数(有效期35分钟),拉起企业支付页面可参考从小程序调起企业支付相关能力-wx.openBusinessView。 此参数对应从小程序调起企业支付相关能力-wx.openBusinessView中的queryString
    ///
    /// Optional; at most 256 chars. Example: `token=123`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mp_query: Option<String>,

    /// 【小程序业务类型】 在类型为MINIPROGRAM 时,若允许拉起员工开通页面则会返回该参数(有效期35分钟),拉起企业支付页面可参考从小程序调起企业支付相关能力-wx.openBusinessView。 此参数对应从小程序调起企业支付相关能力-wx.openBusinessView中的businessType
    ///
    /// Optional; string. Example: `liteAppWebizPayRegister`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mp_business_type: Option<String>,
}

impl Operation for ApplyAuthorizationRequest {
    type Response = ApplyAuthorizationResponse;

    const INFO: &'static OperationInfo = &APPLY_AUTHORIZATION;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::length("user_id", &self.user_id, 6, Some(32))?;
        validate::charset("user_id", &self.user_id, &USER_ID_CHARSET)?;
        validate::path_segment("user_id", &self.user_id)?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        validate::known_enum(
            "application_type",
            self.application_type.is_known(),
            self.application_type.as_str(),
            crate::generated::ApplicationType::VALUES,
        )?;
        Ok(())
    }
}

impl Sealed for ApplyAuthorizationRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/users/");
        wire::push_segment(out, &self.user_id);
        out.push_str("/authorization-url");
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
            application_type: &'a crate::generated::ApplicationType,
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                sub_mchid: &self.sub_mchid,
                application_type: &self.application_type,
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
            application_type: crate::generated::ApplicationType,
        }
        let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            ApplyAuthorizationRequest {
                user_id: target.path("user_id")?.to_owned(),
                sub_mchid: body.sub_mchid,
                application_type: body.application_type,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &ApplyAuthorizationResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        wire::echo("user_id", &self.user_id, &response.user_id)?;
        wire::echo(
            "application_type",
            &self.application_type,
            &response.application_type,
        )?;
        Ok(())
    }
}

impl crate::Client {
    /// 企业商户发起员工开通企业支付授权: `POST /v3/webizpay/users/{user_id}/authorization-url`.
    ///
    /// 企业商户发起员工开通企业支付授权。该接口允许服务商为指定出资子商户下的员工发起企业支付授权申请,系统将生成一个授权链接,员工可通过该链接完成授权操作。授权成功后,企业可为该员工下发企业支付额度卡,员工可使用额度卡进行支付。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507153> (revision 2025-05-09).
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `apply_authorization` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `sub_mchid`, `user_id`, `application_type` as sent. It repeats every request parameter.
    pub async fn apply_authorization(
        &self,
        request: &ApplyAuthorizationRequest,
    ) -> Result<crate::Response<ApplyAuthorizationResponse>, crate::Error> {
        self.execute(request).await
    }
}
