//! Receiving WeChat Pay's notifications (回调通知) with axum.
//!
//! The handler passes the request's headers and raw body to
//! `NotificationVerifier::verify` (signature, timestamp, serial, probe;
//! decryption with the APIv3 key; the typed event) and answers with what it
//! says, within WeChat Pay's 5 seconds. The demo runs the simulator as
//! WeChat Pay with this handler as the merchant's callback URL: an employee
//! authorizes (WEBIZPAY.AUTHORIZED brings the employee_id), then is revoked
//! (WEBIZPAY.REVOKED).
//!
//! ```sh
//! cargo run -p webizpay-api --example notifications
//! ```

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

/// The handler's state: the verifier, and what arrived (a real service would
/// enqueue the events for its own processing instead).
#[derive(Clone)]
pub struct App {
    /// Verifies and decrypts notifications.
    pub verifier: NotificationVerifier,
    /// The events accepted, in order.
    pub events: Arc<Mutex<Vec<Event>>>,
}

/// `POST /webizpay/notify`: verify, record, answer.
pub async fn notify(State(app): State<App>, headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    let reply = match app.verifier.verify(&headers, &body) {
        Ok(notification) => {
            app.events
                .lock()
                .expect("events lock")
                .push(notification.event.clone());
            notification.reply()
        }
        // A resend of one already handled is answered with success; anything
        // else with a failure, so that WeChat Pay sends it again.
        Err(e) => {
            eprintln!("notification not accepted: {e}");
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

/// Waits until `n` events arrived (or 5 s passed).
pub async fn wait_for(events: &Mutex<Vec<Event>>, n: usize) -> Vec<Event> {
    for _ in 0..500 {
        let now = events.lock().expect("events lock").clone();
        if now.len() >= n {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    events.lock().expect("events lock").clone()
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = Simulator::start().await?;
    let config = sim.client_config(); // with the simulator's APIv3 key
    let app = App {
        verifier: NotificationVerifier::new(&config)?,
        events: Arc::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webizpay/notify", listener.local_addr()?);
    tokio::spawn(axum::serve(listener, router(app.clone())).into_future());
    sim.set_callback_url(Some(url.clone()));
    println!("callback URL {url}");

    let client = Client::builder(config).base_url(sim.base_url()).build()?;
    let (sp, sub) = (sim.mchid().to_owned(), "43214321".to_owned());
    client
        .apply_authorization(&ApplyAuthorizationRequest::new(
            "employee123",
            sp.clone(),
            sub.clone(),
            ApplicationType::H5,
        ))
        .await?;
    sim.accept_authorization(&sp, &sub, "employee123")
        .ok_or("no link to accept")?;
    let events = wait_for(&app.events, 1).await;
    let Some(Event::Authorized(authorized)) = events.first() else {
        return Err(format!("expected WEBIZPAY.AUTHORIZED, got {events:?}").into());
    };
    println!(
        "WEBIZPAY.AUTHORIZED: {} is {}",
        authorized.user_id, authorized.employee_id
    );

    client
        .revoke_authorization(&RevokeAuthorizationRequest::new(
            authorized.employee_id.clone(),
            sp,
            sub,
        ))
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
