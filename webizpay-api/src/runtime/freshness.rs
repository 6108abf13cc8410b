//! An answer is younger than its request.
//!
//! A signed answer names no request, so a genuine answer to an earlier
//! request, replayed by a man in the middle, verifies. Where the answer
//! repeats what identifies the request (`response.echo` in the spec) the
//! echo check refuses it; where it does not (the revoke answer names no
//! `employee_id`), its signed `Wechatpay-Timestamp` still says when WeChat
//! Pay answered, and WeChat Pay cannot answer a request before it was sent.
//!
//! The client's clock and WeChat Pay's differ by an unknown offset `d`. Each
//! accepted answer gives a sample of it: an answer signed at `t` (server
//! seconds) and received at `r` (local seconds) gives `d > t - r - 1`. The
//! median `o` of the samples of the last 10 minutes (at most
//! [`SAMPLES`] of them) then gives, for a request sent at local second `s`,
//! the earliest second a genuine answer can carry: `s + o - 1`. The client
//! refuses an answer signed before that, less [`ANSWER_AGE_TOLERANCE_SECS`]
//! for WeChat Pay's servers whose clocks disagree a little and for answers
//! that arrive faster than the median one.
//!
//! The median, not the largest sample: one WeChat Pay server whose clock is
//! ahead (by up to the 300 s the timestamp window allows) cannot make the
//! client refuse every other server's genuine answers, and a man in the
//! middle who replays old answers (small samples, each of which must itself
//! pass) must get more than half of the recent answers accepted to loosen
//! the bound. Samples expire after 10 minutes, so a step of the local clock
//! heals; when the clock goes back, every sample is dropped. Until a first
//! answer is accepted there is no bound, and only the ±300 s timestamp
//! window applies.

use std::collections::VecDeque;
use std::sync::Mutex;

/// Seconds of disagreement allowed when an answer's signed timestamp is
/// compared with the moment its request was sent (beyond the one second
/// that whole-second timestamps cost): WeChat Pay's servers' clocks differ
/// a little, and an answer can arrive faster than the typical one.
pub const ANSWER_AGE_TOLERANCE_SECS: i64 = 5;

/// How many recent samples are kept.
const SAMPLES: usize = 15;

/// How long a sample is kept, in seconds.
const SAMPLE_LIFETIME_SECS: i64 = 600;

/// Samples of WeChat Pay's clock offset, from the answers accepted lately.
#[derive(Debug, Default)]
pub(crate) struct ServerClock {
    /// `(received_at, sample)`, oldest first.
    samples: Mutex<VecDeque<(i64, i64)>>,
}

impl ServerClock {
    /// The earliest signed timestamp a genuine answer to a request sent at
    /// local second `sent_at` can carry, when a bound is known.
    pub(crate) fn earliest(&self, sent_at: i64, now: i64) -> Option<i64> {
        let mut samples = self.samples.lock().unwrap_or_else(|e| e.into_inner());
        expire(&mut samples, now);
        if samples.is_empty() {
            return None;
        }
        // On the stack: this runs on every call.
        let mut buffer = [0i64; SAMPLES];
        let sorted = &mut buffer[..samples.len()];
        for (slot, &(_, sample)) in sorted.iter_mut().zip(samples.iter()) {
            *slot = sample;
        }
        sorted.sort_unstable();
        // The lower median: of two middle samples, the looser bound.
        let median = sorted[(sorted.len() - 1) / 2];
        Some(
            sent_at
                .saturating_add(median)
                .saturating_sub(1 + ANSWER_AGE_TOLERANCE_SECS),
        )
    }

    /// Learns from an accepted answer signed at `signed_at` (server seconds)
    /// and received at `received_at` (local seconds).
    pub(crate) fn learn(&self, signed_at: i64, received_at: i64) {
        let mut samples = self.samples.lock().unwrap_or_else(|e| e.into_inner());
        expire(&mut samples, received_at);
        if samples.len() == SAMPLES {
            samples.pop_front();
        }
        samples.push_back((received_at, signed_at.saturating_sub(received_at)));
    }
}

/// Drops the samples older than their lifetime, and all of them when the
/// local clock went back (none is known to be recent).
fn expire(samples: &mut VecDeque<(i64, i64)>, now: i64) {
    if samples.back().is_some_and(|&(at, _)| at > now) {
        samples.clear();
    }
    while samples
        .front()
        .is_some_and(|&(at, _)| now - at >= SAMPLE_LIFETIME_SECS)
    {
        samples.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_refused_before_a_first_answer() {
        let clock = ServerClock::default();
        assert_eq!(clock.earliest(1_000, 1_000), None);
    }

    #[test]
    fn the_bound_is_the_median_offset_seen() {
        let clock = ServerClock::default();
        // WeChat Pay's clock is 40 s ahead; answers arrive within a second.
        clock.learn(1_040, 1_000);
        clock.learn(1_041, 1_001);
        clock.learn(1_030, 1_002); // an old (replayed) answer
        // One server 300 s ahead does not move the median.
        clock.learn(1_341, 1_001);
        clock.learn(1_042, 1_002);
        // A request sent at 1_100 cannot be answered before 1_140 (server),
        // less a second of rounding and the tolerance.
        assert_eq!(
            clock.earliest(1_100, 1_100),
            Some(1_140 - 1 - ANSWER_AGE_TOLERANCE_SECS)
        );
        // Only the last SAMPLES count.
        for i in 0..SAMPLES as i64 {
            clock.learn(1_110 + i, 1_100 + i);
        }
        assert_eq!(
            clock.earliest(1_200, 1_200),
            Some(1_210 - 1 - ANSWER_AGE_TOLERANCE_SECS)
        );
    }

    #[test]
    fn a_genuine_answer_is_never_refused_whatever_the_rounding() {
        // Real times in tenths of a second: offset 7.3 s, latency 0..0.9 s.
        for send_tenths in 0..20i64 {
            for latency in 0..10i64 {
                let clock = ServerClock::default();
                let (offset, base) = (73, 10_000);
                // A first call learns the bound.
                let (s0, r0) = (base + send_tenths, base + send_tenths + latency);
                clock.learn((s0 + latency / 2 + offset) / 10, r0 / 10);
                // A second call, sent later, answered at once.
                let s1 = r0 + 5;
                let signed = (s1 + offset) / 10;
                let earliest = clock.earliest(s1 / 10, s1 / 10).unwrap();
                assert!(
                    signed >= earliest + ANSWER_AGE_TOLERANCE_SECS,
                    "send {send_tenths} latency {latency}: {signed} < {earliest}"
                );
            }
        }
    }

    #[test]
    fn samples_expire_so_a_clock_step_heals() {
        let clock = ServerClock::default();
        clock.learn(1_000, 1_000);
        assert!(clock.earliest(1_500, 1_500).is_some());
        clock.learn(1_550, 1_550);
        assert!(clock.earliest(1_700, 1_700).is_some());
        // Forgotten 10 minutes after the last answer.
        assert_eq!(clock.earliest(2_150, 2_150), None);
        // The clock going back forgets everything.
        clock.learn(5_000, 5_000);
        assert_eq!(clock.earliest(4_000, 4_000), None);
    }
}
