//! The 企业支付 lifecycle against the simulator, through the generated
//! client, as a downstream test would run it: authorize an employee, find
//! the `employee_id`, issue, query, pay with and cancel quota cards, revoke;
//! merchant ranges; store entity matching; and typed overrides with typed
//! received requests.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use webizpay_api::simulator::{CARD_REVOKED_REASON, SimError, Simulator};
use webizpay_api::{
    AddMerchantIdentifierRequest, ApplicationType, ApplyAuthorizationRequest, AuthorizationState,
    CancelQuotaCardRequest, Client, CreateAvailMchRangeRequest, CreateQuotaCardRequest,
    CreateStoreEntityMatchRequest, DeleteMerchantIdentifierRequest, Error, ErrorCode,
    GetQuotaCardPaymentUrlRequest, ListAvailMchRangesRequest, ListMerchantIdentifiersRequest,
    MchRangeIdentifierType, QueryAuthorizationStateRequest, QueryQuotaCardByOutCardNoRequest,
    QueryQuotaCardRequest, QueryStoreEntityMatchRequest, QuotaCardState,
    RevokeAuthorizationRequest, RevokeAuthorizationResponse, StoreMatchBatchState,
    StoreMatchDetail, StoreMatchProductType,
};

const SUB: &str = "43214321";

