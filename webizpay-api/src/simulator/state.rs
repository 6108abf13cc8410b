//! The business state of the simulated 企业支付 service, and the operations
//! whose answers depend on it (the lifecycle the pages describe):
//!
//! - authorization: links per (sp_mchid, sub_mchid, user_id), employees
//!   (authorization relations) AUTHORIZED → REVOKED;
//! - quota cards per employee, by `card_no` and by `out_card_no`, ACTIVE →
//!   DISABLED (cancelled, expired, or when the employee is revoked);
//! - merchant ranges and their identifiers;
//! - store entity matches (batches);
//! - trade bills and proofs, whose `download_url` this simulator serves.
//!
//! Every other operation of the spec is answered from its spec example (see
//! `table.rs`). Where the pages do not say what WeChat Pay does, the choice
//! made here is written down as an assumption in [`super`]'s docs.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};
use sha1::Digest as _;

use super::handler::Failure;
use super::table::{Ctx, ErasedHandler, SimError, erase};
use crate::generated::{
    AddMerchantIdentifierRequest, AddMerchantIdentifierResponse, ApplicationType,
    ApplyAuthorizationRequest, ApplyAuthorizationResponse, ApplyProofRequest, ApplyProofResponse,
    ApplyTradeBillRequest, ApplyTradeBillResponse, AuthorizationState, AvailMchRange,
    CancelQuotaCardRequest, CancelQuotaCardResponse, CardRefundRule, CardRule,
    CreateAvailMchRangeRequest, CreateAvailMchRangeResponse, CreateQuotaCardRequest,
    CreateQuotaCardResponse, CreateStoreEntityMatchRequest, CreateStoreEntityMatchResponse,
    DeleteMerchantIdentifierRequest, DeleteMerchantIdentifierResponse, EmployeeAuthorization,
    ErrorCode, Event, GetQuotaCardPaymentUrlRequest, GetQuotaCardPaymentUrlResponse,
    ListAvailMchRangesRequest, ListAvailMchRangesResponse, ListMerchantIdentifiersRequest,
    ListMerchantIdentifiersResponse, MchRangeIdentifierType, QueryAuthorizationStateRequest,
    QueryAuthorizationStateResponse, QueryQuotaCardByOutCardNoRequest,
    QueryQuotaCardByOutCardNoResponse, QueryQuotaCardRequest, QueryQuotaCardResponse,
    QueryStoreEntityMatchRequest, QueryStoreEntityMatchResponse, QuotaCard, QuotaCardExpiredEvent,
    QuotaCardState, RevokeAuthorizationRequest, RevokeAuthorizationResponse, RevokedEvent,
    StoreMatchBatchState, StoreMatchDetail, StoreMatchResult,
};
use crate::runtime::operation::Operation;
use crate::runtime::wire::ENCODE_SET;

/// How long an authorization link (and `mp_query`) stays valid.
pub const LINK_VALIDITY_SECS: i64 = 35 * 60;
/// How long a quota-card payment link stays valid (the page says only
/// "链接有效期较短"; the simulator uses 5 minutes).
pub const PAYMENT_LINK_VALIDITY_SECS: i64 = 5 * 60;
/// How long a `download_url` stays valid (链接5分钟内有效).
pub const DOWNLOAD_VALIDITY_SECS: i64 = 5 * 60;
/// The `mp_business_type` of MINIPROGRAM authorization links.
pub const MP_BUSINESS_TYPE: &str = "liteAppWebizPayRegister";
/// The `mp_business_type` of MINIPROGRAM payment links (not documented; the
/// simulator's choice).
pub const MP_PAYMENT_BUSINESS_TYPE: &str = "liteAppWebizPayPayment";
/// The `reason` of a revocation through `revoke_authorization`.
pub const REVOKE_REASON: &str = "企业管理员撤销";
/// The `reason` of the cards a revocation disables (此商户下的企业支付额度卡全部作废).
pub const CARD_REVOKED_REASON: &str = "员工企业支付授权已解除";
/// The `reason` of a card past its `effective_end_time`.
pub const CARD_EXPIRED_REASON: &str = "有效期结束";
/// The path the simulator serves `download_url`s on.
pub const DOWNLOAD_PATH: &str = "/v3/billdownload/file";

/// Fills `buf` from the OS CSPRNG, falling back to a time- and
/// counter-seeded generator if the OS source fails (never panics; ids only
/// need to be unique, not secret).
pub(crate) fn random_bytes(buf: &mut [u8]) {
    if getrandom::fill(buf).is_ok() {
        return;
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut x = nanos ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(32);
    for b in buf {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        *b = (z ^ (z >> 31)) as u8;
    }
}

/// `len` random lowercase hex digits.
pub(crate) fn random_hex(len: usize) -> String {
    let mut bytes = vec![0u8; len.div_ceil(2)];
    random_bytes(&mut bytes);
    let mut s = hex(&bytes);
    s.truncate(len);
    s
}

/// `len` random decimal digits, the first not `0`.
fn random_digits(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    random_bytes(&mut bytes);
    bytes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let d = if i == 0 { 1 + b % 9 } else { b % 10 };
            char::from(b'0' + d)
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A version-4-UUID-shaped id.
fn uuid() -> String {
    let mut b = [0u8; 16];
    random_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Unix seconds as a date-time at +08:00 (Beijing time), as WeChat Pay renders them.
pub(crate) fn beijing_time(unix: i64) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix());
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&offset)
}

