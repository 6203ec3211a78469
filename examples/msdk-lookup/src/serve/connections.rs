//! The server's connections under hostile load: a bounded number at once, each closed when its
//! client is silent too long or too slow to send a request's headers, and an accept loop that
//! outlives running out of file descriptors.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};

/// What bounds the connections.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The most connections served at once; the next ones wait in the listen queue.
    pub connections: usize,
    /// How long a client may take to send a request's headers, and stay silent on a connection.
    pub timeout: Duration,
}

/// How long the accept loop waits after an error that is not the client's (out of file
/// descriptors, of memory), for connections to close before it tries again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Serves `router` on `listener` within `limits`, until the process ends.
pub async fn serve(listener: TcpListener, router: Router, limits: Limits) {
    let slots = Arc::new(Semaphore::new(limits.connections));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else { return };
        let stream = accept(&listener).await;
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.timeout)
                .serve_connection(TokioIo::new(Silence::new(stream, limits.timeout)), service);
            // A client that goes away or times out is nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// The next connection. An error of one connection (reset before it was accepted) moves on to
/// the next; any other (no file descriptor left) waits for connections to close, instead of
/// ending the server.
async fn accept(listener: &TcpListener) -> TcpStream {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                let _ = stream.set_nodelay(true);
                return stream;
            }
            Err(err) if is_the_clients(&err) => {}
            Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
        }
    }
}

fn is_the_clients(err: &io::Error) -> bool {
    matches!(err.kind(), io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset | io::ErrorKind::Interrupted)
}

/// A connection that fails with `TimedOut` once nothing was read or written for `limit` while
/// the server waits on it: a client that opens connections and says nothing does not hold them.
struct Silence {
    stream: TcpStream,
    limit: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl Silence {
    fn new(stream: TcpStream, limit: Duration) -> Silence {
        Silence { stream, limit, deadline: Box::pin(tokio::time::sleep(limit)) }
    }

    /// After an attempt to read or write: progress moves the deadline; waiting past it fails.
    fn watch<T>(&mut self, attempt: Poll<io::Result<T>>, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        match attempt {
            Poll::Ready(result) => {
                self.deadline.as_mut().reset(Instant::now() + self.limit);
                Poll::Ready(result)
            }
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the client is silent"))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

use std::future::Future as _;

impl AsyncRead for Silence {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let attempt = Pin::new(&mut self.stream).poll_read(cx, buf);
        self.watch(attempt, cx)
    }
}

impl AsyncWrite for Silence {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bytes: &[u8]) -> Poll<io::Result<usize>> {
        let attempt = Pin::new(&mut self.stream).poll_write(cx, bytes);
        self.watch(attempt, cx)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let attempt = Pin::new(&mut self.stream).poll_flush(cx);
        self.watch(attempt, cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let attempt = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.watch(attempt, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
