// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! The callback notifications (回调通知) of the spec: [`Event`], one struct per
//! decrypted resource, and `NotificationVerifier::verify` and `handle`.

/// A notification's event, decoded from its decrypted `resource` by
/// its `event_type`.
///
/// Forward-compatible: an event type the spec does not know is kept
/// in [`Event::Unknown`] with its decrypted JSON.
///
/// Serializes as `{"event_type": "…", "resource": {…}}` (the
/// envelope's event type and the decrypted resource), and reads
/// back from the same to an equal `Event`, so a service can store
/// events and replay them.
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
        AuthorizedEvent::EVENT_TYPE,
        RevokedEvent::EVENT_TYPE,
        PaymentSuccessEvent::EVENT_TYPE,
        QuotaCardExpiredEvent::EVENT_TYPE,
        PaymentRefundSuccessEvent::EVENT_TYPE,
    ];

    /// The `event_type` of the envelope.
    pub fn event_type(&self) -> &str {
        match self {
            Event::Authorized(_) => AuthorizedEvent::EVENT_TYPE,
            Event::Revoked(_) => RevokedEvent::EVENT_TYPE,
            Event::PaymentSuccess(_) => PaymentSuccessEvent::EVENT_TYPE,
            Event::QuotaCardExpired(_) => QuotaCardExpiredEvent::EVENT_TYPE,
            Event::PaymentRefundSuccess(_) => PaymentRefundSuccessEvent::EVENT_TYPE,
            Event::Unknown { event_type, .. } => event_type,
        }
    }
}

impl serde::Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut out = serializer.serialize_struct("Event", 2)?;
        out.serialize_field("event_type", self.event_type())?;
        match self {
            Event::Authorized(resource) => out.serialize_field("resource", resource)?,
            Event::Revoked(resource) => out.serialize_field("resource", resource)?,
            Event::PaymentSuccess(resource) => out.serialize_field("resource", resource)?,
            Event::QuotaCardExpired(resource) => {
                out.serialize_field("resource", resource)?
            }
            Event::PaymentRefundSuccess(resource) => {
                out.serialize_field("resource", resource)?
            }
            Event::Unknown { resource, .. } => out.serialize_field("resource", resource)?,
        }
        out.end()
    }
}

impl<'de> serde::Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Stored {
            event_type: String,
            resource: serde_json::Value,
        }
        let stored = Stored::deserialize(deserializer)?;
        Ok(
            match stored.event_type.as_str() {
                AuthorizedEvent::EVENT_TYPE => {
                    Event::Authorized(
                        serde_json::from_value(stored.resource)
                            .map_err(serde::de::Error::custom)?,
                    )
                }
                RevokedEvent::EVENT_TYPE => {
                    Event::Revoked(
                        serde_json::from_value(stored.resource)
                            .map_err(serde::de::Error::custom)?,
                    )
                }
                PaymentSuccessEvent::EVENT_TYPE => {
                    Event::PaymentSuccess(
                        serde_json::from_value(stored.resource)
                            .map_err(serde::de::Error::custom)?,
                    )
                }
                QuotaCardExpiredEvent::EVENT_TYPE => {
                    Event::QuotaCardExpired(
                        serde_json::from_value(stored.resource)
                            .map_err(serde::de::Error::custom)?,
                    )
                }
                PaymentRefundSuccessEvent::EVENT_TYPE => {
                    Event::PaymentRefundSuccess(
                        serde_json::from_value(stored.resource)
                            .map_err(serde::de::Error::custom)?,
                    )
                }
                _ => {
                    Event::Unknown {
                        event_type: stored.event_type,
                        resource: stored.resource,
                    }
                }
            },
        )
    }
}