/// The Beijing calendar date of a Unix time.
fn beijing_date(unix: i64) -> NaiveDate {
    beijing_time(unix).date_naive()
}

/// The hex SHA-1 of a file, as the bill pages give `hash_value`.
pub(crate) fn sha1_hex(bytes: &[u8]) -> String {
    hex(&sha1::Sha1::digest(bytes))
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct UserKey {
    sp_mchid: String,
    sub_mchid: String,
    user_id: String,
}

impl UserKey {
    fn new(sp_mchid: &str, sub_mchid: &str, user_id: &str) -> Self {
        UserKey {
            sp_mchid: sp_mchid.to_owned(),
            sub_mchid: sub_mchid.to_owned(),
            user_id: user_id.to_owned(),
        }
    }
}

#[derive(Clone, Debug, Default)]
struct UserEntry {
    /// The expiry of the link issued last and not yet used.
    link_expires: Option<i64>,
    /// Every authorization relation of the user, oldest first.
    employees: Vec<String>,
}

#[derive(Clone, Debug)]
struct Employee {
    key: UserKey,
    authorized_at: i64,
    revoked_at: Option<i64>,
}

#[derive(Clone, Debug)]
struct Card {
    /// The merchant that issued it (the request's `sp_mchid`).
    sp_mchid: String,
    request: CreateQuotaCardRequest,
    card_no: String,
    created_at: i64,
    /// Cancelled or disabled by a revocation: when and why.
    disabled: Option<(i64, String)>,
}

impl Card {
    /// The state at `now`: DISABLED when cancelled, revoked or expired.
    fn state(&self, now: i64) -> (QuotaCardState, Option<(i64, String)>) {
        if let Some(d) = &self.disabled {
            return (QuotaCardState::Disabled, Some(d.clone()));
        }
        let end = self.request.effective_end_time.timestamp();
        if end <= now {
            return (
                QuotaCardState::Disabled,
                Some((end, CARD_EXPIRED_REASON.to_owned())),
            );
        }
        (QuotaCardState::Active, None)
    }

    fn query_response(&self, now: i64) -> QuotaCard {
        let r = &self.request;
        let (card_state, disabled) = self.state(now);
        {
            let mut v = QuotaCard::builder()
                .sp_mchid(self.sp_mchid.clone())
                .sub_mchid(r.sub_mchid.clone())
                .card_no(self.card_no.clone())
                .out_card_no(r.out_card_no.clone())
                .employee_id(r.employee_id.clone())
                .card_template_id(r.card_template_id.clone())
                .card_rule(CardRule::Multiple)
                .refund_rule(CardRefundRule::Return)
                .amount(r.amount)
                .remain_amount(r.amount)
                .effective_end_time(r.effective_end_time)
                .effective_begin_time(beijing_time(self.created_at))
                .card_state(card_state)
                .card_name(r.card_name.clone())
                .build();
            v.reason = disabled.as_ref().map(|(_, why)| why.clone());
            v.card_disabled_time = disabled.map(|(at, _)| beijing_time(at));
            v.card_remark = r.card_remark.clone();
            v
        }
    }
}

#[derive(Clone, Debug)]
struct Range {
    sp_mchid: String,
    identifier_type: MchRangeIdentifierType,
    identifiers: Vec<String>,
}

#[derive(Clone, Debug)]
struct Batch {
    /// The merchant that created it (the request's `sp_mchid`).
    sp_mchid: String,
    request: CreateStoreEntityMatchRequest,
    batch_id: String,
    created_at: i64,
}

#[derive(Clone, Debug)]
struct Proof {
    request: ApplyProofRequest,
    operation_id: String,
    proof_id: String,
    created_at: i64,
}

/// A file behind a `download_url`.
#[derive(Clone, Debug)]
pub(crate) struct Download {
    pub sp_mchid: String,
    pub expires: i64,
    source: Source,
}

/// Where the content of a download comes from.
#[derive(Clone, Debug)]
enum Source {
    /// Fixed when the URL was issued (proofs).
    Fixed(Arc<Vec<u8>>),
    /// The trade bill of (sub_mchid, date) as it is when downloaded.
    Bill(String, NaiveDate),
}

/// Everything the simulated service remembers.
#[derive(Debug, Default)]
pub(crate) struct Store {
    users: HashMap<UserKey, UserEntry>,
    employees: HashMap<String, Employee>,
    cards: HashMap<String, Card>,
    /// (sp_mchid, sub_mchid, out_card_no) → card_no.
    out_cards: HashMap<(String, String, String), String>,
    ranges: HashMap<String, Range>,
    range_order: Vec<String>,
    batches: HashMap<String, Batch>,
    /// (sp_mchid, out_batch_id) → batch_id.
    out_batches: HashMap<(String, String), String>,
    /// 统一社会信用代码 that have a merchant number (for store matching).
    entities: HashMap<String, bool>,
    proofs: HashMap<(String, String), Proof>,
    /// Trade bills set by the test: (sub_mchid, date) → content.
    bills: HashMap<(String, NaiveDate), Arc<Vec<u8>>>,
    downloads: HashMap<String, Download>,
}

impl Store {
    /// The employee `employee_id` under (`sp_mchid`, `sub_mchid`), or 404.
    fn employee(
        &self,
        employee_id: &str,
        sp_mchid: &str,
        sub_mchid: &str,
    ) -> Result<&Employee, SimError> {
        self.employees
            .get(employee_id)
            .filter(|e| e.key.sp_mchid == sp_mchid && e.key.sub_mchid == sub_mchid)
            .ok_or_else(|| {
                SimError::new(
                    ErrorCode::ResourceNotExists,
                    format!(
                        "employee_id: no authorization {employee_id:?} under sp_mchid {sp_mchid:?} and sub_mchid {sub_mchid:?}"
                    ),
                )
            })
    }

    /// The card `card_no` of the employee, or 404.
    fn card(
        &self,
        employee_id: &str,
        card_no: &str,
        sp_mchid: &str,
        sub_mchid: &str,
    ) -> Result<&Card, SimError> {
        self.employee(employee_id, sp_mchid, sub_mchid)?;
        self.cards
            .get(card_no)
            .filter(|c| c.request.employee_id == employee_id)
            .ok_or_else(|| {
                SimError::new(
                    ErrorCode::ResourceNotExists,
                    format!("card_no: no quota card {card_no:?} of employee {employee_id:?}"),
                )
            })
    }

    fn range(&self, range_id: &str, sp_mchid: &str) -> Result<&Range, SimError> {
        self.ranges
            .get(range_id)
            .filter(|r| r.sp_mchid == sp_mchid)
            .ok_or_else(|| {
                SimError::new(
                    ErrorCode::ResourceNotExists,
                    format!("range_id: no merchant range {range_id:?} of sp_mchid {sp_mchid:?}"),
                )
            })
    }

    /// The employee opens the link and authorizes: only if an unexpired link
    /// was issued (and not used yet). Returns the new employee id.
    pub fn accept(
        &mut self,
        sp_mchid: &str,
        sub_mchid: &str,
        user_id: &str,
        now: i64,
    ) -> Option<String> {
        let key = UserKey::new(sp_mchid, sub_mchid, user_id);
        let entry = self.users.get_mut(&key)?;
        let expires = entry.link_expires.take()?;
        if expires < now {
            return None;
        }
        let employee_id = format!("WeBizPay_{}", uuid());
        entry.employees.push(employee_id.clone());
        self.employees.insert(
            employee_id.clone(),
            Employee {
                key,
                authorized_at: now,
                revoked_at: None,
            },
        );
        Some(employee_id)
    }

    fn latest(&self, key: &UserKey) -> Option<(&String, &Employee)> {
        let id = self.users.get(key)?.employees.last()?;
        self.employees.get(id).map(|e| (id, e))
    }

    /// The employee id of the latest authorization of a user.
    pub fn employee_id(&self, sp_mchid: &str, sub_mchid: &str, user_id: &str) -> Option<String> {
        self.latest(&UserKey::new(sp_mchid, sub_mchid, user_id))
            .map(|(id, _)| id.clone())
    }

    /// The state of the latest authorization of a user.
    pub fn authorization_state(
        &self,
        sp_mchid: &str,
        sub_mchid: &str,
        user_id: &str,
    ) -> Option<AuthorizationState> {
        let (_, e) = self.latest(&UserKey::new(sp_mchid, sub_mchid, user_id))?;
        Some(if e.revoked_at.is_some() {
            AuthorizationState::Revoked
        } else {
            AuthorizationState::Authorized
        })
    }

    /// Whether a link was issued to the user and not used yet (expired or not).
    pub fn has_pending_link(&self, sp_mchid: &str, sub_mchid: &str, user_id: &str) -> bool {
        self.users
            .get(&UserKey::new(sp_mchid, sub_mchid, user_id))
            .is_some_and(|e| e.link_expires.is_some())
    }

    /// Sets the content of a trade bill (served from then on, also through
    /// `download_url`s issued before).
    pub fn set_trade_bill(&mut self, sub_mchid: &str, date: NaiveDate, content: Vec<u8>) {
        self.bills
            .insert((sub_mchid.to_owned(), date), Arc::new(content));
    }

    /// Marks a 统一社会信用代码 as having (or not) a merchant number.
    pub fn set_entity(&mut self, organization_code: &str, has_valid_mchid: bool) {
        self.entities
            .insert(organization_code.to_owned(), has_valid_mchid);
    }

    /// The file behind a download token, with its content now.
    pub fn download(&self, token: &str) -> Option<(Download, Arc<Vec<u8>>)> {
        let d = self.downloads.get(token)?;
        let content = match &d.source {
            Source::Fixed(content) => Arc::clone(content),
            Source::Bill(sub_mchid, date) => self.bill(sub_mchid, *date),
        };
        Some((d.clone(), content))
    }

    /// The trade bill of a sub-merchant for a day: the one the test set,
    /// else the default.
    fn bill(&self, sub_mchid: &str, date: NaiveDate) -> Arc<Vec<u8>> {
        match self.bills.get(&(sub_mchid.to_owned(), date)) {
            Some(c) => Arc::clone(c),
            None => Arc::new(self.default_bill(sub_mchid, date)),
        }
    }

    /// The default trade bill: a header line and one line per quota card the
    /// sub-merchant issued that day. (The pages do not show the format of a
    /// QYZFALL bill; this one is the simulator's own.)
    fn default_bill(&self, sub_mchid: &str, date: NaiveDate) -> Vec<u8> {
        let mut lines = vec![
            "创建时间,服务商商户号,出资子商户号,微信授权关系ID,额度卡卡号,商户卡号,金额(分)"
                .to_owned(),
        ];
        let mut cards: Vec<&Card> = self
            .cards
            .values()
            .filter(|c| c.request.sub_mchid == sub_mchid && beijing_date(c.created_at) == date)
            .collect();
        cards.sort_by(|a, b| (a.created_at, &a.card_no).cmp(&(b.created_at, &b.card_no)));
        for c in cards {
            let r = &c.request;
            lines.push(format!(
                "{},{},{},{},{},{},{}",
                beijing_time(c.created_at).to_rfc3339(),
                c.sp_mchid,
                r.sub_mchid,
                r.employee_id,
                c.card_no,
                r.out_card_no,
                r.amount
            ));
        }
        let mut text = lines.join("\n");
        text.push('\n');
        text.into_bytes()
    }

    /// A new `download_url` for a file.
    fn issue_download(
        &mut self,
        base_url: &str,
        sp_mchid: &str,
        source: Source,
        now: i64,
    ) -> String {
        let token = random_hex(32);
        self.downloads.insert(
            token.clone(),
            Download {
                sp_mchid: sp_mchid.to_owned(),
                expires: now.saturating_add(DOWNLOAD_VALIDITY_SECS),
                source,
            },
        );
        format!("{base_url}{DOWNLOAD_PATH}?token={token}")
    }
}

fn link(token: &str) -> String {
    let page = format!(
        "https://liteapp.wxpapp.weixin.qq.com/q/{}?token={token}#wechat_pay",
        random_hex(6)
    );
    format!(
        "weixin://dl/liteapp?url={}",
        percent_encoding::utf8_percent_encode(&page, ENCODE_SET)
    )
}

fn apply_authorization(
    r: &ApplyAuthorizationRequest,
    cx: &Ctx<'_>,
) -> Result<ApplyAuthorizationResponse, SimError> {
    let mut store = cx.shared.store();
    let key = UserKey::new(&cx.shared.mchid, &r.sub_mchid, &r.user_id);
    let mut resp = ApplyAuthorizationResponse::builder()
        .sp_mchid(cx.shared.mchid.clone())
        .sub_mchid(r.sub_mchid.clone())
        .user_id(r.user_id.clone())
        .application_type(r.application_type.clone())
        .build();
    if store
        .latest(&key)
        .is_some_and(|(_, e)| e.revoked_at.is_none())
    {
        // 仅当可以开通时返回: an authorized user gets no link.
        return Ok(resp);
    }
    let token = random_hex(32);
    let expires = cx.now.saturating_add(LINK_VALIDITY_SECS);
    resp.authorization_url = Some(link(&token));
    resp.expire_time = Some(beijing_time(expires));
    if r.application_type == ApplicationType::Miniprogram {
        resp.mp_query = Some(format!("token={token}"));
        resp.mp_business_type = Some(MP_BUSINESS_TYPE.to_owned());
    }
    store.users.entry(key).or_default().link_expires = Some(expires);
    Ok(resp)
}

fn query_authorization_state(
    r: &QueryAuthorizationStateRequest,
    cx: &Ctx<'_>,
) -> Result<QueryAuthorizationStateResponse, SimError> {
    let store = cx.shared.store();
    let key = UserKey::new(&cx.shared.mchid, &r.sub_mchid, &r.user_id);
    let employee_list = store.users.get(&key).map(|entry| {
        entry
            .employees
            .iter()
            .filter_map(|id| store.employees.get(id).map(|e| (id, e)))
            .map(|(id, e)| {
                let mut v = EmployeeAuthorization::builder()
                    .employee_id(id.clone())
                    .authorization_state(if e.revoked_at.is_some() {
                        AuthorizationState::Revoked
                    } else {
                        AuthorizationState::Authorized
                    })
                    .authorization_time(beijing_time(e.authorized_at))
                    .build();
                v.authorization_revoked_time = e.revoked_at.map(beijing_time);
                v
            })
            .collect::<Vec<_>>()
    });
    Ok({
        let mut v = QueryAuthorizationStateResponse::builder()
            .sp_mchid(cx.shared.mchid.clone())
            .sub_mchid(r.sub_mchid.clone())
            .user_id(r.user_id.clone())
            .build();
        v.employee_list = employee_list.filter(|l| !l.is_empty());
        v
    })
}

fn revoke_authorization(
    r: &RevokeAuthorizationRequest,
    cx: &Ctx<'_>,
) -> Result<RevokeAuthorizationResponse, SimError> {
    let mut store = cx.shared.store();
    let employee = store.employee(&r.employee_id, &cx.shared.mchid, &r.sub_mchid)?;
    let key = employee.key.clone();
    let mut disabled_cards = Vec::new();
    let at = match employee.revoked_at {
        Some(at) => at,
        None => {
            if let Some(e) = store.employees.get_mut(&r.employee_id) {
                e.revoked_at = Some(cx.now);
            }
            // 此商户下的企业支付额度卡全部作废.
            for card in store.cards.values_mut() {
                if card.request.employee_id == r.employee_id && card.disabled.is_none() {
                    card.disabled = Some((cx.now, CARD_REVOKED_REASON.to_owned()));
                    disabled_cards.push(card.clone());
                }
            }
            cx.now
        }
    };
    drop(store);
    if at == cx.now {
        notify(
            cx.shared,
            "授权关系解除",
            RevokedEvent::builder()
                .sp_mchid(key.sp_mchid.clone())
                .sub_mchid(key.sub_mchid.clone())
                .user_id(key.user_id.clone())
                .authorization_state(AuthorizationState::Revoked)
                .authorization_revoked_time(beijing_time(at))
                .reason(REVOKE_REASON.to_owned())
                .build(),
        );
        for card in &disabled_cards {
            notify_card_expired(cx, card);
        }
    }
    Ok(RevokeAuthorizationResponse::builder()
        .sp_mchid(key.sp_mchid)
        .sub_mchid(key.sub_mchid)
        .user_id(key.user_id)
        .authorization_state(AuthorizationState::Revoked)
        .authorization_revoked_time(beijing_time(at))
        .reason(REVOKE_REASON.to_owned())
        .build())
}

fn create_quota_card(
    r: &CreateQuotaCardRequest,
    cx: &Ctx<'_>,
) -> Result<CreateQuotaCardResponse, SimError> {
    let mut store = cx.shared.store();
    let employee = store.employee(&r.employee_id, &cx.shared.mchid, &r.sub_mchid)?;
    let out_key = (
        cx.shared.mchid.clone(),
        r.sub_mchid.clone(),
        r.out_card_no.clone(),
    );
    if let Some(card) = store
        .out_cards
        .get(&out_key)
        .and_then(|no| store.cards.get(no))
    {
        // Assumption: a repeated out_card_no with the same body is a replay
        // and gets the same card; with another body, an error.
        if card.request != *r {
            return Err(SimError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "out_card_no: {:?} was already used with other parameters (card {})",
                    r.out_card_no, card.card_no
                ),
            ));
        }
        return Ok(CreateQuotaCardResponse::builder()
            .sp_mchid(cx.shared.mchid.clone())
            .sub_mchid(r.sub_mchid.clone())
            .out_card_no(r.out_card_no.clone())
            .employee_id(r.employee_id.clone())
            .card_no(card.card_no.clone())
            .effective_begin_time(beijing_time(card.created_at))
            .effective_end_time(r.effective_end_time)
            .build());
    }
    if employee.revoked_at.is_some() {
        return Err(SimError::new(
            ErrorCode::InvalidRequest,
            format!(
                "employee_id: {:?} is REVOKED; a card can only be issued to an authorized employee",
                r.employee_id
            ),
        ));
    }
    if r.effective_end_time.timestamp() <= cx.now {
        return Err(SimError::new(
            ErrorCode::ParamError,
            format!(
                "effective_end_time: {} is not later than the current time",
                r.effective_end_time.to_rfc3339()
            ),
        )
        .detail(serde_json::json!({"field": "effective_end_time", "location": "body"})));
    }
    let card_no = random_digits(19);
    store.out_cards.insert(out_key, card_no.clone());
    store.cards.insert(
        card_no.clone(),
        Card {
            sp_mchid: cx.shared.mchid.clone(),
            request: r.clone(),
            card_no: card_no.clone(),
            created_at: cx.now,
            disabled: None,
        },
    );
    Ok(CreateQuotaCardResponse::builder()
        .sp_mchid(cx.shared.mchid.clone())
        .sub_mchid(r.sub_mchid.clone())
        .out_card_no(r.out_card_no.clone())
        .employee_id(r.employee_id.clone())
        .card_no(card_no)
        .effective_begin_time(beijing_time(cx.now))
        .effective_end_time(r.effective_end_time)
        .build())
}

