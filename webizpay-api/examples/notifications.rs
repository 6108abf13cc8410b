//! Receiving WeChat Pay's notifications (回调通知) with axum.
//!
//! The handler passes the request's headers and raw body to
//! `NotificationVerifier::handle` (signature, timestamp, serial, probe;
//! decryption with the APIv3 key; the typed event), which hands the event to
//! the merchant's own store and answers with what happened, within WeChat
//! Pay's 5 seconds: success once the event is stored (or was stored before),
//! a failure otherwise, so that WeChat Pay sends it again. No event is lost
//! when the store fails, and the store is idempotent by notification id, so
//! a second delivery (after a crash, say) changes nothing. The demo runs the
//! simulator as WeChat Pay with this handler as the merchant's callback URL:
//! an employee authorizes (WEBIZPAY.AUTHORIZED brings the employee_id), then
//! is revoked (WEBIZPAY.REVOKED).
//!
//! ```sh
//! cargo run -p webizpay-api --example notifications
//! ```

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::post;
use webizpay_api::simulator::Simulator;
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Client, Event, NotificationVerifier,
    RevokeAuthorizationRequest,
};

/// The merchant's store of events, idempotent by notification id: a second
/// write of an id changes nothing. A real service writes to its database
/// (`INSERT … ON CONFLICT (notification_id) DO NOTHING`) or its queue.
#[derive(Clone, Default)]
pub struct Events {
    inner: Arc<Mutex<EventLog>>,
}

#[derive(Default)]
struct EventLog {
    ids: HashSet<String>,
    events: Vec<Event>,
    /// Writes still to fail (the database being down, for the tests).
    failing: usize,
}

/// A write the store refused.
#[derive(Debug)]
pub struct WriteFailed;

impl std::fmt::Display for WriteFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the event store is unavailable")
    }
}

impl std::error::Error for WriteFailed {}

impl Events {
    /// Stores `event` under the notification `id`, once.
    pub async fn insert(&self, id: &str, event: &Event) -> Result<(), WriteFailed> {
        let mut log = self.inner.lock().expect("events lock");
        if log.failing > 0 {
            log.failing -= 1;
            return Err(WriteFailed);
        }
        if log.ids.insert(id.to_owned()) {
            log.events.push(event.clone());
        }
        Ok(())
    }

    /// Makes the next `n` writes fail.
    pub fn fail_next_writes(&self, n: usize) {
        self.inner.lock().expect("events lock").failing = n;
    }

    /// The events stored, in order.
    pub fn all(&self) -> Vec<Event> {
        self.inner.lock().expect("events lock").events.clone()
    }
}

/// The handler's state: the verifier and the merchant's store.
#[derive(Clone)]
pub struct App {
    /// Verifies notifications and records which were handled.
    pub verifier: NotificationVerifier,
    /// Where the events go.
    pub events: Events,
}

/// `POST /webizpay/notify`: verify, store, answer.
pub async fn notify(State(app): State<App>, headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    let outcome = app
        .verifier
        .handle(&headers, &body, async |notification| {
            app.events
                .insert(&notification.id, &notification.event)
                .await
        })
        .await;
    let reply = match outcome {
        // Stored now, or stored before (a resend): success.
        Ok(delivery) => delivery.reply(),
        // Anything else (forged, undecryptable, the store failed, another
        // delivery of it in flight): a failure, so that WeChat Pay sends it
        // again.
        Err(e) => {
            eprintln!("notification not handled: {e}");
            e.reply()
        }
    };
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        reply.body,
    )
}

/// The merchant's callback route.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/webizpay/notify", post(notify))
        .with_state(app)
}

/// Waits until `n` events were stored (or 5 s passed).
pub async fn wait_for(events: &Events, n: usize) -> Vec<Event> {
    for _ in 0..500 {
        let now = events.all();
        if now.len() >= n {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    events.all()
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = Simulator::start().await?;
    let config = sim.client_config(); // with the simulator's APIv3 key
    let app = App {
        verifier: NotificationVerifier::new(&config)?,
        events: Events::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webizpay/notify", listener.local_addr()?);
    tokio::spawn(axum::serve(listener, router(app.clone())).into_future());
    sim.set_callback_url(Some(url.clone()));
    println!("callback URL {url}");

    let client = Client::builder(config).base_url(sim.base_url()).build()?;
    let (sp, sub) = (sim.mchid().to_owned(), "43214321".to_owned());
    client
        .apply_authorization(
            &ApplyAuthorizationRequest::builder()
                .user_id("employee123")
                .sub_mchid(sub.clone())
                .application_type(ApplicationType::H5)
                .build(),
        )
        .await?;
    // The merchant's database is down for the first write: the first
    // delivery is answered with a failure, and WeChat Pay's resend is stored.
    app.events.fail_next_writes(1);
    sim.accept_authorization(&sp, &sub, "employee123")
        .ok_or("no link to accept")?;
    let events = wait_for(&app.events, 1).await;
    let Some(Event::Authorized(authorized)) = events.first() else {
        return Err(format!("expected WEBIZPAY.AUTHORIZED, got {events:?}").into());
    };
    let attempts = sim
        .sent_notifications()
        .first()
        .map(|sent| sent.attempts.iter().map(|a| a.status).collect::<Vec<_>>())
        .unwrap_or_default();
    println!(
        "WEBIZPAY.AUTHORIZED: {} is {} (answers {attempts:?}: the failed write was not a lost event)",
        authorized.user_id, authorized.employee_id
    );

    client
        .revoke_authorization(
            &RevokeAuthorizationRequest::builder()
                .employee_id(authorized.employee_id.clone())
                .sub_mchid(sub)
                .build(),
        )
        .await?;
    let events = wait_for(&app.events, 2).await;
    let Some(Event::Revoked(revoked)) = events.get(1) else {
        return Err(format!("expected WEBIZPAY.REVOKED, got {events:?}").into());
    };
    println!(
        "WEBIZPAY.REVOKED: {} is {} ({})",
        revoked.user_id, revoked.authorization_state, revoked.reason
    );
    Ok(())
}
