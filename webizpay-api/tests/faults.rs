//! Proof under faults: a matrix of every fault mode of the simulator × both
//! operations × {plain client, failover, retries, retries + failover},
//! checking the error kind, `may_have_been_sent`, and — by counting the
//! requests each simulator recorded — that a request is sent again only when
//! it surely never left (failover) or WeChat Pay said it was not processed
//! (retries), and never more often than the bound.

use std::time::Duration;

use webizpay_api::simulator::{Fault, Simulator};
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Client, Error, ErrorCode, RetryPolicy,
    RevokeAuthorizationRequest, TransportKind,
};

const SUB: &str = "43214321";
/// The client's per-attempt timeout; `Fault::Delay` waits well past it.
const TIMEOUT: Duration = Duration::from_millis(800);
const DELAY: Duration = Duration::from_secs(3);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Apply,
    Revoke,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// Nothing listens on the primary's port: connection refused.
    Refused,
    Reset,
    Truncate,
    Close,
    Timeout,
    SystemError,
    BadGatewayHtml,
    TooManyRequests,
}

const MODES: [Mode; 8] = [
    Mode::Refused,
    Mode::Reset,
    Mode::Truncate,
    Mode::Close,
    Mode::Timeout,
    Mode::SystemError,
    Mode::BadGatewayHtml,
    Mode::TooManyRequests,
];

impl Mode {
    fn fault(self) -> Option<Fault> {
        match self {
            Mode::Refused => None,
            Mode::Reset => Some(Fault::ResetConnection),
            Mode::Truncate => Some(Fault::TruncateBody),
            Mode::Close => Some(Fault::CloseWithoutResponse),
            Mode::Timeout => Some(Fault::Delay(DELAY)),
            Mode::SystemError => Some(Fault::system_error()),
            Mode::BadGatewayHtml => Some(Fault::BadGatewayHtml),
            Mode::TooManyRequests => Some(Fault::frequency_limited()),
        }
    }

    /// Whether the documented rules allow a retry: the request surely never
    /// left (connect failure), or WeChat Pay said it was not processed
    /// (`SYSTEM_ERROR`, 429).
    fn retryable(self) -> bool {
        matches!(
            self,
            Mode::Refused | Mode::SystemError | Mode::TooManyRequests
        )
    }

    /// Checks the error of one call that met this fault on every attempt;
    /// `attempts` is what a transport error must report (API errors carry no count).
    fn check(self, err: &Error, attempts: u32, ctx: &str) {
        assert_eq!(
            err.may_have_been_sent(),
            self != Mode::Refused,
            "{ctx}: may_have_been_sent of {err:?}"
        );
        let text = err.to_string();
        match self {
            Mode::Refused | Mode::Reset | Mode::Truncate | Mode::Close | Mode::Timeout => {
                let Error::Transport(t) = err else {
                    panic!("{ctx}: expected a transport error, got {err:?}")
                };
                let kind = match self {
                    Mode::Refused => TransportKind::Connect,
                    Mode::Timeout => TransportKind::Timeout,
                    _ => TransportKind::Io,
                };
                assert_eq!(t.kind, kind, "{ctx}: {err}");
                assert_eq!(t.may_have_been_sent, self != Mode::Refused, "{ctx}");
                assert_eq!(t.attempts, attempts, "{ctx}: attempts");
                let tail = if self == Mode::Refused {
                    "; the request was not sent, so it is safe to retry"
                } else {
                    "; the request may have reached WeChat Pay, so query its state before sending it again"
                };
                assert!(text.ends_with(tail), "{ctx}: {text}");
                assert_eq!(err.status(), None, "{ctx}");
            }
            Mode::SystemError | Mode::BadGatewayHtml | Mode::TooManyRequests => {
                let Error::Api(a) = err else {
                    panic!("{ctx}: expected an API error, got {err:?}")
                };
                let (status, code, wechatpay_json) = match self {
                    Mode::SystemError => (500, ErrorCode::SystemError, true),
                    Mode::BadGatewayHtml => (502, ErrorCode::Unknown(String::new()), false),
                    _ => (429, ErrorCode::FrequencyLimited, true),
                };
                assert_eq!(a.status, status, "{ctx}");
                assert_eq!(a.code, code, "{ctx}");
                assert_eq!(a.wechatpay_json, wechatpay_json, "{ctx}");
                // Retryable exactly when RetryPolicy retries: not a 502,
                // which may have arrived.
                assert_eq!(
                    a.is_retryable(),
                    !matches!(self, Mode::BadGatewayHtml),
                    "{ctx}"
                );
                assert_eq!(a.request_id.is_some(), wechatpay_json, "{ctx}");
                assert_eq!(err.status(), Some(status), "{ctx}");
            }
        }
    }
}

