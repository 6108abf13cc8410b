// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! 企业商户发起解除员工企业支付授权 (`POST /v3/webizpay/employees/{employee_id}/revoke`).

use crate::runtime::operation::{ErrorCodeInfo, Host, Method, Operation, OperationInfo};
use crate::runtime::validate::{self, ValidationError};
use crate::runtime::wire::{self, WireError};

/// Static facts about `revoke_authorization` (企业商户发起解除员工企业支付授权).
pub const REVOKE_AUTHORIZATION: OperationInfo = OperationInfo {
    id: "revoke_authorization",
    title: "企业商户发起解除员工企业支付授权",
    doc_url: "https://pay.weixin.qq.com/doc/v3/partner/4014507156",
    revision: "2025-05-16",
    method: Method::Post,
    path_template: "/v3/webizpay/employees/{employee_id}/revoke",
    primary_host: Host {
        url: "https://api.mch.weixin.qq.com",
        description: "主域名。使用该域名将访问就近的接入点",
    },
    backup_host: Host {
        url: "https://api2.mch.weixin.qq.com",
        description: "备域名。使用该域名将访问异地的接入点",
    },
    success_status: 200,
    error_codes: &[
        ErrorCodeInfo {
            status: 400,
            code: "PARAM_ERROR",
            description: "参数错误",
            solution: "请根据错误提示正确传入参数",
            retry: false,
        },
        ErrorCodeInfo {
            status: 400,
            code: "INVALID_REQUEST",
            description: "HTTP 请求不符合微信支付 APIv3 接口规则",
            solution: "请参阅 接口规则",
            retry: false,
        },
        ErrorCodeInfo {
            status: 401,
            code: "SIGN_ERROR",
            description: "验证不通过",
            solution: "请参阅 签名常见问题",
            retry: false,
        },
        ErrorCodeInfo {
            status: 500,
            code: "SYSTEM_ERROR",
            description: "系统异常,请稍后重试",
            solution: "请稍后重试",
            retry: true,
        },
    ],
};

/// Request of 企业商户发起解除员工企业支付授权.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RevokeAuthorizationRequest {
    /// 【微信授权关系 ID】
    #[serde(skip)]
    pub employee_id: String,
    /// 【服务商商户号】
    pub sp_mchid: String,
    /// 【出资子商户号】
    pub sub_mchid: String,
}

/// Response of 企业商户发起解除员工企业支付授权 (HTTP 200).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RevokeAuthorizationResponse {
    /// 【服务商商户号】
    pub sp_mchid: String,
    /// 【出资子商户号】
    pub sub_mchid: String,
    /// 【商户企业员工ID】
    pub user_id: String,
    /// 【员工企业支付权限状态】
    pub authorization_state: crate::generated::AuthorizationState,
    /// 【员工企业支付失效时间】
    pub authorization_revoked_time: chrono::DateTime<chrono::FixedOffset>,
    /// 【失效原因】
    pub reason: String,
}

impl Operation for RevokeAuthorizationRequest {
    type Response = RevokeAuthorizationResponse;
    const INFO: &'static OperationInfo = &REVOKE_AUTHORIZATION;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::required("employee_id", &self.employee_id)?;
        validate::length("employee_id", &self.employee_id, 0, Some(64))?;
        validate::required("sp_mchid", &self.sp_mchid)?;
        validate::length("sp_mchid", &self.sp_mchid, 0, Some(32))?;
        validate::required("sub_mchid", &self.sub_mchid)?;
        validate::length("sub_mchid", &self.sub_mchid, 0, Some(32))?;
        Ok(())
    }

    fn write_target(&self, out: &mut String) {
        out.push_str("/v3/webizpay/employees/");
        wire::push_segment(out, &self.employee_id);
        out.push_str("/revoke");
    }

    fn write_body(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        serde_json::to_writer(out, self)
    }

    fn from_wire(target: &str, body: &[u8]) -> Result<Self, WireError> {
        #[derive(serde::Deserialize)]
        struct Body {
            sp_mchid: String,
            sub_mchid: String,
        }
        let target = wire::ParsedTarget::parse(Self::INFO.path_template, target)?;
        let body: Body = wire::parse_body(body)?;
        Ok(RevokeAuthorizationRequest {
            employee_id: target.path("employee_id")?.to_owned(),
            sp_mchid: body.sp_mchid,
            sub_mchid: body.sub_mchid,
        })
    }
}

impl crate::Client {
    /// 企业商户发起解除员工企业支付授权: `POST /v3/webizpay/employees/{employee_id}/revoke`.
    pub async fn revoke_authorization(
        &self,
        request: &RevokeAuthorizationRequest,
    ) -> Result<crate::Response<RevokeAuthorizationResponse>, crate::Error> {
        self.execute(request).await
    }
}
