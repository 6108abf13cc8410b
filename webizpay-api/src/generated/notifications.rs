// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! The callback notifications (回调通知) of the spec: [`Event`], one struct per\ndecrypted resource, and `NotificationVerifier::verify` and `handle`.

/// A notification's event, decoded from its decrypted `resource` by
/// its `event_type`.
///
/// Forward-compatible: an event type the spec does not know is kept
/// in [`Event::Unknown`] with its decrypted JSON.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// 关系授权完成通知 (`WEBIZPAY.AUTHORIZED`).
    Authorized(AuthorizedEvent),

    /// 关系解除授权后通知 (`WEBIZPAY.REVOKED`).
    Revoked(RevokedEvent),

    /// 企业支付额度卡支付成功后通知 (`WEBIZPAY.PAYMENTSUCCESS`).
    PaymentSuccess(PaymentSuccessEvent),

    /// 企业支付额度卡失效后通知 (`WEBIZPAY.QUOTACARDEXPIRED`).
    QuotaCardExpired(QuotaCardExpiredEvent),

    /// 企业支付额度卡退款成功后通知 (`WEBIZPAY.PAYMENTREFUNDSUCCESS`).
    PaymentRefundSuccess(PaymentRefundSuccessEvent),

    /// An event type the spec does not know, with its decrypted resource.
    Unknown {
        /// The `event_type` of the envelope.
        event_type: String,
        /// The decrypted resource, as JSON.
        resource: serde_json::Value,
    },
}

impl Event {
    /// The event types the spec documents, in spec order.
    pub const EVENT_TYPES: &'static [&'static str] = &[
        "WEBIZPAY.AUTHORIZED",
        "WEBIZPAY.REVOKED",
        "WEBIZPAY.PAYMENTSUCCESS",
        "WEBIZPAY.QUOTACARDEXPIRED",
        "WEBIZPAY.PAYMENTREFUNDSUCCESS",
    ];

    /// The `event_type` of the envelope.
    pub fn event_type(&self) -> &str {
        match self {
            Event::Authorized(_) => "WEBIZPAY.AUTHORIZED",
            Event::Revoked(_) => "WEBIZPAY.REVOKED",
            Event::PaymentSuccess(_) => "WEBIZPAY.PAYMENTSUCCESS",
            Event::QuotaCardExpired(_) => "WEBIZPAY.QUOTACARDEXPIRED",
            Event::PaymentRefundSuccess(_) => "WEBIZPAY.PAYMENTREFUNDSUCCESS",
            Event::Unknown { event_type, .. } => event_type,
        }
    }
}

impl crate::runtime::notify::DecodeEvent for Event {
    fn decode(event_type: &str, resource: &[u8]) -> Result<Self, serde_json::Error> {
        Ok(
            match event_type {
                "WEBIZPAY.AUTHORIZED" => {
                    Event::Authorized(serde_json::from_slice(resource)?)
                }
                "WEBIZPAY.REVOKED" => Event::Revoked(serde_json::from_slice(resource)?),
                "WEBIZPAY.PAYMENTSUCCESS" => {
                    Event::PaymentSuccess(serde_json::from_slice(resource)?)
                }
                "WEBIZPAY.QUOTACARDEXPIRED" => {
                    Event::QuotaCardExpired(serde_json::from_slice(resource)?)
                }
                "WEBIZPAY.PAYMENTREFUNDSUCCESS" => {
                    Event::PaymentRefundSuccess(serde_json::from_slice(resource)?)
                }
                other => {
                    Event::Unknown {
                        event_type: other.to_owned(),
                        resource: serde_json::from_slice(resource)?,
                    }
                }
            },
        )
    }
}

impl crate::runtime::notify::NotificationVerifier {
    /// Verifies a notification of this spec (signature, timestamp,
    /// serial, probe), decrypts its resource with the APIv3 key and
    /// decodes the [`Event`]. Records nothing: to hand each
    /// notification out until it is handled, use [`handle`](Self::handle).
    ///
    /// # Errors
    ///
    /// [`NotificationError`](crate::runtime::notify::NotificationError):
    /// its `reply()` is what to answer WeChat Pay.
    pub fn verify(
        &self,
        headers: &reqwest::header::HeaderMap,
        body: &[u8],
    ) -> Result<
        crate::runtime::notify::Notification<Event>,
        crate::runtime::notify::NotificationError,
    > {
        self.verify_as(headers, body)
    }

