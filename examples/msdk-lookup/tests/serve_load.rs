//! `msdk-lookup serve` under hostile load: more connections than the process has file
//! descriptors, silent or half-sent; the longest searches, many at once. Each time a page still
//! loads, within a bound (not a benchmark: a bound that a stall would exceed many times over).

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::Server;

/// What a page load may take here, on a loaded debug build: far less than a stall would.
const BOUND: Duration = Duration::from_secs(3);

#[test]
fn a_page_loads_after_more_connections_than_the_process_has_descriptors() {
    let mut server = Server::start_with_open_files(64, &["--timeout", "1"]);
    // 150 connections: half say nothing, half send half a request and stop.
    let mut hostile = Vec::new();
    for n in 0..150 {
        let mut stream = TcpStream::connect(server.addr).expect("the kernel queues the connection");
        if n % 2 == 0 {
            stream.write_all(b"GET / HTTP/1.1\r\nHost: msdk-lookup\r\nAccept: ").expect("half a request is sent");
        }
        hostile.push(stream);
    }
    // Long enough for the server to run out of descriptors with them.
    std::thread::sleep(Duration::from_millis(500));
    assert!(server.is_running(), "the server outlives running out of descriptors");

    // Silent connections are closed after the timeout, a round of them at a time; the page's
    // connection waits its turn behind them, then gets its page.
    let started = Instant::now();
    let page = server.get("/", &[]);
    let took = started.elapsed();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<html"), "{}", page.body);
    let rounds = 150 / (64 - 16) + 1;
    assert!(took < Duration::from_secs(rounds + 1) + BOUND, "{took:?} for {rounds} rounds of 1 s");
    assert!(server.is_running());
    drop(hostile);
    let page = server.get("/search?q=-303", &[]);
    assert_eq!(page.status, 200);
}

/// The status of a GET of `target`, on a connection of its own.
fn status_of(addr: SocketAddr, target: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let head = String::from_utf8_lossy(&answer[..answer.len().min(32)]).into_owned();
    head.split(' ').nth(1).and_then(|status| status.parse().ok()).unwrap_or_else(|| panic!("{head}"))
}

/// The longest search the page accepts: 8 words, 200 characters, each word in many texts.
fn longest_query() -> String {
    let words = ["the", "token", "access", "invalid", "request", "please", "error", "code"];
    let mut query = words.join("+");
    while query.len() < 200 {
        query.push('e');
    }
    query.truncate(200);
    query
}

#[test]
fn a_page_loads_beside_the_longest_searches() {
    let server = Server::start(&[]);
    let query = longest_query();
    assert_eq!(server.get(&format!("/search?q={query}"), &[]).status, 200, "the longest search is served");
    let searching = Instant::now();
    let searches: Vec<_> = (0..4)
        .map(|_| {
            let (addr, query) = (server.addr, query.clone());
            std::thread::spawn(move || {
                let mut served = 0;
                while searching.elapsed() < Duration::from_secs(3) {
                    assert_eq!(status_of(addr, &format!("/search?q={query}")), 200);
                    served += 1;
                }
                served
            })
        })
        .collect();
    let mut slowest = Duration::ZERO;
    while searching.elapsed() < Duration::from_secs(3) {
        let started = Instant::now();
        let page = server.get("/code/access/-303", &[]);
        slowest = slowest.max(started.elapsed());
        assert_eq!(page.status, 200);
        std::thread::sleep(Duration::from_millis(100));
    }
    let served: u32 = searches.into_iter().map(|search| search.join().unwrap()).sum();
    assert!(served >= 4, "the searches ran beside the pages: {served}");
    assert!(slowest < BOUND, "a page took {slowest:?} beside the searches");

    // A longer search is refused before any work, and says how long one may be.
    let started = Instant::now();
    let long = server.get(&format!("/search?q={}", "word+".repeat(13_000)), &[]);
    assert_eq!(long.status, 400);
    assert!(long.body.contains("up to 8 words and 200 characters"), "{}", long.body);
    assert!(started.elapsed() < BOUND);
}

#[test]
fn pages_with_typed_or_pasted_text_are_not_stored_and_keep_it_out_of_links() {
    let server = Server::start(&[]);
    let secret = "access_token=0AB1C2D3E4F5";
    for page in [
        server.get(&format!("/decode?ret=-10000&msg=100030%20{secret}"), &[]),
        server.post("/decode", format!("ret=-10000&msg=100030+{secret}&lang=en").as_bytes()),
        server.get("/search?q=token", &[]),
    ] {
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(page.header("cache-control"), Some("no-store"));
        let links: Vec<&str> = page.body.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
        assert!(links.iter().all(|link| !link.contains("0AB1C2") && !link.contains("100030")), "{links:?}");
    }
    // A page of the catalog itself may be kept.
    assert_eq!(server.get("/code/access/-303", &[]).header("cache-control"), None);
}
