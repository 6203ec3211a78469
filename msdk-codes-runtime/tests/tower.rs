//! The tower layer: MSDK bodies decoded into `Result<body, CallError>`, whatever the inner
//! service, with the transport's errors kept and the layer's `via` used.
#![cfg(feature = "tower")]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use msdk_codes_core::tower::DecodeLayer;
use msdk_codes_core::{CallError, Idempotence, Outcome};
use tower_layer::Layer as _;
use tower_service::Service;

msdk_codes_core::msdk_errors!(layers = [access, qq_platform, share_qq]);

/// An MSDK stand-in: answers `body`, or fails as a transport would; not ready when `busy`.
#[derive(Clone)]
struct StandIn {
    body: Result<Vec<u8>, &'static str>,
    busy: bool,
}

impl Service<&'static str> for StandIn {
    type Response = Vec<u8>;
    type Error = &'static str;
    type Future = std::future::Ready<Result<Vec<u8>, &'static str>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), &'static str>> {
        if self.busy { Poll::Ready(Err("connection pool closed")) } else { Poll::Ready(Ok(())) }
    }

    fn call(&mut self, _api: &'static str) -> Self::Future {
        std::future::ready(self.body.clone())
    }
}

type Answer = Result<Vec<u8>, CallError<&'static str, MsdkError>>;

fn answer(layer: DecodeLayer<MsdkError>, body: Result<&[u8], &'static str>) -> Answer {
    let mut service = layer.layer(StandIn { body: body.map(<[u8]>::to_vec), busy: false });
    match pin!(service.call("/share/qq")).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(answer) => answer,
        Poll::Pending => panic!("the stand-in answers at once"),
    }
}

#[test]
fn success_keeps_the_whole_body() {
    let body = br#"{"ret":0,"msg":"ok","lists":[1,2]}"#;
    assert_eq!(answer(DecodeLayer::new(), Ok(body)).unwrap(), body);
}

#[test]
fn an_msdk_failure_is_decoded_in_the_layers_via() {
    let body = br#"{"ret":-10000,"msg":"32, not friend"}"#;
    let Err(CallError::Failure(plain)) = answer(DecodeLayer::new(), Ok(body)) else { panic!() };
    assert!(plain.is_unknown(), "plain decoding does not search share_qq");
    let Err(CallError::Failure(via)) = answer(DecodeLayer::via(Layer::ShareQq), Ok(body)) else { panic!() };
    assert_eq!(via.error(), &MsdkError::ShareQq(ShareQqError::TargetNotFriendOrNotFollowing));
}

#[test]
fn a_proxy_page_and_a_transport_error_are_unknown_outcomes() {
    let page = answer(DecodeLayer::new(), Ok(b"<html>502 Bad Gateway</html>")).unwrap_err();
    assert!(matches!(page, CallError::BadBody(_)));
    assert_eq!(page.outcome(), Outcome::BadBody);
    assert!(!page.retry(Idempotence::NotIdempotent).is_retryable());
    let timeout = answer(DecodeLayer::new(), Err("request timed out")).unwrap_err();
    assert!(matches!(timeout, CallError::Transport("request timed out")));
    assert!(timeout.retry(Idempotence::Idempotent).is_retryable());
    assert!(timeout.retry(Idempotence::NotIdempotent).is_outcome_unknown());
}

#[test]
fn readiness_errors_are_transport_errors() {
    let mut service = DecodeLayer::<MsdkError>::new().layer(StandIn { body: Ok(Vec::new()), busy: true });
    let ready = service.poll_ready(&mut Context::from_waker(Waker::noop()));
    assert!(matches!(ready, Poll::Ready(Err(CallError::Transport("connection pool closed")))));
}
