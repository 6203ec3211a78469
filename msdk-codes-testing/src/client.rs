//! A plain HTTP/1 client for tests: one request, one connection, a deadline for the whole of it.

use std::fmt;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::{CONTENT_TYPE, HOST, HeaderValue};
use hyper::{Method, Request, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// What a request got: the status and the whole body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The HTTP status (`200`, `502`).
    pub status: u16,
    /// The whole body.
    pub body: Vec<u8>,
}

impl Fetched {
    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Why a request got no whole answer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// No whole answer before the deadline.
    Timeout(Duration),
    /// The URL is not `http://host:port/...`.
    Url(String),
    /// No connection.
    Connect(String),
    /// The connection failed during the exchange: closed before an answer, or in the middle of
    /// the body.
    Exchange(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Timeout(deadline) => write!(f, "no answer within {deadline:?}"),
            FetchError::Url(why) => write!(f, "not an http URL: {why}"),
            FetchError::Connect(why) => write!(f, "no connection: {why}"),
            FetchError::Exchange(why) => write!(f, "the exchange failed: {why}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// GETs `url` (`http://127.0.0.1:port/path?query`); the whole exchange within `deadline`.
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// use std::time::Duration;
/// use msdk_codes_testing::{StandIn, get};
///
/// let stand_in = StandIn::start().await.unwrap();
/// let fetched = get(&format!("{}/auth/check_token", stand_in.url()), Duration::from_secs(5)).await.unwrap();
/// assert_eq!((fetched.status, fetched.text().as_str()), (200, r#"{"ret":0,"msg":"success"}"#));
/// # });
/// ```
pub async fn get(url: &str, deadline: Duration) -> Result<Fetched, FetchError> {
    fetch(Method::GET, url, None, deadline).await
}

/// POSTs the JSON `body` to `url`, as MSDK's APIs are called; the whole exchange within
/// `deadline`.
pub async fn post_json(url: &str, body: &str, deadline: Duration) -> Result<Fetched, FetchError> {
    fetch(Method::POST, url, Some(body.to_owned()), deadline).await
}

async fn fetch(method: Method, url: &str, body: Option<String>, deadline: Duration) -> Result<Fetched, FetchError> {
    match tokio::time::timeout(deadline, exchange(method, url, body)).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout(deadline)),
    }
}

async fn exchange(method: Method, url: &str, body: Option<String>) -> Result<Fetched, FetchError> {
    let uri: Uri = url.parse().map_err(|err| FetchError::Url(format!("{url}: {err}")))?;
    if uri.scheme_str() != Some("http") {
        return Err(FetchError::Url(format!("{url}: only http")));
    }
    let authority = uri.authority().ok_or_else(|| FetchError::Url(format!("{url}: no host")))?.clone();
    let port = authority.port_u16().unwrap_or(80);
    let stream =
        TcpStream::connect((authority.host(), port)).await.map_err(|err| FetchError::Connect(err.to_string()))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|err| FetchError::Connect(err.to_string()))?;
    // The connection is driven beside the request, and stops with it, also when the deadline
    // drops this future.
    let _driver = AbortOnDrop(tokio::spawn(connection));
    let path = uri.path_and_query().map_or("/", |path| path.as_str());
    let is_json = body.is_some();
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .body(Full::new(Bytes::from(body.unwrap_or_default())))
        .map_err(|err| FetchError::Url(err.to_string()))?;
    let host = HeaderValue::from_str(authority.as_str()).map_err(|err| FetchError::Url(err.to_string()))?;
    request.headers_mut().insert(HOST, host);
    if is_json {
        request.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    let response = sender.send_request(request).await.map_err(|err| FetchError::Exchange(err.to_string()))?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.map_err(|err| FetchError::Exchange(err.to_string()))?;
    Ok(Fetched { status, body: body.to_bytes().to_vec() })
}

/// A task that stops when its handle is dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
