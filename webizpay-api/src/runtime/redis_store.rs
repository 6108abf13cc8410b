//! [`RedisStore`]: the [`Store`] that replicas share (feature `redis`).

use std::fmt;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use crate::runtime::store::{Store, StoreError, StoreFuture};

/// How long a Redis command may take by default before the store answers
/// an error (a notification must be answered within WeChat Pay's 5 s).
pub const DEFAULT_REDIS_TIMEOUT: Duration = Duration::from_secs(1);

/// `insert_if_absent`, atomic on any Redis (or Valkey) from 2.6: the value
/// held, or nil after setting it with its time to live.
const INSERT_IF_ABSENT: &str = r"
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
";

/// `remove_if`: 1 when the key held the value and was deleted, else 0.
const REMOVE_IF: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
";

/// A [`Store`] in Redis (or Valkey): replicas that use the same Redis know
/// what each other handled and accepted.
///
/// One multiplexed connection, re-established after a failure
/// (`redis`'s `ConnectionManager`); each command times out after
/// [`RedisStoreBuilder::timeout`] (default 1 s). Cheap to clone (clones
/// share the connection). What each key holds: see the crate docs, "Stores
/// and replicas".
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use std::sync::Arc;
/// use webizpay_api::RedisStore;
///
/// let store = Arc::new(RedisStore::connect("redis://10.0.0.5:6379/0").await?);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    insert_if_absent: redis::Script,
    remove_if: redis::Script,
    /// The address without credentials, for `Debug`.
    shown: String,
}

impl fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("server", &self.shown)
            .finish_non_exhaustive()
    }
}

/// Builds a [`RedisStore`]: [`RedisStore::builder`].
#[derive(Clone)]
#[must_use]
pub struct RedisStoreBuilder {
    url: String,
    timeout: Duration,
    lazy: bool,
}

impl fmt::Debug for RedisStoreBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStoreBuilder")
            .field("server", &without_credentials(&self.url))
            .field("timeout", &self.timeout)
            .field("lazy", &self.lazy)
            .finish()
    }
}

impl RedisStoreBuilder {
    /// How long a command (and a connection attempt) may take before the
    /// store answers an error (default 1 s). Keep it well under 5 s: a
    /// notification is answered after at most three commands.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Connects at the first command instead of in
    /// [`connect`](Self::connect), so that a service can start while Redis
    /// is down (its notifications are answered with failures, and WeChat
    /// Pay sends them again, until Redis is back).
    pub fn lazy(mut self, lazy: bool) -> Self {
        self.lazy = lazy;
        self
    }

    /// Opens the connection (or, when [`lazy`](Self::lazy), prepares it).
    /// Must be called inside a tokio runtime.
    ///
    /// # Errors
    ///
    /// When the URL is not a Redis URL, the timeout is zero, or (not lazy)
    /// the server does not answer.
    pub async fn connect(self) -> Result<RedisStore, StoreError> {
        let shown = without_credentials(&self.url);
        if self.timeout.is_zero() {
            return Err(StoreError::new(
                "redis",
                "the timeout must be greater than zero",
            ));
        }
        let client = redis::Client::open(self.url.as_str()).map_err(|e| {
            StoreError::new(
                "redis",
                format!("{shown} is not a Redis URL ({:?})", e.kind()),
            )
        })?;
        let config = ConnectionManagerConfig::new()
            .set_response_timeout(Some(self.timeout))
            .set_connection_timeout(Some(self.timeout))
            .set_number_of_retries(1)
            .set_max_delay(self.timeout);
        let connection = if self.lazy {
            ConnectionManager::new_lazy_with_config(client, config)
        } else {
            ConnectionManager::new_with_config(client, config).await
        }
        .map_err(|e| redis_error(&shown, &e))?;
        Ok(RedisStore {
            connection,
            insert_if_absent: redis::Script::new(INSERT_IF_ABSENT),
            remove_if: redis::Script::new(REMOVE_IF),
            shown,
        })
    }
}

impl RedisStore {
    /// A builder for the server at `url` (`redis://[:password@]host[:port][/db]`,
    /// `rediss://` for TLS when the `redis` crate is built with TLS).
    pub fn builder(url: impl Into<String>) -> RedisStoreBuilder {
        RedisStoreBuilder {
            url: url.into(),
            timeout: DEFAULT_REDIS_TIMEOUT,
            lazy: false,
        }
    }

    /// Connects to the server at `url` with the default timeout (1 s).
    ///
    /// # Errors
    ///
    /// As [`RedisStoreBuilder::connect`].
    pub async fn connect(url: impl Into<String>) -> Result<RedisStore, StoreError> {
        Self::builder(url).connect().await
    }
}

impl Store for RedisStore {
    fn insert_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a str,
        ttl: Duration,
    ) -> StoreFuture<'a, Option<String>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            self.insert_if_absent
                .key(key)
                .arg(value)
                .arg(millis(ttl))
                .invoke_async::<Option<String>>(&mut connection)
                .await
                .map_err(|e| redis_error(&self.shown, &e))
        })
    }

    fn put<'a>(&'a self, key: &'a str, value: &'a str, ttl: Duration) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            redis::cmd("SET")
                .arg(key)
                .arg(value)
                .arg("PX")
                .arg(millis(ttl))
                .query_async::<()>(&mut connection)
                .await
                .map_err(|e| redis_error(&self.shown, &e))
        })
    }

    fn remove_if<'a>(&'a self, key: &'a str, value: &'a str) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            self.remove_if
                .key(key)
                .arg(value)
                .invoke_async::<i64>(&mut connection)
                .await
                .map(|n| n > 0)
                .map_err(|e| redis_error(&self.shown, &e))
        })
    }
}

/// A time to live in milliseconds, at least 1 (Redis refuses 0).
fn millis(ttl: Duration) -> u64 {
    u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1)
}

/// The error, named by server; `redis` errors do not carry the password.
fn redis_error(shown: &str, e: &redis::RedisError) -> StoreError {
    StoreError::new("redis", format!("{shown}: {e}"))
}

/// `url` with any user name and password replaced by `***`.
fn without_credentials(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}***{}", &url[..scheme + 3], &url[at..])
        }
        (None, Some(at)) => format!("***{}", &url[at..]),
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_shown() {
        assert_eq!(
            without_credentials("redis://:s3cret@10.0.0.5:6379/0"),
            "redis://***@10.0.0.5:6379/0"
        );
        assert_eq!(
            without_credentials("rediss://user:s3cret@host/1"),
            "rediss://***@host/1"
        );
        assert_eq!(
            without_credentials("redis://host:6379"),
            "redis://host:6379"
        );
        let builder = RedisStore::builder("redis://:s3cret@10.0.0.5:6379/0");
        assert!(!format!("{builder:?}").contains("s3cret"));
    }

    #[test]
    fn ttls_are_whole_milliseconds_of_at_least_one() {
        assert_eq!(millis(Duration::ZERO), 1);
        assert_eq!(millis(Duration::from_secs(300)), 300_000);
    }
}
