//! `serve`: the lookup as a web page for people without a terminal. The same catalog (extended by
//! a team's files with `--extend`) and the same decoding as `explain`, rendered on the server.
//! It binds to loopback unless told otherwise and answers only its own pages.

mod connections;
pub(crate) mod index;
mod page;
mod words;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response as HttpResponse};
use axum::routing::get;
use msdk_codes_core::{Locale, Response};
use percent_encoding::percent_decode;

use crate::catalog::Layer;
use crate::{Report, cli};
use index::{Index, Query};
use page::{Filled, Here};
use words::words;

/// The largest request body read: a response body pasted into the page is far smaller.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The longest search, in characters and in words: longer ones are refused before any work, so
/// that no search holds a thread for long.
pub const QUERY_CHARS: usize = 200;
pub const QUERY_WORDS: usize = 8;

/// The threads that run searches, beside the one serving pages: a search never delays a page.
const SEARCH_THREADS: usize = 2;

/// How long a whole request may take, its body read included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub fn run(args: &cli::Serve, locale: Locale) -> Report {
    let addr = args.addr;
    let index = match &args.extend {
        None => Index::bundled(),
        Some(paths) => {
            let paths: Vec<&PathBuf> = paths.iter().collect();
            let team = match crate::check::read(&paths) {
                Ok(team) => team,
                Err(message) => return Report::bad_input(message),
            };
            match Index::extended(team) {
                Ok(index) => index,
                Err(problems) => {
                    let mut err: String = problems.iter().map(|problem| format!("{problem}\n")).collect();
                    err.push_str("error: the team's files have problems (see `msdk-lookup check --extend`)\n");
                    return Report { out: String::new(), err, status: 2 };
                }
            }
        }
    };
    let limits = connections::Limits {
        connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        timeout: Duration::from_secs(args.timeout),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(SEARCH_THREADS)
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => return Report::bad_input(format!("cannot start the server: {err}")),
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(listener) => listener,
            Err(err) => return Report::bad_input(format!("cannot listen on {addr}: {err}")),
        };
        let bound = listener.local_addr().unwrap_or(addr);
        // The first line says where to go; the tests read the port from it.
        println!("msdk-lookup serving on http://{bound}/ (Ctrl-C stops it)");
        if !bound.ip().is_loopback() {
            eprintln!("warning: {bound} is not a loopback address: other machines can reach this page");
        }
        connections::serve(listener, router(Arc::new(App { index, fallback: locale })), limits).await;
        Report::ok(String::new())
    })
}

/// What every page reads: the catalog, and the language of a browser that asks for none of the four.
struct App {
    index: Index,
    fallback: Locale,
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/decode", get(decode_get).post(decode_post))
        .route("/code/{layer}/{code}", get(code_page))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(within_time))
        .with_state(app)
}

/// The request, or `408 Request Timeout` when it takes longer than [`REQUEST_TIMEOUT`] (a body
/// sent a byte at a time).
async fn within_time(request: axum::extract::Request, next: axum::middleware::Next) -> HttpResponse {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// A page that shows text its visitor typed or pasted (a search, a response from a production
/// log): kept out of every cache.
fn private(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

type Shared = State<Arc<App>>;

/// A page, with headers that keep the browser to it: no script, no other origin, no framing.
fn html(status: StatusCode, body: String) -> HttpResponse {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// The pairs of a query string or a form body, decoded; `None` when a name or value is not UTF-8.
fn pairs(encoded: &[u8]) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    for pair in encoded.split(|&byte| byte == b'&').filter(|pair| !pair.is_empty()) {
        let (name, value) = match pair.iter().position(|&byte| byte == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &[][..]),
        };
        out.push((form_decode(name)?, form_decode(value)?));
    }
    Some(out)
}

fn form_decode(encoded: &[u8]) -> Option<String> {
    let spaced: Vec<u8> = encoded.iter().map(|&byte| if byte == b'+' { b' ' } else { byte }).collect();
    percent_decode(&spaced).decode_utf8().ok().map(|text| text.into_owned())
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(each, _)| each == name).map(|(_, value)| value.as_str())
}

/// The page's language: `lang` in the URL, else the first of the browser's languages (by its
/// `q` weights) that the catalog has, else `fallback` (`--locale`, else English).
fn language(pairs: &[(String, String)], headers: &HeaderMap, fallback: Locale) -> Locale {
    if let Some(locale) = value(pairs, "lang").and_then(Locale::from_tag) {
        return locale;
    }
    let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let mut ranked: Vec<(u32, Locale)> = accepted
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let locale = parts.next()?.trim().parse::<Locale>().ok()?;
            let weight = parts
                .find_map(|part| part.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (weight > 0.0).then_some(((weight.min(1.0) * 1000.0) as u32, locale))
        })
        .collect();
    ranked.sort_by_key(|&(weight, _)| std::cmp::Reverse(weight));
    ranked.first().map_or(fallback, |&(_, locale)| locale)
}

