//! Bill dates in China time: see the crate docs, "Bills and proofs".

use chrono::{Days, FixedOffset, NaiveDate, NaiveTime, TimeZone as _};

use crate::runtime::auth::{Clock, SystemClock};

/// China Standard Time, UTC+8 all year (no daylight saving time): the
/// time zone of WeChat Pay's bill dates.
pub const CHINA_TIME_OFFSET_SECS: i32 = 8 * 3600;

/// The hour (China time) after which WeChat Pay advises fetching the
/// previous day's bill: it starts generating bills at 09:00 and suggests
/// fetching them after 10:00 ("微信将在次日9点开始生成前一天的对账单,建议服务商在10点后获取").
pub const BILL_READY_HOUR: u32 = 10;

/// Calendar dates as WeChat Pay counts them for bills: in China time
/// (UTC+8), whatever the server's own time zone.
///
/// A service in UTC that asks for "yesterday" between 00:00 and 08:00 UTC
/// would otherwise ask for the day before yesterday; these functions give
/// the China-time date, from the system clock or from any [`Clock`] (the
/// client's, or a fixed one in tests).
///
/// ```
/// use webizpay_api::{BillDate, Clock};
///
/// #[derive(Debug)]
/// struct At(i64);
/// impl Clock for At {
///     fn now_unix(&self) -> i64 { self.0 }
/// }
///
/// // 2025-05-20T17:30:00Z is already 2025-05-21 01:30 in China.
/// let clock = At(1_747_762_200);
/// assert_eq!(BillDate::today_at(&clock).to_string(), "2025-05-21");
/// assert_eq!(BillDate::yesterday_at(&clock).to_string(), "2025-05-20");
/// // At 01:30 yesterday's bill is not ready yet: the latest ready one is older.
/// assert_eq!(BillDate::latest_ready_at(&clock).to_string(), "2025-05-19");
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct BillDate;

impl BillDate {
    /// The China-time date of a Unix time (seconds).
    pub fn of_unix(unix: i64) -> NaiveDate {
        china()
            .timestamp_opt(unix, 0)
            .single()
            .map_or(NaiveDate::MIN, |t| t.date_naive())
    }

    /// Today in China time, by the system clock.
    pub fn today() -> NaiveDate {
        Self::today_at(&SystemClock)
    }

    /// Yesterday in China time, by the system clock: the date of the most
    /// recent complete day's bill.
    pub fn yesterday() -> NaiveDate {
        Self::yesterday_at(&SystemClock)
    }

    /// The latest date whose bill WeChat Pay advises is ready, by the system
    /// clock: yesterday from 10:00 China time ([`BILL_READY_HOUR`]), the day
    /// before yesterday until then.
    pub fn latest_ready() -> NaiveDate {
        Self::latest_ready_at(&SystemClock)
    }

    /// Today in China time, by `clock`.
    pub fn today_at(clock: &dyn Clock) -> NaiveDate {
        Self::of_unix(clock.now_unix())
    }

    /// Yesterday in China time, by `clock`.
    pub fn yesterday_at(clock: &dyn Clock) -> NaiveDate {
        days_before(Self::today_at(clock), 1)
    }

    /// The latest date whose bill WeChat Pay advises is ready, by `clock`
    /// (see [`latest_ready`](Self::latest_ready)).
    pub fn latest_ready_at(clock: &dyn Clock) -> NaiveDate {
        let now = clock.now_unix();
        let today = Self::of_unix(now);
        let ready_at = today
            .and_time(NaiveTime::from_hms_opt(BILL_READY_HOUR, 0, 0).unwrap_or(NaiveTime::MIN))
            .and_utc()
            .timestamp()
            - i64::from(CHINA_TIME_OFFSET_SECS);
        days_before(today, if now >= ready_at { 1 } else { 2 })
    }
}

/// UTC+8.
const CHINA: FixedOffset = match FixedOffset::east_opt(CHINA_TIME_OFFSET_SECS) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

fn china() -> FixedOffset {
    CHINA
}

fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct At(i64);
    impl Clock for At {
        fn now_unix(&self) -> i64 {
            self.0
        }
    }

    fn at(rfc3339: &str) -> At {
        At(chrono::DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .timestamp())
    }

    #[test]
    fn the_china_date_changes_at_16_00_utc() {
        assert_eq!(
            BillDate::today_at(&at("2025-05-20T15:59:59Z")).to_string(),
            "2025-05-20"
        );
        assert_eq!(
            BillDate::today_at(&at("2025-05-20T16:00:00Z")).to_string(),
            "2025-05-21"
        );
        assert_eq!(
            BillDate::yesterday_at(&at("2025-05-20T16:00:00Z")).to_string(),
            "2025-05-20"
        );
        // Across a month and a year.
        assert_eq!(
            BillDate::yesterday_at(&at("2025-01-01T00:00:00+08:00")).to_string(),
            "2024-12-31"
        );
        assert_eq!(
            BillDate::yesterday_at(&at("2024-03-01T08:00:00+08:00")).to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn a_bill_is_ready_from_10_00_china_time() {
        assert_eq!(
            BillDate::latest_ready_at(&at("2025-05-21T09:59:59+08:00")).to_string(),
            "2025-05-19"
        );
        assert_eq!(
            BillDate::latest_ready_at(&at("2025-05-21T10:00:00+08:00")).to_string(),
            "2025-05-20"
        );
        assert_eq!(
            BillDate::latest_ready_at(&at("2025-05-21T23:59:59+08:00")).to_string(),
            "2025-05-20"
        );
        assert_eq!(
            BillDate::latest_ready_at(&at("2025-05-21T00:00:00+08:00")).to_string(),
            "2025-05-19"
        );
    }

    #[test]
    fn the_system_clock_agrees_with_the_offset() {
        let today = BillDate::today();
        let by_offset = chrono::Utc::now()
            .with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
            .date_naive();
        // The two reads may straddle midnight.
        assert!(
            today == by_offset || days_before(by_offset, 1) == today,
            "{today} {by_offset}"
        );
    }
}
