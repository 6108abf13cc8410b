//! The main job on an embedded default: no credentials, no network.
//!
//! Starts the WeChat Pay simulator on 127.0.0.1 with throwaway keys, issues an
//! authorization link for one employee, lets the employee accept it, revokes
//! the authorization, and prints both responses.
//!
//! ```sh
//! cargo run -p webizpay-api --example quickstart
//! ```

use webizpay_api::simulator::Simulator;
use webizpay_api::{
    ApplicationType, ApplyAuthorizationRequest, Client, RevokeAuthorizationRequest,
};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = Simulator::start().await?;
    println!("simulator listening on {}", sim.base_url());

    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .build()?;
    let sp_mchid = sim.mchid().to_owned();
    let sub_mchid = "43214321";

    let link = client
        .apply_authorization(&ApplyAuthorizationRequest {
            user_id: "employee123".into(),
            sp_mchid: sp_mchid.clone(),
            sub_mchid: sub_mchid.into(),
            application_type: ApplicationType::H5,
        })
        .await?;
    println!(
        "\napply_authorization: HTTP {} Request-ID {}\n{}",
        link.meta.status,
        link.meta.request_id.as_deref().unwrap_or("-"),
        serde_json::to_string_pretty(&link.data)?
    );

    // The employee opens the link in WeChat and accepts; WeChat Pay then knows
    // the authorization by an employee_id (delivered to the merchant by callback).
    let employee_id = sim
        .accept_authorization(&sp_mchid, sub_mchid, "employee123")
        .ok_or("the simulator issued no link to accept")?;

    let revoked = client
        .revoke_authorization(&RevokeAuthorizationRequest {
            employee_id,
            sp_mchid,
            sub_mchid: sub_mchid.into(),
        })
        .await?;
    println!(
        "\nrevoke_authorization: HTTP {} Request-ID {}\n{}",
        revoked.meta.status,
        revoked.meta.request_id.as_deref().unwrap_or("-"),
        serde_json::to_string_pretty(&revoked.data)?
    );
    println!(
        "\nboth responses were signed by {} and verified before parsing",
        revoked.meta.wechatpay_serial
    );
    Ok(())
}
