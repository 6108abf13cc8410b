//! What the crate remembers between calls: see the crate docs, "Stores and
//! replicas".

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::runtime::error::ConfigError;

/// The default number of keys an in-process [`MemoryStore`] holds.
pub const DEFAULT_MEMORY_STORE_CAPACITY: usize = 1 << 16;

/// The future a [`Store`] method returns.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// Where the crate records what it has seen, so that every replica of a
/// service knows it: the ids of the notifications the caller handled, and
/// the signed responses the client accepted (the replay cache).
///
/// Three operations on keys with a time to live, each atomic. The crate
/// makes the keys (namespaced by mchid, see the crate docs) and the values;
/// a store keeps them as given. Two implementations come with the crate:
/// [`MemoryStore`] (in process, the default) and, with the `redis` feature,
/// `RedisStore` (shared by replicas). Implement it for another shared
/// store (a database table with a unique key, etc.).
///
/// A store that fails answers `Err`: the crate then fails safe (a
/// notification is answered with a failure so that WeChat Pay sends it
/// again; a response is not accepted unless the client was told to accept
/// it unchecked for replays).
pub trait Store: fmt::Debug + Send + Sync {
    /// Sets `key` to `value` for `ttl` unless `key` holds a value; returns
    /// `None` when it set it, else the value `key` holds (unchanged).
    fn insert_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a str,
        ttl: Duration,
    ) -> StoreFuture<'a, Option<String>>;

    /// Sets `key` to `value` for `ttl`, whatever it held.
    fn put<'a>(&'a self, key: &'a str, value: &'a str, ttl: Duration) -> StoreFuture<'a, ()>;

    /// Removes `key` if it holds `value`; whether it did.
    fn remove_if<'a>(&'a self, key: &'a str, value: &'a str) -> StoreFuture<'a, bool>;
}

/// A store that could not answer (unreachable, timed out, refused).
#[derive(Debug, thiserror::Error)]
#[error("{store} store: {message}")]
#[non_exhaustive]
pub struct StoreError {
    /// Which store, e.g. `redis`.
    pub store: &'static str,
    /// What went wrong (never a password or key material).
    pub message: String,
    /// The underlying error, if any.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl StoreError {
    /// An error of `store` saying `message`.
    pub fn new(store: &'static str, message: impl Into<String>) -> Self {
        StoreError {
            store,
            message: message.into(),
            source: None,
        }
    }

    /// The same error, with its cause.
    #[must_use]
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.source = Some(source.into());
        self
    }
}

/// One key of a [`MemoryStore`].
#[derive(Debug)]
struct Entry {
    value: Box<str>,
    expires: Instant,
    /// Which push onto `order` is this key's (older pushes are stale).
    generation: u64,
}

#[derive(Debug, Default)]
struct State {
    map: HashMap<Box<str>, Entry>,
    /// Keys in the order inserted, with their generation; entries whose key
    /// was removed or re-inserted since are stale and skipped.
    order: VecDeque<(Box<str>, u64)>,
    generation: u64,
}

impl State {
    fn live(&self, key: &str, now: Instant) -> Option<&Entry> {
        self.map.get(key).filter(|e| e.expires > now)
    }

    /// Makes room for one more key: expired and stale entries leave first,
    /// then the oldest keys.
    fn make_room(&mut self, capacity: usize, now: Instant) {
        while let Some((key, generation)) = self.order.front() {
            let stale = match self.map.get(key) {
                Some(e) => e.generation != *generation || e.expires <= now,
                None => true,
            };
            if !stale && self.map.len() < capacity {
                break;
            }
            let (key, generation) = self.order.pop_front().expect("front exists");
            if self
                .map
                .get(&key)
                .is_some_and(|e| e.generation == generation)
            {
                self.map.remove(&key);
            }
        }
        // Removed keys leave stale entries behind: keep the queue bounded.
        if self.order.len() > capacity.saturating_mul(2).saturating_add(16) {
            let map = &self.map;
            self.order
                .retain(|(k, g)| map.get(k).is_some_and(|e| e.generation == *g));
        }
    }

