//! The game server's JSON log lines captured in memory, for the tests and the load benchmark
//! (`examples/load.rs` includes this file by path): each includer uses part of it.
#![allow(dead_code)]

use std::io::Write;
use std::sync::{Arc, Mutex};

use game_server::json_logs_at;
use serde_json::Value;

/// Where the log lines go: a buffer that the test reads.
#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    /// Captures every event of this thread, down to `DEBUG` (the HTTP client's too), until the
    /// guard is dropped.
    pub fn capture() -> (Logs, tracing::subscriber::DefaultGuard) {
        let logs = Logs::default();
        let guard = tracing::subscriber::set_default(logs.subscriber(tracing::Level::DEBUG));
        (logs, guard)
    }

    /// The game server's JSON subscriber, down to `level`, writing here.
    pub fn subscriber(&self, level: tracing::Level) -> impl tracing::Subscriber + Send + Sync + use<> {
        let writer = self.clone();
        json_logs_at(move || writer.clone(), level)
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }

    /// Every line so far, each a JSON object.
    pub fn lines(&self) -> Vec<Value> {
        parse(&self.text())
    }

    /// Every line so far, which are then forgotten.
    pub fn take(&self) -> Vec<Value> {
        let bytes = std::mem::take(&mut *self.0.lock().unwrap());
        parse(&String::from_utf8(bytes).unwrap())
    }
}

fn parse(text: &str) -> Vec<Value> {
    text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}"))).collect()
}