/// A URL on which nothing listens (the port of a dropped listener).
fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    url
}

struct Setup {
    failover: bool,
    retries: u32,
}

fn client(sim: &Simulator, primary: &str, backup: &str, setup: &Setup) -> Client {
    Client::builder(sim.client_config())
        .base_url(primary)
        .backup_url(backup)
        .failover(setup.failover)
        .retry(RetryPolicy {
            max_retries: setup.retries,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(4),
        })
        .timeout(TIMEOUT)
        .build()
        .expect("client")
}

/// A fresh user (and, for revokes, an authorized employee) on `sim`, so that
/// the call succeeds whenever no fault spoils it.
async fn prepare(sim: &Simulator, op: Op, user_id: &str) -> Option<String> {
    if op == Op::Apply {
        return None;
    }
    let plain = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .build()
        .expect("client");
    plain
        .apply_authorization(&apply_request(user_id))
        .await
        .expect("setup apply");
    Some(
        sim.accept_authorization(sim.mchid(), SUB, user_id)
            .expect("setup accept"),
    )
}

fn apply_request(user_id: &str) -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id(user_id)
        .sub_mchid(SUB)
        .application_type(ApplicationType::H5)
        .build()
}

/// Calls `op`; on success returns (attempts, base URL that answered).
async fn call(
    client: &Client,
    op: Op,
    user_id: &str,
    employee: Option<&str>,
) -> Result<(u32, String), Error> {
    match op {
        Op::Apply => client
            .apply_authorization(&apply_request(user_id))
            .await
            .map(|r| {
                assert_eq!(r.user_id, user_id);
                (r.meta().attempts, r.meta().base_url.clone())
            }),
        Op::Revoke => client
            .revoke_authorization(
                &RevokeAuthorizationRequest::builder()
                    .employee_id(employee.expect("employee"))
                    .sub_mchid(SUB)
                    .build(),
            )
            .await
            .map(|r| {
                assert_eq!(r.user_id, user_id);
                (r.meta().attempts, r.meta().base_url.clone())
            }),
    }
}

/// Requests recorded by each simulator.
struct Counts {
    primary: u64,
    backup: u64,
}