impl crate::runtime::notify::DecodeEvent for Event {
    fn decode(event_type: &str, resource: &[u8]) -> Result<Self, serde_json::Error> {
        Ok(
            match event_type {
                AuthorizedEvent::EVENT_TYPE => {
                    Event::Authorized(serde_json::from_slice(resource)?)
                }
                RevokedEvent::EVENT_TYPE => {
                    Event::Revoked(serde_json::from_slice(resource)?)
                }
                PaymentSuccessEvent::EVENT_TYPE => {
                    Event::PaymentSuccess(serde_json::from_slice(resource)?)
                }
                QuotaCardExpiredEvent::EVENT_TYPE => {
                    Event::QuotaCardExpired(serde_json::from_slice(resource)?)
                }
                PaymentRefundSuccessEvent::EVENT_TYPE => {
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
///
/// Build one by field name with [`AuthorizedEvent::builder()`]; leaving out a required field does not compile.
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
    /// The envelope's `event_type` of this event: `WEBIZPAY.AUTHORIZED`.
    pub const EVENT_TYPE: &'static str = "WEBIZPAY.AUTHORIZED";
}

impl From<AuthorizedEvent> for Event {
    fn from(event: AuthorizedEvent) -> Self {
        Event::Authorized(event)
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
///
/// Build one by field name with [`RevokedEvent::builder()`]; leaving out a required field does not compile.
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
    /// The envelope's `event_type` of this event: `WEBIZPAY.REVOKED`.
    pub const EVENT_TYPE: &'static str = "WEBIZPAY.REVOKED";
}

impl From<RevokedEvent> for Event {
    fn from(event: RevokedEvent) -> Self {
        Event::Revoked(event)
    }
}

/// The decrypted resource of 企业支付额度卡支付成功后通知 (`WEBIZPAY.PAYMENTSUCCESS`).
///
/// 当企业支付额度卡支付成功时,微信支付会通知服务商,服务商需要接收处理,并返回应答。
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4015764398> (revision 2025-07-31).
///
/// Notes: 页面未见(更新时间取本族已见通知页面的 2025.07.31);回调描述与解密后的字段仅见于社区描述。社区把 goods_name 与 pay_success_time 标为 number(应为笔误): 此处 goods_name 为 string,pay_success_time 为 rfc3339 date-time;amount 按本族为整数,单位为分(通知中的单位未见)。
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`PaymentSuccessEvent::builder()`]; leaving out a required field does not compile.
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
    /// The envelope's `event_type` of this event: `WEBIZPAY.PAYMENTSUCCESS`.
    pub const EVENT_TYPE: &'static str = "WEBIZPAY.PAYMENTSUCCESS";
}

impl From<PaymentSuccessEvent> for Event {
    fn from(event: PaymentSuccessEvent) -> Self {
        Event::PaymentSuccess(event)
    }
}

/// The decrypted resource of 企业支付额度卡失效后通知 (`WEBIZPAY.QUOTACARDEXPIRED`).
///
/// 当有企业支付额度卡失效时,微信支付会通知服务商,服务商需要接收处理,并返回应答。
///
/// Documentation: <https://pay.weixin.qq.com/doc/v3/partner/4015764389> (revision 2025-07-31).
///
/// Notes: 页面未见(更新时间取本族已见通知页面的 2025.07.31);回调描述与解密后的字段仅见于社区描述。
///
/// Fields WeChat Pay adds later are ignored.
///
/// Build one by field name with [`QuotaCardExpiredEvent::builder()`]; leaving out a required field does not compile.
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
    /// The envelope's `event_type` of this event: `WEBIZPAY.QUOTACARDEXPIRED`.
    pub const EVENT_TYPE: &'static str = "WEBIZPAY.QUOTACARDEXPIRED";
}

impl From<QuotaCardExpiredEvent> for Event {
    fn from(event: QuotaCardExpiredEvent) -> Self {
        Event::QuotaCardExpired(event)
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
///
/// Build one by field name with [`PaymentRefundSuccessEvent::builder()`]; leaving out a required field does not compile.
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
    /// The envelope's `event_type` of this event: `WEBIZPAY.PAYMENTREFUNDSUCCESS`.
    pub const EVENT_TYPE: &'static str = "WEBIZPAY.PAYMENTREFUNDSUCCESS";
}

impl From<PaymentRefundSuccessEvent> for Event {
    fn from(event: PaymentRefundSuccessEvent) -> Self {
        Event::PaymentRefundSuccess(event)
    }
}
