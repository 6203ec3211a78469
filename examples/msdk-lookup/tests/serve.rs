//! `msdk-lookup serve`, reached over HTTP on loopback as a browser reaches it: every route, the
//! page's language, a team's files, and bad input (status and message, never a dropped
//! connection).

mod common;

use std::process::Command;

use common::{Page, Server};
use serde_json::Value;

fn ok(page: Page) -> Page {
    assert_eq!(page.status, 200, "{}", page.body);
    page
}

fn text(page: &Page, id: &str) -> String {
    page.text_of(id).unwrap_or_else(|| panic!("no element #{id} in:\n{}", page.body))
}

/// The CLI's JSON export, to hold the pages to the same catalog.
fn export(locale: &str) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_msdk-lookup"))
        .args(["export", "--format", "json", "--locale", locale])
        .output()
        .expect("msdk-lookup runs");
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).expect("the export is JSON")
}

const FAQ_BODY: &str = r#"{"ret":-10000,"msg":"-73,the user modify password wrong"}"#;

fn form(fields: &[(&str, &str)]) -> Vec<u8> {
    let encode = |text: &str| {
        text.bytes()
            .map(|byte| match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (byte as char).to_string(),
                b' ' => "+".to_owned(),
                _ => format!("%{byte:02X}"),
            })
            .collect::<String>()
    };
    fields.iter().map(|(name, value)| format!("{name}={}", encode(value))).collect::<Vec<_>>().join("&").into_bytes()
}

#[test]
fn the_home_page_lists_every_layer_and_keeps_the_browser_to_it() {
    let server = Server::start(&[]);
    let page = ok(server.get("/", &[]));
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    let policy = page.header("content-security-policy").expect("a content security policy");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(!page.body.contains("<script"), "the page has no script");
    assert!(page.body.contains("<html lang=\"en\">"));
    for layer in export("en")["layers"].as_array().unwrap() {
        let id = layer["id"].as_str().unwrap();
        assert!(page.body.contains(&format!("<span class=\"code\">{id}</span>")), "layer {id} missing");
    }
    assert!(!page.body.contains("class=\"team\""), "no team's files were given");
}

#[test]
fn the_language_comes_from_the_browser_and_the_url_keeps_it() {
    let server = Server::start(&[]);
    let page = ok(server.get("/", &[("Accept-Language", "fr-FR,ja;q=0.8,en;q=0.5")]));
    assert!(page.body.contains("<html lang=\"ja\">"));
    assert!(page.body.contains("MSDK エラーコード検索"));
    let page = ok(server.get("/?lang=ko", &[("Accept-Language", "ja")]));
    assert!(page.body.contains("<html lang=\"ko\">"));
    assert!(page.body.contains("MSDK 오류 코드 조회"));
    // Every link and form of a page carries its language; the switch shows the same page in another.
    let page = ok(server.get("/search?q=token&lang=zh", &[]));
    assert!(page.body.contains("<input type=\"hidden\" name=\"lang\" value=\"zh\">"));
    assert!(page.body.contains("href=\"/search?q=token&amp;lang=ja\""), "{}", page.body);
    let links: Vec<&str> = page.body.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert!(links.iter().filter(|link| link.starts_with("/code/")).count() > 1, "{links:?}");
    for link in &links {
        let switch = ["lang=en", "lang=ja", "lang=ko"].iter().any(|tag| link.ends_with(tag));
        assert!(link.ends_with("lang=zh") || switch, "{link} leaves the language");
    }
    let unknown = ok(server.get("/?lang=fr", &[]));
    assert!(unknown.body.contains("<html lang=\"en\">"), "an unknown lang falls back");
    // `--locale` is the language of a browser that asks for none of the four.
    let korean = Server::start(&["--locale", "ko"]);
    assert!(ok(korean.get("/", &[("Accept-Language", "fr")])).body.contains("<html lang=\"ko\">"));
    assert!(ok(korean.get("/", &[("Accept-Language", "zh-CN")])).body.contains("<html lang=\"zh\">"));
}

