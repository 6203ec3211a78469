//! The stand-in server: HTTP/1 on a free loopback port, answering every path by its script.

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Limited};
use hyper::body::{Body, Bytes, Frame, Incoming};
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use crate::script::{Reply, Script};

/// The path of MSDK's token refresh, answered with a [`Reply::NewToken`] unless scripted.
pub const REFRESH_PATH: &str = "/auth/refresh_token";

/// The longest a [`Reply::Hang`] or a [`Reply::Delayed`] holds a connection, so that a test that
/// forgets its deadline still ends.
pub const LONGEST_HOLD: Duration = Duration::from_secs(600);

/// The largest request body the stand-in reads; a larger one is answered with HTTP 413.
pub const LARGEST_REQUEST: usize = 1 << 20;

/// How long the stand-in waits for a request's head, and then for its body: a client that stalls
/// longer loses its connection (head) or gets HTTP 408 (body).
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(30);

/// An MSDK backend for tests: an HTTP server on `127.0.0.1`, on a free port, that answers every
/// path by its script and records the requests it got. It runs as a task of the current tokio
/// runtime and stops when dropped.
///
/// Which script answers a request, the first that applies:
///
/// 1. the script of the request's access token on its path ([`StandIn::script_token_on`]), then
///    on any path but [`REFRESH_PATH`] ([`StandIn::script_token`]): the token is the
///    `access_token` (or `token`) query parameter, else the same field of a JSON body;
/// 2. the script of its path ([`StandIn::script`]);
/// 3. [`REFRESH_PATH`] gets a new token;
/// 4. the script of every other path ([`StandIn::script_any`]), a success unless set.
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// use msdk_codes_testing::{Reply, Script, StandIn};
///
/// let stand_in = StandIn::start().await.unwrap();
/// let limited = Reply::json(r#"{"ret":-503,"msg":"frequency limit","err_type":1}"#);
/// stand_in.script("/mpay/pay_m", Script::times(2, limited));
/// assert!(stand_in.url().starts_with("http://127.0.0.1:"));
/// assert_eq!(stand_in.calls("/mpay/pay_m"), 0);
/// # });
/// ```
pub struct StandIn {
    addr: SocketAddr,
    state: Arc<State>,
    server: JoinHandle<()>,
}

/// A request the stand-in got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query, without `?`; empty when there is none.
    pub query: String,
    /// The access token the request carried, if any.
    pub token: Option<String>,
    /// The request's body, as text (lossy).
    pub body: String,
    /// When it arrived.
    pub at: Instant,
}

#[derive(Default)]
struct State {
    scripts: Mutex<Scripts>,
    requests: Mutex<Vec<Recorded>>,
    tokens_issued: Mutex<u64>,
}

#[derive(Default)]
struct Scripts {
    paths: HashMap<String, Script>,
    tokens: HashMap<(String, Option<String>), Script>,
    any: Option<Script>,
}

