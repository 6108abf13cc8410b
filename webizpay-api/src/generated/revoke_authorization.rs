// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 企业商户发起解除员工企业支付授权 (`POST /v3/webizpay/employees/{employee_id}/revoke`).

use crate::runtime::operation::{
    Method, Operation, OperationInfo, sealed::{Fill, Sealed},
};

use crate::runtime::validate::{self, ValidationError};

use crate::runtime::wire;

/// Static facts about `revoke_authorization` (企业商户发起解除员工企业支付授权).
pub(crate) const REVOKE_AUTHORIZATION: OperationInfo = OperationInfo {
    id: "revoke_authorization",
    title: "企业商户发起解除员工企业支付授权",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507156",
    revision: "2025-05-16",
    method: Method::Post,
    path_template: "/v3/webizpay/employees/{employee_id}/revoke",
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

/// Request of 企业商户发起解除员工企业支付授权.
///
/// 企业商户发起解除员工企业支付授权。该接口允许服务商解除指定出资子商户下特定员工的企业支付授权关系,解除授权后员工将无法继续使用企业支付功能,已发放的额度卡将自动失效。企业可通过此接口管理离职员工或需要取消授权的员工。
///
/// `POST /v3/webizpay/employees/{employee_id}/revoke`
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507156> (revision 2025-05-16).
///
/// Notes: 请求部分依据 2025.05.16 修订版(路径改为复数 employees,employee_id 为 string(64),sp_mchid 与 sub_mchid 为 string(32)); 应答部分依据 2025.04.29 版文本(2025.05.16 修订版仅见请求部分)。 RESOURCE_NOT_EXISTS 不在页面的错误码表中(表中仅四个公共错误码):它是 APIv3 通用错误码,解除一个不存在的 employee_id 时的应答。
///
/// Merchant types: 普通服务商.
///
/// Send it with [`Client::revoke_authorization`](crate::Client::revoke_authorization).
///
/// The client fills `sp_mchid` (the configured `mchid`) itself: the request does not carry it.
///
/// Build one by field name with [`RevokeAuthorizationRequest::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct RevokeAuthorizationRequest {
    /// 【微信授权关系 ID】 微信授权关系ID,微信支付平台生成的唯一标识授权关系的ID,用户注册时会回调商户获取微信授权关系ID或者商户通过企业下唯一的员工ID查询企业支付员工接口获得。
    ///
    /// Path parameter, required; at most 64 chars. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 【出资子商户号】 由服务商为子商户进件后获取,具体请参考服务商模式开发必要参数说明
    ///
    /// Required; at most 32 chars. Example: `43214321`.
    pub sub_mchid: String,
}