fn query_quota_card(
    r: &QueryQuotaCardRequest,
    cx: &Ctx<'_>,
) -> Result<QueryQuotaCardResponse, SimError> {
    let store = cx.shared.store();
    let card = store.card(&r.employee_id, &r.card_no, &cx.shared.mchid, &r.sub_mchid)?;
    Ok(card.query_response(cx.now))
}

fn query_quota_card_by_out_card_no(
    r: &QueryQuotaCardByOutCardNoRequest,
    cx: &Ctx<'_>,
) -> Result<QueryQuotaCardByOutCardNoResponse, SimError> {
    let store = cx.shared.store();
    store.employee(&r.employee_id, &cx.shared.mchid, &r.sub_mchid)?;
    let key = (
        cx.shared.mchid.clone(),
        r.sub_mchid.clone(),
        r.out_card_no.clone(),
    );
    let card = store
        .out_cards
        .get(&key)
        .and_then(|no| store.cards.get(no))
        .filter(|c| c.request.employee_id == r.employee_id)
        .ok_or_else(|| {
            SimError::new(
                ErrorCode::ResourceNotExists,
                format!(
                    "out_card_no: no quota card {:?} of employee {:?}",
                    r.out_card_no, r.employee_id
                ),
            )
        })?;
    Ok(card.query_response(cx.now))
}

