//! The business state of the simulated 企业支付 service: authorization links
//! issued per (sp_mchid, sub_mchid, user_id), and the employees
//! (authorization relations) they turned into.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset, Offset, Utc};

use crate::generated::{
    ApplicationType, ApplyAuthorizationRequest, ApplyAuthorizationResponse, AuthorizationState,
    RevokeAuthorizationRequest, RevokeAuthorizationResponse,
};
use crate::runtime::wire::ENCODE_SET;

/// How long an authorization link (and `mp_query`) stays valid.
pub const LINK_VALIDITY_SECS: i64 = 35 * 60;
/// The `mp_business_type` of MINIPROGRAM links.
pub const MP_BUSINESS_TYPE: &str = "liteAppWebizPayRegister";
/// The `reason` of a revocation through `revoke_authorization`.
pub const REVOKE_REASON: &str = "企业管理员撤销";

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
    let mut s: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    s.truncate(len);
    s
}

/// A new employee id: `WeBizPay_` and a version-4-UUID-shaped id.
fn new_employee_id() -> String {
    let mut b = [0u8; 16];
    random_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "WeBizPay_{}-{}-{}-{}-{}",
        h[0..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..16].concat()
    )
}

/// Unix seconds as a date-time at +08:00 (Beijing time), as WeChat Pay renders them.
pub(crate) fn beijing_time(unix: i64) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix());
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&offset)
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

#[derive(Clone, Debug)]
struct Link {
    expires_unix: i64,
}

#[derive(Clone, Debug, Default)]
struct UserEntry {
    /// The link issued last and not yet used.
    link: Option<Link>,
    /// The employee id of the latest authorization (authorized or revoked).
    employee_id: Option<String>,
}

#[derive(Clone, Debug)]
enum EmployeeState {
    Authorized,
    Revoked { at_unix: i64 },
}

#[derive(Clone, Debug)]
struct Employee {
    key: UserKey,
    state: EmployeeState,
}

/// Why a revoke was refused (answered with `PARAM_ERROR` naming `employee_id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnknownEmployee(pub String);

/// Authorization links and employees, per (sp_mchid, sub_mchid).
#[derive(Debug, Default)]
pub(crate) struct Store {
    users: HashMap<UserKey, UserEntry>,
    employees: HashMap<String, Employee>,
}

impl Store {
    fn current_state(&self, key: &UserKey) -> Option<&EmployeeState> {
        let id = self.users.get(key)?.employee_id.as_ref()?;
        self.employees.get(id).map(|e| &e.state)
    }

    /// `apply_authorization`: a new link unless the user is authorized.
    pub fn apply(
        &mut self,
        req: &ApplyAuthorizationRequest,
        now: i64,
    ) -> ApplyAuthorizationResponse {
        let key = UserKey::new(&req.sp_mchid, &req.sub_mchid, &req.user_id);
        let mut resp = ApplyAuthorizationResponse {
            sp_mchid: req.sp_mchid.clone(),
            sub_mchid: req.sub_mchid.clone(),
            user_id: req.user_id.clone(),
            authorization_url: None,
            expire_time: None,
            application_type: req.application_type.clone(),
            mp_query: None,
            mp_business_type: None,
        };
        if matches!(self.current_state(&key), Some(EmployeeState::Authorized)) {
            // 仅当可以开通时返回: an authorized user gets no link.
            return resp;
        }
        let token = random_hex(32);
        let expires_unix = now.saturating_add(LINK_VALIDITY_SECS);
        let page = format!(
            "https://liteapp.wxpapp.weixin.qq.com/q/{}?token={token}#wechat_pay",
            random_hex(6)
        );
        resp.authorization_url = Some(format!(
            "weixin://dl/liteapp?url={}",
            percent_encoding::utf8_percent_encode(&page, ENCODE_SET)
        ));
        resp.expire_time = Some(beijing_time(expires_unix));
        if req.application_type == ApplicationType::Miniprogram {
            resp.mp_query = Some(format!("token={token}"));
            resp.mp_business_type = Some(MP_BUSINESS_TYPE.to_owned());
        }
        self.users.entry(key).or_default().link = Some(Link { expires_unix });
        resp
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
        let link = entry.link.take()?;
        if link.expires_unix < now {
            return None;
        }
        let employee_id = new_employee_id();
        entry.employee_id = Some(employee_id.clone());
        self.employees.insert(
            employee_id.clone(),
            Employee {
                key,
                state: EmployeeState::Authorized,
            },
        );
        Some(employee_id)
    }