    /// Verifies a notification of this spec and hands its [`Event`] to
    /// `handler` unless it was handled before; records it as handled
    /// when `handler` succeeds. See
    /// [`handle_as`](crate::runtime::notify::NotificationVerifier::handle_as).
    ///
    /// # Errors
    ///
    /// [`NotificationError`](crate::runtime::notify::NotificationError):
    /// its `reply()` is what to answer WeChat Pay.
    pub async fn handle<F, Fut, E>(
        &self,
        headers: &reqwest::header::HeaderMap,
        body: &[u8],
        handler: F,
    ) -> Result<
        crate::runtime::notify::Delivery,
        crate::runtime::notify::NotificationError,
    >
    where
        F: FnOnce(crate::runtime::notify::Notification<Event>) -> Fut,
        Fut: std::future::Future<Output = Result<(), E>>,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        self.handle_as(headers, body, handler).await
    }
}

/// The decrypted resource of 关系授权完成通知 (`WEBIZPAY.AUTHORIZED`).
///
/// 当有用户完成企业支付关系授权时,微信支付会通知服务商,服务商需要接收处理,并返回应答。
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4014612130> (revision 2025-07-31).
///
/// Notes: 页面未见(页码与回调描述仅见于社区描述;更新时间取本族已见通知页面的 2025.07.31)。解密后的字段仅见于社区描述。 这是接口页面所说“用户注册时会回调商户获取微信授权关系ID”的通知:同时带有商户的 user_id 与微信支付的 employee_id。
///
/// Fields WeChat Pay adds later are ignored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct AuthorizedEvent {
    /// 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 企业员工ID
    ///
    /// Required; string. Example: `employee123`.
    pub user_id: String,

    /// 微信授权关系ID
    ///
    /// Required; string. Example: `WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c`.
    pub employee_id: String,

    /// 授权时间(社区描述为 string;按本族的 rfc3339 时间格式)
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-06-08T10:34:56+08:00`.
    pub authorization_time: chrono::DateTime<chrono::FixedOffset>,
}

impl AuthorizedEvent {
    /// A new event with its required fields, in spec order; the optional ones are `None` (set them with the `with_*` methods).
    #[allow(clippy::too_many_arguments, clippy::new_without_default)]
    pub fn new(
        sp_mchid: impl Into<String>,
        sub_mchid: impl Into<String>,
        user_id: impl Into<String>,
        employee_id: impl Into<String>,
        authorization_time: impl Into<chrono::DateTime<chrono::FixedOffset>>,
    ) -> Self {
        AuthorizedEvent {
            sp_mchid: sp_mchid.into(),
            sub_mchid: sub_mchid.into(),
            user_id: user_id.into(),
            employee_id: employee_id.into(),
            authorization_time: authorization_time.into(),
        }
    }
}

/// The decrypted resource of 关系解除授权后通知 (`WEBIZPAY.REVOKED`).
///
/// 当有用户完成企业支付关系解除授权时,微信支付会通知服务商,服务商需要接收处理,并返回应答。
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4015764414> (revision 2025-07-31).
///
/// Notes: 通知参数(信封)、示例与回调地址规则依据官方页面;解密后的字段仅见于社区描述。 社区描述的字段中没有 employee_id;reason 的取值(企业发起、员工注销)为社区所列的中文字符串,按 string 处理。
///
/// Fields WeChat Pay adds later are ignored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct RevokedEvent {
    /// 服务商商户号
    ///
    /// Required; string. Example: `12341234`.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string. Example: `43214321`.
    pub sub_mchid: String,

    /// 企业员工ID
    ///
    /// Required; string. Example: `employee123`.
    pub user_id: String,

    /// 员工企业支付权限状态
    ///
    /// Required; one of `AUTHORIZED`, `REVOKED` ([`AuthorizationState`](crate::generated::AuthorizationState)). Example: `REVOKED`.
    pub authorization_state: crate::generated::AuthorizationState,

    /// 授权解除时间
    ///
    /// Required; RFC 3339 date-time, offset kept. Example: `2023-12-31T23:59:59+08:00`.
    pub authorization_revoked_time: chrono::DateTime<chrono::FixedOffset>,

    /// 授权解除原因(社区描述:企业发起、员工注销)
    ///
    /// Required; string. Example: `员工注销`.
    pub reason: String,
}

impl RevokedEvent {
    /// A new event with its required fields, in spec order; the optional ones are `None` (set them with the `with_*` methods).
    #[allow(clippy::too_many_arguments, clippy::new_without_default)]
    pub fn new(
        sp_mchid: impl Into<String>,
        sub_mchid: impl Into<String>,
        user_id: impl Into<String>,
        authorization_state: impl Into<crate::generated::AuthorizationState>,
        authorization_revoked_time: impl Into<chrono::DateTime<chrono::FixedOffset>>,
        reason: impl Into<String>,
    ) -> Self {
        RevokedEvent {
            sp_mchid: sp_mchid.into(),
            sub_mchid: sub_mchid.into(),
            user_id: user_id.into(),
            authorization_state: authorization_state.into(),
            authorization_revoked_time: authorization_revoked_time.into(),
            reason: reason.into(),
        }
    }
}

/// The decrypted resource of 企业支付额度卡支付成功后通知 (`WEBIZPAY.PAYMENTSUCCESS`).
///
/// 当企业支付额度卡支付成功时,微信支付会通知服务商,服务商需要接收处理,并返回应答。
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4015764398> (revision 2025-07-31).
///
/// Notes: 页面未见;回调描述与解密后的字段仅见于社区描述。社区把 goods_name 与 pay_success_time 标为 number(应为笔误): 此处 goods_name 为 string,pay_success_time 为 rfc3339 date-time;amount 按本族为整数,单位为分(通知中的单位未见)。
///
/// Fields WeChat Pay adds later are ignored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct PaymentSuccessEvent {
    /// 服务商商户号
    ///
    /// Required; string.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string.
    pub sub_mchid: String,

    /// 企业支付额度卡卡号
    ///
    /// Required; string.
    pub card_no: String,

    /// 微信授权关系ID
    ///
    /// Required; string.
    pub employee_id: String,

    /// 收款商户简称
    ///
    /// Required; string.
    pub receive_mch_name: String,

    /// 收款商户全称
    ///
    /// Required; string.
    pub receive_mch_full_name: String,

    /// 收款商户对应社会组织代码
    ///
    /// Required; string.
    pub receive_mch_organization_code: String,

    /// 收单机构
    ///
    /// Required; string.
    pub acquirer: String,

    /// 微信支付订单号
    ///
    /// Required; string.
    pub transaction_id: String,

    /// 商户订单号
    ///
    /// Required; string.
    pub out_trade_no: String,

    /// 微信支付退款单号
    ///
    /// Optional; string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_id: Option<String>,

    /// 商户退款单号
    ///
    /// Optional; string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_refund_no: Option<String>,

    /// 交易状态
    ///
    /// Required; one of `SUCCESS`, `REFUND`, `NOTPAY`, `CLOSED`, `REVOKED`, `USERPAYING`, `PAYERROR` ([`NotificationTransactionState`](crate::generated::NotificationTransactionState)).
    pub transaction_state: crate::generated::NotificationTransactionState,

    /// 金额,单位为分(单位未见,按本族的额度卡金额)
    ///
    /// Required; integer.
    pub amount: i64,

    /// 商品名称
    ///
    /// Required; string.
    pub goods_name: String,

    /// 支付完成时间
    ///
    /// Required; RFC 3339 date-time, offset kept.
    pub pay_success_time: chrono::DateTime<chrono::FixedOffset>,
}

impl PaymentSuccessEvent {
    /// A new event with its required fields, in spec order; the optional ones are `None` (set them with the `with_*` methods).
    #[allow(clippy::too_many_arguments, clippy::new_without_default)]
    pub fn new(
        sp_mchid: impl Into<String>,
        sub_mchid: impl Into<String>,
        card_no: impl Into<String>,
        employee_id: impl Into<String>,
        receive_mch_name: impl Into<String>,
        receive_mch_full_name: impl Into<String>,
        receive_mch_organization_code: impl Into<String>,
        acquirer: impl Into<String>,
        transaction_id: impl Into<String>,
        out_trade_no: impl Into<String>,
        transaction_state: impl Into<crate::generated::NotificationTransactionState>,
        amount: impl Into<i64>,
        goods_name: impl Into<String>,
        pay_success_time: impl Into<chrono::DateTime<chrono::FixedOffset>>,
    ) -> Self {
        PaymentSuccessEvent {
            sp_mchid: sp_mchid.into(),
            sub_mchid: sub_mchid.into(),
            card_no: card_no.into(),
            employee_id: employee_id.into(),
            receive_mch_name: receive_mch_name.into(),
            receive_mch_full_name: receive_mch_full_name.into(),
            receive_mch_organization_code: receive_mch_organization_code.into(),
            acquirer: acquirer.into(),
            transaction_id: transaction_id.into(),
            out_trade_no: out_trade_no.into(),
            refund_id: None,
            out_refund_no: None,
            transaction_state: transaction_state.into(),
            amount: amount.into(),
            goods_name: goods_name.into(),
            pay_success_time: pay_success_time.into(),
        }
    }

    /// Sets `refund_id` (optional).
    #[must_use]
    pub fn with_refund_id(mut self, refund_id: impl Into<String>) -> Self {
        self.refund_id = Some(refund_id.into());
        self
    }

    /// Sets `out_refund_no` (optional).
    #[must_use]
    pub fn with_out_refund_no(mut self, out_refund_no: impl Into<String>) -> Self {
        self.out_refund_no = Some(out_refund_no.into());
        self
    }
}

/// The decrypted resource of 企业支付额度卡失效后通知 (`WEBIZPAY.QUOTACARDEXPIRED`).
///
/// 当有企业支付额度卡失效时,微信支付会通知服务商,服务商需要接收处理,并返回应答。
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4015764389> (revision 2025-07-31).
///
/// Notes: 页面未见;回调描述与解密后的字段仅见于社区描述。
///
/// Fields WeChat Pay adds later are ignored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct QuotaCardExpiredEvent {
    /// 服务商商户号
    ///
    /// Required; string.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string.
    pub sub_mchid: String,

    /// 企业支付额度卡卡号
    ///
    /// Required; string.
    pub card_no: String,

    /// 微信授权关系ID
    ///
    /// Required; string.
    pub employee_id: String,

    /// 卡片状态
    ///
    /// Required; one of `ACTIVE`, `DISABLED` ([`QuotaCardState`](crate::generated::QuotaCardState)).
    pub card_state: crate::generated::QuotaCardState,

    /// 卡片失效时间
    ///
    /// Required; RFC 3339 date-time, offset kept.
    pub card_disabled_time: chrono::DateTime<chrono::FixedOffset>,

    /// 失效原因
    ///
    /// Optional; string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl QuotaCardExpiredEvent {
    /// A new event with its required fields, in spec order; the optional ones are `None` (set them with the `with_*` methods).
    #[allow(clippy::too_many_arguments, clippy::new_without_default)]
    pub fn new(
        sp_mchid: impl Into<String>,
        sub_mchid: impl Into<String>,
        card_no: impl Into<String>,
        employee_id: impl Into<String>,
        card_state: impl Into<crate::generated::QuotaCardState>,
        card_disabled_time: impl Into<chrono::DateTime<chrono::FixedOffset>>,
    ) -> Self {
        QuotaCardExpiredEvent {
            sp_mchid: sp_mchid.into(),
            sub_mchid: sub_mchid.into(),
            card_no: card_no.into(),
            employee_id: employee_id.into(),
            card_state: card_state.into(),
            card_disabled_time: card_disabled_time.into(),
            reason: None,
        }
    }

    /// Sets `reason` (optional).
    #[must_use]
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
}

/// The decrypted resource of 企业支付额度卡退款成功后通知 (`WEBIZPAY.PAYMENTREFUNDSUCCESS`).
///
/// 当有企业支付额度卡被退款成功时,微信支付会通知服务商,服务商需要接收处理,并返回应答。
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4015764405> (revision 2025-07-31).
///
/// Notes: 通知参数(信封)与示例依据官方页面(页面的 event_type 说明误写为“关系授权完成通知”);解密后的字段仅见于社区描述。 社区把时间字段标为 number(应为笔误):此处为 rfc3339 date-time;金额按本族为整数,单位为分(通知中的单位未见)。
///
/// Fields WeChat Pay adds later are ignored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, bon::Builder)]
#[builder(on(_, into))]
#[non_exhaustive]
pub struct PaymentRefundSuccessEvent {
    /// 服务商商户号
    ///
    /// Required; string.
    pub sp_mchid: String,

    /// 出资子商户号
    ///
    /// Required; string.
    pub sub_mchid: String,

    /// 企业支付额度卡卡号
    ///
    /// Required; string.
    pub card_no: String,

    /// 微信授权关系ID
    ///
    /// Required; string.
    pub employee_id: String,

    /// 微信支付订单号
    ///
    /// Required; string.
    pub transaction_id: String,

    /// 商户订单号
    ///
    /// Required; string.
    pub out_trade_no: String,

    /// 微信支付退款单号
    ///
    /// Required; string.
    pub refund_id: String,

    /// 商户退款单号
    ///
    /// Required; string.
    pub out_refund_no: String,

    /// 金额,单位为分
    ///
    /// Required; integer.
    pub amount: i64,

    /// 支付完成时间
    ///
    /// Required; RFC 3339 date-time, offset kept.
    pub pay_success_time: chrono::DateTime<chrono::FixedOffset>,

    /// 已退款金额,单位为分
    ///
    /// Required; integer.
    pub refunded_amount: i64,

    /// 退款金额,单位为分
    ///
    /// Required; integer.
    pub refund_amount: i64,

    /// 退款状态
    ///
    /// Required; one of `SUCCESS` ([`NotificationRefundState`](crate::generated::NotificationRefundState)).
    pub refund_state: crate::generated::NotificationRefundState,

    /// 退款创建时间
    ///
    /// Required; RFC 3339 date-time, offset kept.
    pub refund_create_time: chrono::DateTime<chrono::FixedOffset>,

    /// 退款成功时间
    ///
    /// Required; RFC 3339 date-time, offset kept.
    pub refund_success_time: chrono::DateTime<chrono::FixedOffset>,
}

impl PaymentRefundSuccessEvent {
    /// A new event with its required fields, in spec order; the optional ones are `None` (set them with the `with_*` methods).
    #[allow(clippy::too_many_arguments, clippy::new_without_default)]
    pub fn new(
        sp_mchid: impl Into<String>,
        sub_mchid: impl Into<String>,
        card_no: impl Into<String>,
        employee_id: impl Into<String>,
        transaction_id: impl Into<String>,
        out_trade_no: impl Into<String>,
        refund_id: impl Into<String>,
        out_refund_no: impl Into<String>,
        amount: impl Into<i64>,
        pay_success_time: impl Into<chrono::DateTime<chrono::FixedOffset>>,
        refunded_amount: impl Into<i64>,
        refund_amount: impl Into<i64>,
        refund_state: impl Into<crate::generated::NotificationRefundState>,
        refund_create_time: impl Into<chrono::DateTime<chrono::FixedOffset>>,
        refund_success_time: impl Into<chrono::DateTime<chrono::FixedOffset>>,
    ) -> Self {
        PaymentRefundSuccessEvent {
            sp_mchid: sp_mchid.into(),
            sub_mchid: sub_mchid.into(),
            card_no: card_no.into(),
            employee_id: employee_id.into(),
            transaction_id: transaction_id.into(),
            out_trade_no: out_trade_no.into(),
            refund_id: refund_id.into(),
            out_refund_no: out_refund_no.into(),
            amount: amount.into(),
            pay_success_time: pay_success_time.into(),
            refunded_amount: refunded_amount.into(),
            refund_amount: refund_amount.into(),
            refund_state: refund_state.into(),
            refund_create_time: refund_create_time.into(),
            refund_success_time: refund_success_time.into(),
        }
    }
}
