//! `msdk-lookup serve` started on a free loopback port for a test, stopped when dropped, and a
//! plain HTTP/1.1 client for it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    // Kept open so that the server's prints never fail on a closed pipe.
    _stdout: BufReader<ChildStdout>,
}

impl Server {
    /// `msdk-lookup serve --addr 127.0.0.1:0 <extra>`, once it says where it listens.
    pub fn start(extra: &[&str]) -> Server {
        Server::spawn(Command::new(env!("CARGO_BIN_EXE_msdk-lookup")), extra)
    }

    /// [`Server::start`] in a process that may open at most `open_files` files (`ulimit -n`).
    pub fn start_with_open_files(open_files: u32, extra: &[&str]) -> Server {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("ulimit -n {open_files} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_msdk-lookup"));
        Server::spawn(command, extra)
    }

    fn spawn(mut command: Command, extra: &[&str]) -> Server {
        let mut child = command
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            // The page's fallback language is English unless a test gives `--locale`.
            .env_remove("LC_ALL")
            .env_remove("LANG")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("msdk-lookup serve starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("the server prints where it listens");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|addr| addr.parse().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("no address in the server's first line: {line:?}")
            });
        Server { child, addr, _stdout: stdout }
    }

    /// Whether the server's process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A GET of `target` (path and query, sent as given).
    pub fn get(&self, target: &str, headers: &[(&str, &str)]) -> Page {
        self.request("GET", target.as_bytes(), headers, b"")
    }

    /// A POST of a form body.
    pub fn post(&self, target: &str, body: &[u8]) -> Page {
        self.request("POST", target.as_bytes(), &[("Content-Type", "application/x-www-form-urlencoded")], body)
    }

    /// One request on its own connection; `target` may hold any bytes, as a client may send them.
    pub fn request(&self, method: &str, target: &[u8], headers: &[(&str, &str)], body: &[u8]) -> Page {
        let mut stream = TcpStream::connect(self.addr).expect("the server accepts");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("a timeout can be set");
        let mut head = Vec::new();
        head.extend_from_slice(method.as_bytes());
        head.push(b' ');
        head.extend_from_slice(target);
        head.extend_from_slice(format!(" HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr).as_bytes());
        for (name, value) in headers {
            head.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        head.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        stream.write_all(&head).expect("the request's head is sent");
        // A body the server refuses may be cut off by it: what matters is its answer, read on.
        let writer = {
            let mut stream = stream.try_clone().expect("the stream clones");
            let body = body.to_vec();
            std::thread::spawn(move || {
                let _ = stream.write_all(&body);
            })
        };
        let mut raw = Vec::new();
        let mut buffer = [0; 16 * 1024];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(read) => raw.extend_from_slice(&buffer[..read]),
                Err(_) if !raw.is_empty() => break,
                Err(err) => panic!("no answer to {method} {}: {err}", String::from_utf8_lossy(target)),
            }
        }
        let _ = stream.shutdown(std::net::Shutdown::Both);
        let _ = writer.join();
        Page::parse(&raw)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: status, headers (names in lower case) and body.
pub struct Page {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Page {
    fn parse(raw: &[u8]) -> Page {
        let end = raw.windows(4).position(|window| window == b"\r\n\r\n").expect("a whole HTTP head");
        let head = String::from_utf8_lossy(&raw[..end]);
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|code| code.parse().ok())
            .expect("a status line");
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect::<Vec<_>>();
        let mut body = raw[end + 4..].to_vec();
        if headers.iter().any(|(name, value)| name == "transfer-encoding" && value.contains("chunked")) {
            body = dechunk(&body);
        }
        Page { status, headers, body: String::from_utf8(body).expect("pages are UTF-8") }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(each, _)| each == name).map(|(_, value)| value.as_str())
    }

    /// The text of the element with this `id`, tags removed and entities decoded.
    pub fn text_of(&self, id: &str) -> Option<String> {
        let start = self.body.find(&format!(" id=\"{id}\""))?;
        let open = self.body[..start].rfind('<')?;
        let tag: String = self.body[open + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let close = format!("</{tag}>");
        let inner_start = start + self.body[start..].find('>')? + 1;
        // Nested elements of the same tag (tables in tables) are counted.
        let mut depth = 1;
        let mut at = inner_start;
        let open_tag = format!("<{tag}");
        while depth > 0 {
            let next_close = at + self.body[at..].find(&close)?;
            match self.body[at..next_close].find(&open_tag) {
                Some(offset) => {
                    depth += 1;
                    at += offset + open_tag.len();
                }
                None => {
                    depth -= 1;
                    at = next_close + close.len();
                }
            }
        }
        Some(plain_text(&self.body[inner_start..at - close.len()]))
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = body.windows(2).position(|window| window == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&body[..line_end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&body[line_end + 2..line_end + 2 + size]);
        body = &body[line_end + 2 + size + 2..];
    }
    out
}

/// HTML as text: tags dropped (a cell, row, paragraph or line break as a space), the five entities
/// the pages write decoded, spaces collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                let name: String =
                    name.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
                if ["td", "th", "tr", "table", "p", "br", "h1", "h2", "section", "div"].contains(&name.as_str()) {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(name), _) => name.push(c),
            (None, _) => out.push(c),
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