/// Response of 企业商户发起解除员工企业支付授权 (HTTP 200).
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`RevokeAuthorizationResponse::builder()`]; leaving out a required field does not compile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct RevokeAuthorizationResponse {
    /// 【服务商商户号】 服务商商户号,具有企业支付服务商资质的微信支付商户号,由商户请求时传入
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 【出资子商户号】 出资子商户号,企业支付的出资方商户号,由商户请求时传入
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 【商户企业员工ID】 商户企业员工ID,由企业系统提供的唯一标识员工的ID,由商户请求时传入
    ///
    /// Required; string. Example: `employee123`.
    pub user_id: String,

    /// 【员工企业支付权限状态】 员工企业支付权限状态,表示解除授权后的状态,同步接口,若此接口返回状态为“REVOKED”,则认为此员工授权企业支付授权状态已经解除,无法在此服务商-子账户下继续使用企业支付额度卡,无法进行企业支付,此商户下的企业支付额度卡全部作废。 若要恢复状态,需要重新授权开通。
    ///
    /// Required; one of `AUTHORIZED`, `REVOKED` ([`AuthorizationState`](crate::generated::AuthorizationState)). Example: `REVOKED`.
    pub authorization_state: crate::generated::AuthorizationState,

    /// 【员工企业支付失效时间】 员工企业支付失效时间,解除授权操作的生效时间。 遵循rfc3339标准格式:yyyy-MM-DDTHH:mm:ss+TIMEZONE,yyyy-MM-DD 表示年月日;T 字符用于分隔日期和时间部分;HH:mm:ss 表示具体的时分秒;TIMEZONE 表示时区(例如,+08:00 对应东八区时间,即北京时间)。 示例:2015-05-20T13:29:35+08:00 表示北京时间2015年5月20日13点29分35秒。
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-12-31T23:59:59+08:00`.
    pub authorization_revoked_time: chrono::DateTime<chrono::FixedOffset>,

    /// 【失效原因】 失效原因,说明授权关系被解除的原因,如'用户主动撤销'、'企业管理员撤销'等
    ///
    /// Required; string. Example: `用户主动撤销`.
    pub reason: String,
}

impl Operation for RevokeAuthorizationRequest {
    type Response = RevokeAuthorizationResponse;

    const INFO: &'static OperationInfo = &REVOKE_AUTHORIZATION;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("employee_id", &self.employee_id)?;
        validate::length("employee_id", &self.employee_id, 0, Some(64))?;
        validate::path_segment("employee_id", &self.employee_id)?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        Ok(())
    }
}

impl Sealed for RevokeAuthorizationRequest {
    const ANSWER_SHAPES: &'static [crate::runtime::wire::AnswerShape] = super::ANSWER_SHAPES;

    fn write_target(&self, _fill: Fill<'_>, out: &mut String) {
        out.push_str("/v3/webizpay/employees/");
        wire::push_segment(out, &self.employee_id);
        out.push_str("/revoke");
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
        }
        serde_json::to_writer(
            out,
            &Body {
                sp_mchid: fill.mchid,
                sub_mchid: &self.sub_mchid,
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
        }
        let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        let filled = crate::runtime::operation::sealed::Filled {
            mchid: Some(body.sp_mchid),
        };
        Ok((
            RevokeAuthorizationRequest {
                employee_id: target.path("employee_id")?.to_owned(),
                sub_mchid: body.sub_mchid,
            },
            filled,
        ))
    }

    fn check_response(
        &self,
        fill: Fill<'_>,
        response: &RevokeAuthorizationResponse,
    ) -> Result<(), wire::ResponseMismatch> {
        wire::echo("sp_mchid", fill.mchid, response.sp_mchid.as_str())?;
        wire::echo("sub_mchid", &self.sub_mchid, &response.sub_mchid)?;
        Ok(())
    }
}

impl crate::Client {
    /// 企业商户发起解除员工企业支付授权: `POST /v3/webizpay/employees/{employee_id}/revoke`.
    ///
    /// 企业商户发起解除员工企业支付授权。该接口允许服务商解除指定出资子商户下特定员工的企业支付授权关系,解除授权后员工将无法继续使用企业支付功能,已发放的额度卡将自动失效。企业可通过此接口管理离职员工或需要取消授权的员工。
    ///
    /// Validates `request`, signs and sends it (with failover to the backup host, when
    /// enabled, only if the primary cannot be reached), verifies the response signature
    /// and decodes the body.
    ///
    /// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014507156> (revision 2025-05-16).
    ///
    /// Notes: 请求部分依据 2025.05.16 修订版(路径改为复数 employees,employee_id 为 string(64),sp_mchid 与 sub_mchid 为 string(32)); 应答部分依据 2025.04.29 版文本(2025.05.16 修订版仅见请求部分)。 RESOURCE_NOT_EXISTS 不在页面的错误码表中(表中仅四个公共错误码):它是 APIv3 通用错误码,解除一个不存在的 employee_id 时的应答。
    ///
    /// Merchant types: 普通服务商.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error): `InvalidRequest` when `request` breaks a rule of the spec
    /// (nothing was sent), `Api` for an error answer (its `code` is one of the documented
    /// `revoke_authorization` codes or `Unknown`), and transport, verification and decoding failures.
    ///
    /// # Binding
    ///
    /// The answer must repeat `sp_mchid`, `sub_mchid` as sent. It does not repeat `employee_id`: an answer to a request that differs only there is told apart by its signed timestamp alone (see [What a verified answer proves](crate#what-a-verified-answer-proves)).
    pub async fn revoke_authorization(
        &self,
        request: &RevokeAuthorizationRequest,
    ) -> Result<crate::Response<RevokeAuthorizationResponse>, crate::Error> {
        self.execute(request).await
    }
}
