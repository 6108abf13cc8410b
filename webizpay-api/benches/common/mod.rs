//! Fixtures shared by the benchmarks: the request, the client configuration
//! matching the simulator's embedded keys, and a signed message.

use webizpay_api::simulator::{
    DEFAULT_MCHID, DEFAULT_MERCHANT_SERIAL, DEFAULT_WECHATPAY_SERIAL, MERCHANT_PRIVATE_KEY_PEM,
    WECHATPAY_PUBLIC_KEY_PEM,
};
use webizpay_api::{ApplicationType, ApplyAuthorizationRequest, Backend, Config, Operation};

pub fn request() -> ApplyAuthorizationRequest {
    ApplyAuthorizationRequest::builder()
        .user_id("employee123")
        .sub_mchid("43214321")
        .application_type(ApplicationType::H5)
        .build()
}

pub fn config(backend: Backend) -> Config {
    Config::builder()
        .mchid(DEFAULT_MCHID)
        .merchant_serial(DEFAULT_MERCHANT_SERIAL)
        .merchant_private_key_pem(MERCHANT_PRIVATE_KEY_PEM)
        .wechatpay_public_key(DEFAULT_WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEY_PEM)
        .backend(backend)
        .build()
        .expect("the embedded simulator keys are valid")
}

/// The signed message of a typical `apply_authorization` request.
pub fn request_message() -> Vec<u8> {
    let req = request();
    let mut body = Vec::new();
    webizpay_api::__internal::write_body(&req, webizpay_api::simulator::DEFAULT_MCHID, &mut body)
        .expect("serializable");
    let mut message = Vec::new();
    for part in [
        b"POST".as_slice(),
        req.target(webizpay_api::simulator::DEFAULT_MCHID)
            .as_bytes(),
        b"1700000000",
        b"593BEC0C930BF1AFEB40B4A08C8FB242",
        &body,
    ] {
        message.extend_from_slice(part);
        message.push(b'\n');
    }
    message
}