    fn insert(&mut self, key: &str, value: &str, ttl: Duration, capacity: usize, now: Instant) {
        self.map.remove(key);
        self.make_room(capacity, now);
        self.generation += 1;
        let key: Box<str> = key.into();
        self.order.push_back((key.clone(), self.generation));
        self.map.insert(
            key,
            Entry {
                value: value.into(),
                expires: now + ttl,
                generation: self.generation,
            },
        );
    }
}

/// The in-process [`Store`]: what one process (one replica) has seen.
///
/// Bounded: at most `capacity` keys (default 65 536); when full, expired
/// keys leave first, then the oldest. A forgotten notification id means a
/// resend is handed to the caller again (never lost); a forgotten response
/// means a replay of it is caught only by the echo check. Replicas do not
/// share it: use a shared store (`RedisStore`) behind a load balancer.
#[derive(Debug)]
pub struct MemoryStore {
    capacity: usize,
    state: Mutex<State>,
}

impl Default for MemoryStore {
    fn default() -> Self {
        MemoryStore {
            capacity: DEFAULT_MEMORY_STORE_CAPACITY,
            state: Mutex::default(),
        }
    }
}

impl MemoryStore {
    /// A store of at most 65 536 keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store of at most `capacity` keys (each about 150 bytes with the
    /// map's and the queue's overhead).
    ///
    /// # Errors
    ///
    /// When `capacity` is zero: nothing could be remembered.
    pub fn with_capacity(capacity: usize) -> Result<Self, ConfigError> {
        if capacity == 0 {
            return Err(ConfigError::new(
                "MemoryStore capacity",
                "must be greater than zero (a store that remembers nothing refuses no replay and hands every resend out again)",
            ));
        }
        Ok(MemoryStore {
            capacity,
            state: Mutex::default(),
        })
    }

    /// The most keys it holds.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The number of keys held now (expired ones included until they leave).
    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn insert_if_absent_now(&self, key: &str, value: &str, ttl: Duration) -> Option<String> {
        let now = Instant::now();
        let mut state = self.lock();
        if let Some(entry) = state.live(key, now) {
            return Some(entry.value.to_string());
        }
        state.insert(key, value, ttl, self.capacity, now);
        None
    }

    fn put_now(&self, key: &str, value: &str, ttl: Duration) {
        let now = Instant::now();
        let mut state = self.lock();
        if let Some(entry) = state.map.get_mut(key).filter(|e| e.expires > now) {
            entry.value = value.into();
            entry.expires = now + ttl;
            return;
        }
        state.insert(key, value, ttl, self.capacity, now);
    }

    fn remove_if_now(&self, key: &str, value: &str) -> bool {
        let now = Instant::now();
        let mut state = self.lock();
        if state.live(key, now).is_some_and(|e| &*e.value == value) {
            state.map.remove(key);
            return true;
        }
        false
    }
}

impl Store for MemoryStore {
    fn insert_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a str,
        ttl: Duration,
    ) -> StoreFuture<'a, Option<String>> {
        let result = self.insert_if_absent_now(key, value, ttl);
        Box::pin(std::future::ready(Ok(result)))
    }

    fn put<'a>(&'a self, key: &'a str, value: &'a str, ttl: Duration) -> StoreFuture<'a, ()> {
        self.put_now(key, value, ttl);
        Box::pin(std::future::ready(Ok(())))
    }

    fn remove_if<'a>(&'a self, key: &'a str, value: &'a str) -> StoreFuture<'a, bool> {
        let removed = self.remove_if_now(key, value);
        Box::pin(std::future::ready(Ok(removed)))
    }
}

/// The keys the crate writes, namespaced by mchid (see the crate docs).
pub(crate) mod keys {
    use sha2::{Digest, Sha256};

    use crate::runtime::credentials::canonical_serial;

    /// The prefix of every key.
    pub(crate) const PREFIX: &str = "webizpay";

