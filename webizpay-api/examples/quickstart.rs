//! The whole 企业支付 lifecycle on an embedded default: no credentials, no
//! network. Starts the WeChat Pay simulator on 127.0.0.1 with throwaway
//! keys, then: authorize an employee → find the employee_id → issue a quota
//! card → query it → get a payment link → cancel it → revoke → download
//! yesterday's bill. Every answer is signature-verified before it is parsed.
//!
//! ```sh
//! cargo run -p webizpay-api --example quickstart
//! ```

use chrono::{Days, Utc};
use webizpay_api::simulator::Simulator;
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, ApplyTradeBillRequest, CancelQuotaCardRequest,
    Client, CreateQuotaCardRequest, GetQuotaCardPaymentUrlRequest, QueryAuthorizationStateRequest,
    QueryQuotaCardRequest, RevokeAuthorizationRequest, TradeBillType,
};

#[tokio::main(flavor = "current_thread")]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = Simulator::start().await?;
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .build()?;
    println!("simulator listening on {}", sim.base_url());
    let sp = sim.mchid().to_owned();
    let sub = "43214321".to_owned();
    let user = "employee123".to_owned();

    // 1. Issue the employee an authorization link; the employee accepts in WeChat.
    let link = client
        .apply_authorization(
            &ApplyAuthorizationRequest::builder()
                .user_id(user.clone())
                .sub_mchid(sub.clone())
                .application_type(ApplicationType::H5)
                .build(),
        )
        .await?;
    println!(
        "1. authorization link: {}",
        link.authorization_url.as_deref().unwrap_or("-")
    );
    sim.accept_authorization(&sp, &sub, &user)
        .ok_or("no link to accept")?;

    // 2. The authorization-state query gives the employee_id.
    let state_query = QueryAuthorizationStateRequest::builder()
        .user_id(user.clone())
        .sub_mchid(sub.clone())
        .build();
    let state = client.query_authorization_state(&state_query).await?;
    let relation = state
        .employee_list
        .as_ref()
        .and_then(|l| l.last())
        .ok_or("no relation")?;
    let employee_id = relation.employee_id.clone();
    println!(
        "2. {user} is {} as {employee_id}",
        relation.authorization_state
    );

    // 3. Issue a quota card of 100.00 yuan (amounts are in 分).
    let card = client
        .create_quota_card(
            &CreateQuotaCardRequest::builder()
                .employee_id(employee_id.clone())
                .sub_mchid(sub.clone())
                .card_template_id("template_123")
                .amount(10_000)
                .card_name("差旅费用卡")
                .out_card_no("mch_card_000001")
                .effective_end_time((Utc::now() + Days::new(30)).fixed_offset())
                .build(),
        )
        .await?;
    println!("3. card {} issued", card.card_no);

    // 4. Query it, and get a payment link for it.
    let query = QueryQuotaCardRequest::builder()
        .card_no(card.card_no.clone())
        .employee_id(employee_id.clone())
        .sub_mchid(sub.clone())
        .build();
    let queried = client.query_quota_card(&query).await?;
    println!(
        "4. card is {}, {} of {} 分 left",
        queried.card_state, queried.remain_amount, queried.amount
    );
    let pay = client
        .get_quota_card_payment_url(
            &GetQuotaCardPaymentUrlRequest::builder()
                .card_no(card.card_no.clone())
                .employee_id(employee_id.clone())
                .sub_mchid(sub.clone())
                .application_type(ApplicationType::H5)
                .build(),
        )
        .await?;
    println!(
        "   payment link: {}",
        pay.payment_url.as_deref().unwrap_or("-")
    );

    // 5. Cancel the card, then revoke the employee.
    let cancelled = client
        .cancel_quota_card(
            &CancelQuotaCardRequest::builder()
                .employee_id(employee_id.clone())
                .card_no(card.card_no.clone())
                .sub_mchid(sub.clone())
                .reason("行程取消")
                .build(),
        )
        .await?;
    println!("5. card is {}", cancelled.card_state);
    let revoked = client
        .revoke_authorization(
            &RevokeAuthorizationRequest::builder()
                .employee_id(employee_id)
                .sub_mchid(sub.clone())
                .build(),
        )
        .await?;
    let state = client.query_authorization_state(&state_query).await?;
    let last = state
        .employee_list
        .as_ref()
        .and_then(|l| l.last())
        .ok_or("no relation")?;
    println!(
        "6. {} is {} since {}",
        revoked.user_id, last.authorization_state, revoked.authorization_revoked_time
    );

    // 7. Download yesterday's bill (a signed GET; the file is checked against its hash).
    let bill = client
        .apply_trade_bill(
            &ApplyTradeBillRequest::builder()
                .sub_mchid(sub)
                .date((Utc::now() + chrono::Duration::hours(8)).date_naive() - Days::new(1))
                .r#type(TradeBillType::Qyzfall)
                .build(),
        )
        .await?;
    let mut file = Vec::new();
    let done = client.download(bill.body(), &mut file).await?;
    println!(
        "7. bill of {}: {} bytes, {} checked",
        bill.date,
        done.bytes,
        done.hash_checked.as_deref().unwrap_or("no hash")
    );
    println!(
        "\nevery answer was signed by {} and verified before parsing",
        bill.meta().wechatpay_serial
    );
    Ok(())
}
