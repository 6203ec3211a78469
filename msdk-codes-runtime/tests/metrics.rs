//! The metrics of MSDK calls: counted once per call, by API and outcome, with its latency; the
//! failures by layer, name and action (an unknown code by the layer it was looked up in).
#![cfg(all(feature = "metrics", feature = "json"))]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use metrics::{
    Counter, CounterFn, Gauge, Histogram, HistogramFn, Key, KeyName, Metadata, Recorder, SharedString, Unit,
};
use msdk_codes_core::{CallError, CallMetrics, Failure, Idempotence, Outcome, Response};

msdk_codes_core::msdk_errors!(layers = [access, qq_platform, wechat_platform]);

/// Every series and what it was given: counters' totals, histograms' values.
#[derive(Clone, Default)]
struct Recorded(Arc<Mutex<BTreeMap<String, Vec<f64>>>>);

struct Series(String, Recorded);

impl CounterFn for Series {
    fn increment(&self, value: u64) {
        let mut all = self.1.0.lock().unwrap();
        let total = all.entry(self.0.clone()).or_insert_with(|| vec![0.0]);
        total[0] += value as f64;
    }
    fn absolute(&self, value: u64) {
        self.1.0.lock().unwrap().insert(self.0.clone(), vec![value as f64]);
    }
}

impl HistogramFn for Series {
    fn record(&self, value: f64) {
        self.1.0.lock().unwrap().entry(self.0.clone()).or_default().push(value);
    }
}

fn series(key: &Key) -> String {
    let labels: Vec<String> = key.labels().map(|label| format!("{}={}", label.key(), label.value())).collect();
    format!("{}{{{}}}", key.name(), labels.join(","))
}

impl Recorder for Recorded {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        Counter::from_arc(Arc::new(Series(series(key), self.clone())))
    }
    fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::noop()
    }
    fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
        Histogram::from_arc(Arc::new(Series(series(key), self.clone())))
    }
}

type Called = Result<Response, CallError<String, MsdkError>>;

/// The documented end of a call: its outcome and latency, its failure, a retry it gave up.
fn finished(metrics: &CallMetrics, api: &'static str, call: Idempotence, result: &Called, elapsed: Duration) {
    metrics.request(api, Outcome::of(result), elapsed);
    if let Err(err) = result {
        if let Some(failure) = err.failure() {
            metrics.failure(failure);
        }
        if err.retry(call).is_retryable() {
            metrics.retries_given_up(api);
        }
    }
}

fn failure(ret: i32, msg: &str) -> Called {
    Err(CallError::Failure(Failure::from_response(Response::new(ret, msg)).unwrap()))
}

#[test]
fn calls_are_counted_once_by_api_and_outcome_with_their_latency() {
    let recorded = Recorded::default();
    let metrics = CallMetrics::DEFAULT;
    metrics::with_local_recorder(&recorded, || {
        metrics.describe();
        let friends = "/relation/wxfriends_profile";
        let pay = "/mpay/pay_m";
        // 1000 calls that each met an expired token once, then succeeded: 1000 successes.
        for _ in 0..1000 {
            finished(
                &metrics,
                friends,
                Idempotence::Idempotent,
                &Ok(Response::new(0, "ok")),
                Duration::from_millis(30),
            );
        }
        finished(
            &metrics,
            friends,
            Idempotence::Idempotent,
            &failure(-20000, "-1,system error"),
            Duration::from_secs(3),
        );
        finished(&metrics, pay, Idempotence::NotIdempotent, &failure(-10000, "100099,new"), Duration::from_millis(5));
        for _ in 0..2 {
            // No answer: the attempt's counter, then the call's.
            metrics.transport_error(pay);
            let timed_out: Called = Err(CallError::Transport("timed out".to_owned()));
            finished(&metrics, pay, Idempotence::NotIdempotent, &timed_out, Duration::from_secs(1));
        }
        metrics.refresh_failed();
    });
    let all = recorded.0.lock().unwrap().clone();
    let total = |series: &str| all.get(series).map(|values| values[0]);
    assert_eq!(total("msdk_requests_total{api=/relation/wxfriends_profile,outcome=success}"), Some(1000.0));
    assert_eq!(total("msdk_requests_total{api=/relation/wxfriends_profile,outcome=failure}"), Some(1.0));
    assert_eq!(total("msdk_requests_total{api=/mpay/pay_m,outcome=failure}"), Some(1.0));
    assert_eq!(total("msdk_requests_total{api=/mpay/pay_m,outcome=transport}"), Some(2.0));
    let latencies = &all["msdk_request_duration_seconds{api=/relation/wxfriends_profile}"];
    assert_eq!(latencies.len(), 1001);
    assert_eq!(latencies.iter().filter(|&&seconds| seconds == 0.03).count(), 1000);
    assert_eq!(total("msdk_failures_total{layer=wechat_platform,name=SystemError,action=retry}"), Some(1.0));
    assert_eq!(total("msdk_failures_total{layer=qq_platform,name=Unknown,action=contact_support}"), Some(1.0));
    assert_eq!(total("msdk_transport_errors_total{api=/mpay/pay_m}"), Some(2.0));
    // The system error could have passed with another retry; the payments without answer were
    // not retried on purpose, and the unknown code cannot pass.
    assert_eq!(total("msdk_retries_given_up_total{api=/relation/wxfriends_profile}"), Some(1.0));
    assert_eq!(total("msdk_retries_given_up_total{api=/mpay/pay_m}"), None);
    assert_eq!(total("msdk_token_refresh_failures_total{}"), Some(1.0));
    assert_eq!(all.keys().filter(|key| key.starts_with("msdk_requests_total")).count(), 4);
}
