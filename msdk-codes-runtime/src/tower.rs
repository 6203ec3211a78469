//! A tower layer that decodes MSDK bodies (feature `tower`).
//!
//! [`DecodeLayer`] wraps a service that answers an MSDK call with the body's bytes (an HTTP
//! client that reads the whole body, whatever the status), and turns the answer into
//! `Result<body, CallError<transport error, MsdkError>>`: the body when `ret` is 0, else MSDK's
//! [`Failure`], a body that is not an MSDK response, or the transport's error.
//! A retry policy then asks [`CallError::retry`] whether and when to call again, so tower's
//! `Retry`, `Timeout` and limits compose with the catalog's actions:
//!
//! ```text
//! ServiceBuilder::new()
//!     .retry(policy)                                 // asks CallError::retry, sleeps Retry::delay,
//!                                                    // spends a retry::budget::TpsBudget
//!     .layer(DecodeLayer::<MsdkError>::via(Layer::WechatPlatform))
//!     .timeout(Duration::from_secs(2))               // an Elapsed becomes CallError::Transport
//!     .concurrency_limit(64)                         // or .buffer(..).rate_limit(..): Retry clones
//!     .service(http_client)                          // answers the body's bytes
//! ```
//!
//! The decoding sits outside the timeout so that the policy sees one typed error: a timeout is a
//! `CallError::Transport`, whose outcome is unknown ([`Retry::outcome_unknown`](crate::Retry::outcome_unknown)).
//! The game-server example's `tests/tower_stack.rs` runs this stack, with a retry policy and
//! tower's retry budget.
//!
//! ```
//! msdk_codes_core::msdk_errors!(layers = [access, wechat_platform]);
//!
//! use core::future::Future;
//! use core::pin::pin;
//! use core::task::{Context, Poll, Waker};
//! use msdk_codes_core::tower::DecodeLayer;
//! use msdk_codes_core::{CallError, Idempotence};
//! use tower_layer::Layer as _;
//! use tower_service::Service;
//!
//! /// An MSDK that answers a frequency limit.
//! struct Limited;
//!
//! impl Service<&'static str> for Limited {
//!     type Response = &'static [u8];
//!     type Error = std::io::Error;
//!     type Future = core::future::Ready<Result<&'static [u8], std::io::Error>>;
//!     fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), std::io::Error>> {
//!         Poll::Ready(Ok(()))
//!     }
//!     fn call(&mut self, _api: &'static str) -> Self::Future {
//!         core::future::ready(Ok(br#"{"ret":-503,"msg":"frequency limit"}"#))
//!     }
//! }
//!
//! let mut service = DecodeLayer::<MsdkError>::new().layer(Limited);
//! let answer = pin!(service.call("/mpay/pay_m")).poll(&mut Context::from_waker(Waker::noop()));
//! let Poll::Ready(Err(CallError::Failure(failure))) = answer else { panic!("{answer:?}") };
//! assert_eq!(failure.name(), "FrequencyLimit");
//! assert!(CallError::<std::io::Error, _>::Failure(failure).retry(Idempotence::NotIdempotent).is_retryable());
//! ```

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{CallError, Failure, MsdkErrorEnum, Response};

/// Wraps a service in [`Decode`]: MSDK's answers decoded into `E`'s layers, the platform codes
/// in `via`'s when given (as `MsdkError::decode_in`).
pub struct DecodeLayer<E: MsdkErrorEnum> {
    via: Option<E::Layer>,
    error: PhantomData<fn() -> E>,
}

impl<E: MsdkErrorEnum> DecodeLayer<E> {
    /// Decodes as `MsdkError::decode`.
    pub fn new() -> DecodeLayer<E> {
        DecodeLayer { via: None, error: PhantomData }
    }

    /// Decodes as `MsdkError::decode_in(.., via)`, for an API whose platform codes belong to `via`.
    pub fn via(via: E::Layer) -> DecodeLayer<E> {
        DecodeLayer { via: Some(via), error: PhantomData }
    }
}

impl<E: MsdkErrorEnum> Default for DecodeLayer<E> {
    fn default() -> DecodeLayer<E> {
        DecodeLayer::new()
    }
}

impl<E: MsdkErrorEnum> Clone for DecodeLayer<E> {
    fn clone(&self) -> DecodeLayer<E> {
        DecodeLayer { via: self.via, error: PhantomData }
    }
}

impl<E: MsdkErrorEnum> fmt::Debug for DecodeLayer<E>
where
    E::Layer: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeLayer").field("via", &self.via).finish()
    }
}

impl<S, E: MsdkErrorEnum> tower_layer::Layer<S> for DecodeLayer<E> {
    type Service = Decode<S, E>;

    fn layer(&self, inner: S) -> Decode<S, E> {
        Decode { inner, via: self.via, error: PhantomData }
    }
}

/// A service whose answers are MSDK bodies, decoded: the body when `ret` is 0, else a
/// [`CallError`]. See [`DecodeLayer`].
pub struct Decode<S, E: MsdkErrorEnum> {
    inner: S,
    via: Option<E::Layer>,
    error: PhantomData<fn() -> E>,
}

impl<S: Clone, E: MsdkErrorEnum> Clone for Decode<S, E> {
    fn clone(&self) -> Decode<S, E> {
        Decode { inner: self.inner.clone(), via: self.via, error: PhantomData }
    }
}

impl<S: fmt::Debug, E: MsdkErrorEnum> fmt::Debug for Decode<S, E>
where
    E::Layer: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decode").field("inner", &self.inner).field("via", &self.via).finish()
    }
}

impl<S, E, Request> tower_service::Service<Request> for Decode<S, E>
where
    S: tower_service::Service<Request>,
    S::Response: AsRef<[u8]>,
    E: MsdkErrorEnum,
    E::Layer: Unpin,
{
    type Response = S::Response;
    type Error = CallError<S::Error, E>;
    type Future = Decoding<S::Future, E>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(CallError::Transport)
    }

    fn call(&mut self, request: Request) -> Decoding<S::Future, E> {
        Decoding { answer: Box::pin(self.inner.call(request)), via: self.via, error: PhantomData }
    }
}

/// The future of [`Decode`]: the inner answer, then its decoding. The inner future is boxed, so
/// that this one needs no pin projection (and no `unsafe`); an allocation beside a network call.
pub struct Decoding<F, E: MsdkErrorEnum> {
    answer: Pin<Box<F>>,
    via: Option<E::Layer>,
    error: PhantomData<fn() -> E>,
}

impl<F, E: MsdkErrorEnum> fmt::Debug for Decoding<F, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decoding").finish_non_exhaustive()
    }
}

impl<F, R, T, E> Future for Decoding<F, E>
where
    F: Future<Output = Result<R, T>>,
    R: AsRef<[u8]>,
    E: MsdkErrorEnum,
    E::Layer: Unpin,
{
    type Output = Result<R, CallError<T, E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let body = match this.answer.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Err(err)) => return Poll::Ready(Err(CallError::Transport(err))),
            Poll::Ready(Ok(body)) => body,
        };
        let response = match Response::from_json(body.as_ref()) {
            Ok(response) => response,
            Err(err) => return Poll::Ready(Err(CallError::BadBody(err))),
        };
        let failure = match this.via {
            Some(via) => Failure::<E>::from_response_in(response, via),
            None => Failure::<E>::from_response(response),
        };
        Poll::Ready(match failure {
            Some(failure) => Err(CallError::Failure(failure)),
            None => Ok(body),
        })
    }
}