/// The matrix: every fault × both operations × plain, failover, retries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_for_both_operations_with_and_without_failover_and_retries() {
    const RETRIES: u32 = 3;
    let primary = Simulator::start().await.expect("primary");
    let backup = Simulator::start().await.expect("backup");
    let dead = dead_url();
    let primary_url = primary.base_url();
    let setups = [
        Setup {
            failover: false,
            retries: 0,
        },
        Setup {
            failover: true,
            retries: 0,
        },
        Setup {
            failover: false,
            retries: RETRIES,
        },
        Setup {
            failover: true,
            retries: RETRIES,
        },
    ];
    let mut rows = 0;
    let mut n = 0u32;
    for op in [Op::Apply, Op::Revoke] {
        for mode in MODES {
            for setup in &setups {
                n += 1;
                let user_id = format!("fault_user_{n:04}");
                let ctx = format!(
                    "{op:?} / {mode:?} / failover {} / retries {}",
                    setup.failover, setup.retries
                );
                // Where the call goes first, and who holds the user's state:
                // the backup only answers after a failover from a dead primary.
                let (first, state_on) = if mode == Mode::Refused {
                    (&dead, &backup)
                } else {
                    (&primary_url, &primary)
                };
                let employee = prepare(state_on, op, &user_id).await;
                let client = client(&primary, first, &backup.base_url(), setup);
                let before = Counts {
                    primary: primary.request_count(),
                    backup: backup.request_count(),
                };
                // Enough faults for every attempt the policy could make.
                if let Some(fault) = mode.fault() {
                    primary.inject_times(fault, 10);
                }
                let result = call(&client, op, &user_id, employee.as_deref()).await;
                primary.clear_faults();
                let sent = Counts {
                    primary: primary.request_count() - before.primary,
                    backup: backup.request_count() - before.backup,
                };
                let retries_allowed = if mode.retryable() { setup.retries } else { 0 };

                match (mode, setup.failover) {
                    // Refused + failover: the backup answers, once.
                    (Mode::Refused, true) => {
                        let (attempts, base) =
                            result.unwrap_or_else(|e| panic!("{ctx}: failover failed: {e:?}"));
                        assert_eq!(attempts, 2, "{ctx}");
                        assert_eq!(base, backup.base_url(), "{ctx}");
                        assert_eq!(sent.backup, 1, "{ctx}: the backup got the request once");
                        assert_eq!(sent.primary, 0, "{ctx}");
                    }
                    // Refused without failover: retried on the dead primary only.
                    (Mode::Refused, false) => {
                        let err = result.expect_err(&ctx);
                        mode.check(&err, 1 + retries_allowed, &ctx);
                        assert_eq!((sent.primary, sent.backup), (0, 0), "{ctx}");
                    }
                    // Anything else: the request left, so the backup never
                    // sees it, and only documented retryable answers repeat it.
                    _ => {
                        let err = result.expect_err(&ctx);
                        mode.check(&err, 1 + retries_allowed, &ctx);
                        assert_eq!(
                            sent.backup, 0,
                            "{ctx}: a request that may have been sent went to the backup"
                        );
                        assert_eq!(
                            sent.primary,
                            1 + u64::from(retries_allowed),
                            "{ctx}: requests the primary recorded"
                        );
                    }
                }
                rows += 1;
            }
        }
    }
    println!(
        "faults: {rows} rows (2 operations × {} faults × 4 client setups)",
        MODES.len()
    );
    assert_eq!(rows, 2 * MODES.len() * setups.len());
}

/// Retries stop at the first success, and never go past the bound, for each
/// retryable answer and each bound.
#[tokio::test]
async fn retries_stop_at_success_and_at_the_bound() {
    let sim = Simulator::start().await.expect("simulator");
    let mut n = 0;
    for fault in [Fault::system_error(), Fault::frequency_limited()] {
        for max_retries in [0u32, 1, 3] {
            let client = client(
                &sim,
                &sim.base_url(),
                &dead_url(),
                &Setup {
                    failover: false,
                    retries: max_retries,
                },
            );
            for failing in 0..=max_retries + 1 {
                n += 1;
                let user_id = format!("retry_user_{n:04}");
                let before = sim.request_count();
                sim.inject_times(fault.clone(), failing as usize);
                let result = client.apply_authorization(&apply_request(&user_id)).await;
                sim.clear_faults();
                let sent = sim.request_count() - before;
                let ctx = format!("{fault:?}, max_retries {max_retries}, {failing} failing");
                if failing <= max_retries {
                    let r = result.unwrap_or_else(|e| panic!("{ctx}: {e:?}"));
                    assert_eq!(r.meta().attempts, failing + 1, "{ctx}");
                    assert_eq!(sent, u64::from(failing) + 1, "{ctx}");
                } else {
                    let err = result.expect_err(&ctx);
                    assert!(matches!(err, Error::Api(_)), "{ctx}: {err:?}");
                    assert_eq!(sent, u64::from(max_retries) + 1, "{ctx}");
                }
            }
        }
    }
}