    /// The key of a notification id.
    pub(crate) fn notification(mchid: &str, id: &str) -> String {
        format!("{PREFIX}:{mchid}:notification:{id}")
    }

    /// The key of an accepted response: a SHA-256 of its serial (canonical
    /// when it is a certificate serial, so every spelling is one key), nonce
    /// and timestamp, cut to 128 bits.
    pub(crate) fn response(mchid: &str, serial: &str, nonce: &str, timestamp: i64) -> String {
        let serial = canonical_serial(serial).unwrap_or_else(|_| serial.to_owned());
        let mut hash = Sha256::new();
        for part in [
            serial.as_bytes(),
            nonce.as_bytes(),
            timestamp.to_string().as_bytes(),
        ] {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part);
        }
        let digest = hash.finalize();
        let mut key = String::with_capacity(PREFIX.len() + mchid.len() + 43);
        key.push_str(PREFIX);
        key.push(':');
        key.push_str(mchid);
        key.push_str(":response:");
        for b in &digest[..16] {
            key.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            key.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn insert_if_absent_put_and_remove_if() {
        let store = MemoryStore::new();
        assert_eq!(store.insert_if_absent_now("k", "a", HOUR), None);
        assert_eq!(
            store.insert_if_absent_now("k", "b", HOUR).as_deref(),
            Some("a")
        );
        assert!(!store.remove_if_now("k", "b"), "only the value it holds");
        store.put_now("k", "c", HOUR);
        assert_eq!(
            store.insert_if_absent_now("k", "d", HOUR).as_deref(),
            Some("c")
        );
        assert!(store.remove_if_now("k", "c"));
        assert_eq!(store.insert_if_absent_now("k", "e", HOUR), None);
    }

    #[test]
    fn keys_expire() {
        let store = MemoryStore::new();
        assert_eq!(
            store.insert_if_absent_now("k", "a", Duration::from_millis(20)),
            None
        );
        std::thread::sleep(Duration::from_millis(40));
        assert!(!store.remove_if_now("k", "a"), "expired");
        assert_eq!(store.insert_if_absent_now("k", "b", HOUR), None);
    }

    #[test]
    fn memory_is_bounded_by_the_capacity() {
        let store = MemoryStore::with_capacity(1_000).unwrap();
        for i in 0..10_000 {
            assert_eq!(
                store.insert_if_absent_now(&format!("k{i}"), "v", HOUR),
                None
            );
            assert!(store.len() <= 1_000);
            if i % 3 == 0 {
                assert!(store.remove_if_now(&format!("k{i}"), "v"));
            }
        }
        let state = store.lock();
        assert!(state.order.len() <= 2 * 1_000 + 16, "{}", state.order.len());
        drop(state);
        // The newest are kept, the oldest went first.
        assert_eq!(
            store.insert_if_absent_now("k9998", "w", HOUR).as_deref(),
            Some("v")
        );
        assert_eq!(store.insert_if_absent_now("k1", "w", HOUR), None);
        assert!(MemoryStore::with_capacity(0).is_err());
    }

    #[test]
    fn response_keys_are_one_per_certificate_serial() {
        let a = keys::response("1900000001", "5157F09E", "n", 1);
        assert_eq!(a, keys::response("1900000001", "005157f09e", "n", 1));
        assert_eq!(a, keys::response("1900000001", "51:57:F0:9E", "n", 1));
        assert_ne!(a, keys::response("1900000002", "5157F09E", "n", 1));
        assert_ne!(a, keys::response("1900000001", "5157F09E", "n", 2));
        // The parts are length-prefixed: no two splits of one text collide.
        assert_ne!(
            keys::response("m", "PUB_KEY_ID_1", "2n", 1),
            keys::response("m", "PUB_KEY_ID_12", "n", 1)
        );
        assert!(a.starts_with("webizpay:1900000001:response:"), "{a}");
        assert_eq!(a.len(), "webizpay:1900000001:response:".len() + 32);
    }
}