/// Locks a mutex that a panicking test thread may have poisoned: the data is plain and stays usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl StandIn {
    /// Starts a stand-in on a free port of `127.0.0.1`, as a task of the current tokio runtime
    /// (which needs its `net` and `time` drivers: `enable_all()`).
    pub async fn start() -> io::Result<StandIn> {
        // A long queue of connections not yet accepted: a load test's burst is not dropped (and
        // retransmitted seconds later) before the stand-in gets to it.
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind((Ipv4Addr::LOCALHOST, 0).into())?;
        let listener = socket.listen(4096)?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::default());
        let server = tokio::spawn(serve(listener, state.clone()));
        Ok(StandIn { addr, state, server })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its base URL, `http://127.0.0.1:<port>`, to which a path is appended.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answers requests to `path` (`/share/qq`) by `script`, from now on.
    pub fn script(&self, path: &str, script: impl Into<Script>) {
        lock(&self.state.scripts).paths.insert(path.to_owned(), script.into());
    }

    /// Answers every request that carries `token`, on any path but [`REFRESH_PATH`], by `script`:
    /// an expired token answered with `CredentialInvalid` until the client refreshes it.
    pub fn script_token(&self, token: &str, script: impl Into<Script>) {
        lock(&self.state.scripts).tokens.insert((token.to_owned(), None), script.into());
    }

    /// Answers requests to `path` that carry `token` by `script`.
    pub fn script_token_on(&self, path: &str, token: &str, script: impl Into<Script>) {
        lock(&self.state.scripts).tokens.insert((token.to_owned(), Some(path.to_owned())), script.into());
    }

    /// Answers requests to every path without a script of its own (but [`REFRESH_PATH`]) by
    /// `script`.
    pub fn script_any(&self, script: impl Into<Script>) {
        lock(&self.state.scripts).any = Some(script.into());
    }

    /// Forgets every script: every path answers success again, [`REFRESH_PATH`] a new token.
    pub fn clear_scripts(&self) {
        *lock(&self.state.scripts) = Scripts::default();
    }

    /// Every request so far, in the order they arrived.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.state.requests).clone()
    }

    /// How many requests there were so far.
    pub fn request_count(&self) -> usize {
        lock(&self.state.requests).len()
    }

    /// How many requests `path` got.
    pub fn calls(&self, path: &str) -> usize {
        lock(&self.state.requests).iter().filter(|request| request.path == path).count()
    }

    /// How many token refreshes ([`REFRESH_PATH`]) were asked for.
    pub fn refreshes(&self) -> usize {
        self.calls(REFRESH_PATH)
    }

    /// The access tokens issued so far by [`Reply::NewToken`].
    pub fn tokens_issued(&self) -> u64 {
        *lock(&self.state.tokens_issued)
    }

    /// Stops the server and waits until it has: its port refuses connections from then on.
    /// Dropping the stand-in stops it too, as soon as the runtime gets to it.
    pub async fn stop(mut self) {
        self.server.abort();
        let server = std::mem::replace(&mut self.server, tokio::spawn(async {}));
        let _ = server.await;
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        // The connections are tasks of the server's own set: they stop with it.
        self.server.abort();
    }
}

impl std::fmt::Debug for StandIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StandIn").field("addr", &self.addr).field("requests", &self.request_count()).finish()
    }
}

async fn serve(listener: TcpListener, state: Arc<State>) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was accepted: try again
            // shortly rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let state = state.clone();
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |request| answer(state.clone(), request));
            // A connection that ends in an error (a fault this stand-in made, or a client that
            // left) ends; the server goes on.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(REQUEST_DEADLINE)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
        while connections.try_join_next().is_some() {}
    }
}

/// The error that makes hyper drop a connection without an answer.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the stand-in closes the connection, as scripted")
    }
}

impl std::error::Error for Dropped {}

async fn answer(state: Arc<State>, request: Request<Incoming>) -> Result<Response<Answer>, Dropped> {
    let at = Instant::now();
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or("").to_owned();
    let read = tokio::time::timeout(REQUEST_DEADLINE, Limited::new(request.into_body(), LARGEST_REQUEST).collect());
    let body = match read.await {
        Ok(Ok(body)) => String::from_utf8_lossy(&body.to_bytes()).into_owned(),
        Ok(Err(_)) => return Ok(status(StatusCode::PAYLOAD_TOO_LARGE, "request body too large")),
        Err(_) => return Ok(status(StatusCode::REQUEST_TIMEOUT, "request body too slow")),
    };
    let token = token_in(&query, &body);
    let reply = state.reply_to(&path, token.as_deref());
    lock(&state.requests).push(Recorded { method, path, query, token, body, at });
    state.respond(reply).await
}

