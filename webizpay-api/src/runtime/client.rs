//! The HTTP client. STUB: being written.

use crate::runtime::error::Error;
use crate::runtime::operation::Operation;

/// A client.
#[derive(Clone, Debug)]
pub struct Client {}
/// Builds a client.
#[derive(Debug)]
pub struct ClientBuilder {}
/// Retry policy.
#[derive(Clone, Debug)]
pub struct RetryPolicy {}
/// A typed response with metadata.
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The body.
    pub data: T,
    /// Metadata.
    pub meta: ResponseMeta,
}
/// Response metadata.
#[derive(Clone, Debug)]
pub struct ResponseMeta {}

impl Client {
    /// Executes an operation.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<Response<O::Response>, Error> {
        let _ = request;
        todo!()
    }
}