/// Retries and failover together: both hosts dead, or the backup failing
/// after a failover. The total number of attempts is 1 (primary) + 1
/// (backup) + the retries, and failover happens at most once.
#[tokio::test]
async fn retries_and_failover_combined_are_bounded() {
    const RETRIES: u32 = 2;
    let setup = Setup {
        failover: true,
        retries: RETRIES,
    };

    // Both hosts refuse: one failover, then the retries on the backup.
    let sim = Simulator::start().await.expect("simulator");
    let c = client(&sim, &dead_url(), &dead_url(), &setup);
    let err = c
        .apply_authorization(&apply_request("both_dead"))
        .await
        .expect_err("both hosts are dead");
    Mode::Refused.check(&err, 2 + RETRIES, "both dead");

    // The primary refuses, the backup keeps answering SYSTEM_ERROR.
    let backup = Simulator::start().await.expect("backup");
    let c = client(&sim, &dead_url(), &backup.base_url(), &setup);
    backup.inject_times(Fault::system_error(), 10);
    let err = c
        .apply_authorization(&apply_request("backup_500"))
        .await
        .expect_err("the backup fails");
    backup.clear_faults();
    Mode::SystemError.check(&err, 0, "backup 500");
    assert_eq!(backup.request_count(), 1 + u64::from(RETRIES));

    // The primary refuses, the backup resets: no retry after the reset.
    let before = backup.request_count();
    backup.inject_times(Fault::ResetConnection, 10);
    let err = c
        .apply_authorization(&apply_request("backup_reset"))
        .await
        .expect_err("the backup resets");
    backup.clear_faults();
    Mode::Reset.check(&err, 2, "backup reset");
    assert_eq!(backup.request_count() - before, 1);

    // The primary refuses, the backup fails twice then answers: success on
    // attempt 1 (primary) + 1 (backup) + 2 retries.
    let before = backup.request_count();
    backup.inject_times(Fault::frequency_limited(), 2);
    let r = c
        .apply_authorization(&apply_request("backup_recovers"))
        .await
        .expect("the backup recovers");
    assert_eq!(r.meta().attempts, 2 + RETRIES);
    assert_eq!(r.meta().base_url, backup.base_url());
    assert_eq!(backup.request_count() - before, 1 + u64::from(RETRIES));
    assert_eq!(sim.request_count(), 0);
}

/// A fault that loses the answer after the request was processed leaves its
/// effect in place exactly once: the revoke happened, and nothing repeated it.
#[tokio::test]
async fn a_lost_answer_never_repeats_the_effect() {
    let primary = Simulator::start().await.expect("primary");
    let backup = Simulator::start().await.expect("backup");
    let c = client(
        &primary,
        &primary.base_url(),
        &backup.base_url(),
        &Setup {
            failover: true,
            retries: 3,
        },
    );
    for (i, fault) in [
        Fault::ResetConnection,
        Fault::TruncateBody,
        Fault::CloseWithoutResponse,
        Fault::Delay(DELAY),
    ]
    .into_iter()
    .enumerate()
    {
        let name = fault.name();
        let user_id = format!("lost_answer_{i}");
        let employee = prepare(&primary, Op::Revoke, &user_id)
            .await
            .expect("employee");
        let before = primary.operation_count("revoke_authorization");
        primary.inject_times(fault, 10);
        let err = call(&c, Op::Revoke, &user_id, Some(&employee))
            .await
            .expect_err(name);
        primary.clear_faults();
        assert!(err.may_have_been_sent(), "{name}");
        assert_eq!(
            primary.operation_count("revoke_authorization") - before,
            1,
            "{name}: the revoke was sent once"
        );
        assert_eq!(
            primary.authorization_state(primary.mchid(), SUB, &user_id),
            Some(webizpay_api::AuthorizationState::Revoked),
            "{name}: the revoke took effect although its answer was lost"
        );
    }
    assert_eq!(backup.request_count(), 0);
}