#[test]
fn searching_a_code_finds_it_in_every_table_that_has_it() {
    let server = Server::start(&[]);
    let page = ok(server.get("/search?q=-303&lang=ja", &[]));
    let results = text(&page, "results");
    assert!(
        results.contains("access -303 AppidNoPermission fix_config このappidはmsdkでは権限がありません"),
        "{results}"
    );
    assert_eq!(text(&page, "count"), "1 件");
    // 100030 is in two tables of the QQ channel.
    let page = ok(server.get("/search?q=100030", &[]));
    let results = text(&page, "results");
    assert!(results.contains("qq_platform 100030 UserAuthorizationMissing"), "{results}");
    assert!(results.contains("share_qq 100030 HeartRecipientNotFriend"), "{results}");
}

#[test]
fn searching_words_finds_them_in_any_language() {
    let server = Server::start(&[]);
    // 権限 (permission), typed by a Japanese user, the page in English.
    let page = ok(server.get("/search?q=%E6%A8%A9%E9%99%90", &[]));
    let results = text(&page, "results");
    assert!(results.contains("AppidNoPermission fix_config This appid has no permissions in msdk"), "{results}");
    let count: usize = text(&page, "count").split(' ').next().unwrap().parse().unwrap();
    let ja = export("ja");
    let expected = ja["layers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|layer| layer["entries"].as_array().unwrap())
        .filter(|entry| {
            ["message", "advice", "note"]
                .iter()
                .any(|key| entry[key].as_str().is_some_and(|text| text.contains("権限")))
        })
        .count();
    assert!(count >= expected && expected > 0, "{count} results, {expected} entries say 権限 in Japanese");
    // Every word must match, in any case.
    let page = ok(server.get("/search?q=APPID+permissions", &[]));
    assert!(text(&page, "results").contains("AppidNoPermission"));
    let page = ok(server.get("/search?q=appid+no-such-word-anywhere", &[]));
    assert_eq!(text(&page, "no-results"), "No code matches.");
}

#[test]
fn a_pasted_response_is_decoded_with_what_the_server_said() {
    let server = Server::start(&[]);
    let page = ok(server.post("/decode?lang=en", &form(&[("body", FAQ_BODY), ("ret", ""), ("msg", ""), ("via", "")])));
    assert_eq!(text(&page, "layer"), "Layer qq_platform (Mobile QQ platform)");
    assert_eq!(text(&page, "code"), "Code -73");
    assert_eq!(text(&page, "name"), "Name AccessTokenPasswordChanged");
    assert_eq!(
        text(&page, "action"),
        "Action reauthorize — the login is no longer valid: the player must authorize again"
    );
    assert_eq!(text(&page, "err_type"), "err_type 2 (re-authorize)");
    assert!(text(&page, "message").contains("password was changed"));
    assert_eq!(text(&page, "said-detail"), "detail the user modify password wrong");
    // The pasted body stays in the form, escaped.
    assert!(page.body.contains(
        "{&quot;ret&quot;:-10000,&quot;msg&quot;:&quot;-73,the user modify password wrong&quot;}</textarea>"
    ));
    // In Chinese, from a ret and a msg.
    let page = ok(server
        .post("/decode", &form(&[("ret", "-10000"), ("msg", "-73,the user modify password wrong"), ("lang", "zh")])));
    assert!(page.body.contains("<html lang=\"zh\">"));
    assert!(text(&page, "action").contains("登录已失效"), "{}", text(&page, "action"));
    // WeChat's rid and hint.
    let page = ok(server.get(
        "/decode?ret=-20000&msg=40001%2Cinvalid+credential%2C+hint%3A+%5BBq0Xya0297ge13%5D+rid%3A+64b8f1e0-2b1c",
        &[],
    ));
    assert_eq!(text(&page, "name"), "Name CredentialInvalid");
    assert_eq!(text(&page, "said-rid"), "rid 64b8f1e0-2b1c");
    assert_eq!(text(&page, "said-hint"), "hint Bq0Xya0297ge13");
    let page = ok(server.get("/decode?ret=0", &[]));
    assert_eq!(text(&page, "result"), "Success (ret 0): nothing to handle.");
}

#[test]
fn a_code_of_several_meanings_links_each_via() {
    let server = Server::start(&[]);
    let page = ok(server.get("/decode?ret=-10000&msg=100030", &[]));
    let meanings = text(&page, "meanings");
    assert!(meanings.contains("qq_platform (-10000) 100030 UserAuthorizationMissing"), "{meanings}");
    assert!(meanings.contains("share_qq (-10000) 100030 HeartRecipientNotFriend"), "{meanings}");
    // A button that posts the response again with that via: what was pasted stays out of links.
    let button = concat!(
        r#"<form class="inline" method="post" action="/decode"><input type="hidden" name="ret" value="-10000">"#,
        r#"<input type="hidden" name="msg" value="100030"><input type="hidden" name="via" value="share_qq">"#,
        r#"<input type="hidden" name="lang" value="en"><button type="submit" class="link code">share_qq (-10000)</button></form>"#,
    );
    assert!(page.body.contains(button), "{}", page.body);
    let page =
        ok(server.post("/decode", &form(&[("ret", "-10000"), ("msg", "100030"), ("via", "share_qq"), ("lang", "en")])));
    assert_eq!(text(&page, "name"), "Name HeartRecipientNotFriend");
    assert!(page.body.contains("<option value=\"share_qq\" selected>"));
}

#[test]
fn an_unknown_code_keeps_what_the_server_sent_and_suggests_known_ones() {
    let server = Server::start(&[]);
    let page = ok(server.get("/decode?ret=-10000&msg=-88888%2Csomething+new", &[]));
    assert_eq!(text(&page, "result"), "Unknown code: no table of the bundled catalog has it.");
    assert_eq!(text(&page, "platform-code"), "Platform code -88888");
    assert_eq!(text(&page, "said-detail"), "detail something new");
    assert!(text(&page, "action").starts_with("Action contact_support"));
    let page = ok(server.get("/decode?ret=503", &[]));
    let suggestions = text(&page, "suggestions");
    assert!(suggestions.contains("-503 FrequencyLimit backoff"), "{suggestions}");
    let page = ok(server.get("/decode?ret=-10000&msg=32%2C+not+friend", &[]));
    assert_eq!(text(&page, "known-in"), "Known in share_qq");
    assert!(text(&page, "suggestions").contains("share_qq (-10000) 32 TargetNotFriendOrNotFollowing"));
}

#[test]
fn every_code_has_a_page_with_its_texts_in_every_language_and_its_handler_method() {
    let server = Server::start(&[]);
    let page = ok(server.get("/code/access/-303?lang=ja", &[]));
    assert_eq!(text(&page, "title"), "access -303 AppidNoPermission");
    assert_eq!(
        text(&page, "handler"),
        "Handler メソッド Handler::access_appid_no_permission (既定で呼ぶもの Handler::fix_config)"
    );
    let exports: Vec<Value> = ["en", "zh", "ja", "ko"].into_iter().map(export).collect();
    let mut pages = 0;
    for (layer_index, layer) in exports[0]["layers"].as_array().unwrap().iter().enumerate() {
        let id = layer["id"].as_str().unwrap();
        for (entry_index, entry) in layer["entries"].as_array().unwrap().iter().enumerate() {
            let code = entry["codes"][0].as_i64().unwrap();
            let page = server.get(&format!("/code/{id}/{code}"), &[]);
            assert_eq!(page.status, 200, "/code/{id}/{code}");
            let languages = text(&page, "languages");
            for (tag, export) in ["en", "zh", "ja", "ko"].iter().zip(&exports) {
                let entry = &export["layers"][layer_index]["entries"][entry_index];
                let row = text(&page, &format!("in-{tag}"));
                let message = common::plain_text(entry["message"].as_str().unwrap());
                assert!(row.contains(&message), "{id} {code} {tag}: {row} lacks {message}");
                assert!(languages.contains(&row));
            }
            pages += 1;
        }
    }
    assert!(pages > 400, "{pages} pages: the whole catalog");
    // Another of an entry's codes reaches the same page.
    let page = ok(server.get("/code/qq_group/-500005", &[]));
    assert!(text(&page, "code").contains("-500003~-500009"), "{}", text(&page, "code"));
}

#[test]
fn bad_input_gets_a_clear_message_and_the_right_status() {
    let server = Server::start(&[]);
    let cases: &[(&str, &[u8], u16, &str)] = &[
        ("GET", b"/search?q=", 400, "Type a code such as -303"),
        ("GET", b"/search?q=+++", 400, "Type a code such as -303"),
        ("GET", b"/search?q=%FF%FE", 400, "not valid UTF-8"),
        ("GET", b"/decode", 400, "Paste a response body"),
        ("GET", b"/decode?ret=abc", 400, "fits 32 bits"),
        ("GET", b"/decode?ret=99999999999", 400, "fits 32 bits"),
        ("GET", b"/decode?body=%7B%22ret%22%3A", 400, "not an MSDK response"),
        ("GET", b"/decode?ret=1&via=share_weibo", 400, "unknown layer `share_weibo`"),
        ("GET", b"/no/such/page", 404, "no such page"),
        ("GET", b"/code/access/1", 404, "no such code"),
        ("GET", b"/code/share_weibo/1", 404, "no such code"),
        ("GET", b"/code/access/abc", 404, "no such code"),
        ("GET", b"/code/%FF/1", 400, "not valid UTF-8"),
        ("GET", b"/../../etc/passwd", 404, "no such page"),
        ("DELETE", b"/search", 405, "cannot be reached that way"),
        ("POST", b"/decode", 400, "Paste a response body"),
    ];
    for &(method, target, status, message) in cases {
        let page = server.request(method, target, &[], b"");
        let shown = String::from_utf8_lossy(target);
        assert_eq!(page.status, status, "{method} {shown}: {}", page.body);
        assert!(text(&page, "problem").contains(message), "{method} {shown}: {}", text(&page, "problem"));
    }
    let page = server.post("/decode", b"body=\xff\xfe");
    assert_eq!(page.status, 400);
    assert!(text(&page, "problem").contains("not valid UTF-8"));
    let page = server.post("/decode", b"body=%C3%28");
    assert_eq!(page.status, 400);
    // A body of 10 MB is refused without being read whole.
    let huge = vec![b'a'; 10 * 1024 * 1024];
    let page = server.post("/decode", &huge);
    assert_eq!(page.status, 413, "{}", page.body);
    assert!(text(&page, "problem").contains("too large"));
    // Markup in a query is shown as text.
    let page = ok(server.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &[]));
    assert!(!page.body.contains("<script>"));
    assert!(page.body.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
    // The server is still there.
    ok(server.get("/", &[]));
}

#[test]
fn a_teams_files_are_shown_beside_the_bundled_catalog_and_marked() {
    let server = Server::start(&["--extend", "tests/data/team"]);
    let home = ok(server.get("/", &[]));
    assert!(home.body.contains("<span class=\"code\">team_shop</span><span class=\"team\">team</span>"));
    let page = ok(server.get("/search?q=%E5%9C%A8%E5%BA%AB%E5%88%87%E3%82%8C&lang=ja", &[]));
    let results = text(&page, "results");
    assert!(results.contains("team_shop -9001チーム OutOfStock user_limit 商品は在庫切れです"), "{results}");
    let page = ok(server.get("/code/team_shop/9011", &[]));
    assert_eq!(text(&page, "title"), "team_shop -9002 PriceChangedteam");
    assert_eq!(text(&page, "team-file"), "From the team's file tests/data/team/team_shop.toml:32:1team");
    assert!(text(&page, "handler").contains("Handler::team_shop_price_changed"));
    // A note written in English only: the other languages say so.
    assert!(text(&page, "in-en").contains("Happens during sales"));
    assert!(text(&page, "in-ja").ends_with("(not written)"), "{}", text(&page, "in-ja"));
    // A response decodes with the team's files, as in a crate that extends the catalog with them.
    let page = ok(server.get("/decode?ret=-9001", &[]));
    assert_eq!(text(&page, "name"), "Name OutOfStock");
    assert!(text(&page, "layer").contains("team_shop"), "{}", text(&page, "layer"));
    assert!(page.body.contains("href=\"/code/team_shop/-9001?lang=en\""));
    // A code that no file has is unknown.
    let page = ok(server.get("/decode?ret=-9050", &[]));
    assert!(text(&page, "result").starts_with("Unknown code"));
}

#[test]
fn a_teams_files_with_problems_are_refused_with_the_macros_messages() {
    let output = Command::new(env!("CARGO_BIN_EXE_msdk-lookup"))
        .args(["serve", "--addr", "127.0.0.1:0", "--extend", "tests/data/broken"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("msdk-lookup runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("tests/data/broken/share_qq.toml:16:10: unknown action `user_limt`"), "{stderr}");
    assert!(output.stdout.is_empty(), "it did not start");
    let output = Command::new(env!("CARGO_BIN_EXE_msdk-lookup"))
        .args(["serve", "--addr", "127.0.0.1:0", "--extend", "tests/data/no-such-folder"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("msdk-lookup runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("error: cannot read tests/data/no-such-folder"));
}
