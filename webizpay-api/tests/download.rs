//! Bill and proof files (`download_url`): fetched from the simulator with a
//! signed GET, streamed to the caller's writer and checked against the hash
//! the apply answer announced; refused before anything is sent when the URL
//! is not a WeChat Pay host or the hash type is unknown.

use std::time::Duration;

use chrono::{Days, NaiveDate};
use webizpay_api::simulator::{DOWNLOAD_VALIDITY_SECS, Simulator};
use webizpay_api::{
    ApplyProofRequest, ApplyTradeBillRequest, Client, Error, ErrorCode, TradeBillType,
};
use webizpay_api::{BillDate, DownloadError, Downloadable};

const SUB: &str = "43214321";

fn client(sim: &Simulator) -> Client {
    Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// Yesterday in China time, by the simulator's clock.
fn yesterday(sim: &Simulator) -> NaiveDate {
    BillDate::yesterday_at(&SimClock(sim.clock_offset()))
}

fn bill(sim: &Simulator) -> ApplyTradeBillRequest {
    ApplyTradeBillRequest::builder()
        .sub_mchid(SUB)
        .date(yesterday(sim))
        .r#type(TradeBillType::Qyzfall)
        .build()
}

#[tokio::test]
async fn a_bill_downloads_and_matches_its_hash() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let content = "交易时间,金额\n2025-04-23T10:00:00+08:00,100\n".repeat(1000);
    sim.set_trade_bill(SUB, yesterday(&sim), content.clone().into_bytes());
    let applied = client.apply_trade_bill(&bill(&sim)).await.unwrap();
    assert!(applied.download_url.starts_with(&sim.base_url()));
    assert_eq!(applied.hash_type.as_deref(), Some("SHA1"));
    let before = sim.request_count();
    let mut file = Vec::new();
    let done = client.download(applied.body(), &mut file).await.unwrap();
    assert_eq!(file, content.as_bytes());
    assert_eq!(done.bytes, content.len() as u64);
    assert_eq!(done.hash_checked.as_deref(), Some("SHA1"));
    assert!(done.request_id.is_some());
    // One signed GET of the URL's path and query, with an empty body.
    assert_eq!(sim.request_count(), before + 1);
    let get = sim.last_request().unwrap();
    assert_eq!(get.method, "GET");
    assert!(get.target.starts_with("/v3/billdownload/file?token="));
    assert!(
        get.header("authorization")
            .unwrap()
            .starts_with("WECHATPAY2-SHA256-RSA2048 ")
    );
    assert!(get.body.is_empty());
    // The file answer carries no signature, as WeChat Pay's does not.
    assert_eq!(get.status, Some(200));
}

#[tokio::test]
async fn the_default_bill_and_a_proof_download() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let applied = client.apply_trade_bill(&bill(&sim)).await.unwrap();
    let mut file = Vec::new();
    client.download(applied.body(), &mut file).await.unwrap();
    let text = String::from_utf8(file).unwrap();
    assert!(text.starts_with("创建时间,服务商商户号"), "{text}");

    let proof = client
        .apply_proof(
            &ApplyProofRequest::builder()
                .sub_mchid(SUB)
                .start_date(yesterday(&sim))
                .end_date(yesterday(&sim))
                .out_operation_id("operation12345678")
                .entity_name("某某科技有限公司")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(proof.expected_hash(), None, "a proof announces no hash");
    let mut file = Vec::new();
    let done = client.download(proof.body(), &mut file).await.unwrap();
    assert_eq!(done.hash_checked, None, "nothing to check against");
    let text = String::from_utf8(file).unwrap();
    assert!(text.contains(&proof.proof_id), "{text}");
}

#[tokio::test]
async fn a_file_that_does_not_match_its_hash_is_rejected() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    sim.set_trade_bill(SUB, yesterday(&sim), b"the announced bill\n".to_vec());
    let applied = client.apply_trade_bill(&bill(&sim)).await.unwrap();
    // The file changes between the answer and the download.
    sim.set_trade_bill(SUB, yesterday(&sim), b"another bill\n".to_vec());
    let mut file = Vec::new();
    let err = client
        .download(applied.body(), &mut file)
        .await
        .unwrap_err();
    let Error::Download(DownloadError::HashMismatch {
        hash_type,
        expected,
        actual,
    }) = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(hash_type, "SHA1");
    assert_eq!(Some(expected.as_str()), applied.hash_value.as_deref());
    assert_ne!(expected, actual);
    assert!(err.to_string().contains("discard"), "{err}");
}

/// A forged answer names a URL on another host: refused before anything
/// is signed or sent.
#[tokio::test]
async fn a_foreign_download_url_is_refused_before_anything_is_sent() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let applied = client
        .apply_trade_bill(&bill(&sim))
        .await
        .unwrap()
        .into_inner();
    let own_port = sim.addr().port();
    for url in [
        "https://evil.example.com/v3/billdownload/file?token=x".to_owned(),
        format!(
            "http://127.0.0.1:{}/v3/billdownload/file?token=x",
            own_port.wrapping_add(1)
        ),
        format!("ftp://127.0.0.1:{own_port}/v3/billdownload/file"),
        format!("http://user:pass@127.0.0.1:{own_port}/v3/billdownload/file"),
        "/v3/billdownload/file?token=x".to_owned(),
    ] {
        let forged = {
            let mut updated = applied.clone();
            updated.download_url = url.clone();
            updated
        };
        let before = sim.request_count();
        let mut file = Vec::new();
        let err = client.download(&forged, &mut file).await.unwrap_err();
        assert!(
            matches!(err, Error::Download(DownloadError::ForeignUrl { .. })),
            "{url}: {err:?}"
        );
        assert!(!err.may_have_been_sent(), "{url}");
        assert!(!err.to_string().contains("pass"), "{err}");
        assert_eq!(sim.request_count(), before, "{url}: nothing was sent");
        assert!(file.is_empty());
    }
    // An unknown hash type is refused the same way.
    let odd = {
        let mut updated = applied.clone();
        updated.hash_type = Some("MD5".into());
        updated
    };
    let before = sim.request_count();
    let err = client.download(&odd, &mut Vec::new()).await.unwrap_err();
    assert!(
        matches!(err, Error::Download(DownloadError::UnsupportedHash { .. })),
        "{err:?}"
    );
    assert_eq!(sim.request_count(), before);
}