fn cancel_quota_card(
    r: &CancelQuotaCardRequest,
    cx: &Ctx<'_>,
) -> Result<CancelQuotaCardResponse, SimError> {
    let mut store = cx.shared.store();
    store.card(&r.employee_id, &r.card_no, &cx.shared.mchid, &r.sub_mchid)?;
    let Some(card) = store.cards.get_mut(&r.card_no) else {
        return Err(SimError::new(ErrorCode::ResourceNotExists, "card_no: gone"));
    };
    // Assumption: cancelling a disabled card answers with its state again.
    let newly = card.disabled.is_none();
    if newly {
        card.disabled = Some((cx.now, r.reason.clone()));
    }
    let (card_state, disabled) = card.state(cx.now);
    let card = card.clone();
    drop(store);
    if newly {
        notify_card_expired(cx, &card);
    }
    Ok({
        let mut v = CancelQuotaCardResponse::builder()
            .sp_mchid(cx.shared.mchid.clone())
            .sub_mchid(r.sub_mchid.clone())
            .employee_id(r.employee_id.clone())
            .card_no(r.card_no.clone())
            .card_state(card_state)
            .build();
        v.card_disabled_time = disabled.map(|(at, _)| beijing_time(at));
        v
    })
}

fn get_quota_card_payment_url(
    r: &GetQuotaCardPaymentUrlRequest,
    cx: &Ctx<'_>,
) -> Result<GetQuotaCardPaymentUrlResponse, SimError> {
    let store = cx.shared.store();
    let card = store.card(&r.employee_id, &r.card_no, &cx.shared.mchid, &r.sub_mchid)?;
    if let (QuotaCardState::Disabled, Some((_, why))) = card.state(cx.now) {
        return Err(SimError::new(
            ErrorCode::InvalidRequest,
            format!(
                "card_no: {:?} is DISABLED ({why}) and cannot pay",
                r.card_no
            ),
        ));
    }
    let token = random_hex(32);
    let mini = r.application_type == ApplicationType::Miniprogram;
    Ok({
        let mut v = GetQuotaCardPaymentUrlResponse::builder()
            .sp_mchid(cx.shared.mchid.clone())
            .sub_mchid(r.sub_mchid.clone())
            .employee_id(r.employee_id.clone())
            .card_no(r.card_no.clone())
            .expire_time(beijing_time(
                cx.now.saturating_add(PAYMENT_LINK_VALIDITY_SECS),
            ))
            .application_type(r.application_type.clone())
            .build();
        v.payment_url = (!mini).then(|| link(&token));
        v.mp_query = mini.then(|| format!("token={token}"));
        v.mp_business_type = mini.then(|| MP_PAYMENT_BUSINESS_TYPE.to_owned());
        v
    })
}