impl State {
    fn reply_to(&self, path: &str, token: Option<&str>) -> Reply {
        let mut scripts = lock(&self.scripts);
        let Scripts { paths, tokens, any } = &mut *scripts;
        if let Some(token) = token {
            let on_path = (token.to_owned(), Some(path.to_owned()));
            if let Some(script) = tokens.get_mut(&on_path) {
                return script.next_reply();
            }
            // A token's script on every path leaves the refresh alone: refreshing is how a client
            // gets past an expired token.
            if path != REFRESH_PATH
                && let Some(script) = tokens.get_mut(&(token.to_owned(), None))
            {
                return script.next_reply();
            }
        }
        if let Some(script) = paths.get_mut(path) {
            return script.next_reply();
        }
        if path == REFRESH_PATH {
            return Reply::NewToken;
        }
        any.as_mut().map_or_else(Reply::success, Script::next_reply)
    }

    async fn respond(&self, mut reply: Reply) -> Result<Response<Answer>, Dropped> {
        let mut waited = Duration::ZERO;
        loop {
            match reply {
                Reply::Delayed(latency, next) => {
                    let latency = latency.min(LONGEST_HOLD.saturating_sub(waited));
                    tokio::time::sleep(latency).await;
                    waited += latency;
                    reply = *next;
                }
                Reply::Json(body) => return Ok(json(body)),
                Reply::NewToken => {
                    let issued = {
                        let mut issued = lock(&self.tokens_issued);
                        *issued += 1;
                        *issued
                    };
                    let body = format!(
                        r#"{{"ret":0,"msg":"success","access_token":"standin-token-{issued}","expires_in":7200}}"#
                    );
                    return Ok(json(body));
                }
                Reply::BadGateway => {
                    let mut response = status(StatusCode::BAD_GATEWAY, BAD_GATEWAY_PAGE);
                    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
                    return Ok(response);
                }
                Reply::Truncated(body) => {
                    let mut response = json(String::new());
                    let length = body.len();
                    let half = body.into_bytes().into_iter().take(length / 2).collect::<Vec<u8>>();
                    *response.body_mut() = Answer { data: Some(Bytes::from(half)), cut: true };
                    response.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from(length));
                    return Ok(response);
                }
                Reply::Closed => return Err(Dropped),
                Reply::Hang => {
                    tokio::time::sleep(LONGEST_HOLD.saturating_sub(waited)).await;
                    return Err(Dropped);
                }
            }
        }
    }
}

/// What a proxy in front of MSDK answers when MSDK is down.
const BAD_GATEWAY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

fn json(body: String) -> Response<Answer> {
    let mut response = Response::new(Answer { data: Some(Bytes::from(body)), cut: false });
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn status(status: StatusCode, text: &'static str) -> Response<Answer> {
    let mut response = Response::new(Answer { data: Some(Bytes::from_static(text.as_bytes())), cut: false });
    *response.status_mut() = status;
    response
}

/// The access token of a request: the `access_token` or `token` query parameter, else the same
/// field of a JSON body.
fn token_in(query: &str, body: &str) -> Option<String> {
    let in_query = query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        matches!(name, "access_token" | "token").then(|| value.to_owned())
    });
    in_query.or_else(|| {
        let body: serde_json::Value = serde_json::from_str(body).ok()?;
        let token = body.get("access_token").or_else(|| body.get("token"))?;
        token.as_str().map(str::to_owned)
    })
}

/// A response body: its bytes in one frame, then, when `cut`, an error that makes hyper drop the
/// connection before the announced length was sent.
struct Answer {
    data: Option<Bytes>,
    cut: bool,
}

impl Body for Answer {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match self.data.take() {
            Some(data) => Poll::Ready(Some(Ok(Frame::data(data)))),
            None if self.cut => {
                self.cut = false;
                Poll::Ready(Some(Err(Box::new(Dropped))))
            }
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none() && !self.cut
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match (&self.data, self.cut) {
            (Some(data), false) => hyper::body::SizeHint::with_exact(data.len() as u64),
            _ => hyper::body::SizeHint::default(),
        }
    }
}
