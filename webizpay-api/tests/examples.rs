//! The examples run as tests, so they cannot rot.

#[path = "../examples/quickstart.rs"]
mod quickstart;

#[test]
fn quickstart_runs_the_whole_lifecycle() {
    quickstart::main().expect("the quickstart runs against the simulator");
}

#[path = "../examples/notifications.rs"]
mod notifications;

#[test]
fn the_notifications_example_receives_the_lifecycle() {
    notifications::main().expect("the axum handler receives AUTHORIZED and REVOKED");
}
