//! The replay cache: see the crate docs, "Replay protection".

use std::collections::hash_map::RandomState;
use std::collections::{HashSet, VecDeque};
use std::hash::BuildHasher;
use std::sync::{Mutex, PoisonError};

use crate::runtime::auth::MAX_CLOCK_SKEW_SECS;

/// The default number of accepted responses remembered.
pub const DEFAULT_REPLAY_CACHE_CAPACITY: usize = 1 << 16;

#[derive(Debug, Default)]
struct State {
    seen: HashSet<u128>,
    /// Fingerprints in the order accepted, with their response timestamp.
    order: VecDeque<(i64, u128)>,
}

/// The responses accepted within the window (shared by clones of a client).
#[derive(Debug)]
pub(crate) struct ReplayCache {
    capacity: usize,
    keys: (
        std::collections::hash_map::RandomState,
        std::collections::hash_map::RandomState,
    ),
    state: Mutex<State>,
}

impl ReplayCache {
    pub(crate) fn new(capacity: usize) -> Self {
        ReplayCache {
            capacity: capacity.max(1),
            keys: Default::default(),
            state: Mutex::default(),
        }
    }

    fn fingerprint(&self, serial: &str, nonce: &str, timestamp: i64) -> u128 {
        let half = |state: &RandomState| state.hash_one((serial, nonce, timestamp));
        (u128::from(half(&self.keys.0)) << 64) | u128::from(half(&self.keys.1))
    }

    /// Records an accepted response; `false` when the same serial, nonce and
    /// timestamp were accepted before (a replay).
    pub(crate) fn accept(&self, serial: &str, nonce: &str, timestamp: i64, now: i64) -> bool {
        let key = self.fingerprint(serial, nonce, timestamp);
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        // Entries that can no longer pass the timestamp check leave first.
        while let Some(&(ts, old)) = state.order.front() {
            if ts.saturating_add(MAX_CLOCK_SKEW_SECS) >= now {
                break;
            }
            state.order.pop_front();
            state.seen.remove(&old);
        }
        if state.seen.contains(&key) {
            return false;
        }
        while state.order.len() >= self.capacity {
            if let Some((_, old)) = state.order.pop_front() {
                state.seen.remove(&old);
            }
        }
        state.seen.insert(key);
        state.order.push_back((timestamp, key));
        true
    }

    /// The number of remembered responses.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .order
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_same_response_twice() {
        let cache = ReplayCache::new(8);
        assert!(cache.accept("PUB_KEY_ID_1", "n1", 1_000, 1_000));
        assert!(!cache.accept("PUB_KEY_ID_1", "n1", 1_000, 1_100));
        // Another nonce, serial or timestamp is another response.
        assert!(cache.accept("PUB_KEY_ID_1", "n2", 1_000, 1_100));
        assert!(cache.accept("PUB_KEY_ID_2", "n1", 1_000, 1_100));
        assert!(cache.accept("PUB_KEY_ID_1", "n1", 1_001, 1_100));
    }

    #[test]
    fn forgets_what_the_window_refuses_anyway() {
        let cache = ReplayCache::new(8);
        assert!(cache.accept("s", "n", 1_000, 1_000));
        assert!(
            !cache.accept("s", "n", 1_000, 1_300),
            "300 s later it still verifies"
        );
        assert!(
            cache.accept("s", "m", 1_301, 1_301),
            "a new one evicts the expired"
        );
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn memory_is_bounded_by_the_capacity() {
        let cache = ReplayCache::new(1_000);
        for i in 0..10_000 {
            assert!(cache.accept("s", &format!("nonce{i}"), 5_000, 5_000));
            assert!(cache.len() <= 1_000);
        }
        assert_eq!(cache.len(), 1_000);
        // The last `capacity` are still refused; older ones fell out.
        assert!(!cache.accept("s", "nonce9999", 5_000, 5_000));
        assert!(!cache.accept("s", "nonce9000", 5_000, 5_000));
        assert!(cache.accept("s", "nonce0", 5_000, 5_000));
    }
}
