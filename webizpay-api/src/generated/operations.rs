// @generated from spec/webizpay.yaml by `cargo xtask codegen`. Do not edit by hand.
//! The list of every operation of the spec, the facts they share (hosts, documented
//! headers) and, with the `simulator` feature, the simulator's table of operations.

/// Every operation of the spec, in spec order.
pub const OPERATIONS: &[&crate::runtime::operation::OperationInfo] = &[
    &crate::generated::APPLY_AUTHORIZATION,
    &crate::generated::QUERY_AUTHORIZATION_STATE,
    &crate::generated::REVOKE_AUTHORIZATION,
    &crate::generated::CREATE_QUOTA_CARD,
    &crate::generated::QUERY_QUOTA_CARD,
    &crate::generated::QUERY_QUOTA_CARD_BY_OUT_CARD_NO,
    &crate::generated::CANCEL_QUOTA_CARD,
    &crate::generated::GET_QUOTA_CARD_PAYMENT_URL,
    &crate::generated::CREATE_AVAIL_MCH_RANGE,
    &crate::generated::LIST_AVAIL_MCH_RANGES,
    &crate::generated::ADD_MERCHANT_IDENTIFIER,
    &crate::generated::LIST_MERCHANT_IDENTIFIERS,
    &crate::generated::DELETE_MERCHANT_IDENTIFIER,
    &crate::generated::APPLY_TRADE_BILL,
    &crate::generated::APPLY_PROOF,
    &crate::generated::CREATE_STORE_ENTITY_MATCH,
    &crate::generated::QUERY_STORE_ENTITY_MATCH,
];