/// Sends a notification of the lifecycle (when a callback URL is set):
/// the generated `Event` knows its `event_type` and its resource.
pub(crate) fn notify(shared: &super::Shared, summary: &str, event: impl Into<Event>) {
    let event = event.into();
    if let Ok(mut stored) = serde_json::to_value(&event) {
        let resource = stored["resource"].take();
        super::callbacks::send(shared, event.event_type(), summary, &resource, None);
    }
}

/// 企业支付额度卡失效后通知, for a card just disabled.
fn notify_card_expired(cx: &Ctx<'_>, card: &Card) {
    let (card_state, disabled) = card.state(cx.now);
    let r = &card.request;
    notify(cx.shared, "额度卡失效", {
        let mut v = QuotaCardExpiredEvent::builder()
            .sp_mchid(cx.shared.mchid.clone())
            .sub_mchid(r.sub_mchid.clone())
            .card_no(card.card_no.clone())
            .employee_id(r.employee_id.clone())
            .card_state(card_state)
            .card_disabled_time(beijing_time(
                disabled.as_ref().map_or(cx.now, |(at, _)| *at),
            ))
            .build();
        v.reason = disabled.map(|(_, why)| why);
        v
    });
}

fn create_avail_mch_range(
    r: &CreateAvailMchRangeRequest,
    cx: &Ctx<'_>,
) -> Result<CreateAvailMchRangeResponse, SimError> {
    let mut store = cx.shared.store();
    let range_id = uuid();
    store.ranges.insert(
        range_id.clone(),
        Range {
            sp_mchid: cx.shared.mchid.clone(),
            identifier_type: r.identifier_type.clone(),
            identifiers: Vec::new(),
        },
    );
    store.range_order.push(range_id.clone());
    Ok(CreateAvailMchRangeResponse::builder()
        .range_id(range_id)
        .build())
}

