//! A minimal HTTP/1.1 server for the explorer stand-in: one thread per connection, one request
//! per connection (`Connection: close`), bodies with a known length.
//!
//! It replaced tiny_http, with which headless Chromium occasionally waited forever for an answer
//! (about 1 fetch in 80 under 8 concurrent requests; Python's http.server never hung with the
//! same client). Loopback only, for tests and the offline demo: no TLS, no keep-alive, no chunking.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// The largest request head accepted (request line + headers).
const MAX_HEAD_BYTES: u64 = 16 * 1024;

/// What the handler sees of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    /// The request target as sent (path and query).
    pub url: String,
}

/// What the handler answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Accepts connections forever, answering each with `handler` on its own thread.
pub fn serve(listener: &TcpListener, handler: Arc<dyn Fn(&HttpRequest) -> HttpResponse + Send + Sync>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let handler = Arc::clone(&handler);
        thread::spawn(move || {
            if let Err(e) = answer(stream, handler.as_ref()) {
                // A client that went away is not the server's problem; say it once and go on.
                eprintln!("spoor serve-chain: connection dropped: {e}");
            }
        });
    }
}

fn answer(stream: TcpStream, handler: &(dyn Fn(&HttpRequest) -> HttpResponse + Send + Sync)) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?).take(MAX_HEAD_BYTES);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Skip the headers: nothing in them changes the answer (GETs only, no bodies read).
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let response = match (parts.next(), parts.next()) {
        (Some(method), Some(url)) => handler(&HttpRequest {
            method: method.to_string(),
            url: url.to_string(),
        }),
        _ => HttpResponse {
            status: 400,
            headers: Vec::new(),
            body: b"Bad request".to_vec(),
        },
    };
    write_response(stream, &response)
}

fn write_response(mut stream: TcpStream, response: &HttpResponse) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    }
}