    /// `revoke_authorization`: AUTHORIZED → REVOKED; a revoked employee
    /// answers with the same record again.
    pub fn revoke(
        &mut self,
        req: &RevokeAuthorizationRequest,
        now: i64,
    ) -> Result<RevokeAuthorizationResponse, UnknownEmployee> {
        let employee = self
            .employees
            .get_mut(&req.employee_id)
            .filter(|e| e.key.sp_mchid == req.sp_mchid && e.key.sub_mchid == req.sub_mchid)
            .ok_or_else(|| {
                UnknownEmployee(format!(
                    "employee_id: no authorization {:?} under sp_mchid {:?} and sub_mchid {:?}",
                    req.employee_id, req.sp_mchid, req.sub_mchid
                ))
            })?;
        let at_unix = match employee.state {
            EmployeeState::Authorized => {
                employee.state = EmployeeState::Revoked { at_unix: now };
                now
            }
            EmployeeState::Revoked { at_unix } => at_unix,
        };
        Ok(RevokeAuthorizationResponse {
            sp_mchid: employee.key.sp_mchid.clone(),
            sub_mchid: employee.key.sub_mchid.clone(),
            user_id: employee.key.user_id.clone(),
            authorization_state: AuthorizationState::Revoked,
            authorization_revoked_time: beijing_time(at_unix),
            reason: REVOKE_REASON.to_owned(),
        })
    }

    /// The employee id of the latest authorization of a user.
    pub fn employee_id(&self, sp_mchid: &str, sub_mchid: &str, user_id: &str) -> Option<String> {
        self.users
            .get(&UserKey::new(sp_mchid, sub_mchid, user_id))?
            .employee_id
            .clone()
    }

    /// The state of the latest authorization of a user.
    pub fn authorization_state(
        &self,
        sp_mchid: &str,
        sub_mchid: &str,
        user_id: &str,
    ) -> Option<AuthorizationState> {
        match self.current_state(&UserKey::new(sp_mchid, sub_mchid, user_id))? {
            EmployeeState::Authorized => Some(AuthorizationState::Authorized),
            EmployeeState::Revoked { .. } => Some(AuthorizationState::Revoked),
        }
    }

    /// Whether a link was issued to the user and not used yet (expired or not).
    pub fn has_pending_link(&self, sp_mchid: &str, sub_mchid: &str, user_id: &str) -> bool {
        self.users
            .get(&UserKey::new(sp_mchid, sub_mchid, user_id))
            .is_some_and(|e| e.link.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(user_id: &str, t: ApplicationType) -> ApplyAuthorizationRequest {
        ApplyAuthorizationRequest {
            user_id: user_id.to_owned(),
            sp_mchid: "1900000001".to_owned(),
            sub_mchid: "1900000002".to_owned(),
            application_type: t,
        }
    }

    #[test]
    fn lifecycle() {
        let mut s = Store::default();
        let now = 1_700_000_000;
        assert_eq!(
            s.accept("1900000001", "1900000002", "employee123", now),
            None
        );
        let r = s.apply(&apply("employee123", ApplicationType::H5), now);
        assert!(
            r.authorization_url
                .as_deref()
                .unwrap()
                .starts_with("weixin://dl/liteapp?url=https%3A%2F%2F")
        );
        assert_eq!(
            r.expire_time.unwrap().to_rfc3339(),
            "2023-11-15T06:48:20+08:00"
        );
        assert!(r.mp_query.is_none() && r.mp_business_type.is_none());
        let id = s
            .accept("1900000001", "1900000002", "employee123", now)
            .unwrap();
        assert!(id.starts_with("WeBizPay_") && id.len() == 45, "{id}");
        assert_eq!(
            s.accept("1900000001", "1900000002", "employee123", now),
            None
        );
        let again = s.apply(&apply("employee123", ApplicationType::Miniprogram), now);
        assert!(again.authorization_url.is_none() && again.mp_query.is_none());

        let revoke = RevokeAuthorizationRequest {
            employee_id: id.clone(),
            sp_mchid: "1900000001".to_owned(),
            sub_mchid: "1900000002".to_owned(),
        };
        let r1 = s.revoke(&revoke, now + 10).unwrap();
        let r2 = s.revoke(&revoke, now + 20).unwrap();
        assert_eq!(r1, r2);
        assert_eq!(r1.authorization_state, AuthorizationState::Revoked);
        let other_sub = RevokeAuthorizationRequest {
            sub_mchid: "1900000003".to_owned(),
            ..revoke
        };
        assert!(s.revoke(&other_sub, now).is_err());

        let mp = s.apply(&apply("employee123", ApplicationType::Miniprogram), now);
        assert!(mp.mp_query.unwrap().starts_with("token="));
        assert_eq!(mp.mp_business_type.as_deref(), Some(MP_BUSINESS_TYPE));
        // An expired link cannot be used.
        assert_eq!(
            s.accept(
                "1900000001",
                "1900000002",
                "employee123",
                now + LINK_VALIDITY_SECS + 1
            ),
            None
        );
    }
}