fn list_avail_mch_ranges(
    _: &ListAvailMchRangesRequest,
    cx: &Ctx<'_>,
) -> Result<ListAvailMchRangesResponse, SimError> {
    let store = cx.shared.store();
    let range_list = store
        .range_order
        .iter()
        .filter_map(|id| store.ranges.get(id).map(|range| (id, range)))
        .filter(|(_, range)| range.sp_mchid == cx.shared.mchid)
        .map(|(id, range)| {
            AvailMchRange::builder()
                .range_id(id.clone())
                .identifier_type(range.identifier_type.clone())
                .build()
        })
        .collect::<Vec<_>>();
    Ok(ListAvailMchRangesResponse::builder()
        .sp_mchid(cx.shared.mchid.clone())
        .range_list(range_list)
        .build())
}

fn add_merchant_identifier(
    r: &AddMerchantIdentifierRequest,
    cx: &Ctx<'_>,
) -> Result<AddMerchantIdentifierResponse, SimError> {
    let mut store = cx.shared.store();
    store.range(&r.range_id, &cx.shared.mchid)?;
    if let Some(range) = store.ranges.get_mut(&r.range_id)
        && !range.identifiers.contains(&r.merchant_identifier)
    {
        range.identifiers.push(r.merchant_identifier.clone());
    }
    Ok(AddMerchantIdentifierResponse::builder()
        .range_id(r.range_id.clone())
        .build())
}