#[tokio::test]
async fn an_expired_url_and_a_too_large_file_fail() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    sim.set_trade_bill(SUB, yesterday(&sim), vec![b'x'; 4096]);
    let applied = client.apply_trade_bill(&bill(&sim)).await.unwrap();

    let small = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .max_download_bytes(1000)
        .build()
        .unwrap();
    let err = small
        .download(applied.body(), &mut Vec::new())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Download(DownloadError::TooLarge { limit: 1000 })
        ),
        "{err:?}"
    );

    // 链接5分钟内有效.
    sim.set_clock_offset(DOWNLOAD_VALIDITY_SECS + 1);
    let client = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .clock(std::sync::Arc::new(SimClock(sim.clock_offset())))
        .build()
        .unwrap();
    let err = client
        .download(applied.body(), &mut Vec::new())
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((api.status, &api.code), (400, &ErrorCode::InvalidRequest));
    assert!(api.message.contains("expired"), "{}", api.message);
}

/// The system clock shifted like the simulator's.
#[derive(Debug)]
struct SimClock(i64);

impl webizpay_api::Clock for SimClock {
    fn now_unix(&self) -> i64 {
        webizpay_api::SystemClock.now_unix() + self.0
    }
}

#[tokio::test]
async fn bill_dates_are_checked_by_the_simulator() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let mut today = bill(&sim);
    today.date = yesterday(&sim).checked_add_days(Days::new(1)).unwrap();
    let err = client.apply_trade_bill(&today).await.unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.code, ErrorCode::InvalidRequest);
    assert!(api.message.starts_with("date"), "{}", api.message);
}

/// The names in `dir`, sorted.
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_download_to_a_path_appears_whole_and_only_once_checked() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.csv");
    let content = "交易时间,金额\n2025-04-23T10:00:00+08:00,100\n".repeat(500);
    sim.set_trade_bill(SUB, yesterday(&sim), content.clone().into_bytes());
    let applied = client.apply_trade_bill(&bill(&sim)).await.unwrap();
    let done = client
        .download_to_path(applied.body(), &path)
        .await
        .unwrap();
    assert_eq!(done.hash_checked.as_deref(), Some("SHA1"));
    assert_eq!(done.bytes, content.len() as u64);
    assert_eq!(std::fs::read(&path).unwrap(), content.as_bytes());
    assert_eq!(listing(dir.path()), ["bill.csv"], "no temporary file left");

    // A second download replaces the file, again whole.
    sim.set_trade_bill(SUB, yesterday(&sim), b"v2\n".to_vec());
    let applied = client.apply_trade_bill(&bill(&sim)).await.unwrap();
    client
        .download_to_path(applied.body(), &path)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"v2\n");
    assert_eq!(listing(dir.path()), ["bill.csv"]);
}

#[tokio::test]
async fn a_failed_download_to_a_path_leaves_nothing_behind() {
    let sim = Simulator::start().await.unwrap();
    let client = client(&sim);
    let dir = tempfile::tempdir().unwrap();

    // The hash does not match: no file at the path, no temporary file.
    sim.set_trade_bill(SUB, yesterday(&sim), b"the announced bill\n".to_vec());
    let applied = client.apply_trade_bill(&bill(&sim)).await.unwrap();
    sim.set_trade_bill(SUB, yesterday(&sim), b"another bill\n".to_vec());
    let fresh = dir.path().join("fresh.csv");
    let err = client
        .download_to_path(applied.body(), &fresh)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Download(DownloadError::HashMismatch { .. })),
        "{err:?}"
    );
    assert_eq!(listing(dir.path()), Vec::<String>::new());

    // An existing file is not touched by a failed download.
    let kept = dir.path().join("kept.csv");
    std::fs::write(&kept, b"yesterday's good copy").unwrap();
    let err = client
        .download_to_path(applied.body(), &kept)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Download(DownloadError::HashMismatch { .. })),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&kept).unwrap(), b"yesterday's good copy");
    assert_eq!(listing(dir.path()), ["kept.csv"]);

    // Too large: stopped mid-way, nothing left.
    sim.set_trade_bill(SUB, yesterday(&sim), vec![b'x'; 4096]);
    let applied = client.apply_trade_bill(&bill(&sim)).await.unwrap();
    let small = Client::builder(sim.client_config())
        .base_url(sim.base_url())
        .max_download_bytes(1000)
        .build()
        .unwrap();
    let err = small
        .download_to_path(applied.body(), dir.path().join("big.csv"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Download(DownloadError::TooLarge { limit: 1000 })
        ),
        "{err:?}"
    );
    assert_eq!(listing(dir.path()), ["kept.csv"]);

    // A directory that does not exist: the error names the path, nothing is sent.
    let before = sim.request_count();
    let missing = dir.path().join("no-such-dir").join("bill.csv");
    let err = client
        .download_to_path(applied.body(), &missing)
        .await
        .unwrap_err();
    let Error::Download(DownloadError::File { path, .. }) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, &missing);
    assert!(err.to_string().contains("no-such-dir"), "{err}");
    assert_eq!(sim.request_count(), before);
}