/// The query of the URL, or the page that says it is not UTF-8.
fn query_pairs(
    uri: &Uri,
    headers: &HeaderMap,
    app: &App,
    path: &str,
) -> Result<Vec<(String, String)>, Box<HttpResponse>> {
    pairs(uri.query().unwrap_or_default().as_bytes()).ok_or_else(|| {
        let locale = language(&[], headers, app.fallback);
        Box::new(problem_page(locale, &app.index, path, StatusCode::BAD_REQUEST, words(locale).bad_utf8))
    })
}

fn problem_page(locale: Locale, index: &Index, path: &str, status: StatusCode, message: &str) -> HttpResponse {
    let here = Here { path, params: Vec::new(), pasted: false };
    let body = page::layout(locale, message, &here, &Filled::default(), index, page::problem(message));
    html(status, body)
}

async fn home(State(app): Shared, uri: Uri, headers: HeaderMap) -> HttpResponse {
    let index = &app.index;
    let pairs = match query_pairs(&uri, &headers, &app, "/") {
        Ok(pairs) => pairs,
        Err(page) => return *page,
    };
    let locale = language(&pairs, &headers, app.fallback);
    let here = Here { path: "/", params: Vec::new(), pasted: false };
    html(
        StatusCode::OK,
        page::layout(locale, words(locale).search_button, &here, &Filled::default(), index, page::home(locale, index)),
    )
}

async fn search(state: Shared, uri: Uri, headers: HeaderMap) -> HttpResponse {
    private(search_page(state, uri, headers).await)
}

async fn search_page(State(app): Shared, uri: Uri, headers: HeaderMap) -> HttpResponse {
    let index = &app.index;
    let pairs = match query_pairs(&uri, &headers, &app, "/search") {
        Ok(pairs) => pairs,
        Err(page) => return *page,
    };
    let locale = language(&pairs, &headers, app.fallback);
    let w = words(locale);
    let text = value(&pairs, "q").unwrap_or_default();
    let filled = Filled { query: text.to_owned(), ..Filled::default() };
    let here = Here { path: "/search", params: vec![("q", text.to_owned())], pasted: false };
    if text.trim().chars().count() > QUERY_CHARS || text.split_whitespace().count() > QUERY_WORDS {
        let filled = Filled::default();
        let body = page::layout(locale, w.search_button, &here, &filled, index, page::problem(w.long_query));
        return html(StatusCode::BAD_REQUEST, body);
    }
    let Some(query) = Query::parse(text) else {
        let body = page::layout(locale, w.search_button, &here, &filled, index, page::problem(w.empty_query));
        return html(StatusCode::BAD_REQUEST, body);
    };
    // On a search thread: the serving thread goes on with other pages meanwhile.
    let searching = app.clone();
    let main = tokio::task::spawn_blocking(move || {
        let found = searching.index.search(&query);
        page::results(locale, &searching.index, &found)
    })
    .await;
    match main {
        Ok(main) => html(StatusCode::OK, page::layout(locale, text.trim(), &here, &filled, index, main)),
        Err(_) => problem_page(locale, index, "/", StatusCode::INTERNAL_SERVER_ERROR, w.search_failed),
    }
}

async fn decode_get(State(app): Shared, uri: Uri, headers: HeaderMap) -> HttpResponse {
    private(match query_pairs(&uri, &headers, &app, "/decode") {
        Ok(pairs) => decode_page(&app, &pairs, &headers),
        Err(page) => *page,
    })
}

async fn decode_post(
    state: Shared,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> HttpResponse {
    private(decode_form_page(state, uri, headers, body))
}

fn decode_form_page(
    State(app): Shared,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> HttpResponse {
    let index = &app.index;
    let mut pairs = match query_pairs(&uri, &headers, &app, "/decode") {
        Ok(pairs) => pairs,
        Err(page) => return *page,
    };
    let locale = language(&pairs, &headers, app.fallback);
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let status = rejection.status();
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                words(locale).too_large
            } else {
                words(locale).nothing_to_decode
            };
            return problem_page(locale, index, "/", status, message);
        }
    };
    match self::pairs(&body) {
        // The form's fields first, then the URL's (its `lang`).
        Some(form) => {
            let mut form = form;
            form.append(&mut pairs);
            decode_page(&app, &form, &headers)
        }
        None => problem_page(locale, index, "/", StatusCode::BAD_REQUEST, words(locale).bad_utf8),
    }
}