fn list_merchant_identifiers(
    r: &ListMerchantIdentifiersRequest,
    cx: &Ctx<'_>,
) -> Result<ListMerchantIdentifiersResponse, SimError> {
    let store = cx.shared.store();
    let range = store.range(&r.range_id, &cx.shared.mchid)?;
    let offset = usize::try_from(r.offset).unwrap_or(usize::MAX);
    let limit = usize::try_from(r.limit).unwrap_or(0);
    let data: Vec<String> = range
        .identifiers
        .iter()
        .skip(offset)
        .take(limit)
        .cloned()
        .collect();
    Ok(ListMerchantIdentifiersResponse::builder()
        .offset(r.offset)
        .limit(r.limit)
        .count(i64::try_from(data.len()).unwrap_or(i64::MAX))
        .total_count(i64::try_from(range.identifiers.len()).unwrap_or(i64::MAX))
        .data(data)
        .build())
}

fn delete_merchant_identifier(
    r: &DeleteMerchantIdentifierRequest,
    cx: &Ctx<'_>,
) -> Result<DeleteMerchantIdentifierResponse, SimError> {
    let mut store = cx.shared.store();
    store.range(&r.range_id, &cx.shared.mchid)?;
    let Some(range) = store.ranges.get_mut(&r.range_id) else {
        return Err(SimError::new(
            ErrorCode::ResourceNotExists,
            "range_id: gone",
        ));
    };
    let Some(at) = range
        .identifiers
        .iter()
        .position(|m| *m == r.merchant_identifier)
    else {
        return Err(SimError::new(
            ErrorCode::ResourceNotExists,
            format!(
                "merchant_identifier: {:?} is not in range {:?}",
                r.merchant_identifier, r.range_id
            ),
        ));
    };
    range.identifiers.remove(at);
    Ok(DeleteMerchantIdentifierResponse::builder()
        .range_id(r.range_id.clone())
        .build())
}

fn apply_trade_bill(
    r: &ApplyTradeBillRequest,
    cx: &Ctx<'_>,
) -> Result<ApplyTradeBillResponse, SimError> {
    let today = beijing_date(cx.now);
    if r.date >= today || r.date < today - chrono::Months::new(3) {
        return Err(SimError::new(
            ErrorCode::InvalidRequest,
            format!(
                "date: {} is not a past day of the last three months (仅支持申请三个月内业务账单, today is {today})",
                r.date
            ),
        ));
    }
    let mut store = cx.shared.store();
    let hash = sha1_hex(&store.bill(&r.sub_mchid, r.date));
    let source = Source::Bill(r.sub_mchid.clone(), r.date);
    let download_url = store.issue_download(&cx.shared.base_url, &cx.shared.mchid, source, cx.now);
    Ok(ApplyTradeBillResponse::builder()
        .sp_mchid(cx.shared.mchid.clone())
        .sub_mchid(r.sub_mchid.clone())
        .date(r.date)
        .r#type(r.r#type.clone())
        .download_url(download_url)
        .hash_type("SHA1".to_owned())
        .hash_value(hash)
        .build())
}

fn apply_proof(r: &ApplyProofRequest, cx: &Ctx<'_>) -> Result<ApplyProofResponse, SimError> {
    if r.end_date < r.start_date {
        return Err(SimError::new(
            ErrorCode::ParamError,
            format!(
                "end_date: {} is before start_date {}",
                r.end_date, r.start_date
            ),
        ));
    }
    let mut store = cx.shared.store();
    let key = (cx.shared.mchid.clone(), r.out_operation_id.clone());
    let proof = match store.proofs.get(&key) {
        Some(p) if p.request != *r => {
            return Err(SimError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "out_operation_id: {:?} was already used with other parameters",
                    r.out_operation_id
                ),
            ));
        }
        Some(p) => p.clone(),
        None => {
            let p = Proof {
                request: r.clone(),
                operation_id: format!("1030000071201{}", random_digits(5)),
                proof_id: format!("proof{}", random_hex(12)),
                created_at: cx.now,
            };
            store.proofs.insert(key, p.clone());
            p
        }
    };
    let content = format!(
        "企业支付出资凭证\n凭证ID:{}\n服务商商户号:{}\n出资子商户号:{}\n主体名称:{}\n起止日期:{} 至 {}\n",
        proof.proof_id,
        cx.shared.mchid,
        r.sub_mchid,
        r.entity_name.as_deref().unwrap_or(""),
        r.start_date,
        r.end_date
    );
    let download_url = store.issue_download(
        &cx.shared.base_url,
        &cx.shared.mchid,
        Source::Fixed(Arc::new(content.into_bytes())),
        cx.now,
    );
    Ok({
        let mut v = ApplyProofResponse::builder()
            .sp_mchid(cx.shared.mchid.clone())
            .out_operation_id(r.out_operation_id.clone())
            .operation_id(proof.operation_id)
            .sub_mchid(r.sub_mchid.clone())
            .start_date(r.start_date)
            .end_date(r.end_date)
            .proof_id(proof.proof_id)
            .download_url(download_url)
            .updated_time(beijing_time(cx.now))
            .created_time(beijing_time(proof.created_at))
            .build();
        v.entity_name = r.entity_name.clone();
        v
    })
}