/// The top-level fields of every operation's answer, in spec order:
/// the client refuses a verified answer that is plainly another
/// operation's (`wire::foreign_answer`).
pub(crate) static ANSWER_SHAPES: &[crate::runtime::wire::AnswerShape] = &[
    crate::runtime::wire::AnswerShape {
        operation: "apply_authorization",
        fields: &[
            "sp_mchid",
            "sub_mchid",
            "user_id",
            "authorization_url",
            "expire_time",
            "application_type",
            "mp_query",
            "mp_business_type",
        ],
        required: &["sp_mchid", "sub_mchid", "user_id", "application_type"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "query_authorization_state",
        fields: &["sp_mchid", "sub_mchid", "user_id", "employee_list"],
        required: &["sp_mchid", "sub_mchid", "user_id"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "revoke_authorization",
        fields: &[
            "sp_mchid",
            "sub_mchid",
            "user_id",
            "authorization_state",
            "authorization_revoked_time",
            "reason",
        ],
        required: &[
            "sp_mchid",
            "sub_mchid",
            "user_id",
            "authorization_state",
            "authorization_revoked_time",
            "reason",
        ],
    },
    crate::runtime::wire::AnswerShape {
        operation: "create_quota_card",
        fields: &[
            "sp_mchid",
            "sub_mchid",
            "out_card_no",
            "employee_id",
            "card_no",
            "effective_begin_time",
            "effective_end_time",
        ],
        required: &[
            "sp_mchid",
            "sub_mchid",
            "out_card_no",
            "employee_id",
            "card_no",
            "effective_begin_time",
            "effective_end_time",
        ],
    },
    crate::runtime::wire::AnswerShape {
        operation: "query_quota_card",
        fields: &[
            "sp_mchid",
            "sub_mchid",
            "card_no",
            "out_card_no",
            "employee_id",
            "card_template_id",
            "card_rule",
            "refund_rule",
            "amount",
            "remain_amount",
            "effective_end_time",
            "effective_begin_time",
            "card_state",
            "card_name",
            "reason",
            "card_usage_time",
            "transaction_id",
            "card_disabled_time",
            "card_remark",
        ],
        required: &[
            "sp_mchid",
            "sub_mchid",
            "card_no",
            "out_card_no",
            "employee_id",
            "card_template_id",
            "card_rule",
            "refund_rule",
            "amount",
            "remain_amount",
            "effective_end_time",
            "effective_begin_time",
            "card_state",
            "card_name",
        ],
    },
    crate::runtime::wire::AnswerShape {
        operation: "query_quota_card_by_out_card_no",
        fields: &[
            "sp_mchid",
            "sub_mchid",
            "card_no",
            "out_card_no",
            "employee_id",
            "card_template_id",
            "card_rule",
            "refund_rule",
            "amount",
            "remain_amount",
            "effective_end_time",
            "effective_begin_time",
            "card_state",
            "card_name",
            "reason",
            "card_usage_time",
            "transaction_id",
            "card_disabled_time",
            "card_remark",
        ],
        required: &[
            "sp_mchid",
            "sub_mchid",
            "card_no",
            "out_card_no",
            "employee_id",
            "card_template_id",
            "card_rule",
            "refund_rule",
            "amount",
            "remain_amount",
            "effective_end_time",
            "effective_begin_time",
            "card_state",
            "card_name",
        ],
    },
    crate::runtime::wire::AnswerShape {
        operation: "cancel_quota_card",
        fields: &[
            "sp_mchid",
            "sub_mchid",
            "employee_id",
            "card_no",
            "card_state",
            "card_disabled_time",
        ],
        required: &["sp_mchid", "sub_mchid", "employee_id", "card_no", "card_state"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "get_quota_card_payment_url",
        fields: &[
            "sp_mchid",
            "sub_mchid",
            "employee_id",
            "card_no",
            "expire_time",
            "payment_url",
            "application_type",
            "mp_query",
            "mp_business_type",
        ],
        required: &["sp_mchid", "sub_mchid", "employee_id", "card_no", "expire_time"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "create_avail_mch_range",
        fields: &["range_id"],
        required: &["range_id"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "list_avail_mch_ranges",
        fields: &["sp_mchid", "range_list"],
        required: &["sp_mchid", "range_list"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "add_merchant_identifier",
        fields: &["range_id"],
        required: &["range_id"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "list_merchant_identifiers",
        fields: &["offset", "limit", "count", "total_count", "data"],
        required: &["offset", "limit", "count", "total_count", "data"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "delete_merchant_identifier",
        fields: &["range_id"],
        required: &["range_id"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "apply_trade_bill",
        fields: &[
            "sp_mchid",
            "sub_mchid",
            "date",
            "type",
            "download_url",
            "hash_type",
            "hash_value",
        ],
        required: &["sp_mchid", "sub_mchid", "date", "type", "download_url"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "apply_proof",
        fields: &[
            "sp_mchid",
            "out_operation_id",
            "operation_id",
            "sub_mchid",
            "start_date",
            "end_date",
            "entity_name",
            "proof_id",
            "download_url",
            "create_time",
            "created_time",
            "updated_time",
        ],
        required: &[
            "sp_mchid",
            "out_operation_id",
            "operation_id",
            "sub_mchid",
            "start_date",
            "end_date",
            "proof_id",
            "download_url",
            "updated_time",
        ],
    },
    crate::runtime::wire::AnswerShape {
        operation: "create_store_entity_match",
        fields: &["sp_mchid", "out_batch_id", "batch_id", "time", "state"],
        required: &["sp_mchid", "out_batch_id", "batch_id", "time", "state"],
    },
    crate::runtime::wire::AnswerShape {
        operation: "query_store_entity_match",
        fields: &["sp_mchid", "out_batch_id", "batch_id", "state", "match_results"],
        required: &["sp_mchid", "out_batch_id", "batch_id", "state"],
    },
];

/// The hosts of the spec's `hosts` block, shared by every operation.
pub(crate) mod host_info {
    use crate::runtime::operation::Host;

    /// The primary host: 主域名。使用该域名将访问就近的接入点.
    pub(crate) const PRIMARY: Host = Host {
        url: "https://api.mch.weixin.qq.com",
        description: "主域名。使用该域名将访问就近的接入点",
    };

    /// The backup host: 备域名。使用该域名将访问异地的接入点.
    pub(crate) const BACKUP: Host = Host {
        url: "https://api2.mch.weixin.qq.com",
        description: "备域名。使用该域名将访问异地的接入点",
    };
}

/// The spec's `headers` catalog: one const per documented header.
pub(crate) mod header_info {
    use crate::runtime::operation::HeaderInfo;

    /// `Authorization`.
    pub(crate) const AUTHORIZATION: HeaderInfo = HeaderInfo {
        name: "Authorization",
        required: true,
        description: "请参考签名认证生成认证信息",
        value: None,
    };

    /// `Accept`.
    pub(crate) const ACCEPT: HeaderInfo = HeaderInfo {
        name: "Accept",
        required: true,
        description: "请设置为application/json",
        value: Some("application/json"),
    };

    /// `Content-Type`.
    pub(crate) const CONTENT_TYPE: HeaderInfo = HeaderInfo {
        name: "Content-Type",
        required: true,
        description: "请设置为application/json",
        value: Some("application/json"),
    };
}

/// The simulator's table: every operation with its decoder and the
/// response body of its first spec example.
#[cfg(feature = "simulator")]
pub(crate) static SIM_OPERATIONS: &[crate::simulator::SimOp] = &[
    crate::simulator::SimOp::of::<
        crate::generated::ApplyAuthorizationRequest,
    >(
        Some(
            "{\"application_type\":\"H5\",\"authorization_url\":\"weixin://dl/liteapp?url=https%3A%2F%2Fliteapp.wxpapp.weixin.qq.com%2Fq%2FgjoM7g%3Ftoken%3D123%23wechat_pay\",\"expire_time\":\"2015-05-20T13:29:35+08:00\",\"mp_business_type\":\"liteAppWebizPayRegister\",\"mp_query\":\"token=123\",\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\",\"user_id\":\"employee123\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::QueryAuthorizationStateRequest,
    >(
        Some(
            "{\"employee_list\":[{\"authorization_revoked_time\":\"2023-06-08T10:34:56+08:00\",\"authorization_state\":\"AUTHORIZED\",\"authorization_time\":\"2023-06-08T10:34:56+08:00\",\"employee_id\":\"WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c\"}],\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\",\"user_id\":\"123456\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::RevokeAuthorizationRequest,
    >(
        Some(
            "{\"authorization_revoked_time\":\"2023-12-31T23:59:59+08:00\",\"authorization_state\":\"REVOKED\",\"reason\":\"用户主动撤销\",\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\",\"user_id\":\"employee123\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::CreateQuotaCardRequest,
    >(
        Some(
            "{\"card_no\":\"1068019671702503425\",\"effective_begin_time\":\"2023-01-01T23:59:59+08:00\",\"effective_end_time\":\"2023-12-31T23:59:59+08:00\",\"employee_id\":\"WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c\",\"out_card_no\":\"mch_card_123456\",\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::QueryQuotaCardRequest,
    >(
        Some(
            "{\"amount\":10000,\"card_disabled_time\":\"2023-12-31T23:59:59+08:00\",\"card_name\":\"报销额度卡\",\"card_no\":\"1068019671702503425\",\"card_remark\":\"2023年1月差旅报销\",\"card_rule\":\"SINGLE\",\"card_state\":\"ACTIVE\",\"card_template_id\":\"template_123\",\"card_usage_time\":\"2023-12-31T23:59:59+08:00\",\"effective_begin_time\":\"2023-01-01T23:59:59+08:00\",\"effective_end_time\":\"2023-12-31T23:59:59+08:00\",\"employee_id\":\"WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c\",\"out_card_no\":\"mch_card_123456\",\"reason\":\"有效期结束\",\"refund_rule\":\"RETURN\",\"remain_amount\":8000,\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\",\"transaction_id\":\"4200000123202306081234567890\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::QueryQuotaCardByOutCardNoRequest,
    >(
        Some(
            "{\"amount\":10000,\"card_disabled_time\":\"2023-12-31T23:59:59+08:00\",\"card_name\":\"报销额度卡\",\"card_no\":\"1068019671702503425\",\"card_remark\":\"2023年1月差旅报销\",\"card_rule\":\"SINGLE\",\"card_state\":\"ACTIVE\",\"card_template_id\":\"template_123\",\"card_usage_time\":\"2023-12-31T23:59:59+08:00\",\"effective_begin_time\":\"2023-01-01T23:59:59+08:00\",\"effective_end_time\":\"2023-12-31T23:59:59+08:00\",\"employee_id\":\"WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c\",\"out_card_no\":\"mch_card_123456\",\"reason\":\"有效期结束\",\"refund_rule\":\"RETURN\",\"remain_amount\":8000,\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\",\"transaction_id\":\"4200000123202306081234567890\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::CancelQuotaCardRequest,
    >(
        Some(
            "{\"card_disabled_time\":\"2023-06-08T10:34:56+08:00\",\"card_no\":\"1068019671702503425\",\"card_state\":\"DISABLED\",\"employee_id\":\"WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c\",\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::GetQuotaCardPaymentUrlRequest,
    >(
        Some(
            "{\"application_type\":\"H5\",\"card_no\":\"1068019671702503425\",\"employee_id\":\"WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c\",\"expire_time\":\"2023-06-08T10:34:56+08:00\",\"mp_business_type\":\"liteAppWebizPayRegister\",\"mp_query\":\"token=123\",\"payment_url\":\"weixin://dl/liteapp?url=https%3A%2F%2Fliteapp.wxpapp.weixin.qq.com%2Fq%2FgjoM7g%3Ftoken%3D123%23wechat_pay\",\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::CreateAvailMchRangeRequest,
    >(Some("{\"range_id\":\"89f5123e-5ad4-4e0e-89b1-63ced0c798c5\"}")),
    crate::simulator::SimOp::of::<
        crate::generated::ListAvailMchRangesRequest,
    >(
        Some(
            "{\"range_list\":[{\"identifier_type\":\"ORGANIZATION_CODE\",\"range_id\":\"89f5123e-5ad4-4e0e-89b1-63ced0c798c5\"}],\"sp_mchid\":\"12341234\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::AddMerchantIdentifierRequest,
    >(Some("{\"range_id\":\"89f5123e-5ad4-4e0e-89b1-63ced0c798c5\"}")),
    crate::simulator::SimOp::of::<
        crate::generated::ListMerchantIdentifiersRequest,
    >(
        Some(
            "{\"count\":1,\"data\":[\"91110000710926094P\"],\"limit\":100,\"offset\":0,\"total_count\":1}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::DeleteMerchantIdentifierRequest,
    >(Some("{\"range_id\":\"89f5123e-5ad4-4e0e-89b1-63ced0c798c5\"}")),
    crate::simulator::SimOp::of::<
        crate::generated::ApplyTradeBillRequest,
    >(
        Some(
            "{\"date\":\"2025-04-23\",\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx\",\"hash_type\":\"SHA1\",\"hash_value\":\"79bb0f45fc4c42234a918000b2668d689e2bde04\",\"sp_mchid\":\"12341234\",\"sub_mchid\":\"43214321\",\"type\":\"QYZFALL\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::ApplyProofRequest,
    >(
        Some(
            "{\"created_time\":\"2023-06-08T10:34:56+08:00\",\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx\",\"end_date\":\"2025-04-23\",\"entity_name\":\"某某科技有限公司\",\"operation_id\":\"1030000071201xxxxx\",\"out_operation_id\":\"operation12345678\",\"proof_id\":\"proof12345678\",\"sp_mchid\":\"12341234\",\"start_date\":\"2025-04-23\",\"sub_mchid\":\"43214321\",\"updated_time\":\"2023-06-08T10:34:56+08:00\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::CreateStoreEntityMatchRequest,
    >(
        Some(
            "{\"batch_id\":\"1030000071201xxxxx\",\"out_batch_id\":\"batch12345678\",\"sp_mchid\":\"12341234\",\"state\":\"ACCEPTED\",\"time\":\"2023-06-08T10:34:56+08:00\"}",
        ),
    ),
    crate::simulator::SimOp::of::<
        crate::generated::QueryStoreEntityMatchRequest,
    >(
        Some(
            "{\"batch_id\":\"1030000071201xxxxx\",\"match_results\":[{\"has_valid_mchid\":true,\"organization_code\":\"911100007109260000\",\"store_name\":\"微信小店\"}],\"out_batch_id\":\"batch12345678\",\"sp_mchid\":\"12341234\",\"state\":\"ACCEPTED\"}",
        ),
    ),
];