/// Decodes the `body` field (a whole response body) or the `ret` and `msg` fields, in the layer
/// of the `via` field when it names one.
fn decode_page(app: &App, pairs: &[(String, String)], headers: &HeaderMap) -> HttpResponse {
    let index = &app.index;
    let locale = language(pairs, headers, app.fallback);
    let w = words(locale);
    let field = |name: &str| value(pairs, name).unwrap_or_default().to_owned();
    let filled =
        Filled { body: field("body"), ret: field("ret"), msg: field("msg"), via: field("via"), ..Filled::default() };
    let bad = |message: &str, filled: &Filled| {
        let here = Here { path: "/", params: Vec::new(), pasted: false };
        html(StatusCode::BAD_REQUEST, page::layout(locale, message, &here, filled, index, page::problem(message)))
    };
    let via = match filled.via.trim() {
        "" => None,
        id => match id.parse::<Layer>() {
            Ok(layer) => Some(layer),
            Err(err) => return bad(&crate::cut_quoted(&err.to_string()), &filled),
        },
    };
    let response = if !filled.body.trim().is_empty() {
        match Response::from_json(filled.body.trim().as_bytes()) {
            Ok(response) => response,
            Err(err) => return bad(&format!("{} ({})", w.bad_response, crate::cut_quoted(&err.to_string())), &filled),
        }
    } else if !filled.ret.trim().is_empty() {
        match filled.ret.trim().parse::<i32>() {
            Ok(ret) => Response::new(ret, filled.msg.clone()),
            Err(_) => return bad(w.bad_ret, &filled),
        }
    } else {
        return bad(w.nothing_to_decode, &filled);
    };
    let mut params = vec![("ret", response.ret.to_string()), ("msg", response.msg.clone())];
    if let Some(via) = via {
        params.push(("via", via.id().to_owned()));
    }
    let here = Here { path: "/decode", params, pasted: true };
    let title = format!("ret {}", response.ret);
    let main = page::decoded(locale, index, &response, via);
    html(StatusCode::OK, page::layout(locale, &title, &here, &filled, index, main))
}

async fn code_page(State(app): Shared, uri: Uri, headers: HeaderMap) -> HttpResponse {
    let index = &app.index;
    let pairs = match query_pairs(&uri, &headers, &app, "/") {
        Ok(pairs) => pairs,
        Err(page) => return *page,
    };
    let locale = language(&pairs, &headers, app.fallback);
    let w = words(locale);
    let segments: Vec<&str> = uri.path().trim_start_matches('/').split('/').collect();
    let (Some(layer), Some(code)) = (segments.get(1), segments.get(2)) else {
        return problem_page(locale, index, "/", StatusCode::NOT_FOUND, w.not_found);
    };
    let (Some(layer), Some(code)) = (form_decode(layer.as_bytes()), form_decode(code.as_bytes())) else {
        return problem_page(locale, index, "/", StatusCode::BAD_REQUEST, w.bad_utf8);
    };
    let Some(found) = code.parse::<i64>().ok().and_then(|code| index.entry(&layer, code)) else {
        return problem_page(locale, index, "/", StatusCode::NOT_FOUND, w.no_such_code);
    };
    let path = uri.path().to_owned();
    let here = Here { path: &path, params: Vec::new(), pasted: false };
    let title = format!("{} {} {}", found.layer.id, found.entry.code(), found.entry.name);
    html(
        StatusCode::OK,
        page::layout(locale, &title, &here, &Filled::default(), index, page::code_page(locale, index, found)),
    )
}

async fn not_found(State(app): Shared, uri: Uri, headers: HeaderMap) -> HttpResponse {
    let index = &app.index;
    let pairs = pairs(uri.query().unwrap_or_default().as_bytes()).unwrap_or_default();
    let locale = language(&pairs, &headers, app.fallback);
    problem_page(locale, index, "/", StatusCode::NOT_FOUND, words(locale).not_found)
}

async fn method_not_allowed(State(app): Shared, method: Method, uri: Uri, headers: HeaderMap) -> HttpResponse {
    let index = &app.index;
    let pairs = pairs(uri.query().unwrap_or_default().as_bytes()).unwrap_or_default();
    let locale = language(&pairs, &headers, app.fallback);
    let message = format!("{} ({method})", words(locale).method_not_allowed);
    problem_page(locale, index, "/", StatusCode::METHOD_NOT_ALLOWED, &message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_language_comes_from_the_url_then_the_browser() {
        let lang = |tag: &str| vec![("lang".to_owned(), tag.to_owned())];
        assert_eq!(language(&lang("ko"), &header("ja"), Locale::En), Locale::Ko);
        assert_eq!(language(&lang("fr"), &header("ja-JP,ja;q=0.9"), Locale::En), Locale::Ja);
        assert_eq!(language(&[], &header("fr-FR, de;q=0.9, zh-CN;q=0.5, ja;q=0.8"), Locale::En), Locale::Ja);
        assert_eq!(language(&[], &header("ko;q=0, fr"), Locale::En), Locale::En);
        assert_eq!(language(&[], &header("fr"), Locale::Zh), Locale::Zh);
        assert_eq!(language(&[], &HeaderMap::new(), Locale::Ko), Locale::Ko);
    }

    #[test]
    fn forms_decode_and_refuse_invalid_utf8() {
        assert_eq!(
            pairs(b"q=%E6%A8%A9+x&lang=ja&flag"),
            Some(vec![("q".into(), "権 x".into()), ("lang".into(), "ja".into()), ("flag".into(), String::new())])
        );
        assert_eq!(pairs(b"q=%FF"), None);
        assert_eq!(pairs(b"q=\xff"), None);
    }
}