fn client(sim: &Simulator) -> Client {
    Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

fn api_error(e: Error) -> (u16, ErrorCode, String) {
    match e {
        Error::Api(a) => (a.status, a.code, a.message),
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// A time `days` days after the simulator's clock, at +08:00.
fn days_from_now(sim: &Simulator, days: i64) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(8 * 3600).unwrap();
    DateTime::from_timestamp(sim.now_unix() + days * 86_400, 0)
        .unwrap()
        .with_timezone(&offset)
}

fn card(
    sim: &Simulator,
    employee_id: &str,
    out_card_no: &str,
    amount: i64,
) -> CreateQuotaCardRequest {
    CreateQuotaCardRequest::builder()
        .employee_id(employee_id)
        .sub_mchid(SUB)
        .card_template_id("template_123")
        .amount(amount)
        .card_name("差旅费用卡")
        .out_card_no(out_card_no)
        .effective_end_time(days_from_now(sim, 30))
        .card_remark("2025年差旅")
        .build()
}

#[tokio::test]
async fn authorize_issue_pay_cancel_revoke() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let sp = sim.mchid().to_owned();
    let state_query = QueryAuthorizationStateRequest::builder()
        .user_id("employee123")
        .sub_mchid(SUB)
        .build();

    // Before anything: no relation.
    let state = client
        .query_authorization_state(&state_query)
        .await
        .unwrap();
    assert_eq!(state.employee_list, None);

    // Apply, and the employee accepts in WeChat.
    let link = client
        .apply_authorization(
            &ApplyAuthorizationRequest::builder()
                .user_id("employee123")
                .sub_mchid(SUB)
                .application_type(ApplicationType::H5)
                .build(),
        )
        .await
        .unwrap();
    assert!(link.authorization_url.is_some());
    let accepted = sim
        .accept_authorization(&sp, SUB, "employee123")
        .expect("the link was issued");

    // The authorization-state query lists the new employee_id.
    let state = client
        .query_authorization_state(&state_query)
        .await
        .unwrap();
    let list = state.employee_list.clone().expect("one relation");
    assert_eq!(list.len(), 1);
    let employee_id = list[0].employee_id.clone();
    assert_eq!(employee_id, accepted);
    assert_eq!(list[0].authorization_state, AuthorizationState::Authorized);
    assert_eq!(list[0].authorization_revoked_time, None);

    // Issue a card; the same out_card_no with the same body is the same card.
    let request = card(&sim, &employee_id, "mch_card_000001", 10_000);
    let created = client.create_quota_card(&request).await.unwrap();
    assert_eq!(created.employee_id, employee_id);
    assert_eq!(created.out_card_no, "mch_card_000001");
    assert_eq!(created.effective_end_time, request.effective_end_time);
    let card_no = created.card_no.clone();
    let replay = client.create_quota_card(&request).await.unwrap();
    assert_eq!(replay.body(), created.body());
    // With another body it is refused.
    let (status, code, message) = api_error(
        client
            .create_quota_card(&card(&sim, &employee_id, "mch_card_000001", 20_000))
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (400, ErrorCode::InvalidRequest));
    assert!(message.starts_with("out_card_no"), "{message}");

    // Query by card_no and by out_card_no: the same card.
    let by_no = client
        .query_quota_card(
            &QueryQuotaCardRequest::builder()
                .card_no(card_no.clone())
                .employee_id(employee_id.clone())
                .sub_mchid(SUB)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(by_no.card_state, QuotaCardState::Active);
    assert_eq!(by_no.amount, 10_000);
    assert_eq!(by_no.remain_amount, 10_000);
    assert_eq!(by_no.card_name, "差旅费用卡");
    let by_out = client
        .query_quota_card_by_out_card_no(
            &QueryQuotaCardByOutCardNoRequest::builder()
                .out_card_no("mch_card_000001")
                .employee_id(employee_id.clone())
                .sub_mchid(SUB)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(by_out.body(), by_no.body());

    // A payment link, for H5 and for a mini program.
    let pay = |application_type| {
        GetQuotaCardPaymentUrlRequest::builder()
            .card_no(card_no.clone())
            .employee_id(employee_id.clone())
            .sub_mchid(SUB)
            .application_type(application_type)
            .build()
    };
    let h5 = client
        .get_quota_card_payment_url(&pay(ApplicationType::H5))
        .await
        .unwrap();
    assert!(h5.payment_url.as_deref().unwrap().starts_with("weixin://"));
    assert!(h5.expire_time.timestamp() > sim.now_unix());
    let mini = client
        .get_quota_card_payment_url(&pay(ApplicationType::Miniprogram))
        .await
        .unwrap();
    assert!(mini.mp_query.as_deref().unwrap().starts_with("token="));

    // Cancel: DISABLED, with the reason; no more payment links.
    let cancelled = client
        .cancel_quota_card(
            &CancelQuotaCardRequest::builder()
                .employee_id(employee_id.clone())
                .card_no(card_no.clone())
                .sub_mchid(SUB)
                .reason("员工离职")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(cancelled.card_state, QuotaCardState::Disabled);
    assert!(cancelled.card_disabled_time.is_some());
    let (status, code, _) = api_error(
        client
            .get_quota_card_payment_url(&pay(ApplicationType::H5))
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (400, ErrorCode::InvalidRequest));

    // A second card, still active when the employee is revoked.
    let second = client
        .create_quota_card(&card(&sim, &employee_id, "mch_card_000002", 500))
        .await
        .unwrap();

    // Revoke: the employee's cards end (此商户下的企业支付额度卡全部作废).
    let revoked: RevokeAuthorizationResponse = client
        .revoke_authorization(
            &RevokeAuthorizationRequest::builder()
                .employee_id(employee_id.clone())
                .sub_mchid(SUB)
                .build(),
        )
        .await
        .unwrap()
        .into_inner();
    assert_eq!(revoked.authorization_state, AuthorizationState::Revoked);
    assert_eq!(revoked.user_id, "employee123");
    let after = client
        .query_quota_card(
            &QueryQuotaCardRequest::builder()
                .card_no(second.card_no.clone())
                .employee_id(employee_id.clone())
                .sub_mchid(SUB)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(after.card_state, QuotaCardState::Disabled);
    assert_eq!(after.reason.as_deref(), Some(CARD_REVOKED_REASON));
    // The first card keeps its own reason.
    assert_eq!(
        client
            .query_quota_card(
                &QueryQuotaCardRequest::builder()
                    .card_no(card_no.clone())
                    .employee_id(employee_id.clone())
                    .sub_mchid(SUB)
                    .build()
            )
            .await
            .unwrap()
            .reason
            .as_deref(),
        Some("员工离职")
    );
    // No card for a revoked employee.
    let (status, code, _) = api_error(
        client
            .create_quota_card(&card(&sim, &employee_id, "mch_card_000003", 100))
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (400, ErrorCode::InvalidRequest));

    // The state query shows REVOKED, with the revocation time.
    let state = client
        .query_authorization_state(&state_query)
        .await
        .unwrap();
    let list = state.employee_list.clone().unwrap();
    assert_eq!(list[0].authorization_state, AuthorizationState::Revoked);
    assert_eq!(
        list[0].authorization_revoked_time,
        Some(revoked.authorization_revoked_time)
    );
}

#[tokio::test]
async fn unknown_ids_are_resource_not_exists() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let unknown = "WeBizPay_00000000-0000-4000-8000-000000000000";
    let (status, code, message) = api_error(
        client
            .create_quota_card(&card(&sim, unknown, "mch_card_000001", 100))
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (404, ErrorCode::ResourceNotExists));
    assert!(message.starts_with("employee_id"), "{message}");
    let (status, code, _) = api_error(
        client
            .query_quota_card(
                &QueryQuotaCardRequest::builder()
                    .card_no("1068019671702503425")
                    .employee_id(unknown)
                    .sub_mchid(SUB)
                    .build(),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (404, ErrorCode::ResourceNotExists));
    let (status, code, _) = api_error(
        client
            .query_store_entity_match(
                &QueryStoreEntityMatchRequest::builder()
                    .batch_id("103000007120100000")
                    .build(),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (404, ErrorCode::ResourceNotExists));
    let (status, code, _) = api_error(
        client
            .add_merchant_identifier(
                &AddMerchantIdentifierRequest::builder()
                    .range_id("89f5123e-5ad4-4e0e-89b1-63ced0c798c5")
                    .merchant_identifier("91110000710926094P")
                    .build(),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (404, ErrorCode::ResourceNotExists));
}

#[tokio::test]
async fn merchant_ranges_keep_their_identifiers() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let range_id = client
        .create_avail_mch_range(
            &CreateAvailMchRangeRequest::builder()
                .identifier_type(MchRangeIdentifierType::OrganizationCode)
                .build(),
        )
        .await
        .unwrap()
        .into_inner()
        .range_id;
    let list = client
        .list_avail_mch_ranges(&ListAvailMchRangesRequest::builder().build())
        .await
        .unwrap();
    assert_eq!(list.range_list.len(), 1);
    assert_eq!(
        list.range_list[0].range_id.as_deref(),
        Some(range_id.as_str())
    );
    for id in [
        "91110000710926094P",
        "91110000600037341L",
        "91110000710926094P",
    ] {
        client
            .add_merchant_identifier(
                &AddMerchantIdentifierRequest::builder()
                    .range_id(range_id.clone())
                    .merchant_identifier(id)
                    .build(),
            )
            .await
            .unwrap();
    }
    let page = |offset, limit| {
        ListMerchantIdentifiersRequest::builder()
            .range_id(range_id.clone())
            .offset(offset)
            .limit(limit)
            .build()
    };
    let all = client
        .list_merchant_identifiers(&page(0, 10))
        .await
        .unwrap();
    assert_eq!(all.total_count, 2, "added twice, kept once");
    // `data` is also the name of `Response`'s own field: the body is `.data`.
    assert_eq!(all.data, ["91110000710926094P", "91110000600037341L"]);
    let second = client.list_merchant_identifiers(&page(1, 1)).await.unwrap();
    assert_eq!((second.count, second.total_count), (1, 2));
    assert_eq!(second.data, ["91110000600037341L"]);

    let delete = DeleteMerchantIdentifierRequest::builder()
        .range_id(range_id.clone())
        .merchant_identifier("91110000710926094P")
        .build();
    client.delete_merchant_identifier(&delete).await.unwrap();
    // The DELETE carried its documented JSON body, signed.
    let sent = sim.received::<DeleteMerchantIdentifierRequest>();
    assert_eq!(sent, std::slice::from_ref(&delete));
    let (status, code, _) = api_error(
        client
            .delete_merchant_identifier(&delete)
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (404, ErrorCode::ResourceNotExists));
    let left = client
        .list_merchant_identifiers(&page(0, 10))
        .await
        .unwrap();
    assert_eq!(left.data, ["91110000600037341L"]);
}

#[tokio::test]
async fn store_entity_matching_completes() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    sim.set_entity_has_mchid("911100007109260000", true);
    let create = CreateStoreEntityMatchRequest::builder()
        .out_batch_id("batch12345678")
        .match_details(vec![
            StoreMatchDetail::builder()
                .organization_code("911100007109260000")
                .store_name("微信小店")
                .product_type(StoreMatchProductType::CodePay)
                .build(),
            StoreMatchDetail::builder()
                .organization_code("911100007109269999")
                .store_name("另一家店")
                .product_type(StoreMatchProductType::CodePay)
                .build(),
        ])
        .build();
    let created = client.create_store_entity_match(&create).await.unwrap();
    assert_eq!(created.state, StoreMatchBatchState::Accepted);
    let again = client.create_store_entity_match(&create).await.unwrap();
    assert_eq!(again.batch_id, created.batch_id, "the same out_batch_id");
    let query = QueryStoreEntityMatchRequest::builder()
        .batch_id(created.batch_id.clone())
        .build();
    let pending = client.query_store_entity_match(&query).await.unwrap();
    assert_eq!(pending.state, StoreMatchBatchState::Accepted);
    assert_eq!(pending.match_results, None);
    sim.set_clock_offset(2);
    let done = client.query_store_entity_match(&query).await.unwrap();
    assert_eq!(done.state, StoreMatchBatchState::Completed);
    let results = done.match_results.clone().unwrap();
    assert_eq!(results.len(), 2);
    assert!(results[0].has_valid_mchid);
    assert!(!results[1].has_valid_mchid);
}

/// A test replaces an operation's answer with a typed handler, and reads
/// what the client sent as typed requests.
#[tokio::test]
async fn typed_overrides_and_typed_received_requests() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let sp = sim.mchid().to_owned();
    sim.handle(move |r: &RevokeAuthorizationRequest| {
        if r.employee_id.ends_with("missing") {
            return Err(SimError::new(
                ErrorCode::ResourceNotExists,
                format!("employee_id: {} is gone", r.employee_id),
            ));
        }
        Ok(RevokeAuthorizationResponse::builder()
            .sp_mchid(sp.clone())
            .sub_mchid(r.sub_mchid.clone())
            .user_id("from-the-handler")
            .authorization_state(AuthorizationState::Revoked)
            .authorization_revoked_time(
                chrono::DateTime::parse_from_rfc3339("2025-05-20T13:29:35+08:00").unwrap(),
            )
            .reason("测试")
            .build())
    });
    let revoke = |employee_id: &str| {
        RevokeAuthorizationRequest::builder()
            .employee_id(employee_id)
            .sub_mchid(SUB)
            .build()
    };
    // The handler answers for an employee the simulator never saw; the
    // answer is signed and verified like any other.
    let ok = client
        .revoke_authorization(&revoke("WeBizPay_any"))
        .await
        .unwrap();
    assert_eq!(ok.user_id, "from-the-handler");
    assert_eq!(ok.meta().status, 200);
    let (status, code, message) = api_error(
        client
            .revoke_authorization(&revoke("WeBizPay_missing"))
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code), (404, ErrorCode::ResourceNotExists));
    assert_eq!(message, "employee_id: WeBizPay_missing is gone");

    let received = sim.received::<RevokeAuthorizationRequest>();
    assert_eq!(
        received,
        [revoke("WeBizPay_any"), revoke("WeBizPay_missing")]
    );

    // Back to the simulator's own behaviour: an unknown employee.
    sim.remove_handler::<RevokeAuthorizationRequest>();
    let (status, _, _) = api_error(
        client
            .revoke_authorization(&revoke("WeBizPay_any"))
            .await
            .unwrap_err(),
    );
    assert_eq!(status, 404);
}