fn create_store_entity_match(
    r: &CreateStoreEntityMatchRequest,
    cx: &Ctx<'_>,
) -> Result<CreateStoreEntityMatchResponse, SimError> {
    let mut store = cx.shared.store();
    let key = (cx.shared.mchid.clone(), r.out_batch_id.clone());
    let batch = match store
        .out_batches
        .get(&key)
        .and_then(|id| store.batches.get(id))
    {
        Some(b) if b.request != *r => {
            return Err(SimError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "out_batch_id: {:?} was already used with other parameters",
                    r.out_batch_id
                ),
            ));
        }
        Some(b) => b.clone(),
        None => {
            let b = Batch {
                sp_mchid: cx.shared.mchid.clone(),
                request: r.clone(),
                batch_id: format!("1030000071201{}", random_digits(5)),
                created_at: cx.now,
            };
            store.out_batches.insert(key, b.batch_id.clone());
            store.batches.insert(b.batch_id.clone(), b.clone());
            b
        }
    };
    Ok(CreateStoreEntityMatchResponse::builder()
        .sp_mchid(cx.shared.mchid.clone())
        .out_batch_id(r.out_batch_id.clone())
        .batch_id(batch.batch_id)
        .time(beijing_time(batch.created_at))
        .state(StoreMatchBatchState::Accepted)
        .build())
}

fn query_store_entity_match(
    r: &QueryStoreEntityMatchRequest,
    cx: &Ctx<'_>,
) -> Result<QueryStoreEntityMatchResponse, SimError> {
    let store = cx.shared.store();
    let batch = store
        .batches
        .get(&r.batch_id)
        .filter(|b| b.sp_mchid == cx.shared.mchid)
        .ok_or_else(|| {
            SimError::new(
                ErrorCode::ResourceNotExists,
                format!("batch_id: no store match batch {:?}", r.batch_id),
            )
        })?;
    // A batch is ACCEPTED when created and COMPLETED from the next second on.
    let done = cx.now > batch.created_at;
    let result = |d: &StoreMatchDetail| {
        StoreMatchResult::builder()
            .organization_code(d.organization_code.clone())
            .store_name(d.store_name.clone())
            .has_valid_mchid(
                store
                    .entities
                    .get(&d.organization_code)
                    .copied()
                    .unwrap_or(false),
            )
            .build()
    };
    Ok({
        let mut v = QueryStoreEntityMatchResponse::builder()
            .sp_mchid(cx.shared.mchid.clone())
            .out_batch_id(batch.request.out_batch_id.clone())
            .batch_id(batch.batch_id.clone())
            .state(if done {
                StoreMatchBatchState::Completed
            } else {
                StoreMatchBatchState::Accepted
            })
            .build();
        v.match_results = done.then(|| {
            batch
                .request
                .match_details
                .iter()
                .flatten()
                .map(result)
                .collect()
        });
        v
    })
}

/// The operations with stateful behaviour, by operation id.
pub(crate) fn builtins() -> HashMap<&'static str, ErasedHandler> {
    fn entry<O, F>(f: F) -> (&'static str, ErasedHandler)
    where
        O: Operation + 'static,
        F: Fn(&O, &Ctx<'_>) -> Result<O::Response, SimError> + Send + Sync + 'static,
    {
        (O::INFO.id, erase::<O, F>(f))
    }
    HashMap::from([
        entry(apply_authorization),
        entry(query_authorization_state),
        entry(revoke_authorization),
        entry(create_quota_card),
        entry(query_quota_card),
        entry(query_quota_card_by_out_card_no),
        entry(cancel_quota_card),
        entry(get_quota_card_payment_url),
        entry(create_avail_mch_range),
        entry(list_avail_mch_ranges),
        entry(add_merchant_identifier),
        entry(list_merchant_identifiers),
        entry(delete_merchant_identifier),
        entry(apply_trade_bill),
        entry(apply_proof),
        entry(create_store_entity_match),
        entry(query_store_entity_match),
    ])
}

/// Why a download is refused, as the generic 下载账单 page answers.
pub(crate) fn download_refusal(
    download: Option<&(Download, Arc<Vec<u8>>)>,
    mchid: &str,
    now: i64,
) -> Option<Failure> {
    match download {
        None => Some(Failure::of(
            ErrorCode::InvalidRequest,
            "token: no such download; 请按第一步申请账单的API指引,重新获取账单地址后再请求",
        )),
        Some((d, _)) if d.expires < now => Some(Failure::of(
            ErrorCode::InvalidRequest,
            "token: the download_url expired (5 minutes); 请按第一步申请账单的API指引,重新获取账单地址后再请求",
        )),
        Some((d, _)) if d.sp_mchid != mchid => Some(Failure::of(
            ErrorCode::NoAuth,
            ErrorCode::NoAuth.solution().unwrap_or_default(),
        )),
        Some(_) => None,
    }
}
